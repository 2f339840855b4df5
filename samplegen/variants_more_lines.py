"""Line tables by 功能分类 code: codes split by level, long tables over pages, no rules, 元 units, 续表.

Part of the `samplegen/variants_more.py` set (the catalogue and `build` are there); the figures each
variant prints are kept beside it as plain data, so a test can check that the ingest reads every one back.
"""

from __future__ import annotations

from collections.abc import Callable

from .layout import Block, Cover, Grid, Para, Span
from .sheets import Sheet
from .variants_more_base import wan, yuan

# ---------------------------------------------------------------- 类 | 款 | 项 printed once each, at their level

SC_AGENCY = "洛阳市退役军人事务局"
# (code, name, 合计, 基本支出, 项目支出) in 万元
SC_LINES = (
    ("208", "社会保障和就业支出", 693.71, 413.71, 280.0),
    ("20805", "行政事业单位养老支出", 63.71, 63.71, 0.0),
    ("2080505", "机关事业单位基本养老保险缴费支出", 42.47, 42.47, 0.0),
    ("2080506", "机关事业单位职业年金缴费支出", 21.24, 21.24, 0.0),
    ("20828", "退役军人管理事务", 630.0, 350.0, 280.0),
    ("2082801", "行政运行", 350.0, 350.0, 0.0),
    ("2082850", "事业运行", 0.0, 0.0, 0.0),
    ("2082899", "其他退役军人事务管理支出", 280.0, 0.0, 280.0),
    ("210", "卫生健康支出", 24.16, 24.16, 0.0),
    ("21011", "行政事业单位医疗", 24.16, 24.16, 0.0),
    ("2101101", "行政单位医疗", 24.16, 24.16, 0.0),
    ("221", "住房保障支出", 31.85, 31.85, 0.0),
    ("22102", "住房改革支出", 31.85, 31.85, 0.0),
    ("2210201", "住房公积金", 31.85, 31.85, 0.0),
)
SC_TOTAL = (749.72, 469.72, 280.0)


