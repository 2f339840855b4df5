"""More forms of the fourteenth round (samplegen/variants_selfeval_fourteenth.py holds the catalogue): 吉林, indicators
going on over three pages (the page breaks forced mid-block, 一级 and 二级 merged cells cut by them); 安徽, three
projects one under another in one ruled table on one page; 湖北, 偏差原因分析 and 改进措施 as two columns of long notes;
广西, on a landscape page, the fund kinds as columns (年初预算数 over 财政拨款 | 上年结转 | 其他资金 | 合计); 河南, a fund
line of a kind not guessed (社会捐赠资金): its broken copy's total off its lines is a reading note, never a finding; 辽宁,
a Word form whose 项目名称 rows are repeated at the top of every page; 江西, amounts typed with their unit (860.00万元)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .forms import merge_down
from .layout import Block, Grid, Span
from .variants_selfeval_fourteenth_forms import Drawn, grid_of, lines_of, nothing_spent, sheet
from .variants_selfeval_twelfth_forms import IND_HEAD, Ind, Project, g, indicator_rows

HEAD = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")


def _figures(d: Drawn) -> tuple[str, ...]:
    p = d.p
    return (*d.totals(), g(p.weight), p.rate or "", g(p.score))


# ---------------------------------------------------------------- G: 吉林, indicators over three pages
JL_AGENCY = "长春市朝阳区城市管理局"
_JL = Project("城市环境卫生精细化保洁经费", 3100.0, 3250.0, 3120.0, "96.00%", 10, 9.6, (
    Ind("产出指标", "数量指标", "机械化清扫道路面积", "≥1450万平方米", "1486万平方米", 5, 5),
    Ind("产出指标", "数量指标", "人工保洁道路长度", "≥620公里", "632公里", 5, 5),
    Ind("产出指标", "数量指标", "公厕保洁座数", "≥310座", "316座", 5, 5),
    Ind("产出指标", "数量指标", "垃圾清运量", "≥42万吨", "43.1万吨", 5, 5),
    Ind("产出指标", "质量指标", "道路保洁达标率", "≥95%", "96.2%", 5, 5),
    Ind("产出指标", "质量指标", "公厕管理达标率", "≥95%", "97%", 5, 5),
    Ind("产出指标", "质量指标", "垃圾日产日清率", "100%", "100%", 5, 5),
    Ind("产出指标", "时效指标", "冬季清冰雪完成时限", "雪停后48小时内", "雪停后36小时", 5, 5),
    Ind("产出指标", "时效指标", "投诉处置及时率", "≥98%", "99%", 5, 5),
    Ind("产出指标", "成本指标", "每平方米年保洁成本", "≤2.1元", "2.05元", 5, 5),
    Ind("效益指标", "社会效益指标", "城市环境卫生考评排名", "全省前五", "全省第三", 10, 10),
    Ind("效益指标", "生态效益指标", "道路扬尘污染", "有效控制", "有效控制", 5, 5),
    Ind("效益指标", "可持续影响指标", "长效保洁机制", "持续运行", "持续运行", 5, 5),
    Ind("满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "92%", 10, 10),
    Ind("满意度指标", "服务对象满意度指标", "环卫工人满意度", "≥85%", "87%", 5, 5)))
JL = Drawn(_JL, lines_of(_JL, (100.0, 100.0, 96.0)))
JL_UNMET = "垃圾日产日清率"
JL_PAGES = (14, 7)  # grid rows on the first and the second page: breaks inside the 产出 block and its 二级 runs


def over_pages(broken: bool = False) -> list[Block]:
    """The indicator block going on over three pages, each page break inside a merged 一级 (and 二级) run, no header
    printed again; broken: 垃圾日产日清率 (on the second page) missed and still scored in full."""
    (d,) = printed("jilin_over_pages.pdf", broken)
    grid = grid_of(d, JL_AGENCY, HEAD, _figures(d))
    first, second = JL_PAGES
    return [sheet(grid, page_rows=[first, second, len(grid.rows) - first - second])]


# ---------------------------------------------------------------- H: 安徽, three projects in one ruled table
AH_AGENCY = "合肥市蜀山区市场监督管理局"
_AH = (Project("食用农产品快检补助", 48.0, 48.0, 46.08, "96.00%", 10, 9.6, (
           Ind("产出指标", "数量指标", "快检批次", "≥2.4万批次", "2.5万批次", 40, 40),
           Ind("效益指标", "社会效益指标", "快检合格率", "≥97%", "98.6%", 30, 30),
           Ind("满意度指标", "服务对象满意度指标", "市场商户满意度", "≥90%", "93%", 20, 20))),
       Project("计量器具强制检定经费", 36.0, 36.0, 34.56, "96.00%", 10, 9.6, (
           Ind("产出指标", "数量指标", "强制检定计量器具", "≥1.8万台件", "1.86万台件", 40, 40),
           Ind("效益指标", "社会效益指标", "计量纠纷投诉下降", "≥5%", "7%", 30, 30),
           Ind("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", "94%", 20, 20))),
       Project("电梯安全监管经费", 52.0, 55.0, 53.35, "97.00%", 10, 9.7, (
           Ind("产出指标", "数量指标", "电梯监督检查台次", "≥3200台次", "3310台次", 40, 40),
           Ind("效益指标", "社会效益指标", "电梯事故起数", "0起", "0起", 30, 30),
           Ind("满意度指标", "服务对象满意度指标", "住户满意度", "≥90%", "92%", 20, 20))))
AH = tuple(Drawn(p, lines_of(p, carried=False)) for p in _AH)


def three_in_one(broken: bool = False) -> list[Block]:
    """Three short forms one under another in one ruled table under one title (each opening with its 项目名称 line);
    broken: the second spent nothing and scored its execution in full."""
    rows: list[list[str]] = []
    spans: list[Span] = []
    for d in printed("anhui_three_in_one.pdf", broken):
        grid = grid_of(d, AH_AGENCY, HEAD, _figures(d))
        spans += [replace(s, row=s.row + len(rows)) for s in grid.spans]
        rows += grid.rows
    return [sheet(Grid(rows, grid.widths, 0, spans))]


# ---------------------------------------------------------------- I: 湖北, 偏差原因分析 | 改进措施 as two columns
HUB_AGENCY = "武汉市江汉区司法局"
_HUB = Project("公共法律服务体系建设经费", 240.0, 250.0, 225.0, "90.00%", 10, 9, (
    Ind("产出指标", "数量指标", "公共法律服务站点", "≥108个", "108个", 20, 20),
    Ind("产出指标", "数量指标", "法律咨询服务人次", "≥3.2万人次", "2.9万人次", 20, 18,
        "受疫情后线下咨询需求回落影响，现场咨询量低于预期"),
    Ind("产出指标", "质量指标", "法律援助案件结案率", "≥95%", "97%", 10, 10),
    Ind("效益指标", "社会效益指标", "群众法律意识提升", "明显提升", "明显提升", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", 20, 20)))
HUB = Drawn(_HUB, lines_of(_HUB))
HUB_FIX = {"法律咨询服务人次": "拓展12348热线和网上咨询渠道，推动线上线下服务融合，下半年起按月通报站点服务量"}
HUB_WIDTHS = [1.0, 1.1, 1.5, 1.0, 1.0, 0.55, 0.55, 1.5, 1.5]


def deviation_columns(broken: bool = False) -> list[Block]:
    """The indicators' last two columns 偏差原因分析 | 改进措施, notes of several lines in both; broken: the 执行率
    printed 98.00% over 225 of 250 (90 %)."""
    (d,) = printed("hubei_deviation_columns.pdf", broken)
    ind_head = (*IND_HEAD[:7], "偏差原因分析", "改进措施")
    indicators = [(*row, HUB_FIX.get(row[2], "")) for row in indicator_rows(d.p)]
    total = ["总分", "", "", "", "", "100", g(d.p.total), "", ""]
    grid = grid_of(d, HUB_AGENCY, HEAD, _figures(d), ind_head=ind_head, indicators=indicators, total_line=total,
                   widths=HUB_WIDTHS)
    return [sheet(grid)]


# ---------------------------------------------------------------- J: 广西, landscape, the fund kinds as columns
GXC_AGENCY = "柳州市柳江区乡村振兴局"
_GXC = Project("巩固拓展脱贫攻坚成果衔接资金项目", 1500.0, 1600.0, 1200.0, "75.00%", 10, 7.5, (
    Ind("产出指标", "数量指标", "实施产业帮扶项目", "≥18个", "18个", 20, 20),
    Ind("产出指标", "质量指标", "项目验收合格率", "100%", "100%", 20, 20),
    Ind("效益指标", "经济效益指标", "带动脱贫户增收", "≥1200户", "1236户", 20, 20),
    Ind("效益指标", "可持续影响指标", "帮扶产业持续运营", "≥3年", "3年", 10, 10),
    Ind("满意度指标", "服务对象满意度指标", "脱贫群众满意度", "≥90%", "96%", 20, 20)))
GXC = Drawn(_GXC, (("财政拨款", (1200.0, 1250.0, 950.0)), ("上年结转", (None, 100.0, 80.0)),
                   ("其他资金", (300.0, 250.0, 170.0))))
GXC_KINDS = ("财政拨款", "上年结转", "其他资金", "合计")  # each amount heading's columns, its 合计 last
# the lower half's columns over the 17 grid columns: 一级 | 二级 | 三级 | 指标值 | 完成值 | 分值 | 得分 | 偏差原因
GXC_GROUPS = ((0, 1), (1, 1), (2, 3), (5, 3), (8, 3), (11, 2), (13, 2), (15, 2))
GXC_WIDTHS = [1.0, 1.1, *[0.72] * 12, 0.7, 0.5, 0.5]


def _spread(cells: tuple[str, ...] | list[str], groups: tuple[tuple[int, int], ...], r: int,
            spans: list[Span]) -> list[str]:
    """A row of the lower half: each cell at its group's first column, merged over the group."""
    row = [""] * len(GXC_WIDTHS)
    for text, (col, n) in zip(cells, groups, strict=True):
        row[col] = text
        if n > 1:
            spans.append(Span(r, col, 1, n))
    return row


