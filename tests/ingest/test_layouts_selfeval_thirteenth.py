"""A thirteenth round of layouts (samplegen/variants_selfeval_thirteenth.py): 绩效自评 forms as 北京, 上海, 江苏, 浙江,
广东, 贵州, 天津 and 湖南 offices print them, each with its 年度资金总额's 其中 lines, read back figure by figure.

Each variant PDF, and a copy with one planted defect, is drawn once per session and ingested once with the real
pipeline. Every figure of every project (its fund lines too) and indicator is compared with what was drawn; the whole
copies raise no project rule and no totals_mismatch, each broken copy raises exactly the rules its defect is for, on
the project it was planted in.
"""

from __future__ import annotations

import pytest

from ingest.document import Outcome
from ingest.model import DocMeta, ParseResult, RawTable
from ingest.parsers import performance, selfeval_list
from ingest.parsers.selfeval_cells import rate_of
from samplegen import variants_selfeval_thirteenth as v
from samplegen import variants_selfeval_thirteenth_forms as f
from tests.ingest.layouts import (
    SELFEVAL_RULES,
    assert_read_as_drawn,
    findings,
    ingested,
    nfkc,
    ok,
    raised_projects,
    reading,
)
from tests.ingest.layouts import projects as projects_of

PROJECT_RULES = SELFEVAL_RULES
FILES = [(name, broken) for name in v.VARIANTS for broken in (False, True)]


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _file(name: str, broken: bool) -> str:
    return v.broken_name(name) if broken else name


@pytest.mark.parametrize(("name", "broken"), FILES)
def test_every_figure_is_read_as_drawn(outcomes, name, broken):
    """Budget, execution, printed rate, weight, score, 总分, every fund line (per kind and column), and every
    indicator's levels, target, actual, weight and score; every table complete."""
    out = ok(outcomes, _file(name, broken))
    assert (out.meta.year, out.meta.doc_kind) == (2023, "performance_report")
    assert all(r["status"] == "complete" for r in out.frames["readings"]), out.frames["readings"]
    assert_read_as_drawn(out, v.drawn(name, broken), level1=lambda s: nfkc(s).split("(")[0])


@pytest.mark.parametrize("name", list(v.VARIANTS))
def test_planted_defects_are_raised_and_nothing_on_the_whole_copies(outcomes, name):
    assert raised_projects(ok(outcomes, name), PROJECT_RULES) == {}
    want = {rule: sorted(projects) for rule, projects in v.PLANTED[name].items()}
    assert raised_projects(ok(outcomes, v.broken_name(name)), PROJECT_RULES) == want


@pytest.mark.parametrize(("cell", "head", "rate"), [
    ("0.8", "执行率（%）", 0.008), ("96.5", "执行率(%)", 0.965), ("96.5%", "执行率（%）", 0.965),
    ("0.95", "执行率", 0.95), ("96.00％", "执行率", 0.96), ("", "执行率（%）", None)])
def test_a_rate_under_a_percent_header_is_per_cent(cell, head, rate):
    """执行率（%） over a bare 0.8 is 0.8 %, not 80 % (a bare number up to 1.5 reads as a fraction elsewhere)."""
    assert rate_of(cell, head) == rate


def test_a_rate_column_in_percent_raises_no_false_misreport(outcomes):
    """上海: a 0.8 % execution printed 0.8 under 执行率（%） was read as 80 %, and the whole copy raised
    exec_rate_misreported (80.00% printed against 2.00 / 250.00)."""
    p = projects_of(ok(outcomes, "shanghai_rate_in_header.pdf"))[f.SH[1].p.name]
    assert p["exec_rate_reported"] == pytest.approx(0.008)


DOC = DocMeta("d", "310000", "上海市", None, None, "a", f.SH_AGENCY, 2023, "performance_report", "department",
              "x.pdf")


def test_a_list_rate_column_in_percent():
    """The same in a 自评结果汇总表: 执行率(%) | 0.8 is 0.8 %."""
    header = ["序号", "项目名称", "预算数", "执行数", "执行率(%)", "自评得分"]
    lines = [["1", "甲", "250.00", "2.00", "0.8", "60"], ["合计", "", "250.00", "2.00", "0.8", ""]]
    result = ParseResult()
    selfeval_list.parse(RawTable("selfeval_list", "2023年度项目支出绩效自评结果汇总表", [1], [header], lines, [1, 1]),
                        DOC, result)
    assert [p["exec_rate_reported"] for p in result.frames["projects"]] == [pytest.approx(0.008)]


