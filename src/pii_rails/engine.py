"""The detection and masking engine: text in, spans out, masked text out.

One :class:`PiiEngine` serves one configuration. It is what the NeMo actions,
the LLM-boundary guard, the CLI and the Python API all call, so every entry
point detects exactly the same things.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
import logging
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

import spacy
from presidio_analyzer import BatchAnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.nlp_engine import SpacyNlpEngine

from pii_rails import nlp
from pii_rails import logsafe
from pii_rails import vault as vaults
from pii_rails.analyzer import build_analyzer, ner_entities
from pii_rails.audit import AuditEvent, Auditor, load_salt
from pii_rails.policy import Decision, Flow, blocked, decide, rewrite
from pii_rails.settings import BOUNDARY, PLUGIN_PATH, SDD_PATH, Settings, load_settings, settings_from_mapping
from pii_rails.vault import MemoryVaultStore, Vault, VaultStore

log = logging.getLogger("pii_rails")

# Batched texts go through spaCy's nlp.pipe in groups of this size.
BATCH_SIZE = 32
_CACHE_SIZE = 4096
# Entity types only statistical NER finds (not run on log records).
_NER_ONLY = ner_entities()
# Texts longer than this are analysed in overlapping pieces: spaCy refuses a
# text over nlp.max_length (1,000,000 characters), and some of Presidio's
# context lookups grow with the square of the text's length. Each piece owns
# the detections that start in its middle part; PIECE_OVERLAP / 2 characters
# on each side are there only for context, and so that an entity crossing a
# cut is seen whole by the piece that owns it.
PIECE_CHARS = 100_000
PIECE_OVERLAP = 10_000


@dataclass(frozen=True)
class Span:
    """One detected entity. Offsets are Python ``str`` indices into the text."""

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str = ""

    def as_dict(self) -> Dict[str, Any]:
        return {"entity_type": self.entity_type, "start": self.start, "end": self.end, "score": round(self.score, 4)}


@dataclass(frozen=True)
class MaskResult:
    """The outcome of masking one text. Holds no raw detected values."""

    masked_text: str
    spans: Tuple[Span, ...]

    @property
    def changed(self) -> bool:
        return bool(self.spans)


@dataclass(frozen=True)
class GuardResult:
    """One text after the rail's policy: what goes on, and what was done.

    ``text`` is what continues (the original in logging-only mode);
    ``masked_text`` is the policy's rewrite, safe to log. Neither the result
    nor its events hold a raw value unless the policy let it through.
    """

    text: str
    masked_text: str
    blocked: bool
    decisions: Tuple[Decision, ...]
    events: Tuple[AuditEvent, ...]
    restored: int = 0

    @property
    def spans(self) -> Tuple[Span, ...]:
        return tuple(d.span for d in self.decisions)

    @property
    def blocking_spans(self) -> Tuple[Span, ...]:
        return tuple(d.span for d in self.decisions if d.action == "block")


_LOG_LOCK = threading.Lock()
_LOG_TOKENIZERS: Dict[str, Any] = {}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _analysable(text: str) -> str:
    """``text`` as spaCy can take it: lone surrogates (invalid Unicode, e.g. from
    a broken decoder) become U+FFFD, one character for one, so offsets hold."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _overlaps(start: int, end: int, regions: Iterable[Tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in regions)


def _rank(span: Span) -> Tuple[int, float, int]:
    """How strongly a span claims its text: specificity, then score, then length."""
    from pii_rails.predefined import DEFAULT_SPECIFICITY, SPECIFICITY
    from pii_rails.predefined.ner import NER_RECOGNIZER_NAMES

    if span.recognizer in NER_RECOGNIZER_NAMES:
        tier = 1
    else:
        tier = SPECIFICITY.get(span.entity_type, DEFAULT_SPECIFICITY)
    return (tier, span.score, span.end - span.start)


