"""The ``pii-rails`` command: scan or mask JSON Lines with a rails configuration.

    pii-rails scan --config DIR [--source input|output|retrieval] [FILE|-] [-o OUT]
    pii-rails mask --config DIR [--source ...] [FILE|-] [-o OUT]
    pii-rails demo [demo options]

Each input line is a JSON object with a ``"text"`` field (and optionally
``"language"``). It is written back with ``"entities"`` added (and
``"masked_text"`` for ``mask``). A bad line is reported on stderr with its
number and skipped; the others are still processed. Exit codes: 0 all lines
processed, 1 some lines failed, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from itertools import groupby
from typing import IO, Iterator, List, Optional, Tuple

from pii_rails import __version__
from pii_rails.engine import PiiEngine
from pii_rails.errors import PiiRailsError
from pii_rails.settings import SOURCES

# Lines handed to the engine at once: big enough for spaCy's nlp.pipe to pay
# off, small enough that a huge file is never held in memory.
BATCH_LINES = 256


class _Progress:
    """A one-line progress report on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.start = time.monotonic()
        self.done = 0

    def update(self, count: int) -> None:
        self.done += count
        if self.enabled:
            rate = self.done / max(time.monotonic() - self.start, 1e-9)
            sys.stderr.write(f"\r{self.done} lines, {rate:.0f} lines/s")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled and self.done:
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


def _batches(stream: IO[str]) -> Iterator[List[Tuple[int, str]]]:
    batch: List[Tuple[int, str]] = []
    for number, line in enumerate(stream, start=1):
        if line.strip():
            batch.append((number, line))
        if len(batch) >= BATCH_LINES:
            yield batch
            batch = []
    if batch:
        yield batch


def _process(engine, args, stream: IO[str], out: IO[str], progress: _Progress) -> int:
    failed = 0
    for batch in _batches(stream):
        parsed = []
        for number, line in batch:
            obj, problem = _parse(line)
            if problem:
                failed += 1
                print(f"pii-rails: line {number}: {problem}; skipped", file=sys.stderr)
            else:
                parsed.append((number, obj))
        results = {}
        # One engine call per language keeps the spaCy batching.
        by_language = sorted(parsed, key=lambda item: item[1].get("language") or "")
        for language, group in groupby(by_language, key=lambda item: item[1].get("language") or None):
            group = list(group)
            texts = [obj["text"] for _, obj in group]
            try:
                spans = engine.detect_many(texts, source=args.source, language=language)
            except ValueError as exc:
                for number, _ in group:
                    failed += 1
                    print(f"pii-rails: line {number}: {exc}; skipped", file=sys.stderr)
                continue
            for (number, _), found in zip(group, spans):
                results[number] = found
        for number, obj in parsed:
            if number not in results:
                continue
            found = results[number]
            obj["entities"] = [span.as_dict() for span in found]
            if args.command == "mask":
                # Each line is its own conversation: numbering starts afresh.
                obj["masked_text"] = engine.guard(
                    obj["text"], args.source, spans=found, vault=engine.vault(), audit=False
                ).masked_text
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        progress.update(len(batch))
    return failed


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
        sub.add_argument("-q", "--quiet", action="store_true", help="no progress line on a terminal")
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
    progress = _Progress(enabled=not args.quiet and sys.stderr.isatty())
    try:
        failed = _process(engine, args, stream, out, progress)
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
