"""Fingerprints of the rules' code by meaning, one per rule: what the flag cache (fiscal.rules.incremental) keeps a
rule's flags by.

A rule's fingerprint hashes the syntax tree (no comments, docstrings, type hints or line numbers) of its function
and of every top-level definition it reaches by name, followed through imports across the project's packages
(shared helpers, lookups, labels, ingest-side constants, the classes it builds), plus the rule's registration
(severity, scope, category, datasets read, threshold defaults), what every rule's flags go through (`evaluate`,
the reader's tagger and the fold: `COMMON_ROOTS`), the package data files when reached code reads files
(`__file__`), and the libraries (polars as installed, the pins of pyproject.toml). A comment edit changes
nothing; a change of one rule's function changes its fingerprint only; a change of a helper changes the
fingerprint of every rule reaching it.

When a name cannot be followed statically (a module passed as a value, a star import, an attribute a module does
not define at top level, a rule function that is no top-level def), the whole module counts: when unsure, more
rules are evaluated again, never fewer. Code outside the project (the standard library, polars) counts by its
version only.
"""

from __future__ import annotations

import ast
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from fiscal.rules.precedence import PRECEDENCE

ROOT = Path(__file__).resolve().parent.parent.parent  # the project: its packages are followed, nothing else
# What every rule's stored flags pass through (module, top-level name): a change there changes every fingerprint.
COMMON_ROOTS: tuple[tuple[str, str], ...] = (
    ("fiscal.rules.engine", "evaluate"),  # finding rules see confident rows; prose flags on OCR pages are notes
    ("fiscal.read.flags", "_tagger"),  # the cache keeps flags tagged (findings) and folded, as the reader gives it
    ("fiscal.rules.precedence", "fold_pages"),
)
Key = tuple[str, str]  # (module, top-level name); name "*" = the whole module
WHOLE = "*"
DATA_SUFFIXES: tuple[str, ...] = (".csv", ".json", ".txt", ".tsv", ".yaml", ".yml")


@dataclass
class _Module:
    """One parsed module: its top-level statements by the names they bind, and its imports by local name."""

    name: str
    path: Path
    defs: dict[str, list[ast.stmt]] = field(default_factory=dict)
    imports: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # alias → (module, name | None)
    stars: list[str] = field(default_factory=list)  # modules imported with *
    dumps: dict[str, str] = field(default_factory=dict)  # name → normalised dump of its statements


