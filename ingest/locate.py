"""Where each figure is printed: its bounding box on its page, from the page's text layer.

After a document's tables are parsed, every figure row (summary, line items, economic items,
三公 table rows, projects, indicators, project goals) is given the box of the number it was read from, so the
dashboard can show the page cropped to that cell. A scan is OCR'd into a text layer before it
is read (ingest/ocr.py), so one mechanism serves digital and scanned pages alike.

The figure is found by value among the numbers printed on its page (as printed, 元 for 万元, or a
percentage). When the value is printed more than once, the row's label (same printed line), the
figure's column (the x-band of the figures of its column found unambiguously on the page), and
last the print order (k equal figures left for k equal numbers: the k-th is the k-th printed)
decide; a figure that stays ambiguous gets no box rather than a wrong one. The pages are the text
pass's, held open (ingest/document.py), and only the characters of the numbers and labels looked at
are measured: about 1 % of a document's ingest.

Boxes are PDF points on the page as displayed (its /Rotate applied, as pdfium renders it), origin at
the top left: [x0, top, x1, bottom].
"""

from __future__ import annotations

import functools
import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import pypdfium2 as pdfium

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (points, page-top origin)
BBOX = "bbox"  # the row column the box goes to: [x0, top, x1, bottom] (fiscal/schema.py)
# Datasets whose row box spans the numbers printed on its figure's line (a project's budget, execution, rate).
ROW_SPANS = frozenset({"projects"})
# Datasets whose row box encloses every figure of the row found (a goal form's funds, printed on several lines).
ROW_UNIONS = frozenset({"project_goals"})

# The figure columns of each dataset, the one the row's box stands for first.
FIGURES: dict[str, tuple[str, ...]] = {
    "summary": ("amount",),
    "line_items": ("amount",),
    "economic_items": ("amount",),
    "sangong": ("amount",),
    # in the order a self-evaluation form prints them (a row's figures of one value are matched in order)
    "projects": ("budget_initial", "budget_full_year", "executed", "exec_rate_reported", "exec_score", "total_score"),
    "indicators": ("score", "weight"),
    # a 项目绩效目标表's funds block: the year's request and its parts, then the whole project's
    "project_goals": ("requested_total", "requested_fiscal", "requested_carried_over", "requested_other",
                      "project_total", "project_fiscal", "project_other"),
}
# The row's label columns, printed on the figure's line (most telling first).
LABELS: dict[str, tuple[str, ...]] = {
    "summary": ("label",),
    "line_items": ("name", "code"),
    "economic_items": ("name", "code"),
    "sangong": (),
    "projects": ("project",),
    "indicators": ("name",),
    "project_goals": (),  # its figures are on lines labelled by the fund (年度资金申请总额, 其中…), not the project
}
# The row of a self-evaluation form that prints a project's budget, execution and rate.
FUNDS_ROW = "年度资金总额"
# The columns that say which printed column a figure is in (its figures share an x-band).
COLUMN_KEYS: dict[str, tuple[str, ...]] = {
    "summary": ("table", "item"),
    "line_items": ("table", "measure"),
    "economic_items": ("group",),
    "sangong": ("stage", "item"),
    "projects": (),
    "indicators": (),
    "project_goals": (),
}
_NUMBER = re.compile(r"\(?-?(?:\d{1,3}(?:, ?\d{3})+|\d+)(?:\. ?\d+)?\)?%?")
_LINE_SLACK = 2.0  # points: a figure's centre this far outside its label's lines is still on them
_COLUMN_SLACK = 12.0  # points: a figure this far from its column's centre is not in it


class _Token:
    """A number printed on a page; its box is measured when first asked for."""

    __slots__ = ("_box", "_page", "decimal", "end", "percent", "start", "value")

    def __init__(self, page: _Page, text: str, value: float, start: int, end: int) -> None:
        self._page, self.value, self.start, self.end = page, value, start, end
        self.percent, self.decimal = text.endswith("%"), "." in text
        self._box: Box | None = None

    @property
    def box(self) -> Box:
        if self._box is None:
            self._box = self._page.span_box(self.start, self.end)
        return self._box

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2


