"""The layout rules of CONTRIBUTING.md that `lint-imports` does not check itself.

- no import cycles between modules (grimp's graph of the installed package);
- no import of a corridor module inside a function, except where start-up time is the reason
  (listed below); heavy third-party libraries (spaCy, statsmodels, Altair, Dask...) may be
  imported where they are used, so that commands which do not need them do not pay for them;
- no module over 400 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

SRC = Path(__file__).resolve().parents[1] / "src" / "corridor"

# Imports deferred on purpose, each for start-up time, never to dodge a cycle.
LAZY_IMPORTS: dict[str, str] = {
    "corridor.services.rules": "Dask takes about a second to import: only a Dask run pays it",
}
LAZY_PACKAGES: dict[str, str] = {
    "corridor.cli": "each command imports its services when it runs, so `--help` starts at once",
}
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm; components of more than one module are cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [
        ["a", "b", "c"]
    ]
    assert _strongly_connected({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    graph = grimp.build_graph("corridor", cache_dir=None)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert _strongly_connected(edges) == []


def _function_imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    module = inner.module if isinstance(inner, ast.ImportFrom) else None
                    what = module or inner.names[0].name
                    if what == "corridor" or what.startswith("corridor."):
                        found.append((inner.lineno, what))
    return found


def test_imports_inside_functions_are_only_for_start_up() -> None:
    assert _function_imports(Path(__file__)) == []  # the finder sees only corridor modules
    unexpected = []
    for name, path in _modules().items():
        if name in LAZY_IMPORTS or any(name.startswith(p + ".") for p in LAZY_PACKAGES):
            continue
        unexpected += [f"{name}:{line} imports {what}" for line, what in _function_imports(path)]
    assert unexpected == []


def test_modules_are_small() -> None:
    big = {
        name: n
        for name, path in _modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        and "migrations" not in name
    }
    assert big == {}
