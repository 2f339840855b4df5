"""Across documents: peers, the self-scoring inflation index and the disclosure quality score,
computed over the whole lake (a filter must not remove an agency's peers), then narrowed."""

from __future__ import annotations

import hashlib
import weakref
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from fiscal import filters, rowsort, scores, snapshot
from fiscal import peers as peer_groups
from fiscal.filters import Filters
from fiscal.quality import scored_flags
from fiscal.read.cache import AGENCY_KEY, REGION_AGENCY_KEY, by_region, key_of, links_stamp, per_version
from fiscal.read.flags import all_flags, changed_flags, moved_rules, select_flags
from fiscal.read.lake import selected_documents, slim_frames
from fiscal.read.lakefindings import flag_lineage
from fiscal.read.recent import recent
from fiscal.rules.engine import Frames
from fiscal.rules.lookups import exec_rate
from fiscal.thresholds import DEFAULT, Thresholds, full_score_at_low_execution

PEER_KEYS: list[str] = ["metric", "peer_group", "year"]
AGENCY_YEAR: list[str] = ["agency_id", "year"]
# Regions scored at once by the disclosure quality (fiscal.quality reads every reading and flag of them as Python
# objects: a cold start at 100,000 documents held ~0.5 GB of them at once).
QUALITY_CHUNK_REGIONS = 400
_REGION = pl.col("region_code").fill_null("")  # rows without a region are one group
INFLATION_READS: tuple[str, ...] = ("documents", "projects", "indicators")  # what scores.inflation_index reads
PEER_READS: tuple[str, ...] = peer_groups.TYPED_READS  # what peers.typed_metrics reads
# What the disclosure quality reads of a flag (fiscal.quality.disclosure_quality), besides its document.
_SCORED: tuple[str, ...] = ("rule", "severity", "page", "project", "message")


def whole_frames(lake: Path) -> Frames:
    """The whole lake as the lake-wide views read it, agencies linked (fiscal.read.lake.slim_frames)."""
    return slim_frames(lake)


@per_version()
def whole_flags(lake: Path, thresholds: Thresholds) -> pl.DataFrame:
    return all_flags(lake, thresholds)


@per_version()
def whole_peers(lake: Path, thresholds: Thresholds) -> pl.DataFrame:
    """The lake's peer comparison: each agency-year's metrics are kept per region (recomputed only for regions
    whose documents changed), the peer groups' quartiles are taken again over all of them."""
    p = thresholds.params("peer_outlier")
    names = _place_names(lake)

    def compute(parts: list[pl.DataFrame]) -> pl.DataFrame:
        return peer_groups.compare(parts[0].drop(_GROUP), names, iqr_factor=float(p["iqr_factor"]),
                                   min_peers=int(p["min_peers"])).with_columns(_group_of())

    # kept per peer group (province × agency type): after a commit only the groups of changed agencies are
    # compared again; the thresholds are part of the name (they change the comparison, not its inputs)
    typed = peer_metrics(lake).with_columns(_group_of())
    # a group's name is part of its rows; hashed alike in every process (the state is saved under its name)
    named = hashlib.sha1(repr(sorted(names.items())).encode()).hexdigest()[:16]
    state = by_region(lake, f"peer_compare:{links_stamp(lake)}:{','.join(thresholds.as_strings())}:{named}",
                      key=(_GROUP,))
    # a total order (ties by agency and document): rows kept and recomputed after a commit come in another order
    # than a full computation's; through one binary key (fiscal.rowsort), the comparison being the lake's size
    ordered = rowsort.sort(state.update([typed], compute), ["year", "metric", "peer_group", "value", "agency_id",
                                                            "doc_id"], descending=[True, False, False, True, False,
                                                                                   False], nulls_last=False)
    state.keep(ordered)  # one copy of the comparison, in the page's order
    return ordered.drop(_GROUP)


_GROUP = "_peer_key"


