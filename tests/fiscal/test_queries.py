"""Read-side queries: figures counted once (department vs unit, split publications, 决算 vs 预算), filters."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from fiscal import read, store
from fiscal.filters import Filters

NOW = datetime(2024, 1, 1, tzinfo=UTC)
REGION = {"region_code": "431000", "region": "湖南省郴州市"}


def _doc(doc_id: str, agency_id: str, agency: str, year: int, kind: str, scope: str = "department",
         region: dict | None = None, synthetic: bool = False, failed: int = 0) -> dict:
    region = region or REGION
    return {"doc_id": doc_id, **region, "agency_id": agency_id, "agency": agency, "year": year, "page": 1,
            "source_name": f"{doc_id}.pdf", "province": "湖南省", "city": "郴州市", "scope": scope, "doc_kind": kind,
            "unit": "万元", "pages": 10, "tables_found": 9, "tables_expected": 9, "tables": [], "checks_passed": 10,
            "checks_failed": failed, "parser_version": "t", "ingested_at": NOW, "seconds": 1.0,
            "synthetic": synthetic, "warnings": []}


def _common(doc: dict, page: int = 5) -> dict:
    return {k: doc[k] for k in ("doc_id", "region_code", "region", "agency_id", "agency", "year")} | {"page": page}


def _summary(doc: dict, total: float) -> dict:
    return _common(doc) | {"table": "summary", "item": "expenditure_total", "label": "本年支出合计", "amount": total}


def _line(doc: dict, code: str | None, name: str, measure: str, amount: float, level: int | None) -> dict:
    return _common(doc) | {"table": "expenditure", "code": code, "name": name, "level": level, "measure": measure,
                           "amount": amount}


def _sangong(doc: dict, stage: str, item: str, amount: float, source: str = "table") -> dict:
    return _common(doc) | {"stage": stage, "item": item, "amount": amount, "source": source}


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three agencies: A (department + its 本级 unit report, 2021–2022), B (narrative + tables PDFs), C (budget + final)."""
    a21 = _doc("a21", "ag-a", "甲局", 2021, "final_account")
    a22 = _doc("a22", "ag-a", "甲局", 2022, "final_account")
    a22u = _doc("a22u", "ag-a", "甲局", 2022, "final_account", scope="unit")
    b_narr = _doc("bn", "ag-b", "乙厅", 2022, "budget", region={"region_code": "320000", "region": "江苏省"})
    b_tabl = _doc("bt", "ag-b", "乙厅", 2022, "budget", region={"region_code": "320000", "region": "江苏省"})
    c_bud = _doc("cb", "ag-c", "丙委", 2022, "budget", synthetic=True)
    c_fin = _doc("cf", "ag-c", "丙委", 2022, "final_account", synthetic=True)
    docs = [a21, a22, a22u, b_narr, b_tabl, c_bud, c_fin]
    summary = [_summary(a21, 100.0), _summary(a22, 120.0), _summary(a22u, 80.0), _summary(b_tabl, 300.0),
               _summary(c_bud, 50.0), _summary(c_fin, 45.0)]
    lines = []
    for doc, basic, project in ((a22, 70.0, 50.0), (a22u, 50.0, 30.0), (c_fin, 40.0, 5.0)):
        lines += [_line(doc, None, "合计", "total", basic + project, None), _line(doc, None, "合计", "basic", basic, None),
                  _line(doc, None, "合计", "project", project, None),
                  _line(doc, "2080505", "机关事业单位基本养老保险缴费支出", "total", basic + project, 3)]
    sangong = [
        _sangong(a21, "actual", "total", 10.0), _sangong(a22, "actual", "total", 13.0),
        _sangong(a22u, "actual", "total", 9.0),
        _sangong(b_narr, "budget", "total", 500.0, "prose_sum"), _sangong(b_narr, "budget", "reception", 27.0, "prose"),
        _sangong(b_tabl, "budget", "total", 508.2), _sangong(b_tabl, "budget", "reception", 27.0),
        _sangong(c_bud, "budget", "total", 6.0), _sangong(c_fin, "budget", "total", 6.5),
        _sangong(c_fin, "actual", "total", 5.0),
    ]
    root = tmp_path_factory.mktemp("q") / "lake"
    store.commit(root, {"documents": pl.DataFrame(docs), "summary": pl.DataFrame(summary),
                        "line_items": pl.DataFrame(lines), "sangong": pl.DataFrame(sangong)},
                 [d["doc_id"] for d in docs])
    return root


def test_department_scope_wins_over_its_unit(lake: Path) -> None:
    exp = read.spending.expenditure_by_agency_year(lake, Filters(agencies=("ag-a",)))
    row = exp.filter(pl.col("year") == 2022).row(0, named=True)
    assert (row["doc_id"], row["total"], row["basic"], row["project"]) == ("a22", 120.0, 70.0, 50.0)
    sg = read.sangong.sangong_rows(lake, Filters(agencies=("ag-a",)))
    assert sg.filter(pl.col("year") == 2022).get_column("amount").to_list() == [13.0]


