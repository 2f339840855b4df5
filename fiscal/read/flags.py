"""The anomaly flags of the lake (fiscal.rules), kept incrementally, and the selection's share."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import filters, snapshot
from fiscal.filters import Filters
from fiscal.read.cache import memo
from fiscal.read.findings import annotate
from fiscal.read.lake import FRAME_NAMES, selected_documents, slim_frames
from fiscal.read.lakefindings import keep_selection, register_selection, register_variant, register_whole, selection_of
from fiscal.reductions import RESIDENT
from fiscal.rules.engine import Frames
from fiscal.rules.precedence import PRECEDENCE, fold_pages, folding, may_fold
from fiscal.schema import empty
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
    with _flag_guard:
        cache = _writers.get(key)
        if cache is None:
            cache = _writers[key] = FlagCache.load(_flags_dir(lake).with_suffix(".parquet"))

    def current() -> tuple[pl.DataFrame, Callable[[pl.DataFrame], pl.DataFrame]]:
        docs = snapshot.read(lake, "documents")
        return docs, _tagger(docs)

    # the writers' lock only to number and publish the increment (the whole run held it 7-22 s at 100,000 documents)
    # the lake rules' flags too, saved for readers (after the increment is published, outside the lock)
    done: int = cache.write_increment(_flags_dir(lake), current, lambda keys: _load(lake, keys),
                                      lock=lambda: store.lock(lake), whole=lambda: _whole(lake))
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


def _resident(lake: Path, datasets: set[str]) -> Frames:
    """The whole lake's documents and the resident `datasets` (as stored), the others empty: what a rule reading
    only those needs (not the lake-wide views' reductions of the prose, indicators and statuses, ~1.5 GB at
    100,000 documents, which a reader that shows no lake-wide view never loads)."""
    snap = snapshot.of(lake)
    return Frames(**{name: snap.table(name) if name == "documents" or name in datasets else empty(name)
                     for name in FRAME_NAMES})


def _rerun(lake: Path, changed: dict[str, dict[str, float]]) -> pl.DataFrame:
    """The flags of rules whose thresholds the reader changed, over the whole lake."""
    rules = rules_module()
    catalog = rules.RULES
    resident = [r for r in changed if catalog[r].scope in ("agency_year", "agency") and catalog[r].reads and
                set(catalog[r].reads) <= RESIDENT]
    compared = [r for r in changed if catalog[r].scope in ("province", "lake")]
    heavy = [r for r in changed if r not in resident and r not in compared]
    out = []
    if resident:  # the tables they read, whole: no reduction of the large tables loaded for them
        out.append(rules.evaluate(_resident(lake, {d for r in resident for d in catalog[r].reads}), changed,
                                  rules=resident))
    if compared:
        with flag_cache(lake).remembering():  # the peer metrics do not depend on thresholds
            out.append(rules.evaluate(_whole(lake), changed, rules=compared))
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
    """What the flag cache adds to fresh flags: their finding tags, each finding once per agency, and one finding
    per misprint (fiscal.rules.precedence.fold_pages: the flags of one document come in one batch, so the lake's
    flags are folded a batch at a time, by the writer that evaluated them)."""
    docs = documents.select("doc_id", "synthetic", "doc_kind")
    return lambda flags: fold_pages(_once(annotate(flags, docs)))


def moved_rules(thresholds: Thresholds) -> list[str]:
    """The rules whose flags the thresholds can move from the defaults': those changed, and every rule that folds
    (fiscal.rules.precedence.PRECEDENCE) when one of them does (their flags fold with its)."""
    changed = list(thresholds.changed())
    return changed + [r for r in PRECEDENCE if r not in changed] if set(changed) & set(PRECEDENCE) else changed


def changed_flags(lake: Path, thresholds: Thresholds) -> pl.DataFrame:
    """The flags of `moved_rules` under the thresholds, tagged and folded (once per lake version and thresholds):
    all a changed threshold moves (rates, findings) is in them; the other rules' flags are the defaults'."""
    if set(thresholds.changed()) & set(PRECEDENCE):
        key = ",".join(thresholds.as_strings())
        return memo(lake, f"changed_flags:{key}", lambda: all_flags(lake, thresholds).filter(
            pl.col("rule").is_in(moved_rules(thresholds))))
    return _rerun_flags(lake, thresholds)


def _rerun_flags(lake: Path, thresholds: Thresholds) -> pl.DataFrame:
    """The flags of the rules whose thresholds differ from the defaults, rerun under them over the whole lake and
    tagged, not folded (the rules ran alone)."""
    changed = {rule: thresholds.params(rule) for rule in thresholds.changed()}
    key = ",".join(thresholds.as_strings())

    def compute() -> pl.DataFrame:
        docs = snapshot.read(lake, "documents").select("doc_id", "synthetic", "doc_kind")
        known = _flags_of(all_flags(lake), list(changed))  # the same flags keep their tags
        return _once(annotate(_rerun(lake, changed), docs, known))

    return memo(lake, f"rerun_flags:{key}", compute)


def _all_flags(lake: Path, thresholds: Thresholds) -> pl.DataFrame:
    tag = _tagger(snapshot.read(lake, "documents"))
    changed = {rule: thresholds.params(rule) for rule in thresholds.changed()}
    if changed:
        default = all_flags(lake)
        fresh = _rerun_flags(lake, thresholds)
        if not set(changed) & set(PRECEDENCE):  # the rerun rules' flags neither fold nor are folded into
            kept = default.filter(~pl.col("rule").is_in(list(changed)))
            return register_variant(pl.concat([kept, fresh.select(default.columns)]), default,
                                    _flags_of(default, list(changed)), fresh)
        return _refolded(lake, default, fresh, changed, tag)
    cache = flag_cache(lake)
    cache.sync(_flags_dir(lake), tag=tag)  # what writers evaluated after their commits
    flags: pl.DataFrame = cache.update_from(snapshot.read(lake, "documents"), lambda keys: _load(lake, keys),
                                            lambda: _whole(lake), tag=tag, ordered=False)
    if cache.recomputed >= SAVE_FLAGS_AFTER:
        cache.save(_flags_dir(lake).with_suffix(".parquet"))
    return flags


# The default flags of some rules, by the default frame's identity: a changed threshold's rerun tags its flags from
# theirs and its variant drops them (one pass over the lake's flags, not two). Weak, and only these (small) rows.
_RULE_FLAGS: dict[tuple[int, tuple[str, ...]], tuple[weakref.ref[pl.DataFrame], pl.DataFrame]] = {}


def _flags_of(flags: pl.DataFrame, rules: list[str]) -> pl.DataFrame:
    """The flags of `rules` among `flags`."""
    key = (id(flags), tuple(sorted(rules)))
    got = _RULE_FLAGS.get(key)
    if got is not None and got[0]() is flags:
        return got[1]
    out = flags.filter(pl.col("rule").is_in(rules))
    for old in [k for k, (ref, _) in _RULE_FLAGS.items() if ref() is None]:
        del _RULE_FLAGS[old]
    if len(_RULE_FLAGS) >= 8:
        del _RULE_FLAGS[next(iter(_RULE_FLAGS))]
    _RULE_FLAGS[key] = (weakref.ref(flags), out)
    return out


def _refolded(lake: Path, default: pl.DataFrame, fresh: pl.DataFrame, changed: dict[str, dict[str, float]],
              tag: Callable[[pl.DataFrame], pl.DataFrame]) -> pl.DataFrame:
    """The default flags with the rules in `changed` rerun, when one of them folds (fiscal.rules.precedence): the
    agencies with a flag of theirs that may fold, before or after, are evaluated again whole under the thresholds
    and folded as the flag cache folds; elsewhere their flags are the rerun's (they fold with nothing there)."""
    rules = rules_module()
    mine = pl.col("rule").is_in(list(changed))
    ids = refold_agencies(default, fresh, list(changed))
    local = [r.id for r in rules.RULES.values() if r.scope in ("agency_year", "agency")]
    again = _agency_in(ids) & pl.col("rule").is_in(local)  # every local flag of those agencies
    keys = snapshot.of(lake).table("documents").filter(_agency_in(ids)).select(
        "agency_id", "year").unique()
    from fiscal.rules.incremental import chunks

    evaluated = [rules.evaluate(_load(lake, chunk), changed, rules=local) for chunk in chunks(keys)] if keys.height \
        else []
    redone = tag(pl.concat(evaluated)) if evaluated else default.clear()
    removed = default.filter(mine | again)
    added = pl.concat([fresh.filter(~(_agency_in(ids) & pl.col("rule").is_in(local))),
                       redone.select(default.columns)], how="vertical_relaxed")
    flags = pl.concat([default.filter(~(mine | again)), added.select(default.columns)], how="vertical_relaxed")
    return register_variant(flags, default, removed, added)


