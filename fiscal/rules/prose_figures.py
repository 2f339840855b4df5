"""The figures a prose sentence compares, read from its own text: growth over last year, shares of a
stated total, completion rates, and the comparison words (增加/减少/持平, 大于/小于/等于) between
two stated figures. Used by the rules of fiscal/rules/prose.py; tolerances follow what is printed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fiscal.rules.engine import EPS, wan


def to_wan(num: str, unit: str) -> float:
    value = float(num.replace(",", ""))
    return {"元": value / 10_000, "亿元": value * 10_000}.get(unit, value)


def half_unit(num: str, unit: str = "万元") -> float:
    """Half a unit of the last printed digit of a figure, in 万元 (a printed 0 is exactly nothing)."""
    if float(num.replace(",", "")) == 0:
        return 0.0
    decimals = len(num.split(".")[1]) if "." in num else 0
    return to_wan(str(0.5 * 10 ** -decimals), unit) if unit else 0.5 * 10 ** -decimals


def slack_of(num: str) -> float:
    """What a printed percentage may be off by: 2 units of its last digit (rounding, truncation, the last
    digit moved so that shares add up to 100 %, or a rate taken from unrounded figures)."""
    decimals = len(num.split(".")[1]) if "." in num else 0
    return 2.0 * 10.0 ** -decimals


# ---------------------------------------------------------------- figures a sentence compares

# A printed figure: thousands separators only in groups of three, never starting inside another number
# ("4125.49,4143.91万元" is two figures, not 494143.91; "461,49" is conversion noise, not read).
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
NUMBER = r"(?<![\d.,])(" + DIGITS + ")"
_NUM = NUMBER + r"(亿元|万元|元)"
_AMT = re.compile(_NUM)
_UP, _DOWN = ("增加", "增长", "上升", "提高"), ("减少", "下降", "降低", "减")
_DIR = r"(增加|增长|上升|提高|减少|下降|降低|持平|基本持平)"
# 比2025年预算执行数增加17.62% / 比上年减少1.07%
_GROWTH = re.compile(r"(?:比|较|与)[^,;。%]{0,20}?(?:相比,?)?" + _DIR + r"(?:了)?(?:(\d+(?:\.\d+)?)%)?")
# 增加2.55万元,增长1.40%
_CHANGE = re.compile(r"(增加|减少)了?" + _NUM + r",?(?:同比)?(增长|下降|上升|降低|增加|减少|增幅|降幅)(?:了|为)?"
                     r"(\d+(?:\.\d+)?)%")
_RISE = ("增长", "上升", "增加", "增幅")
# between a figure and a change: the change is of a part or a cause of it, not of the figure
_OTHER_SUBJECT = re.compile(r"其中|主要(?!用于)")
# T万元,其中: … X万元,占Z%
_SHARE_HEAD = re.compile(_NUM + r"[,]?(?:其中:?|主要用于[^:;。]{0,10}:)")
_SHARE_ITEM = re.compile(_NUM + r",?\(?占(?:比)?(?:为)?(\d+(?:\.\d+)?)%")
# 年初预算为A万元,支出决算为B万元(,完成年初预算的Z%)
_EXEC = re.compile(r"预算(?:数)?(?:为|是)?" + _NUM + r",(?:支出)?决算(?:数)?(?:为|是)?" + _NUM
                   + r"(?:,(?:完成|为|占)(?:年初|全年|调整后?)?预算(?:数)?的?(\d+(?:\.\d+)?)%)?")
_VERDICT = re.compile(r"决算数?(?:(大于|小于|等于|高于|低于)(?:年初)?预算数?"
                      r"|与(?:年初)?预算数?(基本持平|持平|基本一致|一致|相等|相同))")
_IMPOSSIBLE = re.compile(_NUM + r",(?:比|较|与)[^,;。%]{0,20}?(?:相比,?)?(增加|增长)" + _NUM)


# 上年结转/年初结余… name a fund, not the year a figure belongs to
_CARRIED = re.compile(r"(?:上年|年初|以前年度)(?:结转|结余)")


def _year_in(label: str) -> int | None:
    """The year a figure's label names: the year printed, 0 for 上年/去年, None when it names none."""
    label = _CARRIED.sub("", label)
    m = re.search(r"((?:19|20)\d{2})年", label)
    return int(m[1]) if m else (0 if re.search(r"上年|去年|上一年", label) else None)


