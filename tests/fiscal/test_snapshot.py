"""The in-memory snapshot the dashboard reads: always what fiscal.store reads, for a fraction of the work."""

from datetime import UTC, datetime
from types import SimpleNamespace

import polars as pl
from polars.testing import assert_frame_equal

from fiscal import maintenance, schema, snapshot, store

BASE = {"region": "湖南省郴州市", "agency": "郴州市医疗保障局", "year": 2022}


def doc(doc_id: str, region_code: str = "431000", agency_id: str = "yibao-abc123") -> pl.DataFrame:
    return pl.DataFrame([{**BASE, "doc_id": doc_id, "region_code": region_code, "agency_id": agency_id, "page": 1,
                          "source_name": f"{doc_id}.pdf", "doc_kind": "final_account",
                          "ingested_at": datetime(2024, 1, 1, tzinfo=UTC), "warnings": []}])


def sangong(doc_id: str, amount: float, region_code: str = "431000", agency_id: str = "yibao-abc123") -> pl.DataFrame:
    return pl.DataFrame([{**BASE, "doc_id": doc_id, "region_code": region_code, "agency_id": agency_id, "page": 9,
                          "stage": "actual", "item": item, "amount": amount, "source": "table"}
                         for item in ("total", "reception")])


def add(lake, doc_id: str, amount: float, agency_id: str = "yibao-abc123") -> None:
    store.commit(lake, {"documents": doc(doc_id, agency_id=agency_id),
                        "sangong": sangong(doc_id, amount, agency_id=agency_id)}, [doc_id])


def same(snap: snapshot.LakeSnapshot, lake, dataset: str) -> None:
    assert_frame_equal(snap.table(dataset).sort("doc_id", "item") if dataset == "sangong" else
                       snap.table(dataset).sort("doc_id"),
                       store.read(lake, dataset).sort("doc_id", "item") if dataset == "sangong" else
                       store.read(lake, dataset).sort("doc_id"))


def test_a_snapshot_follows_commits_reingests_and_compaction(tmp_path):
    snap = snapshot.LakeSnapshot(tmp_path, persist_after=None)
    assert snap.table("sangong").is_empty() and snap.table("sangong").schema == schema.schema("sangong")
    add(tmp_path, "a", 1.0)
    add(tmp_path, "b", 2.0, agency_id="caizheng-def456")
    same(snap, tmp_path, "sangong")
    same(snap, tmp_path, "documents")
    add(tmp_path, "a", 3.0)  # re-ingest: a's old file is deleted from the table, its new one added
    same(snap, tmp_path, "sangong")
    assert snap.table("sangong").filter(pl.col("doc_id") == "a")["amount"].to_list() == [3.0, 3.0]
    maintenance.compact(tmp_path)  # files rewritten, same rows
    same(snap, tmp_path, "sangong")


def test_a_refresh_reads_only_the_new_files(tmp_path):
    for i in range(5):
        add(tmp_path, f"d{i}", float(i), agency_id=f"agency-{i:06d}")
    snap = snapshot.LakeSnapshot(tmp_path, persist_after=None)
    snap.table("sangong")
    before = snap.files_read
    add(tmp_path, "new", 9.0, agency_id="agency-new000")
    assert snap.table("sangong").height == 12
    assert snap.files_read - before == 2  # one new sangong file and one new documents file
    snap.table("sangong")
    assert snap.files_read - before == 2  # unchanged version: nothing read


def test_an_interrupted_batch_stays_invisible(tmp_path):
    add(tmp_path, "a", 1.0)
    snap = snapshot.LakeSnapshot(tmp_path, persist_after=None)
    snap.table("sangong")
    # data rows appended, documents never flipped (a crash between the two commits)
    store.commit(tmp_path, {"sangong": sangong("z", 9.0), "documents": schema.empty("documents")}, ["z"])
    assert snap.table("sangong")["doc_id"].unique().to_list() == ["a"]


def test_rows_of_a_replaced_batch_are_hidden_after_commits_that_only_added(tmp_path, monkeypatch):
    # the snapshot checks only the new files' rows while no documents row is dropped: a flip to another batch
    # (here a re-ingest that crashed before deleting the old rows) must hide the rows already held
    add(tmp_path, "a", 1.0)
    snap = snapshot.LakeSnapshot(tmp_path, persist_after=None)
    same(snap, tmp_path, "sangong")
    add(tmp_path, "b", 2.0, agency_id="caizheng-def456")  # new rows only: checked alone
    same(snap, tmp_path, "sangong")
    real = store.delta_table
    monkeypatch.setattr(store, "delta_table", lambda path: real(path) if path.name == "documents" else
                        SimpleNamespace(delete=lambda where: None))  # the clean-up of a's old rows never runs
    add(tmp_path, "a", 3.0)
    same(snap, tmp_path, "sangong")
    assert snap.table("sangong").filter(pl.col("doc_id") == "a")["amount"].to_list() == [3.0, 3.0]
    monkeypatch.setattr(store, "delta_table", real)
    add(tmp_path, "c", 4.0, agency_id="jiaoyu-000001")  # a's old rows still held, still hidden
    same(snap, tmp_path, "sangong")