def resolve_overlaps(spans: Iterable[Span]) -> List[Span]:
    """Keep a non-overlapping subset, the most specific claim first.

    A pattern-specific entity (a checksum-confirmed card or IBAN, an e-mail
    address, an SSN, a key) wins over a NER guess that overlaps it, whatever
    their raw scores: NER models score every entity alike, and a small one
    tags card digits as dates or an address as a person. Between two matches of
    the same specificity, the higher score wins, then the longer span.
    Replacing overlapping spans one by one would splice placeholders into each
    other, so overlaps are settled before any text is rewritten.
    """
    kept: List[Span] = []
    # Kept spans never overlap, so their starts and ends sort alike: a new span
    # overlaps one iff the last kept span starting before its end reaches past
    # its start (binary search, so thousands of entities in a long text stay cheap).
    starts: List[int] = []
    ends: List[int] = []
    for span in sorted(spans, key=lambda s: (*(-x for x in _rank(s)), s.start)):
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


def _with_repeats(text: str, spans: List[Span], protected: List[Tuple[int, int]]) -> List[Span]:
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


def summarize(spans: Iterable[Span]) -> List[Dict[str, Any]]:
    """Per entity type: how many were found and the highest score. No values."""
    summary: Dict[str, Dict[str, Any]] = {}
    for span in spans:
        entry = summary.setdefault(span.entity_type, {"entity_type": span.entity_type, "count": 0, "max_score": 0.0})
        entry["count"] += 1
        entry["max_score"] = round(max(entry["max_score"], span.score), 4)
    return list(summary.values())


@dataclass(frozen=True)
class Piece:
    """``text[start:end]`` is analysed; it owns detections starting in ``[own_start, own_end)``."""

    start: int
    end: int
    own_start: int
    own_end: int

    def owns(self, offset: int) -> bool:
        """Whether a detection at ``offset`` (relative to the piece) is this piece's to report."""
        return self.own_start <= self.start + offset < self.own_end


def _break_before(text: str, at: int, floor: int) -> int:
    """The last position at or before ``at`` (and after ``floor``) that follows whitespace, a line break first."""
    window = text[max(floor, at - 2000) : at]
    for sep in ("\n", " ", "\t"):
        i = window.rfind(sep)
        if i != -1:
            return at - len(window) + i + 1
    return at


def _break_after(text: str, at: int) -> int:
    """The first position at or after ``at`` that follows whitespace (or the end)."""
    if at >= len(text):
        return len(text)
    window = text[at : at + 2000]
    found = [i for i in (window.find(sep) for sep in ("\n", " ", "\t")) if i != -1]
    return at + min(found) + 1 if found else at


def split_pieces(text: str, size: Optional[int] = None, overlap: Optional[int] = None) -> List[Piece]:
    """Overlapping pieces of ``text``, each about ``size`` characters at most.

    Cuts fall after whitespace where there is any near. Every offset of the
    text is owned by exactly one piece, and each piece reaches at least
    ``overlap / 2`` characters beyond what it owns on both sides, so a
    detection owned by a piece (and shorter than that) lies wholly inside it.
    """
    size = PIECE_CHARS if size is None else size
    overlap = PIECE_OVERLAP if overlap is None else overlap
    n = len(text)
    if n <= size:
        return [Piece(0, n, 0, n)]
    half = overlap // 2
    step = max(1, size - overlap)
    cuts = [0]
    while n - cuts[-1] > step:
        cuts.append(_break_before(text, cuts[-1] + step, cuts[-1] + 1))
    cuts.append(n)
    return [
        Piece(
            0 if own_start == 0 else _break_before(text, max(0, own_start - half), 0),
            n if own_end == n else _break_after(text, own_end + half),
            own_start,
            own_end,
        )
        for own_start, own_end in zip(cuts, cuts[1:])
    ]


def _to_spans(results: Iterable[RecognizerResult]) -> List[Span]:
    spans = []
    for r in results:
        meta = r.recognition_metadata or {}
        spans.append(Span(r.entity_type, r.start, r.end, float(r.score), str(meta.get("recognizer_name", ""))))
    return resolve_overlaps(spans)


def _covers(rail, boundary) -> bool:
    """Whether a text ``rail`` masked whole holds nothing the LLM boundary would mask:
    it looked for every entity the boundary masks, at the same or a lower threshold."""
    if not boundary.entities or rail.detection_threshold > boundary.detection_threshold:
        return False
    for entity in boundary.entities:
        own = rail.policies.get(entity)
        if own is None or not own.withholds or own.score_threshold > boundary.policies[entity].score_threshold:
            return False
    return True


