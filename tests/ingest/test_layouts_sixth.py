"""A sixth round of layouts (samplegen/variants_sixth.py), 部门决算 tables as other provinces print them, read
back figure by figure.

Each variant PDF, and a copy with printed figures changed so that a sum breaks, is drawn once per session and
ingested once with the real pipeline. Every figure is checked (a 元 table's exactly, 元 / 10000); the table is
`complete` where its sums close; in the broken copy the broken sum is named — the table `partial`, or `complete`
with the failed sum stated and the rule raising it — never a silent `complete`, and never a flag on the whole copy.
"""

from __future__ import annotations

import pytest

from ingest.document import Outcome
from samplegen import variants_sixth as v
from tests.ingest.layouts import caught as _broken_is_caught
from tests.ingest.layouts import expected as _expected
from tests.ingest.layouts import flags as _flags
from tests.ingest.layouts import ingested
from tests.ingest.layouts import line_items as _line_items
from tests.ingest.layouts import ok as _ok
from tests.ingest.layouts import reading as _reading
from tests.ingest.layouts import sangong_table as _sangong


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _final(out: Outcome) -> None:
    assert (out.meta.doc_kind, out.meta.year) == ("final_account", 2023)


EXPENDITURE = ["expenditure_bottom_total.pdf", "expenditure_bottom_total_three_line.pdf",
               "expenditure_code_beside_title.pdf", "expenditure_two_pages_total_last.pdf", "expenditure_portrait.pdf",
               "expenditure_portrait_three_line.pdf"]


@pytest.mark.parametrize("name", EXPENDITURE)
def test_expenditure_six_measures_total_line_at_the_bottom(outcomes, name):
    """本年支出合计 … 对附属单位补助支出 under a 项目 / 功能分类科目编码 / 栏次 header, the 合计 line printed last."""
    out = _ok(outcomes, name)
    _final(out)
    assert _line_items(out, "expenditure") == _expected(v.expenditure_lines(), v.EX_MEASURES)
    names = {r["code"]: r["name"] for r in out.frames["line_items"] if r["code"]}
    assert names["2070199"] == "其他文化和旅游支出"
    reading = _reading(out, "expenditure")
    assert reading["status"] == "complete", reading["reason"]
    assert reading["title"].startswith("支出决算表")
    if name == "expenditure_two_pages_total_last.pdf":
        assert reading["table_pages"] == [2, 3]
    broken = _broken_is_caught(outcomes, name, "expenditure", "totals_mismatch")
    assert "经营支出列" in broken["reason"]


@pytest.mark.parametrize("name", ["gpb_items_only.pdf", "gpb_items_only_b.pdf"])
def test_gpb_of_item_lines_only_and_no_total_column(outcomes, name):
    """类 | 款 | 项 code parts on every line, no 类 or 款 line, 基本支出 | 项目支出 and no 合计 column: the 合计
    line is checked against the 项 lines (the only sum such a table prints)."""
    out = _ok(outcomes, name)
    _final(out)
    assert _line_items(out, "gpb_expenditure") == _expected(v.no_total_lines(), v.NT_MEASURES)
    reading = _reading(out, "gpb_expenditure")
    assert reading["status"] == "complete" and "勾稽校验通过" in reading["reason"], reading["reason"]
    broken = _broken_is_caught(outcomes, name, "gpb_expenditure", "totals_mismatch")
    assert "项目支出列 合计与各项之和" in broken["reason"]
    # two readers agree on the printed figures and the rules add up a table of 项 lines too: the defect is flagged
    assert broken["status"] == "complete"
    assert any(m.startswith("第2页") and "（项目支出）合计与各项之和" in m
               for m in _flags(_ok(outcomes, v.broken_name(name)), "totals_mismatch"))


@pytest.mark.parametrize("name", ["income_sources.pdf", "income_sources_three_line.pdf",
                                  "income_code_in_running_head.pdf"])
def test_income_every_source_and_the_line_sums(outcomes, name):
    """本年收入合计 = 财政拨款 + 上级补助 + 事业 + 经营 + 附属单位上缴 + 其他 on every line; the broken copy
    changes a 项's 合计 with its 款, 类 and 合计 line, so only that line sum can tell."""
    out = _ok(outcomes, name)
    _final(out)
    assert _line_items(out, "income") == _expected(v.income_lines(), v.IN_MEASURES)
    assert _reading(out, "income")["status"] == "complete"
    broken = _broken_is_caught(outcomes, name, "income", "totals_mismatch")
    assert "2070109行 合计与财政拨款收入+上级补助收入+事业收入+经营收入" in broken["reason"]


