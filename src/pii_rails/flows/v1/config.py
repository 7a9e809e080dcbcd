"""NeMo loads this when a configuration imports ``pii_rails/flows/v1``."""

from pii_rails.nemo.binding import init  # noqa: F401
