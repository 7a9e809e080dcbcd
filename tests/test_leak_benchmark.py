"""pii-leak-benchmark, an outside check nobody on the project wrote, against the shipped server.

A real ``nemoguardrails server --config config/server`` on 127.0.0.1 sends its
model traffic to the benchmark's capture upstream (``PII_RAILS_UPSTREAM_URL``);
``pii-leak-benchmark ci`` sends the server synthetic personal data and secrets
(an e-mail address, an SSN from the never-issued 900-999 area, a test card
number, AWS/GitHub/Slack specimens), looks at every byte that reaches the
upstream, and checks the client gets its own values back, streamed one
character per event. Each seed fixes other values; every run must be CLEAN:
nothing leaked and every check passed.

The benchmark's capture echoes the last message of the request it receives.
NeMo chooses its prompt by the model a request names; the request names the
model config/server declares (``gpt-4o-mini``), so NeMo sends the chat
messages, as it does for that model's clients.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from conftest import EXAMPLES
from servers import BIN, NemoServer, free_port, server_env

SEEDS = ("pii-rails-1", "pii-rails-2", "pii-rails-3")
MODEL = "gpt-4o-mini"  # the main model of config/server


@pytest.fixture(scope="module")
def gateway(tmp_path_factory):
    if not (BIN / "pii-leak-benchmark").exists():
        pytest.fail("pii-leak-benchmark is not installed (it is in the test extra: pip install -e '.[test]')")
    logs = tmp_path_factory.mktemp("leak-benchmark")
    capture_port = free_port()
    env = server_env(f"http://127.0.0.1:{capture_port}/v1")
    env["COLANGPATH"] = os.environ.get("COLANGPATH", "")
    server = NemoServer(EXAMPLES / "server", env, logs / "server.log")
    try:
        yield server, capture_port, logs
    finally:
        server.stop()


@pytest.mark.parametrize("seed", SEEDS)
def test_the_server_is_clean_under_the_leak_benchmark(gateway, seed):
    server, capture_port, logs = gateway
    out = logs / f"report-{seed}"
    command = [
        str(BIN / "pii-leak-benchmark"), "ci",
        "--target-base-url", f"{server.url}/v1",
        "--target-model", MODEL,
        "--capture-host", "127.0.0.1", "--capture-port", str(capture_port),
        "--seed", seed, "--iterations", "2", "--timeout-seconds", "120",
        "--out", str(out),
    ]  # fmt: skip
    env = {**os.environ, "BENCHMARK_SUBMISSION_SECTION": "false", "NO_PROXY": "127.0.0.1,localhost"}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    report = json.loads((out / "current.json").read_text())
    summary = f"{done.stdout[-3000:]}\n{done.stderr[-2000:]}"
    assert report["verdict"] == "CLEAN", summary
    assert done.returncode == 0, summary
    # Every data type was measured and stayed on this side of the upstream boundary...
    assert set(report["entities"]) >= {"EMAIL", "SSN", "CREDIT_CARD", "AWS_ACCESS_KEY_ID", "GITHUB_TOKEN", "SLACK_TOKEN"}
    assert set(report["entities"].values()) == {"contained"}, report["entities"]
    # ...and every required behaviour held: restored values, one-character SSE events, valid SSE.
    assert report["required_checks"] and all(report["required_checks"].values()), report["required_checks"]
    assert {"configured_upstream_boundary", "response_fidelity", "fragmentation_safety", "sse_validity"} <= set(report["required_checks"])
