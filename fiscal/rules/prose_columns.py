"""The 基本支出 / 项目支出 totals a self-evaluation report states ("2022 年度基本支出年初预算数 708.7 万元，…，
实际支出数 970.5 万元") against the column totals of the same document's expenditure tables; and a sentence
that names a figure 上年决算数 but computes its change against the 年初预算 from it. Used by
narrative_table_mismatch (fiscal/rules/narrative.py)."""

from __future__ import annotations

import json
import re
from typing import Any

import polars as pl

from fiscal.rules.engine import Frames, complete_rows, wan
from fiscal.rules.labels import MEASURE_LABELS, TABLE_LABELS
from fiscal.rules.lookups import PROSE_TABLES, dedup_lines, printed_tolerance
from fiscal.rules.prose import sentences
from fiscal.rules.prose_figures import DIGITS, NUMBER, to_wan

# the column's own total: at the start of a clause or after the year / the department, not "XX项目支出"
_COLUMN = re.compile(r"(?:^|(?<=[,;:。)])|(?<=\d年)|(?<=年度)|(?<=部门)|(?<=单位)|(?<=本级))(?P<col>基本支出|项目支出)"
                     r"(?P<gap>[^。;]{0,40}?)实际支出(?:数)?(?:为|是)?"
                     r"(?<![\d.,])(?P<num>" + DIGITS + r")(?P<unit>万元|元)")
_MEASURE = {"基本支出": "basic", "项目支出": "project"}


def _column_totals(frames: Frames) -> dict[tuple[str, str], list[tuple[str, float, int]]]:
    """(doc_id, measure) → (table, amount, page) of the 合计 line of each expenditure table, read `complete`."""
    li = dedup_lines(complete_rows(frames, "line_items"))
    lines = li.filter(pl.col("table").is_in(list(PROSE_TABLES)), pl.col("key") == "",
                      pl.col("measure").is_in(list(_MEASURE.values())), pl.col("amount").is_not_null())
    out: dict[tuple[str, str], list[tuple[str, float, int]]] = {}
    for r in lines.iter_rows(named=True):
        out.setdefault((r["doc_id"], r["measure"]), []).append((r["table"], r["amount"], r["page"]))
    return out


def column_mismatches(frames: Frames) -> list[dict[str, Any]]:
    """Each 基本支出 / 项目支出 实际支出数 of the prose that no expenditure table's column total gives."""
    totals = _column_totals(frames)
    if not totals:
        return []
    out = []
    for r in sentences(frames).iter_rows(named=True):
        for m in _COLUMN.finditer(r["_flat"] or ""):
            tables = totals.get((r["doc_id"], _MEASURE[m["col"]]))
            if not tables or "其中" in m["gap"]:
                continue
            stated = to_wan(m["num"], m["unit"])
            if any(abs(stated - a) <= printed_tolerance(stated) + 1e-9 for _, a, _ in tables):
                continue
            out.append({**{k: v for k, v in r.items() if not k.startswith("_")}, "project": None,
                        "_col": m["col"], "_stated": stated, "_clause": m[0],
                        "_tables": json.dumps(tables, ensure_ascii=False)})
    return out


def column_message(r: dict[str, Any]) -> str:
    """第29页称基本支出实际支出数 …，而支出表…"""
    tables = "、".join(f"{TABLE_LABELS.get(t, t)}（第{p}页）{MEASURE_LABELS.get(_MEASURE[r['_col']])}合计为 {a:,.2f}"
                       for t, a, p in json.loads(r["_tables"]))
    return (f"第{r['page']}页称{r['_col']}实际支出数 {r['_stated']:,.2f} 万元，而{tables} 万元，"
            f"均不相符：“{r['_clause']}”")


# 机关运行经费支出 97.99 万元，上年决算数 113.73 万元，比年初预算减少 15.74 万元
_NUMBER = NUMBER + r"万元"
_PRIOR_AS_BUDGET = re.compile(_NUMBER + r",上年(?:决算)?数?(?:为|是)?" + _NUMBER
                              + r",(?:比|较)(?:年初)?预算(?:数)?(增加|减少|增长|下降)了?" + _NUMBER)


def prior_as_budget(frames: Frames) -> list[dict[str, Any]]:
    """A sentence stating this year's figure X and 上年决算数 A whose change 比年初预算 is exactly X − A: the
    figure it calls last year's 决算 is the one it uses as this year's 年初预算 (one of the two is wrong)."""
    out = []
    for r in sentences(frames).iter_rows(named=True):
        for m in _PRIOR_AS_BUDGET.finditer(r["_flat"] or ""):
            this, prior, change = (float(m[i].replace(",", "")) for i in (1, 2, 4))
            signed = change if m[3] in ("增加", "增长") else -change
            if change and abs(this - prior - signed) <= printed_tolerance(change) + 1e-9:
                out.append({**{k: v for k, v in r.items() if not k.startswith("_")}, "project": None,
                            "_this": this, "_prior": prior, "_change": signed, "_clause": m[0]})
    return out


def prior_as_budget_message(r: dict[str, Any]) -> str:
    """第24页称上年决算数 …，又按它计算比年初预算的增减"""
    word = "增加" if r["_change"] > 0 else "减少"
    return (f"第{r['page']}页称上年决算数 {wan(r['_prior'])} 万元，又称比年初预算{word} {wan(abs(r['_change']))} 万元，"
            f"恰为本年 {wan(r['_this'])} 万元与该数之差：同一数字既作上年决算数又作年初预算数，其一有误："
            f"“{r['_clause']}”")


def column_evidence(r: dict[str, Any]) -> dict[str, Any]:
    """The evidence of a column flag: the table total nearest to the prose figure."""
    table, amount, page = min(json.loads(r["_tables"]), key=lambda t: abs(t[1] - r["_stated"]))
    return {"item": r["_col"], "narrative": r["_stated"], "table": amount, "table_name": TABLE_LABELS.get(table, table),
            "table_page": page, "clause": r["_clause"], "text": r["text"]}
