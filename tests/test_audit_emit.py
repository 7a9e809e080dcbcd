"""``Auditor.emit`` writes each event's JSON line only where something takes it: what reaches the
log, the JSON Lines sinks and the review callbacks is the same with every combination of them."""

from __future__ import annotations

import json
import logging

import pytest

from pii_rails.masking.audit import Auditor
from pii_rails.settings import AuditOptions
from pii_rails.spans import Span


def _events(auditor):
    spans = [Span("PERSON", 0, 12, 0.85, "SpacyRecognizer"), Span("PHONE_NUMBER", 20, 32, 0.75, "PhoneRecognizer")]
    actions = ["mask", "review"]
    return [
        auditor.event(conversation_id="c1", rail="input", span=s, value="v", action=a, placeholder="<X>", below_threshold=False)
        for s, a in zip(spans, actions)
    ]


@pytest.mark.parametrize("logged", [True, False])
@pytest.mark.parametrize("jsonl", [True, False])
@pytest.mark.parametrize("review_jsonl", [True, False])
def test_every_sink_gets_the_same_lines(tmp_path, caplog, logged, jsonl, review_jsonl):
    options = AuditOptions(
        jsonl=str(tmp_path / "audit.jsonl") if jsonl else None,
        review_jsonl=str(tmp_path / "review.jsonl") if review_jsonl else None,
        log_level="INFO",
    )
    auditor = Auditor(options, b"sixteen-byte-salt")
    reviewed = []
    auditor.on_review(reviewed.append)
    events = _events(auditor)
    lines = [json.dumps(e.as_dict(), sort_keys=True) for e in events]
    caplog.set_level(logging.INFO if logged else logging.WARNING, logger="pii_rails.audit")
    auditor.emit(events)
    records = [r.getMessage() for r in caplog.records if r.name == "pii_rails.audit"]
    assert records == (lines if logged else [])
    if jsonl:
        assert (tmp_path / "audit.jsonl").read_text().splitlines() == lines
    if review_jsonl:
        assert (tmp_path / "review.jsonl").read_text().splitlines() == [lines[1]]
    assert reviewed == [events[1]]
    auditor.emit([])
    assert reviewed == [events[1]]
