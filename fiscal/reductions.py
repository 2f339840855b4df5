"""What the read side keeps of the datasets it does not hold whole in memory: small per-document reductions.

Why: a document has about 190 functional lines, 50 economic lines, 80 prose figures and
15 indicators, so holding every row of every document costs ~90 KB per document (9 GB at
100,000 documents). Pages across the lake need far less: per document a few totals, the
composition leaves, the prose figures without their sentences. Each reduction here is a
function of one document's rows (never of other documents), so fiscal.snapshot keeps it
per Delta data file and updates it from the files a commit adds, like the resident tables;
detail rows (one document's indicators, a selection's download) are read from the
partitions of the documents asked for.

Every reduction returns the key columns `doc_id`, batch and file index (`KEEP`) so the
snapshot can drop a removed file's rows and hide an unfinished batch. Changing a reduction
changes `fingerprint()`, which invalidates the on-disk copies in `<lake>/_cache/`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import polars as pl

from fiscal.schema import BATCH_COLUMN, PARTITION_BY

FILE_COLUMN = "_file"  # index of the Delta data file a row came from (in-memory only)
KEEP: list[str] = ["doc_id", BATCH_COLUMN, FILE_COLUMN]
Reduction = Callable[[pl.DataFrame], pl.DataFrame]

# Datasets kept whole in memory: a few rows per document, read by most pages.
RESIDENT: frozenset[str] = frozenset({"documents", "sangong", "projects"})
FUNCTION_TABLES: tuple[str, ...] = ("expenditure", "gpb_expenditure")  # preferred first


def keys(rows: pl.DataFrame) -> pl.DataFrame:
    """Which documents (and batches) each data file holds, with their partition (the writer's clean-up reads it)."""
    return rows.select(*KEEP, *PARTITION_BY).unique()


def row_counts(rows: pl.DataFrame) -> pl.DataFrame:
    """Rows read per document."""
    return rows.group_by(KEEP).agg(pl.len().cast(pl.Int64).alias("rows"))


def leaf_flags(rows: pl.DataFrame) -> pl.DataFrame:
    """Coded lines (≥ 3 digits) with `_leaf`: True when no other coded line of the same doc/table/measure
    sits under it."""
    keys_ = ["doc_id", "table", "measure"]
    coded = rows.filter(pl.col("code").is_not_null() & (pl.col("code").str.len_chars() >= 3))
    parents = pl.concat([
        coded.filter(pl.col("code").str.len_chars() > n).select(*keys_, pl.col("code").str.slice(0, n).alias("code"))
        for n in (3, 5)
    ]).unique()
    return coded.join(parents.with_columns(pl.lit(False).alias("_leaf")), on=[*keys_, "code"], how="left",
                      maintain_order="left").with_columns(pl.col("_leaf").fill_null(True))


def _function_table(rows: pl.DataFrame) -> pl.DataFrame:
    """Per document, the rows of its one functional-classification expenditure table (支出表, else 一般公共预算)."""
    rows = rows.filter(pl.col("table").is_in(list(FUNCTION_TABLES)))
    table_of_doc = rows.group_by(KEEP).agg(
        pl.when((pl.col("table") == FUNCTION_TABLES[0]).any()).then(pl.lit(FUNCTION_TABLES[0]))
        .otherwise(pl.lit(FUNCTION_TABLES[1])).alias("table"))
    return rows.join(table_of_doc, on=[*KEEP, "table"], how="semi")


def function_totals(rows: pl.DataFrame) -> pl.DataFrame:
    """Per document and measure (total / basic / project): the printed 合计 line, else the sum of the leaf lines."""
    rows = _function_table(rows)
    by = [*KEEP, "measure"]
    printed = rows.filter(pl.col("code").is_null()).group_by(by).agg(pl.col("amount").sum())
    leaves = leaf_flags(rows).filter(pl.col("_leaf")).group_by(by).agg(pl.col("amount").sum())
    both = pl.concat([printed.with_columns(pl.lit(0, pl.Int8).alias("_src")),
                      leaves.with_columns(pl.lit(1, pl.Int8).alias("_src"))])
    return both.sort("_src").unique(subset=by, keep="first").drop("_src")


def function_lines(rows: pl.DataFrame) -> pl.DataFrame:
    """Per document, the coded lines of its expenditure table's `total` measure with a positive amount,
    `_leaf` marking the lowest level (the composition page's tree and 类 shares)."""
    rows = _function_table(rows).filter(pl.col("measure") == "total")
    return leaf_flags(rows).filter(pl.col("amount") > 0).select(*KEEP, "code", "name", "amount", "_leaf")


def economic_lines(rows: pl.DataFrame) -> pl.DataFrame:
    """Per document, the economic-classification 类 lines and the positive 款 lines (人员经费 / 公用经费)."""
    coded = rows.filter(pl.col("code").is_not_null() & pl.col("group").is_not_null())
    keep = (coded.get_column("code").str.len_chars() == 3) | (
        (coded.get_column("code").str.len_chars() == 5) & (coded.get_column("amount") > 0))
    return coded.filter(keep).select(*KEEP, "code", "name", "group", "amount")


def summary_total(rows: pl.DataFrame) -> pl.DataFrame:
    """Per document, the 本年支出合计 of its 收入支出总表 and its page."""
    return rows.filter((pl.col("table") == "summary") & (pl.col("item") == "expenditure_total")).group_by(KEEP).agg(
        pl.col("amount").first().alias("summary_total"), pl.col("page").first())


def prose_figures(rows: pl.DataFrame) -> pl.DataFrame:
    """The prose figures (rows with an amount) and the agency names the prose prints, without their sentences:
    what the lake-wide scores and peer groups read (staff counts, figures the rules compare)."""
    return rows.filter(pl.col("amount").is_not_null() | pl.col("key").str.starts_with("agency_name_")).with_columns(
        pl.lit(None, dtype=pl.String).alias("text"))


def scored_indicators(rows: pl.DataFrame) -> pl.DataFrame:
    """Indicators with a weight and a score, without their texts (the self-scoring inflation index)."""
    texts = [c for c in ("target", "actual", "note", "level1", "level2", "name") if c in rows.columns]
    return rows.filter(pl.col("weight") > 0, pl.col("score").is_not_null()).with_columns(
        pl.lit(None, dtype=pl.String).alias(c) for c in texts)


def table_statuses(rows: pl.DataFrame) -> pl.DataFrame:
    """How each table was read (family, title, pages, status, counts), without the reasons' text."""
    return rows.with_columns(pl.lit(None, dtype=pl.String).alias("reason"))


REDUCTIONS: dict[str, dict[str, Reduction]] = {
    "summary": {"summary_total": summary_total, "row_counts": row_counts},
    "line_items": {"function_totals": function_totals, "function_lines": function_lines, "row_counts": row_counts},
    "economic_items": {"economic_lines": economic_lines, "row_counts": row_counts},
    "narrative": {"prose_figures": prose_figures},
    "indicators": {"scored_indicators": scored_indicators, "row_counts": row_counts},
    "readings": {"table_statuses": table_statuses},
}


def of(dataset: str) -> dict[str, Reduction]:
    """The reductions kept for an on-demand dataset, `keys` always among them."""
    return {"keys": keys, **REDUCTIONS.get(dataset, {})}


def fingerprint() -> str:
    """Changes whenever this module (the reductions' code) changes."""
    return hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:16]
