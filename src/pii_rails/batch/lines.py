"""JSON Lines on one machine: batches of lines through the engine, in ``workers`` processes, in order.

What ``pii-rails scan|mask`` (without ``--engine ray``) runs. Every input line
gives exactly one output line, in input order; a line that cannot be processed
gives a row with an ``"error"`` field and a message naming its line number.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from typing import IO, Callable, Deque, Iterator, List, Optional, Protocol, Tuple

from pii_rails.batch.records import counts_as_failure, for_batch, parse_line, process, with_outcome
from pii_rails.engine import PiiEngine

# Lines handed to the engine at once: big enough for spaCy's batching to pay
# off, small enough that a huge file is never held in memory and the progress
# bar moves (a batch also ends once it holds BATCH_BYTES).
BATCH_LINES = 256
BATCH_BYTES = 1 << 20
# Batches in flight per worker process: enough to keep every worker busy while
# the main process writes results out in input order, and a bound on memory.
_IN_FLIGHT = 2

Batch = List[Tuple[int, str]]


class Progress(Protocol):
    """What the runner reports to: bytes of input done within a batch still running."""

    enabled: bool

    def advance(self, nbytes: float) -> None: ...


def batches(stream: IO[str]) -> Iterator[Batch]:
    """Numbered lines of ``stream`` (from 1), a batch at a time."""
    batch: Batch = []
    size = 0
    for number, line in enumerate(stream, start=1):
        batch.append((number, line))
        size += len(line)
        if len(batch) >= BATCH_LINES or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def nbytes(line: str) -> int:
    return len(line.encode("utf-8", "surrogateescape"))


@dataclass
class Done:
    """What one batch produced: output lines, messages for stderr, failures, size."""

    lines: List[str]
    messages: List[str]
    failed: int
    count: int
    nbytes: float


def process_batch(engine: PiiEngine, command: str, source: str, batch: Batch, column: str = "text") -> Done:
    """One output line per line of ``batch``, in order."""
    parsed = [parse_line(line, column) for _, line in batch]
    outcomes = process(engine, command, source, parsed, column)
    out: List[str] = []
    messages: List[str] = []
    for (number, _), (obj, _), outcome in zip(batch, parsed, outcomes, strict=True):
        out.append(json.dumps(with_outcome(obj, outcome, command), ensure_ascii=False) + "\n")
        if counts_as_failure(outcome):
            messages.append(f"pii-rails: line {number}: {outcome.error}")
    return Done(out, messages, len(messages), len(batch), sum(nbytes(line) for _, line in batch))


# The engine of a worker process: inherited from the parent when forked, else
# loaded once by the worker's initializer.
_worker_engine: Optional[PiiEngine] = None


def _init_worker(config: str) -> None:
    global _worker_engine
    if _worker_engine is None:
        _worker_engine = for_batch(PiiEngine.from_path(config))


def _work(command: str, source: str, batch: Batch, column: str) -> Done:
    assert _worker_engine is not None
    return process_batch(_worker_engine, command, source, batch, column)


def _local(
    engine: PiiEngine, command: str, source: str, batch: Batch, column: str, progress: Optional[Progress]
) -> Done:
    """One batch processed in this process, the bar advancing as long texts are analysed."""
    if progress is None or not progress.enabled:
        return process_batch(engine, command, source, batch, column)
    size = sum(nbytes(line) for _, line in batch)
    per_char = size / max(1, sum(len(line) for _, line in batch))
    reported = 0.0
    report: Callable[[float], None] = progress.advance

    def advance(chars: int) -> None:
        nonlocal reported
        step = min(chars * per_char, size - reported)
        reported += step
        report(step)

    engine.detector.progress = advance
    try:
        done = process_batch(engine, command, source, batch, column)
    finally:
        engine.detector.progress = None
    done.nbytes = max(0, done.nbytes - reported)  # what the bar has not shown yet
    return done


def results(
    engine: PiiEngine,
    command: str,
    source: str,
    config: str,
    stream: IO[str],
    workers: int,
    progress: Optional[Progress] = None,
    column: str = "text",
) -> Iterator[Done]:
    """Every batch's result, in input order; with ``workers`` > 1 computed in that many processes.

    ``engine`` is set up for the batch run (:func:`~pii_rails.batch.records.for_batch`).
    """
    for_batch(engine)
    pending_batches = batches(stream)
    head = list(islice(pending_batches, 3))
    if workers <= 1 or len(head) < 3:
        for batch in chain(head, pending_batches):
            yield _local(engine, command, source, batch, column, progress)
        return
    # The first batch runs here: its result comes at once, and whatever the
    # recognizers set up on first use is set up before the workers fork.
    yield _local(engine, command, source, head.pop(0), column, progress)
    global _worker_engine
    methods = multiprocessing.get_all_start_methods()
    # Forked workers share the parent's loaded engine (copy-on-write): no
    # model load per worker. Elsewhere each worker loads it once.
    context = multiprocessing.get_context("fork" if "fork" in methods and sys.platform.startswith("linux") else None)
    if context.get_start_method() == "fork":
        _worker_engine = engine
        # Keep the garbage collector from touching (and so copying) every
        # inherited object in every worker.
        gc.freeze()
    pending: Deque[Future] = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(config,)) as pool:
        for batch in chain(head, pending_batches):
            pending.append(pool.submit(_work, command, source, batch, column))
            while len(pending) >= workers * _IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
