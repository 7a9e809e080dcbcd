"""One sample conversation through `nemoguardrails server` with config/server.

Starts the recording upstream and a real server process on 127.0.0.1, sends a
two-turn conversation (the second turn streamed), and prints what the client
got and the exact bytes the upstream received. Usage:

    python bench/server_sample.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import conftest  # noqa: E402,F401  (points COLANGPATH at src/ for an editable install)
from servers import NemoServer, server_env, streamed_text  # noqa: E402

from pii_rails.testing.upstream import RecordingUpstream, echo_reply  # noqa: E402


def main() -> None:
    with RecordingUpstream(echo_reply("Or call me at 415-555-0132."), chunk_chars=3) as upstream:
        log = Path(tempfile.mkdtemp()) / "server.log"
        server = NemoServer(REPO / "config" / "server", server_env(upstream.url), log)
        try:
            messages = [
                {"role": "system", "content": "You support Grace Hopper's team."},
                {"role": "user", "content": "Hi, I'm Ada Lovelace, ada.lovelace@example.com, card 4111 1111 1111 1111."},
            ]
            guardrails = {"config_id": "server", "context": {"relevant_chunks": "Account owner: Priya Raman."}}
            first = server.chat(messages, guardrails=guardrails).json()["choices"][0]["message"]["content"]
            messages += [
                {"role": "assistant", "content": first},
                {"role": "user", "content": "My AWS key AKIAIOSFODNN7EXAMPLE leaked; I'm still Ada Lovelace."},
            ]
            second = streamed_text(server.stream(messages, guardrails={"config_id": "server"}))
        finally:
            server.stop()
        print("## What the client got\n")
        print(f"turn 1 (JSON):     {first}")
        print(f"turn 2 (streamed): {second}\n")
        print("## What the upstream received (request bodies, verbatim)\n")
        for body in upstream.bodies:
            print(json.dumps(json.loads(body)["messages"], indent=1, ensure_ascii=False))
            print()


if __name__ == "__main__":
    main()
