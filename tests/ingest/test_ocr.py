"""Scanned disclosures are read through OCR and proof-read by their own arithmetic.

One small scan (2 pages of the 达州 budget sample: the cover and the 三公 table) is made
at test time and ingested end to end once per session; a blank scan stays quarantined.
"""

from __future__ import annotations

import os
import shutil
import tomllib

import pytest

from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (make setup)")

# the cover and the 一般公共预算“三公”经费支出预算表 (two pages keep the test fast)
PAGES = "1,17"


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
    assert ocr.pages_to_read(ocr.page_texts(pdf.read_bytes())) == [1, 2]


def test_a_scanned_disclosure_is_read_through_ocr(scanned_outcome):
    _, outcome = scanned_outcome
    assert outcome.rejected is None, outcome.rejected and outcome.rejected.detail
    assert (outcome.meta.agency, outcome.meta.year, outcome.meta.doc_kind) == ("达州市医疗保障事务中心", 2023, "budget")
    assert any("OCR" in w and "第1、2页" in w for w in outcome.warnings), outcome.warnings


def test_the_scanned_sangong_table_reads_back_exactly_and_is_proven(scanned_outcome):
    _, outcome = scanned_outcome
    truth = tomllib.loads((ROOT / "accuracy/truth/dazhou_2023_budget_a.toml").read_text(encoding="utf-8"))
    want = {f["item"]: f["amount"] for f in truth["sangong"] if f.get("page") == 17}
    table = [r for r in outcome.frames.get("sangong", []) if r["page"] == 2]
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

    page = scan_page(Image.new("RGB", (620, 877), "white"), 150, random.Random(3))  # A6: blank is blank
    pdf = tmp_path / "blank.pdf"
    page.save(pdf, "PDF", resolution=150.0)
    outcome = ingest_file(pdf)
    assert outcome.rejected is not None
    assert (outcome.rejected.stage, outcome.rejected.reason) == ("text", "no_text_layer")
    assert "OCR" in outcome.rejected.detail


def test_a_scanned_table_without_its_agency_is_read_with_the_uploaders_names(tmp_path, ocr_cache):
    """A scan of the 三公 page alone names no office: OCR finds a table, so it is not quarantined as unreadable;
    without names the metadata stage says what is missing, with the uploader's names it is read."""
    from ingest.document import ingest_file
    from samplegen.scan import scan

    pdf = scan(SAMPLES / "dazhou_2023_budget_a.pdf", tmp_path / "page.pdf", dpi=200, pages="17")
    bare = ingest_file(pdf)
    assert bare.rejected is not None and bare.rejected.reason == "metadata_unknown", bare.rejected
    named = ingest_file(pdf, {"agency": "达州市医疗保障事务中心", "year": 2023, "doc_kind": "budget",
                              "region_code": "511700"})
    assert named.rejected is None, named.rejected
    assert {r["reading"] for r in named.frames["sangong"]} == {"complete"}


def test_stray_marks_around_ocr_figures_are_dropped_not_guessed():
    from ingest.ocr import clean_word

    assert [clean_word(w) for w in ("‘410.89", "”0.50", "5.34|", "0.50,", "|", "(12.3)")] == \
        ["410.89", "0.50", "5.34", "0.50", "", "(12.3)"]
    assert clean_word("oso") == "oso" and clean_word("“三公") == "“三公"  # words, not figures: left alone


def test_ocr_prose_is_closed_up_as_printed_and_its_sangong_figures_read():
    from ingest.ocr import tidy_prose
    from ingest.prose import sangong_from_prose

    prose = ("九、一般公共预算 “三 公 ” 经费预算情况说明。\n省委办公厅 2019 年度 “三 公 ” 经费预算支出中 , "
             "因公出国 ( 境 ) 费支出 70 万元。公务用车购置及运行费支出 411.20 万元。\n"
             "公务接待费支出 27 万元。收入预算 20849. 45 万元。")
    table = "收支预算总表\n部门 : 中国共 党江苏省委员会办公厅 单位：万元\n基本 支出 9,964.07\n项目 支出 10,688.66"
    tidy = tidy_prose([prose, table])
    assert "因公出国(境)费支出 70 万元" in tidy[0] and "“三公”" in tidy[0] and "20849.45 万元" in tidy[0]
    assert tidy[1] == table  # a table page keeps its spaces: they part its cells
    assert sangong_from_prose(tidy) == {"overseas": (70.0, 1), "vehicle_total": (411.2, 1), "reception": (27.0, 1)}
    assert "overseas" not in sangong_from_prose([prose])


def test_ocr_candidates_are_a_lost_point_or_one_confusable_digit():
    from ingest.ocr import candidates

    assert candidates("367 04")[0] == "367.04" and candidates("36704")[0] == "367.04"
    assert "326.72" in candidates("320.72") and "176.5" in candidates("116.5")
    assert candidates("合计") == [] and candidates("") == []


