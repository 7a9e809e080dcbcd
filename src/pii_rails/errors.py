"""Exceptions raised by pii-rails.

Every configuration problem is a :class:`ConfigError` that names the key path
and the offending value, so a user can fix ``config.yml`` without reading code.
"""

from __future__ import annotations

from typing import Any


class PiiRailsError(Exception):
    """Base class for every error pii-rails raises on purpose."""


class ConfigError(PiiRailsError, ValueError):
    """The configuration is invalid.

    Attributes:
        path: dotted key path inside ``config.yml`` (``custom_data.pii_rails.input.score_threshold``).
        value: the offending value (never a detected PII value; configuration only).
        reason: what is wrong with it.
    """

    def __init__(self, path: str, value: Any, reason: str):
        self.path = path
        self.value = value
        self.reason = reason
        super().__init__(f"{path}: {reason} (got {value!r})")


class ModelUnavailableError(PiiRailsError, RuntimeError):
    """No spaCy pipeline can be loaded for a language the configuration needs."""


class DetectionError(PiiRailsError, RuntimeError):
    """Detection failed on a text; the rails treat this as a reason to block."""


class RegexTimeoutError(DetectionError):
    """A custom pattern ran out of time on a text; the text was not fully checked."""


class VaultUnavailableError(PiiRailsError, RuntimeError):
    """The shared vault store cannot be read or written; the call fails closed."""
