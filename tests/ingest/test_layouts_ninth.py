"""A ninth round of layouts (samplegen/variants_ninth.py), office print habits read back figure by figure: two
tables side by side on one page (drawn table by table, or written line by line across both as an Excel sheet is,
their titles on one text line), empty tables printed as a single 无 line, a long table under an Excel page footer
(第 x 页，共 3 页) with its header repeated, a budget's 本年预算数 | 上年预算数 | 增减 columns, and the 部门决算
software's table codes (财决05表, 部门公开表05) in the title line.

Each variant PDF, and a copy with its planted defect, is drawn once per session and ingested once with the real
pipeline. Every figure is checked; a table is `complete` where its sums close; in the broken copy the planted
defect — and nothing else — is flagged.
"""

from __future__ import annotations

import pytest

from ingest.document import Outcome
from samplegen import variants_fourth as fourth
from samplegen import variants_ninth as v
from tests.ingest.layouts import caught, expected, flags, ingested, line_items, ok, reading, readings, sangong_table

EMPTY_UNSAID = "为空表但未说明"


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _sangong(figures: dict[str, tuple[float, float]]) -> dict[tuple[str, str], float]:
    return {(stage, item): pair[k] for item, pair in figures.items() for k, stage in enumerate(("budget", "actual"))}


def _unexplained(out: Outcome) -> list[str]:
    return [w for w in out.warnings if EMPTY_UNSAID in w]


@pytest.mark.parametrize("name", ["sangong_beside_gov_fund.pdf", "sangong_beside_gov_fund_by_rows.pdf"])
def test_two_tables_side_by_side(outcomes, name):
    """The 三公 table left, the 政府性基金 table right: each grid read as its own table, whether the page's text runs
    table by table or line by line across both (both titles on one text line)."""
    out = ok(outcomes, name)
    assert (out.meta.doc_kind, out.meta.year) == ("final_account", 2024)
    assert sangong_table(out) == _sangong(v.SB_SANGONG)
    assert line_items(out, "gov_fund") == expected(v.sb_gov_fund_lines(), v.GF_MEASURES)
    for family, title in (("sangong", "财政拨款“三公”经费支出决算表"), ("gov_fund", "政府性基金预算财政拨款收入支出决算表")):
        one = reading(out, family)
        assert (one["status"], one["title"], one["table_pages"]) == ("complete", title, [2]), one["reason"]
    broken = caught(outcomes, name, "sangong", "sangong_sum_mismatch")
    assert "合计 21.39 ≠ 分项之和 21.99" in broken["reason"]
    spoilt = ok(outcomes, v.broken_name(name))
    assert reading(spoilt, "gov_fund")["status"] == "complete"
    assert not flags(spoilt, "totals_mismatch"), "the table beside the broken one is read apart from it"


@pytest.mark.parametrize("name", ["empty_side_by_side.pdf", "empty_side_by_side_by_rows.pdf"])
def test_empty_tables_side_by_side(outcomes, name):
    """The empty 政府性基金 and 国有资本经营 tables side by side, each over a blank 合计 line and its own note: one
    reading each, empty and complete; without the notes (the broken copy) both are said to be unexplained."""
    out = ok(outcomes, name)
    assert sangong_table(out) == _sangong(v.EM_SANGONG)
    for family in ("gov_fund", "soe_capital"):
        (one,) = readings(out, family)
        assert (one["status"], one["empty"], one["table_pages"]) == ("complete", True, [3]), one["reason"]
    assert not _unexplained(out)
    spoilt = ok(outcomes, v.broken_name(name))
    assert [(r["family"], r["status"]) for r in spoilt.frames["readings"] if r["found"]] == [
        ("sangong", "complete"), ("gov_fund", "complete"), ("soe_capital", "complete")]
    unsaid = _unexplained(spoilt)
    assert len(unsaid) == 2 and "政府性基金" in unsaid[0] and "国有资本经营" in unsaid[1], unsaid
    assert not flags(spoilt, "sangong_sum_mismatch")


