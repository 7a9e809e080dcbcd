"""Where a `pii-rails mask --engine ray` run's start-up goes: its processes' steps, source trees alternated.

    python bench/ray_startup.py --lines 20000 --workers 1 --runs 4 --src /path/to/main/src src

Writes ``bench/ray_corpus.py speed``'s structured corpus, then runs the command
``--runs`` times per ``--src`` tree (each run with ``PYTHONPATH`` and
``COLANGPATH`` set to it, the trees in turn), sampling every 50 ms the titles of
every process the command starts (Ray sets ``ray::IDLE``, ``ray::MapWorker...``,
``ray::ReadRecords...``, ``ray::Write``) and the output directory's first bytes.
Prints, per run, when each step began (seconds from the command's start) and
the medians per tree. One process sample costs a /proc scan: every tree pays it alike.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

import perf_texts as texts  # noqa: E402
from perf import CONFIGS  # noqa: E402
from ray_corpus import EXE, tree, write_config, write_lines  # noqa: E402

# Step -> what a process's command line shows when it is reached (the first such sample).
STEPS = {
    "GCS started (ray.init begins)": lambda c: "gcs_server" in c,
    "raylet started": lambda c: "raylet/raylet" in c,
    # The raylet's own command line names the worker script too.
    "first worker process (ray.init done)": lambda c: "default_worker" in c and not c.split(" ")[0].endswith("/raylet"),
    "actor __init__": lambda c: c.startswith("ray::MapWorker") and "__init__" in c,
    "read task": lambda c: c.startswith("ray::ReadRecords"),
    "actor's first batch": lambda c: c.startswith("ray::MapWorker") and ".submit" in c,
}


def one_run(src: str, corpus: Path, config: Path, workers: int, out: Path) -> Dict[str, Optional[float]]:
    env = dict(os.environ, PYTHONPATH=src, COLANGPATH=src, NEMO_GUARDRAILS_NO_USAGE_STATS="1")
    start = time.perf_counter()
    proc = subprocess.Popen([EXE, "mask", "-q", "--engine", "ray", "--config", str(config), "--workers", str(workers),
                             "-o", str(out), str(corpus)], env=env, stderr=subprocess.PIPE, text=True)
    steps: Dict[str, Optional[float]] = dict.fromkeys([*STEPS, "first output", "last write", "exit"])
    while proc.poll() is None:
        now = time.perf_counter() - start
        for pid in tree([proc.pid]):
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    line = f.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            for name, seen in STEPS.items():
                if steps[name] is None and seen(line):
                    steps[name] = now
            if line.startswith("ray::Write"):
                steps["last write"] = now
        if steps["first output"] is None and out.is_dir() and any(f.stat().st_size for f in out.iterdir()):
            steps["first output"] = now
        time.sleep(0.05)
    steps["exit"] = time.perf_counter() - start
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"exit {proc.returncode}: {err[-2000:]}")
    shutil.rmtree(out, ignore_errors=True)
    return steps


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--src", nargs="+", required=True, help="source trees to alternate (PYTHONPATH of each run)")
    args = parser.parse_args(argv)
    results: Dict[str, List[Dict[str, Optional[float]]]] = {src: [] for src in args.src}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = write_config(root, "structured", "plugin")
        corpus = root / "corpus.jsonl"
        write_lines(corpus, [t for t, _ in texts.messages(args.seed, args.lines, CONFIGS["structured"])])
        for run in range(args.runs):
            for src in args.src:
                steps = one_run(str(Path(src).resolve()), corpus, config, args.workers, root / "out")
                results[src].append(steps)
                load = os.getloadavg()[0]
                shown = {k: None if v is None else round(v, 2) for k, v in steps.items()}
                print(f"run {run} {src} (load {load:.1f}): {json.dumps(shown)}", file=sys.stderr, flush=True)
    print(f"\n{args.lines} structured lines, --workers {args.workers}, median of {args.runs} runs per tree "
          "(seconds from the command's start):\n")
    print("| step | " + " | ".join(f"`{src}`" for src in args.src) + " |")
    print("|---|" + "---:|" * len(args.src))
    for name in [*STEPS, "first output", "last write", "exit"]:
        cells = []
        for src in args.src:
            values = [r[name] for r in results[src] if r[name] is not None]
            cells.append(f"{statistics.median(values):.1f}" if values else "-")
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
