"""A thirteenth round of layouts, 部门决算 and 部门预算 tables of offices the other sets do not draw: a 支出表 whose
unit is stated only in its header cells (合计（元）| 基本支出（元）…, or 千元, 重庆's county books), only in a note under it
(注：本表金额单位为元。) or in a letter-spaced line (单 位 ： 元, 福建); titles followed by their table number on the
same line (…支出决算表 表1-5, 北京's city books); 云南's 部门项目支出预算表（其他运转类、特定目标类项目）after its 支出表
(a bracketed qualifier of more than ten characters); a 财政拨款支出预算表（部门预算支出经济分类科目）— economic lines —
after the 功能分类 table; a 基本支出决算表 of 人员经费 | 公用经费 blocks whose 合计 labels span the code and name
columns, the 公用经费合计 right after the 人员经费合计's figure; tables typeset without ruling lines whose names wrap
(甘肃) or whose header words wrap, on a turned page or a cramped portrait one (黑龙江); 北京's 收入支出决算总表 with 行次 columns and its 年末结转和结余
broken down; 广东's whole county book of nine tables under a 目录, titles numbered in front
(samplegen/variants_thirteenth_book.py). Each drawn whole and `broken` where it has sums (a printed figure changed so that a sum no longer closes).
`python -m samplegen.variants_thirteenth DIR` writes them."""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

from . import sheets
from . import variants_ninth as ninth
from . import variants_thirteenth_book as book
from .layout import Block, Cover, Grid, Heading, Para, Part, Span
from .sheets import Sheet, SheetRenderer, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .variants_sixth import Line, bumped, rollup

STYLE = replace(ninth.STYLE, name="variant-thirteenth")
FINAL = "2024年度部门决算"
BUDGET = "2025年部门预算"
wan, wan0 = ninth.wan, ninth.wan0


def yuan(x: float) -> str:
    """An amount of 万元 printed in 元 with thousands separators and cents; zero left blank."""
    return f"{x * 10000:,.2f}" if x else ""


def code_rows(lines: list[Line], fmt: object = wan) -> list[list[str]]:
    """Coded lines as printed: 科目编码 | 科目名称 | figures (合计 first, its zeros printed)."""
    show = fmt if callable(fmt) else wan
    return [[c or "", n if c else "合计", *(show(x) if (c or x) else "0.00" for x in f)] for c, n, f in lines]


# ---------------------------------------------------------------- a 支出表 of 功能分类 lines (重庆's county offices)
CQ_AGENCY = "重庆市綦江区市场监督管理局"
CQ_NAMES = {"201": "一般公共服务支出", "20138": "市场监督管理事务", "208": "社会保障和就业支出",
            "20805": "行政事业单位养老支出", "221": "住房保障支出", "22102": "住房改革支出"}
_CQ_PARTS = (  # 项 line → (基本支出, 项目支出), 万元
    ("2013801", "行政运行", (1286.43, 0.0)),
    ("2013802", "一般行政管理事务", (0.0, 214.6)),
    ("2013850", "事业运行", (312.08, 18.5)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (158.27, 0.0)),
    ("2210201", "住房公积金", (96.31, 0.0)),
)
CQ_BROKEN = "2013802"  # its 项目支出 printed 1.00 higher: the line, its 款 and 类 no longer close


def cq_lines() -> list[Line]:
    """合计, 类, 款, 项 lines with 合计 | 基本支出 | 项目支出."""
    return rollup([(c, n, (round(sum(f), 6), *f)) for c, n, f in _CQ_PARTS], CQ_NAMES)


