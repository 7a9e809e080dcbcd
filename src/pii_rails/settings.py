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

import difflib
import logging
import os
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Tuple, Type, TypeVar, get_args

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pii_rails.errors import ConfigError

log = logging.getLogger("pii_rails")

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


# Inputs that make a regular expression with nested repetition backtrack for
# ages (`(a|aa)+$` on forty a's and a "!"). A pattern that takes longer than
# _PROBE_SECONDS on any of them is refused at load; matching at run time is
# bounded as well (pii_rails.detection.recognizers.REGEX_TIMEOUT_SECONDS).
_BACKTRACKING_PROBES = tuple(c * 40 + "!" for c in "ax1 .-_@") + ("ab" * 20 + "!", "a1" * 20 + "!", "a " * 20 + "!")
_PROBE_SECONDS = 0.2


class PatternSpec(_Strict):
    """One regular expression of a custom pattern recognizer."""

    name: str = "pattern"
    regex: str
    score: float = Field(default=0.5, ge=0.0, le=1.0)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            compiled = regex.compile(value, PRESIDIO_REGEX_FLAGS)
        except regex.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from None
        for probe in _BACKTRACKING_PROBES:
            try:
                compiled.search(probe, timeout=_PROBE_SECONDS)
            except TimeoutError:
                raise ValueError(
                    f"catastrophic backtracking: more than {_PROBE_SECONDS}s on a {len(probe)}-character input "
                    f"({probe[:3]!r}...); avoid nested repetition such as (a|aa)+ or (x+)+"
                ) from None
        return value


class LanguageContext(_Strict):
    """One entry of ``supported_languages`` in Presidio's long form: a language and its context words."""

    language: str = Field(min_length=2)
    context: Optional[List[str]] = None


# Keys of Presidio's no-code recognizer format that change nothing here: `version`
# and `description` are labels, `country_code` filters a registry pii-rails does
# not load (it builds what the entity lists ask for), `class_name` names a
# predefined class, which a custom recognizer does not use.
_NO_EFFECT_KEYS = ("version", "description", "country_code", "class_name")


class RecognizerSpec(_Strict):
    """A custom pattern recognizer declared in ``config.yml``.

    Accepts every key of Presidio's no-code recognizer format. When
    ``supported_entity`` is left out, the recognizer's ``name`` is the entity
    type -- an extension: Presidio and the built-in rail require the entity.
    """

    name: str = Field(min_length=1)
    supported_entity: Optional[str] = None
    supported_entities: Optional[List[str]] = None
    supported_language: Optional[str] = None
    supported_languages: Optional[List[Any]] = None
    patterns: List[PatternSpec] = Field(default_factory=list)
    deny_list: List[str] = Field(default_factory=list)
    deny_list_score: float = Field(default=1.0, ge=0.0, le=1.0)
    context: List[str] = Field(default_factory=list)
    enabled: bool = True
    type: Literal["custom", "predefined"] = "custom"
    # Flags for every pattern (Python `re` flag values, as Presidio takes them);
    # unset: Presidio's DOTALL | MULTILINE | IGNORECASE.
    global_regex_flags: Optional[int] = Field(default=None, ge=0)
    # Minimum score of this recognizer's results, per entity type or "default".
    score_thresholds: Optional[Dict[str, float]] = None
    version: Optional[Any] = None
    description: Optional[str] = None
    country_code: Optional[str] = None
    class_name: Optional[str] = None

    @field_validator("supported_languages")
    @classmethod
    def _languages(cls, value: Optional[List[Any]]) -> Optional[List[Any]]:
        if value is None:
            return None
        if not value:
            raise ValueError("give at least one language, or leave supported_languages out")
        return [v if isinstance(v, str) else LanguageContext.model_validate(v) for v in value]

    @field_validator("score_thresholds")
    @classmethod
    def _thresholds(cls, value: Optional[Dict[str, float]]) -> Optional[Dict[str, float]]:
        for key, threshold in (value or {}).items():
            if not 0.0 <= threshold <= 1.0:
                raise ValueError(f"score_thresholds[{key}] must be between 0 and 1")
        return value

    @model_validator(mode="after")
    def _usable(self) -> "RecognizerSpec":
        if self.type == "predefined":
            raise ValueError(
                "pii-rails creates predefined recognizers from the rails' entity lists; "
                "list the entity under a rail's 'entities' instead"
            )
        if not self.patterns and not self.deny_list:
            raise ValueError("a recognizer needs at least one of 'patterns' or 'deny_list'")
        if self.supported_entity and self.supported_entities:
            raise ValueError("give either 'supported_entity' or 'supported_entities', not both")
        if self.supported_entities is not None and len(self.supported_entities) != 1:
            raise ValueError("a pattern recognizer supports exactly one entity")
        if self.supported_language and self.supported_languages:
            raise ValueError("give either 'supported_language' or 'supported_languages', not both")
        if self.global_regex_flags is not None:
            for i, pattern in enumerate(self.patterns):
                try:
                    regex.compile(pattern.regex, self.global_regex_flags)
                except (regex.error, ValueError) as exc:
                    raise ValueError(f"patterns[{i}] does not compile with global_regex_flags: {exc}") from None
        ignored = [k for k in _NO_EFFECT_KEYS if getattr(self, k) is not None]
        if ignored:
            log.debug("pii_rails: recognizer %r: %s has no effect here; ignored", self.name, ", ".join(ignored))
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
            return [v if isinstance(v, str) else v.language for v in self.supported_languages]
        return [self.supported_language or default]

    def context_for(self, language: str) -> List[str]:
        """Context words for ``language``: the long form's own list when it gives one, else ``context``."""
        for entry in self.supported_languages or []:
            if isinstance(entry, LanguageContext) and entry.language == language and entry.context is not None:
                return list(entry.context)
        return list(self.context)


