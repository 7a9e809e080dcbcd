"""Properties of masking, for any text and any inserted values (Hypothesis).

* mask then restore gives back the original text, exactly;
* no inserted value the detector found is left in the masked text;
* placeholders never collide with text already present (a literal
  ``<EMAIL_ADDRESS_1>`` typed by someone stays as it was).

The long-budget run of the same strategies, and of the config loader, is
``python fuzz/run.py`` (not part of the suite).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import card_number
from pii_rails.engine import PiiEngine

ENTITIES = ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS"]


emails = st.builds(
    lambda user, domain, tld: f"{user}@{domain}.{tld}",
    st.from_regex(r"[a-z][a-z0-9._]{1,12}[a-z0-9]", fullmatch=True),
    st.from_regex(r"[a-z][a-z0-9-]{1,10}[a-z0-9]", fullmatch=True),
    st.sampled_from(["com", "org", "net", "io", "de", "fr"]),
)
cards = st.builds(lambda n: card_number(f"4{n:014d}"), st.integers(0, 10**14 - 1))
ssns = st.builds(
    lambda a, g, s: f"{a:03d}-{g:02d}-{s:04d}", st.integers(1, 665), st.integers(1, 99), st.integers(1, 9999)
)
ips = st.builds(lambda *o: ".".join(map(str, o)), *(st.integers(1, 254) for _ in range(4)))
structured = st.one_of(emails, cards, ssns, ips)
placeholder_literals = st.builds(
    lambda t, i: f"<{t}_{i}>", st.sampled_from(["EMAIL_ADDRESS", "PERSON", "CREDIT_CARD"]), st.integers(1, 3)
)
filler = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<>"), max_size=40
) | st.sampled_from(["Hello", "please call", "my card is", "Sure John Smith", "order #12345", "v2.3.1", "\n", "😀"])


def documents():
    """Text made of filler, inserted values and placeholder-looking literals."""
    part = st.one_of(filler, structured.map(lambda v: ("value", v)), placeholder_literals.map(lambda v: ("literal", v)))
    return st.lists(part, min_size=1, max_size=8)


def _join(parts):
    text, values = [], []
    for part in parts:
        if isinstance(part, tuple):
            kind, value = part
            if kind == "value":
                values.append(value)
            text.append(value)
        else:
            text.append(part)
    return " ".join(text), values


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict({"reversible": True, "input": {"entities": ENTITIES}, "output": {"entities": ENTITIES}})


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(parts=documents())
def test_mask_then_restore_is_the_identity(engine, parts):
    text, _ = _join(parts)
    vault = engine.vault()
    masked = engine.guard(text, vault=vault, audit=False).text
    assert vault.restore(masked)[0] == text


@SETTINGS
@given(parts=documents())
def test_no_detected_value_is_left_in_the_masked_text(engine, parts):
    text, inserted = _join(parts)
    vault = engine.vault()
    spans = engine.detect(text)
    masked = engine.guard(text, vault=vault, spans=spans, audit=False).text
    found = {text[s.start : s.end] for s in spans}
    for value in inserted:
        if value in found:
            assert value not in masked, (value, masked)


@SETTINGS
@given(parts=documents(), literal=placeholder_literals)
def test_placeholders_never_collide_with_existing_text(engine, parts, literal):
    text, _ = _join(parts)
    text = f"{literal} {text}"
    vault = engine.vault()
    masked = engine.guard(text, vault=vault, audit=False).text
    # The literal keeps its place and meaning: it was not issued, so it is never restored...
    assert masked.startswith(literal)
    assert vault.restore(masked)[0] == text
    # ...and no value got the same placeholder.
    issued = masked[len(literal) :]
    assert literal not in issued or literal in text[len(literal) :]


def test_a_value_found_once_is_masked_at_every_occurrence(engine):
    # Found by the fuzzer: the detector reported the first card only.
    text = "4000 0000 0000 0002 001-01-1001 4000 0000 0000 0002"
    vault = engine.vault()
    masked = engine.guard(text, vault=vault, audit=False).text
    assert "4000" not in masked and masked.count("<CREDIT_CARD_1>") == 2
    assert vault.restore(masked)[0] == text
