"""Basic-expenditure tables (经济分类: 人员经费 / 公用经费) → economic_items.

Published side by side in blocks of (code, name, amount) — codes whole ("30101") or
split into 类/款 columns ("301" "01") — or as one block with 合计/人员经费/公用经费
columns. Blocks are found from the header: every 名称 column starts a line, its code
is in the columns before it, its amount is the first amount column after it
(决算数 or 合计).
"""

from __future__ import annotations

import re

from ingest.model import DocMeta, ParseResult, RawTable
from ingest.numbers import AmbiguousCell, in_wan, to_number, try_number
from ingest.parsers.columns import column_labels, compact, settle_labels
from ingest.parsers.named_codes import economic_code_of_name

_GROUP_BY_PREFIX = {"301": "personnel", "303": "personnel", "302": "public", "307": "public", "309": "public",
                    "310": "public", "312": "public", "313": "public", "399": "public"}
_TOTALS = {"人员经费合计": "personnel", "公用经费合计": "public", "人员经费": "personnel", "公用经费": "public"}
_AMOUNT_WORDS = ("决算数", "合计", "预算数", "金额", "小计")


def group_of(code: str | None, name: str = "") -> str | None:
    """人员经费 (personnel) or 公用经费 (public) for an economic code."""
    if code:
        return _GROUP_BY_PREFIX.get(code[:3], "other")
    return _TOTALS.get(name)


def blocks(labels: list[list[str]]) -> list[tuple[list[int], int, int]]:
    """(code columns, name column, amount column) for each side-by-side block."""
    out = []
    start = 0
    width = len(labels)
    for c, texts in enumerate(labels):
        if not any("名称" in t for t in texts):
            continue
        amount = next((k for k in range(c + 1, width) if any(w in t for t in labels[k] for w in _AMOUNT_WORDS)), c + 1)
        if amount >= width:
            continue
        out.append((list(range(start, c)), c, amount))
        # The next block starts after this block's amount columns.
        nxt = amount + 1
        while nxt < width and not any("编码" in t or "类" == t or "名称" in t for t in labels[nxt]):
            nxt += 1
        start = nxt
    return out


# an economic code printed in the name cell, before the name: "30101 基本工资", "[301]工资福利支出", "30201-办公费"
_FUSED = re.compile(r"^[\[【（(]?(\d{3}|\d{5})(?!\d)[\]】）)]?[\s\u3000]*[-—－_:：、.．]?[\s\u3000]*"
                    r"([\u4e00-\u9fff].*)$")
_SUBJECT_WORDS = ("科目", "项目")


def fused_blocks(labels: list[list[str]], rows: list[list[str]]) -> list[tuple[list[int], int, int]]:
    """One block of a table with no 名称 column: the 科目 / 项目 column whose cells print code and name together
    ("30101 基本工资") or the classification's names alone, its amount the first 合计 / 预算数 … column after it."""
    width = len(labels)
    for c, texts in enumerate(labels):
        cells = [compact(r[c]) for r in rows if c < len(r) and compact(r[c])]
        if not any(w in t for t in texts for w in _SUBJECT_WORDS) or not cells:
            continue
        # codes fused with their names ("30101 基本工资"), or names only (基本工资: the classification's names)
        if 2 * sum(bool(_FUSED.match(x)) or economic_code_of_name(x, None) is not None for x in cells) < len(cells):
            continue
        amount = next((k for k in range(c + 1, width) if any(w in t for t in labels[k] for w in _AMOUNT_WORDS)), None)
        if amount is not None:
            return [([], c, amount)]
    return []


def _unknown_line(name: str, amount: str) -> bool:
    """A named line printing a non-zero figure (not a header word repeated on a later page)."""
    header = any(w in name for w in (*_AMOUNT_WORDS, "名称", "科目"))
    if not re.search(r"[\u4e00-\u9fff]", name) or name in _TOTALS or header:
        return False
    value = try_number(amount)
    return value is not None and abs(value) >= 0.005


