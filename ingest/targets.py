"""Indicator targets and actuals as printed ("≥95%", "≤35万元", "6-9个月", "有效提升") → comparator, value, unit.

Choices (the lake contract allows the comparators `>=`, `<=`, `=`, `qualitative`):

- Values are the printed numbers, percentages included: "≥95%" is (>=, 95.0, "%"), not
  0.95. The unit stays beside the number so "95%" and "95万元" are never confused, and
  an actual "95.82%" compares with its target "≥95%" without conversion.
- Strict signs count as their inclusive form: ">90" → >=, "<1.2" → <=; words too:
  不低于/不少于/以上 → >=, 不高于/不超过/以内/以下/…内 → <=.
- A range "6-9个月" is (>=, 6, "个月"): the low end is the bar a target sets; a value
  above the range is not taken for a miss (no false flags, at the price of missing a
  ceiling breach).
- A bare number "100%", "3次", "8000元" is an equality target (=).
- Dates and deadlines ("2022年12月底前", "2022年度"), and any text that is not one
  number with a short unit ("有效提升", "优良中低差", "按时完成", "2个月内一批次"), are
  qualitative: value None, the text kept as printed in the dataset's target column.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

GE, LE, EQ, QUALITATIVE = ">=", "<=", "=", "qualitative"

_SIGNS: tuple[tuple[str, str], ...] = (
    (">=", GE), ("≥", GE), ("≧", GE), ("⩾", GE), ("大于等于", GE), ("大于或等于", GE), ("不低于", GE),
    ("不少于", GE), ("不小于", GE), ("至少", GE), ("达到", GE), (">", GE), ("大于", GE), ("高于", GE),
    ("<=", LE), ("≤", LE), ("≦", LE), ("⩽", LE), ("小于等于", LE), ("小于或等于", LE), ("不高于", LE),
    ("不超过", LE), ("不大于", LE), ("不多于", LE), ("控制在", LE), ("<", LE), ("小于", LE), ("低于", LE),
    ("==", EQ), ("=", EQ), ("＝", EQ), ("等于", EQ),
)
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("及以上", GE), ("以上", GE), ("及以下", LE), ("以下", LE), ("以内", LE), ("之内", LE), ("内", LE),
)
_NUMBER = r"\d+(?:\.\d+)?"
_RANGE = re.compile(rf"^(?P<low>{_NUMBER})\s*[-~～至到—–]\s*(?P<high>{_NUMBER})\s*(?P<unit>\D{{0,6}})$")
_VALUE = re.compile(rf"^(?P<num>{_NUMBER})\s*(?P<unit>\D{{0,6}})$")
_DATE = re.compile(r"(?:19|20)\d{2}\s*年|\d{1,2}\s*月\s*\d{0,2}\s*日?\s*(?:底|前|之前)|年底|月底|年末")
# a unit is short and reads like one: no sentence punctuation, no verbs of achievement
_BAD_UNIT = re.compile(r"[，,。；;、:：()（）]|提升|完成|降低|减少|一批")


class Target(NamedTuple):
    """A parsed target or actual: comparator, numeric value (None if qualitative), unit."""

    comparator: str
    value: float | None
    unit: str


def _clean(text: str | None) -> str:
    """NFKC, no whitespace (targets wrap inside cells: "≥ 3.8 万人次")."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _split_sign(text: str) -> tuple[str | None, str]:
    """(comparator of a leading sign or word, the rest)."""
    for sign, comparator in _SIGNS:
        if text.startswith(sign):
            return comparator, text[len(sign):]
    return None, text


def _split_suffix(text: str) -> tuple[str | None, str]:
    """(comparator of a trailing 以上/以内/…内, the rest)."""
    for suffix, comparator in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return comparator, text[: -len(suffix)]
    return None, text


def parse_target(text: str | None) -> Target:
    """The comparator, value and unit a printed target states (see the module notes)."""
    clean = _clean(text)
    if not clean or _DATE.search(clean):
        return Target(QUALITATIVE, None, "")
    sign, rest = _split_sign(clean)
    suffix, rest = _split_suffix(rest)
    if m := _RANGE.match(rest):
        unit = m.group("unit")
        if not _BAD_UNIT.search(unit):
            return Target(GE, float(m.group("low")), unit)
    m = _VALUE.match(rest)
    if m is None or _BAD_UNIT.search(m.group("unit")):
        return Target(QUALITATIVE, None, "")
    return Target(sign or suffix or EQ, float(m.group("num")), m.group("unit"))


def parse_value(text: str | None) -> float | None:
    """The number an actual states ("95.82%" → 95.82, "≥90%" → 90, "按时完成" → None)."""
    return parse_target(text).value


def compose(nature: str | None, value: str | None, unit: str | None) -> str:
    """A provincial target from its 指标性质 / 指标值 / 度量单位 cells, as one printed text."""
    sign = _clean(nature)
    value, unit = _clean(value), _clean(unit)
    if not sign or "定性" in sign:
        return value
    if sign in ("正向", "正向指标"):
        sign = "≥"
    elif sign in ("反向", "反向指标"):
        sign = "≤"
    return f"{sign}{value}{unit if value and not value.endswith(unit) else ''}"
