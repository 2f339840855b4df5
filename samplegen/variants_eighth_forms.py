"""Self-evaluation forms of the eighth round (samplegen/variants_eighth.py holds the catalogue): the 财政部 template
with a 绩效指标 label column and a 年度预算数 | 全年执行数 | 分值 | 执行率 | 得分 funds block over 其中：财政拨款 and
其他资金; a form whose funds block prints no score, the 预算执行率 scored as the indicator block's first line; a
form breaking over a page right under its indicator header (not repeated), 得分 printed before 分值 in the funds
block; several projects' forms in one document, two of them scoring the budget execution in full at 0% and 40%;
a 部门整体支出绩效自评表 of 预算数 | 执行数 and its 单位名称, eight indicators under merged 一级 labels; a form in 元
said only above it, targets in words; 自评结果汇总表 lists, many projects one line each. Every builder takes `broken`:
one indicator's 得分 printed lower, so that the 总分 is no longer 执行得分 + Σ 指标得分 (a list: one 执行数 printed
higher, so that the 合计 is no longer the column's sum).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .forms import indicator_block, selfeval_grid
from .layout import Block, Grid, Span
from .sheets import Sheet

Indicator = tuple[str, ...]


def bumped(indicators: tuple[Indicator, ...], col: int, row: int = 0, by: int = 3) -> tuple[Indicator, ...]:
    """The indicators with line `row`'s 得分 (column `col`) printed `by` lower."""
    out = [list(ind) for ind in indicators]
    out[row][col] = f"{float(out[row][col]) - by:g}"
    return tuple(tuple(ind) for ind in out)


# ---------------------------------------------------------------- 财政部 template: 年度预算数, 财政拨款 and 其他资金
AB_AGENCY = "遵义市生态环境局"
AB_PROJECT = "大气污染防治专项资金"
# 年度预算数, 全年执行数, 分值, 执行率, 得分 of 年度资金总额; then 财政拨款 and 其他资金 (预算, 执行)
AB_FUNDS = ("480.00", "453.60", "10", "94.50%", "9.45")
AB_SOURCES = (("其中：财政拨款", "450.00", "425.10"), ("其他资金", "30.00", "28.50"))
AB_INDICATORS = (  # 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施
    ("产出指标", "数量指标", "大气自动监测站点运维数", "≥25个", "25个", "15", "15", ""),
    ("产出指标", "质量指标", "监测数据有效率", "≥90%", "93%", "15", "15", ""),
    ("产出指标", "时效指标", "治理项目完成及时率", "100%", "90%", "10", "8", "部分项目跨年实施，已督促加快进度"),
    ("效益指标", "生态效益指标", "空气质量优良天数比率", "≥95%", "96.2%", "20", "20", ""),
    ("效益指标", "可持续影响指标", "大气污染防治长效监管机制", "健全", "健全", "10", "10", ""),
    ("满意度指标", "服务对象满意度指标", "公众满意度", "≥90%", "92%", "20", "20", ""),
)
AB_TOTAL = "97.45"


def selfeval_annual_budget(broken: bool = False) -> list[Block]:
    """The 财政部 template: 绩效指标 label column, 年度预算数 | 全年执行数 | 分值 | 执行率 | 得分 (no 年初预算数)."""
    indicators = bumped(AB_INDICATORS, 6) if broken else AB_INDICATORS
    grid = selfeval_grid(
        AB_PROJECT, AB_AGENCY, ["年度预算数", "全年执行数", "分值", "执行率", "得分"],
        [("年度资金总额", *AB_FUNDS), *((label, budget, done, "—", "", "—") for label, budget, done in AB_SOURCES)],
        [("完成大气自动监测站点运维和重点行业治理项目", "25个站点正常运维，治理项目完成90%")],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        [("", *ind) for ind in indicators], ["总分", "", "", "", "", "", "100", AB_TOTAL, ""],
        [1.0, 1.1, 1.2, 1.8, 1.1, 1.1, 0.6, 0.6, 1.7], split=5, total_cols=6, label_column=True)
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）", landscape=True)]


