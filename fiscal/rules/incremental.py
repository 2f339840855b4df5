"""Flags kept up to date as the lake grows, without rerunning every rule over every document.

Most rules read one agency-year's documents (`Rule.scope == "agency_year"`): their flags
are kept per agency-year and recomputed only for the agency-years whose documents
changed since the last update (a document is identified by doc_id + ingested_at, so a
forced re-ingest counts as a change). Rules that compare across years or agencies
(`scope == "province"`, `"lake"`) are rerun for the provinces of changed agencies, or whole; they work
on small per-agency aggregates.

The result equals `evaluate(frames)` (tests/fiscal/test_incremental_flags.py checks it);
`FlagCache.save` / `load` keep it across restarts, tagged with a fingerprint of the
rules' source so a changed rule invalidates it.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import threading
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import flagfiles
from fiscal.rules.engine import FLAG_SCHEMA, RULES, SEVERITY_RANK, Frames, empty_flags, evaluate

IDENTITY: list[str] = ["doc_id", "ingested_at", "agency_id", "year"]
SEEN_SCHEMA: dict[str, Any] = {"doc_id": pl.String, "ingested_at": pl.Datetime("us", "UTC"), "agency_id": pl.String,
                               "year": pl.Int32}
# The writer folds its increments into the base file once this many were written since the last fold; the
# increments of the fold before stay, so a reader fewer than FOLD_AFTER behind never reads the (large) base file.
FOLD_AFTER = 32
AGENCY_YEAR: list[str] = ["agency_id", "year"]
# Agency-years whose rows are read at once when flags are recomputed (bounds a cold start's memory).
CHUNK_AGENCY_YEARS = 1500
# Lake rules whose flags of an agency depend only on the peer groups (province × agency type, fiscal.peers)
# its rows are in: after a change only those groups' agencies are evaluated again, not whole provinces.
PEER_GROUPED: frozenset[str] = frozenset({"peer_outlier"})
# Tries at evaluating an increment outside the writers' lock before the last one, made under it throughout.
PUBLISH_TRIES = 3
Tagger = Callable[[pl.DataFrame], pl.DataFrame]
State = tuple[pl.DataFrame, Tagger | None]  # the lake's documents and the tagger of their flags


def rules_fingerprint() -> str:
    """Changes whenever a rule's code, threshold or scope changes (this module, the cache's own machinery,
    does not count)."""
    h = hashlib.sha1()
    for f in sorted((Path(__file__).parent).glob("*.py")):
        if f.name != Path(__file__).name:
            h.update(f.read_bytes())
    h.update(json.dumps([(r.id, r.scope, r.params) for r in RULES.values()], sort_keys=True).encode())
    return h.hexdigest()[:16]


def sort_flags(flags: pl.DataFrame) -> pl.DataFrame:
    """evaluate's order: most severe first, then rule, region, agency, year, document, page, message."""
    rank = pl.col("severity").replace_strict(SEVERITY_RANK, default=0, return_dtype=pl.Int8)
    return flags.sort([rank, "rule", "region_code", "agency", "year", "doc_id", "page", "message"],
                      descending=[True, False, False, False, False, False, False, False], nulls_last=True)


def restrict(frames: Frames, keys: pl.DataFrame) -> Frames:
    """The frames' rows of the given agency-years only."""
    keys = keys.select(AGENCY_YEAR).unique()
    return Frames(**{name: df.join(keys, on=AGENCY_YEAR, how="semi")
                     for name, df in vars(frames).items()})


def chunks(keys: pl.DataFrame) -> list[pl.DataFrame]:
    """Agency-year keys in slices of CHUNK_AGENCY_YEARS, whole agencies together (agency rules need every year)."""
    keys = keys.sort(AGENCY_YEAR)
    if keys.height <= CHUNK_AGENCY_YEARS:
        return [keys]
    group = (pl.col("agency_id").rank("dense") - 1) // max(CHUNK_AGENCY_YEARS // 10, 1)
    return keys.with_columns(group.alias("_g")).partition_by("_g", include_key=False, maintain_order=True)


