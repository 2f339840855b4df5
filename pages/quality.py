"""披露质量: one score (0–100) per 决算/预算 disclosure with its breakdown — required tables present,
empty tables explained, reconciliations, prose consistent with the tables, cells readable — and the
problems behind each deduction, with their pages."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from fiscal import read, scores
from pages import _theme as theme
from pages import _zh_labels
from pages._common import across_score, cached, capped, chart, flags, number, start_page, style
from pages._downloads import download_table
from pages._i18n import joined, label, labels, lang, t
from pages._messages import problem_shown

COMPONENTS = tuple(scores.QUALITY_WEIGHTS)  # the score's terms, in the order the caption and breakdown list them
GOOD, FAIR = 95.0, 85.0


def weights() -> dict[str, float]:
    """The components' weights (fiscal.scores.QUALITY_WEIGHTS)."""
    return dict(scores.QUALITY_WEIGHTS)


def _weakest(row: dict[str, Any]) -> str | None:
    """The component a document earned least of, with its share (空表有说明 22%)."""
    shares = {c: row[c] for c in COMPONENTS if row.get(c) is not None}
    if not shares:
        return None
    c = min(shares, key=lambda k: (shares[k], COMPONENTS.index(k)))
    return f"{label('quality', c)} {shares[c] * 100:.0f}%"


def _table(rows: pl.DataFrame) -> dict[str, Any] | None:
    """The ranked documents, lowest score first, each with its weakest component (every component is in the
    breakdown below and the download: seven bars a row pushed the table past the page); returns the row picked
    (default: first)."""
    on_screen = capped(rows)  # the first rows: a picked row's index is the same in `rows`
    weakest = pl.Series("weakest", [_weakest(r) for r in on_screen.iter_rows(named=True)], dtype=pl.String)
    view = on_screen.select(
        "agency", "year", pl.col("doc_kind").replace_strict(labels("kind"), default=pl.col("doc_kind")).alias("kind"),
        "score", weakest, pl.col("problems").list.len().alias("n_problems"), "region")
    download_table(rows.with_columns(pl.col("problems").list.len().alias("n_problems")), "quality",
                   ["agency", "year", "doc_kind", "score", *COMPONENTS, "n_problems", "region"],
                   {"score": "披露质量得分（分）", "n_problems": "问题（个）",
                    **{c: f"{_zh_labels.LABELS['quality'][c]}（%）" for c in COMPONENTS}}, percent=COMPONENTS)
    cc = st.column_config
    config = {
        "agency": cc.TextColumn(label("column", "agency"), width=200),
        "year": cc.NumberColumn(label("column", "year"), format="%d", width=60),
        "kind": cc.TextColumn(label("column", "doc_kind"), width=100),
        "score": cc.ProgressColumn(t("qu_score"), format="%.1f", min_value=0.0, max_value=100.0, width=130),
        "weakest": cc.TextColumn(t("qu_weakest"), width=200, help=t("qu_weakest_help")),
        "n_problems": cc.NumberColumn(t("qu_problems_n"), format="%d", width=70),
        "region": cc.TextColumn(label("column", "region"), width=130),
    }
    event = st.dataframe(view, hide_index=True, width="stretch", placeholder="—", column_config=config,
                         on_select="rerun", selection_mode="single-row", key="qu_table",
                         row_height=theme.row_height(2))
    picked = event.selection.rows if event and event.selection else []
    return rows.row(picked[0] if picked else 0, named=True) if rows.height else None


def _breakdown(row: dict[str, Any]) -> None:
    """One document's components (bar = share earned, label = points of the 100) and its problems."""
    w = weights()
    applicable = {c: row[c] for c in COMPONENTS if row.get(c) is not None}
    total_w = sum(w[c] for c in applicable) or 1.0
    kind = label("kind", row["doc_kind"])
    st.subheader(t("qu_document", agency=row["agency"], year=row["year"], kind=kind))
    names = dict(cached(read.lake.selected_documents).select("doc_id", "source_name").iter_rows())
    ids = list(row.get("doc_ids") or [row["doc_id"]])
    files = "；".join(names.get(d, d[:12]) for d in ids)  # file names only: no server paths on screen
    st.caption(t("qu_files", files=files))
    left, right = st.columns([3, 2])
    with left:
        comps = list(COMPONENTS)[::-1]
        values = [row.get(c) for c in comps]
        points = [None if v is None else 100 * w[c] * v / total_w for c, v in zip(comps, values, strict=True)]
        fig = go.Figure()
        fig.add_bar(y=[label("quality", c) for c in comps], x=[None if v is None else v * 100 for v in values],
                    orientation="h",
                    marker_color=[theme.PRIMARY if (v or 0) >= 0.95 else theme.ACCENT if (v or 0) >= 0.8
                                  else theme.ALERT for v in values],
                    text=[t("qu_na") if v is None else f"{v * 100:.0f}% · {p:.1f}/{100 * w[c] / total_w:.0f}"
                          for c, v, p in zip(comps, values, points, strict=True)],
                    textposition="outside", hoverinfo="skip", showlegend=False)
        fig.update_layout(xaxis={"range": [0, 135], "ticksuffix": "%", "tickvals": [0, 20, 40, 60, 80, 100],
                                 "ticktext": [f"{v}%" for v in (0, 20, 40, 60, 80, 100)],
                                 "title": {"text": t("qu_share_earned")}})
        chart(style(fig, height=300), key="qu_breakdown")
    with right:
        st.metric(t("qu_score"), f"{row['score']:.1f}" if row.get("score") is not None else t("missing"))
        st.markdown(f"**{t('qu_problems')}**")
        # the problems in the reader's language (the rules' own messages, quoted, stay as printed)
        problems = list((row.get("problems_en") if lang() == "en" else None) or row.get("problems") or [])
        if not problems:
            st.caption(t("qu_no_problems"))
        # in English a problem is said from its flag's figures, as the flags page says it
        fl = flags() if lang() == "en" and problems else None
        fl = fl.filter(pl.col("doc_id").is_in(ids)) if fl is not None else None
        for p in problems:
            st.markdown(f"- {problem_shown(p, fl) if lang() == 'en' else p}")


def main() -> None:
    """Draw the page."""
    start_page("qu_title")
    w = weights()
    shares = joined(f"{label('quality', c)} {w.get(c, 0) * 100:.0f}%" for c in COMPONENTS)
    st.caption(t("qu_caption", weights=shares))
    rows = across_score(read.across.quality)
    if rows is None:
        return
    if rows.is_empty():
        st.info(t("qu_empty"))
        return
    scored = rows.filter(pl.col("score").is_not_null())
    cols = st.columns(3)
    mean = number(scored.get_column("score").mean())
    cols[0].metric(t("qu_mean"), f"{mean:.1f}" if mean is not None else t("missing"))
    cols[0].caption(t("qu_docs", n=rows.height))
    worst = scored.row(0, named=True) if scored.height else None
    cols[1].metric(t("qu_lowest"), f"{worst['score']:.1f}" if worst else t("missing"))
    cols[1].caption(f"{worst['agency']} · {worst['year']}" if worst else "")
    below = scored.filter(pl.col("score") < FAIR).height
    cols[2].metric(t("qu_below", n=f"{FAIR:.0f}"), f"{below:,}")
    cols[2].caption(t("qu_full", n=scored.filter(pl.col("score") >= 100).height))
    st.subheader(t("qu_ranking"))
    st.caption(t("qu_pick"))
    row = _table(rows)
    if row is not None:
        _breakdown(row)


if __name__ == "__main__":  # st.Page runs the file as __main__; tests import the components
    main()
