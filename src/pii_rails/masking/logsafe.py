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
stamps on every event (:data:`_STAMP_KEYS`). Those differ in every record and
would make every record new to the cache; the payload between them (the
user's message, the answer, the action's parameters) repeats from record to
record and is looked up instead of analysed again. The user's and the model's
text inside an event (:data:`_NEMO_TEXT`) is read as a piece of its own, so the
answer NeMo prints in half a dozen records of a turn is analysed once; a context
word of the recognizers counts for it only inside that text.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
import traceback
import weakref
from collections import OrderedDict
from typing import Any, Callable, Dict, Iterable, List, Optional, Set, Tuple

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
_STAMP_KEYS = (
    "uid|action_uid|source_uid|flow_instance_uid|event_created_at|action_started_at"
    "|action_updated_at|action_finished_at|source_flow_instance_uid|source_head_uid"
)
_UUID4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
# Colang 2.x names a flow instance by its flow and a uuid4: '(user said something)<uuid4>'.
# Every one of the sixty-odd event records of a 2.x turn holds a few, each new: left in,
# they made every record new to the recognizers' cache (120 texts analysed a turn).
_FLOW_UID = rf"'\([^()'\"\\\n]{{1,100}}\){_UUID4}'"
_STAMP_VALUE = (
    rf"'{_UUID4}'|{_FLOW_UID}"
    r"|'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:[+-]\d\d:\d\d|Z)?'"
)
# The set of a 2.x event's loop ids: flow instance ids only.
_LOOP_IDS = rf"'loop_ids': (?P<loops>\{{{_FLOW_UID}(?:, {_FLOW_UID})*\}})"
# What else 2.x prints of a flow's context in every record: variables NeMo names after a
# uuid4 ('_ref_<uuid4 with underscores>'), objects' addresses, and an event's ids in a
# dataclass's repr (action_uid='<uuid4>').
_2X_STAMPS = (
    r"(?P<var>'_(?:instance_uid|event_ref|ref)_[0-9a-f]{8}_[0-9a-f]{4}_4[0-9a-f]{3}_[89ab][0-9a-f]{3}_[0-9a-f]{12}')"
    rf"|<[\w.]+ object at (?P<addr>0x[0-9a-f]{{4,16}})>"
    rf"|\b(?:action_uid|uid)=(?P<kw>'{_UUID4}')"
    # A flow instance's path, each flow with its instance id: '(main)<uuid4>/(answering)<uuid4>/'.
    rf"|(?P<path>(?:\([^()'\"\\\n]{{1,100}}\){_UUID4}/)+)"
)
# The keys under which NeMo's events carry the user's or the model's text (and pii-rails'
# result its masked text). One answer is printed in half a dozen records of a turn, each
# time inside a different event: read whole, every one of them was new to the recognizers'
# cache (a streamed turn of config/server: 10 texts analysed, 7,400 characters; now 5 and
# 3,400). Their string literal's content is read as a piece of its own, so the answer is
# analysed once and looked up after. Only what is outside the literal (the key's name,
# NeMo's) is no longer near the value when it is read: the value itself, all of its
# words, is one piece. A quote the repr escapes stays inside the literal.
_NEMO_TEXT = (
    r"'(?:text|script|bot_message|user_message|masked_text|final_transcript|return_value|answer"
    r"|final_script|input_text|output_text|\$\d+)': "
    r"(?:'(?P<single>(?:[^'\\\n]|\\.)*)'|\"(?P<double>(?:[^\"\\\n]|\\.)*)\")"
)
# NeMo's streaming handler prints every chunk that comes after the end of a stream behind
# three characters of its uuid: left unread, the chunk (the whole answer) is the same
# piece as in the events.
_NEMO_CHUNK = r"^[0-9a-f]{3} - CHUNK after finish: "
# One scan for all three, each match beginning on its key's quote, with the standard
# library's engine: twice as fast on these patterns as ``regex`` with a lookbehind, and
# they run on every record. The two branches of a literal take disjoint characters, so
# its repetition cannot backtrack.
_NEMO_CUTS = re.compile(
    rf"'(?:{_STAMP_KEYS})': (?P<stamp>{_STAMP_VALUE})|(?P<chunk>{_NEMO_CHUNK})|{_NEMO_TEXT}"
)
# Colang 2.x's records, with its ids too: three times the scan of a 1.0 record, so only for
# the 2.x runtime's loggers.
_NEMO_2X_CUTS = re.compile(
    rf"'(?:{_STAMP_KEYS})': (?P<stamp>{_STAMP_VALUE})|{_LOOP_IDS}|{_2X_STAMPS}|(?P<chunk>{_NEMO_CHUNK})|{_NEMO_TEXT}"
)
_NEMO_2X_LOGGERS = "nemoguardrails.colang.v2_x."
_KEPT = ("stamp", "loops", "var", "addr", "kw", "path", "chunk")
log = logging.getLogger("pii_rails")

