"""Every figure keeps where it is printed: its box on its page (ingest/locate.py), digital and scanned.

The digital checks read the session's sample lake (every bundled and real PDF, ingested once):
the box of a figure holds the printed number (read back with pdfplumber, an independent reader),
rotated pages give boxes on the page as displayed, and no two figures of a table share a box.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from fiscal import store
from ingest import locate
from tests.conftest import SAMPLES
from tests.lakeview import rows_of

FIGURE_ROWS = ("summary", "line_items", "economic_items", "sangong")


def _located(lake: Path, dataset: str, source: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(rows with a non-zero figure, those of them with a box)."""
    rows = rows_of(lake, dataset, source)
    if dataset == "sangong":
        rows = rows.filter(pl.col("source") == "table")
    rows = rows.filter(pl.col("amount").abs() >= 0.005)
    return rows, rows.filter(pl.col("bbox").is_not_null())


def test_nearly_every_figure_of_a_real_final_account_has_its_box(sample_lake: Path) -> None:
    total = boxed = 0
    for dataset in FIGURE_ROWS:
        rows, located = _located(sample_lake, dataset, "putuo_caizhengju_2024_final.pdf")
        total, boxed = total + rows.height, boxed + located.height
    assert total > 150 and boxed >= 0.95 * total, (boxed, total)


