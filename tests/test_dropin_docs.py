"""Every code block of docs/differences.md loads and does what the text beside it says."""

from __future__ import annotations

import re

import yaml
from nemoguardrails import RailsConfig
from nemoguardrails.testing import TestChat

from conftest import REPO, RecordingLLM, make_rails, write_config
from test_builtin_schema import load_error
import pytest

pytestmark = pytest.mark.usefixtures("rails_engine")

DOC = REPO.joinpath("docs", "differences.md").read_text()
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", DOC, flags=re.S)


def blocks(kind: str):
    return [body for lang, body in BLOCKS if lang == kind]


def test_every_block_is_covered():
    assert [lang for lang, _ in BLOCKS] == ["yaml", "yaml", "python", "colang", "yaml", "yaml"]


def test_the_one_line_switch(tmp_path):
    """The first block: the built-in's schema and flow names with the one import line."""
    rails, llm = make_rails(write_config(tmp_path, blocks("yaml")[0]), ["Write to ops@example.com"])
    reply = rails.generate(messages=[{"role": "user", "content": "I am Jane Doe, jane@example.com"}])
    assert reply["content"] == "I don't know the answer to that."  # the output rail refuses like the built-in
    assert "Jane Doe" not in llm.everything_sent and "jane@example.com" not in llm.everything_sent


def _with(tmp_path, extra: dict, files: dict | None = None):
    data = yaml.safe_load(blocks("yaml")[0])
    data.update(extra)
    return write_config(tmp_path, yaml.safe_dump(data), files)


def test_block_messages(tmp_path):
    """`block_message` replaces the built-in's refusal, per rail where set."""
    config = _with(tmp_path, yaml.safe_load(blocks("yaml")[1]))
    data = yaml.safe_load(config.joinpath("config.yml").read_text())
    data["rails"]["input"]["flows"] = ["detect sensitive data on input"]
    config.joinpath("config.yml").write_text(yaml.safe_dump(data))
    rails, _ = make_rails(config, ["Write to ops@example.com", "Write to ops@example.com"])
    first = rails.generate(messages=[{"role": "user", "content": "I am Jane Doe"}])
    assert first["content"] == "Please leave out a PERSON; I can't pass it on."
    second = rails.generate(messages=[{"role": "user", "content": "Who do I ask?"}])
    assert second["content"] == "The answer contained an EMAIL_ADDRESS, so it was withheld."


@pytest.mark.llmrails_only("a configuration's own actions.py; IORails reads none")
def test_own_detection_actions(tmp_path):
    """The actions.py block: detect blocks on the code name, mask rewrites it."""
    config = _with(tmp_path, {}, {"actions.py": blocks("python")[0]})
    data = yaml.safe_load(config.joinpath("config.yml").read_text())
    data["rails"]["input"]["flows"] = ["detect sensitive data on input", "mask sensitive data on input"]
    data["rails"].pop("output")
    config.joinpath("config.yml").write_text(yaml.safe_dump(data))
    rails, llm = make_rails(config, ["ok", "ok"])
    assert rails.generate(messages=[{"role": "user", "content": "Project Zephyr status?"}])["content"] == (
        "I don't know the answer to that."
    )
    assert rails.generate(messages=[{"role": "user", "content": "Is Zephyr late?"}])["content"] == "ok"
    assert "Is <CODENAME> late?" in llm.everything_sent


def test_colang2_drop_in(tmp_path):
    """The 2.x blocks load, and the built-in's detect name refuses with NeMo's text
    before the LLM is asked anything (output masking in 2.x: tests/test_colang2.py)."""
    path = write_config(tmp_path, blocks("yaml")[2], {"main.co": blocks("colang")[0]})
    llm = RecordingLLM([])
    chat = TestChat(RailsConfig.from_path(str(path)), llm=llm)
    chat >> "My SSN is 219-09-9999"
    chat << "I don't know the answer to that."
    assert llm.prompts == []


def test_strict(tmp_path):
    """`strict: true`: an entity of the built-in schema without recognizer fails at load."""
    data = yaml.safe_load(blocks("yaml")[0])
    data["rails"]["config"]["sensitive_data_detection"]["input"]["entities"].append("TITLE")
    data.update(yaml.safe_load(blocks("yaml")[3]))
    error = load_error(write_config(tmp_path, yaml.safe_dump(data)))
    assert error.path == "rails.config.sensitive_data_detection.input.entities[2]"
