"""Header cells and 科目编码 of OCR'd tables read again where the first reading lost them.

Tesseract reading a whole page drops some header labels (项目支出 comes back as a speck "a", or
not at all); the column then has no measure and its figures go astray. Such a cell is cropped from
the page image — its column's span from the figures under it, its line from the labels beside
it — and read again as Chinese alone. A 项 code read with a digit lost ("204 06 9") is completed
only when one completion is a national function code whose name is the row's name.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image

from ingest.ocr_image import clean_for_ocr, read_lines, ruling_segments

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_FIGURE = re.compile(r"-?[\d,]*\d(?:\.\d+)?")
_DPI = 300
# Tesseract may not spend longer than this on one table's header cells (seconds).
HEADER_TIMEOUT_S = 60.0
Box = tuple[float, float, float, float]  # pdf points, bottom-left origin: x0, y0, x1, y1


def _page_of(path: Path, page_no: int, texts: list[str]) -> tuple[dict[str, tuple[float, float, float, float]],
                                                                  Image.Image, list[Any]]:
    """The page at _DPI: the pixel boxes (top-left origin) of those texts printed once on it, its image,
    and its vertical ruling segments."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[page_no - 1]
        k_px = _DPI / 72
        height = page.get_height()
        boxes = {t: (b[0] * k_px, (height - b[3]) * k_px, b[2] * k_px, (height - b[1]) * k_px)
                 for t, b in _unique_boxes(page, texts).items()}
        image = page.render(scale=k_px).to_pil()
        page.close()
    finally:
        pdf.close()
    return boxes, image, [s for s in ruling_segments(image, _DPI) if s[0] == s[2]]


def _unique_boxes(page: Any, texts: list[str]) -> dict[str, Box]:
    """The box of each text that stands on the page exactly once."""
    out: dict[str, Box] = {}
    tp = page.get_textpage()
    try:
        for text in dict.fromkeys(texts):
            search = tp.search(text, match_whole_word=False)
            hits: list[tuple[int, int]] = []
            while (hit := search.get_next()) is not None and len(hits) < 2:
                hits.append(hit)
            search.close()
            if len(hits) != 1:
                continue
            first, count = hits[0]
            boxes = [tp.get_charbox(k) for k in range(first, first + count)]
            out[text] = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                         max(b[2] for b in boxes), max(b[3] for b in boxes))
    finally:
        tp.close()
    return out


def _spanning(row: list[str], j: int) -> bool:
    """A label over several columns (a merged cell: its text in the cells beside it too)."""
    return any(0 <= k < len(row) and row[k].strip() and row[k] == row[j] for k in (j - 1, j + 1))


def _lost_columns(table: Any) -> list[int]:
    """Columns holding figures whose header says nothing readable (no Chinese at all)."""
    header = getattr(table, "header", [])
    width = max((len(r) for r in table.rows), default=0)
    out = []
    for j in range(width):
        figures = sum(1 for r in table.rows if j < len(r) and _FIGURE.fullmatch("".join(r[j].split())))
        label = "".join(r[j] for r in header if j < len(r) and not _spanning(r, j))
        if figures >= 2 and header and not _CJK.search(label):
            out.append(j)
    return out


# A header cell is read at these fractions of 300 dpi: Chinese characters misread at one size read at another.
_SCALES = (1.0, 0.5, 0.75)


@cache
def known_labels() -> frozenset[str]:
    """The column labels the table parsers know (合计, 基本支出, 项目支出, 财政拨款收入 …)."""
    from ingest.checks import MEASURE_LABELS, STAGES

    return (frozenset(MEASURE_LABELS.values()) | frozenset(STAGES.values())
            | {"金额", "预算数", "决算数", "小计", "公务接待费", "因公出国（境）费", "因公出国(境)费",
               "公务用车购置及运行费", "公务用车购置费", "公务用车运行费"})


def _scaled(crop: Image.Image, scale: float) -> Image.Image:
    """The crop resized by `scale` (Lanczos)."""
    if scale == 1.0:
        return crop
    return crop.resize((max(1, int(crop.width * scale)), max(1, int(crop.height * scale))), Image.Resampling.LANCZOS)


