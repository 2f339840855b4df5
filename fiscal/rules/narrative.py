"""Prose against tables: a figure the 情况说明 states against the table figure it describes
(same document, else the tables PDF of the same agency, year and kind)."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import polars as pl

from fiscal.rules.engine import (
    EPS,
    ROUNDING,
    Frames,
    emit,
    frame_of,
    rounding_severity,
    rule,
    wan,
    within,
)
from fiscal.rules.labels import NARRATIVE_LABELS
from fiscal.rules.lookups import (
    dedup_lines,
    economic_totals,
    summary_item,
    total_line,
)
from fiscal.rules.prose import sentences, with_previous
from fiscal.rules.prose_classes import Sections, bare_item_mismatches, class_mismatches
from fiscal.rules.prose_columns import (
    column_evidence,
    column_message,
    column_mismatches,
    prior_as_budget,
    prior_as_budget_message,
)
from fiscal.rules.prose_figures import NUMBER, stated_tolerance, to_wan
from fiscal.rules.prose_items import item_message, item_mismatches
from fiscal.rules.prose_parts import checks, part_evidence, part_message, part_rows
from fiscal.rules.prose_projects import (
    breakdown_message,
    breakdown_mismatches,
    closest_figure,
    form_figures,
    project_message,
    project_mismatches,
    projects_total_message,
    projects_total_mismatches,
)
from fiscal.rules.prose_years import earlier_year


def _table_values(frames: Frames) -> pl.DataFrame:
    """(doc_id, key, table amount, table page) for every figure a narrative key describes."""
    li = dedup_lines(frames.line_items)
    out = []
    for key, table, item in (("grand_total", "summary", "grand_total"), ("income_total", "summary", "income_total"),
                             ("expenditure_total", "summary", "expenditure_total"),
                             ("fiscal_grand_total", "fiscal_summary", "grand_total")):
        out.append(summary_item(frames, table, item).select("doc_id", pl.lit(key).alias("key"), "amount", "page"))
    out.append(_fiscal_income(frames))
    for key, table, measure in (("basic_total", "expenditure", "basic"), ("project_total", "expenditure", "project"),
                                ("fiscal_basic_total", "gpb_expenditure", "basic")):
        out.append(total_line(li, table, measure).select("doc_id", pl.lit(key).alias("key"), "amount", "page"))
    econ = economic_totals(frames)
    for key, name in (("personnel_total", "人员经费合计"), ("public_total", "公用经费合计")):
        e = econ.filter(pl.col("_name") == name).unique("doc_id", keep="first")
        out.append(e.select("doc_id", pl.lit(key).alias("key"), "amount", "page"))
    sg = frames.sangong.filter(pl.col("source").fill_null("table") == "table")
    sg = sg.unique(["doc_id", "stage", "item"], keep="first")
    out.append(sg.select("doc_id", pl.format("sangong_{}_{}", "item", "stage").alias("key"), "amount", "page"))
    return pl.concat(out, how="vertical_relaxed").rename({"amount": "table_amount", "page": "table_page"})


_FISCAL_FUNDS = ("fiscal_appropriation", "gov_fund_appropriation", "soe_appropriation")


def _fiscal_income(frames: Frames) -> pl.DataFrame:
    """财政拨款收入 per document: the 财政拨款收入支出总表's 本年收入合计, else the 总表's 财政拨款收入 line, else its
    three funds' lines added up (一般公共预算 + 政府性基金预算 + 国有资本经营预算财政拨款收入)."""
    funds = (frames.summary.filter(pl.col("table") == "summary", pl.col("item").is_in(list(_FISCAL_FUNDS)))
             .sort("page").unique(["doc_id", "item"], keep="first")
             .group_by("doc_id").agg(pl.col("amount").sum(), pl.col("page").min()))
    found = [summary_item(frames, "fiscal_summary", "income_total").select("doc_id", "amount", "page"),
             summary_item(frames, "summary", "fiscal_total").select("doc_id", "amount", "page"),
             funds.select("doc_id", pl.col("amount").cast(pl.Float64), pl.col("page").cast(pl.Int32))]
    first = pl.concat([f.with_columns(pl.lit(i).alias("_rank")) for i, f in enumerate(found)], how="vertical_relaxed")
    return (first.sort("_rank").unique("doc_id", keep="first")
            .select("doc_id", pl.lit("fiscal_income_total").alias("key"), "amount", "page"))


