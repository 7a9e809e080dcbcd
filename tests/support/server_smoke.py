"""From a fresh venv holding only the wheel with its server extra: serve one masked request.

    python server_smoke.py VENV_BIN CONFIG_DIR

Starts ``python -m pii_rails.upstream`` and ``nemoguardrails server --config
CONFIG_DIR`` (the repository's config/server) on free ports of 127.0.0.1,
sends one chat completion with a name and an e-mail address, and checks that
the client gets its values back while the upstream recorded only
placeholders. Run from outside the repository, without COLANGPATH: the flows
must come from the installed package. Prints one summary line.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BIN, CONFIG = Path(sys.argv[1]), Path(sys.argv[2]).resolve()
NAME, EMAIL = "Ada Lovelace", "ada.lovelace@example.com"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def wait_for(url: str, process: subprocess.Popen, log: Path, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"server smoke: {url} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"server smoke: {url} not up after {seconds}s:\n{log.read_text()[-3000:]}")


def main() -> int:
    where = subprocess.run(
        [str(BIN / "python"), "-c", "import pii_rails; print(pii_rails.__file__)"], capture_output=True, text=True
    ).stdout
    assert "site-packages" in where, where
    env = {k: v for k, v in os.environ.items() if k != "COLANGPATH" and not k.startswith("PII_RAILS_")}
    env.update(NEMO_GUARDRAILS_NO_USAGE_STATS="1", NO_PROXY="127.0.0.1", OPENAI_API_KEY="sk-not-used")
    up_port, server_port = free_port(), free_port()
    env["PII_RAILS_UPSTREAM_URL"] = f"http://127.0.0.1:{up_port}/v1"
    processes = []
    try:
        up_log, server_log = Path("upstream.log"), Path("server.log")
        with open(up_log, "w") as out:
            processes.append(
                subprocess.Popen(
                    [str(BIN / "python"), "-m", "pii_rails.upstream", "--port", str(up_port)],
                    stdout=out, stderr=subprocess.STDOUT, env=env,
                )
            )  # fmt: skip
        with open(server_log, "w") as out:
            processes.append(
                subprocess.Popen(
                    [str(BIN / "nemoguardrails"), "server", "--config", str(CONFIG.parent),
                     "--default-config-id", CONFIG.name, "--port", str(server_port)],
                    stdout=out, stderr=subprocess.STDOUT, env=env,
                )
            )  # fmt: skip
        wait_for(f"http://127.0.0.1:{up_port}/v1/models", processes[0], up_log)
        wait_for(f"http://127.0.0.1:{server_port}/v1/rails/configs", processes[1], server_log)
        body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"I am {NAME}, {EMAIL}"}]}
        request = urllib.request.Request(
            f"http://127.0.0.1:{server_port}/v1/chat/completions",
            data=json.dumps(body).encode(),
            headers={"content-type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            answer = json.loads(response.read())
        content = answer["choices"][0]["message"]["content"]
        recorded = json.loads(get(f"http://127.0.0.1:{up_port}/recorded"))["requests"]
        sent = "\n".join(recorded)
        problems = []
        if NAME not in content or EMAIL not in content:
            problems.append(f"the client did not get its values back: {content!r}")
        if not recorded or NAME in sent or EMAIL in sent:
            problems.append(f"the upstream received raw values (or nothing): {sent[:500]!r}")
        if "<PERSON_1>" not in sent:
            problems.append(f"no placeholder reached the upstream: {sent[:500]!r}")
        if problems:
            print(server_log.read_text()[-3000:])
            sys.exit("server smoke: " + "; ".join(problems))
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    print(f"wheel server: ok (client got its values back; upstream saw {len(recorded)} masked request)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
