"""The audit trail: one structured event per detection, never a raw value.

Each event says when, in which conversation and rail, what type of entity was
found with which score by which recognizer, what was done with it and which
placeholder replaced it, plus a salted hash of the value so repeated values
can be correlated without being stored. Events go to the ``pii_rails.audit``
logger, to an optional JSON Lines file, and back in the rail's metadata.
Events marked for review also go to the review queue: a JSON Lines file and
any callbacks registered with :meth:`Auditor.on_review`.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from datetime import datetime, timezone
from typing import Any, Callable, List, Optional

from pii_rails.errors import ConfigError
from pii_rails.spans import AuditEvent
from pii_rails.masking.placeholders import value_hash
from pii_rails.settings import PLUGIN_PATH, AuditOptions

log = logging.getLogger("pii_rails.audit")

# The entity type of the event for a text detection could not check.
DETECTION_FAILURE = "DETECTION_FAILURE"

# Presidio's hash operator wants at least 16 bytes of salt.
MIN_SALT_BYTES = 16


def load_salt(options: AuditOptions) -> bytes:
    """The salt from ``options.salt_env``, or a random one for this process.

    Raises:
        ConfigError: the variable is set but too short to be a salt.
    """
    raw = os.environ.get(options.salt_env)
    if raw is None:
        return os.urandom(32)
    salt = raw.encode("utf-8")
    if len(salt) < MIN_SALT_BYTES:
        raise ConfigError(
            f"{PLUGIN_PATH}.audit.salt_env",
            options.salt_env,
            f"the environment variable holds {len(salt)} bytes; a salt needs at least {MIN_SALT_BYTES}",
        )
    return salt


class Auditor:
    """Turns decisions into events and sends them where the configuration says."""

    def __init__(self, options: AuditOptions, salt: bytes):
        self.options = options
        self.salt = salt
        self._level = logging.getLevelName(options.log_level)
        self._lock = threading.Lock()
        self._review_callbacks: List[Callable[[AuditEvent], Any]] = []

    def on_review(self, callback: Callable[[AuditEvent], Any]) -> None:
        """Call ``callback(event)`` for every event marked for human review."""
        self._review_callbacks.append(callback)

    def event(
        self,
        *,
        conversation_id: Optional[str],
        rail: str,
        span,
        value: str,
        action: str,
        placeholder: Optional[str],
        below_threshold: bool,
    ) -> AuditEvent:
        return AuditEvent(
            timestamp=datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            conversation_id=conversation_id,
            rail=rail,
            entity_type=span.entity_type,
            score=round(span.score, 4),
            recognizer=span.recognizer,
            action=action,
            placeholder=placeholder,
            value_hash=value_hash(value, self.salt)[:32],
            start=span.start,
            end=span.end,
            below_threshold=below_threshold,
            review=action == "review",
        )

    def failure(self, *, conversation_id: Optional[str], rail: str, error: str, action: str) -> AuditEvent:
        """The event for a text that could not be checked: ``action`` is ``block`` (fail closed) or ``pass``."""
        return AuditEvent(
            timestamp=datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            conversation_id=conversation_id,
            rail=rail,
            entity_type=DETECTION_FAILURE,
            score=0.0,
            recognizer=error,
            action=action,
            placeholder=None,
            value_hash="",
            start=0,
            end=0,
        )

    def emit(self, events: List[AuditEvent]) -> None:
        """Send events to the logger, the JSON Lines sink and the review queue."""
        if not events:
            return
        logged = log.isEnabledFor(self._level)
        reviews = [e for e in events if e.review]
        # The JSON lines only where something takes them (every turn emits, most with no sink).
        if logged or self.options.jsonl or (reviews and self.options.review_jsonl):
            lines = [json.dumps(e.as_dict(), sort_keys=True) for e in events]
            if logged:
                for line in lines:
                    log.log(self._level, line)
            with self._lock:
                if self.options.jsonl:
                    _append(self.options.jsonl, lines)
                if reviews and self.options.review_jsonl:
                    reviewed = [line for e, line in zip(events, lines, strict=True) if e.review]
                    _append(self.options.review_jsonl, reviewed)
        for event in reviews:
            for callback in self._review_callbacks:
                try:
                    callback(event)
                except Exception as exc:  # a reviewer's bug must not break the conversation
                    log.error("pii_rails: review callback %r failed (%s)", callback, type(exc).__name__)


def _append(path: str, lines: List[str]) -> None:
    with open(path, "a", encoding="utf-8") as sink:
        sink.write("\n".join(lines) + "\n")
