"""Function-classification tables (收入/支出/一般公共预算/政府性基金/国有资本经营) → line_items.

One row per (function code, measure). Codes may be printed whole ("2101501") or split
into 类/款/项 columns ("210 15 01"); the 合计 row has a null code.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.model import DocMeta, ParseResult, RawTable
from ingest.numbers import AmbiguousCell, in_wan, to_number, try_number
from ingest.parsers.columns import (
    code_columns,
    column_labels,
    compact,
    find_columns,
    join_code,
    join_cut_text,
    join_split_labels,
    rejoin_wrapped,
    settle_labels,
)
from ingest.parsers.named_codes import code_of_name, is_function_name

INCOME_MEASURES: list[tuple[str, tuple[str, ...]]] = [
    ("carried_over", ("上年结转",)),
    ("superior_subsidy", ("上级补助",)),
    ("operating", ("经营收入",)),
    ("affiliated", ("附属单位",)),
    ("business", ("事业收入",)),
    ("special_account", ("财政专户",)),
    ("unit_funds", ("单位资金",)),  # 预算管理一体化 收入总表: the unit's own money in one column
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
_COMPARISON = ("%", "率", "为", "增减", "增长", "变动", "比上年", "上年", "差额")
_YEAR = re.compile(r"(20\d{2})年")
# a function code printed in the name cell, before the name (whitespace already removed)
_CODE_IN_NAME = re.compile(r"^[\[【（(]?(\d{3}|\d{5}|\d{7})[\]】）)]?[-—－_:：、.．]?([\u4e00-\u9fff].*)$")


def _level(code: str | None) -> int | None:
    return {3: 1, 5: 2, 7: 3}.get(len(code)) if code else None


def _stage_column(labels: list[list[str]], taken: set[int | None], doc: DocMeta) -> int | None:
    """The column of the document's own figures when no 合计 column is labelled: 决算数 in a 决算, 预算数 in a
    budget — not a 决算数为预算数的% / 增减 / 上年 comparison, nor another year's column."""
    words = ("决算数", "执行数", "实际支出") if doc.doc_kind == "final_account" else ("预算数",)
    for j, texts in enumerate(labels):
        text = "".join(texts)
        if j in taken or not texts or not any(w in texts[-1] for w in words):
            continue
        years = set(_YEAR.findall(text))
        if any(w in text for w in _COMPARISON) or (years and str(doc.year) not in years):
            continue
        return j
    return None


def _own_block(measures: dict[int, str], labels: list[list[str]], doc: DocMeta) -> dict[int, str]:
    """One column per measure where blocks repeat them (年初预算数 | 决算数, each over 小计/基本支出/项目支出):
    the block of the document's own stage and year, not a comparison block."""
    repeated = {m for m in measures.values() if list(measures.values()).count(m) > 1}
    if not repeated:
        return measures
    words = ("决算", "执行数", "实际支出") if doc.doc_kind == "final_account" else ("预算",)
    own = set()
    for j in measures:
        parents = "".join(labels[j][:-1])
        years = set(_YEAR.findall(parents))
        other_stage = doc.doc_kind != "final_account" and "决算" in parents
        if any(w in parents for w in words) and not any(w in parents for w in _COMPARISON) \
                and (not years or str(doc.year) in years) and not other_stage:
            own.add(j)
    kept = {j: m for j, m in measures.items() if m not in repeated or j in own}
    if {m for m in kept.values()} != set(measures.values()) or \
            any(list(kept.values()).count(m) > 1 for m in repeated):
        return measures  # the header does not tell the blocks apart: read as printed (the checks will say)
    return kept


# what a 基本支出 printed only as its parts splits into (人员经费 | 公用经费 under it, no 小计 beside them)
_BASIC_PARTS = {"人员经费": "personnel", "公用经费": "public"}


