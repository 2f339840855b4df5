"""Header cells of OCR'd tables read again where the first reading lost or garbled them.

Tesseract reading a whole page drops some header labels (项目支出 comes back as a speck "a", or
not at all) or misreads them (人加计 for 合计, “=” 经费 for “三公”经费); the column then has no measure and
its figures go astray. Such a cell is cropped from the page image — the ruled cell over its column's
first figure, or found from the labels beside it — and read again as Chinese alone; a reading counts
only when it is a column label the parsers know (quotes and specks aside). (Codes: ingest.ocr_codes.)
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image

from ingest.ocr_grid import Grid, cell_at, grid_of
from ingest.ocr_image import clean_for_ocr, read_lines, ruling_segments

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_FIGURE = re.compile(r"-?[\d,]*\d(?:\.\d+)?")
# Marks OCR reads for a label's characters or for specks beside it (“=” 经费 for “三公”经费, 费 ®).
_JUNK = re.compile(r"[—#_|~=®@<>]")
_DPI = 300
# Tesseract may not spend longer than this on one table's header cells (seconds).
HEADER_TIMEOUT_S = 60.0
Box = tuple[float, float, float, float]  # pdf points, bottom-left origin: x0, y0, x1, y1


def _page_of(path: Path, page_no: int, texts: list[str]) -> tuple[dict[str, tuple[float, float, float, float]],
                                                                  Image.Image, list[Any]]:
    """The page at _DPI: the pixel boxes (top-left origin) of those texts printed once in its ruled grid (a
    header label repeated in the title above the grid counts once), its image, and its vertical ruling segments."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[page_no - 1]
        k_px = _DPI / 72
        height = page.get_height()
        found = {t: [(b[0] * k_px, (height - b[3]) * k_px, b[2] * k_px, (height - b[1]) * k_px) for b in bs]
                 for t, bs in _text_boxes(page, texts).items()}
        image = page.render(scale=k_px).to_pil()
        page.close()
    finally:
        pdf.close()
    rules = [s for s in ruling_segments(image, _DPI) if s[0] == s[2]]

    def ruled(box: tuple[float, float, float, float]) -> bool:  # a vertical rule on either side of it
        mid, cx = (box[1] + box[3]) / 2, (box[0] + box[2]) / 2
        xs = [s[0] for s in rules if min(s[1], s[3]) <= mid <= max(s[1], s[3])]
        return any(x < cx for x in xs) and any(x > cx for x in xs)

    boxes = {}
    for text, hits in found.items():
        inside = hits if len(hits) == 1 else [b for b in hits if ruled(b)]
        if len(inside) == 1:
            boxes[text] = inside[0]
    return boxes, image, rules


def _text_boxes(page: Any, texts: list[str], most: int = 4) -> dict[str, list[Box]]:
    """The boxes of each text where it stands on the page (up to `most` places), spaces aside (OCR puts a space
    inside a label, 三公” 经费, where the table's cell has a line break or none)."""
    out: dict[str, list[Box]] = {}
    tp = page.get_textpage()
    try:
        full = tp.get_text_range()
        if len(full) != tp.count_chars():  # generated characters: no index of the text is a character's
            full = "".join(tp.get_text_range(k, 1)[:1] or " " for k in range(tp.count_chars()))
        at = [k for k, ch in enumerate(full) if not ch.isspace()]
        flat = "".join(full[k] for k in at)
        for text in dict.fromkeys(texts):
            key = "".join(text.split())
            first = flat.find(key) if key else -1
            while 0 <= first and len(out.get(text, [])) < most:
                boxes = [tp.get_charbox(at[k]) for k in range(first, first + len(key))]
                out.setdefault(text, []).append((min(b[0] for b in boxes), min(b[1] for b in boxes),
                                                 max(b[2] for b in boxes), max(b[3] for b in boxes)))
                first = flat.find(key, first + len(key))
    finally:
        tp.close()
    return out