def test_the_execution_weight_only_in_the_header(outcomes):
    """贵州: 分值（10） heads the column, the 年度资金总额 line's 分值 cell is blank: the weight is 10, so nothing spent
    and scored 10 is raised as full_score_low_execution (without the weight the rule could not weigh the score)."""
    assert projects_of(ok(outcomes, "guizhou_weight_in_head.pdf"))[f.GZ.p.name]["exec_weight"] == 10
    assert raised_projects(ok(outcomes, "guizhou_weight_in_head_broken.pdf"), PROJECT_RULES)["full_score_low_execution"] == [f.GZ.p.name]


def test_a_column_number_in_a_header_is_no_weight():
    """年初预算数（1） … numbered columns say no weight: only a 分值 / 权重 / 得分 header does."""
    rows = [["项目名称", "乙", "", "", "", "", "", ""],
            ["项目资金（万元）", "", "年初预算数（1）", "全年预算数（2）", "全年执行数（3）", "执行率", "得分", ""],
            ["", "年度资金总额", "10.00", "10.00", "9.00", "90.00%", "9", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
            ["产出指标", "数量指标", "完成数", "≥1个", "1个", "90", "90", ""], ["总分", "", "", "", "", "100", "99", ""]]
    result = ParseResult()
    performance.parse(RawTable("project_selfeval", "项目支出绩效自评表", [2], [], rows, [2] * len(rows)), DOC, result)
    (p,) = result.frames["projects"]
    assert p["exec_weight"] is None and p["exec_score"] == 9


def test_fund_lines_off_their_total_are_a_finding(outcomes):
    """浙江: the 年初预算数 total 210 over lines of 168 + 30: a second reader reads the same figures, the form stays
    complete and totals_mismatch names the project, the column and both figures; the whole copy's lines add up."""
    broken = ok(outcomes, "zhejiang_lines_off_broken.pdf")
    one = reading(broken, "project_selfeval")
    assert one["status"] == "complete" and "文件本身所印" in one["reason"], one["reason"]
    (flag,) = [r for r in findings(broken, PROJECT_RULES) if r["rule"] == "totals_mismatch"]
    assert flag["project"] == f.HZ.p.name and flag["page"] == 1
    assert "年初预算数列" in flag["message"] and "合计 210.00 ≠ 分项之和 198.00" in flag["message"]


def test_weights_printed_as_shares(outcomes):
    """陕西: 权重 printed 10%, 30% …: the weights are points of 100 (they were unreadable: the form's execution had no
    weight and nothing spent scored 10 went without full_score_low_execution)."""
    out = ok(outcomes, "shaanxi_percent_weights.pdf")
    assert projects_of(out)[v.more.SX.p.name]["exec_weight"] == 10
    assert sorted(i["weight"] for i in out.frames["indicators"]) == [20, 20, 20, 30]
    assert raised_projects(ok(outcomes, "shaanxi_percent_weights_broken.pdf"), PROJECT_RULES)["full_score_low_execution"] == [
        v.more.SX.p.name]


def test_fund_lines_broken_down_or_by_level(outcomes):
    """福建: 当年财政拨款 with 其中：一般公共预算 | 政府性基金 under it is counted once (the breakdown made the lines look
    unread and the whole form `partial`); 重庆: 中央 | 市级 | 区级 lines are its fiscal money (they were a kind not
    known: not stored)."""
    fj = projects_of(ok(outcomes, "fujian_nested_lines.pdf"))[v.more.FJ.p.name]
    assert (fj["budget_full_year_fiscal"], fj["budget_full_year_other"]) == (640, 40)
    cq = projects_of(ok(outcomes, "chongqing_level_lines.pdf"))[v.more.CQ.p.name]
    assert cq["budget_full_year_fiscal"] == 1560
    gx = projects_of(ok(outcomes, "guangxi_yuan_lines.pdf"))[v.more.GX.p.name]
    assert (gx["budget_initial"], gx["executed_other"]) == (86, pytest.approx(5.76))
