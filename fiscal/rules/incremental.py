"""Flags kept up to date as the lake grows, without rerunning every rule over every document.

Most rules read one agency-year's documents (`Rule.scope == "agency_year"`): their flags
are kept per agency-year and recomputed only for the agency-years whose documents
changed since the last update (a document is identified by doc_id + ingested_at, so a
forced re-ingest counts as a change). Rules that compare across years or agencies
(`scope == "province"`, `"lake"`) are rerun for the provinces of changed agencies, or whole; they work
on small per-agency aggregates (fiscal.rules.lakerules; the writer saves them for new readers).

The result equals `evaluate(frames)` (tests/fiscal/test_incremental_flags.py checks it);
`FlagCache.save` / `load` keep it across restarts, tagged with fingerprints of the rules' code
(fiscal.rules.rulecode): after an upgrade only the rules whose code changed by meaning are
evaluated again (`stale`), the other rules' flags kept.
"""

from __future__ import annotations

import io
import itertools
import threading
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import flagfiles
from fiscal.rules.engine import FLAG_SCHEMA, RULES, SEVERITY_RANK, Frames, empty_flags, evaluate
from fiscal.rules.lakerules import LakeRules, digest, lake_rules
from fiscal.rules.rulecode import rule_prints, rules_fingerprint, stale_rules  # names tests and harnesses patch

IDENTITY: list[str] = ["doc_id", "ingested_at", "agency_id", "year"]
SEEN_SCHEMA: dict[str, Any] = {"doc_id": pl.String, "ingested_at": pl.Datetime("us", "UTC"), "agency_id": pl.String,
                               "year": pl.Int32}
