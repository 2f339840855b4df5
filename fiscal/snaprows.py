"""How the read snapshot (fiscal.snapshot) grows its copies and tells which rows are visible, without copying the
lake's rows after every commit.

Why: a copy grows by one piece per commit applied. A frame whose columns are cut into pieces at different places
is copied whole (made one piece) by the next `select`, join or filter: at 100,000 documents ~0.1-0.2 s per
reduction after every commit. Appended here, the new rows are one piece per column, so every column of a copy
has the same pieces; after CHUNKS_MAX of them the copy is made one piece again (once per CHUNKS_MAX commits).
"""

from __future__ import annotations

import polars as pl

from fiscal.schema import BATCH_COLUMN

# Pieces a copy may hold before it is made one again.
CHUNKS_MAX = 64
_PAIR = ["doc_id", BATCH_COLUMN]


def aligned(df: pl.DataFrame) -> pl.DataFrame:
    """`df` with every column in the same pieces (made one piece when they differ or are more than CHUNKS_MAX)."""
    counts = set(df.n_chunks("all")) if df.width else {1}
    return df if len(counts) == 1 and max(counts) <= CHUNKS_MAX else df.rechunk()


def append(old: pl.DataFrame, fresh: pl.DataFrame) -> pl.DataFrame:
    """`old` and `fresh` as one frame (old's rows first), every column in the same pieces. Nothing is copied while
    both are aligned and their pieces together at most CHUNKS_MAX (a table reduced for the first time comes in
    READ_CHUNK_FILES pieces: made one, it was held twice at once)."""
    if not fresh.height:
        return aligned(old)
    if not old.height:
        return aligned(fresh)
    return aligned(pl.concat([aligned(old), aligned(fresh)], how="vertical_relaxed"))


def all_visible(pairs: pl.DataFrame, documents: pl.DataFrame) -> bool:
    """Whether every (doc_id, batch) of `pairs` is a committed document's (a row of `documents`): one anti join,
    no distinct pairs first (a pass over the rows as long as the join)."""
    hidden = pairs.select(_PAIR).join(documents.select(_PAIR), on=_PAIR, how="anti", nulls_equal=True)
    return hidden.is_empty()


def visible(rows: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """The rows whose (doc_id, batch) is a committed document's."""
    return rows.join(documents.select(_PAIR), on=_PAIR, how="semi", nulls_equal=True)
