"""Offline search for this example: a keyword index instead of FastEmbed (which downloads a model).

Not needed for pii-rails: Colang 2's `llm continuation` looks up flows by
embeddings, and this example must run without network access.
"""

from pii_rails.demo import search


def init(app) -> None:
    search.register(app)
