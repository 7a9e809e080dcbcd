"""spaCy's greedy transition loop stepped from Python (``pii_rails.detection.greedy``) parses as spaCy does.

The NER and the parser are run both ways on the same Docs, one at a time and
batched as ``pipe`` batches them, and every token's entity tag, head and
dependency label must be the same; components the module cannot vouch for
keep spaCy's own call.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from pii_rails.detection import greedy, nlp

CORPUS = Path(__file__).resolve().parents[1] / "bench" / "eval" / "corpus.jsonl"


def _texts(language: str, limit: int = 150) -> list:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows if r.get("language", "en") == language][:limit]
    # Edge cases: empty, one token, whitespace only, a long run-on text.
    return texts + ["", "Amara", "  \n ", " ".join(texts[:12])]


_loaded: dict = {}


def _pipeline(language: str, own: bool = False):
    """The best installed pipeline of ``language``; ``own``: a copy no other test sees."""
    name = nlp.best_installed(language)
    if name is None:
        pytest.skip(f"no {language} pipeline installed")
    if own:
        return spacy.load(name)
    if language not in _loaded:
        _loaded[language] = spacy.load(name)
    return _loaded[language]


def _annotations(doc):
    return [(t.ent_iob_, t.ent_type_, t.head.i, t.dep_) for t in doc]


def _prepared(pipeline, component, texts):
    """Docs of ``texts`` with what ``component`` reads (the shared embedding) already run."""
    docs = [pipeline.make_doc(t) for t in texts]
    upstream = [n for n in pipeline.pipe_names[: pipeline.pipe_names.index(component)] if n == "tok2vec"]
    nlp.run_components(pipeline, docs, upstream)
    return docs


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("component", ["ner", "parser"])
def test_stepped_from_python_the_parse_is_spacys(language, component):
    pipeline = _pipeline(language)
    proc = pipeline.get_pipe(component)
    assert greedy.eligible(proc)
    texts = _texts(language)
    theirs, ours = _prepared(pipeline, component, texts), _prepared(pipeline, component, texts)
    for doc in theirs:
        proc(doc)
    for doc in ours:
        greedy.run(proc, [doc], 32)
    assert [_annotations(d) for d in ours] == [_annotations(d) for d in theirs]
    assert any(t.ent_type_ or t.dep_ for d in ours for t in d)  # something was parsed


@pytest.mark.parametrize("batch_size", [4, 32])
def test_batched_the_parse_is_spacys_pipe(batch_size):
    pipeline = _pipeline("en")
    proc = pipeline.get_pipe("ner")
    texts = _texts("en")
    theirs, ours = _prepared(pipeline, "ner", texts), _prepared(pipeline, "ner", texts)
    list(proc.pipe(theirs, batch_size=batch_size))
    greedy.run(proc, ours, batch_size)
    assert [_annotations(d) for d in ours] == [_annotations(d) for d in theirs]


def test_run_components_steps_the_ner_from_python(monkeypatch):
    pipeline = _pipeline("en")
    calls = []
    predict = greedy.predict
    monkeypatch.setattr(greedy, "predict", lambda parser, docs: calls.append(len(docs)) or predict(parser, docs))
    text = "Hi, I'm Ada Lovelace from London."
    doc = pipeline.make_doc(text)
    nlp.run_components(pipeline, [doc], ["ner"])
    assert calls == [1]
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in pipeline(text).ents]


def test_what_it_cannot_vouch_for_keeps_spacys_call():
    pipeline = _pipeline("en", own=True)
    assert not greedy.eligible(pipeline.get_pipe("tagger"))
    ner = pipeline.get_pipe("ner")
    assert greedy.eligible(ner)
    ner.cfg["beam_width"] = 4  # a beam search decodes differently: spaCy's own call
    assert not greedy.eligible(ner)


def test_a_spacy_without_a_piece_the_steps_use_keeps_its_own_loop(monkeypatch):
    """The steps read two private spaCy names: where a release renamed one, the component is
    parsed by spaCy's own loop (same entities), not failed, and later calls go there directly."""
    pipeline = _pipeline("en", own=True)
    ner = pipeline.get_pipe("ner")
    text = "Ada Lovelace met Grace Hopper in London."
    expected = [(e.text, e.label_) for e in pipeline(text).ents]

    def renamed(parser, docs):
        raise AttributeError("'Parser' object has no attribute '_ensure_labels_are_added'")

    monkeypatch.setattr(greedy, "predict", renamed)
    monkeypatch.setattr(greedy, "_UNAVAILABLE", [])
    doc = pipeline.make_doc(text)
    for name, proc in pipeline.pipeline:
        if name == "ner":
            assert greedy.eligible(proc)
            greedy.run(proc, [doc], 32)
        else:
            proc(doc)
    assert [(e.text, e.label_) for e in doc.ents] == expected
    assert not greedy.eligible(ner)


