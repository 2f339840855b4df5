"""A snapshot following the JSON log (fiscal.deltalog) holds exactly what a fresh load of the lake holds."""

import json
import shutil

import polars as pl
from deltalake import DeltaTable
from polars.testing import assert_frame_equal
from test_snapshot import add, add_with_lines, doc, lines, sangong

from fiscal import deltalog, maintenance, snapfiles, snapshot, store
from fiscal.reductions import FILE_COLUMN, RESIDENT

DATASETS = ("documents", "sangong", "line_items")


def contents(snap: snapshot.LakeSnapshot) -> dict[str, pl.DataFrame]:
    """Everything a reader sees, in a comparable order (file indices differ between two snapshots)."""
    out = {}
    for d in DATASETS:
        out[d] = snap.table(d).sort(pl.all())
        raw = snap.raw(d)
        if raw is not None:  # None: no such table yet
            out[f"{d}:raw"] = raw.drop(FILE_COLUMN).sort(pl.all())
    if "line_items:raw" not in out:
        return out
    for name in ("function_totals", "function_lines", "row_counts"):
        out[name] = snap.reduced("line_items", name).sort(pl.all())
    t = snap._tables["line_items"]
    assert t.index is not None and set(t.index.get_column("path")) == set(t.files)
    # each indexed file carries the partition values and index of the file it names
    assert dict(t.index.select("path", FILE_COLUMN).iter_rows()) == t.files
    out["index"] = t.index.drop(FILE_COLUMN).sort("path")
    out["ids"] = pl.DataFrame({"doc_id": sorted(snap.rows_of_docs("line_items", None).get_column("doc_id"))})
    return out


def same_as_fresh(snap: snapshot.LakeSnapshot, lake) -> None:
    mine, fresh = contents(snap), contents(snapshot.LakeSnapshot(lake, persist_after=None, read_cache=False))
    assert mine.keys() == fresh.keys()
    for key in mine:
        assert_frame_equal(mine[key], fresh[key], check_dtypes=True), key


def full_loads(monkeypatch) -> list[str]:
    """Datasets loaded through delta-rs' file list (not the JSON log), in order."""
    calls: list[str] = []
    real = snapfiles.add_actions

    def counted(dataset, dt):
        calls.append(dataset)
        return real(dataset, dt)

    monkeypatch.setattr(snapfiles, "add_actions", counted)
    return calls


def test_appends_replacements_compaction_and_checkpoints_follow_the_log(tmp_path):
    for i in range(4):
        add(tmp_path, f"s{i}", float(i), agency_id=f"agency-{i:06d}")
        add_with_lines(tmp_path, f"l{i}", float(i + 1), agency_id=f"agency-{i:06d}")
    snap = snapshot.LakeSnapshot(tmp_path, persist_after=None)
    same_as_fresh(snap, tmp_path)
    handles = {d: snap._tables[d].delta for d in DATASETS}
    loaded_at = {d: h.version() for d, h in handles.items() if h is not None}
    add(tmp_path, "s9", 9.0, agency_id="agency-000009")  # a blind append
    same_as_fresh(snap, tmp_path)
    add(tmp_path, "s1", 5.0, agency_id="agency-000001")  # a replacement: delete + add
    add_with_lines(tmp_path, "l2", 7.0, agency_id="agency-000002")
    same_as_fresh(snap, tmp_path)
    store.commit(tmp_path, {}, ["s0"])  # a document removed
    same_as_fresh(snap, tmp_path)
    for d in DATASETS:  # two appends to one partition, merged by a compaction, then a checkpoint
        add_with_lines(tmp_path, f"m{d}", 2.0, agency_id="agency-000003")
    maintenance.compact(tmp_path)
    for d in ("documents", "sangong", "line_items"):
        DeltaTable(str(tmp_path / d)).create_checkpoint()
    add(tmp_path, "s10", 10.0, agency_id="agency-000003")
    same_as_fresh(snap, tmp_path)
    # an interrupted batch (data appended, documents never flipped) stays invisible
    store.commit(tmp_path, {"sangong": sangong("z", 1.0), "line_items": lines("z", 1.0),
                            "documents": doc("z").clear()}, ["z"])
    same_as_fresh(snap, tmp_path)
    # every refresh above was read from the commits' JSON: delta-rs' handles were never advanced
    assert len(loaded_at) == len(DATASETS)
    assert {d: snap._tables[d].delta.version() for d in DATASETS} == loaded_at
    assert all(snap._tables[d].version > loaded_at[d] for d in DATASETS)


