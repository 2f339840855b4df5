"""OCR of scans no one here has seen: titles read back from partial matches, seal rings and character stems
that are no ruling lines, words cut back to their cells, units after a misread 单位 (small synthetic inputs)."""

from __future__ import annotations

from PIL import Image, ImageDraw

from ingest import ocr, ocr_grid
from ingest.ocr_image import ruling_segments
from ingest.ocr_labels import mend_label
from ingest.ocr_sums import UNIT_LINE
from ingest.ocr_titles import mend_titles


def test_a_title_one_character_off_is_read_as_the_known_title():
    page = "公开 04 表\n财政拨秋收文预算总表\n部门：某单位 单位：万元\n收入合计 10,070.48 支出合计 10,070.48"
    assert mend_titles([page], [1])[0].split("\n")[1] == "财政拨款收支预算总表"


def test_a_title_run_into_the_line_beside_it_gets_its_own_line():
    page = "公开 01 表\n部门 : 江苏省政协办公厅 收文预算总表 单位：万元\n收入合计 13,377.11 支出合计 13,377.11"
    income = "收入预算总表\n单位：万元\n收入总计 13,377.11 小计 13,377.11"
    lines = mend_titles([page, income], [1, 2])[0].split("\n")
    assert lines[1:4] == ["部门 : 江苏省政协办公厅", "收支预算总表", "单位：万元"]  # 收文: 收支, as 收入 is p2's


def test_a_title_as_near_two_families_stays_as_read():
    page = "收文预算总表\n单位：万元\n合计 1.00 2.00"
    assert mend_titles([page], [1]) == [page]  # 收支 or 收入: no guess without another page's title


def test_a_title_qualifier_in_misread_brackets_is_no_obstacle():
    page = "财政拨款支出预算表《功能科目 )\n单位：万元\n合计 27,664.22\n201 一般公共服务支出 22,395.50"
    assert mend_titles([page], [1])[0].startswith("财政拨款支出预算表\n")


def test_pages_without_amounts_and_pages_not_ocrd_are_left_alone():
    toc = "目录\n收文预算总表\n收入预算总表"
    assert mend_titles([toc, "财政拨秋收文预算总表\n合计 1.00 2.00"], [1]) == [toc, "财政拨秋收文预算总表\n合计 1.00 2.00"]


def _table(seal: bool, stems: bool) -> Image.Image:
    page = Image.new("RGB", (1200, 600), "white")
    d = ImageDraw.Draw(page)
    for y in (100, 250, 400):
        d.line((100, y, 1100, y), fill=0, width=3)
    for x in (100, 600, 1100):
        d.line((x, 100, x, 400), fill=0, width=3)
    if stems:  # the stem of a large header character, floating in its cell
        d.line((300, 140, 300, 210), fill=0, width=6)
    if seal:
        d.ellipse((650, 120, 950, 420), outline=(215, 45, 50), width=8)
    return page


def test_a_seal_ring_and_a_character_stem_are_no_ruling_lines():
    plain = sorted(s for s in ruling_segments(_table(False, False), 300) if s[0] == s[2])
    marked = sorted(s for s in ruling_segments(_table(True, True), 300) if s[0] == s[2])
    assert [round(s[0]) for s in marked] == [round(s[0]) for s in plain] == [100, 600, 1100]


def test_a_word_overhanging_its_cells_rule_by_a_sliver_is_cut_back():
    grid = ocr_grid.Grid(horizontal=((100.0, 0.0, 1000.0), (200.0, 0.0, 1000.0)),
                         vertical=((0.0, 100.0, 200.0), (500.0, 100.0, 200.0), (1000.0, 100.0, 200.0)))
    hocr = ("<span class='ocrx_word' id='w1' title='bbox 300 120 508 160; x_wconf 90'>24,458.43</span>"
            "<span class='ocrx_word' id='w2' title='bbox 420 120 700 160; x_wconf 90'>当年支出小计</span>")
    out = ocr_grid.fit_words(hocr, grid)
    assert "bbox 300 120 499 160" in out  # the figure's last digit stays in its cell
    assert "bbox 420 120 700 160" in out  # a word across the rule is no sliver: left as read


