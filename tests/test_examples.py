"""Every example in config/ loads as shipped and does what its comments say, through real LLMRails."""

from __future__ import annotations

import shutil

import pytest
from nemoguardrails import LLMRails, RailsConfig
from nemoguardrails.testing import TestChat

from pii_rails.errors import ConfigError
from conftest import EXAMPLES, RecordingLLM, make_rails

ADA = "Hi, I'm Ada Lovelace, mail ada.lovelace@example.com or call 212-555-0199."
ADA_VALUES = ["Ada Lovelace", "ada.lovelace@example.com", "212-555-0199"]


def assert_none_sent(llm: RecordingLLM, values):
    leaked = [v for v in values if v in llm.everything_sent]
    assert not leaked, f"reached the LLM: {leaked}"


# --- config/dropin -----------------------------------------------------------------


def test_dropin_masks_input_and_output():
    rails, llm = make_rails(EXAMPLES / "dropin", ["Sure. Card 4111 1111 1111 1111 is on file, Ada."])
    reply = rails.generate(messages=[{"role": "user", "content": ADA}])
    assert_none_sent(llm, ADA_VALUES)
    assert "<PERSON>" in llm.prompts[0] and "<EMAIL_ADDRESS>" in llm.prompts[0] and "<PHONE_NUMBER>" in llm.prompts[0]
    # Output entities are the output rail's own: the card is masked, the name (input only) is not.
    assert reply["content"] == "Sure. Card <CREDIT_CARD> is on file, Ada."


def test_dropin_never_sends_earlier_turns_raw():
    rails, llm = make_rails(EXAMPLES / "dropin", ["Noted.", "Done."])
    history = [
        {"role": "user", "content": ADA},
        # A client keeps what it showed the user; this assistant turn holds PII too.
        {"role": "assistant", "content": "Thanks Grace Hopper, I'll write to grace@navy.example.org."},
        {"role": "user", "content": "And my SSN is 219-09-9999."},
    ]
    rails.generate(messages=history[:1])
    rails.generate(messages=history)
    assert_none_sent(llm, ADA_VALUES + ["Grace Hopper", "grace@navy.example.org", "219-09-9999"])
    assert len(llm.prompts) == 2


# --- config/colang2 ----------------------------------------------------------------


def test_colang2_example_masks_input_and_output():
    # A 2.x app is driven by events, not generate(messages=...): play it through TestChat.
    llm = RecordingLLM(["user intent: user gave contact details", 'bot action: bot say "Card 4111 1111 1111 1111 is noted."'])
    chat = TestChat(RailsConfig.from_path(str(EXAMPLES / "colang2")), llm=llm)
    chat >> ADA
    chat << "Card <CREDIT_CARD> is noted."
    assert llm.prompts, "the LLM was never called"
    assert_none_sent(llm, ADA_VALUES)
    assert "<EMAIL_ADDRESS>" in llm.everything_sent


# --- config/custom_recognizers -----------------------------------------------------


def test_custom_recognizers_from_both_schemas():
    rails, llm = make_rails(EXAMPLES / "custom_recognizers", ["Badge EMP-654321 works on Nightjar."])
    reply = rails.generate(
        messages=[{"role": "user", "content": "My badge is EMP-123456, please reopen ticket T-12345 about Bluebird."}]
    )
    sent = llm.everything_sent
    assert_none_sent(llm, ["EMP-123456", "T-12345", "Bluebird"])
    assert "<EMPLOYEE_ID>" in sent and "<TICKET_ID>" in sent and "<PROJECT_CODENAME>" in sent
    assert reply["content"] == "Badge <EMPLOYEE_ID> works on <PROJECT_CODENAME>."


def test_context_words_lift_a_weak_pattern():
    from pii_rails import PiiEngine

    engine = PiiEngine.from_path(str(EXAMPLES / "custom_recognizers"))
    assert engine.detect("please reopen ticket T-12345", entities=["TICKET_ID"])
    assert engine.detect("the code T-12345 was printed", entities=["TICKET_ID"]) == []


# --- config/custom_flow ------------------------------------------------------------


