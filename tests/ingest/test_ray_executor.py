"""--executor ray: samples/ parsed as Ray tasks (a local instance, 2 CPUs) give the same lake as the default."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from rich.console import Console

from fiscal import store
from fiscal.schema import DATASETS
from ingest import batch

ray = pytest.importorskip("ray", reason="ray is not installed (pip install -e '.[ray]')")

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _fingerprint(lake: Path, doc_ids: set[str]) -> dict[str, object]:
    out: dict[str, object] = {}
    for dataset in DATASETS:
        df = store.read(lake, dataset).filter(pl.col("doc_id").is_in(sorted(doc_ids)))
        out[f"{dataset}.rows"] = df.height
        if dataset in ("line_items", "sangong"):
            out[f"{dataset}.amounts"] = sorted(round(a, 2) for a in df["amount"].drop_nulls().to_list())
    return out


@pytest.fixture(scope="module")
def ray_local():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(SAMPLES.parent)}})
    yield ray
    ray.shutdown()


def test_ray_executor_yields_the_same_lake(ray_local, sample_lake: Path, tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    report = batch.run([SAMPLES], lake, workers=2, executor="ray", console=Console(quiet=True))
    assert report.ingested and not report.quarantined
    ids = store.doc_ids(lake)
    expected = {o.sha256 for o in report.ingested}
    assert ids == expected
    # the outcomes carry the driver's paths, and the sources are kept
    assert all(o.path.is_relative_to(SAMPLES) for o in report.outcomes)
    assert all(store.source_path(lake, d).exists() for d in ids)
    assert _fingerprint(lake, ids) == _fingerprint(sample_lake, ids)
