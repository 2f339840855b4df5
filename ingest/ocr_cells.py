"""The amount cells of an OCR'd table read again from the page image, as digits, at several scales.

Each cell is found on the OCR'd page by its text (or by its row's and column's texts when its own
stands there twice), cut along the page's ruling lines — a group of digits OCR lost beside the
text read lies inside the cell — and read by Tesseract as one line of digits; small print is
scaled up first. The readings are candidates for `ocr_proof.correct`, never figures on their own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageOps

from ingest.ocr_crops import SEALED_SHARE, under_seal
from ingest.ocr_grid import TARGET_HEIGHT_PX, Grid, as_figure, cell_at, grid_of
from ingest.ocr_image import clean_for_ocr, ink_runs, read_lines, red_ink

# Tesseract may not spend longer than this on one table's cells (seconds).
CELLS_TIMEOUT_S = 120.0
_CJK = re.compile(r"[\u4e00-\u9fff]")

# Letters and marks Tesseract reads for digits and points in a cell that holds a figure or a code.
_AS_DIGIT = str.maketrans({"O": "0", "o": "0", "U": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "L": "1",
                           "|": "1", "i": "1", "t": "1", "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2",
                           "g": "9", "q": "9", ":": ".", ";": ".", "：": ".", "；": ".", "，": ",", "。": "."})


def _as_figure(text: str) -> str | None:
    """A figure- or code-like cell with its letters and marks read as digits and points; None if it is not one."""
    if len(text) > 16 or _CJK.search(text) or not re.search(r"[\dA-Za-z:;]", text):
        return None
    mapped = "".join(text.translate(_AS_DIGIT).split()).strip("-_~'\"()（）[]{}<>«»!！=.,")
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", mapped):
        return None
    if re.fullmatch(r"\d+,\d{2}", mapped):  # a decimal comma: 0,00
        mapped = mapped.replace(",", ".")
    if mapped.count(".") > 1:  # thousands commas read as points: 2.940.05
        head, _, tail = mapped.rpartition(".")
        mapped = head.replace(".", ",") + "." + tail
    return mapped


# A whole amount (元) read with its thousands marks as points or doubled (17,.464,243, 627.600): a budget figure
# has at most two decimals, so three digits after a mark are a thousands group.
_WHOLE = re.compile(r"(-?)[.,]*(\d{1,3}(?:[.,]+\d{3})+)[.,]*")


# A figure with decimals whose thousands marks OCR read as points or doubled marks (9,.066.79).
_GROUPED = re.compile(r"(-?\d{1,3}(?:[.,]+\d{3})+)\.(\d{1,2})")


def tidy(text: str) -> str:
    """A digits-only reading of a cell tidied (`ocr_grid.as_figure`), a whole amount's thousands marks restored,
    a colon read as the point it stands for (the last mark; one before it is a thousands comma), a mark before
    the figure dropped."""
    if ":" in text:
        head, point, tail = text.replace(":", ".").rpartition(".")
        text = head.replace(".", ",") + point + tail
    if re.fullmatch(r"[.,]+\d[\d,]*\.\d{1,2}", text):  # .27,664.22: a speck before the figure, read as a mark
        text = text.lstrip(".,")
    grouped = _GROUPED.fullmatch(text)
    if grouped and re.search(r"[.,]{2}|\.\d{3}", grouped.group(1)):  # 9,.066.79, 3.258.06: thousands marks misread
        return ",".join(re.split(r"[.,]+", grouped.group(1))) + "." + grouped.group(2)
    whole = _WHOLE.fullmatch(text)
    if whole and re.search(r"[.,]{2}|\.\d{3}", text):
        return whole.group(1) + ",".join(re.split(r"[.,]+", whole.group(2)))
    return as_figure(text)


# A cell is read again at these fractions of 300 dpi (digits only), with this many white pixels round its print:
# each scale can read a digit differently, and a print touching its image's edge reads badly (17.77 as 2).
_CELL_READINGS = ((1.0, 0), (0.75, 0), (0.5, 0), (1.0, 12))
_MAX_CELLS = 240
# A colon is allowed: a speck over a decimal point reads as one (371:92), and without it Tesseract drops the mark
# and reads 37192, which agrees with a page reading that lost the point too.
_DIGITS_ONLY = "tessedit_char_whitelist=0123456789.,-:"
_AMOUNT = re.compile(r"-?\d{1,3}(?:,?\d{3})*(?:\.\d{1,2})?")
# A figure with one character read into it from a speck or a seal's stroke (19 977 是 for 13,377.11): read again.
# Two characters too (汪和 664 22 for .27,664.22: a speck and the first digits read as Chinese), over two lines.
_SPECKED = re.compile(r"[\d,.\s]*\d{2}[\d,.\s]*[\u4e00-\u9fff]{1,2}|[\u4e00-\u9fff]{1,2}[\d,.\s]*\d{2}[\d,.\s]*")


def _cell_boxes(pdf: Any, table: Any, cells: list[str]) -> dict[str, tuple[int, tuple[float, float, float, float]]]:
    """Where each cell text stands on the table's pages (page, pdf box), when it stands there once."""
    out: dict[str, tuple[int, tuple[float, float, float, float]]] = {}
    wanted, wanted_twice = set(cells), set()
    for number in dict.fromkeys(getattr(table, "pages", [])):
        page = pdf[number - 1]
        tp = page.get_textpage()
        for text in wanted:
            hits: list[tuple[int, int]] = []
            # as the cell reads; else with its line breaks and runs of spaces as the page's single spaces
            for form in dict.fromkeys((text, " ".join(text.split()))):
                search = tp.search(form, match_whole_word=False)
                while (hit := search.get_next()) is not None and len(hits) < 2:
                    hits.append(hit)
                search.close()
                if hits:
                    break
            if len(hits) > 1 or (hits and text in out):  # twice on the table's pages: which one is unknown
                out.pop(text, None)
                wanted_twice.add(text)
            if len(hits) != 1 or text in wanted_twice:
                continue
            first, count = hits[0]
            boxes = [tp.get_charbox(k) for k in range(first, first + count)]
            out[text] = (number, (min(b[0] for b in boxes), min(b[1] for b in boxes),
                                  max(b[2] for b in boxes), max(b[3] for b in boxes)))
        tp.close()
        page.close()
    return out