class _Page:
    """A page's text layer as pdfium reads it: its numbers, and the places of labels, found on demand.

    Only the characters of the numbers and labels looked at are measured (pdfium's per-character
    call is what this module costs)."""

    def __init__(self, textpage: Any, width: float, height: float, rotation: int = 0) -> None:
        # the page's own (unrotated) size: pdfium's character boxes are in its coordinates
        self._textpage, self._width, self._height, self._rotation = textpage, width, height, rotation % 360
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        if len(text) != count:  # a character outside the BMP: characters one by one
            text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(count))
        norm = unicodedata.normalize("NFKC", text)  # full-width digits and commas as ASCII
        if len(norm) != len(text):  # NFKC widened a character: keep the indexes of the raw text
            norm = "".join(unicodedata.normalize("NFKC", ch)[:1] or ch for ch in text)
        self._norm = norm
        # numbers by their value in cents, and by their value in 万元 cents when printed in 元
        self.by_value: dict[int, list[_Token]] = defaultdict(list)
        self.by_yuan: dict[int, list[_Token]] = defaultdict(list)
        for m in _NUMBER.finditer(norm):
            value = _value(m.group())
            if value is not None:
                token = _Token(self, m.group(), value, m.start(), m.end())
                self.by_value[round(value * 100)].append(token)
                if abs(value) >= 100 and not token.percent:
                    self.by_yuan[round(value / 100)].append(token)
        self._spans: dict[str, list[Box]] = {}

    def char_box(self, index: int) -> Box:
        """A character's box on the page as displayed (its /Rotate applied), from the top left."""
        left, bottom, right, top = self._textpage.get_charbox(index)
        w, h = self._width, self._height
        if self._rotation == 90:
            return (bottom, left, top, right)
        if self._rotation == 180:
            return (w - right, bottom, w - left, top)
        if self._rotation == 270:
            return (h - top, w - right, h - bottom, w - left)
        return (left, h - top, right, h - bottom)

    def candidates(self, value: float) -> list[_Token]:
        """The numbers on the page that print `value`: as is, in 元 for 万元, or as a percentage."""
        cents = round(value * 100)
        out = [t for t in self.by_value.get(cents, ()) if abs(t.value - value) <= 0.005]
        out += [t for t in self.by_value.get(round(value * 10_000), ()) if t.percent and t not in out]
        out += [t for t in self.by_yuan.get(cents, ()) if t not in out]
        if any(t.decimal for t in out):  # "9.00" beside a bare "9": the 9 is a column number, a code, a page
            out = [t for t in out if t.decimal or t.percent]
        return out

    def candidates_of_text(self, text: str) -> list[_Token]:
        """The numbers on the page printed as `text` (an OCR misreading of a figure, read as a number)."""
        value = _value(unicodedata.normalize("NFKC", "".join(text.split())))
        return [] if value is None else [t for t in self.by_value.get(round(value * 100), ())
                                         if abs(t.value - value) <= 0.005]

    def span_box(self, start: int, end: int) -> Box:
        """The box of the characters start..end-1 (their first and last: one printed line, or a label
        wrapped in its cell)."""
        first, last = self.char_box(start), self.char_box(end - 1)
        return (min(first[0], last[0]), min(first[1], last[1]), max(first[2], last[2]), max(first[3], last[3]))

    def label_spans(self, label: str) -> list[Box]:
        """The box of each place `label` is printed (at most 8), whitespace and line breaks between its characters."""
        if label not in self._spans:
            pattern = _label_pattern(label)
            found = pattern.finditer(self._norm) if pattern else iter(())
            self._spans[label] = [self.span_box(m.start(), m.end()) for _, m in zip(range(8), found, strict=False)]
        return self._spans[label]


@functools.lru_cache(maxsize=4096)
def _label_pattern(label: str) -> re.Pattern[str] | None:
    want = [ch for ch in unicodedata.normalize("NFKC", label) if not ch.isspace()]
    if len(want) < 2 and not "".join(want).isdigit():
        return None  # one character is found everywhere
    return re.compile(r"\s*".join(re.escape(ch) for ch in want))


def _value(text: str) -> float | None:
    raw = text.replace(",", "").replace(" ", "").rstrip("%")
    negative = raw.startswith("(") and raw.endswith(")")
    raw = raw.strip("()")
    try:
        value = float(raw)
    except ValueError:
        return None
    return -value if negative else value


