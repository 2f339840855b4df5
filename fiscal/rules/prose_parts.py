"""The percentages a 情况说明 misstates, and the shares whose PART is the misprint: "一般公共预算财政拨款支出
1,467.16万元，其中：基本支出9,710,300.00元，占66.12%" — 971.03 ÷ 1,467.16 is 66.18 %, but the table's 970.13 (the
printed figure with two digits swapped) gives exactly the printed 66.12 %: the share is right and the figure is wrong.
Such a share is no percentage_misstated; narrative_table_mismatch names the figure against its table
(fiscal/rules/narrative.py).

`checks` runs the percentage checks of fiscal/rules/prose_figures.py and prose_shares.py over a document's sentences
once per frames (both rules read them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import polars as pl

from fiscal.rules.engine import Frames, wan
from fiscal.rules.prose_figures import _off, _ratio_interval, percentage_checks, share_head
from fiscal.rules.prose_hints import fits_heading
from fiscal.rules.prose_shares import completion_checks, named_total_checks, sangong_totals, share_checks

Pair = tuple[dict[str, Any], dict[str, Any]]  # (sentence row, check)
_LAST: list[Any] = [None, None, None, None]  # (narrative, documents, sangong, checks): the last frames asked for


def checks(frames: Frames, rows: Iterator[tuple[dict[str, Any], dict[str, Any] | None]]) -> list[Pair]:
    """Every percentage its sentence's figures (or the 三公 rows) contradict: (sentence row, check), remembered for the
    last frames. `rows`: the sentences with the one before (fiscal.rules.prose.with_previous)."""
    if _LAST[0] is frames.narrative and _LAST[1] is frames.documents and _LAST[2] is frames.sangong:
        return _LAST[3]  # type: ignore[no-any-return]
    out: list[Pair] = []
    head, recent = None, list[tuple[str, int | None, str]]()
    totals = sangong_totals(frames.sangong)
    for r, prev in rows:
        head = share_head(r["_flat"], head if prev else None)
        # the item's heading: a sentence or two before (sentences without a figure are not stored: orders skip)
        recent = [x for x in recent if x[0] == r["doc_id"] and r["_order"] is not None and x[1] is not None
                  and r["_order"] - x[1] <= 3][-2:] + [(r["doc_id"], r["_order"], r["_flat"])]
        if "%" not in r["_flat"]:
            continue
        context = head if head is not r["_flat"] else None
        found = [c for c in percentage_checks(r["_flat"], prev["_flat"] if prev else None, r["year"], context)
                 if not fits_heading(c, [text for _, _, text in recent])]
        printed = {c["printed"] for c in found}
        found += [c for c in share_checks(r["_flat"], r["doc_id"], totals) if c["printed"] not in printed]
        printed = {c["printed"] for c in found}
        found += [c for c in named_total_checks(r["_flat"], prev["_flat"] if prev else None)
                  + completion_checks(r["_flat"], r["doc_id"], totals) if c["printed"] not in printed]
        out += [(r, c) for c in found]
    _LAST[:] = [frames.narrative, frames.documents, frames.sangong, out]
    return out


def _digits(x: float) -> str:
    """A figure's digits to the cent, no point, no leading zeros (971.03 → 97103)."""
    return f"{abs(x):.2f}".replace(".", "").lstrip("0") or "0"