def test_custom_flow_warns_masks_and_continues():
    rails, llm = make_rails(EXAMPLES / "custom_flow", ["Happy to help.", "Sure."])
    reply = rails.generate(messages=[{"role": "user", "content": ADA}])
    assert reply["content"].startswith("(Note: I removed personal details")
    assert reply["content"].endswith("Happy to help.")
    assert_none_sent(llm, ADA_VALUES)
    clean = rails.generate(messages=[{"role": "user", "content": "What are your opening hours?"}])
    assert clean["content"] == "Sure."


# --- config/rag --------------------------------------------------------------------

PAYROLL_VALUES = ["Priya Raman", "priya.raman@contoso.example", "212-555-0143"]


def test_rag_masks_knowledge_base_chunks_consistently():
    rails, llm = make_rails(EXAMPLES / "rag", ["Ask payroll."])
    result = rails.generate(
        messages=[{"role": "user", "content": "Who handles payroll questions?"}], options={"output_vars": True}
    )
    chunks = result.output_data["relevant_chunks_sep"]
    assert chunks and "Payroll questions go to <PERSON>, <EMAIL_ADDRESS>, phone <PHONE_NUMBER>." in chunks[0]
    assert result.output_data["relevant_chunks"].startswith("\n".join(chunks))
    assert_none_sent(llm, PAYROLL_VALUES)
    assert "<EMAIL_ADDRESS>" in llm.everything_sent


def rag_without_kb(tmp_path, flow: str):
    """config/rag with no knowledge base: the chunks come from the caller's context message."""
    target = tmp_path / "rag"
    shutil.copytree(EXAMPLES / "rag", target, ignore=shutil.ignore_patterns("kb"))
    config = target / "config.yml"
    text = config.read_text()
    assert "- mask sensitive data on retrieval" in text
    config.write_text(text.replace("- mask sensitive data on retrieval", f"- {flow}"))
    return target


def _context_message(chunks):
    return {"role": "context", "content": {"relevant_chunks": "\n".join(chunks), "relevant_chunks_sep": chunks}}


def test_chunks_from_a_context_message_are_masked_one_by_one(tmp_path):
    rails, llm = make_rails(rag_without_kb(tmp_path, "mask sensitive data on retrieval"), ["ok"])
    chunks = ["Owner: Alan Turing, alan@bletchley.example", "Reviewer: Joan Clarke"]
    result = rails.generate(
        messages=[_context_message(chunks), {"role": "user", "content": "Who owns it?"}], options={"output_vars": True}
    )
    assert result.output_data["relevant_chunks_sep"] == ["Owner: <PERSON>, <EMAIL_ADDRESS>", "Reviewer: <PERSON>"]
    assert result.output_data["relevant_chunks"].rstrip("\n") == "\n".join(result.output_data["relevant_chunks_sep"])
    assert_none_sent(llm, ["Alan Turing", "alan@bletchley.example", "Joan Clarke"])


def test_detect_on_retrieval_blocks_with_the_message(tmp_path):
    rails, llm = make_rails(rag_without_kb(tmp_path, "detect sensitive data on retrieval"), ["ok"])
    reply = rails.generate(messages=[_context_message(["Owner: Alan Turing"]), {"role": "user", "content": "Who?"}])
    # The built-in's flow name refuses with the built-in's `inform answer unknown` text.
    assert reply["content"] == "I don't know the answer to that."
    assert llm.prompts == []


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_every_example_loads(example, monkeypatch):
    monkeypatch.setenv("PII_RAILS_UPSTREAM_URL", "http://127.0.0.1:9/v1")  # config/server needs one
    monkeypatch.setenv("PII_RAILS_KEY", "an example key of 32 characters")  # config/keyed needs one
    LLMRails(RailsConfig.from_path(str(EXAMPLES / example)), llm=RecordingLLM([]))


def test_server_example_names_the_missing_upstream(monkeypatch):
    monkeypatch.delenv("PII_RAILS_UPSTREAM_URL", raising=False)
    with pytest.raises(Exception) as error:
        LLMRails(RailsConfig.from_path(str(EXAMPLES / "server")), llm=RecordingLLM([]))
    cause = error.value
    while cause is not None and not isinstance(cause, ConfigError):
        cause = cause.__cause__
    assert cause is not None and "PII_RAILS_UPSTREAM_URL" in str(cause)