def unit_in_header(broken: bool = False) -> list[Block]:
    """一般公共预算支出预算表 of 科目编码 | 科目名称 | 合计（元）| 基本支出（元）| 项目支出（元）in 元 with separators, no
    单位 line anywhere: the unit is said only by the header cells. Broken: a 项目支出 printed 10,000 元 higher."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    head = [["科目编码", "科目名称", "合计（元）", "基本支出（元）", "项目支出（元）"]]
    grid = Grid(head + code_rows(lines, yuan), [1.1, 3.0, 1.5, 1.5, 1.5], header_rows=1,
                align=["l", "l", "r", "r", "r"])
    return [Cover([CQ_AGENCY, BUDGET]),
            Sheet("一般公共预算支出预算表", grid, code="表5", dept=CQ_AGENCY, unit=None)]


def unit_in_header_thousands(broken: bool = False) -> list[Block]:
    """The same table in 千元 (one decimal), said only by its header cells: 合计（千元）| 基本支出（千元）…. Broken: a
    项目支出 printed 10.0 千元 higher."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    head = [["科目编码", "科目名称", "合计（千元）", "基本支出（千元）", "项目支出（千元）"]]
    grid = Grid(head + code_rows(lines, lambda x: f"{x * 10:,.1f}" if x else ""), [1.1, 3.0, 1.5, 1.5, 1.5],
                header_rows=1, align=["l", "l", "r", "r", "r"])
    agency = "重庆市綦江区统计局"
    return [Cover([agency, BUDGET]), Sheet("一般公共预算支出预算表", grid, code="表5", dept=agency, unit=None)]


def unit_in_note(broken: bool = False) -> list[Block]:
    """一般公共预算财政拨款支出决算表 in 元, no 单位 line above it: a note under it says 注：本表金额单位为元。
    Broken: a 项目支出 printed 10,000 元 higher."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    grid = Grid(head + code_rows(lines, yuan), [1.1, 3.0, 1.5, 1.5, 1.5], header_rows=1,
                align=["l", "l", "r", "r", "r"])
    agency = "遵义市播州区市场监督管理局"
    return [Cover([agency, FINAL]),
            Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=agency, unit=None,
                  notes=["注：本表金额单位为元。"])]


def unit_letter_spaced(broken: bool = False) -> list[Block]:
    """福建's county books: the 一般公共预算支出预算表 in 元 under a letter-spaced unit line (单 位 ： 元, as 分散对齐
    sets it). Broken: a 项目支出 printed 10,000 元 higher."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    grid = Grid(head + code_rows(lines, yuan), [1.1, 3.0, 1.5, 1.5, 1.5], header_rows=1,
                align=["l", "l", "r", "r", "r"])
    agency = "宁德市蕉城区市场监督管理局"
    return [Cover([agency, BUDGET]),
            Sheet("一般公共预算支出预算表", grid, code="表5", dept=agency, unit="元", unit_label="单 位 ： ")]


# ---------------------------------------------------------------- titles with their table number behind them
BJ_AGENCY = "北京市西城区统计局"


