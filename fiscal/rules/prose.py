"""Rules on the prose itself (the `sentence` rows of the narrative dataset): years that contradict
the document's year, percentages its own figures do not give, comparison words its own figures
contradict, template text left in place. Each flag quotes the sentence and its page."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

import polars as pl

from fiscal.rules.engine import Frames, emit, frame_of, rule, wan
from fiscal.rules.lookups import FUNCTION_CODES, national_codes

# ---------------------------------------------------------------- reading the sentence rows

AMOUNT = r"(?P<{0}>\d[\d,]*(?:\.\d+)?)(?P<{0}u>亿元|万元|元)"
PCT = r"(?P<{0}>\d+(?:\.\d+)?)%"


def flat(text: str) -> str:
    """A sentence folded for matching: NFKC, no whitespace (the text layer spaces out 2024 年)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).replace("％", "%")


def sentences(frames: Frames) -> pl.DataFrame:
    """The document's sentence rows with their order and folded text, in document order."""
    nar = frames.narrative.filter(pl.col("key") == "sentence", pl.col("text").is_not_null())
    if nar.is_empty():
        return nar.with_columns(pl.lit(None, dtype=pl.Int64).alias("_order"),
                                pl.lit(None, dtype=pl.String).alias("_flat"),
                                pl.lit(None, dtype=pl.String).alias("_tags"))
    parts = pl.col("value").fill_null("").str.split_exact(":", 1)
    return (nar.with_columns(parts.struct.field("field_0").cast(pl.Int64, strict=False).alias("_order"),
                             parts.struct.field("field_1").alias("_tags"),
                             pl.col("text").map_elements(flat, return_dtype=pl.String).alias("_flat"))
            .join(frames.documents.select("doc_id", "doc_kind"), on="doc_id", how="left")
            .sort(["doc_id", "_order", "page"]))


def with_previous(df: pl.DataFrame) -> Iterator[tuple[dict, dict | None]]:
    """Each sentence row with the row stored just before it in its document (None when not adjacent)."""
    prev: dict | None = None
    for r in df.iter_rows(named=True):
        adjacent = prev is not None and prev["doc_id"] == r["doc_id"] and r["_order"] is not None \
            and prev["_order"] is not None and r["_order"] - prev["_order"] == 1
        yield r, prev if adjacent else None
        prev = r


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
    """What a printed percentage may be off by: 1.5 units of its last digit (rounding, truncation, or the
    last digit moved so that shares add up to 100 %)."""
    decimals = len(num.split(".")[1]) if "." in num else 0
    return 1.5 * 10 ** -decimals


def quote(r: dict) -> str:
    text = re.sub(r"\s+", "", r["text"] or "")
    return text if len(text) <= 90 else text[:88] + "…"


def row(r: dict, **extra) -> dict:
    return {**{k: v for k, v in r.items() if not k.startswith("_")}, **extra}


# ---------------------------------------------------------------- template_residue

_RESIDUE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("占位符", re.compile(r"(?<![A-Za-z])(?:X{2,}|×{2,})(?![A-Za-z])")),
    ("未选定的选项", re.compile(r"(?:增加|减少|增长|下降|上升|大于|小于|高于|低于)"
                          r"\((?:增加|减少|增长|下降|上升|大于|小于|高于|低于)\)"
                          r"|(?:增加|增长|大于|上升)/(?:减少|下降|小于)|(?:减少|下降|小于)/(?:增加|增长|大于|上升)")),
    ("填写说明", re.compile(r"\((?:请[^()]{1,30}|如[^()]{0,12}(?:表述|说明|填写|列示|填列)[^()]{0,6}|不涉及的?不列|"
                        r"[^()]{0,6}名称)\)")),
    ("重复标点", re.compile(r"。{2,}|,,|;;|、、")),
)


@cache
def _renames() -> tuple[tuple[str, str, int], ...]:
    """(retired name, current name, first year of the new name) from the notes of fiscal/data/function_codes.csv."""
    out = []
    with FUNCTION_CODES.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            m = re.search(r"before (\d{4})", rec.get("note") or "")
            if m:
                out.append((rec["name"], national_codes()[rec["code"]][0], int(m[1])))
    return tuple(out)