# The writer folds its increments into the base file once this many were written since the last fold; the
# increments of the fold before stay, so a reader fewer than FOLD_AFTER behind never reads the (large) base file.
FOLD_AFTER = 32
AGENCY_YEAR: list[str] = ["agency_id", "year"]
# Agency-years whose rows are read at once when flags are recomputed (bounds a cold start's memory).
CHUNK_AGENCY_YEARS = 1500
# The lake rules' flags as the writer last saved them, in the increments' folder (fiscal.rules.lakerules).
LAKE_FILE = "lake.parquet"
# Tries at evaluating an increment outside the writers' lock before the last one, made under it throughout.
PUBLISH_TRIES = 3
Tagger = Callable[[pl.DataFrame], pl.DataFrame]
State = tuple[pl.DataFrame, Tagger | None]  # the lake's documents and the tagger of their flags


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
        self.stale: set[str] = set()  # rules whose flags `local` lacks: loaded from a file of other code
        self.recomputed: int = 0  # agency-years recomputed by the last update (tests, bench)
        self.applied: int = 0  # the last increment folded in
        self.folded: int = 0  # the last increment in the base file this cache wrote or started from
        self._last: pl.DataFrame | None = None
        self.lake = LakeRules()  # the flags of the rules comparing across agencies
        self.folder: Path | None = None  # the writer's increments, once synced with (its lake rules' flags too)
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
        self.lake.dirty.update(ids.drop_nulls().to_list())
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

    def _refresh(self, load: Callable[[pl.DataFrame], Frames], tag: Tagger | None) -> int:
        """Evaluate the stale rules (their flags loaded from a file of other code were dropped) over every
        agency-year the flags cover, the other rules' flags kept; agency-years read."""
        rules = [r for r in RULES if r in self.stale and RULES[r].scope in ("agency_year", "agency")]
        keys = self.seen.select(AGENCY_YEAR).unique()
        fresh = pl.concat([empty_flags(), *(evaluate(load(chunk), rules=rules) for chunk in chunks(keys))]) \
            if rules and keys.height else empty_flags()
        if tag is not None:
            self.local = tag(self.local) if self.local.columns == list(FLAG_SCHEMA) else self.local
            fresh = tag(fresh)
        kept = self.local.filter(~pl.col("rule").is_in(sorted(self.stale)))
        self.local = pl.concat([kept, fresh.select(kept.columns)], how="vertical_relaxed")
        if self.stale & set(lake_rules()):
            self.lake.forget()
        self.stale, self._moved = set(), None
        return keys.height if rules else 0

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
            redone = self._refresh(load, tag) if self.stale else 0
            self.recomputed = redone + now.join(agencies, on="agency_id", how="semi").select(AGENCY_YEAR).unique(
            ).height
            if not agencies.height and not redone and self._last is not None:
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

    def _lake_flags(self, documents: pl.DataFrame, whole: Callable[[], Frames], tag: Tagger | None) -> pl.DataFrame:
        """The flags of the `province` and `lake` rules (fiscal.rules.lakerules): the writer's when it saved them
        for these documents, else evaluated again where agencies changed."""
        if (self.lake.flags is None or self.lake.dirty) and self.folder is not None:
            # of these sources only: the lake rules read the read side's reductions (fiscal.read.lake.slim_frames),
            # which no rule's fingerprint follows; evaluated again in seconds when the sources differ
            taken, moved = self.lake.adopt(self.folder / LAKE_FILE, documents,
                                           lambda m: m.get("fingerprint") == self.fingerprint, self.local.columns)
            if taken and self.lake.flags is not None:
                self._moved = None if moved is None or self._moved is None else self._moved | moved
                return self.lake.flags
        flags, moved = self.lake.update(documents, whole, tag, self.local.columns)
        if moved is None:
            self._moved = None
        elif self._moved is not None:
            self._moved.update(moved)
        return flags

    def remembering(self) -> Any:
        """A context in which the peer comparison (the peer_outlier rule) reuses the metrics of agencies whose
        documents did not change since the last lake-rule run (frames here are versions of one lake)."""
        return self.lake.remembering()

    # ------------------------------------------------------------ the writer's increments

    def write_increment(self, folder: Path, documents: pl.DataFrame | Callable[[], State],
                        load: Callable[[pl.DataFrame], Frames], tag: Tagger | None = None,
                        lock: Callable[[], AbstractContextManager[Any]] | None = None,
                        whole: Callable[[], Frames] | None = None) -> int:
        """Writer side, after a commit: evaluate the agencies changed since the increments in `folder` and
        write them, tagged by `tag`, as the next increment (folded into `folder`.parquet every FOLD_AFTER);
        agency-years done. `documents`: the lake's, or a function giving them and their `tag` as they are now.
        `lock`: the writers' lock, held only to number and publish the increment (a whole run held it 7–22 s at
        100,000 documents); a result another writer's increment overtook is evaluated again from it. `whole`: the
        frames of the lake rules; given, their flags are brought up to date too and saved for new readers
        (`LAKE_FILE`, outside the lock: a reader takes them only when they are of its documents)."""
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
        if whole is not None:
            with self._lock:
                self._save_lake(folder, current, whole)
        return done

    def _save_lake(self, folder: Path, current: Callable[[], State], whole: Callable[[], Frames]) -> None:
        """Bring the lake rules' flags up to date and save them, when the lake's frames are those of the documents
        the other flags are of (not those of a commit since)."""
        documents, tag = current()
        frames = whole()
        if self._changed(frames.documents)[1].height or digest(documents) != digest(frames.documents):
            return
        self.lake.update(frames.documents, lambda: frames, tag, self.local.columns)
        self.lake.save(folder / LAKE_FILE, frames.documents, {"fingerprint": self.fingerprint, "rules": rule_prints()})

    def _next_increment(self, folder: Path, current: Callable[[], State], load: Callable[[pl.DataFrame], Frames],
                        lock: Callable[[], AbstractContextManager[Any]] | None) -> tuple[int, bool] | None:
        """Evaluate and publish (under `lock`, when given) the next increment: (agency-years done, fold due), None
        when another writer published one meanwhile (nothing written)."""
        with self._lock:
            documents, tag = current()
            self._sync(folder, tag)
            # rules of other code: evaluated again here, and the base file written (folded) at once after
            if self.stale:
                self._refresh(load, tag)
                self.folded = min(self.folded, self.applied - FOLD_AFTER)  # a fold due now
            target = folder / f"{self.applied + 1:08d}.parquet"
            before = flagfiles.stamp(target)  # a file there now is from other rules (sync stopped at it): overwritten
            now, agencies = self._changed(documents)
            if not agencies.height:
                return 0, self.applied - self.folded >= FOLD_AFTER
            fresh = self._evaluate(now, agencies, load)
            fresh = tag(fresh) if tag is not None else fresh
            seen = now.join(agencies, on="agency_id", how="semi")
            meta = {"fingerprint": self.fingerprint, "rules": rule_prints(),
                    "agencies": agencies.get_column("agency_id").to_list(), "seen": seen.write_json()}
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

    def stale_of(self, meta: dict[str, Any]) -> set[str] | None:
        """The rules whose flags in a file with metadata `meta` are of other code (empty: none), None when the file
        does not say (written before fingerprints per rule: of other code)."""
        if meta.get("fingerprint") == self.fingerprint:
            return set()
        written = meta.get("rules")
        return stale_rules(written, rule_prints()) if isinstance(written, dict) else None

    def sync(self, folder: Path, tag: Callable[[pl.DataFrame], pl.DataFrame] | None = None) -> int:
        """Reader side: apply the writer's increments not applied yet; how many were applied. The lake rules'
        flags the writer saved there are then taken when they are of the documents updated from."""
        with self._lock:
            self.folder = folder
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
                self.stale = base.stale
                self.folded = base.applied
                self.lake.forget()  # which agencies changed in between is not known: the lake rules run whole
                self._moved = None
                pending = []  # the folded file holds them
                if n <= self.applied:
                    continue
            # an increment of other code for some rule is not applied: its agencies are then evaluated again whole
            got = flagfiles.read(folder / f"{n:08d}.parquet", lambda meta: self.stale_of(meta) == set())
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
        # a file lacking the stale rules' flags says so: no fingerprint of the whole, none of theirs
        meta = {"fingerprint": "" if self.stale else self.fingerprint, "seen": self.seen.write_json(),
                "applied": self.applied, "rules": {r: p for r, p in rule_prints().items() if r not in self.stale}}
        flagfiles.write(path, self.local, meta)  # with the reader's tags, when it has them

    @classmethod
    def load(cls, path: Path) -> FlagCache:
        """A cache from `save`, or an empty one when the file is missing, damaged or from other rules; the flags
        of rules whose code changed since it was written are dropped (`stale`, evaluated again on update)."""
        cache = cls()
        got = flagfiles.read(path, lambda meta: cache.stale_of(meta) is not None)
        if got is None:
            return cache
        local, meta = got
        stale = cache.stale_of(meta) or set()
        if stale:  # and the flags of rules no longer registered
            local = local.filter(~pl.col("rule").is_in(sorted(stale)))
            cache.stale = stale & set(RULES)
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