class _Figure:
    """One figure of a row: its value, where it could be printed, where it was found."""

    def __init__(self, page: _Page, row: dict[str, Any], column: str, label: str | None, key: tuple[Any, ...],
                 printed: str | None = None) -> None:
        self.page, self.row, self.column, self.label, self.key = page, row, column, label, key
        self.value = float(row[column])
        self.candidates = page.candidates(self.value)
        if not self.candidates and printed:  # corrected by OCR proof-reading: found where its misreading is
            self.candidates = page.candidates_of_text(printed)
        self.box: Box | None = None
        self._lined: list[_Token] | None = None

    @property
    def labels(self) -> list[Box]:
        return self.page.label_spans(self.label) if self.label else []

    def on_line(self) -> list[_Token]:
        """The candidates printed on (one of) the label's lines, right of where the label starts."""
        if self._lined is None:
            self._lined = []
            labels = [(lb[0], lb[1] - _LINE_SLACK, lb[3] + _LINE_SLACK) for lb in self.labels]
            for t in self.candidates if labels else ():
                x0, top, _, bottom = t.box
                cy = (top + bottom) / 2
                if any(lo <= cy <= hi and x0 >= left for left, lo, hi in labels):
                    self._lined.append(t)
        return self._lined


def _label(dataset: str, row: dict[str, Any], page: _Page) -> str | None:
    if dataset == "projects" and page.label_spans(FUNDS_ROW):
        return FUNDS_ROW  # a self-evaluation form: the figures are on its 年度资金总额 row, not the name's
    return next((row[c] for c in LABELS[dataset] if isinstance(row.get(c), str) and row[c].strip()), None)


def _figures(dataset: str, rows: Iterable[dict[str, Any]], page: _Page,
             printed: Mapping[int, str] | None = None) -> list[_Figure]:
    out = []
    for row in rows:
        if dataset == "sangong" and row.get("source") not in (None, "table"):
            continue  # a figure stated in prose: the flag page finds its sentence
        label = _label(dataset, row, page)
        key = (dataset, *(row.get(k) for k in COLUMN_KEYS[dataset]))
        for col in FIGURES[dataset]:
            value = row.get(col)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or abs(value) < 0.005:
                continue  # a zero is mostly printed blank or as one of many 0.00: nothing to point at
            hint = printed.get(round(float(value) * 100)) if printed else None
            out.append(_Figure(page, row, col, label, (*key, col), hint))
    return out


def _first_pass(fig: _Figure) -> None:
    """The unambiguous: the only place the value is printed, or the only one on the label's line."""
    if not fig.candidates:
        return
    # a small whole number printed once (it could be a code, a column or page number) is no proof
    specific = fig.value != int(fig.value) or abs(fig.value) >= 1000 or fig.candidates[0].decimal
    if len(fig.candidates) == 1 and (specific or not fig.labels or fig.on_line()):
        fig.box = fig.candidates[0].box
        return
    lined = fig.on_line()
    if len(lined) == 1:
        fig.box = lined[0].box


def _second_pass(fig: _Figure, columns: dict[tuple[Any, ...], float], taken: set[Box]) -> None:
    """The rest, by the column's x-band (learnt from the first pass), then nearest right of the label."""
    if not fig.candidates:
        return
    lined = fig.on_line()
    pool = [t for t in (lined or fig.candidates) if t.box not in taken]
    if not pool:
        return
    centre = columns.get(fig.key)
    if centre is not None:
        near = [t for t in pool if abs(t.cx - centre) <= _COLUMN_SLACK]
        if len(near) == 1 or (near and lined):
            fig.box = min(near, key=lambda t: abs(t.cx - centre)).box
        return
    if lined and len({round(t.cy) for t in lined}) == 1:  # one line: the first figure right of the label
        fig.box = min(pool, key=lambda t: t.box[0]).box


def _in_order(figures: list[_Figure], taken: set[Box]) -> None:
    """Figures of one value printed as often as they are left: matched in order. The parsers emit a
    table's figures as printed (row by row, left to right), so the k-th is the k-th printed."""
    groups: dict[tuple[str, int], list[_Figure]] = defaultdict(list)
    for fig in figures:
        if fig.box is None and fig.candidates:
            groups[(fig.key[0], round(fig.value * 100))].append(fig)
    for group in groups.values():
        pool: dict[int, _Token] = {}
        for fig in group:
            pool.update((id(t), t) for t in (fig.on_line() or fig.candidates) if t.box not in taken)
        if len(pool) != len(group):
            continue
        tokens = sorted(pool.values(), key=lambda t: (t.cy, t.cx))
        lines: list[list[_Token]] = []
        for t in tokens:  # printed lines top to bottom, each left to right
            if lines and abs(t.cy - lines[-1][0].cy) <= _LINE_SLACK:
                lines[-1].append(t)
            else:
                lines.append([t])
        ordered = [t for line in lines for t in sorted(line, key=lambda t: t.cx)]
        for fig, token in zip(group, ordered, strict=True):
            fig.box = token.box
            taken.add(token.box)