def _unique_targets(table: Any, wanted: set[str]) -> tuple[dict[str, int], list[tuple[int, int]]]:
    """(how often each cell text stands in the table, (row, column) of the wanted cells whose text is theirs alone)."""
    counts: dict[str, int] = {}
    for row in table.rows:
        for c in row:
            counts[c.strip()] = counts.get(c.strip(), 0) + 1
    targets = [(i, j) for i, row in enumerate(table.rows) for j, c in enumerate(row)
               if c.strip() in wanted and counts[c.strip()] == 1]
    return counts, targets


def _grid_boxes(pdf: Any, table: Any, cells: list[str]) -> dict[str, tuple[int, tuple[float, float, float, float]]]:
    """Where cells whose text stands on the page more than once are: the line of their row (the box of
    a text of the row that stands there once, e.g. its name) across the span of their column (the
    boxes of the column's figures that stand there once). Only cells whose text is theirs alone in the
    table."""
    wanted = set(cells)
    counts, targets = _unique_targets(table, wanted)
    if not targets:
        return {}
    pages = list(getattr(table, "row_pages", [])) or [table.pages[0]] * len(table.rows)
    texts = [c.strip() for row in table.rows for c in row if c.strip() and counts[c.strip()] == 1]
    boxes = _cell_boxes(pdf, table, texts)
    out: dict[str, tuple[int, tuple[float, float, float, float]]] = {}
    for i, j in targets:
        number = pages[i] if i < len(pages) else table.pages[0]
        line = [boxes[c.strip()][1] for c in table.rows[i] if c.strip() in boxes and boxes[c.strip()][0] == number]
        column = [boxes[r[j].strip()][1] for k, r in enumerate(table.rows) if j < len(r) and r[j].strip() in boxes
                  and boxes[r[j].strip()][0] == number and k != i and _AMOUNT.fullmatch(r[j].strip())]
        if line and column:
            out[table.rows[i][j].strip()] = (number, (min(b[0] for b in column), min(b[1] for b in line),
                                                      max(b[2] for b in column), max(b[3] for b in line)))
    return out


def _ruled_boxes(pdf: Any, table: Any, cells: list[str], render: Any
                 ) -> dict[str, tuple[int, tuple[float, float, float, float]]]:
    """Where cells no text search placed are (a one-line 三公 table: no other row gives the column): the ruled cell
    of their row's line that stands as many ruled cells from a located cell of the row as the table has columns
    between them (both neighbours' counts agree when both are located). Only cells whose text is theirs alone in
    the table."""
    wanted = set(cells)
    counts, targets = _unique_targets(table, wanted)
    if not targets:
        return {}
    pages = list(getattr(table, "row_pages", [])) or [table.pages[0]] * len(table.rows)
    boxes = _cell_boxes(pdf, table, [c.strip() for row in table.rows for c in row
                                     if c.strip() and counts[c.strip()] == 1 and c.strip() not in wanted])
    out: dict[str, tuple[int, tuple[float, float, float, float]]] = {}
    k = 300 / 72
    for i, j in targets:
        number = pages[i] if i < len(pages) else table.pages[0]
        row = table.rows[i]
        placed = {m: boxes[c.strip()][1] for m, c in enumerate(row) if c.strip() in boxes
                  and boxes[c.strip()][0] == number}
        if not placed:
            continue
        _, height, grid, _ = render(number)
        y = (height - sum((b[1] + b[3]) / 2 for b in placed.values()) / len(placed)) * k
        xs = sorted({round(x) for x, y0, y1 in grid.vertical if y0 - 4 <= y <= y1 + 4})
        slots = [(a, b) for a, b in zip(xs, xs[1:], strict=False) if b - a > 8]

        guesses = set()
        for side in (max((m for m in placed if m < j), default=None), min((m for m in placed if m > j), default=None)):
            if side is None:
                continue
            mid = (placed[side][0] + placed[side][2]) / 2 * k
            at = next((n for n, (a, b) in enumerate(slots) if a <= mid <= b), None)
            if at is not None:
                guesses.add(at + j - side)
        if len(guesses) != 1 or not 0 <= (n := guesses.pop()) < len(slots):
            continue
        a, b = slots[n]
        line = list(placed.values())
        out[row[j].strip()] = (number, (a / k, min(bx[1] for bx in line), b / k, max(bx[3] for bx in line)))
    return out


