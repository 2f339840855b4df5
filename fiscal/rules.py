"""Anomaly rules: each rule is data (id, default severity, Chinese description, thresholds)
plus one small polars function over the lake's frames.

A rule function takes `Frames` (the lake's datasets as polars DataFrames) and its
parameters, and returns the rows it flags: the common columns (doc_id, region_code,
region, agency_id, agency, year, page), project, message (Chinese, with the numbers),
evidence (JSON of the numbers compared) and optionally a per-row severity. `evaluate`
runs the rules and adds the rule id and default severity. Adding a rule is adding one
`@rule(...)` function.

Severities: `error` — the document contradicts itself (sums, cross-table, prose vs
table, units) beyond published rounding; `warning` — a figure a reviewer should look
at (self-scoring, over budget, growth, peers, missing tables); `info` — a note, e.g.
a difference within 尾数误差 (0.01 万元 per summed line), which is never an error.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path

import polars as pl

from fiscal import store
from fiscal.consolidate import sangong_best
from fiscal.naming import canonical_agency
from fiscal.schema import DATASETS, conform, empty

SEVERITIES: tuple[str, ...] = ("info", "warning", "error")
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
ROUNDING = 0.01  # 万元 per published line (尾数误差)
_EPS = 0.005  # below this two 2-decimal amounts are equal
COMMON: list[str] = ["doc_id", "region_code", "region", "agency_id", "agency", "year", "page"]
FLAG_SCHEMA = pl.Schema({
    "rule": pl.String(), "severity": pl.String(), "region": pl.String(), "agency": pl.String(), "year": pl.Int32(),
    "project": pl.String(), "message": pl.String(), "evidence": pl.String(), "doc_id": pl.String(),
    "page": pl.Int32(), "region_code": pl.String(), "agency_id": pl.String(),
})
_RAW_SCHEMA = pl.Schema({k: v for k, v in FLAG_SCHEMA.items() if k != "rule"})
FUNCTION_CODES = Path(__file__).resolve().parent / "data" / "function_codes.csv"

# Tables a disclosure must contain, by document kind (table family keys, as ingest names them).
# 决算: the nine tables of the national layout (公开01–09表). 预算: the eight tables of the
# 部门预算 disclosure rules (国有资本经营预算 is not required of every department's budget).
REQUIRED_TABLES: dict[str, tuple[str, ...]] = {
    "final_account": ("summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic",
                      "gov_fund", "soe_capital", "sangong"),
    "budget": ("summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic", "gov_fund",
               "sangong"),
}
TABLE_LABELS: dict[str, str] = {
    "summary": "收入支出总表", "income": "收入表", "expenditure": "支出表", "fiscal_summary": "财政拨款收支总表",
    "gpb_expenditure": "一般公共预算财政拨款支出表", "gpb_basic": "一般公共预算财政拨款基本支出表",
    "gov_fund": "政府性基金预算财政拨款表", "soe_capital": "国有资本经营预算财政拨款表", "sangong": "“三公”经费表",
    "fiscal_expenditure": "财政拨款支出表", "economic": "基本支出经济分类表",
}
MEASURE_LABELS: dict[str, str] = {
    "total": "合计", "basic": "基本支出", "project": "项目支出", "remit_superior": "上缴上级支出", "operating": "经营收支",
    "affiliated_subsidy": "对附属单位补助支出", "fiscal": "财政拨款收入", "superior_subsidy": "上级补助收入",
    "business": "事业收入", "affiliated": "附属单位上缴收入", "other": "其他收入", "opening": "年初结转和结余",
    "income": "本年收入", "closing": "年末结转和结余", "current_year": "当年拨款", "carried_over": "上年结转",
}
SANGONG_ITEMS: dict[str, str] = {
    "total": "“三公”经费合计", "overseas": "因公出国（境）费", "vehicle_total": "公务用车购置及运行维护费",
    "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费",
}
STAGES: dict[str, str] = {"budget": "预算数", "actual": "决算数"}
# Narrative keys (ingest/narrative.py) → what they are called in a message.
NARRATIVE_LABELS: dict[str, str] = {
    "grand_total": "收支总计", "income_total": "本年收入合计", "expenditure_total": "本年支出合计",
    "fiscal_grand_total": "财政拨款收支总计", "basic_total": "基本支出", "project_total": "项目支出",
    "fiscal_basic_total": "一般公共预算财政拨款基本支出", "personnel_total": "人员经费", "public_total": "公用经费",
    **{f"sangong_{i}_{s}": f"{label}{STAGES[s]}" for i, label in SANGONG_ITEMS.items() for s in STAGES},
}
# Agency type by name suffix, first match wins (crude on purpose: peers are 局 with 局).
AGENCY_TYPES: tuple[tuple[str, str], ...] = (
    ("中心", "中心"), ("办公厅", "办公厅"), ("办公室", "办公室"), ("委员会", "委员会"), ("局", "局"), ("厅", "厅"),
    ("委", "委员会"), ("办", "办公室"), ("院", "院"), ("所", "所"), ("站", "站"), ("队", "队"), ("馆", "馆"),
    ("学校", "学校"), ("会", "会"), ("部", "部"),
)


@dataclass(frozen=True)
class Frames:
    """The lake's datasets as polars DataFrames, the input of every rule."""

    documents: pl.DataFrame
    summary: pl.DataFrame
    line_items: pl.DataFrame
    economic_items: pl.DataFrame
    sangong: pl.DataFrame
    projects: pl.DataFrame
    indicators: pl.DataFrame
    narrative: pl.DataFrame

    @classmethod
    def from_lake(cls, lake: Path) -> Frames:
        """Every dataset of the lake (rows of documents that completed ingest)."""
        return cls(**{f.name: store.read(Path(lake), f.name) for f in fields(cls)})

    @classmethod
    def of(cls, **frames: pl.DataFrame | list[dict]) -> Frames:
        """Frames from hand-made tables (missing datasets empty, missing columns null)."""
        unknown = set(frames) - set(DATASETS)
        if unknown:
            raise KeyError(f"unknown datasets: {sorted(unknown)}")
        out = {}
        for f in fields(cls):
            given = frames.get(f.name)
            if given is None:
                out[f.name] = empty(f.name)
            else:
                df = given if isinstance(given, pl.DataFrame) else pl.DataFrame(given, infer_schema_length=None)
                out[f.name] = conform(df, f.name)
        return cls(**out)


Check = Callable[[Frames, dict[str, float]], pl.DataFrame]


@dataclass(frozen=True)
class Rule:
    """One anomaly rule: stable id, default severity, what it means, threshold defaults."""

    id: str
    severity: str
    description: str
    params: dict[str, float] = field(default_factory=dict)
    check: Check | None = None


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, description: str, **params: float) -> Callable[[Check], Check]:
    """Register a rule function under its id with its default severity and thresholds."""
    assert severity in SEVERITIES, severity

    def register(fn: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, severity, description, dict(params), fn)
        return fn

    return register


def evaluate(frames: Frames, params_override: dict[str, dict[str, float]] | None = None,
             rules: list[str] | None = None) -> pl.DataFrame:
    """Run the rules (all by default) and return their flags, most severe first."""
    selected = [RULES[r] for r in rules] if rules else list(RULES.values())
    out = [empty_flags()]
    for r in selected:
        params = {**r.params, **(params_override or {}).get(r.id, {})}
        got = r.check(frames, params)
        out.append(got.with_columns(rule=pl.lit(r.id), severity=pl.col("severity").fill_null(r.severity))
                   .select(list(FLAG_SCHEMA)))
    flags = pl.concat(out)
    rank = pl.col("severity").replace_strict(SEVERITY_RANK, default=0, return_dtype=pl.Int8)
    return flags.sort([rank, "rule", "region_code", "agency", "year", "doc_id", "page"],
                      descending=[True, False, False, False, False, False, False], nulls_last=True)


def empty_flags() -> pl.DataFrame:
    return pl.DataFrame(schema=FLAG_SCHEMA)


def at_least(flags: pl.DataFrame, severity: str) -> pl.DataFrame:
    """The flags of `severity` or worse."""
    keep = [s for s in SEVERITIES if SEVERITY_RANK[s] >= SEVERITY_RANK[severity]]
    return flags.filter(pl.col("severity").is_in(keep))


# ---------------------------------------------------------------- helpers


