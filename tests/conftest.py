"""Shared fixtures: real LLMRails, real Presidio and spaCy; only the LLM is fake."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, List

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")

import pii_rails  # noqa: E402

# NeMo resolves `import_paths: [pii_rails/flows/v1]` against site-packages; after an
# editable install the package is in src/. The suite points NeMo there as the command
# and the demo do, before NeMo reads COLANGPATH (at import).
from pii_rails.nemo.flows_path import colang_path  # noqa: E402

colang_path()

import pytest  # noqa: E402
import yaml  # noqa: E402
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


def config_error(yaml_content: str) -> BaseException:
    """Build real rails from ``yaml_content`` and return the pii-rails ``ConfigError`` behind the failure."""
    from pii_rails.errors import ConfigError

    config = RailsConfig.from_content(yaml_content=yaml_content)
    with pytest.raises(Exception) as info:
        LLMRails(config, llm=FakeLLMModel(responses=[]))
    err: BaseException | None = info.value
    while err is not None and not isinstance(err, ConfigError):
        err = err.__cause__
    assert err is not None, f"no ConfigError behind {info.value!r}"
    return err


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


class WaitsForTheClient(RecordingLLM):
    """Streams its answer, but once the text written so far ends with ``marker`` waits until
    ``gate`` is set (the client has read a chunk) before it writes the rest. A stream that
    only starts once the answer is complete leaves it waiting: ``waited_in_vain`` says so."""

    def __init__(self, responses: List[str], gate: Any, marker: str, text_of: Any, **kwargs: Any):
        super().__init__(responses, **kwargs)
        self.gate, self.marker, self.text_of = gate, marker, text_of
        self.waited_in_vain: List[bool] = []

    async def stream_async(self, prompt, *, stop=None, **kwargs):
        import asyncio

        written = ""
        async for chunk in super().stream_async(prompt, stop=stop, **kwargs):
            yield chunk
            written += self.text_of(chunk)
            if written.endswith(self.marker) and not self.gate.is_set():
                try:
                    await asyncio.wait_for(self.gate.wait(), 60)
                except asyncio.TimeoutError:
                    self.waited_in_vain.append(True)


def loaded_by_import(modules: str, watched: tuple[str, ...]) -> List[str]:
    """Which of ``watched`` a fresh interpreter has loaded after ``import modules``.

    A fresh process, because this test session has long since imported them all.
    """
    code = f"import sys, {modules}; print(','.join(m for m in {watched!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    return out.split(",") if out else []


def of_type(engine: Any, text: str, entity: str, language: str = "en") -> List[str]:
    """The values of type ``entity`` that ``engine`` (a PiiEngine) finds in ``text``, in order."""
    return [text[s.start : s.end] for s in engine.detect(text, language=language) if s.entity_type == entity]


def pieces(text: str, cuts) -> List[str]:
    """``text`` cut at the offsets ``cuts``: the chunks a stream delivers it in."""
    bounds = [0, *sorted(cuts), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def streamed(rewriter: Any, chunks) -> str:
    """What a stream rewriter releases for ``chunks``, its end included."""
    return "".join(rewriter.feed(c) for c in chunks) + rewriter.finish()


def assert_streams_as_whole(new_rewriter: Any, text: str, whole: str) -> None:
    """``text`` streamed through a fresh rewriter gives ``whole`` wherever it is cut in two, and
    character by character."""
    for cut in range(len(text) + 1):
        assert streamed(new_rewriter(), pieces(text, [cut])) == whole, cut
    assert streamed(new_rewriter(), list(text)) == whole


def server_config(tmp_path: Path) -> Path:
    """config/server as shipped, with the LLM passed in code and the vault in memory."""
    config = yaml.safe_load((EXAMPLES / "server" / "config.yml").read_text())
    config["models"] = []
    # No model to point at an upstream: the LLM comes in code.
    del config["custom_data"]["pii_rails"]["base_url_env"]
    config["custom_data"]["pii_rails"]["vault"] = {"store": "memory"}
    return write_config(tmp_path, yaml.safe_dump(config))


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


ENGINES = ("llmrails", "iorails")
# The engine make_rails builds when a test does not name one: the rails_engine fixture's.
_current_engine = "llmrails"


class UpstreamLLM:
    """What :class:`RecordingLLM` offers a test, for rails that reach their model over HTTP
    (IORails takes no ``llm=``): the recording upstream answers ``responses`` in turn
    (the last one again when they run out) and keeps each request's messages as text."""

    def __init__(self, responses: List[str]):
        from pii_rails.testing.upstream import RecordingUpstream

        self.responses = list(responses) or [""]
        self.calls = 0
        self.upstream = RecordingUpstream(reply=self._reply).start()

    def _reply(self, request: dict) -> str:
        answer = self.responses[min(self.calls, len(self.responses) - 1)]
        self.calls += 1
        return answer

    @property
    def prompts(self) -> List[str]:
        import json

        return [
            "\n".join(str(m.get("content")) for m in json.loads(body).get("messages", []))
            for body in self.upstream.bodies
        ]

    @property
    def everything_sent(self) -> str:
        return "\n".join(self.prompts)

    def stop(self) -> None:
        self.upstream.stop()


_upstreams: List[UpstreamLLM] = []


def model_at(url: str) -> Any:
    """A main model served by an OpenAI-compatible endpoint at ``url``."""
    from nemoguardrails.rails.llm.config import Model

    return Model(type="main", engine="openai", model="recorded", parameters={"base_url": url, "api_key": "unused"})


def make_rails(config_path: Path | str, responses: List[str], engine: str | None = None) -> tuple[Any, Any]:
    """Real rails for a configuration with a scripted model; ``engine`` (default: the
    ``rails_engine`` fixture's) is ``llmrails`` (``LLMRails`` with a fake LLM) or
    ``iorails`` (``Guardrails`` required to run IORails, its model the recording upstream)."""
    engine = engine or _current_engine
    if engine == "llmrails":
        llm = RecordingLLM(responses)
        return LLMRails(RailsConfig.from_path(str(config_path)), llm=llm), llm
    from nemoguardrails import Guardrails

    upstream = UpstreamLLM(responses)
    _upstreams.append(upstream)
    config = RailsConfig.from_path(str(config_path))
    config.models = [model_at(upstream.upstream.url)]
    return Guardrails(config, require_iorails=True), upstream


@pytest.fixture(params=ENGINES)
def rails_engine(request):
    """Run the test on each NeMo engine: ``make_rails`` builds that engine's rails.
    A test that needs LLMRails only is marked ``@pytest.mark.llmrails_only("why")``."""
    global _current_engine
    marker = request.node.get_closest_marker("llmrails_only")
    if request.param != "llmrails" and marker is not None:
        pytest.skip(f"LLMRails only: {marker.args[0] if marker.args else ''}")
    pending = request.node.get_closest_marker("iorails_pending")
    if request.param == "iorails" and pending is not None:
        # Strict: the day IORails does it, the test says so and the mark must go.
        request.applymarker(pytest.mark.xfail(strict=True, reason=pending.args[0] if pending.args else ""))
    _current_engine = request.param
    try:
        yield request.param
    finally:
        _current_engine = "llmrails"
        while _upstreams:
            _upstreams.pop().stop()


def pytest_configure(config):
    config.addinivalue_line("markers", "llmrails_only(reason): the test needs NeMo's LLMRails engine")
    config.addinivalue_line("markers", "iorails_pending(reason): fails on IORails until the work named lands")


@pytest.fixture
def recording_llm():
    return RecordingLLM
