"""Camelot on the pages triage picked, and nothing else.

Each page's ruled tables come back as grids of strings (top to bottom). The
'vector' engine reads the PDF's own ruling lines without rendering the page
(fast); a page where it finds no grid falls back to the 'combined' engine, which
also looks at the rendered image (slower, but it sees lines drawn as thin rects or
images) — only when the page draws what could show rules both ways (`drawn`); then to
stream, for a table typeset without lines. A rule-less page that prints several
tables is cut into one region per table first (ingest/regions.py), each read by
column position. A second reading of a table whose sums fail never offers the
reader of its first reading again: the same grids are no second reader agreeing, and
renders at CONFIRM_DPI. Camelot runs with Python's cyclic collector paused.
"""

from __future__ import annotations

import ctypes
import gc
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from camelot.backends.pdfium_backend import PdfiumBackend
from camelot.core import Table
from camelot.io import read_pdf  # the package re-exports it without __all__

from ingest import camelot_patches
from ingest.numbers import whole_amount
from ingest.regions import areas_of, page_words, regions, titled_pages, unfuse
from ingest.wordgrid import figure as _figure
from ingest.wordgrid import words_to_grid as words_to_grid  # re-exported: the tests read grids with it

Grid = list[list[str]]


camelot_patches.apply()  # blank-looking grids kept, text past a merged cell kept (ingest/camelot_patches.py)


# Table pages go to Camelot this many at a time: its per-table objects (layouts, text
# boxes) are dropped after each chunk, so a 500-page PDF peaks like a 25-page one.
CHUNK_PAGES = 25
# Camelot's text layout without pdfminer's box hierarchy (boxes_flow=None): lattice places each
# text line by its own position, so the grids are the same, and the layout costs a fifth less.
LAYOUT: dict[str, object] = {"boxes_flow": None}


def _grids(path: Path, pages: list[int], engine: str) -> dict[int, list[Grid]]:
    out: dict[int, list[Grid]] = {p: [] for p in pages}
    for start in range(0, len(pages), CHUNK_PAGES):
        out.update(_grids_of_chunk(path, pages[start:start + CHUNK_PAGES], engine))
    return out


# Dots per inch of the page images: Camelot's own for a first reading (the grids naive lattice reads);
# a second reading only confirms a table's figures, and its ruling lines are found alike at half that
# (the line kernels scale with the image), for a quarter of the pixels to render and threshold.
FIRST_DPI, CONFIRM_DPI = 300, 150


class _PageImages(PdfiumBackend):
    """Camelot's pdfium page images without the detour through PIL, at `resolution` dpi.

    pdfium renders BGR(x) bytes, which is what OpenCV reads: the same pixels Camelot's backend
    makes (render, to PIL as RGB, to numpy, channels reversed), in one copy instead of four.
    Camelot's lattice keeps its `resolution` option to itself, so the backend carries it.
    """

    def __init__(self, resolution: int = FIRST_DPI) -> None:
        super().__init__()
        self.resolution = resolution

    def to_array(self, pdf_path: str, resolution: int | None = None, page: int = 1) -> Any:
        doc = pdfium.PdfDocument(pdf_path)
        try:
            doc.init_forms()
            bitmap = doc[page - 1].render(scale=(resolution or self.resolution) / 72)
            pixels = bitmap.to_numpy()
            if pixels.ndim == 2:  # a grey bitmap: OpenCV's BGR is the grey value thrice
                pixels = pixels[:, :, None].repeat(3, axis=2)
            return np.ascontiguousarray(pixels[:, :, :3])  # a copy: the bitmap's buffer goes with it
        finally:
            doc.close()


# Camelot stream's options (a figure and the next label can share a text line: split at column edges); its
# columns come from the text lines' positions, which the layout without the box hierarchy keeps alike.
_STREAM: dict[str, Any] = {"flavor": "stream", "split_text": True, "layout_kwargs": LAYOUT}


