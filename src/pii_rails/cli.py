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
import logging
import os
import sys
import time
from typing import IO, List, NoReturn, Optional

from pii_rails import __version__
from pii_rails.errors import PiiRailsError
from pii_rails.nemo.flows_path import colang_path
from pii_rails.settings import SOURCES

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


def _process(engine, args, stream: IO[str], out: IO[str], progress: _Progress, workers: int = 1) -> int:
    from pii_rails.batch import lines

    failed = 0
    cap = args.max_errors
    for done in lines.results(
        engine, args.command, args.source, args.config, stream, workers, progress, args.text_column
    ):
        for message in done.messages:
            progress.write(message)
        out.writelines(done.lines)
        failed += done.failed
        progress.update(done.count, done.nbytes)
        if cap is not None and failed > cap:
            progress.write(f"pii-rails: more than {cap} line(s) failed (--max-errors); the run stopped")
            break
    return failed


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _non_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be at least 0")
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
        sub.add_argument(
            "input",
            nargs="*",
            default=["-"],
            help="JSON Lines file, or - for stdin (default); with --engine ray: JSON Lines, Parquet or CSV "
            "files or directories, local paths or filesystem URIs",
        )
        sub.add_argument(
            "-o",
            "--output",
            default=None,
            help="output file, or - for stdout (default); with --engine ray: the dataset directory to write",
        )
        sub.add_argument("-q", "--quiet", action="store_true", help="no progress bar on a terminal")
        sub.add_argument(
            "-w",
            "--workers",
            type=_positive,
            default=None,
            help="processes to use (default: one per CPU core); output keeps the input's order; "
            "with --engine ray: actors, one engine and one CPU each (default: the cluster's CPUs)",
        )
        sub.add_argument(
            "--engine",
            choices=("local", "ray"),
            default="local",
            help="local: processes on this machine (default); ray: Ray Data, local or on a cluster "
            '(needs pip install "pii-rails[ray]")',
        )
        sub.add_argument(
            "--text-column",
            default="text",
            help='field holding the text (default: text); a dotted path reads nested JSON fields: "doc.body"',
        )
        sub.add_argument(
            "--max-errors",
            type=_non_negative,
            default=None,
            help="stop with exit code 1 once more records than this failed (default: no limit)",
        )
        sub.add_argument(
            "--address",
            default=None,
            help="with --engine ray: the cluster to join (auto, ray://HOST:10001, HOST:6379); "
            "default: an embedded local Ray",
        )
        sub.add_argument(
            "--input-format",
            choices=("json", "parquet", "csv"),
            default=None,
            help="with --engine ray: the input format (default: from the file names)",
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


def _ray(args) -> int:
    """``--engine ray``: files in, a dataset directory out, through :mod:`pii_rails.batch.ray_data`."""
    if args.output in (None, "-"):
        print("pii-rails: --engine ray needs --output DIR (a dataset directory)", file=sys.stderr)
        return 2
    if args.input == ["-"]:
        print("pii-rails: --engine ray reads files or directories, not stdin", file=sys.stderr)
        return 2
    try:
        from pii_rails.batch import ray_data
    except ImportError as exc:
        print(f'pii-rails: --engine ray needs Ray Data: pip install "pii-rails[ray]" ({exc})', file=sys.stderr)
        return 2
    return ray_data.run(
        args.command,
        args.config,
        args.input,
        args.output,
        fmt=args.input_format,
        column=args.text_column,
        source=args.source,
        address=args.address,
        workers=args.workers,
        max_errors=args.max_errors,
        progress=not args.quiet and sys.stderr.isatty(),
        say=lambda message: print(message, file=sys.stderr, flush=True),
    )


def _exit_now(code: int) -> NoReturn:
    """Ends the process with ``code`` without Python's finalization.

    After a Ray run the `pii-rails` process has nothing left to do (Ray is shut
    down, every output file written and closed by Ray's workers), yet tearing
    down what it loaded (NeMo, Ray Data, pyarrow, Ray's core worker) took it
    1.7-2.7 s more to exit, in native code: a second or two on every run.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line; returns the exit code.

    ``argv`` None is the `pii-rails` program itself (the console script):
    only then does an `--engine ray` run end the process when it is done;
    callers passing their arguments get the exit code back.
    """
    from_command_line = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["demo"]:
        from pii_rails.demo import main as demo_main

        return demo_main(argv[1:], prog="pii-rails demo")
    args = _build_parser().parse_args(argv)
    os.environ.setdefault("NEMO_GUARDRAILS_NO_USAGE_STATS", "1")
    # Before any configuration is read, here and in the workers and Ray's processes
    # (they inherit the environment): the examples import the flows by path.
    colang_path()
    if not os.path.exists(args.config):
        print(f"pii-rails: --config: no such file or directory: {args.config}", file=sys.stderr)
        return 2
    several = _several_configs(args.config)
    if several:
        print(f"pii-rails: --config: {several}", file=sys.stderr)
        return 2
    if args.engine == "ray":
        code = _ray(args)
        if from_command_line:
            _exit_now(code)
        return code
    ray_only = [flag for flag, value in (("--address", args.address), ("--input-format", args.input_format)) if value]
    if ray_only:
        print(f"pii-rails: {', '.join(ray_only)} needs --engine ray", file=sys.stderr)
        return 2
    if len(args.input) > 1:
        print("pii-rails: one input at a time without --engine ray", file=sys.stderr)
        return 2
    args.input = args.input[0]
    args.output = "-" if args.output is None else args.output
    # Imported here, not at the top: `--engine ray` builds no engine in this
    # process (its actors do), and spaCy and Presidio took ~1.5 CPU s before Ray started.
    from pii_rails.engine import PiiEngine

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
