"""总览: the selection at a glance — expenditure and its change, basic/project, 三公, projects, flags."""

from __future__ import annotations

from typing import Literal

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from fiscal import read
from fiscal.filters import DOC_KINDS
from pages import _theme as theme
from pages._common import (
    SEVERITY_COLORS,
    SEVERITY_ORDER,
    cached,
    chart,
    flags,
    flags_pending,
    number,
    start_page,
    style,
    thresholds,
)
from pages._filters import url_select, url_toggle
from pages._i18n import amount, joined, label, lang, paren, pct, t, unit, word, years_text
from pages._messages import with_messages


def _tile(title: str, value: str, caption: str, page: str, delta: str | None = None, help_text: str | None = None,
          delta_color: Literal["normal", "inverse", "off"] = "normal") -> None:
    """One bordered metric tile with a link to its page."""
    with st.container(border=True):
        st.metric(title, value, delta=delta, help=help_text, delta_color=delta_color)
        st.caption(caption)
        st.page_link(page, label=t("ov_open"), icon=":material/arrow_forward:")


def _about_documents(fl: pl.DataFrame | None) -> pl.DataFrame | None:
    """The flags about the documents themselves, as the flags page counts them (its reading notes apart)."""
    if fl is None or "category" not in fl.columns:
        return fl
    return fl.filter(pl.col("category").fill_null("finding") != "reading")


def _flag_counts(fl: pl.DataFrame | None) -> dict[str, int]:
    """Flags per severity (error/warning/info)."""
    if fl is None or fl.is_empty() or "severity" not in fl.columns:
        return {}
    return dict(fl.get_column("severity").cast(pl.String).value_counts().iter_rows())


# From this many 万元 on a tile shows whole 万元: a national total (68,043,423.53 万元) was cut at the tile's edge
WHOLE_FROM = 1_000_000


def _money(x: float | None) -> str:
    """A tile's amount: with its unit in Chinese (万元 is short); bare in English, the unit in the title; whole 万元
    from a million on (the page behind the tile has the exact figure)."""
    digits = 0 if x is not None and abs(x) >= WHOLE_FROM else 2
    return amount(x, digits) if lang() == "zh" else amount(x, digits, with_unit=False)


def _titled(title: str) -> str:
    """A tile title carrying the amount unit in English (where "10k yuan" would clip the value)."""
    return title if lang() == "zh" else f"{title}, {unit()}"


def _tiles(ov: read.spending.Overview, fl: pl.DataFrame | None) -> None:
    """Six tiles in two rows, each linking to its page."""
    year = ov.latest_year
    top = st.columns(3)
    with top[0]:
        basis = {"budget": t("ov_plan"), "mixed": t("ov_mixed")}.get(ov.expenditure_basis or "", "")
        change = ov.expenditure_change
        caption = t("ov_change_caption", n=ov.expenditure_change_agencies) if change is not None else \
            t("ov_no_change")
        if ov.expenditure is None:  # no year to name, nothing to compare: say so, not "（—年）" and "无上年可比数据"
            caption, basis = t("ov_no_expenditure"), ""
        title = _titled(t("ov_expenditure", year=year) if year else t("ov_expenditure_none"))
        _tile(title, _money(ov.expenditure), caption + basis,
              "pages/composition.py", delta=pct(change, signed=True) if change is not None else None,
              help_text=t("ov_expenditure_help", n=ov.expenditure_change_agencies), delta_color="off")
    with top[1]:
        basic, project = ov.basic, ov.project
        share = basic / (basic + project) if basic is not None and project is not None and basic + project else None
        split = t("ov_split_value", basic=amount(basic), project=amount(project))
        if basic is None and project is None:
            split = t("ov_unsplit") if ov.expenditure is not None else t("ov_no_expenditure")
        _tile(t("ov_split"), pct(share), split, "pages/composition.py")
    with top[2]:
        actual, budget = ov.sangong_actual, ov.sangong_budget
        if actual is not None:
            caption = t("ov_sangong_caption", budget=amount(budget), rate=pct(actual / budget if budget else None))
            value = _money(actual)
        elif budget is not None:
            caption = t("ov_sangong_budget_only", budget=amount(budget))
            value = _money(budget)
        else:  # no 三公 figure at all: not "预算 —（尚无决算数）"
            caption, value = t("sg_empty"), t("missing")
        title = t("ov_sangong", year=ov.sangong_year) if ov.sangong_year else t("ov_sangong_none")
        _tile(_titled(title), value, caption, "pages/sangong.py")
    bottom = st.columns(3)
    with bottom[0]:
        _tile(t("ov_projects"), f"{ov.projects:,}", t("ov_projects_caption", n=ov.projects_low_execution,
                                                     rate=pct(thresholds().low_rate_for_high_score, 0)),
              "pages/projects.py")
    with bottom[1]:
        counts = _flag_counts(fl)
        if fl is None:
            _tile(t("ov_flags"), t("missing"), t("ov_pending") if flags_pending() else t("ov_flags_na"),
                  "pages/flags.py")
        else:
            _tile(t("ov_flags"), f"{fl.height:,}",
                  t("ov_flags_caption", error=counts.get("error", 0), warning=counts.get("warning", 0),
                    info=counts.get("info", 0)), "pages/flags.py")
    with bottom[2]:
        _tile(t("ov_documents"), f"{ov.documents:,}",
              t("ov_documents_caption", agencies=ov.agencies, regions=ov.regions, years=years_text(ov.years)),
              "pages/data.py")


