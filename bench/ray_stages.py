"""Where a `--engine ray` run's CPU goes, per process, with Ray Data's own per-operator stats.

    PYTHONPATH=src python bench/ray_stages.py --lines 20000 --workers 2
    PYTHONPATH=src python bench/ray_stages.py --lines 20000 --workers 2 --ray-default-idle-workers

Runs the same read -> actor pool -> write plan as ``pii-rails mask --engine ray``
(``ray_data`` library calls, embedded Ray with ``LOCAL_SYSTEM_CONFIG``) in this
process on ``bench/ray_corpus.py speed``'s texts, samples every process of the
Ray session (its CPU seconds and every process title it had: which worker ran
which tasks, and when it appeared), then prints ``ds.stats()`` and the CPU by
process. ``--ray-default-idle-workers`` drops the idle-worker setting, to show
what Ray's default (stop a worker idle for a second) costs.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import perf_texts as texts  # noqa: E402
import ray_corpus as rc  # noqa: E402
from perf import CONFIGS  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--config", choices=sorted(CONFIGS), default="structured")
    parser.add_argument("--ray-default-idle-workers", action="store_true")
    args = parser.parse_args()

    import ray
    from ray.data import DataContext

    from pii_rails.batch import ray_data as rd

    system = dict(rd.LOCAL_SYSTEM_CONFIG)
    if args.ray_default_idle_workers:
        system.pop("idle_worker_killing_time_threshold_ms", None)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / "corpus.jsonl"
        rc.write_lines(source, [t for t, _ in texts.messages(7, args.lines, CONFIGS[args.config])])
        config = rc.write_config(root, args.config, "plugin")
        os.environ.setdefault("RAY_worker_niceness", "0")
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        ray.init(address="local", include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False,
                 _system_config=system)
        session = Path(ray._private.worker._global_node.get_session_dir_path()).name
        seen: dict = {}
        start = time.time()
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                for pid in set(rc.session_pids(session)) | {os.getpid()}:
                    try:
                        with open(f"/proc/{pid}/cmdline", "rb") as f:
                            title = f.read().split(b"\0")[0].decode(errors="replace")[:60]
                        role, cpu = rc.role(pid, os.getpid()), rc.cpu_seconds(pid)
                    except (OSError, ValueError):
                        continue
                    first, titles = seen.get(pid, (None, None, time.time() - start, set()))[2:]
                    titles.add(title)
                    seen[pid] = (role, cpu, first, titles)
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        context = DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        errors = rd.ErrorLog.remote()  # type: ignore[attr-defined]
        ds = ray.data.read_datasource(rd.RecordsDatasource([str(source)], "json"), num_cpus=0,
                                      concurrency=min(args.workers, 4))
        ds = rd.records(ds, rd.settings_of(str(config)), "mask", kind="lines", workers=args.workers, errors=errors)
        ds.write_datasink(rd.LinesDatasink(str(root / "out")), ray_remote_args={"num_cpus": 0})
        wall = time.time() - start
        time.sleep(0.5)
        done.set()
        sampler.join()
        print(ds.stats())
        print(f"\nwall {wall:.1f} s; processes of the session (pid, first seen at s, CPU s, titles):")
        totals: dict = {}
        for pid, (role, cpu, first, titles) in sorted(seen.items(), key=lambda kv: kv[1][2]):
            totals[role] = totals.get(role, 0.0) + cpu
            shown = sorted(t for t in titles if t.startswith("ray::") and t != "ray::IDLE") or [role]
            print(f"  {pid} {first:6.1f} {cpu:6.1f}  {', '.join(shown)}")
        print("CPU s by role:", {k: round(v, 1) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])})
        ray.shutdown()


if __name__ == "__main__":
    main()
