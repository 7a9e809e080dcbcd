"""The NeMo binding: every patch point exists and is applied; flow files agree with the rails table."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from conftest import make_rails, write_config

import pii_rails
from pii_rails.nemo import patches
from pii_rails.nemo.rails import ACTIONS, FLOW_RAILS, FLOWS, OUTCOME_ACTION, RESTORE_ACTION

FLOWS_DIR = Path(pii_rails.__file__).resolve().parent / "flows"

CONFIG = """
models: []
import_paths: [pii_rails/flows/v1]
rails:
  config:
    sensitive_data_detection:
      input:
        entities: [PERSON, EMAIL_ADDRESS]
      retrieval:
        entities: [EMAIL_ADDRESS]
  input:
    flows: [pii rails mask on input]
"""


def _resolve(target: str):
    module, _, attribute = target.partition(":")
    value = importlib.import_module(module)
    for part in attribute.split("."):
        value = getattr(value, part)
    return value


@pytest.mark.parametrize("patch", patches.PATCHES, ids=lambda p: p.target)
def test_every_patch_point_exists_in_the_installed_nemo(patch):
    """An upgrade that moves one of these must fail here, not leave a rail unguarded."""
    assert _resolve(patch.target) is not None
    assert patch.scope in ("instance", "process") and patch.why


def test_instance_patches_are_applied_on_llmrails(tmp_path):
    rails, _ = make_rails(write_config(tmp_path, CONFIG), ["Hello."])
    cls = type(rails)
    for patch in patches.PATCHES:
        if patch.scope != "instance" or ":LLMRails." not in patch.target:
            continue
        name = patch.target.rpartition(".")[2]
        # Wrapped on the instance: the bound method differs from the class's own.
        assert vars(rails).get(name) is not None, name
        assert getattr(rails, name) != getattr(cls, name).__get__(rails, cls), name
    registered = rails.runtime.action_dispatcher.registered_actions
    for action_name in (*ACTIONS, OUTCOME_ACTION, RESTORE_ACTION):
        assert action_name in registered, action_name
    original = _resolve("nemoguardrails.actions.retrieve_relevant_chunks:retrieve_relevant_chunks")
    ours = registered["retrieve_relevant_chunks"]
    assert ours is not original and ours.__wrapped__ is original
    assert pii_rails.engine_for(rails) is not None


def test_the_colang_path_patch_is_idempotent():
    patches.colang_path()
    patches.colang_path()
    import nemoguardrails.rails.llm.config as config_module

    parent = str(Path(pii_rails.__file__).resolve().parent.parent)
    assert config_module.colang_path_dirs.count(parent) <= 1


# How each Colang version starts a flow and calls its first action.
_SYNTAX = {
    "v1": (r"define (?:subflow|flow) ", r"execute (\w+)\(source=\"(\w+)\""),
    "v2": (r"flow ", r"await (\w+)\(source=\"(\w+)\""),
}


def _flows(version):
    """Flow name -> (rail, first action), as the flow file of ``version`` writes them."""
    start, call_pattern = _SYNTAX[version]
    found = {}
    for block in re.split(rf"\n(?={start})", (FLOWS_DIR / version / "flows.co").read_text()):
        head = re.match(rf"{start}(.+)", block)
        call = re.search(call_pattern, block)
        if head and call:
            found[head.group(1).strip()] = (call.group(2), call.group(1))
    return found


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_flow_files_agree_with_the_rails_table(version):
    found = _flows(version)
    expected = {
        name: (flow.rail, flow.action if version == "v1" else flow.action_v2) for name, flow in FLOWS.items()
    }
    assert found == expected
    assert FLOW_RAILS == {name: rail for name, (rail, _) in found.items()}
