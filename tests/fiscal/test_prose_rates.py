"""Rates printed without their figures (fiscal/rules/prose_rates.py) and the slip of the pen a misprinted share's part
is (fiscal/rules/prose_parts.py), on folded sentences as the rules read them."""

from __future__ import annotations

import pytest

from fiscal.rules.prose_parts import digit_slip
from fiscal.rules.prose_rates import bare_rate_checks

PRIOR = "(说明:2021年度收入总计14,639,500.00元,比2020年度增加1,000,000.00元,增长7.33%。)"


@pytest.mark.parametrize("text", ["2022年度收入总计14,685,300.00元,收、支总计均较上年增长0.31%。",
                                  "与上年相比,收入总计增长0.3%。", "收入总计同比增长0.31%。"])
def test_a_rate_the_two_years_give_is_right(text):
    assert bare_rate_checks(text, [text, PRIOR], {"grand_total": (1468.53, "元")}, 2022) == []


@pytest.mark.parametrize("text", ["2022年度收入总计14,685,300.00元,收、支总计均较上年增长3.1%。",
                                  "与上年相比,收入总计增长3.1%。"])
def test_a_rate_the_two_years_do_not_give_is_raised(text):
    (check,) = bare_rate_checks(text, [text, PRIOR], {"grand_total": (1468.53, "元")}, 2022)
    assert check["printed"] == 3.1 and check["computed"] == pytest.approx(0.31)
    assert check["figures"] == {"上年": pytest.approx(1463.95), "本年": pytest.approx(1468.53)}


def test_without_last_years_figure_nothing_is_checked():
    """A document that states no 上年 total leaves its rate alone (the old behaviour, and the only safe one)."""
    text = "收入总计同比增长3.1%。"
    assert bare_rate_checks(text, [text], {"grand_total": (1468.53, "万元")}, 2022) == []


def test_a_figure_of_the_year_before_last_is_not_last_years():
    text = "收入总计同比增长3.1%。"
    older = "2020年度收入总计1,363.95万元。"
    assert bare_rate_checks(text, [text, older], {"grand_total": (1468.53, "万元")}, 2022) == []


@pytest.mark.parametrize(("a", "b", "slip"), [(971.03, 970.13, True), (18.70, 17.80, True), (1476.16, 1467.16, True),
                                              (418.09, 410.89, True), (23.30, 20.10, False), (971.03, 971.03, False),
                                              (97.13, 79.31, False), (97.13, 971.3, True)])
def test_a_slip_of_the_pen(a, b, slip):
    """One digit changed, two neighbours swapped, one left out (a point moved by a place): a misprint of the figure; anything else is not."""
    assert digit_slip(a, b) is slip


def test_the_fiscal_total_is_not_the_documents_total():
    """财政拨款收入支出总计…比上年增长1.60% is the 财政拨款 total's rate: the document's 收入总计 of last year is not its
    base (an earlier version read 支出总计 inside 财政拨款收入支出总计 and raised 应为 0.22%)."""
    text = "2022年度财政拨款收入支出总计1,467.16万元,比上年增长1.60%,增加23.12万元。"
    prior = "2021年度收入总计1,463.95万元,比2020年度增加100.00万元,增长7.33%。"
    assert bare_rate_checks(text, [text, prior], {"grand_total": (1468.53, "万元")}, 2022) == []
    other = "上年财政拨款收入支出总计1,444.04万元。"
    assert bare_rate_checks("收入总计同比增长3.1%。", [other], {"grand_total": (1468.53, "万元")}, 2022) == []
