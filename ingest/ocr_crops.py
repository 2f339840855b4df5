"""The ruled cell of an OCR'd page that holds a misread text, cropped from the page image and read again.

The 项 codes (ingest.ocr_codes) and the 总表 line labels (ingest.ocr_labels) that OCR misread are found by their
text in the OCR'd file's text layer, on the line of a text beside them, and read again from the cell of the page
image that holds them; a cell a red seal covers, from its print without the seal (`under_seal`, as the amount
cells of ingest.ocr_cells).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PIL import Image

from ingest.ocr_image import print_under_seal, red_ink


def _text_box(tp: Any, junk: str, name: str) -> tuple[float, float, float, float] | None:
    """The pdf box of the one occurrence of `junk` on the page that stands on the line of `name`, left of it."""
    def hits(text: str) -> list[tuple[float, float, float, float]]:
        found: list[tuple[float, float, float, float]] = []
        search = tp.search(text, match_whole_word=False)
        while (hit := search.get_next()) is not None and len(found) < 50:
            boxes = [tp.get_charbox(k) for k in range(hit[0], hit[0] + hit[1])]
            found.append((min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                          max(b[3] for b in boxes)))
        search.close()
        return found

    names = hits(name)
    on_line = [j for j in hits(junk) for n in names
               if j[2] <= n[0] and abs((j[1] + j[3]) / 2 - (n[1] + n[3]) / 2) <= 0.6 * max(n[3] - n[1], 1.0)]
    return on_line[0] if len(set(on_line)) == 1 else None


# A cell with more red seal ink than this share of its area is read from its print alone (`print_under_seal`).
SEALED_SHARE = 0.01


def under_seal(colour: Image.Image | None, box: tuple[int, int, int, int]) -> Image.Image | None:
    """The page as print without its seal (black on white) when a seal covers part of the cell `box` (pixels):
    a seal's strokes over a figure read as parts of its digits, or hide them; else None (the grey page serves)."""
    if colour is None or not red_ink(colour.crop(box)).mean() > SEALED_SHARE:
        return None
    x0, y0, x1, y1 = box
    m = 8  # the crop with a little of its surroundings: the cell's rules stay rules
    x0, y0, x1, y1 = max(0, x0 - m), max(0, y0 - m), min(colour.width, x1 + m), min(colour.height, y1 + m)
    page = Image.new("L", colour.size, 255)
    page.paste(print_under_seal(colour.crop((x0, y0, x1, y1))), (x0, y0))
    return page


def cells_of(path: Path, targets: list[tuple[int, str, str]], dpi: float = 300.0
             ) -> Iterator[tuple[int, Image.Image, tuple[int, int, int, int]]]:
    """The ruled cells of an OCR'd file's page images that hold text its text layer misread: for each target
    (page number, the misread text, a text on its line right of it), (the target's index, the page in grey at
    `dpi` — for a cell under a red seal, its print without the seal (`under_seal`) —, the cell's box in pixels);
    a target whose text is not found once on that line, or whose cell has no rules around it, is left out. One
    page image at a time: a caller keeps its crop, not the page."""
    import pypdfium2 as pdfium

    from ingest.ocr_grid import cell_at, grid_of

    pdf = pdfium.PdfDocument(str(path))
    try:
        for n, (number, junk, beside) in enumerate(targets):
            if not 1 <= number <= len(pdf):
                continue
            page = pdf[number - 1]
            tp = page.get_textpage()
            box = _text_box(tp, junk, beside)
            tp.close()
            if box is None:
                page.close()
                continue
            colour = page.render(scale=dpi / 72).to_pil().convert("RGB")
            image = colour.convert("L")
            k, height = dpi / 72, page.get_height()
            page.close()
            cell = cell_at(grid_of(image, dpi), (box[0] + box[2]) / 2 * k, (height - (box[1] + box[3]) / 2) * k)
            if cell is not None:  # a cell under a red seal: its print without the seal
                yield n, under_seal(colour, cell) or image, cell
    finally:
        pdf.close()