def _lattice(engine: str, resolution: int = FIRST_DPI) -> dict[str, Any]:
    """read_pdf options of our lattice readings: 'combined' renders pages with _PageImages."""
    options: dict[str, Any] = {"flavor": "lattice", "engine": engine, "copy_text": ["h"], "layout_kwargs": LAYOUT,
                               "split_text": True}  # a right-aligned amount and the next label can fuse
    if engine != "vector":
        options["backend"] = _PageImages(resolution)
        options["resolution"] = resolution
    return options


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic collector off while Camelot lays out a chunk's pages.

    A page's layout is tens of thousands of small objects made at once and dropped together: the
    collector would walk them (and every module's objects) again and again for no garbage, a tenth
    of the reading's CPU. Memory stays bounded by the chunk; what is cyclic goes at the next pass.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_pdf(path: Path, pages: list[int], **options: Any) -> Any:
    """Camelot's read_pdf on some pages (1-based) of a PDF."""
    return read_pdf(str(path), pages=",".join(str(p) for p in pages), suppress_stdout=True, **options)


def _grids_of_chunk(path: Path, pages: list[int], engine: str) -> dict[int, list[Grid]]:
    if not pages:
        return {}
    with _collector_paused():  # the grids are taken from Camelot's tables before their objects go
        return _top_to_bottom(pages, _read_pdf(path, pages, **_lattice(engine)))


Box = tuple[float, float, float, float]  # Camelot's table bbox: x0, y0 (bottom), x1, y1 (top); PDF y grows upwards


def _top_to_bottom(pages: list[int], tables: Iterable[Table]) -> dict[int, list[Grid]]:
    """Each page's grids (every page of `pages` present) in reading order (`reading_order`)."""
    found: dict[int, list[tuple[Box, Grid]]] = {p: [] for p in pages}
    for table in tables:
        bbox = table._bbox
        box = (float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3])) if bbox else (0.0, 0.0, 0.0, 0.0)
        grid = [[str(c) for c in row] for row in table.df.values.tolist()]
        found.setdefault(int(str(table.page)), []).append((box, grid))  # read_pdf sets page on every table
    return {p: [g for _, g in reading_order(v)] for p, v in found.items()}


def reading_order(boxed: list[tuple[Box, Grid]]) -> list[tuple[Box, Grid]]:
    """The highest top edge first; tables side by side (their heights overlap: two small tables on one landscape
    sheet) left before right, as their titles read on the page."""
    bands: list[list[tuple[Box, Grid]]] = []
    for item in sorted(boxed, key=lambda t: -t[0][3]):
        band = bands[-1] if bands else None
        if band is not None and item[0][3] > min(b[0][1] for b in band) and item[0][2] <= min(b[0][0] for b in band):
            band.append(item)  # beside the band's tables (its top above their bottom), wholly to their left
        elif band is not None and item[0][3] > min(b[0][1] for b in band) and item[0][0] >= max(b[0][2] for b in band):
            band.append(item)  # … or wholly to their right
        else:
            bands.append([item])
    return [item for band in bands for item in sorted(band, key=lambda t: t[0][0])]


STREAM, COMBINED, PLUMBER = "Camelot stream", "Camelot lattice（combined 引擎）", "pdfplumber 按列位置"


def read_tables(path: Path, pages: list[int], engine: str = "vector",
                readers: dict[int, str] | None = None) -> dict[int, list[Grid]]:
    """Ruled tables per page (1-based), top to bottom; falls back to 'combined' where needed, then
    to stream (a table without ruling lines). `readers` gets the pages read by other than lattice."""
    grids = _grids(path, pages, engine)
    if engine != "combined":
        missing = drawn([p for p, g in grids.items() if not g], path)
        if missing:
            grids.update({p: g for p, g in _grids(path, missing, "combined").items() if g})
    missing = [p for p, g in grids.items() if not g]
    if missing:
        # a table typeset with whitespace only (no ruling line for lattice to follow): columns by text position
        try:
            # a page of several tables: one region per table, read by column position
            several = titled_pages(path, missing)
            split = {p: g for p, g in _plumber_grids(path, several).items() if len(g) >= 2} if several else {}
            rest = [p for p in missing if p not in split]
            stream = {**(_camelot_grids(path, rest, **_STREAM) if rest else {}), **split}
        except Exception:  # noqa: BLE001 — no stream reading only means no table on that page
            split, stream = {}, {}
        read = {p: kept for p, g in stream.items() if (kept := [x for x in g if _has_figures(x)])}
        grids.update(read)
        first = {p: PLUMBER if p in split else STREAM for p in read}
        _remember(path, first)
        if readers is not None:
            readers.update(first)
    return grids


