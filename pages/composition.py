"""支出结构: 类 → 款 → 项 treemap, agencies side by side, basic vs project, 人员经费 vs 公用经费."""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go
import polars as pl
import streamlit as st

from fiscal import read
from pages import _theme as theme
from pages._common import COLORS, cached, capped, chart, filters, money_column, number, start_page, style
from pages._downloads import download_table
from pages._filters import url_select
from pages._i18n import amount, label, labels, lang, pct, t, unit

GROUP_COLORS = {"personnel": COLORS[0], "public": COLORS[1]}


def _year_choice(docs: pl.DataFrame) -> int:
    """The year the page shows (by default the latest well-covered one), kept in the URL as ?year=."""
    years = sorted(docs.get_column("year").unique().drop_nulls().to_list(), reverse=True)
    default = read.counting.default_year(docs) or years[0]
    return int(url_select(t("co_year"), years, "year", "co_year", default, width=160))


TABLE_COLUMNS = ["agency", "region", "year", "doc_kind", "basic", "project", "total", "basic_share"]
TABLE_HEADERS = {"basic": "基本支出（万元）", "project": "项目支出（万元）", "total": "支出合计（万元）",
                 "basic_share": "基本支出占比（%）"}


def _table(bp: pl.DataFrame, year: int) -> None:
    """Per agency the expenditure total and its basic/project split: the rows behind the figures above."""
    st.subheader(t("co_table"))
    if bp.is_empty():  # a message, not an empty grid (its placeholder reads "empty") with downloads of nothing
        st.caption(t("ov_no_expenditure"))
        return
    view = bp.sort("total", descending=True)
    download_table(view, "composition", TABLE_COLUMNS, TABLE_HEADERS, percent=("basic_share",), narrowed={"year": year})
    cc = st.column_config
    st.dataframe(
        capped(view).select(TABLE_COLUMNS).with_columns(
            pl.col("doc_kind").replace_strict(labels("kind"), default=pl.col("doc_kind")),
            pl.col("basic_share") * 100),
        hide_index=True, placeholder="—", width="stretch",
        column_config={
            "agency": cc.TextColumn(label("column", "agency")), "region": cc.TextColumn(label("column", "region")),
            "year": cc.NumberColumn(label("column", "year"), format="%d"),
            "doc_kind": cc.TextColumn(label("column", "doc_kind")),
            "basic": money_column(label("measure", "basic")),
            "project": money_column(label("measure", "project")),
            "total": money_column(label("column", "total")),
            "basic_share": cc.NumberColumn(t("co_basic_share"), format="%.1f%%"),
        },
    )


def _treemap(tree: pl.DataFrame) -> None:
    """The functional classification as a treemap (amounts in 万元, shares of the parent)."""
    st.subheader(t("co_tree"))
    if tree.is_empty():
        st.caption(t("co_tree_empty"))
        return
    total = t("co_total")
    df = tree.with_columns(pl.lit(total).alias("root")).to_pandas()
    fig = px.treemap(df, path=["root", "class", "section", "item"], values="amount", maxdepth=3)
    fig.update_traces(
        texttemplate="%{label}<br>%{value:,.2f}<br>%{percentParent:.1%}",
        hovertemplate="%{label}<br>%{value:,.2f} " + unit() + "<br>%{percentRoot:.1%}<extra></extra>",
        root_color=theme.PANEL,
    )
    # a box too small to hold its label legibly shows none (its figures are in the hover), not a smudge
    fig.update_layout(uniformtext={"minsize": 10, "mode": "hide"})
    chart(style(fig, height=520), key="composition_tree")


