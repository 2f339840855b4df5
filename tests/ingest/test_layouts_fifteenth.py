"""A fifteenth round of layouts (samplegen/variants_fifteenth.py): amounts in whole 元 (a 三线表 with separators, a
rule-less table without them), a rule-less 总表 whose labels wrap over two lines, 类 | 款 | 项 in three columns
beside 年初预算数 | 决算数 (merged over 合计 | 基本支出 | 项目支出) | 完成率, a long table whose header repeats under a
续表 mark, a book whose 目录 lists its 政府性基金 table as 无 (that page a title and a note), 上年预算数 | 本年预算数 |
增减, 总计 at the bottom, a 总表 titled only in the page header with notes under it.

Each variant PDF, and a copy with its planted defect (a sum that does not close, or a 项 printed under another's
name), is drawn once per session and ingested once with the real pipeline; every figure drawn is read back (元 in
万元), and the planted defect, and nothing else, is flagged.
"""

from __future__ import annotations

import polars as pl
import pytest

from fiscal.rules import evaluate
from fiscal.rules.engine import Frames
from ingest.document import Outcome
from samplegen import variants_fifteenth as v
from samplegen import variants_fifteenth_book as vb
from samplegen import variants_thirteenth as v13
from tests.ingest.layouts import caught, expected, line_items, ok, reading

MEASURES = ("total", "basic", "project")
BOOK = ("summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic", "gov_fund",
        "soe_capital", "sangong")


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    from tests.ingest.layouts import ingested

    return ingested(tmp_path_factory, v)


def _findings(out: Outcome) -> list[tuple[str, str]]:
    """(rule, message) of every warning or error any rule raises on one document's rows."""
    kept = ("documents", "summary", "line_items", "economic_items", "sangong", "narrative", "readings")
    found = evaluate(Frames.of(**{k: rows for k, rows in out.frames.items() if k in kept}))
    return [(r["rule"], r["message"]) for r in found.iter_rows(named=True) if r["severity"] != "info"]


def _summary(out: Outcome, table: str) -> dict[str, float]:
    """item → amount of a 总表's lines (the classes by their names)."""
    return {r["label"] if r["item"] == "function_class" else r["item"]: r["amount"]
            for r in out.frames["summary"] if r["table"] == table}


def test_whole_yuan_in_a_three_line_table(outcomes):
    """A 三线表 in whole 元 with separators (20,861,900): read by text position (the old reader counted only decimal
    amounts as figures, found none and quarantined the document), each figure in 万元."""
    out = ok(outcomes, "whole_yuan_three_line.pdf")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    assert out.unit == "元"
    caught(outcomes, "whole_yuan_three_line.pdf", "gpb_expenditure", "totals_mismatch")


def test_whole_yuan_without_separators_and_ruling(outcomes):
    """Whole 元 without separators (6183500) and without ruling lines: the lines' own arithmetic (合计 = 基本支出 +
    项目支出 …) tells the figures from codes and 行次 (the old reader quarantined the document)."""
    out = ok(outcomes, "plain_yuan_unruled.pdf")
    assert reading(out, "expenditure")["status"] == "complete"
    assert line_items(out, "expenditure") == expected(v.hlj_lines(), v13.HLJ_MEASURES)
    caught(outcomes, "plain_yuan_unruled.pdf", "expenditure", "totals_mismatch")


def test_a_summary_in_whole_yuan_without_separators(outcomes):
    """A 三线表 总表 in whole 元 without separators: no code on any line, only 行次 and figures (the old reader saw no
    figure: the page dropped, the document quarantined), the figure fused with the next side's numbering (20861900
    一、) cut apart, each line read in 万元."""
    out = ok(outcomes, "summary_plain_three_line.pdf")
    assert reading(out, "summary")["status"] == "complete"
    got = _summary(out, "summary")
    total = v.cq_lines()[0][2][0]
    assert got["fiscal_appropriation"] == got["income_total"] == got["grand_total"] == pytest.approx(total)
    classes = {n: x for n, x in vb.summary_figures().items() if n != "total"}
    assert {n: got[n] for n in classes} == pytest.approx(classes)
    caught(outcomes, "summary_plain_three_line.pdf", "summary", "totals_mismatch")


