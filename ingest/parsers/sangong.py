"""三公 tables → sangong: one row per (stage, item).

Layouts differ: 预算数 block then 决算数 block (湖南), 预算数/决算数 alternating under
each item (上海 决算), budget-only columns in any order, sometimes followed by a 机关运行经费
column. Columns are named from the header (deepest label = item, any 预算/决算 word
above = stage), so column order does not matter. Some offices print the table
transposed: the items as rows (合计, 1.因公出国（境）费, 2.公务用车购置及运行费 over its
小计/购置费/运行费 rows …) and 预算数 / 决算数 as columns; each row is then named by its
deepest label cell. Columns of another year (上年预算数, 2023年预算数 in a 2024 budget)
and 增减 / 增减率 columns are comparisons, not this document's figures: they are skipped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import ingest.parsers.sangong_units as units
from ingest.model import DocMeta, ParseResult, RawTable
from ingest.numbers import AmbiguousCell, in_wan, is_number, to_number
from ingest.parsers.columns import column_labels, compact, is_line_numbers, label_rows, settle_labels, split_fused
from ingest.parsers.sangong_header import blank_columns, item_blocks, join_cut_items, labels_on_figures, stage_blocks
from ingest.parsers.sangong_labels import (
    COUNT,
    ITEM_WORDS,
    STAGE_LABELS,
    STAGE_WORDS,
    YEAR,
    column_item,
    is_comparison,
    item_of,
    other_year,
    row_item,
    stage_of,
)

__all__ = ["column_map", "item_of", "parse", "row_item", "stage_of"]  # the label words: sangong_labels


def column_map(header: list[list[str]], width: int, default_stage: str,
               year: int | None = None) -> dict[int, tuple[str, str]]:
    """Column index → (stage, item)."""
    labels = column_labels(header, width)
    flat = "".join(t for texts in labels for t in texts)
    with_other_costs = "会议费" in flat or "培训费" in flat
    if (blocks := stage_blocks(labels, label_rows(header), width, year, with_other_costs)) is not None:
        return blocks
    skip = other_year(labels, year)
    out: dict[int, tuple[str, str]] = {}
    for j, texts in enumerate(labels):
        item = column_item(texts, with_other_costs)
        if item and j not in skip and not is_comparison([t for t in texts if not item_of(t)]):
            out[j] = (stage_of(texts, default_stage), item)
    if {item for _stage, item in out.values()} == {"total"}:
        return {}  # a 合计 column alone (合计 | 基本支出 | 项目支出 of items as lines): the items are not columns
    return _vehicle_total(_block_stages(out, header, width), labels)


def _vehicle_total(cols: dict[int, tuple[str, str]], labels: list[list[str]]) -> dict[int, tuple[str, str]]:
    """A stage's second 合计 column, under a label naming the 公务用车 (公务用车购置及运行费 over 合计 | 购置费 |
    运行费), is the 公务用车's own total when the stage has no 小计: the 三公 合计 is the other one."""
    out = dict(cols)
    for stage in {s for s, _item in cols.values()}:
        totals = [j for j, key in cols.items() if key == (stage, "total")]
        if len(totals) != 2 or (stage, "vehicle_total") in cols.values():
            continue
        under = [j for j in totals if any(item_of(t) == "vehicle_total" for t in labels[j][:-1])]
        if len(under) == 1:
            out[under[0]] = (stage, "vehicle_total")
    return out


def _block_stages(cols: dict[int, tuple[str, str]], header: list[list[str]],
                  width: int) -> dict[int, tuple[str, str]]:
    """A stage label printed once over its block of items (centred, not over the block's first column) names
    every column of the block: blocks end where an item comes again; the label is looked for in the
    header as printed (before spanning labels are carried right, which would carry it past its block)."""
    printed = [[compact(r[j]) for r in label_rows(header) if j < len(r) and compact(r[j])] for j in range(width)]
    blocks: list[list[int]] = []
    for j in sorted(cols):
        if not blocks or cols[j][1] in {cols[k][1] for k in blocks[-1]}:
            blocks.append([])
        blocks[-1].append(j)
    out = dict(cols)
    # a block's label may sit over its later columns, past the last one named (a comparison block whose
    # first columns took the label of the block before): look as far as the widest block reaches
    period = max((b[-1] - b[0] + 1 for b in blocks), default=1)
    for k, block in enumerate(blocks):
        end = min(block[0] + period, blocks[k + 1][0] if k + 1 < len(blocks) else width)
        texts = [t for j in range(block[0], end) for t in printed[j]]
        if len(blocks) > 1 and any(is_comparison([t]) for t in texts if any(w in t for w in STAGE_LABELS)):
            for j in block:
                out.pop(j, None)  # 决算数比上年增减 over the block: a comparison
            continue
        named = {stage_of([t], "") for t in texts} - {""}
        if len(named) == 1 and len(blocks) > 1:
            stage = named.pop()
            out.update({j: (stage, cols[j][1]) for j in block})
    return out


