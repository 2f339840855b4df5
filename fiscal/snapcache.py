"""The read snapshot's copies on disk (`<lake>/_cache/`): one Parquet file per resident table or reduction,
its Parquet metadata naming the Delta data files it holds, so a restarted reader opens only newer files.

Derived data: deleting `_cache/` is always safe; a damaged, older-format or other-code copy is ignored.
"""

from __future__ import annotations

import atexit
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from fiscal import reductions, sharedstrings
from fiscal.reductions import FILE_COLUMN, RESIDENT
from fiscal.snapfiles import TableCopy, target

CACHE_FORMAT = 2
_META_KEY = b"fiscal_snapshot"


@dataclass
class Saved:
    """A copy read back: its rows, the data files they came from (path → index) and the next free index."""

    rows: pl.DataFrame
    files: dict[str, int]
    next_index: int


def save(path: Path, rows: pl.DataFrame, files: dict[str, int], next_index: int, version: int,
         fingerprint: str = "") -> None:
    """Best effort (the lake may be read-only for the dashboard): rows and file list in one file, atomically."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        info = {"format": CACHE_FORMAT, "fingerprint": fingerprint, "version": version, "next_index": next_index,
                "files": files, "written_at": time.time()}
        # written by polars: through pyarrow (to_arrow) every string column was copied, and the copy kept by
        # arrow's allocator after the write
        rows.write_parquet(tmp, metadata={_META_KEY.decode(): json.dumps(info)})
        tmp.replace(path)
    except (OSError, pl.exceptions.PolarsError):
        pass


def load(path: Path, columns: list[str] | None = None, fingerprint: str = "") -> Saved | None:
    """A copy from `save`, or None when missing, damaged, of another format or code, or of other columns."""
    try:
        info = json.loads((pq.read_metadata(path).metadata or {}).get(_META_KEY, b"{}"))
        if info.get("format") != CACHE_FORMAT or info.get("fingerprint", "") != fingerprint:
            return None
        # read by polars into its own memory: through pyarrow (read_table, from_arrow) the strings were converted
        # and arrow's allocator kept the freed buffers, about twice the copy's size in RSS per table; a document's
        # doc_id, batch and names held once, not once per row (fiscal.sharedstrings)
        rows = sharedstrings.read_parquet(path)
        if columns is not None and rows.columns != columns:
            return None
        return Saved(rows, {p: int(i) for p, i in info["files"].items()}, int(info["next_index"]))
    except (OSError, ValueError, KeyError, AssertionError, pa.ArrowException, pl.exceptions.PolarsError):
        return None


def _path(folder: Path, dataset: str, name: str | None = None) -> Path:
    return folder / (f"{dataset}.parquet" if name is None else f"{dataset}.{name}.parquet")


def load_copy(folder: Path, dataset: str) -> TableCopy:
    """A dataset's copy as saved in `folder` (an empty one when there is none usable), at version -1: the first
    refresh diffs its files against the table's log and applies the rest."""
    if dataset in RESIDENT:
        saved = load(_path(folder, dataset), [*target(dataset).keys(), FILE_COLUMN])
        return TableCopy(files=saved.files, rows=saved.rows, next_index=saved.next_index) if saved else TableCopy()
    fingerprint = reductions.fingerprint()
    blank = pl.DataFrame(schema={**target(dataset), FILE_COLUMN: pl.UInt32()})
    # a copy whose columns differ from what the reduction gives now (the dataset's schema grew) is left out
    loaded = {name: saved if (saved := load(_path(folder, dataset, name), fingerprint=fingerprint)) is None
              or saved.rows.schema == fn(blank).schema else None for name, fn in reductions.of(dataset).items()}
    first = loaded.pop("keys")
    if first is None:
        return TableCopy()
    # reductions saved with another file list are left out (built again when asked)
    return TableCopy(files=first.files, next_index=first.next_index,
                     reduced={"keys": first.rows, **{name: s.rows for name, s in loaded.items()
                                                     if s is not None and s.files == first.files}})


def save_copy(folder: Path, dataset: str, t: TableCopy, threads: dict[str, threading.Thread] | None = None,
              delay: float = 0.0) -> None:
    """Write a dataset's copy to `folder`; with `threads` (dataset → its writer) from a thread started after
    `delay` seconds, none while the last one for the dataset is pending (the copy on disk then stays older,
    which only costs reads)."""
    # what is written is taken now (frames are immutable; the file list is copied), under the caller's lock
    rows, reduced, files = t.rows, dict(t.reduced or {}), dict(t.files)
    next_index, version = t.next_index, t.version

    def write() -> None:
        if rows is not None:
            save(_path(folder, dataset), rows, files, next_index, version)
        for name, part in reduced.items():
            save(_path(folder, dataset, name), part, files, next_index, version, reductions.fingerprint())

    if threads is None:
        write()
        return
    running = threads.get(dataset)
    if running is None or not running.is_alive():
        threads[dataset] = thread = Pending(write, delay, f"snapcache-{dataset}")
        thread.start()


class Pending(threading.Thread):
    """A write started `delay` seconds from now, or at once when `now()` is called (flush, process exit)."""

    def __init__(self, write: Callable[[], None], delay: float, name: str) -> None:
        super().__init__(name=name, daemon=True)
        self._write, self._delay, self._go = write, delay, threading.Event()
        with _pending_guard:
            _pending.add(self)

    def run(self) -> None:
        try:
            self._go.wait(self._delay)
            self._write()
        finally:
            with _pending_guard:
                _pending.discard(self)

    def now(self) -> None:
        """Write without waiting for the delay, and return once written."""
        self._go.set()
        if self.is_alive():
            self.join()


_pending: set[Pending] = set()
_pending_guard = threading.Lock()


def flush() -> None:
    """Finish every pending background write of this process (registered to run at exit)."""
    with _pending_guard:
        waiting = list(_pending)
    for thread in waiting:
        thread.now()


atexit.register(flush)
