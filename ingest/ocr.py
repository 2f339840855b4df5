"""OCR for scanned pages: a Tesseract text layer under the page image, then the normal path.

A page without a usable text layer is deskewed and OCR'd by OCRmyPDF (Tesseract,
chi_sim + eng, traineddata from the Debian packages: nothing is downloaded at run
time). Tesseract sees a cleaned copy of the page — red seal ink, ruling lines and
isolated specks removed — while the PDF keeps the deskewed page image, with the ruling
lines seen on it drawn in as PDF lines, so Camelot lattice finds the grid and reads the
invisible words placed on it. A figure read by OCR is never trusted on its own: a table
from an OCR'd page is `complete` only when its own sums close (`proofread`), if need be
after digit fixes (`correct`) that are the only fix of their cell and close every sum.
OCR'd files are cached by content under $FISCAL_OCR_CACHE (default: <tmp>/fiscal-ocr).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import ocrmypdf
import pypdfium2 as pdfium
from ocrmypdf import hookimpl
from ocrmypdf.builtin_plugins.tesseract_ocr import TesseractOcrEngine
from PIL import Image
from rich.console import Console

from ingest.metadata import MetadataError, infer
from ingest.reading import COMPLETE, PARTIAL
from ingest.triage import triage

# Bump when the OCR output changes: the key of the cached OCR'd files.
OCR_VERSION = "1"
LANGUAGES = ["chi_sim", "eng"]
# A page with fewer text characters than this has no usable text layer.
MIN_PAGE_CHARS = 15
# Pages scanned coarser than this are upsampled first: Tesseract misreads small figures below it.
OVERSAMPLE_DPI = 300
# Tesseract page segmentation: sparse text, every cell of a table its own block (a uniform-block
# reading mixes the lines of a multi-line header; a column layout drops whole amount columns).
PSM = 11
# Tesseract may not spend longer than this on one page (seconds).
PAGE_TIMEOUT_S = 120.0

# The cache key of OCR'd files: this module's code as loaded (a change to it re-OCRs).
_CODE_KEY = OCR_VERSION.encode() + hashlib.sha256(Path(__file__).read_bytes()).digest()
console = Console(stderr=True, highlight=False)
logging.getLogger("ocrmypdf").setLevel(logging.ERROR)  # its notes (fonts, sizes) are not the ingest's to print


def _guard_camelot() -> None:
    """Camelot's split_text fails (IndexError) on a text line level with a table row but beside it.

    OCR puts such lines on the page (a word read from a margin speck); skipping them loses
    no cell text, so they are skipped instead of failing the whole document.
    """
    import camelot.utils as cu

    for name in ("_process_horizontal_cut", "_process_vertical_cut"):
        original = getattr(cu, name, None)
        if original is None or getattr(original, "_guarded", False):
            continue

        def guarded(table: Any, textline: Any, bbox: Any, _original: Any = original) -> list[Any]:
            try:
                cut: list[Any] = _original(table, textline, bbox)
                return cut
            except IndexError:
                return []
        guarded._guarded = True  # type: ignore[attr-defined]
        setattr(cu, name, guarded)


_guard_camelot()


def pages_to_read(texts: list[str]) -> list[int]:
    """The 1-based pages whose text layer is too thin to read."""
    return [i for i, t in enumerate(texts, start=1) if len(t.strip()) < MIN_PAGE_CHARS]


# ---------------------------------------------------------------- the image Tesseract sees

def clean_for_ocr(image: Image.Image, dpi: float = 200.0) -> Image.Image:
    """Grey page without red ink (seals), ruling lines and isolated specks; strokes kept."""
    rgb = np.asarray(image.convert("RGB")).astype(np.int16)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    red = (r > 110) & (r - np.maximum(g, b) > 45)
    gray = np.asarray(image.convert("L")).copy()
    gray[red] = 255
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    # ruling lines: long thin runs; Tesseract reads them as | and _ glued to the figures
    # longer than a stroke of a title character, and than the strokes of bold characters that meet along
    # their baseline (short rules left over read as | and are dropped)
    kh, kv = max(60, int(dpi * 1.0)), max(30, int(dpi * 0.5))
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (kh, 1)))
    lines = cv2.bitwise_or(lines, cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                                                   cv2.getStructuringElement(cv2.MORPH_RECT, (1, kv))))
    lines = cv2.dilate(lines, np.ones((3, 3), np.uint8))
    gray[lines > 0] = 255
    ink[lines > 0] = 0
    # specks: small blobs far from any stroke (a decimal point sits next to its digits)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] < (dpi / 100) ** 2 * 6
    small[0] = False
    if small.any():
        big = np.isin(labels, np.flatnonzero(~small)[1:]).astype(np.uint8)
        reach = max(3, int(dpi * 0.05))
        near = cv2.dilate(big, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * reach + 1, 2 * reach + 1)))
        touching = np.unique(labels[(near > 0) & (labels > 0)])
        lonely = np.setdiff1d(np.flatnonzero(small), touching)
        gray[np.isin(labels, lonely)] = 255
    return Image.fromarray(gray, mode="L")


@hookimpl
def filter_ocr_image(page: Any, image: Image.Image) -> Image.Image:  # noqa: ARG001
    """OCRmyPDF hook: what Tesseract sees (the PDF keeps the deskewed scan)."""
    dpi = image.info.get("dpi") or (200, 200)
    cleaned = clean_for_ocr(image, float(dpi[0] or 200))
    cleaned.info["dpi"] = dpi  # OCRmyPDF sizes the text layer by it
    return cleaned


# ---------------------------------------------------------------- Tesseract's words

# Marks Tesseract reads from dust or ruling lines next to a figure.
_STRAY = "‘’“”'\"|｜!！。，、:;：；_~`^*«»¦[]{}"
_RULE = "|｜¦[]_~`'‘’\"!！"
_WORD = re.compile(r"(<span class='ocrx_word'[^>]*>)(.*?)(</span>)", re.S)
_TAG = re.compile(r"<[^>]+>")


def clean_word(word: str) -> str:
    """A word that is a figure with stray marks around it, as the figure; other words unchanged."""
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


class CleanTesseract(TesseractOcrEngine):
    """Tesseract whose hOCR words are cleaned of stray marks before the text layer is drawn."""

    @staticmethod
    def get_deskew(input_file: Path, options: Any) -> float:  # noqa: ARG004
        """The skew from the page's own lines (more exact than Tesseract's layout pass, and cheaper)."""
        with Image.open(input_file) as im:
            return skew_angle(im)

    @staticmethod
    def generate_hocr(input_file: Path, output_hocr: Path, output_text: Path, options: Any) -> None:
        TesseractOcrEngine.generate_hocr(input_file, output_hocr, output_text, options)  # type: ignore[no-untyped-call]
        path = Path(output_hocr)
        path.write_text(clean_hocr(path.read_text(encoding="utf-8")), encoding="utf-8")


def skew_angle(image: Image.Image, limit: float = 3.0) -> float:
    """Degrees to rotate the page (counter-clockwise, as PIL) so its text lines and rules are level."""
    small = image.convert("L")
    small.thumbnail((1600, 1600))
    ink = Image.fromarray(np.where(np.asarray(small) < 160, 255, 0).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST)).sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())  # level lines make the row profile jump

    best = max(np.arange(-limit, limit + 1e-9, 0.1), key=sharpness)
    return float(max(np.arange(best - 0.1, best + 0.1 + 1e-9, 0.02), key=sharpness))


@hookimpl
def get_ocr_engine(options: Any) -> TesseractOcrEngine:  # noqa: ARG001
    """OCRmyPDF hook: our Tesseract."""
    return CleanTesseract()


class PageProgress:
    """OCRmyPDF progress: one line per page OCR'd."""

    def __init__(self, *, total: float | None = None, desc: str = "", unit: str = "", disable: bool = False,
                 **_: Any) -> None:
        self.total, self.desc, self.done, self.printed = int(total or 0), desc, 0.0, 0
        self.started = time.perf_counter()

    def __enter__(self) -> PageProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: float = 1, *, completed: float | None = None) -> None:
        """Called by OCRmyPDF as pages finish."""
        if self.desc != "OCR":
            return
        self.done = completed if completed is not None else self.done + n
        while self.printed < int(self.done + 1e-6):
            self.printed += 1
            elapsed = time.perf_counter() - self.started
            console.print(f"  [cyan]OCR[/] 第 {self.printed}/{self.total} 页  {elapsed:.1f} s")


