"""Reconciliations within a document: a printed total against its parts, and one quantity
printed in two tables (on table rows read `complete` only). The reading notes are in `reading`."""

from __future__ import annotations

from typing import Any

import polars as pl

from fiscal import income
from fiscal.rules.engine import (
    COMMON,
    EPS,
    ROUNDING,
    Frames,
    confident,
    emit,
    frame_of,
    no_flags,
    on_page,
    rounding_severity,
    rule,
    wan,
    within,
)
from fiscal.rules.labels import MEASURE_LABELS, SANGONG_ITEMS, STAGES, TABLE_LABELS
from fiscal.rules.lookups import (
    class_names,
    dedup_lines,
    economic_totals,
    folded,
    kind_of,
    norm_name,
    summary_item,
    total_line,
)
from fiscal.rules.prose_sums import prose_sum_checks
from fiscal.rules.selfeval_funds import fund_line_checks
from fiscal.rules.selfeval_lists import list_form_flags
from fiscal.schema import GOAL_LABELS, GOAL_SUMS


def _hierarchy_checks(li: pl.DataFrame) -> pl.DataFrame:
    """合计 vs Σ类, 类 vs Σ款, 款 vs Σ项 per (document, table, measure)."""
    coded = li.filter(pl.col("key") != "")
    parent = pl.when(pl.col("key").str.len_chars() == 3).then(pl.lit("")).otherwise(
        pl.col("key").str.slice(0, pl.col("key").str.len_chars() - 2))
    sums = (coded.filter(pl.col("key").str.len_chars().is_in([3, 5, 7])).with_columns(parent.alias("parent"))
            .group_by("doc_id", "table", "measure", "parent")
            .agg(pl.col("amount").sum().alias("parts"), pl.len().alias("n")))
    out = li.join(sums, left_on=["doc_id", "table", "measure", "key"],
                  right_on=["doc_id", "table", "measure", "parent"])
    table = pl.col("table").replace_strict(TABLE_LABELS, default=pl.col("table"))
    measure = pl.col("measure").replace_strict(MEASURE_LABELS, default=pl.col("measure"))
    what = (pl.when(pl.col("key") == "").then(pl.format("{}（{}）合计与各类之和", table, measure))
            .when(pl.col("key").str.len_chars() == 3)
            .then(pl.format("{}（{}）{} {}与各款之和", table, measure, "key", "name"))
            .otherwise(pl.format("{}（{}）{} {}与各项之和", table, measure, "key", "name")))
    return out.with_columns(what.alias("what"), pl.col("amount").alias("total"))


def _top_line_checks(li: pl.DataFrame) -> pl.DataFrame:
    """合计 vs Σ the lines under no printed line, in a table that prints no 类 line (项 lines only, their code
    parts in 类 | 款 | 项 columns; or 款 lines with their 项): the only sum such a table prints down a column."""
    keys = ["doc_id", "table", "measure"]
    length = pl.col("key").str.len_chars()
    lines = li.filter(length.is_in([5, 7])).join(li.filter(length == 3).select(keys).unique(), on=keys, how="anti")
    if lines.is_empty():
        return pl.DataFrame()
    sections = lines.filter(length == 5).select(*keys, pl.col("key").alias("_section"))
    orphans = (lines.filter(length == 7).with_columns(pl.col("key").str.slice(0, 5).alias("_section"))
               .join(sections, on=[*keys, "_section"], how="anti").drop("_section"))
    tops = pl.concat([lines.filter(length == 5), orphans], how="vertical_relaxed")
    sums = tops.group_by(keys).agg(pl.col("amount").fill_null(0).sum().alias("parts"), pl.len().alias("n"),
                                   (pl.col("key").str.len_chars() == 7).any().alias("_items"))
    table = pl.col("table").replace_strict(TABLE_LABELS, default=pl.col("table"))
    measure = pl.col("measure").replace_strict(MEASURE_LABELS, default=pl.col("measure"))
    what = pl.format("{}（{}）合计与{}之和", table, measure,
                     pl.when(pl.col("_items")).then(pl.lit("各项")).otherwise(pl.lit("各款")))
    return (li.filter(pl.col("key") == "", pl.col("amount").is_not_null()).join(sums, on=keys)
            .with_columns(what.alias("what"), pl.col("amount").alias("total")))