def titles_numbered_behind(broken: bool = False) -> list[Block]:
    """北京's city books: 一般公共预算财政拨款支出决算表 表5 — the table number after the title on its line — over the
    same 功能分类 lines (合计 | 基本支出 | 项目支出), and an empty 政府性基金预算财政拨款收入支出决算表 表7 said empty.
    Broken: a 项目支出 printed 1.00 higher."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    grid = Grid(head + code_rows(lines), [1.1, 3.0, 1.3, 1.3, 1.3], header_rows=1, align=["l", "l", "r", "r", "r"])
    fund = Grid([["科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出", "年末结转和结余"],
                 ["", "合计", "", "", "", ""]], [1.0, 2.6, 1.2, 1.1, 1.1, 1.2], header_rows=1,
                align=["l", "l", "r", "r", "r", "r"])
    return [Cover([BJ_AGENCY, FINAL]),
            Sheet("一般公共预算财政拨款支出决算表 表1-5", grid, dept=BJ_AGENCY, unit="万元"),
            Sheet("政府性基金预算财政拨款收入支出决算表 表1-7", fund, dept=BJ_AGENCY, unit="万元",
                  notes=["注：本单位2024年度无政府性基金预算财政拨款收入、支出和结转结余，故本表为空表。"])]


# ---------------------------------------------------------------- 基本支出 blocks whose 合计 labels span two columns
MT_AGENCY = "达州市通川区农业农村局"
MT_PERSONNEL = (("301", "工资福利支出", 512.44), ("30101", "基本工资", 210.3), ("30102", "津贴补贴", 196.8),
                ("30108", "机关事业单位基本养老保险缴费", 105.34),
                ("303", "对个人和家庭的补助", 12.6), ("30302", "退休费", 12.6))
MT_PUBLIC = (("302", "商品和服务支出", 74.9), ("30201", "办公费", 31.2), ("30211", "差旅费", 18.5),
             ("30228", "工会经费", 25.2))
MT_TOTALS = (525.04, 74.9)  # 人员经费合计, 公用经费合计
MT_BROKEN_PUBLIC = 75.9  # the 公用经费合计 printed 1.00 higher


def merged_total_labels(broken: bool = False) -> list[Block]:
    """一般公共预算财政拨款基本支出决算表 of 人员经费 | 公用经费 blocks (科目编码 | 科目名称 | 决算数 each), the blocks'
    合计 labels each spanning its block's code and name columns on the last line — 公用经费合计 printed right after
    the 人员经费合计's figure. Broken: the 公用经费合计 printed 1.00 higher."""
    public = MT_BROKEN_PUBLIC if broken else MT_TOTALS[1]
    left = list(MT_PERSONNEL)
    right = list(MT_PUBLIC) + [("", "", 0.0)] * (len(MT_PERSONNEL) - len(MT_PUBLIC))
    rows = [["人员经费", "", "", "公用经费", "", ""], ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"]]
    rows += [[a, b, wan(x), c, d, wan(y)] for (a, b, x), (c, d, y) in zip(left, right, strict=True)]
    rows.append(["人员经费合计", "", wan0(MT_TOTALS[0]), "公用经费合计", "", wan0(public)])
    last = len(rows) - 1
    grid = Grid(rows, [0.9, 2.8, 1.1, 0.9, 2.4, 1.1], header_rows=2,
                spans=[Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 3, "header"), Span(last, 0, 1, 2), Span(last, 3, 1, 2)],
                align=["l", "l", "r", "l", "l", "r"])
    return [Cover([MT_AGENCY, FINAL]),
            Sheet("一般公共预算财政拨款基本支出决算表", grid, code="公开06表", dept=MT_AGENCY, unit="万元",
                  landscape=True)]


# ---------------------------------------------------------------- 云南's project tables after the 支出表
YN_AGENCY = "曲靖市麒麟区市场监督管理局"
YN_PROJECTS = (  # 项目分类, 项目代码, 项目名称, 本年拨款 (元)
    ("其他运转类", "53030221T000000012345", "市场监管执法办案经费", 356_000.0),
    ("特定目标类", "53030221T000000012346", "食品安全抽检经费", 1_230_000.0),
    ("特定目标类", "53030221T000000012347", "计量器具强制检定补助", 275_000.0),
)


