"""Per-entity policies through real LLMRails: actions, thresholds, styles, block messages."""

from __future__ import annotations

import json
import re

import pytest

from conftest import make_rails, plugin_config
from pii_rails.nemo.binding import engine_for

pytestmark = pytest.mark.usefixtures("rails_engine")

SSN = "536-22-8174"
EMAIL = "ada@lovelace.org"
NAME = "Ada Lovelace"
CARD = "4111 1111 1111 1111"


def ask(rails, text: str, history=()):
    return rails.generate(messages=[*history, {"role": "user", "content": text}])["content"]


def test_mask_block_flag_review_pass_each_do_what_they_say(tmp_path):
    review_file = tmp_path / "review.jsonl"
    config = plugin_config(
        tmp_path,
        f"""
audit:
  review_jsonl: {review_file}
input:
  entities: [PERSON, EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD]
  policies:
    EMAIL_ADDRESS: {{action: mask}}
    PERSON: {{action: flag}}
    PHONE_NUMBER: {{action: review}}
    CREDIT_CARD: {{action: pass}}
""",
    )
    rails, llm = make_rails(config, ["Noted."])
    reviewed = []
    engine_for(rails).audit.on_review(reviewed.append)

    assert ask(rails, f"I'm {NAME}, {EMAIL}, 212-555-0199, card {CARD}") == "Noted."
    sent = llm.everything_sent
    assert EMAIL not in sent and "<EMAIL_ADDRESS>" in sent  # mask
    assert NAME in sent  # flag: through as written, recorded
    assert "212-555-0199" in sent  # review: through, queued for a human
    assert CARD in sent  # pass

    queued = [json.loads(line) for line in review_file.read_text().splitlines()]
    assert [e["entity_type"] for e in queued] == ["PHONE_NUMBER"]
    assert queued[0]["review"] is True and "212-555-0199" not in review_file.read_text()
    assert [e.entity_type for e in reviewed] == ["PHONE_NUMBER"]


def test_flag_can_also_mask_when_configured(tmp_path):
    config = plugin_config(
        tmp_path,
        """
input:
  entities: [PERSON]
  policies:
    PERSON: {action: flag, mask: true}
""",
    )
    rails, llm = make_rails(config, ["Noted."])
    ask(rails, f"My name is {NAME}.")
    assert NAME not in llm.everything_sent and "<PERSON>" in llm.everything_sent


def test_block_wins_over_mask_and_names_the_type_not_the_value(tmp_path):
    config = plugin_config(
        tmp_path,
        """
input:
  entities: [PERSON, EMAIL_ADDRESS, US_SSN]
  policies:
    US_SSN: {action: block}
""",
    )
    rails, llm = make_rails(config, ["should not be called"])
    reply = ask(rails, f"I'm {NAME}, {EMAIL}, SSN {SSN}")
    assert reply == "I can't process that: it contains a US_SSN."
    assert llm.prompts == []


def test_block_message_is_configurable_per_rail(tmp_path):
    config = plugin_config(
        tmp_path,
        """
input:
  entities: [US_SSN, CREDIT_CARD]
  action: block
  block_message: "Please remove: {entity_types}."
""",
    )
    rails, _ = make_rails(config, [])
    assert ask(rails, f"SSN {SSN} and card {CARD}") == "Please remove: US_SSN, CREDIT_CARD."


def test_thresholds_per_entity_and_below_threshold_action(tmp_path):
    audit_file = tmp_path / "audit.jsonl"
    config = plugin_config(
        tmp_path,
        f"""
audit:
  jsonl: {audit_file}
input:
  entities: [PERSON, EMAIL_ADDRESS]
  score_threshold: 0.4
  below_threshold_action: flag
  policies:
    PERSON: {{score_threshold: 0.99}}
""",
    )
    rails, llm = make_rails(config, ["Noted."])
    ask(rails, f"I'm {NAME}, {EMAIL}")
    sent = llm.everything_sent
    assert NAME in sent, "PERSON scores under its own 0.99 threshold, so it is not masked"
    assert EMAIL not in sent, "EMAIL_ADDRESS is over the rail's 0.4"
    events = {e["entity_type"]: e for e in map(json.loads, audit_file.read_text().splitlines())}
    assert events["PERSON"]["action"] == "flag" and events["PERSON"]["below_threshold"] is True
    assert events["EMAIL_ADDRESS"]["action"] == "mask" and events["EMAIL_ADDRESS"]["below_threshold"] is False


