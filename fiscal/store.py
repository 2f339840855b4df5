"""The lake on disk: Delta tables per dataset, kept source PDFs, the quarantine.

Layout under the lake root:
    <dataset>/            Delta table partitioned by region_code / agency_id / year
    _sources/<doc_id>.pdf the source PDF, content-addressed
    _quarantine/<sha>.json + the file itself, for inputs that could not be read
    _lock                 file lock serialising commits (local lakes; see `lock` for object storage)

Crash safety: every row carries the storage column `batch_id` (fiscal.schema.BATCH_COLUMN,
not part of the contract schema). A commit appends the batch's data rows under a new
batch id, then flips the `documents` rows (one atomic Delta commit), then deletes the
documents' rows of other batches. Readers show a data row only when its (doc_id,
batch_id) matches a documents row, so a batch killed at any moment leaves the visible
lake exactly as before the batch (killed before the documents commit) or as after it.
The clean-up deletes in the partitions the replaced documents were and are in; rows of an
interrupted batch of documents that never got a documents row stay where they are,
invisible (a later re-ingest of such a document into the same partition removes them).

Cost at scale: a batch of new documents is one append per table (fiscal.deltawrite: a blind
append whose cost does not depend on the table's size), no read-back of what it wrote.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import polars as pl
from deltalake import DeltaTable, write_deltalake
from deltalake.exceptions import TableNotFoundError
from filelock import FileLock

from fiscal import deltawrite, paths
from fiscal.deltawrite import TABLE_CONFIG as TABLE_CONFIG
from fiscal.schema import BATCH_COLUMN, DATASETS, PARTITION_BY, conform, empty, schema

# documents is written last: a document row only exists once all its data rows do.
COMMIT_ORDER: tuple[str, ...] = tuple(d for d in DATASETS if d != "documents") + ("documents",)


class LakeError(Exception):
    """The lake could not be read or written."""


def table_path(lake: Path, dataset: str) -> Path:
    return paths.table(lake, dataset)


def sources_dir(lake: Path) -> Path:
    return paths.sources(lake)


def quarantine_dir(lake: Path) -> Path:
    return paths.quarantine(lake)


def source_path(lake: Path, doc_id: str) -> Path:
    """Where the PDF a figure came from is kept."""
    return paths.source_pdf(lake, doc_id)


class ProcessLock:
    """The writer lock of a lake on object storage: re-entrant, within this process only.

    Object storage has no file lock. Each Delta commit is still atomic and never lost
    (delta-rs writes the log entry with a conditional put, S3 `If-None-Match`), but the
    batch protocol (append, flip, clean-up) and the dedup by hash assume ONE writer
    process per remote lake: the ingest driver, which alone commits while Ray tasks or
    worker processes only parse (ingest.batch). Run one driver per lake.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.timeout: float = 600

    def __enter__(self) -> ProcessLock:
        if not self._lock.acquire(timeout=self.timeout):
            raise LakeError(f"the lake's writer lock was not free within {self.timeout} s")
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


_locks: dict[str, FileLock | ProcessLock] = {}
_locks_guard = threading.Lock()


def lock(lake: Path, timeout: float = 600) -> FileLock | ProcessLock:
    """The lock every writer holds while committing to this lake.

    One lock object per lake and process, so it is re-entrant: a caller can hold it
    around its own checks (e.g. the ingest's dedup by hash) and then call `commit`.
    Other processes wait for it (fcntl lock, released by the OS if the holder dies).
    A lake on object storage gets a ProcessLock (single writer process, see there).
    """
    remote = paths.is_remote(lake)
    if not remote:
        Path(lake).mkdir(parents=True, exist_ok=True)
    key = paths.uri(lake) if remote else str(paths.lock_file(lake).resolve())
    with _locks_guard:
        lk = _locks.get(key)
        if lk is None:
            lk = _locks[key] = ProcessLock() if remote else FileLock(key)
    lk.timeout = timeout
    return lk


