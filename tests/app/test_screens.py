"""The dashboard does not mislead: one counting rule for screen and file, honest year-over-year
charts, links that report what they could not apply, Chinese mode in Chinese (issue #18)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import polars as pl
import pytest
from drive import open_app

from fiscal import export, read
from fiscal.filters import Filters, parse_params
from fiscal.read.sangong import same_agencies


def _bundle(data: bytes) -> tuple[pl.DataFrame, pl.DataFrame]:
    """data.csv and 数据字典.csv of a CSV download."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return export.read_csv(zf.read("data.csv")), export.read_csv(zf.read("数据字典.csv"))


def test_parse_params_reports_what_it_ignores() -> None:
    f, ignored = parse_params({"years": "abc", "kind": "final_account,nonsense", "province": "火星省"})
    assert f == Filters(kinds=("final_account",))
    assert {(i.param, i.reason) for i in ignored} == {("years", "bad_years"), ("kind", "bad_kind"),
                                                     ("province", "bad_region")}


def test_same_agencies_keeps_one_set_on_one_basis() -> None:
    rows = pl.DataFrame({"agency_id": ["a", "a", "a", "b", "b", "c", "d"],
                         "year": [2021, 2022, 2023, 2022, 2023, 2023, 2022],
                         "doc_kind": ["final_account"] * 5 + ["final_account", "budget"]})
    kept, basis = same_agencies(rows, "doc_kind")
    assert basis == "final_account"
    # 2022–2023 with a and b (4 agency-years) beats 2021–2023 with a alone (3)
    assert sorted(kept.select("agency_id", "year").rows()) == [("a", 2022), ("a", 2023), ("b", 2022), ("b", 2023)]
    assert same_agencies(rows.filter(pl.col("agency_id") == "c"), "doc_kind")[1] is None


def test_comparable_charts_match_the_like_for_like_tiles(sample_lake: Path) -> None:
    ov = read.spending.overview(sample_lake, Filters())
    comp = read.spending.expenditure_comparable(sample_lake, Filters())
    if comp.kind is None or ov.expenditure_change is None:
        pytest.skip("no agency spans two years in the sample lake")
    assert comp.by_year.get_column("agencies").n_unique() == 1  # the same agencies in every bar


def test_data_page_counts_one_document_once(sample_lake: Path) -> None:
    rows = read.documents.dataset_rows(sample_lake, Filters(city="431000"), "sangong")
    assert rows.get_column("doc_id").n_unique() <= rows.select("agency_id", "year").unique().height
    assert rows.select("agency_id", "year", "stage", "item").is_duplicated().sum() == 0
    hunan = Filters(province="430000")
    assert read.documents.dataset_rows(sample_lake, hunan, "projects").height == \
        read.projects.projects(sample_lake, hunan).height


def test_table_download_has_chinese_headers_values_and_dictionary(sample_lake: Path) -> None:
    trend = read.sangong.sangong_trend(sample_lake, Filters())
    cols = ["agency", "region", "year", "budget", "actual", "execution", "yoy"]
    headers = {"budget": "预算数（万元）", "actual": "决算数（万元）"}
    data = export.table_frame(trend.by_agency, cols, headers, percent=("execution", "yoy"))
    assert data.height == trend.by_agency.height
    assert "预算数（万元）" in data.columns and "文档ID" in data.columns and "页码" in data.columns
    assert data.get_column("决算数（万元）").sum() == pytest.approx(trend.by_agency.get_column("actual").sum())
    dictionary = export.table_dictionary(trend.by_agency, cols, headers, percent=("execution", "yoy"))
    got, got_dict = _bundle(export.to_bundle(data, dictionary))
    assert got.height == data.height and got_dict.get_column("列名").to_list() == data.columns
    rows = read.documents.dataset_rows(sample_lake, Filters(), "sangong")
    values = export.table_frame(rows, ["doc_kind", "stage"], values={"doc_kind": {"final_account": "决算"},
                                                                     "stage": {"actual": "决算数"}})
    assert "final_account" not in values.get_column("文档类型").to_list()


@pytest.mark.parametrize(("params", "expected"), [
    ({"years": "abc"}, "年度范围"),
    ({"province": "650000"}, "数据湖中没有"),
    ({"kind": "nonsense"}, "文档类型"),
])
def test_bad_link_shows_a_notice(sample_lake: Path, monkeypatch: pytest.MonkeyPatch, params: dict[str, str],
                                 expected: str) -> None:
    at = open_app(sample_lake, monkeypatch, **params)
    notices = [w.value for w in at.warning]
    assert any("未应用" in n and expected in n for n in notices), notices


def test_page_year_in_the_url(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch, year="abc")
    assert any("年度" in w.value and "abc" in w.value for w in at.warning), [w.value for w in at.warning]
    at = open_app(sample_lake, monkeypatch)
    assert at.query_params.get("year")  # the year shown is in the link


def test_data_page_dataset_in_the_url(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch)
    at.switch_page("pages/data.py")
    at.query_params["dataset"] = "nonsense"
    at.run()
    assert any("nonsense" in w.value and "未应用" in w.value for w in at.warning), [w.value for w in at.warning]
    at.selectbox(key="da_dataset").set_value("projects").run()
    assert at.query_params.get("dataset") in ("projects", ["projects"])
    shown = at.dataframe[0].value
    assert len(shown) == read.projects.projects(sample_lake, Filters()).height  # the rows the projects page counts


def test_wide_sangong_holds_the_same_figures(sample_lake: Path) -> None:
    from pages.data import table_rows

    rows = read.documents.dataset_rows(sample_lake, Filters(), "sangong")
    wide = table_rows("sangong", rows, "wide")
    items = [c for c in wide.columns if c not in rows.columns]
    assert wide.select(items).sum_horizontal().sum() == pytest.approx(rows.get_column("amount").sum())
    assert "因公出国（境）费" in items


def test_data_page_counts_each_line_once(sample_lake: Path) -> None:
    rows = read.documents.dataset_rows(sample_lake, Filters(city="431000"), "sangong")
    assert rows.select("agency_id", "year", "stage", "item").is_duplicated().sum() == 0
    assert isinstance(rows, pl.DataFrame)
