"""Figures of an OCR'd table page read again cell by cell, the cells cut by the page's own ruling lines.

Tesseract reading a whole page (sparse text) splits a figure printed with wide punctuation
("10, 191. 56") into words, loses its points and commas ("10 191 56") and sometimes a whole
group of digits ("223 22" for 5,223.22); a cell cropped to its ruling lines and read as one line
of digits reads it whole. So every figure cell that does not read as a clean amount, and every
ruled cell with ink in it where the page reading found no word (a lost row or cell), is cropped
and read again as one line (`--psm 7`), small print scaled up to a readable height first. A
figure's new reading is taken only when it keeps every digit the page reading saw, in order
(it may add what was lost, never change what was read), or when two scales agree on it; the
table's sums still decide whether any of it counts.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from ingest.ocr_image import ink_runs, read_lines, ruling_segments

_WORD = re.compile(r"(<span class='ocrx_word'[^>]*>)(.*?)(</span>)", re.S)
_TAG = re.compile(r"<[^>]+>")
_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A figure as printed in a budget table: thousands commas, two decimals.
_CLEAN = re.compile(r"-?\d{1,3}(?:,\d{3})*\.\d{2}")
# What a figure cell may read as (a bare integer or code too).
_FIGURE = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?")
_DIGITS_ONLY = "tessedit_char_whitelist=0123456789.,-"
# Small print is scaled up until its digits stand this many pixels tall (Tesseract reads best near 30).
TARGET_HEIGHT_PX = 32
# A cell with fewer dark pixels than this share of its area holds no print (dust, a stray mark).
MIN_INK_SHARE = 0.004
# At most this many cells of one page are read again (a page of figures has some hundred).
MAX_CELLS = 400
# A label read in a cell the page reading lost is kept from this many characters on (one or two are specks).
MIN_LABEL_CHARS = 3
TIMEOUT_S = 60.0
Box = tuple[int, int, int, int]
Word = tuple[int, int, str, Box]  # (start, end) in the hOCR, text, bbox


@dataclass(frozen=True)
class Grid:
    """The ruling lines of a page image (pixels, top-left origin)."""

    horizontal: tuple[tuple[float, float, float], ...]  # (y, x0, x1)
    vertical: tuple[tuple[float, float, float], ...]  # (x, y0, y1)


def grid_of(image: Image.Image, dpi: float) -> Grid:
    """The page's horizontal and vertical ruling lines."""
    h, v = [], []
    for x0, y0, x1, y1 in ruling_segments(image, dpi):
        if y0 == y1:
            h.append((y0, min(x0, x1), max(x0, x1)))
        else:
            v.append((x0, min(y0, y1), max(y0, y1)))
    return Grid(tuple(sorted(h)), tuple(sorted(v)))


def cell_at(grid: Grid, x: float, y: float, slack: float = 4.0) -> Box | None:
    """The ruled cell around a point: the nearest rules left, right, above and below that pass it."""
    left = [vx for vx, y0, y1 in grid.vertical if vx < x and y0 - slack <= y <= y1 + slack]
    right = [vx for vx, y0, y1 in grid.vertical if vx > x and y0 - slack <= y <= y1 + slack]
    above = [hy for hy, x0, x1 in grid.horizontal if hy < y and x0 - slack <= x <= x1 + slack]
    below = [hy for hy, x0, x1 in grid.horizontal if hy > y and x0 - slack <= x <= x1 + slack]
    if not (left and right and above and below):
        return None
    return int(max(left)), int(max(above)), int(min(right)), int(min(below))


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _keeps(first: str, second: str) -> bool:
    """Whether `second` holds every digit of `first`, in order (it may add digits, never change one)."""
    it = iter(_digits(second))
    return all(ch in it for ch in _digits(first))


def _ink(gray: np.ndarray, box: Box) -> np.ndarray:
    """The dark pixels of a box of the page (a bool mask)."""
    x0, y0, x1, y1 = box
    return np.asarray(gray[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] < 128)


