"""Spending: expenditure per agency-year, the 总览 tiles and the composition (类/款/项, 人员/公用)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import polars as pl

from fiscal.filters import Filters
from fiscal.read.counting import (
    AGENCY_YEAR,
    change,
    counted_documents,
    focus_year,
    of_docs,
    one_doc_each,
    whole_lake,
    with_doc_rank,
)
from fiscal.read.lake import reduced, selected_documents
from fiscal.read.projects import projects
from fiscal.read.recent import recent
from fiscal.read.reference import ECONOMIC_CLASSES, function_names
from fiscal.read.sangong import same_agencies, sangong_totals_of
from fiscal.thresholds import DEFAULT, Thresholds

# The agency columns a per-document reduction takes from its (linked) document.
AGENCY_COLUMNS: tuple[str, ...] = ("doc_id", "region_code", "region", "agency_id", "agency", "year")
# What the composition keeps of the counted lines (region_code, agency_id, year: the selection's filter).
FUNCTION_LINE_COLUMNS: tuple[str, ...] = ("region_code", "region", "agency_id", "agency", "year", "code", "name",
                                          "amount", "_leaf")
ECONOMIC_LINE_COLUMNS: tuple[str, ...] = ("region_code", "agency_id", "agency", "year", "code", "name", "group",
                                          "amount")

# ---------------------------------------------------------------- expenditure totals


def _doc_function_totals(lake: Path) -> pl.DataFrame:
    """Per document and measure, its functional-classification total (fiscal.reductions.function_totals)."""
    return reduced(lake, "line_items", "function_totals")


def _function_lines(lake: Path, docs: pl.DataFrame) -> pl.DataFrame:
    """The composition lines (fiscal.reductions.function_lines) that count: per agency-year one doc, agency columns
    from the documents."""
    lines = of_docs(reduced(lake, "line_items", "function_lines"), docs).collect()
    if lines.height == 0:
        return lines.join(docs.select(*AGENCY_COLUMNS).clear(), on="doc_id").select(*FUNCTION_LINE_COLUMNS)
    rows = lines.join(docs.select(*AGENCY_COLUMNS), on="doc_id", how="left")
    # what the composition reads: the lake-wide frame is held per version, one row per line (a million at
    # 100,000 documents), and the document and batch ids were most of its bytes
    return one_doc_each(rows, docs).select(*FUNCTION_LINE_COLUMNS)


def _doc_summary_totals(lake: Path) -> pl.DataFrame:
    """Per document, the 本年支出合计 of its 收入支出总表 and its page (fiscal.reductions.summary_total)."""
    return reduced(lake, "summary", "summary_total")


def expenditure_by_agency_year(lake: Path, f: Filters) -> pl.DataFrame:
    """Total expenditure per agency-year (one document each, 决算 before 预算), with its basic/project split.

    Sources, first found wins: 收入支出总表 本年支出合计; the 支出表 合计 line; the sum of its lines.
    """
    return whole_lake(lake, "expenditure", f, lambda docs: _expenditure(lake, docs))


def _expenditure(lake: Path, docs: pl.DataFrame) -> pl.DataFrame:
    """expenditure_by_agency_year over the counted documents `docs`."""
    cols = {"region_code": pl.String, "region": pl.String, "agency_id": pl.String, "agency": pl.String,
            "year": pl.Int32, "doc_id": pl.String, "doc_kind": pl.String, "total": pl.Float64,
            "basic": pl.Float64, "project": pl.Float64, "page": pl.Int32}
    if docs.is_empty():
        return pl.DataFrame(schema=cols)
    summary = of_docs(_doc_summary_totals(lake), docs).collect()
    totals = of_docs(_doc_function_totals(lake), docs).collect()
    split = (
        totals.filter(pl.col("measure").is_in(["total", "basic", "project"]))
        .pivot(on="measure", index="doc_id", values="amount", aggregate_function="first")
        if not totals.is_empty() else pl.DataFrame(schema={"doc_id": pl.String})
    )
    for m in ("total", "basic", "project"):
        if m not in split.columns:
            split = split.with_columns(pl.lit(None, dtype=pl.Float64).alias(m))
    candidates = docs.select("doc_id", "region_code", "region", "agency_id", "agency", "year", "doc_kind").join(
        summary, on="doc_id", how="left").join(split.rename({"total": "lines_total"}), on="doc_id", how="left")
    candidates = candidates.with_columns(
        pl.coalesce("summary_total", "lines_total").alias("total")
    ).filter(pl.col("total").is_not_null())
    if candidates.is_empty():
        return pl.DataFrame(schema=cols)
    best = with_doc_rank(candidates.drop("doc_kind"), docs).sort(["_kind", "_q"]).unique(
        subset=AGENCY_YEAR, keep="first", maintain_order=True)
    return best.select([pl.col(c).cast(t) for c, t in cols.items()]).sort(["year", "region_code", "agency"])


@dataclass(frozen=True)
class Overview:
    """The 总览 tiles of a selection for one year."""

    documents: int
    synthetic: int
    agencies: int
    regions: int
    years: list[int]
    kinds: dict[str, int]  # doc_kind → documents
    duplicates: int  # documents not counted (a unit beside its department, a second copy)
    expenditure_by_year: pl.DataFrame
    latest_year: int | None
    expenditure: float | None
    expenditure_basis: str | None  # actual | budget | mixed
    basic: float | None
    project: float | None
    expenditure_change: float | None  # like for like: the agencies present both years
    expenditure_change_agencies: int
    sangong_year: int | None
    sangong_actual: float | None
    sangong_budget: float | None
    project_years: list[int]
    projects: int
    projects_low_execution: int


def overview(lake: Path, f: Filters, year: int | None = None, thresholds: Thresholds = DEFAULT) -> Overview:
    """The 总览 tiles for `year` (default: focus_year): expenditure and its change, basic/project, 三公, projects."""
    base = recent(lake, "overview", (f.key(), year), lambda: _overview(lake, f, year))
    rate = thresholds.low_rate_for_high_score
    if rate == DEFAULT.low_rate_for_high_score:
        return base
    # only this tile reads the thresholds: a threshold tried on the flags page counts it again, not every tile
    return replace(base, projects_low_execution=_low_execution(projects(lake, f), rate))


def _low_execution(proj: pl.DataFrame, rate: float) -> int:
    """Projects executed below `rate` (high_total_low_execution's max_rate)."""
    return int(proj.filter(pl.col("exec_rate") < rate).height) if proj.height else 0


def _overview(lake: Path, f: Filters, year: int | None) -> Overview:
    sel = selected_documents(lake, f)
    docs = counted_documents(lake, f)
    out: dict[str, Any] = {
        "documents": sel.height,
        "synthetic": int(sel.get_column("synthetic").fill_null(False).sum()) if sel.height else 0,
        "agencies": sel.get_column("agency_id").n_unique() if sel.height else 0,
        "regions": sel.get_column("region_code").n_unique() if sel.height else 0,
        "years": sorted(sel.get_column("year").unique().drop_nulls().to_list()) if sel.height else [],
        "kinds": dict(sel.group_by("doc_kind").len().iter_rows()) if sel.height else {},
        "duplicates": sel.height - docs.height,
    }
    exp = expenditure_by_agency_year(lake, f)
    by_year = exp.group_by("year").agg(
        pl.col("total").sum(), pl.col("basic").sum(), pl.col("project").sum(),
        pl.col("agency_id").n_unique().alias("agencies"),
        (pl.col("doc_kind") == "final_account").all().alias("actuals"),
    ).sort("year")
    out["expenditure_by_year"] = by_year
    out["latest_year"] = year if year is not None else focus_year(by_year)
    if out["latest_year"] is not None and out["latest_year"] in by_year.get_column("year").to_list():
        y = out["latest_year"]
        cur = exp.filter(pl.col("year") == y)
        prev = exp.filter(pl.col("year") == y - 1)
        out["expenditure"] = float(cur.get_column("total").sum())
        kinds = set(cur.get_column("doc_kind").to_list())
        out["expenditure_basis"] = ("actual" if kinds == {"final_account"}
                                    else "budget" if "final_account" not in kinds else "mixed")
        out["basic"] = float(cur.get_column("basic").fill_null(0).sum())
        out["project"] = float(cur.get_column("project").fill_null(0).sum())
        # like for like: only agencies present in both years
        both = cur.join(prev.select("agency_id", pl.col("total").alias("prev")), on="agency_id", how="inner")
        out["expenditure_change"] = change(
            float(both.get_column("total").sum()) if both.height else None,
            float(both.get_column("prev").sum()) if both.height else None,
        )
        out["expenditure_change_agencies"] = both.height
    else:
        out.update(expenditure=None, expenditure_basis=None, basic=None, project=None, expenditure_change=None,
                   expenditure_change_agencies=0)
    totals = sangong_totals_of(lake, f)
    if totals.height:
        years = totals.get_column("year").unique().to_list()
        y = out["latest_year"] if out["latest_year"] in years else max(years)
        cur = totals.filter(pl.col("year") == y)
        actual = cur.filter(pl.col("stage") == "actual").get_column("amount")
        budget = cur.filter(pl.col("stage") == "budget").get_column("amount")
        out["sangong_year"] = y
        out["sangong_actual"] = float(actual.sum()) if actual.len() else None
        out["sangong_budget"] = float(budget.sum()) if budget.len() else None
    else:
        out.update(sangong_year=None, sangong_actual=None, sangong_budget=None)
    proj = projects(lake, f)
    out["project_years"] = sorted(proj.get_column("year").unique().to_list()) if proj.height else []
    out["projects"] = proj.height
    out["projects_low_execution"] = _low_execution(proj, DEFAULT.low_rate_for_high_score)
    return Overview(**out)


# ---------------------------------------------------------------- composition


@dataclass(frozen=True)
class Composition:
    """Spending composition of a selection."""

    tree: pl.DataFrame  # 类 → 款 → 项 leaves with amounts
    by_agency_class: pl.DataFrame  # per agency-year and 类: amount and share
    basic_project: pl.DataFrame  # per agency-year: 基本 / 项目 and the basic share
    economic_groups: pl.DataFrame  # per agency-year: 人员经费 / 公用经费
    economic_lines: pl.DataFrame  # economic 款 lines summed over the selection


def composition(lake: Path, f: Filters) -> Composition:
    """Spending composition: 类→款→项 leaves, per-agency 类 totals, basic/project and 人员/公用 per agency."""
    return recent(lake, "composition", f.key(), lambda: _composition(lake, f))


def _composition(lake: Path, f: Filters) -> Composition:
    rows = whole_lake(lake, "function_lines_counted", f, lambda docs: _function_lines(lake, docs))
    names = rows.group_by("code").agg(pl.col("name").drop_nulls().first())
    name_of = dict(names.iter_rows()) if names.height else {}

    def label(code: str | None) -> str | None:
        if code is None:
            return None
        name = name_of.get(code) or function_names().get(code)
        return f"{code} {name}" if name else code

    leaves = rows.filter(pl.col("_leaf"))
    tree = leaves.group_by("code").agg(pl.col("amount").sum()).with_columns(
        pl.col("code").str.slice(0, 3).map_elements(label, return_dtype=pl.String).alias("class"),
        pl.when(pl.col("code").str.len_chars() >= 5).then(pl.col("code").str.slice(0, 5))
        .map_elements(label, return_dtype=pl.String).alias("section"),
        pl.when(pl.col("code").str.len_chars() >= 7).then(pl.col("code"))
        .map_elements(label, return_dtype=pl.String).alias("item"),
    ).sort("code") if leaves.height else pl.DataFrame(
        schema={"code": pl.String, "amount": pl.Float64, "class": pl.String, "section": pl.String, "item": pl.String})
    by_agency_class = leaves.group_by("agency_id", "agency", "region", "year",
                                      pl.col("code").str.slice(0, 3).alias("class_code")).agg(
        pl.col("amount").sum()
    ).with_columns(
        pl.col("class_code").map_elements(label, return_dtype=pl.String).alias("class"),
        (pl.col("amount") / pl.col("amount").sum().over("agency_id", "year")).alias("share"),
    ).sort("agency", "year", "class_code") if leaves.height else pl.DataFrame(
        schema={"agency_id": pl.String, "agency": pl.String, "region": pl.String, "year": pl.Int32,
                "class_code": pl.String, "amount": pl.Float64, "class": pl.String, "share": pl.Float64})
    exp = expenditure_by_agency_year(lake, f)
    basic_project = exp.select(
        "agency_id", "agency", "region", "year", "doc_kind", "basic", "project", "total", "doc_id", "page"
    ).with_columns((pl.col("basic") / (pl.col("basic") + pl.col("project"))).alias("basic_share"))
    economic = economic_breakdown(lake, f)
    return Composition(tree, by_agency_class, basic_project, **economic)


def economic_breakdown(lake: Path, f: Filters) -> dict[str, pl.DataFrame]:
    """人员经费 vs 公用经费 per agency-year (类 lines) and the economic lines (款) summed over the selection."""
    def counted(docs: pl.DataFrame) -> pl.DataFrame:
        lines = of_docs(reduced(lake, "economic_items", "economic_lines"), docs).collect()
        # only what is read below: the frame is held per version, one row per line (ids were most of its bytes)
        return one_doc_each(lines.join(docs.select(*AGENCY_COLUMNS), on="doc_id"), docs).select(
            *ECONOMIC_LINE_COLUMNS)

    coded = whole_lake(lake, "economic_lines", f, counted)
    classes = coded.filter(pl.col("code").str.len_chars() == 3)
    groups = classes.group_by("agency_id", "agency", "year", "group").agg(pl.col("amount").sum()).sort(
        "agency", "year", "group")
    lines = coded.filter((pl.col("code").str.len_chars() == 5) & (pl.col("amount") > 0)).group_by("code", "group").agg(
        pl.col("name").first(), pl.col("amount").sum()
    ).with_columns(
        pl.col("code").str.slice(0, 3).replace_strict(ECONOMIC_CLASSES, default=pl.col("code").str.slice(0, 3))
        .alias("class")
    ).sort("amount", descending=True)
    return {"economic_groups": groups, "economic_lines": lines}


# ---------------------------------------------------------------- like for like


@dataclass(frozen=True)
class ExpenditureComparable:
    """Expenditure by year of the same agencies every year, one basis (决算 or 预算): what the 总览 chart draws."""

    kind: str | None  # final_account | budget; None when no agency has two consecutive years on one basis
    agencies: int
    by_year: pl.DataFrame  # year, total, basic, project, agencies


def expenditure_comparable(lake: Path, f: Filters) -> ExpenditureComparable:
    """Total expenditure per year over one set of agencies present in every year shown (sangong.same_agencies);
    kept for the selection (every overview run asks: nationally a pass over every agency-year of the lake)."""
    return recent(lake, "expenditure_comparable", f.key(), lambda: _expenditure_comparable(lake, f))


def _expenditure_comparable(lake: Path, f: Filters) -> ExpenditureComparable:
    exp = expenditure_by_agency_year(lake, f)
    kept, kind = same_agencies(exp, "doc_kind")
    by_year = kept.group_by("year").agg(
        pl.col("total").sum(), pl.col("basic").sum(), pl.col("project").sum(),
        pl.col("agency_id").n_unique().alias("agencies")).sort("year")
    return ExpenditureComparable(kind, kept.get_column("agency_id").n_unique() if kept.height else 0, by_year)


def expenditure_by_year_kind(lake: Path, f: Filters) -> pl.DataFrame:
    """Every agency's expenditure per year and document kind (决算 and 预算 never summed together), with counts
    (kept for the selection, as expenditure_comparable)."""
    return recent(lake, "expenditure_by_year_kind", f.key(), lambda: _expenditure_by_year_kind(lake, f))


def _expenditure_by_year_kind(lake: Path, f: Filters) -> pl.DataFrame:
    exp = expenditure_by_agency_year(lake, f)
    return exp.group_by("year", "doc_kind").agg(
        pl.col("total").sum(), pl.col("agency_id").n_unique().alias("agencies")).sort("year", "doc_kind")