def _group_of() -> pl.Expr:
    """A row's peer group key (fiscal.peers.compare: province × agency type)."""
    return pl.concat_str(pl.col("region_code").fill_null("").str.slice(0, 2), pl.col("agency_type").fill_null(""),
                         separator="\x1f").alias(_GROUP)


@per_version()
def peer_metrics(lake: Path) -> pl.DataFrame:
    """peers.typed_metrics of the whole lake, kept per region (the same under any thresholds)."""
    frames = whole_frames(lake)
    return by_region(lake, f"peer_metrics:{links_stamp(lake)}", key=AGENCY_KEY).update(
        [_documents_key(frames)], lambda parts: peer_groups.typed_metrics(_of_documents(frames, parts[0], PEER_READS)))


@per_version()
def _place_names(lake: Path) -> dict[str, str]:
    return peer_groups.place_names(whole_frames(lake).documents)


def _of_documents(frames: Frames, docs: pl.DataFrame, only: tuple[str, ...] | None = None,
                  remember: bool = True) -> Frames:
    """The frames' rows of the documents listed in `docs` (a frame with doc_id): what a result kept per agency or
    per (region, agency) recomputes from. With `only`, the other frames left empty. Every document listed: the
    frames as they are."""
    ids = docs.get_column("doc_id").unique().sort()
    whole = ids.len() == frames.documents.height and bool(frames.documents.get_column("doc_id").is_in(
        ids.implode()).all())
    if whole:
        return Frames(**{name: df.clear() if only is not None and name not in only else df
                         for name, df in vars(frames).items()})
    keep = pl.col("doc_id").is_in(ids.implode())
    return Frames(**{name: df.clear() if only is not None and name not in only else
                     _rows_of(df, ids, keep) if remember else df.filter(keep) for name, df in vars(frames).items()})


# The last frames restricted to documents, by (frame identity, documents): after a commit the per-agency views
# (peers, inflation, checked) restrict the same whole-lake frames to the same changed agencies' documents, and
# each pass is a scan of the lake's rows. Weak: an old version's frames must not stay alive for this.
_PICKED: dict[tuple[int, tuple[str, ...]], tuple[weakref.ref[pl.DataFrame], pl.DataFrame]] = {}
_PICKED_MAX = 16


def _rows_of(df: pl.DataFrame, ids: pl.Series, keep: pl.Expr) -> pl.DataFrame:
    key = (id(df), tuple(ids.to_list()))
    got = _PICKED.get(key)
    if got is not None and got[0]() is df:
        return got[1]
    out = df.filter(keep)
    for old in [k for k, (ref, _) in _PICKED.items() if ref() is None]:
        del _PICKED[old]
    if len(_PICKED) >= _PICKED_MAX:
        del _PICKED[next(iter(_PICKED))]
    _PICKED[key] = (weakref.ref(df), out)
    return out


