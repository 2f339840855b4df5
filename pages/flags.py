"""异常标记: the findings (flags folded per project or defect) with their evidence, adjustable rule
thresholds, and the printed source page cropped to the quoted line; reading notes apart.

/flags?finding=<id> (or ?flag=<id>) opens one finding; the selected finding is written to the URL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from fiscal import read
from fiscal.filters import Filters
from fiscal.pages import SourceMissing, flag_boxes, page_figures, render_excerpt
from pages import _peer_evidence as peer_evidence
from pages import _theme as theme
from pages._common import (
    AGENCY_LINK_TEXT,
    SEVERITY_ORDER,
    agency_link,
    cached,
    cached_lake,
    capped,
    flags_status,
    lake,
    rule_catalog,
    start_page,
    words_width,
)
from pages._downloads import download_table
from pages._evidence import evidence_items
from pages._i18n import colon, joined, label, labels, lang, paren, t
from pages._messages import shown, with_messages
from pages.documents import source_button

URL_KEYS = ("finding", "flag")  # ?flag= is the older name of the same link


def _param_key(rule: str, param: str) -> str:
    return f"thr_{rule}_{param}"


def _store_threshold(rule: str, param: str, default: float) -> None:
    """Remember a changed threshold in the session (kept when the page is left)."""
    value = st.session_state[_param_key(rule, param)]
    params = {r: dict(v) for r, v in (st.session_state.get("rule_params") or {}).items()}
    if value == default:
        params.get(rule, {}).pop(param, None)
    else:
        params.setdefault(rule, {})[param] = value
    st.session_state["rule_params"] = {r: v for r, v in params.items() if v}


def _reset_thresholds(catalog: list[dict[str, Any]]) -> None:
    """Back to the rules' defaults."""
    st.session_state["rule_params"] = {}
    for r in catalog:
        for param in r["params"]:
            st.session_state.pop(_param_key(r["rule"], param), None)


def _thresholds(catalog: list[dict[str, Any]]) -> None:
    """One number input per rule parameter, bound to the session's overrides."""
    tunable = [r for r in catalog if r["params"]]
    overrides = st.session_state.get("rule_params") or {}
    changed = sum(len(v) for v in overrides.values())
    with st.expander(t("fl_thresholds") + (paren(changed) if changed else ""), expanded=False):
        cols = st.columns(3)
        for i, r in enumerate(tunable):
            with cols[i % 3]:
                st.markdown(f"**{label('rule', r['rule'])}**", help=r["description"])
                for param, default in r["params"].items():
                    key = _param_key(r["rule"], param)
                    if key not in st.session_state:
                        st.session_state[key] = float(overrides.get(r["rule"], {}).get(param, default))
                    small = abs(float(default)) <= 1
                    st.number_input(
                        label("param", param), key=key, step=0.01 if small else 1.0, format="%.2f" if small else "%.0f",
                        min_value=0.0, on_change=_store_threshold, args=(r["rule"], param, float(default)),
                    )
        st.button(t("fl_reset"), on_click=_reset_thresholds, args=(catalog,), disabled=not changed)


def _evidence(text: str | None, rule: str | None, names: dict[str, str]) -> None:
    """The numbers a flag compared, as a small table with named keys."""
    if not text:
        return
    items = evidence_items(text, rule, names)
    if items is None:
        try:
            st.json(json.loads(text))
        except (TypeError, ValueError):
            st.code(text, language=None)
        return
    # every row in view (a peer comparison's eleven were cut at ten, its note hidden behind a scroll)
    st.dataframe(pl.DataFrame(items, schema={"key": pl.String, "value": pl.String}, orient="row"),
                 hide_index=True, placeholder="—", width="stretch", height=min(35 * (len(items) + 1) + 3, 600),
                 column_config={"key": st.column_config.TextColumn(label("column", "evidence")),
                                "value": st.column_config.TextColumn(label("column", "value"))})


DOWNLOAD_COLUMNS = ["severity", "region", "agency", "year", "project", "message", "rule_names", "copies", "data"]


def download_frame(view: pl.DataFrame) -> pl.DataFrame:
    """The findings table as downloaded: the rows on screen, rule names and real/示例 in the reader's language."""
    rule_names = labels("rule")
    return view.with_columns(
        pl.col("rules").list.eval(pl.element().replace_strict(rule_names, default=pl.element()))
        .list.join("、" if lang() == "zh" else "; ").alias("rule_names"),  # rule names hold commas
        pl.when(pl.col("synthetic")).then(pl.lit(t("fl_demo"))).otherwise(pl.lit(t("fl_real"))).alias("data"))


def _download(view: pl.DataFrame, narrowed: dict[str, Any]) -> None:
    """CSV/Excel of the findings on screen (after search and filters): same rows, same order."""
    download_table(download_frame(view), "flags", DOWNLOAD_COLUMNS,
                   {"rule_names": t("fl_col_rules"), "copies": f"{t('fl_col_copies')}（份）", "data": t("fl_col_data")},
                   narrowed=narrowed)