@pytest.mark.parametrize("name", ["empty_wu_cells.pdf", "empty_wu_merged.pdf", "empty_wu_name.pdf",
                                  "empty_wu_no_note.pdf"])
def test_empty_tables_printed_as_one_wu_line(outcomes, name):
    """An empty table whose only line prints 无 (in every cell, once across the row, or in the name cell) is its
    body: read at the first reading as an empty table (without a note it was an unread body read again by Camelot
    stream). Whether a bare 无 explains the empty table is the rule's call (document._explain_empty), not asserted."""
    out = ok(outcomes, name)
    for family, page in (("gov_fund", 3), ("soe_capital", 4)):
        one = reading(out, family)
        assert (one["status"], one["empty"], one["table_pages"]) == ("complete", True, [page]), one["reason"]
        assert one["reason"] == f"第{page}页 {one['title']}：空表", one["reason"]
    caught(outcomes, name, "sangong", "sangong_sum_mismatch")
    if name != "empty_wu_no_note.pdf":
        assert not _unexplained(out) and not _unexplained(ok(outcomes, v.broken_name(name)))


@pytest.mark.parametrize("name", ["gpb_page_footer.pdf", "gpb_page_footer_title_again.pdf"])
def test_long_table_under_page_footer(outcomes, name):
    """43 lines over three pages, the two header rows repeated on each (and the title, Excel's print titles), 第 x
    页，共 3 页 at every page's foot and the 单位负责人 / 制表人 line under the last row: one table, every figure."""
    out = ok(outcomes, name)
    assert line_items(out, "gpb_expenditure") == expected(v.footer_lines(), v.LF_MEASURES)
    one = reading(out, "gpb_expenditure")
    assert (one["status"], one["table_pages"]) == ("complete", [2, 3, 4]), one["reason"]
    broken = caught(outcomes, name, "gpb_expenditure", "totals_mismatch")
    assert f"{v.LF_BROKEN}行 合计与基本支出+项目支出" in broken["reason"]


def test_budget_this_year_before_last_year(outcomes):
    """本年预算数 (合计 | 基本支出 | 项目支出) | 上年预算数 | 增减额 | 增减率 with no year printed: the 本年 block is
    read, last year's column and the change are not."""
    out = ok(outcomes, "gpb_this_year_first.pdf")
    assert (out.meta.doc_kind, out.meta.year) == ("budget", 2025)
    assert line_items(out, "gpb_expenditure") == expected(v.prior_lines(), v.PY_MEASURES)
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    broken = caught(outcomes, "gpb_this_year_first.pdf", "gpb_expenditure", "totals_mismatch")
    assert f"{v.PY_BROKEN}行 合计与基本支出+项目支出" in broken["reason"]


def test_sangong_budget_this_and_last_year(outcomes):
    """三公 items as lines under 本年预算数 | 上年预算数 | 增减额 | 增减率: the 本年 figures are the budget."""
    out = ok(outcomes, "sangong_this_and_last_year.pdf")
    assert sangong_table(out) == {("budget", item): x for item, x in v.PY_SANGONG.items()}
    assert reading(out, "sangong")["status"] == "complete"
    broken = caught(outcomes, "sangong_this_and_last_year.pdf", "sangong", "sangong_sum_mismatch")
    assert "合计 16.20 ≠ 分项之和 16.60" in broken["reason"]
    assert not flags(ok(outcomes, v.broken_name("sangong_this_and_last_year.pdf")), "totals_mismatch")


@pytest.mark.parametrize("name", ["code_caijue_in_title.pdf", "code_dept_public_in_title.pdf",
                                  "code_caijue_after_title.pdf"])
def test_software_table_code_in_the_title_line(outcomes, name):
    """财决05表 / 部门公开表05 before the title, 财决07表 after it, on the title's own line: the table is found
    (the file was quarantined as holding no table) and read whole."""
    out = ok(outcomes, name)
    assert line_items(out, "gpb_expenditure") == expected(v.coded_lines(), v.LF_MEASURES)
    one = reading(out, "gpb_expenditure")
    assert (one["status"], one["table_pages"]) == ("complete", [2]), one["reason"]
    broken = caught(outcomes, name, "gpb_expenditure", "totals_mismatch")
    assert f"{v.CJ_BROKEN}行 合计与基本支出+项目支出" in broken["reason"]


