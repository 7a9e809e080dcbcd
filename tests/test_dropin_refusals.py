"""How a blocked turn is refused, under the built-in's flow names and under pii-rails' own.

NeMo 0.24.1's built-in detect flows answer `bot inform answer unknown` (input,
output) or that message's first text (retrieval). Each test's docstring states
the built-in's answer beside pii-rails'.
"""

from __future__ import annotations

import shutil

import pytest
from nemoguardrails import RailsConfig
from nemoguardrails.testing import TestChat

from conftest import EXAMPLES, RecordingLLM, make_rails, write_config

from pii_rails.plugin import engine_for

pytestmark = pytest.mark.usefixtures("rails_engine")

OWN_ANSWER = """
define bot inform answer unknown
  "I can't answer that."
"""


def v1_config(tmp_path, flows: str, extra: str = "", files: dict | None = None):
    return write_config(
        tmp_path,
        "models: []\nimport_paths: [pii_rails/flows/v1]\n"
        "rails:\n  config:\n    sensitive_data_detection:\n"
        "      input:\n        entities: [PERSON, US_SSN]\n"
        "      output:\n        entities: [EMAIL_ADDRESS]\n"
        "      retrieval:\n        entities: [PERSON]\n"
        f"{flows}{extra}",
        files,
    )


INPUT_DETECT = "  input:\n    flows: [detect sensitive data on input]\n"
OUTPUT_DETECT = (
    "  input:\n    flows: [mask sensitive data on input]\n  output:\n    flows: [detect sensitive data on output]\n"
)
SSN = [{"role": "user", "content": "My SSN is 219-09-9999"}]


def retrieval_config(tmp_path, extra: str = "", answer: str = ""):
    """config/rag (whose dialog flow makes NeMo run retrieval rails) with the built-in's
    detect flow on retrieval, chunks coming from the caller's context message."""
    target = tmp_path / "rag"
    shutil.copytree(EXAMPLES / "rag", target, ignore=shutil.ignore_patterns("kb"))
    config = target / "config.yml"
    config.write_text(
        config.read_text().replace("- mask sensitive data on retrieval", "- detect sensitive data on retrieval") + extra
    )
    if answer:
        (target / "answer.co").write_text(answer)
    return target


def _chunks(text: str) -> dict:
    return {"role": "context", "content": {"relevant_chunks": text, "relevant_chunks_sep": [text]}}


def test_input_detect_answers_the_configurations_own_message(tmp_path):
    """Built-in: `bot inform answer unknown`, here defined as "I can't answer that.".
    pii-rails: the same message; the LLM is never called."""
    rails, llm = make_rails(v1_config(tmp_path, INPUT_DETECT, files={"rails.co": OWN_ANSWER}), ["ok"])
    assert rails.generate(messages=SSN)["content"] == "I can't answer that."
    assert llm.prompts == []


def test_input_detect_answers_nemos_default_message(tmp_path):
    """Built-in: NeMo's default text for `bot inform answer unknown`. pii-rails: the same."""
    rails, _ = make_rails(v1_config(tmp_path, INPUT_DETECT), ["ok"])
    assert rails.generate(messages=SSN)["content"] == "I don't know the answer to that."


def test_output_detect_refuses_like_the_builtin(tmp_path):
    """Built-in: an answer with an e-mail address becomes `bot inform answer unknown`. pii-rails: the same."""
    rails, _ = make_rails(
        v1_config(tmp_path, OUTPUT_DETECT, files={"rails.co": OWN_ANSWER}), ["Write to ops@example.com"]
    )
    assert rails.generate(messages=[{"role": "user", "content": "Who do I ask?"}])["content"] == "I can't answer that."


@pytest.mark.llmrails_only("retrieval rails are outside what IORails serves in NeMo 0.24.1")
def test_retrieval_detect_answers_the_first_text_of_the_message(tmp_path):
    """Built-in: the retrieval rail answers `$config.bot_messages["inform answer unknown"][0]`.
    pii-rails: the same text, and the LLM is not called."""
    rails, llm = make_rails(retrieval_config(tmp_path, answer=OWN_ANSWER), ["ok"])
    reply = rails.generate(messages=[_chunks("Owner: Alan Turing"), {"role": "user", "content": "Who owns it?"}])
    assert reply["content"] == "I can't answer that."
    assert llm.prompts == []


