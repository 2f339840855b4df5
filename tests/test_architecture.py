"""The layout's promises, checked on the source: dependencies point inward and never loop.

pages/ → fiscal ← ingest/; fiscal/ never imports Streamlit or Camelot (the dashboard runs
without Camelot, parsing never needs Streamlit); pages/ never import the write side.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("fiscal", "ingest", "pages", "accuracy")
# A module is read in one go below 400 lines; ingest's OCR and table readers still hold up to 600 (a ceiling that
# only comes down). The dashboard's entry point app.py counts as a page.
MAX_LINES = {"fiscal": 400, "ingest": 600, "pages": 400, "accuracy": 400, "app": 400}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


def _line_counts() -> dict[str, int]:
    """Every product module (the packages and app.py) → its number of lines."""
    paths = {**_sources(), "app": ROOT / "app.py"}
    return {n: len(p.read_text(encoding="utf-8").splitlines()) for n, p in paths.items()}


def _imports(path: Path) -> set[str]:
    """Every module this file imports, at any depth (function-level imports count: a loop is a loop)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def _graph() -> dict[str, set[str]]:
    modules = _sources()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        deps = {d for d in _imports(path) if d in modules and d != name}
        # importing a package's submodule runs the package too, but that is not a dependency on its siblings
        graph[name] = deps
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles() -> None:
    assert _cycles(_graph()) == []


def test_the_core_imports_neither_streamlit_nor_camelot() -> None:
    bad = {name: sorted(d for d in _imports(p) if d.split(".")[0] in ("streamlit", "camelot", "ingest", "pages"))
           for name, p in _sources().items() if name.startswith("fiscal")}
    assert {k: v for k, v in bad.items() if v} == {}


def test_the_dashboard_never_imports_the_write_side() -> None:
    paths = {**{n: p for n, p in _sources().items() if n.startswith("pages")}, "app": ROOT / "app.py"}
    bad = {n: sorted(d for d in _imports(p) if d.split(".")[0] in ("ingest", "camelot", "samplegen"))
           for n, p in paths.items()}
    assert {k: v for k, v in bad.items() if v} == {}


def test_modules_stay_small_enough_to_read_in_one_go() -> None:
    long = _line_counts()
    assert {n: k for n, k in long.items() if k >= MAX_LINES[n.split(".")[0]]} == {}


def test_the_size_check_covers_the_dashboard_and_the_accuracy_harness() -> None:
    assert {"app", "pages._common", "pages._en", "pages._en_labels", "accuracy.related"} <= set(_line_counts())
