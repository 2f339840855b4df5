"""A watermark drawn across the pages (rotated, semi-transparent text) is read past, as if it were not there."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from fiscal import paths
from ingest import batch, unlock, watermark
from ingest.document import Outcome, ingest_file
from tests.conftest import REAL

SOURCE = REAL / "putuo_sifaju_2026_budget.pdf"
TEXT = "上海市普陀区司法局公开"
DATASETS = ("summary", "line_items", "economic_items", "sangong", "narrative", "readings")


def _stamp(width: float, height: float) -> pikepdf.Pdf:
    """One page of the office's name in grey, rotated 35°, alpha 0.3, repeated down the page (reportlab)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=(width, height))
    sheet.setFillColorRGB(0.5, 0.5, 0.5)
    sheet.setFillAlpha(0.3)
    sheet.setFont("STSong-Light", 36)
    for y in range(0, int(height), 200):
        sheet.saveState()
        sheet.translate(width / 4, y)
        sheet.rotate(35)
        sheet.drawString(0, 0, TEXT)
        sheet.restoreState()
    sheet.save()
    return pikepdf.open(io.BytesIO(out.getvalue()))


def _watermarked(dest: Path, form: str) -> Path:
    """SOURCE with a watermark on every page: as a Form XObject overlay (`overlay`), as text in the page's own
    content (`content`), or as a /Watermark annotation whose appearance is the stamp (`annotation`: no text
    layer reads annotations, so it is read as it is)."""
    with pikepdf.open(SOURCE) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            if form == "content":
                resources = page.obj.Resources
                for key in ("/Font", "/ExtGState"):
                    if key not in resources:
                        resources[key] = pikepdf.Dictionary()
                resources.Font.FWm = pdf.make_indirect(pikepdf.Dictionary(
                    Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
                resources.ExtGState.GWm = pikepdf.Dictionary(ca=0.3)
                lines = [f"BT /FWm 40 Tf 0.8192 0.5736 -0.5736 0.8192 {x1 / 5:.1f} {y} Tm (SIFAJU GONGKAI 2026) Tj ET"
                         for y in range(0, int(y1), 180)]
                page.contents_add(pdf.make_stream(("q /GWm gs 0.5 g " + " ".join(lines) + " Q").encode()))
                continue
            stamp = _stamp(x1 - x0, y1 - y0)  # kept open while its page is copied
            if form == "overlay":
                page.add_overlay(stamp.pages[0], None)
            else:
                appearance = pdf.copy_foreign(stamp.pages[0].as_form_xobject())
                annot = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Watermark, F=4,
                                           Rect=[x0, y0, x1, y1], AP=pikepdf.Dictionary(N=appearance))
                page.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(annot)]))
        pdf.save(dest)
    return dest


def _figures(outcome: Outcome, dataset: str) -> list[dict[str, object]]:
    """A dataset's rows without what names the file (its hash is the document id)."""
    return [{k: v for k, v in row.items() if k not in ("doc_id", "source_name")} for row in outcome.frames[dataset]]


@pytest.fixture(scope="module")
def original() -> Outcome:
    return ingest_file(SOURCE)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("watermark")


@pytest.mark.parametrize("form", ["overlay", "content", "annotation"])
def test_a_watermarked_pdf_reads_every_figure_of_the_original(form: str, original: Outcome, folder: Path) -> None:
    marked = _watermarked(folder / f"{form}_{SOURCE.name}", form)
    outcome = ingest_file(marked)
    assert outcome.rejected is None, outcome.rejected and outcome.rejected.detail
    assert (watermark.NOTE in outcome.warnings) == (form != "annotation")
    for dataset in DATASETS:  # readings: every table `complete` as in the original, its figures' boxes the same
        assert _figures(outcome, dataset) == _figures(original, dataset), dataset
    assert len(outcome.frames["line_items"]) > 100


def test_the_stored_source_is_the_published_file(folder: Path, tmp_path: Path) -> None:
    marked = _watermarked(folder / f"stored_{SOURCE.name}", "overlay")
    report = batch.run([marked], tmp_path / "lake", workers=1)
    (outcome,) = report.ingested
    assert paths.source_pdf(tmp_path / "lake", outcome.sha256).read_bytes() == marked.read_bytes()


def test_an_encrypted_watermarked_pdf_is_unlocked_then_read_past_its_watermark(original: Outcome,
                                                                                  folder: Path) -> None:
    marked = _watermarked(folder / f"locked_{SOURCE.name}", "overlay")
    deny = pikepdf.Permissions(extract=False, modify_other=False, modify_annotation=False)
    with pikepdf.open(marked, allow_overwriting_input=True) as pdf:
        pdf.save(marked, encryption=pikepdf.Encryption(owner="owner-only", user="", R=4, allow=deny))
    outcome = ingest_file(marked)
    assert outcome.rejected is None and {unlock.NOTE, watermark.NOTE} <= set(outcome.warnings)
    assert _figures(outcome, "line_items") == _figures(original, "line_items")
    assert outcome.readable is not None and unlock.unlocked(outcome.readable) is None  # stored: the unlocked copy,
    assert watermark.cleaned(outcome.readable) is not None  # watermark and all


def test_a_clean_file_is_not_copied() -> None:
    for pdf in sorted(REAL.glob("*.pdf")):
        assert watermark.cleaned(pdf.read_bytes()) is None, pdf.name


def test_a_form_turned_by_its_own_matrix_is_taken_off_and_upright_text_kept() -> None:
    def one_page(text: str, x: float) -> bytes:
        out = io.BytesIO()
        sheet = canvas.Canvas(out, pagesize=(595, 842))
        sheet.setFont("Helvetica", 20)
        sheet.drawString(x, 400, text)
        sheet.save()
        return out.getvalue()

    with pikepdf.open(io.BytesIO(one_page("1234.56", 300))) as pdf, \
            pikepdf.open(io.BytesIO(one_page("GONGKAI", 100))) as stamp:
        page = pdf.pages[0]
        name = page.add_overlay(stamp.pages[0], None)
        page.obj.Resources.XObject[name].Matrix = [0.8192, 0.5736, -0.5736, 0.8192, 0, 0]  # upright text inside
        marked = io.BytesIO()
        pdf.save(marked)
    clean = watermark.cleaned(marked.getvalue())
    assert clean is not None
    text = pdfium.PdfDocument(clean)[0].get_textpage().get_text_range()
    assert "1234.56" in text and "GONGKAI" not in text


def test_what_is_no_pdf_gets_no_copy() -> None:
    truncated = SOURCE.read_bytes()[:5000]
    for data in (b"", b"not a pdf", truncated):
        assert watermark.cleaned(data) is None
