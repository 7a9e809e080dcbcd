"""Offline search for this example: a keyword index instead of FastEmbed (which downloads a model)."""

from pii_rails.demo import search


def init(app) -> None:
    search.register(app)
