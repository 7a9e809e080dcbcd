"""Long texts cut into overlapping pieces, each analysed on its own.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters), and some
of Presidio's context lookups grow with the square of the text's length.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

# Each piece owns the detections that start in its middle part; PIECE_OVERLAP / 2
# characters on each side are there only for context, and so that an entity
# crossing a cut is seen whole by the piece that owns it.
PIECE_CHARS = 100_000
PIECE_OVERLAP = 10_000


@dataclass(frozen=True)
class Piece:
    """``text[start:end]`` is analysed; it owns detections starting in ``[own_start, own_end)``."""

    start: int
    end: int
    own_start: int
    own_end: int

    def owns(self, offset: int) -> bool:
        """Whether a detection at ``offset`` (relative to the piece) is this piece's to report."""
        return self.own_start <= self.start + offset < self.own_end


def _break_before(text: str, at: int, floor: int) -> int:
    """The last position at or before ``at`` (and after ``floor``) that follows whitespace, a line break first."""
    window = text[max(floor, at - 2000) : at]
    for sep in ("\n", " ", "\t"):
        i = window.rfind(sep)
        if i != -1:
            return at - len(window) + i + 1
    return at


def _break_after(text: str, at: int) -> int:
    """The first position at or after ``at`` that follows whitespace (or the end)."""
    if at >= len(text):
        return len(text)
    window = text[at : at + 2000]
    found = [i for i in (window.find(sep) for sep in ("\n", " ", "\t")) if i != -1]
    return at + min(found) + 1 if found else at


def split_pieces(text: str, size: Optional[int] = None, overlap: Optional[int] = None) -> List[Piece]:
    """Overlapping pieces of ``text``, each about ``size`` characters at most.

    Cuts fall after whitespace where there is any near. Every offset of the
    text is owned by exactly one piece, and each piece reaches at least
    ``overlap / 2`` characters beyond what it owns on both sides, so a
    detection owned by a piece (and shorter than that) lies wholly inside it.
    """
    size = PIECE_CHARS if size is None else size
    overlap = PIECE_OVERLAP if overlap is None else overlap
    n = len(text)
    if n <= size:
        return [Piece(0, n, 0, n)]
    half = overlap // 2
    step = max(1, size - overlap)
    cuts = [0]
    while n - cuts[-1] > step:
        cuts.append(_break_before(text, cuts[-1] + step, cuts[-1] + 1))
    cuts.append(n)
    return [
        Piece(
            0 if own_start == 0 else _break_before(text, max(0, own_start - half), 0),
            n if own_end == n else _break_after(text, own_end + half),
            own_start,
            own_end,
        )
        for own_start, own_end in zip(cuts, cuts[1:], strict=False)
    ]


