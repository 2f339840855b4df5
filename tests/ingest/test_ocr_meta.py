"""The agency of a scanned disclosure, as OCR reads it (ingest/ocr_meta.py)."""

from __future__ import annotations

from ingest.ocr_meta import confirm_agency, with_place

# A 决算 template as Tesseract read it: the cover's 上海市 XX 局 read 上海市人局, and once more so in the prose.
TEMPLATE_PAGES = [
    "上海市人局\n2024 年度部门决算",
    "第一部分上海市 xX 局概况\n第二部分上海市 Xx 局 2024 年度部门决算表\n第三部分上海市 XX 局 2024 年度部门决算情况说明",
    "从预算单位构成看 , 上海市 XX 局部门决算包括 : 上海市 XX 局本级决算",
    "上海市 Xx 局 2024 年度部门决算表\n收入支出决算总表",
    "说明 : 上海市 XX 局本年度没有政府性基金预算财政拨款收入和支出 , 故本表无数据。",
    "说明 : 上海市 XX 局本年度没有国有资本经营预算财政拨款收入和支出 , 故本表无数据。",
    "上海市 XX 局 2024 年度收入支出总计 XXX 万元。\n上海市 XX 局 2024 年度财政拨款收入支出总计 XXX 万元。\n"
    "上海市人局 2024 年度无政府性基金预算财政拨款收入和支",
]


def test_a_title_misread_alike_twice_gives_way_to_the_name_the_pages_print_far_more_often():
    assert confirm_agency(TEMPLATE_PAGES, "上海市人局") == ("上海市XX局", None)


def test_an_agency_read_often_keeps_its_name_beside_a_similar_one_read_less():
    pages = ["上海市普陀区司法局2026年部门预算", "上海市普陀区司法局 2026 年部门预算表",
             "根据上海市普陀区财政局的要求", "上海市普陀区司法局收入预算"]
    assert confirm_agency(pages, "上海市普陀区司法局") == ("上海市普陀区司法局", None)


def test_an_agency_read_without_its_place_takes_the_place_of_the_file_names_agency():
    pages = ["江丈省委办公打 2017 年度部门预算\n第二部分省委办公厅 2017 年度部门预算表",
             "第三部分 . 省委办公厅 2017 年度部门预算情况说明", "省委办公厅 2017 年度收入、支出预算"]
    assert confirm_agency(pages, "省委办公厅", "江苏省委办公厅2017年部门预算.pdf") == ("江苏省委办公厅", None)
    assert confirm_agency(pages, "省委办公厅") == ("省委办公厅", None)  # no file name: nothing to add


def test_the_file_name_adds_only_a_place_never_another_body():
    assert with_place("省委办公厅", "江苏省政协办公厅2017年度部门预算.pdf") == "省委办公厅"  # not its ending
    assert with_place("市财政局", "郴州市财政局2022年决算.pdf") == "郴州市财政局"
    assert with_place("上海市普陀区司法局", "x江苏省上海市普陀区司法局2026.pdf") == "上海市普陀区司法局"  # has a place
    assert with_place("市财政局", "scan-2022.pdf") == "市财政局"
