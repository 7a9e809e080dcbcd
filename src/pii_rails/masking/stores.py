"""Where the vaults of conversations with an id live between requests.

:class:`MemoryVaultStore` keeps them in this process; the Redis store
(:mod:`pii_rails.masking.redis_store`) shares them, sealed, between replicas.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Optional, Protocol

from pii_rails.masking.vault import Vault


class VaultStore(Protocol):
    """Where vaults of conversations with an id live between requests."""

    def get(self, conversation_id: str) -> Vault:
        """The conversation's vault; a new one when it has none (or it expired)."""

    def save(self, vault: Vault) -> None:
        """Keep what a call added to ``vault`` (a no-op for stores holding the object itself)."""

    def drop(self, conversation_id: str) -> None:
        """Forget a conversation's values now."""


class MemoryVaultStore:
    """Vaults in this process's memory, dropped after ``ttl_seconds`` unused and
    beyond ``max_conversations`` (least recently used first)."""

    def __init__(self, ttl_seconds: float = 3600.0, max_conversations: int = 10000, salt: Optional[bytes] = None):
        self.ttl_seconds = ttl_seconds
        self.max_conversations = max_conversations
        self._salt = salt
        self._vaults: "OrderedDict[str, Vault]" = OrderedDict()
        self._lock = threading.Lock()
        # No vault can expire before this: ``touched`` only moves forward, so the
        # scan over every conversation runs when one may have expired, not on every get.
        self._next_expiry = float("inf")

    def __len__(self) -> int:
        return len(self._vaults)

    def get(self, conversation_id: str) -> Vault:
        now = time.monotonic()
        with self._lock:
            self._expire(now)
            vault = self._vaults.get(conversation_id)
            if vault is None:
                vault = Vault(conversation_id, self._salt)
                self._vaults[conversation_id] = vault
                self._next_expiry = min(self._next_expiry, now + self.ttl_seconds)
                while len(self._vaults) > self.max_conversations:
                    self._vaults.popitem(last=False)
            self._vaults.move_to_end(conversation_id)
            vault.touched = now
            return vault

    def save(self, vault: Vault) -> None:
        pass

    def drop(self, conversation_id: str) -> None:
        with self._lock:
            self._vaults.pop(conversation_id, None)

    def _expire(self, now: float) -> None:
        if now <= self._next_expiry:
            return
        stale = [cid for cid, v in self._vaults.items() if now - v.touched > self.ttl_seconds]
        for cid in stale:
            del self._vaults[cid]
        self._next_expiry = min((v.touched for v in self._vaults.values()), default=float("inf")) + self.ttl_seconds
