"""How long the stream holds an answer's first word, counted in upstream tokens (no clock).

Feeds answers to :class:`pii_rails.nemo.streaming.StreamRewriter` token by token, as the
recording upstream of ``bench/stream.py`` splits them, with a check after every token
(``check_share=1.0``), and reports how many tokens had arrived when the first text went out,
past the first word's own tokens and the space after it. At 50 tokens/s each token is
20 ms of hold. Counting tokens, not milliseconds, makes the figure independent of how busy
the machine is, so a run on main and a run on a branch compare exactly.

    PYTHONPATH=src python bench/stream_hold.py [--words] [--json out.json]

``--words`` cuts the answers word by word instead (an upstream that streams whole words).

Answers: the 20 that ``bench/stream.py --reps 5 --scenarios short/middle/50,medium/none/50,
medium/middle/50,medium/start/50`` streams (unchanged), and a fixed list of answer openings written for
this measurement (not tuned to any rule: typical first sentences of a chat assistant).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Dict, List

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import stream as bench_stream  # noqa: E402

from pii_rails.engine import PiiEngine  # noqa: E402
from pii_rails.nemo.streaming import StreamRewriter  # noqa: E402
from pii_rails.testing.upstream import tokens  # noqa: E402

OPENINGS = [
    "Sure, here is a short summary of where your request stands.",
    "The request was approved and the payment is scheduled.",
    "Here is what I found in the notes from the last call.",
    "I have checked the figures and they match the invoice.",
    "Thanks for waiting: the report is ready for review.",
    "Yes, the meeting is confirmed and everyone has been told.",
    "Certainly! Grace Hopper can help you with that request.",
    "Your order has been shipped and should arrive soon.",
    "Based on the documents you sent, two items are missing.",
    "Unfortunately the form could not be processed yet.",
    "Good question: the deadline depends on the contract.",
    "Ada Lovelace already replied to your message this morning.",
]


def first_release(engine: PiiEngine, text: str, whole_words: bool = False) -> Dict[str, object]:
    rewriter = StreamRewriter(engine, engine.vault(), mask=True, check_share=1.0)
    pieces = tokens(text, whole_words)
    first_word = text.split()[0]
    # Tokens the first word and the whitespace after it take: the least any rule must wait.
    needed, seen = 0, ""
    while needed < len(pieces) and not (seen.startswith(first_word) and seen[len(first_word) :][:1].isspace()):
        seen += pieces[needed]
        needed += 1
    for i, piece in enumerate(pieces, 1):
        if rewriter.feed(piece):
            return {"first_word": first_word, "tokens_in": i, "held_tokens": i - needed}
    rewriter.finish()
    return {"first_word": first_word, "tokens_in": len(pieces), "held_tokens": len(pieces) - needed}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path)
    parser.add_argument("--words", action="store_true", help="an upstream that streams word by word")
    args = parser.parse_args()
    config = yaml.safe_load((REPO / "config" / "server" / "config.yml").read_text())
    pii = dict(config["custom_data"]["pii_rails"])
    for key in ("base_url_env", "vault"):
        pii.pop(key, None)
    engine = PiiEngine.from_dict(pii)
    rows: List[Dict[str, object]] = []
    names = ("short/middle/50", "medium/none/50", "medium/middle/50", "medium/start/50")
    scenarios = [s for s in bench_stream.SCENARIOS if s[0] in names]
    for index, (name, length, where, _rate) in enumerate(scenarios):
        for rep in range(5):
            variant = 1 + index * 5 + rep
            rows.append({"set": name, **first_release(engine, bench_stream.answer(length, where, variant), args.words)})
    for text in OPENINGS:
        rows.append({"set": "openings", **first_release(engine, text, args.words)})
    print("| set | answers | first words | held tokens, median | held tokens, each answer |")
    print("|---|---:|---|---:|---|")
    for group in dict.fromkeys(r["set"] for r in rows):
        mine = [r for r in rows if r["set"] == group]
        held = [int(r["held_tokens"]) for r in mine]  # type: ignore[call-overload]
        words = ", ".join(str(r["first_word"]) for r in mine)
        print(f"| {group} | {len(mine)} | {words} | {statistics.median(held):g} | {' '.join(map(str, held))} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
