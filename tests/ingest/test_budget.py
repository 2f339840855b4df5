"""The 达州 2023 部门预算 (seed 001), in two layouts, reads back as printed."""

import polars as pl
import pytest
from lakeview import rows_of

STYLES = ["dazhou_2023_budget_a.pdf", "dazhou_2023_budget_b.pdf"]

# 部门支出总表 as printed in seed 001: code split over 类/款/项 columns ("208 01 09").
EXPENDITURE = {
    None: (461.49, 410.89, 50.60),
    "2080109": (367.04, 316.44, 50.60),
    "2080505": (41.96, 41.96, 0.0),
    "2101101": (12.46, 12.46, 0.0),
    "2101103": (5.34, 5.34, 0.0),
    "2210201": (34.70, 34.70, 0.0),
}


@pytest.mark.parametrize("source", STYLES)
def test_document_metadata(sample_lake, source):
    doc = rows_of(sample_lake, "documents", source).row(0, named=True)
    assert (doc["agency"], doc["region_code"], doc["year"], doc["doc_kind"]) == ("达州市医疗保障事务中心", "511700", 2023, "budget")
    assert doc["tables_found"] == doc["tables_expected"]
    assert doc["checks_failed"] == 0


@pytest.mark.parametrize("source", STYLES)
def test_expenditure_table_joins_split_codes(sample_lake, source):
    df = rows_of(sample_lake, "line_items", source).filter(pl.col("table") == "expenditure")
    got = {(r["code"], r["measure"]): r["amount"] for r in df.iter_rows(named=True)}
    assert {c for c, _ in got} == set(EXPENDITURE)
    for code, (total, basic, project) in EXPENDITURE.items():
        assert got[(code, "total")] == total
        assert got[(code, "basic")] == basic
        assert got[(code, "project")] == project


@pytest.mark.parametrize("source", STYLES)
def test_sangong_budget(sample_lake, source):
    got = {(r["stage"], r["item"]): r["amount"] for r in rows_of(sample_lake, "sangong", source).iter_rows(named=True)}
    assert got == {
        ("budget", "total"): 0.50, ("budget", "overseas"): 0.0, ("budget", "vehicle_total"): 0.0,
        ("budget", "vehicle_purchase"): 0.0, ("budget", "vehicle_operation"): 0.0, ("budget", "reception"): 0.50,
    }
    assert set(rows_of(sample_lake, "sangong", source)["source"]) == {"table"}


@pytest.mark.parametrize("source", STYLES)
def test_summary_with_noisy_numbers(sample_lake, source):
    # The text layer prints "461. 49" and "461, 49"; both read as 461.49.
    df = rows_of(sample_lake, "summary", source).filter(pl.col("table") == "summary")
    got = {r["item"]: r["amount"] for r in df.iter_rows(named=True)}
    assert got["income_total"] == got["expenditure_total"] == got["grand_total"] == 461.49
    assert got["fiscal_appropriation"] == 461.49


@pytest.mark.parametrize("source", STYLES)
def test_basic_expenditure_economic_lines(sample_lake, source):
    df = rows_of(sample_lake, "economic_items", source)
    got = {r["code"]: r["amount"] for r in df.iter_rows(named=True) if r["code"]}
    assert got["301"] == 357.03 and got["30101"] == 98.33 and got["30217"] == 0.50 and got["30309"] == 0.01
