"""Arithmetic checks at ingest: do the tables add up, within published rounding?

Each check compares a printed total with the sum of its printed parts, within the rounding of the unit the
table prints: a 万元 table's figures carry two decimals, each part may be off by up to 0.005, so a difference
up to 0.01 万元 per part (尾数误差) passes; a 元 table's figures are exact in 万元 (元 / 10000), so only 1 元 per
part passes (`rounding`). `check_table` runs the checks of one table's own rows (its reading status depends on
them, see ingest/reading.py); `run` adds the checks across tables of a document. Failures state the numbers.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import income
from fiscal.schema import GOAL_LABELS, GOAL_SUMS
from ingest.model import ParseResult

ROUNDING = 0.01  # 万元 per summed line of a table printed in 万元 (two decimals)
ROUNDING_YUAN = 0.0001  # 万元 per summed line of a table printed in 元 (1 元: whole-元 tables round to it)


# What the messages call a column / a 三公 stage (as fiscal/rules/labels.py; the ingest does not import the rules).
MEASURE_LABELS: dict[str, str] = {
    "total": "合计", "basic": "基本支出", "project": "项目支出", "reserve": "单位预留机动经费",
    "remit_superior": "上缴上级支出", "operating": "经营支出",
    "affiliated_subsidy": "对附属单位补助支出", "fiscal": "财政拨款收入", "superior_subsidy": "上级补助收入",
    "business": "事业收入", "affiliated": "附属单位上缴收入", "other": "其他收入", "current_year": "当年拨款",
    "carried_over": "上年结转", "special_account": "财政专户管理资金", "gpb": "一般公共预算财政拨款",
    "gov_fund": "政府性基金预算财政拨款", "soe_capital": "国有资本经营预算财政拨款", "opening": "年初结转和结余",
    "income": "本年收入", "closing": "年末结转和结余", "personnel": "人员经费", "public": "公用经费",
    "unit_funds": "单位资金",
}
STAGES: dict[str, str] = {"budget": "预算数", "actual": "决算数"}
FUNCTION_CODES = Path(__file__).resolve().parent.parent / "fiscal" / "data" / "function_codes.csv"


def _m(measure: str) -> str:
    return MEASURE_LABELS.get(measure, measure)


def _fold(text: str | None) -> str:
    """A printed name folded for comparison (as fiscal.rules.lookups.norm_name)."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[\s()（）\[\]【】“”\"'‘’、·]", "", text)


@cache
def class_names() -> frozenset[str]:
    """The 类 names of the national function classification, folded."""
    with FUNCTION_CODES.open(encoding="utf-8") as fh:
        return frozenset(_fold(r["name"]) for r in csv.DictReader(fh) if len(r["code"]) == 3)


def rounding_of(unit: str) -> float:
    """The rounding per summed line of a table printed in `unit` (元 or 万元), in 万元."""
    return ROUNDING_YUAN if unit == "元" else ROUNDING


def _tolerance(n_parts: int, rounding: float = ROUNDING) -> float:
    return rounding * max(n_parts, 1) + 1e-9


def amount_text(x: float) -> str:
    """An amount in 万元 as a message prints it: two decimals, more when a 元 figure needs them (0.003)."""
    text = f"{x:,.6f}".rstrip("0")
    return text + "0" * max(0, 2 - len(text.split(".")[1]))


@dataclass(frozen=True)
class Failure:
    """A printed total that is not the sum of its printed parts."""

    name: str  # what was compared, e.g. "expenditure/total 合计=Σ类"
    total: float
    parts: float  # the sum of the parts
    n: int  # number of parts
    judged: bool = True  # the rules repeat this check on a `complete` table (a printed mismatch gets its flag)
    # the total is its parts plus one of them counted again, as a document prints it (a 三公 合计 adding the 公务用车
    # 小计 and its 购置 and 运行 lines): no misreading gives that, so the difference is no row read but not counted
    counted_twice: bool = False

    @property
    def diff(self) -> float:
        return round(self.total - self.parts, 6)

    def message(self) -> str:
        diff = ("+" if self.diff >= 0 else "-") + amount_text(abs(self.diff))
        return (f"{self.name}：合计 {amount_text(self.total)} ≠ 分项之和 {amount_text(self.parts)}（差 {diff}），"
                "和不闭合")


