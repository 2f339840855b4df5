"""Real published PDFs (samples/real/), read as offices produce them."""

import polars as pl
import pytest
from lakeview import rows_of

from fiscal import store
from fiscal.consolidate import sangong_best

PUTUO = "putuo_caizhengju_2024_final.pdf"

# 支出决算表 of 上海市普陀区财政局 2024, codes printed split over 类/款/项 columns.
PUTUO_EXPENDITURE = {
    None: (2940.05, 2336.91, 603.14),
    "201": (2106.66, 1503.52, 603.14),
    "20106": (2106.66, 1503.52, 603.14),
    "2010601": (1511.89, 1503.52, 8.37),
    "2010602": (10.00, 0.0, 10.00),
    "2010607": (135.25, 0.0, 135.25),
    "2010608": (449.52, 0.0, 449.52),
    "208": (326.72, 326.72, 0.0),
    "20805": (326.72, 326.72, 0.0),
    "2080501": (84.65, 84.65, 0.0),
    "2080505": (160.75, 160.75, 0.0),
    "2080506": (80.38, 80.38, 0.0),
    "2080599": (0.94, 0.94, 0.0),
    "210": (60.99, 60.99, 0.0),
    "21011": (60.99, 60.99, 0.0),
    "2101101": (60.99, 60.99, 0.0),
    "221": (445.69, 445.69, 0.0),
    "22102": (445.69, 445.69, 0.0),
    "2210201": (187.19, 187.19, 0.0),
    "2210203": (258.50, 258.50, 0.0),
}


def test_every_real_pdf_ingests_without_quarantine(sample_lake, real_dir):
    names = set(store.read(sample_lake, "documents")["source_name"])
    real = {p.name for p in real_dir.rglob("*.pdf")}
    assert real <= names
    assert not set(store.quarantined(sample_lake)["name"]) & real


def test_putuo_sangong(sample_lake):
    got = {(r["stage"], r["item"]): r["amount"] for r in rows_of(sample_lake, "sangong", PUTUO).iter_rows(named=True)}
    assert got[("budget", "total")] == 0.95
    assert got[("budget", "reception")] == 0.95
    others = {k: v for k, v in got.items() if k not in {("budget", "total"), ("budget", "reception")}}
    assert len(others) == 10 and set(others.values()) == {0.0}  # blank cells mean zero


def test_putuo_summary(sample_lake):
    df = rows_of(sample_lake, "summary", PUTUO).filter(pl.col("table") == "summary")
    got = {r["item"]: r["amount"] for r in df.iter_rows(named=True)}
    assert got["income_total"] == 2946.25
    assert got["expenditure_total"] == 2940.05
    assert got["opening_balance"] == 49.14
    assert got["closing_balance"] == 55.34
    assert got["grand_total"] == got["grand_total_expenditure"] == 2995.39


def test_putuo_expenditure_rows_with_split_codes(sample_lake):
    df = rows_of(sample_lake, "line_items", PUTUO).filter(pl.col("table") == "expenditure")
    got = {(r["code"], r["measure"]): r["amount"] for r in df.iter_rows(named=True)}
    assert {c for c, _ in got} == set(PUTUO_EXPENDITURE)
    for code, (total, basic, project) in PUTUO_EXPENDITURE.items():
        assert (got[(code, "total")], got[(code, "basic")], got[(code, "project")]) == (total, basic, project), code
    # 2010601 行政运行 1,511.89 = 1,503.52 + 8.37
    names = dict(df.select("code", "name").unique().iter_rows())
    assert names["2010601"] == "行政运行" and names["2080505"] == "机关事业单位基本养老保险缴费支出"


def test_putuo_checks_pass(sample_lake):
    doc = rows_of(sample_lake, "documents", PUTUO).row(0, named=True)
    assert doc["tables_found"] == 9 and doc["checks_failed"] == 0


def test_budget_in_yuan_is_converted_to_wanyuan(sample_lake):
    # 上海市普陀区司法局 2026 prints its tables in 元 (96,282,213.44 元 = 9,628.22 万元).
    df = rows_of(sample_lake, "summary", "putuo_sifaju_2026_budget.pdf").filter(pl.col("table") == "summary")
    got = {r["item"]: r["amount"] for r in df.iter_rows(named=True)}
    assert got["grand_total"] == got["fiscal_appropriation"] == pytest.approx(9628.22, abs=0.01)
    sangong = rows_of(sample_lake, "sangong", "putuo_sifaju_2026_budget.pdf")
    assert dict(sangong.select("item", "amount").iter_rows()) == {
        "total": 10.81, "overseas": 0.0, "reception": 0.83, "vehicle_total": 9.98,
        "vehicle_purchase": 0.0, "vehicle_operation": 9.98,
    }


# 三公 budgets of the two 江苏 provincial agencies, as printed (万元).
JIANGSU_SANGONG = {
    ("中共江苏省委办公厅", 2017): {"total": 509.20, "overseas": 70.0, "vehicle_total": 411.20, "reception": 28.0},
    ("中共江苏省委办公厅", 2018): {"total": 508.20, "overseas": 70.0, "vehicle_total": 411.20, "reception": 27.0},
    ("中共江苏省委办公厅", 2019): {"total": 508.20, "overseas": 70.0, "vehicle_total": 411.20, "reception": 27.0},
    ("江苏省政协办公厅", 2017): {"total": 676.10, "overseas": 76.0, "vehicle_total": 156.60, "reception": 443.50},
    ("江苏省政协办公厅", 2018): {"total": 675.10, "overseas": 106.0, "vehicle_total": 156.60, "reception": 412.50},
    ("江苏省政协办公厅", 2019): {"total": 660.10, "overseas": 106.0, "vehicle_total": 156.60, "reception": 397.50},
}


@pytest.fixture(scope="module")
def jiangsu_sangong(sample_lake) -> pl.DataFrame:
    docs = store.read(sample_lake, "documents")
    best = sangong_best(store.read(sample_lake, "sangong"), docs)
    return best.filter(pl.col("region_code") == "320000", pl.col("stage") == "budget")


@pytest.mark.parametrize("agency_year", list(JIANGSU_SANGONG))
def test_jiangsu_sangong_budget_each_year(jiangsu_sangong, agency_year):
    agency, year = agency_year
    rows = jiangsu_sangong.filter(pl.col("agency") == agency, pl.col("year") == year)
    got = dict(rows.select("item", "amount").iter_rows())
    for item, amount in JIANGSU_SANGONG[agency_year].items():
        assert got[item] == pytest.approx(amount), item
    # Counted once, even where the year is published as narrative + tables PDFs.
    assert rows.group_by("item").len()["len"].max() == 1


def test_jiangsu_tables_file_with_late_titles_is_read(jiangsu_sangong):
    # 政协 2017 公开表 is an Excel export that draws each title after its rows: its 三公 table
    # is read (it used to be missed, leaving only the narrative's figures).
    rows = jiangsu_sangong.filter(pl.col("agency") == "江苏省政协办公厅", pl.col("year") == 2017)
    assert set(rows["source"]) == {"table"}


def test_jiangsu_tables_win_over_the_narrative(jiangsu_sangong):
    rows = jiangsu_sangong.filter(pl.col("agency") == "中共江苏省委办公厅", pl.col("year") == 2018)
    assert set(rows["source"]) == {"table"}
