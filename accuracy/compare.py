"""Truth figures against the lake's rows of one document: matched, partial, wrong or missing.

A truth amount matches a lake row with the same keys within EPS; a truth 0 also matches
when the lake has no row (blank cells may or may not be kept as rows). A figure the lake
holds only from a table it read `partial` (column `reading`) is counted as partial: not
matched, not wrong — the ingest said it was unsure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl
from rapidfuzz import fuzz

from accuracy.truth import LABELLED_ITEMS, META_FIELDS, Figure, Truth, fold, fold_label

EPS = 0.005 + 1e-9
STATUSES = ("matched", "partial", "wrong", "missing")


@dataclass(frozen=True)
class Result:
    """One truth figure and what the lake holds for it."""

    file: str
    section: str
    key: str
    page: int | None
    truth: object
    lake: str  # the lake's value(s) as printed, "missing" when absent
    status: str  # matched | partial | wrong | missing


@dataclass(frozen=True)
class TableCheck:
    """One [[tables]] entry: is its family among the document's tables, and how was it read."""

    file: str
    family: str
    title: str
    page: int | None
    found: bool
    reading: str | None  # complete | partial | unread, when the lake records it


def _is_complete(reading: object) -> bool:
    return reading is None or reading == "complete"


def judge(truth: float, rows: list[tuple[float | None, object]]) -> tuple[str, str]:
    """(status, lake value text) of a truth amount against the (amount, reading) rows of its key."""
    known = [(a, r) for a, r in rows if a is not None]
    if not known:
        return ("matched" if abs(truth) <= EPS else "missing"), "missing"
    complete = [a for a, r in known if _is_complete(r)]
    text = ", ".join(f"{a:g}" for a, _ in known)
    if any(abs(a - truth) <= EPS for a in complete):
        return "matched", text
    if not complete:
        return "partial", text + " (partial)"
    return "wrong", text


def _rows(df: pl.DataFrame, value: str = "amount") -> list[tuple[float | None, object]]:
    readings = df["reading"].to_list() if "reading" in df.columns else [None] * df.height
    return list(zip(df[value].to_list(), readings, strict=True))


def _eq(col: str, value: object) -> pl.Expr:
    return pl.col(col).is_null() if value is None else pl.col(col).eq(value)


def lake_rows(fig: Figure, frames: dict[str, pl.DataFrame]) -> list[tuple[float | None, object]]:
    """The lake's (amount, reading) rows under a figure's key (projects: see project_rows)."""
    if fig.section == "sangong":
        df = frames["sangong"]
        stage, item, source = (*fig.key, "table")[:3]
        if "source" in df.columns:  # a table's cells are not the prose's statements of them
            df = df.filter(pl.col("source").fill_null("table") == source)
        return _rows(df.filter((pl.col("stage") == stage) & (pl.col("item") == item)))
    if fig.section == "summary":
        table, item, label = fig.key
        df = frames["summary"].filter((pl.col("table") == table) & (pl.col("item") == item))
        if item in LABELLED_ITEMS:
            df = df.filter(pl.col("label").map_elements(fold_label, return_dtype=pl.String) == label)
        return _rows(df)
    if fig.section == "line_items":
        table, code, measure = fig.key
        df = frames["line_items"]
        return _rows(df.filter((pl.col("table") == table) & _eq("code", code) & (pl.col("measure") == measure)))
    raise ValueError(f"unknown section {fig.section}")


def project_rows(name: str, projects: pl.DataFrame) -> pl.DataFrame:
    """The lake's projects of one document that are the truth's project (same name, folded; else close)."""
    if projects.is_empty():
        return projects
    want = fold(name)
    names = [fold(n) for n in projects["project"].to_list()]
    exact = [i for i, n in enumerate(names) if n == want]
    if not exact:
        exact = [i for i, n in enumerate(names) if n and (want in n or n in want)]
    if not exact:
        scores = [fuzz.ratio(want, n) for n in names]
        best = max(scores)
        exact = [i for i, s in enumerate(scores) if s == best and s >= 85]
    return projects[exact] if exact else projects.clear()


def _elsewhere(fig: Figure, summary: pl.DataFrame) -> str:
    """Where the lake put the truth's amount in the same table under another item, if it did."""
    table, item, _ = fig.key
    near = summary.filter((pl.col("table") == table) & (pl.col("item") != item)
                          & ((pl.col("amount") - fig.amount).abs() <= EPS))
    hits = [f"{i} '{lab}'" for i, lab in near.select("item", "label").iter_rows()][:3]
    return f" (same amount in the lake as {', '.join(hits)})" if hits else ""


