"""A fifteenth round of layouts, all of the 三公 table, as offices print it and the earlier sets do not draw: the 三公
table on one page with the 机关运行经费 and 会议费 / 培训费 tables; 会议费 and 培训费 lines beside the 三公 items under a
合计 of all five (the 三公 total is its “三公”经费小计 line); the 公务用车 label merged down over its 小计 / 购置费 /
运行费 lines in a label column of its own; a 序号 column and a column of reasons in words; 公务接待费 over 其中 国内 /
外事接待费 lines; an 实物量 table of counts (团组, 人次, 辆, 批次) after the 三公 table; and, drawn in
samplegen/variants_sangong_fifteenth_base.py, the 三公 items as 经济分类 lines of the 基本支出 决算表 (beside the 三公
table, or with none), two budgets' lines under item columns, a 决算数占预算数 line, 其中 lines indented by spaces,
元 with cents and a zero printed “-” or blank. Each drawn whole and `broken` with one planted defect (`PLANTS`: the
rule that must raise it and what its evidence holds); every figure drawn is kept here as data (`drawn`).
`python -m samplegen.variants_sangong_fifteenth DIR` writes them."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from . import sheets
from . import variants_sangong_thirteenth as thirteenth
from .layout import Block, Cover, Grid, Span, TableBlock
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_B
from .variants_sangong_fifteenth_base import (
    base_figures,
    budget_years_rows,
    econ_lines,
    econ_only,
    space_indent,
    stage_percent,
    yuan_dash,
)
from .variants_sangong_fifteenth_more import coded_lines, kind_rows, more_figures, operating_above, vehicle_heji
from .variants_sangong_thirteenth_base import BUDGET, FINAL, ITEMS, LABELS, Figures, Plant, bump, closed, wan

STYLE = replace(thirteenth.STYLE, name="variant-sangong-fifteenth")
BUDGET_DOCS = ("budget_years_rows.pdf", "operating_page.pdf", "basic_project.pdf", "kind_rows.pdf",
               "operating_above.pdf")  # budgets: no 决算数 figures
NO_SANGONG = ("econ_only.pdf",)  # no 三公 table, no 三公 prose: nothing to read


# ---------------------------------------------------------------- the 三公 table on one page with two others
OP_AGENCY = "益阳市赫山区退役军人事务局"
OP = closed((0.0, 0.0), (0.0, 0.0), (4.8, 0.0), (2.2, 0.0))
OP_OPERATING = 38.64  # 机关运行经费
OP_MEETING = (1.5, 2.8)  # 会议费, 培训费


def operating_page(broken: bool = False) -> list[Block]:
    """A budget whose 三公 table (items as columns, one line), 机关运行经费 table and 会议费 · 培训费 table share a
    page. Broken: the 三公 合计 printed 0.50 lower."""
    f = bump(OP, "total", 0, -0.5) if broken else OP
    head = [["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "小计", "公务用车购置费", "公务用车运行费", ""]]
    spans = [Span(0, j, 2, 1, "header") for j in (0, 1, 5)] + [Span(0, 2, 1, 3, "header")]
    sangong = Grid([*head, [wan(f[i][0]) for i in ITEMS]], [1.0] * 6, header_rows=2, spans=spans, align=["r"] * 6)
    operating = Grid([["项目", "预算数"], ["机关运行经费", wan(OP_OPERATING)]], [3.0, 1.4], header_rows=1,
                     align=["l", "r"])
    meeting = Grid([["合计", "会议费", "培训费"], [wan(sum(OP_MEETING)), *map(wan, OP_MEETING)]], [1.2] * 3,
                   header_rows=1, align=["r"] * 3)
    return [Cover([OP_AGENCY, BUDGET]),
            TableBlock("一般公共预算“三公”经费支出表", sangong, code="公开09表", dept=OP_AGENCY, unit="万元"),
            TableBlock("机关运行经费预算表", operating, code="公开10表", dept=OP_AGENCY, unit="万元", same_page=True),
            TableBlock("会议费、培训费预算表", meeting, code="公开11表", dept=OP_AGENCY, unit="万元", same_page=True)]


# ---------------------------------------------------------------- 会议费 and 培训费 lines under a 合计 of all five
MT_AGENCY = "常德市津市市审计局"
MT = closed((0.0, 0.0), (0.0, 0.0), (5.4, 4.98), (2.6, 2.17))
MT_OTHER = (("四、会议费", 3.0, 2.46), ("五、培训费", 4.5, 3.92))


def meeting_lines(broken: bool = False) -> list[Block]:
    """Items as lines, 预算数 | 决算数: 合计 (三公 + 会议费 + 培训费), “三公”经费小计, 一、… 三、 the items, 四、会议费,
    五、培训费. Broken: the “三公”经费小计 决算 0.20 higher (the 合计 of all five raised with it)."""
    f = bump(MT, "total", 1, 0.2) if broken else MT
    labels = {"total": "“三公”经费小计", "overseas": "一、因公出国（境）费", "vehicle_total": "二、公务用车购置及运行费",
              "vehicle_purchase": "其中：公务用车购置费", "vehicle_operation": "　　　公务用车运行费",
              "reception": "三、公务接待费"}
    every = [round(f["total"][k] + sum(x[k + 1] for x in MT_OTHER), 2) for k in (0, 1)]
    rows = [["项目", "预算数", "决算数"], ["合计", *map(wan, every)]]
    rows += [[labels[i], wan(f[i][0]), wan(f[i][1])] for i in ITEMS]
    rows += [[name, wan(b), wan(a)] for name, b, a in MT_OTHER]
    grid = Grid(rows, [3.2, 1.3, 1.3], header_rows=1, align=["l", "r", "r"])
    return [Cover([MT_AGENCY, FINAL]),
            Sheet("“三公”经费、会议费、培训费支出决算表", grid, code="公开09表", dept=MT_AGENCY, unit="万元")]


# ---------------------------------------------------------------- the 公务用车 label merged down over its lines
ML_AGENCY = "邵阳市大祥区卫生健康局"
ML = closed((3.0, 2.52), (0.0, 0.0), (6.5, 6.08), (3.5, 3.11))
ML_OVER = 0.8  # broken: the 出国 决算 (and the 合计) this much higher: 3.32 over a 3.00 budget


def merged_label(broken: bool = False) -> list[Block]:
    """Items as lines in two label columns: 公务用车购置及运行费 merged down over its 小计 / 购置费 / 运行费 lines, every
    other label spanning both columns; 预算数 | 决算数. Broken: the 出国 决算 over its budget, the 合计 raised with it."""
    f = bump(bump(ML, "overseas", 1, ML_OVER), "total", 1, ML_OVER) if broken else ML
    rows = [["项目", "", "预算数", "决算数"]]
    spans = [Span(0, 0, 1, 2, "header")]
    for item in ITEMS:
        k = len(rows)
        if item.startswith("vehicle"):
            part = {"vehicle_total": "小计", "vehicle_purchase": "购置费", "vehicle_operation": "运行费"}[item]
            rows.append(["公务用车购置及运行费" if item == "vehicle_total" else "", part, wan(f[item][0]), wan(f[item][1])])
            if item == "vehicle_total":
                spans.append(Span(k, 0, 3, 1, "label"))
            continue
        rows.append([{"total": "合计"}.get(item, LABELS[item].split(".")[-1]), "", wan(f[item][0]), wan(f[item][1])])
        spans.append(Span(k, 0, 1, 2, "block"))
    grid = Grid(rows, [2.4, 1.2, 1.3, 1.3], header_rows=1, spans=spans, align=["l", "l", "r", "r"])
    return [Cover([ML_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=ML_AGENCY, unit="万元")]


# ---------------------------------------------------------------- a 序号 column, a column of reasons in words
SR_AGENCY = "永州市零陵区林业局"
SR = closed((0.0, 0.0), (0.0, 0.0), (8.6, 7.94), (3.2, 2.66))
SR_REASONS = {"total": "严格执行中央八项规定精神", "overseas": "无因公出国（境）安排", "vehicle_total": "",
              "vehicle_purchase": "本年未购置公务用车", "vehicle_operation": "压减车辆燃油和维修支出",
              "reception": "减少公务接待批次2批"}


def serial_reason(broken: bool = False) -> list[Block]:
    """序号 (1 … 6) | 项目 | 预算数 | 决算数 | 增减变化原因 (words, one naming a count). Broken: the 决算 合计 printed
    0.60 lower."""
    f = bump(SR, "total", 1, -0.6) if broken else SR
    names = {"total": "合计", "overseas": "因公出国（境）费", "vehicle_total": "公务用车购置及运行费",
             "vehicle_purchase": "其中：公务用车购置费", "vehicle_operation": "　　　公务用车运行费",
             "reception": "公务接待费"}
    rows = [["序号", "项目", "预算数", "决算数", "增减变化原因"]]
    rows += [[str(k), names[i], wan(f[i][0]), wan(f[i][1]), SR_REASONS[i]] for k, i in enumerate(ITEMS, 1)]
    grid = Grid(rows, [0.6, 2.6, 1.1, 1.1, 3.0], header_rows=1, align=["c", "l", "r", "r", "l"])
    return [Cover([SR_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=SR_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 公务接待费 over 国内 / 外事接待费 lines
RS_AGENCY = "郴州市苏仙区外事侨务办公室"
RS = closed((6.0, 4.85), (0.0, 0.0), (4.0, 3.62), (5.5, 5.14))
RS_PARTS = (("其中：国内公务接待费", 3.5, 3.41), ("　　　外事接待费", 2.0, 1.73))  # the 接待's parts


def reception_split(broken: bool = False) -> list[Block]:
    """Items as lines, 预算数 | 决算数, the 公务接待费 line over 其中：国内公务接待费 and 外事接待费 lines (its parts,
    no item of their own). Broken: the 接待 预算 printed 0.50 higher (its parts unchanged; the 合计 no longer
    closes)."""
    f = bump(RS, "reception", 0, 0.5) if broken else RS
    labels = {**LABELS, "reception": "3.公务接待费"}
    rows = [["项目", "预算数", "决算数"]] + [[labels[i], wan(f[i][0]), wan(f[i][1])] for i in ITEMS]
    rows += [[name, wan(b), wan(a)] for name, b, a in RS_PARTS]
    grid = Grid(rows, [3.2, 1.3, 1.3], header_rows=1, align=["l", "r", "r"])
    return [Cover([RS_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=RS_AGENCY, unit="万元")]


# ---------------------------------------------------------------- an 实物量 table of counts after the 三公 table
CQ_AGENCY = "娄底市新化县水利局"
CQ = closed((0.0, 0.0), (0.0, 0.0), (9.0, 8.52), (4.0, 3.47))
CQ_COUNTS = (("因公出国（境）团组数（个）", "0", "0"), ("因公出国（境）人次（人）", "0", "0"),
             ("公务用车购置数（辆）", "0", "0"), ("公务用车保有量（辆）", "6", "6"),
             ("国内公务接待批次（批）", "52", "47"), ("国内公务接待人次（人）", "380", "342"))
CQ_OVER = 0.9  # broken: the 接待 决算 (and the 合计) this much higher: 4.37 over a 4.00 budget


def counts_table(broken: bool = False) -> list[Block]:
    """The 三公 table (items as lines, 预算数 | 决算数), then a “三公”经费实物量情况表 of counts only (项目 | 预算数 |
    决算数: 团组数, 人次, 购置数, 保有量, 批次). Broken: the 接待 决算 over its budget, the 合计 raised with it."""
    f = bump(bump(CQ, "reception", 1, CQ_OVER), "total", 1, CQ_OVER) if broken else CQ
    rows = [["项目", "预算数", "决算数"]] + [[LABELS[i], wan(f[i][0]), wan(f[i][1])] for i in ITEMS]
    counts = [["项目", "预算数", "决算数"], *(list(c) for c in CQ_COUNTS)]
    return [Cover([CQ_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", Grid(rows, [3.2, 1.3, 1.3], header_rows=1, align=["l", "r", "r"]),
                  code="公开09表", dept=CQ_AGENCY, unit="万元"),
            Sheet("“三公”经费实物量情况表", Grid(counts, [3.2, 1.3, 1.3], header_rows=1, align=["l", "r", "r"]),
                  dept=CQ_AGENCY, unit=None)]


# ---------------------------------------------------------------- a budget's 合计 | 基本支出 | 项目支出 columns
BP_AGENCY = "衡阳市石鼓区生态环境分局"
BP = closed((2.0, 0.0), (0.0, 0.0), (6.4, 0.0), (2.8, 0.0))
BP_PROJECT = {"total": 3.1, "overseas": 2.0, "vehicle_total": 0.0, "vehicle_purchase": 0.0, "vehicle_operation": 0.0,
              "reception": 1.1}  # the 项目支出 part of each (the rest 基本支出)


def basic_project(broken: bool = False) -> list[Block]:
    """A budget: items as lines, 合计 | 基本支出 | 项目支出 (the 三公 预算 split by kind of spending; the 合计 column is
    the 三公 预算). Broken: the 合计 column's 合计 printed 0.70 higher (its 基本 and 项目 parts unchanged)."""
    f = bump(BP, "total", 0, 0.7) if broken else BP
    rows = [["项目", "合计", "基本支出", "项目支出"]]
    for i in ITEMS:
        basic = round(BP[i][0] - BP_PROJECT[i], 2)
        rows.append([LABELS[i], wan(f[i][0]), wan(basic), wan(BP_PROJECT[i])])
    grid = Grid(rows, [3.0, 1.2, 1.2, 1.2], header_rows=1, align=["l", "r", "r", "r"])
    return [Cover([BP_AGENCY, BUDGET]),
            Sheet("一般公共预算“三公”经费支出预算表", grid, code="公开08表", dept=BP_AGENCY, unit="万元")]


