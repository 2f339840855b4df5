"""项目(支出)绩效目标表 (a budget's per-project performance-goal form) → project_goals.

Two layouts, told apart by structure, never by file or page:

- form (one project per table instance; stitch starts a new one at every title): label
  cells (项目名称, 主管部门, 实施单位) with their value to the right; a funds block whose
  totals (项目资金总额, 年度资金申请总额, 年度资金总额, 资金总额 …) print their amount to
  the right and their parts (其中：财政拨款, 上年结转资金, 其他资金) in the same column
  below; the goal (年度总体目标, its text to the right or below); the indicator block
  (一级/二级/三级指标, 指标值). A part's label is the nearest text to its left in its row
  (a label lost in a merged cell is read from the row's other half, which prints the same).
- list (several projects per table): one header row naming 项目名称, an amount column
  (预算数 / 金额) and the indicator columns; a project's first row carries its name.

Amounts go to 万元 (the form states its unit beside 项目资金: （元） / （千元） / （万元））. A part whose
label is not a known fund line is reported (the table is then `partial`), never guessed.
"""

from __future__ import annotations

import re
from typing import Any

from fiscal.schema import GOAL_SUMS
from ingest.model import DocMeta, ParseResult, RawTable
from ingest.numbers import in_wan, normalize_text, try_number
from ingest.parsers.columns import compact
from ingest.parsers.selfeval_cells import funds_unit
from ingest.targets import compose

Grid = list[list[str]]

_PROJECT = ("项目名称", "项目支出名称")
_DEPARTMENT = ("主管部门", "主管部门及代码", "预算部门", "部门名称")
_IMPLEMENTER = ("实施单位", "项目实施单位", "预算单位")
_GOAL = ("年度总体目标", "年度目标", "年度绩效目标", "总体目标")
_TOTAL = re.compile(r"^(?P<scope>项目|年度|中期)?资金(?:申请)?总额$")
# part label → the last word of its column name (requested_/project_ + it); 结转 before 财政 (上年结转财政资金)
_PARTS = (("结转", "carried_over"), ("其他", "other"), ("财政", "fiscal"))
_BLOCK_ENDS = ("目标", "指标")  # words of the rows after the funds block
_AMOUNT_HEADERS = ("预算数", "预算金额", "金额", "资金总额", "年度资金", "预算")
_LABEL_PUNCT = re.compile(r"[:：\s]")
_WRAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef—])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def _text(cell: str) -> str:
    """Cell text with the line wraps inside Chinese text closed up (信息平台\n建设 → 信息平台建设)."""
    return _WRAP.sub("", normalize_text(cell))


def _label(cell: str) -> str:
    """A cell as a label: no spaces, colons or a leading 其中."""
    return _LABEL_PUNCT.sub("", compact(cell)).removeprefix("其中")


def _amount(cell: str) -> float | None:
    """A printed amount (decimal or grouped digits), not a bare count or a text."""
    text = normalize_text(cell)
    if not text or not any(ch.isdigit() for ch in text):
        return None
    return try_number(text)


def _right(row: list[str], j: int) -> tuple[int, str] | None:
    """The first cell right of a label (and of the cells its merged span copies), non-empty."""
    k = j + 1
    while k < len(row) and row[k] == row[j]:
        k += 1
    while k < len(row) and not normalize_text(row[k]):
        k += 1
    return (k, row[k]) if k < len(row) else None


def _find(grid: Grid, labels: tuple[str, ...]) -> tuple[int, int] | None:
    """(row, column) of the first cell whose label is one of `labels`."""
    for r, row in enumerate(grid):
        for j, cell in enumerate(row):
            if _label(cell) in labels:
                return r, j
    return None


