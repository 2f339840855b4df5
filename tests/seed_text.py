"""Figures as printed in the seed texts (samples/seeds/) — the expected values of the ingest tests.

Deliberately independent of the ingest code (and of the sample generator): it reads the
tab-separated table lines of a seed directly.
"""

from __future__ import annotations

import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "samples" / "seeds"
CHENZHOU = SEEDS / "000_d741ed2ca5e3f399.txt"


def _amount(cell: str) -> float:
    cell = cell.strip().replace(",", "")
    return float(cell) if cell else 0.0


def table_lines(seed: Path, title: str) -> list[list[str]]:
    """Tab-split lines of every block of the table titled exactly `title` (all its pages)."""
    lines = seed.read_text(encoding="utf-8").splitlines()
    out: list[list[str]] = []
    inside = False
    for line in lines:
        stripped = line.strip()
        if stripped == title:
            inside = True
            continue
        if inside and stripped.startswith("注"):
            inside = False
        if inside and "\t" in line:
            out.append(line.split("\t"))
    return out


def function_rows(seed: Path, title: str) -> dict[str | None, tuple[str, list[float]]]:
    """code (None for 合计) → (name, amounts in column order) of a 收入/支出 table."""
    rows: dict[str | None, tuple[str, list[float]]] = {}
    for cells in table_lines(seed, title):
        code, name = cells[0].strip(), cells[1].strip()
        if name == "合计" and not code:
            rows[None] = (name, [_amount(c) for c in cells[2:]])
        elif re.fullmatch(r"\d{3}(\d{2}){0,2}", code):
            rows[code] = (name, [_amount(c) for c in cells[2:]])
    return rows
