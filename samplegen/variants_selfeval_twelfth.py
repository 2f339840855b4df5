"""A twelfth round of layouts: 绩效自评 forms as offices nobody here tuned on print them. Budget columns named
年初预算 | 调整后预算 | 实际支出 in a city form; a funds block without 执行率 (预算数 | 执行数 under 资金来源 lines
合计 / 财政拨款 / 其他资金); scores with decimals (7.5, 12.5, 9.58); a 自评等级 (优) printed instead of a 总分;
targets with operators (＝, ≤, >=, 不高于, 定性 优良中低差); a form continued on a second page under its title
repeated (续) and its indicator header; two forms on one page; a 部门整体支出绩效自评表 of 年初预算数 |
调整后预算数 | 实际支出数; the execution's weight stated only in its header (得分（10分）); a 自评结果汇总表 of
项目编码 | 项目名称 | 年初预算数 | 调整后预算数 | 实际支出; the 河北 template's placeholder lines (指标2, ……) left
in; two projects in one ruled grid with labels ending in a colon (项目名称：, 年度资金总额：); the execution scored
on a line of its own (预算执行率 | 96% | 分值 | 10 | 得分 | 9.6); a 自评结果汇总表 grouped by unit with 小计 lines;
scores printed with 分 (9.5分) under 实施单位（盖章）; an indicator header over two rows (绩效指标 over 一级 | 二级
| 三级指标); a 总分 called 综合得分 with a 自评等级 line under it; a form continued under its own title repeated;
the indicators ruled as a second grid under the form's first. Each drawn whole (nothing to flag) and `broken` with
one planted defect: nothing spent and the execution scored in full, a 总分 that is not the sum of the scores, a
执行率 that is not 执行数 / 预算数, a missed target scored in full. `python -m samplegen.variants_selfeval_twelfth
DIR` writes them."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from . import sheets
from . import variants_selfeval_twelfth_forms as forms
from .forms import indicator_block
from .layout import Block, Grid, Span
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_A, STYLE_B
from .variants_selfeval_twelfth_forms import (
    IND_HEAD,
    OVERALL,
    WIDTHS,
    Ind,
    Project,
    form_grid,
    g,
    indicator_rows,
    spent_nothing,
    total_row,
    wan,
)

STYLE = replace(STYLE_A, name="variant-twelfth", repeat_title=False)
STYLE_OTHER = replace(STYLE_B, name="variant-twelfth-b")
DOC_TITLE = "2023年度项目支出绩效自评表"


# ---------------------------------------------------------------- H: 部门整体, 年初预算数 | 调整后预算数 | 实际支出数
OA_AGENCY = "昆明市五华区司法局"
OA = Project(OVERALL, 860.0, 912.0, 884.64, "97.00%", 10, 9.7, (
    Ind("产出指标", "数量指标", "人民调解案件受理数", "≥1500件", "1620件", 15, 15),
    Ind("产出指标", "质量指标", "调解成功率", "≥95%", "97.2%", 15, 15),
    Ind("产出指标", "时效指标", "法律援助案件指派时限", "≤3个工作日", "2个工作日", 10, 10),
    Ind("效益指标", "社会效益指标", "社区矫正对象再犯罪率", "≤0.2%", "0.1%", 20, 20),
    Ind("效益指标", "可持续影响指标", "公共法律服务体系", "持续完善", "持续完善", 10, 10),
    Ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", 20, 20)))


def overall_adjusted(broken: bool = False) -> list[Block]:
    """A 部门整体支出绩效自评表: 部门名称, 年初预算数 | 调整后预算数 | 实际支出数 | 分值 | 执行率 | 得分 over 年度资金总额,
    基本支出 and 项目支出; broken: the 执行率 printed 79.00 % (the 实际支出数 / 调整后预算数 is 97 %)."""
    (p,) = printed("overall_adjusted.pdf", broken)
    n = len(WIDTHS)
    rows = [["部门名称", OA_AGENCY, *[""] * (n - 2)],
            ["年度预算申请（万元）", "", "年初预算数", "调整后预算数", "实际支出数", "分值", "执行率", "得分"],
            ["", "年度资金总额", wan(p.initial), wan(p.budget), wan(p.executed), g(p.weight), p.rate or "",
             g(p.score)],
            ["", "其中：基本支出", "620.00", "651.00", "648.30", "", "", ""],
            ["", "项目支出", "240.00", "261.00", "236.34", "", "", ""],
            ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
            ["", "做好人民调解、法律援助和社区矫正工作", "", "", "调解成功率97.2%，社区矫正无重新犯罪", "", "", ""]]
    spans = [Span(0, 1, 1, n - 1), Span(1, 0, 4, 1), Span(5, 0, 2, 1)]
    spans += [s for r in (5, 6) for s in (Span(r, 1, 1, 3), Span(r, 4, 1, 4))]
    indicator_block(rows, spans, IND_HEAD, indicator_rows(p), total_row(p), 5, label_column=False)
    return [Sheet("部门整体支出绩效自评表", Grid(rows, list(WIDTHS), 0, spans), dept=None, unit="万元",
                  subtitle="（2023年度）")]


# ---------------------------------------------------------------- I: the execution's weight only in its header
WH_AGENCY = "青岛市黄岛区交通运输局"
WH = Project("农村公路安全生命防护工程", 700.0, 760.0, 722.0, "95.00%", 10, 9.5, (
    Ind("产出指标", "数量指标", "实施安防工程里程", "≥85公里", "86.4公里", 30, 30),
    Ind("产出指标", "质量指标", "工程交工验收合格率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "农村公路事故起数下降", "≥10%", "11.5%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "92%", 20, 20)))


def weight_in_header(broken: bool = False) -> list[Block]:
    """年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 得分（10分）: no 分值 column, the weight said in the 得分
    header; broken: 40 % spent, scored 10."""
    (p,) = printed("weight_in_header.pdf", broken)
    grid = form_grid(p, WH_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "执行率", "得分（10分）"),
                     (wan(p.initial), wan(p.budget), wan(p.executed), p.rate or "", g(p.score)),
                     (("其中：当年财政拨款", wan(p.initial), wan(p.budget), wan(p.executed), "", ""),))
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- J: a 自评结果汇总表 of 年初预算数 | 调整后预算数 | 实际支出
LA_AGENCY = "洛阳市涧西区文化广电和旅游局"
LA_LINES = (  # 项目名称, 年初预算数, 调整后预算数, 实际支出, 自评得分, 自评等级
    ("公共文化场馆免费开放", 120.0, 126.0, 122.22, 96.0, "优"),
    ("文化惠民演出", 80.0, 75.0, 71.25, 93.5, "优"),
    ("文物保护修缮", 200.0, 240.0, 218.4, 91.0, "优"),
    ("旅游市场监管", 30.0, 30.0, 25.5, 86.0, "良"),
    ("非遗传承保护", 45.0, 45.0, 43.2, 94.0, "优"),
)
LA_ANOMALY = "文物保护修缮"


def list_lines(broken: bool = False) -> list[tuple[str, float, float, float, float, str]]:
    """The list's lines; broken: the 文物保护修缮 line spent nothing and still scores 91."""
    return [(n, a, b, 0.0 if broken and n == LA_ANOMALY else c, s, gr) for n, a, b, c, s, gr in LA_LINES]


