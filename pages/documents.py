"""文档: the ingested documents, one document's ingest report, the quarantine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from fiscal import read
from pages import _theme as theme
from pages._common import cached, cached_lake, capped, header_width, lake, start_page, words_width
from pages._downloads import download_table
from pages._i18n import joined, label, labels, lang, t
from pages._messages import reason_shown


def T(key: str) -> str:  # noqa: N802 - the page's strings, in the reader's language (pages/_i18n.py)
    return t(f"doc_{key}")


_STATUS_ORDER = {"unread": 0, "partial": 1, "complete": 2}


def _show_readings(doc_id: str) -> None:
    """Each table the ingest looked for: complete / partial / unread, with the reason."""
    st.markdown(f"**{T('readings')}**", help=T("readings_help"))
    r = cached_lake(read.documents.document_readings, doc_id)
    if r.is_empty():
        st.caption(T("readings_none"))
        return
    counts = {s: r.filter(pl.col("status") == s).height for s in _STATUS_ORDER}
    st.caption(T("readings_count").format(**counts))
    status = {s: T(f"status_{s}") for s in _STATUS_ORDER}
    view = r.with_columns(pl.col("status").replace_strict(_STATUS_ORDER, default=3).alias("_o")).sort("_o", "page")
    st.dataframe(view.select(
        pl.col("status").replace_strict(status, default=pl.col("status")).alias(T("col_status")),
        pl.coalesce(pl.col("title").replace("", None), pl.col("family")).alias(T("col_table")),
        pl.col("table_pages").list.eval(pl.element().cast(pl.String)).list.join("、" if lang() == "zh" else ", ")
        .alias(T("col_page")),
        # in Python, not map_elements: the reader's language lives in the session of this thread
        pl.Series(T("col_reason"), [reason_shown(r) for r in view.get_column("reason").to_list()], dtype=pl.String),
    ), hide_index=True, placeholder="—", row_height=theme.row_height(2), column_config={  # the reason wraps
        T("col_status"): st.column_config.TextColumn(width=header_width(T("col_status"), 70)),
        T("col_table"): st.column_config.TextColumn(width=220),
        T("col_page"): st.column_config.TextColumn(width=header_width(T("col_page"), 60)),
        T("col_reason"): st.column_config.TextColumn(width=560)})


def _documents_view(docs: pl.DataFrame) -> pl.DataFrame:
    """The documents frame with display labels (Chinese column names, mapped codes)."""
    missing = t("missing")
    return docs.select(
        pl.col("source_name").alias(T("col_source")),
        pl.col("region").alias(T("col_region")),
        pl.col("agency").alias(T("col_agency")),
        pl.col("year").alias(T("col_year")),
        pl.col("doc_kind").replace_strict(labels("kind"), default=pl.col("doc_kind")).alias(T("col_kind")),
        pl.col("scope").replace_strict(labels("scope"), default=pl.col("scope")).alias(T("col_scope")),
        pl.col("pages").alias(T("col_pages")),
        pl.concat_str(
            pl.col("tables_found").cast(pl.String).fill_null(missing),
            pl.col("tables_expected").cast(pl.String).fill_null(missing),
            separator=" / ",
        ).alias(T("col_tables")),
        pl.col("checks_passed").alias(T("col_passed")),
        pl.col("checks_failed").alias(T("col_failed")),
    )


def _column_config(view: pl.DataFrame) -> dict[str, Any]:
    """Formatting of the documents table's columns: file and agency names wrap (theme.row_height) so that the
    table keeps to the page's width; kinds and scopes wrap between words only (English "Final account")."""
    cc = st.column_config
    kind, scope = T("col_kind"), T("col_scope")

    return {
        T("col_source"): cc.TextColumn(width=150),
        T("col_region"): cc.TextColumn(width=110),
        T("col_agency"): cc.TextColumn(width=140),
        T("col_year"): cc.NumberColumn(format="%d", width=header_width(T("col_year"), 55)),
        kind: cc.TextColumn(width=words_width(view.get_column(kind).unique(), header_width(kind, 75))),
        scope: cc.TextColumn(width=words_width(view.get_column(scope).unique(), header_width(scope, 55))),
        T("col_pages"): cc.NumberColumn(format="%d", width=header_width(T("col_pages"))),
        T("col_tables"): cc.TextColumn(help=T("col_tables_help"), width=header_width(T("col_tables"), 60)),
        T("col_passed"): cc.NumberColumn(format="%d", width=header_width(T("col_passed"))),
        T("col_failed"): cc.NumberColumn(format="%d", width=header_width(T("col_failed"))),
    }


def _doc_label(row: dict[str, Any]) -> str:
    """How a document is named in the picker."""
    kind = label("kind", row["doc_kind"])
    return f"{row['agency']} · {row['year']} {kind} · {row['source_name']}"


