"""Read-side queries behind the dashboard pages (no Streamlit imports)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
from deltalake import DeltaTable
from deltalake.exceptions import TableNotFoundError

from fiscal import store

# Datasets whose rows belong to a document (everything but `documents` itself).
ROW_DATASETS: tuple[str, ...] = ("summary", "line_items", "economic_items", "sangong", "projects", "indicators")


def table_version(lake: Path, dataset: str) -> int | None:
    """The Delta version of a dataset, or None when the table does not exist yet."""
    path = store.table_path(lake, dataset)
    if not (path / "_delta_log").is_dir():
        return None
    try:
        return DeltaTable(str(path)).version()
    except TableNotFoundError:
        return None


def lake_state(lake: Path) -> tuple[Any, ...]:
    """A cheap fingerprint that changes whenever an ingest commits or quarantines a file."""
    # `documents` is committed last in every batch, so its version moves with every ingest.
    qdir = store.quarantine_dir(lake)
    records = sorted((f.name, f.stat().st_mtime_ns) for f in qdir.glob("*.json")) if qdir.is_dir() else []
    return (str(Path(lake).resolve()), table_version(lake, "documents"), tuple(records))


def documents(lake: Path) -> pl.DataFrame:
    """All ingested documents, newest year first, then by region, agency and file name."""
    return store.read(lake, "documents").sort(
        ["year", "region_code", "agency", "source_name"], descending=[True, False, False, False], nulls_last=True
    )


def document_report(lake: Path, doc_id: str) -> dict[str, Any]:
    """One document's ingest report: its documents row, warnings, tables and row counts per dataset."""
    doc = store.read(lake, "documents").filter(pl.col("doc_id") == doc_id)
    if doc.is_empty():
        raise KeyError(f"document {doc_id} is not in the lake {lake}")
    row = doc.row(0, named=True)
    rows = {
        dataset: store.scan(lake, dataset).filter(pl.col("doc_id") == doc_id).select(pl.len()).collect().item()
        for dataset in ROW_DATASETS
    }
    return {
        "document": row,
        "warnings": list(row.get("warnings") or []),
        "tables": list(row.get("tables") or []),
        "rows": rows,
        "source": store.source_path(lake, doc_id),
    }


def quarantined(lake: Path) -> pl.DataFrame:
    """Files the ingest could not read, one row per file with stage and reason."""
    return store.quarantined(lake).sort("name")
