"""pii-rails around one IORails engine: conversations, the LLM boundary, streams.

IORails (what ``nemoguardrails.Guardrails`` runs, and ``LLMRails`` and
``nemoguardrails server`` under ``NEMO_GUARDRAILS_IORAILS_ENGINE=true``) calls
pii-rails' actions from its rail catalog. The rest of what pii-rails does
around a turn on ``LLMRails`` needs the engine itself, and :func:`install`
sets it up on one IORails instance:

* **Conversations.** Every call runs in its conversation's vault: the one of a
  :func:`pii_rails.conversation` block, of a server thread, or one rebuilt from
  the request's messages in order of first appearance. IORails runs
  non-streamed calls in worker tasks that do not see the caller's context, so
  the vault is carried to the worker (see ``patches.iorails_carry_vault``).
* **The LLM boundary.** IORails sends the client's messages to the model as
  they came; its input rail rewrites only the last user message. Every request
  to any of the engine's models is masked whole -- earlier turns, the system
  prompt, tool results, the arguments of earlier tool calls -- and tool-call
  arguments in the model's answer get their values back for the caller.
* **Answers.** A non-streamed answer gets the user's values back in the worker
  (:mod:`pii_rails.nemo.iorails` seeds the vault and restores there). A streamed
  one goes through :class:`~pii_rails.nemo.streaming.GuardedStream`, the
  streaming core ``LLMRails`` uses: placeholders restored across chunks, PII the
  model makes up masked, a block ends the stream, held text is never sent
  unchecked, and text goes out as soon as it is settled (NeMo's output-rail
  chunking is bypassed while pii-rails' flows are the only output rails).
* **Logs and threads.** Log redaction (``redact_logs``) and, with
  ``vault.server_threads``, the server's thread store that keeps placeholders only.

The patches themselves are in :mod:`pii_rails.nemo.patches`, each with a row in
``PATCHES``.
"""

from __future__ import annotations

import logging
from typing import Any

from pii_rails.engine import PiiEngine
from pii_rails.masking import logsafe
from pii_rails.nemo import patches
from pii_rails.nemo.registry import attach, attached

log = logging.getLogger("pii_rails")

_INSTALLED = "_pii_rails_iorails_installed"


def install(iorails: Any, engine: PiiEngine) -> None:
    """Set pii-rails up around ``iorails`` (an ``IORails`` instance); idempotent.

    Also makes :func:`pii_rails.engine_for` find ``engine`` for ``iorails``.
    """
    if getattr(iorails, _INSTALLED, False):
        return
    if attached(iorails) is None:
        attach(iorails, engine)
    if engine.settings.redact_logs:
        logsafe.install(engine)
    patches.iorails_scope_calls(iorails, engine)
    if patches.boundary_enabled(engine):
        patches.iorails_wrap_models(iorails, engine)
    if engine.settings.vault.server_threads:
        from pii_rails.nemo.binding import _keep_server_threads

        _keep_server_threads(engine)
    setattr(iorails, _INSTALLED, True)
    boundary = "on" if patches.boundary_enabled(engine) else "off"
    log.info("pii_rails: guarding the IORails engine (LLM boundary %s)", boundary)
