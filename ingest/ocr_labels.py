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

from ingest.ocr_sums import _INCOMES, _SUMMARIES

_CJK = re.compile(r"[\u4e00-\u9fff]")
# What an ordinal before a label reads as: 一、 三。 十九、 -  (numerals and marks only, no other character).
_ORDINAL = re.compile(r"[一二三四五六七八九十\d、:：.．,，;；。\-—_|=]+")

# Marks OCR reads from specks beside a label (社会保障和就业支出“, 教育支出 ,).
_MARKS = "“”‘’'\",.，。、:;：；|｜!！`~_"
# A label after an arabic ordinal (1、 2. 3), its mark lost or read as another: the digits, then Chinese only.
_NUMBERED = re.compile(r"\d{1,2}\s*[、.．,，:：;；]?\s*([\u4e00-\u9fff][^\d]*)")


@cache
def _known_labels() -> frozenset[str]:
    """Row labels a table prints whole: the national 类 names and the 总表's line labels, folded."""
    from ingest.checks import _fold, class_names
    from ingest.parsers.summary import ITEMS

    return class_names() | {_fold(k) for k in ITEMS} | {"合计", "总计", "收入总计", "支出总计"} | _USES | _INCOMES


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


def _close(folded: str, known: frozenset[str]) -> str | None:
    """The one known label `folded` is close to where it is no label itself: two characters off a label of six or
    more (般公共服务驻出 for 一般公共服务支出), or its start or end with half of it or more read (社会保障和就 for
    社会保障和就业支出, 共预算 for 一般公共预算, 收入合 for 收入合计); None when that is not exactly one label."""
    if len(folded) < 3 or not re.fullmatch(r"[\u4e00-\u9fff]+", folded) or folded in known:
        return None
    from rapidfuzz.distance import Levenshtein

    if (one := _one_off(folded, known)) is not None:
        return one
    # a known label inside the text is another, longer line (基本支出结转 under a 决算's 年末结转和结余), no misreading
    near = {k for k in known if len(folded) >= 6 and k not in folded
            and Levenshtein.distance(k, folded, score_cutoff=2) <= 2}
    ends = {k for k in known if 2 * len(folded) >= len(k) and (k.startswith(folded) or k.endswith(folded))}
    both = near | ends
    return both.pop() if len(both) == 1 else None


def mend_label(cell: str, near: bool = False) -> str:
    """A label with OCR junk before it (八 → "和录忆 住房保障支出", "JN  其他收入"), as the label alone.

    OCR reads the ordinal in front of a 总表 line (十九、) as junk; the line is matched by its name,
    so the junk is dropped when what follows the gap is a known label and the whole is not. With `near` (a 总表's
    lines, whose vocabulary is closed), a label close to one known label only (`_close`) is that label."""
    from ingest.checks import _fold

    known = _known_labels()

    def fits(text: str) -> str | None:  # the known label `text` is, or is one character (or, with `near`, close) off
        folded = _fold(text)
        if folded in known:
            return text
        return _close(folded, known) if near else _one_off(folded, known)
    if any(ch.isdigit() for ch in cell):
        # an arabic ordinal whose mark OCR lost or moved (1一般公共预算. for 1.一般公共预算): the label alone
        numbered = _NUMBERED.fullmatch(cell.strip())
        bare = numbered.group(1).strip(_MARKS + " ") if numbered else ""
        return (fits(bare) or cell) if bare else cell
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
    for k in range(1, len(parts)):
        head, tail = "".join(parts[:k]), "".join(parts[k:])
        if len(head) <= 4 and _fold(tail) in known:
            return tail.strip(_MARKS) or tail
        if len(tail) <= 4 and _fold(head) in known:  # the ordinal read after the label (一般公共服务支出 一、)
            return head
    if not near:
        return cell
    for k in range(1, len(parts)):  # junk before a label itself misread (meas  一般公共服务支册)
        head, tail = "".join(parts[:k]), "".join(parts[k:]).strip(_MARKS)
        if len(head) <= 4 and (close := fits(tail)) is not None:
            return close
    for cut in range(0, 3):  # a label misread past one character, an ordinal's mark glued to it (八.社会保障和就)
        rest = flat[cut:].strip(_MARKS)
        if (not cut or _ORDINAL.fullmatch(flat[:cut])) and (close := fits(rest)) is not None:
            return close
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


