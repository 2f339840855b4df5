"""A third round of layouts (samplegen/variants_third.py), read back figure by figure.

Each variant PDF, and a copy with one printed figure changed, is drawn once per session and
ingested once with the real pipeline. Every figure is checked; the table is `complete` only
where its sums close; in the broken copy the changed sum is named: the table is `partial`, or
— when a second reader reads the same figures (CONTRACT: the document prints them) —
`complete` with the failed sum stated in its reason, for the rules to judge.
"""

from __future__ import annotations

from typing import Any

import pytest

from ingest.document import Outcome
from samplegen import variants_more as vm
from samplegen import variants_third as v
from tests.ingest.layouts import flags as _flags
from tests.ingest.layouts import ingested
from tests.ingest.layouts import ok as _ok
from tests.ingest.layouts import reading as _reading

ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _lines(out: Outcome, table: str) -> dict[tuple[str | None, str], float]:
    rows = [r for r in out.frames["line_items"] if r["table"] == table]
    got = {(r["code"], r["measure"]): r["amount"] for r in rows}
    assert len(got) == len(rows), "one row per (code, measure)"
    return got


def _broken_is_caught(outcomes: dict[str, Outcome], name: str, family: str) -> None:
    """The broken copy's table is not read as closing: `partial` (its figures then accuse nothing), or — two
    readers agreeing on the figures — `complete` with the failed sum in its reason, and the rule raises it."""
    out = _ok(outcomes, v.broken_name(name))
    reading = _reading(out, family)
    assert reading["found"]
    rule = "sangong_sum_mismatch" if family == "sangong" else "totals_mismatch"
    if reading["status"] == "complete":
        assert "不闭合" in reading["reason"] and "文件本身所印" in reading["reason"], reading["reason"]
        assert _flags(out, rule, "error"), f"{rule} not raised"
    else:
        assert reading["status"] == "partial" and "不闭合" in reading["reason"], reading["reason"]
    assert not _flags(_ok(outcomes, name), rule, "error"), "the whole copy raises nothing"


def _expect_lines(got: dict[tuple[str | None, str], float], lines: Any, total: tuple[float, ...],
                  measures: tuple[str, ...], scale: float = 1.0) -> None:
    assert {c for c, _ in got} == {None} | {line[0] for line in lines}
    for measure, value in zip(measures, total, strict=True):
        assert got[(None, measure)] == round(value * scale, 6), measure
    for code, _name, *figures in lines:
        for measure, value in zip(measures, figures, strict=True):
            assert got[(code, measure)] == round(value * scale, 6), (code, measure)


@pytest.mark.parametrize("name", ["rotated_expenditure.pdf", "rotated_expenditure_270.pdf",
                                  "three_line_expenditure.pdf"])
def test_wide_table_on_a_page_stored_turned(outcomes, name):
    out = _ok(outcomes, name)
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.RO_AGENCY, 2023, "final_account")
    _expect_lines(_lines(out, "expenditure"), v.RO_LINES, v.RO_TOTAL, ("total", "basic", "project"))
    assert _reading(out, "expenditure")["status"] == "complete"
    _broken_is_caught(outcomes, name, "expenditure")


def test_long_table_on_two_turned_pages(outcomes):
    out = _ok(outcomes, "rotated_two_pages.pdf")
    _expect_lines(_lines(out, "expenditure"), vm.LONG_LINES, vm.LONG_TOTAL, ("total", "basic", "project"))
    reading = _reading(out, "expenditure")
    assert reading["status"] == "complete" and reading["table_pages"] == list(range(2, out.pages + 1))
    assert out.pages >= 3
    _broken_is_caught(outcomes, "rotated_two_pages.pdf", "expenditure")


def test_continued_pages_titled_and_header_repeated(outcomes):
    out = _ok(outcomes, "continued_repeated_header.pdf")
    got = _lines(out, "expenditure")
    _expect_lines(got, vm.LONG_LINES, vm.LONG_TOTAL, ("total", "basic", "project"))
    reading = _reading(out, "expenditure")
    assert reading["status"] == "complete" and reading["table_pages"] == [2, 3, 4]
    _broken_is_caught(outcomes, "continued_repeated_header.pdf", "expenditure")


