"""Small read helpers for tests: the rows one source PDF put in the lake."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from fiscal import store


def rows_of(lake: Path, dataset: str, source_name: str) -> pl.DataFrame:
    """The rows of one dataset that came from the file called `source_name`."""
    docs = store.read(lake, "documents").filter(pl.col("source_name") == source_name)
    assert docs.height == 1, f"{source_name} not ingested exactly once ({docs.height})"
    return store.read(lake, dataset).filter(pl.col("doc_id") == docs["doc_id"][0])
