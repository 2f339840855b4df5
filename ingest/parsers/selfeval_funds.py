"""A self-evaluation form's 年度资金总额 line and the 其中 lines under it (当年财政拨款 / 上年结转资金 / 其他资金 …):
each line's kind from its label (`FUND_KINDS_BY_LABEL`, rules as data), each kind summed per column into the projects
columns `<column>_<kind>` (fiscal.schema.PROJECT_FUND_SUMS), and the total checked against its lines, column by column.

The total's parts are its top lines (under it, or above it when it is printed last: 财政拨款 | 上年结转 | 其他资金 |
合计); lines breaking it down by spending first (基本支出 | 项目支出 right under it) are passed over (the fund lines
after them are its parts only when they add up to it: else they may break the 项目支出 down); a line's
breakdown under it (其中：一般公共预算 | 政府性基金 under 财政拨款, 中央 | 省级 under 财政资金) is not counted again
(`top_lines`). Whether a mismatch is the document's or the reading's is decided by how well the lines were read. They
are trusted when every part printing a figure has a known kind, every figure cell reads as one number, and no figure
stands under the block on a line of no label or a fund line's label after a line that is none (a wrapped label, a line
the parts missed): then they are stored and a nonzero total off its lines is a judged failure (the reading confirms it
with a second reader, and totals_mismatch reports it). Untrusted lines are not stored and a mismatch is not judged:
the form reads `partial` (a reading note), never a finding. A total printed 0 or blank over lines carrying money is
never judged either (how a missed total line reads; the lake's budget would read 0). Lines printing only blanks or
zeros are a template left unfilled: nothing to check.

Some forms print the lines inside label cells, one label and its amount a cell (郴州's 部门整体 form:
按收入性质分：874.05 | 其中：一般公共预算：874.05 | 政府性基金拨款： | 其他资金：, beside
按支出性质分：基本支出：614.78 | 项目支出：259.27), or all in one cell (年度资金总额：123.45 其中：财政拨款：100.00
其他资金：23.45): `label_lines` reads them. They break a budget down (年度预算申请): the column is the amount column
whose total their printed subtotal — or, with none, their sum — equals (全年预算数, then 年初预算数, then 全年执行数);
a breakdown of spending (按支出性质分) is no fund line, nor a figure of another kind (执行率：95%).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from fiscal.schema import FUND_KINDS, PROJECT_FUND_LABELS, PROJECT_FUND_SUMS
from ingest.checks import ROUNDING, ROUNDING_YUAN, Failure, Failures
from ingest.checks import _check as check_sum
from ingest.model import UNIT_FACTORS
from ingest.numbers import in_wan, try_number
from ingest.parsers.columns import compact
from ingest.parsers.selfeval_cells import Form, Row, cell_at, clean, first_label, label_of

# a fund line's label: 其中：当年财政拨款, 上年结转资金, 其他资金, 财政专户管理资金, 单位资金, 中央补助 …
FUND_PART = re.compile(r"^(?:其中[:：]?)?.{0,8}(?:拨款|资金|结转|结余|自筹|收入|补助)$")
# a line's kind by its label, first match wins (结转 before 财政拨款: 上年财政拨款结转 is carried over); 其他 takes the
# unit's own money too (四川's 财政专户管理资金 | 单位资金 | 其他资金 under 财政资金). `source`: fiscal money by its
# budget or its level of government — a breakdown of the 财政拨款 line before it, else 财政拨款 itself. A fund line of
# none of these kinds is not guessed: its form's lines are not trusted.
FUND_KINDS_BY_LABEL: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("carried_over", ("结转", "结余")),
    ("other", ("其他", "单位资金", "自有资金", "自筹", "专户")),
    ("fiscal", ("财政拨款", "财政资金", "当年拨款")),
    ("source", ("一般公共预算", "政府性基金", "国有资本", "中央", "省级", "市级", "县级", "市县", "区级", "地方")),
)
# a line of the total broken down by spending, not by fund (a 部门整体 form's 基本支出 | 项目支出 lines)
SPENDING_LINE = re.compile(r"^(?:其中:?)?(?:基本支出|项目支出|人员经费|公用经费|人员支出|公用支出)$")
_BLOCK_END = ("目标", "指标")  # the goals or the indicators begin: the funds block is over


def kind_of(label: str) -> str | None:
    """fiscal / carried_over / other for a fund line's label, None when it is none of them."""
    return next((kind for kind, words in FUND_KINDS_BY_LABEL if any(w in label for w in words)), None)


