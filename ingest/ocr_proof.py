"""Proof-reading of tables read from OCR'd pages: a figure counts only when its table's sums close.

A table from an OCR'd page is `complete` only when its own sums close (`proofread`). Where they do
not, its figure cells are cropped from the page image and read again as digits (`reread_cells`),
and the readings of a cell — Tesseract's second reading, letters read as digits, a lost decimal
point, one confusable digit (`candidates`) — are tried; a cell is changed only by the one reading
that closes more sums than any other (`correct`), and the table counts only when every sum closes.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image

from ingest.ocr_image import clean_for_ocr
from ingest.reading import COMPLETE, PARTIAL

_CJK = re.compile(r"[\u4e00-\u9fff]")
# Tesseract may not spend longer than this on one table's cells (seconds).
CELLS_TIMEOUT_S = 120.0

# Digits Tesseract confuses in small print; a figure is changed only when every sum then closes.
_CONFUSED = {"0": "689", "1": "74", "3": "85", "4": "1", "5": "63", "6": "058", "7": "1", "8": "0369", "9": "08"}
_MAX_PARSES = 1500


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


def candidates(cell: str) -> list[str]:
    """Other readings of an OCR'd amount: letters and marks read as digits (Us → 05, 8:37 → 8.37),
    the decimal point it lost, one confusable digit."""
    text = " ".join(cell.split())
    out = []
    if not re.fullmatch(r"[\d., ]*\d[\d., ]*", text) or text.count(".") > 1 or re.fullmatch(r"\d+,\d{2}", text):
        mapped = _as_figure(text)
        if mapped is None or mapped == text:
            return []
        out.append(mapped)
        text = mapped
    if len(text) > 16:
        return []
    if m := re.fullmatch(r"(\d+) (\d{2})", text):  # "367 04": the point between the groups was lost
        out.append(f"{m.group(1)}.{m.group(2)}")
    if re.fullmatch(r"\d{3,}", text):  # "36704"
        out.append(f"{text[:-2]}.{text[-2:]}")
    if not re.fullmatch(r"\d{1,3}", text):  # a bare 类/款/项 code: no digit is guessed in it
        for k, ch in enumerate(text):
            out.extend(text[:k] + alt + text[k + 1:] for alt in _CONFUSED.get(ch, ""))
    return [c for c in dict.fromkeys(out) if c != " ".join(cell.split())]


# A cell is read again at these fractions of 300 dpi (digits only): each scale can read a digit differently.
_CELL_SCALES = (1.0, 0.75, 0.5)
_MAX_CELLS = 240
_DIGITS_ONLY = "tessedit_char_whitelist=0123456789.,-"
_AMOUNT = re.compile(r"-?\d{1,3}(?:,?\d{3})*(?:\.\d{1,2})?")


def _cell_boxes(pdf: Any, table: Any, cells: list[str]) -> dict[str, tuple[int, tuple[float, float, float, float]]]:
    """Where each cell text stands on the table's pages (page, pdf box), when it stands there once."""
    out: dict[str, tuple[int, tuple[float, float, float, float]]] = {}
    wanted, wanted_twice = set(cells), set()
    for number in dict.fromkeys(getattr(table, "pages", [])):
        page = pdf[number - 1]
        tp = page.get_textpage()
        for text in wanted:
            search = tp.search(text, match_whole_word=False)
            hits: list[tuple[int, int]] = []
            while (hit := search.get_next()) is not None and len(hits) < 2:
                hits.append(hit)
            search.close()
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


def reread_cells(path: Path, table: Any) -> dict[str, list[str]]:
    """Other readings of the table's amount cells: each cell cropped from the OCR'd page image and read
    again by Tesseract as digits only, at several scales. Keyed by the cell's text."""
    import subprocess

    cells = list(dict.fromkeys(c.strip() for row in table.rows for c in row
                               if c.strip() and (_AMOUNT.fullmatch(c.strip()) or _as_figure(c.strip()))))
    if not cells:
        return {}
    pdf = pdfium.PdfDocument(str(path))
    out: dict[str, list[str]] = {}
    try:
        where = _cell_boxes(pdf, table, cells[:_MAX_CELLS])
        if not where:
            return {}
        renders: dict[int, tuple[Image.Image, float]] = {}
        with tempfile.TemporaryDirectory(prefix="ocr-cells-") as tmp:
            order = list(where)
            for scale in _CELL_SCALES:
                names = []
                for k, text in enumerate(order):
                    number, (x0, y0, x1, y1) = where[text]
                    if number not in renders:
                        page = pdf[number - 1]
                        renders[number] = (page.render(scale=300 / 72).to_pil().convert("L"), page.get_height())
                        page.close()
                    image, height = renders[number]
                    k_px = 300 / 72
                    pad = (y1 - y0) * 0.6
                    box = (int((x0 - pad) * k_px), int((height - y1 - pad) * k_px),
                           int((x1 + pad) * k_px), int((height - y0 + pad) * k_px))
                    crop = clean_for_ocr(image.crop(box).convert("RGB"), 300)
                    if scale != 1.0:
                        crop = crop.resize((max(1, int(crop.width * scale)), max(1, int(crop.height * scale))),
                                           Image.Resampling.LANCZOS)
                    names.append(str(Path(tmp) / f"{scale}-{k}.png"))
                    crop.save(names[-1], dpi=(300 * scale, 300 * scale))
                listing = Path(tmp) / f"{scale}.txt"
                listing.write_text("\n".join(names) + "\n", encoding="utf-8")
                try:
                    run = subprocess.run(["tesseract", str(listing), "stdout", "-l", "eng", "--psm", "7",
                                          "--dpi", str(int(300 * scale)), "-c", _DIGITS_ONLY],
                                         capture_output=True, text=True, timeout=CELLS_TIMEOUT_S)
                except (OSError, subprocess.SubprocessError):
                    continue
                for text, got in zip(order, run.stdout.split("\f"), strict=False):
                    got = "".join(got.split()).strip(".,")
                    if got and got != text and _AMOUNT.fullmatch(got) and got not in out.get(text, []):
                        out.setdefault(text, []).append(got)
    finally:
        pdf.close()
    return out