_SPENT = ("basic", "project", "reserve", "remit_superior", "operating", "affiliated_subsidy")
# 基本支出 printed only as its two parts (人员经费 | 公用经费, no 小计 column): those stand for `basic`
_SPENT_PARTS = ("personnel", "public", *_SPENT[1:])
_BASIC_PARTS = frozenset({"personnel", "public"})
# Per table: (columns a 合计 is the sum of, columns that must be printed for the check to apply); the first
# layout whose columns are printed applies.
_MEASURE_PARTS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "expenditure": ((_SPENT, frozenset({"basic", "project"})), (_SPENT_PARTS, _BASIC_PARTS)),
    "gpb_expenditure": ((("basic", "project"), frozenset({"basic", "project"})),
                        (("personnel", "public", "project"), _BASIC_PARTS),
                        (("current_year", "carried_over"), frozenset({"current_year"}))),
    "fiscal_expenditure": ((("basic", "project"), frozenset({"basic", "project"})),
                           (("personnel", "public", "project"), _BASIC_PARTS)),
    "gov_fund": ((_SPENT, frozenset({"basic", "project"})), (_SPENT_PARTS, _BASIC_PARTS)),
    "soe_capital": ((_SPENT, frozenset({"basic", "project"})), (_SPENT_PARTS, _BASIC_PARTS)),
    "income": ((("fiscal", "superior_subsidy", "business", "operating", "affiliated", "other"), frozenset({"fiscal"})),
               # unit_funds: 单位资金, one column for the unit's own money (预算管理一体化 部门收入总表)
               (("carried_over", "gpb", "gov_fund", "soe_capital", "special_account", "superior_subsidy", "business",
                 "operating", "affiliated", "other", "unit_funds"), frozenset({"gpb"}))),
}


def _measure_checks(li: pl.DataFrame) -> pl.DataFrame:
    """On each line: 合计 = 基本支出 + 项目支出 (+ other expenditure columns); income 合计 = Σ its sources."""
    m = li.filter(pl.col("table").is_in(list(_MEASURE_PARTS)))
    if m.is_empty():
        return pl.DataFrame()
    # per (document, table): the layout its printed columns match, and the part columns present (small loop)
    chosen = []
    for doc_id, table, printed in m.group_by("doc_id", "table", maintain_order=True).agg(
            pl.col("measure").unique()).iter_rows():
        printed = set(printed)
        layout = next(((parts, needed) for parts, needed in _MEASURE_PARTS[table] if needed <= printed), None)
        if layout is None or "total" not in printed:
            continue
        present = [x for x in layout[0] if x in printed]
        label = "、".join(MEASURE_LABELS.get(x, x) for x in present)
        chosen += [{"doc_id": doc_id, "table": table, "measure": x, "n": len(present), "label": label} for x in present]
    if not chosen:
        return pl.DataFrame()
    chosen_df = pl.DataFrame(chosen, schema={"doc_id": pl.String, "table": pl.String, "measure": pl.String,
                                             "n": pl.Int32, "label": pl.String})
    keys = ["doc_id", "table", "key"]
    first = m.unique([*keys, "measure"], keep="first", maintain_order=True)
    parts = (first.join(chosen_df, on=["doc_id", "table", "measure"])
             .group_by(keys).agg(pl.col("amount").fill_null(0).sum().alias("parts")))
    layouts = chosen_df.unique(["doc_id", "table"]).select("doc_id", "table", "n", "label")
    total_amount = first.filter(pl.col("measure") == "total", pl.col("amount").is_not_null()).select(
        *keys, pl.col("amount").alias("total"))
    totals = m.filter(pl.col("measure") == "total").select(*COMMON, "table", "key", "name")
    line = pl.concat_str([pl.col("key").replace("", "合计行"), pl.col("name").replace("合计", None)],
                         separator=" ", ignore_nulls=True)
    table_label = pl.col("table").replace_strict(TABLE_LABELS, default=pl.col("table"))
    what = pl.format("{} {}：合计与{}之和", table_label, line, pl.col("label"))
    return (total_amount.join(layouts, on=["doc_id", "table"])
            .join(parts, on=keys, how="left").with_columns(pl.col("parts").fill_null(0.0))
            .join(totals, on=keys)
            .select(*COMMON, "total", "parts", "n", what.alias("what")))


