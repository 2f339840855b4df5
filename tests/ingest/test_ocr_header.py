"""Header cells, row labels and 项 codes of OCR'd tables mended from structure (real Tesseract, no mock)."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import ROOT


def _table(header, rows, page=12):
    from ingest.model import RawTable

    return RawTable("expenditure", "支出总表", [page], header, rows, [page] * len(rows))


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (make setup)")
def test_a_header_label_tesseract_lost_is_read_again_from_its_cell():
    """项目支出 of the 司法局 支出总表 came back from the page OCR as a speck "a": its cell, found from the
    label beside it and the vertical rules, is cropped and read again."""
    from ingest.ocr_header import reread_header

    header = [["项目"] * 4 + ["支出预算"] * 3, ["类", "款", "项", "功能分类科目名称", "合计", "基本支出", "a"]]
    rows = [["204", "", "", "公共安全支出", "87267272.44", "16726725.44", "70540547.00"],
            ["204", "06", "", "司法", "87267272.44", "16726725.44", "70540547.00"]]
    mended = reread_header(ROOT / "samples/real/putuo_sifaju_2026_budget.pdf", _table(header, rows))
    assert mended.header[1] == ["类", "款", "项", "功能分类科目名称", "合计", "基本支出", "项目支出"]
    assert mended.header[0] == header[0]  # the merged label above stays


def test_a_readable_header_is_not_read_again():
    from ingest.ocr_header import _lost_columns

    header = [["支出预算"] * 3, ["合计", "基本支出", "项目支出"]]
    assert _lost_columns(_table(header, [["1.00", "1.00", "0.00"]] * 2)) == []
    header[1][2] = "a"
    assert _lost_columns(_table(header, [["1.00", "1.00", "0.00"]] * 2)) == [2]
    header[1][2] = "全"  # 金额 read as one character that is no label
    assert _lost_columns(_table(header, [["1.00", "1.00", "0.00"]] * 2)) == [2]


def test_a_code_that_lost_a_digit_is_completed_only_by_its_name():
    from ingest.ocr_codes import mend_codes

    t = _table([], [["204", "06", "9", "其他司法支出", "1.00"], ["204", "06", "9", "行政运行", "1.00"],
                    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "1.00"]])
    rows = mend_codes(t).rows
    assert rows[0][:3] == ["204", "06", "99"]  # 2040699 其他司法支出: the one completion so named
    assert rows[1][:3] == ["204", "06", "9"]  # 行政运行 is 2040601, not a completion of "9": left as read
    assert rows[2][:3] == ["208", "05", "05"]


def test_junk_read_for_an_ordinal_is_dropped_from_a_known_label():
    from ingest.ocr_labels import mend_label

    assert mend_label("和录忆 住房保障支出") == "住房保障支出"
    assert mend_label("JN  其他收入") == "其他收入"
    assert mend_label("八 社会保障和就业支出") == "社会保障和就业支出"
    assert mend_label("一般公共预算 财政拨款收入") == "一般公共预算 财政拨款收入"  # whole, it is known
    assert mend_label("行政 运行") == "行政 运行" and mend_label("408.  99") == "408.  99"
    assert mend_label("社会保障和就业支出“") == "社会保障和就业支出" and mend_label("教育支出 ,") == "教育支出"


def test_a_lost_kuan_code_is_filled_from_the_name_and_the_lines_above():
    from ingest.ocr_codes import mend_codes

    t = _table([], [["204", "", "", "公共安全支出", "1"], ["204", "", "", "司法", "1"], ["204", "", "01", "行政运行", "1"],
                    ["204", "", "", "基层司法业务", "1"], ["208", "", "01", "行政运行", "1"],
                    ["210", "11", "01", "行政单位医疗", "1"], ["210", "ad:", "03", "公务员医疗补助", "1"]])
    rows = mend_codes(t).rows
    assert [r[:3] for r in rows] == [["204", "", ""], ["204", "06", ""], ["204", "06", "01"], ["204", "06", "04"],
                                     ["208", "", "01"],  # 208's 款 is not known from the lines above: left
                                     ["210", "11", "01"], ["210", "11", "03"]]  # a 款 read as marks


def test_a_header_label_one_character_off_a_known_label_is_that_label():
    from ingest.ocr_labels import near_label

    assert near_label("其他收六") == "其他收入" and near_label("项目文出") == "项目支出"
    assert near_label("科目名称") == "科目名称" and near_label("合计") == "合计"

    from ingest.ocr_labels import mend_label

    assert mend_label("一般公共预算拨款收久") == "一般公共预算拨款收入"  # a row label one character off
    assert mend_label("国有资本经党预算支出") == "国有资本经营预算支出"
    assert mend_label("支出意计") == "支出意计"  # one off 支出总计 and 支出合计 alike: no guess
    assert mend_label("处交交出") == "处交交出"  # two off 外交支出: left


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (make setup)")
def test_the_unit_after_the_word_danwei_is_read_again_from_the_image():
    from ingest.ocr_header import reread_unit

    pdf = ROOT / "samples/real/putuo_sifaju_2026_budget.pdf"
    assert reread_unit(pdf, 14) == "元" and reread_unit(pdf, 21) == "万元"  # 21: the 三公 table, in 万元


def test_the_expenditure_side_of_the_grand_total_line_is_its_total_whatever_ocr_made_of_it():
    from ingest.ocr_labels import _grand_total_line

    assert _grand_total_line(["收入总计", "96,282,213.44", "二计", "96,282,213.44"])[2] == "支出总计"
    assert _grand_total_line(["总计", "1.00", "支出意计", "1.00", "1.00"])[2] == "支出总计"
    assert _grand_total_line(["收入总计", "1.00", "支出合计", "1.00"])[2] == "支出合计"  # a known label stays
    assert _grand_total_line(["其他收入", "1.00", "二计", "1.00"])[2] == "二计"


def test_an_empty_cell_in_a_row_of_budget_and_final_pairs_is_the_missing_half():
    from ingest.ocr_header import _alternate_stages

    header = [["合计", "合计", "小计", "小计"], ["预算数", "决算数", "", "决算数", "预算数", ""]]
    assert _alternate_stages(header) and header[1] == ["预算数", "决算数", "预算数", "决算数", "预算数", ""]
    assert not _alternate_stages([["预算数", "", "决算数"]])  # too few to be a row of pairs


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (make setup)")
def test_garbled_labels_wrapped_over_two_lines_are_read_again_from_the_cells_over_their_figures():
    """The 江苏 政协 三公 table as Tesseract read its header: 公务接待费 (two lines in its cell) came back
    "公务接待 =", 公务用车运行维护费 "公务用车 一 /一 行维护 = 费". Neither stands in the text layer to be
    found; the cells over their columns' figures are, and a wrapped label is read laid out as one line."""
    from ingest.model import RawTable
    from ingest.ocr_header import reread_junk_cells

    top = ["", *["“三 公 ?”  经费"] * 6, "会议费", "培训费"]
    header = [top, ["", "小计", "因公出国\n(境)费#", *["公务用车购置及运行维护费"] * 3, "公务接待 \n=", "", ""],
              ["合计", "", "", "小计", "公务用车 \n购置费", "公务用车  \n 一 /一 \n行维护\n=  费", "", "", ""]]
    rows = [["2,224.43", "660.10", "106.00", "156.60", "", "156.60", "397.50", "1,282.56", "281.77"]]
    table = RawTable("sangong", "“三公”经费、会议费、培训费支出预算表", [9], header, rows, [9])
    mended = reread_junk_cells(ROOT / "samples/real/jiangsu/江苏省政协办公厅2019年预算公开表.pdf", table)
    assert mended.header[1][2] == "因公出国(境)费" and mended.header[1][6] == "公务接待费"
    assert mended.header[2][5] == "公务用车运行维护费"
    assert mended.header[0] == top and mended.header[2][4] == header[2][4]  # readable labels stay


