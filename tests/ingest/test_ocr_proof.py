"""Proof-reading of OCR'd tables (ingest.ocr_proof): a figure counts only when a closing sum covers it.

The table is the 支出预算总表 of a scanned 江苏 budget (合计 | 基本支出 | 项目支出 | 单位预留机动经费 |
结转下年资金), as OCR reads its one line: 合计 = 基本 + 项目 + 预留 is its only sum, 结转下年资金 is printed blank.
"""

from __future__ import annotations

from ingest.model import DocMeta, RawTable
from ingest.ocr_proof import correct, proofread
from ingest.reading import COMPLETE, PARTIAL, _parse

DOC = DocMeta(doc_id="x", region_code="320000", region="江苏省", province="江苏省", city=None, agency_id="a",
              agency="江苏省高级人民法院", year=2018, doc_kind="budget", scope="department",
              source_name="江苏省高级人民法院2018年度部门预算公开.pdf")
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