@pytest.mark.parametrize("name", ["gov_fund_final.pdf", "gov_fund_final_b.pdf", "gov_fund_final_closing.pdf"])
def test_gov_fund_final_balances_and_spending(outcomes, name):
    """年初结转和结余 | 本年收入 | 本年支出 (小计 | 基本 | 项目) | 年末结转和结余: every figure; 小计 = 基本 + 项目
    and 年末 = 年初 + 收入 − 支出 on each line."""
    out = _ok(outcomes, name)
    _final(out)
    assert _line_items(out, "gov_fund") == _expected(v.gov_fund_lines(), v.GF_MEASURES)
    reading = _reading(out, "gov_fund")
    assert reading["status"] == "complete", reading["reason"]
    broken = _broken_is_caught(outcomes, name, "gov_fund", "totals_mismatch")
    # two readers agree on the printed figures, and the rules add up a 政府性基金 line: the defect is flagged
    assert broken["status"] == "complete"
    flagged = _flags(_ok(outcomes, v.broken_name(name)), "totals_mismatch")
    if name == "gov_fund_final_closing.pdf":  # 年末结转和结余 printed 1.00 higher: only the balance fails
        assert "合计行 年末结转和结余与年初结转和结余+本年收入-本年支出" in broken["reason"]
        assert "合计行 合计与基本支出" not in broken["reason"]
        assert any(m.startswith("第2页") and "2296002" in m and "年末结转和结余" in m for m in flagged), flagged
    else:
        assert "合计行 合计与基本支出+项目支出" in broken["reason"]
        assert any(m.startswith("第2页") and "合计行：合计与基本支出、项目支出之和" in m for m in flagged), flagged


def test_empty_soe_table_said_in_a_row_of_its_grid(outcomes):
    out = _ok(outcomes, "soe_empty_in_grid.pdf")
    reading = _reading(out, "soe_capital")
    assert (reading["status"], reading["empty"]) == ("complete", True), reading["reason"]
    assert not any(r["amount"] for r in out.frames["line_items"] if r["table"] == "soe_capital")


SANGONG = ["sangong_pairs_operating.pdf", "sangong_pairs_operating_b.pdf", "sangong_meeting_training.pdf",
           "sangong_with_counts.pdf",
           "sangong_full_year_rows.pdf", "sangong_full_year_three_line.pdf", "sangong_initial_and_full_year.pdf"]


@pytest.mark.parametrize("name", SANGONG)
def test_sangong_final_budget_and_actual_of_each_item(outcomes, name):
    """预算数 | 决算数 pairs under each item with 机关运行经费 beside, 会议费 and 培训费 beside a “三公”经费合计,
    or 全年预算数 | 决算数 | 增减 columns, or 年初预算数 | 全年预算数 | 决算数 (the 预算数 is the full year's), or the
    counts (团组数, 公务用车购置数（辆）, 接待批次 …) beside: the six items of both stages, nothing else."""
    out = _ok(outcomes, name)
    _final(out)
    assert _sangong(out) == {(stage, item): v.SG_FIGURES[item][k] for item in v.SG_ITEMS
                             for k, stage in enumerate(("budget", "actual"))}
    reading = _reading(out, "sangong")
    assert reading["status"] == "complete", reading["reason"]
    assert "三公" in reading["title"] and reading["title"].endswith("支出决算表")
    _broken_is_caught(outcomes, name, "sangong", "sangong_sum_mismatch")


def test_basic_final_total_personnel_public_columns(outcomes):
    """合计 | 人员经费 | 公用经费 columns: each line's 合计 (its group from its code: a province may count a 302 line
    as 人员经费, so the group columns' totals are not the code groups' sums and are not read)."""
    out = _ok(outcomes, "basic_final_columns.pdf")
    got = {(r["code"], r["name"]): (r["group"], r["amount"]) for r in out.frames["economic_items"]}
    expected = {(code, name): ("personnel" if personnel else "public", round(personnel + public, 2))
                for code, name, personnel, public in v.BC_LINES}
    assert got == expected | {(None, "合计"): (None, v.BC_TOTALS[0])}
    assert _reading(out, "gpb_basic")["status"] == "complete"
    _broken_is_caught(outcomes, "basic_final_columns.pdf", "gpb_basic", "totals_mismatch")


@pytest.mark.parametrize("name", ["summary_balances.pdf", "summary_balances_three_line.pdf"])
def test_summary_final_with_every_balance_line(outcomes, name):
    """使用非财政拨款结余 and 结余分配 printed beside the 结转和结余 lines; 行次 and 栏次 columns; the code in the
    title's parentheses and 单位：万元."""
    out = _ok(outcomes, name)
    _final(out)
    rows = [r for r in out.frames["summary"] if r["table"] == "summary"]
    items = {r["item"]: r["amount"] for r in rows}
    assert {k: items[k] for k in v.SB_TOTALS} == v.SB_TOTALS
    assert items["fiscal_appropriation"] == 2310.45 and items["gov_fund_appropriation"] == 120.0
    classes = {r["label"]: r["amount"] for r in rows if r["item"] == "function_class"}
    assert classes == {label.split("、", 1)[1]: x for label, _n, x in v.SB_CLASSES if label}
    reading = _reading(out, "summary")
    assert reading["status"] == "complete", reading["reason"]
    broken = _broken_is_caught(outcomes, name, "summary", "totals_mismatch")
    assert "支出方 总计" in broken["reason"]


