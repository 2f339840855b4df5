"""A fifteenth round of layouts, 部门决算 and 部门预算 tables as offices print them that the other sets do not draw:
amounts in whole 元 (a 三线表 with thousands separators; a rule-less 支出决算表 and a 三线表 总表 without them); a rule-less 总表 whose
labels wrap over two lines; 类 | 款 | 项 codes in three columns, every line printing all its parts; 决算数 split into
合计 | 基本支出 | 项目支出 under a merged cell beside 年初预算数 and 完成率; a long table over pages, its header
repeated under a 续表 mark; a book whose 目录 lists its 政府性基金 table as 无, that page printing only its title and
a note, the 国有资本经营 table printed empty; a 预算 table of 上年预算数 | 本年预算数 | 增减额 | 增减率; a 支出决算表 whose
总计 line stands at the bottom; a 总表 under its notes, its title in the page header. Each drawn whole and `broken`
(a printed figure changed so that a sum no longer closes, or a 项 printed under another 项's name).
`python -m samplegen.variants_fifteenth DIR` writes them (samplegen/variants_fifteenth_book.py holds the books)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from . import sheets
from . import variants_thirteenth as thirteenth
from .layout import Block, Cover, Grid, Span
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .variants_fifteenth_book import (
    BUDGET,
    FINAL,
    budget_prev_year,
    nil_fund_book,
    plain,
    summary_header_title,
    summary_plain_three_line,
    summary_wrapped_unruled,
)
from .variants_sixth import Line, bumped, rollup

STYLE = replace(thirteenth.STYLE, name="variant-fifteenth")
cq_lines, CQ_BROKEN = thirteenth.cq_lines, thirteenth.CQ_BROKEN
hlj_lines, HLJ_BROKEN = thirteenth.hlj_lines, thirteenth.HLJ_BROKEN
wan, wan0 = thirteenth.wan, thirteenth.wan0


def whole(x: float) -> str:
    """An amount of 万元 printed in whole 元 with thousands separators; zero left blank."""
    return f"{round(x * 10000):,}" if x else ""


def rows_of(lines: list[Line], show: object) -> list[list[str]]:
    """科目编码 | 科目名称 | figures, the 合计 line's zeros printed 0."""
    fmt = show if callable(show) else wan
    return [[c or "", n if c else "合计", *(fmt(x) if c else (fmt(x) or "0") for x in f)] for c, n, f in lines]


# ---------------------------------------------------------------- whole 元 with separators, a 三线表
WT_AGENCY = "宜昌市夷陵区市场监督管理局"


