"""More forms of the fifteenth round (samplegen/variants_selfeval_fifteenth.py holds the catalogue): 广东, amounts in
元 and the 执行率 with a full-width ％; 甘肃, a 部门整体 form whose funds block breaks the total down by spending
(基本支出 | 项目支出 lines with amounts under the columns) before its 其中 fund lines; 湖北, a 部门整体 form listing
its projects under 项目支出 (其中：困难群众救助资金 …), no fund line among them; 海南, the 执行率 a fraction (0.9)
and the execution scored as an indicator line (预算执行率 | 分值 10 | 得分 computed), no 分值 / 得分 in the funds block;
宁夏, a funds header over two rows (资金情况（万元） over 年初预算数 | 全年预算数 | 全年执行数, 执行情况 over 执行率 |
分值 | 得分); 陕西, two projects one under another on one page, the second's indicators going on over the page with no
header."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .layout import Block, Grid, Span
from .variants_selfeval_fifteenth_forms import HEAD, OVERALL, Funds, _overall, figures, sheet
from .variants_selfeval_fourteenth_forms import Drawn, grid_of, nothing_spent
from .variants_selfeval_twelfth_forms import Ind, Project, g, indicator_rows

# ---------------------------------------------------------------- G: 广东, 元, 执行率 with ％
GD_AGENCY = "佛山市南海区卫生健康局"
_GD = Project("家庭医生签约服务补助", 356.0, 372.5, 353.875, "95.00％", 10, 9.5, (
    Ind("产出指标", "数量指标", "签约服务人数", "≥18万人", "18.6万人", 20, 20),
    Ind("产出指标", "质量指标", "重点人群签约率", "≥75%", "77.2%", 20, 20),
    Ind("效益指标", "社会效益指标", "签约居民续约率", "≥80%", "83%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "签约居民满意度", "≥90%", "92%", 30, 30)))
GD = Funds(_GD, (("其中：财政拨款", (336.0, 352.5, 334.875)), ("其他资金", (20.0, 20.0, 19.0))), unit="元")


def yuan(broken: bool = False) -> list[Block]:
    """项目资金（元）, amounts like 3,525,000.00, the 执行率 95.00％; broken: nothing spent (0.00％), scored in full."""
    (d,) = printed("guangdong_yuan.pdf", broken)
    return [sheet(grid_of(d, GD_AGENCY, HEAD, figures(d)), unit="元")]


# ---------------------------------------------------------------- H: 甘肃, 部门整体, spending lines before fund lines
GS_AGENCY = "兰州市城关区审计局"
GS = Funds(Project(OVERALL, 1520.0, 1580.0, 1516.8, "96.00%", 10, 9.6, (
    Ind("产出指标", "数量指标", "完成审计项目", "≥36个", "38个", 20, 20),
    Ind("产出指标", "质量指标", "审计报告复核通过率", "100%", "100%", 20, 20),
    Ind("产出指标", "时效指标", "审计项目按计划完成率", "≥95%", "97%", 10, 10),
    Ind("效益指标", "经济效益指标", "促进增收节支", "≥3000万元", "3260万元", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "被审计单位满意度", "≥90%", "93%", 20, 20))),
    (("其中：当年财政拨款", (1500.0, 1560.0, 1497.6)), ("上年结转资金", (None, None, None)),
     ("其他资金", (20.0, 20.0, 19.2))))
GS_SPENDING = (("基本支出", (1180.0, 1200.0, 1188.0)), ("项目支出", (340.0, 380.0, 328.8)))


def spending_lines(broken: bool = False) -> list[Block]:
    """年度资金总额, then 按支出性质分 lines 基本支出 | 项目支出 (amounts under the columns), then the 其中 fund lines;
    broken: the 执行率 printed 86.00 % (96 % is what 执行数 / 预算数 makes)."""
    (d,) = printed("gansu_spending_lines.pdf", broken)
    spending = tuple((label, *(d.amount(x) for x in amounts), "", "", "") for label, amounts in GS_SPENDING)
    grid = grid_of(d, GS_AGENCY, HEAD, figures(d), lines=(*spending, *d.line_rows(len(HEAD))))
    return [sheet(_overall(grid, GS_AGENCY), title="部门整体支出绩效自评表")]


# ---------------------------------------------------------------- H2: 湖北, 部门整体, its projects as lines
HB_AGENCY = "襄阳市樊城区民政局"
HB = Funds(Project(OVERALL, 2360.0, 2480.0, 2380.8, "96.00%", 10, 9.6, (
    Ind("产出指标", "数量指标", "城乡低保保障人数", "≥8600人", "8712人", 20, 20),
    Ind("产出指标", "质量指标", "救助资金发放准确率", "100%", "100%", 20, 20),
    Ind("产出指标", "时效指标", "救助资金按月发放", "按期完成", "按期完成", 10, 10),
    Ind("效益指标", "社会效益指标", "困难群众基本生活", "有效保障", "有效保障", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "95%", 20, 20))), ())
HB_LINES = (("基本支出", (860.0, 880.0, 871.2)), ("项目支出", (1500.0, 1600.0, 1509.6)),
            ("其中：困难群众救助资金", (1100.0, 1180.0, 1121.0)), ("养老服务补贴", (300.0, 320.0, 304.0)),
            ("社区治理经费", (100.0, 100.0, 84.6)))


def project_lines(broken: bool = False) -> list[Block]:
    """年度资金总额, then 基本支出 | 项目支出 and, under 项目支出, its projects one a line (其中：困难群众救助资金 |
    养老服务补贴 | 社区治理经费): no fund line among them, nothing stored; broken: nothing spent, scored in full."""
    (d,) = printed("hubei_project_lines.pdf", broken)
    spent = d.p.executed > 0
    lines = tuple((label, *(d.amount(x if spent or x is None or k < 2 else 0.0) for k, x in enumerate(amounts)),
                   "", "", "") for label, amounts in HB_LINES)
    grid = grid_of(d, HB_AGENCY, HEAD, figures(d), lines=lines)
    return [sheet(_overall(grid, HB_AGENCY), title="部门整体支出绩效自评表")]


# ---------------------------------------------------------------- I: 海南, the execution scored as an indicator line
HI_AGENCY = "海口市美兰区农业农村局"
_HI = Project("热带特色高效农业发展资金", 600.0, 640.0, 576.0, "0.9", 10, 9, (
    Ind("产出指标", "数量指标", "扶持农业经营主体", "≥45家", "47家", 20, 20),
    Ind("产出指标", "质量指标", "项目验收合格率", "100%", "100%", 20, 20),
    Ind("效益指标", "经济效益指标", "带动农户增收", "≥1500元/户", "1620元/户", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "94%", 30, 30)))
HI = Funds(_HI, (("其中：财政拨款", (600.0, 640.0, 576.0)), ("其他资金", (None, None, None))))


def exec_indicator(broken: bool = False) -> list[Block]:
    """Funds block 年初预算数 | 全年预算数 | 全年执行数 | 执行率 (0.9, a fraction), no 分值 or 得分; the execution
    scored as the first indicator line (预算执行 | 预算执行率 | 100% | <执行率> | 10 | <得分>); broken: nothing spent,
    the line still scored 10 of 10."""
    (d,) = printed("hainan_exec_indicator.pdf", broken)
    p = d.p
    rate = f"{float(p.rate or 0) * 100:g}%"
    rows = [("预算执行", "预算执行率", "预算执行率", "100%", rate, g(p.weight), g(p.score), ""), *indicator_rows(p)]
    head = ("年初预算数", "全年预算数", "全年执行数", "执行率")
    grid = grid_of(d, HI_AGENCY, head, (*d.totals(), p.rate or ""), indicators=rows)
    return [sheet(grid)]


# ---------------------------------------------------------------- K: 宁夏, the funds header over two rows
NX_AGENCY = "银川市兴庆区水务局"
_NX = Project("城市供水管网维护经费", 420.0, 450.0, 441.0, "98.00%", 10, 9.8, (
    Ind("产出指标", "数量指标", "维护供水管网长度", "≥260公里", "268公里", 20, 20),
    Ind("产出指标", "质量指标", "管网漏损率", "≤9%", "8.6%", 20, 20),
    Ind("效益指标", "社会效益指标", "供水保障率", "≥99%", "99.5%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "用水户满意度", "≥90%", "93%", 30, 30)))
NX = Funds(_NX, (("其中：当年财政拨款", (420.0, 450.0, 441.0)), ("其他资金", (None, None, None))))


def two_row_head(broken: bool = False) -> list[Block]:
    """资金情况（万元） merged over 年初预算数 | 全年预算数 | 全年执行数 and 执行情况 over 执行率 | 分值 | 得分 (the
    words in two rows); broken: 执行数 468 over a 全年预算数 of 450 (执行率 104.00 %)."""
    (d,) = printed("ningxia_two_row_head.pdf", broken)
    grid = grid_of(d, NX_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"),
                   (*d.totals(), d.p.rate or "", g(d.p.weight), g(d.p.score)))
    at = next(i for i, r in enumerate(grid.rows) if r[2] == "年初预算数")
    grid.rows.insert(at, ["", "", "资金情况（万元）", "", "", "执行情况", "", ""])
    # the 项目资金 label merged down the new row too; every merge under it one row lower
    grid.spans = [replace(s, rows=s.rows + 1) if (s.row, s.col) == (at, 0) else
                  replace(s, row=s.row + 1) if s.row >= at else s for s in grid.spans]
    grid.spans += [Span(at, 2, 1, 3, "header"), Span(at, 5, 1, 3, "header")]
    return [sheet(grid)]


# ---------------------------------------------------------------- L: 陕西, two projects, the second going on overleaf
SN_AGENCY = "西安市碑林区民政局"
_SN = (Project("居家养老服务补贴", 380.0, 380.0, 364.8, "96.00%", 10, 9.6, (
    Ind("产出指标", "数量指标", "享受补贴老年人", "≥5200人", "5368人", 30, 30),
    Ind("产出指标", "时效指标", "补贴按月发放率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "居家养老服务覆盖率", "≥85%", "88%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "95%", 20, 20))),
    Project("社区养老服务设施建设", 500.0, 520.0, 494.0, "95.00%", 10, 9.5, (
        Ind("产出指标", "数量指标", "新建社区养老服务站", "≥8个", "8个", 10, 10),
        Ind("产出指标", "数量指标", "改造提升日间照料中心", "≥6个", "6个", 10, 10),
        Ind("产出指标", "质量指标", "设施验收合格率", "100%", "100%", 10, 10),
        Ind("产出指标", "时效指标", "设施建成时间", "2023年11月底前", "2023年11月", 10, 10),
        Ind("产出指标", "成本指标", "单个服务站建设成本", "≤40万元", "38.5万元", 10, 10),
        Ind("效益指标", "社会效益指标", "社区养老服务覆盖率", "≥90%", "92%", 10, 10),
        Ind("效益指标", "可持续影响指标", "设施运营年限", "≥10年", "10年", 10, 10),
        Ind("满意度指标", "服务对象满意度指标", "入住老人满意度", "≥90%", "94%", 10, 10),
        Ind("满意度指标", "服务对象满意度指标", "社区居民满意度", "≥90%", "91%", 10, 10))))
SN = tuple(Funds(p, (("其中：财政拨款", (p.initial, p.budget, p.executed)), ("其他资金", (None, None, None))))
           for p in _SN)
SN_FIRST_PAGE = 5  # rows of the second form's indicators printed under the first form, the rest overleaf


def two_forms_overleaf(broken: bool = False) -> list[Block]:
    """Two forms one under another in one ruled table, the second's indicators going on at the top of the next page
    with no header and no title; broken: the second project spent nothing, scored in full."""
    forms = printed("shaanxi_two_forms.pdf", broken)
    grids = [grid_of(d, SN_AGENCY, HEAD, figures(d)) for d in forms]
    rows = grids[0].rows + grids[1].rows
    spans = grids[0].spans + [replace(s, row=s.row + len(grids[0].rows)) for s in grids[1].spans]
    cut = next(i for i, r in enumerate(rows) if r[0] == "一级指标" and i > len(grids[0].rows)) + 1 + SN_FIRST_PAGE
    return [sheet(Grid(rows, grids[0].widths, 0, spans), page_rows=[cut, len(rows) - cut])]


# ---------------------------------------------------------------- each variant's projects: whole, broken
def _rate(d: Funds, rate: str) -> Funds:
    return replace(d, p=replace(d.p, rate=rate))


def _over(d: Funds, executed: float, rate: str) -> Funds:
    """执行数 `executed` over the 全年预算数 (the lines' too), the 执行率 printed `rate`."""
    lines = tuple((label, (a, b, executed if c is not None and "财政" in label else c)) for label, (a, b, c) in d.lines)
    return replace(d, p=replace(d.p, executed=executed, rate=rate), lines=lines)


PRINTED: dict[str, Callable[[], tuple[tuple[Drawn, ...], tuple[Drawn, ...]]]] = {
    "guangdong_yuan.pdf": lambda: ((GD,), (nothing_spent(GD, "0.00％"),)),
    "gansu_spending_lines.pdf": lambda: ((GS,), (_rate(GS, "86.00%"),)),
    "hainan_exec_indicator.pdf": lambda: ((HI,), (nothing_spent(HI, "0"),)),
    "hubei_project_lines.pdf": lambda: ((HB,), (nothing_spent(HB),)),
    "ningxia_two_row_head.pdf": lambda: ((NX,), (_over(NX, 468.0, "104.00%"),)),
    "shaanxi_two_forms.pdf": lambda: (SN, (SN[0], nothing_spent(SN[1]))),
}
BUILDERS: dict[str, Callable[..., list[Block]]] = {
    "guangdong_yuan.pdf": yuan, "gansu_spending_lines.pdf": spending_lines,
    "hainan_exec_indicator.pdf": exec_indicator, "ningxia_two_row_head.pdf": two_row_head,
    "hubei_project_lines.pdf": project_lines,
    "shaanxi_two_forms.pdf": two_forms_overleaf}
FULL_LOW = ("full_score_low_execution", "high_total_low_execution")
PLANTED: dict[str, dict[str, tuple[str, ...]]] = {
    "guangdong_yuan.pdf": {rule: (GD.p.name,) for rule in FULL_LOW},
    "gansu_spending_lines.pdf": {"exec_rate_misreported": (OVERALL,)},
    "hainan_exec_indicator.pdf": {rule: (HI.p.name,) for rule in FULL_LOW},
    "hubei_project_lines.pdf": {rule: (OVERALL,) for rule in FULL_LOW},
    "ningxia_two_row_head.pdf": {"exec_exceeds_budget": (NX.p.name,)},
    "shaanxi_two_forms.pdf": {rule: (SN[1].p.name,) for rule in FULL_LOW},
}


def printed(name: str, broken: bool = False) -> tuple[Drawn, ...]:
    """The projects file `name` prints (its broken copy: with the planted defect)."""
    whole, spoilt = PRINTED[name]()
    return spoilt if broken else whole

