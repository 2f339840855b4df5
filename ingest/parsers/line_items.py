"""Function-classification tables (收入/支出/一般公共预算/政府性基金/国有资本经营) → line_items.

One row per (function code, measure). Codes may be printed whole ("2101501") or split
into 类/款/项 columns ("210 15 01"); the 合计 row has a null code.
"""

from __future__ import annotations

from ingest.model import DocMeta, ParseResult, RawTable
from ingest.numbers import AmbiguousCell, to_number, try_number
from ingest.parsers.columns import code_columns, column_labels, compact, find_columns, join_code

INCOME_MEASURES: list[tuple[str, tuple[str, ...]]] = [
    ("carried_over", ("上年结转",)),
    ("superior_subsidy", ("上级补助",)),
    ("operating", ("经营收入",)),
    ("affiliated", ("附属单位",)),
    ("business", ("事业收入",)),
    ("special_account", ("财政专户",)),
    ("gpb", ("一般公共预算",)),
    ("gov_fund", ("政府性基金",)),
    ("soe_capital", ("国有资本",)),
    ("fiscal", ("财政拨款",)),
    ("other", ("其他收入",)),
    ("total", ("合计", "总计", "收入预算", "金额")),
]
EXPENDITURE_MEASURES: list[tuple[str, tuple[str, ...]]] = [
    ("opening", ("年初结转",)),
    ("closing", ("年末结转",)),
    ("income", ("本年收入",)),
    ("basic", ("基本支出",)),
    ("project", ("项目支出",)),
    ("remit_superior", ("上缴上级",)),
    ("operating", ("经营支出",)),
    ("affiliated_subsidy", ("对附属单位",)),
    ("carried_over", ("上年结转",)),
    ("current_year", ("当年财政拨款", "财政拨款安排")),
    ("reserve", ("预留机动",)),
    ("closing", ("结转下年",)),
    ("total", ("合计", "小计", "总计", "一般公共预算支出", "支出预算", "本年支出", "金额")),
]
# line_items.table for each family.
TABLE_NAME = {
    "income": "income",
    "expenditure": "expenditure",
    "gpb_expenditure": "gpb_expenditure",
    "fiscal_expenditure": "fiscal_expenditure",
    "gov_fund": "gov_fund",
    "soe_capital": "soe_capital",
}
_TOTAL_WORDS = ("合计", "总计")


def _level(code: str | None) -> int | None:
    return {3: 1, 5: 2, 7: 3}.get(len(code)) if code else None


def _all_numbers(rows: list[list[str]], j: int) -> bool:
    cells = [r[j] for r in rows if j < len(r) and compact(r[j])]
    return bool(cells) and all(try_number(c) is not None for c in cells)


def parse(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
    """Append line_items rows for one function-classification table."""
    width = max([len(r) for r in table.rows] + [len(r) for r in table.header] + [0])
    labels = column_labels(table.header, width)
    rules = INCOME_MEASURES if table.family == "income" else EXPENDITURE_MEASURES
    parts, name_col, unit_col = code_columns(labels, table.rows)
    if name_col is not None and not parts and _all_numbers(table.rows, name_col):
        name_col = None  # no name column at all: the first column holds figures (合计)
    skip = set(parts) | {name_col, unit_col}
    measures = {j: m for j, m in find_columns(labels, rules).items() if j not in skip}
    if not measures:
        result.warnings.append(f"{table.title}（第{table.pages[0]}页）：未识别金额列 / no amount columns recognised")
        return
    # a table of one line under 合计/基本支出/项目支出 headers and no code or name column
    # (江苏 支出预算总表): that line is the 合计
    total_only = not any(join_code(r, parts) for r in table.rows) and all(
        not compact(r[j]) for r in table.rows for j in range(len(r)) if j not in measures)
    seen: set[tuple[str | None, str]] = set()
    rows = []
    for row, page in zip(table.rows, table.row_pages, strict=True):
        code = join_code(row, parts)
        name = compact(row[name_col]) if name_col is not None and name_col < len(row) else ""
        if code is None:
            text = "".join(compact(row[j]) for j in range(len(row)) if j not in measures)
            if not any(w in text for w in _TOTAL_WORDS) and not (total_only and not text):
                continue  # unit subtotal rows, blank spill rows
            name = "合计"
        key = (code, name)
        if key in seen:
            continue  # 合计 printed twice (合计 + the unit's own line)
        seen.add(key)
        for j, measure in measures.items():
            cell = row[j] if j < len(row) else ""
            try:
                amount = to_number(cell) * table.factor
            except AmbiguousCell as exc:
                result.warnings.append(f"{table.title}（第{page}页）{code or name}：{exc}")
                continue
            rows.append(
                {**doc.common(page), "table": TABLE_NAME.get(table.family, table.family), "code": code,
                 "name": name, "level": _level(code), "measure": measure, "amount": round(amount, 2)}
            )
    result.add("line_items", rows)
