"""项目绩效: one scorecard row per project, its indicators, and execution rate against self-score."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from fiscal import read
from fiscal.schema import PROJECT_FUND_SUMS
from fiscal.thresholds import full_score_at_low_execution
from pages import _theme as theme
from pages._common import (
    cached,
    cached_lake,
    capped,
    chart,
    flags,
    header_width,
    money_column,
    number,
    start_page,
    style,
    thresholds,
)
from pages._downloads import download_table
from pages._filters import url_text
from pages._i18n import label, labels, pct, t

COLUMNS = ["project", "agency", "year", "budget_initial", "budget_full_year", "executed", "exec_rate",
           "exec_points", "total_score", "grade", "flags"]
# On screen the rate's own figures (全年预算 → 执行数 → 执行率) and the scores; the 年初预算 and the grade are in the
# download (eleven columns pushed the table past the page width).
SHOWN = [c for c in COLUMNS if c not in ("budget_initial", "grade")]


def _column_config() -> dict[str, Any]:
    """Chinese labels and number formats of the scorecard table."""
    cc = st.column_config
    amount = {c: money_column(label("column", c), width=100) for c in ("budget_full_year", "executed")}

    exec_points = t("pj_exec_points")
    return {  # names wrap on two lines (theme.row_height) rather than widen the table
        "project": cc.TextColumn(label("column", "project"), width=120),
        "agency": cc.TextColumn(label("column", "agency"), width=100),
        "year": cc.NumberColumn(label("column", "year"), format="%d", width=header_width(label("column", "year"), 50)),
        **amount,
        "exec_rate": cc.ProgressColumn(label("column", "exec_rate"), format=theme.PERCENT_COLUMN, min_value=0.0,
                                       max_value=100.0, width=header_width(label("column", "exec_rate"), 90)),
        "exec_points": cc.TextColumn(exec_points, width=header_width(exec_points, 70),
                                     help=t("pj_exec_points_help")),
        "total_score": cc.NumberColumn(label("column", "total_score"), format="%.2f",
                                       width=header_width(label("column", "total_score"), 55)),
        "flags": cc.NumberColumn(label("column", "flags"), format="%d",
                                 width=header_width(label("column", "flags"), 50)),
    }


def _search(rows: pl.DataFrame) -> tuple[pl.DataFrame, str]:
    """The rows whose project or agency contains the search text, and the text."""
    text = url_text(t("pj_search"), "q", "pj_search", icon=":material/search:", width=420).strip()
    if not text:
        return rows, text
    needle = text.lower()
    return rows.filter(pl.col("project").str.to_lowercase().str.contains(needle, literal=True)
                       | pl.col("agency").str.to_lowercase().str.contains(needle, literal=True)), text


def _indicators(row: dict[str, Any]) -> None:
    """The chosen project's indicators: target, actual, weight, score, deviation reason."""
    st.subheader(t("pj_indicators", project=row["project"]))
    ind = cached_lake(read.projects.indicators, row["doc_id"], row["project"])
    if ind.is_empty():
        st.caption(t("pj_no_indicators"))
        return
    cols = ["level1", "level2", "name", "target", "actual", "weight", "score", "points_lost", "note"]
    cc = st.column_config
    st.dataframe(
        ind.select(cols), hide_index=True, placeholder="—", width="stretch",
        column_config={c: cc.Column(label("column", c)) for c in cols} | {
            "weight": cc.NumberColumn(label("column", "weight"), format="%.2f"),
            "score": cc.NumberColumn(label("column", "score"), format="%.2f"),
            "points_lost": cc.NumberColumn(label("column", "points_lost"), format="%.2f"),
            "note": cc.TextColumn(label("column", "note"), width="large"),
        },
    )


def _funds(row: dict[str, Any]) -> None:
    """The chosen project's funds by source as its form prints them: each 其中 line (财政拨款 / 上年结转 / 其他资金)
    and the 年度资金总额 row, per column (年初预算 / 全年预算 / 执行数); nothing when the form prints no lines."""
    lines = read.projects.fund_lines(row)
    if lines.is_empty():
        return
    st.markdown(f"**{t('pj_funds')}**")
    st.caption(t("pj_funds_caption", rule=label("rule", "totals_mismatch")))
    names = {**labels("fund_kind"), read.projects.FUND_TOTAL: t("pj_funds_total")}
    amounts = [c for c in lines.columns if c != "kind"]
    st.dataframe(lines.with_columns(pl.col("kind").replace_strict(names, default=pl.col("kind"))),
                 hide_index=True, placeholder="—", width="content",
                 column_config={"kind": st.column_config.TextColumn(t("pj_fund_kind"), width=160),
                                **{c: money_column(label("column", c), width=130) for c in amounts}})


def _short(name: str, n: int = 10) -> str:
    """A project name cut for a chart label."""
    return name if len(name) <= n else name[: n - 1] + "…"


