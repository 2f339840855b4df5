"""The amount cells of an OCR'd table read again from the page (ingest.ocr_cells): a small PDF whose invisible
text layer misreads a cell, as OCR leaves it, over the page image of a ruled table; the cell is read again:
a figure, a 项 code, a 总表 line label."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ingest.model import RawTable
from ingest.ocr_cells import AGREED, reread_cells, tidy

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
_CJK = re.compile(r"[\u4e00-\u9fff]")
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None or not (Path(FONT).exists() and Path(CJK_FONT).exists()),
                                     reason="tesseract-ocr or the DejaVu font not installed")


def _one_line_table(path: Path, printed: list[str], read: list[str], width: int = 120) -> None:
    """A page image of a one-line ruled table printing `printed`, under `read` as its invisible text layer (the
    OCR reading), as OCRmyPDF writes a scan."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    k = 300 / 72  # page image pixels per point
    size = (842, 400)
    left, top, bottom = 40, 100, 130  # points, from the top
    image = Image.new("L", (int(size[0] * k), int(size[1] * k)), 255)
    d = ImageDraw.Draw(image)
    for n in range(len(printed) + 1):
        d.line(((left + n * width) * k, top * k, (left + n * width) * k, bottom * k), fill=0, width=4)
    for y in (top, bottom):
        d.line((left * k, y * k, (left + width * len(printed)) * k, y * k), fill=0, width=4)
    for n, shown in enumerate(printed):
        font = ImageFont.truetype(CJK_FONT if _CJK.search(shown) else FONT, int(11 * k))
        right = (left + (n + 1) * width - 6) * k
        d.text((right - d.textlength(shown, font=font), (bottom - 22) * k), shown, font=font, fill=0)
    c = canvas.Canvas(str(path), pagesize=size)
    c.drawImage(ImageReader(image), 0, 0, *size)
    for n, ocr in enumerate(read):
        name = "STSong-Light" if _CJK.search(ocr) else "Helvetica"
        text = c.beginText()
        text.setTextRenderMode(3)  # invisible
        text.setFont(name, 11)
        text.setTextOrigin(left + (n + 1) * width - 6 - c.stringWidth(ocr, name, 11), size[1] - bottom + 9)
        text.textOut(ocr)
        c.drawText(text)
    c.save()


@needs_tesseract
def test_a_cell_of_a_one_line_table_is_found_by_its_place_among_the_ruled_cells(tmp_path):
    # "4" stands in "4.30" too, so no text search places it, and no other line gives its column: its place is
    # the ruled cell one right of 22.00 (and three left of 4.30)
    pdf = tmp_path / "sangong.pdf"
    printed = ["22.00", "17.77", "5.00", "3.26", "4.30"]
    read = ["22.00", "4", "5.00", "3.26", "4.30"]
    _one_line_table(pdf, printed, read)
    table = RawTable("sangong", "三公经费支出决算表", [1], [], [read], [1])
    assert "17.77" in reread_cells(pdf, table).get("4", [])


@needs_tesseract
def test_an_item_code_read_as_letters_is_read_again_as_its_digits(tmp_path):
    from ingest.ocr_codes import reread_codes

    pdf = tmp_path / "expenditure.pdf"
    printed = ["210", "07", "17", "计划生育服务", "200,000"]
    read = ["210", "07", "re", "计划生育服务", "200,000"]
    _one_line_table(pdf, printed, read)
    table = RawTable("expenditure", "支出预算表", [1], [], [read], [1])
    assert reread_codes(pdf, table).rows == [printed]


@needs_tesseract
def test_a_summary_label_read_as_latin_junk_is_read_again_as_its_label(tmp_path):
    from ingest.ocr_labels import reread_junk_labels

    pdf = tmp_path / "summary.pdf"
    _one_line_table(pdf, ["一、财政拨款", "27,664.22"], ["rer", "27,664.22"], width=200)
    table = RawTable("summary", "收支预算总表", [1], [], [["rer", "27,664.22"]], [1])
    assert reread_junk_labels(pdf, table).rows == [["财政拨款", "27,664.22"]]


PAGES = Path(__file__).parent / "ocr_pages"  # pieces of real scanned pages: the page image and its OCR text layer


