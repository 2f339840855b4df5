"""自评虚高指数: agencies ranked by how generously they score their own projects (绩效自评), with the
index's components: full-marks share of indicators, spread of total scores, how little scores follow
execution, and projects with low execution scored full execution points."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from fiscal import read, scores
from fiscal.filters import Filters
from pages import _theme as theme
from pages._common import (
    across_score,
    cached,
    capped,
    chart,
    header_width,
    number,
    start_page,
    style,
    thresholds,
)
from pages._downloads import download_table
from pages._filters import url_select
from pages._i18n import joined, label, paren, pct, t

HIGH, MID = 60.0, 40.0  # colour bands of the index
BAND_COLORS = theme.BANDS


def _band(index: float | None) -> str:
    if index is None:
        return "low"
    index = round(index, 1)  # as the bar's label prints it: a "60.0" is red, whatever its next digit
    return "high" if index >= HIGH else "mid" if index >= MID else "low"


def terms_text() -> str:
    """The index's terms with their weights, as fiscal.scores.INFLATION_WEIGHTS holds them (40% …)."""
    rate = pct(thresholds().low_execution, 0)
    return joined(f"{t('in_term_' + term, rate=rate)}{paren(f'{weight * 100:g}%')}"
                  for term, weight in scores.INFLATION_WEIGHTS.items())


def _bars(rows: pl.DataFrame, year: int) -> None:
    """The year's agencies ranked by the index, highest on top."""
    ranked = rows.filter(pl.col("index").is_not_null()).sort("index")
    names = [f"{a}{paren(r)}" if dup else a for a, r, dup in zip(
        ranked.get_column("agency").to_list(), ranked.get_column("region").to_list(),
        ranked.get_column("agency").is_duplicated().to_list(), strict=True)]
    fig = go.Figure(go.Bar(
        y=names, x=ranked.get_column("index").to_list(), orientation="h",
        marker_color=[BAND_COLORS[_band(v)] for v in ranked.get_column("index").to_list()],
        text=[f"{v:.1f}" for v in ranked.get_column("index").to_list()], textposition="outside",
        customdata=[[pct(f), "—" if s is None else f"{s:.1f}", "—" if c is None else f"{c:+.2f}", n] for f, s, c, n in
                    ranked.select("full_weight_share", "score_spread", "score_exec_corr",
                                  "low_exec_full_score").iter_rows()],
        hovertemplate=("%{y}<br>" + t("in_index") + " %{x:.1f}<br>" + t("in_full_share") + " %{customdata[0]}<br>"
                       + t("in_spread") + " %{customdata[1]}<br>" + t("in_corr") + " %{customdata[2]}<br>"
                       + t("in_low_full") + " %{customdata[3]}<extra></extra>"),
    ))
    fig.update_layout(xaxis={"range": [0, 105], "title": {"text": t("in_index_axis")}}, showlegend=False)
    st.caption(t("in_bands", high=f"{HIGH:g}", mid=f"{MID:g}"))  # what the bar colours mean (no legend)
    chart(style(fig, height=max(260, 34 * ranked.height + 80)), key=f"in_bars_{year}")


TABLE_HEADERS = {"rank": "排名", "index": "自评虚高指数", "full_weight_share": "满分指标占比（%）",
                 "score_spread": "总分离散度（分）", "score_exec_corr": "得分与执行率相关系数",
                 "low_exec_full_score": "低执行满分项目（个）", "projects": "项目（个）", "indicators": "指标（个）",
                 "mean_score": "平均自评分（分）", "mean_exec_rate": "平均执行率（%）"}


def _sources(rows: pl.DataFrame) -> pl.DataFrame:
    """The rows with the files each index was computed from (source_name: an agency-year's self-evaluations, by
    name), so a downloaded row can be traced to its documents like every other table's."""
    if "doc_ids" not in rows.columns:
        return rows
    names = dict(cached(read.lake.selected_documents, f=Filters()).select("doc_id", "source_name").iter_rows())
    return rows.with_columns(pl.Series("source_name", ["；".join(names.get(d, d[:12]) for d in ids or [])
                                                       for ids in rows.get_column("doc_ids").to_list()],
                                       dtype=pl.String))


