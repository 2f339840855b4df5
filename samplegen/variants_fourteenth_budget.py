"""The 部门预算 layouts of the fourteenth round (samplegen/variants_fourteenth.py holds the catalogue): books titled
部门预算收支总表 / 部门预算收入总表 / 部门预算支出总表 (the book's kind after the scope word), a 总表 with letter-spaced
totals and 上年结转 / 结转下年 lines, a 财政拨款支出预算明细表 that is a plain 功能分类 table, a 政府性基金 table with
类 | 款 | 项 code columns in 元."""

from __future__ import annotations

from .layout import Block, Cover, Grid, Span
from .sheets import Sheet
from .variants_sixth import Line, bumped, rollup
from .variants_thirteenth import CQ_BROKEN, code_rows, cq_lines, wan, wan0, yuan

BUDGET = "2025年部门预算"


# ---------------------------------------------------------------- 部门预算收支总表, letter-spaced totals
SS_AGENCY = "赣州市章贡区市场监督管理局"
SS_CARRIED = 35.0  # 上年结转
SS_INCOME = (("一、一般公共预算拨款收入", 0.0), ("二、政府性基金预算拨款收入", 0.0), ("三、国有资本经营预算拨款收入", 0.0),
             ("四、事业收入", 0.0), ("五、事业单位经营收入", 0.0), ("六、其他收入", 0.0))


def ss_figures(broken: bool = False) -> dict[str, float]:
    """The 总表's figures: 本年收入合计, 上年结转, 收入总计, 本年支出合计, 结转下年, 支出总计 and each class (万元)."""
    classes = {n: f[0] for c, n, f in cq_lines() if c and len(c) == 3}
    spent = round(sum(classes.values()), 6)
    if broken:
        first = next(iter(classes))
        classes[first] = round(classes[first] + 1.0, 6)
    income = round(spent - SS_CARRIED, 6)
    return {"income_total": income, "opening_balance": SS_CARRIED, "grand_total": spent,
            "expenditure_total": spent, "closing_balance": 0.0, **classes}


