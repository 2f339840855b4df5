"""三公 on the read side: a total made up of its parts when none is printed, and figures of a table read `partial` kept
out of the trend (listed, not drawn)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from fiscal import read, store
from fiscal.filters import Filters
from fiscal.read.sangong import sangong_totals
from tests.fiscal.test_queries import _common, _doc


def _row(doc: dict, stage: str, item: str, amount: float, reading: str | None = "complete",
         source: str = "table", page: int = 5) -> dict:
    return _common(doc, page) | {"stage": stage, "item": item, "amount": amount, "source": source, "reading": reading}


def _frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(rows).with_columns(pl.col("year").cast(pl.Int32))


def test_a_total_without_合计_or_小计_counts_purchase_and_operation():
    """A budget printing 出国 | 公务用车购置费 | 公务用车运行费 | 接待 and neither 合计 nor 小计: its total is 1.00 + 18.00 +
    7.20 + 3.60 = 29.80 (the old sum took 出国 + 小计 + 接待 and dropped the 公务用车: 4.60)."""
    doc = _doc("d", "ag", "甲局", 2025, "budget")
    rows = _frame([_row(doc, "budget", "overseas", 1.0), _row(doc, "budget", "vehicle_purchase", 18.0),
                   _row(doc, "budget", "vehicle_operation", 7.2), _row(doc, "budget", "reception", 3.6)])
    (total,) = sangong_totals(rows).iter_rows(named=True)
    assert total["amount"] == pytest.approx(29.8)
    assert total["checked"]


def test_a_printed_subtotal_is_not_counted_again_with_its_parts():
    """With 小计 printed beside 购置 | 运行, the 公务用车 counts once (as its 小计)."""
    doc = _doc("d", "ag", "甲局", 2025, "budget")
    rows = _frame([_row(doc, "budget", "overseas", 1.0), _row(doc, "budget", "vehicle_total", 25.2),
                   _row(doc, "budget", "vehicle_purchase", 18.0), _row(doc, "budget", "vehicle_operation", 7.2),
                   _row(doc, "budget", "reception", 3.6)])
    assert sangong_totals(rows).get_column("amount").to_list() == [pytest.approx(29.8)]


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """甲局 2023–2024 read `complete`; its 2025 决算 table read `partial` (a misread 合计 of 9,000: 元 taken for 万元);
    乙局 2024 with a partial table whose 合计 the prose states too (the prose, read with confidence, counts)."""
    a23, a24, a25 = (_doc(f"a{y}", "ag-a", "甲局", y, "final_account") for y in (2023, 2024, 2025))
    b24 = _doc("b24", "ag-b", "乙局", 2024, "final_account")
    rows = [_row(a23, "actual", "total", 10.0), _row(a23, "actual", "reception", 10.0),
            _row(a24, "actual", "total", 11.0), _row(a24, "actual", "reception", 11.0),
            _row(a25, "actual", "total", 9000.0, "partial"), _row(a25, "actual", "reception", 9000.0, "partial"),
            _row(b24, "actual", "total", 70.0, "partial"), _row(b24, "actual", "total", 7.0, source="prose", page=3)]
    root = tmp_path_factory.mktemp("sg") / "lake"
    store.commit(root, {"documents": pl.DataFrame([a23, a24, a25, b24]), "sangong": pl.DataFrame(rows)},
                 ["a2023", "a2024", "a2025", "b24"])
    return root


def test_figures_of_a_partial_table_are_listed_not_drawn(lake: Path):
    """甲局's 2025 total rests on a table read `partial`: no bar, no ranking, no year-on-year change of +81,718 %
    (the old trend drew it as 甲局's largest year); it is listed in `unchecked` with its document and page."""
    trend = read.sangong.sangong_trend(lake, Filters(agencies=("ag-a",)))
    assert trend.by_agency.select("year", "value").rows() == [(2023, 10.0), (2024, 11.0)]
    assert 2025 not in trend.by_year.get_column("year").to_list()
    assert 2025 not in trend.parts.get_column("year").to_list()
    assert trend.latest_year == 2024
    assert trend.unchecked.select("year", "stage", "amount", "doc_id", "page").rows() == [
        (2025, "actual", 9000.0, "a2025", 5)]
    assert not trend.rows.filter(pl.col("year") == 2025).height


def test_a_figure_read_with_confidence_beats_a_partial_tables(lake: Path):
    """乙局 2024: the 合计 stated in the prose (7.00) counts, not the partial table's (70.00), though a table figure
    otherwise beats the prose."""
    rows = read.sangong.sangong_rows(lake, Filters(agencies=("ag-b",)))
    assert rows.select("source", "amount").rows() == [("prose", 7.0)]
    trend = read.sangong.sangong_trend(lake, Filters(agencies=("ag-b",)))
    assert trend.by_agency.get_column("value").to_list() == [7.0]
    assert trend.unchecked.is_empty()


def test_the_selections_totals_add_only_checked_figures(lake: Path):
    """`sangong_totals_of` (the overview's 三公 sum) leaves the partial table's total out."""
    totals = read.sangong.sangong_totals_of(lake, Filters())
    assert sorted(totals.select("agency_id", "year", "amount").rows()) == [
        ("ag-a", 2023, 10.0), ("ag-a", 2024, 11.0), ("ag-b", 2024, 7.0)]
