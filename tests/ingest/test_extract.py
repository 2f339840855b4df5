"""ingest/extract.py helpers that need no PDF: a page's words cut into one region per table."""

from __future__ import annotations

from typing import Any

from ingest.extract import _has_figures, reading_order, words_to_grid
from ingest.regions import regions, unfuse


def _line(top: float, *cells: tuple[float, str]) -> list[dict[str, Any]]:
    return [{"text": t, "x0": x, "x1": x + 12 * len(t), "top": top, "bottom": top + 10} for x, t in cells]


def test_a_page_of_titled_tables_is_cut_at_each_title_preamble_left_out() -> None:
    words = (_line(50, (200, "政府性基金预算支出表")) + _line(65, (500, "公开07表"))
             + _line(80, (40, "部门：某局"), (480, "金额单位：万元")) + _line(95, (40, "科目编码"), (200, "合计"))
             + _line(110, (40, "本部门无政府性基金预算支出，故本表为空表。"))
             + _line(200, (180, "一般公共预算“三公”经费支出表")) + _line(215, (40, "部门：某局"))
             + _line(230, (40, "合计"), (120, "因公出国（境）费"), (300, "公务接待费"))
             + _line(245, (40, "12.60"), (120, "0.00"), (300, "4.60")))
    first, second = regions(words)
    assert [w["text"] for w in first] == ["科目编码", "合计", "本部门无政府性基金预算支出，故本表为空表。"]
    assert words_to_grid(second, trim_top=False) == [["合计", "因公出国（境）费", "公务接待费"],
                                                     ["12.60", "0.00", "4.60"]]


def test_a_header_printed_again_after_figures_starts_the_next_region() -> None:
    header = ((40, "项目"), (200, "预算数"))
    words = (_line(40, (200, "收入支出预算总表")) + _line(55, (200, "财政拨款收支总表")) + _line(80, *header)
             + _line(95, (40, "合计"), (200, "5.00")) + _line(110, *header) + _line(125, (40, "合计"), (200, "7.00")))
    assert [[w["text"] for w in p] for p in regions(words)] == [["项目", "预算数", "合计", "5.00"],
                                                               ["项目", "预算数", "合计", "7.00"]]


def test_one_amount_column_is_a_table_a_sentence_is_not() -> None:
    assert _has_figures([["项目", "行次", "金额"], ["事业收入", "1", "35.50"], ["其他收入", "2", "2.15"],
                         ["本年收入合计", "3", "37.65"]])
    assert not _has_figures([["本年收入37.65万元，比上年增加2.15万元。"], ["其中事业收入35.50万元。"],
                             ["其他收入2.15万元。"]])


def test_a_figure_and_the_next_label_in_one_cell_are_cut_apart() -> None:
    grid = [["项目", "决算数\n项目", "", "决算数"],
            ["一、一般公共预算财政拨款收入", "640.25 一、一般公共服务支出", "", "560.30"],
            ["", "五、住房保障支出", "", "26.06"],
            ["合计", "", "", "14.20 公务用车购置及运行费", "", "8.00"]]
    got = unfuse(grid)
    assert got[1] == ["一、一般公共预算财政拨款收入", "640.25", "一、一般公共服务支出", "560.30"]
    assert got[2] == ["", "", "五、住房保障支出", "26.06"]  # a label alone follows its column's labels
    assert got[3] == ["合计", "", "14.20", "公务用车购置及运行费", "", "8.00"]


def test_a_second_reading_renders_at_the_confirming_resolution(monkeypatch: Any) -> None:
    """The first reading's page images are Camelot's 300 dpi; a confirming reading's at CONFIRM_DPI, its
    collector paused like the first's."""
    import gc
    from pathlib import Path

    from ingest import extract

    pdf = str(Path(__file__).resolve().parents[2] / "samples" / "chenzhou_2022_final_a.pdf")
    first = extract._lattice("combined")["backend"].to_array(pdf, page=6)
    second = extract._lattice("combined", extract.CONFIRM_DPI)["backend"].to_array(pdf, page=6)
    scale = extract.CONFIRM_DPI / extract.FIRST_DPI
    assert abs(second.shape[0] - first.shape[0] * scale) <= 1 and abs(second.shape[1] - first.shape[1] * scale) <= 1
    asked: list[tuple[int, bool]] = []

    def reader(path: str, pages: str, **options: Any) -> list[Any]:
        asked.append((getattr(options.get("backend"), "resolution", 0), gc.isenabled()))
        return []

    monkeypatch.setattr(extract, "read_pdf", reader)
    list(extract.alternatives(Path(pdf), [6], "vector", {}))
    assert asked[0] == (extract.CONFIRM_DPI, False) and gc.isenabled()


def _ruled_pdf(path: Any, pages: list[Any]) -> None:
    """A PDF whose pages draw the given paths (each a list of points, stroked and filled)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    for paths in pages:
        page = pdf.new_page(595, 842)
        for points in paths:
            obj = raw.FPDFPageObj_CreateNewPath(*points[0])
            for x, y in points[1:]:
                raw.FPDFPath_LineTo(obj, x, y)
            raw.FPDFPath_SetDrawMode(obj, raw.FPDF_FILLMODE_ALTERNATE, True)
            raw.FPDFPage_InsertObject(page.raw, obj)
        raw.FPDFPage_GenerateContent(page.raw)
    pdf.save(str(path))


def test_a_page_ruled_one_way_only_is_not_rendered(tmp_path: Any) -> None:
    """A lattice needs rules both ways: a 三线表's horizontal rules (apart, or as thin filled boxes) give a
    picture no grid, so the page is not rendered; a box, or rules both ways, is."""
    from ingest import extract

    h = [[(40, y), (550, y)] for y in (700, 680, 400)]
    thin_box = [[(40, 300), (550, 300), (550, 301), (40, 301), (40, 300)]]
    box = [[(40, 300), (550, 300), (550, 500), (40, 500), (40, 300)]]
    grid = h + [[(40, 400), (40, 700)]]
    _ruled_pdf(tmp_path / "ruled.pdf", [h, h + thin_box, box, grid])
    assert extract.drawn([1, 2, 3, 4], tmp_path / "ruled.pdf") == [3, 4]


def test_tables_side_by_side_are_read_left_before_right() -> None:
    """Grids are in page order: the highest first, and two grids beside each other (their heights overlap) left
    before right, whatever Camelot's order and however much higher the right one starts."""
    right, left, below = [["right"]], [["left"]], [["below"]]
    boxed = [((430.0, 300.0, 800.0, 520.0), right), ((40.0, 380.0, 400.0, 510.0), left),
             ((40.0, 100.0, 800.0, 280.0), below)]
    assert [g for _, g in reading_order(boxed)] == [left, right, below]
