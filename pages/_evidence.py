"""A flag's evidence as the reader sees it: named keys, values in 万元 / % / plain years, codes by their names,
documents by their file names, and in English mode the rules' own Chinese words in English (the document's
printed text stays as printed: it is the quotation)."""

from __future__ import annotations

import json
import re
from typing import Any

from pages._i18n import agency_type_name, colon, joined, label, labels, lang, pct, t
from pages._messages import FRACTIONS, shown
from pages._peer_evidence import PEER_FIGURES, fmt, group_name
from pages._peer_evidence import RULE as PEER_RULE

# evidence the message already says (the rate hint's clause, in either language): not repeated in the table
MESSAGE_KEYS = frozenset({"hint", "hint_en"})
# evidence values printed in percentage points (17.62 means 17.62 %), per rule
POINTS: dict[str, frozenset[str]] = {"percentage_misstated": frozenset({"printed", "computed"})}
# evidence values whose code a label group names (the key's own meaning first, then any code the rules use)
CODE_GROUPS: dict[str, str] = {"item": "sangong", "metric": "metric", "series": "stage", "family": "family",
                               "table_name": "family", "key": "figure"}
# evidence values that are the document's own words: never translated
PRINTED_KEYS = frozenset({"word", "text", "clause", "base_sentence", "sentences", "statement", "name", "cover",
                          "check", "project", "reason", "note", "peer_group", "agency_type", "table", "title"})
# what a rule's phrase around a quotation or a year says in English (year_inconsistent's `what` and `expected`)
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d{4})年$"), "ev_year"), (re.compile(r"^截至(\d{4})年末$"), "ev_year_end"),
    (re.compile(r"^(\d{4})年前后$"), "ev_year_around"), (re.compile(r"^(\d{4})年（上年）$"), "ev_year_previous"),
    (re.compile(r"^(标题|日期|比较|实施周期)(“.*”)$"), "ev_quoted"),
)


# evidence values that are years (2,026 is not a year); page numbers are the `page` and `…_page` keys
YEAR_KEYS = frozenset({"year", "document_year", "previous_year", "year_printed"})


def _plain(key: str) -> bool:
    """A year or a page number: shown without a thousands separator."""
    return key in YEAR_KEYS or key == "page" or key.endswith("_page")


def _words(text: str) -> str:
    """A code (high, partial …) by its name; in English mode also a rule's own Chinese word or phrase."""
    named = labels("evidence_value").get(text)
    if named or lang() == "zh":
        return named or text
    for pattern, key in _PHRASES:
        if m := pattern.match(text):
            return f"{_words(m[1])} {m[2]}" if key == "ev_quoted" else t(key, year=m[1])
    return text


def _text(key: str, value: str, names: dict[str, str]) -> str:
    """A string value: a document by its file name, a code by its name, a 类|款|项 path readable."""
    if key.endswith("doc_id"):
        return names.get(value) or f"{value[:12]}…"
    if key in CODE_GROUPS and value in labels(CODE_GROUPS[key]):
        return label(CODE_GROUPS[key], value)
    if key == "status":  # a table's reading: complete / partial / unread, named as on the documents page
        return t(f"doc_status_{value}")
    if "|" in value:  # a functional-class line key: code|类|款|项
        return " › ".join(p for p in value.split("|") if p)
    return value if key in PRINTED_KEYS else _words(value)


def evidence_value(key: str, value: Any, rule: str | None = None, names: dict[str, str] | None = None) -> str:
    """One evidence value as the reader sees it: % for rates, thousands separators, 是/否, — for nothing."""
    if value is None or value == "":
        return t("missing")
    if isinstance(value, bool):
        return ("是" if value else "否") if lang() == "zh" else ("yes" if value else "no")
    if isinstance(value, (int, float)):
        if key in POINTS.get(rule or "", ()):
            return f"{value:,.2f}%"
        if key in FRACTIONS:
            return pct(float(value))
        if _plain(key) and float(value).is_integer():
            return str(int(value))
        return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
    if key == "folded" and isinstance(value, list):  # the flags folded into this one (fiscal.rules.precedence)
        return "；".join(folded(v) for v in value if isinstance(v, dict))
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):  # several checks or figures: one clause each
            return ("；" if lang() == "zh" else "; ").join(
                ("，" if lang() == "zh" else ", ").join(f"{_key(rule, k)} {evidence_value(k, x, rule, names)}"
                                                      for k, x in v.items()) for v in value)
        if all(not isinstance(v, (dict, list)) for v in value):
            shown_values = (label("family", v) if key == "missing" else evidence_value(key, v, rule, names)
                            for v in value)
            return joined(shown_values) or t("missing")
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        parts = (f"{_key(rule, k)} {evidence_value(k, v, rule, names)}" for k, v in value.items())
        return ("；" if lang() == "zh" else "; ").join(parts)
    return _text(key, str(value), names or {})


def _key(rule: str | None, key: str) -> str:
    """An evidence key's name; a rule's own name for it first (reading_incomplete's `table` is a table's title)."""
    return labels("evidence_rule").get(f"{rule}.{key}") or label("evidence", key)


def folded(flag: dict[str, Any]) -> str:
    """A folded flag as the reader sees it: its rule's name and its message, in the reader's language."""
    evidence = json.dumps(flag.get("evidence") or {}, ensure_ascii=False)
    rule = flag.get("rule")
    return f"{label('rule', rule)}{colon()}{shown(rule, flag.get('message'), None, None, evidence)}"


def evidence_items(text: str | None, rule: str | None = None,
                   names: dict[str, str] | None = None) -> list[tuple[str, str]] | None:
    """(label, value) pairs of a flag's JSON evidence; None when it is not a JSON object. `names`: doc_id → file."""
    if not text:
        return []
    try:
        data = json.loads(text)
    except (TypeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    items: list[tuple[str, str]] = []
    for k, v in data.items():
        if k in MESSAGE_KEYS:
            continue
        if rule == PEER_RULE and k in PEER_FIGURES:  # in the metric's own unit (0.078 万元/人, 12.5%), not 0.08
            items.append((_key(rule, k), fmt(data.get("metric"), v)))
            continue
        if rule == PEER_RULE and k in ("peer_group", "agency_type") and isinstance(v, str):  # 湖南省 · Education
            items.append((_key(rule, k), group_name(v) if k == "peer_group" else agency_type_name(v)))
            continue
        if isinstance(v, list) and len(v) > 1 and all(isinstance(x, dict) for x in v):  # several checks: a row each
            items += [(f"{_key(rule, k)} {i}", evidence_value(k, [x], rule, names)) for i, x in enumerate(v, 1)]
        else:
            items.append((_key(rule, k), evidence_value(k, v, rule, names)))
    return items


def evidence_text(text: str | None, rule: str | None = None) -> str | None:
    """A flag's evidence in one line for the table: 全年预算数 10.00 · 执行率 0.0% …"""
    items = evidence_items(text, rule)
    if items is None:
        return text
    return " · ".join(f"{k} {v}" for k, v in items) or None
