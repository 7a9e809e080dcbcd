"""The README's before/after example is one real turn through LLMRails with its configuration."""

from __future__ import annotations

import re

from nemoguardrails import LLMRails, RailsConfig

from conftest import REPO, RecordingLLM
from docs_blocks import blocks_in, section

README = REPO / "README.md"


def _table() -> dict:
    rows = re.findall(r"^\| (the [^|]+?) \| `(.*)` \|$", section(README, "## Before and after"), re.M)
    return dict(rows)


def test_the_before_after_turn_is_what_happens():
    (config_yml,) = blocks_in(README, "## Before and after", "yaml")
    table = _table()
    assert set(table) == {"the user writes", "the LLM receives", "the LLM answers", "the user reads"}
    llm = RecordingLLM([table["the LLM answers"]])
    rails = LLMRails(RailsConfig.from_content(yaml_content=config_yml), llm=llm)

    reply = rails.generate(messages=[{"role": "user", "content": table["the user writes"]}])

    assert llm.prompts[-1].rstrip().endswith(table["the LLM receives"])
    assert reply["content"] == table["the user reads"]
