"""Shares of the 三公 total the prose states ("因公出国（境）费支出 222.5 万元，占“三公”经费的 8.75%"),
checked against the document's own 三公 rows: total = 出国 + 车辆 + 接待 (docs/CONTRACT.md), the part
being the item's row of the same stage. Used by percentage_misstated (fiscal/rules/prose.py)."""

from __future__ import annotations

import re
from typing import Any

import polars as pl

from fiscal.rules.engine import ROUNDING, wan
from fiscal.rules.prose_figures import NUMBER, SHARE_ITEM, _off, _ratio_interval, half_unit, to_wan

_ITEM = re.compile(r"(?P<overseas>因公出国\(境\)费(?:用)?)|(?P<vehicle_total>公务用车购置(?:费)?及运行(?:维护)?费)"
                   r"|(?P<vehicle_purchase>公务用车购置费)|(?P<vehicle_operation>公务用车运行(?:维护)?费)"
                   r"|(?P<reception>公务接待费)")
_SHARE = re.compile(NUMBER + r"(万元|元),?占(?:本年)?“?三公”?经费(?:支出)?(?:预算|决算)?(?:总额|总数|合计)?"
                    r"(?:的)?(?:比重|比例)?(?:为)?(\d+(?:\.\d+)?)%")
# 占Z% with no total named, in a sentence opening on the 三公 with no figure of its own ("2022年度“三公”经费财政拨款
# 支出决算中，公务接待费支出决算2.22万元，占35.69%；…"): the shares are of the 三公 total
_BARE_SHARE = re.compile(NUMBER + r"(万元|元),?占(?:比)?(?:为)?(\d+(?:\.\d+)?)%")
_OPENING = re.compile(r"三公”?经费[^,;。\d%]{0,20}中,")
_SHARE_NUMBER = re.compile(NUMBER + r"(?:万元|元)")
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
    first = _ITEM.search(text)
    shares = list(_SHARE.finditer(text))
    if first and _OPENING.search(text, 0, first.start()) and not _SHARE_NUMBER.search(text, 0, first.start()):
        shares += [m for m in _BARE_SHARE.finditer(text) if m.start() >= first.start()]
    for m in shares:
        clause_start = max(text.rfind(c, 0, m.start()) for c in ";。") + 1
        items = list(_ITEM.finditer(text, clause_start, m.start()))
        if not items:
            continue
        item = str(items[-1].lastgroup)
        part = to_wan(m[1], m[2])
        # the stages whose row for this item is the stated part (a 决算 quotes both; an item spent to its budget
        # matches both, and its share may be of either total: only a share neither gives is misstated)
        stages = [got for stage in ("budget", "actual") if item in (got := totals.get((doc_id, stage), {}))
                  and abs(got[item] - part) <= half_unit(m[1], m[2]) + 1e-9]
        if any("_sum" not in got for got in stages):
            continue  # a stage whose total does not close over its items may be the one meant: no total to trust
        totals_of = [got["_sum"] for got in stages]
        offs = [_off(m[3], _ratio_interval(part, total, half_unit(m[1], m[2]), 0.005 * len(_PARTS)))
                for total in totals_of]
        if offs and all(off is not None for off in offs):
            total = totals_of[-1]
            out.append({"kind": "占“三公”经费比重", "printed": float(m[3]),
                        "computed": round(part / total * 100, 2), "figures": {"部分": part, "合计": total},
                        "formula": f"{wan(part)} ÷ {wan(total)}（出国+车辆+接待）",
                        "clause": text[clause_start:m.end()]})
    return out


# 占<total>的Z% naming a total the paragraph stated by that very name ("政府采购支出总额35.60万元，…。授予中小企业合同
# 金额35.60万元，…，其中：授予小微企业合同金额23.30万元，占政府采购支出总额的65.45%"): a name with a total's word, not
# the tail of a longer one (财政拨款本年支出合计 is not 本年支出合计)
_TOTAL_WORD = re.compile(r"(?:总额|合计|总计|金额|总数)$")
_NOT_LONGER = r"(?<![拨款算本目营助级他业])"


def named_total_checks(text: str, previous: str | None) -> list[dict[str, Any]]:
    """Each "X万元，占<total>的Z%" whose <total> the sentence or the one before states once, by that name, with a
    figure X ÷ that figure does not give."""
    out = []
    for m in SHARE_ITEM.finditer(text):
        named = m["of"]
        if not named or len(named) < 4 or not _TOTAL_WORD.search(named):
            continue
        before = f"{previous or ''}。{text[:m.start()]}"
        stated = {(x[1], x[2]) for x in re.finditer(_NOT_LONGER + re.escape(named) + r"(?:为|是|:)?" + NUMBER
                                                     + r"(亿元|万元|元)", before)}
        if len({to_wan(*x) for x in stated}) != 1:
            continue  # not stated, or stated twice differently: which total is meant is not for this check to say
        (tn, tu), (xn, xu) = stated.pop(), m.group(1, 2)
        total, part = to_wan(tn, tu), to_wan(xn, xu)
        if total <= 0 or part > total + half_unit(tn, tu):
            continue
        if _off(m[4], _ratio_interval(part, total, half_unit(xn, xu), half_unit(tn, tu))) is not None:
            out.append({"kind": "占比", "printed": float(m[4]), "computed": round(part / total * 100, 2),
                        "figures": {"部分": part, "合计": total}, "formula": f"{wan(part)} ÷ {wan(total)}",
                        "clause": m[0]})
    return out


# 公务接待费支出决算为2.22万元，完成预算的44.4% (the national template): the item's budget is its 三公 table row
_COMPLETION = re.compile(NUMBER + r"(万元|元),?完成(?:全年|年初)?预算(?:数)?的(\d+(?:\.\d+)?)%")
_STATED_BUDGET = re.compile(r"预算(?:数)?(?:为|是)?" + NUMBER + r"(?:万元|元)")


def completion_checks(text: str, doc_id: str, totals: dict[tuple[str, str], dict[str, float]]) -> list[dict[str, Any]]:
    """Each "item 决算 X 万元，完成预算的 Z%" whose budget the sentence does not state, that X ÷ the item's 三公
    预算 row does not give — X being the item's 决算 row (another figure is narrative_table_mismatch's to judge)."""
    out = []
    for m in _COMPLETION.finditer(text):
        clause_start = max(text.rfind(c, 0, m.start()) for c in ";。") + 1
        items = list(_ITEM.finditer(text, clause_start, m.start()))
        if not items or _STATED_BUDGET.search(text, items[-1].end(), m.start()):
            continue  # no 三公 item named, or its budget stated (percentage_checks' completion rate)
        item, part = str(items[-1].lastgroup), to_wan(m[1], m[2])
        actual, budget = (totals.get((doc_id, stage), {}).get(item) for stage in ("actual", "budget"))
        if actual is None or budget is None or budget <= 0 or abs(actual - part) > half_unit(m[1], m[2]) + 1e-9:
            continue
        if _off(m[3], _ratio_interval(part, budget, half_unit(m[1], m[2]), 0.005)) is not None:
            out.append({"kind": "完成率", "printed": float(m[3]), "computed": round(part / budget * 100, 2),
                        "figures": {"预算": budget, "决算": part},
                        "formula": f"{wan(part)} ÷ {wan(budget)}（“三公”经费表预算数）",
                        "clause": text[items[-1].start():m.end()]})
    return out

