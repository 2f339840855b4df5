"""A fourteenth round of layouts (samplegen/variants_selfeval_fourteenth.py): 绩效自评 forms as 北京, 河北, 山东, 浙江,
四川, 云南, 吉林, 安徽, 湖北, 广西 and 河南 offices print them, read back figure by figure.

Each variant PDF, and a copy with one planted defect, is drawn once per session and ingested once with the real
pipeline. Every figure of every project (its fund lines too) and indicator is compared with what was drawn; every
table is complete (one broken copy is `partial` by design: a sum the reading cannot vouch for); the whole copies raise
no project rule and no totals_mismatch, each broken copy raises exactly the rules its defect is for, on the project it
was planted in, and the partial one nothing.
"""

from __future__ import annotations

import pytest

from ingest.document import Outcome
from samplegen import variants_selfeval_fourteenth as v
from samplegen import variants_selfeval_fourteenth_forms as f
from tests.ingest.layouts import (
    SELFEVAL_RULES,
    assert_read_as_drawn,
    findings,
    ingested,
    ok,
    raised_projects,
    reading,
)
from tests.ingest.layouts import indicators as indicators_of
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
    indicator's levels, target, actual, weight and score; every table complete (`partial` where the drawing says the
    reading cannot vouch for a sum)."""
    out = ok(outcomes, _file(name, broken))
    assert (out.meta.year, out.meta.doc_kind) == (2023, "performance_report")
    status = "partial" if _file(name, broken) in v.PARTIAL else "complete"
    assert all(r["status"] == status for r in out.frames["readings"]), out.frames["readings"]
    assert_read_as_drawn(out, v.drawn(name, broken))


@pytest.mark.parametrize("name", list(v.VARIANTS))
def test_planted_defects_are_raised_and_nothing_on_the_whole_copies(outcomes, name):
    assert raised_projects(ok(outcomes, name), PROJECT_RULES) == {}
    want = {rule: sorted(projects) for rule, projects in v.PLANTED[name].items()}
    assert raised_projects(ok(outcomes, v.broken_name(name)), PROJECT_RULES) == want


def test_a_form_in_thousands(outcomes):
    """北京: 预算执行情况（千元） | 3,200.0 is 320 万元 (it was read as 3,200 万元: only （元） and （万元） were known, and
    a label of 预算执行情况 was not looked at for a unit)."""
    p = projects_of(ok(outcomes, "beijing_exec_subtable.pdf"))[f.BJ.p.name]
    assert (p["budget_full_year"], p["executed"], p["budget_full_year_other"]) == (320, 272, 20)


def test_lines_above_a_total_printed_last(outcomes):
    """山东 (landscape): 财政拨款 | 上年结转 | 其他资金 printed above their 合计 are its parts — stored, and off the
    total a finding (they were not read at all: nothing stored, the broken copy's 370 ≠ 400 not seen)."""
    p = projects_of(ok(outcomes, "shandong_total_last.pdf"))[f.SD.p.name]
    assert (p["budget_full_year_fiscal"], p["budget_full_year_carried_over"], p["executed_other"]) == (2300, 250, 255)
    broken = ok(outcomes, "shandong_total_last_broken.pdf")
    one = reading(broken, "project_selfeval")
    assert one["status"] == "complete" and "文件本身所印" in one["reason"], one["reason"]
    (flag,) = [r for r in findings(broken, PROJECT_RULES) if r["rule"] == "totals_mismatch"]
    assert "合计 2,600.00 ≠ 分项之和 2,570.00" in flag["message"]


def test_the_execution_weight_left_blank(outcomes):
    """四川: 分值 blank on the 年度资金总额 line: 100 − the indicators' 90 = 10, so nothing spent and scored 10 is
    full_score_low_execution (it raised only high_total_low_execution)."""
    assert projects_of(ok(outcomes, "sichuan_weight_blank.pdf"))[f.SC.p.name]["exec_weight"] == 10
    assert raised_projects(ok(outcomes, "sichuan_weight_blank_broken.pdf"), PROJECT_RULES)["full_score_low_execution"] == [f.SC.p.name]


def test_a_total_fused_with_its_value(outcomes):
    """云南: 总分：99.6分 in one cell across the line (it was an indicator named 总分:99.6分, the form `partial` and
    the planted 0 %-executed full score raised nothing)."""
    out = ok(outcomes, "yunnan_fused_total.pdf")
    assert projects_of(out)[f.YN.p.name]["total_score"] == pytest.approx(99.6)
    assert not any(name.startswith("总分") for name in indicators_of(out, f.YN.p.name))


def test_fund_kinds_as_columns(outcomes):
    """广西 (landscape): 年初预算数 | 全年预算数 | 全年执行数 each merged over 财政拨款 | 上年结转 | 其他资金 | 合计: the
    budget is the 合计 column, each kind's column its line (the 财政拨款 column was read as the budget: 1,200 of 1,500)."""
    p = projects_of(ok(outcomes, "guangxi_fund_columns.pdf"))[v.more.GXC.p.name]
    assert (p["budget_initial"], p["budget_full_year"], p["executed"]) == (1500, 1600, 1200)
    assert (p["budget_full_year_fiscal"], p["budget_full_year_carried_over"], p["executed_other"]) == (1250, 100, 170)


def test_a_form_read_only_partly_is_partial_and_accused_of_nothing(outcomes):
    """河南: a 社会捐赠资金 line is of no known kind, so the lines are not stored; the broken copy's total 15 above
    them is a reading note (`partial`, the sum named), never a totals_mismatch."""
    out = ok(outcomes, "henan_unknown_line_broken.pdf")
    one = reading(out, "project_selfeval")
    assert one["status"] == "partial" and "合计 695.00 ≠ 分项之和 680.00" in one["reason"], one["reason"]
    assert raised_projects(out, PROJECT_RULES) == {}
    assert projects_of(out)[v.more.HN.p.name].get("budget_initial_fiscal") is None


def test_rows_repeated_at_the_top_of_every_page(outcomes):
    """辽宁: a Word form repeating its 项目名称 and 主管部门 rows on every page (重复标题行): the repeats are no new form
    and no indicators (each page after the first was a form without funds: the whole form `partial`, its indicators
    there lost, its 总分 unread, and the planted 0 %-executed full score raised nothing)."""
    out = ok(outcomes, "liaoning_repeated_head.pdf")
    p = projects_of(out)[v.more.LN.p.name]
    assert p["total_score"] == pytest.approx(v.more.LN.p.total) and len(indicators_of(out, v.more.LN.p.name)) == 12


def test_amounts_typed_with_their_unit(outcomes):
    """江西: 年度资金总额 | 860.00万元 …: the amounts (and the lines) are read (they were no numbers: the form `partial`,
    no budget, and the planted 0 %-executed full score raised nothing); the indicators' values keep their units."""
    out = ok(outcomes, "jiangxi_units_in_cells.pdf")
    p = projects_of(out)[v.more.JX.p.name]
    assert (p["budget_full_year"], p["executed"], p["executed_other"]) == (900, 828, 55.2)
    assert indicators_of(out, v.more.JX.p.name)["改造供水管网长度"][3] == "37.2公里"
