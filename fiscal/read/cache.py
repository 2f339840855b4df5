"""The read side's one cache: a whole-lake result computed once per lake version.

A result is kept with the versions of the datasets it reads (and of `documents`, which every
ingest batch commits last) and the lake's link mapping file; the next call after a commit
recomputes it. Streamlit's own cache (pages/_common.py) sits on top, per selection.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import ParamSpec, TypeVar

import polars as pl

from fiscal import paths, snapshot

T = TypeVar("T")
P = ParamSpec("P")
# Datasets whose rows belong to a document (everything but `documents` itself).
ROW_DATASETS: tuple[str, ...] = ("summary", "line_items", "economic_items", "sangong", "projects", "indicators")


def links_stamp(lake: Path) -> int:
    """Changes when the lake's own mapping file (<lake>/links.csv) does, on a remote lake too."""
    return paths.stamp(paths.links_file(lake))


def memo(lake: Path, name: str, compute: Callable[[], T], datasets: tuple[str, ...] = ROW_DATASETS) -> T:
    """`compute()` once per version of `datasets` and of the link mapping file, under `name`."""
    return snapshot.of(Path(lake)).derived(f"{name}:{links_stamp(lake)}", datasets, compute)


def per_version(*datasets: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorate `fn(lake, *key)` (hashable key arguments) to run once per lake version and key."""
    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def cached(lake: Path, *key: Hashable) -> T:
            name = f"{fn.__module__}.{fn.__qualname__}{key!r}"
            return memo(lake, name, lambda: fn(lake, *key), datasets or ROW_DATASETS)
        return cached
    return decorate


_REGION = pl.col("region_code").fill_null("")  # rows without a region are one group
REGION_KEY: tuple[str, ...] = ("region_code",)
# Finer keys for results computed per agency (every region printing its id) or per region and agency: after a
# commit of 1,000 documents spread over a province only their agencies are recomputed, not every document of
# the regions they are in (a city's region holds thousands of documents at 100,000).
AGENCY_KEY: tuple[str, ...] = ("agency_id",)
REGION_AGENCY_KEY: tuple[str, ...] = ("region_code", "agency_id")


# The last inputs hashed (frames are immutable and memoized per lake version, so the same objects recur:
# every variant of a result hashes the same documents and prose figures). Weak: a frame made only to be hashed
# (a filtered copy of the lake's flags) must not stay alive for this; at 100,000 documents such copies held >1 GB.
_HASHED: dict[tuple[int, int, tuple[str, ...]], tuple[weakref.ref[pl.DataFrame], dict[str, int]]] = {}
_HASHED_MAX = 32


def _key_expr(key: tuple[str, ...]) -> pl.Expr:
    """The state's key of a row: its region (rows without one are one group), or several columns joined."""
    if key == REGION_KEY:
        return _REGION
    return pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in key], separator="\x1f").alias(
        "region_code")


def hash_regions(df: pl.DataFrame, seed: int = 0, key: tuple[str, ...] = ("region_code",)) -> dict[str, int]:
    """key (default: region_code) → hash of the frame's rows there (in any order)."""
    if df.is_empty():
        return {}
    cols = [c for c in df.columns if df.schema[c] != pl.Object]
    per = df.select(_key_expr(key), pl.struct(cols).hash(seed=seed).alias("_h")).group_by("region_code").agg(
        pl.col("_h").sum())
    return dict(per.iter_rows())


def _region_hashes(df: pl.DataFrame, seed: int, key: tuple[str, ...] = ("region_code",)) -> dict[str, int]:
    """key → hash of the frame's rows there, remembered for the last frames asked for."""
    memo_key = (id(df), seed, key)
    got = _HASHED.get(memo_key)
    if got is not None and got[0]() is df:
        return got[1]
    hashes = hash_regions(df, seed, key)
    for old in [k for k, (ref, _) in _HASHED.items() if ref() is None]:
        del _HASHED[old]
    if len(_HASHED) >= _HASHED_MAX:
        del _HASHED[next(iter(_HASHED))]
    _HASHED[memo_key] = (weakref.ref(df), hashes)
    return hashes


