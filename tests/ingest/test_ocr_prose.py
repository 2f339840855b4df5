"""三公 figures of OCR'd prose proven by the shares printed beside them (ingest/ocr_prose.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.ocr_prose import prove_sangong, sangong_readings
from ingest.prose import sangong_from_prose

# The 三公 section of a scanned 江苏 政协 2019 budget as Tesseract read it: 公务接待费 397.50 read "3975", one
# 元 lost (156.6 万15.), one ( read 〈, the shares intact.
PAGES = [
    "九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明\n本表反映部门年度一般公共预算资金安排的“三公”经费情况。"
    "江苏省政协办公打 2019 年度一般公共预算拨款安排的“三公”经费预算支出中,因公出国〈境)费支出106万元,占“三公”"
    "经费的 16.06% 公务用车购置及运行维护费支出 156.6 万15. JU» 三公”经费的 23.72% 公务接待费支出 3975 万元,",
    "“三公”经费的 60.22% 具体情况如下\n1. 因公出国(境)费预算支出 106 万元,与上年数一致。\n"
    "2. 公务用车购置及运行维护费预算支出 156.6 万元,其中\n(1)公务用车购置费 0 万元,与上年数一致\n"
    "(2)公务用车运行维护费 156.6 万元,与上年数一致\n3 公务接待费预算支出 397 5 万元,比上年预算减少 15 万元。",
]


def _rows(pages: list[str]) -> list[dict]:
    """The prose rows as the ingest keeps them for an OCR'd page: partial."""
    found = sangong_from_prose(pages)
    rows = [{"stage": "budget", "item": k, "amount": a, "page": p, "source": "prose", "reading": "partial"}
            for k, (a, p) in found.items()]
    parts = [found[k][0] for k in ("overseas", "vehicle_total", "reception") if k in found]
    if "total" not in found and len(parts) == 3:  # as prose.parse adds it
        rows.append({"stage": "budget", "item": "total", "amount": round(sum(parts), 2), "page": 1,
                     "source": "prose_sum", "reading": "partial"})
    return rows


def test_the_shares_prove_the_parts_and_fix_the_one_that_lost_its_point():
    rows = _rows(PAGES)
    assert {r["item"]: r["amount"] for r in rows}["reception"] == 3975.0  # as OCR read it
    assert prove_sangong(rows, PAGES) == 6
    got = {r["item"]: (r["amount"], r["reading"]) for r in rows}
    assert got == {"overseas": (106.0, "complete"), "vehicle_total": (156.6, "complete"),
                   "vehicle_purchase": (0.0, "complete"), "vehicle_operation": (156.6, "complete"),
                   "reception": (397.5, "complete"), "total": (660.1, "complete")}


def test_without_the_shares_the_figures_printed_twice_and_the_car_pair_are_proven():
    pages = [p.replace("%", "") for p in PAGES]
    rows = _rows(pages)
    assert prove_sangong(rows, pages) == 4
    got = {r["item"]: (r["amount"], r["reading"]) for r in rows}
    assert got == {"overseas": (106.0, "complete"), "vehicle_total": (156.6, "complete"),
                   "vehicle_purchase": (0.0, "complete"), "vehicle_operation": (156.6, "complete"),
                   "reception": (3975.0, "partial"), "total": (4237.6, "partial")}  # 3975 is printed once: unproven


def test_a_share_that_no_single_reading_explains_proves_nothing():
    pages = [PAGES[0].replace("16.06%", "26.06%"), PAGES[1].replace("60.22%", "50.22%")]
    rows = _rows(pages)
    assert prove_sangong(rows, pages) == 0
    assert {r["reading"] for r in rows} == {"partial"}