def _read_crops(crops: list[Image.Image]) -> list[str]:
    """Each crop read by Tesseract as one line of Chinese: the first reading, over the scales, that is a
    column label the parsers know; else the reading every scale agrees on; else ""."""
    readings: list[list[str]] = [[] for _ in crops]
    for scale in _SCALES:
        texts = read_lines([_scaled(crop, scale) for crop in crops], _DPI * scale, "chi_sim", HEADER_TIMEOUT_S)
        for k, text in enumerate(texts or []):
            readings[k].append("".join(text.split()).strip("|｜_-—~'\"‘’“”.,:;"))
        if all(any(r in known_labels() for r in got) for got in readings):
            break  # every cell has a known label: no other scale needed
    out = []
    for got in readings:
        known = [r for r in got if r in known_labels()]
        out.append(known[0] if known else got[0] if got and len(set(got)) == 1 and len(got) == len(_SCALES) else "")
    return out


def reread_header(path: Path | None, table: Any) -> Any:
    """The table with each figure column's unreadable header cell read again from the page image.

    The cell is found from a readable label of the same header line (its box in the text layer)
    and the page's vertical ruling lines: the lost cell is the one so many rules to its side."""
    lost = _lost_columns(table) if path is not None else []
    if path is None or not lost or not getattr(table, "pages", None):
        return table
    header = [list(r) for r in table.header]
    labels = [(r, j, "".join(c.split())) for r, row in enumerate(header) for j, c in enumerate(row)
              if _CJK.search(c) and j not in lost and not _spanning(row, j)]  # a merged label tells no column's place
    boxes, image, rules = _page_of(path, table.pages[0], [t for _, _, t in labels])
    crops, where = [], []
    for j in lost:
        for r, k, text in sorted(labels, key=lambda x: abs(x[1] - j)):
            if text not in boxes or k == j:
                continue
            x0, y0, x1, y1 = boxes[text]
            mid = (y0 + y1) / 2
            xs = sorted({round(s[0]) for s in rules if min(s[1], s[3]) <= mid <= max(s[1], s[3])})
            if k < j:  # the rules right of the label: the lost cell lies between the (j-k)th and the next
                after = [x for x in xs if x > x1]
                edges = after[j - k - 1: j - k + 1]
            else:
                before = [x for x in xs if x < x0][::-1]
                edges = before[k - j: k - j + 1] + before[k - j - 1: k - j]
            if len(edges) != 2:
                continue
            left, right = sorted(edges)
            pad = (y1 - y0) * 0.6
            box = (int(left + 3), int(y0 - pad), int(right - 3), int(y1 + pad))
            if box[2] - box[0] > 10:
                crops.append(clean_for_ocr(image.crop(box).convert("RGB"), _DPI))
                where.append((r, j))
            break
    if not crops:
        return table
    changed = False
    for (r, j), text in zip(where, _read_crops(crops), strict=False):
        if _CJK.search(text) and not _LATIN.search(text) and not any(ch.isdigit() for ch in text):
            for row in header:  # the speck read in its place goes (a merged label above stays)
                if j < len(row) and not _spanning(row, j):
                    row[j] = ""
            header[r][j] = text
            changed = True
    return replace(table, header=header) if changed else table


def _alternate_stages(header: list[list[str]]) -> bool:
    """In a header row of 预算数 / 决算数 pairs, an empty cell between two 决算数 (or first, before 决算数) is
    预算数, and one between two 预算数 is 决算数; True when a cell was filled."""
    changed = False
    for row in header:
        stages = [c.strip() for c in row]
        if sum(c in ("预算数", "决算数") for c in stages) < 4:
            continue
        for j, c in enumerate(stages):
            left = stages[j - 1] if j else "决算数"
            right = stages[j + 1] if j + 1 < len(stages) else ""
            if c or left not in ("预算数", "决算数"):
                continue
            if left == "决算数" and right == "决算数":
                row[j], changed = "预算数", True
            elif left == "预算数" and right == "预算数":
                row[j], changed = "决算数", True
    return changed


