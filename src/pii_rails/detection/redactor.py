"""The cheap redactor for text that leaves through a side door (log records).

No statistical NER: pattern recognizers over a blank tokenizer, so a log
record is redacted without waiting for detections running in worker threads
(see :mod:`pii_rails.masking.logsafe` for how names are kept out of logs).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any, Dict, List

import spacy
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpArtifacts

from pii_rails.detection.predefined import NER_ENTITIES
from pii_rails.detection.overlaps import analysable, to_spans
from pii_rails.settings import Settings

_LOCK = threading.Lock()
_TOKENIZERS: Dict[str, Any] = {}
# Log records repeat themselves: NeMo's format strings ('Event :: %s %s'), action
# and event names, and the same payload logged by several records of a turn make
# about two thirds of what is redacted under `nemoguardrails server`. Results are
# kept by digest, so the cache never holds a raw text.
_CACHE_SIZE = 4096


class LogRedactor:
    """Replaces every pattern-recognized entity any rail looks for by ``<ENTITY_TYPE>``."""

    def __init__(self, settings: Settings, analyzer: AnalyzerEngine):
        self.analyzer = analyzer
        self.entities: List[str] = [e for e in settings.all_entities if e not in NER_ENTITIES]
        self.threshold = min((r.detection_threshold for r in settings.rails.values() if r.entities), default=1.0)
        language = settings.language
        self.language = language if language in settings.languages else settings.languages[0]  # "auto"
        self._cache: "OrderedDict[bytes, str]" = OrderedDict()
        self._cache_lock = threading.Lock()

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
            doc = _TOKENIZERS[self.language](text)
            artifacts = NlpArtifacts(
                entities=[],
                tokens=doc,
                tokens_indices=[t.idx for t in doc],
                lemmas=[t.lower_ for t in doc],
                nlp_engine=self.analyzer.nlp_engine,
                language=self.language,
            )
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
