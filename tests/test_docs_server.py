"""The "Try it" block of docs/reference/server.md runs as written.

Only what a test must change is changed: the setup line (the suite already runs
in a set-up environment), the venv's path (this interpreter's), and the ports
(free ones, so parallel runs do not collide).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from conftest import REPO
from docs_blocks import blocks_in
from pii_rails.testing.upstream import RecordingUpstream, echo_reply
from servers import free_port


def _try_it_block() -> str:
    (block,) = blocks_in(REPO / "docs/reference/server.md", "## Try it", "bash")
    return block


def test_docs_server_walkthrough(tmp_path):
    block = _try_it_block()
    assert block.startswith("./run.sh setup\n")
    script = block.replace("./run.sh setup\n", "")
    script = script.replace(".venv/bin/", f"{Path(sys.executable).parent}/")
    script = script.replace("8001", str(free_port())).replace("8000", str(free_port()))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PII_RAILS_")}
    # Files, not pipes: the servers the block starts in the background keep them open.
    with open(tmp_path / "stdout.log", "w") as stdout, open(tmp_path / "stderr.log", "w") as stderr:
        process = subprocess.Popen(
            ["bash", "-c", f"set -e\n{script}"], cwd=REPO, env=env, stdout=stdout, stderr=stderr, start_new_session=True
        )
        try:
            process.wait(timeout=240)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
    out = (tmp_path / "stdout.log").read_text()
    assert process.returncode == 0, (tmp_path / "stderr.log").read_text()[-3000:]

    # curl prints the JSON answer with no newline, then the SSE stream, then the record.
    split = out.index("}data: ") + 1
    answer, stream = json.loads(out[:split]), out[split:]
    assert answer["choices"][0]["message"]["content"].startswith(
        "Noted: Ada Lovelace, ada.lovelace@example.com. Call me at <PHONE_NUMBER_"
    )
    assert "Ada Lovelace" in "".join(
        json.loads(line[6:])["choices"][0]["delta"].get("content", "")
        for line in stream.splitlines()
        if line.startswith("data: {") and '"chat.completion.chunk"' in line
    )
    recorded = json.loads(out[out.rindex('{"requests"') :])["requests"]
    assert len(recorded) == 2
    for body in recorded:
        assert "<PERSON_1>" in body and "Ada Lovelace" not in body and "ada.lovelace@" not in body


def test_docs_deployment_walkthrough(tmp_path):
    """ "In your deployment": the configuration and commands, after the two install lines."""
    page = REPO / "docs/reference/server.md"
    (config_yml,) = blocks_in(page, "## In your deployment", "yaml")
    (block,) = blocks_in(page, "## In your deployment", "bash")
    lines = block.splitlines()
    assert lines[0] == 'pip install "pii-rails[server]"' and lines[1].startswith(
        "python -m spacy download en_core_web_lg"
    )
    documented_url = "https://api.openai.com/v1"
    assert documented_url in config_yml

    with RecordingUpstream(echo_reply()) as upstream:
        (tmp_path / "config.yml").write_text(config_yml.replace(documented_url, upstream.url))
        port = free_port()
        script = "\n".join(lines[2:])
        script = script.replace("sk-...", "not-used-by-the-recording-upstream").replace("8000", str(port))
        script = script.replace("nemoguardrails server", f"exec {Path(sys.executable).parent}/nemoguardrails server")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PII_RAILS_")}
        with open(tmp_path / "server.log", "w") as log:
            process = subprocess.Popen(
                ["bash", "-c", f"set -e\n{script}"],
                cwd=tmp_path,
                env=env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            while True:
                assert process.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "the server did not start"
                try:
                    if httpx.get(f"{url}/v1/rails/configs", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            message = {"role": "user", "content": "I am Ada Lovelace, my key is sk-proj-Q8vK2mZx7RtL4wNp9YcB3hJd"}
            answer = httpx.post(
                f"{url}/v1/chat/completions", json={"model": "gpt-4o-mini", "messages": [message]}, timeout=120
            ).json()
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(30)
        received = upstream.everything_received

    assert answer["choices"][0]["message"]["content"] == "Noted: Ada Lovelace, sk-proj-Q8vK2mZx7RtL4wNp9YcB3hJd."
    assert "<PERSON_1>" in received and "<API_KEY_1>" in received
    assert "Ada Lovelace" not in received and "sk-proj-Q8vK2mZx7RtL4wNp9YcB3hJd" not in received
