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

from fiscal import progress
from fiscal.schema import SCANNED_NOTE
from ingest.metadata import MetadataError, infer
from ingest.ocr_grid import Grid, grid_of, reread_grid
from ingest.ocr_hocr import (
    _ANGLE,
    _RULE,
    _STRAY,
    BAND_SCALE,
    LANGUAGES,
    PAGE_TIMEOUT_S,
    PSM,
    _latin_groups,
    clean_hocr,
    clean_word,
    reread_band,
    reread_latin,
)
from ingest.ocr_image import clean_for_ocr, read_lines, ruling_segments, skew_angle
from ingest.textlayer import MIN_PAGE_CHARS
from ingest.triage import triage

# Bump when the OCR output changes: the key of the cached OCR'd files.
OCR_VERSION = "1"
# Pages scanned coarser than this are upsampled first: Tesseract misreads small figures below it.
OVERSAMPLE_DPI = 300
# Pages OCR'd at once: $FISCAL_OCR_JOBS, else up to 2 (a shared machine keeps it at 1).
OCR_JOBS = int(os.environ.get("FISCAL_OCR_JOBS") or 0) or min(2, os.cpu_count() or 1)

# The cache key of OCR'd files: OCR_VERSION and the code of the OCR stage (`_OCR_STAGE`, filled
# below): a change to how pages are OCR'd re-OCRs; a change to the proof-reading does not.
_OCR_STAGE: list[Any] = []
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

# The title band of each cleaned page image handed to Tesseract (keyed by the image's pixels):
# filter_ocr_image still sees the ruling lines, generate_hocr only the cleaned image.
_BANDS: dict[bytes, int] = {}
# The ruling lines of each cleaned page image (its cells are read again where the page reading is unsure).
_GRIDS: dict[bytes, Grid] = {}


def _pixels_key(image: Image.Image) -> bytes:
    return hashlib.sha1(image.tobytes()).digest()


def title_band(image: Image.Image, dpi: float) -> int:
    """Pixel row of the first long horizontal ruling line (a table's top rule): the title, unit and
    code lines sit above it. 0 when the page has no such line (prose) or it is too near the top."""
    gray = np.asarray(image.convert("L"))
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    wide = max(60, int(gray.shape[1] * 0.3))
    mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (wide, 1)))
    rows = np.flatnonzero(mask.any(axis=1))
    if not rows.size or rows[0] < dpi * 0.25:
        return 0
    return int(rows[0])


@hookimpl
def filter_ocr_image(page: Any, image: Image.Image) -> Image.Image:  # noqa: ARG001
    """OCRmyPDF hook: what Tesseract sees (the PDF keeps the deskewed scan)."""
    dpi = image.info.get("dpi") or (200, 200)
    cleaned = clean_for_ocr(image, float(dpi[0] or 200))
    cleaned.info["dpi"] = dpi  # OCRmyPDF sizes the text layer by it
    key = _pixels_key(cleaned)
    if band := title_band(image, float(dpi[0] or 200)):
        _BANDS[key] = band
    _GRIDS[key] = grid_of(image, float(dpi[0] or 200))
    return cleaned



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
        hocr = clean_hocr(path.read_text(encoding="utf-8"))
        with Image.open(input_file) as im:
            key = _pixels_key(im)
            band, grid = _BANDS.pop(key, 0), _GRIDS.pop(key, None)
        if grid is not None:
            hocr = reread_grid(Path(input_file), hocr, grid)
        if band:
            hocr = reread_band(Path(input_file), hocr, band)
        path.write_text(reread_latin(Path(input_file), hocr), encoding="utf-8")



@hookimpl
def get_ocr_engine(options: Any) -> TesseractOcrEngine:  # noqa: ARG001
    """OCRmyPDF hook: our Tesseract."""
    return CleanTesseract()


_ocr_of = ""  # the name of the file this process is OCR'ing (a worker OCRs one file at a time)


