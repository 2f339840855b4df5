"""A seventh round of layouts, 部门预算 as other provinces and levels print them: the 部门收支总表 with every fund's
income line, 上年结转 / 结转下年 (上年结转结余 / 年终结转结余) and 用事业基金弥补收支差额, or a 2023年预算数 |
2024年预算数 pair on each side; the 财政拨款收支总表 of 本年收入 and 上年结转 blocks; the 部门收入总表 of 上年结转 |
一般公共预算 | 政府性基金预算 | 财政专户 | 单位资金 sources under 类 | 款 | 项 code columns (over two pages, the
second without the header), or 单位资金 in one column; the 部门支出总表 with every use of the money, turned; 基本支出
over 人员经费 | 公用经费 without a 小计; codes printed fused with their names ("2010101 行政运行", "30101 基本工资"),
indented by level, in whole 元; the 一般公共预算支出表 beside last year's figures and the change; 三公 budgets by year
with 会议费 / 培训费 beside; the 政府性基金 and 国有资本经营 budget tables (one empty, said in a note under the grid);
a 项目支出表 and a 政府采购预算表 (recognised, not parsed) after parsed tables — each drawn whole and `broken`
(printed figures changed so that a sum, down a column or along a line, no longer closes). The 绩效自评表 whose
funds are printed in 元 are in samplegen/variants_seventh_forms.py. `python -m samplegen.variants_seventh DIR`
writes them."""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

from . import sheets
from . import variants_seventh_forms as forms
from .layout import Block, Cover, Grid, Span
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_A, STYLE_B
from .variants_sixth import Line, bumped, rollup
from .variants_sixth import _blank as blank
from .variants_sixth import _wan as wan

STYLE = replace(STYLE_A, name="variant-seventh", repeat_title=False, seed_breaks=True)
STYLE_OTHER = replace(STYLE_B, name="variant-seventh-b", seed_breaks=True)
BUDGET = "2024年部门预算"
SELFEVAL = "2023年度绩效自评表"


def yuan_whole(x: float) -> str:
    """An amount of 万元 printed in whole 元 with thousands separators; zero left blank."""
    return f"{round(x * 10000):,}" if x else ""


def _pad(rows: list[tuple[str, float]], n: int) -> list[tuple[str, float | None]]:
    return [*rows, *[("", None)] * (n - len(rows))]


def _cell(x: float | None) -> str:
    return "" if x is None else wan(x)


# ---------------------------------------------------------------- 部门收支总表: every fund's income line
SU_AGENCY = "杭州市市场监督管理局"
SU_INCOME = (("一、一般公共预算拨款收入", 4120.35), ("二、政府性基金预算拨款收入", 86.0),
             ("三、国有资本经营预算拨款收入", 0.0), ("四、财政专户管理资金收入", 12.4), ("五、事业收入", 305.72),
             ("六、事业单位经营收入", 0.0), ("七、上级补助收入", 40.0), ("八、附属单位上缴收入", 0.0),
             ("九、其他收入", 18.66))
SU_CLASSES = (("一、一般公共服务支出", 3206.18), ("二、社会保障和就业支出", 512.3), ("三、卫生健康支出", 198.44),
              ("四、城乡社区支出", 86.0), ("五、住房保障支出", 280.21))
SU_OPENING = 150.0  # 上年结转
SU_RESERVE = 22.5  # 用事业基金弥补收支差额 (河南, 湖北 print it above 上年结转)
SU_CLOSING = 0.0  # 结转下年


def summary_totals(reserve: bool) -> dict[str, float]:
    """item → amount: 收入总计 = 本年收入合计 (+ 用事业基金弥补收支差额) + 上年结转; 支出总计 = 本年支出合计 + 结转下年."""
    income = round(sum(x for _l, x in SU_INCOME), 6)
    used = SU_RESERVE if reserve else 0.0
    grand = round(income + used + SU_OPENING, 6)
    spent = round(grand - SU_CLOSING, 6)
    return {"income_total": income, "opening_balance": SU_OPENING, "grand_total": grand,
            "expenditure_total": spent, "closing_balance": SU_CLOSING, "grand_total_expenditure": grand}


def summary_classes(reserve: bool) -> list[tuple[str, float]]:
    """The 功能分类 lines: the last one takes what the year spends beyond the listed ones."""
    spent = summary_totals(reserve)["expenditure_total"]
    head = list(SU_CLASSES[:-1])
    return [*head, (SU_CLASSES[-1][0], round(spent - sum(x for _l, x in head), 6))]


