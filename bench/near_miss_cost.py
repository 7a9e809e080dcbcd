"""What looking for labelled near misses costs: detection time with and without it, in one process.

    python bench/near_miss_cost.py [--rounds 7]

The structured-id entities of config/server, regex-only (the NER is the same on both
sides and would only dilute the ratio), on generated chat messages and long texts
(bench/perf_texts.py). "without" empties every recognizer's NEAR_MISS_SHAPES; the two
settings alternate round by round and each text is new to the engine's cache. Reports
median seconds per round and the ratio with / without.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import perf_texts  # noqa: E402

ENTITIES = ["EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS"]
KINDS = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    from pii_rails import PiiEngine
    from pii_rails.detection.predefined import base, localized

    classes = [c for c in vars(localized).values() if isinstance(c, type) and issubclass(c, base.NearMissMixin)]
    shapes = {c: c.__dict__.get("NEAR_MISS_SHAPES") for c in classes}

    def setting(on: bool) -> None:
        for c, value in shapes.items():
            if value is not None:
                c.NEAR_MISS_SHAPES = value if on else ()
        for r in engine_recognizers:
            r._near_miss_cache = None

    engine = PiiEngine.from_dict({"regex_only": True, "input": {"entities": ENTITIES}})
    engine_recognizers = [r for r in engine.analyzer.registry.recognizers if isinstance(r, base.NearMissMixin)]
    times = {True: [], False: []}
    for round_ in range(args.rounds):
        for on in (True, False) if round_ % 2 == 0 else (False, True):
            setting(on)
            seed = 1000 * round_ + (1 if on else 2)
            texts = [t for t, _ in perf_texts.messages(seed, 200, KINDS)]
            texts += [perf_texts.long_text(seed + k, 12_000, KINDS) for k in range(3)]
            started = time.perf_counter()
            for text in texts:
                engine.detect(text)
            times[on].append(time.perf_counter() - started)
    setting(True)
    with_, without = statistics.median(times[True]), statistics.median(times[False])
    print(f"median seconds per round: with near misses {with_:.3f}, without {without:.3f}, ratio {with_ / without:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
