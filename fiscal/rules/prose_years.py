"""Which year a figure of a sentence belongs to: a sentence may state last year's figure beside this year's
("上年决算数为 3.28 万元，本年决算数为 2.22 万元", "2021年决算数为…，2022年决算数为…"). A figure the narrative
reader reads is checked against the words before it in its clause; when they give it to an earlier year, the
sentence's figure of the same stage (决算/预算) that they give to this year is taken instead, and none when the
sentence gives this year none. The one home of that reading: ingest/narrative.py stores this year's figure
with it (the rules compare the stored figure as it is), unit_mismatch (fiscal/rules/narrative.py) reads
earlier_year."""

from __future__ import annotations

import re
import unicodedata

from fiscal.rules.engine import EPS
from fiscal.rules.prose_figures import _CARRIED, NUMBER, to_wan

_FIGURE = re.compile(NUMBER + r"(亿元|万元|元)")
_STAGES: tuple[str, ...] = ("决算", "预算")
_YEAR_WORD = re.compile(r"((?:19|20)\d{2})年|上一?年|去年")
_THIS_YEAR = re.compile(r"本年|当年|今年|本年度")
# words making a figure a change between years (比上年增加 X), not a figure of one year
_CHANGE = re.compile(r"增加|减少|增长|下降|上升|降低|相比|持平")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _label(text: str, start: int, after: int) -> str:
    """The words naming a figure: from the start of its clause (or the figure before it) to the figure."""
    clause = max(text.rfind(c, 0, start) for c in ";,。:") + 1
    return text[max(clause, after):start]


def _named_year(label: str) -> int | None:
    """The year a figure's words name (0 for 上年/去年), the one nearest the figure: a heading the flattened text
    runs into the sentence (“2022年度部门决算上年基本支出决算数为”) names no year of the figure."""
    marks = list(_YEAR_WORD.finditer(_CARRIED.sub("", label)))
    return None if not marks else int(marks[-1][1]) if marks[-1][1] else 0


def earlier_before(text: str, start: int, year: int) -> bool:
    """Do the words before `start` in its clause give the figure there to a year before `year`?"""
    return earlier_year(_label(_flat(text[:start]), len(_flat(text[:start])), 0), year)


def earlier_year(label: str, year: int) -> bool:
    """Do a figure's words give it to a year before `year` (上年/去年, or a year printed) rather than a change?"""
    if _CHANGE.search(label):
        return False
    named = _named_year(label)
    return named is not None and (named == 0 or named < year)


def figures_by_year(text: str, year: int) -> list[tuple[float, int | None, str]]:
    """(amount in 万元, the year its words give it — None when they name none —, its words) per figure of a
    sentence that is a year's figure (a change between years, 比上年增加 X, is none), in order."""
    flat, out, after = _flat(text), [], 0
    for m in _FIGURE.finditer(flat):
        label = _label(flat, m.start(), after)
        after = m.end()
        if _CHANGE.search(label):
            continue
        named = _named_year(label)  # a year printed first: “2025年当年预算执行数” is 2025's
        if named is None and _THIS_YEAR.search(label):
            named = year
        out.append((to_wan(m[1], m[2]), year - 1 if named == 0 else named, label))
    return out


def this_year(text: str | None, amount: float | None, year: int | None) -> float | None:
    """The figure the sentence gives this year, for a figure read from it as `amount`: `amount` itself unless
    its words give it to an earlier year; then the figure of the same stage whose words give it to this year
    (None when there is none: the sentence states no figure of this year to compare)."""
    if not text or amount is None or not year:
        return amount
    figures = figures_by_year(text, year)
    mine = next((f for f in figures if abs(f[0] - amount) < EPS), None)
    if mine is None or mine[1] is None or mine[1] >= year:
        return amount
    stage = next((s for s in _STAGES if s in mine[2]), "")
    # this year's figure of the same stage, named so or naming no year; else the one figure named this year's
    for wanted in ((year,), (None,)):
        got = [a for a, y, label in figures if y in wanted and stage in label]
        if got:
            return got[0]
    named = [a for a, y, _ in figures if y == year]
    return named[0] if len(named) == 1 else None

