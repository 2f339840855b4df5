"""Rules on the prose itself (the `sentence` rows of the narrative dataset): years that contradict
the document's year, percentages its own figures do not give, comparison words its own figures
contradict, template text left in place. Each flag quotes the sentence and its page."""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from itertools import chain
from typing import Any

import polars as pl

from fiscal.rules.engine import Frames, emit, frame_of, rule, wan
from fiscal.rules.lookups import FUNCTION_CODES, national_codes
from fiscal.rules.prose_hints import hint, hint_evidence, slip_check, slip_hint
from fiscal.rules.prose_parts import checks, part_slips
from fiscal.rules.prose_rates import SUBJECTS, bare_rate_checks
from fiscal.rules.prose_reasons import level_reason_check
from fiscal.rules.prose_wording import wording_checks

# ---------------------------------------------------------------- reading the sentence rows


def flat(text: str) -> str:
    """A sentence folded for matching: NFKC, no whitespace (the text layer spaces out 2024 年)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).replace("％", "%")


_LAST: list[Any] = [None, None, None]  # (narrative, documents, sentences): the last frames asked for


def sentences(frames: Frames) -> pl.DataFrame:
    """The document's sentence rows with their order and folded text, in document order (remembered for
    the last frames: a dozen rules read the same sentences in one evaluation)."""
    if _LAST[0] is frames.narrative and _LAST[1] is frames.documents:
        return _LAST[2]  # type: ignore[no-any-return]
    out = _sentences(frames)
    _LAST[:] = [frames.narrative, frames.documents, out]
    return out


def _sentences(frames: Frames) -> pl.DataFrame:
    nar = frames.narrative.filter(pl.col("key") == "sentence", pl.col("text").is_not_null())
    if nar.is_empty():
        return nar.with_columns(pl.lit(None, dtype=pl.Int64).alias("_order"),
                                pl.lit(None, dtype=pl.String).alias("_flat"),
                                pl.lit(None, dtype=pl.String).alias("_tags"))
    parts = pl.col("value").fill_null("").str.split_exact(":", 1)
    return (nar.with_columns(parts.struct.field("field_0").cast(pl.Int64, strict=False).alias("_order"),
                             parts.struct.field("field_1").alias("_tags"),
                             pl.col("text").str.normalize("NFKC").str.replace_all(r"\s+", "")
                             .str.replace_all("％", "%", literal=True).alias("_flat"))
            .join(frames.documents.select("doc_id", "doc_kind"), on="doc_id", how="left")
            .sort(["doc_id", "_order", "page"]))


def with_previous(df: pl.DataFrame) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Each sentence row with the row stored just before it in its document (None when not adjacent)."""
    prev: dict[str, Any] | None = None
    for r in df.iter_rows(named=True):
        adjacent = prev is not None and prev["doc_id"] == r["doc_id"] and r["_order"] is not None \
            and prev["_order"] is not None and r["_order"] - prev["_order"] == 1
        yield r, prev if adjacent else None
        prev = r


def quote(r: dict[str, Any], clause: str | None = None) -> str:
    """The sentence as printed, or for a long one the clause that matters (folded)."""
    text = re.sub(r"\s+", "", r["text"] or "")
    if len(text) <= 90 or not clause:
        return text if len(text) <= 90 else text[:88] + "…"
    return "…" + clause + "…"


def _c(r: dict[str, Any]) -> dict[str, Any]:
    """A flag's check, kept as JSON through the rows' frame (a frame would give every check every key)."""
    check: dict[str, Any] = json.loads(r["_cj"])
    return check


