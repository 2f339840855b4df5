"""A 三公 section printed inside the 基本支出 table: under the 经济分类 lines, a line naming “三公”经费 and the 三公
items below it (因公出国（境）费, 公务用车购置及运行费 …), their figures in the 合计 column, no code.

Those lines are no 经济分类 lines (公务接待费 is also the name of 款 30217: read as one, it would be counted twice);
they are the 三公 table's lines, read as a table of items as lines with one figure column, of the document's stage.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.model import RawTable
from ingest.numbers import is_number
from ingest.parsers.columns import column_labels, compact
from ingest.parsers.sangong_labels import item_of

_CODE = re.compile(r"^\d{3}(?:\d{2})?$")
_AMOUNT = ("合计", "决算数", "预算数", "金额", "小计")


def _names_sangong(row: list[str]) -> bool:
    """A line naming the 三公 (“三公”经费, “三公”经费合计 …) and no 经济分类 code."""
    return any("三公" in compact(c) for c in row) and not any(_CODE.match(compact(c)) for c in row)


def split(table: RawTable, stage_word: str) -> tuple[RawTable, RawTable | None]:
    """(the 基本支出 table without its 三公 section, the section as a 三公 table of 项目 | `stage_word`) — or the
    table as it is and None when it prints no such section."""
    start = next((k for k, row in enumerate(table.rows) if _names_sangong(row)), None)
    if start is None:
        return table, None
    section = table.rows[start:]
    if not any(item_of(compact(c)) not in (None, "total") for row in section for c in row if not is_number(c)):
        return table, None  # a line naming 三公 and no item under it: not a section
    width = max(len(r) for r in [*table.header, *table.rows])
    labels = column_labels(table.header, width)
    figures = [j for j in range(width) if any(j < len(r) and compact(r[j]) and is_number(r[j]) for r in section)]
    if not figures:
        return table, None
    named = [j for j in figures if any(w in t for t in labels[j] for w in _AMOUNT)]
    col = (named or figures)[0]  # the 合计 column (人员经费 / 公用经费 beside it split the same figure)
    rows, pages = [], []
    for row, page in zip(section, table.row_pages[start:], strict=True):
        label = "".join(compact(c) for c in row[:col] if not is_number(c))
        figure = row[col] if col < len(row) else ""
        if compact(figure):  # the section's heading line has no figure of its own
            rows.append([label, figure])
            pages.append(page)
    basic = replace(table, rows=table.rows[:start], row_pages=table.row_pages[:start])
    sangong = replace(table, family="sangong", header=[["项目", stage_word]], rows=rows, row_pages=pages,
                      pages=sorted(set(pages)) or table.pages)
    return basic, sangong
