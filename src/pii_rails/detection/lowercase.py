"""Where a span may begin on a plain lower-case word ("week,", "figures", "step").

Most recognizers never begin a span on a word of lower-case letters only: an e-mail, a
number or a key holds other characters, and the NER's names hold capitals. A few do, and
only where the text before the word says so: a given name in lower-case chat ("thx -
thiago"), a place after a word of place ("stuck in denver"), a name after "my name is", a
password after its label. :data:`RULES` says, per recognizer (by the name its results
carry), when that can happen, from the word and the text before it only.

Detection enforces it (:func:`excluded`, applied with the function words of
:mod:`pii_rails.detection.openers`): a span that begins on such a word where its
recognizer's rule says it cannot starts at the next word instead. So a streamed answer
can release a plain lower-case word as soon as it is written, when every word before it
went out and no recognizer the output rail runs may begin a span on it
(:func:`may_start`): no later word can make it part of an entity.

A recognizer that is not listed, here or in :data:`NEVER`, may begin a span anywhere:
its spans are never cut, and while it runs on the output the stream holds such words as
before. That is the default for what this module has not read (custom recognizers from
``config.yml``, Presidio's own, addresses, dates).
"""

from __future__ import annotations

import functools
from typing import Callable, Dict, FrozenSet, Iterable, Optional, Tuple

import regex

# A word of lower-case letters (apostrophes inside), with sentence punctuation after it; a full
# stop only after two letters ("ul." and "al." are street words, and listed nowhere here).
_PLAIN = regex.compile(r"(?P<core>\p{Ll}[\p{Ll}'’]*)(?:[,;:!?]+|(?<=\p{Ll}\p{Ll})\.)?")
_PIECE = regex.compile(r"\p{Ll}+")
# How much of the text before a word a rule reads. A stream's detection always sees at least
# this much released text before what it checks (pii_rails.nemo.streaming.LEFT_CONTEXT).
WINDOW = 80

# (entity type, text before the word, the word's letters) -> whether a span may begin on the word.
Rule = Callable[[str, str, str], bool]


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


@functools.lru_cache(maxsize=1)
def _particles() -> FrozenSet[str]:
    from pii_rails.detection.predefined.ner import LOWER_PARTICLES, NAME_PARTICLES

    return frozenset(w.lower() for w in NAME_PARTICLES | LOWER_PARTICLES)


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
    if not _PLACE_WORD_BEFORE.search(before[-WINDOW:]):
        return False
    first = _PIECE.match(core)
    return first is not None and first.group()[:1].upper() + first.group()[1:] in _place_first_words()


@functools.lru_cache(maxsize=1)
def _introducer_before() -> "regex.Pattern[str]":
    """The lower-case introduction ("my name is") right before the word, read from the recognizer's own pattern."""
    from pii_rails.detection.predefined.person import PersonIntroductionRecognizer

    # "my name is ..." and "i'm ..." (a known given name): the recognizer's lower-case patterns.
    heads = [
        pattern.regex.split("(?P<value>")[0]
        for pattern in PersonIntroductionRecognizer.PATTERNS
        if pattern.name in ("introduced_lowercase_name", "self_lowercase_name")
    ]
    if not heads:
        raise LookupError("PersonIntroductionRecognizer has no introduced_lowercase_name pattern")
    return regex.compile(r"(?:" + "|".join(heads) + r")\Z")


def _introduced(entity: str, before: str, core: str) -> bool:
    return _introducer_before().search(before[-WINDOW:]) is not None


def _labelled(words: str) -> Rule:
    """A value given after one of ``words`` (its label), a few words before at most."""
    label = regex.compile(r"(?i:(?<![^\W_])(?:" + words + r"))")

    def rule(entity: str, before: str, core: str) -> bool:
        return label.search(before[-WINDOW:]) is not None

    return rule


def _password_words() -> str:
    from pii_rails.detection.predefined.secrets import _PASSWORD_WORDS

    return "|".join(_PASSWORD_WORDS.values())


def _key_words() -> str:
    from pii_rails.detection.predefined.secrets import _KEY_WORDS

    return _KEY_WORDS


# A key and its colon right before the word, on the word's line (``first name: jasmine``).
_KEY_BEFORE = regex.compile(r"(?:^|\n)[ \t>*-]*([\p{L}][\p{L} _.-]{1,30}?)[ \t]*:[ \t]*\Z")


def _person_field(entity: str, before: str, core: str) -> bool:
    # fields.PersonFieldRecognizer takes a lower-case name only as the value of a key naming a
    # person's name; a column's lower-case cells it leaves alone.
    from pii_rails.detection.predefined.fields import person_key

    m = _KEY_BEFORE.search(before[-WINDOW:])
    return m is not None and person_key(m.group(1))


def _ner(entity: str, before: str, core: str) -> bool:
    # The NER's names hold no lower-case word but a particle (predefined.ner drops the others);
    # its other entities (dates, places, groups) may begin anywhere.
    return entity != "PERSON" or core in _particles()


@functools.lru_cache(maxsize=1)
def rules() -> Dict[str, Rule]:
    """Recognizer name -> when its spans may begin on a plain lower-case word."""
    return {
        "SpacyRecognizer": _ner,
        "GivenNameRecognizer": _given_name,
        "PlaceRecognizer": _place,
        "PersonIntroductionRecognizer": _introduced,
        "PersonFieldRecognizer": _person_field,
        "PasswordRecognizer": _labelled(_password_words()),
        "ApiKeyRecognizer": _labelled(_key_words()),
    }


def _never(entity: str, before: str, core: str) -> bool:
    return False


# Recognizers whose spans never begin on a word of lower-case letters only: their values hold
# capitals, digits, "@" or other signs, or (lists of people, addressees) capitalized names.
NEVER: FrozenSet[str] = frozenset(
    """NameListRecognizer AddresseeRecognizer EmailRecognizer PhoneNumberRecognizer
    CreditCardRecognizer UsSsnRecognizer IbanRecognizer IpRecognizer AwsAccessKeyRecognizer GithubTokenRecognizer
    SlackTokenRecognizer PrivateKeyRecognizer""".split()
)


def rule_for(recognizer: str) -> Optional[Rule]:
    """The rule of a recognizer by name; None where it may begin a span on any word."""
    if recognizer in NEVER:
        return _never
    return rules().get(recognizer)


def excluded(recognizer: str, entity: str, text: str, start: int, end: int) -> bool:
    """Whether a span of ``recognizer`` may not begin on the word ``text[start:end]``."""
    core = plain_core(text[start:end])
    if core is None:
        return False
    rule = rule_for(recognizer)
    return rule is not None and not rule(entity, text[max(0, start - WINDOW) : start], core)


def may_start(recognizers: Iterable[Tuple[str, Iterable[str]]], word: str, before: str) -> bool:
    """Whether any of ``recognizers`` (name, entity types it reports) may begin a span on ``word``
    after ``before``; False only for a plain lower-case word every rule excludes."""
    core = plain_core(word)
    if core is None:
        return True
    tail = before[-WINDOW:]
    for name, entities in recognizers:
        rule = rule_for(name)
        if rule is None or any(rule(entity, tail, core) for entity in entities):
            return True
    return False