def _drive(step, state, rows):
    """Apply one move per score row with ``step(state, row)`` until the state is final; its states seen."""
    seen = []
    for row in rows:
        if state.is_final():
            break
        step(state, row)
        seen.append(state.print_state())
    return seen


def test_moves_applied_by_name_are_the_compiled_choice():
    """The NER's best move, applied by name when it is valid (the compiled loop's choice then), and
    spaCy's ``transition_states`` otherwise: random scores (ties, NaNs, invalid best moves) drive one
    state each way, and every state on the way and the entities at the end must be the same."""
    import numpy

    pipeline = _pipeline("en")
    ner = pipeline.get_pipe("ner")
    names = greedy._move_names(ner.moves)
    assert names is not None and len(names) == ner.moves.n_moves
    rng = numpy.random.default_rng(7)
    applied = {"by name": 0, "compiled": 0}

    class Counting:  # the NER, counting the states its compiled call moves
        moves = ner.moves

        @staticmethod
        def transition_states(states, scores):
            applied["compiled"] += len(states)
            return ner.transition_states(states, scores)

    for text in _texts("en", limit=40):
        doc = pipeline.make_doc(text)
        if not len(doc):
            continue
        ours, theirs = ner.moves.init_batch([doc])[0], ner.moves.init_batch([doc])[0]
        rows = []
        for i in range(4 * len(doc) + 8):
            row = rng.normal(size=(1, ner.moves.n_moves)).astype("float32")
            if i % 7 == 3:
                row[:] = 0.0  # all tied: the first valid move
            if i % 11 == 5:
                row[0, rng.integers(ner.moves.n_moves)] = numpy.nan
            rows.append(row)
        mine = _drive(lambda s, r: greedy._transition(Counting, names, [s], r.copy()), ours, rows)
        spacy_own = _drive(lambda s, r: ner.transition_states([s], r.copy()), theirs, rows)
        applied["by name"] += len(mine)
        assert mine == spacy_own
        a, b = pipeline.make_doc(text), pipeline.make_doc(text)
        ner.set_annotations([a], [ours])
        ner.set_annotations([b], [theirs])
        assert _annotations(a) == _annotations(b)
    # Both ways were taken: most moves by name, some (invalid best, NaN) by spaCy's call.
    assert applied["by name"] > applied["compiled"] > 0


def test_preset_entities_still_add_their_labels():
    """A Doc whose tokens already carry an entity type of a label the NER lacks makes spaCy add
    that label's moves first; skipping that check for Docs without any must not skip it here."""
    from spacy.tokens import Span

    ours_pipeline, their_pipeline = _pipeline("en", own=True), _pipeline("en", own=True)
    text = "Ada Lovelace used the Difference Engine in London."
    docs = []
    for pipeline in (ours_pipeline, their_pipeline):
        doc = pipeline.make_doc(text)
        doc.set_ents([Span(doc, 4, 6, label="GADGET")], default="unmodified")
        docs.append(doc)
    plain = ours_pipeline.make_doc(text)
    assert greedy._no_preset_entities(ours_pipeline.get_pipe("ner"), [plain])
    assert not greedy._no_preset_entities(ours_pipeline.get_pipe("ner"), [docs[0]])
    before = ours_pipeline.get_pipe("ner").moves.n_moves
    greedy.run(ours_pipeline.get_pipe("ner"), [docs[0]], 32)
    their_pipeline.get_pipe("ner")(docs[1])
    assert ours_pipeline.get_pipe("ner").moves.n_moves == their_pipeline.get_pipe("ner").moves.n_moves > before
    assert _annotations(docs[0]) == _annotations(docs[1])
    assert any(t.ent_type_ == "GADGET" for t in docs[0])


