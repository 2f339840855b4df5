"""项目支出绩效目标表 read into project_goals, with its own arithmetic checked.

Real PDFs rendered by samplegen/goals.py (two forms: one in 元, one in 万元), a correct copy and a
broken one whose second form prints 当年财政拨款 150.00 under a 年度资金申请总额 of 120.00; hand-made
grids for the list layout and an unknown fund line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ingest.document import Outcome, ingest_file
from ingest.model import DocMeta, PageInfo, ParseResult, RawTable
from ingest.parsers import goals
from ingest.reading import COMPLETE, PARTIAL, read_table
from ingest.stitch import stitch
from samplegen import goals as sample

DOC = DocMeta("d" * 64, "431000", "湖南省郴州市", "湖南省", "郴州市", "a-1", "郴州市医疗保障局", 2023, "budget",
              "department", "x.pdf")


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """The correct and the broken copy, each ingested once."""
    tmp = tmp_path_factory.mktemp("goals")
    return {name: ingest_file(sample.write(tmp / f"goals_{name}.pdf", broken=name == "broken"))
            for name in ("correct", "broken")}


def _goal_readings(outcome: Outcome) -> list[dict[str, Any]]:
    return [r for r in outcome.frames["readings"] if r["family"] == "project_targets"]


def test_forms_are_read_with_their_funds_in_wan(outcomes: dict[str, Outcome]) -> None:
    rows = outcomes["correct"].frames["project_goals"]
    assert [(r["project"], r["page"]) for r in rows] == [("医保基金监管专项经费", 4), ("医保信息化建设经费", 5)]
    first = rows[0]  # printed in 元: 350,000.00 元 = 35 万元
    assert (first["project_total"], first["project_fiscal"], first["project_other"]) == (35.0, 30.0, 5.0)
    assert (first["requested_total"], first["requested_fiscal"], first["requested_carried_over"],
            first["requested_other"]) == (35.0, 25.0, 5.0, 5.0)
    assert first["department"] == first["implementing_unit"] == "郴州市医疗保障局"
    assert first["goal"].startswith("开展定点医药机构检查")
    assert first["targets"][0] == "产出指标/数量指标/检查定点医药机构数：≥120(家)"
    assert len(first["targets"]) == 4 and len(rows[1]["targets"]) == 3
    assert rows[1]["requested_total"] == 120.0 and rows[1]["requested_fiscal"] == 120.0
    assert {r["reading"] for r in rows} == {COMPLETE}
    statuses = [(r["status"], r["reason"]) for r in _goal_readings(outcomes["correct"])]
    assert [s for s, _ in statuses] == [COMPLETE, COMPLETE] and all("2 项勾稽校验通过" in r for _, r in statuses)


def test_a_form_whose_parts_exceed_its_total_is_read_as_printed(outcomes: dict[str, Outcome]) -> None:
    readings = _goal_readings(outcomes["broken"])
    assert readings[0]["status"] == COMPLETE
    second = readings[1]  # a second reader reads the same figures: the document prints them
    assert second["status"] == COMPLETE and "读数一致" in second["reason"]
    assert "合计 120.00 ≠ 分项之和 150.00" in second["reason"]
    assert outcomes["broken"].frames["project_goals"][1]["requested_fiscal"] == 150.0


def _table(rows: list[list[str]], header: list[list[str]] | None = None) -> RawTable:
    return RawTable("project_targets", "部门预算项目绩效目标表", [7, 8], header or [], rows,
                    [7] * (len(rows) - 3) + [8] * 3)


def test_the_list_layout_gives_one_row_per_project() -> None:
    head = ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值",
            "度量单位", "权重"]
    rows = [
        ["335-某中心本级", "", "8.00", "", "", "", "", "", "", "", ""],
        ["", "信息平台\n建设", "3.00", "建设信息\n平台", "产出指标", "质量指标", "验收合格率", "≥", "100", "%", "10"],
        ["", "", "", "", "满意度指标", "服务对象满意度指标", "使用者满意度", "≥", "95", "%", "10"],
        ["", "稽核经费", "5.00", "开展稽核", "产出指标", "数量指标", "审核机构数", "≥", "20", "家", "10"],
        head,  # the header repeated at the top of the next page
        ["", "稽核经费", "5.00", "开展稽核", "效益指标", "可持续影响指标", "内控机制健全性", "定性", "优良中差", "", "10"],
        ["", "", "", "", "成本指标", "经济成本指标", "成本控制数", "≤", "5", "万元", "10"],
    ]
    result = ParseResult()
    goals.parse(_table(rows, [head]), DOC, result)
    got = result.frames["project_goals"]
    assert [(r["project"], r["requested_total"], r["page"]) for r in got] == [("信息平台建设", 3.0, 7),
                                                                             ("稽核经费", 5.0, 7)]
    assert got[0]["goal"] == "建设信息平台"
    assert got[0]["targets"] == ["产出指标/质量指标/验收合格率：≥100%", "满意度指标/服务对象满意度指标/使用者满意度：≥95%"]
    assert got[1]["targets"][1:] == ["效益指标/可持续影响指标/内控机制健全性：优良中差", "成本指标/经济成本指标/成本控制数：≤5万元"]


_LIST_HEAD = ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"]


def test_a_list_whose_header_repeats_on_each_page_is_one_table() -> None:
    """The title and the header printed again over the next page: the list goes on (one table, one project
    whose name is printed again at the top of that page), not a new form per page."""
    title = "部门预算项目绩效目标表"
    pages = [PageInfo(n, f"{title}\n单位：万元\n...", family="project_targets", title=title, unit="万元")
             for n in (21, 22)]
    grids = {
        21: [[_LIST_HEAD, ["某中心本级", "", "14.00", "", "", "", "", ""],
              ["", "稽核经费", "6.00", "开展稽核", "产出指标", "数量指标", "审核机构数", "≥20家"]]],
        22: [[_LIST_HEAD, ["", "稽核经费", "6.00", "开展稽核", "效益指标", "社会效益指标", "基金安全", "安全平稳"],
              ["", "移动支付", "8.00", "提升结算效率", "产出指标", "质量指标", "结算成功率", "≥99%"]]],
    }
    (table,) = stitch(pages, grids)
    assert table.pages == [21, 22]
    result = ParseResult()
    goals.parse(table, DOC, result)
    got = [(r["project"], r["requested_total"], r["page"], len(r["targets"])) for r in result.frames["project_goals"]]
    assert got == [("稽核经费", 6.0, 21, 2), ("移动支付", 8.0, 22, 1)]


def test_a_project_running_over_the_page_is_one_project() -> None:
    """At the top of the next page the project's name is printed again with no amount and the rest of
    its goal: one project, its goal joined; the same name with another amount is another project."""
    rows = [
        ["", "稽核经费", "5.00", "开展稽核", "产出指标", "数量指标", "审核机构数", "≥20家"],
        ["", "稽核经费", "", "并规范基金使用", "效益指标", "社会效益指标", "基金安全", "安全平稳"],
        ["", "稽核经费", "7.00", "另一单位的稽核", "产出指标", "数量指标", "审核机构数", "≥10家"],
    ]
    table = RawTable("project_targets", "部门预算项目绩效目标表", [7, 8, 9], [_LIST_HEAD], rows, [7, 8, 9])
    result = ParseResult()
    goals.parse(table, DOC, result)
    got = [(r["project"], r["requested_total"], r["goal"], len(r["targets"])) for r in result.frames["project_goals"]]
    assert got == [("稽核经费", 5.0, "开展稽核并规范基金使用", 2), ("稽核经费", 7.0, "另一单位的稽核", 1)]


def test_a_real_list_over_four_pages_gives_each_project_once() -> None:
    """达州 (a): 11 projects over pages 21–24, three of them running over a page break."""
    rows = ingest_file(Path(__file__).resolve().parents[2] / "samples" / "dazhou_2023_budget_a.pdf") \
        .frames["project_goals"]
    names = [r["project"].replace(" ", "") for r in rows]
    assert len(names) == len(set(names)) == 11
    assert sum(len(r["targets"]) for r in rows) == 93  # every indicator row of the 11 projects


def test_a_fund_line_not_understood_leaves_the_form_partial() -> None:
    header = [["项目名称", "某项目", "", ""], ["主管部门", "某局", "实施单位", "某局"]]
    rows = [
        ["项目资金\n（万元）", "年度资金总额", "", "100.00"],
        ["", "其中：财政拨款", "", "100.00"],
        ["", "一般公共预算", "", "60.00"],  # a breakdown of 财政拨款, not a sibling part: never guessed
        ["", "其他资金", "", "0.00"],
        ["年度总体目标", "完成任务", "", ""],
    ]
    table = RawTable("project_targets", "项目支出绩效目标表", [3], header, rows, [3] * len(rows))
    reading = read_table(table, DOC, None, {})
    assert reading.status == PARTIAL and "未识别的资金行“一般公共预算”" in reading.reason
    (row,) = reading.frames["project_goals"]
    assert (row["requested_total"], row["requested_fiscal"], row["requested_other"]) == (100.0, 100.0, 0.0)


def test_a_column_heading_is_not_a_total() -> None:
    header = [["项目名称", "某项目", "", ""]]
    rows = [
        ["项目资金\n（万元）", "", "中期资金总额", "年度资金总额"],
        ["", "资金总额", "300.00", "100.00"],
        ["", "其中：财政拨款", "300.00", "90.00"],
        ["", "其他资金", "0.00", "10.00"],
    ]
    result = ParseResult()
    goals.parse(RawTable("project_targets", "项目支出绩效目标表", [3], header, rows, [3] * 4), DOC, result)
    (row,) = result.frames["project_goals"]
    # 资金总额's amount is the first to its right (中期); its parts are below it in that column
    assert (row["requested_total"], row["requested_fiscal"], row["requested_other"]) == (300.0, 300.0, 0.0)
    assert not result.warnings


def test_the_funds_block_ends_at_the_indicator_block() -> None:
    header = [["项目名称", "某项目", "", ""]]
    rows = [
        ["项目资金\n（万元）", "年度资金总额", "", "10.00"],
        ["", "其中：财政拨款", "", "10.00"],
        ["绩效指标", "一级指标", "三级指标", "指标值"],
        ["", "产出指标", "培训人次", "100"],  # a figure in the amount column, not a fund line
    ]
    result = ParseResult()
    goals.parse(RawTable("project_targets", "项目支出绩效目标表", [3], header, rows, [3] * 4), DOC, result)
    (row,) = result.frames["project_goals"]
    assert (row["requested_total"], row["requested_fiscal"], row.get("requested_other")) == (10.0, 10.0, None)
    assert row["targets"] == ["产出指标/培训人次：100"] and not result.warnings


def test_sample_pdfs_differ_only_in_the_planted_figure(tmp_path: Path) -> None:
    correct, broken = sample.forms(), sample.forms(broken=True)
    assert correct[0] == broken[0] and correct[1].current != broken[1].current == sample.BROKEN_CURRENT