def _column(rows: list[list[str]]) -> RawTable:
    return RawTable(family="fiscal_expenditure", title="财政拨款支出预算表", pages=[1],
                    header=[["功能科目代码", "功能科目名称", "金额"]], rows=rows, row_pages=[1] * len(rows))


@needs_tesseract
def test_dust_in_a_cell_does_not_pull_the_rows_above_and_below_into_its_reading():
    """A scanned 江苏 财政拨款支出预算表: OCR read 2,299.88 as 25299.88 (its comma as a 5). Specks in the cell's
    corners once stretched its crop to the whole cell and its margin over the next rows' digits; the cell's own
    print, read alone, gives the figure."""
    table = _column([["2210201", "住房公积金", "715.28"], ["2210202", "提租补贴", "25299.88"]])
    again = reread_cells(PAGES / "speck_in_cell.pdf", table)
    assert "2,299.88" in again["25299.88"]


@needs_tesseract
def test_a_speck_over_a_decimal_point_is_read_as_the_point():
    """371.92 printed with dust above its point (371:92): the page reading lost the mark (37192); read again
    as digits, the colon Tesseract sees stands for the point — the cell does not 'agree' with its misreading."""
    table = _column([["2080504", "未归口管理的行政单位离退休", "37192"], ["2210201", "住房公积金", "4,073.77"]])
    again = reread_cells(PAGES / "speck_over_point.pdf", table)
    assert "371.92" in again["37192"]
    assert "1,073.77" in again["4,073.77"]
    assert "37192" not in again.get(AGREED, [])


@needs_tesseract
def test_a_cells_print_keeps_its_commas_and_a_figure_printed_over_two_cells_reads_whole():
    """A scanned 江苏 支出预算总表 line: the cell's print is cut from the cell with a margin of its own paper and
    the thin tails of its commas (cut bare, 18,570.82 read as 18.570.82); "3,258.06", printed over the rule into
    the next cell and read as "3,25" | "8.06", reads whole."""
    table = RawTable(family="expenditure", title="支出预算总表", pages=[1],
                     header=[["合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金"]],
                     rows=[["33,172.15", "18,570.82", "11,343.27", "3,25", "8.06"]], row_pages=[1])
    again = reread_cells(PAGES / "figure_over_two_cells.pdf", table)
    assert {"18,570.82", "11,343.27"} <= set(again[AGREED])
    assert again["3,25"] == ["3,258.06"]


def test_a_digits_only_reading_gets_its_marks_back():
    """What Tesseract reads of a cell as digits, as the figure it stands for: a colon for a point (a speck over
    it), a speck before the figure, thousands marks read as points or doubled."""
    assert tidy("371:92") == "371.92"
    assert tidy(".27,664.22") == "27,664.22"
    assert tidy("9,.066.79") == "9,066.79"
    assert tidy("3.258.06") == "3,258.06"
    assert tidy("17,.464,243") == "17,464,243"
    assert tidy("2080504") == "2080504"  # a code stays a code


@needs_tesseract
def test_a_label_under_a_red_seal_is_cut_from_its_print_without_the_seal():
    """A scanned 江苏 收支预算总表: the seal's ring and its 专 lie over 一、一般公共服务支出 (the page read 般公共服务驻出).
    The cell handed to a label's re-reading is its print without the seal (black on white, the red dropped by its
    colour), which reads as the label, a character off at most."""
    from PIL import ImageOps

    from ingest.ocr_crops import cells_of
    from ingest.ocr_image import clean_for_ocr, read_lines
    from ingest.ocr_labels import mend_label

    [(_, image, cell)] = list(cells_of(PAGES / "seal_over_thousands.pdf", [(1, "般公共服务驻出", "343.55")]))
    crop = image.crop((cell[0] + 3, cell[1] + 3, cell[2] - 3, cell[3] - 3))
    assert set(crop.histogram()[1:255]) == {0}  # print or paper: no seal's grey left
    got = read_lines([ImageOps.expand(clean_for_ocr(crop.convert("RGB"), 300), 12, fill="white")], 300, "chi_sim", 60)
    assert got and mend_label("".join(got[0].split()), near=True) == "一般公共服务支出"
