"""The Ray Data reading, writing and error counting of ``--engine ray``, light to import.

Ray unpickles a datasource, a datasink or an actor class in every worker
process that runs one of its tasks, and unpickling imports the class's
module. The read and write tasks and the error-log actor run in worker
processes of their own, started on demand (and again after Ray stops an idle
worker), so this module imports Ray Data and pyarrow and nothing of the
engine: importing :mod:`pii_rails.batch.ray_data` (spaCy, Presidio) cost
each such process about 2.4 CPU seconds more, for tasks that take
milliseconds.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import pyarrow as pa
import ray
from ray.data.block import BlockAccessor
from ray.data.datasource import FileBasedDatasource
from ray.data.datasource.file_datasink import BlockBasedFileDatasink

FORMATS = ("json", "parquet", "csv")
EXTENSIONS = {"json": ["json", "jsonl", "ndjson"], "parquet": ["parquet"], "csv": ["csv"]}
# Where a record came from (internal columns, dropped before writing).
PATH = "__pii_rails_path"
POSITION = "__pii_rails_position"
RAW = "__pii_rails_raw"
LINE = "__pii_rails_line"
_INTERNAL = (PATH, POSITION, RAW, LINE)
# Lines per block read from a JSON Lines file, and bytes read at a time: a
# large file streams through, it is never held whole. A block also ends once
# it holds _BLOCK_BYTES (the CLI's batch bound): the engines take a block as
# one batch (see `ray_data._run_plan`), so a file of long documents gives
# batches of a few hundred of them, not thousands.
_LINES_PER_BLOCK = 4096
_BLOCK_BYTES = 1 << 20
_READ_BYTES = 1 << 22

def format_of(paths: Sequence[str]) -> str:
    """The input format named by the files' extensions (a directory: by the files in it)."""
    seen: set = set()
    for path in paths:
        names = [path]
        if os.path.isdir(path):
            names = [name for _, _, files in os.walk(path) for name in files]
        for name in names:
            ext = name.rsplit(".", 1)[-1].lower() if "." in os.path.basename(name) else ""
            seen.update(fmt for fmt, exts in EXTENSIONS.items() if ext in exts)
    if len(seen) != 1:
        found = ", ".join(sorted(seen)) or "none"
        raise ValueError(
            f"cannot tell the input format from the file names (formats found: {found}); pass --input-format"
        )
    return seen.pop()


