"""The rule machinery: `Frames` (the input), `Rule` and the `RULES` registry filled by `@rule`,
`evaluate`, and what rule functions use to build their flags (`emit`, number formatting,
the rounding tolerance).

A rule function takes `Frames` and its parameters and returns the rows it flags: the common
columns (`COMMON`), project, message (Chinese, with the numbers), evidence (JSON of the
numbers compared) and optionally a per-row severity. `evaluate` adds the rule id and the
default severity.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import polars as pl

from fiscal import snapshot
from fiscal.schema import DATASETS, SCANNED_NOTE, conform, empty

SEVERITIES: tuple[str, ...] = ("info", "warning", "error")
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
ROUNDING = 0.01  # 万元 per published line (尾数误差)
EPS = 0.005  # below this two 2-decimal amounts are equal
COMMON: list[str] = ["doc_id", "region_code", "region", "agency_id", "agency", "year", "page"]
CATEGORIES: tuple[str, ...] = ("finding", "reading")  # about the document | about how the ingest read it
FLAG_SCHEMA = pl.Schema({
    "rule": pl.String(), "severity": pl.String(), "category": pl.String(), "region": pl.String(),
    "agency": pl.String(), "year": pl.Int32(),
    "project": pl.String(), "message": pl.String(), "evidence": pl.String(), "doc_id": pl.String(),
    "page": pl.Int32(), "region_code": pl.String(), "agency_id": pl.String(),
})
_RAW_SCHEMA = pl.Schema({k: v for k, v in FLAG_SCHEMA.items() if k != "rule"})


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
    readings: pl.DataFrame
    # last and defaulted: frames built before the dataset existed (hand-made, older callers) still work
    project_goals: pl.DataFrame = field(default_factory=lambda: empty("project_goals"))

    @classmethod
    def from_lake(cls, lake: Path) -> Frames:
        """Every dataset of the lake (rows of documents that completed ingest), latest version."""
        return cls(**{f.name: snapshot.read(Path(lake), f.name) for f in fields(cls)})

    @classmethod
    def of(cls, **frames: pl.DataFrame | list[dict[str, Any]]) -> Frames:
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


# Datasets whose rows come from tables (each row carries the reading status of its table).
TABLE_DATASETS: tuple[str, ...] = ("summary", "line_items", "economic_items", "sangong", "projects", "indicators",
                                   "project_goals")


def complete_rows(frames: Frames, dataset: str) -> pl.DataFrame:
    """The rows of `dataset` that the ingest read with confidence: from a table read `complete`,
    or stated in the prose. Rules about a document read their table figures through this."""
    df: pl.DataFrame = getattr(frames, dataset)
    if "reading" not in df.columns:
        return df
    return df.filter(pl.col("reading").is_null() | (pl.col("reading") == "complete"))


def confident(frames: Frames) -> Frames:
    """The frames with only the table rows read with confidence (`complete_rows`): what a
    finding may rest on. Idempotent."""
    return replace(frames, **{d: complete_rows(frames, d) for d in TABLE_DATASETS})


Check = Callable[[Frames, dict[str, float]], pl.DataFrame]


@dataclass(frozen=True)
class Rule:
    """One anomaly rule: stable id, default severity, what it means, threshold defaults."""

    id: str
    severity: str
    description: str
    check: Check
    params: dict[str, float] = field(default_factory=dict)
    # "agency_year": the rule reads only one agency-year's documents, so its flags can be kept per
    # agency-year and recomputed only where documents changed; "agency": it compares one agency's
    # years (recomputed for agencies with a changed document); "province": it compares agencies of one
    # province (peer groups; recomputed for the provinces of changed agencies); "lake": it compares across
    # the lake and is rerun whole. Both run on small per-document data (resident tables, fiscal.reductions).
    scope: str = "lake"
    # "finding": about the document; "reading": about how the ingest read it (info notes only).
    category: str = "finding"
    # The datasets the rule reads; () = any. A rule reading only tables the read side holds whole
    # (fiscal.reductions.RESIDENT) is rerun over the whole lake at once when a reader changes a threshold.
    reads: tuple[str, ...] = ()
    # The rule judges figures or words printed as text no sum proves (the prose; a table's names): on a page
    # read by OCR they are not proven (no arithmetic checks a sentence or a name), so its flags there are
    # notes (info), never an accusation.
    prose: bool = False


RULES: dict[str, Rule] = {}


SCOPES: tuple[str, ...] = ("agency_year", "agency", "province", "lake")


def rule(rule_id: str, severity: str, description: str, scope: str = "lake", category: str = "finding",
         reads: tuple[str, ...] = (), prose: bool = False, **params: float) -> Callable[[Check], Check]:
    """Register a rule function under its id with its default severity, scope, category and thresholds."""
    assert severity in SEVERITIES, severity
    assert scope in SCOPES, scope
    assert category in CATEGORIES, category
    assert category == "finding" or severity == "info", "a reading note is never an error or warning"

    def register(fn: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, severity, description, fn, dict(params), scope, category, reads, prose)
        return fn

    return register


def evaluate(frames: Frames, params_override: dict[str, dict[str, float]] | None = None,
             rules: list[str] | None = None) -> pl.DataFrame:
    """Run the rules (all by default) and return their flags, most severe first.

    Finding rules see only the table rows read `complete` (a partial table's figures never
    accuse the document); reading-note rules see everything."""
    selected = [RULES[r] for r in rules] if rules else list(RULES.values())
    out = [empty_flags()]
    sure = confident(frames)  # findings rest only on tables read `complete` (and prose)
    for r in selected:
        params = {**r.params, **(params_override or {}).get(r.id, {})}
        got = r.check(sure if r.category == "finding" else frames, params)
        if "category" not in got.columns:
            got = got.with_columns(category=pl.lit(None, dtype=pl.String))
        got = got.with_columns(rule=pl.lit(r.id), severity=pl.col("severity").fill_null(r.severity),
                               category=pl.col("category").fill_null(r.category))
        if r.category == "reading":  # a reading note is never an error or warning about the document
            got = got.with_columns(severity=pl.lit("info"))
        elif r.prose and not got.is_empty():
            got = unproven_text(got, frames.documents)
        out.append(got.select(list(FLAG_SCHEMA)))
    flags = pl.concat(out)
    rank = pl.col("severity").replace_strict(SEVERITY_RANK, default=0, return_dtype=pl.Int8)
    return flags.sort([rank, "rule", "region_code", "agency", "year", "doc_id", "page", "message"],
                      descending=[True, False, False, False, False, False, False, False], nulls_last=True)


_OCR_PAGES = re.compile(r"第([\d、]+)(……)?页经OCR识别")
OCR_CAVEAT = "（该页经OCR识别，文字未经核对）"


def ocr_pages(documents: pl.DataFrame) -> dict[str, frozenset[int] | None]:
    """doc_id → the pages its `warnings` say were read by OCR (None: all of them, the list was cut short)."""
    out: dict[str, frozenset[int] | None] = {}
    if "warnings" not in documents.columns:
        return out
    for doc_id, warnings in documents.select("doc_id", "warnings").iter_rows():
        for w in warnings or ():
            m = _OCR_PAGES.search(w) if w.startswith(SCANNED_NOTE) else None
            if m:
                out[doc_id] = None if m[2] else frozenset(int(p) for p in m[1].split("、"))
    return out


def unproven_text(flags: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """A prose rule's flags on pages read by OCR, as info notes saying so (a misread digit is not a finding)."""
    scanned = ocr_pages(documents)
    if not scanned:
        return flags
    hit = pl.Series([d in scanned and (scanned[d] is None or p in scanned[d])  # type: ignore[operator]
                     for d, p in flags.select("doc_id", "page").iter_rows()], dtype=pl.Boolean)
    return flags.with_columns(
        severity=pl.when(hit).then(pl.lit("info")).otherwise(pl.col("severity")),
        message=pl.when(hit).then(pl.col("message") + OCR_CAVEAT).otherwise(pl.col("message")))