def test_split_publication_counts_once_and_table_beats_prose(lake: Path) -> None:
    sg = read.sangong.sangong_rows(lake, Filters(agencies=("ag-b",)))
    assert sg.height == 2
    assert set(sg.get_column("doc_id")) == {"bt"}
    assert sg.filter(pl.col("item") == "total").get_column("amount").to_list() == [508.2]
    trend = read.sangong.sangong_trend(lake, Filters(agencies=("ag-b",)))
    assert trend.by_agency.get_column("value").to_list() == [508.2]


def test_final_account_wins_over_budget(lake: Path) -> None:
    exp = read.spending.expenditure_by_agency_year(lake, Filters(agencies=("ag-c",)))
    assert exp.select("doc_kind", "total").rows() == [("final_account", 45.0)]
    trend = read.sangong.sangong_trend(lake, Filters(agencies=("ag-c",)))
    row = trend.by_agency.row(0, named=True)
    assert (row["budget"], row["actual"], row["stage"]) == (6.5, 5.0, "actual")
    assert row["execution"] == pytest.approx(5.0 / 6.5)


def test_overview_change_is_like_for_like(lake: Path) -> None:
    ov = read.spending.overview(lake, Filters(), year=2022)
    assert ov.expenditure == pytest.approx(120.0 + 300.0 + 45.0)
    assert ov.expenditure_basis == "mixed"
    # only 甲局 has 2021 and 2022: +20%
    assert ov.expenditure_change == pytest.approx(0.2)
    assert ov.expenditure_change_agencies == 1
    assert ov.documents == 7 and ov.duplicates == 1 and ov.synthetic == 2
    assert ov.basic == pytest.approx(70.0 + 40.0)
    trend = read.sangong.sangong_trend(lake, Filters(agencies=("ag-a",)))
    assert trend.by_agency.filter(pl.col("year") == 2022).get_column("yoy").to_list() == [pytest.approx(0.3)]


def test_filters_and_kinds(lake: Path) -> None:
    assert read.lake.selected_documents(lake, Filters(province="320000")).height == 2
    assert read.lake.selected_documents(lake, Filters(kinds=("budget",))).height == 3
    rows = read.documents.dataset_rows(lake, Filters(agencies=("ag-a",), years=(2022, 2022)), "sangong")
    assert set(rows.get_column("doc_id")) == {"a22"}  # counted as the pages count: the unit beside its department left out
    assert rows.columns[:6] == ["region", "agency", "year", "doc_kind", "source_name", "page"]
    assert read.documents.has_synthetic(lake, Filters()) == 2
    assert read.documents.has_synthetic(lake, Filters(agencies=("ag-a",))) == 0


def test_composition_tree(lake: Path) -> None:
    comp = read.spending.composition(lake, Filters(years=(2022, 2022)))
    tree = comp.tree
    assert tree.get_column("code").to_list() == ["2080505"]
    assert tree.get_column("amount").to_list() == [120.0 + 45.0]  # department + 丙委's final account, no unit
    assert tree.get_column("class").to_list() == ["208 社会保障和就业支出"]


def test_select_flags_filters(lake: Path) -> None:
    # (two copies of one finding are listed once by all_flags already: tests/fiscal/test_read_flags.py)
    flags = pl.DataFrame({
        "rule": ["r", "r", "r"], "severity": ["warning"] * 3, "region": ["x"] * 3, "agency": ["甲局", "甲局", "乙厅"],
        "year": [2022, 2022, 2022], "project": ["p", "p", None], "message": ["m", "m", "n"], "evidence": ["{}"] * 3,
        "doc_id": ["a22", "a22u", "bt"], "page": [1, 1, 1], "region_code": ["431000", "431000", "320000"],
        "agency_id": ["ag-a", "ag-a", "ag-b"],
    })
    assert read.flags.select_flags(lake, Filters(), flags).height == 3
    assert read.flags.select_flags(lake, Filters(province="320000"), flags).get_column("agency").to_list() == ["乙厅"]
    counts = read.projects.attach_flag_counts(pl.DataFrame({"agency_id": ["ag-a"], "year": [2022], "project": ["p"]},
                                                     schema_overrides={"year": pl.Int32}), flags)
    assert counts.get_column("flags").to_list() == [2]


def test_trends_follow_a_renamed_agency_under_its_current_name(multi_year_lake):
    """株洲市卫生局 (2022, 2023) became 株洲市卫生健康委员会 (2024): one agency across the three years."""
    exp = read.spending.expenditure_by_agency_year(multi_year_lake, Filters())
    health = exp.filter(pl.col("agency").str.contains("卫生"))
    assert health["agency"].unique().to_list() == ["株洲市卫生健康委员会"]
    assert health["year"].to_list() == [2022, 2023, 2024]
    # the documents list keeps the names as printed
    assert "株洲市卫生局" in read.documents.documents(multi_year_lake)["agency"].to_list()
