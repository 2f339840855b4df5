"""Figures stated in the narrative (情况说明), read where no table gives them.

Some budgets publish the 三公 figures only in prose (or in a separate tables PDF):
"因公出国（境）费支出 76 万元 … 公务接待费支出 443.50 万元", and some 决算 state them only in the 情况说明
or in a 注 under a table ("“三公”经费财政拨款支出预算为 9.00 万元，支出决算为 6.22 万元"). These rows carry
source = "prose" (or "prose_sum" for a total added up from stated items), so a
reader knows they were not read from a table.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from ingest.families import is_code_line, match_title
from ingest.model import DocMeta, ParseResult

_NUM = r"(\d[\d,]*(?:\.\d+)?)\s*万元"
SANGONG_PATTERNS: dict[str, re.Pattern[str]] = {
    "total": re.compile(
        r"“?三公”?经费(?:财政拨款)?(?:预算数|预算支出数?|支出预算为?|预算为|预算安排)(?:为|是)?\s*" + _NUM),
    "overseas": re.compile(r"因公出国[(（]境[)）]费用?(?:预算)?支出(?:数)?(?:为)?\s*" + _NUM),
    "vehicle_total": re.compile(r"公务用车购置(?:费)?及运行(?:维护)?费(?:预算)?支出(?:数)?(?:为)?\s*" + _NUM),
    "vehicle_purchase": re.compile(r"公务用车购置(?:费|预算支出数|预算支出|预算)(?:为)?\s*" + _NUM),
    "vehicle_operation": re.compile(r"公务用车运行(?:维护)?费(?:预算支出|预算)?(?:为)?\s*" + _NUM),
    "reception": re.compile(r"公务接待费(?:预算)?支出(?:数)?(?:为)?\s*" + _NUM),
}


def _flatten(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\r", "")
    text = text.replace('"', "“")
    # Line breaks and page furniture inside a sentence ("156.60 万元,19占").
    return re.sub(r"\s*\n\s*", "", text)


def sangong_from_prose(page_texts: list[str]) -> dict[str, tuple[float, int]]:
    """item → (amount 万元, page) for the 三公 figures a budget's narrative states."""
    found: dict[str, tuple[float, int]] = {}
    previous_tail = ""
    for number, text in enumerate(page_texts, start=1):
        flat = _flatten(text)
        # a section headed at the foot of one page runs on into the next
        tail, previous_tail = previous_tail, _flatten("\n".join(text.strip().splitlines()[-5:]))
        if "三公" not in flat and "三公" not in tail and not found:
            continue
        for item, pattern in SANGONG_PATTERNS.items():
            if item in found:
                continue
            m = pattern.search(flat)
            if m:
                found[item] = (float(m.group(1).replace(",", "")), number)
    return found


def parse(page_texts: list[str], doc: DocMeta, result: ParseResult) -> None:
    """Add prose 三公 rows to a budget that has no 三公 table."""
    if doc.doc_kind != "budget" or result.frames.get("sangong"):
        return
    found = sangong_from_prose(page_texts)
    if found:
        result.add("sangong", _stage_rows(doc, "budget", found))


def _stage_rows(doc: DocMeta, stage: str, found: dict[str, tuple[float, int]]) -> list[dict[str, Any]]:
    """sangong rows of one stage from item → (amount, page); a total the prose leaves out is added up from
    the three items when all are stated (source prose_sum: the sum rules do not check it against them)."""
    rows = [
        {**doc.common(page), "stage": stage, "item": item, "amount": round(amount, 2), "source": "prose"}
        for item, (amount, page) in found.items()
    ]
    parts = ("overseas", "vehicle_total", "reception")
    if "total" not in found and all(p in found for p in parts):
        page = min(found[p][1] for p in parts)
        total = round(sum(found[p][0] for p in parts), 2)
        rows.append({**doc.common(page), "stage": stage, "item": "total", "amount": total, "source": "prose_sum"})
    return rows


_STATED = re.compile(r"sangong_(?P<item>total|overseas|vehicle_total|vehicle_purchase|vehicle_operation|reception)"
                     r"_(?P<stage>budget|actual)")


