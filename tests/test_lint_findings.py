"""Behaviour behind issue 14's ruff and mypy findings that were real bugs, not style."""

from __future__ import annotations

import pytest

from pii_rails import PiiEngine

TEXTS = ["Write to ada@example.com today.", "Or to grace@example.org tomorrow."]


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict({"input": {"entities": ["EMAIL_ADDRESS"]}})


def test_analyzer_takes_presidios_positional_arguments(engine):
    # Presidio's order is (text, language, entities, correlation_id, score_threshold, ...);
    # the override bound the fourth to nlp_artifacts and refused a fifth.
    results = engine.analyzer.analyze(TEXTS[0], "en", ["EMAIL_ADDRESS"], "request-1", 0.5)
    assert [TEXTS[0][r.start : r.end] for r in results] == ["ada@example.com"]


def test_fewer_results_than_texts_fails_instead_of_passing_a_text_as_clean(engine, monkeypatch):
    assert all(engine.detect_many(TEXTS))
    analyze = engine.detector.analyze
    # A detector that loses one text's results: without strict pairing the lost
    # text came back with no spans, as if it held no PII, and went out unmasked.
    monkeypatch.setattr(engine.detector, "analyze", lambda texts, *a, **k: analyze(texts, *a, **k)[:-1])
    monkeypatch.setattr(engine.detector, "cache", type(engine.detector.cache)())
    with pytest.raises(ValueError):
        engine.detect_many(TEXTS)
