"""The fast paths give exactly what the slow path gives.

* Lazy NLP artifacts (``Detector.fast_path``): spaCy runs only the components
  whose output a recognizer reads -- none for pattern-only configurations, the
  NER's prerequisites for NER entities, the tagger and lemmatizer only for
  Presidio's lemma-based context words. Compared with the whole pipeline on
  every text, on a varied set of texts, one by one and batched.
* Long texts in overlapping pieces: the same spans as the unsplit text, an
  entity across a cut is found whole, and nothing breaks past spaCy's
  ``max_length``.
* ``pii-rails mask --workers N``: the same output, in the same order, as one process.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import write_config
from pii_rails import PiiEngine
from pii_rails.detection import pieces as engine_module
from pii_rails.detection import nlp
from pii_rails.detection.pieces import split_pieces

STRUCTURED = ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS"]
NER = ["PERSON", "LOCATION", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"]
# A custom recognizer whose score depends on Presidio's lemma-based context words:
# 0.3 alone, 0.65 with "badge", "employee" or "staff" (any inflection) nearby.
CUSTOM = {
    "name": "EMPLOYEE_ID",
    "supported_entity": "EMPLOYEE_ID",
    "patterns": [{"name": "emp", "regex": r"EMP-\d{6}", "score": 0.3}],
    "context": ["badge", "employee", "staff"],
}


def _options(entities, recognizers=()):
    # below_threshold_action: flag -> every detection is reported, whatever its
    # score, so scores are compared too, not only what passes 0.4.
    return {
        "recognizers": list(recognizers),
        "input": {"entities": list(entities), "below_threshold_action": "flag"},
    }


FIXED = [
    "",
    "   ",
    "ok",
    "Hi, I'm Ada Lovelace, mail ada.lovelace@example.com or call 212-555-0199.",
    "Also, my SSN is 219-09-9999. Can you confirm my details?",
    "Card 4111 1111 1111 1111 on file; IBAN DE89370400440532013000; from 192.168.10.4",
    "Maria Gonzalez moved from Boston to Madrid last May; her number is (646) 555-0123.",
    "No personal data in this one, just a question about the opening hours in general.",
    "Call me!!! +44 20 7946 0958 ... or text 07700 900123 (mobile).",
    "The badges EMP-123456 and EMP-654321 belong to staff; EMP-111111 is unknown.",
    "Employees: EMP-222222. Contractor badge: none.",
    "EMP-333333 was issued to Grace Hopper, who works in Arlington with the staff.",
    "Ünïcødé näme Jörg Müller, jörg@exämple.de, 🙂 call +49 30 901820.",
    "Line one about Alan Turing\nline two: alan@bletchley.example\n\nline three in London",
    "phone phone phone number 555 0100 — not a real number, or is it? 2125550199",
    "SSN: 078-05-1120 (the famous Woolworth number), ssn 123-45-6789, social security 219 09 9999",
    "ip 10.0.0.1, ipv6 2001:db8::1, mac 00:1B:44:11:3A:B7, url https://example.com/x?y=1",
    "Dear Mr. Smith, please find attached the invoice for Dr. Emily Chen's appointment in Paris.",
]

_FIRST = ["Ada", "Grace", "Alan", "Maria", "Daniel", "Priya", "Omar", "Lena", "Kenji", "Fatima"]
_LAST = ["Lovelace", "Hopper", "Turing", "Gonzalez", "Kim", "Raman", "Haddad", "Fischer", "Tanaka", "Okafor"]
_CITIES = ["London", "Boston", "Berlin", "Madrid", "Chicago", "Toronto", "Sydney", "Dublin"]
_WORDS = (
    "please check my order the parcel has not arrived and I need it before friday the support team said to "
    "write again if nothing happens so here I am with my badge number and employee details for the record"
).split()


def _value(rng: random.Random) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    if kind == 1:
        return f"{rng.choice(_FIRST).lower()}{rng.randrange(99)}@example.{rng.choice(['com', 'org', 'net'])}"
    if kind == 2:
        return f"{rng.choice([212, 646, 415])}-555-{rng.randrange(100, 199):04d}"
    if kind == 3:
        return "4111 1111 1111 1111" if rng.random() < 0.5 else "5500 0000 0000 0004"
    if kind == 4:
        return f"{rng.randrange(100, 665)}-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}"
    if kind == 5:
        return f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
    if kind == 6:
        return rng.choice(_CITIES)
    if kind == 7:
        return f"EMP-{rng.randrange(10**5, 10**6)}"
    return rng.choice(["call", "phone", "Badge", "staff", "SSN", "card", "number", "employees"])


def corpus(seed: int = 7, n: int = 36):
    rng = random.Random(seed)
    out = list(FIXED)
    for _ in range(n):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(5, 45))]
        for _ in range(rng.randint(0, 3)):
            words.insert(rng.randrange(len(words) + 1), _value(rng))
        sep = rng.choice([" ", " ", " ", "\n", ". "])
        text = sep.join(words)
        out.append(text[:1].upper() + text[1:] + rng.choice([".", "!", "?", ""]))
    return out


def _spans(engine, texts, fast, batched):
    engine.detector.fast_path = fast
    engine.detector.cache.clear()
    if batched:
        return engine.detect_many(texts, "input")
    return [engine.detect(t, "input") for t in texts]


@pytest.fixture(scope="module")
def texts():
    return corpus()


@pytest.fixture(scope="module")
def engines():
    return {
        "structured": PiiEngine.from_dict(_options(STRUCTURED)),
        "ner": PiiEngine.from_dict(_options(NER)),
        "ner, parser first": PiiEngine.from_dict({**_options(NER), "ner_parser": True}),
        "custom": PiiEngine.from_dict(_options(["PERSON", "EMAIL_ADDRESS", "EMPLOYEE_ID"], [CUSTOM])),
        "structured+custom": PiiEngine.from_dict(_options([*STRUCTURED, "EMPLOYEE_ID"], [CUSTOM])),
    }


@pytest.mark.parametrize("name", ["structured", "ner", "ner, parser first", "custom", "structured+custom"])
@pytest.mark.parametrize("batched", [False, True], ids=["one by one", "batched"])
def test_fast_path_finds_exactly_what_the_whole_pipeline_finds(engines, texts, name, batched):
    engine = engines[name]
    slow = _spans(engine, texts, fast=False, batched=batched)
    fast = _spans(engine, texts, fast=True, batched=batched)
    for text, a, b in zip(texts, slow, fast):
        assert b == a, text
    assert any(slow), "the corpus should hold PII for this configuration"


def test_batched_and_single_calls_agree(engines, texts):
    engine = engines["ner"]
    assert _spans(engine, texts, fast=True, batched=True) == _spans(engine, texts, fast=True, batched=False)


def test_pattern_only_configurations_never_run_spacy(texts):
    engine = PiiEngine.from_dict(_options(STRUCTURED))
    engine.detect_many(texts, "input")
    for t in texts[:10]:
        engine.detect(t + " (again)", "input")
    assert engine.detector.stats["texts"] > 0
    assert engine.detector.stats["tokens"] == engine.detector.stats["entities"] == engine.detector.stats["annotations"] == 0


def test_ner_configurations_run_the_ner_on_every_text(texts):
    engine = PiiEngine.from_dict(_options(NER))
    engine.detect_many(texts, "input")
    assert engine.detector.stats["entities"] == engine.detector.stats["texts"] > 0


def test_each_artifact_runs_only_the_components_it_needs(engines):
    spacy_engine, pipeline = _pipeline(engines["ner"])
    plan = nlp.plan(pipeline)
    assert "ner" in plan.entities and "lemmatizer" not in plan.entities and "tagger" not in plan.entities
    assert "ner" not in plan.annotations and "lemmatizer" in plan.annotations
    lazy = nlp.LazyArtifacts("Ada Lovelace lives in London.", "en", pipeline, spacy_engine)
    assert [e.label_ for e in lazy.entities] == ["PERSON", "LOCATION"]
    assert lazy.done == set(plan.entities)
    assert lazy.lemmas[2] == "live"
    assert lazy.done == set(plan.entities) | set(plan.annotations)


def test_lemmas_are_computed_only_for_texts_whose_matches_have_context_words():
    engine = PiiEngine.from_dict(_options(["EMPLOYEE_ID"], [CUSTOM]))
    found = engine.detect_many(["No badge here.", "Ticket EMP-123456 is closed.", "The badges: EMP-654321."], "input")
    assert [len(f) for f in found] == [0, 1, 1]
    assert found[1][0].score == pytest.approx(0.3)
    assert found[2][0].score == pytest.approx(0.65)  # "badges" -> lemma "badge"
    assert engine.detector.stats["annotations"] == 2 and engine.detector.stats["entities"] == 0


def _ents(artifacts):
    return [(e.start_char, e.end_char, e.label_) for e in artifacts.entities]


def _pipeline(engine):
    spacy_engine = engine.detector.spacy_engine("en")
    return spacy_engine, spacy_engine.nlp["en"]


@pytest.mark.parametrize("order", [("entities", "annotations"), ("annotations", "entities")])
def test_lazy_artifacts_equal_the_whole_pipelines_artifacts(engines, texts, order):
    spacy_engine, pipeline = _pipeline(engines["ner"])
    assert nlp.plan(pipeline).staged, "the test model should be split into stages"
    for text in texts:
        if not text.strip():
            continue
        with nlp.LOCK:
            full = spacy_engine.process_text(text, "en")
        lazy = nlp.LazyArtifacts(text, "en", pipeline, spacy_engine)
        for stage in order:
            lazy.ensure(stage)
        assert _ents(lazy) == _ents(full)
        assert lazy.scores == full.scores
        assert lazy.tokens_indices == full.tokens_indices
        assert lazy.lemmas == full.lemmas
        assert lazy.keywords == full.keywords
        assert [(t.tag_, t.pos_, t.dep_, t.is_sent_start) for t in lazy.tokens] == [
            (t.tag_, t.pos_, t.dep_, t.is_sent_start) for t in full.tokens
        ]


@pytest.mark.parametrize("order", [("entities", "annotations"), ("annotations", "entities")])
def test_ner_apart_gives_the_entities_of_the_ner_alone_and_the_whole_pipelines_tags(engines, texts, order):
    # ner_parser: false. Whatever ran first, the entities are those of spaCy's
    # own pipeline restricted to the NER, the tags and lemmas the whole pipeline's.
    spacy_engine, pipeline = _pipeline(engines["ner"])
    stages = nlp.plan(pipeline, sentences=False)
    assert stages.apart and stages.entities == ("ner",) and "parser" in stages.annotations
    for text in texts:
        if not text.strip():
            continue
        with nlp.LOCK:
            full = spacy_engine.process_text(text, "en")
            with pipeline.select_pipes(enable=["ner"]):
                alone = spacy_engine._doc_to_nlp_artifact(pipeline(text), "en")
        lazy = nlp.LazyArtifacts(text, "en", pipeline, spacy_engine, sentences=False)
        for stage in order:
            lazy.ensure(stage)
        assert _ents(lazy) == _ents(alone)
        assert lazy.scores == alone.scores
        assert lazy.lemmas == full.lemmas
        assert [(t.tag_, t.pos_, t.dep_) for t in lazy.tokens] == [(t.tag_, t.pos_, t.dep_) for t in full.tokens]


def test_ner_apart_never_runs_the_parser_for_entities(engines):
    spacy_engine, pipeline = _pipeline(engines["ner"])
    lazy = nlp.LazyArtifacts("Ada Lovelace lives in London.", "en", pipeline, spacy_engine, sentences=False)
    assert [e.label_ for e in lazy.entities] == ["PERSON", "LOCATION"]
    assert lazy.entity_done == {"ner"} and not lazy.done


def test_ner_parser_must_be_a_boolean():
    with pytest.raises(Exception, match="ner_parser"):
        PiiEngine.from_dict({**_options(NER), "ner_parser": "sometimes"})


def test_batched_stages_equal_single_ones(engines, texts):
    spacy_engine, pipeline = _pipeline(engines["ner"])
    batch = [nlp.LazyArtifacts(t, "en", pipeline, spacy_engine) for t in texts]
    nlp.prepare(batch, "entities")
    nlp.prepare(batch, "annotations")
    for text, lazy in zip(texts, batch):
        single = nlp.LazyArtifacts(text, "en", pipeline, spacy_engine)
        assert _ents(lazy) == _ents(single)
        assert lazy.lemmas == single.lemmas


def test_an_unknown_component_means_the_whole_pipeline_runs():
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("entity_ruler")
    plan = nlp.plan(pipeline)
    assert not plan.staged
    assert plan.entities == plan.annotations == ("entity_ruler",)


def test_the_tokenizer_alone_runs_when_only_offsets_are_read(engines):
    spacy_engine, pipeline = _pipeline(engines["ner"])
    lazy = nlp.LazyArtifacts("Ada Lovelace lives in London.", "en", pipeline, spacy_engine)
    assert lazy.tokens_indices == [0, 4, 13, 19, 22, 28]
    assert lazy.computed == {"tokens"} and not lazy.done


# -- Long texts ---------------------------------------------------------------


def test_pieces_cover_the_text_once_and_overlap_by_at_least_half_the_overlap():
    rng = random.Random(3)
    text = " ".join("".join(rng.choice("abcdefgh") for _ in range(rng.randint(1, 12))) for _ in range(3000))
    text = text.replace("h", "\n", 40)
    for size, overlap in ((1000, 200), (5000, 1000), (300, 100)):
        pieces = split_pieces(text, size, overlap)
        assert pieces[0].own_start == 0 and pieces[-1].own_end == len(text)
        for a, b in zip(pieces, pieces[1:]):
            assert a.own_end == b.own_start
        for p in pieces:
            assert p.start <= max(0, p.own_start - overlap // 2)
            assert p.end >= min(len(text), p.own_end + overlap // 2)
            assert p.end - p.start <= size + 4000
            # Cuts fall after whitespace, so no word is split between pieces.
            assert p.own_start == 0 or text[p.own_start - 1].isspace()
    assert split_pieces("short", 1000, 200) == [engine_module.Piece(0, 5, 0, 5)]


def _document(seed: int, n: int) -> str:
    rng = random.Random(seed)
    parts = []
    while sum(map(len, parts)) < n:
        words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 30))]
        for _ in range(rng.randint(0, 2)):
            words.insert(rng.randrange(len(words) + 1), _value(rng))
        parts.append(" ".join(words).capitalize() + ".")
    return "\n\n".join(" ".join(parts[i : i + 3]) for i in range(0, len(parts), 3))


@pytest.mark.parametrize("name, size, overlap", [("structured", 600, 200), ("ner", 3000, 1000), ("custom", 1500, 600)])
def test_pieces_find_what_the_unsplit_text_has(engines, monkeypatch, name, size, overlap):
    engine = engines[name]
    text = _document(11, 12_000)
    engine.detector.cache.clear()
    whole = engine.detect(text, "input")
    monkeypatch.setattr(engine_module, "PIECE_CHARS", size)
    monkeypatch.setattr(engine_module, "PIECE_OVERLAP", overlap)
    assert len(split_pieces(text)) > 3
    engine.detector.cache.clear()
    assert engine.detect(text, "input") == whole
    assert whole


_FILLER = (
    "Our office is open on weekdays from nine to five. Please bring the signed form with you. "
    "The parking lot behind the building is free for visitors. Lunch is served in the cafeteria at noon. "
)


@pytest.mark.parametrize("name, value, entity", [
    ("structured", "grace.hopper@navy.example.org", "EMAIL_ADDRESS"),
    ("structured", "4111 1111 1111 1111", "CREDIT_CARD"),
    ("ner", "Grace Hopper", "PERSON"),
])  # fmt: skip
def test_an_entity_across_a_cut_is_found_whole(engines, monkeypatch, name, value, entity):
    engine = engines[name]
    size, overlap = 800, 300
    filler = _FILLER * 12
    sentence = f"Please contact {value} about it. "
    crossings = {"owner cut": 0, "piece edge": 0}
    # Slide the sentence over the start of the second piece and the first cut.
    for at in range(size - overlap - overlap // 2 - 60, size - overlap + 40, 7):
        text = filler[:at] + sentence + filler[at:]
        begin = text.index(value)
        engine.detector.cache.clear()
        whole = engine.detect(text, "input")
        pieces = split_pieces(text, size, overlap)
        inside = lambda offset: begin < offset < begin + len(value)  # noqa: E731
        crossings["owner cut"] += any(inside(p.own_start) for p in pieces[1:])
        crossings["piece edge"] += any(inside(p.start) or inside(p.end) for p in pieces)
        monkeypatch.setattr(engine_module, "PIECE_CHARS", size)
        monkeypatch.setattr(engine_module, "PIECE_OVERLAP", overlap)
        engine.detector.cache.clear()
        split = engine.detect(text, "input")
        monkeypatch.undo()
        assert split == whole
        found = [(text[s.start : s.end], s.entity_type) for s in split]
        assert found.count((value, entity)) == 1, found
    if " " in value:  # cuts fall after whitespace
        assert crossings["owner cut"] and crossings["piece edge"], crossings


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "whole pipeline"])
def test_texts_past_spacys_max_length_are_analysed(engines, monkeypatch, fast):
    engine = engines["ner"]
    _, pipeline = _pipeline(engine)
    text = _document(5, 9_000)
    engine.detector.fast_path = fast
    engine.detector.cache.clear()
    whole = engine.detect(text, "input")
    monkeypatch.setattr(pipeline, "max_length", 3_000)
    monkeypatch.setattr(engine_module, "PIECE_CHARS", 2_500)
    monkeypatch.setattr(engine_module, "PIECE_OVERLAP", 800)
    engine.detector.cache.clear()
    assert engine.detect(text, "input") == whole
    engine.detector.fast_path = True


def test_a_text_over_a_million_characters(engines):
    engine = engines["structured"]
    unit = "Write to ada.lovelace@example.com about order 42 before the end of the week please. "
    text = unit * (1_000_001 // len(unit) + 1)
    assert len(text) > 1_000_000
    engine.detector.cache.clear()
    found = engine.detect(text, "input")
    assert len(found) == text.count("ada.lovelace@example.com")


# -- Threads --------------------------------------------------------------------


def test_engines_sharing_a_pipeline_from_many_threads(texts):
    a = PiiEngine.from_dict(_options(NER))
    b = PiiEngine.from_dict(_options(NER))
    expected = a.detect_many(texts, "input")
    a.detector.cache.clear()
    results = {}

    def work(engine, key, subset):
        results[key] = [engine.detect(t, "input") for t in subset]

    threads = [
        threading.Thread(target=work, args=(engine, i, texts[i % 2 :: 2]))
        for i, engine in enumerate([a, b, a, b])
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i in range(4):
        assert results[i] == expected[i % 2 :: 2]


# -- CLI workers ------------------------------------------------------------------

CLI_CONFIG = """
models: []
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER]
"""


def test_cli_workers_keep_the_order_and_the_output(tmp_path, texts):
    config = str(write_config(tmp_path, CLI_CONFIG))
    lines = [json.dumps({"id": i, "text": t}) for i, t in enumerate(texts * 12)]
    lines.insert(300, "{not json")
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n")
    exe = str(Path(sys.executable).with_name("pii-rails"))
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1")
    outputs = {}
    for workers in (1, 2):
        target = tmp_path / f"out{workers}.jsonl"
        proc = subprocess.run(
            [exe, "mask", "--config", config, "--workers", str(workers), str(source), "-o", str(target)],
            capture_output=True, text=True, env=env, timeout=600,
        )  # fmt: skip
        assert proc.returncode == 1, proc.stderr
        assert "line 301: not valid JSON" in proc.stderr and "Traceback" not in proc.stderr
        outputs[workers] = target.read_text()
    assert outputs[1] == outputs[2]
    rows = [json.loads(line) for line in outputs[2].splitlines()]
    # One row per input line: the bad line keeps its place, as an error row.
    assert rows.pop(300)["error"].startswith("not valid JSON")
    assert [row["id"] for row in rows] == list(range(len(texts) * 12))


# -- A value found once, masked everywhere ------------------------------------


def _repeats_reference(text, spans, protected):
    """The straightforward way: one scan of the text per value (quadratic in long
    texts), longer values first so a full name wins over a part of it."""
    import re

    from pii_rails.spans import Span

    taken = [*((s.start, s.end) for s in spans), *protected]
    extra = []
    for span in sorted(spans, key=lambda s: s.start - s.end):
        value = text[span.start : span.end]
        if len(value.strip()) < 3:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text):
            if not any(m.start() < b and a < m.end() for a, b in taken):
                extra.append(Span(span.entity_type, m.start(), m.end(), span.score, span.recognizer))
                taken.append((m.start(), m.end()))
    return sorted([*spans, *extra], key=lambda s: s.start)


_PIECES = ["Ada Lovelace", "Ada", "ada", "4111 1111 1111 1111", "a@b.io", "+44 20", "...", "x", "_", "é", " ", ", ", "\n", "-", "9"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40), st.data())
def test_repeats_in_one_pass_equal_a_scan_per_value(pieces, data):
    from pii_rails.detection.overlaps import resolve_overlaps, with_repeats as _with_repeats
    from pii_rails.spans import Span

    text = "".join(pieces)
    # Spans on some occurrences of some pieces, as a detector that misses some would give.
    spans, cursor = [], 0
    for piece in pieces:
        if piece.strip() and data.draw(st.booleans()):
            spans.append(Span("X", cursor, cursor + len(piece), 0.9, "r"))
        cursor += len(piece)
    spans = resolve_overlaps(spans)
    protected = [(0, 1)] if data.draw(st.booleans()) and text else []
    spans = [s for s in spans if not any(s.start < b and a < s.end for a, b in protected)]
    assert _with_repeats(text, spans, protected) == _repeats_reference(text, spans, protected)


def test_repeats_stay_linear_in_the_number_of_values():
    # 3,000 distinct values in a 250,000-character text, each twice: one pass, not 3,000 scans.
    from pii_rails.detection.overlaps import with_repeats as _with_repeats
    from pii_rails.spans import Span

    values = [f"user{i:05d}@example.org" for i in range(3000)]
    text = " filler text ".join(values + values)
    spans, cursor = [], 0
    for value in values:
        start = text.index(value, cursor)
        spans.append(Span("EMAIL_ADDRESS", start, start + len(value), 1.0, "r"))
        cursor = start + 1
    found = _with_repeats(text, spans, [])
    assert len(found) == 6000 and {text[s.start : s.end] for s in found} == set(values)


# -- Tags for one-word names in long texts ------------------------------------


def test_long_texts_tag_windows_around_one_word_names_with_the_same_result(monkeypatch):
    from pii_rails.detection.predefined import ner

    engine = PiiEngine.from_dict(_options(NER))
    filler = "The quarterly report was reviewed by the committee and filed with the other papers. " * 40
    names = ["Turing", "Lovelace", "Hopper", "Boston", "Madrid"]
    text = filler.join(f"Yesterday {n} called about the invoice; {n} will write again. Backups ran twice." for n in names)
    assert len(text) > 5 * ner.WHOLE_TEXT_TAGS
    windows = []
    real = nlp.annotated
    monkeypatch.setattr(nlp, "annotated", lambda pipeline, t: windows.append(len(t)) or real(pipeline, t))
    fast = engine.detect(text, "input")
    # A few tokens around each one-word name (nlp.word_pos), neither the text nor 1000-character windows of it.
    assert not windows and engine.detector.stats["words"] >= 1 and engine.detector.stats["annotations"] == 0
    engine.detector.fast_path = False  # the reference path: 1000-character windows through the whole pipeline
    engine.detector.cache.clear()
    assert engine.detect(text, "input") == fast
    assert windows and sum(windows) < len(text) / 2  # far from tagging everything
    monkeypatch.setattr(ner, "WHOLE_TEXT_TAGS", 10**9)  # the whole text through the whole pipeline
    engine.detector.cache.clear()
    assert engine.detect(text, "input") == fast
    assert {text[s.start : s.end] for s in fast} >= {"Lovelace", "Boston", "Madrid"}
