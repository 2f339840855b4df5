"""Self-evaluation forms of the fifteenth round (samplegen/variants_selfeval_fifteenth.py holds the catalogue): 湖南
(永州), a 部门整体 form printing its fund lines inside label cells (按收入性质分：… | 其中：一般公共预算：…) beside
a spending breakdown (按支出性质分：基本支出：… | 项目支出：…); 山西, the 年度资金总额 and its 其中 lines in one
label cell; a 中央对地方转移支付区域绩效自评表 (转移支付（项目）名称, 全年预算数（A）| 全年执行数（B）|
执行率（B/A）, 中央补助 | 地方资金 | 其他资金 lines, no 分值 or 得分 anywhere; 内蒙古's scored, with a 总分); 重庆,
qualitative targets (达标, 按期完成) and a ceiling in 工作日; 江苏, the indicators' 分值 printed before their
年度指标值; 福建, a 总分 with a 自评等级 line under it. `PRINTED` holds each variant's whole and broken projects;
the projects are the fourteenth round's `Drawn` with their lines' kinds told by more words (`Funds`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import cast

from .layout import Block, Grid, Span
from .sheets import Sheet
from .variants_selfeval_fourteenth_forms import COLUMNS, Drawn, grid_of, nothing_spent
from .variants_selfeval_twelfth_forms import WIDTHS, Ind, Project, g, indicator_rows

HEAD = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
OVERALL = "部门整体支出"
# a line's kind by the words of its label, first match wins (as a reader of the form would tell them)
KINDS = (("结转", "carried_over"), ("其他", "other"), ("专户", "other"), ("财政", "fiscal"), ("一般公共预算", "fiscal"),
         ("政府性基金", "fiscal"), ("中央", "fiscal"), ("地方", "fiscal"))


@dataclass(frozen=True)
class Funds(Drawn):
    """A `Drawn` whose lines may be of any kind in `KINDS` (一般公共预算, 中央补助, 地方资金 …)."""

    def stored(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for label, amounts in self.lines:
            kind = next(k for word, k in KINDS if word in label)
            for column, x in zip(COLUMNS, amounts, strict=True):
                if x is not None:
                    key = f"{column}_{kind}"
                    out[key] = round(out.get(key, 0.0) + x, 6)
        return out


BLANK = cast(float, None)  # a 分值 or 得分 the form does not print


def sheet(grid: Grid, title: str = "项目支出绩效自评表", unit: str | None = "万元", **kw: object) -> Sheet:
    return Sheet(title, grid, dept=None, unit=unit, subtitle="（2023年度）", **kw)  # type: ignore[arg-type]


def figures(d: Drawn) -> tuple[str, ...]:
    """The total line under HEAD: 年初 | 全年 | 执行 | 分值 | 执行率 | 得分."""
    p = d.p
    return (*d.totals(), g(p.weight), p.rate or "", g(p.score))


def _overall(grid: Grid, agency: str) -> Grid:
    """A 部门整体 form: 部门名称 in place of 项目名称, no 主管部门 line."""
    grid.rows[0][:2] = ["部门名称", agency]
    del grid.rows[1]
    grid.spans = [replace(s, row=s.row - 1) if s.row > 1 else s for s in grid.spans if s.row != 1]
    return grid


# ---------------------------------------------------------------- A: 湖南, 部门整体, fund lines in label cells
HUN_AGENCY = "永州市冷水滩区医疗保障局"
HUN = Funds(Project(OVERALL, 1180.0, 1326.4, 1260.08, "95.00%", 10, 9.5, (
    Ind("产出指标", "数量指标", "参保人数", "≥46万人", "46.8万人", 20, 20),
    Ind("产出指标", "质量指标", "基金监管覆盖率", "100%", "100%", 15, 15),
    Ind("产出指标", "时效指标", "医保待遇按时结算率", "100%", "100%", 15, 15),
    Ind("效益指标", "社会效益指标", "医保基金运行", "平稳", "平稳", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "95%", 20, 20))),
    (("一般公共预算", (None, 1210.4, None)), ("政府性基金拨款", (None, None, None)),
     ("纳入专户管理的非税收入拨款", (None, None, None)), ("其他资金", (None, 116.0, None))))
HUN_SPENDING = (("基本支出", 846.4), ("项目支出", 480.0))


def _cell(label: str, x: float | None) -> str:
    return f"{label}：{'' if x is None else f'{x:,.2f}'}"


def income_nature(broken: bool = False) -> list[Block]:
    """Under the 年度资金总额 line, 按收入性质分：<its sum> over the cells 其中：一般公共预算：… | 政府性基金拨款： |
    纳入专户管理的非税收入拨款： | 其他资金：… (the 全年预算数 broken down), beside 按支出性质分：… | 其中：基本支出：… |
    项目支出：…, no amount under the columns; broken: 其他资金 printed 10 below what the 按收入性质分 holds."""
    (d,) = printed("hunan_income_nature.pdf", broken)
    incomes = [_cell("按收入性质分", d.p.budget)]
    incomes += [_cell(("其中：" if k == 0 else "") + label, b) for k, (label, (_a, b, _c)) in enumerate(d.lines)]
    spending = [_cell("按支出性质分", sum(x for _label, x in HUN_SPENDING))]
    spending += [_cell(("其中：" if k == 0 else "") + label, x) for k, (label, x) in enumerate(HUN_SPENDING)]
    spending += [""] * (len(incomes) - len(spending))
    lines = tuple((a, a, a, b, b, b, b) for a, b in zip(incomes, spending, strict=True))
    grid = grid_of(d, HUN_AGENCY, HEAD, figures(d), lines=lines, label="年度预算申请（万元）")
    first = next(i for i, r in enumerate(grid.rows) if r[1] == "年度资金总额") + 1
    grid.spans += [s for r in range(first, first + len(lines)) for s in (Span(r, 1, 1, 3), Span(r, 4, 1, 4))]
    return [sheet(_overall(grid, HUN_AGENCY), title="部门整体支出绩效自评表")]


# ---------------------------------------------------------------- B: 山西, the total and its lines in one label cell
SX_AGENCY = "太原市小店区农业农村局"
_SX = Project("农村人居环境整治项目", 1150.0, 1200.0, 1128.0, "94.00%", 10, 9.4, (
    Ind("产出指标", "数量指标", "改造农村户厕", "≥1800户", "1836户", 25, 25),
    Ind("产出指标", "质量指标", "户厕改造验收合格率", "≥95%", "97%", 20, 20),
    Ind("效益指标", "社会效益指标", "村庄生活垃圾有效处理率", "≥90%", "93%", 25, 25),
    Ind("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "92%", 20, 20)))
SX = Funds(_SX, (("财政拨款", (None, 1000.0, None)), ("其他资金", (None, 200.0, None))))


def one_cell(broken: bool = False) -> list[Block]:
    """The 年度资金总额 line's label cell holding 年度资金总额：1,200.00 其中：财政拨款：1,000.00 其他资金：200.00 (the
    全年预算数 broken down), the figures under the columns beside it; no line of its own under it."""
    (d,) = printed("shanxi_one_cell.pdf", broken)
    parts = [_cell(label, b) for label, (_a, b, _c) in d.lines]
    text = " ".join([_cell("年度资金总额", d.p.budget), "其中：" + parts[0], *parts[1:]])
    grid = grid_of(d, SX_AGENCY, HEAD, figures(d), lines=(), widths=[1.0, 2.0, 1.0, 1.0, 1.0, 0.6, 0.8, 1.6])
    at = next(i for i, r in enumerate(grid.rows) if r[1] == "年度资金总额")
    grid.rows[at][1] = text
    return [sheet(grid)]


# ---------------------------------------------------------------- C: 中央对地方转移支付区域绩效自评表, no scores
ZY_AGENCY = "湖北省宜昌市财政局"
ZY = Funds(Project("重点生态保护修复治理资金", None, 5000.0, 4650.0, "93.00%", BLANK, BLANK, (
    Ind("产出指标", "数量指标", "完成历史遗留矿山生态修复面积", "≥1200亩", "1236亩", BLANK, BLANK),
    Ind("产出指标", "质量指标", "修复工程验收合格率", "100%", "100%", BLANK, BLANK),
    Ind("产出指标", "时效指标", "项目开工率", "100%", "100%", BLANK, BLANK),
    Ind("效益指标", "生态效益指标", "修复区植被覆盖度", "≥60%", "63%", BLANK, BLANK),
    Ind("满意度指标", "服务对象满意度指标", "周边群众满意度", "≥90%", "93%", BLANK, BLANK)), scored=False),
    (("中央补助", (None, 3800.0, 3534.0)), ("地方资金", (None, 1000.0, 930.0)), ("其他资金", (None, 200.0, 186.0))))
ZY_HEAD = ("全年预算数（A）", "全年执行数（B）", "执行率（B/A）")
ZY_SCORES = ("分值", "得分")
ZY_IND = ("一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施")
ZY_GOALS = ("完成矿山生态修复，改善区域生态环境", "修复工程全部完工，生态环境明显改善")


def region_grid(d: Drawn, ministry: str, agency: str, goals: tuple[str, str], scored: bool = False) -> Grid:
    """The national 区域 form: 转移支付（项目）名称 | 中央主管部门 | 地方主管部门, 资金投入情况（万元） over 全年预算数（A）|
    全年执行数（B）| 执行率（B/A）(`scored`: | 分值 | 得分) with 年度资金总额 and its 其中 lines, 年度总体目标 as 预期目标 |
    目标实际完成情况, the indicators (`scored`: 分值 | 得分 before 未完成原因和改进措施, a 总分 line)."""
    p = d.p
    scores = ZY_SCORES if scored else ()
    n = 6 + len(scores)
    half = 3 + len(scores) // 2

    def pad(cells: list[str]) -> list[str]:
        return cells + [""] * (n - len(cells))

    rows = [pad(["转移支付（项目）名称", p.name]),
            pad(["中央主管部门", ministry, *[""] * (half - 2), "地方主管部门", agency]),
            pad(["资金投入情况（万元）", "", *ZY_HEAD, *scores]),
            pad(["", "年度资金总额", d.amount(p.budget), d.amount(p.executed), p.rate or "",
                 *((g(p.weight), g(p.score)) if scored else ())])]
    rows += [pad(["", ("其中：" if k == 0 else "") + label, d.amount(b), d.amount(c)])
             for k, (label, (_a, b, c)) in enumerate(d.lines)]
    at = len(rows)
    rows += [pad(["年度总体目标", "预期目标", *[""] * (half - 2), "目标实际完成情况"]),
             pad(["", goals[0], *[""] * (half - 2), goals[1]])]
    ind = len(rows)
    rows += [[*ZY_IND[:5], *scores, ZY_IND[5]]]
    rows += [[i.level1, i.level2, i.name, i.target, i.actual, *((g(i.weight), g(i.score)) if scored else ()), i.note]
             for i in p.indicators]
    spans = [Span(0, 1, 1, n - 1), Span(1, 1, 1, half - 1), Span(1, half + 1, 1, n - half - 1),
             Span(2, 0, 2 + len(d.lines), 1), Span(at, 0, 2, 1)]
    spans += [s for r in (at, at + 1) for s in (Span(r, 1, 1, half - 1), Span(r, half, 1, n - half))]
    spans += _merged_levels(rows, ind + 1)
    if scored:
        rows.append(pad(["总分", "", "", "", "", "100", g(p.total)]))
        spans.append(Span(len(rows) - 1, 0, 1, 5))
    widths = [1.3, 1.4, 2.0, 1.2, 1.2, *[0.6] * len(scores), 1.6]
    return Grid(rows, widths, 0, spans)


def transfer_region(broken: bool = False) -> list[Block]:
    """The 区域 form scoring nothing: no 分值, 得分 or 总分 anywhere; broken: 执行率 98.00%."""
    (d,) = printed("transfer_region.pdf", broken)
    return [sheet(region_grid(d, "生态环境部", ZY_AGENCY, ZY_GOALS), title="中央对地方转移支付区域绩效自评表")]


# ---------------------------------------------------------------- C2: 内蒙古, the 区域 form scored
NM_AGENCY = "内蒙古自治区赤峰市农牧局"
_NM = Project("农业生产发展资金", None, 3600.0, 3420.0, "95.00%", 10, 9.5, (
    Ind("产出指标", "数量指标", "耕地深松作业面积", "≥30万亩", "31.2万亩", 20, 20),
    Ind("产出指标", "质量指标", "作业质量抽检合格率", "≥95%", "97%", 20, 20),
    Ind("产出指标", "时效指标", "补助资金兑付", "按期完成", "按期完成", 10, 10),
    Ind("效益指标", "经济效益指标", "亩均增产", "≥30公斤", "34公斤", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "农牧民满意度", "≥90%", "94%", 20, 20)))
NM = Funds(_NM, (("中央补助", (None, 3000.0, 2850.0)), ("地方资金", (None, 600.0, 570.0))))
NM_GOALS = ("完成耕地深松和农机购置补贴任务，提高农业综合生产能力", "深松作业和补贴兑付全部完成，粮食产量稳定增长")


def region_scored(broken: bool = False) -> list[Block]:
    """The 区域 form with 分值 | 得分 columns and a 总分 line; broken: nothing spent, scored in full."""
    (d,) = printed("neimenggu_region_scored.pdf", broken)
    grid = region_grid(d, "农业农村部", NM_AGENCY, NM_GOALS, scored=True)
    return [sheet(grid, title="中央对地方转移支付区域绩效自评表")]


def _merged_levels(rows: list[list[str]], start: int) -> list[Span]:
    """一级 and 二级 labels merged down their runs (the label kept on the run's first line only)."""
    spans = []
    for col in (0, 1):
        k = start
        while k < len(rows):
            end = k + 1
            while end < len(rows) and rows[end][col] == rows[k][col] and (col == 0 or rows[end][0] == rows[k][0]):
                end += 1
            for r in range(k + 1, end):
                rows[r][col] = ""
            if end - k > 1:
                spans.append(Span(k, col, end - k, 1, "label"))
            k = end
    return spans


# ---------------------------------------------------------------- D: 重庆, qualitative targets and a ceiling in days
CQ_AGENCY = "重庆市渝中区市场监督管理局"
_CQ = Project("市场主体登记注册便利化经费", 260.0, 260.0, 247.0, "95.00%", 10, 9.5, (
    Ind("产出指标", "数量指标", "办理登记业务", "≥1.2万件", "1.26万件", 15, 15),
    Ind("产出指标", "质量指标", "登记材料规范率", "≥95%", "98%", 15, 15),
    Ind("产出指标", "质量指标", "档案数字化", "达标", "达标", 10, 10),
    Ind("产出指标", "时效指标", "企业开办时间", "≤ 3个工作日", "1.5个工作日", 10, 10),
    Ind("产出指标", "时效指标", "系统升级改造", "按期完成", "按期完成", 10, 10),
    Ind("效益指标", "社会效益指标", "营商环境评价登记指标", "100%", "100%", 10, 10),
    Ind("满意度指标", "服务对象满意度指标", "办事群众满意度", "≥90%", "96%", 20, 20)))
CQ = Funds(_CQ, (("其中：财政拨款", (260.0, 260.0, 247.0)),))
CQ_UNMET = "系统升级改造"


def qualitative(broken: bool = False) -> list[Block]:
    """Targets 达标, 按期完成, ≤ 3个工作日, ≥95%, 100%; broken: 系统升级改造 未完成, still scored 10 of 10."""
    (d,) = printed("chongqing_qualitative.pdf", broken)
    return [sheet(grid_of(d, CQ_AGENCY, HEAD, figures(d)))]


# ---------------------------------------------------------------- E: 江苏, 分值 before 年度指标值
JS_AGENCY = "苏州市姑苏区文化体育和旅游局"
_JS = Project("公共文化服务体系建设经费", 680.0, 700.0, 665.0, "95.00%", 10, 9.5, (
    Ind("产出指标", "数量指标", "开展公益文化活动场次", "≥360场", "372场", 20, 20),
    Ind("产出指标", "质量指标", "文化场馆免费开放率", "100%", "100%", 10, 10),
    Ind("产出指标", "时效指标", "活动申报审批时限", "≤ 10个工作日", "7个工作日", 10, 10),
    Ind("效益指标", "社会效益指标", "群众文化活动参与率", "≥98%", "98.6%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "94%", 30, 30)))
JS = Funds(_JS, (("其中：当年财政拨款", (640.0, 660.0, 627.0)), ("上年结转资金", (None, None, None)),
                 ("其他资金", (40.0, 40.0, 38.0))))
JS_UNMET = "群众文化活动参与率"
JS_IND = ("一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施")


def weight_first(broken: bool = False) -> list[Block]:
    """The indicator header 一级 | 二级 | 三级 | 分值 | 年度指标值 | 实际完成值 | 得分 | 偏差原因; broken: 群众文化活动
    参与率 96.5 % of ≥98 %, scored 20 of 20."""
    (d,) = printed("jiangsu_weight_first.pdf", broken)
    rows = [(r[0], r[1], r[2], r[5], r[3], r[4], r[6], r[7]) for r in indicator_rows(d.p)]
    total = ["总分", "", "", "100", "", "", g(d.p.total), ""]
    grid = grid_of(d, JS_AGENCY, HEAD, figures(d), ind_head=JS_IND, indicators=rows, total_line=total)
    last = len(grid.rows) - 1  # 总分 merged over the three levels only: its 100 under 分值
    grid.spans = [replace(s, cols=3) if (s.row, s.col) == (last, 0) else s for s in grid.spans]
    return [sheet(grid)]


# ---------------------------------------------------------------- F: 福建, 总分 and a 自评等级 line under it
FJ_AGENCY = "福州市鼓楼区教育局"
_FJ = Project("学前教育普惠性幼儿园奖补资金", 900.0, 950.0, 912.0, "96.00%", 10, 9.6, (
    Ind("产出指标", "数量指标", "奖补普惠性幼儿园", "≥28所", "29所", 20, 20),
    Ind("产出指标", "质量指标", "幼儿园办园行为督导合格率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "普惠性幼儿园覆盖率", "≥88%", "89.5%", 20, 19),
    Ind("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "93%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "园长满意度", "≥85%", "90%", 10, 10)), grade="优")
FJ = Funds(_FJ, (("其中：当年财政拨款", (900.0, 950.0, 912.0)), ("上年结转资金", (None, None, None)),
                 ("其他资金", (None, None, None))))
FJ_BUMP = 3.0


def grade_under_total(broken: bool = False) -> list[Block]:
    """The 总分 line, then 自评等级 | 优 on a line of its own (merged across); broken: 总分 3 above the sum."""
    (d,) = printed("fujian_grade_line.pdf", broken)
    grid = grid_of(d, FJ_AGENCY, HEAD, figures(d))
    n = len(WIDTHS)
    grid.rows.append(["自评等级", "", "", "", "", str(d.p.grade), *[""] * (n - 6)])
    grid.spans += [Span(len(grid.rows) - 1, 0, 1, 5), Span(len(grid.rows) - 1, 5, 1, n - 5)]
    return [sheet(grid)]


# ---------------------------------------------------------------- each variant's projects: whole, broken
def _missed(d: Funds, name: str, actual: str) -> Funds:
    return replace(d, p=replace(d.p, indicators=tuple(i._replace(actual=actual) if i.name == name else i
                                                      for i in d.p.indicators)))


def _other_short(d: Funds, by: float) -> Funds:
    """其他资金's 全年预算数 printed `by` below what the subtotal holds."""
    lines = tuple((label, (a, b - by if b is not None else None, c)) if "其他" in label else (label, (a, b, c))
                  for label, (a, b, c) in d.lines)
    return replace(d, lines=lines)


FULL_LOW = ("full_score_low_execution", "high_total_low_execution")
PRINTED: dict[str, Callable[[], tuple[tuple[Drawn, ...], tuple[Drawn, ...]]]] = {
    "hunan_income_nature.pdf": lambda: ((HUN,), (_other_short(HUN, 10.0),)),
    "shanxi_one_cell.pdf": lambda: ((SX,), (nothing_spent(SX),)),
    "transfer_region.pdf": lambda: ((ZY,), (replace(ZY, p=replace(ZY.p, rate="98.00%")),)),
    "neimenggu_region_scored.pdf": lambda: ((NM,), (nothing_spent(NM),)),
    "chongqing_qualitative.pdf": lambda: ((CQ,), (_missed(CQ, CQ_UNMET, "未完成"),)),
    "jiangsu_weight_first.pdf": lambda: ((JS,), (_missed(JS, JS_UNMET, "96.5%"),)),
    "fujian_grade_line.pdf": lambda: ((FJ,), (replace(FJ, p=replace(FJ.p, bump=FJ_BUMP)),)),
}
BUILDERS: dict[str, Callable[..., list[Block]]] = {
    "hunan_income_nature.pdf": income_nature, "shanxi_one_cell.pdf": one_cell,
    "transfer_region.pdf": transfer_region, "neimenggu_region_scored.pdf": region_scored,
    "chongqing_qualitative.pdf": qualitative,
    "jiangsu_weight_first.pdf": weight_first, "fujian_grade_line.pdf": grade_under_total}
PLANTED: dict[str, dict[str, tuple[str, ...]]] = {
    "hunan_income_nature.pdf": {"totals_mismatch": (OVERALL,)},
    "shanxi_one_cell.pdf": {rule: (SX.p.name,) for rule in FULL_LOW},
    "transfer_region.pdf": {"exec_rate_misreported": (ZY.p.name,)},
    "neimenggu_region_scored.pdf": {rule: (NM.p.name,) for rule in FULL_LOW},
    "chongqing_qualitative.pdf": {"indicator_unmet_full_score": (CQ.p.name,)},
    "jiangsu_weight_first.pdf": {"indicator_unmet_full_score": (JS.p.name,)},
    "fujian_grade_line.pdf": {"total_score_mismatch": (FJ.p.name,)},
}


def printed(name: str, broken: bool = False) -> tuple[Drawn, ...]:
    """The projects file `name` prints (its broken copy: with the planted defect)."""
    whole, spoilt = PRINTED[name]()
    return spoilt if broken else whole