def test_basic_three_blocks_in_yuan_group_totals_last(outcomes):
    """人员经费 | 公用经费 blocks in 元 with cents, 人员经费合计 / 公用经费合计 on the last line: exact in 万元; 40 元
    off in a 款 is not within the rounding of a 元 table."""
    out = _ok(outcomes, "basic_three_blocks_yuan.pdf")
    got = {(r["code"], r["name"]): (r["group"], r["amount"]) for r in out.frames["economic_items"]}
    expected = {(code, name): (group, pytest.approx(x, abs=1e-9))
                for group, lines in (("personnel", v.BY_PERSONNEL), ("public", v.BY_PUBLIC)) for code, name, x in lines}
    expected[(None, "人员经费合计")] = ("personnel", pytest.approx(v.BY_TOTALS["personnel"], abs=1e-9))
    expected[(None, "公用经费合计")] = ("public", pytest.approx(v.BY_TOTALS["public"], abs=1e-9))
    assert got == expected
    assert _reading(out, "gpb_basic")["status"] == "complete"
    # the rules read the exact amounts too (fiscal.schema.AMOUNT_DECIMALS): no 尾数误差 note of rounded 款 either
    broken = _broken_is_caught(outcomes, "basic_three_blocks_yuan.pdf", "gpb_basic", "totals_mismatch")
    assert broken["status"] == "partial" and "302与各款之和" in broken["reason"], broken["reason"]


def test_summary_in_yuan_with_cents_is_exact_in_wan(outcomes):
    """A 元 table is read exactly (元 / 10000, no rounding to 0.01 万元); its sums are judged to the 元, so a
    line printed 30 元 off is not hidden inside a 万元 table's rounding."""
    out = _ok(outcomes, "summary_yuan_cents.pdf")
    items = {r["item"]: r["amount"] for r in out.frames["summary"] if r["table"] == "summary"}
    assert items["fiscal_appropriation"] == pytest.approx(1467.162347, abs=1e-9)
    assert items["other_income"] == pytest.approx(0.072912, abs=1e-9)
    assert items["income_total"] == pytest.approx(v.YS_INCOME_TOTAL, abs=1e-9)
    assert items["opening_balance"] == pytest.approx(v.YS_OPENING, abs=1e-9)
    assert items["grand_total"] == pytest.approx(v.YS_GRAND, abs=1e-9)
    classes = {r["label"]: r["amount"] for r in out.frames["summary"] if r["item"] == "function_class"}
    assert classes == {label.split("、", 1)[1]: pytest.approx(x, abs=1e-9) for label, x in v.YS_CLASSES}
    assert _reading(out, "summary")["status"] == "complete"
    broken = _broken_is_caught(outcomes, "summary_yuan_cents.pdf", "summary", "totals_mismatch")
    assert broken["status"] == "partial" and "差 -0.003" in broken["reason"], broken["reason"]


@pytest.mark.parametrize("name", ["gpb_yuan_cents.pdf", "gpb_yuan_cents_b.pdf"])
def test_gpb_in_yuan_with_cents_is_exact_in_wan(outcomes, name):
    out = _ok(outcomes, name)
    _final(out)
    assert _line_items(out, "gpb_expenditure") == _expected(v.yuan_lines(), ("total", "basic", "project"))
    assert _reading(out, "gpb_expenditure")["status"] == "complete"
    broken = _broken_is_caught(outcomes, name, "gpb_expenditure", "totals_mismatch")
    assert broken["status"] == "partial" and "20103与各项之和" in broken["reason"], broken["reason"]


@pytest.mark.parametrize("name", ["expenditure_basic_split.pdf", "expenditure_basic_split_b.pdf"])
def test_expenditure_basic_spending_split_into_personnel_and_public(outcomes, name):
    """基本支出 over 小计 | 人员经费 | 公用经费 beside 本年支出合计: the 小计 is read as 基本支出, its two parts as no
    measure of their own — one row per (code, measure), every figure exact; the broken copy (a 项's 基本支出 小计
    printed 1.00 higher) names the failed sums."""
    out = _ok(outcomes, name)
    _final(out)
    measures = tuple(m for m in v.BS_MEASURES if m)
    lines = [(c, n, tuple(x for m, x in zip(v.BS_MEASURES, f, strict=True) if m)) for c, n, f in v.basic_split_lines()]
    assert _line_items(out, "expenditure") == _expected(lines, measures)
    reading = _reading(out, "expenditure")
    assert reading["status"] == "complete", reading["reason"]
    broken = _broken_is_caught(outcomes, name, "expenditure", "totals_mismatch")
    assert f"{v.BS_BROKEN}行 合计与基本支出+项目支出" in broken["reason"]
