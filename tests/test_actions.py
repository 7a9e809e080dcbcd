"""The Detect and Mask actions: outcomes, metadata without values, failing closed."""

from __future__ import annotations

import json

import pytest
from nemoguardrails.actions.rail_outcome import RailDecision

from conftest import make_rails, write_config
from pii_rails import PiiEngine
from pii_rails.nemo.actions import PiiActions, block_message, split_chunks
from pii_rails.spans import Span

TEXT = "I'm Grace Hopper, reach me at grace.hopper@navy.example.org or 212-555-0199."
VALUES = ["Grace Hopper", "grace.hopper@navy.example.org", "212-555-0199"]


@pytest.fixture(scope="module")
def actions():
    engine = PiiEngine.from_dict(
        {
            "input": {"entities": ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"]},
            "output": {"entities": ["EMAIL_ADDRESS"]},
            "retrieval": {"entities": ["PERSON"]},
        }
    )
    return PiiActions(engine)


async def test_detect_blocks_and_metadata_names_types_not_values(actions):
    outcome = await actions.detect("input", TEXT, context={}, llm_task_manager=object(), events=[])
    assert outcome.decision is RailDecision.BLOCK
    meta = json.dumps(outcome.metadata)
    assert not any(v in meta for v in VALUES)
    found = {e["entity_type"]: e["count"] for e in outcome.metadata["entities"]}
    assert found == {"PERSON": 1, "EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1}
    assert outcome.metadata["block_message"].startswith("I can't process that: it contains a PERSON, an EMAIL")


async def test_each_source_uses_its_own_entity_list(actions):
    assert (await actions.detect("output", "Call 212-555-0199")).decision is RailDecision.ALLOW
    assert (await actions.detect("input", "Call 212-555-0199")).decision is RailDecision.BLOCK


async def test_mask_transforms_the_right_target_without_leaking(actions):
    outcome = await actions.mask("input", TEXT)
    assert outcome.decision is RailDecision.TRANSFORM
    masked = outcome.transform_text["user_message"]
    assert masked == "I'm <PERSON>, reach me at <EMAIL_ADDRESS> or <PHONE_NUMBER>."
    assert not any(v in json.dumps(outcome.metadata) for v in VALUES)
    clean = await actions.mask("output", "Nothing to see here.")
    assert clean.decision is RailDecision.ALLOW


async def test_mask_on_retrieval_goes_chunk_by_chunk(actions):
    chunks = ["Ticket opened by Alan Turing.", "Escalated to Ada Lovelace today."]
    outcome = await actions.mask("retrieval", "\n".join(chunks), context={"relevant_chunks_sep": chunks})
    assert outcome.metadata["masked_chunks"] == ["Ticket opened by <PERSON>.", "Escalated to <PERSON> today."]
    assert outcome.transform_text["relevant_chunks"] == "\n".join(outcome.metadata["masked_chunks"])


def test_split_chunks_trusts_the_list_only_when_it_matches_the_text():
    assert split_chunks("a\nb\n", {"relevant_chunks_sep": ["a", "b"]}) == (["a", "b"], "\n")
    assert split_chunks("something else", {"relevant_chunks_sep": ["a", "b"]}) == (["something else"], "")
    assert split_chunks("only text", None) == (["only text"], "")


async def test_unknown_source_is_an_error(actions):
    with pytest.raises(ValueError, match="source must be one of"):
        await actions.detect("inptu", "text")


def test_block_message_template_and_articles():
    spans = [Span("US_SSN", 0, 1, 1.0), Span("IP_ADDRESS", 2, 3, 1.0), Span("US_SSN", 4, 5, 1.0)]
    assert block_message(None, spans) == "I can't process that: it contains a US_SSN and an IP_ADDRESS."
    assert block_message("Blocked ({entity_types})", spans) == "Blocked (US_SSN, IP_ADDRESS)"


class _Exploding:
    """A recognizer stand-in that fails, to inject a detection fault."""

    def __call__(self, *args, **kwargs):
        raise RuntimeError("recognizer crashed")


FAULT_CONFIG = """
models: []
import_paths: [pii_rails/flows/v1]
custom_data:
  pii_rails:
    fail_open: {fail_open}
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, EMAIL_ADDRESS]
  input:
    flows: [mask sensitive data on input]
"""


def _faulty_rails(tmp_path, monkeypatch, fail_open: bool, flows: str = "[mask sensitive data on input]"):
    from pii_rails.nemo import binding as plugin

    config = FAULT_CONFIG.format(fail_open=str(fail_open).lower()).replace("[mask sensitive data on input]", flows)
    rails, llm = make_rails(write_config(tmp_path, config), ["Hi!"])
    monkeypatch.setattr(plugin.engine_for(rails).analyzer, "analyze", _Exploding())
    return rails, llm


def test_detection_fault_fails_closed_with_a_message(rails_engine, tmp_path, monkeypatch):
    rails, llm = _faulty_rails(tmp_path, monkeypatch, fail_open=False)
    reply = rails.generate(messages=[{"role": "user", "content": "I'm Ada Lovelace, ada@example.com"}])
    assert reply["content"] == "I can't process that right now: the privacy check could not run."
    assert llm.prompts == []


def test_boundary_fault_never_sends_the_prompt(rails_engine, tmp_path, monkeypatch):
    # No input flow: only the LLM boundary guards the prompt here.
    rails, llm = _faulty_rails(tmp_path, monkeypatch, fail_open=False, flows="[]")
    with pytest.raises(Exception) as info:
        rails.generate(messages=[{"role": "user", "content": "I'm Ada Lovelace, ada@example.com"}])
    assert "could not check the prompt" in repr(info.value) + repr(info.value.__cause__)
    assert llm.prompts == []


def test_fail_open_lets_the_turn_through_with_warnings(rails_engine, tmp_path, monkeypatch, caplog):
    rails, llm = _faulty_rails(tmp_path, monkeypatch, fail_open=True)
    reply = rails.generate(messages=[{"role": "user", "content": "I'm Ada Lovelace, ada@example.com"}])
    assert reply["content"] == "Hi!"
    assert "Ada Lovelace" in llm.everything_sent
    assert any("fail_open" in r.getMessage() for r in caplog.records if r.name == "pii_rails")