@dataclass(frozen=True)
class Missing(Failure):
    """A line the table must print that was not read: no sum can be checked without it, and no document
    prints a 三公 table without it, so a second reader agreeing does not make it what the document prints."""

    lines: str = ""

    def message(self) -> str:
        return f"{self.name}：未读到{self.lines}，表不完整"


class Failures(list[Failure]):
    """The failures of a run of checks, and the rounding their sums are judged within (万元 per part)."""

    def __init__(self, rounding: float = ROUNDING) -> None:
        super().__init__()
        self.rounding = rounding


def _check(name: str, total: float, parts: Iterable[float], failures: list[Failure], judged: bool = True) -> bool:
    parts = list(parts)
    rounding = failures.rounding if isinstance(failures, Failures) else ROUNDING
    diff = round(total - sum(parts), 6)
    if abs(diff) <= _tolerance(len(parts), rounding):
        return True
    # a 元 table's sum off by less than a 万元 table's rounding: the rules allow that much (尾数误差), so no rule
    # would flag it — a reading that confirms it `complete` would hide it
    judged = judged and abs(diff) > _tolerance(len(parts), ROUNDING)
    failures.append(Failure(name, round(total, 6), round(sum(parts), 6), len(parts), judged))
    return False


def check_table(frames: dict[str, list[dict[str, Any]]], rounding: float = ROUNDING) -> tuple[int, list[Failure]]:
    """(checks passed, failures) of one table's own arithmetic (its rows only), within `rounding` 万元 per part."""
    failures: list[Failure] = Failures(rounding)
    passed = 0
    for ok in (
        *_line_item_checks(frames.get("line_items", []), failures),
        *_measure_checks(frames.get("line_items", []), failures),
        *_summary_checks(frames.get("summary", []), failures),
        *_sangong_checks([r for r in frames.get("sangong", []) if r.get("source", "table") == "table"], failures),
        *_economic_checks(frames.get("economic_items", []), failures),
        *_goal_checks(frames.get("project_goals", []), failures),
    ):
        passed += ok
    return passed, failures


def cross_checks(frames: dict[str, list[dict[str, Any]]]) -> tuple[int, list[str]]:
    """(checks passed, failure messages) across the tables of one document (总表与收入/支出表)."""
    failures: list[Failure] = []
    passed = sum(_cross_checks(frames, failures))
    return passed, [f"校验失败 {f.message()}" for f in failures]


def run(result: ParseResult) -> tuple[int, list[str]]:
    """(number of checks passed, failure messages) for one document's rows (every table, then across)."""
    passed, failures = check_table(result.frames)
    more, messages = cross_checks(result.frames)
    return passed + more, [f"校验失败 {f.message()}" for f in failures] + messages


def _line_item_checks(rows: list[dict[str, Any]], failures: list[Failure]) -> Iterable[bool]:
    """合计 = Σ 类 (Σ the lines under no printed line: 款 or 项 lines when the table prints no 类 line); 类 = Σ 款;
    款 = Σ 项 — per table and measure."""
    if not rows:
        return
    df = pl.DataFrame(rows).select("table", "code", "level", "measure", "amount")
    for (_table, measure), g in df.group_by(["table", "measure"], maintain_order=True):
        lines = {r["code"]: r["amount"] for r in g.iter_rows(named=True) if r["code"]}
        total = g.filter(pl.col("code").is_null())["amount"]
        level1 = [c for c in lines if len(c) == 3]
        # no 类 line printed (a table of 项 lines, their code parts in 类 | 款 | 项 columns): the lines under no
        # printed line add up to the 合计
        tops = level1 or [c for c in lines if not any(c != p and c.startswith(p) for p in lines)]
        if total.len() and tops:
            what = "各类" if level1 else "各款" if all(len(c) == 5 for c in tops) else "各项"
            yield _check(f"{_m(measure)}列 合计与{what}之和", total[0], (lines[c] for c in tops), failures)
        for parent in [c for c in lines if len(c) in (3, 5)]:
            children = [c for c in lines if len(c) == len(parent) + 2 and c.startswith(parent)]
            if children:
                what = f"{_m(measure)}列 {parent}与各{'款' if len(parent) == 3 else '项'}之和"
                yield _check(what, lines[parent], (lines[c] for c in children), failures)


