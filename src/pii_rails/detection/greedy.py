"""spaCy's greedy transition loop (the NER, the parser), stepped from Python with the GIL held.

spaCy 3.8's wheels are built with Cython 3, and there every query of a parse
state inside the compiled loop (``StateC.B``, asked for each of the NER's 74
moves to see which are valid) takes the GIL and gives it back. The loop runs
without the GIL, so each query is a mutex round trip, hundreds per token: a
token cost ~47 microseconds there, ~18 stepped from here, where the GIL is
held and the same query is a thread-local check.

:func:`predict` takes each step with spaCy's own pieces, in the compiled
loop's order: the parse state's feature ids (``get_token_ids``), the hidden
layer from the precomputed features (``state2vec``: the same ``saxpy`` sums,
bias and maxout), the output layer by the same BLIS ``gemm`` call, its bias,
unseen classes set to the lowest score, and the move chosen and applied by the
compiled ``transition_states``. The scores are the compiled loop's bit for
bit, so the entities are the same. A component this cannot vouch for
(another backend, a beam, no maxout or no output layer) keeps spaCy's own call.

The NER's move is chosen without asking the validity of all 74 moves: the
compiled loop takes the first valid move of highest score, so when the first
move of highest score of the whole row is valid, it is that move. It is applied
by name (``apply_transition``, which checks it is valid first and changes
nothing when it is not); only a state whose best move is invalid, or whose
scores hold a NaN, goes through ``transition_states`` as before.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Sequence, Tuple

import blis.py
import numpy
import spacy
from spacy.attrs import ENT_TYPE
from spacy.pipeline._parser_internals.ner import BiluoPushDown
from spacy.pipeline.transition_parser import Parser
from spacy.tokens import Doc
from spacy.util import minibatch
from spacy.ml.parser_model import ParserStepModel
from spacy.ml.tb_framework import forward as _parser_forward
from thinc.backends.numpy_ops import NumpyOps

from pii_rails.detection import hashcnn

# Before 3.8 spaCy was built with Cython 0.29, whose compiled loop does not take the GIL
# per query and is faster than stepping from Python.
_CYTHON3 = tuple(int(p) for p in spacy.about.__version__.split(".")[:2]) >= (3, 8)
# Set when a spaCy release lacks a piece the steps use (they read two private names):
# from then on every component keeps spaCy's own loop.
_UNAVAILABLE: List[str] = []

log = logging.getLogger("pii_rails")

# BLIS's gemm for float32 arrays, without the float/double dispatch of each call (the same function).
_gemm = getattr(blis.py.gemm, "__signatures__", {}).get("const_float2d_t", blis.py.gemm)


def eligible(proc: Any) -> bool:
    """Whether :func:`predict` gives ``proc``'s parse states exactly (checked on each call: settings may change)."""
    if _UNAVAILABLE or not _CYTHON3 or not isinstance(proc, Parser) or proc.cfg.get("beam_width", 1) != 1:
        return False
    model: Any = getattr(proc, "model", None)
    try:
        lower, upper = model.get_ref("lower"), model.get_ref("upper")
        return (
            model.name == "parser_model"
            and bool(model.attrs.get("has_upper"))
            # The compiled loop always takes the maximum of the pieces; the step model
            # applies a ReLU instead when there is a single piece.
            and lower.has_dim("nP") is True
            and lower.get_dim("nP") >= 2
            and upper.name == "linear"
            # The compiled loop multiplies with thinc's CBlas, which is BLIS: so must the steps.
            and all(type(m.ops) is NumpyOps and m.ops.use_blis for m in (model, lower, upper))
        )
    except (AttributeError, KeyError, ValueError):
        return False


def predict(parser: Any, docs: Sequence[Doc]) -> List[Any]:
    """The final parse states of ``docs``, as ``parser.predict`` gives them (see the module's doc)."""
    docs = list(docs)
    if not any(len(doc) for doc in docs):
        return parser.moves.init_batch(docs)
    # As greedy_parse does, less its set_dropout_rate(model, 0.0): dropout acts only in training.
    if not _no_preset_entities(parser, docs):
        parser._ensure_labels_are_added(docs)
    states = parser.moves.init_batch(docs)
    step = _step_model(parser.model, docs)
    try:
        weights, bias = step.vec2scores.get_param("W"), step.vec2scores.get_param("b")
        unseen = numpy.flatnonzero(step._class_mask == 0)
        names = _move_names(parser.moves)
        todo = [state for state in states if not state.is_final()]
        ahead = None
        if names is not None and not unseen.size and step.state2vec.nF == 3 and _rows_independent(weights):
            ahead = _Lookahead(step, weights, bias, states, docs)
        while todo:
            ids = step.get_token_ids(todo)
            if ahead is not None:
                scores = ahead.scores(ids, todo)
            else:
                scores = _gemm(step.state2vec.predict(ids), weights, trans2=True, beta=0.0)
                scores += bias
                if unseen.size:
                    scores[:, unseen] = scores.min()
            todo = _transition(parser, names, todo, scores)
    finally:
        step.clear_memory()
    return states