# A header label longer than this is a title or a note, not a column label misread.
_MAX_LABEL = 12
# A header cell merged over this many text lines at most is read whole (a taller "cell" is rules the page lost).
_MERGED_LINES = 12
# … or over this many inches (a header of three tall rows, its label short).
_MERGED_INCHES = 2.5


def _label_crop(image: Image.Image, grid: Grid, box: tuple[int, int, int, int], line: float) -> Image.Image:
    """The header cell around `box` as Tesseract should see it: the whole ruled cell, trimmed to its ink, when
    the rules close it within a few text lines (a label merged over several header rows is centred in the
    cell, not on the line of its neighbours); else the box itself."""
    cell = cell_at(grid, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    tall = max(_MERGED_LINES * max(line, 1.0), _MERGED_INCHES * _DPI)
    if cell is not None and cell[3] - cell[1] <= tall and cell[2] - cell[0] > 10:
        inset = max(3, int(_DPI * 0.015))  # inside the rules: the cleaning drops what is left of them
        box = (cell[0] + inset, cell[1] + inset, cell[2] - inset, cell[3] - inset)
    return clean_for_ocr(image.crop(box).convert("RGB"), _DPI)


def _cell_above(grid: Grid, box: tuple[float, float, float, float] | None) -> tuple[int, int, int, int] | None:
    """The ruled cell right above the cell of a figure of the table's first line (its column's header cell, as
    tall as the header where it is merged), inside its rules; None when the rules do not close it."""
    if box is None:
        return None
    body = cell_at(grid, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    if body is None:
        return None
    above = cell_at(grid, (body[0] + body[2]) / 2, body[1] - 6)
    if above is None or above[2] - above[0] < 10 or above[3] - above[1] < 10:
        return None
    inset = max(3, int(_DPI * 0.015))
    return above[0] + inset, above[1] + inset, above[2] - inset, above[3] - inset


def _column_cells(grid: Grid, box: Box | None, width: int) -> list[tuple[int, int, int]] | None:
    """(x0, x1, top) of each column's cell on the line of the figure in `box` (pixels): the vertical rules that
    cross that line, when they make exactly `width` cells (else None: the rules do not tell the columns)."""
    if box is None or (body := cell_at(grid, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2)) is None:
        return None
    mid = (body[1] + body[3]) / 2
    xs: list[float] = []
    for x in sorted(vx for vx, y0, y1 in grid.vertical if y0 - 4 <= mid <= y1 + 4):
        if not xs or x - xs[-1] > 8:  # one rule seen twice (its two edges) is one rule
            xs.append(x)
    cells = [(int(a), int(b), body[1]) for a, b in zip(xs, xs[1:], strict=False)]
    return cells if len(cells) == width else None


def _spanning(row: list[str], j: int) -> bool:
    """A label over several columns (a merged cell: its text in the cells beside it too)."""
    return any(0 <= k < len(row) and row[k].strip() and row[k] == row[j] for k in (j - 1, j + 1))


def _lost_columns(table: Any) -> list[int]:
    """Columns holding figures whose header says nothing readable: no Chinese at all, or one character that is
    no label (金额 read as 全)."""
    header = getattr(table, "header", [])
    width = max((len(r) for r in table.rows), default=0)
    # a table of one line of figures (the 三公 table) has one figure under each label
    lines = sum(1 for r in table.rows if any(_FIGURE.fullmatch("".join(c.split())) for c in r))
    out = []
    for j in range(width):
        figures = sum(1 for r in table.rows if j < len(r) and _FIGURE.fullmatch("".join(r[j].split())))
        label = "".join(r[j] for r in header if j < len(r) and not _spanning(r, j))
        unreadable = not _CJK.search(label) or (len(_CJK.findall(label)) == 1 and label not in known_labels())
        if figures >= min(2, lines) and header and unreadable:
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
               "公务用车购置及运行费", "公务用车购置费", "公务用车运行费", "“三公”经费", "三公”经费", "三公经费",
               "公务用车运行维护费", "公务用车购置及运行维护费", "会议费", "培训费",
               "类", "款", "项"})  # the code parts' columns of a 类 | 款 | 项 table


