"""Where NeMo finds pii-rails' Colang 1.0 flows, ``import_paths: [pii_rails/flows/v1]``.

Kept apart from :mod:`pii_rails.nemo.patches` because the command line needs it before
it loads a configuration, and importing the patches would load spaCy and Presidio in a
process (the driver of ``--engine ray``) that never runs an engine.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

# How configurations name the Colang 1.0 flows in import_paths.
FLOWS_IMPORT = os.path.join("pii_rails", "flows", "v1")


def colang_path() -> None:
    """Let NeMo resolve ``import_paths: [pii_rails/flows/v1]`` from an editable install too.

    NeMo looks import paths up in ``COLANGPATH`` and its own site-packages.
    A regular install puts pii_rails there; an editable one keeps it in
    ``src/``, so that directory is added to ``COLANGPATH``.
    """
    parent = str(Path(__file__).resolve().parent.parent.parent)
    spec = importlib.util.find_spec("nemoguardrails")
    if spec is None or spec.origin is None:
        return  # no NeMo to point at; loading a config fails with its own message
    site_packages = Path(spec.origin).parent.parent
    if (site_packages / FLOWS_IMPORT).is_dir():
        return
    paths = [p for p in os.environ.get("COLANGPATH", "").split(os.pathsep) if p]
    if parent not in paths:
        os.environ["COLANGPATH"] = os.pathsep.join([*paths, parent])
    # NeMo reads COLANGPATH once, when its config module is imported.
    config_module = sys.modules.get("nemoguardrails.rails.llm.config")
    if config_module is not None and parent not in config_module.colang_path_dirs:
        config_module.colang_path_dirs.append(parent)
