"""Vaults in Redis, sealed, so several replicas serve one conversation.

Each conversation's vault is one Redis value: the vault's state as JSON,
encrypted with AES-256-GCM under a key derived from a secret in the
environment, with the Redis key as associated data (a sealed vault cannot be
moved to another conversation). Values are never written in the clear; the
Redis key holds a digest of the conversation id, not the id itself. Every read
and write renews the conversation's TTL, so an idle conversation's values
disappear from Redis on their own.

A call loads the vault when it starts and saves it when it ends: one turn at
a time per conversation, as chat clients send them.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Optional

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from pii_rails.errors import ConfigError, VaultUnavailableError
from pii_rails.settings import PLUGIN_PATH, VaultOptions
from pii_rails.masking.vault import Vault

MIN_KEY_BYTES = 16
_NONCE_BYTES = 12
_VERSION = b"v1:"


class Sealer:
    """AES-GCM with a key derived (HKDF-SHA256) from a secret of at least 16 bytes."""

    def __init__(self, secret: bytes):
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"pii-rails vault", info=b"aes-256-gcm").derive(secret)
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, context: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, context)

    def open(self, sealed: bytes, context: bytes) -> bytes:
        if not sealed.startswith(_VERSION):
            raise ValueError("not a sealed pii-rails vault")
        body = sealed[len(_VERSION) :]
        return self._aead.decrypt(body[:_NONCE_BYTES], body[_NONCE_BYTES:], context)


class RedisVaultStore:
    """A :class:`~pii_rails.masking.stores.VaultStore` in Redis, shared by replicas.

    Args:
        client: a synchronous ``redis.Redis`` (bytes responses).
        sealer: seals and opens the stored state.
        ttl_seconds: how long an idle conversation's values are kept.
        salt: the vault salt (``hash`` placeholders); replicas must share it.
    """

    prefix = "pii-rails:vault:"

    def __init__(self, client: Any, sealer: Sealer, ttl_seconds: float, salt: Optional[bytes] = None):
        self.client = client
        self.sealer = sealer
        self.ttl = max(1, int(ttl_seconds))
        self._salt = salt

    @classmethod
    def from_options(cls, options: VaultOptions, salt: Optional[bytes] = None) -> "RedisVaultStore":
        """Connect as ``options`` say; every missing or weak setting is a load-time error."""
        path = f"{PLUGIN_PATH}.vault"
        url = os.environ.get(options.redis_url_env)
        if not url:
            raise ConfigError(f"{path}.redis_url_env", options.redis_url_env, "the environment variable is not set")
        secret = os.environ.get(options.key_env, "").encode("utf-8")
        if len(secret) < MIN_KEY_BYTES:
            raise ConfigError(
                f"{path}.key_env",
                options.key_env,
                f"the environment variable must hold a secret of at least {MIN_KEY_BYTES} bytes "
                f"(got {len(secret)}); vault values are never stored unencrypted",
            )
        import redis

        client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        return cls(client, Sealer(secret), options.ttl_seconds, salt)

    def _key(self, conversation_id: str) -> str:
        return self.prefix + hashlib.sha256(conversation_id.encode("utf-8")).hexdigest()

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """One Redis command; any failure to reach the store fails the call closed, without details of the data."""
        try:
            return getattr(self.client, method)(*args, **kwargs)
        except Exception as exc:
            raise VaultUnavailableError(f"vault store unreachable ({type(exc).__name__})") from None

    def get(self, conversation_id: str) -> Vault:
        key = self._key(conversation_id)
        sealed = self._call("getex", key, ex=self.ttl)
        if sealed is None:
            return Vault(conversation_id, self._salt)
        try:
            state = json.loads(self.sealer.open(sealed, key.encode()))
        except (InvalidTag, ValueError):
            # Wrong key, or tampered with: refuse rather than start a new numbering
            # that would restore the wrong values.
            raise VaultUnavailableError(
                "a stored vault could not be opened (is PII_RAILS_VAULT_KEY the same on every replica?)"
            ) from None
        return Vault.from_state(state, conversation_id, self._salt)

    def save(self, vault: Vault) -> None:
        if not vault.conversation_id:
            return
        key = self._key(vault.conversation_id)
        sealed = self.sealer.seal(json.dumps(vault.to_state()).encode("utf-8"), key.encode())
        self._call("set", key, sealed, ex=self.ttl)

    def drop(self, conversation_id: str) -> None:
        self._call("delete", self._key(conversation_id))
