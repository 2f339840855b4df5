"""Camelot on the pages triage picked, and nothing else.

Each page's ruled tables come back as grids of strings (top to bottom). The
'vector' engine reads the PDF's own ruling lines without rendering the page
(fast); a page where it finds no grid falls back to the 'combined' engine, which
also looks at the rendered image (slower, but it sees lines drawn as thin rects or
images).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from camelot.core import Table
from camelot.io import read_pdf  # the package re-exports it without __all__
from camelot.parsers.lattice import Lattice

Grid = list[list[str]]


def _reject_only_blank(self: Lattice, table: Table) -> bool:
    # Camelot 2.0 drops grids >= 90% empty as ruling noise; a disclosure table that is
    # legitimately empty (政府性基金 with only a 合计 row) is exactly that, so keep
    # every grid with any text and let the parsers decide.
    return not any(str(c).strip() for row in table.df.values.tolist() for c in row)


Lattice._reject_table = _reject_only_blank  # type: ignore[method-assign]  # deliberate patch of Camelot's noise filter


# Table pages go to Camelot this many at a time: its per-table objects (layouts, text
# boxes) are dropped after each chunk, so a 500-page PDF peaks like a 25-page one.
CHUNK_PAGES = 25


def _grids(path: Path, pages: list[int], engine: str) -> dict[int, list[Grid]]:
    out: dict[int, list[Grid]] = {p: [] for p in pages}
    for start in range(0, len(pages), CHUNK_PAGES):
        out.update(_grids_of_chunk(path, pages[start:start + CHUNK_PAGES], engine))
    return out


def _grids_of_chunk(path: Path, pages: list[int], engine: str) -> dict[int, list[Grid]]:
    if not pages:
        return {}
    tables = read_pdf(
        str(path),
        pages=",".join(str(p) for p in pages),
        flavor="lattice",
        engine=engine,
        copy_text=["h"],
        split_text=True,  # a right-aligned amount and the next cell's label can fuse into one text line
        suppress_stdout=True,
    )
    return _top_to_bottom(pages, tables)


def _top_to_bottom(pages: list[int], tables: Iterable[Table]) -> dict[int, list[Grid]]:
    """Each page's grids (every page of `pages` present), the table with the highest top edge first."""
    found: dict[int, list[tuple[float, Grid]]] = {p: [] for p in pages}
    for table in tables:
        # PDF y grows upwards: the table with the highest top edge comes first.
        bbox = table._bbox
        top = float(bbox[3]) if bbox else 0.0
        grid = [[str(c) for c in row] for row in table.df.values.tolist()]
        found.setdefault(int(str(table.page)), []).append((top, grid))  # read_pdf sets page on every table
    return {p: [g for _, g in sorted(v, key=lambda t: -t[0])] for p, v in found.items()}


def read_tables(path: Path, pages: list[int], engine: str = "vector") -> dict[int, list[Grid]]:
    """Ruled tables per page (1-based), top to bottom; falls back to 'combined' where needed."""
    grids = _grids(path, pages, engine)
    if engine != "combined":
        missing = [p for p, g in grids.items() if not g]
        if missing:
            grids.update({p: g for p, g in _grids(path, missing, "combined").items() if g})
    return grids


# ---------------------------------------------------------------- second readings

# Words closer than this (points) vertically are one printed line; column bands closer than
# this horizontally are one column.
_LINE_TOL = 3.0
_BAND_GAP = 4.0


def _camelot_grids(path: Path, pages: list[int], **kwargs: object) -> dict[int, list[Grid]]:
    tables = read_pdf(str(path), pages=",".join(str(p) for p in pages), suppress_stdout=True, **kwargs)
    return _top_to_bottom(pages, tables)


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


def words_to_grid(words: list[dict[str, Any]]) -> Grid:
    """Words of a page (pdfplumber) into a grid: lines by vertical position, cells by column band.

    The bands come from the lines that hold an amount (their cells are aligned); the header
    words above go to the band under their centre, so a header spanning two columns names
    the one it is centred on.
    """
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(w["top"] - lines[-1][0]["top"]) <= _LINE_TOL:
            lines[-1].append(w)
        else:
            lines.append([w])
    body = [w for ln in lines if len(ln) >= 3 and any(ch.isdigit() for x in ln for ch in x["text"]) for w in ln]
    bands = _bands(body or [w for ln in lines for w in ln])
    if not bands:
        return []
    grid: Grid = []
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
    first = next((i for i, n in enumerate(filled) if n >= 2), len(grid))
    last = max((i for i, n in enumerate(filled) if n >= 2), default=-1)
    return grid[first:last + 1]


def _plumber_grids(path: Path, pages: list[int]) -> dict[int, list[Grid]]:
    import pdfplumber

    out: dict[int, list[Grid]] = {}
    with pdfplumber.open(str(path)) as pdf:
        for p in pages:
            if not 1 <= p <= len(pdf.pages):
                continue
            words = pdf.pages[p - 1].extract_words(x_tolerance=1.5, y_tolerance=2)
            grid = words_to_grid(words)
            out[p] = [grid] if grid else []
    return out


def alternatives(path: Path, pages: list[int], engine: str = "vector") -> Iterator[tuple[str, dict[int, list[Grid]]]]:
    """Other readings of some pages, cheapest first: (what read them, grids per page).

    Only a table whose checks failed pays for these. A reader that fails on a page yields
    nothing for it (the next one is tried).
    """
    readers: list[tuple[str, Callable[[], dict[int, list[Grid]]]]] = []
    if engine != "combined":
        readers.append(("Camelot lattice（combined 引擎）", lambda: _camelot_grids(
            path, pages, flavor="lattice", engine="combined", copy_text=["h"], split_text=True)))
    readers.append(("Camelot stream", lambda: _camelot_grids(path, pages, flavor="stream", split_text=True)))
    readers.append(("pdfplumber 按列位置", lambda: _plumber_grids(path, pages)))
    for label, read in readers:
        try:
            grids = read()
        except Exception:  # noqa: BLE001 — a second reader failing only means no second reading
            continue
        if any(grids.values()):
            yield label, grids
