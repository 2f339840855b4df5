"""The cross-document pages (同类比较, 自评虚高指数, 披露质量) and the overview's quality tile, rendered
headless with AppTest over the sample lake and the tiny lake; their read functions in fiscal.read."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from drive import assert_ok, goto, metric_value, open_app  # noqa: F401 - shared AppTest helpers
from streamlit.testing.v1 import AppTest

from fiscal import read
from fiscal.filters import Filters

PAGES = {"pages/peers.py": "同类比较", "pages/inflation.py": "自评虚高指数", "pages/quality.py": "披露质量"}




def _captions(at: AppTest) -> list[str]:
    return [str(c.value) for c in at.caption]


def test_pages_render_over_the_sample_lake(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch)
    for page, title in PAGES.items():
        goto(at, page)
        assert at.title[0].value == title, page
    goto(at, "pages/quality.py")
    quality = read.across.quality(sample_lake, Filters())
    assert quality.height > 0
    mean = quality.get_column("score").mean()
    assert metric_value(at, "平均分") == f"{mean:.1f}"
    assert f"{quality.height} 份决算/预算" in _captions(at)
    assert any(s.value.startswith(quality.row(0, named=True)["agency"]) for s in at.subheader)  # the lowest's breakdown
    goto(at, "pages/inflation.py")
    idx = read.across.inflation(sample_lake, Filters())
    assert idx.height > 0
    latest = idx.filter(pl.col("year") == idx.get_column("year").max())
    assert metric_value(at, "最高指数") == f"{latest.get_column('index').max():.1f}"
    goto(at, "pages/peers.py")
    assert "各规则的触发率" in [s.value for s in at.subheader]
    # the rates table lists every registered rule
    rates = read.across.peers(sample_lake, Filters()).rates
    assert set(rates.get_column("rule")) >= {"full_score_low_execution", "peer_outlier"}
    # the overview carries the quality tile, linking to its page
    goto(at, "pages/overview.py")
    assert metric_value(at, "披露质量") == f"{mean:.1f}"


def test_a_filter_changes_the_numbers(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Choosing one agency in the sidebar (via the link) changes the quality and inflation figures shown."""
    quality = read.across.quality(sample_lake, Filters())
    by_agency = quality.group_by("agency_id").agg(pl.col("score").mean()).sort("score")
    assert by_agency.height > 1
    agency_id = by_agency.row(0, named=True)["agency_id"]
    at = open_app(sample_lake, monkeypatch)
    goto(at, "pages/quality.py")
    before = (metric_value(at, "平均分"), [c for c in _captions(at) if c.endswith(" 份决算/预算")])
    one = open_app(sample_lake, monkeypatch, agency=agency_id)
    goto(one, "pages/quality.py")
    mine = read.across.quality(sample_lake, Filters(agencies=(agency_id,)))
    after = (metric_value(one, "平均分"), [c for c in _captions(one) if c.endswith(" 份决算/预算")])
    assert after == (f"{mine.get_column('score').mean():.1f}", [f"{mine.height} 份决算/预算"])
    assert after != before
    # the inflation page: fewer agencies ranked under a province filter
    idx = read.across.inflation(sample_lake, Filters())
    provinces = idx.select(pl.col("region_code").str.slice(0, 2)).to_series().unique().to_list()
    if len(provinces) > 1:
        province = provinces[0] + "0000"
        narrowed = open_app(sample_lake, monkeypatch, province=province)
        goto(narrowed, "pages/inflation.py")
        sel = read.across.inflation(sample_lake, Filters(province=province))
        year = sel.get_column("year").max()
        assert f"{sel.filter(pl.col('year') == year).height} 个单位" in _captions(narrowed)


def test_peers_are_not_cut_by_the_filter(peer_lake: Path) -> None:
    """The comparison keeps the selection's peers from outside it, marked as not selected."""
    everything = read.across.peers(peer_lake, Filters()).comparison
    counts = everything.group_by("metric", "peer_group", "year").len().sort("len", descending=True)
    group = counts.row(0, named=True)
    assert group["len"] >= 5  # six 教育局 of one province and year
    rows = everything.filter((pl.col("metric") == group["metric"]) & (pl.col("peer_group") == group["peer_group"])
                             & (pl.col("year") == group["year"]))
    agency_id = rows.get_column("agency_id")[0]
    mine = read.across.peers(peer_lake, Filters(agencies=(agency_id,)))
    comp = mine.comparison.filter((pl.col("metric") == group["metric"]) & (pl.col("year") == group["year"])
                                     & (pl.col("peer_group") == group["peer_group"]))
    assert comp.height == rows.height  # the whole peer group, not only the chosen agency
    assert set(comp.filter(pl.col("selected")).get_column("agency_id")) == {agency_id}
    assert comp.filter(~pl.col("selected")).height == rows.height - comp.filter(pl.col("selected")).height
    # quartiles are the whole group's
    assert comp.get_column("median").unique().to_list() == rows.get_column("median").unique().to_list()


