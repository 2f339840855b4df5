"""Validation before commit: each dataset's frame against its contract schema (dataframely).

`fiscal.schema` says which columns a dataset has and their types; this module adds the
rules a row must satisfy to be committed:

* types: the frame must have the contract's dtypes (`schema.conform` casts first);
* keys: doc_id non-null, region_code six digits, year 1990–2100, page ≥ 1;
* amounts: non-negative where a negative figure cannot be printed
  (`sangong.amount`, `economic_items.amount`, `projects` budgets and executed);
  summary / line_items amounts may be negative (balances, adjustments) and are only
  required to be finite;
* rates in range: 0 ≤ exec_rate, exec_rate_reported ≤ 10; weights and scores ≥ 0.

`check` splits every frame into the rows that pass and a `Failure` per dataset; the
ingest commits the former and `quarantine_rows` keeps the latter under
`<lake>/_quarantine/rows/<dataset>-<timestamp>.parquet` with a JSON of the rule names
and counts next to it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import dataframely as dy
import polars as pl

from fiscal import paths
from fiscal import schema as contract

YEAR_MIN, YEAR_MAX = 1990, 2100
RATE_MAX = 10.0
NON_NEGATIVE: dict[str, tuple[str, ...]] = {
    "sangong": ("amount",),
    "economic_items": ("amount",),
    "projects": ("budget_initial", "budget_full_year", "executed", "exec_weight", "exec_score", "total_score"),
    "indicators": ("weight", "score"),
    "documents": ("pages", "tables_found", "tables_expected", "checks_passed", "checks_failed"),
}
RATES: dict[str, tuple[str, ...]] = {"projects": ("exec_rate", "exec_rate_reported")}


def _column(name: str, dtype: pl.DataType) -> dy.Column:
    """The dataframely column for one contract column, with its key constraints."""
    key = {"doc_id", "region_code", "year", "page"}
    nullable = name not in key
    if name == "region_code":
        return dy.String(nullable=False, regex=r"^\d{6}$")
    if name == "year":
        return dy.Int32(nullable=False, min=YEAR_MIN, max=YEAR_MAX)
    if name == "page":
        return dy.Int32(nullable=False, min=1)
    if isinstance(dtype, pl.String):
        return dy.String(nullable=nullable)
    if isinstance(dtype, pl.Int8):
        return dy.Int8(nullable=nullable)
    if isinstance(dtype, pl.Int32):
        return dy.Int32(nullable=nullable)
    if isinstance(dtype, pl.Float64):
        return dy.Float64(nullable=nullable)  # rejects NaN and ±inf
    if isinstance(dtype, pl.Boolean):
        return dy.Bool(nullable=nullable)
    if isinstance(dtype, pl.Datetime):
        return dy.Datetime(nullable=nullable, time_zone=dtype.time_zone, time_unit=dtype.time_unit)
    if isinstance(dtype, pl.List) and isinstance(dtype.inner, pl.String):
        return dy.List(dy.String(nullable=True), nullable=nullable)
    if isinstance(dtype, pl.List) and isinstance(dtype.inner, pl.Int32):
        return dy.List(dy.Int32(nullable=True), nullable=nullable)
    if isinstance(dtype, pl.List) and isinstance(dtype.inner, pl.Float64):  # a figure's bbox: four finite points
        return dy.List(dy.Float64(nullable=False), nullable=nullable, min_length=4, max_length=4)
    raise TypeError(f"no validator for {name}: {dtype}")


def _non_negative(col: str) -> object:
    """A dataframely rule (collected by the Schema class): `col` is null or >= 0."""
    return dy.rule()(lambda cls: pl.col(col).is_null() | (pl.col(col) >= 0))


def _in_range(col: str, lo: float, hi: float) -> object:
    """A dataframely rule (collected by the Schema class): `col` is null or within [lo, hi]."""
    return dy.rule()(lambda cls: pl.col(col).is_null() | pl.col(col).is_between(lo, hi))


@cache
def validator(dataset: str) -> type[dy.Schema]:
    """The dataframely schema of a dataset (built from fiscal.schema, so they cannot drift)."""
    attrs: dict[str, object] = {name: _column(name, dtype) for name, dtype in contract.schema(dataset).items()}
    for col in NON_NEGATIVE.get(dataset, ()):
        attrs[f"{col}_non_negative"] = _non_negative(col)
    for col in RATES.get(dataset, ()):
        attrs[f"{col}_in_range"] = _in_range(col, 0.0, RATE_MAX)
    return type(f"{dataset.title().replace('_', '')}Schema", (dy.Schema,), attrs)


@dataclass
class Failure:
    """Rows of one dataset that failed validation."""

    dataset: str
    rows: pl.DataFrame  # contract columns + failed_rules (list[str])
    counts: dict[str, int]  # rule → failing rows

    def per_doc(self) -> dict[str, dict[str, int]]:
        """doc_id → rule → failing rows (for the documents' warnings)."""
        out: dict[str, dict[str, int]] = {}
        exploded = self.rows.select("doc_id", "failed_rules").explode("failed_rules")
        for doc_id, rule, n in exploded.group_by("doc_id", "failed_rules").len().iter_rows():
            out.setdefault(doc_id or "", {})[rule] = n
        return out


@dataclass
class Result:
    valid: dict[str, pl.DataFrame] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed_rows(self) -> int:
        return sum(f.rows.height for f in self.failures)

    def messages(self) -> dict[str, list[str]]:
        """doc_id → warnings naming the datasets, rules and counts of its quarantined rows."""
        out: dict[str, list[str]] = {}
        for f in self.failures:
            for doc_id, rules in f.per_doc().items():
                detail = ", ".join(f"{r}×{n}" for r, n in sorted(rules.items()))
                out.setdefault(doc_id, []).append(
                    f"校验未通过的行已隔离 / rows failing validation quarantined: {f.dataset}: {detail}")
        return out


def check(frames: Mapping[str, pl.DataFrame]) -> Result:
    """Split each dataset frame into valid rows and a Failure (rows + rule counts)."""
    result = Result()
    for dataset, df in frames.items():
        df = contract.conform(df, dataset)  # types: cast to the contract (raises on impossible casts)
        schema_cls = validator(dataset)
        good, failure = schema_cls.filter(df, cast=False)
        result.valid[dataset] = good.select(df.columns)
        counts = {rule: n for rule, n in failure.counts().items() if n}
        if counts:
            details = failure.details()
            rule_cols = [c for c in details.columns if c not in df.columns]
            rows = details.with_columns(
                pl.concat_list(
                    pl.when(pl.col(c).cast(pl.String) == "invalid").then(pl.lit(c)).otherwise(None) for c in rule_cols
                ).list.drop_nulls().alias("failed_rules")
            ).select(*df.columns, "failed_rules")
            result.failures.append(Failure(dataset, rows, counts))
    return result


def rows_dir(lake: Path) -> Path:
    return paths.quarantine_rows(lake)


def quarantine_rows(lake: Path, failures: list[Failure], *, now: datetime | None = None) -> list[Path]:
    """Keep failing rows: `<dataset>-<timestamp>.parquet` + `.json` (rule counts, doc ids)."""
    if not failures:
        return []
    now = now or datetime.now(UTC)
    stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
    out_dir = rows_dir(lake)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for f in failures:
        stem = out_dir / f"{f.dataset}-{stamp}-{os.getpid()}"
        tmp = stem.with_suffix(".parquet.part")
        f.rows.write_parquet(tmp)
        tmp.replace(stem.with_suffix(".parquet"))
        record = {
            "dataset": f.dataset, "rows": f.rows.height, "rules": f.counts,
            "doc_ids": sorted({d for d in f.rows["doc_id"].to_list() if d}),
            "quarantined_at": now.isoformat(), "file": stem.with_suffix(".parquet").name,
        }
        tmp = stem.with_suffix(".json.part")
        tmp.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(stem.with_suffix(".json"))
        written.append(stem.with_suffix(".json"))
    return written


def quarantined_rows(lake: Path) -> pl.DataFrame:
    """The row quarantine's records, one row per (file, rule)."""
    rows = []
    d = rows_dir(lake)
    if paths.is_remote(d):
        from fiscal import store  # it lists and reads folders on object storage

        texts = store.remote_json(d)
    else:
        texts = [f.read_text(encoding="utf-8") for f in sorted(d.glob("*.json"))] if d.is_dir() else []
    for text in texts:
        rec = json.loads(text)
        for rule, n in rec["rules"].items():
            rows.append({"file": rec["file"], "dataset": rec["dataset"], "rule": rule, "rows": n})
    return pl.DataFrame(rows, schema={"file": pl.String, "dataset": pl.String, "rule": pl.String, "rows": pl.Int64})
