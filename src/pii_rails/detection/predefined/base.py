"""Building blocks shared by the predefined recognizers.

Presidio raises a score when a context word is near a match by comparing
spaCy *lemmas*. A blank (regex-only) pipeline has no lemmas, so for Spanish,
German or ``regex_only`` configurations context would never count. Here the
context words are looked up in the raw text around the match instead: as
whole-word prefixes, case- and accent-insensitively, so ``téléphone`` matches
``telephone`` and ``phones`` matches ``phone``. This works the same with any
pipeline and in any language.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import regex
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult

# Characters looked at before and after a match for context words.
CONTEXT_BEFORE = 48
CONTEXT_AFTER = 24
# What a context word adds to a score, and the least score a supported match gets
# (Presidio's own values, so predefined and custom recognizers agree).
CONTEXT_BOOST = 0.35
MIN_SCORE_WITH_CONTEXT = 0.4

# Recognition metadata: characters between a match and the context word that raised it.
CONTEXT_DISTANCE_KEY = "pii_rails_context_distance"

# The flags Presidio compiles patterns with, minus IGNORECASE: case matters for
# most formats here (AKIA..., names), patterns opt in with (?i) where it does not.
FLAGS = regex.DOTALL | regex.MULTILINE | regex.VERSION0


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents: ``Téléphone`` -> ``telephone``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def context_regex(words: Iterable[str]) -> Optional["regex.Pattern[str]"]:
    """One regex finding any of ``words`` at a word start, in folded text.

    A word matches as a prefix (``phone`` finds ``phones``); one ending in
    ``$`` only as a whole word (``ne$`` finds "né" but not "new").
    """
    alternatives = sorted({fold(w).strip() for w in words if w and w.strip()}, key=len, reverse=True)
    if not alternatives:
        return None
    parts = [regex.escape(w[:-1]) + r"(?!\w)" if w.endswith("$") else regex.escape(w) for w in alternatives]
    return regex.compile(r"(?<![\w])(?:" + "|".join(parts) + ")")


def words_regex(words: Iterable[str]) -> "regex.Pattern[str]":
    """:func:`context_regex` of a fixed word list, which must not be empty."""
    pattern = context_regex(words)
    if pattern is None:
        raise ValueError("an empty word list would match nothing")
    return pattern


def localized(table: Mapping[str, Sequence[str]], language: str) -> List[str]:
    """The context words of ``language``, with the English ones (shared jargon such as IBAN, SSN, DOB)."""
    words = list(table.get(language, ()))
    if language != "en":
        words += [w for w in table.get("en", ()) if w not in words]
    return words


class TextContextMixin:
    """Context from the surrounding raw text instead of spaCy lemmas.

    Mixed into a Presidio recognizer, it replaces Presidio's lemma-based boost
    (results are marked as already enhanced so the analyzer does not boost them
    twice). ``context_before`` / ``context_after`` set the window in characters.
    """

    context_before: int = CONTEXT_BEFORE
    context_after: int = CONTEXT_AFTER
    context_boost: float = CONTEXT_BOOST
    # The most a context word can raise a score to (a format without a checksum is never certain).
    max_context_score: float = 1.0

    # Set by the Presidio recognizer this is mixed into.
    context: List[str]
    _context_re: Optional[regex.Pattern] = None
    _context_key: Optional[Tuple[str, ...]] = None

    def _context_pattern(self):
        words = tuple(self.context or ())
        if self._context_key != words:
            self._context_re = context_regex(words)
            self._context_key = words
        return self._context_re

    def context_distance(self, text: str, start: int, end: int) -> Optional[int]:
        """Characters between the match and the nearest context word in the window, or ``None``.

        When two recognizers claim the same value ("Passport: R98541302,
        driver's license: ..."), the one whose word is nearest is right.
        """
        pattern = self._context_pattern()
        if pattern is None:
            return None
        # Folding keeps lengths for the Latin scripts used here; distances are approximate otherwise.
        before = fold(text[max(0, start - self.context_before) : start])
        after = fold(text[end : end + self.context_after])
        distances = [len(before) - m.end() for m in pattern.finditer(before)]
        distances += [m.start() + 1 for m in pattern.finditer(after)]
        return min(distances) if distances else None

    def enhance_using_context(self, text, raw_recognizer_results, other_raw_recognizer_results, nlp_artifacts, context=None):  # noqa: D102
        extra = context_regex(context or ())
        for result in raw_recognizer_results:
            metadata = result.recognition_metadata
            if metadata is None:
                metadata = result.recognition_metadata = {}
            if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            window = fold(text[max(0, result.start - self.context_before) : result.end + self.context_after])
            distance = self.context_distance(text, result.start, result.end)
            if distance is not None or (extra is not None and extra.search(window)):
                if distance is not None and result.score < 1.0:
                    metadata[CONTEXT_DISTANCE_KEY] = distance
                result.score = min(self.max_context_score, max(result.score + self.context_boost, MIN_SCORE_WITH_CONTEXT))
                if result.analysis_explanation is not None:
                    result.analysis_explanation.set_improved_score(result.score)
        return raw_recognizer_results


class ContextPatternRecognizer(TextContextMixin, PatternRecognizer):
    """A pattern recognizer with text-window context and an optional ``value`` group.

    * A pattern with a named group ``value`` reports only that group, so a
      keyword can anchor a match without being masked (``MRN: 12345678``
      masks ``12345678``).
    * ``requires_context``: a match without a context word nearby is dropped,
      for formats that are only PII when the text says so (a date is a date of
      birth only after "born", "DOB", ...).
    * ``validate_result`` True sets the score to 1.0 and False drops the match,
      as in Presidio; ``invalidate_result`` True drops it.

    Subclasses set ``ENTITY``, ``PATTERNS`` and ``CONTEXT`` (language -> words).
    """

    ENTITY: str = ""
    PATTERNS: Sequence[Pattern] = ()
    CONTEXT: Dict[str, Sequence[str]] = {}
    requires_context: bool = False
    # Patterns are compiled with these flags (Presidio's default adds IGNORECASE).
    flags: int = FLAGS

    def __init__(
        self,
        supported_language: str = "en",
        context: Optional[List[str]] = None,
        patterns: Optional[List[Pattern]] = None,
        supported_entity: Optional[str] = None,
        name: Optional[str] = None,
    ):
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            name=name,
            supported_language=supported_language,
            patterns=[Pattern(p.name, p.regex, p.score) for p in (patterns or self.PATTERNS)],
            context=context if context is not None else localized(self.CONTEXT, supported_language),
            global_regex_flags=self.flags,
        )

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None, regex_flags: Optional[int] = None):  # noqa: D102
        results: List[RecognizerResult] = []
        for pattern in self.patterns:
            compiled: Any = pattern.compiled_regex
            if compiled is None or pattern.compiled_with_flags != self.flags:
                compiled = pattern.compiled_regex = regex.compile(pattern.regex, flags=self.flags)
                pattern.compiled_with_flags = self.flags  # type: ignore[assignment]  # Presidio infers it as None
            for match in compiled.finditer(text, timeout=10):
                if "value" in compiled.groupindex and match.group("value") is not None:
                    start, end = match.span("value")
                else:
                    start, end = match.span()
                value = text[start:end]
                if not value.strip():
                    continue
                result = self.score_match(text, value, start, end, pattern)
                if result is not None:
                    results.append(result)
        return EntityRecognizer.remove_duplicates(results)

    def score_match(self, text: str, value: str, start: int, end: int, pattern: Pattern) -> Optional[RecognizerResult]:
        """The result for one match, or ``None`` to drop it."""
        score = pattern.score
        valid = self.validate_result(value)
        if valid is False or self.invalidate_result(value):
            return None
        if valid is True:
            score = EntityRecognizer.MAX_SCORE
        distance = self.context_distance(text, start, end)
        if self.requires_context and distance is None and not self.stands_alone(pattern):
            return None
        if distance is not None and valid is not True and not self.requires_context:
            score = min(self.max_context_score, max(score + self.context_boost, MIN_SCORE_WITH_CONTEXT))
        # ``valid`` None means "no validation", which Presidio's own analyze passes here too.
        explanation = self.build_regex_explanation(
            self.name, pattern.name, pattern.regex, score, valid, self.flags  # type: ignore[arg-type]
        )
        return RecognizerResult(
            entity_type=self.supported_entities[0],
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                # Context is already counted here; the analyzer must not add it again.
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
                **({CONTEXT_DISTANCE_KEY: distance} if distance is not None and valid is not True else {}),
            },
        )

    def stands_alone(self, pattern: Pattern) -> bool:
        """Whether matches of ``pattern`` count without a context word (when ``requires_context``)."""
        return False


_TABLE_ROW = regex.compile(r"^[ \t]*\|(.*)\|[ \t]*$", regex.MULTILINE)
_TABLE_RULE = regex.compile(r"^[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*(?::?-{2,}:?[ \t]*)?$")


def table_cells(text: str, header: "regex.Pattern[str]") -> List[tuple]:
    """``(start, end)`` of the cells of a Markdown table in the columns whose header cell ``header`` matches.

    The header row is the one right above a ``|---|---|`` rule; every later row
    of the same table gives its cell in that column, trimmed of spaces.
    """
    if "|" not in text or "--" not in text:
        return []
    spans: List[tuple] = []
    lines = text.split("\n")
    offsets, position = [], 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1

    def cells(index: int) -> List[tuple]:
        line, base = lines[index], offsets[index]
        if not _TABLE_ROW.match(line):
            return []
        bars = [i for i, c in enumerate(line) if c == "|"]
        out = []
        for a, b in zip(bars, bars[1:], strict=False):
            start, end = a + 1, b
            while start < end and line[start].isspace():
                start += 1
            while end > start and line[end - 1].isspace():
                end -= 1
            out.append((base + start, base + end))
        return out

    for i in range(1, len(lines)):
        if not _TABLE_RULE.match(lines[i]) or not _TABLE_ROW.match(lines[i - 1]):
            continue
        heads = cells(i - 1)
        columns = [k for k, (s, e) in enumerate(heads) if header.fullmatch(fold(text[s:e]))]
        if not columns:
            continue
        j = i + 1
        while j < len(lines) and _TABLE_ROW.match(lines[j]):
            row = cells(j)
            spans += [row[k] for k in columns if k < len(row) and row[k][1] > row[k][0]]
            j += 1
    return spans
