"""fiscal.rowsort orders a large frame exactly as DataFrame.sort does (findings: eight keys, strings, nulls)."""

import random

import polars as pl

from fiscal import rowsort

KEYS = ["synthetic", "_sev", "gap", "difference", "agency", "year", "project", "finding_id"]
DESCENDING = [False, False, True, True, False, False, False, False]


def _findings(n: int, seed: int = 7) -> pl.DataFrame:
    rnd = random.Random(seed)
    return pl.DataFrame({
        "synthetic": [rnd.random() < 0.1 for _ in range(n)],
        "_sev": pl.Series([rnd.choice([0, 1, 2]) for _ in range(n)], dtype=pl.Int8),
        "gap": [rnd.choice([None, 0.5, 1.0, rnd.random()]) for _ in range(n)],
        "difference": [rnd.choice([None, 12.5, -3.0, 0.0]) for _ in range(n)],
        "agency": [rnd.choice(["财政局", "教育局", None, "成都市武侯区卫生健康局机关"]) for _ in range(n)],
        "year": pl.Series([rnd.choice([2022, 2023, None]) for _ in range(n)], dtype=pl.Int32),
        "project": [rnd.choice([None, "学生资助", "a" * 30 + str(i % 40)]) for i in range(n)],
        "finding_id": [f"{i * 7919 % 1_000_003:012x}" for i in range(n)],
        "rows": list(range(n)),
    })


def test_a_large_frame_is_ordered_as_by_a_multi_column_sort() -> None:
    df = _findings(rowsort.MIN_ROWS + 5000)
    got = rowsort.sort(df, KEYS, DESCENDING)
    assert got.equals(df.sort(KEYS, descending=DESCENDING, nulls_last=True))


def test_ties_keep_their_order_when_asked() -> None:
    df = _findings(rowsort.MIN_ROWS + 5000)
    by = ["synthetic", "_sev", "agency"]  # many rows tie on these
    got = rowsort.sort(df, by, [False, False, True], maintain_order=True)
    assert got.equals(df.sort(by, descending=[False, False, True], nulls_last=True, maintain_order=True))


def test_a_small_frame_is_sorted_plainly() -> None:
    df = _findings(50)
    assert rowsort.sort(df, KEYS, DESCENDING).equals(df.sort(KEYS, descending=DESCENDING, nulls_last=True))