def fund_kind_columns(broken: bool = False) -> list[Block]:
    """On a landscape page, 年初预算数 | 全年预算数 | 全年执行数 each merged over 财政拨款 | 上年结转 | 其他资金 | 合计
    columns (the 合计 last), one 年度资金总额 line under them; broken: nothing spent, the execution scored in full."""
    (d,) = printed("guangxi_fund_columns.pdf", broken)
    p = d.p
    n = len(GXC_WIDTHS)
    amounts = dict(d.lines)
    totals = d.totals()
    figures = [d.amount(amounts[k][c]) if k in amounts else totals[c] for c in range(3) for k in GXC_KINDS]
    rows = [["项目名称", p.name, *[""] * (n - 2)],
            ["主管部门", GXC_AGENCY, *[""] * 7, "实施单位", GXC_AGENCY, *[""] * 6],
            ["项目资金（万元）", "", *[w for w in ("年初预算数", "全年预算数", "全年执行数") for _ in range(4)],
             "执行率", "分值", "得分"],
            ["", "", *GXC_KINDS * 3, "", "", ""],
            ["", "年度资金总额", *figures, p.rate or "", g(p.weight), g(p.score)],
            ["年度总体目标", "预期目标", *[""] * 7, "实际完成情况", *[""] * 7],
            ["", "完成年度工作任务", *[""] * 7, "已按期完成", *[""] * 7]]
    spans = [Span(0, 1, 1, n - 1), Span(1, 1, 1, 8), Span(1, 10, 1, 7), Span(2, 0, 3, 1), Span(2, 1, 2, 1),
             Span(2, 2, 1, 4), Span(2, 6, 1, 4), Span(2, 10, 1, 4), Span(2, 14, 2, 1), Span(2, 15, 2, 1),
             Span(2, 16, 2, 1), Span(5, 0, 2, 1), *[Span(r, c, 1, 8) for r in (5, 6) for c in (1, 9)]]
    head = len(rows)
    rows.append(_spread(IND_HEAD, GXC_GROUPS, head, spans))
    for row in indicator_rows(p):
        rows.append(_spread(row, GXC_GROUPS, len(rows), spans))
    merge_down(rows, head + 1, (0, 1), spans)
    total = len(rows)
    rows.append(_spread(("总分", "", "", "", "", "100", g(p.total), ""), GXC_GROUPS, total, spans))
    spans = [s for s in spans if s.row != total] + [Span(total, 0, 1, 11), Span(total, 11, 1, 2),
                                                      Span(total, 13, 1, 2), Span(total, 15, 1, 2)]
    return [sheet(Grid(rows, GXC_WIDTHS, 0, spans), landscape=True)]