def _balance_checks(li: pl.DataFrame) -> pl.DataFrame:
    """On each line of a 政府性基金 / 国有资本经营 决算: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出
    (本年支出: its 合计, else 基本支出 + 项目支出)."""
    measures = ["opening", "income", "closing", "total", "basic", "project"]
    b = li.filter(pl.col("measure").is_in(measures))
    tables = (b.group_by("doc_id", "table").agg(pl.col("measure").unique().alias("_m"))
              .filter(pl.col("_m").list.set_intersection(["opening", "income", "closing"]).list.len() == 3,
                      pl.col("_m").list.contains("total")
                      | pl.col("_m").list.contains("basic") & pl.col("_m").list.contains("project")))
    if tables.is_empty():
        return pl.DataFrame()
    keys = ["doc_id", "table", "key"]
    wide = (b.join(tables.select("doc_id", "table"), on=["doc_id", "table"])
            .pivot(on="measure", index=keys, values="amount", aggregate_function="first"))
    wide = wide.with_columns(*(pl.lit(None, dtype=pl.Float64).alias(m) for m in measures if m not in wide.columns))
    spent = pl.coalesce(pl.col("total"), pl.col("basic").fill_null(0) + pl.col("project").fill_null(0))
    checked = (wide.filter(pl.any_horizontal(pl.col(m).is_not_null() for m in ("opening", "income", "closing")))
               .select(*keys, pl.col("closing").fill_null(0).alias("total"),
                       (pl.col("opening").fill_null(0) + pl.col("income").fill_null(0) - spent).alias("parts")))
    lines = li.filter(pl.col("measure") == "closing").select(*COMMON, "table", "key", "name")
    line = pl.concat_str([pl.col("key").replace("", "合计行"), pl.col("name").replace("合计", None)],
                         separator=" ", ignore_nulls=True)
    table_label = pl.col("table").replace_strict(TABLE_LABELS, default=pl.col("table"))
    what = pl.format("{} {}：年末结转和结余与年初结转和结余+本年收入-本年支出", table_label, line)
    return checked.join(lines, on=keys).select(*COMMON, "total", "parts", pl.lit(3).alias("n"), what.alias("what"))


def _summary_checks(frames: Frames) -> pl.DataFrame:
    """总计 = 本年收入 + 年初结转 (+ 非财政拨款结余); 总计 = 本年支出 + 年末结转 (+ 结余分配);
    本年支出合计 = Σ 功能分类（类） lines of the 总表."""
    s = frames.summary.sort("page", maintain_order=True)
    first = s.unique(["doc_id", "table", "item"], keep="first", maintain_order=True)
    rows = []
    by_doc: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for r in first.iter_rows(named=True):
        by_doc.setdefault((r["doc_id"], r["table"]), {})[r["item"]] = r
    printed: dict[tuple[str, str], list[dict[str, Any]]] = {}  # every line, in printed order
    for r in s.select("doc_id", "table", "item", "label", "amount").iter_rows(named=True):
        printed.setdefault((r["doc_id"], r["table"]), []).append(r)
    classes = class_names()
    # the 功能分类（类） lines of each (document, table), grouped once (not filtered per document)
    fn_lines = s.filter(pl.col("item") == "function_class").filter(folded("label").is_in(classes))
    fn_of = {key: g for key, g in fn_lines.group_by(["doc_id", "table"], maintain_order=True)}
    for (doc_id, table), items in by_doc.items():
        for total, parts in (("grand_total", ("income_total", "opening_balance", "non_fiscal_balance_used")),
                             ("grand_total_expenditure",
                              ("expenditure_total", "closing_balance", "balance_distribution"))):
            if total in items and parts[0] in items:
                got = [items[x]["amount"] for x in parts if x in items]
                rows.append({**items[total], "what": f"{TABLE_LABELS.get(table, table)} {items[total]['label']}（"
                             + ("收入" if total == "grand_total" else "支出") + "方）与本年合计、结转结余之和",
                             "total": items[total]["amount"], "parts": sum(got), "n": len(got)})
        if found := income.check(printed[(doc_id, table)], {k: r["amount"] for k, r in items.items()}, ROUNDING):
            rows.append({**items[found[0]], "what": f"{TABLE_LABELS.get(table, table)} {found[1]}",
                         "total": items[found[0]]["amount"], "parts": sum(found[2]), "n": len(found[2])})
        fn = fn_of.get((doc_id, table))
        if "expenditure_total" in items and fn is not None and fn.height:
            fn = fn.unique("label", keep="first")
            rows.append({**items["expenditure_total"],
                         "what": f"{TABLE_LABELS.get(table, table)} 本年支出合计与各功能分类（类）之和",
                         "total": items["expenditure_total"]["amount"], "parts": fn["amount"].sum(), "n": fn.height})
    return frame_of(rows)