# Glyphs that, stacked in a column, render as a vertical rule (a lattice needs vertical rules).
_BAR_GLYPHS = re.compile(r"[|｜丨\u2500-\u257f]")
# A segment this short (points) is a rule's thickness (the ends of a rule drawn as a thin filled box), no rule.
_RULE_THICKNESS = 3.0


def _path_ways(obj: Any) -> set[str]:
    """The directions a path draws rules in: "h", "v", and "other" for a curve or a slanted segment."""
    m = obj.get_matrix()
    ways: set[str] = set()
    x, y = ctypes.c_float(), ctypes.c_float()
    start = last = (0.0, 0.0)
    for i in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj.raw, i)
        pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = last = point
            continue
        if kind != pdfium_c.FPDF_SEGMENT_LINETO:
            return {"other"}
        ends = [(last, point)] + ([(point, start)] if pdfium_c.FPDFPathSegment_GetClose(seg) else [])
        for (x0, y0), (x1, y1) in ends:
            dx, dy = abs(x1 - x0), abs(y1 - y0)
            if max(dx, dy) > _RULE_THICKNESS:
                ways.add("h" if dy <= _RULE_THICKNESS else "v" if dx <= _RULE_THICKNESS else "other")
        last = start if pdfium_c.FPDFPathSegment_GetClose(seg) else point
    return ways


def _rules_both_ways(page: Any) -> bool:
    """The page draws something a picture could show both ruling directions in: an image, shading or
    form, a curve or slanted line, or rules of both directions (a grid, a box)."""
    ways: set[str] = set()
    for obj in page.get_objects(max_depth=2):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            return True
        ways |= _path_ways(obj)
        if "other" in ways or {"h", "v"} <= ways:
            return True
    return False


def drawn(pages: list[int], path: Path) -> list[int]:
    """The pages a rendered reading could find ruling lines on that the vector one did not.

    The 'combined' engine renders the page and looks for lines in the picture, and a lattice needs
    rules of both directions: a page of text objects and rules of one direction only (a 三线表's
    horizontal rules, or none) shows no other rule in its picture but bars of glyphs. Such a page
    is not rendered.
    """
    if not pages:
        return []
    out = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for p in pages:
            page = pdf[p - 1]
            graphics = _rules_both_ways(page)
            if not graphics:
                textpage = page.get_textpage()
                graphics = bool(_BAR_GLYPHS.search(textpage.get_text_range()))
                textpage.close()
            page.close()
            if graphics:
                out.append(p)
    finally:
        pdf.close()
    return out


_ONE_COLUMN_ROWS = 3
_CODED = re.compile(r"^(?:\d{3}|\d{5}|\d{7})(?:\s|$)")  # a line led by its function or economic code


def _has_figures(grid: Grid) -> bool:
    """Two rows of two or more amounts, one row of four (a one-line 三公 table) or one coded line of two (the last
    line of a table run onto a page of its own: 2210304 住房公积金 94.63 94.63), or a column whose cells are amounts
    alone on three rows (项目 | 行次 | 金额) — an amount decimal or whole with separators (1,234,567 元), or in a
    column whole 元 no code can be (ingest/numbers.whole_amount) —, or whole numbers that add up (`_whole_totals`);
    a stream reading of a cover, prose or a form page holds none (its amounts sit inside sentences)."""
    counts = [sum(any(_figure(t) for t in c.split()) for c in r) for r in grid]
    if sum(n >= 2 for n in counts) >= 2 or any(n >= 4 for n in counts):
        return True
    if any(n >= 2 and _CODED.match(next((c.strip() for c in r if c.strip()), "")) for n, r in zip(counts, grid,
                                                                                                strict=True)):
        return True
    width = max((len(r) for r in grid), default=0)
    columns = [[r[j].strip() for r in grid if j < len(r)] for j in range(width)]
    return any(sum(map(_figure, col)) >= _ONE_COLUMN_ROWS or sum(map(whole_amount, col)) >= _ONE_COLUMN_ROWS
               for col in columns) or _whole_totals(grid, columns)


