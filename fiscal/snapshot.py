"""The read side's copy of the lake in memory: each Delta table's visible rows, per table version.

Why: the lake is partitioned by region / agency / year (DESIGN.md), so a lake of 5,000
documents holds ~40,000 small Parquet files. Opening them for every dashboard call
costs seconds; holding the visible rows in memory turns every call into an in-memory
filter (milliseconds).

How it stays correct and cheap:

* Each access asks the Delta log for the table's version (`update_incremental`, well
  under a millisecond). A new version is applied incrementally from the table's add
  actions: only files added since the copy was made are read, rows of files that are
  gone (a re-ingest's delete, a compaction) are dropped. A commit of 100 documents
  costs reading their files, not the lake.
* Rows are tagged with their file; visibility (a data row counts only when its
  (doc_id, batch_id) matches the `documents` row, see fiscal.store) is applied on
  top, so an interrupted batch is never shown.
* A copy that had to read many files is written to `<lake>/_cache/<dataset>.parquet`
  (the Parquet metadata lists the table version and the files it holds), so a restarted dashboard does
  not open every file again. The cache is derived data: deleting `_cache/` is always
  safe, and a cache of a table that was since rewritten is ignored file by file.

`fiscal.store.scan` stays the reference reader (lazy, any version); this module only
speeds up reads of the latest version.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
from deltalake import DeltaTable
from deltalake.exceptions import TableNotFoundError

from fiscal import paths
from fiscal.schema import BATCH_COLUMN, PARTITION_BY, empty, schema

T = TypeVar("T")
FILE_COLUMN = "_file"  # index of the Delta data file a row came from (in-memory only)
# Write the on-disk cache when a refresh read at least this many files.
PERSIST_AFTER_FILES = 200
CACHE_FORMAT = 1
# Whole-lake derived results kept per process (oldest dropped first).
DERIVED_MAX = 96


def cache_dir(lake: Path) -> Path:
    """Where derived, deletable read caches live."""
    return paths.cache(lake)


@dataclass
class _Table:
    """One dataset's rows as of `version`, each tagged with the index of its data file."""

    version: int = -1
    files: dict[str, int] = field(default_factory=dict)  # relative path → index
    rows: pl.DataFrame | None = None
    delta: DeltaTable | None = None
    next_index: int = 0
    visible: tuple[tuple[int, int], pl.DataFrame] | None = None  # (this version, documents version) → rows
    seen_documents: int | None = None  # documents version at this table's last refresh


def _target(dataset: str) -> pl.Schema:
    return pl.Schema({**schema(dataset), BATCH_COLUMN: pl.String()})


def _add_actions(dt: DeltaTable) -> pl.DataFrame:
    """path + partition values of every file of the table's current version."""
    actions = pl.from_arrow(pa.table(dt.get_add_actions(flatten=True)))
    assert isinstance(actions, pl.DataFrame)
    return actions.select("path", *[pl.col(f"partition.{c}").alias(c) for c in PARTITION_BY])


def _read_files(root: Path, dataset: str, actions: pl.DataFrame, index: dict[str, int]) -> pl.DataFrame:
    """The rows of the given data files, partition columns from the log, tagged with the file index."""
    target = _target(dataset)
    if actions.is_empty():
        return pl.DataFrame(schema={**target, FILE_COLUMN: pl.UInt32()})
    data_schema = {c: t for c, t in target.items() if c not in PARTITION_BY}
    paths = [str(root / p) for p in actions.get_column("path")]
    rows = pl.scan_parquet(paths, schema=data_schema, missing_columns="insert", extra_columns="ignore",
                           include_file_paths="_path", hive_partitioning=False).collect()
    keys = actions.with_columns(
        pl.Series("_path", paths),
        pl.col("path").replace_strict(index, return_dtype=pl.UInt32).alias(FILE_COLUMN),
    ).drop("path")
    keys = keys.with_columns(pl.col(c).cast(target[c]) for c in PARTITION_BY)
    return rows.join(keys, on="_path", how="left").select(*target.keys(), FILE_COLUMN)


