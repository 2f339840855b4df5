"""Some of the fifteenth round's 三公 layouts (samplegen/variants_sangong_fifteenth.py holds the catalogue): the 三公
items as 经济分类 lines of the 基本支出 决算表 (30212 因公出国（境）费用, 30217 公务接待费, 30231 公务用车运行维护费,
31013 公务用车购置) beside the 三公 table, or with no 三公 table at all; a budget's items as columns over lines
2024年预算数 | 2025年预算数 | 增减额 | 增减率 under a two-line header; items as columns over 预算数 | 决算数 | a
决算数占预算数 line; 其中 lines indented by spaces under 全年预算数 | 实际支出数; whole 元 with cents, a zero printed
as “-” or left blank."""

from __future__ import annotations

from .layout import Block, Cover, Grid, Span
from .sheets import Sheet
from .variants_sangong_thirteenth_base import BUDGET, FINAL, ITEMS, Figures, bump, closed, wan, yuan

# ---------------------------------------------------------------- the 三公 items as 经济分类 lines of 基本支出
EC_AGENCY = "怀化市鹤城区农业农村局"
EC = closed((1.5, 1.2), (12.0, 12.0), (6.0, 5.8), (2.5, 2.3))
# (code, name, 人员经费, 公用经费) of the 基本支出 决算表: each 三公 款 at most its 三公 决算数 (the 三公 table also
# counts 项目支出)
EC_ECON = (("301", "工资福利支出", 412.6, 0.0), ("30101", "基本工资", 248.3, 0.0), ("30102", "津贴补贴", 164.3, 0.0),
           ("302", "商品和服务支出", 0.0, 38.7), ("30201", "办公费", 0.0, 30.0),
           ("30212", "因公出国（境）费用", 0.0, 1.2), ("30217", "公务接待费", 0.0, 2.1),
           ("30231", "公务用车运行维护费", 0.0, 5.4), ("310", "资本性支出", 0.0, 12.0),
           ("31013", "公务用车购置", 0.0, 12.0))
EC_LABELS = {"total": "合计", "overseas": "因公出国（境）费", "vehicle_total": "公务用车购置及运行维护费",
             "vehicle_purchase": "其中：公务用车购置费", "vehicle_operation": "公务用车运行维护费",
             "reception": "公务接待费"}


