"""文档: the ingested documents, one document's ingest report, the quarantine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from fiscal import queries
from fiscal.config import lake_dir
from pages._common import ensure_navigation

# Every UI string of this page, so an English table can sit next to it later.
T: dict[str, str] = {
    "title": "文档",
    "lake": "数据湖：`{lake}`",
    "empty": (
        "数据湖中还没有文档。请先导入 PDF：在项目目录运行 `make lake`（导入自带样例），"
        "或 `python -m ingest samples/ --lake {lake}`（可换成你自己的文件或目录）。"
    ),
    "count": "共 {docs} 份文档，{agencies} 个单位/部门，{years} 个年度。",
    "col_source": "来源文件",
    "col_region": "地区",
    "col_agency": "单位/部门",
    "col_year": "年度",
    "col_kind": "类型",
    "col_scope": "口径",
    "col_pages": "页数",
    "col_tables": "识别表格",
    "col_tables_help": "识别出的表格数 / 该类文档应有的表格数",
    "col_passed": "校验通过",
    "col_failed": "校验失败",
    "col_seconds": "耗时(秒)",
    "col_ingested": "入库时间",
    "report": "单个文档报告",
    "pick": "选择文档",
    "warnings": "警告",
    "no_warnings": "没有警告。",
    "tables": "识别到的表格",
    "no_tables": "没有识别到表格。",
    "rows": "各数据集行数",
    "source_kept": "原始 PDF：`{path}`",
    "quarantine": "隔离区",
    "quarantine_help": "无法读取的文件放在隔离区，附原因，导入不会中断。",
    "quarantine_empty": "隔离区为空。",
    "q_name": "文件",
    "q_stage": "阶段",
    "q_reason": "原因",
    "q_detail": "详情",
    "missing": "—",
}

KIND: dict[str, str] = {"final_account": "决算", "budget": "预算", "performance_report": "绩效自评"}
SCOPE: dict[str, str] = {"department": "部门", "unit": "单位"}
DATASET: dict[str, str] = {
    "summary": "收支总表",
    "line_items": "功能分类明细",
    "economic_items": "经济分类明细",
    "sangong": "三公经费",
    "projects": "绩效项目",
    "indicators": "绩效指标",
}


@st.cache_data(show_spinner=False)
def _documents(lake: str, state: tuple[Any, ...]) -> pl.DataFrame:
    """The documents table; `state` (the lake's version) is only the cache key."""
    return queries.documents(Path(lake))


@st.cache_data(show_spinner=False)
def _report(lake: str, state: tuple[Any, ...], doc_id: str) -> dict[str, Any]:
    """One document's report, cached per lake version."""
    return queries.document_report(Path(lake), doc_id)


@st.cache_data(show_spinner=False)
def _quarantined(lake: str, state: tuple[Any, ...]) -> pl.DataFrame:
    """The quarantine records, cached per lake version."""
    return queries.quarantined(Path(lake))


def _documents_view(docs: pl.DataFrame) -> pl.DataFrame:
    """The documents frame with display labels (Chinese column names, mapped codes)."""
    missing = T["missing"]
    return docs.select(
        pl.col("source_name").alias(T["col_source"]),
        pl.col("region").alias(T["col_region"]),
        pl.col("agency").alias(T["col_agency"]),
        pl.col("year").alias(T["col_year"]),
        pl.col("doc_kind").replace_strict(KIND, default=pl.col("doc_kind")).alias(T["col_kind"]),
        pl.col("scope").replace_strict(SCOPE, default=pl.col("scope")).alias(T["col_scope"]),
        pl.col("pages").alias(T["col_pages"]),
        pl.concat_str(
            pl.col("tables_found").cast(pl.String).fill_null(missing),
            pl.col("tables_expected").cast(pl.String).fill_null(missing),
            separator=" / ",
        ).alias(T["col_tables"]),
        pl.col("checks_passed").alias(T["col_passed"]),
        pl.col("checks_failed").alias(T["col_failed"]),
        pl.col("seconds").alias(T["col_seconds"]),
        pl.col("ingested_at").alias(T["col_ingested"]),
    )


def _column_config() -> dict[str, Any]:
    """Formatting of the documents table's columns."""
    cc = st.column_config
    return {
        T["col_year"]: cc.NumberColumn(format="%d"),
        T["col_pages"]: cc.NumberColumn(format="%d"),
        T["col_tables"]: cc.TextColumn(help=T["col_tables_help"]),
        T["col_passed"]: cc.NumberColumn(format="%d"),
        T["col_failed"]: cc.NumberColumn(format="%d"),
        T["col_seconds"]: cc.NumberColumn(format="%.1f"),
        T["col_ingested"]: cc.DatetimeColumn(format="YYYY-MM-DD HH:mm", timezone="Asia/Shanghai"),
    }


def _doc_label(row: dict[str, Any]) -> str:
    """How a document is named in the picker."""
    kind = KIND.get(row["doc_kind"], row["doc_kind"] or T["missing"])
    return f"{row['agency']} · {row['year']} {kind} · {row['source_name']}"


def _show_report(lake: str, state: tuple[Any, ...], docs: pl.DataFrame) -> None:
    """The picker and the chosen document's warnings, tables and row counts."""
    st.subheader(T["report"])
    labels = {row["doc_id"]: _doc_label(row) for row in docs.iter_rows(named=True)}
    doc_id = st.selectbox(T["pick"], list(labels), format_func=labels.__getitem__)
    if doc_id is None:
        return
    report = _report(lake, state, doc_id)

    cols = st.columns(len(report["rows"]))
    for col, (dataset, n) in zip(cols, report["rows"].items()):
        col.metric(DATASET.get(dataset, dataset), f"{n:,}")

    left, right = st.columns(2)
    with left:
        st.markdown(f"**{T['warnings']}**")
        if report["warnings"]:
            st.warning("\n".join(f"- {w}" for w in report["warnings"]))
        else:
            st.success(T["no_warnings"])
    with right:
        st.markdown(f"**{T['tables']}**")
        if report["tables"]:
            st.markdown(" ".join(f"`{t}`" for t in report["tables"]))
        else:
            st.caption(T["no_tables"])
    if report["source"].exists():
        st.caption(T["source_kept"].format(path=report["source"]))


def _show_quarantine(lake: str, state: tuple[Any, ...]) -> None:
    """Files the ingest set aside, with stage and reason."""
    st.subheader(T["quarantine"], help=T["quarantine_help"])
    q = _quarantined(lake, state)
    if q.is_empty():
        st.caption(T["quarantine_empty"])
        return
    st.dataframe(
        q.select(
            pl.col("name").alias(T["q_name"]),
            pl.col("stage").alias(T["q_stage"]),
            pl.col("reason").alias(T["q_reason"]),
            pl.col("detail").alias(T["q_detail"]),
        ),
        hide_index=True,
    )


def main() -> None:
    """Draw the page."""
    ensure_navigation()
    lake = st.session_state.get("lake_dir") or str(lake_dir().resolve())
    state = queries.lake_state(Path(lake))

    st.title(T["title"])
    st.caption(T["lake"].format(lake=lake))

    docs = _documents(lake, state)
    if docs.is_empty():
        st.info(T["empty"].format(lake=lake))
    else:
        st.caption(
            T["count"].format(docs=docs.height, agencies=docs["agency"].n_unique(), years=docs["year"].n_unique())
        )
        st.dataframe(_documents_view(docs), hide_index=True, column_config=_column_config())
        _show_report(lake, state, docs)
    _show_quarantine(lake, state)


main()
