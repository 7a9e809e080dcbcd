"""The vault: which placeholder stands for which value, within one conversation.

A :class:`Vault` numbers values by first appearance (``<PERSON_1>``,
``<PERSON_2>``), gives the same value the same placeholder every time, and
restores placeholders the LLM echoes -- also when it deforms them
(``<Person_1>``, ``PERSON_1``, ``< PERSON_1 >``).

Keyed placeholders (``<PERSON_kd6925cfeb0df4a58>``) are not numbered here: a
value's token is the same in every conversation and process. Spellings of one
value share it; two different values that would share it in one conversation
do not -- the later one gets a longer token, so nothing restores as another.

Only values that came from the user's side of the conversation are restored.
A value first seen in a retrieved chunk, a tool result or a system prompt gets
a placeholder like any other, but the placeholder stays in the answer: the
user gets back what they said, not what the knowledge base holds.

A placeholder the vault did not issue -- typed by a user, left in a document,
or issued in another conversation -- is never restored; numbered placeholders
already present in incoming text are reserved so the vault never issues them.

One vault serves one conversation. :func:`conversation` makes one current for
a block of code (NeMo calls run inside it); :class:`~pii_rails.masking.stores.MemoryVaultStore` keeps
vaults of conversations with an id between requests, with a TTL and a bound.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Container, Dict, Iterator, List, Literal, Optional, Tuple

import regex

from pii_rails.masking.checked import CheckedTexts
from pii_rails.masking.placeholders import Keyer, fake_value, keyed_token, render
from pii_rails.settings import RESTORABLE_STYLES, PlaceholderSpec

# A numbered placeholder as the LLM may write it back: any bracket pair or none,
# any case, spaces inside the brackets, `_`, `-`, space or nothing before the number.
_OPEN, _CLOSE = r"[<\[{(]", r"[>\]})]"
# The key of a keyed token (pii_rails.masking.placeholders.KEYED_TAG), in any case.
_HEX = r"[0-9a-f]{8,64}"
_KEYED_LITERAL = regex.compile(rf"{_OPEN}?\s*[A-Za-z][A-Za-z0-9_ -]*?[_ -]k{_HEX}\s*{_CLOSE}?", regex.IGNORECASE)
# Placeholder-looking text in incoming text, to reserve its number.
_LITERAL = regex.compile(
    rf"{_OPEN}\s*(?P<type>[A-Za-z][A-Za-z0-9]*(?:[_ -][A-Za-z0-9]+)*?)[_ -]?(?P<index>\d+)\s*{_CLOSE}"
    r"|(?<![\w])(?P<btype>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*?)_(?P<bindex>\d+)(?![\w])"
)


def any_of(values, flexible_spaces: bool = False) -> "regex.Pattern":
    """One case-insensitive pattern matching any of ``values`` as whole words, longest first.

    With ``flexible_spaces`` any run of white space stands for a space, so a
    value re-wrapped across lines is still found.
    """
    ordered = sorted(values, key=len, reverse=True)
    if flexible_spaces:
        alternatives = "|".join(r"\s+".join(regex.escape(w) for w in v.split()) for v in ordered)
    else:
        alternatives = "|".join(regex.escape(v) for v in ordered)
    # The pattern spells out one conversation's values: the vault keeps it and lets it go
    # with them. In regex's process-wide cache it would outlive the conversation (raw PII
    # in memory after its TTL) and, one new pattern per conversation, push out shared ones.
    return regex.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", regex.IGNORECASE, cache_pattern=False)


_FIRST_WORD = regex.compile(r"\w+")


def word_hashes(text: str) -> frozenset:
    """``hash()`` of each case-folded word of ``text``, and of the empty string (see
    :meth:`Vault.first_words`): hashes, so a cache of them keeps no word of the text."""
    return frozenset([hash(""), *(hash(w.casefold()) for w in _FIRST_WORD.findall(text))])


# Known values shorter than this are not searched for again (too many false hits).
_MIN_KNOWN = 3

_TYPE_SEPARATORS = regex.compile(r"[\s_-]+")


def _norm_type(entity_type: str) -> str:
    return _TYPE_SEPARATORS.sub("_", entity_type.strip()).upper()


def _norm_value(value: str) -> str:
    return " ".join(value.split()).casefold()


def _restorable_style(style_key: str) -> bool:
    return style_key.split(":", 1)[0] in RESTORABLE_STYLES


def _rank(entry: "_Entry") -> int:
    """How good a claim on a shared (keyed) token is: a user's value, any value, none."""
    return 2 if entry.restorable and entry.value is not None else 1 if entry.value is not None else 0


