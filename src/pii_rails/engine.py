"""The engine: one configuration's detection and masking behind one narrow door.

:class:`PiiEngine` is a façade. Detection (:mod:`pii_rails.detection`) turns
text into spans; the rail's policy (:mod:`pii_rails.masking`) turns spans into
decisions and rewritten text plus audit events. The NeMo binding, the CLI, the
batch path and the Python API all call it, so every entry point detects and
masks exactly the same things.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Sequence, Tuple

from pii_rails.detection.detector import Detector
from pii_rails.detection.overlaps import overlaps, with_repeats
from pii_rails.detection.redactor import LogRedactor
from pii_rails.masking import logsafe
from pii_rails.masking import vault as vaults
from pii_rails.masking.audit import Auditor, load_salt
from pii_rails.masking.placeholders import load_keyer
from pii_rails.masking.policy import Flow, blocked, decide, rewrite
from pii_rails.masking.stores import MemoryVaultStore, VaultStore
from pii_rails.masking.telemetry import OFF, Telemetry
from pii_rails.masking.telemetry import current as current_telemetry
from pii_rails.masking.vault import Vault
from pii_rails.settings import BOUNDARY, Settings, load_settings, settings_from_mapping
from pii_rails.spans import GuardResult, MaskResult, Span

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


def _outside(text: str, spans: Sequence[Span]) -> str:
    """The parts of ``text`` no span overlaps, joined by spaces: whatever lies wholly
    outside the spans lies within one part, its words whole."""
    parts, cursor = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        parts.append(text[cursor : span.start])
        cursor = max(cursor, span.end)
    parts.append(text[cursor:])
    return " ".join(parts)


def _with_found(spans: List[Span], found: List[Tuple[int, int, str]], wanted: set) -> List[Span]:
    """``spans`` and, of the known values ``found``, those of a ``wanted`` entity overlapping none."""
    extra = [
        Span(entity_type, start, end, 1.0, "ConversationVault")
        for start, end, entity_type in found
        if entity_type in wanted and not overlaps(start, end, [(s.start, s.end) for s in spans])
    ]
    return sorted([*spans, *extra], key=lambda s: s.start) if extra else spans


def _vault_store(settings: Settings, salt: bytes) -> VaultStore:
    options = settings.vault
    if options.store == "redis" or (options.store == "auto" and os.environ.get(options.redis_url_env)):
        from pii_rails.masking.redis_store import RedisVaultStore

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
        self.detector = Detector(settings)
        # Entities of the built-in schema no recognizer provides are gone from these.
        self.settings = settings = self.detector.settings
        self.analyzer = self.detector.analyzer
        self.pipelines = self.detector.pipelines
        self.salt = load_salt(settings.audit)
        # Refuses to start without the secret when a rail writes keyed placeholders.
        self.keyer = load_keyer(settings)
        self.audit = Auditor(settings.audit, self.salt)
        # OpenTelemetry of audited guards; the NeMo binding follows the rails' own switches.
        self.telemetry: Telemetry = OFF
        self.vaults = _vault_store(settings, self.salt)
        self._redactor = LogRedactor(settings, self.analyzer)
        boundary = settings.rail(BOUNDARY)
        self._checks_for_boundary = {
            source: _covers(settings.rail(source), boundary) for source in (BOUNDARY, "input", "retrieval")
        }

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
        """Build from a NeMo ``RailsConfig``.

        Reads ``rails.config.sensitive_data_detection`` and ``custom_data.pii_rails``.
        """
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
        """Spans per text at the rail's detection threshold (cached, batched: see :class:`Detector`)."""
        threshold = self.settings.rail(source).detection_threshold
        return self.detector.find(texts, self._language(language), self.entities_for(source, entities), threshold)

    def cached(
        self,
        texts: Sequence[str],
        source: str = "input",
        language: Optional[str] = None,
        entities: Optional[Sequence[str]] = None,
    ) -> bool:
        """Whether detecting ``texts`` costs only cache lookups (all seen before, or empty)."""
        threshold = self.settings.rail(source).detection_threshold
        return self.detector.cached(texts, self._language(language), self.entities_for(source, entities), threshold)

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
            audit: emit audit events (the events are in the result either way)
                and, when :attr:`telemetry` is on, a span and metrics made of them.
            spans: detections already made for this text (batched callers).
        """
        args = (text, source, flow, vault, entities, language, from_user, audit, spans)
        telemetry = current_telemetry(self.telemetry)
        if not (audit and telemetry.on):
            return self._guard(*args)
        run = telemetry.start(source, flow)
        try:
            result = self._guard(*args)
        except BaseException as exc:
            telemetry.finish(run, None, exc)
            raise
        telemetry.finish(run, result)
        return result

    def _guard(
        self,
        text: str,
        source: str,
        flow: Flow,
        vault: Optional[Vault],
        entities: Optional[Sequence[str]],
        language: Optional[str],
        from_user: Optional[bool],
        audit: bool,
        spans: Optional[Sequence[Span]],
    ) -> GuardResult:
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
        spans = [s for s in spans if not overlaps(s.start, s.end, [(a, b) for a, b, _ in protected])]
        spans = with_repeats(text, spans, [(a, b) for a, b, _ in protected])
        if not restoring:
            spans = self._with_known_values(text, spans, vault, rail, entities)
        decisions = decide(spans, rail, flow)
        masked, tokens = rewrite(
            text,
            decisions,
            vault,
            restorable=(source == "input") if from_user is None else from_user,
            withheld=restoring,
            keyer=self.keyer,
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
            for d, token in zip(decisions, tokens, strict=True)
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
            vault.checked.mark(masked)
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
        if not vault.may_know(_outside(text, spans)):
            # Only a value lying wholly outside the spans is added: none can be there.
            return spans
        return _with_found(spans, vault.known(text), set(rail.policies if entities is None else entities))

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
        return [self.guard(t, source, spans=s, language=language, **options) for t, s in zip(texts, found, strict=True)]

    def seed(self, vault: Vault, messages: Sequence[Dict[str, Any]]) -> None:
        """Number the values of ``messages`` in order of first appearance.

        Rebuilding a stateless conversation's vault this way gives every value
        the placeholder it had in earlier turns, on any replica. User and
        assistant messages are the user's side; values first seen elsewhere
        (system, tool, context) are masked but not restored.
        """
        pairs = [(m.get("content"), m.get("role")) for m in messages if isinstance(m, dict)]
        texts = [(c, r) for c, r in pairs if isinstance(c, str) and c]
        if not texts or not self.settings.rail(BOUNDARY).entities:
            return
        found = self.detect_many([c for c, _ in texts], BOUNDARY)
        for (content, role), spans in zip(texts, found, strict=True):
            from_user = role in ("user", "assistant")
            self.guard(content, BOUNDARY, vault=vault, spans=spans, from_user=from_user, audit=False)

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
        statistical NER (see :mod:`pii_rails.masking.logsafe` for how names are kept out).
        """
        return self._redactor.redact(text)
