"""三公 figures an OCR'd narrative states, proven by the shares it states beside them.

A budget's prose says "因公出国（境）费支出 76 万元，占“三公”经费的 11.24%；公务用车购置及运行维护费支出 156.60
万元，占 23.16%；公务接待费支出 443.50 万元，占 65.60%". Read by OCR, any of those figures may be misread
(443.50 read 4435). The three parts and their three printed shares are four independent statements: when each
part is its share of the parts' sum (to the share's printed rounding) and the shares make 100%, no single
misread digit can have slipped through, and the parts — with their sum, and a 购置 + 运行 pair that adds up to the
车辆 figure so proven — count as read (`complete`). One part that breaks them (公务接待费支出 3975 万元, 占 60.22%)
is read as the one other reading of it (a lost point, one confusable digit: ocr_proof.candidates) that makes all
four statements true, when exactly one does. Anything else stays `partial`, as OCR'd prose is.
"""

from __future__ import annotations

import re
from typing import Any

# Where a part's printed share stands: right after its amount, before the next statement.
SHARE_WINDOW = 40
# A share printed with 2 decimals is its exact value rounded: within half a unit of its last place, plus slack
# for a share computed from unrounded 元.
SHARE_TOLERANCE = 0.011
# The printed shares of the three parts add up to 100% within their rounding.
SHARES_TOTAL_TOLERANCE = 0.03
_SHARE = re.compile(r"(\d{1,3}(?:\.\d{1,2})?)\s*[%％]")
PARTS = ("overseas", "vehicle_total", "reception")
EPS = 0.005


def _share_after(flat: str, amount: float) -> float | None:
    """The share printed right after `amount` (… 万元，占“三公”经费的 11.24%) where the text first gives one before
    its next amount; None when it gives none."""
    whole, _, cents = f"{amount:.2f}".partition(".")
    cents = cents.rstrip("0")
    number = re.escape(whole) + (rf"\.{cents}0?" if cents else r"(?:\.0{1,2})?")
    for m in re.finditer(rf"(?<![\d.,]){number}(?![\d])\s*万", flat):
        window = flat[m.end(): m.end() + SHARE_WINDOW]
        window = window[: window.find("万")] if "万" in window else window
        if (s := _SHARE.search(window)) is not None:
            return float(s.group(1))
    return None


def _fits(amounts: dict[str, float], shares: dict[str, float]) -> bool:
    """Whether each part is its printed share of the parts' sum."""
    whole = sum(amounts.values())
    return whole > 0 and all(abs(100.0 * amounts[p] / whole - shares[p]) <= SHARE_TOLERANCE for p in PARTS)


def _readings(amount: float) -> list[float]:
    """Other readings of an OCR'd prose amount: ocr_proof.candidates, and a whole amount's lost point anywhere."""
    from ingest.ocr_proof import candidates

    text = f"{amount:.2f}".rstrip("0").rstrip(".")
    out = [float(c.replace(",", "")) for c in candidates(text)]
    if "." not in text and len(text) >= 3:
        out += [float(f"{text[:k]}.{text[k:]}") for k in range(len(text) - 2, len(text))]
    return [x for x in dict.fromkeys(out) if abs(x - amount) > EPS]


def _fit(amounts: dict[str, float], shares: dict[str, float]) -> dict[str, float] | None:
    """The amounts as read when they fit the shares; else the one reading with one part read otherwise that fits
    them, when exactly one does; else None."""
    if _fits(amounts, shares):
        return amounts
    fits = [{**amounts, p: x} for p in PARTS for x in _readings(amounts[p]) if _fits({**amounts, p: x}, shares)]
    return fits[0] if len(fits) == 1 else None


def prove_sangong(rows: list[dict[str, Any]], texts: list[str]) -> int:
    """Mark `complete` the prose 三公 rows (source prose/prose_sum, one document) whose figures the printed shares
    prove; the number of rows so marked. Rows of tables and unproven rows are left as they are."""
    from ingest.prose import _flatten

    prose = [r for r in rows if r.get("source") in ("prose", "prose_sum") and r.get("stage") == "budget"]
    by_item = {r["item"]: r for r in prose if r.get("source") == "prose"}
    if not all(p in by_item for p in PARTS):
        return 0
    amounts = {p: float(by_item[p]["amount"]) for p in PARTS}
    whole = sum(amounts.values())
    if whole <= 0:
        return 0
    pages = sorted({int(by_item[p]["page"]) for p in PARTS})
    # the statements with the shares may open the section a page before the items (1. 因公出国 … 2. …)
    flat = "".join(_flatten(texts[n - 1]) for n in range(pages[0] - 1, pages[-1] + 1) if 0 < n <= len(texts))
    shares = {p: _share_after(flat, amounts[p]) for p in PARTS}
    printed = [s for s in shares.values() if s is not None]
    if len(printed) != len(PARTS) or abs(sum(printed) - 100.0) > SHARES_TOTAL_TOLERANCE:
        return 0
    fixed = _fit(amounts, {p: s for p, s in shares.items() if s is not None})
    if fixed is None:
        return 0
    for p, amount in fixed.items():
        if abs(amount - amounts[p]) > EPS:
            by_item[p]["amount"] = amount
    amounts, whole = fixed, round(sum(fixed.values()), 2)
    for r in prose:
        if r.get("source") == "prose_sum" and r["item"] == "total":
            r["amount"] = whole
    proven = [by_item[p] for p in PARTS]
    proven += [r for r in prose if r["item"] == "total" and abs(float(r["amount"]) - whole) <= EPS]
    pair = [by_item.get("vehicle_purchase"), by_item.get("vehicle_operation")]
    if all(r is not None for r in pair) and abs(sum(float(r["amount"]) for r in pair if r is not None)
                                                 - amounts["vehicle_total"]) <= EPS:
        proven += [r for r in pair if r is not None]
    for r in proven:
        r["reading"] = "complete"
    return len(proven)