def summary_budget(broken: bool = False, reserve: bool = False, balances: tuple[str, str] = ("上年结转", "结转下年"),
                   agency: str | None = None, split: bool = False) -> list[Block]:
    """收入 项目 | 预算数 beside 支出 项目 | 预算数: nine income lines, 本年收入合计, (用事业基金弥补收支差额,) 上年结转,
    收入总计; the 功能分类 lines, 本年支出合计, 结转下年, 支出总计 (`balances`: the two balance lines' words, 上年结转结余
    and 年终结转结余 in 湖南; with `split`, the totals on a page of their own). Broken: a 功能分类 line printed 1.00 higher (the
    本年支出合计 no longer closes)."""
    t = summary_totals(reserve)
    classes = [(label, x + (1.0 if broken and k == 1 else 0.0)) for k, (label, x) in enumerate(summary_classes(reserve))]
    left = _pad(list(SU_INCOME), len(SU_INCOME))
    right = _pad(classes, len(SU_INCOME))
    rows = [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]]
    rows += [[a, blank(x or 0.0) if a else "", b, _cell(y)] for (a, x), (b, y) in zip(left, right, strict=True)]
    rows.append(["本年收入合计", wan(t["income_total"]), "本年支出合计", wan(t["expenditure_total"])])
    if reserve:
        rows.append(["用事业基金弥补收支差额", wan(SU_RESERVE), "", ""])
    rows += [[balances[0], wan(t["opening_balance"]), balances[1], wan(t["closing_balance"])],
             ["收入总计", wan(t["grand_total"]), "支出总计", wan(t["grand_total_expenditure"])]]
    grid = Grid(rows, [3.0, 1.4, 3.0, 1.4], header_rows=2,
                spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")], align=["l", "r", "l", "r"])
    agency = agency or ("郑州市市场监督管理局" if reserve else SU_AGENCY)
    sheet = Sheet("部门收支总表", grid, code="表一", dept=agency, unit="万元")
    if split:  # the totals on a second page that repeats no header
        sheet = replace(sheet, repeat_header=False, page_rows=[len(SU_INCOME), len(rows) - 2 - len(SU_INCOME)])
    return [Cover([agency, BUDGET]), sheet]


# ---------------------------------------------------------------- 收支总表: 2023年预算数 | 2024年预算数 on each side
SY_AGENCY = "广州市司法局"
SY_INCOME = (("一、一般公共预算拨款收入", 2864.2, 3012.75), ("二、政府性基金预算拨款收入", 0.0, 0.0),
             ("三、事业收入", 52.0, 48.3), ("四、其他收入", 6.1, 9.05))
SY_CLASSES = (("一、一般公共服务支出", 310.2, 298.4), ("二、公共安全支出", 2205.6, 2368.1),
              ("三、社会保障和就业支出", 290.5, 306.6), ("四、住房保障支出", 116.0, 97.0))
SY_OPENING = (0.0, 0.0)


def summary_two_years(broken: bool = False, words: tuple[str, str] = ("2023年预算数", "2024年预算数")) -> list[Block]:
    """收入 项目 | 2023年预算数 | 2024年预算数 beside 支出 the same (`words`: 上年预算数 | 本年预算数): the budget
    year's column is the second. Broken: a 2024 功能分类 line printed 1.00 higher."""
    def total(lines: tuple[tuple[str, float, float], ...], k: int) -> float:
        return round(sum(float(line[k]) for line in lines), 6)

    classes = [(a, x, y + (1.0 if broken and a.startswith("二") else 0.0)) for a, x, y in SY_CLASSES]
    rows = [["收入", "", "", "支出", "", ""],
            ["项目", *words, "项目", *words]]
    rows += [[a, blank(x), blank(y), b, blank(u), blank(w)]
             for (a, x, y), (b, u, w) in zip(SY_INCOME, classes, strict=True)]
    inc = (total(SY_INCOME, 1), total(SY_INCOME, 2))
    exp = (total(SY_CLASSES, 1), total(SY_CLASSES, 2))
    rows += [["本年收入合计", wan(inc[0]), wan(inc[1]), "本年支出合计", wan(exp[0]), wan(exp[1])],
             ["上年结转", blank(SY_OPENING[0]), blank(SY_OPENING[1]), "结转下年", "", ""],
             ["收入总计", wan(inc[0]), wan(inc[1]), "支出总计", wan(exp[0]), wan(exp[1])]]
    grid = Grid(rows, [2.8, 1.2, 1.2, 2.8, 1.2, 1.2], header_rows=2,
                spans=[Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 3, "header")],
                align=["l", "r", "r", "l", "r", "r"])
    return [Cover([SY_AGENCY, BUDGET]),
            Sheet("部门收支总表", grid, code="表1", dept=SY_AGENCY, unit="万元", landscape=True)]


def summary_two_years_totals() -> dict[str, float]:
    inc = round(sum(x[2] for x in SY_INCOME), 6)
    exp = round(sum(x[2] for x in SY_CLASSES), 6)
    return {"income_total": inc, "grand_total": inc, "expenditure_total": exp, "grand_total_expenditure": exp}


# ---------------------------------------------------------------- 财政拨款收支总表: 本年收入 and 上年结转 blocks
FB_AGENCY = "成都市卫生健康委员会"
FB_THIS_YEAR = (("一般公共预算拨款", 5210.4), ("政府性基金预算拨款", 300.0), ("国有资本经营预算拨款", 0.0))
FB_CARRIED = (("一般公共预算拨款", 180.25), ("政府性基金预算拨款", 40.0), ("国有资本经营预算拨款", 0.0))
FB_CLASSES = (("一、一般公共服务支出", 412.36), ("二、社会保障和就业支出", 830.12), ("三、卫生健康支出", 4068.17),
              ("四、城乡社区支出", 340.0), ("五、住房保障支出", 80.0))


def fiscal_blocks_totals() -> dict[str, float]:
    income = round(sum(x for _l, x in FB_THIS_YEAR), 6)
    opening = round(sum(x for _l, x in FB_CARRIED), 6)
    spent = round(sum(x for _l, x in FB_CLASSES), 6)
    return {"income_total": income, "opening_balance": opening, "grand_total": round(income + opening, 6),
            "expenditure_total": spent, "closing_balance": round(income + opening - spent, 6),
            "grand_total_expenditure": round(income + opening, 6)}