Action = Literal["mask", "block", "flag", "review", "pass"]
Style = Literal["tag", "numbered", "template", "redact", "partial", "hash", "fake", "keyed"]
STYLES: Tuple[str, ...] = get_args(Style)
# Styles whose placeholders are unique per value, so a vault can map them back.
RESTORABLE_STYLES = frozenset({"numbered", "template", "hash", "fake", "keyed"})
# The normal forms of the keyed style (pii_rails.masking.placeholders.NORMAL_FORMS).
NormalForm = Literal["text", "email", "phone", "identifier", "ip", "url", "exact"]


class PlaceholderSpec(_Strict):
    """How a masked value is written. A bare string in config is the style name,
    or a template when it contains ``{``."""

    style: Style = "tag"
    template: Optional[str] = None
    # partial: characters kept visible at the end, and the character that hides the rest.
    keep_last: int = Field(default=4, ge=0)
    mask_char: str = Field(default="*", min_length=1, max_length=1)

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            if "{" in value:
                return {"style": "template", "template": value}
            if value not in STYLES:
                raise ValueError(f"unknown placeholder style; expected one of {', '.join(STYLES)} or a template")
            return {"style": value}
        if isinstance(value, Mapping) and "length" in value:
            # Every rail and every corpus run must write a value alike, so there is one length.
            raise ValueError(f"the keyed style's length is set once for every rail, in {PLUGIN_PATH}.keyed.length")
        return value

    @model_validator(mode="after")
    def _template_usable(self) -> "PlaceholderSpec":
        if self.style == "template":
            if not self.template:
                raise ValueError("style 'template' needs a 'template', e.g. '[{entity_type}_{index}]'")
            try:
                self.template.format(entity_type="PERSON", index=1)
            except (KeyError, IndexError, ValueError) as exc:
                raise ValueError(f"template may use only {{entity_type}} and {{index}}: {exc}") from None
            if "{index}" not in self.template:
                raise ValueError("a template needs {index}, or two values of one type could not be told apart")
        return self

    @property
    def restorable(self) -> bool:
        return self.style in RESTORABLE_STYLES


