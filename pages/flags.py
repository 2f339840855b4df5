"""异常标记: every flag with its evidence, adjustable rule thresholds, and the printed source page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from fiscal.pages import SourceMissing, render_page
from pages._auth import require
from pages._common import SEVERITY_ORDER, ensure_navigation, flags_status, lake, require_documents, rule_catalog
from pages._i18n import label, labels, lang, pct, t

TABLE_COLUMNS = ["severity_name", "rule_name", "agency", "year", "project", "message", "evidence", "page"]


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
    with st.expander(t("fl_thresholds") + (f"（{changed}）" if changed else ""), expanded=False):
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
                        param, key=key, step=0.01 if small else 1.0, format="%.2f" if small else "%.0f",
                        min_value=0.0, on_change=_store_threshold, args=(r["rule"], param, float(default)),
                    )
        st.button(t("fl_reset"), on_click=_reset_thresholds, args=(catalog,), disabled=not changed)


def _view(fl: pl.DataFrame) -> pl.DataFrame:
    """The flags with localised rule and severity names, most severe first."""
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    return fl.with_columns(
        pl.col("severity").replace_strict(labels("severity"), default=pl.col("severity")).alias("severity_name"),
        pl.col("rule").replace_strict(labels("rule"), default=pl.col("rule")).alias("rule_name"),
        pl.col("severity").replace_strict(rank, default=9, return_dtype=pl.Int8).alias("_rank"),
    ).sort("_rank", "rule", "agency", "year").drop("_rank")


def _pick(view: pl.DataFrame) -> pl.DataFrame:
    """Narrow the list by rule and severity."""
    left, right = st.columns([3, 1])
    rules = sorted(view.get_column("rule").unique().to_list(), key=lambda r: label("rule", r))
    with left:
        rule_names = labels("rule")
        chosen = st.multiselect(t("fl_rule"), rules, key="fl_rules", format_func=lambda r: rule_names.get(r, r),
                                placeholder=t("f_all"))
    severity_names = labels("severity")
    severities = [s for s in SEVERITY_ORDER if s in set(view.get_column("severity").to_list())]
    with right:
        sev = st.multiselect(t("fl_severity"), severities, key="fl_severities",
                             format_func=lambda s: severity_names.get(s, s), placeholder=t("f_all"))
    if chosen:
        view = view.filter(pl.col("rule").is_in(chosen))
    if sev:
        view = view.filter(pl.col("severity").is_in(sev))
    return view


# evidence values that are fractions, shown as percentages
PERCENT_KEYS = frozenset({"exec_rate", "exec_rate_reported", "change", "growth", "sangong_growth", "share"})


def _evidence_value(key: str, value: Any) -> str:
    """One evidence value as the reader sees it: % for rates, thousands separators, 是/否, — for nothing."""
    if value is None or value == "":
        return t("missing")
    if isinstance(value, bool):
        return ("是" if value else "否") if lang() == "zh" else ("yes" if value else "no")
    if isinstance(value, (int, float)):
        if key in PERCENT_KEYS:
            return pct(float(value))
        return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return "、".join(label("dataset", v) if key == "missing" else str(v) for v in value) or t("missing")
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "；".join(f"{label('evidence', k)} {_evidence_value(k, v)}" for k, v in value.items())
    return str(value)


def evidence_items(text: str | None) -> list[tuple[str, str]] | None:
    """(label, value) pairs of a flag's JSON evidence; None when it is not a JSON object."""
    if not text:
        return []
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    return [(label("evidence", k), _evidence_value(k, v)) for k, v in data.items()]


def evidence_text(text: str | None) -> str | None:
    """A flag's evidence in one line for the table: 全年预算数 10.00 · 执行率 0.0% …"""
    items = evidence_items(text)
    if items is None:
        return text
    return " · ".join(f"{k} {v}" for k, v in items) or None