def residues(text: str, year: int | None) -> list[tuple[str, str]]:
    """(kind, matched text) of the template residue in a folded sentence."""
    out = [(kind, m[0]) for kind, pattern in _RESIDUE for m in pattern.finditer(text)]
    for old, cur, since in _renames():
        if year and year >= since and re.search(re.escape(old) + r"\((?:\d{2,3})?[类款]\)", text):
            out.append(("已停用的科目名称", f"{old}（现为“{cur}”）"))
    return out


@rule("template_residue", "warning",
      "情况说明中残留模板文字（XX 占位符、未选定的“增长（下降）”、填写说明、重复标点、已停用的科目名称）",
      scope="agency_year")
def template_residue(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """Template text left in the prose; one flag per page, quoting each residue."""
    found: dict[tuple[str, int], dict] = {}
    for r in sentences(frames).iter_rows(named=True):
        hits = residues(r["_flat"], r["year"])
        if not hits:
            continue
        entry = found.setdefault((r["doc_id"], r["page"]), {**row(r), "_hits": [], "_texts": []})
        entry["_hits"].extend(hits)
        entry["_texts"].append(quote(r))
    rows = list(found.values())

    def message(r: dict) -> str:
        kinds = "、".join(dict.fromkeys(k for k, _ in r["_hits"]))
        shown = "；".join(f"“{t}”" for t in r["_texts"][:2]) + ("等" if len(r["_texts"]) > 2 else "")
        return f"第{r['page']}页有 {len(r['_hits'])} 处模板残留（{kinds}），如 {shown}"

    return emit(frame_of(rows), message,
                lambda r: {"residues": [{"kind": k, "text": t} for k, t in r["_hits"]], "sentences": r["_texts"]})


# ---------------------------------------------------------------- year_inconsistent

_TITLE_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})年度?(?:区级|市级|省级|县级)?(?:部门|单位)?"
                         r"(?:“?三公”?经费)?(?:财政拨款)?(?:支出)?(?P<kind>决算|预算)(?!执行)(?P<rest>情况说明|编制说明|表|公开|$)")
_AS_OF = re.compile(r"截[至止](?:到)?(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?")
_VERSUS = re.compile(r"(?:与|比|较|同)(?P<y>(?:19|20)\d{2})年度?(?P<what>(?:年初)?预算(?:执行数|数)?|决算(?:数)?|同期)?"
                     r"(?P<tail>相比|增加|减少|增长|下降|持平|上升|[^。;,]{0,12}?(?:增加|减少|增长|下降|持平|上升|相比))")
_ASSETS = re.compile(r"车辆|资产|设备|房屋")


def year_problems(text: str, heading: bool, year: int, kind: str) -> list[tuple[str, int, str]]:
    """(what, year printed, expected) for each clear contradiction of the document's year."""
    out = []
    word = {"final_account": "决算", "budget": "预算"}.get(kind)
    for m in _TITLE_YEAR.finditer(text):
        y = int(m["y"])
        if m["kind"] == word and y != year and (heading or m["rest"]):
            out.append((f"标题“{m[0]}”", y, f"{year}年"))
    for m in _AS_OF.finditer(text):
        y = int(m["y"])
        if kind == "final_account" and y < year and _ASSETS.search(text):
            out.append((f"日期“{m[0]}”", y, f"截至{year}年末"))
        elif kind == "budget" and (y > year or y < year - 2):
            out.append((f"日期“{m[0]}”", y, f"{year - 1}年前后"))
    for m in _VERSUS.finditer(text):
        y, what = int(m["y"]), m["what"] or ""
        if kind == "budget" and y >= year and "决算" not in what:
            out.append((f"比较“{m[0]}”", y, f"{year - 1}年（上年）"))
        elif kind == "final_account" and "预算" not in what and y >= year:
            out.append((f"比较“{m[0]}”", y, f"{year - 1}年（上年）"))
        elif kind == "final_account" and "预算" in what and y != year:
            out.append((f"比较“{m[0]}”", y, f"{year}年预算"))
    return out


