"""Fenced code blocks of README.md and docs/, with the marker that says how each one is checked.

A block is preceded (on its last non-blank line before the fence) by nothing, or by
``<!-- docs-test: run by FILE -->`` (another test or script runs it) or
``<!-- docs-test: skip (reason) -->``. ``tests/test_docs_blocks.py`` holds every block to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

REPO = Path(__file__).resolve().parent.parent

_FENCE = re.compile(r"^```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)
_MARKER = re.compile(r"^<!--\s*docs-test:\s*(?:run by\s+(?P<by>\S+)(?P<why>[^>]*?)|skip\s*\((?P<reason>.*)\))\s*-->$")


@dataclass(frozen=True)
class Block:
    page: str  # path relative to the repository
    line: int  # line of the opening fence, 1-based
    lang: str
    body: str
    run_by: Optional[str] = None
    skip_reason: Optional[str] = None
    marker_error: Optional[str] = None

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def marked(self) -> bool:
        return bool(self.run_by or self.skip_reason)


def pages() -> List[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


def blocks_of(path: Path) -> List[Block]:
    text = path.read_text(encoding="utf-8")
    page = str(path.relative_to(REPO))
    found = []
    for match in _FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").splitlines()
        previous = before[-1].strip() if before else ""
        run_by = reason = error = None
        if previous.startswith("<!--") and "docs-test" in previous:
            marker = _MARKER.match(previous)
            if marker is None:
                error = f"unreadable marker {previous!r}"
            elif marker.group("by"):
                run_by = marker.group("by")
            else:
                reason = marker.group("reason").strip()
        found.append(
            Block(
                page=page,
                line=text.count("\n", 0, match.start()) + 1,
                lang=match.group("lang").lower(),
                body=match.group("body"),
                run_by=run_by,
                skip_reason=reason,
                marker_error=error,
            )
        )
    return found


def all_blocks() -> List[Block]:
    return [block for path in pages() for block in blocks_of(path)]


def section(path: Path, heading: str) -> str:
    """The text under a Markdown heading, up to the next heading of the same or a higher level."""
    text = path.read_text(encoding="utf-8")
    level = len(heading) - len(heading.lstrip("#"))
    start = re.search(rf"^{re.escape(heading)}[ \t]*$", text, re.M)
    if start is None:
        raise LookupError(f"{path.name} has no heading {heading!r}")
    rest = text[start.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def blocks_in(path: Path, heading: str, lang: str) -> List[str]:
    """Bodies of the ``lang`` blocks under ``heading`` in ``path``, in order."""
    return [m.group("body") for m in _FENCE.finditer(section(path, heading)) if m.group("lang").lower() == lang]