@pytest.mark.parametrize("name", ["names_without_codes.pdf", "names_without_codes_spaces.pdf"])
def test_function_names_without_codes(outcomes, name):
    """功能分类科目名称 only, each level indented (full-width or plain spaces): every line's code follows from its name
    under the line above (national classification; 行政运行 / 其他…支出 as every 款 numbers them). The table was read
    as its 合计 line alone and called complete."""
    out = ok(outcomes, name)
    assert line_items(out, "gpb_expenditure") == expected(v.named_lines(), v.NC_MEASURES)
    names = {r["code"]: r["name"] for r in out.frames["line_items"] if r["code"]}
    assert (names["20406"], names["2040699"]) == ("司法", "其他司法支出")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    broken = caught(outcomes, name, "gpb_expenditure", "totals_mismatch")
    assert f"{v.NC_BROKEN}行 合计与基本支出+项目支出" in broken["reason"]


def test_function_names_the_classification_does_not_hold(outcomes):
    """A 项 name the project's list of the national classification does not hold under its 款 gets no guessed code:
    the line is named in the reason and the table is `partial`, never `complete` on its 合计 alone."""
    out = ok(outcomes, "names_not_known.pdf")
    one = reading(out, "gpb_expenditure")
    assert one["status"] == "partial" and "科目名称“市场主体管理”未识别" in one["reason"], one["reason"]
    got = line_items(out, "gpb_expenditure")
    assert got[("2013801", "total")] == 1356.82 and got[("201", "total")] == 1653.62
    assert not flags(out, "totals_mismatch")


def test_serial_number_column_and_total_line_last(outcomes):
    """序号 | 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出, the 总计 line last and unnumbered: the serial numbers are
    neither codes nor amounts."""
    out = ok(outcomes, "gpb_serial_numbers.pdf")
    assert line_items(out, "gpb_expenditure") == expected(v.named_lines(), v.NC_MEASURES)
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    caught(outcomes, "gpb_serial_numbers.pdf", "gpb_expenditure", "totals_mismatch")


def test_summary_spending_by_use_not_by_class(outcomes):
    """A 部门收支总表 whose 支出 side lists 基本支出 (人员经费, 公用经费) and 项目支出: the totals read, and the uses
    added up — 本年支出合计 = 基本 + 项目, 基本 = 人员 + 公用 — so a 公用经费 printed 1.00 higher is caught."""
    out = ok(outcomes, "summary_by_use.pdf")
    items = {r["item"]: r["amount"] for r in out.frames["summary"] if r["item"] != "other"}
    assert items == pytest.approx({**v.summary_by_use_totals(), "gov_fund_appropriation": 60.0,
                                   "business_income": 35.2, "other_income": 4.8})
    uses = {r["label"]: r["amount"] for r in out.frames["summary"] if r["item"] == "other"}
    assert uses == {"基本支出": 1489.04, **dict(v.EC_USES)}
    assert reading(out, "summary")["status"] == "complete"
    broken = caught(outcomes, "summary_by_use.pdf", "summary", "totals_mismatch")
    assert "基本支出与人员经费+公用经费：合计 1,489.04 ≠ 分项之和 1,490.04" in broken["reason"]


