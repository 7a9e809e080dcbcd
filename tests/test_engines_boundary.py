"""The LLM boundary, conversations and streamed answers on both NeMo engines.

Every test runs through real ``LLMRails`` and real ``nemoguardrails.Guardrails``
on the IORails engine (``require_iorails=True``: a fallback fails the test),
with the main model at a recording OpenAI-compatible upstream on 127.0.0.1.
The assertions are on what the upstream received and what the caller got.
"""

from __future__ import annotations

import json
import logging

import pytest

import pii_rails
from engines import ENGINES, build, config_dir
from pii_rails.nemo import patches
from pii_rails.testing.upstream import RecordingUpstream, echo_reply

ADA, EMAIL, PHONE = "Ada Lovelace", "ada.lovelace@example.com", "212-555-0199"
CARD = "4111 1111 1111 1111"
GRACE, GRACE_EMAIL = "Grace Hopper", "grace.hopper@navy-example.org"
TOOL_OWNER, TOOL_PHONE = "Priya Raman", "212-555-0143"
INVENTED = "415-555-0132"
# IORails keeps HTTP sessions bound to the event loop it started in: one loop per module,
# so the module's rails (one per engine, built once) serve every test.
pytestmark = pytest.mark.asyncio(loop_scope="module")

USER_VALUES = [ADA, EMAIL, PHONE, CARD]
ALL_VALUES = USER_VALUES + [GRACE, GRACE_EMAIL, TOOL_OWNER, TOOL_PHONE]

RAILS = """
streaming: true
import_paths: [pii_rails/flows/v1]
rails:
  input:
    flows: [pii rails mask on input]
  output:
    flows: [{output}]
    streaming:
      enabled: true
      chunk_size: 200
      context_size: 0
      stream_first: false
custom_data:
  pii_rails:
    reversible: true
    input:
      entities: &e [PERSON, EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, US_SSN]
    output:
      entities: *e
"""


class Reply:
    """The upstream's answer, settable per test: echo the placeholders, add ``extra``, or a tool call."""

    def __init__(self):
        self.extra = f"Or call me at {INVENTED}."
        self.tool_call = None

    def __call__(self, request):
        text = echo_reply(self.extra)(request)
        if self.tool_call is None:
            return text
        return {"content": None, "tool_calls": [self.tool_call(request)]}


@pytest.fixture(scope="module")
def reply():
    return Reply()


@pytest.fixture(scope="module")
def upstream(reply):
    with RecordingUpstream(reply, chunk_chars=3) as up:
        yield up


@pytest.fixture(autouse=True)
def fresh_reply(reply, upstream):
    reply.extra, reply.tool_call, upstream.chunk_chars = f"Or call me at {INVENTED}.", None, 3


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    return request.param


@pytest.fixture(scope="module")
def rails(engine, upstream, tmp_path_factory):
    """Input and output masking, reversible; one rails instance per engine for the module."""
    path = config_dir(tmp_path_factory.mktemp(engine) / "mask", upstream.url, RAILS.format(output="pii rails mask on output"))
    return build(path, engine)


def _sent(upstream, before):
    return [json.loads(body) for body in upstream.bodies[before:]]


def _assert_clean(bodies, values=ALL_VALUES):
    assert bodies, "the upstream received nothing"
    for body in bodies:
        text = json.dumps(body)
        for value in values:
            assert value not in text, f"{value!r} reached the upstream"


async def _answer(rails, messages, stream, **kwargs):
    if stream:
        chunks = [chunk async for chunk in rails.stream_async(messages=messages, **kwargs)]
        assert all(isinstance(c, str) for c in chunks)
        return "".join(chunks)
    result = await rails.generate_async(messages=messages, **kwargs)
    return result["content"]


def _conversation():
    return [
        {"role": "system", "content": f"You help {GRACE} ({GRACE_EMAIL}) with her team's accounts."},
        {"role": "user", "content": f"Hi, I'm {ADA}, mail {EMAIL} or call {PHONE}."},
        {"role": "assistant", "content": f"Hello {ADA}, noted your details."},
        {"role": "user", "content": f"Put card {CARD} on file for {ADA}."},
    ]


@pytest.mark.parametrize("stream", [False, True], ids=["generate", "stream"])
async def test_every_message_of_the_request_is_masked_and_the_answer_restored(rails, upstream, stream):
    before = len(upstream.bodies)
    answer = await _answer(rails, _conversation(), stream)
    sent = _sent(upstream, before)
    _assert_clean(sent)
    messages = json.dumps(sent[-1]["messages"])
    # History and system prompt masked too, numbered in order of first appearance.
    for token in ("<PERSON_1>", "<EMAIL_ADDRESS_1>", "<PERSON_2>", "<EMAIL_ADDRESS_2>", "<PHONE_NUMBER_1>", "<CREDIT_CARD_1>"):
        assert token in messages, token
    # The model echoed the last message's placeholders: the caller reads its own values.
    assert answer.startswith(f"Noted: {CARD}, {ADA}."), answer
    # The number the model made up is masked and never restored.
    assert INVENTED not in answer and "<PHONE_NUMBER_" in answer


