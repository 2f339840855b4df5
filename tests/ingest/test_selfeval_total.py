"""The line closing a self-evaluation form's indicators (ingest/parsers/selfeval_total.py), read through the form's
parser: a 总分 fused with its value in one merged cell (总分：96.5分), and the execution's 分值 left blank — its weight
is what the 总分's 分值 leaves after the indicators' weights, so a 0 % execution scored 10 of 10 is weighed."""

from __future__ import annotations

import pytest

from fiscal.rules import Frames, evaluate
from ingest.model import DocMeta, ParseResult, RawTable
from ingest.parsers import performance

DOC = DocMeta("d", "510000", "四川省", None, None, "a", "成都市某局", 2023, "performance_report", "department", "x.pdf")
FUNDS_HEAD = ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
IND_HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]
INDICATORS = [["产出指标", "数量指标", "完成数", "≥1个", "1个", "40", "40", ""],
              ["效益指标", "社会效益指标", "效果", "好", "好", "50", "50", ""]]


def _parse(funds: list[str], total: list[str], indicators: list[list[str]] = INDICATORS) -> ParseResult:
    rows = [["项目名称", "甲项目", "", "", "", "", "", ""], FUNDS_HEAD, ["", "年度资金总额", *funds],
            IND_HEAD, *indicators, total]
    result = ParseResult()
    performance.parse(RawTable("project_selfeval", "项目支出绩效自评表", [3], [], rows, [3] * len(rows)), DOC, result)
    return result


def _rules(result: ParseResult) -> set[str]:
    frames = Frames.of(projects=result.frames["projects"], indicators=result.frames["indicators"])
    found = evaluate(frames, rules=["full_score_low_execution", "high_total_low_execution", "total_score_mismatch"])
    return set(found.get_column("rule").to_list())


@pytest.mark.parametrize("total", [
    ["总分：100分"] * 8, ["总分:100", "", "", "", "", "", "", ""], ["总分100分"] * 8])
def test_a_total_fused_with_its_value(total):
    """总分：100分 merged across the line was an indicator named 总分：100分 and the form had no total score (so a high
    total at a low execution went unflagged)."""
    result = _parse(["120", "120", "0", "10", "0.00%", "10"], total)
    (p,) = result.frames["projects"]
    assert p["total_score"] == 100
    assert [i["name"] for i in result.frames["indicators"]] == ["完成数", "效果"]
    assert result.warnings == []
    assert {"full_score_low_execution", "high_total_low_execution"} <= _rules(result)


def test_a_grade_fused_with_its_label():
    result = _parse(["120", "120", "118", "10", "98.33%", "9.8"], ["自评等级：优"] * 8)
    (p,) = result.frames["projects"]
    assert (p["grade"], p["total_score"]) == ("优", None)


def test_the_execution_weight_left_blank():
    """分值 blank on the 年度资金总额 line, 得分 10: the 总分's 分值 100 less the indicators' 90 is its weight (it was
    None: nothing spent and scored 10 raised no full_score_low_execution)."""
    result = _parse(["120", "120", "0", "", "0.00%", "10"], ["总分", "", "", "", "", "100", "100", ""])
    (p,) = result.frames["projects"]
    assert p["exec_weight"] == 10
    assert "full_score_low_execution" in _rules(result)


@pytest.mark.parametrize(("total", "score", "weight"), [
    (["总分", "", "", "", "", "", "100", ""], "10", None),  # no 分值 printed on the total line
    (["总分", "", "", "", "", "100", "100", ""], "12", None),  # a score more than what is left: not its weight
    (["总分", "", "", "", "", "90", "90", ""], "10", None)])  # nothing left
def test_no_weight_guessed(total, score, weight):
    (p,) = _parse(["120", "120", "118", "", "98.33%", score], total).frames["projects"]
    assert p["exec_weight"] is weight


def test_an_indicator_without_a_weight_leaves_none():
    indicators = [INDICATORS[0], ["效益指标", "社会效益指标", "效果", "好", "好", "", "50", ""]]
    (p,) = _parse(["120", "120", "118", "", "98.33%", "10"], ["总分", "", "", "", "", "100", "100", ""],
                  indicators).frames["projects"]
    assert p["exec_weight"] is None


def test_the_execution_scored_as_an_indicator_line_its_weight_blank():
    """No 分值 | 得分 in the funds block, the execution scored on an indicator line 预算执行率 whose 分值 is blank: the
    line is the execution's (it stayed an indicator of no weight), weighed by what the 总分 leaves."""
    rows = [["项目名称", "甲项目", "", "", "", "", "", ""],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率", "", ""],
            ["", "年度资金总额", "120", "120", "0", "0.00%", "", ""], IND_HEAD, *INDICATORS,
            ["预算执行", "预算执行率", "预算执行率", "100%", "0%", "", "10", ""], ["总分", "", "", "", "", "100", "100", ""]]
    result = ParseResult()
    performance.parse(RawTable("project_selfeval", "项目支出绩效自评表", [3], [], rows, [3] * len(rows)), DOC, result)
    (p,) = result.frames["projects"]
    assert (p["exec_weight"], p["exec_score"]) == (10, 10)
    assert [i["name"] for i in result.frames["indicators"]] == ["完成数", "效果"]
    assert "full_score_low_execution" in _rules(result)


def test_no_weight_without_a_weight_column():
    """A funds block printing 得分 and no 分值 column: its score may be out of anything, no weight is inferred."""
    rows = [["项目名称", "甲项目", "", "", "", "", "", ""],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "执行率", "得分", ""],
            ["", "年度资金总额", "120", "120", "118", "98.33%", "9.8", ""], IND_HEAD, *INDICATORS,
            ["总分", "", "", "", "", "100", "99.8", ""]]
    result = ParseResult()
    performance.parse(RawTable("project_selfeval", "项目支出绩效自评表", [3], [], rows, [3] * len(rows)), DOC, result)
    assert result.frames["projects"][0]["exec_weight"] is None
