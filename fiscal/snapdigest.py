"""Commit digests: what the data files of a commit hold, as the read snapshot keeps it, written by the writer.

Why: the first reader after a commit of 1,000 documents used to open every data file the commit
added (about 9 per document: seconds) to bring its copy of the lake up to date (fiscal.snapshot).
The writer opens them anyway right after its commit (the flag increment reads the changed
documents' rows through its own snapshot), so its snapshot writes what it read next to the lake:
the rows of each resident table's new files and every per-document reduction
(fiscal.reductions) of the other tables' new files, each row tagged with its file. A reader whose
copy is at the version the digest starts from applies it instead of opening the files.

Layout: `<lake>/_cache/appended/<dataset>/<since>-<version>.<part>.parquet` (part: `rows`, or a
reduction name, `keys` among them) and `<since>-<version>.json`, written last (a digest without its
`.json` is not used): the versions it covers (after `since` up to `version`), the data files (path →
the writer's file index in the parquet files) and the reductions' fingerprint. Derived data: a
reader that finds no digest chain covering its versions, or one from other reductions' code, reads
the files as before; the writer keeps the last DIGESTS_KEPT per dataset. Local lakes only (a remote
lake's commits are read through delta-rs).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from fiscal import paths, reductions
from fiscal.reductions import FILE_COLUMN

DIGESTS_KEPT = 64
ROWS = "rows"  # the part holding a resident table's rows


def folder(lake: Path, dataset: str) -> Path:
    """Where a dataset's commit digests live."""
    return paths.appended(lake) / dataset


@dataclass
class Digest:
    """One refresh of one dataset from the JSON log: versions after `since` up to `version` adding `new` files."""

    lake: Path
    dataset: str
    since: int
    version: int
    new: list[str]  # relative paths of the files added, in the log's order
    files: dict[str, int]  # the snapshot's path → file index (the new files' included)
    writing: bool  # the writer's snapshot: write what it read; a reader's: read what the writer wrote
    used: bool = False  # `read` gave the new files' rows: none was opened

    def write(self, parts: dict[str, pl.DataFrame]) -> None:
        """Write the parts (rows tagged with this snapshot's file indices), the marker last; best effort."""
        if paths.is_remote(self.lake) or self.since < 0:
            return
        meta = {"since": self.since, "version": self.version, "fingerprint": reductions.fingerprint(),
                "paths": self.new, "index": [self.files[p] for p in self.new]}
        where = folder(self.lake, self.dataset)
        stem = f"{self.since:020d}-{self.version:020d}"
        try:
            where.mkdir(parents=True, exist_ok=True)
            for name, rows in parts.items():
                _replace(where / f"{stem}.{name}.parquet", rows.write_parquet)
            _replace(where / f"{stem}.json", lambda tmp: tmp.write_text(json.dumps(meta), encoding="utf-8"))
            markers = sorted(where.glob("*.json"))
            for old in markers[: max(0, len(markers) - DIGESTS_KEPT)]:
                for f in where.glob(f"{old.stem}.*"):
                    f.unlink(missing_ok=True)
        except (OSError, pl.exceptions.PolarsError):
            pass

    def read(self, schemas: dict[str, pl.Schema | None]) -> dict[str, pl.DataFrame] | None:
        """The parts named in `schemas` of the new files, tagged with this snapshot's file indices, from the
        digests whose versions tile (since, version]; None when there is no such chain, it does not hold every new
        file or a part's columns are not `schemas`' (None: any)."""
        names = list(schemas)
        if self.writing or paths.is_remote(self.lake) or self.since < 0:
            return None
        where = folder(self.lake, self.dataset)
        try:
            markers = {int(a): (int(b), f) for f in where.glob("*.json")
                       for a, _, b in [f.stem.partition("-")]} if where.is_dir() else {}
            chain, at = [], self.since
            while at < self.version and at in markers:
                at, marker = markers[at]
                chain.append((marker, json.loads(marker.read_text(encoding="utf-8"))))
            if at != self.version or not chain:
                return None
            want = set(self.new)
            if any(m.get("fingerprint") != reductions.fingerprint() for _, m in chain) or not want <= {
                    p for _, m in chain for p in m["paths"]}:
                return None
            out: dict[str, list[pl.DataFrame]] = {name: [] for name in names}
            for marker, meta in chain:
                mine = [(i, self.files[p]) for p, i in zip(meta["paths"], meta["index"], strict=True) if p in want]
                old = pl.Series([i for i, _ in mine], dtype=pl.UInt32)
                now = pl.Series([j for _, j in mine], dtype=pl.UInt32)
                for name in names:
                    rows = pl.read_parquet(marker.with_name(f"{marker.stem}.{name}.parquet"))
                    if schemas[name] is not None and rows.schema != schemas[name]:
                        return None
                    out[name].append(rows.filter(pl.col(FILE_COLUMN).is_in(old.implode())).with_columns(
                        pl.col(FILE_COLUMN).replace_strict(old, now, return_dtype=pl.UInt32)))
            self.used = True
            return {name: pl.concat(parts, how="vertical_relaxed") if len(parts) > 1 else parts[0]
                    for name, parts in out.items()}
        except (OSError, ValueError, KeyError, pl.exceptions.PolarsError):
            return None


def _replace(path: Path, write: Callable[[Path], object]) -> None:
    """Write through a temporary file and rename: a reader sees the whole file or none."""
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    write(tmp)
    tmp.replace(path)
