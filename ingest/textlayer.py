"""Pages of a typed PDF whose text layer cannot be read, besides a scan's: they are OCR'd like a scan.

- Pictures of tables: offices paste a scanned or photographed table among typed pages (a stamped 三公
  table, say): a page with (almost) no text whose image shows several long horizontal rules (found at
  a low resolution, a few milliseconds a page; a cover photo or a logo is no table). Unread, the table
  would be missing and the document wrongly accused of omitting it.
- Garbled text: a font embedded without its Unicode map gives characters that are not the printed ones
  (rare scripts, control codes): a page whose characters are mostly not Chinese, ASCII or their
  punctuation. Real pages score over 99 % readable characters, garbled ones under 5 %.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_IMAGE_SHARE = 0.4  # of the page's area an image covers to be the page's content
_PROBE_DPI = 60
_RULE_SHARE = 0.1  # of the page's width a horizontal rule spans (short enough for a tilted scan)
_MIN_RULES = 4  # a table's top, header, a row's and bottom rules at least


# A page with fewer text characters than this has no usable text layer (a scan's, or a picture's).
MIN_PAGE_CHARS = 15
_READABLE_SHARE = 0.5  # of a page's characters, below which its text layer is garbled
_MARKS = frozenset("“”‘’„‟—…·％×√±≤≥≦≧²³①②③④⑤⑥⑦⑧⑨⑩●■□△▲○◎★☆→﹝﹞")


def _readable(ch: str) -> bool:
    return (" " <= ch <= "~" or "\u3000" <= ch <= "\u303f" or "\u4e00" <= ch <= "\u9fff"
            or "\uff00" <= ch <= "\uffef" or ch in _MARKS)


def garbled(text: str, min_chars: int) -> bool:
    """A page text of at least `min_chars` characters, most of them not what a Chinese disclosure prints."""
    chars = [ch for ch in text if not ch.isspace()]
    return len(chars) >= min_chars and sum(map(_readable, chars)) < _READABLE_SHARE * len(chars)


def table_pictures(pdf: pdfium.PdfDocument, texts: list[str], min_chars: int) -> list[int]:
    """The 1-based pages with fewer than `min_chars` characters of text that show a picture of a table."""
    out = []
    for number, text in enumerate(texts, start=1):
        if len(text.strip()) >= min_chars:
            continue
        page = pdf[number - 1]
        try:
            if _has_page_image(page) and _rules(page) >= _MIN_RULES:
                out.append(number)
        finally:
            page.close()
    return out


def _has_page_image(page: Any) -> bool:
    width, height = page.get_size()
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= _IMAGE_SHARE * width * height:
            return True
    return False


def _rules(page: Any) -> int:
    """Long horizontal dark lines on the page rendered small (merged where they touch)."""
    gray = page.render(scale=_PROBE_DPI / 72, grayscale=True).to_numpy()
    gray = gray if gray.ndim == 2 else gray[:, :, 0]
    _, ink = cv2.threshold(np.ascontiguousarray(gray), 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3)))  # a thin or tilted rule stays whole
    wide = max(20, int(ink.shape[1] * _RULE_SHARE))
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (wide, 1)))
    rows = np.flatnonzero(lines.any(axis=1))
    return int(np.count_nonzero(np.diff(rows) > 2)) + 1 if rows.size else 0