def test_a_label_wrapped_over_lines_is_laid_out_as_one_line():
    from PIL import Image, ImageDraw

    from ingest.ocr_header import one_line

    cell = Image.new("RGB", (300, 400), "white")
    draw = ImageDraw.Draw(cell)
    draw.rectangle((40, 100, 260, 160), fill="black")  # a line of print …
    draw.rectangle((120, 220, 180, 280), fill="black")  # … and the character wrapped below it
    line = one_line(cell)
    assert line is not None and line.width > line.height
    assert one_line(cell.crop((0, 0, 300, 200))) is None  # one line of print: nothing to lay out


def test_the_code_part_columns_of_a_lei_kuan_xiang_table_are_read_labels():
    """类 | 款 | 项 over the code parts are labels as printed, not a lost header (a re-read of 项 once came back
    as 项目支出, the label of the column beside it)."""
    from ingest.ocr_header import _lost_columns

    header = [["科目编码"] * 3 + ["", "本年支出", "本年支出"], ["类", "款", "项", "科目名称", "基本支出", "项目支出"]]
    rows = [["", "", "", "合计", "1,045.03", "184.50"], ["201", "01", "01", "行政运行", "36.20", ""],
            ["204", "06", "10", "社区矫正", "", "58.00"]]
    assert _lost_columns(_table(header, rows)) == []