def _unambiguous(types) -> bool:
    """Whether the shape ``<TYPE_N>`` reads every numbered token of ``types`` as its own type and number.

    With a digit in a type (``CODE_2``: is ``<CODE_21>`` CODE_2's 1 or CODE's 21?) or two
    types equal but for ``_`` and case (the shape lets a type's ``_`` go) a token could
    be read as another type's; only the listed token is exact then.
    """
    folded = {t.replace("_", "").casefold() for t in types}
    return len(folded) == len(types) and not any(ch.isdigit() for t in types for ch in t)


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
        # Keyed style: HMAC digest -> token issued here, and the reverse (token casefolded -> digest).
        self._keyed: Dict[str, str] = {}
        self._keyed_owner: Dict[str, str] = {}
        self._patterns: Dict[bool, regex.Pattern] = {}
        # The values known as PII as one pattern; False when there are none, None until built.
        self._known: Optional[regex.Pattern | Literal[False]] = None
        # hash() of the case-folded first word of each known value (see word_hashes), and whether
        # every such value is ASCII; None until built.
        self._first_words: Optional[frozenset] = None
        self._ascii_values = False
        # Rail outputs with nothing left the LLM boundary would mask; in
        # memory only, never in a store's saved state.
        self.checked = CheckedTexts()
        self.touched = time.monotonic()

    def __len__(self) -> int:
        return len(self._by_value)

    def __bool__(self) -> bool:
        # An empty vault is still the conversation's vault, not "no vault".
        return True

    # -- issuing -----------------------------------------------------------

    def reserve_literals(self, text: str) -> None:
        """Reserve numbers of placeholder-like text already present, so none is issued twice."""
        if not text:
            return
        with self._lock:
            for m in _LITERAL.finditer(text):
                if _KEYED_LITERAL.fullmatch(m.group(0)):
                    continue  # a keyed token has no number to reserve
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

    def placeholder(
        self, entity_type: str, value: str, spec, *, restorable: bool, keyer: Optional[Keyer] = None
    ) -> str:
        """The placeholder for ``value`` in style ``spec``; issues one the first time.

        ``restorable`` says the value came from the user's side; once any
        appearance is, the value is restored on output. ``keyer`` writes the
        keyed style.
        """
        with self._lock:
            return self._token(self._entry(entity_type, value, restorable), spec, keyer=keyer)

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
            self._first_words = None
        elif restorable and not entry.restorable:
            entry.restorable = True
            for style_key, token in entry.tokens.items():
                if _restorable_style(style_key):
                    self._claim(token, entry)
            self._patterns.clear()
        return entry

    def remember(self, entity_type: str, value: str, *, restorable: bool) -> None:
        """Keep ``value`` as known PII of this conversation without issuing a placeholder text."""
        with self._lock:
            self._entry(entity_type, value, restorable)

    def knows_value_starting(self, prefix: str) -> bool:
        """Whether a value :meth:`known` would find begins with ``prefix`` (case-insensitive): a
        stream holds a word that may still become the start of one."""
        folded = _norm_value(prefix)
        with self._lock:
            return any(
                e.value and len(e.value.strip()) >= _MIN_KNOWN and _norm_value(e.value).startswith(folded)
                for e in self._by_value.values()
            )

    def first_words(self) -> frozenset:
        """``hash()`` of the case-folded first word of every value :meth:`known` looks for.

        A text none of whose words (``word_hashes``) is among them holds no such value:
        :meth:`known`'s pattern begins each value on a whole word, matched without case.
        The hash of the empty string stands for a value with no word character, which
        every text may hold.
        """
        with self._lock:
            if self._first_words is None:
                firsts = set()
                ascii_values = True
                for e in self._by_value.values():
                    if e.value and len(e.value.strip()) >= _MIN_KNOWN:
                        first = _FIRST_WORD.search(e.value)
                        firsts.add(hash(first.group().casefold() if first else ""))
                        ascii_values = ascii_values and e.value.isascii()
                self._first_words, self._ascii_values = frozenset(firsts), ascii_values
            return self._first_words

    def may_know(self, text: str) -> bool:
        """Whether :meth:`known` may find a value in ``text``: ``False`` only when it finds none.

        Decided without :meth:`known`'s pattern (compiled once per conversation) where that is
        exact: with ASCII values and an ASCII text, a value matched without case begins on a whole
        word of the text equal, without case, to the value's first word (see :meth:`first_words`).
        """
        with self._lock:
            if not text or not self._by_value:
                return False
            firsts = self.first_words()
            if not (self._ascii_values and text.isascii()):
                return True
            return not word_hashes(text).isdisjoint(firsts)

    def known(self, text: str) -> List[Tuple[int, int, str]]:
        """``(start, end, entity_type)`` of every value this conversation already knows as PII.

        A detector can miss a value in one sentence that it found in another;
        once a value is known, it is masked wherever it appears again.
        """
        with self._lock:
            if not text or not self._by_value:
                return []
            if self._known is None:
                values = {e.value for e in self._by_value.values() if e.value and len(e.value.strip()) >= _MIN_KNOWN}
                self._known = any_of(values, flexible_spaces=True) if values else False
            if not self._known:
                return []
            found: List[Tuple[int, int, str]] = []
            # Most texts (log records above all) hold no known value: the index is built on a match only.
            by_norm: Optional[Dict[str, Any]] = None
            for m in self._known.finditer(text):
                if by_norm is None:
                    by_norm = {norm: entry for (_, norm), entry in self._by_value.items()}
                entry = by_norm.get(_norm_value(m.group(0)))
                if entry is not None:
                    found.append((m.start(), m.end(), entry.entity_type))
            return found

    def withheld(self, entity_type: str, spec, value: str = "", keyer: Optional[Keyer] = None) -> str:
        """A placeholder for a value that must never be restored (new PII in the LLM's answer).

        Takes a number of its own so it cannot be confused with a restorable one;
        the value itself is not kept. Keyed: the value's own token, which
        stands for the user's value only if the user's side typed that value.
        """
        with self._lock:
            entity_type = _norm_type(entity_type)
            if spec.style == "keyed":
                token = self._keyed_token(entity_type, value, keyer)
                if token.casefold() in self._by_token:
                    return token
            entry = _Entry(entity_type, self._new_index(entity_type), None, False)
            self._by_index[(entity_type, entry.index)] = entry
            return self._token(entry, spec, value, keyer)

    def _token(self, entry: _Entry, spec, value: Optional[str] = None, keyer: Optional[Keyer] = None) -> str:
        style_key = f"{spec.style}:{spec.template or ''}"
        token = entry.tokens.get(style_key)
        if token is not None:
            return token
        if spec.style == "fake":
            token = self._unique_fake(entry)
        elif spec.style == "keyed":
            token = self._keyed_token(entry.entity_type, entry.value or value or "", keyer)
        else:
            token = render(spec, entry.entity_type, entry.index, entry.value or value or "", self._salt)
        entry.tokens[style_key] = token
        if spec.restorable:
            self._claim(token, entry)
            self._patterns.clear()
        return token

    def _claim(self, token: str, entry: _Entry) -> None:
        """Let ``token`` stand for ``entry`` unless it stands for a better claim already.

        Keyed tokens are shared by the spellings of one value (``212-555-0199``,
        ``(212) 555 0199``): the token restores to a spelling the user typed
        before one from a document, and to any value before none.
        """
        key = token.casefold()
        holder = self._by_token.get(key)
        if holder is None or _rank(entry) > _rank(holder):
            self._by_token[key] = entry

    def _keyed_token(self, entity_type: str, value: str, keyer: Optional[Keyer]) -> str:
        """The keyed token of ``value``: the configured length, or longer where two
        values of this conversation would otherwise share one.

        A shared token would restore one user's value in place of another, so
        the later value takes as many more hex characters as it needs to be
        unique here. Outside this conversation it is written at the configured
        length, the collision odds documented in docs/keyed.md.
        """
        if keyer is None:
            raise RuntimeError("the keyed placeholder style needs the engine's key (PiiEngine.keyer)")
        digest = keyer.digest(entity_type, value)
        token = self._keyed.get(digest)
        if token is not None:
            return token
        for length in range(keyer.length, len(digest) + 1):
            token = keyed_token(entity_type, digest, length)
            if token.casefold() not in self._keyed_owner:
                break
        else:  # the whole HMAC-SHA256 equal for two values
            raise RuntimeError("two values have the same HMAC-SHA256; refusing to mask with an ambiguous token")
        self._keyed[digest] = token
        self._keyed_owner[token.casefold()] = digest
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
                **({"keyed": dict(self._keyed)} if self._keyed else {}),
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
                    vault._claim(token, entry)
        vault._keyed = {str(d): str(t) for d, t in state.get("keyed", {}).items()}
        vault._keyed_owner = {t.casefold(): d for d, t in vault._keyed.items()}
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
        types = sorted({e.entity_type for e in restorable}, key=len, reverse=True)
        # Keyed tokens, and numbered ones when no type can be read into another's
        # token, are found by their shape below: listing each one would grow the
        # pattern, and its compile time, with every value of the conversation.
        by_shape = ("keyed:", "numbered:") if _unambiguous(types) else ("keyed:",)
        exact = sorted(
            {t for e in restorable for k, t in e.tokens.items() if not k.startswith(by_shape)}, key=len, reverse=True
        )
        type_alt = "|".join(regex.escape(t).replace("_", "[\\s_-]?") for t in types)
        bare_alt = "|".join(regex.escape(t) for t in types)
        parts = []
        if exact:
            parts.append("(?P<exact>" + "|".join(regex.escape(t) for t in exact) + ")(?![\\w])")
        parts.append(rf"{_OPEN}\s*(?P<type>{type_alt})[\s_-]?(?P<index>\d+)(?:\s*{_CLOSE})?")
        parts.append(rf"(?<![\w])(?P<btype>{bare_alt})_(?P<bindex>\d+)(?![\w])")
        keyed = {e.entity_type for e in restorable if any(k.startswith("keyed:") for k in e.tokens)}
        if keyed:
            # Keyed tokens as the LLM may write them back: <Person_K3FA...>, [PERSON k3fa...], PERSON_k3fa...
            ktype_alt = "|".join(regex.escape(t).replace("_", "[\\s_-]?") for t in sorted(keyed, key=len, reverse=True))
            kbare_alt = "|".join(regex.escape(t) for t in sorted(keyed, key=len, reverse=True))
            parts.append(rf"{_OPEN}\s*(?P<ktype>{ktype_alt})[\s_-]?(?P<key>k{_HEX})(?![0-9a-z])(?:\s*{_CLOSE})?")
            parts.append(rf"(?<![\w])(?P<kbtype>{kbare_alt})_(?P<kbkey>k{_HEX})(?![\w])")
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
        groups = m.groupdict()
        if groups.get("exact"):
            return self._by_token.get(groups["exact"].casefold())
        if groups.get("ktype") or groups.get("kbtype"):
            key = groups.get("key") or groups.get("kbkey")
            return self._by_token.get(f"<{_norm_type(groups.get('ktype') or groups['kbtype'])}_{key}>".casefold())
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

    def restore_in(self, value: Any, *, everything: bool = False, keys: Optional[Container[str]] = None) -> Any:
        """:meth:`restore` applied to every string inside ``value`` (lists and dicts, nested).

        ``keys`` limits which dict entries are restored (``{"content"}`` for chat
        messages, whose role and ids are not text); other values pass unchanged.
        """
        if isinstance(value, str):
            return self.restore(value, everything)[0]
        if isinstance(value, list):
            return [self.restore_in(v, everything=everything, keys=keys) for v in value]
        if isinstance(value, dict):
            return {
                k: self.restore_in(v, everything=everything, keys=keys) if keys is None or k in keys else v
                for k, v in value.items()
            }
        return value


# -- which vault is current -------------------------------------------------

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
