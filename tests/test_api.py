"""The Python API the rails, the boundary and the CLI share: PiiEngine."""

from __future__ import annotations

import pytest

from conftest import make_rails, write_config
from pii_rails import PiiEngine

TEXTS = [
    "Grace Hopper (grace.hopper@navy.example.org) called from 212-555-0199.",
    "",
    "Nothing personal in this one: the build finished in 3 minutes.",
    "Card 4111 1111 1111 1111, SSN 219-09-9999, and café owner Zoë Ångström, zoe@café.example.",
    "emoji first 🙂🙂 then mail ada@example.com and a combining é in Jose\u0301 Marti\u0301.",
]


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict(
        {"input": {"entities": ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN"]}}
    )


def test_batch_finds_exactly_what_single_calls_find(engine):
    assert engine.detect_many(TEXTS) == [engine.detect(t) for t in TEXTS]
    assert [r.masked_text for r in engine.mask_many(TEXTS)] == [engine.mask(t).masked_text for t in TEXTS]


def test_offsets_are_str_indices_even_after_astral_characters(engine):
    text = TEXTS[4]
    spans = engine.detect(text)
    assert "ada@example.com" in [text[s.start : s.end] for s in spans]
    for span in spans:
        assert text[span.start : span.end].strip() == text[span.start : span.end]


def test_mask_leaves_everything_but_the_spans_untouched(engine):
    text = TEXTS[3]
    result = engine.mask(text)
    assert "4111 1111 1111 1111" not in result.masked_text and "219-09-9999" not in result.masked_text
    # Rebuilding the original from the masked text and the spans proves nothing else moved.
    rebuilt, cursor = [], 0
    for span in result.spans:
        rebuilt.append(text[cursor : span.start] + text[span.start : span.end])
        cursor = span.end
    rebuilt.append(text[cursor:])
    assert "".join(rebuilt) == text
    assert result.masked_text.count("<") == len(result.spans)


def test_spans_never_overlap_and_come_in_order(engine):
    for spans in engine.detect_many(TEXTS):
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize(
    "address, found",
    [
        ("jane@contoso.com", True),
        ("ops@corp.internal", True),  # internal names are real mailboxes, not public suffixes
        ("qa@staging.test", True),
        ("icon@2x.png", False),  # looks like an address, is a file name
        ("build@1.2.3", False),
    ],
)
def test_email_domains_are_checked_offline(address, found):
    engine = PiiEngine.from_dict({"input": {"entities": ["EMAIL_ADDRESS"]}})
    assert bool(engine.detect(f"write to {address} today")) is found


def test_an_unconfigured_language_is_an_error_that_names_it(engine):
    with pytest.raises(ValueError, match="language 'de' is not configured; configured languages: en"):
        engine.detect("Hallo", language="de")


def test_an_entity_outside_the_rail_is_an_error_that_names_the_key(engine):
    with pytest.raises(ValueError, match=r"IBAN_CODE not configured for the input rail.*input\.entities"):
        engine.detect("x", entities=["IBAN_CODE"])


THRESHOLD_CONFIG = """
models: []
import_paths: [pii_rails/flows/v1]
rails:
  config:
    sensitive_data_detection:
      input:
        score_threshold: {threshold}
        entities: [PHONE_NUMBER, EMAIL_ADDRESS]
  input:
    flows: [mask sensitive data on input]
"""


@pytest.mark.parametrize("threshold, masked", [(0.3, True), (0.95, False)])
def test_masking_honours_the_configured_threshold(tmp_path, threshold, masked):
    # The built-in masks at 0.4 whatever the config says; a bare phone number scores below 0.95.
    rails, llm = make_rails(write_config(tmp_path, THRESHOLD_CONFIG.format(threshold=threshold)), ["ok"])
    rails.generate(messages=[{"role": "user", "content": "call 212-555-0199 or mail ada@example.com"}])
    assert ("212-555-0199" not in llm.everything_sent) is masked
    # The e-mail is validated (score 1.0), so it is masked at both thresholds.
    assert "ada@example.com" not in llm.everything_sent
