"""Which engine serves which NeMo rails instance.

Kept apart from the binding so the modules the binding wires in
(conversations, threads) can find an engine without importing the binding.
"""

from __future__ import annotations

import os
from typing import Any, Optional

from pii_rails.engine import PiiEngine

_ATTR = "_pii_rails_engine"


def attach(app: Any, engine: PiiEngine) -> None:
    setattr(app, _ATTR, engine)


def attached(app: Any) -> Optional[PiiEngine]:
    """The engine on ``app``: an ``LLMRails``, an ``IORails``, or a ``Guardrails`` wrapping one."""
    engine = getattr(app, _ATTR, None)
    if engine is None and not isinstance(app, PiiEngine):
        # nemoguardrails.Guardrails keeps the engine it chose (IORails or LLMRails) here.
        inner = app.__dict__.get("_rails_engine") if hasattr(app, "__dict__") else None
        if inner is not None and inner is not app:
            return attached(inner)
    return engine


def engine_for(app: Any) -> PiiEngine:
    """The engine pii-rails built for a rails instance: ``LLMRails``, ``IORails``, or the
    ``Guardrails`` wrapper around either.

    Raises:
        LookupError: pii-rails is not on ``app``.
    """
    engine = attached(app)
    if engine is None:
        raise LookupError(f"pii-rails is not initialized on this {type(app).__name__} instance")
    return engine


def nemo_engine(app: Any) -> str:
    """``"IORails"`` or ``"LLMRails"``: the NeMo engine that runs ``app``'s turns.

    ``app`` is an ``LLMRails``, an ``IORails``, or the ``Guardrails`` wrapper
    (``nemoguardrails.Guardrails(config)``, or ``LLMRails(config)`` under
    ``NEMO_GUARDRAILS_IORAILS_ENGINE=true``), for which it names the engine the
    wrapper chose.

    Raises:
        TypeError: ``app`` is none of these.
    """
    from nemoguardrails.guardrails.iorails import IORails
    from nemoguardrails.rails.llm.llmrails import LLMRails

    inner = app.__dict__.get("_rails_engine") if hasattr(app, "__dict__") else None
    rails = inner if inner is not None else app
    if isinstance(rails, IORails):
        return "IORails"
    if isinstance(rails, LLMRails):
        return "LLMRails"
    raise TypeError(f"not a NeMo rails instance: {type(app).__name__}")


IORAILS_SWITCH = "NEMO_GUARDRAILS_IORAILS_ENGINE"


def iorails_requested() -> bool:
    """Whether ``NEMO_GUARDRAILS_IORAILS_ENGINE`` asks NeMo for IORails (read as NeMo reads it)."""
    return os.environ.get(IORAILS_SWITCH, "").lower() in ("true", "1", "yes")


def config_name(config: Any) -> str:
    """A configuration's name in log lines: its folder (the server's config id), else ``<inline>``."""
    root = str(getattr(config, "config_path", None) or "").split(",")[0].strip().rstrip("/\\")
    return os.path.basename(root) or "<inline>"


def why_not_iorails(config: Any, llm: Any = None) -> Optional[str]:
    """Why IORails cannot serve ``config`` (with ``llm`` handed to the rails), or ``None`` when it can:
    the judgement ``Guardrails(config)`` makes, pii-rails' own reasons included (importing
    pii_rails has patched ``IORails.unsupported_reason``)."""
    from nemoguardrails.guardrails.iorails import IORails

    return IORails.unsupported_reason(config, llm)
