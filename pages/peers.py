"""同类比较: each selected agency against its peers (same province × agency type × year), the values
beyond the IQR fence, and how often each anomaly rule fires (so a reader can judge a flag)."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from fiscal import read
from pages import _theme as theme
from pages._common import (
    across_score,
    capped,
    chart,
    filters,
    header_width,
    number,
    start_page,
    style,
    thresholds,
)
from pages._downloads import download_table
from pages._i18n import agency_type_name, joined, label, labels, lang, paren, pct, t, unit
from pages._peer_evidence import PERCENT_METRICS, fmt, group_name

METRICS = ("sangong_actual", "sangong_per_staff", "sangong_growth", "exec_rate_mean", "self_score_mean")
PEER_COLOR, SELECTED_COLOR, FENCE_COLOR, BOX_COLOR = theme.MUTED, theme.ACCENT, theme.ALERT, theme.PRIMARY


def _group_names(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with its peer_group column named in the reader's language (on the script thread)."""
    if "peer_group" not in frame.columns or lang() == "zh":
        return frame
    return frame.with_columns(pl.Series("peer_group", [group_name(g) for g in frame.get_column("peer_group")],
                                        dtype=pl.String))


def _verdict(outlier: bool | None) -> str:
    return t("pe_unjudged") if outlier is None else t("pe_outlier") if outlier else t("pe_inside")


# A chart draws at most this many peer groups (a national lake's 643 groups of one year were one unreadable band)
MAX_GROUPS = 30


def _drawn(rows: pl.DataFrame) -> pl.DataFrame:
    """The rows of the groups the chart draws: those holding a selected agency, then those with the most values
    beyond the fence, then the largest; a note says how many are left out (the table below lists them all)."""
    groups = rows.group_by("peer_group").agg(pl.col("selected").any().alias("_sel"),
                                             pl.col("outlier").fill_null(False).sum().alias("_out"), pl.len())
    if groups.height <= MAX_GROUPS:
        return rows
    keep = groups.sort(["_sel", "_out", "len", "peer_group"], descending=[True, True, True, False]).head(MAX_GROUPS)
    st.caption(t("pe_chart_cut", n=MAX_GROUPS, total=groups.height))
    return rows.filter(pl.col("peer_group").is_in(keep.get_column("peer_group").implode()))


def _strip(rows: pl.DataFrame, metric: str) -> None:
    """Per peer group: the box of its values, every peer as a dot (selected agencies highlighted), the fence."""
    rows = _drawn(rows)
    scale = 100.0 if metric in PERCENT_METRICS else 1.0
    groups = rows.select("peer_group", "peers", "fence", "q1", "median", "q3").unique("peer_group").sort("peer_group")
    names = {g: f"{group_name(g)}{paren(n)}" for g, n in groups.select("peer_group", "peers").iter_rows()}
    fig = go.Figure()
    for g, q1, med, q3 in groups.select("peer_group", "q1", "median", "q3").iter_rows():
        # a box drawn from the group's own quartiles (the same numbers the fence is computed from)
        values = rows.filter(pl.col("peer_group") == g).get_column("value")
        low, high = number(values.min()), number(values.max())
        fig.add_trace(go.Box(
            x=[names[g]], q1=[q1 * scale], median=[med * scale], q3=[q3 * scale],
            lowerfence=[(q1 if low is None else low) * scale], upperfence=[(q3 if high is None else high) * scale],
            name=t("pe_box"), legendgroup="box", showlegend=g == groups.get_column("peer_group")[0],
            marker_color=BOX_COLOR, fillcolor="rgba(47,111,143,0.12)", boxpoints=False, hoverinfo="skip"))
    series = ((False, t("pe_peers"), PEER_COLOR, 8), (True, t("pe_selected"), SELECTED_COLOR, 12))
    for selected, name, color, size in series:
        part = rows.filter(pl.col("selected") == selected)
        if part.is_empty():
            continue
        fig.add_trace(go.Scatter(
            x=[names[g] for g in part.get_column("peer_group").to_list()],
            y=(part.get_column("value") * scale).to_list(), mode="markers", name=name,
            marker={"color": color, "size": size, "line": {"width": 1, "color": theme.WHITE},
                    "symbol": ["diamond" if o else "circle" for o in part.get_column("outlier").fill_null(False)]},
            text=part.get_column("agency").to_list(),
            customdata=[[fmt(metric, v), _verdict(o)] for v, o in part.select("value", "outlier").iter_rows()],
            hovertemplate="%{text}<br>%{customdata[0]} · %{customdata[1]}<extra></extra>"))
    fenced = groups.filter(pl.col("fence").is_not_null())
    if fenced.height:
        fig.add_trace(go.Scatter(
            x=[names[g] for g in fenced.get_column("peer_group").to_list()],
            y=(fenced.get_column("fence") * scale).to_list(), mode="markers", name=t("pe_fence"),
            marker={"symbol": "line-ew", "size": 46, "line": {"width": 3, "color": FENCE_COLOR}, "color": FENCE_COLOR},
            customdata=[fmt(metric, v) for v in fenced.get_column("fence").to_list()],
            hovertemplate=t("pe_fence") + " %{customdata}<extra></extra>"))
    fig.update_layout(xaxis={"type": "category"}, yaxis={"title": {"text": label("metric", metric)}})
    if metric in PERCENT_METRICS:  # values × 100 above: fixed decimals, growth signed
        theme.percent_axis(fig, "y", decimals=0, signed=metric == "sangong_growth", scaled=True)
    elif metric in ("sangong_actual", "sangong_per_staff"):
        theme.money_axis(fig, "y", lang(), title=label("metric", metric),
                         unit=t("pe_per_staff") if metric == "sangong_per_staff" else None)
    chart(style(fig, height=420), key=f"pe_strip_{metric}")


