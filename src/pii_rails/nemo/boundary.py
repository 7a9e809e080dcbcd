"""Masking at the LLM boundary: the last check before a prompt leaves the process.

NeMo's input rails rewrite only the latest user message; earlier turns of
``messages`` reach the model as the client sent them. :class:`MaskingLLM` wraps
the model NeMo calls and masks every prompt -- history, system prompt, tool
results, retrieved context -- with the entities of the input and retrieval
rails (see ``settings.BOUNDARY``) before delegating.
Text already masked is left as it is (tags are not PII), and per-text results
are cached by digest, so re-sending history costs little. A rail's output that
was checked with the boundary's entities and masked whole (the user message the
input rail just masked, the history the request's numbering read) is not
analysed again where the prompt quotes it: only the prompt around it is, piece
by piece, and those pieces (the prompt template) repeat turn after turn.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
from typing import Any, AsyncIterator, Iterator, List, Optional, Tuple, Union

from pii_rails.masking import vault as vaults
from pii_rails.engine import PiiEngine
from pii_rails.errors import DetectionError
from pii_rails.nemo import streaming
from pii_rails.settings import BOUNDARY

log = logging.getLogger("pii_rails")


class MaskingLLM:
    """An ``LLMModel`` that masks prompts, then delegates to the wrapped model."""

    def __init__(self, inner: Any, engine: PiiEngine, source: str = BOUNDARY):
        self._inner = inner
        self._engine = engine
        self._source = source

    @property
    def inner(self) -> Any:
        return self._inner

    @property
    def model_name(self) -> str:
        return self._inner.model_name

    @property
    def provider_name(self) -> Optional[str]:
        return self._inner.provider_name

    @property
    def provider_url(self) -> Optional[str]:
        return self._inner.provider_url

    def __getattr__(self, name: str) -> Any:
        # Everything the protocol does not cover (caches, parameters) is the inner model's.
        return getattr(self._inner, name)

    def _mask_text(self, text: str, role: Optional[str]) -> str:
        # The user's and the assistant's words are the user's side: their values
        # may come back restored. System prompts, tool results and rendered
        # prompts may hold other people's data: masked, never restored.
        pieces = _unchecked_pieces(text)
        spans = None
        if pieces is not None:
            found = self._engine.detect_many([text[a:b] for a, b in pieces], self._source)
            spans = [
                dataclasses.replace(span, start=span.start + a, end=span.end + a)
                for (a, _), piece_spans in zip(pieces, found, strict=True)
                for span in piece_spans
            ]
        return self._engine.guard(text, self._source, from_user=role in ("user", "assistant"), spans=spans).masked_text

    def _mask_content(self, content: Any, role: Optional[str]) -> Any:
        if isinstance(content, str):
            return self._mask_text(content, role)
        if isinstance(content, list):
            # Multi-part content: mask the text parts, keep the rest (images, ...) as is.
            return [
                {**part, "text": self._mask_text(part["text"], role)}
                if isinstance(part, dict) and isinstance(part.get("text"), str)
                else part
                for part in content
            ]
        if isinstance(content, dict):
            # A `context` message (the server's `guardrails.context`): IORails sends it to
            # the model as it is, relevant chunks and all.
            return self._mask_leaves(content, role)
        return content

    def mask_prompt(self, prompt: Union[str, List[Any]]) -> Union[str, List[Any]]:
        """The prompt with every message's text masked; the input is not modified.

        Raises:
            DetectionError: detection failed and ``fail_open`` is not set, so the
                prompt must not be sent.
        """
        try:
            return self._mask_prompt(prompt)
        except Exception as exc:
            if not self._engine.settings.fail_open:
                log.error("pii_rails: could not check a prompt (%s); not sending it", type(exc).__name__)
                raise DetectionError("pii-rails could not check the prompt, so it was not sent to the model") from exc
            log.warning("pii_rails: could not check a prompt (%s); fail_open is set, sending it", type(exc).__name__)
            return prompt

    def _mask_prompt(self, prompt: Union[str, List[Any]]) -> Union[str, List[Any]]:
        if isinstance(prompt, str):
            return self._mask_text(prompt, None)
        masked = []
        for message in prompt:
            if _is_record(message):
                role = getattr(message.role, "value", message.role)
                changes = {"content": self._mask_content(message.content, role)}
                if getattr(message, "tool_calls", None):
                    changes["tool_calls"] = self._mask_tool_calls(message.tool_calls, role)
                masked.append(dataclasses.replace(message, **changes))
            elif isinstance(message, dict):
                role = message.get("role")
                copy = {**message, "content": self._mask_content(message.get("content"), role)}
                if message.get("tool_calls"):
                    copy["tool_calls"] = self._mask_tool_calls(message["tool_calls"], role)
                masked.append(copy)
            else:
                masked.append(message)
        return masked

    def _mask_tool_calls(self, calls: List[Any], role: Optional[str]) -> List[Any]:
        """Earlier tool calls in the history: their arguments went to the caller with
        the values restored, and come back with the next request as the caller keeps them."""
        masked = []
        for call in calls:
            if _is_record(call) and _is_record(getattr(call, "function", None)):
                arguments = self._mask_arguments(call.function.arguments, role)
                function = dataclasses.replace(call.function, arguments=arguments)
                masked.append(dataclasses.replace(call, function=function))
            elif isinstance(call, dict) and isinstance(call.get("function"), dict):
                arguments = self._mask_arguments(call["function"].get("arguments"), role)
                masked.append({**call, "function": {**call["function"], "arguments": arguments}})
            else:
                masked.append(call)
        return masked

    def _mask_arguments(self, arguments: Any, role: Optional[str]) -> Any:
        # Wire form keeps arguments as a JSON string: masked value by value, so a
        # placeholder never breaks the JSON; text that is not JSON is masked whole.
        if isinstance(arguments, str):
            try:
                parsed = json.loads(arguments)
            except ValueError:
                return self._mask_text(arguments, role)
            return json.dumps(self._mask_leaves(parsed, role))
        return self._mask_leaves(arguments, role)

    def _mask_leaves(self, value: Any, role: Optional[str]) -> Any:
        if isinstance(value, str):
            return self._mask_text(value, role) if value.strip() else value
        if isinstance(value, list):
            return [self._mask_leaves(v, role) for v in value]
        if isinstance(value, dict):
            return {k: self._mask_leaves(v, role) for k, v in value.items()}
        return value

    def restore_tool_calls(self, response: Any) -> Any:
        """Put the values back into tool-call arguments, which go to the caller's tools."""
        calls = getattr(response, "tool_calls", None)
        if not calls or not _is_record(response):
            return response
        return dataclasses.replace(response, tool_calls=self.restore_calls(calls))

    def restore_calls(self, calls: List[Any]) -> List[Any]:
        """``calls`` (``ToolCall`` records) with the values back in their arguments."""
        current = vaults.current()
        if not calls or current is None or not self._engine.settings.restores:
            return calls
        # Tool arguments go to the application's own tools, which may get back
        # values from its own tools and documents, not only the user's: everything.
        return [
            dataclasses.replace(
                call,
                function=dataclasses.replace(
                    call.function, arguments=current.restore_in(call.function.arguments, everything=True)
                ),
            )
            if _is_record(call) and _is_record(getattr(call, "function", None))
            else call
            for call in calls
        ]

    async def masked(self, prompt: Union[str, List[Any]]) -> Union[str, List[Any]]:
        """:meth:`mask_prompt`, off the event loop unless every text is cached."""
        try:
            cached = self._engine.cached(list(_detected_texts(prompt)), self._source)
        except Exception:
            cached = False
        if cached:
            # Every text seen before (history re-sent): no detection left to do.
            return self.mask_prompt(prompt)
        # CPU-bound: run it off the event loop so other conversations keep going.
        return await asyncio.to_thread(self.mask_prompt, prompt)

    async def generate_async(self, prompt, *, stop=None, **kwargs):
        return await self.generate_with(self._inner.generate_async, prompt, stop=stop, **kwargs)

    async def generate_with(self, generate: Any, prompt: Any, *args: Any, **kwargs: Any) -> Any:
        """``generate(masked prompt, *args, **kwargs)``: the completion noticed for the
        logs and its tool-call arguments restored (any model call's non-streamed shape)."""
        response = await generate(await self.masked(prompt), *args, **kwargs)
        content = getattr(response, "content", None)
        if isinstance(content, str) and content and self._engine.settings.redact_logs:
            # NeMo logs the completion before any output rail reads it.
            await asyncio.to_thread(self._engine.notice, content)
        return self.restore_tool_calls(response)

    async def stream_async(self, prompt, *, stop=None, **kwargs) -> AsyncIterator[Any]:
        masked = await self.masked(prompt)
        content: List[str] = []
        async for chunk in self._inner.stream_async(masked, stop=stop, **kwargs):
            delta = getattr(chunk, "delta_content", None)
            if isinstance(delta, str):
                content.append(delta)
            yield chunk
        await self.streamed(content)

    async def streamed(self, content: List[str]) -> None:
        """A streamed call returned ``content`` whole: tell the stream, then log redaction."""
        completion = "".join(content)
        # The stream's last words wait for right context only the model could add.
        ended = streaming.model_ended(completion)
        if completion and self._engine.settings.redact_logs:
            # NeMo logs the whole completion (BotMessage and the events after it) as
            # soon as this returns, while the stream still holds its last words
            # unchecked: a name there would reach the logs before any rail saw it.
            # The stream checks those words as soon as it reads the model's end, and had
            # checked the rest with the same recognizers: waiting for it makes the values
            # known to the logs without reading the answer a second time, and lets the last
            # words out before NeMo's end-of-turn work instead of after this read.
            if not await streaming.checked_by_stream(ended):
                await asyncio.to_thread(self._engine.notice, completion)


