"""Which conversation a NeMo call belongs to, and so which vault it uses.

* A conversation with an id keeps its vault in the engine's store between
  calls (TTL and size bound from ``custom_data.pii_rails.vault``). The id comes
  from :func:`conversation` around the call, a ``conversation_id`` in the
  request's ``context`` message, or -- for Colang 2.x ``State`` objects -- an id
  pii-rails stamps into the state on the first call.
* A ``nemoguardrails server`` thread (``guardrails.thread_id``) uses the
  thread's vault when the server keeps threads in a
  :class:`~pii_rails.nemo.threads.MaskedThreadStore`.
* Any other call gets a vault of its own, rebuilt from the request's messages
  in order of first appearance: stateless, the same numbers on every replica,
  and nothing shared that another conversation could read.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import uuid
from typing import Any, Iterator, List, Optional

from pii_rails.masking import vault as vaults
from pii_rails.engine import PiiEngine
from pii_rails.nemo.registry import engine_for
from pii_rails.masking.vault import Vault

log = logging.getLogger("pii_rails")

CONTEXT_KEY = "conversation_id"
STATE_KEY = "pii_rails_conversation_id"

# Set within one server request: the thread it continues, and the vault its
# call used (the thread store conceals the stored history with it).
_thread: contextvars.ContextVar[Optional[str]] = contextvars.ContextVar("pii_rails_thread", default=None)
_last: contextvars.ContextVar[Optional[Vault]] = contextvars.ContextVar("pii_rails_last_vault", default=None)


def enter_thread(thread_id: str) -> None:
    """Make the rest of this request (task) use the vault of ``thread_id``."""
    _thread.set(thread_id)


def last_vault() -> Optional[Vault]:
    """The vault the last call in this request (task) used."""
    return _last.get()


def keep(engine: PiiEngine, vault: Vault) -> None:
    """Save what a call added to a stored conversation's vault."""
    _last.set(vault)
    if vault.conversation_id:
        engine.vaults.save(vault)


def _engine(target: Any) -> PiiEngine:
    if isinstance(target, PiiEngine):
        return target
    return engine_for(target)


@contextlib.contextmanager
def conversation(target: Any, conversation_id: Optional[str] = None) -> Iterator[Vault]:
    """Run NeMo calls (or engine calls) in one conversation.

    ``target`` is an ``LLMRails`` with pii-rails, or a :class:`PiiEngine`.
    With an id, the vault lives on in the engine's store, so placeholders stay
    the same across calls; without one, the block gets a fresh vault.

    Example:
        >>> with pii_rails.conversation(rails, "ticket-4711"):  # doctest: +SKIP
        ...     await rails.generate_async(messages=[...])
    """
    engine = _engine(target)
    with vaults.use(engine.vault(conversation_id)) as vault:
        yield vault


def forget(target: Any, conversation_id: str) -> None:
    """Drop a conversation's vault now, before its TTL runs out."""
    _engine(target).vaults.drop(conversation_id)


def _id_from_messages(messages: Optional[List[dict]]) -> Optional[str]:
    for message in messages or []:
        if isinstance(message, dict) and message.get("role") == "context":
            content = message.get("content")
            if isinstance(content, dict) and content.get(CONTEXT_KEY):
                return str(content[CONTEXT_KEY])
    return None


def _id_from_state(state: Any) -> Optional[str]:
    context = getattr(state, "context", None)
    if isinstance(context, dict) and context.get(STATE_KEY):
        return str(context[STATE_KEY])
    return None


def choose(engine: PiiEngine, messages: Optional[List[dict]] = None, state: Any = None) -> Vault:
    """The vault a call uses: the current one, its conversation's, or a fresh one."""
    current = vaults.current()
    if current is not None:
        return current
    return engine.vault(_thread.get() or _id_from_messages(messages) or _id_from_state(state))


def stamp(state: Any, vault: Vault) -> None:
    """Remember a Colang 2.x state's conversation, so its next call finds the vault."""
    context = getattr(state, "context", None)
    if not isinstance(context, dict) or context.get(STATE_KEY):
        return
    if vault.conversation_id is None:
        return
    context[STATE_KEY] = vault.conversation_id


async def seed(engine: PiiEngine, vault: Vault, messages: Optional[List[dict]]) -> None:
    """Number the request's values in order; on failure the boundary fails closed later."""
    if not messages:
        return
    try:
        await asyncio.to_thread(engine.seed, vault, messages)
    except Exception as exc:
        log.error("pii_rails: could not number the conversation's values (%s)", type(exc).__name__)


def new_state_vault(engine: PiiEngine) -> Vault:
    """A stored vault for a Colang 2.x conversation that has no id yet."""
    return engine.vault(f"state-{uuid.uuid4()}")
