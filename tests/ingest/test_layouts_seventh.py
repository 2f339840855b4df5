"""A seventh round of layouts (samplegen/variants_seventh.py), 部门预算 tables as other provinces and levels print
them, read back figure by figure.

Each variant PDF, and a copy with printed figures changed so that a sum breaks, is drawn once per session and
ingested once with the real pipeline. Every figure is checked (a 元 table's exactly, 元 / 10000); the table is
`complete` where its sums close; in the broken copy the broken sum is named — the table `partial`, or `complete`
with the failed sum stated and the rule raising it — never a silent `complete`, and never a flag on the whole copy.
"""

from __future__ import annotations

from typing import Any

import pytest

from ingest.document import Outcome
from samplegen import variants_seventh as v
from tests.ingest.layouts import caught as _broken_is_caught
from tests.ingest.layouts import expected as _expected
from tests.ingest.layouts import flags, ingested
from tests.ingest.layouts import line_items as _line_items
from tests.ingest.layouts import ok as _ok
from tests.ingest.layouts import reading as _reading
from tests.ingest.layouts import sangong_table as _sangong


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _budget(out: Outcome) -> None:
    assert (out.meta.doc_kind, out.meta.year) == ("budget", 2024)


def _summary(out: Outcome, table: str = "summary") -> dict[str, float]:
    return {r["item"]: r["amount"] for r in out.frames["summary"] if r["table"] == table}


def _classes(out: Outcome, table: str = "summary") -> dict[str, float]:
    return {r["label"]: r["amount"] for r in out.frames["summary"]
            if r["table"] == table and r["item"] == "function_class"}


@pytest.mark.parametrize("name", ["summary_budget.pdf", "summary_budget_three_line.pdf",
                                  "summary_budget_reserve.pdf", "summary_balance_words.pdf",
                                  "summary_budget_two_pages.pdf"])
def test_summary_budget_every_fund_and_the_balances(outcomes, name):
    """收入 项目 | 预算数 beside 支出 项目 | 预算数: nine income lines, 本年收入合计, 上年结转 (上年结转结余), 收入总计;
    结转下年 (年终结转结余) and 支出总计 on the other side; 用事业基金弥补收支差额 counted in the 收入总计 where it is
    printed."""
    out = _ok(outcomes, name)
    _budget(out)
    reserve = "reserve" in name
    items = _summary(out)
    assert {k: items[k] for k in v.summary_totals(reserve)} == pytest.approx(v.summary_totals(reserve), abs=1e-9)
    assert items["fiscal_appropriation"] == 4120.35 and items["business_income"] == 305.72
    assert _classes(out) == pytest.approx({label[2:]: x for label, x in v.summary_classes(reserve)}, abs=1e-9)
    if reserve:
        assert items["non_fiscal_balance_used"] == v.SU_RESERVE
    reading = _reading(out, "summary")
    assert reading["status"] == "complete", reading["reason"]
    if name == "summary_budget_two_pages.pdf":
        assert reading["table_pages"] == [2, 3]
    broken = _broken_is_caught(outcomes, name, "summary", "totals_mismatch")
    assert "本年支出合计与各功能分类（类）之和" in broken["reason"]


@pytest.mark.parametrize("name", ["summary_two_years.pdf", "summary_two_years_b.pdf",
                                  "summary_last_and_this_year.pdf"])
def test_summary_budget_year_column_beside_last_years(outcomes, name):
    """项目 | 2023年预算数 | 2024年预算数 (上年预算数 | 本年预算数) on each side: the 2024 figures are read, not last
    year's."""
    out = _ok(outcomes, name)
    _budget(out)
    items = _summary(out)
    assert {k: items[k] for k in v.summary_two_years_totals()} == pytest.approx(v.summary_two_years_totals())
    assert items["fiscal_appropriation"] == 3012.75
    assert _classes(out) == {label[2:]: x for label, _last, x in v.SY_CLASSES}
    assert _reading(out, "summary")["status"] == "complete"
    broken = _broken_is_caught(outcomes, name, "summary", "totals_mismatch")
    assert "本年支出合计与各功能分类（类）之和" in broken["reason"]