def yunnan_project_list(broken: bool = False) -> list[Block]:
    """一般公共预算支出预算表（按功能科目分类）in 元, then 部门项目支出预算表（其他运转类、特定目标类项目）: 项目分类 |
    项目代码 | 项目名称 | 项目单位 | 本年拨款 | 财政拨款 … one line per project — its qualifier thirteen characters long.
    Broken: a 项目支出 printed 10,000 元 higher in the 支出表."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    gpb = Grid(head + code_rows(lines, yuan), [1.1, 3.2, 1.5, 1.5, 1.5], header_rows=1,
               align=["l", "l", "r", "r", "r"])
    rows = [["项目分类", "项目代码", "项目名称", "项目单位", "本年拨款", "一般公共预算", "政府性基金预算"]]
    rows += [[kind, code, name, YN_AGENCY, f"{x:,.2f}", f"{x:,.2f}", ""] for kind, code, name, x in YN_PROJECTS]
    total = sum(x for *_r, x in YN_PROJECTS)
    rows.append(["合计", "", "", "", f"{total:,.2f}", f"{total:,.2f}", ""])
    projects = Grid(rows, [1.1, 2.4, 2.2, 2.2, 1.2, 1.2, 1.2], header_rows=1,
                    spans=[Span(len(rows) - 1, 0, 1, 4)], align=["l", "l", "l", "l", "r", "r", "r"])
    return [Cover([YN_AGENCY, BUDGET]),
            Sheet("一般公共预算支出预算表（按功能科目分类）", gpb, code="预算05表", dept=YN_AGENCY, unit="元"),
            Sheet("部门项目支出预算表（其他运转类、特定目标类项目）", projects, dept=YN_AGENCY, unit="元",
                  landscape=True)]


# ---------------------------------------------------------------- an economic-class table after the 功能分类 one
EC_AGENCY = "石家庄市鹿泉区统计局"
EC_LINES = (("301", "工资福利支出", 386.2), ("30101", "基本工资", 160.4), ("30102", "津贴补贴", 145.6),
            ("30108", "机关事业单位基本养老保险缴费", 80.2), ("302", "商品和服务支出", 58.75), ("30201", "办公费", 22.3),
            ("30211", "差旅费", 9.45), ("30299", "其他商品和服务支出", 27.0))


def economic_qualifier(broken: bool = False) -> list[Block]:
    """一般公共预算支出预算表 (功能分类) then 财政拨款支出预算表（部门预算支出经济分类科目）: 科目编码 | 科目名称 | 合计 |
    基本支出 | 项目支出 of 经济分类 lines — its own table, not more lines of the 功能分类 one. Broken: a 项目支出 printed
    1.00 higher in the 功能分类 table."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    gpb = Grid(head + code_rows(lines), [1.1, 3.2, 1.3, 1.3, 1.3], header_rows=1, align=["l", "l", "r", "r", "r"])
    total = round(sum(x for c, _n, x in EC_LINES if len(c) == 3), 6)
    rows = head + [["", "合计", wan0(total), wan0(total), "0.00"]]
    rows += [[c, n, wan(x), wan(x), ""] for c, n, x in EC_LINES]
    econ = Grid(rows, [1.1, 3.2, 1.3, 1.3, 1.3], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([EC_AGENCY, BUDGET]),
            Sheet("一般公共预算支出预算表", gpb, code="表5", dept=EC_AGENCY, unit="万元"),
            Sheet("财政拨款支出预算表（部门预算支出经济分类科目）", econ, dept=EC_AGENCY, unit="万元")]


# ---------------------------------------------------------------- tables typeset without ruling lines
GS_AGENCY = "定西市安定区市场监督管理局"


