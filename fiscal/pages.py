"""Source pages: one page of a stored PDF rendered as PNG, so a figure can be checked against print.

pypdfium2 is imported only when a page is rendered: the dashboard must start without it.
"""

from __future__ import annotations

import io
import json
import re
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from fiscal import store
from fiscal.read.lake import rows_of_docs

# pdfium is not thread-safe; Streamlit serves sessions from several threads.
_PDFIUM_LOCK = threading.Lock()


class SourceMissing(FileNotFoundError):
    """The PDF of a document is not kept in the lake."""


def _stored(lake: Path, doc_id: str) -> Path:
    """The document's stored PDF as a file on this machine (a remote lake's fetched once), or SourceMissing."""
    path = store.local_source(Path(lake), doc_id)
    if path is None:
        raise SourceMissing(f"no stored PDF for document {doc_id} at {store.source_path(Path(lake), doc_id)}")
    return path


@contextmanager
def _open_page(path: str, page: int) -> Iterator[Any]:
    """One page of a PDF, opened under the pdfium lock and closed after use (1-based `page`)."""
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(path)
        try:
            if not 1 <= page <= len(pdf):
                raise ValueError(f"page {page} is outside 1..{len(pdf)} of {path}")
            pdf_page = pdf[page - 1]
            try:
                yield pdf_page
            finally:
                pdf_page.close()
        finally:
            pdf.close()


def render_page(lake: Path, doc_id: str, page: int, scale: float = 1.5) -> bytes:
    """PNG bytes of 1-based `page` of the document's stored PDF."""
    stat = (path := _stored(lake, doc_id)).stat()
    return _render(str(path), stat.st_mtime_ns, int(page), round(float(scale), 2))


def page_count(lake: Path, doc_id: str) -> int:
    """Number of pages of the document's stored PDF."""
    import pypdfium2 as pdfium

    path = _stored(lake, doc_id)
    with _PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(str(path))
        try:
            return len(pdf)
        finally:
            pdf.close()


@lru_cache(maxsize=64)
def _render(path: str, mtime_ns: int, page: int, scale: float) -> bytes:
    """Render one page (cached per file version, page and scale)."""
    with _open_page(path, page) as pdf_page:
        image = pdf_page.render(scale=scale).to_pil()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


# ---------------------------------------------------------------- a quote on its page, cropped and highlighted

MIN_MATCH = 6  # shortest piece of a quote worth finding on a page (characters, spaces ignored)
HIGHLIGHT = (255, 200, 0)  # amber box around the quoted text


@dataclass(frozen=True)
class Excerpt:
    """A page image cropped around the quoted text (`found`), or the whole page when the quote is not on it."""

    png: bytes
    found: bool
    boxes: tuple[tuple[float, float, float, float], ...]  # highlighted boxes in PDF points (left, top, right, bottom)


def _norm(text: str) -> str:
    """Compare text as printed: full-width forms folded (（ → (), no whitespace."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def _pieces(quote: str) -> list[str]:
    """The quote, then its longest clauses, then its first characters: a long quote often breaks across lines."""
    q = _norm(quote)
    parts = sorted((p for p in re.split(r"[，。；：、,;:“”\"…]", q) if len(p) >= MIN_MATCH), key=len, reverse=True)
    return list(dict.fromkeys([q, *parts[:3], q[:24], q[:12]]))


Box = tuple[float, float, float, float]


def find_boxes(chars: list[tuple[str, Box]], quote: str) -> list[Box]:
    """Boxes (l, b, r, t in PDF points) of one line each covering the first place `quote` is printed; [] if nowhere."""
    kept = [(unicodedata.normalize("NFKC", c), box) for c, box in chars if not c.isspace()]
    text = "".join(c for c, _ in kept)
    index = [i for i, (c, _) in enumerate(kept) for _ in c]  # NFKC may widen one character into several
    for piece in _pieces(quote):
        if len(piece) < min(MIN_MATCH, len(_norm(quote))) or not piece:
            continue
        at = text.find(piece)
        if at < 0:
            continue
        hit = sorted({index[k] for k in range(at, at + len(piece))})
        lines: list[list[float]] = []
        for i in hit:  # one box per printed line
            left, bottom, right, top = kept[i][1]
            line = next((ln for ln in lines if abs(ln[1] - bottom) < (top - bottom) * 0.6 + 1), None)
            if line is None:
                lines.append([left, bottom, right, top])
            else:
                line[:] = [min(line[0], left), min(line[1], bottom), max(line[2], right), max(line[3], top)]
        return [tuple(ln) for ln in lines]  # type: ignore[misc]
    return []


def row_box(chars: list[tuple[str, Box]], label: list[Box]) -> Box:
    """The table row a label starts: every character printed at the label's height, left to right."""
    bottom, top = min(b[1] for b in label), max(b[3] for b in label)
    same = [box for c, box in chars if not c.isspace() and bottom - 1 <= (box[1] + box[3]) / 2 <= top + 1]
    return (min(b[0] for b in same), min(b[1] for b in same), max(b[2] for b in same), max(b[3] for b in same))


