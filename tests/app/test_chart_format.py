"""Chart axes in pages/_theme.py (issue #18): amounts in 万元 as published, the unit in the axis title, never "80k"
nor a yuan scale under a 万元 heading; percentages with fixed decimals, growth signed."""

from __future__ import annotations

import plotly.graph_objects as go

from pages import _theme as theme


def test_amount_ticks_in_wan_yuan_with_separators() -> None:
    assert [theme.money_text(v, 2_500) for v in (0, 2_500, 5_000, 10_000, 15_000, 120_000)] == \
        ["0", "2,500", "5,000", "10,000", "15,000", "120,000"]
    # small amounts keep the decimals of their step, no more
    assert [theme.money_text(v, 2.5) for v in (2.5, 7.5, 10)] == ["2.5", "7.5", "10.0"]
    assert [theme.money_text(v, 0.25) for v in (0.25, 1)] == ["0.25", "1.00"]


def test_money_axis_round_ticks_cover_the_stacked_bars() -> None:
    fig = go.Figure()
    fig.add_bar(x=["2022", "2023"], y=[40_000, 50_000])
    fig.add_bar(x=["2022", "2023"], y=[30_000, 45_000])
    fig.update_layout(barmode="stack")
    theme.money_axis(fig, "y", "zh")
    ticks = list(fig.layout.yaxis.tickvals)
    assert ticks[0] == 0 and ticks[-1] >= 95_000 and len(ticks) <= 7
    assert all(text.replace(",", "").isdigit() for text in fig.layout.yaxis.ticktext)  # 万元, no 万/亿/k
    assert fig.layout.yaxis.title.text == "金额（万元）"  # the unit of the headings and tables
    theme.money_axis(fig, "y", "en")
    assert fig.layout.yaxis.title.text == "Amount (10k yuan)" and "k" not in "".join(fig.layout.yaxis.ticktext)
    theme.money_axis(fig, "y", "zh", title="人均三公经费", unit="万元/人")
    assert fig.layout.yaxis.title.text == "人均三公经费（万元/人）"


def test_a_second_axis_and_horizontal_bars() -> None:
    fig = go.Figure()
    fig.add_bar(y=["a", "b"], x=[300.0, 820.0], orientation="h")
    fig.add_scatter(x=["a"], y=[0.9], yaxis="y2")
    theme.money_axis(fig, "x", "zh")
    assert list(fig.layout.xaxis.ticktext)[-1] in ("1,000", "900")


def test_percent_axes_have_fixed_decimals_and_signed_growth() -> None:
    fig = theme.percent_axis(go.Figure(), "y", decimals=1, signed=True)
    assert fig.layout.yaxis.tickformat == "+.1%"
    fig = theme.percent_axis(go.Figure(), "y", decimals=0, scaled=True)
    assert fig.layout.yaxis.tickformat == ".0f" and fig.layout.yaxis.ticksuffix == "%"


def test_each_class_of_a_stacked_bar_has_its_own_colour_and_the_smallest_share_grey() -> None:
    """Ten 类 and eight colours used to repeat: 201 and 205 both blue. The largest keep a colour each; the rest
    are one grey 其他."""
    import polars as pl

    from pages.composition import class_colors

    by_class = pl.DataFrame({"class": [f"2{i:02d} 类{i}" for i in range(1, 11)],
                             "amount": [float(100 - i) for i in range(1, 11)]})
    kept, colors = class_colors(by_class)
    assert len(set(colors.values())) == len(colors) == len(theme.SERIES)
    assert list(kept)[0] == "201 类1" and "210 类10" not in kept
    assert colors["其他"] == theme.MUTED and list(colors)[-1] == "其他"
    few = by_class.head(3)
    assert list(class_colors(few)[1]) == ["201 类1", "202 类2", "203 类3"]  # all shown when the palette suffices


def test_an_inflation_bar_takes_the_colour_of_the_index_it_prints() -> None:
    """A bar labelled 60.0 is in the ≥ 60 band, even when the index is 59.97 (the caption says ≥ 60 is red)."""
    from pages.inflation import HIGH, _band

    assert _band(HIGH - 0.03) == "high" and _band(HIGH - 0.06) == "mid" and _band(None) == "low"


def test_large_counts_in_text_have_separators_and_years_do_not() -> None:
    """A national lake's counts read 496,886, not 496886; a year stays 2024, and a string's own format is kept."""
    from pages._i18n import t

    assert t("fl_count_findings", n=682_916, k=496_886) == "共 682,916 条标记，归并为 496,886 项发现。"
    assert t("sg_statement", year=2024, agencies=3, stage="决算数", amount="1.00 万元").startswith("2024年，3 个单位")
    assert t("da_rows", n=401_820) == "401,820 行（筛选后）"


def test_a_national_total_fits_its_tile() -> None:
    """68,043,423.53 万元 was cut at the tile's edge: from a million 万元 on a tile shows whole 万元."""
    from pages.overview import _money

    assert _money(68_043_423.53) == "68,043,424 万元" and _money(95_258.47) == "95,258.47 万元"