@hookimpl
def get_progressbar_class() -> type:
    """OCRmyPDF hook: PageProgress."""
    return PageProgress


# ---------------------------------------------------------------- the ingest's entry points

def _cache_path(path: Path, data: bytes) -> Path:
    """Where the OCR'd copy of these bytes lives (same file name: the metadata reads it)."""
    key = hashlib.sha256(data + _CODE_KEY).hexdigest()[:24]
    root = Path(os.environ.get("FISCAL_OCR_CACHE") or Path(tempfile.gettempdir()) / "fiscal-ocr")
    return root / key / path.name


def ocr_pdf(src: Path, dest: Path, pages: list[int], jobs: int | None = None) -> None:
    """Write src with a Tesseract text layer on `pages` (deskewed, cleaned for OCR) to dest."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(f".{os.getpid()}.{dest.name}.part")
    try:
        ocrmypdf.ocr(
            src, part, language=LANGUAGES, pages=",".join(str(p) for p in pages), mode="force", deskew=True,
            rasterizer="pypdfium", output_type="pdf", optimize=0, jobs=jobs or min(2, os.cpu_count() or 1),
            use_threads=True, progress_bar=False, oversample=OVERSAMPLE_DPI, tesseract_pagesegmode=PSM,
            plugins=[__name__], tesseract_timeout=PAGE_TIMEOUT_S,
        )
        add_rulings(part, pages)
        part.replace(dest)
    finally:
        part.unlink(missing_ok=True)


# ---------------------------------------------------------------- ruling lines for Camelot

def ruling_segments(image: Image.Image, dpi: float) -> list[tuple[float, float, float, float]]:
    """The ruling lines of a page image: (x0, y0, x1, y1) in pixels, top-left origin."""
    gray = np.asarray(image.convert("L"))
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    # longer than a run of bold header characters; a header cell's rule is at least one text line tall
    kh, kv, thick = max(20, int(dpi * 0.6)), max(10, int(dpi * 0.2)), dpi * 0.05
    out = []
    for kernel, horizontal in (((kh, 1), True), ((1, kv), False)):
        mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for x, y, w, h, _area in stats[1:]:
            if horizontal and h <= thick + w * 0.01:
                out.append((float(x), y + h / 2, float(x + w), y + h / 2))
            elif not horizontal and w <= thick + h * 0.01:
                out.append((x + w / 2, float(y), x + w / 2, float(y + h)))
    return out


def add_rulings(pdf_path: Path, pages: list[int], dpi: float = 150.0) -> None:
    """Draw the ruling lines seen on each OCR'd page image as PDF lines, so Camelot lattice reads
    the grid as it reads a born-digital table (the 'vector' engine, no line-length threshold)."""
    import pikepdf  # OCRmyPDF's own dependency

    doc = pdfium.PdfDocument(str(pdf_path))
    drawn: dict[int, bytes] = {}
    try:
        for number in pages:
            page = doc[number - 1]
            height = page.get_height()
            x_off, y_off = page.get_mediabox()[:2]
            image = page.render(scale=dpi / 72).to_pil()
            page.close()
            k, ext = 72 / dpi, 1.5  # pixels → points; lines reach a little past their ends to meet
            ops = ["q 0 G 0.5 w 0 J"]
            for x0, y0, x1, y1 in ruling_segments(image, dpi):
                ax, ay, bx, by = x_off + x0 * k, y_off + height - y0 * k, x_off + x1 * k, y_off + height - y1 * k
                if ay == by:
                    ax, bx = ax - ext, bx + ext
                else:
                    ay, by = ay + ext, by - ext
                ops.append(f"{ax:.2f} {ay:.2f} m {bx:.2f} {by:.2f} l S")
            if len(ops) > 1:
                drawn[number] = ("\n".join(ops) + "\nQ\n").encode()
    finally:
        doc.close()
    if not drawn:
        return
    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        for number, stream in drawn.items():
            page = pdf.pages[number - 1]
            page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
            page.contents_add(pikepdf.Stream(pdf, b"Q\n" + stream), prepend=False)
        pdf.save(pdf_path)


def page_texts(pdf_bytes: bytes) -> list[str]:
    """The text of every page (pypdfium2), as the ingest reads it."""
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        out = []
        for page in pdf:
            tp = page.get_textpage()
            out.append(tp.get_text_range())
            tp.close()
            page.close()
        return out
    finally:
        pdf.close()


def make_readable(path: Path, data: bytes, texts: list[str]) -> tuple[Path, bytes, list[str], list[int]] | None:
    """The OCR'd file, its bytes, its page texts and the OCR'd pages; None when OCR finds no text."""
    pages = pages_to_read(texts)
    if not pages:
        return None
    out = _cache_path(path, data)
    started = time.perf_counter()
    if not out.exists():
        console.print(f"[cyan]OCR[/] {path.name}: {len(pages)} 页无文字层，识别中 / OCR of {len(pages)} page(s)")
        try:
            ocr_pdf(path, out, pages)
        except (ocrmypdf.exceptions.ExitCodeException, OSError) as exc:
            console.print(f"[red]OCR 失败[/] {path.name}: {type(exc).__name__}: {exc}")
            return None
        console.print(f"[cyan]OCR[/] {path.name}: {time.perf_counter() - started:.1f} s")
    new_bytes = out.read_bytes()
    new_texts = page_texts(new_bytes)
    read = sum(len(new_texts[p - 1].strip()) for p in pages if p <= len(new_texts))
    if read < MIN_PAGE_CHARS * len(pages) or not _worth_reading(new_texts, path.name):
        return None
    return out, new_bytes, new_texts, pages


def _worth_reading(texts: list[str], name: str) -> bool:
    """OCR text that names an agency and shows a known table (else the scan stays quarantined)."""
    try:
        meta = infer(texts, name, {})
    except MetadataError:
        return False
    return any(p.family for p in triage(texts, meta.doc_kind))


def note(pages: list[int]) -> str:
    """The document warning that says which pages were read by OCR."""
    shown = "、".join(str(p) for p in pages[:20]) + ("……" if len(pages) > 20 else "")
    return (f"扫描件：第{shown}页经OCR识别（共 {len(pages)} 页），表格仅在合计校验闭合时视为完整"
            f" / OCR'd pages: {len(pages)}")


# Digits Tesseract confuses in small print; a figure is changed only when every sum then closes.
_CONFUSED = {"0": "689", "1": "74", "3": "85", "4": "1", "5": "63", "6": "058", "7": "1", "8": "0369", "9": "08"}
_MAX_PARSES = 1500


def candidates(cell: str) -> list[str]:
    """Other readings of an OCR'd amount: the decimal point it lost, one confusable digit."""
    text = " ".join(cell.split())
    if not re.fullmatch(r"[\d., ]*\d[\d., ]*", text) or len(text) > 16:
        return []
    out = []
    if m := re.fullmatch(r"(\d+) (\d{2})", text):  # "367 04": the point between the groups was lost
        out.append(f"{m.group(1)}.{m.group(2)}")
    if re.fullmatch(r"\d{3,}", text):  # "36704"
        out.append(f"{text[:-2]}.{text[-2:]}")
    for k, ch in enumerate(text):
        out.extend(text[:k] + alt + text[k + 1:] for alt in _CONFUSED.get(ch, ""))
    return [c for c in dict.fromkeys(out) if c != text]


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


