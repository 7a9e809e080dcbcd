"""Corpora on Ray Data against the multiprocess CLI and NeMo's built-in loop, same texts, same run.

    python bench/ray_corpus.py speed --config structured --lines 20000 --builtin-lines 2000 --repeats 3
    python bench/ray_corpus.py speed --config ner --lines 4000 --builtin-lines 1000 --repeats 3
    python bench/ray_corpus.py size --mb 100 1000

``speed`` writes one JSON Lines corpus of chat-sized texts (bench/perf_texts.py)
and masks it with: NeMo's built-in action (Presidio AnalyzerEngine +
AnonymizerEngine per text, as the rail does; bench/perf_builtin.py) on the first
``--builtin-lines`` lines; ``pii-rails mask`` with 1 and 2 processes;
``pii-rails mask --engine ray`` with 1 and 2 actors in an embedded local Ray;
and the same command joining a local two-node cluster (``ray start --head`` and
a second ``ray start --address`` on this machine, one CPU each). Every side is a
fresh command (process start, model load, Ray start included); each side also
runs on the first 200 lines, and the difference gives the steady rate with the
start-up cost taken out. Per core = the rate divided by the workers.

The cluster side is the cluster command of docs/corpora.md, with the local
cluster's address for ``auto`` and local files for the bucket.

``size`` writes corpora of long documents (about 10 kB each, several files) of
the given sizes and masks each with Ray (2 actors, structured config), sampling
the memory of every actor process (RSS) and of the whole process tree.
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
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import perf_texts as texts  # noqa: E402
from perf import CONFIGS, config_yml, memory_tree_kb  # noqa: E402

EXE = str(Path(sys.executable).with_name("pii-rails"))
SMALL = 200
# The sides of `speed`, in the order they run.
SIDES = ("builtin", "cli1", "cli2", "ray1", "ray2", "cluster")
ACTOR = "ray::MapWorker"


def write_config(root: Path, name: str, kind: str) -> Path:
    d = root / f"{name}_{kind}"
    d.mkdir(parents=True, exist_ok=True)
    (d / "config.yml").write_text(config_yml(kind, CONFIGS[name]))
    return d


def write_lines(path: Path, lines: List[str]) -> int:
    data = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(lines))
    path.write_text(data, encoding="utf-8")
    return len(data.encode("utf-8"))


def tree(roots) -> List[int]:
    kids, out, stack = _children(), [], list(roots)
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(kids.get(pid, []))
    return out


def actors_rss_kb(pids) -> Dict[int, int]:
    """RSS of the Ray Data actor processes (our map) among ``pids``."""
    out = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if not f.read().startswith(ACTOR.encode()):
                    continue
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        out[pid] = int(line.split()[1])
        except OSError:
            continue
    return out


def actors_private_kb(pids) -> Dict[int, Dict[str, int]]:
    """Of each actor among ``pids``: its private memory (RssAnon) and its pages of Ray's object store (RssShmem).

    An actor's RSS also counts the pages of the shared object store it has read
    blocks from: they are the store's, shared, and come and go with the blocks.
    What an actor holds itself is its anonymous memory.
    """
    out = {}
    for pid in actors_rss_kb(pids):
        try:
            with open(f"/proc/{pid}/status") as f:
                fields = dict(line.split(":", 1) for line in f if line.startswith(("RssAnon", "RssShmem")))
            out[pid] = {k: int(v.split()[0]) for k, v in fields.items()}
        except (OSError, ValueError):
            continue
    return out


_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, ValueError, IndexError):
        return 0.0


def _du(folder: Optional[Path]) -> int:
    if folder is None or not folder.exists():
        return 0
    return sum(f.stat().st_size for f in folder.glob("*") if f.is_file())


def machine_jiffies() -> Dict[str, int]:
    """The machine's busy and steal time so far (/proc/stat, every CPU), in clock ticks."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return {"busy": user + nice + system + irq + softirq, "steal": steal}


def _size(path: Optional[Path]) -> int:
    if path is None or not path.exists():
        return 0
    return path.stat().st_size if path.is_file() else _du(path)


