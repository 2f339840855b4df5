"""Peers: each agency-year's metrics (三公, 三公 per staff member, 三公 growth, execution rate,
self-score) against the same province's agencies of the same type and year, with quartiles and
the IQR fence. The `peer_outlier` rule flags the outliers; the 同类比较 page draws them."""

from __future__ import annotations

import csv
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from fiscal.rules.engine import Frames
from fiscal.rules.lookups import exec_rate, norm_name

# Functional agency types (医疗保障, 教育, 法院 …) by name pattern, first matching row wins; kept as data so
# the rule can be read (and shown on the 同类比较 page) and extended without touching code.
AGENCY_TYPES_FILE = Path(__file__).with_name("data") / "agency_types.csv"
# A name no pattern matches falls back to its suffix (局, 中心 …), under 其他.
SUFFIX_TYPES: tuple[tuple[str, str], ...] = (
    ("中心", "中心"), ("办公厅", "办公厅"), ("办公室", "办公室"), ("委员会", "委员会"), ("局", "局"), ("厅", "厅"),
    ("委", "委员会"), ("办", "办公室"), ("院", "院"), ("所", "所"), ("站", "站"), ("队", "队"), ("馆", "馆"),
    ("学校", "学校"), ("会", "会"), ("部", "部"),
)
OTHER = "其他"


@lru_cache(maxsize=1)
def agency_type_rules() -> tuple[tuple[str, str, str], ...]:
    """The name-pattern → agency-type rules of fiscal/data/agency_types.csv: (pattern, type, note), in order."""
    with AGENCY_TYPES_FILE.open(encoding="utf-8", newline="") as f:
        return tuple((r["pattern"], r["agency_type"], r.get("note") or "") for r in csv.DictReader(f))


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), kind) for pattern, kind, _ in agency_type_rules())


def suffix_type(name: str | None) -> str:
    """The name's suffix type (局, 委员会, 中心 …), 其他 when none."""
    text = re.sub(r"[（(]?本级[)）]?$", "", norm_name(name))
    for suffix, kind in SUFFIX_TYPES:
        if text.endswith(suffix):
            return kind
    return OTHER


@lru_cache(maxsize=4096)
def agency_type(name: str | None) -> str:
    """The agency's functional type (医疗保障, 教育, 法院 …) from its name; else 其他（suffix）."""
    text = re.sub(r"[（(]?本级[)）]?$", "", norm_name(name))
    for pattern, kind in _compiled():
        if pattern.search(text):
            return kind
    suffix = suffix_type(name)
    return OTHER if suffix == OTHER else f"{OTHER}（{suffix}）"


PEER_METRICS: dict[str, str] = {
    "sangong_actual": "“三公”经费决算数（万元）", "sangong_per_staff": "人均“三公”经费（万元/人）",
    "sangong_growth": "“三公”经费决算增长率", "exec_rate_mean": "项目平均预算执行率",
    "self_score_mean": "项目平均自评总分",
}
LOW_IS_ODD: frozenset[str] = frozenset({"exec_rate_mean"})  # flagged below the lower fence
# The spread a fence is drawn with is at least this fraction of the group's median: execution rates and self-scores
# cluster at 100 % / 100 points (IQR 0 or nearly), where Q3 + 1.5 × IQR would call a 98 % or a 97-point agency an
# outlier. A group whose median and IQR are both 0 (most peers print 0) has no spread to measure by: not judged.
MIN_SPREAD = 0.1
STAFF_KEYS: tuple[str, ...] = ("staff_actual", "staff_authorized")  # narrative keys, preferred first
STAFF_LABELS: dict[str, str] = {"staff_actual": "实有人数", "staff_authorized": "编制数"}


def _best_docs(docs: pl.DataFrame) -> pl.DataFrame:
    """Per agency-year, the one document agency-level metrics count: department scope first, then latest."""
    return (docs.with_columns((pl.col("scope") != "department").cast(pl.Int8).alias("_unit"))
            .sort(["_unit", "ingested_at", "doc_id"], descending=[False, True, False], nulls_last=True)
            .unique(["agency_id", "year"], keep="first", maintain_order=True).drop("_unit"))


