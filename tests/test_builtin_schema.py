"""The built-in schema (`rails.config.sensitive_data_detection`) as a user writes it:
typos fail at load, entities with no recognizer are ignored with a warning, and
recognizers take every key of Presidio's no-code format.

Each test's docstring says what NeMo 0.24.1's built-in rail does with the same configuration.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from nemoguardrails import LLMRails, RailsConfig

from conftest import RecordingLLM, make_rails, write_config

from pii_rails.plugin import engine_for
from pii_rails.errors import ConfigError

HEAD = "models: []\nimport_paths: [pii_rails/flows/v1]\n"


def sdd_config(
    tmp_path: Path, sdd: str, flows: str = "  input:\n    flows: [mask sensitive data on input]\n", extra: str = ""
) -> Path:
    body = "\n".join("      " + line for line in sdd.strip("\n").splitlines())
    return write_config(tmp_path, f"{HEAD}rails:\n  config:\n    sensitive_data_detection:\n{body}\n{flows}{extra}")


def load_error(path: Path) -> ConfigError:
    """The ConfigError NeMo wraps when pii-rails refuses a configuration at load."""
    with pytest.raises(Exception) as raised:
        LLMRails(RailsConfig.from_path(str(path)), llm=RecordingLLM([]))
    cause = raised.value
    while cause is not None and not isinstance(cause, ConfigError):
        cause = cause.__cause__
    assert cause is not None, f"not a ConfigError: {raised.value!r}"
    return cause


@pytest.mark.parametrize(
    "sdd, path, meant",
    [
        (
            "input:\n  entitie: [PERSON, EMAIL_ADDRESS]",
            "rails.config.sensitive_data_detection.input.entitie",
            "entities",
        ),
        (
            "input:\n  entities: [PERSON]\n  score_treshold: 0.5",
            "rails.config.sensitive_data_detection.input.score_treshold",
            "score_threshold",
        ),
        (
            "input:\n  entities: [PERSON]\nouput:\n  entities: [PERSON]",
            "rails.config.sensitive_data_detection.ouput",
            "output",
        ),
        (
            "recognisers: []\ninput:\n  entities: [PERSON]",
            "rails.config.sensitive_data_detection.recognisers",
            "recognizers",
        ),
    ],
)
def test_a_typo_under_the_builtin_schema_fails_at_load(tmp_path, sdd, path, meant):
    """Built-in: NeMo drops the unknown key while parsing; the rail loads and, for
    `entitie`, detects nothing (the model got `I am Jane Doe, jane@example.com`).
    pii-rails: reads the YAML the user wrote, fails at load naming the key path and the key meant."""
    error = load_error(sdd_config(tmp_path, sdd))
    assert error.path == path
    assert f"did you mean '{meant}'?" in str(error)


def test_a_typo_in_an_imported_configuration_fails_too(tmp_path):
    """Built-in: the imported file's unknown key is dropped like any other.
    pii-rails: the YAML of every imported path is read as well."""
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "config.yml").write_text(
        "rails:\n  config:\n    sensitive_data_detection:\n      output:\n        entites: [EMAIL_ADDRESS]\n"
    )
    app = tmp_path / "app"
    app.mkdir()
    write_config(
        app,
        f"models: []\nimport_paths: [pii_rails/flows/v1, {shared}]\n"
        "rails:\n  config:\n    sensitive_data_detection:\n      input:\n        entities: [PERSON]\n"
        "  input:\n    flows: [mask sensitive data on input]\n",
    )
    error = load_error(app)
    assert error.path == "rails.config.sensitive_data_detection.output.entites"
    assert "did you mean 'entities'?" in str(error)


def test_a_misspelt_section_name_fails_at_load(tmp_path):
    """Built-in: `sensitve_data_detection` is an unknown rail config; the rail runs with no entity.
    pii-rails: the section name close to `sensitive_data_detection` is refused, naming it."""
    path = write_config(
        tmp_path,
        f"{HEAD}rails:\n  config:\n    sensitve_data_detection:\n      input:\n        entities: [PERSON]\n"
        "  input:\n    flows: [mask sensitive data on input]\n",
    )
    error = load_error(path)
    assert error.path == "rails.config.sensitve_data_detection"
    assert "did you mean 'sensitive_data_detection'?" in str(error)


def test_mask_token_is_accepted(tmp_path, caplog):
    """Built-in: `mask_token` is part of its schema and has no effect (a TODO in NeMo).
    pii-rails: accepted, with no effect either (placeholders come from policies)."""
    rails, llm = make_rails(sdd_config(tmp_path, "input:\n  entities: [PERSON]\n  mask_token: '#'"), ["ok"])
    rails.generate(messages=[{"role": "user", "content": "I am Jane Doe"}])
    assert "<PERSON>" in llm.everything_sent and "Jane Doe" not in llm.everything_sent


INPUT_AND_OUTPUT_MASK = (
    "  input:\n    flows: [mask sensitive data on input]\n  output:\n    flows: [mask sensitive data on output]\n"
)


def test_a_flow_whose_rail_has_no_entity_fails_at_load(tmp_path):
    """Built-in: a mask flow with no entity for its rail runs and never changes anything.
    pii-rails: the flow could never act, so the configuration fails at load, naming the flow."""
    path = sdd_config(
        tmp_path,
        "input:\n  entities: [PERSON]",
        flows=INPUT_AND_OUTPUT_MASK,
    )
    error = load_error(path)
    assert error.path == "rails.output.flows[0]"
    assert "the output rail would look for nothing" in str(error)


def test_an_output_rail_that_restores_needs_no_entity(tmp_path):
    """Built-in: no reversible masking. pii-rails: with `reversible: true` the output
    flow puts placeholders back, so it has work to do without entities of its own."""
    path = sdd_config(
        tmp_path,
        "input:\n  entities: [PERSON]",
        flows=INPUT_AND_OUTPUT_MASK,
        extra="custom_data:\n  pii_rails:\n    reversible: true\n",
    )
    rails, llm = make_rails(path, ["Hello <PERSON_1>"])
    reply = rails.generate(messages=[{"role": "user", "content": "I am Jane Doe"}])
    assert reply["content"] == "Hello Jane Doe"
    assert "Jane Doe" not in llm.everything_sent


RETRIEVAL = """
retrieval:
  entities: [PERSON, TITLE]