def growth_pairs(text: str) -> Iterator[dict[str, Any]]:
    """Sentences stating a prior and a current figure, then 比…增加/减少 (Z%): prior, current, word, pct."""
    for m in _GROWTH.finditer(text):
        head = text[:m.start()]
        clause_start = max(head.rfind(";"), head.rfind("。")) + 1
        amounts = list(_AMT.finditer(head, clause_start))
        if len(amounts) != 2:
            continue
        a, b = amounts
        label_a, label_b = head[max(clause_start, a.start() - 16):a.start()], head[a.end():b.start()]
        ya, yb = _year_in(label_a), _year_in(label_b)
        if ya is None or yb is None or not (ya < yb or (ya == 0 and yb != 0)):
            continue  # not clearly "earlier year's figure, then this year's"
        yield {"prior": a, "current": b, "word": m[1], "pct": m[2], "match": m}


# "431万元，比上年累计支出433万元减少2万元，下降0.46%" / "1969万元，较2024年的2190万元减少221万元" /
# "2.05万元，较上年2.08减少0.03万元，减少了1.44%": this year's figure, then last year's after 比/较
_INLINE = re.compile(_NUM + r",?(?:同口径)?(?:比|较|与)(?:上年|去年|上一年|(?:19|20)\d{2}年度?)(?:同期)?"
                     r"(?:(?!增加|减少|增长|下降|上升|降低|持平)[^,;。%\d]){0,8}?"
                     + NUMBER + r"(亿元|万元|元)?(?:相比)?,?"
                     r"(增加|减少|增长|下降|上升|降低)了?(?:" + _NUM + r")?"
                     r"(?:,?(?:同比)?(增长|下降|上升|降低|增加|减少)?了?(\d+(?:\.\d+)?)%)?")


def _budget_named(text: str) -> str | None:
    """Which budget a label names: 年初 (initial), 全年/调整 (adjusted), or None when it does not say."""
    if "年初" in text:
        return "年初"
    return "调整" if re.search(r"全年|调整", text) else None


# a completion rate, then in the same clause run (no ; or 其中 between) the verdict on the same budget
_RATE_VERDICT = re.compile(r"完成(?:年初)?预算(?:数)?的?(?P<rate>\d+(?:\.\d+)?)%(?:(?!其中)[^;。%]){0,6}?"
                           r"决算数?(?:(?P<word>大于|小于|高于|低于)(?:年初)?预算数?"
                           r"|与(?:年初)?预算数?(?P<same>基本持平|持平|基本一致|一致|相等|相同))")


_CHANGED_BY = re.compile(r"(?:增加|减少|增长|下降|上升|降低|节约|超支)了?$")


def inline_priors(text: str) -> Iterator[dict[str, Any]]:
    """This year's figure compared with last year's printed after 比/较: current, prior (万元), their rounding,
    the word(s), the printed change and rate. A change that disagrees with the two figures leaves the rate alone."""
    for m in _INLINE.finditer(text):
        if _CHANGED_BY.search(text, 0, m.start()):
            continue  # "比预算减少1485.38万元，比2013年度决算数…减少…": that figure is a change
        (cn, cu), pn, word = m.group(1, 2), m[3], m[5]
        pu = m[4] or cu  # "较上年2.08减少0.03万元": last year's figure in this year's unit
        current, prior = to_wan(cn, cu), to_wan(pn, pu)
        ec, ep = half_unit(cn, cu), half_unit(pn, pu)
        change_fits = m[6] is None or abs(abs(current - prior) - to_wan(m[6], m[7])) <= ec + ep + half_unit(m[6], m[7])
        yield {"current": current, "prior": prior, "ec": ec, "ep": ep, "word": word, "rate_word": m[8],
               "pct": m[9], "change_fits": change_fits, "span": m.span(),
               "clause": text[_clause_start(text, m.start()):m.end()]}


def _growth_interval(prior: float, current: float, ep: float, ec: float) -> tuple[float, float]:
    """The growth rates (in %) the printed figures allow, given their rounding."""
    values = [((c - p) / p) * 100 for p in (prior - ep, prior + ep) for c in (current - ec, current + ec) if p > 0]
    return min(values), max(values)


def _ratio_interval(part: float, whole: float, ep: float, ew: float) -> tuple[float, float]:
    values = [(x / w) * 100 for x in (part - ep, part + ep) for w in (whole - ew, whole + ew) if w > 0]
    return min(values), max(values)


