"""fiscal.sharedstrings reads a Parquet file into a frame equal to pl.read_parquet's, repeated strings held once."""

from pathlib import Path

import polars as pl

from fiscal import sharedstrings


def _rows(n: int) -> pl.DataFrame:
    return pl.DataFrame({
        "doc_id": [f"doc-{i // 40:06d}-0123456789abcdef0123456789" for i in range(n)],  # 40 rows a document
        "agency": [None if i % 97 == 0 else f"四川省成都市第{i % 13}人民医院" for i in range(n)],
        "message": [f"第{i}页 合计与明细之和不等" for i in range(n)],  # all distinct: left as read
        "amount": [float(i) for i in range(n)],
    })


def test_a_file_reads_back_equal_and_in_one_chunk(tmp_path: Path) -> None:
    path = tmp_path / "rows.parquet"
    rows = _rows(2500)
    rows.write_parquet(path, row_group_size=300)  # several row groups
    got = sharedstrings.read_parquet(path)
    assert got.equals(pl.read_parquet(path))
    assert got.schema == rows.schema
    assert got.n_chunks("all") == [1] * got.width  # later filters and joins need no rechunk


def test_a_column_is_rebuilt_from_its_distinct_values() -> None:
    rows = _rows(1000)
    shared = sharedstrings.shared(rows)
    assert shared.equals(rows)
    message = rows["message"]
    assert sharedstrings.share(message) is message  # mostly distinct: not rebuilt


def test_an_empty_file_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    _rows(0).write_parquet(path)
    assert sharedstrings.read_parquet(path).equals(_rows(0))