@rule("year_inconsistent", "warning",
      "标题、日期或比较中的年份与文件年度矛盾（如2024年决算中的“2023年度部门决算情况说明”、2026年预算中的“比2026年预算”）",
      scope="agency_year")
def year_inconsistent(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A year in a heading, an as-of date or a comparison that contradicts the document's year."""
    rows = []
    for r in sentences(frames).iter_rows(named=True):
        if r["year"] is None or r["doc_kind"] not in ("final_account", "budget"):
            continue
        heading = "heading" in (r["_tags"] or "")
        seen = set()
        for what, printed, expected in year_problems(r["_flat"], heading, r["year"], r["doc_kind"]):
            if what not in seen:  # 与2026年预算持平 twice in one sentence: one flag
                seen.add(what)
                rows.append(row(r, _what=what, _printed=printed, _expected=expected, _quote=quote(r)))
    kinds = {"final_account": "决算", "budget": "预算"}
    return emit(
        frame_of(rows),
        lambda r: (f"{r['year']}年{kinds.get(r.get('doc_kind') or '', '文件')}第{r['page']}页"
                   f"{r['_what']}写作 {r['_printed']} 年，应为{r['_expected']}：“{r['_quote']}”"),
        lambda r: {"document_year": r["year"], "year_printed": r["_printed"], "expected": r["_expected"],
                   "what": r["_what"], "text": r["text"]},
    )


# ---------------------------------------------------------------- figures a sentence compares

_NUM = r"(\d[\d,]*(?:\.\d+)?)(亿元|万元|元)"
_AMT = re.compile(_NUM)
_UP, _DOWN = ("增加", "增长", "上升", "提高"), ("减少", "下降", "降低", "减")
_DIR = r"(增加|增长|上升|提高|减少|下降|降低|持平|基本持平)"
# 比2025年预算执行数增加17.62% / 比上年减少1.07%
_GROWTH = re.compile(r"(?:比|较|与)[^,;。%]{0,20}?(?:相比,?)?" + _DIR + r"(?:了)?(?:(\d+(?:\.\d+)?)%)?")
# 增加2.55万元,增长1.40%
_CHANGE = re.compile(r"(增加|减少)" + _NUM + r",?(增长|下降|上升|降低)(\d+(?:\.\d+)?)%")
# T万元,其中: … X万元,占Z%
_SHARE_HEAD = re.compile(_NUM + r"[,]?(?:其中:?|主要用于[^:;。]{0,10}:)")
_SHARE_ITEM = re.compile(_NUM + r",?占(?:比)?(\d+(?:\.\d+)?)%")
# 年初预算为A万元,支出决算为B万元(,完成年初预算的Z%)
_EXEC = re.compile(r"预算(?:数)?(?:为|是)?" + _NUM + r",(?:支出)?决算(?:数)?(?:为|是)?" + _NUM
                   + r"(?:,完成(?:年初)?预算(?:数)?的(\d+(?:\.\d+)?)%)?")
_VERDICT = re.compile(r"决算数?(?:(大于|小于|等于|高于|低于)预算数?|与预算数?(基本持平|持平|基本一致|一致|相等|相同))")
_IMPOSSIBLE = re.compile(_NUM + r",(?:比|较|与)[^,;。%]{0,20}?(?:相比,?)?(增加|增长)" + _NUM)


def _year_in(label: str) -> int | None:
    m = re.search(r"((?:19|20)\d{2})年", label)
    return int(m[1]) if m else (0 if re.search(r"上年|去年|上一年", label) else None)


def growth_pairs(text: str) -> Iterator[dict]:
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


def _growth_interval(prior: float, current: float, ep: float, ec: float) -> tuple[float, float]:
    """The growth rates (in %) the printed figures allow, given their rounding."""
    values = [((c - p) / p) * 100 for p in (prior - ep, prior + ep) for c in (current - ec, current + ec) if p > 0]
    return min(values), max(values)


def _ratio_interval(part: float, whole: float, ep: float, ew: float) -> tuple[float, float]:
    values = [(x / w) * 100 for x in (part - ep, part + ep) for w in (whole - ew, whole + ew) if w > 0]
    return min(values), max(values)


def _off(printed: str, interval: tuple[float, float]) -> float | None:
    """How far a printed percentage lies outside the interval its figures allow (None: within rounding)."""
    value, slack = float(printed), slack_of(printed)
    lo, hi = interval
    if lo - slack <= value <= hi + slack:
        return None
    return value - (lo + hi) / 2


def _prior_change(pn: str, pu: str, m: re.Match[str]) -> list[dict]:
    """增长 Z% after a stated prior figure P and change D: Z = D ÷ P."""
    prior, change = to_wan(pn, pu), to_wan(m[2], m[3])
    if prior <= 0:
        return []
    off = _off(m[5], _ratio_interval(change, prior, half_unit(m[2], m[3]), half_unit(pn, pu)))
    if off is None:
        return []
    return [{"kind": "增减幅度", "printed": float(m[5]), "computed": round(change / prior * 100, 2),
             "figures": {"上年": prior, "增减额": change}, "formula": f"{wan(change)} ÷ {wan(prior)}"}]


def percentage_checks(text: str, previous: str | None, year: int | None = None) -> list[dict]:
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
        off = _off(g["pct"], tuple(sorted((abs(lo), abs(hi)))) if lo * hi > 0 else (0.0, max(abs(lo), abs(hi))))
        if off is not None:
            out.append({"kind": "增长率", "printed": float(g["pct"]),
                        "computed": round((current - prior) / prior * 100, 2),
                        "figures": {"上年": prior, "本年": current},
                        "formula": f"({wan(current)} − {wan(prior)}) ÷ {wan(prior)}"})
    for m in _CHANGE.finditer(text):
        head = text[:m.start()]
        amounts = list(_AMT.finditer(head))
        base_text = head
        if not amounts and previous and re.match(r"^(?:与|比|较)", text):
            amounts, base_text = list(_AMT.finditer(previous)), previous
        if len(amounts) != 1:
            continue  # the figure that changed is not unambiguous
        cn, cu = amounts[0].groups()
        current, change = to_wan(cn, cu), to_wan(m[2], m[3])
        if (m[1] == "增加") != (m[4] in ("增长", "上升")):
            continue  # comparison_wording_wrong's business
        label = base_text[max(0, amounts[0].start() - 24):amounts[0].start()]
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
        off = _off(m[5], (min(values), max(values)))
        if off is not None:
            out.append({"kind": "增减幅度", "printed": float(m[5]), "computed": round(change / prior * 100, 2),
                        "figures": {"本年": current, "增减额": change, "上年": round(prior, 2)},
                        "formula": f"{wan(change)} ÷ {wan(prior)}",
                        "base_sentence": base_text if base_text is previous else None})
    head = _SHARE_HEAD.search(text)
    if head:
        tn, tu = head.group(1), head.group(2)
        total = to_wan(tn, tu)
        for m in _SHARE_ITEM.finditer(text, head.end()):
            xn, xu = m.group(1), m.group(2)
            part = to_wan(xn, xu)
            if total <= 0 or part > total + half_unit(tn, tu):
                continue
            off = _off(m.group(3), _ratio_interval(part, total, half_unit(xn, xu), half_unit(tn, tu)))
            if off is not None:
                out.append({"kind": "占比", "printed": float(m.group(3)), "computed": round(part / total * 100, 2),
                            "figures": {"部分": part, "合计": total}, "formula": f"{wan(part)} ÷ {wan(total)}"})
    for m in _EXEC.finditer(text):
        if not m.group(5):
            continue
        (an, au), (bn, bu) = (m.group(1), m.group(2)), (m.group(3), m.group(4))
        budget, actual = to_wan(an, au), to_wan(bn, bu)
        if budget <= 0:
            continue
        off = _off(m.group(5), _ratio_interval(actual, budget, half_unit(bn, bu), half_unit(an, au)))
        if off is not None:
            out.append({"kind": "完成率", "printed": float(m.group(5)), "computed": round(actual / budget * 100, 2),
                        "figures": {"预算": budget, "决算": actual}, "formula": f"{wan(actual)} ÷ {wan(budget)}"})
    return out


@rule("percentage_misstated", "error",
      "情况说明中的百分比与其所依据的数字不符（超出印刷精度；相差不超过 minor_points 个百分点为警告）",
      scope="agency_year", minor_points=0.05)
def percentage_misstated(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A share, growth or completion rate the sentence's own figures do not give (beyond the printed digits)."""
    rows = []
    for r, prev in with_previous(sentences(frames)):
        if "%" not in r["_flat"]:
            continue
        for c in percentage_checks(r["_flat"], prev["_flat"] if prev else None, r["year"]):
            rows.append(row(r, _c=c, _quote=quote(r)))
    return emit(
        frame_of(rows),
        lambda r: (f"第{r['page']}页{r['_c']['kind']}印作 {r['_c']['printed']:g}%，按文中数字 {r['_c']['formula']} "
                   f"应为 {r['_c']['computed']:.2f}%{_hint(r['_c'])}：“{r['_quote']}”"),
        lambda r: {**r["_c"], "text": r["text"]},
        lambda r: "warning" if abs(abs(r["_c"]["printed"]) - abs(r["_c"]["computed"])) <= p["minor_points"] else None,
    )


def _hint(c: dict) -> str:
    """Name a known wrong formula when the printed rate is what it gives (change ÷ this year)."""
    f = c["figures"]
    if f.get("增减额") is not None and f.get("本年") and abs(f["增减额"] / f["本年"] * 100 - c["printed"]) < 0.006:
        return "（印出的是增减额 ÷ 本年数，分母应为上年数）"
    return ""


# ---------------------------------------------------------------- comparison_wording_wrong

def _relation(a: float, b: float, ea: float, eb: float) -> str:
    """How b compares with a as printed: 'up', 'down' or 'equal' (within their rounding)."""
    if abs(b - a) < 0.005 or abs(b - a) <= ea + eb:
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


def wording_checks(text: str, previous: str | None) -> list[dict]:
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
    for m in _IMPOSSIBLE.finditer(text):
        current, change = to_wan(m[1], m[2]), to_wan(m[4], m[5])
        if change > current + half_unit(m[1], m[2]) + half_unit(m[4], m[5]):
            out.append({"word": m[3], "first": None, "second": current, "change": change, "labels": ["上年", "本年"],
                        "actual": "上年须为负数"})
    return out


def _wording_message(r: dict) -> str:
    c = r["_c"]
    if c["first"] is None:
        return (f"第{r['page']}页称本年为 {wan(c['second'])} 万元、比上年{c['word']} {wan(c['change'])} 万元，"
                f"则上年为负数，不可能：“{r['_quote']}”")
    a, b = c["labels"]
    return (f"第{r['page']}页称“{c['word']}”，但文中{a} {wan(c['first'])} 万元、{b} {wan(c['second'])} 万元，"
            f"实为{c['actual']}：“{r['_quote']}”")


@rule("comparison_wording_wrong", "error", "比较用语（增加/减少/持平、大于/小于/等于）与其比较的两个数字矛盾",
      scope="agency_year")
def comparison_wording_wrong(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """增加 where the figures fell, 大于 where the 决算 is smaller, 持平 or 等于 for two different figures."""
    rows = []
    for r, prev in with_previous(sentences(frames)):
        for c in wording_checks(r["_flat"], prev["_flat"] if prev else None):
            rows.append(row(r, _c=c, _quote=quote(r)))
    return emit(frame_of(rows), _wording_message, lambda r: {**r["_c"], "text": r["text"]})
