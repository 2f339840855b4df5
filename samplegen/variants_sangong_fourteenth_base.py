"""Some of the fourteenth round's 三公 layouts (samplegen/variants_sangong_fourteenth.py holds the catalogue): items as
columns over one line per stage (上年决算数, 本年预算数, 本年决算数 each its own line) with no 小计; the 公务用车 line worded
公务用车购置费及运行维护费 over a 其中 line and its 购置 / 运行维护 lines; figures in 元 named in the header cells, printed
without cents; an 实物量 column of counts beside the amounts; two budgets side by side (2024年预算数 | 2025年预算数 |
增减额 | 增减率), and 上年数 | 本年数 with the 合计 line last; one office's 决算 of two years running (its growth)."""

from __future__ import annotations

from .layout import Block, Cover, Grid
from .sheets import Sheet
from .variants_sangong_thirteenth_base import BUDGET, FINAL, ITEMS, Figures, bump, closed, wan

NO_SUBTOTAL = ("total", "overseas", "vehicle_purchase", "vehicle_operation", "reception")


# ---------------------------------------------------------------- items as columns, one line per stage, no 小计
ST_AGENCY = "湘潭市岳塘区民政局"
ST = closed((1.5, 1.28), (0.0, 0.0), (6.8, 6.41), (3.2, 2.77))
ST_LAST = {"total": 10.93, "overseas": 0.0, "vehicle_purchase": 0.0, "vehicle_operation": 7.36, "reception": 3.57}
ST_OVER = 0.9  # broken: the 运行费 决算 (and the 合计) printed this much higher: 7.31 over a 6.80 budget


