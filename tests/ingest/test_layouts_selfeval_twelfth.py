"""A twelfth round of layouts (samplegen/variants_selfeval_twelfth.py): 绩效自评 forms and lists as offices nobody
here tuned on print them, read back figure by figure.

Each variant PDF, and a copy with one planted defect, is drawn once per session and ingested once with the real
pipeline. Every figure of every project and indicator is compared with what was drawn; the whole copies raise no
project rule, each broken copy raises exactly the rules its defect is for (nothing spent and the execution scored in
full, a 总分 that is not the sum of the scores, a 执行率 that is not 执行数 / 预算数, a missed target scored in full),
on the project it was planted in.
"""

from __future__ import annotations

import pytest

from ingest.document import Outcome
from ingest.model import DocMeta, ParseResult, RawTable
from ingest.parsers import performance, selfeval_list
from samplegen import variants_selfeval_twelfth as v
from samplegen import variants_selfeval_twelfth_forms as f
from tests.ingest.layouts import assert_read_as_drawn, flags, ingested, nfkc, ok, reading
from tests.ingest.layouts import indicators as indicators_of
from tests.ingest.layouts import projects as projects_of

PROJECT_RULES = ("full_score_low_execution", "high_total_low_execution", "exec_rate_misreported",
                 "exec_exceeds_budget", "total_score_mismatch", "indicator_unmet_full_score", "budget_adjusted_heavily")
FILES = [(name, broken) for name in v.VARIANTS for broken in (False, True)]


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _file(name: str, broken: bool) -> str:
    return v.broken_name(name) if broken else name


def _raised(out: Outcome) -> dict[str, list[str]]:
    """rule → the projects it names on the document, for every project rule that raised anything."""
    return {rule: sorted(m.split("“")[1].split("”")[0] for m in found)
            for rule in PROJECT_RULES if (found := flags(out, rule))}


@pytest.mark.parametrize(("name", "broken"), FILES)
def test_every_figure_is_read_as_drawn(outcomes, name, broken):
    """Budget, execution, printed rate, weight, score, 总分 and grade of every project, and every indicator's
    levels, target, actual, weight and score (as the text layer gives them: NFKC, ＝ is =), every table complete."""
    out = ok(outcomes, _file(name, broken))
    assert (out.meta.year, out.meta.doc_kind) == (2023, "performance_report")
    assert all(r["status"] == "complete" for r in out.frames["readings"]), out.frames["readings"]
    assert_read_as_drawn(out, v.drawn(name, broken), level1=lambda s: nfkc(s).split("(")[0])


@pytest.mark.parametrize("name", list(v.VARIANTS))
def test_planted_defects_are_raised_and_nothing_on_the_whole_copies(outcomes, name):
    assert _raised(ok(outcomes, name)) == {}
    want = {rule: sorted(projects) for rule, projects in v.PLANTED[name].items()}
    assert _raised(ok(outcomes, v.broken_name(name))) == want


def test_budget_adjusted_and_actual_spending_columns(outcomes):
    """年初预算 | 调整后预算 | 实际支出 (a project form, and a 部门整体 form's 实际支出数): 调整后预算 is the
    year's budget, 实际支出 the execution — the form was left unread when 调整后预算 was printed beside 实际支出."""
    for name, project in (("adjusted_actual.pdf", f.AA), ("overall_adjusted.pdf", v.OA)):
        p = projects_of(ok(outcomes, name))[project.name]
        assert (p["budget_initial"], p["budget_full_year"], p["executed"]) == (
            project.initial, project.budget, project.executed)
    low = flags(ok(outcomes, "adjusted_actual_broken.pdf"), "full_score_low_execution", "error")
    assert len(low) == 1 and "执行率 0.00%" in low[0] and "10/10" in low[0]


def test_labels_ending_in_a_colon(outcomes):
    """项目名称： | 值, 年度资金总额： …: two forms in one grid, each read under its own name (the colon made the
    labels unknown and the grid unread)."""
    got = projects_of(ok(outcomes, "colon_labels.pdf"))
    assert [got[p.name]["executed"] for p in v.CL] == [p.executed for p in v.CL]
    assert {p["implementing_unit"] for p in got.values()} == {v.CL_AGENCY}