def row(r: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The row without its helper columns (`_…`), plus `extra`."""
    return {**{k: v for k, v in r.items() if not k.startswith("_")}, **extra}


# ---------------------------------------------------------------- template_residue

_RESIDUE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("占位符", re.compile(r"(?<![A-Za-z])(?:X{2,}|x{2,}|×{2,})(?![A-Za-z])")),
    # a year never filled in: 202X年 / 20X年度 (20XX年 is the pattern above's)
    ("占位符", re.compile(r"(?<![A-Za-z\d])(?:19|20)\d{0,2}[Xx×](?=年)")),
    # ********支出2万元 / **万元 / 共有车辆___辆 / 【】: a name or figure never filled in
    ("占位符", re.compile(r"\*{2,}(?=支出|收入|万元|元|%|年|局|辆|个|人|类|款|项|\((?:类|款|项)\))"
                       r"|(?<=[为是计共有:])\*{2,}|(?<=[\u4e00-\u9fff])_{3,}(?=[\u4e00-\u9fff\d])|【】")),
    ("未选定的选项", re.compile(r"(?:增加|减少|增长|下降|上升|大于|小于|高于|低于)"
                          r"\((?:增加|减少|增长|下降|上升|大于|小于|高于|低于)\)"
                          r"|(?:增加|增长|大于|上升|高于)/(?:减少|下降|小于|低于)"
                          r"|(?:减少|下降|小于|低于)/(?:增加|增长|大于|上升|高于)")),
    ("填写说明", re.compile(r"\((?:请[^()]{1,30}|如[^()]{0,12}(?:表述|说明|填写|列示|填列)[^()]{0,6}|不涉及的?不列|"
                        r"[^()]{0,6}名称|(?:按|根据|参照)[^()]{2,60}(?:填写|填列)|此处[^()]{1,20}|据实(?:填写|填列)"
                        r"|选填|可删除)\)")),
    # an instruction addressed to the kind of department it applies to: (仅有一个单位的部门，本部分内容为…),
    # (无事业收入的单位保留…)
    ("填写说明", re.compile(r"\((?:仅有?|无|没有)[^()]{1,20}的(?:部门|单位)[,;][^()]{0,40}\)")),
    ("填写说明", re.compile(r"【[^【】]{0,60}(?:请|填写|填列|如无|删除|据实|此处|不涉及|选填|根据实际)"
                        r"[^【】]{0,60}】")),
    # instructions to the author; a sentence that says how its table was filled ("品目名称根据…填写") is a note
    # (a note under a table, 注：按照…填写。, says how it was filled: not an instruction)
    ("填写说明", re.compile(r"作下述说明|按上述格式|(?:^|[。;]|(?<!注)(?<!说明):)(?:由[^。,]{1,10})?"
                        r"(?:根据|按照)[^。]{0,40}填写。")),
    ("重复标点", re.compile(r"。{2,}|,,|;;|、、")),
    # a figure left blank: "占单位总数的 %" / "增长 %" / "支出为 万元" (the spaces folded away) — not the
    # unit statement "金额单位为万元"
    ("未填的数字", re.compile(r"(?<=[的占长降为少加是达])%|(?<!单位[为是])(?<=[为是])万元")),
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


@cache
def _rename_patterns() -> tuple[tuple[re.Pattern[str], str, str, int], ...]:
    """A retired name followed by its class marker, e.g. 医疗卫生与计划生育支出(类), compiled once."""
    return tuple((re.compile(re.escape(old) + r"\((?:\d{2,3})?[类款]\)"), old, cur, since)
                 for old, cur, since in _renames())


def residues(text: str, year: int | None) -> list[tuple[str, str]]:
    """(kind, matched text) of the template residue in a folded sentence."""
    out = [(kind, m[0]) for kind, pattern in _RESIDUE for m in pattern.finditer(text)]
    for pattern, old, cur, since in _rename_patterns():
        if year and year >= since and pattern.search(text):
            out.append(("已停用的科目名称", f"{old}（现为“{cur}”）"))
    return out


def _spot(text: str, found: str) -> str:
    """The residue with a few characters around it, as a reader searches for it on the page."""
    at = text.find(found.split("（")[0])
    if at < 0:
        return found
    left, right = max(0, at - 12), min(len(text), at + len(found) + 8)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


@rule("template_residue", "warning",
      "情况说明中残留模板文字（XX 占位符、未选定的“增长（下降）”、填写说明、重复标点、未填的数字、已停用的科目名称）",
      scope="agency_year", prose=True)
def template_residue(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """Template text left in the prose; one flag per page, quoting each residue."""
    found: dict[tuple[str, int], dict[str, Any]] = {}
    toc = frames.narrative.filter(pl.col("key") == "toc_line", pl.col("text").is_not_null()).with_columns(
        pl.col("text").str.normalize("NFKC").str.replace_all(r"\s+", "").alias("_flat")).join(
        frames.documents.select("doc_id", "doc_kind"), on="doc_id", how="left")
    for r in chain(sentences(frames).iter_rows(named=True), toc.iter_rows(named=True)):
        hits = residues(r["_flat"], r["year"])
        if not hits:
            continue
        entry = found.setdefault((r["doc_id"], r["page"]), {**row(r), "_hits": [], "_texts": [], "_spots": []})
        entry["_hits"].extend(hits)
        entry["_texts"].append(re.sub(r"\s+", "", r["text"] or ""))  # whole: the message quotes the residues
        entry["_spots"].extend(_spot(r["_flat"], t) for _, t in hits)
    rows = list(found.values())

    def message(r: dict[str, Any]) -> str:
        kinds = "、".join(dict.fromkeys(k for k, _ in r["_hits"]))
        spots = list(dict.fromkeys(r["_spots"]))
        shown = "；".join(f"“{t}”" for t in spots[:3]) + ("等" if len(spots) > 3 else "")
        return f"第{r['page']}页有 {len(r['_hits'])} 处模板残留（{kinds}），如 {shown}"

    return emit(frame_of(rows), message,
                lambda r: {"residues": [{"kind": k, "text": t} for k, t in r["_hits"]], "sentences": r["_texts"]})


# ---------------------------------------------------------------- year_inconsistent

_TITLE_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})年度?(?:区级|市级|省级|县级)?(?:部门|单位)?"
                         r"(?:“?三公”?经费)?(?:财政拨款)?(?:支出)?(?P<kind>决算|预算)(?!执行)(?P<rest>情况说明|编制说明|表|公开|$)")
_AS_OF = re.compile(r"截[至止](?:到)?(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?")
# 与/比/较 a year (not 参与/给予…; not 与2023年初/年末/12月 — a point in the year, not the year)
_VERSUS = re.compile(r"(?<![会共协参给赋授准])(?:与|比|较)(?P<y>(?:19|20)\d{2})年度?"
                     r"(?!年?初(?!预算)|年?末|年?底|\d{1,2}月)"
                     r"(?P<what>(?:年?初)?预算(?:执行数|数)?|决算(?:数)?|同期)?"
                     r"(?P<tail>相比|增加|减少|增长|下降|持平|上升|[^。;,]{0,12}?(?:增加|减少|增长|下降|持平|上升|相比))")
_ASSETS = re.compile(r"车辆|资产|设备|房屋")
# a numbered heading naming a year near its start: 十三、关于2021年度预算绩效情况的说明 / (二)2022年重点工作。
_HEADING_YEAR = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)、?"
                           r"|\d{1,2}、)(?P<pre>[^\d,;。比较与]{0,12}?)(?<![-~至])(?P<y>(?:19|20)\d{2})年度?"
                           r"(?P<rest>[^\d,;。%]{0,24}?)。?$")
_NOT_OWN_YEAR = re.compile(r"比|较|相比|上年|以来|执行|完成|回顾|决算|结转|计划|展望|至|-|~")
_LOOKING_BACK = re.compile(r"绩效|评价|自评|总结|成效|成绩|取得")
_LOOKING_AHEAD = re.compile(r"打算|任务|目标|规划|安排|思路|设想|重点")
# a project's 实施周期: 2025年1月1日-2025年12月31日
_PERIOD = re.compile(r"^(?:实施周期:?)?(?P<a>(?:19|20)\d{2})年\d{1,2}月(?:\d{1,2}日)?(?:-|—|~|至)"
                     r"(?P<b>(?:19|20)\d{2})年\d{1,2}月(?:\d{1,2}日)?。?$")


def heading_year(text: str, year: int, kind: str) -> tuple[str, int, str] | None:
    """A numbered heading about another year than the document's (a 决算's and a 预算's speak of their own)."""
    m = _HEADING_YEAR.match(text)
    if not m or int(m["y"]) == year or _NOT_OWN_YEAR.search(m["pre"] + m["rest"]):
        return None
    if kind == "budget" and "预算" not in m["rest"] and int(m["y"]) < year - 1:
        return None  # far back: a history, not this budget's year
    if kind == "budget" and int(m["y"]) < year and _LOOKING_BACK.search(m["rest"]):
        return None  # 二、2022年度绩效自评结果: a budget may report last year's results
    if int(m["y"]) > year and _LOOKING_AHEAD.search(m["rest"]):
        return None  # 三、2025年重点工作安排 in a 2024 决算: the next year's plans
    return (f"标题“{text.rstrip('。')}”", int(m["y"]), f"{year}年")


def period_year(text: str, previous: str | None, year: int, kind: str) -> tuple[str, int, str] | None:
    """A budget's project whose 实施周期 lies wholly before the budget year."""
    m = _PERIOD.match(text)
    said = text.startswith("实施周期") or (previous or "").rstrip("。:").endswith("实施周期")
    if kind != "budget" or not m or not said or int(m["b"]) >= year or int(m["a"]) > int(m["b"]):
        return None
    return (f"实施周期“{text.removeprefix('实施周期').strip(':。')}”", int(m["b"]), f"{year}年")


def year_problems(text: str, heading: bool, year: int, kind: str) -> list[tuple[str, int, str]]:
    """(what, year printed, expected) for each clear contradiction of the document's year."""
    out = []
    word = {"final_account": "决算", "budget": "预算"}.get(kind)
    for m in _TITLE_YEAR.finditer(text):
        y = int(m["y"])
        if m["kind"] == word and y != year and (heading or m["rest"]):
            out.append((f"标题“{m[0]}”", y, f"{year}年"))
    dates = list(_AS_OF.finditer(text))
    this_year = any(int(m["y"]) == year for m in dates)  # 截至2024年末 … 比截至2023年末: a comparison
    for m in dates:
        y = int(m["y"])
        if text[max(0, m.start() - 1):m.start()] in ("与", "比", "较") or not _ASSETS.search(text):
            continue  # 与截至2023年12月31日相比: the date compared with; a date outside the assets: a project's
        if kind == "final_account" and y < year and not this_year:
            out.append((f"日期“{m[0]}”", y, f"截至{year}年末"))
        elif kind == "budget" and (y > year or y < year - 2):
            out.append((f"日期“{m[0]}”", y, f"{year - 1}年前后"))
    for m in _VERSUS.finditer(text):
        y, what = int(m["y"]), (m["what"] or "") + ("预算" if "预算" in m["tail"] else "")
        if kind == "budget" and y >= year and "决算" not in what:
            out.append((f"比较“{m[0]}”", y, f"{year - 1}年（上年）"))
        elif kind == "final_account" and "预算" not in what and y >= year:
            out.append((f"比较“{m[0]}”", y, f"{year - 1}年（上年）"))
        elif kind == "final_account" and "预算" in what and y != year:
            out.append((f"比较“{m[0]}”", y, f"{year}年预算"))
    return out


@rule("year_inconsistent", "warning",
      "标题、日期或比较中的年份与文件年度矛盾（如2024年决算中的“2023年度部门决算情况说明”、2026年预算中的“比2026年预算”）",
      scope="agency_year", prose=True)
def year_inconsistent(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A year in a heading, an as-of date or a comparison that contradicts the document's year."""
    rows = []
    for r, prev in with_previous(sentences(frames)):
        if r["year"] is None or r["doc_kind"] not in ("final_account", "budget"):
            continue
        heading = "heading" in (r["_tags"] or "")
        seen = set()
        found = year_problems(r["_flat"], heading, r["year"], r["doc_kind"])
        extra = (heading_year(r["_flat"], r["year"], r["doc_kind"]),
                 period_year(r["_flat"], prev["_flat"] if prev else None, r["year"], r["doc_kind"]))
        found += [e for e in extra if e and not found]  # one flag per sentence: a title problem says it already
        for what, printed, expected in found:
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


@rule("percentage_misstated", "error",
      "情况说明中的百分比与其所依据的数字不符（超出印刷精度；相差不超过 minor_points 个百分点为警告）",
      scope="agency_year", prose=True, minor_points=0.05)
def percentage_misstated(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A share, growth or completion rate the sentence's own figures do not give (beyond the printed digits); a
    share whose part is the misprint (prose_parts) is narrative_table_mismatch's."""
    found = checks(frames, with_previous(sentences(frames)))
    slips = part_slips(frames, found)
    rows = [row(r, _cj=json.dumps(c, ensure_ascii=False), _quote=quote(r, c.get("clause")))
            for i, (r, c) in enumerate(found) if i not in slips]
    rows += [row(r, _cj=json.dumps(c, ensure_ascii=False), _quote=quote(r, c["clause"])) for r, c in bare_rates(frames)]
    return emit(
        frame_of(rows),
        lambda r: (f"第{r['page']}页{_c(r)['kind']}印作 {_c(r)['printed']:g}%，按文中数字 {_c(r)['formula']} "
                   f"应为 {_c(r)['computed']:.2f}%{hint(_c(r))}：“{r['_quote']}”"),
        lambda r: {**_c(r), **hint_evidence(_c(r)), "text": r["text"]},
        lambda r: "warning" if abs(abs(_c(r)["printed"]) - abs(_c(r)["computed"])) <= p["minor_points"] else None,
    )


def bare_rates(frames: Frames) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(sentence, check) of each rate a total is printed with, no figures beside it, that the document's own two
    years of that total do not give (fiscal/rules/prose_rates.py)."""
    sents = sentences(frames)
    rated = sents.filter(pl.col("_flat").str.contains("%"), pl.col("_flat").str.contains(_BARE_HINT))
    if rated.is_empty():
        return
    docs = rated["doc_id"].unique().to_list()
    texts: dict[str, list[str]] = dict(sents.filter(pl.col("doc_id").is_in(docs)).group_by("doc_id")
                                       .agg(pl.col("_flat")).iter_rows())
    stated = frames.narrative.filter(pl.col("doc_id").is_in(docs), pl.col("key").is_in(list(SUBJECTS)),
                                     pl.col("amount").is_not_null())
    first: dict[str, dict[str, tuple[float, str | None]]] = {}
    for r in stated.sort("page").iter_rows(named=True):  # the first statement of each (one per key)
        first.setdefault(r["doc_id"], {}).setdefault(r["key"], (r["amount"], r["unit"]))
    for r in rated.iter_rows(named=True):
        for c in bare_rate_checks(r["_flat"], texts.get(r["doc_id"], []), first.get(r["doc_id"], {}), r["year"]):
            yield r, c


_BARE_HINT = r"(?:较|比)上年|同比|与上年相比"


# ---------------------------------------------------------------- comparison_wording_wrong

def _wording_message(r: dict[str, Any]) -> str:
    c = _c(r)
    if c.get("reason"):
        return f"第{r['page']}页称“持平”，而其所说原因是{c['actual']}，持平与原因自相矛盾：“{r['_quote']}”"
    if c.get("rate_verdict"):
        word = c["word"]
        said = f"决算数“{word}”预算数" if word in ("大于", "小于", "高于", "低于") else f"决算数与预算数“{word}”"
        side = "高" if c["actual"] == "大于" else "低"
        return (f"第{r['page']}页称完成预算的 {c['pct']:g}%，又称{said}，"
                f"而完成率{side}于 100% 即决算数{c['actual']}预算数：“{r['_quote']}”")
    if c.get("reversed"):
        return (f"第{r['page']}页称本年 {wan(c['second'])} 万元比上年{c['word']} {wan(c['change'])} 万元、"
                f"{c['rate_word']} {c['pct']:g}%，而 {c['pct']:g}% 恰为上年 {wan(c['first'])} 万元时的幅度，"
                f"即实为{c['actual']}，增减用词有误：“{r['_quote']}”")
    if c.get("rate_word"):
        return (f"第{r['page']}页同一比较既称{c['word']} {wan(c['change'])} 万元、又称{c['rate_word']} {c['pct']:g}%，"
                f"增减方向自相矛盾：“{r['_quote']}”")
    if c["first"] is None:
        return (f"第{r['page']}页称本年为 {wan(c['second'])} 万元、比上年{c['word']} {wan(c['change'])} 万元，"
                f"则上年为负数，不可能：“{r['_quote']}”")
    a, b = c["labels"]
    return (f"第{r['page']}页称“{c['word']}”，但文中{a} {wan(c['first'])} 万元、{b} {wan(c['second'])} 万元，"
            f"实为{c['actual']}{slip_hint(c, flat(r['text']))}：“{r['_quote']}”")


@rule("comparison_wording_wrong", "error",
      "比较用语（增加/减少/持平、大于/小于/等于）与其比较的两个数字矛盾，或称持平而所述原因是增减",
      scope="agency_year", prose=True)
def comparison_wording_wrong(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """增加 where the figures fell, 大于 where the 决算 is smaller, 持平 or 等于 for two different figures."""
    rows = []
    for r, prev in with_previous(sentences(frames)):
        for c in wording_checks(r["_flat"], prev["_flat"] if prev else None):
            rows.append(row(r, _cj=json.dumps(c, ensure_ascii=False), _quote=quote(r, c.get("clause"))))
        if "持平" not in r["_flat"] + (prev["_flat"] if prev else ""):
            continue
        if level := level_reason_check(r["_flat"], prev["_flat"] if prev else None):
            at = prev if level["in_previous"] and prev else r  # the flag stands where the 持平 is printed
            rows.append(row(at, _cj=json.dumps(level, ensure_ascii=False),
                            _quote=f"{level['clause']}……原因：{level['reason']}"))
    return emit(frame_of(rows), _wording_message,
                lambda r: {**_c(r), **_slip_evidence(_c(r), r["text"]), "text": r["text"]})


def _slip_evidence(c: dict[str, Any], text: str) -> dict[str, Any]:
    """The hint of a contradicted word whose printed rate fits a figure with a stray digit (as its message says)."""
    plain = not c.get("rate_verdict") and not c.get("rate_word") and c.get("first") is not None
    check = slip_check(c, flat(text)) if plain else None
    return hint_evidence(check) if check else {}
