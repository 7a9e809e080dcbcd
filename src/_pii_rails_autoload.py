"""Makes NeMo's IORails engine run pii-rails without anyone importing pii_rails.

IORails reads no ``config.py`` of a configuration, so nothing of pii-rails would
run when a user builds ``nemoguardrails.Guardrails(config)`` or starts
``nemoguardrails server`` with ``NEMO_GUARDRAILS_IORAILS_ENGINE=true``. The
``pii_rails_autoload.pth`` file the wheel installs imports this module at
interpreter start. It only adds an import hook (standard library, well under a
millisecond): when NeMo's ``nemoguardrails.guardrails.iorails`` module has been
imported, :func:`pii_rails.nemo.iorails.install` patches it. Nothing of
pii_rails is imported before that, and processes that never import NeMo's
IORails never import pii_rails.
"""

from __future__ import annotations

import importlib.abc
import sys
import threading
from typing import Any, Optional, Sequence

TRIGGER = "nemoguardrails.guardrails.iorails"
_lock = threading.Lock()


def _install() -> None:
    try:
        from pii_rails.nemo import iorails
    except ImportError:  # pii_rails uninstalled while this file stayed behind
        return
    iorails.install()


class _Loader(importlib.abc.Loader):
    """NeMo's own loader for the trigger module, then pii-rails' patches."""

    def __init__(self, loader: Any):
        self._loader = loader

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self._loader.exec_module(module)
        _install()

    def __getattr__(self, name: str) -> Any:  # get_code, get_source, is_package, ...
        return getattr(self._loader, name)


class _Finder(importlib.abc.MetaPathFinder):
    """Finds nothing itself; wraps the loader of NeMo's IORails module when it is found."""

    def find_spec(self, fullname: str, path: Optional[Sequence[str]] = None, target: Any = None) -> Any:
        if fullname != TRIGGER:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _Loader(spec.loader)
                return spec
        return None


def activate() -> None:
    """Patch IORails now if NeMo's module is loaded, else when it is. Idempotent."""
    with _lock:
        if TRIGGER in sys.modules:
            _install()
            return
        if not any(isinstance(f, _Finder) for f in sys.meta_path):
            sys.meta_path.insert(0, _Finder())


activate()