def _in_list(column: str, values: Iterable[str]) -> str:
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return f"{column} IN ({quoted})"


def _exists(path: Path) -> bool:
    return paths.table_exists(path)


def put(dest: Path, data: Path | bytes) -> None:
    """Write a whole file on object storage (one PUT: readers see all of it or nothing)."""
    filesys, inner = paths.filesystem(dest)
    with filesys.open_output_stream(inner) as out:
        out.write(data if isinstance(data, bytes) else Path(data).read_bytes())


def keep_source(lake: Path, doc_id: str, pdf: Path | bytes) -> Path:
    """Store the source PDF content-addressed (idempotent)."""
    dest = source_path(lake, doc_id)
    if paths.is_remote(dest):
        if not paths.exists(dest):
            put(dest, pdf)
        return dest
    if dest.exists():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(f".{os.getpid()}.part")  # per process: two writers may race
    if isinstance(pdf, bytes):
        tmp.write_bytes(pdf)
    else:
        shutil.copyfile(pdf, tmp)
    tmp.replace(dest)
    return dest


def local_source(lake: Path, doc_id: str) -> Path | None:
    """The stored PDF as a file on this machine, None when not kept (a remote lake's is fetched once
    into paths.local_dir: pdfium renders from a local file)."""
    path = source_path(lake, doc_id)
    if not paths.is_remote(path):
        return path if path.is_file() else None
    local = paths.local_dir(lake) / "_sources" / path.name
    if not local.is_file():
        if not paths.exists(path):
            return None
        filesys, inner = paths.filesystem(path)
        local.parent.mkdir(parents=True, exist_ok=True)
        tmp = local.with_suffix(f".{os.getpid()}.{threading.get_ident()}.part")
        with filesys.open_input_stream(inner) as fh:
            tmp.write_bytes(fh.read())
        tmp.replace(local)
    return local


def commit(lake: Path, frames: Mapping[str, pl.DataFrame], doc_ids: Iterable[str]) -> dict[str, int]:
    """Replace every row of `doc_ids` in every dataset by `frames`, one commit per dataset.

    Datasets missing from `frames` are cleared of those documents too, so a re-ingest
    never leaves stale rows. Returns rows written per dataset.

    Order (crash safety, see the module docstring): data rows are appended under a new
    batch id (invisible), the `documents` rows are replaced in one commit (the flip),
    then the documents' rows from other batches are deleted.
    """
    doc_ids = sorted(set(doc_ids))
    if not doc_ids:
        return {}
    batch = uuid.uuid4().hex
    written: dict[str, int] = {}
    with lock(lake):
        prepared: dict[str, pl.DataFrame] = {}
        for dataset in COMMIT_ORDER:
            df = conform(frames.get(dataset, empty(dataset)), dataset)
            stray = df.filter(~pl.col("doc_id").is_in(doc_ids))
            if stray.height:
                raise LakeError(f"{dataset}: rows for documents outside this batch")
            prepared[dataset] = df.with_columns(pl.lit(batch, dtype=pl.String).alias(BATCH_COLUMN))
        # Where the documents' earlier rows are: their documents rows (every data row of a document lies in
        # its document's partition). Brand-new documents have none, so a batch of them only appends.
        old = _stale_rows(lake, "documents", doc_ids, None, keep_doc=True)
        # 1. data rows, appended: invisible until documents points at this batch
        appends = {d: prepared[d] for d in COMMIT_ORDER[:-1] if prepared[d].height}
        deltawrite.each(lambda d: _append(table_path(lake, d), appends[d]), list(appends))
        written.update({d: prepared[d].height for d in COMMIT_ORDER[:-1]})
        # 2. the flip: one atomic commit of the documents table
        docs = prepared["documents"]
        path = table_path(lake, "documents")
        predicate = _in_list("doc_id", doc_ids)
        if docs.height and not old.height:
            _append(path, docs)  # new documents: nothing to replace
        elif docs.height:
            parts = partitions_sql(pl.concat([docs.select(PARTITION_BY), old.select(PARTITION_BY)]))
            write_deltalake(_table_for_write(path), docs.to_arrow(), partition_by=PARTITION_BY, mode="overwrite",
                            predicate=f"({parts}) AND {predicate}", schema_mode="merge",
                            storage_options=paths.storage_options(path))
        elif old.height:
            delta_table(path).delete(f"({partitions_sql(old.select(PARTITION_BY))}) AND {predicate}")
        written["documents"] = docs.height
        # 3. clean-up of the rows this batch replaced: only in the partitions the replaced documents were and are
        # in, so a commit opens those files, not every file of the table (its cost does not grow with the lake).
        if old.height:
            replaced = old.get_column("doc_id").unique().to_list()
            ours = pl.concat([df.filter(pl.col("doc_id").is_in(replaced)).select(PARTITION_BY)
                              for df in prepared.values()] + [old.select(PARTITION_BY)])
            where = (f"({partitions_sql(ours)}) AND {_in_list('doc_id', replaced)} AND "
                     f"({BATCH_COLUMN} IS NULL OR {BATCH_COLUMN} <> '{batch}')")
            present = [d for d in COMMIT_ORDER[:-1] if _exists(table_path(lake, d))]
            deltawrite.each(lambda d: delta_table(table_path(lake, d)).delete(where), present)
    return written


