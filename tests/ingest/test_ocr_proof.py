"""Proof-reading of OCR'd tables (ingest.ocr_proof): a figure counts only when a closing sum covers it.

The table is the 支出预算总表 of a scanned 江苏 budget (合计 | 基本支出 | 项目支出 | 单位预留机动经费 |
结转下年资金), as OCR reads its one line: 合计 = 基本 + 项目 + 预留 is its only sum, 结转下年资金 is printed blank.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.model import DocMeta, RawTable
from ingest.ocr_proof import correct, mend_total, proofread
from ingest.reading import COMPLETE, PARTIAL, _parse

DOC = DocMeta(doc_id="x", region_code="320000", region="江苏省", province="江苏省", city=None, agency_id="a",
              agency="江苏省高级人民法院", year=2018, doc_kind="budget", scope="department",
              source_name="江苏省高级人民法院2018年度部门预算公开.pdf")
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed")
HEADER = [["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"]]


def _table(*cells: str) -> RawTable:
    return RawTable(family="expenditure", title="三 2018年度江苏省高级人民法院支出预算总表", pages=[10],
                    header=HEADER, rows=[list(cells), ["", "", "", "", ""]], row_pages=[10, 10])


def _amounts(reading) -> dict[str, float]:
    return {r["measure"]: r["amount"] for r in reading.frames["line_items"] if r["amount"]}


def test_a_figure_split_over_two_cells_is_completed_and_its_spill_blanked():
    """"3,258.06" read as "3,25" | "8.06": the cell read again alone gives 3,258.06, which closes the sum; the
    "8.06" beside it is the rest of that print, not a 结转下年资金 of its own."""
    table = _table("33,172.15", "18,570.82", "11,343.27", "3,25", "8.06")
    fixed = correct(_parse(table, DOC), table, DOC, reread={"3,25": ["3,258.06"]})
    assert fixed is not None
    reading, fixes = fixed
    assert reading.status == COMPLETE
    assert _amounts(reading) == {"total": 33172.15, "basic": 18570.82, "project": 11343.27, "reserve": 3258.06}
    assert fixes == ["“3,25”→“3,258.06”", "“8.06”为“3,258.06”溢入邻格的部分，已置空"]


def test_an_ocr_figure_no_sum_covers_keeps_the_table_partial():
    table = _table("33,172.15", "18,570.82", "11,343.27", "3,258.06", "8.06")
    reading = _parse(table, DOC)
    assert reading.status == COMPLETE and not reading.failures  # 合计 = 基本 + 项目 + 预留 closes
    proofread(reading, table, [10], DOC)
    assert reading.status == PARTIAL
    assert "合计 年末结转和结余 8.06 不在任何合计校验之内" in reading.reason


def test_a_born_digital_table_is_left_as_read():
    table = _table("33,172.15", "18,570.82", "11,343.27", "3,258.06", "8.06")
    reading = _parse(table, DOC)
    proofread(reading, table, ocr_pages=[], doc=DOC)
    assert reading.status == COMPLETE


def test_of_two_readings_closing_within_rounding_the_one_closing_exactly_is_taken():
    table = _table("100.00", "60.00", "40.0l", "", "")
    reread = {"40.0l": ["40.01", "40.00"]}  # both close 合计 = 基本 + 项目 within its rounding (0.01 per part)
    fixed = correct(_parse(table, DOC), table, DOC, reread)
    assert fixed is not None
    reading, fixes = fixed
    assert fixes == ["“40.0l”→“40.00”"] and _amounts(reading)["project"] == 40.0


def test_of_two_readings_neither_closing_exactly_none_is_taken():
    table = _table("100.00", "60.00", "40.0l", "", "")
    assert correct(_parse(table, DOC), table, DOC, {"40.0l": ["40.01", "39.99"]}) is None


def test_a_balance_is_proven_by_the_fund_lines_printed_under_it():
    """年初财政拨款结转和结余 21.63 over 一般公共预算财政拨款 21.63: a sum that covers the breakdown line."""
    from types import SimpleNamespace

    from ingest.ocr_sums import summary_sums

    def reading(breakdown: float) -> SimpleNamespace:
        rows = [("opening_balance", 21.63), ("opening_balance_fiscal", breakdown)]
        return SimpleNamespace(frames={"summary": [{"item": k, "amount": v} for k, v in rows]})
    assert summary_sums(reading(21.63), True) == (1, [])
    closed, open_sums = summary_sums(reading(2.63), True)
    assert closed == 0 and open_sums[0].startswith("年初结转和结余")
    assert summary_sums(reading(2.63)) == (0, [])  # without breakdowns: the table's own sums only


def _items(family: str, rows: list[list[str]], page: int = 18) -> RawTable:
    return RawTable(family=family, title="一般公共预算支出预算表（功能科目）", pages=[page],
                    header=[["科目代码", "功能科目名称", "金额"]], rows=rows, row_pages=[page] * len(rows))


# The 一般公共预算支出预算表 of a scanned 江苏 budget as OCR read it: its 合计 label read as "2 听 计".
LOST_TOTAL = [["", "2 \n听\n计", "24,169.74"], ["204", "公共安全支出", "16,593.12"], ["20404", "检察", "16,593.12"],
              ["2040401", "行政运行", "12,268.62"], ["2040402", "一般行政管理事务", "2,354.40"],
              ["2040410", "检察监督", "1,185.60"], ["2040450", "事业运行", "315.00"],
              ["2040499", "其他检察支出", "469.50"], ["208", "社会保障和就业支出", "1,890.27"],
              ["20805", "行政事业单位离退休", "1,890.27"], ["2080504", "未归口管理的行政单位离退休", "400.02"],
              ["2080505", "机关事业单位基本养老保险缴费支出", "1,064.46"], ["2080506", "机关事业单位职业年金缴费支出", "425.79"],
              ["221", "住房保障支出", "5,686.35"], ["22102", "住房改革支出", "5,686.35"],
              ["2210201", "住房公积金", "1,442.74"], ["2210202", "提租补贴", "4,243.61"]]


def _total(reading) -> float | None:
    return next((r["amount"] for r in reading.frames.get("line_items", []) if r["code"] is None), None)


def test_a_total_line_whose_label_ocr_lost_is_known_by_its_sum():
    table = _items("gpb_expenditure", LOST_TOTAL)
    reading = _parse(table, DOC)
    assert _total(reading) is None  # "2 听 计" is no 合计: the line is dropped
    proofread(reading, table, [18], DOC)
    assert reading.status == COMPLETE
    assert _total(reading) == 24169.74  # the first line, uncoded, the sum of the 类 lines: the 合计


def test_a_line_that_is_not_the_sum_of_the_classes_is_not_taken_for_the_total():
    rows = [list(r) for r in LOST_TOTAL]
    rows[0][2] = "24,169.47"  # not Σ 类 (16,593.12 + 1,890.27 + 5,686.35)
    assert mend_total(_items("gpb_expenditure", rows)) is None
    named = [list(r) for r in LOST_TOTAL]
    named[0][1] = "机关服务中心本级支出"  # a label of a line of its own
    assert mend_total(_items("gpb_expenditure", named)) is None


PAGES = Path(__file__).parent / "ocr_pages"  # pieces of real scanned pages: the page image and its OCR text layer


@needs_tesseract
def test_a_total_line_taken_for_a_header_line_is_read_back_into_the_body():
    """A scanned 江苏 一般公共预算支出预算表: OCR read the 合计 line's .27,664.22 (a speck before it) as "汪和 664 22",
    a line with no number, so it was taken for a second header line and the total was lost. Back in the body, its
    cell read again gives 27,664.22, which the 类 lines' sum proves."""
    rows = [["201", "一般公共服务支出", "22,395.50"], ["20131", "党委办公厅室 )  及相关机构事务", "22,395.50"],
            ["2013101", "行政运行", "9,370.12"], ["2013102", "一般行政管理事务", "13,025.38"],
            ["208", "社会保障和就业支出", "1,374.63"], ["20805", "行政事业单位离退休", "1,374.63"],
            ["2080504", "未归口管理的行政单位离退休", "275.54"], ["2080505", "机关事业单位基本养老保险缴费支出", "785.06"],
            ["2080506", "机关事业单位职业年金缴费支出", "314.03"], ["221", "住房保障支出", "3,894.09"],
            ["22102", "住房改革支出", "3,894.09"], ["2210201", "住房公积金", "965.87"], ["2210202", "提租补贴", "2,928.22"]]
    table = RawTable(family="gpb_expenditure", title="一般公共预算支出预算表（功能科目）", pages=[1],
                     header=[["功能科目编码", "功能科目名称", "金额"], ["合计", "合计", "汪和\n664  22"]], rows=rows,
                     row_pages=[1] * len(rows))
    reading = _parse(table, DOC)
    assert _total(reading) is None
    proofread(reading, table, [1], DOC, PAGES / "total_read_as_header.pdf")
    assert reading.status == COMPLETE, reading.reason
    assert _total(reading) == 27664.22