# A scanned 江苏 委办公厅 2018 budget as Tesseract read it: the 三公 mention lost (“ —— 公”经费), the third share
# misread ($.31% for 5.31%), 公务用车和运行维护费 for 公务用车运行维护费 — every figure printed twice.
WEIBAN_2018 = [
    "九、一般公共预算“三公”经费、会议费、培训费支出预算\n5 \n情况说明\n江苏省委办公斤 -一 \n"
    "2018 年度一般公共预算拨款安排的“ —— ",
    "公”经费预算支出中,因公出国(境)费支出70万元 HED \n经费的 13.77% ;公务用车购置及运行费支出 411.20 万元,占“三 \n"
    "66 一经费 19 80.92% ;公务接待费支出 27 万元,占从经费的\n$.31% 。具体情况如下: \n"
    "1. 因公出国(境)费预算支出 70 万元,与上年预算数一致。\n2. 公务用车购置及运行费预算支出 411.20 万元。其中: \n"
    "(1 )公务用车购置预算支出 0 万元,与上年预算数一致。\n(2)公务用车和运行维护费预算支出 411.20 万元,与上年巴\n"
    "算数一致。\n3. 公务接待费预算支出 27 万元,比上年预算减少 1 万元, \n"
    "主要原因是加强公务接待管理,对公务接待费进行了压减。\n"
    "江苏省委办公斤 2018 年度一般公共预算拨款安排的会议费\n预算支出 933.50 万元,与上年预算数一致。\n",
]


def test_garbled_labels_are_read_and_a_misread_share_does_not_block_the_two_that_fit():
    reads = sangong_readings(WEIBAN_2018)
    assert [(r.item, r.value, r.share) for r in reads] == [
        ("overseas", 70.0, "13.77"), ("vehicle_total", 411.2, "80.92"), ("reception", 27.0, None),
        ("overseas", 70.0, None), ("vehicle_total", 411.2, None), ("vehicle_purchase", 0.0, None),
        ("vehicle_operation", 411.2, None), ("reception", 27.0, None)]  # 减少 1 万元 and 会议费 are no 三公 figure
    rows = _rows(WEIBAN_2018)
    assert "vehicle_operation" not in {r["item"] for r in rows}  # the prose reader misses 公务用车和运行维护费
    assert prove_sangong(rows, WEIBAN_2018) == 6
    got = {r["item"]: (r["amount"], r["reading"]) for r in rows}
    assert got == {"overseas": (70.0, "complete"), "vehicle_total": (411.2, "complete"),
                   "vehicle_purchase": (0.0, "complete"), "vehicle_operation": (411.2, "complete"),
                   "reception": (27.0, "complete"), "total": (508.2, "complete")}
    added = next(r for r in rows if r["item"] == "vehicle_operation")
    assert added["source"] == "prose" and added["page"] == 2 and added["stage"] == "budget"


def test_two_readings_that_no_misread_explains_prove_neither():
    pages = [WEIBAN_2018[0], WEIBAN_2018[1].replace("1. 因公出国(境)费预算支出 70", "1. 因公出国(境)费预算支出 90")]
    rows = _rows(pages)
    prove_sangong(rows, pages)
    got = {r["item"]: r["reading"] for r in rows}
    assert got["overseas"] == "partial" and got["total"] == "partial"
    assert got["vehicle_purchase"] == got["vehicle_operation"] == "complete"  # 0 + 411.20 = 411.20, all read twice


def test_a_sum_that_does_not_close_proves_nothing_it_holds():
    pages = [WEIBAN_2018[0], WEIBAN_2018[1].replace("购置预算支出 0 万元", "购置预算支出 6 万元")]
    rows = _rows(pages)
    prove_sangong(rows, pages)
    got = {r["item"]: (r["amount"], r["reading"]) for r in rows}
    assert got["vehicle_purchase"] == (6.0, "partial") and got["vehicle_operation"][1] == "partial"
    assert got["vehicle_total"] == (411.2, "complete")  # printed twice, and its share fits


