"""Self-evaluation forms of the twelfth round (samplegen/variants_selfeval_twelfth.py holds the catalogue): the
project and its indicators as printed (`Project`, `Ind`), the city-style form grid with the fund lines' labels
showing, and the forms with 年初预算 | 调整后预算 | 实际支出, without 执行率, with decimal scores, with a 自评等级
instead of a 总分, with targets printed with operators, continued on a second page under a (续) title, two on one
page, with scores printed 9.5分, with an indicator header over two rows, with its indicators ruled as a grid of
their own. Each variant's whole and broken projects are in `PRINTED`; its builder draws them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from .forms import indicator_block, selfeval_grid
from .layout import Block, Grid, Span, TableBlock
from .sheets import Sheet

OVERALL = "部门整体支出"
IND_HEAD = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
WIDTHS = [1.1, 1.2, 1.8, 1.1, 1.1, 0.6, 0.6, 1.6]


class Ind(NamedTuple):
    """One indicator line as printed."""

    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: float
    score: float
    note: str = ""


@dataclass(frozen=True)
class Project:
    """One project's form: its funds figures (万元; None: not printed), scores and indicators."""

    name: str
    initial: float | None
    budget: float | None
    executed: float
    rate: str | None  # the 执行率 as printed; None: the form prints no 执行率
    weight: float
    score: float
    indicators: tuple[Ind, ...]
    grade: str | None = None  # the 自评等级 printed
    scored: bool = True  # False: the grade printed instead of a 总分
    bump: float = 0.0  # the printed 总分 minus the true sum (a broken copy)

    @property
    def total(self) -> float:
        return round(self.score + sum(i.score for i in self.indicators) + self.bump, 4)

    def expected(self) -> dict[str, float | str | None]:
        """The projects row the ingest should read."""
        rate = None if self.rate is None else round(float(self.rate.rstrip("%")) / 100, 6)
        return {"budget_initial": self.initial, "budget_full_year": self.budget, "executed": self.executed,
                "exec_rate_reported": rate, "exec_weight": self.weight, "exec_score": self.score,
                "total_score": self.total if self.scored else None, "grade": self.grade}