def test_a_unit_line_whose_danwei_was_misread_still_states_the_unit():
    assert UNIT_LINE.search("名门 : 中共江苏省委办公厅 单人 万元").group(1) == "万元"
    assert UNIT_LINE.search("单位 ”万 元").group(1) == "万 元"
    assert UNIT_LINE.search("单元 元") is None and UNIT_LINE.search("单价元") is None
    assert ocr.tidy_texts(["部门 单人 万元"]) == ["部门 单位：万元"]


def test_an_ordinal_read_after_a_known_label_is_dropped():
    assert mend_label("一般公共服务支出\n 一、") == "一般公共服务支出"


def test_a_label_cut_by_the_rules_of_a_merged_cell_is_whole_beside_its_figure():
    from ingest.ocr_labels import join_split_label

    assert join_split_label(["当年收入小计", "24,458.43", "当", "年支出小计", "", "24,458.43", ""]) == \
        ["当年收入小计", "24,458.43", "", "", "当年支出小计", "24,458.43", ""]
    assert join_split_label(["收入合计", "1.00", "支出", "合", "计", "1.00"]) == ["收入合计", "1.00", "", "", "支出合计", "1.00"]
    row = ["", "", "国防支出", "", "单位预留机动经费", "1,973.86", ""]
    assert join_split_label(row) == row  # whole labels stay where they are


def test_a_lost_leading_one_and_its_comma_is_a_candidate():
    from ingest.ocr_proof import candidates

    assert "1,374.63" in candidates("374.63")
    assert not any(c.startswith("1,") for c in candidates("74.63"))


def test_a_header_label_with_a_character_lost_or_its_quotes_misread_is_the_known_label():
    from ingest.ocr_header import _as_known
    from ingest.ocr_labels import near_label

    assert near_label("公务用车运\n维护费") == "公务用车运行维护费"
    assert _as_known("4“三公? 经费".replace(" ", "")) == "“三公”经费"
    assert _as_known("经费") is None


def test_an_ordinal_read_as_marks_glued_to_a_label_is_dropped_and_a_misread_character_mended():
    assert mend_label("一 :一 般公共服务支出") == "一般公共服务支出"
    assert mend_label("三、单位预贸机动经费") == "单位预留机动经费"
    assert mend_label("= \n”其 他资金") == "其他资金"
    assert mend_label("其他一般公共服务支出") == "其他一般公共服务支出"  # a name that holds a known one stays


def test_a_group_label_read_with_the_subtotal_under_it_is_split_back():
    from ingest.ocr_labels import _sub_totals

    header = [["合计", "公务用车购置及运行维护费\n小计", "公务用车购置费"], ["", "", ""]]
    assert _sub_totals(header) == [["合计", "公务用车购置及运行维护费", "公务用车购置费"], ["", "小计", ""]]


# ---------------------------------------------------------------- long tables over several scanned pages

def test_a_whole_amount_whose_thousands_marks_ocr_misread_has_them_restored_as_a_candidate():
    from ingest.ocr_cells import as_read, tidy
    from ingest.ocr_proof import candidates

    assert candidates("17,.464  243")[0] == "17,464,243"
    assert candidates("627.  600")[0] == "627,600"  # a budget figure has at most two decimals
    assert candidates("10 191 56")[0] == "10191.56"  # two digits after the gap: the decimals
    assert tidy("300,.000") == "300,000" and tidy("277..05") == "277.05"
    assert as_read("17 \n887.  739") == 17_887_739 and as_read("人") is None


