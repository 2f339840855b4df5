"""Dump every dashboard page's data over a lake, to compare two checkouts after a refactor.

    PYTHONPATH=OLD_CHECKOUT python bench/page_data.py old LAKE old.json   # fiscal.queries (before the read layer)
    PYTHONPATH=.            python bench/page_data.py new LAKE new.json   # fiscal.read

Run both over copies of one lake (each reader writes its own _cache) and compare the JSON files:
the split of fiscal/queries.py into fiscal/read/ gave identical data for all 8 calls × 5 selections.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from fiscal.filters import Filters

SELECTIONS = {"all": Filters(), "hunan": Filters(province="430000"), "jiangsu": Filters(province="320000"),
              "y2023": Filters(years=(2023, 2023)), "budget": Filters(kinds=("budget",))}
# page data → (function name in fiscal.queries, its home in fiscal.read)
CALLS = {
    "overview": ("overview", "spending.overview"), "composition": ("composition", "spending.composition"),
    "sangong": ("sangong_trend", "sangong.sangong_trend"), "projects": ("projects", "projects.projects"),
    "inflation": ("inflation", "across.inflation"), "peers": ("peers", "across.peers"),
    "documents": ("selected_documents", "lake.selected_documents"),
    "expenditure": ("expenditure_by_agency_year", "spending.expenditure_by_agency_year"),
}


def norm(x: Any) -> Any:
    """A JSON-comparable form: frames as sorted row dicts, dataclasses and dicts recursively."""
    if isinstance(x, pl.DataFrame):
        x = x.drop([c for c in x.columns if c in ("reading", "batch_id")])
        rows = [{k: norm(v) for k, v in r.items()} for r in x.iter_rows(named=True)]
        return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False, default=str))
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        x = {f.name: getattr(x, f.name) for f in dataclasses.fields(x)}
    if isinstance(x, dict):
        return {str(k): norm(v) for k, v in x.items() if k != "rates"}  # rates depend on the rule set
    if isinstance(x, list | tuple):
        return [norm(v) for v in x]
    if isinstance(x, float):
        return round(x, 6)
    if isinstance(x, Path):
        return x.name
    return x if isinstance(x, int | str | bool | type(None)) else str(x)


def functions(which: str) -> dict[str, Callable[..., Any]]:
    if which == "old":
        import importlib

        queries = importlib.import_module("fiscal.queries")
        return {page: getattr(queries, old) for page, (old, _) in CALLS.items()}
    from fiscal import read

    out = {}
    for page, (_, new) in CALLS.items():
        module, name = new.split(".")
        out[page] = getattr(getattr(read, module), name)
    return out


def main(which: str, lake: Path, out: Path) -> None:
    fns = functions(which)
    res: dict[str, Any] = {}
    for sel, f in SELECTIONS.items():
        for page, fn in fns.items():
            try:
                res[f"{sel}/{page}"] = norm(fn(lake, f))
            except Exception as exc:  # noqa: BLE001 - a failing call is part of the comparison
                res[f"{sel}/{page}"] = f"ERROR {type(exc).__name__}: {exc}"
    out.write_text(json.dumps(res, ensure_ascii=False, sort_keys=True, default=str), encoding="utf-8")
    print(which, len(res), "calls")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
