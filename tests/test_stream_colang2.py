"""Streamed answers in Colang 2.x: checked as they arrive, like Colang 1.0.

In NeMo 0.24.1 a 2.x app streams the model's tokens straight from the LLM call
(``PassthroughLLMAction`` and friends push them to the stream), while its
``output rails`` flow runs on the whole message afterwards, for ``bot say``.
Its output-rail chunking runs ``rails.output.flows`` only, which 2.x leaves
empty. Without pii-rails' stream check the client got the model's raw text,
invented PII included; these tests pin that it now gets what a whole answer gets.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from nemoguardrails import LLMRails, RailsConfig

from conftest import RecordingLLM, WaitsForTheClient, write_config

CONFIG = """
colang_version: "2.x"
models: []
streaming: true
rails:
  output:
    streaming:
      enabled: true
      chunk_size: 200
      context_size: 0
      stream_first: false
custom_data:
  pii_rails:
    reversible: true
    input: {{entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER]}}
    output:
      entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER]
{policies}
"""

MAIN = """
import core
import guardrails
import pii_rails.flows.v2

flow main
  activate answering

flow answering
  global $user_message
  while True
    user said something
    $answer = await PassthroughLLMAction(user_message=$user_message)
    bot say $answer

flow input rails $input_text
  pii rails mask on input

flow output rails $output_text
  {output_flow}
"""

USER = "I'm Ada Lovelace (ada.lovelace@example.com), can you help me?"
FILLER = "the team reviewed the request and the figures look consistent with what was agreed "
ANSWERS = [
    "Grace Hopper can help, call her on 415-555-0132. Then " + FILLER * 2 + "and <PERSON_1> will be told.",
    "Sure, " + FILLER + "so Grace Hopper can help, call her on 415-555-0132, and mail <EMAIL_ADDRESS_1> after.",
    "Sure, " + FILLER * 2 + "and <PERSON_1> may call Grace Hopper on 415-555-0132",
]


def _rails(tmp_path, answers, output_flow="pii rails mask on output", policies="", llm=None):
    config = write_config(tmp_path, CONFIG.format(policies=policies), {"main.co": MAIN.format(output_flow=output_flow)})
    llm = llm or RecordingLLM(answers)
    return LLMRails(RailsConfig.from_path(str(config)), llm=llm), llm


@pytest.mark.parametrize("answer", ANSWERS)
async def test_a_streamed_2x_answer_is_the_whole_masked_answer(tmp_path, answer):
    rails, llm = _rails(tmp_path, [answer, answer])
    streamed = [c async for c in rails.stream_async(messages=[{"role": "user", "content": USER}])]
    whole = await rails.generate_async(messages=[{"role": "user", "content": USER}])
    assert "".join(streamed) == whole["content"]
    assert "Ada Lovelace" in whole["content"] or "ada.lovelace@example.com" in whole["content"]  # restored
    for raw in ("Grace Hopper", "415-555-0132"):
        assert not any(raw in chunk for chunk in streamed)  # not even split: no chunk holds it
        assert raw not in "".join(streamed)
    assert "<PHONE_NUMBER_1>" in whole["content"] and "<PERSON_2>" in whole["content"]
    assert "Ada Lovelace" not in llm.everything_sent


async def test_a_2x_stream_starts_before_the_answer_is_complete(tmp_path):
    """The model waits until the client has seen text before it writes the rest: NeMo's
    chunking (chunk_size 200) would hold this short answer until its end."""
    first = "so we will look into that request and get back to you shortly with news, "
    rest = "meanwhile call Grace Hopper on 415-555-0132 now."

    gate = asyncio.Event()
    llm = WaitsForTheClient(
        [first + rest], gate, "news, ", lambda chunk: str(getattr(chunk, "delta_content", None) or "")
    )
    waited_in_vain = llm.waited_in_vain
    rails, _ = _rails(tmp_path, [], llm=llm)
    chunks = []
    async for chunk in rails.stream_async(messages=[{"role": "user", "content": "hi"}]):
        chunks.append(chunk)
        gate.set()
    assert not waited_in_vain
    assert first.startswith(chunks[0]) and len(chunks) >= 2
    assert "".join(chunks) == first + "meanwhile call <PERSON_1> on <PHONE_NUMBER_1> now."


async def test_a_2x_block_ends_the_stream_with_the_block_message(tmp_path):
    policies = "      policies: {PHONE_NUMBER: {action: block}}\n      block_message: No phone numbers here."
    answer = "Sure, " + FILLER * 2 + "call 415-555-0132 and " + FILLER
    rails, _ = _rails(tmp_path, [answer], policies=policies)
    streamed = [c async for c in rails.stream_async(messages=[{"role": "user", "content": "hi"}])]
    assert not any("415-555-0132" in c for c in streamed)
    error = json.loads(streamed[-1])["error"]
    assert error["message"] == "No phone numbers here." and error["code"] == "content_blocked"
    assert "".join(streamed[:-1]) in answer  # what went out before the block is the answer's start


async def test_a_2x_detect_flow_blocks_the_stream(tmp_path):
    answer = "Sure, " + FILLER + "Grace Hopper can help, call her on 415-555-0132."
    rails, _ = _rails(tmp_path, [answer], output_flow="pii rails detect on output")
    streamed = [c async for c in rails.stream_async(messages=[{"role": "user", "content": "hi"}])]
    assert not any("415-555-0132" in c or "Hopper" in c for c in streamed)
    assert json.loads(streamed[-1])["error"]["code"] == "content_blocked"


async def test_2x_needs_no_output_streaming_section(tmp_path):
    """Without rails.output.streaming NeMo streams a 2.x answer as it is (no chunking);
    pii-rails checks it all the same."""
    config = CONFIG.replace(CONFIG[CONFIG.index("rails:") : CONFIG.index("custom_data:")], "")
    assert "rails:" not in config.replace("pii_rails:", "")
    main = MAIN.format(output_flow="pii rails mask on output")
    path = write_config(tmp_path, config.format(policies=""), {"main.co": main})
    rails = LLMRails(RailsConfig.from_path(str(path)), llm=RecordingLLM([ANSWERS[0]]))
    streamed = [c async for c in rails.stream_async(messages=[{"role": "user", "content": USER}])]
    assert "".join(streamed).startswith("<PERSON_2> can help, call her on <PHONE_NUMBER_1>. Then ")
    assert "".join(streamed).endswith("and Ada Lovelace will be told.")


async def test_the_docs_2x_config_and_flows_stream_masked_and_restored(tmp_path):
    """The Colang 2.x YAML and Colang blocks of docs/streaming.md, as written (the model passed in code)."""
    import re

    from conftest import REPO

    page = (REPO / "docs" / "streaming.md").read_text()
    section = page[page.index("## Colang 2.x") :]
    config = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    flows = re.search(r"```colang\n(.*?)```", section, re.S).group(1)
    path = write_config(tmp_path, config, {"main.co": flows})
    rails = LLMRails(RailsConfig.from_path(str(path)), llm=RecordingLLM([ANSWERS[1]]))
    streamed = [c async for c in rails.stream_async(messages=[{"role": "user", "content": USER}])]
    expected = "so <PERSON_2> can help, call her on <PHONE_NUMBER_1>, and mail ada.lovelace@example.com after."
    assert "".join(streamed) == "Sure, " + FILLER + expected
