"""Which engine serves which NeMo rails instance.

Kept apart from the binding so the modules the binding wires in
(conversations, threads) can find an engine without importing the binding.
"""

from __future__ import annotations

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
