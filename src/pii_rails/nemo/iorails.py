"""pii-rails on NeMo's IORails engine (``nemoguardrails.Guardrails``): the engine adapter.

IORails runs rails from manifests, not from Colang: each configured flow name is
looked up in a rail catalog, and the action its surface names is imported and
awaited with ``source``, ``text`` and the ``RailsConfig`` as ``config``. It reads
no ``config.py`` or ``actions.py`` of a configuration, so pii-rails' Colang
import path alone would leave NeMo's built-in Presidio action in charge of
``mask sensitive data on input``. This module makes IORails run pii-rails:

* **Which configurations.** A configuration *names pii-rails* when its
  ``import_paths`` hold ``pii_rails/flows/v1`` or ``v2`` or its rails list one
  of pii-rails' own flow names (:func:`names_pii_rails`). Only for those, the
  catalog IORails compiles against is NeMo's with pii-rails' manifest
  (:mod:`pii_rails.nemo.manifest`) in place of the built-in's, so the built-in's
  six flow names and pii-rails' own resolve to the two actions below. Every
  other configuration compiles against NeMo's catalog, untouched.
* **When.** :func:`install` patches NeMo's IORails classes (the rows marked
  IORails in :data:`pii_rails.nemo.patches.PATCHES`). It runs as soon as NeMo's
  ``nemoguardrails.guardrails.iorails`` module has been imported, through the
  import hook of ``_pii_rails_autoload`` (started by the ``pii_rails.pth`` file
  the wheel installs, and by ``import pii_rails``), so ``Guardrails(config)``,
  ``LLMRails(config)`` under ``NEMO_GUARDRAILS_IORAILS_ENGINE=true`` and
  ``nemoguardrails server`` pick pii-rails up without anyone importing it.
  Installing imports nothing heavy; spaCy and Presidio load when rails are built.
* **One engine per rails instance.** Building an ``IORails`` for a configuration
  naming pii-rails validates the settings (a bad key fails the build with its
  path) and builds a :class:`~pii_rails.engine.PiiEngine`, so spaCy loads at
  build, not on the first turn.

Contract for other modules (the LLM boundary, streaming, the server):
:func:`pii_rails.nemo.registry.engine_for` accepts an ``IORails``, a
``Guardrails`` wrapping either engine, or an ``LLMRails``, and returns the engine
pii-rails built for it (``LookupError`` when pii-rails is not on it). While an
``IORails`` request runs (``generate_async``, ``check_async``), its vault is the
current one (:func:`pii_rails.masking.vault.current`) and :func:`serving`
returns its engine; code that runs a request some other way (a stream) wraps it
in :func:`request_scope` to get the same.

The actions fail closed: a detection error blocks (unless ``fail_open``), and
anything else they raise reaches IORails' own envelope, which blocks too.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import functools
import logging
import os
import re
import sys
import weakref
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, List, Optional, Tuple

if TYPE_CHECKING:
    from nemoguardrails.actions.rail_outcome import RailOutcome

    from pii_rails.engine import PiiEngine
    from pii_rails.masking.vault import Vault

log = logging.getLogger("pii_rails")

# Marks outcomes pii-rails wrote, so only their block message replaces IORails' refusal.
MARK = "pii_rails"
# The flow folders a configuration imports to switch to pii-rails.
FLOW_FOLDERS = (("pii_rails", "flows", "v1"), ("pii_rails", "flows", "v2"))
IORAILS_MODULE = "nemoguardrails.guardrails.iorails"
_INSTALLED = "_pii_rails_installed"

# The configuration IORails is judging or compiling (set around unsupported_reason and __init__).
_judging: contextvars.ContextVar[Optional[Any]] = contextvars.ContextVar("pii_rails_judging", default=None)
# The engine of the IORails request being served in this task.
_serving: contextvars.ContextVar[Optional["PiiEngine"]] = contextvars.ContextVar("pii_rails_serving", default=None)
# Set around IORails' synchronous generate()/check(), which build a short-lived IORails
# from a copy of the configuration for each call: that copy adopts the caller's engine.
_adopt: contextvars.ContextVar[Optional["PiiEngine"]] = contextvars.ContextVar("pii_rails_adopt", default=None)
# id(RailsConfig) -> (a weak reference to it, the engine built with it): how an action
# finds its engine when no request scope is set (a stream, a direct CompiledRail call).
_by_config: Dict[int, Tuple["weakref.ref[Any]", "PiiEngine"]] = {}


# --- which configurations name pii-rails ------------------------------------------------


def _is_flow_folder(path: Any) -> bool:
    parts = tuple(p for p in str(path).replace("\\", "/").split("/") if p not in ("", "."))
    return any(parts[-3:] == folder for folder in FLOW_FOLDERS)


def configured_flows(config: Any) -> List[str]:
    """Every input, output and retrieval flow a configuration lists, stripped."""
    rails = getattr(config, "rails", None)
    flows: List[str] = []
    for section in ("input", "output", "retrieval"):
        flows += [str(f).strip() for f in getattr(getattr(rails, section, None), "flows", None) or []]
    return flows


def names_pii_rails(config: Any) -> bool:
    """Whether a ``RailsConfig`` asks for pii-rails: its import path or pii-rails' own flow names."""
    if any(_is_flow_folder(p) for p in getattr(config, "import_paths", None) or []):
        return True
    from pii_rails.nemo.rails import FLOWS

    return any(name in FLOWS and FLOWS[name].naming == "ours" for name in configured_flows(config))


