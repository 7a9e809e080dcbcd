"""Where the time goes: cProfile of what bench/perf.py measures, grouped by package.

    python bench/perf_profile.py [--turns 40] [--texts 300] [--chunks 60]

Three profiles, each printed as the share of profiled time per package (own
time of its functions) and the top functions by cumulative time:

* ``turn``: pii-rails turns through LLMRails with detection stubbed out -- what
  NeMo's Colang runtime costs around any detector;
* ``structured``: ``detect_many`` on chat messages, structured configuration;
* ``ner``: ``detect_many`` on retrieved chunks, NER configuration.
"""

from __future__ import annotations

import argparse
import cProfile
import collections
import io
import pstats
import random
import sys
import tempfile
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import perf  # noqa: E402
import perf_texts as texts  # noqa: E402


def _package(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/")[1].split("/")[0]
    if "pii_rails/" in filename:
        return "pii_rails/" + filename.split("pii_rails/")[1]
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    return "stdlib/" + filename.rsplit("/", 1)[-1]


def profile(title: str, fn: Callable[[], None], top: int = 12) -> None:
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    stats = pstats.Stats(prof)
    by = collections.Counter()
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():
        by[_package(filename)] += own
    total = sum(by.values())
    print(f"### {title} (profiled {total:.2f} s)\n")
    print("| package or module | share of own time |")
    print("|---|---|")
    for name, own in by.most_common(top):
        print(f"| {name} | {own / total * 100:.1f}% |")
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top + 8)
    print("\n```")
    print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))
    print("```\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--texts", type=int, default=300)
    parser.add_argument("--chunks", type=int, default=60)
    parser.add_argument("--model", default=perf.DEFAULT_MODEL)
    args = parser.parse_args(argv)
    perf.anchor.use_model(args.model)
    perf.quiet_presidio()
    with tempfile.TemporaryDirectory() as tmp:
        structured = perf.write_configs(Path(tmp), "structured", perf.CONFIGS["structured"])
        ner = perf.write_configs(Path(tmp), "ner", perf.CONFIGS["ner"])

        llm = perf.ScriptedLLM()
        rails = perf.LLMRails(perf.RailsConfig.from_path(str(structured["plugin"])), llm=llm)
        perf._noop_plugin(rails)
        msgs = texts.messages(11, args.turns + 3, perf.CONFIGS["structured"])
        for text, _ in msgs[:3]:
            rails.generate(messages=[{"role": "user", "content": text}])

        def turns() -> None:
            rng = random.Random(1)
            for text, _ in msgs[3:]:
                llm.reply = texts.bot_reply(rng, rng.random() < 0.5, perf.CONFIGS["structured"])
                rails.generate(messages=[{"role": "user", "content": text}])

        profile(f"turn: {args.turns} pii-rails turns through LLMRails, detection stubbed", turns)

        engine = perf.PiiEngine.from_path(str(structured["plugin"]))
        chats = [t for t, _ in texts.messages(13, args.texts, perf.CONFIGS["structured"])]
        engine.detect_many(chats[:5])
        profile(f"structured: detect_many on {args.texts} chat messages", lambda: engine.detect_many(chats[5:]))

        engine = perf.PiiEngine.from_path(str(ner["plugin"]))
        rng = random.Random(17)
        chunks = [texts.chunk(rng, rng.random() < 0.4, perf.CONFIGS["ner"]) for _ in range(args.chunks)]
        engine.detect_many(chunks[:2])
        profile(f"ner: detect_many on {args.chunks} retrieved chunks", lambda: engine.detect_many(chunks[2:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
