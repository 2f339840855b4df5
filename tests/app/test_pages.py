"""Every dashboard page rendered headless with AppTest over the sample lake (samples/ + real PDFs)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from drive import assert_ok, goto, metric_value, open_app  # noqa: F401 - shared AppTest helpers
from streamlit.testing.v1 import AppTest

from fiscal import read, store
from fiscal.filters import Filters

PAGES = {
    "pages/overview.py": "总览",
    "pages/composition.py": "支出结构",
    "pages/sangong.py": "三公经费",
    "pages/projects.py": "项目绩效",
    "pages/flags.py": "异常标记",
    "pages/data.py": "数据",
    "pages/documents.py": "文档",
}
EN_TITLES = {"pages/overview.py": "Overview", "pages/sangong.py": "Three public expenses"}




def _texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.title, *at.subheader, *at.caption, *at.markdown, *at.info, *at.warning)]
    return "\n".join(str(p) for p in parts)


def _agency_with_expenditure(lake: Path) -> tuple[str, str]:
    """(agency_id, agency) of an agency with an expenditure total, and not the only one."""
    exp = read.spending.expenditure_by_agency_year(lake, Filters())
    assert exp.get_column("agency_id").n_unique() > 1
    row = exp.sort("total", descending=True).row(0, named=True)
    return row["agency_id"], row["agency"]


def test_every_page_renders(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch)
    for page, title in PAGES.items():
        goto(at, page)
        assert at.title[0].value == title, page
        assert not [i.value for i in at.info if "make lake" in i.value], page


def test_overview_tiles_and_filter(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Selecting one agency in the sidebar changes the overview's expenditure total."""
    at = open_app(sample_lake, monkeypatch)
    labels = [m.label for m in at.metric]
    for prefix in ("支出合计", "基本支出占比", "三公经费", "绩效自评项目", "异常标记", "文档"):
        assert any(label.startswith(prefix) for label in labels), labels
    before = metric_value(at, "支出合计")
    docs_before = metric_value(at, "文档")
    agency_id, agency = _agency_with_expenditure(sample_lake)
    at.multiselect(key="f_agencies").set_value([agency_id]).run()
    assert_ok(at)
    after = metric_value(at, "支出合计")
    assert after != before
    assert metric_value(at, "文档") != docs_before
    assert at.query_params["agency"] == agency_id  # the link reproduces the view
    # the figure shown is the agency's own total for the year shown
    exp = read.spending.expenditure_by_agency_year(sample_lake, Filters(agencies=(agency_id,)))
    year = int(at.metric[0].label.split("（")[1][:4])
    total = exp.filter(pl.col("year") == year).get_column("total").sum()
    assert after.startswith(f"{total:,.2f}"), (after, total, agency)


def test_filters_from_url_and_kept_across_pages(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A link with ?province=… opens with that filter; switching pages keeps it."""
    docs = store.read(sample_lake, "documents")
    province = docs.filter(pl.col("region_code").str.starts_with("32")).height
    assert province, "the sample lake has no 江苏 documents"
    at = open_app(sample_lake, monkeypatch, province="320000")
    assert at.selectbox(key="f_province").value == "320000"
    assert metric_value(at, "文档") == f"{province:,}"
    for page in ("pages/sangong.py", "pages/data.py", "pages/overview.py"):
        goto(at, page)
        assert at.selectbox(key="f_province").value == "320000", page
    assert metric_value(at, "文档") == f"{province:,}"
    assert at.query_params["province"] == "320000"


def test_sangong_counts_split_publications_once(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """江苏 publishes narrative and tables as two PDFs: the 三公 total is the table's, once."""
    at = open_app(sample_lake, monkeypatch, province="320000")
    goto(at, "pages/sangong.py")
    text = _texts(at)
    trend = read.sangong.sangong_trend(sample_lake, Filters(province="320000"))
    by_agency = trend.by_agency
    # one value per agency-year even though two documents describe it
    assert by_agency.select("agency_id", "year").is_duplicated().sum() == 0
    for s in trend.statements:
        assert f"{s['year']}年" in text
        assert f"{s['amount']:,.2f}" in text


def test_composition_and_year_choice(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch)
    goto(at, "pages/composition.py")
    assert at.get("plotly_chart"), "no chart on the composition page"
    year = at.selectbox(key="co_year")
    before = at.caption[0].value
    other = [y for y in year.options if str(y) != str(year.value)][0]
    year.set_value(int(other)).run()
    assert_ok(at)
    assert at.caption[0].value != before


def test_projects_page_search(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch)
    goto(at, "pages/projects.py")
    projects = read.projects.projects(sample_lake, Filters())
    if projects.is_empty():
        assert "没有绩效自评项目" in _texts(at)
        return
    table = at.dataframe[0].value
    assert len(table) == projects.height
    name = projects.get_column("project")[0]
    at.text_input(key="pj_search").set_value(name[:4]).run()
    assert_ok(at)
    narrowed = at.dataframe[0].value
    assert 0 < len(narrowed) <= len(table)
    assert all(name[:4] in p or name[:4] in a for p, a in zip(narrowed["project"], narrowed["agency"], strict=True))


def test_flags_page_thresholds(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch)
    goto(at, "pages/flags.py")
    try:
        catalog = read.flags.rule_catalog()
    except read.flags.RulesUnavailable:
        assert "规则引擎未就绪" in _texts(at)
        return
    flags = read.flags.all_flags(sample_lake)
    if flags.is_empty():
        return
    assert at.get("image"), "the first flag's source page is not shown"
    count = [c.value for c in at.caption if c.value.startswith("共 ")][0]
    # raise a threshold so that rule flags less (or nothing changes if the rule has no hits)
    rule = next(r for r in catalog if r["rule"] == "high_total_low_execution")
    key = f"thr_high_total_low_execution_{next(iter(rule['params']))}"
    at.number_input(key=key).set_value(0.0).run()
    assert_ok(at)
    assert at.session_state["rule_params"], "changed threshold not kept"
    new_count = [c.value for c in at.caption if c.value.startswith("共 ")][0]
    assert isinstance(new_count, str) and isinstance(count, str)


def test_english_toggle(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch)
    at.toggle(key="lang_en").set_value(True).run()
    assert_ok(at)
    assert at.title[0].value == EN_TITLES["pages/overview.py"]
    assert at.query_params["lang"] == "en"
    goto(at, "pages/sangong.py")
    assert at.title[0].value == EN_TITLES["pages/sangong.py"]


def test_synthetic_banner(tiny_lake: Path, sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tiny lake's documents are marked synthetic: the 示例数据 banner shows; the real lake's are not."""
    at = open_app(tiny_lake, monkeypatch)
    assert any("示例数据" in w.value for w in at.warning)
    at = open_app(sample_lake, monkeypatch)
    real = store.read(sample_lake, "documents").get_column("synthetic").fill_null(False).sum() == 0
    assert real == (not any("示例数据" in w.value for w in at.warning))


def test_empty_lake_pages(empty_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(empty_lake, monkeypatch)
    for page in PAGES:
        if page == "pages/documents.py":
            continue
        goto(at, page)
        assert any("make lake" in i.value for i in at.info), page


def test_one_agency_name_in_two_regions_is_told_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A national lake prints 教育局 in many counties: the agency filter names each with its region."""
    from tiny_lake import build_twin_lake

    at = open_app(build_twin_lake(tmp_path / "lake"), monkeypatch)
    agencies = at.multiselect(key="f_agencies")
    assert sorted(agencies.options) == ["教育局（湖南省岳阳市）", "教育局（湖南省衡阳市）"]  # was: 教育局, 教育局
