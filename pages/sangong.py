"""三公经费: composition by year, budget vs actual and execution, year-on-year change, agency ranking."""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from fiscal import read
from pages import _theme as theme
from pages._common import cached, capped, chart, money_column, number, start_page, style
from pages._downloads import download_table
from pages._filters import url_toggle
from pages._i18n import amount, label, labels, lang, pct, t, unit, word, years_text

PART_ORDER = ["overseas", "vehicle_purchase", "vehicle_operation", "vehicle_total", "reception"]


def _statements(trend: read.sangong.SangongTrend) -> None:
    """The "较上年增长/下降" sentences, one per year."""
    lines = []
    for s in trend.statements:
        stage, zero = word("stage", s["stage"]), s.get("zero", 0)
        if not s["agencies"]:  # every figure printed 0.00 or blank (a blank template too): no spending to count
            lines.append(f"- {t('sg_statement_none', year=s['year'], n=zero, stage=stage)}")
            continue
        text = t("sg_statement", year=s["year"], agencies=s["agencies"], stage=stage, amount=amount(s["amount"]))
        if zero:
            text += t("sg_statement_zero", n=zero, stage=stage)
        if s["change"] is not None:
            change = s["change"]
            direction = t("sg_up") if change > 0.0005 else t("sg_down") if change < -0.0005 else t("sg_flat")
            text += t("sg_statement_change", direction=direction, change=pct(abs(change)), n=s["comparable"])
        lines.append(f"- {text}")
    st.markdown("\n".join(lines))


def _bar_years(years: list[int], counts: dict[int, int]) -> list[str]:
    """Category labels: the year and how many agencies its bar holds."""
    return [f"{y}<br>{t('sg_bar_agencies', n=counts.get(y, 0))}" for y in years]


def _stacked(comp: read.sangong.SangongComparable, trend: read.sangong.SangongTrend, everyone: bool) -> None:
    """The parts stacked per year over the same agencies on one stage; or every agency, one bar per stage."""
    st.subheader(t("sg_stacked"))
    fig = go.Figure()
    if everyone or comp.stage is None:
        if comp.stage is None:
            st.caption(t("sg_none_same"))
        st.caption(t("sg_all_caption"))
        by_year = trend.by_year
        years = sorted(by_year.get_column("year").unique().to_list())
        series = {label("stage", stage): {r["year"]: r for r in by_year.filter(pl.col("stage") == stage)
                                                       .iter_rows(named=True)} for stage in ("budget", "actual")}
        theme.year_bars(fig, years, series, "amount", lambda r: t("sg_bar_agencies", n=r["agencies"]), unit())
    else:
        st.caption(t("sg_same_caption", n=comp.agencies, stage=word("stage", comp.stage),
                     years=years_text(comp.parts.get_column("year").unique().to_list())))
        df = comp.parts
        years = sorted(df.get_column("year").unique().to_list())
        for item in PART_ORDER:
            part = df.filter(pl.col("item") == item)
            if part.is_empty() or part.get_column("amount").sum() == 0:
                continue
            values = dict(part.select("year", "amount").iter_rows())
            name = label("sangong", item)
            fig.add_bar(x=[str(y) for y in years], y=[values.get(y, 0) for y in years], name=name,
                        hovertemplate="%{x}: %{y:,.2f} " + unit() + "<extra>" + name + "</extra>")
        fig.update_layout(barmode="stack")
    fig.update_layout(xaxis={"type": "category"})
    chart(theme.money_axis(style(fig, height=360), "y", lang()), key="sangong_stacked")


def _budget_actual(comp: read.sangong.SangongComparable) -> None:
    """Budget and actual per year over the agencies that published both, with the execution rate."""
    st.subheader(t("sg_budget_actual"))
    wide = comp.by_year
    if wide.is_empty():
        st.caption(t("sg_no_pairs"))
        return
    st.caption(t("sg_pairs_caption"))
    years = _bar_years(wide.get_column("year").to_list(), dict(wide.select("year", "agencies").iter_rows()))
    fig = go.Figure()
    for stage in ("budget", "actual"):
        name = label("stage", stage)
        fig.add_bar(x=years, y=wide.get_column(stage).to_list(), name=name,
                    hovertemplate="%{y:,.2f} " + unit() + "<extra>" + name + "</extra>")
    actual, budget = wide.get_column("actual").to_list(), wide.get_column("budget").to_list()
    rate = [a / b if b else None for a, b in zip(actual, budget, strict=True)]
    fig.add_scatter(x=years, y=rate, name=t("sg_execution"), yaxis="y2", mode="lines+markers+text",
                    text=[pct(r) if r is not None else "" for r in rate], textposition="top center",
                    textfont={"color": theme.GOOD_TEXT, "size": 13}, marker_color=theme.GOOD,
                    hovertemplate="%{y:.1%}<extra></extra>")
    # the bars in the lower part, the rate line and its labels in a band above them: no label over a bar
    top = max([1.2] + [r for r in rate if r is not None]) * 1.1
    fig.update_layout(yaxis2={"overlaying": "y", "side": "right", "tickformat": ".0%", "showgrid": False,
                              "range": [-1.3 * top, top], "showticklabels": False})  # each point says its rate
    fig.update_layout(barmode="group", xaxis={"type": "category"})
    theme.money_axis(fig, "y", lang())
    highest = max([0.0, *(v for v in [*actual, *budget] if v is not None)])
    fig.update_layout(yaxis={"range": [0, (highest or 1.0) * 1.75]})
    chart(style(fig, height=360), key="sangong_budget_actual")


