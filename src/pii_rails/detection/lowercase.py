"""Where a span may begin on a plain lower-case word ("week,", "figures", "step").

Most recognizers never begin a span on a word of lower-case letters only: an e-mail, a
number or a key holds other characters, and the NER's names hold capitals. A few do, and
only where the text before the word says so: a given name in lower-case chat ("thx -
thiago"), a place after a word of place ("stuck in denver"), a name after "my name is", a
password after its label. Each recognizer says which by a class attribute,
``LOWER_START``, a :class:`StartRule` read from the word and the text before it only; the
rules recognizers share are here (:data:`NEVER`, :data:`GIVEN_NAME`, :data:`AFTER_PLACE_WORD`,
:func:`labelled`, :func:`after`).

Detection enforces it (:func:`excluded`, applied with the function words of
:mod:`pii_rails.detection.openers`): a span that begins on such a word where its
recognizer's rule says it cannot starts at the next word instead. So a streamed answer
can release a plain lower-case word as soon as it is written, when every word before it
went out and no recognizer the output rail runs may begin a span on it
(:func:`may_start`): no later word can make it part of an entity.

A recognizer without ``LOWER_START`` may begin a span anywhere: its spans are never cut,
and while it runs on the output the stream holds such words as before. That is the default
for what this project has not read (custom recognizers from ``config.yml``, Presidio's own)
and for what may begin on any word (addresses, dates).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

import regex

# A word of lower-case letters (apostrophes inside), with sentence punctuation after it; a full
# stop only after two letters ("ul." and "al." are street words, and listed nowhere here).
_PLAIN = regex.compile(r"(?P<core>\p{Ll}[\p{Ll}'’]*)(?:[,;:!?]+|(?<=\p{Ll}\p{Ll})\.)?")
_PIECE = regex.compile(r"\p{Ll}+")
# How much of the text before a word a rule reads. A stream's detection always sees at least
# this much released text before what it checks (pii_rails.nemo.streaming.LEFT_CONTEXT).
WINDOW = 80


@dataclass(frozen=True)
class StartRule:
    """When a recognizer's span may begin on a plain lower-case word: ``test(entity type, text
    before the word, the word's letters)``. An object rather than a function, so that a class
    attribute holding it stays unbound."""

    test: Callable[[str, str, str], bool]

    def __call__(self, entity: str, before: str, core: str) -> bool:
        return self.test(entity, before[-WINDOW:], core)


def plain_core(word: str) -> Optional[str]:
    """The letters of ``word`` if it is a plain lower-case word, else None."""
    m = _PLAIN.fullmatch(word)
    return m.group("core") if m else None


@functools.lru_cache(maxsize=1)
def _given_names() -> FrozenSet[str]:
    from pii_rails.detection.predefined.lexicon import given_names

    return frozenset(given_names())


@functools.lru_cache(maxsize=1)
def _place_first_words() -> FrozenSet[str]:
    from pii_rails.detection.predefined.lexicon import place_names

    return frozenset(name.split(" ")[0] for name in place_names())


def _given_name(entity: str, before: str, core: str) -> bool:
    # Lower-case chat names: a known given name, looked up capitalized (any piece of "jasmine's").
    names = _given_names()
    return any(piece.title() in names for piece in _PIECE.findall(core))


# The words that put a lower-case place after them (gazetteer.PlaceRecognizer), right before the word.
_PLACE_WORD_BEFORE = regex.compile(
    r"(?<![\p{L}])(?:in|near|to|from|at|around|outside|en|à|a|de|desde|hacia|cerca de|près de|vers|nach|aus|bei|von)"
    r"[ ]+\Z"
)


def _place(entity: str, before: str, core: str) -> bool:
    if not _PLACE_WORD_BEFORE.search(before):
        return False
    first = _PIECE.match(core)
    return first is not None and first.group()[:1].upper() + first.group()[1:] in _place_first_words()


# Values that hold capitals, digits, "@" or other signs, or capitalized names only.
NEVER = StartRule(lambda entity, before, core: False)
# A known given name (lower-case chat: "thx - thiago").
GIVEN_NAME = StartRule(_given_name)
# A known place's first word right after a word of place ("stuck in denver").
AFTER_PLACE_WORD = StartRule(_place)


def labelled(words: str) -> StartRule:
    """A value given after one of ``words`` (a regex alternation: its label), within the window."""
    label = regex.compile(r"(?i:(?<![^\W_])(?:" + words + r"))")
    return StartRule(lambda entity, before, core: label.search(before) is not None)


def after(head: "regex.Pattern[str]") -> StartRule:
    """A value right after ``head`` (which must match up to the end of the text before the word)."""
    return StartRule(lambda entity, before, core: head.search(before) is not None)


def rules_of(recognizers: Iterable[object]) -> Dict[str, StartRule]:
    """Recognizer name (as its results carry it) -> its rule. A name any recognizer without a rule
    reports under is left out: spans under it may begin anywhere."""
    found: Dict[str, List[StartRule]] = {}
    anywhere = set()
    for recognizer in recognizers:
        name = str(getattr(recognizer, "name", ""))
        rule = getattr(recognizer, "LOWER_START", None)
        if isinstance(rule, StartRule):
            found.setdefault(name, []).append(rule)
        else:
            anywhere.add(name)
    out: Dict[str, StartRule] = {}
    for name, rules in found.items():
        if name not in anywhere:
            distinct = list(dict.fromkeys(rules))
            out[name] = distinct[0] if len(distinct) == 1 else _either(distinct)
    return out


def _either(rules: Sequence[StartRule]) -> StartRule:
    return StartRule(lambda entity, before, core: any(rule(entity, before, core) for rule in rules))


def excluded(rule: Optional[StartRule], entity: str, text: str, start: int, end: int) -> bool:
    """Whether a span under ``rule`` may not begin on the word ``text[start:end]``."""
    if rule is None:
        return False
    core = plain_core(text[start:end])
    return core is not None and not rule(entity, text[max(0, start - WINDOW) : start], core)


def may_start(recognizers: Iterable[Tuple[Optional[StartRule], Iterable[str]]], word: str, before: str) -> bool:
    """Whether any of ``recognizers`` (rule, entity types it reports) may begin a span on ``word``
    after ``before``; False only for a plain lower-case word every rule excludes."""
    core = plain_core(word)
    if core is None:
        return True
    for rule, entities in recognizers:
        if rule is None or any(rule(entity, before, core) for entity in entities):
            return True
    return False
