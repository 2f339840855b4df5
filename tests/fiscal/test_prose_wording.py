"""fiscal.rules.prose_wording and the sentence readings the thirteenth prose round mended (samplegen/
variants_prose_thirteenth.py draws them in whole documents): sentences as the rules see them (NFKC, no spaces)."""

from __future__ import annotations

import pytest

from fiscal.rules.prose import flat
from fiscal.rules.prose_figures import percentage_checks, stated_tolerance
from fiscal.rules.prose_wording import wording_checks


def test_a_rate_that_fits_the_change_the_other_way_blames_the_words():
    """2.22 万元，比上年决算增加 1.06 万元，增长 32.32%: 32.32 % is 1.06 ÷ (2.22 + 1.06), a fall — the words are the
    slip (comparison_wording_wrong), not the rate (the old rule said 应为 91.38 %, from a 上年 of 1.16)."""
    text = flat("公务接待费支出决算为2.22万元，完成预算的44.40%，比上年决算增加1.06万元，增长32.32%。")
    assert not percentage_checks(text, None, 2022)
    (got,) = wording_checks(text, None)
    assert got["reversed"] and got["actual"] == "减少" and got["first"] == pytest.approx(3.28)
    right = flat("公务接待费支出决算为2.22万元，比上年决算减少1.06万元，下降32.32%。")
    assert not wording_checks(right, None) and not percentage_checks(right, None, 2022)


def test_a_rate_fitting_neither_way_is_a_misstated_rate():
    """增加 1.06 万元，增长 50.00 %: neither 1.06 ÷ 1.16 nor 1.06 ÷ 3.28 — the rate is wrong, the words may be right."""
    text = flat("公务接待费支出决算为2.22万元，比上年决算增加1.06万元，增长50.00%。")
    assert percentage_checks(text, None, 2022) and not wording_checks(text, None)


def test_flat_said_of_last_year_and_this_year_named_by_words():
    """上年决算数为 6.82 万元，本年决算数为 6.22 万元，与上年持平: 本年 names this year as a printed year does (the old
    reading knew only 2022年 and let the 持平 pass)."""
    text = flat("“三公”经费财政拨款支出上年决算数为6.82万元，本年决算数为6.22万元，与上年持平。")
    (got,) = wording_checks(text, None)
    assert got["word"] == "持平" and got["actual"] == "减少"
    assert not wording_checks(flat("上年决算数为6.22万元，本年决算数为6.22万元，与上年持平。"), None)
    (swapped,) = wording_checks(flat("本年决算数为6.22万元，上年决算数为6.82万元，与上年持平。"), None)  # named: any order
    assert swapped["actual"] == "减少"


def test_a_share_naming_its_total():
    """占本年收入合计的 99.59 % after 本年收入合计 1,467.89 万元，其中：… is checked (the old pattern read only 占 Z%);
    占基本支出的 after 基本支出 too; a share of another total than the one the sentence opened with is not accused."""
    got = percentage_checks(flat("本年收入合计1,467.89万元，其中：财政拨款收入1,467.16万元，占本年收入合计的99.59%；"
                                 "其他收入0.73万元，占本年收入合计的0.05%。"), None)
    assert [c["printed"] for c in got] == [99.59]
    got = percentage_checks(flat("财政拨款基本支出970.13万元，其中：人员经费872.14万元，占基本支出的89.09%。"), None)
    assert [c["computed"] for c in got] == [89.90]
    assert not percentage_checks(flat("基本支出971.50万元，其中：人员经费872.14万元，占本年支出合计的59.39%。"), None)
    assert not percentage_checks(flat("本年支出合计1,468.53万元，其中：基本支出971.50万元，占总支出的66.15%。"), None)


def test_a_figure_in_yi_yuan_is_as_precise_as_printed():
    """0.15 亿元 stands for 1,450–1,550 万元; 1,500.00 万元 for itself; 1,468.53 元-converted figures as before."""
    assert stated_tolerance(1500.0, "亿元") == pytest.approx(50.0)
    assert stated_tolerance(1468.53, "亿元") == pytest.approx(0.01)  # 0.146853 亿元: printed to six decimals
    assert stated_tolerance(1500.0, "万元") == pytest.approx(0.5)


def test_a_completion_rate_after_the_final_figure_stated_first():
    """支出决算为 316,700.00 元，年初预算为 219,100.00 元，为年初预算的 154.5 %: 决算 before 预算 is read too (144.5 %)."""
    text = flat("支出决算为316,700.00元，年初预算为219,100.00元，为年初预算的154.5%。")
    assert [c["computed"] for c in percentage_checks(text, None)] == [144.55]
    assert not percentage_checks(flat("支出决算为316,700.00元，年初预算为219,100.00元，为年初预算的144.5%。"), None)
    # the rate of another budget than the one printed: not compared
    assert not percentage_checks(flat("支出决算为31.67万元，调整预算为30.00万元，完成年初预算的144.55%。"), None)


