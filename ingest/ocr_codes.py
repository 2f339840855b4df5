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


def _complete(parts: list[str], name: str, last: dict[int, str], above: str = "") -> list[str] | None:
    """The 类/款/项 cells with a lost 款 or 项 filled in, when the filling is a national code so named
    (`above`: the code of the line above)."""
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
    if xiang and last.get(3) == cls and 5 in last and (names.get(last[5] + xiang) == name or (
            len(xiang) == 2 and len(kuan) == 1 and above == last[5] and last[5] + xiang not in names)):
        # a 项 line under the 款 line right above it, its 款 misread (212 2 99): named so, or a code the national
        # list does not name (其他…支出 99 lines), the sums to prove it
        return [cls, last[5][3:], xiang]
    fits = {tuple(o) for o in options if names.get("".join(o)) == name}
    return list(fits.pop()) if len(fits) == 1 else None


def split_codes(cells: list[str], names: dict[str, str]) -> list[str] | None:
    """The 类/款/项 cells (and the cell after them) of a line whose rules between them OCR's page lost, as three
    cells: the table reader
    copies the one merged cell's text ("201 05 07", its lines in any order) into each. The 3-digit code is the
    类; the 2-digit ones are 款 and 项 as read, or the other way round when only that is a national code."""
    if len(cells) < 3 or len({c.strip() for c in cells[:3]}) != 1 or not cells[0].strip():
        return None
    if len(cells) > 3 and cells[3].strip() == cells[0].strip():
        return None  # the cell spans more than three columns: one code column (2010201), not 类/款/项
    tokens = cells[0].split()
    three = [t for t in tokens if re.fullmatch(r"\d{3}", t)]
    two = [t for t in tokens if re.fullmatch(r"\d{2}", t)]
    if len(three) != 1 or len(three) + len(two) != len(tokens) or len(two) > 2:
        return None
    if len(two) == 2 and three[0] + two[0] + two[1] not in names and three[0] + two[1] + two[0] in names:
        two.reverse()
    return [three[0], *two, *[""] * (2 - len(two))]


def _code_column(rows: list[list[str]]) -> int:
    """The column of the 类 codes: where most rows' first 3-digit cell stands (0 when none does)."""
    firsts = [next((j for j, c in enumerate(r) if re.fullmatch(r"\d{3}", c.strip())), -1) for r in rows]
    firsts = [j for j in firsts if 0 <= j <= 2]
    return max(set(firsts), key=firsts.count) if firsts else 0


def mend_codes(table: Any) -> Any:
    """The table with each 款/项 code OCR lost (a digit of "99", or the whole 款 cell) filled in, when
    exactly one filling is a national function code named as the row is named (a lost 款 of a 项 line:
    the 款 of the lines above it); other codes are left as read."""
    from ingest.checks import _fold

    names = _function_names()
    rows = [list(r) for r in table.rows]
    changed = False
    last: dict[int, str] = {}  # the latest 类 / 款 code read, by length
    at = _code_column(rows)
    for whole in rows:
        if (split := split_codes(whole[at:at + 4], names)) is not None:
            whole[at:at + 3], changed = split, True
    previous = ""  # the code of the line above
    for whole in rows:
        row = whole[at:]  # the code columns first (a blank column OCR's ruling left before them aside)
        if len(row) < 4:
            continue
        parts = [c.strip() for c in row[:3]]
        name = next((_fold(c) for c in row[3:] if _CJK.search(c)), "")
        if not re.fullmatch(r"\d{3}", parts[0]):
            # a 款/项 line whose 类 was misread (O01 for 221): the 类 of the lines above, when so named
            if 3 not in last or not re.fullmatch(r"\d{2}", parts[1]) or not re.fullmatch(r"[^\u4e00-\u9fff]{1,4}",
                                                                                   parts[0]):
                continue
            if names.get(last[3] + parts[1] + parts[2]) != name or not re.fullmatch(r"\d{0,2}", parts[2]):
                continue
            whole[at], parts[0], changed = last[3], last[3], True
        code = "".join(parts)
        read = [p if re.fullmatch(r"\d*", p) else "" for p in parts]  # a code cell read as marks: lost
        if parts[2] and not read[2] and read[1] and code.startswith(previous) and len(previous) == 5:
            # the 项 cell read as junk under its 款 line (204 99 a 其他公共安全支出): the 项 named as the row
            fits = [c for c in names if len(c) == 7 and c.startswith(previous) and names[c] == name]
            if len(fits) == 1:
                whole[at:at + 3] = [fits[0][:3], fits[0][3:5], fits[0][5:]]
                parts, code, changed = whole[at:at + 3], fits[0], True
        if names.get(code) != name and all(re.fullmatch(r"\d{0,2}", p) for p in read[1:]):
            fixed = _complete(read, name, last, previous)
            if fixed is not None:
                whole[at:at + 3] = fixed
                parts, code, changed = fixed, "".join(fixed), True
        previous = code
        if code in names or (re.fullmatch(r"\d{3}(?:\d{2}){0,2}", code) and code[:3] in names):
            # the 类 and 款 the next lines sit under (a 99 款 the national list leaves unnamed too)
            last[3] = code[:3]
            if len(code) >= 5:
                last[5] = code[:5]
            else:
                last.pop(5, None)
    return replace(table, rows=rows) if changed else table
