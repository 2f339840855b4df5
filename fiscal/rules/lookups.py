"""Selections of the lake's frames and reference data used by rules of more than one module:
folded names, one row per table line, the national function classification."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

import polars as pl

from fiscal.rules.engine import ROUNDING, Frames

FUNCTION_CODES = Path(__file__).resolve().parent.parent / "data" / "function_codes.csv"
# Tables a disclosure must contain, by document kind (table family keys, as ingest names them).
# 决算: the nine tables of the national layout (公开01–09表). 预算: the eight tables of the
# 部门预算 disclosure rules (国有资本经营预算 is not required of every department's budget).
REQUIRED_TABLES: dict[str, tuple[str, ...]] = {
    "final_account": ("summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic",
                      "gov_fund", "soe_capital", "sangong"),
    "budget": ("summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic", "gov_fund",
               "sangong"),
}

# The tables of 功能分类 lines a prose figure of a 类, 款 or 项 may describe.
PROSE_TABLES: tuple[str, ...] = ("gpb_expenditure", "expenditure", "fiscal_expenditure")


def norm_name(text: str | None) -> str:
    """A printed name folded for comparison: NFKC, no spaces, no brackets or quotes."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[\s()（）\[\]【】“”\"'‘’、·]", "", text)


def folded(column: str) -> pl.Expr:
    """The column's names folded by `norm_name`."""
    return pl.col(column).map_elements(norm_name, return_dtype=pl.String)


def printed_tolerance(amount: float) -> float:
    """Half a unit of the last digit a prose figure prints (at least the 0.01 rounding)."""
    text = f"{amount:.6f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return max(ROUNDING, 0.5 * 10.0 ** -decimals)


def kind_of(frames: Frames) -> pl.DataFrame:
    return frames.documents.select("doc_id", "doc_kind", "scope")


def final_accounts(frames: Frames) -> pl.DataFrame:
    """The doc_id of every final account (决算)."""
    return frames.documents.filter(pl.col("doc_kind") == "final_account").select("doc_id")


def dedup_lines(line_items: pl.DataFrame) -> pl.DataFrame:
    """One row per (document, table, code, measure); 合计 rows have code "" (first printed wins)."""
    return (line_items.with_columns(pl.col("code").fill_null("").alias("key"))
            .sort(["doc_id", "page"]).unique(["doc_id", "table", "key", "measure"], keep="first", maintain_order=True))


def total_line(li: pl.DataFrame, table: str, measure: str = "total") -> pl.DataFrame:
    """The 合计 line of a table, one column (`li` from `dedup_lines`)."""
    return li.filter(pl.col("table") == table, pl.col("key") == "", pl.col("measure") == measure)


def summary_item(frames: Frames, table: str, item: str) -> pl.DataFrame:
    """One item of a 总表 per document (first printed)."""
    s = frames.summary.filter(pl.col("table") == table, pl.col("item") == item).sort("page")
    return s.unique("doc_id", keep="first")


def economic_totals(frames: Frames) -> pl.DataFrame:
    """The uncoded lines of the 基本支出经济分类表 (合计, 人员经费合计 …), folded name as _name."""
    return frames.economic_items.filter(pl.col("code").is_null()).with_columns(folded("name").alias("_name"))


@cache
def national_codes() -> dict[str, tuple[str, ...]]:
    """Function code → its names in the national classification (current name first, then older ones)."""
    out: dict[str, list[str]] = {}
    with FUNCTION_CODES.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["code"], []).append(row["name"])
    return {k: tuple(v) for k, v in out.items()}


@cache
def class_names() -> frozenset[str]:
    """The 类 names of the classification, folded (to tell 功能分类 lines from others in a 总表)."""
    return frozenset(norm_name(n) for code, names in national_codes().items() if len(code) == 3 for n in names)

# What a statement that something is nil names (本部门无政府性基金…, 无“三公”经费支出): the subject of the empty table
# it explains — read by the missing_tables rule in the prose and by the ingest in the notes under a table.
NIL_SUBJECTS = ("政府性基金", "国有资本经营", "三公", "机关运行", "政府采购")


def exec_rate() -> pl.Expr:
    """A project's execution rate: as stored (executed / budget_full_year at ingest), else computed here."""
    computed = pl.when(pl.col("budget_full_year") > 0).then(pl.col("executed") / pl.col("budget_full_year"))
    return pl.coalesce(pl.col("exec_rate"), computed)