def _off(printed: str, interval: tuple[float, float], rounded: bool = False) -> float | None:
    """How far a printed percentage lies outside the interval its figures allow (None: within rounding).
    `rounded`: a whole-number growth rate is the rate rounded (30% is 29.5–30.5), nothing looser."""
    value, slack = float(printed), slack_of(printed)
    if rounded and "." not in printed:
        slack = 0.5 + 1e-9
    lo, hi = interval
    if lo - slack <= value <= hi + slack:
        return None
    return value - (lo + hi) / 2


def _prior_change(pn: str, pu: str, m: re.Match[str]) -> list[dict[str, Any]]:
    """增长 Z% after a stated prior figure P and change D: Z = D ÷ P."""
    prior, change = to_wan(pn, pu), to_wan(m[2], m[3])
    if prior <= 0:
        return []
    off = _off(m[5], _ratio_interval(change, prior, half_unit(m[2], m[3]), half_unit(pn, pu)))
    if off is None:
        return []
    return [{"kind": "增减幅度", "printed": float(m[5]), "computed": round(change / prior * 100, 2),
             "figures": {"上年": prior, "增减额": change}, "formula": f"{wan(change)} ÷ {wan(prior)}"}]


_LAST_AMOUNT = re.compile(_NUM + r"。?$")
_CONTINUED_SHARE = re.compile(r"^[^,;。:%\d]{1,30}?" + _NUM + r",?占(?:比)?\d")


def share_head(text: str, context: str | None) -> str | None:
    """The sentence whose "T万元，其中：" a share sentence continues: 其中：基本支出X万元，占a%。项目支出Y万元，占b%。
    (`context`: the head carried so far over adjacent sentences; None when the chain broke)."""
    if _SHARE_HEAD.search(text):
        return text
    return context if context and _CONTINUED_SHARE.match(text) else None


