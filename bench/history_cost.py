"""What numbering a conversation's history costs per request, with and without the detection cache.

    .venv/bin/python bench/history_cost.py [--turns 20] [--repeat 5]

Every stateless request rebuilds its vault from the whole history (``PiiEngine.seed``).
The detection cache is keyed by text digest and shared by single and batched
calls, so a replica that served the earlier turns analyses only the new
message; a cold replica analyses the whole history in one ``nlp.pipe`` batch.
Prints the median seconds of ``seed`` at the last turn, cold vs warm.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from pii_rails import PiiEngine

LINES = [
    "Hi, I'm Ada Lovelace, mail ada.lovelace@example.com or call 212-555-0199.",
    "Thanks Ada, your ticket is open; Grace Hopper from billing will reply.",
    "My card 4111 1111 1111 1111 was charged twice on the 3rd of May.",
    "We refunded it; the confirmation went to ada.lovelace@example.com.",
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    engine = PiiEngine.from_dict(
        {"reversible": True, "input": {"entities": ["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD"]}}
    )
    history = [
        {"role": "user" if i % 2 == 0 else "assistant", "content": f"{LINES[i % len(LINES)]} (turn {i})"}
        for i in range(2 * args.turns)
    ]
    cold, warm = [], []
    for _ in range(args.repeat):
        engine.detector.cache.clear()
        t0 = time.perf_counter()
        engine.seed(engine.vault(), history)
        cold.append(time.perf_counter() - t0)
        engine.seed(engine.vault(), history[:-1])  # the earlier turns, as this replica saw them
        t0 = time.perf_counter()
        engine.seed(engine.vault(), history)
        warm.append(time.perf_counter() - t0)
    c, w = statistics.median(cold), statistics.median(warm)
    print(f"history of {len(history)} messages, median of {args.repeat}:")
    print(f"  cold (whole history analysed): {c * 1000:.1f} ms")
    print(f"  warm (only the new message):   {w * 1000:.1f} ms   ({c / w:.1f}x less)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
