"""The first visit of a fresh server: the lake's flags (every rule over every document, minutes on a national
lake) are computed in the background, and the page is drawn without them instead of staying blank below its
title; a notice says they are coming, and the page draws them once they are in."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from drive import TIMEOUT, assert_ok, open_app

from fiscal import read
from pages import _common, _zh


def _texts(at: Any) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.subheader])


class SlowFlags:
    """The lake's flags take until `release` is set (as a national lake's first computation does)."""

    def __init__(self) -> None:
        self.release, self.done = threading.Event(), threading.Event()


@pytest.fixture
def slow_flags(monkeypatch: pytest.MonkeyPatch) -> Iterator[SlowFlags]:
    slow = SlowFlags()
    real = read.flags.all_flags

    def all_flags(lake: Path, params: Any = None) -> Any:
        slow.release.wait(TIMEOUT)
        try:
            return real(lake, params)
        finally:
            slow.done.set()

    monkeypatch.setattr(read.flags, "all_flags", all_flags)
    monkeypatch.setattr(_common, "FLAGS_WAIT_S", 0.2)  # the page stops waiting for them at once
    yield slow
    slow.release.set()


def test_the_overview_is_drawn_while_the_flags_are_computed(sample_lake: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           slow_flags: SlowFlags) -> None:
    lake = tmp_path / "lake"  # a lake version no earlier test computed flags for
    shutil.copytree(sample_lake, lake)
    at = open_app(lake, monkeypatch)
    text = _texts(at)
    assert _zh.STRINGS["flags_pending"] in text  # said once, where the findings will be
    assert text.count(_zh.STRINGS["flags_pending"]) == 1
    assert any(m.label.startswith("支出合计") for m in at.metric)  # the tiles that need no flags are there
    assert _zh.STRINGS["fi_top"] not in text

    slow_flags.release.set()
    assert slow_flags.done.wait(TIMEOUT)
    time.sleep(0.5)  # the worker hands its result over
    at.run()
    assert_ok(at)
    text = _texts(at)
    assert _zh.STRINGS["flags_pending"] not in text
    assert _zh.STRINGS["fi_top"] in text  # the findings box, drawn by the next run


def test_the_flags_page_waits_without_an_error(sample_lake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               slow_flags: SlowFlags) -> None:
    lake = tmp_path / "lake"
    shutil.copytree(sample_lake, lake)
    at = open_app(lake, monkeypatch)
    at.switch_page("pages/flags.py").run()
    assert_ok(at)  # "pending" is not a rule failure
    assert _zh.STRINGS["flags_pending"] in _texts(at)
