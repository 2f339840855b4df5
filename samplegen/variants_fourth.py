"""A fourth round of layouts: 三公 tables (items as rows or columns, 比上年增减, 元, sub-lines in one row, two
pages, a note row, halves, 三线表), 绩效自评表 (columns reordered, 执行率 a decimal, two forms on a page), 总表
halves side by side and stacked, 类 | 款 | 项 code columns — each drawn whole and `broken` (one printed figure
changed so a sum breaks). `python -m samplegen.variants_fourth DIR` writes them."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from . import sheets
from .forms import selfeval_grid
from .layout import Block, Cover, Grid, Span, TableBlock
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_A, STYLE_B

STYLE = replace(STYLE_A, name="variant-fourth", repeat_title=False, seed_breaks=True)
STYLE_OTHER = replace(STYLE_B, name="variant-fourth-b", seed_breaks=True)

ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
Figures = dict[str, tuple[float, ...]]


_wan: Callable[[float], str] = "{:,.2f}".format  # an amount as printed: 1,234.50


def _yuan(wan: float) -> str:  # an amount in 万元 printed in 元
    return f"{wan * 10000:,.2f}"


# ---------------------------------------------------------------- 三公 items as rows: 预算数 | 决算数 | 比上年增减, note row
RC_AGENCY = "绵阳市审计局"
# item → (2023年预算数, 2023年决算数, 2022年决算数); 比上年增减 = 决算数 − 上年决算数
RC_SANGONG: Figures = {"total": (20.5, 17.86, 19.02), "overseas": (3.0, 2.46, 0.0),
                       "vehicle_total": (12.0, 10.8, 13.1), "vehicle_purchase": (0.0, 0.0, 0.0),
                       "vehicle_operation": (12.0, 10.8, 13.1), "reception": (5.5, 4.6, 5.92)}
_ROW_LABELS = {"total": "合计", "overseas": "1.因公出国（境）费", "vehicle_total": "2.公务用车购置及运行费",
               "vehicle_purchase": "其中：（1）公务用车购置费", "vehicle_operation": "（2）公务用车运行费",
               "reception": "3.公务接待费"}


def _sangong_rows(figures: Figures, broken_item: str | None, fmt: Callable[[float], str] = _wan) -> list[list[str]]:
    """项目 | 预算数 | 决算数 | 比上年增减 lines, one per item; `broken_item`'s 决算数 printed 0.50 higher."""
    rows = []
    for item, label in _ROW_LABELS.items():
        budget, actual, last = figures[item]
        shown = actual + 0.5 if item == broken_item else actual
        rows.append([label, fmt(budget), fmt(shown), fmt(round(actual - last, 2))])
    return rows


