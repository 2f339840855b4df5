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