def staff_counts(frames: Frames) -> pl.DataFrame:
    """Per agency-year, the staff count stated in the prose (实有人数 first, else 编制数):
    agency_id, year, staff, staff_key, staff_doc_id, staff_page (final accounts before budgets)."""
    nar = frames.narrative.filter(pl.col("key").is_in(list(STAFF_KEYS)), pl.col("amount") > 0)
    if nar.is_empty():
        return pl.DataFrame(schema={"agency_id": pl.String, "year": pl.Int32, "staff": pl.Float64,
                                    "staff_key": pl.String, "staff_doc_id": pl.String, "staff_page": pl.Int32})
    kinds = frames.documents.select("doc_id", (pl.col("doc_kind") != "final_account").cast(pl.Int8).alias("_k"))
    nar = nar.join(kinds, on="doc_id", how="left").with_columns(
        pl.col("key").replace_strict({k: i for i, k in enumerate(STAFF_KEYS)}, return_dtype=pl.Int8).alias("_pref"))
    return (nar.sort(["_k", "_pref", "doc_id", "page"], nulls_last=True)
            .unique(["agency_id", "year"], keep="first", maintain_order=True)
            .select("agency_id", "year", pl.col("amount").alias("staff"), pl.col("key").alias("staff_key"),
                    pl.col("doc_id").alias("staff_doc_id"), pl.col("page").alias("staff_page")))


def peer_metrics(frames: Frames) -> pl.DataFrame:
    """Per agency-year (department scope first), the values compared with peers:
    COMMON columns, metric, value, note (how the value was obtained)."""
    from fiscal.rules.sangong import sangong_series, yearly_growth

    common = ["doc_id", "region_code", "region", "agency_id", "agency", "year", "page"]
    cols = [*common, "metric", "value", "note"]
    out = []
    series = sangong_series(frames).filter(pl.col("series") == "actual")
    if series.height:
        out.append(series.select(*common, pl.lit("sangong_actual").alias("metric"), pl.col("amount").alias("value"),
                                 pl.lit(None, dtype=pl.String).alias("note")))
        growth = yearly_growth(series)
        out.append(growth.select(*common, pl.lit("sangong_growth").alias("metric"), pl.col("_g").alias("value"),
                                 pl.format("{} 年 {} 万元（{}）", pl.col("year") - 1, pl.col("_prev"),
                                           pl.col("_prev_doc").str.slice(0, 8)).alias("note")))
        staff = staff_counts(frames)
        per = series.join(staff, on=["agency_id", "year"])
        if per.height:
            out.append(per.select(
                *common, pl.lit("sangong_per_staff").alias("metric"),
                (pl.col("amount") / pl.col("staff")).alias("value"),
                pl.format("{} 万元 / {} 人（{}，见第{}页）", pl.col("amount"), pl.col("staff").cast(pl.Int64),
                          pl.col("staff_key").replace_strict(STAFF_LABELS, default="人数"),
                          pl.col("staff_page")).alias("note")))
    with_projects = frames.documents.join(frames.projects.select("doc_id").unique(), on="doc_id", how="semi")
    proj = frames.projects.with_columns(exec_rate().alias("_rate")).join(
        _best_docs(with_projects).select("doc_id"), on="doc_id")
    if proj.height:
        keys = ["doc_id", "region_code", "region", "agency_id", "agency", "year"]
        agg = proj.group_by(keys).agg(pl.col("page").min(), pl.col("_rate").mean().alias("exec_rate_mean"),
                                      pl.col("total_score").mean().alias("self_score_mean"), pl.len().alias("_n"))
        out.append(agg.unpivot(index=[*keys, "page", "_n"], on=["exec_rate_mean", "self_score_mean"],
                               variable_name="metric")
                   .filter(pl.col("value").is_not_null())
                   .with_columns(pl.format("{} 个项目", "_n").alias("note")).select(cols))
    if not out:
        return pl.DataFrame(schema={**{c: frames.sangong.schema[c] for c in common}, "metric": pl.String,
                                    "value": pl.Float64, "note": pl.String})
    return pl.concat([df.select(cols) for df in out], how="vertical_relaxed")


