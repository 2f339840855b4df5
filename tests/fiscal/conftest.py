"""Session fixtures of the fiscal tests: a small multi-year lake (samplegen/multiyear.py), ingested once."""

from __future__ import annotations

from pathlib import Path

import pytest


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
