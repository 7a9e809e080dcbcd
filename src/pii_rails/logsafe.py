"""No raw value in any log record: NeMo's, Presidio's, anyone's.

NeMo Guardrails logs the text it handles (events, prompts, completions, the
parameters of a failing action) at ``INFO`` and ``DEBUG``, and its server turns
verbose mode on. pii-rails' own records never carry a value; the others are
rewritten as they are created, by a log record factory:

* values the conversation's vault already knows (everything the request's
  messages held, numbered before NeMo sees them) become their placeholders;
* anything else the configuration's recognizers find becomes ``<ENTITY_TYPE>``
  (a chunk NeMo retrieved, text the model made up).

A record is only created for a logger and level that is enabled, so with
logging at ``WARNING`` this costs nothing per turn. Records created while a
record is being redacted are redacted with known values only (no recursion).
"""

from __future__ import annotations

import logging
import threading
import traceback
import weakref
from typing import Any, Callable, Optional

from pii_rails import vault as vaults

_SAFE_LOGGERS = ("pii_rails",)

_lock = threading.Lock()
_engines: "weakref.WeakSet[Any]" = weakref.WeakSet()
_installed: Optional[Callable[..., logging.LogRecord]] = None
_busy = threading.local()


def install(engine: Any) -> None:
    """Redact log records with ``engine``'s recognizers (and every live vault's values)."""
    global _installed
    with _lock:
        _engines.add(engine)
        if _installed is not None:
            return
        previous = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            if not record.name.startswith(_SAFE_LOGGERS):
                _redact_record(record)
            return record

        _installed = factory
        logging.setLogRecordFactory(factory)


def redact(text: str) -> str:
    """``text`` with every value a vault knows or a configured recognizer finds replaced."""
    vault = vaults.current()
    if vault is not None:
        text = vault.conceal(text)
    if getattr(_busy, "on", False):
        return text
    _busy.on = True
    try:
        for engine in list(_engines):
            text = engine.redact(text)
    finally:
        _busy.on = False
    return text


def _redact_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:
        message = str(record.msg)
    try:
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
            record.exc_info = None
    except Exception as exc:
        # Never let a failed redaction print the original.
        record.msg, record.args, record.exc_info = f"<log record withheld by pii-rails: {type(exc).__name__}>", None, None
