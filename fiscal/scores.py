"""Scores over the lake's frames, for ranking agencies and judging the flags (issue 7).

Pure functions over `fiscal.rules.Frames` (no Streamlit): amounts in 万元, rates as fractions.

- `inflation_index`: how generously an agency-year scores its own projects (绩效自评).
- `disclosure_quality`: one number per 决算/预算 (agency-year-kind) with its breakdown.
- `peer_comparison`: each agency-year's metrics against its peers (same province × agency
  type × year) with quartiles and the IQR fence; the `peer_outlier` rule flags its outliers.
- `rule_firing_rates`: per rule, the share of agency-years it flags among those it checked
  (a flag that fires for most agencies is noise).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import polars as pl

from fiscal.peers import peer_comparison
from fiscal.rules.engine import RULES, SEVERITY_RANK, Frames
from fiscal.rules.labels import NARRATIVE_LABELS, TABLE_LABELS
from fiscal.rules.lookups import exec_rate
from fiscal.thresholds import DEFAULT, Thresholds, full_score_at_low_execution

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


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    pairs = [(x, y) for x, y in zip(xs, ys, strict=True) if x is not None and y is not None
             and not math.isnan(x) and not math.isnan(y)]
    if len(pairs) < 3:
        return None
    n = len(pairs)
    mx = sum(p[0] for p in pairs) / n
    my = sum(p[1] for p in pairs) / n
    sxx = sum((p[0] - mx) ** 2 for p in pairs)
    syy = sum((p[1] - my) ** 2 for p in pairs)
    if sxx < 1e-12 or syy < 1e-12:
        return None
    return sum((p[0] - mx) * (p[1] - my) for p in pairs) / math.sqrt(sxx * syy)


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


def inflation_index(frames: Frames, thresholds: Thresholds = DEFAULT) -> pl.DataFrame:
    """One row per agency-year with self-evaluated projects, most inflated first.

    Terms (each 0–1, higher = more inflated), averaged with `INFLATION_WEIGHTS` over the terms
    that can be computed (weights renormalised), × 100:

    - full_weight_share (0.4): indicators with score ≥ weight − 0.01, of indicators with a weight;
    - tight spread (0.2): 1 − min(score_spread / 10, 1), score_spread = std of project total scores
      (needs ≥ 2 projects);
    - decoupled (0.2): (1 − r) / 2 with r = score_exec_corr, Pearson of total_score vs exec_rate
      (null with < 3 projects or zero variance): scores that do not follow execution;
    - low-execution full marks (0.2): low_exec_full_score / projects with an execution score, where
      low_exec_full_score counts projects with exec_rate < thresholds.low_execution (full_score_low_execution
      low_rate) scored their full execution weight.

    index = 100 × Σ wᵢ·termᵢ / Σ wᵢ (available terms). rank: 1 = most inflated within its year.
    """
    cols: dict[str, Any] = {**{k: frames.projects.schema[k] for k in AGENCY_KEYS}, "projects": pl.Int64,
            "indicators": pl.Int64, "full_weight_share": pl.Float64, "score_spread": pl.Float64,
            "score_exec_corr": pl.Float64, "low_exec_full_score": pl.Int64, "mean_score": pl.Float64,
            "mean_exec_rate": pl.Float64, "index": pl.Float64, "rank": pl.Int64, "doc_ids": pl.List(pl.String)}
    projects = _projects_once(frames)
    if projects.is_empty():
        return pl.DataFrame(schema=cols)
    ind = frames.indicators.join(projects.select("doc_id", "project"), on=["doc_id", "project"], how="semi")
    ind = ind.filter(pl.col("weight") > 0, pl.col("score").is_not_null()).with_columns(
        (pl.col("score") >= pl.col("weight") - thresholds.get("full_score_low_execution", "full_tolerance"))
        .alias("_full"))
    ind_agg = ind.join(frames.documents.select("doc_id", "agency_id", "year"), on="doc_id").group_by(
        "agency_id", "year").agg(pl.len().alias("indicators"), pl.col("_full").mean().alias("full_weight_share"))
    proj = projects.with_columns(
        full_score_at_low_execution(thresholds, rate="_rate").alias("_low_full"),
        (pl.col("exec_weight") > 0).fill_null(False).alias("_has_exec"))
    agg = proj.group_by("region_code", "agency_id", "year").agg(
        pl.col("region").first(), pl.col("agency").first(), pl.len().alias("projects"),
        pl.col("total_score").std().alias("score_spread"),
        pl.col("_low_full").sum().cast(pl.Int64).alias("low_exec_full_score"),
        pl.col("_has_exec").sum().alias("_with_exec"), pl.col("total_score").mean().alias("mean_score"),
        pl.col("_rate").mean().alias("mean_exec_rate"), pl.col("total_score"), pl.col("_rate"),
        pl.col("doc_id").unique().sort().alias("doc_ids"))
    agg = agg.join(ind_agg, on=["agency_id", "year"], how="left")
    rows = []
    for r in agg.iter_rows(named=True):
        corr = _pearson(r["total_score"], r["_rate"])
        terms = {
            "full_weight_share": r["full_weight_share"],
            "tight_spread": None if r["score_spread"] is None or math.isnan(r["score_spread"])
            else 1 - min(r["score_spread"] / SPREAD_SCALE, 1.0),
            "decoupled": None if corr is None else (1 - corr) / 2,
            "low_exec_full": r["low_exec_full_score"] / r["_with_exec"] if r["_with_exec"] else None,
        }
        got = {k: v for k, v in terms.items() if v is not None}
        weight = sum(INFLATION_WEIGHTS[k] for k in got)
        index = 100 * sum(INFLATION_WEIGHTS[k] * v for k, v in got.items()) / weight if weight else None
        rows.append({**{k: r[k] for k in AGENCY_KEYS}, "projects": r["projects"],
                     "indicators": r["indicators"] or 0, "full_weight_share": r["full_weight_share"],
                     "score_spread": None if r["score_spread"] is None or math.isnan(r["score_spread"])
                     else r["score_spread"], "score_exec_corr": corr,
                     "low_exec_full_score": r["low_exec_full_score"], "mean_score": r["mean_score"],
                     "mean_exec_rate": r["mean_exec_rate"],
                     "index": None if index is None else round(index, 2), "rank": None, "doc_ids": r["doc_ids"]})
    out = pl.DataFrame(rows, schema=cols)
    out = out.with_columns(pl.col("index").rank("min", descending=True).over("year").cast(pl.Int64).alias("rank"))
    return out.sort(["index", "year", "agency"], descending=[True, True, False], nulls_last=True)


# ---------------------------------------------------------------- disclosure quality

QUALITY_WEIGHTS: dict[str, float] = {
    "tables_present": 0.30,  # required tables found / required
    "empty_explained": 0.10,  # 1 − empty tables without 空表说明 / tables found
    "reconciliations": 0.25,  # ingest checks passed share, − 0.1 per reconciliation flag
    "prose_consistent": 0.20,  # 1 − prose figures flagged / prose figures stated
    "readable": 0.15,  # 1 − unreadable cells / (cells read + unreadable)
}
RECONCILIATION_RULES: tuple[str, ...] = ("totals_mismatch", "cross_table_mismatch", "budget_final_mismatch")
PROSE_RULES: tuple[str, ...] = ("narrative_table_mismatch", "unit_mismatch", "percentage_misstated",
                                 "comparison_wording_wrong", "year_inconsistent", "template_residue")
RECONCILIATION_PENALTY = 0.1
_EMPTY = re.compile(r"^(?P<title>.+?)（第(?P<page>\d+)页）为空表但未说明")
_UNREADABLE = re.compile(r"not one number|未识别|未能解析|not read|not recognised|not understood")
_DATA_SETS = ("summary", "line_items", "economic_items", "sangong", "projects", "indicators")
_RULE_NAMES = {"totals_mismatch": "合计不符", "cross_table_mismatch": "表间不符", "budget_final_mismatch": "预决算不符",
               "narrative_table_mismatch": "说明与表格不符", "unit_mismatch": "单位错误",
               "percentage_misstated": "百分比不符", "comparison_wording_wrong": "比较用语错误",
               "year_inconsistent": "年份矛盾", "template_residue": "模板残留"}


def _page_note(page: int | None) -> str:
    return f"（第{page}页）" if page is not None else ""


def disclosure_quality(frames: Frames, flags: pl.DataFrame) -> pl.DataFrame:
    """One row per agency-year-doc_kind (决算/预算 documents): the quality score and its breakdown.

    The PDFs of one agency-year-kind are judged together (江苏 publishes a narrative PDF and a
    tables PDF); `doc_id` is the one with most tables, `doc_ids` all of them. Components (0–1,
    null when not applicable), `QUALITY_WEIGHTS`:

    - tables_present: required table families found (`fiscal.rules.REQUIRED_TABLES`) / required;
    - empty_explained: 1 − (empty tables without 空表说明) / (tables found), 1 when none;
    - reconciliations: ingest checks passed / run (`checks_*`), minus 0.1 per totals_mismatch,
      cross_table_mismatch or budget_final_mismatch flag at warning/error, floor 0 (null with no
      check run and no flag);
    - prose_consistent: 1 − (narrative_table_mismatch / unit_mismatch flags at warning/error) /
      (figures stated in the prose that those rules compare: `NARRATIVE_LABELS` keys), floor 0
      (null when the prose states no such figure);
    - readable: 1 − unreadable cells (ingest warnings) / (rows read + unreadable) (null when nothing
      was read and nothing failed).

    score = 100 × Σ wᵢ·cᵢ / Σ wᵢ over the components that apply. `problems` lists each deduction in
    Chinese, naming the page where there is one.
    """
    from fiscal.rules.disclosure import REQUIRED_TABLES

    schema: dict[str, Any] = {**{k: frames.documents.schema[k] for k in AGENCY_KEYS}, "doc_kind": pl.String,
              "doc_id": pl.String, "score": pl.Float64, **{k: pl.Float64 for k in QUALITY_WEIGHTS},
              "problems": pl.List(pl.String), "doc_ids": pl.List(pl.String), "pages": pl.Int32}
    docs = frames.documents.filter(pl.col("doc_kind").is_in(list(REQUIRED_TABLES)))
    if docs.is_empty():
        return pl.DataFrame(schema=schema)
    rows_read: dict[str, int] = {}
    for name in _DATA_SETS:
        for d, n in getattr(frames, name).group_by("doc_id").len().iter_rows():
            rows_read[d] = rows_read.get(d, 0) + n
    stated: dict[str, int] = dict(
        frames.narrative.filter(pl.col("amount").is_not_null(), pl.col("key").is_in(list(NARRATIVE_LABELS)))
        .group_by("doc_id").len().iter_rows())
    serious = flags.filter(pl.col("severity").replace_strict(SEVERITY_RANK, default=0, return_dtype=pl.Int8)
                           >= SEVERITY_RANK["warning"]) if flags.height else flags
    out = []
    for _, g in docs.group_by(["region_code", "agency_id", "year", "doc_kind"], maintain_order=True):
        g = g.with_columns(pl.col("tables").list.len().fill_null(0).alias("_n")).sort(
            ["_n", "doc_id"], descending=[True, False])
        lead = g.row(0, named=True)
        kind = lead["doc_kind"]
        ids = g["doc_id"].to_list()
        problems: list[str] = []
        found = {t for ts in g["tables"].to_list() for t in (ts or [])}
        required = REQUIRED_TABLES[kind]
        missing = [t for t in required if t not in found]
        tables_present = 1 - len(missing) / len(required)
        if missing:
            problems.append("缺少表格：" + "、".join(TABLE_LABELS.get(t, t) for t in missing))
        warnings = [w for ws in g["warnings"].to_list() for w in (ws or [])]
        empties = [w for w in warnings if _EMPTY.match(w)]
        n_tables = max(len(found), 1)
        empty_explained = max(0.0, 1 - len(empties) / n_tables) if found else None
        for w in empties:
            m = _EMPTY.match(w)
            if m is None:
                continue
            problems.append(f"{m['title']}（第{m['page']}页）为空表但未作说明")
        passed = sum(x or 0 for x in g["checks_passed"].to_list())
        failed = sum(x or 0 for x in g["checks_failed"].to_list())
        mine = serious.filter(pl.col("doc_id").is_in(ids)) if serious.height else serious
        recon = mine.filter(pl.col("rule").is_in(list(RECONCILIATION_RULES))) if mine.height else mine
        if passed + failed or recon.height:
            base = passed / (passed + failed) if passed + failed else 1.0
            reconciliations = max(0.0, base - RECONCILIATION_PENALTY * recon.height)
        else:
            reconciliations = None
        if failed:
            problems.append(f"入库校验 {passed + failed} 项中 {failed} 项未通过")
        for r in recon.iter_rows(named=True):
            problems.append(f"{_RULE_NAMES.get(r['rule'], r['rule'])}{_page_note(r['page'])}：{r['message']}")
        prose = mine.filter(pl.col("rule").is_in(list(PROSE_RULES))) if mine.height else mine
        n_stated = sum(stated.get(d, 0) for d in ids)
        prose_consistent = max(0.0, 1 - prose.height / n_stated) if n_stated else (0.0 if prose.height else None)
        for r in prose.iter_rows(named=True):
            problems.append(f"{_RULE_NAMES.get(r['rule'], r['rule'])}{_page_note(r['page'])}：{r['message']}")
        unreadable = [w for w in warnings if _UNREADABLE.search(w)]
        n_read = sum(rows_read.get(d, 0) for d in ids)
        readable = 1 - len(unreadable) / (n_read + len(unreadable)) if n_read + len(unreadable) else None
        for w in unreadable:
            problems.append("未能读取：" + w.split(" / ")[0])
        comps = {"tables_present": tables_present, "empty_explained": empty_explained,
                 "reconciliations": reconciliations, "prose_consistent": prose_consistent, "readable": readable}
        got = {k: v for k, v in comps.items() if v is not None}
        weight = sum(QUALITY_WEIGHTS[k] for k in got)
        score = round(100 * sum(QUALITY_WEIGHTS[k] * v for k, v in got.items()) / weight, 1) if weight else None
        out.append({**{k: lead[k] for k in AGENCY_KEYS}, "doc_kind": kind, "doc_id": lead["doc_id"], "score": score,
                    **{k: None if v is None else round(v, 4) for k, v in comps.items()},
                    "problems": list(dict.fromkeys(problems)),
                    "doc_ids": ids, "pages": lead["pages"]})
    return pl.DataFrame(out, schema=schema).sort(["score", "year", "agency"], descending=[False, True, False],
                                                 nulls_last=True)


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


def rule_firing_rates(flags: pl.DataFrame, frames: Frames, min_severity: str = "warning") -> pl.DataFrame:
    """Per rule: how many agency-years it flags out of those it checked, so a reader can tell signal from noise.

    flagged: agency-years with ≥ 1 flag of `min_severity` or worse (info notes such as rounding
    differences are not counted by default); checked: agency-years the rule had input for (plus any
    it flagged); rate = flagged / checked (null when nothing was checked); noisy: rate > 0.5.
    Every registered rule has a row, in registry order; `flags` counts its flags.
    """
    schema = {"rule": pl.String, "flagged": pl.Int64, "checked": pl.Int64, "rate": pl.Float64, "noisy": pl.Boolean,
              "flags": pl.Int64, "severity": pl.String}
    kept = flags.filter(pl.col("severity").replace_strict(SEVERITY_RANK, default=0, return_dtype=pl.Int8)
                        >= SEVERITY_RANK[min_severity]) if flags.height else flags
    rule_ids = list(RULES) + [r for r in kept["rule"].unique().sort().to_list() if r not in RULES] if kept.height \
        else list(RULES)
    rows = []
    for rid in rule_ids:
        mine = kept.filter(pl.col("rule") == rid) if kept.height else kept
        none = pl.DataFrame(schema={"agency_id": pl.String, "year": pl.Int32})
        flagged = _agency_years(mine) if mine.height else none
        checked = pl.concat([_checked(frames, rid).cast({"year": pl.Int32}), flagged.cast({"year": pl.Int32})]).unique()
        n_checked = checked.height
        rate = flagged.height / n_checked if n_checked else None
        rows.append({"rule": rid, "flagged": flagged.height, "checked": n_checked, "rate": rate,
                     "noisy": None if rate is None else rate > 0.5, "flags": mine.height,
                     "severity": RULES[rid].severity if rid in RULES else None})
    return pl.DataFrame(rows, schema=schema)


def evidence(flag_row: dict[str, Any]) -> dict[str, Any]:
    """A flag's evidence JSON as a dict (empty when missing)."""
    try:
        found: dict[str, Any] = json.loads(flag_row.get("evidence") or "{}")
        return found
    except json.JSONDecodeError:
        return {}
