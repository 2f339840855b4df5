"""A peer_outlier finding's evidence on the flag page: the peer group it was judged in (how many peers, their
median, the agency's figure, each peer's value) and the printed figures the agency's value is made of, each on its
page — a ratio alone cannot be judged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from fiscal import read
from fiscal.pages import SourceMissing, flag_boxes, page_figures, render_excerpt
from pages._common import cached_lake, lake, thresholds
from pages._i18n import agency_type_name, amount, colon, label, lang, paren, pct, t, unit

RULE = "peer_outlier"
# a peer group beyond this many agency-years is listed oddest first, cut with a note (a province's 教育 may be 100s)
MAX_SHOWN = 30


PERCENT_METRICS = frozenset({"sangong_growth", "exec_rate_mean"})
# a peer comparison's evidence figures, in the unit of the metric compared (fiscal.peers.PEER_METRICS)
PEER_FIGURES = frozenset({"value", "q1", "median", "q3", "fence"})


def fmt(metric: str | None, value: Any, with_unit: bool = True) -> str:
    """A compared value as the reader sees it: rates in % (growth signed), 三公 in 万元, per staff member in
    万元/人 with 3 decimals (peers differ in the third: 0.06 … 0.17), scores in points."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return t("missing")
    if metric in PERCENT_METRICS:
        return pct(value, signed=metric == "sangong_growth")
    if metric == "self_score_mean":
        return f"{value:,.1f}" + (f" {t('pe_points')}" if with_unit else "")
    if metric == "sangong_per_staff":
        return f"{value:,.3f}" + (f" {t('pe_per_staff')}" if with_unit else "")
    return amount(value, with_unit=with_unit)


def group_name(group: str) -> str:
    """A peer group (湖南省·教育) in the reader's language: the province as printed, the type translated."""
    if lang() == "zh" or "·" not in group:
        return group
    province, _, kind = group.partition("·")
    return f"{province} · {agency_type_name(kind)}"


def _evidence(flag: dict[str, Any]) -> dict[str, Any]:
    try:
        data = json.loads(flag.get("evidence") or "{}")
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def own_figures(flag: dict[str, Any]) -> list[dict[str, Any]]:
    """The printed figures behind a peer_outlier flag's value (fiscal.read.peergroup.own_figures)."""
    ev = _evidence(flag)
    if flag.get("rule") != RULE or not flag.get("agency_id") or not flag.get("year") or not ev.get("metric"):
        return []
    return list(cached_lake(read.peergroup.own_figures, flag["agency_id"], int(flag["year"]), ev["metric"],
                            thresholds()))