def test_a_restarted_reader_starts_from_the_disk_cache(tmp_path):
    for i in range(3):
        add(tmp_path, f"d{i}", float(i), agency_id=f"agency-{i:06d}")
    first = snapshot.LakeSnapshot(tmp_path, persist_after=1)
    first.table("sangong")
    assert (snapshot.cache_dir(tmp_path) / "sangong.parquet").is_file()
    add(tmp_path, "d3", 3.0, agency_id="agency-000003")
    second = snapshot.LakeSnapshot(tmp_path, persist_after=None)
    same(second, tmp_path, "sangong")
    assert second.files_read == 2  # d3's sangong file and documents file; the rest came from the cache


def test_a_damaged_cache_is_ignored(tmp_path):
    add(tmp_path, "a", 1.0)
    snapshot.LakeSnapshot(tmp_path, persist_after=1).table("sangong")
    (snapshot.cache_dir(tmp_path) / "sangong.parquet").write_bytes(b"not parquet")
    same(snapshot.LakeSnapshot(tmp_path, persist_after=None), tmp_path, "sangong")


# ---------------------------------------------------------------- datasets read on demand (fiscal.reductions)

def lines(doc_id: str, scale: float, agency_id: str = "yibao-abc123") -> pl.DataFrame:
    """A 支出表 with a 合计 line, one 类 and its two 项 (amounts × scale)."""
    rows = [(None, "合计", 10.0), ("208", "社会保障和就业支出", 10.0), ("2080501", "行政单位离退休", 4.0),
            ("2080502", "事业单位离退休", 6.0)]
    return pl.DataFrame([{**BASE, "doc_id": doc_id, "region_code": "431000", "agency_id": agency_id, "page": 5,
                          "table": "expenditure", "code": code, "name": name, "measure": "total",
                          "amount": amount * scale, "reading": "complete"} for code, name, amount in rows])


def add_with_lines(lake, doc_id: str, scale: float, agency_id: str = "yibao-abc123") -> None:
    store.commit(lake, {"documents": doc(doc_id, agency_id=agency_id), "line_items": lines(doc_id, scale, agency_id)},
                 [doc_id])


def totals(snap: snapshot.LakeSnapshot) -> dict[str, float]:
    got = snap.reduced("line_items", "function_totals").filter(pl.col("measure") == "total")
    return dict(got.select("doc_id", "amount").iter_rows())


def test_an_on_demand_table_keeps_reductions_not_rows(tmp_path):
    snap = snapshot.LakeSnapshot(tmp_path, persist_after=None)
    add_with_lines(tmp_path, "a", 1.0)
    add_with_lines(tmp_path, "b", 2.0, agency_id="caizheng-def456")
    assert "line_items" not in snapshot.RESIDENT
    assert totals(snap) == {"a": 10.0, "b": 20.0}  # the printed 合计 line
    assert snap._tables["line_items"].rows is None  # no rows held
    same(snap, tmp_path, "line_items")  # read whole from the files when asked
    leaves = snap.reduced("line_items", "function_lines").filter(pl.col("_leaf"))
    assert sorted(leaves.filter(pl.col("doc_id") == "b")["amount"].to_list()) == [8.0, 12.0]
    add_with_lines(tmp_path, "a", 3.0)  # re-ingest: the old file's reduction rows go with it
    assert totals(snap) == {"a": 30.0, "b": 20.0}
    maintenance.compact(tmp_path)
    assert totals(snap) == {"a": 30.0, "b": 20.0}


def test_detail_rows_come_from_the_files_of_the_documents_asked_for(tmp_path):
    for i in range(4):
        add_with_lines(tmp_path, f"d{i}", float(i + 1), agency_id=f"agency-{i:06d}")
    snap = snapshot.LakeSnapshot(tmp_path, persist_after=None)
    got = snap.rows_of_docs("line_items", ["d2"])
    assert got["doc_id"].unique().to_list() == ["d2"] and got.height == 4
    assert got.schema == schema.schema("line_items")
    assert snap.rows_of_docs("line_items", ["nope"]).is_empty()


def test_reductions_hide_an_interrupted_batch_and_survive_a_restart(tmp_path):
    add_with_lines(tmp_path, "a", 1.0)
    first = snapshot.LakeSnapshot(tmp_path, persist_after=1)
    assert totals(first) == {"a": 10.0}
    store.commit(tmp_path, {"line_items": lines("z", 9.0), "documents": schema.empty("documents")}, ["z"])
    assert totals(first) == {"a": 10.0}  # z's rows were written, its documents row never flipped
    assert (snapshot.cache_dir(tmp_path) / "line_items.function_totals.parquet").is_file()
    add_with_lines(tmp_path, "b", 2.0, agency_id="caizheng-def456")
    second = snapshot.LakeSnapshot(tmp_path, persist_after=None)
    assert totals(second) == {"a": 10.0, "b": 20.0}
    assert second.files_read <= 4  # the files written since the cache (z's, b's and b's documents file)
