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

from pii_rails.engine import PiiEngine, Span, apply_mask, summarize
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
    """Detect and Mask for one engine, as async functions NeMo can register."""

    def __init__(self, engine: PiiEngine):
        self.engine = engine

    async def _spans(self, source: str, texts: List[str], entities: Tuple[str, ...]) -> List[List[Span]]:
        # CPU-bound: run it off the event loop so other conversations keep going.
        if len(texts) == 1:
            return [await asyncio.to_thread(self.engine.detect, texts[0], source, None, entities)]
        return await asyncio.to_thread(self.engine.detect_many, texts, source, None, entities)

    def _failure(self, source: str, exc: BaseException, text: str) -> RailOutcome:
        log.error("pii_rails: detection failed on %s (%s)", source, type(exc).__name__)
        metadata = {"source": source, "error": type(exc).__name__, "failed_closed": not self.engine.settings.fail_open}
        if self.engine.settings.fail_open:
            log.warning("pii_rails: fail_open is set; letting the %s text through unchecked", source)
            return RailOutcome.allow(reason="detection failed; fail_open", metadata=metadata)
        metadata["block_message"] = FAILURE_BLOCK_MESSAGE
        return RailOutcome.block(reason="detection failed; failing closed", metadata=metadata)

    async def detect(
        self,
        source: str,
        text: Optional[str] = None,
        context: Optional[dict] = None,
        entities: Optional[Sequence[str]] = None,
        **kwargs: Any,
    ):
        """Block when ``text`` holds any entity configured for ``source`` (or any of ``entities``, a subset)."""
        _check_source(source)
        wanted = self.engine.entities_for(source, entities)
        text = text or ""
        chunks = split_chunks(text, context)[0] if source == "retrieval" else [text]
        try:
            found = [s for spans in await self._spans(source, chunks, wanted) for s in spans]
        except Exception as exc:
            return self._failure(source, exc, text)
        metadata: Dict[str, Any] = {
            "source": source,
            "has_sensitive_data": bool(found),
            "entities": summarize(found),
        }
        if found:
            metadata["block_message"] = block_message(self.engine.settings.block_message, found)
            return RailOutcome.block(reason="sensitive data detected", metadata=metadata)
        return RailOutcome.allow(metadata=metadata)

    async def mask(
        self,
        source: str,
        text: Optional[str] = None,
        context: Optional[dict] = None,
        entities: Optional[Sequence[str]] = None,
        **kwargs: Any,
    ):
        """Rewrite ``text`` with every entity configured for ``source`` (or in ``entities``) replaced by its tag."""
        _check_source(source)
        wanted = self.engine.entities_for(source, entities)
        text = text or ""
        chunks, trailer = split_chunks(text, context) if source == "retrieval" else ([text], "")
        try:
            spans_per_chunk = await self._spans(source, chunks, wanted)
        except Exception as exc:
            return self._failure(source, exc, text)

        masked_chunks = [apply_mask(chunk, spans) for chunk, spans in zip(chunks, spans_per_chunk)]
        masked = "\n".join(masked_chunks) + trailer
        found = [s for spans in spans_per_chunk for s in spans]
        metadata: Dict[str, Any] = {
            "source": source,
            "has_sensitive_data": bool(found),
            "entities": summarize(found),
            "masked_text": masked,
        }
        if source == "retrieval":
            metadata["masked_chunks"] = masked_chunks
        if found:
            return RailOutcome.transform([(TARGETS[source], masked)], metadata=metadata)
        return RailOutcome.allow(metadata=metadata)

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

        return {
            "pii_rails_detect": pii_rails_detect,
            "pii_rails_mask": pii_rails_mask,
            "detect_sensitive_data": pii_rails_detect,
            "mask_sensitive_data": pii_rails_mask,
        }
