"""Masking and restoring streamed answers.

NeMo 0.24.1 runs output rails on streamed chunks but drops their rewrites,
so a streamed answer would reach the user with ``<PERSON_1>`` where their
name belongs, and with any PII the model made up. :class:`GuardedStream`
wraps the stream ``stream_async`` returns and rewrites it on the way out:

* restore only: text is passed on at once, except a tail that may be the
  start of a placeholder (``<PER`` + ``SON_1>``, across any number of chunks);
* with an output mask rail: text is held until a whitespace boundary at least
  :data:`LOOKAHEAD` characters before the end of what has arrived, and never
  inside a detected entity, so a value split across chunks is seen whole; the
  output rail's policy (mask new PII, restore the user's values) is applied to
  each released piece with the spans found in the whole buffer.

Error frames (NeMo's JSON ``{"error": ...}`` chunks) pass through unchanged;
text still held when one arrives is dropped, as it was never checked whole.
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import json
import logging
from typing import Any, AsyncIterator, Deque, Optional

import regex

from pii_rails.masking import vault as vaults
from pii_rails.nemo.actions import FAILURE_BLOCK_MESSAGE, block_message
from pii_rails.engine import PiiEngine
from pii_rails.masking.vault import Vault

log = logging.getLogger("pii_rails")

# Characters held back from the end when masking: longer than the structured
# identifiers (IBAN with spaces, card, phone, e-mail) and a few name tokens.
LOOKAHEAD = 64
# Released text kept as left context for the next detection (labels before a value, see
# pii_rails.detection.predefined.base.NearMissMixin; context words).
LEFT_CONTEXT = 48
# Text gathered beyond the lookahead before the detector runs again.
RELEASE_STEP = 32

_WHITESPACE = regex.compile(r"\s")


def _is_error_frame(chunk: str) -> bool:
    if not chunk.startswith('{"error"'):
        return False
    try:
        return isinstance(json.loads(chunk).get("error"), dict)
    except ValueError:
        return False


class StreamRewriter:
    """The text logic of :class:`GuardedStream`: feed chunks, get releasable text."""

    def __init__(self, engine: PiiEngine, vault: Vault, mask: bool):
        self.engine = engine
        self.vault = vault
        self.mask = mask
        self.blocked = False
        self._buffer = ""
        self._released_tail = ""

    def feed(self, text: str) -> str:
        self._buffer += text
        return self._release(final=False)

    def finish(self) -> str:
        return self._release(final=True)

    def discard(self) -> None:
        self._buffer = ""

    def _release(self, final: bool) -> str:
        if self.blocked or not self._buffer:
            return ""
        if self.mask:
            try:
                return self._release_masked(final)
            except Exception as exc:
                log.error("pii_rails: output check failed on a streamed answer (%s)", type(exc).__name__)
                if not self.engine.settings.fail_open:
                    self.blocked, self._buffer = True, ""
                    return FAILURE_BLOCK_MESSAGE
        cut = len(self._buffer) if final else self.vault.pending(self._buffer)
        piece, self._buffer = self._buffer[:cut], self._buffer[cut:]
        return self.vault.restore(piece)[0] if self.engine.settings.restores else piece

    def _release_masked(self, final: bool) -> str:
        buffer = self._buffer
        if not final and len(buffer) < LOOKAHEAD + RELEASE_STEP:
            return ""
        # The words just released stay as left context: a label ("SSN is ") can be released before
        # the value it names arrives whole, and a labelled value must be judged with its label.
        left = self._released_tail
        spans = [
            dataclasses.replace(s, start=s.start - len(left), end=s.end - len(left))
            for s in self.engine.detect(left + buffer, "output")
            if s.start >= len(left)
        ]
        cut = len(buffer) if final else self._cut(buffer, spans)
        if cut <= 0:
            return ""
        piece = buffer[:cut]
        result = self.engine.guard(piece, "output", vault=self.vault, spans=[s for s in spans if s.end <= cut])
        self._buffer = buffer[cut:]
        self._released_tail = (left + piece)[-LEFT_CONTEXT:]
        if result.blocked:
            self.blocked, self._buffer = True, ""
            template = self.engine.settings.rail("output").block_message or self.engine.settings.block_message
            return block_message(template, result.blocking_spans)
        return result.text

    def _cut(self, buffer: str, spans) -> int:
        """The end of the longest safe prefix: at whitespace, before the lookahead,
        outside every detected entity and before any placeholder still forming."""
        cut = self._boundary(buffer, min(len(buffer) - LOOKAHEAD, self.vault.pending(buffer)))
        moved = True
        while moved and cut > 0:
            moved = False
            for span in spans:
                if span.start < cut < span.end:
                    cut, moved = self._boundary(buffer, span.start + 1), True
        return cut

    @staticmethod
    def _boundary(text: str, limit: int) -> int:
        """Just after the last whitespace before ``limit`` (0 if there is none)."""
        if limit <= 0:
            return 0
        last = None
        for m in _WHITESPACE.finditer(text, 0, limit):
            last = m.end()
        return last or 0


class GuardedStream:
    """An async iterator over ``stream_async``'s chunks, rewritten by :class:`StreamRewriter`.

    The conversation's vault is made current around every step, because NeMo
    runs streaming output rails in the consumer's task, not the generation's.
    """

    def __init__(self, inner: AsyncIterator[Any], engine: PiiEngine, vault: Vault, mask: bool, on_end=None):
        self._inner = inner
        self._vault = vault
        self._rewriter = StreamRewriter(engine, vault, mask)
        self._ready: Deque[Any] = collections.deque()
        self._done = False
        self._on_end = on_end

    def __aiter__(self) -> "GuardedStream":
        return self

    async def __anext__(self) -> Any:
        while not self._ready:
            if self._done:
                raise StopAsyncIteration
            with vaults.use(self._vault):
                try:
                    chunk = await self._inner.__anext__()
                except StopAsyncIteration:
                    self._done = True
                    self._emit(await asyncio.to_thread(self._rewriter.finish))
                    self._ended()
                    continue
                await self._take(chunk)
        return self._ready.popleft()

    async def _take(self, chunk: Any) -> None:
        if self._rewriter.blocked:
            return
        if isinstance(chunk, str) and _is_error_frame(chunk):
            # Held text was not checked whole yet (it may be half a card number): drop it.
            self._rewriter.discard()
            self._ready.append(chunk)
        elif isinstance(chunk, str):
            self._emit(await asyncio.to_thread(self._rewriter.feed, chunk))
        elif isinstance(chunk, dict) and isinstance(chunk.get("text"), str):
            text = await asyncio.to_thread(self._rewriter.feed, chunk["text"])
            if text or chunk.get("generation_info"):
                self._ready.append({**chunk, "text": text})
        else:
            self._ready.append(chunk)

    def _emit(self, text: Optional[str]) -> None:
        if text:
            self._ready.append(text)

    def _ended(self) -> None:
        if self._on_end is not None:
            on_end, self._on_end = self._on_end, None
            on_end()

    async def aclose(self) -> None:
        self._done = True
        self._ended()
        close = getattr(self._inner, "aclose", None)
        if close is not None:
            await close()
