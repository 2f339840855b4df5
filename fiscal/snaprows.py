"""How the read snapshot (fiscal.snapshot) grows its copies and tells which rows are visible, without copying the
lake's rows after every commit.

Why: a copy grows by one piece per commit applied. A frame whose columns are cut into pieces at different places
is copied whole (made one piece) by the next `select`, join or filter: at 100,000 documents ~0.1-0.2 s per
reduction after every commit. Appended here, the new rows are one piece per column, so every column of a copy
has the same pieces; after CHUNKS_MAX of them the copy is made one piece again (once per CHUNKS_MAX commits).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import polars as pl

from fiscal.reductions import FILE_COLUMN
from fiscal.schema import BATCH_COLUMN

if TYPE_CHECKING:
    from fiscal.snapfiles import TableCopy

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


def all_visible_now(copy: TableCopy, source: pl.DataFrame, documents: TableCopy) -> bool:
    """Whether every row of `source` (a copy's `keys` reduction or rows: all its files) is a committed document's,
    given the `documents` copy; remembered in the copy (`visible_mark`) for the next version.

    Why not one anti join of them all: at 100,000 documents that is a pass over hundreds of thousands of pairs per
    table after every commit. Rows found visible stay visible until a documents row is dropped (a flip to another
    batch, a delete: that refresh sets `removed_at`), so after commits that dropped none only the rows of the
    files added since the last check are looked at."""
    assert documents.rows is not None
    mark = copy.visible_mark
    if mark is not None and mark[0]() is documents and documents.removed_at <= mark[1]:
        ok = all_visible(source.filter(pl.col(FILE_COLUMN) >= mark[2]), documents.rows)
    else:
        ok = all_visible(source, documents.rows)
    copy.visible_mark = (weakref.ref(documents), documents.version, copy.next_index) if ok else None
    return ok