def stream_wrapped_names(broken: bool = False) -> list[Block]:
    """甘肃's county books: the 一般公共预算支出表 typeset with whitespace only, in 元 with separators, its 科目名称
    column so narrow that long names (机关事业单位基本养老保险缴费支出, 市场监督管理事务) wrap onto a second line.
    Broken: a 项目支出 printed 10,000 元 higher."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    grid = Grid(head + code_rows(lines, yuan), [1.0, 1.5, 1.5, 1.5, 1.5], header_rows=1,
                align=["l", "l", "r", "r", "r"])
    return [Cover([GS_AGENCY, BUDGET]),
            Sheet("一般公共预算支出预算表", grid, code="表五", dept=GS_AGENCY, unit="元", ruled=False)]


class TurnedRenderer(SheetRenderer):
    """Sheets drawn on landscape pages stored portrait (/Rotate), as Word and WPS write landscape sections."""

    def _sheet(self, b: Sheet) -> None:
        self.rotate = b.rotate
        try:
            super()._sheet(b)
        finally:
            self.rotate = 0


HLJ_AGENCY = "绥化市北林区农业农村局"
HLJ_NAMES = {"213": "农林水支出", "21301": "农业农村", "208": "社会保障和就业支出", "20805": "行政事业单位养老支出"}
_HLJ_PARTS = (  # 项 line → 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出 (万元)
    ("2130101", "行政运行", (618.35, 0.0, 0.0, 0.0, 0.0)),
    ("2130104", "事业运行", (402.1, 35.6, 0.0, 8.4, 0.0)),
    ("2130108", "病虫害控制", (0.0, 126.0, 0.0, 0.0, 12.5)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (96.72, 0.0, 0.0, 0.0, 0.0)),
)
HLJ_MEASURES = ("total", "basic", "project", "remit_superior", "operating", "affiliated_subsidy")
HLJ_BROKEN = "2130108"  # its 项目支出 printed 1.00 higher


def hlj_lines() -> list[Line]:
    return rollup([(c, n, (round(sum(f), 6), *f)) for c, n, f in _HLJ_PARTS], HLJ_NAMES)


def stream_turned(broken: bool = False) -> list[Block]:
    """黑龙江's county books: the 支出决算表 (合计 | 基本支出 | 项目支出 | 上缴上级支出 | 经营支出 | 对附属单位补助支出)
    typeset with whitespace only on a landscape page stored portrait (/Rotate 90). Broken: a 项目支出 printed 1.00
    higher."""
    lines = bumped(hlj_lines(), [HLJ_BROKEN], 2, 1.0) if broken else hlj_lines()
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]]
    grid = Grid(head + code_rows(lines), [1.0, 3.2, 1.1, 1.1, 1.1, 1.1, 1.1, 1.3], header_rows=1,
                align=["l", "l"] + ["r"] * 6)
    return [Cover([HLJ_AGENCY, FINAL]),
            Sheet("支出决算表", grid, code="公开03表", dept=HLJ_AGENCY, unit="万元", ruled=False, rotate=90,
                  landscape=True)]


def stream_cramped(broken: bool = False) -> list[Block]:
    """The same six-measure 支出决算表 without ruling on a portrait page: its columns close together, the page number
    (- 2 -) under the table between two of them. Broken: a 项目支出 printed 1.00 higher."""
    blocks = stream_turned(broken)
    sheet = blocks[-1]
    assert isinstance(sheet, Sheet)
    return [*blocks[:-1], replace(sheet, rotate=0, landscape=False)]


# ---------------------------------------------------------------- the 情况说明 right after the last table page
PR_AGENCY = "乐山市市中区市场监督管理局"
PR_SENTENCE = ("2024年度收入、支出总计均为2,086.19万元，与上年相比，收入、支出总计各增加36.40万元，增长1.78%，主要原因是"
               "市场监管执法办案、食品安全抽检等项目支出增加，同时人员调入使工资福利支出相应增加；其中一般公共预算财政拨款"
               "支出占本年支出合计的100%")


def prose_after_tables(broken: bool = False) -> list[Block]:
    """The 一般公共预算财政拨款支出决算表 as the last table page, then 第二部分 and the 情况说明 whose first page holds a
    few long sentences (joined by ，and ；, fewer than four full stops) and one figure: the narrative, not a page of
    the table. Broken: a 项目支出 printed 1.00 higher."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    grid = Grid(head + code_rows(lines), [1.1, 3.0, 1.3, 1.3, 1.3], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([PR_AGENCY, FINAL]),
            Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=PR_AGENCY, unit="万元"),
            Part("第二部分", "2024年度部门决算情况说明"), Heading("一、收入支出决算总体情况说明"),
            Para(PR_SENTENCE + "。")]


# ---------------------------------------------------------------- 北京's 总表 with its balances broken down
BS_AGENCY = "北京市西城区市场监督管理局"
BS_INCOME = (("一、一般公共预算财政拨款收入", 2046.58), ("二、政府性基金预算财政拨款收入", 0.0),
             ("三、国有资本经营预算财政拨款收入", 0.0), ("四、上级补助收入", 0.0), ("五、事业收入", 36.4),
             ("六、经营收入", 0.0), ("七、附属单位上缴收入", 0.0), ("八、其他收入", 3.21))
BS_CLASSES = (("一、一般公共服务支出", 1764.83), ("二、社会保障和就业支出", 158.27), ("三、卫生健康支出", 62.4),
              ("四、住房保障支出", 96.31))
BS_NON_FISCAL = 4.5  # 使用非财政拨款结余
BS_OPENING = 120.36  # 年初结转和结余
BS_DISTRIBUTION = 0.0  # 结余分配
# 年末结转和结余 and its breakdown: 基本支出结转, 项目支出结转和结余, 经营结余
BS_CLOSING_PARTS = (("基本支出结转", 12.6), ("项目支出结转和结余", 116.64), ("经营结余", 0.0))


