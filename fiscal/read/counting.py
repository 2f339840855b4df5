"""Counting each figure once: a unit report is dropped when its department report is in the
selection, an agency-year published as two PDFs contributes one set of figures, and for a given
agency-year a 决算 (actuals) wins over a 预算 (plans)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from fiscal import filters
from fiscal.filters import Filters
from fiscal.read.cache import AGENCY_KEY, by_region, links_stamp, memo
from fiscal.read.lake import rows_of_docs, scan, selected_documents
from fiscal.reductions import RESIDENT

KIND_RANK: dict[str, int] = {"final_account": 0, "budget": 1, "performance_report": 2}
AGENCY_YEAR: list[str] = ["agency_id", "year"]
DOC_KEY: list[str] = ["agency_id", "year", "doc_kind"]


def doc_order(docs: pl.DataFrame) -> pl.DataFrame:
    """doc_id → _q, the documents ranked best first (fewest failed checks, most tables, most checks passed)."""
    if docs.is_empty():
        return pl.DataFrame(schema={"doc_id": pl.String, "_q": pl.UInt32})
    ranked = docs.sort(
        [pl.col("checks_failed").fill_null(1 << 20), pl.col("tables_found").fill_null(0),
         pl.col("checks_passed").fill_null(0), pl.col("doc_id")],
        descending=[False, True, True, False],
    )
    return ranked.select("doc_id").with_row_index("_q")


def counted_docs(docs: pl.DataFrame) -> pl.DataFrame:
    """The documents whose figures count: a unit-scope report is dropped when its department report is there.

    The ingest strips 本级 from agency names, so a department and its 本级 unit share an
    agency_id; a unit with a name of its own (e.g. a 事务中心) stays a separate agency.
    """
    if docs.is_empty():
        return docs
    has_dept = docs.group_by(DOC_KEY).agg((pl.col("scope") == "department").any().alias("_has_dept"))
    return (
        docs.join(has_dept, on=DOC_KEY, how="left", nulls_equal=True)
        .filter(~(pl.col("_has_dept") & (pl.col("scope") != "department")))
        .drop("_has_dept")
    )


def with_doc_rank(rows: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """Rows joined with their document's kind rank and quality rank."""
    meta = docs.select("doc_id", "doc_kind").join(doc_order(docs), on="doc_id", how="left").with_columns(
        pl.col("doc_kind").replace_strict(KIND_RANK, default=9, return_dtype=pl.Int32).alias("_kind"),
    )
    return rows.join(meta, on="doc_id", how="inner")


def one_doc_each(rows: pl.DataFrame, docs: pl.DataFrame, keys: list[str] = AGENCY_YEAR) -> pl.DataFrame:
    """Keep, per key (default: agency-year), only the rows of one document: best kind, then best quality."""
    if rows.is_empty():
        return rows
    # rank the documents that have rows (small), not the rows themselves
    present = rows.select([*keys, "doc_id"]).unique()
    best = (
        with_doc_rank(present, docs)
        .sort(["_kind", "_q"]).unique(subset=keys, keep="first", maintain_order=True)
        .select("doc_id")
    )
    return rows.join(best, on="doc_id", how="semi")


def of_docs(rows: pl.LazyFrame | pl.DataFrame, docs: pl.DataFrame) -> pl.LazyFrame:
    """The rows belonging to `docs` (a semi join: no Python list of ids)."""
    return rows.lazy().join(docs.lazy().select("doc_id"), on="doc_id", how="semi")


def rows_of(lake: Path, dataset: str, f: Filters, docs: pl.DataFrame) -> pl.DataFrame:
    """The selection's rows of a dataset that belong to `docs`."""
    if dataset in RESIDENT:
        return of_docs(scan(lake, dataset, f), docs).collect()
    return filters.apply(rows_of_docs(lake, dataset, docs.get_column("doc_id").to_list()), f).collect()


def counted_documents(lake: Path, f: Filters) -> pl.DataFrame:
    """The counted documents of the selection: those of the whole lake (per doc-kind choice, once per version)
    inside the selection; the choice is made within an agency-year-kind, which a selection keeps whole."""
    whole = _counted_whole(lake, f.kinds)
    if not (f.province or f.city or f.agencies or f.years):
        return whole
    return whole.filter(filters.predicate(f, whole.columns))


def _counted_whole(lake: Path, kinds: tuple[str, ...]) -> pl.DataFrame:
    return memo(lake, f"counted_documents:{','.join(kinds)}",
                lambda: counted_docs(selected_documents(lake, Filters(kinds=kinds))))


def whole_lake(lake: Path, name: str, f: Filters, compute: Callable[[pl.DataFrame], pl.DataFrame]) -> pl.DataFrame:
    """`compute(counted documents)` over the whole lake (per doc-kind choice), kept per agency and recomputed
    after a commit only for the agencies whose documents changed; then the selection's rows.

    The choices behind the counted figures (department over unit, one document per
    agency-year, 决算 over 预算) are made within an agency-year, so computing them once for
    the lake and filtering by region / agency / year gives what computing them for the
    selection would — only the doc-kind filter changes the choice, so it is part of the key.
    Every commit writes new `documents` rows for the documents it changed, so the documents
    alone tell which agencies to recompute (an agency's documents are counted by themselves: every choice is made
    within one of its agency-years). `compute` must return rows with agency_id (and region_code for selections).
    The rows are kept in agency order (ByRegion `by_key`): after a commit they come in the order a full
    computation gives them, so a sum over them is the same to the last digit.
    """
    kinds = Filters(kinds=f.kinds)
    key = f"{name}:{','.join(f.kinds)}"

    def build() -> pl.DataFrame:
        docs = _counted_whole(lake, kinds.kinds)
        # per agency, not per region: a city's region holds thousands of documents at 100,000, and a commit of 1,000
        # new documents brings ~70 new agencies spread over as many regions
        state = by_region(lake, f"{key}:{links_stamp(lake)}", key=AGENCY_KEY, by_key=True)
        return state.update([docs], lambda parts: compute(parts[0]))

    whole = memo(lake, key, build)
    if not (f.province or f.city or f.agencies or f.years):
        return whole
    return whole.filter(filters.predicate(f, whole.columns))


def change(cur: float | None, prev: float | None) -> float | None:
    """Relative change, None when it cannot be told."""
    if cur is None or prev is None or prev == 0:
        return None
    return cur / prev - 1


def focus_year(by_year: pl.DataFrame) -> int | None:
    """The year a summary should open on: the one covering the most agencies, the latest of ties."""
    if by_year.is_empty():
        return None
    best = by_year.get_column("agencies").max()
    year = by_year.filter(pl.col("agencies") == best).get_column("year").max()
    return int(year) if year is not None else None  # type: ignore[arg-type]  # polars types max() as any scalar


def default_year(docs: pl.DataFrame) -> int | None:
    """The year a page should open on for these documents (see focus_year)."""
    if docs.is_empty():
        return None
    return focus_year(docs.group_by("year").agg(pl.col("agency_id").n_unique().alias("agencies")))
