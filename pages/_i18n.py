"""The dashboard's languages: `t(key, **kw)` looks a string up in the reader's language
(st.session_state["lang"]), falling back to Chinese; `label(group, code)` names codes (doc kinds,
三公 items, rules …); and the number formats. The strings themselves: one table per language
(pages/_zh.py, pages/_en.py), the names of codes beside it (pages/_zh_labels.py, pages/_en_labels.py).
"""

from __future__ import annotations

import math
import re
import string
from typing import Any

import streamlit as st

from pages import _en, _en_labels, _zh, _zh_labels

LANGS: tuple[str, ...] = ("zh", "en")

STRINGS: dict[str, dict[str, str]] = {"zh": _zh.STRINGS, "en": _en.STRINGS}

# Names of codes, per group.
LABELS: dict[str, dict[str, dict[str, str]]] = {"zh": _zh_labels.LABELS, "en": _en_labels.LABELS}


def lang() -> str:
    """The reader's language code."""
    value = st.session_state.get("lang", "zh")
    return value if value in LANGS else "zh"


# "1 agencies", "1 checks" in English: a count of one takes the singular (Chinese has no plural)
_ONE = re.compile(r"(?<![\d.,])\b1 ([a-z]+?[^s])(ies|s)\b")


# counts from this size on are written with thousands separators (496,886 项发现); years and pages stay plain
GROUPED_FROM = 10_000


def _grouped(text: str, kw: dict[str, Any]) -> dict[str, Any]:
    """kw with the large counts a string shows without a format of its own ({n}, not {n:,}) as 496,886."""
    plain = {name for _, name, spec, _ in string.Formatter().parse(text) if name and not spec}
    return {k: f"{v:,}" if k in plain and isinstance(v, int) and not isinstance(v, bool) and abs(v) >= GROUPED_FROM
            else v for k, v in kw.items()}


def t(key: str, **kw: Any) -> str:
    """A UI string in the reader's language, formatted with kw (large counts with thousands separators)."""
    text = STRINGS[lang()].get(key) or STRINGS["zh"].get(key) or key
    if not kw:
        return text
    text = text.format(**_grouped(text, kw))
    return _ONE.sub(lambda m: f"1 {m[1]}{'y' if m[2] == 'ies' else ''}", text) if lang() == "en" else text


def label(group: str, code: Any) -> str:
    """The name of a code (doc kind, 三公 item, rule id, column …) in the reader's language."""
    if code is None:
        return t("missing")
    table = LABELS[lang()].get(group, {})
    if str(code) in table:
        return table[str(code)]
    if lang() == "en" and group == "column":
        return str(code)
    return LABELS["zh"].get(group, {}).get(str(code), str(code))


def word(group: str, code: Any) -> str:
    """A code's name inside a sentence: as `label`, lower case in English (a table's "Budget", a text's "budget")."""
    name = label(group, code)
    return name[:1].lower() + name[1:] if lang() == "en" else name


def labels(group: str) -> dict[str, str]:
    """All names of a group in the reader's language (Chinese where no translation), for polars replace."""
    return {**LABELS["zh"].get(group, {}), **LABELS[lang()].get(group, {})}


def unit() -> str:
    """The amount unit as shown."""
    return "万元" if lang() == "zh" else "10k yuan"


def amount(x: float | None, digits: int = 2, with_unit: bool = True) -> str:
    """An amount in 万元 with thousands separators (— when unknown)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return t("missing")
    text = f"{x:,.{digits}f}"
    return f"{text} {unit()}" if with_unit else text


def pct(x: float | None, digits: int = 1, signed: bool = False) -> str:
    """A fraction as a percentage (0.4786 → 47.9%)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return t("missing")
    return f"{x * 100:+.{digits}f}%" if signed else f"{x * 100:.{digits}f}%"


def paren(text: object) -> str:
    """A parenthetical in the reader's language: （x） in Chinese, " (x)" in English."""
    return f"（{text}）" if lang() == "zh" else f" ({text})"


def joined(items: Any) -> str:
    """Items listed in the reader's language: 、 in Chinese, ", " in English."""
    return ("、" if lang() == "zh" else ", ").join(str(i) for i in items)


def colon() -> str:
    """A label's colon: ： in Chinese, ": " in English."""
    return "：" if lang() == "zh" else ": "


def agency_type_name(kind: str) -> str:
    """A functional agency type (fiscal/peers.py) in the reader's language: 其他（局） → Other (局)."""
    if lang() == "zh":
        return kind
    if kind.startswith("其他"):  # no type matched: grouped by the name's suffix, shown as printed
        return f"Other{paren(kind[2:].strip('（）'))}" if kind[2:] else "Other"
    return label("agency_type", kind)


def years_text(years: list[int]) -> str:
    """A list of years as a compact range text (2021–2023, 2026)."""
    if not years:
        return t("missing")
    years = sorted(set(years))
    runs: list[list[int]] = [[years[0], years[0]]]
    for y in years[1:]:
        if y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)
