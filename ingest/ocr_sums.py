"""The sums of OCR'd tables beyond the tables' own checks, and whether their pages state a unit.

A figure read by OCR counts only when a sum covers it: the 三公 table's 合计 = 出国 + 接待 + 公务用车
even where a column was not recognised, the 总表's 总计 = its income lines + 结转 where no 本年收入
line is printed; and a table's amounts hang on its 单位 line, which OCR may lose. A non-zero figure that no
sum covers (`uncovered`: a 结转下年资金 column beside 合计 = 基本 + 项目 + 预留) proves nothing of itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium


def _sangong_open(reading: Any) -> list[str]:
    """The 三公 sums of an OCR'd reading that do not close (合计 = 出国 + 接待 + 公务用车; 公务用车 = 购置 + 运行).

    The table's own checks skip a sum whose column was not recognised; a figure read by OCR is
    proven only by a sum that covers it, so here every part a column did not give counts as 0."""
    by_stage: dict[str, dict[str, float]] = {}
    for row in reading.frames.get("sangong", []):
        if row.get("source", "table") == "table" and row.get("amount") is not None:
            by_stage.setdefault(row["stage"], {})[row["item"]] = float(row["amount"])
    out = []
    for stage, items in by_stage.items():
        vehicle = items.get("vehicle_total")
        if vehicle is None:
            vehicle = items.get("vehicle_purchase", 0.0) + items.get("vehicle_operation", 0.0)
        elif abs(vehicle - items.get("vehicle_purchase", 0.0) - items.get("vehicle_operation", 0.0)) > 0.015:
            out.append(f"{stage} 公务用车 {vehicle:g} ≠ 购置 + 运行")
        if "total" in items and abs(items["total"] - items.get("overseas", 0.0) - items.get("reception", 0.0)
                                    - vehicle) > 0.015:
            out.append(f"{stage} 合计 {items['total']:g} ≠ 出国 + 接待 + 公务用车 {vehicle:g}")
    return out


_SUMMARIES = ("summary", "fiscal_summary")
_INCOME_PARTS = ("superior_subsidy", "business_income", "operating_income", "affiliated_income", "other_income")
_FISCAL_PARTS = ("fiscal_appropriation", "gov_fund_appropriation", "soe_appropriation")
# Income lines a 总表 prints that the parsers keep as `other` under their own names (a provincial 总表's
# 二、财政专户管理资金): parts of its 本年收入 like the lines above. (No group line such as 单位资金, whose own lines
# 事业收入 … follow it: counted twice, the sum would not close.)
_INCOMES = frozenset({"财政专户管理资金", "财政专户管理资金收入"})


def summary_sums(reading: Any, breakdowns: bool = False) -> tuple[int, list[str]]:
    """(sums that close, sums that do not) of an OCR'd 总表 beyond the table's own checks: 本年收入 = its
    income lines; 总计 = the income lines + 结转 when no 本年收入 line is printed; 支出总计 = Σ 功能分类（类）
    + 结转 when no 本年支出 line is printed; with `breakdowns`, also 财政拨款 = its funds, a 结转和结余 = its funds'
    lines and 本年支出 = 基本 + 项目 (+ 预留) where the 总表 prints them (the sums that prove those lines)."""
    closed, open_sums = 0, []
    for name, total, parts in _summary_pairs(reading, breakdowns):
        if abs(total - parts) <= 0.015 * 4:
            closed += 1
        else:
            open_sums.append(f"{name} {total:,.2f} ≠ 分项之和 {parts:,.2f}")
    if short := _short_figures(reading):
        open_sums.append(f"合计仅在舍入范围内闭合，而 {'、'.join(f'{x:,.1f}' for x in short[:3])} 读作一位小数或整数"
                         "（可能丢失一位数字）")
    return closed, open_sums


def _short_figures(reading: Any) -> list[float]:
    """The non-zero 总表 amounts read with one decimal or none, where the table prints two, that take part in a sum
    closing only within rounding (2,000.4 among 16,992.37 and 1,856.69, their 本年支出 0.01 off): OCR lost a digit
    of them (a seal over the print), and the rounding the sum allows hides it."""
    rows = [r for r in reading.frames.get("summary", []) if r.get("amount")]
    short = [r for r in rows if abs(float(r["amount"]) * 10 - round(float(r["amount"]) * 10)) < 1e-6]
    if len(rows) - len(short) < 2 or not short or not residual(reading):
        return []
    out = []
    for row in short:
        amount = row["amount"]
        try:  # a part of a sum that is off: moving it one way narrows the gap, the other way widens it
            row["amount"] = amount + 0.001
            up = residual(reading)
            row["amount"] = amount - 0.001
            down = residual(reading)
        finally:
            row["amount"] = amount
        if abs(up - down) > 0.001:
            out.append(float(amount))
    return out


def _summary_pairs(reading: Any, breakdowns: bool = True) -> list[tuple[str, float, float]]:
    """The 总表 sums of `summary_sums`: (name, total, sum of its parts)."""
    items: dict[str, float] = {}
    classes = incomes = 0.0
    for row in reading.frames.get("summary", []):
        if row["item"] == "function_class":
            classes += float(row["amount"])
        elif row["item"] == "other" and re.sub(r"\s", "", row.get("label") or "") in _INCOMES:
            incomes += float(row["amount"])
        else:
            items.setdefault(row["item"], float(row["amount"]))
    fiscal = items["fiscal_total"] if "fiscal_total" in items else sum(items.get(k, 0.0) for k in _FISCAL_PARTS)
    income = fiscal + sum(items.get(k, 0.0) for k in _INCOME_PARTS) + incomes
    sums = []
    if "income_total" in items:
        sums.append(("本年收入", items["income_total"], income))
    elif "grand_total" in items:
        sums.append(("收入总计", items["grand_total"],
                     income + items.get("opening_balance", 0.0) + items.get("non_fiscal_balance_used", 0.0)))
    if "grand_total_expenditure" in items and "expenditure_total" not in items and classes:
        sums.append(("支出总计", items["grand_total_expenditure"],
                     classes + items.get("closing_balance", 0.0) + items.get("balance_distribution", 0.0)))
    if not breakdowns:
        return sums
    fiscal_parts = [k for k in _FISCAL_PARTS if k in items]
    if "fiscal_total" in items and fiscal_parts:  # 财政拨款 = 一般公共预算 + 政府性基金 (+ 国有资本经营)
        sums.append(("财政拨款", items["fiscal_total"], sum(items[k] for k in fiscal_parts)))
    for balance, name in (("opening_balance", "年初结转和结余"), ("closing_balance", "年末结转和结余")):
        funds = [k for k in (f"{balance}_fiscal", f"{balance}_gov_fund", f"{balance}_soe") if k in items]
        if balance in items and funds:  # a balance = its funds' lines printed under it
            sums.append((name, items[balance], sum(items[k] for k in funds)))
    uses = {u: float(r["amount"]) for r in reading.frames.get("summary", []) if r["item"] == "other"
            for u in _USES if u in re.sub(r"\s", "", r.get("label") or "")}
    spent = items.get("expenditure_total", items.get("grand_total_expenditure"))
    if spent is not None and {"基本支出", "项目支出"} <= set(uses):  # the 支出用途 side: 基本 + 项目 (+ 预留)
        sums.append(("支出用途", spent, sum(uses.values())))
    return sums


# The 支出用途 lines of a 江苏-style 总表 (stored as `other`; a label OCR cut short still names its use).
_USES = ("基本支出", "项目支出", "单位预留机动经")


def residual(reading: Any) -> float:
    """How far a reading's sums are from closing exactly (Σ |total − Σ parts| over its checks, 万元): 0 when every
    sum closes to the cent, not merely within rounding."""
    from ingest.checks import check_table

    exact = sum(abs(f.diff) for f in check_table(reading.frames, 1e-9)[1])
    if getattr(reading, "family", "") in _SUMMARIES:
        exact += sum(abs(total - parts) for _, total, parts in _summary_pairs(reading))
    return round(exact, 6)


# A 单位 line as OCR reads it: the colon often comes back as ; , . ” or not at all, and the 位 as another
# character, or lost, when 万元 follows (单人 万元, 单 万元).
_UNIT_SEP = r"[\s:：;；,，.。、”“\"']*"
UNIT_LINE = re.compile(rf"单(?:位|[\u4e00-\u9fff]?(?={_UNIT_SEP}万\s*元)){_UNIT_SEP}(?:人民币)?\s*(万\s*元|元)")


def unit_read(path: Path | None, pages: list[int]) -> bool:
    """Whether the OCR text of the table's pages states a unit (else the table's unit is a default)."""
    if path is None:
        return True
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in pages:
            if 1 <= number <= len(pdf):
                page = pdf[number - 1]
                tp = page.get_textpage()
                text = tp.get_text_range()
                tp.close()
                page.close()
                if UNIT_LINE.search(text):
                    return True
    finally:
        pdf.close()
    return False


# Identity fields of a figure's row, for its name in a message.
_WHO = ("stage", "code", "name", "item", "project")


def _sums_open(frames: dict[str, list[dict[str, Any]]], family: str) -> int:
    """How many sums of a reading's frames fail: the table's own checks and an OCR'd table's extra sums."""
    from ingest.checks import check_table

    holder = _Frames(frames)
    return (len(check_table(frames)[1]) + (len(summary_sums(holder, True)[1]) if family in _SUMMARIES else 0)
            + (len(_sangong_open(holder)) if family == "sangong" else 0))


class _Frames:
    """A reading's frames under the attribute the sums read (`frames`)."""

    def __init__(self, frames: dict[str, list[dict[str, Any]]]) -> None:
        self.frames = frames