# Reentrant, as logging's own handler locks are: the garbage collector runs finalizers that
# log (asyncio's "exception was never retrieved", unclosed sessions) on whatever thread it
# interrupts, also one inside these sections, and that record is redacted by the same thread.
# A plain lock made it wait for itself (a streamed turn hung on IORails). A reader that
# meets half an update raises, and the record is withheld (see _redact_record).
_lock = threading.RLock()
_engines: "weakref.WeakSet[Any]" = weakref.WeakSet()
_installed: Optional[Callable[..., logging.LogRecord]] = None
_busy = threading.local()

KNOWN_TTL = 900.0
KNOWN_MAX = 20000
_MIN_LEN = 3
MEMO_MAX = 4096


def remember(found: Iterable[Tuple[str, str]]) -> None:
    """Keep ``(entity_type, value)`` pairs a rail found, so logs never show them."""
    if _installed is None:
        return
    now = time.monotonic()
    with _lock:
        for entity_type, value in found:
            value = value.strip()
            if len(value) < _MIN_LEN:
                continue
            folded = value.casefold()
            first = _WORD.search(value)
            if first is None:
                shape = (-1, len(value), entity_type, "")
                _wordless[folded] = entity_type
            else:
                shape = (first.start(), len(value), entity_type, first.group().casefold())
                if shape[3] not in _by_word:
                    _by_word[shape[3]] = set()
                    _word_hashes[hash(shape[3])] = _word_hashes.get(hash(shape[3]), 0) + 1
                _by_word[shape[3]].add(folded)
            _known.setdefault(folded, set()).add(shape)
            _seen[folded] = now
            _seen.move_to_end(folded)
        while _seen and (len(_seen) > KNOWN_MAX or now - next(iter(_seen.values())) > KNOWN_TTL):
            _forget(_seen.popitem(last=False)[0])


# Known values by the first word they hold (case-folded): a text is searched with one
# lookup per word it has, however many values are known. One pattern of every value
# (``vault.any_of``) cost a compile of all of them after each new one and a scan per
# record that grew with their number: 1 s and 5 ms per record at 1,200 values, and a
# server keeps up to KNOWN_MAX of them for KNOWN_TTL.
_seen: "OrderedDict[str, float]" = OrderedDict()  # folded value -> when last found
# folded value -> (where its first word starts, its length, its type, that word folded),
# per way it was written
_known: Dict[str, Set[Tuple[int, int, str, str]]] = {}
_by_word: Dict[str, Set[str]] = {}  # folded first word -> folded values starting with it
_wordless: Dict[str, str] = {}  # the rare value with no word character: searched for as it is
# hash() of each key of _by_word, and how many keys have it: what a piece's word hashes
# (vault.word_hashes, cached without the words) are checked against.
_word_hashes: Dict[int, int] = {}
_WORD = regex.compile(r"\w+")
_WORD_CHAR = regex.compile(r"\w")


