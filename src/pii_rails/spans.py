"""The values that flow through pii-rails: spans found, decisions taken, results returned.

Text in → :class:`Span` (detection) → :class:`Decision` (policy) → rewritten
text in a :class:`GuardResult` with its :class:`AuditEvent` records. These
types import nothing heavy, so every layer can name them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Tuple

if TYPE_CHECKING:
    from pii_rails.settings import PlaceholderSpec


@dataclass(frozen=True)
class Span:
    """One detected entity. Offsets are Python ``str`` indices into the text."""

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str = ""

    def as_dict(self) -> Dict[str, Any]:
        return {"entity_type": self.entity_type, "start": self.start, "end": self.end, "score": round(self.score, 4)}


@dataclass(frozen=True)
class Decision:
    """What happens to one span."""

    span: Span
    action: str
    masked: bool
    placeholder: "PlaceholderSpec"
    below_threshold: bool


@dataclass(frozen=True)
class AuditEvent:
    """One detection and what was done about it."""

    timestamp: str
    conversation_id: Optional[str]
    rail: str
    entity_type: str
    score: float
    recognizer: str
    action: str
    placeholder: Optional[str]
    value_hash: str
    start: int
    end: int
    below_threshold: bool = False
    review: bool = False

    def as_dict(self) -> Dict[str, Any]:
        # Every field is a plain value: no deep copy (``asdict``) needed, and none made on each turn.
        return {name: getattr(self, name) for name in _AUDIT_FIELDS}


_AUDIT_FIELDS = tuple(f.name for f in fields(AuditEvent))


@dataclass(frozen=True)
class MaskResult:
    """The outcome of masking one text. Holds no raw detected values."""

    masked_text: str
    spans: Tuple[Span, ...]

    @property
    def changed(self) -> bool:
        return bool(self.spans)


@dataclass(frozen=True)
class GuardResult:
    """One text after the rail's policy: what goes on, and what was done.

    ``text`` is what continues (the original in logging-only mode);
    ``masked_text`` is the policy's rewrite, safe to log. Neither the result
    nor its events hold a raw value unless the policy let it through.
    """

    text: str
    masked_text: str
    blocked: bool
    decisions: Tuple[Decision, ...]
    events: Tuple[AuditEvent, ...]
    restored: int = 0

    @property
    def spans(self) -> Tuple[Span, ...]:
        return tuple(d.span for d in self.decisions)

    @property
    def blocking_spans(self) -> Tuple[Span, ...]:
        return tuple(d.span for d in self.decisions if d.action == "block")


def summarize(spans: Iterable[Span]) -> List[Dict[str, Any]]:
    """Per entity type: how many were found and the highest score. No values."""
    summary: Dict[str, Dict[str, Any]] = {}
    for span in spans:
        entry = summary.setdefault(span.entity_type, {"entity_type": span.entity_type, "count": 0, "max_score": 0.0})
        entry["count"] += 1
        entry["max_score"] = round(max(entry["max_score"], span.score), 4)
    return list(summary.values())
