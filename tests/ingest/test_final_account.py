"""The 郴州 2022 决算 (seed 000), rendered in two layouts, reads back as printed.

Expected figures come from the seed text itself (tests/seed_text.py), not from the
generator, so a parser and a generator that agree on a mistake still fail here.
"""

import polars as pl
import pytest
from lakeview import rows_of
from seed_text import CHENZHOU, function_rows

STYLES = ["chenzhou_2022_final_a.pdf", "chenzhou_2022_final_b.pdf"]
INCOME_MEASURES = ["total", "fiscal", "superior_subsidy", "business", "operating", "affiliated", "other"]
EXPENDITURE_MEASURES = ["total", "basic", "project", "remit_superior", "operating", "affiliated_subsidy"]


def amounts(df: pl.DataFrame, table: str) -> dict[tuple[str | None, str], float]:
    return {(r["code"], r["measure"]): r["amount"] for r in df.filter(pl.col("table") == table).iter_rows(named=True)}


@pytest.mark.parametrize("source", STYLES)
def test_document_metadata(sample_lake, source):
    doc = rows_of(sample_lake, "documents", source).row(0, named=True)
    assert (doc["agency"], doc["region_code"], doc["region"], doc["year"]) == ("郴州市医疗保障局", "431000", "湖南省郴州市", 2022)
    assert (doc["doc_kind"], doc["scope"], doc["unit"]) == ("final_account", "department", "万元")
    assert doc["tables_found"] == doc["tables_expected"] == 9
    assert doc["checks_failed"] == 0 and doc["checks_passed"] > 100


@pytest.mark.parametrize("source", STYLES)
def test_sangong_budget_and_actual(sample_lake, source):
    got = {(r["stage"], r["item"]): r["amount"] for r in rows_of(sample_lake, "sangong", source).iter_rows(named=True)}
    assert got == {
        ("budget", "total"): 9.00, ("budget", "overseas"): 0.0, ("budget", "vehicle_total"): 4.00,
        ("budget", "vehicle_purchase"): 0.0, ("budget", "vehicle_operation"): 4.00, ("budget", "reception"): 5.00,
        ("actual", "total"): 6.22, ("actual", "overseas"): 0.0, ("actual", "vehicle_total"): 4.00,
        ("actual", "vehicle_purchase"): 0.0, ("actual", "vehicle_operation"): 4.00, ("actual", "reception"): 2.22,
    }


@pytest.mark.parametrize("source", STYLES)
def test_summary_lines(sample_lake, source):
    df = rows_of(sample_lake, "summary", source).filter(pl.col("table") == "summary")
    got = {r["item"]: r["amount"] for r in df.iter_rows(named=True) if r["item"] != "function_class"}
    assert got["fiscal_appropriation"] == 1467.16
    assert got["other_income"] == 0.73
    assert got["income_total"] == 1467.89
    assert got["expenditure_total"] == 1468.53
    assert got["opening_balance"] == 0.64
    assert got["closing_balance"] == 0.0
    assert got["grand_total"] == 1468.53
    assert got["grand_total_expenditure"] == 1468.53
    classes = {r["label"]: r["amount"] for r in df.filter(pl.col("item") == "function_class").iter_rows(named=True)}
    assert classes == {"社会保障和就业支出": 76.21, "卫生健康支出": 1358.08, "住房保障支出": 32.87, "其他支出": 1.37}


@pytest.mark.parametrize("source", STYLES)
@pytest.mark.parametrize(
    "title, table, measures",
    [("收入决算表", "income", INCOME_MEASURES), ("支出决算表", "expenditure", EXPENDITURE_MEASURES)],
)
def test_every_row_and_measure(sample_lake, source, title, table, measures):
    got = amounts(rows_of(sample_lake, "line_items", source), table)
    expected = function_rows(CHENZHOU, title)
    assert len(expected) == 22
    for code, (name, values) in expected.items():
        for measure, value in zip(measures, values, strict=True):
            assert got.get((code, measure)) == pytest.approx(value, abs=0.01), (code, name, measure)


@pytest.mark.parametrize("source", STYLES)
def test_gpb_expenditure_and_empty_tables(sample_lake, source):
    df = rows_of(sample_lake, "line_items", source)
    got = amounts(df, "gpb_expenditure")
    assert got[(None, "total")] == 1467.16 and got[(None, "basic")] == 970.13 and got[(None, "project")] == 497.02
    assert got[("2101599", "project")] == 133.20
    # 政府性基金 and 国有资本经营 tables hold only a 合计 line: read as an empty table, not lost.
    for table in ("gov_fund", "soe_capital"):
        rows = df.filter(pl.col("table") == table)
        assert rows.height > 0 and rows["amount"].sum() == 0 and rows["code"].is_null().all()


@pytest.mark.parametrize("source", STYLES)
def test_economic_lines(sample_lake, source):
    df = rows_of(sample_lake, "economic_items", source)
    got = {(r["code"], r["name"]): r["amount"] for r in df.iter_rows(named=True)}
    assert got[("301", "工资福利支出")] == 867.74
    assert got[("30217", "公务接待费")] == 0.78
    assert got[("30231", "公务用车运行维护费")] == 4.00
    assert got[(None, "人员经费合计")] == 872.14
    assert got[(None, "公用经费合计")] == 97.99


def test_every_row_traces_to_its_page(sample_lake):
    df = rows_of(sample_lake, "line_items", "chenzhou_2022_final_a.pdf")
    expenditure = df.filter((pl.col("measure") == "total") & (pl.col("table") == "expenditure"))
    pages = dict(expenditure.select("code", "page").iter_rows())
    assert pages["2101501"] == 10 and pages["2101599"] == 11  # 支出决算表 continues on page 11