STATS = ("value", "q1", "median", "q3", "fence")
UNITS = {"sangong_actual": "万元", "sangong_per_staff": "万元/人", "self_score_mean": "分"}


def download_frame(rows: pl.DataFrame, metric: str) -> tuple[pl.DataFrame, list[str], dict[str, str], tuple[str, ...]]:
    """The peer table as downloaded: its rows and order, numbers as numbers with the metric's unit in the header.

    Returns the frame, its columns, the header overrides and the columns written as percentages.
    """
    rows = rows.sort(["peer_group", "value"], descending=[False, True])
    frame = _group_names(rows).with_columns(
        pl.Series("verdict", [_verdict(v) for v in rows.get_column("outlier").to_list()], dtype=pl.String),
        pl.lit(label("metric", metric)).alias("metric"))
    unit = "%" if metric in PERCENT_METRICS else UNITS.get(metric, "")
    suffix = f"（{unit}）" if unit else ""
    heads = {"peer_group": t("pe_col_group"), "metric": t("pe_metric"), "value": t("pe_col_value") + suffix,
             "q1": t("pe_q1") + suffix, "median": t("pe_col_median") + suffix, "q3": t("pe_q3") + suffix,
             "fence": t("pe_fence") + suffix, "peers": f"{t('pe_col_peers')}（个）", "verdict": t("pe_col_verdict")}
    columns = [c for c in ("peer_group", "agency", "region", "year", "metric", "verdict", *STATS, "peers")
               if c in frame.columns]
    return frame, columns, heads, STATS if metric in PERCENT_METRICS else ()


def _group_table(rows: pl.DataFrame, metric: str, year: int) -> None:
    """The peers of the chosen metric and year: value, quartiles, fence and verdict."""
    frame, columns, heads, percent = download_frame(rows, metric)
    download_table(frame, "peers", columns, heads, percent=percent, narrowed={"metric": metric, "year": year})
    rows = capped(rows.sort(["peer_group", "value"], descending=[False, True]))
    # numbers as numbers (a column of "8.44 万元" texts sorted 8.44 after 16.52), the metric's unit in the header
    scale = 100.0 if metric in PERCENT_METRICS else 1.0
    verdicts = pl.Series("verdict", [_verdict(v) for v in rows.get_column("outlier").to_list()], dtype=pl.String)
    view = _group_names(rows).with_columns(verdicts).select(  # the verdict beside the name: in view on a laptop
        *[c for c in ("selected",) if c in rows.columns], "peer_group", "agency", "region", "verdict",
        *(pl.col(c) * scale for c in ("value", "median", "q3", "fence")), "peers", "page")
    cc = st.column_config
    unit_shown, number_format = _unit_format(metric)

    def stat(key: str, with_unit: bool = False) -> Any:
        # the unit once, in the value's header: the median, Q3 and fence beside it are in the same unit
        head = t(key) + (paren(unit_shown) if unit_shown and with_unit else "")
        return cc.NumberColumn(head, format=number_format, width=max(80, header_width(head)))

    st.dataframe(view, hide_index=True, width="stretch", placeholder="—", row_height=theme.row_height(2),
                 column_config={
        "selected": cc.CheckboxColumn(t("pe_col_selected"), width=header_width(t("pe_col_selected"))),
        "peer_group": cc.TextColumn(t("pe_col_group"), width=130),
        "agency": cc.TextColumn(label("column", "agency"), width=140),
        "region": cc.TextColumn(label("column", "region"), width=110), "value": stat("pe_col_value", True),
        "median": stat("pe_col_median"), "q3": stat("pe_q3"), "fence": stat("pe_fence"),
        "peers": cc.NumberColumn(t("pe_col_peers"), format="%d", width=header_width(t("pe_col_peers"))),
        "verdict": cc.TextColumn(t("pe_col_verdict"), width=100),
        "page": cc.NumberColumn(label("column", "page"), format="%d", width=header_width(label("column", "page"))),
    })


