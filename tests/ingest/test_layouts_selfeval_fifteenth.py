"""A fifteenth round of layouts (samplegen/variants_selfeval_fifteenth.py): 绩效自评 forms as 湖南, 山西, 内蒙古, 重庆,
江苏, 福建, 广东, 甘肃, 湖北, 海南, 宁夏 and 陕西 offices and the national 中央对地方转移支付区域绩效自评表 print
them, read back figure by figure.

Each variant PDF, and a copy with one planted defect, is drawn once per session and ingested once with the real
pipeline. Every figure of every project (its fund lines too) and indicator is compared with what was drawn; every
table is complete; the whole copies raise no project rule and no totals_mismatch, each broken copy raises exactly the
rules its defect is for, on the project it was planted in.
"""

from __future__ import annotations

import pytest

from ingest.document import Outcome
from samplegen import variants_selfeval_fifteenth as v
from samplegen import variants_selfeval_fifteenth_forms as f
from samplegen import variants_selfeval_fifteenth_more as m
from tests.ingest.layouts import SELFEVAL_RULES, assert_read_as_drawn, findings, ingested, ok, raised_projects
from tests.ingest.layouts import indicators as indicators_of
from tests.ingest.layouts import projects as projects_of

FILES = [(name, broken) for name in v.VARIANTS for broken in (False, True)]


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _file(name: str, broken: bool) -> str:
    return v.broken_name(name) if broken else name


@pytest.mark.parametrize(("name", "broken"), FILES)
def test_every_figure_is_read_as_drawn(outcomes, name, broken):
    """Budget, execution, printed rate, weight, score, 总分, grade, every fund line (per kind and column), and every
    indicator's levels, target, actual, weight and score; every table complete."""
    out = ok(outcomes, _file(name, broken))
    assert out.meta.year == 2023 and out.meta.doc_kind == "performance_report"
    assert all(r["status"] == "complete" for r in out.frames["readings"]), out.frames["readings"]
    assert_read_as_drawn(out, v.drawn(name, broken))


@pytest.mark.parametrize("name", list(v.VARIANTS))
def test_planted_defects_are_raised_and_nothing_on_the_whole_copies(outcomes, name):
    assert raised_projects(ok(outcomes, name), SELFEVAL_RULES) == {}
    want = {rule: sorted(projects) for rule, projects in v.PLANTED[name].items()}
    assert raised_projects(ok(outcomes, v.broken_name(name)), SELFEVAL_RULES) == want


def test_fund_lines_inside_label_cells(outcomes):
    """湖南 部门整体: 按收入性质分：1,326.40 | 其中：一般公共预算：1,210.40 | … | 其他资金：116.00 in the label cells, beside
    按支出性质分：… | 基本支出：846.40 | 项目支出：480.00: the 全年预算数 broken down by kind, the spending left out (the
    lines were not read at all: the broken copy's 其他资金 10 short of its subtotal raised nothing)."""
    p = projects_of(ok(outcomes, "hunan_income_nature.pdf"))[f.OVERALL]
    assert (p["budget_full_year_fiscal"], p["budget_full_year_other"], p.get("budget_initial_fiscal")) == (1210.4, 116, None)
    (flag,) = findings(ok(outcomes, "hunan_income_nature_broken.pdf"), ("totals_mismatch",))
    assert "1,326.40" in flag["message"] and "1,316.40" in flag["message"], flag["message"]


def test_the_total_and_its_lines_in_one_cell(outcomes):
    """山西: 年度资金总额：1,200.00 其中：财政拨款：1,000.00 其他资金：200.00 in the total line's label cell (not read)."""
    p = projects_of(ok(outcomes, "shanxi_one_cell.pdf"))[f.SX.p.name]
    assert (p["budget_full_year_fiscal"], p["budget_full_year_other"]) == (1000, 200)


def test_a_central_transfer_region_form(outcomes):
    """中央对地方转移支付区域绩效自评表: named by its 转移支付（项目）名称, its office the 地方主管部门 (the file was
    quarantined: no agency), its indicators read though nothing is scored (none was: no 分值 | 得分 header), 中央补助
    and 地方资金 fiscal money (地方资金 was a line of no known kind: the lines not stored)."""
    out = ok(outcomes, "transfer_region.pdf")
    assert out.meta.agency == f.ZY_AGENCY
    p = projects_of(out)[f.ZY.p.name]
    assert (p["budget_full_year_fiscal"], p["executed_other"], p["total_score"]) == (4800, 186, None)
    assert len(indicators_of(out, f.ZY.p.name)) == len(f.ZY.p.indicators)


def test_an_indicator_said_not_done(outcomes):
    """重庆: 系统升级改造 按期完成 → 未完成, scored 10 of 10 (only a numeric miss was seen)."""
    (flag,) = findings(ok(outcomes, "chongqing_qualitative_broken.pdf"), ("indicator_unmet_full_score",))
    assert "系统升级改造" in flag["message"] and "未完成" in flag["message"]


def test_spending_lines_before_the_fund_lines(outcomes):
    """甘肃 部门整体: 基本支出 | 项目支出 under the 年度资金总额, then its 其中 fund lines: those are read (the spending
    lines ended the block: none stored)."""
    p = projects_of(ok(outcomes, "gansu_spending_lines.pdf"))[f.OVERALL]
    assert (p["budget_initial_fiscal"], p["executed_other"]) == (1500, 19.2)
    assert m.GS_SPENDING[0][0] == "基本支出"
