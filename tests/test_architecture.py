"""The package's shape: no import cycles, a light top-level import, a guarded public API.

The layout (detection → masking → engine → nemo) only helps if imports flow one
way; these tests fail on the first import that closes a loop, counting imports
inside functions too (they run on every call that reaches them).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, List, Set

import pii_rails
from conftest import loaded_by_import

SRC = Path(pii_rails.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> Dict[str, Path]:
    return {_module_name(p): p for p in SRC.rglob("*.py") if "flows" not in p.parts and "config" not in p.parts}


def _type_checking_lines(tree: ast.AST) -> Set[int]:
    lines: Set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def import_graph() -> Dict[str, Set[str]]:
    """Module -> the pii_rails modules it imports anywhere in its body (not under TYPE_CHECKING)."""
    modules = _modules()
    graph: Dict[str, Set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text())
        skip = _type_checking_lines(tree)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skip:
                continue
            targets: List[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def _cycle(graph: Dict[str, Set[str]]) -> List[str]:
    state: Dict[str, int] = {}
    stack: List[str] = []

    def visit(node: str) -> List[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def test_no_import_cycles():
    cycle = _cycle(import_graph())
    assert not cycle, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_a_cycle():
    # A checker that cannot fail proves nothing: it must see a planted loop.
    graph = import_graph()
    graph["pii_rails.spans"].add("pii_rails.engine")
    assert _cycle(graph)


def test_layers_import_downwards_only():
    """Detection and masking never reach up into the engine, the NeMo binding or the CLI."""
    graph = import_graph()
    upper = ("pii_rails.engine", "pii_rails.nemo", "pii_rails.cli", "pii_rails.demo", "pii_rails.plugin")
    for name, targets in graph.items():
        if name.startswith(("pii_rails.detection", "pii_rails.masking", "pii_rails.spans", "pii_rails.errors", "pii_rails.settings")):
            bad = [t for t in targets if t.startswith(upper)]
            assert not bad, f"{name} imports {bad}"


def test_the_batch_engine_sits_above_the_engine():
    """batch may use the engine and what is under it; nothing under it (nor the NeMo binding) uses batch."""
    graph = import_graph()
    below = ("pii_rails.engine", "pii_rails.detection", "pii_rails.masking", "pii_rails.settings", "pii_rails.spans",
             "pii_rails.errors", "pii_rails.nemo", "pii_rails.plugin")
    for name, targets in graph.items():
        if name.startswith(below):
            bad = [t for t in targets if t.startswith("pii_rails.batch") or t == "pii_rails.ray"]
            assert not bad, f"{name} imports {bad}"
        if name.startswith("pii_rails.batch"):
            up = [t for t in targets if t.startswith(("pii_rails.cli", "pii_rails.nemo", "pii_rails.demo", "pii_rails.ray"))]
            assert not up, f"{name} imports {up}"
    # The modules that build engines (records only names the type: a Ray run's driver builds none).
    for name in ("pii_rails.batch.lines", "pii_rails.batch.ray_data"):
        assert "pii_rails.engine" in graph[name], name
    # One implementation: the CLI and the Ray path both go through batch.records.
    assert "pii_rails.batch.lines" in graph["pii_rails.cli"]
    assert "pii_rails.batch.records" in graph["pii_rails.batch.lines"]
    assert "pii_rails.batch.records" in graph["pii_rails.batch.ray_data"]
    assert graph["pii_rails.ray"] == {"pii_rails.batch.ray_data"}


def test_importing_the_package_and_the_batch_engine_loads_no_ray():
    imports = "pii_rails, pii_rails.batch, pii_rails.batch.records, pii_rails.cli"
    assert loaded_by_import(imports, ("ray", "pyarrow")) == []


def test_importing_the_package_and_its_errors_is_light():
    imports = "pii_rails, pii_rails.errors, pii_rails.spans, pii_rails.settings"
    assert loaded_by_import(imports, ("spacy", "presidio_analyzer", "nemoguardrails", "thinc")) == []


def test_public_api_is_listed_and_resolves():
    expected = {
        "AuditEvent", "ConfigError", "DetectionError", "GuardResult", "MaskResult", "MemoryVaultStore",
        "ModelUnavailableError", "PiiEngine", "PiiRailsError", "Span", "Vault", "VaultStore",
        "VaultUnavailableError", "conversation", "engine_for", "forget", "nemo_engine",
    }
    assert set(pii_rails.__all__) == expected == set(pii_rails._EXPORTS)
    for name in pii_rails.__all__:
        assert getattr(pii_rails, name) is not None
    try:
        pii_rails.no_such_name  # noqa: B018
    except AttributeError:
        pass
    else:
        raise AssertionError("unknown attributes must raise AttributeError")


def test_every_error_has_one_base():
    from pii_rails import errors

    classes = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert len(classes) >= 6
    assert all(issubclass(c, errors.PiiRailsError) for c in classes)
    # No error class is defined outside errors.py.
    for name, path in _modules().items():
        if name == "pii_rails.errors":
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and (b.id.endswith("Error") or b.id == "Exception") for b in node.bases
            ):
                raise AssertionError(f"{name} defines the error {node.name}; errors live in pii_rails.errors")