STYLES = {
    "tag": r"<CREDIT_CARD>",
    "numbered": r"<CREDIT_CARD_1>",
    "'[{entity_type}#{index}]'": r"\[CREDIT_CARD#1\]",
    "redact": r"card \.",
    "partial": r"\*{15}1111",
    "hash": r"<CREDIT_CARD_[0-9a-f]{12}>",
    "fake": r"card \d{12,19}\.",
}


@pytest.mark.parametrize("style", STYLES)
def test_each_placeholder_style_reaches_the_llm_as_configured(tmp_path, style):
    config = plugin_config(
        tmp_path,
        f"""
input:
  entities: [CREDIT_CARD]
  placeholder: {style}
""",
    )
    rails, llm = make_rails(config, ["Noted."])
    ask(rails, f"My card {CARD}.")
    sent = llm.prompts[-1]
    assert CARD not in sent and CARD.replace(" ", "") not in sent
    assert re.search(STYLES[style], sent), sent


def test_placeholder_style_per_entity(tmp_path):
    config = plugin_config(
        tmp_path,
        """
reversible: true
input:
  entities: [PERSON, CREDIT_CARD]
  policies:
    CREDIT_CARD: {placeholder: partial}
    PERSON: {placeholder: fake}
""",
    )
    rails, llm = make_rails(config, ["Noted."])
    ask(rails, f"I'm {NAME}, card {CARD}.")
    sent = llm.prompts[-1]
    assert NAME not in sent and "***************1111" in sent
    assert not re.search(r"<PERSON", sent), "a fake name, not a tag"


@pytest.mark.llmrails_only("reads output_vars, the Colang context IORails does not have")
def test_logging_only_sends_the_original_and_emits_only_masked_text(tmp_path, caplog):
    audit_file = tmp_path / "audit.jsonl"
    config = plugin_config(
        tmp_path,
        f"""
logging_only: true
audit:
  jsonl: {audit_file}
input:
  entities: [PERSON, EMAIL_ADDRESS, US_SSN]
  policies:
    US_SSN: {{action: block}}
""",
    )
    rails, llm = make_rails(config, ["Noted."])
    caplog.set_level("DEBUG", logger="pii_rails")
    result = rails.generate(
        messages=[{"role": "user", "content": f"I'm {NAME}, {EMAIL}, SSN {SSN}"}],
        options={"output_vars": ["pii_rails_result"]},
    )
    assert result.response[0]["content"] == "Noted.", "logging-only never blocks"
    assert EMAIL in llm.prompts[-1] and SSN in llm.prompts[-1], "the LLM gets the original text"
    outcome = result.output_data["pii_rails_result"]
    assert outcome.metadata["logging_only"] is True
    assert EMAIL not in outcome.metadata["masked_text"] and "<EMAIL_ADDRESS>" in outcome.metadata["masked_text"]
    emitted = audit_file.read_text() + "\n".join(r.getMessage() for r in caplog.records)
    assert emitted and all(v not in emitted for v in (NAME, EMAIL, SSN))


def test_detect_flow_blocks_what_mask_would_mask_but_lets_flagged_through(tmp_path):
    config = plugin_config(
        tmp_path,
        """
        input:
          entities: [PERSON, EMAIL_ADDRESS]
          policies:
            PERSON: {action: flag}
        """,
        input_flow="detect",
    )
    rails, llm = make_rails(config, ["Noted.", "Noted again."])
    assert ask(rails, f"I'm {NAME}.") == "Noted."
    assert NAME in llm.prompts[-1]
    assert ask(rails, f"Mail {EMAIL}") == "I can't process that: it contains an EMAIL_ADDRESS."
