"""The ``pii-rails`` command: scan or mask JSON Lines with a rails configuration.

    pii-rails scan --config DIR [--source input|output|retrieval] [--workers N] [FILE|-] [-o OUT]
    pii-rails mask --config DIR [--source ...] [--workers N] [FILE|-] [-o OUT]
    pii-rails demo [demo options]

Each input line is a JSON object with a ``"text"`` field (and optionally
``"language"``). It is written back with ``"entities"`` added (and
``"masked_text"`` for ``mask``). Every input line gives exactly one output
line, in order: a line that cannot be processed gives a row with an
``"error"`` field (the object's own fields kept when it was an object), and
is also reported on stderr with its number. Exit codes: 0 all lines
processed, 1 some lines failed, 2 usage or configuration error.

Input is read and written as a stream, a batch of lines at a time, by
``--workers`` processes (one per CPU core by default); output lines keep the
input's order. On a terminal, stderr shows a progress bar in bytes of input.
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
from typing import IO, Any, Deque, Dict, Iterator, List, Optional, Tuple

from pii_rails import __version__
from pii_rails.engine import PiiEngine
from pii_rails.errors import PiiRailsError
from pii_rails.settings import SOURCES

# Lines handed to the engine at once: big enough for spaCy's batching to pay
# off, small enough that a huge file is never held in memory and the progress
# bar moves (a batch also ends once it holds BATCH_BYTES).
BATCH_LINES = 256
BATCH_BYTES = 1 << 20
# Batches in flight per worker process: enough to keep every worker busy while
# the main process writes results out in input order, and a bound on memory.
_IN_FLIGHT = 2


class _Progress:
    """Progress on stderr (only when it is a terminal): a tqdm bar, or one line without tqdm.

    The bar counts bytes of input (of a known total when reading a file), so it
    moves within a long line too; messages go through :meth:`write`, which
    prints them above the bar instead of across it.
    """

    def __init__(self, enabled: bool, total_bytes: Optional[int] = None):
        self.enabled = enabled
        self.start = time.monotonic()
        self.lines = 0
        self.nbytes = 0.0
        self.bar = None
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:  # optional: a plain counter instead
                return
            self.bar = tqdm(
                total=total_bytes or None,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                file=sys.stderr,
                dynamic_ncols=True,
                mininterval=0.2,
            )

    def advance(self, nbytes: float) -> None:
        """Bytes of input done within a batch still running."""
        if not self.enabled or nbytes <= 0:
            return
        self.nbytes += nbytes
        if self.bar is not None:
            self.bar.update(nbytes)
        else:
            self._plain()

    def update(self, lines: int, nbytes: float = 0) -> None:
        """A batch is written: its lines, and the bytes not yet reported by :meth:`advance`."""
        self.lines += lines
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.lines} lines", refresh=False)
        self.advance(nbytes)
        if nbytes <= 0 and self.bar is None:
            self._plain()

    def _plain(self) -> None:
        rate = self.nbytes / max(time.monotonic() - self.start, 1e-9)
        sys.stderr.write(f"\r{self.lines} lines, {self.nbytes / 1e6:.1f} MB, {rate / 1e6:.2f} MB/s")
        sys.stderr.flush()

    def write(self, message: str) -> None:
        """A line for stderr that does not break the bar."""
        if self.bar is not None:
            self.bar.write(message, file=sys.stderr)
        elif self.enabled and (self.lines or self.nbytes):
            sys.stderr.write("\r\033[K" + message + "\n")
            self._plain()
        else:
            print(message, file=sys.stderr)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.enabled and (self.lines or self.nbytes):
            sys.stderr.write("\n")


def _parse(line: str) -> Tuple[Any, Optional[str]]:
    """The object of one input line (or what the line held), and the reason it cannot be used."""
    # The line ending is not part of the JSON: parsed with it, an unterminated
    # object would be reported at column 1 of a second line.
    line = line.rstrip("\r\n")
    if not line.strip():
        return None, "empty line"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at column {exc.pos + 1})"
    if not isinstance(obj, dict):
        return obj, f"expected a JSON object, got {type(obj).__name__}"
    if not isinstance(obj.get("text"), str):
        return obj, 'no string "text" field'
    language = obj.get("language")
    if language is not None and not isinstance(language, str):
        return obj, '"language" must be a string'
    return obj, None


def _error_row(obj: Any, problem: str) -> str:
    """The output row of a line that could not be processed: its fields (if an object) and ``error``."""
    row = dict(obj) if isinstance(obj, dict) else {}
    row["error"] = problem
    return json.dumps(row, ensure_ascii=False) + "\n"


Batch = List[Tuple[int, str]]


def _batches(stream: IO[str]) -> Iterator[Batch]:
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


def _nbytes(line: str) -> int:
    return len(line.encode("utf-8", "surrogateescape"))


@dataclass
class _Done:
    """What one batch produced: output lines, messages for stderr, failures, size."""

    lines: List[str]
    messages: List[str]
    failed: int
    count: int
    nbytes: float


def _process_batch(engine: PiiEngine, command: str, source: str, batch: Batch) -> _Done:
    """One output row per line of ``batch``, in order."""
    rows: Dict[int, str] = {}
    messages: List[str] = []
    parsed: List[Tuple[int, dict]] = []
    for number, line in batch:
        obj, problem = _parse(line)
        if problem:
            rows[number] = _error_row(obj, problem)
            if problem != "empty line":
                messages.append(f"pii-rails: line {number}: {problem}")
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
            for number, obj in group:
                rows[number] = _error_row(obj, str(exc))
                messages.append(f"pii-rails: line {number}: {exc}")
            continue
        for (number, _), found in zip(group, spans, strict=True):
            results[number] = found
    for number, obj in parsed:
        if number not in results:
            continue
        found = results[number]
        obj["entities"] = [span.as_dict() for span in found]
        if command == "mask":
            # Each line is its own conversation: numbering starts afresh.
            guarded = engine.guard(obj["text"], source, spans=found, vault=engine.vault(), audit=False)
            obj["masked_text"] = guarded.masked_text
        rows[number] = json.dumps(obj, ensure_ascii=False) + "\n"
    nbytes = sum(_nbytes(line) for _, line in batch)
    out = [rows[number] for number, _ in batch]
    return _Done(out, sorted(messages, key=_line_number), len(messages), len(batch), nbytes)


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


def _local(engine: PiiEngine, args, batch: Batch, progress: Optional[_Progress]) -> _Done:
    """One batch processed in this process, the bar advancing as long texts are analysed."""
    if progress is None or not progress.enabled:
        return _process_batch(engine, args.command, args.source, batch)
    nbytes = sum(_nbytes(line) for _, line in batch)
    per_char = nbytes / max(1, sum(len(line) for _, line in batch))
    reported = 0.0

    def advance(chars: int) -> None:
        nonlocal reported
        step = min(chars * per_char, nbytes - reported)
        reported += step
        progress.advance(step)

    engine.detector.progress = advance
    try:
        done = _process_batch(engine, args.command, args.source, batch)
    finally:
        engine.detector.progress = None
    done.nbytes = max(0, done.nbytes - reported)  # what the bar has not shown yet
    return done


def _results(
    engine: PiiEngine, args, stream: IO[str], workers: int, progress: Optional[_Progress] = None
) -> Iterator[_Done]:
    """Every batch's result, in input order; with ``workers`` > 1 computed in that many processes."""
    batches = _batches(stream)
    head = list(islice(batches, 3))
    if workers <= 1 or len(head) < 3:
        for batch in chain(head, batches):
            yield _local(engine, args, batch, progress)
        return
    # The first batch runs here: its result comes at once, and whatever the
    # recognizers set up on first use is set up before the workers fork.
    yield _local(engine, args, head.pop(0), progress)
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
    for done in _results(engine, args, stream, workers, progress):
        for message in done.messages:
            progress.write(message)
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
        sub.add_argument(
            "--source",
            choices=SOURCES,
            default="input",
            help="rail whose entities and threshold apply (default: input)",
        )
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


