"""Validation before commit: failing rows go to the row quarantine with the rule name, the rest commit."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from rich.console import Console

from fiscal import schema, store, validate
from ingest import batch

ROOT = Path(__file__).resolve().parents[2]
BASE = {"doc_id": "a", "region_code": "431000", "region": "湖南省郴州市", "agency_id": "yiliaobaozhangju-abc123",
        "agency": "郴州市医疗保障局", "year": 2022, "page": 9}


def sangong(**changes) -> dict:
    return {**BASE, "stage": "actual", "item": "total", "amount": 6.2, "source": "table", **changes}


def project(**changes) -> dict:
    return {**BASE, "project": "p", "budget_initial": 10.0, "budget_full_year": 10.0, "executed": 9.0,
            "exec_rate_reported": 0.9, "exec_rate": 0.9, "exec_score": 9.0, "total_score": 95.0, **changes}


def test_valid_rows_pass_unchanged():
    df = pl.DataFrame([sangong(), sangong(item="reception", amount=0.0)])
    result = validate.check({"sangong": df})
    assert result.failures == []
    assert result.valid["sangong"].equals(schema.conform(df, "sangong"))


def test_each_rule_names_its_failing_rows():
    rows = [
        sangong(),
        sangong(amount=-1.0),  # amount_non_negative
        sangong(region_code="43100"),  # region_code|regex
        sangong(year=1899),  # year|min
        sangong(page=0),  # page|min
        sangong(doc_id=None),  # doc_id|nullability
    ]
    result = validate.check({"sangong": pl.DataFrame(rows)})
    assert result.valid["sangong"].height == 1
    (failure,) = result.failures
    assert failure.counts == {"amount_non_negative": 1, "region_code|regex": 1, "year|min": 1, "page|min": 1,
                              "doc_id|nullability": 1}
    assert failure.rows.height == 5
    assert sorted(r for rs in failure.rows["failed_rules"].to_list() for r in rs) == sorted(failure.counts)


def test_rates_and_scores_in_range_and_negatives_allowed_where_printed():
    projects = pl.DataFrame([project(), project(exec_rate=12.0), project(total_score=-1.0), project(executed=-3.0)])
    lines = pl.DataFrame([{**BASE, "table": "income", "code": "201", "name": "x", "level": 1, "measure": "total",
                           "amount": -12.5}])  # a printed negative (an adjustment) is kept
    result = validate.check({"projects": projects, "line_items": lines})
    assert result.valid["line_items"].height == 1
    (failure,) = result.failures
    assert failure.dataset == "projects"
    assert failure.counts == {"exec_rate_in_range": 1, "total_score_non_negative": 1, "executed_non_negative": 1}


def test_failing_rows_are_quarantined_with_rule_counts(tmp_path):
    result = validate.check({"sangong": pl.DataFrame([sangong(), sangong(amount=-1.0)])})
    now = datetime(2026, 5, 6, 12, 0, tzinfo=UTC)
    (record,) = validate.quarantine_rows(tmp_path, result.failures, now=now)
    assert record.parent == tmp_path / "_quarantine" / "rows" and record.name.startswith("sangong-20260506T120000")
    meta = json.loads(record.read_text(encoding="utf-8"))
    assert meta["rules"] == {"amount_non_negative": 1} and meta["doc_ids"] == ["a"] and meta["rows"] == 1
    kept = pl.read_parquet(record.with_suffix(".parquet"))
    assert kept["amount"].to_list() == [-1.0] and kept["failed_rules"].to_list() == [["amount_non_negative"]]
    assert validate.quarantined_rows(tmp_path).rows() == [(meta["file"], "sangong", "amount_non_negative", 1)]
    assert store.quarantined(tmp_path).height == 0  # file quarantine records are separate


def test_ingest_validates_before_commit(tmp_path, monkeypatch):
    """A document with one bad row: the row is quarantined, the rest commits, the warnings say so."""
    pdf = ROOT / "samples" / "dazhou_2023_budget_b.pdf"
    parse_all = batch._parse_all

    def spoil(jobs, *args, **kwargs):
        outcomes = parse_all(jobs, *args, **kwargs)
        rows = outcomes[0].frames["sangong"]
        rows[0] = {**rows[0], "amount": -99.0}
        return outcomes

    monkeypatch.setattr(batch, "_parse_all", spoil)
    report = batch.run([pdf], tmp_path, workers=1, console=Console(quiet=True))
    (o,) = report.ingested
    parsed = len(o.frames["sangong"])
    assert store.read(tmp_path, "sangong").height == parsed - 1
    assert store.read(tmp_path, "line_items").height == len(o.frames["line_items"])
    (warning,) = [w for w in store.read(tmp_path, "documents")["warnings"][0] if "validation" in w]
    assert "sangong" in warning and "amount_non_negative" in warning
    assert validate.quarantined_rows(tmp_path)["rule"].to_list() == ["amount_non_negative"]
