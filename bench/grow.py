"""Grow a lake from really ingested documents: copy their rows under new identities, commit in batches.

Shared by bench/dashboard.py and bench/scale.py. The base (samples/ and a few synthetic
PDFs, ingested once and kept in build/bench/base_lake) provides template documents; a
plan (one row per new document: doc_id, template, region, agency, year, scale factor)
says what to copy; `grow` commits the copies through fiscal.store.commit `batch` at a
time, each commit followed by the maintenance policy, like an ingest batch.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
BASE_LAKE = ROOT / "build" / "bench" / "base_lake"
BATCH = 100
AMOUNT_COLUMNS = ("amount", "budget_initial", "budget_full_year", "executed")
# Columns a copy takes from its plan row instead of its template.
IDENTITY = ("doc_id", "region_code", "region", "agency_id", "agency", "year")

Frames = dict[str, pl.DataFrame]


def build_base(base: Path = BASE_LAKE, n_synthetic: int = 20, fresh: bool = False) -> Path:
    """Ingest samples/ and n synthetic PDFs once (reused while the parser version is unchanged)."""
    from rich.console import Console

    from fiscal import store
    from ingest import batch
    from ingest.document import PARSER_VERSION

    marker = base / "_bench_base.txt"
    stamp = f"{PARSER_VERSION} samples+{n_synthetic}"
    if not fresh and marker.is_file() and marker.read_text() == stamp and store.doc_ids(base):
        return base
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    from samplegen import synthetic

    pdfs = Path(tempfile.mkdtemp(prefix="bench_synth_"))
    try:
        synthetic.build(n_synthetic, pdfs)
        console = Console(quiet=True)
        batch.run([ROOT / "samples"], base, workers=2, console=console, compact=False)
        batch.run([pdfs], base, {"synthetic": True}, workers=2, console=console, compact=False)
    finally:
        shutil.rmtree(pdfs, ignore_errors=True)
    marker.write_text(stamp)
    return base


def load_base(base: Path) -> Frames:
    """Every dataset of the base lake, in memory."""
    from fiscal import store
    from fiscal.schema import DATASETS

    return {d: store.read(base, d) for d in DATASETS}


def replicate(base: Frames, docs: pl.DataFrame) -> Frames:
    """The rows of the planned documents: their template's rows with the new identity and scaled amounts."""
    now = datetime.now(UTC)
    ident = docs.select(pl.col("template").alias("_t"), *IDENTITY, "scale", "province", "city", "seq")
    out: Frames = {}
    for dataset, rows in base.items():
        replace = list(IDENTITY) + (["province", "city"] if dataset == "documents" else [])
        joined = rows.rename({"doc_id": "_t"}).drop([c for c in replace if c != "doc_id" and c in rows.columns]).join(
            ident.select("_t", *replace, "scale", "seq"), on="_t", how="inner")
        scaled = [(pl.col(c) * pl.col("scale")).round(2).alias(c) for c in AMOUNT_COLUMNS if c in rows.columns]
        if scaled:
            joined = joined.with_columns(scaled)
        if dataset == "documents":
            joined = joined.with_columns(
                (pl.lit("bench_") + pl.col("seq").cast(pl.String) + pl.lit(".pdf")).alias("source_name"),
                pl.lit(True).alias("synthetic"), pl.lit(now).alias("ingested_at"),
            )
        out[dataset] = joined.select(rows.columns)
    return out


def grow(lake: Path, base: Frames, docs: pl.DataFrame, batch: int = BATCH,
         transform: Callable[[Frames, pl.DataFrame], Frames] | None = None,
         lock_times: list[float] | None = None, progress: str = "",
         flag_times: list[float] | None = None) -> list[float]:
    """Commit the planned documents, `batch` per commit, each followed by the maintenance policy and the
    flags of the changed agencies like an ingest batch; seconds per commit (maintenance included, flags
    not). `transform` edits a batch's rows first; `lock_times` gets how long each maintenance run held
    the writer lock (0 when it did not take it); `flag_times` the seconds of each flag evaluation;
    `progress`: a tag to report the rate on stderr about every minute."""
    from fiscal import maintenance, store
    from fiscal.read.flags import write_increment

    times = []
    started = reported = time.perf_counter()
    for start in range(0, docs.height, batch):
        part = docs.slice(start, batch)
        frames = replicate(base, part)
        if transform is not None:
            frames = transform(frames, part)
        t0 = time.perf_counter()
        store.commit(lake, frames, part.get_column("doc_id").to_list())
        maintenance.maybe_compact(lake)
        times.append(time.perf_counter() - t0)
        t1 = time.perf_counter()
        write_increment(lake)  # as the ingest does after its commit (ingest.batch): readers evaluate nothing
        if flag_times is not None:
            flag_times.append(time.perf_counter() - t1)
        if lock_times is not None:
            lock_times.append(maintenance.last_lock_seconds)
        if progress and (time.perf_counter() - reported > 60 or start + batch >= docs.height):
            reported = time.perf_counter()
            done = min(start + batch, docs.height)
            say(progress, f"{done:,} of {docs.height:,} documents committed, {done / (reported - started) * 60:,.0f} "
                          f"documents/min; last commit {times[-1]:.1f} s")
    return times


def lake_size(lake: Path) -> dict[str, int]:
    """Bytes and files on disk (locks and the readers' _cache left out): all, data parquet, Delta log."""
    files = [p for p in lake.rglob("*") if p.is_file() and not p.name.startswith("_lock") and "_cache" not in p.parts]
    data = [p for p in files if p.suffix == ".parquet" and "_delta_log" not in p.parts]
    logs = [p for p in files if "_delta_log" in p.parts]
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files), "parquet": len(data),
            "log": len(logs)}


def pct(values: list[float], q: float) -> float:
    """The q-quantile of values (nearest rank)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def say(tag: str, msg: str) -> None:
    """A progress line on stderr."""
    print(f"[bench {tag} {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)
