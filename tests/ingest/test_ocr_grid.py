"""The cells of an OCR'd table page, cut by its ruling lines and read again (ingest.ocr_grid), and the
scanned-copy generator's styles; small synthetic pages, no full OCR run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from ingest import ocr_grid
from ingest.ocr_proof import candidates

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None or not Path(FONT).exists(),
                                     reason="tesseract-ocr or the DejaVu font not installed")


def _ruled_page(figures: list[str], size: int = 30) -> Image.Image:
    """A white 300-dpi page with a ruled table of two columns (a code, a figure) and one row per figure."""
    page = Image.new("RGB", (1400, 120 + 80 * len(figures)), "white")
    d = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, size)
    top, xs = 60, (100, 500, 1000)
    for k, fig in enumerate(figures):
        y = top + 80 * k
        d.text((120, y + 22), f"20{k}", font=font, fill=0)
        width = d.textlength(fig, font=font)
        d.text((xs[2] - 20 - width, y + 22), fig, font=font, fill=0)  # right-aligned, as amounts are printed
    for k in range(len(figures) + 1):
        d.line((xs[0], top + 80 * k, xs[2], top + 80 * k), fill=0, width=3)
    for x in xs:
        d.line((x, top, x, top + 80 * len(figures)), fill=0, width=3)
    return page


def _hocr(words: list[tuple[str, tuple[int, int, int, int]]]) -> str:
    spans = "".join(f"<span class='ocrx_word' id='word_1_{n}' title='bbox {b[0]} {b[1]} {b[2]} {b[3]}; x_wconf 90'>"
                    f"{t}</span>" for n, (t, b) in enumerate(words))
    return ("<div class='ocr_page' id='page_1'><div class='ocr_carea' id='block_1_1' title=\"bbox 0 0 9 9\">"
            f"<p class='ocr_par'><span class='ocr_line' id='line_1_1' title=\"bbox 0 0 9 9\">{spans}</span></p>"
            "</div></div>")


def test_the_ruled_cell_around_a_point_is_found():
    grid = ocr_grid.grid_of(_ruled_page(["1.00", "2.00"]), 300)
    cell = ocr_grid.cell_at(grid, 800, 100)
    assert cell is not None
    x0, y0, x1, y1 = cell
    assert abs(x0 - 500) <= 3 and abs(x1 - 1000) <= 3 and abs(y0 - 60) <= 3 and abs(y1 - 140) <= 3
    assert ocr_grid.cell_at(grid, 1200, 100) is None  # right of the table: no cell


def test_a_digits_only_reading_is_tidied():
    assert ocr_grid.as_figure("277..05") == "277.05"
    assert ocr_grid.as_figure("1,754,17") == "1,754.17"
    assert ocr_grid.as_figure("2080506-") == "2080506"
    assert ocr_grid.as_figure("-12.50") == "-12.50"


def test_a_new_reading_may_add_the_digits_the_page_lost_but_not_change_one():
    assert ocr_grid._figure_reading("223 22", ["5,223.22"]) == "5,223.22"
    assert ocr_grid._figure_reading("10 191 56", ["10,191.56"]) == "10,191.56"
    assert ocr_grid._figure_reading("10 191 56", ["10,791.56"]) is None  # a digit changed: not on one reading
    assert ocr_grid._figure_reading("10 191 56", ["10,791.56", "10,791.56"]) == "10,791.56"  # two scales agree
    assert ocr_grid._figure_reading("96,282,213.44", ["-96,282,213.44"]) == "96,282,213.44"  # a dash: no sign
    assert ocr_grid._figure_reading("-12 50", ["-12.50"]) == "-12.50"


def test_a_figure_split_into_groups_has_its_marks_restored_as_candidates():
    assert "10191.56" in candidates("10 191 56")
    assert "367.04" in candidates("3670.4")


@needs_tesseract
def test_a_figure_ocr_split_and_lost_its_marks_is_read_again_whole_from_its_cell(tmp_path):
    page = _ruled_page(["10, 191. 56", "5, 223. 22"])
    path = tmp_path / "page.png"
    page.convert("L").save(path, dpi=(300, 300))
    # what a sparse page reading gives: the groups as words, the points and commas lost, a group lost
    hocr = _hocr([("200", (120, 80, 180, 115)), ("10", (820, 80, 860, 115)), ("191", (880, 80, 930, 115)),
                  ("56", (945, 80, 980, 115)), ("201", (120, 160, 180, 195)), ("223", (880, 160, 930, 195)),
                  ("22", (945, 160, 980, 195))])
    out = ocr_grid.reread_grid(path, hocr, ocr_grid.grid_of(page, 300))
    words = [w[2] for w in ocr_grid._words(out) if w[2]]
    assert words == ["200", "10,191.56", "201", "5,223.22"]


@needs_tesseract
def test_a_row_the_page_reading_lost_is_read_from_its_ruled_cells(tmp_path):
    page = _ruled_page(["1,282.56", "426.00"])
    path = tmp_path / "page.png"
    page.convert("L").save(path, dpi=(300, 300))
    hocr = _hocr([("200", (120, 80, 180, 115)), ("1,282.56", (820, 80, 980, 115))])  # the second row lost
    out = ocr_grid.reread_grid(path, hocr, ocr_grid.grid_of(page, 300))
    assert sorted(w[2] for w in ocr_grid._words(out)) == sorted(["200", "1,282.56", "201", "426.00"])


@needs_tesseract
def test_a_clean_figure_is_left_as_read(tmp_path):
    page = _ruled_page(["13,297.11"])
    path = tmp_path / "page.png"
    page.convert("L").save(path, dpi=(300, 300))
    hocr = _hocr([("13,297.11", (800, 80, 980, 115)), ("200", (120, 80, 180, 115))])
    out = ocr_grid.reread_grid(path, hocr, ocr_grid.grid_of(page, 300))
    assert [w[2] for w in ocr_grid._words(out)] == ["13,297.11", "200"]


def test_the_scan_generator_takes_a_style(tmp_path):
    from ingest.ocr import page_texts
    from samplegen.scan import scan
    out = scan(Path(__file__).resolve().parents[2] / "samples/ab_layout_selfeval.pdf", tmp_path / "s.pdf", dpi=150, pages="1", quality=40, tilt=2.0,
               blur=1.2, seed=3)
    assert page_texts(out.read_bytes()) == [""]  # image-only
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(out))
    try:
        image = next(o for o in pdf[0].get_objects() if o.type == 3)
        assert abs(image.get_bitmap().width / (pdf[0].get_width() / 72) - 150) < 2
    finally:
        pdf.close()
