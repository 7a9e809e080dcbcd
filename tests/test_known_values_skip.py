"""A conversation's known values are looked for only where they can be (``Vault.may_know``).

``PiiEngine`` adds values the conversation already knows that detection missed in a text, and
only those lying wholly outside the detected spans. The pattern that finds them is compiled once
per conversation; where no word outside the spans is the first word of a known value (ASCII
values and text), it is not built or run. Each check below compares that with the pattern
itself: skipping must never change what is found.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from pii_rails import PiiEngine
from pii_rails.engine import _outside, _with_found
from pii_rails.masking.vault import Vault
from pii_rails.spans import Span

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import perf_texts  # noqa: E402

VALUES = [
    ("PERSON", "Ada Lovelace"),
    ("LOCATION", "London"),
    ("PHONE_NUMBER", "+1 212-555-0199"),
    ("PERSON", "O'Brien"),
    ("PERSON", "Jean-Luc Picard"),
    ("EMAIL_ADDRESS", "ada_l@example.org"),
    ("PERSON", "Zoë Ångström"),
    ("LOCATION", "İstanbul"),
    ("PERSON", "Straße"),
    ("LOCATION", "(555) 010"),
    # The pattern matches "AIDA" (without case the dotless ı is I), casefold() does not: not ASCII,
    # so its texts are always searched.
    ("PERSON", "Aıda Kaya"),
]
TEXTS = [
    "", "   ", "Nothing known here.", "ADA LOVELACE called", "ada\n  lovelace, again", "Adam Lovelace",
    "Ada Lovelaces", "from london.", "Londonderry", "call +1 212-555-0199 now", "+1 212-555-0199x",
    "o'brien said", "Obrien said", "JEAN-LUC   PICARD", "jean luc picard", "mail ADA_L@EXAMPLE.ORG",
    "zoë ångström", "ZOË ÅNGSTRÖM", "Zoe Angstrom", "istanbul", "ISTANBUL", "i̇stanbul", "STRASSE", "straße",
    "STRAẞE", "(555) 010", "555 010", "AIDA KAYA", "aida kaya", "Ada", "Lovelace Ada", "x Ada Lovelace", "_Ada Lovelace", "1Ada Lovelace",
]


def _vault(values) -> Vault:
    vault = Vault(None, b"salt")
    for entity_type, value in values:
        vault.remember(entity_type, value, restorable=True)
    return vault


@pytest.mark.parametrize("subset", [VALUES[:6], VALUES, VALUES[6:], VALUES[:1]])
def test_may_know_is_false_only_where_known_finds_nothing(subset):
    vault = _vault(subset)
    skipped = 0
    for text in TEXTS:
        if not vault.may_know(text):
            skipped += 1
            assert vault.known(text) == [], text
    assert skipped > 0
    assert not Vault(None, b"salt").may_know("Ada Lovelace")


def test_the_parts_outside_the_spans_keep_their_words_whole():
    text = "Ada met Bob in London and Ada again"
    spans = [Span("PERSON", 0, 3, 0.9), Span("PERSON", 8, 11, 0.9), Span("LOCATION", 15, 21, 0.9), Span("X", 30, 30, 0.5)]
    assert _outside(text, spans).split() == ["met", "in", "and", "Ada", "again"]
    assert _outside(text, []) == text
    # A part ending in a letter does not run into the next one's first word.
    assert _outside("xBob.Ada Lovelace", [Span("PERSON", 1, 5, 0.9)]) == "x Ada Lovelace"
    # Overlapping spans: nothing inside either is outside.
    assert _outside(text, [Span("A", 0, 11, 0.9), Span("B", 4, 7, 0.9)]).split() == text[11:].split()


def _reference(text, spans, vault, rail, entities):
    """What the engine adds without the skip: the pattern always run."""
    return _with_found(spans, vault.known(text), set(rail.policies if entities is None else entities))


def test_a_value_right_after_a_span_is_still_added():
    engine = PiiEngine.from_dict({"input": {"entities": ["PERSON"]}})
    rail = engine.settings.rail("input")
    vault = _vault([("PERSON", "Ada Lovelace")])
    text, spans = "xBob.Ada Lovelace", [Span("PERSON", 1, 5, 0.9)]
    ours = PiiEngine._with_known_values(text, spans, vault, rail, None)
    assert ours == _reference(text, spans, vault, rail, None)
    assert [(s.start, s.end) for s in ours] == [(1, 5), (5, 17)]


def test_the_engine_adds_the_same_known_values():
    kinds = ("PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "LOCATION")
    engine = PiiEngine.from_dict({"input": {"entities": list(kinds)}, "output": {"entities": list(kinds)}})
    rail = engine.settings.rail("input")
    rng = random.Random(5)
    texts = [perf_texts.chat_message(rng, i % 3 != 0, kinds) for i in range(60)]
    texts += [perf_texts.bot_reply(rng, i % 2 == 0, kinds) for i in range(30)]
    # Values seen before, written again in other cases and with other spacing, and missed spans.
    texts += [t.upper() for t in texts[:20]] + [t.replace(" ", "  ") for t in texts[20:30]]
    vault = engine.vault("conversation")
    added = skipped = 0
    for text in texts:
        spans = engine.detect(text, "input")
        for kept in (spans, spans[:1], []):
            ours = PiiEngine._with_known_values(text, kept, vault, rail, None)
            assert ours == _reference(text, kept, vault, rail, None)
            added += len(ours) - len(kept)
            skipped += not vault.may_know(_outside(text, kept))
        engine.guard(text, "input", vault=vault, audit=False)
    assert added > 0 and skipped > 0
