"""A fourteenth round of layouts, all of the 三公 table, as offices print it and the earlier sets do not draw: items as
columns over one line per stage (上年决算数, 本年预算数, 本年决算数) with no 小计; 公务用车购置费及运行维护费 over a 其中
line; figures in whole 元 named in the header cells; bare counts under an 实物量 column; two budgets side by side with
增减额 | 增减率; 上年数 | 本年数 with the 合计 line last (drawn in samplegen/variants_sangong_fourteenth_base.py); the
三公 figures in the prose only (no table); the 湖南 决算 form (预算数 block | 决算数 block, 栏次 line, blank cells for
zero) and the 预算数 | 决算数 | 完成率 form of the thirteenth round typeset as 三线表; one office's 决算 of two years
running, its 2024 合计 planted 30 % over 2023's. Each drawn whole and `broken` with
one planted defect (`PLANTS`: the rule that must raise it and what its evidence holds); every figure drawn is kept here
as data (`drawn`). `python -m samplegen.variants_sangong_fourteenth DIR` writes them."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from . import sheets
from . import variants_more as more
from . import variants_sangong_thirteenth as thirteenth
from . import variants_sixth as sixth
from .layout import Block, Cover, Grid, Heading, Para, Span
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_B
from .variants_sangong_fourteenth_base import (
    NO_SUBTOTAL,
    counts_text_column,
    figures_of,
    stage_rows,
    total_last,
    two_budgets,
    vehicle_split_rows,
    yoy_2023,
    yoy_2024,
    yuan_header,
)
from .variants_sangong_thirteenth_base import BS_ECON, BUDGET, FINAL, ITEMS, Figures, Plant, bump, closed, wan

STYLE = replace(thirteenth.STYLE, name="variant-sangong-fourteenth")
BUDGET_DOCS = ("two_budgets.pdf", "total_last.pdf")  # budgets: no 决算数 figures


# ---------------------------------------------------------------- the 湖南 决算 form: 预算数 block | 决算数 block
HN_AGENCY = "郴州市北湖区医疗保障局"
HN = closed((0.0, 0.0), (0.0, 0.0), (4.0, 4.0), (5.0, 2.22))


def _blank_zero(x: float) -> str:
    """A figure as the form prints it: blank for zero (表格中单元格空白表示数据为零)."""
    return wan(x) if x else ""


def hunan_blocks(broken: bool = False) -> list[Block]:
    """预算数 (合计 | 因公出国（境）费 | 公务用车购置及运行费: 小计 · 公务用车购置费 · 公务用车运行费 | 公务接待费) then
    决算数 of the same six, a 栏次 line 1 … 12, one line of figures, blank cells for zero. Broken: the 决算 合计 printed
    0.30 higher."""
    f = bump(HN, "total", 1, 0.3) if broken else HN
    items = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
    subs = ["", "", "小计", "公务用车购置费", "公务用车运行费", ""]
    rows = [["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""], items + items, subs + subs,
            [str(n) for n in range(1, 13)],
            [_blank_zero(f[i][0]) for i in ITEMS] + [_blank_zero(f[i][1]) for i in ITEMS]]
    spans = [Span(0, 0, 1, 6, "header"), Span(0, 6, 1, 6, "header")]
    for base in (0, 6):
        spans += [Span(1, base, 2, 1, "header"), Span(1, base + 1, 2, 1, "header"), Span(1, base + 2, 1, 3, "header"),
                  Span(1, base + 5, 2, 1, "header")]
    grid = Grid(rows, [0.9] * 12, header_rows=4, spans=spans, align=["r"] * 12)
    return [Cover([HN_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=HN_AGENCY, unit="万元", landscape=True,
                  notes=["注：1. 本表反映部门本年度“三公”经费支出预决算情况。", "2. 表格中单元格空白表示数据为零。"])]


# ---------------------------------------------------------------- the 三公 figures in the prose only
PO_AGENCY = "岳阳市岳阳楼区统计局"
PO = closed((0.0, 0.0), (0.0, 0.0), (8.0, 7.12), (4.0, 2.72))


def _basic_table() -> Sheet:
    """A 基本支出 table of the 经济分类 lines (the document's other table)."""
    rows = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
            ["", "合计", wan(471.02), wan(412.6), wan(58.42)]]
    rows += [[c, ("" if len(c) == 3 else "　　") + n, wan(p + q), wan(p) if p else "", wan(q) if q else ""]
             for c, n, p, q in BS_ECON]
    grid = Grid(rows, [1.0, 3.2, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
    return Sheet("一般公共预算财政拨款基本支出决算表", grid, code="公开07表", dept=PO_AGENCY, unit="万元")


def prose_only(broken: bool = False) -> list[Block]:
    """A 决算 with no 三公 table (its 基本支出 table printed): its 情况说明 states the 预算 and 决算 of the total and of
    each item. Broken: the 决算 total stated 0.50 higher than its items."""
    f = bump(PO, "total", 1, 0.5) if broken else PO
    (tb, ta), (ob, oa), (vb, va) = f["total"], f["overseas"], f["vehicle_total"]
    (pb, pa), (rb, ra), (eb, ea) = f["vehicle_purchase"], f["vehicle_operation"], f["reception"]
    return [Cover([PO_AGENCY, FINAL]),
            Heading("七、财政拨款“三公”经费支出决算情况说明", 1),
            Para(f"2024年度“三公”经费财政拨款支出预算为{tb:.2f}万元，支出决算为{ta:.2f}万元，完成预算的"
                 f"{ta / tb * 100:.2f}%。"),
            Para(f"因公出国（境）费支出预算为{ob:.2f}万元，支出决算为{oa:.2f}万元，与上年持平。"),
            Para(f"公务用车购置及运行维护费支出预算为{vb:.2f}万元，支出决算为{va:.2f}万元。其中：公务用车购置费支出预算为"
                 f"{pb:.2f}万元，支出决算为{pa:.2f}万元；公务用车运行维护费支出预算为{rb:.2f}万元，支出决算为{ra:.2f}万元，"
                 "主要用于车辆燃油、维修和保险。"),
            Para(f"公务接待费支出预算为{eb:.2f}万元，支出决算为{ea:.2f}万元，全年共接待来访团组18个、来宾96人次。"),
            _basic_table()]


def drawn(name: str, broken: bool = False) -> dict[tuple[str, str], float]:
    """(stage, item) → amount in 万元 of the 三公 figures `name` prints (its broken copy's, with `broken`)."""
    name = name.replace("_3l.pdf", ".pdf").replace("_3l_b.pdf", ".pdf")  # a 三线表 copy prints the same figures
    if name == "pairs_rate.pdf":
        return thirteenth.drawn(name, broken)
    if name in EARLIER:
        pairs = {"sangong_previous_year_block.pdf": dict(zip(ITEMS, zip(more.BL_BUDGET, more.BL_ACTUAL, strict=True),
                                                              strict=True))}.get(name, sixth.SG_FIGURES)
        return {(stage, i): pairs[i][k] for i in ITEMS for k, stage in enumerate(("budget", "actual"))}
    figures: Figures | None = figures_of(name, broken)
    if figures is None:
        figures = {"hunan_blocks.pdf": bump(HN, "total", 1, 0.3) if broken else HN,
                   "prose_only.pdf": bump(PO, "total", 1, 0.5) if broken else PO}[name]
    items = NO_SUBTOTAL if name == "stage_rows.pdf" else ITEMS
    out = {("budget", i): figures[i][0] for i in items}
    return out | ({} if name in BUDGET_DOCS else {("actual", i): figures[i][1] for i in items})


# the planted defect of each broken copy: its rule and what its evidence must hold (yoy_2024.pdf's is raised over
# the two years: YOY)
PLANTS: dict[str, Plant] = {
    "pairs_rate_3l.pdf": thirteenth.PLANTS["pairs_rate.pdf"],
    "hunan_blocks.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "total"),
                                                         ("difference", 0.3))),
    "stage_rows.pdf": Plant("sangong_over_budget", (("item", "vehicle_operation"), ("actual", 7.31),
                                                   ("budget", 6.8))),
    "vehicle_split_rows.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "vehicle_total"),
                                                            ("difference", -0.25))),
    "yuan_header.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "total"),
                                                     ("difference", -0.2))),
    "counts_text_column.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "total"),
                                                            ("difference", -0.3))),
    "two_budgets.pdf": Plant("sangong_sum_mismatch", (("stage", "budget"), ("total_item", "total"),
                                                     ("difference", 0.65))),
    "total_last.pdf": Plant("sangong_sum_mismatch", (("stage", "budget"), ("total_item", "vehicle_total"),
                                                    ("difference", -0.45))),
    "prose_only.pdf": Plant("sangong_sum_mismatch", (("stage", "actual"), ("total_item", "total"),
                                                    ("difference", 0.5))),
}