# Rows scored at once along the path a NER state takes when no entity opens (every token
# outside one: most tokens), and when an open one goes on (entities are a few tokens long).
_AHEAD_OUTSIDE = 32
_AHEAD_INSIDE = 4


class _Lookahead:
    """The NER's scores for the states ahead, several rows per call.

    A NER state's features are three token ids: the next token, the first token of the
    open entity and the token before the next (the last two -1 when no entity is open).
    Its scores are a function of those ids alone, so when a state's ids were not scored
    yet, the rows of the states it would reach if no entity opens (or, inside one, if it
    goes on) are scored with it, by the same calls, and a state reaching one of them
    takes its row: the ids a state has are still asked of spaCy at every step, and any
    not scored yet start a new group. The output layer's rows must not depend on how
    many are multiplied at once (see :func:`_rows_independent`).
    """

    def __init__(self, step: Any, weights: Any, bias: Any, states: List[Any], docs: Sequence[Doc]) -> None:
        self.step, self.weights, self.bias = step, weights, bias
        # Each state's end (its Doc's last token id + 1, as ids count over the batch's Docs).
        ends = numpy.cumsum([len(doc) for doc in docs]).tolist()
        self.ends = {id(state): end for state, end in zip(states, ends, strict=True)}
        self.rows: Dict[Tuple[int, int, int], Tuple[Any, int]] = {}

    def scores(self, ids: Any, todo: List[Any]) -> Any:
        """The scores of the states ``todo`` with the features ``ids``, one row each."""
        keys = [tuple(row) for row in ids.tolist()]
        missing = [(key, self.ends[id(state)]) for key, state in zip(keys, todo, strict=True) if key not in self.rows]
        if missing:
            self._score(missing)
        found = [self.rows[key] for key in keys]
        if len(found) == 1:
            scores, row = found[0]
            return scores[row : row + 1]
        return numpy.vstack([scores[row : row + 1] for scores, row in found])

    def _score(self, missing: List[Tuple[Tuple[int, int, int], int]]) -> None:
        ahead: List[Tuple[int, int, int]] = []
        for (token, first, before), end in dict(missing).items():
            if first < 0:
                ahead += [(t, -1, -1) for t in range(token, min(end, token + _AHEAD_OUTSIDE))]
            elif before == token - 1:
                ahead += [(t, first, t - 1) for t in range(token, min(end, token + _AHEAD_INSIDE))]
            else:  # not a state this reads ahead of: its own row
                ahead.append((token, first, before))
        ahead = [key for key in dict.fromkeys(ahead) if key not in self.rows]
        # In groups no larger than those whose rows were checked to be the rows alone.
        for start in range(0, len(ahead), _AHEAD_OUTSIDE):
            group = ahead[start : start + _AHEAD_OUTSIDE]
            hidden = self.step.state2vec.predict(numpy.array(group, dtype="i"))
            scores = _gemm(hidden, self.weights, trans2=True, beta=0.0)
            scores += self.bias
            for row, key in enumerate(group):
                self.rows[key] = (scores, row)


# The output layers found to give each row the same floats however many rows are multiplied
# at once, by id, the array kept so the id is not reused.
_INDEPENDENT: Dict[int, Tuple[Any, bool]] = {}


def _rows_independent(weights: Any) -> bool:
    """Whether BLIS gives each row of ``hidden @ weights.T`` the same floats alone as in a group of
    up to ``_AHEAD_OUTSIDE`` rows (it does where its kernels sum each row's products in one order),
    checked once per weights array on random rows: scoring rows ahead must not change a score."""
    entry = _INDEPENDENT.get(id(weights))
    if entry is None or entry[0] is not weights:
        rng = numpy.random.default_rng(0)
        same = True
        for count in range(2, _AHEAD_OUTSIDE + 1):
            hidden = rng.standard_normal((count, weights.shape[1])).astype(weights.dtype)
            together = _gemm(hidden, weights, trans2=True, beta=0.0)
            alone = [_gemm(hidden[i : i + 1], weights, trans2=True, beta=0.0) for i in range(count)]
            same = same and numpy.array_equal(together, numpy.vstack(alone))
        entry = (weights, same)
        _INDEPENDENT[id(weights)] = entry
        while len(_INDEPENDENT) > 8:
            del _INDEPENDENT[next(iter(_INDEPENDENT))]
    return entry[1]