def _findings_table(view: pl.DataFrame) -> Any:
    """The findings, one line each, agency names linking to the agency page; returns the selection event."""
    rule_names = labels("rule")
    view = capped(view)  # the first rows in the table's order: a selected row's index is the same in `view`
    shown = view.select(
        pl.col("severity").replace_strict(labels("severity"), default=pl.col("severity")).alias("severity_name"),
        pl.Series("agency_url", [agency_link(a, n) for a, n in zip(view["agency_id"], view["agency"], strict=True)],
                  dtype=pl.String),
        "year", "project", "message",
        pl.col("rules").list.eval(pl.element().replace_strict(rule_names, default=pl.element()))
        .list.join("、" if lang() == "zh" else "; ").alias("rule_names"),
        "copies",
        pl.when(pl.col("synthetic")).then(pl.lit(t("fl_demo"))).otherwise(pl.lit(t("fl_real"))).alias("data"))
    cc = st.column_config
    # the message (it opens with its page) wraps on three lines: the whole table in the page's width
    # English words wrap between words only ("Warning" was cut "Warnin|g"); Chinese wraps anywhere: the widths as
    # they were, and the message gives up what the English columns take, so the table stays in the page's width
    english = lang() == "en"
    severity_w = words_width(shown.get_column("severity_name").unique(), 60) if english else 60
    data_w = words_width(shown.get_column("data").unique(), 70) if english else 70
    return st.dataframe(
        shown, hide_index=True, placeholder="—", width="stretch", on_select="rerun", selection_mode="single-row",
        key="fl_table", row_height=theme.row_height(3),
        column_config={
            "severity_name": cc.TextColumn(label("column", "severity"), width=severity_w),
            "agency_url": cc.LinkColumn(label("column", "agency"), display_text=AGENCY_LINK_TEXT, width=130),
            "year": cc.NumberColumn(label("column", "year"), format="%d", width=50),
            "project": cc.TextColumn(label("column", "project"), width=120),
            "message": cc.TextColumn(label("column", "message"), width=330 - (severity_w - 60) - (data_w - 70)),
            "rule_names": cc.TextColumn(t("fl_col_rules"), width=120),
            "copies": cc.NumberColumn(t("fl_col_copies"), format="%d", width=50),
            "data": cc.TextColumn(t("fl_col_data"), width=data_w),
        },
    )


def _narrow(found: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, Any]]:
    """Narrow the findings by a search text, rule and severity; also what was chosen (the download's name)."""
    query = st.text_input(t("fl_search"), key="fl_q")
    found = read.findings.search(found, query or "")
    left, right = st.columns([3, 1])
    rules = sorted({r for rs in found.get_column("rules").to_list() for r in rs}, key=lambda r: label("rule", r))
    rule_names, severity_names = labels("rule"), labels("severity")
    with left:
        chosen = st.multiselect(t("fl_rule"), rules, key="fl_rules", format_func=lambda r: rule_names.get(r, r),
                                placeholder=t("f_all"))
    severities = [s for s in SEVERITY_ORDER if s in set(found.get_column("severity").to_list())]
    with right:
        sev = st.multiselect(t("fl_severity"), severities, key="fl_severities",
                             format_func=lambda s: severity_names.get(s, s), placeholder=t("f_all"))
    if chosen:
        found = found.filter(pl.col("rules").list.eval(pl.element().is_in(chosen)).list.any())
    if sev:
        found = found.filter(pl.col("severity").is_in(sev))
    return found, {"q": (query or "").strip(), "rule": chosen, "severity": sev}


def _chosen(view: pl.DataFrame, found: pl.DataFrame, event: Any) -> str | None:
    """The finding to show: the row clicked, else the one in the URL while the table shows it, else the table's
    first; written to the URL. (A search that hides the linked finding shows its first row: the finding shown is
    always one of the table's.)"""
    rows = event.selection.rows if event and event.selection else []
    linked = next((st.query_params[k] for k in URL_KEYS if k in st.query_params), None)
    shown_ids = view.get_column("finding_id")
    if rows:
        fid = shown_ids[rows[0]]
    elif linked and linked in set(shown_ids.to_list()):
        fid = linked
    elif linked and linked not in set(found.get_column("finding_id").to_list()):
        st.warning(t("fl_not_found", id=linked))
        return None
    elif not view.is_empty():
        fid = shown_ids[0]
    else:
        st.query_params.pop("finding", None)
        st.query_params.pop("flag", None)
        return None
    if st.query_params.get("finding") != fid:
        st.query_params["finding"] = fid
    st.query_params.pop("flag", None)
    return str(fid)


