"""Thread histories for ``nemoguardrails server`` that hold placeholders, not values.

With ``guardrails.thread_id`` the NeMo server keeps a conversation's messages
in its datastore and prepends them to the next request. Its own stores keep
them as sent, PII included. :class:`MaskedThreadStore` keeps each message
with the conversation's placeholders instead: the values live only in the
conversation's vault (sealed, with a TTL, when the vault store is Redis), so
forgetting the vault forgets the values, and a thread started on one replica
continues on another when both share the Redis.

The store also tells pii-rails which thread a request belongs to, so the
request uses that thread's vault.
"""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict
from typing import Any, Optional, Tuple, cast

from nemoguardrails.server.datastore.datastore import DataStore

from pii_rails.nemo import conversations
from pii_rails.masking.vault import Vault

log = logging.getLogger("pii_rails")

THREAD_PREFIX = "thread-"


def _conceal(vault: Vault, value: Any) -> Any:
    if isinstance(value, str):
        return vault.conceal(value)
    if isinstance(value, list):
        return [_conceal(vault, v) for v in value]
    if isinstance(value, dict):
        kept = ("role", "type", "id", "tool_call_id", "name")
        return {k: v if k in kept else _conceal(vault, v) for k, v in value.items()}
    return value


class MaskedThreadStore(DataStore):
    """A NeMo server ``DataStore`` for threads, in Redis (shared) or in memory.

    Args:
        redis_url: Redis to keep threads in; ``None`` keeps them in this process.
        ttl_seconds: how long an idle thread is kept (renewed on every use).
    """

    prefix = "pii-rails:"

    def __init__(self, redis_url: Optional[str] = None, ttl_seconds: float = 3600.0, max_threads: int = 10000):
        self.ttl = max(1, int(ttl_seconds))
        self.max_threads = max(1, int(max_threads))
        # Least recently used first, so the oldest thread goes when the bound is reached.
        self._memory: "OrderedDict[str, Tuple[float, str]]" = OrderedDict()
        self._redis = None
        if redis_url:
            import redis.asyncio

            self._redis = redis.asyncio.Redis.from_url(redis_url, socket_timeout=5, decode_responses=True)

    async def get(self, key: str) -> Optional[str]:
        if key.startswith(THREAD_PREFIX):
            conversations.enter_thread(key)
        if self._redis is not None:
            # decode_responses=True: Redis answers str, not the bytes its types also allow.
            return cast(Optional[str], await self._redis.getex(self.prefix + key, ex=self.ttl))
        stored = self._memory.get(key)
        if stored is None or time.monotonic() - stored[0] > self.ttl:
            self._memory.pop(key, None)
            return None
        self._memory[key] = (time.monotonic(), stored[1])
        self._memory.move_to_end(key)
        return stored[1]

    async def set(self, key: str, value: str) -> None:
        vault = conversations.last_vault()
        if vault is not None and vault.conversation_id == key:
            value = json.dumps(_conceal(vault, json.loads(value)))
        else:
            log.warning("pii_rails: thread %s was answered without pii-rails; stored as it is", key)
        if self._redis is not None:
            await self._redis.set(self.prefix + key, value, ex=self.ttl)
        else:
            now = time.monotonic()
            self._memory[key] = (now, value)
            self._memory.move_to_end(key)
            # Bounded like the vaults: expired threads first, then the least recently used.
            while self._memory:
                oldest, (used, _) = next(iter(self._memory.items()))
                if now - used <= self.ttl and len(self._memory) <= self.max_threads:
                    break
                del self._memory[oldest]