def _show_report(docs: pl.DataFrame) -> None:
    """The picker and the chosen document's warnings, tables and row counts."""
    st.subheader(T("report"))
    names = {row["doc_id"]: _doc_label(row) for row in docs.iter_rows(named=True)}
    doc_id = st.selectbox(T("pick"), list(names), format_func=names.__getitem__)
    if doc_id is None:
        return
    report = cached_lake(read.documents.document_report, doc_id)

    cols = st.columns(len(report.rows))
    for col, (dataset, n) in zip(cols, report.rows.items(), strict=True):
        col.metric(label("dataset", dataset), f"{n:,}")

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{T('warnings')}**")
        if report.warnings:
            st.warning("\n".join(f"- {w}" for w in report.warnings))
        else:
            st.success(T("no_warnings"))
    with right:
        st.markdown(f"**{T('tables')}**")
        if report.tables:  # table names as printed (the readings' titles), not the family keys
            r = cached_lake(read.documents.document_readings, doc_id)
            titles = {f: ti for f, ti in r.select("family", "title").iter_rows() if ti} if r.height else {}
            # printed titles in Chinese; the families' English names in English
            st.markdown(joined((titles.get(f) if lang() == "zh" else None) or label("family", f)
                               for f in report.tables))
        else:
            st.caption(T("no_tables"))
    _show_readings(doc_id)
    if report.source.exists():  # the file name, never the server path
        name = report.document.get("source_name") or f"{doc_id[:12]}.pdf"
        st.caption(T("source_kept").format(path=name))
        source_button(report.source, name, f"doc_pdf_{doc_id[:12]}")


def source_button(source: Path, name: str, key: str) -> None:
    """The stored PDF itself, to read the page in full (for sessions that may download; checked on the server)."""
    from pages._auth import allowed, check

    if not allowed("download"):
        return
    check("download")
    # the bytes are read on click (a callable: no st calls in it), not on every run
    st.download_button(T("pdf_download"), lambda: source.read_bytes(), file_name=name, mime="application/pdf",
                       icon=":material/picture_as_pdf:", key=key, on_click="ignore")


def _show_quarantine() -> None:
    """Files the ingest set aside, with stage and reason."""
    st.subheader(T("quarantine"), help=T("quarantine_help"))
    q = cached_lake(read.documents.quarantined)
    if q.is_empty():
        st.caption(T("quarantine_empty"))
        return
    st.dataframe(
        q.select(
            pl.col("name").alias(t("da_q_name")),
            pl.col("stage").alias(t("da_q_stage")),
            pl.col("reason").alias(t("da_q_reason")),
            pl.col("detail").alias(t("da_q_detail")),
        ),
        hide_index=True, placeholder="—",
    )


def _show_links() -> None:
    """Which names the dashboard treats as one agency or one project across years, and why."""
    agencies, projects = cached_lake(read.lake.agency_links), cached_lake(read.lake.project_links)
    method = {k: T(f"link_{k}") for k in ("mapping", "same", "fuzzy", "exact", "alone")} | {"code": T("link_code_m")}
    linked_agencies = agencies.filter(pl.col("agency_id") != pl.col("group_id"))
    grouped = projects.filter(pl.len().over("project_key") > 1, pl.col("method") != "alone")
    with st.expander(T("links").format(agencies=linked_agencies.height,
                                       projects=grouped.get_column("project_key").n_unique())):
        st.caption(T("links_help"))
        if linked_agencies.height:
            st.dataframe(linked_agencies.select(
                pl.col("agency").alias(T("col_agency")), pl.col("group_name").alias(T("link_group")),
                pl.col("method").replace_strict(method, default=pl.col("method")).alias(T("link_method")),
                pl.col("score").alias(T("link_score")), pl.col("note").alias(T("link_note")),
            ), hide_index=True, placeholder="—")
        if grouped.height:
            st.dataframe(grouped.sort("project_key", "year").select(
                pl.col("project_name").alias(T("link_project")), pl.col("year").alias(T("col_year")),
                pl.col("project").alias(T("link_printed")), pl.col("project_code").alias(T("link_code")),
                pl.col("method").replace_strict(method, default=pl.col("method")).alias(T("link_method")),
                pl.col("score").alias(T("link_score")),
            ), hide_index=True, placeholder="—")


def main() -> None:
    """Draw the page."""
    start_page("doc_title", documents=False)
    everything = cached_lake(read.documents.documents)
    # the sidebar selection narrows the list (and its download); the quarantine below is the whole lake's
    selected = cached(read.lake.selected_documents).get_column("doc_id")
    docs = everything.filter(pl.col("doc_id").is_in(selected.implode()))
    if everything.is_empty():
        st.info(T("empty").format(lake=lake()))
    elif docs.is_empty():
        st.info(t("empty_selection"))
    else:
        st.caption(
            T("count").format(docs=docs.height, agencies=docs["agency"].n_unique(), years=docs["year"].n_unique())
        )
        download_table(docs, "documents", ["source_name", "region", "agency", "year", "doc_kind", "scope", "pages",
                                           "tables_found", "tables_expected", "checks_passed", "checks_failed",
                                           "synthetic", "doc_id"])
        view = _documents_view(capped(docs))
        st.dataframe(view, hide_index=True, placeholder="—", column_config=_column_config(view),
                     row_height=theme.row_height(2))
        _show_report(docs)
        _show_links()
    _show_quarantine()


if __name__ == "__main__":  # st.Page runs the file as __main__; the flags page imports source_button
    main()