def stage_rows(broken: bool = False) -> list[Block]:
    """合计 | 因公出国（境）费 | 公务用车购置费 | 公务用车运行费 | 公务接待费 over the lines 上年决算数, 本年预算数,
    本年决算数. Broken: the 运行费 决算 over its budget, the 合计 raised with it (the sums close)."""
    f = bump(bump(ST, "vehicle_operation", 1, ST_OVER), "total", 1, ST_OVER) if broken else ST
    rows = [["项目", "合计", "因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费"],
            ["上年决算数", *(wan(ST_LAST[i]) for i in NO_SUBTOTAL)],
            ["本年预算数", *(wan(f[i][0]) for i in NO_SUBTOTAL)],
            ["本年决算数", *(wan(f[i][1]) for i in NO_SUBTOTAL)]]
    grid = Grid(rows, [1.4, 1.1, 1.4, 1.4, 1.4, 1.2], header_rows=1, align=["l"] + ["r"] * 5)
    return [Cover([ST_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=ST_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 公务用车购置费及运行维护费 over a 其中 line
VS_AGENCY = "邵阳市双清区自然资源局"
VS = closed((2.0, 1.62), (12.0, 11.8), (5.5, 5.06), (3.0, 2.41))
VS_LABELS = {"total": "“三公”经费合计", "overseas": "一、因公出国（境）费", "vehicle_total": "二、公务用车购置费及运行维护费",
             "vehicle_purchase": "1.公务用车购置费", "vehicle_operation": "2.公务用车运行维护费",
             "reception": "三、公务接待费"}


def vehicle_split_rows(broken: bool = False) -> list[Block]:
    """Items as lines, 预算数 | 决算数: “三公”经费合计, 一、因公出国（境）费, 二、公务用车购置费及运行维护费, a 其中： line
    with no figures, 1.公务用车购置费, 2.公务用车运行维护费, 三、公务接待费. Broken: the 运行维护费 决算 0.25 higher (the
    小计 no longer its sum)."""
    f = bump(VS, "vehicle_operation", 1, 0.25) if broken else VS
    rows = [["项目", "预算数", "决算数"]]
    for item in ITEMS:
        if item == "vehicle_purchase":
            rows.append(["其中：", "", ""])
        rows.append([VS_LABELS[item], wan(f[item][0]), wan(f[item][1])])
    grid = Grid(rows, [3.4, 1.3, 1.3], header_rows=1, align=["l", "r", "r"])
    return [Cover([VS_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=VS_AGENCY, unit="万元")]


# ---------------------------------------------------------------- in 元, named in the header cells, no cents
YH_AGENCY = "衡阳市蒸湘区人力资源和社会保障局"
YH = closed((3.0, 2.46), (0.0, 0.0), (8.0, 7.52), (4.5, 3.87))
YH_LABELS = {"total": "合计", "overseas": "因公出国（境）费", "vehicle_total": "公务用车购置及运行费",
             "vehicle_purchase": "　其中：公务用车购置费", "vehicle_operation": "　　　　公务用车运行费",
             "reception": "公务接待费"}


def whole_yuan(x: float) -> str:
    """An amount in 万元 printed in whole 元, thousands separated."""
    return f"{round(x * 10000):,}"


def yuan_header(broken: bool = False) -> list[Block]:
    """Items as lines, 全年预算数（元） | 决算数（元）: the unit in the header cells, no 金额单位 line, whole 元. Broken: the
    接待 决算 printed 2,000 元 higher (the 合计 no longer closes)."""
    f = bump(YH, "reception", 1, 0.2) if broken else YH
    rows = [["项目", "全年预算数（元）", "决算数（元）"]] + [[YH_LABELS[i], whole_yuan(f[i][0]), whole_yuan(f[i][1])]
                                                      for i in ITEMS]
    grid = Grid(rows, [3.2, 1.6, 1.6], header_rows=1, align=["l", "r", "r"])
    return [Cover([YH_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=YH_AGENCY, unit=None)]


# ---------------------------------------------------------------- an 实物量 column of counts beside the amounts
CT_AGENCY = "株洲市荷塘区档案馆"
CT = closed((1.0, 0.86), (0.0, 0.0), (4.2, 3.97), (2.6, 2.18))
CT_COUNTS = {"overseas": "1", "vehicle_total": "2", "vehicle_purchase": "0", "vehicle_operation": "2",
             "reception": "31"}  # 团组, 辆, 辆, 辆, 批次: bare numbers under 实物量


def counts_text_column(broken: bool = False) -> list[Block]:
    """Items as lines: 项目 | 预算数 | 决算数 | 实物量, the 实物量 (团组, 辆, 批次) bare numbers beside the amounts. Broken:
    the 接待 决算 0.30 higher (the 合计 no longer closes)."""
    f = bump(CT, "reception", 1, 0.3) if broken else CT
    labels = {"total": "合计", "overseas": "因公出国（境）费", "vehicle_total": "公务用车购置及运行费",
              "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行费", "reception": "公务接待费"}
    rows = [["项目", "预算数", "决算数", "实物量"]]
    rows += [[labels[i], wan(f[i][0]), wan(f[i][1]), CT_COUNTS.get(i, "")] for i in ITEMS]
    grid = Grid(rows, [3.0, 1.2, 1.2, 1.0], header_rows=1, align=["l", "r", "r", "r"])
    return [Cover([CT_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=CT_AGENCY, unit="万元")]


# ---------------------------------------------------------------- two budgets side by side, 增减额 | 增减率
TY_AGENCY = "娄底市涟源市教育局"
TY = closed((0.0, 0.0), (0.0, 0.0), (14.6, 0.0), (5.2, 0.0))  # 2025年预算数
TY_LAST = closed((2.0, 0.0), (25.0, 0.0), (15.8, 0.0), (6.0, 0.0))  # 2024年预算数
TY_LABELS = {"total": "合计", "overseas": "1、因公出国（境）费", "vehicle_total": "2、公务用车购置及运行费",
             "vehicle_purchase": "（1）公务用车购置费", "vehicle_operation": "（2）公务用车运行费",
             "reception": "3、公务接待费"}


def _change(now: float, last: float) -> list[str]:
    return [wan(round(now - last, 2)), f"{(now - last) / last * 100:.2f}%" if last else ""]


def two_budgets(broken: bool = False) -> list[Block]:
    """A budget: items as lines, 2024年预算数 | 2025年预算数 | 增减额 | 增减率. Broken: the 2025 合计 printed 0.65
    higher."""
    f = bump(TY, "total", 0, 0.65) if broken else TY
    rows = [["项目", "2024年预算数", "2025年预算数", "增减额", "增减率"]]
    rows += [[TY_LABELS[i], wan(TY_LAST[i][0]), wan(f[i][0]), *_change(f[i][0], TY_LAST[i][0])] for i in ITEMS]
    grid = Grid(rows, [3.0, 1.3, 1.3, 1.1, 1.0], header_rows=1, align=["l", "r", "r", "r", "r"])
    return [Cover([TY_AGENCY, BUDGET]),
            Sheet("一般公共预算“三公”经费支出预算表", grid, code="公开08表", dept=TY_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 上年数 | 本年数, the 合计 line last
LT_AGENCY = "永州市冷水滩区科学技术局"
LT = closed((0.0, 0.0), (0.0, 0.0), (3.6, 0.0), (1.9, 0.0))
LT_LAST = closed((0.0, 0.0), (0.0, 0.0), (3.9, 0.0), (2.3, 0.0))
LT_LABELS = {"overseas": "（一）因公出国（境）费", "vehicle_total": "（二）公务用车购置及运行费",
             "vehicle_purchase": "1.公务用车购置费", "vehicle_operation": "2.公务用车运行费",
             "reception": "（三）公务接待费", "total": "合    计"}


def total_last(broken: bool = False) -> list[Block]:
    """A budget: items as lines, 上年数 | 本年数 | 增减额 | 增减率（%）, numbered （一）…（三） with 1. / 2. under the
    公务用车, the 合计 line last. Broken: the 本年 运行费 printed 0.45 higher (the 小计 no longer its sum)."""
    f = bump(LT, "vehicle_operation", 0, 0.45) if broken else LT
    rows = [["项目", "上年数", "本年数", "增减额", "增减率（%）"]]
    rows += [[LT_LABELS[i], wan(LT_LAST[i][0]), wan(f[i][0]), *_change(f[i][0], LT_LAST[i][0])]
             for i in (*ITEMS[1:], ITEMS[0])]
    grid = Grid(rows, [3.0, 1.2, 1.2, 1.1, 1.1], header_rows=1, align=["l", "r", "r", "r", "r"])
    return [Cover([LT_AGENCY, BUDGET]),
            Sheet("“三公”经费支出预算表", grid, code="公开08表", dept=LT_AGENCY, unit="万元")]


def figures_of(name: str, broken: bool) -> Figures | None:
    """The figures a layout of this module prints (its broken copy's, with `broken`); None: not one of them."""
    return {
        "stage_rows.pdf": bump(bump(ST, "vehicle_operation", 1, ST_OVER), "total", 1, ST_OVER) if broken else ST,
        "vehicle_split_rows.pdf": bump(VS, "vehicle_operation", 1, 0.25) if broken else VS,
        "yuan_header.pdf": bump(YH, "reception", 1, 0.2) if broken else YH,
        "counts_text_column.pdf": bump(CT, "reception", 1, 0.3) if broken else CT,
        "two_budgets.pdf": bump(TY, "total", 0, 0.65) if broken else TY,
        "total_last.pdf": bump(LT, "vehicle_operation", 0, 0.45) if broken else LT,
        "yoy_2023.pdf": YY_2023,
        "yoy_2024.pdf": bump(bump(YY_2024, "reception", 1, YY_UP), "total", 1, YY_UP) if broken else YY_2024,
    }.get(name)


# ---------------------------------------------------------------- two years' 决算 of one office: growth over the year
YY_AGENCY = "常德市鼎城区水利局"
YY_2022 = 9.6  # the 2023 决算's 上年决算数 合计
YY_2023 = closed((0.0, 0.0), (0.0, 0.0), (7.0, 6.0), (5.0, 4.0))
YY_2024 = closed((0.0, 0.0), (0.0, 0.0), (8.0, 7.0), (6.5, 4.5))  # 合计 11.50: 15 % over 2023's 10.00
YY_UP = 1.5  # broken: the 2024 接待 决算 (and the 合计) this much higher: 13.00, 30 % over 2023, within budget


def _yoy_table(year: int, f: Figures, last: dict[str, float]) -> Sheet:
    """Items as lines: 上年决算数 | 本年预算数 | 本年决算数 | 增减额 | 增减率（%）."""
    rows = [["项目", "上年决算数", "本年预算数", "本年决算数", "增减额", "增减率（%）"]]
    for item in ITEMS:
        b, a = f[item]
        rows.append([VS_LABELS[item], wan(last[item]), wan(b), wan(a), wan(round(a - last[item], 2)),
                     f"{(a - last[item]) / last[item] * 100:.2f}" if last[item] else ""])
    grid = Grid(rows, [3.2, 1.1, 1.1, 1.1, 1.0, 1.0], header_rows=1, align=["l"] + ["r"] * 5)
    return Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=YY_AGENCY, unit="万元")


def yoy_2023() -> list[Block]:
    """The office's 2023 决算 (合计 决算 10.00)."""
    last = {i: 0.0 for i in ITEMS} | {"total": YY_2022, "vehicle_total": 5.6, "vehicle_operation": 5.6,
                                       "reception": 4.0}
    return [Cover([YY_AGENCY, "2023年度部门决算"]), _yoy_table(2023, YY_2023, last)]


def yoy_2024(broken: bool = False) -> list[Block]:
    """The office's 2024 决算 (合计 决算 11.50, 15 % over 2023), 2023's 决算 printed as its 上年决算数. Broken: the 接待
    决算 1.50 higher and the 合计 with it (13.00: 30 % over 2023; every sum closes, nothing over budget)."""
    f = bump(bump(YY_2024, "reception", 1, YY_UP), "total", 1, YY_UP) if broken else YY_2024
    return [Cover([YY_AGENCY, FINAL]), _yoy_table(2024, f, {i: YY_2023[i][1] for i in ITEMS})]
