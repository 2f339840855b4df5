"""The anomaly flags of the lake (fiscal.rules), kept incrementally, and the selection's share."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import filters, snapshot
from fiscal.filters import Filters
from fiscal.read.cache import by_region, memo
from fiscal.read.findings import annotate
from fiscal.read.lake import FRAME_NAMES, selected_documents, slim_frames
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
            cache = _flag_caches[key] = FlagCache.load(snapshot.cache_dir(Path(key)) / "flags.parquet")
        return cache


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
    light = [r for r in changed if catalog[r].scope == "lake" or
             (catalog[r].reads and set(catalog[r].reads) <= RESIDENT)]
    heavy = [r for r in changed if r not in light]
    out = [rules.evaluate(_whole(lake), changed, rules=light)] if light else []
    if heavy:  # rules reading detail rows: the lake is read a slice at a time
        from fiscal.rules.incremental import chunks

        keys = snapshot.of(lake).table("documents").select("agency_id", "year").unique()
        out += [rules.evaluate(_load(lake, chunk), changed, rules=heavy) for chunk in chunks(keys)]
    return pl.concat(out) if out else pl.DataFrame(schema=rules.FLAG_SCHEMA)


def all_flags(lake: Path, params: Thresholds | Mapping[str, Mapping[str, float]] | None = None) -> pl.DataFrame:
    """Every flag of the whole lake under the given thresholds (rules compare across agencies and years),
    tagged with its finding (fiscal.read.findings.annotate); once per lake version and thresholds.

    Default thresholds come from the incremental cache (only agency-years whose documents
    changed are read and recomputed); a rule whose thresholds the reader changed is rerun whole.
    """
    lake = Path(lake)
    thresholds = Thresholds.of(params)
    return memo(lake, f"all_flags:{','.join(thresholds.as_strings())}", lambda: _all_flags(lake, thresholds))


def _all_flags(lake: Path, thresholds: Thresholds) -> pl.DataFrame:
    from fiscal.rules.incremental import sort_flags

    changed = {rule: thresholds.params(rule) for rule in thresholds.changed()}
    if changed:
        # the default flags, minus the rules whose thresholds changed, plus those rules rerun: a flag's tags
        # depend on it alone (findings.annotate), so only the rerun flags are tagged
        default = all_flags(lake)
        docs = snapshot.read(lake, "documents").select("doc_id", "synthetic", "doc_kind")
        rerun = annotate(_rerun(lake, changed), docs)
        kept = default.filter(~pl.col("rule").is_in(list(changed)))
        return sort_flags(pl.concat([kept, rerun.select(kept.columns)]))
    cache = flag_cache(lake)
    flags: pl.DataFrame = cache.update_from(snapshot.read(lake, "documents"), lambda keys: _load(lake, keys),
                                            lambda: _whole(lake))
    if cache.recomputed >= SAVE_FLAGS_AFTER:
        cache.save(snapshot.cache_dir(lake) / "flags.parquet")
    # tagged per region: after a commit only the regions whose flags changed are tagged again
    docs = snapshot.read(lake, "documents").select("region_code", "doc_id", "synthetic", "doc_kind")
    tagged = by_region(lake, "tagged_flags").update([flags, docs], lambda parts: annotate(parts[0], parts[1]))
    return sort_flags(tagged)


def select_flags(lake: Path, f: Filters, flags: pl.DataFrame) -> pl.DataFrame:
    """The flags inside the selection (partition columns, and doc kind through the flag's document)."""
    if flags.is_empty():
        return flags
    out = flags.lazy().filter(filters.predicate(f, flags.columns)).collect()
    # the same finding from two copies of one disclosure (e.g. the same report in two layouts) is listed once
    same = [c for c in ("rule", "agency_id", "year", "project", "message") if c in out.columns]
    if same:
        out = out.unique(subset=same, keep="first", maintain_order=True)
    if f.kinds and "doc_id" in out.columns:
        kinds = selected_documents(lake, f).select("doc_id")
        out = out.filter(pl.col("doc_id").is_null() | pl.col("doc_id").is_in(kinds.get_column("doc_id").to_list()))
    return out
