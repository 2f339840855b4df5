"""The anomaly flags of the lake (fiscal.rules), kept incrementally, and the selection's share."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import filters, snapshot
from fiscal.filters import Filters
from fiscal.read.cache import memo
from fiscal.read.findings import annotate
from fiscal.read.lake import FRAME_NAMES, selected_documents, slim_frames
from fiscal.read.lakefindings import register_selection, register_variant, register_whole
from fiscal.reductions import RESIDENT
from fiscal.rules.engine import Frames
from fiscal.thresholds import Thresholds

# ---------------------------------------------------------------- flags (fiscal/rules.py)


class RulesUnavailable(RuntimeError):
    """The rule engine (fiscal.rules) is not installed yet."""


def rules_module() -> Any:
    """fiscal.rules, or RulesUnavailable."""
    try:
        from fiscal import rules
    except ImportError as exc:
        raise RulesUnavailable(str(exc)) from exc
    return rules


def rule_catalog() -> list[dict[str, Any]]:
    """The rules: id, default severity, description and default thresholds (parameter → value)."""
    rules = rules_module()
    catalog = getattr(rules, "RULES", {})
    return [{"rule": r.id, "severity": r.severity, "description": r.description, "params": dict(r.params)}
            for r in catalog.values()]


def rule_params() -> dict[str, dict[str, float]]:
    """The default thresholds of the rules that have any: rule id → parameter → value."""
    return {r["rule"]: r["params"] for r in rule_catalog() if r["params"]}


# Save the incremental flags to <lake>/_cache/ after an update that recomputed this many agency-years.
SAVE_FLAGS_AFTER = 50
_flag_caches: dict[str, Any] = {}
_flag_guard = threading.Lock()


def flag_cache(lake: Path) -> Any:
    """The process's incremental flag cache of a lake (fiscal.rules.incremental), loaded from disk once."""
    from fiscal.rules.incremental import FlagCache

    key = str(Path(lake).resolve())
    with _flag_guard:
        cache = _flag_caches.get(key)
        if cache is None:
            cache = _flag_caches[key] = FlagCache.load(_flags_dir(Path(key)).with_suffix(".parquet"))
        return cache


def _flags_dir(lake: Path) -> Path:
    """Where the writer's flag increments live (fiscal.rules.incremental); the folded file is `flags.parquet`."""
    return snapshot.cache_dir(lake) / "flags"


_writers: dict[str, Any] = {}


def write_increment(lake: Path) -> int:
    """Writer side, right after a commit: evaluate the agencies whose documents changed and write their flags
    as an increment readers apply, so no reader evaluates them (ingest.batch and the bench's grower call it).
    Agency-years evaluated."""
    from fiscal import store
    from fiscal.rules.incremental import FlagCache

    key = str(Path(lake).resolve())
    # the files this reads for the changed agencies are all the commit added: the writer's snapshot writes what it
    # read as commit digests (fiscal.snapdigest), so readers apply the commit without opening them
    snapshot.of(lake).write_digests = True
    with store.lock(lake):
        cache = _writers.get(key)
        if cache is None:
            cache = _writers[key] = FlagCache.load(_flags_dir(lake).with_suffix(".parquet"))
        docs = snapshot.read(lake, "documents")
        done: int = cache.write_increment(_flags_dir(lake), docs, lambda keys: _load(lake, keys),
                                          tag=_tagger(docs))
    return done


def _load(lake: Path, keys: pl.DataFrame) -> Frames:
    """Every dataset's rows (as stored) of the given agency-years: resident tables filtered, the rest read."""
    snap = snapshot.of(lake)
    docs = snap.table("documents").join(keys.select("agency_id", "year"), on=["agency_id", "year"], how="semi")
    ids = docs.get_column("doc_id").to_list()
    return Frames(**{name: docs if name == "documents" else snap.rows_of_docs(name, ids) for name in FRAME_NAMES})


def _whole(lake: Path) -> Frames:
    """The whole lake as the `lake` rules and rules reading only resident tables need it (as stored)."""
    return slim_frames(lake, link=False)


def _rerun(lake: Path, changed: dict[str, dict[str, float]]) -> pl.DataFrame:
    """The flags of rules whose thresholds the reader changed, over the whole lake."""
    rules = rules_module()
    catalog = rules.RULES
    light = [r for r in changed if catalog[r].scope in ("province", "lake") or
             (catalog[r].reads and set(catalog[r].reads) <= RESIDENT)]
    heavy = [r for r in changed if r not in light]
    out = []
    if light:
        with flag_cache(lake).remembering():  # the peer metrics do not depend on thresholds
            out.append(rules.evaluate(_whole(lake), changed, rules=light))
    if heavy:  # rules reading detail rows: the lake is read a slice at a time
        from fiscal.rules.incremental import chunks

        keys = snapshot.of(lake).table("documents").select("agency_id", "year").unique()
        out += [rules.evaluate(_load(lake, chunk), changed, rules=heavy) for chunk in chunks(keys)]
    return pl.concat(out) if out else pl.DataFrame(schema=rules.FLAG_SCHEMA)