def drop_blank_columns(table: Any) -> Any:
    """The table without the columns that hold nothing in any header or body row: a ruling line OCR's page
    drew a little past the table's border makes a sliver column the table never had, and the parsers find
    the code and amount columns by their places."""
    rows, header = list(getattr(table, "rows", [])), list(getattr(table, "header", []))
    width = max((len(r) for r in [*rows, *header]), default=0)
    keep = [j for j in range(width) if any(j < len(r) and r[j].strip() for r in [*rows, *header])]
    if not rows or len(keep) == width:
        return table
    return replace(table, rows=[[r[j] if j < len(r) else "" for j in keep] for r in rows],
                   header=[[r[j] if j < len(r) else "" for j in keep] for r in header])


_FIGURE = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?")


def amount_columns(rows: list[list[str]]) -> list[int]:
    """The columns whose filled cells are mostly amounts with marks (2,976,800, 0.50, 0; codes print none)."""
    width = max((len(r) for r in rows), default=0)
    return [j for j in range(width)
            if len(filled := [r[j].strip() for r in rows if j < len(r) and r[j].strip()]) >= 3
            and sum(bool(_FIGURE.fullmatch(c)) for c in filled) >= 0.8 * len(filled)
            and sum("," in c or "." in c or c == "0" for c in filled) >= 0.5 * len(filled)]


def _head_of_amounts(cell: str) -> str:
    """A header cell over an amount column that is the start of exactly one known column label, its last
    characters lost (基本 for 基本支出), as that label."""
    from ingest.ocr_header import known_labels

    text = "".join(cell.split()).strip(_MARKS)
    if len(text) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", text) or text in known_labels():
        return cell
    whole = [k for k in known_labels() if k.startswith(text) and len(k) - len(text) <= 2]
    return whole[0] if len(whole) == 1 else cell


_LINE_HEADS = ("行次", "栏次", "行号", "序号")


def blank_junk_line_numbers(table: Any) -> Any:
    """The table with the cells of its 行次 columns that read as letters and marks only (a \nIh for 11) blank: a
    line number is no figure of the table, and junk beside a line's label keeps the parsers from its amount."""
    heads = {j for r in getattr(table, "header", []) for j, c in enumerate(r) if "".join(c.split()) in _LINE_HEADS}
    rows = [list(r) for r in getattr(table, "rows", [])]
    changed = False
    for row in rows:
        for j in heads:
            text = "".join(row[j].split()) if j < len(row) else ""
            if text and not _CJK.search(text) and not any(ch.isdigit() for ch in text):
                row[j], changed = "", True
    return replace(table, rows=rows) if changed else table


def split_stacked(table: Any) -> Any:
    """A cell holding two figures, one above the other, under a blank cell of the line above: OCR placed the
    upper line's figure a little low, past the rule between the lines. Each figure goes to the line where the
    same amount stands in another column (a 项 line printing its 合计 again as 项目支出); the sums then prove it."""
    rows = [list(r) for r in getattr(table, "rows", [])]
    changed = False
    for i in range(1, len(rows)):
        for j, cell in enumerate(rows[i]):
            lines = [ln.strip() for ln in cell.split("\n") if ln.strip()]
            above = rows[i - 1]
            if len(lines) != 2 or not all(_FIGURE.fullmatch(ln) for ln in lines) or j >= len(above) \
                    or above[j].strip():
                continue
            beside = [c.strip() for k, c in enumerate(rows[i]) if k != j]
            over = [c.strip() for c in above]
            fits = [(up, stay) for up, stay in (lines, lines[::-1]) if up in over and stay in beside]
            if len(fits) == 1:
                above[j], rows[i][j] = fits[0]
                changed = True
    return replace(table, rows=rows) if changed else table


