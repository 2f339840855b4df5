"""Writing the lake's Delta tables at a cost that does not grow with the lake.

delta-rs 1.6 advances a DeltaTable after each of its commits by re-materialising the list of
all the table's files (their statistics parsed again): ~6 µs a file without statistics,
~20 µs with them, so one append to a table of 33,000 files (100,000 documents: one file
per agency-year partition) costs ~0.2–0.7 s whatever it adds, nine times per batch.

Two things keep a batch's cost at what it writes:

* new tables keep no per-column statistics (TABLE_CONFIG); nothing prunes by them here,
  readers find a document's files by partition;
* an append to a local table is a *blind append* written here: the batch's Parquet files
  (one per partition, without the partition columns, as delta-rs writes them) and one
  commit file `_delta_log/<version>.json` holding their `add` actions, created with
  `link()` so that it exists whole or not at all and never replaces another writer's
  commit (the put-if-absent the Delta protocol asks for). A lake on object storage, a
  schema change, a table with writer features or an unusual partition value go through
  delta-rs as before.

Deletes, overwrites and maintenance use delta-rs through one DeltaTable per table and
process (`delta_table`), brought up to date before each use.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow as pa
from deltalake import DeltaTable, write_deltalake

from fiscal import paths
from fiscal.schema import PARTITION_BY

# Table properties of new tables: no min/max/null-count statistics per column in the log (numRecords stays).
TABLE_CONFIG: dict[str, str | None] = {"delta.dataSkippingNumIndexedCols": "0"}
# Appends to local tables written here (False: every write through delta-rs).
BLIND_APPEND = True
# Tables written at once by a commit (delta-rs and the Parquet writer release the GIL).
WRITE_THREADS = 2
_SAFE_VALUE = re.compile(r"^[A-Za-z0-9_.\-]+$")  # partition values that need no escaping in a path

_handles: dict[str, DeltaTable] = {}
_meta: dict[str, _Meta] = {}
_guard = threading.Lock()


@dataclass(frozen=True)
class _Meta:
    """What a blind append needs to know of a table: its columns, partitioning and last known version."""

    schema: pl.Schema
    partition_by: tuple[str, ...]
    plain: bool  # protocol without writer features (writer version ≤ 2)


def delta_table(path: Path) -> DeltaTable:
    """An existing table, up to date, for writing or maintenance (one handle per table and process)."""
    key = paths.uri(path)
    with _guard:
        table = _handles.get(key)
    if table is not None:
        try:
            table.update_incremental()  # ~1 ms when nothing was committed since
            return table
        except Exception:  # the table was replaced under us (a folder reused): open it again
            pass
    table = DeltaTable(key, storage_options=paths.storage_options(path))
    with _guard:
        _handles[key] = table
        _meta.pop(key, None)
    return table


def forget(path: Path) -> None:
    """Drop what this process holds of a table (it is about to be created)."""
    with _guard:
        _handles.pop(paths.uri(path), None)
        _meta.pop(paths.uri(path), None)


def append(path: Path, df: pl.DataFrame, table: DeltaTable | None = None) -> None:
    """Append rows to the table at `path` (created when missing); `table`: a handle to write through instead."""
    if not paths.table_exists(path):
        forget(path)
        write_deltalake(paths.uri(path), df.to_arrow(), partition_by=PARTITION_BY, mode="append",
                        configuration=TABLE_CONFIG, storage_options=paths.storage_options(path))
        return
    if BLIND_APPEND and not paths.is_remote(path) and _blind_append(path, df):
        return
    # schema_mode="merge": columns added to the contract (or batch_id) since the table was created
    write_deltalake(table or delta_table(path), df.to_arrow(), partition_by=PARTITION_BY, mode="append",
                    schema_mode="merge", storage_options=paths.storage_options(path))
    with _guard:
        _meta.pop(paths.uri(path), None)  # the schema may have grown


def each(fn: Callable[[str], object], names: list[str]) -> None:
    """fn(name) for every name, WRITE_THREADS at a time; the first error is raised once all finished."""
    if len(names) <= 1 or WRITE_THREADS <= 1:
        for name in names:
            fn(name)
        return
    with ThreadPoolExecutor(WRITE_THREADS) as pool:
        for future in [pool.submit(fn, name) for name in names]:
            future.result()


def _table_meta(path: Path) -> _Meta:
    key = paths.uri(path)
    with _guard:
        meta = _meta.get(key)
    if meta is None:
        dt = delta_table(path)
        protocol = dt.protocol()
        schema = pl.DataFrame(pa.schema(dt.schema().to_arrow()).empty_table()).schema
        meta = _Meta(schema, tuple(dt.metadata().partition_columns),
                     protocol.min_writer_version <= 2 and not protocol.writer_features)
        with _guard:
            _meta[key] = meta
    return meta


def _blind_append(path: Path, df: pl.DataFrame) -> bool:
    """Write the rows' files and commit their add actions; False (nothing written) when delta-rs must do it."""
    meta = _table_meta(path)
    if not meta.plain or meta.partition_by != tuple(PARTITION_BY):
        return False
    if any(meta.schema.get(c) != t for c, t in df.schema.items()):
        return False  # a column the table lacks, or another type: a schema change
    keys = df.select(PARTITION_BY).unique()
    if not all(keys.select(pl.all().cast(pl.String).str.contains(_SAFE_VALUE.pattern).fill_null(False).all()).row(0)):
        return False
    actions: list[dict[str, object]] = []
    for part in df.partition_by(PARTITION_BY, maintain_order=True):
        values = {c: str(part.get_column(c)[0]) for c in PARTITION_BY}
        rel = "/".join(f"{c}={values[c]}" for c in PARTITION_BY) + f"/part-00000-{uuid.uuid4()}-c000.snappy.parquet"
        file = path / rel
        file.parent.mkdir(parents=True, exist_ok=True)
        part.drop(PARTITION_BY).write_parquet(file, compression="snappy")
        st = file.stat()
        actions.append({"add": {"path": rel, "partitionValues": values, "size": st.st_size,
                                "modificationTime": int(st.st_mtime * 1000), "dataChange": True,
                                "stats": json.dumps({"numRecords": part.height})}})
    _commit(path, actions)
    return True