def _across_tiles() -> None:
    """Disclosure quality, self-score inflation and peer outliers of the selection (fiscal/scores.py)."""
    params = thresholds()
    cols = st.columns(3)
    if flags_pending():  # the three scores read the lake's flags, computed in the background
        for col, key, page in zip(cols, ("ov_quality", "ov_inflation", "ov_peers"),
                                  ("pages/quality.py", "pages/inflation.py", "pages/peers.py"), strict=True):
            with col:
                _tile(t(key), t("missing"), t("ov_pending"), page)
        return
    try:
        quality = cached(read.across.quality)
        inflation, peers = cached(read.across.inflation, params), cached(read.across.peers, params)
    except (ImportError, read.flags.RulesUnavailable):
        for col, key, page in zip(cols, ("ov_quality", "ov_inflation", "ov_peers"),
                                  ("pages/quality.py", "pages/inflation.py", "pages/peers.py"), strict=True):
            with col:
                _tile(t(key), t("missing"), t("ov_across_na"), page)
        return
    scored = quality.filter(pl.col("score").is_not_null())
    with cols[0]:
        low = scored.sort("score").row(0, named=True) if scored.height else None
        mean = number(scored.get_column("score").mean())
        caption = t("ov_quality_caption", n=quality.height, years=years_text(quality.get_column("year").to_list()),
                    low=f"{low['score']:.1f}", agency=low["agency"]) if low else t("qu_empty")
        _tile(t("ov_quality"), f"{mean:.1f}" if mean is not None else t("missing"), caption, "pages/quality.py")
    with cols[1]:
        ranked = inflation.filter(pl.col("index").is_not_null()).sort("index", descending=True)
        top = ranked.row(0, named=True) if ranked.height else None
        _tile(t("ov_inflation"), f"{top['index']:.1f}" if top else t("missing"),
              t("ov_inflation_caption", agency=top["agency"], year=top["year"], n=ranked.height) if top else
              t("in_empty"), "pages/inflation.py")
    with cols[2]:
        min_peers = int(params.params("peer_outlier").get("min_peers", 5))
        _tile(t("ov_peers"), f"{peers.outliers.height:,}", t("ov_peers_caption", n=min_peers), "pages/peers.py")


def _by_year_chart(ov: read.spending.Overview) -> None:
    """Expenditure by year over the same agencies on one basis (or, on request, every agency by kind, counted)."""
    st.subheader(t("ov_by_year"))
    if ov.expenditure_by_year.is_empty():
        st.caption(t("ov_no_expenditure"))
        return
    comp = cached(read.spending.expenditure_comparable)
    everyone = url_toggle(t("ov_everyone"), "all", "ov_everyone") if comp.kind is not None else True
    fig = go.Figure()
    if everyone:
        st.caption(t("ov_all_caption") if comp.kind is not None else t("ov_none_same"))
        by_kind = cached(read.spending.expenditure_by_year_kind)
        years = sorted(by_kind.get_column("year").unique().to_list())
        series = {label("kind", kind): {r["year"]: r for r in by_kind.filter(pl.col("doc_kind") == kind)
                                          .iter_rows(named=True)} for kind in ("final_account", "budget")}
        theme.year_bars(fig, years, series, "total", lambda r: t("sg_bar_agencies", n=r["agencies"]), unit())
    else:
        by_year = comp.by_year
        st.caption(t("ov_same_caption", n=comp.agencies, kind=word("kind", comp.kind),
                     years=years_text(by_year.get_column("year").to_list())))
        years = [str(y) for y in by_year.get_column("year").to_list()]
        basic = by_year.get_column("basic").fill_null(0)
        project = by_year.get_column("project").fill_null(0)
        other = (by_year.get_column("total") - basic - project).clip(lower_bound=0)
        for name, values in ((label("measure", "basic"), basic), (label("measure", "project"), project),
                             (t("ov_unsplit"), other)):
            if values.max() >= 0.005:  # not a legend entry for a total that differs from its parts by rounding
                fig.add_bar(x=years, y=values.to_list(), name=name,
                            hovertemplate="%{x}: %{y:,.2f} " + unit() + "<extra>" + name + "</extra>")
        totals = by_year.get_column("total").to_list()
        fig.add_scatter(x=years, y=totals, mode="text", text=[amount(v, 0, False) for v in totals],
                        textposition="top center", showlegend=False, hoverinfo="skip")
        fig.update_layout(barmode="stack")
    fig.update_layout(xaxis={"type": "category"})
    chart(theme.money_axis(style(fig, height=360), "y", lang()), key="overview_by_year")