def locate_page(page: _Page, frames: dict[str, list[dict[str, Any]]],
                printed: Mapping[int, str] | None = None) -> None:
    """Set the box of every figure row of `frames` printed on `page`; `printed`: what the page's text layer
    prints for figures corrected by OCR proof-reading (value in cents → text)."""
    figures = [f for dataset, rows in frames.items() for f in _figures(dataset, rows, page, printed)]
    for fig in figures:
        _first_pass(fig)
    xs: dict[tuple[Any, ...], list[float]] = defaultdict(list)
    for fig in figures:
        if fig.box is not None:
            xs[fig.key].append((fig.box[0] + fig.box[2]) / 2)
    columns = {k: statistics.median(v) for k, v in xs.items()}
    taken = {f.box for f in figures if f.box is not None}
    for fig in figures:
        if fig.box is None:
            _second_pass(fig, columns, taken)
            if fig.box is not None:
                taken.add(fig.box)
    _in_order(figures, taken)
    boxes: dict[int, list[tuple[str, Box]]] = defaultdict(list)
    for fig in figures:
        if fig.box is not None:
            boxes[id(fig.row)].append((fig.column, fig.box))
    for fig in figures:
        found = boxes.get(id(fig.row))
        if found and fig.row.get(BBOX) is None:
            if fig.key[0] in ROW_UNIONS:
                box = _union([b for _, b in found])
            elif fig.key[0] in ROW_SPANS:
                box = _row_box(page, found[0][1])
            else:
                box = found[0][1]
            fig.row[BBOX] = _as_list(box)


def _row_box(page: _Page, first: Box) -> Box:
    """A row's box: its first figure's, widened over every number printed on its line (a project's budget,
    execution, rate and score: the rules compare them, zeros and percentages too)."""
    return _union([first, *(t.box for ts in page.by_value.values() for t in ts
                            if first[1] <= t.cy <= first[3] and t.box[0] >= first[0] - 1)])


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _as_list(box: Box) -> list[float]:
    return [round(v, 1) for v in box]


def locate(data: bytes, frames: dict[str, list[dict[str, Any]]],
           held: Mapping[int, tuple[Any, Any]] | None = None,
           printed: Mapping[int, Mapping[int, str]] | None = None) -> None:
    """Give every figure row of a document's `frames` its box (`bbox`) on its page, where it is found.

    `held`: pages the caller has open already, (pdfium page, textpage) by number (not closed here);
    the others are opened from `data`. `printed`: per page, figures corrected by OCR proof-reading and
    the text the page prints for each (value in cents → text)."""
    by_page: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for dataset, rows in frames.items():
        if dataset not in FIGURES:
            continue
        for row in rows:
            if isinstance(row.get("page"), int):
                by_page[row["page"]][dataset].append(row)
    pdf: pdfium.PdfDocument | None = None
    try:
        for number, page_frames in sorted(by_page.items()):
            hints = (printed or {}).get(number)
            if held and number in held:
                locate_page(_open_page(*held[number]), page_frames, hints)
                continue
            pdf = pdf or pdfium.PdfDocument(data)
            if not 1 <= number <= len(pdf):
                continue
            page = pdf[number - 1]
            textpage = page.get_textpage()
            try:
                locate_page(_open_page(page, textpage), page_frames, hints)
            finally:
                textpage.close()
                page.close()
    finally:
        if pdf is not None:
            pdf.close()


def _open_page(page: Any, textpage: Any) -> _Page:
    rotation = page.get_rotation()
    width, height = page.get_size()
    if rotation in (90, 270):  # get_size is the displayed size; the character boxes are in the page's own
        width, height = height, width
    return _Page(textpage, width, height, rotation)


def share(frames: dict[str, list[dict[str, Any]]]) -> tuple[int, int]:
    """(figure rows with a box, figure rows with a non-zero figure): how much of a document was located."""
    rows = [r for ds, rs in frames.items() if ds in FIGURES for r in rs
            if (ds != "sangong" or r.get("source") in (None, "table"))
            and any(isinstance(r.get(c), (int, float)) and abs(r[c]) >= 0.005 for c in FIGURES[ds])]
    return sum(r.get(BBOX) is not None for r in rows), len(rows)
