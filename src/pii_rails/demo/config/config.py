"""The demo's extensions: its embedded model and an offline search provider.

The embedded model (``engine: pii_rails_demo`` in config.yml) is registered
as a NeMo LLM provider, so the rails build it from the config like any model.

NeMo's default embedding search downloads a model (FastEmbed); the demo runs
offline, so it uses the keyword-overlap index of ``pii_rails.demo.search``.
"""

from nemoguardrails.llm.providers import register_provider

from pii_rails.demo import search
from pii_rails.demo.model import EMBEDDED_ENGINE, EmbeddedModel


def init(app) -> None:
    register_provider(EMBEDDED_ENGINE, EmbeddedModel)
    search.register(app)
