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

import operator
import unicodedata
from typing import AbstractSet, Any, Dict, FrozenSet, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult

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


def fold_keys(text: str) -> str:
    """:func:`fold`, and a field key's underscores read as spaces: the ``card_number`` or
    ``phone_number`` of JSON, CSV headers and logs names the value as "card number" does."""
    folded = fold(text)
    return folded.replace("_", " ") if "_" in folded else folded


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


def alternatives(source: str) -> Tuple[str, ...]:
    """Lower-case literal heads of the alternatives in ``source`` ("a|b(?: c)?|d,?"), one of which
    a match of the alternation contains: each cut before its first optional or special part.
    Heads contained in another head's place are dropped ("my name is" once "name is" is in)."""
    heads = []
    for alternative in source.split("|"):
        if alternative.count("(") != alternative.count(")"):
            raise ValueError(f"an alternative with a group of alternatives inside: {alternative!r}")
        head = regex.split(r".[?*{]|[(\\\[+.^$]", alternative)[0].lower()
        if not head:
            raise ValueError(f"no literal head in {alternative!r}")
        heads.append(head)
    return fewest(heads)


def fewest(heads: Iterable[str]) -> Tuple[str, ...]:
    """``heads`` without those that contain another: a text holding "my name is" holds "name is"."""
    unique = set(heads)
    return tuple(sorted(h for h in unique if not any(o != h and o in h for o in unique)))


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
    # enhance_using_context reads and changes only this recognizer's own results: with none, it does
    # nothing, and the analyzer need not call it (see analyzer.PiiAnalyzer._enhance_using_context).
    OWN_RESULTS_ONLY = True

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
        before = fold_keys(text[max(0, start - self.context_before) : start])
        after = fold_keys(text[end : end + self.context_after])
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


# The score of a labelled near miss: a value shaped like an identifier, named as one by the
# word next to it, that fails the identifier's validity check (a never-issued SSN area, a
# Luhn-invalid card, an IBAN with wrong check digits). Below what a valid value scores, at
# or above the usual thresholds (0.4, 0.5): whoever labels a value wants it kept private,
# typo, test value or not, so validity sets the score and never lets a labelled value leak.
NEAR_MISS_SCORE = 0.6
# Recognition metadata: the result is a labelled near miss (it failed the validity check).
NEAR_MISS_KEY = "pii_rails_near_miss"

# Characters looked at before a value for its label, and after it ("990-44-4272 (SSN)").
_LABEL_BEFORE = 40
_LABEL_AFTER = 40
# What may stand between a value and its label after it: a bracket, comma, slash or dash ("990-44-4272
# (SSN)"), or the verb and possessive of a sentence that names it as someone's ("X1586299 is my driver's
# license", "... est mon numéro de passeport", "... es mi número de tarjeta", "... ist meine Kartennummer";
# not "... is the passport office").
_LABEL_AFTER_GAP = regex.compile(
    r"[ \t]*(?:[(\[,/–-][ \t]*|(?:is|was|are|est|etait|es|era|ist|war)[ \t]+"
    r"(?:(?:my|our|his|her|their|your|mon|ma|son|sa|votre|mi|su|tu|mein|meine|sein|seine|ihr|ihre)[ \t]+)?)?"
)
# What may stand between a label and its value: punctuation and spacing, one line break
# (a form: "SSN:\n990-44-4272"), and up to three short words ("card number on file",
# "SSN is", "numéro de sécurité sociale est"); no digits, no sentence end.
_LABEL_GAP = regex.compile(r"[^\w\n!?;]*(?:\n[^\w\n!?;]*)?(?:[^\W\d_]{1,12}[^\w\n!?;]*){0,3}")
_SENTENCE_END = regex.compile(r"\.\s+\p{Lu}\p{Ll}")
_WORD = regex.compile(r"\w")


def label_regex(words: Iterable[str]) -> Optional["regex.Pattern[str]"]:
    """One regex finding any of ``words`` as whole words (an ``s`` plural allowed), in folded text.

    Not as the first half of a hyphenated compound ("card-shaped"); the second half counts ("Kunden-IBAN")."""
    alternatives = sorted({fold(w).strip() for w in words if w and w.strip()}, key=len, reverse=True)
    if not alternatives:
        return None
    # Not the first half of a compound: a "card-shaped" value or a "card-holder" name is no card number.
    return regex.compile(r"(?<![\w])(?:" + "|".join(regex.escape(w) for w in alternatives) + r")s?(?![\w]|-\w)")