def bs_totals() -> dict[str, float]:
    """The 总表's totals as printed: 本年收入合计, 本年支出合计, 年末结转和结余, 总计 (both sides alike)."""
    income = round(sum(x for _l, x in BS_INCOME), 6)
    spent = round(sum(x for _l, x in BS_CLASSES), 6)
    closing = round(sum(x for _l, x in BS_CLOSING_PARTS), 6)
    grand = round(income + BS_NON_FISCAL + BS_OPENING, 6)
    assert abs(grand - (spent + BS_DISTRIBUTION + closing)) < 1e-6, (grand, spent + closing)
    return {"income_total": income, "expenditure_total": spent, "closing_balance": closing, "grand_total": grand}


def summary_balances_broken_down(broken: bool = False) -> list[Block]:
    """收入支出决算总表, 2024年度, 项目 | 行次 | 金额 on each side: eight income lines, 本年收入合计, 使用非财政拨款结余,
    年初结转和结余, 总计; the classes, 本年支出合计, 结余分配, 年末结转和结余 over its 基本支出结转 | 项目支出结转和结余 |
    经营结余 lines, 总计 (the 收入 side's lines run out first). Broken: a class printed 1.00 higher."""
    t = bs_totals()
    classes = [(label, x + (1.0 if broken and k == 0 else 0.0)) for k, (label, x) in enumerate(BS_CLASSES)]
    left = [(a, wan(x)) for a, x in BS_INCOME] + [("本年收入合计", wan0(t["income_total"])),
                                                  ("使用非财政拨款结余", wan(BS_NON_FISCAL)),
                                                  ("年初结转和结余", wan(BS_OPENING))]
    right = [(a, wan(x)) for a, x in classes] + [("", "")] * (len(BS_INCOME) - len(classes))
    right += [("本年支出合计", wan0(t["expenditure_total"])), ("结余分配", wan(BS_DISTRIBUTION)),
              ("年末结转和结余", wan0(t["closing_balance"]))]
    right += [(f"　　{a}", wan(x)) for a, x in BS_CLOSING_PARTS]
    left += [("", "")] * (len(right) - len(left))
    rows = [["收入", "", "", "支出", "", ""], ["项目", "行次", "金额", "项目", "行次", "金额"]]
    rows += [[a, str(k) if a else "", x, b, str(k + 40) if b else "", y]
             for k, ((a, x), (b, y)) in enumerate(zip(left, right, strict=True), start=1)]
    rows.append(["总计", str(len(left) + 1), wan0(t["grand_total"]), "总计", str(len(left) + 41), wan0(t["grand_total"])])
    grid = Grid(rows, [3.0, 0.6, 1.3, 3.0, 0.6, 1.3], header_rows=2,
                spans=[Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 3, "header")], align=["l", "c", "r", "l", "c", "r"])
    return [Cover([BS_AGENCY, FINAL]),
            Sheet("收入支出决算总表", grid, code="公开01表", dept=BS_AGENCY, unit="万元")]


VARIANTS: dict[str, Variant] = {
    "unit_in_header.pdf": Variant(unit_in_header, BUDGET),
    "unit_in_header_thousands.pdf": Variant(unit_in_header_thousands, BUDGET),
    "unit_in_note.pdf": Variant(unit_in_note, FINAL),
    "unit_letter_spaced.pdf": Variant(unit_letter_spaced, BUDGET),
    "titles_numbered_behind.pdf": Variant(titles_numbered_behind, FINAL),
    "merged_total_labels.pdf": Variant(merged_total_labels, FINAL),
    "yunnan_project_list.pdf": Variant(yunnan_project_list, BUDGET),
    "economic_qualifier.pdf": Variant(economic_qualifier, BUDGET),
    "stream_wrapped_names.pdf": Variant(stream_wrapped_names, BUDGET),
    "stream_turned.pdf": Variant(stream_turned, FINAL, renderer=TurnedRenderer),
    "stream_cramped.pdf": Variant(stream_cramped, FINAL),
    "summary_balances_broken_down.pdf": Variant(summary_balances_broken_down, FINAL),
    "prose_after_tables.pdf": Variant(prose_after_tables, FINAL),
    "guangdong_book.pdf": Variant(partial(book.guangdong_book, cq_lines(), CQ_BROKEN), FINAL),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_thirteenth"), broken=True).values():
        print(path)
