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


def test_a_step_is_bounded_and_the_rest_waits_for_the_next_commits(tmp_path):
    agencies = ["agency-0"] * 4 + ["agency-1"] * 3 + ["agency-2"] * 3  # ten commits: three partitions to merge
    for i, agency in enumerate(agencies):
        store.commit(tmp_path, doc(f"d{i}", agency), [f"d{i}"])
    before = store.read(tmp_path, "sangong")
    steps = []
    for _ in range(3):  # at most 4 files per step: the fullest partition first, then the two others
        report = maintenance.maybe_compact(tmp_path, commits=100, small_files=0, max_files=4)
        assert report is not None and report.lock_seconds > 0
        steps.append((report.datasets["sangong"]["files_compacted"], report.left))
    assert steps == [(4, True), (3, True), (3, False)]
    assert files(tmp_path, "sangong") == 3
    assert maintenance.maybe_compact(tmp_path, commits=100, small_files=0, max_files=4) is None  # no backlog left
    assert_frame_equal(store.read(tmp_path, "sangong").sort("doc_id"), before.sort("doc_id"))


def test_the_budget_stops_new_steps_under_the_lock(tmp_path):
    for i in range(10):
        store.commit(tmp_path, doc(f"d{i}", "agency-0"), [f"d{i}"])
    report = maintenance.maybe_compact(tmp_path, commits=100, small_files=0, budget_s=0)
    assert report is not None and report.left and len(report.datasets) == 1  # one step, the other table next time
    report = maintenance.maybe_compact(tmp_path, commits=100, small_files=0, budget_s=0)
    assert report is not None and not report.left
    assert files(tmp_path, "sangong") == files(tmp_path, "documents") == 1


def test_a_plan_selects_whole_partitions_within_the_bound():
    parts = pl.DataFrame({"region_code": ["1", "1", "2", "2"], "agency_id": ["a", "b", "c", "d"],
                          "year": [2022, 2022, 2023, 2023], "files": [5, 2, 3, 1], "oldest": [4, 1, 2, 3]})
    chosen, n = maintenance.plan_step(parts, max_files=8)  # fullest first: a (5) and c (3); b would exceed 8
    assert n == 8 and chosen["agency_id"].to_list() == ["a", "c"]
    assert maintenance.plan_step(parts, max_files=2)[1] == 5  # the fullest partition is merged whatever its size
    assert maintenance.plan_step(parts.filter(pl.col("files") == 1))[1] == 0


def test_a_step_keeps_the_rows_of_an_interrupted_batch_invisible(tmp_path):
    from fiscal.schema import BATCH_COLUMN, conform

    for i in range(3):
        store.commit(tmp_path, doc(f"d{i}", "agency-0"), [f"d{i}"])
    # a batch killed after appending its data rows: its rows are in the partition, under a batch id no document has
    orphan = conform(doc("d0", "agency-0")["sangong"], "sangong").with_columns(
        pl.lit("killed", dtype=pl.String).alias(BATCH_COLUMN), pl.lit(99.0).alias("amount"))
    store._append(store.table_path(tmp_path, "sangong"), orphan)
    visible = store.read(tmp_path, "sangong")
    every = store.read(tmp_path, "sangong", visible_only=False)
    for _ in range(7):  # ten commits of documents: the policy looks every 10th
        store.commit(tmp_path, doc("d9", "agency-9"), ["d9"])
    report = maintenance.maybe_compact(tmp_path, commits=100, small_files=0)
    assert report is not None and report.datasets["sangong"]["files_compacted"] >= 4
    assert files(tmp_path, "sangong") == 2
    assert_frame_equal(store.read(tmp_path, "sangong").filter(pl.col("doc_id") != "d9").sort("doc_id"),
                       visible.sort("doc_id"))
    after = store.read(tmp_path, "sangong", visible_only=False).filter(pl.col("doc_id") != "d9")
    assert after.height == every.height and 99.0 in after["amount"].to_list()


def test_a_table_written_before_the_table_properties_gets_them(tmp_path, monkeypatch):
    from deltalake import DeltaTable

    from fiscal import deltawrite

    wanted = dict(deltawrite.TABLE_CONFIG)
    monkeypatch.setattr(deltawrite, "TABLE_CONFIG", {})
    store.commit(tmp_path, doc("d0", "agency-0"), ["d0"])
    monkeypatch.setattr(deltawrite, "TABLE_CONFIG", wanted)
    path = store.table_path(tmp_path, "sangong")
    assert DeltaTable(str(path)).metadata().configuration == {}
    maintenance.compact(tmp_path, ("sangong",))
    assert DeltaTable(str(path)).metadata().configuration == wanted
    assert not maintenance.configure(DeltaTable(str(path)))  # nothing left to set
    assert store.read(tmp_path, "sangong")["doc_id"].to_list() == ["d0"]
