"""Your own `detect_sensitive_data` / `mask_sensitive_data`, as NeMo documents for the built-in.

NeMo 0.24.1's built-in flows call whatever action is registered under those
names and read `$response.is_blocked` / `.transform_text` (a `RailOutcome`).
pii-rails' flows under the built-in's names call the same names (pii-rails'
own actions unless the configuration registered its own) and also read the
shapes older built-in flows used: a bool from detect, the masked text from mask.
"""

from __future__ import annotations

import pytest
from nemoguardrails import RailsConfig
from nemoguardrails.testing import TestChat

from conftest import RecordingLLM, make_rails, write_config

# The configuration's own actions.py runs on LLMRails only: IORails reads none, so
# pii-rails sends such configurations there (tests/test_engines.py).
pytestmark = pytest.mark.llmrails_only("a configuration's own actions.py")

ACTIONS = """
from nemoguardrails.actions import action
from nemoguardrails.actions.rail_outcome import RailOutcome, TransformTarget

SHAPE = "{shape}"


@action(is_system_action=True)
async def detect_sensitive_data(source, text, **kwargs):
    found = "zephyr" in (text or "").lower()
    if SHAPE == "bool":
        return found
    if SHAPE == "outcome":
        return RailOutcome.block() if found else RailOutcome.allow()
    return None


@action(is_system_action=True)
async def mask_sensitive_data(source, text, **kwargs):
    masked = (text or "").replace("Zephyr", "<CODENAME>")
    if SHAPE == "str":
        return masked
    if SHAPE == "outcome":
        if masked == text:
            return RailOutcome.allow()
        return RailOutcome.transform([(TransformTarget.USER_MESSAGE, masked)])
    return {{"text": masked}}
"""


def config(tmp_path, flow: str, shape: str):
    return write_config(
        tmp_path,
        "models: []\nimport_paths: [pii_rails/flows/v1]\n"
        "rails:\n  config:\n    sensitive_data_detection:\n      input:\n        entities: [US_SSN]\n"
        f"  input:\n    flows: [{flow}]\n",
        {"actions.py": ACTIONS.format(shape=shape)},
    )


def ask(rails, text):
    return rails.generate(messages=[{"role": "user", "content": text}])["content"]


@pytest.mark.parametrize("shape", ["bool", "outcome"])
def test_an_own_detect_action_decides_under_the_builtin_name(tmp_path, shape):
    """Built-in: its flow calls the configuration's `detect_sensitive_data` (a RailOutcome;
    a bool breaks its `$response.is_blocked`). pii-rails: calls it too, reads either shape;
    the refusal is the built-in's. pii-rails' own detection is not consulted: the SSN passes."""
    rails, llm = make_rails(config(tmp_path, "detect sensitive data on input", shape), ["ok", "ok"])
    assert ask(rails, "Tell me about project Zephyr") == "I don't know the answer to that."
    assert ask(rails, "My SSN is 219-09-9999") == "ok"


@pytest.mark.parametrize("shape", ["str", "outcome"])
def test_an_own_mask_action_rewrites_under_the_builtin_name(tmp_path, shape):
    """Built-in: its flow calls the configuration's `mask_sensitive_data` and applies
    `.transform_text` (a plain str breaks it). pii-rails: applies either shape."""
    rails, llm = make_rails(config(tmp_path, "mask sensitive data on input", shape), ["ok"])
    assert ask(rails, "Status of Zephyr?") == "ok"
    assert "<CODENAME>" in llm.everything_sent and "Zephyr" not in llm.everything_sent


@pytest.mark.parametrize("flow", ["detect sensitive data on input", "mask sensitive data on input"])
def test_an_unreadable_result_blocks(tmp_path, flow):
    """Built-in: `None` or a dict from the action makes the flow fail on `.is_blocked`.
    pii-rails: the turn is blocked (fail closed) with the failure message; nothing reaches the LLM."""
    rails, llm = make_rails(config(tmp_path, flow, "junk"), ["ok"])
    assert ask(rails, "Status of Zephyr?") == "I can't process that right now: the privacy check could not run."
    assert llm.prompts == []