class FlagCache:
    """The default-threshold flags of one lake, updated from its frames.

    The writer keeps them current: after each commit it evaluates the agencies whose documents
    changed and appends the result as an increment under `<lake>/_cache/flags/` (`write_increment`);
    a reader applies the increments it has not seen (`sync`) before looking for anything still
    uncovered, so the first reader after a commit evaluates nothing.
    """

    def __init__(self) -> None:
        self.seen = pl.DataFrame(schema=SEEN_SCHEMA)
        self.local = empty_flags()  # flags of the agency-year rules
        self.fingerprint = rules_fingerprint()
        self.recomputed: int = 0  # agency-years recomputed by the last update (tests, bench)
        self.applied: int = 0  # the last increment folded in
        self.folded: int = 0  # the last increment in the base file this cache wrote or started from
        self._last: pl.DataFrame | None = None
        self._across: pl.DataFrame | None = None  # flags of the lake rules, as last computed
        self._dirty: set[str] = set()  # agencies changed since then
        self._provinces: pl.DataFrame | None = None  # agency_id → province at that time (removed agencies)
        self._groups: pl.DataFrame | None = None  # agency_id → its peer groups at that time (PEER_GROUPED)
        self.peer_memo = _peer_module().RegionMemo()  # the peer metrics of the lake rules, kept per agency between runs
        self.serial = next(_SERIALS)  # this cache among every one of the process (an id may be reused)
        self.generation = 0  # results given by update_from: the last one is `_last`
        self._history: list[frozenset[str] | None] = []  # per generation: the agencies whose flags it changed
        self._moved: set[str] | None = set()  # agencies whose flags changed since the last result (None: unknown)
        self._lock = threading.Lock()

    def update(self, frames: Frames) -> pl.DataFrame:
        """All flags of `frames` (the whole lake) under default thresholds."""
        return self.update_from(frames.documents, lambda keys: restrict(frames, keys), lambda: frames)

    def _changed(self, documents: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """(the documents' identities now, the agencies with a document added, changed or removed since)."""
        now = documents.select(IDENTITY).with_columns(
            pl.col("ingested_at").cast(pl.Datetime("us", "UTC")), pl.col("year").cast(pl.Int32))
        changed = pl.concat([now.join(self.seen, on=IDENTITY, how="anti", nulls_equal=True),
                             self.seen.join(now, on=IDENTITY, how="anti", nulls_equal=True)])
        return now, changed.select("agency_id").unique()

    def _apply(self, agencies: pl.DataFrame, fresh: pl.DataFrame, seen: pl.DataFrame,
               tag: Callable[[pl.DataFrame], pl.DataFrame] | None) -> None:
        """Replace the flags and seen documents of `agencies` by `fresh` and `seen`."""
        if tag is not None:
            if self.local.columns == list(FLAG_SCHEMA):  # loaded untagged from disk, or new
                self.local = tag(self.local)
                self._moved = None
            if fresh.columns == list(FLAG_SCHEMA):  # an increment from a writer that tagged it is kept as is
                fresh = tag(fresh)
        ids = agencies.get_column("agency_id")
        # a commit of new agencies replaces nothing: the lake's flags are then not copied (half a million rows)
        gone = flagfiles.agency_in(self.local, ids)
        kept = self.local.filter(~gone) if gone.any() else self.local
        self.local = pl.concat([kept, fresh.select(kept.columns)], how="vertical_relaxed")
        self._dirty.update(ids.drop_nulls().to_list())
        if self._moved is not None:
            self._moved.update(ids.fill_null("").to_list())
        left = flagfiles.agency_in(self.seen, ids)
        self.seen = pl.concat([self.seen.filter(~left) if left.any() else self.seen, seen.select(self.seen.columns)])

    def _evaluate(self, now: pl.DataFrame, agencies: pl.DataFrame,
                  load: Callable[[pl.DataFrame], Frames]) -> pl.DataFrame:
        """The agency-year and agency rules over every year of `agencies`, a slice at a time."""
        rules = [r.id for r in RULES.values() if r.scope in ("agency_year", "agency")]
        keys = now.join(agencies, on="agency_id", how="semi").select(AGENCY_YEAR).unique()
        fresh = [empty_flags()] + [evaluate(load(chunk), rules=rules) for chunk in chunks(keys)] if rules else []
        return pl.concat(fresh) if fresh else empty_flags()

    def update_from(self, documents: pl.DataFrame, load: Callable[[pl.DataFrame], Frames],
                    whole: Callable[[], Frames], tag: Callable[[pl.DataFrame], pl.DataFrame] | None = None,
                    ordered: bool = True) -> pl.DataFrame:
        """All flags of the lake whose documents are `documents`, under default thresholds.

        `load(keys)`: every dataset's rows of the given agency-years (agency_id, year), read
        when they changed, `CHUNK_AGENCY_YEARS` at a time so a cold start never holds the
        whole lake; `whole()`: frames the `lake` rules need (small per-document data).
        `tag(flags)`: columns to add to fresh flags, kept with them (the reader's finding tags: one
        copy of the lake's flags, not two); `ordered=False` leaves the result in no particular order.
        """
        with self._lock:
            now, agencies = self._changed(documents)
            if agencies.height or (tag is not None and self.local.columns == list(FLAG_SCHEMA)):
                # an agency rule compares an agency's years: every year of a changed agency is read again
                fresh = self._evaluate(now, agencies, load) if agencies.height else empty_flags()
                self._apply(agencies, fresh, now.join(agencies, on="agency_id", how="semi"), tag)
            self.recomputed = now.join(agencies, on="agency_id", how="semi").select(AGENCY_YEAR).unique().height
            if not agencies.height and self._last is not None:
                return self._last  # every commit changes a documents row: nothing changed, same flags
            across = self._lake_flags(documents, whole, tag)
            both = pl.concat([self.local, across.select(self.local.columns)], how="vertical_relaxed")
            self._last = sort_flags(both) if ordered else both
            self.generation += 1
            self._history = [*self._history[-(HISTORY_KEPT - 1):], None if self._moved is None else
                             frozenset(self._moved)]
            self._moved = set()
            for old in [k for k, (ref, mine, _) in _LINEAGE.items() if ref() is None or mine() is None]:
                del _LINEAGE[old]
            _LINEAGE[id(self._last)] = (weakref.ref(self._last), weakref.ref(self), self.generation)
            return self._last

    def changed_since(self, generation: int) -> set[str] | None:
        """The agencies (agency_id, null as "") whose flags may differ between the result of `generation` and the
        last one; None when not known (too old, or a change this cache does not follow agency by agency)."""
        with self._lock:
            if generation > self.generation or self.generation - generation > len(self._history):
                return None
            out: set[str] = set()
            for moved in self._history[len(self._history) - (self.generation - generation):]:
                if moved is None:
                    return None
                out |= moved
            return out

    def _lake_flags(self, documents: pl.DataFrame, whole: Callable[[], Frames],
                    tag: Callable[[pl.DataFrame], pl.DataFrame] | None) -> pl.DataFrame:
        """The flags of the `province` and `lake` rules: after a change, only the provinces of the changed
        agencies are evaluated again when every such rule compares within a province (scope "province"), and
        only the agencies of their peer groups when every such rule compares within a peer group (PEER_GROUPED)."""
        rules = [r.id for r in RULES.values() if r.scope in ("province", "lake")]
        if not rules:
            return empty_flags() if tag is None else tag(empty_flags())
        local = all(RULES[r].scope == "province" for r in rules)
        if self._across is not None and not self._dirty:
            return self._across
        province = pl.col("region_code").fill_null("").str.slice(0, 2)
        grouped = set(rules) <= PEER_GROUPED
        if self._across is None or not local or self._across.columns != self.local.columns:
            frames = whole()
            with self.remembering():
                fresh = evaluate(frames, rules=rules)
                groups = _peer_module().peer_groups(frames) if grouped else None
            self._across = tag(fresh) if tag is not None else fresh
            self._moved = None
        elif grouped and self._groups is not None:
            frames, peers, ids = whole(), _peer_module(), sorted(self._dirty)
            with self.remembering():  # kept per agency: the metrics of `mine` are remembered too
                changed = peers.of_agencies(frames, ids)
                groups = peers.regrouped(self._groups, changed, ids)
                closure = peers.peer_closure(groups, self._groups, ids)
                fresh = evaluate(peers.closure_frames(frames, closure, changed, self.peer_memo), rules=rules)
                agencies = closure.implode()
            kept = self._across.filter(~pl.col("agency_id").is_in(agencies).fill_null(False))
            self._across = pl.concat([kept, (tag(fresh) if tag is not None else fresh).select(kept.columns)],
                                     how="vertical_relaxed")
            if self._moved is not None and not fresh.get_column("agency_id").has_nulls():
                self._moved.update(agencies.explode().drop_nulls().to_list())
            else:  # flags of no agency: not followed agency by agency
                self._moved = None
        else:
            groups = None
            dirty = pl.col("agency_id").is_in(sorted(self._dirty))
            before = self._provinces if self._provinces is not None else pl.DataFrame(
                schema={"agency_id": pl.String, "_p": pl.String})
            touched = set(documents.filter(dirty).select(province).to_series().to_list()) | set(
                before.filter(dirty).get_column("_p").to_list())
            frames = whole()
            mine = Frames(**{name: df.filter(province.is_in(sorted(touched))) for name, df in vars(frames).items()})
            with self.remembering():
                fresh = evaluate(mine, rules=rules)
            kept = self._across.filter(~province.is_in(sorted(touched)))
            self._across = pl.concat([kept, (tag(fresh) if tag is not None else fresh).select(kept.columns)],
                                     how="vertical_relaxed")
            self._moved = None  # whole provinces: not followed agency by agency
        self._dirty = set()
        self._provinces = documents.select("agency_id", province.alias("_p")).unique()
        # without an agency the peer groups cannot be told apart: the province path then
        self._groups = groups if groups is not None and not groups.get_column("agency_id").has_nulls() else None
        return self._across

    def remembering(self) -> Any:
        """A context in which the peer comparison (the peer_outlier rule) reuses the metrics of agencies whose
        documents did not change since the last lake-rule run (frames here are versions of one lake)."""
        return _peer_module().remembering(self.peer_memo)

    # ------------------------------------------------------------ the writer's increments

    def write_increment(self, folder: Path, documents: pl.DataFrame | Callable[[], State],
                        load: Callable[[pl.DataFrame], Frames], tag: Tagger | None = None,
                        lock: Callable[[], AbstractContextManager[Any]] | None = None) -> int:
        """Writer side, after a commit: evaluate the agencies changed since the increments in `folder` and
        write them, tagged by `tag`, as the next increment (folded into `folder`.parquet every FOLD_AFTER);
        agency-years done. `documents`: the lake's, or a function giving them and their `tag` as they are now.
        `lock`: the writers' lock, held only to number and publish the increment (a whole run held it 7–22 s at
        100,000 documents); a result another writer's increment overtook is evaluated again from it."""
        current: Callable[[], State] = documents if callable(documents) else lambda: (documents, tag)
        for attempt in range(PUBLISH_TRIES):
            last = lock is None or attempt == PUBLISH_TRIES - 1
            with lock() if last and lock is not None else nullcontext():
                got = self._next_increment(folder, current, load, lock if not last else None)
            if got is not None:
                break
        done, fold = got if got is not None else (0, False)
        if fold:  # outside the lock: a base file of any increment since the last fold is valid
            with self._lock:
                self._fold(folder)
        return done

    def _next_increment(self, folder: Path, current: Callable[[], State], load: Callable[[pl.DataFrame], Frames],
                        lock: Callable[[], AbstractContextManager[Any]] | None) -> tuple[int, bool] | None:
        """Evaluate and publish (under `lock`, when given) the next increment: (agency-years done, fold due), None
        when another writer published one meanwhile (nothing written)."""
        with self._lock:
            documents, tag = current()
            self._sync(folder, tag)
            target = folder / f"{self.applied + 1:08d}.parquet"
            before = flagfiles.stamp(target)  # a file there now is from other rules (sync stopped at it): overwritten
            now, agencies = self._changed(documents)
            if not agencies.height:
                return 0, False
            fresh = self._evaluate(now, agencies, load)
            fresh = tag(fresh) if tag is not None else fresh
            seen = now.join(agencies, on="agency_id", how="semi")
            meta = {"fingerprint": self.fingerprint, "agencies": agencies.get_column("agency_id").to_list(),
                    "seen": seen.write_json()}
            with lock() if lock is not None else nullcontext():
                if lock is not None and flagfiles.stamp(target) != before:
                    return None  # another writer published this increment since: evaluated from replaced flags
                flagfiles.write(target, fresh, meta)
            self._apply(agencies, fresh, seen, tag)
            self.applied += 1
            return seen.select(AGENCY_YEAR).unique().height, self.applied - self.folded >= FOLD_AFTER

    def _fold(self, folder: Path) -> None:
        """Write the flags as the base file and drop the increments the previous one held (held twice over)."""
        self._save(folder.with_suffix(".parquet"))
        for f in folder.glob("*.parquet"):
            if f.stem.isdigit() and int(f.stem) <= self.folded:
                f.unlink(missing_ok=True)
        self.folded = self.applied

    def sync(self, folder: Path, tag: Callable[[pl.DataFrame], pl.DataFrame] | None = None) -> int:
        """Reader side: apply the writer's increments not applied yet; how many were applied."""
        with self._lock:
            return self._sync(folder, tag)

    def _sync(self, folder: Path, tag: Callable[[pl.DataFrame], pl.DataFrame] | None) -> int:
        done = 0
        names = sorted(int(f.stem) for f in folder.glob("*.parquet") if f.stem.isdigit()) if folder.is_dir() else []
        # the increments are applied together: one pass over the lake's flags, not one per increment
        pending: list[tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]] = []
        for n in (n for n in names if n > self.applied):
            if n != self.applied + 1:  # folded away meanwhile: start again from the folded file
                base = FlagCache.load(folder.with_suffix(".parquet"))
                if base.applied < n - 1:
                    break  # a gap no file covers: the documents' check re-evaluates what is missing
                self.local, self.seen, self.applied, self._last = base.local, base.seen, base.applied, None
                self.folded = base.applied
                self._across = None  # which agencies changed in between is not known: the lake rules run whole
                self._moved = None
                pending = []  # the folded file holds them
                if n <= self.applied:
                    continue
            got = flagfiles.read(folder / f"{n:08d}.parquet", self.fingerprint)
            if got is None:
                break
            fresh, meta = got
            agencies = pl.DataFrame({"agency_id": meta["agencies"]}, schema={"agency_id": pl.String})
            seen = pl.read_json(io.StringIO(meta["seen"]), schema=SEEN_SCHEMA)
            if tag is not None and fresh.columns == list(FLAG_SCHEMA):
                fresh = tag(fresh)
            pending.append((agencies, fresh, seen))
            self.applied, self._last, done = n, None, done + 1
        if pending:
            self._apply(*flagfiles.merge(pending), tag)
        return done

    # ------------------------------------------------------------ persistence (best effort)

    def save(self, path: Path) -> None:
        """Write the per-agency-year flags and the documents they cover, atomically; errors are ignored."""
        with self._lock:
            self._save(path)

    def _save(self, path: Path) -> None:
        meta = {"fingerprint": self.fingerprint, "seen": self.seen.write_json(), "applied": self.applied}
        flagfiles.write(path, self.local, meta)  # with the reader's tags, when it has them

    @classmethod
    def load(cls, path: Path) -> FlagCache:
        """A cache from `save`, or an empty one when the file is missing, damaged or from other rules."""
        cache = cls()
        got = flagfiles.read(path, cache.fingerprint)
        if got is None:
            return cache
        local, meta = got
        try:
            seen = pl.read_json(io.StringIO(meta["seen"]), schema=SEEN_SCHEMA)
        except (ValueError, KeyError, pl.exceptions.PolarsError):
            return cache
        cache.local, cache.seen, cache.applied = local, seen, int(meta.get("applied", 0))
        cache.folded = cache.applied
        return cache


# Results whose lineage a FlagCache knows, by identity: (weak reference, to the cache, its generation). Weak: a
# dropped cache (a reader starting again) holds the lake's flags, which must not stay alive for this.
_LINEAGE: dict[int, tuple[weakref.ref[pl.DataFrame], weakref.ref[FlagCache], int]] = {}
_SERIALS = itertools.count(1)
# Generations whose changed agencies a cache remembers.
HISTORY_KEPT = 64


def lineage_of(flags: pl.DataFrame) -> tuple[FlagCache, int] | None:
    """(the cache, its generation) that gave `flags` (a result of update_from), None for another frame."""
    got = _LINEAGE.get(id(flags))
    cache = got[1]() if got is not None and got[0]() is flags else None
    return (cache, got[2]) if got is not None and cache is not None else None


def _peer_module() -> Any:
    from fiscal import peers  # here: fiscal.peers reads rule frames

    return peers
