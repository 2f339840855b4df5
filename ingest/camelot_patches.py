"""Two deliberate patches of Camelot 2.0, applied once by ingest/extract.py before any reading.

- Lattice keeps every grid that holds any text: Camelot drops grids ≥ 90 % empty as ruling noise, and a disclosure
  table that is legitimately empty (政府性基金 with only a 合计 row) is exactly that; the parsers decide.
- split_text keeps the characters after the last cell edge a text line crosses: Camelot cuts a line at the right
  edges of the cells it crosses and drops what follows the last one, so a line ending in a merged cell ("719.77
  公用经费合计", the label spanning 科目编码 and 科目名称 of the next block) lost its label. Those characters go to
  their merged cell's first column, where copy_text carries a merged cell's text from.
"""

from __future__ import annotations

from typing import Any

from camelot.core import Table
from camelot.parsers.lattice import Lattice


def _reject_only_blank(self: Lattice, table: Table) -> bool:
    """Reject a grid only when it holds no text at all."""
    return not any(str(c).strip() for row in table.df.values.tolist() for c in row)


def _keep_text_past_the_last_cut() -> None:
    """Wrap camelot.utils._process_horizontal_cut so that no character of a text line is dropped."""
    import camelot.utils as cu
    from playa.miner import LTChar  # Camelot's layout objects

    original = cu._process_horizontal_cut
    if getattr(original, "_keeps_tail", False):
        return

    def cut(table: Any, textline: Any, bbox: Any) -> list[Any]:
        out: list[Any] = original(table, textline, bbox)
        placed = {id(obj) for *_at, obj in out}
        tail = [obj for obj in textline._objs if isinstance(obj, LTChar) and id(obj) not in placed]
        if not out or not tail:
            return out
        r = out[0][0]
        top, bottom = table.rows[r]
        for obj in tail:
            centre = (obj.x0 + obj.x1) / 2
            col = next((c for c, (x0, x1) in enumerate(table.cols) if x0 <= centre <= x1), None)
            if col is None or not bottom <= (obj.y0 + obj.y1) / 2 <= top:
                continue
            while col > 0 and not table.cells[r][col].left:
                col -= 1  # the merged cell's first column
            out.append((r, col, obj))
        return out

    cut._keeps_tail = True  # type: ignore[attr-defined]
    cu._process_horizontal_cut = cut


def apply() -> None:
    """Apply both patches (idempotent)."""
    Lattice._reject_table = _reject_only_blank  # type: ignore[method-assign]
    _keep_text_past_the_last_cut()