_WHOLE = re.compile(r"^\d+$")
_WHOLE_TOTAL = 1000  # a total of whole 元 at least this: 行次 and page numbers (1 + 2 = 3) stay below it
_WHOLE_ROWS = 2  # lines whose whole numbers add up (合计 = 基本支出 + 项目支出)


def _whole_totals(grid: Grid, columns: list[list[str]]) -> bool:
    """Whole 元 printed without separators: two lines, or one column, where a number is the sum of the two or more
    non-zero numbers next to it (合计 | 基本支出 | 项目支出; 本年收入合计 under its lines) — the table's own arithmetic;
    codes, years and page numbers do not add up."""
    def closes(cells: list[str]) -> bool:
        values = [int(c) for c in cells if _WHOLE.match(c)]
        for i, total in enumerate(values):
            if total < _WHOLE_TOTAL:
                continue
            for run in (values[i + 1:], values[:i][::-1]):
                parts = [x for x in run if x]
                acc = 0
                for k, x in enumerate(parts):
                    acc += x
                    if acc >= total:
                        if acc == total and k >= 1:
                            return True
                        break
        return False

    return sum(closes([c.strip() for c in r]) for r in grid) >= _WHOLE_ROWS or any(map(closes, columns))


# ---------------------------------------------------------------- second readings

def _camelot_grids(path: Path, pages: list[int], **kwargs: object) -> dict[int, list[Grid]]:
    with _collector_paused():
        tables = list(_read_pdf(path, pages, **kwargs))
        if kwargs.get("flavor") == "stream" and "table_areas" not in kwargs:
            tables = _one_table_per_area(path, tables, kwargs)
        grids = _top_to_bottom(pages, tables)
    if kwargs.get("flavor") == "stream":  # columns by text position: a figure and the next label can share a cell
        grids = {p: [unfuse(g) for g in gs] for p, gs in grids.items()}
    return grids


def _overlap(a: Box, b: Box) -> bool:
    """Two table boxes that share more than half the height and some width of the lower one (one table)."""
    high = min(a[3], b[3]) - max(a[1], b[1])
    return high > 0.5 * min(a[3] - a[1], b[3] - b[1]) and min(a[2], b[2]) > max(a[0], b[0])


def _one_table_per_area(path: Path, tables: list[Table], kwargs: dict[str, object]) -> list[Table]:
    """Camelot stream's tables with a table it found twice, in two overlapping areas shifted sideways (each missing
    a column at one edge), read again once over both areas together."""
    by_page: dict[int, list[Table]] = {}
    for t in tables:
        by_page.setdefault(int(str(t.page)), []).append(t)
    out: list[Table] = []
    for page, found in by_page.items():
        boxes = [tuple(float(x) for x in t._bbox) for t in found if t._bbox]
        unions: list[list[float]] = []
        for box in boxes:
            hit = next((u for u in unions if _overlap((u[0], u[1], u[2], u[3]), box)), None)  # type: ignore[arg-type]
            if hit is None:
                unions.append(list(box))
            else:
                hit[:] = [min(hit[0], box[0]), min(hit[1], box[1]), max(hit[2], box[2]), max(hit[3], box[3])]
        if len(unions) == len(found):
            out += found
            continue
        areas = [f"{u[0]:.1f},{u[3] + 1:.1f},{u[2]:.1f},{u[1] - 1:.1f}" for u in unions]
        out += list(_read_pdf(path, [page], **kwargs, table_areas=areas))
    return out


