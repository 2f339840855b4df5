"""Empty tables: printed as the title and one sentence, or several on one page beside the 三公 table.

Part of the `samplegen/variants_third.py` set (the catalogue and `build` are there). Every builder
takes `broken`: the same document with one printed figure changed; the figures each prints are kept
beside it as plain data.
"""

from __future__ import annotations

from dataclasses import replace

from .layout import Block, Cover, Grid, Span, TableBlock
from .variants_more_base import wan
from .variants_third_base import bump

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
    figures = [wan(x) for x in SP_SANGONG]
    if broken:
        figures[5] = bump(figures[5], 0.5)
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
