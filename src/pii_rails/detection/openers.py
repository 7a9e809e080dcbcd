"""Words that never begin an entity: closed-class function words ("The", "Sure,", "I", "here").

Detection never reports a span that starts with one of them: a span that does
(a NER model's "The Beatles", a pattern's "the 5th of May") starts at the next
word instead, and a span made of them alone is dropped. These words are never
PII, so nothing a user needs masked is left out; what the rule buys is that a
streamed answer can release such a word as soon as it is written, when every
word before it has been released, without waiting for the words after it: no
later word can make it the start of an entity, and nothing before it is in one
(see ``pii_rails.nemo.streaming``).

Only words that are nothing but function words qualify. A word that is also a
given name, family name, place, title or name particle in the project's own
lexicons ("Will", "May", "Mark", "Can", "van", "de", "al") is excluded, as are
number words, words that start addresses or dates in other languages, and
all-capital forms ("US", "WHO", "IT" are names of things).
"""

from __future__ import annotations

import functools
from typing import FrozenSet, Iterable, List, Mapping, Optional

import regex

from pii_rails.detection import lowercase
from pii_rails.spans import Span

# English closed-class words (articles, determiners, pronouns, prepositions, conjunctions,
# auxiliaries) and the few discourse words that open an assistant's answer. No number
# words ("one", "first"), no date words ("last", "next", "today"), no "will"/"may"/"no", and
# none that begins a street name in German ("Am Mühlbach 3", "In der Au 5": "am", "in").
_FUNCTION_WORDS = """
the a an this that these those some any each every all both either neither such what which whose whatever
whichever another other
i me my mine myself you your yours yourself yourselves he him his himself she her hers herself it its itself
we us our ours ourselves they them their theirs themselves someone anyone everyone nobody somebody anybody
everybody something anything everything nothing
of on at to for with by from about as into onto over under after before between through during without
within against among around since until upon across behind beyond near toward towards
and or but nor so yet because although though while if unless whether than then also
is are was were be been being do does did done have has had having can could would should shall might must
not just only very really too quite rather
how when where why who whom
sure yes yeah yep okay ok well here there hello hi hey thanks thank please certainly absolutely unfortunately
however indeed actually alright great happy glad sorry below above
let's here's there's it's that's what's who's where's how's i'm i've i'll i'd you're you've you'll you'd
we're we've we'll we'd they're they've they'll they'd he's she's don't doesn't didn't can't cannot won't
isn't aren't wasn't weren't haven't hasn't hadn't couldn't wouldn't shouldn't
"""
# A word as the stream sees it: letters and apostrophes, lower case or capitalized (one capital for
# "I"), with sentence punctuation after it. A full stop only after two letters or more: "I." and
# "A." are initials.
_SHAPE = regex.compile(r"(?P<core>(?:\p{Ll}|\p{Lu})[\p{Ll}'’]*)(?:[,;:!?]+|(?<=\p{L}\p{L})\.)?")
_WHITESPACE = regex.compile(r"\s")
_NOT_WHITESPACE = regex.compile(r"\S")
# Name particles: they begin names ("van Gogh", "de la Cruz", "al-Hassan").
# What ends a sentence, and what may stand between its end and the next word.
_SENTENCE_END = frozenset(".!?:…")
# The last character before a word that is not whitespace, an opening quote or bracket, or a
# list bullet: what it is says whether a sentence ends there.
_LAST_SOLID = regex.compile(r"[^\s\"'“‘«(\[*•>#\-–—]", regex.REVERSE)
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'll", "i'd"})
_PARTICLES = frozenset("van der den von de la los las del da di du le dos y bin ibn al el".split())


