"""收支总表 variants: two stacked halves with section rows, whole 元 without separators.

Part of the `samplegen/variants_third.py` set (the catalogue and `build` are there). Every builder
takes `broken`: the same document with one printed figure changed; the figures each prints are kept
beside it as plain data.
"""

from __future__ import annotations

from .layout import Block, Cover, Grid, Span, TableBlock
from .variants_more_base import wan
from .variants_third_base import blank, bump

# ---------------------------------------------------------------- 收入支出决算总表 in two stacked halves, section rows

SS_AGENCY = "达州市商务局"
SS_INCOME = (("一、一般公共预算财政拨款收入", 812.35), ("二、政府性基金预算财政拨款收入", 0.0),
             ("三、事业收入", 35.5), ("四、其他收入", 2.15))
SS_CLASSES = (("一、一般公共服务支出", 690.2), ("二、社会保障和就业支出", 96.42), ("三、卫生健康支出", 25.18),
              ("四、住房保障支出", 38.2))
SS_TOTALS = {"income_total": 850.0, "opening_balance": 55.6, "grand_total": 905.6, "expenditure_total": 850.0,
             "closing_balance": 55.6, "grand_total_expenditure": 905.6}


def summary_stacked_sections(broken: bool = False) -> list[Block]:
    """公开01表 as 项目 | 行次 | 金额 with a 收入 section row over the income lines, then a 支出 section row."""
    t = SS_TOTALS
    rows = [["项目", "行次", "金额"], ["收入", "", ""]]
    line = 1
    for label, x in SS_INCOME:
        rows.append([label, str(line), blank(x)])
        line += 1
    rows += [["本年收入合计", str(line), wan(t["income_total"])],
             ["使用非财政拨款结余", str(line + 1), ""],
             ["年初结转和结余", str(line + 2), wan(t["opening_balance"])],
             ["总计", str(line + 3), wan(t["grand_total"])], ["支出", "", ""]]
    line += 4
    for label, x in SS_CLASSES:
        rows.append([label, str(line), bump(wan(x)) if broken and "卫生" in label else wan(x)])
        line += 1
    rows += [["本年支出合计", str(line), wan(t["expenditure_total"])], ["结余分配", str(line + 1), ""],
             ["年末结转和结余", str(line + 2), wan(t["closing_balance"])],
             ["总计", str(line + 3), wan(t["grand_total_expenditure"])]]
    spans = [Span(1, 0, 1, 3), Span(len(SS_INCOME) + 6, 0, 1, 3)]
    align_at = {(1, 0): "c", (len(SS_INCOME) + 6, 0): "c"}
    grid = Grid(rows, [3.2, 0.6, 1.4], header_rows=1, spans=spans, align=["l", "c", "r"], align_at=align_at)
    return [Cover([SS_AGENCY, "2023年度部门决算"]),
            TableBlock("收入支出决算总表", grid, code="公开01表", dept=SS_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 收支总表 in whole 元, no separators

WY_AGENCY = "广元市档案馆"
WY_LEFT = (("一、一般公共预算拨款收入", 2856700), ("二、事业收入", 4200), ("三、其他收入", 0))
WY_RIGHT = (("一、一般公共服务支出", 2615420), ("二、社会保障和就业支出", 187260), ("三、住房保障支出", 58220))
WY_TOTAL = 2860900  # 本年收入合计 = 本年支出合计 (元)


def summary_whole_yuan(broken: bool = False) -> list[Block]:
    """部门收支总表 in 元 printed as whole numbers without separators (2856700, 4200)."""
    right = [(label, str(x)) for label, x in WY_RIGHT]
    if broken:
        right[1] = (right[1][0], str(WY_RIGHT[1][1] + 12000))  # 1.20 万元
    rows = [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]]
    rows += [[a, str(x) if x else "", b, y] for (a, x), (b, y) in zip(WY_LEFT, right, strict=True)]
    rows += [["本年收入合计", str(WY_TOTAL), "本年支出合计", str(WY_TOTAL)],
             ["收入总计", str(WY_TOTAL), "支出总计", str(WY_TOTAL)]]
    grid = Grid(rows, [2.4, 1.2, 2.4, 1.2], header_rows=2,
                spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")], align=["l", "r", "l", "r"])
    return [Cover([WY_AGENCY, "2024年部门预算"]),
            TableBlock("部门收支总表", grid, code="公开01表", dept=WY_AGENCY, unit="元")]
