"""The 文档 page in a real browser: streamlit served as a subprocess, driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

sys.path.insert(0, str(ROOT / "tests" / "app"))
from tiny_lake import QUARANTINED, SOURCE_A, SOURCE_B, build_tiny_lake  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (make setup installs it)"),
]


def _free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    """Poll /_stcore/health until it answers ok; fail with the server log if it dies or stalls."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"streamlit not healthy after {timeout}s:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served over a tiny lake; the server is always stopped afterwards."""
    tmp = tmp_path_factory.mktemp("browser")
    lake = build_tiny_lake(tmp / "lake")
    port = _free_port()
    log = tmp / "streamlit.log"
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "LAKE_DIR": str(lake)},
                                stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_healthy(url, proc, log)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_documents_page_in_browser(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1800}, locale="zh-CN")
            page.goto(server, wait_until="domcontentloaded")
            expect(page.get_by_role("heading", name="文档")).to_be_visible(timeout=30_000)
            grids = page.locator('[data-testid="stDataFrame"]')
            expect(grids).to_have_count(2, timeout=30_000)  # documents + quarantine
            expect(page.get_by_text("单个文档报告")).to_be_visible()
            expect(page.get_by_text("隔离区", exact=True)).to_be_visible()
            # The data grid draws on a canvas; its cells are mirrored in an accessible table.
            docs_grid = grids.first
            for text in ("来源文件", "识别表格", SOURCE_A, SOURCE_B, "7 / 9"):
                expect(docs_grid.get_by_text(text, exact=True).first).to_be_attached()
            expect(grids.last.get_by_text(QUARANTINED, exact=True).first).to_be_attached()
            page.wait_for_timeout(500)  # let the canvas paint before the screenshot
            assert page.locator('[data-testid="stException"]').count() == 0
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "documents.png"), full_page=True)
        finally:
            browser.close()
