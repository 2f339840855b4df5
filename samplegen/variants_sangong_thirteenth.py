"""A thirteenth round of layouts, all of the 三公 table, as offices print it and the other sets do not draw: the
实物量 (团组数, 人次, 购置数, 保有量, 批次) printed as columns beside the item columns, as lines under each item, as columns
beside the 预算数 | 决算数 of items as lines, or in brackets after an item's name; 预算数 | 决算数 | 完成率 under each item
in 元; a 决算 of items as lines against last year's 决算 (增减额, 增减率), its broken copy's 合计 counting the 公务用车
twice; 公务用车购置费 | 运行费 under a merged 公务用车 header with no 小计; a table of zeros under a note that there was no
such spending; items as lines over two pages with no header on the second, or items as columns with the 决算数 line
alone on the next page; years and stages as lines under the item columns (a title worded …财政拨款支出决算表); year
groups over stage words; a 决算 of 单位 lines under 预算数 | 决算数 blocks; and, drawn in
samplegen/variants_sangong_thirteenth_base.py, the 政府性基金 三公 table after the 一般公共预算 one, one line per 单位 of a
部门 budget, a 预算执行情况表, a 三公 section inside the 基本支出 table. Each drawn whole and `broken` with one planted
defect (`PLANTS`: the rule that must raise it and what its evidence holds); every figure drawn is kept here as data
(`drawn`). `python -m samplegen.variants_sangong_thirteenth DIR` writes them."""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

from . import sheets
from . import variants_ninth as ninth
from .layout import Block, Cover, Grid, Span
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .variants_sangong_thirteenth_base import (
    BS,
    BUDGET,
    EX,
    FINAL,
    GF,
    GF_QUALIFIED,
    ITEMS,
    LABELS,
    SL,
    UF,
    UN,
    YG,
    Figures,
    Plant,
    basic_with_sangong,
    bump,
    closed,
    execution_titled,
    stage_lines_split,
    units_final_blocks,
    units_no_total,
    units_off,
    units_rows,
    wan,
    with_gov_fund,
    year_groups,
    yuan,
)
from .variants_sangong_thirteenth_base import BS_ECON as BS_ECON  # re-exported: the tests check the lines drawn

STYLE = replace(ninth.STYLE, name="variant-sangong-thirteenth")


# ---------------------------------------------------------------- counts as columns beside the amounts
CC_AGENCY = "常德市武陵区审计局"
CC = closed((3.2, 2.86), (0.0, 0.0), (8.0, 7.41), (4.5, 3.97))
CC_COUNTS = ((1, 3), (0, 3), (42, 268))  # (团组, 人次); (购置数, 保有量); (批次, 人次) of the 决算 line