def correct(reading: Any, table: Any, doc: Any) -> tuple[Any, list[str]] | None:
    """Cell fixes that make every sum of the table close, each the only fix of its cell; else None."""
    from ingest.reading import _parse  # the same parse and checks as the first reading

    if not reading.failures or reading.empty:
        return None
    cells = [(i, j) for i, row in enumerate(table.rows) for j, c in enumerate(row) if candidates(c)]
    current, best_reading, parses = table, reading, 0
    fixes: list[str] = []
    while best_reading.failures and parses < _MAX_PARSES:
        step = None
        for i, j in cells:
            helping: dict[str, tuple[tuple[int, ...], Any]] = {}
            for value in candidates(current.rows[i][j]):
                for js in _spots(current.rows[i], j):
                    parses += 1
                    trial = _parse(_with(current, i, js, value), doc)
                    if (len(trial.failures) < len(best_reading.failures) and trial.rows >= best_reading.rows
                            and len(trial.warnings) <= len(best_reading.warnings)
                            and (value not in helping or len(trial.failures) < len(helping[value][1].failures))):
                        helping[value] = (js, trial)
            if len(helping) == 1:  # one fix for this cell: no guess between two
                value, (js, trial) = next(iter(helping.items()))
                if step is None or len(trial.failures) < len(step[3].failures):
                    step = (i, js, value, trial)
        if step is None:
            return None
        i, js, value, trial = step
        fixes.extend(f"“{current.rows[i][j].strip()}”→“{value}”" for j in js)
        current, best_reading = _with(current, i, js, value), trial
        cells = [c for c in cells if not (c[0] == i and c[1] in js)]
    if best_reading.failures or best_reading.status != COMPLETE:
        return None
    return best_reading, fixes


def proofread(reading: Any, table: Any, ocr_pages: list[int], doc: Any = None) -> None:
    """A table read from OCR'd pages stays `complete` only when its own sums close (after digit fixes
    that close every sum, if any)."""
    if not set(getattr(table, "pages", [])) & set(ocr_pages):
        return
    if reading.failures and doc is not None and (fixed := correct(reading, table, doc)):
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
    if reading.empty:
        why = "OCR识别为空表，无合计可验证"
    elif not reading.passed:
        why = "OCR识别，无可验证的合计"
    else:
        reading.reason = f"{reading.reason}（OCR识别，{reading.passed} 项合计校验闭合）".strip()
        return
    reading.status = PARTIAL
    reading.reason = f"{reading.reason}；{why}" if reading.reason else why