def _unit_format(metric: str) -> tuple[str, str]:
    """A metric's unit as a header shows it and its cells' number format (as fmt() writes one value)."""
    if metric in PERCENT_METRICS:
        return "%", ("%+.1f%%" if metric == "sangong_growth" else "%.1f%%")
    if metric == "self_score_mean":
        return t("pe_points"), "%.1f"
    return (t("pe_per_staff") if metric == "sangong_per_staff" else unit()), "%,.2f"


def _outliers(outliers: pl.DataFrame) -> None:
    """Every selected value beyond its fence, all metrics and years."""
    st.subheader(t("pe_outliers"))
    if outliers.is_empty():
        st.caption(t("pe_no_outliers"))
        return
    outliers = capped(outliers)
    shown = outliers.with_columns(
        pl.Series(c, [fmt(m, v) for m, v in outliers.select("metric", c).iter_rows()], dtype=pl.String)
        for c in ("value", "median", "fence"))
    metric_name = pl.col("metric").replace_strict(labels("metric"), default=pl.col("metric")).alias("metric_name")
    view = _group_names(shown).select("agency", "year", metric_name, "value", "median", "fence", "peer_group",
                                      "peers", "note", "page")
    cc = st.column_config
    # widths that keep the ten columns in the page's width, the longer texts wrapping on two lines
    st.dataframe(view, hide_index=True, width="stretch", placeholder="—", row_height=theme.row_height(2),
                 column_config={
        "agency": cc.TextColumn(label("column", "agency"), width=120),
        "year": cc.NumberColumn(label("column", "year"), format="%d", width=header_width(label("column", "year"), 50)),
        "metric_name": cc.TextColumn(t("pe_metric"), width=130), "value": cc.TextColumn(t("pe_col_value"), width=95),
        "median": cc.TextColumn(t("pe_col_median"), width=95), "fence": cc.TextColumn(t("pe_fence"), width=95),
        "peer_group": cc.TextColumn(t("pe_col_group"), width=110),
        "peers": cc.NumberColumn(t("pe_col_peers"), format="%d", width=header_width(t("pe_col_peers"), 50)),
        "note": cc.TextColumn(t("pe_col_note"), width=150),
        "page": cc.NumberColumn(label("column", "page"), format="%d", width=header_width(label("column", "page"), 45)),
    })


def _rates(rates: pl.DataFrame) -> None:
    """How often each rule fires over the whole lake, with a plain note on the noisy ones."""
    st.subheader(t("pe_rates"))
    st.caption(t("pe_rates_caption"))
    view = rates.sort(pl.col("rate").fill_null(-1), descending=True).select(
        pl.col("rule").replace_strict(labels("rule"), default=pl.col("rule")).alias("rule_name"),
        pl.col("rate") * 100, "flagged", "checked", "flags", "flagged_selection",
        pl.when(pl.col("noisy")).then(pl.lit(t("pe_noisy_short")))
        .when(pl.col("checked") == 0).then(pl.lit(t("pe_unchecked"))).otherwise(pl.lit("")).alias("judgement"),
    )
    if view.get_column("judgement").str.len_chars().max() in (0, None):  # no noisy rule: no empty column
        view = view.drop("judgement")
    cc = st.column_config
    st.dataframe(view, hide_index=True, width="stretch", placeholder="—", height=35 * (view.height + 1) + 3,
                 column_config={
        "rule_name": cc.TextColumn(label("column", "rule")),
        "rate": cc.ProgressColumn(t("pe_rate"), format=theme.PERCENT_COLUMN, min_value=0.0, max_value=100.0,
                                  width="medium"),
        "flagged": cc.NumberColumn(t("pe_flagged"), format="%d", help=t("pe_flagged_help")),
        "checked": cc.NumberColumn(t("pe_checked"), format="%d", help=t("pe_checked_help")),
        "flags": cc.NumberColumn(t("pe_flags"), format="%d"),
        "flagged_selection": cc.NumberColumn(t("pe_flagged_selection"), format="%d"),
        "judgement": cc.TextColumn(t("pe_judgement")),
    })
    for row in rates.filter(pl.col("noisy").fill_null(False)).iter_rows(named=True):
        st.warning(t("pe_noisy", rule=label("rule", row["rule"]), rate=pct(row["rate"]), flagged=row["flagged"],
                     checked=row["checked"]), icon=":material/campaign:")