def _economic_checks(frames: Frames) -> pl.DataFrame:
    """人员经费合计 / 公用经费合计 / 合计 vs Σ 类; 类 vs Σ 款 in the basic-expenditure table."""
    e = frames.economic_items.sort("page")
    rows = []
    for (_doc_id,), g in e.group_by(["doc_id"], maintain_order=True):
        lines = g.filter(pl.col("code").is_not_null()).unique("code", keep="first", maintain_order=True)
        coded = {r["code"]: r for r in lines.iter_rows(named=True)}
        classes = [c for c in coded if len(c) == 3]
        for r in g.filter(pl.col("code").is_null()).iter_rows(named=True):
            name = norm_name(r["name"])
            if name in ("人员经费合计", "公用经费合计"):
                group = "personnel" if name.startswith("人员") else "public"
                parts = [coded[c]["amount"] for c in classes if coded[c]["group"] == group]
            elif name == "合计":
                parts = [coded[c]["amount"] for c in classes]
            else:
                continue
            if parts:
                rows.append({**r, "what": f"基本支出经济分类表 {r['name']}与各类之和", "total": r["amount"],
                             "parts": sum(parts), "n": len(parts)})
        for c in classes:
            kids = [coded[k]["amount"] for k in coded if len(k) == 5 and k.startswith(c)]
            if kids:
                rows.append({**coded[c], "what": f"基本支出经济分类表 {c} {coded[c]['name']}与各款之和",
                             "total": coded[c]["amount"], "parts": sum(kids), "n": len(kids)})
    return frame_of(rows)


def _goal_checks(frames: Frames) -> pl.DataFrame:
    """项目绩效目标表: 年度资金申请总额 = 当年财政拨款 + 上年结转 + 其他资金; 项目资金总额 = 财政资金 + 其他资金."""
    rows = []
    for r in frames.project_goals.iter_rows(named=True):
        for total, parts in GOAL_SUMS.items():
            printed = [r[x] for x in parts if r[x] is not None]
            if r[total] is not None and printed:
                rows.append({**r, "what": f"项目绩效目标表 {r['project'] or ''}：{GOAL_LABELS[total]}与其中各项之和",
                             "total": r[total], "parts": sum(printed), "n": len(printed)})
    return frame_of(rows)


@rule("totals_mismatch", "error", "表内合计不等于各组成部分之和（合计/类/款/项；基本支出+项目支出；年末结转和结余；"
      "经济分类；项目绩效目标表资金总额；绩效自评表年度资金总额与其中各项），或文中政府采购金额、车辆数不等于其分项之和",
      rounding=ROUNDING, scope="agency_year")
