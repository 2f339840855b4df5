"""The dashboard loads nothing from the internet: every request a page makes goes to the dashboard's own server
(the tab icon was fetched from fonts.gstatic.com)."""

from __future__ import annotations

from typing import Any

import pytest
from browsing import open_page

pytestmark = pytest.mark.browser

PAGES = {"": "总览", "projects": "项目绩效", "flags": "异常标记", "documents?lang=en": "Documents"}


@pytest.fixture(scope="module")
def server(demo_server: str) -> str:
    return demo_server


def test_no_request_leaves_the_dashboard(server: str, page: Any) -> None:
    outside: list[str] = []

    def only_local(route: Any) -> None:
        url = route.request.url
        if url.startswith((server, "data:", "blob:")):
            route.continue_()
        else:  # refused rather than fetched: the test must not depend on the network either
            outside.append(url)
            route.abort()

    page.route("**/*", only_local)
    for path, title in PAGES.items():
        open_page(page, f"{server}/{path}", title)
        page.wait_for_timeout(1000)  # the tab icon is asked for after the page has drawn
    assert outside == []