def _kinds_chart(ov: read.spending.Overview, fl: pl.DataFrame | None) -> None:
    """Documents per kind and flags per severity, side by side."""
    left, right = st.columns(2)
    with left:
        st.subheader(t("ov_kinds"))
        kinds = {k: ov.kinds[k] for k in (*DOC_KINDS, *ov.kinds) if k in ov.kinds}
        fig = go.Figure(go.Bar(x=[label("kind", k) for k in kinds], y=list(kinds.values()),
                               text=list(kinds.values()), textposition="outside", marker_color=theme.PRIMARY))
        chart(theme.count_axis(style(fig, height=280), "y", max(kinds.values(), default=0)), key="overview_kinds")
    with right:
        st.subheader(t("ov_flags"))
        counts = _flag_counts(fl)
        if fl is None:
            st.caption(t("ov_pending") if flags_pending() else t("fl_unavailable"))
        elif not counts:
            st.caption(t("fl_none"))
        else:
            order = [s for s in SEVERITY_ORDER if s in counts] + [s for s in counts if s not in SEVERITY_ORDER]
            fig = go.Figure(go.Bar(x=[label("severity", s) for s in order], y=[counts[s] for s in order],
                                   text=[counts[s] for s in order], textposition="outside",
                                   marker_color=[SEVERITY_COLORS.get(s, theme.MUTED) for s in order]))
            chart(theme.count_axis(style(fig, height=280), "y", max(counts.values())), key="overview_flags")


def _top_findings(k: int = 5) -> None:
    """The most serious findings of the selection, each one line a leader reads and one click from its evidence."""
    from fiscal.filters import Filters
    from pages._common import agency_link, page_url

    fl = flags()
    if fl is None:
        return
    found = read.findings.findings(fl, cached(read.lake.selected_documents, f=Filters()))
    with st.container(border=True):
        st.subheader(t("fi_top"))
        if found.is_empty():
            st.caption(t("fi_none"))
            return
        st.caption(t("fi_top_caption", k=min(k, found.height), n=found.height))
        colour = {"error": "red", "warning": "orange", "info": "gray"}
        lines = []
        for r in with_messages(found.head(k), fl).iter_rows(named=True):
            link = agency_link(r["agency_id"], r["agency"])
            who = f"[{r['agency']}]({link.split('#')[0]})" if link else (r["agency"] or t("missing"))
            extra = [t("fi_rules", n=len(r["rules"]))] if len(r["rules"]) > 1 else []
            extra += [t("fi_synthetic")] if r["synthetic"] else []
            lines.append(f"- :{colour.get(r['severity'], 'gray')}[**{label('severity', r['severity'])}**] "
                         f"{who} · {r['year']} · {r['message']}" + (paren(joined(extra)) if extra else "")
                         + f" [{t('fi_evidence')} →]({page_url('flags', finding=r['finding_id'])})")
        st.markdown("\n".join(lines))
        if found.height > k:
            st.markdown(f"[{t('fi_all', n=found.height)} →]({page_url('flags')})")


def main() -> None:
    """Draw the page."""
    start_page("ov_title")
    _top_findings()
    thr = thresholds()
    ov = cached(read.spending.overview, None, thr)
    years = sorted(ov.expenditure_by_year.get_column("year").to_list(), reverse=True)
    if len(years) > 1:
        default = ov.latest_year if ov.latest_year in years else years[0]
        year = url_select(t("co_year"), years, "year", "ov_year", default, width=160)
        if year != ov.latest_year:
            ov = cached(read.spending.overview, year, thr)
    if ov.duplicates:
        st.caption(t("ov_dupes", n=ov.duplicates))
    fl = _about_documents(flags())
    _tiles(ov, fl)
    _across_tiles()
    _by_year_chart(ov)
    _kinds_chart(ov, fl)


if __name__ == "__main__":  # st.Page runs the file as __main__; tests import its parts
    main()
