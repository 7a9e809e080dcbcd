"""Rails on either NeMo engine, with the main model at a recording upstream on 127.0.0.1.

IORails takes no ``llm=`` object: on both engines the main model is an
OpenAI-compatible endpoint (``pii_rails.testing.upstream``), so the assertions
are on the bytes a model provider would receive.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from nemoguardrails import Guardrails, LLMRails, RailsConfig

ENGINES = ("llmrails", "iorails")


def main_model(upstream_url: str) -> str:
    """The ``models:`` block of a config whose main model is the upstream."""
    return textwrap.dedent(
        f"""\
        models:
          - type: main
            engine: openai
            model: gpt-4o-mini
            parameters:
              base_url: {upstream_url}
        """
    )


def config_dir(path: Path, upstream_url: str, body: str) -> Path:
    """A config directory: the upstream as main model, then ``body`` (YAML)."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "config.yml").write_text(main_model(upstream_url) + textwrap.dedent(body))
    return path


def build(path: Path, engine: str):
    """Rails for the config at ``path`` on ``engine``; IORails is required, never a silent fallback."""
    config = RailsConfig.from_path(str(path))
    if engine == "iorails":
        rails = Guardrails(config, require_iorails=True)
        assert rails.use_iorails_engine
        return rails
    return LLMRails(config)