def _value(grid: Grid, labels: tuple[str, ...], below: bool = False) -> str | None:
    """The text printed right of a label (or, with `below`, under it when nothing is to its right)."""
    hit = _find(grid, labels)
    if hit is None:
        return None
    r, j = hit
    right = _right(grid[r], j)
    if right is not None and _label(right[1]) not in labels:
        return _text(right[1])
    if below and r + 1 < len(grid) and j < len(grid[r + 1]):
        return _text(grid[r + 1][j]) or None
    return None


def _part_label(row: list[str], col: int) -> str:
    """The nearest text cell left of column `col`, skipping blanks and amounts."""
    for k in range(col - 1, -1, -1):
        cell = normalize_text(row[k])
        if cell and _amount(cell) is None:
            return _label(cell)
    return ""


def _funds(grid: Grid, factor: float, warnings: list[str]) -> dict[str, float]:
    """The funds block: each total right of its label, its parts in the same column below."""
    out: dict[str, float] = {}
    for r, row in enumerate(grid):
        for j, cell in enumerate(row):
            m = _TOTAL.match(_label(cell))
            if not m or (j and row[j - 1] == cell):
                continue
            right = _right(row, j)
            if right is None or (total := _amount(right[1])) is None:
                continue  # a column heading (中期资金总额 over its column), not a total line
            prefix = "project" if m.group("scope") in ("项目", "中期") else "requested"
            if f"{prefix}_total" in out:
                continue
            col = right[0]
            out[f"{prefix}_total"] = in_wan(total, factor)
            for below in grid[r + 1:]:
                if any(w in _label(c) for c in below for w in _BLOCK_ENDS):
                    break  # the goal or indicator block: the funds block has ended
                if col >= len(below) or (value := _amount(below[col])) is None:
                    if col < len(below) and normalize_text(below[col]):
                        break  # text in the amount column: the funds block has ended
                    continue
                label = _part_label(below, col)
                if _TOTAL.match(label):
                    break  # the next total's line
                key = next((k for word, k in _PARTS if word in label), None)
                if key is None or f"{prefix}_{key}" in out:
                    warnings.append(f"未识别的资金行“{label or '（无标签）'}” {below[col]} / "
                                    f"fund line not understood")
                    continue
                out[f"{prefix}_{key}"] = in_wan(value, factor)
    return out


def _indicator_columns(row: list[str]) -> dict[str, int] | None:
    """Columns of 一级/二级/三级指标 and 指标值 in a header row (the first cell of each span)."""
    cols: dict[str, int] = {}
    for j, cell in enumerate(row):
        label = _label(cell)
        for key, word in (("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标")):
            if label == word:
                cols.setdefault(key, j)
        if "指标值" in label:
            cols.setdefault("value", j)
        elif label in ("指标性质", "度量单位", "计量单位"):
            cols.setdefault("nature" if label == "指标性质" else "unit", j)
    return cols if {"name", "value"} <= set(cols) else None


def _targets(rows: Grid, cols: dict[str, int]) -> list[str]:
    """"一级/二级/三级：指标值" per indicator row (一级/二级 carried down their merged blocks)."""
    out, carried = [], {"level1": "", "level2": ""}
    for row in rows:
        def cell(key: str, row: list[str] = row) -> str:
            j = cols.get(key)
            return _text(row[j]) if j is not None and j < len(row) else ""

        for key in carried:
            carried[key] = cell(key) or carried[key]
        name = cell("name")
        value = cell("value") if "nature" not in cols else compose(cell("nature"), cell("value"), cell("unit"))
        if name and _indicator_columns(row) is None:
            path = "/".join(x for x in (carried["level1"], carried["level2"], name) if x)
            out.append(f"{path}：{value}")
    return out


def _form(grid: Grid, factor: float, warnings: list[str]) -> dict[str, Any]:
    """The one project of a form layout."""
    header = next(((r, c) for r, row in enumerate(grid) if (c := _indicator_columns(row))), None)
    return {
        "project": _value(grid, _PROJECT),
        "department": _value(grid, _DEPARTMENT),
        "implementing_unit": _value(grid, _IMPLEMENTER),
        **_funds(grid, factor, warnings),
        "goal": _value(grid, _GOAL, below=True),
        "targets": _targets(grid[header[0] + 1:], header[1]) if header else [],
    }


