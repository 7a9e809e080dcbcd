"""End to end behind ``nemoguardrails server``: real server processes, a real
recording OpenAI-compatible upstream and a real Redis, all on 127.0.0.1.

The client talks HTTP to the server like any OpenAI client; the upstream
keeps every byte it receives, and the assertions are on those bytes.

Every test runs on both NeMo engines: the server as it comes (LLMRails) and with
``NEMO_GUARDRAILS_IORAILS_ENGINE=true`` (IORails), with the same assertions.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

import pii_rails

from conftest import ENGINES, EXAMPLES
from pii_rails.testing.upstream import RecordingUpstream, echo_reply
from servers import NemoServer, RedisServer, server_env, streamed_text

ADA = "Ada Lovelace"
EMAIL = "ada.lovelace@example.com"
PHONE = "212-555-0199"
CARD = "4111 1111 1111 1111"
AWS_KEY = "AKIAZ7Q4MXK2P9LDW3RT"
GRACE = "Grace Hopper"
GRACE_EMAIL = "grace.hopper@navy-example.org"
CHUNK_OWNER = "Priya Raman"
CHUNK_EMAIL = "priya.raman@contoso-example.com"
# What the model makes up on every answer: a phone number nobody gave it.
INVENTED = "415-555-0132"

USER_VALUES = [ADA, EMAIL, PHONE, CARD, AWS_KEY]
SRC = Path(pii_rails.__file__).resolve().parent.parent
ALL_VALUES = USER_VALUES + [GRACE, GRACE_EMAIL, CHUNK_OWNER, CHUNK_EMAIL]


@pytest.fixture(scope="module")
def upstream():
    with RecordingUpstream(echo_reply(f"Or call me at {INVENTED}."), chunk_chars=3) as up:
        yield up


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    yield server
    server.stop()


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    return request.param


def _config(root, upstream, engine, name, edit=None):
    """config/server as shipped, in a directory called ``name``: the same files on both
    engines (its upstream's URL comes from PII_RAILS_UPSTREAM_URL on either)."""
    config_dir = root / name
    shutil.copytree(EXAMPLES / "server", config_dir)
    if edit is not None:
        config = yaml.safe_load((config_dir / "config.yml").read_text())
        edit(config)
        (config_dir / "config.yml").write_text(yaml.safe_dump(config))
    return config_dir


def _env(engine, upstream, root, redis_url=None):
    env = server_env(upstream.url, redis_url)
    if engine == "iorails":
        env["NEMO_GUARDRAILS_IORAILS_ENGINE"] = "true"
        # The wheel's pii_rails_autoload.pth hooks pii-rails into IORails at interpreter
        # start; a source checkout on PYTHONPATH has no site directory for it, so the
        # server gets the same line as a sitecustomize module.
        site = root / "site"
        site.mkdir(exist_ok=True)
        (site / "sitecustomize.py").write_text((SRC / "pii_rails_autoload.pth").read_text())
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH")) if p)
    return env


@pytest.fixture(scope="module")
def replicas(tmp_path_factory, upstream, redis_server, engine):
    """Two servers of config/server as shipped, sharing one Redis."""
    logs = tmp_path_factory.mktemp(f"replicas-{engine}")
    config_dir = _config(logs, upstream, engine, "server")
    env = _env(engine, upstream, logs, redis_server.url)
    started = []
    try:
        for name in ("a", "b"):
            started.append(NemoServer(config_dir, env, logs / f"{name}.log"))
        yield started
    finally:
        for server in started:
            server.stop()


@pytest.fixture(scope="module")
def raw_stream_server(tmp_path_factory, upstream, engine):
    """config/server without output rails: the model's tokens stream straight through,
    so restoring has to cope with placeholders split across the upstream's chunks."""
    root = tmp_path_factory.mktemp(f"raw-{engine}")
    config_dir = _config(root, upstream, engine, "server-raw", edit=lambda config: config["rails"].pop("output"))
    server = NemoServer(config_dir, _env(engine, upstream, root), root / "server.log")
    yield server
    server.stop()


def _conversation():
    return [
        {"role": "system", "content": f"You help {GRACE} ({GRACE_EMAIL}) with her team's accounts."},
        {"role": "user", "content": f"Hi, I'm {ADA}, mail {EMAIL} or call {PHONE}."},
        {"role": "assistant", "content": f"Hello {ADA}, noted your details."},
        {"role": "user", "content": f"Put card {CARD} on file; my AWS key {AWS_KEY} leaked, rotate it."},
    ]


def _context():
    return {"config_id": "server", "context": {"relevant_chunks": f"Account owner: {CHUNK_OWNER}, {CHUNK_EMAIL}."}}


def _new_requests(upstream, before: int):
    return [body.decode("utf-8") for body in upstream.bodies[before:]]


def assert_clean(received: list, values=ALL_VALUES):
    assert received, "the upstream received nothing"
    for body in received:
        for value in values:
            assert value not in body, f"{value!r} reached the upstream"


@pytest.mark.parametrize("stream", [False, True], ids=["json", "stream"])
def test_upstream_gets_placeholders_and_the_client_its_values(replicas, upstream, stream):
    server = replicas[0]
    before = len(upstream.bodies)
    if stream:
        events = server.stream(_conversation(), guardrails=_context())
        answer = streamed_text(events)
    else:
        response = server.chat(_conversation(), guardrails=_context())
        assert response.status_code == 200, response.text
        answer = response.json()["choices"][0]["message"]["content"]

    received = _new_requests(upstream, before)
    assert_clean(received)
    prompt = json.loads(received[-1])
    everything = json.dumps(prompt["messages"])
    # Earlier turns, the system prompt and the retrieved chunk were all there, masked.
    for token in ("<PERSON_1>", "<EMAIL_ADDRESS_1>", "<PERSON_2>", "<PHONE_NUMBER_1>", "<CREDIT_CARD_1>", "<AWS_ACCESS_KEY_ID_1>"):
        assert token in everything
    assert "Account owner: <PERSON_3>, <EMAIL_ADDRESS_3>" in everything

    # The model echoed the latest message's placeholders: the client gets its own values.
    assert answer.startswith(f"Noted: {CARD}, {AWS_KEY}."), answer
    # The phone number the model made up is masked, and not as the user's phone.
    assert INVENTED not in answer and PHONE not in answer
    assert "<PHONE_NUMBER_" in answer


def test_streamed_placeholders_split_across_chunks_are_restored(raw_stream_server, upstream):
    upstream.chunk_chars = 1
    try:
        before = len(upstream.bodies)
        messages = [{"role": "user", "content": f"I'm {ADA}, mail {EMAIL}, card {CARD}."}]
        events = raw_stream_server.stream(messages, guardrails={"config_id": "server-raw"})
    finally:
        upstream.chunk_chars = 3
    answer = streamed_text(events)
    assert_clean(_new_requests(upstream, before), USER_VALUES)
    # Every placeholder reached the server one character at a time.
    assert len(events) > 40
    assert answer == f"Noted: {ADA}, {EMAIL}, {CARD}. Or call me at {INVENTED}."
    # Nothing was held longer than a placeholder needs: text before the first one came at once.
    first_chunks = [json.loads(e)["choices"][0]["delta"].get("content") for e in events[:7]]
    assert "".join(c or "" for c in first_chunks).startswith("Noted: ")


def test_two_replicas_answer_alternate_turns_without_shared_state(replicas, upstream, redis_server):
    a, b = replicas
    redis_server.client.flushall()
    messages = [{"role": "user", "content": f"I'm {ADA}, reach me at {EMAIL}."}]
    before = len(upstream.bodies)
    for turn, server in enumerate([a, b, a, b]):
        response = server.chat(messages, guardrails={"config_id": "server"})
        assert response.status_code == 200, response.text
        answer = response.json()["choices"][0]["message"]["content"]
        messages.append({"role": "assistant", "content": answer})
        messages.append({"role": "user", "content": f"Turn {turn}: still {ADA} here, phone {PHONE}."})
    received = _new_requests(upstream, before)
    assert_clean(received, [ADA, EMAIL, PHONE])
    # Each replica rebuilt the same numbering from the history alone.
    for body in received:
        # The first user turn (LLMRails puts its template's system message before it).
        first = next(m for m in json.loads(body)["messages"] if m["role"] == "user")
        assert "<PERSON_1>" in first["content"] and "<EMAIL_ADDRESS_1>" in first["content"]
    assert messages[1]["content"].startswith(f"Noted: {ADA}, {EMAIL}.")
    assert messages[3]["content"].startswith(f"Noted: {ADA}, {PHONE}.")
    # Stateless requests put nothing in the shared store.
    assert list(redis_server.dump()) == []


def test_a_thread_started_on_one_replica_continues_on_the_other(replicas, upstream, redis_server):
    a, b = replicas
    thread = {"config_id": "server", "thread_id": "thread-for-ada-0001"}
    first = a.chat([{"role": "user", "content": f"I'm {ADA}, mail {EMAIL}, card {CARD}."}], guardrails=thread)
    assert first.status_code == 200, first.text
    assert first.json()["choices"][0]["message"]["content"].startswith(f"Noted: {ADA}, {EMAIL}, {CARD}.")

    before = len(upstream.bodies)
    second = b.chat([{"role": "user", "content": "Which details do you have on file for me?"}], guardrails=thread)
    assert second.status_code == 200, second.text
    # Replica b knew the thread's history and its values from Redis alone.
    received = _new_requests(upstream, before)
    assert_clean(received, [ADA, EMAIL, CARD])
    history = json.dumps(json.loads(received[-1])["messages"])
    assert "<PERSON_1>" in history and "<EMAIL_ADDRESS_1>" in history and "<CREDIT_CARD_1>" in history
    assert second.json()["choices"][0]["message"]["content"].startswith(f"Noted: {ADA}, {EMAIL}, {CARD}")

    # At rest: the thread holds placeholders, the vault is sealed, both expire.
    stored = list(redis_server.dump())
    assert {key.split(b":")[1] for key, _, _ in stored} == {b"thread-thread-for-ada-0001", b"vault"}
    for key, value, ttl in stored:
        assert 0 < ttl <= 3600
        for raw in (ADA, EMAIL, CARD, "Lovelace", "4111"):
            assert raw.encode() not in value, f"{raw!r} stored in the clear under {key!r}"
        if b":vault:" in key:
            assert value.startswith(b"v1:")
        else:
            assert "<PERSON_1>" in value.decode()


def test_the_engine_asked_for_is_the_one_that_served(replicas, engine):
    a, _ = replicas
    response = a.chat([{"role": "user", "content": f"I'm {ADA}."}], guardrails={"config_id": "server"})
    assert response.status_code == 200, response.text
    log = a.log.read_text()
    # IORails logs each request it runs; LLMRails has no such line. No silent fallback.
    assert ("generate_async called" in log) == (engine == "iorails"), log[-2000:]
    assert "Falling back to LLMRails" not in log
    # config/server as shipped: pii-rails' start-up line names the engine that runs it (NeMo's
    # verbose mode, on under LLMRails, prints "title :: body" records as "title body").
    ran = "IORails" if engine == "iorails" else "LLMRails"
    assert re.search(rf"pii-rails (:: )?configuration 'server' runs on {ran}\b", log), log[-2000:]
    assert "IORails cannot" not in log and "NEMO_GUARDRAILS_IORAILS_ENGINE is on" not in log


def test_the_server_logs_hold_no_raw_value(replicas, raw_stream_server, engine):
    """Everything the servers logged while serving this module's requests (NeMo's
    own records and uvicorn's), with ``redact_logs`` on as config/server ships it."""
    assert "pii_rails" in replicas[0].log.read_text()  # the server did log its turns
    for server in [*replicas, raw_stream_server]:
        log = server.log.read_text()
        for value in ALL_VALUES + [INVENTED]:
            assert value not in log, f"{value!r} in the {engine} server's log"