def _plumber_grids(path: Path, pages: list[int]) -> dict[int, list[Grid]]:
    import pdfplumber

    out: dict[int, list[Grid]] = {}
    with _collector_paused(), pdfplumber.open(str(path)) as pdf:
        for p in pages:
            if not 1 <= p <= len(pdf.pages):
                continue
            parts = regions(page_words(pdf, p))
            if len(parts) >= 2:  # several tables: each region's grid, its title cut off already
                out[p] = [g for part in parts if (g := words_to_grid(part, trim_top=False))]
                continue
            grid = words_to_grid(parts[0]) if parts else []
            out[p] = [grid] if grid else []
    return out


def _stream_grids(path: Path, pages: list[int]) -> dict[int, list[Grid]]:
    """Camelot stream's grids of pages without ruling lines; a page that shows several table titles is read
    region by region (Camelot's own column edges within each), a second reader beside the first reading's
    column positions."""
    several = titled_pages(path, pages)
    split = {p: _camelot_grids(path, [p], **_STREAM, table_areas=areas)[p]
             for p, areas in (areas_of(path, several) if several else {}).items()}
    rest = [p for p in pages if p not in split]
    return {**(_camelot_grids(path, rest, **_STREAM) if rest else {}), **split}


Readings = dict[tuple[str, tuple[int, ...]], dict[int, list[Grid]] | None]

# The reader of each page whose first reading was not lattice, per file (path, size, mtime): reading such a
# page again with the same reader gives the same grids, which is no second reader agreeing. A few files.
_FIRST: OrderedDict[tuple[str, int, int], dict[int, str]] = OrderedDict()
_FIRST_FILES = 64


def _file_key(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return str(path), st.st_size, st.st_mtime_ns


def _remember(path: Path, first: dict[int, str]) -> None:
    if not first:
        return
    key = _file_key(path)
    _FIRST.setdefault(key, {}).update(first)
    _FIRST.move_to_end(key)
    while len(_FIRST) > _FIRST_FILES:
        _FIRST.popitem(last=False)


def alternatives(path: Path, pages: list[int], engine: str = "vector", memo: Readings | None = None,
                 confirm: bool = False) -> Iterator[tuple[str, dict[int, list[Grid]]]]:
    """Other readings of some pages: (what read them, grids per page).

    Only a table whose checks failed pays for these. A reader that fails on a page yields
    nothing for it (the next one is tried). `memo` (one per document) keeps each reader's
    reading of a set of pages: the tables that share a page and fail share its readings.
    A reading to mend (`confirm` False) asks the lattice of a rendered picture first, the reader most
    likely to find the ruling the first one missed; a reading whose only doubt is a sum it fails
    (`confirm`: a second reader printing the same figures settles it) asks the cheapest first, by text
    positions (Camelot stream, then pdfplumber), the picture last.
    """
    combined: list[tuple[str, Callable[[], dict[int, list[Grid]]]]] = []
    if engine != "combined" and drawn(pages, path):  # a picture of the pages could show another ruling
        combined.append((COMBINED, lambda: _camelot_grids(path, pages, **_lattice("combined", CONFIRM_DPI))))
    by_text: list[tuple[str, Callable[[], dict[int, list[Grid]]]]] = [
        (STREAM, lambda: _stream_grids(path, pages)), (PLUMBER, lambda: _plumber_grids(path, pages))]
    readers = by_text + combined if confirm else combined + by_text
    memo = {} if memo is None else memo
    try:
        first = _FIRST.get(_file_key(path), {})
    except OSError:
        first = {}
    for label, read in readers:
        if pages and all(first.get(p) == label for p in pages):
            continue  # the reader of the first reading: the same grids again
        key = (label, tuple(pages))
        if key not in memo:
            try:
                memo[key] = read()
            except Exception:  # noqa: BLE001 — a second reader failing only means no second reading
                memo[key] = None
        grids = memo[key]
        if grids is not None and any(grids.values()):
            yield label, grids
