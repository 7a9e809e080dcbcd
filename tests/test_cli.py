"""The pii-rails command, run as a user runs it: the installed entry point, real engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_config

EXE = str(Path(sys.executable).with_name("pii-rails"))

CONFIG = """
models: []
rails:
  config:
    sensitive_data_detection:
      recognizers:
        - name: EMPLOYEE_ID
          supported_language: en
          patterns:
            - {name: emp, regex: "EMP-[0-9]{6}", score: 0.8}
      input:
        entities: [PERSON, EMAIL_ADDRESS, EMPLOYEE_ID]
      retrieval:
        entities: [PHONE_NUMBER]
"""


def run(args, stdin="", cwd=None):
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1")
    return subprocess.run([EXE, *args], input=stdin, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def lines(stdout):
    return [json.loads(line) for line in stdout.splitlines()]


@pytest.fixture(scope="module")
def config_dir(tmp_path_factory):
    return str(write_config(tmp_path_factory.mktemp("cli"), CONFIG))


def test_scan_reports_exact_offsets_and_keeps_fields(config_dir):
    # Non-ASCII before the values: offsets must be str indices, not bytes.
    text = "Héllo 🙂! My name is Ada Lovelace, mail ada@example.com, badge EMP-123456."
    proc = run(["scan", "--config", config_dir], json.dumps({"id": 7, "text": text}) + "\n")
    assert proc.returncode == 0, proc.stderr
    [obj] = lines(proc.stdout)
    assert obj["id"] == 7 and obj["text"] == text
    found = {text[e["start"] : e["end"]]: e["entity_type"] for e in obj["entities"]}
    assert found["ada@example.com"] == "EMAIL_ADDRESS"
    assert found["EMP-123456"] == "EMPLOYEE_ID"
    assert found["Ada Lovelace"] == "PERSON"
    assert "masked_text" not in obj


def test_mask_from_a_file_to_a_file(config_dir, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"text": f"Mail user{i}@example.com now"}) for i in range(300)) + "\n")
    target = tmp_path / "out.jsonl"
    proc = run(["mask", "--config", config_dir, str(source), "-o", str(target)])
    assert proc.returncode == 0, proc.stderr
    out = lines(target.read_text())
    assert len(out) == 300
    assert {o["masked_text"] for o in out} == {"Mail <EMAIL_ADDRESS> now"}
    assert proc.stdout == ""


def test_source_selects_the_rails_entities(config_dir):
    line = json.dumps({"text": "Ada Lovelace, call 212-555-0199"}) + "\n"
    retrieval = lines(run(["mask", "--config", config_dir, "--source", "retrieval"], line).stdout)[0]
    user = lines(run(["mask", "--config", config_dir, "--source", "input"], line).stdout)[0]
    assert retrieval["masked_text"] == "Ada Lovelace, call <PHONE_NUMBER>"
    assert user["masked_text"] == "<PERSON>, call 212-555-0199"


def test_bad_lines_are_reported_and_the_rest_processed(config_dir):
    stdin = "\n".join(
        [
            json.dumps({"text": "ada@example.com"}),
            "{not json",
            json.dumps({"id": 3}),
            json.dumps(["a list"]),
            "",
            json.dumps({"text": "bob@example.com", "language": "fr"}),
            json.dumps({"text": "carol@example.com", "language": "en"}),
        ]
    )
    proc = run(["mask", "--config", config_dir], stdin)
    assert proc.returncode == 1
    assert [o["masked_text"] for o in lines(proc.stdout)] == ["<EMAIL_ADDRESS>", "<EMAIL_ADDRESS>"]
    assert "line 2: not valid JSON" in proc.stderr
    assert 'line 3: no string "text" field' in proc.stderr
    assert "line 4: expected a JSON object" in proc.stderr
    assert "line 6: language 'fr' is not configured" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "yaml_text, needle",
    [
        (
            # Under the built-in schema an unknown entity is dropped with a warning unless strict.
            CONFIG.replace("[PERSON, EMAIL_ADDRESS, EMPLOYEE_ID]", "[PERSON, NOT_AN_ENTITY]")
            + "custom_data:\n  pii_rails:\n    strict: true\n",
            "rails.config.sensitive_data_detection.input.entities[1]",
        ),
        (CONFIG.replace("entities: [PERSON, EMAIL", "entitie: [PERSON, EMAIL"), "input.entitie: unknown key"),
        (CONFIG + "      output:\n        score_threshold: 1.5\n", "output.score_threshold"),
    ],
)
def test_config_errors_exit_2_naming_the_key(tmp_path, yaml_text, needle):
    proc = run(["scan", "--config", str(write_config(tmp_path, yaml_text))], "")
    assert proc.returncode == 2
    assert needle in proc.stderr and "Traceback" not in proc.stderr


def test_missing_config_and_version():
    assert run(["scan", "--config", "/no/such/dir"]).returncode == 2
    proc = run(["--version"])
    assert proc.returncode == 0 and proc.stdout.startswith("pii-rails ")