# The datasets `typed_metrics` (so `peer_comparison`, the peer_outlier rule) reads; the others may be empty.
TYPED_READS: tuple[str, ...] = ("documents", "sangong", "projects", "narrative")


class RegionMemo:
    """`typed_metrics` kept per agency for frames that are versions of one lake (see `remembering`).

    An agency's metrics are a function of its own rows (every year, every region printing its id), and those
    change only with its documents rows (every commit stamps the documents it writes anew): an agency whose
    documents are the same as last time keeps its metrics. Kept per agency, not per region, so frames holding
    some of a region's agencies (the flag cache re-evaluates one peer group's agencies) reuse them too.
    """

    def __init__(self) -> None:
        self.rows: dict[str, tuple[int, pl.DataFrame]] = {}  # agency_id → (its documents' hash, its metrics)
        self.computed = 0  # agencies computed by the last call (tests)
        self._lock = threading.Lock()

    def stale(self, documents: pl.DataFrame) -> list[str]:
        """The agencies of `documents` (agency_id, null as "") whose metrics are not remembered for these documents."""
        hashes = _hashes(documents)
        with self._lock:
            return sorted(a for a, h in hashes.items() if a not in self.rows or self.rows[a][0] != h)

    def metrics(self, frames: Frames) -> pl.DataFrame:
        """typed_metrics(frames), computed only for agencies not seen with the same documents."""
        agency = pl.col("agency_id").fill_null("")
        hashes = _hashes(frames.documents)
        with self._lock:
            stale = sorted(a for a, h in hashes.items() if a not in self.rows or self.rows[a][0] != h)
            if stale:
                part = Frames(**{name: df.filter(agency.is_in(stale)) if "agency_id" in df.columns else df
                                 for name, df in vars(frames).items()})
                fresh = _typed_metrics(part)
                by_agency = {key[0]: rows for key, rows in fresh.with_columns(agency.alias("_a")).partition_by(
                    "_a", as_dict=True, include_key=False).items()}
                empty = fresh.clear()
                for a in stale:
                    self.rows[a] = (hashes[a], by_agency.get(a, empty))
            self.computed = len(stale)
            pieces = [self.rows[a][1] for a in sorted(hashes)]
        return pl.concat(pieces, how="vertical_relaxed") if pieces else _typed_metrics(frames)


# What an agency's metrics depend on, per document (see RegionMemo).
MEMO_KEY: list[str] = ["doc_id", "ingested_at", "agency_id", "agency", "scope", "doc_kind", "year"]


def _hashes(documents: pl.DataFrame) -> dict[str, int]:
    """agency_id (null as "") → a hash of its documents' MEMO_KEY columns."""
    return dict(documents.select(pl.col("agency_id").fill_null(""), pl.struct(MEMO_KEY).hash(seed=7).alias("_h"))
                .group_by("agency_id").agg(pl.col("_h").sum()).iter_rows())
_MEMO: ContextVar[RegionMemo | None] = ContextVar("peer_metrics_memo", default=None)


@contextmanager
def remembering(memo: RegionMemo) -> Iterator[None]:
    """Within the block, `typed_metrics` (and so `peer_comparison`, the peer_outlier rule) reads and fills `memo`:
    for callers whose frames are successive versions of one lake (the incremental flag cache)."""
    token = _MEMO.set(memo)
    try:
        yield
    finally:
        _MEMO.reset(token)


def typed_metrics(frames: Frames) -> pl.DataFrame:
    """`peer_metrics` with each row's `agency_type`: a function of one agency's rows, so a reader can keep it
    per region and compute it again only for the regions a commit changed."""
    memo = _MEMO.get()
    return memo.metrics(frames) if memo is not None else _typed_metrics(frames)


def _typed_metrics(frames: Frames) -> pl.DataFrame:
    m = peer_metrics(frames)
    names = m.get_column("agency").drop_nulls().unique()
    # typed once per agency name, not per row (the patterns are regular expressions)
    types = [agency_type(n) for n in names.to_list()]
    return m.with_columns(pl.col("agency").replace_strict(names, pl.Series(types, dtype=pl.String), default=None,
                                                          return_dtype=pl.String).alias("agency_type"))


