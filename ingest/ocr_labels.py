"""Labels of OCR'd tables mended before parsing: junk read for ordinals, one character off, wrapped.

A row label with junk before it (八 → "和录忆 住房保障支出") is the label alone when that is a label the
parsers know; a label one character off a known one is that label; a header cell's wrapped label,
which OCR puts on the grid rows beside it, is joined again (`mend_header`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from ingest.ocr_sums import _SUMMARIES

_CJK = re.compile(r"[\u4e00-\u9fff]")
# What an ordinal before a label reads as: 一、 三。 十九、 -  (numerals and marks only, no other character).
_ORDINAL = re.compile(r"[一二三四五六七八九十\d、:：.．,，;；。\-—_|=]+")

# Marks OCR reads from specks beside a label (社会保障和就业支出“, 教育支出 ,).
_MARKS = "“”‘’'\",.，。、:;：；|｜!！`~_"


@cache
def _known_labels() -> frozenset[str]:
    """Row labels a table prints whole: the national 类 names and the 总表's line labels, folded."""
    from ingest.checks import _fold, class_names
    from ingest.parsers.summary import ITEMS

    return class_names() | {_fold(k) for k in ITEMS} | {"合计", "总计", "收入总计", "支出总计"} | _USES


# The 支出用途 lines of a 总表 (its expenditure by use), which the parsers keep under their own names.
_USES = frozenset({"基本支出", "项目支出", "单位预留机动经费", "上缴上级支出", "事业单位经营支出",
                   "对附属单位补助支出"})


def _one_off(folded: str, known: frozenset[str]) -> str | None:
    """The one known label `folded` is one character off (misread, lost or extra), if exactly one."""
    if len(folded) < 4 or not _CJK.search(folded):
        return None
    from rapidfuzz.distance import Levenshtein

    near = [k for k in known if Levenshtein.distance(k, folded, score_cutoff=1) == 1]
    return near[0] if len(near) == 1 else None


def mend_label(cell: str) -> str:
    """A label with OCR junk before it (八 → "和录忆 住房保障支出", "JN  其他收入"), as the label alone.

    OCR reads the ordinal in front of a 总表 line (十九、) as junk; the line is matched by its name,
    so the junk is dropped when what follows the gap is a known label and the whole is not."""
    from ingest.checks import _fold

    known = _known_labels()
    if any(ch.isdigit() for ch in cell):
        return cell
    bare = cell.strip(_MARKS + " ")
    if bare != cell.strip() and _fold(bare) in known:  # a speck read as a mark beside the label
        return bare
    if _fold(cell) in known:
        return cell
    if (one := _one_off(_fold(bare), known)) is not None:  # one character misread (一般公共预算拨款收久)
        return one
    flat = "".join(bare.split())
    for cut in range(1, 5):  # an ordinal read as marks and characters, glued to the label (一 :一 般公共服务支出)
        if _ORDINAL.fullmatch(flat[:cut]) and _CJK.match(flat[cut:]):
            if _fold(flat[cut:]) in known:
                return flat[cut:]
            if (one := _one_off(_fold(flat[cut:]), known)) is not None:  # 三、单位预贸机动经费
                return one
    if cell.strip()[:1] in _MARKS and _CJK.match(bare) and not any(m in bare for m in "”’\""):
        return bare  # an unpaired quote a speck left before the label (”其他资金)
    parts = bare.split()
    if len(parts) < 2:
        return cell
    for k in range(1, len(parts)):
        head, tail = "".join(parts[:k]), "".join(parts[k:])
        if len(head) <= 4 and _fold(tail) in known:
            return tail.strip(_MARKS) or tail
        if len(tail) <= 4 and _fold(head) in known:  # the ordinal read after the label (一般公共服务支出 一、)
            return head
    return cell


def _grand_total_line(row: list[str]) -> list[str]:
    """A 总表 line whose income side reads 总计 / 收入总计: the unread label ending in 计 on its expenditure
    side is 支出总计 (二计, 支出意计 — OCR misreads the 总 of the line's second label)."""
    from ingest.checks import _fold

    labels = [j for j, c in enumerate(row) if _CJK.search(c)]
    if len(labels) != 2 or _fold(row[labels[0]]) not in ("总计", "收入总计"):
        return row
    other = _fold(row[labels[1]])
    if other in _known_labels() or not other.endswith("计") or len(other) > 4:
        return row
    return [*row[:labels[1]], "支出总计", *row[labels[1] + 1:]]


