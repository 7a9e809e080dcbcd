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