def place_names(documents: pl.DataFrame, level: str = "province") -> dict[str, str]:
    """Peer-group place labels: province code (first two digits of region_code) → the first province name the
    documents print for it; `level="region"`: region_code → region."""
    if level not in ("province", "region"):
        raise ValueError(f"level must be 'province' or 'region', not {level!r}")
    if level == "region":
        return dict(documents.select("region_code", "region").unique("region_code").iter_rows())
    code = pl.col("region_code").str.slice(0, 2)
    named = documents.select(code.alias("_c"), "province").filter(
        pl.col("_c").is_not_null() & (pl.col("_c") != "") & pl.col("province").is_not_null()
        & (pl.col("province") != ""))
    return dict(named.unique("_c", keep="first", maintain_order=True).iter_rows())


def compare(typed: pl.DataFrame, names: dict[str, str], iqr_factor: float = 1.5, min_peers: int = 5,
            level: str = "province") -> pl.DataFrame:
    """`peer_comparison` from the lake's `typed_metrics` and `place_names` (see there)."""
    if level not in ("province", "region"):
        raise ValueError(f"level must be 'province' or 'region', not {level!r}")
    base = [c for c in typed.columns if c not in ("note", "agency_type")]
    schema: dict[str, Any] = {**{c: typed.schema[c] for c in base},
              "peer_group": pl.String, "peers": pl.Int64,
              "q1": pl.Float64, "median": pl.Float64, "q3": pl.Float64, "fence": pl.Float64, "outlier": pl.Boolean,
              "direction": pl.String, "agency_type": pl.String, "note": pl.String}
    if typed.is_empty():
        return pl.DataFrame(schema=schema)
    m = typed.with_columns(pl.col("region_code").str.slice(0, 2 if level == "province" else 6).alias("_province"))
    peers = ["_province", "agency_type", "year", "metric"]
    stats = m.group_by(peers).agg(
        pl.len().cast(pl.Int64).alias("peers"), pl.col("value").quantile(0.25, "linear").alias("q1"),
        pl.col("value").median().alias("median"), pl.col("value").quantile(0.75, "linear").alias("q3"))
    low = pl.col("metric").is_in(list(LOW_IS_ODD))
    spread = pl.max_horizontal(pl.col("q3") - pl.col("q1"), MIN_SPREAD * pl.col("median").abs())
    m = m.join(stats, on=peers).with_columns(
        pl.when(low).then(pl.col("q1") - iqr_factor * spread).otherwise(pl.col("q3") + iqr_factor * spread)
        .alias("fence"),
        pl.when(low).then(pl.lit("low")).otherwise(pl.lit("high")).alias("direction"),
        pl.format("{}·{}", pl.col("_province").replace_strict(names, default=pl.col("_province")),
                  "agency_type").alias("peer_group"))
    beyond = (pl.when(low).then(pl.col("value") < pl.col("fence") - 1e-9)
              .otherwise(pl.col("value") > pl.col("fence") + 1e-9))
    judged = (pl.col("peers") >= min_peers) & (spread > 0)
    m = m.with_columns(pl.when(judged).then(beyond).otherwise(None).alias("outlier"))
    return m.select(list(schema)).sort(["year", "metric", "peer_group", "value"], descending=[True, False, False, True])


def peer_comparison(frames: Frames, iqr_factor: float = 1.5, min_peers: int = 5,
                    level: str = "province") -> pl.DataFrame:
    """Per agency-year and metric: the value, its peer group's quartiles and fence, and whether it is an outlier.

    Peers: same province (first two digits of region_code; `level="region"`: the same region_code,
    e.g. one city's agencies) × agency type (`agency_type`: name patterns of
    fiscal/data/agency_types.csv) × year × metric. fence = Q3 + iqr_factor × spread (for exec_rate_mean, where low is
    odd: Q1 − iqr_factor × spread; `direction` says which), spread = max(IQR, MIN_SPREAD × |median|). outlier is null
    when the group has fewer than min_peers agency-years or no spread. Quartiles are linear-interpolated.
    """
    if level not in ("province", "region"):
        raise ValueError(f"level must be 'province' or 'region', not {level!r}")
    return compare(typed_metrics(frames), place_names(frames.documents, level), iqr_factor, min_peers, level)


