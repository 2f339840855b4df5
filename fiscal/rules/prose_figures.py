"""The figures a prose sentence compares, read from its own text: growth over last year, shares of a
stated total, completion rates, and the comparison words (增加/减少/持平, 大于/小于/等于) between
two stated figures. Used by the rules of fiscal/rules/prose.py; tolerances follow what is printed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fiscal.rules.engine import wan
from fiscal.rules.lookups import printed_tolerance


def to_wan(num: str, unit: str) -> float:
    value = float(num.replace(",", ""))
    return {"元": value / 10_000, "亿元": value * 10_000}.get(unit, value)


def half_unit(num: str, unit: str = "万元") -> float:
    """Half a unit of the last printed digit of a figure, in 万元 (a printed 0 is exactly nothing)."""
    if float(num.replace(",", "")) == 0:
        return 0.0
    decimals = len(num.split(".")[1]) if "." in num else 0
    return to_wan(str(0.5 * 10 ** -decimals), unit) if unit else 0.5 * 10 ** -decimals


def stated_tolerance(amount: float, unit: str | None) -> float:
    """`printed_tolerance` of a prose figure (in 万元) in the unit it was printed in: 0.15 亿元 is 1,450–1,550 万元."""
    if unit != "亿元":
        return printed_tolerance(amount)
    text = f"{amount / 1e4:.6f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return max(printed_tolerance(amount), 0.5 * 10.0 ** -decimals * 1e4)


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
# 增加2.55万元,增长1.40% / 增长23.12万元（增长率为1.60%） / 减少1.06万元，下降幅度为32.32%
_CHANGE = re.compile(r"(增加|减少|增长|下降)了?" + _NUM + r",?\(?(?:同比)?"
                     r"(增长|下降|上升|降低|增加|减少|增幅|降幅|减幅)(?:幅度|率|比例)?(?:了|为|达)?(\d+(?:\.\d+)?)%")
_RISE = ("增长", "上升", "增加", "增幅")
# 比上年增长6.10%，增加23.12万元: the rate before the change (read as 增加23.12万元，增长6.10%, the same length)
_RATE_FIRST = re.compile(r"((?:增长|下降|上升|降低)(?:了|为)?\d+(?:\.\d+)?%),((?:增加|减少)了?" + _NUM + ")")


def changes(text: str) -> Iterator[re.Match[str]]:
    """Every change stated with its rate (`_CHANGE`), the rate first too (its match on the text swapped in place)."""
    yield from _CHANGE.finditer(text)
    swapped = _RATE_FIRST.sub(lambda m: f"{m[2]},{m[1]}", text)
    if swapped != text:
        yield from (m for m in _CHANGE.finditer(swapped) if _RATE_FIRST.search(text, m.start(), m.end()))
# between a figure and a change: the change is of a part or a cause of it, not of the figure
_OTHER_SUBJECT = re.compile(r"其中|主要(?!用于)")
# T万元,其中: … X万元,占Z%
_SHARE_HEAD = re.compile(_NUM + r"[,]?(?:其中:?|主要用于[^:;。]{0,10}:)")
# X万元，占Z% / 占比Z% / 占本年支出合计的Z% (the total named: group `of`)
SHARE_ITEM = re.compile(_NUM + r",?\(?占(?:(?P<of>[^,;。%\d()]{1,20}?)的(?:比重|比例)?)?(?:比)?(?:为)?"
                         r"(\d+(?:\.\d+)?)%")
# the total a share names, as the head's label says it (占总支出的 of 本年支出合计)
_TOTAL_NAMES = {"总支出": "支出合计", "总收入": "收入合计", "支出总额": "支出合计", "收入总额": "收入合计"}


def names_head(named: str | None, label: str) -> bool:
    """Does a share's 占<named>的 name the total its sentence opened with (`label`: the words before that figure)?
    None named (占Z%) does; 占本年支出合计的 does after 本年支出合计, not after 基本支出 (a share of another total)."""
    if not named:
        return True
    core = re.sub(r"^(?:本年度?|全年|当年|年度|本部门|部门)", "", named)
    core = _TOTAL_NAMES.get(core, core)
    return bool(core) and core in label
# 年初预算为A万元,支出决算为B万元(,完成年初预算的Z%)
_EXEC = re.compile(r"预算(?:数)?(?:为|是)?" + _NUM + r",(?:支出)?决算(?:数)?(?:为|是)?" + _NUM
                   + r"(?:,(?:完成|为|占)(?:年初|全年|调整后?)?预算(?:数)?的?(\d+(?:\.\d+)?)%)?")
# 支出决算为B元，年初预算为A元，为年初预算的Z% (the 决算 first)
_EXEC_AFTER = re.compile(r"决算(?:数)?(?:为|是)?" + _NUM + r",(年初|全年|调整后?)?预算(?:数)?(?:为|是)?" + _NUM
                         + r",(?:完成|为|占)(年初|全年|调整后?)?预算(?:数)?的?(\d+(?:\.\d+)?)%")


# 上年结转/年初结余… name a fund, not the year a figure belongs to
_CARRIED = re.compile(r"(?:上年|年初|以前年度)(?:结转|结余)")


THIS_YEAR = 9999  # what `_year_in` gives a label naming 本年/今年/当年: later than any printed year


def _year_in(label: str) -> int | None:
    """The year a figure's label names: the year printed, 0 for 上年/去年, THIS_YEAR for 本年/今年/当年 (“上年决算数为
    6.82万元，本年决算数为6.22万元”), None when it names none."""
    label = _CARRIED.sub("", label)
    m = re.search(r"((?:19|20)\d{2})年", label)
    if m:
        return int(m[1])
    last, this = re.search(r"上年|去年|上一年", label), re.search(r"本年|今年|当年", label)
    if last and this:
        return None  # “与上年相比，本年收入…”: which year the figure is, the label does not say alone
    return 0 if last else (THIS_YEAR if this else None)


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
        if _CHANGED_BY.search(label_b):
            continue  # "X万元，比上年增加Y万元，…": Y is a change, not a year's figure
        ya, yb = _year_in(label_a), _year_in(label_b)
        if ya is not None and yb is not None and ya != yb:  # both named: the earlier is last year's
            yield {"prior": a if ya < yb else b, "current": b if ya < yb else a, "word": m[1], "pct": m[2], "match": m}
        elif (ya, yb) in ((0, None), (None, 0)):  # “公务接待费2.22万元，上年为3.28万元，比上年下降32.32%”
            yield {"prior": a if ya == 0 else b, "current": b if ya == 0 else a, "word": m[1], "pct": m[2], "match": m}
        # otherwise not clearly last year's figure and this year's: nothing to compare


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


def _subject_figure(text: str) -> re.Match[str] | None:
    """The one figure of a sentence that is not a change (“…当年拨款461.49万元，比2022年预算数增加189.48万元，增长
    69.66%。”: 461.49), which a following “其中：…” breaks down; None when there are several."""
    figures = [m for m in _AMT.finditer(text) if not _CHANGED_BY.search(text, 0, m.start())]
    return figures[0] if len(figures) == 1 else None
_CONTINUED_SHARE = re.compile(r"^[^,;。:%\d]{1,30}?" + _NUM + r",?占(?:比)?\d")


def share_head(text: str, context: str | None) -> str | None:
    """The sentence whose "T万元，其中：" a share sentence continues: 其中：基本支出X万元，占a%。项目支出Y万元，占b%。
    (`context`: the head carried so far over adjacent sentences; None when the chain broke)."""
    if _SHARE_HEAD.search(text):
        return text
    return context if context and _CONTINUED_SHARE.match(text) else None


_COMPARED_WITH = re.compile(r"(?:比|较|与)(?:上年|去年|上一年)")


def changed_figure(text: str, m: re.Match[str], previous: str | None) -> tuple[re.Match[str], str] | None:
    """The one figure a change (`_CHANGE` match: 增加X万元，增长Z%) is of, and the text holding it: the figure of its
    own clause, else the sentence's, else the sentence before's (“与上年相比…” opening a sentence); None when that
    is not unambiguous or the change is another subject's."""
    head = text[:m.start()]
    # the figure of its own clause ("…；公务接待费4万元，较上年减少3万元，下降42.86%"), else the sentence's
    own = list(_AMT.finditer(head, head.rfind(";") + 1))
    amounts = own if len(own) == 1 else list(_AMT.finditer(head))
    base_text = head
    if not amounts and previous and re.match(r"^(?:与|比|较)", text):
        amounts, base_text = list(_AMT.finditer(previous)), previous
    if len(amounts) == 2:  # “…机关运行经费支出97.99万元，上年为90.00万元，比上年增加7.99万元”: last year's is named
        labels = [base_text[max(_clause_start(base_text, a.start()), a.start() - 24):a.start()] for a in amounts]
        named = [a for a, label in zip(amounts, labels, strict=True) if _year_in(label) == 0]
        if len(named) == 1 and not any(_COMPARED_WITH.search(label) for label in labels):
            amounts = named  # (“X万元，比上年累计支出Y万元减少…” is inline_priors' reading)
    if len({to_wan(*a.groups()) for a in amounts}) == 1:
        amounts = amounts[:1]  # “收入预算总计461.49万元，支出预算总计461.49万元。与上年相比，收、支预算总计各增加…”
    if len(amounts) != 1:
        return None  # the figure that changed is not unambiguous
    if base_text is head and _OTHER_SUBJECT.search(head, amounts[0].end()):
        return None  # "X万元，其中：Y增加…" / "主要是Y增加…": the change is Y's, not X's
    if _CHANGED_BY.search(base_text, 0, amounts[0].start()):
        return None  # "比预算减少10万元，比上年增加30万元，增长…": the figure before is itself a change
    return amounts[0], base_text


