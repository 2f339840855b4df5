"""A thirteenth round of layouts (samplegen/variants_thirteenth.py): a unit said only in the header cells, in a note
under the table or in a letter-spaced line, titles with their table number behind them, 基本支出 blocks whose 合计 labels span two columns,
云南's project list and an economic-class table after the 支出表, titled with long bracketed qualifiers; tables
without ruling lines whose names or header words wrap, one on a turned page; a whole county book of nine tables.

Each variant PDF, and a copy with its planted defect, is drawn once per session and ingested once with the real
pipeline; every figure drawn is read back, and the planted defect, and nothing else, is flagged.
"""

from __future__ import annotations

import pytest

from fiscal.rules import evaluate
from fiscal.rules.engine import Frames
from ingest.document import Outcome
from ingest.families import match_title
from ingest.parsers.named_codes import code_of_name
from samplegen import variants_thirteenth as v
from tests.ingest.layouts import caught, expected, flags, ingested, line_items, ok, reading, readings

MEASURES = ("total", "basic", "project")


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def test_a_unit_said_only_by_the_header_cells(outcomes):
    """合计（元）| 基本支出（元）| 项目支出（元）and no 单位 line: every figure read in 万元."""
    out = ok(outcomes, "unit_in_header.pdf")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    caught(outcomes, "unit_in_header.pdf", "gpb_expenditure", "totals_mismatch")


def test_thousands_said_only_by_the_header_cells(outcomes):
    """合计（千元）| 基本支出（千元）…: read in 万元 (the old reader knew 元 and 万元 in a header, not 千元: ten times too
    large, called complete)."""
    out = ok(outcomes, "unit_in_header_thousands.pdf")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    caught(outcomes, "unit_in_header_thousands.pdf", "gpb_expenditure", "totals_mismatch")


def test_a_unit_said_only_by_a_note_under_the_table(outcomes):
    """注：本表金额单位为元。under a table with no 单位 line: read in 万元 (the old reader took its 元 for 万元: every
    figure 10,000 times too large, called complete)."""
    out = ok(outcomes, "unit_in_note.pdf")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    caught(outcomes, "unit_in_note.pdf", "gpb_expenditure", "totals_mismatch")


def test_a_letter_spaced_unit_line(outcomes):
    """单 位 ： 元 (分散对齐): read in 万元 (the old reader knew no spaced unit line and took the 元 for 万元)."""
    out = ok(outcomes, "unit_letter_spaced.pdf")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    caught(outcomes, "unit_letter_spaced.pdf", "gpb_expenditure", "totals_mismatch")


def test_titles_with_their_table_number_behind_them(outcomes):
    """一般公共预算财政拨款支出决算表 表1-5: the number after the title on its line (the old reader found no table on
    the page), and the empty 政府性基金 table 表1-7 beside it said empty."""
    out = ok(outcomes, "titles_numbered_behind.pdf")
    one = reading(out, "gpb_expenditure")
    assert one["status"] == "complete" and one["table_pages"] == [2], one
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    fund = reading(out, "gov_fund")
    assert fund["status"] == "complete" and fund["empty"], fund
    caught(outcomes, "titles_numbered_behind.pdf", "gpb_expenditure", "totals_mismatch")


def _economic(out: Outcome) -> dict[str | None, float]:
    rows = out.frames.get("economic_items", [])
    got = {r["code"] or r["name"]: r["amount"] for r in rows}
    assert len(got) == len(rows)
    return got


def test_block_totals_whose_labels_span_two_columns(outcomes):
    """人员经费合计 | 525.04 | 公用经费合计 | 74.90, each label merged over its block's code and name columns: Camelot
    lost the 公用经费合计 printed right after a figure, so its check was not made (the broken copy, its total printed
    1.00 above its lines, was called complete)."""
    out = ok(outcomes, "merged_total_labels.pdf")
    assert reading(out, "gpb_basic")["status"] == "complete"
    want = {c: pytest.approx(x) for c, _n, x in v.MT_PERSONNEL + v.MT_PUBLIC}
    assert _economic(out) == {**want, "人员经费合计": pytest.approx(v.MT_TOTALS[0]),
                              "公用经费合计": pytest.approx(v.MT_TOTALS[1])}
    broken = caught(outcomes, "merged_total_labels.pdf", "gpb_basic", "totals_mismatch")
    assert "公用经费合计" in broken["reason"], broken["reason"]


