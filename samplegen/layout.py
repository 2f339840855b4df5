"""Page layout: draws the document model (samplegen/blocks.py) onto pages: ruled tables with merged
cells, page breaking, prose."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Self

from reportlab.lib.pagesizes import landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas

from .blocks import (
    AMOUNT,
    Block,
    Cover,
    Grid,
    Heading,
    Para,
    Part,
    Span,
    TableBlock,
    Toc,
    infer_header_spans,
    wrap,
)
from .styles import Style, register_fonts

# the model's names, re-exported: the generators import the model and the renderer from here
__all__ = ["AMOUNT", "Block", "Cover", "Grid", "Heading", "Para", "Part", "Renderer", "Span", "TableBlock", "Toc",
           "infer_header_spans", "wrap"]

def _restyle(grid: Grid, style: Style) -> tuple[list[list[str]], list[Span]]:
    """Apply the style's merge policy: drop header merges, cut label spans per row."""
    rows = [list(r) for r in grid.rows]
    spans: list[Span] = []
    for s in grid.spans:
        if s.kind == "header" and not style.merge_headers:
            continue
        if s.kind == "label" and style.split_labels and s.rows > 1:
            text = rows[s.row][s.col]
            for r in range(s.row, s.row + s.rows):
                rows[r][s.col] = text
                if s.cols > 1:
                    spans.append(Span(r, s.col, 1, s.cols, "block"))
            continue
        spans.append(s)
    return rows, spans


@dataclass
class _Cell:
    """A laid-out cell (possibly merged) of the current table."""

    row: int
    col: int
    rows: int
    cols: int
    text: str
    lines: list[str]
    size: float
    align: str
    bold: bool


# ---------------------------------------------------------------- renderer