# ---------------------------------------------------------------- no score in the funds block: 预算执行率 an indicator
RI_AGENCY = "黔南州农业农村局"
RI_PROJECT = "农村人居环境整治补助资金"
RI_FUNDS = ("500.00", "500.00", "200.00", "40.00%")  # 年初预算数, 全年预算数, 全年执行数, 执行率
RI_EXEC = ("预算执行", "预算执行率", "预算执行率", "100%", "40.00%", "10", "10", "")  # scored in full at 40 %
RI_INDICATORS = (  # 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施
    ("产出指标", "数量指标", "改造农村户厕", "≥2000户", "2050户", "20", "20", ""),
    ("产出指标", "质量指标", "改厕验收合格率", "≥95%", "97%", "20", "20", ""),
    ("效益指标", "社会效益指标", "农村卫生厕所普及率", "≥85%", "86%", "20", "18", "山区农户分散，推进较慢"),
    ("效益指标", "生态效益指标", "生活污水乱排乱放减少", "明显减少", "明显减少", "10", "10", ""),
    ("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "94%", "20", "20", ""),
)
RI_TOTAL = "98"


def selfeval_rate_as_indicator(broken: bool = False) -> list[Block]:
    """年初预算数 | 全年预算数 | 全年执行数 | 执行率 and no 分值 / 得分: the budget execution is scored on the
    indicator block's first line (预算执行 | 预算执行率 | 100% | 40.00% | 10 | 10)."""
    indicators = bumped(RI_INDICATORS, 6, row=2) if broken else RI_INDICATORS
    grid = selfeval_grid(
        RI_PROJECT, RI_AGENCY, ["年初预算数", "全年预算数", "全年执行数", "执行率"],
        [("年度资金总额", *RI_FUNDS), ("其中：当年财政拨款", *RI_FUNDS)],
        [("完成2000户农村户厕改造", "改造户厕2050户，验收合格率97%")],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        (RI_EXEC, *indicators), ["总分", "", "", "", "", "100", RI_TOTAL, ""],
        [1.0, 1.2, 1.7, 1.1, 1.1, 0.6, 0.6, 1.7], split=4, total_cols=5)
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）", landscape=True)]


# ---------------------------------------------------------------- a page break right under the indicator header
PB_AGENCY = "六盘水市卫生健康局"
PB_PROJECT = "基本公共卫生服务项目"
PB_FUNDS = ("860.00", "912.50", "875.70", "95.97%", "9.60", "10")  # 年初, 全年, 执行, 执行率, 得分, 分值
PB_INDICATORS = (  # 一级, 二级, 三级, 分值, 得分, 年度指标值, 实际完成值, 偏差原因分析及改进措施
    ("产出指标", "数量指标", "居民电子健康档案建档率", "10", "10", "≥90%", "92.3%", ""),
    ("产出指标", "数量指标", "65岁及以上老年人健康管理率", "10", "9", "≥65%", "63.8%", "部分老人外出务工"),
    ("产出指标", "质量指标", "高血压患者规范管理率", "10", "10", "≥60%", "64%", ""),
    ("产出指标", "时效指标", "资金拨付及时率", "10", "10", "100%", "100%", ""),
    ("效益指标", "社会效益指标", "居民健康素养水平", "20", "20", "≥25%", "26.1%", ""),
    ("效益指标", "可持续影响指标", "基层医疗机构服务能力", "10", "10", "逐步提升", "逐步提升", ""),
    ("满意度指标", "服务对象满意度指标", "居民满意度", "20", "18", "≥90%", "88%", "宣传解释不够到位"),
)
PB_TOTAL = "96.60"


def selfeval_break_under_header(broken: bool = False) -> list[Block]:
    """年初预算数 | 全年预算数 | 全年执行数 | 执行率 | 得分 | 分值 (得分 before 分值); the indicators start on the next
    page, which repeats neither the title nor the indicator header printed at the foot of the first."""
    indicators = bumped(PB_INDICATORS, 4, row=4) if broken else PB_INDICATORS
    grid = selfeval_grid(
        PB_PROJECT, PB_AGENCY, ["年初预算数", "全年预算数", "全年执行数", "执行率", "得分", "分值"],
        [("年度资金总额", *PB_FUNDS), ("其中：当年财政拨款", *PB_FUNDS[:3]), ("上年结转资金", "", "", ""),
         ("其他资金", "", "", "")],
        [("1.居民电子健康档案建档率90%以上", "1.建档率92.3%"), ("2.65岁及以上老年人健康管理率65%以上", "2.63.8%"),
         ("3.高血压患者规范管理率60%以上", "3.64%"), ("4.居民健康素养水平25%以上", "4.26.1%")],
        ["一级指标", "二级指标", "三级指标", "分值", "得分", "年度指标值", "实际完成值", "偏差原因分析及改进措施"],
        indicators, ["总分", "", "", "100", PB_TOTAL, "", "", ""], [1.0, 1.2, 2.0, 0.6, 0.6, 1.1, 1.1, 1.6],
        split=4, total_cols=3)
    head = next(i for i, r in enumerate(grid.rows) if r[0] == "一级指标")
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）",
                  page_rows=[head + 1, len(grid.rows)])]


