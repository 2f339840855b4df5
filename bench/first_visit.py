"""First visit of every page in headless Chromium: seconds until the main content is drawn.

`python -m bench.first_visit [--lake DIR] [--url URL]`: serves LAKE (default: lake/) on a free
loopback port unless --url is given, warms the server with one visit per page, then prints,
per page, the time from navigation until the page title is drawn and the running indicator is gone
(the main content), and until no placeholder is left (every chart drawn: the chart library loads on
first use), for a new browser session (a reader's first visit on a warm server). Target: under 1.5 s
for the main content.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from fiscal.serve import CHROMIUM, CHROMIUM_ARGS, background

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("", "composition", "sangong", "projects", "flags", "peers", "inflation", "quality", "data", "documents")
TARGET = 1.5


def _visit(browser: object, url: str) -> tuple[float, float]:
    """Seconds from navigation until the main content is drawn (title, no script run in progress), and until
    every element is (no placeholder left: the chart library is loaded on first use, in a new session)."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})  # type: ignore[attr-defined]
    try:
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
        page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
        content = time.perf_counter() - start
        page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
        return content, time.perf_counter() - start
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    """Measure and print the first-visit time of every page."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lake", default=os.environ.get("LAKE_DIR", str(ROOT / "lake")))
    parser.add_argument("--url", help="an already running dashboard (else one is started)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with ExitStack() as stack:
        url = args.url or stack.enter_context(background(Path(args.lake), Path(os.devnull)))[1]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for name in PAGES:  # warm: the server's caches, not the browser's (each visit is a new session)
                _visit(browser, f"{url}/{name}")
            slow = 0
            for name in PAGES:
                seconds, complete = _visit(browser, f"{url}/{name}")
                slow += seconds > TARGET
                print(f"{name or 'overview':<12} {seconds:6.2f} s {'ok' if seconds <= TARGET else 'SLOW':<4}"
                      f"  (every chart drawn: {complete:5.2f} s)")
            browser.close()
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
