"""A third round of layouts other offices print: pages stored turned (/Rotate 90/270), 三线表 (rules above
and below the header only), 续表 pages, column strips of a too-wide table, table codes (预算01表,
2024年部门预算表3), empty tables printed as a sentence, 年初预算数/决算数 and two-year column blocks,
stacked 总表 halves, whole-元 amounts, 单位：人民币元, self-evaluations with centred merged levels.

Each variant is a small PDF drawn with the shared layout helpers (samplegen/layout.py; the
`Sheet` print habits of samplegen/variants_more.py). Every builder takes `broken`: the same
document with one printed figure changed, so that a test can check the ingest does not call
a table whose sums no longer close `complete` without saying so. The figures each prints
are kept beside it as plain data. `python -m samplegen.variants_third DIR` writes them into DIR.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from . import sheets
from .forms import selfeval_grid
from .layout import Block, Cover, Grid, Span, TableBlock
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_A, STYLE_B
from .variants_more import LONG_LINES, _long_grid

STYLE = replace(STYLE_A, name="variant-third", repeat_title=False, seed_breaks=True)
STYLE_OTHER = replace(STYLE_B, name="variant-third-b", seed_breaks=True)

Line = tuple[str, str, float, float, float]  # code, name, 合计, 基本支出, 项目支出 (万元)


def _wan(x: float) -> str:
    return f"{x:,.2f}"


def _blank(x: float) -> str:
    """An amount as printed; zero left blank."""
    return _wan(x) if x else ""


def _bump(text: str, by: float = 1.0) -> str:
    """The same printed amount, `by` higher (the one figure a broken copy changes)."""
    value = float(text.replace(",", "")) + by
    return f"{value:,.2f}" if "." in text else f"{value:.0f}"


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


def _expenditure_grid(lines: tuple[Line, ...], total: tuple[float, ...], broken: str | None) -> Grid:
    """科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 | 上缴上级支出 | 经营支出 | 对附属单位补助支出, 合计 line first."""
    rows = [["项目", "", "本年支出", "", "", "", "", ""],
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"],
            ["栏次", "", "1", "2", "3", "4", "5", "6"],
            ["", "合计", *(_wan(x) for x in total), "", "", ""]]
    for code, name, t, b, p in lines:
        row = [code, name, _wan(t), _blank(b), _blank(p), "", "", ""]
        if code == broken:
            row[2] = _bump(row[2])
        rows.append(row)
    spans = [Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 6, "header"), Span(2, 0, 1, 2, "header")]
    return Grid(rows, [1.0, 3.2, 1.2, 1.2, 1.2, 1.2, 1.1, 1.6], header_rows=3, spans=spans,
                align=["l", "l", "r", "r", "r", "r", "r", "r"])


def rotated_expenditure(broken: bool = False) -> list[Block]:
    """公开03表 on a portrait page stored with /Rotate 90 (a landscape section of a Word file)."""
    grid = _expenditure_grid(RO_LINES, RO_TOTAL, RO_BROKEN if broken else None)
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
    grid = _long_grid()
    if broken:
        row = next(r for r in grid.rows if r[0] == CR_BROKEN)
        row[3] = _bump(row[3])
    n = len(grid.rows)
    return [Cover([CR_AGENCY, "2023年度部门决算"]),
            TableBlock("支出决算表", grid, code="公开03表", dept=CR_AGENCY, unit="万元", landscape=True, rotate=90,
                       breaks=[n // 2])]


def continued_repeated_header(broken: bool = False) -> list[Block]:
    """The long 支出决算表 over three pages: each continuation page titled 续表, its header rows repeated."""
    grid = _long_grid()
    if broken:
        row = next(r for r in grid.rows if r[0] == CR_BROKEN)
        row[3] = _bump(row[3])
    n = len(LONG_LINES) + 1
    return [Cover([CR_AGENCY, "2023年度部门决算"]),
            Sheet("支出决算表", grid, code="公开03表", dept=CR_AGENCY, unit="万元", repeat_header=True,
                  continued="续表", page_rows=[n // 3, n // 3, n - 2 * (n // 3)])]


# ---------------------------------------------------------------- 单位：人民币元

RMB_AGENCY = "内江市档案馆"
# code, name, 合计, 财政拨款收入, 事业收入, 其他收入 (元)
RMB_LINES = (
    ("201", "一般公共服务支出", 3120456.78, 3020456.78, 80000.0, 20000.0),
    ("20126", "档案事务", 3120456.78, 3020456.78, 80000.0, 20000.0),
    ("2012601", "行政运行", 2520456.78, 2520456.78, 0.0, 0.0),
    ("2012604", "档案馆", 600000.0, 500000.0, 80000.0, 20000.0),
    ("221", "住房保障支出", 185400.0, 185400.0, 0.0, 0.0),
    ("22102", "住房改革支出", 185400.0, 185400.0, 0.0, 0.0),
    ("2210201", "住房公积金", 185400.0, 185400.0, 0.0, 0.0),
)
RMB_TOTAL = (3305856.78, 3205856.78, 80000.0, 20000.0)
RMB_MEASURES = ("total", "fiscal", "business", "other")


def income_rmb_yuan(broken: bool = False) -> list[Block]:
    """收入决算表 whose unit line reads 金额单位：人民币元."""
    def yuan(x: float) -> str:
        return f"{x:,.2f}" if x else ""

    rows = [["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "事业收入", "其他收入"],
            ["", "合计", *(yuan(x) for x in RMB_TOTAL)]]
    rows += [[c, n, *(yuan(x) for x in figures)] for c, n, *figures in RMB_LINES]
    if broken:
        rows[-1][3] = _bump(rows[-1][3], 12345.0)  # 1.23 万元: past the rounding
    grid = Grid(rows, [1.0, 2.6, 1.4, 1.4, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r", "r"])
    return [Cover([RMB_AGENCY, "2023年度部门决算"]),
            TableBlock("收入决算表", grid, code="公开02表", dept=RMB_AGENCY, unit="人民币元")]


# ---------------------------------------------------------------- 政府性基金: the title and one sentence, no table

GS_AGENCY = "资阳市统计局"
GS_NOTE = "本单位2023年度无政府性基金预算财政拨款收入、支出及结转和结余，故本表为空表。"


def gov_fund_sentence_only(broken: bool = False) -> list[Block]:
    """公开07表 printed as its title, code and unit line over one sentence (no grid); broken: no sentence."""
    summary = Grid(
        [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"],
         ["一般公共预算财政拨款收入", "402.30", "一般公共服务支出", "402.30"],
         ["本年收入合计", "402.30", "本年支出合计", "402.30"],
         ["总计", "402.30", "总计", "402.30"]],
        [2.4, 1.2, 2.4, 1.2], header_rows=2, spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")],
    )
    empty = TableBlock("政府性基金预算财政拨款收入支出决算表", Grid([], [1.0]), code="公开07表", dept=GS_AGENCY,
                       unit="万元", notes=[] if broken else [GS_NOTE])
    return [Cover([GS_AGENCY, "2023年度部门决算"]),
            TableBlock("收入支出决算总表", summary, code="公开01表", dept=GS_AGENCY, unit="万元"), empty]


# ---------------------------------------------------------------- two empty tables and the 三公 table on one page

SP_AGENCY = "广安市商务局"
SP_SANGONG = (12.6, 0.0, 8.0, 0.0, 8.0, 4.6)  # 合计, 出国, 车辆小计, 购置, 运行, 接待 (预算数)


def _empty_function_grid() -> Grid:
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    return Grid(rows, [1.0, 3.0, 1.2, 1.2, 1.2], header_rows=1)


def empty_tables_share_page(broken: bool = False) -> list[Block]:
    """A budget whose 政府性基金 and 国有资本经营 tables (header only, a sentence under each) and 三公 table share a page."""
    figures = [_wan(x) for x in SP_SANGONG]
    if broken:
        figures[5] = _bump(figures[5], 0.5)
    sangong = Grid([["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
                    ["", "", "小计", "公务用车购置费", "公务用车运行费", ""], figures],
                   [1.0] * 6, header_rows=2,
                   spans=[Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 1, 3, "header"),
                          Span(0, 5, 2, 1, "header")], align=["r"] * 6)
    return [Cover([SP_AGENCY, "2024年部门预算"]),
            TableBlock("政府性基金预算支出表", _empty_function_grid(), code="公开07表", dept=SP_AGENCY, unit="万元",
                       notes=["本部门2024年无政府性基金预算拨款安排的支出，故本表为空表。"]),
            TableBlock("国有资本经营预算支出表", _empty_function_grid(), code="公开08表", dept=SP_AGENCY, unit="万元",
                       notes=["本部门2024年无国有资本经营预算拨款安排的支出，故本表为空表。"], same_page=True),
            TableBlock("一般公共预算“三公”经费支出表", sangong, code="公开09表", dept=SP_AGENCY, unit="万元",
                       same_page=True)]


def sentences_share_page(broken: bool = False) -> list[Block]:
    """The same budget, its 政府性基金 and 国有资本经营 tables printed as a title and a sentence each (no grid)."""
    blocks = empty_tables_share_page(broken)
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, TableBlock) and b.notes:
            b = replace(b, grid=Grid([], [1.0]), code=None, dept=None, unit=None)
        out.append(b)
    return out


# ---------------------------------------------------------------- table codes: 预算01表, 2024年部门预算表2, 部门预算表3

CS_AGENCY = "南充市司法局"
CS_INCOME = (("一般公共预算拨款收入", 820.0), ("政府性基金预算拨款收入", 0.0), ("事业收入", 30.0), ("上年结转", 50.0))
CS_LINES: tuple[Line, ...] = (
    ("204", "公共安全支出", 780.0, 600.0, 180.0),
    ("20406", "司法", 780.0, 600.0, 180.0),
    ("2040601", "行政运行", 600.0, 600.0, 0.0),
    ("2040604", "基层司法业务", 100.0, 0.0, 100.0),
    ("2040610", "社区矫正", 80.0, 0.0, 80.0),
    ("208", "社会保障和就业支出", 70.0, 70.0, 0.0),
    ("20805", "行政事业单位养老支出", 70.0, 70.0, 0.0),
    ("2080505", "机关事业单位基本养老保险缴费支出", 70.0, 70.0, 0.0),
)
CS_TOTAL = (850.0, 670.0, 180.0)
CS_BROKEN = "2040610"


def code_styles(broken: bool = False) -> list[Block]:
    """A budget whose table codes read 预算01表 and 2024年部门预算表4 (in the title line), 2024年部门预算表2 and
    部门预算表3 (above the title)."""
    summary = Grid(
        [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"],
         *[[label, _wan(x) if x else "", a, b] for (label, x), (a, b) in zip(
             CS_INCOME[:3], (("公共安全支出", "780.00"), ("社会保障和就业支出", "70.00"), ("", "")), strict=True)],
         ["本年收入合计", "850.00", "本年支出合计", "850.00"],
         ["上年结转", "50.00", "结转下年", "50.00"],
         ["收入总计", "900.00", "支出总计", "900.00"]],
        [2.4, 1.2, 2.4, 1.2], header_rows=2, spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")],
    )
    income = Grid([["科目编码", "科目名称", "合计", "一般公共预算拨款收入", "事业收入"],
                   ["", "合计", "850.00", "820.00", "30.00"],
                   ["204", "公共安全支出", "780.00", "750.00", "30.00"],
                   ["208", "社会保障和就业支出", "70.00", "70.00", ""]],
                  [1.0, 2.6, 1.2, 1.6, 1.2], header_rows=1)
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", *(_wan(x) for x in CS_TOTAL)]]
    for code, name, t, b, p in CS_LINES:
        rows.append([code, name, _bump(_wan(t)) if broken and code == CS_BROKEN else _wan(t), _blank(b), _blank(p)])
    expenditure = Grid(rows, [1.0, 3.0, 1.2, 1.2, 1.2], header_rows=1)
    fiscal = Grid([["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"],
                   ["一般公共预算拨款收入", "820.00", "公共安全支出", "750.00"],
                   ["", "", "社会保障和就业支出", "70.00"],
                   ["本年收入合计", "820.00", "本年支出合计", "820.00"],
                   ["收入总计", "820.00", "支出总计", "820.00"]],
                  [2.4, 1.2, 2.4, 1.2], header_rows=2,
                  spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")])
    return [Cover([CS_AGENCY, "2024年部门预算"]),
            TableBlock("预算01表 部门收支总表", summary, dept=CS_AGENCY, unit="万元"),
            TableBlock("部门收入总表", income, caption="2024年部门预算表2", dept=CS_AGENCY, unit="万元"),
            TableBlock("部门支出总表", expenditure, caption="部门预算表3", dept=CS_AGENCY, unit="万元"),
            TableBlock("2024年部门预算表4 财政拨款收支总表", fiscal, dept=CS_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 公开05表: 年初预算数 and 决算数 blocks of 小计/基本/项目

BB_AGENCY = "自贡市统计局"
# code, name, (预算 小计, 基本, 项目), (决算 小计, 基本, 项目)
BB_LINES: tuple[tuple[str, str, tuple[float, float, float], tuple[float, float, float]], ...] = (
    ("201", "一般公共服务支出", (402.0, 342.0, 60.0), (388.64, 331.27, 57.37)),
    ("20105", "统计信息事务", (402.0, 342.0, 60.0), (388.64, 331.27, 57.37)),
    ("2010501", "行政运行", (342.0, 342.0, 0.0), (331.27, 331.27, 0.0)),
    ("2010505", "专项统计业务", (60.0, 0.0, 60.0), (57.37, 0.0, 57.37)),
    ("208", "社会保障和就业支出", (41.2, 41.2, 0.0), (41.2, 41.2, 0.0)),
    ("20805", "行政事业单位养老支出", (41.2, 41.2, 0.0), (41.2, 41.2, 0.0)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (41.2, 41.2, 0.0), (41.2, 41.2, 0.0)),
)
BB_TOTAL = ((443.2, 383.2, 60.0), (429.84, 372.47, 57.37))
BB_BROKEN = "2010505"


def gpb_budget_actual_blocks(broken: bool = False) -> list[Block]:
    """一般公共预算财政拨款支出决算表: 年初预算数 and 决算数 each over 小计 | 基本支出 | 项目支出, header in three rows."""
    rows = [["项目", "", "年初预算数", "", "", "决算数", "", "", "决算数为年初预算数的%"],
            ["科目编码", "科目名称", "小计", "基本支出", "项目支出", "小计", "基本支出", "项目支出", ""],
            ["栏次", "", "1", "2", "3", "4", "5", "6", "7"]]

    def pct(b: float, a: float) -> str:
        return f"{a / b * 100:.2f}%" if b else ""

    def line(code: str, name: str, budget: tuple[float, ...], actual: tuple[float, ...]) -> list[str]:
        cells = [code, name, *(_blank(x) for x in budget), *(_blank(x) for x in actual), pct(budget[0], actual[0])]
        if broken and code == BB_BROKEN:
            cells[7] = _bump(cells[7])
        return cells

    rows.append(line("", "合计", *BB_TOTAL))
    rows += [line(*r) for r in BB_LINES]
    spans = [Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 3, "header"), Span(0, 5, 1, 3, "header"),
             Span(0, 8, 2, 1, "header"), Span(2, 0, 1, 2, "header")]
    grid = Grid(rows, [1.0, 2.8, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.3], header_rows=3, spans=spans,
                align=["l", "l", "r", "r", "r", "r", "r", "r", "r"])
    return [Cover([BB_AGENCY, "2023年度部门决算"]),
            TableBlock("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=BB_AGENCY, unit="万元",
                       landscape=True)]


# ---------------------------------------------------------------- budget: 2023年预算数 and 2024年预算数 blocks, 增减

YB_AGENCY = "乐山市统计局"
# code, name, 2023年 (小计, 基本, 项目), 2024年 (小计, 基本, 项目)
YB_LINES: tuple[tuple[str, str, tuple[float, float, float], tuple[float, float, float]], ...] = (
    ("201", "一般公共服务支出", (402.0, 342.0, 60.0), (415.6, 345.6, 70.0)),
    ("20105", "统计信息事务", (402.0, 342.0, 60.0), (415.6, 345.6, 70.0)),
    ("2010501", "行政运行", (342.0, 342.0, 0.0), (345.6, 345.6, 0.0)),
    ("2010507", "专项普查活动", (60.0, 0.0, 60.0), (70.0, 0.0, 70.0)),
    ("221", "住房保障支出", (30.1, 30.1, 0.0), (31.4, 31.4, 0.0)),
    ("22102", "住房改革支出", (30.1, 30.1, 0.0), (31.4, 31.4, 0.0)),
    ("2210201", "住房公积金", (30.1, 30.1, 0.0), (31.4, 31.4, 0.0)),
)
YB_TOTAL = ((432.1, 372.1, 60.0), (447.0, 377.0, 70.0))
YB_BROKEN = "2210201"


def gpb_year_blocks(broken: bool = False) -> list[Block]:
    """一般公共预算支出表 of a 2024 budget: 2023年预算数 and 2024年预算数 blocks of 小计/基本支出/项目支出, then 增减."""
    rows = [["功能分类科目", "", "2023年预算数", "", "", "2024年预算数", "", "", "2024年比2023年增减", ""],
            ["科目编码", "科目名称", "小计", "基本支出", "项目支出", "小计", "基本支出", "项目支出", "增减额", "增减率"]]

    def line(code: str, name: str, before: tuple[float, ...], now: tuple[float, ...]) -> list[str]:
        change = round(now[0] - before[0], 2)
        cells = [code, name, *(_blank(x) for x in before), *(_blank(x) for x in now), _wan(change),
                 f"{change / before[0] * 100:.2f}%" if before[0] else ""]
        if broken and code == YB_BROKEN:
            cells[6] = _bump(cells[6])
        return cells

    rows.append(line("", "合计", *YB_TOTAL))
    rows += [line(*r) for r in YB_LINES]
    spans = [Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 3, "header"), Span(0, 5, 1, 3, "header"),
             Span(0, 8, 1, 2, "header")]
    grid = Grid(rows, [1.0, 2.6, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.8], header_rows=2, spans=spans,
                align=["l", "l", "r", "r", "r", "r", "r", "r", "r", "r"])
    return [Cover([YB_AGENCY, "2024年部门预算"]),
            TableBlock("一般公共预算支出表", grid, code="公开05表", dept=YB_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- budget 基本支出: one block, 合计 | 人员经费 | 公用经费

EB_AGENCY = "宜宾市档案馆"
EB_LINES = (  # code, name, 合计, 人员经费, 公用经费
    ("301", "工资福利支出", 268.4, 268.4, 0.0),
    ("30101", "基本工资", 96.0, 96.0, 0.0),
    ("30102", "津贴补贴", 120.4, 120.4, 0.0),
    ("30108", "机关事业单位基本养老保险缴费", 52.0, 52.0, 0.0),
    ("302", "商品和服务支出", 42.6, 0.0, 42.6),
    ("30201", "办公费", 12.0, 0.0, 12.0),
    ("30211", "差旅费", 8.6, 0.0, 8.6),
    ("30229", "福利费", 22.0, 0.0, 22.0),
    ("303", "对个人和家庭的补助", 6.0, 6.0, 0.0),
    ("30305", "生活补助", 6.0, 6.0, 0.0),
)
EB_TOTAL = (317.0, 274.4, 42.6)
EB_BROKEN = "30211"


def basic_single_block(broken: bool = False) -> list[Block]:
    """一般公共预算基本支出表 (budget template): 部门预算支出经济分类科目 | 本年一般公共预算基本支出 合计/人员经费/公用经费."""
    rows = [["部门预算支出经济分类科目", "", "本年一般公共预算基本支出", "", ""],
            ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
            ["", "合计", *(_wan(x) for x in EB_TOTAL)]]
    for code, name, t, pers, pub in EB_LINES:
        rows.append([code, name, _bump(_wan(t)) if broken and code == EB_BROKEN else _wan(t), _blank(pers),
                     _blank(pub)])
    spans = [Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 3, "header")]
    grid = Grid(rows, [1.0, 3.0, 1.2, 1.2, 1.2], header_rows=2, spans=spans, align=["l", "l", "r", "r", "r"])
    return [Cover([EB_AGENCY, "2024年部门预算"]),
            TableBlock("一般公共预算基本支出表", grid, code="公开06表", dept=EB_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 收入支出决算总表 in two stacked halves, section rows

SS_AGENCY = "达州市商务局"
SS_INCOME = (("一、一般公共预算财政拨款收入", 812.35), ("二、政府性基金预算财政拨款收入", 0.0),
             ("三、事业收入", 35.5), ("四、其他收入", 2.15))
SS_CLASSES = (("一、一般公共服务支出", 690.2), ("二、社会保障和就业支出", 96.42), ("三、卫生健康支出", 25.18),
              ("四、住房保障支出", 38.2))
SS_TOTALS = {"income_total": 850.0, "opening_balance": 55.6, "grand_total": 905.6, "expenditure_total": 850.0,
             "closing_balance": 55.6, "grand_total_expenditure": 905.6}


def summary_stacked_sections(broken: bool = False) -> list[Block]:
    """公开01表 as 项目 | 行次 | 金额 with a 收入 section row over the income lines, then a 支出 section row."""
    t = SS_TOTALS
    rows = [["项目", "行次", "金额"], ["收入", "", ""]]
    line = 1
    for label, x in SS_INCOME:
        rows.append([label, str(line), _blank(x)])
        line += 1
    rows += [["本年收入合计", str(line), _wan(t["income_total"])],
             ["使用非财政拨款结余", str(line + 1), ""],
             ["年初结转和结余", str(line + 2), _wan(t["opening_balance"])],
             ["总计", str(line + 3), _wan(t["grand_total"])], ["支出", "", ""]]
    line += 4
    for label, x in SS_CLASSES:
        rows.append([label, str(line), _bump(_wan(x)) if broken and "卫生" in label else _wan(x)])
        line += 1
    rows += [["本年支出合计", str(line), _wan(t["expenditure_total"])], ["结余分配", str(line + 1), ""],
             ["年末结转和结余", str(line + 2), _wan(t["closing_balance"])],
             ["总计", str(line + 3), _wan(t["grand_total_expenditure"])]]
    spans = [Span(1, 0, 1, 3), Span(len(SS_INCOME) + 6, 0, 1, 3)]
    align_at = {(1, 0): "c", (len(SS_INCOME) + 6, 0): "c"}
    grid = Grid(rows, [3.2, 0.6, 1.4], header_rows=1, spans=spans, align=["l", "c", "r"], align_at=align_at)
    return [Cover([SS_AGENCY, "2023年度部门决算"]),
            TableBlock("收入支出决算总表", grid, code="公开01表", dept=SS_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 收支总表 in whole 元, no separators

WY_AGENCY = "广元市档案馆"
WY_LEFT = (("一、一般公共预算拨款收入", 2856700), ("二、事业收入", 4200), ("三、其他收入", 0))
WY_RIGHT = (("一、一般公共服务支出", 2615420), ("二、社会保障和就业支出", 187260), ("三、住房保障支出", 58220))
WY_TOTAL = 2860900  # 本年收入合计 = 本年支出合计 (元)


def summary_whole_yuan(broken: bool = False) -> list[Block]:
    """部门收支总表 in 元 printed as whole numbers without separators (2856700, 4200)."""
    right = [(label, str(x)) for label, x in WY_RIGHT]
    if broken:
        right[1] = (right[1][0], str(WY_RIGHT[1][1] + 12000))  # 1.20 万元
    rows = [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]]
    rows += [[a, str(x) if x else "", b, y] for (a, x), (b, y) in zip(WY_LEFT, right, strict=True)]
    rows += [["本年收入合计", str(WY_TOTAL), "本年支出合计", str(WY_TOTAL)],
             ["收入总计", str(WY_TOTAL), "支出总计", str(WY_TOTAL)]]
    grid = Grid(rows, [2.4, 1.2, 2.4, 1.2], header_rows=2,
                spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")], align=["l", "r", "l", "r"])
    return [Cover([WY_AGENCY, "2024年部门预算"]),
            TableBlock("部门收支总表", grid, code="公开01表", dept=WY_AGENCY, unit="元")]


# ---------------------------------------------------------------- 三公 items as rows, two years of columns

TY_AGENCY = "雅安市生态环境局"
# item → (2022年决算数, 2023年预算数, 2023年决算数) in 万元
TY_SANGONG = {"total": (16.8, 18.6, 15.33), "overseas": (0.0, 0.0, 0.0), "vehicle_total": (11.2, 12.0, 10.41),
              "vehicle_purchase": (0.0, 0.0, 0.0), "vehicle_operation": (11.2, 12.0, 10.41),
              "reception": (5.6, 6.6, 4.92)}


def sangong_two_years(broken: bool = False) -> list[Block]:
    """A 2023 决算 三公 table, items as rows: 2022年决算数 | 2023年预算数 | 2023年决算数 | 比预算增减 | 比上年增减."""
    labels = {"total": "合计", "overseas": "1.因公出国（境）费", "vehicle_total": "2.公务用车购置及运行费",
              "vehicle_purchase": "其中：（1）公务用车购置费", "vehicle_operation": "（2）公务用车运行费",
              "reception": "3.公务接待费"}
    rows = [["项目", "2022年决算数", "2023年预算数", "2023年决算数", "决算数比预算数增减", "比上年决算数增减"]]
    for item, label in labels.items():
        last, budget, actual = TY_SANGONG[item]
        shown = actual + 0.5 if broken and item == "reception" else actual
        rows.append([label, _wan(last), _wan(budget), _wan(shown), _wan(round(actual - budget, 2)),
                     _wan(round(actual - last, 2))])
    grid = Grid(rows, [2.6, 1.1, 1.1, 1.1, 1.3, 1.3], header_rows=1, align=["l", "r", "r", "r", "r", "r"])
    return [Cover([TY_AGENCY, "2023年度部门决算"]),
            TableBlock("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=TY_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 科目名称 before 科目编码

NF_AGENCY = "巴中市农业农村局"
NF_LINES: tuple[Line, ...] = (
    ("213", "农林水支出", 905.3, 605.3, 300.0),
    ("21301", "农业农村", 905.3, 605.3, 300.0),
    ("2130101", "行政运行", 605.3, 605.3, 0.0),
    ("2130106", "科技转化与推广服务", 120.0, 0.0, 120.0),
    ("2130108", "病虫害控制", 180.0, 0.0, 180.0),
    ("221", "住房保障支出", 44.7, 44.7, 0.0),
    ("22102", "住房改革支出", 44.7, 44.7, 0.0),
    ("2210201", "住房公积金", 44.7, 44.7, 0.0),
)
NF_TOTAL = (950.0, 650.0, 300.0)
NF_BROKEN = "2130106"


def name_before_code(broken: bool = False) -> list[Block]:
    """支出预算表 whose first column is 科目名称 and second 科目编码, 合计 last."""
    rows = [["科目名称", "科目编码", "合计", "基本支出", "项目支出"]]
    for code, name, t, b, pr in NF_LINES:
        rows.append([name, code, _bump(_wan(t)) if broken and code == NF_BROKEN else _wan(t), _blank(b), _blank(pr)])
    rows.append(["合计", "", *(_wan(x) for x in NF_TOTAL)])
    grid = Grid(rows, [3.0, 1.0, 1.2, 1.2, 1.2], header_rows=1, align=["l", "c", "r", "r", "r"])
    return [Cover([NF_AGENCY, "2024年部门预算"]),
            TableBlock("部门支出总表", grid, code="公开03表", dept=NF_AGENCY, unit="万元")]


# ---------------------------------------------------------------- a wide 收入决算表 printed in two column strips

WS_AGENCY = "泸州市水务局"
WS_MEASURES = ("total", "fiscal", "superior_subsidy", "business", "operating", "affiliated", "other")
WS_LINES = (  # code, name, 合计, 财政拨款收入, 上级补助收入, 事业收入, 经营收入, 附属单位上缴收入, 其他收入
    ("208", "社会保障和就业支出", 88.6, 86.6, 0.0, 2.0, 0.0, 0.0, 0.0),
    ("20805", "行政事业单位养老支出", 88.6, 86.6, 0.0, 2.0, 0.0, 0.0, 0.0),
    ("2080505", "机关事业单位基本养老保险缴费支出", 88.6, 86.6, 0.0, 2.0, 0.0, 0.0, 0.0),
    ("213", "农林水支出", 1562.4, 1320.0, 150.0, 60.0, 20.0, 0.0, 12.4),
    ("21303", "水利", 1562.4, 1320.0, 150.0, 60.0, 20.0, 0.0, 12.4),
    ("2130301", "行政运行", 612.4, 600.0, 0.0, 0.0, 0.0, 0.0, 12.4),
    ("2130306", "水利工程运行与维护", 700.0, 560.0, 100.0, 40.0, 0.0, 0.0, 0.0),
    ("2130311", "水资源节约管理与保护", 250.0, 160.0, 50.0, 20.0, 20.0, 0.0, 0.0),
    ("221", "住房保障支出", 49.0, 49.0, 0.0, 0.0, 0.0, 0.0, 0.0),
    ("22102", "住房改革支出", 49.0, 49.0, 0.0, 0.0, 0.0, 0.0, 0.0),
    ("2210201", "住房公积金", 49.0, 49.0, 0.0, 0.0, 0.0, 0.0, 0.0),
)
WS_TOTAL = (1700.0, 1455.6, 150.0, 62.0, 20.0, 0.0, 12.4)
WS_BROKEN = "2130306"


def income_column_strips(broken: bool = False) -> list[Block]:
    """收入决算表 too wide for the page: 合计 | 财政拨款 | 上级补助 on one page, the other columns on the next
    (科目编码 and 科目名称 printed again), titled 收入决算表（续）."""
    labels = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")

    def strip(cols: range, title: str) -> TableBlock:
        rows = [["科目编码", "科目名称", *(labels[k] for k in cols)], ["", "合计", *(_blank(WS_TOTAL[k]) for k in cols)]]
        for code, name, *figures in WS_LINES:
            cells = [_blank(figures[k]) for k in cols]
            if broken and code == WS_BROKEN and 3 in cols:
                cells[list(cols).index(3)] = _bump(cells[list(cols).index(3)])
            rows.append([code, name, *cells])
        grid = Grid(rows, [1.0, 3.0, *([1.3] * len(cols))], header_rows=1, align=["l", "l", *(["r"] * len(cols))])
        return TableBlock(title, grid, code="公开02表", dept=WS_AGENCY, unit="万元")

    return [Cover([WS_AGENCY, "2023年度部门决算"]), strip(range(0, 3), "收入决算表"),
            strip(range(3, 7), "收入决算表（续）")]


# ---------------------------------------------------------------- self-evaluation: levels merged down, text centred

MC_AGENCY = "攀枝花市应急管理局"
MC_PROJECT = "森林草原防灭火专项经费"
MC_FUNDS = ("300", "320", "301.12", "94.10%", "10", "9.41")  # 年初 全年 执行 执行率 分值 得分
MC_INDICATORS = (  # 一级, 二级, 三级, 分值, 年度指标值, 实际完成值, 得分, 偏差原因
    ("产出指标", "数量指标", "巡护里程", "10", "≥5000公里", "5320公里", "10", ""),
    ("产出指标", "数量指标", "培训扑火队员", "10", "≥300人次", "286人次", "9", "个别队员因执勤缺训"),
    ("产出指标", "质量指标", "装备完好率", "10", "≥95%", "97%", "10", ""),
    ("产出指标", "时效指标", "火情处置响应时间", "10", "≤30分钟", "25分钟", "10", ""),
    ("效益指标", "社会效益指标", "森林火灾受害率", "15", "≤0.9‰", "0.3‰", "15", ""),
    ("效益指标", "生态效益指标", "森林覆盖率", "15", "≥62%", "62.4%", "15", ""),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "20", "≥90%", "93%", "20", ""),
)
MC_TOTAL = "98.41"


def selfeval_merged_centred() -> list[Block]:
    """A 项目支出绩效自评表: 执行率 before 分值, 分值 before 指标值, 一级/二级 merged down with the text centred."""
    grid = selfeval_grid(
        MC_PROJECT, MC_AGENCY, ["年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
        [("年度资金总额", *MC_FUNDS), ("其中：当年财政拨款", *MC_FUNDS[:3])],
        [("做好森林草原防灭火工作", "全年未发生重大森林火灾")],
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"],
        MC_INDICATORS, ["总分", "", "", "100", "", "", MC_TOTAL, ""], [1.0, 1.3, 1.8, 0.6, 1.2, 1.2, 0.6, 1.6],
        split=4, total_cols=3)
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


def selfeval_title_repeated() -> list[Block]:
    """The same form over two pages, the second headed by the title again (an Excel print title row)."""
    (sheet,) = selfeval_merged_centred()
    assert isinstance(sheet, Sheet)
    start = next(i for i, r in enumerate(sheet.grid.rows) if r[0] == "一级指标")
    return [replace(sheet, continued="项目支出绩效自评表", page_rows=[start + 3, len(sheet.grid.rows)])]


VARIANTS: dict[str, Variant] = {
    "rotated_expenditure.pdf": Variant(rotated_expenditure, "2023年度部门决算"),
    "rotated_expenditure_270.pdf": Variant(rotated_expenditure_270, "2023年度部门决算"),
    "three_line_expenditure.pdf": Variant(three_line_expenditure, "2023年度部门决算"),
    "three_line_sangong.pdf": Variant(three_line_sangong, "2024年部门预算"),
    "three_line_summary.pdf": Variant(three_line_summary, "2023年度部门决算"),
    "rotated_two_pages.pdf": Variant(rotated_two_pages, "2023年度部门决算"),
    "sentences_share_page.pdf": Variant(sentences_share_page, "2024年部门预算"),
    "continued_repeated_header.pdf": Variant(continued_repeated_header, "2023年度部门决算"),
    "income_rmb_yuan.pdf": Variant(income_rmb_yuan, "2023年度部门决算"),
    "gov_fund_sentence_only.pdf": Variant(gov_fund_sentence_only, "2023年度部门决算"),
    "empty_tables_share_page.pdf": Variant(empty_tables_share_page, "2024年部门预算"),
    "code_styles.pdf": Variant(code_styles, "2024年部门预算"),
    "gpb_budget_actual_blocks.pdf": Variant(gpb_budget_actual_blocks, "2023年度部门决算"),
    "gpb_budget_actual_blocks_b.pdf": Variant(gpb_budget_actual_blocks, "2023年度部门决算", STYLE_OTHER),
    "gpb_year_blocks.pdf": Variant(gpb_year_blocks, "2024年部门预算"),
    "basic_single_block.pdf": Variant(basic_single_block, "2024年部门预算"),
    "summary_stacked_sections.pdf": Variant(summary_stacked_sections, "2023年度部门决算"),
    "summary_whole_yuan.pdf": Variant(summary_whole_yuan, "2024年部门预算"),
    "income_column_strips.pdf": Variant(income_column_strips, "2023年度部门决算"),
    "sangong_two_years.pdf": Variant(sangong_two_years, "2023年度部门决算"),
    "name_before_code.pdf": Variant(name_before_code, "2024年部门预算"),
    "selfeval_merged_centred.pdf": Variant(selfeval_merged_centred, "", breakable=False),
    "selfeval_title_repeated.pdf": Variant(selfeval_title_repeated, "", breakable=False),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_third"), broken=True).values():
        print(path)
