"""A one-word name's part of speech from a window around it, not from tagging the whole text.

The NER recognizer keeps a one-word PERSON or LOCATION only if spaCy calls it a
proper noun. That check used to run the annotations stage (tok2vec, tagger,
parser, attribute ruler, lemmatizer) on the whole text, which costs more than
the NER itself; ``nlp.word_pos`` tags a few tokens around the word instead.
These tests hold it to the whole pipeline's answer on sentences of several
languages, count that a checked name no longer runs the annotations stage,
and check the fallbacks.
"""

from __future__ import annotations

import pytest
import spacy

from pii_rails import PiiEngine
from pii_rails.detection import nlp

ENGLISH = [
    "Please forward the invoice to Wilma before Friday.",
    "Wilma called twice about the refund; Wilma says it never arrived.",
    "We moved to Lisbon last spring and the parcel went to Porto instead.",
    "The Backups folder and the Reports page show nothing for Kenji.",
    "Thanks Ada, I have noted your address in Springfield.",
    "Can Priya sign the form, or should Omar do it? Ask in Dublin.",
    "I'm gonna call Fatima tomorrow, don't worry y'all, she'll be in Toronto.",
    "Reset the Password for the Account of Lena in Berlin.",
    "Has Marcus had the replacement? Did Chloe?",
    "There is Tomas, and there are the Boston people.",
    "Berlin.",
    "Amara",
    "Sure - Ivan. Call him.",
    "  Elena\n\nlives in\tVienna  ",
]
FRENCH = [
    "Merci Camille, j'ai bien noté votre adresse à Lyon.",
    "La Livraison est arrivée chez Mathilde hier soir à Bordeaux.",
    "Bonjour, je suis Benoît et j'habite à Nantes depuis mars.",
    "Envoyez la facture à Gaspard avant vendredi.",
    "Toulouse.",
]


@pytest.fixture(scope="module")
def english():
    return nlp.load_pipeline(nlp.best_installed("en"))


@pytest.fixture(scope="module")
def french():
    name = nlp.best_installed("fr")
    if name is None:
        pytest.skip("no French pipeline installed")
    return nlp.load_pipeline(name)


def _capitalized(doc):
    return [(t.idx, t.idx + len(t)) for t in doc if t.text[:1].isupper()]


def _whole(pipeline, text):
    with nlp.LOCK:
        doc = pipeline(text)
    return {(t.idx, t.idx + len(t)): t for t in doc}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_word_is_a_proper_noun_in_its_window_exactly_when_the_whole_pipeline_says_so(english, french, language):
    pipeline, sentences = (english, ENGLISH) if language == "en" else (french, FRENCH)
    assert nlp.tag_plan(pipeline) is not None
    checked = 0
    for text in sentences:
        doc = pipeline.make_doc(text)
        spans = [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]
        tags = nlp.word_pos(pipeline, doc, spans)
        assert tags is not None, text
        whole = _whole(pipeline, text)
        for span in spans:
            assert (tags.get(span) == "PROPN") == (whole[span].pos_ == "PROPN"), (text, span)
            checked += whole[span].pos_ == "PROPN"
    assert checked >= 2 * len(sentences)  # proper nouns among them, not only other words


def test_french_words_get_the_whole_pipelines_part_of_speech(french):
    # The French rules read no parse: every part of speech is the whole pipeline's, not only PROPN-ness.
    for text in FRENCH:
        doc = french.make_doc(text)
        whole = _whole(french, text)
        every = [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]
        assert nlp.word_pos(french, doc, every) == {s: whole[s].pos_ for s in every if whole[s].pos_}, text


def test_the_window_reaches_as_far_as_the_tagger_and_the_rules_look(english):
    plan = nlp.tag_plan(english)
    # en_core_web_sm: a CNN of depth 4 and window 1; its rules over two tokens write lemmas, not
    # parts of speech, and those reading the parse none that makes a proper noun.
    assert plan is not None and plan.margin == 4 and plan.rule_reach == 0 and plan.components == ("tok2vec", "tagger")
    ruler = english.get_pipe("attribute_ruler")
    assert any(len(p) == 2 for rule in ruler.patterns for p in rule["patterns"])
    assert all("POS" in rule["attrs"] for rule in plan.ruler.patterns)
    # A rule of two tokens writing a part of speech widens the window and the rules' reach.
    pipeline = spacy.load(nlp.best_installed("en"))
    pipeline.get_pipe("attribute_ruler").add([[{"LOWER": "new"}, {"LOWER": "haven"}]], {"POS": "PROPN"}, index=1)
    wider = nlp.tag_plan(pipeline)
    assert wider is not None and wider.margin == 5 and wider.rule_reach == 1
    text = "we drove to new haven today"
    assert nlp.word_pos(pipeline, pipeline.make_doc(text), [(16, 21)]) == {(16, 21): "PROPN"} == {(16, 21): _whole(pipeline, text)[(16, 21)].pos_}


