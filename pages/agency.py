"""单位: one agency on one page — its years, documents (with how they were read), 三公 trend,
projects (scorecard) and findings. Opened as /agency?id=<agency_id>."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from fiscal import read
from fiscal.filters import Filters
from fiscal.peers import agency_type
from pages import _theme as theme
from pages._common import (
    cached,
    cached_lake,
    chart,
    flags_pending,
    flags_status,
    header_width,
    money_column,
    page_url,
    start_page,
    style,
)
from pages._i18n import agency_type_name, colon, joined, label, labels, lang, paren, t, unit
from pages._messages import with_messages
from pages.sangong import unchecked


def _agency_id(everyone: pl.DataFrame, selected: pl.DataFrame) -> str | None:
    """The agency of the URL (?id=), else the one picked here among the sidebar's selection (preset when
    the selection holds one agency); written back to the URL."""
    names = dict(everyone.select("agency_id", "agency").iter_rows())
    current = st.query_params.get("id")
    if current and current not in names:
        st.warning(t("ag_unknown", id=current))
        current = None
    in_selection = selected.get_column("agency_id").unique().to_list()
    if current is None and len(in_selection) == 1:
        current = in_selection[0]
    # a link from another page names its agency even when the sidebar selection leaves it out
    ids = [a for a in everyone.get_column("agency_id").to_list() if a in set(in_selection) or a == current]
    picked = st.selectbox(t("ag_pick"), ids, index=ids.index(current) if current in ids else None, key="ag_pick",
                          format_func=lambda a: names.get(a, a), placeholder=t("ag_none"))
    if picked and picked != current:
        st.query_params["id"] = picked
    return picked


def _documents(docs: pl.DataFrame) -> None:
    """The agency's documents with how their tables were read."""
    st.subheader(t("ag_documents"))
    status = cached_lake(read.documents.reading_counts)
    shown = docs.join(status, on="doc_id", how="left").sort(
        "year", "doc_kind", "source_name", descending=[True, False, False])
    total = {s: int(shown.get_column(s).fill_null(0).sum()) for s in ("complete", "partial", "unread")}
    st.caption(t("ag_reading", **total))
    cc = st.column_config
    st.dataframe(
        shown.select("year", pl.col("doc_kind").replace_strict(labels("kind"), default=pl.col("doc_kind")),
                     pl.col("scope").replace_strict(labels("scope"), default=pl.col("scope")), "source_name",
                     "pages", "complete", "partial", "unread"),
        hide_index=True, placeholder="—", width="stretch",
        column_config={"year": cc.NumberColumn(label("column", "year"), format="%d"),
                       "doc_kind": cc.TextColumn(label("column", "doc_kind")),
                       "scope": cc.TextColumn(label("column", "scope")),
                       "source_name": cc.TextColumn(label("column", "source_name")),
                       "pages": cc.NumberColumn(label("column", "pages"), format="%d"),
                       "complete": cc.NumberColumn(label("reading", "complete"), format="%d"),
                       "partial": cc.NumberColumn(label("reading", "partial"), format="%d"),
                       "unread": cc.NumberColumn(label("reading", "unread"), format="%d")})


def _sangong(f: Filters) -> None:
    """Budget and actual 三公 by year."""
    st.subheader(t("ag_sangong"))
    trend = cached(read.sangong.sangong_trend, f=f)
    # the years whose 三公 table was read only in part: left out of the chart, named under it
    names = dict(cached(read.lake.selected_documents, f=f).select("doc_id", "source_name").iter_rows())
    wide = trend.by_agency
    if wide.is_empty():
        st.caption(t("ag_no_sangong"))
        unchecked(trend.unchecked, names)
        return
    fig = go.Figure()
    years = [str(y) for y in wide.get_column("year").to_list()]
    for stage in ("budget", "actual"):
        name = label("stage", stage)
        fig.add_bar(x=years, y=wide.get_column(stage).to_list(), name=name,
                    hovertemplate="%{x}: %{y:,.2f} " + unit() + "<extra>" + name + "</extra>")
    fig.update_layout(barmode="group", bargap=max(0.15, 0.6 - 0.1 * len(years)))  # one year: not two slabs
    theme.money_axis(fig, "y", lang())
    fig.update_xaxes(type="category")
    chart(style(fig, height=300), key="ag_sangong_chart")
    unchecked(trend.unchecked, names)


