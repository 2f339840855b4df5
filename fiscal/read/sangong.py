"""三公 figures that count, their totals, parts and trend."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from fiscal.filters import Filters
from fiscal.read.counting import change, focus_year, rows_of, whole_lake, with_doc_rank
from fiscal.read.lake import read
from fiscal.read.recent import recent

SANGONG_PARTS: tuple[str, ...] = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")


# ---------------------------------------------------------------- 三公


def sangong_rows(lake: Path, f: Filters) -> pl.DataFrame:
    """The 三公 figures that count: per agency, year, stage and item one row.

    A figure read with confidence (`checked`) beats one of a table read `partial`; then table
    figures beat prose (consolidate.sangong_best); a department report beats its units; an
    agency-year published as two PDFs counts once; a 决算's figures beat a 预算's for the same
    agency-year and stage. Rows of a `partial` table stay (their `reading` says so) where
    nothing better is printed: the trend leaves them out (`sangong_trend`).
    """
    return whole_lake(lake, "sangong", f, lambda docs: _sangong_counted(lake, docs))


def _sangong_counted(lake: Path, docs: pl.DataFrame) -> pl.DataFrame:
    """The 三公 figures that count, of the counted documents `docs`: a figure read with confidence (its table read
    `complete`, or stated in the prose) before one of a table read `partial`, whatever its source or document."""
    from fiscal.consolidate import sangong_best

    rows = rows_of(lake, "sangong", Filters(), docs) if docs.height else read(lake, "sangong").clear()
    if rows.is_empty():
        return rows.with_columns(pl.lit(None, dtype=pl.String).alias("doc_kind"))
    sure = checked(rows)
    best = pl.concat([sangong_best(rows.filter(sure), docs), sangong_best(rows.filter(~sure), docs)],
                     how="diagonal_relaxed")
    if "doc_kind" not in best.columns:
        best = best.join(docs.select("doc_id", "doc_kind"), on="doc_id", how="left")
    ranked = with_doc_rank(best.drop("doc_kind"), docs).with_columns((~checked(best)).alias("_unsure"))
    keys = ["agency_id", "year", "stage", "item"]
    return ranked.sort(["_unsure", "_kind", "_q", "page"]).unique(subset=keys, keep="first", maintain_order=True).drop(
        "_unsure", "_kind", "_q", *[c for c in ("scope",) if c in ranked.columns]
    ).sort("year", "agency", "stage", "item")


def checked(rows: pl.DataFrame) -> pl.Expr:
    """Whether a 三公 row was read with confidence: from a table read `complete` or from the prose (no `reading`:
    a lake written before readings were kept, taken as complete — as the rules take it)."""
    if "reading" not in rows.columns:
        return pl.lit(True)
    return pl.col("reading").is_null() | (pl.col("reading") == "complete")


def sangong_totals_of(lake: Path, f: Filters) -> pl.DataFrame:
    """The checked totals of `sangong_totals(sangong_rows(lake, f))` with region_code, kept per region like the rows (a
    total is one agency-year-stage's: the selection's totals are the whole lake's inside the selection). A total
    resting on a table read `partial` is left out: a sum over the selection adds only figures read with confidence."""
    totals = whole_lake(lake, "sangong_totals", f,
                        lambda docs: sangong_totals(_sangong_counted(lake, docs), with_region=True))
    return totals.filter(pl.col("checked"))


def sangong_totals(rows: pl.DataFrame, with_region: bool = False) -> pl.DataFrame:
    """Per agency, year and stage the 三公 total: the printed 合计, else the sum of its parts — 出国 + 公务用车 +
    接待, the 公务用车 as its 小计 or, with no 小计 printed, as 购置 + 运行 (`with_region`: and region_code, one per
    region name). `checked`: the total rests on figures read with confidence only (`checked`); a checked total
    (printed, else summed) before an unchecked one. doc_id and page: the document and first page it rests on."""
    region = ["region_code"] if with_region else []
    if rows.is_empty():
        return pl.DataFrame(schema={**{c: pl.String for c in region}, "agency_id": pl.String, "agency": pl.String,
                                    "region": pl.String, "year": pl.Int32, "stage": pl.String, "amount": pl.Float64,
                                    "checked": pl.Boolean, "doc_id": pl.String, "page": pl.Int32})
    keys = [*region, "agency_id", "agency", "region", "year", "stage"]
    rows = rows.with_columns(checked(rows).alias("checked"))
    where = [pl.col(c).first() if c == "doc_id" else pl.col(c).min() for c in ("doc_id", "page") if c in rows.columns]
    printed = rows.filter(pl.col("item") == "total").group_by(keys).agg(
        pl.col("amount").first(), pl.col("checked").first(), *where)
    subtotal = rows.filter(pl.col("item") == "vehicle_total").select(keys).unique()
    parts = pl.concat([
        rows.filter(pl.col("item").is_in(["overseas", "vehicle_total", "reception"])),
        # 购置 | 运行 with no 小计 printed: the 公务用车 is their sum (not left out of the total)
        rows.filter(pl.col("item").is_in(["vehicle_purchase", "vehicle_operation"])).join(
            subtotal, on=keys, how="anti", nulls_equal=True),
    ])
    summed = parts.group_by(keys).agg(pl.col("amount").sum(), pl.col("checked").all(), *where)
    order = pl.col("_printed").not_() + 2 * pl.col("checked").not_().cast(pl.Int8)
    out = pl.concat([printed.with_columns(pl.lit(True).alias("_printed")),
                     summed.with_columns(pl.lit(False).alias("_printed"))], how="diagonal_relaxed")
    return out.with_columns(order.cast(pl.Int8).alias("_s")).sort("_s").unique(subset=keys, keep="first").drop(
        "_s", "_printed").sort("year", "agency", "stage")


def _sangong_parts(rows: pl.DataFrame) -> pl.DataFrame:
    """Stackable parts per agency-year-stage: 出国, 购置, 运行, 接待 (an unsplit 公务用车 total stays as is)."""
    keys = ["agency_id", "agency", "year", "stage"]
    parts = rows.filter(pl.col("item").is_in(list(SANGONG_PARTS)))
    split = parts.filter(pl.col("item").is_in(["vehicle_purchase", "vehicle_operation"])).select(keys).unique()
    unsplit = rows.filter(pl.col("item") == "vehicle_total").join(split, on=keys, how="anti")
    cols = [*keys, "item", "amount"]
    return pl.concat([parts.select(cols), unsplit.select(cols)]).sort("year", "agency", "item")


@dataclass(frozen=True)
class SangongTrend:
    """三公 of a selection by year and agency."""

    rows: pl.DataFrame  # the counted figures (sangong_rows) read with confidence
    parts: pl.DataFrame  # stackable parts per agency-year (actual where published, else budget)
    by_agency: pl.DataFrame  # per agency-year: budget, actual, execution, value, yoy
    by_year: pl.DataFrame  # per year and stage: amount and agencies
    ranking: pl.DataFrame  # the focus year's agencies, largest first
    stage: str  # actual | budget | mixed
    latest_year: int | None
    statements: list[dict[str, Any]]  # the "较上年增长/下降" reading per year
    # agency-year-stage totals that rest on a table read `partial` (agency_id, agency, region, year, stage, amount,
    # doc_id, page): left out of every figure above, for the page to name — a misread figure is no trend
    unchecked: pl.DataFrame


def sangong_trend(lake: Path, f: Filters) -> SangongTrend:
    """三公 by year and agency: stacked parts, budget vs actual, execution, year-on-year change, ranking.

    `value` is an agency-year's actual (决算数) where published, else its budget; the
    year-on-year change only compares like with like (actual with actual, budget with budget).
    Only figures read with confidence are drawn, summed or ranked; an agency-year-stage whose
    total rests on a table read `partial` is listed in `unchecked` instead.
    """
    return recent(lake, "sangong_trend", f.key(), lambda: _sangong_trend(sangong_rows(lake, f)))


def _sangong_trend(counted: pl.DataFrame) -> SangongTrend:
    every = sangong_totals(counted)
    totals, unchecked = every.filter(pl.col("checked")), every.filter(~pl.col("checked")).drop("checked")
    rows = counted.filter(checked(counted)) if counted.height else counted
    parts = _sangong_parts(rows) if rows.height else pl.DataFrame(
        schema={"agency_id": pl.String, "agency": pl.String, "year": pl.Int32, "stage": pl.String,
                "item": pl.String, "amount": pl.Float64})
    with_actual = parts.filter(pl.col("stage") == "actual").select("agency_id", "year").unique()
    parts_value = pl.concat([
        parts.filter(pl.col("stage") == "actual"),
        parts.filter(pl.col("stage") == "budget").join(with_actual, on=["agency_id", "year"], how="anti"),
    ]).sort("year", "agency", "item")
    wide = totals.pivot(on="stage", index=["agency_id", "agency", "region", "year"], values="amount",
                        aggregate_function="first") if totals.height else pl.DataFrame(
        schema={"agency_id": pl.String, "agency": pl.String, "region": pl.String, "year": pl.Int32})
    for stage in ("budget", "actual"):
        if stage not in wide.columns:
            wide = wide.with_columns(pl.lit(None, dtype=pl.Float64).alias(stage))
    wide = wide.with_columns(
        pl.when(pl.col("budget") > 0).then(pl.col("actual") / pl.col("budget")).alias("execution"),
        pl.coalesce("actual", "budget").alias("value"),
        pl.when(pl.col("actual").is_not_null()).then(pl.lit("actual")).otherwise(pl.lit("budget")).alias("stage"),
    ).sort("agency_id", "year")
    if totals.height and "doc_id" in rows.columns:  # provenance: the document and page of the figure shown
        src = rows.filter(pl.col("item") == "total").sort(pl.col("stage") != "actual", "page").unique(
            subset=["agency_id", "year"], keep="first").select("agency_id", "year", "doc_id", "page")
        wide = wide.join(src, on=["agency_id", "year"], how="left")
    wide = wide.with_columns(
        pl.col("value").shift(1).over("agency_id", order_by="year").alias("prev_value"),
        pl.col("year").shift(1).over("agency_id", order_by="year").alias("prev_year"),
        pl.col("stage").shift(1).over("agency_id", order_by="year").alias("prev_stage"),
    ).with_columns(
        pl.when((pl.col("prev_year") == pl.col("year") - 1) & (pl.col("prev_stage") == pl.col("stage"))
                & (pl.col("prev_value") > 0))
        .then(pl.col("value") / pl.col("prev_value") - 1).alias("yoy"),
    ).sort("year", "agency")
    by_year = totals.group_by("year", "stage").agg(
        pl.col("amount").sum(), pl.col("agency_id").n_unique().alias("agencies")).sort("year", "stage")
    latest = focus_year(wide.filter(pl.col("value") > 0).group_by("year").agg(
        pl.col("agency_id").n_unique().alias("agencies"))) if wide.height else None
    ranking = wide.filter((pl.col("year") == latest) & (pl.col("value") > 0)).sort("value", descending=True) \
        if latest is not None else wide.clear()
    stages = set(wide.get_column("stage").to_list()) if wide.height else set()
    stage = "actual" if stages == {"actual"} else "budget" if stages == {"budget"} else "mixed"
    return SangongTrend(rows, parts_value, wide, by_year, ranking, stage, latest, _sangong_statements(wide),
                        unchecked.sort("year", "agency", "stage"))


def _sangong_statements(wide: pl.DataFrame) -> list[dict[str, Any]]:
    """The "较上年增长/下降" reading per year, over the agencies comparable with the year before. `agencies` counts
    those that spent (a total above 0); `zero`, those whose 三公 are all printed 0.00 or blank (无三公经费支出, e.g. a
    blank template): named apart, not counted as spending agencies."""
    out: list[dict[str, Any]] = []
    if wide.is_empty():
        return out
    for year in sorted(wide.get_column("year").unique().to_list()):
        cur = wide.filter((pl.col("year") == year) & pl.col("value").is_not_null())
        stages = set(cur.get_column("stage").to_list())
        both = cur.filter(pl.col("yoy").is_not_null())
        delta = change(float(both.get_column("value").sum()), float(both.get_column("prev_value").sum())) \
            if both.height else None
        zero = cur.filter(pl.col("value") == 0).height
        out.append({"year": year, "stage": stages.pop() if len(stages) == 1 else "mixed",
                    "amount": float(cur.get_column("value").sum()), "agencies": cur.height - zero, "zero": zero,
                    "change": delta, "comparable": both.height})
    return out


# ---------------------------------------------------------------- like for like


def same_agencies(rows: pl.DataFrame, basis: str) -> tuple[pl.DataFrame, str | None]:
    """The rows of one set of agencies present in every year of a run of years, on one basis (决算 or 预算).

    A year-over-year chart that adds a different set of agencies each year (or sums a budget
    with an actual) shows growth that is not there. Over every run of consecutive years
    (two or more) and every basis, the agencies with a figure in each year of the run are
    counted; the run covering the most agency-years wins (the later run of ties). Empty
    (basis None) when no agency has figures for two consecutive years on one basis.
    """
    if rows.is_empty():
        return rows, None
    years = sorted(rows.get_column("year").unique().to_list())
    present = rows.select("agency_id", "year", basis).unique()
    best: tuple[int, int, int, str] | None = None  # (agency-years, last year, first year, basis)
    best_ids: list[str] = []
    for i, first in enumerate(years):
        for last in years[i + 1:]:
            span = list(range(first, last + 1))
            if any(y not in years for y in span):
                break
            full = present.filter(pl.col("year").is_between(first, last)).group_by("agency_id", basis).agg(
                pl.len().alias("_n")).filter(pl.col("_n") == len(span))
            for value, ids in full.group_by(basis):
                key = (ids.height * len(span), last, first, str(value[0]))
                if best is None or key[:3] > best[:3]:
                    best, best_ids = key, ids.get_column("agency_id").to_list()
    if best is None:
        return rows.clear(), None
    _, last, first, chosen = best
    kept = rows.filter(pl.col("year").is_between(first, last) & (pl.col(basis) == chosen)
                       & pl.col("agency_id").is_in(pl.Series(best_ids, dtype=pl.String).implode()))
    return kept, chosen


@dataclass(frozen=True)
class SangongComparable:
    """三公 of the same agencies every year, on one stage: what the trend charts draw."""

    stage: str | None  # actual | budget; None when no agency spans every year
    agencies: int  # agencies in every bar
    parts: pl.DataFrame  # year, item, amount (those agencies, that stage)
    by_year: pl.DataFrame  # year, budget, actual, agencies: the same agencies with both figures every year


def sangong_comparable(lake: Path, f: Filters) -> SangongComparable:
    """The 三公 trend over the agencies present in every year of the selection, one stage throughout."""
    return recent(lake, "sangong_comparable", f.key(), lambda: _sangong_comparable(sangong_trend(lake, f)))


def _sangong_comparable(trend: SangongTrend) -> SangongComparable:
    """sangong_comparable of a trend."""
    value = trend.by_agency.filter(pl.col("value").is_not_null())
    kept, stage = same_agencies(value.select("agency_id", "year", "stage"), "stage")
    ids = kept.select("agency_id").unique()
    parts = trend.parts.join(kept.select("agency_id", "year", "stage"), on=["agency_id", "year", "stage"],
                             how="semi").group_by("year", "item").agg(pl.col("amount").sum()).sort("year", "item")
    paired = trend.by_agency.filter(pl.col("budget").is_not_null() & pl.col("actual").is_not_null())
    same, basis = same_agencies(paired.with_columns(pl.lit("both").alias("_basis")), "_basis")
    paired = same if basis is not None else paired  # one set of agencies in every bar, when there is one
    by_year = paired.group_by("year").agg(pl.col("budget").sum(), pl.col("actual").sum(),
                                          pl.col("agency_id").n_unique().alias("agencies")).sort("year")
    return SangongComparable(stage, ids.height, parts, by_year)
