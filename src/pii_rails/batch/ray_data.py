"""Records on Ray Data: one engine per actor, the same record processing as the CLI.

Reading goes through Ray Data's file-based datasource (file listing,
directories, filesystem URIs, one read task per file), with a stream per
format that adds each record's file and position: Ray's own ``read_json``
stops the whole read at the first bad line and no reader says where a row
came from, while a bad record here must give an error row with its file and
line and let the run go on. Writing uses Ray Data's writers (``write_parquet``,
``write_csv``) and, for JSON Lines, a block writer that writes the rows exactly
as ``pii-rails mask`` writes them (nested fields and all).

The records go through :func:`pii_rails.batch.records.process` in a
``map_batches`` callable class, so the engine (spaCy pipeline, recognizers)
is built once per actor. Ray Data restarts an actor that dies and retries its
batch (``max_restarts``/``max_task_retries``); errors are reported to one small
actor keyed by file and position, so a retried batch is not counted twice.
"""

from __future__ import annotations

import json
import logging
import os
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, Callable, Iterator, List, Optional, Sequence, Tuple, Union

import pyarrow as pa
import ray

from pii_rails.batch.records import (
    COMMANDS,
    EMPTY_LINE,
    ENTITIES,
    ERROR,
    MASKED_TEXT,
    column_path,
    for_batch,
    parse_line,
    process,
    with_outcome,
)
from pii_rails.batch.ray_io import (  # noqa: F401  (re-exported: the datasource, sink and columns' home)
    EXTENSIONS,
    FORMATS,
    LINE,
    PATH,
    POSITION,
    RAW,
    ErrorLog,
    ErrorReport,
    LinesDatasink,
    ready,
    RecordsDatasource,
    format_of,
)
from pii_rails.errors import PiiRailsError
from pii_rails.settings import SOURCES, Settings, load_settings