class Renderer:
    """Draws blocks onto a reportlab canvas in one style."""

    def __init__(self, target: Path | BinaryIO, style: Style, title: str, author: str) -> None:
        register_fonts(style)
        self.style = style
        self.font = style.font_name
        out = str(target) if isinstance(target, Path) else target
        self.c = rl_canvas.Canvas(out, pagesize=style.pagesize, invariant=1, pageCompression=1)
        self.c.setTitle(title)
        self.c.setAuthor(author)
        self.c.setCreator("samplegen")
        self.c.setSubject(title)
        self.page_no = 0
        self.size = style.pagesize
        self.y: float | None = None
        self.pad = style.cell_pad  # cell padding of the table being drawn
        self.pages: list[str] = []  # per page: a short label of what it holds
        self.rotate = 0  # /Rotate of the pages opened next (TableBlock.rotate)
        self.table_end: float | None = None  # where the last table ended on its page
        self.header_rule: int | None = None  # a 三线表's header rows (TableBlock.three_line), else None

    @classmethod
    def write(cls, target: Path | BinaryIO, style: Style, title: str, blocks: list[Block], author: str = "") -> Self:
        """Draw the blocks into a new document at target and save it; returns the renderer (pages drawn)."""
        r = cls(target, style, title, author)
        r.render(blocks)
        r.save()
        return r

    # ------------------------------------------------------------ pages

    @property
    def width(self) -> float:
        """Usable width of the current page."""
        return self.size[0] - 2 * self.style.margin_x

    def new_page(self, size: tuple[float, float] | None = None, label: str = "") -> None:
        """Close the current page (if any) and open a new one."""
        if self.y is not None:
            self._footer()
            self.c.showPage()
        self.size = size or self.style.pagesize
        self.c.setPageSize(self.size)
        self.c.setPageRotation(self.rotate)
        if self.rotate in (90, 270):
            # a landscape page stored portrait (reportlab swaps the MediaBox for /Rotate): the viewer
            # turns it, so the content is drawn turned the other way (as Word and WPS write landscape sections)
            w, h = self.size
            if self.rotate == 90:
                self.c.transform(0, 1, -1, 0, h, 0)
            else:
                self.c.transform(0, -1, 1, 0, 0, w)
        self.page_no += 1
        self.pages.append(label)
        self.y = self.size[1] - self.style.margin_top

    def _footer(self) -> None:
        """Page number at the bottom center (not on the cover)."""
        if self.page_no > 1:
            self.text(self.size[0] / 2, self.style.margin_bottom * 0.45, f"- {self.page_no} -", 9, "c")

    def _ensure(self, h: float) -> None:
        """Start a new page unless h points fit below the cursor."""
        if self.y is None or self.y - h < self.style.margin_bottom:
            self.new_page()

    def save(self) -> None:
        """Finish the last page and write the file."""
        if self.y is not None:
            self._footer()
        self.c.save()

    # ------------------------------------------------------------ text

    def text(self, x: float, y: float, s: str, size: float, align: str = "l", bold: bool = False) -> None:
        """Draw one line of text; bold is simulated by fill+stroke rendering."""
        w = stringWidth(s, self.font, size)
        if align == "c":
            x -= w / 2
        elif align == "r":
            x -= w
        if bold:  # the text render mode lives in the graphics state: scope it
            self.c.saveState()
            self.c.setLineWidth(size * 0.035)
        t = self.c.beginText()
        t.setFont(self.font, size)
        if bold:
            t.setTextRenderMode(2)
        t.setTextOrigin(x, y)
        t.textOut(s)
        self.c.drawText(t)
        if bold:
            self.c.restoreState()

    # ------------------------------------------------------------ blocks

    def render(self, blocks: list[Block]) -> None:
        """Draw all blocks in order."""
        for b in blocks:
            getattr(self, "_" + type(b).__name__.lower())(b)

    def _cover(self, b: Cover) -> None:
        """The cover page."""
        self.new_page(label="封面")
        y = self.size[1] * 0.62
        for line in b.lines:
            self.text(self.size[0] / 2, y, line, 26, "c", bold=True)
            y -= 44
        self.y = self.style.margin_bottom - 1  # nothing more on the cover

    def _toc(self, b: Toc) -> None:
        """The table of contents, on its own page(s)."""
        self.new_page(label="目录")
        self.text(self.size[0] / 2, self.y - 20, b.title, 18, "c", bold=True)
        self.y -= 56
        size = self.style.body_size
        for level, entry in b.entries:
            self._ensure(size * 1.9)
            self.text(self.style.margin_x + level * 2 * size, self.y, entry, size, bold=level == 0)
            self.y -= size * 1.9

    def _part(self, b: Part) -> None:
        """A part title at the top of a new page."""
        self.new_page(label=b.text)
        self.y -= 30
        self.text(self.size[0] / 2, self.y, b.text, 20, "c", bold=True)
        self.y -= 36
        if b.sub:
            self.text(self.size[0] / 2, self.y, b.sub, 17, "c", bold=True)
            self.y -= 36

    def _heading(self, b: Heading) -> None:
        """A section heading, kept with at least one following line."""
        size = self.style.body_size + (3 if b.level == 1 else 0.5)
        self._ensure(size * 3.2)
        self.y -= size * 0.6
        x = self.size[0] / 2 if b.level == 1 else self.style.margin_x
        for line in wrap(b.text, self.width, self.font, size):
            self.text(x, self.y - size, line, size, "c" if b.level == 1 else "l", bold=True)
            self.y -= size * 1.8
        self.y -= size * 0.2

    def _para(self, b: Para) -> None:
        """A paragraph, flowing over pages."""
        size = self.style.body_size
        lh = size * 1.75
        indent = 2 * size if b.indent else 0
        lines = wrap(b.text, self.width, self.font, size, first_width=self.width - indent)
        for i, line in enumerate(lines):
            self._ensure(lh)
            self.text(self.style.margin_x + (indent if i == 0 else 0), self.y - size, line, size)
            self.y -= lh
        self.y -= size * 0.3

    # ------------------------------------------------------------ tables

    def _tableblock(self, b: TableBlock) -> None:
        """A table on new pages: split where the seed split it (if the style says so) or where full."""
        st = self.style
        size = st.pagesize
        if b.landscape and not st.landscape:
            size = landscape(size)
        label = " ".join(x for x in (b.caption, b.title, b.code) if x)
        self.rotate = b.rotate
        self.header_rule = b.grid.header_rows if b.three_line else None
        if b.same_page and self.table_end is not None and self.table_end - st.margin_bottom > 160:
            self.y = self.table_end - 24  # room for the title and a few rows: no new page
        else:
            self.new_page(size, label)
        rows, spans, colw, xs, fsize = self._columns(b.grid, b.size_scale)
        nrows = len(rows)
        hr = b.grid.header_rows

        cells = self._layout_cells(b.grid, rows, spans, colw, fsize)
        notes = [ln for n in b.notes for ln in wrap(n, self.width, self.font, fsize + 0.5)]
        notes_h = len(notes) * (fsize + 0.5) * 1.6 + (6 if notes else 0)
        breaks = set(b.breaks) if st.seed_breaks else set()

        body = list(range(hr, nrows))
        first = True
        while body or first:
            if not first:
                self.new_page(size, label + "（续）")
            self._table_title(b, first or st.repeat_title)
            avail = self.y - st.margin_bottom - notes_h
            chunk: list[int] = []
            for r in body:
                if chunk and r in breaks:
                    break
                trial = chunk + [r]
                if chunk and sum(self._heights(cells, list(range(hr)) + trial, fsize).values()) > avail:
                    break
                chunk = trial
            page_rows = list(range(hr)) + chunk
            heights = self._heights(cells, page_rows, fsize)
            self._draw_rows(cells, page_rows, heights, xs)
            body = body[len(chunk):]
            last = not body
            if notes and (last or st.repeat_title):
                self.y -= 6
                for line in notes:
                    self.text(st.margin_x, self.y - fsize, line, fsize + 0.5)
                    self.y -= (fsize + 0.5) * 1.6
            first = False
        self.table_end, self.rotate, self.header_rule = self.y, 0, None
        self.y = st.margin_bottom - 1  # next block starts on a new page

    def _columns(self, grid: Grid, size_scale: float
                 ) -> tuple[list[list[str]], list[Span], list[float], list[float], float]:
        """The grid in this style: (rows, spans, column widths, column edges, font size); sets the cell padding."""
        st = self.style
        rows, spans = _restyle(grid, st)
        rel = [w**st.width_gamma for w in grid.widths]
        colw = [self.width * w / sum(rel) for w in rel]
        xs = [st.margin_x]
        for w in colw:
            xs.append(xs[-1] + w)
        self.pad = st.cell_pad * min(1.0, size_scale)
        return rows, spans, colw, xs, st.cell_size * size_scale

    def _table_title(self, b: TableBlock, full: bool, titled: bool = True, unit: bool = True) -> None:
        """Title, code, 部门/金额单位 lines above a table (only a small gap if not full); without the title
        line when not `titled` (it is a row of the grid), without the unit when not `unit` (printed below)."""
        st = self.style
        x0, x1 = st.margin_x, self.size[0] - st.margin_x
        small = st.cell_size + 1.5
        if not full:
            self.y -= 4
            return
        if b.caption:
            self.text(x0, self.y - small, b.caption, small + 1)
            self.y -= small * 2
        for line in wrap(b.title, self.width * 0.8, self.font, st.title_size) if titled else []:
            self.text(self.size[0] / 2, self.y - st.title_size, line, st.title_size, "c", bold=True)
            self.y -= st.title_size * 1.6
        if b.subtitle:
            self.text(self.size[0] / 2, self.y - small - 1, b.subtitle, small + 1, "c")
            self.y -= small * 1.9
        if b.code:
            self.text(x1, self.y - small, b.code, small, "r")
            self.y -= small * 1.6
        shown_unit = b.unit if unit else None
        if b.dept is not None or shown_unit is not None:
            if b.dept is not None:
                self.text(x0, self.y - small, f"部门：{b.dept}", small)
            if shown_unit is not None:
                self.text(x1, self.y - small, f"{b.unit_label}{shown_unit}", small, "r")
            self.y -= small * 1.8
        self.y -= 2

    def _layout_cells(
        self, grid: Grid, rows: list[list[str]], spans: list[Span], colw: list[float], fsize: float
    ) -> list[_Cell]:
        """Wrap every (merged) cell's text to its width."""
        st = self.style
        covered: set[tuple[int, int]] = set()
        all_spans = list(spans)
        for s in spans:
            for r in range(s.row, s.row + s.rows):
                for c in range(s.col, s.col + s.cols):
                    covered.add((r, c))
        for r in range(len(rows)):
            for c in range(len(colw)):
                if (r, c) not in covered:
                    all_spans.append(Span(r, c))
        cells = []
        for s in all_spans:
            text = rows[s.row][s.col] if s.col < len(rows[s.row]) else ""
            width = sum(colw[s.col : s.col + s.cols]) - 2 * self.pad
            header = s.row < grid.header_rows
            align = self._align(grid, s, text, header)
            size = fsize
            lines = wrap(text, width, self.font, size) if text else []
            widest = max((stringWidth(line, self.font, size) for line in lines), default=0)
            if widest > width:  # an unbreakable number: shrink to fit, as spreadsheets do
                size = max(3.5, size * width / widest)
            bold = header and st.bold_headers and s.row not in grid.plain_header_rows
            cells.append(_Cell(s.row, s.col, s.rows, s.cols, text, lines, size, align, bold))
        return cells

    @staticmethod
    def _align(grid: Grid, s: Span, text: str, header: bool) -> str:
        """Horizontal alignment of a cell."""
        if (s.row, s.col) in grid.align_at:
            return grid.align_at[(s.row, s.col)]
        if header:
            return "c"
        a = grid.align[s.col] if grid.align and s.col < len(grid.align) else "a"
        if a != "a":
            return a
        t = text.strip()
        if AMOUNT.match(t):
            return "r"
        if re.fullmatch(r"\d{1,2}", t):
            return "c"
        return "l"

    def _heights(self, cells: list[_Cell], page_rows: list[int], fsize: float) -> dict[int, float]:
        """Row heights for the rows shown on one page (merged cells clipped to them)."""
        st = self.style
        shown = set(page_rows)
        h = {r: max(st.min_row * fsize / st.cell_size, 0) for r in page_rows}
        multi = []
        for cell in cells:
            rs = [r for r in range(cell.row, cell.row + cell.rows) if r in shown]
            if not rs:
                continue
            need = len(cell.lines) * cell.size * st.line_gap + 2 * self.pad
            if len(rs) == 1:
                h[rs[0]] = max(h[rs[0]], need)
            else:
                multi.append((rs, need))
        for rs, need in sorted(multi, key=lambda m: len(m[0])):
            have = sum(h[r] for r in rs)
            if need > have:
                for r in rs:
                    h[r] += (need - have) / len(rs)
        return h

    def _draw_rows(self, cells: list[_Cell], page_rows: list[int], heights: dict[int, float], xs: list[float]) -> None:
        """Draw the given rows: cell texts, then the ruling (no line through merged cells)."""
        st, c = self.style, self.c
        top: dict[int, float] = {}
        y = self.y
        for r in page_rows:
            top[r] = y
            y -= heights[r]
        bottom_y = y
        shown = set(page_rows)
        hsegs: set[tuple[float, float, float]] = set()
        vsegs: set[tuple[float, float, float]] = set()
        for cell in cells:
            rs = [r for r in range(cell.row, cell.row + cell.rows) if r in shown]
            if not rs:
                continue
            y0 = top[rs[0]]
            y1 = top[rs[-1]] - heights[rs[-1]]
            x0, x1 = xs[cell.col], xs[cell.col + cell.cols]
            hsegs.add((round(y0, 2), round(x0, 2), round(x1, 2)))
            hsegs.add((round(y1, 2), round(x0, 2), round(x1, 2)))
            vsegs.add((round(x0, 2), round(y1, 2), round(y0, 2)))
            vsegs.add((round(x1, 2), round(y1, 2), round(y0, 2)))
            if cell.lines:
                lh = cell.size * st.line_gap
                ty = (y0 + y1) / 2 + len(cell.lines) * lh / 2
                for line in cell.lines:
                    base = ty - lh + (lh - cell.size) / 2 + cell.size * 0.14
                    if cell.align == "r":
                        tx = x1 - self.pad
                    elif cell.align == "c":
                        tx = (x0 + x1) / 2
                    else:
                        tx = x0 + self.pad
                    self.text(tx, base, line, cell.size, cell.align, cell.bold)
                    ty -= lh
        c.setStrokeColorRGB(0, 0, 0)
        c.setLineWidth(st.line_width)
        path = c.beginPath()
        if self.header_rule is not None:
            # a 三线表: the top rule, the rule under the header rows shown, the bottom rule; no vertical rule
            under = [top[r] - heights[r] for r in page_rows if r == self.header_rule - 1]
            hsegs = {(round(y_, 2), round(xs[0], 2), round(xs[-1], 2)) for y_ in (self.y, bottom_y, *under)}
            vsegs = set()
        for y_, a, b in _merge_segments(hsegs):
            path.moveTo(a, y_)
            path.lineTo(b, y_)
        for x_, a, b in _merge_segments(vsegs):
            path.moveTo(x_, a)
            path.lineTo(x_, b)
        c.drawPath(path, stroke=1, fill=0)
        if st.outer_width > st.line_width and self.header_rule is None:
            c.setLineWidth(st.outer_width)
            c.rect(xs[0], bottom_y, xs[-1] - xs[0], self.y - bottom_y, stroke=1, fill=0)
        self.y = bottom_y


def _merge_segments(segs: set[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Join collinear touching segments (key, start, end) into maximal lines."""
    out: list[tuple[float, float, float]] = []
    for key, a, b in sorted(segs):
        if out and out[-1][0] == key and a <= out[-1][2] + 0.05:
            k, a0, b0 = out[-1]
            out[-1] = (k, a0, max(b0, b))
        else:
            out.append((key, a, b))
    return out
