"""A fourteenth round of layouts (samplegen/variants_fourteenth.py): titles led by the 部门决算 software's sheet codes
(Z01 收入支出决算总表), 部门预算 books titled 部门预算收支总表 / 收入总表 / 支出总表, a 总表 with letter-spaced totals, code
and name in one cell with zeros printed "-", 本年支出 between two balances, 合计 as the last column over pages with no
header, a 政府性基金 table with 类 | 款 | 项 columns in 元, a 财政拨款支出预算明细表 that is a plain 功能分类 table; tables
without ruling lines read by text position (labels and names cut at column edges, a table found twice, blank
columns, a 栏次 row, continuation pages titled （续表）, a page of one line).

Each variant PDF, and a copy with its planted defect, is drawn once per session and ingested once with the real
pipeline; every figure drawn is read back, and the planted defect, and nothing else, is flagged.
"""

from __future__ import annotations

import pytest

from fiscal.rules import evaluate
from fiscal.rules.engine import Frames
from ingest.document import Outcome
from ingest.families import is_code_line, match_title
from samplegen import variants_fourteenth as v
from samplegen import variants_fourteenth_budget as vb
from samplegen import variants_thirteenth as v13
from tests.ingest.layouts import caught, expected, line_items, ok, reading

MEASURES = ("total", "basic", "project")


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    from tests.ingest.layouts import ingested

    return ingested(tmp_path_factory, v)


def _findings(out: Outcome) -> list[tuple[str, str]]:
    """(rule, message) of every warning or error any rule raises on one document's rows."""
    kept = ("documents", "summary", "line_items", "economic_items", "sangong", "narrative", "readings")
    found = evaluate(Frames.of(**{k: rows for k, rows in out.frames.items() if k in kept}))
    return [(r["rule"], r["message"]) for r in found.iter_rows(named=True) if r["severity"] != "info"]


def test_a_book_whose_titles_carry_the_softwares_sheet_codes(outcomes):
    """Z01 收入支出决算总表 … Z09 …“三公”经费支出决算表: every table found and complete (the old reader matched no
    title led by a sheet code but the 一般公共预算 one's, barely: eight of nine tables missing), no rule raises
    anything; the broken copy's 项目支出 1.00 too high is the one finding."""
    out = ok(outcomes, "sheet_coded_book.pdf")
    got = {r["family"]: r["status"] for r in out.frames["readings"]}
    assert got == dict.fromkeys(("summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic",
                                 "gov_fund", "soe_capital", "sangong"), "complete")
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    six = [(c, n, (*f, 0.0, 0.0, 0.0)) for c, n, f in v.cq_lines()]
    assert line_items(out, "expenditure") == expected(six, v13.HLJ_MEASURES)
    assert _findings(out) == []
    broken = ok(outcomes, v.broken_name("sheet_coded_book.pdf"))
    assert {rule for rule, _m in _findings(broken)} == {"totals_mismatch"}


def test_code_and_name_in_one_cell_zeros_as_dashes(outcomes):
    """功能分类科目编码及名称 (2013801 行政运行) in one column, zeros printed "-", 合计 at the bottom."""
    out = ok(outcomes, "fused_code_dashes.pdf")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    caught(outcomes, "fused_code_dashes.pdf", "gpb_expenditure", "totals_mismatch")


def test_the_years_spending_between_two_balances(outcomes):
    """年初结转和结余 | 本年支出 (合计 | 基本支出 | 项目支出) | 年末结转和结余: each figure under its measure."""
    out = ok(outcomes, "year_block.pdf")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(v.yb_lines(), v.YB_MEASURES)
    caught(outcomes, "year_block.pdf", "gpb_expenditure", "totals_mismatch")


def test_the_total_as_the_last_column_over_pages_without_a_header(outcomes):
    """基本支出 | 项目支出 | … | 合计 (合计 last), the 合计 line at the bottom, the second landscape page without the
    header: one table over both pages, every figure under its measure."""
    out = ok(outcomes, "total_last_column.pdf")
    one = reading(out, "expenditure")
    assert one["status"] == "complete" and one["table_pages"] == [2, 3], one
    assert line_items(out, "expenditure") == expected(v13.hlj_lines(), v13.HLJ_MEASURES)
    caught(outcomes, "total_last_column.pdf", "expenditure", "totals_mismatch")


