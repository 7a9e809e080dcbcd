"""The Colang 2.x flows, driven like a 2.x app is: events through real LLMRails state."""

from __future__ import annotations

from typing import List

import pytest
from nemoguardrails import RailsConfig
from nemoguardrails.testing import TestChat

from conftest import EXAMPLES, RecordingLLM, write_config

CONFIG = """
colang_version: "2.x"
models: []
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, EMAIL_ADDRESS, US_SSN]
      output:
        entities: [CREDIT_CARD, EMAIL_ADDRESS]
      retrieval:
        entities: [PERSON]
"""

MAIN = """
import core
import guardrails
import pii_rails.flows.v2

flow main
  while True
    user said something
    bot say "Card 4111 1111 1111 1111 is on file for ops@example.com"

flow input rails $input_text
  {input_flow}

flow output rails $output_text
  {output_flow}
"""


def chat_for(tmp_path, main: str, llm=None) -> TestChat:
    config = RailsConfig.from_path(str(write_config(tmp_path, CONFIG, {"main.co": main})))
    return TestChat(config, llm=llm or RecordingLLM([]))


@pytest.mark.parametrize("flow", ["mask sensitive data on output", "pii rails mask on output"])
def test_output_mask(tmp_path, flow):
    chat = chat_for(tmp_path, MAIN.format(input_flow="pii rails mask on input", output_flow=flow))
    chat >> "hello"
    chat << "Card <CREDIT_CARD> is on file for <EMAIL_ADDRESS>"


# The built-in's flow names refuse with NeMo's `bot inform answer unknown` text, ours name the types.
REFUSALS = {"built-in": "I don't know the answer to that."}


@pytest.mark.parametrize(
    "flow, reply",
    [
        ("detect sensitive data on output", REFUSALS["built-in"]),
        ("pii rails detect on output", "I can't process that: it contains a CREDIT_CARD and an EMAIL_ADDRESS."),
    ],
)
def test_output_detect_blocks(tmp_path, flow, reply):
    chat = chat_for(tmp_path, MAIN.format(input_flow="pii rails mask on input", output_flow=flow))
    chat >> "hello"
    chat << reply


@pytest.mark.parametrize(
    "flow, reply",
    [
        ("detect sensitive data on input", REFUSALS["built-in"]),
        ("pii rails detect on input", "I can't process that: it contains a US_SSN."),
    ],
)
def test_input_detect_blocks(tmp_path, flow, reply):
    chat = chat_for(tmp_path, MAIN.format(input_flow=flow, output_flow="pii rails mask on output"))
    chat >> "my ssn is 219-09-9999"
    chat << reply


ECHO_MAIN = """
import core
import guardrails
import pii_rails.flows.v2

flow main
  while True
    user said something
    global $user_message
    bot say "You said: {$user_message}"

flow input rails $input_text
  {input_flow}
"""


@pytest.mark.parametrize("flow", ["mask sensitive data on input", "pii rails mask on input"])
def test_input_mask_rewrites_the_user_message(tmp_path, flow):
    chat = chat_for(tmp_path, ECHO_MAIN.replace("{input_flow}", flow))
    chat >> "I'm Ada Lovelace, ada@example.com"
    chat << "You said: I'm <PERSON>, <EMAIL_ADDRESS>"


RETRIEVAL_MAIN = """
import core
import pii_rails.flows.v2

flow main
  global $relevant_chunks
  global $relevant_chunks_sep
  while True
    user said something
    $relevant_chunks_sep = ["Owner: Alan Turing", "Reviewer: Joan Clarke"]
    $relevant_chunks = "Owner: Alan Turing\\nReviewer: Joan Clarke"
    {retrieval_flow}
    bot say "Chunks: {$relevant_chunks_sep[0]} | {$relevant_chunks_sep[1]}"
"""


@pytest.mark.parametrize("flow", ["mask sensitive data on retrieval", "pii rails mask on retrieval"])
def test_retrieval_mask_from_a_user_flow(tmp_path, flow):
    chat = chat_for(tmp_path, RETRIEVAL_MAIN.replace("{retrieval_flow}", flow))
    chat >> "who owns it?"
    chat << "Chunks: Owner: <PERSON> | Reviewer: <PERSON>"


@pytest.mark.parametrize(
    "flow, reply",
    [
        ("detect sensitive data on retrieval", REFUSALS["built-in"]),
        ("pii rails detect on retrieval", "I can't process that: it contains a PERSON."),
    ],
)
def test_retrieval_detect_from_a_user_flow(tmp_path, flow, reply):
    chat = chat_for(tmp_path, RETRIEVAL_MAIN.replace("{retrieval_flow}", flow))
    chat >> "who owns it?"
    chat << reply


def _turn(chat: TestChat, text: str) -> None:
    """Play one user turn, whatever the bot answers (the LLM-driven reply is not under test)."""
    chat >> text
    try:
        chat << ""
    except AssertionError:
        pass


def test_colang2_example_never_sends_raw_pii_over_several_turns():
    llm = RecordingLLM(
        [
            "user intent: user provided contact details",
            'bot action: bot say "Noted."',
            "user intent: user mentioned a friend",
            'bot action: bot say "Nice."',
        ]
        * 3
    )
    chat = TestChat(RailsConfig.from_path(str(EXAMPLES / "colang2")), llm=llm)
    _turn(chat, "Hi, I'm Ada Lovelace, ada.lovelace@example.com")
    _turn(chat, "My friend Grace Hopper says hi")
    prompts: List[str] = llm.prompts
    assert len(prompts) >= 2, "the LLM was not called on both turns"
    sent = llm.everything_sent
    for value in ["Ada Lovelace", "ada.lovelace@example.com", "Grace Hopper"]:
        assert value not in sent
    # The second turn's prompt carries the first turn, masked.
    assert "<EMAIL_ADDRESS>" in prompts[-1] and "<PERSON>" in prompts[-1]


CUSTOM_FLOW_CONFIG = """
colang_version: "2.x"
models: []
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, US_SSN, EMPLOYEE_ID]
custom_data:
  pii_rails:
    recognizers:
      - name: employee_ids
        supported_entity: EMPLOYEE_ID
        patterns: [{name: emp, regex: "\\\\bEMP-[0-9]{6}\\\\b", score: 0.8}]
"""

CUSTOM_FLOW_MAIN = """
import core
import pii_rails.flows.v2

flow main
  while True
    user said something
    global $user_message
    $ssn = await PiiRailsDetectAction(source="input", text=$user_message, entities=["US_SSN"])
    if $ssn.is_blocked
      bot say "Please never send an SSN."
    else
      $masked = await PiiRailsMaskAction(source="input", text=$user_message)
      if $masked.is_transform
        bot say "Noted (personal details removed): {$masked.transform_text['user_message']}"
      else
        bot say "Noted: {$user_message}"
"""


def test_a_users_own_flow_calls_the_actions_with_custom_recognizers(tmp_path):
    config = RailsConfig.from_path(str(write_config(tmp_path, CUSTOM_FLOW_CONFIG, {"main.co": CUSTOM_FLOW_MAIN})))
    chat = TestChat(config, llm=RecordingLLM([]))
    chat >> "I'm Ada Lovelace, badge EMP-123456"
    chat << "Noted (personal details removed): I'm <PERSON>, badge <EMPLOYEE_ID>"
    chat >> "my ssn is 219-09-9999"
    chat << "Please never send an SSN."
    chat >> "what time is it?"
    chat << "Noted: what time is it?"