class EntityPolicy(_Strict):
    """What one rail does with one entity type; unset fields fall back to the rail's defaults."""

    action: Optional[Action] = None
    score_threshold: Optional[float] = Field(default=None, ge=0.0, le=1.0)
    placeholder: Optional[PlaceholderSpec] = None
    # For flag and review: whether the value is also masked (default: let it through as is).
    mask: Optional[bool] = None


class RailOptions(_Strict):
    """What one rail (input, output or retrieval) looks for and does, as written in config."""

    entities: Optional[List[str]] = None
    score_threshold: Optional[float] = Field(default=None, ge=0.0, le=1.0)
    action: Optional[Action] = None
    below_threshold_action: Action = "pass"
    placeholder: Optional[PlaceholderSpec] = None
    mask_flagged: bool = False
    block_message: Optional[str] = None
    policies: Dict[str, EntityPolicy] = Field(default_factory=dict)
    # Output only: put the user's values back where the LLM echoed placeholders.
    restore: Optional[bool] = None


class AuditOptions(_Strict):
    """Where audit events go, besides the ``pii_rails.audit`` logger and rail metadata."""

    jsonl: Optional[str] = None
    review_jsonl: Optional[str] = None
    # Salt for the value hashes; read from this environment variable when set.
    salt_env: str = "PII_RAILS_AUDIT_SALT"
    log_level: Literal["DEBUG", "INFO", "WARNING"] = "INFO"


class VaultOptions(_Strict):
    """Where vaults of conversations with an id live, and for how long.

    ``memory`` keeps them in this process (TTL and LRU bound); ``redis`` in a
    Redis shared by replicas, sealed with a key from ``key_env``; ``auto`` is
    ``redis`` when ``redis_url_env`` is set in the environment, else ``memory``.
    """

    ttl_seconds: float = Field(default=3600.0, gt=0)
    max_conversations: int = Field(default=10000, ge=1)
    store: Literal["memory", "redis", "auto"] = "memory"
    redis_url_env: str = Field(default="PII_RAILS_REDIS_URL", min_length=1)
    key_env: str = Field(default="PII_RAILS_VAULT_KEY", min_length=1)
    # Under `nemoguardrails server`: keep thread histories (guardrails.thread_id)
    # with placeholders instead of values, in the same store.
    server_threads: bool = False


_ENV_NAME = regex.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class KeyedOptions(_Strict):
    """The keyed placeholder style: one token per value in every process, under a secret.

    Every rail, the CLI and the batch engine of one configuration share these,
    so a value gets one token wherever it is masked.
    """

    # The environment variable that holds the secret (at least 16 bytes).
    key_env: str = "PII_RAILS_KEY"
    # Hex characters of the HMAC kept in a token (4 bits each).
    length: int = Field(default=16, ge=8, le=64)
    # Entity type -> normal form, over the built-in table.
    normalization: Dict[str, NormalForm] = Field(default_factory=dict)

    @field_validator("key_env")
    @classmethod
    def _env_name(cls, value: str) -> str:
        if not _ENV_NAME.fullmatch(value):
            raise ValueError("not an environment variable name (letters, digits and _, not starting with a digit)")
        return value