def _narrative_vs_tables(frames: Frames) -> pl.DataFrame:
    """Narrative figures joined with the table figure they describe: same document first, else a
    document of the same agency, year and kind (a narrative PDF published beside a tables PDF)."""
    nar = frames.narrative.filter(pl.col("amount").is_not_null(), pl.col("key").is_in(list(NARRATIVE_LABELS)))
    if nar.is_empty():
        return nar.with_columns(pl.lit(None, dtype=pl.Float64).alias("table_amount"),
                                pl.lit(None, dtype=pl.Int32).alias("table_page"),
                                pl.lit(None, dtype=pl.String).alias("table_doc_id"))
    values = _table_values(frames)
    group = frames.documents.select("doc_id", "doc_kind")
    same = nar.join(values, on=["doc_id", "key"]).with_columns(pl.col("doc_id").alias("table_doc_id"))
    rest = nar.join(values, on=["doc_id", "key"], how="anti").join(group, on="doc_id")
    sibling_values = values.join(group.join(frames.documents.select("doc_id", "region_code", "agency_id", "year"),
                                            on="doc_id"), on="doc_id").rename({"doc_id": "table_doc_id"})
    sib = (rest.join(sibling_values, on=["region_code", "agency_id", "year", "doc_kind", "key"])
           .filter(pl.col("table_doc_id") != pl.col("doc_id")).sort("table_doc_id")
           .unique(["doc_id", "key", "page", "amount"], keep="first").drop("doc_kind"))
    both = pl.concat([same, sib.select(same.columns)])
    if both.is_empty():
        return both
    whole = pl.struct("text", "amount").map_elements(lambda s: not _fragment(s["text"], s["amount"]),
                                                     return_dtype=pl.Boolean)
    return both.filter(whole)


# "461. 49 万元" / "461, 49 万元": a figure split by the text layer; read from its second half it is a misreading
_SPLIT = re.compile(r"\d[.,，．]\s+(\d+(?:\.\d+)?)\s*(亿元|万元|元)")


def _fragment(text: str | None, amount: float | None) -> bool:
    """Is the stated figure the tail of a number the text layer split ("461, 49 万元" read as 49 万元)?"""
    if not text or amount is None:
        return False
    text = unicodedata.normalize("NFKC", text)
    return any(abs(to_wan(m[1], m[2]) - amount) < EPS for m in _SPLIT.finditer(text))


def _off_by_10k(a: float, b: float, unit: str | None = None) -> bool:
    """Is prose figure a ≈ table figure b × 10⁴ or ÷ 10⁴ (元 written for 万元 or the reverse)?

    A prose figure printed in 元 was divided by 10⁴ and stored with 2 decimals, so it is
    compared at that precision (± 0.005 万元 = ± 50 元)."""
    if not a or not b:
        return False
    ratio = abs(a / b)
    if abs(ratio / 1e4 - 1) < 0.005 or abs(ratio * 1e4 - 1) < 0.005:
        return True
    return unit == "元" and abs(b) >= 1 and abs(a * 1e4 - b) <= 0.0051 * 1e4


_IN_YUAN = re.compile(NUMBER + r"\s*元")  # a number directly followed by 元 (not 万元, not 亿元)


def _yuan_for_wan(text: str | None, table: float | None, unit: str | None) -> bool:
    """The prose prints the table's 万元 figure with the unit 元 ("公务接待费支出决算为 2.22 元").

    Read from the printed number: converted to 万元 and kept with 2 decimals, such a figure is 0."""
    if unit != "元" or not text or not table or abs(table) < 0.01:
        return False
    printed = [float(m.group(1).replace(",", "")) for m in _IN_YUAN.finditer(text)]
    return any(abs(x - table) <= ROUNDING + 1e-9 for x in printed)


