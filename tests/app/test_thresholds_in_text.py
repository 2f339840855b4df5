"""A threshold a page's text names is the one in force (the rules' default, or the reader's from the flags page or the
link), never a number written into the sentence: the overview's low-execution count and the inflation index's term."""

from __future__ import annotations

from pathlib import Path

import pytest
from drive import goto, open_app

from fiscal import read


@pytest.fixture(autouse=True)
def _rules() -> None:
    try:
        read.flags.rule_catalog()
    except read.flags.RulesUnavailable:
        pytest.skip("the rule engine (fiscal.rules) is not installed")


def _captions(at: object) -> str:
    return "\n".join(str(c.value) for c in at.caption)  # type: ignore[attr-defined]


def test_the_overview_counts_below_the_rate_it_names(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch, thr="high_total_low_execution.max_rate=0.4")
    assert "其中执行率低于 40% 的" in _captions(at)  # was always 50%, whatever the count was taken at


def test_the_inflation_index_names_its_low_execution_rate(sample_lake: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch, thr="full_score_low_execution.low_rate=0.7")
    goto(at, "pages/inflation.py")
    assert "执行率低于 70% 却拿满执行分的项目占比" in _captions(at)  # was always 60%
    at = open_app(sample_lake, monkeypatch, lang="en")
    goto(at, "pages/inflation.py")
    low = read.flags.rule_params()["full_score_low_execution"]["low_rate"]
    assert f"projects under {low:.0%} execution" in _captions(at)