def test_last_years_figure_named_in_the_clause_of_a_change():
    """“…97.99万元，上年为90.00万元，比上年增加7.99万元，增长9.8%” / “上年决算3.28万元，本年决算2.22万元，较上年减少
    1.06万元，降幅为23.32%”: the rate is the change over the figure named last year's (the old reading found two
    figures and compared nothing)."""
    got = percentage_checks(flat("机关运行经费支出979,900.00元，上年为900,000.00元，比上年增加79,900.00元，增长9.8%。"),
                            None, 2022)
    assert [c["computed"] for c in got] == [8.88]
    got = percentage_checks(flat("公务接待费：上年决算3.28万元，本年决算2.22万元，较上年减少1.06万元，降幅为23.32%。"),
                            None, 2022)
    assert [c["computed"] for c in got] == [32.32]
    assert not percentage_checks(flat("公务接待费：上年决算3.28万元，本年决算2.22万元，较上年减少1.06万元，降幅为32.32%。"),
                                 None, 2022)


def test_growth_over_last_years_figure_printed_after_this_years():
    """“公务用车购置及运行维护费4.00万元，上年为2.94万元，比上年上升63.05%”: this year's figure first, last year's
    named after it; 本年…上年… in either order; a change printed after 比上年增加 is no year's figure."""
    got = percentage_checks(flat("其中：公务用车购置及运行维护费4.00万元，上年为2.94万元，比上年上升63.05%。"), None, 2022)
    assert [c["computed"] for c in got] == [36.05]
    assert not percentage_checks(flat("公务接待费2.22万元，上年为3.28万元，比上年下降32.32%。"), None, 2022)
    (got,) = wording_checks(flat("本年决算数为6.22万元，2021年决算数为6.82万元，比上年增加8.80%。"), None)
    assert got["actual"] == "减少"
    assert not percentage_checks(flat("本年支出4.00万元，比上年增加1.06万元，较上年增长36.05%。"), None, 2022)


def test_a_change_of_two_totals_stated_alike():
    """“收入预算总计461.49万元，支出预算总计461.49万元。” then “与2022年相比，收、支预算总计各增加189.48万元，增长96.66%”:
    the two figures are one (各增加), so the rate is checked (the old reading found two figures and compared nothing)."""
    before = flat("2023年收入预算总计461.49万元，支出预算总计461.49万元。")
    got = percentage_checks(flat("与2022年相比，收、支预算总计各增加189.48万元，增长96.66%。"), before, 2023)
    assert [c["computed"] for c in got] == [69.66]
    assert not percentage_checks(flat("与2022年相比，收、支预算总计各增加189.48万元，增长69.66%。"), before, 2023)
    two = flat("2023年收入预算总计461.49万元，支出预算总计450.00万元。")
    assert not percentage_checks(flat("与2022年相比增加189.48万元，增长96.66%。"), two, 2023)  # which one: unclear


def test_a_breakdown_after_a_sentence_stating_a_figure_and_its_change():
    """“…当年拨款461.49万元，比2022年预算数增加189.48万元，增长69.66%。” then “其中：社会保障和就业支出408.99万元，
    占86.22%”: the shares are of 461.49, the one figure that is not a change."""
    before = flat("2023年一般公共预算当年拨款461.49万元，比2022年预算数增加189.48万元，增长69.66%。")
    got = percentage_checks(flat("其中：社会保障和就业支出408.99万元，占86.22%；卫生健康支出17.80万元，占3.86%。"), before)
    assert [c["computed"] for c in got] == [88.62]


def test_a_label_naming_both_years_names_neither():
    """“与上年相比，本年收入1,467.89万元，支出1,468.53万元，比上年增长0.31%”: the first figure's words name 上年 and 本年
    — no pair of last year's and this year's figure is read, nothing is accused."""
    text = flat("与上年相比，本年收入1,467.89万元，支出1,468.53万元，比上年增长0.31%。")
    assert not percentage_checks(text, None, 2022) and not wording_checks(text, None)


def test_a_class_figure_after_zhuyao_yongyu_in_yi_yuan():
    """“主要用于卫生健康支出（类）0.18亿元”: the 类 figure after 用于 is read (the old pattern wanted no Chinese character
    before the name) and in 亿元 (read as 万元 or 元 only before), compared at its own precision: 0.14 亿元 stands for
    the table's 1,358.08 万元, 0.18 亿元 does not."""
    from fiscal.rules.prose_classes import _pattern

    pattern = _pattern({"卫生健康支出": "210"})
    assert pattern is not None
    m = pattern.search(flat("一般公共预算财政拨款支出0.15亿元，主要用于卫生健康支出（类）0.18亿元。"))
    assert m is not None and (m["name"], m[2], m[3]) == ("卫生健康支出", "0.18", "亿元")
    assert not pattern.search(flat("社会保障和就业支出（类）76.21万元"))  # 就业支出 alone is no name here
    assert abs(1400.0 - 1358.08) <= stated_tolerance(1400.0, "亿元") < abs(1800.0 - 1358.08)


