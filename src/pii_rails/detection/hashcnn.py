"""A NER's own HashEmbedCNN tok2vec, run without thinc's per-layer dispatch.

A small pipeline's NER embeds its tokens itself: four hash embeddings
(NORM, PREFIX, SUFFIX, SHAPE), a maxout and a layer norm to mix them, then
four residual CNN blocks (a window of one token each side, maxout, layer
norm), and a linear layer to the parser model's width. On a 30-token text the
arithmetic is small and thinc's dispatch (``Model.__call__``, a backprop
closure per layer, ``chain`` and ``with_array`` wrappers: ~70 calls a text) is
about as dear as the matrix products.

:func:`layer` gives a callable, used as the layer is, that computes the same output with the same
``NumpyOps`` calls (hash, ``gather_add``, BLIS ``gemm``, ``maxout``,
``seq2col``, the same flatten and padding) on the same arrays, in the same
order, and the layer norm with the expressions thinc 8's layer uses, so the
floats are thinc's bit for bit. It vouches only for that exact architecture,
checked node by node on each layer's forward function: any other tok2vec (a
listener, static vectors, a character embedding, another backend) gets
``None`` and keeps thinc's own call.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, cast

import numpy
import thinc
from thinc.backends.numpy_ops import NumpyOps

# The layer norm below is written out: it is thinc 8's expression.
_THINC8 = thinc.__version__.split(".")[0] == "8"
# numpy 2's var() takes the mean it would compute.
_VAR_TAKES_MEAN = int(numpy.__version__.split(".")[0]) >= 2


def _forward_of(module: str) -> Optional[Callable[..., Any]]:
    try:
        return getattr(importlib.import_module(module), "forward", None)
    except ImportError:
        return None


_F = {
    name: _forward_of(module)
    for name, module in {
        "chain": "thinc.layers.chain",
        "with_array": "thinc.layers.with_array",
        "concatenate": "thinc.layers.concatenate",
        "getitem": "thinc.layers.array_getitem",
        "hashembed": "thinc.layers.hashembed",
        "maxout": "thinc.layers.maxout",
        "layernorm": "thinc.layers.layernorm",
        "dropout": "thinc.layers.dropout",
        "expand_window": "thinc.layers.expand_window",
        "residual": "thinc.layers.residual",
        "list2ragged": "thinc.layers.list2ragged",
        "ragged2list": "thinc.layers.ragged2list",
        "list2array": "thinc.layers.list2array",
        "linear": "thinc.layers.linear",
        "features": "spacy.ml.featureextractor",
    }.items()
}


def _is(node: Any, kind: str) -> bool:
    return _F[kind] is not None and getattr(node, "_func", None) is _F[kind]


def _flat(node: Any) -> List[Any]:
    """``node``'s layers in order, nested chains opened (a chain is its layers run in turn)."""
    if _is(node, "chain"):
        return [leaf for child in node.layers for leaf in _flat(child)]
    return [node]


def _expect(node: Any, kind: str) -> Any:
    if not _is(node, kind):
        raise ValueError(kind)
    return node


def _inner(node: Any, kind: str) -> List[Any]:
    """The opened layers of the one-child wrapper ``node`` (with_array, residual)."""
    _expect(node, kind)
    if len(node.layers) != 1:
        raise ValueError(kind)
    return _flat(node.layers[0])


@dataclass(frozen=True)
class _Norm:
    """A maxout then a layer norm (then dropouts, which do nothing outside training)."""

    W: Any  # (nO * nP, nI), as maxout's forward reshapes it
    b: Any  # (nO * nP,)
    nO: int
    nP: int
    G: Any
    beta: Any

    @classmethod
    def of(cls, layers: Sequence[Any]) -> "_Norm":
        if len(layers) < 2 or not all(_is(d, "dropout") for d in layers[2:]):
            raise ValueError("maxout>>layernorm")
        maxout, norm = _expect(layers[0], "maxout"), _expect(layers[1], "layernorm")
        W, b = maxout.get_param("W"), maxout.get_param("b")
        nO, nP, nI = W.shape
        return cls(W.reshape(nO * nP, nI), b.reshape(nO * nP), nO, nP, norm.get_param("G"), norm.get_param("b"))

    def __call__(self, ops: NumpyOps, X: Any) -> Any:
        Y = ops.gemm(X, self.W, trans2=True)
        Y += self.b
        best, _ = ops.maxout(Y.reshape(Y.shape[0], self.nO, self.nP))
        # thinc 8's layer norm, expression for expression; its moments are numpy's mean() and
        # var(), taken by their own ufunc calls where numpy 2's are known (see _moments).
        if _VAR_TAKES_MEAN:
            _, centred, var = _moments(best)
        else:
            mu = best.mean(axis=1, keepdims=True)
            var = best.var(axis=1, keepdims=True)
            centred = best - mu
        var += 1e-08
        out = centred * var ** (-1.0 / 2.0)
        out = out * self.G
        out += self.beta
        return out


