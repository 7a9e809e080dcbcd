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

Cost under ``nemoguardrails server`` (about a hundred records a turn): the
recognizers' results are cached by digest of the text they read, and NeMo's
event records are read in the pieces between the ids and timestamps NeMo
stamps on every event (:data:`_NEMO_STAMP`). Those differ in every record and
would make every record new to the cache; the payload between them (the
user's message, the answer, the action's parameters) repeats from record to
record and is looked up instead of analysed again.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
import weakref
from collections import OrderedDict
from typing import Any, Callable, Dict, Iterable, Optional, Tuple

import regex

from pii_rails.masking import vault as vaults

_SAFE_LOGGERS = ("pii_rails",)
# Loggers whose records print NeMo's event dictionaries (``Event :: %s %s``,
# ``Processing event: %s``, an action's result with its events).
_NEMO_LOGGERS = ("nemoguardrails.",)
# The stamps NeMo puts on every event it creates: an id from ``uuid4()`` and an
# ISO time from ``datetime.isoformat()``, under the keys NeMo gives them, as a
# dict's repr prints them. Only a value of exactly that shape right after one
# of these keys is left unread, so no text of the user's or the model's can be
# in it; everything around it is redacted as before, in pieces cut there.
_NEMO_STAMP = regex.compile(
    r"(?<='(?:uid|action_uid|source_uid|flow_instance_uid|event_created_at|action_started_at"
    r"|action_updated_at|action_finished_at)': )'(?:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
    r"|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:[+-]\d\d:\d\d|Z)?)'"
)
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
_known_types: Dict[str, str] = {}


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
    global _known_pattern, _known_types
    with _lock:
        if not _known:
            return text
        if _known_pattern is None:
            _known_pattern = vaults.any_of(_known)
            # Built with the pattern, not per record: there can be thousands of values.
            _known_types = {k.casefold(): v[0] for k, v in _known.items()}
        pattern, types = _known_pattern, _known_types
    return pattern.sub(lambda m: f"<{types.get(m.group(0).casefold(), 'PII')}>", text)


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


def redact(text: str, nemo_events: bool = False) -> str:
    """``text`` with every value a vault knows or a configured recognizer finds replaced.

    ``nemo_events``: the text may print NeMo's event dictionaries; the
    recognizers read it in the pieces between NeMo's stamps (see :data:`_NEMO_STAMP`).
    """
    vault = vaults.current()
    if vault is not None:
        text = vault.conceal(text)
    text = _conceal_known(text)
    if getattr(_busy, "on", False):
        return text
    _busy.on = True
    try:
        for engine in list(_engines):
            text = _between_stamps(engine.redact, text) if nemo_events else engine.redact(text)
    finally:
        _busy.on = False
    return text


def _between_stamps(redact_piece: Callable[[str], str], text: str) -> str:
    parts, cursor = [], 0
    for stamp in _NEMO_STAMP.finditer(text):
        parts += [redact_piece(text[cursor : stamp.start()]), stamp.group()]
        cursor = stamp.end()
    if not parts:
        return redact_piece(text)
    parts.append(redact_piece(text[cursor:]))
    return "".join(parts)


def _redact_record(record: logging.LogRecord) -> None:
    try:
        nemo = record.name.startswith(_NEMO_LOGGERS)
        if isinstance(record.args, tuple) and all(isinstance(a, (str, int, float)) for a in record.args):
            # Keep the arguments apart: some formatters (uvicorn's access log) read them.
            record.msg = redact(str(record.msg), nemo)
            record.args = tuple(redact(a, nemo) if isinstance(a, str) else a for a in record.args)
        else:
            try:
                message = record.getMessage()
            except Exception:
                message = str(record.msg)
            record.msg, record.args = redact(message, nemo), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
            record.exc_info = None
    except Exception as exc:
        # Never let a failed redaction print the original.
        record.msg = f"<log record withheld by pii-rails: {type(exc).__name__}>"
        record.args, record.exc_info = None, None