def fiscal_blocks(broken: bool = False) -> list[Block]:
    """收入 项目 | 预算数: 一、本年收入 over its funds, 二、上年结转 over its funds, 收入总计; 支出 项目 | 预算数:
    the 功能分类 lines, 本年支出合计, 结转下年, 支出总计 (四川). Broken: 结转下年 printed 1.00 higher."""
    t = fiscal_blocks_totals()
    closing = t["closing_balance"] + (1.0 if broken else 0.0)
    left: list[tuple[str, float | None]] = [("一、本年收入", t["income_total"])]
    left += [(f"  {k + 1}.{label}", x) for k, (label, x) in enumerate(FB_THIS_YEAR)]
    left.append(("二、上年结转", t["opening_balance"]))
    left += [(f"  {k + 1}.{label}", x) for k, (label, x) in enumerate(FB_CARRIED)]
    right: list[tuple[str, float | None]] = list(FB_CLASSES)
    right += [("", None)] * (len(left) - len(right) - 2) + [("本年支出合计", t["expenditure_total"]),
                                                            ("结转下年", closing)]
    rows = [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]]
    rows += [[a, _cell(x), b, _cell(y)] for (a, x), (b, y) in zip(left, right, strict=True)]
    rows.append(["收入总计", wan(t["grand_total"]), "支出总计", wan(t["grand_total_expenditure"])])
    grid = Grid(rows, [3.0, 1.4, 3.0, 1.4], header_rows=2,
                spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")], align=["l", "r", "l", "r"])
    return [Cover([FB_AGENCY, BUDGET]), Sheet("财政拨款收支总表", grid, code="表2", dept=FB_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 部门收入总表: every source, codes in 类 | 款 | 项
IF_AGENCY = "成都市水务局"
IF_NAMES = {"213": "农林水支出", "21303": "水利", "208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
            "221": "住房保障支出", "22102": "住房改革支出"}
# 项 lines: 上年结转, 一般公共预算, 政府性基金预算, 财政专户管理资金, 事业收入, 事业单位经营收入, 上级补助收入, 其他收入
_IF_PARTS = (
    ("2130301", "行政运行", (0.0, 612.4, 0.0, 0.0, 0.0, 0.0, 0.0, 3.2)),
    ("2130306", "水利工程运行与维护", (85.0, 920.0, 260.0, 0.0, 0.0, 0.0, 30.0, 0.0)),
    ("2130311", "水资源节约管理与保护", (0.0, 140.5, 0.0, 18.0, 36.8, 12.5, 0.0, 0.0)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (0.0, 96.31, 0.0, 0.0, 4.2, 0.0, 0.0, 0.0)),
    ("2210201", "住房公积金", (0.0, 74.06, 0.0, 0.0, 3.1, 0.0, 0.0, 0.0)),
)
IF_ITEMS = tuple((c, n, (round(sum(f), 6), *f)) for c, n, f in _IF_PARTS)
IF_MEASURES = ("total", "carried_over", "gpb", "gov_fund", "special_account", "business", "operating",
               "superior_subsidy", "other")
IF_BROKEN = (None, "213", "21303", "2130306")  # the line's 合计 printed 1.00 higher, its 款, 类 and 合计 with it


def income_fund_lines() -> list[Line]:
    return rollup(IF_ITEMS, IF_NAMES)


def income_funds(broken: bool = False, split: bool = False) -> list[Block]:
    """科目编码 (类 | 款 | 项) | 科目名称 | 合计 | 上年结转 | 一般公共预算 | 政府性基金预算 | 财政专户管理资金 |
    单位资金 (事业收入 | 事业单位经营收入 | 上级补助收入 | 其他收入), 合计 first; each line's code parts printed (with
    `split`, over two pages, the second without the header: a 表格续页 as Excel prints it)."""
    lines = income_fund_lines()
    if broken:
        lines = bumped(lines, IF_BROKEN, 0, 1.0)
    head = [["科目编码", "", "", "科目名称", "合计", "上年结转", "一般公共预算", "政府性基金预算", "财政专户管理资金",
             "单位资金", "", "", ""],
            ["类", "款", "项", "", "", "", "", "", "", "事业收入", "事业单位经营收入", "上级补助收入", "其他收入"]]
    body = [["", "", "", "合计", *(wan(x) for x in lines[0][2])]]
    body += [[c[:3], c[3:5], c[5:], n, *(blank(x) for x in f)] for c, n, f in lines[1:] if c]
    spans = [Span(0, 0, 1, 3, "header"), Span(0, 9, 1, 4, "header")] + \
        [Span(0, j, 2, 1, "header") for j in range(3, 9)]
    grid = Grid(head + body, [0.5, 0.5, 0.5, 2.6, 1.0, 0.9, 1.0, 1.0, 1.0, 0.9, 1.0, 0.9, 0.8], header_rows=2,
                spans=spans, align=["c", "c", "c", "l"] + ["r"] * 9)
    sheet = Sheet("部门收入总表", grid, code="表1-1", dept=IF_AGENCY, unit="万元", landscape=True)
    if split:
        sheet = replace(sheet, repeat_header=False, page_rows=[5, len(body) - 5])
    return [Cover([IF_AGENCY, BUDGET]), sheet]


# ---------------------------------------------------------------- 部门收入总表: 总计 = 上年结转 + 本年收入 小计
YS_AGENCY = "衡阳市自然资源和规划局"
YS_NAMES = {"220": "自然资源海洋气象等支出", "22001": "自然资源事务", "208": "社会保障和就业支出",
            "20805": "行政事业单位养老支出"}
# 项 lines: 上年结转, then 本年收入: 一般公共预算, 政府性基金预算, 事业收入, 其他收入 (万元)
_YS_PARTS = (
    ("2200101", "行政运行", (0.0, 820.36, 0.0, 0.0, 4.1)),
    ("2200104", "自然资源规划及管理", (60.0, 215.0, 0.0, 18.2, 0.0)),
    ("2200106", "自然资源利用与保护", (0.0, 90.0, 420.0, 0.0, 0.0)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (0.0, 102.44, 0.0, 0.0, 0.0)),
)
# printed: 总计, 上年结转, 本年收入 小计, 一般公共预算, 政府性基金预算, 事业收入, 其他收入
YS_ITEMS = tuple((c, n, (round(sum(f), 6), f[0], round(sum(f[1:]), 6), *f[1:])) for c, n, f in _YS_PARTS)
YS_MEASURES = ("total", "carried_over", "current_year", "gpb", "gov_fund", "business", "other")
YS_BROKEN = (None, "220", "22001", "2200104")  # the 项's 本年收入 小计 printed 1.00 higher, its 款, 类 and 合计 with it


def year_subtotal_lines() -> list[Line]:
    return rollup(YS_ITEMS, YS_NAMES)


def income_year_subtotal(broken: bool = False) -> list[Block]:
    """科目编码 | 科目名称 | 总计 | 上年结转 | 本年收入 (小计 | 一般公共预算拨款收入 | 政府性基金预算拨款收入 | 事业收入
    | 其他收入), 合计 first (湖南): the 本年收入 小计 is the year's sources' sum, no source of its own. Broken: a
    项's 小计 printed 1.00 higher with its 款, 类 and 合计 — every column and the 总计 still add up, only the line's
    小计 = Σ 本年 sources fails."""
    lines = year_subtotal_lines()
    if broken:
        lines = bumped(lines, YS_BROKEN, 2, 1.0)
    head = [["科目编码", "科目名称", "总计", "上年结转", "本年收入", "", "", "", ""],
            ["", "", "", "", "小计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "事业收入", "其他收入"]]
    body = [["", "合计", *(wan(x) for x in lines[0][2])]]
    body += [[c or "", n, *(blank(x) for x in f)] for c, n, f in lines[1:]]
    spans = [Span(0, j, 2, 1, "header") for j in range(4)] + [Span(0, 4, 1, 5, "header")]
    grid = Grid(head + body, [1.1, 3.0, 1.1, 1.0, 1.0, 1.2, 1.2, 1.0, 1.0], header_rows=2, spans=spans,
                align=["l", "l"] + ["r"] * 7)
    return [Cover([YS_AGENCY, BUDGET]),
            Sheet("部门收入总表", grid, code="预算02表", dept=YS_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- 部门收入总表: 单位资金 in one column (北京)
UF_AGENCY = "北京市东城区档案馆"
UF_NAMES = {"201": "一般公共服务支出", "20126": "档案事务", "208": "社会保障和就业支出",
            "20805": "行政事业单位养老支出"}
# 项 lines: 上年结转, 一般公共预算, 政府性基金预算, 财政专户管理资金, 单位资金
_UF_PARTS = (
    ("2012601", "行政运行", (0.0, 402.18, 0.0, 0.0, 3.6)),
    ("2012604", "档案馆", (12.0, 96.4, 0.0, 8.5, 21.32)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (0.0, 44.06, 0.0, 0.0, 1.2)),
)
UF_ITEMS = tuple((c, n, (round(sum(f), 6), *f)) for c, n, f in _UF_PARTS)
UF_MEASURES = ("total", "carried_over", "gpb", "gov_fund", "special_account", "unit_funds")
UF_BROKEN = "2012604"  # its 单位资金 printed 1.00 higher: the line and its 款 no longer close


def unit_funds_lines() -> list[Line]:
    return rollup(UF_ITEMS, UF_NAMES)


def income_unit_funds(broken: bool = False) -> list[Block]:
    """科目编码 | 科目名称 | 合计 | 上年结转 | 一般公共预算 | 政府性基金预算 | 财政专户管理资金 | 单位资金: the unit's
    own money (事业, 经营, 上级补助, 附属单位上缴, 其他收入) in one column, as the 预算管理一体化 template prints it."""
    lines = unit_funds_lines()
    if broken:
        lines = bumped(lines, [UF_BROKEN], 5, 1.0)
    rows = [["科目编码", "科目名称", "合计", "上年结转", "一般公共预算", "政府性基金预算", "财政专户管理资金", "单位资金"],
            ["", "合计", *(wan(x) for x in lines[0][2])]]
    rows += [[c or "", n, *(blank(x) for x in f)] for c, n, f in lines[1:]]
    grid = Grid(rows, [1.1, 3.2, 1.2, 1.1, 1.2, 1.2, 1.2, 1.1], header_rows=1, align=["l", "l"] + ["r"] * 6)
    return [Cover([UF_AGENCY, BUDGET]),
            Sheet("部门收入总表", grid, code="表2", dept=UF_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- 收入总表 / 支出总表: code and name in one cell
FC_AGENCY = "长沙市统计局"
FC_NAMES = {"201": "一般公共服务支出", "20105": "统计信息事务", "208": "社会保障和就业支出",
            "20805": "行政事业单位养老支出", "210": "卫生健康支出", "21011": "行政事业单位医疗"}
# 项 lines: 财政拨款收入, 事业收入, 其他收入
_FC_PARTS = (
    ("2010501", "行政运行", (486.25, 0.0, 2.4)),
    ("2010505", "专项统计业务", (120.0, 15.6, 0.0)),
    ("2010507", "专项普查活动", (260.0, 0.0, 0.0)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (58.62, 0.0, 0.0)),
    ("2101101", "行政单位医疗", (25.13, 0.0, 0.0)),
)
FC_ITEMS = tuple((c, n, (round(sum(f), 6), *f)) for c, n, f in _FC_PARTS)
FC_MEASURES = ("total", "fiscal", "business", "other")
FC_BROKEN = "2010505"  # its 事业收入 printed 1.00 higher: the line and its 款 no longer close


def fused_lines() -> list[Line]:
    return rollup(FC_ITEMS, FC_NAMES)


def income_fused_codes(broken: bool = False, indent: bool = False) -> list[Block]:
    """功能分类科目 (code and name in one cell: "2010501 行政运行", with `indent` each level two spaces further in)
    | 合计 | 财政拨款收入 | 事业收入 | 其他收入, 合计 first."""
    lines = fused_lines()
    if broken:
        lines = bumped(lines, [FC_BROKEN], 2, 1.0)

    def label(code: str, name: str) -> str:
        pad = "\u3000" * ({3: 0, 5: 1, 7: 2}[len(code)] if indent else 0)
        return f"{pad}{code} {name}"

    rows = [["功能分类科目", "合计", "财政拨款收入", "事业收入", "其他收入"],
            ["合计", *(wan(x) for x in lines[0][2])]]
    rows += [[label(c, n), *(blank(x) for x in f)] for c, n, f in lines[1:] if c]
    grid = Grid(rows, [4.2, 1.3, 1.3, 1.3, 1.3], header_rows=1, align=["l", "r", "r", "r", "r"])
    return [Cover([FC_AGENCY, BUDGET]), Sheet("部门收入总表", grid, code="表2", dept=FC_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 部门支出总表: every use of the money, turned
EA_AGENCY = "郑州市教育局"
EA_NAMES = {"205": "教育支出", "20502": "普通教育", "20509": "教育费附加安排的支出", "208": "社会保障和就业支出",
            "20805": "行政事业单位养老支出"}
# 项 lines: 基本支出, 项目支出, 事业单位经营支出, 上缴上级支出, 对附属单位补助支出 (万元)
_EA_PARTS = (
    ("2050201", "学前教育", (1204.5, 360.0, 42.8, 0.0, 0.0)),
    ("2050202", "小学教育", (3802.16, 512.4, 0.0, 0.0, 120.0)),
    ("2050203", "初中教育", (2650.0, 288.35, 0.0, 15.0, 0.0)),
    ("2050999", "其他教育费附加安排的支出", (0.0, 410.0, 0.0, 0.0, 0.0)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (702.33, 0.0, 0.0, 0.0, 0.0)),
)
EA_ITEMS = tuple((c, n, (round(sum(f), 6), *f)) for c, n, f in _EA_PARTS)
EA_MEASURES = ("total", "basic", "project", "operating", "remit_superior", "affiliated_subsidy")
EA_BROKEN = "2050203"  # its 上缴上级支出 printed 1.00 higher


def expenditure_all_lines() -> list[Line]:
    return rollup(EA_ITEMS, EA_NAMES)


def expenditure_all_uses(broken: bool = False, rotate: int = 0) -> list[Block]:
    """科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 | 事业单位经营支出 | 上缴上级支出 | 对附属单位补助支出, 合计
    first; with `rotate`, on portrait pages stored turned (/Rotate)."""
    lines = expenditure_all_lines()
    if broken:
        lines = bumped(lines, [EA_BROKEN], 4, 1.0)
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出", "事业单位经营支出", "上缴上级支出",
             "对附属单位补助支出"],
            ["", "合计", *(wan(x) for x in lines[0][2])]]
    rows += [[c or "", n, *(blank(x) for x in f)] for c, n, f in lines[1:]]
    grid = Grid(rows, [1.1, 3.2, 1.2, 1.2, 1.2, 1.2, 1.1, 1.3], header_rows=1, align=["l", "l"] + ["r"] * 6)
    sheet = Sheet("部门支出总表", grid, code="表三", dept=EA_AGENCY, unit="万元", landscape=not rotate, rotate=rotate)
    return [Cover([EA_AGENCY, BUDGET]), sheet]


# ---------------------------------------------------------------- 基本支出 over 人员经费 | 公用经费, no 小计
EP_AGENCY = "岳阳市生态环境局"
EP_NAMES = {"211": "节能环保支出", "21101": "环境保护管理事务", "21103": "污染防治", "221": "住房保障支出",
            "22102": "住房改革支出"}
# 项 lines: 人员经费, 公用经费, 项目支出 (万元); 合计 = 人员经费 + 公用经费 + 项目支出
_EP_PARTS = (
    ("2110101", "行政运行", (602.18, 84.6, 0.0)),
    ("2110104", "生态环境保护宣传", (0.0, 0.0, 36.0)),
    ("2110301", "大气", (0.0, 0.0, 450.0)),
    ("2110302", "水体", (0.0, 0.0, 1280.5)),
    ("2210201", "住房公积金", (52.44, 0.0, 0.0)),
)
EP_ITEMS = tuple((c, n, (round(sum(f), 6), *f)) for c, n, f in _EP_PARTS)
EP_BROKEN = "2110101"  # its 公用经费 printed 1.00 higher: the line, its 款 and the 合计 line's sum no longer close


def basic_parts_lines() -> list[Line]:
    return rollup(EP_ITEMS, EP_NAMES)


def expenditure_basic_parts(broken: bool = False, title: str = "部门支出总表", parent: bool = True) -> list[Block]:
    """科目编码 | 科目名称 | 合计 | 基本支出 (人员经费 | 公用经费) | 项目支出: the 基本支出 figure is printed only as
    its two parts (河南, 湖南); without `parent`, 人员经费 | 公用经费 stand beside 项目支出 under no 基本支出 label."""
    lines = basic_parts_lines()
    if broken:
        lines = bumped(lines, [EP_BROKEN], 2, 1.0)
    body = [["", "合计", *(wan(x) for x in lines[0][2])]]
    body += [[c or "", n, *(blank(x) for x in f)] for c, n, f in lines[1:]]
    widths, align = [1.2, 3.4, 1.3, 1.3, 1.3, 1.3], ["l", "l", "r", "r", "r", "r"]
    if not parent:
        head = [["科目编码", "科目名称", "合计", "人员经费", "公用经费", "项目支出"]]
        grid = Grid(head + body, widths, header_rows=1, align=align)
        return [Cover([EP_AGENCY, BUDGET]), Sheet(title, grid, code="表3", dept=EP_AGENCY, unit="万元")]
    head = [["科目编码", "科目名称", "合计", "基本支出", "", "项目支出"],
            ["", "", "", "人员经费", "公用经费", ""]]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 2, 1, "header"),
             Span(0, 3, 1, 2, "header"), Span(0, 5, 2, 1, "header")]
    grid = Grid(head + body, widths, header_rows=2, spans=spans, align=align)
    return [Cover([EP_AGENCY, BUDGET]), Sheet(title, grid, code="表3", dept=EP_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 一般公共预算支出表: last year's figures and the change
GY_AGENCY = "佛山市人力资源和社会保障局"
GY_NAMES = {"208": "社会保障和就业支出", "20801": "人力资源和社会保障管理事务", "20805": "行政事业单位养老支出",
            "210": "卫生健康支出", "21011": "行政事业单位医疗"}
# 项 lines: 2023年预算数, then 2024年 基本支出, 项目支出 (万元)
_GY_PARTS = (
    ("2080101", "行政运行", 1180.4, (1206.35, 0.0)),
    ("2080106", "就业管理事务", 260.0, (0.0, 198.5)),
    ("2080109", "社会保险经办机构", 402.7, (415.22, 12.0)),
    ("2080505", "机关事业单位基本养老保险缴费支出", 150.36, (158.8, 0.0)),
    ("2101101", "行政单位医疗", 61.2, (63.45, 0.0)),
)
# printed: 2023年预算数, 2024年 小计, 基本支出, 项目支出, 增减额, 增减率 (%)
GY_ITEMS = tuple((c, n, (last, round(b + p, 6), b, p)) for c, n, last, (b, p) in _GY_PARTS)
GY_BROKEN = "2080106"  # its 2024 项目支出 printed 1.00 higher: the line and its 款 no longer close


def year_lines() -> list[Line]:
    return rollup(GY_ITEMS, GY_NAMES)


def _change(last: float, now: float) -> tuple[str, str]:
    diff = round(now - last, 2)
    return wan(diff), (f"{diff / last * 100:.2f}" if last else "")


def gpb_two_years(broken: bool = False) -> list[Block]:
    """科目编码 | 科目名称 | 2023年预算数 | 2024年预算数 (小计 | 基本支出 | 项目支出) | 2024年预算数比2023年预算数增减
    (增减额 | 增减率%): only the 2024 block is the budget's figures."""
    lines = year_lines()
    if broken:
        lines = bumped(lines, [GY_BROKEN], 3, 1.0)
    head = [["科目编码", "科目名称", "2023年预算数", "2024年预算数", "", "", "2024年预算数比2023年预算数增减", ""],
            ["", "", "", "小计", "基本支出", "项目支出", "增减额", "增减率（%）"]]
    body = []
    for c, n, (last, total, b, p) in lines:
        body.append([c or "", n if c else "合计", wan(last), wan(total), blank(b), blank(p), *_change(last, total)])
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 2, 1, "header"),
             Span(0, 3, 1, 3, "header"), Span(0, 6, 1, 2, "header")]
    grid = Grid(head + body, [1.1, 3.2, 1.2, 1.1, 1.1, 1.1, 1.1, 1.0], header_rows=2, spans=spans,
                align=["l", "l"] + ["r"] * 6)
    return [Cover([GY_AGENCY, BUDGET]),
            Sheet("一般公共预算支出表", grid, code="表5", dept=GY_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- 一般公共预算支出表 in whole 元, codes fused, indented
GW_AGENCY = "湘潭市档案馆"
GW_NAMES = {"201": "一般公共服务支出", "20126": "档案事务", "208": "社会保障和就业支出",
            "20805": "行政事业单位养老支出"}
_GW_PARTS = (("2012601", "行政运行", (186.4523, 0.0)), ("2012604", "档案馆", (42.118, 26.5)),
             ("2012699", "其他档案事务支出", (0.0, 8.2)), ("2080505", "机关事业单位基本养老保险缴费支出", (21.0836, 0.0)))
GW_ITEMS = tuple((c, n, (round(sum(f), 6), *f)) for c, n, f in _GW_PARTS)
GW_BROKEN = "2012699"  # its 项目支出 printed 30 元 higher: within a 万元 table's rounding, not the 元 it prints


def whole_yuan_lines() -> list[Line]:
    return rollup(GW_ITEMS, GW_NAMES)


def gpb_fused_whole_yuan(broken: bool = False) -> list[Block]:
    """项目 (编码 and 名称 in one cell, each level indented) | 合计 | 基本支出 | 项目支出, 单位：元 in whole 元."""
    lines = whole_yuan_lines()
    if broken:
        lines = bumped(lines, [GW_BROKEN], 2, 0.003)
    rows = [["项目", "合计", "基本支出", "项目支出"], ["合计", *(yuan_whole(x) for x in lines[0][2])]]
    rows += [["\u3000" * {3: 0, 5: 1, 7: 2}[len(c)] + f"{c} {n}", *(yuan_whole(x) for x in f)]
             for c, n, f in lines[1:] if c]
    grid = Grid(rows, [4.4, 1.5, 1.5, 1.5], header_rows=1, align=["l", "r", "r", "r"])
    return [Cover([GW_AGENCY, BUDGET]),
            Sheet("一般公共预算支出表", grid, code="表六", dept=GW_AGENCY, unit="元", unit_label="单位：")]


# ---------------------------------------------------------------- 一般公共预算基本支出表: code and name in one cell
BF_AGENCY = "株洲市气象局"
# code, name, 人员经费, 公用经费 (万元); 合计 = 人员经费 + 公用经费
BF_LINES = (("301", "工资福利支出", 318.9, 0.0), ("30101", "基本工资", 110.4, 0.0), ("30102", "津贴补贴", 98.7, 0.0),
            ("30107", "绩效工资", 62.0, 0.0), ("30108", "机关事业单位基本养老保险缴费", 47.8, 0.0),
            ("302", "商品和服务支出", 0.0, 44.37), ("30201", "办公费", 0.0, 8.5), ("30207", "邮电费", 0.0, 3.6),
            ("30211", "差旅费", 0.0, 6.27), ("30228", "工会经费", 0.0, 5.2), ("30229", "福利费", 0.0, 7.8),
            ("30231", "公务用车运行维护费", 0.0, 13.0), ("303", "对个人和家庭的补助", 12.6, 0.0),
            ("30302", "退休费", 12.6, 0.0))
BF_TOTALS = (375.87, 331.5, 44.37)
BF_BROKEN = "30207"


def basic_fused_codes(broken: bool = False) -> list[Block]:
    """部门经济分类科目 ("30101 基本工资" in one cell) | 合计 | 人员经费 | 公用经费, 合计 first."""
    rows = [["部门经济分类科目", "2024年基本支出", "", ""], ["", "合计", "人员经费", "公用经费"],
            ["合计", *(wan(x) for x in BF_TOTALS)]]
    for code, name, personnel, public in BF_LINES:
        bump = 1.0 if broken and code == BF_BROKEN else 0.0
        pad = "" if len(code) == 3 else "\u3000"
        rows.append([f"{pad}{code} {name}", wan(personnel + public + bump), blank(personnel), blank(public + bump)])
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 1, 3, "header")]
    grid = Grid(rows, [4.0, 1.3, 1.3, 1.3], header_rows=2, spans=spans, align=["l", "r", "r", "r"])
    return [Cover([BF_AGENCY, BUDGET]),
            Sheet("一般公共预算基本支出表", grid, code="表7", dept=BF_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 三公 budgets: years as columns, other costs beside
SB_ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
SB_AGENCY = "南充市财政局"
# item → (2023年预算数, 2024年预算数)
SB_FIGURES: dict[str, tuple[float, float]] = {
    "total": (26.5, 21.3), "overseas": (4.0, 0.0), "vehicle_total": (15.5, 14.8), "vehicle_purchase": (0.0, 0.0),
    "vehicle_operation": (15.5, 14.8), "reception": (7.0, 6.5)}
SB_LABELS = {"total": "“三公”经费合计", "overseas": "1.因公出国（境）费", "vehicle_total": "2.公务用车购置及运行费",
             "vehicle_purchase": "其中：（1）公务用车购置费", "vehicle_operation": "（2）公务用车运行费",
             "reception": "3.公务接待费"}
SB_MEETING, SB_TRAINING = (12.0, 10.5), (18.0, 16.2)


def _sb_figures(broken: bool) -> dict[str, tuple[float, float]]:
    """The figures as printed; broken: the 2024 公务接待费 printed 0.50 higher (the 合计 no longer closes)."""
    out = dict(SB_FIGURES)
    if broken:
        out["reception"] = (out["reception"][0], round(out["reception"][1] + 0.5, 2))
    return out


def sangong_budget_rows(broken: bool = False) -> list[Block]:
    """Items as lines, “三公”经费合计 first: 项目 | 2023年预算数 | 2024年预算数 | 增减额 | 增减率; 会议费, 培训费
    below (not in the 三公 合计)."""
    f = _sb_figures(broken)
    rows = [["项目", "2023年预算数", "2024年预算数", "增减额", "增减率"]]
    for item in SB_ITEMS:
        last, now = f[item]
        rows.append([SB_LABELS[item], wan(last), wan(now), *(_change(last, now)[0], _pct(last, now))])
    for label, (last, now) in (("会议费", SB_MEETING), ("培训费", SB_TRAINING)):
        rows.append([label, wan(last), wan(now), _change(last, now)[0], _pct(last, now)])
    grid = Grid(rows, [3.2, 1.3, 1.3, 1.2, 1.0], header_rows=1, align=["l", "r", "r", "r", "r"])
    return [Cover([SB_AGENCY, BUDGET]),
            Sheet("一般公共预算“三公”经费、会议费、培训费支出预算表", grid, code="表3-3", dept=SB_AGENCY, unit="万元")]


def _pct(last: float, now: float) -> str:
    return f"{(now - last) / last * 100:.1f}%" if last else ""


def sangong_budget_columns(broken: bool = False) -> list[Block]:
    """Items as columns over 小计 / 购置费 / 运行费, 会议费 | 培训费 beside, one line per year: 2023年预算数 |
    2024年预算数."""
    f = _sb_figures(broken)
    rows = [["项目", "“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费", "会议费",
             "培训费"],
            ["", "", "", "小计", "公务用车购置费", "公务用车运行费", "", "", ""]]
    for k, label in enumerate(("2023年预算数", "2024年预算数")):
        rows.append([label, *(wan(f[item][k]) for item in SB_ITEMS), wan(SB_MEETING[k]), wan(SB_TRAINING[k])])
    spans = [Span(0, j, 2, 1, "header") for j in (0, 1, 2, 6, 7, 8)] + [Span(0, 3, 1, 3, "header")]
    grid = Grid(rows, [1.4, 1.2, 1.1, 0.9, 1.1, 1.1, 1.0, 0.9, 0.9], header_rows=2, spans=spans,
                align=["l"] + ["r"] * 8)
    return [Cover([SB_AGENCY, BUDGET]),
            Sheet("一般公共预算“三公”经费支出表", grid, code="表8", dept=SB_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- 政府性基金预算支出表; an empty 国有资本经营 table
GF_AGENCY = "绵阳市住房和城乡建设局"
GF_NAMES = {"212": "城乡社区支出", "21208": "国有土地使用权出让收入安排的支出", "21213": "城市基础设施配套费安排的支出"}
GF_ITEMS = (("2120803", "城市建设支出", (0.0, 1860.0)), ("2120899", "其他国有土地使用权出让收入安排的支出", (24.6, 310.0)),
            ("2121301", "城市公共设施", (0.0, 422.8)))
GF_BROKEN = "2120899"  # its 基本支出 printed 1.00 higher


def gov_fund_lines() -> list[Line]:
    lines = rollup(GF_ITEMS, GF_NAMES)
    return [(c, n, (round(sum(f), 6), *f)) for c, n, f in lines]


def gov_fund_budget(broken: bool = False, title: str = "政府性基金预算支出表") -> list[Block]:
    """科目编码 | 科目名称 | 本年政府性基金预算支出 (合计 | 基本支出 | 项目支出), 合计 last (`title`: 北京 prints
    政府性基金预算财政拨款支出表)."""
    lines = gov_fund_lines()
    if broken:
        lines = bumped(lines, [GF_BROKEN], 1, 1.0)
    head = [["科目编码", "科目名称", "本年政府性基金预算支出", "", ""], ["", "", "合计", "基本支出", "项目支出"]]
    body = [[c or "", n, *(blank(x) for x in f)] for c, n, f in lines[1:]]
    body.append(["", "合计", *(wan(x) for x in lines[0][2])])
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 1, 3, "header")]
    grid = Grid(head + body, [1.2, 3.8, 1.3, 1.3, 1.3], header_rows=2, spans=spans, align=["l", "l", "r", "r", "r"])
    return [Cover([GF_AGENCY, BUDGET]),
            Sheet(title, grid, code="表4", dept=GF_AGENCY, unit="万元")]


SOE_AGENCY = "绵阳市民族宗教事务局"
SOE_NOTE = "注：本部门2024年无国有资本经营预算拨款安排的支出，本表无数据。"


def soe_budget_note_below() -> list[Block]:
    """The header and an empty 合计 line, the note under the grid says why; the 支出 table before it."""
    rows = [["科目编码", "科目名称", "本年国有资本经营预算支出", "", ""], ["", "", "合计", "基本支出", "项目支出"],
            ["", "合计", "", "", ""]]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 1, 3, "header")]
    grid = Grid(rows, [1.2, 3.8, 1.3, 1.3, 1.3], header_rows=2, spans=spans, align=["l", "l", "r", "r", "r"])
    return [Cover([SOE_AGENCY, BUDGET]),
            Sheet("国有资本经营预算支出表", grid, code="表5", dept=SOE_AGENCY, unit="万元", notes=[SOE_NOTE])]


# ---------------------------------------------------------------- tables the reader does not parse, after ones it does
PT_AGENCY = "北京市西城区科学技术和信息化局"
PT_PROJECTS = (("数字政务平台运维", "北京市西城区科学技术和信息化局", 186.0, 186.0, 0.0),
               ("科技创新券补贴", "北京市西城区科学技术和信息化局", 520.0, 480.0, 40.0),
               ("中关村西城园企业服务", "北京市西城区科技企业服务中心", 92.35, 92.35, 0.0))
PT_PURCHASES = (("数字政务平台运维", "信息系统运行维护服务", "C16070000", 186.0),
                ("办公设备购置", "台式计算机", "A02010104", 12.6))


def unparsed_after_parsed(broken: bool = False) -> list[Block]:
    """一般公共预算支出表, then 项目支出表 (项目名称 | 项目单位 | 合计 | 财政拨款 | 其他资金, no 科目编码) and the
    三公 table, then 政府采购预算表 (采购项目 | 采购品目 | 品目编码 | 预算金额) — the unparsed tables' figures are
    no continuation of the table before them."""
    blocks = expenditure_basic_parts(broken, title="一般公共预算支出表")[1:]
    rows = [["项目名称", "项目单位", "合计", "财政拨款", "其他资金"]]
    rows += [[name, unit, wan(total), blank(fiscal), blank(other)] for name, unit, total, fiscal, other in PT_PROJECTS]
    rows.append(["合计", "", *(wan(sum(float(p[k]) for p in PT_PROJECTS)) for k in (2, 3, 4))])
    projects = Sheet("项目支出表", Grid(rows, [3.2, 3.4, 1.2, 1.2, 1.2], header_rows=1,
                                       align=["l", "l", "r", "r", "r"]), code="表9", dept=PT_AGENCY, unit="万元")
    buys = [["采购项目", "采购品目", "品目编码", "预算金额"]]
    buys += [[a, b, c, wan(x)] for a, b, c, x in PT_PURCHASES]
    buys.append(["合计", "", "", wan(sum(float(p[3]) for p in PT_PURCHASES))])
    purchase = Sheet("政府采购预算表", Grid(buys, [3.2, 3.0, 1.4, 1.4], header_rows=1, align=["l", "l", "l", "r"]),
                     code="表10", dept=PT_AGENCY, unit="万元")
    return [Cover([PT_AGENCY, BUDGET]), *blocks, projects, *sangong_budget_rows(broken)[1:], purchase]


SG_EMPTY_AGENCY = "绵阳市地方志编纂中心"
SG_EMPTY = "本单位2024年无一般公共预算“三公”经费预算，本表无数据。"


def sangong_budget_empty() -> list[Block]:
    """The 三公 header over the six items, then one merged row that says the table has no figures."""
    rows = [["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "小计", "公务用车购置费", "公务用车运行费", ""], [SG_EMPTY, "", "", "", "", ""]]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 1, 3, "header"),
             Span(0, 5, 2, 1, "header"), Span(2, 0, 1, 6, "block")]
    grid = Grid(rows, [1.3, 1.3, 1.1, 1.3, 1.3, 1.2], header_rows=2, spans=spans, align=["c"] * 6)
    return [Cover([SG_EMPTY_AGENCY, BUDGET]),
            Sheet("一般公共预算“三公”经费支出表", grid, code="表3-3", dept=SG_EMPTY_AGENCY, unit="万元")]


VARIANTS: dict[str, Variant] = {
    "summary_budget.pdf": Variant(summary_budget, BUDGET),
    "summary_budget_three_line.pdf": Variant(summary_budget, BUDGET, three_line=True),
    "summary_budget_reserve.pdf": Variant(partial(summary_budget, reserve=True), BUDGET),
    "summary_balance_words.pdf": Variant(partial(summary_budget, balances=("上年结转结余", "年终结转结余"),
                                                 agency="常德市林业局"), BUDGET, STYLE_OTHER),
    "summary_budget_two_pages.pdf": Variant(partial(summary_budget, split=True), BUDGET),
    "summary_two_years.pdf": Variant(summary_two_years, BUDGET),
    "summary_two_years_b.pdf": Variant(summary_two_years, BUDGET, STYLE_OTHER),
    "summary_last_and_this_year.pdf": Variant(partial(summary_two_years, words=("上年预算数", "本年预算数")), BUDGET),
    "fiscal_blocks.pdf": Variant(fiscal_blocks, BUDGET),
    "income_funds.pdf": Variant(income_funds, BUDGET),
    "income_funds_b.pdf": Variant(income_funds, BUDGET, STYLE_OTHER),
    "income_funds_continued.pdf": Variant(partial(income_funds, split=True), BUDGET),
    "income_unit_funds.pdf": Variant(income_unit_funds, BUDGET),
    "income_year_subtotal.pdf": Variant(income_year_subtotal, BUDGET),
    "income_fused_codes.pdf": Variant(income_fused_codes, BUDGET),
    "income_fused_codes_indented.pdf": Variant(partial(income_fused_codes, indent=True), BUDGET, three_line=True),
    "expenditure_all_uses.pdf": Variant(expenditure_all_uses, BUDGET),
    "expenditure_all_uses_turned.pdf": Variant(partial(expenditure_all_uses, rotate=90), BUDGET),
    "expenditure_basic_parts.pdf": Variant(expenditure_basic_parts, BUDGET),
    "gpb_basic_parts.pdf": Variant(partial(expenditure_basic_parts, title="一般公共预算支出表"), BUDGET, STYLE_OTHER),
    "gpb_personnel_public_columns.pdf": Variant(partial(expenditure_basic_parts, title="一般公共预算支出表",
                                                        parent=False), BUDGET),
    "gpb_two_years.pdf": Variant(gpb_two_years, BUDGET),
    "gpb_two_years_three_line.pdf": Variant(gpb_two_years, BUDGET, three_line=True),
    "gpb_fused_whole_yuan.pdf": Variant(gpb_fused_whole_yuan, BUDGET),
    "basic_fused_codes.pdf": Variant(basic_fused_codes, BUDGET),
    "sangong_budget_rows.pdf": Variant(sangong_budget_rows, BUDGET),
    "sangong_budget_columns.pdf": Variant(sangong_budget_columns, BUDGET),
    "gov_fund_budget.pdf": Variant(gov_fund_budget, BUDGET),
    "gov_fund_budget_b.pdf": Variant(partial(gov_fund_budget, title="政府性基金预算财政拨款支出表"), BUDGET,
                                     STYLE_OTHER),
    "soe_budget_note_below.pdf": Variant(soe_budget_note_below, BUDGET, breakable=False),
    "sangong_budget_empty.pdf": Variant(sangong_budget_empty, BUDGET, breakable=False),
    "unparsed_after_parsed.pdf": Variant(unparsed_after_parsed, BUDGET),
    "selfeval_funds_in_yuan.pdf": Variant(forms.selfeval_funds_in_yuan, SELFEVAL, breakable=False),
    "overall_selfeval_in_yuan.pdf": Variant(forms.overall_selfeval_in_yuan, SELFEVAL, breakable=False),
    "selfeval_over_two_pages.pdf": Variant(partial(forms.selfeval_funds_in_yuan, split=True), SELFEVAL,
                                           breakable=False),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_seventh"), broken=True).values():
        print(path)