def _moments(best: Any) -> Tuple[Any, Any, Any]:
    """``best.mean(axis=1, keepdims=True)``, ``best - mean`` and ``best.var(axis=1, keepdims=True,
    mean=mean)``, by the ufunc calls numpy 2's ``_mean`` and ``_var`` make for a float array (the
    same sums, the divisions by the same ``intp`` count), without their wrappers' argument handling."""
    count = numpy.intp(best.shape[1])
    mean = numpy.add.reduce(best, axis=1, keepdims=True)
    numpy.true_divide(mean, count, out=mean, casting="unsafe", subok=False)
    centred = numpy.subtract(best, mean)
    squares = numpy.square(centred)
    var = numpy.add.reduce(squares, axis=1, keepdims=True)
    # ``_var`` divides by ``maximum(count - ddof, 0)``: ``count`` itself (an ``intp``) here.
    numpy.true_divide(var, count, out=var, casting="unsafe", subok=False)
    return mean, centred, var


@dataclass(frozen=True)
class _Plan:
    ops: NumpyOps
    columns: Any
    embeds: Tuple[Tuple[Any, int, Any], ...]  # (the getitem's index, seed, table)
    mix: _Norm
    pad: int
    blocks: Tuple[Tuple[int, _Norm], ...]  # (window, maxout and norm)
    W: Any  # the final linear layer's, or None: a tok2vec component's vectors, one array per Doc
    b: Any
    params: Tuple[Tuple[Any, str, Any], ...]  # (node, name, array): every parameter read


def _plan(tok2vec: Any) -> _Plan:
    layers = _flat(tok2vec)
    # A NER's own tok2vec ends in list2array and a linear layer; a tok2vec component's
    # stops at the encoder, which gives each Doc its vectors.
    if len(layers) not in (6, 8):
        raise ValueError("layers")
    features, to_ragged, embed, mix, to_list, encode = layers[:6]
    linear = _expect(layers[7], "linear") if len(layers) == 8 else None
    if linear is not None:
        _expect(layers[6], "list2array")
    _expect(features, "features")
    _expect(to_ragged, "list2ragged")
    _expect(to_list, "ragged2list")
    (concat,) = _inner(embed, "with_array")
    _expect(concat, "concatenate")
    embeds = []
    for branch in concat.layers:
        pieces = _flat(branch)
        if len(pieces) != 2:
            raise ValueError("getitem>>hashembed")
        getitem, table = _expect(pieces[0], "getitem"), _expect(pieces[1], "hashembed")
        index = getitem.attrs["index"]
        if not (
            isinstance(index, tuple)
            and len(index) == 2
            and isinstance(index[0], slice)
            and isinstance(index[1], int)
            and not isinstance(index[1], bool)
        ):
            raise ValueError("getitem index")
        embeds.append((index, int(table.attrs["seed"]), table.get_param("E")))
    blocks = []
    for block in _inner(encode, "with_array"):
        window, *rest = _inner(block, "residual")
        _expect(window, "expand_window")
        blocks.append((int(window.attrs["window_size"]), _Norm.of(rest)))
    nodes = list(tok2vec.walk())
    ops = nodes[0].ops
    if not all(type(n.ops) is NumpyOps and n.ops.use_blis == ops.use_blis for n in nodes):
        raise ValueError("ops")
    params = tuple((n, name, n.get_param(name)) for n in nodes for name in n.param_names if n.has_param(name))
    return _Plan(
        ops=ops,
        columns=features.attrs["columns"],
        embeds=tuple(embeds),
        mix=_Norm.of(_inner(mix, "with_array")),
        pad=int(encode.attrs["pad"]),
        blocks=tuple(blocks),
        W=None if linear is None else linear.get_param("W"),
        b=None if linear is None else linear.get_param("b"),
        params=params,
    )


def _rows(lengths: Sequence[int], pad: int) -> Tuple[Any, int]:
    """Each token's row among the Docs padded as ``ops.flatten(..., pad=pad)`` pads them, and their height."""
    kept = [n for n in lengths if n]  # flatten leaves empty Docs out, padding included
    rank = numpy.repeat(numpy.arange(len(kept)), kept)
    return numpy.arange(len(rank)) + pad * (rank + 1), len(rank) + pad * (len(kept) + 1)


