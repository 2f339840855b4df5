"""Documents: the list, one document's report, the quarantine, the sidebar's options, downloads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import filters, store
from fiscal.filters import Filters
from fiscal.read.cache import ROW_DATASETS, memo
from fiscal.read.counting import DOC_KEY, counted_docs, one_doc_each, rows_of
from fiscal.read.lake import linked, read, reduced, rows_of_docs, scan, selected_documents
from fiscal.read.recent import recent


def documents(lake: Path) -> pl.DataFrame:
    """All ingested documents, newest year first, then by region, agency and file name (sorted once per version)."""
    return memo(lake, "documents_sorted", lambda: read(lake, "documents").sort(
        ["year", "region_code", "agency", "source_name"], descending=[True, False, False, False], nulls_last=True
    ), ("documents",))


@dataclass(frozen=True)
class DocumentReport:
    """One document's ingest report."""

    document: dict[str, Any]  # its documents row
    warnings: list[str]
    tables: list[str]  # table families found
    rows: dict[str, int]  # dataset → rows
    source: Path  # the stored PDF


def document_report(lake: Path, doc_id: str) -> DocumentReport:
    """One document's ingest report: its documents row, warnings, tables and row counts per dataset (read from
    the document's files once per lake version)."""
    return recent(lake, "document_report", doc_id, lambda: _document_report(lake, doc_id))


def _document_report(lake: Path, doc_id: str) -> DocumentReport:
    doc = read(lake, "documents").filter(pl.col("doc_id") == doc_id)
    if doc.is_empty():
        raise KeyError(f"document {doc_id} is not in the lake {lake}")
    row = doc.row(0, named=True)
    rows = {
dataset: rows_of_docs(lake, dataset, [doc_id]).height for dataset in ROW_DATASETS
    }
    return DocumentReport(row, list(row.get("warnings") or []), list(row.get("tables") or []), rows,
                          store.source_path(lake, doc_id))


def document_readings(lake: Path, doc_id: str) -> pl.DataFrame:
    """How the ingest read each table of one document (the `readings` rows), in page order."""
    return recent(lake, "document_readings", doc_id, lambda: rows_of_docs(lake, "readings", [doc_id]).sort(
        "page", "family", nulls_last=True))


def reading_counts(lake: Path) -> pl.DataFrame:
    """Per document, how its tables were read: doc_id, complete, partial, unread (counts)."""
    from fiscal.read.findings import reading_status

    return memo(lake, "reading_counts", lambda: reading_status(reduced(lake, "readings", "table_statuses")),
                ("readings", "projects"))


def quarantined(lake: Path) -> pl.DataFrame:
    """Files the ingest could not read, one row per file with stage and reason."""
    return store.quarantined(lake).sort("name")


# ---------------------------------------------------------------- data downloads


def dataset_rows(lake: Path, f: Filters, dataset: str) -> pl.DataFrame:
    """The rows of a dataset that count in the selection, with the document's file name.

    Counted as the pages count them (one counting rule for screen and file): a unit report
    beside its department's is left out, an agency-year-kind published twice (two renderings
    of one document) gives one document's rows; 三公 and projects are the figures their pages show.
    The documents dataset lists every file of the selection.
    """
    if f.is_empty():  # the whole lake's: kept per lake version (too large for `recent`, and the exporter
        # remembers the provenance of a large frame by its identity, seconds at 100,000 documents)
        return memo(lake, f"dataset_rows:{dataset}", lambda: _dataset_rows(lake, f, dataset),
                    (*ROW_DATASETS, "readings", "narrative"))
    return recent(lake, "dataset_rows", (f.key(), dataset), lambda: _dataset_rows(lake, f, dataset))


def _dataset_rows(lake: Path, f: Filters, dataset: str) -> pl.DataFrame:
    from fiscal.read.projects import projects
    from fiscal.read.sangong import sangong_rows

    sel = selected_documents(lake, f)
    if dataset == "documents":
        return sel.sort(["year", "region_code", "agency", "source_name"], descending=[True, False, False, False])
    if dataset == "sangong":
        rows = sangong_rows(lake, f)
    elif dataset == "projects":
        rows = projects(lake, f).drop("flags", "exec_score_share", "exec_rate", strict=False)
    else:
        docs = counted_docs(sel)
        rows = rows_of(lake, dataset, f, docs).join(docs.select("doc_id", "doc_kind"), on="doc_id", how="left")
        rows = one_doc_each(rows, docs, DOC_KEY) if rows.height else rows
    names = sel.select("doc_id", "source_name", "doc_kind")
    rows = rows.drop("source_name", "doc_kind", strict=False).join(names, on="doc_id", how="left")
    rows = rows.sort(["year", "agency", "doc_id", "page"], descending=[True, False, False, False])
    # readable columns first, the ids last
    first = ["region", "agency", "year", "doc_kind", "source_name", "page"]
    last = ["region_code", "agency_id", "doc_id"]
    middle = [c for c in rows.columns if c not in first and c not in last]
    return rows.select([*first, *middle, *last])


# ---------------------------------------------------------------- filter options


def filter_options(lake: Path) -> pl.DataFrame:
    """One row per (region_code, agency_id, year, doc_kind) present, with names, for the sidebar widgets
    (every page run asks: computed once per lake version)."""
    return memo(lake, "filter_options", lambda: _filter_options(lake), ("documents", "projects"))


def _filter_options(lake: Path) -> pl.DataFrame:
    docs = linked(lake, "documents").lazy().select(
        "region_code", "region", "province", "agency_id", "agency", "year", "doc_kind", "synthetic"
    ).collect()
    if docs.is_empty():
        return docs.with_columns(pl.lit(None, dtype=pl.String).alias("province_code"),
                                 pl.lit(None, dtype=pl.String).alias("city_code"))
    codes = docs.get_column("region_code").drop_nulls().unique()  # a few thousand regions, not every document
    cities = pl.Series([filters.city_of(c) for c in codes.to_list()], dtype=pl.String)
    return docs.with_columns(
        (pl.col("region_code").str.slice(0, 2) + "0000").alias("province_code"),
        pl.col("region_code").replace_strict(codes, cities, default=None, return_dtype=pl.String).alias("city_code"),
    ).unique().sort("region_code", "agency", "year")


def has_synthetic(lake: Path, f: Filters) -> int:
    """How many documents of the selection are synthetic demo data."""
    return int(
        scan(lake, "documents", f).select(pl.col("synthetic").fill_null(False).sum()).collect().item() or 0
    )
