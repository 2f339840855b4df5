"""The document model the sample generator prints: tables (grids with merged cells), headings, prose,
and the text wrapping and header-merge inference they need. samplegen/layout.py draws them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth


@dataclass
class Span:
    """A merged cell anchored at (row, col) covering rows x cols grid cells."""

    row: int
    col: int
    rows: int = 1
    cols: int = 1
    kind: str = "block"  # header | label | block (see Style.merge_headers / split_labels)


@dataclass
class Grid:
    """A table as a rectangular grid of texts plus the merged regions."""

    rows: list[list[str]]
    widths: list[float]  # relative column widths
    header_rows: int = 0  # leading rows repeated on every page of the table
    spans: list[Span] = field(default_factory=list)
    align: list[str] | None = None  # body alignment per column: l, c, r or a (auto)
    align_at: dict[tuple[int, int], str] = field(default_factory=dict)  # per-cell overrides
    plain_header_rows: frozenset[int] = frozenset()  # header rows never drawn bold


@dataclass
class TableBlock:
    """A titled table starting on a new page."""

    title: str
    grid: Grid
    code: str | None = None  # e.g. 公开01表, printed at the right under the title
    dept: str | None = None  # text after 部门：; None prints no 部门 line
    unit: str | None = "万元"  # text after 金额单位：; None prints none
    notes: list[str] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)  # grid rows where the seed started a new page
    caption: str | None = None  # small line above the title (附件 4-1)
    subtitle: str | None = None  # centered line under the title ((2023年度))
    landscape: bool = False  # force a landscape page even in a portrait style
    size_scale: float = 1.0  # table font size multiplier
    unit_label: str = "金额单位："
    rotate: int = 0  # 90/270: stored on portrait pages with /Rotate, drawn turned so it shows upright
    three_line: bool = False  # 三线表: rules above and below the header and under the last row only
    same_page: bool = False  # go on below the table before when it fits (Word documents)


@dataclass
class Cover:
    """A cover page with big centered lines."""

    lines: list[str]


@dataclass
class Toc:
    """A table-of-contents page: (level, text) entries."""

    entries: list[tuple[int, str]]
    title: str = "目 录"


@dataclass
class Part:
    """A part heading (第一部分 …) starting a new page."""

    text: str
    sub: str | None = None


@dataclass
class Heading:
    """A section heading: level 1 centered, level 2 bold at the left."""

    text: str
    level: int = 2


@dataclass
class Para:
    """A flowing paragraph with first-line indent."""

    text: str
    indent: bool = True


Block = Cover | Toc | Part | Heading | Para | TableBlock

# ---------------------------------------------------------------- text wrapping

_TOKEN = re.compile(r"\d+(?:[.,] ?\d+)*|[A-Za-z]+|\s+|.", re.S)
_NO_LINE_START = set("，。、；：？！）)》」”’,.;:!?")
AMOUNT = re.compile(r"^[-−]?\d[\d,]*(?:\.\s?\d+|,\s\d+)%?$")


def wrap(text: str, width: float, font: str, size: float, first_width: float | None = None) -> list[str]:
    """Greedy line breaking for CJK text: any char boundary, but never inside a number."""
    out: list[str] = []
    for para in text.split("\n"):
        line, w = "", 0.0
        limit = first_width if (first_width is not None and not out) else width
        for tok in _TOKEN.findall(para):
            tw = stringWidth(tok, font, size)
            if tok.isspace() and not line:
                continue
            if w + tw <= limit + 0.01 or not line or (tok[0] in _NO_LINE_START and len(tok) == 1):
                if not line and tw > limit and not tok[0].isdigit() and len(tok) > 1:
                    # an over-long word: fall back to character breaking
                    for ch in tok:
                        cw = stringWidth(ch, font, size)
                        if w + cw > limit and line:
                            out.append(line.rstrip())
                            line, w, limit = "", 0.0, width
                        line, w = line + ch, w + cw
                    continue
                line, w = line + tok, w + tw
            else:
                out.append(line.rstrip())
                limit = width
                if tok.isspace():
                    line, w = "", 0.0
                else:
                    line, w = tok, tw
        out.append(line.rstrip())
    return out


# ---------------------------------------------------------------- grid helpers


def infer_header_spans(rows: list[list[str]], n: int) -> list[Span]:
    """Merged header cells implied by empty cells in the first n rows.

    An empty cell continues the single-column cell above it (vertical merge) or
    else the cell to its left (horizontal merge).
    """
    owner: dict[tuple[int, int], Span] = {}
    spans: list[Span] = []
    for r in range(n):
        for c, text in enumerate(rows[r]):
            if text.strip():
                s = Span(r, c, kind="header")
                spans.append(s)
                owner[(r, c)] = s
                continue
            above = owner.get((r - 1, c))
            left = owner.get((r, c - 1))
            if above is not None and above.cols == 1 and above.row + above.rows == r:
                above.rows += 1
                owner[(r, c)] = above
            elif left is not None and left.row == r and left.rows == 1:
                left.cols += 1
                owner[(r, c)] = left
    return [s for s in spans if s.rows > 1 or s.cols > 1]
