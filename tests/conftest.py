"""Session fixtures: the bundled and real PDFs are parsed once per test session.

Read helpers for tests live in tests/lakeview.py (rows_of), test data in tests/seed_text.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
REAL = SAMPLES / "real"  # real published PDFs, copied from the offices' sites (samples/real/README.md)


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def real_dir() -> Path:
    assert REAL.is_dir(), f"real PDFs missing at {REAL}: they ship with the repo"
    return REAL


@pytest.fixture(scope="session")
def sample_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lake holding every bundled sample PDF and every real PDF, ingested once."""
    from ingest import batch

    lake = tmp_path_factory.mktemp("lake")
    paths = [SAMPLES]  # folders are read recursively: samples/real/ included
    report = batch.run(paths, lake, workers=2)
    assert report.ingested, "nothing was ingested"
    return lake


@pytest.fixture(scope="session")
def multi_year_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lake of 株洲市 示例数据: nine 部门决算 (three agencies × 2022–2024) and the 2024 部门预算 of 株洲市教育局.

    What is planted (a renamed agency, a project code, drifting project names): samplegen/multiyear.py.
    """
    from rich.console import Console

    from ingest import batch
    from samplegen import multiyear

    pdfs = multiyear.build(tmp_path_factory.mktemp("multiyear_pdf"))
    lake = tmp_path_factory.mktemp("multiyear_lake")
    report = batch.run([pdfs[0].parent], lake, {"synthetic": True}, workers=2, console=Console(quiet=True),
                       compact=False)
    assert len(report.ingested) == len(pdfs), [(o.path, o.rejected) for o in report.quarantined]
    return lake


@pytest.fixture(scope="session")
def peer_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lake of the demo corpus's peer group (six 教育局 of 湖南省, one year), really rendered and ingested."""
    from ingest import batch
    from samplegen import synthetic

    tmp = tmp_path_factory.mktemp("peers")
    (tmp / "pdfs").mkdir()
    pdfs = [synthetic.write(spec, tmp / "pdfs") for spec in synthetic.peer_group(synthetic.plan(synthetic.PEER_N))]
    lake = tmp / "lake"
    report = batch.run(pdfs, lake, overrides={"synthetic": True}, workers=2, compact=False)
    assert len(report.ingested) == len(pdfs) and not report.quarantined
    return lake
