"""Smoke test of the Colang 1.0 drop-in path: built-in flow names, our engine."""

from conftest import make_rails, write_config
import pytest

pytestmark = pytest.mark.usefixtures("rails_engine")

CONFIG = """
models: []
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
    flows: [detect sensitive data on output]
"""


def test_history_is_masked_and_output_blocked(tmp_path):
    rails, llm = make_rails(write_config(tmp_path, CONFIG), ["Noted.", "Your SSN is 219-09-9999."])
    messages = [{"role": "user", "content": "I'm John Smith, mail john.smith@example.com"}]
    first = rails.generate(messages=messages)
    assert first["content"] == "Noted."
    second = rails.generate(messages=messages + [first, {"role": "user", "content": "What is my SSN?"}])
    # Built-in flow names refuse as the built-in does (NeMo's `bot inform answer unknown`).
    assert second["content"] == "I don't know the answer to that."
    sent = llm.everything_sent
    assert "John Smith" not in sent and "john.smith@example.com" not in sent
    assert "<PERSON>" in sent and "<EMAIL_ADDRESS>" in sent
    assert len(llm.prompts) == 2
