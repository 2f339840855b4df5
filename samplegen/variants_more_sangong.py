"""三公 tables as other offices print them: items as rows, 上年/本年 blocks, no rules, stages or years as rows.

Part of the `samplegen/variants_more.py` set (the catalogue and `build` are there); the figures each
variant prints are kept beside it as plain data, so a test can check that the ingest reads every one back.
"""

from __future__ import annotations

from dataclasses import replace

from .layout import Block, Cover, Grid, Span
from .sheets import Sheet
from .variants_more_base import wan, yuan

# ---------------------------------------------------------------- 三公 transposed: items as rows

TR_AGENCY = "九江市生态环境局"
# item → (预算数, 决算数) in 万元
TR_SANGONG = {"total": (18.60, 15.33), "overseas": (0.0, 0.0), "vehicle_total": (12.00, 10.41),
              "vehicle_purchase": (0.0, 0.0), "vehicle_operation": (12.00, 10.41), "reception": (6.60, 4.92)}


def sangong_transposed() -> list[Block]:
    """三公 items as rows (合计, 1. 出国, 2. 公务用车 over 小计/购置/运行, 3. 接待), 预算数 | 决算数 as columns."""
    s = TR_SANGONG

    def fig(item: str) -> list[str]:
        return [wan(s[item][0]), wan(s[item][1])]

    rows = [["项目", "", "预算数", "决算数"], ["栏次", "", "1", "2"],
            ["合计", "", *fig("total")],
            ["1.因公出国（境）费", "", *fig("overseas")],
            ["2.公务用车购置及运行费", "小计", *fig("vehicle_total")],
            ["", "（1）公务用车购置费", *fig("vehicle_purchase")],
            ["", "（2）公务用车运行费", *fig("vehicle_operation")],
            ["3.公务接待费", "", *fig("reception")]]
    spans = [Span(0, 0, 1, 2, "header"), Span(1, 0, 1, 2, "header"), Span(2, 0, 1, 2), Span(3, 0, 1, 2),
             Span(4, 0, 3, 1), Span(7, 0, 1, 2)]
    grid = Grid(rows, [2.2, 2.2, 1.2, 1.2], header_rows=2, spans=spans, align=["l", "l", "r", "r"])
    note = "注：本单位2023年度无因公出国（境）费用支出，无公务用车购置支出。"
    return [Cover([TR_AGENCY, "2023年度部门决算"]),
            Sheet("“三公”经费支出决算表", grid, code="公开07表", dept=TR_AGENCY, unit="万元", notes=[note])]


