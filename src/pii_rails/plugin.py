"""The documented entry point for NeMo: ``from pii_rails.plugin import init, engine_for``.

The binding lives in :mod:`pii_rails.nemo.binding`; this name is kept because
configurations and user code import it.
"""

from pii_rails.nemo.binding import engine_for, init

__all__ = ["engine_for", "init"]
