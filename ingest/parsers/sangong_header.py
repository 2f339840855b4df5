"""三公 header labels a text-position reader left beside their figures.

A table ruled only above and below its header (三线表) is read by text position: a label centred over its column
lands in a column of its own, blank on every body line, beside the right-aligned figures it names (公务用车购置费
over nothing, 18.00 under the parent label 公务用车购置及运行费). Read so, an item's column holds no figure and its
figure is read under another item's name. The labels are moved onto the figures: whole columns first
(`columns.settle_labels`), else label by label within a header line, onto the neighbour that holds figures and no
label on that line. The moved header is taken only when every item column it names holds a figure and it names as many
columns of figures as the header did.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.numbers import is_number
from ingest.parsers.columns import compact, is_banner, settle_labels

ColumnMap = dict[int, tuple[str, str]]


def _body(rows: list[list[str]]) -> list[list[str]]:
    """The lines holding figures (not a 注 line)."""
    return [r for r in rows if any(is_number(c) and any(ch.isdigit() for ch in c) for c in r)]


def blank_columns(cols: ColumnMap, rows: list[list[str]]) -> list[int]:
    """The item columns blank on every line with figures."""
    body = _body(rows)
    return [j for j in cols if body and not any(j < len(r) and compact(r[j]) for r in body)]


def settle_by_line(header: list[list[str]], rows: list[list[str]]) -> list[list[str]] | None:
    """The header with each label over a column blank on every body line moved, within its header line, onto the
    neighbour (right first) that holds body cells and no label on that line; None when no label moves."""
    body = _body(rows)
    width = max([len(r) for r in header] + [len(r) for r in rows] + [0])
    out = [list(r) + [""] * (width - len(r)) for r in header if not is_banner(r)]

    def filled(j: int) -> bool:
        return 0 <= j < width and any(j < len(r) and compact(r[j]) for r in body)

    moved = False
    for line in out:
        for j in range(width):
            if compact(line[j]) and not filled(j):
                k = next((k for k in (j + 1, j - 1) if filled(k) and not compact(line[k])), None)
                if k is not None:
                    line[k], line[j] = line[j], ""
                    moved = True
    return out if moved else None


def labels_on_figures(header: list[list[str]], rows: list[list[str]], cols: ColumnMap,
            mapping: Callable[[list[list[str]]], ColumnMap]) -> tuple[list[list[str]], ColumnMap] | None:
    """(header, column map) with the labels moved onto their figures, when the header as read leaves an item column
    blank and the moved one names as many columns of figures, none of its items over a blank column; else None."""
    blank = blank_columns(cols, rows)
    if not blank:
        return None
    filled = len(cols) - len(blank)
    for moved in (settle_labels(header, rows), settle_by_line(header, rows)):
        if moved is None:
            continue
        again = mapping(moved)
        empty = blank_columns(again, rows)
        # a label carried right over a blank column (a spanning cell's text repeated) names an item read beside it
        again = {j: key for j, key in again.items() if j not in empty or list(again.values()).count(key) == 1}
        if again and not blank_columns(again, rows) and len(again) >= filled:
            return moved, again
    return None