def align_short_rows(table: Any) -> Any:
    """Lines of a page whose grid is narrower than the table's (the 合计 line alone on the last page, its label
    spanning the code and name columns) with their figures moved under the table's amount columns: the
    stitched row holds them right after the label, where the table prints codes and names."""
    rows = [list(r) for r in getattr(table, "rows", [])]
    width = max((len(r) for r in rows), default=0)
    amount_cols = amount_columns(rows)
    if not amount_cols or amount_cols != list(range(amount_cols[0], width)):
        return table  # the amount columns are the table's last ones, side by side
    changed = False
    for row in rows:
        cells = [(j, c.strip()) for j, c in enumerate(row) if c.strip()]
        figures = [c for j, c in cells if _FIGURE.fullmatch(c)]
        if (len(cells) < 2 or _FIGURE.fullmatch(cells[0][1]) or len(figures) != len(cells) - 1
                or len(figures) > len(amount_cols) or cells[-1][0] >= amount_cols[0]):
            continue
        for j, _ in cells[1:]:
            row[j] = ""
        row[amount_cols[0]:amount_cols[0] + len(figures)] = figures
        changed = True
    return replace(table, rows=rows) if changed else table


def _total_head(cell: str) -> str:
    """A header cell read as two characters ending in 计 that is no total label (各计, 台计: the 合 misread) as 合计;
    a column's sums, not its label, then prove what it holds."""
    text = "".join(cell.split()).strip(_MARKS)
    if len(text) == 2 and text[1] == "计" and text[0] not in "合总小共统会审设" and _CJK.match(text):
        return "合计"
    return cell


_CODE_HEADS = ("类", "款", "项")


def _code_heads(header: list[list[str]], rows: list[list[str]]) -> list[list[str]]:
    """A 类/款/项 header row with labels lost (a blank cell where OCR read nothing) filled in, where the labels
    read place them and the body's cells under the blank hold codes of its length (3 digits under 类, 2 under
    款 and 项)."""
    out = [list(r) for r in header]
    for row in out:
        for j in range(len(row) - 2):  # the rules between the three lost: one cell "款 类 项" copied into each
            merged = {"".join(c.split()) for c in row[j:j + 3]}
            if len(merged) == 1 and sorted(merged.pop()) == sorted("".join(_CODE_HEADS)):
                row[j:j + 3] = list(_CODE_HEADS)
        found = {h: j for j, c in enumerate(row) if (h := "".join(c.split())) in _CODE_HEADS}
        starts = {j - _CODE_HEADS.index(h) for h, j in found.items()}
        if len(starts) != 1 or len(found) == 3:
            continue
        first = starts.pop()
        if first < 0 or first + 2 >= len(row):
            continue
        for k, head in enumerate(_CODE_HEADS):
            j = first + k
            codes = [r[j].strip() for r in rows if j < len(r) and r[j].strip()]
            size = 3 if k == 0 else 2
            if head in found or row[j].strip() or not codes or \
                    sum(bool(re.fullmatch(rf"\d{{{size}}}", c)) for c in codes) * 2 < len(codes):
                continue
            row[j] = head
    return out


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


# The column labels a family's table prints in one header row, each once (the 三公 items; a 支出表's 合计 | 基本 |
# 项目): where all but one are read, the one other unread label cell of that row is the one missing.
_ROW_LABELS = {
    "sangong": ("合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费"),
}


def _the_missing_label(header: list[list[str]], labels: tuple[str, ...]) -> list[list[str]]:
    """A header row holding all but one of `labels`, and exactly one other cell that is no known label but shares
    two or more characters with the missing one (国人 境 for 因公出国（境）费), more than with any label read: that
    cell as the missing label."""
    from ingest.ocr_header import known_labels

    def key(text: str) -> str:
        return re.sub(r"[\s()（）“”\"'‘’]", "", text)

    out = [list(r) for r in header]
    keys = {key(label): label for label in labels}
    for row in out:
        texts = [key(c) for c in row]
        found = {t for t in texts if t in keys}
        missing = [k for k in keys if k not in found]
        others = list(dict.fromkeys(t for t in texts if t and t not in found and _CJK.search(t)
                                    and key(near_label(t)) not in keys and t not in known_labels()))
        if len(found) < 2 or len(missing) != 1:
            continue
        lost = missing[0]
        near = [t for t in others if len(set(t) & set(lost)) >= 2
                and all(len(set(t) & set(lost)) > len(set(t) & set(k)) for k in found)]
        if len(near) == 1:
            row[:] = [keys[lost] if t == near[0] else c for c, t in zip(row, texts, strict=True)]
    return out


