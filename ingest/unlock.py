"""PDFs that open without a password but forbid extracting their text (common in published disclosures).

Such a file is encrypted with an empty user password and its permissions deny copying: pdfium reads
it, but Camelot's PDF layer refuses it ("Text extraction is not allowed"). The ingest reads an
unencrypted copy instead, made by pikepdf (already installed with OCRmyPDF); the pages, their text and
their coordinates are the same. A file that needs a password to open stays quarantined (`encrypted`).
"""

from __future__ import annotations

import io

NOTE = "PDF设有复制/提取限制（无需打开密码），按解除限制的副本读取 / copy-protected PDF read from an unlocked copy"


def unlocked(data: bytes) -> bytes | None:
    """The PDF without its encryption when it opens with an empty password; None when it is not encrypted,
    or needs a password, or pikepdf cannot read it (the ingest's own checks then say why)."""
    if b"/Encrypt" not in data:  # the trailer (or cross-reference stream's dictionary) names it in plain text
        return None
    import pikepdf  # only encrypted files pay for it

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if not pdf.is_encrypted:
                return None
            out = io.BytesIO()
            pdf.save(out, encryption=False)
            return out.getvalue()
    except (pikepdf.PasswordError, pikepdf.PdfError):  # a user password is needed; or not readable by pikepdf
        return None
