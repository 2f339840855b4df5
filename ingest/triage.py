"""The cheap text pass: which pages hold which tables, before any Camelot work.

pypdfium2 reads each page's text layer (milliseconds a page). A page is a table
page when a line matches a known table title (or, in a 决算, a 公开0X表 code); a
page without a title right after a table page is a continuation when it looks
tabular (numbers, function codes, no running prose). A page listing many titles is a
table of contents, not a table. Forms (self-evaluations, target tables) hold sentences
in their goal cells: a form page counts as a table when its title heads the page, and a
title-less page after a form continues it when it shows indicator rows (…分值 得分).
"""

from __future__ import annotations

import re
import unicodedata

from ingest.families import BY_FINAL_CODE, BY_KEY, FAMILIES, match_title
from ingest.model import PageInfo

_CODE = re.compile(r"公开\s*(\d{1,2})\s*表")
_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元)")
_AGENCY = re.compile(r"(?:编制)?(?:部门|单位)(?:名称)?\s*[:：]\s*(?!万元|元)([^\s:：]{2,40}?)(?=\s|金额|单位|$)")
_NUMBERISH = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)|(?<!\d)\d{3}(?:\s?\d{2}){1,2}(?!\d)")
_TOC_MIN_TITLES = 3
_FORM_TITLE_LINES = 4  # a form's title is among the first lines of its page (after 附件 x-y)
# an indicator row: a line ending with two small numbers (分值/权重 and 得分), or a 总分/合计 line
_FORM_ROW = re.compile(r"(?:^|\s)\d{1,3}(?:\.\d{1,2})?\s+\d{1,3}(?:\.\d{1,2})?$|^(?:总\s*分|合\s*计)(?:\s|$)")


def _lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text.replace("\r", "\n"))
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _is_prose(text: str) -> bool:
    # Running prose: several full sentences. Table notes (注：…。) are one or two.
    return text.count("。") >= 4


def classify_page(number: int, text: str, doc_kind: str | None = None) -> PageInfo:
    """What one page's text says about the tables on it."""
    info = PageInfo(number=number, text=text)
    lines = _lines(text)
    titles: list[tuple[str, str]] = []
    for line in lines:
        # Titles are short lines; a long line is prose that mentions a table.
        if len(line) > 45:
            continue
        hit = match_title(line)
        if hit and all(hit[0] != k for k, _ in titles):
            titles.append((hit[0], line))
    code = _CODE.search(text)
    info.code = f"公开{int(code.group(1)):02d}表" if code else None
    unit = _UNIT.search(text)
    info.unit = unit.group(1) if unit else None
    agency = _AGENCY.search(unicodedata.normalize("NFKC", text))
    info.agency_hint = agency.group(1) if agency else None
    form_page = bool(titles) and BY_KEY[titles[0][0]].form and titles[0][1] in lines[:_FORM_TITLE_LINES]
    if len(titles) >= _TOC_MIN_TITLES or (_is_prose(text) and not form_page) or "目录" in "".join(lines[:3]).replace(" ", ""):
        return info  # table of contents or narrative
    if titles:
        info.family, info.title = titles[0]
    elif info.code and doc_kind == "final_account" and info.code in BY_FINAL_CODE:
        fam = BY_FINAL_CODE[info.code]
        info.family, info.title = fam.key, fam.titles[0]
    return info


def family_by_header(text: str) -> str | None:
    """The one family whose header words all appear near the top of the page (title missing)."""
    top = "".join(_lines(text)[:15]).replace(" ", "")
    hits = sorted(
        ((len(f.header_words), f.key) for f in FAMILIES if len(f.header_words) >= 2 and all(w in top for w in f.header_words)),
        reverse=True,
    )
    if not hits or (len(hits) > 1 and hits[0][0] == hits[1][0]):
        return None  # nothing, or a tie: no guess
    return hits[0][1]


def looks_tabular(text: str) -> bool:
    """A title-less page that reads like table rows rather than prose."""
    if _is_prose(text):
        return False
    return len(_NUMBERISH.findall(unicodedata.normalize("NFKC", text))) >= 1 or len(text.strip()) < 80


def continues_form(text: str) -> bool:
    """A title-less page that shows indicator rows of a form (prose in goal cells allowed)."""
    return any(_FORM_ROW.search(line) for line in _lines(text))


def triage(page_texts: list[str], doc_kind: str | None = None) -> list[PageInfo]:
    """Classify every page; continuation pages inherit the family of the table before them."""
    pages = [classify_page(i + 1, t, doc_kind) for i, t in enumerate(page_texts)]
    previous: PageInfo | None = None
    for page in pages:
        if page.family:
            previous = page
            continue
        form = previous is not None and BY_KEY[previous.family].form and continues_form(page.text)
        if previous is not None and (looks_tabular(page.text) or form):
            page.family, page.continuation = previous.family, True
            page.title = previous.title
            page.unit = page.unit or previous.unit
            previous = page
        elif not _is_prose(page.text) and (by_header := family_by_header(page.text)):
            # No title in the text layer (drawn as an image?): the header words are the signal.
            page.family, page.title = by_header, ""
            previous = page
        else:
            previous = None
    return pages