def _forward(plan: _Plan, docs: Sequence[Any]) -> Any:
    """The tok2vec's output for ``docs``: thinc's ops, in thinc's order, on the same arrays."""
    ops = plan.ops
    feats = []
    for doc in docs:
        attrs = doc.to_array(plan.columns)
        if attrs.ndim == 1:
            attrs = attrs.reshape((attrs.shape[0], 1))
        feats.append(ops.asarray2i(attrs, dtype="uint64"))
    X = ops.flatten(feats)
    vectors = []
    for index, seed, table in plan.embeds:
        ids = ops.as_contig(X[index], dtype="uint64")
        vectors.append(ops.gather_add(table, ops.hash(ids, seed) % table.shape[0]))
    H = plan.mix(ops, ops.xp.hstack(vectors))
    # thinc splits the rows into Docs and joins them again with ``pad`` zero rows around each
    # non-empty one (the CNN windows must not reach the next Doc), then drops those rows: the
    # same copies, done by index.
    rows, height = _rows([len(x) for x in feats], plan.pad)
    padded = numpy.zeros((height, H.shape[1]), H.dtype)
    padded[rows] = H
    for window, norm in plan.blocks:
        padded = padded + norm(ops, ops.seq2col(padded, window))
    H = padded[rows]
    if plan.W is None:
        # with_array's unflatten: each Doc's rows, in order (an empty Doc gets none).
        ends = numpy.cumsum([len(x) for x in feats])
        return [H[end - len(x) : end] for x, end in zip(feats, ends, strict=True)]
    Y = ops.gemm(H, plan.W, trans2=True)
    Y += plan.b
    return Y


# Per tok2vec model (thinc's model ids are never reused), its plan: checked node by node
# once (a loaded pipeline's layers are not rebuilt in place), and reused while every
# parameter it read is still the model's (loading weights replaces them). Bounded, as the
# plans hold the parameters of pipelines that may be dropped.
_PLANS: Dict[int, Optional[_Plan]] = {}
_KEPT = 8


def _cached_plan(tok2vec: Any) -> Optional[_Plan]:
    if tok2vec.id in _PLANS:
        plan = _PLANS[tok2vec.id]
        if plan is None or all(node.get_param(name) is array for node, name, array in plan.params):
            return plan
    try:
        plan = _plan(tok2vec)
    # ValueError also says the tok2vec is not the architecture this module reproduces.
    except (AttributeError, KeyError, ValueError, TypeError):
        plan = None
    _PLANS.pop(tok2vec.id, None)
    _PLANS[tok2vec.id] = plan
    while len(_PLANS) > _KEPT:
        del _PLANS[next(iter(_PLANS))]
    return plan


class Fused:
    """Called as ``tok2vec(docs, is_train)`` is (prediction only), with thinc's floats."""

    def __init__(self, tok2vec: Any, plan: _Plan) -> None:
        self.tok2vec, self.plan = tok2vec, plan

    def __call__(self, docs: Sequence[Any], is_train: bool = False) -> Tuple[Any, Callable[[Any], Any]]:
        if is_train or not any(len(doc) for doc in docs):
            return cast(Tuple[Any, Callable[[Any], Any]], self.tok2vec(docs, is_train))
        return _forward(self.plan, docs), _no_backprop

    def predict(self, docs: Sequence[Any]) -> Any:
        return self(docs)[0]


def _no_backprop(_: Any) -> Any:
    raise NotImplementedError("pii_rails' fused tok2vec is for prediction only")


def layer(tok2vec: Any) -> Optional[Fused]:
    """``tok2vec`` run without thinc's dispatch, or ``None`` when this module cannot vouch for it."""
    if not _THINC8:
        return None
    plan = _cached_plan(tok2vec)
    return None if plan is None else Fused(tok2vec, plan)


def run_component(proc: Any, docs: List[Any], batch_size: int) -> bool:
    """Run spaCy's ``tok2vec`` component ``proc`` on ``docs`` in place, as ``proc(doc)`` (one) or
    ``proc.pipe`` (several, in its batches) would, its model fused; ``False`` (nothing done)
    when it is not that component or this module cannot vouch for its model.

    The tagger and the parser read the vectors from ``doc.tensor`` (their listeners do, outside
    training), which is all the component sets.
    """
    from spacy.pipeline import Tok2Vec
    from spacy.util import minibatch

    if type(proc) is not Tok2Vec or {"predict", "set_annotations"} & set(vars(proc)):
        return False
    fused = layer(proc.model)
    if fused is None or fused.plan.W is not None:
        return False
    for batch in [docs] if len(docs) == 1 else minibatch(docs, size=batch_size):
        try:
            proc.set_annotations(batch, fused.predict(batch) if any(len(doc) for doc in batch) else proc.predict(batch))
        except Exception as exc:
            proc.get_error_handler()(proc.name, proc, batch, exc)
    return True
