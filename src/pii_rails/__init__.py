"""pii-rails: PII detection and masking rails for NVIDIA NeMo Guardrails.

Use it in a rails configuration (see the README), or directly::

    from pii_rails import PiiEngine

    engine = PiiEngine.from_path("path/to/rails/config")
    engine.mask("Call me at 212-555-0199", source="input").masked_text

Importing the package is cheap: spaCy and Presidio load when an engine is
built, so ``import pii_rails`` (or ``pii_rails.errors``) costs milliseconds.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Public name -> the module that defines it. Resolved on first use (PEP 562).
_EXPORTS = {
    "AuditEvent": "pii_rails.spans",
    "GuardResult": "pii_rails.spans",
    "MaskResult": "pii_rails.spans",
    "Span": "pii_rails.spans",
    "ConfigError": "pii_rails.errors",
    "DetectionError": "pii_rails.errors",
    "ModelUnavailableError": "pii_rails.errors",
    "PiiRailsError": "pii_rails.errors",
    "VaultUnavailableError": "pii_rails.errors",
    "PiiEngine": "pii_rails.engine",
    "MemoryVaultStore": "pii_rails.masking.stores",
    "Vault": "pii_rails.masking.vault",
    "VaultStore": "pii_rails.masking.stores",
    "conversation": "pii_rails.nemo.conversations",
    "forget": "pii_rails.nemo.conversations",
    "engine_for": "pii_rails.nemo.binding",
    "nemo_engine": "pii_rails.nemo.registry",
}

__all__ = [
    "AuditEvent",
    "ConfigError",
    "DetectionError",
    "GuardResult",
    "MaskResult",
    "MemoryVaultStore",
    "ModelUnavailableError",
    "PiiEngine",
    "PiiRailsError",
    "Span",
    "Vault",
    "VaultStore",
    "VaultUnavailableError",
    "conversation",
    "engine_for",
    "forget",
    "nemo_engine",
]
__version__ = "0.1.0"

# NeMo's IORails engine runs pii-rails once this hook is active: the wheel's
# pii_rails_autoload.pth activates it at interpreter start, importing pii_rails does too.
try:
    import _pii_rails_autoload  # noqa: F401
except ImportError:  # pragma: no cover - shipped beside pii_rails in the wheel and in src/
    pass

if TYPE_CHECKING:
    # "X as X": re-exported for type checkers and linters; at run time __getattr__ imports on first use.
    from pii_rails.engine import PiiEngine as PiiEngine
    from pii_rails.errors import (
        ConfigError as ConfigError,
        DetectionError as DetectionError,
        ModelUnavailableError as ModelUnavailableError,
        PiiRailsError as PiiRailsError,
        VaultUnavailableError as VaultUnavailableError,
    )
    from pii_rails.masking.stores import MemoryVaultStore as MemoryVaultStore, VaultStore as VaultStore
    from pii_rails.masking.vault import Vault as Vault
    from pii_rails.nemo.binding import engine_for as engine_for
    from pii_rails.nemo.conversations import conversation as conversation, forget as forget
    from pii_rails.nemo.registry import nemo_engine as nemo_engine
    from pii_rails.spans import AuditEvent as AuditEvent, GuardResult as GuardResult
    from pii_rails.spans import MaskResult as MaskResult, Span as Span


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pii_rails' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list:
    return sorted([*globals(), *_EXPORTS])