# Records per map_batches call on a dataset of the caller's (mask_dataset,
# scan_dataset): the same order of size as the CLI's batches, so spaCy's
# nlp.pipe batching pays off whatever the caller's blocks hold. The command's
# own runs pass whole blocks instead (see `_run_plan`).
BATCH_SIZE = 256
# The smallest block Ray's reads split a file into (Ray's default: 1 MiB):
# ~2,000 chat messages or ~50 documents of 10 kB, about a second of engine work
# on the structured configuration, 10-20 s with spaCy's NER. Each block costs a
# map task, a write task and their scheduling (~20 ms of CPU in Ray's processes
# whatever its size): at 256 KiB that was 0.03 of a core beside one engine on
# the structured configuration, at 512 KiB half that, while the first output
# still comes after a few seconds of work and a killed actor repeats little.
MIN_BLOCK_BYTES = 512 * 1024
# How long Ray Data's scheduling loop waits for running tasks before it looks
# again (Ray's value: 0.1 s); see `configure_run`.
LOOP_WAIT_S = 0.5
# Actors whose blocks one write task at a time keeps up with; see `_run_plan`.
ACTORS_PER_WRITE = 8
# How often the command's main thread looks for the writes' results (Ray
# Data's: every 10 ms); see `configure_run`.
OUTPUT_POLL_S = 0.1
# The embedded Ray of `--engine ray` (no --address) is this command's alone; what
# its background costs is CPU taken from the engines, on the cores the run asked
# for. Ray prestarts one idle Python worker per CPU (about 1 CPU second each to
# start, then ~1 % of a core each for as long as the run lasts) though the run
# starts its own actors, and exports metrics nobody reads without a dashboard.
LOCAL_SYSTEM_CONFIG = {
    "enable_worker_prestart": False,
    "prestart_worker_first_driver": False,
    "enable_metrics_collection": False,
    # Ray stops a worker process that has been idle for a second once a node
    # runs more workers than CPUs, which a run always does (its actors, Ray
    # Data's own actors). Each write task of a run then came a block's work
    # after the last and found no worker left: a new process per task, ~3 CPU
    # seconds to start and import Ray Data, for a write of milliseconds (4
    # writes, ~20 CPU s in a 2-actor run of 20,000 lines). Kept for the run,
    # the few reading and writing processes (no more than run at once) serve
    # every task.
    "idle_worker_killing_time_threshold_ms": 3_600_000,
}
# Ray's periodic loops, slowed or stopped for the embedded Ray only (one node,
# no dashboard, nobody reading its metrics); not in LOCAL_SYSTEM_CONFIG, which
# docs/corpora.md hands to clusters' batch nodes, where resource reports and
# the object manager's timer serve scheduling and transfers between nodes.
LOCAL_NODE_CONFIG = {
    # The loop that looks for idle workers to stop wakes every 200 ms; with the
    # threshold above it never finds one. 0 turns the loop off.
    "kill_idle_workers_interval_ms": 0,
    # Loops that serve a cluster or a dashboard, not one local node:
    # the raylet's 100 ms timers (resource reports to the GCS, the object
    # store's GC check, the object manager's pull/push timer, the spill
    # directory's disk check; ~40 of the raylet's ~160 wake-ups a second), the
    # per-handler timing of every event loop (event_stats: only read by
    # debug dumps and metrics, which the embedded Ray does not export), the
    # event loops' health probes and the workers' backlog reports to an
    # autoscaler there is none of. Measured (bench/ray_idle.py, 5 idle actors,
    # two alternated pairs at load 4-7): 0.067-0.072 -> 0.059-0.061 cores,
    # raylet 0.006-0.007 -> 0.005, GCS 0.003 -> 0.0025, each worker process
    # 0.009 -> 0.0075. What they cost: a resource change (an actor's CPU given
    # back, a restarted actor's) reaches the GCS's view up to a second later,
    # memory-pressure GC and a full spill disk are noticed within a second, not
    # a tenth; the OOM monitor keeps its period (a guard, not a report).
    "raylet_report_resources_period_milliseconds": 1000,
    "raylet_check_gc_period_milliseconds": 1000,
    "object_manager_timer_freq_ms": 1000,
    "local_fs_monitor_interval_ms": 1000,
    "event_stats": False,
    "io_context_monitor_probe_interval_ms": 10_000,
    "report_worker_backlog_interval_ms": 10_000,
}
# Daemons `ray.init` starts on a head node that the embedded Ray of a run never
# uses: the log monitor tails every worker's log files for drivers that print
# them (the command runs with log_to_driver=False and reports bad records
# through its error log), the autoscaler monitor scales a cluster this one
# local node is not. Each cost ~0.007 of a core for the whole run (the log
# monitor polls the log directory ten times a second) and ~1 CPU s to start,
# on the cores the engines run on. `ray.init` has no argument for either.
LOCAL_NODE_PARAMS = {"include_log_monitor": False, "no_monitor": True}

