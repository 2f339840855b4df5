"""Pages of one table into one RawTable: headers recognised, repeats dropped.

Camelot gives grids per page. A table that runs over several pages repeats its
title and header rows on each (or not, on a bare continuation page). Pages are
joined by family, in page order, while the family stays the same and no new title
starts a second instance; header rows are recognised by their content (no amounts,
or the 栏次 column-number row), not by position.
"""

from __future__ import annotations

import re

from ingest.extract import Grid
from ingest.model import PageInfo, RawTable
from ingest.numbers import normalize_text

_AMOUNT = re.compile(r"^\(?-?(?:\d{1,3}(?:,\s?\d{3})+|\d+)(?:[.,]\s?\d{1,2}|\.\d+)?\)?%?$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
# Families printed once per project or unit: a repeated title starts a new table.
MULTI_INSTANCE = {"project_selfeval", "overall_selfeval", "project_targets", "overall_targets"}
_TOTAL_LABEL = re.compile(r"^(合\s*计|总\s*计)$")


def _clean(cell: str) -> str:
    return normalize_text(cell)


def is_column_numbers(row: list[str]) -> bool:
    """The 栏次 row: column numbers 1, 2, 3 … (optionally labelled 栏次)."""
    cells = [_clean(c) for c in row if _clean(c)]
    if not cells:
        return False
    if cells[0].replace(" ", "") == "栏次":
        return True
    nums = [c for c in cells if c.isdigit()]
    return len(nums) >= 3 and len(nums) == len(cells) and [int(n) for n in nums] == sorted({int(n) for n in nums})


def is_body_row(row: list[str]) -> bool:
    """A data row: an amount, a function/economic code, or a 合计 label."""
    if is_column_numbers(row):
        return False
    cells = [_clean(c).replace(" ", "") for c in row]
    texts = [c for c in cells if c]
    for c in texts:
        if _AMOUNT.match(c) and ("." in c or "," in c):
            return True
        if _CODE.match(c):
            return True
    # A bare 合计 line (an empty table's only row); a 合计 column header has other labels beside it.
    return bool(texts) and all(_TOTAL_LABEL.match(c) or c in ("类", "款", "项") for c in texts) and any(
        _TOTAL_LABEL.match(c) for c in texts
    )


def split_header(grid: Grid) -> tuple[Grid, Grid]:
    """(header rows, body rows): header rows are the ones before the first body row."""
    for i, row in enumerate(grid):
        if is_body_row(row):
            return grid[:i], grid[i:]
    return grid, []


def _same_header(a: Grid, b: Grid) -> bool:
    flat = lambda g: "".join(_clean(c).replace(" ", "") for r in g for c in r)  # noqa: E731
    return flat(a) == flat(b)


def _pad(rows: Grid, width: int) -> Grid:
    return [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]


def stitch(pages: list[PageInfo], grids: dict[int, list[Grid]]) -> list[RawTable]:
    """Join each family's page grids into logical tables, in page order."""
    tables: list[RawTable] = []
    current: RawTable | None = None
    for info in pages:
        if not info.family:
            current = None
            continue
        for k, grid in enumerate(grids.get(info.number, [])):
            header, body = split_header(grid)
            # Repeated titles on a continuation page (seed layouts repeat them) don't
            # start a new table; a title for another family does.
            continues = (
                current is not None
                and current.family == info.family
                and (k == 0)
                and (
                    info.continuation
                    or not header
                    or (info.family not in MULTI_INSTANCE and (_same_header(header, current.header) or info.title == current.title))
                )
            )
            if continues and current is not None:
                if info.continuation and info.family in MULTI_INSTANCE:
                    body = header + body  # a form goes on without a header: every row is a body row
                width = max(len(current.header[0]) if current.header else 0, max((len(r) for r in body), default=0))
                current.rows.extend(_pad(body, width))
                current.row_pages.extend([info.number] * len(body))
                current.pages.append(info.number)
                if not current.header and header:
                    current.header = header
                continue
            current = RawTable(
                family=info.family,
                title=info.title or "",
                pages=[info.number],
                header=header,
                rows=body,
                row_pages=[info.number] * len(body),
                unit=info.unit or "万元",
                note=_note(info.text),
            )
            tables.append(current)
    return tables


def _note(text: str) -> str:
    m = re.search(r"注[:：].*", text, flags=re.S)
    return m.group(0).strip()[:500] if m else ""
