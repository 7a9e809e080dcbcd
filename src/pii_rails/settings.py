"""The typed configuration of pii-rails, validated once when the rails load.

Two places in a NeMo ``config.yml`` feed it:

* ``rails.config.sensitive_data_detection`` -- the built-in rail's schema
  (``recognizers`` and ``input``/``output``/``retrieval`` with ``entities`` and
  ``score_threshold``), so an existing configuration works unchanged;
* ``custom_data.pii_rails`` -- the plugin's own keys. NeMo 0.24 drops unknown
  keys under ``rails.config``; ``custom_data`` survives, so that is where they live.

Plugin keys override the built-in schema rail by rail; custom recognizers from
both places are combined.
"""

from __future__ import annotations

from typing import Any, Dict, List, Literal, Mapping, Optional, Tuple

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pii_rails.errors import ConfigError

SOURCES: Tuple[str, ...] = ("input", "output", "retrieval")
# The pseudo-rail of the LLM boundary (see boundary.py); not callable from flows.
BOUNDARY = "boundary"
SDD_PATH = "rails.config.sensitive_data_detection"
PLUGIN_PATH = "custom_data.pii_rails"

# The threshold used when neither schema sets one. The built-in's documentation
# recommends 0.4 and its mask action always used 0.4.
DEFAULT_SCORE_THRESHOLD = 0.4

# Presidio compiles pattern recognizers with these flags (DOTALL | MULTILINE | IGNORECASE);
# validating with the same flags means a regex that loads here also loads there.
PRESIDIO_REGEX_FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PatternSpec(_Strict):
    """One regular expression of a custom pattern recognizer."""

    name: str = "pattern"
    regex: str
    score: float = Field(default=0.5, ge=0.0, le=1.0)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            regex.compile(value, PRESIDIO_REGEX_FLAGS)
        except regex.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from None
        return value


