"""Shares of the 三公 total the prose states ("因公出国（境）费支出 222.5 万元，占“三公”经费的 8.75%"),
checked against the document's own 三公 rows: total = 出国 + 车辆 + 接待 (docs/CONTRACT.md), the part
being the item's row of the same stage. Used by percentage_misstated (fiscal/rules/prose.py)."""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from fiscal.rules.engine import ROUNDING, wan
from fiscal.rules.prose_figures import NUMBER, _off, _ratio_interval, half_unit, to_wan

_ITEM = re.compile(r"(?P<overseas>因公出国\(境\)费(?:用)?)|(?P<vehicle_total>公务用车购置(?:费)?及运行(?:维护)?费)"
                   r"|(?P<vehicle_purchase>公务用车购置费)|(?P<vehicle_operation>公务用车运行(?:维护)?费)"
                   r"|(?P<reception>公务接待费)")
_SHARE = re.compile(NUMBER + r"(万元|元),?占(?:本年)?“?三公”?经费(?:支出)?(?:预算|决算)?(?:总额|总数|合计)?"
                    r"(?:的)?(?:比重|比例)?(?:为)?(\d+(?:\.\d+)?)%")
_PARTS = ("overseas", "vehicle_total", "reception")
_TIE = ROUNDING + 0.001  # the 三公 total row against the sum of its three items (尾数)


def sangong_totals(sangong: pl.DataFrame) -> dict[tuple[str, str], dict[str, float]]:
    """(doc_id, stage) → item amounts, with "_sum" = 出国 + 车辆 + 接待 when all three are read and agree
    with the document's own total row (else no "_sum": a 合计 with 会议费/培训费 is not the 三公 total)."""
    out: dict[tuple[str, str], dict[str, float]] = {}
    rows = sangong.filter(pl.col("source").fill_null("table") == "table", pl.col("amount").is_not_null())
    for r in rows.unique(["doc_id", "stage", "item"], keep="first").iter_rows(named=True):
        out.setdefault((r["doc_id"], r["stage"]), {})[r["item"]] = r["amount"]
    for items in out.values():
        if "vehicle_total" not in items and {"vehicle_purchase", "vehicle_operation"} <= items.keys():
            items["vehicle_total"] = items["vehicle_purchase"] + items["vehicle_operation"]
        if all(k in items for k in _PARTS):
            total = sum(items[k] for k in _PARTS)
            if "total" not in items or abs(items["total"] - total) <= _TIE:
                items["_sum"] = round(total, 2)
    return out


def share_checks(text: str, doc_id: str, totals: dict[tuple[str, str], dict[str, float]]) -> list[dict[str, Any]]:
    """Each "item X 万元，占“三公”经费的 Z%" of a folded sentence that X ÷ the 三公 total does not give."""
    out = []
    for m in _SHARE.finditer(text):
        clause_start = max(text.rfind(c, 0, m.start()) for c in ";。") + 1
        items = list(_ITEM.finditer(text, clause_start, m.start()))
        if not items:
            continue
        item = str(items[-1].lastgroup)
        part = to_wan(m[1], m[2])
        # the stages whose row for this item is the stated part (a 决算 quotes both; an item spent to its budget
        # matches both, and its share may be of either total: only a share neither gives is misstated)
        totals_of = [got["_sum"] for stage in ("budget", "actual") if "_sum" in (got := totals.get((doc_id, stage), {}))
                     and item in got and abs(got[item] - part) <= half_unit(m[1], m[2]) + 1e-9]
        offs = [_off(m[3], _ratio_interval(part, total, half_unit(m[1], m[2]), 0.005 * len(_PARTS)))
                for total in totals_of]
        if offs and all(off is not None for off in offs):
            total = totals_of[-1]
            out.append({"kind": "占“三公”经费比重", "printed": float(m[3]),
                        "computed": round(part / total * 100, 2), "figures": {"部分": part, "合计": total},
                        "formula": f"{wan(part)} ÷ {wan(total)}（出国+车辆+接待）",
                        "clause": text[clause_start:m.end()]})
    return out