def test_pages_render_over_the_tiny_lake(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No projects and no peers: each page says so instead of failing."""
    at = open_app(tiny_lake, monkeypatch)
    for page, title in PAGES.items():
        goto(at, page)
        assert at.title[0].value == title
    goto(at, "pages/inflation.py")
    assert [i.value for i in at.info] == ["所选范围内没有绩效自评项目。"]
    goto(at, "pages/quality.py")
    assert metric_value(at, "平均分") != "—"
    goto(at, "pages/overview.py")
    metric_value(at, "披露质量")


def test_english_titles(tiny_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(tiny_lake, monkeypatch, lang="en")
    for page, title in {"pages/peers.py": "Peer comparison", "pages/inflation.py": "Self-score inflation index",
                        "pages/quality.py": "Disclosure quality"}.items():
        goto(at, page)
        assert at.title[0].value == title


def test_data_page_offers_the_flags_with_their_provenance(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """数据 → 异常标记: the selection's flags as a table with source page and stored PDF path."""
    try:
        flags = read.flags.select_flags(sample_lake, Filters(), read.flags.all_flags(sample_lake))
    except read.flags.RulesUnavailable:
        pytest.skip("the rule engine (fiscal.rules) is not installed")
    at = open_app(sample_lake, monkeypatch)
    goto(at, "pages/data.py")
    at.selectbox(key="da_dataset").set_value("flags").run()
    assert_ok(at)
    assert f"{flags.height:,} 行（筛选后）" in _captions(at)
    shown = at.dataframe[0].value
    assert {"doc_id", "source_name", "page"} <= set(shown.columns)
    assert "source_path" not in shown.columns  # the stored PDF's path is in the download, not on screen
    assert list(shown.columns)[-3:] == ["source_name", "page", "doc_id"]  # the figures in view, the file after


def test_the_peer_table_holds_numbers_and_drops_an_empty_judgement(sample_lake: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Values, medians and fences are numbers (sorting "8.44 万元" as text put it after "16.52 万元"); the rule
    table shows no 判断 column when no rule is noisy."""
    at = open_app(sample_lake, monkeypatch)
    goto(at, "pages/peers.py")
    assert_ok(at)
    frames = [d.value for d in at.dataframe]
    group = next(f for f in frames if "fence" in f.columns and "peer_group" in f.columns)
    assert all(str(group[c].dtype).startswith("float") for c in ("value", "median", "q3", "fence")), group.dtypes
    rates = next(f for f in frames if "flagged_selection" in f.columns)
    assert "judgement" not in rates.columns or rates["judgement"].astype(bool).any()


def _inflation_sources(lake: str) -> None:
    """The inflation rows as the page downloads them (drawn alone: AppTest.from_function)."""
    from pathlib import Path

    import streamlit as st

    from fiscal import read
    from fiscal.filters import Filters
    from pages.inflation import _sources

    st.session_state["lake_dir"] = lake
    st.dataframe(_sources(read.across.inflation(Path(lake), Filters())).select("agency", "source_name"))


def test_the_inflation_download_names_its_source_files(sample_lake: Path) -> None:
    """An index row traces to the self-evaluations it was computed from, like every other table's row (was: no file)."""
    at = AppTest.from_function(_inflation_sources, args=(str(sample_lake),), default_timeout=120)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    shown = at.dataframe[0].value
    assert len(shown) and all(str(s).endswith(".pdf") for s in shown["source_name"])


def _drawn_groups(rows: object) -> None:  # AppTest.from_function: builtins in the signature
    import streamlit as st

    from pages.peers import _drawn

    st.dataframe(_drawn(rows).select("peer_group").unique())


def test_a_national_chart_draws_the_groups_that_matter(monkeypatch: pytest.MonkeyPatch) -> None:
    """643 peer groups in one chart were one unreadable band: it draws 30, a chosen agency's and the outliers' first."""
    groups = [f"省{i:02d}·教育" for i in range(40)]
    rows = pl.DataFrame({"peer_group": groups, "selected": [g == "省39·教育" for g in groups],
                         "outlier": [g == "省38·教育" for g in groups]})
    at = AppTest.from_function(_drawn_groups, args=(rows,), default_timeout=60)
    at.run()
    drawn = set(at.dataframe[0].value["peer_group"])
    assert len(drawn) == 30 and {"省39·教育", "省38·教育"} <= drawn
    assert any("图中画出 30 个同类组" in c.value and "共 40 组" in c.value for c in at.caption)