def counts_columns(broken: bool = False) -> list[Block]:
    """项目 | 合计 | 因公出国（境）(团组数 | 人次 | 金额) | 公务用车 (购置数量（辆）| 保有量（辆）| 小计 | 购置费 | 运行费) |
    公务接待 (批次 | 人次 | 金额); lines 预算数 (counts blank) and 决算数. Broken: 接待 决算 0.50 higher."""
    f = bump(CC, "reception", 1, 0.5) if broken else CC
    head = [["项目", "合计", "因公出国（境）", "", "", "公务用车购置及运行费", "", "", "", "", "公务接待", "", ""],
            ["", "", "团组数（个）", "人次", "金额", "购置数量（辆）", "保有量（辆）", "小计", "购置费", "运行费",
             "批次", "人次", "金额"]]
    (g, p), (n, k), (b, r) = CC_COUNTS

    def line(label: str, s: int, counts: bool) -> list[str]:
        def c(x: int) -> str:
            return str(x) if counts else ""
        return [label, wan(f["total"][s]), c(g), c(p), wan(f["overseas"][s]), c(n), c(k), wan(f["vehicle_total"][s]),
                wan(f["vehicle_purchase"][s]), wan(f["vehicle_operation"][s]), c(b), c(r), wan(f["reception"][s])]

    rows = [*head, line("预算数", 0, False), line("决算数", 1, True)]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 1, 3, "header"),
             Span(0, 5, 1, 5, "header"), Span(0, 10, 1, 3, "header")]
    grid = Grid(rows, [0.9, 0.9, 0.8, 0.6, 0.9, 0.9, 0.9, 0.9, 0.8, 0.8, 0.6, 0.6, 0.9], header_rows=2, spans=spans,
                align=["l"] + ["r"] * 12)
    return [Cover([CC_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=CC_AGENCY, unit="万元", landscape=True,
                  size_scale=0.85)]


# ---------------------------------------------------------------- counts as lines under each item, in 元
CR_AGENCY = "益阳市赫山区统计局"
CR = closed((2.0, 1.84), (0.0, 0.0), (6.5, 6.12), (3.0, 2.47))
CR_COUNTS = {"overseas": (("其中：因公出国（境）团组数（个）", 1), ("因公出国（境）人次（人）", 2)),
             "vehicle_purchase": (("公务用车购置数（辆）", 0),),
             "vehicle_operation": (("公务用车保有量（辆）", 3),),
             "reception": (("其中：国内公务接待批次（批）", 37), ("国内公务接待人次（人）", 205))}


def counts_rows(broken: bool = False) -> list[Block]:
    """Items as lines, 预算数 | 决算数 in 元, each item followed by its count lines (团组数, 人次, 购置数, 保有量, 批次):
    the counts printed in the 决算数 column only. Broken: 运行费 决算 0.30 万元 higher (小计 no longer its sum)."""
    f = bump(CR, "vehicle_operation", 1, 0.3) if broken else CR
    rows = [["项目", "预算数", "决算数"]]
    for item in ITEMS:
        rows.append([LABELS[item], yuan(f[item][0]), yuan(f[item][1])])
        rows += [[label, "", str(n)] for label, n in CR_COUNTS.get(item, ())]
    grid = Grid(rows, [3.4, 1.5, 1.5], header_rows=1, align=["l", "r", "r"])
    return [Cover([CR_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=CR_AGENCY, unit="元")]


# ---------------------------------------------------------------- 预算数 | 决算数 | 完成率 under each item, in 元
PR_AGENCY = "湘西州吉首市水利局"
PR = closed((5.0, 4.12), (0.0, 0.0), (9.0, 8.35), (4.0, 3.06))
PR_OVER = 1.58  # broken: the 出国 决算 (and the 合计 with it) printed this much higher: over its budget


def pairs_rate(broken: bool = False) -> list[Block]:
    """Each item over 预算数 | 决算数 | 完成率（%）, one line in 元. Broken: 出国 决算 6.70 over its 5.00 budget, the 合计
    raised with it (the sums still close)."""
    f = bump(bump(PR, "overseas", 1, PR_OVER), "total", 1, PR_OVER) if broken else PR
    top = ["合计", "", "", "因公出国（境）费", "", "", "公务用车购置及运行费"] + [""] * 8 + ["公务接待费", "", ""]
    sub = [""] * 6 + ["小计", "", "", "购置费", "", "", "运行费", "", ""] + [""] * 3
    stage = ["预算数", "决算数", "完成率（%）"] * 6
    body = []
    for item in ITEMS:
        b, a = f[item]
        body += [yuan(b), yuan(a), f"{a / b * 100:.2f}" if b else ""]
    rows = [top, sub, stage, body]
    spans = [Span(0, 0, 2, 3, "header"), Span(0, 3, 2, 3, "header"), Span(0, 6, 1, 9, "header"),
             Span(1, 6, 1, 3, "header"), Span(1, 9, 1, 3, "header"), Span(1, 12, 1, 3, "header"),
             Span(0, 15, 2, 3, "header")]
    grid = Grid(rows, [0.85] * 18, header_rows=3, spans=spans, align=["r"] * 18)
    return [Cover([PR_AGENCY, FINAL]),
            Sheet("一般公共预算财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=PR_AGENCY, unit="元",
                  landscape=True, size_scale=0.75)]


# ---------------------------------------------------------------- items as lines: 上年决算 | 预算 | 决算 | 增减额 | 增减率
FY_AGENCY = "怀化市鹤城区林业局"
FY = closed((0.0, 0.0), (0.0, 0.0), (12.0, 11.26), (5.5, 4.38))
FY_LAST = closed((0.0, 0.0), (0.0, 0.0), (0.0, 12.04), (0.0, 5.91))  # 2023年决算数 (the second figure)


def final_yoy_rows(broken: bool = False) -> list[Block]:
    """Items as lines: 2023年决算数 | 2024年预算数 | 2024年决算数 | 比上年增减额 | 增减率（%）. Broken: the 2024 合计 决算
    printed as 出国 + 小计 + 购置 + 运行 + 接待 (公务用车 counted twice)."""
    f = dict(FY)
    if broken:
        twice = round(sum(FY[i][1] for i in ITEMS[1:]), 2)
        f["total"] = (FY["total"][0], twice)
    rows = [["项目", "2023年决算数", "2024年预算数", "2024年决算数", "比上年增减额", "增减率（%）"]]
    for item in ITEMS:
        last, (b, a) = FY_LAST[item][1], f[item]
        rate = f"{(a - last) / last * 100:.2f}" if last else ""
        rows.append([LABELS[item], wan(last), wan(b), wan(a), wan(round(a - last, 2)), rate])
    grid = Grid(rows, [3.0, 1.2, 1.2, 1.2, 1.2, 1.0], header_rows=1, align=["l", "r", "r", "r", "r", "r"])
    return [Cover([FY_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=FY_AGENCY, unit="万元")]


def final_yoy_twice() -> float:
    """The broken copy's 合计 决算 (the 公务用车 counted twice)."""
    return round(sum(FY[i][1] for i in ITEMS[1:]), 2)


# ---------------------------------------------------------------- 公务用车 购置费 | 运行费 with no 小计 column
NS_AGENCY = "邵阳市大祥区财政局"
NS = closed((0.0, 0.0), (18.0, 0.0), (7.2, 0.0), (3.6, 0.0))


def vehicle_no_subtotal(broken: bool = False) -> list[Block]:
    """A budget: 合计 | 因公出国（境）费 | 公务用车购置及运行费 (merged over 公务用车购置费 | 公务用车运行费, no 小计) |
    公务接待费, one line. Broken: the 合计 printed 1.00 higher."""
    f = bump(NS, "total", 0, 1.0) if broken else NS
    rows = [["合计", "因公出国（境）费", "公务用车购置及运行费", "", "公务接待费"],
            ["", "", "公务用车购置费", "公务用车运行费", ""],
            [wan(f[i][0]) for i in ("total", "overseas", "vehicle_purchase", "vehicle_operation", "reception")]]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 1, 2, "header"),
             Span(0, 4, 2, 1, "header")]
    grid = Grid(rows, [1.2, 1.5, 1.5, 1.5, 1.2], header_rows=2, spans=spans, align=["r"] * 5)
    return [Cover([NS_AGENCY, BUDGET]),
            Sheet("一般公共预算“三公”经费支出预算表", grid, code="公开08表", dept=NS_AGENCY, unit="万元")]


# ---------------------------------------------------------------- all zeros, a note: no 三公 spending
ZR_AGENCY = "永州市零陵区档案馆"
ZR_NOTE = "注：本部门2024年度无“三公”经费支出，故本表数据均为0。"


def all_zero() -> list[Block]:
    """Items as lines, 预算数 | 决算数 all 0.00 (the 购置 line printed —), a note that there was no 三公 spending."""
    rows = [["项目", "预算数", "决算数"]]
    rows += [[LABELS[i], "—" if i == "vehicle_purchase" else "0.00", "—" if i == "vehicle_purchase" else "0.00"]
             for i in ITEMS]
    grid = Grid(rows, [3.0, 1.3, 1.3], header_rows=1, align=["l", "r", "r"])
    return [Cover([ZR_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=ZR_AGENCY, unit="万元", notes=[ZR_NOTE])]


# ---------------------------------------------------------------- items as lines over two pages, no header on the second
SP_AGENCY = "娄底市娄星区农业农村局"
SP = closed((4.0, 3.55), (25.0, 24.8), (9.0, 8.64), (6.0, 5.17))


def split_no_header(broken: bool = False) -> list[Block]:
    """Items as lines, 预算数 | 决算数 | 决算数比预算数增减, broken after the 公务用车 小计 line; the second page carries a
    续表 line and no header. Broken: the 购置费 决算 printed 0.15 higher (小计 no longer its sum)."""
    f = bump(SP, "vehicle_purchase", 1, 0.15) if broken else SP
    rows = [["项目", "预算数", "决算数", "决算数比预算数增减"]]
    rows += [[LABELS[i], wan(f[i][0]), wan(f[i][1]), wan(round(f[i][1] - f[i][0], 2))] for i in ITEMS]
    grid = Grid(rows, [3.0, 1.2, 1.2, 1.6], header_rows=1, align=["l", "r", "r", "r"])
    return [Cover([SP_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=SP_AGENCY, unit="万元", page_rows=[3, 3],
                  repeat_header=False, continued="财政拨款“三公”经费支出决算表（续）")]


# ---------------------------------------------------------------- items as columns, years and stages as lines
YS_AGENCY = "张家界市永定区交通运输局"
YS = closed((0.0, 0.0), (0.0, 0.0), (16.0, 15.38), (7.0, 5.84))
YS_LAST = (20.92, 0.0, 14.6, 0.0, 14.6, 6.32)  # 2023年决算数, in ITEMS order
YS_OVER = 1.5  # broken: the 接待 决算 (and the 合计) printed this much higher: 7.34 over a 7.00 budget


def years_as_lines(broken: bool = False) -> list[Block]:
    """A 决算: items as columns (合计 | 出国 | 公务用车 小计 · 购置费 · 运行费 | 接待), lines 2023年决算数 | 2024年预算数 |
    2024年决算数 | 增减额 | 增减率. Broken: the 2024 接待 决算 over its budget (the 合计 raised with it)."""
    f = bump(bump(YS, "reception", 1, YS_OVER), "total", 1, YS_OVER) if broken else YS
    rows = [["年度", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "", "小计", "购置费", "运行费", ""],
            ["2023年决算数", *(wan(x) for x in YS_LAST)],
            ["2024年预算数", *(wan(f[i][0]) for i in ITEMS)],
            ["2024年决算数", *(wan(f[i][1]) for i in ITEMS)],
            ["增减额", *(wan(round(f[i][1] - x, 2)) for i, x in zip(ITEMS, YS_LAST, strict=True))],
            ["增减率（%）", *(f"{(f[i][1] - x) / x * 100:.2f}" if x else "" for i, x in zip(ITEMS, YS_LAST, strict=True))]]
    spans = [Span(0, j, 2, 1, "header") for j in (0, 1, 2, 6)] + [Span(0, 3, 1, 3, "header")]
    grid = Grid(rows, [1.4, 1.0, 1.2, 1.0, 1.0, 1.0, 1.0], header_rows=2, spans=spans, align=["l"] + ["r"] * 6)
    return [Cover([YS_AGENCY, FINAL]),
            Sheet("“三公”经费财政拨款支出决算表", grid, code="公开09表", dept=YS_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- items as lines, counts as columns beside the figures
RC_AGENCY = "衡阳市石鼓区统计局"
RC = closed((2.4, 2.05), (0.0, 0.0), (5.6, 5.12), (2.2, 1.96))
RC_COUNTS = {"overseas": (1, 2), "vehicle_operation": (0, 2), "reception": (19, 113)}  # 团组/批次/辆, 人次


def rows_count_columns(broken: bool = False) -> list[Block]:
    """Items as lines: 项目 | 预算数 | 决算数 | 团组数（批次、辆） | 人次 — the counts of each item beside its figures.
    Broken: the 接待 决算 (and the 合计) printed 0.50 higher, over its budget."""
    f = bump(bump(RC, "reception", 1, 0.5), "total", 1, 0.5) if broken else RC
    rows = [["项目", "预算数", "决算数", "团组数（批次、辆）", "人次"]]
    for item in ITEMS:
        n, k = RC_COUNTS.get(item, ("", ""))
        rows.append([LABELS[item], wan(f[item][0]), wan(f[item][1]), str(n), str(k) if k != "" else ""])
    grid = Grid(rows, [3.0, 1.2, 1.2, 1.5, 0.9], header_rows=1, align=["l", "r", "r", "r", "r"])
    return [Cover([RC_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=RC_AGENCY, unit="万元")]


# ---------------------------------------------------------------- items as lines, their counts in the label
CL_AGENCY = "郴州市苏仙区审计局"
CL = closed((3.0, 2.64), (0.0, 0.0), (4.8, 4.35), (2.5, 2.18))
CL_LABELS = {**LABELS, "overseas": "1.因公出国（境）费（1个团组，3人次）",
             "vehicle_operation": "（2）公务用车运行费（保有量2辆）", "reception": "3.公务接待费（35批次，196人次）"}


def counts_in_labels(broken: bool = False) -> list[Block]:
    """Items as lines, 预算数 | 决算数, each line's counts in brackets after its name (1个团组，3人次; 保有量2辆; 35批次，
    196人次). Broken: the 出国 决算 printed 0.20 higher (the 合计 no longer closes)."""
    f = bump(CL, "overseas", 1, 0.2) if broken else CL
    rows = [["项目", "预算数", "决算数"]] + [[CL_LABELS[i], wan(f[i][0]), wan(f[i][1])] for i in ITEMS]
    grid = Grid(rows, [3.8, 1.2, 1.2], header_rows=1, align=["l", "r", "r"])
    return [Cover([CL_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=CL_AGENCY, unit="万元")]


def drawn(name: str, broken: bool = False) -> dict[tuple[str, str], float]:
    """(stage, item) → amount in 万元 of the 三公 table as `name` prints it (its broken copy's, with `broken`)."""
    name = name.replace("_3l.pdf", ".pdf")  # a 三线表 copy prints the same figures
    final = name not in ("vehicle_no_subtotal.pdf", "units_rows.pdf", "units_total_last.pdf", "basic_with_sangong.pdf",
                         "year_groups.pdf")
    figures: Figures = {
        "counts_columns.pdf": bump(CC, "reception", 1, 0.5) if broken else CC,
        "counts_rows.pdf": bump(CR, "vehicle_operation", 1, 0.3) if broken else CR,
        "pairs_rate.pdf": bump(bump(PR, "overseas", 1, PR_OVER), "total", 1, PR_OVER) if broken else PR,
        "final_yoy_rows.pdf": {**FY, "total": (FY["total"][0], final_yoy_twice())} if broken else FY,
        "vehicle_no_subtotal.pdf": bump(NS, "total", 0, 1.0) if broken else NS,
        "all_zero.pdf": closed((0.0, 0.0), (0.0, 0.0), (0.0, 0.0), (0.0, 0.0)),
        "split_no_header.pdf": bump(SP, "vehicle_purchase", 1, 0.15) if broken else SP,
        "years_as_lines.pdf": bump(bump(YS, "reception", 1, YS_OVER), "total", 1, YS_OVER) if broken else YS,
        "with_gov_fund.pdf": bump(GF, "reception", 1, 0.4) if broken else GF,
        "with_gov_fund_qualified.pdf": bump(GF, "reception", 1, 0.4) if broken else GF,
        "units_rows.pdf": bump(UN, "total", 0, 2.37) if broken else UN,
        "units_total_last.pdf": bump(UN, "total", 0, 2.37) if broken else UN,
        "execution_titled.pdf": bump(bump(EX, "overseas", 1, 1.2), "total", 1, 1.2) if broken else EX,
        "basic_with_sangong.pdf": bump(BS, "total", 0, 0.6) if broken else BS,
        "rows_count_columns.pdf": bump(bump(RC, "reception", 1, 0.5), "total", 1, 0.5) if broken else RC,
        "year_groups.pdf": bump(YG, "vehicle_operation", 0, 0.4) if broken else YG,
        "stage_lines_split.pdf": bump(SL, "total", 1, -0.3) if broken else SL,
        "counts_in_labels.pdf": bump(CL, "overseas", 1, 0.2) if broken else CL,
        "units_final_blocks.pdf": bump(UF, "reception", 1, -0.45) if broken else UF,
    }[name]
    items = ("total", "overseas", "vehicle_purchase", "vehicle_operation", "reception") \
        if name == "vehicle_no_subtotal.pdf" else ITEMS
    out = {("budget", i): figures[i][0] for i in items}
    return out | ({("actual", i): figures[i][1] for i in items} if final else {})


# the planted defect of each broken copy: its rule and what its evidence must hold
PLANTS: dict[str, Plant] = {
    "counts_columns.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "total"),
                                                        ("difference", -0.5))),
    "counts_rows.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "vehicle_total"),
                                                     ("difference", -0.3))),
    "pairs_rate.pdf": Plant("sangong_over_budget", (("item", "overseas"), ("actual", round(4.12 + PR_OVER, 2)),
                                                   ("budget", 5.0))),
    "final_yoy_rows.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "total"),
                                                        ("difference", FY["vehicle_total"][1]))),
    "vehicle_no_subtotal.pdf": Plant("sangong_sum_mismatch", (("stage", "budget"), ("total_item", "total"),
                                                             ("difference", 1.0))),
    "split_no_header.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "vehicle_total"),
                                                         ("difference", -0.15))),
    "years_as_lines.pdf": Plant("sangong_over_budget", (("item", "reception"), ("actual", round(5.84 + YS_OVER, 2)),
                                                       ("budget", 7.0))),
    "with_gov_fund.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "total"),
                                                       ("difference", -0.4))),
    "with_gov_fund_qualified.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "total"),
                                                                 ("difference", -0.4))),
    "units_rows.pdf": Plant("sangong_sum_mismatch", (("stage", "budget"), ("total_item", "total"),
                                                    ("difference", 2.37))),
    "units_total_last.pdf": Plant("sangong_sum_mismatch", (("stage", "budget"), ("total_item", "total"),
                                                          ("difference", 2.37))),
    "execution_titled.pdf": Plant("sangong_over_budget", (("item", "overseas"), ("actual", 3.4), ("budget", 3.0))),
    "rows_count_columns.pdf": Plant("sangong_over_budget", (("item", "reception"), ("actual", 2.46),
                                                           ("budget", 2.2))),
    "year_groups.pdf": Plant("sangong_sum_mismatch", (("stage", "budget"), ("total_item", "vehicle_total"),
                                                     ("difference", -0.4))),
    "stage_lines_split.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "total"),
                                                           ("difference", -0.3))),
    "counts_in_labels.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "total"),
                                                          ("difference", -0.2))),
    "units_final_blocks.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "total"),
                                                            ("difference", 0.45))),
    "basic_with_sangong.pdf": Plant("sangong_sum_mismatch", (("stage", "budget"), ("total_item", "total"),
                                                            ("difference", 0.6))),
}