ENTITY_TYPE = pa.list_(
    pa.struct([("entity_type", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("score", pa.float64())])
)


class Records:
    """The ``map_batches`` callable: one :class:`PiiEngine` per actor, each batch through ``records.process``.

    ``kind`` is ``lines`` (raw JSON lines in, the CLI's output rows out),
    ``table`` (rows of a table; ``entities`` as a list of structs) or ``csv``
    (``entities`` as a JSON string, as CSV holds no lists).
    """

    def __init__(
        self,
        settings: Settings,
        command: str,
        source: str,
        column: str,
        kind: str,
        errors: Optional[ErrorReport] = None,
        max_errors: Optional[int] = None,
    ):
        # The engine's modules are imported here, in the actor: the driver never builds one.
        from pii_rails.engine import PiiEngine

        self.engine = for_batch(PiiEngine(settings))
        self.max_errors = max_errors
        self.command = command
        self.source = source
        self.column = column
        self.kind = kind
        self.errors = errors

    def __call__(self, batch: pa.Table) -> pa.Table:
        if self.kind == "lines":
            return self._lines(batch)
        return self._table(batch)

    def _report(self, batch: pa.Table, problems: List[Tuple[int, str]]) -> None:
        if self.errors is None or not problems or PATH not in batch.column_names:
            return
        paths = batch.column(PATH).to_pylist()
        positions = batch.column(POSITION).to_pylist()
        failed = [(paths[i], positions[i], problem) for i, problem in problems]
        # Waited for: the count is exact before this batch's rows count as written.
        total = self.errors.add(failed)
        if self.max_errors is not None and total > self.max_errors:
            # Fails the dataset: more bad records than the run allows.
            raise RuntimeError(f"more than {self.max_errors} records failed (--max-errors {self.max_errors})")

    def _lines(self, batch: pa.Table) -> pa.Table:
        raw = batch.column(RAW).to_pylist()
        parsed = [(None, "not valid UTF-8") if line is None else parse_line(line, self.column) for line in raw]
        outcomes = process(self.engine, self.command, self.source, parsed, self.column)
        out = [
            json.dumps(with_outcome(obj, o, self.command), ensure_ascii=False)
            for (obj, _), o in zip(parsed, outcomes, strict=True)
        ]
        self._report(batch, [(i, o.error) for i, o in enumerate(outcomes) if o.error not in (None, EMPTY_LINE)])
        return pa.table({PATH: batch.column(PATH), POSITION: batch.column(POSITION), LINE: pa.array(out, pa.string())})

    def _table(self, batch: pa.Table) -> pa.Table:
        # Only what a record is checked and detected by becomes Python objects:
        # the other columns (metadata, embeddings) stay Arrow and are passed on as they are.
        read = {self.column, self.column.split(".")[0], "language"}
        rows = batch.select([name for name in batch.column_names if name in read]).to_pylist()
        outcomes = process(self.engine, self.command, self.source, [(row, None) for row in rows], self.column)
        self._report(batch, [(i, o.error) for i, o in enumerate(outcomes) if o.error is not None])
        entities: List[Any] = [o.entities for o in outcomes]
        if self.kind == "csv":
            column = pa.array([None if e is None else json.dumps(e) for e in entities], pa.string())
        else:
            column = pa.array(entities, ENTITY_TYPE)
        out = batch.append_column(ENTITIES, column)
        if self.command == "mask":
            out = out.append_column(MASKED_TEXT, pa.array([o.masked_text for o in outcomes], pa.string()))
        return out.append_column(ERROR, pa.array([o.error for o in outcomes], pa.string()))


def settings_of(config: Union[str, os.PathLike, Settings]) -> Settings:
    """Validated settings of a configuration directory (or ``config.yml``), checked on the driver."""
    if isinstance(config, Settings):
        return config
    from nemoguardrails import RailsConfig

    return load_settings(RailsConfig.from_path(str(config)))


def _check(command: str, source: str, column: str) -> None:
    if command not in COMMANDS:
        raise ValueError(f"command must be one of {', '.join(COMMANDS)}, not {command!r}")
    if source not in SOURCES:
        raise ValueError(f"source must be one of {', '.join(SOURCES)}, not {source!r}")
    column_path(column)


def _cpus() -> int:
    """The default number of actors: one per CPU of the cluster."""
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def records(
    ds: "ray.data.Dataset",
    settings: Settings,
    command: str,
    *,
    source: str = "input",
    column: str = "text",
    kind: str = "table",
    workers: Optional[int] = None,
    errors: Optional[ErrorReport] = None,
    max_errors: Optional[int] = None,
    batch_size: Optional[int] = BATCH_SIZE,
) -> "ray.data.Dataset":
    """``ds`` with every record processed by an actor pool of ``workers`` engines (one CPU each).

    ``batch_size`` None: each block is one batch.
    """
    _check(command, source, column)
    return ds.map_batches(
        Records,
        fn_constructor_kwargs={
            "settings": settings,
            "command": command,
            "source": source,
            "column": column,
            "kind": kind,
            "errors": errors,
            "max_errors": max_errors,
        },
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=_cpus() if workers is None else workers),
        num_cpus=1,
    )


