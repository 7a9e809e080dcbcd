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


def actor_threads(pid: int) -> dict:
    """CPU seconds of one process's threads, summed by thread name."""
    out: dict = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        name = "main (engine)" if tid == str(pid) else name
        fields = stat.rsplit(")", 1)[1].split()
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / rc._TICK
    return out


def _thread_cpu(tid: int) -> float:
    with open(f"/proc/self/task/{tid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def profile_driver(done: threading.Event, stacks: dict) -> None:
    """Samples the stacks of this process's threads that used CPU since the last sample (every 10 ms)."""
    me = threading.get_ident()
    last: dict = {}
    stacks[None] = 0
    while not done.is_set():
        time.sleep(0.01)
        frames = sys._current_frames()
        for thread in threading.enumerate():
            if thread.ident == me or thread.ident not in frames or thread.native_id is None:
                continue
            try:
                used = _thread_cpu(thread.native_id)
            except OSError:
                continue
            if used == last.get(thread.native_id, used) and thread.native_id in last:
                continue
            last[thread.native_id] = used
            stacks[None] += 1
            names, frame = set(), frames[thread.ident]
            while frame is not None:
                code = frame.f_code
                names.add(f"{code.co_filename.split('site-packages/')[-1]}:{code.co_name}")
                frame = frame.f_back
            for name in names:
                stacks[name] = stacks.get(name, 0) + 1


def timeline(series: list, every: float) -> None:
    """Cores used per process class in each window of the run, and each actor's busy fraction."""
    print(f"\ncores used per window of {every:.0f} s (CPU s of the class in the window / the window):")
    last_t, last, last_actors = 0.0, {}, {}
    for t, roles, actors in series:
        if t - last_t < every and (t, roles, actors) is not series[-1]:
            continue
        span = max(t - last_t, 1e-9)
        used = {r: (v - last.get(r, 0.0)) / span for r, v in roles.items()}
        each = [(v - last_actors.get(p, 0.0)) / span for p, v in sorted(actors.items())]
        shown = ", ".join(f"{r} {u:.2f}" for r, u in sorted(used.items(), key=lambda kv: -kv[1]) if u >= 0.02)
        print(f"  {last_t:5.0f}-{t:5.0f} s  each actor {' / '.join(f'{u:.2f}' for u in each)}  | {shown}")
        last_t, last, last_actors = t, roles, actors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--config", choices=sorted(CONFIGS), default="structured")
    parser.add_argument("--ray-default-idle-workers", action="store_true")
    parser.add_argument("--profile-driver", action="store_true",
                        help="sample the stacks of the driver's threads that use CPU")
    parser.add_argument("--ray-default-blocks", action="store_true",
                        help="Ray's default smallest read block (1 MiB) instead of the run's")
    parser.add_argument("--ray-default-writes", action="store_true", help="no cap on the writes at a time")
    parser.add_argument("--every", type=float, default=5.0, help="seconds per window of the CPU timeline")
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
        series: list = []  # (t, {role: CPU s so far}, {actor pid: CPU s so far})
        threads: dict = {}  # actor pid -> {thread name: CPU s}
        start = time.time()
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                for pid in set(rc.session_pids(session)) | {os.getpid()}:
                    try:
                        with open(f"/proc/{pid}/cmdline", "rb") as f:
                            title = f.read().split(b"\0")[0].decode(errors="replace")[:60]
                        # A process keeps the first role it showed: an actor's title changes as it exits.
                        known = seen.get(pid, ("idle worker",))[0]
                        role = known if known not in ("idle worker", "other") else rc.role(pid, os.getpid())
                        cpu = rc.cpu_seconds(pid)
                    except (OSError, ValueError):
                        continue
                    first, titles = seen.get(pid, (None, None, time.time() - start, set()))[2:]
                    titles.add(title)
                    seen[pid] = (role, cpu, first, titles)
                for pid, (role, *_rest) in seen.items():
                    if role == "actors":
                        # Threads end before the process: each thread's largest value seen.
                        named = threads.setdefault(pid, {})
                        for name, cpu in actor_threads(pid).items():
                            named[name] = max(named.get(name, 0.0), cpu)
                roles: dict = {}
                for role, cpu, _, _ in seen.values():
                    roles[role] = roles.get(role, 0.0) + cpu
                series.append((time.time() - start, roles,
                               {p: v[1] for p, v in seen.items() if v[0] == "actors"}))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        stacks: dict = {}
        if args.profile_driver:
            threading.Thread(target=profile_driver, args=(done, stacks), daemon=True).start()
        rd.configure_run()
        if args.ray_default_blocks:
            DataContext.get_current().target_min_block_size = 1024 * 1024
        errors = rd.ErrorReport()
        ds = ray.data.read_datasource(rd.RecordsDatasource([str(source)], "json"), num_cpus=0,
                                      concurrency=min(args.workers, 4))
        ds = rd.records(ds, rd.settings_of(str(config)), "mask", kind="lines", workers=args.workers, errors=errors)
        ds.write_datasink(rd.LinesDatasink(str(root / "out")), ray_remote_args={"num_cpus": 0},
                          concurrency=None if args.ray_default_writes else min(args.workers, 4))
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
        timeline(series, args.every)
        print("\neach actor's CPU s by thread (the main thread runs the engine; the others are Ray's):")
        for pid, named in threads.items():
            shown = ", ".join(f"{name} {cpu:.1f}" for name, cpu in sorted(named.items(), key=lambda kv: -kv[1])
                              if cpu >= 0.05)
            print(f"  {pid}: {shown}")
        if stacks:
            total = stacks.pop(None)
            print(f"\nthe driver's threads, {total} samples while on CPU; functions by share of samples (inclusive):")
            for name, n in sorted(stacks.items(), key=lambda kv: -kv[1])[:40]:
                print(f"  {n / total:6.1%}  {name}")
        ray.shutdown()


if __name__ == "__main__":
    main()