def peer_firing_rates(comparison: pl.DataFrame) -> pl.DataFrame:
    """Per metric of a `peer_comparison`: agency-years compared (outlier not null), outliers, rate, noisy
    (rate > 0.5: a fence most agencies cross says more about the fence than about them)."""
    judged = comparison.filter(pl.col("outlier").is_not_null())
    out = judged.group_by("metric").agg(pl.len().cast(pl.Int64).alias("compared"),
                                        pl.col("outlier").sum().cast(pl.Int64).alias("outliers"))
    out = pl.DataFrame({"metric": list(PEER_METRICS)}).join(out, on="metric", how="left").with_columns(
        pl.col("compared").fill_null(0), pl.col("outliers").fill_null(0))
    rate = pl.when(pl.col("compared") > 0).then(pl.col("outliers") / pl.col("compared"))
    return out.with_columns(rate.alias("rate")).with_columns((pl.col("rate") > 0.5).alias("noisy"))


# ---------------------------------------------------------------- the peer rule's groups, followed incrementally


def peer_groups(frames: Frames) -> pl.DataFrame:
    """agency_id → each peer group (province × agency type) its rows are compared in (`compare`): what the
    incremental flag cache (fiscal.rules.incremental) re-evaluates the peer rule by."""
    typed: pl.DataFrame = typed_metrics(frames)
    return typed.select("agency_id", pl.concat_str(pl.col("region_code").fill_null("").str.slice(0, 2),
                                                   pl.col("agency_type").fill_null(""), separator="\x1f")
                        .alias("_g")).unique()


def of_agencies(frames: Frames, agencies: list[str] | pl.Series) -> Frames:
    """The rows the peer metrics read (TYPED_READS) of the given agencies; the other datasets empty."""
    ids = agencies.implode() if isinstance(agencies, pl.Series) else pl.Series(agencies, dtype=pl.String).implode()
    return Frames(**{name: df.clear() if name not in TYPED_READS else
                     df.filter(pl.col("agency_id").is_in(ids)) if "agency_id" in df.columns else df
                     for name, df in vars(frames).items()})


def regrouped(before: pl.DataFrame, frames: Frames, dirty: list[str]) -> pl.DataFrame:
    """`peer_groups(frames)` from the last run's: an agency's groups are a function of its own rows (the lake's
    metrics cost seconds at 100,000 documents)."""
    fresh = peer_groups(of_agencies(frames, dirty))
    return pl.concat([before.filter(~pl.col("agency_id").is_in(dirty)), fresh.select(before.columns)])


def closure_frames(frames: Frames, agencies: pl.Series, changed: Frames, memo: RegionMemo) -> Frames:
    """`of_agencies(frames, agencies)` as the peer rule needs it under `remembering(memo)`: the agencies' documents
    and, when every agency whose metrics `memo` lacks has its rows in `changed` (`of_agencies` of the changed
    agencies), those rows instead of filtering the lake's again (the others' metrics are remembered)."""
    docs = frames.documents.filter(pl.col("agency_id").is_in(agencies.implode()))
    have = set(changed.documents.get_column("agency_id").fill_null("").to_list())
    if not set(memo.stale(docs)) <= have:
        return of_agencies(frames, agencies)
    return Frames(**{name: docs if name == "documents" else df for name, df in vars(changed).items()})


def peer_closure(now: pl.DataFrame, before: pl.DataFrame, dirty: list[str]) -> pl.Series:
    """The agencies whose peer-group flags may change: every member of a group a changed agency is (or was) in,
    and, transitively, of the other groups of those members (an agency's rows in a group outside the set
    would be compared with part of that group)."""
    groups = set(now.filter(pl.col("agency_id").is_in(dirty)).get_column("_g").to_list()) | set(
        before.filter(pl.col("agency_id").is_in(dirty)).get_column("_g").to_list())
    while True:
        agencies = now.filter(pl.col("_g").is_in(sorted(groups))).get_column("agency_id").unique()
        more = set(now.filter(pl.col("agency_id").is_in(agencies.implode())).get_column("_g").to_list())
        if more <= groups:
            return pl.concat([agencies, pl.Series("agency_id", dirty, dtype=pl.String)]).unique()
        groups |= more