class RecognizerSpec(_Strict):
    """A custom pattern recognizer declared in ``config.yml``.

    Accepts the fields of Presidio's no-code recognizer format. When
    ``supported_entity`` is left out, the recognizer's ``name`` is the entity
    type, which is how the built-in rail's documentation declares them.
    """

    name: str = Field(min_length=1)
    supported_entity: Optional[str] = None
    supported_entities: Optional[List[str]] = None
    supported_language: Optional[str] = None
    supported_languages: Optional[List[str]] = None
    patterns: List[PatternSpec] = Field(default_factory=list)
    deny_list: List[str] = Field(default_factory=list)
    deny_list_score: float = Field(default=1.0, ge=0.0, le=1.0)
    context: List[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _usable(self) -> "RecognizerSpec":
        if not self.patterns and not self.deny_list:
            raise ValueError("a recognizer needs at least one of 'patterns' or 'deny_list'")
        if self.supported_entity and self.supported_entities:
            raise ValueError("give either 'supported_entity' or 'supported_entities', not both")
        if self.supported_entities is not None and len(self.supported_entities) != 1:
            raise ValueError("a pattern recognizer supports exactly one entity")
        if self.supported_language and self.supported_languages:
            raise ValueError("give either 'supported_language' or 'supported_languages', not both")
        return self

    @property
    def entity(self) -> str:
        if self.supported_entity:
            return self.supported_entity
        if self.supported_entities:
            return self.supported_entities[0]
        return self.name

    def languages(self, default: str) -> List[str]:
        if self.supported_languages:
            return list(self.supported_languages)
        return [self.supported_language or default]


class RailOptions(_Strict):
    """What one rail (input, output or retrieval) looks for, as written in config."""

    entities: Optional[List[str]] = None
    score_threshold: Optional[float] = Field(default=None, ge=0.0, le=1.0)


class _Behavior(_Strict):
    """Switches that pass from the written options to the resolved settings as they are."""

    language: str = Field(default="en", min_length=2)
    model_fallback: bool = True
    regex_only: bool = False
    llm_boundary: Literal["auto", "on", "off"] = "auto"
    fail_open: bool = False
    block_message: Optional[str] = None


class PluginOptions(_Behavior):
    """The keys accepted under ``custom_data.pii_rails``."""

    languages: List[str] = Field(default_factory=list)
    model: Optional[str] = None
    models: Dict[str, str] = Field(default_factory=dict)
    recognizers: List[RecognizerSpec] = Field(default_factory=list)
    input: RailOptions = Field(default_factory=RailOptions)
    output: RailOptions = Field(default_factory=RailOptions)
    retrieval: RailOptions = Field(default_factory=RailOptions)


class _SddOptions(BaseModel):
    # The built-in schema tolerates extra keys (mask_token); so do we, to stay drop-in.
    model_config = ConfigDict(extra="ignore", frozen=True)
    entities: List[str] = Field(default_factory=list)
    score_threshold: Optional[float] = Field(default=None, ge=0.0, le=1.0)


class _SddSection(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    recognizers: List[RecognizerSpec] = Field(default_factory=list)
    input: _SddOptions = Field(default_factory=_SddOptions)
    output: _SddOptions = Field(default_factory=_SddOptions)
    retrieval: _SddOptions = Field(default_factory=_SddOptions)


class RailSettings(_Strict):
    """The resolved settings of one rail."""

    source: str
    entities: Tuple[str, ...]
    score_threshold: float
    # Where the entity list was written, so errors found later name the right key.
    entities_path: str


class Settings(_Behavior):
    """Everything the engine needs, resolved from both configuration places."""

    languages: Tuple[str, ...] = ("en",)
    models: Dict[str, str] = Field(default_factory=dict)
    recognizers: Tuple[Tuple[str, RecognizerSpec], ...] = ()
    rails: Dict[str, RailSettings] = Field(default_factory=dict)

    def rail(self, source: str) -> RailSettings:
        """The settings of ``source``; raises :class:`ConfigError` for an unknown one."""
        try:
            return self.rails[source]
        except KeyError:
            raise ConfigError("source", source, f"unknown source; expected one of {', '.join(SOURCES)}") from None

    def model_for(self, language: str) -> Optional[str]:
        return self.models.get(language)

    @property
    def all_entities(self) -> Tuple[str, ...]:
        seen: Dict[str, None] = {}
        for rail in self.rails.values():
            seen.update(dict.fromkeys(rail.entities))
        return tuple(seen)


def _format_loc(prefix: str, loc: Tuple[Any, ...]) -> str:
    path = prefix
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _validate(model: type, data: Any, prefix: str):
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if p not in ("function-after",))
        reason = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            reason = "unknown key"
        raise ConfigError(_format_loc(prefix, loc), err.get("input"), reason) from None


def _sdd_section(rails_config: Any) -> _SddSection:
    """Read the built-in schema, keeping only the thresholds the user actually wrote.

    NeMo fills an unset ``score_threshold`` with 0.2; treating that as a choice
    would silently lower our default, so unset thresholds are dropped here.
    """
    sdd = getattr(getattr(getattr(rails_config, "rails", None), "config", None), "sensitive_data_detection", None)
    if sdd is None:
        return _SddSection()
    raw = sdd.model_dump() if hasattr(sdd, "model_dump") else dict(sdd)
    for source in SOURCES:
        written = getattr(getattr(sdd, source, None), "model_fields_set", set(raw.get(source, {})))
        if "score_threshold" not in written:
            raw.get(source, {}).pop("score_threshold", None)
    return _validate(_SddSection, raw, SDD_PATH)


def resolve(plugin: PluginOptions, sdd: _SddSection) -> Settings:
    """Combine both configuration places into the settings the engine uses."""
    rails = {}
    for source in SOURCES:
        mine: RailOptions = getattr(plugin, source)
        theirs: _SddOptions = getattr(sdd, source)
        if mine.entities is not None:
            entities, path = mine.entities, f"{PLUGIN_PATH}.{source}.entities"
        else:
            entities, path = theirs.entities, f"{SDD_PATH}.{source}.entities"
        threshold = mine.score_threshold
        if threshold is None:
            threshold = theirs.score_threshold
        if threshold is None:
            threshold = DEFAULT_SCORE_THRESHOLD
        rails[source] = RailSettings(
            source=source,
            entities=tuple(dict.fromkeys(entities)),
            score_threshold=threshold,
            entities_path=path,
        )
    rails[BOUNDARY] = _boundary_rail(rails["input"], rails["retrieval"])
    models = dict(plugin.models)
    if plugin.model:
        models[plugin.language] = plugin.model
    recognizers = tuple((f"{SDD_PATH}.recognizers[{i}]", r) for i, r in enumerate(sdd.recognizers)) + tuple(
        (f"{PLUGIN_PATH}.recognizers[{i}]", r) for i, r in enumerate(plugin.recognizers)
    )
    return Settings(
        **{name: getattr(plugin, name) for name in _Behavior.model_fields},
        languages=tuple(dict.fromkeys([plugin.language, *plugin.languages])),
        models=models,
        recognizers=recognizers,
        rails=rails,
    )


def _boundary_rail(user: RailSettings, retrieved: RailSettings) -> RailSettings:
    """What the LLM boundary looks for: the input and retrieval rails' entities together.

    A prompt carries user text and retrieved chunks side by side, and NeMo puts
    knowledge-base chunks straight into the prompt when no retrieval rail runs
    (Colang 1.0 without dialog rails), so the boundary guards both kinds, at
    the lower of the two thresholds.
    """
    guarded = [rail for rail in (user, retrieved) if rail.entities]
    return RailSettings(
        source=BOUNDARY,
        entities=tuple(dict.fromkeys(e for rail in guarded for e in rail.entities)),
        score_threshold=min((rail.score_threshold for rail in guarded), default=user.score_threshold),
        entities_path=" + ".join(rail.entities_path for rail in guarded) or user.entities_path,
    )


def load_settings(rails_config: Any) -> Settings:
    """Validate and resolve the pii-rails settings of a NeMo ``RailsConfig``.

    Raises:
        ConfigError: naming the key path and value of the first problem found.
    """
    custom = getattr(rails_config, "custom_data", None) or {}
    if not isinstance(custom, Mapping):
        raise ConfigError("custom_data", custom, "must be a mapping")
    plugin_raw = custom.get("pii_rails")
    if plugin_raw is not None and not isinstance(plugin_raw, Mapping):
        raise ConfigError(PLUGIN_PATH, plugin_raw, "must be a mapping")
    plugin = _validate(PluginOptions, plugin_raw, PLUGIN_PATH)
    sdd = _sdd_section(rails_config)
    return resolve(plugin, sdd)


def settings_from_mapping(data: Optional[Mapping[str, Any]]) -> Settings:
    """Build settings from a plain mapping in the ``custom_data.pii_rails`` format.

    Useful outside NeMo, where there is no ``config.yml`` to read.
    """
    return resolve(_validate(PluginOptions, data, PLUGIN_PATH), _SddSection())