def empty_flags() -> pl.DataFrame:
    return pl.DataFrame(schema=FLAG_SCHEMA)


def at_least(flags: pl.DataFrame, severity: str) -> pl.DataFrame:
    """The flags of `severity` or worse."""
    keep = [s for s in SEVERITIES if SEVERITY_RANK[s] >= SEVERITY_RANK[severity]]
    return flags.filter(pl.col("severity").is_in(keep))


def describe() -> pl.DataFrame:
    """The rule table: id, default severity, description and threshold defaults (for the dashboard)."""
    return pl.DataFrame([{"rule": r.id, "severity": r.severity, "category": r.category, "description": r.description,
                          "params": json.dumps(r.params, ensure_ascii=False)} for r in RULES.values()])


# ---------------------------------------------------------------- building a rule's flags


def emit(df: pl.DataFrame, message: Callable[[dict[str, Any]], str],
         evidence: Callable[[dict[str, Any]], dict[str, Any]],
         severity: Callable[[dict[str, Any]], str | None] | None = None) -> pl.DataFrame:
    """Flag rows (rule id added by evaluate) from the rows a rule matched."""
    # the rows as iter_rows(named=True) gives them, converted a column at a time (fewer Python calls per value)
    names = df.columns
    rows = [dict(zip(names, values, strict=True)) for values in zip(*(s.to_list() for s in df.iter_columns()),
                                                                     strict=True)] if df.width else []
    # a column at a time, not a dict per flag: a rule rerun over the lake under a changed threshold emits thousands
    # of flags while the reader waits
    made: dict[str, list[Any]] = {"message": [message(r) for r in rows],
                                  "evidence": [_EVIDENCE.encode(evidence(r)) for r in rows]}
    if severity is not None:
        made["severity"] = [severity(r) for r in rows]
    columns = []
    for name, dtype in _RAW_SCHEMA.items():
        if name in made:
            columns.append(pl.Series(name, made[name], dtype=dtype))
        elif name in df.columns and (name in COMMON or name == "project"):
            columns.append(df.get_column(name).cast(dtype))
        else:
            columns.append(pl.Series(name, [None] * len(rows), dtype=dtype))
    return pl.DataFrame(columns)


