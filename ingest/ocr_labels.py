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

# Marks OCR reads from specks beside a label (社会保障和就业支出“, 教育支出 ,).
_MARKS = "“”‘’'\",.，。、:;：；|｜!！`~_"


@cache
def _known_labels() -> frozenset[str]:
    """Row labels a table prints whole: the national 类 names and the 总表's line labels, folded."""
    from ingest.checks import _fold, class_names
    from ingest.parsers.summary import ITEMS

    return class_names() | {_fold(k) for k in ITEMS} | {"合计", "总计", "收入总计", "支出总计"}


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
    folded = _fold(bare)
    if len(folded) >= 4 and _CJK.search(folded):  # one character misread (一般公共预算拨款收久)
        near = [k for k in known if len(k) == len(folded) and sum(a != b for a, b in zip(k, folded, strict=True)) == 1]
        if len(near) == 1:
            return near[0]
    parts = bare.split()
    if len(parts) < 2:
        return cell
    for k in range(1, len(parts)):
        head, tail = "".join(parts[:k]), "".join(parts[k:])
        if len(head) <= 4 and _fold(tail) in known:
            return tail
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


def near_label(cell: str) -> str:
    """A header cell one character off a column label the parsers know (其他收六 → 其他收入), as that label."""
    from ingest.ocr_header import known_labels

    text = "".join(cell.split()).strip(_MARKS)
    if len(text) < 4 or text in known_labels() or not _CJK.search(text):
        return cell
    near = [k for k in known_labels() if len(k) == len(text) and sum(a != b for a, b in zip(k, text, strict=True)) == 1]
    return near[0] if len(near) == 1 else cell


def mend_header(table: Any, path: Path | None = None) -> Any:
    """The table with its header's wrapped labels joined again (项目支 / 出 → 项目支出), and its row
    labels freed of the junk OCR reads for their ordinals (`mend_label`).

    A born-digital cell's wrapped label is one text box; OCR puts each line of it on its own, and
    the lines of a tall merged header cell fall into the grid rows beside it. A fragment of at most
    three characters right under another label of its column is the rest of that label."""
    rows = [_grand_total_line([mend_label(c) for c in r]) if getattr(table, "family", "") in _SUMMARIES
            else [mend_label(c) for c in r] for r in getattr(table, "rows", [])]
    if rows != [list(r) for r in getattr(table, "rows", [])]:
        table = replace(table, rows=rows)
    if path is not None:  # header cells Tesseract lost, read again from the page image; 项 codes completed
        from ingest.ocr_header import mend_codes, reread_header, reread_junk_cells

        table = mend_codes(reread_junk_cells(path, reread_header(path, table)))
    header = [[near_label(c) for c in r] for r in getattr(table, "header", [])]
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
                    and text not in ("类", "款", "项", "栏次")):  # a group label over several columns is no wrap
                header[above][j] = "".join(header[above][j].split()) + text
                row[j] = ""
                changed = True
                continue
            above = r
    return replace(table, header=header) if changed else table