def _emit(df: pl.DataFrame, message: Callable[[dict], str], evidence: Callable[[dict], dict],
          severity: Callable[[dict], str | None] | None = None) -> pl.DataFrame:
    """Flag rows (rule id added by evaluate) from the rows a rule matched."""
    rows = []
    for r in df.iter_rows(named=True):
        sev = severity(r) if severity else None
        rows.append({
            **{c: r.get(c) for c in COMMON}, "project": r.get("project"), "severity": sev, "message": message(r),
            "evidence": json.dumps(evidence(r), ensure_ascii=False),
        })
    return pl.DataFrame(rows, schema=_RAW_SCHEMA)


def _w(x: float | None) -> str:
    """An amount in 万元 as printed (thousands separators, 2 decimals)."""
    return "—" if x is None else f"{x:,.2f}"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.2f}%"


def _num(x: float | None) -> str:
    """A score or count without trailing zeros."""
    return "—" if x is None else f"{x:g}"


def _rounding_severity(diff: float, tolerance: float) -> str | None:
    """None when equal, info within published rounding, error beyond it."""
    if abs(diff) < _EPS:
        return None
    return "info" if abs(diff) <= tolerance + 1e-9 else "error"


def _within(diff: float, tolerance: float) -> str:
    return f"（差 {diff:+,.2f}，在尾数误差 {tolerance:.2f} 以内）" if abs(diff) <= tolerance + 1e-9 else f"（差 {diff:+,.2f}）"


def _kind_of(frames: Frames) -> pl.DataFrame:
    return frames.documents.select("doc_id", "doc_kind", "scope")


def _dedup_lines(line_items: pl.DataFrame) -> pl.DataFrame:
    """One row per (document, table, code, measure); 合计 rows have code "" (first printed wins)."""
    return (line_items.with_columns(pl.col("code").fill_null("").alias("key"))
            .sort(["doc_id", "page"]).unique(["doc_id", "table", "key", "measure"], keep="first", maintain_order=True))


def _norm_name(text: str | None) -> str:
    """A printed name folded for comparison: NFKC, no spaces, no brackets or quotes."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[\s()（）\[\]【】“”\"'‘’、·]", "", text)


def _best_docs(docs: pl.DataFrame) -> pl.DataFrame:
    """Per agency-year, the one document agency-level rules count: department scope first, then latest."""
    return (docs.with_columns((pl.col("scope") != "department").cast(pl.Int8).alias("_unit"))
            .sort(["_unit", "ingested_at", "doc_id"], descending=[False, True, False], nulls_last=True)
            .unique(["agency_id", "year"], keep="first", maintain_order=True).drop("_unit"))


def _project_rate(df: pl.DataFrame) -> pl.DataFrame:
    """Projects with _rate: the computed execution rate (executed / budget_full_year)."""
    computed = pl.when(pl.col("budget_full_year") > 0).then(pl.col("executed") / pl.col("budget_full_year"))
    return df.with_columns(pl.coalesce(pl.col("exec_rate"), computed).alias("_rate"))


# ---------------------------------------------------------------- project rules


@rule("full_score_low_execution", "warning",
      "项目预算执行得分为（接近）满分，但按全年执行数/全年预算数计算的执行率偏低",
      slack=1.0, low_rate=0.6, full_tolerance=0.01)
def full_score_low_execution(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """score > weight × rate + slack, or rate < low_rate with (near) full score; error for the latter."""
    df = _project_rate(frames.projects).filter(
        pl.col("exec_weight") > 0, pl.col("exec_score").is_not_null(), pl.col("_rate").is_not_null())
    full = pl.col("exec_score") >= pl.col("exec_weight") - p["full_tolerance"]
    earned = pl.col("exec_weight") * pl.col("_rate").clip(upper_bound=1.0)
    hits = df.with_columns(earned.alias("_earned"), (full & (pl.col("_rate") < p["low_rate"])).alias("_blatant")).filter(
        (pl.col("exec_score") > pl.col("_earned") + p["slack"]) | pl.col("_blatant"))
    return _emit(
        hits,
        lambda r: (f"项目“{r['project']}”全年预算 {_w(r['budget_full_year'])} 万元、执行 {_w(r['executed'])} 万元，"
                   f"执行率 {_pct(r['_rate'])}，预算执行得分却为 {_num(r['exec_score'])}/{_num(r['exec_weight'])}"
                   f"（按执行率应约 {r['_earned']:.2f} 分）"),
        lambda r: {"budget_full_year": r["budget_full_year"], "executed": r["executed"], "exec_rate": r["_rate"],
                   "exec_rate_reported": r["exec_rate_reported"], "exec_weight": r["exec_weight"],
                   "exec_score": r["exec_score"], "expected_score": round(r["_earned"], 2),
                   "total_score": r["total_score"]},
        lambda r: "error" if r["_blatant"] else None,
    )


@rule("exec_rate_misreported", "warning", "表中填报的执行率与全年执行数/全年预算数不符", tolerance=0.02)
def exec_rate_misreported(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """|printed 执行率 − executed / budget_full_year| > tolerance (2 percentage points)."""
    df = _project_rate(frames.projects).filter(
        pl.col("exec_rate_reported").is_not_null(), pl.col("_rate").is_not_null(),
        (pl.col("exec_rate_reported") - pl.col("_rate")).abs() > p["tolerance"] + 1e-9)
    return _emit(
        df,
        lambda r: (f"项目“{r['project']}”填报执行率 {_pct(r['exec_rate_reported'])}，但全年执行数 {_w(r['executed'])} "
                   f"/ 全年预算数 {_w(r['budget_full_year'])} = {_pct(r['_rate'])}"),
        lambda r: {"exec_rate_reported": r["exec_rate_reported"], "exec_rate": r["_rate"],
                   "executed": r["executed"], "budget_full_year": r["budget_full_year"]},
    )


@rule("exec_exceeds_budget", "warning", "全年执行数超过全年预算数")
def exec_exceeds_budget(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """executed > budget_full_year (beyond rounding)."""
    df = frames.projects.filter(pl.col("executed") - pl.col("budget_full_year") > _EPS)
    return _emit(
        df,
        lambda r: (f"项目“{r['project']}”全年执行数 {_w(r['executed'])} 万元超过全年预算数 "
                   f"{_w(r['budget_full_year'])} 万元（超出 {_w(r['executed'] - r['budget_full_year'])} 万元）"),
        lambda r: {"executed": r["executed"], "budget_full_year": r["budget_full_year"]},
    )


@rule("high_total_low_execution", "warning", "项目自评总分很高而预算执行率很低", min_total=90.0, max_rate=0.5)
def high_total_low_execution(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """total_score ≥ min_total while the computed execution rate < max_rate."""
    df = _project_rate(frames.projects).filter(pl.col("total_score") >= p["min_total"], pl.col("_rate") < p["max_rate"])
    return _emit(
        df,
        lambda r: f"项目“{r['project']}”自评总分 {_num(r['total_score'])} 分，但预算执行率仅 {_pct(r['_rate'])}",
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


@rule("total_score_mismatch", "warning", "项目总分不等于预算执行得分与各指标得分之和", tolerance=0.5)
def total_score_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """|total_score − (exec_score + Σ indicator scores)| > tolerance."""
    sums = (_indicators_by_project(frames).group_by("doc_id", "project", "form_page")
            .agg(pl.col("score").sum().alias("_indicators"), pl.len().alias("_n")))
    df = (frames.projects.filter(pl.col("total_score").is_not_null())
          .join(sums, left_on=["doc_id", "project", "page"], right_on=["doc_id", "project", "form_page"])
          .with_columns((pl.col("exec_score").fill_null(0) + pl.col("_indicators")).alias("_sum"))
          .filter((pl.col("total_score") - pl.col("_sum")).abs() > p["tolerance"]))
    return _emit(
        df,
        lambda r: (f"项目“{r['project']}”总分 {_num(r['total_score'])}，但预算执行得分 {_num(r['exec_score'] or 0)} "
                   f"+ {r['_n']} 项指标得分 {_num(round(r['_indicators'], 2))} = {_num(round(r['_sum'], 2))}"),
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


@rule("indicator_unmet_full_score", "warning", "指标实际完成值未达到目标值，却得满分")
def indicator_unmet_full_score(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A numeric actual misses its target per the comparator (same units), scored at full weight."""
    cand = frames.indicators.filter(
        pl.col("comparator").is_in([">=", "<=", "="]), pl.col("target_value").is_not_null(),
        pl.col("actual_value").is_not_null(), pl.col("weight") > 0, pl.col("score") >= pl.col("weight") - 0.01)
    keep = [
        r for r in cand.iter_rows(named=True)
        if _units_agree(r["target"], r["actual"])
        and _missed(r["comparator"], r["target_value"], r["actual_value"],
                    "成本" in f"{r['level1'] or ''}{r['level2'] or ''}")
    ]
    df = pl.DataFrame(keep, schema=cand.schema)
    return _emit(
        df,
        lambda r: (f"项目“{r['project']}”指标“{r['name']}”目标 {r['target']}，实际完成 {r['actual']}，未达目标却得满分 "
                   f"{_num(r['score'])}/{_num(r['weight'])}"),
        lambda r: {"indicator": r["name"], "target": r["target"], "actual": r["actual"],
                   "comparator": r["comparator"], "target_value": r["target_value"],
                   "actual_value": r["actual_value"], "weight": r["weight"], "score": r["score"]},
    )


