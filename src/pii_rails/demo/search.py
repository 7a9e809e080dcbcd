"""An offline keyword-overlap search index for the demo and the examples.

NeMo's default embedding search computes FastEmbed embeddings, which means
downloading a model on first use. The demo and the example configurations must
run offline, so they register this small index instead (NeMo's
``EmbeddingsIndex`` extension point). It ranks items by the words they share
with the query; that is enough for a handful of documents and says nothing
about pii-rails itself. Use a real vector store in production.
"""

from __future__ import annotations

import math
import re
from typing import List, Optional

from nemoguardrails.embeddings.index import EmbeddingsIndex, IndexItem

_WORD = re.compile(r"[a-z0-9]+")
# Words too common to say anything about which record a question is about.
_STOPWORDS = frozenset(
    "a an and are as at be can do does for from have hi how i if in is it its m me my not of on or our "
    "please the this to was what when where which who will with you your".split()
)
# Entity tags pii-rails put into the query say nothing about the topic.
from pii_rails.masking.placeholders import TAG as _TAG  # noqa: E402
# A result must score at least this share of the best one: a question about one
# order should not pull in every record that merely mentions "order".
_RELATIVE_CUTOFF = 0.6


def _words(text: str) -> frozenset:
    return frozenset(w for w in _WORD.findall(_TAG.sub(" ", text).lower()) if w not in _STOPWORDS)


class KeywordOverlapIndex(EmbeddingsIndex):
    """Ranks items by the cosine of their word sets with the query's.

    ``min_score`` (a provider parameter in config.yml) drops weak matches, so
    small talk retrieves nothing.
    """

    def __init__(self, min_score: float = 0.0, **parameters):
        self._min_score = min_score
        self._items: List[IndexItem] = []
        self._words: List[frozenset] = []

    @property
    def embedding_size(self) -> int:
        return 0

    @property
    def cache_config(self):
        return None

    async def add_item(self, item: IndexItem) -> None:
        self._items.append(item)
        self._words.append(_words(item.text))

    async def add_items(self, items: List[IndexItem]) -> None:
        for item in items:
            await self.add_item(item)

    async def search(self, text: str, max_results: int = 20, threshold: Optional[float] = None) -> List[IndexItem]:
        query = _words(text)
        if not query:
            return []
        scored = []
        for item, words in zip(self._items, self._words, strict=True):
            shared = len(query & words)
            if shared:
                scored.append((shared / math.sqrt(len(query) * len(words)), item))
        if not scored:
            return []
        scored.sort(key=lambda pair: pair[0], reverse=True)
        floor = max(scored[0][0] * _RELATIVE_CUTOFF, threshold or 0.0, self._min_score)
        return [item for score, item in scored[:max_results] if score >= floor]


def register(app) -> None:
    """Make ``keyword_overlap`` available as an embedding search provider of ``app``."""
    app.register_embedding_search_provider("keyword_overlap", KeywordOverlapIndex)