# ---------------------------------------------------------------- several projects' forms in one document
MP_AGENCY = "安顺市交通运输局"


@dataclass(frozen=True)
class Project:
    """One project's form: its funds line, indicators and 总分, as printed."""

    name: str
    funds: tuple[str, str, str, str, str, str]  # 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分
    indicators: tuple[Indicator, ...]  # 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因
    total: str


def _ind(*rows: tuple[str, ...]) -> tuple[Indicator, ...]:
    """Indicator lines, the 偏差原因 column blank where the line gives none."""
    return tuple((*r, *[""] * (8 - len(r))) for r in rows)


MP_PROJECTS = (
    Project("农村公路养护补助", ("1200.00", "1350.00", "1282.50", "10", "95.00%", "9.50"),
            _ind(("产出指标", "数量指标", "养护农村公路里程", "≥3000公里", "3120公里", "30", "30"),
                 ("产出指标", "质量指标", "优良中等路率", "≥75%", "78%", "20", "20"),
                 ("效益指标", "社会效益指标", "群众出行条件改善", "明显改善", "明显改善", "20", "20"),
                 ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "91%", "20", "20")), "99.50"),
    # nothing spent, the execution scored in full: the anomaly the rules are for
    Project("客运站智能化改造", ("300.00", "300.00", "0.00", "10", "0.00%", "10"),
            _ind(("产出指标", "数量指标", "改造客运站数量", "3个", "3个", "30", "30"),
                 ("产出指标", "时效指标", "按期完工率", "100%", "100%", "20", "20"),
                 ("效益指标", "社会效益指标", "旅客购票候车时间缩短", "≥20%", "25%", "20", "20"),
                 ("满意度指标", "服务对象满意度指标", "旅客满意度", "≥90%", "95%", "20", "20")), "100"),
    # 40 % spent, 100 points
    Project("交通安全隐患整治", ("450.00", "500.00", "200.00", "10", "40.00%", "10"),
            _ind(("产出指标", "数量指标", "整治隐患点", "≥120处", "126处", "30", "30"),
                 ("产出指标", "质量指标", "整治验收合格率", "100%", "100%", "20", "20"),
                 ("效益指标", "社会效益指标", "交通事故起数下降", "≥10%", "12%", "20", "20"),
                 ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "20", "20")), "100"),
    Project("道路运输行业监管", ("80.00", "80.00", "76.00", "10", "95.00%", "9.50"),
            _ind(("产出指标", "数量指标", "执法检查企业户次", "≥400户次", "436户次", "30", "30"),
                 ("产出指标", "时效指标", "投诉办结及时率", "≥95%", "96%", "20", "20"),
                 ("效益指标", "社会效益指标", "重大安全生产事故", "0起", "0起", "20", "20"),
                 ("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", "88%", "20", "17", "检查频次偏高")), "96.50"),
)
MP_ANOMALIES = ("客运站智能化改造", "交通安全隐患整治")
MP_BROKEN = "道路运输行业监管"


def _project_form(p: Project, agency: str = MP_AGENCY) -> Grid:
    return selfeval_grid(
        p.name, agency, ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [("年度资金总额", *p.funds), ("其中：当年财政拨款", *p.funds[:3]), ("上年结转资金", "", "", "")],
        [("完成年度工作任务", "已完成")],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        p.indicators, ["总分", "", "", "", "", "100", p.total, ""], [1.0, 1.2, 1.8, 1.1, 1.1, 0.6, 0.6, 1.6],
        split=4, total_cols=5)


def selfeval_many_projects(broken: bool = False, agency: str = MP_AGENCY) -> list[Block]:
    """Four projects' forms, each on its own page under its own title."""
    blocks: list[Block] = []
    for p in MP_PROJECTS:
        if broken and p.name == MP_BROKEN:
            p = replace(p, indicators=bumped(p.indicators, 6, row=1))
        blocks.append(Sheet("项目支出绩效自评表", _project_form(p, agency), dept=None, unit="万元",
                            subtitle="（2023年度）"))
    return blocks


