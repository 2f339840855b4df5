"""One parser per table family: (RawTable, DocMeta, ParseResult) -> None, appending rows."""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.model import DocMeta, ParseResult, RawTable
from ingest.numbers import normalize_text
from ingest.parsers import (
    economic,
    goals,
    line_items,
    performance,
    sangong,
    sangong_section,
    selfeval_list,
    summary,
)

Parser = Callable[[RawTable, DocMeta, ParseResult], None]

_UNIT = re.compile(r"[(（]\s*(?:单位\s*[:：]?\s*)?(?:人民币\s*)?(万元|千元|元)\s*[)）]")


def header_unit(table: RawTable) -> str | None:
    """The unit the column headers print ("合计（元）", "金额(万元)", "决算数（千元）"), when they print one and only
    one."""
    text = "".join(normalize_text(c) for row in table.header for c in row)
    units = set(_UNIT.findall(text))
    return units.pop() if len(units) == 1 else None


def _unit_from_header(parse: Parser) -> Parser:
    """Read a table in the unit its own column headers state (no 单位 line above it, or one for another table)."""
    def run(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
        unit = header_unit(table)
        if unit is not None and unit != table.unit:
            table.unit = unit
        parse(table, doc, result)

    run.__doc__ = parse.__doc__
    return run


def _selfeval(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
    """A self-evaluation table read as what it is, not as what its title says: a list of projects one a line
    (some offices title it 项目支出绩效自评表) or a form (项目支出绩效自评情况表 may be either)."""
    (selfeval_list.parse if selfeval_list.is_list(table) else performance.parse)(table, doc, result)


def _basic(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
    """A 基本支出 table's 经济分类 lines; a 三公 section printed under them is read as the 三公 table's lines."""
    basic, section = sangong_section.split(table, "预算数" if doc.doc_kind == "budget" else "决算数")
    economic.parse(basic, doc, result)
    if section is not None:
        sangong.parse(section, doc, result)


PARSERS: dict[str, Parser] = {
    family: _unit_from_header(parse) for family, parse in {
        "summary": summary.parse,
        "fiscal_summary": summary.parse,
        "income": line_items.parse,
        "expenditure": line_items.parse,
        "gpb_expenditure": line_items.parse,
        "fiscal_expenditure": line_items.parse,
        "gov_fund": line_items.parse,
        "soe_capital": line_items.parse,
        "gpb_basic": _basic,
        "sangong": sangong.parse,
        "project_selfeval": _selfeval,
        "overall_selfeval": performance.parse,
        "selfeval_list": _selfeval,
        "project_targets": goals.parse,
    }.items()
}