def test_fiscal_summary_this_year_and_carried_over_blocks(outcomes):
    """一、本年收入 and 二、上年结转 each over their funds: the funds under 上年结转 are the balance's parts."""
    out = _ok(outcomes, "fiscal_blocks.pdf")
    items = _summary(out, "fiscal_summary")
    assert {k: items[k] for k in v.fiscal_blocks_totals()} == pytest.approx(v.fiscal_blocks_totals())
    assert items["fiscal_appropriation"] == 5210.4 and items["gov_fund_appropriation"] == 300.0
    assert (items["opening_balance_fiscal"], items["opening_balance_gov_fund"]) == (180.25, 40.0)
    assert _classes(out, "fiscal_summary") == {label[2:]: x for label, x in v.FB_CLASSES}
    assert _reading(out, "fiscal_summary")["status"] == "complete"
    broken = _broken_is_caught(outcomes, "fiscal_blocks.pdf", "fiscal_summary", "totals_mismatch")
    assert "支出方 总计" in broken["reason"]


@pytest.mark.parametrize("name", ["income_funds.pdf", "income_funds_b.pdf", "income_funds_continued.pdf"])
def test_income_budget_every_source_under_level_code_columns(outcomes, name):
    """合计 | 上年结转 | 一般公共预算 | 政府性基金预算 | 财政专户管理资金 | 单位资金 (事业收入 | 事业单位经营收入 |
    上级补助收入 | 其他收入), codes in 类 | 款 | 项: every figure; the broken copy's line sum named."""
    out = _ok(outcomes, name)
    _budget(out)
    assert _line_items(out, "income") == _expected(v.income_fund_lines(), v.IF_MEASURES)
    reading = _reading(out, "income")
    assert reading["status"] == "complete", reading["reason"]
    if name == "income_funds_continued.pdf":
        assert reading["table_pages"] == [2, 3]
    broken = _broken_is_caught(outcomes, name, "income", "totals_mismatch")
    assert "2130306行 合计与上年结转" in broken["reason"] or "21303行 合计与上年结转" in broken["reason"]


@pytest.mark.parametrize("name", ["income_fused_codes.pdf", "income_fused_codes_indented.pdf"])
def test_income_budget_code_and_name_in_one_cell(outcomes, name):
    """功能分类科目 printing "2010501 行政运行" (indented by level, or not) | 合计 | 财政拨款收入 | 事业收入 | 其他收入."""
    out = _ok(outcomes, name)
    _budget(out)
    assert _line_items(out, "income") == _expected(v.fused_lines(), v.FC_MEASURES)
    names = {r["code"]: r["name"] for r in out.frames["line_items"] if r["code"]}
    assert names["2010505"] == "专项统计业务" and names["201"] == "一般公共服务支出"
    assert _reading(out, "income")["status"] == "complete"
    broken = _broken_is_caught(outcomes, name, "income", "totals_mismatch")
    assert "2010505行 合计与财政拨款收入+事业收入+其他收入" in broken["reason"]


@pytest.mark.parametrize("name", ["expenditure_all_uses.pdf", "expenditure_all_uses_turned.pdf"])
def test_expenditure_budget_every_use(outcomes, name):
    """合计 | 基本支出 | 项目支出 | 事业单位经营支出 | 上缴上级支出 | 对附属单位补助支出 (on a page stored turned)."""
    out = _ok(outcomes, name)
    _budget(out)
    assert _line_items(out, "expenditure") == _expected(v.expenditure_all_lines(), v.EA_MEASURES)
    assert _reading(out, "expenditure")["status"] == "complete"
    broken = _broken_is_caught(outcomes, name, "expenditure", "totals_mismatch")
    assert "2050203行 合计与基本支出" in broken["reason"]


@pytest.mark.parametrize(("name", "table"), [("expenditure_basic_parts.pdf", "expenditure"),
                                             ("gpb_basic_parts.pdf", "gpb_expenditure"),
                                             ("gpb_personnel_public_columns.pdf", "gpb_expenditure")])
def test_basic_spending_printed_only_as_its_two_parts(outcomes, name, table):
    """基本支出 over 人员经费 | 公用经费 and no 小计, or 人员经费 | 公用经费 beside 项目支出 under no label: the parts
    are read, and the line's 合计 is their sum with the 项目支出 (no 基本支出 figure is made up)."""
    out = _ok(outcomes, name)
    _budget(out)
    assert _line_items(out, table) == _expected(v.basic_parts_lines(), ("total", "personnel", "public", "project"))
    reading = _reading(out, table)
    assert reading["status"] == "complete", reading["reason"]
    broken = _broken_is_caught(outcomes, name, table, "totals_mismatch")
    assert f"{v.EP_BROKEN}行 合计与" in broken["reason"]