@pytest.fixture(scope="module")
def expenditure_table():
    """The born-digital 部门支出总表 of the 达州 sample, as the ingest stitches it, and its DocMeta."""
    import pypdfium2 as pdfium

    from ingest.extract import read_tables
    from ingest.metadata import infer
    from ingest.model import DocMeta
    from ingest.stitch import stitch
    from ingest.triage import triage

    path = SAMPLES / "dazhou_2023_budget_a.pdf"
    pdf = pdfium.PdfDocument(str(path))
    texts = [p.get_textpage().get_text_range() for p in pdf]
    m = infer(texts, path.name, {})
    doc = DocMeta(doc_id="x", region_code=m.region_code, region=m.region, province=m.province, city=m.city,
                  agency_id=m.agency_id, agency=m.agency, year=m.year, doc_kind=m.doc_kind, scope=m.scope,
                  source_name=path.name)
    pages = [p for p in triage(texts, doc.doc_kind) if p.family == "expenditure"]
    table = next(t for t in stitch(pages, read_tables(path, [p.number for p in pages])) if t.family == "expenditure")
    return table, doc


def _misread(table, old: str, new: str):
    from dataclasses import replace

    hits = [(i, j) for i, row in enumerate(table.rows) for j, c in enumerate(row) if c.strip() == old]
    i, j = hits[0]
    rows = [list(r) for r in table.rows]
    rows[i][j] = new
    return replace(table, rows=rows)


def test_one_misread_digit_is_corrected_only_because_every_sum_then_closes(expenditure_table):
    from ingest.ocr import correct
    from ingest.reading import _parse

    table, doc = expenditure_table
    assert not _parse(table, doc).failures
    broken = _misread(table, "410.89", "470.89")  # 1 read as 7 in the 合计 line
    first = _parse(broken, doc)
    assert first.failures
    fixed = correct(first, broken, doc)
    assert fixed is not None
    reading, fixes = fixed
    assert not reading.failures and fixes == ["“470.89”→“410.89”"]


def test_a_misread_no_single_fix_explains_is_left_alone(expenditure_table):
    from ingest.ocr import correct
    from ingest.reading import _parse

    table, doc = expenditure_table
    broken = _misread(table, "410.89", "432.89")  # two digits wrong: no one confusion closes the sums
    assert correct(_parse(broken, doc), broken, doc) is None


def test_two_misreads_in_one_sum_are_fixed_together(expenditure_table):
    """367.04 = 316.44 + 50.60 read as 361.04 and 346.44: neither fix alone closes the row, the pair does."""
    from ingest.ocr import correct
    from ingest.reading import _parse

    table, doc = expenditure_table
    broken = _misread(_misread(table, "367. 04", "361.04"), "316. 44", "346.44")
    first = _parse(broken, doc)
    # the row (合计 = 基本 + 项目) and the two columns (合计 = Σ its lines) fail
    assert sorted(f.name for f in first.failures) == [
        "2080109行 合计与基本支出+项目支出", "合计列 合计与各项之和", "基本支出列 合计与各项之和"]
    fixed = correct(first, broken, doc)
    assert fixed is not None
    reading, fixes = fixed
    assert not reading.failures and sorted(fixes) == ["“346.44”→“316.44”", "“361.04”→“367.04”"]


@pytest.fixture(scope="session")
def other_style_outcome(tmp_path_factory: pytest.TempPathFactory, ocr_cache):
    """One table page of another office's file, scanned in another style than the 达州 sample (JPEG 50, more
    blur): figures printed "10, 191. 56", which a page reading splits and strips of their marks."""
    from ingest.document import ingest_file
    from samplegen.scan import scan

    pdf = scan(ROOT / "samples/real/jiangsu/江苏省政协办公厅2019年预算公开表.pdf",
               tmp_path_factory.mktemp("scan-small") / "江苏省政协办公厅2019年预算公开表.pdf", dpi=200, pages="5",
               quality=50, tilt=1.0, blur=0.9, seed=11)
    return ingest_file(pdf)


def test_figures_split_by_wide_marks_read_back_whole_from_their_ruled_cells(other_style_outcome):
    truth = tomllib.loads((ROOT / "accuracy/truth/jiangsu/江苏省政协办公厅2019年预算公开表.toml").read_text(
        encoding="utf-8"))
    want = sorted(f["amount"] for f in truth["line_items"] if f["table"] == "fiscal_expenditure")
    rows = [r for r in other_style_outcome.frames.get("line_items", []) if r["measure"] == "total"]
    assert sorted(r["amount"] for r in rows) == want
    reading = next(r for r in other_style_outcome.frames["readings"] if r["family"] == "fiscal_expenditure")
    assert "7 项合计校验闭合" in reading["reason"]  # every sum closes on the figures read
    # complete, unless the 单位 line did not read (then partial with that reason: 元 and 万元 close alike)
    assert reading["status"] == "complete" or "单位" in reading["reason"], reading["reason"]
