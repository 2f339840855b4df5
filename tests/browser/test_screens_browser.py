"""Every page in headless Chromium, both languages (issue #18): no Latin words in Chinese mode beyond
an allow-list, the table download holds the rows on screen, a bad link shows its notice.
Screenshots: artifacts/screenshots/screens_<page>_<lang>.png."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from browsing import WAIT_MS

from fiscal import export, read, store
from fiscal.filters import Filters

pytestmark = pytest.mark.browser

PAGES = ["", "composition", "sangong", "projects", "inflation", "quality", "data", "documents"]
ALLOWED = {"PDF", "CSV", "Excel", "XLSX", "ID", "data", "csv", "pdf", "xlsx", "zip", "UTF", "BOM", "GB", "T"}
# the main area's text without Material icon ligatures (their names are not shown as words)
TEXT_JS = """() => { const m = document.querySelector('[data-testid="stMain"]').cloneNode(true);
  m.querySelectorAll('[data-testid="stIconMaterial"], .material-symbols-rounded').forEach(e => e.remove());
  return m.innerText; }"""


@pytest.fixture(scope="module")
def server(sample_lake: Path, tmp_path_factory: pytest.TempPathFactory, serve_dashboard: Any) -> Iterator[str]:
    with serve_dashboard(sample_lake, tmp_path_factory.mktemp("screens")) as url:
        yield url


def _open(page: Any, url: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 3000})  # tall: the whole page in the screenshot
    page.goto(url)
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
    page.wait_for_timeout(1500)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def _printed_names(lake: Path) -> set[str]:
    """Latin words printed in the documents themselves (file names, agency names as printed)."""
    docs = store.read(lake, "documents")
    text = " ".join(docs.get_column("source_name").to_list() + docs.get_column("agency").to_list())
    return set(re.findall(r"[A-Za-z]+", text))


@pytest.mark.parametrize("name", PAGES)
def test_chinese_mode_is_chinese(server: str, chromium: Any, sample_lake: Path, shot: Any, name: str) -> None:
    page = chromium.new_page()
    try:
        _open(page, f"{server}/{name}")
        shot(page, f"screens_{name or 'overview'}_zh")
        assert page.locator('[data-testid="stException"]').count() == 0
        # document ids (hex) and template placeholders as printed (XXX局) are not words
        text = re.sub(r"[0-9a-f]{12,}…?|X{2,}", " ", page.evaluate(TEXT_JS))
        words = set(re.findall(r"[A-Za-z]{2,}", text))
        stray = words - ALLOWED - _printed_names(sample_lake)
        assert not stray, f"{name}: Latin words in Chinese mode: {sorted(stray)}"
        _open(page, f"{server}/{name}?lang=en")
        shot(page, f"screens_{name or 'overview'}_en")
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()


def test_sangong_download_is_the_table_on_screen(server: str, chromium: Any, sample_lake: Path) -> None:
    expected = read.sangong.sangong_trend(sample_lake, Filters()).by_agency
    page = chromium.new_page(accept_downloads=True)
    try:
        _open(page, f"{server}/sangong")
        with page.expect_download(timeout=WAIT_MS) as info:
            page.get_by_role("button", name="下载 CSV").first.click()
        with zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())) as zf:
            data = export.read_csv(zf.read("data.csv"))
            dictionary = export.read_csv(zf.read("数据字典.csv"))
    finally:
        page.close()
    assert data.height == expected.height
    assert data.get_column("决算数（万元）").sum() == pytest.approx(expected.get_column("actual").sum())
    assert dictionary.get_column("列名").to_list() == data.columns
    assert "final_account" not in " ".join(str(v) for v in data.row(0))


def test_bad_link_shows_a_notice(server: str, chromium: Any) -> None:
    page = chromium.new_page()
    try:
        _open(page, f"{server}/?years=abc&year=abc")
        text = page.evaluate(TEXT_JS) + page.locator('[data-testid="stSidebar"]').inner_text()
    finally:
        page.close()
    assert "未应用" in text and "abc" in text


def test_data_page_counts_once(sample_lake: Path) -> None:
    rows = read.documents.dataset_rows(sample_lake, Filters(city="431000"), "sangong")
    assert rows.select("agency_id", "year", "stage", "item").is_duplicated().sum() == 0
    assert isinstance(rows, pl.DataFrame)