# ---------------------------------------------------------------- K: 河南, a fund line of a kind not guessed
HN_AGENCY = "洛阳市老城区文化广电和旅游局"
_HN = Project("历史文化街区保护修缮项目", 680.0, 680.0, 652.8, "96.00%", 10, 9.6, (
    Ind("产出指标", "数量指标", "修缮历史建筑面积", "≥1.2万平方米", "1.23万平方米", 30, 30),
    Ind("产出指标", "质量指标", "修缮工程验收合格率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "街区游客接待量增长", "≥10%", "12%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "居民及游客满意度", "≥90%", "93%", 20, 20)))
HN = Drawn(_HN, (("其中：当年财政拨款", (600.0, 600.0, 576.0)), ("社会捐赠资金", (50.0, 50.0, 48.0)),
                 ("其他资金", (30.0, 30.0, 28.8))), read=False)
HN_OFF = 15.0  # the broken copy's 年初预算数 total above its lines


def unknown_line(broken: bool = False) -> list[Block]:
    """当年财政拨款 | 社会捐赠资金 | 其他资金 under the total: a line of a kind not known, so the lines are not stored;
    broken: the 年初预算数 total 15 above its lines — not judged (the lines were not read with confidence): the form
    reads `partial` with the sum in its note, and no rule accuses it."""
    (d,) = printed("henan_unknown_line.pdf", broken)
    return [sheet(grid_of(d, HN_AGENCY, HEAD, _figures(d)))]