def _basic_parts(measures: dict[int, str], labels: list[list[str]], skip: set[int | None]) -> dict[int, str]:
    """基本支出 printed only as its parts, 人员经费 | 公用经费 (under a 基本支出 label or beside 项目支出 with none):
    each part is read as itself, not as a second 基本支出 nor left unread; a 基本支出 or 小计 column of its own keeps
    the parts no measure of their own."""
    def deepest(j: int) -> str:
        words = [x for x in labels[j] if x != "栏次" and not x.isdigit()]
        return words[-1] if words else ""

    parts = {j: _BASIC_PARTS[deepest(j)] for j in range(len(labels))
             if j not in skip and measures.get(j) in (None, "basic") and deepest(j) in _BASIC_PARTS}
    if not parts:
        return measures
    if any(m == "basic" and j not in parts for j, m in measures.items()):
        return {j: m for j, m in measures.items() if j not in parts}
    return {**measures, **parts}


_YEAR_PARENTS = ("本年收入", "本年预算", "当年收入")  # an income table's year block beside 上年结转


def _year_subtotal(measures: dict[int, str], labels: list[list[str]], skip: set[int | None]) -> dict[int, str]:
    """总计 | 上年结转 | 本年收入 (小计 | 一般公共预算 | …): the 本年收入 小计 is the year's income (`current_year`),
    read so that its sum is checked — no source of its own beside the 合计."""
    if "total" not in measures.values():
        return measures
    out = dict(measures)
    for j, texts in enumerate(labels):
        words = [x for x in texts if x != "栏次" and not x.isdigit()]
        if j not in skip and j not in out and len(words) >= 2 and words[-1] in ("小计", "合计") \
                and words[-2] in _YEAR_PARENTS:
            out[j] = "current_year"
    return out


def _items_close(totals: dict[str, float], section: str) -> bool:
    """The 项 lines read under 款 `section` add up to its 合计 (no further 项 line belongs to it)."""
    items = [x for c, x in totals.items() if len(c) == 7 and c.startswith(section)]
    return section in totals and bool(items) and abs(sum(items) - totals[section]) < 0.005


def _amounts(rows: list[list[str]], j: int) -> bool:
    """Column j holds non-zero decimal amounts on at least half the lines that print anything in it."""
    cells = [compact(r[j]) for r in rows if j < len(r) and compact(r[j])]
    figures = [c for c in cells if "." in c and (x := try_number(c)) is not None and abs(x) >= 0.005]
    return bool(figures) and 2 * len(figures) >= len(cells)


def _all_numbers(rows: list[list[str]], j: int) -> bool:
    cells = [r[j] for r in rows if j < len(r) and compact(r[j])]
    return bool(cells) and all(try_number(c) is not None for c in cells)