def mask_dataset(
    ds: "ray.data.Dataset",
    config: Union[str, os.PathLike, Settings],
    column: str = "text",
    *,
    source: str = "input",
    workers: Optional[int] = None,
    batch_size: int = BATCH_SIZE,
) -> "ray.data.Dataset":
    """``ds`` with ``entities``, ``masked_text`` and ``error`` columns (lazy, like any Ray Dataset)."""
    return records(
        ds, settings_of(config), "mask", source=source, column=column, workers=workers, batch_size=batch_size
    )


def scan_dataset(
    ds: "ray.data.Dataset",
    config: Union[str, os.PathLike, Settings],
    column: str = "text",
    *,
    source: str = "input",
    workers: Optional[int] = None,
    batch_size: int = BATCH_SIZE,
) -> "ray.data.Dataset":
    """``ds`` with ``entities`` and ``error`` columns (lazy, like any Ray Dataset)."""
    return records(
        ds, settings_of(config), "scan", source=source, column=column, workers=workers, batch_size=batch_size
    )



def _output_problem(output: str) -> Optional[str]:
    """Why a local output directory cannot take this run's files (other URIs: the writer says)."""
    if "://" in output:
        return None
    if os.path.isfile(output):
        return "is a file; the output is a dataset directory"
    if os.path.isdir(output) and os.listdir(output):
        return "is not empty; a run writes a whole dataset directory and would mix its files with others"
    return None


def run(
    command: str,
    config: str,
    inputs: Sequence[str],
    output: str,
    *,
    fmt: Optional[str] = None,
    column: str = "text",
    source: str = "input",
    address: Optional[str] = None,
    workers: Optional[int] = None,
    max_errors: Optional[int] = None,
    progress: bool = False,
    say=print,
) -> int:
    """``pii-rails scan|mask --engine ray``: files in, a dataset directory out; returns the exit code.

    ``say`` prints a message for the user (stderr in the CLI). Exit codes as
    the CLI's: 0 all records processed, 1 some failed (or more than
    ``max_errors``: the run stops), 2 usage or configuration error.
    """
    try:
        _check(command, source, column)
        fmt = fmt or format_of(inputs)
    except ValueError as exc:
        say(f"pii-rails: {exc}")
        return 2
    problem = _output_problem(output)
    if problem:
        say(f"pii-rails: --output {output} {problem}")
        return 2
    started = not ray.is_initialized()
    # The configuration loads (NeMo's parser, Presidio's anonymizer for the
    # keyer: ~2 CPU s) while `ray.init` waits for the daemons it starts, which
    # leaves the driver idle for seconds. A configuration error is still
    # reported before any actor starts, after Ray's start-up.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pii-rails-config") as pool:
        loading = pool.submit(_load, config)
        if started:
            _start_ray(address)
        try:
            settings = loading.result()
        except Exception as exc:
            settings, problem = None, _config_problem(config, exc)
    try:
        if settings is None:
            say(f"pii-rails: {problem}")
            return 2
        with warnings.catch_warnings():
            # The caps on reads and writes at a time are upper bounds: Ray Data
            # warns when a small corpus gives fewer files or blocks than that.
            warnings.filterwarnings("ignore", message="The maximum number of concurrent tasks for")
            return _run(
                command, settings, inputs, output, fmt, column, source, workers, max_errors, progress, say,
                embedded=started and address is None,
            )
    finally:
        if started:
            _stop_ray(address)


