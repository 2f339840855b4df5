"""Self-evaluation files in the layouts the seeds do not show: provincial (四川) and (A)/(B) (山东 威海).

Invented but realistic figures, chosen so that the anomaly rules have cases to catch:
in the provincial file one project is 0% executed and scored 0 for execution (no
full_score_low_execution), one executed more than its 调整后预算数 (exec_exceeds_budget),
the others are normal; a 权重 wraps as "预算执\\n行率" and a rate as "95.50\\n%", and the
first project's indicators continue on a second page without a header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from reportlab.lib.pagesizes import A4, landscape

from .forms import indicator_block
from .layout import Block, Cover, Grid, Heading, Para, Span, TableBlock
from .styles import STYLE_A, Style

# Forms continue on a page without their title (a repeated title would start a new form).
PROVINCIAL_STYLE: Style = replace(STYLE_A, name="provincial", pagesize=landscape(A4), repeat_title=False, seed_breaks=True)
AB_STYLE: Style = replace(STYLE_A, name="ab", repeat_title=False, seed_breaks=True)


@dataclass
class Measure:
    """One indicator row: labels, target, actual, weight, score, reason."""

    level1: str
    level2: str
    name: str
    nature: str  # ≥ ≤ = 定性 (provincial); unused in the (A)/(B) layout
    target: str
    unit: str
    actual: str
    weight: str
    score: str
    reason: str = ""


@dataclass
class Project:
    """A project's form: code-prefixed name, funds lines, goals, indicators, total."""

    name: str
    unit: str
    funds: list[list[str]]  # label + 年初 / 调整后(A) / 执行(B) / 执行率 / 权重 / 得分 [/ 原因]
    goal: str
    achieved: str
    measures: list[Measure]
    total: tuple[str, str]
    break_after: int | None = None  # indicator index after which the page breaks
    grade: str = ""


# ---------------------------------------------------------------- provincial (四川省)

SC_AGENCY = "四川省大数据中心"
SC_TITLE = "四川省大数据中心2023年度项目支出绩效自评表"
SC_CODE = "51000022T0000049132"


def _m(*cells: str) -> Measure:
    return Measure(*cells)


