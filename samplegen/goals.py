"""A 部门预算 printing two 项目支出绩效目标表 forms: for the tests of the goal-form parser.

The forms follow the landscape 填报表 layout (项目资金总额 with 其中：财政资金 / 其他资金 on the
left, 年度资金申请总额 with 其中：当年财政拨款 / 上年结转资金 / 其他资金 on the right, 年度总体目标,
then 一级/二级/三级指标 and 指标值). The first form states its amounts in 元, the second in 万元.
`write(path, broken=True)` prints the second form's 当年财政拨款 larger than its 年度资金申请总额
(the defect `totals_mismatch` reports). Not part of samples/ (the demo lake and the accuracy
report read every file there); tests write it where they need it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .layout import Cover, Grid, Para, Part, Renderer, Span, TableBlock
from .styles import STYLE_A

AGENCY = "郴州市医疗保障局"
YEAR = 2023
TITLE = f"{AGENCY}{YEAR}年部门预算"
FORM_TITLE = "项目支出绩效目标表"
WIDTHS: list[float] = [8, 10, 10, 12, 12, 10, 14, 14]


@dataclass(frozen=True)
class Form:
    """One project's figures as printed (amount texts in the form's unit)."""

    project: str
    unit: str  # 元 | 万元
    total: str  # 项目资金总额 = 财政资金 + 其他资金
    fiscal: str
    other: str
    requested: str  # 年度资金申请总额 = 当年财政拨款 + 上年结转资金 + 其他资金
    current: str
    carried: str
    requested_other: str
    goal: str
    indicators: tuple[tuple[str, str, str, str], ...]  # 一级, 二级, 三级, 指标值


FORMS = (
    Form("医保基金监管专项经费", "元", "350,000.00", "300,000.00", "50,000.00", "350,000.00", "250,000.00",
         "50,000.00", "50,000.00", "开展定点医药机构检查，规范医保基金使用，防范欺诈骗保。",
         (("产出指标", "数量指标", "检查定点医药机构数", "≥120(家)"),
          ("产出指标", "质量指标", "问题整改率", "=100(%)"),
          ("效益指标", "社会效益指标", "基金安全运行", "安全平稳"),
          ("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90(%)"))),
    Form("医保信息化建设经费", "万元", "120.00", "120.00", "0.00", "120.00", "120.00", "0.00", "0.00",
         "完成医保信息平台运维与升级，保障结算系统稳定运行。",
         (("产出指标", "数量指标", "系统运维次数", "≥12(次)"),
          ("产出指标", "时效指标", "故障响应时间", "≤2(小时)"),
          ("满意度指标", "服务对象满意度指标", "使用单位满意度", "≥95(%)"))),
)
BROKEN_CURRENT = "150.00"  # the second form's 当年财政拨款 in the broken copy (年度资金申请总额 120.00)


def form_table(form: Form, dept: str = AGENCY) -> TableBlock:
    """The grid of one 项目支出绩效目标表."""
    rows = [
        ["项目名称", form.project, "", "", "项目性质", "经常性项目", "项目类别", "其他运转类"],
        ["主管部门", dept, "", "", "实施单位", dept, "", ""],
        [f"项目资金\n（{form.unit}）", "项目资金总额", "", form.total, "年度资金申请总额", "", form.requested, ""],
        ["", "其中：财政资金", "", form.fiscal, "其中：当年财政拨款", "", form.current, ""],
        ["", "", "", "", "上年结转资金", "", form.carried, ""],
        ["", "其他资金", "", form.other, "其他资金", "", form.requested_other, ""],
        ["年度总体目标", form.goal, "", "", "", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "", "", "指标值", ""],
    ]
    spans = [Span(0, 1, 1, 3), Span(1, 1, 1, 3), Span(1, 5, 1, 3), Span(2, 0, 4, 1), Span(6, 1, 1, 7),
             Span(7, 3, 1, 3), Span(7, 6, 1, 2)]
    for r in range(2, 6):
        spans += [Span(r, 1, 1, 2), Span(r, 4, 1, 2), Span(r, 6, 1, 2)]
    top = len(rows) - 1
    for level1, level2, name, value in form.indicators:
        spans += [Span(len(rows), 3, 1, 3), Span(len(rows), 6, 1, 2)]
        rows.append(["", level1, level2, name, "", "", value, ""])
    spans.append(Span(top, 0, len(rows) - top, 1, "label"))
    align = ["c", "c", "c", "r", "c", "c", "r", "c"]
    grid = Grid(rows, WIDTHS, 0, spans, align)
    for r in (0, 1, 6):
        for c in range(1, 8):
            grid.align_at[(r, c)] = "l"
    return TableBlock(FORM_TITLE, grid, dept=None, unit=None, subtitle=f"（{YEAR}年度）", landscape=True)


def forms(broken: bool = False) -> list[Form]:
    """The forms as printed; `broken`: the second one's 当年财政拨款 exceeds its 年度资金申请总额."""
    out = list(FORMS)
    if broken:
        f = out[1]
        out[1] = Form(f.project, f.unit, f.total, f.fiscal, f.other, f.requested, BROKEN_CURRENT, f.carried,
                      f.requested_other, f.goal, f.indicators)
    return out


def write(path: Path, broken: bool = False) -> Path:
    """Render the document to `path` (a .pdf); returns it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    r = Renderer(path, STYLE_A, TITLE, AGENCY)
    r.render([Cover([f"{YEAR}年", f"{AGENCY}部门预算"]), Part("第一部分", "部门概况"),
              Para(f"{AGENCY}{YEAR}年部门预算编报绩效目标的项目 2 个，绩效目标表附后。"),
              Part("第二部分", "项目支出绩效目标表"), *(form_table(f) for f in forms(broken))])
    r.save()
    return path