class PageProgress:
    """OCRmyPDF progress: one line per page OCR'd."""

    def __init__(self, *, total: float | None = None, desc: str = "", unit: str = "", disable: bool = False,
                 **_: Any) -> None:
        self.total, self.desc, self.done, self.printed = int(total or 0), desc, 0.0, 0
        self.name = _ocr_of
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
        progress.report(self.name, self.printed, self.total)


@hookimpl
def get_progressbar_class() -> type:
    """OCRmyPDF hook: PageProgress."""
    return PageProgress


# ---------------------------------------------------------------- the ingest's entry points

def _code_key() -> bytes:
    """OCR_VERSION, the OCR settings and the source of the OCR stage (what the cached files depend on)."""
    import inspect

    from ingest import ocr_grid

    h = hashlib.sha256(f"{OCR_VERSION}|{LANGUAGES}|{OVERSAMPLE_DPI}|{PSM}|{MIN_PAGE_CHARS}|{BAND_SCALE}".encode())
    for part in (clean_for_ocr, filter_ocr_image, clean_word, clean_hocr, CleanTesseract, reread_latin, _latin_groups,
                 reread_band, title_band,
                 skew_angle, ocr_pdf,
                 ruling_segments, read_lines, add_rulings, _STRAY, _RULE, str(_ANGLE), ocr_grid):
        h.update(part.encode() if isinstance(part, str) else inspect.getsource(part).encode())
    return h.digest()


def cache_root() -> Path:
    """The OCR cache folder: $FISCAL_OCR_CACHE, else <tmp>/fiscal-ocr."""
    return Path(os.environ.get("FISCAL_OCR_CACHE") or Path(tempfile.gettempdir()) / "fiscal-ocr")


def _cache_path(path: Path, data: bytes) -> Path:
    """Where the OCR'd copy of these bytes lives (same file name: the metadata reads it)."""
    global _CODE_KEY
    _CODE_KEY = _CODE_KEY or _code_key()
    key = hashlib.sha256(data + _CODE_KEY).hexdigest()[:24]
    return cache_root() / key / path.name


_CODE_KEY = b""
# The OCR cache is bounded: past this many bytes the least recently used entries go first.
CACHE_MAX_BYTES = int(float(os.environ.get("FISCAL_OCR_CACHE_MB", "2048")) * 1024 * 1024)


def evict(root: Path | None = None, max_bytes: int | None = None, keep: Path | None = None) -> list[Path]:
    """Remove the least recently used cache entries until the cache fits `max_bytes`; the removed entries.

    An entry is one key folder; its age is its newest file's mtime (a cache hit touches it). `keep`
    (the entry just written or read) is never removed.
    """
    import shutil

    root = root or cache_root()
    limit = CACHE_MAX_BYTES if max_bytes is None else max_bytes
    if not root.is_dir():
        return []
    entries = []
    for folder in root.iterdir():
        if not folder.is_dir():
            continue
        files = [f for f in folder.iterdir() if f.is_file()]
        size = sum(f.stat().st_size for f in files)
        used = max((f.stat().st_mtime for f in files), default=folder.stat().st_mtime)
        entries.append((used, size, folder))
    total = sum(e[1] for e in entries)
    removed = []
    for _used, size, folder in sorted(entries, key=lambda e: e[0]):
        if total <= limit:
            break
        if keep is not None and folder == keep:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        total -= size
        removed.append(folder)
    return removed


