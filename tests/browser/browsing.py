"""Driving the dashboard in headless Chromium (Playwright): open a page, wait for the script run, screenshot."""

from __future__ import annotations

from typing import Any

VIEWPORT = {"width": 1440, "height": 1000}

# How long a test waits for the dashboard to draw something: generous, since these machines are shared
# (2 cores) and a loaded run draws a chart in tens of seconds; a quiet one in under two.
WAIT_MS = 60_000


# The app's script state as the page itself carries it. Not the toolbar's running indicator (stStatusWidget):
# with toolbarMode "minimal" (.streamlit/config.toml) it is never drawn, so waiting for it to go waited for nothing.
NOT_RUNNING = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def settle(page: Any) -> None:
    """Wait for the script run to finish."""
    from playwright.sync_api import expect

    expect(page.locator(NOT_RUNNING)).to_have_count(1, timeout=WAIT_MS)
    page.wait_for_timeout(300)


def open_page(page: Any, url: str, title: str) -> None:
    """Load a page and wait until its title is drawn and the app has stopped running."""
    from playwright.sync_api import expect

    page.goto(url, wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name=title, exact=True).first).to_be_visible(timeout=WAIT_MS)
    settle(page)


def full_shot(page: Any, shot: Any, name: str) -> None:
    """Screenshot the whole page: the app scrolls inside its main block, so grow the viewport to fit."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(max(height + 40, VIEWPORT["height"]), 6000)})
    page.wait_for_timeout(1000)  # plotly and the data grids redraw at the new size
    shot(page, name)
    page.set_viewport_size(VIEWPORT)


def no_exception(page: Any) -> None:
    """No exception box and no error page."""
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("This app has encountered an error").count() == 0


# Every shown table's content width and visible width (a grid still drawing has no scroller yet: 0; one in a closed
# expander is not shown). A grid with a vertical scrollbar lends it a few pixels of its width: SLACK.
GRIDS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]'))
  .filter(e => e.checkVisibility())
  .map(e => { const s = e.querySelector('.dvn-scroller'); return s ? [s.scrollWidth, s.clientWidth] : [0, 0]; })"""
SLACK = 12


def wide_tables(page: Any, waiting: tuple[str, ...] = (), skip: int = 0) -> list[list[int]]:
    """The shown tables whose columns do not fit the page's width, as (content, visible) pixels: a reader would
    scroll them sideways. Waits until no `waiting` text is left (the flags still being computed) and every table
    is drawn; `skip`: leave out the first tables (the 数据 page's dataset rows, as wide as the dataset)."""
    from playwright.sync_api import expect

    for text in waiting:
        expect(page.get_by_text(text)).to_have_count(0, timeout=WAIT_MS * 3)
    settle(page)
    page.wait_for_function(f"({GRIDS_JS})().every(g => g[1] > 0)", timeout=WAIT_MS)
    return [g for g in page.evaluate(GRIDS_JS)[skip:] if g[0] > g[1] + SLACK]
