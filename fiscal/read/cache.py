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
from dataclasses import dataclass
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


def key_of(key: tuple[str, ...]) -> pl.Expr:
    """A row's key in a ByRegion kept by `key` (as its fingerprints and `key_mask` name it)."""
    return _key_expr(key)


def _key_expr(key: tuple[str, ...]) -> pl.Expr:
    """The state's key of a row: its region (rows without one are one group), or several columns joined."""
    if key == REGION_KEY:
        return _REGION
    return pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in key], separator="\x1f").alias(
        "region_code")


def _key_parts(key: tuple[str, ...]) -> list[pl.Expr]:
    """The key's columns as the key joins them (strings, null as ""), named _k0, _k1 …"""
    return [pl.col(c).cast(pl.String).fill_null("").alias(f"_k{i}") for i, c in enumerate(key)]


def _joined(per: pl.DataFrame, key: tuple[str, ...]) -> pl.DataFrame:
    """Rows grouped by the key's columns (_k0 …) with their key as one string (`_key_expr`'s), as `region_code`."""
    if len(key) == 1:
        return per.rename({"_k0": "region_code"})
    return per.select(pl.concat_str([f"_k{i}" for i in range(len(key))], separator="\x1f").alias("region_code"),
                      pl.exclude([f"_k{i}" for i in range(len(key))]))


def hash_regions(df: pl.DataFrame, seed: int = 0, key: tuple[str, ...] = ("region_code",)) -> dict[str, int]:
    """key (default: region_code) → hash of the frame's rows there (in any order)."""
    if df.is_empty():
        return {}
    cols = [c for c in df.columns if df.schema[c] != pl.Object]
    # grouped by the key's columns, joined into one string per group only: a string per row built at every lake
    # version cost more than the hashing at 100,000 documents
    names = [f"_k{i}" for i in range(len(key))]
    per = df.select(*_key_parts(key), _row_hash(cols, seed).alias("_h")).group_by(names).agg(pl.col("_h").sum())
    per = _joined(per, key)
    if len(key) > 1:  # two column tuples joined into one string (a separator inside a value): one key, as before
        per = per.group_by("region_code").agg(pl.col("_h").sum())
    return dict(per.iter_rows())


def _row_hash(cols: list[str], seed: int) -> pl.Expr:
    """A hash of each row: its columns hashed one by one (each with its own seed), chained, mixed once more (the
    struct of them hashed whole cost 1.1–1.6× as much at 100,000 documents)."""
    h = pl.lit(0, dtype=pl.UInt64)
    for i, c in enumerate(cols):
        h = h * pl.lit(0x9E3779B97F4A7C15, dtype=pl.UInt64) + pl.col(c).hash(seed=seed * 1024 + i)  # wraps
    return h.hash(seed=seed)


def key_mask(df: pl.DataFrame, key: tuple[str, ...], values: list[str]) -> pl.Series:
    """True for the rows of `df` whose key (as `_key_expr` makes it) is one of `values`, without building a
    string per row: each column is tested alone first, the joined key only on those rows."""
    wanted = pl.Series(values, dtype=pl.String)
    if len(key) == 1:
        return df.select(pl.col(key[0]).cast(pl.String).fill_null("").is_in(wanted.implode())).to_series()
    split = pl.DataFrame({"_v": wanted}).select(
        pl.col("_v").str.split_exact("\x1f", len(key) - 1).struct.rename_fields(
            [f"_k{i}" for i in range(len(key))])).unnest("_v")
    maybe = pl.all_horizontal(
        [pl.col(c).cast(pl.String).fill_null("").is_in(split.get_column(f"_k{i}").drop_nulls().unique().implode())
         for i, c in enumerate(key)])
    rows = df.select(maybe.alias("_m")).with_row_index("_i").filter(pl.col("_m"))
    if rows.is_empty():
        return pl.Series(dtype=pl.Boolean).extend_constant(False, df.height)
    exact = df[rows.get_column("_i")].select(_key_expr(key).is_in(wanted.implode())).to_series()
    hit = rows.get_column("_i").filter(exact)
    return pl.select(pl.int_range(df.height, dtype=pl.UInt32).is_in(hit.implode())).to_series()


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


