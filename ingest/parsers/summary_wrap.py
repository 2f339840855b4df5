"""A 总表's labels wrapped over two lines, as a text-position reader returns them, put back on their figure's line.

A label too long for its column wraps; without ruling lines each printed line is a row of its own, the figure's
line between the label's two lines (一、一般公共预算财政拨款 | 收 / (blank) | 1 | 2,086.19 / 入) or under its first
(top-aligned cells: 一、一般公共预算财政拨款 | 1 | 2,086.19 / 收入). The header split takes the first such line of the
table for a header row, since it prints no figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ingest.model import RawTable
from ingest.parsers.columns import compact

_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")

Rows = list[list[str]]


def _digits(cells: list[str]) -> bool:
    return any(ch.isdigit() for c in cells for ch in c)


def _words(cells: list[str]) -> str:
    return "".join(compact(c) for c in cells)


def body_fragments(table: RawTable) -> RawTable:
    """The table with its trailing header rows that print a numbered line label and no digit (一、一般公共预算财政拨款
    | 收: the first line of a wrapped label) given back to the body."""
    header = [list(r) for r in table.header]
    moved: Rows = []
    while len(header) > 1 and not _digits(header[-1]) and any(_NUMBERED.match(compact(c)) for c in header[-1]):
        moved.insert(0, header.pop())
    if not moved:
        return table
    page = table.row_pages[0] if table.row_pages else table.pages[0]
    return replace(table, header=header, rows=moved + [list(r) for r in table.rows],
                   row_pages=[page] * len(moved) + list(table.row_pages))


def unwrap(rows: Rows, pages: list[int], sides: list[tuple[int, int]],
           known: Callable[[str], bool]) -> tuple[Rows, list[int]]:
    """Each side's (columns a..b) wrapped labels joined on the line of their figure: a line whose label cell is
    blank while the side prints a figure or 行次 takes the digit-free lines just above and below it; a line with a
    label takes the digit-free line under it that names nothing by itself (`known`: a label naming a line). Lines
    left blank are dropped."""
    out = [list(r) for r in rows]

    def loose(k: int, a: int, b: int) -> bool:
        """Line k prints words but no digit in the side, starting in its label column (a block's name, 收入 or
        支出 centred over the table, stands elsewhere)."""
        cells = out[k][a:b]
        return bool(compact(cells[0])) and not _digits(cells)

    for a, b in sides:
        if sum(_digits([r[a]]) for r in out) >= sum(bool(compact(r[a])) and not _digits([r[a]]) for r in out):
            continue  # the side's first column holds numbers (行次 of a table printed in one label column)
        for i in range(1, len(out) - 1):
            row = out[i]
            if compact(row[a]) or not _digits(row[a + 1:b]) or not (loose(i - 1, a, b) and loose(i + 1, a, b)):
                continue
            row[a] = _words(out[i - 1][a:b]) + _words(out[i + 1][a:b])
            for k in (i - 1, i + 1):
                out[k][a:b] = [""] * (b - a)
        for i in range(len(out) - 1):
            row, below = out[i], out[i + 1]
            if not compact(row[a]) or not _digits(row[a + 1:b]) or not loose(i + 1, a, b):
                continue
            tail = _words(below[a:b])
            if known(tail) or (i + 2 < len(out) and not compact(out[i + 2][a]) and _digits(out[i + 2][a + 1:b])):
                continue  # a line of its own, or the head of the next line's wrapped label
            row[a] = compact(row[a]) + tail
            below[a:b] = [""] * (b - a)
    kept = [k for k, r in enumerate(out) if _words(r)]
    return [out[k] for k in kept], [pages[k] for k in kept]