@pytest.mark.parametrize("said", [
    "比上年增加23.12万元，增长幅度为6.10%", "比上年增加23.12万元，增长率为6.10%", "较上年增长23.12万元，增长6.10%",
    "较上年增加23.12万元（增长6.10%）", "较上年增加23.12万元，上升幅度6.10%", "较上年增加23.12万元，增长比例为6.10%",
    "同比增长6.10%，增加23.12万元", "比上年增长6.10%，增加23.12万元", "比上年增加23.12万元，增幅达6.10%"])
def test_a_rate_worded_any_way_is_checked(said):
    """增长幅度为 / 增长率为 / 增长比例为 / 增幅达 / （增长Z%） / 增长X万元 / the rate before its change: each is 23.12 ÷
    1,444.04 = 1.60 % (the old pattern knew 增加X万元，增长Z% alone and let 6.10 % pass)."""
    text = flat(f"2022年度财政拨款收入支出总计1,467.16万元，{said}。")
    (got,) = percentage_checks(text, None, 2022)
    assert got["computed"] == 1.60
    assert not percentage_checks(flat(f"2022年度财政拨款收入支出总计1,467.16万元，{said.replace('6.10', '1.60')}。"),
                                 None, 2022)


def test_a_fall_worded_with_its_extent_and_a_rise_said_rate_first():
    """下降幅度为 / 降幅达 / 减幅 are a fall's rate; “比上年增长32.32%，增加1.06万元” of a figure that fell is the words'
    slip (32.32 % = 1.06 ÷ 3.28), read with the rate first as with it after."""
    for said in ("下降幅度为23.32%", "降幅达23.32%", "减幅23.32%"):
        (got,) = percentage_checks(flat(f"公务接待费2.22万元，比上年减少1.06万元，{said}。"), None, 2022)
        assert got["computed"] == 32.32
    text = flat("公务接待费2.22万元，比上年增长32.32%，增加1.06万元。")
    (got,) = wording_checks(text, None)
    assert got["reversed"] and got["actual"] == "减少" and "增长32.32%" in got["clause"]
    assert not percentage_checks(text, None, 2022)


def test_a_class_figure_after_the_change_of_the_class_before_is_compared():
    """“社会保障和就业支出（类）76.21万元，较上年减少6.03万元，下降7.33%；卫生健康支出（类）1,385.08万元，…”: the 减少 of
    the clause before is not the 卫生健康支出's (the old check looked 8 characters back, over the “；”, and let 1,385.08
    pass, blaming its rate); a change, another year or 其中 said right before the class still are."""
    from fiscal.rules.prose_classes import not_this_years

    text = flat("按支出功能分类：社会保障和就业支出（类）76.21万元，较上年减少6.03万元，下降7.33%；卫生健康支出（类）"
                "1,385.08万元，较上年增加29.45万元，增长2.22%。")
    assert not not_this_years(text, text.index("卫生健康支出"), 2022)
    for said in ("比上年增加卫生健康支出", "其中：卫生健康支出", "2021年卫生健康支出"):
        text = flat(f"本年度{said}（类）1,358.08万元。")
        assert not_this_years(text, text.index("卫生健康支出"), 2022), said


def test_an_earlier_years_figure_compared_with_a_still_earlier_year():
    """“2021年度收入总计1,463.95万元，比2020年增加100.00万元，增长7.33%” in a 2022 决算: 1,463.95 is the later figure of its
    own comparison (100 ÷ 1,363.95 = 7.33 %), not last year's of this year's (the old check said 应为 6.83 %); a figure
    of last year with the change to this year stays read as before."""
    for text in ("2021年度收入总计1,463.95万元，比2020年增加100.00万元，增长7.33%。",
                 "上年收入总计1,463.95万元，比前年增加100.00万元，增长7.33%。"):
        assert not percentage_checks(flat(text), None, 2022), text
    (got,) = percentage_checks(flat("2021年度收入总计1,463.95万元，比2020年增加100.00万元，增长6.83%。"), None, 2022)
    assert got["computed"] == 7.33
    (got,) = percentage_checks(flat("（2021年度收入总计为1,463.95万元），增加4.58万元，增长0.13%。"), None, 2022)
    assert got["computed"] == 0.31 and got["figures"]["上年"] == 1463.95
