"""The policy examples of docs/reference/policies.md load and do what the text next to them says."""

from __future__ import annotations

import yaml

from conftest import REPO, make_rails, write_config
from docs_blocks import blocks_in

EXAMPLES = dict(
    zip(
        ("healthcare", "finance", "support"),
        blocks_in(REPO / "docs/reference/policies.md", "## Policy examples", "yaml"),
        strict=True,
    )
)


def rails_for(tmp_path, name, responses):
    policy = yaml.safe_load(EXAMPLES[name])
    policy["custom_data"]["pii_rails"].pop("audit", None)  # no /var/log in tests
    head = {
        "models": [],
        "import_paths": ["pii_rails/flows/v1"],
        "rails": {"input": {"flows": ["pii rails mask on input"]}, "output": {"flows": ["pii rails mask on output"]}},
    }
    return make_rails(write_config(tmp_path, yaml.safe_dump({**head, **policy})), responses)


def test_there_are_three_examples():
    assert len(EXAMPLES) == 3


def test_healthcare_blocks_record_numbers_and_restores_names(tmp_path):
    rails, llm = rails_for(tmp_path, "healthcare", ["Noted, <PERSON_1>."])
    blocked = rails.generate(messages=[{"role": "user", "content": "Patient MRN-00412345 needs a refill"}])
    assert blocked["content"].startswith("Please don't share a MEDICAL_RECORD_NUMBER here")
    reply = rails.generate(messages=[{"role": "user", "content": "Patient Ada Lovelace needs a refill"}])
    assert reply["content"] == "Noted, Ada Lovelace."
    assert "Ada Lovelace" not in llm.everything_sent and "MRN-00412345" not in llm.everything_sent


def test_finance_shows_cards_partially_and_blocks_ibans(tmp_path):
    rails, llm = rails_for(tmp_path, "finance", ["Card on file."])
    rails.generate(messages=[{"role": "user", "content": "Charge 4111 1111 1111 1111 please"}])
    assert "***************1111" in llm.prompts[-1]
    reply = rails.generate(messages=[{"role": "user", "content": "Send it to GB82 WEST 1234 5698 7654 32"}])
    assert reply["content"] == "I can't process that: it contains an IBAN_CODE."


def test_support_restores_the_customer_and_masks_invented_details(tmp_path):
    rails, llm = rails_for(
        tmp_path, "support", ["Hi <PERSON_1>, we'll mail <EMAIL_ADDRESS_1> and bob@corp.example.org."]
    )
    reply = rails.generate(messages=[{"role": "user", "content": "I'm Ada Lovelace, ada@lovelace.org, from Paris."}])
    assert reply["content"] == "Hi Ada Lovelace, we'll mail ada@lovelace.org and <EMAIL_ADDRESS_2>."
    assert "Paris" in llm.prompts[-1], "LOCATION is flagged, not masked"
    assert "ada@lovelace.org" not in llm.everything_sent
