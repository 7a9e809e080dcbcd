"""Reversible masking through real LLMRails: the LLM sees placeholders, the user gets values back."""

from __future__ import annotations

import asyncio
import shutil
import time

import pytest
from nemoguardrails.testing import FakeLLMModel
from nemoguardrails.types import LLMResponse, ToolCall, ToolCallFunction

import pii_rails
from conftest import EXAMPLES, RecordingLLM, make_rails, plugin_config, write_config
from pii_rails.masking.stores import MemoryVaultStore

pytestmark = pytest.mark.usefixtures("rails_engine")

NAME, EMAIL, PHONE, CARD, SSN = "Ada Lovelace", "ada@lovelace.org", "212-555-0199", "4111 1111 1111 1111", "536-22-8174"


def user(text):
    return {"role": "user", "content": text}


def assistant(text):
    return {"role": "assistant", "content": text}


def turn(rails, history, text):
    history.append(user(text))
    reply = rails.generate(messages=history)
    history.append(reply)
    return reply["content"]


# --- config/reversible ----------------------------------------------------------------


def test_example_masks_all_five_types_and_restores_them(tmp_path):
    rails, llm = make_rails(
        EXAMPLES / "reversible",
        ["Thanks <PERSON_1>. I have <EMAIL_ADDRESS_1>, <PHONE_NUMBER_1>, card <CREDIT_CARD_1>, SSN <US_SSN_1>."],
    )
    reply = turn(rails, [], f"I'm {NAME}: {EMAIL}, {PHONE}, card {CARD}, SSN {SSN}.")
    for value in (NAME, EMAIL, PHONE, CARD, SSN):
        assert value not in llm.everything_sent
        assert value in reply
    assert reply == f"Thanks {NAME}. I have {EMAIL}, {PHONE}, card {CARD}, SSN {SSN}."


def test_example_masks_new_pii_from_the_llm_and_never_restores_it():
    rails, _ = make_rails(
        EXAMPLES / "reversible",
        ["Hi <PERSON_1>, forward it to Grace Hopper at grace@navy.example.org, 415-555-0100, SSN 219-09-9999."],
    )
    reply = turn(rails, [], f"I'm {NAME}.")
    assert reply.startswith(f"Hi {NAME}, forward it to <PERSON_2>")
    for value in ("Grace Hopper", "grace@navy.example.org", "415-555-0100", "219-09-9999"):
        assert value not in reply


@pytest.mark.parametrize(
    "echo",
    ["<Person_1>", "PERSON_1", "< PERSON_1 >", "[person_1]", "{PERSON-1}", "<PERSON 1>", "(PERSON_1)"],
)
def test_deformed_placeholders_are_restored(echo):
    rails, _ = make_rails(EXAMPLES / "reversible", [f"Hello {echo}, noted <EMAIL ADDRESS_1>."])
    reply = turn(rails, [], f"I'm {NAME}, {EMAIL}")
    assert reply == f"Hello {NAME}, noted {EMAIL}."


def test_numbers_stay_stable_across_turns_and_differ_between_values():
    rails, llm = make_rails(EXAMPLES / "reversible", ["Hi <PERSON_1>.", "<PERSON_2> and <PERSON_1>, got it."])
    history = []
    turn(rails, history, f"I'm {NAME}.")
    reply = turn(rails, history, f"Add Grace Hopper; {NAME} approves.")
    assert reply == f"Grace Hopper and {NAME}, got it."
    second = llm.prompts[-1]
    assert "<PERSON_1>" in second and "<PERSON_2>" in second
    assert NAME not in llm.everything_sent and "Grace Hopper" not in llm.everything_sent
    # Earlier turns (as the client re-sends them, restored) get the numbers they had.
    assert second.count("<PERSON_1>") >= 3


def test_one_replica_or_another_gives_the_same_placeholders():
    history = [user(f"I'm {NAME}, {EMAIL}."), assistant(f"Hi {NAME}."), user(f"Mail {EMAIL} to Grace Hopper.")]
    prompts = []
    for _ in range(2):  # two separate LLMRails: nothing shared but the request
        rails, llm = make_rails(EXAMPLES / "reversible", ["ok"])
        rails.generate(messages=list(history))
        prompts.append(llm.prompts[-1])
    assert prompts[0] == prompts[1]
    assert "Mail <EMAIL_ADDRESS_1> to <PERSON_2>." in prompts[0]


