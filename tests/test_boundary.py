"""The LLM boundary masks every part of every prompt, whatever its shape."""

from __future__ import annotations

import pytest
from nemoguardrails.types import ChatMessage, LLMModel, Role

from pii_rails import PiiEngine
from pii_rails.masking import checked
from pii_rails.masking import vault as vaults
from pii_rails.nemo.boundary import MaskingLLM, wrap
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


# -- Rail outputs the boundary does not analyse again -------------------------


def _recording_analyses(engine, monkeypatch):
    """Texts the engine runs detection on from now on."""
    seen = []
    real = engine.detector.analyze

    def spy(texts, *args, **kwargs):
        seen.extend(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(engine.detector, "analyze", spy)
    return seen


async def test_a_masked_input_quoted_in_the_prompt_is_not_analysed_again(monkeypatch):
    engine = PiiEngine.from_dict({"reversible": True, "input": {"entities": ["PERSON", "EMAIL_ADDRESS"]}})
    vault = engine.vault("c1")
    user = "Hi, I'm Maria Garcia and my mail is maria@example.com, please help."
    template = "The account belongs to Ada Lovelace of London.\n\nUser: {}\nAssistant:"
    with vaults.use(vault):
        masked_user = engine.guard(user, "input").masked_text
        assert masked_user == "Hi, I'm <PERSON_1> and my mail is <EMAIL_ADDRESS_1>, please help."
        seen = _recording_analyses(engine, monkeypatch)
        inner = RecordingLLM(["ok"])
        await MaskingLLM(inner, engine).generate_async(template.format(masked_user))
    # The quoted input went through no detector again; the template around it did.
    assert all(masked_user not in text and "please help" not in text for text in seen)
    assert any("Ada Lovelace" in text for text in seen)
    assert inner.prompts == [template.format(masked_user).replace("Ada Lovelace", "<PERSON_2>")]
    # The whole prompt analysed at once masks the same.
    full = MaskingLLM(RecordingLLM(["ok"]), engine).mask_prompt(template.format(masked_user))
    assert full.replace("<PERSON>", "<PERSON_2>") == inner.prompts[0]


async def test_the_prompt_template_is_analysed_once_across_turns(monkeypatch):
    engine = PiiEngine.from_dict({"reversible": True, "input": {"entities": ["PERSON", "EMAIL_ADDRESS"]}})
    template = "Below is a conversation with a helpful assistant.\n\nUser: {}\nAssistant:"
    seen = _recording_analyses(engine, monkeypatch)
    llm = MaskingLLM(RecordingLLM(["a", "b", "c"]), engine)
    for message in ("I am Ada Lovelace, write to ada@example.com", "Tell me about Alan Turing now", "nothing personal in this one"):
        with vaults.use(engine.vault()):
            masked = engine.guard(message, "input").masked_text
            await llm.generate_async(template.format(masked))
    # Three messages, and the template's two pieces once.
    assert len(seen) == 5
    assert llm.inner.prompts[1] == template.format("Tell me about <PERSON_1> now")


async def test_outputs_with_values_left_in_them_are_analysed_again():
    # PERSON is only flagged on input, but the retrieval rail masks it: the
    # input's output still holds the name, so the boundary reads it whole.
    engine = PiiEngine.from_dict(
        {
            "input": {"entities": ["PERSON", "EMAIL_ADDRESS"], "policies": {"PERSON": {"action": "flag"}}},
            "retrieval": {"entities": ["PERSON"]},
        }
    )
    inner = RecordingLLM(["ok"])
    with vaults.use(engine.vault()):
        masked = engine.guard("I'm Maria Garcia, mail maria@example.com, thanks a lot", "input").masked_text
        assert "Maria Garcia" in masked
        await MaskingLLM(inner, engine).generate_async(f"User: {masked}\nAssistant:")
    assert inner.prompts == ["User: I'm <PERSON>, mail <EMAIL_ADDRESS>, thanks a lot\nAssistant:"]


async def test_a_rail_with_a_higher_threshold_does_not_vouch_for_the_boundary(monkeypatch):
    engine = PiiEngine.from_dict(
        {
            "input": {"entities": ["PERSON"], "score_threshold": 0.9},
            "retrieval": {"entities": ["PERSON"], "score_threshold": 0.3},
        }
    )
    assert not engine._checks_for_boundary["input"] and engine._checks_for_boundary["retrieval"]
    with vaults.use(engine.vault()):
        masked = engine.guard("A question about the opening hours of the shop", "input").masked_text
        seen = _recording_analyses(engine, monkeypatch)
        await MaskingLLM(RecordingLLM(["ok"]), engine).generate_async(f"User: {masked}\nAssistant:")
    assert seen == [f"User: {masked}\nAssistant:"]


def test_checked_texts_count_only_between_word_boundaries():
    vault = vaults.Vault()
    vault.checked.mark("nothing personal here")
    vault.checked.mark("short")  # too short to look for
    text = "Xnothing personal here. nothing personal here! A short note."
    assert vault.checked.regions(text) == [(24, 45)]
    assert vault.to_state() == vaults.Vault().to_state()  # never saved to a store


def test_a_vault_keeps_a_bounded_number_of_checked_texts():
    vault = vaults.Vault()
    for i in range(1000):
        vault.checked.mark(f"checked text number {i:04d} " + "x" * 900)
    kept = vault.checked._texts
    assert len(kept) <= checked.MAX_CHECKED_TEXTS
    assert sum(map(len, kept)) == vault.checked._texts_chars <= checked.MAX_CHECKED_TOTAL_CHARS
    assert "checked text number 0999" in next(reversed(kept))  # the latest stay
