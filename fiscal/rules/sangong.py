"""“三公” rules: the total against its items, actual against budget, growth over the year before."""

from __future__ import annotations

import polars as pl

from fiscal.consolidate import sangong_best
from fiscal.rules.engine import (
    COMMON,
    EPS,
    ROUNDING,
    Frames,
    confident,
    emit,
    frame_of,
    on_page,
    pct,
    rounding_severity,
    rule,
    wan,
    within,
)
from fiscal.rules.labels import SANGONG_ITEMS, STAGES
from fiscal.rules.lookups import kind_of


def _sangong_wide(frames: Frames) -> pl.DataFrame:
    """One row per (document, stage, source) with an amount column per item; page of the 合计 row."""
    sg = frames.sangong.filter(pl.col("source").fill_null("table") != "prose_sum")
    if sg.is_empty():
        return pl.DataFrame(schema={**{c: frames.sangong.schema[c] for c in COMMON}, "stage": pl.String,
                                    "source": pl.String, **{i: pl.Float64 for i in SANGONG_ITEMS}})
    sg = sg.with_columns(pl.col("source").fill_null("table")).sort("page")
    index = ["doc_id", "region_code", "region", "agency_id", "agency", "year", "stage", "source"]
    wide = sg.pivot(on="item", index=index, values="amount", aggregate_function="first")
    pages = sg.group_by(index).agg(pl.col("page").min())
    out = wide.join(pages, on=index, nulls_equal=True)
    return out.with_columns(pl.lit(None, dtype=pl.Float64).alias(i) for i in SANGONG_ITEMS if i not in out.columns)


@rule("sangong_sum_mismatch", "error", "“三公”经费合计不等于分项之和（或公务用车小计不等于购置费+运行费）",
      scope="agency_year")
def sangong_sum_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """合计 ≠ 出国 + 车辆小计 (or 购置 + 运行, no 小计 printed) + 接待, or 小计 ≠ 购置 + 运行, beyond 0.01 per part
    (within → info)."""
    frames = confident(frames)
    checks = []
    for r in _sangong_wide(frames).iter_rows(named=True):
        # a table printing 购置费 | 运行费 under a merged 公务用车 header has no 小计: its 合计 closes over the two
        vehicle = ("vehicle_total",) if r["vehicle_total"] is not None else ("vehicle_purchase", "vehicle_operation")
        sums = (("total", ("overseas", *vehicle, "reception")),
                ("vehicle_total", ("vehicle_purchase", "vehicle_operation")))
        for total, parts in sums:
            if r[total] is None or any(r[x] is None for x in parts):
                continue
            diff = round(r[total] - sum(r[x] for x in parts), 2)
            sev = rounding_severity(diff, ROUNDING * len(parts))
            if sev:
                checks.append({**r, "_total": total, "_parts": parts, "_diff": diff, "_sev": sev})
    return emit(
        frame_of(checks),
        lambda r: (on_page(r) + ("情况说明所述“三公”经费" if r["source"] == "prose" else "“三公”经费表")
                   + f"{STAGES.get(r['stage'], r['stage'])}："
                   f"{SANGONG_ITEMS[r['_total']]} {wan(r[r['_total']])} 万元 ≠ "
                   + " + ".join(f"{SANGONG_ITEMS[x]} {wan(r[x])}" for x in r["_parts"])
                   + f" = {wan(round(sum(r[x] for x in r['_parts']), 2))}"
                   + within(r["_diff"], ROUNDING * len(r["_parts"]))),
        lambda r: {"stage": r["stage"], "total_item": r["_total"], "total": r[r["_total"]],
                   "parts": {x: r[x] for x in r["_parts"]}, "difference": r["_diff"]},
        lambda r: r["_sev"],
    )


def _open_totals(frames: Frames) -> pl.DataFrame:
    """(doc_id, source, item `total`) of the 三公 totals that do not close over their items (either stage) beyond
    rounding: the rows sangong_over_budget leaves to sangong_sum_mismatch."""
    keys: list[dict[str, str]] = []
    for r in _sangong_wide(frames).iter_rows(named=True):
        vehicle = ("vehicle_total",) if r["vehicle_total"] is not None else ("vehicle_purchase", "vehicle_operation")
        parts = ("overseas", *vehicle, "reception")
        if r["total"] is None or any(r[x] is None for x in parts):
            continue
        if abs(r["total"] - sum(r[x] for x in parts)) > ROUNDING * len(parts) + EPS:
            keys.append({"doc_id": r["doc_id"], "source": r["source"]})
    return pl.DataFrame(keys, schema={"doc_id": pl.String, "source": pl.String}).with_columns(
        item=pl.lit("total")).unique()


