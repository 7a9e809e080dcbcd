"""The ``pii-rails`` command: scan or mask JSON Lines with a rails configuration.

    pii-rails scan --config DIR [--source input|output|retrieval] [--workers N] [FILE|-] [-o OUT]
    pii-rails mask --config DIR [--source ...] [--workers N] [FILE|-] [-o OUT]
    pii-rails demo [demo options]

Each input line is a JSON object with a ``"text"`` field (and optionally
``"language"``). It is written back with ``"entities"`` added (and
``"masked_text"`` for ``mask``). A bad line is reported on stderr with its
number and skipped; the others are still processed. Exit codes: 0 all lines
processed, 1 some lines failed, 2 usage or configuration error.

Input is read and written as a stream, a batch of lines at a time, by
``--workers`` processes (one per CPU core by default); output lines keep the
input's order. On a terminal, stderr shows a progress bar.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import sys
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, groupby, islice
from typing import IO, Deque, Iterator, List, Optional, Tuple

from pii_rails import __version__
from pii_rails.engine import PiiEngine
from pii_rails.errors import PiiRailsError
from pii_rails.settings import SOURCES

# Lines handed to the engine at once: big enough for spaCy's batching to pay
# off, small enough that a huge file is never held in memory.
BATCH_LINES = 256
# Batches in flight per worker process: enough to keep every worker busy while
# the main process writes results out in input order, and a bound on memory.
_IN_FLIGHT = 2


class _Progress:
    """Progress on stderr (only when it is a terminal): a tqdm bar, or one line without tqdm."""

    def __init__(self, enabled: bool, total_bytes: Optional[int] = None):
        self.enabled = enabled
        self.start = time.monotonic()
        self.done = 0
        self.bar = None
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:  # optional: a plain counter instead
                return
            if total_bytes:
                self.bar = tqdm(total=total_bytes, unit="B", unit_scale=True, file=sys.stderr, dynamic_ncols=True)
            else:
                self.bar = tqdm(unit=" lines", file=sys.stderr, dynamic_ncols=True)
            self.by_bytes = bool(total_bytes)

    def update(self, count: int, nbytes: int = 0) -> None:
        self.done += count
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(nbytes if self.by_bytes else count)
            if self.by_bytes:
                rate = self.done / max(time.monotonic() - self.start, 1e-9)
                self.bar.set_postfix_str(f"{self.done} lines, {rate:.0f} lines/s", refresh=False)
            return
        rate = self.done / max(time.monotonic() - self.start, 1e-9)
        sys.stderr.write(f"\r{self.done} lines, {rate:.0f} lines/s")
        sys.stderr.flush()

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.enabled and self.done:
            sys.stderr.write("\n")


def _parse(line: str) -> Tuple[Optional[dict], Optional[str]]:
    """The object of one input line, or the reason it cannot be used."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(obj, dict):
        return None, f"expected a JSON object, got {type(obj).__name__}"
    if not isinstance(obj.get("text"), str):
        return None, 'no string "text" field'
    language = obj.get("language")
    if language is not None and not isinstance(language, str):
        return None, '"language" must be a string'
    return obj, None


Batch = List[Tuple[int, str]]


def _batches(stream: IO[str]) -> Iterator[Batch]:
    batch: Batch = []
    for number, line in enumerate(stream, start=1):
        if line.strip():
            batch.append((number, line))
        if len(batch) >= BATCH_LINES:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class _Done:
    """What one batch produced: output lines, messages for stderr, failures, size."""

    lines: List[str]
    messages: List[str]
    failed: int
    count: int
    nbytes: int


def _process_batch(engine: PiiEngine, command: str, source: str, batch: Batch) -> _Done:
    failed, messages = 0, []
    parsed: List[Tuple[int, dict]] = []
    for number, line in batch:
        obj, problem = _parse(line)
        if obj is None:
            failed += 1
            messages.append(f"pii-rails: line {number}: {problem}; skipped")
        else:
            parsed.append((number, obj))
    results = {}
    # One engine call per language keeps the spaCy batching.
    by_language = sorted(parsed, key=lambda item: item[1].get("language") or "")
    for language, members in groupby(by_language, key=lambda item: item[1].get("language") or None):
        group = list(members)
        texts = [obj["text"] for _, obj in group]
        try:
            spans = engine.detect_many(texts, source=source, language=language)
        except ValueError as exc:
            for number, _ in group:
                failed += 1
                messages.append(f"pii-rails: line {number}: {exc}; skipped")
            continue
        for (number, _), found in zip(group, spans, strict=True):
            results[number] = found
    out = []
    for number, obj in parsed:
        if number not in results:
            continue
        found = results[number]
        obj["entities"] = [span.as_dict() for span in found]
        if command == "mask":
            # Each line is its own conversation: numbering starts afresh.
            guarded = engine.guard(obj["text"], source, spans=found, vault=engine.vault(), audit=False)
            obj["masked_text"] = guarded.masked_text
        out.append(json.dumps(obj, ensure_ascii=False) + "\n")
    nbytes = sum(len(line.encode("utf-8", "surrogateescape")) for _, line in batch)
    return _Done(out, sorted(messages, key=_line_number), failed, len(batch), nbytes)