async def test_the_same_value_keeps_its_placeholder_turn_after_turn(rails, upstream, reply):
    reply.extra = ""  # (a masked number the model made up would take the first phone placeholder)
    messages = [{"role": "user", "content": f"I'm {ADA}, reach me at {EMAIL}."}]
    before = len(upstream.bodies)
    for turn in range(3):
        answer = await _answer(rails, messages, stream=turn == 1)
        messages += [
            {"role": "assistant", "content": answer},
            {"role": "user", "content": f"Turn {turn}: still {ADA}, phone {PHONE}."},
        ]
    sent = _sent(upstream, before)
    _assert_clean(sent, [ADA, EMAIL, PHONE])
    # LLMRails renders a prompt from its template, IORails sends the messages: either
    # way Ada is <PERSON_1> and her mail <EMAIL_ADDRESS_1> in every request.
    for turn, body in enumerate(sent):
        text = json.dumps(body["messages"])
        assert "<PERSON_1>" in text and "<EMAIL_ADDRESS_1>" in text and "<PERSON_2>" not in text
        assert ("<PHONE_NUMBER_1>" in text) == (turn > 0) and "<PHONE_NUMBER_2>" not in text
    assert messages[1]["content"].startswith(f"Noted: {ADA}, {EMAIL}.")


async def test_a_conversation_with_an_id_keeps_its_vault_between_calls(rails, upstream):
    """A client that sends only the new message: the vault of the conversation numbers it."""
    before = len(upstream.bodies)
    with pii_rails.conversation(rails, "ticket-4711"):
        await _answer(rails, [{"role": "user", "content": f"I'm {GRACE}, mail {GRACE_EMAIL}."}], stream=False)
    with pii_rails.conversation(rails, "ticket-4711"):
        second = await _answer(rails, [{"role": "user", "content": f"I'm {ADA}, still with {GRACE}."}], stream=False)
    with pii_rails.conversation(rails, "ticket-4711"):
        third = await _answer(rails, [{"role": "user", "content": f"Ask {GRACE} and {ADA}."}], stream=True)
    sent = _sent(upstream, before)
    _assert_clean(sent, [ADA, GRACE, GRACE_EMAIL])
    assert sent[1]["messages"][-1]["content"] == "I'm <PERSON_2>, still with <PERSON_1>."
    assert sent[2]["messages"][-1]["content"] == "Ask <PERSON_1> and <PERSON_2>."
    assert second.startswith(f"Noted: {ADA}, {GRACE}.") and third.startswith(f"Noted: {GRACE}, {ADA}.")
    pii_rails.forget(rails, "ticket-4711")


def _tool_exchange():
    call = {"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": json.dumps({"phone": PHONE})}}
    return [
        {"role": "system", "content": "You look customers up."},
        {"role": "user", "content": f"I'm {ADA}, my phone is {PHONE}."},
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "call_1", "content": f"owner: {TOOL_OWNER}, desk {TOOL_PHONE}"},
        {"role": "user", "content": f"Send the summary to {EMAIL}."},
    ]


@pytest.mark.parametrize("stream", [False, True], ids=["generate", "stream"])
async def test_tool_results_and_earlier_tool_calls_are_masked_new_calls_restored(engine, rails, upstream, reply, stream):
    if engine == "llmrails":
        pytest.skip("LLMRails sends tool calls only with `passthrough: true`; covered on IORails, which always passes them")

    def send_mail(request):
        # The model calls a tool with the placeholders it was given.
        user = request["messages"][-1]["content"]
        address = user.split("to ")[-1].rstrip(".")
        return {"id": "call_2", "type": "function", "function": {"name": "send", "arguments": json.dumps({"to": address})}}

    reply.tool_call = send_mail
    before = len(upstream.bodies)
    options = {"llm_params": {"tools": [{"type": "function", "function": {"name": "send", "parameters": {}}}]}}
    if stream:
        chunks = [c async for c in rails.stream_async(messages=_tool_exchange(), options=options)]
        calls = json.loads(chunks[-1])["tool_calls"]
    else:
        result = await rails.generate_async(messages=_tool_exchange(), options=options)
        calls = result.tool_calls if hasattr(result, "tool_calls") else result["tool_calls"]
    sent = _sent(upstream, before)
    _assert_clean(sent, [ADA, PHONE, EMAIL, TOOL_OWNER, TOOL_PHONE])
    history = sent[-1]["messages"]
    # The earlier call's arguments were masked inside the JSON, which stays JSON.
    assert json.loads(history[2]["tool_calls"][0]["function"]["arguments"]) == {"phone": "<PHONE_NUMBER_1>"}
    assert history[3]["content"] == "owner: <PERSON_2>, desk <PHONE_NUMBER_2>"
    # The new call goes to the caller's tool with the user's value.
    arguments = calls[0]["function"]["arguments"]
    assert (json.loads(arguments) if isinstance(arguments, str) else arguments) == {"to": EMAIL}