def _label(row: Row, first: int) -> str:
    """A line's last label cell left of the figures ("" when it has none)."""
    labels = [label_of(unicodedata.normalize("NFKC", c)) for c in row[:first] if clean(c)]
    return labels[-1] if labels else ""


def _is_part(label: str, totals: tuple[str, ...]) -> bool:
    return (bool(FUND_PART.match(label)) or kind_of(label) == "source") and label not in totals \
        and "项目资金" not in label


def top_lines(labels: list[str]) -> list[str | None]:
    """Each line's kind when it is one of the total's parts, "" when it breaks down the part above it: a line opening
    with 其中 after the first (其中：一般公共预算 under 财政拨款), and the lines after it of its parent's kind or a
    `source` kind, or a `source` line right under a 财政拨款 line (中央 | 省级 | 市县 lines one after another are
    parts). A top `source` line is 财政拨款 (fiscal); None: a part of no known kind."""
    out: list[str | None] = []
    parent: str | None = None
    nested = False
    for k, label in enumerate(labels):
        kind = kind_of(label)
        nested = k > 0 and (label.startswith("其中") or (kind == "source" and parent == "fiscal")
                            or (nested and kind in ("source", parent)))
        if nested:
            out.append("")
            continue
        parent = kind
        out.append("fiscal" if kind == "source" else kind)
    return out


def _cell(row: Row, j: int) -> tuple[str, float | None]:
    """(cell text, its number: None when blank or not one number — "120 30" is two lines' figures in one cell, while
    "461. 49" is one number broken by the text layer)."""
    raw = clean(cell_at(row, j))
    text = raw.replace(" ", "")
    tokens = raw.split()
    if not text or (any(a[-1].isdigit() and b[0].isdigit() for a, b in pairwise(tokens))
                    and all(try_number(t) is not None for t in tokens)):
        return text, None
    return text, try_number(text)


def fund_lines(form: Form, at: tuple[int, int], cols: dict[str, int], totals: tuple[str, ...],
               project: str) -> tuple[dict[str, float], list[Failure]]:
    """(projects columns `<column>_<kind>` → the kind's lines summed in 万元, the failed sums) of the funds block whose
    header and total rows are `at` (`cols`: amount column key → index; `totals`: the total line's labels)."""
    head, total = at
    if not any(label_of(c) in totals or label_of(c).endswith("资金总额") for c in form.rows[total]):
        return {}, []  # the line read is no printed total (a blank 总额: the first line with figures was read)
    amounts = [k for k in PROJECT_FUND_SUMS if k in cols]
    if not amounts:
        return {}, []
    first = min(cols[k] for k in amounts)
    parts: list[tuple[str, Row]] = []
    rest = len(form.rows)
    spending = False  # the total broken down by spending first (基本支出 | 项目支出), fund lines after them
    for i in range(total + 1, len(form.rows)):
        label = _label(form.rows[i], first)
        if not parts and SPENDING_LINE.match(label):
            spending = True
            continue
        if not _is_part(label, totals):
            rest = i
            break
        parts.append((label, form.rows[i]))
    above = [(_label(row, first), row) for row in form.rows[head + 1:total]]
    if not parts and above and all(_is_part(label, totals) for label, _row in above):
        parts = above  # the total printed last: 财政拨款 | 上年结转 | 其他资金 | 合计
    # a figure under the block on a line of no label (a label wrapped away) or a fund line's after a line that is
    # none: a line the parts above do not include
    stray = False
    for row in form.rows[rest:]:
        label = _label(row, first)
        if any(w in label for w in _BLOCK_END):
            break
        if (not label or _is_part(label, totals)) and any(_cell(row, cols[k])[1] for k in amounts):
            stray = True
    # a 元 form rounds to 1 元; a 千元 form prints 0.1 千元, a 万元 form 0.01 万元: both within 万元's rounding
    failures = Failures(ROUNDING_YUAN if form.factor == UNIT_FACTORS["元"] else ROUNDING)
    out: dict[str, float] = {}
    page = form.pages[total]
    kinds = top_lines([label for label, _row in parts])
    # every part printing a figure of a known kind, every figure one number: else no column's lines are trusted
    trusted = not stray and all((kind is not None) and _cell(row, cols[k])[1] is not None
                                for kind, (_label_, row) in zip(kinds, parts, strict=True) for k in amounts
                                if _cell(row, cols[k])[0])
    for key in amounts:
        cells = [(kind, *_cell(row, cols[key])) for kind, (_label_, row) in zip(kinds, parts, strict=True)
                 if kind != ""]
        printed = [v for _kind, _text, v in cells if v is not None]
        value = _cell(form.rows[total], cols[key])[1]
        column = compact(clean(cell_at(form.rows[head], cols[key])))
        what = f"{project}（第{page}页）{column}列 年度资金总额与其中各项之和"
        if trusted:
            for kind, name in zip(FUND_KINDS, PROJECT_FUND_SUMS[key], strict=True):
                mine = [v for k, text, v in cells if k == kind and text and v is not None]
                if mine:
                    out[name] = in_wan(sum(mine), form.factor)
        if not any(printed):
            continue  # no line printed, or only zeros: the template's lines left unfilled
        # a total printed 0 or blank over lines carrying money is a missed total line as often as a misprint
        check_sum(what, in_wan(value or 0.0, form.factor), (in_wan(v, form.factor) for v in printed), failures,
                  judged=trusted and bool(value))
    if spending and failures:
        return {}, []  # lines after spending lines and off the total may break the 项目支出 down: not the total's
    return out, list(failures)


