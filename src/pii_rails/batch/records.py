"""Records in, detections and masked text out: the one implementation every batch path calls.

A record is a mapping (a parsed JSON line, a row of a Parquet or CSV file, a
row of a Ray dataset) whose text sits at a column, possibly nested
(``"body.text"``). :func:`process` checks each record, groups the good ones by
language so each group is one :meth:`PiiEngine.detect_many` call (spaCy's
``nlp.pipe`` batching), then masks every text as its own conversation (numbered
placeholders start at ``_1`` in every record). A record that cannot be used
gets a reason instead; reasons name types and positions, never a value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple

if TYPE_CHECKING:
    # Only the processes that detect import the engine (spaCy, Presidio): the
    # driver of a Ray run reads settings and plans, and ``--engine ray`` reaches
    # ``ray.init`` seconds sooner without it.
    from pii_rails.engine import PiiEngine

COMMANDS = ("scan", "mask")
# The fields every batch path adds to a record (the CLI's JSON Lines names).
ENTITIES = "entities"
MASKED_TEXT = "masked_text"
ERROR = "error"
EMPTY_LINE = "empty line"
# Detections kept per engine in a batch run. A conversation re-sends its history
# every turn, so the rails keep thousands; a corpus rarely repeats a record, and
# a long document's spans would make a full cache tens of MiB per worker that
# grow with the corpus until it fills. Repeats that sit close together (a
# duplicated record, a boilerplate text) still hit.
BATCH_CACHE = 256


def column_path(column: str) -> Tuple[str, ...]:
    """``"a.b"`` -> ``("a", "b")``: a nested field of JSON records."""
    if not column or any(not part for part in column.split(".")):
        raise ValueError(f"not a column name: {column!r}")
    return tuple(column.split("."))


def text_at(record: Any, column: str) -> Any:
    """The value at ``column`` (a key, or a dotted path into nested objects); ``None`` when absent.

    A key spelled with the dots (``{"a.b": ...}``) wins over the nested path.
    """
    if not isinstance(record, Mapping):
        return None
    if column in record:
        return record[column]
    value: Any = record
    for part in column_path(column):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def check(record: Any, column: str = "text") -> Optional[str]:
    """Why ``record`` cannot be processed, or ``None``."""
    if not isinstance(record, Mapping):
        return f"expected a JSON object, got {type(record).__name__}"
    if not isinstance(text_at(record, column), str):
        return f'no string "{column}" field'
    language = record.get("language")
    if language is not None and not isinstance(language, str):
        return '"language" must be a string'
    return None


def parse_line(line: str, column: str = "text") -> Tuple[Any, Optional[str]]:
    """The object of one JSON line (or what the line held), and the reason it cannot be used."""
    # The line ending is not part of the JSON: parsed with it, an unterminated
    # object would be reported at column 1 of a second line.
    line = line.rstrip("\r\n")
    if not line.strip():
        return None, EMPTY_LINE
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        # exc.msg names what was expected, never the document.
        return None, f"not valid JSON ({exc.msg} at column {exc.pos + 1})"
    return obj, check(obj, column)


def for_batch(engine: PiiEngine) -> PiiEngine:
    """``engine`` set up for a batch run (a process or actor that only processes records); returns it."""
    detector = engine.detector
    detector.cache_size = BATCH_CACHE
    while len(detector.cache) > BATCH_CACHE:
        detector.cache.popitem(last=False)
    return engine


@dataclass
class Outcome:
    """What one record gave: its detections (and masked text), or why it could not be processed."""

    entities: Optional[List[Dict[str, Any]]] = None
    masked_text: Optional[str] = None
    error: Optional[str] = None


def process(
    engine: PiiEngine,
    command: str,
    source: str,
    records: Sequence[Tuple[Any, Optional[str]]],
    column: str = "text",
) -> List[Outcome]:
    """One :class:`Outcome` per ``(record, problem)`` pair, in order.

    Pairs that already carry a problem (from parsing) keep it; the others are
    checked, detected in one engine call per language and, for ``mask``,
    rewritten by the rail's policy.
    """
    if command not in COMMANDS:
        raise ValueError(f"command must be one of {', '.join(COMMANDS)}, not {command!r}")
    outcomes = [Outcome(error=problem) for _, problem in records]
    good: List[Tuple[int, Mapping]] = []
    for index, (record, problem) in enumerate(records):
        if problem is None:
            problem = check(record, column)
            outcomes[index].error = problem
        if problem is None:
            good.append((index, record))

    def language_of(item: Tuple[int, Mapping]) -> str:
        return item[1].get("language") or ""

    for language, members in groupby(sorted(good, key=language_of), key=language_of):
        group = list(members)
        texts = [text_at(record, column) for _, record in group]
        try:
            found = engine.detect_many(texts, source=source, language=language or None)
        except ValueError as exc:  # a language the configuration does not hold
            for index, _ in group:
                outcomes[index].error = str(exc)
            continue
        for (index, _), text, spans in zip(group, texts, found, strict=True):
            outcome = outcomes[index]
            outcome.entities = [span.as_dict() for span in spans]
            if command == "mask":
                # Each record is its own conversation: numbering starts afresh.
                guarded = engine.guard(text, source, spans=spans, vault=engine.vault(), audit=False)
                outcome.masked_text = guarded.masked_text
    return outcomes


def with_outcome(record: Any, outcome: Outcome, command: str) -> Dict[str, Any]:
    """The output row of a record: its own fields plus ``entities`` (and ``masked_text``), or ``error``."""
    row = dict(record) if isinstance(record, Mapping) else {}
    if outcome.error is not None:
        row[ERROR] = outcome.error
        return row
    row[ENTITIES] = outcome.entities
    if command == "mask":
        row[MASKED_TEXT] = outcome.masked_text
    return row


def counts_as_failure(outcome: Outcome) -> bool:
    """An empty line gives an error row but is not a failure (blank lines end many files)."""
    return outcome.error is not None and outcome.error != EMPTY_LINE
