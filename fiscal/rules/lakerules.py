"""The flags of the rules that compare across agencies (`scope` "province" or "lake"), kept as the lake changes:
part of the incremental flag cache (fiscal.rules.incremental).

After a change only the provinces of the changed agencies are evaluated again when every such rule compares
within a province, and only the agencies of their peer groups when every such rule compares within a peer group
(PEER_GROUPED). The writer saves the result with each increment (`save`, with a digest of the documents it is of),
so a new reader adopts it (`adopt`) instead of evaluating the rules over the whole lake.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import flagfiles
from fiscal.rules.engine import RULES, Frames, empty_flags, evaluate

# Lake rules whose flags of an agency depend only on the peer groups (province × agency type, fiscal.peers)
# its rows are in: after a change only those groups' agencies are evaluated again, not whole provinces.
PEER_GROUPED: frozenset[str] = frozenset({"peer_outlier"})
Tagger = Callable[[pl.DataFrame], pl.DataFrame]
PROVINCE = pl.col("region_code").fill_null("").str.slice(0, 2)
GROUPS_SCHEMA: dict[str, Any] = {"agency_id": pl.String, "_g": pl.String}


def lake_rules() -> list[str]:
    """The rules compared across agencies, in RULES order."""
    return [r.id for r in RULES.values() if r.scope in ("province", "lake")]


def digest(documents: pl.DataFrame) -> str:
    """The documents' identities (doc_id, ingested_at) as a hash, in any order: what a lake rule result is of."""
    ids = documents.select(pl.col("doc_id"), pl.col("ingested_at").cast(pl.Datetime("us", "UTC")))
    if ids.is_empty():
        return "0"
    return "-".join(str(ids.hash_rows(seed=s).sum()) for s in (0, 1)) + f"-{ids.height}"


class LakeRules:
    """The lake rules' flags of one lake (`flags`) and what following its changes needs."""

    def __init__(self) -> None:
        self.flags: pl.DataFrame | None = None  # as last computed
        self.dirty: set[str] = set()  # agencies changed since then
        self.provinces: pl.DataFrame | None = None  # agency_id → province at that time (removed agencies)
        self.groups: pl.DataFrame | None = None  # agency_id → its peer groups at that time (PEER_GROUPED)
        self.memo = _peers().RegionMemo()  # the peer metrics, kept per agency between runs

    def forget(self) -> None:
        """Evaluate whole next time (which agencies changed is not known)."""
        self.flags = None

    def update(self, documents: pl.DataFrame, whole: Callable[[], Frames], tag: Tagger | None,
               columns: list[str]) -> tuple[pl.DataFrame, set[str] | None]:
        """(the flags of the lake whose documents are `documents`, the agencies whose flags changed since the last
        update — None when not followed agency by agency); `columns`: those of the other rules' flags."""
        rules = lake_rules()
        if not rules:
            return (empty_flags() if tag is None else tag(empty_flags())), set()
        if self.flags is not None and not self.dirty:
            return self.flags, set()
        local = all(RULES[r].scope == "province" for r in rules)
        grouped = set(rules) <= PEER_GROUPED
        moved: set[str] | None = None
        if self.flags is None or not local or self.flags.columns != columns or self.provinces is None:
            frames = whole()
            with self.remembering():
                fresh = evaluate(frames, rules=rules)
                groups = _peers().peer_groups(frames) if grouped else None
            self.flags = tag(fresh) if tag is not None else fresh
        elif grouped and self.groups is not None:
            frames, peers, ids = whole(), _peers(), sorted(self.dirty)
            with self.remembering():  # kept per agency: the metrics of `mine` are remembered too
                changed = peers.of_agencies(frames, ids)
                groups = peers.regrouped(self.groups, changed, ids)
                closure = peers.peer_closure(groups, self.groups, ids)
                fresh = evaluate(peers.closure_frames(frames, closure, changed, self.memo), rules=rules)
                agencies = closure.implode()
            kept = self.flags.filter(~pl.col("agency_id").is_in(agencies).fill_null(False))
            self.flags = pl.concat([kept, (tag(fresh) if tag is not None else fresh).select(kept.columns)],
                                   how="vertical_relaxed")
            if not fresh.get_column("agency_id").has_nulls():  # else flags of no agency: not followed
                moved = set(agencies.explode().drop_nulls().to_list())
        else:
            groups = None
            dirty = pl.col("agency_id").is_in(sorted(self.dirty))
            touched = set(documents.filter(dirty).select(PROVINCE).to_series().to_list()) | set(
                self.provinces.filter(dirty).get_column("_p").to_list())
            frames = whole()
            mine = Frames(**{name: df.filter(PROVINCE.is_in(sorted(touched))) for name, df in vars(frames).items()})
            with self.remembering():
                fresh = evaluate(mine, rules=rules)
            kept = self.flags.filter(~PROVINCE.is_in(sorted(touched)))
            self.flags = pl.concat([kept, (tag(fresh) if tag is not None else fresh).select(kept.columns)],
                                   how="vertical_relaxed")
        self.dirty = set()
        self.provinces = documents.select("agency_id", PROVINCE.alias("_p")).unique()
        # without an agency the peer groups cannot be told apart: the province path then
        self.groups = groups if groups is not None and not groups.get_column("agency_id").has_nulls() else None
        return self.flags, moved

    def remembering(self) -> Any:
        """A context in which the peer comparison (the peer_outlier rule) reuses the metrics of agencies whose
        documents did not change since the last lake-rule run (frames here are versions of one lake)."""
        return _peers().remembering(self.memo)

    # ------------------------------------------------------------ persistence: the writer's, for new readers

    def save(self, path: Path, documents: pl.DataFrame, meta: dict[str, Any]) -> None:
        """Write the flags as of `documents` (and the peer groups, to follow later changes by group)."""
        if self.flags is None or self.dirty:
            return
        info = {**meta, "documents": digest(documents)}
        flagfiles.write(path, self.flags, info)
        if self.groups is not None:
            flagfiles.write(path.with_suffix(".groups.parquet"), self.groups, info)

    def adopt(self, path: Path, documents: pl.DataFrame, accept: Callable[[dict[str, Any]], bool],
              columns: list[str]) -> tuple[bool, set[str] | None]:
        """Take the flags a writer saved when they are of exactly these documents, rules' code and columns (nothing
        evaluated): (whether taken, the agencies whose flags that changed — None: not known agency by agency)."""
        mine = digest(documents)
        got = flagfiles.read(path, lambda meta: meta.get("documents") == mine and accept(meta))
        if got is None or got[0].columns != columns:
            return False, None
        flags, meta = got
        groups = flagfiles.read(path.with_suffix(".groups.parquet"), lambda m: m == meta, flags=False)
        moved = None if self.flags is None else _moved(self.flags, flags)
        self.flags, self.dirty = flags, set()
        self.groups = groups[0] if groups is not None and dict(groups[0].schema) == GROUPS_SCHEMA else None
        self.provinces = documents.select("agency_id", PROVINCE.alias("_p")).unique()
        return True, moved


def _moved(before: pl.DataFrame, after: pl.DataFrame) -> set[str] | None:
    """The agencies with a flag in one frame and not in the other (None: a flag of no agency among them)."""
    cols = [c for c in before.columns if before.schema[c] != pl.Object]
    diff = pl.concat([before.join(after, on=cols, how="anti", nulls_equal=True),
                      after.join(before, on=cols, how="anti", nulls_equal=True)]).get_column("agency_id")
    return None if diff.has_nulls() else set(diff.to_list())


def _peers() -> Any:
    from fiscal import peers  # here: fiscal.peers reads rule frames

    return peers