def _is_record(value: Any) -> bool:
    """Whether ``value`` is a dataclass instance (``is_dataclass`` is true for the class too)."""
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def _texts(prompt: Union[str, List[Any]]) -> Iterator[str]:
    """Every text :meth:`MaskingLLM.mask_prompt` would check."""
    if isinstance(prompt, str):
        yield prompt
        return
    for message in prompt:
        if _is_record(message):
            content, calls = message.content, getattr(message, "tool_calls", None)
        elif isinstance(message, dict):
            content, calls = message.get("content"), message.get("tool_calls")
        else:
            continue
        if isinstance(content, str):
            yield content
        elif isinstance(content, list):
            for part in content:
                if isinstance(part, dict) and isinstance(part.get("text"), str):
                    yield part["text"]
        elif isinstance(content, dict):
            yield from _leaves(content)
        for call in calls or []:
            function = call.get("function") if isinstance(call, dict) else getattr(call, "function", None)
            if isinstance(function, dict):
                arguments = function.get("arguments")
            else:
                arguments = getattr(function, "arguments", None)
            yield from _argument_texts(arguments)


def _argument_texts(arguments: Any) -> Iterator[str]:
    """The strings :meth:`MaskingLLM._mask_arguments` checks in one call's arguments."""
    if isinstance(arguments, str):
        try:
            arguments = json.loads(arguments)
        except ValueError:
            yield arguments
            return
    yield from _leaves(arguments)


def _leaves(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if value.strip():
            yield value
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)


def _unchecked_pieces(text: str) -> Optional[List[Tuple[int, int]]]:
    """The parts of ``text`` around the rail outputs the current conversation
    marked checked, or ``None`` when it quotes none (then the whole is analysed)."""
    current = vaults.current()
    regions = current.checked.regions(text) if current is not None else []
    if not regions:
        return None
    pieces, cursor = [], 0
    for start, end in [*regions, (len(text), len(text))]:
        if text[cursor:start].strip():
            pieces.append((cursor, start))
        cursor = end
    return pieces


def _detected_texts(prompt: Union[str, List[Any]]) -> Iterator[str]:
    """Every text :meth:`MaskingLLM.mask_prompt` would run detection on."""
    for text in _texts(prompt):
        pieces = _unchecked_pieces(text)
        if pieces is None:
            yield text
        else:
            yield from (text[a:b] for a, b in pieces)


def wrap(llm: Any, engine: PiiEngine) -> Any:
    """Wrap ``llm`` unless it is already wrapped or missing."""
    if llm is None or isinstance(llm, MaskingLLM):
        return llm
    return MaskingLLM(llm, engine)