_OWN_ACTION = re.compile(r"(?m)^\s*(?:async\s+)?def\s+(detect_sensitive_data|mask_sensitive_data)\s*\(|"
                         r"name\s*=\s*[\"'](detect_sensitive_data|mask_sensitive_data)[\"']")


def own_builtin_actions(config: Any) -> List[str]:
    """The built-in's action names a configuration's ``actions.py`` / ``actions/`` defines.

    NeMo documents replacing the rail's detection that way and pii-rails' Colang flows
    call such an action; IORails loads no actions.py, so it would silently not run.
    """
    root = getattr(config, "config_path", None)
    if not root or not os.path.isdir(root):
        return []
    files = [os.path.join(root, "actions.py")]
    folder = os.path.join(root, "actions")
    if os.path.isdir(folder):
        files += [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.endswith(".py")]
    found: List[str] = []
    for path in files:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except OSError:
            continue
        found += [a or b for a, b in _OWN_ACTION.findall(text)]
    return sorted(set(found))


_OWN_INIT = re.compile(r"(?m)^\s*(?:async\s+)?def\s+init\s*\(")


def own_init(config: Any) -> bool:
    """Whether the configuration's own ``config.py`` defines ``init(app)``.

    LLMRails calls it while building the rails (config/server takes its upstream's URL
    there); IORails never does, so the model would be reached at another address, or
    whatever else ``init`` sets up would silently not happen.
    """
    root = getattr(config, "config_path", None)
    if not root or not os.path.isdir(root):
        return False
    try:
        with open(os.path.join(root, "config.py"), encoding="utf-8") as handle:
            return _OWN_INIT.search(handle.read()) is not None
    except OSError:
        return False


# --- the actions IORails imports from the manifest ---------------------------------------


def _bind(config: Any, engine: "PiiEngine") -> None:
    key = id(config)
    _by_config[key] = (weakref.ref(config, lambda _ref: _by_config.pop(key, None)), engine)


def _engine_for_config(config: Any) -> Optional["PiiEngine"]:
    found = _by_config.get(id(config))
    if found is not None and found[0]() is config:
        return found[1]
    return None


def serving() -> Optional["PiiEngine"]:
    """The engine of the IORails request running in this task, if any."""
    return _serving.get()


def _engine_for_call(config: Any) -> "PiiEngine":
    engine = _serving.get() or _engine_for_config(config)
    if engine is None:
        # IORails turns this into a failed, blocking outcome: nothing passes unchecked.
        raise LookupError("pii-rails has no engine for this configuration; build the rails with Guardrails/IORails")
    return engine


_actions_of: "weakref.WeakKeyDictionary[PiiEngine, Any]" = weakref.WeakKeyDictionary()


def _actions(engine: "PiiEngine") -> Any:
    """The engine's :class:`~pii_rails.nemo.actions.PiiActions`, the same rules as on LLMRails."""
    found = _actions_of.get(engine)
    if found is None:
        from pii_rails.nemo.actions import PiiActions

        found = _actions_of[engine] = PiiActions(engine)
    return found