# Columns a line's 合计 adds up (as fiscal/rules/tables.py): the expenditure kinds; the income sources, with
# 财政拨款收入 in one column or in its funds (then with 上年结转 and 财政专户).
SPENT = ("basic", "project", "reserve", "remit_superior", "operating", "affiliated_subsidy")
BASIC_PARTS = ("personnel", "public")  # 基本支出 printed as 人员经费 | 公用经费 only
SOURCES_FISCAL = ("fiscal", "superior_subsidy", "business", "operating", "affiliated", "other")
SOURCES_FUNDS = ("carried_over", "gpb", "gov_fund", "soe_capital", "special_account", "superior_subsidy", "business",
                 "operating", "affiliated", "other", "unit_funds")


def _measure_checks(rows: list[dict[str, Any]], failures: list[Failure]) -> Iterable[bool]:
    """On each line: 合计 = 基本支出 + 项目支出 (+ the other expenditure columns); a 收入 table's 合计 = Σ its
    sources; 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出 (政府性基金 决算)."""
    if not rows:
        return
    df = pl.DataFrame(rows).select("table", "code", "name", "measure", "amount")
    for (table,), g in df.group_by(["table"], maintain_order=True):
        wide = g.pivot(on="measure", index=["code", "name"], values="amount", aggregate_function="first")
        have = set(wide.columns)
        if table == "income":
            # 财政拨款收入 printed with its funds beside it: the funds are its breakdown, not more income
            sources = SOURCES_FISCAL if "fiscal" in have else SOURCES_FUNDS if "gpb" in have else ()
            parts = [c for c in sources if c in have]
            label = "+".join("经营收入" if p == "operating" else _m(p) for p in parts)
        else:
            # 基本支出 printed only as its parts (人员经费 | 公用经费): the parts in its place
            uses = SPENT if "basic" in have else \
                tuple(x for p in SPENT for x in (BASIC_PARTS if p == "basic" else (p,)))
            parts = [c for c in uses if c in have]
            label = "+".join(_m(p) for p in parts)
            if not ({"basic", "project"} <= set(parts) or {*BASIC_PARTS, "project"} <= set(parts)):
                parts = []
        balance = {"opening", "income", "closing"} <= have and ("total" in have or {"basic", "project"} <= have)
        # an income table's 本年收入 小计 beside 上年结转: the year's sources (no rule repeats this sum)
        year = [p for p in parts if p != "carried_over"] if table == "income" and "current_year" in have else []
        for r in wide.iter_rows(named=True):
            if "total" in have and r["total"] is not None and len(parts) >= 2:
                yield _check(f"{r['code'] or '合计'}行 合计与{label}", r["total"], (r[p] or 0 for p in parts), failures)
            if year and r["current_year"] is not None:
                yield _check(f"{r['code'] or '合计'}行 本年收入小计与"
                             + "+".join("经营收入" if p == "operating" else _m(p) for p in year),
                             r["current_year"], (r[p] or 0 for p in year), failures, judged=False)
            if balance:
                spent = r["total"] if "total" in have and r["total"] is not None else \
                    (r.get("basic") or 0) + (r.get("project") or 0)
                yield _check(f"{r['code'] or '合计'}行 年末结转和结余与年初结转和结余+本年收入-本年支出",
                             r["closing"] or 0, (r["opening"] or 0, r["income"] or 0, -spent), failures)


