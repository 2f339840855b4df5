"""The lake on S3-compatible object storage: a local S3 server (moto's server mode) started here.

One real PDF is ingested into `s3://<bucket>/lake` and into a folder; every dataset read back
from S3 (fiscal.store.read, and the dashboard's fiscal.read functions) equals the local lake's.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from pyarrow import fs
from rich.console import Console

from fiscal import maintenance, paths, read, snapshot, store, validate
from fiscal.filters import Filters
from fiscal.schema import DATASETS
from ingest import batch

pytest.importorskip("moto", reason="moto[server] is not installed (pip install -e '.[test]')")
boto3 = pytest.importorskip("boto3")

ROOT = Path(__file__).resolve().parents[2]
PDF = ROOT / "samples" / "real" / "putuo_wanli_2025_budget.pdf"  # a real 部门预算, 178 KB
BUCKET = "fiscal-lake"
# Per ingest, not per content: left out of the comparison.
VOLATILE = {"ingested_at", "seconds"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def s3() -> Iterator[str]:
    """A moto S3 server on a free loopback port, the AWS_* variables pointing at it, one bucket."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    env = {"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_REGION": "us-east-1", "AWS_ALLOW_HTTP": "true"}
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        mp.delenv("AWS_S3_ALLOW_UNSAFE_RENAME", raising=False)  # commits must be safe without it
        mp.delenv("AWS_PROFILE", raising=False)
        mp.setattr(paths, "_filesystems", {})  # no client of another endpoint
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="testing",
                         aws_secret_access_key="testing").create_bucket(Bucket=BUCKET)
            yield f"s3://{BUCKET}"
        finally:
            server.terminate()
            server.wait(timeout=10)


def _comparable(df: pl.DataFrame) -> pl.DataFrame:
    """Rows in a fixed order, without the per-ingest columns."""
    df = df.drop([c for c in df.columns if c in VOLATILE])
    sortable = [c for c, t in df.schema.items() if not isinstance(t, (pl.List, pl.Struct, pl.Array, pl.Object))]
    return df.sort(sortable, nulls_last=True)


