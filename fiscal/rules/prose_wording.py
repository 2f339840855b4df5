"""The comparison words of a prose sentence (增加/减少/持平, 大于/小于/等于, 上升/下降) checked against the two figures
they compare, read from the sentence's own text (fiscal/rules/prose_figures.py reads the figures); used by
comparison_wording_wrong (fiscal/rules/prose.py)."""

from __future__ import annotations

import re
from typing import Any

from fiscal.rules.engine import EPS
from fiscal.rules.prose_figures import (
    _CHANGED_BY,
    _DOWN,
    _EXEC,
    _NUM,
    _RISE,
    _UP,
    _clause_start,
    _off,
    _year_in,
    change_rates,
    changed_figure,
    changes,
    growth_pairs,
    half_unit,
    inline_priors,
    slack_of,
    to_wan,
)

_VERDICT = re.compile(r"决算数?(?:(大于|小于|等于|高于|低于)(?:年初)?预算数?"
                      r"|与(?:年初)?预算数?(基本持平|持平|基本一致|一致|相等|相同))")
_IMPOSSIBLE = re.compile(_NUM + r",(?:比|较|与)[^,;。%]{0,20}?(?:相比,?)?(增加|增长)" + _NUM)
# a completion rate, then in the same clause run (no ; or 其中 between) the verdict on the same budget
_RATE_VERDICT = re.compile(r"完成(?:年初)?预算(?:数)?的?(?P<rate>\d+(?:\.\d+)?)%(?:(?!其中)[^;。%]){0,6}?"
                           r"决算数?(?:(?P<word>大于|小于|高于|低于)(?:年初)?预算数?"
                           r"|与(?:年初)?预算数?(?P<same>基本持平|持平|基本一致|一致|相等|相同))")


def _relation(a: float, b: float, ea: float, eb: float) -> str:
    """How b compares with a as printed: 'up', 'down' or 'equal' (within their rounding)."""
    if abs(b - a) < EPS or abs(b - a) <= ea + eb:
        return "equal"
    return "up" if b > a else "down"


def _wording_conflict(word: str, a: float, b: float, ea: float, eb: float) -> bool:
    """Does the word contradict b against a? Vague 基本持平 allows 10 %, 持平 1 %."""
    rel = _relation(a, b, ea, eb)
    if word in _UP + ("大于", "高于"):
        return rel != "up"
    if word in _DOWN + ("小于", "低于"):
        return rel != "down"
    if word in ("等于", "相等", "相同"):
        return rel != "equal"
    limit = 0.10 if word.startswith("基本") else 0.01
    return rel != "equal" and abs(b - a) > limit * max(abs(a), abs(b))


_WORDS = {"up": "增加", "down": "减少", "equal": "持平"}