# ---------------------------------------------------------------- the title and the unit inside the ruled grid
TG_AGENCY = "益阳市桃江县民族宗教事务局"
TG = closed((0.0, 0.0), (0.0, 0.0), (3.0, 2.64), (1.8, 1.52))


def title_in_grid(broken: bool = False) -> list[Block]:
    """The title a merged first row of the grid, the unit printed under the table; items as lines, 决算数 before
    预算数, then 决算数比预算数增减. Broken: the 接待 决算 printed 0.25 lower (the 合计 no longer closes)."""
    f = bump(TG, "reception", 1, -0.25) if broken else TG
    rows = [["项目", "决算数", "预算数", "决算数比预算数增减"]]
    rows += [[LABELS[i], wan(f[i][1]), wan(f[i][0]), wan(round(f[i][1] - f[i][0], 2))] for i in ITEMS]
    grid = Grid(rows, [3.0, 1.2, 1.2, 1.6], header_rows=1, align=["l", "r", "r", "r"])
    return [Cover([TG_AGENCY, FINAL]),
            Sheet("2024年度“三公”经费支出决算表", grid, dept=TG_AGENCY, unit="万元", title_in_grid=True,
                  unit_below=True)]


def figures_of(name: str, broken: bool) -> Figures:
    """The figures a layout prints (its broken copy's, with `broken`)."""
    if (found := base_figures(name, broken) or more_figures(name, broken)) is not None:
        return found
    return {
        "operating_page.pdf": bump(OP, "total", 0, -0.5) if broken else OP,
        "meeting_lines.pdf": bump(MT, "total", 1, 0.2) if broken else MT,
        "merged_label.pdf": bump(bump(ML, "overseas", 1, ML_OVER), "total", 1, ML_OVER) if broken else ML,
        "serial_reason.pdf": bump(SR, "total", 1, -0.6) if broken else SR,
        "reception_split.pdf": bump(RS, "reception", 0, 0.5) if broken else RS,
        "counts_table.pdf": bump(bump(CQ, "reception", 1, CQ_OVER), "total", 1, CQ_OVER) if broken else CQ,
        "basic_project.pdf": bump(BP, "total", 0, 0.7) if broken else BP,
        "title_in_grid.pdf": bump(TG, "reception", 1, -0.25) if broken else TG,
    }[name]


