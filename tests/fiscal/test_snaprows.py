"""A snapshot's copies grow by commits without being copied whole (fiscal.snaprows)."""

import polars as pl
from polars.testing import assert_frame_equal

from fiscal import snaprows


def _piece(start: int, n: int) -> pl.DataFrame:
    return pl.DataFrame({"doc_id": [f"d{i}" for i in range(start, start + n)], "batch_id": ["b"] * n,
                         "amount": [float(i) for i in range(start, start + n)]})


def test_appended_rows_keep_every_column_in_the_same_pieces():
    # a frame whose columns were cut at different places (as a column computed later is)
    old = _piece(0, 10)
    old = pl.DataFrame([pl.concat([old["doc_id"].head(4), old["doc_id"].tail(6)], rechunk=False),
                        old["batch_id"], old["amount"]])
    assert len(set(old.n_chunks("all"))) > 1
    grown = snaprows.append(old, pl.concat([_piece(10, 3), _piece(13, 2)], rechunk=False))
    assert_frame_equal(grown, _piece(0, 15))
    assert set(grown.n_chunks("all")) == {3}  # the old rows made one piece, the new ones kept as they came
    for n in range(snaprows.CHUNKS_MAX + 1):  # one piece per commit, made one again past CHUNKS_MAX
        grown = snaprows.append(grown, _piece(15 + n, 1))
    assert max(grown.n_chunks("all")) <= snaprows.CHUNKS_MAX and len(set(grown.n_chunks("all"))) == 1
    assert grown.height == 15 + snaprows.CHUNKS_MAX + 1


def test_rows_of_an_uncommitted_batch_are_not_visible():
    docs = pl.DataFrame({"doc_id": ["d0", "d1"], "batch_id": ["b", "b"]})
    rows = _piece(0, 2)
    assert snaprows.all_visible(rows, docs)
    later = pl.concat([rows, _piece(1, 1).with_columns(pl.lit("c").alias("batch_id"))])  # d1 again, batch c
    assert not snaprows.all_visible(later, docs)
    assert_frame_equal(snaprows.visible(later, docs), rows)
