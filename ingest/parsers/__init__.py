"""One parser per table family: (RawTable, DocMeta, ParseResult) -> None, appending rows."""

from __future__ import annotations

from collections.abc import Callable

from ingest.model import DocMeta, ParseResult, RawTable
from ingest.parsers import economic, line_items, performance, sangong, summary

Parser = Callable[[RawTable, DocMeta, ParseResult], None]

PARSERS: dict[str, Parser] = {
    "summary": summary.parse,
    "fiscal_summary": summary.parse,
    "income": line_items.parse,
    "expenditure": line_items.parse,
    "gpb_expenditure": line_items.parse,
    "fiscal_expenditure": line_items.parse,
    "gov_fund": line_items.parse,
    "soe_capital": line_items.parse,
    "gpb_basic": economic.parse,
    "sangong": sangong.parse,
    "project_selfeval": performance.parse,
    "overall_selfeval": performance.parse,
}