TABLE_COLUMNS = ["agency", "region", "year", "budget", "actual", "execution", "yoy"]
TABLE_HEADERS = {"budget": "预算数（万元）", "actual": "决算数（万元）", "execution": "执行率（%）",
                 "yoy": "较上年（%）"}


def _table(by_agency: pl.DataFrame) -> None:
    """Agency-year table: budget, actual, execution, year-on-year change."""
    st.subheader(t("sg_by_agency"))
    view = by_agency.sort("year", "agency", descending=[True, False])
    download_table(view, "sangong", TABLE_COLUMNS, TABLE_HEADERS, percent=("execution", "yoy"))
    cc = st.column_config
    st.dataframe(
        capped(view).select(TABLE_COLUMNS).with_columns(pl.col("yoy") * 100, pl.col("execution") * 100),
        hide_index=True, placeholder="—", width="stretch",
        column_config={
            "agency": cc.TextColumn(label("column", "agency")),
            "region": cc.TextColumn(label("column", "region")),
            "year": cc.NumberColumn(label("column", "year"), format="%d"),
            "budget": money_column(label("stage", "budget")),
            "actual": money_column(label("stage", "actual")),
            "execution": cc.ProgressColumn(t("sg_execution"), format=theme.PERCENT_COLUMN, min_value=0,
                                           max_value=120),
            "yoy": cc.NumberColumn(t("sg_yoy"), format="%+.1f%%"),
        },
    )


def unchecked(left: pl.DataFrame, names: dict[str, str]) -> None:
    """The agency-years whose 三公 total rests on a table read only in part (fiscal.read.sangong leaves them out of
    every sum, trend and ranking): named, with the figure as read and the page it is on, to check by hand."""
    if left.is_empty():
        return
    with st.expander(t("sg_unchecked", n=left.height), icon=":material/help:"):
        st.caption(t("sg_unchecked_help"))
        cc = st.column_config
        shown = left.sort("year", "agency", descending=[True, False]).select(
            "agency", "region", "year", pl.col("stage").replace_strict(labels("stage"), default=pl.col("stage")),
            "amount", pl.col("doc_id").replace_strict(names, default=pl.col("doc_id")).alias("source_name"), "page")
        st.dataframe(shown, hide_index=True, placeholder="—", width="stretch", column_config={
            "agency": cc.TextColumn(label("column", "agency")), "region": cc.TextColumn(label("column", "region")),
            "year": cc.NumberColumn(label("column", "year"), format="%d"),
            "stage": cc.TextColumn(label("column", "stage")), "amount": money_column(t("sg_unchecked_amount")),
            "source_name": cc.TextColumn(label("column", "source_name")),
            "page": cc.NumberColumn(label("column", "page"), format="%d")})


def _ranking(trend: read.sangong.SangongTrend) -> None:
    """Agencies of the latest year, largest first."""
    ranking: pl.DataFrame = trend.ranking.filter(pl.col("value").is_not_null())
    if ranking.is_empty():
        return
    st.subheader(t("sg_ranking", year=trend.latest_year))
    st.caption(t("sg_ranking_caption", stage=word("stage", trend.stage)))
    df = ranking.head(20).reverse()
    yoy = [pct(v, signed=True) if v is not None else "" for v in df.get_column("yoy").to_list()]
    fig = px.bar(df.to_pandas(), x="value", y="agency", orientation="h", labels={"value": unit(), "agency": ""})
    fig.update_traces(text=yoy, textposition="outside", marker_color=theme.PRIMARY, cliponaxis=False,
                      hovertemplate="%{y}: %{x:,.2f} " + unit() + "<extra></extra>")
    fig.update_xaxes(range=[0, (number(df.get_column("value").max()) or 0.0) * 1.15])
    chart(theme.money_axis(style(fig, height=max(240, 60 + 34 * df.height)), "x", lang()), key="sangong_ranking")


def main() -> None:
    """Draw the page."""
    start_page("sg_title")
    trend = cached(read.sangong.sangong_trend)
    names = dict(cached(read.lake.selected_documents).select("doc_id", "source_name").iter_rows())
    if trend.rows.is_empty():  # nothing read with confidence: say why, and list what was read in part
        st.info(t("sg_only_unchecked") if trend.unchecked.height else t("sg_empty"))
        unchecked(trend.unchecked, names)
        return
    st.caption(t("sg_stage_note", stage=word("stage", trend.stage)))
    _statements(trend)
    comp = cached(read.sangong.sangong_comparable)
    everyone = url_toggle(t("sg_everyone"), "all", "sg_everyone")
    left, right = st.columns(2)
    with left:
        _stacked(comp, trend, everyone)
    with right:
        _budget_actual(comp)
    unchecked(trend.unchecked, names)
    _ranking(trend)
    _table(trend.by_agency)


if __name__ == "__main__":  # st.Page runs the file as __main__; tests draw its parts
    main()
