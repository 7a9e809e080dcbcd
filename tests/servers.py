"""Real processes on 127.0.0.1 for the end-to-end tests: NeMo servers and Redis."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import httpx
import pytest

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(check, what: str, process: subprocess.Popen, log: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            if check():
                return
        except (httpx.HTTPError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start in {timeout:.0f}s:\n{log.read_text()[-4000:]}")


class NemoServer:
    """``nemoguardrails server`` on a free port, serving one config directory."""

    def __init__(self, config_dir: Path, env: Dict[str, str], log: Path):
        self.config_id = config_dir.name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        full_env = {**os.environ, **env}
        command = [
            str(BIN / "nemoguardrails"), "server", "--config", str(config_dir),
            "--default-config-id", self.config_id, "--port", str(self.port),
        ]  # fmt: skip
        self._file = open(log, "w")
        self.process = subprocess.Popen(command, env=full_env, stdout=self._file, stderr=subprocess.STDOUT)
        _wait_for(lambda: httpx.get(f"{self.url}/v1/rails/configs", timeout=2).status_code == 200, "server", self.process, log)

    def chat(self, messages: List[dict], timeout: float = 120.0, **body) -> httpx.Response:
        payload = {"model": "gpt-4o-mini", "messages": messages, **body}
        return httpx.post(f"{self.url}/v1/chat/completions", json=payload, timeout=timeout)

    def stream(self, messages: List[dict], timeout: float = 120.0, **body) -> List[str]:
        """The raw SSE ``data:`` payloads of a streamed answer, in order."""
        payload = {"model": "gpt-4o-mini", "messages": messages, "stream": True, **body}
        events = []
        with httpx.stream("POST", f"{self.url}/v1/chat/completions", json=payload, timeout=timeout) as response:
            assert response.status_code == 200, response.read()
            assert response.headers["content-type"].startswith("text/event-stream")
            for line in response.iter_lines():
                if line.startswith("data: "):
                    events.append(line[len("data: ") :])
                else:
                    assert line == "", f"not an SSE line: {line!r}"
        return events

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._file.close()


def streamed_text(events: List[str]) -> str:
    """The answer a client assembles from SSE events; fails on invalid ones."""
    assert events and events[-1] == "[DONE]", events[-3:]
    text = []
    for event in events[:-1]:
        payload = json.loads(event)
        assert "error" not in payload, payload
        assert payload["object"] == "chat.completion.chunk"
        text.append(payload["choices"][0]["delta"].get("content") or "")
    return "".join(text)


class RedisServer:
    """A throwaway ``redis-server`` (Debian's package) on a free port, nothing saved to disk."""

    def __init__(self, workdir: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            if os.environ.get("CI"):
                raise RuntimeError("redis-server is not installed (.ci/run installs Debian's redis-server)")
            pytest.skip("redis-server is not installed (apt-get install redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        log = workdir / "redis.log"
        self._file = open(log, "w")
        command = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                   "--dir", str(workdir)]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=self._file, stderr=subprocess.STDOUT)
        import redis

        self.client = redis.Redis(port=self.port)
        _wait_for(lambda: self.client.ping(), "redis", self.process, log, timeout=20)

    def dump(self) -> Iterator[tuple]:
        """``(key, value bytes, ttl)`` of everything stored."""
        for key in self.client.scan_iter("*"):
            yield key, self.client.get(key), self.client.ttl(key)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        self._file.close()


def server_env(upstream_url: str, redis_url: Optional[str] = None) -> Dict[str, str]:
    env = {
        "PII_RAILS_UPSTREAM_URL": upstream_url,
        "OPENAI_API_KEY": "not-used-by-the-recording-upstream",
        "NEMO_GUARDRAILS_NO_USAGE_STATS": "1",
        "PII_RAILS_AUDIT_SALT": "the-same-salt-on-every-replica",
    }
    if redis_url:
        env["PII_RAILS_REDIS_URL"] = redis_url
        env["PII_RAILS_VAULT_KEY"] = "a-test-key-that-is-long-enough"
    return env