# Letters a folded label stands for in raw text ("securite" finds "Sécurité").
_ACCENTS = {"a": "aàáâãäå", "e": "eèéêë", "i": "iìíîï", "o": "oòóôõö", "u": "uùúûü", "c": "cç", "n": "nñ", "s": "sß"}


def _raw_label_regex(words: Iterable[str]) -> Optional["regex.Pattern[str]"]:
    """A quick test for any of ``words`` in raw (unfolded) text, case- and accent-insensitively.

    It may find more than :func:`label_regex` (no word boundaries), never less.
    """
    alternatives = sorted({fold(w).strip() for w in words if w and w.strip()}, key=len, reverse=True)
    if not alternatives:
        return None
    # A space in a label also finds the underscore of a field key ("card_number").
    parts = [
        "".join(f"[{_ACCENTS[c]}]" if c in _ACCENTS else "[ _]" if c == " " else regex.escape(c) for c in w)
        for w in alternatives
    ]
    return regex.compile("|".join(parts), regex.IGNORECASE)


class _NearMissPatterns(NamedTuple):
    language: str
    labels: Optional["regex.Pattern[str]"]  # in folded text, whole words
    header: Optional["regex.Pattern[str]"]  # a table header cell naming the identifier
    shapes: List["regex.Pattern[str]"]
    raw: Optional["regex.Pattern[str]"]  # a quick test on raw text


class NearMissMixin:
    """Keeps a labelled value that fails its validity check, at :data:`NEAR_MISS_SCORE`.

    A recognizer with a validity rule (checksum, never-issued ranges) drops what
    fails it, which is right for unlabelled digits (precision) and wrong when the
    text names the value: "SSN 990-44-4272" is meant as an SSN whether or not the
    SSA could have issued it. Subclasses set ``NEAR_MISS_SHAPES`` (regexes of the
    identifier's loose shape; a named group ``value`` is what is reported) and
    ``NEAR_MISS_LABELS`` (language -> words that name exactly this identifier, not
    merely its topic: "SSN" but not "social", "card number" but not "payment").
    A shape is a near miss when a label is right before it (only spacing,
    punctuation and up to three short words between, in the same sentence), right
    after it, or heads its table column.
    """

    NEAR_MISS_SHAPES: Sequence[str] = ()
    NEAR_MISS_LABELS: Dict[str, Sequence[str]] = {}
    near_miss_score: float = NEAR_MISS_SCORE

    # Provided by the recognizer class this is mixed into.
    supported_entities: List[str]
    name: str
    id: str

    _near_miss_cache: Optional[_NearMissPatterns] = None

    def _near_miss_patterns(self) -> _NearMissPatterns:
        language = getattr(self, "supported_language", "en")
        cache = self._near_miss_cache
        if cache is None or cache.language != language:
            words = localized(self.NEAR_MISS_LABELS, language)
            labels = label_regex(words)
            header = None
            if labels is not None:
                header = regex.compile(r"[^|]{0,24}?(?:" + labels.pattern + r")[^|]{0,24}")
            shapes = [regex.compile(shape, FLAGS) for shape in self.NEAR_MISS_SHAPES]
            cache = self._near_miss_cache = _NearMissPatterns(language, labels, header, shapes, _raw_label_regex(words))
        return cache

    def labelled(self, text: str, start: int, end: int, memo: Optional[dict] = None) -> bool:
        """Whether a word naming this identifier is next to ``text[start:end]``."""
        patterns = self._near_miss_patterns()
        labels, header = patterns.labels, patterns.header
        if labels is None or header is None:
            return False
        window_start = max(0, start - _LABEL_BEFORE)
        before = fold_keys(text[window_start:start])
        for match in labels.finditer(before):
            gap = before[match.end() :]
            # A label on the line above names the value that starts the next line ("SSN:\n990-44-4272"),
            # not one after other words there (a CSV header's last name over a row's second cell).
            if "\n" in gap and _WORD.search(gap, gap.index("\n")):
                continue
            if _LABEL_GAP.fullmatch(gap) and not _SENTENCE_END.search(text[window_start + match.end() : start]):
                return True
        after = fold_keys(text[end : end + _LABEL_AFTER])
        found = labels.match(after, _LABEL_AFTER_GAP.match(after).end())
        if found is not None:
            return True
        if "|" not in text and "\n" not in text:
            return False
        # Once per text, not per value (every unlabelled shape of a long text gets here): the caller's memo.
        if memo is None:
            memo = {}
        if "cells" not in memo:
            memo["cells"] = table_cells(text, header) + delimited_cells(text, header)
        return any(a <= start and end <= b for a, b in memo["cells"])

    def near_misses(self, text: str, found: Sequence[RecognizerResult]) -> List[RecognizerResult]:
        """Labelled shapes in ``text`` that no result in ``found`` covers, as near-miss results."""
        patterns = self._near_miss_patterns()
        shapes = patterns.shapes
        # Most texts name no identifier at all: one pass for a label word, on the raw text, before any shape.
        if patterns.raw is None or not shapes or not patterns.raw.search(text):
            return []
        taken = [(r.start, r.end) for r in found]
        results: List[RecognizerResult] = []
        memo: dict = {}
        for shape in shapes:
            for match in shape.finditer(text, timeout=10):
                start, end = match.span("value") if "value" in shape.groupindex else match.span()
                if end <= start or any(start < b and a < end for a, b in taken):
                    continue
                if not self.labelled(text, start, end, memo):
                    continue
                taken.append((start, end))
                results.append(self.near_miss_result(start, end))
        return results

    def near_miss_result(self, start: int, end: int) -> RecognizerResult:
        """The result for a labelled near miss at ``start:end``."""
        return build_result(
            self,  # type: ignore[arg-type]  # mixed into an EntityRecognizer
            start,
            end,
            self.near_miss_score,
            "Labelled as this identifier, but fails its validity check (near miss)",
            # The label already set the score; a context word must not raise it to a valid one's.
            context_counted=True,
            **{NEAR_MISS_KEY: True},
        )


