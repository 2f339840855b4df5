"""The 项目绩效 page (pages/projects.py) over the sample lake: what its chart says it shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from drive import goto, open_app

from fiscal import read
from fiscal.thresholds import Thresholds


def test_the_scatter_caption_gives_each_rule_its_own_threshold(sample_lake: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The shaded corner is high_total_low_execution's (max_rate, min_total), the named diamonds are
    full_score_low_execution's (low_rate): one threshold for both misdescribed the diamonds."""
    try:
        defaults = read.flags.rule_params()
    except read.flags.RulesUnavailable:
        pytest.skip("the rule engine (fiscal.rules) is not installed")
    at = open_app(sample_lake, monkeypatch, thr="full_score_low_execution.low_rate=0.7")
    goto(at, "pages/projects.py")
    caption = next(c.value for c in at.caption if c.value.startswith("阴影区域"))
    thr = Thresholds.parse(["full_score_low_execution.low_rate=0.7"])
    zone = defaults["high_total_low_execution"]
    assert thr.low_execution == 0.7 != defaults["full_score_low_execution"]["low_rate"]
    assert f"执行率低于 {zone['max_rate']:.0%}、总分不低于 {zone['min_total']:g} 分" in caption
    assert "执行率低于 70% 却得执行满分" in caption
    assert "低执行高总分" in caption and "低执行率却得满分" in caption  # each part names its rule


def test_the_scatter_caption_in_english(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        defaults = read.flags.rule_params()
    except read.flags.RulesUnavailable:
        pytest.skip("the rule engine (fiscal.rules) is not installed")
    at = open_app(sample_lake, monkeypatch, lang="en")
    goto(at, "pages/projects.py")
    caption = next(c.value for c in at.caption if c.value.startswith("Shaded"))
    zone, low = defaults["high_total_low_execution"], defaults["full_score_low_execution"]
    assert (f"(rule “High total, low execution”): execution below {zone['max_rate']:.0%} with a total of "
            f"{zone['min_total']:g} or more") in caption
    assert f"(rule “Full score, low execution”): execution below {low['low_rate']:.0%} with a full" in caption
