"""The Redis vault store: shared by replicas, sealed at rest, bounded in time, fails closed."""

from __future__ import annotations

import pytest

from conftest import make_rails, plugin_config
from pii_rails.engine import PiiEngine
from pii_rails.errors import ConfigError
from pii_rails.masking.redis_store import RedisVaultStore, VaultUnavailableError
from servers import RedisServer, free_port

KEY = "a-test-key-that-is-long-enough"
OPTIONS = {
    "reversible": True,
    "input": {"entities": ["PERSON", "EMAIL_ADDRESS"]},
    "output": {"entities": ["PERSON", "EMAIL_ADDRESS"]},
    "vault": {"store": "redis", "ttl_seconds": 120},
}


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture
def redis_env(monkeypatch, redis_server):
    redis_server.client.flushall()
    monkeypatch.setenv("PII_RAILS_REDIS_URL", redis_server.url)
    monkeypatch.setenv("PII_RAILS_VAULT_KEY", KEY)
    return redis_server


def _masked(engine, conversation_id, text):
    vault = engine.vaults.get(conversation_id)
    result = engine.guard(text, vault=vault)
    engine.vaults.save(vault)
    return result.text


def test_two_engines_share_a_conversation_sealed(redis_env):
    first, second = PiiEngine.from_dict(OPTIONS), PiiEngine.from_dict(OPTIONS)
    assert isinstance(first.vaults, RedisVaultStore)
    assert _masked(first, "c-1", "I'm Ada Lovelace, ada@example.com") == "I'm <PERSON_1>, <EMAIL_ADDRESS_1>"
    # Another replica continues the numbering and restores the first one's values.
    assert _masked(second, "c-1", "Grace Hopper here") == "<PERSON_2> here"
    assert second.vaults.get("c-1").restore("<PERSON_1> and <PERSON_2>")[0] == "Ada Lovelace and Grace Hopper"
    # Another conversation sees none of it.
    assert first.vaults.get("c-2").restore("<PERSON_1>")[0] == "<PERSON_1>"

    stored = list(redis_env.dump())
    assert len(stored) == 1
    key, value, ttl = stored[0]
    assert b"c-1" not in key and value.startswith(b"v1:") and 0 < ttl <= 120
    for raw in (b"Ada", b"Lovelace", b"ada@example.com", b"Grace", b"PERSON"):
        assert raw not in value


def test_forget_drops_the_values(redis_env):
    engine = PiiEngine.from_dict(OPTIONS)
    _masked(engine, "c-3", "I'm Ada Lovelace")
    engine.vaults.drop("c-3")
    assert list(redis_env.dump()) == []
    assert engine.vaults.get("c-3").restore("<PERSON_1>")[0] == "<PERSON_1>"


def test_a_different_key_cannot_open_a_vault(redis_env, monkeypatch):
    _masked(PiiEngine.from_dict(OPTIONS), "c-4", "I'm Ada Lovelace")
    monkeypatch.setenv("PII_RAILS_VAULT_KEY", "another-key-of-enough-length")
    with pytest.raises(VaultUnavailableError, match="could not be opened"):
        PiiEngine.from_dict(OPTIONS).vaults.get("c-4")


def test_a_sealed_vault_cannot_be_moved_to_another_conversation(redis_env):
    engine = PiiEngine.from_dict(OPTIONS)
    _masked(engine, "victim", "I'm Ada Lovelace")
    store = engine.vaults
    redis_env.client.set(store._key("attacker"), redis_env.client.get(store._key("victim")))
    with pytest.raises(VaultUnavailableError):
        store.get("attacker")


def test_unreachable_redis_fails_closed(monkeypatch):
    monkeypatch.setenv("PII_RAILS_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    monkeypatch.setenv("PII_RAILS_VAULT_KEY", KEY)
    engine = PiiEngine.from_dict(OPTIONS)
    with pytest.raises(VaultUnavailableError, match="unreachable"):
        engine.vaults.get("c-5")


async def test_rails_with_an_unreachable_store_send_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PII_RAILS_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    monkeypatch.setenv("PII_RAILS_VAULT_KEY", KEY)
    config = plugin_config(
        tmp_path, "reversible: true\ninput: {entities: [PERSON]}\nvault: {store: redis}\n", output=True
    )
    rails, llm = make_rails(config, ["Hi <PERSON_1>"])
    messages = [{"role": "context", "content": {"conversation_id": "c-6"}}, {"role": "user", "content": "I'm Ada Lovelace"}]
    with pytest.raises(VaultUnavailableError):
        await rails.generate_async(messages=messages)
    assert llm.prompts == []


@pytest.mark.parametrize(
    "env, path",
    [
        ({}, "custom_data.pii_rails.vault.redis_url_env"),
        ({"PII_RAILS_REDIS_URL": "redis://127.0.0.1:1/0"}, "custom_data.pii_rails.vault.key_env"),
        ({"PII_RAILS_REDIS_URL": "redis://127.0.0.1:1/0", "PII_RAILS_VAULT_KEY": "short"}, "custom_data.pii_rails.vault.key_env"),
    ],
)
def test_missing_settings_fail_at_load(monkeypatch, env, path):
    for name in ("PII_RAILS_REDIS_URL", "PII_RAILS_VAULT_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as error:
        PiiEngine.from_dict(OPTIONS)
    assert error.value.path == path


def test_auto_is_memory_without_a_url(monkeypatch):
    monkeypatch.delenv("PII_RAILS_REDIS_URL", raising=False)
    engine = PiiEngine.from_dict({**OPTIONS, "vault": {"store": "auto"}})
    assert not isinstance(engine.vaults, RedisVaultStore)
