"""The vault: which placeholder stands for which value, within one conversation.

A :class:`Vault` numbers values by first appearance (``<PERSON_1>``,
``<PERSON_2>``), gives the same value the same placeholder every time, and
restores placeholders the LLM echoes -- also when it deforms them
(``<Person_1>``, ``PERSON_1``, ``< PERSON_1 >``).

Only values that came from the user's side of the conversation are restored.
A value first seen in a retrieved chunk, a tool result or a system prompt gets
a placeholder like any other, but the placeholder stays in the answer: the
user gets back what they said, not what the knowledge base holds.

A placeholder the vault did not issue -- typed by a user, left in a document,
or issued in another conversation -- is never restored; numbered placeholders
already present in incoming text are reserved so the vault never issues them.

One vault serves one conversation. :func:`conversation` makes one current for
a block of code (NeMo calls run inside it); :class:`MemoryVaultStore` keeps
vaults of conversations with an id between requests, with a TTL and a bound.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Protocol, Tuple

import regex

from pii_rails.masking.placeholders import fake_value, render
from pii_rails.settings import RESTORABLE_STYLES, PlaceholderSpec

# A numbered placeholder as the LLM may write it back: any bracket pair or none,
# any case, spaces inside the brackets, `_`, `-`, space or nothing before the number.
_OPEN, _CLOSE = r"[<\[{(]", r"[>\]})]"
# Placeholder-looking text in incoming text, to reserve its number.
_LITERAL = regex.compile(
    rf"{_OPEN}\s*(?P<type>[A-Za-z][A-Za-z0-9]*(?:[_ -][A-Za-z0-9]+)*?)[_ -]?(?P<index>\d+)\s*{_CLOSE}"
    r"|(?<![\w])(?P<btype>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*?)_(?P<bindex>\d+)(?![\w])"
)


# Known values shorter than this are not searched for again (too many false hits).
_MIN_KNOWN = 3

# Checked rail outputs the boundary looks for in a prompt: short ones would cut
# the prompt into pieces for little gain; a conversation keeps only its latest
# ones, within a bound that keeps thousands of stored vaults small (a request's
# history is marked again each turn, so what is dropped is only read again).
MIN_CHECKED_CHARS = 16
MAX_CHECKED_TEXTS = 128
MAX_CHECKED_TOTAL_CHARS = 64_000


def _norm_type(entity_type: str) -> str:
    return regex.sub(r"[\s_-]+", "_", entity_type.strip()).upper()


def _norm_value(value: str) -> str:
    return " ".join(value.split()).casefold()


def _restorable_style(style_key: str) -> bool:
    return style_key.split(":", 1)[0] in RESTORABLE_STYLES


@dataclass
class _Entry:
    entity_type: str
    index: int
    value: Optional[str]
    restorable: bool
    tokens: Dict[str, str] = field(default_factory=dict)  # style key -> token text


class Vault:
    """Placeholder <-> value mapping of one conversation. Thread-safe.

    Args:
        conversation_id: the id events and stores know the conversation by.
        salt: key for ``hash``-style placeholders; the same salt gives the same
            hash on every replica.
    """

    def __init__(self, conversation_id: Optional[str] = None, salt: Optional[bytes] = None):
        self.conversation_id = conversation_id
        self._salt = salt or os.urandom(32)
        self._lock = threading.RLock()
        self._by_value: Dict[Tuple[str, str], _Entry] = {}
        self._by_index: Dict[Tuple[str, int], _Entry] = {}
        self._reserved: Dict[str, set] = {}
        self._next: Dict[str, int] = {}
        self._by_token: Dict[str, _Entry] = {}
        self._patterns: Dict[bool, regex.Pattern] = {}
        self._known = None
        # Rail outputs with nothing left the LLM boundary would mask (see
        # mark_checked); in memory only, never in a store's saved state.
        self._checked: "OrderedDict[str, None]" = OrderedDict()
        self._checked_chars = 0
        self.touched = time.monotonic()

    def __len__(self) -> int:
        return len(self._by_value)

    def __bool__(self) -> bool:
        # An empty vault is still the conversation's vault, not "no vault".
        return True

    # -- texts the LLM boundary need not analyse again ----------------------

    def mark_checked(self, text: str) -> None:
        """Remember that ``text``, a rail's output, was analysed with (at least) the
        LLM boundary's entities and thresholds and every value found is masked."""
        if len(text.strip()) < MIN_CHECKED_CHARS:
            return
        if len(text) > MAX_CHECKED_TOTAL_CHARS:
            return
        with self._lock:
            if text not in self._checked:
                self._checked_chars += len(text)
            self._checked[text] = None
            self._checked.move_to_end(text)
            while len(self._checked) > MAX_CHECKED_TEXTS or self._checked_chars > MAX_CHECKED_TOTAL_CHARS:
                self._checked_chars -= len(self._checked.popitem(last=False)[0])

    def checked_regions(self, text: str) -> List[Tuple[int, int]]:
        """Where texts marked checked occur in ``text``, as sorted non-overlapping
        ``(start, end)``; longer texts first, each bounded by non-word characters."""
        with self._lock:
            candidates = sorted((c for c in self._checked if len(c) <= len(text)), key=len, reverse=True)
        regions: List[Tuple[int, int]] = []
        for candidate in candidates:
            start = text.find(candidate)
            while start != -1:
                end = start + len(candidate)
                # A checked text inside a word ("ok" in "book") does not count:
                # the rest of the prompt is analysed in pieces cut at the regions.
                bounded = (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
                if bounded and not any(start < b and a < end for a, b in regions):
                    regions.append((start, end))
                start = text.find(candidate, start + 1)
        return sorted(regions)

    # -- issuing -----------------------------------------------------------

    def reserve_literals(self, text: str) -> None:
        """Reserve numbers of placeholder-like text already present, so none is issued twice."""
        if not text:
            return
        with self._lock:
            for m in _LITERAL.finditer(text):
                entity_type = _norm_type(m.group("type") or m.group("btype"))
                index = int(m.group("index") or m.group("bindex"))
                if (entity_type, index) not in self._by_index:
                    self._reserved.setdefault(entity_type, set()).add(index)

    def _new_index(self, entity_type: str) -> int:
        index = self._next.get(entity_type, 1)
        reserved = self._reserved.get(entity_type, ())
        while index in reserved or (entity_type, index) in self._by_index:
            index += 1
        self._next[entity_type] = index + 1
        return index

    def placeholder(self, entity_type: str, value: str, spec, *, restorable: bool) -> str:
        """The placeholder for ``value`` in style ``spec``; issues one the first time.

        ``restorable`` says the value came from the user's side; once any
        appearance is, the value is restored on output.
        """
        with self._lock:
            return self._token(self._entry(entity_type, value, restorable), spec)

    def _entry(self, entity_type: str, value: str, restorable: bool) -> _Entry:
        self.touched = time.monotonic()
        entity_type = _norm_type(entity_type)
        key = (entity_type, _norm_value(value))
        entry = self._by_value.get(key)
        if entry is None:
            entry = _Entry(entity_type, self._new_index(entity_type), value, restorable)
            self._by_value[key] = entry
            self._by_index[(entity_type, entry.index)] = entry
            self._known = None
        elif restorable and not entry.restorable:
            entry.restorable = True
            self._patterns.clear()
        return entry

    def remember(self, entity_type: str, value: str, *, restorable: bool) -> None:
        """Keep ``value`` as known PII of this conversation without issuing a placeholder text."""
        with self._lock:
            self._entry(entity_type, value, restorable)

    def known(self, text: str) -> List[Tuple[int, int, str]]:
        """``(start, end, entity_type)`` of every value this conversation already knows as PII.

        A detector can miss a value in one sentence that it found in another;
        once a value is known, it is masked wherever it appears again.
        """
        with self._lock:
            if not text or not self._by_value:
                return []
            if self._known is None:
                values = sorted(
                    {e.value for e in self._by_value.values() if e.value and len(e.value.strip()) >= _MIN_KNOWN},
                    key=len,
                    reverse=True,
                )
                alternatives = "|".join(r"\s+".join(regex.escape(w) for w in v.split()) for v in values)
                self._known = regex.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", regex.IGNORECASE) if values else False
            if not self._known:
                return []
            by_norm = {norm: entry for (_, norm), entry in self._by_value.items()}
            found = []
            for m in self._known.finditer(text):
                entry = by_norm.get(_norm_value(m.group(0)))
                if entry is not None:
                    found.append((m.start(), m.end(), entry.entity_type))
            return found

    def withheld(self, entity_type: str, spec, value: str = "") -> str:
        """A placeholder for a value that must never be restored (new PII in the LLM's answer).

        Takes a number of its own so it cannot be confused with a restorable one;
        the value itself is not kept.
        """
        with self._lock:
            entity_type = _norm_type(entity_type)
            entry = _Entry(entity_type, self._new_index(entity_type), None, False)
            self._by_index[(entity_type, entry.index)] = entry
            return self._token(entry, spec, value)

    def _token(self, entry: _Entry, spec, value: Optional[str] = None) -> str:
        style_key = f"{spec.style}:{spec.template or ''}"
        token = entry.tokens.get(style_key)
        if token is not None:
            return token
        if spec.style == "fake":
            token = self._unique_fake(entry)
        else:
            token = render(spec, entry.entity_type, entry.index, entry.value or value or "", self._salt)
        entry.tokens[style_key] = token
        if spec.restorable:
            self._by_token[token.casefold()] = entry
            self._patterns.clear()
        return token

    def _unique_fake(self, entry: _Entry) -> str:
        taken = {e.casefold() for e in self._by_token} | {k[1] for k in self._by_value}
        for attempt in range(100):
            candidate = fake_value(entry.entity_type, entry.index + attempt * 1000)
            if candidate is None:
                break
            if candidate.casefold() not in taken:
                return candidate
        # No realistic generator for this type: a numbered tag is unique and restorable.
        return render(PlaceholderSpec(style="numbered"), entry.entity_type, entry.index, "")

    # -- keeping between requests -------------------------------------------

    def to_state(self) -> Dict[str, object]:
        """Everything needed to rebuild this vault elsewhere (holds raw values: seal it before storing)."""
        with self._lock:
            return {
                "entries": [
                    [e.entity_type, e.index, e.value, e.restorable, dict(e.tokens)]
                    for e in sorted(self._by_index.values(), key=lambda e: (e.entity_type, e.index))
                ],
                "reserved": {t: sorted(ix) for t, ix in self._reserved.items()},
                "next": dict(self._next),
            }

    @classmethod
    def from_state(cls, state: Dict, conversation_id: Optional[str] = None, salt: Optional[bytes] = None) -> "Vault":
        """The vault :meth:`to_state` described."""
        vault = cls(conversation_id, salt)
        for entity_type, index, value, restorable, tokens in state.get("entries", []):
            entry = _Entry(entity_type, int(index), value, bool(restorable), dict(tokens))
            vault._by_index[(entity_type, entry.index)] = entry
            if value is not None:
                vault._by_value[(entity_type, _norm_value(value))] = entry
            for style_key, token in entry.tokens.items():
                if _restorable_style(style_key):
                    vault._by_token[token.casefold()] = entry
        vault._reserved = {t: set(ix) for t, ix in state.get("reserved", {}).items()}
        vault._next = {t: int(n) for t, n in state.get("next", {}).items()}
        return vault

    def conceal(self, text: str) -> str:
        """``text`` with every value this vault knows replaced by its placeholder.

        For text kept at rest (a server's thread history): the values stay in
        the vault, the text holds only placeholders.
        """
        with self._lock:
            spans = self.known(text)
            if not spans:
                return text
            by_norm = {norm: entry for (_, norm), entry in self._by_value.items()}
            parts, cursor = [], 0
            for start, end, _ in spans:
                entry = by_norm[_norm_value(text[start:end])]
                tokens = [t for key, t in entry.tokens.items() if _restorable_style(key)]
                token = tokens[0] if tokens else f"<{entry.entity_type}_{entry.index}>"
                parts += [text[cursor:start], token]
                cursor = end
            parts.append(text[cursor:])
            return "".join(parts)

    # -- restoring ---------------------------------------------------------

    def _restore_pattern(self, everything: bool) -> Optional[regex.Pattern]:
        if everything in self._patterns:
            return self._patterns[everything]
        restorable = [e for e in self._by_index.values() if (e.restorable or everything) and e.value is not None]
        if not restorable:
            return None
        exact = sorted({t for e in restorable for t in e.tokens.values()}, key=len, reverse=True)
        types = sorted({e.entity_type for e in restorable}, key=len, reverse=True)
        type_alt = "|".join(regex.escape(t).replace("_", "[\\s_-]?") for t in types)
        bare_alt = "|".join(regex.escape(t) for t in types)
        parts = []
        if exact:
            parts.append("(?P<exact>" + "|".join(regex.escape(t) for t in exact) + ")(?![\\w])")
        parts.append(rf"{_OPEN}\s*(?P<type>{type_alt})[\s_-]?(?P<index>\d+)(?:\s*{_CLOSE})?")
        parts.append(rf"(?<![\w])(?P<btype>{bare_alt})_(?P<bindex>\d+)(?![\w])")
        self._patterns[everything] = regex.compile("|".join(parts), regex.IGNORECASE)
        return self._patterns[everything]

    def find(self, text: str, everything: bool = False) -> List[Tuple[int, int, str]]:
        """``(start, end, value)`` of every restorable placeholder in ``text``, deformed ones included.

        ``everything`` also finds values that are not the user's (retrieved,
        from tools): for text that goes back to the application, not the user.
        """
        with self._lock:
            pattern = self._restore_pattern(everything)
            if pattern is None or not text:
                return []
            found = []
            for m in pattern.finditer(text):
                entry = self._match_entry(m)
                if entry is not None and (entry.restorable or everything) and entry.value is not None:
                    found.append((m.start(), m.end(), entry.value))
            return found

    def _match_entry(self, m) -> Optional[_Entry]:
        if m.group("exact"):
            return self._by_token.get(m.group("exact").casefold())
        entity_type = m.group("type") or m.group("btype")
        index = m.group("index") or m.group("bindex")
        return self._by_index.get((_norm_type(entity_type), int(index)))

    def pending(self, text: str) -> int:
        """Where a placeholder may be starting at the end of ``text`` (``len(text)`` if nowhere).

        A stream holds back text from here: ``<PER`` may become ``<PERSON_1>``
        with the next chunk, and ``<PERSON_1`` may become ``<PERSON_12>``.
        """
        with self._lock:
            pattern = self._restore_pattern(True)
            if pattern is None or not text:
                return len(text)
            for m in pattern.finditer(text, partial=True):
                # A complete match at the very end may still grow (<PERSON_1 -> <PERSON_12>),
                # unless it ends in its closing bracket.
                if m.partial or (m.end() == len(text) and text[-1] not in ">]})"):
                    return m.start()
            return len(text)

    def restore(self, text: str, everything: bool = False) -> Tuple[str, int]:
        """``text`` with restorable placeholders replaced by their values, and how many."""
        spans = self.find(text, everything)
        if not spans:
            return text, 0
        parts, cursor = [], 0
        for start, end, value in spans:
            parts.append(text[cursor:start])
            parts.append(value)
            cursor = end
        parts.append(text[cursor:])
        return "".join(parts), len(spans)


# -- which vault is current -------------------------------------------------


class VaultStore(Protocol):
    """Where vaults of conversations with an id live between requests."""

    def get(self, conversation_id: str) -> Vault:
        """The conversation's vault; a new one when it has none (or it expired)."""

    def save(self, vault: Vault) -> None:
        """Keep what a call added to ``vault`` (a no-op for stores holding the object itself)."""

    def drop(self, conversation_id: str) -> None:
        """Forget a conversation's values now."""


class MemoryVaultStore:
    """Vaults in this process's memory, dropped after ``ttl_seconds`` unused and
    beyond ``max_conversations`` (least recently used first)."""

    def __init__(self, ttl_seconds: float = 3600.0, max_conversations: int = 10000, salt: Optional[bytes] = None):
        self.ttl_seconds = ttl_seconds
        self.max_conversations = max_conversations
        self._salt = salt
        self._vaults: "OrderedDict[str, Vault]" = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._vaults)

    def get(self, conversation_id: str) -> Vault:
        now = time.monotonic()
        with self._lock:
            self._expire(now)
            vault = self._vaults.get(conversation_id)
            if vault is None:
                vault = Vault(conversation_id, self._salt)
                self._vaults[conversation_id] = vault
                while len(self._vaults) > self.max_conversations:
                    self._vaults.popitem(last=False)
            self._vaults.move_to_end(conversation_id)
            vault.touched = now
            return vault

    def save(self, vault: Vault) -> None:
        pass

    def drop(self, conversation_id: str) -> None:
        with self._lock:
            self._vaults.pop(conversation_id, None)

    def _expire(self, now: float) -> None:
        stale = [cid for cid, v in self._vaults.items() if now - v.touched > self.ttl_seconds]
        for cid in stale:
            del self._vaults[cid]


_current: contextvars.ContextVar[Optional[Vault]] = contextvars.ContextVar("pii_rails_vault", default=None)


def current() -> Optional[Vault]:
    """The vault of the conversation being processed, if any."""
    return _current.get()


@contextlib.contextmanager
def use(vault: Vault) -> Iterator[Vault]:
    """Make ``vault`` current for the block (and tasks started in it)."""
    token = _current.set(vault)
    try:
        yield vault
    finally:
        _current.reset(token)