# ---------------------------------------------------------------- L: 辽宁, the 项目名称 rows repeated on every page
LN_AGENCY = "沈阳市和平区商务局"
_LN = Project("商贸流通领域消费促进活动经费", 420.0, 450.0, 436.5, "97.00%", 10, 9.7, (
    Ind("产出指标", "数量指标", "举办促消费活动场次", "≥24场", "26场", 10, 10),
    Ind("产出指标", "数量指标", "参与商贸企业数量", "≥300家", "318家", 10, 10),
    Ind("产出指标", "数量指标", "发放消费券金额", "≥200万元", "205万元", 5, 5),
    Ind("产出指标", "质量指标", "活动组织规范率", "100%", "100%", 10, 10),
    Ind("产出指标", "质量指标", "消费券核销率", "≥90%", "93%", 5, 5),
    Ind("产出指标", "时效指标", "活动按期举办率", "100%", "100%", 5, 5),
    Ind("产出指标", "成本指标", "单场活动平均成本", "≤8万元", "7.6万元", 5, 5),
    Ind("效益指标", "经济效益指标", "带动社会消费品零售额", "≥3亿元", "3.2亿元", 10, 10),
    Ind("效益指标", "社会效益指标", "商圈客流量增长", "≥8%", "9.5%", 10, 10),
    Ind("效益指标", "可持续影响指标", "品牌活动影响力", "持续提升", "持续提升", 5, 5),
    Ind("满意度指标", "服务对象满意度指标", "参与企业满意度", "≥90%", "94%", 10, 10),
    Ind("满意度指标", "服务对象满意度指标", "消费者满意度", "≥90%", "91%", 5, 5)))
LN = Drawn(_LN, lines_of(_LN, (20.0, 20.0, 19.4)))
LN_PAGES = (13, 6)  # body rows (after the two repeated ones) on the first and the second page


def repeated_head(broken: bool = False) -> list[Block]:
    """A Word form whose first two rows (项目名称, 主管部门 | 实施单位) are repeated at the top of every page (重复标题行),
    the indicators going on over three pages; broken: nothing spent, the execution scored in full."""
    (d,) = printed("liaoning_repeated_head.pdf", broken)
    grid = grid_of(d, LN_AGENCY, HEAD, _figures(d))
    grid.header_rows = 2
    first, second = LN_PAGES
    return [sheet(grid, page_rows=[first, second, len(grid.rows) - 2 - first - second])]


