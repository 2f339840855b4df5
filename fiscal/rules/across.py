"""Rules across documents: a final account against the same agency-year's budget, and an
agency against its peers (same province, agency type and year)."""

from __future__ import annotations

import re

import polars as pl

from fiscal.consolidate import sangong_best
from fiscal.rules.engine import COMMON, EPS, Frames, emit, no_flags, pct, rule, wan
from fiscal.rules.labels import SANGONG_ITEMS
from fiscal.rules.lookups import dedup_lines, final_accounts, folded, kind_of, norm_name, printed_tolerance
from fiscal.rules.projects import project_rate
from fiscal.rules.sangong import sangong_series, yearly_growth

# Agency type by name suffix, first match wins (crude on purpose: peers are 局 with 局).
AGENCY_TYPES: tuple[tuple[str, str], ...] = (
    ("中心", "中心"), ("办公厅", "办公厅"), ("办公室", "办公室"), ("委员会", "委员会"), ("局", "局"), ("厅", "厅"),
    ("委", "委员会"), ("办", "办公室"), ("院", "院"), ("所", "所"), ("站", "站"), ("队", "队"), ("馆", "馆"),
    ("学校", "学校"), ("会", "会"), ("部", "部"),
)


def _budget_docs(frames: Frames) -> pl.DataFrame:
    return frames.documents.filter(pl.col("doc_kind") == "budget").select(
        pl.col("doc_id").alias("budget_doc_id"), "region_code", "agency_id", "year", "scope")


@rule("budget_final_mismatch", "warning",
      "决算引用的年初预算数与同一单位同年度部门预算不一致（三公预算数为全年调整后预算时仅作提示）")
def budget_final_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """决算 年初预算 (prose) vs the 预算 document's figures; 决算 三公 预算数 vs the 预算's 三公 (info)."""
    finals = final_accounts(frames)
    budgets = _budget_docs(frames)
    flags = []
    if budgets.is_empty() or finals.is_empty():
        return no_flags()
    # 三公: the final account's 预算数 vs the budget document's (best source per item)
    best = sangong_best(frames.sangong, kind_of(frames))
    planned = best.filter(pl.col("doc_kind") == "budget", pl.col("stage") == "budget").select(
        "agency_id", "year", "item", pl.col("amount").alias("_budget"), pl.col("doc_id").alias("_bdoc"),
        pl.col("page").alias("_bpage"))
    fin = frames.sangong.filter(pl.col("stage") == "budget", pl.col("source").fill_null("table") == "table").join(
        finals, on="doc_id").unique(["doc_id", "item"], keep="first")
    sg = fin.join(planned, on=["agency_id", "year", "item"]).filter((pl.col("amount") - pl.col("_budget")).abs() >= EPS)
    flags.append(emit(
        sg,
        lambda r: (f"决算“三公”经费表{SANGONG_ITEMS[r['item']]}预算数 {wan(r['amount'])} 万元，与 {r['year']} 年部门预算中的 "
                   f"{wan(r['_budget'])} 万元（第{r['_bpage']}页）不同；决算表的预算数可能是调整后的全年预算"),
        lambda r: {"item": r["item"], "final_account_budget": r["amount"], "budget_document": r["_budget"],
                   "budget_doc_id": r["_bdoc"], "budget_page": r["_bpage"]},
        lambda r: "info",
    ))
    # 年初预算 stated in the final account's prose vs the budget's 一般公共预算 expenditure (合计 and per 项)
    li = dedup_lines(frames.line_items).join(budgets, left_on="doc_id", right_on="budget_doc_id")
    gpb = li.filter(pl.col("table") == "gpb_expenditure", pl.col("measure") == "total")
    totals = gpb.filter(pl.col("key") == "").select(
        "agency_id", "year", pl.col("amount").alias("_budget"), pl.col("doc_id").alias("_bdoc"),
        pl.col("page").alias("_bpage"))
    items = gpb.filter(pl.col("key").str.len_chars() == 7)
    items = items.with_columns(folded("name").alias("_name"))
    items = items.filter(pl.len().over("doc_id", "_name") == 1).select(
        "agency_id", "year", "_name", pl.col("amount").alias("_budget"), pl.col("doc_id").alias("_bdoc"),
        pl.col("page").alias("_bpage"), pl.col("key").alias("_code"))
    nar = frames.narrative.join(finals, on="doc_id")
    total_nar = nar.filter(pl.col("key") == "fiscal_expenditure_initial").join(totals, on=["agency_id", "year"])
    item_nar = nar.filter(pl.col("key") == "initial_budget_item").with_columns(
        folded("value").alias("_name")).join(
        items, on=["agency_id", "year", "_name"])
    both = pl.concat([total_nar.with_columns(pl.lit(None, dtype=pl.String).alias("_code")), item_nar.drop("_name")],
                     how="diagonal_relaxed")
    both = both.filter((pl.col("amount") - pl.col("_budget")).abs() > pl.col("amount").map_elements(
        printed_tolerance, return_dtype=pl.Float64)) if both.height else both
    flags.append(emit(
        both,
        lambda r: (f"决算说明称{'一般公共预算财政拨款支出' if r['_code'] is None else '“' + r['value'] + '”'}年初预算为 "
                   f"{wan(r['amount'])} 万元（第{r['page']}页），{r['year']} 年部门预算中为 {wan(r['_budget'])} 万元"
                   f"（第{r['_bpage']}页）"),
        lambda r: {"final_account_initial_budget": r["amount"], "budget_document": r["_budget"], "code": r["_code"],
                   "budget_doc_id": r["_bdoc"], "budget_page": r["_bpage"], "text": r["text"]},
    ))
    return pl.concat(flags)