# ---------------------------------------------------------------- 部门整体: 预算数 | 执行数, 单位名称, eight indicators
OB_AGENCY = "铜仁市统计局"
OB_FUNDS = ("612.40", "598.10", "10", "97.66%", "9.77")  # 预算数, 执行数, 分值, 执行率, 得分
OB_LINES = (("其中：财政拨款", "602.40", "588.60"), ("其他资金", "10.00", "9.50"))
OB_INDICATORS = (  # 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分
    ("产出指标", "数量指标", "统计调查项目完成数", "≥18项", "18项", "10", "10"),
    ("产出指标", "数量指标", "统计信息发布期数", "≥12期", "12期", "10", "10"),
    ("产出指标", "质量指标", "统计数据差错率", "≤1%", "0.6%", "10", "10"),
    ("产出指标", "时效指标", "数据上报及时率", "100%", "100%", "10", "10"),
    ("产出指标", "成本指标", "公用经费控制率", "≤100%", "96%", "10", "10"),
    ("效益指标", "社会效益指标", "统计数据社会引用次数", "≥500次", "536次", "15", "15"),
    ("效益指标", "可持续影响指标", "统计基层基础规范化", "持续提升", "持续提升", "10", "10"),
    ("满意度指标", "服务对象满意度指标", "数据使用者满意度", "≥90%", "89%", "15", "13"),
)
OB_TOTAL = "97.77"


def overall_selfeval_budget_executed(broken: bool = False) -> list[Block]:
    """A 部门整体支出绩效自评表 with 单位名称, 预算数 | 执行数 | 分值 | 执行率 | 得分 over 年度资金总额, 其中：财政拨款
    and 其他资金; eight indicators, their 一级 labels merged down."""
    indicators = bumped(OB_INDICATORS, 6, row=5) if broken else OB_INDICATORS
    n = 8
    rows = [["单位名称", OB_AGENCY, "", "", "", "", "", ""],
            ["年度预算申请（万元）", "", "预算数", "执行数", "分值", "执行率", "得分", ""],
            ["", "年度资金总额", *OB_FUNDS, ""],
            *(["", label, budget, done, "", "", "", ""] for label, budget, done in OB_LINES),
            ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
            ["", "按时完成各项统计调查，提高数据质量", "", "", "完成统计调查18项，数据上报及时率100%", "", "", ""]]
    spans = [Span(0, 1, 1, n - 1), Span(1, 0, 1 + 1 + len(OB_LINES), 1), Span(3 + len(OB_LINES), 0, 2, 1)]
    spans += [s for r in (3 + len(OB_LINES), 4 + len(OB_LINES)) for s in (Span(r, 1, 1, 3), Span(r, 4, 1, 4))]
    indicator_block(rows, spans, ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                  "偏差原因分析及改进措施"],
                    [(*ind, "数据使用者反馈渠道待拓宽" if ind[5] != ind[6] else "") for ind in indicators],
                    ["总分", "", "", "", "", "100", OB_TOTAL, ""], 5, label_column=False)
    grid = Grid(rows, [1.3, 1.4, 1.9, 1.1, 1.1, 0.6, 0.6, 1.6], 0, spans)
    return [Sheet("部门整体支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）", landscape=True)]


def forms_blocks_check() -> None:
    """Every form's 总分 is its 执行得分 plus its indicators' 得分 (the whole copies print consistent forms); the
    tests run it."""
    def total(indicators: tuple[Indicator, ...], col: int) -> float:
        return sum(float(ind[col]) for ind in indicators)
    assert abs(float(AB_FUNDS[4]) + total(AB_INDICATORS, 6) - float(AB_TOTAL)) < 1e-9
    assert abs(float(RI_EXEC[6]) + total(RI_INDICATORS, 6) - float(RI_TOTAL)) < 1e-9
    assert abs(float(PB_FUNDS[4]) + total(PB_INDICATORS, 4) - float(PB_TOTAL)) < 1e-9
    for p in MP_PROJECTS:
        assert abs(float(p.funds[5]) + total(p.indicators, 6) - float(p.total)) < 1e-9, p.name
    assert abs(float(OB_FUNDS[4]) + total(OB_INDICATORS, 6) - float(OB_TOTAL)) < 1e-9
    for funds, indicators, printed in ((UY_FUNDS, UY_INDICATORS, UY_TOTAL), (FL_FUNDS, FL_INDICATORS, FL_TOTAL),
                                       (MS_FUNDS, MS_INDICATORS, MS_TOTAL), (BF_FUNDS, BF_INDICATORS, BF_TOTAL)):
        assert abs(float(funds[5]) + total(indicators, 6) - float(printed)) < 1e-9, printed