def _stale_rows(lake: Path, dataset: str, doc_ids: list[str], batch: str | None,
                keep_doc: bool = False) -> pl.DataFrame:
    """Partition keys (and doc_id with `keep_doc`) of the dataset's rows of `doc_ids` from other batches than
    `batch` (any batch: None), from the lake's in-memory snapshot."""
    from fiscal import snapshot  # lazily: the read side is not needed by every writer

    cols = (["doc_id"] if keep_doc else []) + PARTITION_BY
    raw = snapshot.of(lake).raw(dataset) if _exists(table_path(lake, dataset)) else None
    if raw is None:
        return pl.DataFrame(schema={c: schema(dataset)[c] for c in cols})
    rows = raw.filter(pl.col("doc_id").is_in(doc_ids))
    if batch is not None:
        rows = rows.filter(pl.col(BATCH_COLUMN).is_null() | (pl.col(BATCH_COLUMN) != batch))
    return rows.select(cols).unique()


def partitions_sql(parts: pl.DataFrame) -> str:
    """`(region_code = … AND agency_id = … AND year = …) OR …` for the given partition rows."""
    terms = []
    for region_code, agency_id, year in parts.select(PARTITION_BY).unique().sort(PARTITION_BY).iter_rows():
        r = str(region_code).replace("'", "''")
        a = str(agency_id).replace("'", "''")
        terms.append(f"(region_code = '{r}' AND agency_id = '{a}' AND year = {int(year)})")
    return " OR ".join(terms)


def _append(path: Path, df: pl.DataFrame) -> None:
    deltawrite.append(path, df)


def delta_table(path: Path) -> DeltaTable:
    """An existing table, up to date, for writing or maintenance (one handle per table and process)."""
    if path.name == "documents":  # the snapshot follows documents anyway (doc ids, the flip): share its handle
        from fiscal import snapshot  # lazily: the read side is not needed by every writer

        shared = snapshot.of(path.parent).delta_table("documents")
        if shared is not None:
            return shared
    return deltawrite.delta_table(path)


def _table_for_write(path: Path) -> DeltaTable | str:
    """The writer's up-to-date DeltaTable of an existing table, else its URI (the write creates it)."""
    if not _exists(path):
        deltawrite.forget(path)
        return paths.uri(path)
    return delta_table(path)


def _raw(lake: Path, dataset: str, version: int | None = None) -> pl.LazyFrame | None:
    path = table_path(lake, dataset)
    if not _exists(path):
        return None
    try:
        lf = pl.scan_delta(paths.uri(path), version=version, storage_options=paths.storage_options(path))
    except TableNotFoundError:
        return None
    if BATCH_COLUMN not in lf.collect_schema().names():  # a lake written before batch ids
        lf = lf.with_columns(pl.lit(None, dtype=pl.String).alias(BATCH_COLUMN))
    return lf