PAGES_DIR = Path(__file__).parent / "ocr_pages"  # pieces of real scanned pages: the page image and its OCR text layer


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (make setup)")
def test_a_line_the_page_reading_lost_is_read_again_and_its_figures_proven():
    """Page 19 of the scanned 江苏 政协 2017 budget: Tesseract lost the line "156.60 万元，与上年数一致。" under
    "…；公务用车运行维护费"; the band of print no text line covers is read again and put in its place, and
    购置 0 + 运行 156.60 = 156.60 proves the pair."""
    from ingest.ocr import page_texts, tidy_prose
    from ingest.ocr_prose import reread_lost_lines

    pdf = PAGES_DIR / "sangong_prose_line_lost.pdf"
    texts = page_texts(pdf.read_bytes())
    assert "vehicle_operation" not in {r.item for r in sangong_readings(tidy_prose(texts))}
    mended = tidy_prose(reread_lost_lines(pdf, texts, [1]))
    lines = [line.strip() for line in mended[0].split("\n")]
    at = next(k for k, line in enumerate(lines) if line.endswith("公务用车运行维护费"))
    assert lines[at + 1].startswith("156.60 万元")
    assert len(lines) == len(texts[0].split("\n")) + 1  # that line only
    reads = sangong_readings(mended)
    assert ("vehicle_operation", 156.6) in {(r.item, r.value) for r in reads}
    rows = _rows(mended)
    prove_sangong(rows, mended)
    got = {r["item"]: (r["amount"], r["reading"]) for r in rows}
    assert got["vehicle_purchase"] == (0.0, "complete") and got["vehicle_operation"] == (156.6, "complete")


def test_a_page_without_a_sangong_section_is_not_read_again():
    from ingest.ocr_prose import reread_lost_lines

    prose = ["部门：江苏省政协办公厅。本年收入 1,234.56 万元。其中 2,345.67 万元。合计 3,456.78 万元。"]
    assert reread_lost_lines(PAGES_DIR / "missing.pdf", prose, [1]) == prose  # no page opened


def test_a_change_stated_beside_a_figure_is_neither_a_figure_nor_its_share():
    pages = ["“三公”经费预算支出中，因公出国（境）费支出 20 万元，比上年减少 20 万元，下降 50%；公务接待费支出 10 万元，"
             "占 33.33%。会议费预算支出 5 万元。"]
    assert [(r.item, r.value, r.share) for r in sangong_readings(pages)] == [
        ("overseas", 20.0, None), ("reception", 10.0, "33.33")]  # 会议费 closes the section


def test_a_printed_total_and_the_car_pair_that_close_prove_every_figure_printed_once():
    pages = ["九、“三公”经费支出预算情况说明\n2019年“三公”经费预算数为418.26万元，其中：因公出国（境）费80万元，比上年减少20万元；"
             "公务用车购置及运行费237万元（其中：公务用车购置费0万元，公务用车运行费237万元），比上年减少30.8万元；"
             "公务接待费101.26万元，比上年减少15.24万元。\n十、机关运行经费"]
    rows = _rows(pages)
    assert prove_sangong(rows, pages) == 6
    assert {r["item"]: (r["amount"], r["reading"]) for r in rows} == {
        "total": (418.26, "complete"), "overseas": (80.0, "complete"), "vehicle_total": (237.0, "complete"),
        "vehicle_purchase": (0.0, "complete"), "vehicle_operation": (237.0, "complete"),
        "reception": (101.26, "complete")}
    misread = [pages[0].replace("101.26万元", "107.26万元")]  # 418.26 ≠ 80 + 237 + 107.26: no part is proven
    rows = _rows(misread)
    prove_sangong(rows, misread)
    got = {r["item"]: r["reading"] for r in rows}
    assert got["total"] == got["overseas"] == got["reception"] == "partial"
    assert got["vehicle_purchase"] == got["vehicle_operation"] == "complete"  # 0 + 237 = 237 still closes


def test_a_printed_total_the_prose_reader_missed_replaces_the_sum_of_the_parts():
    pages = ["“三公”经费预算数 为418.26万元，其中：因公出国（境）费支出80万元；公务用车购置及运行费支出237万元；"
             "公务接待费支出101.26万元。"]  # 数 为: the prose reader's pattern misses the total
    rows = _rows(pages)
    assert [r["source"] for r in rows if r["item"] == "total"] == ["prose_sum"]
    prove_sangong(rows, pages)
    totals = [(r["source"], r["amount"], r["reading"]) for r in rows if r["item"] == "total"]
    assert totals == [("prose", 418.26, "complete")]