def mend_header(table: Any, path: Path | None = None) -> Any:
    """The table with its header's wrapped labels joined again (项目支 / 出 → 项目支出), and its row
    labels freed of the junk OCR reads for their ordinals (`mend_label`).

    A born-digital cell's wrapped label is one text box; OCR puts each line of it on its own, and
    the lines of a tall merged header cell fall into the grid rows beside it. A fragment of at most
    three characters right under another label of its column is the rest of that label."""
    table = blank_junk_line_numbers(split_stacked(align_short_rows(drop_blank_columns(table))))
    summary = getattr(table, "family", "") in _SUMMARIES
    rows = [_grand_total_line(join_split_label([mend_label(c, near=True) for c in r])) if summary
            else [mend_label(c) for c in r] for r in getattr(table, "rows", [])]
    if rows != [list(r) for r in getattr(table, "rows", [])]:
        table = replace(table, rows=rows)
    table = mend_use_label(table)
    if path is not None:  # header cells Tesseract lost, read again from the page image; 项 codes completed
        from ingest.ocr_codes import mend_codes, reread_codes
        from ingest.ocr_header import reread_header, reread_junk_cells

        table = mend_codes(reread_junk_cells(path, reread_header(path, table)))
        table = reread_junk_labels(path, reread_codes(path, table))
    header = [[near_label(c) for c in r] for r in getattr(table, "header", [])]
    if not any("".join(c.split()) in ("合计", "总计") for r in header for c in r):  # the total column's label misread
        header = [[_total_head(c) for c in r] for r in header]
    amounts = set(amount_columns(list(getattr(table, "rows", []))))
    header = [[_head_of_amounts(c) if j in amounts else c for j, c in enumerate(r)] for r in header]
    header = _code_heads(_sub_totals(header), list(getattr(table, "rows", [])))
    if (labels := _ROW_LABELS.get(getattr(table, "family", ""))) is not None:
        header = _the_missing_label(header, labels)
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


_LATIN_JUNK = re.compile(r"[A-Za-z]{2,8}")
# A junk label is read again at these fractions of 300 dpi: each scale misreads other strokes.
_LABEL_SCALES = (1.0, 0.75, 1.5)


def _junk_label(flat: str) -> bool:
    """A label cell read as junk: Latin letters only (rer for 一、财政拨款), or marks with one Chinese character at
    most (=,下 for 三、单位预留机动经费) — no label a 总表 prints, no figure."""
    if _LATIN_JUNK.fullmatch(flat):
        return True
    return (0 < len(flat) <= 6 and len(_CJK.findall(flat)) <= 1 and not any(ch.isdigit() for ch in flat)
            and not re.search(r"[A-Za-z]", flat))