@rule("sangong_over_budget", "warning", "“三公”经费决算数超过预算数（合计或任一分项）", scope="agency_year")
def sangong_over_budget(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """actual > budget for the total or an item, within one document."""
    frames = confident(frames)
    sg = frames.sangong.with_columns(pl.col("source").fill_null("table")).filter(pl.col("source") != "prose_sum")
    keys = ["doc_id", "item", "source"]
    actual = sg.filter(pl.col("stage") == "actual").unique(keys, keep="first")
    budget = sg.filter(pl.col("stage") == "budget").unique(keys, keep="first").select(
        *keys, pl.col("amount").alias("_budget"), pl.col("page").alias("_budget_page"))
    df = actual.join(budget, on=keys, nulls_equal=True).filter(pl.col("amount") - pl.col("_budget") > EPS)
    # a 合计 that does not close over its items is a misprint sangong_sum_mismatch names: over budget by it is no
    # second finding (the items over budget still are)
    df = df.join(_open_totals(frames), on=["doc_id", "source", "item"], how="anti", nulls_equal=True) \
        if df.height else df
    return emit(
        df,
        lambda r: (on_page(r) + f"{SANGONG_ITEMS.get(r['item'], r['item'])}决算 {wan(r['amount'])} 万元"
                   f"超过预算 {wan(r['_budget'])} 万元（超出 {wan(r['amount'] - r['_budget'])} 万元"
                   + (f"；预算数在第{r['_budget_page']}页" if r["_budget_page"] not in (None, r["page"]) else "")
                   + "）"),
        lambda r: {"item": r["item"], "actual": r["amount"], "budget": r["_budget"], "budget_page": r["_budget_page"]},
    )


def sangong_series(frames: Frames) -> pl.DataFrame:
    """Per agency and year, the 三公 total counted (department scope first, table before prose):
    决算 actual where a final account exists, else 预算 budget from the budget document."""
    if frames.sangong.is_empty():
        return frames.sangong.with_columns(pl.lit(None, dtype=pl.String).alias("series"))
    best = sangong_best(frames.sangong, kind_of(frames)).filter(pl.col("item") == "total")
    actual = best.filter(pl.col("doc_kind") == "final_account", pl.col("stage") == "actual")
    planned = best.filter(pl.col("doc_kind") == "budget", pl.col("stage") == "budget")
    return pl.concat([actual.with_columns(series=pl.lit("actual")), planned.with_columns(series=pl.lit("budget"))])


def yearly_growth(series: pl.DataFrame) -> pl.DataFrame:
    """The rows of a `sangong_series` whose series had a positive total the year before, in a document of the
    same scope (a 部门 sums its units: a 部门 year after a 单位 year is not growth): _prev, _prev_doc, _prev_page
    of that year, and the growth _g."""
    on = ["agency_id", "series", "year", *(["scope"] if "scope" in series.columns else [])]
    prev = series.select(*on[:2], (pl.col("year") + 1).cast(pl.Int32).alias("year"), *on[3:],
                         pl.col("amount").alias("_prev"), pl.col("doc_id").alias("_prev_doc"),
                         pl.col("page").alias("_prev_page"))
    growth = (pl.col("amount") - pl.col("_prev")) / pl.col("_prev")
    joined = series.join(prev, on=on, nulls_equal=True)
    return joined.filter(pl.col("_prev") > 0).with_columns(growth.alias("_g"))


@rule("sangong_yoy_increase", "warning",
      "单位“三公”经费较上年增长超过阈值（决算数；只有预算的年份比较预算数）", max_growth=0.2, scope="agency",
      reads=("sangong",))
def sangong_yoy_increase(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """An agency's 三公 total (actual; budget series for budget-only years) rose > max_growth over the year before."""
    frames = confident(frames)
    df = yearly_growth(sangong_series(frames)).filter(pl.col("_g") > p["max_growth"] + 1e-9)
    return emit(
        df,
        lambda r: (on_page(r) + f"“三公”经费{STAGES['actual'] if r['series'] == 'actual' else STAGES['budget']}"
                   f"由 {r['year'] - 1} 年 {wan(r['_prev'])} 万元增至 {r['year']} 年 {wan(r['amount'])} 万元，"
                   f"增长 {pct(r['_g'])}"),
        lambda r: {"series": r["series"], "previous_year": r["year"] - 1, "previous": r["_prev"],
                   "current": r["amount"], "growth": round(r["_g"], 4), "previous_doc_id": r["_prev_doc"],
                   "previous_page": r["_prev_page"]},
    )