def test_a_budget_summary_titled_with_the_books_kind_and_spaced_totals(outcomes):
    """部门预算收支总表 (a title the old reader did not know: found by its header words only), its totals
    letter-spaced (本 年 收 入 合 计, 收 入 总 计) and 上年结转 / 结转下年 lines."""
    out = ok(outcomes, "budget_summary_spaced.pdf")
    assert reading(out, "summary")["status"] == "complete"
    got = {r["item"]: r["amount"] for r in out.frames["summary"] if r["item"] != "function_class"}
    f = vb.ss_figures()
    for item in ("income_total", "expenditure_total", "opening_balance", "grand_total"):
        assert got[item] == pytest.approx(f[item]), item
    assert got["grand_total_expenditure"] == pytest.approx(f["grand_total"])
    classes = {r["label"]: r["amount"] for r in out.frames["summary"] if r["item"] == "function_class"}
    assert classes == {n: pytest.approx(x) for n, x in f.items() if n.endswith("支出")}
    caught(outcomes, "budget_summary_spaced.pdf", "summary", "totals_mismatch")


def test_budget_income_and_expenditure_tables_titled_with_the_books_kind(outcomes):
    """部门预算收入总表 and 部门预算支出总表: both found (the old reader found neither) and read line by line."""
    out = ok(outcomes, "budget_income_expenditure.pdf")
    assert reading(out, "income")["status"] == reading(out, "expenditure")["status"] == "complete"
    assert line_items(out, "expenditure") == expected(v.cq_lines(), MEASURES)
    income = line_items(out, "income")
    assert income[(None, "total")] == pytest.approx(v.cq_lines()[0][2][0])
    assert income[("2013802", "carried_over")] == pytest.approx(vb.IE_SHARE["2013802"])
    caught(outcomes, "budget_income_expenditure.pdf", "expenditure", "totals_mismatch")


def test_a_fund_table_with_level_code_columns_in_yuan(outcomes):
    """类 | 款 | 项 under a merged 科目编码, each line printing its own part only (229 | 60 | 02), in 元."""
    out = ok(outcomes, "fund_code_levels.pdf")
    assert reading(out, "gov_fund")["status"] == "complete"
    assert line_items(out, "gov_fund") == expected(vb.fl_lines(), MEASURES)
    caught(outcomes, "fund_code_levels.pdf", "gov_fund", "totals_mismatch")


@pytest.mark.parametrize(("title", "family"), [
    ("部门预算收支总表", "summary"),
    ("2025年部门预算收入总表", "income"),
    ("部门预算支出总表", "expenditure"),
    ("部门决算收支总表", "summary"),
    ("XX市统计局部门预算收支总表", "summary"),
    ("Z01 收入支出决算总表", "summary"),
    ("Z01表 收入支出决算总表", "summary"),
    ("Z03 支出决算表", "expenditure"),
    ("Z08 一般公共预算财政拨款基本支出决算表", "gpb_basic"),
    ("收入支出决算总表 Z01表", "summary"),
])
def test_titles_with_the_books_kind_or_a_sheet_code(title, family):
    """部门预算X表 is the 部门X表; a sheet code (a letter and two digits) before or behind a title is no part of it."""
    hit = match_title(title)
    assert hit is not None and hit[0] == family, hit


def test_a_books_heading_over_a_title_is_no_part_of_it():
    """上海市 XX 局 2024 年度部门决算表 over 收入支出决算总表: the heading and the title read as one wrapped line are no
    title (部门决算 is folded away only before a table's own name, not before 表), so the heading stays the page's
    prose (the template's placeholder in it is found)."""
    assert match_title("上海市 XX 局 2024 年度部门决算表收入支出决算总表") is None
    assert match_title("部门预算表收入支出预算总表") is None


def test_a_sheet_code_alone_on_its_line_starts_a_table():
    assert is_code_line("Z05表") and is_code_line("Z05")
    assert match_title("PPP项目支出表") is None  # letters without a sheet number are no code