def test_code_cells_whose_rules_were_lost_are_split_back_into_class_section_and_item():
    from ingest.ocr_codes import _function_names, split_codes

    names = _function_names()
    assert split_codes(["201 \n05 \n07"] * 3, names) == ["201", "05", "07"]
    assert split_codes(["29 \n02  \n201"] * 3, names) == ["201", "29", "02"]
    assert split_codes(["201"] * 3, names) == ["201", "", ""]
    assert split_codes(["201", "05", "07"], names) is None  # three cells read apart: as read
    assert split_codes(["201"] * 4, names) is None  # a wider span: one code column (201, 20102, 2010201)


def test_a_lost_class_label_and_a_misread_total_label_are_restored_in_the_header():
    from ingest.ocr_labels import _code_heads, _total_head

    rows = [["201", "", "", "一般公共服务支出", "2,976,800"], ["201", "05", "", "统计信息事务", "627,600"]]
    assert _code_heads([["", "款", "项", "", "合计"]], rows) == [["类", "款", "项", "", "合计"]]
    assert _code_heads([["款 类 项", "款 类 项", "款 类 项", "", ""]], rows)[0][:3] == ["类", "款", "项"]
    assert _total_head("各计.") == "合计" and _total_head("小计") == "小计" and _total_head("会计") == "会计"


def test_a_sliver_column_is_dropped_and_a_last_page_total_line_set_under_the_amount_columns():
    from ingest.model import RawTable
    from ingest.ocr_labels import align_short_rows, drop_blank_columns

    rows = [["", "201", "", "", "一般公共服务支出", "2,976,800", "0", "2,976,800", ""],
            ["", "204", "", "", "公共安全支出", "1,252,300", "0", "1,252,300", ""],
            ["", "205", "", "", "教育支出", "250,000", "0", "250,000", ""],
            ["", "合计", "4,479,100", "0", "4,479,100", "", "", "", ""]]  # its page's grid: label, figures
    header = [["", "类", "款", "项", "名称", "合计", "基本", "项目", ""]]
    fixed = align_short_rows(drop_blank_columns(RawTable("expenditure", "支出预算总表", [1, 2], header, rows,
                                                         [1, 1, 1, 2])))
    assert fixed.header == [["类", "款", "项", "名称", "合计", "基本", "项目"]]
    assert fixed.rows[0] == ["201", "", "", "一般公共服务支出", "2,976,800", "0", "2,976,800"]
    assert fixed.rows[-1] == ["合计", "", "", "", "4,479,100", "0", "4,479,100"]


def test_a_misread_item_or_section_code_is_the_one_its_place_under_the_section_line_gives():
    from ingest.model import RawTable
    from ingest.ocr_codes import mend_codes

    rows = [["208", "05", "", "行政事业单位养老支出", "6,851,259"],
            ["208", "05", "a", "机关事业单位基本养老保险缴费支出", "4,412,547"],  # the 项 read as a letter
            ["212", "99", "", "其他城乡社区支出", "14,500,000"], ["212", "2", "99", "其他城乡社区支出", "14,500,000"]]
    fixed = mend_codes(RawTable("expenditure", "t", [1], [], rows, [1] * 4)).rows
    assert [r[:3] for r in fixed] == [["208", "05", ""], ["208", "05", "05"], ["212", "99", ""], ["212", "99", "99"]]


def test_a_figure_placed_a_line_low_goes_back_up_and_a_cut_amount_label_is_completed():
    from ingest.model import RawTable
    from ingest.ocr_labels import _head_of_amounts, split_stacked

    rows = [["204", "99", "99", "其他公共安全支出", "1,102,300", "", ""],
            ["206", "", "", "科学技术支出", "100,000", "", "100,000 \n1,102,300"]]
    fixed = split_stacked(RawTable("expenditure", "t", [1], [], rows, [1, 1])).rows
    assert fixed[0][-1] == "1,102,300" and fixed[1][-1] == "100,000"
    assert _head_of_amounts("基本") == "基本支出" and _head_of_amounts("合计") == "合计"
