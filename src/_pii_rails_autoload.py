"""Makes NeMo's IORails engine run pii-rails without anyone importing pii_rails.

IORails reads no ``config.py`` of a configuration, so nothing of pii-rails would
run when a user builds ``nemoguardrails.Guardrails(config)`` or starts
``nemoguardrails server`` with ``NEMO_GUARDRAILS_IORAILS_ENGINE=true``. The
``pii_rails_autoload.pth`` file the wheel installs imports this module at
interpreter start. It only adds an import hook (it imports nothing; about half a
millisecond of start-up, see bench/RESULTS.md): when NeMo's
``nemoguardrails.guardrails.iorails`` module has been imported,
:func:`pii_rails.nemo.iorails.install` patches it. Nothing of pii_rails is
imported before that, and processes that never import NeMo's IORails never
import pii_rails.
"""

import sys

TRIGGER = "nemoguardrails.guardrails.iorails"

# Plain classes, no importlib.abc, typing or threading: this runs at every interpreter
# start in the environment, so it imports nothing (the import system takes duck types).


def _install() -> None:
    try:
        from pii_rails.nemo import iorails
    except ImportError:  # pii_rails uninstalled while this file stayed behind
        return
    iorails.install()


class _Loader:
    """NeMo's own loader for the trigger module, then pii-rails' patches."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        self._loader.exec_module(module)
        _install()

    def __getattr__(self, name: str):  # get_code, get_source, is_package, ...
        return getattr(self._loader, name)


class _Finder:
    """Finds nothing itself; wraps the loader of NeMo's IORails module when it is found."""

    pii_rails_autoload = True  # how activate() recognizes an installed finder, whichever copy made it

    def find_spec(self, fullname: str, path=None, target=None):
        if fullname != TRIGGER:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _Loader(spec.loader)  # type: ignore[assignment]  # a duck-typed Loader
                return spec
        return None


def activate() -> None:
    """Patch IORails now if NeMo's module is loaded, else when it is. Idempotent.

    Runs at interpreter start (the .pth) or under the import lock (``import pii_rails``).
    """
    if TRIGGER in sys.modules:
        _install()
    elif not any(getattr(f, "pii_rails_autoload", False) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())


activate()
