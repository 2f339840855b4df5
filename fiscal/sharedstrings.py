"""Parquet read so that repeated strings are held once: what a reader keeps for long (its lake copies, the flags).

Why: polars holds a string column as 16-byte views plus, for strings longer than 12 bytes,
their bytes. Read from Parquet, every row gets its own copy of the bytes, so a document's
doc_id (48 bytes), batch id, region and agency names are stored once per row of the
document: at 100,000 documents ~40 % of the read side's copies. Here a column of few
distinct values is rebuilt as views into one copy of each value (a gather from its unique
values: the views point into the same buffers). The frame is equal to what `pl.read_parquet`
returns; only the memory behind it differs. The file is read a column at a time, so the
per-row copies of one column at most are alive at once (freed memory stays in the allocator).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

# A column is rebuilt when it holds at most this share of distinct values (messages, evidence stay as read).
MAX_DISTINCT_SHARE = 0.5
# polars keeps a string of at most this many bytes inside its 16-byte view.
INLINE_BYTES = 12


def share(column: pl.Series) -> pl.Series:
    """The string column with each distinct value's bytes held once (equal values, fewer bytes)."""
    if column.dtype != pl.String or column.len() < 2:
        return column
    # strings of at most 12 bytes live inside their view (nothing to share); mostly distinct values (messages)
    # are left as read, told by an estimate before the exact count
    stats = pl.select(long=(column.str.len_bytes() > INLINE_BYTES).any(), distinct=column.approx_n_unique())
    if not stats.item(0, "long") or stats.item(0, "distinct") > column.len() * MAX_DISTINCT_SHARE:
        return column
    distinct = column.drop_nulls().unique()
    if distinct.len() > column.len() * MAX_DISTINCT_SHARE:
        return column
    # an Enum of the distinct values numbers each row by its value; gathering by that number copies views only
    return distinct.gather(column.cast(pl.Enum(distinct)).to_physical()).alias(column.name)


def shared(df: pl.DataFrame) -> pl.DataFrame:
    """`df` with its string columns rebuilt by `share`."""
    cols = [c for c, dtype in df.schema.items() if dtype == pl.String]
    return df.with_columns(share(df.get_column(c)) for c in cols) if cols else df


def read_parquet(path: Path) -> pl.DataFrame:
    """`pl.read_parquet(path)`, its repeated strings held once (`share`): the other columns read together, each
    string column alone (one column's per-row copy alive at a time), every column one chunk (a frame in many
    chunks made later filters and joins up to twice as slow)."""
    schema = pl.read_parquet_schema(path)
    strings = [c for c, dtype in schema.items() if dtype == pl.String]
    others = [c for c in schema if c not in strings]
    columns: dict[str, pl.Series] = {}
    if others:
        rest = pl.read_parquet(path, columns=others).rechunk()
        columns = {c: rest.get_column(c) for c in others}
    for c in strings:
        columns[c] = share(pl.read_parquet(path, columns=[c]).get_column(c).rechunk())
    return pl.DataFrame([columns[c] for c in schema])