def test_a_lost_zhichu_over_the_expenditure_side_of_a_summary_is_put_back():
    """The 收支预算总表's merged 支出 cell came back from OCR empty: the side under 功能分类/支出用途 is 支出."""
    from ingest.ocr_header import expenditure_side

    header = [["收入", "收入", "", "", "", ""], ["项目名称", "金额", "功能分类", "功能分类", "支出用途", "支出用途"],
              ["", "", "功能科目名称", "金额", "项目名称", "金额"]]
    assert expenditure_side(header)[0] == ["收入", "收入", "支出", "支出", "支出", "支出"]
    assert expenditure_side(header)[1:] == header[1:]
    read = [["收入", "收入", "支出", "支出"], ["项目", "金额", "项目", "金额"]]
    assert expenditure_side(read) == read  # read as printed: left alone
    assert expenditure_side([["收入", "", ""], ["项目", "金额", "备注"]]) == [["收入", "", ""], ["项目", "金额", "备注"]]


PAGES = ROOT / "tests/ingest/ocr_pages"  # pieces of real scanned pages: the page image and its OCR text layer


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (make setup)")
def test_a_label_read_again_with_other_brackets_is_the_known_label():
    """The scanned 江苏 检察院 2019 三公 table: the page OCR lost 国 of 因公出国（境）费 (wrapped over three lines of
    its cell); read again laid out as one line it is 因公出国〈境)费 — the known label, brackets aside."""
    from ingest.ocr_header import _as_known, reread_junk_cells
    from ingest.parsers.sangong import column_map

    header = [["合计", *["三公?"] * 6, "", ""],
              ["", "小计", "因公出\n〈境) \n费", *["公务用车购置及运行维护费"] * 3, "", "", ""],
              ["", "", "", "小计", "公务用车购\n置费", "公务用车运\n行维护费", "公务接", "“会议 费", "培训费"]]
    rows = [["1276.7", "418.26", "80", "237", "", "237", "101.26", "158.44", "700"]]
    table = _table(header, rows, page=1)
    assert 2 not in column_map(table.header, 9, "budget")  # 因公出〈境)费 names no item
    overseas = {"因公出国（境）费", "因公出国(境)费"}  # both known: the parsers read either
    assert _as_known("因公出国〈境)费") in overseas and _as_known("因公出国《〈境)费") in overseas
    mended = reread_junk_cells(PAGES / "sangong_header_lost_a_character.pdf", table)
    assert mended.header[1][2] in ("因公出国（境）费", "因公出国(境)费")
    assert column_map(mended.header, 9, "budget")[2] == ("budget", "overseas")


def test_a_subtotal_beside_its_group_label_is_put_under_it():
    """The scanned 江苏 高院 2018 三公 table: OCR's grid lost the left part of the merged 公务用车购置及运行维护费
    cell, so its 小计 stood on the group's line and read as the 三公 total; under the group it is the 车 subtotal."""
    from ingest.ocr_header import subtotal_in_group
    from ingest.parsers.sangong import column_map

    header = [["", *["三公”经费 经费"] * 6, "", ""],
              ["", "小计", "因公出国（境）费", "小计", *["公务用车购置及运行维护费"] * 2, "", "会议费", "培训费"],
              ["合计", "", "", "", "公务用车购置费", "公务用车运\n行维护费", "公务接待费", "", ""]]
    assert column_map(header, 9, "budget")[3] == ("budget", "total")  # two totals: the table cannot close
    mended = subtotal_in_group(header)
    assert mended[1][3] == "公务用车购置及运行维护费" and mended[2][3] == "小计"
    assert [item for _, item in column_map(mended, 9, "budget").values()] == [
        "total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"]
    assert subtotal_in_group(mended) == mended
    # the 三公 小计 before 因公出国 (no group label beside it) stays where it is
    assert mended[1][1] == "小计"