def _stop_ray(address: Optional[str]) -> None:
    """Shuts down the Ray this command started."""
    if address is None:
        # Ray's shutdown stops the GCS before the autoscaler monitor, which then
        # does not exit on SIGTERM and is killed after Ray's one-second grace: a
        # second at the end of every run. The embedded Ray's monitor watches one
        # local node and holds nothing of the run; it goes first. (`_start_ray`
        # starts none where Ray takes LOCAL_NODE_PARAMS; then this finds none.)
        # Left to Ray's shutdown where a Ray version has no such call.
        node = getattr(getattr(ray, "_private", None), "worker", None)
        kill = getattr(getattr(node, "_global_node", None), "kill_monitor", None)
        if kill is not None:
            try:
                kill(check_alive=False)
            except Exception:  # ray.shutdown below stops it in any case
                pass
    ray.shutdown()


def _load(config: str) -> Settings:
    """The run's settings, checked on the driver."""
    from pii_rails.masking.placeholders import load_keyer

    settings = settings_of(config)
    # The actors build their engines from these settings; a missing keyed
    # secret fails here, once, with the variable's name, not in every actor.
    load_keyer(settings)
    return settings


def _config_problem(config: str, exc: Exception) -> str:
    if isinstance(exc, PiiRailsError):
        return f"configuration error: {exc}"
    # NeMo's own loader: YAML or Colang errors.
    return f"could not load {config}: {exc}"


def _start_ray(address: Optional[str]) -> None:
    """Starts the command's embedded Ray (``address`` None) or joins the cluster at ``address``."""
    if address is not None:
        ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
        return
    # "local" starts an embedded Ray even when RAY_ADDRESS names a cluster:
    # joining one is what --address is for.
    # Ray runs its workers at niceness 15 so they never starve its own
    # daemons; on a busy machine that leaves the engines almost no CPU.
    # The embedded Ray is this command's alone: its workers run at the
    # command's priority, as `pii-rails mask`'s processes do (the
    # variable, when set, still decides).
    os.environ.setdefault("RAY_worker_niceness", "0")
    # Nothing of a local run leaves the machine (Ray's usage report would).
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    with _node_params(LOCAL_NODE_PARAMS):
        ray.init(
            address="local",
            include_dashboard=False,
            logging_level=logging.WARNING,
            log_to_driver=False,
            _system_config={**LOCAL_SYSTEM_CONFIG, **LOCAL_NODE_CONFIG},
        )


@contextmanager
def _node_params(defaults: dict) -> Iterator[None]:
    """While it lasts, the node `ray.init` starts gets ``defaults`` for what ``ray.init`` does not set.

    `ray.init` builds its head node's parameters (``RayParams``) from its own
    arguments only; the fields it leaves out are those of ``ray start``'s
    flags (``--include-log-monitor``, ``--no-monitor``). A Ray without that
    class starts its node as it always does.
    """
    module = getattr(getattr(ray, "_private", None), "parameter", None)
    params = getattr(module, "RayParams", None)
    if params is None:
        yield
        return

    def with_defaults(*args: Any, **kwargs: Any) -> Any:
        return params(*args, **{**defaults, **kwargs})

    module.RayParams = with_defaults  # type: ignore[union-attr]
    try:
        yield
    finally:
        module.RayParams = params  # type: ignore[union-attr]


