"""OCR'd 总表 (收支预算总表, 财政拨款收支预算总表) read from scans of 江苏 budgets: line labels OCR misread matched to the
one line a 总表 prints that they are close to, an income line the parsers keep under its own name counted in the
本年收入, a label read as marks read again from the page image, and a figure that lost a digit never proven by a
sum that closes only within rounding, but read again from its print without the red seal over it. The labels and
figures are as Tesseract read them from the scans."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.model import DocMeta, RawTable
from ingest.ocr_cells import AGREED, reread_cells
from ingest.ocr_labels import mend_header, mend_label, reread_junk_labels
from ingest.ocr_proof import _own_labels, correct
from ingest.ocr_sums import summary_sums
from ingest.reading import COMPLETE, PARTIAL, _parse

PAGES = Path(__file__).parent / "ocr_pages"  # pieces of real scanned pages: the page image and its OCR text layer
DOC = DocMeta(doc_id="x", region_code="320000", region="江苏省", province="江苏省", city=None, agency_id="a",
              agency="中共江苏省委办公厅", year=2017, doc_kind="budget", scope="department",
              source_name="江苏省委办公厅2017年预算公开表格.pdf")
HEADER = [["收入", "收入", "支出", "支出", "支出", "支出"],
          ["项目名称", "金额", "功能分类", "功能分类", "支出用途", "支出用途"],
          ["", "", "功能科目名称", "金额", "项目名称", "金额"]]


def _summary(rows: list[list[str]]) -> RawTable:
    return RawTable("summary", "收支预算总表", [1], HEADER, rows, [1] * len(rows))


def test_a_summary_label_misread_past_one_character_is_the_line_it_is_close_to():
    assert mend_label("般公共服务驻出", near=True) == "一般公共服务支出"  # 一 lost, 支 read as 驻
    assert mend_label("meas  一般公共服务支册", near=True) == "一般公共服务支出"  # junk before, one character off
    assert mend_label("i  公共支允支出", near=True) == "公共安全支出"
    assert mend_label("1\n共预算", near=True) == "一般公共预算"  # the end of one line's label only
    assert mend_label("八 . 社会保障和就", near=True) == "社会保障和就业支出"  # its start, the ordinal's mark kept
    assert mend_label("收入合", near=True) == "收入合计"
    assert mend_label("=.  财政专户管理资金") == "财政专户管理资金"  # 二、 read as marks before an income line
    # close to two lines alike, or no 总表's line: as read
    assert mend_label("年术结转和结余", near=True) == "年术结转和结余"  # 年初 or 年末: no guess
    assert mend_label("项目名", near=True) == "项目名"
    assert mend_label("基本支出结转", near=True) == "基本支出结转"  # a 决算's line under 年末结转和结余, not 基本支出
    # a 支出表's names are no 总表 lines: 住房改革支出 is two characters off 住房保障支出, and stays
    assert mend_label("住房改革支出") == "住房改革支出"


def test_an_income_line_the_parsers_keep_by_name_is_a_part_of_the_income_total():
    rows = [["一、财政拨款", "20,702.25", "一、一般公共服务支出", "16,992.37", "一、基本支出", "9,964.07"],
            ["1.一般公共预算", "20,702.25", "", "", "二、项目支出", "10,688.66"],
            ["=.  财政专户管理资金", "147.20", "八、社会保障和就业支出", "2,000.39", "三、单位预留机动经费", "196.72"],
            ["", "", "十八、住房保障支出", "1,856.69", "", ""],
            ["当年收入小计", "20,849.45", "当年支出小计", "", "", "20,849.45"],
            ["收入合计", "20,849.45", "支出合计", "", "", "20,849.45"]]
    reading = _parse(mend_header(_summary(rows)), DOC)
    closed, open_sums = summary_sums(reading, True)
    assert open_sums == [] and closed >= 2  # 本年收入 = 财政拨款 + 财政专户管理资金; 支出用途 = 基本 + 项目 + 预留
    assert {r["label"]: r["amount"] for r in reading.frames["summary"] if r["item"] == "other"}["财政专户管理资金"] == 147.2


def test_a_figure_that_lost_a_digit_is_not_proven_by_a_sum_closing_within_rounding():
    """2,000.39 under a seal read as 2,000.4: 本年支出 = Σ 类 still closes within rounding (0.01 off)."""
    rows = [["一、财政拨款", "20,849.45", "一、一般公共服务支出", "16,992.37", "一、基本支出", "9,964.07"],
            ["", "", "八、社会保障和就业支出", "2,000.4", "二、项目支出", "10,688.66"],
            ["", "", "十八、住房保障支出", "1,856.69", "三、单位预留机动经费", "196.72"],
            ["当年收入小计", "20,849.45", "当年支出小计", "", "", "20,849.45"],
            ["收入合计", "20,849.45", "支出合计", "", "", "20,849.45"]]
    reading = _parse(mend_header(_summary(rows)), DOC)
    assert not reading.failures  # the table's own checks pass within rounding
    assert any("一位小数" in s for s in summary_sums(reading, True)[1])
    rows[1][3] = "2,000.39"  # as printed: every sum closes to the cent
    assert summary_sums(_parse(mend_header(_summary(rows)), DOC), True)[1] == []
    rows[0][3], rows[0][1] = "16,992.38", "20,702.25"  # 本年支出 0.01 off, as printed tables may be rounded
    rows[1][:2] = ["二、财政专户管理资金", "147.20"]  # one decimal read, but in sums that close to the cent
    assert summary_sums(_parse(mend_header(_summary(rows)), DOC), True)[1] == []


needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract")


@needs_tesseract
def test_a_use_line_label_read_as_marks_is_read_again_from_the_page_image():
    # the 支出用途 lines of a scanned 收支预算总表: 三、单位预留机动经费 came back as "=,  下"
    rows = [["一、基本支出", "9,964.07"], ["项目支出", "10,688.66"], ["=,  下", "196.72"]]
    table = RawTable("summary", "收支预算总表", [1], [], rows, [1] * 3)
    assert reread_junk_labels(PAGES / "use_line_read_as_marks.pdf", table).rows[2] == ["单位预留机动经费", "196.72"]


# The 支出 side of the scanned 收支预算总表s whose red seal lies over a 功能分类 figure (page 1 of each): the seal's
# strokes crossing the print made the page reading lose or change its digits.
SEALED_2017 = [["一、财政拨款", "20,702.25", "一、一般公共服务支出", "16,992.37", "一、基本支出", "9,964.07"],
               ["1.一般公共预算", "20,702.25", "", "", "二、项目支出", "10,688.66"],
               ["二、财政专户管理资金", "147.20", "八 社会保障和就业支出", "2,000.4", "三、单位预留机动经费", "196.72"],
               ["", "", "十八、住房保障支出", "1,856.69", "", ""],
               ["当年收入小计", "20,849.45", "当年支出小计", "", "", "20,849.45"],
               ["收入合计", "20,849.45", "支出合计", "", "", "20,849.45"]]


@pytest.fixture(scope="module")
def sealed_2017() -> dict[str, list[str]]:
    """The cells of the 2017 总表 read again from the piece of its page under the seal."""
    return reread_cells(PAGES / "seal_over_figure.pdf", _summary(SEALED_2017))


@needs_tesseract
def test_a_figure_under_a_red_seal_is_read_again_from_its_print_without_the_seal(sealed_2017):
    """2,000.39 under the seal's 章 and ring: the page reading lost its 9 (2,000.4), the cell read again in grey takes
    the seal's strokes for digits (7, 4, 2); read from the print alone (the seal's red ink dropped by its colour, the
    black print under it kept) it is 2,000.39."""
    assert sealed_2017["2,000.4"] == ["2,000.39"] and "2,000.4" not in sealed_2017.get(AGREED, [])


@needs_tesseract
def test_a_sum_closing_only_within_rounding_is_closed_by_the_figure_read_under_the_seal(sealed_2017):
    """本年支出 = Σ 类 closes within rounding with 2,000.4 (0.01 off) but is not proven (a digit lost); the cell read
    from its print without the seal gives 2,000.39, which closes every sum to the cent: the one fix, taken."""
    table = _summary(SEALED_2017)
    reading = _parse(mend_header(table), DOC)
    assert not reading.failures and summary_sums(reading, True)[1]  # open only by the digit lost
    fixed = correct(reading, mend_header(table), DOC, sealed_2017)
    assert fixed is not None
    proven, fixes = fixed
    assert proven.status == COMPLETE and fixes == ["“2,000.4”→“2,000.39”"]
    assert 2000.39 in {r["amount"] for r in proven.frames["summary"]}


@needs_tesseract
def test_another_readers_partial_reading_gives_way_to_the_tables_own_once_its_sums_close():
    """政协2017's 总表: another reader's reading (labels shifted over the columns) is partial; the table's own reading
    fails by 6,200.00 until its 343.55 (the 6,5 hidden by the seal's ring), read from the print without the seal, is
    6,543.55: then every sum closes and it is taken."""
    rows = [["一、财政拨款", "9,066.79", "般公共服务驻出", "343.55", "一、基本支出", "5,916.27"],
            ["1.一般公共预算", "9,066.79", "外交支:8", "", "二、项目支出", "3,123.68"],
            ["三、其他资金", "80.00", "八、社会保障和就业支出", "1,509.72", "三、单位预留机动经费", "106.84"],
            ["", "", "十八、住房保障支出", "1,093.52", "", ""],
            ["当年收入小计", "9,146.79", "当年支出小计", "", "", "9,146.79"],
            ["收入合计", "9,146.79", "支出合计", "", "", "9,146.79"]]
    table = mend_header(_summary(rows))
    assert _parse(table, DOC).failures  # 本年支出 9,146.79 ≠ Σ 类 2,946.79
    second = _parse(mend_header(_summary([r[:2] + r[4:] + r[2:4] for r in rows])), DOC)
    second.reader, second.status = "Camelot lattice", PARTIAL
    _own_labels(second, table, [1], DOC, PAGES / "seal_over_thousands.pdf")
    assert second.status == COMPLETE, second.reason
    assert 6543.55 in {r["amount"] for r in second.frames["summary"]}