def test_a_point_lost_by_both_readings_is_put_back_when_the_sums_need_it():
    """371.92 printed with dust over its point: the page and the cell read again both read 37192 (they agree),
    but among figures that all print two decimals a bare 37192 is a lost point, and only 371.92 closes 20805."""
    rows = [["208", "社会保障和就业支出", "1,836.22"], ["20805", "行政事业单位离退休", "1,836.22"],
            ["2080504", "未归口管理的行政单位离退休", "37192"], ["2080505", "机关事业单位基本养老保险缴费支出", "1,045.93"],
            ["2080506", "机关事业单位职业年金缴费支出", "418.37"], ["221", "住房保障支出", "3,660.38"],
            ["22102", "住房改革支出", "3,660.38"], ["2210201", "住房公积金", "4,073.77"], ["2210202", "提租补贴", "2,586.61"]]
    table = _items("fiscal_expenditure", rows, page=16)
    fixed = correct(_parse(table, DOC), table, DOC, {"": ["37192"], "4,073.77": ["1,073.77"]})
    assert fixed is not None
    reading, fixes = fixed
    assert reading.status == COMPLETE and not reading.failures
    assert fixes == ["“37192”→“371.92”", "“4,073.77”→“1,073.77”"]


def test_a_speck_read_beside_a_figure_both_readings_agree_on_is_dropped():
    """A scanned 江苏 财政拨款收支预算总表: a speck before 24169.74 read as a point (".24169.74", no number); the cell
    read again agrees on the figure, so the mark is dropped, and 收入合计 = 一般公共预算 proves it."""
    table = RawTable(family="fiscal_summary", title="财政拨款收支预算总表", pages=[16],
                     header=[["收入", "收入", "支出", "支出"], ["项目名称", "金额", "支出用途", "支出用途"],
                             ["", "", "项目名称", "金额"]],
                     rows=[["一般公共预算", ".24169.74", "基本支出", "15844.04"], ["二、政府性基金预算", "", "项目支出", "4335.3"],
                           ["", "", "单位预留机动经费", "3990.4"], ["收入合计", "24169.74", "支出合计", "24169.74"]],
                     row_pages=[16] * 4)
    fixed = correct(_parse(table, DOC), table, DOC, {"": [".24169.74"]})
    assert fixed is not None
    reading, fixes = fixed
    assert reading.status == COMPLETE and fixes == ["“.24169.74”→“24169.74”"]



def test_a_failing_second_reading_gives_way_to_the_stitched_tables_own_with_its_labels_mended():
    """Two failing readings of one OCR'd 总表: another reader's keeps a label OCR garbled (",财政拨款"), so its
    figure is lost under no line; the table's own reading, labels mended, keeps it under its line, partial."""
    def summary(label: str) -> RawTable:
        return RawTable(family="summary", title="收支预算总表", pages=[10],
                        header=[["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]],
                        rows=[[label, "100.00", "一般公共服务支出", "100.00"],
                              ["本年收入合计", "100.00", "本年支出合计", "120.00"]], row_pages=[10, 10])

    second = _parse(summary(",财政拨款"), DOC)
    second.reader = "Camelot stream"
    items = {r["item"] for r in second.frames["summary"]}
    assert second.failures and "fiscal_total" not in items
    proofread(second, summary("财政拨款"), [10], DOC)
    assert second.status == PARTIAL and "fiscal_total" in {r["item"] for r in second.frames["summary"]}