def scan(lake: Path, dataset: str, *, version: int | None = None, visible_only: bool = True) -> pl.LazyFrame:
    """Lazy scan of a dataset; an empty frame of the right schema when the table does not exist yet.

    Data rows are restricted to the committed batch of their document (a documents row
    with the same doc_id and batch_id), so an interrupted or in-flight batch is never
    seen. `version` reads the table as of an earlier Delta version, unfiltered.
    """
    lf = _raw(lake, dataset, version)
    if lf is None:
        return empty(dataset).lazy()
    if visible_only and version is None and dataset != "documents":
        docs = _raw(lake, "documents")
        if docs is None:
            return empty(dataset).lazy()
        lf = lf.join(docs.select("doc_id", BATCH_COLUMN), on=["doc_id", BATCH_COLUMN], how="semi",
                     nulls_equal=True)
    # A lake written before a column was added to the contract reads that column as null.
    present = set(lf.collect_schema().names())
    return lf.select(
        pl.col(c) if c in present else pl.lit(None, dtype=t).alias(c) for c, t in schema(dataset).items()
    )


def read(lake: Path, dataset: str, *, visible_only: bool = True) -> pl.DataFrame:
    """A whole dataset, restricted to documents that completed ingest (have a documents row)."""
    return scan(lake, dataset, visible_only=visible_only).collect()


def doc_ids(lake: Path) -> set[str]:
    """Ids of the documents in the lake (latest version)."""
    from fiscal import snapshot  # kept in memory: the ingest asks before and during every batch

    return set(snapshot.read(lake, "documents")["doc_id"].to_list())


def quarantine(lake: Path, file: Path, *, sha256: str, stage: str, reason: str, detail: str = "") -> Path:
    """Keep an unreadable input with a machine-readable reason next to it."""
    qdir = quarantine_dir(lake)
    record = {
        "file": str(file),
        "name": Path(file).name,
        "sha256": sha256,
        "stage": stage,
        "reason": reason,
        "detail": detail,
    }
    kept = qdir / f"{sha256}{Path(file).suffix or '.bin'}"
    out = qdir / f"{sha256}.json"
    if paths.is_remote(qdir):  # one PUT per object is atomic already
        if Path(file).exists() and not paths.exists(kept):
            put(kept, Path(file))
        put(out, json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8"))
        return out
    qdir.mkdir(parents=True, exist_ok=True)
    if Path(file).exists() and not kept.exists():
        part = kept.with_suffix(f".{os.getpid()}.part")
        shutil.copyfile(file, part)
        part.replace(kept)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")  # atomic: a killed run never leaves half a record
    tmp.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(out)
    return out


def quarantined(lake: Path) -> pl.DataFrame:
    """The quarantine's records, one row per file."""
    rows: list[Any] = []
    qdir = quarantine_dir(lake)
    if paths.is_remote(qdir):
        rows = [json.loads(text) for text in remote_json(qdir)]
    elif qdir.is_dir():
        for f in sorted(qdir.glob("*.json")):
            rows.append(json.loads(f.read_text(encoding="utf-8")))
    return pl.DataFrame(
        rows, schema={"file": pl.String, "name": pl.String, "sha256": pl.String, "stage": pl.String,
                      "reason": pl.String, "detail": pl.String}
    )


def remote_json(folder: Path) -> list[str]:
    """The texts of the *.json objects directly under a folder on object storage, by name."""
    from pyarrow import fs

    filesys, inner = paths.filesystem(folder)
    infos = filesys.get_file_info(fs.FileSelector(inner, allow_not_found=True))
    texts = []
    for info in sorted(infos, key=lambda i: i.path):
        if info.type == fs.FileType.File and info.path.endswith(".json"):
            with filesys.open_input_stream(info.path) as fh:
                texts.append(fh.read().decode("utf-8"))
    return texts