def test_a_summary_without_ruling_whose_labels_wrap(outcomes):
    """一、一般公共预算财政拨款 | 收 over the line of its 行次 and figure, 入 under it: each wrapped label is joined on
    its figure's line (the old reader took the first line for a header row, lost the 一般公共预算 line and left the
    总表 partial: 本年收入合计 ≠ 0.00)."""
    out = ok(outcomes, "summary_wrapped_unruled.pdf")
    assert reading(out, "summary")["status"] == "complete"
    got = _summary(out, "summary")
    total = v.cq_lines()[0][2][0]
    assert got["fiscal_appropriation"] == got["income_total"] == got["grand_total"] == pytest.approx(total)
    assert got["gov_fund_appropriation"] == got["soe_appropriation"] == 0.0
    classes = {n: x for n, x in vb.summary_figures().items() if n != "total"}
    assert {n: got[n] for n in classes} == pytest.approx(classes)
    caught(outcomes, "summary_wrapped_unruled.pdf", "summary", "totals_mismatch")


def test_level_code_columns_beside_a_merged_final_block(outcomes):
    """类 | 款 | 项 columns, every line printing all its parts (201 | 05 | 01), beside 年初预算数 | 决算数 (合计 |
    基本支出 | 项目支出) | 完成率: the 决算's own figures under their measures. The broken copy prints 2010501 under
    another 项's name: code_name_mismatch names it, and nothing else is raised."""
    out = ok(outcomes, "code_columns_merged.pdf")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(v.cl_lines(), v.CL_MEASURES)
    assert _findings(out) == []
    broken = _findings(ok(outcomes, v.broken_name("code_columns_merged.pdf")))
    assert [rule for rule, _m in broken] == ["code_name_mismatch"]
    assert "2010501" in broken[0][1] and "行政运行" in broken[0][1]


def test_a_long_table_with_its_header_repeated_under_a_continued_mark(outcomes):
    """Thirty lines over two pages, the second titled 支出决算表（续表）over the header printed again: one table."""
    out = ok(outcomes, "continued_repeated.pdf")
    one = reading(out, "expenditure")
    assert one["status"] == "complete" and one["table_pages"] == [2, 3], one
    assert line_items(out, "expenditure") == expected(v.lr_lines(), MEASURES)
    caught(outcomes, "continued_repeated.pdf", "expenditure", "totals_mismatch")


def test_a_table_listed_as_nil_prints_only_its_title_and_a_note(outcomes):
    """目录: 表7：政府性基金预算财政拨款收入支出决算表（无）; its page a title and a note, no grid; the 国有资本经营
    table an empty grid: every table found, the two empty ones complete, no rule raises anything (no missing_tables);
    the broken copy's 项目支出 1.00 too high is the one finding."""
    out = ok(outcomes, "nil_fund_book.pdf")
    assert {r["family"]: r["status"] for r in out.frames["readings"]} == dict.fromkeys(BOOK, "complete")
    assert "空表" in reading(out, "gov_fund")["reason"]
    assert _findings(out) == []
    broken = ok(outcomes, v.broken_name("nil_fund_book.pdf"))
    assert {rule for rule, _m in _findings(broken)} == {"totals_mismatch"}


def test_last_years_budget_and_the_change_beside_this_years(outcomes):
    """上年预算数 | 本年预算数 (合计 | 基本支出 | 项目支出) | 增减额 | 增减率: this year's figures read, the others not."""
    out = ok(outcomes, "budget_prev_year.pdf")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(vb.py_lines(), vb.PY_MEASURES)
    caught(outcomes, "budget_prev_year.pdf", "gpb_expenditure", "totals_mismatch")


def test_the_grand_total_at_the_bottom(outcomes):
    """总  计 as the last line, under the 项 lines: it is the table's total."""
    out = ok(outcomes, "total_bottom.pdf")
    assert reading(out, "expenditure")["status"] == "complete"
    assert line_items(out, "expenditure") == expected(v.cq_lines(), MEASURES)
    caught(outcomes, "total_bottom.pdf", "expenditure", "totals_mismatch")


