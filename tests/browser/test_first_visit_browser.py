"""The first visit of a fresh server (issue: a blank page below the title). On a fresh server, or after the
rules changed, the lake's flags are computed from every document (minutes on a national lake); the page
waited for them before drawing anything else, and with the toolbar's running indicator off nothing said so.
Now the page is drawn at once, the flags' place says they are coming, and they appear without a reload."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import NOT_RUNNING, VIEWPORT, WAIT_MS, full_shot, no_exception

from pages import _zh

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def fresh_server(sample_lake: Path, tmp_path_factory: pytest.TempPathFactory, serve_dashboard: Any) -> Iterator[str]:
    """A new server over a lake whose flags were never computed for the rules in force; the page does not wait
    for them at all (as when they take minutes)."""
    lake = tmp_path_factory.mktemp("fresh") / "lake"
    shutil.copytree(sample_lake, lake)
    for saved in (lake / "_cache").glob("flags*"):  # what the rules found last time, as after a rule update
        shutil.rmtree(saved) if saved.is_dir() else saved.unlink()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FISCAL_FLAGS_WAIT_S", "0")
        with serve_dashboard(lake, tmp_path_factory.mktemp("fresh_server")) as url:
            yield url


def test_the_first_visit_draws_the_page_and_then_its_findings(fresh_server: str, chromium: Any, shot: Any) -> None:
    from playwright.sync_api import expect

    page = chromium.new_page(viewport=VIEWPORT, locale="zh-CN")
    try:
        page.goto(fresh_server, wait_until="domcontentloaded")
        main = page.locator('[data-testid="stMain"]')
        expect(main.get_by_role("heading", name="总览", exact=True)).to_be_visible(timeout=WAIT_MS)
        # the tiles that need no flags are drawn whether or not the flags are in yet
        expect(main.get_by_text("支出合计", exact=False).first).to_be_visible(timeout=WAIT_MS)
        seen = page.wait_for_function(  # the flags' place: the notice, or already the findings
            "t => document.querySelector('[data-testid=stMain]').innerText.includes(t[0]) || "
            "document.querySelector('[data-testid=stMain]').innerText.includes(t[1])",
            arg=[_zh.STRINGS["flags_pending"], _zh.STRINGS["fi_top"]], timeout=WAIT_MS)
        assert seen
        # the findings come by themselves: no reload
        expect(main.get_by_role("heading", name=_zh.STRINGS["fi_top"])).to_be_visible(timeout=WAIT_MS * 3)
        expect(main.get_by_text(_zh.STRINGS["flags_pending"])).to_have_count(0, timeout=WAIT_MS)
        expect(page.locator(NOT_RUNNING)).to_have_count(1, timeout=WAIT_MS)
        no_exception(page)
        full_shot(page, shot, "first_visit_overview_zh")
    finally:
        page.close()
