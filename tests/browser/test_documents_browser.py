"""The 文档 page in a real browser: streamlit served as a subprocess, driven by Playwright."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import WAIT_MS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "app"))
from tiny_lake import QUARANTINED, SOURCE_A, SOURCE_B, build_tiny_lake  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, serve_dashboard: Any) -> Iterator[str]:
    """The dashboard served over a tiny lake; the server is always stopped afterwards."""
    tmp = tmp_path_factory.mktemp("browser")
    lake = build_tiny_lake(tmp / "lake")
    with serve_dashboard(lake, tmp) as url:
        yield url


def test_documents_page_in_browser(server: str, chromium: Any, shot: Any) -> None:
    from playwright.sync_api import expect

    page = chromium.new_page(viewport={"width": 1920, "height": 1400}, locale="zh-CN")
    try:
        page.goto(f"{server}/documents", wait_until="domcontentloaded")
        expect(page.get_by_role("heading", name="文档", exact=True)).to_be_visible(timeout=WAIT_MS)
        grids = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]')
        expect(grids).to_have_count(2, timeout=WAIT_MS)  # documents + quarantine
        expect(page.get_by_text("单个文档报告")).to_be_visible()
        expect(page.get_by_text("隔离区", exact=True)).to_be_visible()
        # The data grid draws on a canvas; its cells are mirrored in an accessible table.
        docs_grid = grids.first
        for text in ("来源文件", "识别表格", SOURCE_A, SOURCE_B, "7 / 9"):
            expect(docs_grid.get_by_text(text, exact=True).first).to_be_attached()
        expect(grids.last.get_by_text(QUARANTINED, exact=True).first).to_be_attached()
        page.wait_for_timeout(500)  # let the canvas paint before the screenshot
        assert page.locator('[data-testid="stException"]').count() == 0
        shot(page, "documents")
    finally:
        page.close()
