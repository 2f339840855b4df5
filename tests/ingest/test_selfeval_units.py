"""The unit a self-evaluation form or a 绩效目标表 prints its money in: 元, 千元 or 万元, as its funds labels say it
(项目资金（千元）, 预算执行情况（元）) or a 单位 line above the table states it; the lake keeps 万元.

A 千元 form was read as 万元 (ten times its budget): the parsers knew only （元） and （万元）, and a form whose table
was stated in 千元 was taken as 万元 too.
"""

from __future__ import annotations

import pytest

from ingest.model import DocMeta, ParseResult, RawTable
from ingest.parsers import goals, performance
from ingest.parsers.selfeval_cells import funds_unit

DOC = DocMeta("d", "110000", "北京市", None, None, "a", "北京市某局", 2023, "performance_report", "department", "x.pdf")
IND_HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]


def _form(label: str, unit: str = "万元", indicator: str = "完成数", typed: str = "") -> tuple[dict, list[dict]]:
    """A one-project form whose funds block is labelled `label`, in a table stated in `unit`, its amounts typed with
    `typed` after them (1,500.0万元): (its projects row, its readings' failures)."""
    rows = [["项目名称", "甲项目", "", "", "", "", "", ""],
            [label, "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", "1,500.0", "1,200.0", "1,080.0", "10", "90.00%", "9"],
            ["", "其中：当年财政拨款", "1,000.0", "1,000.0", "900.0", "", "", ""],
            ["", "其他资金", "500.0", "200.0", "180.0", "", "", ""],
            IND_HEAD, ["产出指标", "数量指标", indicator, "≤1,500.0万元", "1,080.0万元", "90", "90", ""],
            ["总分", "", "", "", "", "100", "99", ""]]
    for row in rows[2:5]:
        row[2:5] = [f"{c}{typed}" for c in row[2:5]]
    table = RawTable("project_selfeval", "项目支出绩效自评表", [3], [], rows, [3] * len(rows), unit=unit)
    result = ParseResult()
    performance.parse(table, DOC, result)
    (p,) = result.frames["projects"]
    return p, result.failures


@pytest.mark.parametrize(("label", "unit", "factor"), [
    ("项目资金（千元）", "万元", 0.1), ("项目资金(千元)", "元", 0.1), ("项目资金（万元）", "千元", 1.0),
    ("项目资金", "千元", 0.1), ("预算执行情况（元）", "万元", 0.0001), ("项目资金（元）", "万元", 0.0001)])
def test_a_form_in_thousands_is_kept_in_wan(label, unit, factor):
    """项目资金（千元） | 1,200.0 is 120 万元, its lines too (they were read as 1,200 万元); the label's unit wins over the
    table's stated one, a label without a unit leaves the table's."""
    p, failures = _form(label, unit)
    assert failures == []
    want = {"budget_initial": 1500, "budget_full_year": 1200, "executed": 1080, "budget_initial_fiscal": 1000,
            "budget_full_year_other": 200, "executed_other": 180}
    assert {k: p[k] for k in want} == {k: pytest.approx(v * factor) for k, v in want.items()}
    assert p["exec_rate"] == pytest.approx(0.9)


def test_a_unit_named_by_an_indicator_is_not_the_forms():
    """人均补助标准（元） is an indicator's own unit: the funds stay in the form's 万元."""
    p, _ = _form("项目资金（万元）", indicator="人均补助资金（元）")
    assert p["budget_full_year"] == 1200


def test_labels_disagreeing_say_nothing():
    rows = [["项目资金（万元）", "年初预算数（元）"], ["年度资金总额", "1"]]
    assert funds_unit(rows, "万元") == "万元"
    assert funds_unit([["预算执行情况（千元）", "全年预算数"]], "万元") == "千元"


def test_a_goal_form_in_thousands():
    """项目资金（千元） on a 绩效目标表: its totals and parts in 万元 (the unit was not known: read as the table's 万元)."""
    rows = [["项目名称", "甲项目", "", ""],
            ["项目资金（千元）", "年度资金总额", "1,500.0", ""],
            ["", "其中：财政拨款", "1,200.0", ""],
            ["", "其他资金", "300.0", ""],
            ["年度总体目标", "完成任务", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "完成数", "≥1个"]]
    table = RawTable("project_targets", "项目支出绩效目标表", [2], [], rows, [2] * len(rows))
    result = ParseResult()
    goals.parse(table, DOC, result)
    (row,) = result.frames["project_goals"]
    assert (row["requested_total"], row["requested_fiscal"], row["requested_other"]) == (150, 120, 30)
    assert table.unit == "千元"


@pytest.mark.parametrize(("label", "typed", "factor"), [
    ("项目资金", "万元", 1.0), ("项目资金", "元", 0.0001), ("项目资金（元）", "元", 0.0001), ("项目资金（万元）", "千元", 0.1)])
def test_amounts_typed_with_their_unit(label, typed, factor):
    """年度资金总额 | 1,500.0万元: each amount in the unit typed after it (it was no number: the form had no budget, and
    the first line with figures — an indicator's — was read as the funds)."""
    p, failures = _form(label, typed=typed)
    assert failures == []
    assert (p["budget_initial"], p["budget_full_year_other"]) == (pytest.approx(1500 * factor), pytest.approx(200 * factor))