def _show(fid: str, fl: pl.DataFrame, docs: pl.DataFrame, names: dict[str, str]) -> None:
    """One finding: every rule that caught it, the figures compared, the quoted text, the page cropped to it."""
    members = read.findings.finding_flags(fl, docs, fid)
    if members.is_empty():
        return
    first = members.row(0, named=True)
    speaking = members.filter(pl.col("doc_id").fill_null("") == (first["doc_id"] or ""))
    missing = t("missing")
    st.subheader(t("fl_selected"))
    url = agency_link(first.get("agency_id"), first.get("agency"))
    who = f"[{first.get('agency') or missing}]({url.split('#')[0]})" if url else (first.get("agency") or missing)
    st.markdown(f"**{who}** · {first.get('year') or missing} · {label('severity', first['severity'])}"
                + (f" · {label('column', 'project')}{colon()}{first['project']}" if first.get("project") else ""))
    quotes = tuple(read.findings.quotes(speaking.to_dicts()))
    # a peer outlier's value is computed (三公 per staff member): the printed figures it is made of are what to box
    here = [f for flag in speaking.to_dicts() for f in peer_evidence.own_figures(flag)
            if (f["doc_id"], f["page"]) == (first["doc_id"], first["page"])]
    _page(first, quotes, names, speaking.to_dicts() + peer_evidence.figure_flags(here))
    _other_pages(speaking.to_dicts(), names)
    quoted = [q for q in quotes if q not in read.findings.PROJECT_ROW_LABELS and q != first.get("project")]
    # a figure alone is no quotation beside its sentence; figures alone, each once (2,946.25 and 2946.25 are one)
    quoted = [q for q in quoted if not _is_number(q)] or list({q.replace(",", ""): q for q in quoted}.values())
    if quoted:
        st.markdown(f"**{t('fl_quote')}**")
        for q in quoted[:2]:
            st.markdown("> " + q.replace("\n", " "))
    caught = speaking.unique("rule", keep="first", maintain_order=True)
    st.markdown(f"**{t('fl_caught_by', n=caught.height)}**")
    for col, row in zip(st.columns(min(caught.height, 3)), caught.head(3).iter_rows(named=True), strict=False):
        with col:
            st.markdown(_caught_line(row))
            _evidence(row.get("evidence"), row["rule"], names)
    for row in caught.slice(3).iter_rows(named=True):  # rare: a fourth rule, below the others
        st.markdown(_caught_line(row))
        _evidence(row.get("evidence"), row["rule"], names)
    for row in caught.filter(pl.col("rule") == peer_evidence.RULE).iter_rows(named=True):  # the page's width
        peer_evidence.show(row, names)
    others = sorted({names.get(d, d) for d in members.get_column("doc_id").drop_nulls().unique().to_list()
                     if d != first["doc_id"]})
    if others:
        st.caption(t("fl_other_copies", names=joined(others)))


def _caught_line(row: dict[str, Any]) -> str:
    """One rule that caught the finding: its name, severity and message."""
    said = shown(row["rule"], row["message"], row.get("page"), row.get("project"), row.get("evidence"))
    return f"**{label('rule', row['rule'])}**{paren(label('severity', row['severity']))}{colon()}{said}"


def _is_number(text: str) -> bool:
    return text.replace(",", "").replace(".", "", 1).lstrip("-").isdigit()


def excerpt_quotes(quotes: tuple[str, ...], boxes: list[Any]) -> tuple[str, ...]:
    """What to find as text on the page: all quotes, or, when the figures compared have stored boxes,
    the sentences and names only (a figure's box is where it was read, a number found as text may not be)."""
    if not boxes:
        return quotes
    return tuple(q for q in quotes if not _is_number(q) and q not in read.findings.PROJECT_ROW_LABELS)


def _page(row: dict[str, Any], quotes: tuple[str, ...], names: dict[str, str], flags: list[dict[str, Any]]) -> None:
    """The source page of the stored PDF, cropped to the figures compared (their stored boxes) and the quoted
    text, highlighted (whole page if neither is found)."""
    page = row.get("page")
    if not row.get("doc_id") or not page:
        st.caption(t("fl_no_page"))
        return
    boxes = flag_boxes(cached_lake(page_figures, row["doc_id"], int(page)), flags)
    try:
        excerpt = render_excerpt(Path(lake()), row["doc_id"], int(page), excerpt_quotes(quotes, boxes),
                                 rows=read.findings.PROJECT_ROW_LABELS, figures=tuple(boxes))
    except (SourceMissing, ValueError):
        st.caption(t("fl_source_missing"))
        return
    except ImportError:  # pypdfium2 is optional for the dashboard
        st.caption(t("fl_no_renderer"))
        return
    name = names.get(row["doc_id"], row["doc_id"])
    with st.container(border=True):
        st.image(excerpt.png, caption=t("fl_source", name=name, page=page), width="stretch")
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(t("fl_excerpt_figure") if boxes else t("fl_excerpt") if excerpt.found else t("fl_excerpt_whole"))
        report = cached_lake(read.documents.document_report, row["doc_id"])
        if report.source.exists():  # the whole document, to read the page in its context
            source_button(report.source, name, "fl_pdf")