def crop_cell(image: Image.Image, gray: np.ndarray, cell: Box, inset: int) -> tuple[Image.Image, float] | None:
    """A cell's print (inside its rules, trimmed to its ink) with a white margin, and the scale that brings
    its digits to TARGET_HEIGHT_PX; None when the cell holds no print."""
    inner = (cell[0] + inset, cell[1] + inset, cell[2] - inset, cell[3] - inset)
    if inner[2] - inner[0] < 4 or inner[3] - inner[1] < 4:
        return None
    ink = _ink(gray, inner).copy()
    ink[:, ink.mean(axis=0) > 0.8] = False  # what is left of a ruling line at the cell's edges
    ink[ink.mean(axis=1) > 0.8, :] = False
    if ink.mean() < MIN_INK_SHARE:
        return None
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    height = int(rows[-1] - rows[0] + 1)
    pad = max(4, height // 2)
    box = (max(0, inner[0] + int(cols[0]) - pad), max(0, inner[1] + int(rows[0]) - pad),
           min(image.width, inner[0] + int(cols[-1]) + 1 + pad), min(image.height, inner[1] + int(rows[-1]) + 1 + pad))
    scale = min(3.0, max(1.0, TARGET_HEIGHT_PX / max(height, 1)))
    return image.crop(box), scale


def _scaled(crop: Image.Image, scale: float) -> Image.Image:
    if scale == 1.0:
        return crop
    return crop.resize((max(1, round(crop.width * scale)), max(1, round(crop.height * scale))),
                       Image.Resampling.LANCZOS)


def _read(crops: list[tuple[Image.Image, float]], dpi: float, factor: float, lang: str, *config: str) -> list[str]:
    """Each crop read as one line at its own scale × factor; "" where Tesseract gave nothing."""
    got = read_lines([_scaled(c, s * factor) for c, s in crops], dpi, lang, TIMEOUT_S, *config)
    out = ["".join(t.split()) for t in (got or [])]
    return out + [""] * (len(crops) - len(out))


def _words(hocr: str) -> list[tuple[int, int, str, Box]]:
    """(start, end, text, bbox) of every plain hOCR word."""
    out = []
    for m in _WORD.finditer(hocr):
        box = _BBOX.search(m.group(1))
        if box is not None and not _TAG.search(m.group(2)):
            x0, y0, x1, y1 = (int(v) for v in box.groups())
            out.append((m.start(), m.end(), html.unescape(m.group(2)), (x0, y0, x1, y1)))
    return out


def as_figure(text: str) -> str:
    """A digits-only reading tidied: doubled marks (277..05), a decimal comma after the thousands
    (1,754,17), marks and dashes at its ends (2080506-)."""
    text = re.sub(r"[.,]*\.[.,]*", ".", re.sub(r",{2,}", ",", text)).rstrip(".,").lstrip(",")
    text = "-" + text[1:].replace("-", "") if text.startswith("-") else text.replace("-", "")
    if re.fullmatch(r"-?\d{1,3}(?:,\d{3})*,\d{2}", text):
        text = text[:-3] + "." + text[-2:]
    if re.fullmatch(r"-?\d{1,3}(?:,\d{3})+\d{2}", text):  # 3,15978: the point after the thousands lost
        text = text[:-2] + "." + text[-2:]
    return text


def _figure_reading(first: str, readings: list[str]) -> str | None:
    """The re-reading to keep: one that keeps the page's digits, or two scales that agree; else None."""
    # a minus the page reading did not see is the stub of a rule or a dash beside the figure, not a sign
    signed = [as_figure(r) if "-" in first else as_figure(r).lstrip("-") for r in readings if r]
    good = [r for r in signed if _FIGURE.fullmatch(r)]
    for r in good:
        if _keeps(first, r) and len(_digits(r)) >= len(_digits(first)):
            return r
    if len(good) >= 2 and len(set(good)) == 1:
        return good[0]
    return None


def ink_lines(gray: np.ndarray, cell: Box, inset: int, dpi: float) -> list[Box]:
    """The lines of print in a cell (page pixels): runs of rows with ink, split at blank gaps — a cell whose
    rule below was not seen holds the lines of two rows."""
    inner = (cell[0] + inset, cell[1] + inset, cell[2] - inset, cell[3] - inset)
    if inner[2] - inner[0] < 4 or inner[3] - inner[1] < 4:
        return []
    dark = _ink(gray, inner).sum(axis=1) >= 2
    gap, tall = max(3, int(dpi * 0.03)), max(4, int(dpi * 0.02))
    runs = ink_runs(dark, gap)
    return [(inner[0], inner[1] + a, inner[2], inner[1] + b + 1) for a, b in runs if b - a + 1 >= tall]


def _figure_runs(slot: Box, words: list[Word]) -> list[tuple[Box, list[Word]]]:
    """The runs of figure words in a line of a cell, each with the part of the line it may fill: the whole line
    when it holds no Chinese; else the runs that stand apart from the Chinese words (half a line height or more:
    a rule the page lost between a figure and the next column's label), cut short of them. A run right
    beside Chinese is a label's ordinal (1. 一般公共预算), no figure."""
    words = sorted(words, key=lambda w: w[3][0])
    if not any(_CJK.search(w[2]) for w in words):
        return [(slot, words)] if any(ch.isdigit() for w in words for ch in w[2]) else []
    height = max(1, slot[3] - slot[1])
    out, run = [], []
    for k, w in enumerate([*words, None]):
        if w is not None and not _CJK.search(w[2]) and any(ch.isdigit() for ch in w[2]):
            run.append((k, w))
            continue
        if run:
            first, last = run[0][0], run[-1][0]
            margin = max(2, height // 8)
            left = words[first - 1][3][2] + margin if first > 0 else slot[0] - height
            right = words[last + 1][3][0] - margin if last + 1 < len(words) else slot[2] + height
            apart = run[0][1][3][0] - left >= height // 2 and right - run[-1][1][3][2] >= height // 2
            if apart and len(_digits("".join(x[2] for _, x in run))) >= 2:
                out.append(((max(left, slot[0]), slot[1], min(right, slot[2]), slot[3]), [x for _, x in run]))
            run = []
    return out


def reread_grid(image_path: Path, hocr: str, grid: Grid) -> str:
    """The hOCR with the figures that do not read clean, and the lines of print in ruled cells where it
    found no word, read again line by line within their cells (see the module's docstring)."""
    if not grid.horizontal or not grid.vertical:
        return hocr
    with Image.open(image_path) as im:
        image = im.convert("L")
        dpi = float(im.info.get("dpi", (300, 300))[0] or 300)
    gray = np.asarray(image)
    inset = max(2, int(dpi * 0.01))
    lines = {cell: ink_lines(gray, cell, inset, dpi) for cell in _cells(grid, image.width)}
    slots: dict[Box, list[tuple[int, int, str, Box]]] = {}  # a line of print in a cell → its words
    for w in _words(hocr):
        x0, y0, x1, y1 = w[3]
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        cell = cell_at(grid, cx, cy)
        if cell is None or cell[2] - cell[0] > image.width * 0.45:
            continue
        if cell not in lines:
            lines[cell] = ink_lines(gray, cell, inset, dpi)
        near = sorted(lines[cell], key=lambda b: 0 if b[1] <= cy <= b[3] else min(abs(cy - b[1]), abs(cy - b[3])))
        slots.setdefault(near[0] if near else cell, []).append(w)
    # figure lines that do not read as one clean amount (a line with Chinese in it is a label: its ordinal is
    # no figure)
    figures = [f for slot, ws in slots.items() for f in _figure_runs(slot, ws)
               if not (len(f[1]) == 1 and _CLEAN.fullmatch(f[1][0][2]))][:MAX_CELLS]
    kept = [(ws, c) for slot, ws in figures if (c := crop_cell(image, gray, slot, 0)) is not None]
    edits: list[tuple[int, int, str]] = []
    grown: dict[int, tuple[str, Box]] = {}  # the line, paragraph and area tags of a word given a wider box
    if kept:
        first = _read([c for _, c in kept], dpi, 1.0, "eng", "-c", _DIGITS_ONLY)
        again_at = [k for k, (ws, _) in enumerate(kept) if _figure_reading("".join(w[2] for w in ws), [first[k]])
                    is None]
        second = _read([kept[k][1] for k in again_at], dpi, 1.5, "eng", "-c", _DIGITS_ONLY) if again_at else []
        more = dict(zip(again_at, second, strict=True))
        for k, (ws, _) in enumerate(kept):
            got = _figure_reading("".join(w[2] for w in ws), [first[k], *([more[k]] if k in more else [])])
            if got is None or (len(ws) == 1 and got == ws[0][2]):
                continue
            box = (min(w[3][0] for w in ws), min(w[3][1] for w in ws), max(w[3][2] for w in ws),
                   max(w[3][3] for w in ws))
            for n, (start, end, _, _) in enumerate(sorted(ws, key=lambda w: w[0])):
                m = _WORD.match(hocr, start, end)
                if m is None:
                    continue
                head = _BBOX.sub("bbox " + " ".join(map(str, box)), m.group(1), count=1) if n == 0 else m.group(1)
                edits.append((start, end, head + (html.escape(got) if n == 0 else "") + m.group(3)))
                if n == 0:
                    _widen(hocr, start, box, grown)
    # lines with no word, or only marks and letters a speck or a lost figure leaves (i, |, ~)
    lost = [(b, slots.get(b, [])) for cell_lines in lines.values() for b in cell_lines
            if not any(_CJK.search(w[2]) or any(ch.isdigit() for ch in w[2]) for w in slots.get(b, []))]
    areas, blank = _lost_lines(image, gray, lost[:MAX_CELLS], dpi)
    for start, end in blank:  # the junk words give way to the line's reading
        if (m := _WORD.match(hocr, start, end)) is not None:
            edits.append((start, end, m.group(1) + m.group(3)))
    for at, (tag, box) in grown.items():
        edits.append((at, at + len(tag), _BBOX.sub("bbox " + " ".join(map(str, box)), tag, count=1)))
    for start, end, span in sorted(edits, reverse=True):
        hocr = hocr[:start] + span + hocr[end:]
    at = hocr.find("<div class='ocr_carea'")
    if areas and at >= 0:
        hocr = hocr[:at] + "\n".join(areas) + "\n" + hocr[at:]
    return fit_words(hocr, grid)


# A word reaching over a vertical rule by less than this share of its width (and less than a character) was
# read a little wide: its box ends at the rule.
OVERHANG_SHARE = 0.25


def fit_words(hocr: str, grid: Grid) -> str:
    """The hOCR with each word that overhangs a vertical rule by a sliver (a right-aligned figure touching its
    cell's border, blurred a pixel past it) cut back to its side of the rule: the table reader splits a word at
    the rules by its characters' places, and "24,458.43" would leave its "3" in the next cell."""
    edits = []
    for m in _WORD.finditer(hocr):
        box = _BBOX.search(m.group(1))
        if box is None or not m.group(2).strip():
            continue
        x0, y0, x1, y1 = (int(v) for v in box.groups())
        mid, width, height = (y0 + y1) / 2, x1 - x0, y1 - y0
        new = [x0, x1]
        for vx, vy0, vy1 in grid.vertical:
            if not (x0 < vx < x1 and vy0 <= mid <= vy1):
                continue
            left, right = vx - x0, x1 - vx
            sliver = min(OVERHANG_SHARE * width, 0.6 * height)
            if right <= sliver < left:
                new[1] = min(new[1], int(vx) - 1)
            elif left <= sliver < right:
                new[0] = max(new[0], int(vx) + 1)
        if new != [x0, x1] and new[1] > new[0]:
            title = _BBOX.sub(f"bbox {new[0]} {y0} {new[1]} {y1}", m.group(1), count=1)
            edits.append((m.start(1), m.end(1), title))
    for start, end, span in reversed(edits):
        hocr = hocr[:start] + span + hocr[end:]
    return hocr


def _cells(grid: Grid, width: int) -> list[Box]:
    """Every ruled cell of the page: between neighbouring horizontal rules, between the vertical rules that
    cross the band's middle."""
    ys = sorted({round(y) for y, _, _ in grid.horizontal})
    bands = [(a, b) for a, b in zip(ys, ys[1:], strict=False) if b - a > 8]
    out = []
    for top, bottom in bands:
        mid = (top + bottom) / 2
        xs = sorted({round(x) for x, y0, y1 in grid.vertical if y0 - 4 <= mid <= y1 + 4})
        for left, right in zip(xs, xs[1:], strict=False):
            cell = cell_at(grid, (left + right) / 2, mid)
            if cell is not None and 8 < cell[2] - cell[0] <= width * 0.45:
                out.append(cell)
    return list(dict.fromkeys(out))


_CONTAINER = re.compile(r"<(?:span class='ocr_line'|p class='ocr_par'|div class='ocr_carea')[^>]*>")


def _widen(hocr: str, word_at: int, box: Box, grown: dict[int, tuple[str, Box]]) -> None:
    """Grow the boxes of the line, paragraph and area that hold the word at `word_at` to take in `box` (the
    text layer sets a word within its line: a word wider than its line would be lost)."""
    for name in ("<span class='ocr_line'", "<p class='ocr_par'", "<div class='ocr_carea'"):
        at = hocr.rfind(name, 0, word_at)
        m = _CONTAINER.match(hocr, at) if at >= 0 else None
        b = _BBOX.search(m.group(0)) if m is not None else None
        if m is None or b is None:
            continue
        old = grown[at][1] if at in grown else tuple(int(v) for v in b.groups())
        grown[at] = (m.group(0), (min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]), max(old[3], box[3])))