VARIANTS: dict[str, Variant] = {
    "counts_columns.pdf": Variant(counts_columns, FINAL),
    "counts_rows.pdf": Variant(counts_rows, FINAL),
    "pairs_rate.pdf": Variant(pairs_rate, FINAL),
    "final_yoy_rows.pdf": Variant(final_yoy_rows, FINAL),
    "vehicle_no_subtotal.pdf": Variant(vehicle_no_subtotal, BUDGET),
    "all_zero.pdf": Variant(all_zero, FINAL, breakable=False),
    "split_no_header.pdf": Variant(split_no_header, FINAL),
    "years_as_lines.pdf": Variant(years_as_lines, FINAL),
    "with_gov_fund.pdf": Variant(with_gov_fund, FINAL),
    "with_gov_fund_qualified.pdf": Variant(partial(with_gov_fund, titles=GF_QUALIFIED), FINAL),
    "units_rows.pdf": Variant(units_rows, BUDGET),
    "units_total_last.pdf": Variant(partial(units_rows, total_last=True), BUDGET),
    "execution_titled.pdf": Variant(execution_titled, FINAL),
    "units_no_total.pdf": Variant(units_no_total, BUDGET, breakable=False),
    "units_off.pdf": Variant(units_off, BUDGET, breakable=False),
    "basic_with_sangong.pdf": Variant(basic_with_sangong, BUDGET),
    "rows_count_columns.pdf": Variant(rows_count_columns, FINAL),
    "year_groups.pdf": Variant(year_groups, BUDGET),
    "stage_lines_split.pdf": Variant(stage_lines_split, FINAL),
    "counts_in_labels.pdf": Variant(counts_in_labels, FINAL),
    "units_final_blocks.pdf": Variant(units_final_blocks, FINAL),
}


# 三线表 copies (ruled above and below the header only: read by text position), drawn whole
THREE_LINE = ("years_as_lines.pdf", "units_rows.pdf", "vehicle_no_subtotal.pdf")
VARIANTS |= {name.replace(".pdf", "_3l.pdf"): replace(VARIANTS[name], three_line=True, breakable=False)
             for name in THREE_LINE}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_sangong_thirteenth"),
                      broken=True).values():
        print(path)