def mend_header(table: Any) -> Any:
    """The table with its header's wrapped labels joined again (项目支 / 出 → 项目支出).

    A born-digital cell's wrapped label is one text box; OCR puts each line of it on its own, and
    the lines of a tall merged header cell fall into the grid rows beside it. A fragment of at most
    three characters right under another label of its column is the rest of that label."""
    header = [list(r) for r in getattr(table, "header", [])]
    if len(header) < 2:
        return table
    changed = False
    for j in range(max(len(r) for r in header)):
        above: int | None = None
        for r, row in enumerate(header):
            text = "".join(row[j].split()) if j < len(row) else ""
            if not text:
                above = None
                continue
            upper = header[above] if above is not None else []
            spanning = any(0 <= k < len(upper) and upper[k] == upper[j] for k in (j - 1, j + 1))
            if (above is not None and len(text) <= 3 and _CJK.search(upper[j][-1:]) is not None and not spanning
                    and text not in ("类", "款", "项", "栏次")):  # a group label over several columns is no wrap
                header[above][j] = "".join(header[above][j].split()) + text
                row[j] = ""
                changed = True
                continue
            above = r
    return replace(table, header=header) if changed else table


def _with(table: Any, i: int, js: tuple[int, ...], value: str) -> Any:
    rows = [list(r) for r in table.rows]
    for j in js:
        rows[i][j] = value
    return replace(table, rows=rows)


def _spots(row: list[str], j: int) -> list[tuple[int, ...]]:
    """The cell alone, and with its twins: a figure printed twice in a row (合计 = its only part) is
    read from the same print twice, so it is fixed in both places or in neither."""
    twins = tuple(k for k, c in enumerate(row) if c.strip() == row[j].strip())
    return [(j,), twins] if len(twins) > 1 else [(j,)]


def correct(reading: Any, table: Any, doc: Any, reread: dict[str, list[str]] | None = None
            ) -> tuple[Any, list[str]] | None:
    """Cell fixes that make every sum of the table close, each the only fix of its cell; else None.

    A cell's candidates are what Tesseract read when the cell was cropped and read again (`reread`),
    then a lost decimal point and one confusable digit."""
    from ingest.reading import _parse  # the same parse and checks as the first reading

    if not (reading.failures or reading.warnings) or reading.empty:
        return None
    reread = reread or {}

    def better(trial: Any, than: Any) -> bool:  # more sums close (fewer fail, or as few and more pass)
        return (trial.rows >= than.rows and len(trial.warnings) <= len(than.warnings)
                and (len(trial.failures), -trial.passed) < (len(than.failures), -than.passed))

    def candidates_of(cell: str) -> list[str]:
        return list(dict.fromkeys([*reread.get(cell.strip(), []), *candidates(cell)]))
    cells = [(i, j) for i, row in enumerate(table.rows) for j, c in enumerate(row) if candidates_of(c)]
    # suspects first: cells that are no clean figure, or that read otherwise when read again
    suspect = {(i, j) for i, j in cells if table.rows[i][j].strip() in reread
               or not re.fullmatch(r"-?[\d,]*\d(?:\.\d+)?", table.rows[i][j].strip())}
    # the baseline is this table's own parse (`reading` may come from another reader's rows)
    current, best_reading, parses = table, _parse(table, doc), 1
    fixes: list[str] = []
    while (best_reading.failures or best_reading.warnings) and parses < _MAX_PARSES:
        step = None
        tiers = [[c for c in cells if c in suspect], [c for c in cells if c not in suspect]]
        for i, j in (c for tier in tiers for c in tier):
            if step is not None and (i, j) not in suspect:
                break  # a suspect cell's fix comes first: the others are read only when none helps
            helping: dict[str, tuple[str, tuple[int, ...], Any]] = {}
            for value in candidates_of(current.rows[i][j]):
                for js in _spots(current.rows[i], j):
                    parses += 1
                    trial = _parse(_with(current, i, js, value), doc)
                    same = value.replace(",", "")  # 1,511.89 and 1511.89 are one reading
                    if better(trial, best_reading) and (same not in helping or better(trial, helping[same][2])):
                        helping[same] = (value, js, trial)
            ranked = sorted(helping.values(), key=lambda h: (len(h[2].failures), -h[2].passed, len(h[2].warnings)))
            top = [h for h in ranked if not better(ranked[0][2], h[2])]
            if len(top) > 1:  # sums close within rounding for several: a reading of the cell itself, not a guess
                read = {v.replace(",", "") for v in [*reread.get(current.rows[i][j].strip(), []),
                                                      _as_figure(current.rows[i][j].strip()) or ""] if v}
                top = [h for h in top if h[0].replace(",", "") in read]
            if len(top) == 1:  # the one best fix: no guess between two
                value, js, trial = top[0]
                if step is None or better(trial, step[3]):
                    step = (i, js, value, trial)
        if step is None:
            break
        i, js, value, trial = step
        fixes.extend(f"“{current.rows[i][j].strip()}”→“{value}”" for j in js)
        current, best_reading = _with(current, i, js, value), trial
        cells = [c for c in cells if not (c[0] == i and c[1] in js)]
    if best_reading.failures or best_reading.status != COMPLETE or not best_reading.passed or not fixes:
        return None
    return best_reading, fixes