def join_split_label(row: list[str]) -> list[str]:
    """A row whose label OCR centred over a merged cell, cut by the column rules it crosses (当 | 年支出小计,
    支出 | 合 | 计), with the label whole in one cell: pieces of Chinese alone, side by side, that make a
    known label only together, set beside the figure of its line."""
    from ingest.checks import _fold, class_names

    known = _known_labels()
    out = list(row)

    def words(cell: str) -> bool:  # Chinese, no figure
        return bool(_CJK.search(cell)) and not any(ch.isdigit() for ch in cell)
    j = 0
    while j < len(out):
        k = j
        while words(out[j]) and k + 1 < len(out) and words(out[k + 1]):
            k += 1
        if k == j and words(out[j]) and _fold(out[j]) in known and _fold(out[j]) not in class_names():
            at = j  # a whole total-line label (当年支出小计) over a merged cell: beside its figure, past blank cells
            while at + 1 < len(out) and not out[at + 1].strip():
                at += 1
            if at > j and at + 1 < len(out) and any(ch.isdigit() for ch in out[at + 1]):
                out[j], out[at] = "", out[j]
        if k > j:
            pieces = ["".join(c.split()) for c in out[j:k + 1]]
            if not any(_fold(p) in known for p in pieces):
                for end in range(k, j, -1):  # the longest run of pieces that is a label
                    if _fold("".join(pieces[:end - j + 1])) in known:
                        label = "".join(pieces[:end - j + 1])
                        at = end
                        while at + 1 < len(out) and not out[at + 1].strip():
                            at += 1  # the label stands next to its figure, as the parsers pair them
                        out[j:at + 1] = [""] * (at - j) + [label]
                        break
        j = k + 1
    return out


def near_label(cell: str) -> str:
    """A header cell one character off a column label the parsers know (其他收六 → 其他收入, 公务用车运维护费 →
    公务用车运行维护费: one misread, lost or extra), as that label."""
    from rapidfuzz.distance import Levenshtein

    from ingest.ocr_header import known_labels

    text = "".join(cell.split()).strip(_MARKS)
    if len(text) < 4 or text in known_labels() or not _CJK.search(text):
        return cell
    near = [k for k in known_labels() if Levenshtein.distance(k, text, score_cutoff=1) == 1]
    return near[0] if len(near) == 1 else cell


def _sub_totals(header: list[list[str]]) -> list[list[str]]:
    """A header cell holding a group label and the 小计 under it (公务用车购置及运行维护费 / 小计: the rule between
    them lost) split back: the group label in its row, 小计 in the empty cell below."""
    from ingest.ocr_header import known_labels

    out = [list(r) for r in header]
    for r, row in enumerate(out[:-1]):
        for j, cell in enumerate(row):
            lines = [ln for ln in ("".join(x.split()) for x in cell.split("\n")) if ln]
            below = out[r + 1]
            if (len(lines) >= 2 and lines[-1] in ("小计", "合计") and near_label("".join(lines[:-1])) in known_labels()
                    and j < len(below) and not below[j].strip()):
                row[j], below[j] = near_label("".join(lines[:-1])), lines[-1]
    return out


def mend_header(table: Any, path: Path | None = None) -> Any:
    """The table with its header's wrapped labels joined again (项目支 / 出 → 项目支出), and its row
    labels freed of the junk OCR reads for their ordinals (`mend_label`).

    A born-digital cell's wrapped label is one text box; OCR puts each line of it on its own, and
    the lines of a tall merged header cell fall into the grid rows beside it. A fragment of at most
    three characters right under another label of its column is the rest of that label."""
    summary = getattr(table, "family", "") in _SUMMARIES
    rows = [_grand_total_line(join_split_label([mend_label(c) for c in r])) if summary else [mend_label(c) for c in r]
            for r in getattr(table, "rows", [])]
    if rows != [list(r) for r in getattr(table, "rows", [])]:
        table = replace(table, rows=rows)
    if path is not None:  # header cells Tesseract lost, read again from the page image; 项 codes completed
        from ingest.ocr_codes import mend_codes
        from ingest.ocr_header import reread_header, reread_junk_cells

        table = mend_codes(reread_junk_cells(path, reread_header(path, table)))
    header = _sub_totals([[near_label(c) for c in r] for r in getattr(table, "header", [])])
    if header != [list(r) for r in getattr(table, "header", [])]:
        table = replace(table, header=header)
    header = [list(r) for r in header]
    if len(header) < 2:
        return table
    changed = False
    for j in range(max(len(r) for r in header)):
        above: int | None = None
        for r, row in enumerate(header):
            text = "".join(row[j].split()) if j < len(row) else ""
            if not text:
                above = None
                continue
            upper = header[above] if above is not None else []
            spanning = any(0 <= k < len(upper) and upper[k] == upper[j] for k in (j - 1, j + 1))
            if (above is not None and len(text) <= 3 and _CJK.search(upper[j][-1:]) is not None and not spanning
                    and text not in ("类", "款", "项", "栏次", "小计", "合计")):  # a group's 小计 is no wrap
                header[above][j] = "".join(header[above][j].split()) + text
                row[j] = ""
                changed = True
                continue
            above = r
    return replace(table, header=header) if changed else table