# ---------------------------------------------------------------- 自评结果汇总表: many projects, one line each
SL_AGENCY = "黔东南州水务局"
SL_LINES = (  # 项目名称, 年度预算数, 全年执行数, 执行率, 自评得分, 自评等级
    ("水利工程运行维护", "180.00", "171.00", "95.00%", "96", "优"),
    ("农村饮水安全巩固提升", "650.00", "617.50", "95.00%", "95", "优"),
    ("河湖长制工作经费", "60.00", "57.60", "96.00%", "98", "优"),
    ("水土保持综合治理", "320.00", "112.00", "35.00%", "92", "优"),  # a third spent, 92 points
    ("山洪灾害防治", "150.00", "138.00", "92.00%", "94", "优"),
    ("水资源管理与保护", "45.00", "40.50", "90.00%", "88", "良"),
    ("小型水库除险加固", "500.00", "0.00", "0.00%", "90", "优"),  # nothing spent, 90 points
    ("水文站网运行", "35.00", "33.60", "96.00%", "97", "优"),
)
SL_TOTAL = ("1,940.00", "1,170.20", "60.32%")
SL_ANOMALIES = ("水土保持综合治理", "小型水库除险加固")
SL_BROKEN = "农村饮水安全巩固提升"  # its 全年执行数 printed 10.00 higher: the 合计 no longer its column's sum


def _list_lines(broken: bool) -> list[tuple[str, ...]]:
    return [(name, budget, f"{float(done) + 10:.2f}" if broken and name == SL_BROKEN else done, *rest)
            for name, budget, done, *rest in SL_LINES]


def selfeval_list(broken: bool = False, title: str = "2023年度项目支出绩效自评结果汇总表") -> list[Block]:
    """序号 | 项目名称 | 年度预算数 | 全年执行数 | 执行率 | 自评得分 | 自评等级, a 合计 line last (under `title`: some
    offices title the list 项目支出绩效自评表, as a form)."""
    rows = [["序号", "项目名称", "年度预算数", "全年执行数", "执行率", "自评得分", "自评等级"]]
    rows += [[str(k), *line] for k, line in enumerate(_list_lines(broken), start=1)]
    rows.append(["合计", "", *SL_TOTAL, "", ""])
    grid = Grid(rows, [0.5, 2.6, 1.1, 1.1, 0.9, 0.9, 0.9], header_rows=1,
                spans=[Span(len(rows) - 1, 0, 1, 2)], align=["c", "l", "r", "r", "r", "c", "c"])
    return [Sheet(title, grid, dept=SL_AGENCY, unit="万元")]


def selfeval_list_two_level(broken: bool = False) -> list[Block]:
    """项目名称 | 实施单位 | 预算执行情况（万元） over 年度预算数 | 执行数 | 执行率 | 自评得分 | 等级: a two-row header."""
    rows = [["序号", "项目名称", "实施单位", "预算执行情况（万元）", "", "", "自评得分", "自评等级"],
            ["", "", "", "年度预算数", "执行数", "执行率", "", ""]]
    rows += [[str(k), name, SL_AGENCY, *rest] for k, (name, *rest) in enumerate(_list_lines(broken), start=1)]
    rows.append(["合计", "", "", *SL_TOTAL, "", ""])
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 2, 1, "header"),
             Span(0, 3, 1, 3, "header"), Span(0, 6, 2, 1, "header"), Span(0, 7, 2, 1, "header"),
             Span(len(rows) - 1, 0, 1, 3)]
    grid = Grid(rows, [0.5, 2.4, 1.8, 1.1, 1.1, 0.9, 0.8, 0.8], header_rows=2, spans=spans,
                align=["c", "l", "l", "r", "r", "r", "c", "c"])
    return [Sheet("项目支出绩效自评结果汇总表", grid, code="附表3", dept=SL_AGENCY, unit="万元", subtitle="（2023年度）",
                  landscape=True)]