def parse(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
    """Append line_items rows for one function-classification table."""
    width = max([len(r) for r in table.rows] + [len(r) for r in table.header] + [0])
    rules = INCOME_MEASURES if table.family == "income" else EXPENDITURE_MEASURES
    # a text-position reading may put a label over a blank column beside its figures
    header = rejoin_wrapped(settle_labels(table.header, table.rows) or table.header, rules)
    labels = join_split_labels(column_labels(header, width), table.rows, rules)
    table = replace(table, rows=join_cut_text(labels, table.rows))
    parts, name_col, unit_col = code_columns(labels, table.rows)
    if name_col is not None and not parts and _all_numbers(table.rows, name_col):
        name_col = None  # no name column at all: the first column holds figures (合计)
    skip = set(parts) | {name_col, unit_col}
    measures = _own_block({j: m for j, m in find_columns(labels, rules).items() if j not in skip}, labels, doc)
    measures = _basic_parts(measures, labels, skip)
    if table.family == "income":
        measures = _year_subtotal(measures, labels, skip)
    if "total" not in measures.values() and (j := _stage_column(labels, skip | set(measures), doc)) is not None:
        measures[j] = "total"
    if not measures:
        result.warnings.append(f"{table.title}（第{table.pages[0]}页）：未识别金额列 / no amount columns recognised")
        return
    taken = skip | set(measures)
    if stray := [j for j in range(width) if not labels[j] and j not in taken and _amounts(table.rows, j)]:
        # figures under no label (a label the reader lost): what they are is unknown, so the table is not whole
        result.warnings.append(f"{table.title}（第{table.pages[0]}页）：第{'、'.join(str(j + 1) for j in stray)}列"
                               "印有金额但无列名，未识别 / amounts under no column label")
    # a table of one line under 合计/基本支出/项目支出 headers and no code or name column
    # (江苏 支出预算总表): that line is the 合计
    total_only = not any(join_code(r, parts) for r in table.rows) and all(
        not compact(r[j]) for r in table.rows for j in range(len(r)) if j not in measures)
    # names only, no code printed anywhere (功能分类科目名称 indented by level): codes from the classification
    # (a function table: some line names a 类; lines of another kind, income sources, are not looked up)
    names = [compact(r[name_col]) for r in table.rows if name_col is not None and name_col < len(r)]
    named_only = not parts and not any(_CODE_IN_NAME.match(n) for n in names) and any(
        len(code_of_name(n, None) or "") == 3 for n in names)
    seen: set[tuple[str | None, str]] = set()
    rows = []
    uncoded: list[tuple[int, str]] = []  # classification names printed with figures and left without a code
    last: str | None = None  # the previous line's code (parts printed once, at their level)
    totals: dict[str, float] = {}  # each line's 合计, by code: where a 款's 项 lines end
    total_col = next((j for j, m in measures.items() if m == "total"), None)
    for row, page in zip(table.rows, table.row_pages, strict=True):
        code = join_code(row, parts, last)
        if code and last and len(code) == len(last) == 7 and len(parts) == 1 and \
                len(compact(row[parts[0]])) == 2 and _items_close(totals, last[:5]):
            code = last[:3] + code[-2:]  # "06" after the 款's last 项: the 项 lines sum to their 款, a new 款
        if code and total_col is not None and total_col < len(row) and (x := try_number(row[total_col])) is not None:
            totals[code] = x
        last = code or last
        name = compact(row[name_col]) if name_col is not None and name_col < len(row) else ""
        if code is None and (m := _CODE_IN_NAME.match(name)) and not any(compact(row[j]) for j in parts
                                                                          if j < len(row) and j != name_col):
            code, name = m.group(1), m.group(2)  # "2010301 行政运行" / "[201]一般公共服务支出" in one cell
            last = code
        if code is None and named_only and name and not any(w in name for w in _TOTAL_WORDS):
            if (code := code_of_name(name, last)) is None:
                if any(compact(row[j]) for j in measures if j < len(row)):
                    result.warnings.append(f"{table.title}（第{page}页）：科目名称“{name}”未识别 / function name "
                                           "not recognised")
                continue
            last = code
        if code is None:
            printed = [compact(row[j]) for j in parts if j < len(row) and compact(row[j])]
            if printed and all(p.isdigit() and len(p) <= 3 for p in printed) and any(compact(row[j]) for j in measures):
                # 类/款/项 parts that do not form a code: say so rather than drop the line silently (a unit's
                # own code, 6 digits and more, marks a unit subtotal line, which is left out on purpose)
                result.warnings.append(f"{table.title}（第{page}页）：科目编码“{' '.join(printed)}”未识别 / "
                                       "code not recognised")
                continue
            text = "".join(compact(row[j]) for j in range(len(row)) if j not in measures)
            if not any(w in text for w in _TOTAL_WORDS) and not (total_only and not text):
                if is_function_name(name) and any(try_number(row[j]) for j in measures if j < len(row)):
                    uncoded.append((page, name))  # a classification line not coded (not a unit's or a source's)
                continue  # unit subtotal rows, blank spill rows
            name = "合计"
        key = (code, name)
        if key in seen:
            continue  # 合计 printed twice (合计 + the unit's own line)
        seen.add(key)
        for j, measure in measures.items():
            cell = row[j] if j < len(row) else ""
            try:
                amount = in_wan(to_number(cell), table.factor)
            except AmbiguousCell as exc:
                result.warnings.append(f"{table.title}（第{page}页）{code or name}：{exc}")
                continue
            rows.append(
                {**doc.common(page), "table": TABLE_NAME.get(table.family, table.family), "code": code,
                 "name": name, "level": _level(code), "measure": measure, "amount": amount}
            )
    if uncoded and not any(r["code"] for r in rows):
        # classification lines with figures and not one line coded: the table's lines were not read, its 合计 alone is
        # no reading
        result.warnings += [f"{table.title}（第{page}页）：科目名称“{name}”未识别 / name not recognised"
                            for page, name in uncoded]
    result.add("line_items", rows)
