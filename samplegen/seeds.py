"""Reading the text seeds: prose blocks and tab-separated table blocks."""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .layout import Block, Heading, Para

SEED_DIR = Path(os.environ.get("SAMPLEGEN_SEEDS", Path(__file__).resolve().parents[1] / "samples" / "seeds"))
CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’"

_HEADING1 = re.compile(r"^[一二三四五六七八九十]+、")
_HEADING2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_SENTENCE_END = tuple("。；;：:！？!?”)）")


def seed_lines(name: str) -> list[str]:
    """The seed file's lines (1-based access: lines[n - 1]), without newlines."""
    path = next(SEED_DIR.glob(f"{name}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")


def squeeze(text: str) -> str:
    """Drop the line-wrap spaces a conversion left between CJK characters."""
    text = re.sub(rf"(?<=[{CJK}])\s+(?=[{CJK}])", "", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def strip_html(text: str) -> str:
    """Plain text from a cell holding <p>/<ol> markup; list items on their own lines."""
    text = re.sub(r"</p>\s*", "\n", text)
    text = re.sub(r"<[^>]+>\s*", "\n", text)
    text = re.sub(r"\s+(?=\d+[.、]\s?\D)", "\n", text) if "\n" in text else text
    text = html.unescape(text)
    return "\n".join(s.strip() for s in text.split("\n") if s.strip())


def prose(lines: list[str], start: int, end: int, skip: tuple[str, ...] = ()) -> list[Block]:
    """Headings and paragraphs from seed lines start..end (1-based, inclusive).

    A line that does not end a sentence is joined with the next one, which undoes
    the paragraph splits the original page breaks left in the text.
    """
    blocks: list[Block] = []
    pending = ""
    for raw in lines[start - 1 : end]:
        line = re.sub(r"^\s*-\s+", "", raw).strip()
        if not line or line in skip:
            continue
        is_heading = bool(_HEADING1.match(line) or _HEADING2.match(line)) and len(line) < 40 and not re.search("[:：]", line)
        if pending and not is_heading:
            pending += line
        else:
            if pending:
                blocks.append(Para(pending))
                pending = ""
            if is_heading:
                blocks.append(Heading(line))
                continue
            pending = line
        if pending.endswith(_SENTENCE_END):
            blocks.append(Para(pending))
            pending = ""
    if pending:
        blocks.append(Para(pending))
    return blocks


@dataclass
class SeedTable:
    """One table of a 决算 as the seed prints it, its page segments joined."""

    title: str
    code: str
    dept: str
    unit: str
    rows: list[list[str]] = field(default_factory=list)  # header rows once, then body rows
    notes: list[str] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)  # row index where each continuation began


def seed_tables(lines: list[str], start: int, end: int, header_rows: dict[str, int]) -> list[SeedTable]:
    """Tables of seed lines start..end: title, 公开0X表, 部门：, 金额单位：, rows, 注 lines.

    A table printed twice (a page break in the original) is joined into one, its
    repeated header rows dropped and the break position kept.
    """
    tables: list[SeedTable] = []
    seg = lines[start - 1 : end]
    i = 0
    while i < len(seg):
        line = seg[i].strip()
        nxt = next((s.strip() for s in seg[i + 1 :] if s.strip()), "")
        if not (line and re.fullmatch(r"公开\d\d表", nxt)):
            i += 1
            continue
        code = nxt
        j = i + 1
        meta: dict[str, str] = {}
        rows: list[list[str]] = []
        notes: list[str] = []
        while j < len(seg):
            s = seg[j]
            t = s.strip()
            if "\t" in s:
                if notes:
                    break
                rows.append([c.strip() for c in s.split("\t")])
            elif t.startswith("部门："):
                meta["dept"] = t.removeprefix("部门：")
            elif t.startswith("金额单位："):
                meta["unit"] = t.removeprefix("金额单位：")
            elif t.startswith("注") or (notes and re.match(r"^\d\.", t)):
                notes.append(t)
            elif t and t != code and rows:
                break
            j += 1
        if tables and tables[-1].code == code:
            prev = tables[-1]
            prev.breaks.append(len(prev.rows))
            prev.rows.extend(rows[header_rows[code] :])
            prev.notes = notes or prev.notes
        else:
            tables.append(SeedTable(line, code, meta.get("dept", ""), meta.get("unit", "万元"), rows, notes))
        i = j
    return tables
