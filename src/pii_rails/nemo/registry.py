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
    return getattr(app, _ATTR, None)


def engine_for(app: Any) -> PiiEngine:
    """The engine pii-rails attached to an ``LLMRails`` instance.

    Raises:
        LookupError: pii-rails was not initialized on ``app``.
    """
    engine = attached(app)
    if engine is None:
        raise LookupError("pii-rails is not initialized on this LLMRails instance")
    return engine
