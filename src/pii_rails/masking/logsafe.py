"""No raw value in any log record: NeMo's, Presidio's, anyone's.

NeMo Guardrails logs the text it handles (events, prompts, completions, the
parameters of a failing action) at ``INFO`` and ``DEBUG``, and its server turns
verbose mode on. pii-rails' own records never carry a value; the others are
rewritten as they are created, by a log record factory:

* values the conversation's vault already knows (everything the request's
  messages held, numbered before NeMo sees them) become their placeholders;
* values any rail of this process found recently (kept in memory only, for
  :data:`KNOWN_TTL` seconds, at most :data:`KNOWN_MAX`) become ``<ENTITY_TYPE>``;
* anything else the configuration's pattern recognizers find becomes
  ``<ENTITY_TYPE>``. Statistical NER is not run per record: verbose NeMo logs
  a hundred records a turn, and names reach the logs through text the rails
  have already read (the request's messages, the model's answer at the LLM
  boundary, retrieved chunks).

A record is only created for a logger and level that is enabled, so with
logging at ``WARNING`` this costs nothing per turn. Records created while a
record is being redacted are redacted with known values only (no recursion).
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
import weakref
from collections import OrderedDict
from typing import Any, Callable, Iterable, Optional, Tuple

import regex

from pii_rails.masking import vault as vaults

_SAFE_LOGGERS = ("pii_rails",)
log = logging.getLogger("pii_rails")

_lock = threading.Lock()
_engines: "weakref.WeakSet[Any]" = weakref.WeakSet()
_installed: Optional[Callable[..., logging.LogRecord]] = None
_busy = threading.local()

KNOWN_TTL = 900.0
KNOWN_MAX = 20000
_MIN_LEN = 3
_known: "OrderedDict[str, Tuple[str, float]]" = OrderedDict()
_known_pattern: Optional[regex.Pattern] = None


def remember(found: Iterable[Tuple[str, str]]) -> None:
    """Keep ``(entity_type, value)`` pairs a rail found, so logs never show them."""
    global _known_pattern
    if _installed is None:
        return
    now = time.monotonic()
    with _lock:
        changed = False
        for entity_type, value in found:
            value = value.strip()
            if len(value) < _MIN_LEN:
                continue
            changed |= value not in _known
            _known[value] = (entity_type, now)
            _known.move_to_end(value)
        while _known and (len(_known) > KNOWN_MAX or now - next(iter(_known.values()))[1] > KNOWN_TTL):
            _known.popitem(last=False)
            changed = True
        if changed:
            _known_pattern = None


def _conceal_known(text: str) -> str:
    global _known_pattern
    with _lock:
        if not _known:
            return text
        if _known_pattern is None:
            _known_pattern = vaults.any_of(_known)
        pattern, known = _known_pattern, dict(_known)
    lowered = {k.casefold(): v[0] for k, v in known.items()}
    return pattern.sub(lambda m: f"<{lowered.get(m.group(0).casefold(), 'PII')}>", text)


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


# A word cut off by a log's truncation ("grace.hopper@navy-example.or..."; NeMo's IORails
# logs requests cut at a fixed length): no recognizer or known value matches half a value.
_CUT_WORD = regex.compile(r"([\w@+\-][\w.@+\-]*?)\.\.\.$")


def _withhold_cut_word(text: str) -> str:
    m = _CUT_WORD.search(text)
    if m is None or not any(c.isdigit() or c.isupper() or c == "@" for c in m.group(1)):
        return text
    return text[: m.start()] + "<WITHHELD>..."


def redact(text: str) -> str:
    """``text`` with every value a vault knows or a configured recognizer finds replaced."""
    text = _withhold_cut_word(text)
    vault = vaults.current()
    if vault is not None:
        text = vault.conceal(text)
    text = _conceal_known(text)
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
        if isinstance(record.args, tuple) and all(isinstance(a, (str, int, float)) for a in record.args):
            # Keep the arguments apart: some formatters (uvicorn's access log) read them.
            record.msg = redact(str(record.msg))
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        else:
            try:
                message = record.getMessage()
            except Exception:
                message = str(record.msg)
            record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
            record.exc_info = None
    except Exception as exc:
        # Never let a failed redaction print the original.
        record.msg = f"<log record withheld by pii-rails: {type(exc).__name__}>"
        record.args, record.exc_info = None, None