def test_unit_line_in_renminbi_yuan(outcomes):
    out = _ok(outcomes, "income_rmb_yuan.pdf")
    _expect_lines(_lines(out, "income"), v.RMB_LINES, v.RMB_TOTAL, v.RMB_MEASURES, scale=0.0001)
    assert _reading(out, "income")["status"] == "complete"
    _broken_is_caught(outcomes, "income_rmb_yuan.pdf", "income")


def test_empty_table_printed_as_a_sentence(outcomes):
    out = _ok(outcomes, "gov_fund_sentence_only.pdf")
    reading = _reading(out, "gov_fund")
    assert (reading["status"], reading["empty"], reading["found"]) == ("complete", True, True), reading["reason"]
    assert not any("空表但未说明" in w for w in out.warnings)
    assert _reading(out, "summary")["status"] == "complete"
    # without the sentence, a title over nothing is not known to be blank
    broken = _reading(_ok(outcomes, v.broken_name("gov_fund_sentence_only.pdf")), "gov_fund")
    assert broken["status"] == "unread" and not broken["empty"]


@pytest.mark.parametrize("name", ["empty_tables_share_page.pdf", "three_line_sangong.pdf", "sentences_share_page.pdf"])
def test_empty_tables_and_sangong_share_one_page(outcomes, name):
    out = _ok(outcomes, name)
    for family in ("gov_fund", "soe_capital"):
        reading = _reading(out, family)
        assert (reading["status"], reading["empty"], reading["table_pages"]) == ("complete", True, [2]), family
    got = {(r["stage"], r["item"]): r["amount"] for r in out.frames["sangong"]}
    assert got == {("budget", item): x for item, x in zip(ITEMS, v.SP_SANGONG, strict=True)}
    assert _reading(out, "sangong")["status"] == "complete"
    _broken_is_caught(outcomes, name, "sangong")


def test_table_codes_printed_as_budget_numbers(outcomes):
    out = _ok(outcomes, "code_styles.pdf")
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.CS_AGENCY, 2024, "budget")
    assert {"summary", "income", "expenditure"} <= set(out.tables)
    items = {r["item"]: r["amount"] for r in out.frames["summary"] if r["table"] == "summary"}
    assert (items["income_total"], items["grand_total"], items["grand_total_expenditure"]) == (850.0, 900.0, 900.0)
    _expect_lines(_lines(out, "expenditure"), v.CS_LINES, v.CS_TOTAL, ("total", "basic", "project"))
    income = _lines(out, "income")
    assert (income[(None, "total")], income[("204", "gpb")], income[("208", "business")]) == (850.0, 750.0, 0.0)
    fiscal = {r["item"]: r["amount"] for r in out.frames["summary"] if r["table"] == "fiscal_summary"}
    assert (fiscal["income_total"], fiscal["grand_total_expenditure"]) == (820.0, 820.0)
    for family in ("summary", "income", "expenditure", "fiscal_summary"):
        assert _reading(out, family)["status"] == "complete", family
    _broken_is_caught(outcomes, "code_styles.pdf", "expenditure")


@pytest.mark.parametrize("name", ["gpb_budget_actual_blocks.pdf", "gpb_budget_actual_blocks_b.pdf"])
def test_budget_and_actual_blocks_read_the_actual_block(outcomes, name):
    out = _ok(outcomes, name)
    got = _lines(out, "gpb_expenditure")
    # the 决算数 block is this 决算's figures; the 年初预算数 block and the % column are comparisons
    actual = [(c, n, *a) for c, n, _b, a in v.BB_LINES]
    _expect_lines(got, actual, v.BB_TOTAL[1], ("total", "basic", "project"))
    assert _reading(out, "gpb_expenditure")["status"] == "complete"
    _broken_is_caught(outcomes, name, "gpb_expenditure")


