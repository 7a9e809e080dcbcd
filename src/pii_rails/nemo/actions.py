"""The NeMo Guardrails actions: Detect and Mask, bound to one engine.

Each action takes ``source`` (``input`` | ``output`` | ``retrieval``) and
``text`` and returns a NeMo ``RailOutcome``. Metadata lists what was found --
entity types, counts and scores -- and never a raw value.

They are registered under the plugin's names (``pii_rails_detect``,
``pii_rails_mask``; ``PiiRailsDetectAction``/``PiiRailsMaskAction`` in
Colang 2.x) and under the built-in rail's names (``detect_sensitive_data``,
``mask_sensitive_data``), so flows written for the built-in run on this engine.

Under the built-in's flow names the flows call the actions registered under the
built-in's names -- ours, unless the configuration registered its own -- and
hand the result to ``pii_rails_outcome``, which accepts every shape the
built-in's flows have taken (``bool`` from detect, ``str`` from mask, a
``RailOutcome``) and decides how the refusal is worded.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from nemoguardrails.actions import action
from nemoguardrails.actions.rail_outcome import RailOutcome, TransformTarget

from pii_rails.masking import vault as vaults
from pii_rails.engine import PiiEngine
from pii_rails.spans import GuardResult, Span, summarize
from pii_rails.masking.policy import Flow
from pii_rails.settings import SOURCES

log = logging.getLogger("pii_rails")

TARGETS = {
    "input": TransformTarget.USER_MESSAGE,
    "output": TransformTarget.BOT_MESSAGE,
    "retrieval": TransformTarget.RELEVANT_CHUNKS,
}

DEFAULT_BLOCK_MESSAGE = "I can't process that: it contains {entities}."
FAILURE_BLOCK_MESSAGE = "I can't process that right now: the privacy check could not run."
# NeMo's own text for `bot inform answer unknown` (llm_flows.co), what the
# built-in's refusal says when a configuration does not define the message.
ANSWER_UNKNOWN = "I don't know the answer to that."


def _entity_phrase(types: Sequence[str]) -> str:
    names = [f"an {t}" if t[:1] in "AEIO" else f"a {t}" for t in types]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def block_message(template: Optional[str], spans: Sequence[Span]) -> str:
    """The user-facing message for a blocked text: names entity types, never values."""
    types = list(dict.fromkeys(s.entity_type for s in spans))
    return (template or DEFAULT_BLOCK_MESSAGE).format(entities=_entity_phrase(types), entity_types=", ".join(types))


def _refusal_text(config: Any) -> str:
    """The first ``bot inform answer unknown`` message of a configuration, as the
    built-in's retrieval rail answers; NeMo's default when none is defined."""
    messages = getattr(config, "bot_messages", None) or {}
    found = messages.get("inform answer unknown") if isinstance(messages, Mapping) else None
    return found[0] if found else ANSWER_UNKNOWN


def _check_source(source: str) -> None:
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}; got {source!r}")


def split_chunks(text: str, context: Optional[dict]) -> Tuple[List[str], str]:
    """The retrieved chunks behind ``text`` and the separator-trailer to rebuild it.

    NeMo keeps the chunks both joined (``relevant_chunks``) and as a list
    (``relevant_chunks_sep``); masking chunk by chunk keeps both in step and
    stops an entity from being read across two chunks.
    """
    chunks = list((context or {}).get("relevant_chunks_sep") or [])
    joined = "\n".join(chunks)
    if chunks and text.startswith(joined) and text[len(joined) :].strip("\n") == "":
        return chunks, text[len(joined) :]
    return [text], ""


class PiiActions:
    """Detect, Mask and Restore for one engine, as async functions NeMo can register."""

    def __init__(self, engine: PiiEngine):
        self.engine = engine

    def _failure(self, source: str, exc: BaseException, conversation_id: Optional[str]) -> RailOutcome:
        log.error("pii_rails: detection failed on %s (%s)", source, type(exc).__name__)
        metadata = {"source": source, "error": type(exc).__name__, "failed_closed": not self.engine.settings.fail_open}
        if conversation_id:
            metadata["conversation_id"] = conversation_id
        event = self.engine.audit.failure(
            conversation_id=conversation_id,
            rail=source,
            error=type(exc).__name__,
            action="pass" if self.engine.settings.fail_open else "block",
        )
        self.engine.audit.emit([event])
        metadata["audit"] = [event.as_dict()]
        if self.engine.settings.fail_open:
            log.warning("pii_rails: fail_open is set; letting the %s text through unchecked", source)
            return RailOutcome.allow(reason="detection failed; fail_open", metadata=metadata)
        metadata["block_message"] = FAILURE_BLOCK_MESSAGE
        return RailOutcome.block(reason="detection failed; failing closed", metadata=metadata)

    def _guard(self, flow: Flow, source: str, chunks: List[str], entities: Tuple[str, ...], vault) -> List[GuardResult]:
        if len(chunks) == 1:
            return [self.engine.guard(chunks[0], source, flow=flow, vault=vault, entities=entities)]
        return self.engine.guard_many(chunks, source, flow=flow, vault=vault, entities=entities)

    async def run(
        self,
        flow: Flow,
        source: str,
        text: Optional[str] = None,
        context: Optional[dict] = None,
        entities: Optional[Sequence[str]] = None,
    ) -> RailOutcome:
        """Apply the ``source`` rail's policy to ``text``; see :meth:`detect` and :meth:`mask`."""
        _check_source(source)
        wanted = self.engine.entities_for(source, entities)
        text = text or ""
        chunks, trailer = split_chunks(text, context) if source == "retrieval" else ([text], "")
        vault = self.engine.current_vault()
        try:
            if self.engine.cached(chunks, source, entities=wanted):
                # Already analysed (e.g. when the request's history was numbered):
                # only the policy is left, cheaper than a hop to a thread.
                results = self._guard(flow, source, chunks, wanted, vault)
            else:
                # CPU-bound: run it off the event loop so other conversations keep going.
                results = await asyncio.to_thread(self._guard, flow, source, chunks, wanted, vault)
        except Exception as exc:
            return self._failure(source, exc, vault.conversation_id)

        rewritten = "\n".join(r.text for r in results) + trailer
        decisions = [d for r in results for d in r.decisions]
        rail = self.engine.settings.rail(source)
        metadata: Dict[str, Any] = {
            "source": source,
            "has_sensitive_data": bool(decisions),
            "entities": summarize(d.span for d in decisions),
            "actions": {d.span.entity_type: d.action for d in decisions},
            "masked_text": "\n".join(r.masked_text for r in results) + trailer,
            "restored": sum(r.restored for r in results),
            "audit": [e.as_dict() for r in results for e in r.events],
        }
        if vault.conversation_id:
            metadata["conversation_id"] = vault.conversation_id
        if self.engine.settings.logging_only:
            metadata["logging_only"] = True
        if source == "retrieval":
            metadata["masked_chunks"] = [r.text for r in results]
        if any(r.blocked for r in results):
            blocking = [s for r in results for s in r.blocking_spans]
            metadata["blocked_entities"] = list(dict.fromkeys(s.entity_type for s in blocking))
            template = rail.block_message or self.engine.settings.block_message
            metadata["block_message"] = block_message(template, blocking)
            return RailOutcome.block(reason="sensitive data detected", metadata=metadata)
        if rewritten != text:
            return RailOutcome.transform([(TARGETS[source], rewritten)], metadata=metadata)
        return RailOutcome.allow(metadata=metadata)

    async def detect(
        self,
        source: str,
        text: Optional[str] = None,
        context: Optional[dict] = None,
        entities: Optional[Sequence[str]] = None,
        **kwargs: Any,
    ) -> RailOutcome:
        """Block when ``text`` holds anything the policy would keep from the LLM.

        Entities the policy masks block here; flag, review and pass let the text
        through (with audit events). On output, echoed placeholders are restored.
        ``entities`` narrows the check to some of the rail's entities.
        """
        return await self.run("detect", source, text, context, entities)

    async def mask(
        self,
        source: str,
        text: Optional[str] = None,
        context: Optional[dict] = None,
        entities: Optional[Sequence[str]] = None,
        **kwargs: Any,
    ) -> RailOutcome:
        """Apply the rail's policy: mask, block, flag, review or pass each entity.

        On output, echoed placeholders are restored (when the rail restores)
        and new PII is masked with placeholders that are never restored.
        """
        return await self.run("mask", source, text, context, entities)

    def outcome(
        self,
        source: str,
        flow: Flow,
        result: Any,
        text: Optional[str] = None,
        config: Any = None,
        refusal: str = "intent",
    ) -> RailOutcome:
        """Read what a ``detect_sensitive_data`` / ``mask_sensitive_data`` action returned.

        Accepts the shapes flows written for the built-in have handled: a
        ``RailOutcome``, ``True``/``False`` from detect, the masked text from
        mask. Anything else (``None``, a dict, a bool from mask) blocks: the text
        was not checked in a way this rail can read, so it fails closed.

        A block carries ``metadata["block_message"]``: the configured
        ``block_message`` when the configuration sets one, the failure message
        when detection failed, else ``None`` for input and output -- the flow
        then answers ``bot inform answer unknown`` as the built-in does -- and,
        for retrieval (``refusal="text"``), the text of that message.
        """
        _check_source(source)
        text = text or ""
        if isinstance(result, RailOutcome):
            outcome = result
        elif isinstance(result, bool) and flow == "detect":
            outcome = RailOutcome.block(metadata={"has_sensitive_data": True}) if result else RailOutcome.allow()
        elif isinstance(result, str) and flow == "mask":
            if result == text:
                outcome = RailOutcome.allow()
            else:
                outcome = RailOutcome.transform([(TARGETS[source], result)], metadata={"masked_text": result})
        else:
            log.error(
                "pii_rails: %s_sensitive_data returned %s, which a %s rail cannot read; blocking",
                flow,
                type(result).__name__,
                source,
            )
            outcome = RailOutcome.block(
                reason="unreadable result", metadata={"error": type(result).__name__, "failed_closed": True}
            )
        if outcome.is_blocked:
            return RailOutcome.block(
                reason=outcome.reason,
                metadata={**outcome.metadata, "block_message": self._refusal(source, outcome, config, refusal)},
            )
        if outcome.is_transform and source == "retrieval" and "masked_chunks" not in outcome.metadata:
            # Chunks an override rewrote as one text: the separate list must not keep
            # the raw chunks, so it becomes the one rewritten text.
            rewritten = outcome.transform_text[TARGETS[source].value]
            metadata = {**outcome.metadata, "masked_chunks": [rewritten]}
            return RailOutcome.transform([(TARGETS[source], rewritten)], reason=outcome.reason, metadata=metadata)
        return outcome

    # NeMo's IORails engine (nemoguardrails.Guardrails, issue 15) runs the rail's actions
    # from its manifest without these flows: reading results and wording refusals for it
    # will go through outcome() and _refusal() rather than a second copy of the rules.
    def _refusal(self, source: str, outcome: RailOutcome, config: Any, refusal: str) -> Optional[str]:
        metadata = outcome.metadata
        if outcome.failed or metadata.get("failed_closed"):
            return FAILURE_BLOCK_MESSAGE
        template = self.engine.settings.rail(source).block_message or self.engine.settings.block_message
        if template is not None:
            if isinstance(metadata.get("block_message"), str):
                return metadata["block_message"]  # ours, already written from this template
            types = [t for t in metadata.get("blocked_entities") or [] if isinstance(t, str)]
            return template.format(
                entities=_entity_phrase(types) if types else "sensitive data",
                entity_types=", ".join(types) if types else "sensitive data",
            )
        return _refusal_text(config) if refusal == "text" else None

    async def restore(self, text: Optional[str] = None, **kwargs: Any) -> str:
        """``text`` with the current conversation's placeholders put back, and nothing else changed."""
        vault = vaults.current()
        if vault is None or not text:
            return text or ""
        return vault.restore(text)[0]

    def registrations(self) -> Dict[str, Callable]:
        """Action name -> function, ready for ``LLMRails.register_action``."""

        @action(is_system_action=True, name="pii_rails_detect")
        async def pii_rails_detect(
            source: str,
            text: Optional[str] = None,
            context: Optional[dict] = None,
            entities: Optional[List[str]] = None,
            **kwargs,
        ):
            return await self.detect(source, text, context, entities)

        @action(is_system_action=True, name="pii_rails_mask")
        async def pii_rails_mask(
            source: str,
            text: Optional[str] = None,
            context: Optional[dict] = None,
            entities: Optional[List[str]] = None,
            **kwargs,
        ):
            return await self.mask(source, text, context, entities)

        @action(is_system_action=True, name="pii_rails_outcome")
        async def pii_rails_outcome(
            source: str,
            flow: Flow,
            result: Any = None,
            text: Optional[str] = None,
            config: Any = None,
            refusal: str = "intent",
            **kwargs,
        ):
            return self.outcome(source, flow, result, text, config, refusal)

        @action(is_system_action=True, name="pii_rails_restore")
        async def pii_rails_restore(text: Optional[str] = None, **kwargs):
            return await self.restore(text)

        return {
            "pii_rails_restore": pii_rails_restore,
            "pii_rails_detect": pii_rails_detect,
            "pii_rails_mask": pii_rails_mask,
            "pii_rails_outcome": pii_rails_outcome,
            "detect_sensitive_data": pii_rails_detect,
            "mask_sensitive_data": pii_rails_mask,
        }
