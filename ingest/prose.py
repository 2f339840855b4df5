"""Figures stated in the narrative (情况说明), read where no table gives them.

Some budgets publish the 三公 figures only in prose (or in a separate tables PDF):
"因公出国（境）费支出 76 万元 … 公务接待费支出 443.50 万元". These rows carry
source = "prose" (or "prose_sum" for a total added up from stated items), so a
reader knows they were not read from a table.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.model import DocMeta, ParseResult

_NUM = r"(\d[\d,]*(?:\.\d+)?)\s*万元"
SANGONG_PATTERNS: dict[str, re.Pattern[str]] = {
    "total": re.compile(r"“?三公”?经费(?:财政拨款)?(?:预算数|预算支出数?|支出预算为?|预算为|预算安排)(?:为|是)?\s*" + _NUM),
    "overseas": re.compile(r"因公出国[(（]境[)）]费用?(?:预算)?支出(?:数)?(?:为)?\s*" + _NUM),
    "vehicle_total": re.compile(r"公务用车购置(?:费)?及运行(?:维护)?费(?:预算)?支出(?:数)?(?:为)?\s*" + _NUM),
    "vehicle_purchase": re.compile(r"公务用车购置(?:费|预算支出数|预算支出|预算)(?:为)?\s*" + _NUM),
    "vehicle_operation": re.compile(r"公务用车运行(?:维护)?费(?:预算支出|预算)?(?:为)?\s*" + _NUM),
    "reception": re.compile(r"公务接待费(?:预算)?支出(?:数)?(?:为)?\s*" + _NUM),
}


def _flatten(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\r", "")
    text = text.replace('"', "“")
    # Line breaks and page furniture inside a sentence ("156.60 万元,19占").
    return re.sub(r"\s*\n\s*", "", text)


def sangong_from_prose(page_texts: list[str]) -> dict[str, tuple[float, int]]:
    """item → (amount 万元, page) for the 三公 figures a budget's narrative states."""
    found: dict[str, tuple[float, int]] = {}
    for number, text in enumerate(page_texts, start=1):
        flat = _flatten(text)
        if "三公" not in flat and not found:
            continue
        for item, pattern in SANGONG_PATTERNS.items():
            if item in found:
                continue
            m = pattern.search(flat)
            if m:
                found[item] = (float(m.group(1).replace(",", "")), number)
    return found


def parse(page_texts: list[str], doc: DocMeta, result: ParseResult) -> None:
    """Add prose 三公 rows to a budget that has no 三公 table."""
    if doc.doc_kind != "budget" or result.frames.get("sangong"):
        return
    found = sangong_from_prose(page_texts)
    if not found:
        return
    rows = [
        {**doc.common(page), "stage": "budget", "item": item, "amount": round(amount, 2), "source": "prose"}
        for item, (amount, page) in found.items()
    ]
    parts = ("overseas", "vehicle_total", "reception")
    if "total" not in found and all(p in found for p in parts):
        page = min(found[p][1] for p in parts)
        total = round(sum(found[p][0] for p in parts), 2)
        rows.append({**doc.common(page), "stage": "budget", "item": "total", "amount": total, "source": "prose_sum"})
    result.add("sangong", rows)
