"""功能分类 类 figures stated in the prose ("支出包括：社会保障和就业支出 408.99 万元、卫生健康支出 17.8 万元")
against the 类 rows (3-digit codes) of the document's tables, matched by the class name the document
prints (or its national name). Used by narrative_table_mismatch (fiscal/rules/narrative.py)."""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from fiscal.rules.engine import EPS, Frames, complete_rows, rounding_severity
from fiscal.rules.lookups import national_codes, norm_name, printed_tolerance
from fiscal.rules.prose import sentences
from fiscal.rules.prose_figures import to_wan

_AFTER = r"(?:\((?:\d{3})?类\))?(?:支出)?(?:合计)?(?:为|:)?(\d[\d,]*(?:\.\d+)?)(万元|元)(?![\d%])"
# a change, or a figure of another year: not the class's figure of this document
_NOT_THIS = re.compile(r"增加|减少|增长|下降|上年|去年|同期|其中")
_CLASS_TABLES = ("gpb_expenditure", "expenditure", "fiscal_expenditure")


def _class_lines(frames: Frames) -> pl.DataFrame:
    """Every 功能分类 类 row (3-digit code) the document's tables print, any column (read with confidence)."""
    li = complete_rows(frames, "line_items")
    return li.filter(pl.col("code").str.len_chars() == 3, pl.col("amount").is_not_null())


def _pattern(names: dict[str, str]) -> re.Pattern[str] | None:
    """One pattern for the class names of a document, longest first (社会保障和就业支出 before 就业支出)."""
    if not names:
        return None
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\u4e00-\u9fff])(?P<name>{alts})" + _AFTER)


def class_mismatches(frames: Frames) -> list[dict[str, Any]]:
    """Each 类 figure of a sentence that no table row of that 类 prints (beyond the printed precision)."""
    lines = _class_lines(frames)
    if lines.is_empty():
        return []
    docs = frames.documents.select("doc_id", "region_code", "agency_id", "year", "doc_kind")
    out = []
    for (doc_id,), rows in sentences(frames).group_by(["doc_id"], maintain_order=True):
        me = docs.filter(pl.col("doc_id") == doc_id)
        own = lines.filter(pl.col("doc_id") == doc_id)
        if own.is_empty() and not me.is_empty():  # a narrative PDF published beside its tables PDF
            sib = docs.join(me.drop("doc_id"), on=["region_code", "agency_id", "year", "doc_kind"])
            own = lines.filter(pl.col("doc_id").is_in(sib["doc_id"].to_list()))
        if own.is_empty():
            continue
        names: dict[str, str] = {}
        for code in set(own["code"].to_list()):
            for n in {norm_name(x) for x in own.filter(pl.col("code") == code)["name"]} | set(national_codes().get(code, ())):
                if len(n) >= 4 and n.endswith("支出"):
                    names.setdefault(norm_name(n), code)
        pattern = _pattern(names)
        if pattern is None:
            continue
        for r in rows.iter_rows(named=True):
            for m in pattern.finditer(r["_flat"]):
                before = r["_flat"][max(0, m.start() - 8):m.start()]
                clause = r["_flat"][max(r["_flat"].rfind(c, 0, m.start()) for c in ",;。:") + 1:m.start()]
                years = {int(y) for y in re.findall(r"((?:19|20)\d{2})年", clause)}
                if _NOT_THIS.search(before) or years - {r["year"]}:
                    continue
                amount, code = to_wan(m[2], m[3]), names[m["name"]]
                printed = own.filter(pl.col("code") == code)
                if any(abs(amount - a) < EPS for a in printed["amount"]):
                    continue
                totals = printed.filter(pl.col("measure") == "total", pl.col("table").is_in(list(_CLASS_TABLES)))
                if totals.is_empty():
                    continue
                t = min(totals.iter_rows(named=True), key=lambda t: abs(amount - t["amount"]))
                diff = round(amount - t["amount"], 2)
                sev = rounding_severity(diff, printed_tolerance(amount))
                if sev:
                    out.append({**{k: v for k, v in r.items() if not k.startswith("_")}, "key": "class_amount",
                                "amount": amount, "value": f"{code}|{m['name']}||", "_code": code, "_diff": diff,
                                "_sev": sev, "_table": t["table"], "table_amount": t["amount"],
                                "table_page": t["page"], "table_doc_id": t["doc_id"]})
                    break  # one flag per sentence
    return out