def render_excerpt(lake: Path, doc_id: str, page: int, quotes: tuple[str, ...], scale: float = 2.0,
                   margin: float = 36.0, rows: tuple[str, ...] = (), figures: tuple[Box, ...] = ()) -> Excerpt:
    """The page cropped to the lines where `quotes` are printed (page width kept), each highlighted;
    a quote in `rows` is a table row's label: its whole row is highlighted. `figures` are boxes stored
    with the figures (`bbox`: x0, top, x1, bottom from the page's top left), highlighted as they are."""
    path = _stored(lake, doc_id)
    return _excerpt(str(path), path.stat().st_mtime_ns, int(page), tuple(quotes), round(float(scale), 2), margin,
                    tuple(rows), tuple((float(b[0]), float(b[1]), float(b[2]), float(b[3])) for b in figures))


@lru_cache(maxsize=64)
def _excerpt(path: str, mtime_ns: int, page: int, quotes: tuple[str, ...], scale: float, margin: float,
             rows: tuple[str, ...], figures: tuple[Box, ...] = ()) -> Excerpt:
    from PIL import ImageDraw

    with _open_page(path, page) as pdf_page:
        width, height = pdf_page.get_size()
        chars: list[tuple[str, Box]] = []
        if quotes:
            textpage = pdf_page.get_textpage()
            chars = [(textpage.get_text_range(i, 1), textpage.get_charbox(i)) for i in range(textpage.count_chars())]
            textpage.close()
        image = pdf_page.render(scale=scale).to_pil().convert("RGB")
    boxes: list[Box] = []
    for quote in quotes:
        found = find_boxes(chars, quote)
        boxes += [row_box(chars, found)] if found and quote in rows else found
    # PDF points (origin bottom left) -> image pixels (origin top left); figure boxes are stored from the top
    boxes += [(b[0], height - b[3], b[2], height - b[1]) for b in figures]
    px = [(b[0] * scale, (height - b[3]) * scale, b[2] * scale, (height - b[1]) * scale) for b in boxes]
    draw = ImageDraw.Draw(image, "RGBA")
    for left, top, right, bottom in px:
        pad = 2 * scale
        draw.rectangle((left - pad, top - pad, right + pad, bottom + pad), outline=HIGHLIGHT + (255,),
                       fill=HIGHLIGHT + (60,), width=max(2, int(scale)))
    if px:
        top = max(0, int(min(p[1] for p in px) - margin * scale))
        bottom = min(image.height, int(max(p[3] for p in px) + margin * scale))
        image = image.crop((0, top, image.width, bottom))
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    shown = tuple((b[0], height - b[3], b[2], height - b[1]) for b in boxes)
    return Excerpt(buf.getvalue(), bool(boxes), shown)


# ---------------------------------------------------------------- the figures a flag compared, where they are printed

FIGURE_DATASETS: tuple[str, ...] = ("summary", "line_items", "economic_items", "sangong", "projects", "project_goals")
# Datasets whose rows are a project's (one box per project row), and the figure that stands for the row.
PROJECT_FIGURE = {"projects": "executed", "project_goals": "requested_total"}
# Evidence keys that hold no printed figure (computed values, counts, tolerances, page numbers).
NOT_PRINTED = frozenset({"difference", "tolerance", "change", "parts", "n", "indicators", "growth", "share", "ratio",
                         "similarity", "expected_score", "exec_rate", "computed", "sum", "sum_of_parts",
                         "indicator_scores", "document_year", "year_printed"})
MAX_SAME = 2  # a figure printed more often than this on its page does not say which one the flag means


def page_figures(lake: Path, doc_id: str, page: int) -> list[dict[str, Any]]:
    """The located figures of one page of a document: dataset, amount (a project's: PROJECT_FIGURE), project, bbox."""
    out: list[dict[str, Any]] = []
    for dataset in FIGURE_DATASETS:
        rows = rows_of_docs(Path(lake), dataset, [doc_id])
        if "bbox" not in rows.columns or rows.is_empty():
            continue  # a lake written before figures had boxes
        amount = PROJECT_FIGURE.get(dataset, "amount")
        kept = rows.filter((rows["page"] == page) & rows["bbox"].is_not_null())
        for row in kept.iter_rows(named=True):
            out.append({"dataset": dataset, "amount": row.get(amount), "project": row.get("project"),
                        "bbox": tuple(row["bbox"])})
    return out


def _printed(evidence: dict[str, Any]) -> list[float]:
    """The figures a flag's evidence quotes (and those of its checks), not what the rule computed."""
    out = []
    for part in (evidence, *(c for c in evidence.get("checks") or [] if isinstance(c, dict))):
        for key, value in part.items():
            if key in NOT_PRINTED or key.endswith("page") or isinstance(value, bool):
                continue
            if isinstance(value, (int, float)) and abs(value) >= 0.005:
                out.append(float(value))
    return out


def flag_boxes(figures: list[dict[str, Any]], flags: list[dict[str, Any]]) -> list[Box]:
    """The boxes of the figures the flags compared, among a page's located `figures`: a project's row for a
    flag about a project, else each evidence figure printed at most MAX_SAME times on the page."""
    boxes: list[Box] = []
    for flag in flags:
        if flag.get("project"):
            boxes += [f["bbox"] for f in figures if f["dataset"] in PROJECT_FIGURE and f["project"] == flag["project"]]
            continue
        try:
            evidence = json.loads(flag.get("evidence") or "{}")
        except (TypeError, ValueError):
            continue
        if not isinstance(evidence, dict):
            continue
        for value in _printed(evidence):
            same = [f["bbox"] for f in figures if f["dataset"] not in PROJECT_FIGURE
                    and isinstance(f["amount"], (int, float)) and abs(f["amount"] - value) < 0.005]
            boxes += same if len(same) <= MAX_SAME else []
    return list(dict.fromkeys(boxes))
