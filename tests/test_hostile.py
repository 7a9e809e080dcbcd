"""Hostile configuration and input: pathological regexes, faults with audit events,
odd text of every kind (offsets stay exact, mask/restore round-trips)."""

from __future__ import annotations

import json

import pytest

from conftest import make_rails, plugin_config
from pii_rails.engine import PiiEngine
from pii_rails.errors import ConfigError
from pii_rails.detection.recognizers import RegexTimeoutError

CATASTROPHIC = "(a|aa)+$"
# Passes the load-time probes, and still backtracks for ages on "acac...!".
SLOW_ON_ONE_INPUT = "(ac|a(c))+$"


def _with_pattern(pattern: str) -> dict:
    return {
        "input": {"entities": ["EMAIL_ADDRESS", "TOKEN"]},
        "recognizers": [{"name": "TOKEN", "patterns": [{"name": "tok", "regex": pattern, "score": 0.9}]}],
    }


def test_catastrophic_regex_is_refused_at_load_with_its_key_path():
    with pytest.raises(ConfigError) as error:
        PiiEngine.from_dict(_with_pattern(CATASTROPHIC))
    assert error.value.path == "custom_data.pii_rails.recognizers[0].patterns[0].regex"
    assert "catastrophic backtracking" in str(error.value)


def test_slow_regex_is_bounded_at_run_time():
    engine = PiiEngine.from_dict(_with_pattern(SLOW_ON_ONE_INPUT))
    with pytest.raises(RegexTimeoutError, match="TOKEN/tok"):
        engine.detect("ac" * 40 + "!")
    # Normal text is unaffected.
    assert [s.entity_type for s in engine.detect("mail ada@example.com")] == ["EMAIL_ADDRESS"]


CONFIG = """
fail_open: {fail_open}
input:
  entities: [EMAIL_ADDRESS, TOKEN]
recognizers:
  - name: TOKEN
    patterns:
      - {{name: tok, regex: "{pattern}", score: 0.9}}
"""


@pytest.mark.parametrize("fail_open", [False, True])
async def test_a_regex_timeout_fails_closed_with_an_audit_event(tmp_path, fail_open):
    config = plugin_config(tmp_path, CONFIG.format(fail_open=str(fail_open).lower(), pattern=SLOW_ON_ONE_INPUT))
    rails, llm = make_rails(config, ["Hi!"])
    text = "ac" * 40 + "! mail ada@example.com"
    result = await rails.generate_async(
        messages=[{"role": "user", "content": text}], options={"log": {"activated_rails": True}}
    )
    reply = result.response[0]["content"]
    outcomes = [
        json.dumps(a.decisions) + json.dumps(getattr(a, "metadata", None) or {}, default=str)
        for a in result.log.activated_rails
    ]
    if fail_open:
        assert reply == "Hi!"
    else:
        assert reply == "I can't process that right now: the privacy check could not run."
        assert llm.prompts == []
    audit = rails_audit_events(rails, result)
    assert any(e["entity_type"] == "DETECTION_FAILURE" and e["recognizer"] == "RegexTimeoutError" for e in audit), outcomes
    assert all(e["action"] == ("pass" if fail_open else "block") for e in audit if e["entity_type"] == "DETECTION_FAILURE")


def rails_audit_events(rails, result):
    """Audit events the rails' actions returned in this call."""
    events = []
    for rail in result.log.activated_rails:
        for action in rail.executed_actions:
            value = action.return_value
            metadata = getattr(value, "metadata", None) or (value.get("metadata") if isinstance(value, dict) else None)
            if isinstance(metadata, dict):
                events += metadata.get("audit", [])
    return events


ODD_TEXTS = [
    "",
    " ",
    "\x00\x01\x02 binary \xff\xfe junk \x7f",
    "emoji 👩‍👩‍👧‍👦 before ada@example.com and after 🎉🎉",
    "combining: Ade\u0301la Lo\u0308velace wrote to ada@example.com",
    "mixed scripts: Ада Лавлейс, 艾达·洛夫莱斯, أدا لوفليس, ada@example.com",
    "lone surrogate \ud800 then ada@example.com",
    "right-to-left \u202eada@example.com\u202c mark",
    "zero\u200bwidth ada@exa\u200bmple.com",
    "tabs\tand\r\nnewlines ada@example.com\n" * 3,
]


@pytest.fixture(scope="module")
def engine():
    options = {
        "reversible": True,
        "input": {"entities": ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"]},
        "output": {"entities": ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"]},
    }
    return PiiEngine.from_dict(options)


@pytest.mark.parametrize("text", ODD_TEXTS, ids=range(len(ODD_TEXTS)))
def test_odd_text_round_trips_exactly(engine, text):
    vault = engine.vault()
    spans = engine.detect(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
    masked = engine.guard(text, vault=vault, spans=spans).text
    for span in spans:
        assert text[span.start : span.end] not in masked
    assert vault.restore(masked)[0] == text
    if "ada@example.com" in text:
        assert "ada@example.com" not in masked


def test_bytes_are_refused_clearly(engine):
    with pytest.raises((TypeError, AttributeError)):
        engine.detect(b"ada@example.com")