def percentage_checks(text: str, previous: str | None, year: int | None = None,
                      head_text: str | None = None) -> list[dict[str, Any]]:
    """Each percentage of the sentence its own figures contradict beyond the printed rounding."""
    out = []
    for g in growth_pairs(text):
        if not g["pct"] or g["word"] not in _UP + _DOWN:
            continue
        (pn, pu), (cn, cu) = g["prior"].groups(), g["current"].groups()
        prior, current = to_wan(pn, pu), to_wan(cn, cu)
        if prior <= 0:
            continue  # growth from nothing: documents print 100% by convention
        lo, hi = _growth_interval(prior, current, half_unit(pn, pu), half_unit(cn, cu))
        near, far = sorted((abs(lo), abs(hi)))
        off = _off(g["pct"], (near, far) if lo * hi > 0 else (0.0, far))
        if off is not None:
            out.append({"kind": "增长率", "printed": float(g["pct"]),
                        "computed": round((current - prior) / prior * 100, 2),
                        "figures": {"上年": prior, "本年": current},
                        "formula": f"({wan(current)} − {wan(prior)}) ÷ {wan(prior)}"})
    for g in inline_priors(text):
        if not g["pct"] or g["prior"] <= 0 or not g["change_fits"]:
            continue
        lo, hi = _growth_interval(g["prior"], g["current"], g["ep"], g["ec"])
        near, far = sorted((abs(lo), abs(hi)))
        if _off(g["pct"], (near, far) if lo * hi > 0 else (0.0, far)) is not None:
            rate = (g["current"] - g["prior"]) / g["prior"] * 100
            said_down = (g["rate_word"] or g["word"]) in _DOWN
            out.append({"kind": "增减幅度", "printed": float(g["pct"]),
                        "computed": round(abs(rate) if said_down == (rate < 0) else rate, 2),
                        "figures": {"上年": g["prior"], "本年": g["current"]}, "clause": g["clause"],
                        "formula": f"({wan(g['current'])} − {wan(g['prior'])}) ÷ {wan(g['prior'])}"})
    for m in _CHANGE.finditer(text):
        head = text[:m.start()]
        # the figure of its own clause ("…；公务接待费4万元，较上年减少3万元，下降42.86%"), else the sentence's
        own = list(_AMT.finditer(head, head.rfind(";") + 1))
        amounts = own if len(own) == 1 else list(_AMT.finditer(head))
        base_text = head
        if not amounts and previous and re.match(r"^(?:与|比|较)", text):
            amounts, base_text = list(_AMT.finditer(previous)), previous
        if len(amounts) != 1:
            continue  # the figure that changed is not unambiguous
        if base_text is head and _OTHER_SUBJECT.search(head, amounts[0].end()):
            continue  # "X万元，其中：Y增加…" / "主要是Y增加…": the change is Y's, not X's
        if _CHANGED_BY.search(base_text, 0, amounts[0].start()):
            continue  # "比预算减少10万元，比上年增加30万元，增长…": the figure before is itself a change
        cn, cu = amounts[0].groups()
        current, change = to_wan(cn, cu), to_wan(m[2], m[3])
        if (m[1] == "增加") != (m[4] in _RISE):
            continue  # comparison_wording_wrong's business
        at = amounts[0].start()  # the words naming the figure, within its clause
        label = base_text[max(_clause_start(base_text, at), at - 24):at]
        said = _year_in(label)
        if said is not None and (said == 0 or (year and said < year)):
            # the figure stated is last year's (（2016年度…为8,648.07万元），增加498.72万元)
            out.extend(_prior_change(cn, cu, m))
            continue
        prior = current - change if m[1] == "增加" else current + change
        if prior <= 0:
            continue
        e_c, e_d = half_unit(cn, cu), half_unit(m[2], m[3])
        values = [d / (c - d if m[1] == "增加" else c + d) * 100 for c in (current - e_c, current + e_c)
                  for d in (change - e_d, change + e_d) if (c - d if m[1] == "增加" else c + d) > 0]
        if not values:
            continue
        off = _off(m[5], (min(values), max(values)), rounded=True)
        if off is not None:
            out.append({"kind": "增减幅度", "printed": float(m[5]), "computed": round(change / prior * 100, 2),
                        "figures": {"本年": current, "增减额": change, "上年": round(prior, 2)},
                        "formula": f"{wan(change)} ÷ {wan(prior)}",
                        "base_sentence": base_text if base_text is previous else None})
    share, items_from = _SHARE_HEAD.search(text), 0
    if share:
        items_from = share.end()
    elif head_text and _CONTINUED_SHARE.match(text):  # the total is in the sentence before
        share = _SHARE_HEAD.search(head_text)
    elif previous and text.startswith("其中") and len(_AMT.findall(previous)) == 1:
        share = _LAST_AMOUNT.search(previous)  # "…合计4143.91万元。" then "其中：…": that one figure
        items_from = 2
    if share:
        tn, tu = share.group(1), share.group(2)
        total = to_wan(tn, tu)
        nested = text.find("其中", items_from)  # a breakdown of a part: its shares are of that part
        for m in _SHARE_ITEM.finditer(text, items_from, nested if nested >= 0 else len(text)):
            xn, xu = m.group(1), m.group(2)
            part = to_wan(xn, xu)
            if total <= 0 or part > total + half_unit(tn, tu):
                continue
            off = _off(m.group(3), _ratio_interval(part, total, half_unit(xn, xu), half_unit(tn, tu)))
            if off is not None:
                out.append({"kind": "占比", "printed": float(m.group(3)), "computed": round(part / total * 100, 2),
                            "figures": {"部分": part, "合计": total}, "formula": f"{wan(part)} ÷ {wan(total)}",
                            "clause": f"{share[0]}…{m[0]}"})
    for m in _EXEC.finditer(text):
        if not m.group(5) or _budget_named(text[max(0, m.start() - 3):m.start()]) not in (
                _budget_named(m[0][m[0].rfind(","):]), None):
            continue  # 调整预算数为A…完成年初预算的Z%: the rate is of another budget than the one printed
        (an, au), (bn, bu) = (m.group(1), m.group(2)), (m.group(3), m.group(4))
        budget, actual = to_wan(an, au), to_wan(bn, bu)
        if budget <= 0:
            continue
        off = _off(m.group(5), _ratio_interval(actual, budget, half_unit(bn, bu), half_unit(an, au)))
        if off is not None:
            out.append({"kind": "完成率", "printed": float(m.group(5)), "computed": round(actual / budget * 100, 2),
                        "figures": {"预算": budget, "决算": actual}, "formula": f"{wan(actual)} ÷ {wan(budget)}"})
    return out


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
    for m in _CHANGE.finditer(text):
        if (m[1] == "增加") != (m[4] in _RISE):  # 减少13.46万元,增长80.74%: one comparison, two directions
            flagged.append(m.start())
            out.append({"word": m[1], "first": None, "second": None, "change": to_wan(m[2], m[3]), "pct": float(m[5]),
                        "rate_word": m[4], "labels": ["增减额", "增减幅度"], "actual": "方向矛盾",
                        "clause": text[_clause_start(text, m.start()):m.end()]})
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


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding position `at` starts (after the last , ; : or 。 before it)."""
    return max(text.rfind(c, 0, at) for c in ";,。:") + 1
