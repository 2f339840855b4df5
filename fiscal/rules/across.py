"""Rules across documents: a final account against the same agency-year's budget, and an
agency against its peers (same province, agency type and year)."""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from fiscal.consolidate import SOURCE_RANK
from fiscal.rules.engine import EPS, ROUNDING, Frames, emit, frame_of, no_flags, pct, rule, wan
from fiscal.rules.labels import SANGONG_ITEMS
from fiscal.rules.lookups import dedup_lines, folded, norm_name, printed_tolerance


def _paired(frames: Frames, kind: str, years_back: int = 0) -> pl.DataFrame:
    """Per document of `kind`: the budget documents of its agency `years_back` years before that it is compared
    with — those of its own scope (部门 with 部门, 单位 with 单位) when the lake holds one, else every one
    (a one-unit department may title either): doc_id, _bdoc. A 部门预算 sums its units, a 单位预算 only one."""
    docs = frames.documents.filter(pl.col("doc_kind") == kind).select(
        "doc_id", "agency_id", (pl.col("year") - years_back).cast(pl.Int32).alias("year"), "scope")
    budgets = frames.documents.filter(pl.col("doc_kind") == "budget").select(
        pl.col("doc_id").alias("_bdoc"), "agency_id", pl.col("year").cast(pl.Int32), pl.col("scope").alias("_bscope"))
    pairs = docs.join(budgets, on=["agency_id", "year"]).filter(pl.col("doc_id") != pl.col("_bdoc")).with_columns(
        (pl.col("scope") == pl.col("_bscope")).fill_null(False).alias("_same"))
    return pairs.filter(pl.col("_same") | ~pl.col("_same").any().over("doc_id")).select("doc_id", "_bdoc")


def _planned_sangong(frames: Frames) -> pl.DataFrame:
    """Per budget document and 三公 item, its 预算数 (a table's before the prose's): _bdoc, item, _budget, _bpage."""
    budgets = frames.documents.filter(pl.col("doc_kind") == "budget").select("doc_id")
    return (frames.sangong.filter(pl.col("stage") == "budget").join(budgets, on="doc_id")
            .with_columns(pl.col("source").fill_null("table").replace_strict(SOURCE_RANK, default=9).alias("_rank"))
            .sort(["_rank", "doc_id", "page"]).unique(["doc_id", "item"], keep="first", maintain_order=True)
            .select(pl.col("doc_id").alias("_bdoc"), "item", pl.col("amount").alias("_budget"),
                    pl.col("page").alias("_bpage")))


