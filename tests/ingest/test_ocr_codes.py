"""OCR'd tables mended from their structure: a 项 code read as letters read again as digits, an arabic ordinal
glued to a 总表 label, a 三公 column label too garbled to match read as the one label its row lacks, junk read for a
line number blanked, a 支出用途 line named by the sum of the use lines."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ingest.model import RawTable
from ingest.ocr_codes import _junk_code_rows, agreed_code, code_crop
from ingest.ocr_image import read_lines
from ingest.ocr_labels import mend_header, mend_label

_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def test_item_cells_read_as_letters_are_the_ones_read_again():
    rows = [["204", "99", "", "其他公共安全支出", "1,102,300"], ["204", "99", "a", "- 其他公共安全支出", "1,102,300"],
            ["210", "07", "re", "计划生育服务 .", "200,000"], ["210", "07", "17", "计划生育服务", "200,000"]]
    assert _junk_code_rows(rows, 0) == [1, 2]


def test_a_code_is_taken_only_when_readings_agree_and_none_contradicts():
    assert agreed_code(["", "17", "17", "7", "17", "17"]) == "17"  # a thin 1 dropped once: no contradiction
    assert agreed_code(["17", "11", "17"]) is None  # two codes read: no guess between them
    assert agreed_code(["17", "", ""]) is None  # read once: no agreement
    assert agreed_code(["17", "17", "177"]) is None


def test_a_code_cell_with_dust_and_rule_stubs_reads_as_its_digits():
    page = Image.new("L", (400, 200), 255)
    d = ImageDraw.Draw(page)
    d.rectangle((20, 20, 380, 180), outline=0, width=3)  # the cell's rules
    d.text((170, 75), "17", fill=0, font=ImageFont.truetype(_FONT, 48))
    d.ellipse((40, 100, 45, 105), fill=0)  # a speck of dust left of the print
    d.line((24, 150, 60, 150), fill=0, width=2)  # a stub of a rule
    crop = code_crop(np.asarray(page), (20, 20, 380, 180))
    assert crop is not None and crop.width < 120  # the digits alone, on white
    got = [t.strip() for t in read_lines([crop], 300, "eng", 60, "--psm", "7", "-c",
                                         "tessedit_char_whitelist=0123456789") or []]
    assert got == ["17"]


def test_a_blank_code_cell_gives_no_crop():
    page = Image.new("L", (200, 100), 255)
    ImageDraw.Draw(page).ellipse((50, 50, 53, 53), fill=0)  # dust only
    assert code_crop(np.asarray(page), (0, 0, 200, 100)) is None


def test_an_arabic_ordinal_glued_to_a_summary_label_is_dropped():
    assert mend_label("1一般公共预算.") == "一般公共预算"
    assert mend_label("2、一般公共预箅") == "一般公共预算"  # one character misread too
    assert mend_label("201 一般公共服务支出") == "201 一般公共服务支出"  # a code, no ordinal
    assert mend_label("1,234.00") == "1,234.00"


def test_a_sangong_column_label_too_garbled_to_match_is_the_one_its_row_lacks():
    header = [["“三公”经费预算数"] * 6 + [""],
              ["合计", "国人 境", "公务接待费", "公务用车购置及运行费", "公务用车购置及运行费", "公务用车购置及运行费",
               "机关运行经费预算\n数"],
              ["", "", "", "小计", "购置费", "运行费", ""]]
    rows = [["31.9", "", "1.35", "36.56", "15", "21.56", "464.64"]]
    table = mend_header(RawTable("sangong", "三公经费预算表", [1], header, rows, [1]))
    assert table.header[1][:3] == ["合计", "因公出国（境）费", "公务接待费"]
    assert table.header[1][6] == "机关运行经费预算\n数"  # shares one character only: as read
    two_lost = [["合计", "国人 境", "接待", "公务用车购置及运行费"]]
    assert mend_header(RawTable("sangong", "t", [1], two_lost, [["1.00", "", "", "1.00"]], [1])).header[0][1] == "国人 境"


def test_junk_read_for_a_line_number_is_blanked_and_the_total_beside_it_read():
    from ingest.ocr_labels import blank_junk_line_numbers

    header = [["项目", "行次", "金额", "项目", "行次", "金额"]]
    rows = [["年初结转和结余", "10", "61.30", "年末结转和结余", "41", "52.33"],
            ["总计", "a \nIh", "2,634.20", "总计", "42", "2,634.20"]]
    fixed = blank_junk_line_numbers(RawTable("summary", "收入支出决算总表", [2], header, rows, [2, 2])).rows
    assert fixed == [rows[0], ["总计", "", "2,634.20", "总计", "42", "2,634.20"]]  # digits stay, even misread


def test_a_use_line_misread_past_mending_is_named_only_when_the_use_lines_add_up():
    from ingest.ocr_labels import mend_use_label

    rows = [["财政拨款", "13,297.11", "基本支出", "6,522.75"], ["一般公共预算", "13,297.11", "二、项内光出", "4,968.34"],
            ["", "", "单位预留机动经费", "1,886.02"], ["当年收入小计", "13,377.11", "当年支出小计", "13,377.11"]]
    fixed = mend_use_label(RawTable("summary", "收支预算总表", [1], [], rows, [1] * 4)).rows
    assert fixed[1][2] == "项目支出"
    rows[3][3] = "13,477.11"  # the use lines no longer add up to the total: no proof, the label stays as read
    assert mend_use_label(RawTable("summary", "收支预算总表", [1], [], rows, [1] * 4)).rows[1][2] == "二、项内光出"
