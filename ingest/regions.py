"""Pages read by text position (no ruling lines): words into lines, a page of several tables into regions.

A page that prints several tables without vertical rules (三线表 in a Word file) is one grid to a
whole-page text reader: its column edges mix the tables'. Such a page is cut into one region per
table first — at each title line, or where a header line is printed again after figures — and each
region is read on its own (ingest/extract.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from ingest.families import match_title
from ingest.numbers import FIGURE

_LINE_TOL = 3.0  # words closer than this (points) vertically are one printed line

Word = dict[str, Any]


def text_lines(words: list[Word]) -> list[list[Word]]:
    """Words into printed lines, top to bottom (a line: words whose tops are within _LINE_TOL)."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(w["top"] - lines[-1][0]["top"]) <= _LINE_TOL:
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines


def page_words(pdf: Any, p: int) -> list[Word]:
    """The words of page `p` (1-based) of an open pdfplumber document."""
    words: list[Word] = pdf.pages[p - 1].extract_words(x_tolerance=1.5, y_tolerance=2)
    return words


# ---------------------------------------------------------------- several rule-less tables on one page

# A line above a table's header that is not part of it: its code (公开09表, 表3), the 部门 / 单位 line.
_PREAMBLE = re.compile(r"(?:部门|单位)(?:名称)?\s*[:：]|^(?:公开\s*\d{1,2}\s*表|表\s*\d+(?:-\d+)?)$")
_TITLE_LEN = 45  # a title line is short (as ingest/reading.py counts titles on a page)


def _is_title(text: str) -> bool:
    return len(text) <= _TITLE_LEN and match_title(text) is not None


def titled_pages(path: Path, pages: list[int]) -> list[int]:
    """The pages whose text shows two or more table titles (a cheap pdfium text pass)."""
    out = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for p in pages:
            page = pdf[p - 1]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            page.close()
            titles = [ln for ln in re.split(r"[\r\n]+", text) if _is_title(re.sub(r"\s+", "", ln))]
            if len(titles) >= 2:
                out.append(p)
    finally:
        pdf.close()
    return out


def regions(words: list[Word]) -> list[list[Word]]:
    """A page's words cut into one region per table, for a page that prints several without rules.

    A region starts at a title line (its title, code and 部门/单位 lines are left out) or where the
    first line of a header is printed again after figures (the next table of the same form); lines
    above the first title (a table carried over from the page before) are a region of their own.
    """
    lines = text_lines(words)
    texts = [re.sub(r"\s+", "", "".join(w["text"] for w in ln)) for ln in lines]
    starts = [i for i, t in enumerate(texts) if _is_title(t)]
    if len(starts) < 2:
        return [[w for ln in lines for w in ln]] if lines else []
    out: list[list[Word]] = []
    for k, (a, b) in enumerate(zip([0, *starts], [*starts, len(lines)], strict=True)):
        if k:  # a titled region: its body starts after the title and preamble lines
            a += 1
            while a < b and _PREAMBLE.search(texts[a]):
                a += 1
        out += [[w for ln in lines[x:y] for w in ln] for x, y in _repeats(texts, a, b)]
    return [r for r in out if r]


def _repeats(texts: list[str], a: int, b: int) -> list[tuple[int, int]]:
    """Lines a..b cut where the region's first line comes again after a line of figures."""
    cuts, figures = [a], False
    for i in range(a + 1, b):
        figures = figures or len(_DECIMAL.findall(texts[i])) >= 1
        if figures and texts[i] == texts[a]:
            cuts.append(i)
            figures = False
    return list(zip(cuts, [*cuts[1:], b], strict=True))


_DECIMAL = re.compile(r"\d\.\d{2}(?!\d)")


def areas_of(path: Path, pages: list[int]) -> dict[int, list[str]]:
    """Camelot table areas ("x1,y1,x2,y2", PDF points, y up) of the pages cut into several regions."""
    import pdfplumber

    out: dict[int, list[str]] = {}
    with pdfplumber.open(str(path)) as pdf:
        for p in pages:
            page = pdf.pages[p - 1]
            parts = regions(page_words(pdf, p))
            if len(parts) >= 2:
                height, width = float(page.height), float(page.width)
                out[p] = [f"0,{height - min(w['top'] for w in r) + 1:.1f},{width:.1f},"
                          f"{height - max(w['bottom'] for w in r) - 1:.1f}" for r in parts]
    return out


# ---------------------------------------------------------------- a figure and the next label read as one cell

# a figure (decimal, whole 元 with separators or without) and the next column's label
_FUSED = re.compile(rf"^(\(?-?{FIGURE}\)?)\s+(\D.*)$", re.S)


def unfuse(grid: list[list[str]]) -> list[list[str]]:
    """A text-position reading's cells that hold a right-aligned figure and the left-aligned label of the next
    column ("640.25 一、一般公共服务支出") cut in two: the figure into the blank cell on the left, else the
    label into the blank cell on the right (the figure ends where the label's column begins)."""
    out = [list(r) for r in grid]
    moved: dict[int, int] = {}  # column → where its labels went (+1) or its figures went (-1)
    for row in out:
        for j, cell in enumerate(row):
            m = _FUSED.match(cell.strip())
            if m is None:
                continue
            if j > 0 and not row[j - 1].strip():
                row[j - 1], row[j] = m.group(1), m.group(2)
                moved.setdefault(j, -1)
            elif j + 1 < len(row) and not row[j + 1].strip():
                row[j], row[j + 1] = m.group(1), m.group(2)
                moved.setdefault(j, 1)
    # the column's other cells go the same way: a label alone (no figure on its left) follows the labels,
    # a figure alone follows the figures
    for row in out:
        for j, step in moved.items():
            text, k = row[j].strip(), j + step
            if text and 0 <= k < len(row) and not row[k].strip() and bool(_FIGURE.match(text)) == (step < 0):
                row[k], row[j] = row[j], ""
    return out


_FIGURE = re.compile(rf"^\(?-?{FIGURE}\)?$")
