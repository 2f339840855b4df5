"""Scores over the lake's frames, for ranking agencies and judging the flags (issue 7).

Pure functions over `fiscal.rules.Frames` (no Streamlit): amounts in 万元, rates as fractions.

- `inflation_index`: how generously an agency-year scores its own projects (绩效自评).
- `disclosure_quality` (fiscal/quality.py, re-exported): one number per 决算/预算 (agency-year-kind).
- `peer_comparison`: each agency-year's metrics against its peers (same province × agency
  type × year) with quartiles and the IQR fence; the `peer_outlier` rule flags its outliers.
- `rule_firing_rates`: per rule, the share of agency-years it flags among those it checked.
"""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from fiscal.peers import peer_comparison
from fiscal.quality import QUALITY_WEIGHTS, disclosure_quality
from fiscal.rules.engine import RULES, SEVERITY_RANK, Frames
from fiscal.rules.labels import NARRATIVE_LABELS
from fiscal.rules.lookups import exec_rate
from fiscal.thresholds import DEFAULT, Thresholds, full_score_at_low_execution

__all__ = ["QUALITY_WEIGHTS", "checked_sets", "disclosure_quality", "inflation_index", "peer_comparison",
           "rule_firing_rates"]

AGENCY_KEYS: list[str] = ["region_code", "region", "agency_id", "agency", "year"]

# ---------------------------------------------------------------- self-scoring inflation
# Weights of the inflation index's terms (each 0–1, higher = more inflated).
INFLATION_WEIGHTS: dict[str, float] = {
    "full_weight_share": 0.4,  # share of indicators scored at their full weight
    "tight_spread": 0.2,  # 1 − min(std of project total scores / SPREAD_SCALE, 1)
    "decoupled": 0.2,  # (1 − r) / 2, r = Pearson(total_score, exec_rate)
    "low_exec_full": 0.2,  # share of projects below Thresholds.low_execution scored full execution points
}
SPREAD_SCALE = 10.0  # points: a std of total scores of 10 or more carries no inflation signal

def _scope_order(frames: Frames) -> pl.DataFrame:
    """doc_id → sort key: department scope first, then the latest ingested."""
    return frames.documents.select(
        "doc_id", (pl.col("scope") != "department").cast(pl.Int8).fill_null(1).alias("_unit"),
        pl.col("ingested_at"))


def _projects_once(frames: Frames) -> pl.DataFrame:
    """Every self-evaluated project of an agency-year once: a project printed with the same name (or code),
    budget, execution and score in two PDFs of the agency-year (a 决算 with its attachment and a separate
    report) counts once; two projects of one name with different figures both count."""
    p = frames.projects.with_columns(exec_rate().alias("_rate"))
    p = p.join(_scope_order(frames), on="doc_id", how="left").with_columns(
        pl.coalesce(pl.col("project_code"), pl.col("project").str.replace_all(r"\s", "")).alias("_pkey"))
    same = ["agency_id", "year", "_pkey", "budget_full_year", "executed", "total_score"]
    return (p.sort(["_unit", "ingested_at", "doc_id", "page"], descending=[False, True, False, False], nulls_last=True)
            .unique(same, keep="first", maintain_order=True))


