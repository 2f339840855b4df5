"""The dashboard in headless Chromium over the sample lake plus a few synthetic documents.

Each page loads without an exception (screenshots in artifacts/screenshots/), a sidebar
filter changes a chart, the CSV download of a filtered table is exactly the filtered
rows, and a flag shows its source page rendered from the stored PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from browsing import WAIT_MS, full_shot, no_exception, open_page, settle

from fiscal import export, read, store
from fiscal.filters import Filters

pytestmark = pytest.mark.browser

PAGES = {  # url path → title
    "": "总览",
    "composition": "支出结构",
    "sangong": "三公经费",
    "projects": "项目绩效",
    "flags": "异常标记",
    "data": "数据",
    "documents": "文档",
}
CHART_PAGES = {"", "composition", "sangong", "projects"}


@pytest.fixture(scope="module")
def server(demo_server: str) -> str:
    return demo_server


def test_every_page_loads(server: str, page: Any, shot: Any) -> None:
    from playwright.sync_api import expect

    for path, title in PAGES.items():
        open_page(page, f"{server}/{path}", title)
        if path in CHART_PAGES:
            expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_attached(timeout=WAIT_MS)
        no_exception(page)
        expect(page.get_by_text("示例数据").first).to_be_visible()  # the banner: synthetic documents are in view
        full_shot(page, shot, path or "overview")
    # the English toggle, from the URL
    open_page(page, f"{server}/sangong?lang=en", "Three public expenses")
    no_exception(page)
    full_shot(page, shot, "sangong_en")


def _chart_text(page: Any) -> str:
    """The text drawn in the first chart (bar labels, ticks)."""
    return page.locator('[data-testid="stPlotlyChart"] .main-svg').first.text_content() or ""


def test_filter_change_updates_chart(server: str, page: Any, demo_lake: Path) -> None:
    from playwright.sync_api import expect

    open_page(page, f"{server}/", "总览")
    before = _chart_text(page)
    agency = store.read(demo_lake, "documents").filter(pl.col("synthetic")).get_column("agency").sort()[0]
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    box.click()
    page.keyboard.type(agency)
    page.get_by_role("option", name=agency).first.click()
    page.keyboard.press("Escape")
    settle(page)
    expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).not_to_have_text(before, timeout=WAIT_MS)
    assert "agency=" in page.url  # the view is in the link
    no_exception(page)


def test_csv_download_equals_filtered_rows(server: str, page: Any, demo_lake: Path, shot: Any) -> None:
    docs = store.read(demo_lake, "documents").filter(pl.col("synthetic"))
    agency_id = docs.get_column("agency_id").sort()[0]
    f = Filters(agencies=(agency_id,))
    expected = export.export_rows(demo_lake, f, "sangong")  # the rows with their provenance (source_path)
    assert expected.height > 0
    open_page(page, f"{server}/data?agency={agency_id}", "数据")
    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="下载 CSV").click()
    download = info.value
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())) as zf:  # data.csv + 数据字典.csv
        data = zf.read("data.csv")
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    got = export.read_csv(data)
    assert got.height == expected.height
    assert set(got.get_column("单位ID").unique()) == {agency_id}
    assert download.suggested_filename.endswith(".zip")
    no_exception(page)


def test_flag_source_page_image(server: str, page: Any, demo_lake: Path, shot: Any) -> None:
    from playwright.sync_api import expect

    try:
        flags = read.flags.all_flags(demo_lake)
    except read.flags.RulesUnavailable:
        pytest.skip("the rule engine (fiscal.rules) is not installed")
    if flags.filter(pl.col("page").is_not_null()).is_empty():
        pytest.skip("no flag with a source page in the lake")
    open_page(page, f"{server}/flags", "异常标记")
    image = page.locator('[data-testid="stImage"] img').first
    expect(image).to_be_visible(timeout=WAIT_MS)
    page.wait_for_function("img => img.complete && img.naturalWidth > 200", arg=image.element_handle(),
                           timeout=WAIT_MS)
    expect(page.get_by_text("来源页面：").first).to_be_visible()
    no_exception(page)


def _metric(page: Any, label: str) -> str:
    """The value of the st.metric whose label starts with `label`."""
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text()


def _flag_count(page: Any) -> int:
    import re

    text = page.get_by_text(re.compile(r"共 \d+ 条标记")).first.inner_text()
    return int(re.search(r"共 (\d+) 条标记", text).group(1))



def _flagged_points(page: Any) -> int:
    """Projects drawn as flagged in the 项目绩效 scatter: the only trace with text labels."""
    from playwright.sync_api import expect

    expect(page.locator('[data-testid="stPlotlyChart"] .scatterlayer').first).to_be_attached(timeout=WAIT_MS)
    return page.locator('[data-testid="stPlotlyChart"] .scatterlayer .textpoint').count()


def test_one_threshold_moves_every_figure_that_depends_on_it(server: str, page: Any, demo_lake: Path,
                                                              shot: Any) -> None:
    """full_score_low_execution.low_rate changed on the flags page: flags, the projects chart and the
    inflation index all move, and the threshold travels in the URL to the other pages."""

    strict = "thr=full_score_low_execution.low_rate%3D0.99"
    docs = store.read(demo_lake, "documents")
    # 郴州市医疗保障局 2022: sixteen self-evaluated projects
    chenzhou = "agency=" + docs.filter(pl.col("agency") == "郴州市医疗保障局").get_column("agency_id")[0]
    open_page(page, f"{server}/flags", "异常标记")
    flags_before = _flag_count(page)
    open_page(page, f"{server}/inflation?{chenzhou}", "自评虚高指数")
    low_full_before = int(_metric(page, "低执行却得执行满分").replace(",", ""))
    open_page(page, f"{server}/projects?{chenzhou}", "项目绩效")
    points_before = _flagged_points(page)

    # change it in the UI, on the flags page
    open_page(page, f"{server}/flags", "异常标记")
    page.get_by_text("规则阈值").first.click()
    box = page.get_by_label("低执行率线").first  # the threshold by its Chinese name (low_rate)
    box.fill("0.99")
    box.press("Enter")
    settle(page)
    for _ in range(60):  # the rerun redraws the count: wait for it, not for the old text
        if _flag_count(page) != flags_before:
            break
        page.wait_for_timeout(500)
    assert _flag_count(page) > flags_before
    assert "low_rate%3D0.99" in page.url or "low_rate=0.99" in page.url  # the threshold is in the link
    shot(page, "flags_threshold_changed")

    # the same session's other pages follow (and so does a shared link)
    open_page(page, f"{server}/inflation?{chenzhou}&{strict}", "自评虚高指数")
    assert int(_metric(page, "低执行却得执行满分").replace(",", "")) > low_full_before
    open_page(page, f"{server}/projects?{chenzhou}&{strict}", "项目绩效")
    points_after = _flagged_points(page)
    assert points_after > points_before
    no_exception(page)
