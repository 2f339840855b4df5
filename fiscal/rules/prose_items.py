"""Figures the prose states for one 项 of the 功能分类 ("2080505 机关事业单位基本养老保险缴费支出 42.47 万元",
"社会保障和就业支出（类）行政事业单位养老支出（款）…（项）支出决算为 …") against the 项's lines in the
document's expenditure tables (or its sibling tables PDF). Used by narrative_table_mismatch
(fiscal/rules/narrative.py)."""

from __future__ import annotations

from typing import Any

import polars as pl

from fiscal.rules.engine import EPS, Frames, complete_rows, rounding_severity, wan, within
from fiscal.rules.labels import TABLE_LABELS
from fiscal.rules.lookups import PROSE_TABLES, national_codes, norm_name, printed_tolerance
from fiscal.rules.prose_classes import COLUMN_WORDS, Sections

ITEM_KEYS = {"item_amount": "", "item_planned": "预算安排", "item_actual": "支出决算", "class_amount": ""}


def _function_lines(frames: Frames) -> pl.DataFrame:
    """The 功能分类 lines (合计 column) of the expenditure tables, read with confidence."""
    li = complete_rows(frames, "line_items")
    return li.filter(pl.col("table").is_in(list(PROSE_TABLES)), pl.col("code").is_not_null(),
                     pl.col("amount").is_not_null())


def _resolve(value: str, names: dict[str, set[str]]) -> str | None:
    """The one 项 code a "code|类|款|项" statement denotes among the document's lines (None: unsure)."""
    code, cls, kuan, item = (value.split("|") + ["", "", "", ""])[:4]
    if len(code) == 7:
        return code if code in names else None

    def called(c: str, name: str, tail: bool = False) -> bool:
        known = names.get(c, set()) | {norm_name(n) for n in national_codes().get(c, ())}
        name = norm_name(name)
        # a 类/款 name read from running text may carry the end of a heading before it
        return name in known or (tail and any(len(k) >= 2 and name.endswith(k) for k in known))
    found = {c for c in names if len(c) == 7 and called(c, item)
             and (not kuan or called(c[:5], kuan, True)) and (not cls or called(c[:3], cls, True))}
    return found.pop() if len(found) == 1 else None


def item_mismatches(frames: Frames) -> list[dict[str, Any]]:
    """Each figure the prose states for a 项 that no expenditure table of the document prints for that 项."""
    nar = frames.narrative.filter(pl.col("key").is_in(list(ITEM_KEYS)), pl.col("amount").is_not_null())
    if nar.is_empty():
        return []
    lines = _function_lines(frames)
    docs = frames.documents.select("doc_id", "region_code", "agency_id", "year", "doc_kind")
    out, sections = [], Sections(frames)
    for (doc_id,), stated in nar.group_by(["doc_id"], maintain_order=True):
        own = lines.filter(pl.col("doc_id") == doc_id)
        if own.is_empty():  # a narrative PDF published beside its tables PDF
            me = docs.filter(pl.col("doc_id") == doc_id)
            if me.is_empty():
                continue
            sib = docs.join(me.drop("doc_id"), on=["region_code", "agency_id", "year", "doc_kind"])
            own = lines.filter(pl.col("doc_id").is_in(sib["doc_id"].to_list()))
        names: dict[str, set[str]] = {}
        for c, n in own.select("code", "name").iter_rows():
            names.setdefault(c, set()).add(norm_name(n))
        for r in stated.iter_rows(named=True):
            code = _resolve(r["value"] or "", names)
            if code is None:
                continue
            printed = own.filter(pl.col("code") == code).sort("page")
            # the 项's total, or a column its own words or its heading name (项目支出 50.6 万元)
            said = (r["text"] or "") + sections.heading_of(doc_id, r["page"], r["text"])
            named = [m for m, words in COLUMN_WORDS.items() if any(w in said for w in words)]
            allowed = printed.filter(pl.col("measure").is_in(["total", *named]) | ~pl.col("measure").is_in(
                list(COLUMN_WORDS)))
            if any(abs(r["amount"] - a) < EPS for a in allowed["amount"]):
                continue
            totals = printed.filter(pl.col("measure") == "total")
            diffs = [(round(r["amount"] - t["amount"], 2), t) for t in totals.iter_rows(named=True)]
            if not diffs:
                continue
            diff, t = min(diffs, key=lambda x: abs(x[0]))
            sev = rounding_severity(diff, printed_tolerance(r["amount"]))
            if sev:
                out.append({**r, "_code": code, "_diff": diff, "_sev": sev, "_table": t["table"],
                            "table_amount": t["amount"], "table_page": t["page"], "table_doc_id": t["doc_id"]})
    return out


def item_message(r: dict[str, Any]) -> str:
    _, cls, kuan, item = (r["value"].split("|") + ["", "", "", ""])[:4]
    path = "".join(f"{n}（{lvl}）" for n, lvl in ((cls, "类"), (kuan, "款"), (item, "项")) if n)
    return (f"情况说明第{r['page']}页称{path}{ITEM_KEYS[r['key']]}为 {wan(r['amount'])} 万元，"
            f"{TABLE_LABELS.get(r['_table'], r['_table'])}（第{r['table_page']}页）{r['_code']} "
            f"为 {wan(r['table_amount'])} 万元"
            + within(r["_diff"], printed_tolerance(r["amount"])))
