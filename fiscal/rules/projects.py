"""Performance self-evaluation rules (绩效自评): a project's execution rate, scores and budget
changes, and its indicators' targets against their scores."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import polars as pl

from fiscal.rules.engine import EPS, Frames, emit, num, on_page, pct, rule, wan
from fiscal.rules.lookups import exec_rate


def project_rate(df: pl.DataFrame) -> pl.DataFrame:
    """Projects with _rate: the computed execution rate (executed / budget_full_year)."""
    return df.with_columns(exec_rate().alias("_rate"))


def one_per_project(df: pl.DataFrame) -> pl.DataFrame:
    """A project a document both lists (a 自评结果汇总表 line) and prints as its own form, with the same figures, is
    one project: the form's row is kept (it carries the execution score), in the order the rows came."""
    if df.is_empty():
        return df
    key = ["doc_id", "project", "budget_full_year", "executed"]
    return (df.with_row_index("_order").sort(pl.col("exec_score").is_null(), "_order")
            .unique(subset=key, keep="first", maintain_order=True).sort("_order").drop("_order"))


@rule("full_score_low_execution", "warning",
      "项目预算执行得分为（接近）满分，但按全年执行数/全年预算数计算的执行率偏低",
      slack=1.0, low_rate=0.6, full_tolerance=0.01, scope="agency_year", reads=("projects",))