def configure_run(progress: bool = False) -> None:
    """The Ray Data settings of a `--engine ray` run (this process's ``DataContext``: the command's own)."""
    from ray.data import DataContext

    # Ray Data's own INFO lines (execution plans, log paths) would bury the
    # messages about records; warnings and the progress bar stay.
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    context = DataContext.get_current()
    # Output rows in input order: records keep their place and their ids.
    context.execution_options.preserve_order = True
    context.enable_progress_bars = progress
    # Ray splits what a read task yields into blocks of at least 1 MiB (200
    # blocks at most). A run writes its first output after its first block, the
    # actors share the last blocks of a run unevenly, and a killed actor repeats
    # its block; smaller blocks cost one map and one write task each and one
    # output file (see MIN_BLOCK_BYTES).
    context.target_min_block_size = MIN_BLOCK_BYTES
    # Ray Data's scheduling loop wakes every 0.1 s (its `ray.wait` on the running
    # tasks has that timeout and no setting), ~0.03 of a core of the driver's for
    # as long as the run lasts. Each actor holds a second task queued, so a task
    # that finishes is followed at once whatever the loop does; only the handing
    # of its output to the write waits, up to this long. A module constant of Ray
    # Data, changed in this command's process only (the library's callers keep
    # Ray's value); left alone where a Ray version has no such constant.
    try:
        from ray.data._internal.execution import streaming_executor_state as state
    except ImportError:  # a Ray that moved it: its own wait stands
        state = None  # type: ignore[assignment]
    if hasattr(state, "WAIT_FOR_TASK_COMPLETION_TIMEOUT_S"):
        state.WAIT_FOR_TASK_COMPLETION_TIMEOUT_S = LOOP_WAIT_S
    # The command's main thread waits for the writes' results (a few bytes per
    # block) in Ray Data's output queue, which it polls every 10 ms: ~0.008 of
    # a core of the driver's for the whole run. What it collects is only
    # counted, so a tenth of a second later changes nothing but the run's last
    # tenth of a second. Ray Data's only sleep in that module.
    if getattr(state, "time", None) is time:
        state.time = _PollingClock()  # type: ignore[assignment]


class _PollingClock:
    """The ``time`` module for Ray Data's executor state, with its waits for output at least `OUTPUT_POLL_S`."""

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)

    @staticmethod
    def sleep(seconds: float) -> None:
        time.sleep(max(seconds, OUTPUT_POLL_S))


def _on_this_node() -> Any:
    """A scheduling strategy for the driver's node, soft."""
    from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

    return NodeAffinitySchedulingStrategy(node_id=ray.get_runtime_context().get_node_id(), soft=True)


def _run(
    command: str,
    settings: Settings,
    inputs: Sequence[str],
    output: str,
    fmt: str,
    column: str,
    source: str,
    workers: Optional[int],
    max_errors: Optional[int],
    progress: bool,
    say: Callable[[str], Any],
    embedded: bool = False,
) -> int:
    configure_run(progress)
    # Ray Data hands each execution's usage record to a detached actor of its
    # own on the driver's node, which the first run on a cluster starts (~1.3
    # CPU s) and which stays (~0.006 of a core) for Ray's usage report. The
    # embedded Ray sends no report (`_start_ray`); a run on a cluster leaves
    # nothing of its own in it either, unless the variable says otherwise.
    os.environ.setdefault("RAY_DATA_USAGE_DISABLED", "1")
    errors = ErrorReport()
    try:
        return _run_plan(
            command, settings, inputs, output, fmt, column, source, workers, max_errors, errors, say, embedded
        )
    finally:
        errors.close()


