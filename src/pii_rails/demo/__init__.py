"""The pii-rails demo: a scripted support chat through real NeMo ``LLMRails``.

Run it with ``python -m pii_rails.demo``. For each turn it prints what the
user typed, what pii-rails did, exactly what the LLM received and what the
user got back. The LLM is an embedded offline model unless a real
OpenAI-compatible one is given (``--base-url``/``--model`` or the
``PII_RAILS_DEMO_BASE_URL``/``PII_RAILS_DEMO_MODEL`` environment variables,
with ``OPENAI_API_KEY``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import List, Optional

# The flows the demo config imports, as its config.yml spells them.
FLOWS_IMPORT = os.path.join("pii_rails", "flows", "v1")


def ensure_flows_importable() -> None:
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


def main(argv: Optional[List[str]] = None) -> int:
    """Run the demo; returns the process exit code."""
    os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
    ensure_flows_importable()
    from pii_rails.demo.run import run

    return run(argv)


__all__ = ["main"]
