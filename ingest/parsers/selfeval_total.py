"""The line closing a self-evaluation form's indicators (ingest/parsers/performance.py): a 总分 / 合计 line with the
form's total 分值 and 得分, or a 自评等级 line printing a grade in its place; its label may be fused with its value in
one cell (总分：96.5分, merged across the line); a 总分 may stand outside the indicator block. And the execution's
weight when the form leaves its 分值 blank: what the 总分's 分值 leaves after the indicators' weights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ingest.numbers import try_number
from ingest.parsers.columns import compact
from ingest.parsers.selfeval_cells import Form, Row, cell_at, clean, first_label, grade_in, label_of, number

SCORE_LABELS = ("总分", "总得分", "自评总分", "自评得分", "综合得分", "得分合计")  # the form's total score
TOTAL_LABELS = ("合计", "总计", *SCORE_LABELS)  # the line closing the indicators
GRADE_LABELS = ("自评等级", "评价等级", "绩效等级", "评定等级", "等级")  # a line closing it: a grade, no score
# a label and its value in one cell: 总分：96.5分, 总分 96.5, 自评等级：优
_FUSED = re.compile(r"^(?P<label>[^\d:]+?):?(?P<value>\d+(?:\.\d+)?分?|优秀|良好|中等|合格|不合格|较差|[优良中差])$")
_POINTS_SLACK = 0.01  # a score may not exceed the weight it is scored out of by more than rounding


@dataclass(frozen=True)
class Total:
    """What the closing line prints: the 总分's score and 分值 (None: not printed) and a grade."""

    score: float | None = None
    weight: float | None = None
    grade: str | None = None


def _fused(row: Row) -> tuple[str, str]:
    """(label, value) of a line's first cell when it prints both (总分：96.5分), else (its label, "")."""
    first = first_label(row)
    m = _FUSED.match(first)
    if m and (m.group("label") in TOTAL_LABELS or m.group("label") in GRADE_LABELS):
        return m.group("label"), m.group("value")
    return first, ""


def is_total(row: Row) -> bool:
    """The 总分 / 合计 line that ends the indicator block (or a 自评等级 line printed in its place)."""
    label, _value = _fused(row)
    return label in TOTAL_LABELS or label in GRADE_LABELS


def read_total(form: Form, row: Row, cols: dict[str, int], page: int) -> Total:
    """The closing line's score, 分值 and grade; a line cut off on its own page has fewer columns. A 自评等级 line
    prints a grade and no score; a fused 总分：96.5分 its score in its label's cell."""
    label, value = _fused(row)
    if label in GRADE_LABELS:
        return Total(grade=grade_in([value]) if value else grade_in(row[1:]))
    if value:  # the value in the label's cell (merged across the line: every cell prints it)
        return Total(number(form, value, "总分", page), None, grade_in(row))
    weight = number(form, cell_at(row, cols.get("weight")), "总分 分值", page, points=True)
    score = number(form, cell_at(row, cols.get("score")), "总分", page)
    if score is None and not clean(cell_at(row, cols.get("weight"))):  # misaligned: the last number is the score
        numbers = [v for v in (try_number(clean(c).removesuffix("分")) for c in row if clean(c)) if v is not None]
        score = numbers[-1] if numbers else None
    return Total(score, weight, grade_in(row))


def total_anywhere(form: Form) -> float | None:
    """The score on a 总分 / 自评得分 line printed outside the indicator block (above it, beside the funds)."""
    for row in form.rows:
        cells = [compact(clean(c)) for c in row]
        for j, cell in enumerate(cells):
            if label_of(cell) in SCORE_LABELS:
                numbers = [v for v in (try_number(c.removesuffix("分")) for c in cells[j + 1:] if c) if v is not None]
                if numbers and 0 < numbers[-1] <= 100:
                    return numbers[-1]
    return None


def weight_left(funds: dict[str, Any], indicators: list[dict[str, Any]], total: Total) -> None:
    """The execution's 分值 left blank on a form that prints a 分值 column for it (得分 10, 分值 empty): the 总分's
    分值 less the indicators' weights, when every indicator prints one and what is left can hold the score printed.
    A funds block with no 分值 column says no weight (its 得分 may be out of anything)."""
    if not funds["weighed"] or funds["exec_weight"] is not None or funds["exec_score"] is None or not total.weight:
        return
    weights = [ind["weight"] for ind in indicators]
    if not weights or any(w is None for w in weights):
        return
    left = round(total.weight - sum(weights), 4)
    if left > 0 and funds["exec_score"] <= left + _POINTS_SLACK:
        funds["exec_weight"] = left
