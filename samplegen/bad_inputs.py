"""Broken inputs for the ingest's quarantine tests."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from . import chenzhou
from .layout import Cover, Renderer, TableBlock
from .seeds import seed_lines
from .styles import STYLE_A, register_fonts


def _mini_sample() -> bytes:
    """A real two-table sample (公开01表 and 公开09表 of seed 000) as PDF bytes."""
    tables = chenzhou.final_account_tables(seed_lines(chenzhou.SEED))
    picked: list[TableBlock] = [t for t in tables if t.code in ("公开01表", "公开09表")]
    buf = io.BytesIO()
    Renderer.write(buf, STYLE_A, chenzhou.TITLE, [Cover(["2022年度", "郴州市医疗保障局部门决算"]), *picked], chenzhou.AGENCY)
    return buf.getvalue()


def _encrypted() -> bytes:
    """A small one-page PDF that needs the user password 'secret' to open."""
    register_fonts(STYLE_A)
    buf = io.BytesIO()
    enc = StandardEncryption("secret", ownerPassword="owner-secret", canPrint=0, canCopy=0)
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, encrypt=enc)
    c.setFont(STYLE_A.font_name, 16)
    c.drawCentredString(A4[0] / 2, 760, "财政拨款“三公”经费支出决算表")
    c.setFont(STYLE_A.font_name, 10)
    c.drawString(60, 730, "部门：郴州市医疗保障局    金额单位：万元    合计 6.22")
    c.save()
    return buf.getvalue()


def _scanned(sample: bytes, page: int = 2, dpi: int = 110) -> bytes:
    """An image-only PDF: one table page of the sample rendered to a bitmap, no text layer."""
    doc = pdfium.PdfDocument(sample)
    bitmap = doc[page - 1].render(scale=dpi / 72, grayscale=True)
    image = bitmap.to_pil().convert("L")
    jpeg = io.BytesIO()
    image.save(jpeg, format="JPEG", quality=60)
    doc.close()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(jpeg.getvalue())), 0, 0, width=A4[0], height=A4[1])
    c.save()
    return buf.getvalue()


def write_bad_inputs(directory: Path) -> dict[str, Path]:
    """Write the five bad inputs (empty, not_pdf, truncated, encrypted, scanned) into directory."""
    directory.mkdir(parents=True, exist_ok=True)
    sample = _mini_sample()
    contents = {
        "empty": b"",
        "not_pdf": "这不是PDF文件：收入支出决算总表 1,467.16 万元\n".encode(),
        "truncated": sample[: int(len(sample) * 0.4)],
        "encrypted": _encrypted(),
        "scanned": _scanned(sample),
    }
    paths = {}
    for kind, data in contents.items():
        path = directory / f"{kind}.pdf"
        path.write_bytes(data)
        paths[kind] = path
    return paths
