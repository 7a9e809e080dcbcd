"""The audit trail through real LLMRails: what each event holds, where it goes, and no raw values."""

from __future__ import annotations

import json
import logging

from conftest import make_rails, plugin_config
import pytest

pytestmark = pytest.mark.usefixtures("rails_engine")

VALUES = ["Ada Lovelace", "ada@lovelace.org", "212-555-0199", "536-22-8174"]
FIELDS = {
    "timestamp",
    "conversation_id",
    "rail",
    "entity_type",
    "score",
    "recognizer",
    "action",
    "placeholder",
    "value_hash",
    "start",
    "end",
    "below_threshold",
    "review",
}


def audited_config(tmp_path):
    return plugin_config(
        tmp_path,
        f"""
        reversible: true
        audit:
          jsonl: {tmp_path / "audit.jsonl"}
          log_level: DEBUG
        input:
          entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER, US_SSN]
          policies:
            PHONE_NUMBER: {{action: review, mask: true}}
        output:
          entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER, US_SSN]
        """,
        output=True,
    )


def test_events_describe_each_detection_without_its_value(rails_engine, tmp_path, caplog, monkeypatch):
    monkeypatch.setenv("PII_RAILS_AUDIT_SALT", "a-salt-of-sixteen-bytes-or-more")
    rails, _ = make_rails(audited_config(tmp_path), ["Hi <PERSON_1>; also Grace Hopper."])
    caplog.set_level(logging.DEBUG)
    messages = [
        {"role": "context", "content": {"conversation_id": "case-42"}},
        {"role": "user", "content": f"I'm {VALUES[0]}, {VALUES[1]}, {VALUES[2]}"},
    ]
    # output_vars reads the Colang context, which IORails does not have.
    options = {"output_vars": ["pii_rails_result"]} if rails_engine == "llmrails" else {}
    result = rails.generate(messages=messages, options=options)
    assert result.response[0]["content"] == f"Hi {VALUES[0]}; also <PERSON_2>."

    events = [json.loads(line) for line in (tmp_path / "audit.jsonl").read_text().splitlines()]
    by_rail = {}
    for event in events:
        assert set(event) == FIELDS
        assert event["conversation_id"] == "case-42"
        by_rail.setdefault(event["rail"], []).append(event)

    inputs = {e["entity_type"]: e for e in by_rail["input"]}
    assert set(inputs) == {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"}
    assert inputs["PERSON"]["placeholder"] == "<PERSON_1>" and inputs["PERSON"]["action"] == "mask"
    assert inputs["PERSON"]["recognizer"] == "SpacyRecognizer" and 0 < inputs["PERSON"]["score"] <= 1
    assert inputs["PHONE_NUMBER"]["action"] == "review" and inputs["PHONE_NUMBER"]["review"] is True
    assert len(inputs["EMAIL_ADDRESS"]["value_hash"]) == 32

    (new_name,) = by_rail["output"]
    assert new_name["entity_type"] == "PERSON" and new_name["placeholder"] == "<PERSON_2>"

    # Hashes are salted per deployment: equal values join, different values differ.
    assert new_name["value_hash"] != inputs["PERSON"]["value_hash"]

    if rails_engine == "llmrails":
        # The last rail's outcome carries its events too.
        assert result.output_data["pii_rails_result"].metadata["audit"] == by_rail["output"]

    logged = [json.loads(r.getMessage()) for r in caplog.records if r.name == "pii_rails.audit"]
    assert logged == events

    sink = (tmp_path / "audit.jsonl").read_text()
    assert not any(v in sink for v in VALUES + ["Grace Hopper"])


def test_no_raw_value_in_any_pii_rails_log_record_at_any_level(tmp_path, caplog):
    rails, _ = make_rails(audited_config(tmp_path), ["Hi <PERSON_1>.", "Noted, 536-22-8174 is new."])
    caplog.set_level(logging.DEBUG)
    history = [{"role": "user", "content": f"I'm {VALUES[0]}, {VALUES[1]}, {VALUES[2]}"}]
    history.append(rails.generate(messages=history))
    history.append({"role": "user", "content": f"and my SSN is {VALUES[3]}"})
    rails.generate(messages=history)

    ours = [r for r in caplog.records if r.name.startswith("pii_rails")]
    assert any(r.name == "pii_rails.audit" for r in ours)
    for record in ours:
        text = record.getMessage() + repr(record.args) + str(record.exc_info or "")
        assert not any(v in text for v in VALUES), record.getMessage()


def test_a_review_callback_that_fails_does_not_break_the_turn(tmp_path):
    from pii_rails.nemo.binding import engine_for

    rails, llm = make_rails(audited_config(tmp_path), ["ok"])

    def broken(event):
        raise RuntimeError("reviewer down")

    engine_for(rails).audit.on_review(broken)
    reply = rails.generate(messages=[{"role": "user", "content": f"Call {VALUES[2]}"}])
    assert reply["content"] == "ok"
    assert VALUES[2] not in llm.everything_sent