YOY = Plant("sangong_yoy_increase", (("series", "actual"), ("previous_year", 2023), ("previous", 10.0),
                                     ("current", 13.0), ("growth", 0.3)))

VARIANTS: dict[str, Variant] = {
    "pairs_rate_3l.pdf": replace(thirteenth.VARIANTS["pairs_rate.pdf"], three_line=True),
    "hunan_blocks.pdf": Variant(hunan_blocks, FINAL),
    "stage_rows.pdf": Variant(stage_rows, FINAL),
    "vehicle_split_rows.pdf": Variant(vehicle_split_rows, FINAL),
    "yuan_header.pdf": Variant(yuan_header, FINAL),
    "counts_text_column.pdf": Variant(counts_text_column, FINAL),
    "two_budgets.pdf": Variant(two_budgets, BUDGET),
    "total_last.pdf": Variant(total_last, BUDGET),
    "prose_only.pdf": Variant(prose_only, FINAL),
    "yoy_2023.pdf": Variant(yoy_2023, "2023年度部门决算", breakable=False),
    "yoy_2024.pdf": Variant(yoy_2024, FINAL),
}

# 三线表 copies (ruled above and below the header only: read by text position), drawn whole
THREE_LINE = ("hunan_blocks.pdf", "stage_rows.pdf", "vehicle_split_rows.pdf", "counts_text_column.pdf",
              "two_budgets.pdf", "total_last.pdf")