def inflation_index(frames: Frames, thresholds: Thresholds = DEFAULT, indicator_terms: pl.DataFrame | None = None
                    ) -> pl.DataFrame:
    """One row per agency-year with self-evaluated projects, most inflated first.

    Terms (each 0–1, higher = more inflated), averaged with `INFLATION_WEIGHTS` over the terms
    that can be computed (weights renormalised), × 100:

    - full_weight_share (0.4): indicators with score ≥ weight − the full tolerance of indicator_unmet_full_score
      (the rule's one threshold for "full marks" of an indicator), of indicators with a weight;
    - tight spread (0.2): 1 − min(score_spread / 10, 1), score_spread = std of project total scores
      (needs ≥ 2 projects);
    - decoupled (0.2): (1 − r) / 2 with r = score_exec_corr, Pearson of total_score vs exec_rate
      (null with < 3 projects or zero variance): scores that do not follow execution;
    - low-execution full marks (0.2): low_exec_full_score / projects with an execution score, where
      low_exec_full_score counts projects with exec_rate < thresholds.low_execution (full_score_low_execution
      low_rate) scored their full execution weight.

    index = 100 × Σ wᵢ·termᵢ / Σ wᵢ (available terms). rank: 1 = most inflated within its year.
    `indicator_terms`: per agency_id and year, `indicators` and `full_weight_share` as an earlier call over the same
    rows gave them (frames.indicators is then not read: a threshold of the projects' terms leaves them as they were).
    """
    cols: dict[str, Any] = {**{k: frames.projects.schema[k] for k in AGENCY_KEYS}, "projects": pl.Int64,
            "indicators": pl.Int64, "full_weight_share": pl.Float64, "score_spread": pl.Float64,
            "score_exec_corr": pl.Float64, "low_exec_full_score": pl.Int64, "mean_score": pl.Float64,
            "mean_exec_rate": pl.Float64, "index": pl.Float64, "rank": pl.Int64, "doc_ids": pl.List(pl.String)}
    projects = _projects_once(frames)
    if projects.is_empty():
        return pl.DataFrame(schema=cols)
    ind_agg = _indicator_terms(frames, projects, thresholds) if indicator_terms is None else indicator_terms.select(
        "agency_id", "year", "indicators", "full_weight_share")
    proj = projects.with_columns(
        full_score_at_low_execution(thresholds, rate="_rate").alias("_low_full"),
        (pl.col("exec_weight") > 0).fill_null(False).alias("_has_exec"))
    # Pearson r of total_score vs execution rate over the projects with both figures (null with < 3 or zero
    # variance), per agency-year in the frame, not a Python loop: a changed threshold recomputes every one
    valid = (pl.col("total_score").is_not_null() & pl.col("_rate").is_not_null()
             & pl.col("total_score").is_not_nan() & pl.col("_rate").is_not_nan())
    x, y = pl.col("total_score").filter(valid), pl.col("_rate").filter(valid)
    agg = proj.group_by("region_code", "agency_id", "year").agg(
        pl.col("region").first(), pl.col("agency").first(), pl.len().alias("projects"),
        pl.col("total_score").std().alias("score_spread"),
        pl.col("_low_full").sum().cast(pl.Int64).alias("low_exec_full_score"),
        pl.col("_has_exec").sum().alias("_with_exec"), pl.col("total_score").mean().alias("mean_score"),
        pl.col("_rate").mean().alias("mean_exec_rate"), valid.sum().alias("_n"),
        ((x - x.mean()) ** 2).sum().alias("_sxx"), ((y - y.mean()) ** 2).sum().alias("_syy"),
        ((x - x.mean()) * (y - y.mean())).sum().alias("_sxy"),
        pl.col("doc_id").unique().sort().alias("doc_ids"))
    agg = agg.join(ind_agg, on=["agency_id", "year"], how="left")
    spread = pl.when(pl.col("score_spread").is_not_nan()).then(pl.col("score_spread"))
    corr = pl.when((pl.col("_n") >= 3) & (pl.col("_sxx") >= 1e-12) & (pl.col("_syy") >= 1e-12)).then(
        pl.col("_sxy") / (pl.col("_sxx") * pl.col("_syy")).sqrt())
    terms = {
        "full_weight_share": pl.col("full_weight_share"),
        "tight_spread": 1 - pl.min_horizontal(pl.col("score_spread") / SPREAD_SCALE, pl.lit(1.0)),
        "decoupled": (1 - pl.col("score_exec_corr")) / 2,
        "low_exec_full": pl.when(pl.col("_with_exec") > 0).then(pl.col("low_exec_full_score") / pl.col("_with_exec")),
    }
    weighted = pl.sum_horizontal([(v * INFLATION_WEIGHTS[k]).fill_null(0.0) for k, v in terms.items()])
    weights = pl.sum_horizontal([pl.when(v.is_not_null()).then(INFLATION_WEIGHTS[k]).otherwise(0.0)
                                 for k, v in terms.items()])
    out = agg.with_columns(spread.alias("score_spread"), corr.alias("score_exec_corr")).with_columns(
        pl.when(weights > 0).then(100 * weighted / weights).alias("index"),
        pl.col("indicators").fill_null(0).cast(pl.Int64), pl.lit(None, dtype=pl.Int64).alias("rank"))
    # rounded as Python rounds (half to even on the binary value), like the index always was
    out = out.with_columns(pl.Series("index", [None if v is None else round(v, 2) for v in out["index"].to_list()],
                                     dtype=pl.Float64)).select([pl.col(c).cast(t) for c, t in cols.items()])
    out = out.with_columns(pl.col("index").rank("min", descending=True).over("year").cast(pl.Int64).alias("rank"))
    return out.sort(["index", "year", "agency"], descending=[True, True, False], nulls_last=True)