def figure_flags(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figures as flag-like dicts (evidence = the printed amount), for fiscal.pages.flag_boxes to find them."""
    return [{"doc_id": f["doc_id"], "page": f["page"], "evidence": json.dumps({"amount": f["amount"]})}
            for f in figures if f.get("amount") is not None]


def _what(f: dict[str, Any]) -> str:
    """What a figure is: “三公”经费决算数, 2022年“三公”经费决算数, 实有人数 …"""
    return t(f"pe_fig_{f['what']}", year=f.get("year"))


def _figure_text(f: dict[str, Any], names: dict[str, str]) -> str:
    """One figure as a clause: 实有人数 122 人（file 第 2 页）."""
    value = (f"{f['amount']:,.0f} {t('pe_unit_people')}" if f["what"].startswith("staff")
             else amount(f["amount"]))
    return f"{_what(f)} {value}{paren(t('pe_where', name=names.get(f['doc_id'], f['doc_id']), page=f['page']))}"


def show(flag: dict[str, Any], names: dict[str, str]) -> None:
    """The peer group a peer_outlier flag was judged in, the agency's own figures and the pages they are on."""
    ev = _evidence(flag)
    metric, group, year = ev.get("metric"), ev.get("peer_group"), flag.get("year")
    if flag.get("rule") != RULE or not metric or not group or not year:
        return
    members = cached_lake(read.peergroup.peer_group, metric, group, int(year), thresholds())
    st.markdown(f"**{t('pe_ev_title')}**")
    median, value = ev.get("median"), ev.get("value")
    # "n times the median" reads for amounts and ratios, not for rates (a growth's median may be 0.1 %)
    times = (t("pe_ev_times", x=f"{value / median:,.1f}") if isinstance(value, (int, float))
             and isinstance(median, (int, float)) and median > 0 and metric in ("sangong_actual", "sangong_per_staff")
             else "")
    beyond = t("pe_ev_below" if ev.get("direction") == "low" else "pe_ev_above", fence=fmt(metric, ev.get("fence")))
    st.markdown(t("pe_ev_summary", group=group_name(group), year=year, n=ev.get("peers") or members.height,
                  metric=label("metric", metric), value=fmt(metric, value), median=fmt(metric, median),
                  times=times, beyond=beyond))
    figures = own_figures(flag)
    if figures:
        st.markdown(t("pe_ev_made_of") + colon() + ("；" if lang() == "zh" else "; ").join(
            _figure_text(f, names) for f in figures))
    _members(members, flag, metric)
    _figure_pages(figures, flag, names)


def _members(members: pl.DataFrame, flag: dict[str, Any], metric: str) -> None:
    """The peer group's agency-years, oddest first, the flagged agency marked."""
    if members.is_empty():
        return
    shown = members.head(MAX_SHOWN).select(
        (pl.col("agency_id") == flag.get("agency_id")).alias("own"), "agency", "region",
        pl.col("value").map_elements(lambda v: fmt(metric, v, with_unit=False), return_dtype=pl.String),
        "note", pl.col("outlier").fill_null(False))
    cc = st.column_config
    shown_unit = {"sangong_per_staff": t("pe_per_staff"), "sangong_actual": unit(),
                  "self_score_mean": t("pe_points")}.get(metric)
    head = label("metric", metric) + (paren(shown_unit) if shown_unit else "")
    st.dataframe(shown, hide_index=True, placeholder="—", width="stretch",
                 height=min(35 * (shown.height + 1) + 3, 420),
                 column_config={"own": cc.CheckboxColumn(t("pe_ev_own"), width="small"),
                                "agency": cc.TextColumn(label("column", "agency")),
                                "region": cc.TextColumn(label("column", "region")),
                                "value": cc.TextColumn(head),
                                "note": cc.TextColumn(t("pe_ev_note"), width="medium"),
                                "outlier": cc.CheckboxColumn(t("pe_ev_outlier"), width="small")})
    if members.height > MAX_SHOWN:
        st.caption(t("pe_ev_cut", n=MAX_SHOWN, total=members.height))


def _figure_pages(figures: list[dict[str, Any]], flag: dict[str, Any], names: dict[str, str]) -> None:
    """Each own figure printed on another page than the flag's, cropped to it (a sentence found as text, a table
    figure by its located box)."""
    seen = {(flag.get("doc_id"), flag.get("page"))}
    for f in figures:
        if (f["doc_id"], f["page"]) in seen or not f.get("page"):
            continue
        seen.add((f["doc_id"], f["page"]))
        boxes = flag_boxes(cached_lake(page_figures, f["doc_id"], int(f["page"])), figure_flags([f]))
        title = t("fl_other_page", what=_what(f), name=names.get(f["doc_id"], f["doc_id"]), page=f["page"])
        with st.expander(title, expanded=True, icon=":material/description:"):
            try:
                excerpt = render_excerpt(Path(lake()), f["doc_id"], int(f["page"]),
                                         (f["text"],) if f.get("text") else (), figures=tuple(boxes))
            except (SourceMissing, ValueError):
                st.caption(t("fl_source_missing"))
                continue
            except ImportError:
                st.caption(t("fl_no_renderer"))
                return
            st.image(excerpt.png, width="stretch")
            st.caption(t("fl_excerpt_figure") if boxes else t("fl_excerpt") if excerpt.found else t("fl_other_whole"))
