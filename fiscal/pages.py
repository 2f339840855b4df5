"""Source pages: one page of a stored PDF rendered as PNG, so a figure can be checked against print.

pypdfium2 is imported only when a page is rendered: the dashboard must start without it.
"""

from __future__ import annotations

import io
import threading
from functools import lru_cache
from pathlib import Path

from fiscal import store

# pdfium is not thread-safe; Streamlit serves sessions from several threads.
_PDFIUM_LOCK = threading.Lock()


class SourceMissing(FileNotFoundError):
    """The PDF of a document is not kept in the lake."""


def render_page(lake: Path, doc_id: str, page: int, scale: float = 1.5) -> bytes:
    """PNG bytes of 1-based `page` of the document's stored PDF."""
    path = store.source_path(Path(lake), doc_id)
    if not path.is_file():
        raise SourceMissing(f"no stored PDF for document {doc_id} at {path}")
    stat = path.stat()
    return _render(str(path), stat.st_mtime_ns, int(page), round(float(scale), 2))


def page_count(lake: Path, doc_id: str) -> int:
    """Number of pages of the document's stored PDF."""
    import pypdfium2 as pdfium

    path = store.source_path(Path(lake), doc_id)
    if not path.is_file():
        raise SourceMissing(f"no stored PDF for document {doc_id} at {path}")
    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            return len(pdf)
        finally:
            pdf.close()


@lru_cache(maxsize=64)
def _render(path: str, mtime_ns: int, page: int, scale: float) -> bytes:
    """Render one page (cached per file version, page and scale)."""
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(path)
        try:
            if not 1 <= page <= len(pdf):
                raise ValueError(f"page {page} is outside 1..{len(pdf)} of {path}")
            pdf_page = pdf[page - 1]
            try:
                image = pdf_page.render(scale=scale).to_pil()
            finally:
                pdf_page.close()
        finally:
            pdf.close()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