VARIANTS |= {name.replace(".pdf", "_3l.pdf"): replace(VARIANTS[name], three_line=True, breakable=False)
             for name in THREE_LINE}
# the 湖南 form as 三线表 in the other house style: its 栏次 numbers and figures fall in other text columns (a label's figure
# in its own column or the next; the moved-label reading put the 决算 合计 under 出国)
VARIANTS["hunan_blocks_3l_b.pdf"] = replace(VARIANTS["hunan_blocks_3l.pdf"], style=STYLE_B)


# earlier rounds' 三公 layouts typeset as 三线表 (their own house style), drawn whole: the previous year's block beside
# this year's two, 预算数 | 决算数 pairs under “三公”经费 with 机关运行经费 beside, 预算数 / 决算数 blocks before counts
EARLIER = {"sangong_previous_year_block.pdf": (more.VARIANTS, more.STYLE),
           "sangong_pairs_operating.pdf": (sixth.VARIANTS, sixth.STYLE),
           "sangong_with_counts.pdf": (sixth.VARIANTS, sixth.STYLE)}
VARIANTS |= {name.replace(".pdf", "_3l.pdf"): replace(variants[name], three_line=True, breakable=False,
                                                      style=variants[name].style or style)
             for name, (variants, style) in EARLIER.items()}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_sangong_fourteenth"),
                      broken=True).values():
        print(path)

