"""Wiring into a NeMo ``LLMRails`` instance.

NeMo calls :func:`init` from the ``config.py`` of the imported flow folders
(``pii_rails/flows/v1`` or ``pii_rails/flows/v2``) while it builds the rails.
It validates the configuration, builds the engine once (so the spaCy model is
loaded when the rails are built, not on the first user turn), registers the
actions, and wraps the LLMs so every prompt is masked at the boundary.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import os
from typing import Any, Dict, List

from pii_rails.nemo import boundary
from pii_rails.nemo import conversations
from pii_rails.masking import logsafe
from pii_rails.masking import vault as vaults
from pii_rails.nemo.actions import PiiActions
from pii_rails.engine import PiiEngine
from pii_rails.errors import ConfigError
from pii_rails.settings import BOUNDARY, SOURCES, load_settings
from pii_rails.nemo.streaming import GuardedStream

log = logging.getLogger("pii_rails")

# Flow name -> the rail it belongs in. Both the built-in's names and ours.
FLOW_RAILS: Dict[str, str] = {}
for _source in SOURCES:
    for _template in (
        "detect sensitive data on {}",
        "mask sensitive data on {}",
        "pii rails detect on {}",
        "pii rails mask on {}",
    ):
        FLOW_RAILS[_template.format(_source)] = _source

_ATTR = "_pii_rails_engine"


def _check_flows(rails_config: Any) -> None:
    """Reject a pii flow placed in the wrong rail, or a misspelt one, at load."""
    rails = getattr(rails_config, "rails", None)
    for source in SOURCES:
        flows: List[str] = list(getattr(getattr(rails, source, None), "flows", []) or [])
        for i, flow in enumerate(flows):
            name = flow.strip()
            looks_ours = "sensitive data" in name or name.startswith("pii rails")
            if not looks_ours:
                continue
            path = f"rails.{source}.flows[{i}]"
            if name not in FLOW_RAILS:
                known = sorted(f for f, s in FLOW_RAILS.items() if s == source)
                raise ConfigError(path, flow, f"unknown pii flow; flows for this rail: {', '.join(known)}")
            if FLOW_RAILS[name] != source:
                raise ConfigError(path, flow, f"this flow belongs in rails.{FLOW_RAILS[name]}.flows")


def engine_for(app: Any) -> PiiEngine:
    """The engine :func:`init` attached to an ``LLMRails`` instance."""
    engine = getattr(app, _ATTR, None)
    if engine is None:
        raise LookupError("pii-rails is not initialized on this LLMRails instance")
    return engine


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


def _boundary_enabled(engine: PiiEngine) -> bool:
    if engine.settings.logging_only:
        return False
    mode = engine.settings.llm_boundary
    if mode == "auto":
        return bool(engine.settings.rail(BOUNDARY).entities)
    return mode == "on"


def _notice_retrieved_chunks(app: Any, engine: PiiEngine) -> None:
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


def _keep_server_threads(engine: PiiEngine) -> None:
    from pii_rails.masking.redis_store import RedisVaultStore
    from pii_rails.nemo.threads import register_with_server

    options = engine.settings.vault
    shared = isinstance(engine.vaults, RedisVaultStore)
    if register_with_server(os.environ.get(options.redis_url_env) if shared else None, options.ttl_seconds):
        log.info("pii_rails: server threads keep placeholders only (%s)", "Redis" if shared else "this process")


def init(app: Any) -> None:
    """Set pii-rails up on an ``LLMRails`` instance (NeMo calls this from ``config.py``)."""
    if getattr(app, _ATTR, None) is not None:
        return
    _check_flows(app.config)
    engine = PiiEngine(load_settings(app.config))
    setattr(app, _ATTR, engine)
    if engine.settings.redact_logs:
        logsafe.install(engine)
        _notice_retrieved_chunks(app, engine)
    for name, fn in PiiActions(engine).registrations().items():
        app.register_action(fn, name=name)
    _scope_calls(app, engine)
    if engine.settings.vault.server_threads:
        _keep_server_threads(engine)

    if not _boundary_enabled(engine):
        return
    # init() runs before NeMo creates its LLMs; wrap them right after it does,
    # before the generation actions take their reference to the main model.
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


def _restore_text(vault: vaults.Vault, value: Any) -> Any:
    if isinstance(value, str):
        return vault.restore(value)[0]
    if isinstance(value, dict) and isinstance(value.get("content"), str):
        return {**value, "content": vault.restore(value["content"])[0]}
    if isinstance(value, list):
        return [_restore_text(vault, v) for v in value]
    return value


def _restore_result(engine: PiiEngine, vault: vaults.Vault, result: Any) -> Any:
    """Put the user's values back into a final answer, output rail or not.

    The output rail restores (and masks new PII) when it is configured; this
    covers configurations without one, and is a no-op on text already restored.
    """
    if not engine.settings.restores or not len(vault):
        return result
    response = getattr(result, "response", None)
    if response is not None:
        result.response = _restore_text(vault, response)
        return result
    return _restore_text(vault, result)


def _scope_calls(app: Any, engine: PiiEngine) -> None:
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
        try:
            with vaults.use(vault):
                await conversations.seed(engine, vault, messages)
                result = await generate_async(*args, **kwargs)
        finally:
            conversations.keep(engine, vault)
        return _restore_result(engine, vault, result)

    app.generate_async = generate_in_conversation

    # NeMo drops output rail rewrites when streaming; the stream is rewritten here instead.
    masks_output = any(
        FLOW_RAILS.get(flow.strip()) == "output" and "mask" in flow for flow in app.config.rails.output.flows or []
    )
    stream_async = app.stream_async
    stream_signature = inspect.signature(stream_async)

    @functools.wraps(stream_async)
    def stream_in_conversation(*args: Any, **kwargs: Any) -> Any:
        bound = stream_signature.bind_partial(*args, **kwargs).arguments
        vault = conversations.choose(engine, bound.get("messages"), bound.get("state"))
        # NeMo starts the generation task inside this call; the task keeps the vault.
        with vaults.use(vault):
            stream = stream_async(*args, **kwargs)
        if not (engine.settings.restores or masks_output) or engine.settings.logging_only:
            return stream
        return GuardedStream(stream, engine, vault, mask=masks_output, on_end=lambda: conversations.keep(engine, vault))

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