def digit_slip(a: float, b: float) -> bool:
    """Are two figures (万元, to the cent) one slip of the pen apart: a digit changed, two neighbours swapped, one
    digit left out or typed twice?"""
    sa, sb = _digits(a), _digits(b)
    if sa == sb:
        return False
    if len(sa) == len(sb):
        diff = [i for i in range(len(sa)) if sa[i] != sb[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and sa[diff[0]] == sb[diff[1]] and sa[diff[1]] == sb[diff[0]])
    short, long = sorted((sa, sb), key=len)
    return len(long) == len(short) + 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _table_figures(frames: Frames, doc_ids: set[str]) -> dict[str, list[tuple[float, int | None]]]:
    """doc_id → every figure its tables print (summary, line items, economic lines, 三公 table rows), with its page."""
    out: dict[str, list[tuple[float, int | None]]] = {}
    for df in (frames.summary, frames.line_items, frames.economic_items, frames.sangong):
        if df.is_empty() or not {"doc_id", "amount", "page"} <= set(df.columns):
            continue
        sub = df.filter(pl.col("doc_id").is_in(list(doc_ids)), pl.col("amount").is_not_null())
        if "source" in sub.columns:
            sub = sub.filter(pl.col("source").fill_null("table") == "table")
        for doc_id, amount, page in sub.select("doc_id", "amount", "page").iter_rows():
            out.setdefault(doc_id, []).append((amount, page))
    return out


def _part_of(c: dict[str, Any], figures: list[tuple[float, int | None]]) -> tuple[float, int | None] | None:
    """The table figure a share's misprinted part stands for: one slip of the pen from the printed part, and
    giving exactly the printed share of the printed total (None when the share is what is wrong)."""
    pct = re.search(r"(\d+(?:\.\d+)?)%$", c.get("clause") or "")
    if c["kind"] != "占比" or not pct:
        return None
    part, total = c["figures"]["部分"], c["figures"]["合计"]
    fits = [(t, page) for t, page in figures if abs(t) >= 0.01 and digit_slip(part, t)
            and _off(pct[1], _ratio_interval(t, total, 0.005, 0.005)) is None]
    return fits[0] if len({round(t, 2) for t, _ in fits}) == 1 else None


def part_slips(frames: Frames, found: list[Pair]) -> dict[int, tuple[float, int | None]]:
    """index in `found` → the table figure (and page) its share's misprinted part stands for."""
    shares = [i for i, (_, c) in enumerate(found) if c["kind"] == "占比"]
    if not shares:
        return {}
    figures = _table_figures(frames, {found[i][0]["doc_id"] for i in shares})
    out = {}
    for i in shares:
        hit = _part_of(found[i][1], figures.get(found[i][0]["doc_id"], []))
        if hit:
            out[i] = hit
    return out


def _named(text: str, clause: str) -> str:
    """The words naming a share's part in its sentence (…其中：基本支出9,710,300.00元，占66.12% → 基本支出)."""
    item = clause.split("…", 1)[-1]
    at = text.find(item)
    words = re.findall(r"[\u4e00-\u9fff()“”]+", text[max(0, at - 30):at] if at > 0 else "")
    name = re.sub(r"^(?:其中|主要|包括|用于)+", "", words[-1]) if words else ""
    return name or "该数字"


def part_rows(frames: Frames, found: list[Pair]) -> list[dict[str, Any]]:
    """narrative_table_mismatch rows of the shares whose part is the misprint (see the module docstring)."""
    out = []
    for i, (t, page) in part_slips(frames, found).items():
        r, c = found[i]
        part = c["figures"]["部分"]
        out.append({**{k: v for k, v in r.items() if not k.startswith("_")}, "_name": _named(r["_flat"], c["clause"]),
                    "_part": part, "_table": t, "_table_page": page, "_total": c["figures"]["合计"],
                    "_printed": c["printed"], "_clause": c["clause"]})
    return out


def part_message(r: dict[str, Any]) -> str:
    """The flag's message: the figure against its table, and why the share is not the misprint."""
    return (f"情况说明称{r['_name']}为 {wan(r['_part'])} 万元（第{r['page']}页），表中为 {wan(r['_table'])} 万元"
            f"（第{r['_table_page']}页）；按表中数字其占 {wan(r['_total'])} 万元的比重恰为所印 {r['_printed']:g}%，"
            f"百分比无误，疑为该数字印错：“…{r['_clause']}…”")


def part_evidence(r: dict[str, Any]) -> dict[str, Any]:
    """The flag's evidence (keys the dashboard knows: narrative, table, table_page, difference …)."""
    return {"key": "share_part", "item": r["_name"], "narrative": r["_part"], "table": r["_table"],
            "table_page": r["_table_page"], "difference": round(r["_part"] - r["_table"], 2), "total": r["_total"],
            "share": r["_printed"], "clause": r["_clause"], "text": r["text"]}