@dataclass(frozen=True)
class Lineage:
    """Where an input of a ByRegion comes from: `token` names its version; `changed(earlier)` gives the agencies
    (agency_id, null as "") whose rows may differ from those of the version named `earlier`, None when unknown."""

    token: Hashable
    changed: Callable[[Hashable], set[str] | None]


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

    def __init__(self, key: tuple[str, ...] = REGION_KEY, by_key: bool = False) -> None:
        self.key = key
        self.by_key = by_key  # rows kept in key order (one column): see `_merged`
        assert not by_key or len(key) == 1
        self.fingerprints: dict[str, int] = {}
        self.parts: list[dict[str, int]] = []  # per input: key → hash of its rows there
        self.tokens: list[Hashable] = []  # per input: the lineage token it was hashed at (see `update`)
        self.rows: pl.DataFrame | None = None
        self.pairs: pl.DataFrame | None = None  # agencies of the first input in several regions, last time
        self.recomputed = 0  # regions recomputed by the last update (tests, bench)
        self.in_order = False  # `rows` are what `keep` was given (a caller's order), not extended since
        self.ordered = 0  # how many first rows of `rows` are in the order `keep` was given them (0: unknown)
        self.saved: tuple[Path, str] | None = None  # (lake, name): loaded from and saved to fiscal.read.viewfiles
        self._tried = False  # `saved` looked for
        self.unsaved: int | None = None  # keys recomputed since the state was loaded or saved (None: all of them)
        self._lock = threading.Lock()

    def _load(self) -> None:
        """Start from the state a reader saved (its keys' hashes are checked against the inputs by `update`)."""
        import fiscal.read.viewfiles as viewfiles

        if self.saved is None or self._tried:
            return
        self._tried = True
        got = viewfiles.load(*self.saved, self.key) if self.rows is None else None
        if got is not None:
            self.rows, self.parts, self.pairs, self.unsaved = got.rows, got.parts, got.pairs, 0
            self.tokens = [None] * len(got.parts)
            self.fingerprints = _combined(got.parts)

    def _save(self, recomputed: int) -> None:
        """Save the state when enough of it was recomputed since it was loaded or saved (fiscal.read.viewfiles)."""
        import fiscal.read.viewfiles as viewfiles

        self.unsaved = None if self.unsaved is None else self.unsaved + recomputed
        if self.saved is not None and self.rows is not None and viewfiles.due(self.unsaved, len(self.fingerprints)):
            viewfiles.save_later(*self.saved, self.key, viewfiles.State(self.rows, self.parts, self.pairs))
            self.unsaved = 0

    def _hash_parts(self, inputs: list[pl.DataFrame], lineage: dict[int, Lineage],
                    affected: Callable[[set[str]], set[str]]) -> list[dict[str, int]]:
        """Per input, key → hash of its rows; an input with a lineage whose earlier token this state hashed is
        hashed again only for the keys `affected` by the agencies changed since (the others' rows are the same)."""
        out = []
        for i, df in enumerate(inputs):
            hint = lineage.get(i)
            before = self.parts[i] if i < len(self.parts) and self.rows is not None else None
            since = self.tokens[i] if i < len(self.tokens) else None
            changed = hint.changed(since) if hint is not None and before is not None and since is not None else None
            if changed is None or before is None:
                out.append(_region_hashes(df, i, self.key))
                continue
            keys = affected(changed)
            part = {k: h for k, h in before.items() if k not in keys}
            if keys:
                part.update(hash_regions(df.filter(key_mask(df, self.key, sorted(keys))), i, self.key))
            out.append(part)
        return out

    def update(self, inputs: list[pl.DataFrame], compute: Callable[[list[pl.DataFrame]], pl.DataFrame],
               lineage: dict[int, Lineage] | None = None, affected: Callable[[set[str]], set[str]] | None = None
               ) -> pl.DataFrame:
        """The result for `inputs` (each with a region_code column), recomputing only the changed regions.

        `lineage`: input index → how that input relates to the one this state hashed last: only the rows of the
        keys `affected(agencies changed since)` can differ (default: the agency ids themselves, for AGENCY_KEY),
        so only those are hashed again."""
        if affected is None:
            if self.key != AGENCY_KEY:
                lineage = None
            affected = set  # the agencies themselves
        lineage = lineage or {}
        with self._lock:
            self._load()
            parts = self._hash_parts(inputs, lineage, affected)
            now = _combined(parts)
            old = self.fingerprints
            changed = sorted([k for k, h in now.items() if old.get(k) != h] + [k for k in old.keys() - now.keys()])
            self.recomputed = len(changed)
            tokens = [lineage[i].token if i in lineage else None for i in range(len(inputs))]
            if self.rows is not None and not changed:
                self.parts, self.tokens = parts, tokens
                self.ordered = self.rows.height if self.in_order else 0
                return self.rows
            # an agency in several regions: only a state per region must recompute them together
            pairs = _shared(inputs[0]) if self.key == REGION_KEY else None
            self.ordered = 0
            if self.rows is None:
                fresh = self._in_order(compute(inputs))
                self.rows = fresh
            else:
                changed = _spread(changed, pairs, self.pairs)
                self.recomputed = len(changed)
                fresh = self._in_order(compute([df.filter(key_mask(df, self.key, changed)) for df in inputs]))
                mine = key_mask(self.rows, self.key, changed)
                kept = self.rows.filter(~mine) if mine.any() else self.rows  # new keys only: nothing to drop
                self.ordered = kept.height if self.in_order else 0  # a filter keeps the order
                self.rows = self._merged(kept, fresh) if fresh.height else kept
            self.fingerprints, self.pairs, self.parts, self.tokens = now, pairs, parts, tokens
            self.in_order = False
            self._save(self.recomputed)
            return self.rows

    def _in_order(self, rows: pl.DataFrame) -> pl.DataFrame:
        """`rows` in the order of their key (`by_key`), each key's rows in the order they have (a stable sort)."""
        return rows.sort(self.key[0], maintain_order=True) if self.by_key and rows.height > 1 else rows

    def _merged(self, kept: pl.DataFrame, fresh: pl.DataFrame) -> pl.DataFrame:
        """The kept rows and the recomputed ones (their keys never overlap), in key order when `by_key`: a result
        kept after commits then has a full computation's order, and a sum over it the same last digit."""
        if not self.by_key or kept.is_empty():
            return pl.concat([kept, fresh], how="vertical_relaxed")
        if fresh.columns == kept.columns:  # a column all null in the recomputed keys' rows: of the kept rows' type
            fresh = fresh.cast({c: kept.schema[c] for c, t in fresh.schema.items() if t == pl.Null})
        kept_keys, fresh_keys = kept.get_column(self.key[0]), fresh.get_column(self.key[0])
        if fresh.schema != kept.schema or kept_keys.null_count() or fresh_keys.null_count():  # sorted again whole
            return self._in_order(pl.concat([kept, fresh], how="vertical_relaxed"))
        # the recomputed rows (a commit's few keys) placed between slices of the kept ones: one copy of the rows,
        # ~10 ms for the lake's projects at 100,000 documents (polars merge_sorted compared every row: ~0.1 s)
        at = kept_keys.search_sorted(fresh_keys, side="left")  # per recomputed row: how many kept rows go first
        runs = pl.DataFrame({"at": at}).with_row_index("i").group_by("at", maintain_order=True).agg(
            pl.col("i").first(), pl.len())
        pieces, start = [], 0
        for pos, first, n in runs.iter_rows():
            pieces += [kept.slice(start, pos - start), fresh.slice(first, n)]
            start = pos
        pieces.append(kept.slice(start))
        return pl.concat([p for p in pieces if p.height], rechunk=True)

    def keep(self, rows: pl.DataFrame) -> None:
        """Hold `rows` instead of the last result when they are the same rows (another order, a frame sharing
        their memory) in the same schema; otherwise nothing changes (a state kept in key order keeps it)."""
        with self._lock:
            same = self.rows is not None and rows.height == self.rows.height and rows.schema == self.rows.schema
            if same and not self.by_key:
                self.rows, self.in_order = rows, True

    def fork(self) -> ByRegion:
        """A copy that goes on from this one's state (frames are immutable: nothing is copied)."""
        with self._lock:
            self._load()
            other = ByRegion(self.key, self.by_key)
            other.fingerprints, other.rows, other.pairs = dict(self.fingerprints), self.rows, self.pairs
            other.parts, other.tokens = list(self.parts), list(self.tokens)
            other.in_order, other.ordered = self.in_order, self.ordered
            return other


def _combined(parts: list[dict[str, int]]) -> dict[str, int]:
    """key → one fingerprint of its hashes in every input (one input: its own hashes, not copied)."""
    if len(parts) == 1:
        return parts[0]
    now: dict[str, int] = {}
    for part in parts:
        for region, h in part.items():
            now[region] = hash((now.get(region, 0), h))
    return now


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


def by_region(lake: Path, name: str, variant: str = "", key: tuple[str, ...] = REGION_KEY,
              by_key: bool = False) -> ByRegion:
    """The process's per-region result `name` of a lake (see ByRegion; `by_key`: its rows kept in key order).

    A `variant` (e.g. changed thresholds) starts as a fork of the default's state, so it recomputes
    only the regions where its inputs differ from the default's; at most VARIANTS_MAX are kept.
    """
    root = str(Path(lake).resolve())
    with _by_region_guard:
        base = _by_region.get((root, name))
        if base is None:
            base = _by_region[(root, name)] = ByRegion(key, by_key)
            base.saved = (Path(lake), name)  # a new process starts from the last state saved (fiscal.read.viewfiles)
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
