"""NeMo loads this when a configuration imports ``pii_rails/flows/v2``."""

from pii_rails.plugin import init  # noqa: F401
