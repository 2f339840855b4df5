"""The lake on disk: Delta round trips, replacing a document's rows, time travel."""

from datetime import UTC, datetime

import polars as pl
from polars.testing import assert_frame_equal

from fiscal import schema, store

BASE = {"region_code": "431000", "region": "湖南省郴州市", "agency_id": "yiliaobaozhangju-abc123",
        "agency": "郴州市医疗保障局", "year": 2022}


def doc(doc_id: str) -> pl.DataFrame:
    return pl.DataFrame([{**BASE, "doc_id": doc_id, "page": 1, "source_name": f"{doc_id}.pdf", "doc_kind": "final_account",
                          "ingested_at": datetime(2024, 1, 1, tzinfo=UTC), "warnings": []}])


def sangong(doc_id: str, amount: float) -> pl.DataFrame:
    return pl.DataFrame([{**BASE, "doc_id": doc_id, "page": 9, "stage": "actual", "item": "total", "amount": amount,
                          "source": "table"}])


def test_round_trip_keeps_the_contract_schema(tmp_path):
    # amounts keep schema.AMOUNT_DECIMALS (6) decimals of 万元: a 元 table's 62,240.12 元 stays exact
    store.commit(tmp_path, {"documents": doc("a"), "sangong": sangong("a", 6.2240123)}, ["a"])
    got = store.read(tmp_path, "sangong")
    expected = schema.conform(sangong("a", 6.224012), "sangong")
    assert_frame_equal(got, expected)
    assert got.schema == schema.schema("sangong")


def test_reingesting_a_document_replaces_its_rows(tmp_path):
    store.commit(tmp_path, {"documents": doc("a"), "sangong": sangong("a", 1.0)}, ["a"])
    store.commit(tmp_path, {"documents": doc("b"), "sangong": sangong("b", 2.0)}, ["b"])
    store.commit(tmp_path, {"documents": doc("a"), "sangong": sangong("a", 3.0)}, ["a"])
    got = store.read(tmp_path, "sangong").sort("doc_id")
    assert got["doc_id"].to_list() == ["a", "b"]
    assert got["amount"].to_list() == [3.0, 2.0]
    assert store.read(tmp_path, "documents").height == 2


def test_rows_without_a_documents_row_are_not_visible(tmp_path):
    store.commit(tmp_path, {"documents": doc("a"), "sangong": sangong("a", 1.0)}, ["a"])
    # A data commit whose documents commit never happened (a crash in between) stays invisible.
    store.commit(tmp_path, {"sangong": sangong("z", 9.0), "documents": schema.empty("documents")}, ["z"])
    assert store.read(tmp_path, "sangong")["doc_id"].to_list() == ["a"]


def test_an_earlier_version_can_be_read(tmp_path):
    store.commit(tmp_path, {"documents": doc("a"), "sangong": sangong("a", 1.0)}, ["a"])
    store.commit(tmp_path, {"documents": doc("a"), "sangong": sangong("a", 5.0)}, ["a"])
    assert store.scan(tmp_path, "sangong", version=0).collect()["amount"].to_list() == [1.0]
    assert store.scan(tmp_path, "sangong").collect()["amount"].to_list() == [5.0]


def test_partitions_are_ascii_folders(tmp_path):
    store.commit(tmp_path, {"documents": doc("a"), "sangong": sangong("a", 1.0)}, ["a"])
    folders = [p.relative_to(tmp_path / "sangong").as_posix() for p in (tmp_path / "sangong").rglob("year=*")]
    assert folders == ["region_code=431000/agency_id=yiliaobaozhangju-abc123/year=2022"]


def test_an_empty_lake_reads_as_empty_frames(tmp_path):
    assert store.read(tmp_path, "line_items").schema == schema.schema("line_items")
    assert store.doc_ids(tmp_path) == set()


def test_a_document_moved_to_another_partition_leaves_no_rows_behind(tmp_path):
    store.commit(tmp_path, {"documents": doc("a"), "sangong": sangong("a", 1.0)}, ["a"])
    moved = {"documents": doc("a").with_columns(pl.lit(2023).alias("year")),
             "sangong": sangong("a", 2.0).with_columns(pl.lit(2023).alias("year"))}
    store.commit(tmp_path, moved, ["a"])
    every = store.read(tmp_path, "sangong", visible_only=False)
    assert every.select("year", "amount").rows() == [(2023, 2.0)]
    assert store.read(tmp_path, "documents")["year"].to_list() == [2023]


def test_new_documents_are_one_append_per_table_without_column_statistics(tmp_path):
    import pyarrow as pa
    from deltalake import DeltaTable

    store.commit(tmp_path, {"documents": doc("a"), "sangong": sangong("a", 1.0)}, ["a"])
    store.commit(tmp_path, {"documents": doc("b"), "sangong": sangong("b", 2.0)}, ["b"])
    for dataset in ("documents", "sangong"):
        dt = DeltaTable(str(store.table_path(tmp_path, dataset)))
        assert dt.version() == 1  # created, then one append: no delete for documents that were not there
        assert dt.metadata().configuration == store.TABLE_CONFIG
        actions = pl.DataFrame(pl.from_arrow(pa.table(dt.get_add_actions(flatten=True))))
        assert not [c for c in actions.columns if c.startswith(("min.", "max.", "null_count."))]
        assert actions["num_records"].to_list() == [1, 1]


def test_a_blind_append_is_one_whole_commit_delta_rs_reads(tmp_path):
    import json

    from deltalake import DeltaTable

    for name in ("a", "b", "c"):
        store.commit(tmp_path, {"documents": doc(name), "sangong": sangong(name, 1.0)}, [name])
    log = tmp_path / "sangong" / "_delta_log"
    infos = [json.loads(p.read_text().splitlines()[0])["commitInfo"] for p in sorted(log.glob("*.json"))]
    assert [i.get("clientVersion") for i in infos][1:] == ["fiscal.deltawrite"] * 2  # appends to a local table
    assert not list(log.glob("_commit_*"))  # no temporary commit file left
    rows = pl.DataFrame(pl.from_arrow(DeltaTable(str(tmp_path / "sangong")).to_pyarrow_table()))
    assert sorted(rows["doc_id"].to_list()) == ["a", "b", "c"]
    assert set(rows["year"].to_list()) == {2022}
    assert_frame_equal(store.read(tmp_path, "documents").sort("doc_id").drop("ingested_at"),
                       pl.concat([schema.conform(doc(n), "documents") for n in "abc"]).drop("ingested_at"))