_CONFIG_FILES = ("config.yml", "config.yaml")


def _several_configs(path: str) -> Optional[str]:
    """Why ``path`` is not one configuration, when it holds others in subfolders.

    NeMo reads every file under the folder it is given and merges them: a
    folder of configurations would become one configuration with every rail of
    every one of them.
    """
    if not os.path.isdir(path):
        return None
    nested = sorted(
        os.path.relpath(root, path)
        for root, _, files in os.walk(path, followlinks=True)
        if os.path.normpath(root) != os.path.normpath(path) and set(files) & set(_CONFIG_FILES)
    )
    if not nested:
        return None
    shown = ", ".join(nested[:5]) + (f" and {len(nested) - 5} more" if len(nested) > 5 else "")
    if any(os.path.isfile(os.path.join(path, name)) for name in _CONFIG_FILES):
        return (
            f"{path} holds a configuration and {len(nested)} more in subfolders ({shown}); NeMo would merge "
            "them all into one. Move the other configurations out of it."
        )
    return (
        f"{path} is a folder of {len(nested)} configurations ({shown}), not one configuration; NeMo would "
        f"merge them all into one. Point --config at one of them, e.g. {os.path.join(path, nested[0])}"
    )


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["demo"]:
        from pii_rails.demo import main as demo_main

        return demo_main(argv[1:], prog="pii-rails demo")
    args = _build_parser().parse_args(argv)
    os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
    if not os.path.exists(args.config):
        print(f"pii-rails: --config: no such file or directory: {args.config}", file=sys.stderr)
        return 2
    several = _several_configs(args.config)
    if several:
        print(f"pii-rails: --config: {several}", file=sys.stderr)
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
    try:
        out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    except OSError as exc:
        print(f"pii-rails: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        if stream is not sys.stdin:
            stream.close()
        return 2
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