# columns splitting a line's 合计 by kind of spending (合计 | 基本支出 | 项目支出): parts, not the 三公 figure
_KINDS = ("基本支出", "项目支出", "人员经费", "公用经费")


def _stage_columns(labels: list[list[str]], body: list[list[str]], default: str,
                   year: int | None) -> dict[int, str]:
    """Figure columns of a transposed table → stage; comparison and other-year columns left out."""
    skip = other_year(labels, year)
    out: dict[int, str] = {}
    for j, texts in enumerate(labels):
        if j == 0 or j in skip or is_comparison(texts) or any(item_of(t) not in (None, "total") for t in texts) or \
                is_line_numbers(texts, body, j) or COUNT.search("".join(texts)) or \
                any(w in t for t in texts for w in _KINDS):
            continue  # (团组数, 人次 … beside the figures: counts, no stage; 基本支出 | 项目支出: the 合计's parts)
        if any(is_number(r[j]) for r in body if j < len(r)):
            out[j] = stage_of(texts, default)
    kept = full_year({j: "".join(labels[j]) for j in out})
    return {j: stage for j, stage in out.items() if j in kept}


def full_year(labels: dict[int, str]) -> dict[int, str]:
    """Of columns (or lines) → stage, the 预算数 one when a 决算 prints 年初预算数 beside 全年预算数 (调整预算数):
    the standard 预算数 of a 决算 table is the full-year budget, 年初 an extra column."""
    return {k: text for k, text in labels.items() if not _initial_beside_full(labels, k)}


def _initial_beside_full(labels: dict[int, str], k: int) -> bool:
    """Whether `k` is a 年初预算 label printed beside a budget label that is not 年初."""
    def budget(text: str) -> bool:
        return stage_of([text], "") == "budget"

    return budget(labels[k]) and "年初" in labels[k] and any(
        budget(t) and "年初" not in t for j, t in labels.items() if j != k)


def _halves(stages: dict[int, str], rows: list[list[str]], width: int) -> list[tuple[int, dict[int, str]]]:
    """The figure columns grouped under the label columns before them: (first label column, {column: stage})
    per group. A table printed in halves side by side (项目 | 预算数 | 项目 | 预算数) has two groups."""
    labelled = [j for j in range(width) if j not in stages
                and any(j < len(r) and compact(r[j]) and not is_number(r[j]) for r in rows)]
    groups: list[tuple[int, dict[int, str]]] = []
    start = 0
    for j in sorted(stages):
        if groups and not any(groups[-1][1] and max(groups[-1][1]) < c < j for c in labelled):
            groups[-1][1][j] = stages[j]  # no label column since the group's last figure column
            continue
        groups.append((start, {j: stages[j]}))
        start = j + 1
    return groups


def _transposed(table: RawTable, doc: DocMeta, default: str, width: int) -> list[dict[str, Any]]:
    """Rows of a table that prints the items as rows: (stage, item) from each row's deepest label; a table
    printed in halves side by side reads each half's labels and figures."""
    labels = column_labels(table.header, width)
    stages = _stage_columns(labels, table.rows, default, doc.year)
    if not stages:
        return []
    groups = _halves(stages, table.rows, width)
    if any(len(set(g.values())) < len(g) for _, g in groups):
        # two figure columns of one stage (预算数 and a column the header does not name): which is it?
        raise AmbiguousCell(f"三公列未识别，{len(stages)} 个金额列只有 {len(set(stages.values()))} 种口径 / "
                            "two columns of one stage")
    flat = "".join(compact(c) for r in table.rows for lo, g in groups for c in r[lo:min(g)])
    with_other_costs = "会议费" in flat or "培训费" in flat
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for row, page in zip(table.rows, table.row_pages, strict=True):
        for lo, group in groups:
            names = [compact(c) for c in row[lo:min(group)] if compact(c) and not is_number(c)]
            item = row_item(names[-1], with_other_costs) if names else None
            if item is None:
                continue
            for j, stage in group.items():
                if (stage, item) in seen:
                    continue
                seen.add((stage, item))
                amount = in_wan(to_number(row[j] if j < len(row) else ""), table.factor)
                out.append({**doc.common(page), "stage": stage, "item": item, "amount": amount,
                            "source": "table"})
    return out if any(r["item"] == "total" for r in out) or len(out) >= 2 * len(stages) else []