def sangong_transposed_line_numbers() -> list[Block]:
    """Items as rows with a 行次 column and a 决算数比预算数增减 column (a 决算 table as 部门决算软件 prints it)."""
    labels = {"total": "合计", "overseas": "1.因公出国（境）费", "vehicle_total": "2.公务用车购置及运行费",
              "vehicle_purchase": "（1）公务用车购置费", "vehicle_operation": "（2）公务用车运行费",
              "reception": "3.公务接待费"}
    rows = [["项目", "行次", "预算数", "决算数", "决算数比预算数增减"]]
    for k, (item, label) in enumerate(labels.items(), start=1):
        b, a = TR_SANGONG[item]
        rows.append([label, str(k), wan(b), wan(a), wan(round(a - b, 2))])
    grid = Grid(rows, [2.6, 0.6, 1.2, 1.2, 1.6], header_rows=1, align=["l", "c", "r", "r", "r"])
    return [Cover([TR_AGENCY, "2023年度部门决算"]),
            Sheet("“三公”经费支出决算表", grid, code="公开09表", dept=TR_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 三公 上年/本年 with 增减, in 元

YOY_AGENCY = "宜昌市住房和城乡建设局"
# item → (2023年预算数, 2024年预算数) in 万元; 增减 = 本年 − 上年
YOY_SANGONG = {"total": (24.50, 21.30), "overseas": (3.00, 0.0), "vehicle_total": (15.00, 15.00),
               "vehicle_purchase": (0.0, 0.0), "vehicle_operation": (15.00, 15.00), "reception": (6.50, 6.30)}


def sangong_yoy_yuan() -> list[Block]:
    """A 2024 budget 三公 table: items as rows, 2023年预算数 | 2024年预算数 | 增减额 | 增减率, in 元, negatives (…)."""
    labels = {"total": "合计", "overseas": "一、因公出国（境）费", "vehicle_total": "二、公务用车购置及运行费",
              "vehicle_purchase": "其中：1.公务用车购置费", "vehicle_operation": "2.公务用车运行费",
              "reception": "三、公务接待费"}
    rows = [["项目", "2023年预算数", "2024年预算数", "增减额", "增减率"]]
    for item, label in labels.items():
        prev, cur = YOY_SANGONG[item]
        rate = f"{(cur - prev) / prev * 100:.2f}%" if prev else ""
        rows.append([label, yuan(prev), yuan(cur), yuan(round(cur - prev, 2)), rate])
    grid = Grid(rows, [2.6, 1.4, 1.4, 1.3, 1.0], header_rows=1, align=["l", "r", "r", "r", "r"])
    note = "注：2024年“三公”经费预算比上年减少32,000.00元，主要是压减因公出国（境）费。"
    return [Cover([YOY_AGENCY, "2024年部门预算"]),
            Sheet("一般公共预算“三公”经费支出预算表", grid, code="公开08表", dept=YOY_AGENCY, unit="元", notes=[note])]


# ---------------------------------------------------------------- 三公 columns: 上年决算 | 本年预算 | 本年决算 blocks

BL_AGENCY = "湘潭市审计局"
BL_ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
BL_PREVIOUS = (14.82, 0.0, 9.60, 0.0, 9.60, 5.22)  # 2022年决算数: a comparison, not this year's figures
BL_BUDGET = (15.00, 0.0, 10.00, 0.0, 10.00, 5.00)
BL_ACTUAL = (13.37, 0.0, 9.15, 0.0, 9.15, 4.22)


def _item_header(blocks: list[str]) -> tuple[list[list[str]], list[Span]]:
    """Blocks of six 三公 columns under a year label each: three header rows."""
    items = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
    subs = ["", "", "小计", "购置费", "运行费", ""]
    top: list[str] = []
    for b in blocks:
        top += [b] + [""] * 5
    rows = [top, items * len(blocks), subs * len(blocks)]
    spans: list[Span] = []
    for k in range(len(blocks)):
        base = 6 * k
        spans += [Span(0, base, 1, 6, "header"), Span(1, base, 2, 1, "header"), Span(1, base + 1, 2, 1, "header"),
                  Span(1, base + 2, 1, 3, "header"), Span(1, base + 5, 2, 1, "header")]
    return rows, spans


def sangong_previous_year_block() -> list[Block]:
    """A 决算 三公 table that prints last year's 决算数 before this year's 预算数 and 决算数."""
    rows, spans = _item_header(["2022年决算数", "2023年预算数", "2023年决算数"])
    rows.append([wan(x) for x in (*BL_PREVIOUS, *BL_BUDGET, *BL_ACTUAL)])
    grid = Grid(rows, [1.0] * 18, header_rows=3, spans=spans, align=["r"] * 18)
    return [Cover([BL_AGENCY, "2023年度部门决算"]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=BL_AGENCY, unit="万元", landscape=True,
                  size_scale=0.8)]


# ---------------------------------------------------------------- 三公 without ruling lines

UR_AGENCY = "益阳市审计局"
UR_BUDGET = (9.00, 0.0, 6.00, 0.0, 6.00, 3.00)
UR_ACTUAL = (8.12, 0.0, 5.47, 0.0, 5.47, 2.65)


def sangong_unruled() -> list[Block]:
    """预算数 | 决算数 blocks of 三公 items, typeset with whitespace only, 单位 under the table."""
    rows, spans = _item_header(["预算数", "决算数"])
    rows.append([wan(x) for x in (*UR_BUDGET, *UR_ACTUAL)])
    grid = Grid(rows, [1.0] * 12, header_rows=3, spans=spans, align=["r"] * 12)
    return [Cover([UR_AGENCY, "2023年度部门决算"]),
            Sheet("“三公”经费支出决算表", grid, code="公开09表", dept=UR_AGENCY, unit="万元", landscape=True,
                  ruled=False, unit_below=True)]


TG_AGENCY = "衡阳市审计局"
TG_BUDGET = (10.80, 1.50, 6.00, 0.0, 6.00, 3.30)
TG_ACTUAL = (9.12, 1.22, 5.40, 0.0, 5.40, 2.50)


def sangong_title_and_unit_in_grid() -> list[Block]:
    """A 三公 table whose title, 部门 and 单位 lines are rows of the ruled grid (an Excel print range)."""
    rows, spans = _item_header(["预算数", "决算数"])
    unit_row = [f"部门：{TG_AGENCY}"] + [""] * 8 + ["单位：元", "", ""]
    figures = [yuan(x) for x in (*TG_BUDGET, *TG_ACTUAL)]
    rows = [unit_row, *rows, figures]
    spans = [Span(0, 0, 1, 9), Span(0, 9, 1, 3)] + [replace(sp, row=sp.row + 1) for sp in spans]
    grid = Grid(rows, [1.0] * 12, header_rows=4, spans=spans, align=["r"] * 12)
    return [Cover([TG_AGENCY, "2023年度部门决算"]),
            Sheet("2023年度财政拨款“三公”经费支出决算表", grid, dept=None, unit=None, landscape=True,
                  title_in_grid=True)]


# ---------------------------------------------------------------- 三公 items as columns, stages or years as rows

SR_AGENCY = "九江市统计局"
SR_BUDGET = (7.50, 0.0, 4.50, 0.0, 4.50, 3.00)
SR_ACTUAL = (6.28, 0.0, 4.02, 0.0, 4.02, 2.26)
YR_AGENCY = "洛阳市统计局"
YR_PREVIOUS = (11.40, 2.00, 6.00, 0.0, 6.00, 3.40)  # 2023年预算数
YR_CURRENT = (9.80, 0.0, 6.00, 0.0, 6.00, 3.80)  # 2024年预算数


def _rows_by_line(lines: list[tuple[str, list[str]]]) -> Grid:
    """项目 | 合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费, one line per label."""
    rows = [["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "", "小计", "公务用车购置费", "公务用车运行费", ""]]
    rows += [[label, *cells] for label, cells in lines]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 2, 1, "header"),
             Span(0, 3, 1, 3, "header"), Span(0, 6, 2, 1, "header")]
    return Grid(rows, [1.6, 1.0, 1.1, 1.0, 1.1, 1.1, 1.0], header_rows=2, spans=spans,
                align=["l", "r", "r", "r", "r", "r", "r"])


def sangong_stage_rows() -> list[Block]:
    """A 决算 三公 table with the items as columns and 预算数 / 决算数 / 增减 as rows."""
    diff = [wan(round(a - b, 2)) for a, b in zip(SR_ACTUAL, SR_BUDGET, strict=True)]
    grid = _rows_by_line([("预算数", [wan(x) for x in SR_BUDGET]), ("决算数", [wan(x) for x in SR_ACTUAL]),
                          ("决算数比预算数增减", diff)])
    return [Cover([SR_AGENCY, "2023年度部门决算"]),
            Sheet("“三公”经费支出决算表", grid, code="公开09表", dept=SR_AGENCY, unit="万元")]


def sangong_year_rows() -> list[Block]:
    """A 2024 budget 三公 table with the items as columns and 2023年预算数 / 2024年预算数 / 增减 as rows."""
    diff = [wan(round(a - b, 2)) for a, b in zip(YR_CURRENT, YR_PREVIOUS, strict=True)]
    grid = _rows_by_line([("2023年预算数", [wan(x) for x in YR_PREVIOUS]),
                          ("2024年预算数", [wan(x) for x in YR_CURRENT]), ("增减额", diff)])
    return [Cover([YR_AGENCY, "2024年部门预算"]),
            Sheet("“三公”经费预算表", grid, code="公开08表", dept=YR_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 三公, 会议费, 培训费 as rows

MT_AGENCY = "湘潭市财政局"
# row → (预算数, 决算数) in 万元
MT_ROWS = (("合计", (46.0, 39.73)), ("一、“三公”经费合计", (26.0, 22.18)), ("1.因公出国（境）费", (5.0, 3.62)),
           ("2.公务用车购置及运行费", (15.0, 13.56)), ("其中：（1）公务用车购置费", (0.0, 0.0)),
           ("（2）公务用车运行费", (15.0, 13.56)), ("3.公务接待费", (6.0, 5.0)), ("二、会议费", (8.0, 7.35)),
           ("三、培训费", (12.0, 10.2)))
MT_SANGONG = dict(zip(("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"),
                      (r[1] for r in MT_ROWS[1:7]), strict=True))


def sangong_meeting_training_rows() -> list[Block]:
    """三公 with 会议费 and 培训费 as rows under one 合计 (the 合计 is not the 三公 total)."""
    rows = [["项目", "预算数", "决算数"]] + [[label, wan(b), wan(a)] for label, (b, a) in MT_ROWS]
    grid = Grid(rows, [3.0, 1.3, 1.3], header_rows=1, align=["l", "r", "r"])
    return [Cover([MT_AGENCY, "2023年度部门决算"]),
            Sheet("财政拨款“三公”经费、会议费、培训费支出决算表", grid, code="公开09表", dept=MT_AGENCY, unit="万元")]
