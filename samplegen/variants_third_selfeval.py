"""Self-evaluation forms with levels merged down and centred, and a title repeated on the next page.

Part of the `samplegen/variants_third.py` set (the catalogue and `build` are there). Every builder
takes `broken`: the same document with one printed figure changed; the figures each prints are kept
beside it as plain data.
"""

from __future__ import annotations

from dataclasses import replace

from .forms import selfeval_grid
from .layout import Block
from .sheets import Sheet

# ---------------------------------------------------------------- self-evaluation: levels merged down, text centred

MC_AGENCY = "攀枝花市应急管理局"
MC_PROJECT = "森林草原防灭火专项经费"
MC_FUNDS = ("300", "320", "301.12", "94.10%", "10", "9.41")  # 年初 全年 执行 执行率 分值 得分
MC_INDICATORS = (  # 一级, 二级, 三级, 分值, 年度指标值, 实际完成值, 得分, 偏差原因
    ("产出指标", "数量指标", "巡护里程", "10", "≥5000公里", "5320公里", "10", ""),
    ("产出指标", "数量指标", "培训扑火队员", "10", "≥300人次", "286人次", "9", "个别队员因执勤缺训"),
    ("产出指标", "质量指标", "装备完好率", "10", "≥95%", "97%", "10", ""),
    ("产出指标", "时效指标", "火情处置响应时间", "10", "≤30分钟", "25分钟", "10", ""),
    ("效益指标", "社会效益指标", "森林火灾受害率", "15", "≤0.9‰", "0.3‰", "15", ""),
    ("效益指标", "生态效益指标", "森林覆盖率", "15", "≥62%", "62.4%", "15", ""),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "20", "≥90%", "93%", "20", ""),
)
MC_TOTAL = "98.41"


def selfeval_merged_centred() -> list[Block]:
    """A 项目支出绩效自评表: 执行率 before 分值, 分值 before 指标值, 一级/二级 merged down with the text centred."""
    grid = selfeval_grid(
        MC_PROJECT, MC_AGENCY, ["年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"],
        [("年度资金总额", *MC_FUNDS), ("其中：当年财政拨款", *MC_FUNDS[:3])],
        [("做好森林草原防灭火工作", "全年未发生重大森林火灾")],
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"],
        MC_INDICATORS, ["总分", "", "", "100", "", "", MC_TOTAL, ""], [1.0, 1.3, 1.8, 0.6, 1.2, 1.2, 0.6, 1.6],
        split=4, total_cols=3)
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


def selfeval_title_repeated() -> list[Block]:
    """The same form over two pages, the second headed by the title again (an Excel print title row)."""
    (sheet,) = selfeval_merged_centred()
    assert isinstance(sheet, Sheet)
    start = next(i for i, r in enumerate(sheet.grid.rows) if r[0] == "一级指标")
    return [replace(sheet, continued="项目支出绩效自评表", page_rows=[start + 3, len(sheet.grid.rows)])]