def ocr_pdf(src: Path, dest: Path, pages: list[int], jobs: int | None = None) -> None:
    """Write src with a Tesseract text layer on `pages` (deskewed, cleaned for OCR) to dest."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(f".{os.getpid()}.{dest.name}.part")
    try:
        ocrmypdf.ocr(
            src, part, language=LANGUAGES, pages=",".join(str(p) for p in pages), mode="force", deskew=True,
            rasterizer="pypdfium", output_type="pdf", optimize=0, jobs=jobs or OCR_JOBS,
            use_threads=True, progress_bar=False, oversample=OVERSAMPLE_DPI, tesseract_pagesegmode=PSM,
            plugins=[__name__], tesseract_timeout=PAGE_TIMEOUT_S,
        )
        add_rulings(part, pages)
        part.replace(dest)
    finally:
        part.unlink(missing_ok=True)


# ---------------------------------------------------------------- ruling lines for Camelot

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
        global _ocr_of
        _ocr_of = path.name
        progress.report(path.name, 0, len(pages))
        try:
            ocr_pdf(path, out, pages)
        except (ocrmypdf.exceptions.ExitCodeException, OSError) as exc:
            console.print(f"[red]OCR 失败[/] {path.name}: {type(exc).__name__}: {exc}")
            return None
        finally:
            progress.finished()
        console.print(f"[cyan]OCR[/] {path.name}: {time.perf_counter() - started:.1f} s")
    else:
        os.utime(out)  # a hit: the entry is recently used
    evict(keep=out.parent)
    new_bytes = out.read_bytes()
    new_texts = tidy_texts(page_texts(new_bytes))
    from ingest.ocr_titles import mend_titles, reread_lost_titles

    new_texts = tidy_prose(reread_lost_titles(out, mend_titles(new_texts, pages), pages))
    read = sum(len(new_texts[p - 1].strip()) for p in pages if p <= len(new_texts))
    if read < MIN_PAGE_CHARS * len(pages) or not _worth_reading(new_texts, path.name):
        return None
    return out, new_bytes, new_texts, pages


def tidy_texts(texts: list[str]) -> list[str]:
    """OCR page texts with their 单位 lines as printed ("单位 ; 元" → "单位：元"): the colon is a speck OCR
    reads as ; , . or drops, and the unit of every table on the page hangs on it."""
    from ingest.ocr_sums import UNIT_LINE

    return [UNIT_LINE.sub(lambda m: "单位：" + "".join(m.group(1).split()), t) for t in texts]


# OCR prose spaces out Chinese (三 公, 因公出国 ( 境 ) 费, 万元 , 占) and splits a decimal after its point
# (20849. 45 万元): closed up, the sentences read as the printed text does (prose.SANGONG_PATTERNS, the rules).
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff()（）“”\"、，。：；,:;])[ \t]+(?=[\u4e00-\u9fff()（）“”\"、，。：；,:;])")
_SPLIT_DECIMAL = re.compile(r"(?<=\d)\.[ \t]+(?=\d{1,2}(?![\d.]))")
# A page of sentences: at least this many full stops (a table page prints none or a note's one or two) …
PROSE_STOPS = 3


def tidy_prose(texts: list[str]) -> list[str]:
    """OCR page texts with the prose pages (no table family, PROSE_STOPS full stops) closed up as printed:
    no space between Chinese characters and their punctuation, a decimal split after its point joined.
    Table pages keep their spaces: they part the cells (and the 部门 line's pieces, ingest.ocr_meta)."""
    families = {p.number for p in triage(texts) if p.family}
    return [_SPLIT_DECIMAL.sub(".", _CJK_GAP.sub("", t)) if n not in families and t.count("。") >= PROSE_STOPS else t
            for n, t in enumerate(texts, start=1)]


def _worth_reading(texts: list[str], name: str) -> bool:
    """OCR text that shows a known table or names an agency; a scan showing neither stays quarantined.

    A table without an agency is read on: the uploader's overrides (or the file name) may name it, and
    the metadata stage says what is missing."""
    try:
        infer(texts, name, {})
    except MetadataError:
        return any(p.family for p in triage(texts))
    return True


def note(pages: list[int]) -> str:
    """The document warning that says which pages were read by OCR."""
    shown = "、".join(str(p) for p in pages[:20]) + ("……" if len(pages) > 20 else "")
    return (f"{SCANNED_NOTE}第{shown}页经OCR识别（共 {len(pages)} 页），表格仅在合计校验闭合时视为完整"
            f" / OCR'd pages: {len(pages)}")


# The proof-reading of OCR'd tables (ingest.ocr_proof, ocr_cells, ocr_labels), under the names the ingest calls.
from ingest.ocr_cells import reread_cells  # noqa: E402
from ingest.ocr_labels import mend_header  # noqa: E402
from ingest.ocr_proof import candidates, correct, proofread  # noqa: E402

__all__ = ["candidates", "correct", "mend_header", "proofread", "reread_cells"]