def test_a_project_list_with_a_long_qualifier_is_not_the_expenditure_tables_page(outcomes):
    """云南's 部门项目支出预算表（其他运转类、特定目标类项目）after the 支出表 (a qualifier of 13 characters: the old reader
    knew none longer than 10, so the project list was read as the 支出表's second page)."""
    out = ok(outcomes, "yunnan_project_list.pdf")
    one = reading(out, "gpb_expenditure")
    assert one["status"] == "complete" and one["table_pages"] == [2], one
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    broken = caught(outcomes, "yunnan_project_list.pdf", "gpb_expenditure", "totals_mismatch")
    assert broken["table_pages"] == [2]


def test_an_economic_table_titled_by_its_qualifier(outcomes):
    """财政拨款支出预算表（部门预算支出经济分类科目）after the 功能分类 table: its own (economic) table, not the 功能分类
    table's next page (the old reader read its 30101 … lines into the 支出表: partial)."""
    out = ok(outcomes, "economic_qualifier.pdf")
    one = reading(out, "gpb_expenditure")
    assert one["status"] == "complete" and one["table_pages"] == [2], one
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    assert not readings(out, "fiscal_expenditure")
    caught(outcomes, "economic_qualifier.pdf", "gpb_expenditure", "totals_mismatch")
    assert not flags(out, "totals_mismatch")


def test_a_table_without_ruling_whose_names_wrap(outcomes):
    """甘肃's county books: no ruling lines, 元 with separators, long names wrapped onto a second line in a narrow
    科目名称 column (机关事业单位基本养老保险缴 / 费支出): every line read once, in 万元."""
    out = ok(outcomes, "stream_wrapped_names.pdf")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    caught(outcomes, "stream_wrapped_names.pdf", "gpb_expenditure", "totals_mismatch")


def test_a_table_without_ruling_on_a_turned_page(outcomes):
    """黑龙江's county books: the six-measure 支出决算表 typeset without ruling on a landscape page stored portrait
    (/Rotate 90), its long header words wrapped in their columns: every figure read under its measure."""
    out = ok(outcomes, "stream_turned.pdf")
    assert reading(out, "expenditure")["status"] == "complete"
    assert line_items(out, "expenditure") == expected(v.hlj_lines(), v.HLJ_MEASURES)
    caught(outcomes, "stream_turned.pdf", "expenditure", "totals_mismatch")


def test_a_table_without_ruling_whose_columns_stand_close(outcomes):
    """The six-measure 支出决算表 without ruling on a portrait page: the page number under it (- 2 -) is no line of the
    table (the old reader took it for one: its words joined the 合计 and 基本支出 columns into one, two figures a
    cell, and the table stayed partial)."""
    out = ok(outcomes, "stream_cramped.pdf")
    assert reading(out, "expenditure")["status"] == "complete"
    assert line_items(out, "expenditure") == expected(v.hlj_lines(), v.HLJ_MEASURES)
    caught(outcomes, "stream_cramped.pdf", "expenditure", "totals_mismatch")


def test_a_summary_whose_closing_balance_is_broken_down(outcomes):
    """北京's 收入支出决算总表: 项目 | 行次 | 金额 on each side, 年末结转和结余 over its 基本支出结转 | 项目支出结转和结余 |
    经营结余 lines: every named line read once, the breakdown no second 年末结转和结余."""
    out = ok(outcomes, "summary_balances_broken_down.pdf")
    assert reading(out, "summary")["status"] == "complete"
    got = {(r["item"], r["label"]): r["amount"] for r in out.frames["summary"]}
    t = v.bs_totals()
    assert got[("income_total", "本年收入合计")] == pytest.approx(t["income_total"])
    assert got[("expenditure_total", "本年支出合计")] == pytest.approx(t["expenditure_total"])
    assert got[("closing_balance", "年末结转和结余")] == pytest.approx(t["closing_balance"])
    assert got[("opening_balance", "年初结转和结余")] == pytest.approx(v.BS_OPENING)
    assert got[("non_fiscal_balance_used", "使用非财政拨款结余")] == pytest.approx(v.BS_NON_FISCAL)
    assert got[("grand_total", "总计")] == got[("grand_total_expenditure", "总计")] == pytest.approx(t["grand_total"])
    assert [r["item"] for r in out.frames["summary"]].count("closing_balance") == 1
    caught(outcomes, "summary_balances_broken_down.pdf", "summary", "totals_mismatch")


