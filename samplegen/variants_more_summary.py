"""收支总表 variants: 行次 columns in 元, several measure columns, 收入 above 支出 in one column pair.

Part of the `samplegen/variants_more.py` set (the catalogue and `build` are there); the figures each
variant prints are kept beside it as plain data, so a test can check that the ingest reads every one back.
"""

from __future__ import annotations

from .layout import Block, Cover, Grid, Span
from .sheets import Sheet
from .variants_more_base import wan, yuan

# ---------------------------------------------------------------- 收支决算总表: 项目 | 行次 | 金额 twice, in 元

RS_AGENCY = "湘潭市交通运输局"
RS_INCOME = (("一、一般公共预算财政拨款收入", "1", 812.3456), ("二、政府性基金预算财政拨款收入", "2", 120.0),
             ("三、国有资本经营预算财政拨款收入", "3", 0.0), ("四、上级补助收入", "4", 0.0),
             ("五、事业收入", "5", 35.5), ("六、经营收入", "6", 0.0), ("七、附属单位上缴收入", "7", 0.0),
             ("八、其他收入", "8", 2.1544))
RS_EXPENDITURE = (("一、一般公共服务支出", "32", 0.0), ("二、社会保障和就业支出", "37", 96.42),
                  ("三、卫生健康支出", "38", 41.18), ("四、交通运输支出", "44", 790.5),
                  ("五、住房保障支出", "51", 38.2))
RS_TOTALS = {"income_total": 970.0, "opening_balance": 55.6, "non_fiscal_balance_used": 0.0, "grand_total": 1025.6,
             "expenditure_total": 966.3, "balance_distribution": 0.0, "closing_balance": 59.3,
             "grand_total_expenditure": 1025.6}


def summary_line_numbers_yuan() -> list[Block]:
    """公开01表 as the 财政部 template prints it: 收入 | 支出 blocks of 项目 | 行次 | 金额, a 栏次 row, in 元."""
    t = RS_TOTALS
    left = [(label, line, yuan(v)) for label, line, v in RS_INCOME]
    left += [("", "9", ""), ("", "10", "")]
    right = [(label, line, yuan(v) if v else "") for label, line, v in RS_EXPENDITURE]
    right += [("", "", "")] * (len(left) - len(right))
    rows = [["收入", "", "", "支出", "", ""], ["项目", "行次", "金额", "项目", "行次", "金额"],
            ["栏次", "", "1", "栏次", "", "2"]]
    rows += [[*a, *b] for a, b in zip(left, right, strict=True)]
    rows += [["本年收入合计", "11", yuan(t["income_total"]), "本年支出合计", "57", yuan(t["expenditure_total"])],
             ["使用非财政拨款结余", "12", "", "结余分配", "58", ""],
             ["年初结转和结余", "13", yuan(t["opening_balance"]), "年末结转和结余", "59", yuan(t["closing_balance"])],
             ["总计", "14", yuan(t["grand_total"]), "总计", "60", yuan(t["grand_total_expenditure"])]]
    spans = [Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 3, "header")]
    grid = Grid(rows, [2.6, 0.5, 1.3, 2.6, 0.5, 1.3], header_rows=3, spans=spans,
                align=["l", "c", "r", "l", "c", "r"])
    note = "注：本表反映部门本年度的总收支和年末结转结余情况。本套报表金额单位转换时可能存在尾数误差。"
    return [Cover([RS_AGENCY, "2023年度部门决算"]),
            Sheet("收入支出决算总表", grid, code="公开01表", dept=RS_AGENCY, unit="元", notes=[note])]


# ---------------------------------------------------------------- 财政拨款收入支出决算总表: several measure columns

FS_AGENCY = "九江市农业农村局"
FS_INCOME = (("一、一般公共预算财政拨款", "1", 500.0), ("二、政府性基金预算财政拨款", "2", 80.0),
             ("三、国有资本经营预算财政拨款", "3", 0.0))
