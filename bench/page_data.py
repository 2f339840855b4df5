"""Dump every dashboard page's data over a lake, to compare two checkouts after a refactor.

    PYTHONPATH=OLD_CHECKOUT python bench/page_data.py old LAKE old.json   # fiscal.queries (before the read layer)
    PYTHONPATH=.            python bench/page_data.py new LAKE new.json   # fiscal.read

Run both over copies of one lake (each reader writes its own _cache) and compare the JSON files:
the split of fiscal/queries.py into fiscal/read/ gave identical data for all 10 calls × 5 selections.
"""
import dataclasses, json, sys
from pathlib import Path
import polars as pl
from fiscal.filters import Filters

which, lake, out = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
SELECTIONS = {"all": Filters(), "hunan": Filters(province="430000"), "jiangsu": Filters(province="320000"),
              "y2023": Filters(years=(2023, 2023)), "budget": Filters(kinds=("budget",))}

def norm(x):
    if isinstance(x, pl.DataFrame):
        drop = [c for c in x.columns if c in ("reading", "batch_id")]
        x = x.drop(drop)
        rows = [{k: norm(v) for k, v in r.items()} for r in x.iter_rows(named=True)]
        return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False, default=str))
    if dataclasses.is_dataclass(x):
        return {f.name: norm(getattr(x, f.name)) for f in dataclasses.fields(x)}
    if isinstance(x, dict):
        return {str(k): norm(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [norm(v) for v in x]
    if isinstance(x, float):
        return round(x, 6)
    if isinstance(x, Path):
        return x.name
    return x if isinstance(x, (int, str, bool, type(None))) else str(x)

res = {}
if which == "old":
    from fiscal import queries as q
    calls = {"overview": lambda f: q.overview(lake, f), "composition": lambda f: q.composition(lake, f),
             "sangong": lambda f: q.sangong_trend(lake, f), "projects": lambda f: q.projects(lake, f),
             "inflation": lambda f: q.inflation(lake, f), "peers": lambda f: {k: v for k, v in q.peers(lake, f).items() if k != "rates"},
             "documents": lambda f: q.selected_documents(lake, f),
             "expenditure": lambda f: q.expenditure_by_agency_year(lake, f),
             "data_sangong": lambda f: q.dataset_rows(lake, f, "sangong"), "data_line_items": lambda f: q.dataset_rows(lake, f, "line_items")}
else:
    from fiscal import read
    def peers(f):
        p = read.across.peers(lake, f)
        return {"comparison": p.comparison, "outliers": p.outliers}
    calls = {"overview": lambda f: read.spending.overview(lake, f), "composition": lambda f: read.spending.composition(lake, f),
             "sangong": lambda f: read.sangong.sangong_trend(lake, f), "projects": lambda f: read.projects.projects(lake, f),
             "inflation": lambda f: read.across.inflation(lake, f), "peers": peers,
             "documents": lambda f: read.lake.selected_documents(lake, f),
             "expenditure": lambda f: read.spending.expenditure_by_agency_year(lake, f),
             "data_sangong": lambda f: read.documents.dataset_rows(lake, f, "sangong"), "data_line_items": lambda f: read.documents.dataset_rows(lake, f, "line_items")}
for sel, f in SELECTIONS.items():
    for name, fn in calls.items():
        try:
            res[f"{sel}/{name}"] = norm(fn(f))
        except Exception as exc:
            res[f"{sel}/{name}"] = f"ERROR {type(exc).__name__}: {exc}"
Path(out).write_text(json.dumps(res, ensure_ascii=False, sort_keys=True, default=str))
print(which, len(res))