def la_code(k: int) -> str:
    """The 项目编码 of the list's line k (1-based), printed in a column of its own."""
    return f"41030521T{k:012d}"


def list_adjusted(broken: bool = False) -> list[Block]:
    """序号 | 项目编码 | 项目名称 | 年初预算数 | 调整后预算数 | 实际支出 | 执行率 | 自评得分 | 自评等级, a 合计 line last."""
    lines = list_lines(broken)
    rows = [["序号", "项目编码", "项目名称", "年初预算数", "调整后预算数", "实际支出", "执行率", "自评得分", "自评等级"]]
    rows += [[str(k), la_code(k), n, wan(a), wan(b), wan(c), f"{c / b:.2%}", g(s), gr]
             for k, (n, a, b, c, s, gr) in enumerate(lines, start=1)]
    a, b, c = (round(sum(x[i] for x in lines), 2) for i in (1, 2, 3))
    rows.append(["合计", "", "", wan(a), wan(b), wan(c), f"{c / b:.2%}", "", ""])
    grid = Grid(rows, [0.5, 2.0, 2.2, 1.0, 1.0, 1.0, 0.8, 0.8, 0.8], header_rows=1,
                spans=[Span(len(rows) - 1, 0, 1, 3)], align=["c", "l", "l", "r", "r", "r", "r", "c", "c"])
    return [Sheet("2023年度项目支出绩效自评结果汇总表", grid, dept=LA_AGENCY, unit="万元")]


