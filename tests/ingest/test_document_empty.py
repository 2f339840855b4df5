"""An empty table and what says it is empty (ingest/document.py `_explain_empty`): a 注 naming its subject, or the
table's own 无 line; a note naming another subject explains nothing about it."""

from ingest.document import _explain_empty
from ingest.model import ParseResult, RawTable
from ingest.reading import COMPLETE, TableReading

FUND = "政府性基金预算财政拨款收入支出决算表"
SOE = "国有资本经营预算财政拨款支出决算表"


def _unexplained(tables: list[RawTable], page: str) -> list[str]:
    result = ParseResult()
    readings = [TableReading(t.family, t.title, t.pages, COMPLETE, empty=True) for t in tables]
    _explain_empty(tables, readings, ["封面", page], result)
    return [w.split("（")[0] for w in result.warnings]


def _table(family: str, title: str, line: list[str]) -> RawTable:
    return RawTable(family, title, [2], [["科目编码", "科目名称", "合计"]], [line], [2])


def test_a_note_on_the_page_explains_the_empty_table_it_names_and_no_other():
    page = f"{FUND}\n{SOE}\n科目编码 科目名称 合计\n注：本单位2024年度无政府性基金预算财政拨款收\n支，故本表无数据。\n"
    tables = [_table("gov_fund", FUND, ["", "合计", ""]), _table("soe_capital", SOE, ["", "合计", ""])]
    assert _unexplained(tables, page) == [SOE]
    assert _unexplained(tables, page.replace("政府性基金预算财政拨款收", "国有资本经营预算财政拨款收")) == [FUND]


def test_a_note_naming_nothing_in_particular_explains_the_tables_of_its_page():
    tables = [_table("gov_fund", FUND, ["", "合计", ""]), _table("soe_capital", SOE, ["", "合计", ""])]
    assert _unexplained(tables, f"{FUND}\n{SOE}\n注：本表无数据。") == []


def test_a_table_printing_无_beside_its_合计_says_itself_it_is_empty():
    assert _unexplained([_table("gov_fund", FUND, ["", "合计", "无"])], FUND) == []
    assert _unexplained([_table("gov_fund", FUND, ["", "合计", ""])], FUND) == [FUND]