def test_a_grade_printed_instead_of_a_total(outcomes):
    """自评等级 | 优 closing the form is its grade, no indicator named 优 (whose 分值 优 made the table partial and kept
    the 0 % execution scored in full from the rules)."""
    out = ok(outcomes, "grade_only.pdf")
    p = projects_of(out)[f.GO.name]
    assert (p["total_score"], p["grade"]) == (None, "优")
    assert "优" not in indicators_of(out, f.GO.name)
    assert reading(out, "project_selfeval")["status"] == "complete"
    assert flags(ok(outcomes, "grade_only_broken.pdf"), "full_score_low_execution", "error")


def test_the_execution_weight_said_in_its_score_header(outcomes):
    """No 分值 column, 得分（10分）: the execution's weight is 10, so 40 % spent and scored 10 is raised as the
    error it is (with no weight the rule could not weigh the score)."""
    assert projects_of(ok(outcomes, "weight_in_header.pdf"))[v.WH.name]["exec_weight"] == 10
    (low,) = flags(ok(outcomes, "weight_in_header_broken.pdf"), "full_score_low_execution", "error")
    assert "执行率 40.00%" in low


def test_the_template_placeholder_lines_are_no_indicators(outcomes):
    """指标2 and …… left blank from the template are not indicators (they were read as ten more)."""
    names = set(indicators_of(ok(outcomes, "placeholders.pdf"), v.PH.name))
    assert names == {nfkc(i.name) for i in v.PH.indicators}


def test_the_execution_scored_on_a_line_of_its_own(outcomes):
    """预算执行率 | 96.00% | 分值 | 10 | 得分 | 9.6 under the fund lines: the execution's rate, weight and score, so
    the 总分 is their sum (the score unread raised total_score_mismatch on a clean form)."""
    p = projects_of(ok(outcomes, "execution_line.pdf"))[v.ES.name]
    assert (p["exec_rate_reported"], p["exec_weight"], p["exec_score"]) == (0.96, 10, 9.6)
    assert not flags(ok(outcomes, "execution_line.pdf"), "total_score_mismatch")


def test_a_list_grouped_by_unit_with_subtotals(outcomes):
    """单位名称 merged down its lines, a 小计 after each unit: the 小计 lines are no projects (read as two, they
    doubled the 合计's sum and kept the list partial), each line carries its unit."""
    out = ok(outcomes, "list_by_unit.pdf")
    assert reading(out, "selfeval_list")["status"] == "complete"
    got = projects_of(out)
    assert {name: p["implementing_unit"] for name, p in got.items()} == {
        n: unit for unit, lines in v.LU_UNITS for n, *_ in lines}


DOC = DocMeta("d", "430000", "湖南省", "衡阳市", None, "a", v.LU_AGENCY, 2023, "performance_report", "department",
              "x.pdf")


def test_a_subtotal_that_does_not_close_is_named():
    """A 小计 is checked against its unit's lines: one not closing fails the list's checks."""
    header = ["单位名称", "项目名称", "预算数", "执行数", "执行率", "自评得分"]
    lines = [["甲单位", "一", "10.00", "9.00", "90.00%", "95"], ["", "二", "20.00", "18.00", "90.00%", "95"],
             ["", "小计", "31.00", "27.00", "87.10%", ""], ["乙单位", "三", "5.00", "5.00", "100.00%", "98"],
             ["", "小计", "5.00", "5.00", "100.00%", ""], ["合计", "", "35.00", "32.00", "91.43%", ""]]
    result = ParseResult()
    selfeval_list.parse(RawTable("selfeval_list", "2023年度项目支出绩效自评结果汇总表", [1], [header], lines,
                                 [1] * len(lines)), DOC, result)
    assert [p["project"] for p in result.frames["projects"]] == ["一", "二", "三"]
    (failure,) = result.failures
    assert failure.name == "预算数列 小计与各项目之和" and (failure.total, failure.parts) == (31.0, 30.0)