def stated_sangong(doc: DocMeta, result: ParseResult) -> None:
    """Add sangong rows to a 决算 that has no 三公 table from the 三公 figures its prose (or a 注 under a table)
    states: the narrative rows sangong_<item>_<stage> (ingest/narrative.py: “三公”经费财政拨款支出预算为 9.00 万元，
    支出决算为 6.22 万元), so that the 三公 rules check the statement's own sums and its 预算 against its 决算.
    A table wins over prose: nothing is added where a 三公 table was read."""
    if doc.doc_kind != "final_account" or result.frames.get("sangong"):
        return
    found: dict[str, dict[str, tuple[float, int]]] = {}
    for row in result.frames.get("narrative", []):
        m = _STATED.fullmatch(str(row.get("key")))
        if m and row.get("amount") is not None:
            found.setdefault(m["stage"], {}).setdefault(m["item"], (float(row["amount"]), int(row["page"])))
    rows = [row for stage in ("budget", "actual") if stage in found for row in _stage_rows(doc, stage, found[stage])]
    if rows:
        result.add("sangong", rows)


# ---------------------------------------------------------------- sentences of the prose pages
# The statements the document rules read (fiscal/rules/prose.py): one row per sentence of a prose
# page that holds a year, a percentage, a comparison word, a template placeholder or alternative,
# or that is a heading line. Text as printed (line wraps and page numbers removed, NFKC not applied).

_END = "。！？!?"
_MARKER = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]"
                     r"|[(（][一二三四五六七八九十]+[)）]"
                     r"|\d{1,2}[、．](?!\d))")
_OPEN_END = "，,、：:（(“‘；;—-"  # a line ending here continues on the next line
# a line ending inside a figure (1,468. / 971.50万) continues on the next line, however short (a page break)
_IN_FIGURE = re.compile(r"\d[.,．，]$|\d\s*万$")
_FURNITURE = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d{1,3}\s*页)?"
                        r"|\d{1,3})\s*$")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年")
_PERCENT = re.compile(r"[%％]")
_COMPARE = re.compile(r"增加|减少|持平|大于|小于|等于|上升|下降|增长|增幅|降幅|高于|低于|相比|比上年|基本一致")
_TEMPLATE = re.compile(r"X{2,}|Ｘ{2,}|[(（][^()（）]{0,8}[增减升降大小多少][^()（）]{0,6}[)）]"
                       r"|[(（]\s*(?:请|如|注[:：])|作下述说明|按上述格式|填写。|填[写列][)）]"
                       r"|增加\s*/\s*减少|增长\s*/\s*下降|大于\s*/\s*小于|。。|,,"
                       r"|(?<![A-Za-z\d])(?:19|20)\d{0,2}[XxＸ×](?=\s*年)")  # 202X年: a year never filled in


_WIDE = re.compile(r"[^\u0000-\u2e7f]")


def _width(line: str) -> float:
    """The printed width of a line in full-width characters (ASCII counts half)."""
    line = line.strip()
    narrow = len(_WIDE.sub("", line))
    return len(line) - 0.5 * narrow


def _lines_of(text: str) -> list[str]:
    """A page's text lines without blank lines and page furniture (page numbers)."""
    return [ln.strip() for ln in text.replace("\r", "\n").split("\n") if ln.strip() and not _FURNITURE.match(ln)]


def _pieces(page_texts: list[str], prose_pages: list[int]) -> list[tuple[str, int, bool]]:
    """(line, page, break after it) over consecutive prose pages; a table page breaks the flow."""
    out: list[tuple[str, int, bool]] = []
    previous = None
    for number in prose_pages:
        lines = _lines_of(page_texts[number - 1])
        if not lines:
            continue
        if out and previous is not None and number != previous + 1:
            out[-1] = (out[-1][0], out[-1][1], True)
        widths = [_width(ln) for ln in lines]
        full = max(widths)
        for i, line in enumerate(lines):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            ends = line[-1] in _END
            open_end = line[-1] in _OPEN_END or bool(_IN_FIGURE.search(line))
            # a heading wrapped before its last word or two (…部门决算情况 / 说明) stays one line
            tail_next = (nxt is not None and widths[i + 1] <= 4 and not _MARKER.match(nxt)
                         and nxt[-1] not in _END + _OPEN_END)
            short = widths[i] < 0.7 * full and not open_end and not tail_next
            heading_next = nxt is not None and bool(_MARKER.match(nxt)) and (not open_end or line[-1] in "；;")
            out.append((line, number, ends or short or heading_next))
        previous = number
    if out:
        out[-1] = (out[-1][0], out[-1][1], True)
    return out