def _indicator_terms(frames: Frames, projects: pl.DataFrame, thresholds: Thresholds) -> pl.DataFrame:
    """Per agency-year, its projects' indicators with a weight and the share of them scored full marks."""
    ind = frames.indicators.join(projects.select("doc_id", "project"), on=["doc_id", "project"], how="semi")
    ind = ind.filter(pl.col("weight") > 0, pl.col("score").is_not_null()).with_columns(
        (pl.col("score") >= pl.col("weight") - thresholds.get("indicator_unmet_full_score", "full_tolerance"))
        .alias("_full"))
    return ind.join(frames.documents.select("doc_id", "agency_id", "year"), on="doc_id").group_by(
        "agency_id", "year").agg(pl.len().alias("indicators"), pl.col("_full").mean().alias("full_weight_share"))


# ---------------------------------------------------------------- how often each rule fires
_PROJECT_RULES = ("full_score_low_execution", "exec_rate_misreported", "exec_exceeds_budget",
                  "high_total_low_execution", "total_score_mismatch", "budget_adjusted_heavily")
_TABLE_RULES = ("totals_mismatch", "cross_table_mismatch", "code_name_mismatch")


def _agency_years(df: pl.DataFrame) -> pl.DataFrame:
    return df.select("agency_id", "year").drop_nulls().unique()


def _checked(frames: Frames, rule_id: str) -> pl.DataFrame:
    """The agency-years a rule could flag (it had its input)."""
    f = frames
    if rule_id in _PROJECT_RULES:
        return _agency_years(f.projects)
    if rule_id == "indicator_unmet_full_score":
        return _agency_years(f.indicators)
    if rule_id in ("sangong_sum_mismatch", "sangong_over_budget"):
        return _agency_years(f.sangong)
    if rule_id == "sangong_yoy_increase":
        s = _agency_years(f.sangong)
        prev = s.with_columns((pl.col("year") + 1).cast(pl.Int32))
        return s.join(prev, on=["agency_id", "year"], how="semi")
    if rule_id in _TABLE_RULES:
        return pl.concat([_agency_years(f.line_items), _agency_years(f.summary), _agency_years(f.economic_items),
                          _agency_years(f.sangong)]).unique()
    if rule_id in ("narrative_table_mismatch", "unit_mismatch"):
        return _agency_years(f.narrative.filter(pl.col("amount").is_not_null(),
                                                pl.col("key").is_in(list(NARRATIVE_LABELS))))
    if rule_id == "agency_name_inconsistent":
        return _agency_years(f.narrative.filter(pl.col("key").str.starts_with("agency_name_")))
    if rule_id == "missing_tables":
        return _agency_years(f.documents.filter(pl.col("doc_kind").is_in(["final_account", "budget"])))
    if rule_id == "budget_final_mismatch":
        budgets = _agency_years(f.documents.filter(pl.col("doc_kind") == "budget"))
        finals = _agency_years(f.documents.filter(pl.col("doc_kind") == "final_account"))
        same = finals.join(budgets, on=["agency_id", "year"], how="semi")
        following = budgets.join(budgets.with_columns((pl.col("year") + 1).cast(pl.Int32)),
                                 on=["agency_id", "year"], how="semi")
        return pl.concat([same, following]).unique()
    if rule_id == "peer_outlier":
        p = RULES[rule_id].params if rule_id in RULES else {}
        pc = peer_comparison(f, iqr_factor=float(p.get("iqr_factor", 1.5)), min_peers=int(p.get("min_peers", 5)))
        return _agency_years(pc.filter(pl.col("outlier").is_not_null()))
    return _agency_years(f.documents)


def checked_sets(frames: Frames, peers: pl.DataFrame | None = None) -> dict[str, pl.DataFrame]:
    """Per registered rule, the agency-years it could flag (they do not depend on thresholds); `peers`: the
    lake's peer comparison at the default thresholds when the caller has it already."""
    out = {rid: _checked(frames, rid).cast({"year": pl.Int32}) for rid in RULES if rid != "peer_outlier"}
    if "peer_outlier" in RULES:
        out["peer_outlier"] = (_agency_years(peers.filter(pl.col("outlier").is_not_null())) if peers is not None
                               else _checked(frames, "peer_outlier")).cast({"year": pl.Int32})
    return out


def checked_rules() -> list[str]:
    """The rules `checked_sets` answers for, in registry order."""
    return list(RULES)