def _scaled(crop: Image.Image, scale: float) -> Image.Image:
    """The crop resized by `scale` (Lanczos)."""
    if scale == 1.0:
        return crop
    return crop.resize((max(1, int(crop.width * scale)), max(1, int(crop.height * scale))), Image.Resampling.LANCZOS)


# Quotes and the marks OCR reads for them (“三公? 经费), and specks before a label (4“三公”经费).
_QUOTES = re.compile(r"[“”\"'‘’?？《》]|^[^\u4e00-\u9fff（(]+")


# Brackets as OCR reads them (因公出国〈境)费, 国《〈境): one round bracket.
_OPENING = re.compile(r"[(（〈<〔［\[{｛]+")
_CLOSING = re.compile(r"[)）〉>〕］\]}｝]+")


def _key(text: str) -> str:
    """A label's key: no quotes or marks, its brackets round."""
    return _CLOSING.sub(")", _OPENING.sub("(", _QUOTES.sub("", text)))


@cache
def _label_keys() -> dict[str, str]:
    """Each known column label by its key (no quotes or marks, round brackets): the label as the parsers know it."""
    return {_key(label): label for label in sorted(known_labels(), key=lambda t: (len(t), t))}


def _as_known(text: str) -> str | None:
    """The known column label `text` reads as, quotes, specks and bracket shapes aside; None when it is none."""
    return text if text in known_labels() else _label_keys().get(_key(text))


