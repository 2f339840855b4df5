"""Browser-test plumbing: the dashboard served as a subprocess over a given lake, and headless Chromium."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from browsing import VIEWPORT

from fiscal.serve import CHROMIUM, CHROMIUM_ARGS, ServerError, background

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@contextmanager
def serve(lake: Path, workdir: Path, secrets: str | None = None) -> Iterator[str]:
    """`streamlit run app.py` over `lake` on a free port; yields its URL; the server is always stopped.

    `secrets`: the text of a secrets.toml for this server only (sign-in, roles), written to `workdir`.
    """
    log = Path(tempfile.mkstemp(prefix="streamlit-", suffix=".log", dir=workdir)[1])
    path = None
    if secrets is not None:
        path = log.with_suffix(".toml")
        path.write_text(secrets, encoding="utf-8")
    try:
        with background(lake, log, path, timeout=60) as (_, url):
            yield url
    except ServerError as e:
        pytest.fail(str(e))


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright), shared by the tests of a module."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (make setup installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot as artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(scope="session")
def serve_dashboard() -> Any:
    """The `serve(lake, workdir)` context manager, for module fixtures that start a server."""
    return serve


@pytest.fixture(scope="session")
def demo_lake(sample_lake: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample lake plus 6 synthetic documents (one city, two agencies, three years); built once, read only."""
    from ingest import batch
    from samplegen import synthetic

    tmp = tmp_path_factory.mktemp("demo")
    lake = tmp / "lake"
    shutil.copytree(sample_lake, lake)
    pdfs = synthetic.build(6, tmp / "synthetic")
    report = batch.run([tmp / "synthetic"], lake, overrides={"synthetic": True}, workers=2)
    assert len(pdfs) == 6
    assert len(report.ingested) == 6, [o.rejected for o in report.quarantined]
    return lake


@pytest.fixture(scope="session")
def demo_server(demo_lake: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard over `demo_lake`, shared by the modules that only read it."""
    with serve(demo_lake, tmp_path_factory.mktemp("demo-server")) as url:
        yield url


@pytest.fixture(scope="session")
def sample_server(sample_lake: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard over the sample lake, shared by the modules that only read it."""
    with serve(sample_lake, tmp_path_factory.mktemp("sample-server")) as url:
        yield url


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A fresh browser page (own session) per test."""
    pg = chromium.new_page(viewport=VIEWPORT, locale="zh-CN", accept_downloads=True)
    try:
        yield pg
    finally:
        pg.close()


@pytest.fixture(scope="session")
def shot() -> Any:
    """The `screenshot(page, name)` helper."""
    return screenshot


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser is a browser test."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
