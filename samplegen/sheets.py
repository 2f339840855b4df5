"""Layout variants' shared machinery: `Sheet` tables with print habits the shared renderer has no switch
for, their renderer, and one variant file's recipe (`Variant`) with the writer of a set of them.

The variant modules (variants_more, variants_third, variants_fourth, variants_fifth, variants_sixth) hold the figures
and the drawings; each writes its set with `build` here, whole copies and, where a table has sums,
broken ones (one printed figure changed so that a sum no longer closes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from reportlab.lib.pagesizes import landscape

from .layout import Block, Grid, Renderer, Span, TableBlock, _Cell, wrap
from .styles import Style


@dataclass
class Sheet(TableBlock):
    """A table with the print habits the shared renderer does not draw."""

    ruled: bool = True  # False: whitespace only, no ruling line at all
    repeat_header: bool = True  # False: continuation pages start with body rows
    unit_below: bool = False  # 单位：万元 printed under the table, not above it
    title_in_grid: bool = False  # the title is the first (merged) row of the ruled grid
    running_head: str | None = None  # small text in the page header region of every page of the table
    page_rows: list[int] = field(default_factory=list)  # body rows per page (forced breaks)
    continued: str | None = None  # a small title line on continuation pages ("支出决算表（续表）")


class SheetRenderer(Renderer):
    """The shared renderer, plus `Sheet` blocks."""

    def _layout_cells(self, grid: Grid, rows: list[list[str]], spans: list[Span], colw: list[float],
                      fsize: float) -> list[_Cell]:
        """The shared layout, drawn row by row, left to right (as office exports write their text layer)."""
        return sorted(super()._layout_cells(grid, rows, spans, colw, fsize), key=lambda c: (c.row, c.col))

    @contextmanager
    def _no_ruling(self, ruled: bool) -> Iterator[None]:
        """Draw the cells' texts but not their lines (a table typeset with whitespace only)."""
        if ruled:
            yield
            return
        c = self.c
        c.drawPath = lambda *a, **k: None  # type: ignore[method-assign]
        c.rect = lambda *a, **k: None  # type: ignore[method-assign]
        try:
            yield
        finally:
            del c.drawPath, c.rect

    def _running_head(self, b: Sheet) -> None:
        if not b.running_head:
            return
        st, size = self.style, 8.5
        top = self.size[1] - st.margin_top * 0.55
        self.text(st.margin_x, top, b.running_head, size)
        self.c.setLineWidth(0.4)
        self.c.line(st.margin_x, top - 3, self.size[0] - st.margin_x, top - 3)

    def _sheet(self, b: Sheet) -> None:
        """Like Renderer._tableblock, with the Sheet's print habits."""
        st = self.style
        size = landscape(st.pagesize) if b.landscape and not st.landscape else st.pagesize
        label = " ".join(x for x in (b.caption, b.title, b.code) if x)
        grid = b.grid
        if b.title_in_grid:
            n = len(grid.widths)
            grid = replace(grid, rows=[[b.title] + [""] * (n - 1)] + [list(r) for r in grid.rows],
                           header_rows=grid.header_rows + 1,
                           spans=[Span(0, 0, 1, n, "block")] + [replace(s, row=s.row + 1) for s in grid.spans],
                           align_at={(0, 0): "c", **{(r + 1, c): a for (r, c), a in grid.align_at.items()}})
        self.new_page(size, label)
        rows, spans, colw, xs, fsize = self._columns(grid, b.size_scale)
        hr = grid.header_rows
        cells = self._layout_cells(grid, rows, spans, colw, fsize)
        notes = [ln for n in b.notes for ln in wrap(n, self.width, self.font, fsize + 0.5)]
        notes_h = len(notes) * (fsize + 0.5) * 1.6 + (6 if notes else 0) + (fsize * 2 if b.unit_below else 0)
        body = list(range(hr, len(rows)))
        quota = list(b.page_rows)
        first = True
        while body or first:
            if not first:
                self.new_page(size, label + "（续）")
            self._running_head(b)
            if first:
                self._table_title(b, True, titled=not b.title_in_grid, unit=not b.unit_below)
            elif b.continued:
                self.text(self.size[0] / 2, self.y - st.cell_size - 2, b.continued, st.cell_size + 2, "c", bold=True)
                self.y -= (st.cell_size + 2) * 2
            else:
                self.y -= 4
            head = list(range(hr)) if (first or b.repeat_header) else []
            avail = self.y - st.margin_bottom - notes_h
            limit = quota.pop(0) if quota else len(body)
            chunk: list[int] = []
            for r in body[:limit]:
                trial = chunk + [r]
                if chunk and sum(self._heights(cells, head + trial, fsize).values()) > avail:
                    break
                chunk = trial
            page_rows = head + chunk
            with self._no_ruling(b.ruled):
                self._draw_rows(cells, page_rows, self._heights(cells, page_rows, fsize), xs)
            body = body[len(chunk):]
            if not body:
                if b.unit_below and b.unit:
                    self.text(self.size[0] - st.margin_x, self.y - fsize - 3, f"{b.unit_label}{b.unit}", fsize + 1,
                              "r")
                    self.y -= fsize * 2
                if notes:
                    self.y -= 6
                    for line in notes:
                        self.text(st.margin_x, self.y - fsize, line, fsize + 0.5)
                        self.y -= (fsize + 0.5) * 1.6
            first = False
        self.y = st.margin_bottom - 1


@dataclass(frozen=True)
class Variant:
    """One variant file: how to draw it (whole, or broken with `broken=True`), its document title, house style."""

    blocks: Callable[..., list[Block]]
    title: str
    style: Style | None = None  # None: the set's own
    breakable: bool = True  # a broken copy exists (the table has sums to break)
    three_line: bool = False  # its tables typeset as 三线表 (rules above and below the header, under the last row)
    renderer: type[SheetRenderer] = SheetRenderer

    def draw(self, broken: bool) -> list[Block]:
        blocks = self.blocks(broken=True) if broken else self.blocks()
        if not self.three_line:
            return blocks
        keep = {f.name for f in fields(TableBlock)}  # a Sheet's own print habits dropped: the shared renderer
        return [TableBlock(**{**{k: getattr(b, k) for k in keep}, "three_line": True}) if isinstance(b, TableBlock)
                else b for b in blocks]


def broken_name(name: str) -> str:
    return name.replace(".pdf", "_broken.pdf")


def build(variants: dict[str, Variant], style: Style, out_dir: Path, names: list[str] | None = None,
          broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) in `style` unless their own into out_dir — with `broken`,
    also their broken copies; returns file name → path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, v in variants.items():
        if names and name not in names:
            continue
        for spoilt in (False, True) if broken and v.breakable else (False,):
            file = broken_name(name) if spoilt else name
            v.renderer.write(out_dir / file, v.style or style, v.title, v.draw(spoilt))
            written[file] = out_dir / file
    return written