SC_PROJECTS: list[Project] = [
    Project(
        f"{SC_CODE}52-全省视频会议系统", SC_AGENCY,
        [["总额", "320.00", "320.00", "305.60", "95.50%", "10", "9.55", "部分终端维保费用年末未结算"],
         ["其中：财政资金", "320.00", "320.00", "305.60", "", "", "", ""],
         ["财政专户管理资金", "", "", "", "", "", "", ""],
         ["单位资金", "", "", "", "", "", "", ""],
         ["其他资金", "", "", "", "", "", "", ""]],
        "保障省委、省政府及省直部门至市（州）、县（市、区）视频会议稳定运行，全年会议保障成功率不低于99%，"
        "故障响应时间不超过30分钟，降低会议组织成本。",
        "全年保障各级视频会议326场次，接入终端2315个，会议保障成功率99.8%，系统可用率99.9%，"
        "未发生重大会议保障事故；部分市州终端设备老化，音视频质量仍有投诉。",
        [
            _m("产出指标", "数量指标", "保障省市县三级视频会议场次", "≥", "300", "场次", "326", "10", "10"),
            _m("产出指标", "数量指标", "接入视频会议终端数量", "≥", "2200", "个", "2315", "5", "5"),
            _m("产出指标", "数量指标", "系统巡检次数", "≥", "12", "次", "12", "5", "5"),
            _m("产出指标", "质量指标", "会议保障成功率", "≥", "99", "%", "99.8", "10", "10"),
            _m("产出指标", "质量指标", "系统可用率", "≥", "99.5", "%", "99.9", "5", "5"),
            _m("产出指标", "时效指标", "故障响应时间", "≤", "30", "分钟", "15", "5", "5"),
            _m("产出指标", "时效指标", "重要会议提前调试完成", "定性", "按时完成", "", "按时完成", "5", "5"),
            _m("产出指标", "成本指标", "运维服务单价", "≤", "2.8", "万元/月", "2.6", "5", "5"),
            _m("效益指标", "经济效益指标", "节约会议组织成本", "≥", "1500", "万元", "1620", "5", "5"),
            _m("效益指标", "社会效益指标", "减少参会人员差旅", "定性", "有效减少", "", "有效减少", "10", "10"),
            _m("效益指标", "社会效益指标", "跨层级协同办公效率", "定性", "明显提升", "", "明显提升", "5", "5"),
            _m("效益指标", "可持续影响指标", "视频会议系统持续稳定运行", "定性", "长期", "", "长期", "10", "10"),
            _m("满意度指标", "服务对象满意度指标", "参会单位满意度", "≥", "95", "%", "97.3", "10", "8",
               "部分市州终端老化，音视频质量投诉2起，已列入2024年更新计划"),
        ],
        ("100", "97.55"),
        break_after=6,
    ),
    Project(
        f"{SC_CODE}67-政务云平台安全运维保障", SC_AGENCY,
        [["总额", "150.00", "150.00", "0.00", "0.00%", "10", "0", "政府采购流程延期，合同未签订，资金未支付"],
         ["其中：财政资金", "150.00", "150.00", "0.00", "", "", "", ""],
         ["财政专户管理资金", "", "", "", "", "", "", ""],
         ["单位资金", "", "", "", "", "", "", ""],
         ["其他资金", "", "", "", "", "", "", ""]],
        "购买政务云平台安全运维服务，全年开展安全巡检不少于12次，安全事件处置率100%，保障省级政务云平台安全稳定运行。",
        "因采购需求论证调整，运维服务政府采购于年末方完成招标，合同未签订，资金未支付；中心自行开展安全巡检6次，未发生重大安全事故。",
        [
            _m("产出指标", "数量指标", "云平台安全巡检次数", "≥", "12", "次", "6", "10", "5", "运维合同未签订，仅完成自行巡检"),
            _m("产出指标", "质量指标", "安全事件处置率", "=", "100", "%", "100", "10", "10"),
            _m("产出指标", "时效指标", "运维服务采购完成时间", "定性", "2023年9月底前", "", "未完成", "10", "0", "采购流程延期至2024年"),
            _m("产出指标", "成本指标", "运维服务费用", "≤", "150", "万元", "0", "10", "10"),
            _m("效益指标", "社会效益指标", "政务云平台重大安全事故", "=", "0", "起", "0", "20", "20"),
            _m("效益指标", "可持续影响指标", "安全防护能力", "定性", "稳步提升", "", "基本保持", "15", "10", "运维服务未到位"),
            _m("满意度指标", "服务对象满意度指标", "上云部门满意度", "≥", "90", "%", "92", "15", "15"),
        ],
        ("100", "70"),
    ),
    Project(
        f"{SC_CODE}81-数字政府网络安全运营服务", SC_AGENCY,
        [["总额", "180.00", "200.00", "236.80", "118.40%", "10", "10", "追加等保测评服务，超出部分由单位资金支付"],
         ["其中：财政资金", "180.00", "200.00", "200.00", "", "", "", ""],
         ["财政专户管理资金", "", "", "", "", "", "", ""],
         ["单位资金", "", "", "36.80", "", "", "", ""],
         ["其他资金", "", "", "", "", "", "", ""]],
        "对接入省级电子政务外网的政务信息系统开展7×24小时安全监测和应急处置，高危漏洞修复率不低于95%。",
        "监测政务信息系统136个，高危漏洞修复率98.6%，安全事件平均响应时间1.5小时；年中追加等级保护测评服务，支出超出预算。",
        [
            _m("产出指标", "数量指标", "安全监测覆盖政务系统数", "≥", "120", "个", "136", "15", "15"),
            _m("产出指标", "质量指标", "高危漏洞修复率", "≥", "95", "%", "98.6", "15", "15"),
            _m("产出指标", "时效指标", "安全事件平均响应时间", "≤", "2", "小时", "1.5", "10", "10"),
            _m("产出指标", "成本指标", "服务费用", "≤", "200", "万元", "236.8", "10", "8", "追加等保测评，超出预算"),
            _m("效益指标", "社会效益指标", "政务网络安全态势", "定性", "持续向好", "", "持续向好", "20", "20"),
            _m("满意度指标", "服务对象满意度指标", "接入单位满意度", "≥", "90", "%", "95", "20", "20"),
        ],
        ("100", "98"),
    ),
    Project(
        f"{SC_CODE}90-省级政务数据共享交换平台运维", SC_AGENCY,
        [["总额", "260.00", "245.50", "245.50", "100.00%", "10", "10", ""],
         ["其中：财政资金", "200.00", "185.50", "185.50", "", "", "", ""],
         ["财政专户管理资金", "", "", "", "", "", "", ""],
         ["单位资金", "", "", "", "", "", "", ""],
         ["其他资金", "60.00", "60.00", "60.00", "", "", "", ""]],
        "保障省级政务数据共享交换平台稳定运行，全年共享交换数据不少于50亿条，平台可用率不低于99.9%。",
        "全年共享交换数据63.2亿条，平台可用率99.95%，支撑“一网通办”事项912项，数据共享申请平均3个工作日办结。",
        [
            _m("产出指标", "数量指标", "共享交换数据量", "≥", "50", "亿条", "63.2", "20", "20"),
            _m("产出指标", "质量指标", "平台可用率", "≥", "99.9", "%", "99.95", "20", "20"),
            _m("产出指标", "时效指标", "数据共享申请办结时限", "≤", "5", "工作日", "3", "10", "10"),
            _m("效益指标", "社会效益指标", "支撑“一网通办”事项数", "≥", "800", "项", "912", "20", "20"),
            _m("满意度指标", "服务对象满意度指标", "使用部门满意度", "≥", "90", "%", "96", "20", "20"),
        ],
        ("100", "100"),
    ),
]