def _line_number(message: str) -> int:
    try:
        return int(message.split("line ", 1)[1].split(":", 1)[0])
    except (IndexError, ValueError):
        return 0


# The engine of a worker process: inherited from the parent when forked, else
# loaded once by the worker's initializer.
_worker_engine: Optional[PiiEngine] = None


def _init_worker(config: str) -> None:
    global _worker_engine
    if _worker_engine is None:
        _worker_engine = PiiEngine.from_path(config)


def _work(command: str, source: str, batch: Batch) -> _Done:
    assert _worker_engine is not None
    return _process_batch(_worker_engine, command, source, batch)


def _results(engine: PiiEngine, args, stream: IO[str], workers: int) -> Iterator[_Done]:
    """Every batch's result, in input order; with ``workers`` > 1 computed in that many processes."""
    batches = _batches(stream)
    head = list(islice(batches, 3))
    if workers <= 1 or len(head) < 3:
        for batch in chain(head, batches):
            yield _process_batch(engine, args.command, args.source, batch)
        return
    # The first batch runs here: its result comes at once, and whatever the
    # recognizers set up on first use is set up before the workers fork.
    yield _process_batch(engine, args.command, args.source, head.pop(0))
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
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(args.config,)) as pool:
        for batch in chain(head, batches):
            pending.append(pool.submit(_work, args.command, args.source, batch))
            while len(pending) >= workers * _IN_FLIGHT:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _process(engine, args, stream: IO[str], out: IO[str], progress: _Progress, workers: int = 1) -> int:
    failed = 0
    for done in _results(engine, args, stream, workers):
        for message in done.messages:
            print(message, file=sys.stderr)
        out.writelines(done.lines)
        failed += done.failed
        progress.update(done.count, done.nbytes)
    return failed


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pii-rails", description="PII detection and masking for NeMo Guardrails.")
    parser.add_argument("--version", action="version", version=f"pii-rails {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("scan", 'add an "entities" list to each JSON line'),
        ("mask", 'add "entities" and "masked_text" to each JSON line'),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--config", required=True, help="NeMo Guardrails configuration directory (or config.yml)")
        sub.add_argument("--source", choices=SOURCES, default="input", help="rail whose entities and threshold apply")
        sub.add_argument("input", nargs="?", default="-", help="JSON Lines file, or - for stdin (default)")
        sub.add_argument("-o", "--output", default="-", help="output file, or - for stdout (default)")
        sub.add_argument("-q", "--quiet", action="store_true", help="no progress bar on a terminal")
        sub.add_argument(
            "-w",
            "--workers",
            type=_positive,
            default=None,
            help="processes to use (default: one per CPU core); output keeps the input's order",
        )
    commands.add_parser("demo", help="run the scripted demo conversation", add_help=False)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["demo"]:
        from pii_rails.demo import main as demo_main

        return demo_main(argv[1:])
    args = _build_parser().parse_args(argv)
    os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
    if not os.path.exists(args.config):
        print(f"pii-rails: --config: no such file or directory: {args.config}", file=sys.stderr)
        return 2
    try:
        engine = PiiEngine.from_path(args.config)
    except PiiRailsError as exc:
        print(f"pii-rails: configuration error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # NeMo's own loader: YAML or Colang errors
        print(f"pii-rails: could not load {args.config}: {exc}", file=sys.stderr)
        return 2

    try:
        stream = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        print(f"pii-rails: cannot read {args.input}: {exc.strerror}", file=sys.stderr)
        return 2
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    total = os.path.getsize(args.input) if args.input != "-" and os.path.isfile(args.input) else None
    progress = _Progress(enabled=not args.quiet and sys.stderr.isatty(), total_bytes=total)
    workers = args.workers or os.cpu_count() or 1
    try:
        failed = _process(engine, args, stream, out, progress, workers)
    finally:
        progress.finish()
        if out is not sys.stdout:
            out.close()
        if stream is not sys.stdin:
            stream.close()
    if failed:
        print(f"pii-rails: {failed} line(s) failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
