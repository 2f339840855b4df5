"""Every page opens with the one shared preamble, pages/_common.start_page: sign-in and role are checked
before the page reads anything, and the title, navigation and empty-lake guard are drawn the same way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAGES = sorted((Path(__file__).resolve().parents[2] / "pages").glob("[a-z]*.py"))


def _first_call(path: Path) -> ast.Call:
    """The call the page's main() makes first (after its docstring)."""
    main = next(n for n in ast.parse(path.read_text(encoding="utf-8")).body
                if isinstance(n, ast.FunctionDef) and n.name == "main")
    body = [s for s in main.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    first = body[0]
    value = first.value if isinstance(first, (ast.Expr, ast.Assign)) else None
    assert isinstance(value, ast.Call), f"{path.name}: main() starts with {ast.dump(first)[:80]}"
    return value


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_main_starts_with_start_page(path: Path) -> None:
    call = _first_call(path)
    assert isinstance(call.func, ast.Name) and call.func.id == "start_page", path.name
    source = path.read_text(encoding="utf-8")
    # nothing of the old preamble left beside it
    for old in ("ensure_navigation(", "require(\"", "st.title("):
        assert old not in source, f"{path.name} still calls {old}"


def test_upload_page_asks_for_the_upload_role() -> None:
    call = _first_call(next(p for p in PAGES if p.stem == "upload"))
    assert {k.arg: ast.literal_eval(k.value) for k in call.keywords}.get("action") == "upload"
