"""The year's income lines of a 收入支出总表 / 部门收支总表 / 财政拨款收支总表 and what they add up to.

A 总表 prints its year's income line by line (一般公共预算财政拨款收入, 政府性基金, 国有资本经营,
财政专户管理资金, 上级补助收入, 事业收入, 事业单位经营收入, 附属单位上缴收入, 其他收入 …) above 本年收入合计.
Some print a GROUP line over some of them: 财政拨款（收入） over the three 财政拨款 funds (江苏 部门预算:
财政拨款 | 一般公共预算 | 其他资金), 单位资金 over 事业收入 … 其他收入; a group's own lines must not count twice.
其中 lines are breakdowns, and the lines printed under 上年结转 / 年初结转和结余 (its funds) are last year's money,
not this year's income.

`income_sums` gives the ways a table's lines can add up (groups with or without their lines, lines of no known
kind with or without); a total none of them reaches does not add up (`check`). The ingest's checks
(ingest/checks.py, a table's reading status) and the `totals_mismatch` rule (fiscal/rules/tables.py) read the
lines alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

FISCAL_FUNDS = ("fiscal_appropriation", "gov_fund_appropriation", "soe_appropriation")
UNIT_FUNDS = ("superior_subsidy", "business_income", "operating_income", "affiliated_income", "other_income")
SOURCES = frozenset(FISCAL_FUNDS + UNIT_FUNDS)
# group → the kinds of line printed under it
GROUPS: dict[str, tuple[str, ...]] = {"fiscal_total": FISCAL_FUNDS, "unit_funds": UNIT_FUNDS}
_ENDS_BREAKDOWN = ("income_total", "grand_total")
_NOT_INCOME = ("支出", "结转", "结余", "经费")


def _fold(label: str | None) -> str:
    return re.sub(r"[\s()（）\[\]【】“”\"'‘’、·:：]", "", unicodedata.normalize("NFKC", label or ""))


def kind(item: str, label: str | None) -> str | None:
    """The kind of income line a 总表 row is: a source (its item), a group (`fiscal_total`, `unit_funds`), `unknown`
    (an income line of no known item: 财政专户管理资金收入 …), or None (not a line of the year's income)."""
    text = _fold(label)
    if text.startswith("其中"):
        return None  # a breakdown of the line above
    if item in SOURCES or item == "fiscal_total":
        return item
    if item != "other" or any(w in text for w in _NOT_INCOME):
        return None
    if text.startswith("单位资金"):
        return "unit_funds"
    for fund, start in (("gov_fund_appropriation", "政府性基金"), ("soe_appropriation", "国有资本经营")):
        if text.startswith(start):  # 政府性基金 / 政府性基金预算 under 财政拨款 (江苏), no item of its own
            return fund
    if "收入" in text or text.endswith(("资金", "拨款")):
        return "unknown"
    return None


def income_lines(rows: Iterable[Mapping[str, Any]]) -> list[tuple[str, float]]:
    """(kind, amount) of the year's income lines of ONE table's rows, in printed order: the lines printed under
    上年结转 (after it, before 本年收入合计 / 总计) left out when 上年结转 follows the year's lines."""
    out: list[tuple[str, float]] = []
    under_balance = False
    for r in rows:
        item = r["item"]
        if item == "opening_balance":
            under_balance = bool(out)  # printed above the year's lines (上年结转 first), it is no breakdown's head
            continue
        if item in _ENDS_BREAKDOWN:
            under_balance = False
            continue
        k = kind(item, r.get("label"))
        if k is not None and not under_balance:
            out.append((k, float(r["amount"] or 0.0)))
    return out


def _after_balance(rows: Iterable[Mapping[str, Any]]) -> bool:
    """The first income-total line is printed after the 上年结转 line."""
    items = [r["item"] for r in rows]
    return "opening_balance" in items and items.index("opening_balance") < items.index("income_total")


def income_sums(lines: list[tuple[str, float]]) -> list[list[float]]:
    """The ways the lines can add up: each group counted as its own figure (its lines left out) or as its lines
    (the group left out; a group none of whose lines is printed counts itself), each with and without the lines of
    no known kind (a balance's funds a layout prints in an order no reader can tell)."""
    present = {k for k, _ in lines}
    members = {m for g, ms in GROUPS.items() if g in present for m in ms}
    grouped = {g for g in GROUPS if g in present and present & set(GROUPS[g])}
    out = []
    for unknown in (True, False):
        use = [(k, a) for k, a in lines if unknown or k != "unknown"]
        top = [a for k, a in use if k not in members]
        leaves = [a for k, a in use if k not in grouped]
        out += [top, leaves]
    return [s for s in out if s]


def check(rows: Iterable[Mapping[str, Any]], items: Mapping[str, float],
          rounding: float) -> tuple[str, str, list[float]] | None:
    """(the total's item, what is compared, the parts) of ONE table's income check, or None when the table prints
    no income line or no total: 本年收入合计 = Σ the year's income lines; a 总表 printing no 本年收入合计: 收入总计 =
    Σ those lines + 年初结转 (+ 使用非财政拨款结余). The parts are a candidate sum (`income_sums`) that closes within
    `rounding` per part, else the one nearest the total."""
    rows = list(rows)
    lines = income_lines(rows)
    if not lines:
        return None
    if "income_total" in items:
        item, what, more = "income_total", "本年收入合计与各项收入之和", []
    elif "grand_total" in items:
        item, what = "grand_total", "收入方 总计与各项收入、结转结余之和"
        more = [items[x] for x in ("opening_balance", "non_fiscal_balance_used") if x in items]
    else:
        return None
    total = items[item]
    sums = [parts + more for parts in income_sums(lines)]
    if item == "income_total" and _after_balance(rows):
        # 收入合计 printed under 上年结转 (no 本年收入 line above it): the side's 总计, balances included
        balances = [items[x] for x in ("opening_balance", "non_fiscal_balance_used") if x in items]
        sums += [parts + balances for parts in income_sums(lines)]
    closing = [p for p in sums if abs(total - sum(p)) <= rounding * len(p) + 1e-9]
    return item, what, min(closing or sums, key=lambda p: abs(total - sum(p)))