def totals_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A printed total ≠ the sum of its printed parts beyond rounding per part (within → info)."""
    frames = confident(frames)
    li = dedup_lines(frames.line_items)
    found = (_hierarchy_checks(li), _top_line_checks(li), _measure_checks(li), _balance_checks(li),
             _summary_checks(frames), _economic_checks(frames), _goal_checks(frames), fund_line_checks(frames),
             prose_sum_checks(frames))
    parts = [df for df in found if not df.is_empty()]
    if not parts:
        return no_flags()
    cols = [*COMMON, "what", "total", "parts", "n"]
    # a check of a project's figures (a self-evaluation form, a 绩效目标表) names its project (the flag's `project`)
    checks = pl.concat([df.select(*cols, pl.col("project") if "project" in df.columns else
                                  pl.lit(None, pl.String).alias("project")) for df in parts], how="vertical_relaxed")
    checks = checks.with_columns((pl.col("total") - pl.col("parts")).round(2).alias("diff"),
                                 (pl.col("n") * p["rounding"]).alias("tol")).filter(pl.col("diff").abs() >= EPS)
    beyond = checks.filter(pl.col("diff").abs() > pl.col("tol") + 1e-9)
    errors = emit(
        beyond,
        lambda r: (on_page(r)
                   + f"{r['what']}：合计 {wan(r['total'])} ≠ 分项之和 {wan(r['parts'])}（差 {r['diff']:+,.2f}）"),
        lambda r: {"check": r["what"], "total": r["total"], "sum_of_parts": round(r["parts"], 2), "parts": r["n"],
                   "difference": r["diff"], "tolerance": round(r["tol"], 2)},
    )
    return pl.concat([errors, _rounding_notes(checks.filter(pl.col("diff").abs() <= pl.col("tol") + 1e-9))])


def _rounding_notes(checks: pl.DataFrame) -> pl.DataFrame:
    """One info note per document and page for the sums that differ only within 尾数误差."""
    if checks.is_empty():
        return no_flags()
    notes = checks.sort("what").group_by(COMMON, maintain_order=True).agg(
        pl.struct("what", "total", "parts", "diff").alias("_checks"), pl.col("diff").abs().max().alias("_max"))
    return emit(
        notes,
        lambda r: (f"第{r['page']}页有 {len(r['_checks'])} 处合计与分项之和相差不超过 {r['_max']:.2f} 万元，"
                   "属尾数误差："
                   + "；".join(f"{c['what']}（合计 {c['total']:,.2f}，分项之和 {c['parts']:,.2f}）"
                              for c in r["_checks"][:3])
                   + ("……" if len(r["_checks"]) > 3 else "")),
        lambda r: {"checks": [{"check": c["what"], "total": c["total"], "sum_of_parts": round(c["parts"], 2),
                               "difference": c["diff"]} for c in r["_checks"]]},
        lambda r: "info",
    )


def _line_total(li: pl.DataFrame, table: str) -> pl.DataFrame:
    """doc_id → the 合计 line of a table (amount, page)."""
    return total_line(li, table).select("doc_id", pl.col("amount").alias("b"), pl.col("page").alias("b_page"))


def _summary_total(frames: Frames, table: str, item: str) -> pl.DataFrame:
    """A total of a 总表 per document (amount as a)."""
    return summary_item(frames, table, item).select(*COMMON, pl.col("amount").alias("a"))


def _cross_pairs(frames: Frames) -> list[pl.DataFrame]:
    """(a, b) pairs of one quantity printed in two tables of a document, with labels."""
    li = dedup_lines(frames.line_items)
    pairs = []
    for item, table, label in (("expenditure_total", "expenditure", "总表本年支出合计与支出表合计"),
                               ("income_total", "income", "总表本年收入合计与收入表合计")):
        pairs.append(_summary_total(frames, "summary", item).join(_line_total(li, table), on="doc_id")
                     .with_columns(what=pl.lit(label)))
    fiscal = _summary_total(frames, "fiscal_summary", "expenditure_total")
    gpb = _line_total(li, "gpb_expenditure")
    other_funds = (li.filter(pl.col("table").is_in(["gov_fund", "soe_capital"]), pl.col("key") == "",
                             pl.col("measure") == "total")
                   .group_by("doc_id").agg(pl.col("amount").sum().alias("_other")))
    pairs.append(fiscal.join(gpb, on="doc_id").join(other_funds, on="doc_id", how="left")
                 .with_columns(pl.col("b") + pl.col("_other").fill_null(0), what=pl.lit(
                     "财政拨款收支总表本年支出合计与一般公共预算、政府性基金、国有资本经营预算财政拨款支出表合计之和")))
    # 总表 功能分类（类） lines vs the 类 lines of the expenditure table, by name
    for table, lines in (("summary", "expenditure"), ("fiscal_summary", "gpb_expenditure")):
        s = (frames.summary.filter(pl.col("table") == table, pl.col("item") == "function_class").sort("page")
             .with_columns(folded("label").alias("_name")).unique(["doc_id", "_name"], keep="first"))
        t = li.filter(pl.col("table") == lines, pl.col("key").str.len_chars() == 3, pl.col("measure") == "total")
        t = t.with_columns(folded("name").alias("_name")).select(
            "doc_id", "_name", pl.col("amount").alias("b"), pl.col("page").alias("b_page"))
        pairs.append(s.select(*COMMON, "_name", pl.col("amount").alias("a")).join(t, on=["doc_id", "_name"])
                     .with_columns(
                         what=pl.format(f"{TABLE_LABELS[table]} {{}}与{TABLE_LABELS[lines]}同名类", "_name")))
    # 基本支出: 一般公共预算财政拨款支出表 vs 基本支出经济分类表
    econ = economic_totals(frames)
    econ_total = pl.concat([
        econ.filter(pl.col("_name").is_in(["人员经费合计", "公用经费合计"])).group_by("doc_id").agg(
            pl.col("amount").sum().alias("b"), pl.col("page").max().alias("b_page"), pl.len().alias("_n"))
        .filter(pl.col("_n") == 2).drop("_n"),
        econ.filter(pl.col("_name") == "合计").group_by("doc_id").agg(pl.col("amount").first().alias("b"),
                                                                    pl.col("page").first().alias("b_page")),
    ]).unique("doc_id", keep="first")
    gpb_basic = total_line(li, "gpb_expenditure", "basic").select(*COMMON, pl.col("amount").alias("a"))
    pairs.append(gpb_basic.join(econ_total, on="doc_id").with_columns(
        what=pl.lit("一般公共预算财政拨款支出表基本支出合计与基本支出经济分类表人员经费、公用经费之和")))
    return [df.select(*COMMON, "what", "a", "b", "b_page") for df in pairs if not df.is_empty()]


_SANGONG_ECONOMIC = {"reception": "30217", "vehicle_operation": "30231", "overseas": "30212",
                     "vehicle_purchase": "31013"}


def _sangong_vs_economic(frames: Frames) -> pl.DataFrame:
    """A 基本支出 economic line (e.g. 30217 公务接待费) larger than its 三公 figure beyond rounding: a final
    account's 三公 决算数, a budget's 三公 预算数 (the 三公 table covers 基本 and 项目支出, the economic table 基本
    only; a budget's 三公 table shows this year's budget, a final account's also the budget it was given)."""
    kinds = kind_of(frames).select("doc_id", "doc_kind")
    own = ((pl.col("doc_kind") == "final_account") & (pl.col("stage") == "actual")
           | (pl.col("doc_kind") == "budget") & (pl.col("stage") == "budget"))
    sg = (frames.sangong.filter(pl.col("source").fill_null("table") == "table")
          .join(kinds, on="doc_id").filter(own).unique(["doc_id", "item"], keep="first")
          .with_columns(pl.col("item").replace_strict(_SANGONG_ECONOMIC, default=None).alias("code"))
          .filter(pl.col("code").is_not_null()))
    econ = frames.economic_items.filter(pl.col("code").is_in(list(_SANGONG_ECONOMIC.values()))).unique(
        ["doc_id", "code"], keep="first").select("doc_id", "code", pl.col("name").alias("_econ_name"),
                                                 pl.col("amount").alias("_econ"), pl.col("page").alias("_econ_page"))
    return sg.join(econ, on=["doc_id", "code"]).filter(pl.col("_econ") - pl.col("amount") > ROUNDING + 1e-9)


@rule("cross_table_mismatch", "error", "同一数字在同一文件的两张表中不一致（如总表支出合计与支出表合计；"
      "基本支出经济分类中的公务接待费大于“三公”表公务接待费）", rounding=ROUNDING, scope="agency_year")
def cross_table_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """Equal quantities in two tables differ beyond rounding (error; within → info); 三公 vs 经济分类 → warning."""
    frames = confident(frames)
    pairs = _cross_pairs(frames)
    eq = pl.concat(pairs, how="vertical_relaxed") if pairs else pl.DataFrame()
    if not eq.is_empty():
        eq = eq.with_columns((pl.col("a") - pl.col("b")).round(2).alias("diff")).filter(pl.col("diff").abs() >= EPS)
    flags = [emit(
        eq,
        lambda r: (on_page(r) + f"{r['what']}：{wan(r['a'])} ≠ {wan(r['b'])}（第{r['b_page']}页）"
                   + within(r["diff"], p["rounding"])),
        lambda r: {"check": r["what"], "first": r["a"], "second": r["b"], "second_page": r["b_page"],
                   "difference": r["diff"]},
        lambda r: rounding_severity(r["diff"], p["rounding"]),
    )]
    sg = _sangong_vs_economic(frames)
    flags.append(emit(
        sg,
        lambda r: (f"基本支出经济分类表 {r['code']} {r['_econ_name']} {wan(r['_econ'])} 万元（第{r['_econ_page']}页）"
                   f"大于“三公”经费表{SANGONG_ITEMS[r['item']]}{STAGES[r['stage']]} {wan(r['amount'])} 万元"
                   f"（{on_page(r)}），"
                   "而“三公”经费应包含基本支出中的该项"),
        lambda r: {"item": r["item"], "stage": r["stage"], "sangong": r["amount"], "economic_code": r["code"],
                   "economic_amount": r["_econ"], "economic_page": r["_econ_page"]},
        lambda r: "warning",
    ))
    flags.append(list_form_flags(frames))  # a 自评结果汇总表 line against its project's own 项目支出绩效自评表
    return pl.concat(flags)
