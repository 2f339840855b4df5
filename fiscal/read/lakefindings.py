"""The findings of the lake's own flag frames, kept so that neither a commit, a threshold slider nor a selection
folds every flag of the lake again (at 100,000 documents: half a million flags, seconds a fold).

- A whole-lake frame (fiscal.read.flags.all_flags, `register_whole`): its findings are kept per agency
  (fiscal.read.cache.ByRegion, AGENCY_KEY) and folded again only where the flags changed after a commit.
- A variant (`register_variant`: the default frame with some rules rerun under changed thresholds): the
  default's findings, only those holding a flag of the rerun rules that differs folded again.
- A selection of either (`register_selection`, fiscal.read.flags.select_flags): the whole frame's findings
  inside the selection. A finding is one agency-year's, so a selection by region, agency and year keeps all of
  its flags or none; a finding whose flags lie in two regions (an agency id printed in two) is folded from the
  selection's flags instead, and a doc-kind selection (which splits a finding's copies) is never registered.

Results are those of fiscal.read.findings._findings over the same flags (tests/fiscal/test_lake_views_incremental).
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable
from pathlib import Path

import polars as pl

from fiscal import filters
from fiscal.filters import Filters
from fiscal.read.cache import AGENCY_KEY, Lineage, by_region, links_stamp
from fiscal.read.findings import (
    FINDING_SCHEMA,
    KEPT,
    _findings,
    _fold,
    _order,
    order_keyed,
    remember_key,
    spliced,
    tag_flags,
)

# Whole-lake flag frames by identity → (weak reference to the frame, lake, thresholds key). Weak: an old
# version's flags (hundreds of MB at 100,000 documents) must not stay alive for this.
_WHOLE: dict[int, tuple[weakref.ref[pl.DataFrame], Path, str]] = {}
_WHOLE_MAX = 8
# Their findings by the same identity, with region_code (what a selection filters on) and without.
_WHOLE_FOUND: dict[int, tuple[pl.DataFrame, pl.DataFrame]] = {}
# Their finding ids whose flags lie in more than one (region, agency, year): folded apart for a selection.
_SPANNING: dict[int, pl.Series] = {}
# What a finding is made of (fingerprinted per region to tell which regions' findings to fold again).
_FOLD_INPUT: tuple[str, ...] = ("finding_id", "severity", "category", "rule", "agency_id", "agency", "region",
                                "region_code", "year", "project", "message", "doc_id", "page", "synthetic", "gap",
                                "difference")
_PLACE: list[str] = ["region_code", "agency_id", "year"]
_KEEP: tuple[str, ...] = ("region_code", "_places")  # kept beside FINDING_SCHEMA in the lake's ordered findings


def register_whole(flags: pl.DataFrame, lake: Path, key: str) -> pl.DataFrame:
    """Mark `flags` as every flag of `lake` under thresholds `key`, so its findings are kept per region."""
    got = _WHOLE.get(id(flags))
    if "finding_id" in flags.columns and "region_code" in flags.columns and (got is None or got[0]() is not flags):
        for gone in [k for k, (ref, *_) in _WHOLE.items() if ref() is None]:
            del _WHOLE[gone]
        if len(_WHOLE) >= _WHOLE_MAX:
            del _WHOLE[next(iter(_WHOLE))]
        _WHOLE[id(flags)] = (weakref.ref(flags), Path(lake), key)
        for gone in [k for k in _WHOLE_FOUND if k not in _WHOLE or k == id(flags)]:
            del _WHOLE_FOUND[gone]  # an old version's findings (hundreds of MB) go with its flags
            _SPANNING.pop(gone, None)
    return flags


# Variants by identity → (weak reference, the default frame, the default's flags it drops, the flags it adds).
_VARIANTS: dict[int, tuple[weakref.ref[pl.DataFrame], pl.DataFrame, pl.DataFrame, pl.DataFrame]] = {}


def register_variant(flags: pl.DataFrame, default: pl.DataFrame, removed: pl.DataFrame, added: pl.DataFrame
                     ) -> pl.DataFrame:
    """Mark `flags` as `default` without the flags `removed` and with `added` (a changed threshold's rules rerun,
    and what folds otherwise then: fiscal.read.flags), see _VARIANTS."""
    for old in [k for k, (ref, *_) in _VARIANTS.items() if ref() is None]:
        del _VARIANTS[old]
    if len(_VARIANTS) >= _WHOLE_MAX:
        del _VARIANTS[next(iter(_VARIANTS))]
    _VARIANTS[id(flags)] = (weakref.ref(flags), default, removed, added)
    return flags


# Selections by identity → (weak reference to the selection, weak reference to its whole frame, the selection).
_SELECTIONS: dict[int, tuple[weakref.ref[pl.DataFrame], weakref.ref[pl.DataFrame], Filters]] = {}
_SELECTIONS_MAX = 16


def register_selection(rows: pl.DataFrame, whole: pl.DataFrame, f: Filters) -> pl.DataFrame:
    """Mark `rows` as the flags of `whole` (a registered whole-lake frame) inside `f` (no doc kinds)."""
    got = _WHOLE.get(id(whole))
    if got is None or got[0]() is not whole or f.kinds or rows is whole:
        return rows
    for old in [k for k, (ref, *_) in _SELECTIONS.items() if ref() is None]:
        del _SELECTIONS[old]
    if len(_SELECTIONS) >= _SELECTIONS_MAX:
        del _SELECTIONS[next(iter(_SELECTIONS))]
    _SELECTIONS[id(rows)] = (weakref.ref(rows), weakref.ref(whole), f)
    return rows


# The last selections of flag frames: (frame identity, selection key) → (weak reference to the frame, selection).
_SELECTED: dict[tuple[int, Hashable], tuple[weakref.ref[pl.DataFrame], pl.DataFrame]] = {}


def selection_of(flags: pl.DataFrame, key: Hashable) -> pl.DataFrame | None:
    """The selection `key` of `flags` kept by `keep_selection`, None when not kept."""
    got = _SELECTED.get((id(flags), key))
    return got[1] if got is not None and got[0]() is flags else None


def keep_selection(flags: pl.DataFrame, key: Hashable, rows: pl.DataFrame) -> pl.DataFrame:
    """Keep `rows` as the selection `key` of `flags` (while `flags` lives; the last _SELECTIONS_MAX)."""
    for old in [k for k, (ref, _) in _SELECTED.items() if ref() is None]:
        del _SELECTED[old]
    if len(_SELECTED) >= _SELECTIONS_MAX:
        del _SELECTED[next(iter(_SELECTED))]
    _SELECTED[(id(flags), key)] = (weakref.ref(flags), rows)
    return rows


def kept(flags: pl.DataFrame) -> tuple[pl.DataFrame, bool] | None:
    """The findings of a registered frame (and True when kept here), None for a frame not registered."""
    whole = _WHOLE.get(id(flags))
    if whole is not None and whole[0]() is flags:
        return _whole_found(flags, whole[1], whole[2])[1], True
    sel = _SELECTIONS.get(id(flags))
    if sel is not None and sel[0]() is flags and (of := sel[1]()) is not None:
        got = _selected(flags, of, sel[2])
        return (got, False) if got is not None else None
    return None


KEPT.append(kept)


def _whole_found(flags: pl.DataFrame, lake: Path, key: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    if id(flags) not in _WHOLE_FOUND:
        regional = _lake_findings(flags, lake, key)
        _WHOLE_FOUND[id(flags)] = (regional, regional.select(list(FINDING_SCHEMA)))
    return _WHOLE_FOUND[id(flags)]


def _selected(flags: pl.DataFrame, whole: pl.DataFrame, f: Filters) -> pl.DataFrame | None:
    """The findings of a selection of `whole` from the whole's (None: fold the selection's own flags)."""
    got = _WHOLE.get(id(whole))
    if got is None or got[0]() is not whole:
        return None
    regional = _whole_found(whole, got[1], got[2])[0]
    if "_places" not in regional.columns:
        return None
    if id(whole) not in _SPANNING:
        _SPANNING[id(whole)] = regional.filter(pl.col("_places") > 1)["finding_id"]
    spanning = _SPANNING[id(whole)]
    if spanning.len() and flags.filter(pl.col("finding_id").is_in(spanning.implode())).height:
        return None
    return regional.filter(filters.predicate(f, _PLACE)).select(list(FINDING_SCHEMA))


def _lake_findings(flags: pl.DataFrame, lake: Path, key: str) -> pl.DataFrame:
    """`_findings` of a whole-lake flag frame (with region_code), folded again only for the agencies whose flags
    changed."""
    variant = _VARIANTS.get(id(flags))
    if variant is not None and variant[0]() is flags and variant[1] is not flags:
        return _variant_findings(flags, lake, *variant[1:])
    tagged = tag_flags(flags, pl.DataFrame())
    if tagged.is_empty():
        return pl.DataFrame(schema=FINDING_SCHEMA)
    # kept per agency: a finding is one agency's (its key starts with the agency id, fiscal.read.findings.finding_key)
    state = by_region(lake, f"findings:{links_stamp(lake)}", key, key=AGENCY_KEY)
    # the flag cache's results say which agencies' flags changed: the others' are not hashed again
    lineage = flag_lineage(flags)
    folded = state.update([tagged.select(_FOLD_INPUT)], lambda parts: _fold(parts[0]),
                          {0: lineage} if lineage is not None else None)
    _FOLDED_FROM[id(state)] = weakref.ref(flags)
    ordered, made = order_keyed(folded, (*_KEEP, "_sev"), state.ordered)  # the kept ones are in the page's order
    # the state keeps the same rows in the page's order: one copy of the lake's findings, not two (~100 MB at
    # 100,000 documents); a selection of columns shares their memory
    rows = ordered.select(folded.columns)
    state.keep(rows)
    if made is not None and state.rows is rows:  # the key the sort made: a changed threshold splices into them
        remember_key(rows, made)
    return ordered.drop("_sev")


def flag_lineage(flags: pl.DataFrame) -> Lineage | None:
    """How a result of the lake's incremental flag cache follows from its earlier ones (fiscal.read.cache.Lineage),
    None for other flags (a changed threshold's, a selection's)."""
    from fiscal.rules.incremental import lineage_of

    got = lineage_of(flags)
    if got is None:
        return None
    cache, generation = got

    def changed(earlier: Hashable) -> set[str] | None:
        if not isinstance(earlier, tuple) or earlier[0] != cache.serial:
            return None
        since: set[str] | None = cache.changed_since(earlier[1])
        return since

    return Lineage((cache.serial, generation), changed)


# ByRegion state (by identity) → the flags it last folded: a variant splices only into its own default's state.
_FOLDED_FROM: dict[int, weakref.ref[pl.DataFrame]] = {}


def _variant_findings(flags: pl.DataFrame, lake: Path, default: pl.DataFrame, removed: pl.DataFrame,
                      added: pl.DataFrame) -> pl.DataFrame:
    """The findings of a variant: the default's folded findings, those holding a flag removed or added whose flags
    differ folded again (a finding is folded from its own flags alone)."""
    base = by_region(lake, f"findings:{links_stamp(lake)}", key=AGENCY_KEY)
    whole = _WHOLE.get(id(default))
    if whole is None or whole[0]() is not default or not {"finding_id", "region_code"} <= set(flags.columns):
        return _findings(flags, pl.DataFrame())
    regional = _whole_found(default, whole[1], whole[2])[0]  # the default's state brought to this lake version
    folded_from = _FOLDED_FROM.get(id(base))
    if base.rows is None or folded_from is None or folded_from() is not default:
        return _order(_fold(tag_flags(flags, pl.DataFrame())), _KEEP)
    before = _finding_hashes(tag_flags(removed, pl.DataFrame()))
    after = _finding_hashes(tag_flags(added, pl.DataFrame()))
    moved = sorted(f for f in set(before) | set(after) if before.get(f) != after.get(f))
    if not moved:
        return regional
    ids = pl.Series(moved, dtype=pl.String).implode()
    folded = _fold(tag_flags(flags.filter(pl.col("finding_id").is_in(ids)), pl.DataFrame()).select(_FOLD_INPUT))
    drop = base.rows.get_column("finding_id").is_in(ids)
    if not base.in_order:
        rest = base.rows.filter(~drop)
        return _order(pl.concat([rest, folded], how="vertical_relaxed") if folded.height else rest, _KEEP)
    # the default's findings are kept in the page's order (`_lake_findings`): the refolded ones are put in place
    merged = spliced(base.rows, drop, folded.select(base.rows.columns).cast(base.rows.schema))
    return _order(merged, _KEEP, merged.height)


def _finding_hashes(tagged: pl.DataFrame) -> dict[str, int]:
    """finding_id → hash of its flags (what _fold reads, in any order)."""
    if tagged.is_empty():
        return {}
    rows = tagged.select(_FOLD_INPUT)
    return dict(rows.select("finding_id", pl.struct(rows.columns).hash().alias("_h")).group_by("finding_id").agg(
        pl.col("_h").sum()).iter_rows())


def forget() -> None:
    """Drop every registration and kept result (a new process has none)."""
    for d in (_WHOLE, _WHOLE_FOUND, _SPANNING, _VARIANTS, _SELECTIONS, _FOLDED_FROM, _SELECTED):
        d.clear()