def whole_yuan_three_line(broken: bool = False) -> list[Block]:
    """一般公共预算财政拨款支出决算表 in whole 元 with separators (20,861,900), typeset as a 三线表 (rules above and
    below the header and under the last line only), 单位：元. Broken: a 项目支出 printed 10,000 元 higher."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    grid = Grid([["科目编码", "科目名称", "合计", "基本支出", "项目支出"]] + rows_of(lines, whole),
                [1.1, 3.2, 1.4, 1.4, 1.4], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([WT_AGENCY, FINAL]),
            Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=WT_AGENCY, unit="元",
                  unit_label="单位：")]


# ---------------------------------------------------------------- whole 元 without separators, no ruling lines
WP_AGENCY = "鸡西市鸡冠区农业农村局"


def plain_yuan_unruled(broken: bool = False) -> list[Block]:
    """支出决算表 (合计 | 基本支出 | 项目支出 | 上缴上级支出 | 经营支出 | 对附属单位补助支出) in whole 元 without
    separators (6183500), typeset with whitespace only on a landscape page. Broken: a 项目支出 printed 10000 元
    higher."""
    lines = bumped(hlj_lines(), [HLJ_BROKEN], 2, 1.0) if broken else hlj_lines()
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]]
    grid = Grid(head + rows_of(lines, plain), [1.0, 3.2, 1.2, 1.2, 1.2, 1.2, 1.1, 1.5], header_rows=1,
                align=["l", "l"] + ["r"] * 6)
    return [Cover([WP_AGENCY, FINAL]),
            Sheet("支出决算表", grid, code="公开03表", dept=WP_AGENCY, unit="元", landscape=True, ruled=False)]


# ---------------------------------------------------------------- 类 | 款 | 项 columns, every part printed
CL_AGENCY = "荆门市东宝区统计局"
CL_PARTS = (  # 项 line → 年初预算数, 基本支出, 项目支出 (万元)
    ("2010501", "行政运行", (398.0, 402.36, 0.0)),
    ("2010507", "专项普查活动", (150.0, 0.0, 118.5)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (50.0, 48.72, 0.0)),
    ("2210201", "住房公积金", (31.0, 30.9, 0.0)),
)
CL_NAMES = {"201": "一般公共服务支出", "20105": "统计信息事务", "208": "社会保障和就业支出",
            "20805": "行政事业单位养老支出", "221": "住房保障支出", "22102": "住房改革支出"}
CL_MEASURES = (None, "total", "basic", "project", None)  # 年初预算数 and 完成率 are not the 决算's own figures
CL_MISNAMED = ("2010501", "一般行政管理事务")  # the broken copy's 项 printed under another 项's name


def cl_lines() -> list[Line]:
    """合计, 类, 款, 项 lines: 年初预算数 | 决算数 合计 | 基本支出 | 项目支出 | 完成率 (a percentage, not 万元)."""
    items = [(c, n, (b, round(x + p, 6), x, p)) for c, n, (b, x, p) in CL_PARTS]
    return [(c, n, (*f, round(100 * f[1] / f[0], 2) if f[0] else 0.0)) for c, n, f in rollup(items, CL_NAMES)]


def code_columns_merged(broken: bool = False) -> list[Block]:
    """一般公共预算财政拨款支出决算表 of 类 | 款 | 项 (under a merged 科目编码, every line printing all its parts: 201 |
    05 | 01) | 科目名称 | 年初预算数 | 决算数 (合计 | 基本支出 | 项目支出, under a merged cell) | 完成率（%）. Broken:
    2010501 printed under the name 一般行政管理事务 (every sum closes: the name is the defect)."""
    head = [["科目编码", "", "", "科目名称", "年初预算数", "决算数", "", "", "完成率（%）"],
            ["类", "款", "项", "", "", "合计", "基本支出", "项目支出", ""]]
    spans = [Span(0, 0, 1, 3, "header"), Span(0, 3, 2, 1, "header"), Span(0, 4, 2, 1, "header"),
             Span(0, 5, 1, 3, "header"), Span(0, 8, 2, 1, "header")]
    body = []
    for c, n, f in cl_lines():
        name = CL_MISNAMED[1] if broken and c == CL_MISNAMED[0] else n
        parts = ["", "", ""] if not c else [c[:3], c[3:5], c[5:7]]
        body.append([*parts, name if c else "合计", *(wan(x) if c else wan0(x) for x in f[:4]), f"{f[4]:.2f}"])
    grid = Grid(head + body, [0.6, 0.5, 0.5, 3.0, 1.2, 1.2, 1.2, 1.2, 1.1], header_rows=2, spans=spans,
                align=["c", "c", "c", "l"] + ["r"] * 5)
    return [Cover([CL_AGENCY, FINAL]),
            Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=CL_AGENCY, unit="万元",
                  landscape=True)]


# ---------------------------------------------------------------- a long table, its header repeated under 续表
LR_AGENCY = "常德市武陵区教育局"
LR_NAMES = {"205": "教育支出", "20501": "教育管理事务", "20502": "普通教育", "20503": "职业教育", "20507": "特殊教育",
            "20508": "进修及培训", "208": "社会保障和就业支出", "20805": "行政事业单位养老支出", "210": "卫生健康支出",
            "21011": "行政事业单位医疗", "221": "住房保障支出", "22102": "住房改革支出"}
_LR_PARTS = (  # 项 line → 基本支出, 项目支出 (万元)
    ("2050101", "行政运行", (412.36, 0.0)), ("2050102", "一般行政管理事务", (0.0, 86.4)),
    ("2050103", "机关服务", (58.9, 0.0)), ("2050199", "其他教育管理事务支出", (0.0, 23.15)),
    ("2050201", "学前教育", (1208.44, 96.0)), ("2050202", "小学教育", (4870.12, 312.6)),
    ("2050203", "初中教育", (3316.08, 208.35)), ("2050204", "高中教育", (2650.7, 180.0)),
    ("2050299", "其他普通教育支出", (0.0, 45.8)), ("2050302", "中等职业教育", (980.25, 66.0)),
    ("2050701", "特殊学校教育", (210.4, 12.0)), ("2050801", "教师进修", (0.0, 38.6)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (1312.4, 0.0)), ("2080506", "机关事业单位职业年金缴费支出", (402.2, 0.0)),
    ("2101101", "行政单位医疗", (36.5, 0.0)), ("2101102", "事业单位医疗", (688.3, 0.0)),
    ("2210201", "住房公积金", (1208.15, 0.0)),
)


def lr_lines() -> list[Line]:
    """Thirty lines: 合计 | 基本支出 | 项目支出 (万元)."""
    return rollup([(c, n, (round(sum(f), 6), *f)) for c, n, f in _LR_PARTS], LR_NAMES)


LR_BROKEN = "2050302"  # its 基本支出 printed 1.00 higher


def continued_repeated(broken: bool = False) -> list[Block]:
    """支出决算表 of thirty lines over two pages, the second titled 支出决算表（续表）over the header printed again
    (ruled). Broken: a 基本支出 printed 1.00 higher on the second page."""
    lines = bumped(lr_lines(), [LR_BROKEN], 1, 1.0) if broken else lr_lines()
    grid = Grid([["科目编码", "科目名称", "合计", "基本支出", "项目支出"]] + rows_of(lines, wan),
                [1.1, 3.2, 1.3, 1.3, 1.3], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([LR_AGENCY, FINAL]),
            Sheet("支出决算表", grid, code="公开03表", dept=LR_AGENCY, unit="万元", page_rows=[17],
                  continued="支出决算表（续表）")]


# ---------------------------------------------------------------- 总计 at the bottom
TB_AGENCY = "遵义市汇川区司法局"


def total_bottom(broken: bool = False) -> list[Block]:
    """支出决算表 whose total line, labelled 总  计, stands at the bottom under the 项 lines, every line's 合计 column
    first. Broken: a 项目支出 printed 1.00 higher."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    body = rows_of(lines[1:], wan) + [["", "总  计", *(wan0(x) for x in lines[0][2])]]
    grid = Grid([["科目编码", "科目名称", "合计", "基本支出", "项目支出"]] + body, [1.1, 3.2, 1.3, 1.3, 1.3],
                header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([TB_AGENCY, FINAL]),
            Sheet("支出决算表", grid, code="公开03表", dept=TB_AGENCY, unit="万元")]


VARIANTS: dict[str, Variant] = {
    "whole_yuan_three_line.pdf": Variant(whole_yuan_three_line, FINAL, three_line=True),
    "plain_yuan_unruled.pdf": Variant(plain_yuan_unruled, FINAL),
    "summary_wrapped_unruled.pdf": Variant(summary_wrapped_unruled, FINAL),
    "summary_plain_three_line.pdf": Variant(summary_plain_three_line, FINAL, three_line=True),
    "code_columns_merged.pdf": Variant(code_columns_merged, FINAL),
    "continued_repeated.pdf": Variant(continued_repeated, FINAL),
    "nil_fund_book.pdf": Variant(nil_fund_book, FINAL),
    "budget_prev_year.pdf": Variant(budget_prev_year, BUDGET),
    "total_bottom.pdf": Variant(total_bottom, FINAL),
    "summary_header_title.pdf": Variant(summary_header_title, FINAL),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_fifteenth"), broken=True).values():
        print(path)