@pytest.mark.parametrize("name", ["gpb_two_years.pdf", "gpb_two_years_three_line.pdf"])
def test_gpb_budget_beside_last_years_and_the_change(outcomes, name):
    """2023年预算数 | 2024年预算数 (小计 | 基本支出 | 项目支出) | 增减额 | 增减率: the 2024 block only."""
    out = _ok(outcomes, name)
    _budget(out)
    assert _line_items(out, "gpb_expenditure") == _expected(v.year_lines(), (None, "total", "basic", "project"))
    assert _reading(out, "gpb_expenditure")["status"] == "complete"
    broken = _broken_is_caught(outcomes, name, "gpb_expenditure", "totals_mismatch")
    assert f"{v.GY_BROKEN}行 合计与基本支出+项目支出" in broken["reason"]


def test_gpb_budget_whole_yuan_codes_fused_and_indented(outcomes):
    """"　　2012601 行政运行" cells and 单位：元 in whole 元: exact in 万元; 30 元 off is caught."""
    out = _ok(outcomes, "gpb_fused_whole_yuan.pdf")
    _budget(out)
    assert _line_items(out, "gpb_expenditure") == _expected(v.whole_yuan_lines(), ("total", "basic", "project"))
    assert _reading(out, "gpb_expenditure")["status"] == "complete"
    broken = _broken_is_caught(outcomes, "gpb_fused_whole_yuan.pdf", "gpb_expenditure", "totals_mismatch")
    assert "20126与各项之和" in broken["reason"] and "差 -0.003" in broken["reason"]


def test_basic_budget_code_and_name_in_one_cell(outcomes):
    """部门经济分类科目 printing "30101 基本工资" | 2024年基本支出 (合计 | 人员经费 | 公用经费)."""
    out = _ok(outcomes, "basic_fused_codes.pdf")
    _budget(out)
    got = {(r["code"], r["name"]): (r["group"], r["amount"]) for r in out.frames["economic_items"]}
    expected = {(code, name): ("personnel" if personnel else "public", pytest.approx(personnel + public, abs=1e-9))
                for code, name, personnel, public in v.BF_LINES}
    assert got == expected | {(None, "合计"): (None, v.BF_TOTALS[0])}
    assert _reading(out, "gpb_basic")["status"] == "complete"
    broken = _broken_is_caught(outcomes, "basic_fused_codes.pdf", "gpb_basic", "totals_mismatch")
    assert "302与各款之和" in broken["reason"]


@pytest.mark.parametrize("name", ["sangong_budget_rows.pdf", "sangong_budget_columns.pdf"])
def test_sangong_budget_this_years_column_or_line(outcomes, name):
    """2023年预算数 beside 2024年预算数 (as columns with 增减额 | 增减率, or as lines), 会议费 and 培训费 beside:
    the six items of 2024, nothing else."""
    out = _ok(outcomes, name)
    _budget(out)
    assert _sangong(out) == {("budget", item): v.SB_FIGURES[item][1] for item in v.SB_ITEMS}
    reading = _reading(out, "sangong")
    assert reading["status"] == "complete", reading["reason"]
    _broken_is_caught(outcomes, name, "sangong", "sangong_sum_mismatch")


@pytest.mark.parametrize("name", ["gov_fund_budget.pdf", "gov_fund_budget_b.pdf"])
def test_gov_fund_budget_total_last(outcomes, name):
    """政府性基金预算支出表 (or 政府性基金预算财政拨款支出表) of 合计 | 基本支出 | 项目支出, the 合计 line last."""
    out = _ok(outcomes, name)
    _budget(out)
    assert _line_items(out, "gov_fund") == _expected(v.gov_fund_lines(), ("total", "basic", "project"))
    assert _reading(out, "gov_fund")["status"] == "complete"
    _broken_is_caught(outcomes, name, "gov_fund", "totals_mismatch")


def test_empty_soe_budget_said_in_a_note_under_the_grid(outcomes):
    out = _ok(outcomes, "soe_budget_note_below.pdf")
    reading = _reading(out, "soe_capital")
    assert (reading["status"], reading["empty"]) == ("complete", True), reading["reason"]
    assert not any(r["amount"] for r in out.frames["line_items"] if r["table"] == "soe_capital")


def test_unparsed_tables_are_no_continuation_of_the_table_before(outcomes):
    """项目支出表 after the 一般公共预算支出表, 政府采购预算表 after the 三公 table: each parsed table keeps its page
    and its figures (the unparsed tables' projects and purchases are no lines of theirs)."""
    out = _ok(outcomes, "unparsed_after_parsed.pdf")
    _budget(out)
    assert _line_items(out, "gpb_expenditure") == _expected(v.basic_parts_lines(),
                                                            ("total", "personnel", "public", "project"))
    assert _reading(out, "gpb_expenditure")["table_pages"] == [2]
    assert _reading(out, "sangong")["table_pages"] == [4]
    assert _sangong(out) == {("budget", item): v.SB_FIGURES[item][1] for item in v.SB_ITEMS}
    _broken_is_caught(outcomes, "unparsed_after_parsed.pdf", "gpb_expenditure", "totals_mismatch")