def uncovered(reading: Any) -> list[str]:
    """The non-zero amounts of a reading that no sum covers (changing one opens no sum), named for a message.

    Found by moving each amount in turn: a sum covers a figure exactly when the figure takes part in it, so
    this follows the checks as they are, whatever the layout. A figure read twice alike (one print read by
    two rows) counts as covered when its twin is."""
    frames = {k: [dict(r) for r in v] for k, v in reading.frames.items()}
    family = getattr(reading, "family", "") or ""
    if any(_sums_open({dataset: rows}, family) for dataset, rows in frames.items()):
        return []  # a table with an open sum is not `complete` anyway
    covered: list[dict[str, Any]] = []
    loose: list[tuple[str, dict[str, Any]]] = []
    for dataset, rows in frames.items():
        for row in rows:
            amount = row.get("amount")
            if not isinstance(amount, (int, float)) or abs(amount) < 0.005:
                continue
            row["amount"] = amount + 98765.4321
            moved = _sums_open({dataset: rows}, family)  # each dataset's sums read its own rows only
            row["amount"] = amount
            (covered.append(row) if moved else loose.append((dataset, row)))
    out = []
    for dataset, row in loose:
        if any(row == c for c in covered):
            continue
        who = " ".join(str(row[k]) for k in _WHO if row.get(k))
        measure = row.get("measure")
        if measure:
            from ingest.checks import MEASURE_LABELS

            who = f"{who} {MEASURE_LABELS.get(measure, measure)}".strip()
        out.append(f"{who or dataset} {row['amount']:,.2f}")
    return out
