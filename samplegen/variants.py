"""Small layout variants that other offices print, for the ingest's recognition tests.

Each document is a few pages drawn with the shared layout helpers; the figures it
prints are kept beside it (`TRUTH`) so a test can check that the ingest reads them
back exactly. `python -m samplegen.variants DIR` writes them into DIR.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from .layout import Block, Cover, Grid, Para, Renderer, Span, TableBlock
from .provincial import AB_PROJECTS, Measure, Project, ab_table
from .styles import STYLE_A

STYLE = replace(STYLE_A, name="variant", repeat_title=False, seed_breaks=True)

# ---------------------------------------------------------------- 三公, three header levels, one row

SG_AGENCY = "株洲市审计局"
# 预算数 block then 决算数 block: 合计, 出国, 车辆小计, 购置, 运行, 接待
SG_BUDGET = ("12.50", "3", "6.50", "", "6.50", "3.00")  # as printed: an integer, a blank
SG_ACTUAL = ("10.27", "2.10", "5.92", "0.00", "5.92", "2.25")


SG_NOTE = ("注：1.“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。2.本表反映财政拨款安排的支出。"
           "3.本单位2023年度无公务用车购置支出。4.决算数小于预算数，主要是厉行节约。")


def _sangong_blocks_header() -> tuple[list[list[str]], list[Span]]:
    """预算数 | 决算数 over six columns each, items wrapped mid-word, then the 栏次 row 1 … 12."""
    items = ["合计", "因公出国（境） 费", "公务用车购置及运行费", "", "", "公务接待\n费"]
    subs = ["", "", "小计", "公务用车购\n置费", "公务用车运\n行费", ""]
    rows = [
        ["预算数"] + [""] * 5 + ["决算数"] + [""] * 5,
        items + items,
        subs + subs,
        [str(i) for i in range(1, 13)],
    ]
    spans = []
    for base in (0, 6):
        spans += [Span(0, base, 1, 6, "header"), Span(1, base, 2, 1, "header"), Span(1, base + 1, 2, 1, "header"),
                  Span(1, base + 2, 1, 3, "header"), Span(1, base + 5, 2, 1, "header")]
    return rows, spans


def sangong_three_level() -> list[Block]:
    """A 决算 whose 三公 table has one data row under a three-level wrapped header."""
    rows, spans = _sangong_blocks_header()
    rows.append(list(SG_BUDGET + SG_ACTUAL))
    grid = Grid(rows, [1.0] * 12, header_rows=4, spans=spans, align=["r"] * 12)
    table = TableBlock("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=SG_AGENCY, unit="万元",
                       notes=[SG_NOTE], landscape=True)
    return [Cover([SG_AGENCY, "2023年度部门决算"]), table]


# ---------------------------------------------------------------- 三公, 预算数/决算数 alternating

ALT_AGENCY = "衡阳市统计局"
ALT_BUDGET = ("8.00", "0.00", "5.00", "0.00", "5.00", "3.00")
ALT_ACTUAL = ("6.40", "0.00", "4.10", "0.00", "4.10", "2.30")


def sangong_alternating() -> list[Block]:
    """A 三公 table printing 预算数 and 决算数 side by side under every item, 合计 row labelled."""
    items = ["合计", "合计", "因公出国（境）费", "因公出国（境）费", "公务用车购置及运行费", "", "", "", "", "",
             "公务接待费", "公务接待费"]
    subs = ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行费", "", "", ""]
    stages = ["预算数", "决算数"] * 6
    body = []
    for b, a in zip(ALT_BUDGET, ALT_ACTUAL, strict=True):
        body += [b, a]
    rows = [items, subs, stages, body]
    spans = [Span(0, 0, 2, 2, "header"), Span(0, 2, 2, 2, "header"), Span(0, 4, 1, 6, "header"),
             Span(1, 4, 1, 2, "header"), Span(1, 6, 1, 2, "header"), Span(1, 8, 1, 2, "header"),
             Span(0, 10, 2, 2, "header")]
    rows[0][1] = rows[0][3] = rows[0][11] = ""
    grid = Grid(rows, [1.0] * 12, header_rows=3, spans=spans, align=["r"] * 12)
    table = TableBlock("“三公”经费支出决算表", grid, code="公开09表", dept=ALT_AGENCY, unit="万元", landscape=True)
    return [Cover([ALT_AGENCY, "2023年度部门决算"]), table]


# ---------------------------------------------------------------- 单位预算 in 元, titled 单位…

UNIT_AGENCY = "岳阳市档案馆"
# (label, amount in 元); 万元 = 元 / 10000
UNIT_SUMMARY = (("一般公共预算拨款收入", "3,456,700.00"), ("本年收入合计", "3,456,700.00"),
                ("本年支出合计", "3,456,700.00"))
UNIT_EXPENDITURE = (("", "合计", "3,456,700.00", "2,856,700.00", "600,000.00"),
                    ("201", "一般公共服务支出", "3,456,700.00", "2,856,700.00", "600,000.00"),
                    ("20126", "档案事务", "3,456,700.00", "2,856,700.00", "600,000.00"),
                    ("2012601", "行政运行", "2,856,700.00", "2,856,700.00", "0.00"),
                    ("2012604", "档案馆", "600,000.00", "0.00", "600,000.00"))


UNIT_NOTE = ("注：本表金额单位为元。本单位无政府性基金预算收入。本单位无国有资本经营预算收入。"
             "本单位无上年结转。")


def unit_budget_yuan() -> list[Block]:
    """A 单位预算 whose tables are titled 单位… and printed in 元."""
    summary = Grid(
        [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"],
         ["一般公共预算拨款收入", "3,456,700.00", "一般公共服务支出", "3,456,700.00"],
         ["本年收入合计", "3,456,700.00", "本年支出合计", "3,456,700.00"],
         ["收入总计", "3,456,700.00", "支出总计", "3,456,700.00"]],
        [2.2, 1.2, 2.2, 1.2], header_rows=2, spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")],
    )
    income = Grid(
        [["科目编码", "科目名称", "合计", "一般公共预算拨款收入"], ["", "合计", "3,456,700.00", "3,456,700.00"],
         ["201", "一般公共服务支出", "3,456,700.00", "3,456,700.00"]],
        [1.0, 2.4, 1.2, 1.6], header_rows=1,
    )
    expenditure = Grid(
        [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]] + [list(r) for r in UNIT_EXPENDITURE],
        [1.0, 2.4, 1.2, 1.2, 1.2], header_rows=1,
    )
    return [
        Cover([UNIT_AGENCY, "2024年单位预算"]),
        Para("本单位2024年单位预算公开如下，金额单位为元。"),
        # the 总计 line falls on the next page, above a note of several sentences
        TableBlock("单位收支总表", summary, dept=UNIT_AGENCY, unit="元", breaks=[4], notes=[UNIT_NOTE]),
        TableBlock("单位收入预算表", income, dept=UNIT_AGENCY, unit="元"),
        TableBlock("单位支出预算表", expenditure, dept=UNIT_AGENCY, unit="元"),
    ]


# ---------------------------------------------------------------- tables only, no cover

BARE_AGENCY = "常德市农业农村局"
BARE_SUMMARY = (("本年收入合计", "1,234.56"), ("年初结转和结余", "10.00"), ("本年支出合计", "1,200.00"),
                ("年末结转和结余", "44.56"), ("总计", "1,244.56"))


def tables_only() -> list[Block]:
    """A 决算 published as its tables alone: no cover, no prose; the year only in a subtitle."""
    summary = Grid(
        [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"],
         ["一般公共预算财政拨款收入", "1,234.56", "农林水支出", "1,200.00"],
         ["本年收入合计", "1,234.56", "本年支出合计", "1,200.00"],
         ["年初结转和结余", "10.00", "年末结转和结余", "44.56"],
         ["总计", "1,244.56", "总计", "1,244.56"]],
        [2.4, 1.2, 2.4, 1.2], header_rows=2, spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")],
    )
    return [TableBlock("收入支出决算总表", summary, code="公开01表", dept=BARE_AGENCY, unit="万元", subtitle="（2023年度）")]


# ---------------------------------------------------------------- provincial self-evaluation, agency in cells

SE_AGENCY = "湖北省地方金融监督管理局"
SE_PROJECT = "地方金融风险监测预警平台运维"
SE_FUNDS = ("120.00", "118.00", "112.10", "10", "95.00%", "9.50")
SE_TOTAL = "93.50"


SE_INDICATORS = (
    ("产出指标", "数量指标", "监测机构数", "正向", "500", "家", "520", "40", "40"),
    ("效益指标", "社会效益指标", "风险事件预警率", "正向", "90", "%", "85", "30", "24"),
    ("满意度指标", "服务对象满意度指标", "用户满意度", "正向", "90", "%", "95", "20", "20"),
)


def selfeval_agency_in_cells() -> list[Block]:
    """A provincial 项目支出绩效自评表 that names its agency only in 主管部门 / 实施单位 cells (no cover)."""
    rows = [
        ["项目名称", SE_PROJECT] + [""] * 9,
        ["主管部门", SE_AGENCY, "", "", "", "实施单位", "", SE_AGENCY, "", "", ""],
        ["项目资金\n（万元）", "", "", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因", ""],
        ["", "总额", "", SE_FUNDS[0], SE_FUNDS[1], SE_FUNDS[2], SE_FUNDS[4], SE_FUNDS[3], SE_FUNDS[5], "", ""],
        ["年度总体目标", "预期目标", "", "", "", "", "实际完成目标", "", "", "", ""],
        ["", "完成平台运维", "", "", "", "", "平台运行稳定", "", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
         "未完成原因分析"],
    ]
    spans = [Span(0, 1, 1, 10), Span(1, 1, 1, 4), Span(1, 5, 1, 2), Span(1, 7, 1, 4), Span(2, 0, 2, 1),
             Span(2, 1, 1, 2), Span(2, 9, 1, 2), Span(3, 1, 1, 2), Span(3, 9, 1, 2), Span(4, 0, 2, 1),
             Span(4, 1, 1, 5), Span(4, 6, 1, 5), Span(5, 1, 1, 5), Span(5, 6, 1, 5)]
    for ind in SE_INDICATORS:
        rows.append(["", *ind, "预警模型待完善" if ind[6] < ind[4] else ""])
    rows.append(["合计", "", "", "", "", "", "", "", "100", SE_TOTAL, ""])
    spans.append(Span(len(rows) - 1, 0, 1, 8))
    grid = Grid(rows, [40, 55, 62, 110, 34, 62, 30, 62, 34, 34, 120], 0, spans)
    return [TableBlock("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）", landscape=True)]


# ---------------------------------------------------------------- (A)/(B) forms over several pages

def _ab_projects() -> list[Project]:
    """Three (A)/(B) forms: one breaks mid-indicators (reasons in every row), one spaced 总  分, one coded name."""
    first, second = AB_PROJECTS
    reasons = [replace(m, reason=m.reason or "按计划完成") for m in first.measures]
    p1 = replace(first, measures=reasons, break_after=3)
    p2 = replace(second, name="37100023Y000000123-特种设备安全监察经费", total=("100", "96.87"))
    p3 = replace(
        second, name="食品快检车运行维护经费",
        funds=[["年度资金总额", "25", "25", "24.5", "10", "98.00%", "9.8"],
               ["其中：当年财政拨款", "25", "25", "24.5", "", "", ""]],
        measures=[Measure("产出指标", "数量指标", "快检批次", "", "≥2000批次", "", "2310批次", "40", "40"),
                  Measure("效益指标", "社会效益指标", "问题食品发现率", "", "≥1%", "", "1.2%", "30", "30"),
                  Measure("满意度指标", "服务对象满意度指标", "商户满意度", "", "≥90%", "", "92%", "20", "20")],
        total=("100", "99.8"),
    )
    return [p1, p2, p3]


AB_TRUTH = {  # project → (budget_full_year, executed, exec_score, indicators, total_score)
    "食品安全抽检监测经费": (172.5, 159.3, 9.24, 7, 98.24),
    "特种设备安全监察经费": (60.0, 41.2, 6.87, 6, 96.87),
    "食品快检车运行维护经费": (25.0, 24.5, 9.8, 3, 99.8),
}


def ab_multi_page() -> list[Block]:
    """(A)/(B) forms of one agency, no cover: forms break across pages."""
    tables = [ab_table(p) for p in _ab_projects()]
    top = next(i for i, r in enumerate(tables[0].grid.rows) if r[1] == "一级指标")
    tables[0].breaks = [top + 4]  # three indicators on the first page, the rest and 总分 on the next
    total_row = len(tables[1].grid.rows) - 2
    tables[1].grid.rows[total_row][0] = "总  分"
    # the third form follows the second in the same ruled table, under the one title
    second, third = tables[1].grid, tables[2].grid
    offset = len(second.rows)
    second.rows.extend(third.rows)
    second.spans.extend(replace(sp, row=sp.row + offset) for sp in third.spans)
    second.align_at.update({(r + offset, c): a for (r, c), a in third.align_at.items()})
    return [tables[0], tables[1]]


@dataclass(frozen=True)
class Variant:
    """One variant file: how to draw it and what it prints."""

    blocks: Callable[[], list[Block]]
    title: str
    agency: str


VARIANTS: dict[str, Variant] = {
    "sangong_three_level.pdf": Variant(sangong_three_level, "2023年度部门决算", SG_AGENCY),
    "sangong_alternating.pdf": Variant(sangong_alternating, "2023年度部门决算", ALT_AGENCY),
    "unit_budget_yuan.pdf": Variant(unit_budget_yuan, "2024年单位预算", UNIT_AGENCY),
    "tables_only.pdf": Variant(tables_only, "", BARE_AGENCY),
    "selfeval_agency_in_cells.pdf": Variant(selfeval_agency_in_cells, "", SE_AGENCY),
    "ab_multi_page.pdf": Variant(ab_multi_page, "", "威海市市场监督管理局"),
}


def build(out_dir: Path) -> dict[str, Path]:
    """Write every variant into out_dir; returns file name → path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, v in VARIANTS.items():
        path = out_dir / name
        Renderer.write(path, STYLE, v.title, v.blocks())
        written[name] = path
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants")).values():
        print(path)
