"""NeMo Guardrails' built-in sensitive-data rail, runnable here for side-by-side runs.

The built-in (``nemoguardrails.library.sensitive_data_detection``, 0.24.1)
insists on ``en_core_web_lg``, which cannot be installed in this environment,
and lets Presidio's e-mail recognizer fetch the public-suffix list over the
network. To compare like with like, :func:`use_model` changes exactly two
things, and nothing in the rail's logic:

* the spaCy model the built-in loads (``en_core_web_lg`` -> the model we pass,
  the same one pii-rails uses in the run);
* tldextract's suffix list comes from its bundled snapshot instead of the
  network (the same data pii-rails uses).

:func:`builtin_copy` turns one of our example configurations into the
configuration a built-in user would have: the line that brings pii-rails in is
removed (Colang 2.x: replaced by the imports the built-in needs), and calls to
pii-rails' own actions become calls to the built-in's.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path
from typing import Optional

import spacy.util
import tldextract
import tldextract.tldextract
import presidio_analyzer.nlp_engine
from presidio_analyzer.nlp_engine import NlpEngineProvider

BUILTIN_MODEL = "en_core_web_lg"

_model: Optional[str] = None
_BUILTIN_ACTIONS_FILE = os.path.join("sensitive_data_detection", "actions.py")


def _is_builtin(module_globals: dict) -> bool:
    return str(module_globals.get("__file__", "")).endswith(_BUILTIN_ACTIONS_FILE)


class _Provider(NlpEngineProvider):
    """Presidio's provider, loading ``_model`` where ``en_core_web_lg`` is asked for."""

    def __init__(self, nlp_configuration=None, **kwargs):
        if nlp_configuration and _model:
            nlp_configuration = dict(nlp_configuration)
            nlp_configuration["models"] = [
                {**m, "model_name": _model} if m.get("model_name") == BUILTIN_MODEL else m
                for m in nlp_configuration.get("models", [])
            ]
        super().__init__(nlp_configuration=nlp_configuration, **kwargs)


def _builtin_action_modules():
    # NeMo loads the rail's actions.py by package name for Colang 1.0 and again
    # by file path for a Colang 2.x import: patch every copy.
    return [m for m in list(sys.modules.values()) if m is not None and _is_builtin(getattr(m, "__dict__", {}))]


def use_model(model: str) -> None:
    """Make the built-in rail load ``model`` where it would load ``en_core_web_lg``, offline.

    Call it before building any rails. Only the built-in is affected: pii-rails,
    in the same process, still sees which models are really installed.
    """
    global _model
    if _model is None:
        is_package = spacy.util.is_package

        def _is_package(name: str) -> bool:
            if name == BUILTIN_MODEL and _is_builtin(sys._getframe(1).f_globals):
                return True
            return is_package(name)

        spacy.util.is_package = _is_package
        presidio_analyzer.nlp_engine.NlpEngineProvider = _Provider
        tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(
            suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True
        )
    _model = model
    for module in _builtin_action_modules():
        module.NlpEngineProvider = _Provider
        module._get_analyzer.cache_clear()


# What pii-rails adds to a configuration, and what a built-in user has instead.
_V1_IMPORT = re.compile(r"^import_paths:\s*\[\s*pii_rails/flows/v1\s*\].*\n", re.M)
_V2_IMPORT = re.compile(r"^import pii_rails\.flows\.v2\b.*$", re.M)
_V2_BUILTIN = "import guardrails\nimport nemoguardrails.library.sensitive_data_detection"
_ACTIONS = {
    "pii_rails_detect": "detect_sensitive_data",
    "pii_rails_mask": "mask_sensitive_data",
    "PiiRailsDetectAction": "DetectSensitiveDataAction",
    "PiiRailsMaskAction": "MaskSensitiveDataAction",
    "pii rails detect on": "detect sensitive data on",
    "pii rails mask on": "mask sensitive data on",
}


def _move_rails_to_builtin_schema(config_yml: Path) -> None:
    """Entity lists and thresholds written under ``custom_data.pii_rails`` go where the
    built-in reads them; the rest of pii-rails' keys (policies, styles) have no
    built-in equivalent and stay behind, ignored."""
    import yaml

    data = yaml.safe_load(config_yml.read_text()) or {}
    ours = (data.get("custom_data") or {}).get("pii_rails") or {}
    sdd = data.setdefault("rails", {}).setdefault("config", {}).setdefault("sensitive_data_detection", {})
    moved = False
    for source in ("input", "output", "retrieval"):
        rail = ours.get(source) or {}
        for key in ("entities", "score_threshold"):
            if key in rail and key not in sdd.get(source, {}):
                sdd.setdefault(source, {})[key] = rail[key]
                moved = True
    if moved:
        config_yml.write_text(yaml.safe_dump(data, sort_keys=False))


def builtin_copy(example: Path, target: Path) -> Path:
    """Copy ``example`` to ``target`` as the built-in's user would write it."""
    shutil.copytree(example, target)
    for path in target.rglob("*"):
        if path.suffix not in (".yml", ".yaml", ".co"):
            continue
        text = path.read_text()
        new = _V2_IMPORT.sub(_V2_BUILTIN, _V1_IMPORT.sub("", text))
        for ours, theirs in _ACTIONS.items():
            new = re.sub(rf"\b{ours}\b", theirs, new)
        if new != text:
            path.write_text(new)
        if path.name == "config.yml":
            _move_rails_to_builtin_schema(path)
    return target