def class_colors(by_class: pl.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """The 类 a stacked bar tells apart, largest first, each its own colour (one colour naming two 类 reads as
    one): as many as the palette holds less one, the rest together as 其他 in grey."""
    ranked = by_class.group_by("class").agg(pl.col("amount").sum()).sort(["amount", "class"], descending=[True, False])
    names = ranked.get_column("class").to_list()
    kept = names if len(names) <= len(COLORS) else names[: len(COLORS) - 1]
    colors = dict(zip(kept, COLORS, strict=False))
    if len(kept) < len(names):
        colors[t("co_other")] = theme.MUTED
    return {c: c for c in kept}, colors


def _compare(by_class: pl.DataFrame) -> None:
    """Shares of each 类 per agency (or region), as 100% stacked bars."""
    st.subheader(t("co_compare"))
    if by_class.is_empty():
        st.caption(t("co_tree_empty"))
        return
    modes = {"agency": t("co_by_agency"), "region": t("co_by_region")}
    mode = url_select(t("co_compare_by"), list(modes), "by", "co_compare_by", "agency", widget=st.radio,
                      horizontal=True, format_func=modes.get)
    group = "agency" if mode == "agency" else "region"
    classes, colors = class_colors(by_class)
    df = by_class.with_columns(pl.col("class").replace_strict(classes, default=pl.lit(t("co_other")))).group_by(
        group, "class").agg(pl.col("amount").sum()).with_columns(
        (pl.col("amount") / pl.col("amount").sum().over(group)).alias("share")
    ).sort(group, "class")
    fig = px.bar(df.to_pandas(), y=group, x="share", color="class", orientation="h", color_discrete_map=colors,
                 category_orders={"class": list(colors)}, custom_data=["amount"],
                 labels={"share": t("co_share"), group: "", "class": ""})
    fig.update_traces(hovertemplate="%{y}<br>%{fullData.name}<br>%{x:.1%} · %{customdata[0]:,.2f} " + unit()
                      + "<extra></extra>")
    fig.update_layout(barmode="stack", xaxis={"tickformat": ".0%"})
    n = df.get_column(group).n_unique()
    chart(style(fig, height=max(260, 60 + 38 * n)), key="composition_compare")


def _basic_project(bp: pl.DataFrame) -> None:
    """Basic vs project spending per agency."""
    st.subheader(t("co_basic_project"))
    bp = bp.filter(pl.col("basic").is_not_null() & pl.col("project").is_not_null() & (pl.col("total") > 0))
    if bp.is_empty():
        st.caption(t("co_tree_empty"))
        return
    fig = go.Figure()
    for measure in ("basic", "project"):
        values = bp.get_column(measure).to_list()
        shares = (bp.get_column(measure) / (bp.get_column("basic") + bp.get_column("project"))).to_list()
        fig.add_bar(y=bp.get_column("agency").to_list(), x=values, orientation="h", name=label("measure", measure),
                    text=[pct(s, 0) for s in shares], textposition="inside", textangle=0,
                    hovertemplate="%{y}: %{x:,.2f} " + unit() + "<extra>" + label("measure", measure) + "</extra>")
    fig.update_layout(barmode="stack", uniformtext={"minsize": 10, "mode": "hide"})  # no share turned on its side
    chart(theme.money_axis(style(fig, height=max(240, 60 + 38 * bp.height)), "x", lang()),
          key="composition_basic_project")


def _economic(groups: pl.DataFrame, lines: pl.DataFrame) -> None:
    """人员经费 vs 公用经费 per agency, and the largest economic lines."""
    st.subheader(t("co_economic"))
    if groups.is_empty():
        st.caption(t("co_economic_empty"))
        return
    left, right = st.columns(2)
    with left:
        wide = groups.filter(pl.col("group").is_in(["personnel", "public"]))
        fig = go.Figure()
        for group in ("personnel", "public"):
            part = wide.filter(pl.col("group") == group)
            fig.add_bar(y=part.get_column("agency").to_list(), x=part.get_column("amount").to_list(), orientation="h",
                        name=label("group", group), marker_color=GROUP_COLORS[group],
                        hovertemplate="%{y}: %{x:,.2f} " + unit() + "<extra>" + label("group", group) + "</extra>")
        fig.update_layout(barmode="stack")
        chart(theme.money_axis(style(fig, height=max(240, 60 + 38 * wide.get_column("agency").n_unique())), "x",
                               lang()), key="composition_groups")
    with right:
        st.caption(t("co_economic_lines"))
        top = lines.head(15).with_columns(
            (pl.col("code") + " " + pl.col("name")).alias("line"),
            pl.col("group").replace_strict(labels("group"), default=pl.col("group")).alias("group_name"),
        ).reverse()
        # 其他 (`other`, a line of neither group, docs/CONTRACT.md) named and grey, after the two groups
        colors = {label("group", g): c for g, c in {**GROUP_COLORS, "other": theme.MUTED}.items()}
        fig = px.bar(top.to_pandas(), x="amount", y="line", color="group_name", orientation="h",
                     color_discrete_map=colors, labels={"amount": unit(), "line": "", "group_name": ""},
                     category_orders={"group_name": list(colors)})  # the legend in the left chart's order
        fig.update_traces(hovertemplate="%{y}: %{x:,.2f} " + unit() + "<extra></extra>")
        fig.update_yaxes(categoryorder="array", categoryarray=top.get_column("line").to_list())  # largest on top
        chart(theme.money_axis(style(fig, height=480), "x", lang()), key="composition_lines")


def main() -> None:
    """Draw the page."""
    docs = start_page("co_title")
    year = _year_choice(docs)
    comp = cached(read.spending.composition, f=filters().with_(years=(year, year)))
    total = number(comp.basic_project.get_column("total").sum())
    # no expenditure total in the selection is not a total of 0.00 万元
    st.caption(f"{year} · {t('co_total')} {amount(total)}" if comp.basic_project.height else
               f"{year} · {t('ov_no_expenditure')}")
    _treemap(comp.tree)
    _compare(comp.by_agency_class)
    _basic_project(comp.basic_project)
    _economic(comp.economic_groups, comp.economic_lines)
    _table(comp.basic_project, year)


if __name__ == "__main__":  # st.Page runs the file as __main__; tests import class_colors
    main()