@rule("budget_adjusted_heavily", "info", "全年预算数较年初预算数调整幅度过大", max_change=0.5)
def budget_adjusted_heavily(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """|budget_full_year − budget_initial| / budget_initial > max_change."""
    change = (pl.col("budget_full_year") - pl.col("budget_initial")) / pl.col("budget_initial")
    df = frames.projects.filter(pl.col("budget_initial") > 0, pl.col("budget_full_year").is_not_null()).with_columns(
        change.alias("_change")).filter(pl.col("_change").abs() > p["max_change"])
    return _emit(
        df,
        lambda r: (f"项目“{r['project']}”年初预算 {_w(r['budget_initial'])} 万元，全年预算调整为 "
                   f"{_w(r['budget_full_year'])} 万元（{'+' if r['_change'] > 0 else ''}{_pct(r['_change'])}）"),
        lambda r: {"budget_initial": r["budget_initial"], "budget_full_year": r["budget_full_year"],
                   "change": round(r["_change"], 4)},
    )


# ---------------------------------------------------------------- 三公 rules


def _sangong_wide(frames: Frames) -> pl.DataFrame:
    """One row per (document, stage, source) with an amount column per item; page of the 合计 row."""
    sg = frames.sangong.filter(pl.col("source").fill_null("table") != "prose_sum")
    if sg.is_empty():
        return pl.DataFrame(schema={**{c: frames.sangong.schema[c] for c in COMMON}, "stage": pl.String,
                                    "source": pl.String, **{i: pl.Float64 for i in SANGONG_ITEMS}})
    sg = sg.with_columns(pl.col("source").fill_null("table")).sort("page")
    index = ["doc_id", "region_code", "region", "agency_id", "agency", "year", "stage", "source"]
    wide = sg.pivot(on="item", index=index, values="amount", aggregate_function="first")
    pages = sg.group_by(index).agg(pl.col("page").min())
    out = wide.join(pages, on=index, nulls_equal=True)
    return out.with_columns(pl.lit(None, dtype=pl.Float64).alias(i) for i in SANGONG_ITEMS if i not in out.columns)


@rule("sangong_sum_mismatch", "error", "“三公”经费合计不等于分项之和（或公务用车小计不等于购置费+运行费）")
def sangong_sum_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """合计 ≠ 出国 + 车辆小计 + 接待, or 小计 ≠ 购置 + 运行, beyond 0.01 per part (within → info)."""
    checks = []
    for r in _sangong_wide(frames).iter_rows(named=True):
        sums = (("total", ("overseas", "vehicle_total", "reception")),
                ("vehicle_total", ("vehicle_purchase", "vehicle_operation")))
        for total, parts in sums:
            if r[total] is None or any(r[x] is None for x in parts):
                continue
            diff = round(r[total] - sum(r[x] for x in parts), 2)
            sev = _rounding_severity(diff, ROUNDING * len(parts))
            if sev:
                checks.append({**r, "_total": total, "_parts": parts, "_diff": diff, "_sev": sev})
    df = pl.DataFrame(checks, infer_schema_length=None) if checks else pl.DataFrame()
    return _emit(
        df,
        lambda r: (f"“三公”经费表{STAGES.get(r['stage'], r['stage'])}：{SANGONG_ITEMS[r['_total']]} {_w(r[r['_total']])} 万元 ≠ "
                   + " + ".join(f"{SANGONG_ITEMS[x]} {_w(r[x])}" for x in r["_parts"])
                   + f" = {_w(round(sum(r[x] for x in r['_parts']), 2))}"
                   + _within(r["_diff"], ROUNDING * len(r["_parts"]))),
        lambda r: {"stage": r["stage"], "total_item": r["_total"], "total": r[r["_total"]],
                   "parts": {x: r[x] for x in r["_parts"]}, "difference": r["_diff"]},
        lambda r: r["_sev"],
    )


@rule("sangong_over_budget", "warning", "“三公”经费决算数超过预算数（合计或任一分项）")
def sangong_over_budget(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """actual > budget for the total or an item, within one document."""
    sg = frames.sangong.filter(pl.col("source").fill_null("table") != "prose_sum")
    keys = ["doc_id", "item", "source"]
    actual = sg.filter(pl.col("stage") == "actual").unique(keys, keep="first")
    budget = sg.filter(pl.col("stage") == "budget").unique(keys, keep="first").select(
        *keys, pl.col("amount").alias("_budget"), pl.col("page").alias("_budget_page"))
    df = actual.join(budget, on=keys, nulls_equal=True).filter(pl.col("amount") - pl.col("_budget") > _EPS)
    return _emit(
        df,
        lambda r: (f"{SANGONG_ITEMS.get(r['item'], r['item'])}决算 {_w(r['amount'])} 万元超过预算 {_w(r['_budget'])} 万元"
                   f"（超出 {_w(r['amount'] - r['_budget'])} 万元）"),
        lambda r: {"item": r["item"], "actual": r["amount"], "budget": r["_budget"], "budget_page": r["_budget_page"]},
    )


def _sangong_series(frames: Frames) -> pl.DataFrame:
    """Per agency and year, the 三公 total counted (department scope first, table before prose):
    决算 actual where a final account exists, else 预算 budget from the budget document."""
    if frames.sangong.is_empty():
        return frames.sangong.with_columns(pl.lit(None, dtype=pl.String).alias("series"))
    best = sangong_best(frames.sangong, _kind_of(frames)).filter(pl.col("item") == "total")
    actual = best.filter(pl.col("doc_kind") == "final_account", pl.col("stage") == "actual")
    planned = best.filter(pl.col("doc_kind") == "budget", pl.col("stage") == "budget")
    return pl.concat([actual.with_columns(series=pl.lit("actual")), planned.with_columns(series=pl.lit("budget"))])


@rule("sangong_yoy_increase", "warning",
      "单位“三公”经费较上年增长超过阈值（决算数；只有预算的年份比较预算数）", max_growth=0.2)
def sangong_yoy_increase(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """An agency's 三公 total (actual; budget series for budget-only years) rose > max_growth over the year before."""
    series = _sangong_series(frames)
    prev = series.select("agency_id", "series", (pl.col("year") + 1).cast(pl.Int32).alias("year"),
                         pl.col("amount").alias("_prev"), pl.col("doc_id").alias("_prev_doc"),
                         pl.col("page").alias("_prev_page"))
    df = (series.join(prev, on=["agency_id", "series", "year"])
          .filter(pl.col("_prev") > 0).with_columns(((pl.col("amount") - pl.col("_prev")) / pl.col("_prev")).alias("_g"))
          .filter(pl.col("_g") > p["max_growth"] + 1e-9))
    return _emit(
        df,
        lambda r: (f"“三公”经费{STAGES['actual'] if r['series'] == 'actual' else STAGES['budget']}由 {r['year'] - 1} 年 "
                   f"{_w(r['_prev'])} 万元增至 {r['year']} 年 {_w(r['amount'])} 万元，增长 {_pct(r['_g'])}"),
        lambda r: {"series": r["series"], "previous_year": r["year"] - 1, "previous": r["_prev"], "current": r["amount"],
                   "growth": round(r["_g"], 4), "previous_doc_id": r["_prev_doc"], "previous_page": r["_prev_page"]},
    )


# ---------------------------------------------------------------- reconciliations within a document


def _hierarchy_checks(li: pl.DataFrame) -> pl.DataFrame:
    """合计 vs Σ类, 类 vs Σ款, 款 vs Σ项 per (document, table, measure)."""
    coded = li.filter(pl.col("key") != "")
    parent = pl.when(pl.col("key").str.len_chars() == 3).then(pl.lit("")).otherwise(
        pl.col("key").str.slice(0, pl.col("key").str.len_chars() - 2))
    sums = (coded.filter(pl.col("key").str.len_chars().is_in([3, 5, 7])).with_columns(parent.alias("parent"))
            .group_by("doc_id", "table", "measure", "parent")
            .agg(pl.col("amount").sum().alias("parts"), pl.len().alias("n")))
    out = li.join(sums, left_on=["doc_id", "table", "measure", "key"], right_on=["doc_id", "table", "measure", "parent"])
    table = pl.col("table").replace_strict(TABLE_LABELS, default=pl.col("table"))
    measure = pl.col("measure").replace_strict(MEASURE_LABELS, default=pl.col("measure"))
    what = (pl.when(pl.col("key") == "").then(pl.format("{}（{}）合计 vs 各类", table, measure))
            .when(pl.col("key").str.len_chars() == 3).then(pl.format("{}（{}）{} {} vs 各款", table, measure, "key", "name"))
            .otherwise(pl.format("{}（{}）{} {} vs 各项", table, measure, "key", "name")))
    return out.with_columns(what.alias("what"), pl.col("amount").alias("total"))


# Per table: (columns a 合计 is the sum of, columns that must be printed for the check to apply).
_MEASURE_PARTS: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = {
    "expenditure": ((("basic", "project", "remit_superior", "operating", "affiliated_subsidy"),
                     frozenset({"basic", "project"})),),
    "gpb_expenditure": ((("basic", "project"), frozenset({"basic", "project"})),
                        (("current_year", "carried_over"), frozenset({"current_year"}))),
    "fiscal_expenditure": ((("basic", "project"), frozenset({"basic", "project"})),),
    "income": ((("fiscal", "superior_subsidy", "business", "operating", "affiliated", "other"), frozenset({"fiscal"})),
               (("carried_over", "gpb", "gov_fund", "soe_capital", "special_account", "superior_subsidy", "business",
                 "operating", "affiliated", "other"), frozenset({"gpb"}))),
}


def _measure_checks(li: pl.DataFrame) -> pl.DataFrame:
    """On each line: 合计 = 基本支出 + 项目支出 (+ other expenditure columns); income 合计 = Σ its sources."""
    out = []
    for (doc_id, table), g in li.filter(pl.col("table").is_in(list(_MEASURE_PARTS))).group_by(
            ["doc_id", "table"], maintain_order=True):
        printed = set(g["measure"].unique())
        layout = next(((parts, needed) for parts, needed in _MEASURE_PARTS[table] if needed <= printed), None)
        if layout is None or "total" not in printed:
            continue
        present = [m for m in layout[0] if m in printed]
        wide = g.pivot(on="measure", index="key", values="amount", aggregate_function="first")
        totals = g.filter(pl.col("measure") == "total").select(*COMMON, "key", "name")
        rows = wide.filter(pl.col("total").is_not_null()).select(
            "key", "total", pl.sum_horizontal([pl.col(m).fill_null(0) for m in present]).alias("parts"))
        label = " + ".join(MEASURE_LABELS.get(m, m) for m in present)
        line = pl.concat_str([pl.col("key").replace("", "合计行"), pl.col("name").replace("合计", None)],
                             separator=" ", ignore_nulls=True)
        what = pl.format(f"{TABLE_LABELS.get(table, table)} {{}}：合计 vs {label}", line)
        out.append(rows.join(totals, on="key").select(*COMMON, "total", "parts", pl.lit(len(present)).alias("n"),
                                                       what.alias("what")))
    return pl.concat(out, how="vertical_relaxed") if out else pl.DataFrame()


def _summary_checks(frames: Frames) -> pl.DataFrame:
    """总计 = 本年收入 + 年初结转 (+ 非财政拨款结余); 总计 = 本年支出 + 年末结转 (+ 结余分配);
    本年支出合计 = Σ 功能分类（类） lines of the 总表."""
    s = frames.summary.sort("page")
    first = s.unique(["doc_id", "table", "item"], keep="first", maintain_order=True)
    rows = []
    by_doc: dict[tuple[str, str], dict[str, dict]] = {}
    for r in first.iter_rows(named=True):
        by_doc.setdefault((r["doc_id"], r["table"]), {})[r["item"]] = r
    classes = _class_names()
    for (doc_id, table), items in by_doc.items():
        for total, parts in (("grand_total", ("income_total", "opening_balance", "non_fiscal_balance_used")),
                             ("grand_total_expenditure",
                              ("expenditure_total", "closing_balance", "balance_distribution"))):
            if total in items and parts[0] in items:
                got = [items[x]["amount"] for x in parts if x in items]
                rows.append({**items[total], "what": f"{TABLE_LABELS.get(table, table)} {items[total]['label']}（"
                             + ("收入" if total == "grand_total" else "支出") + "方）vs 本年合计 + 结转结余",
                             "total": items[total]["amount"], "parts": sum(got), "n": len(got)})
        fn = s.filter(pl.col("doc_id") == doc_id, pl.col("table") == table, pl.col("item") == "function_class")
        fn = fn.filter(pl.col("label").map_elements(_norm_name, return_dtype=pl.String).is_in(classes))
        if "expenditure_total" in items and fn.height:
            fn = fn.unique("label", keep="first")
            rows.append({**items["expenditure_total"], "what": f"{TABLE_LABELS.get(table, table)} 本年支出合计 vs 各功能分类（类）",
                         "total": items["expenditure_total"]["amount"], "parts": fn["amount"].sum(), "n": fn.height})
    return pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()


def _economic_checks(frames: Frames) -> pl.DataFrame:
    """人员经费合计 / 公用经费合计 / 合计 vs Σ 类; 类 vs Σ 款 in the basic-expenditure table."""
    e = frames.economic_items.sort("page")
    rows = []
    for (doc_id,), g in e.group_by(["doc_id"], maintain_order=True):
        lines = g.filter(pl.col("code").is_not_null()).unique("code", keep="first", maintain_order=True)
        coded = {r["code"]: r for r in lines.iter_rows(named=True)}
        classes = [c for c in coded if len(c) == 3]
        for r in g.filter(pl.col("code").is_null()).iter_rows(named=True):
            name = _norm_name(r["name"])
            if name in ("人员经费合计", "公用经费合计"):
                group = "personnel" if name.startswith("人员") else "public"
                parts = [coded[c]["amount"] for c in classes if coded[c]["group"] == group]
            elif name == "合计":
                parts = [coded[c]["amount"] for c in classes]
            else:
                continue
            if parts:
                rows.append({**r, "what": f"基本支出经济分类表 {r['name']} vs 各类", "total": r["amount"],
                             "parts": sum(parts), "n": len(parts)})
        for c in classes:
            kids = [coded[k]["amount"] for k in coded if len(k) == 5 and k.startswith(c)]
            if kids:
                rows.append({**coded[c], "what": f"基本支出经济分类表 {c} {coded[c]['name']} vs 各款",
                             "total": coded[c]["amount"], "parts": sum(kids), "n": len(kids)})
    return pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()


@rule("totals_mismatch", "error", "表内合计不等于各组成部分之和（合计/类/款/项；基本支出+项目支出；经济分类）",
      rounding=ROUNDING)
def totals_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A printed total ≠ the sum of its printed parts beyond rounding per part (within → info)."""
    li = _dedup_lines(frames.line_items)
    parts = [df for df in (_hierarchy_checks(li), _measure_checks(li), _summary_checks(frames), _economic_checks(frames))
             if not df.is_empty()]
    if not parts:
        return _emit(pl.DataFrame(), str, dict)
    cols = [*COMMON, "what", "total", "parts", "n"]
    checks = pl.concat([df.select(cols) for df in parts], how="vertical_relaxed")
    checks = checks.with_columns((pl.col("total") - pl.col("parts")).round(2).alias("diff"),
                                 (pl.col("n") * p["rounding"]).alias("tol")).filter(pl.col("diff").abs() >= _EPS)
    beyond = checks.filter(pl.col("diff").abs() > pl.col("tol") + 1e-9)
    errors = _emit(
        beyond,
        lambda r: f"{r['what']}：合计 {_w(r['total'])} ≠ 分项之和 {_w(r['parts'])}（差 {r['diff']:+,.2f}）",
        lambda r: {"check": r["what"], "total": r["total"], "sum_of_parts": round(r["parts"], 2), "parts": r["n"],
                   "difference": r["diff"], "tolerance": round(r["tol"], 2)},
    )
    return pl.concat([errors, _rounding_notes(checks.filter(pl.col("diff").abs() <= pl.col("tol") + 1e-9))])


def _rounding_notes(checks: pl.DataFrame) -> pl.DataFrame:
    """One info note per document and page for the sums that differ only within 尾数误差."""
    if checks.is_empty():
        return _emit(pl.DataFrame(), str, dict)
    notes = checks.sort("what").group_by(COMMON, maintain_order=True).agg(
        pl.struct("what", "total", "parts", "diff").alias("_checks"), pl.col("diff").abs().max().alias("_max"))
    return _emit(
        notes,
        lambda r: (f"第{r['page']}页有 {len(r['_checks'])} 处合计与分项之和相差不超过 {r['_max']:.2f} 万元，"
                   f"属尾数误差：" + "；".join(f"{c['what']}（{c['total']:,.2f} vs {c['parts']:,.2f}）" for c in r["_checks"][:3])
                   + ("……" if len(r["_checks"]) > 3 else "")),
        lambda r: {"checks": [{"check": c["what"], "total": c["total"], "sum_of_parts": round(c["parts"], 2),
                               "difference": c["diff"]} for c in r["_checks"]]},
        lambda r: "info",
    )


def _line_total(li: pl.DataFrame, table: str, measure: str = "total") -> pl.DataFrame:
    """doc_id → the 合计 line of a table (amount, page)."""
    return li.filter(pl.col("table") == table, pl.col("key") == "", pl.col("measure") == measure).select(
        "doc_id", pl.col("amount").alias("b"), pl.col("page").alias("b_page"))


def _summary_item(frames: Frames, table: str, item: str) -> pl.DataFrame:
    s = frames.summary.filter(pl.col("table") == table, pl.col("item") == item).sort("page")
    return s.unique("doc_id", keep="first").select(*COMMON, pl.col("amount").alias("a"))


def _cross_pairs(frames: Frames) -> list[pl.DataFrame]:
    """(a, b) pairs of one quantity printed in two tables of a document, with labels."""
    li = _dedup_lines(frames.line_items)
    pairs = []
    for item, table, label in (("expenditure_total", "expenditure", "总表 本年支出合计 vs 支出表 合计"),
                               ("income_total", "income", "总表 本年收入合计 vs 收入表 合计")):
        pairs.append(_summary_item(frames, "summary", item).join(_line_total(li, table), on="doc_id")
                     .with_columns(what=pl.lit(label)))
    fiscal = _summary_item(frames, "fiscal_summary", "expenditure_total")
    gpb = _line_total(li, "gpb_expenditure")
    other_funds = (li.filter(pl.col("table").is_in(["gov_fund", "soe_capital"]), pl.col("key") == "",
                             pl.col("measure") == "total").group_by("doc_id").agg(pl.col("amount").sum().alias("_other")))
    pairs.append(fiscal.join(gpb, on="doc_id").join(other_funds, on="doc_id", how="left")
                 .with_columns(pl.col("b") + pl.col("_other").fill_null(0), what=pl.lit(
                     "财政拨款收支总表 本年支出合计 vs 一般公共预算+政府性基金+国有资本经营预算财政拨款支出表 合计")))
    # 总表 功能分类（类） lines vs the 类 lines of the expenditure table, by name
    for table, lines in (("summary", "expenditure"), ("fiscal_summary", "gpb_expenditure")):
        s = frames.summary.filter(pl.col("table") == table, pl.col("item") == "function_class").sort("page").with_columns(
            pl.col("label").map_elements(_norm_name, return_dtype=pl.String).alias("_name")).unique(
            ["doc_id", "_name"], keep="first")
        t = li.filter(pl.col("table") == lines, pl.col("key").str.len_chars() == 3, pl.col("measure") == "total")
        t = t.with_columns(pl.col("name").map_elements(_norm_name, return_dtype=pl.String).alias("_name")).select(
            "doc_id", "_name", pl.col("amount").alias("b"), pl.col("page").alias("b_page"))
        pairs.append(s.select(*COMMON, "_name", pl.col("amount").alias("a")).join(t, on=["doc_id", "_name"])
                     .with_columns(what=pl.format(f"{TABLE_LABELS[table]} {{}} vs {TABLE_LABELS[lines]} 同名类", "_name")))
    # 基本支出: 一般公共预算财政拨款支出表 vs 基本支出经济分类表
    econ = frames.economic_items.filter(pl.col("code").is_null()).with_columns(
        pl.col("name").map_elements(_norm_name, return_dtype=pl.String).alias("_name"))
    econ_total = pl.concat([
        econ.filter(pl.col("_name").is_in(["人员经费合计", "公用经费合计"])).group_by("doc_id").agg(
            pl.col("amount").sum().alias("b"), pl.col("page").max().alias("b_page"), pl.len().alias("_n"))
        .filter(pl.col("_n") == 2).drop("_n"),
        econ.filter(pl.col("_name") == "合计").group_by("doc_id").agg(pl.col("amount").first().alias("b"),
                                                                    pl.col("page").first().alias("b_page")),
    ]).unique("doc_id", keep="first")
    gpb_basic = li.filter(pl.col("table") == "gpb_expenditure", pl.col("key") == "", pl.col("measure") == "basic").select(
        *COMMON, pl.col("amount").alias("a"))
    pairs.append(gpb_basic.join(econ_total, on="doc_id").with_columns(
        what=pl.lit("一般公共预算财政拨款支出表 基本支出合计 vs 基本支出经济分类表 人员经费+公用经费")))
    return [df.select(*COMMON, "what", "a", "b", "b_page") for df in pairs if not df.is_empty()]


_SANGONG_ECONOMIC = {"reception": "30217", "vehicle_operation": "30231", "overseas": "30212", "vehicle_purchase": "31013"}


def _sangong_vs_economic(frames: Frames) -> pl.DataFrame:
    """Final accounts: a 基本支出 economic line (e.g. 30217 公务接待费) larger than its 三公 actual."""
    finals = frames.documents.filter(pl.col("doc_kind") == "final_account").select("doc_id")
    sg = (frames.sangong.filter(pl.col("stage") == "actual", pl.col("source").fill_null("table") == "table")
          .join(finals, on="doc_id").unique(["doc_id", "item"], keep="first")
          .with_columns(pl.col("item").replace_strict(_SANGONG_ECONOMIC, default=None).alias("code"))
          .filter(pl.col("code").is_not_null()))
    econ = frames.economic_items.filter(pl.col("code").is_in(list(_SANGONG_ECONOMIC.values()))).unique(
        ["doc_id", "code"], keep="first").select("doc_id", "code", pl.col("name").alias("_econ_name"),
                                                 pl.col("amount").alias("_econ"), pl.col("page").alias("_econ_page"))
    return sg.join(econ, on=["doc_id", "code"]).filter(pl.col("_econ") - pl.col("amount") > _EPS)


@rule("cross_table_mismatch", "error", "同一数字在同一文件的两张表中不一致（如总表支出合计与支出表合计；"
      "基本支出经济分类中的公务接待费大于“三公”表公务接待费）", rounding=ROUNDING)
def cross_table_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """Equal quantities in two tables differ beyond rounding (error; within → info); 三公 vs 经济分类 → warning."""
    pairs = _cross_pairs(frames)
    eq = pl.concat(pairs, how="vertical_relaxed") if pairs else pl.DataFrame()
    if not eq.is_empty():
        eq = eq.with_columns((pl.col("a") - pl.col("b")).round(2).alias("diff")).filter(pl.col("diff").abs() >= _EPS)
    flags = [_emit(
        eq,
        lambda r: f"{r['what']}：{_w(r['a'])} ≠ {_w(r['b'])}（第{r['b_page']}页）" + _within(r["diff"], p["rounding"]),
        lambda r: {"check": r["what"], "first": r["a"], "second": r["b"], "second_page": r["b_page"],
                   "difference": r["diff"]},
        lambda r: _rounding_severity(r["diff"], p["rounding"]),
    )]
    sg = _sangong_vs_economic(frames)
    flags.append(_emit(
        sg,
        lambda r: (f"基本支出经济分类表 {r['code']} {r['_econ_name']} {_w(r['_econ'])} 万元（第{r['_econ_page']}页）"
                   f"大于“三公”经费表{SANGONG_ITEMS[r['item']]}决算 {_w(r['amount'])} 万元，而“三公”经费应包含基本支出中的该项"),
        lambda r: {"item": r["item"], "sangong_actual": r["amount"], "economic_code": r["code"],
                   "economic_amount": r["_econ"], "economic_page": r["_econ_page"]},
        lambda r: "warning",
    ))
    return pl.concat(flags)


# ---------------------------------------------------------------- prose vs tables


def _table_values(frames: Frames) -> pl.DataFrame:
    """(doc_id, key, table amount, table page) for every figure a narrative key describes."""
    li = _dedup_lines(frames.line_items)
    out = []
    for key, table, item in (("grand_total", "summary", "grand_total"), ("income_total", "summary", "income_total"),
                             ("expenditure_total", "summary", "expenditure_total"),
                             ("fiscal_grand_total", "fiscal_summary", "grand_total")):
        s = frames.summary.filter(pl.col("table") == table, pl.col("item") == item)
        s = s.sort("page").unique("doc_id", keep="first")
        out.append(s.select("doc_id", pl.lit(key).alias("key"), "amount", "page"))
    for key, table, measure in (("basic_total", "expenditure", "basic"), ("project_total", "expenditure", "project"),
                                ("fiscal_basic_total", "gpb_expenditure", "basic")):
        t = li.filter(pl.col("table") == table, pl.col("key") == "", pl.col("measure") == measure)
        out.append(t.select("doc_id", pl.lit(key).alias("key"), "amount", "page"))
    econ = frames.economic_items.filter(pl.col("code").is_null()).with_columns(
        pl.col("name").map_elements(_norm_name, return_dtype=pl.String).alias("_name"))
    for key, name in (("personnel_total", "人员经费合计"), ("public_total", "公用经费合计")):
        e = econ.filter(pl.col("_name") == name).unique("doc_id", keep="first")
        out.append(e.select("doc_id", pl.lit(key).alias("key"), "amount", "page"))
    sg = frames.sangong.filter(pl.col("source").fill_null("table") == "table")
    sg = sg.unique(["doc_id", "stage", "item"], keep="first")
    out.append(sg.select("doc_id", pl.format("sangong_{}_{}", "item", "stage").alias("key"), "amount", "page"))
    return pl.concat(out, how="vertical_relaxed").rename({"amount": "table_amount", "page": "table_page"})


def _narrative_vs_tables(frames: Frames) -> pl.DataFrame:
    """Narrative figures joined with the table figure they describe: same document first, else a
    document of the same agency, year and kind (a narrative PDF published beside a tables PDF)."""
    nar = frames.narrative.filter(pl.col("amount").is_not_null(), pl.col("key").is_in(list(NARRATIVE_LABELS)))
    if nar.is_empty():
        return nar.with_columns(pl.lit(None, dtype=pl.Float64).alias("table_amount"),
                                pl.lit(None, dtype=pl.Int32).alias("table_page"),
                                pl.lit(None, dtype=pl.String).alias("table_doc_id"))
    values = _table_values(frames)
    group = frames.documents.select("doc_id", "doc_kind")
    same = nar.join(values, on=["doc_id", "key"]).with_columns(pl.col("doc_id").alias("table_doc_id"))
    rest = nar.join(values, on=["doc_id", "key"], how="anti").join(group, on="doc_id")
    sibling_values = values.join(group.join(frames.documents.select("doc_id", "region_code", "agency_id", "year"),
                                            on="doc_id"), on="doc_id").rename({"doc_id": "table_doc_id"})
    sib = (rest.join(sibling_values, on=["region_code", "agency_id", "year", "doc_kind", "key"])
           .filter(pl.col("table_doc_id") != pl.col("doc_id")).sort("table_doc_id")
           .unique(["doc_id", "key", "page", "amount"], keep="first").drop("doc_kind"))
    return pl.concat([same, sib.select(same.columns)])


def _printed_tolerance(amount: float) -> float:
    """Half a unit of the last digit a prose figure prints (at least the 0.01 rounding)."""
    text = f"{amount:.6f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return max(ROUNDING, 0.5 * 10 ** (-decimals))


def _off_by_10k(a: float, b: float, unit: str | None = None) -> bool:
    """Is prose figure a ≈ table figure b × 10⁴ or ÷ 10⁴ (元 written for 万元 or the reverse)?

    A prose figure printed in 元 was divided by 10⁴ and stored with 2 decimals, so it is
    compared at that precision (± 0.005 万元 = ± 50 元)."""
    if not a or not b:
        return False
    ratio = abs(a / b)
    if abs(ratio / 1e4 - 1) < 0.005 or abs(ratio * 1e4 - 1) < 0.005:
        return True
    return unit == "元" and abs(b) >= 1 and abs(a * 1e4 - b) <= 0.0051 * 1e4


@rule("narrative_table_mismatch", "error", "情况说明中的数字与其所说明的表格不一致")
def narrative_table_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A prose figure differs from its table beyond the precision printed (within 0.01 → info)."""
    rows = []
    for r in _narrative_vs_tables(frames).iter_rows(named=True):
        diff = round(r["amount"] - r["table_amount"], 2)
        if _off_by_10k(r["amount"], r["table_amount"], r["unit"]):
            continue  # unit_mismatch reports it
        sev = _rounding_severity(diff, _printed_tolerance(r["amount"]))
        if sev:
            rows.append({**r, "_diff": diff, "_sev": sev})
    df = pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()
    return _emit(
        df,
        lambda r: (f"情况说明称{NARRATIVE_LABELS[r['key']]}为 {_w(r['amount'])} 万元（第{r['page']}页），"
                   f"表中为 {_w(r['table_amount'])} 万元（第{r['table_page']}页）"
                   + _within(r["_diff"], _printed_tolerance(r["amount"]))),
        lambda r: {"key": r["key"], "narrative": r["amount"], "table": r["table_amount"], "table_page": r["table_page"],
                   "table_doc_id": r["table_doc_id"], "difference": r["_diff"], "text": r["text"]},
        lambda r: r["_sev"],
    )


@rule("unit_mismatch", "error", "情况说明与表格的同一数字相差一万倍（元与万元混用）")
def unit_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A prose figure is its table figure × 10⁴ or ÷ 10⁴."""
    df = _narrative_vs_tables(frames)
    hits = df.filter(pl.struct("amount", "table_amount", "unit").map_elements(
        lambda s: _off_by_10k(s["amount"], s["table_amount"], s["unit"]), return_dtype=pl.Boolean)) if df.height else df
    return _emit(
        hits,
        lambda r: (f"情况说明称{NARRATIVE_LABELS[r['key']]}为 {r['amount']:,.4f} 万元（原文单位“{r['unit'] or ''}”），"
                   f"表中为 {_w(r['table_amount'])} 万元（第{r['table_page']}页），相差一万倍，疑为元与万元混用"),
        lambda r: {"key": r["key"], "narrative": r["amount"], "unit_printed": r["unit"], "table": r["table_amount"],
                   "table_page": r["table_page"], "ratio": r["amount"] / r["table_amount"], "text": r["text"]},
    )


# ---------------------------------------------------------------- disclosure completeness and naming


_EMPTY_NOTE = re.compile(r"^(?P<title>.+?)（第(?P<page>\d+)页）为空表但未说明")


@rule("missing_tables", "warning",
      "决算或预算缺少公开规定要求的表格，或空表未作说明（未识别到任何表格时仅作提示：表格可能另行发布）")
def missing_tables(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """Required table families absent from every PDF of an agency-year-kind; empty tables without 空表说明."""
    docs = frames.documents.filter(pl.col("doc_kind").is_in(list(REQUIRED_TABLES)))
    rows = []
    for _, g in docs.group_by(["region_code", "agency_id", "year", "doc_kind"], maintain_order=True):
        found = {t for ts in g["tables"].to_list() for t in (ts or [])}
        kind = g["doc_kind"][0]
        missing = [t for t in REQUIRED_TABLES[kind] if t not in found]
        if missing:
            lead = g.with_columns(pl.col("tables").list.len().fill_null(0).alias("_n")).sort(
                ["_n", "doc_id"], descending=[True, False]).row(0, named=True)
            rows.append({**lead, "page": None, "_missing": missing, "_files": g["source_name"].to_list(), "_kind": kind,
                         "_none": len(missing) == len(REQUIRED_TABLES[kind])})
    absent = pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()
    kinds = {"final_account": "部门决算", "budget": "部门预算"}
    flags = [_emit(
        absent,
        lambda r: (f"{r['year']} 年{kinds[r['_kind']]}（已入库 {len(r['_files'])} 个文件）中未找到："
                   + "、".join(TABLE_LABELS.get(t, t) for t in r["_missing"])
                   + ("；一张规定表格也未识别到，表格可能另行发布而未入库" if r["_none"] else "")),
        lambda r: {"missing": r["_missing"], "files": r["_files"], "none_found": r["_none"]},
        lambda r: "info" if r["_none"] else None,
    )]
    notes = []
    for r in docs.iter_rows(named=True):
        for w in r["warnings"] or []:
            m = _EMPTY_NOTE.match(w)
            if m:
                notes.append({**r, "page": int(m["page"]), "_title": m["title"]})
    flags.append(_emit(
        pl.DataFrame(notes, infer_schema_length=None) if notes else pl.DataFrame(),
        lambda r: f"{r['_title']}（第{r['page']}页）为空表，但未注明“本表无数据”之类的空表说明",
        lambda r: {"table": r["_title"], "empty": True},
    ))
    return pl.concat(flags)


def _region_prefixes(region_code: str | None) -> list[str]:
    """Names of a region and its ancestors (full, short, abbreviated), longest first."""
    from fiscal.gazetteer import abbreviations, ancestors, by_code, short_names

    if not region_code:
        return []
    try:
        region = by_code(region_code)
    except KeyError:
        return []
    names = {region.full_name}
    for code in [region.code, *ancestors(region.code)]:
        name = by_code(code).name
        names.update([name, *abbreviations(name), *short_names(name)])
    return sorted((n for n in names if n), key=len, reverse=True)


def agency_key(name: str, region_code: str | None) -> str:
    """An agency name reduced for comparison: canonical spelling, no region prefix, no 本级."""
    key = _norm_name(canonical_agency(unicodedata.normalize("NFKC", name)))
    key = re.sub(r"本级$", "", key)
    prefix = "中共" if key.startswith("中共") else ""
    rest = key[len(prefix):]
    for region in _region_prefixes(region_code):
        if rest.startswith(region) and len(rest) > len(region):
            rest = rest[len(region):]
            break
    return prefix + rest


def same_agency(a: str, b: str, region_code: str | None) -> bool:
    """Do two printed names denote one agency (spelling variants, region prefix, a name cut by a line wrap)?"""
    ka, kb = agency_key(a, region_code), agency_key(b, region_code)
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    return len(short) >= 3 and long.startswith(short)


@rule("agency_name_inconsistent", "warning", "封面、表头与情况说明中的单位名称不一致")
def agency_name_inconsistent(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A table header or the prose names another agency than the cover (the document's agency without a cover)."""
    names = frames.narrative.filter(pl.col("key").str.starts_with("agency_name_"), pl.col("value").is_not_null())
    cover = names.filter(pl.col("key") == "agency_name_cover").sort("page").unique("doc_id", keep="first").select(
        "doc_id", pl.col("value").alias("_cover"), pl.col("page").alias("_cover_page"))
    others = names.filter(pl.col("key") != "agency_name_cover").join(cover, on="doc_id", how="left").with_columns(
        pl.coalesce("_cover", "agency").alias("_ref"))
    differs = pl.struct("value", "_ref", "region_code").map_elements(
        lambda s: not same_agency(s["value"], s["_ref"], s["region_code"]), return_dtype=pl.Boolean)
    hits = others.filter(differs) if others.height else others
    hits = hits.sort("page").unique(["doc_id", "key", "value"], keep="first", maintain_order=True)
    where = {"agency_name_table": "表头", "agency_name_prose": "情况说明"}
    return _emit(
        hits,
        lambda r: (f"{'封面' if r['_cover'] else '文件'}单位为“{r['_ref']}”，第{r['page']}页{where.get(r['key'], '')}"
                   f"写作“{r['value']}”"),
        lambda r: {"reference": r["_ref"], "reference_source": "cover" if r["_cover"] else "document",
                   "cover_page": r["_cover_page"], "name": r["value"], "where": r["key"], "text": r["text"]},
    )


@cache
def national_codes() -> dict[str, tuple[str, ...]]:
    """Function code → its names in the national classification (current name first, then older ones)."""
    out: dict[str, list[str]] = {}
    with FUNCTION_CODES.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["code"], []).append(row["name"])
    return {k: tuple(v) for k, v in out.items()}


@cache
def _class_names() -> frozenset[str]:
    """The 类 names of the classification, folded (to tell 功能分类 lines from others in a 总表)."""
    return frozenset(_norm_name(n) for code, names in national_codes().items() if len(code) == 3 for n in names)


def _similarity(a: str, b: str) -> float:
    """0–100 similarity of two names, tolerant of a name cut short by a line wrap."""
    a, b = _norm_name(a), _norm_name(b)
    try:
        from rapidfuzz import fuzz

        return max(fuzz.ratio(a, b), fuzz.partial_ratio(a, b) if min(len(a), len(b)) >= 4 else 0.0)
    except ImportError:  # the dashboard can run without rapidfuzz
        from difflib import SequenceMatcher

        return 100.0 * SequenceMatcher(None, a, b).ratio()


@rule("code_name_mismatch", "warning", "功能分类科目编码与名称不符合国家政府收支分类科目", min_similarity=70.0)
def code_name_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A printed (code, name) whose name is unlike every national name of that code (unknown codes pass)."""
    codes = national_codes()
    lines = (frames.line_items.filter(pl.col("code").is_in(list(codes)), pl.col("name").is_not_null())
             .sort("page").unique(["doc_id", "code", "name"], keep="first", maintain_order=True))
    rows = []
    for r in lines.iter_rows(named=True):
        best = max(_similarity(r["name"], n) for n in codes[r["code"]])
        if best < p["min_similarity"]:
            rows.append({**r, "_expected": codes[r["code"]][0], "_score": round(best, 1)})
    df = pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()
    return _emit(
        df,
        lambda r: (f"{TABLE_LABELS.get(r['table'], r['table'])}科目 {r['code']} 印作“{r['name']}”，"
                   f"国家分类中该编码为“{r['_expected']}”"),
        lambda r: {"code": r["code"], "printed": r["name"], "national": list(codes[r["code"]]),
                   "similarity": r["_score"], "table": r["table"]},
    )


# ---------------------------------------------------------------- across documents


def _budget_docs(frames: Frames) -> pl.DataFrame:
    return frames.documents.filter(pl.col("doc_kind") == "budget").select(
        pl.col("doc_id").alias("budget_doc_id"), "region_code", "agency_id", "year", "scope")


@rule("budget_final_mismatch", "warning",
      "决算引用的年初预算数与同一单位同年度部门预算不一致（三公预算数为全年调整后预算时仅作提示）")
def budget_final_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """决算 年初预算 (prose) vs the 预算 document's figures; 决算 三公 预算数 vs the 预算's 三公 (info)."""
    finals = frames.documents.filter(pl.col("doc_kind") == "final_account").select("doc_id")
    budgets = _budget_docs(frames)
    flags = []
    if budgets.is_empty() or finals.is_empty():
        return _emit(pl.DataFrame(), str, dict)
    # 三公: the final account's 预算数 vs the budget document's (best source per item)
    best = sangong_best(frames.sangong, _kind_of(frames))
    planned = best.filter(pl.col("doc_kind") == "budget", pl.col("stage") == "budget").select(
        "agency_id", "year", "item", pl.col("amount").alias("_budget"), pl.col("doc_id").alias("_bdoc"),
        pl.col("page").alias("_bpage"))
    fin = frames.sangong.filter(pl.col("stage") == "budget", pl.col("source").fill_null("table") == "table").join(
        finals, on="doc_id").unique(["doc_id", "item"], keep="first")
    sg = fin.join(planned, on=["agency_id", "year", "item"]).filter((pl.col("amount") - pl.col("_budget")).abs() >= _EPS)
    flags.append(_emit(
        sg,
        lambda r: (f"决算“三公”经费表{SANGONG_ITEMS[r['item']]}预算数 {_w(r['amount'])} 万元，与 {r['year']} 年部门预算中的 "
                   f"{_w(r['_budget'])} 万元（第{r['_bpage']}页）不同；决算表的预算数可能是调整后的全年预算"),
        lambda r: {"item": r["item"], "final_account_budget": r["amount"], "budget_document": r["_budget"],
                   "budget_doc_id": r["_bdoc"], "budget_page": r["_bpage"]},
        lambda r: "info",
    ))
    # 年初预算 stated in the final account's prose vs the budget's 一般公共预算 expenditure (合计 and per 项)
    li = _dedup_lines(frames.line_items).join(budgets, left_on="doc_id", right_on="budget_doc_id")
    gpb = li.filter(pl.col("table") == "gpb_expenditure", pl.col("measure") == "total")
    totals = gpb.filter(pl.col("key") == "").select(
        "agency_id", "year", pl.col("amount").alias("_budget"), pl.col("doc_id").alias("_bdoc"),
        pl.col("page").alias("_bpage"))
    items = gpb.filter(pl.col("key").str.len_chars() == 7)
    items = items.with_columns(pl.col("name").map_elements(_norm_name, return_dtype=pl.String).alias("_name"))
    items = items.filter(pl.len().over("doc_id", "_name") == 1).select(
        "agency_id", "year", "_name", pl.col("amount").alias("_budget"), pl.col("doc_id").alias("_bdoc"),
        pl.col("page").alias("_bpage"), pl.col("key").alias("_code"))
    nar = frames.narrative.join(finals, on="doc_id")
    total_nar = nar.filter(pl.col("key") == "fiscal_expenditure_initial").join(totals, on=["agency_id", "year"])
    item_nar = nar.filter(pl.col("key") == "initial_budget_item").with_columns(
        pl.col("value").map_elements(_norm_name, return_dtype=pl.String).alias("_name")).join(
        items, on=["agency_id", "year", "_name"])
    both = pl.concat([total_nar.with_columns(pl.lit(None, dtype=pl.String).alias("_code")), item_nar.drop("_name")],
                     how="diagonal_relaxed")
    both = both.filter((pl.col("amount") - pl.col("_budget")).abs() > pl.col("amount").map_elements(
        _printed_tolerance, return_dtype=pl.Float64)) if both.height else both
    flags.append(_emit(
        both,
        lambda r: (f"决算说明称{'一般公共预算财政拨款支出' if r['_code'] is None else '“' + r['value'] + '”'}年初预算为 "
                   f"{_w(r['amount'])} 万元（第{r['page']}页），{r['year']} 年部门预算中为 {_w(r['_budget'])} 万元"
                   f"（第{r['_bpage']}页）"),
        lambda r: {"final_account_initial_budget": r["amount"], "budget_document": r["_budget"], "code": r["_code"],
                   "budget_doc_id": r["_bdoc"], "budget_page": r["_bpage"], "text": r["text"]},
    ))
    return pl.concat(flags)


def agency_type(name: str | None) -> str:
    """A crude agency type from the name's suffix (局, 委员会, 中心 …)."""
    text = re.sub(r"[（(]?本级[)）]?$", "", _norm_name(name))
    for suffix, kind in AGENCY_TYPES:
        if text.endswith(suffix):
            return kind
    return "其他"


_METRIC_LABELS = {"sangong_actual": "“三公”经费决算数（万元）", "sangong_growth": "“三公”经费决算增长率",
                  "exec_rate_mean": "项目平均预算执行率", "self_score_mean": "项目平均自评总分"}
_LOW_IS_ODD = {"exec_rate_mean"}


def _peer_metrics(frames: Frames) -> pl.DataFrame:
    """Per agency-year (department scope first), the values compared with peers."""
    cols = [*COMMON, "metric", "value"]
    out = []
    series = _sangong_series(frames).filter(pl.col("series") == "actual")
    if series.height:
        out.append(series.select(*COMMON, pl.lit("sangong_actual").alias("metric"), pl.col("amount").alias("value")))
        prev = series.select("agency_id", (pl.col("year") + 1).cast(pl.Int32).alias("year"), pl.col("amount").alias("_p"))
        growth = series.join(prev, on=["agency_id", "year"]).filter(pl.col("_p") > 0)
        out.append(growth.select(*COMMON, pl.lit("sangong_growth").alias("metric"),
                                 ((pl.col("amount") - pl.col("_p")) / pl.col("_p")).alias("value")))
    with_projects = frames.documents.join(frames.projects.select("doc_id").unique(), on="doc_id", how="semi")
    proj = _project_rate(frames.projects).join(_best_docs(with_projects).select("doc_id"), on="doc_id")
    if proj.height:
        keys = ["doc_id", "region_code", "region", "agency_id", "agency", "year"]
        agg = proj.group_by(keys).agg(pl.col("page").min(), pl.col("_rate").mean().alias("exec_rate_mean"),
                                      pl.col("total_score").mean().alias("self_score_mean"))
        out.append(agg.unpivot(index=[*keys, "page"], on=["exec_rate_mean", "self_score_mean"], variable_name="metric")
                   .filter(pl.col("value").is_not_null()).select(cols))
    return pl.concat([df.select(cols) for df in out], how="vertical_relaxed") if out else pl.DataFrame(
        schema={**{c: frames.sangong.schema[c] for c in COMMON}, "metric": pl.String, "value": pl.Float64})


@rule("peer_outlier", "warning", "指标超出同省同类单位的四分位距上限（Q3 + 1.5×IQR；执行率看下限）",
      iqr_factor=1.5, min_peers=5)
def peer_outlier(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A value beyond its peers' IQR fence; peers = same province × agency type × year × metric, ≥ min_peers."""
    m = _peer_metrics(frames)
    if m.is_empty():
        return _emit(pl.DataFrame(), str, dict)
    m = m.with_columns(pl.col("region_code").str.slice(0, 2).alias("_province"),
                       pl.col("agency").map_elements(agency_type, return_dtype=pl.String).alias("_type"))
    peers = ["_province", "_type", "year", "metric"]
    stats = m.group_by(peers).agg(
        pl.len().alias("_n"), pl.col("value").quantile(0.25, "linear").alias("_q1"),
        pl.col("value").quantile(0.75, "linear").alias("_q3"), pl.col("value").median().alias("_median"))
    k = p["iqr_factor"]
    m = m.join(stats.filter(pl.col("_n") >= p["min_peers"]), on=peers).with_columns(
        (pl.col("_q3") + k * (pl.col("_q3") - pl.col("_q1"))).alias("_upper"),
        (pl.col("_q1") - k * (pl.col("_q3") - pl.col("_q1"))).alias("_lower"))
    low = pl.col("metric").is_in(list(_LOW_IS_ODD))
    beyond = pl.when(low).then(pl.col("value") < pl.col("_lower") - 1e-9).otherwise(
        pl.col("value") > pl.col("_upper") + 1e-9)
    hits = m.filter(beyond)

    def fmt(metric: str, x: float) -> str:
        return _pct(x) if metric in ("sangong_growth", "exec_rate_mean") else f"{x:,.2f}"

    return _emit(
        hits,
        lambda r: (f"{_METRIC_LABELS[r['metric']]}为 {fmt(r['metric'], r['value'])}，同省同类（{r['_type']}）{r['_n']} 个单位"
                   f"中位数 {fmt(r['metric'], r['_median'])}，"
                   + (f"低于下限 {fmt(r['metric'], r['_lower'])}" if r["metric"] in _LOW_IS_ODD
                      else f"超过上限 Q3+{k:g}×IQR = {fmt(r['metric'], r['_upper'])}")),
        lambda r: {"metric": r["metric"], "value": r["value"], "peers": r["_n"], "q1": r["_q1"], "q3": r["_q3"],
                   "median": r["_median"], "fence": r["_lower"] if r["metric"] in _LOW_IS_ODD else r["_upper"],
                   "agency_type": r["_type"], "province_code": r["_province"]},
    )


def describe() -> pl.DataFrame:
    """The rule table: id, default severity, description and threshold defaults (for the dashboard)."""
    return pl.DataFrame([{"rule": r.id, "severity": r.severity, "description": r.description,
                          "params": json.dumps(r.params, ensure_ascii=False)} for r in RULES.values()])


__all__ = ["FLAG_SCHEMA", "Frames", "REQUIRED_TABLES", "RULES", "Rule", "SEVERITIES", "agency_type", "at_least",
           "describe", "empty_flags", "evaluate", "national_codes", "rule", "same_agency"]