async def _run(flow: str, source: str, text: Optional[str], config: Any, naming: str) -> "RailOutcome":
    actions = _actions(_engine_for_call(config))
    outcome = await actions.run(flow, source, text)
    if naming == "builtin":
        # Under the built-in's names a block answers the configuration's `bot inform answer
        # unknown` message (NeMo's own text without one), as the Colang flows do on LLMRails,
        # unless pii-rails' block_message is configured: the same refusal on either engine.
        outcome = actions.outcome(source, flow, outcome, text, config, refusal="text")
    return dataclasses.replace(outcome, metadata={**outcome.metadata, MARK: True})


async def detect(source: str, text: Optional[str] = None, config: Any = None, naming: str = "ours") -> "RailOutcome":
    """Block ``text`` when it holds anything the ``source`` rail's policy would keep from the LLM."""
    return await _run("detect", source, text, config, naming)


async def mask(source: str, text: Optional[str] = None, config: Any = None, naming: str = "ours") -> "RailOutcome":
    """Apply the ``source`` rail's policy to ``text``: mask, block, flag, review or pass each entity."""
    return await _run("mask", source, text, config, naming)


# --- one engine per IORails instance, a vault per request ---------------------------------


@contextlib.contextmanager
def request_scope(engine: "PiiEngine", messages: Optional[List[dict]] = None) -> Iterator["Vault"]:
    """Run one IORails request with ``engine``: its conversation's vault is current."""
    from pii_rails.masking import vault as vaults
    from pii_rails.nemo import conversations

    vault = conversations.choose(engine, messages, None)
    token = _serving.set(engine)
    try:
        with vaults.use(vault):
            yield vault
    finally:
        _serving.reset(token)
        conversations.keep(engine, vault)


def build_engine(config: Any) -> "PiiEngine":
    """Validate a configuration's pii-rails settings and build its engine (spaCy loads here)."""
    from pii_rails.engine import PiiEngine
    from pii_rails.nemo.binding import check_flows
    from pii_rails.settings import load_settings

    from pii_rails.masking.telemetry import Telemetry

    check_flows(config)
    engine = PiiEngine(load_settings(config))
    # IORails' own switches: pii-rails' spans and metrics appear exactly when NeMo's do.
    engine.telemetry = Telemetry.from_rails_config(config, "iorails")
    # The first analysis' one-time loads happen here, not in the first user's turn.
    engine.detector.warm_up()
    return engine


def _attach(rails: Any, engine: "PiiEngine") -> None:
    """Give an IORails instance its engine: requests run in a vault, answers get values back."""
    from pii_rails.masking import telemetry
    from pii_rails.nemo import conversations, iorails_boundary
    from pii_rails.nemo.patches import restore_result

    _bind(rails.config, engine)
    # Attaches the engine, installs log redaction; conversations, LLM boundary, streams.
    iorails_boundary.install(rails, engine)

    # This instance's switches, not the engine's: the copy NeMo's synchronous generate()
    # and check() build has tracing and metrics turned off, and shares the caller's engine.
    own = telemetry.Telemetry.from_rails_config(rails.config, "iorails")

    # IORails runs each request in a queue worker task, which does not inherit the
    # caller's context: the scope is set where the request runs, not where it is submitted.
    run_generate = rails._run_generate

    @functools.wraps(run_generate)
    async def generate_in_conversation(messages: Any, *args: Any, **kwargs: Any) -> Any:
        with request_scope(engine, messages) as vault, telemetry.scoped(own):
            await conversations.seed(engine, vault, messages)
            result = await run_generate(messages, *args, **kwargs)
        return restore_result(engine, vault, result)

    rails._run_generate = generate_in_conversation

    run_check = rails._run_check

    @functools.wraps(run_check)
    async def check_in_conversation(messages: Any, *args: Any, **kwargs: Any) -> Any:
        with request_scope(engine, messages) as vault, telemetry.scoped(own):
            await conversations.seed(engine, vault, messages)
            return await run_check(messages, *args, **kwargs)

    rails._run_check = check_in_conversation

    # generate() and check() build a throwaway IORails from a deep copy of the
    # configuration per call (asyncio.run copies this context into it): it must use
    # this instance's engine, with its vault store, audit hooks and loaded models.
    for name in ("generate", "check"):
        setattr(rails, name, _adopting(getattr(rails, name), engine))


