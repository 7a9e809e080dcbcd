"""The demo's conversation on NeMo's IORails engine, where IORails can serve it.

IORails (``nemoguardrails.Guardrails(config)``, NeMo's engine from 0.25 on) runs
input and output rails without Colang; it serves no retrieval or dialog rails,
no custom Colang flow and no ``config.py``, so the demo's main configuration stays
on ``LLMRails``. This part replays the turns that need none of those with
``config_iorails/``. IORails takes no in-process model: the embedded model answers
over HTTP from the recording upstream on 127.0.0.1, whose address reaches the
configuration through ``custom_data.pii_rails.base_url_env``; what the upstream
received is what is shown and checked.
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, List, Optional, Sequence

from nemoguardrails import Guardrails, RailsConfig

from pii_rails.demo.model import Call, EmbeddedModel, prompt_text
from pii_rails.nemo.registry import nemo_engine
from pii_rails.testing.upstream import RecordingUpstream

CONFIG_DIR = Path(__file__).resolve().parent / "config_iorails"
ENV_UPSTREAM = "PII_RAILS_DEMO_UPSTREAM_URL"


@dataclass
class IoTurn:
    shows: str
    text: str
    engine: str  # the NeMo engine that served this turn
    calls: List[Call]  # each request's messages as ``[role] content`` lines, and the answer
    reply: str


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


def play(script: Sequence[Any]) -> Iterator[IoTurn]:
    """Send each turn (a :class:`pii_rails.demo.run.Turn`) with the conversation so far, as typed,
    through ``Guardrails``, as the main part does through ``LLMRails``."""
    model = EmbeddedModel()
    with RecordingUpstream(reply=lambda request: model.answer_chat(request.get("messages", []))) as upstream:
        with _environment(ENV_UPSTREAM, upstream.url):
            rails: Optional[Guardrails] = None
            messages: List[dict] = []
            for turn in script:
                if rails is None or turn.new_worker:
                    rails = Guardrails(RailsConfig.from_path(str(CONFIG_DIR)))
                messages.append({"role": "user", "content": turn.text})
                before = len(upstream.bodies)
                reply = str(rails.generate(messages=messages)["content"])
                messages.append({"role": "assistant", "content": reply})
                requests = [json.loads(body)["messages"] for body in upstream.bodies[before:]]
                calls = [Call(prompt_text(sent), model.answer_chat(sent)) for sent in requests]
                yield IoTurn(turn.shows, turn.text, nemo_engine(rails), calls, reply)
