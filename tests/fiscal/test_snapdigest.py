"""Commit digests: a reader applies a commit from what the writer read right after it, without opening its files,
and holds the same rows and reductions as a reader that opened them."""

import polars as pl
from polars.testing import assert_frame_equal

from fiscal import maintenance, paths, snapdigest, snapfiles, snapshot
from tests.fiscal.test_snapshot import add, add_with_lines

TABLES = ("documents", "sangong", "line_items")


def follow(snap: snapshot.LakeSnapshot) -> None:
    """What the writer's flag increment does after a commit: bring every table's copy up to date."""
    for dataset in TABLES:
        snap.raw(dataset)
        if dataset == "line_items":
            snap.reduced(dataset, "function_totals")


def held(snap: snapshot.LakeSnapshot) -> dict[str, pl.DataFrame]:
    return {"documents": snap.table("documents").sort("doc_id"),
            "sangong": snap.table("sangong").sort("doc_id", "item"),
            "totals": snap.reduced("line_items", "function_totals").sort("doc_id", "measure")}


def test_a_reader_applies_a_commit_from_the_writers_digest_without_opening_its_files(tmp_path, monkeypatch):
    add_with_lines(tmp_path, "a", 1.0)
    add(tmp_path, "b", 2.0, agency_id="caizheng-def456")
    writer = snapshot.LakeSnapshot(tmp_path, persist_after=None, read_cache=False)
    writer.write_digests = True
    reader = snapshot.LakeSnapshot(tmp_path, persist_after=None, read_cache=False)
    follow(writer)
    held(reader)

    add_with_lines(tmp_path, "c", 3.0, agency_id="jiaoyu-000111")
    add(tmp_path, "a", 5.0)  # a re-ingest: a's old rows go, its new ones come
    maintenance.compact(tmp_path)  # files rewritten: the digest holds the compacted files' rows
    follow(writer)  # right after the commits, as fiscal.read.flags.write_increment
    assert any(paths.appended(tmp_path).glob("*/*.json"))

    opened: list[str] = []
    real = snapfiles.read_files

    def counting(root, dataset, actions, index):  # noqa: ANN001, ANN202 - the same signature
        opened.extend(actions.get_column("path").to_list())
        return real(root, dataset, actions, index)

    monkeypatch.setattr(snapfiles, "read_files", counting)
    before = reader.files_read
    got = held(reader)
    assert opened == [] and reader.files_read == before  # every new file's rows came from the digests
    monkeypatch.setattr(snapfiles, "read_files", real)
    fresh = held(snapshot.LakeSnapshot(tmp_path, persist_after=None, read_cache=False))
    for name, rows in fresh.items():
        assert_frame_equal(got[name], rows)


def test_a_reader_without_a_digest_chain_reads_the_files(tmp_path):
    add(tmp_path, "a", 1.0)
    reader = snapshot.LakeSnapshot(tmp_path, persist_after=None, read_cache=False)
    held(reader)
    add(tmp_path, "b", 2.0, agency_id="caizheng-def456")  # no writer followed this commit: no digest
    before = reader.files_read
    assert reader.table("sangong").height == 4 and reader.files_read > before
    assert snapdigest.Digest(tmp_path, "sangong", 0, 99, [], {}, writing=False).read({"rows": None}) is None
