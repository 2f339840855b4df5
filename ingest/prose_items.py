"""Figures the prose states per 功能分类 项 (“一般公共服务支出（类）财政事务（款）行政运行（项）。… 年初预算为
1560.05万元，支出决算为1511.89万元”) → ingest/narrative.py's item_amount / item_planned / item_actual rows (value
"code|类|款|项")."""

from __future__ import annotations

import re

from fiscal.rules.lookups import national_codes
from fiscal.rules.prose_years import earlier_before
from ingest.prose import _AMOUNT, _NUM

# ---------------------------------------------------------------- figures stated per 功能分类 项
# "公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元 … 2026年预算安排1672.67万元" (a budget),
# "一般公共服务支出（类）财政事务（款）行政运行（项）。… 年初预算为1560.05万元，支出决算为1511.89万元" (a 决算).
# Rows: key item_amount (the figure right after the 项), item_planned (本年预算安排 X), item_actual (支出决算为 X);
# value = "code|类|款|项" (code as far as printed, e.g. "2040601" or ""), read on NFKC text.

_NAME = r"(?:[^()\d“”\"。;:,、.\s]|\([^()类款项\d]{1,3}\))"
ITEM = re.compile(rf"(?:(?P<c>{_NAME}{{2,20}}?)\((?P<cc>\d{{3}})?类\))?(?P<k>{_NAME}{{2,24}}?)\((?P<kc>\d{{2}})?款\)"
                  rf"(?P<x>{_NAME}{{1,30}}?)\((?P<xc>\d{{2}})?项\)")
_ITEM_AMOUNT = re.compile(r"^[”\"]?(?:科目)?(?:支出)?(?:为|:)?\s*" + _NUM.replace("万元", "(?P<unit>万元|元)")
                          .replace(r"(\d[\d,]*(?:\.\d+)?)", r"(?P<num>\d[\d,]*(?:\.\d+)?)"))
_ITEM_ACTUAL = re.compile(r"支出决算(?:数)?(?:为|是)?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元)")
_ITEM_PLANNED = re.compile(r"(?P<y>\d{4})年预算(?:安排|数)(?:为|是)?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元)")


def item_statements(text: str, doc_kind: str, year: int) -> list[tuple[str, str, int, int, str, str]]:
    """(key, "code|类|款|项", start, end, number, unit) for each figure the prose states for a 项."""
    out = []
    mentions = list(ITEM.finditer(text))
    for i, m in enumerate(mentions):
        code = (m["cc"] or "") + (m["kc"] or "") + (m["xc"] or "") if m["kc"] and m["xc"] else ""
        value = "|".join([code if len(code) == 7 else "", _class_name(m["c"] or ""), m["k"], m["x"]])
        stop = mentions[i + 1].start() if i + 1 < len(mentions) else min(len(text), m.end() + 400)
        segment = text[m.end():stop]
        if a := _ITEM_AMOUNT.match(segment):
            out.append(("item_amount", value, m.start(), m.end() + a.end(), a["num"], a["unit"]))
        key, pattern = ("item_actual", _ITEM_ACTUAL) if doc_kind == "final_account" else ("item_planned", _ITEM_PLANNED)
        if (hit := _own_statement(segment, pattern, year)) is not None:
            out.append((key, value, m.start(), m.end() + hit.end(), hit["num"], hit["unit"]))
    return out


def _class_name(printed: str) -> str:
    """A 类 name as the prose names it, without the heading glued before it in the flat text (“…决算具体情况
    卫生健康支出（类）”: 卫生健康支出): the longest national 类 name (or that name without 支出) it ends with, else as
    printed."""
    names = [n for code, (n, *_rest) in national_codes().items() if len(code) == 3]
    ends = [x for n in names for x in (n, n.removesuffix("支出")) if x and printed.endswith(x)]
    return max(ends, key=len) if ends else printed


def _own_statement(segment: str, pattern: re.Pattern[str], year: int) -> re.Match[str] | None:
    """The item's own 支出决算为 / 本年预算安排 figure: in its first sentence, or in a later one when no
    sentence between states another amount (the figure of the next paragraph is not the item's)."""
    offset = 0
    for i, sentence in enumerate(re.split(r"(?<=[。;])", segment)):
        # not a figure the sentence gives an earlier year (2021年支出决算为 X，2022年支出决算为 Y)
        hit = next((h for h in pattern.finditer(sentence) if ("y" not in h.groupdict() or int(h["y"]) == year)
                    and not earlier_before(sentence, h.start(), year)), None)
        if hit:
            return pattern.match(segment, offset + hit.start())
        if i > 0 and _AMOUNT.search(sentence):
            return None
        offset += len(sentence)
    return None
