"""基本支出 tables by 经济分类 code: 类 | 款 printed at their level, 人员经费 | 公用经费 in blocks.

Part of the `samplegen/variants_more.py` set (the catalogue and `build` are there); the figures each
variant prints are kept beside it as plain data, so a test can check that the ingest reads every one back.
"""

from __future__ import annotations

from .layout import Block, Cover, Grid, Span
from .sheets import Sheet
from .variants_more_base import wan

# ---------------------------------------------------------------- 基本支出决算表: 类 | 款 printed at their level, two blocks

EC_AGENCY = "九江市审计局"
EC_PERSONNEL = (("301", "工资福利支出", 312.40), ("01", "基本工资", 98.20), ("02", "津贴补贴", 120.50),
                ("03", "奖金", 8.10), ("08", "机关事业单位基本养老保险缴费", 32.60), ("10", "职工基本医疗保险缴费", 15.30),
                ("13", "住房公积金", 24.80), ("99", "其他工资福利支出", 12.90),
                ("303", "对个人和家庭的补助", 6.30), ("02", "退休费", 4.10), ("05", "生活补助", 2.20))
EC_PUBLIC = (("302", "商品和服务支出", 45.66), ("01", "办公费", 6.20), ("05", "水费", 1.10), ("06", "电费", 3.40),
             ("07", "邮电费", 2.06), ("11", "差旅费", 5.90), ("17", "公务接待费", 1.30), ("28", "工会经费", 4.50),
             ("29", "福利费", 3.20), ("31", "公务用车运行维护费", 8.00), ("39", "其他交通费用", 10.00),
             ("310", "资本性支出", 2.50), ("02", "办公设备购置", 2.50))
EC_TOTALS = {"personnel": 318.70, "public": 48.16}


def economic_codes_by_level() -> list[Block]:
    """一般公共预算财政拨款基本支出决算表: 人员经费 | 公用经费 blocks of 类 | 款 | 科目名称 | 决算数, parts at their level."""
    def cells(line: tuple[str, str, float] | None) -> list[str]:
        if line is None:
            return ["", "", "", ""]
        code, name, amount = line
        return [code, "", name, wan(amount)] if len(code) == 3 else ["", code, name, wan(amount)]

    rows = [["人员经费", "", "", "", "公用经费", "", "", ""],
            ["科目编码", "", "科目名称", "决算数", "科目编码", "", "科目名称", "决算数"],
            ["类", "款", "", "", "类", "款", "", ""]]
    n = max(len(EC_PERSONNEL), len(EC_PUBLIC))
    for k in range(n):
        a = EC_PERSONNEL[k] if k < len(EC_PERSONNEL) else None
        b = EC_PUBLIC[k] if k < len(EC_PUBLIC) else None
        rows.append(cells(a) + cells(b))
    rows.append(["人员经费合计", "", "", wan(EC_TOTALS["personnel"]), "公用经费合计", "", "", wan(EC_TOTALS["public"])])
    last = len(rows) - 1
    spans = [Span(0, 0, 1, 4, "header"), Span(0, 4, 1, 4, "header"), Span(1, 0, 1, 2, "header"),
             Span(1, 2, 2, 1, "header"), Span(1, 3, 2, 1, "header"), Span(1, 4, 1, 2, "header"),
             Span(1, 6, 2, 1, "header"), Span(1, 7, 2, 1, "header"), Span(last, 0, 1, 3), Span(last, 4, 1, 3)]
    grid = Grid(rows, [0.5, 0.5, 2.4, 1.1, 0.5, 0.5, 2.4, 1.1], header_rows=3, spans=spans,
                align=["c", "c", "l", "r", "c", "c", "l", "r"])
    return [Cover([EC_AGENCY, "2023年度部门决算"]),
            Sheet("一般公共预算财政拨款基本支出决算表", grid, code="公开06表", dept=EC_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 基本支出决算表: 人员经费 | 公用经费 over two blocks

E3_AGENCY = "益阳市统计局"
E3_PERSONNEL = (("301", "工资福利支出", 210.35), ("30101", "基本工资", 70.12), ("30102", "津贴补贴", 88.40),
                ("30108", "机关事业单位基本养老保险缴费", 25.03), ("30113", "住房公积金", 26.80),
                ("303", "对个人和家庭的补助", 3.60), ("30302", "退休费", 3.60))
E3_PUBLIC = (("302", "商品和服务支出", 31.42), ("30201", "办公费", 4.20), ("30202", "印刷费", 1.50),
             ("30205", "水费", 0.80), ("30206", "电费", 2.60), ("30207", "邮电费", 1.32), ("30211", "差旅费", 6.00),
             ("30213", "维修（护）费", 2.00), ("30216", "培训费", 1.00), ("30217", "公务接待费", 1.10),
             ("30228", "工会经费", 3.40), ("30229", "福利费", 2.50), ("30231", "公务用车运行维护费", 5.00),
             ("310", "资本性支出", 1.80), ("31002", "办公设备购置", 1.80))
E3_TOTALS = {"personnel": 213.95, "public": 33.22}


def economic_three_blocks() -> list[Block]:
    """公开06表 as the 决算 template prints it: 人员经费 in one block, 公用经费 in two, the 合计 line at the bottom."""
    half = (len(E3_PUBLIC) + 1) // 2
    blocks = [list(E3_PERSONNEL), list(E3_PUBLIC[:half]), list(E3_PUBLIC[half:])]
    n = max(len(b) for b in blocks)
    rows = [["人员经费", "", "", "公用经费", "", "", "", "", ""],
            ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"]]
    for k in range(n):
        row: list[str] = []
        for b in blocks:
            row += [b[k][0], b[k][1], wan(b[k][2])] if k < len(b) else ["", "", ""]
        rows.append(row)
    rows.append(["人员经费合计", "", wan(E3_TOTALS["personnel"]), "公用经费合计", "", "", "", "",
                 wan(E3_TOTALS["public"])])
    last = len(rows) - 1
    spans = [Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 6, "header"), Span(last, 0, 1, 2), Span(last, 3, 1, 5)]
    grid = Grid(rows, [0.7, 2.0, 0.9] * 3, header_rows=2, spans=spans, align=["c", "l", "r"] * 3)
    return [Cover([E3_AGENCY, "2023年度部门决算"]),
            Sheet("一般公共预算财政拨款基本支出决算表", grid, code="公开06表", dept=E3_AGENCY, unit="万元", landscape=True)]