def test_the_box_holds_the_printed_figure(sample_lake: Path, real_dir: Path) -> None:
    import pdfplumber

    from ingest.numbers import try_number

    source = "putuo_caizhengju_2024_final.pdf"
    checked = 0
    with pdfplumber.open(real_dir / source) as pdf:
        for dataset in ("summary", "line_items", "economic_items"):
            _, located = _located(sample_lake, dataset, source)
            for row in located.iter_rows(named=True):
                x0, top, x1, bottom = row["bbox"]
                assert x0 < x1 and top < bottom
                # pdfplumber's characters (font boxes, taller than pdfium's glyph boxes) centred in the box
                chars = [c for c in pdf.pages[row["page"] - 1].chars
                         if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
                text = "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]))
                assert try_number(text) == pytest.approx(row["amount"], abs=0.006), (row, text)
                checked += 1
    assert checked > 150


def test_boxes_on_a_rotated_page_are_on_the_page_as_displayed(sample_lake: Path, real_dir: Path) -> None:
    import pypdfium2 as pdfium

    source = "江苏省委办公厅2018年度部门预算公开表.pdf"
    rows, located = _located(sample_lake, "line_items", source)
    assert located.height >= 0.9 * rows.height
    pdf = pdfium.PdfDocument(str(next(real_dir.rglob(source))))
    try:
        for row in located.iter_rows(named=True):
            page = pdf[row["page"] - 1]
            width, height = page.get_size()  # the displayed size: its /Rotate applied
            x0, top, x1, bottom = row["bbox"]
            assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height
            assert x1 - x0 > bottom - top, row  # a printed number is a line of text: wider than tall
    finally:
        pdf.close()


def test_equal_figures_on_different_lines_get_different_boxes(sample_lake: Path) -> None:
    # 201 一般公共服务支出 and its 20131 款 print the same 20,153.75 one line apart
    _, located = _located(sample_lake, "line_items", "江苏省委办公厅2018年度部门预算公开表.pdf")
    boxes = located.filter(pl.col("amount") == 20153.75).sort("code")
    tops = [b[1] for b in boxes["bbox"].to_list()]
    assert len(set(tops)) == len(tops) >= 2, boxes
    # no two figures of a dataset claim the same cell, anywhere (a 支出合计 the summary parser reads as two
    # items is one printed figure: the same label)
    what = {"summary": ["label"], "line_items": ["table", "code", "name", "measure"], "economic_items": ["code", "name"],
            "sangong": ["stage", "item"]}
    for dataset, key in what.items():
        rows = store.read(sample_lake, dataset).filter(pl.col("bbox").is_not_null())
        dup = rows.group_by("doc_id", "page", "bbox").agg(pl.struct(key).n_unique().alias("n")).filter(pl.col("n") > 1)
        assert dup.is_empty(), (dataset, dup)


def test_a_project_box_spans_its_funds_row(sample_lake: Path) -> None:
    rows = rows_of(sample_lake, "projects", "chenzhou_2022_final_a.pdf")
    located = rows.filter(pl.col("bbox").is_not_null())
    assert located.height >= 0.9 * rows.height
    for x0, top, x1, bottom in located["bbox"].to_list():
        assert x1 - x0 > 100 and bottom - top < 20  # several figures of one printed line


def test_a_goal_form_box_encloses_its_funds(sample_lake: Path, real_dir: Path) -> None:
    import pdfplumber

    from ingest.numbers import try_number

    source = "putuo_wanli_2023_budget.pdf"
    rows = rows_of(sample_lake, "project_goals", source).filter(pl.col("requested_total").abs() >= 0.005)
    located = rows.filter(pl.col("bbox").is_not_null())
    assert rows.height >= 5 and located.height >= 0.8 * rows.height, (located.height, rows.height)
    with pdfplumber.open(real_dir / source) as pdf:
        for row in located.iter_rows(named=True):
            x0, top, x1, bottom = row["bbox"]
            # pdfplumber's words (font boxes, taller than pdfium's glyph boxes) centred in the box
            words = [w for w in pdf.pages[row["page"] - 1].extract_words()
                     if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom]
            printed = [v for v in (try_number(w["text"]) for w in words) if v is not None]
            # printed in 元, stored in 万元 to the cent
            assert any(abs(v / 10_000 - row["requested_total"]) < 0.006 for v in printed), (row, words)


def test_the_page_is_rotated_into_display_coordinates() -> None:
    class Chars:
        def get_charbox(self, index: int) -> tuple[float, float, float, float]:
            return (10.0, 20.0, 30.0, 25.0)  # left, bottom, right, top in the page's own space

        def count_chars(self) -> int:
            return 0

    width, height = 600.0, 800.0
    boxes = {r: locate._Page(Chars(), width, height, r).char_box(0) for r in (0, 90, 180, 270)}
    assert boxes[0] == (10.0, 775.0, 30.0, 780.0)
    assert boxes[90] == (20.0, 10.0, 25.0, 30.0)
    assert boxes[180] == (570.0, 20.0, 590.0, 25.0)
    assert boxes[270] == (775.0, 570.0, 780.0, 590.0)


def test_old_rows_without_boxes_still_conform() -> None:
    from fiscal.schema import conform
    from fiscal.validate import validator

    common = {"doc_id": "d" * 64, "region_code": "310107", "region": "上海市普陀区", "agency_id": "a",
              "agency": "局", "year": 2024, "page": 3}
    old = conform(pl.DataFrame([{**common, "table": "summary", "item": "x", "label": "x", "amount": 1.0}]), "summary")
    assert old["bbox"].to_list() == [None]
    new = conform(pl.DataFrame([{**common, "amount": 1.0, "bbox": [1.0, 2.0, 3.0, 4.0]}]), "summary")
    assert new["bbox"].to_list() == [[1.0, 2.0, 3.0, 4.0]]
    validator("summary").validate(pl.concat([old, new]), cast=True)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (make setup)")
def test_figures_read_by_ocr_keep_their_boxes(tmp_path: Path) -> None:
    """A scanned copy of the 达州 budget's cover and 收支总表: one mechanism, boxes on the OCR'd page."""
    from ingest.document import ingest_file
    from samplegen.scan import scan

    pdf = scan(SAMPLES / "dazhou_2023_budget_a.pdf", tmp_path / "dazhou_2023_budget_a.pdf", dpi=200, pages="1,9")
    outcome = ingest_file(pdf)
    assert outcome.rejected is None
    boxed, total = locate.share(outcome.frames)
    assert total >= 5 and boxed >= 0.8 * total, (boxed, total)
    for row in outcome.frames["summary"]:
        if row.get("bbox"):
            x0, top, x1, bottom = row["bbox"]
            assert row["page"] == 2 and 0 < x0 < x1 < 600 and 0 < top < bottom < 850


def test_a_figure_corrected_by_ocr_proof_reading_gets_the_box_of_its_misreading(real_dir: Path) -> None:
    """OCR read “10.87” where 10.81 is printed and the table's sums corrected it: the corrected figure is
    printed nowhere in the text layer, so it is found where its misreading is (here a typed page stands in
    for the OCR'd one: 10.81 is printed on the 三公 page, the corrected value 10.87 is not)."""
    from ingest.ocr_proof import printed_as

    assert printed_as(["“10. 81”→“10.87”", "“I0”→“10.00”", "“”→“3.00”"]) == {1087: "10. 81", 1000: "I0"}
    data = (real_dir / "putuo_sifaju_2026_budget.pdf").read_bytes()
    row = {"page": 21, "stage": "budget", "item": "total", "amount": 10.87, "source": "table"}
    alone = {"sangong": [dict(row)]}
    locate.locate(data, alone)  # without the hint: printed nowhere, no box
    assert alone["sangong"][0].get("bbox") is None
    hinted = {"sangong": [dict(row)]}
    locate.locate(data, hinted, printed={21: printed_as(["“10.81”→“10.87”"])})
    x0, top, x1, bottom = hinted["sangong"][0]["bbox"]
    assert 0 < x0 < x1 and 0 < top < bottom
