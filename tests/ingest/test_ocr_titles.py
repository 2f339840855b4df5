"""Table titles of OCR'd pages that OCR garbled or lost (ingest/ocr_titles.py), read on the real 江苏 tables."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT

JIANGSU = ROOT / "samples/real/jiangsu/江苏省政协办公厅2019年预算公开表.pdf"


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (make setup)")
def test_a_title_ocr_lost_is_read_again_from_the_band_above_its_department_line():
    """Page 8 of the scanned 政协 tables came back from Tesseract without its big title (公开 08 表, then the
    部门 line): the band between the two is read again, and the page is the 一般公共预算基本支出预算表."""
    from ingest.ocr import page_texts
    from ingest.ocr_titles import reread_lost_titles
    from ingest.triage import triage

    texts = page_texts(JIANGSU.read_bytes())
    lost = "\n".join(line for line in texts[7].split("\n") if "基本支出预算表" not in line)
    pages = [*texts[:7], lost, *texts[8:]]
    assert 8 not in {p.number for p in triage(pages) if p.family}
    mended = reread_lost_titles(JIANGSU, pages, list(range(1, len(pages) + 1)))
    assert {p.number: p.family for p in triage(mended)}[8] == "gpb_basic"
    assert mended[:7] == pages[:7] and mended[8:] == pages[8:]  # pages with their titles are left alone


def test_a_page_of_prose_or_with_its_title_is_not_read_again():
    from ingest.ocr import page_texts
    from ingest.ocr_titles import reread_lost_titles

    texts = page_texts(JIANGSU.read_bytes())
    prose = ["部门：江苏省政协办公厅。本年收入 1,234.56 万元，2,345.67 万元，3,456.78 万元，4,567.89 万元。"
             "其中。合计。"] * len(texts)
    assert reread_lost_titles(JIANGSU, texts, list(range(1, len(texts) + 1))) == texts
    assert reread_lost_titles(JIANGSU, prose, [1, 2]) == prose


def test_a_title_printed_under_the_end_of_the_table_before_counts_as_printed():
    """收文预算总表 is as near 收支预算总表 as 收入预算总表; the 收入预算总表 starts lower on a later page (under the end of
    the 收支 table), so the misread title is the 收支预算总表's."""
    from ingest.ocr_titles import mend_titles
    from ingest.triage import triage

    pages = ["收文预算总表\n部门 : 江苏省人大常 会办公厅 单位：万元\n一、财政拨款 13,649.07 一、一般公共服务支出 10,528.33",
             "当年收入 13,649.07 当年支出小计 13,649.07\n收入合计 13,649.07 支出合计 13,649.07\n"
             "收入预算总表\n部门 : 江苏省人大常委会办公厅 单位：万元\n项目名称 金额\n收入总计 13,649.07\n小计 13,649.07"]
    mended = mend_titles(pages, [1, 2])
    assert mended[0].startswith("收支预算总表") and mended[1] == pages[1]
    assert [p.family for p in triage(mended)][:1] == ["summary"]


def test_a_line_where_a_title_stands_that_reads_as_none_is_a_title_to_read_again():
    """OCR garbled the 法院 机关运行经费 title in the middle of a page; it still stands where a title stands (ends in
    表, no figure, the 单位 line under it), so its band is read again. A known title, a row, a note are not."""
    from ingest.ocr_titles import _garbled_titles

    page = ("30311 住房公积金 1,029.15\n30312 提租补贴 1,959.99\n十 2017 年度江苏高级人民法院部门一般公 行经费- 预算表\n"
            "单位：万元\n科目编码 科目名称 机关运行经费支出\n合计 9,193.40\n302 商品和服务支出 9,050.00")
    assert _garbled_titles([page], 1) == [2]
    known = page.replace("十 2017 年度江苏高级人民法院部门一般公 行经费- 预算表", "一般公共预算机关运行经费支出预算表")
    assert _garbled_titles([known], 1) == []
    # a title garbled past its end still shows its table code (公开 read 下)
    assert _garbled_titles(["合计 21,940.96\n下 05 )表:有预算寻\n部门 : 江苏省人民检察院 单位：万元\n合计 21,940.96"], 1) == [1]
    # a numbered title whose words OCR lost but its number and year (四、2018年度…财政拨款收支预算总表)
    assert _garbled_titles(["合计 33,172.15\n四 2018 人\n单位：万元\n收入 支出\n合计 33,172.15"], 1) == [1]
    # the title's tail ends a page whose next page opens with the 部门 line
    assert _garbled_titles(["30312 提租补贴 1,018.01\n预算表", "部门 : 江苏省人大常委会办公厅 单位：万元\n合计 5,619.31"], 1) == [1]


def test_the_wrapped_end_of_a_title_is_taken_with_it():
    from ingest.ocr_titles import _wrapped_tail

    lines = ["30309 奖励金 1.04", "-一 公开 09 表 : 一般公共预算 “ 一一公 ” 经费、会议费、培训费", "支出预算表",
             "部门 江苏省人民检察院 单位：万元"]
    assert _wrapped_tail(lines, 1) == "支出预算表"
    assert _wrapped_tail(lines, 2) == ""  # the 部门 line is no title's end
    assert _wrapped_tail(["合计 1.00", "小计 2.00"], 0) == ""


def test_a_misread_title_with_a_long_qualifier_is_read_as_its_table():
    """云南's 部门项目支出预算表（其他运转类、特定目标类项目）read by OCR with 支出 as 支文: the title without its
    thirteen-character qualifier is the 项目支出表's (the old reader stripped no qualifier over ten characters, and
    the page stayed the 支出表's next one)."""
    from ingest.ocr_titles import mend_page
    from ingest.triage import triage

    page = ("部门项目支文预算表（其他运转类、特定目标类项目）\n单位：元\n项目分类 项目代码 项目名称 本年拨款\n"
            "其他运转类 53030221T000000012345 市场监管执法办案经费 356,000.00\n合计 356,000.00")
    mended = mend_page(page)
    assert mended.startswith("项目支出预算表\n"), mended
    assert [p.family for p in triage([mended])] == ["project_expenditure"]
