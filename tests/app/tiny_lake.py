"""A tiny hand-made lake (2 documents, a few summary rows, 1 quarantined file) for page tests."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from fiscal import store

DOC_A = "a" * 64
DOC_B = "b" * 64
SOURCE_A = "郴州市医疗保障局2022年部门决算.pdf"
SOURCE_B = "郴州市医疗保障事务中心2022年单位决算.pdf"
QUARANTINED = "扫描件无文字层.pdf"

_COMMON = {"region_code": "431000", "region": "湖南省郴州市", "year": 2022}


def _documents() -> pl.DataFrame:
    """Two 决算 documents of one department: the 部门 report and one unit's."""
    now = datetime(2024, 5, 6, 7, 8, tzinfo=UTC)
    rows = [
        {**_COMMON, "doc_id": DOC_A, "agency_id": "chenzhou-ybj", "agency": "郴州市医疗保障局", "page": 1,
         "source_name": SOURCE_A, "province": "湖南省", "city": "郴州市", "scope": "department",
         "doc_kind": "final_account", "unit": "万元", "pages": 24, "tables_found": 9, "tables_expected": 9,
         "tables": ["summary", "income", "expenditure", "sangong"], "checks_passed": 14, "checks_failed": 0,
         "parser_version": "test", "ingested_at": now, "seconds": 3.25, "synthetic": True, "warnings": []},
        {**_COMMON, "doc_id": DOC_B, "agency_id": "chenzhou-ybj-swzx", "agency": "郴州市医疗保障事务中心", "page": 1,
         "source_name": SOURCE_B, "province": "湖南省", "city": "郴州市", "scope": "unit",
         "doc_kind": "final_account", "unit": "万元", "pages": 18, "tables_found": 7, "tables_expected": 9,
         "tables": ["summary", "income"], "checks_passed": 5, "checks_failed": 2,
         "parser_version": "test", "ingested_at": now, "seconds": 1.5, "synthetic": True,
         "warnings": ["缺少表格：国有资本经营预算财政拨款支出决算表", "本年支出合计与支出决算表不一致"]},
    ]
    return pl.DataFrame(rows)


def _summary() -> pl.DataFrame:
    """A few 收入支出决算总表 lines for each document."""
    lines = [("income_total", "本年收入合计", 1234.56), ("expenditure_total", "本年支出合计", 1200.0),
             ("grand_total", "总计", 1300.12)]
    rows = []
    for doc_id, agency_id, agency, n in ((DOC_A, "chenzhou-ybj", "郴州市医疗保障局", 3),
                                         (DOC_B, "chenzhou-ybj-swzx", "郴州市医疗保障事务中心", 2)):
        for item, label, amount in lines[:n]:
            rows.append({**_COMMON, "doc_id": doc_id, "agency_id": agency_id, "agency": agency, "page": 5,
                         "table": "summary", "item": item, "label": label, "amount": amount})
    return pl.DataFrame(rows)


def build_tiny_lake(lake: Path) -> Path:
    """Write the tiny lake under `lake` and return it."""
    store.commit(lake, {"documents": _documents(), "summary": _summary()}, [DOC_A, DOC_B])
    bad = lake.parent / f"{lake.name}-inputs" / QUARANTINED
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b"%PDF-1.4 not really a pdf")
    store.quarantine(lake, bad, sha256=hashlib.sha256(bad.read_bytes()).hexdigest(), stage="triage",
                     reason="no_text_layer", detail="0 of 3 pages have text")
    return lake


def build_twin_lake(lake: Path) -> Path:
    """Two agencies printing one name (教育局) in two counties: the sidebar must tell them apart."""
    docs = _documents().with_columns(pl.lit("教育局").alias("agency"), pl.lit("department").alias("scope"),
                                     pl.Series("agency_id", ["jyj-yy", "jyj-hy"]),
                                     pl.Series("region", ["湖南省岳阳市", "湖南省衡阳市"]),
                                     pl.Series("region_code", ["430600", "430400"]))
    store.commit(lake, {"documents": docs}, [DOC_A, DOC_B])
    return lake
