"""The detection and masking engine: text in, spans out, masked text out.

One :class:`PiiEngine` serves one configuration. It is what the NeMo actions,
the LLM-boundary guard, the CLI and the Python API all call, so every entry
point detects exactly the same things.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from presidio_analyzer import BatchAnalyzerEngine, RecognizerResult

from pii_rails.analyzer import build_analyzer
from pii_rails.settings import Settings, load_settings, settings_from_mapping

# Batched texts go through spaCy's nlp.pipe in groups of this size.
BATCH_SIZE = 32
_CACHE_SIZE = 4096


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


def resolve_overlaps(spans: Iterable[Span]) -> List[Span]:
    """Keep a non-overlapping subset: higher score first, then the longer span.

    Replacing overlapping spans one by one would splice placeholders into each
    other, so overlaps are settled before any text is rewritten.
    """
    kept: List[Span] = []
    for span in sorted(spans, key=lambda s: (-s.score, -(s.end - s.start), s.start)):
        if span.end <= span.start:
            continue
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def placeholder(entity_type: str) -> str:
    return f"<{entity_type}>"


def apply_mask(text: str, spans: Sequence[Span]) -> str:
    """Replace each (non-overlapping, sorted) span with its entity tag."""
    parts: List[str] = []
    cursor = 0
    for span in spans:
        parts.append(text[cursor : span.start])
        parts.append(placeholder(span.entity_type))
        cursor = span.end
    parts.append(text[cursor:])
    return "".join(parts)


def summarize(spans: Iterable[Span]) -> List[Dict[str, Any]]:
    """Per entity type: how many were found and the highest score. No values."""
    summary: Dict[str, Dict[str, Any]] = {}
    for span in spans:
        entry = summary.setdefault(span.entity_type, {"entity_type": span.entity_type, "count": 0, "max_score": 0.0})
        entry["count"] += 1
        entry["max_score"] = round(max(entry["max_score"], span.score), 4)
    return list(summary.values())


def _to_spans(results: Iterable[RecognizerResult]) -> List[Span]:
    spans = []
    for r in results:
        meta = r.recognition_metadata or {}
        spans.append(Span(r.entity_type, r.start, r.end, float(r.score), str(meta.get("recognizer_name", ""))))
    return resolve_overlaps(spans)


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
        self.settings = settings
        built = build_analyzer(settings)
        self.analyzer = built.analyzer
        self.pipelines = built.pipelines
        self._batch = BatchAnalyzerEngine(analyzer_engine=self.analyzer)
        # spaCy pipelines are shared between engines and are not documented as
        # thread-safe, so calls into them are serialized.
        self._lock = threading.Lock()
        self._cache: "OrderedDict[Tuple, Tuple[Span, ...]]" = OrderedDict()

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

    def _cache_key(self, source: str, language: str, entities: Tuple[str, ...], text: str) -> Tuple:
        # Keyed by digest so the cache never holds the raw text.
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        return (source, language, entities, digest)

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

        ``entities`` narrows the search to some of the rail's configured entities.
        """
        rail = self.settings.rail(source)
        language = self._language(language)
        wanted = self.entities_for(source, entities)
        if not wanted or not text:
            return []
        key = self._cache_key(source, language, wanted, text)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return list(cached)
            results = self.analyzer.analyze(
                text=text, language=language, entities=list(wanted), score_threshold=rail.score_threshold
            )
            spans = _to_spans(results)
            self._cache[key] = tuple(spans)
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return spans

    def detect_many(
        self,
        texts: Sequence[str],
        source: str = "input",
        language: Optional[str] = None,
        entities: Optional[Sequence[str]] = None,
    ) -> List[List[Span]]:
        """Like :meth:`detect` for many texts, batching the NLP work through ``nlp.pipe``."""
        rail = self.settings.rail(source)
        language = self._language(language)
        wanted = self.entities_for(source, entities)
        if not wanted:
            return [[] for _ in texts]
        with self._lock:
            batches = self._batch.analyze_iterator(
                list(texts),
                language=language,
                batch_size=BATCH_SIZE,
                entities=list(wanted),
                score_threshold=rail.score_threshold,
            )
        return [_to_spans(results) for results in batches]

    def mask(self, text: str, source: str = "input", language: Optional[str] = None) -> MaskResult:
        """Replace every entity of the rail ``source`` with its ``<ENTITY_TYPE>`` tag."""
        spans = self.detect(text, source, language)
        return MaskResult(apply_mask(text, spans), tuple(spans))

    def mask_many(
        self, texts: Sequence[str], source: str = "input", language: Optional[str] = None
    ) -> List[MaskResult]:
        """Like :meth:`mask` for many texts, batched."""
        return [
            MaskResult(apply_mask(text, spans), tuple(spans))
            for text, spans in zip(texts, self.detect_many(texts, source, language))
        ]