def build_result(
    recognizer: EntityRecognizer, start: int, end: int, score: float, why: str, context_counted: bool = False, **metadata: Any
) -> RecognizerResult:
    """A result of ``recognizer``'s (first) entity with its explanation and recognition metadata.

    ``context_counted``: the score already holds what context says, so Presidio's context
    enhancement must not add to it again. ``metadata`` is added to the recognition metadata.
    """
    return RecognizerResult(
        entity_type=recognizer.supported_entities[0],
        start=start,
        end=end,
        score=score,
        analysis_explanation=AnalysisExplanation(recognizer=recognizer.name, original_score=score, textual_explanation=why),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            **({RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True} if context_counted else {}),
            **metadata,
        },
    )


class TriggerIndex:
    """Which patterns of a ``TRIGGERS`` table (pattern name -> strings one of which each match
    holds) a lower-cased text holds no trigger of, without a substring search per trigger:
    a trigger of three characters or more is looked for only when the text holds its first
    three (one set intersection finds those), shorter ones always."""

    def __init__(self, triggers: Mapping[str, Tuple[str, ...]]) -> None:
        self.triggers = triggers
        self.gated = frozenset(triggers)
        self.names: Dict[str, FrozenSet[str]] = {}
        for name, words in triggers.items():
            for word in words:
                self.names[word] = self.names.get(word, frozenset()) | {name}
        self.short = tuple(word for word in self.names if len(word) < 3)
        self.by_head: Dict[str, Tuple[str, ...]] = {}
        for word in self.names:
            if len(word) >= 3:
                self.by_head[word[:3]] = (*self.by_head.get(word[:3], ()), word)
        self.heads = frozenset(self.by_head)

    def skipped(self, lowered: str) -> AbstractSet[str]:
        """The gated patterns none of whose triggers ``lowered`` holds."""
        held: set = set()
        for word in self.short:
            if word in lowered:
                held |= self.names[word]
        for head in self.heads.intersection(map(operator.add, map(operator.add, lowered, lowered[1:]), lowered[2:])):
            for word in self.by_head[head]:
                if word in lowered:
                    held |= self.names[word]
        return self.gated - held


