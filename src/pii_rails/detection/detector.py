"""The cached, batched detector: texts in, spans out, for one configuration.

It owns the Presidio analyzer built for the configuration and the spaCy
strategy that feeds it. One digest-keyed cache serves single and batched
calls, so history re-sent every turn is analysed once; only texts not seen
before are analysed, with spaCy batched through each component's ``pipe``.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from presidio_analyzer import BatchAnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import SpacyNlpEngine

from pii_rails.detection import lowercase, nlp, openers, pieces
from pii_rails.detection.analyzer import build_analyzer
from pii_rails.detection.overlaps import analysable, to_spans
from pii_rails.settings import BOUNDARY, PLUGIN_PATH, SDD_PATH, Settings
from pii_rails.spans import Span

log = logging.getLogger("pii_rails")

# What :meth:`Detector.warm_up` analyses: a name (and a one-word one), places, an
# e-mail, phone and card numbers, so the recognizers' lazy loads all happen.
WARM_UP_TEXT = (
    "Hi, I'm Ada Lovelace from London. Mail ada@example.org or call +1 212-555-0199; "
    "card 4111 1111 1111 1111. Thanks, Priya (Paris office)."
)

# Batched texts go through spaCy's nlp.pipe in groups of this size.
BATCH_SIZE = 32
_CACHE_SIZE = 4096


class Detector:
    """Finds entities for one configuration; safe to call from any thread."""

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
        # The settings the rails run with: the configured ones, less what nothing can find.
        self.settings = settings
        self.analyzer = built.analyzer
        self.pipelines = built.pipelines
        # Where each recognizer's spans may begin on a plain lower-case word, by the name its results carry.
        self.start_rules = lowercase.rules_of(self.analyzer.registry.recognizers)
        self._batch = BatchAnalyzerEngine(analyzer_engine=self.analyzer)
        # One analysis at a time per detector (and the cache); calls into the
        # shared spaCy pipelines are serialized process-wide by nlp.LOCK.
        self._lock = threading.RLock()
        # Compute spaCy's artifacts only when a recognizer reads them, and only
        # the components that produce them (see nlp.LazyArtifacts): the same
        # spans as running the whole pipeline on every text. Tests turn it off
        # to compare against the reference path.
        self.fast_path = True
        # Which spaCy work the texts analysed so far needed (benchmarks, tests).
        self.stats: Dict[str, int] = {"texts": 0, "tokens": 0, "entities": 0, "annotations": 0, "words": 0}
        self.cache: "OrderedDict[Tuple, Tuple[Span, ...]]" = OrderedDict()
        # Entries kept; a batch run, where texts rarely repeat, keeps fewer.
        self.cache_size = _CACHE_SIZE
        # Called with the number of characters analysed, as analysis goes (the
        # CLI's progress bar); when set, long texts are analysed a piece at a time.
        self.progress: Optional[Callable[[int], None]] = None
        # The word lists behind the opener rule are read at load, not on the first text.
        openers.opener_words()

    def warm_up(self) -> None:
        """Analyse a sample text in each configured language, outside the cache and the statistics.

        The first analysis of a process loads word lists, compiles patterns and warms
        spaCy's components (about 0.2 s of CPU for an English NER configuration):
        done while the rails are built, the first user's turn does not wait for it.
        Best effort: a failure here is logged, and the real analysis fails closed as ever.
        """
        entities = tuple(dict.fromkeys(e for rail in self.settings.rails.values() for e in rail.entities))
        if not entities:
            return
        stats = dict(self.stats)
        try:
            with self._lock:
                for language in dict.fromkeys([self.settings.language, *self.settings.languages]):
                    self.analyze([WARM_UP_TEXT], language, entities, 0.0)
        except Exception as exc:
            log.warning("pii_rails: warming detection up failed (%s); the first text pays for it", type(exc).__name__)
        finally:
            self.stats = stats

    @staticmethod
    def _cache_key(language: str, entities: Tuple[str, ...], threshold: float, text: str) -> Tuple:
        # Keyed by digest so the cache never holds the raw text. Not by rail:
        # what is found depends only on the entities and the threshold, so the
        # boundary seeding a request and the input rail share one analysis.
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        return (language, tuple(sorted(entities)), threshold, digest)

    def find(
        self, texts: Sequence[str], language: str, entities: Tuple[str, ...], threshold: float
    ) -> List[List[Span]]:
        """Non-overlapping spans per text, in text order, at ``threshold``."""
        found: List[Optional[Tuple[Span, ...]]] = [() if not entities or not t else None for t in texts]
        keys = [
            self._cache_key(language, entities, threshold, t) if f is None else None
            for t, f in zip(texts, found, strict=True)
        ]
        with self._lock:
            for i, key in enumerate(keys):
                if key is not None and key in self.cache:
                    self.cache.move_to_end(key)
                    found[i] = self.cache[key]
            missing = [i for i, spans in enumerate(found) if spans is None]
            results = []
            prepared = [analysable(texts[i]) for i in missing]
            if missing:
                results = self.analyze(prepared, language, entities, threshold)
            for i, analysed, result in zip(missing, prepared, results, strict=True):
                spans = found[i] = tuple(to_spans(result, texts[i], analysed, self.start_rules, entities))
                key = keys[i]
                assert key is not None  # a text is missing only when it has a key
                self.cache[key] = spans
            while len(self.cache) > self.cache_size:
                self.cache.popitem(last=False)
        return [list(spans or ()) for spans in found]

    def cached(self, texts: Sequence[str], language: str, entities: Tuple[str, ...], threshold: float) -> bool:
        """Whether finding ``texts`` costs only cache lookups (all seen before, or empty)."""
        if not entities:
            return True
        keys = [self._cache_key(language, entities, threshold, t) for t in texts if t]
        with self._lock:
            return all(key in self.cache for key in keys)

    def spacy_engine(self, language: str) -> Any:
        """The Presidio spaCy engine holding ``language``'s pipeline, if the fast path can use it."""
        engine = self.analyzer.nlp_engine
        engine = getattr(engine, "inner", engine)  # a per-text language router wraps it
        pipelines = getattr(engine, "nlp", None)
        if not isinstance(engine, SpacyNlpEngine) or not isinstance(pipelines, dict) or language not in pipelines:
            return None
        return engine

    def analyze(
        self, texts: Sequence[str], language: str, entities: Tuple[str, ...], threshold: float
    ) -> List[List[RecognizerResult]]:
        """Presidio's results for each text, long texts in overlapping pieces."""
        cut = [(i, piece) for i, text in enumerate(texts) for piece in pieces.split_pieces(text)]
        spacy_engine = self.spacy_engine(language) if self.fast_path else None
        merged: List[List[RecognizerResult]] = [[] for _ in texts]
        progress = self.progress
        # With a progress hook, a text of many pieces is reported piece by piece.
        groups = [cut] if progress is None or len(cut) <= len(texts) else [[c] for c in cut]
        for group in groups:
            slices = [texts[i][piece.start : piece.end] for i, piece in group]
            if spacy_engine is None:
                per_piece = self._analyze_whole(slices, language, entities, threshold)
            else:
                per_piece = self._analyze_lazily(slices, language, entities, threshold, spacy_engine)
            for (i, piece), results in zip(group, per_piece, strict=True):
                for r in results:
                    if piece.owns(r.start):
                        r.start += piece.start
                        r.end += piece.start
                        merged[i].append(r)
            if progress is not None:
                progress(sum(piece.own_end - piece.own_start for _, piece in group))
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
        spacy_engine = self.spacy_engine(language)
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
