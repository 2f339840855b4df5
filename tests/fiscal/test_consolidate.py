"""An agency-year published as a narrative PDF and a tables PDF is counted once."""

import polars as pl

from fiscal.consolidate import sangong_best


def test_table_figures_win_over_prose_figures_of_the_same_agency_year():
    documents = pl.DataFrame({"doc_id": ["narr", "tabl"], "doc_kind": ["budget", "budget"], "scope": ["department"] * 2})
    sangong = pl.DataFrame({
        "doc_id": ["narr", "narr", "tabl", "tabl"], "agency_id": ["a"] * 4, "year": [2018] * 4,
        "stage": ["budget"] * 4, "item": ["reception", "total", "reception", "total"],
        "amount": [27.0, 508.2, 27.0, 508.2], "source": ["prose", "prose_sum", "table", "table"], "page": [9, 9, 11, 11],
    })
    best = sangong_best(sangong, documents)
    assert best.height == 2
    assert set(best["doc_id"]) == {"tabl"}
    assert best.filter(pl.col("item") == "total")["amount"].to_list() == [508.2]


def test_prose_figures_are_used_when_no_table_exists():
    documents = pl.DataFrame({"doc_id": ["narr"], "doc_kind": ["budget"], "scope": ["department"]})
    sangong = pl.DataFrame({"doc_id": ["narr"], "agency_id": ["b"], "year": [2017], "stage": ["budget"],
                            "item": ["overseas"], "amount": [76.0], "source": ["prose"], "page": [12]})
    assert sangong_best(sangong, documents)["amount"].to_list() == [76.0]
