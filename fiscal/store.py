"""The lake on disk: Delta tables per dataset, kept source PDFs, the quarantine.

Layout under the lake root:
    <dataset>/            Delta table partitioned by region_code / agency_id / year
    _sources/<doc_id>.pdf the source PDF, content-addressed
    _quarantine/<sha>.json + the file itself, for inputs that could not be read
    _lock                 file lock serialising commits
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

import polars as pl
from deltalake import DeltaTable, write_deltalake
from deltalake.exceptions import TableNotFoundError
from filelock import FileLock

from fiscal.schema import DATASETS, PARTITION_BY, conform, empty, schema

# documents is written last: a document row only exists once all its data rows do.
COMMIT_ORDER: tuple[str, ...] = tuple(d for d in DATASETS if d != "documents") + ("documents",)


class LakeError(Exception):
    """The lake could not be read or written."""


def table_path(lake: Path, dataset: str) -> Path:
    return Path(lake) / dataset


def sources_dir(lake: Path) -> Path:
    return Path(lake) / "_sources"


def quarantine_dir(lake: Path) -> Path:
    return Path(lake) / "_quarantine"


def source_path(lake: Path, doc_id: str) -> Path:
    """Where the PDF a figure came from is kept."""
    return sources_dir(lake) / f"{doc_id}.pdf"


def lock(lake: Path, timeout: float = 600) -> FileLock:
    """The lock every writer holds while committing to this lake."""
    Path(lake).mkdir(parents=True, exist_ok=True)
    return FileLock(str(Path(lake) / "_lock"), timeout=timeout)


def _in_list(column: str, values: Iterable[str]) -> str:
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return f"{column} IN ({quoted})"


def _exists(path: Path) -> bool:
    return (path / "_delta_log").is_dir()


def keep_source(lake: Path, doc_id: str, pdf: Path | bytes) -> Path:
    """Store the source PDF content-addressed (idempotent)."""
    dest = source_path(lake, doc_id)
    if dest.exists():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(".part")
    if isinstance(pdf, bytes):
        tmp.write_bytes(pdf)
    else:
        shutil.copyfile(pdf, tmp)
    tmp.replace(dest)
    return dest


def commit(lake: Path, frames: Mapping[str, pl.DataFrame], doc_ids: Iterable[str]) -> dict[str, int]:
    """Replace every row of `doc_ids` in every dataset by `frames`, one commit per dataset.

    Datasets missing from `frames` are cleared of those documents too, so a re-ingest
    never leaves stale rows. Returns rows written per dataset.
    """
    doc_ids = sorted(set(doc_ids))
    if not doc_ids:
        return {}
    predicate = _in_list("doc_id", doc_ids)
    written: dict[str, int] = {}
    with lock(lake):
        for dataset in COMMIT_ORDER:
            df = conform(frames.get(dataset, empty(dataset)), dataset)
            stray = df.filter(~pl.col("doc_id").is_in(doc_ids))
            if stray.height:
                raise LakeError(f"{dataset}: rows for documents outside this batch")
            path = table_path(lake, dataset)
            if not _exists(path):
                write_deltalake(str(path), df.to_arrow(), partition_by=PARTITION_BY, mode="append")
            elif df.height:
                write_deltalake(
                    str(path), df.to_arrow(), partition_by=PARTITION_BY, mode="overwrite", predicate=predicate,
                    schema_mode="merge",  # columns added to the contract since the table was created
                )
            else:
                DeltaTable(str(path)).delete(predicate)
            written[dataset] = df.height
    return written


def scan(lake: Path, dataset: str, *, version: int | None = None) -> pl.LazyFrame:
    """Lazy scan of a dataset; an empty frame of the right schema when the table does not exist yet."""
    path = table_path(lake, dataset)
    if not _exists(path):
        return empty(dataset).lazy()
    try:
        lf = pl.scan_delta(str(path), version=version)
    except TableNotFoundError:
        return empty(dataset).lazy()
    # A lake written before a column was added to the contract reads that column as null.
    present = set(lf.collect_schema().names())
    return lf.select(
        pl.col(c) if c in present else pl.lit(None, dtype=t).alias(c) for c, t in schema(dataset).items()
    )


def read(lake: Path, dataset: str, *, visible_only: bool = True) -> pl.DataFrame:
    """A whole dataset, restricted to documents that completed ingest (have a documents row)."""
    lf = scan(lake, dataset)
    if visible_only and dataset != "documents":
        lf = lf.join(scan(lake, "documents").select("doc_id"), on="doc_id", how="semi")
    return lf.collect()


def doc_ids(lake: Path) -> set[str]:
    """Ids of the documents in the lake."""
    return set(scan(lake, "documents").select("doc_id").collect()["doc_id"].to_list())


def quarantine(lake: Path, file: Path, *, sha256: str, stage: str, reason: str, detail: str = "") -> Path:
    """Keep an unreadable input with a machine-readable reason next to it."""
    qdir = quarantine_dir(lake)
    qdir.mkdir(parents=True, exist_ok=True)
    record = {
        "file": str(file),
        "name": Path(file).name,
        "sha256": sha256,
        "stage": stage,
        "reason": reason,
        "detail": detail,
    }
    kept = qdir / f"{sha256}{Path(file).suffix or '.bin'}"
    if Path(file).exists() and not kept.exists():
        shutil.copyfile(file, kept)
    out = qdir / f"{sha256}.json"
    out.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    return out


def quarantined(lake: Path) -> pl.DataFrame:
    """The quarantine's records, one row per file."""
    rows = []
    qdir = quarantine_dir(lake)
    if qdir.is_dir():
        for f in sorted(qdir.glob("*.json")):
            rows.append(json.loads(f.read_text(encoding="utf-8")))
    return pl.DataFrame(
        rows, schema={"file": pl.String, "name": pl.String, "sha256": pl.String, "stage": pl.String,
                      "reason": pl.String, "detail": pl.String}
    )
