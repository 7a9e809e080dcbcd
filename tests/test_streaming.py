"""The actions work on NeMo's streaming path too (which passes extra keyword arguments),
on both engines (``rails_engine``: LLMRails with a fake LLM, IORails at the recording upstream)."""

from __future__ import annotations

import json

import pytest

from conftest import make_rails, write_config

CONFIG = """
models: []
streaming: true
import_paths: [pii_rails/flows/v1]
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, EMAIL_ADDRESS]
      output:
        entities: [US_SSN]
  input:
    flows: [mask sensitive data on input]
  output:
    flows: [{flow}]
    streaming:
      enabled: true
      chunk_size: 20
      context_size: 0
      stream_first: false
"""


async def _stream(rails, messages):
    return [chunk async for chunk in rails.stream_async(messages=messages)]


@pytest.mark.parametrize("flow", ["detect sensitive data on output", "pii rails detect on output"])
async def test_streamed_turns_mask_input_history_and_block_output(rails_engine, tmp_path, flow):
    rails, llm = make_rails(
        write_config(tmp_path, CONFIG.format(flow=flow)),
        ["Hello there friend, all good.", "Your SSN is 219-09-9999 right?"],
    )
    messages = [{"role": "user", "content": "I'm John Smith, mail john.smith@example.com"}]
    first = await _stream(rails, messages)
    assert "".join(first) == "Hello there friend, all good."

    messages += [{"role": "assistant", "content": "".join(first)}, {"role": "user", "content": "What's my SSN?"}]
    second = await _stream(rails, messages)
    error = json.loads(second[-1])["error"]
    assert error["code"] == "content_blocked" and error["param"] == flow
    assert "219-09-9999" not in "".join(second)

    sent = llm.everything_sent
    assert "John Smith" not in sent and "john.smith@example.com" not in sent
    assert sent.count("<PERSON>") == 2  # once per prompt: the history is masked too
