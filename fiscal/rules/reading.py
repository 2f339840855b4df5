"""The reading notes (`reading_incomplete`): the tables the ingest could not read completely — about the
ingest, never about the document."""

from __future__ import annotations

import re

import polars as pl

from fiscal.rules.engine import Frames, emit, rule
from fiscal.rules.lookups import REQUIRED_TABLES
from fiscal.schema import SCANNED_NOTE

_PAGES_PREFIX = re.compile(r"^第[\d、…]+页\s*")


def _zh(reason: str) -> str:
    """The ingest's reason in Chinese wording ("合计 vs 各类之和" → "合计与各类之和")."""
    return reason.replace(" vs ", "与")


def scanned_docs(frames: Frames) -> set[str]:
    """Documents with pages read by OCR (their warnings say so)."""
    docs = frames.documents
    if docs.is_empty() or "warnings" not in docs.columns:
        return set()
    return {d for d, ws in docs.select("doc_id", "warnings").iter_rows() if any(
        (w or "").startswith(SCANNED_NOTE) for w in (ws or []))}


def listed_absent(frames: Frames) -> pl.DataFrame:
    """The `readings` rows (doc_id, family, page) of a required table the 目录 lists that no page shows
    (neither its title nor its 公开表 code) and the ingest did not find, in a text-layer document that holds
    other tables itself — the document lacks the table it promises (a 目录 of a text file whose tables are
    published in a separate file holds none)."""
    r = frames.readings
    holders = r.filter(pl.col("found").fill_null(True), pl.col("status") != "unread").select("doc_id").unique()
    required = pl.DataFrame([(k, f) for k, fs in REQUIRED_TABLES.items() for f in fs], schema=["doc_kind", "family"],
                            orient="row")
    docs = frames.documents.filter(~pl.col("doc_id").is_in(list(scanned_docs(frames)))).select("doc_id", "doc_kind")
    return (r.filter(pl.col("listed").fill_null(False), ~pl.col("found").fill_null(True),
                     pl.col("seen_pages").list.len().fill_null(0) == 0)
            .join(holders, on="doc_id").join(docs, on="doc_id").join(required, on=["doc_kind", "family"])
            .select("doc_id", "family", "page"))


def reading_notes(frames: Frames) -> pl.DataFrame:
    """The `readings` rows that deserve a note: tables read `partial`, and `unread` tables that were
    found, listed by the 目录 or titled on a page — unless another file of the same agency-year and
    kind holds the tables (a 目录 of a text file that points to a separate table file). An `unread`
    row neither found, listed nor seen is an absent table, and so is one only listed (`listed_absent`):
    `missing_tables` reports those."""
    r = frames.readings
    if r.is_empty():
        return r
    kinds = frames.documents.select("doc_id", "doc_kind", "source_name")
    r = r.join(kinds, on="doc_id", how="left")
    seen = pl.col("seen_pages").list.len().fill_null(0) > 0
    found = pl.col("found").fill_null(True)
    group = ["agency_id", "year", "doc_kind"]
    holders = r.filter(found, pl.col("status") != "unread").select(*group, "doc_id").unique()
    per_group = holders.group_by(group).agg(pl.len().alias("_holders"))
    own = holders.select("doc_id").unique().with_columns(pl.lit(1).alias("_own"))
    r = (r.join(per_group, on=group, how="left", nulls_equal=True).join(own, on="doc_id", how="left")
         .with_columns((pl.col("_holders").fill_null(0) - pl.col("_own").fill_null(0) > 0).alias("_elsewhere")))
    partial = pl.col("status") == "partial"
    r = r.join(listed_absent(frames).select("doc_id", "family", pl.lit(True).alias("_absent")), on=["doc_id", "family"],
               how="left")
    listed = pl.col("listed").fill_null(False) & ~pl.col("_absent").fill_null(False)
    unread = (pl.col("status") == "unread") & (found | ((listed | seen) & ~pl.col("_elsewhere")))
    return r.filter(partial | unread)


@rule("reading_incomplete", "info", "表格未能完整读取（读取说明，不是对文件的认定；相关数字不参与其他规则）",
      scope="agency_year", category="reading")
def reading_incomplete(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """One reading note per table read `partial` or not read (`unread`), with the ingest's reason."""
    notes = reading_notes(frames)
    return emit(
        notes,
        lambda r: (f"第{r['page']}页表格未能完整读取：{_zh(_PAGES_PREFIX.sub('', r['reason'] or ''))}"
                   if r["status"] == "partial" else f"表格未能读取：{_zh(r['reason'] or '')}"),
        lambda r: {"table": r["title"], "family": r["family"], "status": r["status"], "pages": r["table_pages"],
                   "reason": r["reason"], "rows_read": r["rows"], "listed_in_toc": r["listed"],
                   "title_seen_on": r["seen_pages"]},
    )
