"""One figure per fact when the lake holds it more than once.

An agency-year can reach the lake twice: as a narrative PDF and a tables PDF (江苏
publishes both), or as a department report and its units' reports. Readers of the
lake ask for one set of figures: these functions pick it.
"""

from __future__ import annotations

import polars as pl

# Lower is better: a table beats a sentence, a sentence beats a sum of sentences.
SOURCE_RANK = {"table": 0, "prose": 1, "prose_sum": 2}


def sangong_best(sangong: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """The 三公 rows to count: per agency, year, doc kind, stage and item, the best-sourced one."""
    kinds = documents.select("doc_id", "doc_kind", "scope")
    ranked = sangong.join(kinds, on="doc_id", how="left").with_columns(
        pl.col("source").replace_strict(SOURCE_RANK, default=9).alias("_rank"),
        (pl.col("scope") != "department").cast(pl.Int8).alias("_scope_rank"),
    )
    keys = ["agency_id", "year", "doc_kind", "stage", "item"]
    return (
        ranked.sort(["_scope_rank", "_rank", "doc_id", "page"])
        .unique(subset=keys, keep="first", maintain_order=True)
        .drop("_rank", "_scope_rank")
    )
