"""Self-evaluation forms of the seventh round (samplegen/variants_seventh.py holds the catalogue): a
项目支出绩效自评表 and a 部门整体支出绩效自评表 whose funds label states 元 (项目资金（元）, 年度预算申请（元）), their
figures printed in 元 with thousands separators — read in 万元, as every other form's."""

from __future__ import annotations

from dataclasses import replace

from .forms import selfeval_grid
from .layout import Block, Grid, Span
from .sheets import Sheet

# ---------------------------------------------------------------- 项目支出绩效自评表, funds in 元
YP_AGENCY = "惠州市人力资源和社会保障局"
YP_PROJECT = "职业技能提升行动补贴"
# 年初预算数, 全年预算数, 全年执行数 (元), 分值, 执行率, 得分
YP_FUNDS = ("1,860,000.00", "2,135,400.00", "2,028,630.00", "10", "95.00%", "9.50")
YP_FUNDS_WAN = (186.0, 213.54, 202.863)
YP_INDICATORS = (  # 一级, 二级, 三级, 分值, 年度指标值, 实际完成值, 得分, 偏差原因
    ("产出指标", "数量指标", "补贴培训人次", "20", "≥3000人次", "3126人次", "20", ""),
    ("产出指标", "质量指标", "取证率", "20", "≥80%", "84%", "20", ""),
    ("效益指标", "社会效益指标", "培训后就业率", "30", "≥60%", "57%", "27", "部分学员转岗周期较长"),
    ("满意度指标", "服务对象满意度指标", "学员满意度", "10", "≥90%", "93%", "10", ""),
)
YP_TOTAL = "86.50"


def selfeval_funds_in_yuan(split: bool = False) -> list[Block]:
    """The city layout (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分) under 项目资金（元）; with
    `split`, the indicators go on over the next page, which prints no title and no header."""
    grid = selfeval_grid(
        YP_PROJECT, YP_AGENCY, ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [("年度资金总额", *YP_FUNDS), ("其中：当年财政拨款", *YP_FUNDS[:3]), ("上年结转资金", "", "", "")],
        [("落实职业技能提升行动，补贴培训3000人次以上", "补贴培训3126人次，取证率84%")],
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"],
        YP_INDICATORS, ["总分", "", "", "100", "", "", YP_TOTAL, ""], [1.0, 1.3, 1.8, 0.9, 1.3, 1.3, 0.8, 1.6],
        split=4, total_cols=3)
    grid.rows[2][0] = "项目资金（元）"
    sheet = Sheet("项目支出绩效自评表", grid, dept=None, unit=None, subtitle="（2023年度）")
    if split:
        start = next(i for i, r in enumerate(grid.rows) if r[0] == "一级指标")
        sheet = replace(sheet, page_rows=[start + 2, len(grid.rows)])
    return [sheet]


# ---------------------------------------------------------------- 部门整体支出绩效自评表, funds in 元
YO_AGENCY = "惠州市档案馆"
YO_FUNDS = ("6,520,300.00", "6,874,300.00", "6,712,985.50", "10", "97.65%", "9.77")
YO_FUNDS_WAN = (652.03, 687.43, 671.29855)
YO_INDICATORS = (  # 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分
    ("产出指标", "数量指标", "档案接收进馆", "≥12000卷", "12650卷", "30", "30"),
    ("产出指标", "时效指标", "查档利用办结时限", "≤3个工作日", "2个工作日", "20", "20"),
    ("效益指标", "社会效益指标", "档案开放利用人次", "≥5000人次", "4820人次", "20", "18"),
    ("满意度指标", "服务对象满意度指标", "查档群众满意度", "≥90%", "95%", "20", "20"),
)
YO_TOTAL = "97.77"


def overall_selfeval_in_yuan() -> list[Block]:
    """年度预算申请（元） over 年度资金总额 and its 基本支出 / 项目支出 lines, the 部门整体 layout."""
    rows = [["部门（单位）名称", YO_AGENCY, "", "", "", "", "", ""],
            ["年度预算申请（元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", *YO_FUNDS],
            ["", "其中：基本支出", "5,420,300.00", "5,420,300.00", "5,398,120.50", "", "", ""],
            ["", "项目支出", "1,100,000.00", "1,454,000.00", "1,314,865.00", "", "", ""],
            ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
            ["", "做好档案接收、保管和开放利用", "", "", "接收进馆12650卷，开放利用4820人次", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]]
    rows += [[*ind, "线上查档分流" if ind[6] != ind[5] else ""] for ind in YO_INDICATORS]
    rows.append(["总分", "", "", "", "", "100", YO_TOTAL, ""])
    spans = [Span(0, 1, 1, 7), Span(1, 0, 4, 1), Span(5, 0, 2, 1), Span(5, 1, 1, 3), Span(5, 4, 1, 4),
             Span(6, 1, 1, 3), Span(6, 4, 1, 4), Span(len(rows) - 1, 0, 1, 5)]
    grid = Grid(rows, [1.3, 2.2, 1.2, 1.2, 1.2, 0.6, 0.8, 1.6], 0, spans)
    return [Sheet("2023年度部门整体支出绩效自评表", grid, dept=None, unit=None, landscape=True)]
