"""Arithmetic checks at ingest: do the tables add up, within published rounding?

Each check compares a printed total with the sum of its printed parts. Tables are
converted to 万元 with two decimals, so each part may be off by up to 0.005; a
difference up to 0.01 per part (尾数误差) passes. Failures become document
warnings that state the numbers.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from ingest.model import ParseResult

ROUNDING = 0.01  # 万元 per summed line


def _tolerance(n_parts: int) -> float:
    return ROUNDING * max(n_parts, 1) + 1e-9


def _check(name: str, total: float, parts: Iterable[float], failures: list[str]) -> bool:
    parts = list(parts)
    diff = round(total - sum(parts), 2)
    if abs(diff) <= _tolerance(len(parts)):
        return True
    failures.append(f"校验失败 {name}: 合计 {total:,.2f} ≠ 分项之和 {sum(parts):,.2f}（差 {diff:+,.2f}）")
    return False


def run(result: ParseResult) -> tuple[int, list[str]]:
    """(number of checks passed, failure messages) for one document's rows."""
    failures: list[str] = []
    passed = 0
    for ok in (
        *_line_item_checks(result.frames.get("line_items", []), failures),
        *_measure_checks(result.frames.get("line_items", []), failures),
        *_summary_checks(result.frames.get("summary", []), failures),
        *_cross_checks(result.frames, failures),
        *_sangong_checks(result.frames.get("sangong", []), failures),
        *_economic_checks(result.frames.get("economic_items", []), failures),
    ):
        passed += ok
    return passed, failures


def _line_item_checks(rows: list[dict], failures: list[str]) -> Iterable[bool]:
    """合计 = Σ 类; 类 = Σ 款; 款 = Σ 项 — per table and measure."""
    if not rows:
        return
    df = pl.DataFrame(rows).select("table", "code", "level", "measure", "amount")
    for (table, measure), g in df.group_by(["table", "measure"], maintain_order=True):
        lines = {r["code"]: r["amount"] for r in g.iter_rows(named=True) if r["code"]}
        total = g.filter(pl.col("code").is_null())["amount"]
        level1 = [c for c in lines if len(c) == 3]
        if total.len() and level1:
            yield _check(f"{table}/{measure} 合计=Σ类", total[0], (lines[c] for c in level1), failures)
        for parent in [c for c in lines if len(c) in (3, 5)]:
            children = [c for c in lines if len(c) == len(parent) + 2 and c.startswith(parent)]
            if children:
                yield _check(f"{table}/{measure} {parent}=Σ下级", lines[parent], (lines[c] for c in children), failures)


def _measure_checks(rows: list[dict], failures: list[str]) -> Iterable[bool]:
    """合计 = 基本支出 + 项目支出 (+ other expenditure columns) on each line."""
    if not rows:
        return
    df = pl.DataFrame(rows).select("table", "code", "name", "measure", "amount")
    for (table,), g in df.group_by(["table"], maintain_order=True):
        if table == "gov_fund":
            continue  # its 合计 columns are balances, not basic + project
        wide = g.pivot(on="measure", index=["code", "name"], values="amount", aggregate_function="first")
        parts = [c for c in ("basic", "project", "remit_superior", "operating", "affiliated_subsidy") if c in wide.columns]
        if "total" not in wide.columns or not {"basic", "project"} <= set(parts):
            continue
        for r in wide.iter_rows(named=True):
            if r["total"] is None:
                continue
            yield _check(f"{table} {r['code'] or '合计'} 合计=基本+项目", r["total"], (r[p] or 0 for p in parts), failures)


def _summary_checks(rows: list[dict], failures: list[str]) -> Iterable[bool]:
    """总计 = 本年收入 + 年初结转 (+ 使用非财政拨款结余) on each side of the 总表."""
    for table in {r["table"] for r in rows}:
        items = {}
        for r in rows:
            if r["table"] == table:
                items.setdefault(r["item"], r["amount"])
        if "grand_total" in items and "income_total" in items:
            parts = [items["income_total"], items.get("opening_balance", 0), items.get("non_fiscal_balance_used", 0)]
            yield _check(f"{table} 收入总计", items["grand_total"], parts, failures)
        if "grand_total_expenditure" in items and "expenditure_total" in items:
            parts = [items["expenditure_total"], items.get("closing_balance", 0), items.get("balance_distribution", 0)]
            yield _check(f"{table} 支出总计", items["grand_total_expenditure"], parts, failures)


def _cross_checks(frames: dict[str, list[dict]], failures: list[str]) -> Iterable[bool]:
    """总表 本年收入/支出合计 = 收入表/支出表 合计."""
    summary = {r["item"]: r["amount"] for r in frames.get("summary", []) if r["table"] == "summary"}
    totals = {
        (r["table"], r["measure"]): r["amount"]
        for r in frames.get("line_items", [])
        if r["code"] is None and r["measure"] == "total"
    }
    pairs = [("income_total", ("income", "total")), ("expenditure_total", ("expenditure", "total"))]
    for item, key in pairs:
        if item in summary and key in totals:
            yield _check(f"总表 {item} = {key[0]}表 合计", summary[item], [totals[key]], failures)


def _sangong_checks(rows: list[dict], failures: list[str]) -> Iterable[bool]:
    """三公 合计 = 出国 + 车辆小计 + 接待; 小计 = 购置 + 运行 — per stage."""
    for stage in {r["stage"] for r in rows}:
        v = {r["item"]: r["amount"] for r in rows if r["stage"] == stage}
        if {"total", "overseas", "vehicle_total", "reception"} <= set(v):
            yield _check(f"三公 {stage} 合计", v["total"], (v["overseas"], v["vehicle_total"], v["reception"]), failures)
        if {"vehicle_total", "vehicle_purchase", "vehicle_operation"} <= set(v):
            yield _check(
                f"三公 {stage} 公务用车小计", v["vehicle_total"], (v["vehicle_purchase"], v["vehicle_operation"]), failures
            )


def _economic_checks(rows: list[dict], failures: list[str]) -> Iterable[bool]:
    """人员经费合计 / 公用经费合计 = Σ of their 类-level lines."""
    totals = {r["group"]: r["amount"] for r in rows if r["code"] is None and r["name"] in ("人员经费合计", "公用经费合计")}
    for group, total in totals.items():
        classes = [r["amount"] for r in rows if r["code"] and len(r["code"]) == 3 and r["group"] == group]
        if classes:
            yield _check(f"基本支出 {group} 合计=Σ类", total, classes, failures)