def full_score_low_execution(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """score > weight × rate + slack, or rate < low_rate with (near) full score; error for the latter."""
    df = project_rate(frames.projects).filter(
        pl.col("exec_weight") > 0, pl.col("exec_score").is_not_null(), pl.col("_rate").is_not_null())
    # the same test as fiscal.thresholds.full_score_at_low_execution, under this call's parameters
    full = pl.col("exec_score") >= pl.col("exec_weight") - p["full_tolerance"]
    earned = pl.col("exec_weight") * pl.col("_rate").clip(upper_bound=1.0)
    blatant = full & (pl.col("_rate") < p["low_rate"])
    hits = df.with_columns(earned.alias("_earned"), blatant.alias("_blatant")).filter(
        (pl.col("exec_score") > pl.col("_earned") + p["slack"]) | pl.col("_blatant"))
    return emit(
        hits,
        lambda r: (on_page(r)
                   + f"项目“{r['project']}”全年预算 {wan(r['budget_full_year'])} 万元、执行 {wan(r['executed'])} 万元，"
                   f"执行率 {pct(r['_rate'])}，预算执行得分却为 {num(r['exec_score'])}/{num(r['exec_weight'])}"
                   f"（按执行率应约 {r['_earned']:.2f} 分）"),
        lambda r: {"budget_full_year": r["budget_full_year"], "executed": r["executed"], "exec_rate": r["_rate"],
                   "exec_rate_reported": r["exec_rate_reported"], "exec_weight": r["exec_weight"],
                   "exec_score": r["exec_score"], "expected_score": round(r["_earned"], 2),
                   "total_score": r["total_score"]},
        lambda r: "error" if r["_blatant"] else None,
    )


@rule("exec_rate_misreported", "warning", "表中填报的执行率与全年执行数/全年预算数不符",
      tolerance=0.02, scope="agency_year", reads=("projects",))
def exec_rate_misreported(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """|printed 执行率 − executed / budget_full_year| > tolerance (2 percentage points)."""
    df = project_rate(one_per_project(frames.projects)).filter(
        pl.col("exec_rate_reported").is_not_null(), pl.col("_rate").is_not_null(),
        (pl.col("exec_rate_reported") - pl.col("_rate")).abs() > p["tolerance"] + 1e-9)
    return emit(
        df,
        lambda r: (on_page(r)
                   + f"项目“{r['project']}”填报执行率 {pct(r['exec_rate_reported'])}，"
                   f"但全年执行数 {wan(r['executed'])} / 全年预算数 {wan(r['budget_full_year'])} = {pct(r['_rate'])}"),
        lambda r: {"exec_rate_reported": r["exec_rate_reported"], "exec_rate": r["_rate"],
                   "executed": r["executed"], "budget_full_year": r["budget_full_year"]},
    )


@rule("exec_exceeds_budget", "warning", "全年执行数超过全年预算数", scope="agency_year",
      reads=("projects",))
def exec_exceeds_budget(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """executed > budget_full_year (beyond rounding)."""
    df = one_per_project(frames.projects).filter(pl.col("executed") - pl.col("budget_full_year") > EPS)
    return emit(
        df,
        lambda r: (on_page(r) + f"项目“{r['project']}”全年执行数 {wan(r['executed'])} 万元超过全年预算数 "
                   f"{wan(r['budget_full_year'])} 万元（超出 {wan(r['executed'] - r['budget_full_year'])} 万元）"),
        lambda r: {"executed": r["executed"], "budget_full_year": r["budget_full_year"]},
    )


@rule("high_total_low_execution", "warning", "项目自评总分很高而预算执行率很低",
      min_total=90.0, max_rate=0.5, scope="agency_year", reads=("projects",))
def high_total_low_execution(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """total_score ≥ min_total while the computed execution rate < max_rate."""
    df = project_rate(one_per_project(frames.projects)).filter(
        pl.col("total_score") >= p["min_total"], pl.col("_rate") < p["max_rate"])
    return emit(
        df,
        lambda r: (on_page(r)
                   + f"项目“{r['project']}”自评总分 {num(r['total_score'])} 分，但预算执行率仅 {pct(r['_rate'])}"),
        lambda r: {"total_score": r["total_score"], "exec_rate": r["_rate"], "executed": r["executed"],
                   "budget_full_year": r["budget_full_year"]},
    )


def _indicators_by_project(frames: Frames) -> pl.DataFrame:
    """Indicators with the page of the project form they belong to (forms of one name are told apart by page)."""
    forms = frames.projects.select("doc_id", "project", pl.col("page").alias("form_page")).unique().sort("form_page")
    ind = frames.indicators.filter(pl.col("project").is_not_null()).sort("page")
    if ind.is_empty() or forms.is_empty():
        return ind.with_columns(pl.lit(None, dtype=pl.Int32).alias("form_page"))
    joined = ind.join_asof(forms, left_on="page", right_on="form_page", by=["doc_id", "project"], strategy="backward",
                           check_sortedness=False)
    return joined.with_columns(pl.coalesce("form_page", "page").alias("form_page"))


@rule("total_score_mismatch", "warning", "项目总分不等于预算执行得分与各指标得分之和",
      tolerance=0.5, scope="agency_year")
def total_score_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """|total_score − (exec_score + Σ indicator scores)| > tolerance (a form whose indicators print no score at all
    — the national 区域 form's — sums nothing)."""
    sums = (_indicators_by_project(frames).group_by("doc_id", "project", "form_page")
            .agg(pl.col("score").sum().alias("_indicators"), pl.len().alias("_n"),
                 pl.col("score").is_not_null().any().alias("_scored"))
            .filter("_scored"))
    df = (frames.projects.filter(pl.col("total_score").is_not_null())
          .join(sums, left_on=["doc_id", "project", "page"], right_on=["doc_id", "project", "form_page"])
          .with_columns((pl.col("exec_score").fill_null(0) + pl.col("_indicators")).alias("_sum"))
          .filter((pl.col("total_score") - pl.col("_sum")).abs() > p["tolerance"]))
    return emit(
        df,
        lambda r: (on_page(r)
                   + f"项目“{r['project']}”总分 {num(r['total_score'])}，但预算执行得分 {num(r['exec_score'] or 0)} "
                   f"+ {r['_n']} 项指标得分 {num(round(r['_indicators'], 2))} = {num(round(r['_sum'], 2))}"),
        lambda r: {"total_score": r["total_score"], "exec_score": r["exec_score"],
                   "indicator_scores": round(r["_indicators"], 2), "indicators": r["_n"], "sum": round(r["_sum"], 2)},
    )


_UNIT_RE = re.compile(r"\d(?:[\d,.]*)\s*([^\d\s≥≤=<>＜＞,，.;；()（）]+)\s*$")


def _unit_of(text: str | None) -> str | None:
    """The unit printed after a value ("≥95%" → "%", "35万元" → "万元"), None when bare."""
    m = _UNIT_RE.search(unicodedata.normalize("NFKC", text or ""))
    return m.group(1) if m else None


def _units_agree(target: str | None, actual: str | None) -> bool:
    a, b = _unit_of(target), _unit_of(actual)
    return a is None or b is None or a == b


def _missed(comparator: str, target: float, actual: float, cost: bool) -> bool:
    """Does `actual` miss `target` under the comparator (a cost target '=' is a ceiling)?"""
    if comparator == ">=":
        return actual < target - 1e-9
    if comparator == "<=" or (comparator == "=" and cost):
        return actual > target + 1e-9
    if comparator == "=":
        return abs(actual - target) > 1e-9
    return False


# an actual saying the target was not reached (未完成, 未按期完成, 未达标, 没有达到 …); 未发生 (no accident) is no miss
_NOT_DONE = re.compile(r"^(?:未能|未|没有|尚未)(?:按期|按时|如期|全部|全面)?(?:完成|达标|达到|实现|到位)")


def _not_done(text: str | None) -> bool:
    return bool(_NOT_DONE.match(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))))


def _unmet(r: dict[str, Any]) -> bool:
    """Does the indicator row miss its target: a numeric actual per the comparator (same units), or an actual saying
    it was not done where the target is no such text itself?"""
    if _not_done(r["actual"]) and not _not_done(r["target"]):
        return True
    if r["comparator"] not in (">=", "<=", "=") or r["target_value"] is None or r["actual_value"] is None:
        return False
    return _units_agree(r["target"], r["actual"]) and _missed(
        r["comparator"], r["target_value"], r["actual_value"], "成本" in f"{r['level1'] or ''}{r['level2'] or ''}")


# an indicator's target and actual are text no sum proves: on a page read by OCR, a note (engine.Rule.prose)
@rule("indicator_unmet_full_score", "warning", "指标实际完成值未达到目标值，却得满分", scope="agency_year",
      prose=True, full_tolerance=0.01)
def indicator_unmet_full_score(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A numeric actual misses its target per the comparator (same units), or an actual says 未完成 / 未达标 …,
    scored at full weight."""
    numeric = (pl.col("comparator").is_in([">=", "<=", "="]) & pl.col("target_value").is_not_null()
               & pl.col("actual_value").is_not_null())
    said = pl.col("actual").str.contains(r"^\s*(?:未|没有|尚未)")  # narrowed here, decided by _NOT_DONE
    cand = frames.indicators.filter(numeric | said.fill_null(False), pl.col("weight") > 0,
                                    pl.col("score") >= pl.col("weight") - p["full_tolerance"])
    keep = [r for r in cand.iter_rows(named=True) if _unmet(r)]
    df = pl.DataFrame(keep, schema=cand.schema)
    return emit(
        df,
        lambda r: (on_page(r)
                   + f"项目“{r['project']}”指标“{r['name']}”目标 {r['target']}，实际完成 {r['actual']}，"
                   f"未达目标却得满分 {num(r['score'])}/{num(r['weight'])}"),
        lambda r: {"indicator": r["name"], "target": r["target"], "actual": r["actual"],
                   "comparator": r["comparator"], "target_value": r["target_value"],
                   "actual_value": r["actual_value"], "weight": r["weight"], "score": r["score"]},
    )


@rule("budget_adjusted_heavily", "warning", "全年预算数较年初预算数调整幅度过大", max_change=0.5,
      scope="agency_year", reads=("projects",))
def budget_adjusted_heavily(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """|budget_full_year − budget_initial| / budget_initial > max_change."""
    change = (pl.col("budget_full_year") - pl.col("budget_initial")) / pl.col("budget_initial")
    df = one_per_project(frames.projects).filter(
        pl.col("budget_initial") > 0, pl.col("budget_full_year").is_not_null()).with_columns(
        change.alias("_change")).filter(pl.col("_change").abs() > p["max_change"])
    return emit(
        df,
        lambda r: (on_page(r) + f"项目“{r['project']}”年初预算 {wan(r['budget_initial'])} 万元，全年预算调整为 "
                   f"{wan(r['budget_full_year'])} 万元（{'+' if r['_change'] > 0 else ''}{pct(r['_change'])}）"),
        lambda r: {"budget_initial": r["budget_initial"], "budget_full_year": r["budget_full_year"],
                   "change": round(r["_change"], 4)},
    )
