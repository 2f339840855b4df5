"""Pages without a usable text layer among typed ones are found (ingest/textlayer.py) and OCR'd: a picture of
a table (a scanned 三公 table pasted into a typed 预算) is read, not lost, and the document is not accused of
omitting it; a text layer garbled by a font without its Unicode map counts as none."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from fiscal.schema import SCANNED_NOTE
from ingest.document import Outcome, ingest_file
from ingest.ocr import page_texts
from ingest.textlayer import garbled, table_pictures
from samplegen.scan import scan
from tests.conftest import REAL

SOURCE = REAL / "putuo_sifaju_2026_budget.pdf"
SANGONG_PAGE = 21


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The typed 预算 with its 三公 page replaced by a scan of it."""
    folder = tmp_path_factory.mktemp("pictures")
    picture = scan(SOURCE, folder / "page.pdf", dpi=200, pages=str(SANGONG_PAGE))
    dest = folder / SOURCE.name
    with pikepdf.open(SOURCE) as pdf, pikepdf.open(picture) as one:
        pdf.pages[SANGONG_PAGE - 1] = one.pages[0]
        pdf.save(dest)
    return dest


def test_only_the_pictured_table_page_is_found(mixed: Path) -> None:
    for path, want in ((mixed, [SANGONG_PAGE]), (SOURCE, [])):
        pdf = pdfium.PdfDocument(path)
        try:
            assert table_pictures(pdf, page_texts(path.read_bytes()), 15) == want, path
        finally:
            pdf.close()


@pytest.fixture(scope="module")
def outcome(mixed: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch_module: pytest.MonkeyPatch) -> Outcome:
    monkeypatch_module.setenv("FISCAL_OCR_CACHE", str(tmp_path_factory.mktemp("ocr-cache")))
    return ingest_file(mixed)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_the_pictured_table_is_read_and_the_typed_ones_as_before(outcome: Outcome) -> None:
    assert outcome.rejected is None
    assert any(w.startswith(SCANNED_NOTE) for w in outcome.warnings)  # no table it lacks is held against it
    (sangong,) = [r for r in outcome.frames["readings"] if r["family"] == "sangong"]
    assert sangong["found"] and sangong["status"] in ("complete", "partial"), sangong
    assert any(r["source"] == "table" and r["page"] == SANGONG_PAGE for r in outcome.frames["sangong"])
    typed = ingest_file(SOURCE)
    for dataset in ("summary", "line_items", "economic_items"):
        assert [r["amount"] for r in outcome.frames[dataset]] == [r["amount"] for r in typed.frames[dataset]]


def _without_unicode_maps(src: Path, dest: Path) -> Path:
    """`src` with its fonts' ToUnicode maps removed, as some producers embed them: the text pdfium extracts
    is then other characters than the printed ones."""
    with pikepdf.open(src) as pdf:
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                if "/ToUnicode" in font:
                    del font["/ToUnicode"]
        pdf.save(dest)
    return dest


def test_a_garbled_text_layer_is_told_from_a_real_one(tmp_path: Path) -> None:
    broken = _without_unicode_maps(SOURCE, tmp_path / "garbled.pdf")
    shares = {}
    for path in (SOURCE, broken):
        pdf = pdfium.PdfDocument(path)
        try:
            texts = [t for t in page_texts(path.read_bytes()) if len(t.strip()) >= 100]
            shares[path] = sum(garbled(t, 15) for t in texts) / len(texts)
        finally:
            pdf.close()
    # every real page reads; nearly every garbled one is told (a 目录's dot leaders come out as letters)
    assert shares[SOURCE] == 0 and shares[broken] >= 0.8, shares