# 11 columns: label | 一级 | 二级 | 三级 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析.
# The funds lines reuse them: label | line label (2) | 年初 | 调整后 | 执行数 | 执行率 | 权重 | 得分 | 原因 (2);
# column 6 is narrow so that "预算执行率" wraps as 预算执/行率 and "95.50%" as 95.50/%.
SC_WIDTHS = [40, 55, 62, 150, 34, 62, 30, 62, 34, 34, 199]


def provincial_table(p: Project) -> TableBlock:
    """One provincial 项目支出绩效自评表: funds by source, 指标性质/度量单位 columns, 合计 last."""
    rows = [
        ["项目名称", p.name] + [""] * 9,
        ["主管部门", SC_AGENCY, "", "", "", "实施单位", "", p.unit, "", "", ""],
        ["项目资金\n（万元）", "", "", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因", ""],
    ]
    spans = [Span(0, 1, 1, 10), Span(1, 1, 1, 4), Span(1, 5, 1, 2), Span(1, 7, 1, 4),
             Span(2, 0, 1 + len(p.funds), 1, "label"), Span(2, 1, 1, 2), Span(2, 9, 1, 2)]
    for f in p.funds:
        spans += [Span(len(rows), 1, 1, 2), Span(len(rows), 9, 1, 2)]
        rows.append(["", f[0], ""] + f[1:8] + [""])
    g = len(rows)
    rows.append(["年度总体目标", "预期目标", "", "", "", "", "实际完成目标", "", "", "", ""])
    rows.append(["", p.goal, "", "", "", "", p.achieved, "", "", "", ""])
    spans += [Span(g, 0, 2, 1), Span(g, 1, 1, 5), Span(g, 6, 1, 5), Span(g + 1, 1, 1, 5), Span(g + 1, 6, 1, 5)]
    top = indicator_block(
        rows, spans, ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
                      "未完成原因分析"],
        [["", m.level1, m.level2, m.name, m.nature, m.target, m.unit, m.actual, m.weight, m.score, m.reason]
         for m in p.measures],
        ["合计", "", "", "", "", "", "", "", p.total[0], p.total[1], ""], 8, label_column=True, kind="label") - 1
    align = ["c", "c", "c", "l", "c", "c", "c", "c", "c", "c", "l"]
    grid = Grid(rows, SC_WIDTHS, 0, spans, align)
    grid.align_at.update({(r, c): "c" for r in range(2, g) for c in range(3, 9)})
    for c in (1, 6):
        grid.align_at[(g + 1, c)] = "l"
    breaks = [top + 1 + p.break_after + 1] if p.break_after is not None else []
    return TableBlock("项目支出绩效自评表", grid, dept=SC_AGENCY, unit="万元", subtitle="（2023年度）", breaks=breaks)