async def test_split_placeholders_are_restored_in_a_stream_without_output_rails(engine, upstream, tmp_path):
    path = config_dir(
        tmp_path,
        upstream.url,
        """
        streaming: true
        import_paths: [pii_rails/flows/v1]
        rails:
          input:
            flows: [pii rails mask on input]
        custom_data:
          pii_rails:
            reversible: true
            input:
              entities: [PERSON, EMAIL_ADDRESS, CREDIT_CARD]
        """,
    )
    rails = build(path, engine)
    upstream.chunk_chars = 1
    before = len(upstream.bodies)
    chunks = [c async for c in rails.stream_async(messages=[{"role": "user", "content": f"I'm {ADA}, mail {EMAIL}, card {CARD}."}])]
    _assert_clean(_sent(upstream, before), [ADA, EMAIL, CARD])
    assert "".join(chunks) == f"Noted: {ADA}, {EMAIL}, {CARD}. Or call me at {INVENTED}."
    # Only placeholders were held: the text before the first one came out in pieces.
    assert chunks[0] in ("N", "No", "Not", "Noted: "[: len(chunks[0])]) and len(chunks) > 20


@pytest.mark.parametrize("flow", ["pii rails detect on output", "detect sensitive data on output"])
async def test_a_block_ends_the_stream_with_the_block_message(engine, upstream, reply, tmp_path, flow):
    reply.extra = "Your SSN is 219-09-9999 as requested, have a nice day."
    rails = build(config_dir(tmp_path, upstream.url, RAILS.format(output=flow)), engine)
    chunks = [c async for c in rails.stream_async(messages=[{"role": "user", "content": "What is my SSN?"}])]
    error = json.loads(chunks[-1])["error"]
    assert error["code"] == "content_blocked" and error["type"] == "guardrails_violation"
    assert error["param"] == flow
    assert "219-09-9999" not in "".join(chunks)


async def test_held_text_is_dropped_when_the_model_fails_mid_stream(engine, upstream, reply, tmp_path):
    """The upstream dies after half a card number: nothing held goes out unchecked."""
    rails = build(config_dir(tmp_path, upstream.url, RAILS.format(output="pii rails mask on output")), engine)

    def broken(request):
        raise ConnectionError("upstream gone")

    reply.tool_call = None
    reply.extra = ""
    upstream.reply, saved = broken, upstream.reply
    try:
        chunks = [c async for c in rails.stream_async(messages=[{"role": "user", "content": "Hello there"}])]
    except Exception:
        chunks = ["<raised>"]
    finally:
        upstream.reply = saved
    # Either a terminal error frame or an exception; never text the guard did not check.
    assert chunks, "the stream ended silently"
    if chunks != ["<raised>"]:
        assert '"error"' in chunks[-1]


async def test_no_raw_value_in_any_log_record(engine, upstream, tmp_path, caplog):
    rails = build(config_dir(tmp_path, upstream.url, RAILS.format(output="pii rails mask on output")), engine)
    caplog.set_level(logging.DEBUG)
    for name in ("nemoguardrails", "pii_rails", "httpx", "aiohttp"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        await _answer(rails, _conversation(), stream=False)
        await _answer(rails, _conversation(), stream=True)
    finally:
        for name in ("nemoguardrails", "pii_rails", "httpx", "aiohttp"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Running input rails" in logged or "generate" in logged  # NeMo did log the turn
    for value in ALL_VALUES + [INVENTED]:
        assert value not in logged, f"{value!r} was logged"


def test_instance_patches_are_applied_on_iorails(upstream, tmp_path):
    rails = build(config_dir(tmp_path, upstream.url, RAILS.format(output="pii rails mask on output")), "iorails")
    iorails = rails.rails_engine
    assert pii_rails.engine_for(rails) is pii_rails.engine_for(iorails)
    owners = {
        ":IORails.": iorails,
        ":AsyncWorkQueue.": iorails._generate_async_queue,
        ":ModelEngine.": iorails.engine_registry.llms["main"],
    }
    for patch in patches.PATCHES:
        owner = next((o for key, o in owners.items() if key in patch.target), None)
        if owner is None or patch.scope != "instance":
            continue
        name = patch.target.rpartition(".")[2]
        assert name in vars(owner), patch.target


def test_the_synchronous_call_is_guarded_on_iorails(upstream, tmp_path):
    rails = build(config_dir(tmp_path, upstream.url, RAILS.format(output="pii rails mask on output")), "iorails")
    before = len(upstream.bodies)
    answer = rails.generate(messages=_conversation())
    _assert_clean(_sent(upstream, before))
    assert answer["content"].startswith(f"Noted: {CARD}, {ADA}.") and INVENTED not in answer["content"]
