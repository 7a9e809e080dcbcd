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
from pathlib import Path

from conftest import REPO
from docs_blocks import blocks_in
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
