"""Texts the LLM boundary need not analyse again, per conversation.

A rail's output that was analysed with (at least) the boundary's entities and
thresholds, with every value found masked, holds nothing the boundary would
mask; the boundary finds such texts in a prompt and analyses only the rest.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import List, Tuple

# Checked rail outputs the boundary looks for in a prompt: short ones would cut
# the prompt into pieces for little gain; a conversation keeps only its latest
# ones, within a bound that keeps thousands of stored vaults small (a request's
# history is marked again each turn, so what is dropped is only read again).
MIN_CHECKED_CHARS = 16
MAX_CHECKED_TEXTS = 128
MAX_CHECKED_TOTAL_CHARS = 64_000



class CheckedTexts:
    """A bounded, thread-safe set of checked texts, most recent last."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._texts: "OrderedDict[str, None]" = OrderedDict()
        self._texts_chars = 0

    def mark(self, text: str) -> None:
        """Remember that ``text``, a rail's output, was analysed with (at least) the
        LLM boundary's entities and thresholds and every value found is masked."""
        if len(text.strip()) < MIN_CHECKED_CHARS:
            return
        if len(text) > MAX_CHECKED_TOTAL_CHARS:
            return
        with self._lock:
            if text not in self._texts:
                self._texts_chars += len(text)
            self._texts[text] = None
            self._texts.move_to_end(text)
            while len(self._texts) > MAX_CHECKED_TEXTS or self._texts_chars > MAX_CHECKED_TOTAL_CHARS:
                self._texts_chars -= len(self._texts.popitem(last=False)[0])

    def regions(self, text: str) -> List[Tuple[int, int]]:
        """Where texts marked checked occur in ``text``, as sorted non-overlapping
        ``(start, end)``; longer texts first, each bounded by non-word characters."""
        with self._lock:
            candidates = sorted((c for c in self._texts if len(c) <= len(text)), key=len, reverse=True)
        regions: List[Tuple[int, int]] = []
        for candidate in candidates:
            start = text.find(candidate)
            while start != -1:
                end = start + len(candidate)
                # A checked text inside a word ("ok" in "book") does not count:
                # the rest of the prompt is analysed in pieces cut at the regions.
                bounded = (start == 0 or not text[start - 1].isalnum()) and (
                    end == len(text) or not text[end].isalnum()
                )
                if bounded and not any(start < b and a < end for a, b in regions):
                    regions.append((start, end))
                start = text.find(candidate, start + 1)
        return sorted(regions)
