"""One peer_outlier finding's peer group, as the flag page shows it beside the finding: the group's agency-years as
compared (the same comparison as the 同类比较 page) and the printed figures the agency's own value is made of."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from fiscal import peers as peer_groups
from fiscal.read.across import whole_peers
from fiscal.read.lake import linked, rows_of_docs
from fiscal.rules.engine import Frames
from fiscal.schema import empty
from fiscal.thresholds import DEFAULT, Thresholds

MEMBER_COLUMNS: tuple[str, ...] = ("agency_id", "agency", "region", "value", "note", "doc_id", "page", "outlier")


def peer_group(lake: Path, metric: str, group: str, year: int, thresholds: Thresholds = DEFAULT) -> pl.DataFrame:
    """The agency-years of one peer group (metric × 同省同类 × year) as compared, the group's oddest first
    (highest, or lowest for a metric flagged below its fence): MEMBER_COLUMNS."""
    comp = whole_peers(lake, thresholds.only(["peer_outlier"]))
    rows = comp.filter((pl.col("metric") == metric) & (pl.col("peer_group") == group) & (pl.col("year") == year))
    low = metric in peer_groups.LOW_IS_ODD
    return rows.sort(["value", "agency"], descending=[not low, False], nulls_last=True).select(MEMBER_COLUMNS)


def own_figures(lake: Path, agency_id: str, year: int, metric: str,
                thresholds: Thresholds = DEFAULT) -> list[dict[str, Any]]:
    """The printed figures an agency-year's compared value is made of, each with where it is printed: `what`
    (sangong_actual: its 三公 决算 total; previous: last year's; staff_actual / staff_authorized: its staff count),
    amount, doc_id, page, year and `text` (the sentence a staff count is stated in). Empty for the metrics that
    average projects (no one figure to point at)."""
    comp = whole_peers(lake, thresholds.only(["peer_outlier"]))
    totals = comp.filter((pl.col("metric") == "sangong_actual") & (pl.col("agency_id") == agency_id)).unique(
        ["year"], keep="first")

    def total(y: int, what: str) -> list[dict[str, Any]]:
        return [{"what": what, "amount": r["value"], "doc_id": r["doc_id"], "page": r["page"], "year": y,
                 "text": None} for r in totals.filter(pl.col("year") == y).iter_rows(named=True)]

    if metric == "sangong_growth":
        return total(year - 1, "previous") + total(year, "sangong_actual")
    if metric != "sangong_per_staff":
        return []
    return total(year, "sangong_actual") + _staff(lake, agency_id, year)


def _staff(lake: Path, agency_id: str, year: int) -> list[dict[str, Any]]:
    """The staff count the per-staff figure divides by (fiscal.peers.staff_counts over the agency-year's
    documents), with the sentence it is stated in."""
    docs = linked(lake, "documents").filter((pl.col("agency_id") == agency_id) & (pl.col("year") == year))
    if docs.is_empty():
        return []
    narrative = rows_of_docs(lake, "narrative", docs.get_column("doc_id").to_list())
    narrative = narrative.with_columns(pl.lit(agency_id).alias("agency_id"), pl.lit(year, dtype=pl.Int32).alias("year"))
    frames = Frames(**{name: empty(name) for name in Frames.__dataclass_fields__})
    frames = Frames(**{**vars(frames), "documents": docs, "narrative": narrative})
    out = []
    for r in peer_groups.staff_counts(frames).iter_rows(named=True):
        said = narrative.filter((pl.col("doc_id") == r["staff_doc_id"]) & (pl.col("page") == r["staff_page"])
                                & (pl.col("key") == r["staff_key"])).get_column("text")
        out.append({"what": r["staff_key"], "amount": r["staff"], "doc_id": r["staff_doc_id"], "page": r["staff_page"],
                    "year": year, "text": said[0] if said.len() else None})
    return out