def agency_type(name: str | None) -> str:
    """A crude agency type from the name's suffix (局, 委员会, 中心 …)."""
    text = re.sub(r"[（(]?本级[)）]?$", "", norm_name(name))
    for suffix, kind in AGENCY_TYPES:
        if text.endswith(suffix):
            return kind
    return "其他"


_METRIC_LABELS = {"sangong_actual": "“三公”经费决算数（万元）", "sangong_growth": "“三公”经费决算增长率",
                  "exec_rate_mean": "项目平均预算执行率", "self_score_mean": "项目平均自评总分"}
_LOW_IS_ODD = {"exec_rate_mean"}


def _best_docs(docs: pl.DataFrame) -> pl.DataFrame:
    """Per agency-year, the one document agency-level rules count: department scope first, then latest."""
    return (docs.with_columns((pl.col("scope") != "department").cast(pl.Int8).alias("_unit"))
            .sort(["_unit", "ingested_at", "doc_id"], descending=[False, True, False], nulls_last=True)
            .unique(["agency_id", "year"], keep="first", maintain_order=True).drop("_unit"))


def _peer_metrics(frames: Frames) -> pl.DataFrame:
    """Per agency-year (department scope first), the values compared with peers."""
    cols = [*COMMON, "metric", "value"]
    out = []
    series = sangong_series(frames).filter(pl.col("series") == "actual")
    if series.height:
        out.append(series.select(*COMMON, pl.lit("sangong_actual").alias("metric"), pl.col("amount").alias("value")))
        out.append(yearly_growth(series).select(*COMMON, pl.lit("sangong_growth").alias("metric"),
                                                pl.col("_g").alias("value")))
    with_projects = frames.documents.join(frames.projects.select("doc_id").unique(), on="doc_id", how="semi")
    proj = project_rate(frames.projects).join(_best_docs(with_projects).select("doc_id"), on="doc_id")
    if proj.height:
        keys = ["doc_id", "region_code", "region", "agency_id", "agency", "year"]
        agg = proj.group_by(keys).agg(pl.col("page").min(), pl.col("_rate").mean().alias("exec_rate_mean"),
                                      pl.col("total_score").mean().alias("self_score_mean"))
        out.append(agg.unpivot(index=[*keys, "page"], on=["exec_rate_mean", "self_score_mean"], variable_name="metric")
                   .filter(pl.col("value").is_not_null()).select(cols))
    return pl.concat([df.select(cols) for df in out], how="vertical_relaxed") if out else pl.DataFrame(
        schema={**{c: frames.sangong.schema[c] for c in COMMON}, "metric": pl.String, "value": pl.Float64})


@rule("peer_outlier", "warning", "指标超出同省同类单位的四分位距上限（Q3 + 1.5×IQR；执行率看下限）",
      iqr_factor=1.5, min_peers=5)
def peer_outlier(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A value beyond its peers' IQR fence; peers = same province × agency type × year × metric, ≥ min_peers."""
    m = _peer_metrics(frames)
    if m.is_empty():
        return no_flags()
    m = m.with_columns(pl.col("region_code").str.slice(0, 2).alias("_province"),
                       pl.col("agency").map_elements(agency_type, return_dtype=pl.String).alias("_type"))
    peers = ["_province", "_type", "year", "metric"]
    stats = m.group_by(peers).agg(
        pl.len().alias("_n"), pl.col("value").quantile(0.25, "linear").alias("_q1"),
        pl.col("value").quantile(0.75, "linear").alias("_q3"), pl.col("value").median().alias("_median"))
    k = p["iqr_factor"]
    m = m.join(stats.filter(pl.col("_n") >= p["min_peers"]), on=peers).with_columns(
        (pl.col("_q3") + k * (pl.col("_q3") - pl.col("_q1"))).alias("_upper"),
        (pl.col("_q1") - k * (pl.col("_q3") - pl.col("_q1"))).alias("_lower"))
    low = pl.col("metric").is_in(list(_LOW_IS_ODD))
    beyond = pl.when(low).then(pl.col("value") < pl.col("_lower") - 1e-9).otherwise(
        pl.col("value") > pl.col("_upper") + 1e-9)
    hits = m.filter(beyond)

    def fmt(metric: str, x: float) -> str:
        return pct(x) if metric in ("sangong_growth", "exec_rate_mean") else f"{x:,.2f}"

    return emit(
        hits,
        lambda r: (f"{_METRIC_LABELS[r['metric']]}为 {fmt(r['metric'], r['value'])}，同省同类（{r['_type']}）{r['_n']} 个单位"
                   f"中位数 {fmt(r['metric'], r['_median'])}，"
                   + (f"低于下限 {fmt(r['metric'], r['_lower'])}" if r["metric"] in _LOW_IS_ODD
                      else f"超过上限 Q3+{k:g}×IQR = {fmt(r['metric'], r['_upper'])}")),
        lambda r: {"metric": r["metric"], "value": r["value"], "peers": r["_n"], "q1": r["_q1"], "q3": r["_q3"],
                   "median": r["_median"], "fence": r["_lower"] if r["metric"] in _LOW_IS_ODD else r["_upper"],
                   "agency_type": r["_type"], "province_code": r["_province"]},
    )