# The words that name a key figure again in a later sentence (NFKC-folded, no spaces).
_RESTATED: dict[str, str] = {
    "sangong_overseas": r"因公出国\(境\)费用?", "sangong_vehicle_total": r"公务用车购置(?:费)?及运行(?:维护)?费",
    "sangong_vehicle_purchase": r"公务用车购置费", "sangong_vehicle_operation": r"公务用车运行(?:维护)?费",
    "sangong_reception": r"公务接待费", "basic_total": r"基本支出", "project_total": r"项目支出",
    "personnel_total": r"人员经费", "public_total": r"公用经费",
}
_YUAN_AFTER = re.compile(r"^[^。;,，]{0,12}?(?P<stage>预算|决算)?[^。;,，\d]{0,6}?" + NUMBER + r"元")


def _restated_in_yuan(frames: Frames, compared: pl.DataFrame) -> pl.DataFrame:
    """Sentences that name a key figure and print its 万元 amount with 元 ("2、公务接待费支出决算为 2.22 元")."""
    sents = frames.narrative.filter(pl.col("key") == "sentence")
    if sents.is_empty() or compared.is_empty():
        return compared.clear()
    table = {(r["doc_id"], r["key"]): r for r in compared.iter_rows(named=True) if r["table_amount"]}
    out = []
    for s in sents.iter_rows(named=True):
        flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", s["text"] or ""))
        for base, words in _RESTATED.items():
            for m in re.finditer(words, flat):
                hit = _YUAN_AFTER.match(flat[m.end():])
                if not hit or earlier_year(flat[m.start():m.end() + hit.start(2)], s["year"] or 0):
                    continue  # 公务接待费上年决算数 2.22 元: last year's figure, not this year's restated
                printed = float(hit.group(2).replace(",", ""))
                stages = [hit["stage"]] if hit["stage"] else ["预算", "决算"]
                for stage in stages:
                    suffix = "_budget" if stage == "预算" else "_actual"
                    key = f"{base}{suffix}" if base.startswith("sangong") else base
                    ref = table.get((s["doc_id"], key))
                    same = ref is not None and abs(printed - ref["table_amount"]) <= ROUNDING + 1e-9
                    if ref and same and abs(ref["table_amount"]) >= 0.01:
                        out.append({**ref, "page": s["page"], "text": s["text"], "amount": printed / 1e4, "unit": "元"})
    return pl.DataFrame(out, schema=compared.schema) if out else compared.clear()


# A whole and its parts as the prose states them (基本支出 X 万元，其中：人员经费 Y 万元 … 公用经费 Z 万元).
_PARTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("personnel_total", "public_total"), ("basic_total", "fiscal_basic_total")),
    (("basic_total", "project_total"), ("expenditure_total",)),
    *((tuple(f"sangong_{i}_{s}" for i in ("overseas", "vehicle_total", "reception")), (f"sangong_total_{s}",))
      for s in ("budget", "actual")),
)


def _wholes(frames: Frames, compared: pl.DataFrame) -> dict[tuple[str, str], list[tuple[float, int | None]]]:
    """(doc_id, key) → the amounts a whole is printed with: its table figures and its prose figures in 万元."""
    out: dict[tuple[str, str], list[tuple[float, int | None]]] = {}
    for r in compared.iter_rows(named=True):
        if r["table_amount"] is not None:
            out.setdefault((r["doc_id"], r["key"]), []).append((r["table_amount"], r["table_page"]))
    for r in _table_values(frames).iter_rows(named=True):
        if r["table_amount"] is not None:
            out.setdefault((r["doc_id"], r["key"]), []).append((r["table_amount"], r["table_page"]))
    stated = frames.narrative.filter(pl.col("amount").is_not_null(), pl.col("unit") == "万元")
    for r in stated.iter_rows(named=True):
        out.setdefault((r["doc_id"], r["key"]), []).append((r["amount"], r["page"]))
    return out


