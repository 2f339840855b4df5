"""Two ingest processes at once on one lake: the lake lock serialises the commits and
the dedup by hash is re-checked under it, so nothing is lost or duplicated."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polars as pl
from rich.console import Console

from fiscal import store
from fiscal.schema import DATASETS
from ingest import batch

ROOT = Path(__file__).resolve().parents[2]
A = ROOT / "samples" / "ab_layout_selfeval.pdf"
SHARED = ROOT / "samples" / "sichuan_2023_selfeval_provincial.pdf"
B = ROOT / "samples" / "dazhou_2023_budget_b.pdf"


def rows_per_doc(lake: Path) -> dict[str, dict[str, int]]:
    out = {}
    for dataset in DATASETS:
        df = store.read(lake, dataset)
        out[dataset] = dict(df.group_by("doc_id").len().iter_rows())
    return out


def test_two_processes_on_one_lake(tmp_path):
    lake = tmp_path / "lake"
    cmd = [sys.executable, "-m", "ingest", "--lake", str(lake), "--workers", "1"]
    procs = [subprocess.Popen([*cmd, str(A), str(SHARED)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT),
             subprocess.Popen([*cmd, str(SHARED), str(B)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)]
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0, out.decode()

    ref = tmp_path / "ref"
    batch.run([A, SHARED, B], ref, workers=1, console=Console(quiet=True))
    expected = rows_per_doc(ref)
    got = rows_per_doc(lake)
    assert got == expected  # every document, each row once
    docs = store.read(lake, "documents")
    assert sorted(docs["source_name"]) == sorted(p.name for p in (A, SHARED, B))
    assert docs["doc_id"].n_unique() == docs.height == 3
    # every Delta table holds exactly the visible rows (no orphans left behind by either writer)
    for dataset in DATASETS:
        if (lake / dataset / "_delta_log").is_dir():
            assert pl.scan_delta(str(lake / dataset)).select(pl.len()).collect().item() == sum(
                got[dataset].values()), dataset


def test_dedup_is_rechecked_under_the_lock(tmp_path, monkeypatch):
    """The same file committed by another writer between our dedup check and our commit is skipped."""
    lake = tmp_path / "lake"
    parse_all = batch._parse_all

    def parse_then_race(jobs, *args, **kwargs):
        outcomes = parse_all(jobs, *args, **kwargs)
        monkeypatch.setattr(batch, "_parse_all", parse_all)
        batch.run([SHARED], lake, workers=1, console=Console(quiet=True))  # the other writer wins the race
        return outcomes

    monkeypatch.setattr(batch, "_parse_all", parse_then_race)
    report = batch.run([SHARED, A], lake, workers=1, console=Console(quiet=True))
    assert [p.name for p in report.skipped] == [SHARED.name]
    assert [o.path.name for o in report.ingested] == [A.name]
    docs = store.read(lake, "documents")
    assert docs.height == 2 and docs["doc_id"].n_unique() == 2
    assert store.read(lake, "projects").group_by("doc_id").len()["len"].max() <= 4
