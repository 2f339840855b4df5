"""python -m ingest as a user runs it: reports, idempotent re-runs, bad input quarantined."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from fiscal import schema, store
from samplegen.bad_inputs import write_bad_inputs

ROOT = Path(__file__).resolve().parents[2]


def ingest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ingest", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def row_counts(lake: Path) -> dict[str, int]:
    return {d: store.read(lake, d).height for d in schema.DATASETS}


@pytest.fixture(scope="module")
def samples_lake(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    lake = tmp_path_factory.mktemp("cli_lake")
    return lake, ingest("samples", "--lake", str(lake))


def test_a_run_prints_one_line_per_file_and_a_total(samples_lake):
    lake, run = samples_lake
    assert run.returncode == 0, run.stderr
    for pdf in (ROOT / "samples").glob("*.pdf"):
        assert pdf.name in run.stdout
    assert "合计 total:" in run.stdout and "0 quarantined" in run.stdout


def test_running_twice_gives_identical_row_counts(samples_lake):
    lake, _ = samples_lake
    before = row_counts(lake)
    again = ingest("samples", "--lake", str(lake))
    assert again.returncode == 0
    assert "unchanged" in again.stdout  # skipped by content hash
    assert row_counts(lake) == before
    forced = ingest("samples", "--lake", str(lake), "--force")
    assert forced.returncode == 0
    assert row_counts(lake) == before  # re-ingesting replaces, never duplicates
    assert before["line_items"] > 500 and before["sangong"] > 0


def test_sources_are_kept_content_addressed(samples_lake):
    lake, _ = samples_lake
    for doc_id in store.read(lake, "documents")["doc_id"]:
        assert store.source_path(lake, doc_id).is_file()


def test_bad_inputs_are_quarantined_and_the_batch_goes_on(tmp_path):
    batch = tmp_path / "batch"
    bad = write_bad_inputs(batch)
    good = batch / "good.pdf"
    shutil.copy(ROOT / "samples" / "dazhou_2023_budget_a.pdf", good)
    lake = tmp_path / "lake"

    run = ingest(str(batch), "--lake", str(lake))

    assert run.returncode == 0, run.stderr
    assert "5 quarantined" in run.stdout and "1 ingested" in run.stdout
    reasons = {json.loads(p.read_text(encoding="utf-8"))["name"]: json.loads(p.read_text(encoding="utf-8"))
               for p in (lake / "_quarantine").glob("*.json")}
    assert {bad[k].name for k in bad} == set(reasons)
    expected = {"empty": {("open", "empty_file")}, "not_pdf": {("open", "not_pdf")}, "truncated": {("open", "corrupt")},
                "encrypted": {("open", "encrypted")},
                # a 110-dpi scan: OCR reads nothing (no text) or a table without its agency (no metadata), by how
                # much Tesseract makes of it
                "scanned": {("text", "no_text_layer"), ("metadata", "metadata_unknown")}}
    for kind, reasons_allowed in expected.items():
        record = reasons[bad[kind].name]
        assert (record["stage"], record["reason"]) in reasons_allowed, kind
        assert record["detail"]
        # the file is kept as it came (not a working or OCR'd copy), under its own hash
        assert record["file"] == str(bad[kind])
        kept = lake / "_quarantine" / f"{record['sha256']}{bad[kind].suffix or '.bin'}"
        assert kept.read_bytes() == bad[kind].read_bytes(), kind
    # The good document is complete.
    docs = store.read(lake, "documents")
    assert docs["source_name"].to_list() == ["good.pdf"]
    assert docs["tables_found"][0] == docs["tables_expected"][0]
    assert store.read(lake, "sangong").filter(pl.col("item") == "total")["amount"].to_list() == [0.5]


def test_a_missing_path_is_a_clear_error(tmp_path):
    run = ingest(str(tmp_path / "nope.pdf"), "--lake", str(tmp_path / "lake"))
    assert run.returncode == 2 and "nope.pdf" in run.stdout


def test_overrides_from_the_command_line_and_a_manifest(tmp_path):
    pdf = tmp_path / "x.pdf"
    shutil.copy(ROOT / "samples" / "dazhou_2023_budget_b.pdf", pdf)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,agency,year\nx.pdf,达州市医疗保障局,2024\n", encoding="utf-8")
    lake = tmp_path / "lake"
    run = ingest(str(pdf), "--lake", str(lake), "--manifest", str(manifest), "--region", "四川省达州市")
    assert run.returncode == 0, run.stderr
    doc = store.read(lake, "documents").row(0, named=True)
    assert (doc["agency"], doc["year"], doc["region_code"]) == ("达州市医疗保障局", 2024, "511700")
