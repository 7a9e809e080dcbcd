"""The demo's extensions: its embedded model and an offline search provider.

The embedded model (``engine: pii_rails_demo`` in config.yml) is registered
as a NeMo LLM provider, so the rails build it from the config like any model.

NeMo's default embedding search computes FastEmbed embeddings, which means
downloading a model on first use. The demo must run offline, so it registers
a small keyword-overlap index instead (NeMo's ``EmbeddingsIndex`` extension
point). It ranks items by the words they share with the query; that is enough
for a handful of customer records and says nothing about pii-rails itself.
"""

from __future__ import annotations

import math
import re
from typing import List, Optional

from nemoguardrails.embeddings.index import EmbeddingsIndex, IndexItem
from nemoguardrails.llm.providers import register_provider

from pii_rails.demo.model import EMBEDDED_ENGINE, EmbeddedModel

_WORD = re.compile(r"[a-z0-9]+")
# Words too common to say anything about which record a question is about.
_STOPWORDS = frozenset(
    "a an and are as at be can do does for from have hi how i if in is it its m me my not of on or our "
    "please the this to was what when where which who will with you your".split()
)
# Entity tags pii-rails put into the query say nothing about the topic.
_TAG = re.compile(r"<[A-Z][A-Z0-9_]*>")
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
        for item, words in zip(self._items, self._words):
            shared = len(query & words)
            if shared:
                scored.append((shared / math.sqrt(len(query) * len(words)), item))
        if not scored:
            return []
        scored.sort(key=lambda pair: pair[0], reverse=True)
        floor = max(scored[0][0] * _RELATIVE_CUTOFF, threshold or 0.0, self._min_score)
        return [item for score, item in scored[:max_results] if score >= floor]


def init(app) -> None:
    register_provider(EMBEDDED_ENGINE, EmbeddedModel)
    app.register_embedding_search_provider("keyword_overlap", KeywordOverlapIndex)
