"""Watermark text drawn over the pages (an office's "…公开" rotated across each page), which lands in table cells.

A table's own text is never rotated by other than a multiple of 90°, so text whose baseline is slanted is a
watermark: drawn directly in the page content or as a Form XObject (pikepdf's `add_overlay`, Acrobat's
"Add Watermark"). The ingest reads a working copy without it (pdfium takes those page objects off and writes
the page content anew); the stored source stays the file as published, the pages and every other object keep
their coordinates. A clean file is not copied. A /Watermark annotation needs nothing: neither pdfminer
(Camelot) nor pdfium's text page reads annotations.
"""

from __future__ import annotations

import io
import math
import re
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

NOTE = "PDF带有水印文字，按去除水印的副本读取 / watermarked PDF read from a copy without the watermark text"

# sin of the smallest slant taken for a watermark: tables' text is at 0°/90° up to rounding in the matrix
_SLANT = math.sin(math.radians(3))
# a matrix operator (cm, Tm) in a content stream; its six operands precede it, the first two are the direction
# of the baseline. Found by the operator and read backwards: a regex over the operands would try every byte
_MATRIX = re.compile(rb"\s(?:cm|Tm)(?!\w)")


def cleaned(data: bytes) -> bytes | None:
    """The PDF without its watermark text; None when it has none (or cannot be read: the ingest says why)."""
    if b"%PDF-" not in data[:1024]:
        return None
    try:
        return _cleaned(data) if _suspect(data) else None
    except Exception:  # a malformed file the probe or pdfium trips on is read as it is, as before
        return None


def _cleaned(data: bytes) -> bytes | None:
    """The copy without the slanted text of every page; None when there is none (a slanted picture only)."""
    pdf = pdfium.PdfDocument(data)
    try:
        if not sum(_watermarked(pdf, n) for n in range(len(pdf))):
            return None
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
    finally:
        pdf.close()


def _suspect(data: bytes) -> bool:
    """Whether the first, second or middle page draws through a slanted matrix (or Acrobat marks a watermark)."""
    # a watermark is printed on every page (a Word header's maybe not on the cover), so those pages find it;
    # pikepdf reads their content streams without loading fonts as pdfium would (a few ms for a clean file)
    if b"/Watermark" in data:  # Acrobat names it in its form's /PieceInfo, never compressed (a stream dictionary)
        return True
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, pikepdf.PasswordError):  # needs a password, or not a PDF pikepdf reads
        return False
    with pdf:
        count = len(pdf.pages)
        return any(_slanted_page(pdf.pages[n].obj) for n in sorted({0, 1, count // 2}) if n < count)


def _slanted_page(page: Any) -> bool:
    """Whether the page (a pikepdf dictionary) draws through a slanted matrix, in its content or its forms'."""
    import pikepdf

    contents = page.get("/Contents")
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents else []
    holder = page
    while "/Resources" not in holder and "/Parent" in holder:  # inherited from the page tree
        holder = holder.Parent
    xobjects = holder.get("/Resources", {}).get("/XObject", {})
    forms = [x for x in xobjects.values() if x.get("/Subtype") == "/Form"]
    if any(_is_slanted(tuple(float(v) for v in form.get("/Matrix", [1, 0])[:2])) for form in forms):
        return True  # the form's own matrix turns all it draws
    return any(_slanted_content(stream.read_bytes()) for stream in streams + forms)


def _slanted_content(content: bytes) -> bool:
    """Whether a content stream sets a slanted matrix."""
    for match in _MATRIX.finditer(content):
        operands = content[max(0, match.start() - 120):match.start()].split()[-6:]
        try:
            if len(operands) == 6 and _is_slanted((float(operands[0]), float(operands[1]))):
                return True
        except ValueError:  # not a number: some other operator's operands
            continue
    return False


def _watermarked(pdf: pdfium.PdfDocument, number: int) -> int:
    """Takes the watermark objects off page `number` (0-based); how many there were."""
    page = pdf[number]
    try:  # pdfium's raw calls: a helper object for each of a table page's thousand objects would cost a second
        found = [obj for obj in _objects(page.raw) if _slanted(obj, (1, 0, 0, 1))]
        for obj in found:
            if pdfium_c.FPDFPage_RemoveObject(page.raw, obj):
                pdfium_c.FPDFPageObj_Destroy(obj)  # taken off: the page no longer owns it
        if found:
            page.gen_content()
        return len(found)
    finally:
        page.close()


def _objects(parent: Any, form: bool = False) -> list[Any]:
    """The page objects of a page, or of a form object."""
    count, get = ((pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject) if form
                  else (pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject))
    return [get(parent, index) for index in range(max(count(parent), 0))]


def _slanted(obj: Any, parent: tuple[float, ...]) -> bool:
    """Whether `obj` (in a form of matrix `parent`) is slanted text, or a form of nothing but slanted text."""
    # only a page's own objects can be taken off: pdfium loses the page's content when it regenerates a form
    # it took an object out of, so a watermark inside a form with the table (a page drawn as one form) stays
    kind = pdfium_c.FPDFPageObj_GetType(obj)
    if kind not in (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM):
        return False
    raw = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, raw):
        return False
    matrix = _compose((raw.a, raw.b, raw.c, raw.d), parent)
    if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
        return _is_slanted(matrix)
    # a form with lines or pictures may be the page itself drawn as one form: it is left as it is
    inner = _objects(obj, form=True)
    return bool(inner) and all(_slanted(o, matrix) for o in inner)


def _compose(matrix: tuple[float, ...], parent: tuple[float, ...]) -> tuple[float, ...]:
    """The linear part of `matrix` followed by `parent` (translation does not turn a baseline)."""
    a, b, c, d = matrix[:4]
    pa, pb, pc, pd = parent[:4]
    return (a * pa + b * pc, a * pb + b * pd, c * pa + d * pc, c * pb + d * pd)


def _is_slanted(matrix: tuple[float, ...]) -> bool:
    """The baseline (a, b) is neither horizontal nor vertical."""
    a, b = matrix[:2]
    length = math.hypot(a, b)
    return length > 0 and min(abs(a), abs(b)) > _SLANT * length