def one_line(crop: Image.Image) -> Image.Image | None:
    """A label wrapped over several lines of its cell (公务接待 / 费) laid out as one line, its lines side by side
    in reading order, so Tesseract reads it as the one line it is; None when the crop holds one line of print."""
    import numpy as np

    gray = np.asarray(crop.convert("L"))
    dark = (gray < 128).sum(axis=1) >= 2
    tall = max(4, int(_DPI * 0.04))  # a line of print is at least this tall (a speck is not)
    runs: list[list[int]] = []
    for y in np.flatnonzero(dark):
        if runs and y - runs[-1][1] <= max(3, int(_DPI * 0.02)):
            runs[-1][1] = int(y)
        else:
            runs.append([int(y), int(y)])
    lines = [(a, b + 1) for a, b in runs if b - a + 1 >= tall]
    if not 2 <= len(lines) <= 4:
        return None
    pieces = []
    for a, b in lines:
        cols = np.flatnonzero((gray[a:b] < 128).sum(axis=0) >= 1)
        pieces.append(crop.crop((max(0, int(cols[0]) - 4), a, min(crop.width, int(cols[-1]) + 5), b)))
    height, gap = max(p.height for p in pieces), int(_DPI * 0.05)
    out = Image.new(crop.mode, (sum(p.width for p in pieces) + gap * (len(pieces) + 1), height + 2 * gap), "white")
    x = gap
    for piece in pieces:
        out.paste(piece, (x, gap + (height - piece.height) // 2))
        x += piece.width + gap
    return out


def _read_crops(crops: list[Image.Image]) -> list[str]:
    """Each crop read by Tesseract as one line of Chinese: the first reading, over the scales, that is a
    column label the parsers know; else the reading every scale agrees on; else "". A crop of a label wrapped
    over lines is also read laid out as one line (`one_line`); that reading counts only as a known label."""
    joined = {k: line for k, crop in enumerate(crops) if (line := one_line(crop)) is not None}
    readings: list[list[str]] = [[] for _ in crops]
    known_joined: dict[int, str] = {}
    for scale in _SCALES:
        images = [_scaled(crop, scale) for crop in crops] + [_scaled(joined[k], scale) for k in joined]
        texts = read_lines(images, _DPI * scale, "chi_sim", HEADER_TIMEOUT_S) or []
        for k, text in enumerate(texts[: len(crops)]):
            readings[k].append("".join(text.split()).strip("|｜_-—~'\"‘’“”.,:;"))
        for k, text in zip(joined, texts[len(crops):], strict=False):
            if k not in known_joined and (label := _as_known("".join(text.split()).strip("|｜_-—~'\"‘’“”.,:;"))):
                known_joined[k] = label
        if all(any(_as_known(r) for r in got) or k in known_joined for k, got in enumerate(readings)):
            break  # every cell has a known label: no other scale needed
    out = []
    for k, got in enumerate(readings):
        known = [label for r in got if (label := _as_known(r))] + ([known_joined[k]] if k in known_joined else [])
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
    first = table.rows[0] if table.rows else []
    heads = {j: "".join(first[j].split()) for j in lost
             if j < len(first) and _FIGURE.fullmatch("".join(first[j].split()))}
    boxes, image, rules = _page_of(path, table.pages[0], [t for _, _, t in labels] + list(heads.values()))
    grid = grid_of(image, _DPI)
    crops, where = [], []
    for j in lost:
        if (above := _cell_above(grid, boxes.get(heads.get(j, "")))) is not None:
            crops.append(clean_for_ocr(image.crop(above).convert("RGB"), _DPI))  # the header cell over the figure
            where.append((max(0, len(header) - 1), j))
            continue
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
                crops.append(_label_crop(image, grid, box, y1 - y0))
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


# A header cell this close to a known column label (rapidfuzz ratio) shows its row is a row of column labels.
_NEAR_LABEL = 70.0


def _near_known(text: str) -> bool:
    """Whether `text` is a known column label or close to one (项目文出 ≈ 项目支出)."""
    from rapidfuzz import fuzz, process

    return bool(text) and (text in known_labels()
                           or process.extractOne(text, known_labels(), scorer=fuzz.ratio, score_cutoff=_NEAR_LABEL)
                           is not None)


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


# Header words that stand only over a 收支总表's 支出 side.
_SPENDING = ("支出", "功能分类", "功能科目", "支出用途", "经济分类")


def expenditure_side(header: list[list[str]]) -> list[list[str]]:
    """The header with its lost 支出 label put back: a top line that reads 收入 over the first columns and
    nothing over the rest, where the lines under those blank cells name the 支出 side (功能分类, 支出用途 …), is
    收入 | 支出 — OCR lost the merged 支出 cell (the 收支总表's two sides then read as one)."""
    for r, row in enumerate(header[:-1]):
        cells = ["".join(c.split()) for c in row]
        income = [j for j, c in enumerate(cells) if c == "收入"]
        if not income or income != list(range(len(income))) or any(cells[len(income):]):
            continue
        below = ["".join("".join(h[j].split()) for h in header[r + 1:] if j < len(h)) for j in range(len(row))]
        if len(row) > len(income) and any(w in below[j] for j in range(len(income), len(row)) for w in _SPENDING):
            out = [list(h) for h in header]
            out[r][len(income):] = ["支出"] * (len(row) - len(income))
            return out
    return header


def subtotal_in_group(header: list[list[str]]) -> list[list[str]]:
    """The header with a group's 小计 put back under the group's label: a 小计 with nothing under it that stands
    on the line of a label spanning the columns right of it — those columns labelled on the line below
    (公务用车购置及运行维护费 over 购置费 | 运行维护费) — is the group's first column; OCR's grid lost the
    group cell's left part over it (the 小计 then reads as the total of the whole table)."""
    out = [list(r) for r in header]
    for r, row in enumerate(out[:-1]):
        for j in range(len(row) - 2):
            label, span = "".join(row[j].split()), row[j + 1].strip()
            if label != "小计" or not span or row[j + 2].strip() != span or _spanning(row, j):
                continue
            cols = [k for k in range(j + 1, len(row)) if row[k].strip() == span]
            below = [out[r + 1][k].strip() if k < len(out[r + 1]) else "" for k in cols]
            under = [h[j].strip() for h in out[r + 1:] if j < len(h)]
            if all(below) and not any(under) and j < len(out[r + 1]):
                row[j], out[r + 1][j] = row[j + 1], "小计"
    return out


def reread_junk_cells(path: Path | None, table: Any) -> Any:
    """The table with each header cell read as Latin junk over figure columns (a merged 公务接待费 read
    "Ce 一 -一") read again: its line from a label of the same header row, its left edge the first
    vertical rule right of the label that ends just before it, its right edge the next rule."""
    header = [list(r) for r in getattr(table, "header", [])]
    if path is None or not header or not getattr(table, "pages", None):
        return table
    sided = subtotal_in_group(expenditure_side(header))
    if sided != header:
        table, header = replace(table, header=sided), [list(r) for r in sided]
    figures = {j for r in table.rows for j, c in enumerate(r) if _FIGURE.fullmatch("".join(c.split()))}
    junk = []  # (row, first column, last column)
    for r, row in enumerate(header):
        measures = any(_near_known("".join(c.split())) for c in row)
        j = 0
        while j < len(row):
            k = j
            while k + 1 < len(row) and row[k + 1] == row[j]:
                k += 1
            text = "".join(row[j].split())
            garbled = bool(_LATIN.search(text) or (len(_CJK.findall(text)) <= _MAX_LABEL // 2
                                                   and text not in known_labels() and _JUNK.search(text)))
            # a label among known column labels that is none of them (人加计 for 合计): read again, kept only
            # when it reads as a known label
            garbled = garbled or bool(measures and _CJK.search(text) and text not in known_labels()
                                      and len(text) <= _MAX_LABEL and not _spanning(row, j))
            if garbled and figures & set(range(j, k + 1)):
                junk.append((r, j, k))
            j = k + 1
    if not junk:
        return table
    spans = [(r, j, k, "".join(row[j].split())) for r, row in enumerate(header) for j in range(len(row))
             for k in [max(x for x in range(j, len(row)) if all(row[y] == row[j] for y in range(j, x + 1)))]
             if _CJK.search(row[j]) and not _LATIN.search(row[j]) and (j == 0 or row[j - 1] != row[j])]
    own = {(r, j0): "".join(header[r][j0].split()) for r, j0, _ in junk}
    first: list[str] = next((r for r in table.rows if any(_FIGURE.fullmatch("".join(c.split())) for c in r)), [])
    figures_first = ["".join(c.split()) for c in first if _FIGURE.fullmatch("".join(c.split()))]
    boxes, image, rules = _page_of(path, table.pages[0], [t for *_, t in spans] + list(own.values()) + figures_first)
    grid = grid_of(image, _DPI)
    width = max((len(r) for r in table.rows), default=0)
    columns = next((c for f in figures_first if (c := _column_cells(grid, boxes.get(f), width)) is not None), None)
    crops, where = [], []
    for r, j0, j1 in junk:
        if own[(r, j0)] in boxes:  # the junk itself stands once in the grid: its ruled cell is the cell
            x0, y0, x1, y1 = boxes[own[(r, j0)]]
            cell = cell_at(grid, (x0 + x1) / 2, (y0 + y1) / 2)
            if cell is not None and cell[2] - cell[0] > 10:
                crops.append(_label_crop(image, grid, (int(x0), int(y0), int(x1), int(y1)), y1 - y0))
                where.append((r, j0, j1))
                continue
        if j0 == j1 and columns is not None and not any(row[j0].strip() for row in header[r + 1:] if j0 < len(row)):
            x0, x1, top = columns[j0]  # the lowest label of its column: the ruled cell right above its figures
            above = cell_at(grid, (x0 + x1) / 2, top - 6)
            inset = max(3, int(_DPI * 0.015))
            if above is not None and above[2] - above[0] > 10 and above[3] - above[1] > 10:
                crops.append(clean_for_ocr(image.crop((above[0] + inset, above[1] + inset, above[2] - inset,
                                                       above[3] - inset)).convert("RGB"), _DPI))
                where.append((r, j0, j1))
                continue
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
            crops.append(_label_crop(image, grid, box, y1 - y0))
            where.append((r, j0, j1))
    changed = _alternate_stages(header)
    for (r, j0, j1), text in zip(where, _read_crops(crops) if crops else [], strict=False):
        others = {"".join(c.split()) for j, c in enumerate(header[r]) if not j0 <= j <= j1}
        if text in known_labels() and text not in others:  # a label another column has is a crop gone astray
            header[r][j0:j1 + 1] = [text] * (j1 - j0 + 1)
            changed = True
    return replace(table, header=header) if changed else table


# Where the 单位 line stands when OCR lost its word 单位 (单人 万, 香位 :万, …万元 at the end of the 部门 line).
_UNIT_HINT = re.compile(r"[单位香]\s*人?\s*[:：;；,，.。、”]*\s*[万方]|万\s*元")
# 万 read as 方 by Tesseract on a blurred scan: no unit is 方元, and no other unit ends in 元 but 元 itself.
_UNIT_MISREAD = re.compile(r"(单位[\s:：;；,，.。、”]*)方(\s*元)")
# The head of a page (share of its height from the top), where the 单位 line of its table stands.
_HEAD_SHARE = 0.4


def _unit_anchor(tp: Any, height: float) -> tuple[float, float, float, float] | None:
    """The box (pdf points) of the page's 单位 line: the topmost 单位, or hint of it, in the head of the page."""
    search = tp.search("单位", match_whole_word=False)
    words = []
    while (hit := search.get_next()) is not None:
        words.append((hit[0], hit[0] + hit[1]))
    search.close()
    hints = [(m.start(), m.end()) for m in _UNIT_HINT.finditer(tp.get_text_range())]
    boxes = []
    for start, end in words + hints:
        chars = [tp.get_charbox(k) for k in range(start, end)]
        chars = [b for b in chars if b[2] > b[0]]  # generated spaces and line breaks have no box
        if chars:
            boxes.append((min(b[0] for b in chars), min(b[1] for b in chars), max(b[2] for b in chars),
                          max(b[3] for b in chars)))
    # the topmost: 单位 in the body (单位预留机动经费) is no 单位 line
    head = [b for b in boxes if b[3] >= height * (1 - _HEAD_SHARE)]
    return max(head, key=lambda b: b[3]) if head else None


def reread_unit(path: Path, number: int) -> str | None:
    """The unit (元 / 万元) the page's 单位 line states, read again from the image around the word 单位 (or
    around what is left of it) when the page's OCR lost what follows it; None when it does not read."""
    from ingest.ocr_sums import UNIT_LINE

    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[number - 1]
        width, height = page.get_width(), page.get_height()
        tp = page.get_textpage()
        anchor = _unit_anchor(tp, height)
        tp.close()
        if anchor is None:
            page.close()
            return None
        x0, y0, x1, y1 = anchor
        k_px = _DPI / 72
        line = y1 - y0
        # OCR boxes sit inside their glyphs: the crop starts a few characters left of the anchor (a lost 单位)
        box = (int(max(0.0, x0 - line * 4) * k_px), int((height - y1 - line * 0.5) * k_px),
               int(min(width, x1 + line * 7) * k_px), int((height - y0 + line * 0.5) * k_px))
        image = page.render(scale=k_px).to_pil()
        page.close()
    finally:
        pdf.close()
    crop = clean_for_ocr(image.crop(box).convert("RGB"), _DPI)
    for scale in _SCALES:
        texts = read_lines([_scaled(crop, scale)], _DPI * scale, "chi_sim", HEADER_TIMEOUT_S)
        text = _UNIT_MISREAD.sub(r"\1万\2", "".join(texts[0].split())) if texts else ""
        if m := UNIT_LINE.search(text):
            return "".join(m.group(1).split())
    return None