# Per transition system (id, with the object kept so the id is not reused): its number of
# moves and each move's name, or None. Bounded, as it holds the systems of pipelines that
# may be dropped.
_NAMES: Dict[int, Tuple[Any, int, Optional[List[str]]]] = {}


def _move_names(moves: Any) -> Optional[List[str]]:
    """Each move's name, by class number, when moves may be applied by name.

    Only the NER's own system (``BiluoPushDown``, not a subclass): its names spell a move
    and its label's string, and looking a name up gives back the move of that class (the
    labels are the string store's ids of their strings). Names not all distinct: ``None``.
    """
    entry = _NAMES.get(id(moves))
    if entry is None or entry[0] is not moves or entry[1] != moves.n_moves:
        names: Optional[List[str]] = None
        if type(moves) is BiluoPushDown:
            names = [moves.get_class_name(i) for i in range(moves.n_moves)]
            names = names if len(set(names)) == len(names) else None
        entry = (moves, moves.n_moves, names)
        _NAMES.pop(id(moves), None)
        _NAMES[id(moves)] = entry
        while len(_NAMES) > 8:
            del _NAMES[next(iter(_NAMES))]
    return entry[2]


def _transition(parser: Any, names: Optional[List[str]], todo: List[Any], scores: Any) -> List[Any]:
    """Apply each state's best valid move (as ``transition_states`` does); the states not final."""
    if names is None:
        return list(parser.transition_states(todo, scores))
    best = scores.argmax(axis=1)
    left = []
    for i, state in enumerate(todo):
        move = int(best[i])
        top = scores.item(i, move)
        # argmax is the first highest score; a NaN anywhere in the row would be it.
        if top == top:
            try:
                parser.moves.apply_transition(state, names[move])
                continue
            except (ValueError, KeyError):
                pass  # not valid here (the state is unchanged): the compiled choice below
        left.append(i)
    if left:
        rows = numpy.ascontiguousarray(scores[left])
        parser.transition_states([todo[i] for i in left], rows)
    return [state for state in todo if not state.is_final()]


def _no_preset_entities(parser: Any, docs: Sequence[Doc]) -> bool:
    """Whether ``_ensure_labels_are_added`` would find nothing to add: the NER adds the
    entity type of each token that has one (``get_doc_labels``), and no token has one.
    Read from one array per Doc instead of a ``Token`` object per token."""
    return (
        type(parser.moves) is BiluoPushDown
        and type(parser)._ensure_labels_are_added is Parser._ensure_labels_are_added
        and not any(doc.to_array(ENT_TYPE).any() for doc in docs)
    )


def _step_model(model: Any, docs: List[Doc]) -> Any:
    """``model.predict(docs)``, the tok2vec run by :mod:`pii_rails.detection.hashcnn` when it vouches for it."""
    fused = hashcnn.layer(model.layers[0]) if model._func is _parser_forward and len(model.layers) == 3 else None
    if fused is None:
        return model.predict(docs)
    # As spacy.ml.tb_framework's forward builds it, less training.
    return ParserStepModel(
        docs,
        [fused, *model.layers[1:]],
        unseen_classes=model.attrs["unseen_classes"],
        train=False,
        has_upper=model.attrs["has_upper"],
    )


def run(parser: Any, docs: List[Doc], batch_size: int) -> None:
    """Annotate ``docs`` in place as ``parser(doc)`` (one) or ``parser.pipe`` (several) would.

    Several docs are grouped as ``pipe`` groups them (batches, sorted by length, in
    quarters), since the tok2vec's floats depend on which docs share a batch.
    """
    if len(docs) == 1:
        groups = [docs]
    else:
        groups = [
            list(group)
            for batch in minibatch(docs, size=batch_size)
            for group in minibatch(sorted(batch, key=len), size=max(batch_size // 4, 2))
        ]
    for group in groups:
        try:
            try:
                states = predict(parser, group)
            except AttributeError as exc:
                _UNAVAILABLE.append(type(exc).__name__)
                log.warning(
                    "pii_rails: spaCy %s lacks a piece of its parser loop (%s); using its own loop",
                    spacy.about.__version__,
                    exc,
                )
                states = parser.predict(group)
            parser.set_annotations(group, states)
        except Exception as exc:
            parser.get_error_handler()(parser.name, parser, group, exc)