def _table(rows: pl.DataFrame, name: str, year: int | None = None) -> None:
    """Index, rank and the components per agency-year (of `year`, else all), with the download of these rows."""
    cols = ["rank", "agency", "year", "index", "full_weight_share", "score_spread", "score_exec_corr",
            "low_exec_full_score", "projects", "indicators", "mean_score", "mean_exec_rate"]
    download_table(_sources(rows), name, [c for c in [*cols[:2], "region", *cols[2:]] if c in rows.columns],
                   TABLE_HEADERS,
                   percent=("full_weight_share", "mean_exec_rate"), narrowed={"year": year})
    cc = st.column_config
    # on screen the index and its four terms; the counts and means behind them are in the download (twelve
    # columns pushed the table past the page)
    on_screen = [c for c in cols[:9] if c in rows.columns]
    shown = capped(rows).select(on_screen).with_columns(  # the share in %
        pl.col(c) * 100 for c in on_screen if c == "full_weight_share")
    low_full_help = t("in_low_full_help", rate=pct(thresholds().low_execution, 0))
    st.dataframe(shown, hide_index=True, width="stretch", placeholder="—", row_height=theme.row_height(2),
                 column_config={
                     "rank": cc.NumberColumn(t("in_rank"), format="%d", width=55),
                     "agency": cc.TextColumn(label("column", "agency"), width=170),
                     "year": cc.NumberColumn(label("column", "year"), format="%d", width=55),
                     "index": cc.ProgressColumn(t("in_index"), format="%.1f", min_value=0.0, max_value=100.0,
                                                width=110),
                     "full_weight_share": cc.ProgressColumn(t("in_full_share"), format=theme.PERCENT_COLUMN,
                                                            min_value=0.0, max_value=100.0, width=130,
                                                            help=t("in_full_share_help")),
                     "score_spread": cc.NumberColumn(t("in_spread"), format="%.1f", help=t("in_spread_help"),
                                                     width=header_width(t("in_spread"))),
                     "score_exec_corr": cc.NumberColumn(t("in_corr"), format="%+.2f", help=t("in_corr_help"),
                                                        width=header_width(t("in_corr"))),
                     "low_exec_full_score": cc.NumberColumn(t("in_low_full"), format="%d", help=low_full_help,
                                                            width=header_width(t("in_low_full"))),
                     "projects": cc.NumberColumn(t("in_projects"), format="%d", width=header_width(t("in_projects"))),
                 })


def main() -> None:
    """Draw the page."""
    start_page("in_title")
    st.caption(t("in_caption", terms=terms_text()))
    idx = across_score(read.across.inflation, thresholds())
    if idx is None:
        return
    if idx.is_empty():
        st.info(t("in_empty"))
        return
    years = sorted(idx.get_column("year").unique().to_list(), reverse=True)
    year = url_select(t("co_year"), years, "year", "in_year", years[0], width=160)
    rows = idx.filter(pl.col("year") == year).sort("rank", nulls_last=True)
    top = rows.row(0, named=True)
    cols = st.columns(3)
    cols[0].metric(t("in_top", year=year), f"{top['index']:.1f}" if top["index"] is not None else t("missing"),
                   help=t("in_index_help"))
    cols[0].caption(top["agency"])
    mean = number(rows.get_column("index").mean())
    cols[1].metric(t("in_mean"), f"{mean:.1f}" if mean is not None else t("missing"))
    cols[1].caption(t("in_agencies", n=rows.height))
    cols[2].metric(t("in_low_full_total"), f"{int(rows.get_column('low_exec_full_score').sum()):,}")
    cols[2].caption(t("in_projects_total", n=int(rows.get_column("projects").sum())))
    st.subheader(t("in_ranking", year=year))
    _bars(rows, year)
    st.subheader(t("in_components"))
    _table(rows, "inflation", year)
    st.page_link("pages/projects.py", label=t("in_to_projects"), icon=":material/fact_check:")
    if len(years) > 1:
        with st.expander(t("in_all_years")):
            _table(idx, "inflation_all")


if __name__ == "__main__":  # st.Page runs the file as __main__; tests import the bands
    main()
