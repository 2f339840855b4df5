"""类/款/项 codes of OCR'd tables completed where the first reading lost a digit or a cell.

A 项 code read with a digit lost ("204 06 9") is completed only when one completion is a national
function code whose name is the row's name; a lost 款 of a 项 line is the 款 of the lines above it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from functools import cache
from typing import Any

_CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def _function_names() -> dict[str, str]:
    """National function codes → names (fiscal/data/function_codes.csv)."""
    from ingest.checks import FUNCTION_CODES, _fold

    with FUNCTION_CODES.open(encoding="utf-8") as fh:
        return {r["code"]: _fold(r["name"]) for r in csv.DictReader(fh)}


def _complete(parts: list[str], name: str, last: dict[int, str]) -> list[str] | None:
    """The 类/款/项 cells with a lost 款 or 项 filled in, when the filling is a national code so named."""
    names = _function_names()
    cls, kuan, xiang = parts
    options: list[list[str]] = []
    if re.fullmatch(r"\d", kuan or "x") or re.fullmatch(r"\d", xiang or "x"):  # one digit of two lost
        k = 1 if re.fullmatch(r"\d", kuan or "x") else 2
        for d in "0123456789":
            for two in (d + parts[k], parts[k] + d):
                trial = list(parts)
                trial[k] = two
                options.append(trial)
    elif not kuan and xiang:  # the 款 lost: the 款 of the lines above
        if last.get(3) == cls and 5 in last:
            options.append([cls, last[5][3:], xiang])
    elif not kuan and not xiang and names.get(cls) != name:  # a 款 or 项 line whose codes were both lost
        options += [[cls, code[3:5], ""] for code in names if len(code) == 5 and code.startswith(cls)]
        if last.get(3) == cls and 5 in last:
            options += [[cls, last[5][3:], code[5:]] for code in names
                        if len(code) == 7 and code.startswith(last[5])]
    fits = {tuple(o) for o in options if names.get("".join(o)) == name}
    return list(fits.pop()) if len(fits) == 1 else None


def mend_codes(table: Any) -> Any:
    """The table with each 款/项 code OCR lost (a digit of "99", or the whole 款 cell) filled in, when
    exactly one filling is a national function code named as the row is named (a lost 款 of a 项 line:
    the 款 of the lines above it); other codes are left as read."""
    from ingest.checks import _fold

    names = _function_names()
    rows = [list(r) for r in table.rows]
    changed = False
    last: dict[int, str] = {}  # the latest 类 / 款 code read, by length
    for row in rows:
        if len(row) < 4 or not re.fullmatch(r"\d{3}", row[0].strip()):
            continue
        parts = [c.strip() for c in row[:3]]
        name = next((_fold(c) for c in row[3:] if _CJK.search(c)), "")
        code = "".join(parts)
        read = [p if re.fullmatch(r"\d*", p) else "" for p in parts]  # a code cell read as marks: lost
        if names.get(code) != name and all(re.fullmatch(r"\d{0,2}", p) for p in read[1:]):
            fixed = _complete(read, name, last)
            if fixed is not None:
                row[:3] = fixed
                parts, code, changed = fixed, "".join(fixed), True
        if code in names:  # the 类 and 款 the next lines sit under
            last[3] = code[:3]
            if len(code) >= 5:
                last[5] = code[:5]
            else:
                last.pop(5, None)
    return replace(table, rows=rows) if changed else table