def provincial_blocks() -> list[Block]:
    """Cover, a short note, one form per project."""
    out: list[Block] = [Cover(["四川省大数据中心", "2023年度项目支出", "绩效自评表"])]
    out += [
        Heading("关于2023年度项目支出绩效自评情况的说明", 1),
        Para("按照《四川省省级部门预算绩效自评管理办法》要求，我中心对2023年度实施的全部项目开展了绩效自评，"
             "自评范围包括全省视频会议系统、政务云平台安全运维保障等4个项目，涉及资金1036.00万元。"),
        Para("自评采用定量与定性相结合的方式，预算执行率权重10分，产出、效益和满意度指标合计90分。"
             "政务云平台安全运维保障项目因政府采购延期当年未支出，预算执行得分为0分。"),
    ]
    out += [provincial_table(p) for p in SC_PROJECTS]
    return out


# ---------------------------------------------------------------- (A)/(B) layout (山东省威海市)

AB_AGENCY = "威海市市场监督管理局"
AB_TITLE = "威海市市场监督管理局2023年度项目支出绩效自评表"
AB_WIDTHS = [9, 11, 11, 17, 12, 12, 6, 8, 14]  # narrow 执行率(B/A): "92.35%" wraps as in print

AB_PROJECTS: list[Project] = [
    Project(
        "食品安全抽检监测经费", AB_AGENCY,
        [["年度资金总额", "180", "172.5", "159.3", "10", "92.35%", "9.24"],
         ["其中：当年财政拨款", "180", "172.5", "159.3", "", "", ""],
         ["上年结转资金", "", "", "", "", "", ""],
         ["其他资金", "", "", "", "", "", ""]],
        "完成全市食品安全抽检监测4500批次以上，不合格食品核查处置及时率不低于95%，守住不发生区域性、系统性食品安全风险底线。",
        "全年完成食品安全抽检4862批次，评价性抽检合格率98.6%，不合格食品核查处置及时率97.8%。",
        [
            _m("产出指标", "数量指标", "食品安全抽检批次", "", "≥4500批次", "", "4862批次", "10", "10"),
            _m("产出指标", "质量指标", "抽检任务完成率", "", "100%", "", "100%", "10", "10"),
            _m("产出指标", "时效指标", "不合格食品核查处置及时率", "", "≥95%", "", "97.8%", "10", "10"),
            _m("产出指标", "成本指标", "单批次检验成本", "", "≤380元", "", "327.6元", "10", "10"),
            _m("效益指标", "社会效益指标", "食品安全评价性抽检合格率", "", "≥98%", "", "98.6%", "20", "20"),
            _m("效益指标", "可持续影响指标", "食品安全风险防控能力", "", "有效提升", "", "有效提升", "10", "10"),
            _m("满意度指标", "服务对象满意度指标", "群众食品安全满意度", "", "≥85%", "", "88.2%", "20", "19",
               "宣传覆盖面仍需扩大"),
        ],
        ("100", "98.24"),
        grade="优",
    ),
    Project(
        "特种设备安全监察经费", AB_AGENCY,
        [["年度资金总额", "60", "60", "41.2", "10", "68.67%", "6.87"],
         ["其中：当年财政拨款", "60", "60", "41.2", "", "", ""],
         ["上年结转资金", "", "", "", "", "", ""],
         ["其他资金", "", "", "", "", "", ""]],
        "对全市特种设备使用单位开展监督检查600家次以上，隐患整改完成率不低于95%，万台特种设备死亡率控制在0.2以下。",
        "全年监督检查645家次，隐患整改完成率96.4%，未发生较大以上特种设备事故；检测设备采购节约资金18.8万元。",
        [
            _m("产出指标", "数量指标", "特种设备监督检查家次", "", "≥600家次", "", "645家次", "15", "15"),
            _m("产出指标", "质量指标", "隐患整改完成率", "", "≥95%", "", "96.4%", "15", "15"),
            _m("产出指标", "时效指标", "检查任务完成时间", "", "2023年12月底前", "", "按时完成", "10", "10"),
            _m("效益指标", "社会效益指标", "万台特种设备死亡率", "", "≤0.2", "", "0", "20", "20"),
            _m("效益指标", "社会效益指标", "较大以上特种设备事故", "", "0起", "", "0起", "10", "10"),
            _m("满意度指标", "服务对象满意度指标", "使用单位满意度", "", "≥90%", "", "93%", "20", "20"),
        ],
        ("100", "96.87"),
        grade="优",
    ),
]