FS_CLASSES = (("一、一般公共服务支出", "33", (0.0, 0.0, 0.0, 0.0)),
              ("二、社会保障和就业支出", "34", (60.0, 60.0, 0.0, 0.0)),
              ("三、卫生健康支出", "35", (20.0, 20.0, 0.0, 0.0)),
              ("四、城乡社区支出", "36", (505.0, 425.0, 80.0, 0.0)),
              ("五、住房保障支出", "37", (10.0, 10.0, 0.0, 0.0)))
FS_TOTALS = {"income_total": 580.0, "opening_balance": 20.0, "grand_total": 600.0, "expenditure_total": 595.0,
             "closing_balance": 5.0, "grand_total_expenditure": 600.0, "fiscal_appropriation": 500.0,
             "gov_fund_appropriation": 80.0}


def fiscal_summary_measures() -> list[Block]:
    """公开04表: 收入 项目 | 行次 | 金额 beside 支出 项目 | 行次 | 合计 | 一般公共预算 | 政府性基金 | 国有资本经营."""
    def amounts(values: tuple[float, ...]) -> list[str]:
        return [wan(x) if x else "" for x in values]

    rows = [["收入", "", "", "支出", "", "", "", "", ""],
            ["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
             "国有资本经营预算财政拨款"],
            ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"]]
    left = [[label, line, wan(x) if x else ""] for label, line, x in FS_INCOME]
    left += [["", str(k), ""] for k in range(4, 4 + len(FS_CLASSES) - len(left))]
    for (a, (label, line, values)) in zip(left, FS_CLASSES, strict=True):
        rows.append([*a, label, line, *amounts(values)])
    rows += [["本年收入合计", "6", wan(580.0), "本年支出合计", "38", *amounts((595.0, 515.0, 80.0, 0.0))],
             ["年初财政拨款结转和结余", "7", wan(20.0), "年末财政拨款结转和结余", "39", *amounts((5.0, 0.0, 5.0, 0.0))],
             ["一般公共预算财政拨款", "8", wan(15.0), "", "40", "", "", "", ""],
             ["政府性基金预算财政拨款", "9", wan(5.0), "", "41", "", "", "", ""],
             ["国有资本经营预算财政拨款", "10", "", "", "42", "", "", "", ""],
             ["总计", "11", wan(600.0), "总计", "43", *amounts((600.0, 515.0, 85.0, 0.0))]]
    spans = [Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 6, "header")]
    grid = Grid(rows, [2.4, 0.45, 1.0, 2.4, 0.45, 1.0, 1.2, 1.2, 1.2], header_rows=3, spans=spans,
                align=["l", "c", "r", "l", "c", "r", "r", "r", "r"])
    return [Cover([FS_AGENCY, "2023年度部门决算"]),
            Sheet("财政拨款收入支出决算总表", grid, code="公开04表", dept=FS_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- 收支总表 with 收入 above 支出 in one column pair

ST_AGENCY = "益阳市档案馆"
ST_INCOME = (("收入总计", 1234.0), ("一、一般公共预算拨款收入", 1200.0), ("二、上年结转", 34.0))
ST_EXPENDITURE = (("支出总计", 1234.0), ("一、一般公共服务支出", 900.0), ("二、社会保障和就业支出", 200.0),
                  ("三、卫生健康支出", 60.0), ("四、住房保障支出", 74.0))


def summary_stacked() -> list[Block]:
    """A 收支预算总表 printed as one 项目 | 预算数 column pair: the 收入 lines, then the 支出 lines."""
    rows = [["项目", "2024年预算数"]] + [[label, wan(x)] for label, x in ST_INCOME + ST_EXPENDITURE]
    grid = Grid(rows, [3.0, 1.5], header_rows=1, align=["l", "r"])
    return [Cover([ST_AGENCY, "2024年部门预算"]),
            Sheet("收支预算总表", grid, code="公开01表", dept=ST_AGENCY, unit="万元")]