def _forget(folded: str) -> None:
    _wordless.pop(folded, None)
    for _, _, _, key in _known.pop(folded, ()):
        values = _by_word.get(key)
        if values is not None:
            values.discard(folded)
            if not values:
                del _by_word[key]
                left = _word_hashes.pop(hash(key)) - 1
                if left:
                    _word_hashes[hash(key)] = left


def _whole(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is not part of a longer word on either side."""
    before = start == 0 or not _WORD_CHAR.match(text, start - 1)
    return before and (end == len(text) or not _WORD_CHAR.match(text, end))


def _conceal_known(text: str) -> str:
    """``text`` with every known value (case-insensitive, whole words) replaced by
    ``<ENTITY_TYPE>``; where two overlap, the one starting first, then the longer."""
    found = []
    with _lock:
        if not _known:
            return text
        # A set of the text's words against the index first: most records hold no known value,
        # and a match per word and a lookup per distinct word cost a third of the full scan.
        if not _wordless and _by_word.keys().isdisjoint({w.casefold() for w in _WORD.findall(text)}):
            return text
        for word in _WORD.finditer(text):
            for folded in _by_word.get(word.group().casefold(), ()):
                for offset, length, entity_type, _ in _known[folded]:
                    start = word.start() - offset
                    end = start + length
                    if 0 <= start and end <= len(text) and text[start:end].casefold() == folded:
                        if _whole(text, start, end):
                            found.append((start, -length, entity_type))
        wordless = list(_wordless.items())
    for folded, entity_type in wordless:
        for m in regex.finditer(r"(?<!\w)" + regex.escape(folded) + r"(?!\w)", text, regex.IGNORECASE):
            found.append((m.start(), -(m.end() - m.start()), entity_type))
    if not found:
        return text
    parts, cursor = [], 0
    for start, negative_length, entity_type in sorted(found):
        if start < cursor:
            continue
        parts += [text[cursor:start], f"<{entity_type}>"]
        cursor = start - negative_length
    parts.append(text[cursor:])
    return "".join(parts)


def install(engine: Any) -> None:
    """Redact log records with ``engine``'s recognizers (and every live vault's values)."""
    global _installed
    with _lock:
        _engines.add(engine)
        with _memo_lock:
            _memo.clear()  # redacted without this engine's recognizers
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
    # The pattern is anchored at the end but searched from every position: on a long record
    # that was 5 % of its redaction, for the few records that end in a cut.
    if not text.endswith("..."):
        return text
    m = _CUT_WORD.search(text)
    if m is None or not any(c.isdigit() or c.isupper() or c == "@" for c in m.group(1)):
        return text
    return text[: m.start()] + "<WITHHELD>..."


def redact(text: str, nemo_events: bool = False, colang_2: bool = False) -> str:
    """``text`` with every value a vault knows or a configured recognizer finds replaced.

    ``nemo_events``: the text may print NeMo's event dictionaries; the
    recognizers read it in the pieces between NeMo's stamps (see :data:`_NEMO_CUTS`),
    ``colang_2``: and Colang 2.x's ids (:data:`_NEMO_2X_CUTS`).
    """
    text = _withhold_cut_word(text)
    vault = vaults.current()
    if getattr(_busy, "on", False):
        return _conceal(text, vault)
    _busy.on = True
    try:
        if not nemo_events:
            return _redact_piece(text, vault)
        return _between_stamps(text, vault, _NEMO_2X_CUTS if colang_2 else _NEMO_CUTS)
    finally:
        _busy.on = False


def _conceal(text: str, vault: Optional[vaults.Vault]) -> str:
    """``text`` with the values the vault and this process know replaced (no recognizer)."""
    if vault is not None:
        text = vault.conceal(text)
    return _conceal_known(text)


def _may_hold_known(words: frozenset, vault: Optional[vaults.Vault]) -> bool:
    """Whether a text of these word hashes may hold a value the vault or this process knows:
    every such value begins on a whole word, so none does unless one of its first words is
    among the text's (a hash shared by two words only sends the text to the full scan)."""
    if vault is not None and not words.isdisjoint(vault.first_words()):
        return True
    with _lock:
        return bool(_wordless) or not _word_hashes.keys().isdisjoint(words)