def main() -> None:
    """Draw the page."""
    start_page("pe_title")
    data = across_score(read.across.peers, thresholds())
    if data is None:
        return
    comp: pl.DataFrame = data.comparison
    params = thresholds().params("peer_outlier")
    st.caption(t("pe_caption", k=params.get("iqr_factor", 1.5), n=int(params.get("min_peers", 5))))
    if comp.is_empty():
        st.info(t("pe_empty"))
    else:
        present = [m for m in METRICS if m in set(comp.get_column("metric").to_list())]
        present += sorted(set(comp.get_column("metric").to_list()) - set(present))
        # the metric's choices on a line of their own: beside the year they were cut (English names are long)
        left, right = st.container(), st.container()
        with left:
            if st.session_state.get("pe_metric") not in present:
                st.session_state["pe_metric"] = present[0]
            metric = st.segmented_control(t("pe_metric"), present, key="pe_metric",
                                          format_func=lambda m: label("metric", m)) or present[0]
        of_metric = comp.filter(pl.col("metric") == metric)
        counts = of_metric.filter(pl.col("selected")).group_by("year").agg(
            pl.col("peer_group").filter(pl.col("outlier").is_not_null()).n_unique().alias("judged"), pl.len())
        years = sorted(counts.get_column("year").to_list(), reverse=True)
        with right:
            # default: the year with the most judged peer groups (≥ min_peers) holding the selection,
            # then the most selected comparisons, latest on ties
            if st.session_state.get("pe_year") not in years:
                ranked = counts.sort(["judged", "len", "year"], descending=True)
                st.session_state["pe_year"] = ranked.get_column("year")[0]
            year = st.selectbox(t("co_year"), years, key="pe_year", width=160)
        rows = of_metric.filter(pl.col("year") == year)
        # a group too small to judge has no fence: drawn or listed, one would read as a verdict
        rows = rows.with_columns(pl.when(pl.col("outlier").is_null().all().over("peer_group")).then(None)
                                 .otherwise(pl.col("fence")).alias("fence"))
        st.subheader(t("pe_chart", metric=label("metric", metric), year=year))
        mine = rows.filter(pl.col("selected"))
        n_out = mine.filter(pl.col("outlier").fill_null(False)).height
        if filters().is_empty():  # nothing chosen: no agency to highlight, every value is a peer
            rows = rows.with_columns(pl.lit(False).alias("selected"))
            st.markdown(t("pe_statement_all", groups=rows.get_column("peer_group").n_unique(), peers=rows.height,
                          out=n_out))
        else:
            st.markdown(t("pe_statement", n=mine.height, groups=rows.get_column("peer_group").n_unique(),
                          peers=rows.height, out=n_out))
        _strip(rows, metric)
        fewest = int(number(rows.get_column("peers").min()) or 0)
        st.caption(t("pe_min_group", n=fewest, k=int(params.get("min_peers", 5))))
        thin = rows.filter(pl.col("outlier").is_null()).get_column("peer_group").unique().to_list()
        if thin:
            st.caption(t("pe_thin", groups=joined(sorted(group_name(g) for g in thin)),
                         n=int(params.get("min_peers", 5))))
        _group_table(rows if not filters().is_empty() else rows.drop("selected"), metric, year)
    _outliers(data.outliers)
    _rates(data.rates)
    _type_rules()


def _type_rules() -> None:
    """The rule that makes agencies peers: name keywords → functional type (fiscal/data/agency_types.csv)."""
    from fiscal.peers import agency_type_rules

    with st.expander(t("pe_types"), expanded=False):
        st.caption(t("pe_types_caption"))
        rules = pl.DataFrame([(p.replace("|", "、"), agency_type_name(k)) for p, k, _ in agency_type_rules()],
                             schema={"pattern": pl.String, "agency_type": pl.String}, orient="row")
        st.dataframe(rules, hide_index=True, placeholder="—", width="stretch",
                     column_config={"pattern": st.column_config.TextColumn(t("pe_col_pattern"), width="large"),
                                    "agency_type": st.column_config.TextColumn(t("pe_col_type"))})


if __name__ == "__main__":  # st.Page runs the file as __main__; tests import its parts
    main()