def basic_economic(agency: str) -> Sheet:
    """The 一般公共预算财政拨款基本支出决算表 of 经济分类 lines, the 三公 items among its 款."""
    p = round(sum(x for c, _n, x, _y in EC_ECON if len(c) == 3), 2)
    q = round(sum(y for c, _n, _x, y in EC_ECON if len(c) == 3), 2)
    rows = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"], ["", "合计", wan(p + q), wan(p), wan(q)]]
    rows += [[c, ("" if len(c) == 3 else "　　") + n, wan(x + y), wan(x) if x else "", wan(y) if y else ""]
             for c, n, x, y in EC_ECON]
    grid = Grid(rows, [1.0, 3.2, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
    return Sheet("一般公共预算财政拨款基本支出决算表", grid, code="公开07表", dept=agency, unit="万元")


def econ_lines(broken: bool = False) -> list[Block]:
    """The 基本支出 决算表 whose 款 lines name the 三公 items, then the 三公 table (items as lines, 预算数 | 决算数).
    Broken: the 三公 决算 合计 printed 0.40 higher."""
    f = bump(EC, "total", 1, 0.4) if broken else EC
    rows = [["项目", "预算数", "决算数"]] + [[EC_LABELS[i], wan(f[i][0]), wan(f[i][1])] for i in ITEMS]
    grid = Grid(rows, [3.2, 1.3, 1.3], header_rows=1, align=["l", "r", "r"])
    return [Cover([EC_AGENCY, FINAL]), basic_economic(EC_AGENCY),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=EC_AGENCY, unit="万元")]


EO_AGENCY = "怀化市洪江市林业局"


def econ_only() -> list[Block]:
    """A 决算 printing the 三公 items only as 经济分类 lines of its 基本支出 table: no 三公 table, no 三公 prose."""
    return [Cover([EO_AGENCY, FINAL]), basic_economic(EO_AGENCY)]


# ---------------------------------------------------------------- items as columns over two budgets' lines
BY_AGENCY = "张家界市永定区交通运输局"
BY = closed((0.0, 0.0), (0.0, 0.0), (9.2, 0.0), (3.4, 0.0))  # 2025年预算数
BY_LAST = closed((0.0, 0.0), (18.0, 0.0), (9.8, 0.0), (3.9, 0.0))  # 2024年预算数
ITEM_HEAD = (["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
             ["", "", "", "小计", "公务用车购置费", "公务用车运行费", ""])
ITEM_SPANS = [Span(0, j, 2, 1, "header") for j in (0, 1, 2, 6)] + [Span(0, 3, 1, 3, "header")]


def pct(now: float, last: float) -> str:
    """The change over `last` in per cent as printed (blank with no base)."""
    return f"{(now - last) / last * 100:.2f}" if last else ""


def budget_years_rows(broken: bool = False) -> list[Block]:
    """A budget: items as columns under 公务用车购置及运行费 merged over 小计 | 购置费 | 运行费, lines 2024年预算数,
    2025年预算数, 增减额, 增减率（%）. Broken: the 2025 运行费 printed 0.45 higher (the 小计 no longer its sum)."""
    f = bump(BY, "vehicle_operation", 0, 0.45) if broken else BY
    rows = [list(r) for r in ITEM_HEAD]
    rows += [["2024年预算数", *(wan(BY_LAST[i][0]) for i in ITEMS)], ["2025年预算数", *(wan(f[i][0]) for i in ITEMS)],
             ["增减额", *(wan(round(f[i][0] - BY_LAST[i][0], 2)) for i in ITEMS)],
             ["增减率（%）", *(pct(f[i][0], BY_LAST[i][0]) for i in ITEMS)]]
    grid = Grid(rows, [1.5, 1.0, 1.2, 1.0, 1.1, 1.1, 1.0], header_rows=2, spans=ITEM_SPANS, align=["l"] + ["r"] * 6)
    return [Cover([BY_AGENCY, BUDGET]),
            Sheet("一般公共预算“三公”经费支出预算表", grid, code="公开08表", dept=BY_AGENCY, unit="万元",
                  landscape=True)]


# ---------------------------------------------------------------- items as columns, a 决算数占预算数 line
SP_AGENCY = "湘西州吉首市商务局"
SP = closed((2.0, 1.76), (0.0, 0.0), (5.6, 5.12), (2.4, 2.05))
SP_OVER = 0.65  # broken: the 接待 决算 (and the 合计) this much higher: 2.70 over a 2.40 budget


def stage_percent(broken: bool = False) -> list[Block]:
    """Items as columns (as `budget_years_rows`), lines 预算数, 决算数, 决算数占预算数（%）. Broken: the 接待 决算 over
    its budget, the 合计 raised with it (the sums close)."""
    f = bump(bump(SP, "reception", 1, SP_OVER), "total", 1, SP_OVER) if broken else SP
    rows = [list(r) for r in ITEM_HEAD]
    rows += [["预算数", *(wan(f[i][0]) for i in ITEMS)], ["决算数", *(wan(f[i][1]) for i in ITEMS)],
             ["决算数占预算数（%）", *(f"{f[i][1] / f[i][0] * 100:.2f}" if f[i][0] else "" for i in ITEMS)]]
    grid = Grid(rows, [1.8, 1.0, 1.2, 1.0, 1.1, 1.1, 1.0], header_rows=2, spans=ITEM_SPANS, align=["l"] + ["r"] * 6)
    return [Cover([SP_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=SP_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- 其中 lines indented by spaces
IS_AGENCY = "湘西州凤凰县文化旅游广电局"
IS = closed((0.0, 0.0), (0.0, 0.0), (7.2, 6.93), (6.0, 5.48))
IS_LABELS = {"total": "“三公”经费支出合计", "overseas": "因公出国（境）费", "vehicle_total": "公务用车购置及运行维护费",
             "vehicle_purchase": "    购置费", "vehicle_operation": "    运行维护费", "reception": "公务接待费"}


def space_indent(broken: bool = False) -> list[Block]:
    """Items as lines under 全年预算数 | 实际支出数, the 公务用车 parts indented by spaces (no 其中, no number).
    Broken: the 运行维护费 支出 0.35 lower (the 小计 no longer its sum)."""
    f = bump(IS, "vehicle_operation", 1, -0.35) if broken else IS
    rows = [["项目", "全年预算数", "实际支出数"]] + [[IS_LABELS[i], wan(f[i][0]), wan(f[i][1])] for i in ITEMS]
    grid = Grid(rows, [3.2, 1.3, 1.3], header_rows=1, align=["l", "r", "r"])
    return [Cover([IS_AGENCY, FINAL]),
            Sheet("“三公”经费支出决算表", grid, code="公开09表", dept=IS_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 元 with cents, a zero as “-” or blank
YD_AGENCY = "湘潭市雨湖区城市管理和综合执法局"
# in 元 with cents: the figures kept in 万元 to the cent of a 元 (合计 and 小计 close exactly)
YD: Figures = {"total": (16.4, 15.18931), "overseas": (0.0, 0.0), "vehicle_total": (11.4, 10.872536),
               "vehicle_purchase": (0.0, 0.0), "vehicle_operation": (11.4, 10.872536), "reception": (5.0, 4.316774)}
YD_ZERO = {"overseas": "-", "vehicle_purchase": ""}  # how each zero item is printed


def _yd(broken: bool) -> Figures:
    """YD, or its broken copy's: the 接待 决算 3,000.00 元 higher."""
    return {**YD, "reception": (5.0, 4.616774)} if broken else YD


def yuan_dash(broken: bool = False) -> list[Block]:
    """Items as lines, 预算数 | 决算数 in 元 with cents (金额单位：元), 出国's zeros printed “-”, 购置's left blank.
    Broken: the 接待 决算 printed 3,000.00 元 higher (the 合计 no longer closes)."""
    f = _yd(broken)
    labels = {"total": "合计", "overseas": "1.因公出国（境）费", "vehicle_total": "2.公务用车购置及运行费",
              "vehicle_purchase": "（1）公务用车购置费", "vehicle_operation": "（2）公务用车运行费",
              "reception": "3.公务接待费"}
    rows = [["项目", "预算数", "决算数"]]
    rows += [[labels[i], *(YD_ZERO.get(i, yuan(x)) if not x else yuan(x) for x in f[i])] for i in ITEMS]
    grid = Grid(rows, [3.0, 1.5, 1.5], header_rows=1, align=["l", "r", "r"])
    return [Cover([YD_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=YD_AGENCY, unit="元")]


def base_figures(name: str, broken: bool) -> Figures | None:
    """The figures a layout of this module prints (its broken copy's, with `broken`); None: not one of them."""
    return {
        "econ_lines.pdf": bump(EC, "total", 1, 0.4) if broken else EC,
        "budget_years_rows.pdf": bump(BY, "vehicle_operation", 0, 0.45) if broken else BY,
        "stage_percent.pdf": bump(bump(SP, "reception", 1, SP_OVER), "total", 1, SP_OVER) if broken else SP,
        "space_indent.pdf": bump(IS, "vehicle_operation", 1, -0.35) if broken else IS,
        "yuan_dash.pdf": _yd(broken),
    }.get(name)
