"""Growth rates the prose prints without the figures they compare — "收、支总计均较上年增长0.31%", "与上年相比，收入总计
增长0.3%" — checked when the document states both years of that total: this year's as its narrative figure (the
first statement, ingest/narrative.py) and last year's in a sentence naming that year or 上年 ("（说明：2021年度收入
总计14,639,500.00元…）"). A total whose last year the document does not state is not checked. Used by
percentage_misstated (fiscal/rules/prose.py)."""

from __future__ import annotations

import re
from typing import Any

from fiscal.rules.engine import wan
from fiscal.rules.prose_figures import DIGITS, _growth_interval, _off, half_unit, to_wan

# the totals a rate may name, by the words naming them (folded text) → narrative key
SUBJECTS: dict[str, str] = {
    "fiscal_grand_total": r"财政拨款收(?:入)?[、,]?支(?:出)?(?:决算|预算)?总计",
    "grand_total": r"(?<!拨款)(?<!拨款收入)(?<!拨款收)(?:收(?:入)?[、,]?支(?:出)?|收入|支出)(?:决算|预算)?总计",
    "income_total": r"(?<![拨款算他业营缴助金])收入(?:决算|预算)?合计",
    "expenditure_total": r"(?<![拨款算本目营助级])支出(?:决算|预算)?合计",
}
_VERSUS = r"(?:较上年|比上年|同比|与上年相比,?|较上年度|比上年度)"
_RATE = r"(?P<dir>增长|下降|上升|降低)(?:了|幅度为|率为)?(?P<pct>\d+(?:\.\d+)?)%"
_FIGURE = rf"(?:(?:均为|各为|为|是)?(?P<num>{DIGITS})(?P<unit>亿元|万元|元))?"


def _patterns(words: str) -> tuple[re.Pattern[str], ...]:
    """The total then its rate (收、支总计均较上年增长Z%), or the comparison first (与上年相比，收入总计增长Z%) —
    no change amount between (a change amount is prose_figures' reading)."""
    return (re.compile(rf"(?P<subject>{words}){_FIGURE},?[^,;。\d%]{{0,4}}?{_VERSUS}[^,;。\d%]{{0,4}}?{_RATE}"),
            re.compile(rf"{_VERSUS}(?P<subject>{words})[^,;。\d%]{{0,4}}?{_RATE}"))


_COMPILED = {key: _patterns(words) for key, words in SUBJECTS.items()}


def _prior(texts: list[str], words: str, year: int | None) -> tuple[str, str] | None:
    """Last year's figure of a total as the document states it (the number and unit printed), None when it states
    none or several different ones."""
    said = rf"(?:(?:{year - 1}年度?|上年度?|去年)" if year else r"(?:(?:上年度?|去年)"
    pattern = re.compile(said + rf"(?:(?!拨款)[^。;,\d%]){{0,6}}?)(?:{words})(?:决算数|数)?(?:均为|各为|为|是)?"
                         rf"(?P<num>{DIGITS})(?P<unit>亿元|万元|元)")
    found = {(m["num"], m["unit"]) for t in texts for m in pattern.finditer(t)}
    values = {round(to_wan(*f), 2) for f in found}
    return next(iter(found)) if len(values) == 1 else None


def bare_rate_checks(text: str, texts: list[str], stated: dict[str, tuple[float, str | None]],
                     year: int | None) -> list[dict[str, Any]]:
    """Each rate of a total in the sentence `text` that the document's two years of that total do not give.
    `texts`: the document's sentences (folded); `stated`: narrative key → (this year's figure, unit printed)."""
    out = []
    for key, patterns in _COMPILED.items():
        for pattern in patterns:
            for m in pattern.finditer(text):
                prior = _prior(texts, SUBJECTS[key], year)
                if prior is None or (key not in stated and not m.groupdict().get("num")):
                    continue
                if m.groupdict().get("num"):
                    current, ec = to_wan(m["num"], m["unit"]), half_unit(m["num"], m["unit"])
                else:
                    current, ec = stated[key][0], 0.005
                last, ep = to_wan(*prior), half_unit(*prior)
                if last <= 0:
                    continue
                lo, hi = _growth_interval(last, current, ep, ec)
                fall = m["dir"] in ("下降", "降低")
                if (hi < 0 and not fall) or (lo > 0 and fall):
                    continue  # the direction contradicted: a word's slip, not a rate's
                near, far = sorted((abs(lo), abs(hi)))
                if _off(m["pct"], (near, far) if lo * hi > 0 else (0.0, far)) is None:
                    continue
                out.append({"kind": "增长率", "printed": float(m["pct"]),
                            "computed": round((current - last) / last * 100, 2),
                            "figures": {"上年": last, "本年": current}, "clause": m[0],
                            "formula": f"({wan(current)} − {wan(last)}) ÷ {wan(last)}"})
    return out