def measured(
    cmd: List[str], env: Dict[str, str], cluster: Optional["Cluster"] = None, watch: Optional[Path] = None,
    every: float = 30.0, output: Optional[Path] = None, tick: float = 0.5,
) -> Dict[str, Any]:
    """Wall seconds; CPU by process class, whole run and after the first output; memory peaks.

    ``output`` (a file or a dataset directory) is watched for the first bytes
    written: from then on the engines are built and the run is in its steady
    state, and what is written after it (by bytes of output) over the time
    after it is the steady rate. The machine's own counters give the CPU that
    other programs used meanwhile (a shared machine) and the steal time.
    """
    start = time.perf_counter()
    machine0, bench0 = machine_jiffies(), sum(os.times()[:2])
    # A cluster's processes (its nodes' daemons, Ray Data's actors that outlive a job) were
    # there before this command: only what they use during it counts.
    base = {pid: cpu_seconds(pid) for pid in session_pids(cluster.session)} if cluster else {}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = {"tree_pss": 0, "actor_rss": 0}
    # CPU per process, the last value seen: on a machine shared with other
    # work, CPU seconds per text is the figure the other load barely moves.
    cpu: Dict[int, float] = {}
    actor_cpu: Dict[int, float] = {}
    done = threading.Event()
    trace: List[Dict[str, Any]] = []
    roles: Dict[int, str] = {}
    first: Dict[str, Any] = {}
    # The last time the output grew: after it a run only finishes its writes and
    # stops (Ray's shutdown takes seconds), which is no part of its throughput.
    grew: Dict[str, Any] = {}

    def sample():
        last = time.perf_counter()
        n = 0
        while not done.is_set():
            if watch is not None and time.perf_counter() - last > every:
                # A trace over the run: memory should not grow with what has been written.
                last = time.perf_counter()
                actors = actors_rss_kb(tree([proc.pid]))
                private = actors_private_kb(actors)
                trace.append({
                    "t": last - start, "written_mb": _du(watch) / 1e6,
                    "actors_rss_mb": [actors[p] // 1024 for p in sorted(actors)],
                    "actors_anon_mb": [private[p]["RssAnon"] // 1024 for p in sorted(private)],
                    "actors_shmem_mb": [private[p]["RssShmem"] // 1024 for p in sorted(private)],
                    "actors_cpu_s": sum(actor_cpu.values()), "tree_pss_mb": memory_tree_kb(proc.pid)[1] // 1024,
                })
                print(" ", json.dumps(trace[-1]), file=sys.stderr, flush=True)
            extra = session_pids(cluster.session) if cluster else []
            pids = tree([proc.pid]) + extra
            for pid in pids:
                used = cpu_seconds(pid)
                cpu[pid] = max(cpu.get(pid, 0.0), used)
                # Looked at again while it may still change: a process the driver forks to start a
                # daemon or a worker has the driver's command line until it runs its own program.
                if roles.get(pid, "idle worker") in ("idle worker", "other", "CLI worker"):
                    roles[pid] = role(pid, proc.pid)
            rss = actors_rss_kb(pids)
            for pid in rss:
                actor_cpu[pid] = cpu.get(pid, 0.0)
            peak["actor_rss"] = max([peak["actor_rss"], *rss.values()])
            written_now = _size(output)
            if not first and written_now > 0:
                first.update(t=time.perf_counter() - start, bytes=written_now, cpu=dict(cpu))
            if first and written_now > grew.get("bytes", 0):
                grew.update(t=time.perf_counter() - start, bytes=written_now, cpu=dict(cpu))
            # The tree's PSS reads every process's smaps: the costliest sample, taken every 4th tick
            # (the bench's own CPU comes off the cores the side runs on).
            if n % 4 == 0:
                pss = sum(memory_tree_kb(p)[1] for p in (proc.pid, *extra))
                peak["tree_pss"] = max(peak["tree_pss"], pss)
            n += 1
            done.wait(tick)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    machine1, bench1 = machine_jiffies(), sum(os.times()[:2])
    for snapshot in (cpu, first.get("cpu", {})):
        for pid, used in base.items():
            if pid in snapshot:
                snapshot[pid] = max(snapshot[pid] - used, 0.0)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:6])}... exit {proc.returncode}: {err[-3000:]}")
    ours = sum(cpu.values())
    bench_cpu = bench1 - bench0
    machine_busy = (machine1["busy"] - machine0["busy"]) / _TICK
    out: Dict[str, Any] = {
        "cpu_s": ours,
        "actor_cpu_s": sum(actor_cpu.values()),
        "driver_cpu_s": cpu.get(proc.pid, 0.0),
        "trace": trace,
        "cpu_by_role": by_role(cpu, roles),
        "cpu_by_class": by_class(cpu, roles, proc.pid),
        "wall_s": wall,
        "tree_pss_mb": peak["tree_pss"] / 1024,
        "actor_rss_mb": peak["actor_rss"] / 1024,
        # Cores the rest of the machine used meanwhile (other agents), and the hypervisor's steal.
        "others_cores": max(machine_busy - ours - bench_cpu, 0.0) / wall,
        "bench_cores": bench_cpu / wall,
        "steal_cores": (machine1["steal"] - machine0["steal"]) / _TICK / wall,
    }
    if first and first["t"] < wall:
        after = wall - first["t"]
        written = max(_size(output), first["bytes"]) if output and output.exists() else first["bytes"]
        out["first_output_s"] = first["t"]
        out["after_share"] = 1 - first["bytes"] / written if written else 0.0
        out["after_s"] = after
        out["after_cpu_by_class"] = {
            k: v - by_class(first["cpu"], roles, proc.pid).get(k, 0.0) for k, v in out["cpu_by_class"].items()
        }
        # Cores by process role after the first output: which of Ray's processes the steady cost is.
        out["after_cores_by_role"] = {
            k: round((v - by_role(first["cpu"], roles).get(k, 0.0)) / after, 4)
            for k, v in by_role(cpu, roles).items()
        }
        # Each engine process's busy fraction after the first output (Ray: the actors; CLI: its worker processes).
        engines = [pid for pid in cpu if _klass(roles.get(pid, "other"), pid, proc.pid) == "engines"]
        if not engines:  # `mask --workers 1` detects in its own process
            engines = [proc.pid]
        out["engine_busy"] = [(cpu[p] - first["cpu"].get(p, 0.0)) / after for p in engines]
        if grew and grew["t"] - first["t"] > 1.0 and written:
            # From the first output to the last growth of the output: the rate while
            # every engine is running, with start-up and shut-down both left out.
            span = grew["t"] - first["t"]
            out["flow_share"] = (grew["bytes"] - first["bytes"]) / written
            out["flow_s"] = span
            out["flow_engine_busy"] = [
                (grew["cpu"].get(p, 0.0) - first["cpu"].get(p, 0.0)) / span for p in engines
            ]
    return out