class RecordsDatasource(FileBasedDatasource):
    """Records of JSON Lines, Parquet or CSV files, each with its file and position (line or row, from 1)."""

    def __init__(self, paths: Union[str, List[str]], fmt: str, column: str = "text", **kwargs: Any):
        if fmt not in FORMATS:
            raise ValueError(f"input format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        super().__init__(paths, file_extensions=EXTENSIONS[fmt], **kwargs)
        self.fmt = fmt
        self.column = column

    def _open_input_source(self, filesystem, path: str, **open_args):
        if self.fmt == "parquet":  # the footer first: random access
            return filesystem.open_input_file(path)
        return super()._open_input_source(filesystem, path, **open_args)

    def _read_stream(self, f, path: str) -> Iterator[pa.Table]:
        if self.fmt == "json":
            yield from self._lines(f, path)
            return
        if self.fmt == "parquet":
            import pyarrow.parquet as pq

            batches = pq.ParquetFile(f).iter_batches(batch_size=_LINES_PER_BLOCK)
        else:
            from pyarrow import csv

            # The text column stays text even when a file's values look like numbers.
            options = csv.ConvertOptions(column_types={self.column: pa.string()})
            batches = csv.open_csv(f, convert_options=options)
        first = 1
        for batch in batches:
            table = pa.Table.from_batches([batch])
            positions = pa.array(range(first, first + table.num_rows), pa.int64())
            first += table.num_rows
            yield table.append_column(PATH, pa.array([path] * table.num_rows, pa.string())).append_column(
                POSITION, positions
            )

    @staticmethod
    def _lines(f, path: str) -> Iterator[pa.Table]:
        number = 0
        pending = b""
        lines: List[Optional[str]] = []
        first = 1
        size = 0

        def block() -> pa.Table:
            return pa.table(
                {
                    PATH: pa.array([path] * len(lines), pa.string()),
                    POSITION: pa.array(range(first, first + len(lines)), pa.int64()),
                    RAW: pa.array(lines, pa.string()),
                }
            )

        while True:
            chunk = f.read(_READ_BYTES)
            data = pending + chunk
            parts = data.split(b"\n")
            pending = parts.pop() if chunk else b""
            if not chunk and parts and parts[-1] == b"":
                parts.pop()  # the file's last newline ends a line, it does not start one
            for part in parts:
                number += 1
                size += len(part)
                try:
                    lines.append(part.decode("utf-8"))
                except UnicodeDecodeError:
                    lines.append(None)  # an error row: Arrow holds UTF-8 only, and the bytes are the user's
                if len(lines) >= _LINES_PER_BLOCK or size >= _BLOCK_BYTES:
                    yield block()
                    lines, first, size = [], number + 1, 0
            if not chunk:
                break
        if lines:
            yield block()


class LinesDatasink(BlockBasedFileDatasink):
    """JSON Lines written exactly as the rows were serialised (one file per write task)."""

    def __init__(self, path: str, **kwargs: Any):
        super().__init__(path, file_format="jsonl", **kwargs)

    def write_block_to_file(self, block: BlockAccessor, file) -> None:
        lines = block.to_arrow().column(LINE).to_pylist()
        file.write("".join(line + "\n" for line in lines).encode("utf-8"))


@ray.remote(num_cpus=0)
def ready() -> None:
    """Nothing: its worker process, once it has imported this module (Ray Data's writers), waits for a write."""


@ray.remote(num_cpus=0)
class ErrorLog:
    """The records that could not be processed, keyed by (file, position): a retried batch counts once."""

    def __init__(self) -> None:
        self.errors: Dict[Tuple[str, int], str] = {}

    def add(self, errors: List[Tuple[str, int, str]]) -> int:
        for path, position, problem in errors:
            self.errors.setdefault((path, position), problem)
        return len(self.errors)

    def count(self) -> int:
        return len(self.errors)

    def messages(self) -> List[Tuple[str, int, str]]:
        return [(path, position, problem) for (path, position), problem in sorted(self.errors.items())]


@dataclass(frozen=True)
class ErrorReport:
    """A run's :class:`ErrorLog`, by name: the first bad record starts it, a clean run never does.

    Every Ray worker process costs about 1 % of a core for as long as the run
    lasts, idle or not (its main thread: Ray's task loop, with its periodic
    signal check), and ~1 CPU second to start; most runs have no bad record. The actor is
    detached so that it outlives the engine actor that happened to start it
    (a killed actor's batch is retried; its errors stay counted) and is killed
    by :meth:`close` at the end of the run.
    """

    name: str = field(default_factory=lambda: f"pii-rails-errors-{uuid.uuid4().hex}")
    namespace: str = "pii_rails"

    def add(self, errors: List[Tuple[str, int, str]]) -> int:
        """Counts ``errors`` (file, position, problem); the run's total so far."""
        actor = ErrorLog.options(  # type: ignore[attr-defined]
            name=self.name, namespace=self.namespace, get_if_exists=True, lifetime="detached"
        ).remote()
        return ray.get(actor.add.remote(errors))

    def _actor(self) -> Optional[Any]:
        try:
            return ray.get_actor(self.name, namespace=self.namespace)
        except ValueError:  # no bad record: never started
            return None

    def count(self) -> int:
        actor = self._actor()
        return 0 if actor is None else ray.get(actor.count.remote())

    def messages(self) -> List[Tuple[str, int, str]]:
        actor = self._actor()
        return [] if actor is None else ray.get(actor.messages.remote())

    def close(self) -> None:
        actor = self._actor()
        if actor is not None:
            ray.kill(actor)
