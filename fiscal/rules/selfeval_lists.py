"""A project printed twice in one document — a line of its 自评结果汇总表 (family `selfeval_list`: one project a line)
and its own 项目支出绩效自评表 — whose two tables disagree on its score, execution rate, budget or execution: a
`cross_table_mismatch` (fiscal/rules/tables.py raises it).

The projects dataset does not say which table a row came from, so the shape of the rows does: a form carries an
execution weight (分值) or its indicators (on its page), a list line neither. A project pairs only when the document
prints exactly one list line and one form of its name (and their codes, if printed, agree). Figures are compared
within the rounding their printed precision allows (a list printing 98 for a form's 98.24 agrees); a list's 预算数
that is the form's 年初预算数 rather than its 全年预算数 is the list's choice of column, not a disagreement; a list
score of 0 or none is a column the list does not print; amounts 10,000 times apart are a unit one table was read in
wrongly (元 for 万元), not a disagreement.
"""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from fiscal.rules.engine import COMMON, Frames, emit, no_flags
from fiscal.rules.lookups import norm_name, printed_tolerance
from fiscal.rules.projects import _indicators_by_project

# (field, what the list prints, what the form prints, a rate: compared in percentage points)
FIGURES: tuple[tuple[str, str, str, bool], ...] = (
    ("total_score", "自评得分", "总分", False),
    ("exec_rate_reported", "执行率", "执行率", True),
    ("budget_full_year", "预算数", "全年预算数", False),
    ("executed", "执行数", "全年执行数", False),
)


def _differs(a: float | None, b: float | None, rate: bool) -> bool:
    """Two printed figures that no rounding of the coarser one makes equal (rates compared as printed: 92.35%)."""
    if a is None or b is None:
        return False
    scale = 100.0 if rate else 1.0
    x, y = a * scale, b * scale
    return abs(x - y) > max(printed_tolerance(abs(x)), printed_tolerance(abs(y))) + 1e-9


def _disagreements(line: dict[str, Any], form: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for field, list_label, form_label, rate in FIGURES:
        a, b = line.get(field), form.get(field)
        if field == "total_score" and not a:
            continue  # a list without a score column reads its blank cells as 0
        if not _differs(a, b, rate):
            continue
        if field == "budget_full_year" and not _differs(a, form.get("budget_initial"), rate):
            continue  # the list's 预算数 is the form's 年初预算数
        if not rate and a and b and any(abs(x / 10_000 - y) <= 0.001 * abs(y) + 0.01 for x, y in ((a, b), (b, a))):
            continue  # 元 read as 万元 in one of the tables (a unit line not read): a misreading, not the document's
        out.append({"figure": field, "list_label": list_label, "form_label": form_label, "list": a, "form": b,
                    "rate": rate})
    return out


def _text(x: float, rate: bool) -> str:
    return f"{x * 100:g}%" if rate else f"{x:,g}"


def list_form_flags(frames: Frames) -> pl.DataFrame:
    """One error flag per project whose list line and form disagree, on the list line's page; its evidence every
    figure that differs (both values) and both pages."""
    p = frames.projects
    if p.is_empty():
        return no_flags()
    carried = _indicators_by_project(frames)
    with_indicators = set() if carried.is_empty() else {
        (d, n, pg) for d, n, pg in carried.select("doc_id", "project", "form_page").unique().iter_rows()}
    lines: dict[tuple[str, str], list[dict[str, Any]]] = {}
    forms: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in p.iter_rows(named=True):
        if not r.get("project"):
            continue
        key = (r["doc_id"], norm_name(r["project"]))
        if r.get("exec_weight") is not None or (r["doc_id"], r["project"], r["page"]) in with_indicators:
            forms.setdefault(key, []).append(r)
        elif r.get("exec_score") is None:
            lines.setdefault(key, []).append(r)
    out = []
    for key, found in lines.items():
        if len(found) != 1 or len(forms.get(key, [])) != 1:
            continue  # two lines or two forms of one name: which is which is not known
        line, form = found[0], forms[key][0]
        codes = {c for c in (line.get("project_code"), form.get("project_code")) if c}
        if line["page"] == form["page"] or len(codes) > 1 or not (differ := _disagreements(line, form)):
            continue
        said = "，".join(f"{d['list_label']} {_text(d['list'], d['rate'])} ≠ {d['form_label']} "
                        f"{_text(d['form'], d['rate'])}" for d in differ)
        message = (f"第{line['page']}页自评结果汇总表与第{form['page']}页项目支出绩效自评表不一致："
                   f"项目“{line['project']}”{said}")
        evidence = {"check": "自评结果汇总表与项目支出绩效自评表", "first_page": line["page"],
                    "second_page": form["page"],
                    **{d["figure"]: {"list": d["list"], "form": d["form"]} for d in differ}}
        out.append({**{c: line[c] for c in COMMON}, "project": line["project"], "_message": message,
                    "_evidence": json.dumps(evidence, ensure_ascii=False)})
    if not out:
        return no_flags()
    return emit(pl.DataFrame(out), lambda r: r["_message"], lambda r: json.loads(r["_evidence"]),
                lambda r: "error")
