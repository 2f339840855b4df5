"""The lake-wide views' states on disk (`<lake>/_cache/views/`): a new reader process starts from the last state
saved instead of computing every key of the lake again.

A state (fiscal.read.cache.ByRegion) is its rows and, per input, the hash of that input's rows under each key: the
reader loading it hashes its own inputs and recomputes the keys whose hash differs (the agencies a commit changed),
so a stale copy is brought up to date, never trusted where it does not match. Derived data: deleting
`_cache/views/` only costs the next reader the computation; a copy written by other code (any file of the package,
another polars: the hashes are polars') or for another key is ignored.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from fiscal import paths, snapcache
from fiscal.snapshot import SAVE_DELAY_S

FORMAT = 1
KEEP = 64  # state files kept per lake (one per view and thresholds tried): the least recently written go first
# A state is saved once this many of its keys (or a tenth of them) were recomputed since it was loaded or saved:
# a reader following commits does not write every view after each one (Parquet writing shares the CPU), and a new
# process starting from the copy recomputes at most about as much.
SAVE_AFTER_KEYS = 200
_META = "fiscal_view"


@dataclass(frozen=True)
class State:
    """What a ByRegion keeps: its rows, per input key → hash of its rows there, and the agencies the first input
    held in several regions (None: none asked)."""

    rows: pl.DataFrame
    parts: list[dict[str, int]]
    pairs: pl.DataFrame | None


def folder(lake: Path) -> Path:
    """Where a lake's view states are kept (under its derived cache, local for a remote lake)."""
    return paths.cache(lake) / "views"


@functools.cache
def code() -> str:
    """Changes with any file of the package (the views' code and data) and with polars (it makes the hashes)."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha1(f"{FORMAT}:{pl.__version__}".encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".csv", ".json")):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _stem(lake: Path, name: str) -> Path:
    return folder(lake) / hashlib.sha1(name.encode()).hexdigest()[:20]


def _meta(path: Path) -> dict[str, Any]:
    return dict(json.loads((pq.read_metadata(path).metadata or {}).get(_META.encode(), b"{}")))


def load(lake: Path, name: str, key: tuple[str, ...]) -> State | None:
    """The state last saved for view `name` kept by `key`, or None (none, damaged, of other code or key)."""
    stem = _stem(lake, name)
    rows_path, keys_path = stem.with_suffix(".parquet"), stem.with_suffix(".keys.parquet")
    try:
        meta, kmeta = _meta(rows_path), _meta(keys_path)
        if meta.get("code") != code() or meta.get("name") != name or meta.get("key") != list(key) or \
                kmeta.get("token") != meta.get("token"):
            return None
        rows = pl.read_parquet(rows_path)
        if str(rows.schema) != meta.get("schema"):  # a type the file does not keep as the frame had it
            return None
        hashes = pl.read_parquet(keys_path)
        keys = hashes.get_column("key").to_list()
        parts = [{k: h for k, h in zip(keys, hashes.get_column(f"p{i}").to_list(), strict=True) if h is not None}
                 for i in range(int(meta["inputs"]))]
        pairs = meta.get("pairs")
        return State(rows, parts, None if pairs is None else pl.DataFrame(
            pairs, schema={"region_code": pl.String, "agency_id": pl.String}, orient="row"))
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException, pl.exceptions.PolarsError):
        return None


def save(lake: Path, name: str, key: tuple[str, ...], state: State) -> None:
    """Write a state (best effort: the lake may be read-only for the dashboard): its key hashes first, then its
    rows, each file whole or absent; the two carry one token, so a reader never pairs two writers' halves."""
    stem = _stem(lake, name)
    token = f"{os.getpid()}.{threading.get_ident()}.{time.time_ns()}"
    keys = sorted(set().union(*state.parts)) if state.parts else []
    hashes = pl.DataFrame({"key": pl.Series(keys, dtype=pl.String),
                           **{f"p{i}": pl.Series([part.get(k) for k in keys], dtype=pl.UInt64)
                              for i, part in enumerate(state.parts)}})
    pairs = None if state.pairs is None else [list(r) for r in state.pairs.select("region_code", "agency_id").rows()]
    meta = {"code": code(), "name": name, "key": list(key), "token": token, "inputs": len(state.parts),
            "schema": str(state.rows.schema), "pairs": pairs}
    try:
        stem.parent.mkdir(parents=True, exist_ok=True)
        for frame, path, info in ((hashes, stem.with_suffix(".keys.parquet"), {"token": token}),
                                  (state.rows, stem.with_suffix(".parquet"), meta)):
            tmp = path.with_suffix(f".{token}.tmp")
            try:
                frame.write_parquet(tmp, metadata={_META: json.dumps(info)})
                tmp.replace(path)
            finally:
                tmp.unlink(missing_ok=True)
        _prune(stem.parent)
    except (OSError, ValueError, TypeError, KeyError, pl.exceptions.PolarsError):
        pass


def _prune(where: Path) -> None:
    """Keep the KEEP states written last (a reader trying many thresholds must not fill the disk)."""
    rows = sorted((p for p in where.glob("*.parquet") if not p.name.endswith(".keys.parquet")),
                  key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in rows[KEEP:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".keys.parquet").unlink(missing_ok=True)


def due(unsaved: int | None, keys: int) -> bool:
    """Whether a state with `keys` keys, `unsaved` of them recomputed since it was loaded or saved (None: all),
    is worth writing again."""
    return unsaved is None or unsaved >= max(1, min(SAVE_AFTER_KEYS, keys // 10))


_latest: dict[tuple[str, str], tuple[Path, tuple[str, ...], State]] = {}
_writers: dict[tuple[str, str], snapcache.Pending] = {}
_guard = threading.Lock()


def save_later(lake: Path, name: str, key: tuple[str, ...], state: State) -> None:
    """`save` from a background thread, as late as the snapshot's own copies (fiscal.snapshot.SAVE_DELAY_S: the
    readers right after a commit come first; flushed at exit); a newer state given meanwhile is written instead
    (frames are immutable: nothing is copied)."""

    ident = (str(lake), name)
    with _guard:
        _latest[ident] = (lake, key, state)
        if ident in _writers:  # its thread writes the latest state given, this one included
            return

        def write() -> None:
            while True:
                with _guard:
                    got = _latest.pop(ident, None)
                    if got is None:
                        del _writers[ident]
                        return
                save(got[0], name, got[1], got[2])

        _writers[ident] = thread = snapcache.Pending(write, SAVE_DELAY_S, f"viewfiles-{name[:20]}")
        thread.start()