def test_comprehensive_budget_book_titles(outcomes):
    """陕西's 部门综合预算 titles: 一般公共预算支出明细表（按支出功能分类科目） is the 一般公共预算支出表, its twin 按支出
    经济分类科目 is recognised and never read as function lines, the “三公”经费支出情况表 and the 政府性基金收支表 are
    found (none was: the 三公 table was known by its header words alone)."""
    out = ok(outcomes, "comprehensive_budget.pdf")
    assert (out.meta.doc_kind, out.meta.year) == ("budget", 2025)
    assert line_items(out, "gpb_expenditure") == expected(v.named_lines(), v.NC_MEASURES)
    one = reading(out, "gpb_expenditure")
    assert one["status"] == "complete" and one["title"].startswith("部门综合预算一般公共预算支出明细表"), one
    assert sangong_table(out) == {("budget", item): x for item, x in v.CB_SANGONG.items()}
    assert reading(out, "sangong")["title"] == "部门综合预算一般公共预算“三公”经费支出情况表"
    fund = reading(out, "gov_fund")
    assert (fund["status"], fund["empty"]) == ("complete", True)
    assert not _unexplained(out)
    broken = caught(outcomes, "comprehensive_budget.pdf", "gpb_expenditure", "totals_mismatch")
    assert f"{v.NC_BROKEN}行 合计与基本支出+项目支出" in broken["reason"]


@pytest.mark.parametrize("name", ["summary_halves_apart.pdf", "summary_halves_apart_by_table.pdf"])
def test_summary_halves_as_two_grids_side_by_side(outcomes, name):
    """收入支出决算总表 whose 收入 and 支出 halves are two ruled grids under one title: one table (it was read as two,
    each checked alone), every line read, 收入 总计 and 支出 总计 on their sides."""
    out = ok(outcomes, name)
    items = {r["item"]: r["amount"] for r in out.frames["summary"] if r["item"] != "function_class"}
    assert {k: items[k] for k in fourth.SB_TOTALS} == fourth.SB_TOTALS
    classes = {r["label"]: r["amount"] for r in out.frames["summary"] if r["item"] == "function_class"}
    assert classes == {label[2:]: x for label, x in fourth.SB_CLASSES}
    one = reading(out, "summary")
    assert (one["status"], one["table_pages"]) == ("complete", [2]), one["reason"]
    broken = caught(outcomes, name, "summary", "totals_mismatch")
    assert "本年支出合计与各功能分类（类）之和" in broken["reason"]


@pytest.mark.parametrize("name", ["sangong_reception_before_vehicles.pdf", "sangong_reception_parts.pdf"])
def test_sangong_reception_before_vehicles_or_broken_down(outcomes, name):
    """三公 items in 北京's order (接待 before 车辆, items as columns), or 公务接待费 over its 其中 lines 国内公务接待费
    and 外事接待费: the six items read, the 其中 lines not taken for the 接待费."""
    out = ok(outcomes, name)
    assert sangong_table(out) == _sangong(v.SO_SANGONG)
    assert reading(out, "sangong")["status"] == "complete"
    broken = caught(outcomes, name, "sangong", "sangong_sum_mismatch")
    assert "公务用车小计与购置+运行：合计 14.30 ≠ 分项之和 15.00" in broken["reason"]


def test_sangong_initial_and_full_year_budget_lines(outcomes):
    """Items as columns, lines 年初预算数 / 全年预算数 / 决算数: the 全年预算数 line is the budget, 年初 not read."""
    out = ok(outcomes, "sangong_stage_rows_three.pdf")
    assert sangong_table(out) == _sangong(v.SO_SANGONG)
    assert reading(out, "sangong")["status"] == "complete"
    broken = caught(outcomes, "sangong_stage_rows_three.pdf", "sangong", "sangong_sum_mismatch")
    assert "合计 41.27 ≠ 分项之和 41.77" in broken["reason"]


def test_economic_names_without_codes_are_coded_by_the_national_list(outcomes):
    """经济分类 names without codes (部门预算支出经济分类科目, no 名称 header): each line coded by its name in the national
    list (fiscal/data/economic_codes.csv), a 款 under the 类 above it; the table's sums checked like a coded one's."""
    out = ok(outcomes, "basic_names_only.pdf")
    one = reading(out, "gpb_basic")
    assert one["status"] == "complete", one["reason"]
    got = {r["code"]: r["amount"] for r in out.frames["economic_items"]}
    assert got == {None: 1137.85, "301": 980.2, "30101": 402.6, "30102": 577.6, "302": 157.65, "30201": 99.35,
                   "30211": 58.3}
