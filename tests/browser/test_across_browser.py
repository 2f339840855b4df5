"""The cross-document pages in headless Chromium: 同类比较, 自评虚高指数, 披露质量 and the overview's
quality tile load without an exception and show their ranking / score (screenshots in
artifacts/screenshots/); the 数据 page's downloads carry provenance and a 数据字典 sheet."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from browsing import WAIT_MS, full_shot, no_exception, open_page

from fiscal import export, read, store
from fiscal.filters import Filters

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(demo_server: str) -> str:
    return demo_server


def _metric_value(page: Any, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_inflation_page_ranks_agencies(server: str, page: Any, demo_lake: Path, shot: Any) -> None:
    from playwright.sync_api import expect

    idx = read.across.inflation(demo_lake, Filters())
    assert idx.height > 0
    year = idx.get_column("year").max()
    top = idx.filter(pl.col("year") == year).sort("index", descending=True).row(0, named=True)
    open_page(page, f"{server}/inflation", "自评虚高指数")
    expect(page.get_by_role("heading", name=f"{year}年单位排名")).to_be_visible()
    expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_attached(timeout=WAIT_MS)
    assert _metric_value(page, "最高指数") == f"{top['index']:.1f}"
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_contain_text(top["agency"], timeout=WAIT_MS)
    no_exception(page)
    full_shot(page, shot, "inflation")


def test_quality_page_shows_scores(server: str, page: Any, demo_lake: Path, shot: Any) -> None:
    from playwright.sync_api import expect

    q = read.across.quality(demo_lake, Filters())
    assert q.height > 0
    open_page(page, f"{server}/quality", "披露质量")
    assert _metric_value(page, "平均分") == f"{q.get_column('score').mean():.1f}"
    lowest = q.row(0, named=True)
    expect(page.get_by_role("heading", name=lowest["agency"]).first).to_be_visible()  # the lowest's breakdown
    expect(page.get_by_text("问题（含页码）")).to_be_visible()
    expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_attached(timeout=WAIT_MS)
    no_exception(page)
    full_shot(page, shot, "quality")


def test_peers_page_with_a_selected_agency(server: str, page: Any, demo_lake: Path, shot: Any) -> None:
    from playwright.sync_api import expect

    comp = read.across.peers(demo_lake, Filters()).comparison
    sizes = comp.group_by("metric", "peer_group", "year").len()
    biggest = comp.join(sizes.sort("len", descending=True).head(1), on=["metric", "peer_group", "year"])
    agency_id = biggest.get_column("agency_id")[0] if biggest.height else ""
    open_page(page, f"{server}/peers" + (f"?agency={agency_id}" if agency_id else ""), "同类比较")
    expect(page.get_by_role("heading", name="各规则的触发率")).to_be_visible()
    if biggest.height:
        expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_attached(timeout=WAIT_MS)
        expect(page.get_by_text("所选单位").first).to_be_attached()
    no_exception(page)
    full_shot(page, shot, "peers")
    open_page(page, f"{server}/peers", "同类比较")  # the whole lake, nothing highlighted
    no_exception(page)
    full_shot(page, shot, "peers_all")


def test_overview_quality_tile_links_to_its_page(server: str, page: Any, demo_lake: Path, shot: Any) -> None:
    from playwright.sync_api import expect

    q = read.across.quality(demo_lake, Filters())
    open_page(page, f"{server}/", "总览")
    assert _metric_value(page, "披露质量（平均分）") == f"{q.get_column('score').mean():.1f}"
    no_exception(page)
    full_shot(page, shot, "overview_quality")
    tile = page.locator('[data-testid="stVerticalBlockBorderWrapper"], [data-testid="stVerticalBlock"]').filter(
        has_text="披露质量（平均分）").last
    tile.get_by_role("link", name="查看").first.click()
    expect(page.get_by_role("heading", name="披露质量", exact=True)).to_be_visible(timeout=WAIT_MS)
    no_exception(page)


def test_downloads_carry_provenance_and_dictionary(server: str, page: Any, demo_lake: Path, shot: Any) -> None:
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    docs = store.read(demo_lake, "documents").filter(pl.col("synthetic"))
    agency_id = docs.get_column("agency_id").sort()[0]
    expected = export.export_rows(demo_lake, Filters(agencies=(agency_id,)), "sangong")
    assert expected.height > 0
    open_page(page, f"{server}/data?agency={agency_id}", "数据")
    expect(page.get_by_text("数据字典").first).to_be_visible()
    import zipfile

    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="下载 CSV").click()
    with zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())) as zf:  # data.csv + 数据字典.csv
        got = export.read_csv(zf.read("data.csv"))
        csv_dictionary = export.read_csv(zf.read("数据字典.csv"))
    assert got.height == expected.height
    # Chinese headers; the provenance of every row kept: document, file, page, stored PDF
    assert {"文档ID", "来源文件", "页码", "来源文件路径"} <= set(got.columns)
    assert got.get_column("来源文件路径").null_count() == 0
    for doc_id, path in got.select("文档ID", "来源文件路径").unique().iter_rows():
        assert path == f"_sources/{doc_id}.pdf" and (demo_lake / path).is_file()
    assert csv_dictionary.height == len(got.columns)  # one line per column of data.csv
    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="下载 Excel").click()
    wb = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert wb.sheetnames == ["sangong", "数据字典"]
    dictionary = [[c.value for c in row] for row in wb["数据字典"].iter_rows()]
    assert len(dictionary) - 1 == len(got.columns)
    no_exception(page)
