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


def _draw_funds(row: dict[str, object]) -> None:
    """The projects page's funds table of one project, drawn alone (AppTest.from_function)."""
    from pages.projects import _funds

    _funds(row)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_projects_funds_show_each_line_beside_the_total(sample_lake: Path, lang: str) -> None:
    """郴州 p. 64: the form's 年度资金总额 prints 16.00 as 年初预算 over a 财政拨款 line of 16.40 (totals_mismatch):
    the chosen project shows both rows, the total last."""
    from streamlit.testing.v1 import AppTest

    from fiscal.filters import Filters

    projects = read.projects.projects(sample_lake, Filters())
    row = next((r for r in projects.iter_rows(named=True) if r["project"].startswith("建国初期参加革命工作退休人员")
                and r["budget_initial_fiscal"] is not None), None)
    if row is None:
        pytest.skip("the 郴州 self-evaluation is not in the lake")
    at = AppTest.from_function(_draw_funds, args=(row,), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    table = at.dataframe[0].value
    if lang == "zh":
        assert table["kind"].tolist() == ["财政拨款", "年度资金总额"]
    else:
        assert table["kind"].tolist() == ["Fiscal appropriation", "Annual funds (total)"]
    assert table["budget_initial"].tolist() == [16.40, 16.00]
    assert table["executed"].tolist() == [row["executed_fiscal"], row["executed"]]


def test_a_project_without_fund_lines_shows_no_funds_table() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_draw_funds, args=({"project": "甲", "budget_initial": 10.0,
                                                    "budget_full_year": 10.0, "executed": 9.0},), default_timeout=60)
    at.run()
    assert not at.exception and not at.dataframe
