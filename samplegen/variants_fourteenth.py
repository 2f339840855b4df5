"""A fourteenth round of layouts, 部门决算 and 部门预算 tables of offices the other sets do not draw: a 决算 book whose
titles carry the 部门决算 software's sheet codes in front (Z01 收入支出决算总表 …); 部门预算 books titled
部门预算收支总表 / 部门预算收入总表 / 部门预算支出总表, their 总表 with letter-spaced totals (本 年 收 入 合 计, 收 入 总 计)
and 上年结转 / 结转下年 lines; a 财政拨款支出预算明细表 that is a plain 功能分类 table (合计 | 基本支出 over 人员经费 |
公用经费 | 项目支出), not 四川's cross table of that name; a 功能分类 table whose code and name share one cell
(2013801 行政运行), zeros printed "-" and its 合计 at the bottom; a 决算 table with 年初结转和结余 | 本年支出 (合计 |
基本支出 | 项目支出) | 年末结转和结余; a 支出决算表 with 合计 as its last column, running over landscape pages without
its header repeated; a 政府性基金 budget table with 类 | 款 | 项 code columns in 元; without ruling lines (read by
text position): the sheet-coded book, the 合计-last table, a 栏次 table over two pages and a sixty-line table over
three pages titled （续表）. Each drawn whole and `broken`
(a printed figure changed so that a sum no longer closes).
`python -m samplegen.variants_fourteenth DIR` writes them (samplegen/variants_fourteenth_budget.py holds the budget
books)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from . import sheets
from . import variants_more_lines as more_lines
from . import variants_sixth as sixth
from . import variants_thirteenth as thirteenth
from . import variants_thirteenth_book as book
from .layout import Block, Cover, Grid, Span, Toc
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .variants_fourteenth_budget import (
    BUDGET,
    budget_income_expenditure,
    budget_summary_spaced,
    fiscal_detail_plain,
    fund_code_levels,
)
from .variants_sixth import Line, bumped, rollup

STYLE = replace(thirteenth.STYLE, name="variant-fourteenth")
FINAL = "2024年度部门决算"
wan, wan0 = thirteenth.wan, thirteenth.wan0
cq_lines, CQ_BROKEN = thirteenth.cq_lines, thirteenth.CQ_BROKEN


def dash(x: float) -> str:
    """An amount in 万元 as printed, a zero as "-"."""
    return f"{x:,.2f}" if x else "-"


# ---------------------------------------------------------------- the 部门决算 software's sheet codes before titles
SOFT_CODES = ("Z01", "Z02", "Z03", "Z04", "Z05", "Z06", "Z07", "Z08", "Z09")


def sheet_coded_book(broken: bool = False) -> list[Block]:
    """广东's nine-table county 决算 (samplegen/variants_thirteenth_book.py), each title led by its sheet code as the
    部门决算 software prints it (Z01 收入支出决算总表, Z03 支出决算表 …), no 目录. Broken: a 项目支出 printed 1.00
    higher in the 支出决算表."""
    blocks = book.guangdong_book(cq_lines(), CQ_BROKEN, broken)
    sheets_ = [b for b in blocks if isinstance(b, Sheet)]
    coded = [replace(s, title=f"{code} {title}") for s, code, title in zip(sheets_, SOFT_CODES, book.TITLES,
                                                                          strict=True)]
    return [b for b in blocks if not isinstance(b, (Sheet, Toc))] + coded


# ---------------------------------------------------------------- code and name in one cell, zeros as "-"
FD_AGENCY = "南平市建阳区市场监督管理局"


def fused_code_dashes(broken: bool = False) -> list[Block]:
    """一般公共预算财政拨款支出决算表 whose one label column (功能分类科目编码及名称) prints each line's code and name
    together (2013801 行政运行), zeros as "-", its 合计 line at the bottom. Broken: a 项目支出 printed 1.00 higher."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    rows = [["功能分类科目编码及名称", "合计", "基本支出", "项目支出"]]
    rows += [[f"{c} {n}", *(dash(x) for x in f)] for c, n, f in lines[1:] if c]
    rows.append(["合    计", *(wan0(x) for x in lines[0][2])])
    grid = Grid(rows, [4.2, 1.4, 1.4, 1.4], header_rows=1, align=["l", "r", "r", "r"])
    return [Cover([FD_AGENCY, FINAL]),
            Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=FD_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 本年支出 between the opening and closing balances
YB_AGENCY = "襄阳市襄州区统计局"
# 项 line → 年初结转和结余, 基本支出, 项目支出, 年末结转和结余 (万元)
_YB_PARTS = (
    ("2010501", "行政运行", (0.0, 402.36, 0.0, 0.0)),
    ("2010502", "一般行政管理事务", (12.4, 0.0, 46.8, 3.2)),
    ("2010507", "专项普查活动", (20.0, 0.0, 118.5, 15.6)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (0.0, 48.72, 0.0, 0.0)),
    ("2210201", "住房公积金", (0.0, 30.9, 0.0, 0.0)),
)
YB_NAMES = {"201": "一般公共服务支出", "20105": "统计信息事务", "208": "社会保障和就业支出",
            "20805": "行政事业单位养老支出", "221": "住房保障支出", "22102": "住房改革支出"}
YB_MEASURES = ("opening", "total", "basic", "project", "closing")
YB_BROKEN = "2010507"  # its 项目支出 printed 1.00 higher


def yb_lines() -> list[Line]:
    """合计, 类, 款, 项 lines: 年初结转和结余 | 本年支出 合计 | 基本支出 | 项目支出 | 年末结转和结余."""
    return rollup([(c, n, (o, round(b + p, 6), b, p, e)) for c, n, (o, b, p, e) in _YB_PARTS], YB_NAMES)


def year_block(broken: bool = False) -> list[Block]:
    """一般公共预算财政拨款支出决算表 of 科目编码 | 科目名称 | 年初结转和结余 | 本年支出 (合计 | 基本支出 | 项目支出) |
    年末结转和结余: a two-row header, the year's 决算 split under its merged label between two balances. Broken: a
    项目支出 printed 1.00 higher."""
    lines = bumped(yb_lines(), [YB_BROKEN], 3, 1.0) if broken else yb_lines()
    head = [["科目编码", "科目名称", "年初结转和结余", "本年支出", "", "", "年末结转和结余"],
            ["", "", "", "合计", "基本支出", "项目支出", ""]]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 2, 1, "header"),
             Span(0, 3, 1, 3, "header"), Span(0, 6, 2, 1, "header")]
    grid = Grid(head + thirteenth.code_rows(lines), [1.0, 3.0, 1.2, 1.1, 1.1, 1.1, 1.2], header_rows=2, spans=spans,
                align=["l", "l"] + ["r"] * 5)
    return [Cover([YB_AGENCY, FINAL]),
            Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=YB_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- 合计 the last column, over pages with no header
LC_AGENCY = "牡丹江市西安区农业农村局"


def total_last_column(broken: bool = False) -> list[Block]:
    """支出决算表 of 科目编码 | 科目名称 | 基本支出 | 项目支出 | 上缴上级支出 | 经营支出 | 对附属单位补助支出 | 合计 —
    合计 printed last — its 合计 line at the bottom, over two landscape pages, the second without the header.
    Broken: a 项目支出 printed 1.00 higher."""
    lines = bumped(thirteenth.hlj_lines(), [thirteenth.HLJ_BROKEN], 2, 1.0) if broken else thirteenth.hlj_lines()
    head = [["科目编码", "科目名称", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出", "合计"]]
    body = [[c, n, *(wan(x) for x in f[1:]), wan(f[0])] for c, n, f in lines[1:] if c]
    total = lines[0][2]
    body.append(["", "合计", *(wan0(x) for x in total[1:]), wan0(total[0])])
    grid = Grid(head + body, [1.0, 3.2, 1.1, 1.1, 1.1, 1.1, 1.3, 1.1], header_rows=1, align=["l", "l"] + ["r"] * 6)
    return [Cover([LC_AGENCY, FINAL]),
            Sheet("支出决算表", grid, code="公开03表", dept=LC_AGENCY, unit="万元", landscape=True,
                  repeat_header=False, page_rows=[5])]


def unruled(blocks: list[Block]) -> list[Block]:
    """The same tables typeset with whitespace only (no ruling line: read by text position)."""
    return [replace(b, ruled=False) if isinstance(b, Sheet) else b for b in blocks]


def sheet_coded_unruled(broken: bool = False) -> list[Block]:
    """The sheet-coded book without ruling lines: the 总表's long income labels cut by the column reader
    (一、一般公共预算财政拨款 | 收入), the 收入决算表 found twice by Camelot in two overlapping areas. Broken: a 项目支出
    printed 1.00 higher in the 支出决算表."""
    return unruled(sheet_coded_book(broken))


def total_last_column_unruled(broken: bool = False) -> list[Block]:
    """合计 as the last column over two pages without the header, no ruling lines, the 上缴上级支出 column blank on
    every line. Broken: a 项目支出 printed 1.00 higher."""
    return unruled(total_last_column(broken))


def column_numbers_unruled(broken: bool = False) -> list[Block]:
    """柳州's 支出决算表 (samplegen/variants_sixth.py: 项目 over 编码 | 名称, a 栏次 row 1 2 3 …, the 合计 line last,
    over two pages, the second without the header) typeset without ruling lines: the 栏次 numbers stand centred under
    the labels, not where the right-aligned figures stand. Broken: a 经营支出 printed 1.00 higher."""
    return unruled(sixth.expenditure_bottom_total(broken, split=True))


def continued_title_unruled(broken: bool = False) -> list[Block]:
    """A long 支出决算表 (samplegen/variants_more_lines.py) over three pages without ruling lines, its continuation
    pages titled 支出决算表（续表）over no header, the last holding one line. Whole only (no copy is broken)."""
    return unruled(more_lines.expenditure_continued_title())


VARIANTS: dict[str, Variant] = {
    "sheet_coded_book.pdf": Variant(sheet_coded_book, FINAL),
    "fused_code_dashes.pdf": Variant(fused_code_dashes, FINAL),
    "year_block.pdf": Variant(year_block, FINAL),
    "total_last_column.pdf": Variant(total_last_column, FINAL),
    "sheet_coded_unruled.pdf": Variant(sheet_coded_unruled, FINAL),
    "total_last_column_unruled.pdf": Variant(total_last_column_unruled, FINAL),
    "column_numbers_unruled.pdf": Variant(column_numbers_unruled, FINAL),
    "continued_title_unruled.pdf": Variant(continued_title_unruled, "2023年度部门决算", breakable=False),
    "budget_summary_spaced.pdf": Variant(budget_summary_spaced, BUDGET),
    "budget_income_expenditure.pdf": Variant(budget_income_expenditure, BUDGET),
    "fiscal_detail_plain.pdf": Variant(fiscal_detail_plain, BUDGET),
    "fund_code_levels.pdf": Variant(fund_code_levels, BUDGET),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_fourteenth"), broken=True).values():
        print(path)