def test_the_rules_read_around_the_word_give_what_the_ruler_writes_on_the_window(english):
    """``_ruled_pos`` matches the rules only around the word; the ruler run on the whole window gives the same."""
    plan = nlp.tag_plan(english)
    checked = 0
    for text in ENGLISH:
        doc = english.make_doc(text)
        nlp.run_components(english, [doc], plan.components)
        ours = [nlp._ruled_pos(plan, doc, j) for j in range(len(doc))]
        plan.ruler(doc)
        assert ours == [t.pos_ for t in doc], text
        checked += len(doc)
    assert checked > 100


def test_many_words_in_one_call_equal_one_word_at_a_time(english):
    text = " ".join(ENGLISH)
    doc = english.make_doc(text)
    spans = _capitalized(doc)
    together = nlp.word_pos(english, doc, spans)
    one_by_one = {}
    for span in spans:
        one_by_one.update(nlp.word_pos(english, doc, [span]) or {})
    assert together == one_by_one and len(together) == len(spans)


def test_checking_a_one_word_name_runs_neither_the_parser_nor_the_annotations_stage(monkeypatch):
    ran = []
    run_components = nlp.run_components

    def recording(pipeline, docs, names, batch_size=32):
        ran.append(tuple(names))
        return run_components(pipeline, docs, names, batch_size)

    monkeypatch.setattr(nlp, "run_components", recording)
    engine = PiiEngine.from_dict({"input": {"entities": ["PERSON", "LOCATION", "EMAIL_ADDRESS"]}})
    texts = ["Thanks Ada, I have noted your address in Springfield.", "I spoke to Fatima yesterday about the refund."]
    found = engine.detect_many(texts, "input")
    assert [[(s.entity_type, t[s.start : s.end]) for s in spans] for t, spans in zip(texts, found, strict=True)] == [
        [("PERSON", "Ada"), ("LOCATION", "Springfield")],
        [("PERSON", "Fatima")],
    ]
    stats = engine.detector.stats
    assert stats["words"] == 2 and stats["annotations"] == 0 and stats["entities"] == 2
    assert not any("parser" in names or "lemmatizer" in names for names in ran), ran

    # The reference path (the whole pipeline on every text) finds the same.
    engine.detector.fast_path = False
    engine.detector.cache.clear()
    assert engine.detect_many(texts, "input") == found


def test_a_name_checked_after_the_annotations_ran_reads_them(english):
    spacy_engine = PiiEngine.from_dict({"input": {"entities": ["PERSON"]}}).detector.spacy_engine("en")
    lazy = nlp.LazyArtifacts("Please forward the invoice to Wilma.", "en", english, spacy_engine, sentences=False)
    assert lazy.entities
    assert lazy.word_pos([(29, 34)]) == {(29, 34): "PROPN"} and "words" in lazy.computed
    lazy.lemmas  # noqa: B018 (reading them runs the annotations stage)
    assert lazy.word_pos([(29, 34)]) is None  # the caller reads the tags already there
    parsed = nlp.LazyArtifacts("Please forward the invoice to Wilma.", "en", english, spacy_engine, sentences=True)
    assert parsed.word_pos([(29, 34)]) is None  # the NER ran after the parser: the rest of the tags is cheap


def test_a_rule_reading_the_parse_that_could_make_a_proper_noun_falls_back_to_the_whole_text():
    text = "ask wilma about it."
    shared = nlp.load_pipeline(nlp.best_installed("en"))
    assert nlp.word_pos(shared, shared.make_doc(text), [(4, 9)]) == {(4, 9): "NOUN"}
    pipeline = spacy.load(nlp.best_installed("en"))  # a copy of its own: its rules change here
    pipeline.get_pipe("attribute_ruler").add([[{"LOWER": "wilma", "DEP": "dobj"}]], {"POS": "PROPN"})
    assert nlp.word_pos(pipeline, pipeline.make_doc(text), [(4, 9)]) is None


def test_pipelines_whose_tags_reach_further_have_no_window_plan(english):
    blank = spacy.blank("en")
    blank.add_pipe("entity_ruler")
    assert nlp.tag_plan(blank) is None  # a component of unknown inputs
    config = english.config.copy()
    assert nlp._tok2vec_reach(english, config["components"]["tok2vec"]["model"]) == 4
    lstm = {"@architectures": "spacy.TorchBiLSTMEncoder.v1", "width": 96, "depth": 2, "dropout": 0.0}
    lstm = {**config["components"]["tok2vec"]["model"], "encode": lstm}
    assert nlp._tok2vec_reach(english, lstm) is None
