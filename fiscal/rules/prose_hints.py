"""What a misstated percentage or a contradicted comparison word does fit, for the messages of
fiscal/rules/prose.py: a growth rate the item's heading figure gives (the sentence's other figure is the slip, and
no percentage is misstated), a known wrong formula, a figure with a stray digit, the total a share was taken of."""

from __future__ import annotations

import re
from typing import Any

from fiscal.rules.engine import wan
from fiscal.rules.prose_figures import NUMBER, _growth_interval, _off, half_unit, to_wan

# an item's own figure in its heading: “住房公积金（01项）208.8万元” / “…缴费支出（项）”220.63万元
_HEADING = re.compile(r"[类款项]\)[”\"]?" + NUMBER + r"万元")


def fits_heading(c: dict[str, Any], recent: list[str]) -> bool:
    """A growth rate its item's heading figure gives, where the sentence prints another figure for this year
    (“住房公积金（01项）208.8万元 … 2026年预算安排201.50万元，比2025年预算执行数增加5.27%”: 198.34 → 208.8 is
    +5.27 %): the rate is printed right and the sentence's figure is the slip, which narrative_table_mismatch flags
    against the table — the rate is no defect."""
    f = c.get("figures") or {}
    if c.get("kind") != "增长率" or not {"上年", "本年"} <= f.keys() or f["上年"] <= 0:
        return False
    for text in recent:
        for num in _HEADING.findall(text):
            figure = to_wan(num, "万元")
            interval = _growth_interval(f["上年"], figure, 0.005, half_unit(num))
            if abs(figure - f["本年"]) > 0.01 and _off(f"{c['printed']:g}", interval) is None:
                return True
    return False


# What a misstated rate fits, in both languages from the same data (`hint_data`): the Chinese message's clause and
# the English one the evidence carries (`hint_en`, for the English reading of the message, pages/_messages.py).
HINTS: dict[str, tuple[str, str]] = {
    "change_over_current": ("（印出的是增减额 ÷ 本年数，分母应为上年数）",
                            "(the printed rate is the change divided by this year's figure; the base is last year's)"),
    "stray_digit": ("（若{which}数为 {figure} 万元则恰为 {printed}%：疑为{which}数多印一位数字）",
                    "(it is exactly {printed}% were {which_en} figure {figure}: a stray digit in {which_en} figure)"),
    "moved_point": ("（所印数恰为应有值的{times}：疑为小数点错位）",
                    "(the printed figure is exactly {times_en} the right one: a moved decimal point)"),
    "other_total": ("（所印比重相当于以约 {denominator} 万元为分母，而非“三公”经费合计）",
                    "(the printed share is one of about {denominator} (10k yuan), not of the three public expenses' "
                    "total)"),
}
_WHICH_EN = {"上年": "last year's", "本年": "this year's"}
_TIMES = {10: ("十分之一", "one tenth of"), 0.1: ("十倍", "ten times")}


def hint_data(c: dict[str, Any]) -> dict[str, Any] | None:
    """What the printed rate does fit, when something does: a known wrong formula (change ÷ this year), one of the
    figures with a stray digit (43269.3 for 3269.3), a moved decimal point, or the total a share was taken of —
    {"kind": a HINTS key, and the figures its sentence names}."""
    f = c["figures"]
    if f.get("增减额") is not None and f.get("本年") and abs(f["增减额"] / f["本年"] * 100 - c["printed"]) < 0.006:
        return {"kind": "change_over_current"}
    if c["kind"] == "增长率" and f.get("上年") and f.get("本年"):
        for which in ("上年", "本年"):
            for figure in one_digit_less(f[which]):
                prior, now = (figure, f["本年"]) if which == "上年" else (f["上年"], figure)
                if prior > 0 and abs((now - prior) / prior * 100 - c["printed"]) < 0.006:
                    return {"kind": "stray_digit", "which": which, "figure": figure, "printed": c["printed"]}
    computed = c.get("computed")
    for k in _TIMES:
        if computed and c["printed"] and abs(c["printed"] * k - computed) <= 0.011 * k:
            return {"kind": "moved_point", "times": k}
    if c["kind"].startswith("占“三公”") and c["printed"] > 0 and f.get("部分"):
        return {"kind": "other_total", "denominator": round(f["部分"] / c["printed"] * 100, 2)}
    return None


def render(data: dict[str, Any] | None, lang: str = "zh") -> str:
    """A hint (`hint_data`) as the message's clause in Chinese (`zh`) or English (`en`)."""
    if not data:
        return ""
    values = {"which": data.get("which", ""), "which_en": _WHICH_EN.get(data.get("which", ""), ""),
              "figure": wan(data.get("figure")), "printed": f"{data.get('printed', 0):g}",
              "times": _TIMES.get(data.get("times", 0), ("", ""))[0],
              "times_en": _TIMES.get(data.get("times", 0), ("", ""))[1],
              "denominator": wan(data.get("denominator"))}
    return HINTS[data["kind"]][lang == "en"].format(**values)


def hint(c: dict[str, Any]) -> str:
    """The Chinese clause naming what the printed rate does fit ("" when nothing does)."""
    return render(hint_data(c))


def hint_evidence(c: dict[str, Any]) -> dict[str, Any]:
    """The hint as the flag's evidence holds it: its data and its English clause (nothing when there is none)."""
    data = hint_data(c)
    return {"hint": data, "hint_en": render(data, "en")} if data else {}


def one_digit_less(x: float) -> list[float]:
    """The figure with one of its digits left out (12,345.6 → 2,345.6, 1,345.6 …): a digit typed twice or astray."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return [float(t) for i, ch in enumerate(text) if ch.isdigit()
            if (t := text[:i] + text[i + 1:]) and t not in (".", "") and not t.startswith(".") and float(t) > 0]


def slip_check(c: dict[str, Any], text: str) -> dict[str, Any] | None:
    """The rate printed after a contradicted comparison word, as a rate check (None when there is none)."""
    m = re.search(re.escape(c["word"]) + r"了?(\d+(?:\.\d+)?)%", text)
    if not m or c.get("labels") != ["上年", "本年"] or c["first"] is None:
        return None
    printed = -float(m[1]) if c["word"] in ("减少", "下降", "降低") else float(m[1])
    return {"kind": "增长率", "printed": printed, "figures": {"上年": c["first"], "本年": c["second"]}}


def slip_hint(c: dict[str, Any], text: str) -> str:
    """When the rate printed after the comparison word fits last year's or this year's figure with one digit left
    out, say so: the figure is the slip, not the word (“43269.3 … 增加17.62%”: 3,269.3 → 3,845.49 is +17.62 %)."""
    check = slip_check(c, text)
    return hint(check) if check else ""
