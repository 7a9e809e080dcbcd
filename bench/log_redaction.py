"""What redacting NeMo's log records costs a streamed turn, record kind by record kind.

Runs ``config/server`` in process the way ``nemoguardrails server`` does
(``LLMRails(verbose=True)``, root logger at INFO) against the streaming upstream
on 127.0.0.1, streams ``--turns`` answers (a new user and new invented PII each
turn, as ``bench/stream.py`` does) after one warm-up turn, and times every call
of pii-rails' log record redaction. Prints the wall time per turn, the records
per turn, the redaction time per turn, and the record kinds that cost the most.

    PYTHONPATH=src python bench/log_redaction.py [--turns 8] [--where middle] [--top 8]

To compare two versions of pii-rails, run it with each one's ``src`` first on
``PYTHONPATH``, alternately.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import logging
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

import conftest  # noqa: E402,F401  (points COLANGPATH at src/ for an editable install)
import stream  # noqa: E402

from pii_rails.testing.upstream import RecordingUpstream  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=8)
    parser.add_argument("--where", default="middle", help="where the answer's invented PII is: start, middle, end")
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()

    logging.basicConfig(level=logging.INFO, stream=open(os.devnull, "w"))
    from nemoguardrails import LLMRails, RailsConfig

    from pii_rails.masking import logsafe

    upstream = RecordingUpstream(tokens_per_second=1000).start()
    os.environ["PII_RAILS_UPSTREAM_URL"] = upstream.url
    os.environ.setdefault("OPENAI_API_KEY", "not-used")
    rails = LLMRails(RailsConfig.from_path(str(REPO / "config" / "server")), verbose=True)
    timed = []
    redact_record = logsafe._redact_record

    def timing(record: logging.LogRecord) -> None:
        started = time.perf_counter()
        redact_record(record)
        timed.append((record.name, str(record.msg)[:40], time.perf_counter() - started))

    logsafe._redact_record = timing

    async def turn(variant: int) -> None:
        text = stream.answer(args.words, args.where, variant)
        upstream.reply = lambda request: text
        messages = [{"role": "user", "content": stream._user(variant)}]
        async for _ in rails.stream_async(messages=messages):
            pass

    async def run() -> float:
        await turn(10_000)
        timed.clear()
        started = time.perf_counter()
        for i in range(args.turns):
            await turn(10_001 + i)
        return time.perf_counter() - started

    try:
        # NeMo's verbose mode prints to the console; only the records' cost is of interest here.
        with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
            elapsed = asyncio.run(run())
    finally:
        upstream.stop()
    n = args.turns
    print(
        f"{elapsed / n * 1000:.0f} ms/turn; {len(timed) / n:.0f} records/turn; "
        f"redaction {sum(t for *_, t in timed) / n * 1000:.1f} ms/turn"
    )
    kinds: dict = collections.defaultdict(lambda: [0, 0.0])
    for name, msg, took in timed:
        kinds[(name, msg)][0] += 1
        kinds[(name, msg)][1] += took
    for (name, msg), (count, took) in sorted(kinds.items(), key=lambda kv: -kv[1][1])[: args.top]:
        print(f"{took / n * 1000:7.1f} ms/turn {count / n:5.1f} records/turn  {name}  {msg!r}")


if __name__ == "__main__":
    main()
