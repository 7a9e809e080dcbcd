"""pii-rails: PII detection and masking rails for NVIDIA NeMo Guardrails.

Use it in a rails configuration (see the README), or directly::

    from pii_rails import PiiEngine

    engine = PiiEngine.from_path("path/to/rails/config")
    engine.mask("Call me at 212-555-0199", source="input").masked_text
"""

from pii_rails.audit import AuditEvent
from pii_rails.conversations import conversation, forget
from pii_rails.engine import GuardResult, MaskResult, PiiEngine, Span
from pii_rails.errors import ConfigError, DetectionError, ModelUnavailableError, PiiRailsError
from pii_rails.vault import MemoryVaultStore, Vault, VaultStore

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
    "conversation",
    "forget",
]
__version__ = "0.1.0"
