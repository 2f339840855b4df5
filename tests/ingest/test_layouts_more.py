"""More layouts other offices print (samplegen/variants_more.py), read back figure by figure.

Each variant PDF is drawn once per session and ingested once with the real pipeline; every
figure it prints is checked, and the table's reading status: `complete` only where its sums
close and nothing it prints was left unread.
"""

from __future__ import annotations

from typing import Any

import pytest

from ingest.document import Outcome, ingest_file
from samplegen import variants_more as v

ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF, written and ingested once."""
    folder = tmp_path_factory.mktemp("variants_more")
    return {name: ingest_file(path) for name, path in v.build(folder).items()}


def _ok(outcomes: dict[str, Outcome], name: str) -> Outcome:
    out = outcomes[name]
    assert out.rejected is None, out.rejected and out.rejected.detail
    return out


def _status(out: Outcome, family: str) -> str:
    (reading,) = [r for r in out.frames["readings"] if r["family"] == family and r["found"]]
    return str(reading["status"])


def _sangong(out: Outcome) -> dict[tuple[str, str], float]:
    rows = out.frames["sangong"]
    assert all(r["reading"] == "complete" for r in rows)
    got = {(r["stage"], r["item"]): r["amount"] for r in rows}
    assert len(got) == len(rows), "one row per (stage, item)"
    return got


def _lines(out: Outcome, table: str) -> dict[tuple[str | None, str], float]:
    rows = [r for r in out.frames["line_items"] if r["table"] == table]
    got = {(r["code"], r["measure"]): r["amount"] for r in rows}
    assert len(got) == len(rows)
    return got


def _expect_lines(got: dict[tuple[str | None, str], Any], lines: Any, total: tuple[float, ...],
                  measures: tuple[str, ...]) -> None:
    assert {c for c, _ in got} == {None} | {line[0] for line in lines}
    for measure, value in zip(measures, total, strict=True):
        assert got[(None, measure)] == value, measure
    for code, _name, *figures in lines:
        for measure, value in zip(measures, figures, strict=True):
            assert got[(code, measure)] == round(value, 6), (code, measure)


@pytest.mark.parametrize("name", ["sangong_transposed.pdf", "sangong_transposed_b.pdf"])
def test_sangong_items_as_rows_vehicle_label_over_its_rows(outcomes, name):
    out = _ok(outcomes, name)
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.TR_AGENCY, 2023, "final_account")
    got = _sangong(out)
    assert got == {(stage, item): v.TR_SANGONG[item][k] for item in ITEMS for k, stage in enumerate(("budget", "actual"))}
    assert _status(out, "sangong") == "complete"


def test_sangong_rows_with_previous_year_and_change_columns_in_yuan(outcomes):
    out = _ok(outcomes, "sangong_yoy_yuan.pdf")
    assert (out.meta.year, out.meta.doc_kind) == (2024, "budget")
    # the 2023年预算数, 增减额 (negatives in parentheses) and 增减率 columns are not this budget's figures
    assert _sangong(out) == {("budget", item): v.YOY_SANGONG[item][1] for item in ITEMS}
    assert _status(out, "sangong") == "complete"


def test_sangong_previous_year_block_is_not_this_years_actual(outcomes):
    out = _ok(outcomes, "sangong_previous_year_block.pdf")
    got = _sangong(out)
    assert got == {**{("budget", i): x for i, x in zip(ITEMS, v.BL_BUDGET, strict=True)},
                   **{("actual", i): x for i, x in zip(ITEMS, v.BL_ACTUAL, strict=True)}}
    assert _status(out, "sangong") == "complete"


def test_sangong_without_ruling_lines_stage_labels_centred_over_blocks(outcomes):
    out = _ok(outcomes, "sangong_unruled.pdf")
    got = _sangong(out)
    assert got == {**{("budget", i): x for i, x in zip(ITEMS, v.UR_BUDGET, strict=True)},
                   **{("actual", i): x for i, x in zip(ITEMS, v.UR_ACTUAL, strict=True)}}
    assert _status(out, "sangong") == "complete"


@pytest.mark.parametrize("name", ["summary_line_numbers_yuan.pdf", "summary_line_numbers_yuan_b.pdf"])
def test_summary_blocks_of_item_line_number_amount_in_yuan(outcomes, name):
    out = _ok(outcomes, name)
    rows = [r for r in out.frames["summary"] if r["table"] == "summary"]
    items = {r["item"]: r["amount"] for r in rows}
    for item, value in v.RS_TOTALS.items():
        assert items[item] == value, item
    labels = {r["label"]: r["amount"] for r in rows}
    for label, _line, value in v.RS_INCOME:
        assert labels[label.split("、", 1)[1]] == round(value, 6), label
    classes = {r["label"]: r["amount"] for r in rows if r["item"] == "function_class"}
    assert classes == {label.split("、", 1)[1]: value for label, _line, value in v.RS_EXPENDITURE if value}
    # no 行次 number was read as an amount
    assert not any(r["amount"] in (11.0, 57.0, 60.0) for r in rows)
    assert _status(out, "summary") == "complete"


@pytest.mark.parametrize("name", ["split_codes_by_level.pdf", "split_codes_by_level_b.pdf"])
def test_codes_split_over_class_section_item_columns_printed_once(outcomes, name):
    out = _ok(outcomes, name)
    got = _lines(out, "gpb_expenditure")
    _expect_lines(got, v.SC_LINES, v.SC_TOTAL, ("total", "basic", "project"))
    assert _status(out, "gpb_expenditure") == "complete"


def test_expenditure_over_three_pages_header_on_the_first_only(outcomes):
    out = _ok(outcomes, "expenditure_header_not_repeated.pdf")
    got = _lines(out, "expenditure")
    _expect_lines(got, v.LONG_LINES, v.LONG_TOTAL, ("total", "basic", "project"))
    assert {r["page"] for r in out.frames["line_items"]} == {2, 3, 4}
    assert _status(out, "expenditure") == "complete"


def test_title_in_page_header_region_and_grid_unit_under_the_table(outcomes):
    out = _ok(outcomes, "expenditure_running_head.pdf")
    assert out.meta.agency == v.HEAD_AGENCY
    got = _lines(out, "expenditure")
    _expect_lines(got, v.LONG_LINES, v.LONG_TOTAL, ("total", "basic", "project"))
    (reading,) = [r for r in out.frames["readings"] if r["family"] == "expenditure"]
    assert reading["status"] == "complete" and reading["title"] == "支出决算表"


def test_table_without_ruling_lines(outcomes):
    out = _ok(outcomes, "expenditure_unruled.pdf")
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.STREAM_AGENCY, 2024, "budget")
    got = _lines(out, "expenditure")
    _expect_lines(got, v.STREAM_LINES, v.STREAM_TOTAL, ("total", "basic", "project"))
    assert _status(out, "expenditure") == "complete"


def test_economic_blocks_with_class_and_section_printed_once(outcomes):
    out = _ok(outcomes, "economic_codes_by_level.pdf")
    rows = out.frames["economic_items"]
    got = {(r["code"], r["name"]): (r["group"], r["amount"]) for r in rows}
    for group, lines in (("personnel", v.EC_PERSONNEL), ("public", v.EC_PUBLIC)):
        cls = ""
        for code, name, amount in lines:
            cls = code if len(code) == 3 else cls
            full = code if len(code) == 3 else cls + code
            assert got[(full, name)] == (group, amount), full
    assert got[(None, "人员经费合计")] == ("personnel", v.EC_TOTALS["personnel"])
    assert got[(None, "公用经费合计")] == ("public", v.EC_TOTALS["public"])
    assert len(rows) == len(v.EC_PERSONNEL) + len(v.EC_PUBLIC) + 2
    assert _status(out, "gpb_basic") == "complete"


def test_selfeval_merged_levels_score_before_weight_goals_over_rows(outcomes):
    out = _ok(outcomes, "selfeval_merged_swapped.pdf")
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.PF_AGENCY, 2023, "performance_report")
    (p,) = out.frames["projects"]
    initial, full, executed, weight, rate, score = v.PF_FUNDS
    assert p["project"] == v.PF_PROJECT
    assert (p["budget_initial"], p["budget_full_year"], p["executed"]) == (float(initial), float(full), float(executed))
    assert (p["exec_weight"], p["exec_score"], p["total_score"]) == (float(weight), float(score), float(v.PF_TOTAL))
    assert p["exec_rate_reported"] == round(float(rate.rstrip("%")) / 100, 6)
    got = {r["name"]: (r["level1"], r["level2"], r["target"], r["actual"], r["weight"], r["score"])
           for r in out.frames["indicators"]}
    assert got == {name: (l1, l2, target, actual, float(weight), float(score))
                   for l1, l2, name, target, actual, score, weight, _note in v.PF_INDICATORS}


def test_income_in_yuan_with_a_negative_in_parentheses(outcomes):
    out = _ok(outcomes, "income_yuan_negative.pdf")
    got = _lines(out, "income")
    for measure, value in zip(v.IN_MEASURES, v.IN_TOTAL, strict=True):
        assert got[(None, measure)] == value, measure
    for code, _name, *figures in v.IN_LINES:
        for measure, value in zip(v.IN_MEASURES, figures, strict=True):
            assert got[(code, measure)] == value, (code, measure)
    assert got[("2130204", "other")] == -1.2  # (12,000.00) 元
    assert _status(out, "income") == "complete"


def test_fiscal_summary_with_line_numbers_and_several_measure_columns(outcomes):
    out = _ok(outcomes, "fiscal_summary_measures.pdf")
    rows = [r for r in out.frames["summary"] if r["table"] == "fiscal_summary"]
    items = {r["item"]: r["amount"] for r in rows}
    for item, value in v.FS_TOTALS.items():
        assert items[item] == value, item
    assert (items["opening_balance_fiscal"], items["opening_balance_gov_fund"]) == (15.0, 5.0)
    classes = {r["label"]: r["amount"] for r in rows if r["item"] == "function_class"}
    assert classes == {label.split("、", 1)[1]: values[0] for label, _line, values in v.FS_CLASSES if values[0]}
    assert _status(out, "fiscal_summary") == "complete"


def test_code_and_name_printed_in_one_cell_total_last(outcomes):
    out = _ok(outcomes, "code_and_name_in_one_cell.pdf")
    got = _lines(out, "expenditure")
    _expect_lines(got, v.CN_LINES, v.CN_TOTAL, ("total", "basic", "project"))
    names = {r["code"]: r["name"] for r in out.frames["line_items"] if r["code"]}
    assert names["2240106"] == "安全监管" and names["224"] == "灾害防治及应急管理支出"
    assert _status(out, "expenditure") == "complete"


def test_economic_public_costs_over_two_blocks_total_label_merged(outcomes):
    out = _ok(outcomes, "economic_three_blocks.pdf")
    rows = out.frames["economic_items"]
    got = {(r["code"], r["name"]): (r["group"], r["amount"]) for r in rows}
    expected = {(code, name.replace("（", "(").replace("）", ")")): (group, amount)
                for group, lines in (("personnel", v.E3_PERSONNEL), ("public", v.E3_PUBLIC))
                for code, name, amount in lines}
    expected[(None, "人员经费合计")] = ("personnel", v.E3_TOTALS["personnel"])
    expected[(None, "公用经费合计")] = ("public", v.E3_TOTALS["public"])
    assert got == expected
    assert _status(out, "gpb_basic") == "complete"


def test_sangong_stages_as_rows_under_item_columns(outcomes):
    out = _ok(outcomes, "sangong_stage_rows.pdf")
    # the 预算数 line is not this 决算's actual spending; the 增减 line is neither
    assert _sangong(out) == {**{("budget", i): x for i, x in zip(ITEMS, v.SR_BUDGET, strict=True)},
                             **{("actual", i): x for i, x in zip(ITEMS, v.SR_ACTUAL, strict=True)}}
    assert _status(out, "sangong") == "complete"


def test_sangong_years_as_rows_reads_this_years_budget(outcomes):
    out = _ok(outcomes, "sangong_year_rows.pdf")
    assert _sangong(out) == {("budget", i): x for i, x in zip(ITEMS, v.YR_CURRENT, strict=True)}
    assert _status(out, "sangong") == "complete"


def test_budget_and_actual_columns_read_the_actual(outcomes):
    out = _ok(outcomes, "budget_and_actual_columns.pdf")
    got = _lines(out, "gpb_expenditure")
    # 决算数 is the table's figure; 年初预算数 and 决算数为年初预算数的% are not read as its total
    assert got == {(None, "total"): v.BA_TOTAL[1], **{(c, "total"): a for c, _n, _b, a in v.BA_LINES}}
    assert _status(out, "gpb_expenditure") == "complete"


def test_selfeval_expected_and_actual_values_form_over_two_pages(outcomes):
    out = _ok(outcomes, "selfeval_expected_actual_weight.pdf")
    assert (out.meta.agency, out.meta.doc_kind) == (v.PV_AGENCY, "performance_report")
    (p,) = out.frames["projects"]
    initial, full, executed, rate, weight, score = v.PV_FUNDS
    assert (p["project"], p["budget_initial"], p["budget_full_year"], p["executed"]) == (
        v.PV_PROJECT, float(initial), float(full), float(executed))
    assert (p["exec_weight"], p["exec_score"], p["total_score"]) == (float(weight), float(score), float(v.PV_TOTAL))
    assert p["exec_rate_reported"] == round(float(rate.rstrip("%")) / 100, 6)
    got = {r["name"]: (r["level1"], r["level2"], r["target"], r["actual"], r["weight"], r["score"], r["note"])
           for r in out.frames["indicators"]}
    assert got == {name: (l1, l2, target, actual, float(weight), float(score), note or None)
                   for l1, l2, name, target, actual, weight, score, note in v.PV_INDICATORS}
    assert {r["page"] for r in out.frames["indicators"]} == {1, 2}


def test_unit_printed_in_the_column_headers(outcomes):
    out = _ok(outcomes, "unit_in_column_headers.pdf")
    got = _lines(out, "expenditure")
    wan = [(c, n, *(x / 10000 for x in figures)) for c, n, *figures in v.HU_LINES]
    _expect_lines(got, wan, tuple(round(x / 10000, 6) for x in v.HU_TOTAL), ("total", "basic", "project"))
    assert got[(None, "total")] == 301.97521  # 3,019,752.10 元, not 3 billion 万元
    assert _status(out, "expenditure") == "complete"


def test_continuation_pages_titled_continued_without_header(outcomes):
    out = _ok(outcomes, "expenditure_continued_title.pdf")
    got = _lines(out, "expenditure")
    _expect_lines(got, v.LONG_LINES, v.LONG_TOTAL, ("total", "basic", "project"))
    (reading,) = [r for r in out.frames["readings"] if r["family"] == "expenditure"]
    assert reading["status"] == "complete" and len(reading["table_pages"]) >= 2


def test_sangong_rows_beside_meeting_and_training_costs(outcomes):
    out = _ok(outcomes, "sangong_meeting_training_rows.pdf")
    # the first 合计 adds 会议费 and 培训费: the 三公 total is the “三公”经费合计 line
    assert _sangong(out) == {(stage, item): v.MT_SANGONG[item][k]
                             for item in ITEMS for k, stage in enumerate(("budget", "actual"))}
    assert _status(out, "sangong") == "complete"


def test_summary_income_lines_above_expenditure_lines(outcomes):
    out = _ok(outcomes, "summary_stacked.pdf")
    rows = [r for r in out.frames["summary"] if r["table"] == "summary"]
    items = {r["item"]: r["amount"] for r in rows}
    assert (items["grand_total"], items["grand_total_expenditure"]) == (1234.0, 1234.0)
    assert (items["fiscal_appropriation"], items["opening_balance"]) == (1200.0, 34.0)
    classes = {r["label"]: r["amount"] for r in rows if r["item"] == "function_class"}
    assert classes == {label.split("、", 1)[1]: x for label, x in v.ST_EXPENDITURE[1:]}
    assert _status(out, "summary") == "complete"


def test_unit_in_yuan_printed_only_under_a_multi_page_table(outcomes):
    out = _ok(outcomes, "expenditure_yuan_unit_below.pdf")
    got = _lines(out, "expenditure")
    _expect_lines(got, v.LONG_LINES, v.LONG_TOTAL, ("total", "basic", "project"))  # 元 → 万元
    assert _status(out, "expenditure") == "complete"


def test_sangong_title_and_unit_rows_inside_the_ruled_grid(outcomes):
    out = _ok(outcomes, "sangong_title_and_unit_in_grid.pdf")
    # the title row says 决算表: it is not the stage of every column; 单位：元 in the grid is read
    assert _sangong(out) == {**{("budget", i): x for i, x in zip(ITEMS, v.TG_BUDGET, strict=True)},
                             **{("actual", i): x for i, x in zip(ITEMS, v.TG_ACTUAL, strict=True)}}
    assert _status(out, "sangong") == "complete"


def test_two_columns_of_one_sangong_figure_are_not_complete():
    """Two 决算数 blocks the header cannot tell apart: the table is not read as complete."""
    from ingest.model import DocMeta, RawTable
    from ingest.reading import read_table

    items = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
    subs = ["", "", "小计", "购置费", "运行费", ""]
    header = [["决算数"] * 6 + ["决算数"] * 6, items * 2, subs * 2]
    body = [["9.00", "0.00", "6.00", "0.00", "6.00", "3.00", "8.00", "0.00", "5.00", "0.00", "5.00", "3.00"]]
    table = RawTable("sangong", "“三公”经费支出决算表", [1], header, body, [1])
    doc = DocMeta("d", "430000", "湖南省", "湖南省", None, "a", "某局", 2023, "final_account", "department", "x.pdf")
    reading = read_table(table, doc, None, {})
    assert reading.status == "partial" and "两列" in reading.reason


def test_overall_selfeval_named_in_a_department_unit_name_cell(outcomes):
    out = _ok(outcomes, "overall_selfeval_sources.pdf")
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.OV_AGENCY, 2023, "performance_report")
    (p,) = out.frames["projects"]
    initial, full, executed, weight, rate, score = v.OV_FUNDS
    assert (p["project"], p["implementing_unit"]) == ("部门整体支出", v.OV_AGENCY)
    assert (p["budget_initial"], p["budget_full_year"], p["executed"]) == (float(initial), float(full), float(executed))
    assert (p["exec_weight"], p["exec_score"], p["total_score"]) == (float(weight), float(score), float(v.OV_TOTAL))
    got = {r["name"]: (r["target"], r["actual"], r["weight"], r["score"]) for r in out.frames["indicators"]}
    assert got == {name: (target, actual, float(w), float(s)) for _l1, _l2, name, target, actual, w, s in v.OV_INDICATORS}


def test_unruled_table_over_three_pages_header_on_the_first_only(outcomes):
    out = _ok(outcomes, "expenditure_unruled_pages.pdf")
    got = _lines(out, "expenditure")
    _expect_lines(got, v.LONG_LINES, v.LONG_TOTAL, ("total", "basic", "project"))
    assert {r["page"] for r in out.frames["line_items"]} == {2, 3, 4}
    assert _status(out, "expenditure") == "complete"


def test_sangong_rows_with_a_line_number_column_and_a_change_column(outcomes):
    out = _ok(outcomes, "sangong_transposed_line_numbers.pdf")
    # 行次 1 … 6 is no 决算数: read as one, the table would seem to print sums that do not close
    got = _sangong(out)
    assert got == {(stage, item): v.TR_SANGONG[item][k] for item in ITEMS for k, stage in enumerate(("budget", "actual"))}
    assert _status(out, "sangong") == "complete"
