"""类/款/项 codes of OCR'd tables completed where the first reading lost a digit or a cell.

A 项 code read with a digit lost ("204 06 9") is completed only when one completion is a national
function code whose name is the row's name; a lost 款 of a 项 line is the 款 of the lines above it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from functools import cache
from pathlib import Path
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


# A 项 cell read as letters or marks (a, re: the two digits of a 项 code lost to blur) is read again from the page
# image as digits, at these fractions of 300 dpi, as a line and as a word (Tesseract drops a thin "1" now and then).
_CODE_SCALES = (1.0, 0.75, 1.5)
_CODE_PSMS = ("7", "8")
_CODE_TIMEOUT_S = 60.0


def _junk_code_rows(rows: list[list[str]], at: int) -> list[int]:
    """Lines whose 类 and 款 cells read as codes and whose 项 cell as no code (letters, marks; no Chinese)."""
    out = []
    for i, row in enumerate(rows):
        if len(row) < at + 4:
            continue
        cls, kuan, xiang = (c.strip() for c in row[at:at + 3])
        flat = "".join(xiang.split())
        if (re.fullmatch(r"\d{3}", cls) and re.fullmatch(r"\d{2}", kuan) and flat and len(flat) <= 4
                and not re.fullmatch(r"\d*", flat) and not _CJK.search(flat)
                and any(_CJK.search(c) for c in row[at + 3:])):
            out.append(i)
    return out


def code_crop(gray: Any, cell: tuple[int, int, int, int], dpi: float = 300.0) -> Any:
    """The print of a code cell on white (a PIL image), its blobs as tall as the tallest kept: the dust specks
    and rule stubs beside two short digits make Tesseract read nothing; None when the cell holds no print."""
    import cv2
    import numpy as np
    from PIL import Image

    inset = max(3, int(dpi * 0.015))
    part = gray[cell[1] + inset:cell[3] - inset, cell[0] + inset:cell[2] - inset]
    if part.size == 0:
        return None
    ink = (part < 128).astype(np.uint8)
    stats = cv2.connectedComponentsWithStats(ink, connectivity=8)[2][1:]
    tall = max((int(s[3]) for s in stats), default=0)
    keep = [s for s in stats if s[3] >= 0.5 * tall and s[2] < 0.5 * part.shape[1]] if tall >= dpi * 0.03 else []
    if not keep:
        return None
    x0, y0 = min(int(s[0]) for s in keep), min(int(s[1]) for s in keep)
    x1, y1 = max(int(s[0] + s[2]) for s in keep), max(int(s[1] + s[3]) for s in keep)
    pad = max(6, (y1 - y0) // 2)
    out = np.full((y1 - y0 + 2 * pad, x1 - x0 + 2 * pad), 255, np.uint8)
    out[pad:pad + y1 - y0, pad:pad + x1 - x0] = np.where(ink[y0:y1, x0:x1] > 0, part[y0:y1, x0:x1], 255)
    return Image.fromarray(out)


def agreed_code(readings: list[str], size: int = 2) -> str | None:
    """The code `size` digits long that two or more readings give and no reading contradicts (a shorter reading
    may have lost a digit of it, never changed one); None otherwise."""
    full = {r for r in readings if len(r) == size and r.isdigit()}
    if len(full) != 1:
        return None
    code = full.pop()

    def within(short: str) -> bool:
        it = iter(code)
        return all(ch in it for ch in short)
    if sum(r == code for r in readings) < 2 or not all(within(r) for r in readings if r and len(r) < size):
        return None
    return None if any(len(r) > size for r in readings) else code


def reread_codes(path: Path | None, table: Any) -> Any:
    """The table with each 项 cell read as letters or marks (204 99 a 其他公共安全支出) read again from the OCR'd
    page image as digits: kept when the readings agree on two digits (`agreed_code`), the national list does not
    name that code otherwise and no other line prints it; the line's amounts still answer to its 款's sums."""
    rows = [list(r) for r in getattr(table, "rows", [])]
    at = _code_column(rows)
    todo = _junk_code_rows(rows, at)
    if path is None or not todo:
        return table
    import numpy as np
    from PIL import Image

    from ingest.checks import _fold
    from ingest.ocr_crops import cells_of
    from ingest.ocr_image import read_lines

    pages = list(getattr(table, "row_pages", [])) or [table.pages[0]] * len(rows)
    targets = []  # (page, the 项 cell's first word, the line's name)
    for i in todo:
        name = "".join(ch for c in rows[i][at + 3:] if _CJK.search(c) for ch in c if _CJK.match(ch))
        targets.append((pages[i] if i < len(pages) else table.pages[0], rows[i][at + 2].split()[0], name[:8]))
    crops, where = [], []
    for n, image, cell in cells_of(path, targets):
        crop = code_crop(np.asarray(image), cell)
        if crop is not None:
            crops.append(crop)
            where.append(todo[n])
    if not crops:
        return table
    readings: list[list[str]] = [[] for _ in crops]
    for scale in _CODE_SCALES:
        scaled = [c.resize((max(1, int(c.width * scale)), max(1, int(c.height * scale))), Image.Resampling.LANCZOS)
                  for c in crops]
        for psm in _CODE_PSMS:
            for k, text in enumerate(read_lines(scaled, 300 * scale, "eng", _CODE_TIMEOUT_S, "--psm", psm, "-c",
                                                "tessedit_char_whitelist=0123456789") or []):
                readings[k].append("".join(text.split()))
    names = _function_names()
    changed = False
    for i, read in zip(where, readings, strict=True):
        if (code := agreed_code(read)) is None:
            continue
        whole = "".join(c.strip() for c in rows[i][at:at + 2]) + code
        name = "".join(ch for c in rows[i][at + 3:] if _CJK.search(c) for ch in _fold(c) if _CJK.match(ch))
        taken = {"".join(c.strip() for c in r[at:at + 3]) for r in rows}
        if (whole in names and names[whole] != name) or whole in taken:
            continue  # the national list names that code otherwise, or another line prints it
        rows[i][at + 2], changed = code, True
    return replace(table, rows=rows) if changed else table
