"""Every place pii-rails changes NeMo's own objects, in one module.

NeMo 0.24.1 has no hook for what a PII guard needs around a turn (a vault per
conversation, the LLM boundary, restoring streamed answers), so pii-rails wraps
a few attributes of each ``LLMRails`` it is initialized on, and two process-wide
places. Each patch is listed in :data:`PATCHES` with why it exists; a test
checks every listed attribute still exists in the installed NeMo
(``tests/test_nemo_patches.py``), so an upgrade that moves one fails loudly
instead of leaving a rail unguarded.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import dataclasses
import functools
import inspect
import json
import logging
import sys
from dataclasses import dataclass
from typing import Any, List, Optional, Tuple

from pii_rails.engine import PiiEngine
from pii_rails.masking import vault as vaults
from pii_rails.masking.policy import Flow
from pii_rails.nemo import boundary, conversations, threads
from pii_rails.nemo.flows_path import colang_path  # noqa: F401  (one of the patches listed here)
from pii_rails.nemo.rails import FLOWS
from pii_rails.nemo import streaming
from pii_rails.nemo.streaming import GuardedStream
from pii_rails.settings import BOUNDARY, configured_flows

log = logging.getLogger("pii_rails")


@dataclass(frozen=True)
class Patch:
    """One NeMo attribute pii-rails replaces, and why."""

    target: str  # "module:Class.attribute" or "module:attribute"
    scope: str  # "instance" (each LLMRails pii-rails is on) or "process"
    why: str


PATCHES: Tuple[Patch, ...] = (
    Patch("nemoguardrails.rails.llm.llmrails:LLMRails._init_llms", "instance",
          "NeMo creates its LLMs after config.py's init(); they are wrapped by the LLM boundary right after, "
          "before the generation actions take their reference to the main model."),
    Patch("nemoguardrails.rails.llm.llmrails:LLMRails.update_llm", "instance",
          "a model swapped in later is wrapped by the LLM boundary too."),
    Patch("nemoguardrails.rails.llm.llmrails:LLMRails.generate_async", "instance",
          "each call runs in its conversation's vault (seeded from the request's messages), "
          "and the final answer gets the user's values back."),
    Patch("nemoguardrails.rails.llm.llmrails:LLMRails.stream_async", "instance",
          "NeMo 0.24.1 drops output-rail rewrites while streaming; the stream is masked and restored on its way out."),
    Patch("nemoguardrails.rails.llm.llmrails:LLMRails._run_output_rails_in_streaming", "instance",
          "when pii-rails' flows are the only output rails, the stream is checked by pii-rails as it arrives; "
          "NeMo's chunking would hold chunk_size tokens before the client sees any. In Colang 2.x it runs "
          "no rail at all on the chunks (its output rails see only the whole message, after the tokens were "
          "streamed raw), so pii-rails checks the stream whenever a 2.x flow calls a pii output flow."),
    Patch("nemoguardrails.rails.llm.llmrails:LLMRails.process_events_async", "instance",
          "event-based calls (Colang 2.x, the server's events API) run in a vault too; bot utterances are restored."),
    Patch("nemoguardrails.actions.retrieve_relevant_chunks:retrieve_relevant_chunks", "instance",
          "re-registered as an action that lets log redaction know the chunks: "
          "NeMo logs them before any rail reads them."),
    Patch("nemoguardrails.server.api:register_datastore", "process",
          "under `nemoguardrails server`, thread histories are stored with placeholders, never values."),
    Patch("nemoguardrails.rails.llm.config:colang_path_dirs", "process",
          "an editable install keeps pii_rails/flows outside site-packages, where NeMo looks for import paths."),
    # NeMo's IORails engine (nemoguardrails.Guardrails). These are applied by
    # pii_rails.nemo.iorails.install() the moment NeMo imports its IORails module (the
    # import hook _pii_rails_autoload), so they live there: this module loads spaCy.
    Patch("nemoguardrails.guardrails.compiled_rail:default_rail_catalog", "process",
          "IORails compiles flows against NeMo's one catalog per process, where the built-in owns "
          "`mask sensitive data on input`; for a configuration naming pii-rails (and only for it) the catalog "
          "has pii-rails' manifest in the built-in's place."),
    Patch("nemoguardrails.guardrails.iorails:IORails.unsupported_reason", "process",
          "judges a configuration with the catalog it will run with; a configuration naming pii-rails that "
          "IORails cannot serve gets a reason that says where pii-rails then runs and what to change."),
    Patch("nemoguardrails.guardrails.iorails:IORails.__init__", "process",
          "builds the rails with that catalog, validates pii-rails' settings and builds its engine (spaCy loads "
          "at build), and attaches it to the instance."),
    Patch("nemoguardrails.guardrails.iorails:IORails._run_generate", "instance",
          "runs in IORails' queue worker, which does not inherit the caller's context: each request gets its "
          "conversation's vault there, and the answer gets the user's values back."),
    Patch("nemoguardrails.guardrails.iorails:IORails._run_check", "instance",
          "check_async runs in a queue worker too: the same vault per request."),
    Patch("nemoguardrails.guardrails.iorails:IORails.generate", "instance",
          "the synchronous generate() builds a throwaway IORails from a copy of the configuration per call; "
          "it adopts this instance's engine (its vaults, audit hooks and loaded models) instead of building one."),
    Patch("nemoguardrails.guardrails.iorails:IORails.check", "instance",
          "the synchronous check() does the same."),
    Patch("nemoguardrails.guardrails.iorails:_blocked_message", "process",
          "IORails answers every block with one fixed refusal; a block pii-rails wrote answers with the "
          "configured block message (outcomes of other rails keep NeMo's refusal)."),
    # Applied per IORails instance by pii_rails.nemo.iorails_boundary.install() (the LLM boundary, streams).
    Patch("nemoguardrails.guardrails.iorails:IORails.generate_async", "instance",
          "the conversation's vault is chosen in the caller's task, which knows the conversation "
          "(pii_rails.conversation blocks, the server's thread) and keeps the vault for the thread store."),
    Patch("nemoguardrails.guardrails.async_work_queue:AsyncWorkQueue.submit", "instance",
          "IORails runs non-streamed calls in worker tasks that do not see the caller's context: "
          "the conversation's vault is carried to the worker."),
    Patch("nemoguardrails.guardrails.iorails:IORails.stream_async", "instance",
          "the stream is masked and restored on its way out, in its conversation's vault."),
    Patch("nemoguardrails.guardrails.iorails:IORails._run_output_rails_in_streaming", "instance",
          "when pii-rails' flows are the only output rails, the stream is checked by pii-rails as it arrives; "
          "NeMo's chunking would hold chunk_size tokens before the client sees any."),
    Patch("nemoguardrails.guardrails.model_engine:ModelEngine.generate_from_messages", "instance",
          "IORails sends the client's messages to the model as they came (the input rail rewrites only the last "
          "user message): the LLM boundary masks the whole request and restores tool-call arguments."),
    Patch("nemoguardrails.guardrails.model_engine:ModelEngine.stream_from_messages", "instance",
          "the same boundary for streamed model calls."),
)


def boundary_enabled(engine: PiiEngine) -> bool:
    """Whether prompts are masked where they leave for a model."""
    if engine.settings.logging_only:
        return False
    mode = engine.settings.llm_boundary
    if mode == "auto":
        return bool(engine.settings.rail(BOUNDARY).entities)
    return mode == "on"


def wrap_llms(app: Any, engine: PiiEngine) -> None:
    """Wrap the LLMs ``app`` will create (and any set later) at the LLM boundary."""
    init_llms = app._init_llms

    def _init_llms_then_wrap() -> None:
        init_llms()
        _install_boundary(app, engine)

    app._init_llms = _init_llms_then_wrap
    update_llm = getattr(app, "update_llm", None)
    if update_llm is not None:

        def _update_llm_wrapped(llm: Any) -> None:
            update_llm(boundary.wrap(llm, engine))

        app.update_llm = _update_llm_wrapped


def _install_boundary(app: Any, engine: PiiEngine) -> None:
    runtime = app.runtime
    if getattr(app, "llm", None) is not None:
        app.llm = boundary.wrap(app.llm, engine)
        runtime.register_action_param("llm", app.llm)
    params = getattr(runtime, "registered_action_params", {})
    for name, value in list(params.items()):
        if name.endswith("_llm") and value is not None:
            wrapped = boundary.wrap(value, engine)
            setattr(app, name, wrapped)
            runtime.register_action_param(name, wrapped)
    llms = params.get("llms")
    if isinstance(llms, dict):
        runtime.register_action_param("llms", {k: boundary.wrap(v, engine) for k, v in llms.items()})


def notice_retrieved_chunks(app: Any, engine: PiiEngine) -> None:
    """Let the log redaction know a knowledge base's chunks before NeMo logs them
    (NeMo logs the retrieval's result before any retrieval rail has read it)."""
    from nemoguardrails.actions.retrieve_relevant_chunks import retrieve_relevant_chunks

    @functools.wraps(retrieve_relevant_chunks)
    async def retrieve_and_notice(*args: Any, **kwargs: Any) -> Any:
        result = await retrieve_relevant_chunks(*args, **kwargs)
        chunks = getattr(result, "return_value", None)
        if isinstance(chunks, str) and chunks:
            await asyncio.to_thread(engine.notice, chunks, BOUNDARY)
        return result

    app.register_action(retrieve_and_notice, name="retrieve_relevant_chunks")


def keep_server_threads(redis_url: Optional[str], ttl_seconds: float, max_threads: int = 10000) -> bool:
    """Make the running NeMo server keep threads in a :class:`~pii_rails.nemo.threads.MaskedThreadStore`.

    Does nothing outside ``nemoguardrails server`` (its API module is not
    loaded) or when the server already has a datastore of this kind.
    """
    api = sys.modules.get("nemoguardrails.server.api")
    if api is None or isinstance(getattr(api, "datastore", None), threads.MaskedThreadStore):
        return False
    if getattr(api, "datastore", None) is not None:
        log.warning("pii_rails: replacing the server's thread datastore with one that keeps placeholders only")
    api.register_datastore(threads.MaskedThreadStore(redis_url, ttl_seconds, max_threads))
    return True


# In a chat message only the content is text to restore (not the role or ids).
_MESSAGE_TEXT = frozenset({"content"})


def restore_result(engine: PiiEngine, vault: vaults.Vault, result: Any) -> Any:
    """Put the user's values back into a final answer, output rail or not.

    The output rail restores (and masks new PII) when it is configured; this
    covers configurations without one, and is a no-op on text already restored.
    """
    if not engine.settings.restores or not len(vault):
        return result
    response = getattr(result, "response", None)
    if response is not None:
        result.response = vault.restore_in(response, keys=_MESSAGE_TEXT)
        return result
    return vault.restore_in(result, keys=_MESSAGE_TEXT)


def output_flows_v2(rails_config: Any) -> list:
    """The pii output flows a Colang 2.x configuration calls (from ``flow output rails``
    or any other flow), in order, each once."""
    names = [name for _, name, rail in configured_flows(rails_config) if rail == "output" and name in FLOWS]
    return list(dict.fromkeys(names))


def unless_the_stream_checks(fn: Any) -> Any:
    """An action that lets output through untouched in a streamed call whose stream
    pii-rails checks: the stream applies the policy once, with the same numbers a
    whole answer gets (NeMo would drop this rewrite, but not the numbers it took)."""

    @functools.wraps(fn)
    async def action(*args: Any, **kwargs: Any) -> Any:
        source = kwargs.get("source", args[0] if args else None)
        if source == "output" and streaming.checks_output():
            from nemoguardrails.actions.rail_outcome import RailOutcome

            return RailOutcome.allow(metadata={"source": "output", "checked_in_stream": True})
        return await fn(*args, **kwargs)

    return action


def stream_without_chunking(app: Any, only_ours: bool) -> None:
    """Let streamed tokens through NeMo's output-rail chunking when pii-rails' flows are
    the only output rails: :class:`GuardedStream` checks the stream itself, releasing
    each piece as soon as it is settled, where NeMo would hold ``chunk_size`` tokens
    (``stream_first: false``) or send them unchecked (``stream_first: true``).
    NeMo still requires ``rails.output.streaming.enabled`` to stream at all, and still
    skips the output rails on the whole message when streaming (the stream was checked).
    """

    chunked = app._run_output_rails_in_streaming

    @functools.wraps(chunked)
    def pii_rails_check_the_stream(streaming_handler: Any, *args: Any, **kwargs: Any) -> Any:
        if not only_ours:
            # Other output rails need NeMo's chunks; pii-rails checks what they let through.
            return chunked(streaming_handler, *args, **kwargs)
        return _passthrough(streaming_handler)

    app._run_output_rails_in_streaming = pii_rails_check_the_stream
    if only_ours:
        log.info("pii_rails: streamed answers are checked by pii-rails as they arrive (NeMo's chunking unused)")


async def _passthrough(stream: Any) -> Any:
    async for chunk in stream:
        yield chunk


def scope_calls(app: Any, engine: PiiEngine) -> None:
    """Run every NeMo call inside its conversation's vault (see ``conversations.py``)."""
    generate_async = app.generate_async
    signature = inspect.signature(generate_async)

    @functools.wraps(generate_async)
    async def generate_in_conversation(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind_partial(*args, **kwargs).arguments
        messages = bound.get("messages")
        if messages is None and isinstance(bound.get("prompt"), str):
            messages = [{"role": "user", "content": bound["prompt"]}]
        vault = conversations.choose(engine, messages, bound.get("state"))
        await notice_context(engine, messages)
        try:
            with vaults.use(vault):
                await conversations.seed(engine, vault, messages)
                result = await generate_async(*args, **kwargs)
        finally:
            conversations.keep(engine, vault)
        return restore_result(engine, vault, result)

    app.generate_async = generate_in_conversation

    # NeMo drops output rail rewrites when streaming; the stream is rewritten here instead.
    # With other output rails too, NeMo chunks the stream for them; pii-rails' own still check it.
    masks_output, only_ours, stream_flow, stream_flow_name = _output_stream_plan(app.config)
    stream_without_chunking(app, only_ours=only_ours)
    stream_async = app.stream_async
    stream_signature = inspect.signature(stream_async)

    @functools.wraps(stream_async)
    def stream_in_conversation(*args: Any, **kwargs: Any) -> Any:
        bound = stream_signature.bind_partial(*args, **kwargs).arguments
        vault = conversations.choose(engine, bound.get("messages"), bound.get("state"))
        # NeMo starts the generation task inside this call; the task keeps the vault
        # (and knows the stream checks its output, see unless_the_stream_checks).
        checks = masks_output and not engine.settings.logging_only
        model_end = streaming.ModelEnd()
        with vaults.use(vault), (streaming.checking_output() if checks else contextlib.nullcontext()):
            with streaming.watching_model(model_end):
                stream = stream_async(*args, **kwargs)
        if not (engine.settings.restores or masks_output) or engine.settings.logging_only:
            return stream
        return GuardedStream(
            stream,
            engine,
            vault,
            mask=masks_output,
            on_end=lambda: conversations.keep(engine, vault),
            flow=stream_flow,
            flow_name=stream_flow_name,
            model_end=model_end,
            settle=only_ours,
        )

    app.stream_async = stream_in_conversation

    process_events_async = app.process_events_async

    @functools.wraps(process_events_async)
    async def process_in_conversation(events: Any, state: Any = None, blocking: bool = False) -> Any:
        vault = conversations.choose(engine, None, state)
        if vault.conversation_id is None and app.config.colang_version != "1.0":
            vault = conversations.new_state_vault(engine)
        with vaults.use(vault):
            try:
                out_events, out_state = await process_events_async(events, state, blocking)
            finally:
                conversations.keep(engine, vault)
        conversations.stamp(out_state, vault)
        if engine.settings.restores:
            for event in out_events:
                if event.get("type") == "StartUtteranceBotAction" and isinstance(event.get("script"), str):
                    event["script"] = vault.restore(event["script"])[0]
        return out_events, out_state

    app.process_events_async = process_in_conversation


# -- IORails -------------------------------------------------------------------
#
# IORails has no Colang runtime and no hook around a call: it sends the
# client's messages to the model as they came, runs non-streamed calls in
# AsyncWorkQueue worker tasks (which do not share the caller's contextvars) and
# starts a stream's generation task on the first read. The patches below give
# each call its conversation's vault wherever the work happens.


def _output_stream_plan(config: Any) -> Tuple[bool, bool, Flow, Optional[str]]:
    """``(masks, only_ours, flow, flow_name)`` for a streamed answer of ``config``
    (LLMRails or IORails): whether pii-rails' output flows check it, whether they are
    the only output rails (NeMo's chunking then only adds delay), and the flow whose
    policy and name the stream uses."""
    output_flows = [flow.strip() for flow in config.rails.output.flows or []]
    if config.colang_version == "1.0":
        ours = [flow for flow in output_flows if flow in FLOWS and FLOWS[flow].rail == "output"]
        only_ours = bool(ours) and len(ours) == len(output_flows)
    else:
        ours = output_flows_v2(config)
        # NeMo's chunking runs rails.output.flows only, which Colang 2.x leaves empty: the
        # 2.x `output rails` flow runs on the whole message after the model's tokens were
        # streamed, so the chunks only add delay, and the tokens pass unchecked.
        only_ours = bool(ours) and not output_flows
    flow: Flow = "mask" if all(FLOWS[f].masks for f in ours) else "detect"
    name = next((f for f in ours if not FLOWS[f].masks), ours[0] if ours else None)
    return bool(ours), only_ours, flow, name


async def notice_context(engine: PiiEngine, messages: Any) -> None:
    """Let log redaction know the text of a request's ``context`` message (the server's
    ``guardrails.context``, relevant chunks and all) before NeMo logs the request."""
    if not engine.settings.redact_logs or not isinstance(messages, list):
        return
    texts = [
        text
        for m in messages
        if isinstance(m, dict) and m.get("role") == "context" and isinstance(m.get("content"), dict)
        for text in boundary._leaves(m["content"])
    ]
    for text in texts:
        await asyncio.to_thread(engine.notice, text, BOUNDARY)


def iorails_carry_vault(iorails: Any) -> None:
    """Run each queued call in the vault that was current where it was submitted."""
    queue = iorails._generate_async_queue
    submit = queue.submit

    @functools.wraps(submit)
    async def submit_in_conversation(func: Any, *args: Any, **kwargs: Any) -> Any:
        carried = vaults.current()
        if carried is None:
            return await submit(func, *args, **kwargs)

        async def in_conversation(*a: Any, **kw: Any) -> Any:
            with vaults.use(carried):
                return await func(*a, **kw)

        return await submit(in_conversation, *args, **kwargs)

    queue.submit = submit_in_conversation


def iorails_scope_calls(iorails: Any, engine: PiiEngine) -> None:
    """Give every IORails call its conversation's vault; check streamed answers.

    A non-streamed call chooses its vault here, in the caller's task, which knows
    the conversation (a :func:`pii_rails.conversation` block, the server's thread);
    the vault is carried into IORails' queue worker, where ``nemo.iorails`` seeds
    it and restores the answer, and kept here, where the server's thread store
    looks for it.
    """
    from nemoguardrails.guardrails.iorails import IORails

    iorails_carry_vault(iorails)
    generate_async = iorails.generate_async

    @functools.wraps(generate_async)
    async def generate_in_conversation(
        prompt: Any = None, messages: Any = None, options: Any = None, **kwargs: Any
    ) -> Any:
        request = IORails._convert_to_messages(prompt, messages)
        vault = conversations.choose(engine, request)
        await notice_context(engine, request)
        try:
            with vaults.use(vault):
                return await generate_async(prompt=prompt, messages=messages, options=options, **kwargs)
        finally:
            conversations.keep(engine, vault)

    iorails.generate_async = generate_in_conversation

    masks, only_ours, flow, flow_name = _output_stream_plan(iorails.config)
    stream_without_chunking(iorails, only_ours=only_ours)
    checks = masks and not engine.settings.logging_only
    stream_async = iorails.stream_async

    @functools.wraps(stream_async)
    def stream_in_conversation(messages: Any, options: Any = None, include_metadata: Any = False) -> Any:
        vault = conversations.choose(engine, messages)
        calls: List[Any] = []
        stream = _seeded_first(engine, vault, messages, stream_async(messages, options, include_metadata), calls)
        # IORails starts its generation task on the first read, which GuardedStream
        # makes in a task of its own with the vault current (and the stream checking).
        guarded = GuardedStream(
            stream,
            engine,
            vault,
            mask=checks,
            on_end=lambda: conversations.keep(engine, vault),
            flow=flow,
            flow_name=flow_name,
            settle=only_ours,
        )
        return _tool_calls_as_text(guarded)

    iorails.stream_async = stream_in_conversation


# The tool calls a streamed model call returned, for the stream that started it
# (the list is shared with the generation task, whose context is a copy).
_STREAMED_CALLS: contextvars.ContextVar[Optional[List[Any]]] = contextvars.ContextVar(
    "pii_rails_streamed_tool_calls", default=None
)


@dataclass(frozen=True)
class _ToolCallsChunk:
    """IORails' terminal ``{"tool_calls": ...}`` chunk, kept out of the answer's text:
    its arguments go to the caller's tools, restored like a non-streamed answer's."""

    payload: str


def _is_tool_calls_chunk(chunk: Any, calls: List[Any]) -> bool:
    if not calls or not isinstance(chunk, str) or not chunk.startswith('{"tool_calls"'):
        return False
    try:
        parsed = json.loads(chunk)
    except ValueError:
        return False
    return isinstance(parsed, dict) and list(parsed) == ["tool_calls"] and len(parsed["tool_calls"]) == len(calls)


async def _seeded_first(engine: PiiEngine, vault: vaults.Vault, messages: Any, stream: Any, calls: List[Any]) -> Any:
    """``stream``, after the vault numbered the request's values (as a non-streamed call does)."""
    # GuardedStream reads this in a task of its own: set for that task, never reset.
    _STREAMED_CALLS.set(calls)
    try:
        await notice_context(engine, messages)
        await conversations.seed(engine, vault, messages if isinstance(messages, list) else None)
        async for chunk in stream:
            yield _ToolCallsChunk(chunk) if _is_tool_calls_chunk(chunk, calls) else chunk
    finally:
        close = getattr(stream, "aclose", None)
        if close is not None:
            await close()


async def _tool_calls_as_text(stream: Any) -> Any:
    """The guarded stream with the tool calls last, as IORails sends them, and not
    after a block or an error (text still held is released when the model ends)."""
    held: List[str] = []
    last: Any = None
    try:
        async for chunk in stream:
            if isinstance(chunk, _ToolCallsChunk):
                held.append(chunk.payload)
                continue
            last = chunk
            yield chunk
        if not (isinstance(last, str) and streaming._is_error_frame(last)):
            for payload in held:
                yield payload
    finally:
        await stream.aclose()


def iorails_wrap_models(iorails: Any, engine: PiiEngine) -> None:
    """Mask every request IORails sends to any of its models (main and rails' own)."""
    for model in iorails.engine_registry.llms.values():
        if getattr(model, "_pii_rails_boundary", None) is not None:
            continue
        masker = boundary.MaskingLLM(model, engine)
        model._pii_rails_boundary = masker
        model.generate_from_messages = _masked_generate(model.generate_from_messages, masker)
        model.stream_from_messages = _masked_stream(model.stream_from_messages, masker)


def _masked_generate(generate: Any, masker: boundary.MaskingLLM) -> Any:
    @functools.wraps(generate)
    async def generate_masked(messages: Any, *args: Any, **kwargs: Any) -> Any:
        return await masker.generate_with(generate, messages, *args, **kwargs)

    return generate_masked


def _masked_stream(stream: Any, masker: boundary.MaskingLLM) -> Any:
    @functools.wraps(stream)
    async def stream_masked(messages: Any, *args: Any, **kwargs: Any) -> Any:
        inner = stream(await masker.masked(messages), *args, **kwargs)
        content: List[str] = []
        try:
            async for chunk in inner:
                delta = getattr(chunk, "delta_content", None)
                if isinstance(delta, str):
                    content.append(delta)
                if getattr(chunk, "delta_tool_calls", None):
                    # The finished calls arrive once, whole: their arguments go to the caller's tools.
                    chunk = dataclasses.replace(chunk, delta_tool_calls=masker.restore_calls(chunk.delta_tool_calls))
                    seen = _STREAMED_CALLS.get()
                    if seen is not None:
                        seen.extend(chunk.delta_tool_calls)
                yield chunk
            streaming.model_ended("".join(content))
        finally:
            await inner.aclose()

    return stream_masked