def refold_agencies(default: pl.DataFrame, fresh: pl.DataFrame, rules: list[str]) -> pl.Series:
    """The agencies whose folded flags `rules` rerun (`fresh`, unfolded) can change from the `default` (folded):
    before, a flag of theirs folded with another or a root holding one (its evidence names them); after, a flag of
    theirs that may fold on a page with another (of theirs, or of another rule in the default)."""
    mine = pl.col("rule").is_in(rules)
    hit = pl.lit(False)
    for rule in rules:
        hit = hit | pl.col("evidence").fill_null("").str.contains(f'"rule": "{rule}"', literal=True)
    was = default.filter((mine & folding(default)) | hit) if default.height else default
    page = ["doc_id", "page"]
    now = fresh.filter(may_fold(fresh.columns)) if fresh.height else fresh
    if now.height:
        others = default.filter(may_fold(default.columns) & ~mine).select(page).unique() if default.height else \
            now.clear().select(page)
        now = pl.concat([now.filter(pl.len().over(page) >= 2), now.join(others, on=page, how="semi")])
    return pl.concat([was.select("agency_id"), now.select("agency_id")]).get_column("agency_id").unique()


def _agency_in(ids: pl.Series) -> pl.Expr:
    """True for the rows whose agency_id is one of `ids` (nulls equal)."""
    col = pl.col("agency_id")
    hit = col.is_in(ids.drop_nulls().implode()).fill_null(False)
    return hit | col.is_null() if ids.has_nulls() else hit


def select_flags(lake: Path, f: Filters, flags: pl.DataFrame) -> pl.DataFrame:
    """The flags inside the selection (partition columns, and doc kind through the flag's document); the same frame
    for the same selection of the same flags (every page run selects again; its findings are kept by identity)."""
    if flags.is_empty() or f.is_empty():
        return flags
    if f.kinds:  # through the documents of the lake's version
        return _select(lake, f, flags)
    got = selection_of(flags, f.key())
    return got if got is not None else keep_selection(flags, f.key(), _select(lake, f, flags))


def _select(lake: Path, f: Filters, flags: pl.DataFrame) -> pl.DataFrame:
    out = flags.lazy().filter(filters.predicate(f, flags.columns)).collect()
    if f.kinds and "doc_id" in out.columns:
        kinds = selected_documents(lake, f).select("doc_id")
        out = out.filter(pl.col("doc_id").is_null() | pl.col("doc_id").is_in(kinds.get_column("doc_id").to_list()))
    return register_selection(out, flags, f)  # its findings are then the lake's inside the selection