class ContextPatternRecognizer(NearMissMixin, TextContextMixin, PatternRecognizer):
    """A pattern recognizer with text-window context and an optional ``value`` group.

    * A pattern with a named group ``value`` reports only that group, so a
      keyword can anchor a match without being masked (``MRN: 12345678``
      masks ``12345678``).
    * ``requires_context``: a match without a context word nearby is dropped,
      for formats that are only PII when the text says so (a date is a date of
      birth only after "born", "DOB", ...).
    * ``validate_result`` True sets the score to 1.0 and False drops the match,
      as in Presidio, unless a word of ``NEAR_MISS_LABELS`` names it (a near
      miss, see :class:`NearMissMixin`); ``invalidate_result`` True drops it.

    Subclasses set ``ENTITY``, ``PATTERNS`` and ``CONTEXT`` (language -> words).
    """

    ENTITY: str = ""
    PATTERNS: Sequence[Pattern] = ()
    CONTEXT: Dict[str, Sequence[str]] = {}
    requires_context: bool = False
    # Patterns are compiled with these flags (Presidio's default adds IGNORECASE).
    flags: int = FLAGS

    # The name results and audit events report; by default the class's own.
    NAME: Optional[str] = None
    # Pattern name -> lower-case strings one of which every match of that pattern contains: a text
    # holding none of them is not scanned with it (the scans are most of a recognizer's cost and
    # most texts hold no trigger). Only for ASCII text, where lower-casing folds exactly as (?i) does.
    TRIGGERS: Mapping[str, Tuple[str, ...]] = {}
    # Built from ``triggers`` on first use.
    _trigger_index: Optional[TriggerIndex] = None

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
            name=name or self.NAME,
            supported_language=supported_language,
            patterns=[Pattern(p.name, p.regex, p.score) for p in (patterns or self.PATTERNS)],
            context=context if context is not None else localized(self.CONTEXT, supported_language),
            global_regex_flags=self.flags,
        )
        # Patterns given by the caller may differ from the class's under the same name.
        self.triggers: Mapping[str, Tuple[str, ...]] = self.TRIGGERS if patterns is None else {}

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None, regex_flags: Optional[int] = None):  # noqa: D102
        results: List[RecognizerResult] = []
        skipped: AbstractSet[str] = frozenset()
        if self.triggers and text.isascii():
            index = self._trigger_index
            if index is None or index.triggers is not self.triggers:
                index = self._trigger_index = TriggerIndex(self.triggers)
            skipped = index.skipped(text.lower())
        for pattern in self.patterns:
            if pattern.name in skipped:
                continue
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
        if valid is False and self.labelled(text, start, end):
            # Fails the check, but the text names it: masked as a near miss, never dropped.
            return self.near_miss_result(start, end)
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


def _line_offsets(lines: Sequence[str]) -> List[int]:
    offsets, position = [], 0
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    return offsets


# What a delimited export's header cell holds: a short name, no digit ("phone", "card_number", "E-Mail").
_HEADER_CELL = regex.compile(r"[ \t]*\"?[^\W\d][^\d\n\"]{0,39}\"?[ \t]*")


def delimited_cells(text: str, header: "regex.Pattern[str]") -> List[tuple]:
    """``(start, end)`` of the cells of a CSV, TSV or semicolon export in the columns whose header cell
    ``header`` matches.

    The header is a line of names (no digits) split by commas, semicolons or tabs; every following
    line split into as many cells by the same character gives its cell in that column, trimmed of
    spaces and quotes. A quoted cell holding the delimiter ends the rows read (no CSV parser here).
    """
    if "\n" not in text or not any(d in text for d in ",;\t"):
        return []
    lines = text.split("\n")
    offsets = _line_offsets(lines)
    spans: List[tuple] = []
    for i, line in enumerate(lines[:-1]):
        for delimiter in ",;\t":
            count = line.count(delimiter)
            if not count:
                continue
            names = line.split(delimiter)
            if not all(_HEADER_CELL.fullmatch(name) for name in names):
                continue
            columns = [k for k, name in enumerate(names) if header.fullmatch(fold_keys(name.strip(" \t\"")))]
            j = i + 1
            while columns and j < len(lines) and lines[j].count(delimiter) == count:
                at = offsets[j]
                for k, cell in enumerate(lines[j].split(delimiter)):
                    if k in columns:
                        lead = len(cell) - len(cell.lstrip(" \t\""))
                        body = cell.strip(" \t\"")
                        if body:
                            spans.append((at + lead, at + lead + len(body)))
                    at += len(cell) + 1
                j += 1
    return spans


def table_cells(text: str, header: "regex.Pattern[str]") -> List[tuple]:
    """``(start, end)`` of the cells of a Markdown table in the columns whose header cell ``header`` matches.

    The header row is the one right above a ``|---|---|`` rule; every later row
    of the same table gives its cell in that column, trimmed of spaces.
    """
    if "|" not in text or "--" not in text:
        return []
    spans: List[tuple] = []
    lines = text.split("\n")
    offsets = _line_offsets(lines)

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