@pytest.mark.parametrize(
    "extra, expected",
    [
        (
            "custom_data:\n  pii_rails:\n    block_message: 'Please leave out {entities}.'\n",
            "Please leave out a US_SSN.",
        ),
        (
            "custom_data:\n  pii_rails:\n    input:\n      block_message: 'No {entity_types} here.'\n",
            "No US_SSN here.",
        ),
    ],
)
def test_a_configured_block_message_wins_under_builtin_names(tmp_path, extra, expected):
    """Built-in: has no block message of its own. pii-rails: a configured `block_message`
    (global or per rail) replaces the built-in's refusal."""
    rails, _ = make_rails(v1_config(tmp_path, INPUT_DETECT, extra, files={"rails.co": OWN_ANSWER}), ["ok"])
    assert rails.generate(messages=SSN)["content"] == expected


@pytest.mark.llmrails_only("retrieval rails are outside what IORails serves in NeMo 0.24.1")
def test_a_configured_block_message_on_retrieval(tmp_path):
    """Built-in: `inform answer unknown`'s text. pii-rails: the configured retrieval message."""
    extra = "custom_data:\n  pii_rails:\n    retrieval:\n      block_message: 'A document held {entities}.'\n"
    rails, _ = make_rails(retrieval_config(tmp_path, extra), ["ok"])
    reply = rails.generate(messages=[_chunks("Owner: Alan Turing"), {"role": "user", "content": "Who owns it?"}])
    assert reply["content"] == "A document held a PERSON."


def test_pii_rails_names_keep_their_message(tmp_path):
    """Built-in: has no `pii rails ...` flows. pii-rails: its own names name the entity types found."""
    flows = "  input:\n    flows: [pii rails detect on input]\n"
    rails, _ = make_rails(v1_config(tmp_path, flows, files={"rails.co": OWN_ANSWER}), ["ok"])
    assert rails.generate(messages=SSN)["content"] == "I can't process that: it contains a US_SSN."


def test_a_failed_detection_blocks_with_the_failure_message(tmp_path, monkeypatch):
    """Built-in: the action raises and the turn ends in NeMo's internal error.
    pii-rails: blocks (fail closed) with its failure message, under the built-in's names too."""
    rails, llm = make_rails(v1_config(tmp_path, INPUT_DETECT, files={"rails.co": OWN_ANSWER}), ["ok"])

    def broken(*args, **kwargs):
        raise RuntimeError("recognizer down")

    monkeypatch.setattr(engine_for(rails), "guard", broken)
    reply = rails.generate(messages=[{"role": "user", "content": "Hello there"}])
    assert reply["content"] == "I can't process that right now: the privacy check could not run."
    assert llm.prompts == []


V2_CONFIG = """
colang_version: "2.x"
models: []
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, US_SSN]
{extra}"""

V2_MAIN = """
import core
import pii_rails.flows.v2

flow main
  while True
    user said something
    bot say "Fine."

flow input rails $input_text
  {flow}
"""


@pytest.mark.parametrize(
    "flow, extra, reply",
    [
        ("detect sensitive data on input", "", "I don't know the answer to that."),
        (
            "detect sensitive data on input",
            "custom_data:\n  pii_rails:\n    block_message: 'Please leave out {entities}.'\n",
            "Please leave out a US_SSN.",
        ),
        ("pii rails detect on input", "", "I can't process that: it contains a US_SSN."),
    ],
)
@pytest.mark.llmrails_only("Colang 2.x: NeMo runs it on LLMRails (tests/test_engines.py checks Guardrails falls back)")
def test_colang2_refusals(tmp_path, flow, extra, reply):
    """Built-in (2.x): its flows never see the user's text ($user_message is not global),
    so nothing is refused. pii-rails: the built-in's names say NeMo's `bot inform answer
    unknown` text unless `block_message` is set; pii-rails' names name the types found."""
    path = write_config(tmp_path, V2_CONFIG.format(extra=extra), {"main.co": V2_MAIN.format(flow=flow)})
    chat = TestChat(RailsConfig.from_path(str(path)), llm=RecordingLLM([]))
    chat >> "My SSN is 219-09-9999"
    chat << reply
