"""Shared fixtures: real LLMRails, real Presidio and spaCy; only the LLM is fake."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Any, List

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")

import pii_rails  # noqa: E402

# NeMo resolves `import_paths: [pii_rails/flows/v1]` against site-packages. An
# editable install keeps the package in src/, so point COLANGPATH at it before
# NeMo reads the variable (at import). A regular install needs nothing.
_PACKAGE_PARENT = str(Path(pii_rails.__file__).resolve().parent.parent)
if not (Path(_PACKAGE_PARENT).name in ("site-packages", "dist-packages")):
    os.environ["COLANGPATH"] = os.pathsep.join(p for p in (os.environ.get("COLANGPATH"), _PACKAGE_PARENT) if p)

import pytest  # noqa: E402
from nemoguardrails import LLMRails, RailsConfig  # noqa: E402
from nemoguardrails.testing import FakeLLMModel  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "config"


def card_number(body: str) -> str:
    """A Luhn-valid card number for a 15-digit ``body``, in groups of four."""
    total = 0
    for i, d in enumerate(reversed([int(c) for c in body])):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    number = body + str((10 - total % 10) % 10)
    return " ".join(number[i : i + 4] for i in range(0, 16, 4))


class RecordingLLM(FakeLLMModel):
    """A scripted fake LLM that keeps every prompt it was sent, as text."""

    def __init__(self, responses: List[str], **kwargs: Any):
        super().__init__(responses=responses, **kwargs)
        self.prompts: List[str] = []

    @staticmethod
    def _as_text(prompt: Any) -> str:
        if isinstance(prompt, str):
            return prompt
        parts = []
        for message in prompt:
            content = getattr(message, "content", None)
            if content is None and isinstance(message, dict):
                content = message.get("content")
            parts.append(str(content))
        return "\n".join(parts)

    async def generate_async(self, prompt, *, stop=None, **kwargs):
        self.prompts.append(self._as_text(prompt))
        return await super().generate_async(prompt, stop=stop, **kwargs)

    async def stream_async(self, prompt, *, stop=None, **kwargs):
        self.prompts.append(self._as_text(prompt))
        async for chunk in super().stream_async(prompt, stop=stop, **kwargs):
            yield chunk

    @property
    def everything_sent(self) -> str:
        return "\n".join(self.prompts)


def write_config(tmp_path: Path, config_yml: str, files: dict | None = None) -> Path:
    """Write a throwaway NeMo config directory and return its path."""
    (tmp_path / "config.yml").write_text(textwrap.dedent(config_yml))
    for name, content in (files or {}).items():
        (tmp_path / name).write_text(textwrap.dedent(content))
    return tmp_path


def plugin_config(
    tmp_path: Path, pii_rails: str, *, output: bool = False, input_flow: str = "mask", head: str = ""
) -> Path:
    """A Colang 1.0 config with pii-rails' input rail (and output rail), and
    ``pii_rails`` (YAML, any indentation) as its ``custom_data.pii_rails``."""
    flows = "  output:\n    flows: [pii rails mask on output]\n" if output else ""
    options = textwrap.indent(textwrap.dedent(pii_rails).strip("\n"), "    ")
    return write_config(
        tmp_path,
        f"models: []\n{head}import_paths: [pii_rails/flows/v1]\n"
        f"rails:\n  input:\n    flows: [pii rails {input_flow} on input]\n{flows}"
        f"custom_data:\n  pii_rails:\n{options}\n",
    )


def make_rails(config_path: Path | str, responses: List[str]) -> tuple[LLMRails, RecordingLLM]:
    llm = RecordingLLM(responses)
    return LLMRails(RailsConfig.from_path(str(config_path)), llm=llm), llm


@pytest.fixture
def recording_llm():
    return RecordingLLM