def list_header(grid: Grid) -> int | None:
    """The row of a list layout's header (项目名称 beside the indicator columns), or None (a form)."""
    return next((r for r, row in enumerate(grid)
                 if any(_label(c) in _PROJECT for c in row) and _indicator_columns(row)), None)


def _continues(prev: dict[str, Any], row: dict[str, Any]) -> bool:
    """A project's first row on a new page is the previous page's project going on: the same name, and
    either no amount (the rest of its merged cells) or the same amount with its goal printed again."""
    if row["project"] != prev["project"]:
        return False
    if row["requested_total"] is None:
        return True
    goal, before = row["goal"] or "", prev["goal"] or ""
    return row["requested_total"] == prev["requested_total"] and (not goal or goal in before or before in goal)


def _join(prev: dict[str, Any], row: dict[str, Any]) -> None:
    """The project's rows on the next page added to it: its indicators, and the goal's part printed there."""
    prev["targets"] += row["targets"]
    goal, before = row["goal"] or "", prev["goal"] or ""
    prev["goal"] = (before if goal in before else goal if before in goal else before + goal) or None
    if prev["requested_total"] is None:
        prev["requested_total"] = row["requested_total"]


def _list(grid: Grid, pages: list[int], r0: int, factor: float) -> list[tuple[int, dict[str, Any]]]:
    """(page, row) per project of a list layout whose header is row `r0` (a header repeated on a later
    page is skipped; a project whose name is repeated at the top of the next page is one project)."""
    head = [_label(c) for c in grid[r0]]
    name_col = head.index(next(h for h in head if h in _PROJECT))
    amount_col = next((j for j, h in enumerate(head) if any(w in h for w in _AMOUNT_HEADERS)), None)
    goal_col = next((j for j, h in enumerate(head) if h in _GOAL or "目标" in h), None)
    cols = _indicator_columns(grid[r0]) or {}
    starts = [r for r in range(r0 + 1, len(grid))
              if _text(grid[r][name_col]) and _label(grid[r][name_col]) not in _PROJECT]
    out: list[tuple[int, dict[str, Any]]] = []
    previous = -1
    for start, end in zip(starts, [*starts[1:], len(grid)], strict=True):
        block = [row for row in grid[start:end] if _indicator_columns(row) is None]
        first = block[0]
        amount = _amount(first[amount_col]) if amount_col is not None else None
        goal = _text(first[goal_col]) if goal_col is not None else ""
        row = {"project": _text(first[name_col]), "goal": goal or None,
               "requested_total": None if amount is None else in_wan(amount, factor),
               "targets": _targets(block, cols) if cols else []}
        if out and (pages[start] != pages[previous] and _continues(out[-1][1], row)
                    or all(out[-1][1][k] == row[k] for k in ("project", "goal", "requested_total"))):
            _join(out[-1][1], row)
        else:
            out.append((pages[start], row))
        previous = start
    return out


def parse(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
    """One 绩效目标表 instance → project_goals rows (form: one project; list: one per project)."""
    grid = [list(r) for r in table.header] + [list(r) for r in table.rows]
    pages = [table.pages[0]] * len(table.header) + list(table.row_pages)
    if not grid:
        return
    table.unit = funds_unit(grid, table.unit)  # the readings judge the table's figures in this unit
    factor = table.factor
    head = list_header(grid)
    if head is not None:
        found = _list(grid, pages, head, factor)
    else:
        row = _form(grid, factor, result.warnings)
        found = [(table.pages[0], row)] if row["project"] or any(k in row for k in GOAL_SUMS) else []
    result.add("project_goals", [{**doc.common(page), **row} for page, row in found])
