"""Evaluated projects (绩效自评) and their indicators."""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import rowsort
from fiscal.filters import Filters
from fiscal.read.counting import rows_of, whole_lake, with_doc_rank
from fiscal.read.lake import read, rows_of_docs
from fiscal.read.recent import recent
from fiscal.rules.lookups import exec_rate
from fiscal.schema import FUND_KINDS, PROJECT_FUND_SUMS

# ---------------------------------------------------------------- projects


def projects(lake: Path, f: Filters, flags: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per evaluated project (per agency, year and name, from the best document), with a flags count."""
    def ordered() -> pl.DataFrame:
        rows = whole_lake(lake, "projects", f, lambda docs: _projects_counted(lake, docs))
        # the national selection is every project of the lake (~200,000 at 100,000 documents), too large for the
        # per-selection cache: its order is kept per frame instead, and without joining an empty count
        return _in_page_order(rows).drop("flags", strict=False).with_columns(pl.lit(0, dtype=pl.UInt32).alias("flags"))

    if flags is None:  # the pages' call: kept for the selection
        return recent(lake, "projects", f.key(), ordered)
    rows = whole_lake(lake, "projects", f, lambda docs: _projects_counted(lake, docs))
    return attach_flag_counts(rows, flags).sort("year", "agency", "project", descending=[True, False, False])


# The pages' order of a frame of projects, kept per frame while it lives: a national selection's rows are the
# whole-lake frame itself (fiscal.read.counting.whole_lake), the same object for every call of one lake version.
_ORDERS: dict[int, tuple[weakref.ref[pl.DataFrame], pl.Series]] = {}
_ORDER_BY = ("year", "agency", "project")
_ORDER_DESC = (True, False, False)


def _in_page_order(rows: pl.DataFrame) -> pl.DataFrame:
    """`rows` sorted by year (newest first), agency and project, nulls first; rows equal in all three keep theirs."""
    if rows.height < rowsort.MIN_ROWS:
        return rows.sort(list(_ORDER_BY), descending=list(_ORDER_DESC), nulls_last=False, maintain_order=True)
    kept = _ORDERS.get(id(rows))
    if kept is None or kept[0]() is not rows:
        # the row number as the last key makes the order total: ties keep their rows' order without a stable sort
        order = rowsort.sort(rows.select(list(_ORDER_BY)).with_row_index("_row"), [*_ORDER_BY, "_row"],
                             descending=[*_ORDER_DESC, False], nulls_last=False)["_row"]
        for gone in [k for k, (ref, _) in _ORDERS.items() if ref() is None]:
            del _ORDERS[gone]
        kept = _ORDERS[id(rows)] = (weakref.ref(rows), order)
    return rows.select(pl.all().gather(kept[1]))


def _projects_counted(lake: Path, docs: pl.DataFrame) -> pl.DataFrame:
    """The projects that count, of the counted documents `docs`."""
    rows = rows_of(lake, "projects", Filters(), docs) if docs.height else read(lake, "projects").clear()
    if rows.height:
        ranked = with_doc_rank(rows, docs)
        rows = ranked.sort(["_kind", "_q", "page"]).unique(
            subset=["agency_id", "year", "project"], keep="first", maintain_order=True
        ).drop("_kind", "_q")
    else:
        rows = rows.with_columns(pl.lit(None, dtype=pl.String).alias("doc_kind"))
    rows = rows.with_columns(
        pl.when(pl.col("exec_weight") > 0).then(pl.col("exec_score") / pl.col("exec_weight")).alias("exec_score_share"),
        exec_rate().alias("exec_rate"),
    )
    return rows


def with_exec_points(projects: pl.DataFrame) -> pl.DataFrame:
    """The projects with `exec_points`: execution score over its weight as printed ("9.55 / 10")."""
    def num(col: str) -> pl.Expr:
        return pl.col(col).round(2).cast(pl.String).str.replace(r"\.0$", "")

    return projects.with_columns(
        pl.when(pl.col("exec_score").is_not_null())
        .then(pl.concat_str([num("exec_score"), pl.lit(" / "), num("exec_weight").fill_null("—")]))
        .alias("exec_points")
    )


FUND_COLUMNS: tuple[str, ...] = tuple(PROJECT_FUND_SUMS)  # budget_initial, budget_full_year, executed
FUND_TOTAL = "total"  # fund_lines' last row: the project's own 年度资金总额 line


def fund_lines(project: dict[str, Any]) -> pl.DataFrame:
    """One project's funds by kind as its form prints them: a row per kind (`kind` fiscal / carried_over / other,
    fiscal.schema.FUND_KIND_LABELS names them) that prints a line, then the total (`kind` "total"), the columns
    budget_initial / budget_full_year / executed (万元). Empty when no line was read (a list's line, a form without
    lines, a lake written before the lines were stored)."""
    schema = {"kind": pl.String, **dict.fromkeys(FUND_COLUMNS, pl.Float64)}
    rows = [{"kind": kind, **{c: project.get(f"{c}_{kind}") for c in FUND_COLUMNS}} for kind in FUND_KINDS]
    rows = [r for r in rows if any(r[c] is not None for c in FUND_COLUMNS)]
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame([*rows, {"kind": FUND_TOTAL, **{c: project.get(c) for c in FUND_COLUMNS}}], schema=schema)


def attach_flag_counts(projects: pl.DataFrame, flags: pl.DataFrame | None) -> pl.DataFrame:
    """The projects with a `flags` column: how many flags name each (agency, year, project)."""
    counts = project_flag_counts(flags)
    out = projects.drop("flags") if "flags" in projects.columns else projects
    return out.join(counts, on=["agency_id", "year", "project"], how="left").with_columns(pl.col("flags").fill_null(0))


# The counts of the last few flag frames, by identity (a lake's flags are one frame per version and thresholds,
# passed again on every page run; holding it keeps its id from being reused).
_COUNTED: dict[int, tuple[pl.DataFrame, pl.DataFrame]] = {}
_COUNTED_MAX = 3
_COUNTED_MIN_FLAGS = 5000


def project_flag_counts(flags: pl.DataFrame | None) -> pl.DataFrame:
    """Flags per (agency_id, year, project)."""
    if flags is None or flags.height < _COUNTED_MIN_FLAGS:
        return _project_flag_counts(flags)
    got = _COUNTED.get(id(flags))
    if got is not None and got[0] is flags:
        return got[1]
    out = _project_flag_counts(flags)
    if len(_COUNTED) >= _COUNTED_MAX:
        del _COUNTED[next(iter(_COUNTED))]
    _COUNTED[id(flags)] = (flags, out)
    return out


def _project_flag_counts(flags: pl.DataFrame | None) -> pl.DataFrame:
    schema = {"agency_id": pl.String, "year": pl.Int32, "project": pl.String, "flags": pl.UInt32}
    if flags is None or flags.is_empty() or "project" not in flags.columns:
        return pl.DataFrame(schema=schema)
    return (
        flags.filter(pl.col("project").is_not_null())
        .group_by(pl.col("agency_id").cast(pl.String), pl.col("year").cast(pl.Int32), pl.col("project").cast(pl.String))
        .agg(pl.len().cast(pl.UInt32).alias("flags"))
    )


def indicators(lake: Path, doc_id: str, project: str) -> pl.DataFrame:
    """The indicators of one project of one document, in printed order, with the deviation of actual from target
    (read from the document's files once per lake version)."""
    return recent(lake, "indicators", (doc_id, project), lambda: _indicators(lake, doc_id, project))


def _indicators(lake: Path, doc_id: str, project: str) -> pl.DataFrame:
    rows = rows_of_docs(lake, "indicators", [doc_id]).filter(pl.col("project") == project)
    return rows.with_columns(
        pl.when(pl.col("target_value").is_not_null() & pl.col("actual_value").is_not_null())
        .then(pl.col("actual_value") - pl.col("target_value")).alias("deviation"),
        (pl.col("weight") - pl.col("score")).alias("points_lost"),
    ).sort("page")