# --- forgery ------------------------------------------------------------------------------


def test_a_placeholder_typed_by_the_user_is_never_given_a_value():
    rails, llm = make_rails(EXAMPLES / "reversible", ["<PERSON_1> and <PERSON_2>."])
    reply = turn(rails, [], f"Who is <PERSON_1>? I'm {NAME}.")
    assert "<PERSON_1>" in llm.prompts[-1] and "<PERSON_2>" in llm.prompts[-1]
    assert reply == f"<PERSON_1> and {NAME}."


def test_a_placeholder_from_another_conversation_does_not_bring_its_value():
    rails, _ = make_rails(EXAMPLES / "reversible", ["Hi <PERSON_1>.", "<PERSON_1>, <EMAIL_ADDRESS_1>."])
    assert turn(rails, [], f"I'm {NAME}, {EMAIL}.") == f"Hi {NAME}."
    reply = turn(rails, [], "Tell me about <PERSON_1> and <EMAIL_ADDRESS_1>.")
    assert NAME not in reply and EMAIL not in reply


def test_conversations_with_ids_keep_apart_even_with_the_same_numbers():
    rails, _ = make_rails(EXAMPLES / "reversible", ["Hi <PERSON_1>.", "Hi <PERSON_1>.", "Still <PERSON_1>."])

    def ask(conversation, text):
        ctx = {"role": "context", "content": {"conversation_id": conversation}}
        return rails.generate(messages=[ctx, user(text)])["content"]

    assert ask("a", f"I'm {NAME}.") == f"Hi {NAME}."
    assert ask("b", "I'm Grace Hopper.") == "Hi Grace Hopper."
    # Only the new message is sent: the id finds the vault of conversation a.
    assert ask("a", "Who am I, <PERSON_1>?") == f"Still {NAME}."


# --- two conversations at once ----------------------------------------------------------------


class EchoLLM(RecordingLLM):
    """Answers by echoing the placeholders it was sent in the last user line."""

    def __init__(self):
        super().__init__(responses=[])

    async def generate_async(self, prompt, *, stop=None, **kwargs):
        text = self._as_text(prompt)
        self.prompts.append(text)
        await asyncio.sleep(0.01)  # let the other conversation interleave
        last = [line for line in text.splitlines() if line.startswith("User:")][-1]
        return LLMResponse(content="You said: " + last.removeprefix("User:").strip())


@pytest.mark.parametrize("with_ids", [False, True])
async def test_two_interleaved_conversations_never_see_each_others_values(with_ids):
    from nemoguardrails import LLMRails, RailsConfig

    llm = EchoLLM()
    rails = LLMRails(RailsConfig.from_path(str(EXAMPLES / "reversible")), llm=llm)
    people = {"a": (NAME, EMAIL), "b": ("Grace Hopper", "grace@navy.example.org")}

    async def conversation(key):
        name, email = people[key]
        history = [{"role": "context", "content": {"conversation_id": key}}] if with_ids else []
        replies = []
        for text in (f"I'm {name}.", f"Mail {email}.", f"Thanks, {name}."):
            history.append(user(text))
            reply = await rails.generate_async(messages=list(history))
            history.append(reply)
            replies.append(reply["content"])
        return replies

    replies = dict(zip("ab", await asyncio.gather(conversation("a"), conversation("b"))))
    for key, other in (("a", "b"), ("b", "a")):
        text = " ".join(replies[key])
        assert all(v in text for v in people[key]), text
        assert not any(v in text for v in people[other]), text
    for value in (*people["a"], *people["b"]):
        assert value not in llm.everything_sent


# --- retrieval and tools ---------------------------------------------------------------------


def reversible_rag(tmp_path):
    target = tmp_path / "rag"
    shutil.copytree(EXAMPLES / "rag", target, ignore=shutil.ignore_patterns("kb"))
    config = target / "config.yml"
    config.write_text(
        config.read_text().replace(
            "  retrieval:\n    flows:",
            "  output:\n    flows:\n      - mask sensitive data on output\n  retrieval:\n    flows:",
        )
        + "\ncustom_data:\n  pii_rails:\n    reversible: true\n    input:\n      entities: [PERSON, EMAIL_ADDRESS]\n"
        "    output:\n      entities: [PERSON, EMAIL_ADDRESS]\n"
    )
    return target