def _function_classes(rows: list[dict[str, Any]]) -> list[float]:
    """The amounts of a 总表's 功能分类（类） lines whose label is a national 类 name (first printed)."""
    names = class_names()
    seen: dict[str, float] = {}
    for r in rows:
        label = _fold(r.get("label"))
        if r["item"] == "function_class" and label in names:
            seen.setdefault(label, r["amount"])
    return list(seen.values())


def _income_check(table_rows: list[dict[str, Any]], items: dict[str, float], failures: list[Failure]) -> Iterable[bool]:
    """本年收入合计 (else 收入总计) = Σ the year's income lines, a group line and its own lines counted once."""
    rounding = failures.rounding if isinstance(failures, Failures) else ROUNDING
    if (found := income.check(table_rows, items, rounding)) is not None:
        item, what, parts = found
        yield _check(what, items[item], parts, failures)


def _summary_checks(rows: list[dict[str, Any]], failures: list[Failure]) -> Iterable[bool]:
    """总计 = 本年收入 + 年初结转 (+ 使用非财政拨款结余) on each side of the 总表; 本年收入合计 = Σ the income lines;
    本年支出合计 = Σ 功能分类（类）."""
    for table in {r["table"] for r in rows}:
        items: dict[str, float] = {}
        table_rows = [r for r in rows if r["table"] == table]
        for r in table_rows:
            items.setdefault(r["item"], r["amount"])
        yield from _income_check(table_rows, items, failures)
        if "grand_total" in items and "income_total" in items:
            parts = [items["income_total"], items.get("opening_balance", 0), items.get("non_fiscal_balance_used", 0)]
            yield _check("收入方 总计与本年收入+结转结余", items["grand_total"], parts, failures)
        if "grand_total_expenditure" in items and "expenditure_total" in items:
            parts = [items["expenditure_total"], items.get("closing_balance", 0), items.get("balance_distribution", 0)]
            yield _check("支出方 总计与本年支出+结转结余", items["grand_total_expenditure"], parts, failures)
        classes = _function_classes([r for r in rows if r["table"] == table])
        if "expenditure_total" in items and classes:
            yield _check("本年支出合计与各功能分类（类）之和", items["expenditure_total"], classes, failures)


def _cross_checks(frames: dict[str, list[dict[str, Any]]], failures: list[Failure]) -> Iterable[bool]:
    """总表 本年收入/支出合计 = 收入表/支出表 合计."""
    summary = {r["item"]: r["amount"] for r in frames.get("summary", []) if r["table"] == "summary"}
    totals = {
        (r["table"], r["measure"]): r["amount"]
        for r in frames.get("line_items", [])
        if r["code"] is None and r["measure"] == "total"
    }
    pairs = [("income_total", ("income", "total"), "本年收入合计与收入表合计"),
             ("expenditure_total", ("expenditure", "total"), "本年支出合计与支出表合计")]
    for item, key, what in pairs:
        if item in summary and key in totals:
            yield _check(f"总表{what}", summary[item], [totals[key]], failures)


# The lines every 三公 table prints (a zero is printed, not left out): a stage read without one of them is
# a misreading (a label cut by a text-position reader, a column taken for another), never `complete`.
SANGONG_LINES = {"overseas": "因公出国(境)费", "vehicle_total": "公务用车购置及运行费",
                 "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行费", "reception": "公务接待费"}


def sangong_missing(items: Iterable[str]) -> list[str]:
    """The required 三公 lines (printed names) that a stage read with `items` lacks (a table printing 购置费 | 运行费
    under a merged 公务用车 header without a 小计 column lacks no line: its parts are printed)."""
    have = set(items)
    if {"vehicle_purchase", "vehicle_operation"} <= have:
        have.add("vehicle_total")
    return [label for item, label in SANGONG_LINES.items() if item not in have]