def reread_junk_labels(path: Path | None, table: Any) -> Any:
    """A 总表 whose line label OCR read as junk (`_junk_label`: rer for 一、财政拨款, =,下 for 三、单位预留机动经费)
    beside an amount, with that label read again from the page image as Chinese: kept when it is a line label the
    parsers know (its ordinal dropped, `mend_label`) that no other line of the table prints; the table's sums still
    prove the line's amount."""
    if path is None or getattr(table, "family", "") not in _SUMMARIES:
        return table
    from ingest.checks import _fold

    rows = [list(r) for r in getattr(table, "rows", [])]
    todo = []  # (row, column, junk, the amount right of it)
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            flat = "".join(cell.split())
            right = next((c.strip() for c in row[j + 1:] if c.strip()), "")
            if _junk_label(flat) and _FIGURE.fullmatch(right):
                todo.append((i, j, max(cell.split(), key=len), right))
    if not todo:
        return table
    from PIL import Image, ImageOps

    from ingest.ocr_crops import cells_of
    from ingest.ocr_image import clean_for_ocr, read_lines

    pages = list(getattr(table, "row_pages", [])) or [table.pages[0]] * len(rows)
    targets = [(pages[i] if i < len(pages) else table.pages[0], junk, amount) for i, _, junk, amount in todo]
    crops, where = [], []
    for n, image, cell in cells_of(path, targets):
        if cell[2] - cell[0] > 40 and cell[3] - cell[1] > 20:
            inset = 8  # inside the rules: no stub of them, nothing of the lines beside
            inner = image.crop((cell[0] + inset, cell[1] + inset, cell[2] - inset, cell[3] - inset))
            crops.append(ImageOps.expand(clean_for_ocr(inner.convert("RGB"), 300), 12, fill="white"))
            where.append(todo[n][:2])
    read: list[set[str]] = [set() for _ in crops]
    for scale in _LABEL_SCALES if crops else ():
        scaled = [c.resize((max(1, int(c.width * scale)), max(1, int(c.height * scale))), Image.Resampling.LANCZOS)
                  for c in crops]
        for n, text in enumerate(read_lines(scaled, 300 * scale, "chi_sim", 60.0) or []):
            label = mend_label("".join(text.split()))
            if _fold(label) in _known_labels():
                read[n].add(label)
    printed = {_fold(mend_label(c)) for r in rows for c in r if _CJK.search(c)}
    changed = False
    for (i, j), labels in zip(where, read, strict=True):
        if len(labels) == 1 and _fold(label := labels.pop()) not in printed:  # one label read, at any scale
            rows[i][j], changed = label, True
            printed.add(_fold(label))
    return replace(table, rows=rows) if changed else table


def _amount(cell: str) -> float | None:
    flat = "".join(cell.split()).replace(",", "")
    return float(flat) if _FIGURE.fullmatch("".join(cell.split())) else None


def mend_use_label(table: Any) -> Any:
    """A 总表's 支出用途 line whose label OCR misread past mending (二、项内光出 for 项目支出): in a column printing
    other use labels, a label that shares two or more characters with exactly one use label no line prints (and
    fewer with every other) is that label — only when the use lines' amounts then add up to the 支出 total line
    of the same column (本年支出合计 | 当年支出小计 | 支出合计): the sum proves which line it is."""
    if getattr(table, "family", "") not in _SUMMARIES:
        return table
    from ingest.checks import _fold
    from ingest.parsers.summary import ITEMS

    rows = [list(r) for r in getattr(table, "rows", [])]

    def figure(row: list[str], j: int) -> float | None:
        right = next((c for c in row[j + 1:] if c.strip()), "")
        return _amount(right)

    for j in range(max((len(r) for r in rows), default=0)):
        labels = {i: _fold(mend_label(r[j])) for i, r in enumerate(rows) if j < len(r) and _CJK.search(r[j])}
        uses = {i: lab for i, lab in labels.items() if lab in _USES}
        totals = [i for i, lab in labels.items() if ITEMS.get(lab) == "expenditure_total"]
        unprinted = [u for u in _USES if u not in uses.values()]
        if not uses or not totals:
            continue
        odd = [(i, lab, best[0]) for i, lab in labels.items() if i not in uses and lab not in _known_labels()
               for best in [[u for u in unprinted if len(set(u) & set(lab)) >= 2
                             and all(len(set(u) & set(lab)) > len(set(v) & set(lab)) for v in _USES if v != u)]]
               if len(best) == 1]
        if len(odd) != 1:
            continue
        i, _, use = odd[0]
        parts = [figure(rows[k], j) for k in [*uses, i]]
        total = figure(rows[totals[0]], j)
        if total is None or any(p is None for p in parts) or abs(sum(p or 0.0 for p in parts) - total) > 0.015:
            continue
        rows[i][j] = use
        return replace(table, rows=rows)
    return table
