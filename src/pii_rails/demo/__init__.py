"""The pii-rails demo: a scripted support chat through real NeMo ``LLMRails``.

Run it with ``python -m pii_rails.demo``. For each turn it prints what the
user typed, what pii-rails did, exactly what the LLM received and what the
user got back. The LLM is an embedded offline model unless a real
OpenAI-compatible one is given (``--base-url``/``--model`` or the
``PII_RAILS_DEMO_BASE_URL``/``PII_RAILS_DEMO_MODEL`` environment variables,
with ``OPENAI_API_KEY``).
"""

from __future__ import annotations

import os
from typing import List, Optional

from pii_rails.nemo.flows_path import colang_path

# The benches call it by this name; the module is light (no NeMo, no spaCy).
ensure_flows_importable = colang_path


def main(argv: Optional[List[str]] = None, prog: Optional[str] = None) -> int:
    """Run the demo; returns the process exit code. ``prog`` is the name its help shows."""
    os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
    ensure_flows_importable()
    from pii_rails.demo.run import run

    return run(argv, prog=prog)


__all__ = ["main"]
