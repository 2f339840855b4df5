"""Driving the app headless with Streamlit's AppTest: open it over a lake, switch pages, read metrics."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from fiscal import read, store
from fiscal.filters import Filters

APP = str(Path(__file__).resolve().parents[2] / "app.py")
# seconds one AppTest run may take: generous, as the suite shares two cores with Camelot, OCR and Chromium
TIMEOUT = 120


def open_app(lake: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    """The app over `lake`, first run done (optionally opened with URL query parameters)."""
    monkeypatch.setenv("LAKE_DIR", str(lake))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert_ok(at)
    return at


def assert_ok(at: AppTest) -> None:
    """No exception and no error box on the page."""
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def findings(lake: Path) -> pl.DataFrame:
    """The lake's findings, all of them, as the flag page lists them (skipped without the rule engine)."""
    try:
        flags = read.flags.select_flags(lake, Filters(), read.flags.all_flags(lake))
    except read.flags.RulesUnavailable:
        pytest.skip("the rule engine (fiscal.rules) is not installed")
    return read.findings.findings(flags, store.read(lake, "documents"))


def goto(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert_ok(at)
    return at


def metric_value(at: AppTest, prefix: str) -> str:
    """The value of the metric whose label starts with prefix."""
    found = [m.value for m in at.metric if m.label.startswith(prefix)]
    assert found, [m.label for m in at.metric]
    return found[0]
