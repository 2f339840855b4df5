"""Camelot on the pages triage picked, and nothing else.

Each page's ruled tables come back as grids of strings (top to bottom). The
'vector' engine reads the PDF's own ruling lines without rendering the page
(fast); a page where it finds no grid falls back to the 'combined' engine, which
also looks at the rendered image (slower, but it sees lines drawn as thin rects or
images).
"""

from __future__ import annotations

from pathlib import Path

import camelot
from camelot.parsers.lattice import Lattice

Grid = list[list[str]]


def _reject_only_blank(self: Lattice, table) -> bool:  # noqa: ANN001
    # Camelot 2.0 drops grids >= 90% empty as ruling noise; a disclosure table that is
    # legitimately empty (政府性基金 with only a 合计 row) is exactly that, so keep
    # every grid with any text and let the parsers decide.
    return not any(str(c).strip() for row in table.df.values.tolist() for c in row)


Lattice._reject_table = _reject_only_blank


# Table pages go to Camelot this many at a time: its per-table objects (layouts, text
# boxes) are dropped after each chunk, so a 500-page PDF peaks like a 25-page one.
CHUNK_PAGES = 25


def _grids(path: Path, pages: list[int], engine: str) -> dict[int, list[Grid]]:
    out: dict[int, list[Grid]] = {p: [] for p in pages}
    for start in range(0, len(pages), CHUNK_PAGES):
        out.update(_grids_of_chunk(path, pages[start:start + CHUNK_PAGES], engine))
    return out


def _grids_of_chunk(path: Path, pages: list[int], engine: str) -> dict[int, list[Grid]]:
    out: dict[int, list[Grid]] = {p: [] for p in pages}
    if not pages:
        return out
    tables = camelot.read_pdf(
        str(path),
        pages=",".join(str(p) for p in pages),
        flavor="lattice",
        engine=engine,
        copy_text=["h"],
        split_text=True,  # a right-aligned amount and the next cell's label can fuse into one text line
        suppress_stdout=True,
    )
    for table in tables:
        page = int(table.page)
        # PDF y grows upwards: the table with the highest top edge comes first.
        top = table._bbox[3] if getattr(table, "_bbox", None) else 0
        grid = [[str(c) for c in row] for row in table.df.values.tolist()]
        out.setdefault(page, []).append((top, grid))  # type: ignore[arg-type]
    return {p: [g for _, g in sorted(v, key=lambda t: -t[0])] for p, v in out.items()}  # type: ignore[misc]


def read_tables(path: Path, pages: list[int], engine: str = "vector") -> dict[int, list[Grid]]:
    """Ruled tables per page (1-based), top to bottom; falls back to 'combined' where needed."""
    grids = _grids(path, pages, engine)
    if engine != "combined":
        missing = [p for p, g in grids.items() if not g]
        if missing:
            grids.update({p: g for p, g in _grids(path, missing, "combined").items() if g})
    return grids
