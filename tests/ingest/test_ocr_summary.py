"""OCR'd 总表 (收支预算总表, 财政拨款收支预算总表) read from scans of 江苏 budgets: line labels OCR misread matched to the
one line a 总表 prints that they are close to, an income line the parsers keep under its own name counted in the
本年收入, a label read as marks read again from the page image, and a figure that lost a digit never proven by a
sum that closes only within rounding. The labels and figures are as Tesseract read them from the scans."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.model import DocMeta, RawTable
from ingest.ocr_labels import mend_header, mend_label, reread_junk_labels
from ingest.ocr_sums import summary_sums
from ingest.reading import _parse

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