# a label and its amount in a label cell: 一般公共预算：627.19, 其他资金：(blank), 按收入性质分：874.05
_PAIR = re.compile(r"([\u4e00-\u9fff()]{2,24}):\s*(-?\d[\d,]*(?:\.\d+)?)?")
# the columns lines in label cells may break down, the likelier first (年度预算申请: a budget before the execution)
_BROKEN_DOWN = ("budget_full_year", "budget_initial", "executed")
_SPENDING = "支出"  # a heading of a spending breakdown (按支出性质分: 基本支出 | 项目支出), no fund lines under it


def _pairs(row: Row) -> list[tuple[int, str, float | None]]:
    """(first column, label, amount) of each label：amount printed in the row's cells (a merged cell read once)."""
    out: list[tuple[int, str, float | None]] = []
    for j, cell in enumerate(row):
        if j and cell == row[j - 1]:
            continue
        for m in _PAIR.finditer(clean(cell)):
            label = m.group(1)
            if label != "其中":
                out.append((j, label, try_number(m.group(2)) if m.group(2) else None))
    return out


def _fund_label(label: str) -> bool:
    """A label naming money (其他资金, 一般公共预算, 纳入专户管理的非税收入拨款), not another figure (执行率：95%)."""
    return bool(FUND_PART.match(label)) or kind_of(label) is not None


def label_lines(form: Form, at: tuple[int, int], cols: dict[str, int], totals: tuple[str, ...],
                project: str) -> tuple[dict[str, float], list[Failure]]:
    """(projects columns `<column>_<kind>`, the failed sums) of fund lines printed in label cells from the total line
    `at[1]` on: each under the heading over its column (按收入性质分：874.05; in one cell, the 年度资金总额：123.45
    before it), lines under a spending heading left out."""
    total = at[1]
    headings: dict[int, tuple[str, float | None]] = {}  # column → the heading over it
    lines: list[tuple[str, float | None]] = []
    for i in range(total, len(form.rows)):
        row = form.rows[i]
        if i > total and any(w in first_label(row) for w in _BLOCK_END):
            break
        ends = [j for j in range(1, len(row)) if row[j] != row[j - 1]] + [len(row)]
        for j, label, value in _pairs(row):
            if label.startswith("按") or label in totals or label.endswith("资金总额"):
                headings |= dict.fromkeys(range(j, next(e for e in ends if e > j)), (label, value))
            elif _fund_label(label) and _SPENDING not in headings.get(j, ("", None))[0]:
                lines.append((label, value))
    if not any(v for _label_, v in lines):
        return {}, []  # no line, or only blanks and zeros: the template's lines left unfilled
    kinds = top_lines([label for label, _v in lines])
    parts = [v for kind, (_label_, v) in zip(kinds, lines, strict=True) if kind and v is not None]
    trusted = all(kind is not None for kind, (_label_, v) in zip(kinds, lines, strict=True) if v is not None)
    subtotal = next((v for label, v in headings.values() if _SPENDING not in label and v is not None), None)
    failures = Failures(ROUNDING_YUAN if form.factor == UNIT_FACTORS["元"] else ROUNDING)
    page = form.pages[total]
    printed = {k: _cell(form.rows[total], cols[k])[1] for k in _BROKEN_DOWN if k in cols}
    base = sum(parts) if subtotal is None else subtotal
    key = next((k for k, v in printed.items() if v is not None and abs(v - base) <= failures.rounding), None)
    if key is None:  # the lines break down no budget column printed: not stored, never judged
        column = next(iter(printed), None)
        check_sum(f"{project}（第{page}页）年度资金总额与其中各项之和",
                  in_wan(printed.get(column) or 0.0, form.factor) if column else 0.0,
                  (in_wan(v, form.factor) for v in parts), failures, judged=False)
        return {}, list(failures)
    out: dict[str, float] = {}
    for kind, name in zip(FUND_KINDS, PROJECT_FUND_SUMS[key], strict=True):
        mine = [v for k, (_label_, v) in zip(kinds, lines, strict=True) if k == kind and v is not None]
        if trusted and mine:
            out[name] = in_wan(sum(mine), form.factor)
    if subtotal is not None:  # the subtotal is the column's total: its lines off it are the document's
        check_sum(f"{project}（第{page}页）{PROJECT_FUND_LABELS[key]}列 年度资金总额与其中各项之和",
                  in_wan(subtotal, form.factor), (in_wan(v, form.factor) for v in parts), failures, judged=trusted)
    return out, list(failures)