def checked_rows(frames: Frames) -> pl.DataFrame:
    """`checked_sets` but peer_outlier's as one frame (rule, region_code, agency_id, year): each set is a function
    of one agency's rows, so a reader keeps it per region; the region is the agency's (from its documents)."""
    region = frames.documents.select("agency_id", pl.col("region_code").fill_null("")).unique("agency_id")
    parts = [_checked(frames, rid).cast({"year": pl.Int32}).select(pl.lit(rid).alias("rule"), "agency_id", "year")
             for rid in RULES if rid != "peer_outlier"]
    rows = pl.concat(parts) if parts else pl.DataFrame(schema={"rule": pl.String, "agency_id": pl.String,
                                                               "year": pl.Int32})
    return rows.join(region, on="agency_id", how="left").with_columns(pl.col("region_code").fill_null(""))


def with_peer_checked(sets: dict[str, pl.DataFrame], peers: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """`sets` with peer_outlier's: the agency-years the peer comparison judged (in registry order)."""
    if "peer_outlier" not in RULES:
        return sets
    peer = _agency_years(peers.filter(pl.col("outlier").is_not_null())).cast({"year": pl.Int32})
    return {rid: peer if rid == "peer_outlier" else sets[rid] for rid in RULES}


def rule_firing_rates(flags: pl.DataFrame, frames: Frames, min_severity: str = "warning",
                      checked_by_rule: dict[str, pl.DataFrame] | None = None) -> pl.DataFrame:
    """Per rule: how many agency-years it flags out of those it checked, so a reader can tell signal from noise.

    flagged: agency-years with ≥ 1 flag of `min_severity` or worse (info notes such as rounding
    differences are not counted by default); checked: agency-years the rule had input for (plus any
    it flagged); rate = flagged / checked (null when nothing was checked); noisy: rate > 0.5.
    Every registered rule has a row, in registry order; `flags` counts its flags. `checked_by_rule`
    (from `checked_sets`: agency-years without repeats) saves recomputing what each rule checked.
    """
    schema = {"rule": pl.String, "flagged": pl.Int64, "checked": pl.Int64, "rate": pl.Float64, "noisy": pl.Boolean,
              "flags": pl.Int64, "severity": pl.String}
    kept = flags.filter(pl.col("severity").replace_strict(SEVERITY_RANK, default=0, return_dtype=pl.Int8)
                        >= SEVERITY_RANK[min_severity]) if flags.height else flags
    rule_ids = list(RULES) + [r for r in kept["rule"].unique().sort().to_list() if r not in RULES] if kept.height \
        else list(RULES)
    # one pass over the (large) flags: each rule's agency-years, not a filter per rule
    parts = {key[0]: part for key, part in kept.select("rule", "agency_id", "year").partition_by(
        "rule", as_dict=True).items()} if kept.height else {}
    none = pl.DataFrame(schema={"agency_id": pl.String, "year": pl.Int32})
    rows = []
    for rid in rule_ids:
        mine = parts.get(rid, none)
        flagged = _agency_years(mine) if mine.height else none
        could = checked_by_rule[rid] if checked_by_rule and rid in checked_by_rule else \
            _checked(frames, rid).cast({"year": pl.Int32})
        # each set is without repeats (_agency_years): only the flagged agency-years it lacks are added; a rule
        # without flags costs nothing (a changed threshold's flags are one rule's: the lake's sets are not copied)
        extra = flagged.cast({"year": pl.Int32}).join(could, on=["agency_id", "year"], how="anti",
                                                      nulls_equal=True).height if flagged.height else 0
        n_checked = could.height + extra
        rate = flagged.height / n_checked if n_checked else None
        rows.append({"rule": rid, "flagged": flagged.height, "checked": n_checked, "rate": rate,
                     "noisy": None if rate is None else rate > 0.5, "flags": mine.height,
                     "severity": RULES[rid].severity if rid in RULES else None})
    return pl.DataFrame(rows, schema=schema)


def flagged_counts(flags: pl.DataFrame) -> pl.DataFrame:
    """Per rule among `flags` (a selection's): flagged_selection, the agency-years with a warning or error, and
    flags_selection, those flags."""
    if flags.height and "severity" in flags.columns:
        serious = flags.filter(pl.col("severity").is_in(["warning", "error"]))
        return serious.group_by("rule").agg(
            pl.struct("agency_id", "year").n_unique().cast(pl.Int64).alias("flagged_selection"),
            pl.len().cast(pl.Int64).alias("flags_selection"))
    return pl.DataFrame(schema={"rule": pl.String, "flagged_selection": pl.Int64, "flags_selection": pl.Int64})


def evidence(flag_row: dict[str, Any]) -> dict[str, Any]:
    """A flag's evidence JSON as a dict (empty when missing)."""
    try:
        found: dict[str, Any] = json.loads(flag_row.get("evidence") or "{}")
        return found
    except json.JSONDecodeError:
        return {}