def budget_summary_spaced(broken: bool = False) -> list[Block]:
    """部门预算收支总表: 收 入 | 支 出 over 项 目 | 预算数 on each side, the income lines in numbered order, the classes
    beside them, then 本 年 收 入 合 计 | 本 年 支 出 合 计, 上年结转 | 结转下年, 收 入 总 计 | 支 出 总 计 — every total
    letter-spaced (分散对齐), figures with thousands separators. Broken: a class printed 1.00 higher."""
    f = ss_figures(broken)
    income = [(label, f["income_total"] if k == 0 else x) for k, (label, x) in enumerate(SS_INCOME)]
    numerals = "一二三四五六七八九"
    classes = [(f"{numerals[k]}、{n}", f[n]) for k, n in enumerate(n for c, n, _f in cq_lines() if c and len(c) == 3)]
    classes += [("", 0.0)] * (len(income) - len(classes))
    rows = [["收    入", "", "支    出", ""], ["项    目", "预算数", "项    目", "预算数"]]
    rows += [[a, wan(x) if a else "", b, wan(y) if b else ""] for (a, x), (b, y) in zip(income, classes, strict=True)]
    rows += [["本 年 收 入 合 计", wan0(f["income_total"]), "本 年 支 出 合 计", wan0(f["expenditure_total"])],
             ["上年结转", wan(f["opening_balance"]), "结转下年", wan(f["closing_balance"])],
             ["收 入 总 计", wan0(f["grand_total"]), "支 出 总 计", wan0(f["grand_total"])]]
    grid = Grid(rows, [3.6, 1.5, 3.6, 1.5], header_rows=2,
                spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")], align=["l", "r", "l", "r"])
    return [Cover([SS_AGENCY, BUDGET]), Sheet("部门预算收支总表", grid, code="表1", dept=SS_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 部门预算收入总表 and 部门预算支出总表
IE_AGENCY = "赣州市南康区统计局"
IE_SHARE = {"2013802": 14.6}  # 项目支出 paid from 上年结转 (万元), the rest from this year's 一般公共预算


def budget_income_expenditure(broken: bool = False) -> list[Block]:
    """部门预算收入总表 (科目编码 | 科目名称 | 合计 | 上年结转 | 一般公共预算拨款收入 | 政府性基金预算拨款收入 | 事业收入 |
    其他收入) and 部门预算支出总表 (合计 | 基本支出 | 项目支出) over the same 功能分类 lines. Broken: a 项目支出 printed
    1.00 higher in the 支出总表."""
    lines = cq_lines()
    carried = rollup([(c, n, (IE_SHARE.get(c, 0.0),)) for c, n, _f in lines if c and len(c) == 7],
                     {c: n for c, n, _f in lines if c and len(c) < 7})
    by_code = {c: f[0] for c, _n, f in carried}
    income_lines = [(c, n, (f[0], by_code[c], round(f[0] - by_code[c], 6), 0.0, 0.0, 0.0)) for c, n, f in lines]
    income = Grid([["科目编码", "科目名称", "合计", "上年结转", "一般公共预算拨款收入", "政府性基金预算拨款收入",
                    "事业收入", "其他收入"]] + code_rows(income_lines),
                  [1.0, 2.8, 1.1, 1.0, 1.3, 1.3, 1.0, 1.0], header_rows=1, align=["l", "l"] + ["r"] * 6)
    spent = bumped(lines, [CQ_BROKEN], 2, 1.0) if broken else lines
    expenditure = Grid([["科目编码", "科目名称", "合计", "基本支出", "项目支出"]] + code_rows(spent),
                       [1.1, 3.2, 1.3, 1.3, 1.3], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([IE_AGENCY, BUDGET]),
            Sheet("部门预算收入总表", income, code="表2", dept=IE_AGENCY, unit="万元", landscape=True),
            Sheet("部门预算支出总表", expenditure, code="表3", dept=IE_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 财政拨款支出预算明细表 of 功能分类 lines
PD_AGENCY = "吉安市吉州区市场监督管理局"
PD_PUBLIC = {"2013801": 186.43, "2013850": 42.08}  # 公用经费 of the 基本支出 (万元); the rest is 人员经费
PD_MEASURES = ("total", "personnel", "public", "project")


def pd_lines() -> list[Line]:
    """合计, 类, 款, 项 lines: 合计 | 人员经费 | 公用经费 | 项目支出."""
    items = [(c, n, (round(b + p, 6), round(b - PD_PUBLIC.get(c, 0.0), 6), PD_PUBLIC.get(c, 0.0), p))
             for c, n, (_t, b, p) in cq_lines() if c and len(c) == 7]
    return rollup(items, {c: n for c, n, _f in cq_lines() if c and len(c) < 7})


def fiscal_detail_plain(broken: bool = False) -> list[Block]:
    """财政拨款支出预算明细表 — the title 四川 gives its 功能 × 经济 cross table — printing 功能分类 lines under 合计 |
    基本支出 (人员经费 | 公用经费) | 项目支出, a two-row header. Broken: a 项目支出 printed 1.00 higher."""
    lines = bumped(pd_lines(), [CQ_BROKEN], 3, 1.0) if broken else pd_lines()
    head = [["科目编码", "科目名称", "合计", "基本支出", "", "项目支出"],
            ["", "", "", "人员经费", "公用经费", ""]]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 2, 1, "header"),
             Span(0, 3, 1, 2, "header"), Span(0, 5, 2, 1, "header")]
    grid = Grid(head + code_rows(lines), [1.1, 3.2, 1.3, 1.3, 1.3, 1.3], header_rows=2, spans=spans,
                align=["l", "l"] + ["r"] * 4)
    return [Cover([PD_AGENCY, BUDGET]),
            Sheet("财政拨款支出预算明细表", grid, code="表6", dept=PD_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 政府性基金 with 类 | 款 | 项 columns, in 元
FL_AGENCY = "上饶市信州区民政局"
FL_NAMES = {"229": "其他支出", "22960": "彩票公益金安排的支出"}
_FL_PARTS = (("2296002", "用于社会福利的彩票公益金支出", (0.0, 86.5)),
             ("2296003", "用于体育事业的彩票公益金支出", (0.0, 12.0)),
             ("2296099", "用于其他社会公益事业的彩票公益金支出", (0.0, 4.35)))
FL_BROKEN = "2296003"


def fl_lines() -> list[Line]:
    """合计, 类, 款, 项 lines: 合计 | 基本支出 | 项目支出 (万元)."""
    return rollup([(c, n, (round(sum(f), 6), *f)) for c, n, f in _FL_PARTS], FL_NAMES)


def fund_code_levels(broken: bool = False) -> list[Block]:
    """政府性基金预算支出表 with 类 | 款 | 项 under a merged 科目编码, each part printed on its own line only (229 |
    60 | 02), then 科目名称 | 合计 | 基本支出 | 项目支出 in 元 with separators, blank 基本支出 cells, under 单位：元. Broken: a 项目支出 printed 10,000 元 higher."""
    lines = bumped(fl_lines(), [FL_BROKEN], 2, 1.0) if broken else fl_lines()
    head = [["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"], ["类", "款", "项", "", "", "", ""]]
    spans = [Span(0, 0, 1, 3, "header")] + [Span(0, j, 2, 1, "header") for j in range(3, 7)]
    body = []
    for c, n, f in lines:
        parts = ["", "", ""] if not c else [c, "", ""] if len(c) == 3 else ["", c[3:], ""] if len(c) == 5 \
            else ["", "", c[5:]]
        body.append([*parts, n if c else "合计", *(yuan(x) if (c or x) else "0.00" for x in f)])
    grid = Grid(head + body, [0.6, 0.6, 0.6, 3.6, 1.4, 1.4, 1.4], header_rows=2, spans=spans,
                align=["c", "c", "c", "l", "r", "r", "r"])
    return [Cover([FL_AGENCY, BUDGET]),
            Sheet("政府性基金预算支出表", grid, code="表7", dept=FL_AGENCY, unit="元", unit_label="单位：")]