def test_scores_read_ahead_are_the_step_by_step_scores():
    """The NER's rows scored ahead (``greedy._Lookahead``) are, bit for bit, the rows of the
    state's own features scored alone, at every step of every Doc, one at a time and batched;
    and reading ahead does save calls (fewer scoring groups than steps)."""
    import numpy

    pipeline = _pipeline("en")
    ner = pipeline.get_pipe("ner")
    names = greedy._move_names(ner.moves)
    texts = [t for t in _texts("en") if t.strip()]
    steps = groups = 0
    for batch in [[t] for t in texts] + [texts[i : i + 7] for i in range(0, len(texts), 7)]:
        docs = [pipeline.make_doc(t) for t in batch]
        states = ner.moves.init_batch(docs)
        step = greedy._step_model(ner.model, docs)
        weights, bias = step.vec2scores.get_param("W"), step.vec2scores.get_param("b")
        assert not numpy.flatnonzero(step._class_mask == 0).size
        ahead = greedy._Lookahead(step, weights, bias, states, docs)
        calls = []
        scored = ahead._score
        ahead._score = lambda missing: calls.append(len(missing)) or scored(missing)  # type: ignore[method-assign]
        todo = [s for s in states if not s.is_final()]
        while todo:
            ids = step.get_token_ids(todo)
            alone = greedy._gemm(step.state2vec.predict(ids), weights, trans2=True, beta=0.0)
            alone += bias
            read = ahead.scores(ids, todo)
            assert numpy.array_equal(read, alone)
            steps += 1
            todo = greedy._transition(ner, names, todo, read)
        step.clear_memory()
        groups += len(calls)
        ner.set_annotations(docs, states)
        theirs = [pipeline.make_doc(t) for t in batch]
        for doc in theirs:
            ner(doc)
        assert [[(e.start, e.end, e.label_) for e in d.ents] for d in docs] == [
            [(e.start, e.end, e.label_) for e in d.ents] for d in theirs
        ]
    assert steps > 3 * groups > 0


def test_reading_ahead_needs_rows_that_do_not_depend_on_their_group():
    """The NER's output layer gives a row the same floats alone as among others (checked on
    this machine's BLIS); a layer where it would not is not read ahead of."""
    import numpy

    ner = _pipeline("en").get_pipe("ner")
    weights = ner.model.get_ref("upper").get_param("W")
    assert greedy._rows_independent(weights)
    rng = numpy.random.default_rng(3)
    hidden = rng.standard_normal((greedy._AHEAD_OUTSIDE, weights.shape[1])).astype("f")
    together = greedy._gemm(hidden, weights, trans2=True, beta=0.0)
    for i in range(len(hidden)):
        assert numpy.array_equal(together[i], greedy._gemm(hidden[i : i + 1], weights, trans2=True, beta=0.0)[0])


def test_a_layer_whose_rows_depend_on_their_group_is_stepped(monkeypatch):
    """Where the check fails, each step scores its own states, and the parse is still spaCy's."""
    pipeline = _pipeline("en")
    ner = pipeline.get_pipe("ner")
    monkeypatch.setattr(greedy, "_rows_independent", lambda weights: False)
    made = []
    monkeypatch.setattr(greedy, "_Lookahead", lambda *a: made.append(a))
    texts = _texts("en", limit=30)
    ours, theirs = [pipeline.make_doc(t) for t in texts], [pipeline.make_doc(t) for t in texts]
    greedy.run(ner, ours, 32)
    for doc in theirs:
        ner(doc)
    assert not made
    assert [_annotations(d) for d in ours] == [_annotations(d) for d in theirs]
