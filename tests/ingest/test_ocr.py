"""Scanned disclosures are read through OCR and proof-read by their own arithmetic.

One small scan (3 pages of the 达州 budget sample: cover, 部门支出总表, 三公 table) is made
at test time and ingested end to end once per session; a blank scan stays quarantined.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (make setup)")

# cover, 部门支出总表, 一般公共预算“三公”经费支出预算表
PAGES = "1,11,17"


@pytest.fixture(scope="session")
def ocr_cache(tmp_path_factory: pytest.TempPathFactory):
    """A private, cold OCR cache for this session (every page is really OCR'd)."""
    old = os.environ.get("FISCAL_OCR_CACHE")
    os.environ["FISCAL_OCR_CACHE"] = str(tmp_path_factory.mktemp("ocr-cache"))
    yield
    if old is None:
        os.environ.pop("FISCAL_OCR_CACHE", None)
    else:
        os.environ["FISCAL_OCR_CACHE"] = old


@pytest.fixture(scope="session")
def scanned_outcome(tmp_path_factory: pytest.TempPathFactory, ocr_cache):
    from ingest.document import ingest_file
    from samplegen.scan import scan

    pdf = scan(SAMPLES / "dazhou_2023_budget_a.pdf", tmp_path_factory.mktemp("scan") / "dazhou_2023_budget_a.pdf",
               dpi=200, pages=PAGES)
    return pdf, ingest_file(pdf)


def test_the_scan_has_no_text_layer(scanned_outcome):
    from ingest import ocr

    pdf, _ = scanned_outcome
    assert ocr.pages_to_read(ocr.page_texts(pdf.read_bytes())) == [1, 2, 3]


def test_a_scanned_disclosure_is_read_through_ocr(scanned_outcome):
    _, outcome = scanned_outcome
    assert outcome.rejected is None, outcome.rejected and outcome.rejected.detail
    assert (outcome.meta.agency, outcome.meta.year, outcome.meta.doc_kind) == ("达州市医疗保障事务中心", 2023, "budget")
    assert any("OCR" in w and "1、2、3" in w for w in outcome.warnings), outcome.warnings


def test_the_scanned_sangong_table_reads_back_exactly_and_is_proven(scanned_outcome):
    _, outcome = scanned_outcome
    truth = tomllib.loads((ROOT / "accuracy/truth/dazhou_2023_budget_a.toml").read_text(encoding="utf-8"))
    want = {f["item"]: f["amount"] for f in truth["sangong"] if f.get("page") == 17}
    table = [r for r in outcome.frames.get("sangong", []) if r["page"] == 3]
    assert {r["item"]: r["amount"] for r in table} == want
    assert {r["reading"] for r in table} == {"complete"}  # its sums close: proven, not trusted
    reading = next(r for r in outcome.frames["readings"] if r["family"] == "sangong")
    assert reading["status"] == "complete" and "OCR" in reading["reason"]


def test_ocr_tables_are_complete_only_when_their_sums_close(scanned_outcome):
    _, outcome = scanned_outcome
    for r in outcome.frames["readings"]:
        if r["found"] and r["status"] == "complete" and not r["empty"]:
            assert "合计校验闭合" in r["reason"], r


def test_a_blank_scan_is_still_quarantined(tmp_path, ocr_cache):
    import random

    from PIL import Image

    from ingest.document import ingest_file
    from samplegen.scan import scan_page

    page = scan_page(Image.new("RGB", (1240, 1754), "white"), 150, random.Random(3))
    pdf = tmp_path / "blank.pdf"
    page.save(pdf, "PDF", resolution=150.0)
    outcome = ingest_file(pdf)
    assert outcome.rejected is not None
    assert (outcome.rejected.stage, outcome.rejected.reason) == ("text", "no_text_layer")
    assert "OCR" in outcome.rejected.detail


def test_stray_marks_around_ocr_figures_are_dropped_not_guessed():
    from ingest.ocr import clean_word

    assert [clean_word(w) for w in ("‘410.89", "”0.50", "5.34|", "0.50,", "|", "(12.3)")] == \
        ["410.89", "0.50", "5.34", "0.50", "", "(12.3)"]
    assert clean_word("oso") == "oso" and clean_word("“三公") == "“三公"  # words, not figures: left alone