def _parts_in_yuan(frames: Frames, compared: pl.DataFrame) -> list[dict[str, Any]]:
    """A part the prose prints with 元 whose printed number, read as 万元, completes its whole exactly
    ("基本支出 410.89 万元，其中：人员经费 380.76 万元 … 公用经费 30.13 元": 380.76 + 30.13 = 410.89)."""
    nar = frames.narrative.filter(pl.col("amount").is_not_null(), pl.col("key").is_in(list(NARRATIVE_LABELS)))
    if nar.is_empty():
        return []
    stated: dict[tuple[str, str], dict[str, Any]] = {}
    for r in nar.sort("page").iter_rows(named=True):  # each figure's first statement
        stated.setdefault((r["doc_id"], r["key"]), r)
    wholes = _wholes(frames, compared)
    out = []
    for doc_id in nar["doc_id"].unique(maintain_order=True).to_list():
        for parts, whole_keys in _PARTS:
            rows = [stated.get((doc_id, k)) for k in parts]
            if any(r is None for r in rows):
                continue
            for i, slip in enumerate(rows):
                assert slip is not None
                if slip["unit"] != "元":
                    continue
                others = [r for j, r in enumerate(rows) if j != i]
                if any(r is None or r["unit"] != "万元" for r in others):
                    continue
                rest = sum(r["amount"] for r in others if r is not None)
                for printed in (float(m.group(1).replace(",", "")) for m in _IN_YUAN.finditer(slip["text"] or "")):
                    whole = next(((k, a, pg) for k in whole_keys for a, pg in wholes.get((doc_id, k), [])
                                  if abs(rest + printed - a) <= ROUNDING * len(parts) + 1e-9
                                  and abs(rest + slip["amount"] - a) > ROUNDING * len(parts) + 1e-9), None)
                    if whole:
                        out.append({**slip, "_printed": printed, "_whole": whole[0], "_whole_amount": whole[1],
                                    "_whole_page": whole[2], "_others": json.dumps(
                                        [(r["key"], r["amount"]) for r in others if r is not None])})
                        break
    return out


def _parts_message(r: dict[str, Any]) -> str:
    others = "、".join(f"{NARRATIVE_LABELS[k]} {wan(a)} 万元" for k, a in json.loads(r["_others"]))
    return (f"情况说明称{NARRATIVE_LABELS[r['key']]}为 {r['_printed']:,.2f} 元（第{r['page']}页），"
            f"而按万元读它与{others}之和恰为{NARRATIVE_LABELS[r['_whole']]} {wan(r['_whole_amount'])} 万元"
            f"（第{r['_whole_page']}页），应为 {r['_printed']:,.2f} 万元，疑为元与万元混用")


@rule("narrative_table_mismatch", "error",
      "情况说明中的数字与其所说明的表格不一致（含自评报告与自评表、按科目列示的项目支出、基本支出实际支出数）",
      scope="agency_year", prose=True)
