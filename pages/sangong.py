"""三公经费: composition by year, budget vs actual and execution, year-on-year change, agency ranking."""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from fiscal import read
from pages import _theme as theme
from pages._auth import require
from pages._common import cached, chart, ensure_navigation, require_documents, style
from pages._i18n import amount, label, pct, t, unit

PART_ORDER = ["overseas", "vehicle_purchase", "vehicle_operation", "vehicle_total", "reception"]


def _statements(trend: read.sangong.SangongTrend) -> None:
    """The "较上年增长/下降" sentences, one per year."""
    lines = []
    for s in trend.statements:
        text = t("sg_statement", year=s["year"], agencies=s["agencies"], stage=label("stage", s["stage"]),
                 amount=amount(s["amount"]))
        if s["change"] is not None:
            change = s["change"]
            direction = t("sg_up") if change > 0.0005 else t("sg_down") if change < -0.0005 else t("sg_flat")
            text += t("sg_statement_change", direction=direction, change=pct(abs(change)), n=s["comparable"])
        lines.append(f"- {text}")
    st.markdown("\n".join(lines))


def _stacked(parts: pl.DataFrame) -> None:
    """The three categories stacked per year (公务用车 split into 购置 and 运行)."""
    st.subheader(t("sg_stacked"))
    df = parts.group_by("year", "item").agg(pl.col("amount").sum()).sort("year")
    fig = go.Figure()
    years = sorted(df.get_column("year").unique().to_list())
    for item in PART_ORDER:
        part = df.filter(pl.col("item") == item)
        if part.is_empty() or part.get_column("amount").sum() == 0:
            continue
        values = dict(part.select("year", "amount").iter_rows())
        name = label("sangong", item)
        fig.add_bar(x=[str(y) for y in years], y=[values.get(y, 0) for y in years], name=name,
                    hovertemplate="%{x}: %{y:,.2f}<extra>" + name + "</extra>")
    fig.update_layout(barmode="stack", xaxis={"type": "category"}, yaxis={"title": unit()})
    chart(style(fig, height=360), key="sangong_stacked")


def _budget_actual(by_year: pl.DataFrame) -> None:
    """Budget and actual per year, with the execution rate."""
    st.subheader(t("sg_budget_actual"))
    wide = by_year.pivot(on="stage", index="year", values="amount", aggregate_function="first").sort("year")
    years = [str(y) for y in wide.get_column("year").to_list()]
    fig = go.Figure()
    for stage in ("budget", "actual"):
        if stage in wide.columns:
            name = label("stage", stage)
            fig.add_bar(x=years, y=wide.get_column(stage).to_list(), name=name,
                        hovertemplate="%{x}: %{y:,.2f}<extra>" + name + "</extra>")
    if "budget" in wide.columns and "actual" in wide.columns:
        rate = (wide.get_column("actual") / wide.get_column("budget")).to_list()
        fig.add_scatter(x=years, y=rate, name=t("sg_execution"), yaxis="y2", mode="lines+markers+text",
                        text=[pct(r) if r is not None else "" for r in rate], textposition="top center",
                        hovertemplate="%{x}: %{y:.1%}<extra></extra>")
        top = max([1.2] + [r for r in rate if r is not None])
        fig.update_layout(yaxis2={"overlaying": "y", "side": "right", "tickformat": ".0%", "showgrid": False,
                                  "range": [0, top * 1.1], "dtick": 0.2})
    fig.update_layout(barmode="group", xaxis={"type": "category"}, yaxis={"title": unit()})
    chart(style(fig, height=360), key="sangong_budget_actual")


def _table(by_agency: pl.DataFrame) -> None:
    """Agency-year table: budget, actual, execution, year-on-year change."""
    st.subheader(t("sg_by_agency"))
    view = by_agency.select("agency", "region", "year", "budget", "actual", "execution", "yoy").sort(
        "year", "agency", descending=[True, False])
    cc = st.column_config
    st.dataframe(
        view, hide_index=True, placeholder="—", width="stretch",
        column_config={
            "agency": cc.TextColumn(label("column", "agency")),
            "region": cc.TextColumn(label("column", "region")),
            "year": cc.NumberColumn(label("column", "year"), format="%d"),
            "budget": cc.NumberColumn(label("stage", "budget"), format="%,.2f"),
            "actual": cc.NumberColumn(label("stage", "actual"), format="%,.2f"),
            "execution": cc.ProgressColumn(t("sg_execution"), format="percent", min_value=0, max_value=1.2),
            "yoy": cc.NumberColumn(t("sg_yoy"), format="percent"),
        },
    )


def _ranking(trend: read.sangong.SangongTrend) -> None:
    """Agencies of the latest year, largest first."""
    ranking: pl.DataFrame = trend.ranking.filter(pl.col("value").is_not_null())
    if ranking.is_empty():
        return
    st.subheader(t("sg_ranking", year=trend.latest_year))
    st.caption(t("sg_ranking_caption", stage=label("stage", trend.stage)))
    df = ranking.head(20).reverse()
    yoy = [pct(v, signed=True) if v is not None else "" for v in df.get_column("yoy").to_list()]
    fig = px.bar(df.to_pandas(), x="value", y="agency", orientation="h", labels={"value": unit(), "agency": ""})
    fig.update_traces(text=yoy, textposition="outside", marker_color=theme.PRIMARY, cliponaxis=False,
                      hovertemplate="%{y}: %{x:,.2f}<extra></extra>")
    fig.update_xaxes(range=[0, float(df.get_column("value").max()) * 1.15])
    chart(style(fig, height=max(240, 60 + 34 * df.height)), key="sangong_ranking")


def main() -> None:
    """Draw the page."""
    require("view")  # before anything is read: sign-in and role, server-side
    ensure_navigation()
    st.title(t("sg_title"))
    require_documents()
    trend = cached(read.sangong.sangong_trend)
    if trend.rows.is_empty():
        st.info(t("sg_empty"))
        return
    st.caption(t("sg_stage_note", stage=label("stage", trend.stage)))
    _statements(trend)
    left, right = st.columns(2)
    with left:
        _stacked(trend.parts)
    with right:
        _budget_actual(trend.by_year)
    _ranking(trend)
    _table(trend.by_agency)


main()