def _sangong_checks(rows: list[dict[str, Any]], failures: list[Failure]) -> Iterable[bool]:
    """Every required line read; 三公 合计 = 出国 + 车辆小计 + 接待 (+ 购置 + 运行 where no 小计 is printed); 小计 =
    购置 + 运行 — per stage."""
    for stage in sorted({r["stage"] for r in rows}):
        v = {r["item"]: r["amount"] for r in rows if r["stage"] == stage}
        if missing := sangong_missing(v):
            # total 0 beside non-zero parts: the reading layer never takes it for a printed mismatch
            failures.append(Missing(f"{STAGES.get(stage, stage)} “三公”经费", 0.0, float(len(missing)), len(missing),
                                    lines="、".join(missing)))
            yield False
        vehicle = ("vehicle_total",) if "vehicle_total" in v else ("vehicle_purchase", "vehicle_operation")
        if {"total", "overseas", "reception", *vehicle} <= set(v):
            closes = _check(f"{STAGES.get(stage, stage)} “三公”经费合计与出国+车辆+接待", v["total"],
                            (v["overseas"], *(v[x] for x in vehicle), v["reception"]), failures)
            if not closes and _vehicle_twice(v, failures.rounding if isinstance(failures, Failures) else ROUNDING):
                failures[-1] = replace(failures[-1], counted_twice=True)
            yield closes
        if {"vehicle_total", "vehicle_purchase", "vehicle_operation"} <= set(v):
            yield _check(
                f"{STAGES.get(stage, stage)} 公务用车小计与购置+运行", v["vehicle_total"],
                (v["vehicle_purchase"], v["vehicle_operation"]), failures
            )


def _vehicle_twice(v: dict[str, float], rounding: float) -> bool:
    """The 三公 合计 read is 出国 + 小计 + 购置 + 运行 + 接待: the 公务用车 counted twice (its 小计 closes)."""
    if not {"vehicle_total", "vehicle_purchase", "vehicle_operation"} <= set(v) or abs(v["vehicle_total"]) < 0.005:
        return False
    sub = v["vehicle_purchase"] + v["vehicle_operation"]
    five = v["overseas"] + v["vehicle_total"] + sub + v["reception"]
    return abs(v["vehicle_total"] - sub) <= _tolerance(2, rounding) and \
        abs(v["total"] - five) <= _tolerance(5, rounding)


def _goal_checks(rows: list[dict[str, Any]], failures: list[Failure]) -> Iterable[bool]:
    """绩效目标表: 年度资金申请总额 = 其中 财政拨款 + 上年结转 + 其他资金; 项目资金总额 = 财政资金 + 其他资金."""
    for r in rows:
        for total, parts in GOAL_SUMS.items():
            printed = [r[p] for p in parts if r.get(p) is not None]
            if r.get(total) is not None and printed:
                yield _check(f"{r.get('project') or ''} {GOAL_LABELS[total]}与其中各项之和".strip(), r[total],
                             printed, failures)


def _economic_checks(rows: list[dict[str, Any]], failures: list[Failure]) -> Iterable[bool]:
    """人员经费合计 / 公用经费合计 = Σ of their 类-level lines; 合计 = Σ 类; 类 = Σ 款 (when its 款 are printed)."""
    totals = {r["group"]: r["amount"] for r in rows
              if r["code"] is None and r["name"] in ("人员经费合计", "公用经费合计")}
    for group, total in totals.items():
        classes = [r["amount"] for r in rows if r["code"] and len(r["code"]) == 3 and r["group"] == group]
        if classes:
            what = f"{'人员经费' if group == 'personnel' else '公用经费'}合计与各类之和"
            yield _check(what, total, classes, failures)
    lines = {r["code"]: r["amount"] for r in rows if r["code"]}
    grand = [r["amount"] for r in rows if r["code"] is None and r["name"] in ("合计", "总计")]
    level1 = [c for c in lines if len(c) == 3]
    if grand and level1 and not totals:
        yield _check("经济分类 合计与各类之和", grand[0], (lines[c] for c in level1), failures)
    for parent in level1:
        children = [c for c in lines if len(c) == 5 and c.startswith(parent)]
        if children:
            yield _check(f"经济分类 {parent}与各款之和", lines[parent], (lines[c] for c in children), failures)