def _vault_store(settings: Settings, salt: bytes) -> VaultStore:
    options = settings.vault
    if options.store == "redis" or (options.store == "auto" and os.environ.get(options.redis_url_env)):
        from pii_rails.redis_store import RedisVaultStore

        return RedisVaultStore.from_options(options, salt)
    return MemoryVaultStore(options.ttl_seconds, options.max_conversations, salt)


class PiiEngine:
    """Detects and masks PII according to one validated configuration.

    Build it once (loading spaCy and compiling recognizers is the expensive
    part) and call it from any thread.

    Example:
        >>> engine = PiiEngine.from_path("config/rag")  # doctest: +SKIP
        >>> engine.mask("Mail jane@example.com", source="retrieval").masked_text  # doctest: +SKIP
        'Mail <EMAIL_ADDRESS>'
    """

    def __init__(self, settings: Settings):
        built = build_analyzer(settings)
        if built.unprovided:
            # The built-in runs with such an entity and never finds it; so do we, saying so once.
            for entity in dict.fromkeys(e for entities in built.unprovided.values() for e in entities):
                rails = [s for s, entities in built.unprovided.items() if entity in entities and s != BOUNDARY]
                log.warning(
                    "pii_rails: %s.%s.entities lists %s, which no recognizer provides; it is ignored, as the built-in "
                    "ignores it (add a recognizer for it, or set %s.strict: true to fail instead)",
                    SDD_PATH,
                    "/".join(rails),
                    entity,
                    PLUGIN_PATH,
                )
            settings = settings.without(built.unprovided)
        settings.check_flows(built.unprovided)
        self.settings = settings
        self.analyzer = built.analyzer
        self.pipelines = built.pipelines
        self._batch = BatchAnalyzerEngine(analyzer_engine=self.analyzer)
        # One analysis at a time per engine (and the cache); calls into the
        # shared spaCy pipelines are serialized process-wide by nlp.LOCK.
        self._lock = threading.RLock()
        # Compute spaCy's artifacts only when a recognizer reads them, and only
        # the components that produce them (see nlp.LazyArtifacts). The same
        # spans as running the whole pipeline on every text; off for comparisons.
        self.fast_path = os.environ.get("PII_RAILS_FAST_PATH", "1") != "0"
        # Which spaCy work the texts analysed so far needed (benchmarks, tests).
        self.stats: Dict[str, int] = {"texts": 0, "tokens": 0, "entities": 0, "annotations": 0}
        self._cache: "OrderedDict[Tuple, Tuple[Span, ...]]" = OrderedDict()
        self.salt = load_salt(settings.audit)
        self.audit = Auditor(settings.audit, self.salt)
        self.vaults = _vault_store(settings, self.salt)
        boundary = settings.rail(BOUNDARY)
        self._checks_for_boundary = {source: _covers(settings.rail(source), boundary) for source in (BOUNDARY, "input", "retrieval")}

    def vault(self, conversation_id: Optional[str] = None) -> Vault:
        """The stored vault of ``conversation_id``, or a fresh one for a single call or request."""
        if conversation_id:
            return self.vaults.get(conversation_id)
        return Vault(None, self.salt)

    def current_vault(self) -> Vault:
        """The vault of the conversation being processed, or a fresh one."""
        current = vaults.current()
        return current if current is not None else self.vault()

    @classmethod
    def from_rails_config(cls, rails_config: Any) -> "PiiEngine":
        """Build from a NeMo ``RailsConfig`` (``rails.config.sensitive_data_detection`` and ``custom_data.pii_rails``)."""
        return cls(load_settings(rails_config))

    @classmethod
    def from_path(cls, path: str) -> "PiiEngine":
        """Build from a NeMo configuration directory or ``config.yml``."""
        from nemoguardrails import RailsConfig

        return cls.from_rails_config(RailsConfig.from_path(str(path)))

    @classmethod
    def from_dict(cls, options: Optional[Dict[str, Any]] = None) -> "PiiEngine":
        """Build from a mapping written like ``custom_data.pii_rails``."""
        return cls(settings_from_mapping(options))

    def _language(self, language: Optional[str]) -> str:
        language = language or self.settings.language
        if language not in self.settings.languages:
            raise ValueError(
                f"language {language!r} is not configured; configured languages: {', '.join(self.settings.languages)}"
            )
        return language

    def _cache_key(self, language: str, entities: Tuple[str, ...], threshold: float, text: str) -> Tuple:
        # Keyed by digest so the cache never holds the raw text. Not by rail:
        # what is found depends only on the entities and the threshold, so the
        # boundary seeding a request and the input rail share one analysis.
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        return (language, tuple(sorted(entities)), threshold, digest)

    def entities_for(self, source: str, entities: Optional[Sequence[str]] = None) -> Tuple[str, ...]:
        """The entities to look for: the rail's, or the subset of them a caller names.

        A subset lets one rail block on some entities and mask others, e.g. a
        flow that blocks on ``US_SSN`` before the rail masks names.

        Raises:
            ValueError: an entity is not configured for the rail ``source``.
        """
        rail = self.settings.rail(source)
        if entities is None:
            return rail.entities
        wanted = tuple(dict.fromkeys([entities] if isinstance(entities, str) else entities))
        unknown = [e for e in wanted if e not in rail.entities]
        if unknown:
            raise ValueError(
                f"{', '.join(unknown)} not configured for the {source} rail; "
                f"add it to {rail.entities_path} (configured: {', '.join(rail.entities) or 'none'})"
            )
        return wanted

    def detect(
        self,
        text: str,
        source: str = "input",
        language: Optional[str] = None,
        entities: Optional[Sequence[str]] = None,
    ) -> List[Span]:
        """Entities of the rail ``source`` found in ``text``, non-overlapping, in text order.

        Spans under their entity's threshold are included only when the rail
        acts on them (``below_threshold_action`` other than ``pass``).
        ``entities`` narrows the search to some of the rail's configured entities.
        """
        return self._acted_on(source, self._detect(text, source, language, entities))

    def _acted_on(self, source: str, spans: List[Span]) -> List[Span]:
        rail = self.settings.rail(source)
        if rail.below_threshold_action != "pass":
            return spans
        return [s for s in spans if s.score >= rail.policies[s.entity_type].score_threshold]

    def _detect(
        self,
        text: str,
        source: str = "input",
        language: Optional[str] = None,
        entities: Optional[Sequence[str]] = None,
    ) -> List[Span]:
        return self._detect_all([text], source, language, entities)[0]

    def _detect_all(
        self,
        texts: Sequence[str],
        source: str,
        language: Optional[str],
        entities: Optional[Sequence[str]],
    ) -> List[List[Span]]:
        """Spans per text at the rail's detection threshold.

        One digest-keyed cache serves single and batched calls, so history
        re-sent every turn is analysed once; only texts not seen before are
        analysed, with spaCy batched through each component's ``pipe``.
        """
        threshold = self.settings.rail(source).detection_threshold
        language = self._language(language)
        wanted = self.entities_for(source, entities)
        found: List[Optional[Tuple[Span, ...]]] = [() if not wanted or not t else None for t in texts]
        keys = [self._cache_key(language, wanted, threshold, t) if f is None else None for t, f in zip(texts, found)]
        with self._lock:
            for i, key in enumerate(keys):
                if key is not None and key in self._cache:
                    self._cache.move_to_end(key)
                    found[i] = self._cache[key]
            missing = [i for i, spans in enumerate(found) if spans is None]
            results = self._analyze([_analysable(texts[i]) for i in missing], language, wanted, threshold) if missing else []
            for i, result in zip(missing, results):
                found[i] = tuple(_to_spans(result))
                self._cache[keys[i]] = found[i]
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return [list(spans) for spans in found]

    def cached(
        self,
        texts: Sequence[str],
        source: str = "input",
        language: Optional[str] = None,
        entities: Optional[Sequence[str]] = None,
    ) -> bool:
        """Whether detecting ``texts`` costs only cache lookups (all seen before, or empty)."""
        threshold = self.settings.rail(source).detection_threshold
        language = self._language(language)
        wanted = self.entities_for(source, entities)
        if not wanted:
            return True
        keys = [self._cache_key(language, wanted, threshold, t) for t in texts if t]
        with self._lock:
            return all(key in self._cache for key in keys)

    def _spacy_engine(self, language: str) -> Any:
        """The Presidio spaCy engine holding ``language``'s pipeline, if the fast path can use it."""
        engine = self.analyzer.nlp_engine
        engine = getattr(engine, "inner", engine)  # a per-text language router wraps it
        pipelines = getattr(engine, "nlp", None)
        if not isinstance(engine, SpacyNlpEngine) or not isinstance(pipelines, dict) or language not in pipelines:
            return None
        return engine

    def _analyze(
        self, texts: Sequence[str], language: str, entities: Tuple[str, ...], threshold: float
    ) -> List[List[RecognizerResult]]:
        """Presidio's results for each text, long texts in overlapping pieces."""
        pieces = [(i, piece) for i, text in enumerate(texts) for piece in split_pieces(text)]
        slices = [texts[i][piece.start : piece.end] for i, piece in pieces]
        spacy_engine = self._spacy_engine(language) if self.fast_path else None
        if spacy_engine is None:
            per_piece = self._analyze_whole(slices, language, entities, threshold)
        else:
            per_piece = self._analyze_lazily(slices, language, entities, threshold, spacy_engine)
        merged: List[List[RecognizerResult]] = [[] for _ in texts]
        for (i, piece), results in zip(pieces, per_piece):
            for r in results:
                if piece.owns(r.start):
                    r.start += piece.start
                    r.end += piece.start
                    merged[i].append(r)
        return merged

    def _analyze_lazily(
        self, texts: Sequence[str], language: str, entities: Tuple[str, ...], threshold: float, spacy_engine: Any
    ) -> List[List[RecognizerResult]]:
        """Presidio's results, spaCy running only what the recognizers read (see :class:`nlp.LazyArtifacts`)."""
        pipeline = spacy_engine.nlp[language]
        sentences = self.settings.ner_parser
        artifacts: List[Any] = [nlp.LazyArtifacts(text, language, pipeline, spacy_engine, sentences) for text in texts]
        out: List[List[RecognizerResult]] = []

        def analyze(index: int) -> None:
            out.append(
                self.analyzer.analyze(
                    text=texts[index],
                    language=language,
                    entities=list(entities),
                    score_threshold=threshold,
                    nlp_artifacts=artifacts[index],
                )
            )

        stages = ("entities", "annotations")
        needed: set = set()
        for first in range(0, len(texts), BATCH_SIZE):
            batch = list(range(first, min(first + BATCH_SIZE, len(texts))))
            rest = batch
            if first == 0 and len(batch) > 1:
                # The first text shows what the others will likely need.
                analyze(batch[0])
                needed = artifacts[batch[0]].read & set(stages)
                rest = batch[1:]
            # What is needed is computed for the batch at once, through each
            # component's pipe; a text that needs more still gets it on demand.
            for stage in stages:
                if stage in needed:
                    nlp.prepare([artifacts[j] for j in rest], stage, BATCH_SIZE)
            for index in rest:
                analyze(index)
            needed = {st for st in stages if 2 * sum(st in artifacts[j].read for j in batch) > len(batch)}
            for j in batch:
                self.stats["texts"] += 1
                for stage in artifacts[j].computed:
                    self.stats[stage] = self.stats.get(stage, 0) + 1
                artifacts[j] = None  # let the batch's docs go
        return out

    def _analyze_whole(
        self, texts: Sequence[str], language: str, entities: Tuple[str, ...], threshold: float
    ) -> List[List[RecognizerResult]]:
        """The reference path: the whole spaCy pipeline on every text, as Presidio does it."""
        spacy_engine = self._spacy_engine(language)
        if spacy_engine is not None and nlp.plan(spacy_engine.nlp[language], self.settings.ner_parser).apart:
            pipeline = spacy_engine.nlp[language]
            return [
                self.analyzer.analyze(
                    text=text,
                    language=language,
                    entities=list(entities),
                    score_threshold=threshold,
                    nlp_artifacts=nlp.whole_artifacts(pipeline, spacy_engine, text, language, self.settings.ner_parser),
                )
                for text in texts
            ]
        with nlp.LOCK:
            if len(texts) == 1:
                return [
                    self.analyzer.analyze(
                        text=texts[0], language=language, entities=list(entities), score_threshold=threshold
                    )
                ]
            return list(
                self._batch.analyze_iterator(
                    list(texts),
                    language=language,
                    batch_size=BATCH_SIZE,
                    entities=list(entities),
                    score_threshold=threshold,
                )
            )

    def detect_many(
        self,
        texts: Sequence[str],
        source: str = "input",
        language: Optional[str] = None,
        entities: Optional[Sequence[str]] = None,
    ) -> List[List[Span]]:
        """Like :meth:`detect` for many texts, batching the NLP work through ``nlp.pipe``."""
        return [self._acted_on(source, spans) for spans in self._detect_all(texts, source, language, entities)]

    def mask(self, text: str, source: str = "input", language: Optional[str] = None) -> MaskResult:
        """``text`` rewritten by the rail's policy (``<ENTITY_TYPE>`` tags unless configured otherwise).

        Numbered placeholders are numbered within the current conversation
        (see :func:`pii_rails.conversation`), or within this one call.
        """
        result = self.guard(text, source, language=language, audit=False)
        return MaskResult(result.masked_text, result.spans)

    def mask_many(
        self, texts: Sequence[str], source: str = "input", language: Optional[str] = None
    ) -> List[MaskResult]:
        """Like :meth:`mask` for many texts, batched."""
        results = self.guard_many(texts, source, language=language, audit=False)
        return [MaskResult(r.masked_text, r.spans) for r in results]

    def guard(
        self,
        text: str,
        source: str = "input",
        *,
        flow: Flow = "mask",
        vault: Optional[Vault] = None,
        entities: Optional[Sequence[str]] = None,
        language: Optional[str] = None,
        from_user: Optional[bool] = None,
        audit: bool = True,
        spans: Optional[Sequence[Span]] = None,
    ) -> GuardResult:
        """Apply the rail's policy to ``text``: detect, decide, rewrite, audit.

        Placeholders the vault issued are found first (also deformed ones) and
        kept out of detection. On the output rail, new PII is masked with
        placeholders that are never restored; then, if the rail restores, the
        issued placeholders are replaced by the user's values.

        Args:
            flow: ``detect`` turns ``mask`` decisions into ``block``.
            vault: the conversation's vault; the current one, or a new one.
            from_user: whether the text came from the user's side (so its values
                may be restored); by default only the input rail's text does.
            audit: emit audit events (the events are in the result either way).
            spans: detections already made for this text (batched callers).
        """
        rail = self.settings.rail(source)
        vault = vault if vault is not None else self.current_vault()
        restoring = source == "output"
        # The vault's own placeholders are not PII: a fake name or a <PERSON_1>
        # seen again (in history, or echoed by the LLM) keeps its meaning.
        protected = vault.find(text, everything=True)
        if not restoring:
            vault.reserve_literals(text)
        if spans is None:
            spans = self.detect(text, source, language, entities)
        spans = [s for s in spans if not _overlaps(s.start, s.end, [(a, b) for a, b, _ in protected])]
        spans = _with_repeats(text, spans, [(a, b) for a, b, _ in protected])
        if not restoring:
            spans = self._with_known_values(text, spans, vault, rail, entities)
        decisions = decide(spans, rail, flow)
        masked, tokens = rewrite(
            text,
            decisions,
            vault,
            restorable=(source == "input") if from_user is None else from_user,
            withheld=restoring,
        )
        restored = 0
        if restoring and self.settings.restores:
            masked, restored = vault.restore(masked)
        events = tuple(
            self.audit.event(
                conversation_id=vault.conversation_id,
                rail=source,
                span=d.span,
                value=text[d.span.start : d.span.end],
                action=d.action,
                placeholder=token,
                below_threshold=d.below_threshold,
            )
            for d, token in zip(decisions, tokens)
        )
        logsafe.remember((d.span.entity_type, text[d.span.start : d.span.end]) for d in decisions)
        if (
            not restoring
            and entities is None
            and language is None
            and not self.settings.logging_only
            and self._checks_for_boundary.get(source)
            and all(d.masked for d in decisions)
            and not blocked(decisions)
        ):
            # The LLM boundary finds this text in the prompt and skips it (boundary.py).
            vault.mark_checked(masked)
        if audit:
            self.audit.emit(list(events))
        return GuardResult(
            text=text if self.settings.logging_only else masked,
            masked_text=masked,
            blocked=blocked(decisions) and not self.settings.logging_only,
            decisions=tuple(decisions),
            events=events,
            restored=restored,
        )

    @staticmethod
    def _with_known_values(text: str, spans: List[Span], vault: Vault, rail, entities) -> List[Span]:
        """Add this conversation's known values the detector missed here."""
        wanted = set(rail.policies if entities is None else entities)
        extra = [
            Span(entity_type, start, end, 1.0, "ConversationVault")
            for start, end, entity_type in vault.known(text)
            if entity_type in wanted and not _overlaps(start, end, [(s.start, s.end) for s in spans])
        ]
        return sorted([*spans, *extra], key=lambda s: s.start) if extra else spans

    def guard_many(
        self,
        texts: Sequence[str],
        source: str = "input",
        *,
        language: Optional[str] = None,
        entities: Optional[Sequence[str]] = None,
        **options: Any,
    ) -> List[GuardResult]:
        """:meth:`guard` for many texts of one conversation, detection batched."""
        found = self.detect_many(texts, source, language, entities)
        return [self.guard(t, source, spans=s, language=language, **options) for t, s in zip(texts, found)]

    def seed(self, vault: Vault, messages: Sequence[Dict[str, Any]]) -> None:
        """Number the values of ``messages`` in order of first appearance.

        Rebuilding a stateless conversation's vault this way gives every value
        the placeholder it had in earlier turns, on any replica. User and
        assistant messages are the user's side; values first seen elsewhere
        (system, tool, context) are masked but not restored.
        """
        texts = [(m.get("content"), m.get("role")) for m in messages if isinstance(m, dict)]
        texts = [(c, r) for c, r in texts if isinstance(c, str) and c]
        if not texts or not self.settings.rail(BOUNDARY).entities:
            return
        found = self.detect_many([c for c, _ in texts], BOUNDARY)
        for (content, role), spans in zip(texts, found):
            self.guard(content, BOUNDARY, vault=vault, spans=spans, from_user=role in ("user", "assistant"), audit=False)

    def notice(self, text: str, source: str = "output") -> None:
        """Detect what ``source`` looks for in ``text`` only so logs never show it (no vault, no audit).

        Best effort: a failure here is logged and ignored, as the rails that
        guard the text itself detect (and fail closed) on their own.
        """
        try:
            spans = self.detect(text, source) if self.settings.rail(source).entities else []
        except Exception as exc:
            logsafe.log.error("pii_rails: could not pre-read a text for log redaction (%s)", type(exc).__name__)
            return
        logsafe.remember((s.entity_type, text[s.start : s.end]) for s in spans)

    def redact(self, text: str) -> str:
        """``text`` with every pattern-recognized entity any rail looks for replaced by ``<ENTITY_TYPE>``.

        For text that leaves through a side door (log records), so cheap: no
        statistical NER (see :mod:`pii_rails.logsafe` for how names are kept out).
        """
        entities = [e for e in self.settings.all_entities if e not in _NER_ONLY]
        if not text or not entities:
            return text
        threshold = min(r.detection_threshold for r in self.settings.rails.values() if r.entities)
        text = _analysable(text)
        language = self.settings.language
        if language not in self.settings.languages:  # "auto": the first configured one
            language = self.settings.languages[0]
        nlp_engine = self.analyzer.nlp_engine
        # Not under the engine's lock: log records are made on the event loop, and
        # must not wait for detections running in worker threads. A tokenizer of
        # its own (spaCy's blank one) and pattern recognizers only.
        with _LOG_LOCK:
            if language not in _LOG_TOKENIZERS:
                _LOG_TOKENIZERS[language] = spacy.blank(language).tokenizer
            doc = _LOG_TOKENIZERS[language](text)
            artifacts = NlpArtifacts(
                entities=[],
                tokens=doc,
                tokens_indices=[t.idx for t in doc],
                lemmas=[t.lower_ for t in doc],
                nlp_engine=nlp_engine,
                language=language,
            )
        results = self.analyzer.analyze(
            text=text, language=language, entities=entities, score_threshold=threshold, nlp_artifacts=artifacts
        )
        parts, cursor = [], 0
        for span in _to_spans(results):
            parts += [text[cursor : span.start], f"<{span.entity_type}>"]
            cursor = span.end
        parts.append(text[cursor:])
        return "".join(parts)