def parse(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
    """Append sangong rows from the 合计 line (or the first line with figures)."""
    if (unfused := split_fused(table.header, table.rows)) is not None:
        # a figure and the words of the column after it in one cell ("10.60 严格执行…" under "决算数 增减变化原因": a
        # 三线表 read by text position): two columns
        table = replace(table, header=unfused[0], rows=unfused[1])
    width = max([len(r) for r in table.rows] + [len(r) for r in table.header] + [0])
    default = "budget" if doc.doc_kind == "budget" else "actual"
    cols = column_map(table.header, width, default, doc.year)
    if blank_columns(cols, table.rows) and (rejoined := join_cut_items(table.header)) is not None:
        table, cols = replace(table, header=rejoined), column_map(rejoined, width, default, doc.year)
    if moved := labels_on_figures(table.header, table.rows, cols, lambda h: column_map(h, width, default, doc.year)):
        table, cols = replace(table, header=moved[0]), moved[1]  # labels beside their figures (a 三线表 read by text)
    if (blocks := _by_blocks(table.header, width, cols, doc.year)) is not None:
        cols = blocks  # each item's label once over its 预算数 | 决算数 | 完成率 block (a 三线表 read by text)
    if not cols:
        try:
            transposed = _transposed(table, doc, default, width)
        except AmbiguousCell as exc:
            transposed, trouble = [], f"{table.title}（第{table.pages[0]}页）：{exc}"
        else:
            trouble = f"{table.title}（第{table.pages[0]}页）：未识别三公列 / 三公 columns not recognised"
        if not transposed and (settled := settle_labels(table.header, table.rows)) is not None:
            # a text-position reading: the stage labels sit over blank columns beside their figures
            try:
                transposed = _transposed(replace(table, header=settled), doc, default, width)
            except AmbiguousCell:
                transposed = []
        if transposed:
            result.add("sangong", transposed)
            return
        result.warnings.append(trouble)
        return
    body = list(zip(table.rows, table.row_pages, strict=True))
    candidates = [(r, p) for r, p in body if any(is_number(r[j]) for j in cols if j < len(r))
                  and not units.column_numbers(r)]  # (the 栏次 line under a header is no line of figures)
    by_row = _stage_rows(candidates, cols, table.header, width, default, doc.year)
    if by_row is not None:
        rows_out: list[dict[str, Any]] = []
        for stage, (row, page) in by_row.items():
            rows_out += _figures(table, doc, result, row, page, {j: (stage, item) for j, (_, item) in cols.items()})
        result.add("sangong", rows_out)
        return
    total_rows = [(r, p) for r, p in candidates if units.is_total(r)]
    if no_total := units.no_total(table, candidates, cols):
        result.warnings.append(no_total)  # several 单位 lines, no 合计: which is the 部门's is not guessed
        return
    chosen = (total_rows or candidates or body or [([""] * width, table.pages[0])])[0]
    row, page = chosen
    if total_rows and len(lines := units.unit_lines(candidates, cols)) >= 2:
        result.failures.extend(units.unit_sums(table, row, lines, cols))  # the 部门's 合计 against its 单位 lines
    pairs = list(cols.values())
    if twice := sorted({STAGE_WORDS[s] + ITEM_WORDS[i] for s, i in pairs if pairs.count((s, i)) > 1}):
        # two columns read as one figure (a 上年 block, a title row taken for a header …): which is it?
        result.warnings.append(f"{table.title}（第{page}页）：三公列未识别，{'、'.join(twice)} 各有两列 / "
                               "duplicate 三公 columns")
    if stray := _unclaimed(row, cols, table.header, width, doc.year):
        # a figure under a label no item answers (a header cut by a text-position reader): an item is missing
        result.warnings.append(f"{table.title}（第{page}页）：三公列未识别，" + "、".join(
            f"“{label or '无标题'}”列的 {figure}" for label, figure in stray) + " 未读 / unclaimed 三公 figures")
    result.add("sangong", _figures(table, doc, result, row, page, cols))


def _by_blocks(header: list[list[str]], width: int, cols: dict[int, tuple[str, str]],
               year: int | None) -> dict[int, tuple[str, str]] | None:
    """The header read block by block under its stage line (`sangong_header.item_blocks`), when that names more
    (stage, item) pairs than the header read column by column, or as many with none twice where it had one twice."""
    flat = "".join(compact(c) for r in header for c in r)
    blocks = item_blocks(header, width, "会议费" in flat or "培训费" in flat, year)
    if not blocks:
        return None
    pairs, before = set(blocks.values()), set(cols.values())
    twice = len(before) < len(cols) and len(pairs) == len(blocks)
    return blocks if len(pairs) > len(before) or (twice and len(pairs) >= len(before)) else None


_OTHER_COLUMNS = ("机关运行", "会议", "培训", "行次", "栏次", "序号", "单位", "编码", "名称", "项目")


def _unclaimed(row: list[str], cols: dict[int, tuple[str, str]], header: list[list[str]], width: int,
               year: int | None) -> list[tuple[str, str]]:
    """(label, figure) of the decimal figures of the line read that no 三公 column claims, other than
    another year's, a comparison's, or a column the header names as something else."""
    labels = column_labels(header, width)
    skip = other_year(labels, year)
    out = []
    for j, cell in enumerate(row):
        text = compact(cell)
        if j in cols or j in skip or j >= len(labels) or "." not in text or not is_number(cell):
            continue
        joined = "".join(labels[j])
        if (labels[j] and is_comparison(labels[j])) or any(w in joined for w in _OTHER_COLUMNS) \
                or COUNT.search(joined) or any(item_of(t) for t in labels[j]):
            continue  # a column the header names (the 合计 of 三公 + 会议费 + 培训费 is left out on purpose)
        out.append((joined, text))
    return out


def _figures(table: RawTable, doc: DocMeta, result: ParseResult, row: list[str], page: int,
             cols: dict[int, tuple[str, str]]) -> list[dict[str, Any]]:
    """The sangong rows of one printed line."""
    rows = []
    for j, (stage, item) in cols.items():
        try:
            amount = in_wan(to_number(row[j] if j < len(row) else ""), table.factor)
        except AmbiguousCell as exc:
            result.warnings.append(f"{table.title}（第{page}页）{stage}/{item}：{exc}")
            continue
        rows.append({**doc.common(page), "stage": stage, "item": item, "amount": amount, "source": "table"})
    return rows


# a line labelled by its stage or year (预算数, 2024年决算数, 年初预算数, 决算数比预算数增减), not by a name that holds
# such a word (岳阳市君山区财政预算评审中心: a 单位's line)
_STAGE_LINE = re.compile(r"^(?:20\d{2}年度?|(?:上年|本年|当年)?(?:年初|全年|调整后?)?(?:预算|决算|执行|实际|支出))")


def _stage_rows(candidates: list[tuple[list[str], int]], cols: dict[int, tuple[str, str]], header: list[list[str]],
                width: int, default: str, year: int | None) -> dict[str, tuple[list[str], int]] | None:
    """Lines labelled by stage or year (预算数 / 决算数, 2023年预算数 / 2024年预算数, 增减) under item columns:
    stage → the line to read. None when the columns carry the stages or no line is labelled so."""
    labels = column_labels(header, width)
    if any(_STAGE_LINE.match(t) for j in cols if j < len(labels) for t in labels[j]):
        return None  # the header names the stages (预算数, 2024年决算数 …; not a title cut into it: 一般公共预算)
    named = []
    for row, page in candidates:
        label = "".join(compact(c) for j, c in enumerate(row) if j not in cols and not is_number(c))
        named.append((label, row, page))
    if not any(_STAGE_LINE.match(label) for label, _, _ in named):
        return None
    years = {int(y) for label, _, _ in named for y in YEAR.findall(label)}
    kept = full_year(dict(enumerate(label for label, _, _ in named)))
    out: dict[str, tuple[list[str], int]] = {}
    for k, (label, row, page) in enumerate(named):
        if k not in kept or not _STAGE_LINE.match(label) or is_comparison([label]) or \
                (year in years and YEAR.search(label) and str(year) not in label):
            continue  # 增减 / 上年 / another year's line; a 单位's line (…预算评审中心: a name holding 预算)
        out.setdefault(stage_of([label], default), (row, page))
    return out or None
