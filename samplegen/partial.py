"""A 部门决算 whose 支出决算表 the ingest can only read in part: for tests of the reading notes.

郴州 2022 决算 (seed 000), cover, 收入支出决算总表 and 支出决算表, with two numbers printed in one
cell of the 支出决算表 (line 2080501): no reader can split them, so the table is read `partial`
and the rule `reading_incomplete` writes a reading note. Not part of samples/ (the demo lake and
the accuracy report read every file there); tests write it where they need it.
"""

from __future__ import annotations

import copy
from pathlib import Path

from . import chenzhou
from .layout import Cover, Part, Renderer
from .seeds import seed_lines
from .styles import STYLE_A

BROKEN_CELL = "0.70 9.30"  # two numbers in one cell: the 基本支出 of line 2080501
BROKEN_LINE = "2080501"


def write(path: Path) -> Path:
    """Render the document to `path` (a .pdf); returns it."""
    tables = copy.deepcopy(chenzhou.final_account_tables(seed_lines(chenzhou.SEED)))
    expenditure = next(t for t in tables if t.code == "公开03表")
    next(r for r in expenditure.grid.rows if r[0] == BROKEN_LINE)[2] = BROKEN_CELL
    path.parent.mkdir(parents=True, exist_ok=True)
    Renderer.write(path, STYLE_A, chenzhou.TITLE, [Cover(["2022年度", "郴州市医疗保障局部门决算"]),
                   Part("第二部分", "部门决算表"), *(t for t in tables if t.code in ("公开01表", "公开03表"))],
                   chenzhou.AGENCY)
    return path
