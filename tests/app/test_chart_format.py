"""Chart axes in pages/_theme.py (issue #18): amounts in Chinese number units (万/亿), never "80k"; percentages
with fixed decimals, growth signed."""

from __future__ import annotations

import plotly.graph_objects as go

from pages import _theme as theme


def test_amount_ticks_in_chinese_number_units() -> None:
    assert [theme.money_text(v) for v in (0, 2_500, 5_000, 10_000, 15_000, 120_000)] == \
        ["0", "2,500万", "5,000万", "1亿", "1.5亿", "12亿"]
    # English: 万元 × 10⁴ yuan, as m / bn
    assert [theme.money_text(v, "en") for v in (2.5, 2_500, 15_000, 120_000)] == ["25k", "25m", "150m", "1.2bn"]


def test_money_axis_round_ticks_cover_the_stacked_bars() -> None:
    fig = go.Figure()
    fig.add_bar(x=["2022", "2023"], y=[40_000, 50_000])
    fig.add_bar(x=["2022", "2023"], y=[30_000, 45_000])
    fig.update_layout(barmode="stack")
    theme.money_axis(fig, "y", "zh")
    ticks = list(fig.layout.yaxis.tickvals)
    assert ticks[0] == 0 and ticks[-1] >= 95_000 and len(ticks) <= 7
    assert all(text.endswith(("万", "亿")) or text == "0" for text in fig.layout.yaxis.ticktext)
    assert fig.layout.yaxis.title.text == "金额（元）"
    theme.money_axis(fig, "y", "en")
    assert fig.layout.yaxis.title.text == "Amount (yuan)" and "k" not in "".join(fig.layout.yaxis.ticktext[1:2])


def test_a_second_axis_and_horizontal_bars() -> None:
    fig = go.Figure()
    fig.add_bar(y=["a", "b"], x=[300.0, 820.0], orientation="h")
    fig.add_scatter(x=["a"], y=[0.9], yaxis="y2")
    theme.money_axis(fig, "x", "zh")
    assert list(fig.layout.xaxis.ticktext)[-1] in ("1,000万", "900万")


def test_percent_axes_have_fixed_decimals_and_signed_growth() -> None:
    fig = theme.percent_axis(go.Figure(), "y", decimals=1, signed=True)
    assert fig.layout.yaxis.tickformat == "+.1%"
    fig = theme.percent_axis(go.Figure(), "y", decimals=0, scaled=True)
    assert fig.layout.yaxis.tickformat == ".0f" and fig.layout.yaxis.ticksuffix == "%"