def test_a_book_without_ruling_lines(outcomes):
    """The sheet-coded book typeset with whitespace only: the 总表's income labels cut in two by the column reader
    (一、一般公共预算财政拨款 | 收入: the old reader read 本年收入合计 and 总计 as 0.00 from the blank cells of the cut
    labels' column, called the 总表 complete and accused the document of a 总表 that disagrees with its 收入表) and
    the 收入决算表 that Camelot found twice, in two overlapping areas (the old reader kept two 收入表 readings of one
    page): every table read once and whole, no rule raises anything."""
    out = ok(outcomes, "sheet_coded_unruled.pdf")
    got = [(r["family"], r["status"]) for r in out.frames["readings"]]
    assert sorted(got) == sorted(dict.fromkeys(("summary", "income", "expenditure", "fiscal_summary",
                                                "gpb_expenditure", "gpb_basic", "gov_fund", "soe_capital", "sangong"),
                                               "complete").items())
    summary = {(r["item"], r["label"]): r["amount"] for r in out.frames["summary"] if r["table"] == "summary"}
    total = v.cq_lines()[0][2][0]
    assert summary[("income_total", "本年收入合计")] == summary[("grand_total", "总计")] == pytest.approx(total)
    assert summary[("fiscal_appropriation", "一般公共预算财政拨款收入")] == pytest.approx(total)
    assert line_items(out, "gpb_expenditure") == expected(v.cq_lines(), MEASURES)
    assert _findings(out) == []
    broken = ok(outcomes, v.broken_name("sheet_coded_unruled.pdf"))
    assert {rule for rule, _m in _findings(broken)} <= {"totals_mismatch"}
    assert reading(broken, "expenditure")["status"] in ("complete", "partial")


def test_a_blank_column_without_ruling_over_pages_without_a_header(outcomes):
    """合计 last, no ruling lines, the second page without the header, 上缴上级支出 blank on every line: the blank
    column's label keeps a column of its own (the old reader's column-position reading joined it to 项目支出's and
    put every label after it one column off: partial on every reader)."""
    out = ok(outcomes, "total_last_column_unruled.pdf")
    one = reading(out, "expenditure")
    assert one["status"] == "complete" and one["table_pages"] == [2, 3], one
    assert line_items(out, "expenditure") == expected(v13.hlj_lines(), v13.HLJ_MEASURES)
    caught(outcomes, "total_last_column_unruled.pdf", "expenditure", "totals_mismatch")


def test_summary_labels_cut_by_a_column_reader():
    """A 总表 as Camelot stream reads it without ruling lines: long labels cut at a column edge (一、一般公共预算财政拨款
    | 收入, 年末 | 结转和结余, 本年 | 支出合计), a figure fused with the next side's numbering (2,086.19 一、). Each label is
    put back together and takes its own figure (the old reader took 本年收入合计's and 总计's from the blank cells of
    the cut labels' column: 0.00, and lost the 一般公共预算 line)."""
    from ingest.model import DocMeta, ParseResult, RawTable
    from ingest.parsers import summary

    header = [["", "收入", "", "", "", "支出", "", ""], ["项目", "", "行次", "金额", "项目", "", "行次", "金额"]]
    rows = [["一、一般公共预算财政拨款", "收入", "1", "2,086.19 一、", "一般公共服务支出", "", "31", "2,086.19"],
            ["二、上级补助收入", "", "2", "", "", "", "", ""],
            ["本年收入合计", "", "9", "2,086.19 本年", "支出合计", "", "39", "2,086.19"],
            ["年初结转和结余", "", "10", "年末", "结转和结余", "", "40", ""],
            ["总计", "", "11", "2,086.19", "总计", "", "41", "2,086.19"]]
    table = RawTable("summary", "收入支出决算总表", [2], header, rows, [2] * len(rows), "万元", "")
    doc = DocMeta("d", "440000", "广东省", "广东省", None, "a", "某局", 2024, "final_account", "department", "x.pdf")
    result = ParseResult()
    summary.parse(table, doc, result)
    got = {(r["item"], r["label"]): r["amount"] for r in result.frames["summary"]}
    assert got == {("fiscal_appropriation", "一般公共预算财政拨款收入"): 2086.19,
                   ("function_class", "一般公共服务支出"): 2086.19, ("superior_subsidy", "上级补助收入"): 0.0,
                   ("income_total", "本年收入合计"): 2086.19, ("expenditure_total", "本年支出合计"): 2086.19,
                   ("opening_balance", "年初结转和结余"): 0.0, ("closing_balance", "年末结转和结余"): 0.0,
                   ("grand_total", "总计"): 2086.19, ("grand_total_expenditure", "总计"): 2086.19}


