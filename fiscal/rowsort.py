"""A multi-column sort by one binary key: the same order as `DataFrame.sort`, a few times faster on large frames.

Why: the lake's findings (370,000 at 100,000 documents) are ordered by eight columns, strings
among them; polars' multi-column sort took over a second for that (most of a changed threshold's
page). Encoding the columns into one binary key per row (polars' row encoding, which keeps the
sort order of every column, descending and nulls placement included) and sorting that key gives
the same order in a fraction of the time.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

# Below this many rows the plain sort is as fast (and the key not worth building).
MIN_ROWS = 20_000
_KEY = "__rowsort_key"


def sort(df: pl.DataFrame, by: Sequence[str], descending: Sequence[bool], nulls_last: bool = True,
         maintain_order: bool = False) -> pl.DataFrame:
    """`df.sort(by, descending=descending, nulls_last=nulls_last, maintain_order=maintain_order)`; rows equal in
    every column of `by` keep their order (a stable sort) when `maintain_order`."""
    by, descending = list(by), list(descending)
    if df.height < MIN_ROWS:
        return df.sort(by, descending=descending, nulls_last=nulls_last, maintain_order=maintain_order)
    try:
        key = df.select(by)._row_encode(descending=descending, nulls_last=[nulls_last] * len(by))
    except (AttributeError, TypeError, pl.exceptions.PolarsError):  # an internal of polars: gone in another version
        return df.sort(by, descending=descending, nulls_last=nulls_last, maintain_order=maintain_order)
    return df.with_columns(key.alias(_KEY)).sort(_KEY, maintain_order=maintain_order).drop(_KEY)