def _strip(tree: ast.AST) -> ast.AST:
    """The tree without docstrings and annotations of function signatures (meaning only)."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(
                    body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.returns = None
        if isinstance(node, ast.arg):
            node.annotation = None
    return tree


def _scope(stmt: ast.AST) -> list[ast.AST]:
    """The nodes of a statement in its own scope: not inside the functions, classes, lambdas and comprehensions it
    defines (their names are theirs)."""
    out: list[ast.AST] = [stmt]
    for child in ast.iter_child_nodes(stmt):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp,
                              ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            out.append(child)
        else:
            out.extend(_scope(child))
    return out


def _bound(stmt: ast.stmt) -> set[str]:
    """The top-level names a statement binds (or mutates: `X[k] = v`, `X.append(...)` count for X)."""
    out: set[str] = set()
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    for node in _scope(stmt):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            out.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in node.names if a.name != "*")
    if isinstance(stmt, ast.Expr) or not out:  # a call at top level may fill any object it names
        out.update(n.id for n in ast.walk(stmt) if isinstance(n, ast.Name))
    return out


class Code:
    """The project's source under `root`, parsed on demand; fingerprints of definitions and their closures."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = root
        self._modules: dict[str, _Module | None] = {}
        self._references: dict[Key, set[Key]] = {}

    def path_of(self, module: str) -> Path | None:
        base = self.root.joinpath(*module.split("."))
        for p in (base.with_suffix(".py"), base / "__init__.py"):
            if p.is_file():
                return p
        return None

    def module(self, name: str) -> _Module | None:
        """The parsed module, None when it is not the project's."""
        if name not in self._modules:
            path = self.path_of(name)
            self._modules[name] = None if path is None else self._parse(name, path)
        return self._modules[name]

    def _parse(self, name: str, path: Path) -> _Module:
        tree = _strip(ast.parse(path.read_text(encoding="utf-8")))
        assert isinstance(tree, ast.Module)
        mod = _Module(name, path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for stmt in tree.body:
            for node in _scope(stmt):
                if isinstance(node, ast.ImportFrom):
                    source = _absolute(node, package)
                    for a in node.names:
                        if a.name == "*":
                            mod.stars.append(source)
                        else:
                            mod.imports[a.asname or a.name] = (source, a.name)
                elif isinstance(node, ast.Import):
                    for a in node.names:
                        mod.imports[a.asname or a.name.split(".")[0]] = (a.name if a.asname else
                                                                         a.name.split(".")[0], None)
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                continue
            for n in _bound(stmt):
                mod.defs.setdefault(n, []).append(stmt)
        mod.dumps = {n: "\n".join(ast.dump(s, include_attributes=False) for s in stmts)
                     for n, stmts in mod.defs.items()}
        return mod

    def resolve(self, module: str, name: str) -> Key | None:
        """Where `name` of `module` is defined: (module, name), (module, WHOLE) for a module; None when outside."""
        seen: set[Key] = set()
        while (module, name) not in seen:
            seen.add((module, name))
            mod = self.module(module)
            if mod is None:
                return None
            if name in mod.defs:
                return module, name
            if name in mod.imports:
                source, attr = mod.imports[name]
                if attr is None:
                    return (source, WHOLE) if self.module(source) is not None else None
                if self.path_of(f"{source}.{attr}") is not None:  # a submodule
                    return f"{source}.{attr}", WHOLE
                module, name = source, attr
                continue
            if mod.stars:
                return module, WHOLE  # defined by a star import, or not at all: the module whole
            return None  # a builtin or a local name
        return module, WHOLE

    def references(self, key: Key) -> set[Key]:
        """The definitions `key` names, resolved (its own module whole when it is a module)."""
        if key not in self._references:
            self._references[key] = self._resolved(key)
        return self._references[key]

    def _resolved(self, key: Key) -> set[Key]:
        module, name = key
        mod = self.module(module)
        if mod is None:
            return set()
        if name == WHOLE:
            out = {(module, n) for n in mod.defs}
            return out | {(s, WHOLE) for s in mod.stars if self.module(s) is not None} | {
                k for n in mod.imports if (k := self.resolve(module, n)) is not None}
        out = set()
        for stmt in mod.defs.get(name, []):
            local = _local_imports(stmt, mod)
            for chain in _chains(stmt):
                got = self._chain(module, chain, local)
                if got is not None:
                    out.add(got)
        return out - {key}

    def _chain(self, module: str, chain: list[str], local: dict[str, tuple[str, str | None]]) -> Key | None:
        """What a name (and the attributes taken of it) refers to: modules followed attribute by attribute."""
        head, rest = chain[0], chain[1:]
        if head in local:
            source, attr = local[head]
            got = (f"{source}.{attr}", WHOLE) if attr is not None and self.path_of(f"{source}.{attr}") else (
                self.resolve(source, attr) if attr is not None else (source, WHOLE))
        else:
            got = self.resolve(module, head)
        while got is not None and got[1] == WHOLE and rest:
            if self.module(got[0]) is None:
                return None
            sub = f"{got[0]}.{rest[0]}"
            nxt = (sub, WHOLE) if self.path_of(sub) else self.resolve(got[0], rest[0])
            if nxt is None:  # not defined at top level (set at run time?): the module whole
                return got
            got, rest = nxt, rest[1:]
        if got is not None and self.module(got[0]) is None:
            return None
        return got

    def closure(self, roots: list[Key]) -> set[Key]:
        """Every definition the roots reach."""
        todo, done = list(roots), set()
        while todo:
            key = todo.pop()
            if key in done or self.module(key[0]) is None:
                continue
            done.add(key)
            todo.extend(self.references(key) - done)
        return done

    def digest(self, keys: set[Key]) -> str:
        """A hash of the definitions (and of the package data files, when one of them reads files)."""
        h = hashlib.sha1()
        files = False
        for module, name in sorted(keys):
            mod = self.module(module)
            if mod is None:
                continue
            text = "\n".join(mod.dumps[n] for n in sorted(mod.defs)) if name == WHOLE else mod.dumps.get(name, "")
            h.update(f"{module}:{name}\n{text}\n".encode())
            files = files or "__file__" in text
        if files:
            for f in sorted(self._data_files()):
                h.update(f.relative_to(self.root).as_posix().encode() + b"\n" + f.read_bytes())
        return h.hexdigest()

    def _data_files(self) -> list[Path]:
        """The data files of the project's packages reached so far (what code reading `__file__` may open)."""
        tops = {m.split(".")[0] for m, got in self._modules.items() if got is not None}
        return [f for top in tops for f in (self.root / top).rglob("*") if f.suffix in DATA_SUFFIXES
                and "__pycache__" not in f.parts and f.is_file()]


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


def _local_imports(stmt: ast.stmt, mod: _Module) -> dict[str, tuple[str, str | None]]:
    """Imports inside a definition (a function importing late), by local name."""
    out: dict[str, tuple[str, str | None]] = {}
    package = mod.name if mod.path.name == "__init__.py" else mod.name.rpartition(".")[0]
    for node in ast.walk(stmt):
        if isinstance(node, ast.ImportFrom) and node is not stmt:
            out.update({a.asname or a.name: (_absolute(node, package), a.name) for a in node.names if a.name != "*"})
        elif isinstance(node, ast.Import) and node is not stmt:
            out.update({a.asname or a.name.split(".")[0]: (a.name if a.asname else a.name.split(".")[0], None)
                        for a in node.names})
    return out


def _chains(stmt: ast.stmt) -> list[list[str]]:
    """Every name a statement reads, with the attributes taken of it (`a.b.c` → [a, b, c])."""
    out: list[list[str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.AnnAssign):  # a field's type names no code it runs (the dump keeps it)
            visit(node.target)
            if node.value is not None:
                visit(node.value)
            return
        if isinstance(node, ast.Attribute):
            attrs: list[str] = []
            base: ast.AST = node
            while isinstance(base, ast.Attribute):
                attrs.append(base.attr)
                base = base.value
            if isinstance(base, ast.Name):
                out.append([base.id, *reversed(attrs)])
                return
        if isinstance(node, ast.Name):
            out.append([node.id])
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(stmt)
    return out


def root_of(check: Any) -> Key:
    """Where a rule's function is defined: its top-level def, else (a closure, a lambda) its module whole."""
    name = getattr(check, "__name__", "")
    module = getattr(check, "__module__", "")
    return (module, name) if getattr(check, "__qualname__", "") == name and name.isidentifier() else (module, WHOLE)


def prints(rules: dict[str, Any], code: Code | None = None) -> dict[str, str]:
    """rule id → the fingerprint of what its flags depend on (`rules`: fiscal.rules.RULES)."""
    code = code or Code()
    common = code.closure(list(COMMON_ROOTS))
    versions = _versions(code.root)
    out = {}
    for rid, r in rules.items():
        keys = code.closure([root_of(r.check), *COMMON_ROOTS]) | common
        meta = json.dumps([rid, r.severity, r.category, r.scope, list(r.reads), r.prose, r.params], sort_keys=True)
        out[rid] = hashlib.sha1(versions + f"\n{meta}\n{code.digest(keys)}".encode()).hexdigest()[:16]
    return out


@cache
def source(root: Path = ROOT) -> str:
    """A hash of every source and data file of the project's packages and modules, its pinned dependencies and the
    polars version: when it equals a cache file's, so do all the rules' fingerprints (milliseconds; `prints` takes
    ~0.4 s)."""
    h = hashlib.sha1(_versions(root))
    files = [f for top in sorted(p.parent for p in root.glob("*/__init__.py")) for f in sorted(top.rglob("*"))
             if f.suffix in (".py", *DATA_SUFFIXES) and "__pycache__" not in f.parts]
    for f in [*sorted(root.glob("*.py")), *files]:
        if f.is_file():
            h.update(f.relative_to(root).as_posix().encode() + b"\n" + f.read_bytes())
    return h.hexdigest()[:16]


def _versions(root: Path) -> bytes:
    """The libraries the rules run on: polars as installed, every dependency as pinned (pyproject.toml)."""
    pins = root / "pyproject.toml"
    return pl.__version__.encode() + b"\n" + (pins.read_bytes() if pins.is_file() else b"")


_CURRENT: dict[str, tuple[Any, dict[str, str]]] = {}


def current() -> dict[str, str]:
    """The fingerprints of the registered rules' code as installed (computed once per process, again when the
    registry changed: a test replacing a rule)."""
    from fiscal import rules  # every rule module registered

    state = [(rid, id(r.check), json.dumps([r.severity, r.category, r.scope, list(r.reads), r.prose, r.params],
                                           sort_keys=True)) for rid, r in rules.RULES.items()]
    got = _CURRENT.get("")
    if got is None or got[0] != state:
        got = _CURRENT[""] = (state, prints(rules.RULES))
    return got[1]


def rules_fingerprint() -> str:
    """Changes whenever the rules' code, data, threshold or scope may have changed (the project's sources as
    bytes): equal, a cache file is valid whole; else its rules are compared one by one (`rule_prints`)."""
    return source()


def rule_prints() -> dict[str, str]:
    """rule id → the fingerprint of the code its flags depend on (fiscal.rules.rulecode), by meaning."""
    return current()


def stale_rules(written: dict[str, str], prints: dict[str, str]) -> set[str]:
    """The rules whose flags a file written with fingerprints `written` lacks or holds from other code (or of a rule
    no longer registered): a rule that folds (fiscal.rules.precedence) takes every folding rule with it (their
    stored flags are folded together)."""
    stale = {r for r, p in prints.items() if written.get(r) != p} | (set(written) - set(prints))  # and rules gone
    return stale | set(PRECEDENCE) & set(prints) if stale & set(PRECEDENCE) else stale