def _klass(name: str, pid: int, driver: int) -> str:
    """Process classes of the tables: the engines, Ray's task workers, the driver, Ray's daemons."""
    if pid == driver:
        return "driver"
    if name in ("actors", "CLI worker"):
        return "engines"
    if name in ("other Ray workers (read, write tasks)", "Ray Data's actors", "error log actor", "idle worker"):
        return "read/write workers, Ray Data's and the error log's actors"
    if name == "other":
        return "other"
    return "daemons (raylet, GCS, log monitor, agents)"


def by_class(cpu: Dict[int, float], roles: Dict[int, str], driver: int) -> Dict[str, float]:
    out: Dict[str, float] = {}
    for pid, used in cpu.items():
        name = _klass(roles.get(pid, "other"), pid, driver)
        out[name] = out.get(name, 0.0) + used
    return out


_ROLES = (
    ("ray::MapWorker", "actors"), ("ray::IDLE", "idle worker"), ("ray::ErrorLog", "error log actor"),
    ("DashboardAgent", "dashboard agent"), ("RuntimeEnvAgent", "runtime env agent"),
    ("ray::_StatsActor", "Ray Data's actors"), ("ray::_AutoscalingCoordinatorActor", "Ray Data's actors"),
    ("ray::ActorLocationTracker", "Ray Data's actors"),
    ("ray::", "other Ray workers (read, write tasks)"), ("dashboard", "dashboard agent"),
    ("runtime_env", "runtime env agent"), ("log_monitor", "log monitor"),
    ("monitor.py", "autoscaler monitor"),
)