def _commit(path: Path, actions: list[dict[str, object]]) -> int:
    """Write the next version of the table's log holding `actions`, atomically and never over another commit."""
    log = path / "_delta_log"
    info = {"commitInfo": {"timestamp": int(time.time() * 1000), "operation": "WRITE",
                           "operationParameters": {"mode": "Append", "partitionBy": json.dumps(PARTITION_BY)},
                           "isBlindAppend": True, "clientVersion": "fiscal.deltawrite",
                           "operationMetrics": {"num_added_files": len(actions)}}}
    tmp = log / f"_commit_{uuid.uuid4().hex}.json.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(a, separators=(",", ":")) for a in [info, *actions]) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    try:
        version = _latest(log)
        while True:
            try:
                os.link(tmp, log / f"{version + 1:020d}.json")
                return version + 1
            except FileExistsError:  # another writer took that version: a blind append goes on top of it
                version = _latest(log, version + 1)
    finally:
        tmp.unlink(missing_ok=True)


_versions: dict[str, int] = {}  # log folder → last version seen there


def _latest(log: Path, at_least: int = -1) -> int:
    """The table's latest version: from the last one seen, probing forward (a listing the first time)."""
    key = str(log)
    version = max(_versions.get(key, -1), at_least)
    if version >= 0 and at_least < 0 and not (log / f"{version:020d}.json").exists():
        version = -1  # the table was made again since (a folder reused): list its log
    if version < 0:
        stems = [n[:-5] for n in os.listdir(log) if n.endswith(".json") and n[:-5].isdigit()]
        version = max((int(s) for s in stems), default=-1)
    while (log / f"{version + 1:020d}.json").exists():
        version += 1
    _versions[key] = version
    return version
