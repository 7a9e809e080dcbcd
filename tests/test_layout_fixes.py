"""Bugs found while laying the packages out (issue 14), each pinned."""

from __future__ import annotations

import asyncio
import json

import pytest
from servers import free_port

from pii_rails import PiiEngine, VaultUnavailableError
from pii_rails.nemo.threads import MaskedThreadStore


def test_log_redaction_redacts_phone_numbers_as_masking_does():
    """The redactor's "NER only" set came from Presidio's NER mapping, which lists
    PHONE_NUMBER: log records kept numbers that mask() replaced."""
    engine = PiiEngine.from_dict({"input": {"entities": ["PHONE_NUMBER", "EMAIL_ADDRESS", "PERSON"]}})
    text = "call me at +1 212-555-0199 or ada@example.com"
    assert "212-555-0199" not in engine.mask(text).masked_text
    redacted = engine.redact(text)
    assert "212-555-0199" not in redacted and "<PHONE_NUMBER>" in redacted
    assert "ada@example.com" not in redacted


def test_audit_events_name_every_recognizer_alike():
    """Presidio-derived recognizers were reported as CreditCard, UsSsn next to EmailRecognizer."""
    engine = PiiEngine.from_dict(
        {"input": {"entities": ["CREDIT_CARD", "US_SSN", "EMAIL_ADDRESS", "IBAN_CODE", "IP_ADDRESS", "PHONE_NUMBER"]}}
    )
    text = "Card 4111 1111 1111 1111, SSN 219-09-9999, ada@example.com, DE89370400440532013000, 10.1.2.3"
    names = {s.recognizer for s in engine.detect(text)}
    assert {"CreditCardRecognizer", "UsSsnRecognizer", "EmailRecognizer", "IbanRecognizer", "IpRecognizer"} <= names
    for recognizer in engine.analyzer.registry.recognizers:
        assert recognizer.name.endswith("Recognizer"), recognizer.name


def test_thread_store_in_memory_is_bounded():
    store = MaskedThreadStore(None, ttl_seconds=3600, max_threads=5)

    async def fill():
        for i in range(50):
            await store.set(f"thread-{i}", json.dumps([{"role": "user", "content": "hi"}]))
        # The most recent threads are kept, and a read keeps a thread alive.
        assert await store.get("thread-49") is not None
        assert await store.get("thread-0") is None

    asyncio.run(fill())
    assert len(store._memory) == 5


def test_redis_vault_drop_fails_closed_like_get_and_save(monkeypatch):
    """drop() let Redis' own ConnectionError through while get/save raise VaultUnavailableError."""
    monkeypatch.setenv("PII_RAILS_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    monkeypatch.setenv("PII_RAILS_VAULT_KEY", "k" * 32)
    engine = PiiEngine.from_dict({"reversible": True, "vault": {"store": "redis"}, "input": {"entities": ["PERSON"]}})
    with pytest.raises(VaultUnavailableError):
        engine.vaults.drop("c1")


def test_no_recognizer_class_shares_a_name_with_another():
    """Presidio resolves recognizer classes by __name__ over every EntityRecognizer subclass
    loaded in the process: a class of ours named like one of Presidio's (EmailRecognizer,
    UrlRecognizer) could replace Presidio's own in another analyzer, e.g. NeMo's built-in."""
    import collections

    from presidio_analyzer.recognizer_registry.recognizers_loader_utils import RecognizerListLoader

    from pii_rails.detection import predefined, recognizers  # noqa: F401  (load every class of ours)

    names = collections.Counter(c.__name__ for c in RecognizerListLoader.get_all_existing_recognizers())
    clashes = [n for n, k in names.items() if k > 1]
    assert not clashes
    email_cls = RecognizerListLoader.get_existing_recognizer_cls("EmailRecognizer")
    assert email_cls.__module__.startswith("presidio_analyzer")
    engine = PiiEngine.from_dict({"input": {"entities": ["URL", "EMAIL_ADDRESS"]}})
    found = {s.recognizer for s in engine.detect("Write to ada@example.com or see https://example.org/help")}
    assert found == {"EmailRecognizer", "UrlRecognizer"}