def role(pid: int, driver: int) -> str:
    """What a process of a run is, from its command line."""
    if pid == driver:
        return "driver"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            line = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "idle worker"
    try:
        with open(f"/proc/{driver}/cmdline", "rb") as f:
            if line == f.read().replace(b"\0", b" ").decode(errors="replace"):
                return "CLI worker"  # forked by `pii-rails mask --workers N`
    except OSError:
        pass
    program = line.split(" ", 1)[0]
    if program.endswith(("/raylet", "/gcs_server")):  # their arguments name the worker command
        return program.rsplit("/", 1)[-1]
    if "default_worker" in line:  # not yet an actor or a task's worker: looked at again
        return "idle worker"
    return next((name for key, name in _ROLES if key in line), "other")


def by_role(cpu: Dict[int, float], roles: Dict[int, str]) -> Dict[str, float]:
    out: Dict[str, float] = {}
    for pid, used in cpu.items():
        name = roles.get(pid, "other")
        out[name] = round(out.get(name, 0.0) + used, 2)
    return dict(sorted(out.items(), key=lambda item: -item[1]))


def _children() -> Dict[int, List[int]]:
    kids: Dict[int, List[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stat = f.read()
                kids.setdefault(int(stat[stat.rindex(")") + 2 :].split()[1]), []).append(int(entry))
            except (OSError, ValueError):
                continue
    return kids


def session_pids(session: str) -> List[int]:
    """Every process of one Ray session (its command lines name it) and their descendants (the workers)."""
    roots = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in (os.getpid(), os.getppid()):
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if session.encode() in f.read():
                        roots.append(int(entry))
            except OSError:
                continue
    return tree(roots)


class Cluster:
    """A head node and a worker node on this machine (``ray start``), one CPU each.

    Stopped by killing this session's processes by id: ``ray stop`` would stop
    every Ray on the machine, other users' too. Ray 2.60's ``ray start --head``
    turns token authentication on; the nodes and the driver get the token from
    ``RAY_AUTH_MODE=token`` and the token file Ray writes.
    """

    def __init__(self, env: Dict[str, str], port: int = 6391, batch_nodes: bool = False):
        # Workers at the priority of the local runs (Ray's default niceness is 15;
        # the embedded Ray of `pii-rails mask --engine ray` sets 0), so that other
        # load on a shared machine weighs on every side alike.
        self.env = dict(env, RAY_DISABLE_USAGE_STATS="1", RAY_AUTH_MODE="token", RAY_worker_niceness="0")
        self.address = f"127.0.0.1:{port}"
        self.temp = tempfile.mkdtemp(prefix="ray_bench_")
        ray = str(Path(sys.executable).with_name("ray"))
        common = ["--num-cpus", "1", "--disable-usage-stats", "--node-ip-address", "127.0.0.1"]
        head: List[str] = []
        if batch_nodes:
            # Nodes started as docs/corpora.md advises for nodes that only run batch jobs:
            # no log monitor, no metrics, and the embedded Ray's system settings (kept
            # worker processes, none prestarted), which the head hands to every node.
            from pii_rails.batch.ray_data import LOCAL_SYSTEM_CONFIG

            common += ["--include-log-monitor", "false"]
            head = ["--system-config", json.dumps(LOCAL_SYSTEM_CONFIG)]
            self.env["RAY_enable_metrics_collection"] = "0"
        subprocess.run(
            [ray, "start", "--head", "--port", str(port), "--include-dashboard", "false", "--temp-dir", self.temp,
             *head, *common],
            env=self.env, check=True, capture_output=True,
        )
        self.session = Path(os.path.realpath(Path(self.temp) / "session_latest")).name
        subprocess.run([ray, "start", "--address", self.address, *common], env=self.env, check=True,
                       capture_output=True)

    def stop(self) -> None:
        import signal

        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pid in session_pids(self.session):
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            time.sleep(3)
        shutil.rmtree(self.temp, ignore_errors=True)


def speed(args) -> None:
    env = dict(os.environ)
    rows: Dict[str, List[Dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        plugin = write_config(root, args.config, "plugin")
        builtin = write_config(root, args.config, "builtin")
        lines = [t for t, _ in texts.messages(args.seed, args.lines, CONFIGS[args.config])]
        full, small, few = root / "full.jsonl", root / "small.jsonl", root / "builtin.jsonl"
        nbytes = write_lines(full, lines)
        small_bytes = write_lines(small, lines[:SMALL])
        few_bytes = write_lines(few, lines[: args.builtin_lines])
        cluster = Cluster(env, batch_nodes=args.batch_nodes) if args.cluster and "cluster" in args.sides else None
        try:
            sides = {
                "built-in loop (Presidio analyzer + anonymizer per text)": (
                    [sys.executable, str(HERE / "perf_builtin.py"), "batch", "--config", str(builtin)], 1, "builtin"
                ),
                "pii-rails mask --workers 1": ([EXE, "mask", "-q", "--config", str(plugin), "--workers", "1"], 1, "cli"),
                "pii-rails mask --workers 2": ([EXE, "mask", "-q", "--config", str(plugin), "--workers", "2"], 2, "cli"),
                "--engine ray --workers 1": (
                    [EXE, "mask", "-q", "--engine", "ray", "--config", str(plugin), "--workers", "1"], 1, "ray"
                ),
                "--engine ray --workers 2": (
                    [EXE, "mask", "-q", "--engine", "ray", "--config", str(plugin), "--workers", "2"], 2, "ray"
                ),
            }
            if cluster:
                sides["--engine ray --address (2 nodes x 1 CPU) --workers 2"] = (
                    [EXE, "mask", "-q", "--engine", "ray", "--address", cluster.address, "--config", str(plugin),
                     "--workers", "2"], 2, "ray",
                )
            keys = dict(zip(SIDES, sides, strict=False))
            sides = {keys[k]: sides[keys[k]] for k in SIDES if k in args.sides and keys[k] in sides}
            for repeat in range(args.repeats):
                for label, (cmd, workers, kind) in sides.items():
                    big = few if kind == "builtin" else full
                    runs = {}
                    for name, src in (("small", small), ("big", big)) if args.small else (("big", big),):
                        out = root / f"out_{repeat}_{name}_{abs(hash(label))}"
                        if kind == "builtin":
                            out = out.with_suffix(".jsonl")
                            target = [*cmd, str(src), str(out)]
                        elif kind == "cli":
                            out = out.with_suffix(".jsonl")
                            target = [*cmd, str(src), "-o", str(out)]
                        else:
                            target = [*cmd, "-o", str(out), str(src)]
                        on_cluster = cluster if "--address" in cmd else None
                        runs[name] = measured(target, on_cluster.env if on_cluster else env, on_cluster, output=out)
                        if out.is_dir():
                            shutil.rmtree(out, ignore_errors=True)
                        else:
                            out.unlink(missing_ok=True)
                    n_big = args.builtin_lines if kind == "builtin" else args.lines
                    b_big = few_bytes if kind == "builtin" else nbytes
                    rows.setdefault(label, []).append(figures(runs, n_big, b_big, small_bytes, workers, kind))
                    print(label, repeat, json.dumps(rows[label][-1]), file=sys.stderr, flush=True)
                    print("  CPU s by process:", json.dumps(runs["big"]["cpu_by_role"]), file=sys.stderr, flush=True)
                    steady = runs["big"].get("after_cores_by_role", {})
                    print("  cores by process after the first output:", json.dumps(steady), file=sys.stderr, flush=True)
        finally:
            if cluster:
                cluster.stop()
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    report(rows, args, nbytes)


def figures(runs: Dict[str, Dict[str, Any]], n: int, nbytes: int, small_bytes: int, workers: int,
            kind: str) -> Dict[str, float]:
    """One side's figures from its measured run(s): end to end, after the first output, by difference."""
    big = runs["big"]
    nan = float("nan")
    row: Dict[str, float] = {
        "workers": workers, "wall_s": big["wall_s"], "texts_s": n / big["wall_s"], "cpu_s": big["cpu_s"],
        "cpu_ms_per_text": big["cpu_s"] / n * 1000, "texts_per_cpu_s": n / big["cpu_s"],
        "others_cores": big["others_cores"], "steal_cores": big["steal_cores"], "bench_cores": big["bench_cores"],
        "tree_pss_mb": big["tree_pss_mb"], "actor_rss_mb": big["actor_rss_mb"],
        "first_output_s": big.get("first_output_s", nan),
    }
    for klass, used in big["cpu_by_class"].items():
        row[f"cpu_s {klass}"] = used
    if "after_s" in big:
        texts = n * big["after_share"]
        after_cpu = sum(big["after_cpu_by_class"].values())
        row.update({
            "after_texts": texts,
            "steady_texts_s": texts / big["after_s"],
            "steady_mb_s": nbytes * big["after_share"] / big["after_s"] / 1e6,
            "steady_cpu_ms_per_text": after_cpu / max(texts, 1) * 1000,
            "steady_texts_per_cpu_s": texts / max(after_cpu, 1e-9),
            "steady_engine_busy": statistics.mean(big["engine_busy"]),
            "steady_engine_busy_min": min(big["engine_busy"]),
        })
        for klass, used in big["after_cpu_by_class"].items():
            row[f"steady_cores {klass}"] = used / big["after_s"]
    if "flow_s" in big:
        row["flow_texts_s"] = n * big["flow_share"] / big["flow_s"]
        row["flow_engine_busy"] = statistics.mean(big["flow_engine_busy"])
    if "small" in runs:
        small = runs["small"]
        # Under a second apart: start-up noise swamps the work, no rate.
        dt = big["wall_s"] - small["wall_s"]
        dt = dt if dt > 1 else nan
        row["diff_texts_s"] = (n - SMALL) / dt
        row["diff_texts_per_cpu_s"] = (n - SMALL) / max(big["cpu_s"] - small["cpu_s"], 1e-9)
        row["diff_mb_s"] = (nbytes - small_bytes) / dt / 1e6
    return row


ENGINES = "engines"
RW = "read/write workers, Ray Data's and the error log's actors"
DAEMONS = "daemons (raylet, GCS, log monitor, agents)"


def report(rows: Dict[str, List[Dict[str, float]]], args, nbytes: int) -> None:
    """Medians over the repeats; ratios to `mask --workers 1` taken within each repeat, then their median."""
    anchor_label = "pii-rails mask --workers 1"

    def med(label: str, key: str) -> float:
        values = [r.get(key, float("nan")) for r in rows[label]]
        values = [v for v in values if v == v]
        return statistics.median(values) if values else float("nan")

    def ratio(label: str, key: str, anchor: str, per_worker: bool = False) -> float:
        if anchor not in rows:
            return float("nan")
        values = []
        for mine, theirs in zip(rows[label], rows[anchor], strict=False):
            a, b = mine.get(key, float("nan")), theirs.get(key, float("nan"))
            if per_worker:
                a, b = a / mine["workers"], b / theirs["workers"]
            if a == a and b == b and b:
                values.append(a / b)
        return statistics.median(values) if values else float("nan")

    # Each two-worker side against one worker of the same engine (its scaling).
    one_worker = {"pii-rails mask --workers 2": anchor_label,
                  "--engine ray --workers 2": "--engine ray --workers 1",
                  "--engine ray --address (2 nodes x 1 CPU) --workers 2": "--engine ray --workers 1"}
    small = f"; by difference with the first {SMALL} lines" if args.small else ""
    print(f"\n#### `{args.config}` config: {args.lines} JSON lines of 20-60 words ({nbytes / 1e6:.1f} MB), "
          f"built-in on the first {args.builtin_lines}; median of {args.repeats} repeats{small}\n")
    print("End to end (start-up included) and steady (after the side's first output):\n")
    print("| side | wall (s) | first output (s) | texts/s end to end | steady texts/s | steady texts/s per worker "
          "vs `mask --workers 1` | steady texts per CPU s | vs `mask --workers 1` | wall vs 1 worker of the "
          "same engine (scaling) | engine busy, mean (min) | other programs' cores | steal (cores) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for label in rows:
        one = one_worker.get(label)
        scaling = (f"{ratio(label, 'steady_texts_s', one) / 2:.0%} steady, "
                   f"{ratio(one, 'wall_s', label) / 2:.0%} end to end") if one in rows else "-"
        print(f"| {label} | {med(label, 'wall_s'):.1f} | {med(label, 'first_output_s'):.1f} "
              f"| {med(label, 'texts_s'):.0f} | {med(label, 'steady_texts_s'):.0f} "
              f"| {ratio(label, 'steady_texts_s', anchor_label, per_worker=True):.2f} "
              f"| {med(label, 'steady_texts_per_cpu_s'):.0f} "
              f"| {ratio(label, 'steady_texts_per_cpu_s', anchor_label):.2f} "
              f"| {scaling} | {med(label, 'steady_engine_busy'):.2f} ({med(label, 'steady_engine_busy_min'):.2f}) "
              f"| {med(label, 'others_cores'):.2f} | {med(label, 'steal_cores'):.2f} |")
    print("\nWhile the engines run (from the first output to the last growth of the output; start-up and "
          "shut-down left out):\n")
    print("| side | texts/s | per worker vs `mask --workers 1` | scaling vs 1 worker of the same engine "
          "| engine busy, mean |")
    print("|---|---:|---:|---:|---:|")
    for label in rows:
        one = one_worker.get(label)
        scaling = f"{ratio(label, 'flow_texts_s', one) / 2:.0%}" if one in rows else "-"
        print(f"| {label} | {med(label, 'flow_texts_s'):.0f} "
              f"| {ratio(label, 'flow_texts_s', anchor_label, per_worker=True):.2f} | {scaling} "
              f"| {med(label, 'flow_engine_busy'):.2f} |")
    print("\nCPU by process class: seconds over the whole run / cores used after the first output:\n")
    print(f"| side | {ENGINES} | {RW} | driver | {DAEMONS} | other | all | peak PSS of the tree (MiB) "
          "| peak RSS per actor (MiB) |")
    print("|---|---|---|---|---|---|---|---:|---:|")
    for label in rows:
        cells = []
        for klass in (ENGINES, RW, "driver", DAEMONS, "other"):
            cells.append(f"{med(label, f'cpu_s {klass}'):.1f} / {med(label, f'steady_cores {klass}'):.2f}")
        steady = [med(label, f"steady_cores {k}") for k in (ENGINES, RW, "driver", DAEMONS, "other")]
        total = sum(v for v in steady if v == v)
        actor = f"{med(label, 'actor_rss_mb'):.0f}" if med(label, "actor_rss_mb") else "-"
        print(f"| {label} | {' | '.join(c.replace('nan', '-') for c in cells)} | {med(label, 'cpu_s'):.1f} / "
              f"{total:.2f} | {med(label, 'tree_pss_mb'):.0f} | {actor} |")
    if args.small:
        print(f"\nBy difference (all lines − the first {SMALL}, same side): texts/s, texts per CPU s\n")
        for label in rows:
            print(f"- {label}: {med(label, 'diff_texts_s'):.0f} texts/s, "
                  f"{med(label, 'diff_texts_per_cpu_s'):.0f} texts per CPU s "
                  f"({ratio(label, 'diff_texts_per_cpu_s', anchor_label):.2f} of `mask --workers 1`)")


def write_corpus(folder: Path, mb: int, files: int = 10) -> int:
    """JSON Lines of long documents (about 10 kB each, every one distinct) making ``mb`` MB; the number of lines.

    200 documents are generated once and repeated with the line number appended,
    so a GB is written in seconds and no two records are alike (as in a real
    corpus: nothing is answered from the engines' caches).
    """
    folder.mkdir(parents=True)
    docs = [texts.long_text(seed, 10_000, CONFIGS["structured"]) for seed in range(200)]
    target, per_file, total, n = mb * 1_000_000, max(mb * 1_000_000 // files, 1), 0, 0
    part = 0
    while total < target:
        with open(folder / f"part-{part:03d}.jsonl", "w", encoding="utf-8") as f:
            written, chunk = 0, []
            while written < per_file and total < target:
                line = json.dumps({"id": n, "text": f"{docs[n % len(docs)]} (document {n})"}) + "\n"
                chunk.append(line)
                written += len(line)
                total += len(line)
                n += 1
            f.write("".join(chunk))
        part += 1
    return n


def size(args) -> None:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        root = Path(tmp)
        plugin = write_config(root, "structured", "plugin")
        rows = []
        for mb in args.mb:
            folder = root / f"corpus_{mb}"
            began = time.perf_counter()
            n = write_corpus(folder, mb)
            total = sum(f.stat().st_size for f in folder.glob("*.jsonl"))
            print(f"  {mb} MB corpus written in {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
            out = root / f"out_{mb}"
            m = measured([EXE, "mask", "-q", "--engine", "ray", "--config", str(plugin), "--workers",
                          str(args.workers), "-o", str(out), str(folder)], env, watch=out, every=args.every)
            lines = sum(1 for f in out.glob("*.jsonl") for _ in f.open(encoding="utf-8"))
            assert lines == n, (lines, n)
            rows.append((mb, total, n, m, _du(out)))
            print("  CPU s by process:", json.dumps(m["cpu_by_role"]), file=sys.stderr, flush=True)
            print(f"  {mb} MB done", file=sys.stderr, flush=True)
            shutil.rmtree(folder)
            shutil.rmtree(out)
        print(f"| corpus | documents | wall (s) | CPU s, all processes | the actors' CPU s | MB per actor CPU second "
              f"| peak RSS per actor (MiB) | peak PSS of the process tree (MiB) | {args.workers} cores, idle, "
              f"1 GB at this rate (min) |")
        print("|---|---|---|---|---|---|---|---|---|")
        for _, total, n, m, _ in rows:
            rate = total / 1e6 / max(m["actor_cpu_s"], 1e-9)
            print(f"| {total / 1e6:.0f} MB | {n} | {m['wall_s']:.0f} | {m['cpu_s']:.0f} | {m['actor_cpu_s']:.0f} "
                  f"| {rate:.2f} | {m['actor_rss_mb']:.0f} | {m['tree_pss_mb']:.0f} "
                  f"| {1000 / rate / args.workers / 60:.0f} |")
        for _, total, _, m, written in rows:
            print(f"\nTrace of the {total / 1e6:.0f} MB run (output {written / 1e6:.0f} MB in all), every "
                  f"{args.every:.0f} s:\n")
            print("| time (s) | output written (MB) | the actors' CPU s | RSS of each actor (MiB) "
                  "| of which private (RssAnon) | of which the object store's pages (RssShmem) | PSS of the tree (MiB) |")
            print("|---|---|---|---|---|---|---|")
            for row in m["trace"]:
                print(f"| {row['t']:.0f} | {row['written_mb']:.0f} | {row['actors_cpu_s']:.0f} "
                      f"| {', '.join(map(str, row['actors_rss_mb']))} | {', '.join(map(str, row['actors_anon_mb']))} "
                      f"| {', '.join(map(str, row['actors_shmem_mb']))} | {row['tree_pss_mb']} |")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    s = sub.add_parser("speed")
    s.add_argument("--config", choices=sorted(CONFIGS), default="structured")
    s.add_argument("--lines", type=int, default=20000)
    s.add_argument("--builtin-lines", type=int, default=2000)
    s.add_argument("--repeats", type=int, default=1)
    s.add_argument("--seed", type=int, default=7)
    s.add_argument("--no-cluster", dest="cluster", action="store_false")
    s.add_argument("--batch-nodes", action="store_true",
                   help="start the cluster's nodes with the settings docs/corpora.md gives for batch-only nodes")
    s.add_argument("--small", action="store_true",
                   help=f"also run every side on the first {SMALL} lines (start-up taken out by difference)")
    s.add_argument("--json", help="write every repeat's figures to this file")
    s.add_argument("--sides", nargs="+", choices=SIDES, default=list(SIDES),
                   help="which sides to run (default: all); one Ray side at a time keeps a shared machine usable")
    z = sub.add_parser("size")
    z.add_argument("--mb", type=int, nargs="+", default=[100, 1000])
    z.add_argument("--tmp", default=None, help="where the corpora are written (default: the system's temp dir)")
    z.add_argument("--workers", type=int, default=2)
    z.add_argument("--every", type=float, default=30.0, help="seconds between two samples of the memory trace")
    args = parser.parse_args(argv)
    speed(args) if args.what == "speed" else size(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