def sangong_rows_change_note(broken: bool = False) -> list[Block]:
    """A 决算 三公 table, items as rows, a 比上年增减 column and a 注 row inside the ruled grid."""
    rows = [["项目", "预算数", "决算数", "比上年增减"], *_sangong_rows(RC_SANGONG, "reception" if broken else None)]
    rows.append(["注：2023年因公出国（境）团组1个、2人次；公务接待42批次、310人次。", "", "", ""])
    grid = Grid(rows, [2.8, 1.2, 1.2, 1.2], header_rows=1, spans=[Span(len(rows) - 1, 0, 1, 4)],
                align=["l", "r", "r", "r"])
    return [Cover([RC_AGENCY, "2023年度部门决算"]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=RC_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 三公 items as rows over two pages
TP_AGENCY = "德阳市审计局"
TP_SANGONG: Figures = {"total": (16.0, 14.23, 15.1), "overseas": (0.0, 0.0, 0.0), "vehicle_total": (10.0, 9.41, 9.8),
                       "vehicle_purchase": (0.0, 0.0, 0.0), "vehicle_operation": (10.0, 9.41, 9.8), "reception": (6.0, 4.82, 5.3)}


def sangong_two_pages(broken: bool = False) -> list[Block]:
    """The same form of table broken over two pages after the 公务用车 line, its header repeated."""
    rows = [["项目", "预算数", "决算数", "比上年增减"], *_sangong_rows(TP_SANGONG, "vehicle_operation" if broken else None)]
    grid = Grid(rows, [2.8, 1.2, 1.2, 1.2], header_rows=1, align=["l", "r", "r", "r"])
    return [Cover([TP_AGENCY, "2023年度部门决算"]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=TP_AGENCY, unit="万元", page_rows=[3, 3])]


# ---------------------------------------------------------------- 三公 items as columns, year-labelled lines, in 元
YC_AGENCY, YC_BUDGET = "遂宁市审计局", (18.3, 2.0, 11.0, 0.0, 11.0, 5.3)  # 2024年预算数 (万元), in ITEMS order
YC_BEFORE = (19.6, 2.5, 11.0, 0.0, 11.0, 6.1)  # 2023年预算数: a comparison


def sangong_year_lines_yuan(broken: bool = False) -> list[Block]:
    """A 2024 budget 三公 table: items as columns, lines 2023年预算数 | 2024年预算数 | 增减, amounts in 元."""
    now = [_yuan(x) for x in YC_BUDGET]
    if broken:
        now[5] = _yuan(YC_BUDGET[5] + 0.5)
    rows = [["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "", "小计", "公务用车购置费", "公务用车运行费", ""],
            ["2023年预算数", *(_yuan(x) for x in YC_BEFORE)], ["2024年预算数", *now],
            ["增减", *(_yuan(round(a - b, 2)) for a, b in zip(YC_BUDGET, YC_BEFORE, strict=True))]]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 2, 1, "header"),
             Span(0, 3, 1, 3, "header"), Span(0, 6, 2, 1, "header")]
    grid = Grid(rows, [1.4, 1.2, 1.3, 1.2, 1.3, 1.3, 1.2], header_rows=2, spans=spans,
                align=["l", "r", "r", "r", "r", "r", "r"])
    return [Cover([YC_AGENCY, "2024年部门预算"]),
            Sheet("一般公共预算“三公”经费支出预算表", grid, code="公开08表", dept=YC_AGENCY, unit="元", landscape=True)]


# ---------------------------------------------------------------- 三公 one header row: 公务用车 and its two sub-lines side by side
OR_AGENCY, OR_BUDGET = "内江市审计局", (9.8, 0.0, 6.0, 0.0, 6.0, 3.8)


def sangong_one_header_row(broken: bool = False) -> list[Block]:
    """Six item columns under one header row: 其中：公务用车购置费 / 公务用车运行费 beside their 公务用车 column."""
    figures = [_wan(x) for x in OR_BUDGET]
    if broken:
        figures[4] = _wan(OR_BUDGET[4] + 1.0)
    rows = [["合计", "因公出国（境）费", "公务用车购置及运行费", "其中：公务用车购置费", "公务用车运行费", "公务接待费"],
            figures]
    grid = Grid(rows, [1.0, 1.3, 1.5, 1.5, 1.3, 1.1], header_rows=1, align=["r"] * 6)
    return [Cover([OR_AGENCY, "2024年部门预算"]),
            Sheet("一般公共预算“三公”经费支出预算表", grid, code="公开08表", dept=OR_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 三公 items as rows in two halves: the sub-lines beside their line
TH_AGENCY, TH_BUDGET = "眉山市审计局", (14.2, 1.6, 8.0, 0.0, 8.0, 4.6)


def sangong_two_halves(broken: bool = False) -> list[Block]:
    """项目 | 预算数 | 项目 | 预算数: 合计, 出国, 接待 on the left, 公务用车 and its two sub-lines on the right."""
    f = [_wan(x) for x in TH_BUDGET]
    if broken:
        f[4] = _wan(TH_BUDGET[4] + 1.0)
    rows = [["项目", "预算数", "项目", "预算数"],
            ["合计", f[0], "公务用车购置及运行费", f[2]],
            ["因公出国（境）费", f[1], "其中：公务用车购置费", f[3]],
            ["公务接待费", f[5], "公务用车运行费", f[4]]]
    grid = Grid(rows, [2.4, 1.2, 2.4, 1.2], header_rows=1, align=["l", "r", "l", "r"])
    return [Cover([TH_AGENCY, "2024年部门预算"]),
            Sheet("一般公共预算“三公”经费支出预算表", grid, code="公开08表", dept=TH_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 三公 items as columns in 预算数 | 决算数 | 比上年增减 blocks
TB_AGENCY, TB_BUDGET = "达州市审计局", (21.0, 4.0, 12.0, 0.0, 12.0, 5.0)
TB_ACTUAL = (18.64, 3.52, 11.1, 0.0, 11.1, 4.02)
TB_CHANGE = (-1.2, 3.52, -2.3, 0.0, -2.3, -2.42)


def sangong_three_blocks(broken: bool = False) -> list[Block]:
    """Six item columns under each of 预算数 | 决算数 | 决算数比上年增减 (the last a comparison)."""
    items = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
    subs = ["", "", "小计", "购置费", "运行费", ""]
    top = [b for b in ("预算数", "决算数", "决算数比上年增减") for b in (b, "", "", "", "", "")]
    actual = [_wan(x) for x in TB_ACTUAL]
    if broken:
        actual[0] = _wan(TB_ACTUAL[0] + 1.0)
    rows = [top, items * 3, subs * 3, [*(_wan(x) for x in TB_BUDGET), *actual, *(_wan(x) for x in TB_CHANGE)]]
    spans = [sp for k in range(3) for sp in (Span(0, 6 * k, 1, 6, "header"), Span(1, 6 * k, 2, 1, "header"),
                                             Span(1, 6 * k + 1, 2, 1, "header"), Span(1, 6 * k + 2, 1, 3, "header"),
                                             Span(1, 6 * k + 5, 2, 1, "header"))]
    grid = Grid(rows, [1.0] * 18, header_rows=3, spans=spans, align=["r"] * 18)
    return [Cover([TB_AGENCY, "2023年度部门决算"]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=TB_AGENCY, unit="万元", landscape=True,
                  size_scale=0.8)]


# ---------------------------------------------------------------- 三公 items as rows, the unit in the column labels, zeros as —
DY_AGENCY = "广元市审计局"
DY_SANGONG: Figures = {"total": (9.6, 8.713, 0.0), "overseas": (0.0, 0.0, 0.0), "vehicle_total": (6.0, 5.5, 0.0),
                       "vehicle_purchase": (0.0, 0.0, 0.0), "vehicle_operation": (6.0, 5.5, 0.0), "reception": (3.6, 3.213, 0.0)}


def sangong_unit_in_labels(broken: bool = False) -> list[Block]:
    """Items as rows under 预算数（元）| 决算数（元）, no 单位 line, whole 元, a zero printed as —."""
    rows = [["项目", "预算数（元）", "决算数（元）"]]
    for item, label in _ROW_LABELS.items():
        budget, actual, _ = DY_SANGONG[item]
        shown = actual + 0.1 if broken and item == "reception" else actual
        rows.append([label, *(f"{x * 10000:,.0f}" if x else "—" for x in (budget, shown))])
    grid = Grid(rows, [2.8, 1.4, 1.4], header_rows=1, align=["l", "r", "r"])
    return [Cover([DY_AGENCY, "2023年度部门决算"]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=DY_AGENCY, unit=None)]


# ---------------------------------------------------------------- 项目支出绩效自评表: columns reordered, 执行率 a decimal
SR_AGENCY, SR_PROJECT = "乐山市农业农村局", "高标准农田建设补助资金"
SR_FUNDS = ("300", "288.6", "0.962", "10", "9.62", "280")  # 全年预算 全年执行 执行率 分值 得分 年初预算
SR_INDICATORS = (  # 一级, 二级, 三级, 分值, 得分, 年度指标值, 实际完成值, 偏差原因
    ("产出指标", "数量指标", "新建高标准农田面积", "20", "20", "≥1.2万亩", "1.25万亩", ""),
    ("产出指标", "质量指标", "工程验收合格率", "15", "15", "100%", "100%", ""),
    ("产出指标", "时效指标", "当年完工率", "15", "12", "100%", "85%", "部分项目受雨季影响延期"),
    ("效益指标", "经济效益指标", "亩均增产粮食", "15", "15", "≥50公斤", "55公斤", ""),
    ("效益指标", "可持续影响指标", "设施管护机制建立", "15", "15", "建立", "已建立", ""),
    ("满意度指标", "服务对象满意度指标", "受益农户满意度", "10", "9", "≥95%", "93%", "个别农户对工期不满意"),
)
SR_TOTAL = "95.62"


def _indicator_score_bumped(indicators: tuple[tuple[str, ...], ...], col: int) -> list[tuple[str, ...]]:
    """The indicators with the first one's 得分 (column `col`) printed 5 lower: 总分 no longer its sum."""
    first = list(indicators[0])
    first[col] = str(int(first[col]) - 5)
    return [tuple(first), *indicators[1:]]


def selfeval_columns_reordered(broken: bool = False) -> list[Block]:
    """全年预算数 | 全年执行数 | 执行率 (0.962) | 分值 | 得分 | 年初预算数; indicators 分值 | 得分 before the values."""
    indicators = _indicator_score_bumped(SR_INDICATORS, 4) if broken else list(SR_INDICATORS)
    grid = selfeval_grid(
        SR_PROJECT, SR_AGENCY, ["全年预算数", "全年执行数", "执行率", "分值", "得分", "年初预算数"],
        [("年度资金总额", *SR_FUNDS), ("其中：当年财政拨款", "300", "288.6", "—", "—", "—", "280")],
        [("新建高标准农田1.2万亩以上", "新建1.25万亩，验收合格")],
        ["一级指标", "二级指标", "三级指标", "分值", "得分", "年度指标值", "实际完成值", "偏差原因分析及改进措施"],
        indicators, ["总分", "", "", "100", SR_TOTAL, "", "", "自评等级：优"],
        [1.0, 1.2, 1.7, 0.6, 0.6, 1.2, 1.2, 1.8], split=5, total_cols=3)
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）", landscape=True)]


def selfeval_rate_in_percent_column(broken: bool = False) -> list[Block]:
    """The same form with the rate under 执行率（%） printed as 96.20 (no % sign)."""
    indicators = _indicator_score_bumped(SR_INDICATORS, 4) if broken else list(SR_INDICATORS)
    full, executed, rate, weight, score, initial = SR_FUNDS
    grid = selfeval_grid(
        SR_PROJECT, SR_AGENCY, ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率（%）", "得分"],
        [("年度资金总额", initial, full, executed, weight, f"{float(rate) * 100:.2f}", score)],
        [("新建高标准农田1.2万亩以上", "新建1.25万亩，验收合格")],
        ["一级指标", "二级指标", "三级指标", "分值", "得分", "年度指标值", "实际完成值", "偏差原因分析及改进措施"],
        indicators, ["总分", "", "", "100", SR_TOTAL, "", "", "自评等级：优"],
        [1.0, 1.2, 1.7, 0.6, 0.6, 1.2, 1.2, 1.8], split=5, total_cols=3)
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）", landscape=True)]


# ---------------------------------------------------------------- two 项目支出绩效自评表 on one page
TW_AGENCY = "宜宾市林业和草原局"
Indicator = tuple[str, ...]
TW_PROJECTS: tuple[tuple[str, tuple[str, ...], tuple[Indicator, ...], str], ...] = (  # project, (年初, 全年, 执行, 分值, 执行率, 得分), indicators (一级, 二级, 三级, 指标值, 完成值, 分值, 得分), 总分
    ("森林防火专项经费", ("50", "50", "47.5", "10", "95%", "9.5"),
     (("产出指标", "数量指标", "巡护里程", "≥5000公里", "5200公里", "30", "30"),
      ("效益指标", "社会效益指标", "森林火灾受害率", "≤0.5‰", "0.2‰", "40", "40"),
      ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", "20", "20")), "99.5"),
    ("古树名木保护经费", ("20", "20", "12", "10", "60%", "6"),
     (("产出指标", "数量指标", "挂牌保护古树", "300株", "300株", "30", "30"),
      ("效益指标", "生态效益指标", "古树存活率", "100%", "100%", "40", "38"),
      ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "90%", "20", "18")), "92"),
)


def _small_form(project: str, funds: tuple[str, ...], indicators: tuple[Indicator, ...], total: str) -> Grid:
    return selfeval_grid(
        project, TW_AGENCY, ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [("年度资金总额", *funds)], [("完成年度任务", "已完成")],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        [(*ind, "") for ind in indicators], ["总分", "", "", "", "", "100", total, ""],
        [1.0, 1.2, 1.6, 1.1, 1.1, 0.6, 0.6, 1.6], split=5, total_cols=5)


def selfeval_two_on_a_page(broken: bool = False, untitled: bool = False) -> list[Block]:
    """Two short forms one under the other on a page; `untitled`: the second without its title lines."""
    blocks: list[Block] = []
    for k, (project, funds, indicators, total) in enumerate(TW_PROJECTS):
        if broken and k == 1:
            indicators = tuple(_indicator_score_bumped(indicators, 6))
        bare = untitled and k > 0
        blocks.append(TableBlock("" if bare else "项目支出绩效自评表", _small_form(project, funds, indicators, total),
                                 dept=None, unit=None if bare else "万元", subtitle=None if bare else "（2023年度）",
                                 same_page=k > 0))
    return blocks


# ---------------------------------------------------------------- 收入支出决算总表: halves side by side, and stacked
SB_AGENCY = "自贡市审计局"
SB_INCOME = (("一、一般公共预算财政拨款收入", 640.25), ("二、政府性基金预算财政拨款收入", 30.0),
             ("三、事业收入", 12.4), ("四、其他收入", 1.35))
SB_CLASSES = (("一、一般公共服务支出", 560.3), ("二、社会保障和就业支出", 72.64), ("三、卫生健康支出", 19.8),
              ("四、城乡社区支出", 30.0), ("五、住房保障支出", 26.06))
SB_TOTALS = {"income_total": 684.0, "opening_balance": 40.2, "grand_total": 724.2, "expenditure_total": 708.8,
             "closing_balance": 15.4, "grand_total_expenditure": 724.2}


def _classes(broken: bool) -> list[tuple[str, str]]:
    return [(label, _wan(x + 1.0 if broken and "卫生" in label else x)) for label, x in SB_CLASSES]


def _tails() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The lines under each half: 本年合计, 结余, 结转, 总计 (income side, expenditure side)."""
    t = SB_TOTALS
    return ([("本年收入合计", _wan(t["income_total"])), ("使用非财政拨款结余", ""),
             ("年初结转和结余", _wan(t["opening_balance"])), ("总计", _wan(t["grand_total"]))],
            [("本年支出合计", _wan(t["expenditure_total"])), ("结余分配", ""),
             ("年末结转和结余", _wan(t["closing_balance"])), ("总计", _wan(t["grand_total_expenditure"]))])


def summary_side_by_side(broken: bool = False) -> list[Block]:
    """收入 | 金额 | 支出 | 金额 halves side by side, the 决算 template's 项目 | 金额 pairs."""
    left = [(label, _wan(x) if x else "") for label, x in SB_INCOME]
    right = _classes(broken)
    left += [("", "")] * (len(right) - len(left))
    income, expenditure = _tails()
    rows = [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"]]
    rows += [[a, x, b, y] for (a, x), (b, y) in zip(left + income, right + expenditure, strict=True)]
    grid = Grid(rows, [2.6, 1.2, 2.6, 1.2], header_rows=2,
                spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")], align=["l", "r", "l", "r"])
    return [Cover([SB_AGENCY, "2023年度部门决算"]),
            Sheet("收入支出决算总表", grid, code="公开01表", dept=SB_AGENCY, unit="万元")]


def summary_stacked(broken: bool = False) -> list[Block]:
    """The same figures as 项目 | 决算数, the 支出 half under the 收入 half."""
    income, expenditure = _tails()
    rows = [["项目", "决算数"], ["收入", ""], *([label, _wan(x) if x else ""] for label, x in SB_INCOME),
            *(list(r) for r in income), ["支出", ""]]
    section = len(rows) - 1
    rows += [list(r) for r in _classes(broken) + expenditure]
    grid = Grid(rows, [3.4, 1.4], header_rows=1, spans=[Span(1, 0, 1, 2), Span(section, 0, 1, 2)],
                align=["l", "r"], align_at={(1, 0): "c", (section, 0): "c"})
    return [Cover([SB_AGENCY, "2023年度部门决算"]),
            Sheet("收入支出决算总表", grid, code="公开01表", dept=SB_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 一般公共预算财政拨款支出决算表: 类 | 款 | 项 columns
GC_AGENCY = "泸州市审计局"
GC_LINES = (  # code, name, 合计, 基本支出, 项目支出 (万元)
    ("201", "一般公共服务支出", 588.46, 468.46, 120.0), ("20108", "审计事务", 588.46, 468.46, 120.0),
    ("2010801", "行政运行", 468.46, 468.46, 0.0), ("2010804", "审计业务", 120.0, 0.0, 120.0),
    ("208", "社会保障和就业支出", 61.38, 61.38, 0.0), ("20805", "行政事业单位养老支出", 61.38, 61.38, 0.0),
    ("2080505", "机关事业单位基本养老保险缴费支出", 40.92, 40.92, 0.0),
    ("2080506", "机关事业单位职业年金缴费支出", 20.46, 20.46, 0.0),
    ("221", "住房保障支出", 30.7, 30.7, 0.0), ("22102", "住房改革支出", 30.7, 30.7, 0.0),
    ("2210201", "住房公积金", 30.7, 30.7, 0.0))
GC_TOTAL = (680.54, 560.54, 120.0)
GC_BROKEN = "2080506"


def gpb_codes_in_level_columns(broken: bool = False) -> list[Block]:
    """科目编码 over 类 | 款 | 项 columns, every line printing its parts in full (208 | 05 | 05)."""
    rows = [["科目编码", "", "", "科目名称", "本年支出", "", ""], ["类", "款", "项", "", "合计", "基本支出", "项目支出"],
            ["合计", "", "", "", *(_wan(x) for x in GC_TOTAL)]]
    for code, name, total, basic, project in GC_LINES:
        parts = [code[:3], code[3:5], code[5:7]]
        shown = total + 1.0 if broken and code == GC_BROKEN else total
        rows.append([*parts, name, _wan(shown), _wan(basic) if basic else "", _wan(project) if project else ""])
    spans = [Span(0, 0, 1, 3, "header"), Span(0, 3, 2, 1, "header"), Span(0, 4, 1, 3, "header"), Span(2, 0, 1, 4)]
    grid = Grid(rows, [0.5, 0.5, 0.5, 3.0, 1.2, 1.2, 1.2], header_rows=2, spans=spans,
                align=["c", "c", "c", "l", "r", "r", "r"])
    return [Cover([GC_AGENCY, "2023年度部门决算"]),
            Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=GC_AGENCY, unit="万元")]


VARIANTS: dict[str, Variant] = {
    "sangong_rows_change_note.pdf": Variant(sangong_rows_change_note, "2023年度部门决算"),
    "sangong_two_pages.pdf": Variant(sangong_two_pages, "2023年度部门决算"),
    "sangong_year_lines_yuan.pdf": Variant(sangong_year_lines_yuan, "2024年部门预算"),
    "sangong_one_header_row.pdf": Variant(sangong_one_header_row, "2024年部门预算", STYLE_OTHER),
    "sangong_unit_in_labels.pdf": Variant(sangong_unit_in_labels, "2023年度部门决算"),
    "sangong_two_halves.pdf": Variant(sangong_two_halves, "2024年部门预算"),
    "sangong_three_blocks.pdf": Variant(sangong_three_blocks, "2023年度部门决算"),
    "selfeval_columns_reordered.pdf": Variant(selfeval_columns_reordered, ""),
    "selfeval_rate_in_percent_column.pdf": Variant(selfeval_rate_in_percent_column, ""),
    "selfeval_two_on_a_page.pdf": Variant(selfeval_two_on_a_page, ""),
    "selfeval_second_untitled.pdf": Variant(partial(selfeval_two_on_a_page, untitled=True), ""),
    "summary_side_by_side.pdf": Variant(summary_side_by_side, "2023年度部门决算"),
    "summary_stacked.pdf": Variant(summary_stacked, "2023年度部门决算"),
    "gpb_codes_in_level_columns.pdf": Variant(gpb_codes_in_level_columns, "2023年度部门决算"),
    "sangong_rows_three_line.pdf": Variant(sangong_rows_change_note, "2023年度部门决算", three_line=True),
    "sangong_two_halves_three_line.pdf": Variant(sangong_two_halves, "2024年部门预算", three_line=True),
    "sangong_three_blocks_three_line.pdf": Variant(sangong_three_blocks, "2023年度部门决算", three_line=True),
    "summary_side_by_side_three_line.pdf": Variant(summary_side_by_side, "2023年度部门决算", three_line=True),
    "gpb_codes_three_line.pdf": Variant(gpb_codes_in_level_columns, "2023年度部门决算", three_line=True),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_fourth"), broken=True).values():
        print(path)