# 比2020年 / 较前年: the year a change is against, when the words name it
_AGAINST = re.compile(r"(?:比|较|与)(?:((?:19|20)\d{2})年|前年|上上年)")


def _earlier_than(said: int, between: str) -> bool:
    """Is the change after a figure of year `said` (0: 上年) said against a still earlier year (“2021年度…1,463.95万元，
    比2020年增加100.00万元”: the figure is the later one of its own comparison, not last year's of this one)?"""
    m = _AGAINST.search(between)
    if m is None:
        return False
    return not m[1] or (said > 0 and int(m[1]) < said)


def change_rates(cn: str, cu: str, m: re.Match[str], rise: bool) -> tuple[float, float] | None:
    """The rates (in %) a change `m` (增加X万元…) of this year's figure `cn` allows, given their rounding, read as a
    rise (`rise`: last year = this year − X) or a fall (this year + X); None when last year is not positive."""
    current, change = to_wan(cn, cu), to_wan(m[2], m[3])
    e_c, e_d = half_unit(cn, cu), half_unit(m[2], m[3])
    values = [d / p * 100 for c in (current - e_c, current + e_c) for d in (change - e_d, change + e_d)
              if (p := c - d if rise else c + d) > 0]
    return (min(values), max(values)) if values else None


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
    for m in changes(text):
        subject = changed_figure(text, m, previous)
        if subject is None:
            continue
        amount, base_text = subject
        cn, cu = amount.groups()
        current, change = to_wan(cn, cu), to_wan(m[2], m[3])
        if (m[1] in _UP) != (m[4] in _RISE):
            continue  # comparison_wording_wrong's business
        at = amount.start()  # the words naming the figure, within its clause
        label = base_text[max(_clause_start(base_text, at), at - 24):at]
        said = _year_in(label)
        between = base_text[amount.end():] + (text[:m.start()] if base_text is previous else "")
        if said is not None and (said == 0 or (year and said < year)) and not _earlier_than(said, between):
            # the figure stated is last year's (（2016年度…为8,648.07万元），增加498.72万元)
            out.extend(_prior_change(cn, cu, m))
            continue
        prior = current - change if m[1] in _UP else current + change
        if prior <= 0:
            continue
        said_way, other_way = change_rates(cn, cu, m, m[1] in _UP), change_rates(cn, cu, m, m[1] not in _UP)
        if said_way is None or _off(m[5], said_way, rounded=True) is None:
            continue
        if other_way is None or _off(m[5], other_way, rounded=True) is not None:
            # (a rate that fits the change the other way is the words' slip: comparison_wording_wrong's)
            out.append({"kind": "增减幅度", "printed": float(m[5]), "computed": round(change / prior * 100, 2),
                        "figures": {"本年": current, "增减额": change, "上年": round(prior, 2)},
                        "formula": f"{wan(change)} ÷ {wan(prior)}",
                        "base_sentence": base_text if base_text is previous else None})
    share, items_from, src = _SHARE_HEAD.search(text), 0, text
    if share:
        items_from = share.end()
    elif head_text and _CONTINUED_SHARE.match(text):  # the total is in the sentence before
        share, src = _SHARE_HEAD.search(head_text), head_text
    elif previous and text.startswith("其中") and (figure := _subject_figure(previous)):
        share, src = figure, previous  # "…合计4143.91万元。" then "其中：…": that one figure
        items_from = 2
    if share:
        tn, tu = share.group(1), share.group(2)
        total, label = to_wan(tn, tu), src[max(0, share.start() - 24):share.start()]
        nested = text.find("其中", items_from)  # a breakdown of a part: its shares are of that part
        for m in SHARE_ITEM.finditer(text, items_from, nested if nested >= 0 else len(text)):
            xn, xu = m.group(1), m.group(2)
            part = to_wan(xn, xu)
            if total <= 0 or part > total + half_unit(tn, tu) or not names_head(m["of"], label):
                continue  # (a share of another total than the one the sentence opened with: not this check's)
            off = _off(m.group(4), _ratio_interval(part, total, half_unit(xn, xu), half_unit(tn, tu)))
            if off is not None:
                out.append({"kind": "占比", "printed": float(m.group(4)), "computed": round(part / total * 100, 2),
                            "figures": {"部分": part, "合计": total}, "formula": f"{wan(part)} ÷ {wan(total)}",
                            "clause": f"{share[0]}…{m[0]}"})
    for (an, au), (bn, bu), pct in _completions(text):
        budget, actual = to_wan(an, au), to_wan(bn, bu)
        if budget <= 0:
            continue
        off = _off(pct, _ratio_interval(actual, budget, half_unit(bn, bu), half_unit(an, au)))
        if off is not None:
            out.append({"kind": "完成率", "printed": float(pct), "computed": round(actual / budget * 100, 2),
                        "figures": {"预算": budget, "决算": actual}, "formula": f"{wan(actual)} ÷ {wan(budget)}"})
    return out


def _completions(text: str) -> Iterator[tuple[tuple[str, str], tuple[str, str], str]]:
    """(budget, 决算, rate) of each completion rate stated after its two figures (either first), the rate of the
    budget printed: 调整预算数为A…完成年初预算的Z% is of another budget than the one printed, and is left alone."""
    for m in _EXEC.finditer(text):
        if m.group(5) and _budget_named(text[max(0, m.start() - 3):m.start()]) in (
                _budget_named(m[0][m[0].rfind(","):]), None):
            yield (m[1], m[2]), (m[3], m[4]), m[5]
    for m in _EXEC_AFTER.finditer(text):
        if _budget_named(m[3] or "") in (_budget_named(m[6] or ""), None):
            yield (m[4], m[5]), (m[1], m[2]), m[7]


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding position `at` starts (after the last , ; : or 。 before it)."""
    return max(text.rfind(c, 0, at) for c in ";,。:") + 1