def split_sentences(page_texts: list[str], prose_pages: list[int]) -> list[tuple[str, int, bool]]:
    """(sentence as printed, page where it starts, is a heading) for the given prose pages, in order."""
    out: list[tuple[str, int, bool]] = []
    buf, start, lines_in = "", 0, 0
    for line, page, brk in _pieces(page_texts, prose_pages):
        if not buf:
            start, lines_in = page, 0
        latin = buf and buf[-1].isascii() and buf[-1].isalnum() and line[0].isascii() and line[0].isalnum()
        joint = " " if latin else ""
        buf += joint + line
        lines_in += 1
        # sentence ends inside the line: cut after each terminator
        while True:
            cut = next((i for i, c in enumerate(buf) if c in _END), -1)
            while 0 <= cut < len(buf) - 1 and buf[cut + 1] in _END + "”":
                cut += 1  # 。。 (a defect the rules report) and 。” end one sentence
            if cut < 0 or cut == len(buf) - 1:
                break
            out.append((buf[:cut + 1].strip(), start, False))
            buf, start = buf[cut + 1:].lstrip(), page
        if brk and buf.strip():
            text = buf.strip()
            heading = text[-1] not in _END and _width(text) <= 45 and lines_in <= 2
            out.append((text, start, heading))
            buf = ""
    return out


_AMOUNT = re.compile(r"\d\s*(?:亿元|万元|元)")
# count: 共有车辆 8 辆，其中：… (totals_mismatch adds the list up)
_TAGS = (("year", _YEAR), ("percent", _PERCENT), ("compare", _COMPARE), ("template", _TEMPLATE), ("amount", _AMOUNT),
         ("count", re.compile(r"\d\s*辆")))


def sentence_tags(text: str, heading: bool) -> list[str]:
    """Why a sentence is kept for the rules (empty: not kept)."""
    flat = unicodedata.normalize("NFKC", text)
    return (["heading"] if heading else []) + [tag for tag, pattern in _TAGS if pattern.search(flat)]


# ---------------------------------------------------------------- text printed outside a table's grid
# A table page prints notes under its grid (注：/说明：/备注：…, a 空表 explanation, a drafting instruction
# left in place); an empty table has no row for triage's prose_text to start after, so its notes are
# found by position: the page's text lines (pdfium character boxes) against the grid its ruling lines
# draw (path objects). Lines above the first grid (title, unit, 部门：) and the cells inside are left out.

_GRID_MIN = 12.0  # points: a grid is at least this tall (a lone horizontal rule is not one)
_TOUCH = 3.0  # points: rulings closer than this belong to one grid
_NOTE_START = re.compile(r"^\s*(?:[注註]\s*\d?\s*[:：]|说\s*明\s*[:：]|备\s*注\s*[:：]|附\s*注\s*[:：])")
_EMPTY_STATED = re.compile(r"(?:本|我)(?:部门|单位|局|委|办|院|表)[^，。；]{0,30}(?:无|没有|未发生|不涉及)"
                           r"|[此本]表为空|本表无数据|故本表")
_NOT_NOTE = re.compile(r"^\s*(?:(?:金额)?单\s*位\s*[:：]"
                       r"|(?:预算主管部门|主管部门|编制部门|编制单位|预算单位|单位名称|部\s*门)\s*[:：])")
_ROW_AMOUNT = re.compile(r"(?<![\d.])\d[\d,]*\.\d{1,2}(?![\d.])|^\d{3}(?:\d{2}){0,2}(?:\s|$)")