def test_pii_rails_names_keep_pii_rails_detection(tmp_path):
    """Built-in: no `pii rails ...` flows. pii-rails: its own names call its own actions,
    whatever the configuration registered under the built-in's names."""
    rails, _ = make_rails(config(tmp_path, "pii rails detect on input", "bool"), ["ok", "ok"])
    assert ask(rails, "Tell me about project Zephyr") == "ok"
    assert ask(rails, "My SSN is 219-09-9999") == "I can't process that: it contains a US_SSN."


def test_an_action_registered_after_building_wins(tmp_path):
    """Built-in: `rails.register_action(fn, "detect_sensitive_data")` replaces its action.
    pii-rails: replaces pii-rails' action behind the built-in's name the same way."""
    path = write_config(
        tmp_path,
        "models: []\nimport_paths: [pii_rails/flows/v1]\n"
        "rails:\n  config:\n    sensitive_data_detection:\n      input:\n        entities: [US_SSN]\n"
        "  input:\n    flows: [detect sensitive data on input]\n",
    )
    rails, _ = make_rails(path, ["ok", "ok"])

    async def only_zephyr(source, text, **kwargs):
        return "zephyr" in text.lower()

    rails.register_action(only_zephyr, name="detect_sensitive_data")
    assert ask(rails, "My SSN is 219-09-9999") == "ok"
    assert ask(rails, "Tell me about project Zephyr") == "I don't know the answer to that."


def test_without_an_own_action_pii_rails_detects(tmp_path):
    """Built-in: its own Presidio action. pii-rails: its own engine behind the built-in's name."""
    path = write_config(
        tmp_path,
        "models: []\nimport_paths: [pii_rails/flows/v1]\n"
        "rails:\n  config:\n    sensitive_data_detection:\n      input:\n        entities: [US_SSN]\n"
        "  input:\n    flows: [detect sensitive data on input]\n",
    )
    rails, _ = make_rails(path, ["ok"])
    assert ask(rails, "My SSN is 219-09-9999") == "I don't know the answer to that."


V2_MAIN = """
import core
import pii_rails.flows.v2

flow main
  while True
    user said something
    bot say "Fine."

flow input rails $input_text
  detect sensitive data on input
"""


def test_colang2_calls_the_own_action(tmp_path):
    """Built-in (2.x): `DetectSensitiveDataAction` gets `text=None` ($user_message is not global).
    pii-rails: calls the configuration's action with the user's text and reads its bool."""
    path = write_config(
        tmp_path,
        'colang_version: "2.x"\nmodels: []\n'
        "rails:\n  config:\n    sensitive_data_detection:\n      input:\n        entities: [US_SSN]\n",
        {"main.co": V2_MAIN, "actions.py": ACTIONS.format(shape="bool")},
    )
    # One chat per turn: in 2.x a rail's `abort` ends the `main` flow it ran under.
    chat = TestChat(RailsConfig.from_path(str(path)), llm=RecordingLLM([]))
    chat >> "Tell me about project Zephyr"
    chat << "I don't know the answer to that."
    chat = TestChat(RailsConfig.from_path(str(path)), llm=RecordingLLM([]))
    chat >> "My SSN is 219-09-9999"
    chat << "Fine."


RETRIEVAL_MASK = """
from nemoguardrails.actions import action


@action(is_system_action=True)
async def mask_sensitive_data(source, text, **kwargs):
    return (text or "").replace("Zephyr", "<CODENAME>")
"""


def test_an_own_mask_on_retrieval_rewrites_both_chunk_variables(tmp_path):
    """Built-in: applies the action's rewrite to `$relevant_chunks` and leaves
    `$relevant_chunks_sep` raw. pii-rails: the rewrite goes to both (one rewritten text
    in the list, since the action rewrote the chunks as one), so no raw chunk is left."""
    from test_dropin_refusals import _chunks, retrieval_config

    target = retrieval_config(tmp_path)
    config = target / "config.yml"
    config.write_text(
        config.read_text().replace("- detect sensitive data on retrieval", "- mask sensitive data on retrieval")
    )
    (target / "actions.py").write_text(RETRIEVAL_MASK)
    rails, llm = make_rails(target, ["ok"])
    result = rails.generate(
        messages=[_chunks("Project Zephyr ships in May"), {"role": "user", "content": "When?"}],
        options={"output_vars": True},
    )
    assert result.output_data["relevant_chunks"].startswith("Project <CODENAME> ships in May")
    assert result.output_data["relevant_chunks_sep"] == [result.output_data["relevant_chunks"]]
    assert "Zephyr" not in llm.everything_sent
