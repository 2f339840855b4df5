"""The OCR stage's helpers that need no full OCR run: cache eviction, the title band, Latin junk."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from ingest import ocr, ocr_hocr


def _entry(root: Path, name: str, size: int, age_s: float) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    f = folder / "doc.pdf"
    f.write_bytes(b"x" * size)
    then = time.time() - age_s
    os.utime(f, (then, then))
    return folder


def test_the_ocr_cache_drops_the_least_recently_used_entries_first(tmp_path):
    old = _entry(tmp_path, "old", 400, 300)
    middle = _entry(tmp_path, "middle", 400, 200)
    new = _entry(tmp_path, "new", 400, 100)
    removed = ocr.evict(tmp_path, max_bytes=900)
    assert removed == [old]
    assert middle.exists() and new.exists()


def test_the_entry_in_use_is_never_evicted(tmp_path):
    old = _entry(tmp_path, "old", 400, 300)
    new = _entry(tmp_path, "new", 400, 100)
    assert ocr.evict(tmp_path, max_bytes=100, keep=old) == [new]
    assert old.exists()


def test_a_cache_within_bounds_is_left_alone(tmp_path):
    _entry(tmp_path, "a", 100, 10)
    assert ocr.evict(tmp_path, max_bytes=1000) == []
    assert ocr.evict(tmp_path / "absent", max_bytes=0) == []


def test_the_title_band_ends_at_the_tables_top_rule():
    page = Image.new("L", (1000, 700), 255)
    d = ImageDraw.Draw(page)
    d.line((50, 300, 950, 300), fill=0, width=2)  # the table's top rule
    d.line((50, 600, 950, 600), fill=0, width=2)
    d.line((400, 300, 400, 600), fill=0, width=2)
    d.line((300, 100, 500, 100), fill=0, width=1)  # a short stroke (part of a title): not a rule
    assert 295 <= ocr.title_band(page, 100) <= 301
    assert ocr.title_band(Image.new("L", (1000, 700), 255), 100) == 0  # prose: no band


def _hocr(words: list[tuple[str, tuple[int, int, int, int]]]) -> str:
    spans = "".join(f"<span class='ocrx_word' id='w{k}' title='bbox {x0} {y0} {x1} {y1}; x_wconf 50'>{w}</span>"
                    for k, (w, (x0, y0, x1, y1)) in enumerate(words))
    return f"<div class='ocr_carea'><span class='ocr_line'>{spans}</span></div>"


def test_neighbouring_latin_words_form_one_group_to_read_again():
    hocr = _hocr([("KARE", (100, 10, 300, 50)), ("AR", (290, 10, 330, 50)), ("单位", (800, 10, 900, 50)),
                  ("TA", (100, 200, 140, 240)), ("2,940.05", (600, 200, 700, 240))])
    groups = ocr._latin_groups(hocr)
    assert [[b for _, _, b in g] for g in groups] == [[(100, 10, 300, 50), (290, 10, 330, 50)],
                                                       [(100, 200, 140, 240)]]


def test_a_title_read_as_latin_junk_is_read_again_as_chinese(tmp_path):
    font = next((f for f in ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                             "/usr/share/fonts/truetype/arphic/uming.ttc") if Path(f).exists()), None)
    if font is None:
        import pytest

        pytest.skip("no CJK font")
    from PIL import ImageFont

    page = Image.new("L", (900, 120), 255)
    ImageDraw.Draw(page).text((200, 30), "收入决算表", font=ImageFont.truetype(font, 48), fill=0)
    path = tmp_path / "page.png"
    page.save(path, dpi=(200, 200))
    hocr = _hocr([("KARE", (195, 25, 380, 90)), ("AR", (370, 25, 445, 90))])
    out = ocr.reread_latin(path, hocr)
    words = [w for w in ocr_hocr._WORD.findall(out)]
    assert [w[1] for w in words] == ["收入决算表", ""]
    assert not np.any([ch.isascii() and ch.isalpha() for w in words for ch in w[1]])


def test_letters_and_marks_read_for_digits_are_candidates():
    from ingest.ocr import candidates

    assert candidates("Us)")[0] == "05" and candidates("8:37")[0] == "8.37"
    assert candidates("2.940.05")[0] == "2,940.05" and candidates("2.96 1.68")[0] == "2,961.68"
    assert candidates("0,00")[0] == "0.00" and candidates(".96,282,213.44")[0] == "96,282,213.44"
    assert "2.01" in candidates("201") and "206" not in candidates("201")  # no digit guessed in a bare code
    assert candidates("科目") == []


def test_a_wrapped_header_label_is_joined_again_but_a_group_label_is_not():
    from dataclasses import dataclass

    from ingest.ocr import mend_header

    @dataclass
    class T:
        header: list[list[str]]

    mended = mend_header(T([["科目编码", "科目编码", "科目名称", "本年支出合", "项目支"], ["类", "款", "", "计", "出"]]))
    assert mended.header == [["科目编码", "科目编码", "科目名称", "本年支出合计", "项目支出"], ["类", "款", "", "", ""]]


def test_an_ocr_sangong_total_its_parts_do_not_make_is_not_proven():
    from types import SimpleNamespace

    from ingest.ocr_proof import _sangong_open

    def rows(total: float) -> SimpleNamespace:
        items = {"total": total, "reception": 1.35, "vehicle_total": 36.56, "vehicle_purchase": 15,
                 "vehicle_operation": 21.56}
        return SimpleNamespace(frames={"sangong": [{"stage": "budget", "item": k, "amount": v, "source": "table"}
                                                   for k, v in items.items()]})
    assert _sangong_open(rows(37.91)) == []
    assert _sangong_open(rows(31.9))  # 37.91 read as 31.9: the total is not proven


def test_an_ocr_summary_is_proven_by_its_income_lines_when_no_subtotal_is_printed():
    from types import SimpleNamespace

    from ingest.ocr_proof import summary_sums

    def reading(grand: float, classes: list[float]) -> SimpleNamespace:
        rows = [("grand_total", grand), ("fiscal_total", 9628.22), ("fiscal_appropriation", 9628.22),
                ("business_income", 0.0), ("grand_total_expenditure", 9628.22)]
        rows += [("function_class", c) for c in classes]
        return SimpleNamespace(frames={"summary": [{"item": k, "amount": v} for k, v in rows]})
    assert summary_sums(reading(9628.22, [8726.73, 334.37, 114.97, 452.15])) == (2, [])
    closed, open_sums = summary_sums(reading(9.62, [8726.73, 334.37, 114.97, 452.15]))  # 总计 read without its digits
    assert closed == 1 and open_sums and open_sums[0].startswith("收入总计")


def test_an_ocr_agency_read_once_gives_way_to_the_one_the_pages_name_twice():
    from ingest.ocr_meta import confirm_agency

    pages = ["上海市人局2026年部门预算", "编制部门：上海市普陀区司法局 单位：元\n收入总计 1.00",
             "上海市普陀区司法局2026年部门预算表 支出总表"]
    assert confirm_agency(pages, "上海市人局") == ("上海市普陀区司法局", None)
    assert confirm_agency(pages, "上海市普陀区司法局") == ("上海市普陀区司法局", None)
    agency, warning = confirm_agency(["上海市人局2026年部门预算", "收入总计 1.00"], "上海市人局")
    assert agency == "上海市人局" and warning and "印证" in warning


def test_an_ocr_unit_line_is_read_whatever_mark_stands_for_its_colon():
    assert ocr.tidy_texts(["编制部门 上海市普陀区司法局 单位 ; 元\n项目", "单位 :万 元", "单位名称"]) == \
        ["编制部门 上海市普陀区司法局 单位：元\n项目", "单位：万元", "单位名称"]


# The 部门 lines of a scanned 江苏 预算 as Tesseract read them, page by page (a space: characters lost there).
DEPT_LINES = ["收支预算总表\n部门 : 中国共 党 员会办公和万\n单位：万元", "部门 : 中国共产党江苏省委员会办 单位：万元",
              "部门 : 中国共 党江苏省委员会办公打 单位：万元", "部门 : 中国共 党江苏省委员会办公厅 单人 万",
              "部门 : 中国共 党江苏省委员会办公厅 单位 , 方元", "部门 : 中国共产党江苏省委 厅"]


def test_an_ocr_agency_no_page_reads_whole_is_pieced_together_from_the_department_lines():
    from ingest.ocr_meta import confirm_agency, pieced_together

    # no page reads it whole: the pieces overlap (…党江苏省委员会办 …), and 办公打 is no agency's ending
    assert confirm_agency(DEPT_LINES, "中共江苏省委办") == ("中国共产党江苏省委员会办公厅", None)
    # pieces naming another body than the title did are not taken
    assert pieced_together(DEPT_LINES, "江苏省财政厅") is None
    # one line alone is no second place
    assert pieced_together(DEPT_LINES[1:2], "中共江苏省委办") is None


def test_the_unit_line_is_found_where_ocr_lost_the_word_danwei():
    from ingest.ocr_header import _UNIT_HINT, _UNIT_MISREAD

    for line in ("部门 : 江 省政协办公厅 万元", "单人 万", "香位 :万", "单位 , 方元"):
        assert _UNIT_HINT.search(line), line
    assert not _UNIT_HINT.search("单位预留机动经费 项目支出")
    assert _UNIT_MISREAD.sub(r"\1万\2", "单位，方元") == "单位，万元"
    assert _UNIT_MISREAD.sub(r"\1万\2", "地方元旦") == "地方元旦"  # only in a 单位 line