def ab_table(p: Project) -> TableBlock:
    """One (A)/(B)-layout 项目支出绩效自评表, with a 自评等级 line under 总分."""
    rows = [
        ["项目名称", p.name, "", "", "", "", "", "", ""],
        ["主管部门", AB_AGENCY, "", "", "实施单位", p.unit, "", "", ""],
        ["项目资金\n（万元）", "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分", ""],
    ]
    spans = [Span(0, 1, 1, 8), Span(1, 1, 1, 3), Span(1, 5, 1, 4), Span(2, 0, 1 + len(p.funds), 1, "label"),
             Span(2, 7, 1, 2)]
    for f in p.funds:
        spans.append(Span(len(rows), 7, 1, 2))
        rows.append([""] + f + [""])
    g = len(rows)
    rows.append(["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""])
    rows.append(["", p.goal, "", "", p.achieved, "", "", "", ""])
    spans += [Span(g, 0, 2, 1), Span(g, 1, 1, 3), Span(g, 4, 1, 5), Span(g + 1, 1, 1, 3), Span(g + 1, 4, 1, 5)]
    indicator_block(
        rows, spans, ["绩效指标", "一级指标", "二级指标", "三级指标", "年初预期目标", "实际完成指标值", "分值", "得分",
                      "偏差原因分析及改进措施"],
        [["", m.level1, m.level2, m.name, m.target, m.actual, m.weight, m.score, m.reason] for m in p.measures],
        ["总分", "", "", "", "", "", p.total[0], p.total[1], ""], 6, label_column=True, kind="label")
    rows.append(["自评等级", p.grade, "", "", "", "", "", "", ""])
    spans.append(Span(len(rows) - 1, 1, 1, 8))
    grid = Grid(rows, AB_WIDTHS, 0, spans, ["c", "c", "c", "l", "c", "c", "c", "c", "l"])
    grid.align_at.update({(r, c): "c" for r in range(2, g) for c in range(2, 8)})
    for c in (1, 4):
        grid.align_at[(g + 1, c)] = "l"
    return TableBlock("项目支出绩效自评表", grid, dept=AB_AGENCY, unit="万元", subtitle="（2023年度）")


def ab_blocks() -> list[Block]:
    """Cover and one form per project."""
    return [Cover(["威海市市场监督管理局", "2023年度项目支出", "绩效自评表"])] + [ab_table(p) for p in AB_PROJECTS]


@dataclass(frozen=True)
class Document:
    """A single-layout sample file."""

    title: str
    agency: str
    style: Style
    blocks: Callable[[], list[Block]]


DOCUMENTS: dict[str, Document] = {
    "sichuan_2023_selfeval_provincial.pdf": Document(SC_TITLE, SC_AGENCY, PROVINCIAL_STYLE, provincial_blocks),
    "ab_layout_selfeval.pdf": Document(AB_TITLE, AB_AGENCY, AB_STYLE, ab_blocks),
}