class LakeSnapshot:
    """The latest visible rows of every dataset of one lake, refreshed incrementally on access."""

    def __init__(self, lake: Path, persist_after: int | None = PERSIST_AFTER_FILES, read_cache: bool = True) -> None:
        """`persist_after`: write the on-disk cache after a refresh that read this many files (None: never);
        `read_cache`: start from that cache when there is one."""
        self.lake = Path(lake)
        self.persist_after = persist_after
        self.read_cache = read_cache
        self._tables: dict[str, _Table] = {}
        self._derived: dict[str, tuple[tuple[int | None, ...], Any]] = {}
        self._lock = threading.RLock()
        self.files_read = 0  # since start: how much work refreshes did (tests, bench)

    # ------------------------------------------------------------ raw tables

    def raw(self, dataset: str) -> pl.DataFrame | None:
        """Every row of the dataset's latest version (invisible batches included), None when no table."""
        path = paths.table(self.lake, dataset)
        if not (path / "_delta_log").is_dir():
            return None
        with self._lock:
            t = self._tables.get(dataset)
            if t is None:
                t = self._tables[dataset] = self._load_cache(dataset) if self.read_cache else _Table()
            try:
                if t.delta is None:
                    t.delta = DeltaTable(str(path))
                else:
                    t.delta.update_incremental()
            except TableNotFoundError:
                return None
            version = t.delta.version()
            if version != t.version or t.rows is None:
                self._apply(dataset, t, version)
            assert t.rows is not None
            return t.rows

    def delta_table(self, dataset: str) -> DeltaTable | None:
        """The dataset's DeltaTable, brought up to date (for a writer: no full log replay per commit)."""
        with self._lock:
            if self.raw(dataset) is None:
                return None
            return self._tables[dataset].delta

    def _apply(self, dataset: str, t: _Table, version: int) -> None:
        assert t.delta is not None
        actions = _add_actions(t.delta)
        current = set(actions.get_column("path").to_list())
        gone = [t.files.pop(p) for p in list(t.files) if p not in current]
        new = actions.filter(~pl.col("path").is_in(list(t.files)))
        for p in new.get_column("path"):
            t.files[p] = t.next_index
            t.next_index += 1
        fresh = _read_files(paths.table(self.lake, dataset), dataset, new, t.files)
        self.files_read += new.height
        old = t.rows if t.rows is not None else fresh.clear()
        if gone:
            old = old.filter(~pl.col(FILE_COLUMN).is_in(gone))
        t.rows = pl.concat([old, fresh], how="vertical_relaxed") if fresh.height else old
        t.version = version
        if self.persist_after is not None and new.height >= self.persist_after:
            self._save_cache(dataset, t)

    def memory_mb(self) -> float:
        """Memory held by the copies of the tables (estimated)."""
        return sum(t.rows.estimated_size() for t in self._tables.values() if t.rows is not None) / 1e6

    def _current(self, dataset: str, documents_checked: bool = False) -> pl.DataFrame | None:
        """The rows readers see: a data table is refreshed only when `documents` moved since its last refresh.

        Every batch commits `documents` last, and nothing else changes what readers see
        (an unflipped batch is invisible, a compaction keeps the rows), so one look at the
        documents log per call is enough; documents is read first so that the data tables
        hold at least every row the documents rows point at.
        """
        if documents_checked and "documents" in self._tables:
            docs = self._tables["documents"].rows
        else:
            docs = self.raw("documents")
        if docs is None or dataset == "documents":
            return docs
        docs_version = self._tables["documents"].version
        with self._lock:
            t = self._tables.get(dataset)
            if t is not None and t.rows is not None and t.seen_documents == docs_version:
                return t.rows
        rows = self.raw(dataset)
        with self._lock:
            if dataset in self._tables:
                self._tables[dataset].seen_documents = docs_version
        return rows

    def version(self, dataset: str, documents_checked: bool = False) -> int | None:
        """The table's Delta version as readers see it (refreshing the copy), None when there is no table."""
        if self._current(dataset, documents_checked) is None:
            return None
        return self._tables[dataset].version

    def derived(self, name: str, datasets: tuple[str, ...], compute: Callable[[], T]) -> T:
        """`compute()` once per version of `datasets` (and of documents): for frames derived from the whole lake."""
        docs_version = self.version("documents")
        versions = (docs_version, *(self.version(d, documents_checked=True) for d in datasets))
        with self._lock:
            memo = self._derived.get(name)
            if memo is not None and memo[0] == versions:
                return cast(T, memo[1])  # the memo holds what compute() returned for this name
        value = compute()
        with self._lock:
            self._derived.pop(name, None)
            self._derived[name] = (versions, value)
            while len(self._derived) > DERIVED_MAX:  # variants (e.g. per thresholds) must not pile up
                self._derived.pop(next(iter(self._derived)))
        return value

    # ------------------------------------------------------------ visible rows

    def table(self, dataset: str) -> pl.DataFrame:
        """The dataset's visible rows in the contract schema (what fiscal.store.read returns)."""
        rows = self._current(dataset)  # refreshes documents first
        docs = self._tables["documents"].rows if "documents" in self._tables else None
        cols = list(schema(dataset))
        if rows is None:
            return empty(dataset)
        if dataset == "documents":
            return rows.select(cols)
        if docs is None:
            return empty(dataset)
        with self._lock:
            key = (self._tables[dataset].version, self._tables["documents"].version)
            memo = self._tables[dataset].visible
            if memo is not None and memo[0] == key:
                return memo[1]
            # a data row is visible when its batch is its document's committed batch (fiscal.store);
            # usually every row is, and then the rows are shared, not copied
            pairs = rows.select("doc_id", BATCH_COLUMN).unique()
            hidden = pairs.join(docs.select("doc_id", BATCH_COLUMN), on=["doc_id", BATCH_COLUMN], how="anti",
                                nulls_equal=True)
            out = rows.select(cols) if hidden.is_empty() else rows.join(
                docs.select("doc_id", BATCH_COLUMN), on=["doc_id", BATCH_COLUMN], how="semi",
                nulls_equal=True).select(cols)
            self._tables[dataset].visible = (key, out)
            return out

    # ------------------------------------------------------------ the on-disk cache

    def _cache_path(self, dataset: str) -> Path:
        return cache_dir(self.lake) / f"{dataset}.parquet"

    def _load_cache(self, dataset: str) -> _Table:
        data = self._cache_path(dataset)
        try:
            table = pq.read_table(data)
            info = json.loads((table.schema.metadata or {}).get(b"fiscal_snapshot", b"{}"))
            if info.get("format") != CACHE_FORMAT:
                return _Table()
            rows = pl.from_arrow(table.replace_schema_metadata(None))
            assert isinstance(rows, pl.DataFrame)
            if rows.columns != [*_target(dataset).keys(), FILE_COLUMN]:
                return _Table()
            files = {p: int(i) for p, i in info["files"].items()}
            # version -1: the first access diffs the cached files against the log and applies the rest
            return _Table(version=-1, files=files, rows=rows, next_index=int(info["next_index"]))
        except (OSError, ValueError, KeyError, pa.ArrowException, pl.exceptions.PolarsError):
            return _Table()

    def _save_cache(self, dataset: str, t: _Table) -> None:
        """Best effort (the lake may be read-only for the dashboard): rows and file list in one file, atomically."""
        data = self._cache_path(dataset)
        try:
            data.parent.mkdir(parents=True, exist_ok=True)
            tmp = data.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
            assert t.rows is not None
            info = {"format": CACHE_FORMAT, "version": t.version, "next_index": t.next_index, "files": t.files,
                    "written_at": time.time()}
            table = t.rows.to_arrow()
            pq.write_table(table.replace_schema_metadata({"fiscal_snapshot": json.dumps(info)}), tmp)
            tmp.replace(data)
        except OSError:
            pass


_snapshots: dict[str, LakeSnapshot] = {}
_guard = threading.Lock()


def of(lake: Path) -> LakeSnapshot:
    """The process's snapshot of a lake (one per lake path, shared by threads)."""
    key = str(Path(lake).resolve())
    with _guard:
        snap = _snapshots.get(key)
        if snap is None:
            snap = _snapshots[key] = LakeSnapshot(Path(key))
        return snap


def read(lake: Path, dataset: str) -> pl.DataFrame:
    """The dataset's visible rows, latest version (fast repeated reads)."""
    return of(lake).table(dataset)
