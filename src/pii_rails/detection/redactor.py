"""The cheap redactor for text that leaves through a side door (log records).

No statistical NER: pattern recognizers over a blank tokenizer, so a log
record is redacted without waiting for detections running in worker threads
(see :mod:`pii_rails.masking.logsafe` for how names are kept out of logs).

Most log text holds nothing a recognizer finds. Presidio only reads the
tokens, lemmas and keywords of its ``NlpArtifacts`` to weigh context around a
result, so they are built on first use (:class:`_LazyArtifacts`): a text no
pattern matches is never tokenized. This was 40 % of the time per record
under ``nemoguardrails server``, and the blank tokenizer's vocabulary no
longer grows with every id and timestamp a log line carries.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any, Dict, List, Optional

import spacy
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpArtifacts

from pii_rails.detection.predefined import NER_ENTITIES
from pii_rails.detection.overlaps import analysable, to_spans
from pii_rails.settings import Settings

_LOCK = threading.RLock()  # reentrant: a record can be made while it is held (see logsafe._lock)
_TOKENIZERS: Dict[str, Any] = {}
# Log records repeat themselves: NeMo's format strings ('Event :: %s %s'), action
# and event names, and the same payload logged by several records of a turn make
# about two thirds of what is redacted under `nemoguardrails server`. Results are
# kept by digest, so the cache never holds a raw text.
_CACHE_SIZE = 4096


class _LazyArtifacts(NlpArtifacts):
    """Presidio's ``NlpArtifacts`` of a blank tokenizer, tokenized when first read.

    The values are exactly those the eager constructor would set; only when
    they are computed changes.
    """

    def __init__(self, text: str, tokenizer: Any, nlp_engine: Any, language: str):
        # NlpArtifacts.__init__ is not called: it tokenizes at once.
        self._text, self._tokenizer = text, tokenizer
        self._doc: Any = None
        self._keywords: Optional[List[str]] = None
        self.entities: List[Any] = []
        self.scores: List[float] = []
        self.nlp_engine = nlp_engine
        self.language = language

    def _tokens(self) -> Any:
        if self._doc is None:
            with _LOCK:  # spaCy's tokenizer is not thread-safe
                self._doc = self._tokenizer(self._text)
                self._indices = [t.idx for t in self._doc]
                self._lemmas = [t.lower_ for t in self._doc]
        return self._doc

    # Read-only where Presidio's are plain attributes: nothing writes them after analysis starts.
    @property
    def tokens(self) -> Any:  # type: ignore[override]  # a property for an attribute, see above
        return self._tokens()

    @property
    def tokens_indices(self) -> List[int]:  # type: ignore[override]  # a property for an attribute, see above
        self._tokens()
        return self._indices

    @property
    def lemmas(self) -> List[str]:  # type: ignore[override]  # a property for an attribute, see above
        self._tokens()
        return self._lemmas

    @property
    def keywords(self) -> List[str]:  # type: ignore[override]  # a property for an attribute, see above
        if self._keywords is None:
            self._keywords = self.set_keywords(self.nlp_engine, self.lemmas, self.language)
        return self._keywords


class LogRedactor:
    """Replaces every pattern-recognized entity any rail looks for by ``<ENTITY_TYPE>``."""

    def __init__(self, settings: Settings, analyzer: AnalyzerEngine):
        self.analyzer = analyzer
        self.entities: List[str] = [e for e in settings.all_entities if e not in NER_ENTITIES]
        self.threshold = min((r.detection_threshold for r in settings.rails.values() if r.entities), default=1.0)
        language = settings.language
        self.language = language if language in settings.languages else settings.languages[0]  # "auto"
        self._cache: "OrderedDict[bytes, str]" = OrderedDict()
        self._cache_lock = threading.RLock()  # reentrant: see logsafe._lock

    def redact(self, text: str) -> str:
        if not text or not self.entities:
            return text
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        with self._cache_lock:
            done = self._cache.get(key)
            if done is not None:
                self._cache.move_to_end(key)
                return done
        done = self._redact(text)
        with self._cache_lock:
            self._cache[key] = done
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return done

    def _redact(self, text: str) -> str:
        text = analysable(text)
        # A tokenizer of its own (spaCy's blank one), not the engine's pipeline
        # and not under the engine's lock: log records are made on the event loop.
        with _LOCK:
            if self.language not in _TOKENIZERS:
                _TOKENIZERS[self.language] = spacy.blank(self.language).tokenizer
            tokenizer = _TOKENIZERS[self.language]
        artifacts = _LazyArtifacts(text, tokenizer, self.analyzer.nlp_engine, self.language)
        results = self.analyzer.analyze(
            text=text,
            language=self.language,
            entities=self.entities,
            score_threshold=self.threshold,
            nlp_artifacts=artifacts,
        )
        parts, cursor = [], 0
        for span in to_spans(results):
            parts += [text[cursor : span.start], f"<{span.entity_type}>"]
            cursor = span.end
        parts.append(text[cursor:])
        return "".join(parts)
