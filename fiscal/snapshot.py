"""The read side's copy of the lake in memory, per table version: small tables whole, the rest reduced.

Why: the lake is partitioned by region / agency / year (DESIGN.md): ~40,000 small Parquet files
at 5,000 documents, seconds to open for every dashboard call. The tables with a few rows per
document (`reductions.RESIDENT`: documents, sangong, projects) are held whole (a call is an
in-memory filter); of the others (~85 % of the bytes, ~9 GB at 100,000 documents) the reader
keeps the small per-document reductions of fiscal.reductions and reads detail rows from the
partitions of the documents asked for (`rows_of_docs`): memory grows with the reductions.

How it stays correct and cheap:

* Each access looks for the table's next commit file (fiscal.deltalog: one `stat`). New
  versions are applied from their JSON add and remove actions: only files added since
  the copy was made are read (or their rows and reductions taken from the writer's digest,
  fiscal.snapdigest), rows of files that are gone (a re-ingest's delete, a compaction) are
  dropped. delta-rs' own refresh re-materialises every file of the table (seconds at 100,000
  documents), so it is used only for the first load and for what the JSON cannot tell.
* Rows are tagged with their file; visibility (a data row counts only when its
  (doc_id, batch_id) matches the `documents` row, see fiscal.store) is applied on
  top, so an interrupted batch is never shown.
* A copy that had to read many files is written to `<lake>/_cache/` (fiscal.snapcache), so a
  restarted dashboard does not open every file again (derived data: deleting it is always safe).

`fiscal.store.scan` stays the reference reader (lazy, any version); this module only
speeds up reads of the latest version.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, cast

import polars as pl
from deltalake import DeltaTable
from deltalake.exceptions import TableNotFoundError

from fiscal import deltalog, paths, reductions, snapcache, snapdigest, snapfiles, snaprows
from fiscal.reductions import FILE_COLUMN, RESIDENT
from fiscal.schema import BATCH_COLUMN, empty, schema
from fiscal.snapdigest import ROWS
from fiscal.snapfiles import TableCopy as _Table

T = TypeVar("T")
# Write the on-disk cache when a refresh read at least this many files.
PERSIST_AFTER_FILES = 200
# Whole-lake derived results kept per process (oldest dropped first).
DERIVED_MAX = 96
# A background write of the on-disk cache starts this long after the refresh that asked for it: the readers
# right after a large commit (the first of them waits for its refresh) do not share the CPU with it.
SAVE_DELAY_S = 10.0
# Data files read at once when reducing an on-demand table (bounds the memory of a cold start).
READ_CHUNK_FILES = 2000


def cache_dir(lake: Path) -> Path:
    """Where derived, deletable read caches live."""
    return paths.cache(lake)


class LakeSnapshot:
    """The latest visible rows (or reductions) of every dataset of one lake, refreshed incrementally on access."""

    def __init__(self, lake: Path, persist_after: int | None = PERSIST_AFTER_FILES, read_cache: bool = True,
                 background: bool = False) -> None:
        """`persist_after`: write the on-disk cache after a refresh that read this many files (None: never);
        `read_cache`: start from that cache when there is one; `background`: write it from a thread, SAVE_DELAY_S
        later (the reader who triggered it does not wait: at 100,000 documents that is seconds of Parquet writing)."""
        self.lake = Path(lake)
        self.persist_after = persist_after
        self.read_cache = read_cache
        self.background = background
        self.save_delay = SAVE_DELAY_S
        self._saving: dict[str, threading.Thread] = {}
        self._tables: dict[str, _Table] = {}
        self._derived: dict[str, tuple[tuple[int | None, ...], Any]] = {}
        self._lock = threading.RLock()
        self.files_read = 0  # since start: how much work refreshes did (tests, bench)
        self.write_digests = False  # the writer's snapshot: digests of the commits it follows (fiscal.snapdigest)

    # ------------------------------------------------------------ refresh

    def _refresh(self, dataset: str) -> _Table | None:
        """The dataset's copy brought to the latest version, None when there is no table."""
        path = paths.table(self.lake, dataset)
        if not paths.table_exists(path):
            return None
        with self._lock:
            t = self._tables.get(dataset)
            if t is None:
                t = self._tables[dataset] = self._load_cache(dataset) if self.read_cache else _Table()
            try:
                return self._advance(dataset, path, t)
            except BaseException:
                self._tables.pop(dataset, None)  # half applied: the next access loads the table again
                raise

    def _advance(self, dataset: str, path: Path, t: _Table) -> _Table | None:
        """`_refresh` under the lock."""
        # the commits since the known version, from their JSON (a few KB); delta-rs when that cannot be done
        log = deltalog.tail(path, t.version, t.stamp) if t.loaded() and (t.rows is not None or t.index is not None) \
            else None
        if log is not None:
            if log.version != t.version:
                gone = [t.files.pop(p) for p in log.removed if p in t.files]
                new = snapfiles.log_actions(dataset, [(p, v) for p, v in log.added.items() if p not in t.files])
                self._apply(dataset, t, log.version, new, gone, None)
                t.stamp = log.stamp
            return t
        try:
            # a local table the log could not follow may have been made again: its old handle would apply the new
            # table's commits on top of the old one's files
            if t.delta is None or (t.loaded() and not paths.is_remote(path)):
                t.delta = DeltaTable(paths.uri(path), storage_options=paths.storage_options(path))
            else:
                t.delta.update_incremental()
        except TableNotFoundError:
            return None
        version = t.delta.version()
        if version != t.version or not t.loaded():
            actions = snapfiles.add_actions(dataset, t.delta)
            current = set(actions.get_column("path").to_list())
            gone = [t.files.pop(p) for p in list(t.files) if p not in current]
            self._apply(dataset, t, version, actions.filter(~pl.col("path").is_in(list(t.files))), gone, actions)
            t.stamp = deltalog.stamp(path, version)
        return t

    def raw(self, dataset: str) -> pl.DataFrame | None:
        """Every batch of the latest version, None when no table: all rows of a resident table; of an
        on-demand table one row per document and data file (doc_id, batch, partition), which is what a
        writer needs to find a document's rows."""
        t = self._refresh(dataset)
        if t is None:
            return None
        if t.rows is not None:
            return t.rows
        assert t.reduced is not None
        return t.reduced["keys"]

    def delta_table(self, dataset: str) -> DeltaTable | None:
        """The dataset's DeltaTable, brought up to date (for a writer: no full log replay per commit)."""
        with self._lock:
            t = self._refresh(dataset)
            if t is None:
                return None
            path = paths.table(self.lake, dataset)
            if t.delta is None:  # followed through its JSON log so far
                t.delta = DeltaTable(paths.uri(path), storage_options=paths.storage_options(path))
            elif t.delta.version() != t.version:
                t.delta.update_incremental()
            return t.delta

    def _apply(self, dataset: str, t: _Table, version: int, new: pl.DataFrame, gone: list[int],
               actions: pl.DataFrame | None) -> None:
        """Bring the copy to `version`: `new` files (path, partition columns) read, rows of `gone` file indices
        dropped; `actions`: every file of the version (a full load), else the index is updated from the two."""
        for p in new.get_column("path"):
            t.files[p] = t.next_index
            t.next_index += 1
        root = paths.table(self.lake, dataset)
        # a commit followed through the log: its files' rows from the writer's digest, or a digest written
        digest = snapdigest.Digest(self.lake, dataset, t.version, version, new.get_column("path").to_list(), t.files,
                                   self.write_digests) if actions is None else None
        if dataset in RESIDENT:
            got = digest.read({ROWS: pl.Schema({**snapfiles.target(dataset), FILE_COLUMN: pl.UInt32()})}) \
                if digest is not None else None
            fresh = got[ROWS] if got is not None else snapfiles.read_files(root, dataset, new, t.files)
            if digest is not None and digest.writing:
                digest.write({ROWS: fresh})
            old = t.rows if t.rows is not None else fresh.clear()
            if gone:
                old = old.filter(~pl.col(FILE_COLUMN).is_in(gone))
            t.rows = snaprows.append(old, fresh)
        else:
            t.reduced = self._reduce(dataset, root, t.reduced or {}, new, gone, t.files, digest)
            def with_index(files: pl.DataFrame) -> pl.DataFrame:
                # looked up in Python: a mapping expression of every file of the table cost ~0.1 s a commit
                found = [t.files[p] for p in files.get_column("path").to_list()]
                return files.with_columns(pl.Series(FILE_COLUMN, found, dtype=pl.UInt32))

            if actions is not None or t.index is None:
                t.index = with_index(new if actions is None else actions)
            else:
                kept = t.index.filter(~pl.col(FILE_COLUMN).is_in(gone)) if gone else t.index
                t.index = pl.concat([kept, with_index(new)]) if new.height else kept
                t.index = snaprows.aligned(t.index)  # one chunk per commit otherwise: joins slow down
        if gone:  # rows may have become invisible (fiscal.snaprows.all_visible_now)
            t.removed_at = version
        opened = 0 if digest is not None and digest.used else new.height  # a digest applied: no file opened
        self.files_read += opened
        t.version = version
        t.visible.clear()
        if self.persist_after is not None and opened >= self.persist_after:  # the writer's snapshot saved its own
            self._save_cache(dataset, t)

    @staticmethod
    def _reduce(dataset: str, root: Path, reduced: dict[str, pl.DataFrame], new: pl.DataFrame, gone: list[int],
                files: dict[str, int], digest: snapdigest.Digest | None = None) -> dict[str, pl.DataFrame]:
        """The reductions updated: rows of gone files dropped, the new files read (a chunk at a time) and reduced
        (or taken from the writer's digest; the writer's snapshot writes every reduction of them as one)."""
        # only the reductions someone asked for (a writer needs just `keys`); others are built when first asked
        fns = {name: fn for name, fn in reductions.of(dataset).items() if name == "keys" or name in reduced}
        every = reductions.of(dataset) if digest is not None and digest.writing else fns
        got = digest.read({n: reduced[n].schema if n in reduced else None for n in fns}) if digest else None
        parts: dict[str, list[pl.DataFrame]] = {name: [got[name]] if got else [] for name in every}
        for start in range(0, 0 if got else new.height, READ_CHUNK_FILES):
            fresh = snapfiles.read_files(root, dataset, new.slice(start, READ_CHUNK_FILES), files)
            for name, fn in every.items():
                parts[name].append(fn(fresh))
        if digest is not None and digest.writing:
            empty_rows = snapfiles.read_files(root, dataset, new.clear(), files)
            digest.write({name: pl.concat(parts[name], how="vertical_relaxed") if parts[name] else fn(empty_rows)
                          for name, fn in every.items()})
        out = {}
        for name, fn in fns.items():
            old = reduced.get(name)
            if old is None and not parts[name]:
                old = fn(snapfiles.read_files(root, dataset, new.clear(), files))
            if old is not None and gone:
                old = old.filter(~pl.col(FILE_COLUMN).is_in(gone))
            added = pl.concat(parts[name], how="vertical_relaxed") if parts[name] else None
            if old is None:
                assert added is not None
                out[name] = snaprows.aligned(added)
            else:
                out[name] = old if added is None else snaprows.append(old, added)
        return out

    def memory_mb(self) -> float:
        """Memory held by the copies of the tables and their reductions (estimated)."""
        total = 0.0
        for t in self._tables.values():
            total += t.rows.estimated_size() if t.rows is not None else 0
            total += sum(r.estimated_size() for r in (t.reduced or {}).values())
        return total / 1e6

    def _current(self, dataset: str, documents_checked: bool = False) -> _Table | None:
        """The copy readers see: a data table is refreshed only when `documents` moved since its last refresh.

        Every batch commits `documents` last, and nothing else changes what readers see
        (an unflipped batch is invisible, a compaction keeps the rows), so one look at the
        documents log per call is enough; documents is read first so that the data tables
        hold at least every row the documents rows point at.
        """
        if documents_checked and "documents" in self._tables:
            docs: _Table | None = self._tables["documents"]
        else:
            docs = self._refresh("documents")
        if docs is None or dataset == "documents":
            return docs
        docs_version = docs.version
        with self._lock:
            t = self._tables.get(dataset)
            if t is not None and t.loaded() and t.seen_documents == docs_version:
                return t
        t = self._refresh(dataset)
        if t is not None:
            t.seen_documents = docs_version
        return t

    def version(self, dataset: str, documents_checked: bool = False) -> int | None:
        """The table's Delta version as readers see it (refreshing the copy), None when there is no table."""
        t = self._current(dataset, documents_checked)
        return None if t is None else t.version

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

    def derived_values(self) -> list[Any]:
        """The whole-lake results `derived` holds now (fiscal.read.recent does not count frames they share)."""
        with self._lock:
            return [value for _, value in self._derived.values()]

    # ------------------------------------------------------------ visible rows

    def _visible(self, dataset: str, name: str, rows: pl.DataFrame, keep: list[str]) -> pl.DataFrame:
        """`rows` restricted to the committed batch of their document, as `keep` columns (memo per versions)."""
        docs = self._tables["documents"].rows
        assert docs is not None
        key = (self._tables[dataset].version, self._tables["documents"].version)
        with self._lock:
            memo = self._tables[dataset].visible.get(name)
            if memo is not None and memo[0] == key:
                return memo[1]
            # usually every row is visible, and then the rows are shared, not copied. Which (document, batch)
            # pairs the rows hold is asked of the `keys` reduction (one row per document and file, all files):
            # the same pairs, without a pass over millions of rows after every commit; once per table version
            t = self._tables[dataset]
            if t.all_visible is None or t.all_visible[0] != key:
                source = t.reduced["keys"] if t.reduced and "keys" in t.reduced else rows
                t.all_visible = (key, snaprows.all_visible_now(t, source, self._tables["documents"]))
            out = rows.select(keep) if t.all_visible[1] else snaprows.visible(rows, docs).select(keep)
            self._tables[dataset].visible[name] = (key, out)
            return out

    def table(self, dataset: str) -> pl.DataFrame:
        """The dataset's visible rows in the contract schema (what fiscal.store.read returns).

        On-demand tables are read whole from their files: for small lakes and tests; the
        dashboard reads their reductions and `rows_of_docs`.
        """
        if dataset not in RESIDENT:
            return self.rows_of_docs(dataset, None)
        t = self._current(dataset)  # refreshes documents first
        cols = list(schema(dataset))
        if t is None or t.rows is None:
            return empty(dataset)
        if dataset == "documents":
            return t.rows.select(cols)
        if "documents" not in self._tables:
            return empty(dataset)
        return self._visible(dataset, "rows", t.rows, cols)

    def reduced(self, dataset: str, name: str) -> pl.DataFrame:
        """A reduction (fiscal.reductions) of an on-demand dataset: its visible rows, doc_id first."""
        t = self._current(dataset)
        fn = reductions.of(dataset)[name]
        if t is None or t.reduced is None or "documents" not in self._tables:
            rows = fn(pl.DataFrame(schema={**snapfiles.target(dataset), FILE_COLUMN: pl.UInt32()}))
            return rows.drop(BATCH_COLUMN, FILE_COLUMN)
        with self._lock:
            if name not in t.reduced:  # first asked: reduce every file of the table once
                assert t.index is not None
                t.reduced[name] = self._reduce(dataset, paths.table(self.lake, dataset), {name: fn(pl.DataFrame(
                    schema={**snapfiles.target(dataset), FILE_COLUMN: pl.UInt32()}))}, t.index.drop(FILE_COLUMN), [],
                    t.files)[name]
                self.files_read += t.index.height
                if self.persist_after is not None and t.index.height >= self.persist_after:
                    self._save_cache(dataset, t)
            rows = t.reduced[name]
        return self._visible(dataset, name, rows, [c for c in rows.columns if c not in (BATCH_COLUMN, FILE_COLUMN)])

    def rows_of_docs(self, dataset: str, doc_ids: Iterable[str] | None) -> pl.DataFrame:
        """The visible rows of the given documents (None: all), read from the files holding them."""
        cols = list(schema(dataset))
        if dataset in RESIDENT:
            rows = self.table(dataset)
            return rows if doc_ids is None else rows.filter(pl.col("doc_id").is_in(list(doc_ids)))
        t = self._current(dataset)
        if t is None or t.reduced is None or t.index is None or "documents" not in self._tables:
            return empty(dataset)
        keys = self._visible(dataset, "keys", t.reduced["keys"], ["doc_id", BATCH_COLUMN, FILE_COLUMN])
        if doc_ids is not None:
            keys = keys.filter(pl.col("doc_id").is_in(list(doc_ids)))
        if keys.is_empty():
            return empty(dataset)
        wanted = t.index.join(keys.select(FILE_COLUMN).unique(), on=FILE_COLUMN, how="semi").drop(FILE_COLUMN)
        rows = snapfiles.read_files(paths.table(self.lake, dataset), dataset, wanted, t.files)
        return rows.join(keys.select("doc_id", BATCH_COLUMN).unique(), on=["doc_id", BATCH_COLUMN], how="semi",
                         nulls_equal=True).select(cols)

    # ------------------------------------------------------------ the on-disk cache

    def _load_cache(self, dataset: str) -> _Table:
        return snapcache.load_copy(cache_dir(self.lake), dataset)

    def _save_cache(self, dataset: str, t: _Table) -> None:
        snapcache.save_copy(cache_dir(self.lake), dataset, t, self._saving if self.background else None,
                            self.save_delay)

    def wait_saved(self) -> None:
        """Wait for the on-disk copies being written (tests, a clean shutdown)."""
        for thread in list(self._saving.values()):
            if isinstance(thread, snapcache.Pending):
                thread.now()
            thread.join()


_snapshots: dict[str, LakeSnapshot] = {}
_guard = threading.Lock()


def of(lake: Path) -> LakeSnapshot:
    """The process's snapshot of a lake (one per lake path, shared by threads)."""
    key = str(Path(lake).resolve())
    with _guard:
        snap = _snapshots.get(key)
        if snap is None:
            snap = _snapshots[key] = LakeSnapshot(Path(key), background=True)
        return snap


def read(lake: Path, dataset: str) -> pl.DataFrame:
    """The dataset's visible rows, latest version (fast repeated reads)."""
    return of(lake).table(dataset)
