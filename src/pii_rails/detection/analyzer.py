"""Builds the Presidio analyzer for one configuration, once.

Only the recognizers the configured entities need are created (from the
catalog in :mod:`pii_rails.predefined`, once per language), custom
recognizers are compiled here, and spaCy pipelines come from the shared
per-process cache in :mod:`pii_rails.nlp`. Every entity in the configuration
is checked against what the recognizers can actually find, so a typo fails
at load with the key path instead of silently detecting nothing.

``language: auto`` picks the language of each text among the configured
ones (see :mod:`pii_rails.detection.predefined.language`).
"""

from __future__ import annotations

import logging
import dataclasses
from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, NlpEngine, SpacyNlpEngine
from spacy.language import Language

from pii_rails.detection import nlp
from pii_rails.detection import predefined
from pii_rails.errors import ConfigError, ModelUnavailableError
from pii_rails.detection.predefined.language import detect_language
from pii_rails.detection.predefined.ner import NerRecognizer
from pii_rails.detection.predefined.email import offline_equivalent
from pii_rails.detection.recognizers import build_custom, refine
from pii_rails.settings import BOUNDARY, SDD_PATH, Settings

# The ``language`` value that detects the language of each text.
AUTO = "auto"
# Languages ``language: auto`` chooses among when ``languages`` lists none.
AUTO_LANGUAGES = ("en", "fr", "es", "de")

log = logging.getLogger("pii_rails")


@dataclass(frozen=True)
class BuiltAnalyzer:
    analyzer: AnalyzerEngine
    # language -> name of the spaCy pipeline in use ("blank:xx" when regex-only)
    pipelines: Dict[str, str]
    # rail -> entities of the built-in schema no recognizer provides (dropped, as the built-in ignores them)
    unprovided: Dict[str, List[str]] = dataclasses.field(default_factory=dict)


class AutoLanguageNlpEngine(NlpEngine):
    """Runs each text through the pipeline of its detected language.

    Wraps the configured :class:`SpacyNlpEngine` for ``language: auto``: a call
    for language ``"auto"`` is routed per text; any other language goes
    straight through.
    """

    def __init__(self, inner: SpacyNlpEngine, languages: Sequence[str], default: str):
        self.inner = inner
        self.languages = tuple(languages)
        self.default = default

    def detect(self, text: str) -> str:
        return detect_language(text, self.languages, self.default)

    def _resolve(self, text: str, language: str) -> str:
        return self.detect(text) if language == AUTO else language

    def load(self) -> None:  # noqa: D102
        self.inner.load()

    def is_loaded(self) -> bool:  # noqa: D102
        return self.inner.is_loaded()

    def process_text(self, text: str, language: str) -> NlpArtifacts:  # noqa: D102
        return self.inner.process_text(text, self._resolve(text, language))

    def process_batch(  # noqa: D102
        self, texts, language: str, batch_size: int = 1, n_process: int = 1, as_tuples: bool = False, **kwargs
    ):
        options = dict(batch_size=batch_size, n_process=n_process, as_tuples=as_tuples, **kwargs)
        if language != AUTO:
            yield from self.inner.process_batch(texts, language, **options)
            return
        texts = list(texts)
        by_language: Dict[str, List[int]] = {}
        for i, item in enumerate(texts):
            text = item[0] if as_tuples else item
            by_language.setdefault(self.detect(str(text)), []).append(i)
        out: Dict[int, tuple] = {}
        for lang, indices in by_language.items():
            batch = [texts[i] for i in indices]
            for i, produced in zip(indices, self.inner.process_batch(batch, lang, **options), strict=True):
                out[i] = produced
        for i in range(len(texts)):
            yield out[i]

    def is_stopword(self, word: str, language: str) -> bool:  # noqa: D102
        return self.inner.is_stopword(word, self.default if language == AUTO else language)

    def is_punct(self, word: str, language: str) -> bool:  # noqa: D102
        return self.inner.is_punct(word, self.default if language == AUTO else language)

    def get_supported_entities(self) -> List[str]:  # noqa: D102
        return self.inner.get_supported_entities()

    def get_supported_languages(self) -> List[str]:  # noqa: D102
        return [*self.inner.get_supported_languages(), AUTO]

    def __getattr__(self, name):
        # Anything else (nlp, ner_model_configuration, ...) is the wrapped engine's.
        return getattr(self.inner, name)


class ContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's lemma enhancer, without its deep copy of every result when it would change none.

    It raises only results of a recognizer with context words that were not enhanced
    already; the predefined recognizers weigh context themselves and mark all theirs
    (:class:`~pii_rails.detection.predefined.base.TextContextMixin`), so on most texts no
    result qualifies and the copy (a tenth of a millisecond a text) is all it would do.
    """

    def enhance_using_context(  # noqa: D102
        self,
        text: str,
        raw_results: List[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: List[EntityRecognizer],
        context: Optional[List[str]] = None,
    ) -> List[RecognizerResult]:
        with_context = {r.id for r in recognizers if r.context}
        for result in raw_results:
            metadata = result.recognition_metadata or {}
            if metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY) in with_context and not metadata.get(
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
            ):
                return super().enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)
        return list(raw_results)


class CachedRegistry(RecognizerRegistry):
    """Presidio's registry, choosing the recognizers of a (language, entities) request once.

    The analyzer asks for them on every text, and Presidio filters every recognizer
    anew each time. The choice is kept per request and per list of recognizers in
    the registry, so adding or replacing a recognizer chooses again. A request with
    ad hoc recognizers is not kept. The list returned keeps the order Presidio gave
    the first time (it comes from a set; later calls in a process give that order too).
    """

    def __init__(self, *args: Any, **kwargs: Any):  # noqa: D107
        super().__init__(*args, **kwargs)
        self._chosen: Dict[Tuple[Any, ...], List[EntityRecognizer]] = {}

    def get_recognizers(  # noqa: D102
        self,
        language: str,
        entities: Optional[List[str]] = None,
        all_fields: bool = False,
        ad_hoc_recognizers: Optional[List[EntityRecognizer]] = None,
    ) -> List[EntityRecognizer]:
        if ad_hoc_recognizers:
            return super().get_recognizers(language, entities, all_fields, ad_hoc_recognizers)
        chosen = self._chosen
        key = (language, None if entities is None else tuple(entities), all_fields, tuple(self.recognizers))
        found = chosen.get(key)
        if found is None:
            found = chosen[key] = super().get_recognizers(language, entities, all_fields)
            if len(chosen) > 64:  # requests with ever new entity lists: forget the oldest
                del chosen[next(iter(chosen))]
        return list(found)


def _keeps_own(recognizer: EntityRecognizer, own: List[RecognizerResult]) -> bool:
    """Whether ``recognizer.enhance_using_context`` would return ``own`` as it is."""
    if type(recognizer).enhance_using_context is EntityRecognizer.enhance_using_context:
        return True
    return not own and getattr(recognizer, "OWN_RESULTS_ONLY", False)


class PiiAnalyzer(AnalyzerEngine):
    """Presidio's analyzer, with language detection and NER spans refined against pattern matches.

    After Presidio's own analysis, NER spans that overlap a pattern match are
    cut back to the part outside it, or dropped (see :func:`pii_rails.detection.recognizers.refine`).
    """

    auto_engine: Optional[AutoLanguageNlpEngine] = None

    def analyze(self, text: str, language: str, *args: Any, **kwargs: Any) -> List[RecognizerResult]:  # noqa: D102
        if language == AUTO and self.auto_engine is not None:
            language = self.auto_engine.detect(text)
        results = super().analyze(text, language, *args, **kwargs)
        return refine(text, self._own_thresholds(results))

    def _enhance_using_context(
        self,
        text: str,
        raw_results: List[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: List[EntityRecognizer],
        context: Optional[List[str]] = None,
    ) -> List[RecognizerResult]:
        """Presidio's, with the results grouped by recognizer once instead of once per recognizer,
        and no call to a recognizer's own enhancement that would return its results unchanged."""
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        by_recognizer: Dict[str, List[RecognizerResult]] = {}
        for result in raw_results:
            # Presidio's analyze has set it on every result (its own grouping indexes it so too).
            by_recognizer.setdefault(result.recognition_metadata[key], []).append(result)  # type: ignore[index]
        results: List[RecognizerResult] = []
        for recognizer in recognizers:
            own = by_recognizer.get(recognizer.id, [])
            if _keeps_own(recognizer, own):
                results.extend(own)
                continue
            others = [r for r in raw_results if r.recognition_metadata[key] != recognizer.id]  # type: ignore[index]
            results.extend(
                recognizer.enhance_using_context(
                    text=text,
                    raw_recognizer_results=list(own),
                    other_raw_recognizer_results=others,
                    nlp_artifacts=nlp_artifacts,
                    context=context,
                )
            )
        return self.context_aware_enhancer.enhance_using_context(
            text=text, raw_results=results, nlp_artifacts=nlp_artifacts, recognizers=recognizers, context=context
        )

    def _own_thresholds(self, results: List[RecognizerResult]) -> List[RecognizerResult]:
        """Drop results under their recognizer's ``score_thresholds`` (Presidio's no-code
        key), after context has raised scores, as Presidio applies them."""
        limits = {r.id: r.score_thresholds for r in self.registry.recognizers if getattr(r, "score_thresholds", None)}
        if not limits:
            return results
        kept = []
        for result in results:
            own = limits.get((result.recognition_metadata or {}).get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            floor = None if not own else own.get(result.entity_type, own.get("default"))
            if floor is None or result.score >= floor:
                kept.append(result)
        return kept


def _nlp_engine(settings: Settings) -> tuple[SpacyNlpEngine, Dict[str, str]]:
    pipelines: Dict[str, str] = {}
    loaded = {}
    for language in settings.languages:
        name = None
        if not settings.regex_only:
            name = nlp.choose_model(language, settings.model_for(language), settings.model_fallback)
        if name is None:
            loaded[language] = nlp.blank_pipeline(language)
            pipelines[language] = f"blank:{language}"
        else:
            loaded[language] = nlp.load_pipeline(name)
            pipelines[language] = name
    conf = NerModelConfiguration()
    # Labels Presidio has no entity for (CARDINAL, MONEY, ...) are ignored
    # instead of being passed through with a warning on every call.
    labels = {label for pipe in loaded.values() for label in nlp.entity_labels(pipe) or ()}
    ignored = set(conf.labels_to_ignore or ()) | (labels - set(conf.model_to_presidio_entity_mapping or ()))
    conf.labels_to_ignore = sorted(ignored)
    engine = SpacyNlpEngine(
        models=[{"lang_code": lang, "model_name": name} for lang, name in pipelines.items()],
        ner_model_configuration=conf,
    )
    # Hand over the shared pipelines instead of calling engine.load(), which
    # would load them again and may try to download a missing model.
    engine.nlp = loaded  # type: ignore[assignment]  # Presidio's __init__ sets None, so mypy infers None
    return engine, pipelines


def _ner_produces(engine: SpacyNlpEngine, language: str) -> FrozenSet[str]:
    """Entity types the loaded pipeline can actually emit (not every type Presidio can map)."""
    pipe: Language = engine.nlp[language]  # type: ignore[index]  # set by _nlp_engine
    mapping = engine.ner_model_configuration.model_to_presidio_entity_mapping or {}
    labels = nlp.entity_labels(pipe)
    if labels is None:  # a component that does not say what it emits: anything Presidio maps
        return frozenset(mapping.values())
    return frozenset(mapping[label] for label in labels if label in mapping)


def _provided(recognizer: EntityRecognizer, ner_produced: FrozenSet[str]) -> FrozenSet[str]:
    if isinstance(recognizer, NerRecognizer):
        return frozenset(recognizer.supported_entities) & ner_produced
    return frozenset(recognizer.supported_entities)


def _check_entities(
    settings: Settings, recognizers: List[EntityRecognizer], pipelines: Dict[str, str], engine: SpacyNlpEngine
) -> Dict[str, List[str]]:
    """Raise on an entity no recognizer provides, except under the built-in schema
    (unless ``strict``), where it is returned (rail -> entities) to be dropped."""
    unprovided: Dict[str, List[str]] = {}
    language = settings.language
    blank = pipelines[language].startswith("blank:")
    # A blank (regex-only) pipeline emits nothing, but its NER entities are still
    # legitimate names: they are reported as undetectable below, not as typos.
    ner_produced = predefined.NER_ENTITIES if blank else _ner_produces(engine, language)
    mine = [r for r in recognizers if r.supported_language == language]
    for rail in settings.rails.values():
        for i, entity in enumerate(rail.entities):
            path = f"{rail.entities_path}[{i}]"
            providers = [r for r in mine if entity in _provided(r, ner_produced)]
            ner_led = entity in predefined.NER_LED and not any(
                entity in r.supported_entities for r in mine if type(r).__module__.split(".")[0] != "pii_rails"
            )
            if not providers and not (blank and ner_led):
                if rail.source == BOUNDARY and any(entity in unprovided.get(s, ()) for s in ("input", "retrieval")):
                    continue  # already dropped from the rail it came from
                if rail.entities_path.startswith(SDD_PATH) and not settings.strict:
                    unprovided.setdefault(rail.source, []).append(entity)
                    continue
                known = sorted(
                    (predefined.known_entities() - predefined.NER_ENTITIES)
                    | (ner_produced & predefined.NER_ENTITIES)
                    | {e for r in recognizers for e in r.supported_entities if not isinstance(r, NerRecognizer)}
                )
                reason = f"no recognizer provides this entity; known entities: {', '.join(known)}"
                raise ConfigError(path, entity, reason)
            if ner_led and blank:
                if settings.regex_only:
                    log.warning(
                        "%s: %s needs a NER model for full detection; regex_only is set, so only what patterns and "
                        "word lists find is detected (known given names with a surname, introduced and titled names; "
                        "known places)",
                        path,
                        entity,
                    )
                else:
                    raise ModelUnavailableError(
                        f"{path}: {entity} needs a spaCy NER model for language {language!r} and none is "
                        "installed (install one, e.g. en_core_web_lg, or set custom_data.pii_rails.regex_only: true)"
                    )
    return unprovided


def _concrete(settings: Settings) -> Settings:
    """``settings`` with ``auto`` replaced by the languages it chooses among."""
    if AUTO not in settings.languages:
        return settings
    languages = [lang for lang in settings.languages if lang != AUTO] or list(AUTO_LANGUAGES)
    return settings.model_copy(update={"language": languages[0], "languages": tuple(languages)})


def build_analyzer(settings: Settings) -> BuiltAnalyzer:
    """Create the analyzer for ``settings``.

    Raises:
        ConfigError: an entity no recognizer provides, or a bad custom recognizer.
        ModelUnavailableError: a NER entity is configured and no pipeline is installed.
    """
    concrete = _concrete(settings)
    engine, pipelines = _nlp_engine(concrete)
    languages = list(concrete.languages)
    ner_languages = [lang for lang in languages if _ner_produces(engine, lang)]

    needed = list(settings.all_entities)
    candidates: List[EntityRecognizer] = [
        offline_equivalent(r) for r in predefined.build(needed, languages, ner_languages)
    ]
    for path, spec in settings.recognizers:
        for language in spec.languages(concrete.language):
            if language not in languages:
                raise ConfigError(
                    f"{path}.supported_language", language, f"not a configured language ({', '.join(languages)})"
                )
        try:
            candidates.extend(build_custom(spec, concrete.language))
        except Exception as exc:  # Presidio's own validation, e.g. an empty deny list
            raise ConfigError(path, spec.name, f"invalid recognizer: {exc}") from None

    unprovided = _check_entities(concrete, candidates, pipelines, engine)

    registry = CachedRegistry(supported_languages=languages)
    registry.recognizers = [r for r in candidates if set(needed) & set(r.supported_entities)]
    analyzer = PiiAnalyzer(
        registry=registry,
        nlp_engine=engine,
        supported_languages=languages,
        default_score_threshold=0.0,
        context_aware_enhancer=ContextEnhancer(),
    )
    if AUTO in settings.languages:
        analyzer.auto_engine = AutoLanguageNlpEngine(engine, languages, concrete.language)
        analyzer.nlp_engine = analyzer.auto_engine
        pipelines = {**pipelines, AUTO: f"detect:{','.join(languages)}"}
    return BuiltAnalyzer(analyzer=analyzer, pipelines=pipelines, unprovided=unprovided)