def _scatter(rows: pl.DataFrame) -> None:
    """Execution rate against total score; the low-execution/high-score corner shaded, flagged projects named."""
    st.subheader(t("pj_scatter"))
    data = rows.filter(pl.col("exec_rate").is_not_null() & pl.col("total_score").is_not_null())
    thr = thresholds()
    rate, score = thr.low_rate_for_high_score, thr.high_total_score
    # two rules, two thresholds: the shaded corner is one rule's, the named diamonds the other's
    st.caption(t("pj_scatter_caption", zone_rule=label("rule", "high_total_low_execution"), rate=pct(rate, 0),
                 score=f"{score:g}", low_rule=label("rule", "full_score_low_execution"),
                 low_rate=pct(thr.low_execution, 0)))
    fig = go.Figure()
    x_max = max(1.1, (number(data.get_column("exec_rate").max()) or 1.0) + 0.2) if data.height else 1.1
    y_min = min(60.0, (number(data.get_column("total_score").min()) or 60.0) - 5) if data.height else 60.0
    fig.add_shape(type="rect", x0=-0.03, x1=rate, y0=score, y1=102, fillcolor=theme.ALERT, opacity=0.10, line_width=0,
                  layer="below")
    fig.add_annotation(x=rate / 2, y=score, text=t("pj_zone"), showarrow=False, font={"color": theme.ALERT, "size": 13},
                       yanchor="top", yshift=-4)
    hover = "%{customdata[0]}<br>%{customdata[1]} %{customdata[2]}<br>" + label("column", "exec_rate") + \
            " %{x:.1%}<br>" + label("column", "total_score") + " %{y:.2f}<extra></extra>"
    data = data.with_columns(full_score_at_low_execution(thr).alias("_low_full"))
    blatant = data.filter(pl.col("_low_full")).sort("exec_rate", "total_score")
    flagged = data.filter(~pl.col("_low_full") & (pl.col("flags") > 0))
    plain = data.filter(~pl.col("_low_full") & (pl.col("flags") == 0))
    if plain.height:
        fig.add_scatter(x=plain.get_column("exec_rate").to_list(), y=plain.get_column("total_score").to_list(),
                        mode="markers", name=t("pj_plain"), marker={"size": 9, "color": theme.PRIMARY, "opacity": 0.6},
                        customdata=plain.select("project", "agency", "year").rows(), hovertemplate=hover)
    if flagged.height:
        fig.add_scatter(x=flagged.get_column("exec_rate").to_list(), y=flagged.get_column("total_score").to_list(),
                        mode="markers", name=t("pj_flagged"), marker={"size": 10, "color": theme.ACCENT},
                        customdata=flagged.select("project", "agency", "year").rows(), hovertemplate=hover)
    if blatant.height:
        # alternate label positions so neighbouring labels do not sit on each other
        positions = ["bottom right", "middle right", "top right", "bottom left", "middle left"]
        fig.add_scatter(x=blatant.get_column("exec_rate").to_list(), y=blatant.get_column("total_score").to_list(),
                        mode="markers+text", name=t("pj_blatant", rate=pct(thr.low_execution, 0)),
                        text=[_short(p) for p in blatant.get_column("project").to_list()],
                        textposition=[positions[i % len(positions)] for i in range(blatant.height)],
                        textfont={"size": 11, "color": theme.ALERT_TEXT},
                        marker={"size": 11, "color": theme.ALERT, "symbol": "diamond"},
                        customdata=blatant.select("project", "agency", "year").rows(), hovertemplate=hover)
    fig.update_layout(xaxis={"tickformat": ".0%", "range": [-0.05, x_max], "title": label("column", "exec_rate")},
                      yaxis={"range": [y_min, 106], "title": label("column", "total_score")})
    chart(style(fig, height=480), key="projects_scatter")


def main() -> None:
    """Draw the page."""
    start_page("pj_title")
    fl = flags()
    rows = read.projects.attach_flag_counts(cached(read.projects.projects), fl)
    if rows.is_empty():
        st.info(t("pj_empty"))
        return
    shown, text = _search(read.projects.with_exec_points(rows))
    st.caption(t("pj_count", n=shown.height) + " " + t("pj_pick"))
    funds = [c for lines in PROJECT_FUND_SUMS.values() for c in lines if c in shown.columns]  # the 其中 lines
    download_table(shown, "projects", [*COLUMNS[:7], "exec_score", "exec_weight", *COLUMNS[8:], *funds],
                   {"flags": "标记（个）"}, narrowed={"q": text})
    event = st.dataframe(
        capped(shown).select(SHOWN).with_columns(pl.col("exec_rate") * 100),
        hide_index=True, placeholder="—", row_height=theme.row_height(2),
        width="stretch", column_config=_column_config(),
        on_select="rerun", selection_mode="single-row", key="pj_table",
    )
    selected = event.selection.rows if event and event.selection else []
    if selected:
        _indicators(shown.row(selected[0], named=True))
        _funds(shown.row(selected[0], named=True))
    _scatter(shown)


if __name__ == "__main__":  # st.Page runs the file as __main__; tests draw its parts
    main()
