"""The read snapshot's copies on disk (`<lake>/_cache/`): one Parquet file per resident table or reduction,
its Parquet metadata naming the Delta data files it holds, so a restarted reader opens only newer files.

Derived data: deleting `_cache/` is always safe; a damaged, older-format or other-code copy is ignored.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

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
        table = rows.to_arrow()
        pq.write_table(table.replace_schema_metadata({_META_KEY: json.dumps(info)}), tmp)
        tmp.replace(path)
    except OSError:
        pass


def load(path: Path, columns: list[str] | None = None, fingerprint: str = "") -> Saved | None:
    """A copy from `save`, or None when missing, damaged, of another format or code, or of other columns."""
    try:
        table = pq.read_table(path)
        info = json.loads((table.schema.metadata or {}).get(_META_KEY, b"{}"))
        if info.get("format") != CACHE_FORMAT or info.get("fingerprint", "") != fingerprint:
            return None
        rows = pl.from_arrow(table.replace_schema_metadata(None))
        assert isinstance(rows, pl.DataFrame)
        if columns is not None and rows.columns != columns:
            return None
        return Saved(rows, {p: int(i) for p, i in info["files"].items()}, int(info["next_index"]))
    except (OSError, ValueError, KeyError, AssertionError, pa.ArrowException, pl.exceptions.PolarsError):
        return None
