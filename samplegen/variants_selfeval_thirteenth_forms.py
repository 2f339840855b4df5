"""Self-evaluation forms of the thirteenth round (samplegen/variants_selfeval_thirteenth.py holds the catalogue): 北京,
上海, 江苏, 浙江, 广东, 贵州 and 湖南 forms drawn as those offices print them. Every form prints its 年度资金总额's 其中
lines (当年财政拨款 / 上年结转 / 其他资金), drawn from the project's figures so that they add up (`fund_lines`), unless a
copy misprints them on purpose. Each variant's whole and broken projects are in `PRINTED`; its builder draws them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .layout import Block, Grid, Span, TableBlock
from .sheets import Sheet
from .variants_selfeval_twelfth_forms import WIDTHS, Ind, Project, form_grid, g, wan

DOC_HEAD = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
LINE_LABELS = ("其中：当年财政拨款", "上年结转资金", "其他资金")


@dataclass(frozen=True)
class Funded:
    """A project and the 其他资金 part of its funds (年初, 全年, 执行; the rest is 财政拨款); `off`: what the printed
    年初预算数 total is off its lines (a broken copy)."""

    p: Project
    other: tuple[float, float, float] = (0.0, 0.0, 0.0)
    off: float = 0.0

    def columns(self) -> tuple[float | None, float | None, float]:
        return self.p.initial, self.p.budget, self.p.executed

    def lines(self) -> dict[str, float]:
        """The projects columns the lines fill (fiscal.schema.PROJECT_FUND_SUMS), as the ingest should store them."""
        out: dict[str, float] = {}
        for key, total, other in zip(("budget_initial", "budget_full_year", "executed"), self.columns(), self.other,
                                     strict=True):
            if total is None:
                continue
            other = other if total else 0.0
            out[f"{key}_fiscal"] = round(total - other - (self.off if key == "budget_initial" else 0.0), 2)
            if other:
                out[f"{key}_other"] = other
        return out

    def rows(self, width: int) -> tuple[tuple[str, ...], ...]:
        """当年财政拨款 | 上年结转资金 (blank) | 其他资金 lines, `width` cells after the label."""
        got = self.lines()
        cells = [[wan(got.get(f"{k}_{kind}")) if f"{k}_{kind}" in got else "" for k in
                  ("budget_initial", "budget_full_year", "executed")] for kind in ("fiscal", "carried_over", "other")]
        return tuple((label, *c, *[""] * (width - 3)) for label, c in zip(LINE_LABELS, cells, strict=True))


def figures(p: Project, rate: str | None = None, weight: str | None = None) -> tuple[str, ...]:
    """The 年度资金总额 line under DOC_HEAD: 年初 | 全年 | 执行 | 分值 | 执行率 | 得分."""
    return (wan(p.initial), wan(p.budget), wan(p.executed), g(p.weight) if weight is None else weight,
            (p.rate or "") if rate is None else rate, g(p.score))


def city_form(f: Funded, agency: str, head: tuple[str, ...] = DOC_HEAD, total: tuple[str, ...] | None = None,
              ind_head: tuple[str, ...] | None = None) -> Grid:
    """The national form with its fund lines; `total`: the total line's figures (default: `figures`)."""
    grid = form_grid(f.p, agency, head, total or figures(f.p), f.rows(len(head)))
    if ind_head:
        at = next(i for i, r in enumerate(grid.rows) if r[0] == "一级指标")
        grid.rows[at] = list(ind_head)
    return grid


