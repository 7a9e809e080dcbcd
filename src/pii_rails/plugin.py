"""Wiring into a NeMo ``LLMRails`` instance.

NeMo calls :func:`init` from the ``config.py`` of the imported flow folders
(``pii_rails/flows/v1`` or ``pii_rails/flows/v2``) while it builds the rails.
It validates the configuration, builds the engine once (so the spaCy model is
loaded when the rails are built, not on the first user turn), registers the
actions, and wraps the LLMs so every prompt is masked at the boundary.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from pii_rails import boundary
from pii_rails.actions import PiiActions
from pii_rails.engine import PiiEngine
from pii_rails.errors import ConfigError
from pii_rails.settings import BOUNDARY, SOURCES, load_settings

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
    mode = engine.settings.llm_boundary
    if mode == "auto":
        return bool(engine.settings.rail(BOUNDARY).entities)
    return mode == "on"


def init(app: Any) -> None:
    """Set pii-rails up on an ``LLMRails`` instance (NeMo calls this from ``config.py``)."""
    if getattr(app, _ATTR, None) is not None:
        return
    _check_flows(app.config)
    engine = PiiEngine(load_settings(app.config))
    setattr(app, _ATTR, engine)
    for name, fn in PiiActions(engine).registrations().items():
        app.register_action(fn, name=name)

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
