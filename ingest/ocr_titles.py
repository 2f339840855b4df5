"""Table titles of OCR'd pages read back from a partial match: 收文预算总表 is the 收支预算总表.

OCR misreads a character or two of a title (财政拨秋收文预算总表) or runs the title into the 部门/单位
line beside it ("收支预算总表 六 江 省政协办公打 单位：万元"); the page's table is then not found. A line
at the head of a page over a table — or the words of it that make the title — close to one known
title (families.FAMILIES), and clearly closer to it than to any title of another family that no other
page prints, is read as that title.
A title OCR lost altogether (the page reads 公开 08 表, then its 部门 line) is read again from the band of the
page image above the 部门 line (`reread_lost_titles`) and kept only when it reads as a known title. The
lines of a 三公 section's figures OCR lost are read again there too (ingest.ocr_prose.reread_lost_lines).
A wrong title costs no figure: the table's own sums still decide whether it counts.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image
from rapidfuzz import fuzz, process

# A line is read as a known title when it matches one at least this well (rapidfuzz ratio, 0–100) …
MIN_SCORE = 75.0
# … and better by this much than any title of another family (收文预算总表: 收支 not 支出).
MIN_MARGIN = 10.0
# Titles stand in the first lines of a page, above the table's rows.
HEAD_LINES = 6
# A title line run into the lines beside it is looked for among its first this many words.
MAX_WORDS = 12
# A page holds a table when it prints at least this many amounts.
MIN_AMOUNTS = 2
# A trailing qualifier, its brackets as OCR reads them: 支出预算表《功能科目 ), 表〈经济科目〉; closed, of any length
# a title prints (部门项目支出预算表（其他运转类、特定目标类项目）), or left open by OCR and short.
_QUALIFIER = re.compile(r"[(（《〈<](?:[^()（）《》〈〉<>]{1,30}[)）》〉>]|[^()（）《》〈〉<>]{1,10})\s*$")
_AMOUNT = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d.])")


def _best(text: str, taken: frozenset[str]) -> tuple[str, str, float] | None:
    """(family, known title, score) of the known title nearest `text` or `text` without its qualifier, when it
    is near and unambiguous; families whose titles other pages print are no candidates."""
    bare = _QUALIFIER.sub("", text)
    hits = [h for h in (_nearest(text, taken), _nearest(bare, taken) if bare != text else None) if h is not None]
    return max(hits, key=lambda h: h[2]) if hits else None


def _nearest(text: str, taken: frozenset[str]) -> tuple[str, str, float] | None:
    """_best of `text` as it is."""
    from ingest.families import _choices, _fold, normalize_title

    norm = _fold(normalize_title(text))
    if not (4 <= len(norm) <= 30) or "表" not in norm[-4:]:
        return None
    names, keys = _choices()
    hits = [h for h in process.extract(norm, names, scorer=fuzz.ratio, limit=24) if keys[h[2]] not in taken]
    if not hits or hits[0][1] < MIN_SCORE:
        return None
    family = keys[hits[0][2]]
    other = max((h[1] for h in hits if keys[h[2]] != family), default=0.0)
    if hits[0][1] - other < MIN_MARGIN:
        return None
    return family, hits[0][0], float(hits[0][1])


def mend_page(text: str, taken: frozenset[str] = frozenset()) -> str:
    """The page text with a misread title line (or a title run into the line beside it) as the known title, on
    its own line."""
    from ingest.families import match_title

    if len(_AMOUNT.findall(text)) < MIN_AMOUNTS:
        return text
    lines = text.split("\n")
    for k, line in enumerate(lines[:HEAD_LINES]):
        plain = unicodedata.normalize("NFKC", line).strip()
        if not plain or _AMOUNT.search(plain):
            break  # the rows begin: no title below them
        if match_title(plain) is not None:
            return text  # the page's title reads as it is
        words = line.split()[:MAX_WORDS]
        best: tuple[int, int, str, float] | None = None
        for i in range(len(words)):  # the whole line, or those of its words that are the title (部门 … 收支预算总表 …)
            for j in range(len(words), i, -1):
                hit = _best(unicodedata.normalize("NFKC", "".join(words[i:j])), taken)
                if hit is not None and (best is None or hit[2] > best[3]):
                    best = (i, j, hit[1], hit[2])
        if best is None:
            continue
        i, j, title, _ = best
        end = "\r" if line.endswith("\r") else ""
        parts = [" ".join(words[:i]), title, " ".join(words[j:])]
        lines[k] = "\n".join(p + end for p in parts if p)
        return "\n".join(lines)
    return text


def printed_families(texts: list[str]) -> frozenset[str]:
    """The families whose titles the pages print as they are (a document prints each table once): at the head of
    a page, or where a table starts lower down (the 收入预算总表 under the end of the 收支预算总表)."""
    from ingest.families import match_title
    from ingest.triage import triage

    out = set()
    for text in texts:
        for line in text.split("\n")[:HEAD_LINES]:
            if (hit := match_title(unicodedata.normalize("NFKC", line).strip())) is not None:
                out.add(hit[0])
    for page in triage(texts):
        for segment in page.segments:
            hit = match_title(unicodedata.normalize("NFKC", segment.title).strip()) if segment.new else None
            if hit is not None and hit[0] == segment.family:
                out.add(hit[0])
    return frozenset(out)


def mend_titles(texts: list[str], pages: list[int]) -> list[str]:
    """mend_page over the text of each of `pages` (1-based): a title as near to two families' titles (收文 for
    收支 or 收入) is the one whose title no other page prints."""
    taken = printed_families(texts)
    return [mend_page(t, taken) if k in pages else t for k, t in enumerate(texts, start=1)]


# The line under a table's title: the 部门 line or the 单位 line.
_UNDER_TITLE = re.compile(r"(?:部\s*门|编制(?:部门|单位)|单位名称)\s*[:：;；,，.]|单位：")
# A table page without a title shows at least this many amounts.
MIN_TABLE_AMOUNTS = 4
_TITLE_DPI = 300
# A table code read before the title on its line (公开:11表:, 公开08表：): the title is what follows it.
_NOT_CJK = r"[^\u4e00-\u9fff]{0,3}"
# … or a code read anywhere on a line (下 05 )表:有预算寻: 公开 read 下, the title garbled after it).
_CODE_IN = re.compile(r"\d{1,2}\s*[)）]?\s*表\s*[:：]")
# … or the numbered title's head, the rest lost (四 2018 人 for 四、2018年度…财政拨款收支预算总表).
_NUMBERED_YEAR = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.,，]?\s*20\d\d(?:\s*年|\s|$)")
_CODE_HEAD = re.compile(rf"^{_NOT_CJK}公开{_NOT_CJK}\d{{1,2}}{_NOT_CJK}表{_NOT_CJK}")
# The title band's height at most, above the line under it (inches).
_TITLE_INCHES = 0.9


def reread_lost_titles(path: Path, texts: list[str], pages: list[int]) -> list[str]:
    """The OCR'd pages with the titles (`_reread_titles`) and the lines of a 三公 section's figures
    (ocr_prose.reread_lost_lines) the page reading lost read again from the page image."""
    from ingest.ocr_prose import reread_lost_lines

    return reread_lost_lines(path, _reread_titles(path, texts, pages), pages)


def _reread_titles(path: Path, texts: list[str], pages: list[int]) -> list[str]:
    """The OCR'd pages of a table whose title OCR lost (the page reads 公开 08 表 / 部门 : … / 科目编码 …, no
    title line) with the title read again from the band of the page image right above its 部门 line: read as
    one line of Chinese, kept only when it is a known title (or near one, as mend_page reads it), put where
    it stands — between the code line and the 部门 line."""
    from ingest.families import match_title
    from ingest.triage import triage

    titled = {p.number for p in triage(texts) if p.family}
    tables = [n for n in pages if 0 < n <= len(texts) and len(_AMOUNT.findall(texts[n - 1])) >= MIN_TABLE_AMOUNTS
              and texts[n - 1].count("。") < 3]
    todo = [n for n in tables if n not in titled]
    garbled = {n: _garbled_titles(texts, n) for n in tables}
    if not todo and not any(garbled.values()):
        return texts
    taken = printed_families(texts)
    out = list(texts)
    pdf = pdfium.PdfDocument(str(path))
    try:
        for n in todo:
            crop, at = _title_band(pdf[n - 1], texts[n - 1])
            if crop is None:
                continue
            title = _read_title(crop, taken)
            if title is not None and match_title(title) is not None:
                lines = out[n - 1].split("\n")
                out[n - 1] = "\n".join([*lines[:at], title + "\r", *lines[at:]])
        for n, ks in garbled.items():
            lines = out[n - 1].split("\n")
            for k in ks:
                crop = _line_band(pdf[n - 1], lines[k])
                tail = _wrapped_tail(lines, k)
                title = _read_title(crop, taken, tail) if crop is not None else None
                if title is not None and match_title(title) is not None:
                    lines[k] = title + ("\r" if lines[k].endswith("\r") else "")
                    if tail and not title.endswith(tail):
                        continue
                    if tail:  # the title's wrapped end is part of it now, no title of its own
                        lines[k + 1] = "\r" if lines[k + 1].endswith("\r") else ""
            out[n - 1] = "\n".join(line for line in lines)
    finally:
        pdf.close()
    return out


def _garbled_titles(texts: list[str], n: int) -> list[int]:
    """Lines of page n that stand where a title stands — right above a 部门/单位 line (on this page, or the first
    line of the next) — end in 表 or hold a table code (公开 05 表:), and are no known title as read (…一般公 行经费-
    预算表, 政府采购预个表, 下 05 )表:有预算寻)."""
    from ingest.families import is_code_line, match_title

    lines = texts[n - 1].split("\n")
    after = texts[n].split("\n")[:1] if n < len(texts) else []
    out = []
    for k, line in enumerate(lines):
        plain = unicodedata.normalize("NFKC", line).strip()
        below = [*lines[k + 1: k + 3], *(after if k >= len(lines) - 2 else [])]
        if (plain and ("表" in _QUALIFIER.sub("", plain)[-3:] or _CODE_IN.search(plain) or _NUMBERED_YEAR.match(plain))
                and not _AMOUNT.search(plain) and len(plain) <= 60
                and not is_code_line(plain) and match_title(plain) is None
                and any(_UNDER_TITLE.search(b) for b in below[:2])):
            out.append(k)
    return out


def _line_band(page: Any, line: str) -> Image.Image | None:
    """The cleaned band of the page image, full width, around the printed line `line` (from its characters' boxes
    in the text layer); None when the line is not found once."""
    from ingest.ocr_image import clean_for_ocr

    key = line.strip()
    tp = page.get_textpage()
    try:
        full = tp.get_text_range()
        start = full.find(key)
        if not key or start < 0 or full.find(key, start + 1) >= 0:
            return None
        boxes = [tp.get_charbox(k) for k in range(start, start + len(key)) if not full[k].isspace()]
    finally:
        tp.close()
    if not boxes:
        return None
    height, k = page.get_height(), _TITLE_DPI / 72
    top, bottom = (height - max(b[3] for b in boxes)) * k, (height - min(b[1] for b in boxes)) * k
    pad = max(bottom - top, 0.1 * _TITLE_DPI) * 0.5
    image = page.render(scale=k).to_pil()
    y0 = int(max(0, top - pad))
    band = clean_for_ocr(image.crop((0, y0, image.width, int(bottom + pad))).convert("RGB"), _TITLE_DPI)
    return _print_line(band, (top + bottom) / 2 - y0)


def _print_line(band: Image.Image, middle: float) -> Image.Image:
    """The band cut to its line of print at `middle` (pixels from its top): the lines above and below it (the 部门
    line under a title) would make Tesseract read two lines as one."""
    import numpy as np

    from ingest.ocr_image import ink_runs

    runs = ink_runs((np.asarray(band.convert("L")) < 128).sum(axis=1) >= 2, int(_TITLE_DPI * 0.02))
    hit = [r for r in runs if r[0] - 4 <= middle <= r[1] + 4]
    if not hit:
        return band
    a, b = hit[0]
    return band.crop((0, max(0, a - 8), band.width, min(band.height, b + 9)))


def _title_band(page: Any, text: str) -> tuple[Image.Image | None, int]:
    """(the cleaned band above the page's first line under a title, that line's index in `text`); (None, 0)
    when the page shows no such line near its top."""
    from ingest.ocr_image import clean_for_ocr

    lines = text.split("\n")
    at = next((k for k, line in enumerate(lines[:HEAD_LINES]) if _UNDER_TITLE.search(line)), None)
    if at is None:
        return None, 0
    tp = page.get_textpage()
    try:
        full = tp.get_text_range()
        start = full.find(lines[at].strip()[:6]) if lines[at].strip() else -1
        if start < 0:
            return None, 0
        under_top = max(tp.get_charbox(k)[3] for k in range(start, start + min(6, len(lines[at].strip()))))
        above = [tp.get_charbox(k)[1] for k in range(start) if not full[k].isspace()]
    finally:
        tp.close()
    height, k = page.get_height(), _TITLE_DPI / 72
    bottom = (height - under_top) * k - 2
    top = max(0.0, bottom - _TITLE_INCHES * _TITLE_DPI)
    if above:  # the code line above (公开 08 表): the band starts under it
        top = max(top, (height - min(above)) * k + 2)
    if bottom - top < 0.12 * _TITLE_DPI:
        return None, 0
    image = page.render(scale=k).to_pil()
    return clean_for_ocr(image.crop((0, int(top), image.width, int(bottom))).convert("RGB"), _TITLE_DPI), at


def _wrapped_tail(lines: list[str], k: int) -> str:
    """The next line when it is the end of a title wrapped from line k (支出预算表 under …会议费、培训费): short,
    ending in 表, no figure; "" when it is none."""
    if k + 1 >= len(lines):
        return ""
    nxt = "".join(unicodedata.normalize("NFKC", lines[k + 1]).split())
    return nxt if 2 <= len(nxt) <= 8 and nxt.endswith("表") and not _AMOUNT.search(nxt) else ""


def _read_title(crop: Image.Image, taken: frozenset[str], tail: str = "") -> str | None:
    """The title a band reads as, over a few scales: a known title as printed, or the known title it is near;
    with `tail`, the band's reading joined to it (a title wrapped over two lines) when that alone is no title."""
    from ingest.families import match_title
    from ingest.ocr_image import read_lines

    for scale in (0.5, 0.75, 1.0):
        image = crop if scale == 1.0 else crop.resize((int(crop.width * scale), int(crop.height * scale)))
        got = read_lines([image], _TITLE_DPI * scale, "chi_sim", 30.0)
        read = _CODE_HEAD.sub("", unicodedata.normalize("NFKC", "".join((got or [""])[0].split())))
        for line in (read, read + tail) if tail else (read,):
            if match_title(line) is not None:
                return line
            if (hit := _best(line, taken)) is not None:
                return hit[1]
    return None