def grid_bands(page: Any) -> list[tuple[float, float]] | None:
    """(bottom, top) of each ruled grid on a pdfium page, top first; None when the drawing cannot be
    told (a form XObject, or a frame round the whole page)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    boxes = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    # the raw API: a page of tables holds thousands of text objects, not worth a Python wrapper each
    for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            return None
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH or not pdfium_c.FPDFPageObj_GetBounds(
                obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)):
            continue
        if top.value - bottom.value > 0.9 * height:
            return None
        if max(right.value - left.value, top.value - bottom.value) >= 2:
            boxes.append((bottom.value, top.value))
    bands: list[list[float]] = []
    for low, high in sorted(boxes):
        if bands and low <= bands[-1][1] + _TOUCH:
            bands[-1][1] = max(bands[-1][1], high)
        else:
            bands.append([low, high])
    return [(b, t) for b, t in sorted(bands, key=lambda x: -x[1]) if t - b >= _GRID_MIN]


def _note_line(line: str, where: str) -> bool:
    """Is a line printed outside (or, for a 空表 statement, inside) a grid kept as prose? `where`:
    below (the last grid), between (two grids), above (the first grid), inside."""
    flat = unicodedata.normalize("NFKC", line).strip()
    if not flat or _FURNITURE.match(flat) or _NOT_NOTE.match(flat):
        return False
    sentence = bool(re.search(r"[。，；]", flat))
    if not sentence and _ROW_AMOUNT.search(flat):
        return False  # a table row printed without rulings
    if not sentence and (match_title(flat) or is_code_line(flat)):
        return False
    if where == "below":
        return True
    if where == "between":
        return bool(_NOTE_START.match(flat) or _EMPTY_STATED.search(flat))
    return where == "inside" and len(flat) >= 8 and bool(_EMPTY_STATED.search(flat))


def _where(lows: list[float], highs: list[float], bands: list[tuple[float, float]]) -> str:
    """Where a text line lies against the grids: inside, above, below, between."""
    centres = [(lo + hi) / 2 for lo, hi in zip(lows, highs, strict=True)]
    if any(b - 1 <= c <= t + 1 for c in centres for b, t in bands):
        return "inside"
    if min(lows) > bands[0][1]:
        return "above"
    if max(highs) < bands[-1][0]:
        return "below"
    return "between"


def page_notes(page: Any, text: str) -> list[int]:
    """Indices of the lines of `text` (the page's text, split at line breaks) that a pdfium page prints
    outside its table grids as notes; [] when the page draws no grid or its text does not match."""
    bands = grid_bands(page)
    if not bands:
        return []
    textpage = page.get_textpage()
    try:
        if textpage.count_chars() != len(text) or textpage.get_text_range() != text:
            return []  # character boxes would not line up with the lines
        out, start = [], 0
        for index, line in enumerate(text.split("\n")):
            chars = [k for k in range(start, start + len(line)) if not text[k].isspace()]
            start += len(line) + 1
            if not chars:
                continue
            first = textpage.get_charbox(chars[0])
            if any(b - 1 <= (first[1] + first[3]) / 2 <= t + 1 for b, t in bands):
                where = "inside"  # most lines of a table page: one character box tells
            else:
                boxes = [textpage.get_charbox(k) for k in chars]
                where = _where([b[1] for b in boxes], [b[3] for b in boxes], bands)
            if _note_line(line, where):
                out.append(index)
        return out
    finally:
        textpage.close()


def table_notes(path: Path, texts: list[str], numbers: list[int]) -> dict[int, list[int]]:
    """page → indices of its note lines (page_notes) for the given table pages of a PDF."""
    import pypdfium2 as pdfium

    out: dict[int, list[int]] = {}
    pdf = pdfium.PdfDocument(str(path))
    try:
        for number in numbers:
            if not 0 < number <= min(len(pdf), len(texts)):
                continue
            page = pdf[number - 1]
            try:
                if found := page_notes(page, texts[number - 1]):
                    out[number] = found
            except Exception:  # noqa: BLE001 — a page whose drawing pdfium cannot list keeps its prose only
                continue
            finally:
                page.close()
    finally:
        pdf.close()
    return out


def with_notes(text: str, prose: str, notes: list[int]) -> str:
    """A table page's prose (triage's prose_text) with its note lines added, in the page's order, each once."""
    if not notes:
        return prose
    wanted = [ln.strip() for ln in prose.split("\n") if ln.strip()]
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        line = line.strip()
        if line and line in wanted:
            wanted.remove(line)
            out.append(line)
        elif index in notes:
            out.append(line)
    return "\n".join(out + wanted)  # a prose line not found verbatim on the page stays, at the end