def _evidence(text: str | None) -> None:
    """The numbers a flag compared, as a small table with named keys."""
    if not text:
        return
    items = evidence_items(text)
    if items is None:
        try:
            st.json(json.loads(text))
        except (TypeError, ValueError):
            st.code(text, language=None)
        return
    st.dataframe(pl.DataFrame(items, schema={"key": pl.String, "value": pl.String}, orient="row"),
                 hide_index=True, placeholder="—", width="stretch",
                 column_config={"key": st.column_config.TextColumn(label("column", "evidence")),
                                "value": st.column_config.TextColumn(label("column", "value"))})


def _source(row: dict[str, Any], names: dict[str, str]) -> None:
    """The flag's details next to the page of the stored PDF it points to."""
    page = row.get("page")
    name = names.get(row.get("doc_id") or "", row.get("doc_id") or "")
    left, right = st.columns([2, 3])
    with left:
        st.subheader(label("rule", row["rule"]))
        missing = t("missing")
        st.markdown(f"**{row.get('agency') or missing}** · {row.get('year') or missing} · "
                    f"{label('severity', row['severity'])}")
        st.markdown(f"{label('column', 'project')}：{row.get('project') or missing}")
        st.markdown(row.get("message") or "")
        _evidence(row.get("evidence"))
    with right:
        if not row.get("doc_id") or not page:
            st.caption(t("fl_no_page"))
            return
        try:
            png = render_page(Path(lake()), row["doc_id"], int(page), scale=1.6)
        except (SourceMissing, ValueError):
            st.caption(t("fl_source_missing"))
            return
        except ImportError:  # pypdfium2 is optional for the dashboard
            st.caption(t("fl_no_renderer"))
            return
        with st.container(border=True):
            st.image(png, caption=t("fl_source", name=name, page=page), width="stretch")


def main() -> None:
    """Draw the page."""
    require("view")  # before anything is read: sign-in and role, server-side
    ensure_navigation()
    st.title(t("fl_title"))
    docs = require_documents()
    catalog = rule_catalog()
    if catalog is None:
        st.info(t("fl_unavailable"))
        return
    _thresholds(catalog)
    fl, problem = flags_status()
    if problem:
        st.error(t("fl_unavailable") if problem == "unavailable" else t("fl_error", error=problem))
        return
    if fl is None or fl.is_empty():
        st.info(t("fl_none"))
        return
    notes = fl.filter(pl.col("category") == "reading") if "category" in fl.columns else fl.clear()
    fl = fl.filter(pl.col("category").fill_null("finding") != "reading") if "category" in fl.columns else fl
    st.subheader(t("fl_findings"))
    view = _pick(_view(fl))
    st.caption(t("fl_count", n=view.height) + " " + t("fl_pick"))
    cc = st.column_config
    shown = view.select(TABLE_COLUMNS).with_columns(
        pl.Series("evidence", [evidence_text(e) for e in view.get_column("evidence").to_list()], dtype=pl.String))
    event = st.dataframe(
        shown, hide_index=True, placeholder="—", width="stretch", on_select="rerun", selection_mode="single-row",
        key="fl_table",
        column_config={
            "severity_name": cc.TextColumn(label("column", "severity"), width="small"),
            "rule_name": cc.TextColumn(label("column", "rule")),
            "agency": cc.TextColumn(label("column", "agency")),
            "year": cc.NumberColumn(label("column", "year"), format="%d"),
            "project": cc.TextColumn(label("column", "project")),
            "message": cc.TextColumn(label("column", "message"), width="large"),
            "evidence": cc.TextColumn(label("column", "evidence")),
            "page": cc.NumberColumn(label("column", "page"), format="%d"),
        },
    )
    names = dict(docs.select("doc_id", "source_name").iter_rows())
    if not view.is_empty():
        rows = event.selection.rows if event and event.selection else []
        row = view.row(rows[0] if rows else 0, named=True)
        _source(row, names)
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
