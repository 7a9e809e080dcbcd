"""Where a streamed turn's time goes, in process: before the model, first token, the end.

Runs the configurations of ``bench/stream.py`` (``none``, ``pii``, ``none-v2``,
``pii-v2``...) on ``LLMRails`` with NeMo's loggers at INFO as under ``nemoguardrails
server`` (to /dev/null), against the streaming upstream at 50 tokens/s, the short
answer with a name and a number the model makes up in the middle. Per configuration,
medians over ``reps`` requests (after one warm-up each, interleaved), in ms from the
call: when the upstream received the request (``recv``), the first and last text at
the caller, ``tail`` = last text at the caller minus the upstream's last token, the
end of the stream, the process CPU of the request; and when every action NeMo runs
(and pii-rails' vault seeding) starts and ends.

    PYTHONPATH=src python bench/stream_stages.py [--reps 6] [--configs none,pii,none-v2,pii-v2]

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
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))

import conftest  # noqa: E402,F401  (points COLANGPATH at src/ for an editable install)
import stream  # noqa: E402

from pii_rails.testing.upstream import RecordingUpstream, tokens  # noqa: E402

RATE = 50
MARKS: List[Tuple[str, float]] = []


def _timed(name: str, fn):
    async def timed(*args, **kwargs):
        MARKS.append((name(*args), time.perf_counter()))
        try:
            return await fn(*args, **kwargs)
        finally:
            MARKS.append(("/" + name(*args), time.perf_counter()))

    return timed


def _numbered(t0: float) -> List[Tuple[str, float]]:
    """The marks of one request, a repeated name numbered (``create_event#2``)."""
    seen: Dict[str, int] = collections.Counter()
    out = []
    for name, t in MARKS:
        seen[name] += 1
        out.append((name if seen[name] == 1 else f"{name}#{seen[name]}", (t - t0) * 1e3))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=6)
    parser.add_argument("--configs", default="none,pii,none-v2,pii-v2")
    args = parser.parse_args()
    names = args.configs.split(",")

    logging.basicConfig(level=logging.INFO, stream=open(os.devnull, "w"))
    from nemoguardrails import LLMRails, RailsConfig
    from nemoguardrails.actions.action_dispatcher import ActionDispatcher

    from pii_rails.nemo import conversations

    ActionDispatcher.execute_action = _timed(lambda self, action, *a, **k: action, ActionDispatcher.execute_action)
    conversations.seed = _timed(lambda *a, **k: "seed", conversations.seed)

    upstream = RecordingUpstream(tokens_per_second=RATE).start()
    os.environ["PII_RAILS_UPSTREAM_URL"] = upstream.url
    os.environ.setdefault("OPENAI_API_KEY", "not-used")
    dirs = stream._configs(Path(tempfile.mkdtemp()), upstream.url, names)
    rails = {n: LLMRails(RailsConfig.from_path(str(dirs[n])), verbose=True) for n in names}
    received: List[float] = []

    async def turn(app, variant: int) -> Dict:
        text = stream.answer(30, "middle", variant)

        def reply(request: dict) -> str:
            received.append(time.perf_counter())
            return text

        upstream.reply = reply
        received.clear()
        MARKS.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        first = last = None
        async for chunk in app.stream_async(messages=[{"role": "user", "content": stream._user(variant)}]):
            if isinstance(chunk, str) and chunk.strip():
                last = time.perf_counter()
                first = first or last
        end = time.perf_counter()
        upstream_last = received[0] + (len(tokens(text)) - 1) / RATE
        return {
            "recv": (received[0] - t0) * 1e3,
            "first": (first - t0) * 1e3,
            "last": (last - t0) * 1e3,
            "tail": (last - upstream_last) * 1e3,
            "end": (end - t0) * 1e3,
            "cpu": (time.process_time() - c0) * 1e3,
            "marks": _numbered(t0),
        }

    async def run() -> Dict[str, List[Dict]]:
        results: Dict[str, List[Dict]] = {n: [] for n in names}
        for n in names:
            await turn(rails[n], 99)
        for rep in range(args.reps):
            for n in names:
                results[n].append(await turn(rails[n], 1000 + rep))
        return results

    try:
        # NeMo's verbose mode prints to the console.
        with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
            results = asyncio.run(run())
    finally:
        upstream.stop()
    for n in names:
        keys = ("recv", "first", "last", "tail", "end", "cpu")
        medians = {k: statistics.median(r[k] for r in results[n]) for k in keys}
        print(n, " ".join(f"{k}={v:.0f}" for k, v in medians.items()))
        marks: Dict[str, List[float]] = collections.defaultdict(list)
        for r in results[n]:
            for name, t in r["marks"]:
                marks[name].append(t)
        print("   ", ", ".join(f"{name} {statistics.median(ts):.0f}" for name, ts in marks.items()))


if __name__ == "__main__":
    main()
