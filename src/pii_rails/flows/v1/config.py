"""NeMo loads this when a configuration imports ``pii_rails/flows/v1``."""

from pii_rails.plugin import init  # noqa: F401