def _of_flags(flags: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """The flags of the documents listed in `docs`, in the flags' order (the quality score keeps the first of
    equal findings)."""
    if not flags.height:
        return flags
    return flags.filter(pl.col("doc_id").is_in(docs.get_column("doc_id").unique().implode()))


_KEYS: dict[int, tuple[pl.DataFrame, pl.DataFrame]] = {}  # documents frame → its key (one frame, hashed once)


def _documents_key(frames: Frames) -> pl.DataFrame:
    """What tells a region's per-document inputs changed: every commit writes new documents rows (a new
    ingested_at) for the documents it changed, and agency links rename agencies. The same frame for the same
    documents, so the per-region results reading it hash it once per lake version (fiscal.read.cache)."""
    got = _KEYS.get(id(frames.documents))
    if got is not None and got[0] is frames.documents:
        return got[1]
    key = frames.documents.select("region_code", "doc_id", "ingested_at", "agency_id", "agency")
    _KEYS.clear()  # only the latest version's is asked for again
    _KEYS[id(frames.documents)] = (frames.documents, key)
    return key


@per_version()
def whole_inflation(lake: Path, thresholds: Thresholds) -> pl.DataFrame:
    """The inflation index of the whole lake, recomputed only for regions whose documents changed; ranked per year.
    Under changed thresholds: the default's, recomputed only for the agency-years they move (`_moved`)."""
    frames = whole_frames(lake)
    if thresholds.changed():
        default = whole_inflation(lake, DEFAULT)
        moved = _moved(frames, thresholds)
        if moved.is_empty():
            return default
        # the indicators' terms are the default's unless their own threshold moved: those rows are not read again
        same = thresholds.params("indicator_unmet_full_score") == DEFAULT.params("indicator_unmet_full_score")
        terms = default.join(moved, on=AGENCY_YEAR, how="semi", nulls_equal=True).select(
            *AGENCY_YEAR, "indicators", "full_weight_share").unique(AGENCY_YEAR) if same else None
        fresh = scores.inflation_index(_of_agency_years(frames, moved, not same), thresholds, terms)
        kept = default.join(moved, on=AGENCY_YEAR, how="anti", nulls_equal=True)
        return _ranked(pl.concat([kept, fresh.select(kept.columns)], how="vertical_relaxed"))
    # not a variant of the default's state: the thresholds change the computation itself, not its inputs
    kept = by_region(lake, f"inflation:{links_stamp(lake)}:{','.join(thresholds.as_strings())}", key=AGENCY_KEY
                     ).update([_documents_key(frames)],
                              lambda parts: scores.inflation_index(_of_documents(frames, parts[0], INFLATION_READS),
                                                                   thresholds))
    return _ranked(kept)


def _ranked(rows: pl.DataFrame) -> pl.DataFrame:
    """Inflation rows ranked per year over the whole lake, most inflated first."""
    return rows.with_columns(pl.col("index").rank("min", descending=True).over("year").cast(pl.Int64).alias("rank")
                             ).sort(["index", "year", "agency"], descending=[True, True, False], nulls_last=True)


def _moved(frames: Frames, thresholds: Thresholds) -> pl.DataFrame:
    """(agency_id, year) whose inflation terms `thresholds` can move from the default's: a project whose
    low-execution full marks (fiscal.thresholds.full_score_at_low_execution) or an indicator whose full marks
    differ. Why: the index is a function of one agency-year's rows, so only these need computing again (a slider
    on the flags page would otherwise recompute every agency-year of the lake)."""
    rule = "full_score_low_execution"
    projects = frames.projects.with_columns(exec_rate().alias("_rate"))
    moved = projects.filter(full_score_at_low_execution(thresholds, "_rate")
                            != full_score_at_low_execution(DEFAULT, "_rate")).select("agency_id", "year")
    tol, tol0 = thresholds.get(rule, "full_tolerance"), DEFAULT.get(rule, "full_tolerance")
    if tol != tol0:
        ind = frames.indicators.filter(pl.col("weight") > 0, pl.col("score").is_not_null())
        hit = ind.filter((pl.col("score") >= pl.col("weight") - tol) != (pl.col("score") >= pl.col("weight") - tol0))
        moved = pl.concat([moved, frames.documents.join(hit.select("doc_id"), on="doc_id", how="semi").select(
            pl.col("agency_id"), pl.col("year").cast(moved.schema["year"]))])
    return moved.unique()


def _of_agency_years(frames: Frames, keys: pl.DataFrame, indicators: bool = True) -> Frames:
    """The documents, projects and (`indicators`) indicators of the given agency-years (every region), the other
    frames empty."""
    docs = frames.documents.join(keys.with_columns(pl.col("year").cast(frames.documents.schema["year"])),
                                 on=AGENCY_YEAR, how="semi", nulls_equal=True)
    out = {name: df.clear() for name, df in vars(frames).items()}
    out["documents"] = docs
    out["projects"] = frames.projects.join(keys, on=AGENCY_YEAR, how="semi", nulls_equal=True)
    if indicators:  # the lake's largest table: a semi join over all of it
        out["indicators"] = frames.indicators.join(docs.select("doc_id"), on="doc_id", how="semi")
    return Frames(**out)


@per_version()
def whole_quality(lake: Path, thresholds: Thresholds) -> pl.DataFrame:
    """Quality scores of the whole lake, recomputed only for the (region, agency) whose documents or flags changed
    since the last call (readings and prose figures change with their documents)."""
    frames = whole_frames(lake)
    lake_flags = whole_flags(lake, thresholds)
    flags = scored_flags(lake_flags)  # what the score reads: peer outliers do not count

    def compute(parts: list[pl.DataFrame]) -> pl.DataFrame:
        # a score is one agency-year's: the documents of the changed (region, agency) keys and their rows only
        regions = parts[0].get_column("region_code").fill_null("").unique().sort()
        if regions.len() <= QUALITY_CHUNK_REGIONS:
            # the rows of the changed agencies' documents (every region): the same restriction the per-agency
            # views made of the same frames (remembered, one pass over the lake's rows), then only the changed
            # keys' documents scored (a score reads its documents' rows by doc_id)
            agencies = parts[0].get_column("agency_id").fill_null("").unique().implode()
            mine = _of_documents(frames, docs_key.filter(pl.col("agency_id").fill_null("").is_in(agencies)))
            scored = Frames(**{**vars(mine), "documents": mine.documents.join(parts[0].select("doc_id"),
                                                                              on="doc_id", how="semi")})
            return scores.disclosure_quality(scored, _of_flags(flags, parts[0]))
        # many regions (a cold start): a slice of them at a time, each scored from its own rows, not remembered
        out = []
        for start in range(0, regions.len(), QUALITY_CHUNK_REGIONS):
            docs = parts[0].filter(_REGION.is_in(regions.slice(start, QUALITY_CHUNK_REGIONS).implode()))
            out.append(scores.disclosure_quality(_of_documents(frames, docs, remember=False), _of_flags(flags, docs)))
        return pl.concat(out, how="vertical_relaxed")

    # what the score reads of the flags (a flag's message may change with another document of its agency: a
    # year compared with the next one's), keyed by their document's region and (linked) agency, as the documents are
    docs_key = _documents_key(frames)
    marks = flags.select("doc_id", *_SCORED).join(
        docs_key.select("doc_id", "region_code", "agency_id"), on="doc_id", how="inner") if flags.height else \
        docs_key.clear().select("doc_id", "region_code", "agency_id")

    def affected(agencies: set[str]) -> set[str]:
        """The (region, linked agency) keys of the documents of these agencies (as stored, as flags name them)."""
        stored = snapshot.read(lake, "documents").select("doc_id", "agency_id")
        ids = stored.filter(pl.col("agency_id").fill_null("").is_in(sorted(agencies))).get_column("doc_id")
        mine = docs_key.filter(pl.col("doc_id").is_in(ids.implode()))
        return set(mine.select(key_of(REGION_AGENCY_KEY)).to_series().to_list())

    lineage = flag_lineage(lake_flags)  # the flag cache tells which agencies' flags changed: only theirs hashed
    # in the page's order (lowest score first): a selection is then a filter, the lake itself no sorted copy; the
    # per-region state keeps the ordered rows (one copy of the lake's scores, not two)
    state = by_region(lake, f"quality:{links_stamp(lake)}", ",".join(thresholds.as_strings()), key=REGION_AGENCY_KEY)
    # a total order (ties by region, kind, document): the rows kept and those recomputed after a commit come in
    # another order than a full computation's, and the page must not reorder equal scores
    ordered = state.update([docs_key, marks], compute, {1: lineage} if lineage is not None else None,
                           affected).sort("score", "agency", "year", "region_code", "doc_kind",
                                                             "doc_id", nulls_last=True)
    state.keep(ordered)
    return ordered


@per_version()
def whole_rates(lake: Path, thresholds: Thresholds) -> pl.DataFrame:
    """Per rule, agency-years flagged / checked over the whole lake (scores.rule_firing_rates). Under changed
    thresholds only the changed rules' rows are computed again, from their rerun flags: a rule's row is a
    function of its own flags."""
    changed = moved_rules(thresholds)  # the changed rules and those whose flags fold with theirs
    if not changed:
        return scores.rule_firing_rates(whole_flags(lake, thresholds), whole_frames(lake),
                                        checked_by_rule=whole_checked(lake))
    default = whole_rates(lake, DEFAULT)
    fresh = scores.rule_firing_rates(changed_flags(lake, thresholds), whole_frames(lake),
                                     checked_by_rule=whole_checked(lake)).filter(pl.col("rule").is_in(changed))
    order = default.select("rule").with_row_index("_o")
    return pl.concat([default.filter(~pl.col("rule").is_in(changed)), fresh]).join(
        order, on="rule", how="left").sort("_o", nulls_last=True, maintain_order=True).drop("_o")


@per_version()
def whole_checked(lake: Path) -> dict[str, pl.DataFrame]:
    """Per rule, the agency-years it could flag (the same under any thresholds): kept per region, recomputed only
    for the regions whose documents changed (each rule's set is a function of one agency's rows)."""
    frames = whole_frames(lake)
    long = by_region(lake, f"checked:{links_stamp(lake)}", key=AGENCY_KEY).update(
        [_documents_key(frames)], lambda parts: scores.checked_rows(_of_documents(frames, parts[0])))
    by_rule = {key[0]: part for key, part in long.partition_by("rule", as_dict=True).items()} if long.height else {}
    none = pl.DataFrame(schema={"agency_id": pl.String, "year": pl.Int32})
    out = {rid: by_rule[rid].select("agency_id", "year").unique() if rid in by_rule else none
           for rid in scores.checked_rules()}
    return scores.with_peer_checked(out, whole_peers(lake, DEFAULT))


def _selection_mask(lake: Path, f: Filters, df: pl.DataFrame) -> pl.Expr:
    """True for the rows of a whole-lake result inside the selection (partition columns; doc kind via doc_id)."""
    if f.is_empty():
        return pl.lit(True)
    mask = filters.predicate(f, [c for c in df.columns if c != "doc_kind"])
    if f.kinds:
        if "doc_kind" in df.columns:
            mask = mask & pl.col("doc_kind").is_in(list(f.kinds))
        elif "doc_id" in df.columns:
            ids = selected_documents(lake, f).get_column("doc_id").to_list()
            mask = mask & (pl.col("doc_id").is_null() | pl.col("doc_id").is_in(ids))
    return mask


def _in_selection(lake: Path, f: Filters, df: pl.DataFrame) -> pl.DataFrame:
    """The rows of a whole-lake result inside the selection."""
    return df if df.is_empty() or f.is_empty() else df.filter(_selection_mask(lake, f, df))


@dataclass(frozen=True)
class Peers:
    """The selection's agencies against their peers."""

    comparison: pl.DataFrame  # every row of the peer groups holding a selected row, with `selected`
    outliers: pl.DataFrame  # selected rows beyond the fence
    rates: pl.DataFrame  # per rule: agency-years flagged / checked, noisy, the selection's share


def peers(lake: Path, f: Filters, thresholds: Thresholds = DEFAULT) -> Peers:
    """同类比较: the selection's agencies against their peers (province × agency type × year), and rule firing rates.

    `comparison`: every row of the peer groups (metric × peer group × year) that hold a
    selected row, peers outside the selection included, with `selected`; `outliers`: the
    selected rows beyond the fence; `rates`: per rule, the agency-years flagged / checked over
    the whole lake (a rule's noise is judged on the whole lake), `noisy`, and the selection's
    flagged agency-years (`flagged_selection`). The `peer_outlier` thresholds
    (iqr_factor, min_peers, adjustable on the flags page) apply to the comparison.
    """
    # the comparison reads only the peer_outlier thresholds: another rule's threshold changes the rates alone
    only = thresholds.only(["peer_outlier"])
    comparison, outliers = recent(lake, "peer_groups", (f.key(), tuple(only.as_strings())),
                                  lambda: _peer_groups(lake, f, only))
    rates = recent(lake, "peer_rates", (f.key(), tuple(thresholds.as_strings())), lambda: _rates(lake, f, thresholds))
    return Peers(comparison, outliers, rates)


def _peer_groups(lake: Path, f: Filters, thresholds: Thresholds) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The rows of the peer groups holding a selected row (with `selected`), and the selected outliers."""
    comp = whole_peers(lake, thresholds)
    marked = comp.with_columns(_selection_mask(lake, f, comp).fill_null(False).alias("selected"))
    groups = marked.filter(pl.col("selected")).select(PEER_KEYS).unique()
    comparison = marked.join(groups, on=PEER_KEYS, how="semi", nulls_equal=True)
    outliers = marked.filter(pl.col("selected") & pl.col("outlier").fill_null(False)).sort(
        "metric", "value", descending=[False, True])
    return comparison, outliers


def _rates(lake: Path, f: Filters, thresholds: Thresholds) -> pl.DataFrame:
    """Per rule, the lake's firing rate and the selection's flagged agency-years and flags."""
    moved = moved_rules(thresholds)
    counts = _selection_counts(lake, f)
    if moved:  # the rules a threshold moves counted again from their own flags, the others' counts are the default's
        fresh = scores.flagged_counts(select_flags(lake, f, changed_flags(lake, thresholds)))
        counts = pl.concat([counts.filter(~pl.col("rule").is_in(moved)), fresh.filter(pl.col("rule").is_in(moved))])
    return whole_rates(lake, thresholds).join(counts, on="rule", how="left").with_columns(
        pl.col("flagged_selection").fill_null(0), pl.col("flags_selection").fill_null(0))


def _selection_counts(lake: Path, f: Filters) -> pl.DataFrame:
    """Per rule, the selection's flagged agency-years and flags under the default thresholds."""
    return recent(lake, "peer_counts", f.key(), lambda: scores.flagged_counts(
        select_flags(lake, f, whole_flags(lake, DEFAULT))))


def inflation(lake: Path, f: Filters, thresholds: Thresholds = DEFAULT) -> pl.DataFrame:
    """自评虚高指数 per agency-year in the selection, latest year and highest first.

    `rank`: 1 = most inflated among the selection's agencies of that year; `rank_lake`: the same over the whole lake.
    """
    only = thresholds.only(["full_score_low_execution"])
    return recent(lake, "inflation", (f.key(), tuple(only.as_strings())), lambda: _inflation(lake, f, only))


def _inflation(lake: Path, f: Filters, thresholds: Thresholds) -> pl.DataFrame:
    out = _in_selection(lake, f, whole_inflation(lake, thresholds))
    if "rank" in out.columns:
        out = out.rename({"rank": "rank_lake"})
    return out.with_columns(pl.col("index").rank("min", descending=True).over("year").cast(pl.Int32).alias("rank")
                            ).sort(["year", "index"], descending=[True, True], nulls_last=True)


def quality(lake: Path, f: Filters) -> pl.DataFrame:
    """披露质量: the disclosure quality score of every document in the selection, lowest first; scored with the
    rules' default thresholds, so a reader trying thresholds on the flags page does not move a published score."""
    return recent(lake, "quality", f.key(), lambda: _in_selection(lake, f, whole_quality(lake, DEFAULT)))
