"""More forms of the thirteenth round (samplegen/variants_selfeval_thirteenth.py holds the catalogue): fund lines as
other offices print them. 广西: a form in 元 (项目资金（元）) with its lines; 重庆: lines by level of government (中央资金 |
市级资金 | 区级资金, no 财政拨款 line above them); 福建: 财政拨款 broken down under it (其中：一般公共预算 | 政府性基金)
before 上年结转资金 | 其他资金; 陕西: 权重 printed as shares (10%). Each line printed explicitly (`Lined`), with the projects columns the ingest should fill."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .layout import Block
from .sheets import Sheet
from .variants_selfeval_thirteenth_forms import DOC_HEAD, figures
from .variants_selfeval_twelfth_forms import Ind, Project, form_grid, g, wan

Amounts = tuple[float | None, float | None, float | None]  # 年初, 全年, 执行 (万元; None: blank)


@dataclass(frozen=True)
class Lined:
    """A project, its fund lines as printed (label, amounts) and the projects columns they fill; `yuan`: printed in 元."""

    p: Project
    lines: tuple[tuple[str, Amounts], ...]
    stored: dict[str, float]
    yuan: bool = False

    def amount(self, x: float | None) -> str:
        return "" if x is None else f"{x * 10000:,.2f}" if self.yuan else wan(x)

    def rows(self) -> tuple[tuple[str, ...], ...]:
        return tuple((label, *(self.amount(x) for x in amounts), "", "", "") for label, amounts in self.lines)

    def total(self) -> tuple[str, ...]:
        p = self.p
        return (*(self.amount(x) for x in (p.initial, p.budget, p.executed)), g(p.weight), p.rate or "", g(p.score))


def lined_form(f: Lined, agency: str) -> list[Block]:
    grid = form_grid(f.p, agency, DOC_HEAD, f.total() if f.yuan else figures(f.p), f.rows())
    if f.yuan:
        grid.rows[2][0] = "项目资金（元）"
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="元" if f.yuan else "万元", subtitle="（2023年度）")]


def _spent_nothing(f: Lined) -> Lined:
    """Nothing spent, the execution scored in full: every line's 执行数 0 too."""
    lines = tuple((label, (a, b, 0.0 if c is not None else None)) for label, (a, b, c) in f.lines)
    stored = {k: 0.0 if k.startswith("executed") else v for k, v in f.stored.items()}
    return replace(f, p=replace(f.p, executed=0.0, rate="0.00%", score=f.p.weight), lines=lines, stored=stored)


# ---------------------------------------------------------------- K: 广西, a form printed in 元
GX_AGENCY = "南宁市青秀区市场监督管理局"
GX = Lined(Project("特种设备安全监察经费", 86.0, 86.0, 82.56, "96.00%", 10, 9.6, (
    Ind("产出指标", "数量指标", "特种设备检查台次", "≥1800台次", "1912台次", 30, 30),
    Ind("产出指标", "时效指标", "隐患整改完成时限", "≤30天", "21天", 20, 20),
    Ind("效益指标", "社会效益指标", "特种设备事故起数", "0起", "0起", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "使用单位满意度", "≥90%", "93%", 20, 20))),
    (("其中：当年财政拨款", (80.0, 80.0, 76.8)), ("上年结转资金", (None, None, None)), ("其他资金", (6.0, 6.0, 5.76))),
    {"budget_initial_fiscal": 80.0, "budget_full_year_fiscal": 80.0, "executed_fiscal": 76.8,
     "budget_initial_other": 6.0, "budget_full_year_other": 6.0, "executed_other": 5.76}, yuan=True)


def yuan_lines(broken: bool = False) -> list[Block]:
    """项目资金（元）: the total and its lines in 元 (856,000.00), stored in 万元."""
    (f,) = printed("guangxi_yuan_lines.pdf", broken)
    return lined_form(f, GX_AGENCY)


# ---------------------------------------------------------------- L: 重庆, lines by level of government
CQ_AGENCY = "重庆市渝中区城市管理局"
CQ = Lined(Project("城市道路桥梁维护经费", 1500.0, 1560.0, 1513.2, "97.00%", 10, 9.7, (
    Ind("产出指标", "数量指标", "维护道路面积", "≥260万平方米", "268万平方米", 30, 30),
    Ind("产出指标", "质量指标", "道路完好率", "≥95%", "96.2%", 20, 20),
    Ind("效益指标", "社会效益指标", "道路通行保障", "有效保障", "有效保障", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "92%", 20, 20))),
    (("其中：中央资金", (300.0, 300.0, 291.0)), ("市级资金", (500.0, 520.0, 504.4)), ("区级资金", (700.0, 740.0, 717.8))),
    {"budget_initial_fiscal": 1500.0, "budget_full_year_fiscal": 1560.0, "executed_fiscal": 1513.2})


def level_lines(broken: bool = False) -> list[Block]:
    """中央资金 | 市级资金 | 区级资金 under the total: the fiscal money by level, the total's parts."""
    (f,) = printed("chongqing_level_lines.pdf", broken)
    return lined_form(f, CQ_AGENCY)