class _Behavior(_Strict):
    """Switches that pass from the written options to the resolved settings as they are."""

    # An entity listed under the built-in schema that no recognizer provides fails
    # at load instead of being dropped with a warning (as the built-in ignores it).
    strict: bool = False
    language: str = Field(default="en", min_length=2)
    model_fallback: bool = True
    regex_only: bool = False
    llm_boundary: Literal["auto", "on", "off"] = "auto"
    fail_open: bool = False
    block_message: Optional[str] = None
    # Numbered placeholders by default and restore on output.
    reversible: bool = False
    # The LLM gets the original text; only what pii-rails logs and emits is masked.
    logging_only: bool = False
    # Rewrite every log record (NeMo's, Presidio's, ...) so no detected value is logged.
    redact_logs: bool = True
    # Run spaCy's parser before its NER, as the whole pipeline does, so entities
    # stop at the parser's sentence starts. Off: the NER runs alone, about twice
    # as fast, and scored the same or better on bench/eval (see bench/RESULTS.md).
    ner_parser: bool = False
    audit: AuditOptions = Field(default_factory=AuditOptions)
    vault: VaultOptions = Field(default_factory=VaultOptions)
    keyed: KeyedOptions = Field(default_factory=KeyedOptions)
    # NeMo model type -> environment variable with its base URL, applied on both
    # engines when the rails are built (pii_rails.nemo.upstream).
    base_url_env: Dict[str, str] = Field(default_factory=dict)


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
    # What NeMo parsed: mask_token is the built-in's, without effect there or here.
    # Keys the user wrote and NeMo dropped are caught in the raw YAML (check_raw_sdd).
    model_config = ConfigDict(extra="ignore", frozen=True)
    entities: List[str] = Field(default_factory=list)
    score_threshold: Optional[float] = Field(default=None, ge=0.0, le=1.0)