def _run_plan(
    command: str,
    settings: Settings,
    inputs: Sequence[str],
    output: str,
    fmt: str,
    column: str,
    source: str,
    workers: Optional[int],
    max_errors: Optional[int],
    errors: ErrorReport,
    say: Callable[[str], Any],
    embedded: bool = False,
) -> int:
    # Reading and writing take no CPU of their own: the CPUs go to the engines
    # (one per actor), and a read never waits for an actor to give one back.
    # Reads are cheap next to detection, so a few at a time keep the actors
    # fed; without a cap, zero-CPU reads of many files would all run at once
    # and take the engines' cores.
    actors = workers or _cpus()
    readers = max(1, min(actors, 4))
    # Reads and writes go to the driver's node, the engines to every node's
    # CPUs. Ray Data spreads zero-CPU tasks over the nodes in turn, so on a
    # cluster the few write tasks at a time (below) went to every node an
    # actor ran on, and each node started a worker process of its own for them
    # (~1.4 CPU s to start and import Ray Data, then ~0.007 of a core for the
    # rest of the run) to write a block every second or so; and the read's
    # process, once the read is done, can take the writes. A block that an
    # actor on another node made travels to the driver's node once, as the
    # rows of a run come together there anyway (the command's output). Soft:
    # a driver's node that cannot run tasks leaves them to Ray.
    io = {"num_cpus": 0, "scheduling_strategy": _on_this_node()}
    ds = ray.data.read_datasource(
        RecordsDatasource(list(inputs), fmt, column), concurrency=readers, ray_remote_args=io
    )
    if embedded:
        # A process for the writes, started with the run's other processes.
        # The read holds its process until the file's last blocks, so the first
        # write needs another; asked for only then, Ray started two at once and
        # one of them never ran a task (~0.7 CPU s, then ~0.007 of a core for
        # the rest of the run). Asked for here, this task's process and the one
        # Ray adds meanwhile take the read and the writes, and none is left
        # unused. Only where idle processes are kept for the run
        # (LOCAL_SYSTEM_CONFIG): a cluster's Ray may stop it before a write.
        ready.options(scheduling_strategy=io["scheduling_strategy"]).remote()
    kind = {"json": "lines", "csv": "csv", "parquet": "table"}[fmt]
    # A block at a time: the reader's blocks are at most 4,096 records and 1 MiB
    # of JSON lines, the CLI's batch bound, and Ray's split of a read makes them
    # smaller (~MIN_BLOCK_BYTES: ~2,200 chat messages). In 256-record batches
    # the actor's main thread cut each block into nine, built the output a batch
    # at a time and handed each batch to the thread Ray Data runs the UDF in:
    # ~9 microseconds of CPU a text on the structured configuration (2 % of the
    # engine's). A killed actor's whole block is retried either way.
    ds = records(
        ds, settings, command, source=source, column=column, kind=kind, workers=workers, errors=errors,
        max_errors=max_errors, batch_size=None,
    )
    # Writes one at a time per ACTORS_PER_WRITE actors (at most as many as
    # reads): zero-CPU writes without a cap ran whenever blocks finished
    # together, and each write beyond the processes already running started one
    # more (~2.5 CPU s to start and import Ray Data, then ~0.008 of a core for
    # the rest of the run). A write takes tens of milliseconds for a block an
    # actor spends seconds on, so one writer keeps up with several actors; with
    # two writes allowed, two actors' blocks finishing together started a
    # second writing process in most runs.
    writers = max(1, min(readers, actors // ACTORS_PER_WRITE))
    try:
        if fmt == "json":
            ds.write_datasink(LinesDatasink(output), ray_remote_args=io, concurrency=writers)
        elif fmt == "parquet":
            ds.drop_columns([PATH, POSITION]).write_parquet(output, ray_remote_args=io, concurrency=writers)
        else:
            ds.drop_columns([PATH, POSITION]).write_csv(output, ray_remote_args=io, concurrency=writers)
    except Exception as exc:
        failed = errors.count()
        if max_errors is not None and failed > max_errors:
            _say_errors(errors.messages(), fmt, say)
            say(f"pii-rails: more than {max_errors} record(s) failed (--max-errors); the run stopped")
            return 1
        # Ray's own message (a path, a scheduling problem); record values never reach it.
        say(f"pii-rails: the run failed: {type(exc).__name__}: {exc}")
        return 2
    messages = errors.messages()
    _say_errors(messages, fmt, say)
    if messages:
        say(f"pii-rails: {len(messages)} record(s) failed")
    return 1 if messages else 0


def _say_errors(messages: List[Tuple[str, int, str]], fmt: str, say) -> None:
    unit = "line" if fmt == "json" else "row"
    for path, position, problem in messages:
        say(f"pii-rails: {path}, {unit} {position}: {problem}")
