"""More of the fifteenth round's 三公 layouts (samplegen/variants_sangong_fifteenth.py holds the catalogue): the
公务用车 columns' own total headed 合计 (not 小计) under 公务用车购置及运行费; items as lines beside their 经济分类 codes
(30212, 30231, 31013, 30217); items as columns over a 合计 line and its 其中：基本支出 / 项目支出 lines; the 机关运行经费
table above the 三公 table on one page, both headed 项目 | 预算数."""

from __future__ import annotations

from .layout import Block, Cover, Grid, Span, TableBlock
from .sheets import Sheet
from .variants_sangong_thirteenth_base import BUDGET, FINAL, ITEMS, LABELS, Figures, bump, closed, wan

# ---------------------------------------------------------------- 合计 under 公务用车购置及运行费
VH_AGENCY = "长沙市望城区司法局"
VH = closed((1.6, 1.38), (0.0, 0.0), (7.2, 6.85), (2.9, 2.47))


def vehicle_heji(broken: bool = False) -> list[Block]:
    """Items as columns: “三公”经费合计 | 因公出国（境）费 | 公务用车购置及运行费 (合计 · 购置费 · 运行费) | 公务接待费,
    lines 预算数 and 决算数: the 公务用车's own total headed 合计. Broken: the 运行费 决算 printed 0.40 lower (the 公务用车
    合计 no longer its sum)."""
    f = bump(VH, "vehicle_operation", 1, -0.4) if broken else VH
    rows = [["项目", "“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "", "合计", "购置费", "运行费", ""],
            ["预算数", *(wan(f[i][0]) for i in ITEMS)], ["决算数", *(wan(f[i][1]) for i in ITEMS)]]
    spans = [Span(0, j, 2, 1, "header") for j in (0, 1, 2, 6)] + [Span(0, 3, 1, 3, "header")]
    grid = Grid(rows, [1.2, 1.3, 1.2, 1.0, 1.0, 1.0, 1.0], header_rows=2, spans=spans, align=["l"] + ["r"] * 6)
    return [Cover([VH_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=VH_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- items as lines beside their 经济分类 codes
CL_AGENCY = "长沙市开福区文化旅游体育局"
CL = closed((3.0, 2.64), (15.0, 14.86), (6.0, 5.32), (3.6, 3.18))
CL_CODES = {"total": "", "overseas": "30212", "vehicle_total": "", "vehicle_purchase": "31013",
            "vehicle_operation": "30231", "reception": "30217"}


def coded_lines(broken: bool = False) -> list[Block]:
    """科目编码 | 项目 | 预算数 | 决算数, each item beside its 经济分类 code (the 合计 and the 公务用车 小计 without).
    Broken: the 购置 决算 printed 0.14 higher (the 小计 no longer its sum)."""
    f = bump(CL, "vehicle_purchase", 1, 0.14) if broken else CL
    rows = [["科目编码", "项目", "预算数", "决算数"]]
    rows += [[CL_CODES[i], LABELS[i], wan(f[i][0]), wan(f[i][1])] for i in ITEMS]
    grid = Grid(rows, [1.0, 3.0, 1.3, 1.3], header_rows=1, align=["l", "l", "r", "r"])
    return [Cover([CL_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=CL_AGENCY, unit="万元")]


# ---------------------------------------------------------------- a 合计 line over 其中：基本支出 / 项目支出 lines
KR_AGENCY = "长沙市天心区教育局"
KR = closed((4.0, 0.0), (0.0, 0.0), (12.5, 0.0), (5.5, 0.0))
KR_BASIC = closed((0.0, 0.0), (0.0, 0.0), (10.0, 0.0), (3.5, 0.0))  # its 基本支出 part (the rest 项目支出)


def kind_rows(broken: bool = False) -> list[Block]:
    """A budget: items as columns over the 合计 line and its 其中：基本支出 and 项目支出 lines. Broken: the 合计 line's
    接待 printed 0.60 higher (neither its line nor its column closes)."""
    f = bump(KR, "reception", 0, 0.6) if broken else KR
    rows = [["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "", "小计", "公务用车购置费", "公务用车运行费", ""],
            ["合计", *(wan(f[i][0]) for i in ITEMS)],
            ["其中：基本支出", *(wan(KR_BASIC[i][0]) for i in ITEMS)],
            ["　　　项目支出", *(wan(round(KR[i][0] - KR_BASIC[i][0], 2)) for i in ITEMS)]]
    spans = [Span(0, j, 2, 1, "header") for j in (0, 1, 2, 6)] + [Span(0, 3, 1, 3, "header")]
    grid = Grid(rows, [1.6, 1.0, 1.2, 1.0, 1.1, 1.1, 1.0], header_rows=2, spans=spans, align=["l"] + ["r"] * 6)
    return [Cover([KR_AGENCY, BUDGET]),
            Sheet("“三公”经费支出预算表", grid, code="公开08表", dept=KR_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- 机关运行经费 above the 三公 table, one header
OA_AGENCY = "长沙市雨花区统计局"
OA = closed((0.0, 0.0), (0.0, 0.0), (3.8, 0.0), (1.4, 0.0))
OA_OPERATING = (("机关运行经费合计", 26.5), ("其中：办公费", 8.2), ("　　　水电费", 4.6), ("　　　物业管理费", 13.7))


def operating_above(broken: bool = False) -> list[Block]:
    """A budget page holding the 机关运行经费预算表 (项目 | 预算数: its 合计 and parts) and under it the 三公 table of
    the same header (items as lines). Broken: the 三公 合计 printed 0.30 higher."""
    f = bump(OA, "total", 0, 0.3) if broken else OA
    operating = Grid([["项目", "预算数"], *([n, wan(x)] for n, x in OA_OPERATING)], [3.0, 1.4], header_rows=1,
                     align=["l", "r"])
    sangong = Grid([["项目", "预算数"], *([LABELS[i], wan(f[i][0])] for i in ITEMS)], [3.0, 1.4], header_rows=1,
                   align=["l", "r"])
    return [Cover([OA_AGENCY, BUDGET]),
            TableBlock("机关运行经费预算表", operating, code="公开10表", dept=OA_AGENCY, unit="万元"),
            TableBlock("“三公”经费支出预算表", sangong, code="公开11表", dept=OA_AGENCY, unit="万元", same_page=True)]


def more_figures(name: str, broken: bool) -> Figures | None:
    """The figures a layout of this module prints (its broken copy's, with `broken`); None: not one of them."""
    return {
        "vehicle_heji.pdf": bump(VH, "vehicle_operation", 1, -0.4) if broken else VH,
        "coded_lines.pdf": bump(CL, "vehicle_purchase", 1, 0.14) if broken else CL,
        "kind_rows.pdf": bump(KR, "reception", 0, 0.6) if broken else KR,
        "operating_above.pdf": bump(OA, "total", 0, 0.3) if broken else OA,
    }.get(name)