def drawn(name: str, broken: bool = False) -> dict[tuple[str, str], float]:
    """(stage, item) → amount in 万元 of the 三公 figures `name` prints (its broken copy's, with `broken`)."""
    name = name.replace("_3l.pdf", ".pdf").replace("_3l_b.pdf", ".pdf")  # a 三线表 copy prints the same figures
    if name in NO_SANGONG:
        return {}
    figures = figures_of(name, broken)
    out = {("budget", i): figures[i][0] for i in ITEMS}
    return out | ({} if name in BUDGET_DOCS else {("actual", i): figures[i][1] for i in ITEMS})


def _sum(stage: str, total: str, difference: float) -> Plant:
    return Plant("sangong_sum_mismatch", (("stage", stage), ("total_item", total), ("difference", difference)))


def _over(item: str, actual: float, budget: float) -> Plant:
    return Plant("sangong_over_budget", (("item", item), ("actual", actual), ("budget", budget)))


# the planted defect of each broken copy: its rule and what its evidence must hold
PLANTS: dict[str, Plant] = {
    "econ_lines.pdf": _sum("actual", "total", 0.4),
    "budget_years_rows.pdf": _sum("budget", "vehicle_total", -0.45),
    "stage_percent.pdf": _over("reception", 2.7, 2.4),
    "space_indent.pdf": _sum("actual", "vehicle_total", 0.35),
    "yuan_dash.pdf": _sum("actual", "total", -0.3),
    "operating_page.pdf": _sum("budget", "total", -0.5),
    "meeting_lines.pdf": _sum("actual", "total", 0.2),
    "merged_label.pdf": _over("overseas", 3.32, 3.0),
    "serial_reason.pdf": _sum("actual", "total", -0.6),
    "reception_split.pdf": _sum("budget", "total", -0.5),
    "counts_table.pdf": _over("reception", 4.37, 4.0),
    "basic_project.pdf": _sum("budget", "total", 0.7),
    "title_in_grid.pdf": _sum("actual", "total", 0.25),
    "vehicle_heji.pdf": _sum("actual", "vehicle_total", 0.4),
    "coded_lines.pdf": _sum("actual", "vehicle_total", -0.14),
    "kind_rows.pdf": _sum("budget", "total", -0.6),
    "operating_above.pdf": _sum("budget", "total", 0.3),
}