def test_the_narrative_right_after_the_last_table_is_not_its_page(outcomes):
    """第二部分 / 2024年度部门决算情况说明 on the page after the last table, its few long sentences (one full stop) holding
    a figure: read as prose (the old reader took the page for the table's next page and lost its sentences)."""
    out = ok(outcomes, "prose_after_tables.pdf")
    one = reading(out, "gpb_expenditure")
    assert one["status"] == "complete" and one["table_pages"] == [2], one
    said = [r["text"] for r in out.frames["narrative"] if r["key"] == "sentence" and r["page"] == 3]
    assert any("2,086.19万元" in t for t in said), said
    caught(outcomes, "prose_after_tables.pdf", "gpb_expenditure", "totals_mismatch")


def _findings(out: Outcome) -> list[tuple[str, str]]:
    """(rule, message) of every warning or error any rule raises on one document's rows (its 目录 and tables)."""
    kept = ("documents", "summary", "line_items", "economic_items", "sangong", "narrative", "readings")
    found = evaluate(Frames.of(**{k: rows for k, rows in out.frames.items() if k in kept}))
    return [(r["rule"], r["message"]) for r in found.iter_rows(named=True) if r["severity"] != "info"]


def test_a_whole_county_book_of_nine_tables(outcomes):
    """广东's county 决算: a 目录 of nine tables numbered 表1： … 表9：, one set of figures across them, the 政府性基金 and
    国有资本经营 tables empty under their notes: every table found and complete, and no rule raises anything; the
    broken copy's 项目支出 1.00 too high is the one finding."""
    out = ok(outcomes, "guangdong_book.pdf")
    got = {r["family"]: (r["status"], r["listed"]) for r in out.frames["readings"]}
    assert set(got) == {"summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic",
                        "gov_fund", "soe_capital", "sangong"}
    assert set(got.values()) == {("complete", True)}, got
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    six = [(c, n, (*f, 0.0, 0.0, 0.0)) for c, n, f in v.cq_lines()]
    assert line_items(out, "expenditure") == expected(six, v.HLJ_MEASURES)
    assert _findings(out) == []
    broken = ok(outcomes, v.broken_name("guangdong_book.pdf"))
    assert {rule for rule, _m in _findings(broken)} == {"totals_mismatch"}


@pytest.mark.parametrize(("title", "family"), [
    ("收入支出决算总表 表1-1", "summary"),
    ("一般公共预算财政拨款支出决算表（表五）", "gpb_expenditure"),
    ("收入支出决算总表【表1】", "summary"),
    ("二〇二四年度收入支出决算总表", "summary"),
    ("二○二四年度一般公共预算财政拨款支出决算表", "gpb_expenditure"),
    ("部门项目支出预算表（其他运转类、特定目标类项目）", "project_expenditure"),
    ("一般公共预算基本支出预算表（按部门预算支出经济分类科目）", "gpb_basic"),
    ("一般公共预算支出预算表（按经济科目）", "fiscal_economic"),
    ("财政拨款支出预算表（部门预算支出经济分类科目）", "fiscal_economic"),
    ("财政拨款收支预算总表（按经济科目分类和功能科目分类）", "fiscal_summary"),
    ("政府性基金预算支出预算表（按功能科目）", "gov_fund"),
])
def test_titles_with_numbers_behind_or_long_qualifiers(title, family):
    """A table number behind the title, a qualifier of any length; a qualifier naming the 经济分类 alone keeps a
    功能分类 title from matching (一般公共预算支出预算表（按经济科目）is the economic table, not the 支出表)."""
    hit = match_title(title)
    assert hit is not None and hit[0] == family, hit


@pytest.mark.parametrize(("name", "above", "code"), [
    ("人大会议", "20101", "2010104"), ("检察监督", "20404", "2040410"), ("案件审判", "20405", "2040504"),
    ("城管执法", "21201", "2120104"), ("科普活动", "20607", "2060702"), ("计划生育服务", "21007", "2100717"),
])
def test_item_names_printed_by_real_documents_are_in_the_national_list(name, above, code):
    """项 names real 决算 and 预算 print without codes are coded under their 款 (fiscal/data/function_codes.csv held
    none of these: a names-only table printing them stayed partial)."""
    assert code_of_name(name, above) == code