def selfeval_list_then_forms(broken: bool = False) -> list[Block]:
    """The four projects of `selfeval_many_projects` listed one line each (the list first), then their forms:
    one project, two tables — each anomaly is still one finding."""
    rows = [["序号", "项目名称", "全年预算数", "全年执行数", "执行率", "自评得分"]]
    rows += [[str(k), p.name, p.funds[1], p.funds[2], p.funds[4], p.total] for k, p in enumerate(MP_PROJECTS, 1)]
    budget = sum(float(p.funds[1]) for p in MP_PROJECTS)
    done = sum(float(p.funds[2]) for p in MP_PROJECTS)
    rows.append(["合计", "", f"{budget:,.2f}", f"{done:,.2f}", f"{done / budget:.2%}", ""])
    grid = Grid(rows, [0.5, 2.6, 1.1, 1.1, 0.9, 0.9], header_rows=1, spans=[Span(len(rows) - 1, 0, 1, 2)],
                align=["c", "l", "r", "r", "r", "c"])
    return [Sheet("项目支出绩效自评结果汇总表", grid, dept=MP_AGENCY, unit="万元", subtitle="（2023年度）"),
            *selfeval_many_projects(broken)]


# ---------------------------------------------------------------- funds in 元 said only above the form; targets in words
UY_AGENCY = "荔波县文体广电旅游局"
UY_PROJECT = "乡村旅游发展专项资金"
UY_FUNDS = ("800,000.00", "1,000,000.00", "985,000.00", "10", "98.50%", "9.85")  # 年初, 全年, 执行 (元), 分值, 执行率, 得分
UY_FUNDS_WAN = (80.0, 100.0, 98.5)
UY_INDICATORS = (  # 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施
    ("产出指标", "数量指标", "扶持乡村旅游示范点", "不少于10个", "10个", "20", "20", ""),
    ("产出指标", "质量指标", "示范点验收合格率", "不低于95%", "88%", "20", "20", ""),  # missed, full marks
    ("效益指标", "经济效益指标", "乡村旅游收入增长率", "大于等于8%", "9.1%", "20", "20", ""),
    ("效益指标", "社会效益指标", "带动就业人数", "≥300人", "326人", "10", "10", ""),
    ("满意度指标", "服务对象满意度指标", "游客满意度", "不低于90%", "92%", "20", "20", ""),
)
UY_TOTAL = "99.85"
UY_UNMET = "示范点验收合格率"


def selfeval_unit_yuan_above(broken: bool = False) -> list[Block]:
    """金额单位：元 printed above the form and 项目资金 with no unit of its own; targets in words (不低于95%,
    不少于10个, 大于等于8%), one of them missed and scored in full."""
    indicators = bumped(UY_INDICATORS, 6, row=3) if broken else UY_INDICATORS
    grid = selfeval_grid(
        UY_PROJECT, UY_AGENCY, ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [("年度资金总额", *UY_FUNDS), ("其中：当年财政拨款", *UY_FUNDS[:3]), ("其他资金", "", "", "")],
        [("扶持10个乡村旅游示范点，带动旅游收入增长8%以上", "扶持示范点10个，旅游收入增长9.1%")],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        indicators, ["总分", "", "", "", "", "100", UY_TOTAL, ""], [1.0, 1.2, 1.8, 1.1, 1.1, 0.6, 0.7, 1.6],
        split=4, total_cols=5)
    grid.rows[2][0] = "项目资金"
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- a long list over two pages, in 元, 项目类别 first
LL_AGENCY = "遵义市教育局"
LL_KINDS = ("运转类", "特定目标类")
LL_NAMES = ("学生资助", "教师培训", "校舍维修", "营养改善计划", "教育信息化", "职业教育发展", "学前教育发展",
            "特殊教育补助", "教研经费", "考试经费", "校园安全", "体育美育", "语言文字工作", "督导评估", "家庭教育指导",
            "民办教育管理", "教育宣传", "课后服务补助")
LL_ANOMALY = "校舍维修"  # 25 % spent, 95 points


