"""Column blocks: 年初预算数 | 决算数, 2023年预算数 | 2024年预算数 with 增减, one 基本支出 block, 三公 over two years.

Part of the `samplegen/variants_third.py` set (the catalogue and `build` are there). Every builder
takes `broken`: the same document with one printed figure changed; the figures each prints are kept
beside it as plain data.
"""

from __future__ import annotations

from .layout import Block, Cover, Grid, Span, TableBlock
from .variants_more_base import wan
from .variants_third_base import blank, bump

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
        cells = [code, name, *(blank(x) for x in budget), *(blank(x) for x in actual), pct(budget[0], actual[0])]
        if broken and code == BB_BROKEN:
            cells[7] = bump(cells[7])
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
        cells = [code, name, *(blank(x) for x in before), *(blank(x) for x in now), wan(change),
                 f"{change / before[0] * 100:.2f}%" if before[0] else ""]
        if broken and code == YB_BROKEN:
            cells[6] = bump(cells[6])
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
            ["", "合计", *(wan(x) for x in EB_TOTAL)]]
    for code, name, t, pers, pub in EB_LINES:
        rows.append([code, name, bump(wan(t)) if broken and code == EB_BROKEN else wan(t), blank(pers),
                     blank(pub)])
    spans = [Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 3, "header")]
    grid = Grid(rows, [1.0, 3.0, 1.2, 1.2, 1.2], header_rows=2, spans=spans, align=["l", "l", "r", "r", "r"])
    return [Cover([EB_AGENCY, "2024年部门预算"]),
            TableBlock("一般公共预算基本支出表", grid, code="公开06表", dept=EB_AGENCY, unit="万元")]


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
        rows.append([label, wan(last), wan(budget), wan(shown), wan(round(actual - budget, 2)),
                     wan(round(actual - last, 2))])
    grid = Grid(rows, [2.6, 1.1, 1.1, 1.1, 1.3, 1.3], header_rows=1, align=["l", "r", "r", "r", "r", "r"])
    return [Cover([TY_AGENCY, "2023年度部门决算"]),
            TableBlock("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=TY_AGENCY, unit="万元")]