def _against_budget(df: pl.DataFrame, pairs: pl.DataFrame, planned: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Rows of a final account each joined to its paired budgets' 三公 item, one budget per row (`keys`)."""
    return (df.join(pairs, on="doc_id").join(planned, on=["_bdoc", "item"]).sort("_bdoc")
            .unique(keys, keep="first", maintain_order=True))


_PRIOR_KEYS: dict[str, str] = {"grand_total_prior": "收支预算总计", "basic_total_prior": "基本支出预算",
                               "project_total_prior": "项目支出预算"}


def _sangong_table_vs_budget(frames: Frames, pairs: pl.DataFrame, planned: pl.DataFrame) -> pl.DataFrame:
    """决算 三公 table 预算数 vs the budget document's 三公 (info: a 决算 table often prints the adjusted budget)."""
    fin = frames.sangong.filter(pl.col("stage") == "budget", pl.col("source").fill_null("table") == "table").unique(
        ["doc_id", "item"], keep="first")
    sg = _against_budget(fin, pairs, planned, ["doc_id", "item"]).filter(
        (pl.col("amount") - pl.col("_budget")).abs() >= EPS)
    return emit(
        sg,
        lambda r: (f"决算“三公”经费表{SANGONG_ITEMS[r['item']]}预算数 {wan(r['amount'])} 万元（第{r['page']}页），与 "
                   f"{r['year']} 年部门预算中的 {wan(r['_budget'])} 万元（第{r['_bpage']}页）不同；"
                   "决算表的预算数可能是调整后的全年预算"),
        lambda r: {"check": "sangong_table", "item": r["item"], "final_account_budget": r["amount"],
                   "budget_document": r["_budget"], "final_doc_id": r["doc_id"], "final_page": r["page"],
                   "budget_doc_id": r["_bdoc"], "budget_page": r["_bpage"]},
        lambda r: "info",
    )


def _sangong_prose_vs_budget(frames: Frames, pairs: pl.DataFrame, planned: pl.DataFrame) -> pl.DataFrame:
    """决算 prose “三公”经费…年初预算为 X vs the budget document's 三公 (warning when the prose says 年初预算)."""
    nar = frames.narrative.filter(pl.col("key").str.starts_with("sangong_"), pl.col("key").str.ends_with("_budget"),
                                  pl.col("amount").is_not_null())
    if nar.is_empty():
        return no_flags()
    nar = nar.with_columns(pl.col("key").str.strip_prefix("sangong_").str.strip_suffix("_budget").alias("item"))
    hits = _beyond_printing(_against_budget(nar, pairs, planned, ["doc_id", "key", "page", "amount"]))
    return emit(
        hits,
        lambda r: (f"决算说明称{SANGONG_ITEMS[r['item']]}{'年初' if '年初' in (r['text'] or '') else ''}预算为 "
                   f"{wan(r['amount'])} 万元（第{r['page']}页），{r['year']} 年部门预算中为 {wan(r['_budget'])} 万元"
                   f"（第{r['_bpage']}页）"),
        lambda r: {"check": "sangong_prose", "item": r["item"], "final_account_initial_budget": r["amount"],
                   "budget_document": r["_budget"], "final_doc_id": r["doc_id"], "final_page": r["page"],
                   "budget_doc_id": r["_bdoc"], "budget_page": r["_bpage"], "text": r["text"]},
        lambda r: None if "年初" in (r["text"] or "") else "info",
    )


def _beyond_printing(df: pl.DataFrame) -> pl.DataFrame:
    """Rows whose quoted `amount` and budget document's `_budget` differ by more than the quote's printed precision."""
    return df.filter((pl.col("amount") - pl.col("_budget")).abs()
                     > pl.col("amount").map_elements(printed_tolerance, return_dtype=pl.Float64))


_KUAN_XIANG = re.compile(r"(?P<kuan>[^()。;、,，\d]{1,30})\(款\)(?P<xiang>[^()。;]{1,40}?)\(项\)")


def _items_vs_budget(frames: Frames, pairs: pl.DataFrame) -> pl.DataFrame:
    """决算 prose 年初预算 (合计 and per 项) vs the paired budgets' 一般公共预算 expenditure lines. A 项 name printed
    under several 款 (行政运行) is matched by its 款 name too."""
    li = dedup_lines(frames.line_items).join(pairs.select(pl.col("_bdoc").alias("doc_id")).unique(), on="doc_id")
    gpb = li.filter(pl.col("table") == "gpb_expenditure", pl.col("measure") == "total")
    totals = gpb.filter(pl.col("key") == "").select(
        pl.col("amount").alias("_budget"), pl.col("doc_id").alias("_bdoc"), pl.col("page").alias("_bpage"))
    names = {(r["doc_id"], r["key"]): norm_name(r["name"]) for r in gpb.filter(
        pl.col("key").str.len_chars() == 5).iter_rows(named=True)}
    items = gpb.filter(pl.col("key").str.len_chars() == 7).select(
        folded("name").alias("_name"), pl.col("amount").alias("_budget"),
        pl.col("doc_id").alias("_bdoc"), pl.col("page").alias("_bpage"), pl.col("key").alias("_code"))
    nar = frames.narrative.join(pairs, on="doc_id")
    rows = []
    for r in nar.filter(pl.col("key") == "fiscal_expenditure_initial").join(totals, on="_bdoc").sort("_bdoc").unique(
            ["doc_id", "page", "amount"], keep="first", maintain_order=True).iter_rows(named=True):
        rows.append({**r, "_code": None})
    cand = nar.filter(pl.col("key") == "initial_budget_item").with_columns(folded("value").alias("_name")).join(
        items, on=["_bdoc", "_name"]).sort("_bdoc")
    for _, g in cand.group_by(["doc_id", "page", "value", "amount"], maintain_order=True):
        picks = g.unique("_code", keep="first", maintain_order=True).to_dicts()
        if len(picks) > 1:
            m = next((m for m in _KUAN_XIANG.finditer(picks[0]["text"] or "")
                      if norm_name(m["xiang"]) == picks[0]["_name"]), None)
            kuan = norm_name(m["kuan"]) if m else None
            picks = [c for c in picks if kuan and names.get((c["_bdoc"], c["_code"][:5])) == kuan]
            if len(picks) != 1:
                continue  # ambiguous: a 项 name under several 款 and no 款 to tell them apart
        rows.append(picks[0])
    both = frame_of(rows)
    if both.height:
        both = _beyond_printing(both)
    def message(r: dict[str, Any]) -> str:
        what = "一般公共预算财政拨款支出" if r["_code"] is None else f"“{r['value']}”（{r['_code']}）"
        return (f"决算说明称{what}年初预算为 {wan(r['amount'])} 万元（第{r['page']}页），"
                f"{r['year']} 年部门预算中为 {wan(r['_budget'])} 万元（第{r['_bpage']}页）")

    return emit(
        both,
        message,
        lambda r: {"check": "initial_budget", "final_account_initial_budget": r["amount"],
                   "budget_document": r["_budget"], "code": r["_code"], "final_doc_id": r["doc_id"],
                   "final_page": r["page"], "budget_doc_id": r["_bdoc"], "budget_page": r["_bpage"], "text": r["text"]},
    )


def _year_before_values(frames: Frames) -> pl.DataFrame:
    """Per budget document: its 收支总计 / 基本支出 / 项目支出 (prior key names), table first, else prose:
    doc_id, key, _value, _vpage, _vsource."""
    docs = frames.documents.filter(pl.col("doc_kind") == "budget").select("doc_id")
    s = frames.summary.join(docs, on="doc_id").filter(pl.col("table") == "summary")
    grand = (s.filter(pl.col("item").is_in(["grand_total", "income_total"]))
             .with_columns((pl.col("item") != "grand_total").cast(pl.Int8).alias("_o")).sort(["_o", "page"])
             .unique("doc_id", keep="first")
             .select("doc_id", pl.lit("grand_total_prior").alias("key"), "amount", "page"))
    li = dedup_lines(frames.line_items).join(docs, on="doc_id")
    lines = [li.filter(pl.col("table") == "expenditure", pl.col("key") == "", pl.col("measure") == m).select(
        "doc_id", pl.lit(f"{m}_total_prior").alias("key"), "amount", "page") for m in ("basic", "project")]
    tables = pl.concat([grand, *lines]).with_columns(pl.lit("table").alias("_vsource"))
    prose = frames.narrative.join(docs, on="doc_id").filter(
        pl.col("key").is_in(["grand_total", "basic_total", "project_total"]), pl.col("amount").is_not_null()).select(
        "doc_id", (pl.col("key") + "_prior").alias("key"), "amount", "page", pl.lit("prose").alias("_vsource"))
    both = pl.concat([tables, prose.filter(pl.col("_vsource").is_not_null())], how="vertical_relaxed")
    return both.rename({"amount": "_value", "page": "_vpage"})


def _prior_vs_year_before(frames: Frames) -> pl.DataFrame:
    """Year N+1's budget: the 上年 figure its prose implies (收支预算总计 X，与上年相比增加 Y → X − Y) vs year N's
    budget (tables first, else its prose); the agency-year N's documents are read together."""
    prior = frames.narrative.filter(pl.col("key").is_in(list(_PRIOR_KEYS)), pl.col("amount").is_not_null())
    if prior.is_empty():
        return no_flags()
    before = _year_before_values(frames).rename({"doc_id": "_bdoc"}).with_columns(
        (pl.col("_vsource") != "table").cast(pl.Int8).alias("_o"))
    hits = prior.join(_paired(frames, "budget", years_back=1), on="doc_id").join(before, on=["_bdoc", "key"]).sort(
        ["_o", "_bdoc", "_vpage"]).unique(["doc_id", "key", "page"], keep="first", maintain_order=True).filter(
        (pl.col("amount") - pl.col("_value")).abs() > 2 * ROUNDING + 1e-9)
    def message(r: dict[str, Any]) -> str:
        change = float(r["value"] or 0)
        source = "，表格" if r["_vsource"] == "table" else "，说明"
        return (f"{r['year']} 年部门预算称{_PRIOR_KEYS[r['key']]}比上年{'增加' if change >= 0 else '减少'} "
                f"{wan(abs(change))} 万元（第{r['page']}页），即上年为 {wan(r['amount'])} 万元；"
                f"{r['year'] - 1} 年部门预算中为 {wan(r['_value'])} 万元（第{r['_vpage']}页{source}）"
                f"（差 {r['amount'] - r['_value']:+,.2f}；上年数也可能按执行数计）")

    return emit(
        hits,
        message,
        lambda r: {"check": "prior_year", "key": r["key"], "implied_prior": r["amount"], "change": r["value"],
                   "year_before": r["_value"], "year_before_source": r["_vsource"], "budget_doc_id": r["doc_id"],
                   "budget_page": r["page"], "prior_doc_id": r["_bdoc"], "prior_page": r["_vpage"], "text": r["text"]},
    )


@rule("budget_final_mismatch", "warning",
      "决算引用的年初预算数（合计、各功能科目、“三公”经费）与同一单位同年度部门预算不一致，或次年部门预算所称“上年”数与上年部门预算不一致"
      "（三公预算数为全年调整后预算时仅作提示）", scope="agency", prose=True)
def budget_final_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """决算 年初预算 (prose: 合计, per 项, 三公) vs the 预算 document's figures; 决算 三公 table 预算数 vs the
    预算's 三公 (info); year N+1 预算's implied 上年 totals vs year N's 预算. Evidence names both documents
    and pages. (No parsed 决算 table keeps a 年初预算 column: the parsers read 决算 columns only.)"""
    if frames.documents.filter(pl.col("doc_kind") == "budget").is_empty():
        return no_flags()
    flags = [_prior_vs_year_before(frames)]
    pairs = _paired(frames, "final_account")
    if pairs.height:
        planned = _planned_sangong(frames)
        flags += [_sangong_table_vs_budget(frames, pairs, planned), _sangong_prose_vs_budget(frames, pairs, planned),
                  _items_vs_budget(frames, pairs)]
    return pl.concat(flags)


@rule("peer_outlier", "warning",
      "指标超出同省同类单位的四分位距上限（Q3 + 1.5×IQR；执行率看下限 Q1 − 1.5×IQR；"
      "IQR 小于中位数的 10% 时按 10% 计）："
      "人均“三公”经费、“三公”经费及其增长、项目平均执行率、平均自评分",
      iqr_factor=1.5, min_peers=5, scope="province")
def peer_outlier(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A value beyond its peers' IQR fence (`fiscal.peers.peer_comparison`); peers = same province ×
    agency type × year × metric, at least min_peers agency-years."""
    # here, not at the top: fiscal.peers reads rule frames, and importing fiscal.rules runs this module
    from fiscal.peers import LOW_IS_ODD, MIN_SPREAD, PEER_METRICS, peer_comparison

    k = p["iqr_factor"]
    hits = peer_comparison(frames, iqr_factor=k, min_peers=int(p["min_peers"])).filter(pl.col("outlier"))
    if hits.is_empty():
        return no_flags()

    def fmt(metric: str, x: float) -> str:
        if metric in ("sangong_growth", "exec_rate_mean"):
            return pct(x)
        return f"{x:,.3f}" if metric == "sangong_per_staff" else f"{x:,.2f}"

    def fence(r: dict[str, Any]) -> str:
        # the spread is the IQR unless the peers cluster (IQR below MIN_SPREAD of the median): then say so
        floor = r["q3"] - r["q1"] < MIN_SPREAD * abs(r["median"])
        spread = f"{k:g}×{MIN_SPREAD:.0%}×中位数" if floor else f"{k:g}×IQR"
        if r["metric"] in LOW_IS_ODD:
            return f"低于下限 Q1−{spread} = {fmt(r['metric'], r['fence'])}"
        return f"超过上限 Q3+{spread} = {fmt(r['metric'], r['fence'])}"

    return emit(
        hits,
        lambda r: (f"{PEER_METRICS[r['metric']]}为 {fmt(r['metric'], r['value'])}"
                   + (f"（{r['note']}）" if r["note"] else "")
                   + f"，同省同类（{r['peer_group']}）{r['peers']} 个单位中位数 {fmt(r['metric'], r['median'])}，"
                   + fence(r)),
        lambda r: {"metric": r["metric"], "value": r["value"], "peers": r["peers"], "q1": r["q1"], "q3": r["q3"],
                   "median": r["median"], "fence": r["fence"], "direction": r["direction"],
                   "agency_type": r["agency_type"], "peer_group": r["peer_group"], "note": r["note"]},
    )