def _sangong_open(reading: Any) -> list[str]:
    """The 三公 sums of an OCR'd reading that do not close (合计 = 出国 + 接待 + 公务用车; 公务用车 = 购置 + 运行).

    The table's own checks skip a sum whose column was not recognised; a figure read by OCR is
    proven only by a sum that covers it, so here every part a column did not give counts as 0."""
    by_stage: dict[str, dict[str, float]] = {}
    for row in reading.frames.get("sangong", []):
        if row.get("source", "table") == "table" and row.get("amount") is not None:
            by_stage.setdefault(row["stage"], {})[row["item"]] = float(row["amount"])
    out = []
    for stage, items in by_stage.items():
        vehicle = items.get("vehicle_total")
        if vehicle is None:
            vehicle = items.get("vehicle_purchase", 0.0) + items.get("vehicle_operation", 0.0)
        elif abs(vehicle - items.get("vehicle_purchase", 0.0) - items.get("vehicle_operation", 0.0)) > 0.015:
            out.append(f"{stage} 公务用车 {vehicle:g} ≠ 购置 + 运行")
        if "total" in items and abs(items["total"] - items.get("overseas", 0.0) - items.get("reception", 0.0)
                                    - vehicle) > 0.015:
            out.append(f"{stage} 合计 {items['total']:g} ≠ 出国 + 接待 + 公务用车 {vehicle:g}")
    return out


def proofread(reading: Any, table: Any, ocr_pages: list[int], doc: Any = None, path: Path | None = None) -> None:
    """A table read from OCR'd pages stays `complete` only when its own sums close (after digit fixes
    that close every sum, if any: the cells read again from the page image at `path`, else guessed)."""
    if not set(getattr(table, "pages", [])) & set(ocr_pages):
        return
    doubtful = bool(reading.failures or (reading.warnings and not reading.empty))
    reread = reread_cells(path, table) if doubtful and doc is not None and path is not None else {}
    if doubtful and doc is not None and (fixed := correct(reading, table, doc, reread)):
        better, fixes = fixed
        better.reason = (f"{better.reason}（OCR识别，按表内勾稽更正 {len(fixes)} 处识别错误："
                         + "、".join(fixes[:5]) + ("……" if len(fixes) > 5 else "") + "，合计校验闭合）")
        reading.__dict__.update({k: v for k, v in better.__dict__.items() if k not in ("listed", "seen_pages")})
        return
    from ingest.reading import _where

    if reading.failures:  # two readers of one OCR text layer agree on its misreadings: not "as printed"
        shown = "；".join(f.message() for f in reading.failures[:3])
        more = f"……（共 {len(reading.failures)} 处）" if len(reading.failures) > 3 else ""
        if reading.status == COMPLETE:
            reading.reason = f"{_where(table)}：OCR识别，表内合计不闭合（可能为识别错误，未更正）：{shown}{more}"
        else:
            reading.reason += "（OCR识别，不闭合处可能为识别错误，未更正）"
        reading.status = PARTIAL
        return
    if reading.status != COMPLETE:
        return
    if getattr(table, "family", "") == "sangong" and (open_sums := _sangong_open(reading)):
        reading.status = PARTIAL
        reading.reason = (f"{_where(table)}：OCR识别，三公合计与分项不闭合（可能为识别错误，未更正）："
                          + "；".join(open_sums))
        return
    if reading.empty:
        why = "OCR识别为空表，无合计可验证"
    elif not reading.passed:
        why = "OCR识别，无可验证的合计"
    else:
        reading.reason = f"{reading.reason}（OCR识别，{reading.passed} 项合计校验闭合）".strip()
        return
    reading.status = PARTIAL
    reading.reason = f"{reading.reason}；{why}" if reading.reason else why