def test_names_cut_by_a_column_reader():
    """A 收入决算表 as Camelot stream reads it without ruling lines: the names stand in a column of their own left of
    科目名称's, which holds only the tail a column edge cut off (一般公共服务支 | 出). The two text columns are one: each
    line keeps its whole name (the old reader named 201 “出” and the 类's name check accused the document of printing
    a wrong name)."""
    from ingest.model import DocMeta, ParseResult, RawTable
    from ingest.parsers import line_items as parser

    header = [["科目编码", "", "科目名称", "本年收入合计", "财政拨款收入", "事业收入"]]
    rows = [["", "合计", "", "3,205,856.78", "3,125,856.78", "80,000.00"],
            ["201", "一般公共服务支", "出", "3,020,456.78", "2,940,456.78", "80,000.00"],
            ["20126", "档案事务", "", "3,020,456.78", "2,940,456.78", "80,000.00"],
            ["221", "住房保障支出", "", "185,400.00", "185,400.00", ""]]
    table = RawTable("income", "收入决算表", [2], header, rows, [2] * len(rows), "元", "")
    doc = DocMeta("d", "511000", "四川省内江市", "四川省", "内江市", "a", "某馆", 2024, "final_account", "department",
                  "x.pdf")
    result = ParseResult()
    parser.parse(table, doc, result)
    names = {r["code"]: r["name"] for r in result.frames["line_items"]}
    assert names == {None: "合计", "201": "一般公共服务支出", "20126": "档案事务", "221": "住房保障支出"}


def test_column_numbers_without_ruling(outcomes):
    """A 栏次 row (1 2 3 …) under the labels of a table without ruling lines, over two pages: its numbers, centred
    under the labels, do not make columns of their own (the old column-position reader took the row for a body
    line: its columns fell between the figures', and the table stayed partial on every reader)."""
    from samplegen import variants_sixth as v6

    out = ok(outcomes, "column_numbers_unruled.pdf")
    one = reading(out, "expenditure")
    assert one["status"] == "complete" and one["table_pages"] == [2, 3], one
    assert line_items(out, "expenditure") == expected(v6.expenditure_lines(), v6.EX_MEASURES)
    caught(outcomes, "column_numbers_unruled.pdf", "expenditure", "totals_mismatch")


def test_a_detail_table_title_over_a_plain_function_table(outcomes):
    """财政拨款支出预算明细表 — the title 四川 gives its 功能 × 经济 cross table, recognised and not read — over 功能分类
    lines under 合计 | 基本支出 (人员经费 | 公用经费) | 项目支出: its header makes it the 财政拨款支出表, read line by line
    (the old reader kept only its family and pages: none of its figures read, its defect not caught)."""
    out = ok(outcomes, "fiscal_detail_plain.pdf")
    assert reading(out, "fiscal_expenditure")["status"] == "complete"
    assert line_items(out, "fiscal_expenditure") == expected(vb.pd_lines(), vb.PD_MEASURES)
    caught(outcomes, "fiscal_detail_plain.pdf", "fiscal_expenditure", "totals_mismatch")


def test_the_cross_table_of_that_title_stays_what_it_is():
    """Its header prints the 经济分类 classes as columns (工资福利支出 | 商品和服务支出 …): still 四川's cross table."""
    from ingest.families import by_header

    plain = "单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n人员经费 公用经费\n201 一般公共服务支出 1.00"
    cross = "单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n工资福利支出 商品和服务支出\n201 一般公共服务支出 1.00"
    assert by_header("fiscal_detail", plain) == "fiscal_expenditure"
    assert by_header("fiscal_detail", cross) == "fiscal_detail"
    assert by_header("gpb_expenditure", plain) == "gpb_expenditure"


def test_continued_pages_without_ruling(outcomes):
    """Sixty lines over three pages without ruling lines, each continuation page titled 支出决算表（续表）over no
    header, the last holding a single line: one table over the three pages (the old reader started a second table
    at the first 续表 title its column reader took for a header row, and dropped the one-line page as holding no
    table: partial)."""
    from samplegen import variants_more_lines as more

    out = ok(outcomes, "continued_title_unruled.pdf")
    one = reading(out, "expenditure")
    assert one["status"] == "complete" and one["table_pages"] == [2, 3, 4], one
    lines = [(None, "合计", (*more.LONG_TOTAL, 0.0, 0.0, 0.0)),
             *((c, n, (t, b, p, 0.0, 0.0, 0.0)) for c, n, t, b, p in more.LONG_LINES)]
    assert line_items(out, "expenditure") == expected(lines, v13.HLJ_MEASURES)