def test_what_the_log_cannot_tell_is_loaded_through_delta_rs(tmp_path, monkeypatch):
    for i in range(3):
        add_with_lines(tmp_path, f"l{i}", 1.0, agency_id=f"agency-{i:06d}")
    snap = snapshot.LakeSnapshot(tmp_path, persist_after=None)
    same_as_fresh(snap, tmp_path)
    loads = full_loads(monkeypatch)
    # a metadata change (a schema change is one): delta-rs reads the table
    log = tmp_path / "documents" / "_delta_log"
    latest = max(int(p.stem) for p in log.glob("*.json"))
    first = [json.loads(line) for line in (log / f"{0:020d}.json").read_text().splitlines() if line.strip()]
    meta = next(a for a in first if "metaData" in a)  # the table's metadata stated again, as a property change does
    info = {"commitInfo": {"operation": "SET TBLPROPERTIES"}}
    (log / f"{latest + 1:020d}.json").write_text(json.dumps(info) + "\n" + json.dumps(meta) + "\n")
    add_with_lines(tmp_path, "l9", 1.0, agency_id="agency-000009")
    assert snap.version("documents") == latest + 2
    assert loads[:1] == ["documents"]
    loads.clear()
    # the commits after the known version cleaned up (a checkpoint holds the table): delta-rs again
    add_with_lines(tmp_path, "l10", 1.0, agency_id="agency-000010")
    DeltaTable(str(tmp_path / "line_items")).create_checkpoint()
    known = snap._tables["line_items"].version
    add_with_lines(tmp_path, "l11", 1.0, agency_id="agency-000011")
    for p in (tmp_path / "line_items" / "_delta_log").glob("*.json"):
        if int(p.stem) <= known + 1:
            p.unlink()
    assert deltalog.tail(tmp_path / "line_items", known) is None
    totals = snap.reduced("line_items", "function_totals")
    assert "l11" in totals.get_column("doc_id").to_list()
    assert "line_items" in loads


def test_a_tail_folds_adds_and_removes(tmp_path):
    add(tmp_path, "a", 1.0)
    table = tmp_path / "sangong"
    known = DeltaTable(str(table)).version()
    assert deltalog.tail(table, known) == deltalog.Tail(known)
    add(tmp_path, "b", 2.0, agency_id="agency-000002")
    add(tmp_path, "b", 3.0, agency_id="agency-000002")  # b's first file added and removed within the tail
    add(tmp_path, "a", 4.0)  # a's file of the known version removed
    got = deltalog.tail(table, known)
    assert got is not None and got.version == DeltaTable(str(table)).version()
    assert len(got.removed) == 1 and len(got.added) == 2
    assert {v["agency_id"] for v in got.added.values()} == {"agency-000002", "yibao-abc123"}
    assert deltalog.tail(table, -1) is None


def test_the_writer_gets_an_up_to_date_handle_from_a_snapshot_that_followed_the_log(tmp_path):
    shutil.rmtree(tmp_path, ignore_errors=True)
    add(tmp_path, "a", 1.0)
    snap = snapshot.of(tmp_path)
    snap.table("documents")
    add(tmp_path, "b", 2.0, agency_id="agency-000002")
    add(tmp_path, "a", 3.0)  # the writer's overwrite of a's documents row goes through the shared handle
    assert snap.delta_table("documents").version() == snap.version("documents")
    assert sorted(snap.table("documents").get_column("doc_id")) == ["a", "b"]
    assert "documents" in RESIDENT


def test_a_reader_writes_its_disk_copy_from_a_thread(tmp_path):
    for i in range(3):
        add(tmp_path, f"d{i}", float(i), agency_id=f"agency-{i:06d}")
    first = snapshot.LakeSnapshot(tmp_path, persist_after=1, background=True)
    first.table("sangong")
    assert not (snapshot.cache_dir(tmp_path) / "sangong.parquet").is_file()  # written SAVE_DELAY_S later
    first.wait_saved()  # or at once when asked (and at exit)
    assert (snapshot.cache_dir(tmp_path) / "sangong.parquet").is_file()
    add(tmp_path, "d3", 3.0, agency_id="agency-000003")
    second = snapshot.LakeSnapshot(tmp_path, persist_after=None)
    assert sorted(second.table("sangong").get_column("doc_id").unique()) == ["d0", "d1", "d2", "d3"]
    assert second.files_read == 2  # d3's sangong and documents files; the rest came from the copy on disk


def test_a_table_made_again_in_its_folder_is_not_followed_from_the_old_log(tmp_path):
    lake = tmp_path / "lake"
    add(lake, "a", 1.0)
    snap = snapshot.LakeSnapshot(lake, persist_after=None)
    same_as_fresh(snap, lake)
    shutil.rmtree(lake / "sangong")
    for i in range(3):  # the new table passes the old one's version with other files
        add(lake, f"n{i}", float(i), agency_id=f"agency-{i:06d}")
    same_as_fresh(snap, lake)
    assert sorted(snap.table("sangong").get_column("doc_id").unique()) == ["n0", "n1", "n2"]