# json.dumps(..., ensure_ascii=False) makes an encoder per call: one, kept (the same text)
_EVIDENCE = json.JSONEncoder(ensure_ascii=False)


def no_flags() -> pl.DataFrame:
    """What a rule returns when it has nothing to check."""
    return emit(pl.DataFrame(), str, dict)


def frame_of(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """The rows a rule collected in Python, as a DataFrame (no columns when there are none)."""
    return pl.DataFrame(rows, infer_schema_length=None) if rows else pl.DataFrame()


def evidence_of(text: str | None) -> dict[str, Any]:
    """A flag's evidence as a dict ({} when it is not a JSON object)."""
    try:
        data = json.loads(text) if text else {}
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def on_page(r: dict[str, Any]) -> str:
    """Where a flag's figure is printed, as its message opens: 第N页 (nothing when the flag has no page)."""
    return f"第{r['page']}页" if r.get("page") else ""


def wan(x: float | None) -> str:
    """An amount in 万元 as printed (thousands separators, 2 decimals)."""
    return "—" if x is None else f"{x:,.2f}"


def pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.2f}%"


def num(x: float | None) -> str:
    """A score or count without trailing zeros."""
    return "—" if x is None else f"{x:g}"


def rounding_severity(diff: float, tolerance: float) -> str | None:
    """None when equal, info within published rounding, error beyond it."""
    if abs(diff) < EPS:
        return None
    return "info" if abs(diff) <= tolerance + 1e-9 else "error"


def within(diff: float, tolerance: float) -> str:
    """The difference as a message suffix, saying when it is within 尾数误差."""
    if abs(diff) <= tolerance + 1e-9:
        return f"（差 {diff:+,.2f}，在尾数误差 {tolerance:.2f} 以内）"
    return f"（差 {diff:+,.2f}）"