def _adopting(method: Callable[..., Any], engine: "PiiEngine") -> Callable[..., Any]:
    @functools.wraps(method)
    def with_this_engine(*args: Any, **kwargs: Any) -> Any:
        token = _adopt.set(engine)
        try:
            return method(*args, **kwargs)
        finally:
            _adopt.reset(token)

    return with_this_engine


# --- the patches (rows in pii_rails.nemo.patches.PATCHES) --------------------------------


# Where pii-rails' advice begins in a reason it gives for not serving a configuration on IORails.
ADVICE = ". This configuration names pii-rails"


def _why_not_iorails(reason: str) -> str:
    return (
        f"{reason}{ADVICE}, which then guards it on LLMRails (pii-rails' "
        "config.py runs from the import path there): build it with Guardrails(config) without "
        "require_iorails=True, or with LLMRails(config); to run it on IORails, use Colang 1.0, only "
        "input, output, tool and config rails (retrieval and dialog rails need LLMRails), and no config.py "
        "init() or actions.py of the configuration's own (put what init() sets in config.yml; a model's base URL "
        "from the environment: custom_data.pii_rails.base_url_env)"
    )


def install() -> bool:
    """Patch NeMo's IORails to run pii-rails for configurations that name it. Idempotent.

    Returns whether NeMo's IORails module was there to patch.
    """
    module: Any = sys.modules.get(IORAILS_MODULE)
    if module is None:
        return False
    iorails_cls = module.IORails
    if iorails_cls.__dict__.get(_INSTALLED):
        return True
    compiled_rail: Any = sys.modules["nemoguardrails.guardrails.compiled_rail"]

    # compile_rail and unservable_reason take NeMo's process-wide catalog; the one they
    # get depends on the configuration IORails is judging or building.
    nemo_catalog: Callable[[], Any] = compiled_rail.default_rail_catalog

    @functools.wraps(nemo_catalog)
    def catalog_for_the_configuration() -> Any:
        default = nemo_catalog()
        config = _judging.get()
        if config is None or not names_pii_rails(config):
            return default
        from pii_rails.nemo.manifest import catalog_replacing_builtin

        return catalog_replacing_builtin(default)

    compiled_rail.default_rail_catalog = catalog_for_the_configuration

    unsupported_reason = iorails_cls.__dict__["unsupported_reason"].__func__

    @functools.wraps(unsupported_reason)
    def judged_with_pii_rails(cls: Any, config: Any, llm: Any = None) -> Optional[str]:
        token = _judging.set(config)
        try:
            reason = unsupported_reason(cls, config, llm)
        finally:
            _judging.reset(token)
        if not names_pii_rails(config):
            return reason
        if reason is None:
            own = own_builtin_actions(config)
            if own:
                reason = f"the configuration's actions.py defines {', '.join(own)}, and IORails loads no actions.py"
            elif own_init(config):
                reason = "the configuration's config.py defines init(), and IORails runs no config.py"
        return None if reason is None else _why_not_iorails(reason)

    iorails_cls.unsupported_reason = classmethod(judged_with_pii_rails)

    init = iorails_cls.__init__

    @functools.wraps(init)
    def built_with_pii_rails(self: Any, config: Any, *args: Any, **kwargs: Any) -> None:
        adopted = _adopt.get()
        engine = (adopted or build_engine(config)) if names_pii_rails(config) else None
        if engine is not None:
            from pii_rails.nemo.upstream import apply_base_urls

            # Before NeMo's __init__ builds a client per model from these parameters.
            apply_base_urls(config, engine.settings.base_url_env)
        token = _judging.set(config)
        try:
            init(self, config, *args, **kwargs)
        finally:
            _judging.reset(token)
        if engine is not None:
            _attach(self, engine)
            if adopted is None:  # not the short-lived copy generate()/check() builds per call
                from pii_rails.nemo.registry import config_name

                log.info("pii-rails :: configuration %r runs on IORails", config_name(config))

    iorails_cls.__init__ = built_with_pii_rails

    blocked_message = module._blocked_message

    @functools.wraps(blocked_message)
    def with_pii_rails_message(result: Any) -> str:
        metadata = result.outcome.metadata
        if metadata.get(MARK) and isinstance(metadata.get("block_message"), str):
            return metadata["block_message"]
        return blocked_message(result)

    module._blocked_message = with_pii_rails_message
    setattr(iorails_cls, _INSTALLED, True)
    return True

