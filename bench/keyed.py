"""What the keyed placeholder style costs next to numbered, per masked text.

Two engines with one configuration each, differing only in ``placeholder``
(``numbered`` / ``keyed``), mask the same generated chat messages. Detection
is done once per engine and handed to ``guard`` (``spans=``), so the figures
are the masking path itself: vault lookups, the placeholder, the rewrite and
the audit events. Detection of the same texts is timed once for scale, and
restoring an answer that echoes every token is timed too. Rounds alternate
between the styles; medians over rounds are printed, with keyed / numbered.

    PYTHONPATH=src python bench/keyed.py [--texts 1000] [--rounds 5] [--conversation 20]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perf_texts import chat_message  # noqa: E402

from pii_rails import PiiEngine  # noqa: E402
from pii_rails.masking.placeholders import ISSUED_TAG  # noqa: E402

KINDS = ("EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "PERSON", "IBAN_CODE")


def engine(style: str) -> PiiEngine:
    rail = {"entities": list(KINDS), "placeholder": style}
    return PiiEngine.from_dict({"reversible": True, "input": rail, "output": rail})


def mask_all(eng: PiiEngine, texts, spans):
    """Each text in its own conversation, as the CLI and the batch engine mask a corpus."""
    start = time.perf_counter()
    out = [eng.guard(t, spans=s, vault=eng.vault(), audit=False) for t, s in zip(texts, spans, strict=True)]
    return time.perf_counter() - start, out


def conversations(eng: PiiEngine, texts, spans, size: int):
    """Conversations of ``size`` texts each; after each, an answer echoing all its tokens is restored."""
    masking = restoring = 0.0
    for at in range(0, len(texts), size):
        vault = eng.vault()
        start = time.perf_counter()
        masked = [
            eng.guard(t, spans=s, vault=vault, audit=False).masked_text
            for t, s in zip(texts[at : at + size], spans[at : at + size], strict=True)
        ]
        masking += time.perf_counter() - start
        answer = " and ".join(dict.fromkeys(tok for m in masked for tok in ISSUED_TAG.findall(m)))
        start = time.perf_counter()
        vault.restore(answer)
        restoring += time.perf_counter() - start
    return masking, restoring


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--conversation", type=int, default=20, help="texts per conversation")
    args = parser.parse_args()
    os.environ.setdefault("PII_RAILS_KEY", "a benchmark secret of 32 bytes..")
    rng = random.Random(18)
    texts = [chat_message(rng, True, KINDS) for _ in range(args.texts)]
    engines = {style: engine(style) for style in ("numbered", "keyed")}
    start = time.perf_counter()
    spans = {style: e.detect_many(texts) for style, e in engines.items()}
    detect_s = (time.perf_counter() - start) / 2
    values = sum(len(s) for s in spans["keyed"])
    times = {style: {"corpus": [], "conversation": [], "restore": []} for style in engines}
    for _ in range(args.rounds):
        for style, e in engines.items():
            elapsed, _ = mask_all(e, texts, spans[style])
            times[style]["corpus"].append(elapsed)
            masking, restoring = conversations(e, texts, spans[style], args.conversation)
            times[style]["conversation"].append(masking)
            times[style]["restore"].append(restoring)
    keyer = engines["keyed"].keyer
    sample = [(s.entity_type, t[s.start : s.end]) for t, ss in zip(texts, spans["keyed"], strict=True) for s in ss]
    token_s = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for entity, value in sample:
            keyer.token(entity, value)
        token_s.append(time.perf_counter() - start)

    n = len(texts)
    print(f"{n} texts, {values} masked values, {args.rounds} rounds (medians)")
    print(f"detection (once, for scale): {detect_s / n * 1e3:.3f} ms/text")
    print("| figure | numbered | keyed | keyed / numbered |")
    print("|---|---|---|---|")
    for figure, label, scale, unit in (
        ("corpus", "mask, one conversation per text", 1e6 / n, "µs/text"),
        ("conversation", f"mask, {args.conversation} texts per conversation", 1e6 / n, "µs/text"),
        ("restore", "restore an answer echoing every token of a conversation", 1e6 * args.conversation / n, "µs"),
    ):
        a, b = (statistics.median(times[s][figure]) * scale for s in ("numbered", "keyed"))
        print(f"| {label} | {a:.1f} {unit} | {b:.1f} {unit} | {b / a:.2f} |")
    print(f"keyer.token alone: {statistics.median(token_s) / len(sample) * 1e6:.2f} µs/value")


if __name__ == "__main__":
    main()