# the column of a kind's total under a merged amount heading (年初预算数 over 合计 | 财政拨款 | 上年结转 | 其他资金)
_COLUMN_TOTALS = ("合计", "小计", "总计", "总额", "资金总额", "年度资金总额")
Columns = dict[str, dict[str, list[int]]]  # amount key → "total" or a kind → its columns


def kind_columns(form: Form, head: int, cols: dict[str, int]) -> Columns:
    """The fund kinds printed as columns: amount key → {"total" | kind → columns} when each amount heading is merged
    over columns the row under it names by kind (年初预算数 over 合计 | 财政拨款 | 上年结转 | 其他资金, the 合计 first
    or last); {} when the row under the header is no such row (a figure, a blank, a word of no kind)."""
    if head + 1 >= len(form.rows):
        return {}
    top, sub = form.rows[head], form.rows[head + 1]
    out: Columns = {}
    for key in PROJECT_FUND_SUMS:
        if key not in cols:
            continue
        word, span = clean(cell_at(top, cols[key])), [cols[key]]
        while clean(cell_at(top, span[-1] + 1)) == word:
            span.append(span[-1] + 1)
        if len(span) == 1:
            return {}
        named: dict[str, list[int]] = {}
        for j in span:
            label = label_of(cell_at(sub, j))
            kind = "total" if label in _COLUMN_TOTALS else kind_of(label)
            if kind is None or label.startswith("其中"):
                return {}  # a column not understood, or a breakdown of another: not guessed
            named.setdefault("fiscal" if kind == "source" else kind, []).append(j)
        out[key] = named
    return out


def fund_columns(form: Form, row: int, columns: Columns, project: str) -> tuple[dict[str, float], list[Failure]]:
    """(projects columns `<column>_<kind>` and the amounts `<column>` the kinds sum to when no 合计 column is printed,
    the failed sums) of the line `row` under kind columns: each kind's columns summed, the 合计 checked against them
    (judged when every figure cell reads as one number)."""
    failures = Failures(ROUNDING_YUAN if form.factor == UNIT_FACTORS["元"] else ROUNDING)
    out: dict[str, float] = {}
    line, page = form.rows[row], form.pages[row]
    for key, named in columns.items():
        cells = {kind: [_cell(line, j) for j in js] for kind, js in named.items()}
        one = all(v is not None for kind, got in cells.items() for text, v in got if text)
        sums = {kind: sum(v or 0.0 for _text, v in got) for kind, got in cells.items() if kind != "total"}
        for kind, name in zip(FUND_KINDS, PROJECT_FUND_SUMS[key], strict=True):
            if one and any(text for text, _v in cells.get(kind, [])):
                out[name] = in_wan(sums[kind], form.factor)
        if "total" not in cells:
            if one:
                out[key] = in_wan(sum(sums.values()), form.factor)
            continue
        value = sum(v or 0.0 for _text, v in cells["total"])
        what = f"{project}（第{page}页）{PROJECT_FUND_LABELS[key]}列 合计与各资金来源之和"
        if any(sums.values()):
            check_sum(what, in_wan(value, form.factor), (in_wan(v, form.factor) for v in sums.values()), failures,
                      judged=one and bool(value))
    return out, list(failures)
