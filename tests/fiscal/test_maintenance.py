"""Keeping the lake fast: checkpoints after many commits, compaction where files can merge, same rows after."""

from datetime import UTC, datetime

import polars as pl
from polars.testing import assert_frame_equal

from fiscal import maintenance, store


def doc(doc_id: str, agency_id: str) -> dict[str, pl.DataFrame]:
    common = {"doc_id": doc_id, "region_code": "431000", "region": "湖南省郴州市", "agency_id": agency_id,
              "agency": "郴州市某局", "year": 2022}
    return {"documents": pl.DataFrame([{**common, "page": 1, "source_name": f"{doc_id}.pdf",
                                        "doc_kind": "final_account",
                                        "ingested_at": datetime(2024, 1, 1, tzinfo=UTC), "warnings": []}]),
            "sangong": pl.DataFrame([{**common, "page": 9, "stage": "actual", "item": "total", "amount": 1.0,
                                      "source": "table"}])}


def files(lake, dataset: str) -> int:
    return maintenance.stats(lake, dataset).files


def test_many_commits_get_a_checkpoint_without_rewriting_files(tmp_path):
    for i in range(4):  # four agencies: one file per partition, nothing to merge
        store.commit(tmp_path, doc(f"d{i}", f"agency-{i}"), [f"d{i}"])
    before = store.read(tmp_path, "sangong")
    assert maintenance.stats(tmp_path, "sangong").partitions == 4
    report = maintenance.maybe_compact(tmp_path, commits=3, small_files=0)  # one file per partition: none mergeable
    assert report is not None and report.datasets["sangong"]["files_compacted"] == 0
    assert maintenance.stats(tmp_path, "sangong").commits_since_checkpoint == 0
    assert files(tmp_path, "sangong") == 4
    assert_frame_equal(store.read(tmp_path, "sangong").sort("doc_id"), before.sort("doc_id"))


def test_small_files_of_one_partition_are_merged(tmp_path):
    for i in range(10):  # ten documents of one agency-year: ten files in one partition
        store.commit(tmp_path, doc(f"d{i}", "agency-0"), [f"d{i}"])
    before = store.read(tmp_path, "sangong")
    assert files(tmp_path, "sangong") == 10
    # the policy looks at file counts every 10th commit (cheap otherwise)
    report = maintenance.maybe_compact(tmp_path, commits=100, small_files=2)
    assert report is not None and report.datasets["sangong"]["files_compacted"] == 10
    assert files(tmp_path, "sangong") == 1
    assert_frame_equal(store.read(tmp_path, "sangong").sort("doc_id"), before.sort("doc_id"))


def test_nothing_due_costs_nothing(tmp_path):
    store.commit(tmp_path, doc("d0", "agency-0"), ["d0"])
    assert maintenance.maybe_compact(tmp_path) is None
