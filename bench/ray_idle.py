"""CPU of an idle embedded Ray (``pii-rails mask --engine ray``'s settings) by process, with N idle actors.

    PYTHONPATH=src python bench/ray_idle.py --actors 3 --seconds 30
    PYTHONPATH=src python bench/ray_idle.py --system-config '{"event_stats": false}'

What Ray costs per second of a run whatever the run does: its daemons and each
worker process that merely exists (an idle actor stands for Ray Data's own
actors, an error log, a read or write worker kept for the run). Prints cores
(CPU seconds per second) by process role, and the threads of one idle actor.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ray_corpus import cpu_seconds, role, tree  # noqa: E402
from ray_stages import actor_threads  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--system-config", default="{}", help="JSON merged into LOCAL_SYSTEM_CONFIG")
    args = parser.parse_args()
    os.environ.setdefault("RAY_worker_niceness", "0")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    from pii_rails.batch.ray_data import LOCAL_SYSTEM_CONFIG

    ray.init(address="local", include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False,
             _system_config=dict(LOCAL_SYSTEM_CONFIG, **json.loads(args.system_config)))

    @ray.remote(num_cpus=0)
    class Idle:
        def pid(self) -> int:
            return os.getpid()

    actors = [Idle.remote() for _ in range(args.actors)]
    pids = ray.get([a.pid.remote() for a in actors])
    time.sleep(8)  # start-up over
    me = os.getpid()
    before = {p: cpu_seconds(p) for p in tree([me]) if p != me}
    threads0 = actor_threads(pids[0]) if pids else {}
    own0, t0 = sum(os.times()[:2]), time.time()
    time.sleep(args.seconds)
    after = {p: cpu_seconds(p) for p in tree([me]) if p != me}
    dt, own = time.time() - t0, sum(os.times()[:2]) - own0
    cores: dict = {"driver (this script)": own / dt}
    for pid, used in after.items():
        name = "idle actors" if pid in pids else role(pid, me)
        cores[name] = cores.get(name, 0.0) + (used - before.get(pid, 0.0)) / dt
    print(json.dumps({k: round(v, 4) for k, v in sorted(cores.items(), key=lambda kv: -kv[1])}))
    each = cores.get("idle actors", 0.0) / max(len(pids), 1)
    print(f"all: {sum(cores.values()):.4f} cores; per idle actor: {each:.4f}")
    if pids:
        threads = {k: round((v - threads0.get(k, 0.0)) / dt, 4) for k, v in actor_threads(pids[0]).items()}
        print("one idle actor's threads (cores):", json.dumps({k: v for k, v in threads.items() if v}))
    ray.shutdown()


if __name__ == "__main__":
    main()