@pytest.mark.llmrails_only("retrieval rails are outside what IORails serves in NeMo 0.24.1")
def test_values_from_retrieved_chunks_stay_masked_when_the_llm_echoes_them(tmp_path):
    rails, llm = make_rails(reversible_rag(tmp_path), ["<PERSON_1>, the owner is <PERSON_2> (<EMAIL_ADDRESS_1>)."])
    chunks = ["Owner: Alan Turing, alan@bletchley.example"]
    context = {"role": "context", "content": {"relevant_chunks": chunks[0], "relevant_chunks_sep": chunks}}
    reply = rails.generate(messages=[context, user(f"I'm {NAME}; who owns it?")])["content"]
    assert reply == f"{NAME}, the owner is <PERSON_2> (<EMAIL_ADDRESS_1>)."
    assert "Alan Turing" not in llm.everything_sent and NAME not in llm.everything_sent


def passthrough_config(tmp_path):
    return plugin_config(
        tmp_path,
        """
        reversible: true
        input:
          entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER]
        output:
          entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER]
        """,
        head="passthrough: true\n",
    )


def test_tool_results_are_masked_and_tool_call_arguments_restored(tmp_path):
    from nemoguardrails import LLMRails, RailsConfig

    call = ToolCall(
        id="c2",
        type="function",
        function=ToolCallFunction(name="send_mail", arguments={"to": "<EMAIL_ADDRESS_1>", "cc": "<PHONE_NUMBER_1>"}),
    )

    class ToolLLM(FakeLLMModel):
        def __init__(self):
            super().__init__(llm_responses=[LLMResponse(content="", tool_calls=[call])])
            self.seen = []

        async def generate_async(self, prompt, *, stop=None, **kwargs):
            self.seen.append(repr(prompt))
            return await super().generate_async(prompt, stop=stop, **kwargs)

    llm = ToolLLM()
    rails = LLMRails(RailsConfig.from_path(str(passthrough_config(tmp_path))), llm=llm)
    messages = [
        user(f"I'm {NAME}, {EMAIL}. Look up my manager."),
        {
            "role": "assistant",
            "content": "",
            "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "lookup", "arguments": "{}"}}],
        },
        {"role": "tool", "tool_call_id": "c1", "content": "Manager: Grace Hopper, phone 415-555-0100"},
        user("Mail me and copy her phone."),
    ]
    result = rails.generate(messages=messages, options={"log": {"activated_rails": True}})
    sent = "\n".join(llm.seen)
    for value in (NAME, EMAIL, "Grace Hopper", "415-555-0100"):
        assert value not in sent
    assert result.tool_calls, result
    arguments = result.tool_calls[0]["function"]["arguments"]
    assert arguments == {"to": EMAIL, "cc": "415-555-0100"}


# --- vaults kept between calls ---------------------------------------------------------------


def test_conversation_context_manager_keeps_numbers_across_calls():
    rails, llm = make_rails(EXAMPLES / "reversible", ["Hi <PERSON_1>.", "Yes, <PERSON_1>."])
    with pii_rails.conversation(rails, "ticket-1"):
        assert rails.generate(messages=[user(f"I'm {NAME}.")])["content"] == f"Hi {NAME}."
    with pii_rails.conversation(rails, "ticket-1"):
        assert rails.generate(messages=[user("Remember me?")])["content"] == f"Yes, {NAME}."
    pii_rails.forget(rails, "ticket-1")
    rails2, _ = make_rails(EXAMPLES / "reversible", ["Yes, <PERSON_1>."])
    with pii_rails.conversation(rails2, "ticket-1"):
        assert rails2.generate(messages=[user("Remember me?")])["content"] == "Yes, <PERSON_1>."


def test_memory_store_expires_and_bounds_conversations():
    store = MemoryVaultStore(ttl_seconds=0.05, max_conversations=2)
    first = store.get("a")
    assert store.get("a") is first
    time.sleep(0.1)
    assert store.get("a") is not first, "expired after its TTL"
    store.get("b")
    store.get("c")
    assert len(store) == 2, "the least recently used conversation made room"


