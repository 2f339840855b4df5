"""Line tables: 单位：人民币元, table codes (预算01表, 部门预算表3), 科目名称 before 科目编码, a wide table in column strips.

Part of the `samplegen/variants_third.py` set (the catalogue and `build` are there). Every builder
takes `broken`: the same document with one printed figure changed; the figures each prints are kept
beside it as plain data.
"""

from __future__ import annotations

from .layout import Block, Cover, Grid, Span, TableBlock
from .variants_more_base import wan
from .variants_third_base import Line, blank, bump

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
        rows[-1][3] = bump(rows[-1][3], 12345.0)  # 1.23 万元: past the rounding
    grid = Grid(rows, [1.0, 2.6, 1.4, 1.4, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r", "r"])
    return [Cover([RMB_AGENCY, "2023年度部门决算"]),
            TableBlock("收入决算表", grid, code="公开02表", dept=RMB_AGENCY, unit="人民币元")]


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
         *[[label, wan(x) if x else "", a, b] for (label, x), (a, b) in zip(
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
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", *(wan(x) for x in CS_TOTAL)]]
    for code, name, t, b, p in CS_LINES:
        rows.append([code, name, bump(wan(t)) if broken and code == CS_BROKEN else wan(t), blank(b), blank(p)])
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
        rows.append([name, code, bump(wan(t)) if broken and code == NF_BROKEN else wan(t), blank(b), blank(pr)])
    rows.append(["合计", "", *(wan(x) for x in NF_TOTAL)])
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
        rows = [["科目编码", "科目名称", *(labels[k] for k in cols)], ["", "合计", *(blank(WS_TOTAL[k]) for k in cols)]]
        for code, name, *figures in WS_LINES:
            cells = [blank(figures[k]) for k in cols]
            if broken and code == WS_BROKEN and 3 in cols:
                cells[list(cols).index(3)] = bump(cells[list(cols).index(3)])
            rows.append([code, name, *cells])
        grid = Grid(rows, [1.0, 3.0, *([1.3] * len(cols))], header_rows=1, align=["l", "l", *(["r"] * len(cols))])
        return TableBlock(title, grid, code="公开02表", dept=WS_AGENCY, unit="万元")

    return [Cover([WS_AGENCY, "2023年度部门决算"]), strip(range(0, 3), "收入决算表"),
            strip(range(3, 7), "收入决算表（续）")]
