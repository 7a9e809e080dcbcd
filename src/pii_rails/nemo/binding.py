"""Wiring pii-rails into a NeMo ``LLMRails`` instance.

NeMo calls :func:`init` from the ``config.py`` of the imported flow folders
(``pii_rails/flows/v1`` or ``pii_rails/flows/v2``) while it builds the rails.
It validates the configuration, builds the engine once (so the spaCy model is
loaded when the rails are built, not on the first user turn), registers the
actions, and applies the patches of :mod:`pii_rails.nemo.patches`.
"""

from __future__ import annotations

import logging
import os
from typing import Any, List

from pii_rails.engine import PiiEngine
from pii_rails.errors import ConfigError
from pii_rails.masking import logsafe
from pii_rails.masking.telemetry import Telemetry
from pii_rails.nemo import patches
from pii_rails.nemo.actions import PiiActions
from pii_rails.nemo.rails import BUILTIN_ACTIONS, FLOW_RAILS, looks_like_ours
from pii_rails.nemo.registry import attach, attached, config_name, engine_for, iorails_requested, why_not_iorails
from pii_rails.nemo.upstream import apply_base_urls
from pii_rails.settings import SOURCES, load_settings

log = logging.getLogger("pii_rails")

__all__ = ["engine_for", "init"]


def check_flows(rails_config: Any) -> None:
    """Reject a pii flow placed in the wrong rail, or a misspelt one, at load."""
    rails = getattr(rails_config, "rails", None)
    for source in SOURCES:
        flows: List[str] = list(getattr(getattr(rails, source, None), "flows", []) or [])
        for i, flow in enumerate(flows):
            name = flow.strip()
            if not looks_like_ours(name):
                continue
            path = f"rails.{source}.flows[{i}]"
            if name not in FLOW_RAILS:
                known = sorted(f for f, s in FLOW_RAILS.items() if s == source)
                raise ConfigError(path, flow, f"unknown pii flow; flows for this rail: {', '.join(known)}")
            if FLOW_RAILS[name] != source:
                raise ConfigError(path, flow, f"this flow belongs in rails.{FLOW_RAILS[name]}.flows")


def _user_registered(app: Any, name: str) -> bool:
    """Whether the configuration (its actions.py or actions/) registered ``name``, as
    opposed to NeMo's library, whose action is a lazy reference or lives in its package."""
    dispatcher = app.runtime.action_dispatcher
    if not dispatcher.has_registered(name) or dispatcher.is_manifest_action(name):
        return False
    fn = dispatcher.get_action(name)
    return fn is not None and not getattr(fn, "__module__", "").startswith("nemoguardrails.")


def init(app: Any) -> None:
    """Set pii-rails up on an ``LLMRails`` instance (NeMo calls this from ``config.py``)."""
    if attached(app) is not None:
        return
    check_flows(app.config)
    engine = PiiEngine(load_settings(app.config))
    # NeMo calls this before it builds the model clients (_init_llms).
    apply_base_urls(app.config, engine.settings.base_url_env)
    engine.telemetry = Telemetry.from_rails_config(app.config, "llmrails")
    # The first analysis' one-time loads happen here, not in the first user's turn.
    engine.detector.warm_up()
    attach(app, engine)
    # "title :: body" is the form NeMo's verbose mode (the server's) prints; it hides other INFO records.
    log.info("pii-rails :: %s", describe_llmrails(app))
    if engine.settings.redact_logs:
        logsafe.install(engine)
        patches.notice_retrieved_chunks(app, engine)
    for name, fn in PiiActions(engine).registrations().items():
        if name in BUILTIN_ACTIONS and _user_registered(app, name):
            # NeMo documents replacing the rail's detection by registering an action
            # under the built-in's name; the built-in's flow names then call it.
            log.info("pii_rails: %s is the configuration's own; the built-in's flow names call it", name)
            continue
        app.register_action(patches.unless_the_stream_checks(fn), name=name)
    patches.scope_calls(app, engine)
    if engine.settings.vault.server_threads:
        _keep_server_threads(engine)
    if patches.boundary_enabled(engine):
        patches.wrap_llms(app, engine)


def describe_llmrails(app: Any) -> str:
    """The start-up line for ``app``: which configuration runs on LLMRails, and, while
    ``NEMO_GUARDRAILS_IORAILS_ENGINE`` asks for IORails, why IORails could not serve it."""
    line = f"configuration {config_name(app.config)!r} runs on LLMRails"
    if iorails_requested():
        reason = why_not_iorails(app.config, getattr(app, "llm", None)) or "it could; built as LLMRails"
        line += f" (NEMO_GUARDRAILS_IORAILS_ENGINE is on; IORails: {reason})"
    return line


def _keep_server_threads(engine: PiiEngine) -> None:
    from pii_rails.masking.redis_store import RedisVaultStore

    options = engine.settings.vault
    shared = isinstance(engine.vaults, RedisVaultStore)
    if patches.keep_server_threads(
        os.environ.get(options.redis_url_env) if shared else None, options.ttl_seconds, options.max_conversations
    ):
        log.info("pii_rails: server threads keep placeholders only (%s)", "Redis" if shared else "this process")
