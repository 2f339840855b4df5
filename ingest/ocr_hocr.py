"""Tesseract's words on an OCR'd page: cleaned of stray marks, and lines it misread read again.

A figure's word loses the marks dust and ruling lines put beside it (`clean_hocr`); the title band
above a table's top rule is read again as Chinese alone (`reread_band`), and so are runs of words
read as Latin junk (`reread_latin`).
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from ingest.ocr_image import read_lines, tesseract_env

LANGUAGES = ["chi_sim", "eng"]
# Tesseract page segmentation: sparse text, every cell of a table its own block (a uniform-block
# reading mixes the lines of a multi-line header; a column layout drops whole amount columns).
PSM = 11
# The title band is read at this fraction of the page's resolution (≈150 dpi): Tesseract's Chinese
# model misreads title-sized characters at 300 dpi (坟出决生表 for 支出决算表) and reads them at 150.
BAND_SCALE = 0.5
# Tesseract may not spend longer than this on one page (seconds).
PAGE_TIMEOUT_S = 120.0

# Marks Tesseract reads from dust or ruling lines next to a figure.
_STRAY = "‘’“”'\"|｜!！。，、:;：；_~`^*«»¦[]{}"
_RULE = "|｜¦[]_~`'‘’\"!！"
# Angle brackets Tesseract reads for the full-width parentheses of a title (budget tables print none).
_ANGLE = str.maketrans({"〈": "（", "〉": "）"})
_WORD = re.compile(r"(<span class='ocrx_word'[^>]*>)(.*?)(</span>)", re.S)
_TAG = re.compile(r"<[^>]+>")


def clean_word(word: str) -> str:
    """A word that is a figure with stray marks around it, as the figure; other words unchanged."""
    word = word.translate(_ANGLE)  # 〈功能科目 ) : the title's brackets as printed
    core = word.strip(_STRAY + " ")
    if not core and word.strip(_RULE + " ") == "":
        return ""  # a ruling line read as a character
    if not core or not any(c.isdigit() for c in core):
        return word
    if re.fullmatch(r"[-(]?[\d.,]+\)?%?", core):
        return core.rstrip(",，") or core
    return word


def clean_hocr(hocr: str) -> str:
    """clean_word over every word of a Tesseract hOCR page."""
    def fix(m: re.Match[str]) -> str:
        inner = m.group(2)
        if _TAG.search(inner):  # styled word (<strong> …): leave it
            return m.group(0)
        return m.group(1) + clean_word(inner) + m.group(3)
    return _WORD.sub(fix, hocr)



_CAREA = re.compile(r"<div class='ocr_carea'.*?</div>", re.S)


def reread_band(image_path: Path, hocr: str, band: int) -> str:
    """The lines above the table (title, unit, code) read again as Chinese alone, on their own.

    On a whole page Tesseract (chi_sim+eng, sparse) reads a short title line as Latin junk or drops
    it; cropped to the band above the table's top rule it reads it. The page's words in the band
    give way to the band's.
    """
    with Image.open(image_path) as im, tempfile.TemporaryDirectory(prefix="ocr-band-") as tmp:
        dpi = im.info.get("dpi", (300, 300))[0] or 300
        crop = Path(tmp) / "band.png"
        grey = np.asarray(im.convert("L").crop((0, 0, im.width, band)))
        grey = cv2.resize(grey, None, fx=BAND_SCALE, fy=BAND_SCALE, interpolation=cv2.INTER_AREA)
        Image.fromarray(grey).save(crop, dpi=(dpi * BAND_SCALE, dpi * BAND_SCALE))
        try:
            run = subprocess.run(["tesseract", str(crop), str(Path(tmp) / "band"), "-l", LANGUAGES[0], "--psm",
                                  str(PSM), "--dpi", str(int(dpi * BAND_SCALE)), "hocr"], capture_output=True,
                                 text=True, timeout=PAGE_TIMEOUT_S, env=tesseract_env())
            band_hocr = (Path(tmp) / "band.hocr").read_text(encoding="utf-8")
        except (OSError, subprocess.SubprocessError):
            return hocr
        if run.returncode != 0:
            return hocr
    band_hocr = re.sub(r"bbox (\d+) (\d+) (\d+) (\d+)", lambda m: "bbox " + " ".join(
        str(round(int(v) / BAND_SCALE)) for v in m.groups()), band_hocr)  # back to the page's pixels
    areas = [clean_hocr(a).replace("id='", "id='band_") for a in _CAREA.findall(band_hocr)]
    if not any(_CJK.search(_TAG.sub("", a)) for a in areas):
        return hocr

    def drop(m: re.Match[str]) -> str:  # a page word whose middle lies in the band
        box = _BBOX.search(m.group(1))
        if box is None or (int(box.group(2)) + int(box.group(4))) / 2 >= band:
            return m.group(0)
        return m.group(1) + m.group(3)
    hocr = _WORD.sub(drop, hocr)
    at = hocr.find("<div class='ocr_carea'")
    if at < 0:
        return hocr
    return hocr[:at] + "\n".join(areas) + "\n" + hocr[at:]


_BBOX = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+)")
_LATIN = re.compile(r"[A-Za-z]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _latin_groups(hocr: str) -> list[list[tuple[int, int, tuple[int, int, int, int]]]]:
    """Runs of neighbouring words read as Latin letters: (start, end, bbox) of each word's span."""
    groups: list[list[tuple[int, int, tuple[int, int, int, int]]]] = []
    last_end = -1
    for m in _WORD.finditer(hocr):
        box = _BBOX.search(m.group(1))
        if box is None or _TAG.search(m.group(2)) or not _LATIN.search(m.group(2)):
            last_end = -1 if m.group(2).strip() else last_end
            continue
        x0, y0, x1, y1 = (int(v) for v in box.groups())
        if groups and last_end >= 0:
            px0, py0, px1, py1 = groups[-1][-1][2]
            same_line = min(y1, py1) - max(y0, py0) > 0.5 * min(y1 - y0, py1 - py0)
            if same_line and x0 - px1 < max(y1 - y0, py1 - py0):
                groups[-1].append((m.start(), m.end(), (x0, y0, x1, y1)))
                last_end = m.end()
                continue
        groups.append([(m.start(), m.end(), (x0, y0, x1, y1))])
        last_end = m.end()
    return groups