def test_a_title_in_the_page_header_and_notes_under_the_table(outcomes):
    """财政拨款收入支出决算总表 printed only in the running head over the page, notes with figures under the table:
    the table found by its header title, its figures read, the notes' figures not taken for lines."""
    out = ok(outcomes, "summary_header_title.pdf")
    assert reading(out, "fiscal_summary")["status"] == "complete"
    got = _summary(out, "fiscal_summary")
    total = v.cq_lines()[0][2][0]
    assert got["fiscal_appropriation"] == got["income_total"] == got["grand_total"] == pytest.approx(total)
    classes = {n: x for n, x in vb.summary_figures().items() if n != "total"}
    assert {n: got[n] for n in classes} == pytest.approx(classes)
    assert _findings(out) == []
    caught(outcomes, "summary_header_title.pdf", "fiscal_summary", "totals_mismatch")


# ---------------------------------------------------------------- the pieces, without a PDF

@pytest.mark.parametrize(("grid", "figures"), [
    ([["科目编码", "科目名称", "合计", "基本支出"], ["", "合计", "20,861,900", "18,530,900"],
      ["201", "一般公共服务支出", "18,316,100", "15,985,100"]], True),  # whole 元 with separators
    ([["", "合计", "20861900", "18530900", "2331000"], ["201", "一般公共服务支出", "18316100", "15985100", "2331000"],
      ["2013801", "行政运行", "12864300", "12864300", ""]], True),  # whole 元 adding up on two lines
    ([["项目", "行次", "金额"], ["一、财政拨款收入", "1", "18316100"], ["二、事业收入", "2", "2545800"],
      ["本年收入合计", "3", "20861900"]], True),  # a 金额 column whose 合计 is its lines' sum
    ([["一、收入支出决算总表", "3"], ["二、收入决算表", "4"], ["三、支出决算表", "5"], ["四、财政拨款收支总表", "7"]],
     False),  # a 目录's page numbers
    ([["项目", "行次"], ["一、财政拨款收入", "1"], ["二、事业收入", "2"], ["本年收入合计", "3"]], False),  # 1 + 2 = 3
    ([["201", "一般公共服务支出"], ["20101", "人大事务"], ["2010101", "行政运行"]], False),  # codes only
])
def test_figures_in_a_text_position_reading(grid, figures):
    from ingest.extract import _has_figures

    assert _has_figures(grid) is figures


def test_a_label_wrapped_under_its_figures_line():
    """Top-aligned cells: the label's second line under its figure's line is joined to it; a line naming something
    by itself (二、事业收入) is not."""
    from ingest.parsers.summary_wrap import unwrap

    rows = [["一、一般公共预算财政拨款", "1", "2,086.19", "一、一般公共服务支出", "31", "1,831.61"],
            ["收入", "", "", "", "", ""],
            ["二、事业收入", "2", "", "", "", ""]]
    got, pages = unwrap(rows, [2, 2, 2], [(0, 3), (3, 6)], lambda t: t.startswith("二、"))
    assert [r[0] for r in got] == ["一、一般公共预算财政拨款收入", "二、事业收入"] and pages == [2, 2]


@pytest.mark.parametrize(("code", "name", "flagged"), [
    ("2013801", "一般行政管理事务", True),  # a 项 the old code table did not hold: its wrong name passed
    ("2013801", "行政运行", False),
    ("2170404", "中央金融机构注资特别国债支出", False),  # 2025
    ("22006", "耕地保护考核奖惩基金支出", False),  # 2024
    ("22006", "行政运行", True),
    ("2359901", "某某新设科目支出", False),  # a code the table does not hold: never a finding
])
def test_national_codes_of_2024_and_2025(code, name, flagged):
    rows = pl.DataFrame({"doc_id": ["d"], "agency_id": ["a"], "year": [2025], "table": ["gpb_expenditure"],
                         "page": [3], "code": [code], "name": [name], "measure": ["total"], "amount": [1.0]})
    found = evaluate(Frames.of(line_items=rows), rules=["code_name_mismatch"])
    assert (found.height > 0) is flagged
