"""The sums of OCR'd tables beyond the tables' own checks, and whether their pages state a unit.

A figure read by OCR counts only when a sum covers it: the 三公 table's 合计 = 出国 + 接待 + 公务用车
even where a column was not recognised, the 总表's 总计 = its income lines + 结转 where no 本年收入
line is printed; and a table's amounts hang on its 单位 line, which OCR may lose.
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


def summary_sums(reading: Any) -> tuple[int, list[str]]:
    """(sums that close, sums that do not) of an OCR'd 总表 beyond the table's own checks: 本年收入 = its
    income lines; 总计 = the income lines + 结转 when no 本年收入 line is printed; 支出总计 = Σ 功能分类（类）
    + 结转 when no 本年支出 line is printed."""
    items: dict[str, float] = {}
    classes = 0.0
    for row in reading.frames.get("summary", []):
        if row["item"] == "function_class":
            classes += float(row["amount"])
        else:
            items.setdefault(row["item"], float(row["amount"]))
    fiscal = items["fiscal_total"] if "fiscal_total" in items else sum(items.get(k, 0.0) for k in _FISCAL_PARTS)
    income = fiscal + sum(items.get(k, 0.0) for k in _INCOME_PARTS)
    sums = []
    if "income_total" in items:
        sums.append(("本年收入", items["income_total"], income))
    elif "grand_total" in items:
        sums.append(("收入总计", items["grand_total"],
                     income + items.get("opening_balance", 0.0) + items.get("non_fiscal_balance_used", 0.0)))
    if "grand_total_expenditure" in items and "expenditure_total" not in items and classes:
        sums.append(("支出总计", items["grand_total_expenditure"],
                     classes + items.get("closing_balance", 0.0) + items.get("balance_distribution", 0.0)))
    closed, open_sums = 0, []
    for name, total, parts in sums:
        if abs(total - parts) <= 0.015 * 4:
            closed += 1
        else:
            open_sums.append(f"{name} {total:,.2f} ≠ 分项之和 {parts:,.2f}")
    return closed, open_sums


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
