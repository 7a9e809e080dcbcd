"""Recognizers in Presidio's no-code format under the built-in schema, and its thresholds.

NeMo 0.24.1's built-in passes each recognizer dict to `PatternRecognizer.from_dict`
on every turn: keys the constructor does not take crash the rail on every turn.
Each test's docstring states the built-in's behaviour beside pii-rails'.
"""

from __future__ import annotations

import logging

import pytest

from conftest import make_rails, write_config
from test_builtin_schema import load_error

from pii_rails.plugin import engine_for

HEAD = "models: []\nimport_paths: [pii_rails/flows/v1]\n"


def with_recognizer(tmp_path, recognizer: str, entities: str = "[EMPLOYEE_ID]"):
    body = "\n".join("          " + line for line in recognizer.strip("\n").splitlines())
    return write_config(
        tmp_path,
        f"{HEAD}rails:\n  config:\n    sensitive_data_detection:\n      recognizers:\n        -\n{body}\n"
        f"      input:\n        entities: {entities}\n  input:\n    flows: [mask sensitive data on input]\n",
    )


def masked(rails, text: str) -> str:
    return engine_for(rails).mask(text, source="input").masked_text


EMPLOYEE = """
name: employee id
supported_entity: EMPLOYEE_ID
supported_language: en
patterns:
  - {name: emp, regex: 'EMP-\\d{6}', score: 0.8}
"""


def test_label_keys_are_accepted_and_have_no_effect(tmp_path, caplog):
    """Built-in: `version` and `country_code` are taken by PatternRecognizer; `description`
    and `type` crash every turn (unexpected keyword argument). pii-rails: all accepted;
    the labels change nothing and are named in a debug log."""
    recognizer = (
        EMPLOYEE + "version: 1.0.2\ndescription: staff numbers\ncountry_code: us\ntype: custom\nclass_name: X\n"
    )
    with caplog.at_level(logging.DEBUG, logger="pii_rails"):
        rails, llm = make_rails(with_recognizer(tmp_path, recognizer), ["ok"])
    assert any("version, description, country_code, class_name has no effect" in r.getMessage() for r in caplog.records)
    rails.generate(messages=[{"role": "user", "content": "I am EMP-123456"}])
    assert "<EMPLOYEE_ID>" in llm.everything_sent and "EMP-123456" not in llm.everything_sent


def test_enabled_false_keeps_the_recognizer_out(tmp_path):
    """Built-in: `enabled` crashes every turn. pii-rails: as in Presidio, a disabled
    recognizer is not loaded; its entity then has no recognizer (a warning), and the
    other entities run."""
    rails, _ = make_rails(with_recognizer(tmp_path, EMPLOYEE + "enabled: false\n", "[EMPLOYEE_ID, US_SSN]"), ["ok"])
    assert masked(rails, "EMP-123456, SSN 219-09-9999") == "EMP-123456, SSN <US_SSN>"


def test_global_regex_flags_are_applied(tmp_path):
    """Built-in: passed to PatternRecognizer, which compiles with them. pii-rails: the
    same; 0 makes the pattern case-sensitive (Presidio's default ignores case)."""
    rails, _ = make_rails(with_recognizer(tmp_path, EMPLOYEE + "global_regex_flags: 0\n"), ["ok"])
    assert masked(rails, "EMP-123456 and emp-654321") == "<EMPLOYEE_ID> and emp-654321"


def test_score_thresholds_drop_weak_results(tmp_path):
    """Built-in: `score_thresholds` crashes every turn. pii-rails: as in Presidio, the
    recognizer's results under its threshold are dropped, after context raised them."""
    recognizer = """
name: ticket
supported_entity: TICKET
patterns:
  - {name: t, regex: 'T-\\d{4}', score: 0.45}
context: [ticket]
score_thresholds: {default: 0.6}
"""
    rails, _ = make_rails(with_recognizer(tmp_path, recognizer, "[TICKET]"), ["ok"])
    assert masked(rails, "See T-1234") == "See T-1234"
    assert masked(rails, "Ticket T-1234") == "Ticket <TICKET>"


def test_supported_languages_long_form(tmp_path):
    """Built-in: `supported_languages` crashes every turn. pii-rails: both forms of Presidio's
    key are accepted; the long form's context words are used for its language."""
    recognizer = """
name: ticket
supported_entity: TICKET
patterns:
  - {name: t, regex: 'T-\\d{4}', score: 0.3}
supported_languages:
  - {language: en, context: [incident]}
"""
    rails, _ = make_rails(with_recognizer(tmp_path, recognizer, "[TICKET]"), ["ok"])
    assert masked(rails, "See T-1234") == "See T-1234"
    assert masked(rails, "Incident T-1234") == "Incident <TICKET>"


def test_a_predefined_entry_is_refused_with_the_reason(tmp_path):
    """Built-in: `type: predefined` crashes every turn. pii-rails: refused at load, naming
    the key path: predefined recognizers come from the entity lists."""
    error = load_error(with_recognizer(tmp_path, "name: CreditCardRecognizer\ntype: predefined\n", "[CREDIT_CARD]"))
    assert error.path == "rails.config.sensitive_data_detection.recognizers[0]"
    assert "list the entity" in str(error)


def test_a_recognizer_without_supported_entity_is_an_extension(tmp_path):
    """Built-in: crashes on every turn (`PatternRecognizer.__init__() missing ... 'supported_entity'`).
    pii-rails: accepted; the recognizer's name is its entity type."""
    recognizer = "name: EMPLOYEE_ID\npatterns:\n  - {name: emp, regex: 'EMP-\\d{6}', score: 0.8}\n"
    rails, _ = make_rails(with_recognizer(tmp_path, recognizer), ["ok"])
    assert masked(rails, "I am EMP-123456") == "I am <EMPLOYEE_ID>"


@pytest.mark.parametrize("threshold", ["1.5", "-0.1"])
def test_an_invalid_threshold_fails_when_the_rails_are_built(tmp_path, threshold):
    """Built-in: loads; every detect turn raises ValueError in `_get_analyzer` (mask turns
    run at 0.4, ignoring it). pii-rails: fails once, when the rails are built, naming the key."""
    path = write_config(
        tmp_path,
        f"{HEAD}rails:\n  config:\n    sensitive_data_detection:\n      input:\n"
        f"        entities: [PERSON]\n        score_threshold: {threshold}\n"
        "  input:\n    flows: [detect sensitive data on input]\n",
    )
    error = load_error(path)
    assert error.path == "rails.config.sensitive_data_detection.input.score_threshold"
