"""Words of a page into a grid by their positions: lines by height, cells by column band (the reader of tables
without ruling lines that pdfplumber's words feed, ingest/extract.py's second reader beside Camelot stream).

Figures stand right-aligned in their columns, labels centred: the bands come from the lines that hold figures; a
header label that stands over no band heads a column blank on every line; the 栏次 line's numbers are no figures.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from ingest.regions import Word, text_lines

# Words closer than this (points) vertically are one printed line; column bands closer than
# this horizontally are one column.
_BAND_GAP = 4.0


def amount(text: str) -> bool:
    """A decimal amount as printed (12.50, (3.00), -1.20), thousands separators removed."""
    return text.count(".") == 1 and text.lstrip("(-").rstrip(")").replace(".", "", 1).isdigit()


# a whole amount with its thousands separators (1,234,567 元): no year, page number, code or 行次 prints them
_GROUPED = re.compile(r"^[(-]?\d{1,3}(?:,\d{3})+[)]?$")


def figure(text: str) -> bool:
    """An amount as printed, separators kept: decimal (1,234.50) or whole with separators (1,234,567)."""
    return amount(text.replace(",", "")) or bool(_GROUPED.match(text))


def _bands(words: list[dict[str, Any]]) -> list[tuple[float, float]]:
    """Column bands: the x-extents of the words, merged where they overlap."""
    spans = sorted((w["x0"], w["x1"]) for w in words)
    bands: list[list[float]] = []
    for x0, x1 in spans:
        if bands and x0 <= bands[-1][1] + _BAND_GAP:
            bands[-1][1] = max(bands[-1][1], x1)
        else:
            bands.append([x0, x1])
    return [(a, b) for a, b in bands]


# a page number under the table ("- 2 -", "第 2 页 共 5 页"): digits, but no line of the table, and its words would
# bridge the column bands they fall between
_PAGE_NUMBER = re.compile(r"^[\s\-—–－]*(?:第\s*)?\d{1,4}\s*页?(?:\s*(?:[/，,]\s*共?|共)\s*\d{1,4}\s*页?)?[\s\-—–－]*$")


def _column_numbers(line: list[Word]) -> bool:
    """The 栏次 line (栏次 1 2 3 …): its numbers stand centred under the labels, not where the figures stand."""
    digits = [w["text"] for w in line if any(ch.isdigit() for ch in w["text"])]
    return all(t.isdigit() and len(t) <= 2 for t in digits)


_HEADER_WORDS = 3  # a header line labels several columns (a title or the 部门 line holds one or two words)


def _stacks(words: list[Word]) -> list[tuple[float, float]]:
    """The x-extents of the header's column labels, left to right: words centred over one another (the lines of a
    wrapped label, a label over its 栏次 number) are one."""
    out: list[list[float]] = []
    for w in sorted(words, key=lambda w: (w["x0"] + w["x1"]) / 2):
        centre = (w["x0"] + w["x1"]) / 2
        hit = next((st for st in out if st[0] <= centre <= st[1] or w["x0"] <= (st[0] + st[1]) / 2 <= w["x1"]), None)
        if hit is None:
            out.append([w["x0"], w["x1"]])
        else:
            hit[0], hit[1] = min(hit[0], w["x0"]), max(hit[1], w["x1"])
    return sorted((a, b) for a, b in out)


def _blank_column_bands(lines: list[list[Word]], body: list[Word], bands: list[tuple[float, float]]
                        ) -> list[tuple[float, float]]:
    """The bands with one more for each column blank on every line (上缴上级支出 with nothing paid up): its label would
    join its neighbour's and push the labels after it one column off. Figures stand right-aligned, labels centred:
    the labels whose centres fall between one figure band's right edge and the next one's belong to that next
    column, and where several do, all but the rightmost head columns of their own."""
    figures = [b for b in bands if any(b[0] <= w["x0"] and w["x1"] <= b[1] and figure(w["text"]) for w in body)]
    top = min(w["top"] for w in body)
    header = [w for ln in lines if ln[0]["top"] < top and len(ln) >= _HEADER_WORDS for w in ln
              if not re.search(r"[:：]", w["text"])]  # not the 部门： / 单位： words
    if not figures or not header:
        return bands
    stacks = _stacks(header)
    more = []
    for left, right in pairwise(figures):
        inside = [st for st in stacks if left[1] < (st[0] + st[1]) / 2 <= right[1]]
        more += [(max(a, left[1] + 1), min(b, right[0] - 1)) for a, b in inside[:-1] if b < right[0]]
    # right of the last figures: every label heads a blank column
    more += [(max(a, figures[-1][1] + 1), b) for a, b in stacks if (a + b) / 2 > figures[-1][1] and a > figures[-1][0]]
    return sorted(bands + more) if more else bands


def words_to_grid(words: list[Word], trim_top: bool = True) -> list[list[str]]:
    """Words of a page (pdfplumber) into a grid: lines by vertical position, cells by column band.

    The bands come from the lines that hold an amount (their cells are aligned); the header
    words above go to the band under their centre, so a header spanning two columns names
    the one it is centred on. Lines of one cell above the table (title, unit) and below it
    (notes) are left out; `trim_top=False` keeps those above (a region whose title is cut off
    already: a one-cell line on top is a spanning header label).
    """
    lines = text_lines(words)
    body = [w for ln in lines if len(ln) >= 3 and any(ch.isdigit() for x in ln for ch in x["text"])
            and not _PAGE_NUMBER.match(" ".join(x["text"] for x in ln)) and not _column_numbers(ln) for w in ln]
    bands = _bands(body or [w for ln in lines for w in ln])
    if not bands:
        return []
    if body:
        bands = _blank_column_bands(lines, body, bands)
    grid: list[list[str]] = []
    for ln in lines:
        row = [""] * len(bands)
        for w in sorted(ln, key=lambda w: w["x0"]):
            centre = (w["x0"] + w["x1"]) / 2
            j = min(range(len(bands)), key=lambda k: 0 if bands[k][0] <= centre <= bands[k][1]
                    else min(abs(centre - bands[k][0]), abs(centre - bands[k][1])))
            row[j] = f"{row[j]} {w['text']}".strip() if row[j] else w["text"]
        grid.append(row)
    # the title and the unit line above the table, the notes below: lines with one cell
    filled = [sum(bool(c) for c in r) for r in grid]
    first = next((i for i, n in enumerate(filled) if n >= 2), len(grid)) if trim_top else 0
    last = max((i for i, n in enumerate(filled) if n >= 2), default=-1)
    return grid[first:last + 1]