def _project(out: Outcome) -> dict[str, Any]:
    (p,) = out.frames["projects"]
    return p


@pytest.mark.parametrize("name", ["selfeval_funds_in_yuan.pdf", "selfeval_over_two_pages.pdf"])
def test_selfeval_funds_printed_in_yuan_are_read_in_wan(outcomes, name):
    """项目资金（元） over 1,860,000.00 …: the budgets and the execution in 万元; rates and scores as printed (the
    indicators going on over a page that prints no title read as one form)."""
    out = _ok(outcomes, name)
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.forms.YP_AGENCY, 2023, "performance_report")
    p = _project(out)
    assert p["project"] == v.forms.YP_PROJECT
    assert (p["budget_initial"], p["budget_full_year"], p["executed"]) == pytest.approx(v.forms.YP_FUNDS_WAN)
    assert (p["exec_weight"], p["exec_rate_reported"], p["exec_score"], p["total_score"]) == (10.0, 0.95, 9.5, 86.5)
    assert p["exec_rate"] == pytest.approx(0.95, abs=1e-4)
    assert {r["name"]: r["score"] for r in out.frames["indicators"]} == {
        indicator: float(s) for _l1, _l2, indicator, _w, _t, _a, s, _n in v.forms.YP_INDICATORS}
    if name == "selfeval_over_two_pages.pdf":
        assert _reading(out, "project_selfeval")["table_pages"] == [1, 2]


def test_overall_selfeval_funds_printed_in_yuan_are_read_in_wan(outcomes):
    """年度预算申请（元） over the 部门整体 funds: 年度资金总额 read in 万元 (6,712,985.50 元 = 671.29855 万元)."""
    out = _ok(outcomes, "overall_selfeval_in_yuan.pdf")
    # the form's title runs into its cells in the text (…自评表部门（单位）名称惠州市档案馆年度预算申请): still no budget
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.forms.YO_AGENCY, 2023, "performance_report")
    p = _project(out)
    assert (p["project"], p["implementing_unit"]) == ("部门整体支出", v.forms.YO_AGENCY)
    assert (p["budget_initial"], p["budget_full_year"], p["executed"]) == pytest.approx(v.forms.YO_FUNDS_WAN)
    assert (p["exec_score"], p["total_score"]) == (9.77, 97.77)
    assert len(out.frames["indicators"]) == len(v.forms.YO_INDICATORS)


def test_income_unit_funds_column_read_whole(outcomes):
    """单位资金 in one column (the 预算管理一体化 template) is one more source of the 合计 (measure unit_funds);
    the broken copy (a 单位资金 printed 1.00 higher) is caught by the line and 款 sums."""
    out = _ok(outcomes, "income_unit_funds.pdf")
    assert _line_items(out, "income") == _expected(v.unit_funds_lines(), v.UF_MEASURES)
    assert _reading(out, "income")["status"] == "complete"
    assert not flags(out, "totals_mismatch")
    _broken_is_caught(outcomes, "income_unit_funds.pdf", "income", "totals_mismatch")


def test_income_total_of_the_balance_and_the_years_subtotal(outcomes):
    """总计 | 上年结转 | 本年收入 (小计 | 一般公共预算 | 政府性基金预算 | 事业收入 | 其他收入): the 总计 is the 合计, the
    year's sources and the balance its parts; the 本年收入 小计 (current_year) is the year's sources' sum, no source
    of its own. The broken copy's 小计 (printed 1.00 higher down its column) fails only that line sum, which no rule
    repeats: `partial`, never `complete`."""
    out = _ok(outcomes, "income_year_subtotal.pdf")
    _budget(out)
    assert _line_items(out, "income") == _expected(v.year_subtotal_lines(), v.YS_MEASURES)
    assert _reading(out, "income")["status"] == "complete"
    broken = _broken_is_caught(outcomes, "income_year_subtotal.pdf", "income", "totals_mismatch")
    assert broken["status"] == "partial" and "合计行 本年收入小计与一般公共预算" in broken["reason"]


def test_empty_sangong_budget_said_in_a_row_of_its_grid(outcomes):
    """本表无数据 in a merged row under the six items' header: an empty table, every item 0 (none budgeted)."""
    out = _ok(outcomes, "sangong_budget_empty.pdf")
    reading = _reading(out, "sangong")
    assert (reading["status"], reading["empty"]) == ("complete", True), reading["reason"]
    assert not any(r["amount"] for r in out.frames["sangong"])
