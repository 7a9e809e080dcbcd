"""Custom pattern recognizers declared in config.yml, and how overlapping results are refined."""

from __future__ import annotations

from typing import Any, Iterator, List, Optional

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from pii_rails.errors import RegexTimeoutError
from pii_rails.detection.predefined import DEFAULT_SPECIFICITY, SPECIFICITY
from pii_rails.detection.predefined.base import CONTEXT_DISTANCE_KEY
from pii_rails.detection.predefined.ner import NerRecognizer, is_ner, surname_like_place
from pii_rails.settings import PRESIDIO_REGEX_FLAGS, RecognizerSpec

# How long one custom pattern may search one text. Presidio's own bound is a
# minute, after which it skips the pattern and carries on (fail open); here the
# detection fails, and with it the turn (fail closed, unless fail_open is set).
REGEX_TIMEOUT_SECONDS = 1.0


class _BoundedRegex:
    """A compiled pattern whose matching stops after a time bound, raising instead of skipping."""

    def __init__(self, compiled: "regex.Pattern", name: str, timeout: float):
        self._compiled = compiled
        self._name = name
        self._timeout = timeout

    def finditer(self, text: str, timeout: Optional[float] = None) -> Iterator[Any]:
        try:
            yield from self._compiled.finditer(text, timeout=self._timeout)
        except TimeoutError:
            raise RegexTimeoutError(
                f"custom pattern {self._name!r} took more than {self._timeout}s on a {len(text)}-character text"
            ) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._compiled, name)


def build_custom(spec: RecognizerSpec, default_language: str) -> List[PatternRecognizer]:
    """One Presidio pattern recognizer per language the spec declares, each pattern time-bounded."""
    recognizers = []
    for language in spec.languages(default_language):
        recognizer = PatternRecognizer(
            supported_entity=spec.entity,
            name=spec.name,
            supported_language=language,
            patterns=[Pattern(p.name, p.regex, p.score) for p in spec.patterns] or None,
            deny_list=list(spec.deny_list) or None,
            deny_list_score=spec.deny_list_score,
            context=spec.context_for(language) or None,
            # Unset: Presidio's default flags (DOTALL | MULTILINE | IGNORECASE).
            global_regex_flags=PRESIDIO_REGEX_FLAGS if spec.global_regex_flags is None else spec.global_regex_flags,
        )
        if spec.score_thresholds:
            recognizer.score_thresholds = dict(spec.score_thresholds)
        flags = recognizer.global_regex_flags
        for pattern in recognizer.patterns:
            # Compiled ahead with the flags Presidio will ask for, so it keeps this object.
            # Presidio's Pattern sets both attributes to None in __init__, so mypy infers None for them.
            pattern.compiled_with_flags = flags  # type: ignore[assignment]
            pattern.compiled_regex = _BoundedRegex(  # type: ignore[assignment]
                regex.compile(pattern.regex, flags=flags), f"{spec.name}/{pattern.name}", REGEX_TIMEOUT_SECONDS
            )
        recognizers.append(recognizer)
    return recognizers


def refine(text: str, results: List[RecognizerResult]) -> List[RecognizerResult]:
    """Cut NER spans back where a pattern match of another type overlaps them.

    spaCy may tag "Email maria@example.com" as one PERSON or a card number's
    digit groups as dates. A pattern match is more specific than a NER guess,
    so the NER span keeps only its larger part outside the match, trimmed
    again like any NER span, and is dropped when nothing plausible is left.
    """

    results = _surnames_not_places(text, _nearest_context_wins(results))
    patterns = [r for r in results if not is_ner(r) and SPECIFICITY.get(r.entity_type, DEFAULT_SPECIFICITY) > 0]
    if not patterns:
        return results
    refined = []
    for result in results:
        if not is_ner(result):
            refined.append(result)
            continue
        start, end = result.start, result.end
        for other in sorted(patterns, key=lambda r: r.start):
            if other.entity_type == result.entity_type or other.end <= start or other.start >= end:
                continue
            left, right = (start, other.start), (other.end, end)
            start, end = max(left, right, key=lambda part: part[1] - part[0])
            if end <= start:
                break
        if end <= start:
            continue
        if (start, end) != (result.start, result.end):
            span = NerRecognizer.clean(text, result.entity_type, start, end)
            if span is None:
                continue
            result.start, result.end = span
        refined.append(result)
    return refined


def _surnames_not_places(text: str, results: List[RecognizerResult]) -> List[RecognizerResult]:
    """Without the places a list found inside a NER name, where they are its surname ("Dan T Jessen"):
    the place would cut the name back to its first words (see :func:`ner.surname_like_place`)."""
    people = [(r.start, r.end) for r in results if r.entity_type == "PERSON" and is_ner(r)]
    if not people:
        return results

    def surname(r: RecognizerResult) -> bool:
        if r.entity_type != "LOCATION" or is_ner(r):
            return False
        return any(surname_like_place(text, p, (r.start, r.end)) for p in people)

    return [r for r in results if not surname(r)]


def _nearest_context_wins(results: List[RecognizerResult]) -> List[RecognizerResult]:
    """Of two overlapping matches of different types that both owe their score to a
    context word, keep the one whose word is nearer ("Passport: R98541302,
    driver's license: WDL..." - each number goes with its own label). A URL is not dropped
    for a value inside it."""

    def distance(r: RecognizerResult):
        return (r.recognition_metadata or {}).get(CONTEXT_DISTANCE_KEY)

    contextual = [r for r in results if distance(r) is not None]
    dropped = set()
    for a in contextual:
        for b in contextual:
            if a is b or a.entity_type == b.entity_type or a.end <= b.start or b.end <= a.start:
                continue
            if b.entity_type == "URL" and b.start <= a.start and a.end <= b.end:
                continue  # a value in a URL's query ("?ssn=..."): both are masked (overlaps._urls_around)
            if distance(a) < distance(b):
                dropped.add(id(b))
    return [r for r in results if id(r) not in dropped] if dropped else results