class ByRegion:
    """A whole-lake result kept per region: after a commit only the regions whose inputs changed are recomputed.

    Why: the first reader after a commit would otherwise recompute lake-wide results
    (quality scores, tagged findings) over every document, seconds at 10,000 documents.
    A region's fingerprint is a hash of its rows in every input (documents, flags …);
    `compute(inputs restricted to the changed regions)` must give those regions' rows,
    which holds for results computed per document, agency or agency-year.
    With another `key` (AGENCY_KEY, REGION_AGENCY_KEY) the state is kept per value of those columns instead:
    `compute` must then give the rows of the key values its inputs hold, each row carrying its key columns.
    """

    def __init__(self, key: tuple[str, ...] = REGION_KEY) -> None:
        self.key = key
        self.fingerprints: dict[str, int] = {}
        self.rows: pl.DataFrame | None = None
        self.pairs: pl.DataFrame | None = None  # agencies of the first input in several regions, last time
        self.recomputed = 0  # regions recomputed by the last update (tests, bench)
        self._lock = threading.Lock()

    def _fingerprints(self, inputs: list[pl.DataFrame]) -> dict[str, int]:
        out: dict[str, int] = {}
        for i, df in enumerate(inputs):
            for region, h in _region_hashes(df, i, self.key).items():
                out[region] = hash((out.get(region, 0), h))
        return out

    def update(self, inputs: list[pl.DataFrame], compute: Callable[[list[pl.DataFrame]], pl.DataFrame]
               ) -> pl.DataFrame:
        """The result for `inputs` (each with a region_code column), recomputing only the changed regions."""
        with self._lock:
            now = self._fingerprints(inputs)
            changed = sorted(r for r in set(now) | set(self.fingerprints) if now.get(r) != self.fingerprints.get(r))
            self.recomputed = len(changed)
            if self.rows is not None and not changed:
                return self.rows
            # an agency in several regions: only a state per region must recompute them together
            pairs = _shared(inputs[0]) if self.key == REGION_KEY else None
            if self.rows is None:
                fresh = compute(inputs)
                self.rows = fresh
            else:
                changed = _spread(changed, pairs, self.pairs)
                self.recomputed = len(changed)
                mine = _key_expr(self.key).is_in(pl.Series(changed, dtype=pl.String).implode())
                part = [df.filter(mine) for df in inputs]
                fresh = compute(part)
                kept = self.rows.filter(~mine)
                self.rows = pl.concat([kept, fresh], how="vertical_relaxed") if fresh.height else kept
            self.fingerprints, self.pairs = now, pairs
            return self.rows

    def keep(self, rows: pl.DataFrame) -> None:
        """Hold `rows` instead of the last result when they are the same rows (another order, a frame sharing
        their memory) in the same schema; otherwise nothing changes."""
        with self._lock:
            if self.rows is not None and rows.height == self.rows.height and rows.schema == self.rows.schema:
                self.rows = rows

    def fork(self) -> ByRegion:
        """A copy that goes on from this one's state (frames are immutable: nothing is copied)."""
        with self._lock:
            other = ByRegion(self.key)
            other.fingerprints, other.rows, other.pairs = dict(self.fingerprints), self.rows, self.pairs
            return other


_SHARED: dict[int, tuple[weakref.ref[pl.DataFrame], pl.DataFrame | None]] = {}  # weak: as _HASHED


def _shared(df: pl.DataFrame) -> pl.DataFrame | None:
    """(region_code, agency_id) of the agencies the input holds in more than one region (None: no agency_id),
    remembered for the last frames asked for (the same frame is the first input of several results)."""
    got = _SHARED.get(id(df))
    if got is not None and got[0]() is df:
        return got[1]
    out = None
    if "agency_id" in df.columns:
        pairs = df.select(_REGION, "agency_id").filter(pl.col("agency_id").is_not_null()).unique()
        out = pairs.filter(pl.col("region_code").n_unique().over("agency_id") > 1)
    for gone in [k for k, (ref, _) in _SHARED.items() if ref() is None]:
        del _SHARED[gone]
    if len(_SHARED) >= _HASHED_MAX:
        del _SHARED[next(iter(_SHARED))]
    _SHARED[id(df)] = (weakref.ref(df), out)
    return out


def _spread(changed: list[str], *pairs: pl.DataFrame | None) -> list[str]:
    """The changed regions and every region sharing an agency_id with one of them, now or before, transitively.

    Why: agency ids are made from names, and two regions may print the same one (a 城区教育局 in two
    cities called 城区). Results computed per agency then join the regions' rows, so a region cannot be
    recomputed without the regions it shares an agency with."""
    both = [p for p in pairs if p is not None]
    if not both:
        return changed
    shared = pl.concat(both).unique()
    regions = set(changed)
    while True:
        agencies = shared.filter(pl.col("region_code").is_in(sorted(regions))).get_column("agency_id").unique()
        more = set(shared.filter(pl.col("agency_id").is_in(agencies.implode())).get_column("region_code").to_list())
        if more <= regions:
            return sorted(regions)
        regions |= more


_by_region: dict[tuple[str, str], ByRegion] = {}
_by_region_guard = threading.Lock()
# Variants of one result kept per lake (one per thresholds a reader tried), oldest dropped first.
VARIANTS_MAX = 6


def by_region(lake: Path, name: str, variant: str = "", key: tuple[str, ...] = REGION_KEY) -> ByRegion:
    """The process's per-region result `name` of a lake (see ByRegion).

    A `variant` (e.g. changed thresholds) starts as a fork of the default's state, so it recomputes
    only the regions where its inputs differ from the default's; at most VARIANTS_MAX are kept.
    """
    root = str(Path(lake).resolve())
    with _by_region_guard:
        base = _by_region.setdefault((root, name), ByRegion(key))
        if not variant:
            return base
        named = (root, f"{name}\x00{variant}")
        got = _by_region.pop(named, None)  # re-inserted: the dict's order is the least recently used first
        if got is None:
            got = base.fork()
            mine = [k for k in _by_region if k[0] == root and k[1].startswith(f"{name}\x00")]
            for old in mine[: max(0, len(mine) - VARIANTS_MAX + 1)]:
                del _by_region[old]
        _by_region[named] = got
        return got
