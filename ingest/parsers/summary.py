"""收入支出总表 / 财政拨款收支总表 → summary: labelled lines on an income and an expenditure side."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from ingest.checks import Failure, Failures, rounding_of
from ingest.checks import _check as check_sum
from ingest.model import DocMeta, ParseResult, RawTable
from ingest.numbers import AmbiguousCell, in_wan, is_number, to_number
from ingest.parsers.columns import column_labels, compact, split_fused
from ingest.parsers.summary_wrap import body_fragments, unwrap

# Printed label (numbering and spaces removed) → canonical item. Left = income side.
ITEMS: dict[str, str] = {
    "本年收入合计": "income_total",
    "本年收入": "income_total",
    "当年收入小计": "income_total",
    "当年收入": "income_total",
    "当年支出": "expenditure_total",
    "本年收入小计": "income_total",
    "当年支出小计": "expenditure_total",
    "本年支出小计": "expenditure_total",
    "收入合计": "income_total",
    "本年支出合计": "expenditure_total",
    "本年支出": "expenditure_total",
    "支出合计": "expenditure_total",
    "年初结转和结余": "opening_balance",
    "年初财政拨款结转和结余": "opening_balance",
    "上年结转": "opening_balance",
    "上年结转资金": "opening_balance",
    "上年结转结余": "opening_balance",
    "上年结转和结余": "opening_balance",
    "年初结转结余": "opening_balance",
    "上年结余": "opening_balance",
    "结转下年资金": "closing_balance",
    "年末结转和结余": "closing_balance",
    "年末财政拨款结转和结余": "closing_balance",
    "结转下年": "closing_balance",
    "年终结转结余": "closing_balance",
    "年末结转结余": "closing_balance",
    "年末结转": "closing_balance",
    "结转下年结余": "closing_balance",
    "使用非财政拨款结余": "non_fiscal_balance_used",
    "使用非财政拨款结余含专用结余": "non_fiscal_balance_used",
    # a budget's reserve drawn to close its gap (河南, 湖北): counted in the 收入总计 as the 决算's 非财政拨款结余
    "用事业基金弥补收支差额": "non_fiscal_balance_used",
    "用事业基金弥补收支缺口": "non_fiscal_balance_used",
    "使用事业基金弥补收支差额": "non_fiscal_balance_used",
    "结余分配": "balance_distribution",
    "一般公共预算财政拨款收入": "fiscal_appropriation",
    "一般公共预算财政拨款": "fiscal_appropriation",
    "一般公共预算拨款收入": "fiscal_appropriation",
    "一般公共预算拨款": "fiscal_appropriation",
    "一般公共预算": "fiscal_appropriation",
    "一般公共预算资金": "fiscal_appropriation",
    "财政拨款收入": "fiscal_total",
    "财政拨款": "fiscal_total",
    "其他资金": "other_income",
    "政府性基金预算财政拨款收入": "gov_fund_appropriation",
    "政府性基金预算财政拨款": "gov_fund_appropriation",
    "政府性基金预算拨款收入": "gov_fund_appropriation",
    "政府性基金预算拨款": "gov_fund_appropriation",
    "国有资本经营预算财政拨款收入": "soe_appropriation",
    "国有资本经营预算财政拨款": "soe_appropriation",
    "国有资本经营预算拨款收入": "soe_appropriation",
    "国有资本经营预算拨款": "soe_appropriation",
    "上级补助收入": "superior_subsidy",
    "事业收入": "business_income",
    "经营收入": "operating_income",
    "事业单位经营收入": "operating_income",
    "附属单位上缴收入": "affiliated_income",
    "其他收入": "other_income",
}
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）])")
_CLASS_SUFFIX = "支出"
_LINE_WORDS = ("行次", "行号", "序号", "栏次")
FUNCTION_CODES = Path(__file__).resolve().parents[2] / "fiscal" / "data" / "function_codes.csv"
_USES = ("基本支出", "项目支出", "单位预留机动经费", "事业单位经营支出", "上缴上级支出", "对附属单位补助支出")


def _label(text: str) -> str:
    label = _NUMBERING.sub("", compact(text)).replace("（", "").replace("）", "").replace("(", "").replace(")", "")
    if label not in ITEMS and label not in _USES:
        # a numbering glyph fused into the label by the text layer ("、单位预留机动三经费")
        stripped = re.sub(r"[、一二三四五六七八九十]", "", label)
        if stripped in ITEMS or stripped in _USES:
            return stripped
    return label


def _is_line_number(cell: str) -> bool:
    c = compact(cell)
    return c.isdigit() and len(c) <= 2


def parse(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
    """Append summary rows: known items always, function-class expenditure lines when non-zero."""
    if (unfused := split_fused(table.header, table.rows)) is not None:
        table = replace(table, header=unfused[0], rows=unfused[1])
    table = body_fragments(table)
    split = _expenditure_side_start(table)
    width = max((len(r) for r in table.rows), default=0)
    unwrapped, pages = unwrap([r + [""] * (width - len(r)) for r in table.rows], list(table.row_pages),
                              [(0, split), (split, width)], _names_a_line)
    table = replace(table, rows=[_rejoin_label(r) for r in unwrapped], row_pages=pages)
    rows = []
    within: dict[int, str] = {}  # side → the balance item whose breakdown lines follow
    # 收入 lines above 支出 lines in one label column (Word tables of small units): the side is the block
    stacked = not any(compact(c) and not is_number(c) for r in table.rows if not _section_row(r) for c in r[split:])
    below = 0  # in a stacked table: 1 from the line that opens the 支出 block
    skip = _spacer_columns(table)
    others = _other_columns(table, doc.year)
    for row, page in zip(table.rows, table.row_pages, strict=True):
        cells = list(row)
        if stacked and not below and any(_opens_expenditure(_label(c)) for c in cells if compact(c)):
            below = 1
        j = 0
        while j < len(cells):
            raw = cells[j]
            if compact(raw) and not is_number(raw):
                label = _label(raw)
                # The amount is the first number after the label, skipping a 行次 column.
                k = j + 1
                while k < len(cells) and k in skip and not compact(cells[k]):
                    k += 1  # a column blank on every line (a text-position reader's gap between label and figure)
                if k < len(cells) and _is_line_number(cells[k]) and (
                        any(w in _header_text(table, k) for w in _LINE_WORDS) or k in skip):
                    k += 1
                    while k < len(cells) and k in skip and not compact(cells[k]):
                        k += 1
                while k in others and k + 1 < len(cells) and not _text(cells[k + 1]):
                    k += 1  # last year's column before this year's (2023年预算数 | 2024年预算数)
                amount_cell = cells[k] if k < len(cells) else ""
                nxt = k + 1
                while nxt < len(cells) and (is_number(cells[nxt]) or not compact(cells[nxt])):
                    nxt += 1  # other measure columns of the same line (财政拨款总表)
                try:
                    amount = in_wan(to_number(amount_cell), table.factor)
                except AmbiguousCell as exc:
                    if any(ch.isdigit() for ch in amount_cell):
                        result.warnings.append(f"{table.title}（第{page}页）{label}：{exc}")
                    amount = None  # a label with no amount column of its own
                side = below if stacked else 0 if j < split else 1
                numbered = bool(_NUMBERING.match(compact(raw)))
                row_out = _row(doc, table, page, label, amount or 0.0, side, numbered) if amount is not None else None
                if row_out is not None:
                    if row_out["item"] in ("opening_balance", "closing_balance"):
                        within[side] = row_out["item"]
                    elif side in within and row_out["item"].endswith("appropriation"):
                        # 年初财政拨款结转和结余 → 一般公共预算财政拨款 … : a breakdown of the balance.
                        row_out["item"] = within[side] + "_" + row_out["item"].removesuffix("_appropriation")
                    elif row_out["item"] in ("grand_total", "grand_total_expenditure", "function_class"):
                        within.pop(side, None)
                    rows.append(row_out)
                j = nxt
            else:
                j += 1
    _totals_after_subtotals(rows)
    if table.family == "summary":
        result.failures.extend(_use_sums(table, [r for r in rows if r is not None]))
    if rows and not any(r["amount"] for r in rows) and _printed_figures(table):
        # figures printed, none read: the amounts were taken from a column beside them
        result.warnings.append(f"{table.title}（第{table.pages[0]}页）：金额列未识别，所印金额均未读出 / "
                               "amount column not recognised")
    result.add("summary", [r for r in rows if r is not None])


def _known(label: str) -> bool:
    """A label that names a line by itself (an item, a use, a numbered line)."""
    return _label(label) in ITEMS or _label(label) in _USES or bool(_NUMBERING.match(compact(label)))


def _names_a_line(text: str) -> bool:
    """A label that stands for a line of its own (an item, a use, a numbered line, a class or a total), not the
    tail of a wrapped one."""
    label = _label(text)
    return _known(text) or (len(label) >= 4 and label.endswith(("支出", "收入", "合计", "总计", "结余")))


def _rejoin_label(row: list[str]) -> list[str]:
    """The row with a label a text-position reader cut in two cells put back together, in the second cell
    ("一、一般公共预算财政拨款" | "收入", "一、" | "一般公共服务支出", "本年" | "支出合计"): two text cells side by side
    are one label unless the second names a line by itself and the two together do not (a side's last label
    beside the other side's first, no figure between them)."""
    out = list(row)
    for j in range(len(out) - 1):
        if _text(out[j]) and _text(out[j + 1]):
            joined = compact(out[j]) + compact(out[j + 1])
            if _label(joined) in ITEMS or not _known(out[j + 1]):
                out[j], out[j + 1] = "", joined
    return out


_BASIC_PARTS = ("人员经费", "公用经费")


def _use_sums(table: RawTable, rows: list[dict[str, Any]]) -> list[Failure]:
    """A 总表 whose 支出 side lists the uses of the money (基本支出, 人员经费, 公用经费, 项目支出 …) and no class:
    本年支出合计 = Σ uses, 基本支出 = 人员经费 + 公用经费 (the table checks add up the classes only). Each use printed
    once, or none is judged."""
    if any(r["item"] == "function_class" for r in rows):
        return []
    uses: dict[str, list[float]] = {}
    for r in rows:
        label = re.sub(r"^其中[:：]?", "", r["label"])
        if r["item"] == "other" and (label in _USES or label in _BASIC_PARTS):
            uses.setdefault(label, []).append(r["amount"])
    if any(len(v) > 1 for v in uses.values()) or not {"基本支出", "项目支出"} <= uses.keys():
        return []
    failures = Failures(rounding_of(table.unit))
    total = next((r["amount"] for r in rows if r["item"] == "expenditure_total"), None)
    if total is not None:
        check_sum("本年支出合计与各支出用途之和", total, [v[0] for k, v in uses.items() if k in _USES], failures,
                  judged=False)
    if set(_BASIC_PARTS) <= uses.keys():
        check_sum("基本支出与人员经费+公用经费", uses["基本支出"][0], [uses[k][0] for k in _BASIC_PARTS], failures,
                  judged=False)
    return list(failures)


_YEAR = re.compile(r"(20\d{2})年")
_COMPARISON = ("增减", "增长", "变动", "比上年", "上年预算", "上年执行", "上年决算", "%")
_OWN_WORDS = ("预算", "决算", "执行数", "金额")  # a column of the document's own figures says what they are


def _other_columns(table: RawTable, year: int) -> set[int]:
    """Amount columns of another year or a comparison (2023年预算数, 上年决算数, 增减, 增减率%) beside the
    document's own (2024年预算数, 决算数, 金额): their header names another year, or a change, and some other column
    names the document's year, or its figures with no year at all."""
    width = max([len(r) for r in table.rows] + [len(r) for r in table.header] + [0])
    labels = column_labels(table.header, width)
    years = {j: {int(y) for t in texts for y in _YEAR.findall(t)} for j, texts in enumerate(labels)}
    other = {j for j, ys in years.items() if ys and year not in ys}
    other |= {j for j, texts in enumerate(labels) if any(w in "".join(texts) for w in _COMPARISON)}
    own = [j for j, texts in enumerate(labels) if j not in other
           and (any(w in "".join(texts) for w in _OWN_WORDS) or year in years[j])]
    return other if own else set()


def _text(cell: str) -> bool:
    """A cell holding a label (not blank, not a figure)."""
    return bool(compact(cell)) and not is_number(cell)


def _printed_figures(table: RawTable) -> bool:
    """The body prints a non-zero decimal amount."""
    return any("." in compact(c) and is_number(c) and to_number(c) for r in table.rows for c in r)


def _spacer_columns(table: RawTable) -> set[int]:
    """Columns that hold no figure of any line: blank on every line (but a section row), labels only (the tails of
    labels a text-position reader cut off), or the 行次 numbers counting up (1, 2, 3 …). A text-position reader puts
    them between a label and its figure."""
    body = [r for r in table.rows if not _section_row(r)]
    width = max((len(r) for r in body), default=0)
    out = set()
    for j in range(1, width):
        cells = [compact(r[j]) for r in body if j < len(r) and compact(r[j])]
        if not cells or not any(is_number(c) for c in cells) \
                or (len(cells) >= 3 and all(c.isdigit() and len(c) <= 3 for c in cells)
                         and [int(c) for c in cells] == sorted({int(c) for c in cells})):
            out.add(j)
    return out


def _section_row(row: list[str]) -> bool:
    """A row that only names a block (收入 / 支出 merged across the table: one text, copied into every cell)."""
    texts = {compact(c) for c in row if compact(c)}
    return len(texts) == 1 and not is_number(texts.pop())


def _opens_expenditure(label: str) -> bool:
    """The first line of the 支出 block of a stacked table: 支出, 支出总计, 本年支出合计, 一、基本支出 …"""
    return (label in ("支出", "支出项目", "支出总计", "支出合计") or ITEMS.get(label) == "expenditure_total"
            or label in _USES or (label.endswith(_CLASS_SUFFIX) and "收入" not in label))


def _totals_after_subtotals(rows: list[dict[str, Any]]) -> None:
    """Tell 合计 from 总计 where a layout has only one of them per side.

    When 本年/当年…小计 lines carry the year's totals, 收入合计/支出合计 below them are the
    总计 lines. A table with one total line per side and no balance carried in or out
    (江苏 财政拨款收支总表) states its 总计 in that line too: it is recorded under both keys.
    """
    subtotal = {r["item"] for r in rows
                if (r["label"].endswith("小计") or r["label"].startswith("当年")) and r["item"].endswith("_total")}
    for r in rows:
        if r["item"] in subtotal and r["label"] in ("收入合计", "支出合计"):
            r["item"] = "grand_total" if r["item"] == "income_total" else "grand_total_expenditure"
    items = {r["item"] for r in rows}
    balances = any(r["amount"] for r in rows if r["item"] in ("opening_balance", "closing_balance"))
    if balances or items & {"grand_total", "grand_total_expenditure"}:
        return
    for r in [r for r in rows if r["item"] in ("income_total", "expenditure_total")]:
        rows.append({**r, "item": "grand_total" if r["item"] == "income_total" else "grand_total_expenditure"})


def _expenditure_side_start(table: RawTable) -> int:
    """First column of the expenditure side (支出), from the top header row."""
    width = max((len(r) for r in table.rows), default=0)

    def labels(col: int) -> int:
        return sum(1 for r in table.rows if col < len(r) and compact(r[col]) and not is_number(r[col]))

    for row in table.header[:2]:
        for j, cell in enumerate(row):
            text = compact(cell)
            if j > 0 and "支出" in text and "收入" not in text:
                # a text-position reader may set the 支出 banner right of the side's label column
                return j - 1 if j > 1 and not labels(j) and labels(j - 1) else j
    return max(width // 2, 1)


def _header_text(table: RawTable, col: int) -> str:
    return "".join(compact(r[col]) for r in table.header if col < len(r))


@cache
def _class_names() -> tuple[str, ...]:
    """Names of the national function classes (3-digit codes), as fiscal/data/function_codes.csv lists them."""
    with FUNCTION_CODES.open(encoding="utf-8") as f:
        return tuple(r["name"] for r in csv.DictReader(f) if len(r["code"]) == 3)


def _complete_class(label: str) -> str:
    """The class name a label cut at a page or cell break begins ("社会保障和就" → 社会保障和就业支出)."""
    if label.endswith(_CLASS_SUFFIX) or len(label) < 3:
        return label
    names = [n for n in _class_names() if n.startswith(label)]
    return names[0] if len(names) == 1 else label


def _row(doc: DocMeta, table: RawTable, page: int, label: str, amount: float, side: int,
         numbered: bool = False) -> dict[str, Any] | None:
    item = ITEMS.get(label)
    if label in ("总计", "收入总计", "支出总计", "收支总计") or (label.endswith("总计") and len(label) <= 6
                                                                    and not item):
        item = "grand_total" if (side == 0 and label != "支出总计") else "grand_total_expenditure"
    elif item is None and side > 0 and label in _USES:
        if not amount:
            return None
        item = "other"  # 支出用途 (基本支出, 项目支出 …) beside the function classes: not a class
    elif item is None and side > 0 and (label.endswith(_CLASS_SUFFIX) or numbered):
        # a numbered class line whose 支出 wrapped onto the next page ("八、社会保障和就") is still a class
        label = _complete_class(label)
        if not amount:
            return None
        item = "function_class"
    elif item is None:
        if not amount:
            return None
        item = "other"
    if side > 0 and item == "opening_balance":
        item = "closing_balance"
    return {**doc.common(page), "table": table.family, "item": item, "label": label, "amount": amount}