class _SddSection(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    recognizers: List[RecognizerSpec] = Field(default_factory=list)
    input: _SddOptions = Field(default_factory=_SddOptions)
    output: _SddOptions = Field(default_factory=_SddOptions)
    retrieval: _SddOptions = Field(default_factory=_SddOptions)


def withholds(action: str, mask: bool) -> bool:
    """Whether ``action`` keeps the raw value from going on: mask and block always;
    flag and review only when the policy also masks. The one definition of "this action masks"."""
    return action in ("mask", "block") or (action in ("flag", "review") and mask)


class ResolvedPolicy(_Strict):
    """What a rail does with one entity type, every default applied."""

    action: Action
    score_threshold: float
    placeholder: PlaceholderSpec
    mask: bool

    @property
    def withholds(self) -> bool:
        """Whether the raw value is kept from the LLM (masked or the text blocked)."""
        return withholds(self.action, self.mask)


class RailSettings(_Strict):
    """The resolved settings of one rail."""

    source: str
    entities: Tuple[str, ...]
    score_threshold: float
    # Where the entity list was written, so errors found later name the right key.
    entities_path: str
    policies: Dict[str, ResolvedPolicy] = Field(default_factory=dict)
    below_threshold_action: Action = "pass"
    block_message: Optional[str] = None
    restore: bool = False

    @property
    def detection_threshold(self) -> float:
        """The score Presidio must reach: the lowest any policy acts on."""
        if self.below_threshold_action != "pass":
            return 0.0
        return min([self.score_threshold, *(p.score_threshold for p in self.policies.values())])

    @property
    def withheld_entities(self) -> Tuple[str, ...]:
        return tuple(e for e in self.entities if self.policies[e].withholds)


class Settings(_Behavior):
    """Everything the engine needs, resolved from both configuration places."""

    languages: Tuple[str, ...] = ("en",)
    models: Dict[str, str] = Field(default_factory=dict)
    recognizers: Tuple[Tuple[str, RecognizerSpec], ...] = ()
    rails: Dict[str, RailSettings] = Field(default_factory=dict)
    # The pii flows the configuration runs: (key path, flow name, rail).
    flows: Tuple[Tuple[str, str, str], ...] = ()

    def without(self, dropped: Mapping[str, Iterable[str]]) -> "Settings":
        """These settings with ``dropped`` entities (rail -> entity types) taken out of
        the rails that listed them, and the LLM boundary worked out again."""
        rails = dict(self.rails)
        for source in SOURCES:
            gone = set(dropped.get(source, ()))
            if gone:
                rail = rails[source]
                rails[source] = rail.model_copy(
                    update={
                        "entities": tuple(e for e in rail.entities if e not in gone),
                        "policies": {e: p for e, p in rail.policies.items() if e not in gone},
                    }
                )
        rails[BOUNDARY] = _boundary_rail(rails["input"], rails["retrieval"])
        return self.model_copy(update={"rails": rails})

    def check_flows(self, dropped: Optional[Mapping[str, Iterable[str]]] = None) -> None:
        """Fail on a configured pii flow whose rail looks for nothing: it could never
        act, which is how a typo once disabled masking without a word. An output rail
        that restores placeholders still has work to do."""
        for path, name, source in self.flows:
            rail = self.rail(source)
            if rail.entities or (source == "output" and self.restores):
                continue
            unknown = sorted(set((dropped or {}).get(source, ())))
            why = (
                f"its entities ({', '.join(unknown)}) have no recognizer"
                if unknown
                else f"no entity is configured for it ({SDD_PATH}.{source}.entities or {PLUGIN_PATH}.{source}.entities)"
            )
            raise ConfigError(path, name, f"the {source} rail would look for nothing: {why}")

    def rail(self, source: str) -> RailSettings:
        """The settings of ``source``; raises :class:`ConfigError` for an unknown one."""
        try:
            return self.rails[source]
        except KeyError:
            raise ConfigError("source", source, f"unknown source; expected one of {', '.join(SOURCES)}") from None

    @property
    def restores(self) -> bool:
        """Whether answers get the user's values back (never in logging-only mode)."""
        return self.rails["output"].restore and not self.logging_only

    def model_for(self, language: str) -> Optional[str]:
        return self.models.get(language)

    @property
    def keyed_rails(self) -> Tuple[str, ...]:
        """The rails with an entity written in the keyed style (they need the key)."""
        return tuple(
            source
            for source, rail in self.rails.items()
            if any(p.placeholder.style == "keyed" for p in rail.policies.values())
        )

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


_Model = TypeVar("_Model", bound=BaseModel)


def _validate(model: Type[_Model], data: Any, prefix: str) -> _Model:
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


def _rail_settings(source: str, mine: RailOptions, theirs: "_SddOptions", reversible: bool) -> RailSettings:
    if mine.entities is not None:
        entities, path = list(mine.entities), f"{PLUGIN_PATH}.{source}.entities"
    else:
        entities, path = list(theirs.entities), f"{SDD_PATH}.{source}.entities"
    # A policy for an entity says to look for it.
    entities = list(dict.fromkeys([*entities, *mine.policies]))
    threshold = mine.score_threshold
    if threshold is None:
        threshold = theirs.score_threshold
    if threshold is None:
        threshold = DEFAULT_SCORE_THRESHOLD
    default_style = mine.placeholder or PlaceholderSpec(style="numbered" if reversible else "tag")
    policies = {}
    for entity in entities:
        own = mine.policies.get(entity) or EntityPolicy()
        policies[entity] = ResolvedPolicy(
            action=own.action or mine.action or "mask",
            score_threshold=threshold if own.score_threshold is None else own.score_threshold,
            placeholder=own.placeholder or default_style,
            mask=mine.mask_flagged if own.mask is None else own.mask,
        )
    restore = mine.restore if mine.restore is not None else reversible
    return RailSettings(
        source=source,
        entities=tuple(entities),
        score_threshold=threshold,
        entities_path=path,
        policies=policies,
        below_threshold_action=mine.below_threshold_action,
        block_message=mine.block_message,
        restore=restore and source == "output",
    )


def resolve(plugin: PluginOptions, sdd: _SddSection) -> Settings:
    """Combine both configuration places into the settings the engine uses."""
    for source in ("input", "retrieval"):
        if getattr(plugin, source).restore is not None:
            restore = getattr(plugin, source).restore
            raise ConfigError(f"{PLUGIN_PATH}.{source}.restore", restore, "only the output rail restores")
    rails = {
        source: _rail_settings(source, getattr(plugin, source), getattr(sdd, source), plugin.reversible)
        for source in SOURCES
    }
    rails[BOUNDARY] = _boundary_rail(rails["input"], rails["retrieval"])
    models = dict(plugin.models)
    if plugin.model:
        models[plugin.language] = plugin.model
    # `enabled: false` keeps a recognizer in the file and out of the analyzer, as in Presidio.
    recognizers = tuple(
        (f"{SDD_PATH}.recognizers[{i}]", r) for i, r in enumerate(sdd.recognizers) if r.enabled
    ) + tuple((f"{PLUGIN_PATH}.recognizers[{i}]", r) for i, r in enumerate(plugin.recognizers) if r.enabled)
    return Settings(
        **{name: getattr(plugin, name) for name in _Behavior.model_fields},
        languages=tuple(dict.fromkeys([plugin.language, *plugin.languages])),
        models=models,
        recognizers=recognizers,
        rails=rails,
    )


def _boundary_rail(user: RailSettings, retrieved: RailSettings) -> RailSettings:
    """What the LLM boundary masks: whatever the input or retrieval rail keeps from the LLM.

    A prompt carries user text and retrieved chunks side by side, and NeMo puts
    knowledge-base chunks straight into the prompt when no retrieval rail runs
    (Colang 1.0 without dialog rails), so the boundary guards both kinds. An
    entity both rails withhold is masked at the lower threshold, written in the
    input rail's style. Entities a rail lets through (pass, or flag/review
    without mask) are left alone, or the policy would mean nothing.
    """
    policies: Dict[str, ResolvedPolicy] = {}
    for rail in (user, retrieved):
        for entity in rail.withheld_entities:
            own = rail.policies[entity]
            if entity in policies:
                kept = policies[entity]
                policies[entity] = kept.model_copy(
                    update={"score_threshold": min(kept.score_threshold, own.score_threshold)}
                )
            else:
                policies[entity] = own.model_copy(update={"action": "mask", "mask": True})
    guarded = [rail for rail in (user, retrieved) if rail.withheld_entities]
    return RailSettings(
        source=BOUNDARY,
        entities=tuple(policies),
        score_threshold=min((p.score_threshold for p in policies.values()), default=user.score_threshold),
        entities_path=" + ".join(rail.entities_path for rail in guarded) or user.entities_path,
        policies=policies,
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
    check_raw_sdd(rails_config)
    plugin = _validate(PluginOptions, plugin_raw, PLUGIN_PATH)
    sdd = _sdd_section(rails_config)
    return resolve(plugin, sdd).model_copy(update={"flows": configured_flows(rails_config)})


def settings_from_mapping(data: Optional[Mapping[str, Any]]) -> Settings:
    """Build settings from a plain mapping in the ``custom_data.pii_rails`` format.

    Useful outside NeMo, where there is no ``config.yml`` to read.
    """
    return resolve(_validate(PluginOptions, data, PLUGIN_PATH), _SddSection())


# The keys of the built-in schema, as NeMo 0.24 defines them (mask_token has no
# effect in either). NeMo drops any other key there before a rail sees the config.
SDD_KEYS: Tuple[str, ...] = ("input", "output", "retrieval", "recognizers")
SDD_RAIL_KEYS: Tuple[str, ...] = ("entities", "score_threshold", "mask_token")
FLOW_TEMPLATES: Tuple[str, ...] = (
    "detect sensitive data on {}",
    "mask sensitive data on {}",
    "pii rails detect on {}",
    "pii rails mask on {}",
)


def _unknown_key(path: str, key: Any, allowed: Iterable[str], where: str) -> ConfigError:
    allowed = list(allowed)
    close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return ConfigError(
        f"{path}.{key}",
        key,
        f"unknown key in {where}; {hint}NeMo drops it without a word, so it would have no effect "
        f"(keys here: {', '.join(allowed)})",
    )


def _yaml_files(path: str) -> List[str]:
    """The YAML files NeMo reads for a configuration path (a file, or a folder outside kb/)."""
    if os.path.isfile(path):
        return [path] if path.endswith((".yml", ".yaml")) else []
    from nemoguardrails import utils as nemo_utils

    # Files a .railsignore hides from NeMo are not part of the configuration.
    railsignore = nemo_utils.get_railsignore_path(path)
    ignored = nemo_utils.get_railsignore_patterns(railsignore) if railsignore else set()
    found = []
    for root, _, files in os.walk(path, followlinks=True):
        for name in sorted(files):
            full = os.path.join(root, name)
            if not name.endswith((".yml", ".yaml")) or os.path.relpath(full, path).startswith("kb"):
                continue
            if ignored and nemo_utils.is_ignored_by_railsignore(name, ignored):
                continue
            found.append(full)
    return sorted(found)


def check_raw_sdd(rails_config: Any) -> None:
    """Fail on a key under ``rails.config.sensitive_data_detection`` that the built-in
    schema does not have, as the user wrote it in the YAML of the configuration and
    its imports (``entitie``, ``score_treshold``, ``ouput``), naming the likely key.

    NeMo parses that section with a model that drops unknown keys, so the parsed
    config cannot tell; the files can. A configuration built from content rather
    than a path leaves no files to read and is not checked here.
    """
    paths = [p.strip() for p in str(getattr(rails_config, "config_path", None) or "").split(",") if p.strip()]
    paths += list((getattr(rails_config, "imported_paths", None) or {}).values())
    for path in paths:
        for file in _yaml_files(path):
            try:
                with open(file, encoding="utf-8") as f:
                    data = yaml.safe_load(f)
            except (OSError, yaml.YAMLError):
                continue  # NeMo has read it already; it reports its own errors
            _check_raw_document(data, os.path.basename(file))


def _check_raw_document(data: Any, where: str) -> None:
    rails = data.get("rails") if isinstance(data, Mapping) else None
    config = rails.get("config") if isinstance(rails, Mapping) else None
    if not isinstance(config, Mapping):
        return
    for key in config:
        # `sensitve_data_detection` would switch the whole rail off unnoticed.
        if key != "sensitive_data_detection" and difflib.get_close_matches(
            str(key), ["sensitive_data_detection"], n=1, cutoff=0.85
        ):
            raise _unknown_key("rails.config", key, ["sensitive_data_detection"], where)
    sdd = config.get("sensitive_data_detection")
    if not isinstance(sdd, Mapping):
        return
    for key, value in sdd.items():
        if key not in SDD_KEYS:
            raise _unknown_key(SDD_PATH, key, SDD_KEYS, where)
        if key in SOURCES and isinstance(value, Mapping):
            for option in value:
                if option not in SDD_RAIL_KEYS:
                    raise _unknown_key(f"{SDD_PATH}.{key}", option, SDD_RAIL_KEYS, where)
            if "mask_token" in value:
                log.debug("%s.%s.mask_token has no effect here (nor in the built-in)", SDD_PATH, key)


def configured_flows(rails_config: Any) -> Tuple[Tuple[str, str, str], ...]:
    """The pii flows a configuration runs: listed in ``rails.<rail>.flows`` (Colang 1.0),
    or called on a line of its own from a Colang 2.x flow (``flow input rails``, ``main``, ...)."""
    rails = getattr(rails_config, "rails", None)
    rail_of = {t.format(source): source for source in SOURCES for t in FLOW_TEMPLATES}
    found = []
    for source in SOURCES:
        for i, flow in enumerate(list(getattr(getattr(rails, source, None), "flows", []) or [])):
            if isinstance(flow, str) and flow.strip() in rail_of and rail_of[flow.strip()] == source:
                found.append((f"rails.{source}.flows[{i}]", flow.strip(), source))
    names = "|".join(regex.escape(n) for n in rail_of)
    call = regex.compile(r"^\s*(?:await\s+|start\s+)?(" + names + r")\s*(?:#.*)?$", regex.M)
    for flow in getattr(rails_config, "flows", None) or []:
        name, source_code = getattr(flow, "name", None), getattr(flow, "source_code", None)
        if not isinstance(source_code, str) or name in rail_of:
            continue  # Colang 1.0 flows are dicts; pii-rails' own definitions are not calls
        where = (getattr(flow, "file_info", None) or {}).get("name", "?")
        for match in call.finditer(source_code):
            found.append((f"{where}: flow {name}", match.group(1), rail_of[match.group(1)]))
    return tuple(found)
