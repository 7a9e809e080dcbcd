"""Settling what detectors found: overlaps resolved, repeats of a found value added.

Replacing overlapping spans one by one would splice placeholders into each
other, so every path (rails, boundary, CLI, batch) settles spans here before
any text is rewritten.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple

from presidio_analyzer import RecognizerResult

from pii_rails.detection.lowercase import StartRule
from pii_rails.detection.openers import trim_openers
from pii_rails.detection.predefined import DEFAULT_SPECIFICITY, SPECIFICITY
from pii_rails.detection.predefined.address_blocks import join_address_parts
from pii_rails.detection.predefined.ner import NER_RECOGNIZER_NAMES
from pii_rails.detection.predefined.person import name_part_repeats, without_unit_words
from pii_rails.spans import Span

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


# The escapes of JSON and of most languages' string literals. Text pasted from a log line, an
# export or a debugger keeps them as two characters, "\\n" where a line break was meant.
_ESCAPE = re.compile(r'\\(?:u[0-9A-Fa-f]{4}|["\\/bfnrt])')


# What may follow an escaped line break that is surely one: what starts a line of a record, or
# another escaped break (a blank line: "Ana Ruiz\\n\\n4100 Main St").
_BREAK_THEN = re.compile(r"[\dA-Z+( \t]|\\[nr]|\Z")


def _unescaped_breaks(text: str) -> str:
    """A literal backslash-n (-r, -t) as the line break (tab) it stands for, two characters for two.

    Only in a text whose every backslash starts such an escape: a Windows path ("C:\\Users\\nina")
    or a regular expression has other backslashes, and there a backslash-n is no line break, unless
    what follows it starts a line of a record (see ``_BREAK_THEN``). The
    break is written as a space then a newline, so a name or an address line that the escape glued
    to its neighbours stands on a line of its own, as the address and name rules expect.
    """
    if "\\" not in text:
        return text
    escapes = list(_ESCAPE.finditer(text))
    if sum(m.group().count("\\") for m in escapes) != text.count("\\"):
        # Other backslashes too: only the breaks no path or pattern goes on from ("...\n+44 20 7946 0958",
        # "Lyon\nFrance"), a digit, a capital, a plus, a bracket, a space or the end after them; not "C:\Users\nina".
        escapes = [m for m in escapes if m.group() in ("\\n", "\\r") and _BREAK_THEN.match(text, m.end())]
    chars = list(text)
    for m in escapes:
        if m.group() in ("\\n", "\\r"):
            chars[m.start()], chars[m.start() + 1] = " ", "\n"
        elif m.group() == "\\t":
            chars[m.start()], chars[m.start() + 1] = " ", "\t"
    return "".join(chars)


def analysable(text: str) -> str:
    """``text`` as the recognizers read it, one character for one so offsets hold: lone
    surrogates (invalid Unicode, e.g. from a broken decoder) become U+FFFD, and escaped line
    breaks ("\\n" in text from logs and exports) real ones (see :func:`_unescaped_breaks`)."""
    return _unescaped_breaks(_LONE_SURROGATE.sub("\ufffd", text))


def overlaps(start: int, end: int, regions: Iterable[Tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in regions)


def _rank(span: Span) -> Tuple[int, float, int]:
    """How strongly a span claims its text: specificity, then score, then length."""
    if span.recognizer in NER_RECOGNIZER_NAMES:
        tier = 1
    else:
        tier = SPECIFICITY.get(span.entity_type, DEFAULT_SPECIFICITY)
    return (tier, span.score, span.end - span.start)


def _urls_around(spans: Iterable[Span]) -> List[Span]:
    """A URL around a more specific value (its IP host, an e-mail or an SSN in its query) kept
    in the pieces around the value, so both are masked.

    The value outranks the URL and would otherwise leave the rest of the address (a user name
    in its path, the other parameters of the query) in clear; it keeps its own type. What
    ranks below a URL inside it (a NER name in a profile URL) still goes with the URL."""
    spans = list(spans)
    urls = [s for s in spans if s.entity_type == "URL"]
    if not urls:
        return spans
    out = [s for s in spans if s.entity_type != "URL"]
    for url in urls:
        tier = _rank(url)[0]
        inner = sorted(
            (s for s in out if url.start <= s.start and s.end <= url.end and _rank(s)[0] > tier), key=lambda s: s.start
        )
        at = url.start
        for value in inner:
            if value.start > at:
                out.append(Span(url.entity_type, at, value.start, url.score, url.recognizer))
            at = max(at, value.end)
        if at < url.end:
            out.append(Span(url.entity_type, at, url.end, url.score, url.recognizer))
    return out


def resolve_overlaps(spans: Iterable[Span]) -> List[Span]:
    """Keep a non-overlapping subset, the most specific claim first.

    A pattern-specific entity (a checksum-confirmed card or IBAN, an e-mail
    address, an SSN, a key) wins over a NER guess that overlaps it, whatever
    their raw scores: NER models score every entity alike, and a small one
    tags card digits as dates or an address as a person. Between two matches of
    the same specificity, the higher score wins, then the longer span. A URL
    is kept around the more specific values inside it (see :func:`_urls_around`).
    Replacing overlapping spans one by one would splice placeholders into each
    other, so overlaps are settled before any text is rewritten.
    """
    kept: List[Span] = []
    # Kept spans never overlap, so their starts and ends sort alike: a new span
    # overlaps one iff the last kept span starting before its end reaches past
    # its start (binary search, so thousands of entities in a long text stay cheap).
    starts: List[int] = []
    ends: List[int] = []
    for span in sorted(_urls_around(spans), key=lambda s: (*(-x for x in _rank(s)), s.start)):
        if span.end <= span.start:
            continue
        k = bisect.bisect_left(starts, span.end)
        if k and ends[k - 1] > span.start:
            continue
        starts.insert(k, span.start)
        ends.insert(k, span.end)
        kept.append(span)
    return sorted(kept, key=lambda s: s.start)


_WORD_RUN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def _occurrences(text: str, values: Iterable[str]) -> Iterator[Tuple[int, str]]:
    """``(start, value)`` for every occurrence of each value in ``text`` that no
    word character touches on either side, in one pass over the text.

    Each value is looked up by its longest run of word characters: an occurrence
    bounded by non-word characters holds exactly the value's runs, so scanning
    the text's runs once and checking the few candidates keeps a long text with
    thousands of values linear (a scan per value would not be).
    """
    anchors: Dict[str, List[Tuple[str, int]]] = {}
    for value in values:
        runs = list(_WORD_RUN.finditer(value))
        if not runs:  # all punctuation: too rare to index
            yield from ((m.start(), value) for m in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text))
            continue
        anchor = max(runs, key=lambda m: len(m.group()))
        anchors.setdefault(anchor.group(), []).append((value, anchor.start()))
    for run in _WORD_RUN.finditer(text):
        for value, offset in anchors.get(run.group(), ()):
            start = run.start() - offset
            end = start + len(value)
            if (
                start >= 0
                and text.startswith(value, start)
                and (start == 0 or not _WORD_CHAR.match(text, start - 1))
                and not _WORD_CHAR.match(text, end)
            ):
                yield start, value


def with_repeats(text: str, spans: List[Span], protected: List[Tuple[int, int]]) -> List[Span]:
    """Add every other occurrence of a value found in ``text``.

    A detector can find a value at one place and miss it at another in the
    same text (context, overlap resolution); a value once found is masked
    wherever it appears.
    """
    first: Dict[str, Span] = {}
    for span in spans:
        value = text[span.start : span.end]
        if len(value.strip()) >= 3:
            first.setdefault(value, span)
    if not first:
        return spans
    # Overlaps by binary search over the spans sorted once.
    taken = sorted([*((s.start, s.end) for s in spans), *protected])
    starts = [a for a, _ in taken]
    reach = list(itertools.accumulate((b for _, b in taken), max))
    extra: List[Tuple[int, int, Span]] = []
    for start, value in _occurrences(text, first):
        end = start + len(value)
        k = bisect.bisect_left(starts, end)  # the spans starting before this match ends
        if k and reach[k - 1] > start:
            continue  # one of them reaches into it
        extra.append((start, end, first[value]))
    kept: List[Span] = []
    last_end = -1
    # Longest first where two recurring values start together; none overlapping another.
    for start, end, span in sorted(extra, key=lambda x: (x[0], -(x[1] - x[0]))):
        if start >= last_end:
            kept.append(Span(span.entity_type, start, end, span.score, span.recognizer))
            last_end = end
    return sorted([*spans, *kept], key=lambda s: s.start) if kept else spans


def to_spans(
    results: Iterable[RecognizerResult],
    text: Optional[str] = None,
    analysed: Optional[str] = None,
    rules: Optional[Mapping[str, StartRule]] = None,
    entities: Optional[Sequence[str]] = None,
) -> List[Span]:
    """Presidio's results as settled spans; given the ``text``, none starts with a function word
    (see :mod:`pii_rails.detection.openers`: what lets a stream release such a word at once), nor on a
    plain lower-case word its recognizer's rule in ``rules`` excludes (:mod:`pii_rails.detection.lowercase`).
    Given the ``analysed`` text too (:func:`analysable`), a span ends short of a line break that
    was an escape in ``text``, so no half of a backslash-n is masked with the value beside it.
    ``entities``: the types looked for, when a span may take one it was not found as (a listed address's town)."""
    spans = []
    for r in results:
        meta = r.recognition_metadata or {}
        start, end = r.start, r.end
        if analysed is not None and analysed != text:
            while end > start and analysed[end - 1].isspace():
                end -= 1
            while start < end and analysed[start].isspace():
                start += 1
            if start == end:
                continue
        spans.append(Span(r.entity_type, start, end, float(r.score), str(meta.get("recognizer_name", ""))))
    if text is None:
        return resolve_overlaps(spans)
    # The parts of one postal address, found apart, as one address (before overlaps drop any part).
    places = "LOCATION" in entities if entities is not None else any(s.entity_type == "LOCATION" for s in spans)
    spans = without_unit_words(text, spans)
    spans = join_address_parts(analysed if analysed is not None else text, spans, places)
    return name_part_repeats(text, resolve_overlaps(trim_openers(text, spans, rules or {})))