def _recognized(text: str) -> str:
    for engine in list(_engines):
        text = engine.redact(text)
    return text


# Pieces of records lately redacted, by digest: the hashes of their words and what the
# recognizers made of them (no raw text kept). NeMo prints each event twice (``Event ::``
# and ``Processing event:``), and its keys, action parameters, rail results and the
# answer in many events of a turn; once the recognizers' results were cached, the scans
# for known values in every piece of every record were most of what a record cost, though
# a turn's known values are in a few of its pieces only. A piece is scanned for them when
# its words hold a known value's first word, against the vault and the known values of
# the moment, never a cached answer.
_memo: "OrderedDict[bytes, Tuple[frozenset, Optional[str]]]" = OrderedDict()
_memo_lock = threading.RLock()  # reentrant: see _lock


def _redact_piece(piece: str, vault: Optional[vaults.Vault]) -> str:
    if not piece:
        return piece
    key = hashlib.blake2b(piece.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    with _memo_lock:
        words, recognized = _memo.get(key) or (None, None)
        if words is not None:
            _memo.move_to_end(key)
    if words is None:
        words = vaults.word_hashes(piece)
    if _may_hold_known(words, vault):
        concealed = _conceal(piece, vault)
        if concealed != piece:
            _keep(key, words, recognized)
            return _recognized(concealed)
    if recognized is None:
        recognized = _recognized(piece)
    _keep(key, words, recognized)
    return recognized


def _keep(key: bytes, words: frozenset, recognized: Optional[str]) -> None:
    with _memo_lock:
        _memo[key] = (words, recognized)
        while len(_memo) > MEMO_MAX:
            _memo.popitem(last=False)


def _between_stamps(text: str, vault: Optional[vaults.Vault], cuts: "re.Pattern[str]") -> str:
    parts: List[str] = []
    kept: List[int] = []  # where the stamps and chunk prefixes are in parts
    cursor = 0
    for cut in cuts.finditer(text):
        # Pieces end where they ended when only stamps were cut: a key stays with what precedes it.
        found = cut.groupdict()
        name = next((k for k in _KEPT if found.get(k) is not None), None)
        if name is not None:
            start, end = cut.span(name)
            parts.append(_redact_piece(text[cursor:start], vault))
            kept.append(len(parts))
            parts.append(cut.group(name))
        else:  # a payload's text is read on its own, between its quotes (see _NEMO_TEXT)
            start, end = cut.span("single" if cut.group("single") is not None else "double")
            parts += [_redact_piece(text[cursor:start], vault), _redact_piece(text[start:end], vault)]
        cursor = end
    parts.append(_redact_piece(text[cursor:], vault))
    # No recognizer reads NeMo's stamps, but known values are looked for in them too, in all
    # of a record's at once.
    if kept and _may_hold_known(vaults.word_hashes(" ".join(parts[i] for i in kept)), vault):
        for i in kept:
            parts[i] = _conceal(parts[i], vault)
    return "".join(parts)


def _redact_record(record: logging.LogRecord) -> None:
    try:
        nemo = record.name.startswith(_NEMO_LOGGERS)
        v2 = record.name.startswith(_NEMO_2X_LOGGERS)
        if isinstance(record.args, tuple) and all(isinstance(a, (str, int, float)) for a in record.args):
            # Keep the arguments apart: some formatters (uvicorn's access log) read them.
            record.msg = redact(str(record.msg), nemo, v2)
            record.args = tuple(redact(a, nemo, v2) if isinstance(a, str) else a for a in record.args)
        else:
            try:
                message = record.getMessage()
            except Exception:
                message = str(record.msg)
            record.msg, record.args = redact(message, nemo, v2), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
            record.exc_info = None
    except Exception as exc:
        # Never let a failed redaction print the original.
        record.msg = f"<log record withheld by pii-rails: {type(exc).__name__}>"
        record.args, record.exc_info = None, None