def reread_junk_cells(path: Path | None, table: Any) -> Any:
    """The table with each header cell read as Latin junk over figure columns (a merged 公务接待费 read
    "Ce 一 -一") read again: its line from a label of the same header row, its left edge the first
    vertical rule right of the label that ends just before it, its right edge the next rule."""
    header = [list(r) for r in getattr(table, "header", [])]
    if path is None or not header or not getattr(table, "pages", None):
        return table
    figures = {j for r in table.rows for j, c in enumerate(r) if _FIGURE.fullmatch("".join(c.split()))}
    junk = []  # (row, first column, last column)
    for r, row in enumerate(header):
        j = 0
        while j < len(row):
            k = j
            while k + 1 < len(row) and row[k + 1] == row[j]:
                k += 1
            text = "".join(row[j].split())
            garbled = _LATIN.search(text) or (len(_CJK.findall(text)) == 1 and text not in known_labels()
                                              and re.search(r"[—#_|~]", text))
            if garbled and figures & set(range(j, k + 1)):
                junk.append((r, j, k))
            j = k + 1
    if not junk:
        return table
    spans = [(r, j, k, "".join(row[j].split())) for r, row in enumerate(header) for j in range(len(row))
             for k in [max(x for x in range(j, len(row)) if all(row[y] == row[j] for y in range(j, x + 1)))]
             if _CJK.search(row[j]) and not _LATIN.search(row[j]) and (j == 0 or row[j - 1] != row[j])]
    boxes, image, rules = _page_of(path, table.pages[0], [t for *_, t in spans])
    crops, where = [], []
    for r, j0, j1 in junk:
        line = [boxes[t] for rr, _, _, t in spans if rr == r and t in boxes]
        before = [boxes[t] for _, _, k, t in spans if k == j0 - 1 and t in boxes]
        if not line or not (before or j0 == 0):
            continue
        y0, y1 = min(b[1] for b in line), max(b[3] for b in line)
        mid, x = (y0 + y1) / 2, max((b[2] for b in before), default=-1.0)  # the first column: from the border
        xs = sorted({round(s[0]) for s in rules if min(s[1], s[3]) <= mid <= max(s[1], s[3]) and s[0] > x})
        if len(xs) < 2:
            continue
        pad = (y1 - y0) * 0.6
        box = (int(xs[0] + 3), int(y0 - pad), int(xs[1] - 3), int(y1 + pad))
        if box[2] - box[0] > 10:
            crops.append(clean_for_ocr(image.crop(box).convert("RGB"), _DPI))
            where.append((r, j0, j1))
    changed = _alternate_stages(header)
    for (r, j0, j1), text in zip(where, _read_crops(crops) if crops else [], strict=False):
        if text in known_labels():
            header[r][j0:j1 + 1] = [text] * (j1 - j0 + 1)
            changed = True
    return replace(table, header=header) if changed else table


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


def reread_unit(path: Path, number: int) -> str | None:
    """The unit (元 / 万元) the page's 单位 line states, read again from the image right of the word 单位
    when the page's OCR kept the word but lost what follows it; None when it does not read."""
    from ingest.ocr_sums import UNIT_LINE

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[number - 1]
        width, height = page.get_width(), page.get_height()
        tp = page.get_textpage()
        search = tp.search("单位", match_whole_word=False)
        tops = []
        while (hit := search.get_next()) is not None:
            boxes = [tp.get_charbox(k) for k in range(hit[0], hit[0] + hit[1])]
            tops.append((max(b[3] for b in boxes), min(b[0] for b in boxes), min(b[1] for b in boxes)))
        search.close()
        tp.close()
        if not tops:
            page.close()
            return None
        y1, x0, y0 = max(tops)  # the 单位 line stands above the table: the topmost 单位
        k_px = _DPI / 72
        line = y1 - y0
        box = (int(x0 * k_px), int((height - y1 - line * 0.5) * k_px), int(min(width, x0 + line * 8) * k_px),
               int((height - y0 + line * 0.5) * k_px))
        image = page.render(scale=k_px).to_pil()
        page.close()
    finally:
        pdf.close()
    crop = clean_for_ocr(image.crop(box).convert("RGB"), _DPI)
    for scale in _SCALES:
        texts = read_lines([_scaled(crop, scale)], _DPI * scale, "chi_sim", HEADER_TIMEOUT_S)
        if texts and (m := UNIT_LINE.search("".join(texts[0].split()))):
            return "".join(m.group(1).split())
    return None