# 经济分类 classes are 301–399 (部门预算) and 501–599 (政府预算); 1xx and 2xx are the 收入 / 支出功能分类: a 基本支出
# table printed by 功能分类 lines (201 一般公共服务支出 …) holds no economic line
_ECONOMIC = re.compile(r"^[35]\d{2}(?:\d{2})?$")


def code_of(cells: list[str], last: str | None = None) -> str | None:
    """The economic code printed in a block's code cells: "30101", or "301" + "01" (None: no economic code).

    A 款 line that prints only its "01" in the 款 column (the 类 printed once, on its own
    line above) takes its 类 from the line before (`last`).
    """
    code = _code_of(cells, last)
    return code if code is None or _ECONOMIC.match(code) else None


def _code_of(cells: list[str], last: str | None) -> str | None:
    digits = [c for c in cells if c.isdigit()]
    whole = [c for c in digits if len(c) == 5]
    if whole:
        return whole[0]
    short = [c for c in digits if len(c) in (2, 3)]
    if short and len(short[0]) == 3:
        code = short[0] + (short[1] if len(short) > 1 and len(short[1]) == 2 else "")
        return code if len(code) in (3, 5) else None
    if len(short) == 1 and len(cells) > 1 and not cells[0] and last:
        return last[:3] + short[0]
    return None


def parse(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
    """Append economic_items rows, one per (code, name) line of every block."""
    width = max([len(r) for r in table.rows] + [len(r) for r in table.header] + [0])
    # a text-position reading may put a label over a blank column beside its figures
    labels = column_labels(settle_labels(table.header, table.rows) or table.header, width)
    found = blocks(labels) or fused_blocks(labels, table.rows)
    if not found:
        result.warnings.append(f"{table.title}（第{table.pages[0]}页）：未识别经济分类列 / no 科目名称 column")
        return
    rows = []
    seen: set[tuple[str | None, str]] = set()
    last: dict[int, str | None] = {}  # block → the code of its line before (parts printed at their level)
    for row, page in zip(table.rows, table.row_pages, strict=True):
        cells = [compact(c) for c in row] + [""] * (width - len(row))
        for block, (code_cols, name_col, amount_col) in enumerate(found):
            # A 合计 line may print its label in the code column of its block.
            name = cells[name_col] or next((cells[k] for k in code_cols if "合计" in cells[k]), "")
            code = code_of([cells[k] for k in code_cols], last.get(block))
            if code is None and (fused := _FUSED.match(name)) and _ECONOMIC.match(fused.group(1)):
                code, name = fused.group(1), fused.group(2)  # "30101 基本工资" in one cell
            # a name printed without its code (its code cell blank: not a unit's code, nor what a misread moved there)
            named_only = not any(cells[k] for k in code_cols)
            if code is None and name and name not in _TOTALS and "合计" not in name and named_only:
                code = economic_code_of_name(name, last.get(block))
            last[block] = code or last.get(block)
            if not name or (code is None and "合计" not in name and name not in _TOTALS):
                if named_only and name and _unknown_line(name, row[amount_col] if amount_col < len(row) else ""):
                    # a line with its figure whose name is no 经济分类 name: the table is not read whole
                    result.warnings.append(f"{table.title}（第{page}页）：科目名称“{name}”未识别 / name unknown")
                continue
            if code is None and re.fullmatch(r"合计", name) and len(found) == 1:
                name = "合计"
            if code is None and cells[amount_col] == name:
                continue  # a 合计 label merged over this block's amount column: its figure is in a later block
            try:
                amount = in_wan(to_number(row[amount_col] if amount_col < len(row) else ""), table.factor)
            except AmbiguousCell as exc:
                result.warnings.append(f"{table.title}（第{page}页）{code or name}：{exc}")
                continue
            if (code, name) in seen:
                continue
            seen.add((code, name))
            rows.append({**doc.common(page), "code": code, "name": name, "group": group_of(code, name),
                         "amount": amount})
    result.add("economic_items", rows)