def wording_checks(text: str, previous: str | None) -> list[dict[str, Any]]:
    """Each comparison word of the sentence that its own two figures contradict."""
    out = []
    for g in growth_pairs(text):
        (pn, pu), (cn, cu) = g["prior"].groups(), g["current"].groups()
        prior, current = to_wan(pn, pu), to_wan(cn, cu)
        if _wording_conflict(g["word"], prior, current, half_unit(pn, pu), half_unit(cn, cu)):
            out.append({"word": g["word"], "first": prior, "second": current, "labels": ["上年", "本年"],
                        "actual": _WORDS[_relation(prior, current, half_unit(pn, pu), half_unit(cn, cu))]})
    for v in _VERDICT.finditer(text):
        word = v[1] or v[2]
        pairs = list(_EXEC.finditer(text[:v.start()])) or (list(_EXEC.finditer(previous)) if previous else [])
        if len(pairs) != 1:
            continue
        m = pairs[-1]
        budget, actual = to_wan(m[1], m[2]), to_wan(m[3], m[4])
        if _wording_conflict(word, budget, actual, half_unit(m[1], m[2]), half_unit(m[3], m[4])):
            out.append({"word": f"决算数{word}预算数" if v[1] else f"决算数与预算数{word}", "first": budget,
                        "second": actual, "labels": ["预算", "决算"],
                        "actual": _WORDS[_relation(budget, actual, half_unit(m[1], m[2]), half_unit(m[3], m[4]))]})
    flagged = []
    said = any(c["labels"] == ["预算", "决算"] for c in out)  # the verdict against its two figures, said already
    for m in _RATE_VERDICT.finditer(text if not said else ""):  # 完成年初预算的95%，决算数大于预算数
        word, rate, slack = m["word"] or m["same"], float(m["rate"]), slack_of(m["rate"])
        over, under = rate - slack > 100, rate + slack < 100
        if (over or under) and _wording_conflict(word, 100.0, 100.0 + (1 if over else -1), 0.0, 0.0):
            out.append({"word": word, "rate_verdict": True, "pct": rate, "labels": ["完成率", "比较用语"],
                        "first": None, "second": None, "actual": "大于" if over else "小于",
                        "clause": m[0]})
    for m in changes(text):
        if (m[1] in _UP) != (m[4] in _RISE):  # 减少13.46万元,增长80.74%: one comparison, two directions
            flagged.append(m.start())
            out.append({"word": m[1], "first": None, "second": None, "change": to_wan(m[2], m[3]), "pct": float(m[5]),
                        "rate_word": m[4], "labels": ["增减额", "增减幅度"], "actual": "方向矛盾",
                        "clause": text[_clause_start(text, m.start()):m.end()]})
        elif (turned := reversed_change(text, m, previous)) is not None:
            flagged.append(m.start())
            out.append(turned)
    for m in _IMPOSSIBLE.finditer(text):
        if _CHANGED_BY.search(text, 0, m.start()):
            continue  # "比预算减少10万元，比上年增加30万元": the first figure is a change, not this year's
        current, change = to_wan(m[1], m[2]), to_wan(m[4], m[5])
        if change > current + half_unit(m[1], m[2]) + half_unit(m[4], m[5]):
            flagged.append(m.start())
            out.append({"word": m[3], "first": None, "second": current, "change": change, "labels": ["上年", "本年"],
                        "actual": "上年须为负数", "clause": text[_clause_start(text, m.start()):m.end()]})
    for g in inline_priors(text):
        if any(g["span"][0] <= at < g["span"][1] for at in flagged) or not g["change_fits"]:
            continue  # said once already; or a change that fits neither direction: something is misread
        for word in filter(None, (g["word"], g["rate_word"])):
            if _wording_conflict(word, g["prior"], g["current"], g["ep"], g["ec"]):
                out.append({"word": word, "first": g["prior"], "second": g["current"], "labels": ["上年", "本年"],
                            "actual": _WORDS[_relation(g["prior"], g["current"], g["ep"], g["ec"])],
                            "clause": g["clause"]})
                break
    return out


def reversed_change(text: str, m: re.Match[str], previous: str | None) -> dict[str, Any] | None:
    """增加X万元，增长Z% whose rate Z fits only the change the other way (“2.22万元，比上年增加1.06万元，增长32.32%”:
    1.06 ÷ (2.22 + 1.06) = 32.32 %, a fall): the words are the slip, not the rate (None otherwise)."""
    subject = changed_figure(text, m, previous)
    if subject is None:
        return None
    amount, base_text = subject
    at = amount.start()
    if _year_in(base_text[max(_clause_start(base_text, at), at - 24):at]) == 0:
        return None  # the figure stated is last year's: the rate is percentage_misstated's to judge
    (cn, cu), rise = amount.groups(), m[1] in _UP
    said_way, other_way = change_rates(cn, cu, m, rise), change_rates(cn, cu, m, not rise)
    if said_way is None or other_way is None or _off(m[5], said_way, rounded=True) is None \
            or _off(m[5], other_way, rounded=True) is not None:
        return None
    current, change = to_wan(cn, cu), to_wan(m[2], m[3])
    return {"word": m[1], "rate_word": m[4], "reversed": True, "first": round(current - change if not rise
                                                                             else current + change, 2),
            "second": current, "change": change, "pct": float(m[5]), "labels": ["上年", "本年"],
            "actual": "减少" if rise else "增加", "clause": text[_clause_start(text, at):m.end()]}