# A lake line whose label is this close (rapidfuzz ratio of the folded labels) to a truth line's is that line.
NEAR_LABEL = 80.0


def _misread_line(fig: Figure, summary: pl.DataFrame) -> str:
    """A complete lake line of the figure's table whose label is the truth line's misread (般公共服务驻出 for
    一般公共服务支出) and whose amount is not the truth's: that line is a wrong figure accepted as complete, though
    its key (item, label) matches no truth figure. "" when there is none."""
    table, item, label = fig.key
    if summary.is_empty() or item not in LABELLED_ITEMS or not label:
        return ""
    rows = summary.filter(pl.col("table") == table)
    readings = rows["reading"].to_list() if "reading" in rows.columns else [None] * rows.height
    for (amount, lab, it), reading in zip(rows.select("amount", "label", "item").iter_rows(), readings, strict=True):
        near = lab and fuzz.ratio(fold_label(str(lab)), label) >= NEAR_LABEL
        if near and _is_complete(reading) and amount is not None and abs(amount - fig.amount) > EPS:
            return f"{amount:g} as {it} '{lab}' (complete)"
    return ""


def compare_figures(truth: Truth, frames: dict[str, pl.DataFrame]) -> list[Result]:
    """Every truth figure of one document against its lake rows (frames filtered to the document)."""
    out: list[Result] = []
    by_project: dict[str, pl.DataFrame] = {}
    for fig in truth.figures:
        if fig.section == "projects":
            name, field = fig.key
            if name not in by_project:
                by_project[name] = project_rows(name, frames["projects"])
            rows = _rows(by_project[name], field) if field in by_project[name].columns else []
        else:
            rows = lake_rows(fig, frames)
        status, lake = judge(fig.amount, rows)
        if status == "missing" and fig.section == "summary" and (misread := _misread_line(fig, frames["summary"])):
            status, lake = "wrong", misread
        if status in ("missing", "wrong") and fig.section == "summary":
            lake += _elsewhere(fig, frames["summary"])
        out.append(Result(truth.name, fig.section, fig.describe(), fig.page, fig.amount, lake, status))
    return out


def _same_agency(got: str, want: str) -> bool:
    """One agency: the same name, or spelling variants the contract maps to one agency (fiscal.naming)."""
    from fiscal.naming import canonical_agency

    return fold(got) == fold(want) or fold(canonical_agency(got)) == fold(canonical_agency(want))


def compare_meta(truth: Truth, doc: dict[str, Any] | None) -> list[Result]:
    """The documents row's agency, region_code, year, doc_kind and scope against the truth's [meta]."""
    out = []
    for f in META_FIELDS:
        if f not in truth.meta:
            continue
        want = truth.meta[f]
        got = None if doc is None else doc.get(f)
        if got is None:
            status, lake = "missing", "missing"
        else:
            same = _same_agency(str(got), str(want)) if f == "agency" else str(got) == str(want)
            status, lake = ("matched" if same else "wrong"), str(got)
        out.append(Result(truth.name, "meta", f, None, want, lake, status))
    return out


def check_tables(truth: Truth, doc: dict[str, Any] | None, readings: dict[tuple[str, str], str]) -> list[TableCheck]:
    """Each listed table: found in documents.tables, and its reading status when the lake records one."""
    found = set((doc or {}).get("tables") or [])
    doc_id = (doc or {}).get("doc_id", "")
    return [TableCheck(truth.name, t["family"], t.get("title", ""), t.get("page"), t["family"] in found,
                       readings.get((doc_id, t["family"]))) for t in truth.tables]


def readings_map(readings: pl.DataFrame | None) -> dict[tuple[str, str], str]:
    """(doc_id, family) → reading status from a `readings` dataset, whatever its column names."""
    if readings is None or readings.is_empty():
        return {}
    fam = next((c for c in ("family", "table", "table_family") if c in readings.columns), None)
    status = next((c for c in ("reading", "status") if c in readings.columns), None)
    if fam is None or status is None:
        return {}
    out: dict[tuple[str, str], str] = {}
    rank = {"complete": 0, "partial": 1, "unread": 2}
    for d, f, s in readings.select("doc_id", fam, status).iter_rows():
        # several tables of one family (e.g. 三公 of two funds): report the worst reading
        if (d, f) not in out or rank.get(s, 3) > rank.get(out[(d, f)], 3):
            out[(d, f)] = s
    return out


def tally(results: list[Result]) -> dict[str, int]:
    """Counts per status (+ total)."""
    counts = {s: 0 for s in STATUSES}
    for r in results:
        counts[r.status] += 1
    counts["total"] = len(results)
    return counts
