"""绩效自评结果汇总表 (many projects, one line each: 项目名称 | 预算数 | 执行数 | 执行率 | 自评得分 | 等级) → projects.

The list a 部门决算 or a 自评报告 prints instead of (or before) one form per project: each line is one projects row
with its budget, execution, printed rate, total score and grade, and no execution score (the list prints none).
The 合计 line is checked against the lines above it (预算数 and 执行数 columns), so a list whose sums do not close is
never `complete`. A list grouped by unit prints a 小计 after each unit's lines: checked against them, not a project;
the unit's name, merged down its lines, is each line's implementing_unit. The header may be one row or two (预算执行情况
over 年度预算数 | 执行数 | 执行率); columns are told apart by their words, never by position. Amounts are kept in 万元:
a header stating its unit (预算数（千元）, 执行数（元）) is read in it, else the table's 单位 line.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from ingest.checks import Failure, Failures, rounding_of
from ingest.checks import _check as check_sum
from ingest.model import DocMeta, ParseResult, RawTable
from ingest.numbers import in_wan, try_number
from ingest.parsers.columns import compact
from ingest.parsers.selfeval_cells import (
    CODE_LABELS,
    GRADES,
    Rules,
    cell_at,
    clean,
    funds_unit,
    map_columns,
    rate_of,
    split_code,
)

COLUMNS: Rules = (
    ("seq", ("序号",)),
    ("exec_rate_reported", ("执行率",)),
    ("budget_initial", ("年初预算",)),
    ("budget_full_year", ("全年预算", "年度预算", "调整后预算", "预算数", "预算金额", "预算安排")),
    ("executed", ("执行数", "实际支出", "支出数", "执行金额", "决算数")),
    ("total_score", ("自评得分", "得分", "总分", "自评分")),
    ("grade", ("等级", "评价结果", "自评结果")),
    ("unit", ("实施单位", "单位名称", "预算单位", "主管部门")),
    ("project", ("项目名称",)),
    ("code", CODE_LABELS),
)
_BARE_PROJECT: Rules = (("project", ("项目",)),)  # a header of 项目 alone, when no column says 项目名称
_TOTALS = ("合计", "总计")
_SUBTOTALS = ("小计",)  # a unit's lines summed: checked against them, not a project
_HEADER_ROWS = 4  # a header is never deeper than this


def _header(rows: list[list[str]]) -> tuple[int, dict[str, int], list[bool]] | None:
    """(index of the last header row, column key → index, which columns have no header words): the first rows
    that name a project and an amount column, each column's words the join of its cells down those rows (a
    two-level header)."""
    for end in range(min(_HEADER_ROWS, len(rows))):
        if any(try_number(clean(c)) is not None for c in rows[end] if clean(c)) and end:
            break
        width = max(len(r) for r in rows[: end + 1])
        joined = ["".join(clean(r[j]) if j < len(r) else "" for r in rows[: end + 1]) for j in range(width)]
        cols = map_columns(joined, COLUMNS)
        if "project" not in cols:
            bare = [text if j not in cols.values() else "" for j, text in enumerate(joined)]
            cols |= map_columns(bare, _BARE_PROJECT)
        if "project" in cols and ("budget_full_year" in cols or "executed" in cols) and (
                end + 1 >= len(rows) or not _is_header_row(rows[end + 1])):
            return end, cols, [not text for text in joined]
    return None


def _is_header_row(row: list[str]) -> bool:
    """A row of column words only (the lower half of a two-level header)."""
    cells = [compact(clean(c)) for c in row if clean(c)]
    return bool(cells) and all(try_number(c) is None for c in cells) and any(
        any(w in c for w in ("预算", "执行", "得分", "等级")) for c in cells)


def _amount(row: list[str], j: int | None, factor: float, bare: list[bool]) -> float | None:
    """The amount under column j: its cell joined with the cells of the unheaded columns right of it (a reader
    that cut a column in two puts "1" | ",170.20", or "" | "171.00", under one header)."""
    if j is None or j >= len(row):
        return None
    k = j + 1
    while k < len(row) and k < len(bare) and bare[k]:
        k += 1
    value = try_number("".join(clean(c) for c in row[j:k]).replace(" ", ""))
    return in_wan(value, factor) if value is not None else None


def _cell(row: list[str], j: int | None) -> str:
    return clean(row[j]) if j is not None and j < len(row) else ""


def _score(row: list[str], j: int | None) -> float | None:
    """The project's printed score (95, 95分); None when the list has no score column or the cell is blank or a
    dash — a list that grades its projects and scores none must not read as scoring each 0."""
    text = _cell(row, j).replace(" ", "").removesuffix("分")
    if not text or text.strip("-—–－/") == "":
        return None
    return try_number(text)


# cells only a form prints: its indicator block, its goals, its funds block's lines, a Word form's fused label
_FORM_WORDS = ("三级指标", "年度总体目标", "一级指标", "年度指标值", "指标名称", "年度资金总额", "资金总额",
               "项目资金", "项目资金(万元)", "项目资金(元)", "年度预算申请", "年度预算申请(万元)")


def is_list(table: RawTable) -> bool:
    """A list of projects, one a line (its header names a project column and an amount column), not a form (no
    indicator block, no 年度总体目标) — whichever of the two the title says it is."""
    rows = [list(r) for r in table.header] + [list(r) for r in table.rows]
    cells = [compact(clean(c)) for r in rows for c in r]
    if any(c in _FORM_WORDS or c.startswith("项目名称:") for c in cells):
        return False
    return _header(rows) is not None


def parse(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
    """Every project line of the list; the 合计 line checked, a mismatch a failure of the table."""
    rows = [list(r) for r in table.header] + [list(r) for r in table.rows]
    pages = [table.pages[0]] * len(table.header) + list(table.row_pages)
    found = _header(rows)
    if found is None:
        result.warnings.append(f"{table.title}（第{table.pages[0]}页）：未识别表头 / list header not understood")
        return
    end, cols, bare = found
    table.unit = funds_unit(rows[:end + 1], table.unit)  # 预算数（千元）: the headers' unit over the page's
    factor = table.factor
    rate_head = "".join(cell_at(r, cols.get("exec_rate_reported")) for r in rows[:end + 1])  # 执行率(%)
    out: list[dict[str, Any]] = []
    totals: dict[str, float | None] = {}
    subtotals: list[tuple[dict[str, float | None], list[dict[str, Any]]]] = []
    group = 0  # the first line of the current unit's group
    unit = ""  # a unit column merged down: its name printed once, for every line of its group
    for row, page in zip(rows[end + 1:], pages[end + 1:], strict=True):
        name = _cell(row, cols["project"])
        first = next((compact(clean(c)) for c in row if clean(c)), "")
        budget = _amount(row, cols.get("budget_full_year"), factor, bare)
        executed = _amount(row, cols.get("executed"), factor, bare)
        if first in _TOTALS or compact(name) in _TOTALS:
            totals = {"budget_full_year": budget, "executed": executed}
            continue
        if compact(name) in _SUBTOTALS or first in _SUBTOTALS:
            subtotals.append(({"budget_full_year": budget, "executed": executed}, out[group:]))
            group = len(out)
            continue
        unit = _cell(row, cols.get("unit")) or unit
        if not name or (budget is None and executed is None):
            continue
        try:
            rate = rate_of(_cell(row, cols.get("exec_rate_reported")), rate_head)
        except ValueError:
            rate = None
        project, code = split_code(name)
        code = _cell(row, cols.get("code")).replace(" ", "") or code  # a 项目编码 column of its own
        grade = compact(_cell(row, cols.get("grade")))
        out.append({
            **doc.common(page), "project": project, "project_code": code,
            "implementing_unit": unit or None,
            "budget_initial": _amount(row, cols.get("budget_initial"), factor, bare),
            "budget_full_year": budget, "executed": executed,
            "exec_rate_reported": round(rate, 6) if rate is not None else None,
            "exec_rate": round(executed / budget, 4) if budget and executed is not None else None,
            "exec_weight": None, "exec_score": None,
            "total_score": _score(row, cols.get("total_score")),
            "grade": GRADES.get(unicodedata.normalize("NFKC", grade)),
        })
    result.add("projects", out)
    result.failures.extend(_sums(table, [(totals, out, "合计"), *((t, lines, "小计") for t, lines in subtotals)]))


def _sums(table: RawTable, groups: list[tuple[dict[str, float | None], list[dict[str, Any]], str]]) -> list[Failure]:
    """The 合计 line against every project line, each 小计 against its group's lines, column by column (budget,
    execution)."""
    failures = Failures(rounding_of(table.unit))
    for totals, lines, what in groups:
        for key, label in (("budget_full_year", "预算数"), ("executed", "执行数")):
            total = totals.get(key)
            if total is not None:
                check_sum(f"{label}列 {what}与各项目之和", total, (r[key] or 0.0 for r in lines), failures,
                          judged=False)
    return list(failures)
