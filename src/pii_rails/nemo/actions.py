"""The NeMo Guardrails actions: Detect and Mask, bound to one engine.

Each action takes ``source`` (``input`` | ``output`` | ``retrieval``) and
``text`` and returns a NeMo ``RailOutcome``. Metadata lists what was found --
entity types, counts and scores -- and never a raw value.

They are registered under the plugin's names (``pii_rails_detect``,
``pii_rails_mask``; ``PiiRailsDetectAction``/``PiiRailsMaskAction`` in
Colang 2.x) and under the built-in rail's names (``detect_sensitive_data``,
``mask_sensitive_data``), so flows written for the built-in run on this engine.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

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


def _entity_phrase(types: Sequence[str]) -> str:
    names = [f"an {t}" if t[:1] in "AEIO" else f"a {t}" for t in types]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def block_message(template: Optional[str], spans: Sequence[Span]) -> str:
    """The user-facing message for a blocked text: names entity types, never values."""
    types = list(dict.fromkeys(s.entity_type for s in spans))
    return (template or DEFAULT_BLOCK_MESSAGE).format(entities=_entity_phrase(types), entity_types=", ".join(types))


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

        @action(is_system_action=True, name="pii_rails_restore")
        async def pii_rails_restore(text: Optional[str] = None, **kwargs):
            return await self.restore(text)

        return {
            "pii_rails_restore": pii_rails_restore,
            "pii_rails_detect": pii_rails_detect,
            "pii_rails_mask": pii_rails_mask,
            "detect_sensitive_data": pii_rails_detect,
            "mask_sensitive_data": pii_rails_mask,
        }