# ---------------------------------------------------------------- M: 福建, 财政拨款 broken down under it
FJ_AGENCY = "福州市鼓楼区教育局"
FJ_LINES = (("其中：当年财政拨款", (600.0, 640.0, 620.8)), ("其中：一般公共预算", (520.0, 560.0, 543.2)),
            ("政府性基金", (80.0, 80.0, 77.6)), ("上年结转资金", (None, None, None)), ("其他资金", (40.0, 40.0, 38.8)))
FJ = Lined(Project("学前教育保教费补助", 640.0, 680.0, 659.6, "97.00%", 10, 9.7, (
    Ind("产出指标", "数量指标", "补助幼儿人数", "≥9000人", "9216人", 30, 30),
    Ind("产出指标", "时效指标", "补助资金拨付及时率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "普惠性幼儿园覆盖率", "≥85%", "87%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "94%", 20, 20))),
    FJ_LINES, {"budget_initial_fiscal": 600.0, "budget_full_year_fiscal": 640.0, "executed_fiscal": 620.8,
               "budget_initial_other": 40.0, "budget_full_year_other": 40.0, "executed_other": 38.8})


def nested_lines(broken: bool = False) -> list[Block]:
    """当年财政拨款, its breakdown 其中：一般公共预算 | 政府性基金 under it, then 上年结转资金 | 其他资金; broken: the
    年初预算数 total 640 over top lines of 600 + 30 (其他资金 printed 30)."""
    (f,) = printed("fujian_nested_lines.pdf", broken)
    return lined_form(f, FJ_AGENCY)


def _other_off(f: Lined) -> Lined:
    lines = tuple((label, (30.0, b, c) if label == "其他资金" else (a, b, c)) for label, (a, b, c) in f.lines)
    return replace(f, lines=lines, stored={**f.stored, "budget_initial_other": 30.0})


# ---------------------------------------------------------------- N: 陕西, 权重 printed as shares (10%)
SX_AGENCY = "西安市雁塔区人力资源和社会保障局"
SX = Lined(Project("高校毕业生就业见习补贴", 260.0, 240.0, 228.0, "95.00%", 10, 9.5, (
    Ind("产出指标", "数量指标", "组织就业见习人数", "≥800人", "836人", 30, 30),
    Ind("产出指标", "时效指标", "补贴按月发放率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "见习期满留用率", "≥40%", "43%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "见习人员满意度", "≥90%", "92%", 20, 20))),
    (("其中：当年财政拨款", (260.0, 240.0, 228.0)), ("上年结转资金", (None, None, None)), ("其他资金", (None, None, None))),
    {"budget_initial_fiscal": 260.0, "budget_full_year_fiscal": 240.0, "executed_fiscal": 228.0})


def percent_weights(broken: bool = False) -> list[Block]:
    """权重 in place of 分值, every weight printed as a share of 100 (10%, 30%, 100%)."""
    (f,) = printed("shaanxi_percent_weights.pdf", broken)
    (sheet,) = lined_form(f, SX_AGENCY)
    rows = sheet.grid.rows
    head = next(i for i, r in enumerate(rows) if r[0] == "一级指标")
    rows[2][5] = rows[head][5] = "权重"
    for r in [rows[3], *rows[head + 1:]]:
        r[5] = f"{r[5]}%" if r[5] else r[5]
    return [sheet]


PRINTED: dict[str, Callable[[], tuple[tuple[Lined, ...], tuple[Lined, ...]]]] = {
    "guangxi_yuan_lines.pdf": lambda: ((GX,), (_spent_nothing(GX),)),
    "chongqing_level_lines.pdf": lambda: ((CQ,), (replace(CQ, p=replace(CQ.p, rate="79.00%")),)),
    "fujian_nested_lines.pdf": lambda: ((FJ,), (_other_off(FJ),)),
    "shaanxi_percent_weights.pdf": lambda: ((SX,), (_spent_nothing(SX),)),
}
BUILDERS: dict[str, Callable[..., list[Block]]] = {
    "guangxi_yuan_lines.pdf": yuan_lines, "chongqing_level_lines.pdf": level_lines,
    "fujian_nested_lines.pdf": nested_lines, "shaanxi_percent_weights.pdf": percent_weights}
FULL_LOW = ("full_score_low_execution", "high_total_low_execution")
PLANTED: dict[str, dict[str, tuple[str, ...]]] = {
    "guangxi_yuan_lines.pdf": {rule: (GX.p.name,) for rule in FULL_LOW},
    "chongqing_level_lines.pdf": {"exec_rate_misreported": (CQ.p.name,)},
    "fujian_nested_lines.pdf": {"totals_mismatch": (FJ.p.name,)},
    "shaanxi_percent_weights.pdf": {rule: (SX.p.name,) for rule in FULL_LOW},
}


def printed(name: str, broken: bool = False) -> tuple[Lined, ...]:
    """The projects file `name` prints (its broken copy: with the planted defect)."""
    whole, spoilt = PRINTED[name]()
    return spoilt if broken else whole