"""


def test_an_entity_without_recognizer_warns_once_and_the_rest_runs(tmp_path, caplog):
    """Built-in: Presidio has no recognizer for TITLE and skips it; PERSON is still masked.
    pii-rails: one warning at load names TITLE and its key; PERSON is masked."""
    path = sdd_config(tmp_path, RETRIEVAL, flows="  retrieval:\n    flows: [mask sensitive data on retrieval]\n")
    with caplog.at_level(logging.WARNING, logger="pii_rails"):
        rails, _ = make_rails(path, ["ok"])
    warnings = [r.getMessage() for r in caplog.records if "TITLE" in r.getMessage()]
    assert len(warnings) == 1
    assert "rails.config.sensitive_data_detection.retrieval.entities lists TITLE" in warnings[0]
    engine = engine_for(rails)
    assert engine.settings.rail("retrieval").entities == ("PERSON",)
    assert engine.mask("Dr. Alan Turing wrote it", source="retrieval").masked_text == "Dr. <PERSON> wrote it"


def test_an_entity_without_recognizer_is_an_error_under_strict(tmp_path):
    """Built-in: no such switch. pii-rails: `custom_data.pii_rails.strict: true` turns the warning into the error."""
    path = sdd_config(
        tmp_path,
        RETRIEVAL,
        flows="  retrieval:\n    flows: [mask sensitive data on retrieval]\n",
        extra="custom_data:\n  pii_rails:\n    strict: true\n",
    )
    error = load_error(path)
    assert error.path == "rails.config.sensitive_data_detection.retrieval.entities[1]"
    assert "no recognizer provides this entity" in str(error)


def test_an_entity_without_recognizer_under_the_plugin_keys_is_an_error(tmp_path):
    """Built-in: does not read `custom_data.pii_rails`. pii-rails: its own keys stay strict."""
    path = write_config(
        tmp_path,
        f"{HEAD}rails:\n  input:\n    flows: [pii rails mask on input]\n"
        "custom_data:\n  pii_rails:\n    input:\n      entities: [PERSON, TITLE]\n",
    )
    error = load_error(path)
    assert error.path == "custom_data.pii_rails.input.entities[1]"


def test_scan_fails_on_a_typo_with_a_clear_message(tmp_path):
    """Built-in: no CLI. pii-rails: `pii-rails scan` on the typo exits non-zero and names the key."""
    path = sdd_config(tmp_path, "input:\n  entitie: [PERSON, EMAIL_ADDRESS]")
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1")
    done = subprocess.run(
        [sys.executable, "-m", "pii_rails.cli", "scan", "--config", str(path), "--source", "input", "-q"],
        input='{"text": "I am Jane Doe, jane@example.com"}\n',
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode != 0
    assert "rails.config.sensitive_data_detection.input.entitie" in done.stderr
    assert "did you mean 'entities'?" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_colang2_flow_whose_rail_has_no_entity_fails_at_load(tmp_path):
    """Built-in (2.x): its flows never see the text; nothing happens either way.
    pii-rails: a 2.x flow that calls a pii flow of a rail with no entity fails at load,
    naming the file and the flow that calls it."""
    main = (
        "import core\nimport pii_rails.flows.v2\n\nflow main\n  while True\n    user said something\n"
        '    bot say "Fine."\n\nflow input rails $input_text\n  mask sensitive data on input\n\n'
        "flow output rails $output_text\n  detect sensitive data on output\n"
    )
    path = write_config(
        tmp_path,
        'colang_version: "2.x"\nmodels: []\n'
        "rails:\n  config:\n    sensitive_data_detection:\n      input:\n        entities: [PERSON]\n",
        {"main.co": main},
    )
    error = load_error(path)
    assert error.path == "main.co: flow output rails"
    assert error.value == "detect sensitive data on output"


def test_a_file_railsignore_hides_is_not_read(tmp_path):
    """Built-in: NeMo skips files its .railsignore lists. pii-rails: reads the YAML NeMo
    reads and no more, so a typo in an ignored draft does not fail the configuration."""
    path = sdd_config(tmp_path, "input:\n  entities: [PERSON]")
    (path / "draft.yml").write_text(
        "rails:\n  config:\n    sensitive_data_detection:\n      input:\n        entitie: [PERSON]\n"
    )
    (path / ".railsignore").write_text("draft.yml\n")
    rails, llm = make_rails(path, ["ok"])
    rails.generate(messages=[{"role": "user", "content": "I am Jane Doe"}])
    assert "Jane Doe" not in llm.everything_sent