# ---------------------------------------------------------------- K: the 河北 template's placeholder lines left in
PH_AGENCY = "廊坊市广阳区住房和城乡建设局"
PH = Project("老旧小区雨污分流改造", 380.0, 380.0, 361.0, "95.00%", 10, 9.5, (
    Ind("产出指标", "数量指标", "指标1：改造小区数量", "≥8个", "8个", 20, 20),
    Ind("产出指标", "质量指标", "指标1：工程验收合格率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "指标1：雨季积水点减少", "≥90%", "93%", 20, 20),
    Ind("效益指标", "可持续影响指标", "指标1：设施使用年限", "≥15年", "15年", 10, 10),
    Ind("满意度指标", "服务对象满意度指标", "指标1：居民满意度", "≥90%", "87%", 20, 17, "施工期间出行不便")))


def _with_placeholders(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """After each indicator the template's unfilled lines: 指标2 and …… (the 一级 / 二级 labels run on)."""
    out: list[tuple[str, ...]] = []
    for row in rows:
        out += [row, (row[0], row[1], "指标2", "", "", "", "", ""), (row[0], row[1], "……", "", "", "", "", "")]
    return out


def placeholders(broken: bool = False) -> list[Block]:
    """Each 二级 block prints 指标1：… filled in and the template's 指标2 and …… lines blank; broken: the 总分
    printed 3 points above the sum of the scores."""
    (p,) = printed("placeholders.pdf", broken)
    grid = form_grid(p, PH_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                     (wan(p.initial), wan(p.budget), wan(p.executed), g(p.weight), p.rate or "", g(p.score)),
                     (("其中：当年财政拨款", wan(p.initial), wan(p.budget), wan(p.executed), "", "", ""),
                      ("上年结转资金", "", "", "", "", "", ""), ("其他资金", "", "", "", "", "", "")))
    head = next(i for i, r in enumerate(grid.rows) if r[0] == IND_HEAD[0])
    rows = [list(r) for r in grid.rows[:head]]
    spans = [s for s in grid.spans if s.row < head]
    indicator_block(rows, spans, IND_HEAD, _with_placeholders(indicator_rows(p)), total_row(p), 5,
                    label_column=False)
    return [Sheet("项目支出绩效自评表", Grid(rows, list(WIDTHS), 0, spans), dept=None, unit="万元",
                  subtitle="（2023年度）")]


# ---------------------------------------------------------------- L: two projects in one grid, labels with a colon
CL_AGENCY = "湘潭市岳塘区应急管理局"
CL = (Project("安全生产执法检查经费", 40.0, 40.0, 38.8, "97.00%", 10, 9.7, (
          Ind("产出指标", "数量指标", "执法检查企业家次", "≥600家次", "642家次", 30, 30),
          Ind("产出指标", "时效指标", "隐患整改按期完成率", "≥95%", "97%", 20, 20),
          Ind("效益指标", "社会效益指标", "较大以上生产安全事故", "0起", "0起", 20, 20),
          Ind("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", "92%", 20, 20))),
      Project("应急物资储备经费", 90.0, 90.0, 86.4, "96.00%", 10, 9.6, (
          Ind("产出指标", "数量指标", "储备物资品类", "≥30类", "32类", 30, 30),
          Ind("产出指标", "质量指标", "物资完好率", "≥98%", "99%", 20, 20),
          Ind("效益指标", "社会效益指标", "受灾群众24小时内得到救助", "100%", "100%", 20, 20),
          Ind("满意度指标", "服务对象满意度指标", "受灾群众满意度", "≥90%", "95%", 20, 20))))


def colon_labels(broken: bool = False) -> list[Block]:
    """Two projects' forms one under the other in one ruled grid, under one title, their labels ending in a colon
    (项目名称：, 主管部门：, 年度资金总额：); broken: the first 总分 printed 2 points below the sum."""
    rows: list[list[str]] = []
    spans: list[Span] = []
    for p in printed("colon_labels.pdf", broken):
        grid = form_grid(p, CL_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                         (wan(p.initial), wan(p.budget), wan(p.executed), g(p.weight), p.rate or "", g(p.score)),
                         total_label="年度资金总额：")
        for r in grid.rows:
            if r[0] in ("项目名称", "主管部门"):
                r[0] += "："
            if len(r) > 4 and r[4] == "实施单位":
                r[4] += "："
        spans += [replace(s, row=s.row + len(rows)) for s in grid.spans]
        rows += [list(r) for r in grid.rows]
    return [Sheet("项目支出绩效自评表", Grid(rows, list(WIDTHS), 0, spans), dept=None, unit="万元",
                  subtitle="（2023年度）")]


# ---------------------------------------------------------------- M: the execution scored on a line of its own
ES_AGENCY = "株洲市芦淞区人力资源和社会保障局"
ES = Project("公益性岗位补贴", 260.0, 248.0, 238.08, "96.00%", 10, 9.6, (
    Ind("产出指标", "数量指标", "开发公益性岗位", "≥420个", "436个", 30, 30),
    Ind("产出指标", "时效指标", "补贴按季度发放率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "就业困难人员托底安置", "≥400人", "412人", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "上岗人员满意度", "≥90%", "91%", 20, 20)))


def execution_line(broken: bool = False) -> list[Block]:
    """年初预算数 | 全年预算数 | 全年执行数 over the fund lines (no score column), then a line of its own:
    预算执行率 | 96.00% | 分值 | 10 | 得分 | 9.6; broken: nothing spent, the execution scored 10."""
    (p,) = printed("execution_line.pdf", broken)
    grid = form_grid(p, ES_AGENCY, ("年初预算数", "全年预算数", "全年执行数"),
                     (wan(p.initial), wan(p.budget), wan(p.executed)),
                     (("其中：当年财政拨款", wan(p.initial), wan(p.budget), wan(p.executed)),
                      ("预算执行率", "", "", "")))
    line = next(i for i, r in enumerate(grid.rows) if r[1] == "预算执行率")
    grid.spans = [s for s in grid.spans if s.row != line] + [Span(line, 6, 1, 2)]
    grid.rows[line] = ["", "预算执行率", p.rate or "", "分值", g(p.weight), "得分", g(p.score), ""]
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- N: a list grouped by unit, 小计 lines between
LU_AGENCY = "衡阳市蒸湘区卫生健康局"
LU_UNITS = (  # unit, its projects: 项目名称, 预算数, 执行数, 自评得分
    ("衡阳市蒸湘区卫生健康局本级", (("卫生应急处置经费", 40.0, 38.0, 95.0), ("爱国卫生运动经费", 25.0, 24.0, 94.0))),
    ("蒸湘区疾病预防控制中心", (("免疫规划经费", 90.0, 88.2, 97.0), ("传染病防控经费", 60.0, 57.0, 93.0),
                               ("慢性病防治经费", 30.0, 27.0, 88.0))),
)
LU_ANOMALY = "传染病防控经费"


def unit_lines(broken: bool = False) -> list[tuple[str, tuple[tuple[str, float, float, float], ...]]]:
    """The units and their lines; broken: the 传染病防控经费 line spent nothing and still scores 93."""
    return [(u, tuple((n, b, 0.0 if broken and n == LU_ANOMALY else c, s) for n, b, c, s in lines))
            for u, lines in LU_UNITS]


def list_by_unit(broken: bool = False) -> list[Block]:
    """单位名称 | 项目名称 | 预算数 | 执行数 | 执行率 | 自评得分: each unit's lines, then its 小计; 合计 last."""
    rows = [["单位名称", "项目名称", "预算数", "执行数", "执行率", "自评得分"]]
    spans: list[Span] = []
    grand = [0.0, 0.0]
    for unit, lines in unit_lines(broken):
        first = len(rows)
        rows += [[unit, n, wan(b), wan(c), f"{c / b:.2%}", g(s)] for n, b, c, s in lines]
        b, c = round(sum(x[1] for x in lines), 2), round(sum(x[2] for x in lines), 2)
        rows.append(["", "小计", wan(b), wan(c), f"{c / b:.2%}", ""])
        spans.append(Span(first, 0, len(lines) + 1, 1))
        grand = [grand[0] + b, grand[1] + c]
    rows.append(["合计", "", wan(grand[0]), wan(grand[1]), f"{grand[1] / grand[0]:.2%}", ""])
    spans.append(Span(len(rows) - 1, 0, 1, 2))
    grid = Grid(rows, [2.4, 2.2, 1.1, 1.1, 0.9, 0.9], header_rows=1, spans=spans,
                align=["l", "l", "r", "r", "r", "c"])
    return [Sheet("2023年度项目支出绩效自评结果汇总表", grid, dept=LU_AGENCY, unit="万元")]


# ---------------------------------------------------------------- Q: 综合得分 and 自评等级 closing the form
TL_AGENCY = "南阳市卧龙区农业农村局"
TL = Project("高标准农田建设管护经费", 150.0, 150.0, 141.0, "94.00%", 10, 9.4, (
    Ind("产出指标", "数量指标", "管护高标准农田面积", "≥8万亩", "8.2万亩", 30, 30),
    Ind("产出指标", "质量指标", "设施完好率", "≥90%", "92%", 20, 20),
    Ind("效益指标", "经济效益指标", "粮食亩均增产", "≥50公斤", "56公斤", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "90.5%", 20, 20)), grade="优")


def score_and_grade(broken: bool = False) -> list[Block]:
    """The indicators closed by 综合得分 (no 总分) and a 自评等级 line under it; broken: nothing spent, scored 10."""
    (p,) = printed("score_and_grade.pdf", broken)
    grid = form_grid(p, TL_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                     (wan(p.initial), wan(p.budget), wan(p.executed), g(p.weight), p.rate or "", g(p.score)))
    last = len(grid.rows) - 1
    grid.rows[last][0] = "综合得分"
    grid.rows.append(["自评等级", "", "优", *[""] * 5])
    grid.spans += [Span(last + 1, 0, 1, 2), Span(last + 1, 2, 1, 6)]
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- the catalogue and what each file should read
PRINTED: dict[str, Callable[[], tuple[tuple[Project, ...], tuple[Project, ...]]]] = {
    **forms.PRINTED,
    "overall_adjusted.pdf": lambda: ((OA,), (replace(OA, rate="79.00%"),)),
    "weight_in_header.pdf": lambda: ((WH,), (replace(WH, executed=304.0, rate="40.00%", score=10),)),
    "placeholders.pdf": lambda: ((PH,), (replace(PH, bump=3.0),)),
    "colon_labels.pdf": lambda: (CL, (replace(CL[0], bump=-2.0), CL[1])),
    "execution_line.pdf": lambda: ((ES,), (spent_nothing(ES),)),
    "continued_same_title.pdf": forms.PRINTED["continued.pdf"],
    "score_and_grade.pdf": lambda: ((TL,), (spent_nothing(TL),)),
}


def printed(name: str, broken: bool = False) -> tuple[Project, ...]:
    """The projects file `name` prints (its broken copy: with the planted defect)."""
    whole, spoilt = PRINTED[name]()
    return spoilt if broken else whole


VARIANTS: dict[str, Variant] = {
    "adjusted_actual.pdf": Variant(forms.adjusted_actual, DOC_TITLE),
    "no_rate.pdf": Variant(forms.no_rate, DOC_TITLE),
    "rate_misprinted.pdf": Variant(forms.rate_misprinted, DOC_TITLE, STYLE_OTHER),
    "grade_only.pdf": Variant(forms.grade_only, DOC_TITLE),
    "operators.pdf": Variant(forms.operators, DOC_TITLE),
    "continued.pdf": Variant(forms.continued, DOC_TITLE),
    "two_per_page.pdf": Variant(forms.two_per_page, DOC_TITLE),
    "overall_adjusted.pdf": Variant(overall_adjusted, "2023年度部门整体支出绩效自评表"),
    "weight_in_header.pdf": Variant(weight_in_header, DOC_TITLE, STYLE_OTHER),
    "list_adjusted.pdf": Variant(list_adjusted, DOC_TITLE),
    "placeholders.pdf": Variant(placeholders, DOC_TITLE),
    "colon_labels.pdf": Variant(colon_labels, DOC_TITLE),
    "execution_line.pdf": Variant(execution_line, DOC_TITLE),
    "list_by_unit.pdf": Variant(list_by_unit, DOC_TITLE, STYLE_OTHER),
    "points_suffix.pdf": Variant(forms.points_suffix, DOC_TITLE),
    "two_row_header.pdf": Variant(forms.two_row_header, DOC_TITLE, STYLE_OTHER),
    "continued_same_title.pdf": Variant(partial(forms.continued, again="项目支出绩效自评表"), DOC_TITLE, STYLE_OTHER),
    "score_and_grade.pdf": Variant(score_and_grade, DOC_TITLE),
    "indicators_apart.pdf": Variant(forms.indicators_apart, DOC_TITLE),
}

FULL_LOW = ("full_score_low_execution", "high_total_low_execution")
# file → rule → the projects its broken copy should be flagged for (the whole copies raise nothing)
PLANTED: dict[str, dict[str, tuple[str, ...]]] = {
    "adjusted_actual.pdf": {rule: (forms.AA.name,) for rule in FULL_LOW},
    "no_rate.pdf": {"total_score_mismatch": (forms.NR.name,)},
    "rate_misprinted.pdf": {"exec_rate_misreported": (forms.RM.name,)},
    "grade_only.pdf": {"full_score_low_execution": (forms.GO.name,)},  # no 总分: nothing for high_total_low_execution
    "operators.pdf": {"indicator_unmet_full_score": (forms.OP.name,)},
    "continued.pdf": {"total_score_mismatch": (forms.CT.name,)},
    "two_per_page.pdf": {rule: (forms.TP[1].name,) for rule in FULL_LOW},
    "overall_adjusted.pdf": {"exec_rate_misreported": (OVERALL,)},
    "weight_in_header.pdf": {rule: (WH.name,) for rule in FULL_LOW},
    "list_adjusted.pdf": {"high_total_low_execution": (LA_ANOMALY,)},
    "placeholders.pdf": {"total_score_mismatch": (PH.name,)},
    "colon_labels.pdf": {"total_score_mismatch": (CL[0].name,)},
    "execution_line.pdf": {rule: (ES.name,) for rule in FULL_LOW},
    "list_by_unit.pdf": {"high_total_low_execution": (LU_ANOMALY,)},
    "points_suffix.pdf": {"total_score_mismatch": (forms.PS.name,)},
    "two_row_header.pdf": {rule: (forms.TH.name,) for rule in FULL_LOW},
    "continued_same_title.pdf": {"total_score_mismatch": (forms.CT.name,)},
    "score_and_grade.pdf": {rule: (TL.name,) for rule in FULL_LOW},
    "indicators_apart.pdf": {rule: (forms.IA.name,) for rule in FULL_LOW},
}


def _list_project(line: tuple[str, float, float, float, float, str]) -> dict[str, float | str | None]:
    _n, a, b, c, s, gr = line
    return {"budget_initial": a, "budget_full_year": b, "executed": c,
            "exec_rate_reported": round(float(f"{c / b * 100:.2f}") / 100, 6), "exec_weight": None,
            "exec_score": None, "total_score": s, "grade": gr}


def drawn(name: str, broken: bool = False) -> dict[str, tuple[dict[str, float | str | None], tuple[Ind, ...]]]:
    """project → (its projects row, its indicators) as file `name` (or its broken copy) prints them."""
    if name == "list_adjusted.pdf":
        return {line[0]: ({**_list_project(line), "project_code": la_code(k)}, ())
                for k, line in enumerate(list_lines(broken), start=1)}
    if name == "list_by_unit.pdf":
        return {n: ({"budget_initial": None, "budget_full_year": b, "executed": c,
                     "exec_rate_reported": round(float(f"{c / b * 100:.2f}") / 100, 6), "exec_weight": None,
                     "exec_score": None, "total_score": s, "grade": None, "implementing_unit": u}, ())
                for u, lines in unit_lines(broken) for n, b, c, s in lines}
    return {p.name: (p.expected(), p.indicators) for p in printed(name, broken)}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_selfeval_twelfth"),
                      broken=True).values():
        print(path)
