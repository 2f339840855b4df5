"""Page habits: a wide 支出决算表 on a turned page (/Rotate 90, 270), 三线表 (rules above and below the header only), 续表 pages.

Part of the `samplegen/variants_third.py` set (the catalogue and `build` are there). Every builder
takes `broken`: the same document with one printed figure changed; the figures each prints are kept
beside it as plain data.
"""

from __future__ import annotations

from dataclasses import replace

from .layout import Block, Cover, Grid, Span, TableBlock
from .sheets import Sheet
from .variants_more_base import wan
from .variants_more_lines import LONG_LINES, long_grid
from .variants_third_base import Line, blank, bump
from .variants_third_empty import empty_tables_share_page
from .variants_third_summary import summary_stacked_sections

# ---------------------------------------------------------------- a wide 支出决算表 on a turned page (/Rotate 90)

RO_AGENCY = "眉山市交通运输局"
RO_LINES: tuple[Line, ...] = (
    ("208", "社会保障和就业支出", 96.42, 96.42, 0.0),
    ("20805", "行政事业单位养老支出", 96.42, 96.42, 0.0),
    ("2080505", "机关事业单位基本养老保险缴费支出", 64.28, 64.28, 0.0),
    ("2080506", "机关事业单位职业年金缴费支出", 32.14, 32.14, 0.0),
    ("214", "交通运输支出", 1290.5, 690.5, 600.0),
    ("21401", "公路水路运输", 1290.5, 690.5, 600.0),
    ("2140101", "行政运行", 690.5, 690.5, 0.0),
    ("2140104", "公路建设", 450.0, 0.0, 450.0),
    ("2140106", "公路养护", 150.0, 0.0, 150.0),
    ("221", "住房保障支出", 38.2, 38.2, 0.0),
    ("22102", "住房改革支出", 38.2, 38.2, 0.0),
    ("2210201", "住房公积金", 38.2, 38.2, 0.0),
)
RO_TOTAL = (1425.12, 825.12, 600.0)
RO_BROKEN = "2140104"  # the line whose 合计 the broken copy prints 1.00 higher


def expenditure_grid(lines: tuple[Line, ...], total: tuple[float, ...], broken: str | None) -> Grid:
    """科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 | 上缴上级支出 | 经营支出 | 对附属单位补助支出, 合计 line first."""
    rows = [["项目", "", "本年支出", "", "", "", "", ""],
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
            ["栏次", "", "1", "2", "3", "4", "5", "6"],
            ["", "合计", *(wan(x) for x in total), "", "", ""]]
    for code, name, t, b, p in lines:
        row = [code, name, wan(t), blank(b), blank(p), "", "", ""]
        if code == broken:
            row[2] = bump(row[2])
        rows.append(row)
    spans = [Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 6, "header"), Span(2, 0, 1, 2, "header")]
    return Grid(rows, [1.0, 3.2, 1.2, 1.2, 1.2, 1.2, 1.1, 1.6], header_rows=3, spans=spans,
                align=["l", "l", "r", "r", "r", "r", "r", "r"])


def rotated_expenditure(broken: bool = False) -> list[Block]:
    """公开03表 on a portrait page stored with /Rotate 90 (a landscape section of a Word file)."""
    grid = expenditure_grid(RO_LINES, RO_TOTAL, RO_BROKEN if broken else None)
    return [Cover([RO_AGENCY, "2023年度部门决算"]),
            TableBlock("支出决算表", grid, code="公开03表", dept=RO_AGENCY, unit="万元", landscape=True, rotate=90)]


def rotated_expenditure_270(broken: bool = False) -> list[Block]:
    """The same table on a page stored with /Rotate 270."""
    blocks = rotated_expenditure(broken)
    table = blocks[-1]
    assert isinstance(table, TableBlock)
    return [*blocks[:-1], replace(table, rotate=270)]


def three_line_expenditure(broken: bool = False) -> list[Block]:
    """The wide 支出决算表 typeset as a 三线表: rules above and below the header and under the last row only."""
    blocks = rotated_expenditure(broken)
    table = blocks[-1]
    assert isinstance(table, TableBlock)
    return [*blocks[:-1], replace(table, rotate=0, three_line=True)]


def _three_line(blocks: list[Block]) -> list[Block]:
    """The same document, its tables typeset as 三线表."""
    return [replace(b, three_line=True) if isinstance(b, TableBlock) else b for b in blocks]


def three_line_sangong(broken: bool = False) -> list[Block]:
    """三公 table (two header rows over six items) and the empty tables above it, as 三线表 sharing a page."""
    return _three_line(empty_tables_share_page(broken))


def three_line_summary(broken: bool = False) -> list[Block]:
    """收入支出决算总表 in two stacked halves as a 三线表."""
    return _three_line(summary_stacked_sections(broken))


# ---------------------------------------------------------------- 续表 pages that repeat the header rows

CR_AGENCY = "遂宁市自然资源和规划局"
CR_BROKEN = LONG_LINES[9][0]  # a 项 line


def rotated_two_pages(broken: bool = False) -> list[Block]:
    """The long 支出决算表 on two pages stored with /Rotate 90, its header rows repeated on the second."""
    grid = long_grid()
    if broken:
        row = next(r for r in grid.rows if r[0] == CR_BROKEN)
        row[3] = bump(row[3])
    n = len(grid.rows)
    return [Cover([CR_AGENCY, "2023年度部门决算"]),
            TableBlock("支出决算表", grid, code="公开03表", dept=CR_AGENCY, unit="万元", landscape=True, rotate=90,
                       breaks=[n // 2])]


def continued_repeated_header(broken: bool = False) -> list[Block]:
    """The long 支出决算表 over three pages: each continuation page titled 续表, its header rows repeated."""
    grid = long_grid()
    if broken:
        row = next(r for r in grid.rows if r[0] == CR_BROKEN)
        row[3] = bump(row[3])
    n = len(LONG_LINES) + 1
    return [Cover([CR_AGENCY, "2023年度部门决算"]),
            Sheet("支出决算表", grid, code="公开03表", dept=CR_AGENCY, unit="万元", repeat_header=True,
                  continued="续表", page_rows=[n // 3, n // 3, n - 2 * (n // 3)])]
