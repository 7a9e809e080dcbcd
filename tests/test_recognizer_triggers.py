"""Trigger words let a recognizer skip patterns that cannot match a text; what it finds stays the same."""

import json
from pathlib import Path

import pytest

from pii_rails.detection.predefined.base import alternatives, fewest
from pii_rails.detection.predefined.person import PersonIntroductionRecognizer

CORPUS = Path(__file__).resolve().parents[1] / "bench" / "eval" / "corpus.jsonl"


def _found(recognizer, text):
    return sorted((r.start, r.end, r.score) for r in recognizer.analyze(text, ["PERSON"]))


def test_alternatives_keep_only_the_literal_head_of_each():
    assert alternatives(r"my name is|signed(?: by)?:?|grüße,?|travell?ed|bapti[sz]ed|mr\.") == (
        "bapti", "grüße", "mr", "my name is", "signed", "travel",
    )  # fmt: skip
    assert fewest(["name is", "my name is", "mr", "mrs"]) == ("mr", "name is")
    with pytest.raises(ValueError):
        alternatives(r"a(?:b|c)")  # a group of alternatives inside an alternative is not read
    with pytest.raises(ValueError):
        alternatives(r"[Dd]ña")  # nothing literal to look for


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_skipping_patterns_without_their_trigger_finds_the_same(language):
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    # ASCII copies too: only ASCII text is gated.
    texts += [t.encode("ascii", "ignore").decode() for t in texts]
    gated = PersonIntroductionRecognizer(supported_language=language)
    full = PersonIntroductionRecognizer(supported_language=language)
    full.triggers = {}
    assert gated.triggers and any(_found(full, t) for t in texts)
    assert [_found(gated, t) for t in texts] == [_found(full, t) for t in texts]


def _naive_skipped(triggers, lowered):
    return {name for name, words in triggers.items() if not any(w in lowered for w in words)}


def test_the_trigger_index_skips_exactly_the_patterns_without_a_trigger():
    """``TriggerIndex`` (a set intersection on three-character heads) skips the same patterns as
    asking every trigger of every pattern, on the corpus, on text made of pieces of triggers, and
    for triggers of one and two characters, shared between patterns, inside one another, or none."""
    import random

    from pii_rails.detection.predefined.base import TriggerIndex

    texts = [json.loads(line)["text"].lower() for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    real = PersonIntroductionRecognizer().triggers
    made = {"a": ("my name is", "name"), "b": ("is",), "c": (":", "x"), "d": (), "e": ("name is", "nam"), "f": ("zzz",)}
    rng = random.Random(5)
    pieces = [w for words in [*real.values(), *made.values()] for w in words] + [" ", "n", "am", "e i", "s:"]
    texts += ["".join(rng.choice(pieces)[: rng.randint(1, 12)] for _ in range(rng.randint(0, 25))) for _ in range(3000)]
    for triggers in (real, made):
        index = TriggerIndex(triggers)
        for text in texts:
            assert index.skipped(text) == _naive_skipped(triggers, text)
    assert any(_naive_skipped(real, t) != set(real) for t in texts)  # some texts hold triggers
    assert any(_naive_skipped(real, t) for t in texts)  # and some lack some


def test_a_recognizer_whose_triggers_are_replaced_reads_the_new_ones():
    recognizer = PersonIntroductionRecognizer()
    text = "my name is Amara Okafor."
    assert _found(recognizer, text)
    recognizer.triggers = {name: ("no such trigger",) for name in recognizer.triggers}
    assert not _found(recognizer, text)


def test_a_text_is_read_for_signs_of_software_once_for_every_recognizer_asking(monkeypatch):
    """``ner.technical`` keeps its last answers: the NER and word-list recognizers ask it of the same text."""
    from pii_rails import PiiEngine
    from pii_rails.detection.predefined import ner

    read = []

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def finditer(self, text):
            read.append(text)
            return self.pattern.finditer(text)

    engine = PiiEngine.from_dict({"input": {"entities": ["PERSON", "LOCATION", "EMAIL_ADDRESS"]}})
    text = "Jorunn Skaftadottir and Kvalvik met in Tromsfjord; Oddbjorn Hellesylt moved to Glomfjordvika."
    monkeypatch.setattr(ner, "_TECH_WORDS", Counting(ner._TECH_WORDS))
    ner._TECHNICAL_SEEN.clear()
    engine.detect(text)
    assert read == [text]
    # The memo is keyed by digest: the text itself is not kept once its analysis is over.
    assert ner._TECHNICAL_SEEN and all(isinstance(key, bytes) and text not in repr(key) for key in ner._TECHNICAL_SEEN)
    ner._TECHNICAL_SEEN.clear()
    assert not ner.technical(text) and ner.technical("The library ships a plugin for the editor.")
    for i in range(40):
        ner.technical(f"message {i}")
    assert len(ner._TECHNICAL_SEEN) == ner._TECHNICAL_KEPT