def reread_latin(image_path: Path, hocr: str) -> str:
    """Words read as Latin letters, read again as Chinese alone (chi_sim+eng reads many short Chinese
    lines, table titles above all, as Latin junk: 收入决算表 → "KARE AR"); kept when Chinese comes back."""
    groups = _latin_groups(hocr)
    if not groups:
        return hocr
    with Image.open(image_path) as im:
        dpi = im.info.get("dpi", (300, 300))[0] or 300
        crops = []
        for group in groups:
            x0 = min(b[0] for _, _, b in group)
            y0 = min(b[1] for _, _, b in group)
            x1 = max(b[2] for _, _, b in group)
            y1 = max(b[3] for _, _, b in group)
            pad = max(4, (y1 - y0) // 3)
            crops.append(im.crop((max(0, x0 - pad), max(0, y0 - pad), min(im.width, x1 + pad),
                                  min(im.height, y1 + pad))))
    texts = read_lines(crops, dpi, LANGUAGES[0], PAGE_TIMEOUT_S)
    if texts is None:
        return hocr
    edits: list[tuple[int, int, str]] = []
    for group, text in zip(groups, texts, strict=False):
        text = "".join(text.split()).strip(_STRAY)
        if not _CJK.search(text) or _LATIN.search(text):
            continue
        for n, (start, end, _) in enumerate(group):
            m = _WORD.match(hocr, start, end)
            if m is not None:
                edits.append((start, end, m.group(1) + (html.escape(text) if n == 0 else "") + m.group(3)))
    for start, end, span in reversed(edits):
        hocr = hocr[:start] + span + hocr[end:]
    return hocr