MAX_OTHER_PAGES = 2  # a finding compares two places; more would bury the evidence under pages


def other_pages(flags: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    """(evidence key, doc_id, page) of the other pages a finding compared (its table's page, last year's
    document …): an evidence `…_page` off the finding's page, in the document its `…_doc_id` names."""
    out: dict[tuple[str, int], str] = {}
    for flag in flags:
        try:
            evidence = json.loads(flag.get("evidence") or "{}")
        except (TypeError, ValueError):
            continue
        for key, page in (evidence.items() if isinstance(evidence, dict) else ()):
            if not key.endswith("_page") or not isinstance(page, int) or isinstance(page, bool):
                continue
            doc = evidence.get(key.removesuffix("_page") + "_doc_id") or flag.get("doc_id")
            if doc and (doc, page) != (flag.get("doc_id"), flag.get("page")):
                out.setdefault((str(doc), page), key)
    return [(key, doc, page) for (doc, page), key in out.items()][:MAX_OTHER_PAGES]


def _other_pages(flags: list[dict[str, Any]], names: dict[str, str]) -> None:
    """The other pages a finding compared, each cropped to the compared figures when they were located (else the
    whole page), folded unless located."""
    for key, doc, page in other_pages(flags):
        boxes = flag_boxes(cached_lake(page_figures, doc, page), flags)
        title = t("fl_other_page", what=label("evidence", key), name=names.get(doc, doc), page=page)
        with st.expander(title, expanded=bool(boxes), icon=":material/description:"):
            try:
                excerpt = render_excerpt(Path(lake()), doc, page, (), figures=tuple(boxes))
            except (SourceMissing, ValueError):
                st.caption(t("fl_source_missing"))
                continue
            except ImportError:
                st.caption(t("fl_no_renderer"))
                return
            st.image(excerpt.png, width="stretch")
            st.caption(t("fl_excerpt_figure") if boxes else t("fl_other_whole"))


def main() -> None:
    """Draw the page."""
    start_page("fl_title")
    catalog = rule_catalog()
    if catalog is None:
        st.info(t("fl_unavailable"))
        return
    _thresholds(catalog)
    fl, problem = flags_status()
    if problem == "pending":  # the waiting notice is on the page; it draws the page again when they are in
        return
    if problem:
        st.error(t("fl_unavailable") if problem == "unavailable" else t("fl_error", error=problem))
        return
    if fl is None or fl.is_empty():
        st.info(t("fl_none"))
        return
    all_docs = cached(read.lake.selected_documents, f=Filters())
    names = dict(all_docs.select("doc_id", "source_name").iter_rows())
    notes = fl.filter(pl.col("category") == "reading") if "category" in fl.columns else fl.clear()
    fl = fl.filter(pl.col("category").fill_null("finding") != "reading") if "category" in fl.columns else fl
    found = with_messages(read.findings.findings(fl, all_docs), fl)  # English mode: described in English
    st.subheader(t("fl_findings"))
    if lang() == "en":
        st.caption(t("fl_messages_en"))
    view, narrowed = _narrow(found)
    st.caption(t("fl_count_findings", n=fl.height, k=found.height) + " " + t("fl_pick"))
    _download(view, narrowed)
    event = _findings_table(view)
    fid = _chosen(view, found, event)
    if fid:
        _show(fid, fl, all_docs, names)
    _reading_notes(notes, names)


def _reading_notes(notes: pl.DataFrame, names: dict[str, str]) -> None:
    """The reading notes (tables the ingest could not read completely), apart from the findings."""
    if notes.is_empty():
        return
    with st.expander(t("fl_reading_notes", n=notes.height), expanded=False):
        st.caption(t("fl_reading_help"))
        cc = st.column_config
        st.dataframe(
            notes.sort("agency", "year", "doc_id", "page").select(
                pl.col("doc_id").replace_strict(names, default=pl.col("doc_id")).alias("source_name"),
                "agency", "year", "page", "message"),
            hide_index=True, placeholder="—", width="stretch",
            column_config={
                "source_name": cc.TextColumn(t("doc_col_source")),
                "agency": cc.TextColumn(label("column", "agency")),
                "year": cc.NumberColumn(label("column", "year"), format="%d"),
                "page": cc.NumberColumn(label("column", "page"), format="%d"),
                "message": cc.TextColumn(label("column", "message"), width="large"),
            },
        )


if __name__ == "__main__":  # st.Page runs the file as __main__; tests import the formatters
    main()
