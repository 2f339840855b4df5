"""Table cells to numbers, as printed in disclosure PDFs.

Handles thousands separators, the stray space or comma that PDF text layers put
inside numbers ("461. 49", "461, 49"), full-width digits, blanks and dashes
(meaning zero), accounting negatives "(12.3)", and percentages. A cell holding two
numbers is not guessed at: it raises AmbiguousCell so the caller can report it.
"""

from __future__ import annotations

import re
import unicodedata

from fiscal.schema import AMOUNT_DECIMALS


class AmbiguousCell(ValueError):
    """A cell holds more than one number, or text that is not a number."""


_ZERO_MARKS = {"", "-", "—", "–", "——", "－", "/", "0", "无", "—-", "--"}
# A decimal split by a stray space/comma from a PDF text layer: "461. 49", "461, 49".
_SPLIT_DECIMAL = re.compile(r"^(-?\d{1,3}(?:,\d{3})*|-?\d+)\s*[.,]\s+(\d{1,2})$")
_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# A whole amount in 元 printed without separators that no code, year, page number or 行次 can be: six digits or
# eight and more, or five or seven not led by 1–3 (the lengths of function, economic and income codes: 20105,
# 2010501, 30101, 1030182). Whole 元 with separators (20,861,900) are told by their separators.
WHOLE_YUAN = r"(?:\d{6}|\d{8,}|[4-9]\d{4}(?:\d{2})?)"
_WHOLE_YUAN = re.compile(rf"^{WHOLE_YUAN}$")
# An amount as printed: decimal (2,086.19), whole with separators (20,861,900) or whole 元 without (20861900).
FIGURE = rf"(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)\.\d+|\d{{1,3}}(?:,\d{{3}})+|{WHOLE_YUAN})"


# A year in Chinese numerals, as covers and titles print it: 二〇二三年度, 二零二三年, 二○二三 年 (〇 also misprinted ○,
# O, 0).
_CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "O": "0", "0": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile(r"二\s*[〇○零O0]\s*([一二三四五六七八九〇○零])\s*([一二三四五六七八九〇○零])(?=\s*年)")


def arabic_years(text: str) -> str:
    """`text` with its years in Chinese numerals written in digits (二〇二三年度 → 2023年度)."""
    return _CN_YEAR.sub(lambda m: "20" + _CN_DIGITS[m.group(1)] + _CN_DIGITS[m.group(2)], text)


def normalize_text(cell: str | None) -> str:
    """NFKC (full-width → ASCII), newlines and runs of spaces folded."""
    if cell is None:
        return ""
    # NFKC leaves the minus sign U+2212 as it is: some PDF producers typeset negatives with it
    text = unicodedata.normalize("NFKC", str(cell)).replace("\u2212", "-")
    return re.sub(r"\s+", " ", text).strip()


def to_number(cell: str | None) -> float:
    """The value of an amount cell; blank and dash mean 0."""
    text = normalize_text(cell)
    if text in _ZERO_MARKS:
        return 0.0
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    m = _SPLIT_DECIMAL.match(text)
    if m and ("," in m.group(1) or "." in text or len(m.group(2)) == 2):
        text = f"{m.group(1)}.{m.group(2)}"
    compact = text.replace(" ", "")
    if " " in text and not _NUMBER.match(compact):
        raise AmbiguousCell(f"not one number: {cell!r}")
    if " " in text and _NUMBER.match(compact):
        # "5 0.6 0" — digits spread by character spacing; "12.00 3.00" has two dots; "268.40 302" an amount
        # whose decimals are complete before the space (an amount and a code of the next column)
        if compact.count(".") > 1 or any(re.search(r"\.\d{2,}$", t) for t in text.split(" ")[:-1]):
            raise AmbiguousCell(f"two numbers in one cell: {cell!r}")
        text = compact
    if not _NUMBER.match(text):
        raise AmbiguousCell(f"not a number: {cell!r}")
    value = float(text.replace(",", ""))
    return -value if negative else value


def whole_amount(cell: str) -> bool:
    """A whole amount in 元 printed without separators (20861900, 963100), as no code or 行次 prints."""
    return bool(_WHOLE_YUAN.match(cell.strip()))


def in_wan(value: float, factor: float) -> float:
    """A printed amount in 万元, exact: `factor` 1 for a 万元 table, 0.0001 for a 元 table (not rounded to 0.01;
    the lake's AMOUNT_DECIMALS keep a 元 figure's cents, rounding to them only drops the division's float noise)."""
    return round(value * factor, AMOUNT_DECIMALS)


def try_number(cell: str | None) -> float | None:
    """to_number, or None when the cell is not a number."""
    try:
        return to_number(cell)
    except AmbiguousCell:
        return None


def to_rate(cell: str | None) -> float | None:
    """A rate cell ("99.26%", "99.26\\n%", "0.9926", "100") as a fraction; None when blank."""
    text = normalize_text(cell).replace(" ", "")
    if not text or text in _ZERO_MARKS - {"0"}:
        return None
    if text.endswith("%"):
        return to_number(text[:-1]) / 100
    value = to_number(text)
    return value / 100 if value > 1.5 else value


def is_number(cell: str | None) -> bool:
    text = normalize_text(cell)
    return bool(text) and try_number(text) is not None and text not in _ZERO_MARKS - {"0"}