def list_long_lines() -> list[tuple[str, str, float, float, float]]:
    """(类别, 项目名称, 预算数 元, 执行数 元, 自评得分) of the long list."""
    out = []
    for k, name in enumerate(LL_NAMES):
        budget = 100000.0 * (k + 2) + 2500.0 * k
        done = round(budget * (0.25 if name == LL_ANOMALY else 0.9 + 0.005 * (k % 10)), 2)
        out.append((LL_KINDS[k % 2], name if name.endswith("经费") else f"{name}经费", budget, done, 95.0 if name == LL_ANOMALY else 88.0 + k % 10))
    return out


def selfeval_list_long(broken: bool = False) -> list[Block]:
    """项目类别 | 项目名称 | 预算数 | 执行数 | 执行率 | 自评分数 in 元 (金额单位：元), the scores printed "95分", 18 lines
    over two pages, the second without the header, the 合计 line last."""
    lines = list_long_lines()
    rows = [["项目类别", "项目名称", "预算数", "执行数", "执行率", "自评分数"]]
    for kind, name, budget, done, score in lines:
        shown = done + 100.0 if broken and name.startswith(LL_NAMES[5]) else done
        rows.append([kind, name, f"{budget:,.2f}", f"{shown:,.2f}", f"{done / budget:.2%}", f"{score:g}分"])
    budget, done = sum(x[2] for x in lines), sum(x[3] for x in lines)
    rows.append(["合计", "", f"{budget:,.2f}", f"{done:,.2f}", f"{done / budget:.2%}", ""])
    grid = Grid(rows, [1.1, 2.4, 1.3, 1.3, 0.9, 0.9], header_rows=1, spans=[Span(len(rows) - 1, 0, 1, 2)],
                align=["c", "l", "r", "r", "r", "c"])
    return [Sheet("2023年度项目支出绩效自评结果汇总表", grid, dept=LL_AGENCY, unit="元", repeat_header=False,
                  page_rows=[11, len(rows)])]


# ---------------------------------------------------------------- labels and values in one cell (项目名称：…)
FL_AGENCY = "凯里市人力资源和社会保障局"
FL_PROJECT = "就业创业补助资金"
FL_FUNDS = ("260.00", "300.00", "120.00", "10", "40.00%", "10")  # 年初, 全年, 执行, 分值, 执行率, 得分: 40 %, full marks
FL_INDICATORS = (
    ("产出指标", "数量指标", "城镇新增就业人数", "≥3000人", "3260人", "30", "30", ""),
    ("产出指标", "时效指标", "补贴发放及时率", "100%", "100%", "20", "20", ""),
    ("效益指标", "社会效益指标", "城镇登记失业率", "≤4%", "3.6%", "20", "20", ""),
    ("满意度指标", "服务对象满意度指标", "补贴对象满意度", "≥90%", "93%", "20", "18", "个别对象对办理时限不满意"),
)
FL_TOTAL = "98"


def selfeval_fused_labels(broken: bool = False) -> list[Block]:
    """A Word-made form: "项目名称：就业创业补助资金" over the whole row, "主管部门：…" and "实施单位：…" each in one
    cell — the label and its value in one cell; 40 % spent, the execution scored 10/10."""
    indicators = bumped(FL_INDICATORS, 6, row=3) if broken else FL_INDICATORS
    grid = selfeval_grid(
        FL_PROJECT, FL_AGENCY, ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [("年度资金总额", *FL_FUNDS), ("其中：当年财政拨款", *FL_FUNDS[:3])],
        [("新增城镇就业3000人以上", "新增城镇就业3260人")],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        indicators, ["总分", "", "", "", "", "100", FL_TOTAL, ""], [1.0, 1.2, 1.8, 1.1, 1.1, 0.6, 0.7, 1.6],
        split=4, total_cols=5)
    n = len(grid.widths)
    grid.rows[0] = [f"项目名称：{FL_PROJECT}", *[""] * (n - 1)]
    grid.rows[1] = [f"主管部门：{FL_AGENCY}", *[""] * 3, f"实施单位：{FL_AGENCY}", *[""] * (n - 5)]
    grid.spans[:3] = [Span(0, 0, 1, n), Span(1, 0, 1, 4), Span(1, 4, 1, n - 4)]
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- 分值 / 执行率 / 得分 merged down the fund lines
MS_AGENCY = "都匀市住房和城乡建设局"
MS_PROJECT = "老旧小区改造配套资金"
MS_FUNDS = ("1,500.00", "1,800.00", "1,530.00", "10", "85.00%", "8.50")  # 年初, 全年, 执行, 分值, 执行率, 得分
MS_LINES = (("其中：当年财政拨款", "1,200.00", "1,500.00", "1,260.00"), ("上年结转资金", "300.00", "300.00", "270.00"),
            ("其他资金", "", "", ""))