def all_flags(lake: Path, params: Thresholds | Mapping[str, Mapping[str, float]] | None = None) -> pl.DataFrame:
    """Every flag of the whole lake under the given thresholds (rules compare across agencies and years),
    tagged with its finding (fiscal.read.findings.annotate), the same finding from two copies of one
    disclosure once; in no particular order (`fiscal.rules.incremental.sort_flags` orders a selection);
    computed once per lake version and thresholds.

    Default thresholds come from the writer's increments and the incremental cache (only agency-years
    whose documents changed since are read and recomputed); a rule whose thresholds the reader changed
    is rerun whole and takes the place of its default flags.
    """
    lake = Path(lake)
    thresholds = Thresholds.of(params)
    key = ",".join(thresholds.as_strings())
    return register_whole(memo(lake, f"all_flags:{key}", lambda: _all_flags(lake, thresholds)), lake, key)


# The same finding from two copies of one disclosure (e.g. the same report in two layouts) is listed once;
# copies share their agency, so flags evaluated an agency at a time are made unique as they come.
SAME_FINDING: list[str] = ["rule", "agency_id", "year", "project", "message"]


def _once(flags: pl.DataFrame) -> pl.DataFrame:
    return flags.unique(subset=SAME_FINDING, keep="first", maintain_order=True) if flags.height else flags


def _tagger(documents: pl.DataFrame) -> Callable[[pl.DataFrame], pl.DataFrame]:
    """What the flag cache adds to fresh flags: their finding tags, each finding once per agency."""
    docs = documents.select("doc_id", "synthetic", "doc_kind")
    return lambda flags: _once(annotate(flags, docs))


def changed_flags(lake: Path, thresholds: Thresholds) -> pl.DataFrame:
    """The flags of the rules whose thresholds differ from the defaults, rerun under them over the whole lake and
    tagged (once per lake version and thresholds): all a changed threshold moves (rates, findings) is in them."""
    changed = {rule: thresholds.params(rule) for rule in thresholds.changed()}
    key = ",".join(thresholds.as_strings())

    def compute() -> pl.DataFrame:
        docs = snapshot.read(lake, "documents").select("doc_id", "synthetic", "doc_kind")
        known = all_flags(lake).filter(pl.col("rule").is_in(list(changed)))  # the same flags keep their tags
        return _once(annotate(_rerun(lake, changed), docs, known))

    return memo(lake, f"changed_flags:{key}", compute)


def _all_flags(lake: Path, thresholds: Thresholds) -> pl.DataFrame:
    tag = _tagger(snapshot.read(lake, "documents"))
    changed = {rule: thresholds.params(rule) for rule in thresholds.changed()}
    if changed:
        default = all_flags(lake)
        fresh = changed_flags(lake, thresholds)
        kept = default.filter(~pl.col("rule").is_in(list(changed)))
        return register_variant(pl.concat([kept, fresh.select(kept.columns)]), default, tuple(changed), fresh)
    cache = flag_cache(lake)
    cache.sync(_flags_dir(lake), tag=tag)  # what writers evaluated after their commits
    flags: pl.DataFrame = cache.update_from(snapshot.read(lake, "documents"), lambda keys: _load(lake, keys),
                                            lambda: _whole(lake), tag=tag, ordered=False)
    if cache.recomputed >= SAVE_FLAGS_AFTER:
        cache.save(_flags_dir(lake).with_suffix(".parquet"))
    return flags


def select_flags(lake: Path, f: Filters, flags: pl.DataFrame) -> pl.DataFrame:
    """The flags inside the selection (partition columns, and doc kind through the flag's document)."""
    if flags.is_empty() or f.is_empty():
        return flags
    out = flags.lazy().filter(filters.predicate(f, flags.columns)).collect()
    if f.kinds and "doc_id" in out.columns:
        kinds = selected_documents(lake, f).select("doc_id")
        out = out.filter(pl.col("doc_id").is_null() | pl.col("doc_id").is_in(kinds.get_column("doc_id").to_list()))
    return register_selection(out, flags, f)  # its findings are then the lake's inside the selection
