"""Builds the Presidio analyzer for one configuration, once.

Only the recognizers the configured entities need are kept, custom
recognizers are compiled here, and spaCy pipelines come from the shared
per-process cache in :mod:`pii_rails.nlp`. Every entity in the configuration
is checked against what the registry can actually recognize, so a typo fails
at load with the key path instead of silently detecting nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Dict, FrozenSet, List

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

from pii_rails import nlp
from pii_rails.errors import ConfigError, ModelUnavailableError
from pii_rails.recognizers import build_custom, offline_equivalent
from pii_rails.settings import Settings

log = logging.getLogger("pii_rails")


def ner_entities() -> FrozenSet[str]:
    """Entity types that only a statistical NER model provides."""
    conf = NerModelConfiguration()
    return frozenset(conf.model_to_presidio_entity_mapping.values()) - set(conf.labels_to_ignore)


@dataclass(frozen=True)
class BuiltAnalyzer:
    analyzer: AnalyzerEngine
    # language -> name of the spaCy pipeline in use ("blank:xx" when regex-only)
    pipelines: Dict[str, str]


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
    labels = {label for pipe in loaded.values() if "ner" in pipe.pipe_names for label in pipe.get_pipe("ner").labels}
    conf.labels_to_ignore = sorted(set(conf.labels_to_ignore) | (labels - set(conf.model_to_presidio_entity_mapping)))
    engine = SpacyNlpEngine(
        models=[{"lang_code": lang, "model_name": name} for lang, name in pipelines.items()],
        ner_model_configuration=conf,
    )
    # Hand over the shared pipelines instead of calling engine.load(), which
    # would load them again and may try to download a missing model.
    engine.nlp = loaded
    return engine, pipelines


def _ner_produces(engine: SpacyNlpEngine, language: str) -> FrozenSet[str]:
    """Entity types the loaded pipeline can actually emit (not every type Presidio can map)."""
    pipe = engine.nlp[language]
    if "ner" not in pipe.pipe_names:
        return frozenset()
    mapping = engine.ner_model_configuration.model_to_presidio_entity_mapping
    return frozenset(mapping[label] for label in pipe.get_pipe("ner").labels if label in mapping)


def _provided(recognizer: EntityRecognizer, ner_produced: FrozenSet[str]) -> FrozenSet[str]:
    if type(recognizer).__name__ == "SpacyRecognizer":
        return frozenset(recognizer.supported_entities) & ner_produced
    return frozenset(recognizer.supported_entities)


def _check_entities(
    settings: Settings, recognizers: List[EntityRecognizer], pipelines: Dict[str, str], engine: SpacyNlpEngine
) -> None:
    ner_only = ner_entities()
    # A blank (regex-only) pipeline emits nothing, but its NER entities are still
    # legitimate names: they are reported as undetectable below, not as typos.
    ner_produced = ner_only if pipelines[settings.language].startswith("blank:") else _ner_produces(
        engine, settings.language
    )
    for rail in settings.rails.values():
        for i, entity in enumerate(rail.entities):
            path = f"{rail.entities_path}[{i}]"
            providers = [r for r in recognizers if entity in _provided(r, ner_produced)]
            if not providers:
                known = sorted({e for r in recognizers for e in _provided(r, ner_produced)})
                raise ConfigError(path, entity, f"no recognizer provides this entity; known entities: {', '.join(known)}")
            is_ner = entity in ner_only and all(type(r).__name__ == "SpacyRecognizer" for r in providers)
            if is_ner and pipelines[settings.language].startswith("blank:"):
                if settings.regex_only:
                    log.warning(
                        "%s: %s needs a NER model; regex_only is set, so it will not be detected", path, entity
                    )
                else:
                    raise ModelUnavailableError(
                        f"{path}: {entity} needs a spaCy NER model for language {settings.language!r} and none is "
                        "installed (install one, e.g. en_core_web_lg, or set custom_data.pii_rails.regex_only: true)"
                    )


def build_analyzer(settings: Settings) -> BuiltAnalyzer:
    """Create the analyzer for ``settings``.

    Raises:
        ConfigError: an entity no recognizer provides, or a bad custom recognizer.
        ModelUnavailableError: a NER entity is configured and no pipeline is installed.
    """
    engine, pipelines = _nlp_engine(settings)
    languages = list(settings.languages)

    registry = RecognizerRegistry(supported_languages=languages)
    presidio_log = logging.getLogger("presidio-analyzer")
    level = presidio_log.level
    # Presidio warns once per recognizer of a language we did not ask for.
    presidio_log.setLevel(logging.ERROR)
    try:
        registry.load_predefined_recognizers(languages=languages, nlp_engine=engine)
    finally:
        presidio_log.setLevel(level)
    candidates: List[EntityRecognizer] = list(registry.recognizers)
    for path, spec in settings.recognizers:
        for language in spec.languages(settings.language):
            if language not in languages:
                raise ConfigError(
                    f"{path}.supported_language", language, f"not a configured language ({', '.join(languages)})"
                )
        try:
            candidates.extend(build_custom(spec, settings.language))
        except Exception as exc:  # Presidio's own validation, e.g. an empty deny list
            raise ConfigError(path, spec.name, f"invalid recognizer: {exc}") from None

    _check_entities(settings, candidates, pipelines, engine)

    needed = set(settings.all_entities)
    registry.recognizers = [offline_equivalent(r) for r in candidates if needed & set(r.supported_entities)]
    analyzer = AnalyzerEngine(
        registry=registry,
        nlp_engine=engine,
        supported_languages=languages,
        default_score_threshold=0.0,
    )
    return BuiltAnalyzer(analyzer=analyzer, pipelines=pipelines)
