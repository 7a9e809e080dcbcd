"""The LLM boundary masks every part of every prompt, whatever its shape."""

from __future__ import annotations

import pytest
from nemoguardrails.types import ChatMessage, LLMModel, Role

from pii_rails import PiiEngine
from pii_rails.boundary import MaskingLLM, wrap
from conftest import RecordingLLM


@pytest.fixture(scope="module")
def engine():
    return PiiEngine.from_dict({"input": {"entities": ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER"]}})


def test_wrapper_is_an_llm_model_and_wraps_once(engine):
    inner = RecordingLLM(["ok"])
    wrapped = wrap(inner, engine)
    assert isinstance(wrapped, LLMModel)
    assert wrap(wrapped, engine) is wrapped
    assert wrapped.model_name == inner.model_name and wrapped.inference_count == 0


async def test_every_role_and_part_is_masked(engine):
    inner = RecordingLLM(["ok"])
    llm = MaskingLLM(inner, engine)
    prompt = [
        ChatMessage(role=Role.SYSTEM, content="The customer is Maria Garcia."),
        ChatMessage(role=Role.USER, content=[{"type": "text", "text": "Mail maria@example.com"}, {"type": "image_url"}]),
        ChatMessage(role=Role.ASSISTANT, content="I will call 212-555-0199."),
        ChatMessage(role=Role.TOOL, content="lookup: Maria Garcia, maria@example.com", tool_call_id="t1"),
    ]
    await llm.generate_async(prompt)
    sent = inner.everything_sent
    assert "Maria Garcia" not in sent and "maria@example.com" not in sent and "212-555-0199" not in sent
    assert prompt[0].content == "The customer is Maria Garcia."  # the caller's list is untouched


async def test_plain_string_and_dict_prompts(engine):
    inner = RecordingLLM(["a", "b"])
    llm = MaskingLLM(inner, engine)
    await llm.generate_async("User: I am Maria Garcia\nAssistant:")
    await llm.generate_async([{"role": "user", "content": "maria@example.com"}])
    assert inner.prompts == ["User: I am <PERSON>\nAssistant:", "<EMAIL_ADDRESS>"]


async def test_streaming_calls_are_masked(engine):
    inner = RecordingLLM(["one two"])
    llm = MaskingLLM(inner, engine)
    chunks = [c.delta_content async for c in llm.stream_async("Write to maria@example.com")]
    assert "".join(chunks) == "one two"
    assert inner.prompts == ["Write to <EMAIL_ADDRESS>"]


async def test_boundary_guards_retrieval_entities_too():
    """Chunks can reach the prompt without a retrieval rail running, so their entities count."""
    engine = PiiEngine.from_dict(
        {"input": {"entities": ["EMAIL_ADDRESS"]}, "retrieval": {"entities": ["PERSON"], "score_threshold": 0.3}}
    )
    inner = RecordingLLM(["ok"])
    await MaskingLLM(inner, engine).generate_async("Context: the account owner is Maria Garcia.\nUser: mail a@b.com")
    assert inner.prompts == ["Context: the account owner is <PERSON>.\nUser: mail <EMAIL_ADDRESS>"]
    assert engine.settings.rail("boundary").score_threshold == 0.3