def narrative_table_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A prose figure differs from its table beyond the precision printed (within 0.01 → info)."""
    items = emit(
        frame_of(item_mismatches(frames) + class_mismatches(frames) + bare_item_mismatches(frames, Sections(frames))),
        item_message,
        lambda r: {"key": r["key"], "code": r["_code"], "item": r["value"], "narrative": r["amount"],
                   "table": r["table_amount"], "table_name": r["_table"], "table_page": r["table_page"],
                   "table_doc_id": r["table_doc_id"], "difference": r["_diff"], "text": r["text"]},
        lambda r: r["_sev"],
    )
    projects = emit(frame_of(project_mismatches(frames)), project_message,
                    lambda r: {"project": r["project"], "figures": json.loads(r["_diffs"]),
                               "table_page": r["table_page"], "text": r["text"]})
    # evidence keys the dashboard knows (pages/_zh_labels.py "evidence"); narrative/table: the closest pair
    totals = emit(frame_of(projects_total_mismatches(frames)), projects_total_message,
                  lambda r: {"n": r["_n"], "narrative": r["_stated"],
                             "table": closest_figure(r["_stated"], r["_sums"]), **form_figures(r["_sums"]),
                             "pages": json.loads(r["_pages"]), "clause": r["_clause"], "text": r["text"]})
    listed = emit(frame_of(breakdown_mismatches(frames)), breakdown_message,
                  lambda r: {"project": r["project"], "parts": [a for a, _ in json.loads(r["_listed"])],
                             "narrative": r["_total"], "table": closest_figure(r["_total"], r["_figures"]),
                             **form_figures(r["_figures"]), "table_page": r["table_page"],
                             "clause": json.loads(r["_listed"])[-1][1], "text": r["text"]})
    columns = emit(frame_of(column_mismatches(frames)), column_message, column_evidence)
    prior = emit(frame_of(prior_as_budget(frames)), prior_as_budget_message,
                 lambda r: {"本年": r["_this"], "上年": r["_prior"], "增减额": r["_change"], "clause": r["_clause"],
                            "text": r["text"]},
                 lambda r: "warning")  # a prior 决算 equal to this year's 年初预算 is possible, if unlikely
    parts = emit(frame_of(part_rows(frames, checks(frames, with_previous(sentences(frames))))), part_message,
                 part_evidence)
    return pl.concat([_key_figures(frames), items, projects, totals, listed, columns, prior, parts])


def _key_figures(frames: Frames) -> pl.DataFrame:
    rows = []
    for r in _narrative_vs_tables(frames).iter_rows(named=True):
        diff = round(r["amount"] - r["table_amount"], 2)
        if _off_by_10k(r["amount"], r["table_amount"], r["unit"]):
            continue  # unit_mismatch reports it
        sev = rounding_severity(diff, stated_tolerance(r["amount"], r["unit"]))
        if sev:
            rows.append({**r, "_diff": diff, "_sev": sev})
    return emit(
        frame_of(rows),
        lambda r: (f"情况说明称{NARRATIVE_LABELS[r['key']]}为 {wan(r['amount'])} 万元（第{r['page']}页），"
                   f"表中为 {wan(r['table_amount'])} 万元（第{r['table_page']}页）"
                   + within(r["_diff"], stated_tolerance(r["amount"], r["unit"]))),
        lambda r: {"key": r["key"], "narrative": r["amount"], "table": r["table_amount"], "table_page": r["table_page"],
                   "table_doc_id": r["table_doc_id"], "difference": r["_diff"], "text": r["text"]},
        lambda r: r["_sev"],
    )


@rule("unit_mismatch", "error",
      "情况说明与表格的同一数字相差一万倍，或标为“元”的分项按万元读才与其合计相符（元与万元混用）",
      scope="agency_year", prose=True)
def unit_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A prose figure is its table figure × 10⁴ or ÷ 10⁴ — or the table's 万元 figure printed with 元,
    in the first statement of a figure or in any later sentence that names it again."""
    df = _narrative_vs_tables(frames)
    hits = df.filter(pl.struct("amount", "table_amount", "unit", "text").map_elements(
        lambda s: _off_by_10k(s["amount"], s["table_amount"], s["unit"])
        or _yuan_for_wan(s["text"], s["table_amount"], s["unit"]), return_dtype=pl.Boolean)) if df.height else df
    if df.height:
        hits = pl.concat([hits, _restated_in_yuan(frames, df)], how="diagonal_relaxed")
    hits = hits.unique(["doc_id", "key", "page"], keep="first", maintain_order=True) if hits.height else hits
    seen = {(r["doc_id"], r["key"], r["page"]) for r in hits.iter_rows(named=True)} if hits.height else set()
    parts = [r for r in _parts_in_yuan(frames, df) if (r["doc_id"], r["key"], r["page"]) not in seen]
    completes = emit(
        frame_of(parts), _parts_message,
        lambda r: {"key": r["key"], "printed": r["_printed"], "unit_printed": r["unit"],
                   "total_item": NARRATIVE_LABELS[r["_whole"]], "total": r["_whole_amount"],
                   "table_page": r["_whole_page"],
                   "parts": [f"{NARRATIVE_LABELS[k]} {wan(a)}" for k, a in json.loads(r["_others"])],
                   "text": r["text"]},
    )
    return pl.concat([completes, emit(
        hits,
        lambda r: (f"情况说明第{r['page']}页称{NARRATIVE_LABELS[r['key']]}为 {r['amount']:,.4f} 万元"
                   f"（原文单位“{r['unit'] or ''}”），"
                   f"表中为 {wan(r['table_amount'])} 万元（第{r['table_page']}页），相差一万倍，疑为元与万元混用"),
        lambda r: {"key": r["key"], "narrative": r["amount"], "unit_printed": r["unit"], "table": r["table_amount"],
                   "table_page": r["table_page"], "ratio": r["amount"] / r["table_amount"], "text": r["text"]},
    )])