def split_codes_by_level() -> list[Block]:
    """一般公共预算财政拨款支出决算表 with 科目编码 over 类 | 款 | 项 columns, each code part printed at its level only."""
    rows = [["项目", "", "", "", "本年支出", "", ""], ["科目编码", "", "", "科目名称", "小计", "基本支出", "项目支出"],
            ["类", "款", "项", "", "", "", ""], ["栏次", "", "", "", "1", "2", "3"],
            ["合计", "", "", "", *(wan(x) for x in SC_TOTAL)]]
    for code, name, total, basic, project in SC_LINES:
        parts = [code[:3], "", ""] if len(code) == 3 else ["", code[3:5], ""] if len(code) == 5 else ["", "", code[5:]]
        rows.append([*parts, name, wan(total), wan(basic) if basic else "", wan(project) if project else ""])
    spans = [Span(0, 0, 1, 4, "header"), Span(0, 4, 1, 3, "header"), Span(1, 0, 1, 3, "header"),
             Span(1, 3, 2, 1, "header"), Span(1, 4, 2, 1, "header"), Span(1, 5, 2, 1, "header"),
             Span(1, 6, 2, 1, "header"), Span(3, 0, 1, 4, "header"), Span(4, 0, 1, 4)]
    grid = Grid(rows, [0.5, 0.5, 0.5, 3.0, 1.2, 1.2, 1.2], header_rows=4, spans=spans,
                align=["c", "c", "c", "l", "r", "r", "r"])
    return [Cover([SC_AGENCY, "2023年度部门决算"]),
            Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=SC_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 支出决算表 over three pages, header not repeated

LONG_AGENCY = "绵阳市自然资源和规划局"


def _long_lines() -> list[tuple[str, str, float, float, float]]:
    """A 支出决算表 body of about 60 lines whose 类/款/项 sums close exactly."""
    out: list[tuple[str, str, float, float, float]] = []
    classes = (("201", "一般公共服务支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出"),
               ("212", "城乡社区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"))
    for ci, (cls, cname) in enumerate(classes):
        kuans = []
        for ki in range(2 + ci % 2):
            kuan = f"{cls}{ki + 1:02d}"
            items = []
            for ii in range(3 + (ki + ci) % 3):
                basic = round(11.07 * (ci + 1) + 3.41 * ki + 1.13 * ii, 2)
                project = round(4.5 * ii + 2.25 * ki, 2) if ii % 2 else 0.0
                items.append((f"{kuan}{ii + 1:02d}", f"{cname[:4]}第{ki + 1}款第{ii + 1}项", basic, project))
            kb = round(sum(i[2] for i in items), 2)
            kp = round(sum(i[3] for i in items), 2)
            kuans.append(((kuan, f"{cname[:4]}第{ki + 1}款", kb, kp), items))
        cb = round(sum(k[0][2] for k in kuans), 2)
        cp = round(sum(k[0][3] for k in kuans), 2)
        out.append((cls, cname, round(cb + cp, 2), cb, cp))
        for (kcode, kname, kb, kp), items in kuans:
            out.append((kcode, kname, round(kb + kp, 2), kb, kp))
            out += [(c, n, round(b + p, 2), b, p) for c, n, b, p in items]
    return out


LONG_LINES = _long_lines()
LONG_TOTAL = tuple(round(sum(float(r[k]) for r in LONG_LINES if len(r[0]) == 3), 2) for k in (2, 3, 4))


def long_grid(fmt: Callable[[float], str] = wan) -> Grid:
    rows = [["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
             "对附属单位补助支出"],
            ["栏次", "", "1", "2", "3", "4", "5", "6"],
            ["", "合计", *(fmt(x) for x in LONG_TOTAL), "", "", ""]]
    rows += [[c, n, fmt(t), fmt(b), fmt(p) if p else "", "", "", ""] for c, n, t, b, p in LONG_LINES]
    return Grid(rows, [1.0, 3.0, 1.3, 1.2, 1.2, 1.0, 1.0, 1.2], header_rows=2,
                spans=[Span(1, 0, 1, 2, "header")], align=["l", "l", "r", "r", "r", "r", "r", "r"])


def expenditure_header_not_repeated() -> list[Block]:
    """A 支出决算表 over three pages whose header rows and title are printed on the first page only."""
    n = len(LONG_LINES) + 1
    return [Cover([LONG_AGENCY, "2023年度部门决算"]),
            Sheet("支出决算表", long_grid(), code="公开03表", dept=LONG_AGENCY, unit="万元", repeat_header=False,
                  page_rows=[n // 3, n // 3, n - 2 * (n // 3)])]


# ---------------------------------------------------------------- the same, title in the page header region, header repeated

HEAD_AGENCY = "益阳市水利局"


def expenditure_running_head() -> list[Block]:
    """The long 支出决算表 with its title in the page header region of every page and the title row in the grid."""
    n = len(LONG_LINES) + 1
    return [Cover([HEAD_AGENCY, "2023年度部门决算"]),
            Para(f"{HEAD_AGENCY}2023年度部门决算表如下。"),
            Sheet("支出决算表", long_grid(), dept=HEAD_AGENCY, unit="万元", title_in_grid=True, unit_below=True,
                  running_head=f"{HEAD_AGENCY}2023年度部门决算公开表  公开03表", page_rows=[n // 2, n - n // 2])]


def expenditure_yuan_unit_below() -> list[Block]:
    """The long 支出决算表 in 元 over two pages, its 单位：元 printed only under the table, on the last page."""
    n = len(LONG_LINES) + 1
    return [Cover([CT_AGENCY, "2023年度部门决算"]),
            Sheet("支出决算表", long_grid(yuan), code="公开03表", dept=CT_AGENCY, unit="元", unit_below=True,
                  page_rows=[n // 2, n - n // 2])]


def expenditure_unruled_pages() -> list[Block]:
    """The long 支出决算表 typeset without ruling lines over three pages, header rows on the first only."""
    n = len(LONG_LINES) + 1
    return [Cover([LONG_AGENCY, "2023年度部门决算"]),
            Sheet("支出决算表", long_grid(), code="公开03表", dept=LONG_AGENCY, unit="万元", repeat_header=False,
                  ruled=False, page_rows=[n // 3, n // 3, n - 2 * (n // 3)])]


# ---------------------------------------------------------------- no ruling lines: a whitespace-only 支出预算表

STREAM_AGENCY = "株洲市人力资源和社会保障局"
STREAM_LINES = (
    ("201", "一般公共服务支出", 12.0, 0.0, 12.0),
    ("20103", "政府办公厅（室）及相关机构事务", 12.0, 0.0, 12.0),
    ("2010302", "一般行政管理事务", 12.0, 0.0, 12.0),
    ("208", "社会保障和就业支出", 1520.46, 1245.46, 275.0),
    ("20801", "人力资源和社会保障管理事务", 1398.56, 1123.56, 275.0),
    ("2080101", "行政运行", 1123.56, 1123.56, 0.0),
    ("2080109", "社会保险经办机构", 275.0, 0.0, 275.0),
    ("20805", "行政事业单位养老支出", 121.9, 121.9, 0.0),
    ("2080505", "机关事业单位基本养老保险缴费支出", 121.9, 121.9, 0.0),
    ("221", "住房保障支出", 88.32, 88.32, 0.0),
    ("22102", "住房改革支出", 88.32, 88.32, 0.0),
    ("2210201", "住房公积金", 88.32, 88.32, 0.0),
)
STREAM_TOTAL = (1620.78, 1333.78, 287.0)


def expenditure_unruled() -> list[Block]:
    """A 支出预算表 typeset with whitespace only (no ruling line), 单位 under the table."""
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", *(wan(x) for x in STREAM_TOTAL)]]
    rows += [[c, n, wan(t), wan(b) if b else "", wan(p) if p else ""] for c, n, t, b, p in STREAM_LINES]
    grid = Grid(rows, [1.0, 3.2, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([STREAM_AGENCY, "2024年部门预算"]),
            Sheet("支出预算表", grid, code="公开03表", dept=STREAM_AGENCY, unit="万元", ruled=False)]


# ---------------------------------------------------------------- 收入决算表 in 元, a negative 其他收入 in parentheses

IN_AGENCY = "宜昌市林业和园林局"
# (code, name, 合计, 财政拨款收入, 事业收入, 其他收入) in 万元
IN_LINES = (
    ("213", "农林水支出", 1262.34, 1180.0, 83.54, -1.2),
    ("21302", "林业和草原", 1262.34, 1180.0, 83.54, -1.2),
    ("2130201", "行政运行", 420.0, 420.0, 0.0, 0.0),
    ("2130204", "事业机构", 842.34, 760.0, 83.54, -1.2),
    ("221", "住房保障支出", 36.0, 36.0, 0.0, 0.0),
    ("22102", "住房改革支出", 36.0, 36.0, 0.0, 0.0),
    ("2210201", "住房公积金", 36.0, 36.0, 0.0, 0.0),
)
IN_TOTAL = (1298.34, 1216.0, 83.54, -1.2)
IN_MEASURES = ("total", "fiscal", "business", "other")


def income_yuan_negative() -> list[Block]:
    """收入决算表 printed in 元 with thousands separators; a 冲减 of 其他收入 printed as (12,000.00)."""
    rows = [["项目", "", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
            ["科目编码", "科目名称", "", "", "", "", "", "", ""],
            ["栏次", "", "1", "2", "3", "4", "5", "6", "7"],
            ["", "合计", yuan(IN_TOTAL[0]), yuan(IN_TOTAL[1]), "", yuan(IN_TOTAL[2]), "", "", yuan(IN_TOTAL[3])]]
    for code, name, total, fiscal, business, other in IN_LINES:
        rows.append([code, name, yuan(total), yuan(fiscal), "", yuan(business) if business else "", "", "",
                     yuan(other) if other else ""])
    spans = [Span(0, 0, 1, 2, "header"), Span(2, 0, 1, 2, "header")] + [Span(0, c, 2, 1, "header") for c in range(2, 9)]
    grid = Grid(rows, [1.0, 2.2, 1.4, 1.4, 1.0, 1.3, 1.0, 1.1, 1.2], header_rows=3, spans=spans,
                align=["l", "l", "r", "r", "r", "r", "r", "r", "r"])
    return [Cover([IN_AGENCY, "2023年度部门决算"]),
            Sheet("收入决算表", grid, code="公开02表", dept=IN_AGENCY, unit="元", landscape=True)]


# ---------------------------------------------------------------- code and name in one cell, 合计 last

CN_AGENCY = "洛阳市应急管理局"
CN_LINES = (
    ("201", "一般公共服务支出", 18.5, 0.0, 18.5),
    ("20103", "政府办公厅（室）及相关机构事务", 18.5, 0.0, 18.5),
    ("2010302", "一般行政管理事务", 18.5, 0.0, 18.5),
    ("224", "灾害防治及应急管理支出", 906.72, 706.72, 200.0),
    ("22401", "应急管理事务", 906.72, 706.72, 200.0),
    ("2240101", "行政运行", 706.72, 706.72, 0.0),
    ("2240106", "安全监管", 200.0, 0.0, 200.0),
)
CN_TOTAL = (925.22, 706.72, 218.5)


def code_and_name_in_one_cell() -> list[Block]:
    """A 支出预算表 whose 功能分类科目 column prints "2010302 一般行政管理事务" in one cell, indented, 合计 last."""
    indent = {3: "", 5: "\u3000", 7: "\u3000\u3000"}
    rows = [["功能分类科目", "合计", "基本支出", "项目支出"]]
    rows += [[f"{indent[len(c)]}{c} {n}", wan(t), wan(b) if b else "", wan(p) if p else ""]
             for c, n, t, b, p in CN_LINES]
    rows.append(["合    计", *(wan(x) for x in CN_TOTAL)])
    grid = Grid(rows, [3.6, 1.2, 1.2, 1.2], header_rows=1, align=["l", "r", "r", "r"])
    return [Cover([CN_AGENCY, "2024年部门预算"]),
            Sheet("部门支出预算表", grid, code="公开03表", dept=CN_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 年初预算数 | 决算数 | 决算数为预算数的%

BA_AGENCY = "宜昌市统计局"
# (code, name, 年初预算数, 决算数) in 万元
BA_LINES = (
    ("201", "一般公共服务支出", 402.0, 388.64),
    ("20105", "统计信息事务", 402.0, 388.64),
    ("2010501", "行政运行", 330.0, 331.27),
    ("2010505", "专项统计业务", 60.0, 45.37),
    ("2010507", "专项普查活动", 12.0, 12.0),
    ("208", "社会保障和就业支出", 41.2, 41.2),
    ("20805", "行政事业单位养老支出", 41.2, 41.2),
    ("2080505", "机关事业单位基本养老保险缴费支出", 41.2, 41.2),
)
BA_TOTAL = (443.2, 429.84)


def budget_and_actual_columns() -> list[Block]:
    """一般公共预算财政拨款支出决算表 printing 年初预算数, 决算数 and 决算数为年初预算数的% side by side."""
    def pct(budget: float, actual: float) -> str:
        return f"{actual / budget * 100:.2f}%" if budget else ""

    rows = [["科目编码", "科目名称", "年初预算数", "决算数", "决算数为年初预算数的%"],
            ["", "合计", wan(BA_TOTAL[0]), wan(BA_TOTAL[1]), pct(*BA_TOTAL)]]
    rows += [[c, n, wan(b), wan(a), pct(b, a)] for c, n, b, a in BA_LINES]
    grid = Grid(rows, [1.0, 3.0, 1.3, 1.3, 1.6], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([BA_AGENCY, "2023年度部门决算"]),
            Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=BA_AGENCY, unit="万元")]


# ---------------------------------------------------------------- the unit in the column headers: 合计（元）

HU_AGENCY = "湘潭市档案馆"
HU_LINES = (
    ("201", "一般公共服务支出", 2865432.10, 2265432.10, 600000.0),
    ("20126", "档案事务", 2865432.10, 2265432.10, 600000.0),
    ("2012601", "行政运行", 2265432.10, 2265432.10, 0.0),
    ("2012604", "档案馆", 600000.0, 0.0, 600000.0),
    ("221", "住房保障支出", 154320.0, 154320.0, 0.0),
    ("22102", "住房改革支出", 154320.0, 154320.0, 0.0),
    ("2210201", "住房公积金", 154320.0, 154320.0, 0.0),
)
HU_TOTAL = (3019752.10, 2419752.10, 600000.0)  # 元


def unit_in_column_headers() -> list[Block]:
    """A 支出预算表 with no 单位 line: the unit is printed in each amount column's header, 合计（元）."""
    def yuan(x: float) -> str:
        return f"{x:,.2f}" if x else ""

    rows = [["科目编码", "科目名称", "合计（元）", "基本支出（元）", "项目支出（元）"],
            ["", "合计", *(yuan(x) for x in HU_TOTAL)]]
    rows += [[c, n, yuan(t), yuan(b), yuan(p)] for c, n, t, b, p in HU_LINES]
    grid = Grid(rows, [1.0, 2.6, 1.4, 1.4, 1.4], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([HU_AGENCY, "2024年部门预算"]),
            Sheet("支出预算表", grid, code="公开03表", dept=HU_AGENCY, unit=None)]


# ---------------------------------------------------------------- continuation pages titled 续表, header not repeated

CT_AGENCY = "宜昌市自然资源和规划局"


def expenditure_continued_title() -> list[Block]:
    """The long 支出决算表 whose continuation pages print "支出决算表（续表）" but no header rows."""
    n = len(LONG_LINES) + 1
    return [Cover([CT_AGENCY, "2023年度部门决算"]),
            Sheet("支出决算表", long_grid(), code="公开03表", dept=CT_AGENCY, unit="万元", repeat_header=False,
                  continued="支出决算表（续表）", page_rows=[n // 2, n - n // 2])]
