"""fiscal.rules.engine: what a rule's matched rows become as flags."""

from __future__ import annotations

import json
from typing import Any

import polars as pl
from polars.testing import assert_frame_equal

from fiscal.rules.engine import COMMON, FLAG_SCHEMA, emit, no_flags, on_page, wan


def _one_dict_per_flag(df: pl.DataFrame, message: Any, evidence: Any, severity: Any = None) -> pl.DataFrame:
    """What emit made before it built its columns at once: a dict per matched row."""
    rows = [{**{c: r.get(c) for c in COMMON}, "project": r.get("project"), "category": None,
             "severity": severity(r) if severity else None, "message": message(r),
             "evidence": json.dumps(evidence(r), ensure_ascii=False)} for r in df.iter_rows(named=True)]
    return pl.DataFrame(rows, schema={k: v for k, v in FLAG_SCHEMA.items() if k != "rule"})


def test_emit_gives_each_matched_row_its_message_evidence_and_severity() -> None:
    matched = pl.DataFrame({"doc_id": ["a", "b", "c"], "region_code": ["431000"] * 3, "agency_id": ["x", "x", None],
                            "agency": ["郴州市医疗保障局"] * 3, "year": [2022, 2023, 2023], "page": [56, None, 3],
                            "project": ["奖励经费", None, "项目"], "budget": [10.0, 1234.5, None],
                            "category": ["ignored", "ignored", "ignored"]})  # a matched row's columns are not flags'

    def message(r: dict[str, Any]) -> str:
        return on_page(r) + f"项目“{r['project']}”预算 {wan(r['budget'])} 万元"

    def evidence(r: dict[str, Any]) -> dict[str, Any]:
        return {"budget": r["budget"], "text": "文字", "checks": [1, None]}

    def severity(r: dict[str, Any]) -> str | None:
        return "error" if r["page"] == 56 else None

    got = emit(matched, message, evidence, severity)
    assert got["message"].to_list() == ["第56页项目“奖励经费”预算 10.00 万元", "项目“None”预算 1,234.50 万元",
                                        "第3页项目“项目”预算 — 万元"]
    assert json.loads(got["evidence"][0]) == {"budget": 10.0, "text": "文字", "checks": [1, None]}
    assert "文字" in got["evidence"][0]  # not escaped
    assert got["severity"].to_list() == ["error", None, None] and got["category"].null_count() == 3
    assert_frame_equal(got, _one_dict_per_flag(matched, message, evidence, severity))
    # a column the rows lack is null; no severity function: none; no rows: no flags, with the flags' columns
    fewer = matched.drop("region", "page", strict=False).with_columns(pl.col("year").cast(pl.Int64))
    assert_frame_equal(emit(fewer, message, evidence), _one_dict_per_flag(fewer, message, evidence))
    assert_frame_equal(emit(matched.clear(), message, evidence), _one_dict_per_flag(matched.clear(), message, evidence))
    assert no_flags().schema == _one_dict_per_flag(pl.DataFrame(), str, dict).schema