def _lost_lines(image: Image.Image, gray: np.ndarray, lost: list[tuple[Box, list[tuple[int, int, str, Box]]]],
                dpi: float) -> tuple[list[str], list[tuple[int, int]]]:
    """hOCR areas for the lines of print in ruled cells where the page reading found no word (or only junk):
    each read as one line of Chinese and digits, kept when it reads as a figure or as Chinese alone; and the
    (start, end) of the junk words they replace."""
    kept = [(box, junk, crop) for box, junk in lost if (crop := crop_cell(image, gray, box, 0)) is not None]
    if not kept:
        return [], []
    texts = _read([crop for *_, crop in kept], dpi, 1.0, "chi_sim+eng")
    # a line that reads as digits is read again as digits alone: a lost figure counts when both readings agree
    digits_at = [k for k, t in enumerate(texts) if len(_digits(t)) >= 2 and not _CJK.search(t)]
    as_digits = dict(zip(digits_at, _read([kept[k][2] for k in digits_at], dpi, 1.0, "eng", "-c", _DIGITS_ONLY)
                         if digits_at else [], strict=True))
    areas: list[str] = []
    blank: list[tuple[int, int]] = []
    for n, ((box, junk, _), text) in enumerate(zip(kept, texts, strict=True)):
        text = text.strip("|｜_—-~'\"‘’“”:;,.")
        figure = as_figure(as_digits.get(n, ""))
        if _FIGURE.fullmatch(figure) and _digits(figure) == _digits(text):
            text = figure
        elif len(text) < MIN_LABEL_CHARS or not re.fullmatch(r"[\u4e00-\u9fff（）()、]+", text):
            continue  # a lost label counts only when it reads as Chinese alone, long enough not to be a speck
        blank.extend((w[0], w[1]) for w in junk)
        x0, y0, x1, y1 = box
        line = f"bbox {x0} {y0} {x1} {y1}"
        areas.append(f"<div class='ocr_carea' id='cell_block_{n}' title=\"{line}\"><p class='ocr_par' "
                     f"id='cell_par_{n}' title=\"{line}\"><span class='ocr_line' id='cell_line_{n}' "
                     f"title=\"{line}; baseline 0 0; x_size {y1 - y0}; x_descenders 0; x_ascenders 0\">"
                     f"<span class='ocrx_word' id='cell_word_{n}' title='{line}; x_wconf 90'>{html.escape(text)}"
                     "</span></span></p></div>")
    return areas, blank
