"""三公 header labels a text-position reader left beside their figures.

A table ruled only above and below its header (三线表) is read by text position: a label centred over its column
lands in a column of its own, blank on every body line, beside the right-aligned figures it names (公务用车购置费
over nothing, 18.00 under the parent label 公务用车购置及运行费). Read so, an item's column holds no figure and its
figure is read under another item's name. The labels are moved onto the figures: whole columns first
(`columns.settle_labels`), else label by label within a header line, onto the neighbour that holds figures and no
label on that line. The moved header is taken only when every item column it names holds a figure and it names as many
columns of figures as the header did. A 湖南 form whose zeros are blank cells leaves an item's label over no figure at
all: `shift_to_figures` moves each label onto the one figure column before the next label, else reads it as that blank.

Read so, a header printing 预算数 | 决算数 | 完成率 under each item (18 columns) keeps the stage words over the figures
but leaves each item's label once over the middle of its block; carried right, 合计 names the next item's 预算数.
`item_blocks` reads such a header by its stage line instead: a block begins at each column naming the stage the line
begins with, and the item label printed anywhere over the block names all its columns. Items repeating in blocks under
a stage (or year) label printed once over each (2022年决算数 | 2023年预算数 | 2023年决算数) take it from there
(`stage_blocks`): carried right, the label would name the next block's first columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.numbers import is_number, normalize_text
from ingest.parsers.columns import column_labels, compact, is_banner, label_rows, settle_labels
from ingest.parsers.sangong_labels import STAGE_LABELS, YEAR, column_item, is_comparison, item_of, other_year, stage_of
from ingest.parsers.sangong_units import column_numbers

ColumnMap = dict[int, tuple[str, str]]


def _body(rows: list[list[str]]) -> list[list[str]]:
    """The lines holding figures (not a 注 line, not the 栏次 line)."""
    return [r for r in rows if any(is_number(c) and any(ch.isdigit() for ch in c) for c in r)
            and not column_numbers(r)]


_DECIMAL = re.compile(r"\d\.\d")


def _every_figure_claimed(cols: ColumnMap, rows: list[list[str]]) -> bool:
    """Every column holding a figure with decimals on a body line is an item column, and no (stage, item) is named
    twice: an item column blank on every line is then a blank cell, a zero (表格中单元格空白表示数据为零), not a figure
    read elsewhere (the sums the table prints prove it)."""
    held = {j for r in _body(rows) for j, c in enumerate(r) if is_number(c) and _DECIMAL.search(c)}
    return bool(held) and held <= set(cols) and len(set(cols.values())) == len(cols)


def blank_columns(cols: ColumnMap, rows: list[list[str]]) -> list[int]:
    """The item columns blank on every line with figures."""
    body = _body(rows)
    return [j for j in cols if body and not any(j < len(r) and compact(r[j]) for r in body)]


def settle_by_line(header: list[list[str]], rows: list[list[str]]) -> list[list[str]] | None:
    """The header with each label over a column blank on every body line moved, within its header line, onto the
    neighbour (right first) that holds body cells and no label on that line; None when no label moves."""
    body = _body(rows)
    width = max([len(r) for r in header] + [len(r) for r in rows] + [0])
    out = [list(r) + [""] * (width - len(r)) for r in header if not is_banner(r)]

    def filled(j: int) -> bool:
        return 0 <= j < width and any(j < len(r) and compact(r[j]) for r in body)

    moved = False
    for line in out:
        for j in range(width):
            if compact(line[j]) and not filled(j):
                k = next((k for k in (j + 1, j - 1) if filled(k) and not compact(line[k])), None)
                if k is not None:
                    line[k], line[j] = line[j], ""
                    moved = True
    return out if moved else None


def shift_to_figures(cols: ColumnMap, rows: list[list[str]]) -> ColumnMap | None:
    """Each item label's column moved onto the one column holding figures from it up to the next item's label (a
    centred label left of its right-aligned figures), or kept where none does (a blank cell: zero); None when a
    label has two figure columns before the next, or a figure column lies left of the first label."""
    held = {j for r in _body(rows) for j, c in enumerate(r) if is_number(c) and _DECIMAL.search(c)}
    starts = sorted(cols)
    if not held or not starts or min(held) < starts[0]:
        return None
    out: ColumnMap = {}
    for k, lo in enumerate(starts):
        hi = starts[k + 1] if k + 1 < len(starts) else max(held) + 1
        inside = [j for j in held if lo <= j < hi]
        if len(inside) > 1:
            return None
        out[inside[0] if inside else lo] = cols[lo]
    return out


def join_cut_items(header: list[list[str]]) -> list[list[str]] | None:
    """The header with an item label a text-position reader cut in two on one line ("公务用车" | "购置及运行费": each
    half, and their join, naming the same item) put back together over the first of the two columns that has a label
    under it (the label's parts: 小计 | 购置费 | 运行费), else over the right one; the other half's column freed for
    the figures under it. None when no label is cut so. (Two cells printing the same whole label are a merged cell's
    text repeated: not cut.)"""
    out = [list(r) for r in header]
    joined = False
    for r, line in enumerate(out):
        for j in range(len(line) - 1):
            a, b = compact(line[j]), compact(line[j + 1])
            if not a or not b or a in b or b in a:
                continue
            item = item_of(a)
            if item is not None and item_of(b) == item and item_of(a + b) == item:
                below = [k for k in (j, j + 1) if any(k < len(low) and compact(low[k]) for low in out[r + 1:])]
                keep = below[0] if below else j + 1
                line[j] = line[j + 1] = ""
                line[keep] = a + b
                joined = True
    return out if joined else None


def labels_on_figures(header: list[list[str]], rows: list[list[str]], cols: ColumnMap,
                      mapping: Callable[[list[list[str]]], ColumnMap]) -> tuple[list[list[str]], ColumnMap] | None:
    """(header, column map) with the labels moved onto their figures, when the header as read leaves an item column
    blank and the moved one names as many columns of figures, none of its items over a blank column; else the header
    as read with each label's column moved onto its figures, when that claims every figure and leaves only blank
    cells (zeros) under the rest; else None."""
    blank = blank_columns(cols, rows)
    if not blank:
        return None
    filled = len(cols) - len(blank)
    shifted = shift_to_figures(cols, rows)
    whole = shifted if shifted is not None and _every_figure_claimed(shifted, rows) else None
    for moved in (settle_labels(header, rows), settle_by_line(header, rows)):
        if moved is None:
            continue
        again = mapping(moved)
        empty = blank_columns(again, rows)
        # a label carried right over a blank column (a spanning cell's text repeated) names an item read beside it
        again = {j: key for j, key in again.items() if j not in empty or list(again.values()).count(key) == 1}
        if again and not blank_columns(again, rows) and len(again) >= filled:
            if whole is not None and len(set(whole.values())) > len(set(again.values())):
                break  # labels moved onto figures not theirs, items lost: each label's own figure (or blank) instead
            return moved, again
    if whole is not None:
        return header, whole  # (表格中单元格空白表示数据为零: a 三线表 whose zeros are blank cells)
    return None


def _stage_cell(cell: str) -> str:
    """The stage a cell of the stage line names ("" for a comparison: 完成率, 增减 …, or a blank); a cell holding two
    labels a reader ran together ("决算数 完成率（%）") names its first (the table's sums prove the reading)."""
    parts = normalize_text(cell).split()
    first = compact(parts[0]) if parts else ""
    return "" if not first or is_comparison([first]) else stage_of([first], "")


def _block_item(lines: list[list[str]], lo: int, hi: int, with_other_costs: bool, spanning: bool) -> str | None:
    """The item the labels printed over columns lo … hi-1 name (None: none, or two on one line); without `spanning`,
    a label naming the 三公 and no item (一般公共预算财政拨款“三公”经费, printed once over every block) left out."""
    texts: list[str] = []
    for line in lines:
        found = [t for c in line[lo:hi] if (t := compact(c)) and (spanning or "三公" not in t or item_of(t))]
        if sum(1 for t in found if item_of(t) or "小计" in t) > 1:
            return None  # two items over one block: the blocks are not the items'
        texts += found
    return column_item(texts, with_other_costs) if texts else None


def item_blocks(header: list[list[str]], width: int, with_other_costs: bool, year: int | None) -> ColumnMap | None:
    """Column → (stage, item) of a header whose deepest line prints the stages of each item (预算数 | 决算数 | 完成率
    under each), read block by block: a block begins at each column naming the stage the line begins with and is named
    by the item label printed anywhere over it; None when the header is not so (each block one item, none twice)."""
    lines = [list(r) + [""] * (width - len(r)) for r in label_rows(header)]
    if len(lines) < 2:
        return None
    stage_line = lines[-1]
    cells = [(j, compact(c)) for j, c in enumerate(stage_line) if compact(c)]
    if not cells or any(item_of(t) or not (stage_of([t], "") or is_comparison([t])) for _j, t in cells):
        return None
    lead = normalize_text(stage_line[cells[0][0]]).split()[0]
    starts = [j for j, _t in cells if normalize_text(stage_line[j]).split()[0] == lead and _stage_cell(stage_line[j])]
    if len(starts) < 2:
        return None
    skip = other_year(column_labels(header, width), year)
    spans = [(lo, starts[k + 1] if k + 1 < len(starts) else min(width, lo + starts[1] - starts[0]))
             for k, lo in enumerate(starts)]
    for spanning in (True, False):  # (“三公”经费 over every block may land in one: a 小计 under it is no 合计)
        items = [_block_item(lines[:-1], lo, hi, with_other_costs, spanning) for lo, hi in spans]
        if None not in items and len(set(items)) == len(items):
            return {j: (stage, item) for (lo, hi), item in zip(spans, items, strict=True) for j in range(lo, hi)
                    if (stage := _stage_cell(stage_line[j])) and j not in skip and item}
    return None


def _stage_word(text: str) -> bool:
    """A label naming a stage, a year's stage or a comparison (预算数, 2023年决算数, 增减), no item."""
    return not item_of(text) and (any(w in text for w in STAGE_LABELS) or is_comparison([text]))


def stage_blocks(labels: list[list[str]], lines: list[list[str]], width: int, year: int | None,
                 with_other_costs: bool) -> ColumnMap | None:
    """Column → (stage, item) of a header printing the same items in blocks (合计 … 接待 | 合计 … 接待), each block's
    stage read from the one stage label printed over it (2022年决算数 | 2023年预算数 | 2023年决算数, centred), not from
    labels carried right past their block; a block of another year than the document's (when one names its year) or
    of a comparison is left out. None when the items do not repeat in blocks of two or more, or a block has no stage
    label or two."""
    items = {j: item for j, texts in enumerate(labels) if (item := column_item(texts, with_other_costs))}
    blocks: list[list[int]] = []
    for j in sorted(items):
        if not blocks or items[j] in {items[k] for k in blocks[-1]}:
            blocks.append([])
        blocks[-1].append(j)
    if len(blocks) < 2 or any(len(b) < 2 for b in blocks):
        return None
    printed = [[compact(r[j]) for r in lines if j < len(r) and compact(r[j])] for j in range(width)]
    period = max(b[-1] - b[0] + 1 for b in blocks)
    words = []
    for k, block in enumerate(blocks):
        end = blocks[k + 1][0] if k + 1 < len(blocks) else min(width, block[0] + period)
        found = {t for j in range(block[0], end) for t in printed[j] if _stage_word(t)}
        if len(found) != 1:
            return None
        words.append(found.pop())
    years = [{int(y) for y in YEAR.findall(w)} for w in words]
    ours = year is not None and any(year in ys for ys in years)
    out: ColumnMap = {}
    for block, word, ys in zip(blocks, words, years, strict=True):
        if is_comparison([word]) or (ours and ys and year not in ys):
            continue  # 增减 / 上年 / 2022年决算数 over the block: not the document's figures
        out |= {j: (stage_of([word], ""), items[j]) for j in block}
    return out or None