def cell_print(image: Image.Image, cell: tuple[int, int, int, int], inset: int) -> tuple[Image.Image, float] | None:
    """A ruled cell's line of print, cleaned (`clean_for_ocr`: no rules, no specks), cut to its ink inside the
    cell and set in a white margin, and the scale that brings its digits to TARGET_HEIGHT_PX; None when the cell
    holds no print. Nothing outside the cell's rules comes in: dust in a corner of the cell would otherwise
    stretch the print's box to the whole cell, and a margin round that box takes in the digits of the rows above
    and below (a one-line reading of three rows reads nothing: 2,299.88 lost)."""
    inner = (cell[0] + inset, cell[1] + inset, cell[2] - inset, cell[3] - inset)
    if inner[2] - inner[0] < 8 or inner[3] - inner[1] < 8:
        return None
    cleaned = np.asarray(clean_for_ocr(image.crop(inner).convert("RGB"), 300)).copy()
    ink = cleaned < 128
    # what is left of a ruling line at the cell's edges (too short for clean_for_ocr to see as a rule)
    cleaned[:, ink.mean(axis=0) > 0.8] = 255
    cleaned[ink.mean(axis=1) > 0.8, :] = 255
    ink = cleaned < 128
    rows = ink.sum(axis=1) >= 2
    if ink.mean() < _MIN_INK_SHARE or not rows.any():
        return None
    # the line of print: the tallest run of inked rows (a speck left in a corner is a short run of its own)
    runs = ink_runs(rows, 3)
    top, bottom = max(runs, key=lambda r: (r[1] - r[0], ink[r[0]:r[1] + 1].sum()))
    # the line's thin ends too (a comma's tail, one pixel wide, tells it from a point)
    while bottom + 1 < len(ink) and ink[bottom + 1].any():
        bottom += 1
    while top > 0 and ink[top - 1].any():
        top -= 1
    cols = np.flatnonzero(ink[top:bottom + 1].any(axis=0))
    height = bottom - top + 1
    if height < 4 or not cols.size:
        return None
    # a margin of the cell's own paper round the print (a white frame round grey paper reads as an edge), paper's
    # shade added where the cell ends first
    m, (h, w) = max(4, height // 2), cleaned.shape
    y0, y1, x0, x1 = max(0, top - m), min(h, bottom + 1 + m), max(0, int(cols[0]) - m), min(w, int(cols[-1]) + 1 + m)
    part = np.pad(cleaned[y0:y1, x0:x1], ((m - (top - y0), m - (y1 - bottom - 1)), (m - (int(cols[0]) - x0),
                                                                                    m - (x1 - int(cols[-1]) - 1))),
                  constant_values=int(np.median(cleaned)))
    return Image.fromarray(part), min(3.0, max(1.0, TARGET_HEIGHT_PX / height))


# A ruled cell with less dark ink than this share of its area holds no print.
_MIN_INK_SHARE = 0.002


# The key under which `reread_cells` lists the cells whose second reading is the page's own (agreement).
AGREED = ""


def _value(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def as_read(text: str) -> float | None:
    """The amount a cell's page reading stands for: as printed, or with a whole amount's thousands marks
    restored (17,.464 243), or its letters read as digits; None when it reads as no amount."""
    flat = " ".join(text.split())
    if (m := _WHOLE_PAGE.fullmatch(flat)) is not None:
        return _value("".join(re.split(r"[ .,]+", m.group(1))))
    if _AMOUNT.fullmatch(flat):
        return _value(flat)
    mapped = _as_figure(flat)
    return _value(mapped) if mapped and _AMOUNT.fullmatch(mapped) else None


# A whole amount as the page reading splits it: groups of three digits after the first, marks or spaces between.
_WHOLE_PAGE = re.compile(r"[.,]*(\d{1,3}(?:(?:[ .,]+|,)\d{3})+)[.,]*")


def _junk_in_figures(rows: list[list[str]]) -> list[str]:
    """Cells of an amount column that read as no figure at all (人 for 2,177,200: a figure OCR lost to a
    character): short, without a letter run of a label, in a column whose other cells are mostly amounts."""
    out = []
    for j in range(max((len(r) for r in rows), default=0)):
        filled = [r[j].strip() for r in rows if j < len(r) and r[j].strip()]
        amounts = [c for c in filled if _AMOUNT.fullmatch(c) and ("," in c or "." in c or c == "0")]
        if filled and len(amounts) >= 0.6 * len(filled):
            out += [c for c in filled if not _AMOUNT.fullmatch(c) and len("".join(c.split())) <= 3]
    return out


def reread_cells(path: Path, table: Any) -> dict[str, list[str]]:
    """Other readings of the table's amount cells: each cell cropped from the OCR'd page image and read
    again by Tesseract as digits only, at several scales. Keyed by the cell's text; under AGREED, the cells
    that read again as the page read them (two readings agree: no guess may change them)."""
    cells = list(dict.fromkeys([*(c.strip() for row in table.rows for c in row
                                  if c.strip() and (_AMOUNT.fullmatch(c.strip()) or _as_figure(c.strip())
                                                    or _SPECKED.fullmatch(c.strip()))),
                                *_junk_in_figures(table.rows)]))
    if not cells:
        return {}
    pdf = pdfium.PdfDocument(str(path))
    out: dict[str, list[str]] = {}
    try:
        where = _cell_boxes(pdf, table, cells[:_MAX_CELLS])
        where.update(_grid_boxes(pdf, table, [c for c in cells[:_MAX_CELLS] if c not in where]))
        renders: dict[int, tuple[Image.Image, float, Grid, Image.Image | None]] = {}

        def render(number: int) -> tuple[Image.Image, float, Grid, Image.Image | None]:
            """The page in grey, its height (pt), its rules, and in colour when it bears red seal ink."""
            if number not in renders:
                page = pdf[number - 1]
                colour = page.render(scale=300 / 72).to_pil().convert("RGB")
                rendered = colour.convert("L")
                sealed = red_ink(colour.reduce(4)).mean() > SEALED_SHARE / 10
                renders[number] = (rendered, page.get_height(), grid_of(rendered, 300), colour if sealed else None)
                page.close()
            return renders[number]
        where.update(_ruled_boxes(pdf, table, [c for c in cells[:_MAX_CELLS] if c not in where], render))
        if not where:
            return {}
        order = list(where)
        crops = []  # each cell cleaned once, read at every scale
        for text in order:
            number, (x0, y0, x1, y1) = where[text]
            image, height, grid, colour = render(number)
            k_px = 300 / 72
            pad = (y1 - y0) * 0.6
            box = (int((x0 - pad) * k_px), int((height - y1 - pad) * k_px),
                   int((x1 + pad) * k_px), int((height - y0 + pad) * k_px))
            # the cell between its ruling lines, when the page has them: a group of digits OCR lost
            # beside the text read lies inside it; small print is scaled up to a readable height
            cell = cell_at(grid, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            in_cell = None
            if cell and cell[2] - cell[0] < image.width * 0.45:
                # a cell under a seal is read from its print without the seal; one whose print was all red (a
                # figure printed in red) from the grey page, as any other
                sealed = under_seal(colour, cell)
                in_cell = (cell_print(sealed, cell, 3) if sealed else None) or cell_print(image, cell, 3)
            crops.append(in_cell or (clean_for_ocr(image.crop(box).convert("RGB"), 300), 1.0))
        for scale, margin in _CELL_READINGS:
            scaled = [c if scale * up == 1.0 else c.resize((max(1, int(c.width * scale * up)),
                                                            max(1, int(c.height * scale * up))),
                                                           Image.Resampling.LANCZOS) for c, up in crops]
            scaled = [ImageOps.expand(c, margin, fill="white") if margin else c for c in scaled]
            for text, got in zip(order, read_lines(scaled, 300 * scale, "eng", CELLS_TIMEOUT_S, "-c", _DIGITS_ONLY)
                                 or [], strict=False):
                got = tidy("".join(got.split()))
                if got and _AMOUNT.fullmatch(got) and _value(got) == as_read(text):
                    if text not in out.get(AGREED, []):  # the cell read again as the page read it
                        out.setdefault(AGREED, []).append(text)
                elif got and got != text and _AMOUNT.fullmatch(got) and got not in out.get(text, []):
                    out.setdefault(text, []).append(got)
    finally:
        pdf.close()
    return out
