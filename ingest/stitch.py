"""Pages of one table into one RawTable: headers recognised, repeats dropped.

Camelot gives grids per page. A table that runs over several pages repeats its
title and header rows on each (or not, on a bare continuation page). Pages are
joined by family, in page order, while the family stays the same and no new title
starts a second instance; header rows are recognised by their content (no amounts,
or the 栏次 column-number row), not by position.
"""

from __future__ import annotations

import functools
import re

from ingest.extract import Grid
from ingest.model import PageInfo, RawTable, Segment, stated_unit
from ingest.numbers import normalize_text, whole_amount
from ingest.parsers.goals import list_header

_AMOUNT = re.compile(r"^\(?-?(?:\d{1,3}(?:,\s?\d{3})+|\d+)(?:[.,]\s?\d{1,2}|\.\d+)?\)?%?$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
# Families printed once per project or unit: a repeated title starts a new table.
MULTI_INSTANCE = {"project_selfeval", "overall_selfeval", "project_targets", "overall_targets"}
_TOTAL_LABEL = re.compile(r"^(合\s*计|总\s*计)$")


def clear_caches() -> None:
    _clean.cache_clear()


@functools.lru_cache(maxsize=8192)
def _clean(cell: str) -> str:
    # a cell is looked at by several tests (栏次 row, body row, numeric row, header match)
    return normalize_text(cell)


def is_column_numbers(row: list[str]) -> bool:
    """The 栏次 row: column numbers 1, 2, 3 … (optionally labelled 栏次)."""
    cells = [_clean(c) for c in row if _clean(c)]
    if not cells:
        return False
    if cells[0].replace(" ", "") == "栏次":
        return True
    nums = [c for c in cells if c.isdigit()]
    return len(nums) >= 3 and len(nums) == len(cells) and [int(n) for n in nums] == sorted({int(n) for n in nums})


_NOTHING = re.compile(r"^(?:无|本表无数据|无数据)$")


def is_body_row(row: list[str]) -> bool:
    """A data row: an amount, a function/economic code, or a 合计 label."""
    if is_column_numbers(row):
        return False
    cells = [_clean(c).replace(" ", "") for c in row]
    texts = [c for c in cells if c]
    if sum(whole_amount(t) for c in row for t in _clean(c).split()) >= 2:
        return True  # whole 元 printed without separators, twice (one such number may be a telephone)
    for c in texts:
        if _AMOUNT.match(c) and ("." in c or "," in c):
            return True
        if _CODE.match(c):
            return True
    if texts and all(_NOTHING.match(c) for c in texts):
        return True  # 无 in every cell, or once across the row: an empty table's only line
    # A bare 合计 line (an empty table's only row); a 合计 column header has other labels beside it.
    return bool(texts) and all(_TOTAL_LABEL.match(c) or c in ("类", "款", "项") for c in texts) and any(
        _TOTAL_LABEL.match(c) for c in texts
    )


def _numeric_row(row: list[str]) -> bool:
    """Two or more cells of plain numbers ("3", "0", "12.50"): figures, even without decimals."""
    cells = [_clean(c).replace(" ", "") for c in row if _clean(c)]
    nums = [c for c in cells if _AMOUNT.match(c)]
    return len(nums) >= 2 and len(nums) == len(cells)


def split_header(grid: Grid) -> tuple[Grid, Grid]:
    """(header rows, body rows): header rows are the ones before the first body row.

    After a 栏次 row (column numbers 1 2 3 …) every row is a body row, whatever it holds.
    """
    for i, row in enumerate(grid):
        if is_column_numbers(row) and i + 1 < len(grid):
            return grid[: i + 1], grid[i + 1 :]
        if is_body_row(row) or (i > 0 and _numeric_row(row)):
            return grid[:i], grid[i:]
    return grid, []


def _same_header(a: Grid, b: Grid) -> bool:
    def flat(g: Grid) -> str:
        return "".join(_clean(c).replace(" ", "") for r in g for c in r)

    return flat(a) == flat(b)


def _column_labels(header: Grid) -> list[str]:
    width = max((len(r) for r in header), default=0)
    return [re.sub(r"\s+", "", "".join(_clean(r[j]) for r in header if j < len(r))) for j in range(width)]


def _plain_title(title: str) -> str:
    """A printed title without its 续表 / （续） mark."""
    return re.sub(r"[(（]?续表?\d*[)）]?|\s+", "", normalize_text(title))


def _add_strip(table: RawTable, header: Grid, body: Grid, strips: dict[int, int]) -> bool:
    """Add a grid that prints more columns of rows already read (a table too wide for the page, printed in
    column strips: 科目编码 | 科目名称 again, then the other columns). False when the grid is no such strip.

    A strip repeats the table's leading label columns and the same lines in the same order, and none of
    the table's other column labels (a second table of the family repeats its measures)."""
    if not header or len(body) < 2 or not table.header or _same_header(header, table.header):
        return False
    old, new = _column_labels(table.header), _column_labels(header)
    k = 0
    while k < min(len(old), len(new)) and old[k] and old[k] == new[k]:
        k += 1
    if not 1 <= k < len(new) or {c for c in new[k:] if c} & {c for c in old[k:] if c}:
        return False
    def key(r: list[str]) -> tuple[str, ...]:
        return tuple(re.sub(r"\s+", "", _clean(c)) for c in r[:k])
    keys = [key(r) for r in body]
    if not any(any(ch.isdigit() for ch in "".join(x)) for x in keys):
        return False
    old_keys = [key(r) for r in table.rows]
    start = next((i for i in range(len(old_keys) - len(keys) + 1) if old_keys[i:i + len(keys)] == keys), None)
    if start is None:
        return False
    at = strips.setdefault(id(table), max(len(r) for r in table.header + table.rows))
    if max(len(r) for r in table.header) <= at:  # the first strip of its kind: its labels join the header
        depth = max(len(table.header), len(header))
        top = [[""] * at for _ in range(depth - len(table.header))] + [r + [""] * (at - len(r)) for r in table.header]
        more = [[""] * len(new) for _ in range(depth - len(header))] + header
        table.header = [a + b[k:] for a, b in zip(top, more, strict=True)]
    for i, r in enumerate(body):
        row = table.rows[start + i]
        row.extend([""] * (at + len(r) - k - len(row)))
        row[at:at + len(r) - k] = r[k:]
    return True


_FORM_START = re.compile(r"^(?:项目(?:支出)?名称|专项名称|(?:部门|单位)(?:\(单位\)|\(部门\))?名称|预算部门|主管部门)$"
                         r"|^(?:项目资金|年度预算申请|年度资金总额|资金总额)")


def _starts_form(grid: Grid) -> bool:
    """The grid opens a form: a name row (项目名称, 部门名称 …) or a funds block (项目资金, 年度资金总额 …)."""
    return any(_FORM_START.search(re.sub(r"\s+", "", _clean(c))) for row in grid for c in row)


def _repeats_list_header(header: Grid, current: Grid) -> bool:
    """`header` holds the list header row of `current` (a table listing one project per block of rows)."""
    r = list_header(current)
    return r is not None and any(_same_header([row], [current[r]]) for row in header)


_TWO_SIDED = ("summary", "fiscal_summary")


def _side_words(header: Grid) -> set[str]:
    flat = "".join(re.sub(r"\s+", "", _clean(c)) for row in header for c in row)
    return {w for w in ("收入", "支出") if w in flat}


def _other_half(current: RawTable, family: str | None, header: Grid) -> bool:
    """A second grid of a 总表 on its page that heads the 支出 side while the first headed the 收入 side only."""
    return family == current.family and family in _TWO_SIDED and _side_words(current.header) == {"收入"} \
        and _side_words(header) == {"支出"}


def _beside(current: RawTable, header: Grid, body: Grid) -> None:
    """Join the 支出 half's grid to the right of the 收入 half's, line by line (the parser reads a side by column)."""
    def joined(a: Grid, b: Grid) -> Grid:
        wa, wb = max((len(r) for r in a), default=0), max((len(r) for r in b), default=0)
        return [(a[k] if k < len(a) else []) + [""] * (wa - len(a[k]) if k < len(a) else wa)
                + (b[k] if k < len(b) else []) + [""] * (wb - len(b[k]) if k < len(b) else wb)
                for k in range(max(len(a), len(b)))]

    current.header = joined(current.header, header)
    current.rows = joined(current.rows, body)
    current.row_pages = [current.pages[0]] * len(current.rows)


def _pad(rows: Grid, width: int) -> Grid:
    return [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]


def _tokens(grid: Grid) -> set[str]:
    """The distinct cell texts of a grid (whitespace removed), long enough to tell segments apart."""
    return {t for row in grid for c in row if len(t := re.sub(r"\s+", "", _clean(c))) >= 2}


def assign(grids: list[Grid], segments: list[Segment]) -> list[int]:
    """Segment index of each grid (top to bottom): the order-keeping choice that shares most text.

    Camelot's grids and the text's segments are both in page order; a grid goes to the
    segment whose text holds its cells. Ties go to the segment in step with the grid's rank.
    """
    if len(segments) <= 1 or not grids:
        return [0] * len(grids)
    texts = [re.sub(r"\s+", "", _clean(s.text)) for s in segments]
    skip = 1 if not segments[0].new and not segments[0].family else 0  # a page-top stub of no table

    def in_step(g_i: int, s: int) -> bool:
        return s == min(g_i + skip, len(segments) - 1)

    score = [[
        sum(t in texts[s] for t in _tokens(g)) - (0.0 if segments[s].family else 0.5)
        + (0.25 if in_step(g_i, s) else 0.0)
        for s in range(len(segments))
    ] for g_i, g in enumerate(grids)]
    n = len(segments)
    best = [list(score[0])]
    back: list[list[int]] = [[s for s in range(n)]]
    for g in range(1, len(grids)):
        row, links = [], []
        for s in range(n):
            prev = max(range(s + 1), key=lambda q: best[g - 1][q])
            row.append(best[g - 1][prev] + score[g][s])
            links.append(prev)
        best.append(row)
        back.append(links)
    s = max(range(n), key=lambda q: best[-1][q])
    out = [s]
    for g in range(len(grids) - 1, 0, -1):
        s = back[g][s]
        out.append(s)
    return out[::-1]


def page_segments(info: PageInfo) -> list[Segment]:
    """The page's segments; a page triaged without them is one segment of its family."""
    if info.segments:
        return info.segments
    return [Segment(info.family, info.title or "", info.text, new=not info.continuation, unit=info.unit)]


def text_grids(info: PageInfo) -> list[Grid]:
    """Stand-in grids for a page whose tables no parser reads: one per table segment, holding its text.

    Stitched like Camelot's grids (each goes to the segment whose text it holds), they give those
    tables their family, title and pages — all the lake keeps of them — without reading the page.
    """
    return [[[s.text]] for s in page_segments(info) if s.family]


def stitch(pages: list[PageInfo], grids: dict[int, list[Grid]]) -> list[RawTable]:
    """Join each family's page grids into logical tables, in page order."""
    tables: list[RawTable] = []
    current: RawTable | None = None
    unitless: set[int] = set()  # id() of the tables whose first page prints no 单位 line
    strips: dict[int, int] = {}  # id() of a table printed in column strips → the column its second strip starts at
    for info in pages:
        if not info.family:
            current = None
            continue
        segments = page_segments(info)
        page_grids = grids.get(info.number, [])
        owners = assign(page_grids, segments)
        last_segment = -1
        for grid, s in zip(page_grids, owners, strict=True):  # one owner per grid
            segment = segments[s]
            first_of_segment = s != last_segment
            last_segment = s
            if not segment.family:
                current = None
                continue
            header, body = split_header(grid)
            if current is not None and not first_of_segment and current.pages == [info.number] \
                    and _other_half(current, segment.family, header):
                _beside(current, header, body)  # a 总表's 支出 half printed as a grid of its own beside the 收入 half
                continue
            if current is not None and current.family == segment.family and first_of_segment \
                    and info.number != current.pages[-1] and segment.family not in MULTI_INSTANCE \
                    and (not segment.new or _plain_title(segment.title) == _plain_title(current.title)) \
                    and _add_strip(current, header, body, strips):
                current.pages.append(info.number)
                continue
            continues = (
                current is not None
                and current.family == segment.family
                and (
                    (not segment.new and first_of_segment)
                    or not header
                    or (segment.family not in MULTI_INSTANCE and _same_header(header, current.header))
                    or (first_of_segment and segment.family not in MULTI_INSTANCE
                        and _plain_title(segment.title) == _plain_title(current.title)
                        and info.number != current.pages[-1])  # its title again, or with 续表 (a continued page)
                    # a form's title printed again on its next page (an Excel print title), over no new form
                    or (first_of_segment and segment.family in MULTI_INSTANCE and info.number != current.pages[-1]
                        and not _starts_form(grid))
                    # a form printed as two grids under its one title (its indicators ruled apart): no new form
                    or (not first_of_segment and segment.family in MULTI_INSTANCE and info.number == current.pages[-1]
                        and not _starts_form(grid))
                    # a list of projects (its header names 项目名称 beside the indicators) printed again over its
                    # next page: the list goes on, it is no new form
                    or (first_of_segment and segment.family in MULTI_INSTANCE and info.number != current.pages[-1]
                        and _repeats_list_header(header, current.header))
                )
            )
            if continues and current is not None:
                if segment.family in MULTI_INSTANCE:
                    body = header + body  # a form goes on without a header: every row is a body row
                width = max(len(current.header[0]) if current.header else 0, max((len(r) for r in body), default=0))
                current.rows.extend(_pad(body, width))
                current.row_pages.extend([info.number] * len(body))
                if id(current) in unitless and (printed := _printed_unit(segment.text)):
                    current.unit = printed  # 单位：元 printed under the table, on its last page
                    unitless.discard(id(current))
                if current.pages[-1] != info.number:
                    current.pages.append(info.number)
                if not current.header and header:
                    current.header = header
                continue
            unit = segment.unit or info.unit or _printed_unit(segment.text)
            current = RawTable(
                family=segment.family,
                title=segment.title or "",
                pages=[info.number],
                header=header,
                rows=body,
                row_pages=[info.number] * len(body),
                unit=unit or "万元",
                note=_note(segment.text),
            )
            tables.append(current)
            if not unit:
                unitless.add(id(current))
        for s, segment in enumerate(segments):
            if s not in owners and segment.new and segment.family and said_empty(segment.text):
                # a title over one sentence and no grid ("本单位无政府性基金收支，故本表为空表"): the table, empty
                tables.append(RawTable(segment.family, segment.title or "", [info.number], [], [], [],
                                       segment.unit or info.unit or "万元", _note(segment.text)))
        if segments and segments[-1].new and segments[-1].family and (not owners or owners[-1] != len(segments) - 1):
            current = None  # the page ends in a table with no grid here: nothing to continue
    return tables


# a line under an empty table that says so ("此表为空", "本表无数据", "本单位没有…收支")
_EMPTY_NOTE = re.compile(r"^.{0,45}(?:此表为空|本表为空|空表|无数据|本表无|没有|不涉及|无此项|未安排|无相关).{0,60}$")
# a sentence that says the table is empty, or that the unit has none of what it shows
_SAYS_EMPTY = re.compile(r"[此本]表为空|空表|[此本]表无数据|无数据|"
                         r"本(?:部门|单位)[^，。；]{0,12}(?:无|没有|不涉及|未安排)[^，。；]{0,24}(?:收入|支出|收支|资金|经费)")
_FIGURE = re.compile(r"(?<![\d.])\d[\d,]*\.\d{2}(?![\d.])")


def said_empty(text: str) -> bool:
    """The text under a title says the table is empty and prints no amount."""
    norm = normalize_text(text)
    return bool(_SAYS_EMPTY.search(norm)) and not _FIGURE.search(norm)


def _printed_unit(text: str) -> str | None:
    """The unit a 单位 line in this text states (万元 | 千元 | 元; 人民币万元, 人民币元), or a note under the table
    (注：本表金额单位为元。)."""
    return stated_unit(text)


def _note(text: str) -> str:
    """The notes under a table: 注：… lines, and a line that says the table is empty."""
    found = [ln.strip() for ln in text.splitlines() if _EMPTY_NOTE.match(ln.strip())]
    m = re.search(r"注[:：].*", text, flags=re.S)
    if m:
        found.append(m.group(0).strip())
    return "\n".join(dict.fromkeys(found))[:500]
