"""Session fixtures: the bundled and real PDFs are parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from fiscal import store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
REAL = ROOT.parent / "shared" / "real"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def real_dir() -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real PDFs not found at {REAL}")
    return REAL


@pytest.fixture(scope="session")
def sample_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lake holding every bundled sample PDF and every real PDF, ingested once."""
    from ingest import batch

    lake = tmp_path_factory.mktemp("lake")
    paths = [SAMPLES] + ([REAL] if REAL.is_dir() else [])
    report = batch.run(paths, lake, workers=2)
    assert report.ingested, "nothing was ingested"
    return lake


def rows_of(lake: Path, dataset: str, source_name: str) -> pl.DataFrame:
    """The rows of one dataset that came from the file called `source_name`."""
    docs = store.read(lake, "documents").filter(pl.col("source_name") == source_name)
    assert docs.height == 1, f"{source_name} not ingested exactly once ({docs.height})"
    return store.read(lake, dataset).filter(pl.col("doc_id") == docs["doc_id"][0])