@pytest.fixture(scope="module")
def lakes(s3: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same PDF (and one unreadable file) ingested into S3 and into a folder."""
    junk = tmp_path_factory.mktemp("junk") / "not_a_pdf.pdf"
    junk.write_bytes(b"this is not a PDF")
    remote = Path(f"{s3}/lake")  # what `--lake s3://…` and $LAKE_DIR become (fiscal.config.lake_dir)
    local = tmp_path_factory.mktemp("local") / "lake"
    for lake in (remote, local):
        report = batch.run([PDF, junk], lake, workers=1, console=Console(quiet=True))
        assert len(report.ingested) == 1 and len(report.quarantined) == 1
    return remote, local


def test_a_lake_uri_survives_path_and_resolve() -> None:
    lake = Path("s3://bucket/some/lake")
    assert paths.uri(lake) == "s3://bucket/some/lake"
    assert paths.uri(lake.resolve()) == "s3://bucket/some/lake"  # app.py resolves the lake root
    assert paths.uri(paths.table(lake, "documents")) == "s3://bucket/some/lake/documents"
    assert paths.root("s3://bucket/some/lake") == lake
    assert paths.is_remote(lake) and not paths.is_remote(Path("/tmp/lake"))
    assert paths.uri(Path("/tmp/lake")) == "/tmp/lake" and paths.storage_options(Path("/tmp/lake")) is None
    assert not paths.is_remote(paths.cache(lake))  # derived caches stay on the reader's disk


def test_every_dataset_read_from_s3_equals_the_local_lake(lakes: tuple[Path, Path]) -> None:
    remote, local = lakes
    assert store.doc_ids(remote) == store.doc_ids(local) and len(store.doc_ids(remote)) == 1
    for dataset in DATASETS:
        got, want = store.read(remote, dataset), store.read(local, dataset)
        assert got.schema == want.schema, dataset
        assert _comparable(got).equals(_comparable(want)), dataset
        # the in-memory snapshot the dashboard reads (fiscal.snapshot) sees the same rows
        assert _comparable(snapshot.read(remote, dataset)).equals(_comparable(want)), dataset
    assert store.read(local, "line_items").height > 0


def test_the_dashboard_reads_the_s3_lake(lakes: tuple[Path, Path]) -> None:
    remote, local = lakes
    # as the pages pass it: app.py resolves the root, the pages wrap it in Path again
    shown = Path(str(Path(str(remote)).resolve()))
    for fn in (read.documents.documents, read.documents.filter_options):
        assert _comparable(fn(shown)).equals(_comparable(fn(local))), fn.__name__
    for fn in (read.sangong.sangong_rows, read.spending.expenditure_by_agency_year, read.documents.has_synthetic):
        got, want = fn(shown, Filters()), fn(local, Filters())
        assert (_comparable(got).equals(_comparable(want)) if isinstance(got, pl.DataFrame) else got == want), \
            fn.__name__
    doc_id = next(iter(store.doc_ids(remote)))
    assert read.documents.document_report(shown, doc_id).rows == read.documents.document_report(local, doc_id).rows


def test_sources_and_quarantine_are_kept_on_s3(lakes: tuple[Path, Path], s3: str) -> None:
    remote, local = lakes
    doc_id = next(iter(store.doc_ids(remote)))
    filesys, inner = paths.filesystem(store.source_path(remote, doc_id))
    assert inner == f"{BUCKET}/lake/_sources/{doc_id}.pdf"
    with filesys.open_input_stream(inner) as fh:
        assert fh.read() == PDF.read_bytes()
    fetched = store.local_source(remote, doc_id)  # what a page renderer opens (pdfium needs a local file)
    assert fetched is not None and not paths.is_remote(fetched) and fetched.read_bytes() == PDF.read_bytes()
    assert store.local_source(local, doc_id) == store.source_path(local, doc_id)
    got, want = store.quarantined(remote), store.quarantined(local)
    assert got.height == 1 and got.drop("file").equals(want.drop("file"))
    assert paths.exists(store.quarantine_dir(remote) / f"{got['sha256'][0]}.pdf")
    # refused rows (validation) go to the row quarantine on S3 too
    rows = pl.DataFrame({"doc_id": [doc_id], "failed_rules": [["amount_not_negative"]]})
    batch._quarantine_rows(remote, [validate.Failure("sangong", rows, {"amount_not_negative": 1})],
                           datetime.now(UTC))
    kept = filesys.get_file_info(fs.FileSelector(f"{BUCKET}/lake/_quarantine/rows"))
    assert sorted(Path(i.path).suffix for i in kept) == [".json", ".parquet"]
    assert validate.quarantined_rows(remote)["rule"].to_list() == ["amount_not_negative"]  # and read back
    # the tables are on S3
    tables = {Path(i.path).name for i in filesys.get_file_info(fs.FileSelector(f"{BUCKET}/lake"))}
    assert {d for d in DATASETS if paths.table_exists(paths.table(local, d))} <= tables and "documents" in tables
    # nothing of the remote lake was written to the local disk but derived caches
    assert not Path("s3:").exists() and not (ROOT / "s3:").exists()


def test_page_excerpts_downloads_and_links_csv_work_on_s3(lakes: tuple[Path, Path]) -> None:
    """What the pages do with a lake's files: crop a source page, name the source PDF in a download, read links.csv."""
    from fiscal import export, link_overrides
    from fiscal.pages import page_count, render_excerpt

    remote, local = lakes
    doc_id = next(iter(store.doc_ids(remote)))
    row = store.read(local, "line_items").filter(pl.col("name").str.len_chars() >= 6).row(0, named=True)
    got, want = (render_excerpt(lake, doc_id, row["page"], (row["name"],), scale=1.0) for lake in (remote, local))
    assert got.found and got == want
    assert page_count(remote, doc_id) == page_count(local, doc_id)
    rows = pl.DataFrame({"doc_id": [doc_id], "page": [row["page"]]})
    shown = Path(str(Path(str(remote)).resolve()))  # as the pages pass the root
    for lake in (remote, shown):
        assert export.with_provenance(lake, rows)["source_path"].to_list() == [f"_sources/{doc_id}.pdf"]
    assert export.source_paths(remote, [doc_id, "nope"]) == export.source_paths(local, [doc_id, "nope"])
    store.put(paths.links_file(remote), "kind,region_code,from_name,to_name,note\nagency,,甲局,乙局,s3\n".encode())
    try:
        mine = link_overrides.load_overrides(remote).filter(pl.col("note") == "s3")
        assert mine["source"].to_list() == [paths.uri(paths.links_file(remote))]
    finally:  # the other tests read this lake without it
        filesys, inner = paths.filesystem(paths.links_file(remote))
        filesys.delete_file(inner)


def test_a_second_ingest_into_s3_skips_and_compaction_works(lakes: tuple[Path, Path]) -> None:
    remote, _ = lakes
    report = batch.run([PDF], remote, workers=1, console=Console(quiet=True))
    assert report.skipped == [PDF] and not report.outcomes
    before = store.read(remote, "line_items")
    done = maintenance.compact(remote, ("line_items",), retention_hours=0)
    assert "line_items" in done.datasets
    assert maintenance.stats(remote, "line_items") is not None
    assert _comparable(store.read(remote, "line_items")).equals(_comparable(before))


def test_ray_tasks_parse_and_the_driver_commits_to_s3(lakes: tuple[Path, Path], s3: str) -> None:
    """`--executor ray`: the PDF parsed as a Ray task (a local instance, 2 CPUs), committed to S3 by the driver."""
    ray = pytest.importorskip("ray", reason="ray is not installed (pip install -e '.[ray]')")
    _, local = lakes
    lake = Path(f"{s3}/ray-lake")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
    try:
        report = batch.run([PDF], lake, workers=2, executor="ray", console=Console(quiet=True))
    finally:
        ray.shutdown()
    assert len(report.ingested) == 1 and report.outcomes[0].path == PDF
    for dataset in DATASETS:
        assert _comparable(store.read(lake, dataset)).equals(_comparable(store.read(local, dataset))), dataset


def test_the_command_line_ingests_into_s3_in_batches(s3: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m ingest FILES --lake s3://… --batch-size 1`: one commit per file, resumable."""
    from ingest.__main__ import main

    other = ROOT / "samples" / "real" / "putuo_sifaju_2026_budget.pdf"
    lake = f"{s3}/cli-lake"
    assert main([str(PDF), str(other), "--lake", lake, "--workers", "1", "--batch-size", "1"]) == 0
    assert "2 ingested" in capsys.readouterr().out
    docs = store.read(Path(lake), "documents")
    assert sorted(docs["source_name"]) == sorted([PDF.name, other.name])
    assert snapshot.of(Path(lake)).version("documents") == 1  # two commits: versions 0 and 1


def test_delta_commits_on_s3_are_never_lost_without_a_lock(s3: str) -> None:
    """delta-rs writes each log entry with a conditional put (If-None-Match, honoured by the server):
    two writers committing from the same version both land, as versions 1 and 2, with no unsafe rename."""
    import pyarrow as pa
    from deltalake import DeltaTable, write_deltalake

    uri = f"{s3}/conflict/t"
    write_deltalake(uri, pa.table({"x": [0]}))
    first, second = DeltaTable(uri), DeltaTable(uri)  # both at version 0
    write_deltalake(first, pa.table({"x": [1]}), mode="append")
    write_deltalake(second, pa.table({"x": [2]}), mode="append")  # its version 1 is taken: retried as 2
    table = DeltaTable(uri)
    assert table.version() == 2
    assert sorted(pl.read_delta(uri)["x"].to_list()) == [0, 1, 2]