def test_budget_year_blocks_read_this_years_block(outcomes):
    out = _ok(outcomes, "gpb_year_blocks.pdf")
    got = _lines(out, "gpb_expenditure")
    # the 2023年预算数 block and the 增减 columns are comparisons: the 2024年预算数 block is this budget
    _expect_lines(got, [(c, n, *now) for c, n, _before, now in v.YB_LINES], v.YB_TOTAL[1],
                  ("total", "basic", "project"))
    assert _reading(out, "gpb_expenditure")["status"] == "complete"
    _broken_is_caught(outcomes, "gpb_year_blocks.pdf", "gpb_expenditure")


def test_basic_expenditure_one_block_with_personnel_and_public_columns(outcomes):
    out = _ok(outcomes, "basic_single_block.pdf")
    rows = out.frames["economic_items"]
    got = {r["code"]: (r["group"], r["amount"]) for r in rows if r["code"]}
    assert got == {code: ("personnel" if pers else "public", t) for code, _n, t, pers, _p in v.EB_LINES}
    totals = {r["name"]: r["amount"] for r in rows if not r["code"]}
    assert totals == {"合计": v.EB_TOTAL[0]}
    assert _reading(out, "gpb_basic")["status"] == "complete"
    _broken_is_caught(outcomes, "basic_single_block.pdf", "gpb_basic")


@pytest.mark.parametrize("name", ["summary_stacked_sections.pdf", "three_line_summary.pdf"])
def test_summary_in_two_stacked_halves_under_section_rows(outcomes, name):
    out = _ok(outcomes, name)
    rows = [r for r in out.frames["summary"] if r["table"] == "summary"]
    items = {r["item"]: r["amount"] for r in rows}
    for item, value in v.SS_TOTALS.items():
        assert items[item] == value, item
    classes = {r["label"]: r["amount"] for r in rows if r["item"] == "function_class"}
    assert classes == {label.split("、", 1)[1]: x for label, x in v.SS_CLASSES}
    assert not any(r["amount"] in (5.0, 6.0, 7.0, 8.0) for r in rows)  # no 行次 read as an amount
    assert _reading(out, "summary")["status"] == "complete"
    _broken_is_caught(outcomes, name, "summary")


def test_summary_in_whole_yuan_without_separators(outcomes):
    out = _ok(outcomes, "summary_whole_yuan.pdf")
    rows = [r for r in out.frames["summary"] if r["table"] == "summary"]
    items = {r["item"]: r["amount"] for r in rows}
    total = round(v.WY_TOTAL / 10000, 6)
    assert (items["income_total"], items["expenditure_total"]) == (total, total)
    assert (items["grand_total"], items["grand_total_expenditure"]) == (total, total)
    assert items["fiscal_appropriation"] == 285.67 and items["business_income"] == 0.42
    classes = {r["label"]: r["amount"] for r in rows if r["item"] == "function_class"}
    assert classes == {label.split("、", 1)[1]: round(x / 10000, 6) for label, x in v.WY_RIGHT}
    assert _reading(out, "summary")["status"] == "complete"
    _broken_is_caught(outcomes, "summary_whole_yuan.pdf", "summary")


def test_wide_table_printed_in_column_strips(outcomes):
    out = _ok(outcomes, "income_column_strips.pdf")
    _expect_lines(_lines(out, "income"), v.WS_LINES, v.WS_TOTAL, v.WS_MEASURES)
    reading = _reading(out, "income")
    assert reading["status"] == "complete" and reading["table_pages"] == [2, 3]
    _broken_is_caught(outcomes, "income_column_strips.pdf", "income")


def test_sangong_items_as_rows_with_two_years_of_columns(outcomes):
    out = _ok(outcomes, "sangong_two_years.pdf")
    got = {(r["stage"], r["item"]): r["amount"] for r in out.frames["sangong"]}
    # 2022年决算数 is last year's; the 增减 columns are comparisons
    assert got == {(stage, item): v.TY_SANGONG[item][k] for item in ITEMS
                   for k, stage in ((1, "budget"), (2, "actual"))}
    assert _reading(out, "sangong")["status"] == "complete"
    _broken_is_caught(outcomes, "sangong_two_years.pdf", "sangong")


