"""The table of contents (目录): which tables a document says it contains.

A 目录 page lists the parts of the disclosure; the lines under them that name tables
(they end in 表) are the tables the document should contain. Each is matched to a
table family (ingest/families.py) where one fits; an unknown title is kept with no
family. Titles wrapped over two lines (…会议费、培训费支 / 出预算表) are joined, and
a list that runs over onto the next page is followed there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from ingest.families import FAMILIES, match_title, normalize_title

_SCAN_PAGES = 6  # a 目录 is near the front
_HEAD_LINES = 4  # …and says so in its first lines
_NUMBERING = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十百]+[)）、.．]|[（(]?\d{1,2}[)）、.．](?=\s|\d{4}年|\D)|附件\s*\d+[-—－]?\d*[:：]?|附表\s*\d+[:：]?)\s*")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_LEADER = re.compile(r"[\s.．…·•_-]{2,}\s*\d*\s*$|\s+\d{1,3}\s*$")
_CODE = re.compile(r"公开\s*(\d{1,2})\s*表")
_GENERIC = {"部门预算表", "部门决算表", "预算表", "决算表", "部门预算公开表", "部门决算公开表", "预算公开表",
            "决算公开表"}


@dataclass(frozen=True)
class TocEntry:
    """One table the 目录 lists."""

    title: str  # as printed (numbering and page number removed)
    family: str | None  # family key, None when no known family fits
    page: int  # 1-based page of the 目录 that lists it
    code: str | None = None  # 公开0X表 when printed


def _lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text.replace("\r", "\n"))
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def is_toc(text: str) -> bool:
    """A page whose first lines say 目录."""
    head = "".join(_lines(text)[:_HEAD_LINES]).replace(" ", "")
    return "目录" in head


def _clean(line: str) -> str:
    line = _LEADER.sub("", line).strip()
    return line


def _entries_of(lines: list[str], pending: str = "", parts_seen: set[str] | None = None) -> tuple[list[str], str, bool]:
    """Entry lines (wrapped titles joined), a title left open at the page end, and whether the
    list may go on past the page end."""
    out: list[str] = []
    parts_seen = set() if parts_seen is None else parts_seen
    for raw in lines:
        line = _clean(raw)
        if not line:
            continue
        if "目录" in line.replace(" ", "") and len(line.replace(" ", "")) <= 4:
            continue
        if len(line) > 60 or "。" in line:
            return out + ([pending] if pending else []), "", False  # prose: the 目录 is over
        part = _PART.match(line)
        if part:
            if part.group(0) in parts_seen:
                # the body repeats a part heading: the 目录 is over
                return out + ([pending] if pending else []), "", False
            parts_seen.add(part.group(0))
            pending = ""
            continue
        numbered = bool(_NUMBERING.match(line)) or bool(_CODE.match(line))
        if pending and not numbered:
            line = pending + line  # the second half of a wrapped title
            pending = ""
        elif pending:
            out.append(pending)
            pending = ""
        if not line.rstrip().endswith("表") and numbered and len(line) >= 12:
            pending = line  # may continue on the next line
            continue
        out.append(line)
    return out, pending, True


def parse(page_texts: list[str]) -> list[TocEntry]:
    """The tables listed by the document's 目录 (empty when it has none)."""
    for i, text in enumerate(page_texts[:_SCAN_PAGES]):
        if not is_toc(text):
            continue
        entries: list[TocEntry] = []
        page = i
        parts: set[str] = set()
        lines, pending, more = _entries_of(_lines(text), "", parts)
        while True:
            entries += _to_entries(lines, page + 1)
            page += 1
            if not more or page >= len(page_texts) or page > i + 2:
                entries += _to_entries([pending] if pending else [], page)
                break
            lines, pending, more = _entries_of(_lines(page_texts[page]), pending, parts)
        seen: set[str] = set()
        unique = []
        for e in entries:
            key = e.family or normalize_title(e.title)
            if key not in seen:
                seen.add(key)
                unique.append(e)
        return unique
    return []


def family_of(title: str) -> str | None:
    """The family of a listed title: a fuzzy title match, else the known title written with the
    same characters in another order (政府性基金财政拨款支出预算表 = 财政拨款政府性基金支出预算表)."""
    hit = match_title(title, min_score=85)
    if hit:
        return hit[0]
    norm = normalize_title(title)
    chars = "".join(sorted(norm))
    best, best_score = None, 0.0
    for fam in FAMILIES:
        for known in fam.titles:
            score = fuzz.ratio(chars, "".join(sorted(normalize_title(known))))
            if score > best_score:
                best, best_score = fam.key, score
    return best if best_score >= 95 else None


def _to_entries(lines: list[str], page: int) -> list[TocEntry]:
    out = []
    for line in lines:
        code = _CODE.search(line)
        title = _NUMBERING.sub("", line).strip()
        title = _CODE.sub("", title).strip(" :：-—") if code else title
        norm = normalize_title(title)
        if not norm.endswith("表") or norm in _GENERIC or len(norm) < 4:
            continue
        out.append(TocEntry(title=title, family=family_of(title), page=page,
                            code=f"公开{int(code.group(1)):02d}表" if code else None))
    return out