# ---------------------------------------------------------------- M: 江西, amounts typed with their unit (35.00万元)
JX_AGENCY = "赣州市章贡区住房和城乡建设局"
_JX = Project("城镇老旧管网改造项目", 860.0, 900.0, 828.0, "92.00%", 10, 9.2, (
    Ind("产出指标", "数量指标", "改造供水管网长度", "≥36公里", "37.2公里", 30, 30),
    Ind("产出指标", "质量指标", "工程验收合格率", "100%", "100%", 20, 20),
    Ind("效益指标", "社会效益指标", "管网漏损率", "≤10%", "9.1%", 20, 20),
    Ind("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "92%", 20, 20)))
JX = Drawn(_JX, lines_of(_JX, (60.0, 60.0, 55.2)))


def units_in_cells(broken: bool = False) -> list[Block]:
    """A hand-typed form: 项目资金 with no unit in its label, every amount typed with its unit (860.00万元), the
    indicators' values too (≤30万元 stays as printed); broken: nothing spent (0.00万元), scored in full."""
    (d,) = printed("jiangxi_units_in_cells.pdf", broken)
    grid = grid_of(d, JX_AGENCY, HEAD, _figures(d), label="项目资金")
    for row in grid.rows[3:7]:
        row[2:5] = [f"{c}万元" if c else c for c in row[2:5]]
    return [sheet(grid, unit=None)]


# ---------------------------------------------------------------- each variant's projects: whole, broken
PRINTED: dict[str, Callable[[], tuple[tuple[Drawn, ...], tuple[Drawn, ...]]]] = {
    "jilin_over_pages.pdf": lambda: ((JL,), (replace(JL, p=replace(JL.p, indicators=tuple(
        i._replace(actual="98.5%") if i.name == JL_UNMET else i for i in JL.p.indicators))),)),
    "anhui_three_in_one.pdf": lambda: (AH, (AH[0], nothing_spent(AH[1]), AH[2])),
    "hubei_deviation_columns.pdf": lambda: ((HUB,), (replace(HUB, p=replace(HUB.p, rate="98.00%")),)),
    "guangxi_fund_columns.pdf": lambda: ((GXC,), (nothing_spent(GXC),)),
    "henan_unknown_line.pdf": lambda: ((HN,), (replace(HN, off=HN_OFF),)),
    "liaoning_repeated_head.pdf": lambda: ((LN,), (nothing_spent(LN),)),
    "jiangxi_units_in_cells.pdf": lambda: ((JX,), (nothing_spent(JX),)),
}
BUILDERS: dict[str, Callable[..., list[Block]]] = {
    "jilin_over_pages.pdf": over_pages, "anhui_three_in_one.pdf": three_in_one,
    "hubei_deviation_columns.pdf": deviation_columns, "guangxi_fund_columns.pdf": fund_kind_columns,
    "henan_unknown_line.pdf": unknown_line, "liaoning_repeated_head.pdf": repeated_head,
    "jiangxi_units_in_cells.pdf": units_in_cells}
FULL_LOW = ("full_score_low_execution", "high_total_low_execution")
PLANTED: dict[str, dict[str, tuple[str, ...]]] = {
    "jilin_over_pages.pdf": {"indicator_unmet_full_score": (JL.p.name,)},
    "anhui_three_in_one.pdf": {rule: (AH[1].p.name,) for rule in FULL_LOW},
    "hubei_deviation_columns.pdf": {"exec_rate_misreported": (HUB.p.name,)},
    "guangxi_fund_columns.pdf": {rule: (GXC.p.name,) for rule in FULL_LOW},
    "henan_unknown_line.pdf": {},  # read only partly: `partial`, never accused
    "liaoning_repeated_head.pdf": {rule: (LN.p.name,) for rule in FULL_LOW},
    "jiangxi_units_in_cells.pdf": {rule: (JX.p.name,) for rule in FULL_LOW},
}
PARTIAL = ("henan_unknown_line_broken.pdf",)  # files whose form reads `partial` (a reading note)


def printed(name: str, broken: bool = False) -> tuple[Drawn, ...]:
    """The projects file `name` prints (its broken copy: with the planted defect)."""
    whole, spoilt = PRINTED[name]()
    return spoilt if broken else whole