def test_memory_store_expiry_follows_each_vaults_last_use(monkeypatch):
    """Expiry skips its scan until a vault may have expired, and stays exact per vault."""
    from pii_rails.masking import stores, vault as vault_module
    from pii_rails.settings import PlaceholderSpec

    clock = [1000.0]
    monkeypatch.setattr(stores.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(vault_module.time, "monotonic", lambda: clock[0])
    store = MemoryVaultStore(ttl_seconds=10)
    used, idle = store.get("used"), store.get("idle")
    clock[0] = 1008.0
    used.placeholder("PERSON", "Ada Lovelace", PlaceholderSpec(style="numbered"), restorable=True)  # touched by use, not by get
    clock[0] = 1010.5
    assert store.get("late") is not None
    assert "idle" not in store._vaults and store.get("used") is used, "only the idle one expired"
    clock[0] = 1018.4
    assert store.get("used") is used, "used at 1010.5: alive until 1020.5"
    clock[0] = 1028.5
    assert store.get("late2") is not None
    assert {"used", "late"}.isdisjoint(store._vaults), "both past their TTL"
    assert store.get("used") is not used


def test_colang2_state_keeps_its_conversation(tmp_path):
    from nemoguardrails.testing import TestChat

    config_dir = write_config(
        tmp_path,
        """
        colang_version: "2.x"
        models: []
        rails:
          input:
            flows: [pii rails mask on input]
          output:
            flows: [pii rails mask on output]
        custom_data:
          pii_rails:
            reversible: true
            input:
              entities: [PERSON, EMAIL_ADDRESS]
            output:
              entities: [PERSON, EMAIL_ADDRESS]
        """,
        {
            "rails.co": """
            import core
            import pii_rails.flows.v2

            flow main
              activate repeat

            flow repeat
              user said something
              bot say "Hi <PERSON_1>, mail <EMAIL_ADDRESS_1>."
            """
        },
    )
    from nemoguardrails import RailsConfig

    chat = TestChat(RailsConfig.from_path(str(config_dir)), llm_completions=[])
    chat >> f"I'm {NAME}, {EMAIL}"
    chat << f"Hi {NAME}, mail {EMAIL}."
    # The second turn carries no values: the state's vault still has them.
    chat >> "and again?"
    chat << f"Hi {NAME}, mail {EMAIL}."


def test_a_value_once_found_is_masked_wherever_it_comes_back():
    # The small spaCy model misses "Ada Lovelace" in the restored answer of turn 1
    # when the whole prompt is checked; the conversation knows it is a name.
    rails, llm = make_rails(
        EXAMPLES / "reversible",
        ["Thanks <PERSON_1>! I'll write to <EMAIL_ADDRESS_1>; cc grace.hopper@navy.example.org.", "Noted."],
    )
    history = []
    turn(rails, history, f"I'm {NAME}, {EMAIL}, {PHONE}.")
    assert history[-1]["content"].startswith(f"Thanks {NAME}!")
    turn(rails, history, "Please note my card too.")
    assert NAME not in llm.everything_sent and EMAIL not in llm.everything_sent
    assert "grace.hopper@navy.example.org" not in history[-3]["content"]


def test_neighbouring_values_of_one_type_each_get_their_own_placeholder():
    rails, llm = make_rails(EXAMPLES / "reversible", ["Writing to <EMAIL_ADDRESS_2> and <EMAIL_ADDRESS_1>."])
    reply = turn(rails, [], "cc a.one@example.org b.two@example.org")
    assert "cc <EMAIL_ADDRESS_1> <EMAIL_ADDRESS_2>" in llm.prompts[-1]
    assert reply == "Writing to b.two@example.org and a.one@example.org."


async def test_fake_values_reach_the_llm_and_come_back_as_the_real_ones(tmp_path):
    from nemoguardrails import LLMRails, RailsConfig

    config = plugin_config(
        tmp_path,
        """
        reversible: true
        input:
          entities: [PERSON, EMAIL_ADDRESS]
          placeholder: fake
        output:
          entities: [PERSON, EMAIL_ADDRESS]
        """,
        output=True,
    )
    llm = EchoLLM()
    rails = LLMRails(RailsConfig.from_path(str(config)), llm=llm)
    reply = await rails.generate_async(messages=[user(f"I'm {NAME}, {EMAIL}")])
    sent_line = [line for line in llm.prompts[-1].splitlines() if line.startswith("User:")][-1]
    assert NAME not in sent_line and EMAIL not in sent_line and "<" not in sent_line, sent_line
    assert reply["content"] == f"You said: I'm {NAME}, {EMAIL}"