def sheet(grid: Grid, title: str = "项目支出绩效自评表", **kw: object) -> Sheet:
    return Sheet(title, grid, dept=None, unit="万元", subtitle="（2023年度）", **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------- A: 北京, 执行率 printed as a decimal (0.95)
BJ_AGENCY = "北京市朝阳区园林绿化局"
BJ = Funded(Project("城市绿地养护管理经费", 860.0, 900.0, 855.0, "0.95", 10, 9.5, (
    Ind("产出指标", "数量指标", "养护绿地面积", "≥1200公顷", "1236公顷", 20, 20),
    Ind("产出指标", "质量指标", "绿地养护检查合格率", "≥95%", "97.3%", 20, 20),
    Ind("产出指标", "时效指标", "季度考核完成率", "100%", "100%", 10, 10),
    Ind("效益指标", "生态效益指标", "绿化覆盖率", "≥42%", "42.6%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "93%", 20, 20))), (60.0, 60.0, 57.0))


def rate_decimal(broken: bool = False) -> list[Block]:
    """The 执行率 printed as a fraction (0.95), the fund lines 当年财政拨款 + 其他资金."""
    (project,) = printed("beijing_rate_decimal.pdf", broken)
    return [sheet(city_form(project, BJ_AGENCY))]


# ---------------------------------------------------------------- B: 上海, 执行率（%） printed without its sign
SH_AGENCY = "上海市徐汇区市场监督管理局"
SH = (Funded(Project("食品安全监督抽检经费", 420.0, 420.0, 405.3, "96.5", 10, 9.65, (
          Ind("产出指标", "数量指标", "监督抽检批次", "≥3000批次", "3126批次", 30, 30),
          Ind("产出指标", "时效指标", "不合格产品核查处置及时率", "100%", "100%", 20, 20),
          Ind("效益指标", "社会效益指标", "食品安全抽检合格率", "≥97%", "98.1%", 20, 20),
          Ind("满意度指标", "服务对象满意度指标", "市民满意度", "≥85%", "88%", 20, 20)))),
      Funded(Project("快检实验室设备购置", 250.0, 250.0, 2.0, "0.8", 10, 0, (
          Ind("产出指标", "数量指标", "购置快检设备台套数", "≥12台套", "0台套", 30, 0, "政府采购流标，已重新招标"),
          Ind("产出指标", "时效指标", "设备到位时间", "2023年10月前", "未到位", 20, 0, "设备将于2024年一季度到位"),
          Ind("效益指标", "社会效益指标", "快检覆盖农贸市场", "≥90%", "85%", 20, 14, "设备未到位，沿用原有设备"),
          Ind("满意度指标", "服务对象满意度指标", "市场经营者满意度", "≥85%", "86%", 20, 20)))))


def rate_in_header(broken: bool = False) -> list[Block]:
    """执行率（%） in the header, the rates printed as numbers without % (96.5; a 0.8 % execution printed 0.8), two
    forms one under the other."""
    projects = printed("shanghai_rate_in_header.pdf", broken)
    head = (*DOC_HEAD[:4], "执行率（%）", "得分")
    return [TableBlock("项目支出绩效自评表", city_form(f, SH_AGENCY, head), dept=None, unit="万元",
                       subtitle="（2023年度）", same_page=k > 0) for k, f in enumerate(projects)]


# ---------------------------------------------------------------- C: 江苏, long 偏差原因 notes, 未完成原因 header
JS_AGENCY = "南京市鼓楼区卫生健康委员会"
JS_NOTE = ("受辖区老年人口外迁及部分社区卫生服务中心人员调整影响，签约服务推进较慢；下一步将增加家庭医生团队数量，"
           "推行“互联网+签约”服务，并将签约率纳入社区卫生服务中心年度考核")
JS = Funded(Project("基本公共卫生服务项目补助", 1380.0, 1420.0, 1391.6, "98.00%", 10, 9.8, (
    Ind("产出指标", "数量指标", "老年人健康管理人数", "≥4.2万人", "4.36万人", 15, 15),
    Ind("产出指标", "数量指标", "家庭医生签约人数", "≥18万人", "17.1万人", 15, 14.25, JS_NOTE),
    Ind("产出指标", "质量指标", "电子健康档案规范建档率", "≥90%", "92.4%", 10, 10),
    Ind("效益指标", "社会效益指标", "高血压患者规范管理率", "≥65%", "61.8%", 15, 14.26,
        "部分患者依从性差，随访不到位；将加强随访督导并开展健康教育"),
    Ind("效益指标", "可持续影响指标", "基层首诊机制", "逐步建立", "初步建立", 15, 15),
    Ind("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "91.6%", 20, 20))), (380.0, 380.0, 372.4))
JS_UNMET = "老年人健康管理人数"


def long_notes(broken: bool = False) -> list[Block]:
    """偏差原因 notes of several lines beside an indicator, the column headed 未完成原因及改进措施."""
    (project,) = printed("jiangsu_long_notes.pdf", broken)
    head = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "未完成原因及改进措施")
    return [sheet(city_form(project, JS_AGENCY, ind_head=head))]


# ---------------------------------------------------------------- D: 浙江, 部门整体 with 年度主要任务 before the goals
ZJ_AGENCY = "宁波市海曙区司法局"
ZJ = Funded(Project("部门整体支出", 1650.0, 1720.0, 1668.4, "97.00%", 10, 9.7, (
    Ind("产出指标", "数量指标", "人民调解案件办结数", "≥2600件", "2714件", 15, 15),
    Ind("产出指标", "质量指标", "法律援助案件质量合格率", "≥98%", "99.1%", 15, 15),
    Ind("产出指标", "时效指标", "法律援助指派及时率", "100%", "100%", 10, 10),
    Ind("效益指标", "社会效益指标", "社区矫正对象重新犯罪率", "≤0.2%", "0.08%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "94%", 20, 20))), (50.0, 50.0, 48.5))
ZJ_TASKS = (("人民调解", "化解矛盾纠纷，推进人民调解规范化建设", "310.00"),
            ("法律援助", "为困难群众提供法律援助，办理援助案件", "420.00"),
            ("社区矫正", "落实社区矫正对象监督管理和教育帮扶", "260.00"))


def overall_tasks(broken: bool = False) -> list[Block]:
    """A 部门整体支出绩效自评表 (部门名称 in place of 项目名称, no 实施单位 line), its funds lines, then a 年度主要任务
    block (任务名称 | 主要内容 | 预算金额, amounts under the fund columns) before the 年度总体目标."""
    (project,) = printed("zhejiang_overall_tasks.pdf", broken)
    grid = city_form(project, ZJ_AGENCY)
    grid.rows[0][:2] = ["部门名称", ZJ_AGENCY]
    goals = next(i for i, r in enumerate(grid.rows) if r[0] == "年度总体目标")
    n = len(WIDTHS)
    tasks = [["年度主要任务", "任务名称", "主要内容", "", "", "预算金额（万元）", "", ""]]
    tasks += [["", name, what, "", "", amount, "", ""] for name, what, amount in ZJ_TASKS]
    spans = [s if s.row < goals else replace(s, row=s.row + len(tasks)) for s in grid.spans]
    spans += [Span(goals, 0, len(tasks), 1)]
    spans += [s for r in range(goals, goals + len(tasks)) for s in (Span(r, 2, 1, 3), Span(r, 5, 1, n - 5))]
    rows = grid.rows[:goals] + tasks + grid.rows[goals:]
    return [sheet(Grid(rows, list(WIDTHS), 0, spans), "部门整体支出绩效自评表")]


# ---------------------------------------------------------------- E: 广东, 分值 | 得分 merged down a 二级 block
GD_AGENCY = "深圳市福田区教育局"
GD = Funded(Project("中小学课后延时服务补助", 2400.0, 2400.0, 2328.0, "97.00%", 10, 9.7, (
    Ind("产出指标", "数量指标", "参与学生人数", "≥6.5万人", "6.8万人", 20, 20),
    Ind("产出指标", "数量指标", "开展服务学校数", "≥110所", "112所", 0, 0),  # scored with the line above
    Ind("产出指标", "质量指标", "服务时长达标率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "家长按时接送难问题", "有效缓解", "有效缓解", 20, 19),
    Ind("效益指标", "社会效益指标", "学生参与率", "≥85%", "87%", 0, 0),
    Ind("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "95%", 20, 20))), (0.0, 0.0, 0.0))


GD_MERGED = ("开展服务学校数", "学生参与率")  # scored with the line above: no 分值 | 得分 of their own


def merged_scores(broken: bool = False) -> list[Block]:
    """Two indicators of one 二级 scored together: their 分值 and 得分 cells merged down both lines."""
    (project,) = printed("guangdong_merged_scores.pdf", broken)
    grid = city_form(project, GD_AGENCY)
    first = next(i for i, r in enumerate(grid.rows) if r[0] == "一级指标") + 1
    for k, ind in enumerate(project.p.indicators):
        if ind.name in GD_MERGED:
            grid.rows[first + k][5:7] = ["", ""]
            grid.spans += [Span(first + k - 1, 5, 2, 1), Span(first + k - 1, 6, 2, 1)]
    return [sheet(grid)]


# ---------------------------------------------------------------- F: 贵州, the execution's 分值 only in its header
GZ_AGENCY = "贵阳市云岩区农业农村局"
GZ = Funded(Project("耕地地力保护补贴发放工作经费", 150.0, 150.0, 141.0, "94.00%", 10, 9.4, (
    Ind("产出指标", "数量指标", "补贴发放面积", "≥3.2万亩", "3.26万亩", 30, 30),
    Ind("产出指标", "时效指标", "补贴资金兑付及时率", "100%", "100%", 20, 20),
    Ind("效益指标", "经济效益指标", "亩均补贴标准", "≥105元", "105元", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "95%", 20, 20))), (10.0, 10.0, 9.0))


def weight_in_head(broken: bool = False) -> list[Block]:
    """The 分值 column headed 分值（10）, the 年度资金总额 line's 分值 cell left blank."""
    (project,) = printed("guizhou_weight_in_head.pdf", broken)
    head = (*DOC_HEAD[:3], "分值（10）", *DOC_HEAD[4:])
    return [sheet(city_form(project, GZ_AGENCY, head, figures(project.p, weight="")))]


# ---------------------------------------------------------------- G: 湖南, 满意度 scores rounded, 执行率 with ％
HN_AGENCY = "岳阳市岳阳楼区民政局"
HN = Funded(Project("困难群众救助工作经费", 320.0, 335.0, 321.6, "96.00％", 10, 9.6, (
    Ind("产出指标", "数量指标", "救助困难群众人次", "≥5800人次", "6012人次", 30, 30),
    Ind("产出指标", "时效指标", "救助资金发放及时率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "困难群众基本生活保障率", "100%", "100%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "88.6%", 10, 9.8, "个别对象对救助标准有意见"),
    Ind("满意度指标", "服务对象满意度指标", "社区评议满意度", "≥90%", "92.35%", 10, 10)), bump=0.04), (20.0, 20.0, 18.0))


def rounded_scores(broken: bool = False) -> list[Block]:
    """满意度 scored 9.8 (88.6 % of ≥ 90 %: 9.84 rounded), the 总分 99.44 the sum before rounding; 执行率 96.00％."""
    (project,) = printed("hunan_rounded_scores.pdf", broken)
    return [sheet(city_form(project, HN_AGENCY))]


# ---------------------------------------------------------------- H: indicators going on over the page, no header
TJ_AGENCY = "天津市河西区水务局"
TJ = Funded(Project("防汛排涝设施运行维护经费", 560.0, 600.0, 582.0, "97.00%", 10, 9.7, (
    Ind("产出指标", "数量指标", "维护排水泵站数量", "≥18座", "18座", 6, 6),
    Ind("产出指标", "数量指标", "清掏雨水管道长度", "≥120公里", "126公里", 6, 6),
    Ind("产出指标", "数量指标", "维修检查井数量", "≥900座", "936座", 6, 6),
    Ind("产出指标", "质量指标", "泵站设备完好率", "≥95%", "97%", 6, 6),
    Ind("产出指标", "质量指标", "管道疏通合格率", "≥95%", "96%", 6, 6),
    Ind("产出指标", "时效指标", "汛前检修完成时间", "5月31日前", "5月28日", 5, 5),
    Ind("产出指标", "时效指标", "积水点响应时间", "≤30分钟", "25分钟", 5, 5),
    Ind("产出指标", "成本指标", "泵站单座年运维成本", "≤30万元", "29.5万元", 5, 5),
    Ind("效益指标", "社会效益指标", "城区严重积水点", "≤3处", "2处", 10, 10),
    Ind("效益指标", "社会效益指标", "汛期排涝能力", "有效保障", "有效保障", 10, 10),
    Ind("效益指标", "可持续影响指标", "设施使用年限", "≥10年", "10年", 5, 5),
    Ind("满意度指标", "服务对象满意度指标", "沿线居民满意度", "≥90%", "91%", 10, 10),
    Ind("满意度指标", "服务对象满意度指标", "管理部门满意度", "≥90%", "95%", 10, 10))), (40.0, 40.0, 38.8))
TJ_FIRST_PAGE = 4  # indicators on the form's page: the 产出 block goes on over the page


def headless_continuation(broken: bool = False) -> list[Block]:
    """The form on one page, its indicators going on at the top of the next with neither title nor header, in the
    middle of the 产出指标 block (its 一级 and 二级 labels not printed again)."""
    (project,) = printed("tianjin_headless.pdf", broken)
    grid = city_form(project, TJ_AGENCY)
    head = next(i for i, r in enumerate(grid.rows) if r[0] == "一级指标")
    cut = head + 1 + TJ_FIRST_PAGE
    first = Grid(grid.rows[:cut], grid.widths, 0, [s for s in grid.spans if s.row + s.rows <= cut]
                 + [replace(s, rows=cut - s.row) for s in grid.spans if s.row < cut < s.row + s.rows])
    spans = [replace(s, row=s.row - cut) for s in grid.spans if s.row >= cut]
    spans += [replace(s, row=0, rows=s.row + s.rows - cut) for s in grid.spans if s.row < cut < s.row + s.rows
              and s.row + s.rows - cut > 1]
    rest = Grid([list(r) for r in grid.rows[cut:]], grid.widths, 0, spans)
    return [sheet(first), TableBlock("", rest, dept=None, unit=None)]


# ---------------------------------------------------------------- I: 江苏, two forms on a page, the second untitled
SZ_AGENCY = "苏州市吴中区文化体育和旅游局"
SZ = (Funded(Project("公共文化服务体系建设经费", 180.0, 180.0, 172.8, "96.00%", 10, 9.6, (
          Ind("产出指标", "数量指标", "送戏下乡场次", "≥120场", "126场", 40, 40),
          Ind("效益指标", "社会效益指标", "公共文化设施免费开放率", "100%", "100%", 30, 30),
          Ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", 20, 20))), (20.0, 20.0, 19.2)),
      Funded(Project("全民健身赛事活动经费", 90.0, 90.0, 86.4, "96.00%", 10, 9.6, (
          Ind("产出指标", "数量指标", "举办赛事活动", "≥30场", "32场", 40, 40),
          Ind("效益指标", "社会效益指标", "参与群众人次", "≥5万人次", "5.6万人次", 30, 30),
          Ind("满意度指标", "服务对象满意度指标", "参赛群众满意度", "≥90%", "94%", 20, 20)))))


def two_up(broken: bool = False) -> list[Block]:
    """Two short forms one under the other on one page, the second with no title of its own."""
    projects = printed("jiangsu_two_up.pdf", broken)
    return [TableBlock("项目支出绩效自评表" if k == 0 else "", city_form(f, SZ_AGENCY), dept=None,
                       unit="万元" if k == 0 else None, subtitle="（2023年度）" if k == 0 else None, same_page=k > 0)
            for k, f in enumerate(projects)]


# ---------------------------------------------------------------- J: 浙江, the fund lines off their total
HZ_AGENCY = "杭州市上城区文化广电旅游局"
HZ = Funded(Project("非物质文化遗产保护传承经费", 210.0, 230.0, 222.5, "96.74%", 10, 9.67, (
    Ind("产出指标", "数量指标", "开展非遗展演活动", "≥40场", "44场", 30, 30),
    Ind("产出指标", "质量指标", "传承人年度考核合格率", "≥95%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "非遗项目社会知晓度", "≥80%", "83%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "观众满意度", "≥90%", "93%", 20, 20))), (30.0, 50.0, 47.5))


def lines_off(broken: bool = False) -> list[Block]:
    """当年财政拨款 | 上年结转资金 | 其他资金 under the 年度资金总额; broken: the 年初预算数 total 12 above its lines."""
    (project,) = printed("zhejiang_lines_off.pdf", broken)
    return [sheet(city_form(project, HZ_AGENCY))]


# ---------------------------------------------------------------- each variant's projects: whole, broken
def nothing_spent(f: Funded, rate: str = "0.00%") -> Funded:
    """The planted anomaly: nothing spent, the execution still scored in full (the 执行率 printed true)."""
    return replace(f, p=replace(f.p, executed=0.0, rate=rate, score=f.p.weight))


PRINTED: dict[str, Callable[[], tuple[tuple[Funded, ...], tuple[Funded, ...]]]] = {
    "beijing_rate_decimal.pdf": lambda: ((BJ,), (nothing_spent(BJ, "0"),)),
    "shanghai_rate_in_header.pdf": lambda: (SH, (nothing_spent(SH[0], "0"), SH[1])),
    "jiangsu_long_notes.pdf": lambda: ((JS,), (replace(JS, p=replace(JS.p, indicators=tuple(
        i._replace(actual="4.05万人") if i.name == JS_UNMET else i for i in JS.p.indicators))),)),
    "zhejiang_overall_tasks.pdf": lambda: ((ZJ,), (replace(ZJ, p=replace(ZJ.p, rate="79.00%")),)),
    "guangdong_merged_scores.pdf": lambda: ((GD,), (replace(GD, p=replace(GD.p, bump=3.0)),)),
    "guizhou_weight_in_head.pdf": lambda: ((GZ,), (nothing_spent(GZ),)),
    "hunan_rounded_scores.pdf": lambda: ((HN,), (nothing_spent(HN, "0.00％"),)),
    "tianjin_headless.pdf": lambda: ((TJ,), (replace(TJ, p=replace(TJ.p, bump=-2.0)),)),
    "jiangsu_two_up.pdf": lambda: (SZ, (SZ[0], nothing_spent(SZ[1]))),
    "zhejiang_lines_off.pdf": lambda: ((HZ,), (replace(HZ, off=12.0),)),
}


def printed(name: str, broken: bool = False) -> tuple[Funded, ...]:
    """The projects file `name` prints (its broken copy: with the planted defect)."""
    whole, spoilt = PRINTED[name]()
    return spoilt if broken else whole