MS_INDICATORS = (
    ("产出指标", "数量指标", "改造老旧小区", "≥12个", "12个", "20", "20", ""),
    ("产出指标", "质量指标", "竣工验收合格率", "100%", "100%", "20", "20", ""),
    ("产出指标", "时效指标", "当年开工率", "100%", "92%", "10", "8", "个别小区居民意见未统一"),
    ("效益指标", "社会效益指标", "惠及居民户数", "≥3000户", "3150户", "20", "20", ""),
    ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%", "91%", "20", "20", ""),
)
MS_TOTAL = "96.50"


def selfeval_scores_merged_down(broken: bool = False) -> list[Block]:
    """分值, 执行率 and 得分 printed once, each in a cell merged down the four fund lines (年度资金总额 … 其他资金)."""
    indicators = bumped(MS_INDICATORS, 6, row=0) if broken else MS_INDICATORS
    grid = selfeval_grid(
        MS_PROJECT, MS_AGENCY, ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [("年度资金总额", *MS_FUNDS), *((label, *figures, "", "", "") for label, *figures in MS_LINES)],
        [("完成12个老旧小区改造", "完成改造12个，惠及居民3150户")],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        indicators, ["总分", "", "", "", "", "100", MS_TOTAL, ""], [1.0, 1.2, 1.8, 1.1, 1.1, 0.6, 0.7, 1.6],
        split=4, total_cols=5)
    first = next(i for i, r in enumerate(grid.rows) if r[1] == "年度资金总额")
    grid.spans += [Span(first, col, 1 + len(MS_LINES), 1) for col in (5, 6, 7)]
    grid.spans = [s for s in grid.spans if not (s.col == 7 and s.rows == 1 and first <= s.row <= first + 3)]
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- 全年预算数 left blank beside the 年初预算数
BF_AGENCY = "兴义市民政局"
BF_PROJECT = "困难群众救助补助资金"
BF_FUNDS = ("640.00", "", "627.20", "10", "98.00%", "9.80")  # 年初, 全年 (blank: not adjusted), 执行, 分值, 执行率, 得分
BF_INDICATORS = (
    ("产出指标", "数量指标", "城乡低保对象保障人数", "≥5200人", "5260人", "30", "30", ""),
    ("产出指标", "时效指标", "救助资金发放及时率", "100%", "100%", "20", "20", ""),
    ("效益指标", "社会效益指标", "困难群众基本生活保障", "有效保障", "有效保障", "20", "20", ""),
    ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "96%", "20", "20", ""),
)
BF_TOTAL = "99.80"


def selfeval_full_year_blank(broken: bool = False, title: str = "项目支出绩效自评表") -> list[Block]:
    """年初预算数 printed, 全年预算数 left blank (the budget was not adjusted), 全年执行数 printed: the blank is no
    zero budget that the execution exceeds."""
    indicators = bumped(BF_INDICATORS, 6, row=1) if broken else BF_INDICATORS
    grid = selfeval_grid(
        BF_PROJECT, BF_AGENCY, ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [("年度资金总额", *BF_FUNDS), ("其中：当年财政拨款", *BF_FUNDS[:3])],
        [("保障城乡困难群众基本生活", "按时足额发放救助资金")],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        indicators, ["总分", "", "", "", "", "100", BF_TOTAL, ""], [1.0, 1.2, 1.8, 1.1, 1.1, 0.6, 0.7, 1.6],
        split=4, total_cols=5)
    return [Sheet(title, grid, dept=None, unit="万元", subtitle="（2023年度）")]


def selfeval_merged_level_over_pages(broken: bool = False) -> list[Block]:
    """The 六盘水 form with its four 产出指标 lines (一级 merged down, 二级 数量指标 merged over two) broken over two
    pages after the second line: the next page's lines carry no 一级 label of their own."""
    (sheet,) = selfeval_break_under_header(broken)
    assert isinstance(sheet, Sheet)
    head = next(i for i, r in enumerate(sheet.grid.rows) if r[0] == "一级指标")
    return [replace(sheet, page_rows=[head + 3, len(sheet.grid.rows)])]