@functools.lru_cache(maxsize=1)
def _lexicon_words() -> FrozenSet[str]:
    """Every word, lower-cased, that the name and place recognizers read as part of a name or place."""
    from pii_rails.detection.predefined import lexicon

    words = set(lexicon.AMBIGUOUS_NAMES) | set(lexicon.AMBIGUOUS_PLACES) | _PARTICLES
    words.update(t.lower().rstrip(".") for t in lexicon.TITLES)
    # The given-name list leaves out names that are also function words ("Can", "My", "Us"): read
    # the raw lists, so a word that is a name anywhere is never an opener.
    for locale in lexicon.NAME_LOCALES:
        for attribute in ("first_names", "first_names_male", "first_names_female", "last_names"):
            for name in lexicon._provider_values(f"faker.providers.person.{locale}", (attribute,)):
                if isinstance(name, str):
                    words.add(name.lower())
    words.update(name.lower() for name in lexicon.family_names())
    words.update(name.lower() for name in lexicon.place_names())
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def opener_words() -> FrozenSet[str]:
    """The function words that qualify: :data:`_FUNCTION_WORDS` minus every lexicon word."""
    lexicon_words = _lexicon_words()
    return frozenset(w for w in _FUNCTION_WORDS.split() if w.replace("’", "'") not in lexicon_words)


def never_starts(word: str, before: str = "", after: str = "", ended: bool = True) -> bool:
    """Whether a whole whitespace-separated word is one no entity may begin with.

    ``before`` and ``after`` are the text around the word; ``ended`` says whether the text
    ends with ``after`` (a stream's does not yet). A capitalised function word is taken for
    one only where a sentence begins and no capitalised word follows it without punctuation
    between: "He", "An", "So" and "Do" are also family or given names ("met He Jiankui",
    "An Nguyen called"), and mid-sentence or before another capitalised word that is what a
    capital says. "I" is capitalised wherever it stands.
    """
    return _never_starts_at(before + word + after, len(before), len(before) + len(word), ended)


def _never_starts_at(text: str, start: int, end: int, ended: bool) -> bool:
    m = _SHAPE.fullmatch(text, start, end)
    if m is None:
        return False
    core = m.group("core")
    if len(core) > 1 and core[1:] != core[1:].lower():
        return False  # "US", "IT", "McCall": not a plain word
    key = core.lower().replace("’", "'")
    if key not in opener_words():
        return False
    if core[0].islower() or key in _FIRST_PERSON:
        return True
    solid = _LAST_SOLID.search(text, 0, start)
    if solid is not None and "\n" not in text[solid.end() : start] and text[solid.start()] not in _SENTENCE_END:
        return False  # mid-sentence: a capital there says name
    if m.end("core") != end or "'" in key:
        return True  # "Sure,", "Thanks!", "It's": punctuation or a verb parts it from what follows
    following = _NOT_WHITESPACE.search(text, end)
    if following is None:
        return ended  # the next word is still to come in a stream
    return not text[following.start()].isupper()


def _word_at(text: str, index: int) -> Optional[tuple]:
    """The whitespace-separated word holding ``index`` (start, end), or None on whitespace."""
    if index >= len(text) or text[index].isspace():
        return None
    start = index
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    m = _WHITESPACE.search(text, index)
    return start, m.start() if m else len(text)


def trim_openers(text: str, spans: Iterable[Span], rules: Mapping[str, lowercase.StartRule]) -> List[Span]:
    """``spans`` with their leading opener words cut off; a span of openers only is dropped.

    A plain lower-case word a span's recognizer may not begin a span on (its rule in ``rules``,
    by recognizer name: :func:`pii_rails.detection.lowercase.rules_of`) is cut off the same way.

    Words are whitespace-separated, as the stream cuts them, so a span that starts inside
    "Sure," (at the comma) is moved past the whole word too.
    """
    out = []
    for span in spans:
        start = span.start
        while start < span.end:
            bounds = _word_at(text, start)
            if bounds is None:
                if start == span.start:
                    break  # a span that starts on whitespace holds no opener: left as found
                m = _NOT_WHITESPACE.search(text, start, span.end)
                if m is None:
                    start = span.end
                    break
                start = m.start()
                continue
            if not (
                _never_starts_at(text, bounds[0], bounds[1], ended=True)
                or lowercase.excluded(rules.get(span.recognizer), span.entity_type, text, bounds[0], bounds[1])
            ):
                break
            start = bounds[1]
        if start >= span.end:
            continue
        if start != span.start:
            span = Span(span.entity_type, start, span.end, span.score, span.recognizer)
        out.append(span)
    return out