def g(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def wan(x: float | None) -> str:
    return "" if x is None else f"{x:,.2f}"


def spent_nothing(p: Project) -> Project:
    """The planted anomaly: nothing spent, the execution still scored in full (and the 执行率 printed true)."""
    return replace(p, executed=0.0, rate=None if p.rate is None else "0.00%", score=p.weight)


def missed(p: Project, name: str, actual: str) -> Project:
    """The planted anomaly: indicator `name` missing its target (`actual`), still scored in full."""
    return replace(p, indicators=tuple(i._replace(actual=actual) if i.name == name else i for i in p.indicators))


def indicator_rows(p: Project) -> list[tuple[str, ...]]:
    return [(i.level1, i.level2, i.name, i.target, i.actual, g(i.weight), g(i.score), i.note) for i in p.indicators]


def total_row(p: Project) -> list[str]:
    return ["总分", "", "", "", "", "100", g(p.total), ""]


def form_grid(p: Project, agency: str, head: tuple[str, ...], figures: tuple[str, ...],
              parts: tuple[tuple[str, ...], ...] = (), *, total_label: str = "年度资金总额") -> Grid:
    """A city-style form: `head` fund columns, the total line's `figures`, then `parts` lines (label, *figures)."""
    grid = selfeval_grid(
        p.name, agency, list(head), [(total_label, *figures), *parts], [("完成年度工作任务", "已按期完成")],
        list(IND_HEAD), indicator_rows(p), total_row(p), list(WIDTHS), split=4, total_cols=5)
    # the 项目资金 label merged down its first column only: the fund lines' labels (年度资金总额 …) show beside it
    grid.spans = [replace(s, cols=1) if (s.row, s.col) == (2, 0) else s for s in grid.spans]
    return grid


# ---------------------------------------------------------------- A: 年初预算 | 调整后预算 | 实际支出 (广东, 区级)
AA_AGENCY = "广州市白云区城市管理和综合执法局"
AA = Project("生活垃圾分类宣传督导经费", 300.0, 280.0, 266.0, "95.00%", 10, 9.5, (
    Ind("产出指标（50分）", "数量指标", "开展督导宣传场次", "≥120场", "126场", 20, 20),
    Ind("产出指标（50分）", "质量指标", "居民分类投放准确率", "≥85%", "87%", 20, 20),
    Ind("产出指标（50分）", "时效指标", "督导任务完成时间", "2023年12月底前", "按时完成", 10, 10),
    Ind("效益指标（30分）", "社会效益指标", "生活垃圾回收利用率", "≥40%", "42%", 30, 30),
    Ind("满意度指标（10分）", "服务对象满意度指标", "居民满意度", "≥90%", "92%", 10, 10)))


def adjusted_actual(broken: bool = False) -> list[Block]:
    """年初预算 | 调整后预算 | 实际支出 | 执行率 | 分值 | 得分 over a city indicator block (一级 labels with points)."""
    (p,) = printed("adjusted_actual.pdf", broken)
    grid = form_grid(p, AA_AGENCY, ("年初预算", "调整后预算", "实际支出", "执行率", "分值", "得分"),
                     (wan(p.initial), wan(p.budget), wan(p.executed), p.rate or "", g(p.weight), g(p.score)),
                     (("其中：财政拨款", wan(p.initial), wan(p.budget), wan(p.executed), "", "", ""),))
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- B: 预算数 | 执行数 | 分值 | 得分, no 执行率 (浙江)
NR_AGENCY = "杭州市西湖区农业农村局"
NR = Project("美丽乡村精品村建设补助", None, 150.0, 142.5, None, 10, 9.5, (
    Ind("产出指标", "数量指标", "建成精品村数量", "≥3个", "3个", 20, 20),
    Ind("产出指标", "质量指标", "项目验收合格率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "村集体经营性收入增长", "≥5%", "6.2%", 20, 20),
    Ind("效益指标", "可持续影响指标", "长效管护机制", "建立", "已建立", 10, 10),
    Ind("满意度指标", "服务对象满意度指标", "村民满意度", "≥90%", "88%", 20, 17, "个别村民对施工扰民有意见")))


def no_rate(broken: bool = False) -> list[Block]:
    """资金来源 lines 合计 / 财政拨款 / 其他资金 under 预算数 | 执行数 | 分值 | 得分: the form prints no 执行率."""
    (p,) = printed("no_rate.pdf", broken)
    grid = form_grid(p, NR_AGENCY, ("预算数", "执行数", "分值", "得分"),
                     (wan(p.budget), wan(p.executed), g(p.weight), g(p.score)),
                     (("财政拨款", wan(p.budget), wan(p.executed), "", ""), ("其他资金", "", "", "", "")),
                     total_label="合计")
    grid.rows[2][0] = "资金来源（万元）"
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- C: scores with decimals; the 执行率 misprinted
RM_AGENCY = "济南市历下区卫生健康局"
RM = Project("家庭医生签约服务补助", 120.0, 120.0, 72.0, "60.00%", 10, 6, (
    Ind("产出指标", "数量指标", "重点人群签约人数", "≥1.2万人", "1.26万人", 12.5, 12.5),
    Ind("产出指标", "质量指标", "签约居民续约率", "≥70%", "68.5%", 12.5, 11.8, "部分居民迁出辖区"),
    Ind("产出指标", "时效指标", "补助资金拨付及时率", "100%", "100%", 7.5, 7.5),
    Ind("产出指标", "成本指标", "人均签约补助标准", "≤60元", "58元", 7.5, 7.5),
    Ind("效益指标", "社会效益指标", "重点人群健康管理率", "≥65%", "66.3%", 15, 15),
    Ind("效益指标", "可持续影响指标", "家庭医生团队覆盖社区", "≥95%", "96%", 15, 15),
    Ind("满意度指标", "服务对象满意度指标", "签约居民满意度", "≥90%", "91.5%", 20, 20)))


def rate_misprinted(broken: bool = False) -> list[Block]:
    """The city columns, a 60 % execution scored 6 / 10, indicator weights and scores with decimals; broken: the
    执行率 printed 96.00 % (the 执行数 / 预算数 is still 60 %)."""
    (p,) = printed("rate_misprinted.pdf", broken)
    grid = form_grid(p, RM_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                     (wan(p.initial), wan(p.budget), wan(p.executed), g(p.weight), p.rate or "", g(p.score)),
                     (("其中：当年财政拨款", wan(p.initial), wan(p.budget), wan(p.executed), "", "", ""),
                      ("上年结转资金", "", "", "", "", "", "")))
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- D: 自评等级 printed instead of a 总分 (河南)
GO_AGENCY = "郑州市金水区教育局"
GO = Project("中小学课后服务补助", 400.0, 400.0, 388.0, "97.00%", 10, 9.7, (
    Ind("产出指标", "数量指标", "参与课后服务学生人数", "≥3.5万人", "3.62万人", 30, 30),
    Ind("产出指标", "质量指标", "课后服务学校覆盖率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "家长接送难问题缓解", "有效缓解", "有效缓解", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "93%", 20, 20)), grade="优", scored=False)


def grade_only(broken: bool = False) -> list[Block]:
    """The indicators scored one by one, the form closing with 自评等级 | 优 (no 总分 figure)."""
    (p,) = printed("grade_only.pdf", broken)
    grid = form_grid(p, GO_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                     (wan(p.initial), wan(p.budget), wan(p.executed), g(p.weight), p.rate or "", g(p.score)))
    last = len(grid.rows) - 1
    grid.rows[last] = ["自评等级", "", "优", *[""] * 5]
    grid.spans[-1:] = [Span(last, 0, 1, 2), Span(last, 2, 1, 6)]
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- E: targets with operators (湖南, 县级)
OP_AGENCY = "长沙县市场监督管理局"
OP = Project("食品安全抽检经费", 85.0, 85.0, 83.3, "98.00%", 10, 9.8, (
    Ind("产出指标", "数量指标", "食品安全监督抽检批次", ">=1200批次", "1265批次", 20, 20),
    Ind("产出指标", "质量指标", "抽检覆盖食品大类", "＝34类", "34类", 10, 10),
    Ind("产出指标", "时效指标", "不合格食品核查处置时限", "≤30天", "21天", 10, 10),
    Ind("产出指标", "成本指标", "单批次抽检成本", "不高于700元", "658元", 10, 10),
    Ind("效益指标", "社会效益指标", "食品安全状况", "优良中低差", "优", 20, 20),
    Ind("效益指标", "社会效益指标", "抽检合格率", "≥97%", "97.8%", 10, 10),
    Ind("满意度指标", "服务对象满意度指标", "群众食品安全满意度", "≥85%", "86.2%", 10, 10)))
OP_UNMET = "抽检合格率"


def operators(broken: bool = False) -> list[Block]:
    """Targets printed >=, ＝, ≤, 不高于 and 优良中低差 (定性); broken: the 抽检合格率 missed (96.1 % of ≥ 97 %) and
    still scored in full."""
    (p,) = printed("operators.pdf", broken)
    grid = form_grid(p, OP_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                     (wan(p.initial), wan(p.budget), wan(p.executed), g(p.weight), p.rate or "", g(p.score)),
                     (("其中：当年财政拨款", wan(p.initial), wan(p.budget), wan(p.executed), "", "", ""),))
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- F: continued on a second page, title (续) and header
CT_AGENCY = "成都市武侯区民政局"
CT = Project("居家养老服务补贴", 520.0, 560.0, 543.2, "97.00%", 10, 9.7, (
    Ind("产出指标", "数量指标", "享受居家养老服务补贴人数", "≥4800人", "4925人", 10, 10),
    Ind("产出指标", "数量指标", "社区养老服务站点运营数", "≥36个", "36个", 10, 10),
    Ind("产出指标", "质量指标", "服务质量抽查合格率", "≥95%", "96.5%", 10, 10),
    Ind("产出指标", "质量指标", "服务记录完整率", "100%", "100%", 5, 5),
    Ind("产出指标", "时效指标", "补贴按月发放率", "100%", "100%", 5, 5),
    Ind("产出指标", "成本指标", "人均月补贴标准", "≤200元", "200元", 10, 10),
    Ind("效益指标", "社会效益指标", "失能老人照护覆盖率", "≥80%", "82%", 15, 15),
    Ind("效益指标", "可持续影响指标", "养老服务体系运行", "长期稳定", "长期稳定", 10, 10),
    Ind("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "89%", 15, 13.5, "上门服务频次不足")))
CT_FIRST_PAGE = 5  # indicators on the first page


def continued(broken: bool = False, again: str = "项目支出绩效自评表（续）") -> list[Block]:
    """A form too long for one page printed as two tables: the second under `again` (项目支出绩效自评表（续）, or the
    title itself repeated) with the indicator header repeated, its first lines under the 产出指标 block begun on the
    page before."""
    (p,) = printed("continued.pdf", broken)
    grid = form_grid(p, CT_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                     (wan(p.initial), wan(p.budget), wan(p.executed), g(p.weight), p.rate or "", g(p.score)),
                     (("其中：当年财政拨款", wan(p.initial), wan(p.budget), wan(p.executed), "", "", ""),))
    head = next(i for i, r in enumerate(grid.rows) if r[0] == IND_HEAD[0])
    cut = head + 1 + CT_FIRST_PAGE
    first = Grid(grid.rows[:cut], grid.widths, 0, [s for s in grid.spans if s.row + s.rows <= cut]
                 + [replace(s, rows=cut - s.row) for s in grid.spans if s.row < cut < s.row + s.rows])
    rows: list[list[str]] = []
    spans: list[Span] = []
    indicator_block(rows, spans, IND_HEAD, indicator_rows(p)[CT_FIRST_PAGE:], total_row(p), 5, label_column=False)
    rest = Grid(rows, list(WIDTHS), 1, spans)
    return [Sheet("项目支出绩效自评表", first, dept=None, unit="万元", subtitle="（2023年度）"),
            Sheet(again, rest, dept=None, unit=None)]


# ---------------------------------------------------------------- G: two forms on one page (云南, 县级)
TP_AGENCY = "弥勒市林业和草原局"
TP = (Project("森林防火专项经费", 60.0, 60.0, 57.0, "95.00%", 10, 9.5, (
          Ind("产出指标", "数量指标", "防火巡护里程", "≥5000公里", "5320公里", 40, 40),
          Ind("效益指标", "生态效益指标", "森林火灾受害率", "≤0.9‰", "0.2‰", 30, 30),
          Ind("满意度指标", "服务对象满意度指标", "林区群众满意度", "≥90%", "94%", 20, 20))),
      Project("公益林管护补助", 210.0, 210.0, 205.8, "98.00%", 10, 9.8, (
          Ind("产出指标", "数量指标", "管护公益林面积", "≥32万亩", "32.4万亩", 40, 40),
          Ind("效益指标", "生态效益指标", "森林覆盖率", "≥58%", "58.3%", 30, 30),
          Ind("满意度指标", "服务对象满意度指标", "护林员满意度", "≥90%", "96%", 20, 20))))


def two_per_page(broken: bool = False) -> list[Block]:
    """Two short forms printed one under the other on one page, each under its own title; broken: the second
    spent nothing and scored its execution in full."""
    return [TableBlock("项目支出绩效自评表", form_grid(
        p, TP_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
        (wan(p.initial), wan(p.budget), wan(p.executed), g(p.weight), p.rate or "", g(p.score))),
        dept=None, unit="万元", subtitle="（2023年度）", same_page=k > 0)
        for k, p in enumerate(printed("two_per_page.pdf", broken))]

# ---------------------------------------------------------------- O: scores printed with 分, 实施单位（盖章）
PS_AGENCY = "绵阳市涪城区水利局"
PS = Project("山洪灾害防治非工程措施运维", 75.0, 75.0, 71.25, "95.00%", 10, 9.5, (
    Ind("产出指标", "数量指标", "自动监测站点运维数", "≥48个", "48个", 30, 30),
    Ind("产出指标", "质量指标", "监测数据到报率", "≥95%", "97%", 20, 20),
    Ind("效益指标", "社会效益指标", "山洪灾害预警信息覆盖率", "100%", "100%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "沿河群众满意度", "≥90%", "88%", 20, 18, "预警广播覆盖仍有盲区")))


def points_suffix(broken: bool = False) -> list[Block]:
    """Every 分值 and 得分 printed with 分 (10分, 9.5分, 97.5分), the implementer's label 实施单位（盖章）; broken: the
    总分 printed 2 points above the sum."""
    (p,) = printed("points_suffix.pdf", broken)
    grid = form_grid(p, PS_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                     (wan(p.initial), wan(p.budget), wan(p.executed), f"{p.weight:g}分", p.rate or "",
                      f"{p.score:g}分"),
                     (("其中：当年财政拨款", wan(p.initial), wan(p.budget), wan(p.executed), "", "", ""),))
    head = next(i for i, r in enumerate(grid.rows) if r[0] == IND_HEAD[0])
    for r in grid.rows[head + 1:]:
        r[5:7] = [f"{x}分" if x else x for x in r[5:7]]
    grid.rows[1][4] = "实施单位（盖章）"
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- P: the indicator header over two rows
TH_AGENCY = "佛山市南海区教育局"
TH = Project("中小学校园安保服务购买", 1200.0, 1150.0, 1115.5, "97.00%", 10, 9.7, (
    Ind("产出指标", "数量指标", "配备专职保安学校数", "≥160所", "163所", 20, 20),
    Ind("产出指标", "质量指标", "保安员持证上岗率", "100%", "100%", 20, 20),
    Ind("产出指标", "时效指标", "服务费按季度支付率", "100%", "100%", 10, 10),
    Ind("效益指标", "社会效益指标", "校园安全责任事故", "0起", "0起", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "师生家长满意度", "≥90%", "94%", 20, 20)))


def two_row_header(broken: bool = False) -> list[Block]:
    """绩效指标 over 一级指标 | 二级指标 | 三级指标, and 年度指标值 … 偏差原因分析及改进措施 merged down both header rows;
    broken: nothing spent, the execution scored 10."""
    (p,) = printed("two_row_header.pdf", broken)
    grid = form_grid(p, TH_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                     (wan(p.initial), wan(p.budget), wan(p.executed), g(p.weight), p.rate or "", g(p.score)))
    head = next(i for i, r in enumerate(grid.rows) if r[0] == IND_HEAD[0])
    grid.rows.insert(head, ["绩效指标", "", "", *IND_HEAD[3:]])
    grid.rows[head + 1][3:] = [""] * 5
    grid.spans = [replace(s, row=s.row + 1) if s.row >= head else s for s in grid.spans]
    grid.spans += [Span(head, 0, 1, 3), *(Span(head, c, 2, 1) for c in range(3, 8))]
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- R: the indicators ruled as a grid of their own
IA_AGENCY = "宜宾市叙州区自然资源和规划局"
IA = Project("地质灾害隐患点监测经费", 90.0, 96.0, 92.16, "96.00%", 10, 9.6, (
    Ind("产出指标", "数量指标", "监测隐患点数量", "≥210处", "214处", 30, 30),
    Ind("产出指标", "时效指标", "汛期巡查覆盖率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "地质灾害人员伤亡", "0人", "0人", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "受威胁群众满意度", "≥90%", "92%", 20, 20)))


def indicators_apart(broken: bool = False) -> list[Block]:
    """The name, funds and goal rows as one ruled grid under the title, the indicator block as a second grid right
    under it (a Word form of two tables); broken: nothing spent, the execution scored 10."""
    (p,) = printed("indicators_apart.pdf", broken)
    grid = form_grid(p, IA_AGENCY, ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                     (wan(p.initial), wan(p.budget), wan(p.executed), g(p.weight), p.rate or "", g(p.score)))
    head = next(i for i, r in enumerate(grid.rows) if r[0] == IND_HEAD[0])
    top = Grid(grid.rows[:head], grid.widths, 0, [s for s in grid.spans if s.row < head])
    rest = Grid(grid.rows[head:], grid.widths, 0, [replace(s, row=s.row - head) for s in grid.spans if s.row >= head])
    return [TableBlock("项目支出绩效自评表", top, dept=None, unit="万元", subtitle="（2023年度）"),
            TableBlock("", rest, dept=None, unit=None, same_page=True)]


# ---------------------------------------------------------------- each variant's projects: whole, broken
PRINTED: dict[str, Callable[[], tuple[tuple[Project, ...], tuple[Project, ...]]]] = {
    "adjusted_actual.pdf": lambda: ((AA,), (spent_nothing(AA),)),
    "no_rate.pdf": lambda: ((NR,), (replace(NR, bump=3.0),)),
    "rate_misprinted.pdf": lambda: ((RM,), (replace(RM, rate="96.00%"),)),
    "grade_only.pdf": lambda: ((GO,), (spent_nothing(GO),)),
    "operators.pdf": lambda: ((OP,), (missed(OP, OP_UNMET, "96.1%"),)),
    "continued.pdf": lambda: ((CT,), (replace(CT, bump=-2.0),)),
    "two_per_page.pdf": lambda: (TP, (TP[0], spent_nothing(TP[1]))),
    "points_suffix.pdf": lambda: ((PS,), (replace(PS, bump=2.0),)),
    "two_row_header.pdf": lambda: ((TH,), (spent_nothing(TH),)),
    "indicators_apart.pdf": lambda: ((IA,), (spent_nothing(IA),)),
}


def printed(name: str, broken: bool = False) -> tuple[Project, ...]:
    """The projects file `name` prints (its broken copy: with the planted defect)."""
    whole, spoilt = PRINTED[name]()
    return spoilt if broken else whole
