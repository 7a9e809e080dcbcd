"""Fifty clients, twenty turns each, at once, through a real NeMo server process.

No request fails, no conversation ever gets another's values back, no value
reaches the upstream, and the server keeps answering other requests while
it works (detection runs off its event loop). Bounded by timeouts, not timed.
"""

from __future__ import annotations

import asyncio
import json
import shutil

import httpx
import pytest
import yaml

from conftest import EXAMPLES, card_number
from pii_rails.testing.upstream import RecordingUpstream, echo_reply
from servers import NemoServer, server_env

CLIENTS = 50
TURNS = 20


def _values(client: int):
    return {
        "email": f"client{client:02d}.owner@example-{client:02d}.com",
        "phone": f"212-555-{1000 + client:04d}",
        "card": card_number(f"41{7_000_000 + client * 7919:013d}"),
    }


@pytest.fixture(scope="module")
def upstream():
    with RecordingUpstream(echo_reply(), chunk_chars=5) as up:
        yield up


@pytest.fixture(scope="module")
def server(tmp_path_factory, upstream):
    """config/server as shipped, but for NeMo's 5 s connect timeout to the model: with
    fifty requests in flight on two cores, NeMo's own Colang runtime (synchronous, on
    the event loop) can hold the loop past it, and the turn would fail before
    reaching the upstream."""
    root = tmp_path_factory.mktemp("concurrency")
    config_dir = root / "server"
    shutil.copytree(EXAMPLES / "server", config_dir)
    config = yaml.safe_load((config_dir / "config.yml").read_text())
    config["models"][0]["parameters"]["connect_timeout"] = 120
    (config_dir / "config.yml").write_text(yaml.safe_dump(config))
    server = NemoServer(config_dir, server_env(upstream.url), root / "server.log")
    yield server
    server.stop()


async def _conversation(client: int, http: httpx.AsyncClient, url: str):
    mine = _values(client)
    messages, answers = [], []
    for turn in range(TURNS):
        field = ("email", "phone", "card")[turn % 3]
        messages.append({"role": "user", "content": f"Turn {turn}: my {field} is {mine[field]}, keep it on file."})
        body = {"model": "gpt-4o-mini", "messages": messages[-5:], "guardrails": {"config_id": "server"}}
        response = await http.post(url, json=body)
        assert response.status_code == 200, response.text
        answer = response.json()["choices"][0]["message"]["content"]
        answers.append(answer)
        assert mine[field] in answer, (client, turn, answer)
        messages.append({"role": "assistant", "content": answer})
    return answers


async def _probe(url: str, stop: asyncio.Event, latencies: list):
    async with httpx.AsyncClient(timeout=60) as http:
        while not stop.is_set():
            start = asyncio.get_running_loop().time()
            response = await http.get(url)
            assert response.status_code == 200
            latencies.append(asyncio.get_running_loop().time() - start)
            await asyncio.sleep(0.5)


async def test_fifty_clients_twenty_turns(server, upstream):
    before = len(upstream.bodies)
    stop, probes = asyncio.Event(), []
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(timeout=600, limits=limits) as http:
        url = f"{server.url}/v1/chat/completions"
        probe = asyncio.create_task(_probe(f"{server.url}/v1/rails/configs", stop, probes))
        results = await asyncio.wait_for(
            asyncio.gather(*(_conversation(c, http, url) for c in range(CLIENTS))), timeout=1800
        )
        stop.set()
        await probe  # re-raises if the server stopped answering
    print(f"probe latency under load: median {sorted(probes)[len(probes) // 2]:.2f}s, max {max(probes):.2f}s")

    assert len(results) == CLIENTS and all(len(a) == TURNS for a in results)
    assert probes, "the server was never probed during the load"
    # Nobody got anybody else's values.
    for client, answers in enumerate(results):
        text = "\n".join(answers)
        for other in range(CLIENTS):
            if other != client:
                for value in _values(other).values():
                    assert value not in text, (client, other, value)
    # The upstream got every turn, and no value at all.
    received = [json.loads(b) for b in upstream.bodies[before:]]
    assert len(received) == CLIENTS * TURNS
    everything = "\n".join(json.dumps(r["messages"]) for r in received)
    for client in range(CLIENTS):
        for value in _values(client).values():
            assert value not in everything, value