def _projects(f: Filters, fl: pl.DataFrame | None) -> None:
    """The agency's evaluated projects as a scorecard."""
    st.subheader(t("ag_projects"))
    rows = cached(read.projects.projects, f=f)
    if rows.is_empty():
        st.caption(t("ag_no_projects"))
        return
    rows = read.projects.attach_flag_counts(rows, fl).sort(  # flagged projects first, the least executed first
        ["flags", "exec_rate", "year"], descending=[True, False, True], nulls_last=True)
    cc = st.column_config
    heads = {c: label("column", c) for c in ("year", "exec_rate", "total_score", "flags")} | {
        "exec_points": t("pj_exec_points")}
    # as on the 项目绩效 page: the execution score over its weight in one column, names wrapping (the page's width)
    st.dataframe(
        read.projects.with_exec_points(rows).select(
            "year", "project", "budget_full_year", "executed", pl.col("exec_rate") * 100, "exec_points",
            "total_score", "flags"),
        hide_index=True, placeholder="—", width="stretch", row_height=theme.row_height(2),
        column_config={"year": cc.NumberColumn(heads["year"], format="%d", width=header_width(heads["year"], 50)),
                       "project": cc.TextColumn(label("column", "project"), width=220),
                       "budget_full_year": money_column(label("column", "budget_full_year"), width=100),
                       "executed": money_column(label("column", "executed"), width=100),
                       "exec_rate": cc.NumberColumn(heads["exec_rate"], format=theme.PERCENT_COLUMN,
                                                    width=header_width(heads["exec_rate"], 70)),
                       "exec_points": cc.TextColumn(heads["exec_points"], help=t("pj_exec_points_help"),
                                                    width=header_width(heads["exec_points"], 70)),
                       "total_score": cc.NumberColumn(heads["total_score"], format="%.2f",
                                                      width=header_width(heads["total_score"], 55)),
                       "flags": cc.NumberColumn(heads["flags"], format="%d", width=header_width(heads["flags"], 50))})


def _findings(fl: pl.DataFrame | None, docs: pl.DataFrame) -> None:
    """The agency's findings, each one click from its evidence."""
    st.subheader(t("ag_findings"))
    if fl is None:  # still computed (the waiting notice is above) or no rule engine
        st.caption(t("ov_pending") if flags_pending() else t("fl_unavailable"))
        return
    found = with_messages(read.findings.findings(fl, docs), fl)
    if found.is_empty():
        st.caption(t("fi_none"))
        return
    serious = found.filter(pl.col("severity") != "info")
    st.markdown("\n".join(_finding_line(r) for r in serious.iter_rows(named=True)))
    minor = found.filter(pl.col("severity") == "info")
    if minor.height:  # rounding differences and the like: there, but out of the way
        with st.expander(f"{label('severity', 'info')}{paren(minor.height)}"):
            st.markdown("\n".join(_finding_line(r) for r in minor.iter_rows(named=True)))


def _finding_line(r: dict[str, Any]) -> str:
    named = r.get("project") and r["project"] not in (r.get("message") or "")  # most messages name the project
    what = f"{r['year']} · " + (f"{r['project']} · " if named else "")
    return (f"- **{label('severity', r['severity'])}** {what}{r['message']} "
            f"[{t('fi_evidence')} →]({page_url('flags', finding=r['finding_id'])})")


def main() -> None:
    """Draw the page."""
    start_page("ag_title", documents=False)
    options = cached(read.lake.selected_documents, f=Filters()).select("agency_id", "agency").unique(
        "agency_id").sort("agency")
    agency_id = _agency_id(options, cached(read.lake.selected_documents))
    if not agency_id:
        st.info(t("ag_intro"))
        return
    f = Filters(agencies=(agency_id,))
    docs = cached(read.lake.selected_documents, f=f)
    name = options.filter(pl.col("agency_id") == agency_id).get_column("agency")[0]
    st.header(name)
    years = sorted(docs.get_column("year").unique().to_list())
    region = str(docs.get_column("region").drop_nulls().first() or "") if "region" in docs.columns else None
    st.caption(" · ".join(x for x in (region, t("ag_type", kind=agency_type_name(agency_type(name))),
                                      f"{t('ag_years')}{colon()}{joined(years)}",
                                      f"{t('ag_col_docs')}{colon()}{docs.height}") if x))
    fl, _ = flags_status(f)
    if fl is not None and "category" in fl.columns:
        fl = fl.filter(pl.col("category").fill_null("finding") == "finding")
    _findings(fl, docs)
    _documents(docs)
    _sangong(f)
    _projects(f, fl)


if __name__ == "__main__":
    main()