def test_name_column_before_code_column(outcomes):
    out = _ok(outcomes, "name_before_code.pdf")
    _expect_lines(_lines(out, "expenditure"), v.NF_LINES, v.NF_TOTAL, ("total", "basic", "project"))
    names = {r["code"]: r["name"] for r in out.frames["line_items"] if r["code"]}
    assert names["2130108"] == "病虫害控制"
    assert _reading(out, "expenditure")["status"] == "complete"
    _broken_is_caught(outcomes, "name_before_code.pdf", "expenditure")


@pytest.mark.parametrize("name", ["selfeval_merged_centred.pdf", "selfeval_title_repeated.pdf"])
def test_selfeval_levels_merged_down_with_centred_labels(outcomes, name):
    out = _ok(outcomes, name)
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.MC_AGENCY, 2023, "performance_report")
    (p,) = out.frames["projects"]
    initial, full, executed, rate, weight, score = v.MC_FUNDS
    assert (p["project"], p["budget_initial"], p["budget_full_year"], p["executed"]) == (
        v.MC_PROJECT, float(initial), float(full), float(executed))
    assert (p["exec_weight"], p["exec_score"], p["total_score"]) == (float(weight), float(score), float(v.MC_TOTAL))
    assert p["exec_rate_reported"] == round(float(rate.rstrip("%")) / 100, 6)
    got = {r["name"]: (r["level1"], r["level2"], r["target"], r["actual"], r["weight"], r["score"], r["note"])
           for r in out.frames["indicators"]}
    assert got == {name: (l1, l2, target, actual, float(w), float(s), note or None)
                   for l1, l2, name, w, target, actual, s, note in v.MC_INDICATORS}


def test_sangong_figure_under_a_label_no_item_answers_is_not_complete():
    """A label cut by a text-position reader ("合计因公出" | "国（境）费"): its figure is not silently dropped."""
    from ingest.model import DocMeta, RawTable
    from ingest.reading import read_table

    header = [["", "", "公务用车", "购置及运行费", "", ""],
              ["合计因公出", "国（境）费", "", "", "", "公务接待费"],
              ["", "", "小计公务", "用车购置费公务", "用车运行费", ""]]
    body = [["15.60", "3.00", "8.00", "0.00", "8.00", "4.60"]]
    table = RawTable("sangong", "“三公”经费支出预算表", [1], header, body, [1])
    doc = DocMeta("d", "430000", "湖南省", "湖南省", None, "a", "某局", 2024, "budget", "department", "x.pdf")
    reading = read_table(table, doc, None, {})
    assert reading.status == "partial" and "国(境)费" in reading.reason and "3.00" in reading.reason, reading.reason


def test_sangong_table_missing_a_required_line_is_never_complete():
    """Five figures under five item columns, 因公出国（境）费 not among them: the sums that can be checked close,
    yet the table is not `complete` — and no second reading agreeing can make it so."""
    from ingest.checks import Missing, check_table
    from ingest.model import DocMeta, RawTable
    from ingest.reading import read_table

    header = [["合计", "公务用车购置及运行费", "", "", "公务接待费"],
              ["", "小计", "公务用车购置费", "公务用车运行费", ""]]
    table = RawTable("sangong", "“三公”经费支出预算表", [1], header, [["12.60", "8.00", "0.00", "8.00", "4.60"]], [1])
    doc = DocMeta("d", "430000", "湖南省", "湖南省", None, "a", "某局", 2024, "budget", "department", "x.pdf")
    reading = read_table(table, doc, None, {})
    assert reading.status == "partial" and "因公出国(境)费" in reading.reason, reading.reason
    _passed, failures = check_table(reading.frames)
    assert [type(f) for f in failures] == [Missing]
