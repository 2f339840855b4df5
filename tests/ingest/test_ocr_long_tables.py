"""A long 支出表 scanned over several pages reads back through OCR, proven by its own sums.

A scanned copy of the four pages of a real 部门支出预算总表 (普陀万里 2023: about seventy 类/款/项 lines, the
header on the first page only, the 合计 line on the last) is made at test time and ingested end to end once
per module. Every line must be read under its own code (none lost between pages or rules), and a figure
counts as complete only when the table's 类 = Σ 款 = Σ 项 sums and its 合计 prove it.
"""

from __future__ import annotations

import os
import shutil
import tomllib

import pytest

from tests.conftest import REAL, ROOT

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (make setup)")

NAME = "putuo_wanli_2023_budget.pdf"
FIRST, LAST = 15, 18  # the 支出预算总表's pages in the real file


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory):
    from ingest.document import ingest_file
    from samplegen.scan import scan

    old = os.environ.get("FISCAL_OCR_CACHE")
    os.environ["FISCAL_OCR_CACHE"] = str(tmp_path_factory.mktemp("ocr-cache"))  # every page really OCR'd
    try:
        pdf = scan(REAL / NAME, tmp_path_factory.mktemp("scan") / NAME, dpi=200, pages=f"{FIRST}-{LAST}")
        # the four pages alone name their office only in a line OCR may misread: the uploader's names
        yield ingest_file(pdf, {"agency": "上海市普陀区人民政府万里街道办事处", "year": 2023, "doc_kind": "budget",
                                "region_code": "310107"})
    finally:
        if old is None:
            os.environ.pop("FISCAL_OCR_CACHE", None)
        else:
            os.environ["FISCAL_OCR_CACHE"] = old


def _truth() -> dict[tuple[str, str], float]:
    truth = tomllib.loads((ROOT / "accuracy/truth" / NAME.replace(".pdf", ".toml")).read_text(encoding="utf-8"))
    return {(r.get("code"), r["measure"]): r["amount"] for r in truth["line_items"]
            if r["table"] == "expenditure" and FIRST <= r["page"] <= LAST}


def _read(outcome) -> dict[tuple[str, str], list[tuple[float, str]]]:
    out: dict[tuple[str, str], list[tuple[float, str]]] = {}
    for r in outcome.frames.get("line_items", []):
        if r.get("table", r.get("family")) == "expenditure":
            out.setdefault((r["code"], r["measure"]), []).append((round(r["amount"], 2), r.get("reading", "")))
    return out


def test_the_four_pages_are_read_as_one_table(outcome):
    assert outcome.rejected is None, outcome.rejected and outcome.rejected.detail
    reading = next(r for r in outcome.frames["readings"] if r["family"] == "expenditure")
    assert reading["table_pages"] == [1, 2, 3, 4]  # the header on the first page only: one table, not four
    assert "OCR" in reading["reason"]


def test_every_line_of_every_page_is_read_under_its_own_code(outcome):
    truth, read = _truth(), _read(outcome)
    assert len(truth) > 100
    assert {code for code, _ in truth} == {code for code, _ in read}  # no line lost between pages, no code misread


def test_the_table_counts_only_when_its_sums_prove_every_figure(outcome):
    truth, read = _truth(), _read(outcome)
    reading = next(r for r in outcome.frames["readings"] if r["family"] == "expenditure")
    for key, values in read.items():
        for amount, status in values:
            if status == "complete":  # accepted: it must be what the page prints
                assert truth.get(key) == amount, (key, amount)
    if reading["status"] == "complete":
        assert "合计校验闭合" in reading["reason"]
        assert all([a for a, _ in read.get(k, [])] == [v] for k, v in truth.items())