VARIANTS: dict[str, Variant] = {
    "econ_lines.pdf": Variant(econ_lines, FINAL),
    "econ_only.pdf": Variant(econ_only, FINAL, breakable=False),
    "budget_years_rows.pdf": Variant(budget_years_rows, BUDGET),
    "stage_percent.pdf": Variant(stage_percent, FINAL),
    "space_indent.pdf": Variant(space_indent, FINAL),
    "yuan_dash.pdf": Variant(yuan_dash, FINAL),
    "operating_page.pdf": Variant(operating_page, BUDGET),
    "meeting_lines.pdf": Variant(meeting_lines, FINAL),
    "merged_label.pdf": Variant(merged_label, FINAL),
    "serial_reason.pdf": Variant(serial_reason, FINAL),
    "reception_split.pdf": Variant(reception_split, FINAL),
    "counts_table.pdf": Variant(counts_table, FINAL),
    "basic_project.pdf": Variant(basic_project, BUDGET),
    "title_in_grid.pdf": Variant(title_in_grid, FINAL),
    "vehicle_heji.pdf": Variant(vehicle_heji, FINAL),
    "coded_lines.pdf": Variant(coded_lines, FINAL),
    "kind_rows.pdf": Variant(kind_rows, BUDGET),
    "operating_above.pdf": Variant(operating_above, BUDGET),
}

# 三线表 copies (ruled above and below the header only: read by text position), drawn whole
THREE_LINE = tuple(name for name, variant in VARIANTS.items() if variant.breakable)
VARIANTS |= {name.replace(".pdf", "_3l.pdf"): replace(VARIANTS[name], three_line=True, breakable=False)
             for name in THREE_LINE}
# and in the other house style (its labels and figures fall in other text columns)
VARIANTS |= {name.replace(".pdf", "_3l_b.pdf"): replace(VARIANTS[name], three_line=True, breakable=False,
                                                         style=STYLE_B) for name in THREE_LINE}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_sangong_fifteenth"),
                      broken=True).values():
        print(path)