def test_scores_printed_with_points_and_a_stamped_implementer(outcomes):
    """10分 | 9.5分 and every indicator's 分值 / 得分 printed with 分 are read as the numbers (they were unreadable: no
    weights, no scores, the 总分 never checked); 实施单位（盖章） is the 实施单位 label."""
    out = ok(outcomes, "points_suffix.pdf")
    p = projects_of(out)[f.PS.name]
    assert (p["exec_weight"], p["exec_score"], p["total_score"], p["implementing_unit"]) == (
        10, 9.5, f.PS.total, f.PS_AGENCY)
    assert {i["score"] for i in out.frames["indicators"]} == {i.score for i in f.PS.indicators}
    assert flags(ok(outcomes, "points_suffix_broken.pdf"), "total_score_mismatch")


def test_an_indicator_header_over_two_rows(outcomes):
    """绩效指标 over 一级 | 二级 | 三级指标, 分值 and 得分 merged down both header rows: the indicators are read (none
    were: the table was partial and the form's 0 % execution scored in full went unflagged)."""
    out = ok(outcomes, "two_row_header.pdf")
    assert reading(out, "project_selfeval")["status"] == "complete"
    assert set(indicators_of(out, f.TH.name)) == {i.name for i in f.TH.indicators}
    assert flags(ok(outcomes, "two_row_header_broken.pdf"), "full_score_low_execution", "error")


def test_a_total_called_composite_score_with_a_grade_under_it(outcomes):
    """综合得分 | 100 | 99.4 closing the indicators, 自评等级 | 优 under it: the form's 总分 and grade, no indicator named
    综合得分 (read as one, it doubled the indicators' sum and raised total_score_mismatch on a clean form)."""
    out = ok(outcomes, "score_and_grade.pdf")
    p = projects_of(out)[v.TL.name]
    assert (p["total_score"], p["grade"]) == (v.TL.total, "优")
    assert "综合得分" not in indicators_of(out, v.TL.name)
    assert not flags(out, "total_score_mismatch")


def test_indicators_ruled_as_a_grid_of_their_own(outcomes):
    """The indicator block printed as a second grid under the form's first, no title between: one form, its
    indicators read (they were a table of their own, read as an empty one, and the form partial with none)."""
    out = ok(outcomes, "indicators_apart.pdf")
    (one,) = [r for r in out.frames["readings"] if r["family"] == "project_selfeval"]
    assert one["status"] == "complete"
    assert set(indicators_of(out, f.IA.name)) == {i.name for i in f.IA.indicators}
    assert projects_of(out)[f.IA.name]["total_score"] == f.IA.total


def test_a_project_code_printed_in_a_cell_of_its_own():
    """项目编码 as a list column or a form's own line (not fused with the name) is the project_code (it was lost)."""
    result = ParseResult()
    header = ["序号", "项目编码", "项目名称", "预算数", "执行数", "执行率", "自评得分"]
    lines = [["1", "43040021T000000123456", "甲", "10.00", "9.00", "90.00%", "95"],
             ["合计", "", "", "10.00", "9.00", "90.00%", ""]]
    selfeval_list.parse(RawTable("selfeval_list", "2023年度项目支出绩效自评结果汇总表", [1], [header], lines, [1, 1]),
                        DOC, result)
    form = [["项目名称", "乙", "乙", "乙", "乙", "乙", "乙", "乙"],
            ["项目编码", "43040021T000000654321", "", "", "", "", "", ""],
            ["主管部门", "某局", "某局", "某局", "实施单位", "某局", "某局", "某局"],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", "10.00", "10.00", "9.00", "10", "90.00%", "9"],
            list(v.IND_HEAD), ["产出指标", "数量指标", "完成数", "≥1个", "1个", "90", "90", ""],
            ["总分", "", "", "", "", "100", "99", ""]]
    performance.parse(RawTable("project_selfeval", "项目支出绩效自评表", [2], [], form, [2] * len(form)), DOC, result)
    assert [(p["project"], p["project_code"]) for p in result.frames["projects"]] == [
        ("甲", "43040021T000000123456"), ("乙", "43040021T000000654321")]
