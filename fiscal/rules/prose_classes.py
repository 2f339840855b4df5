"""功能分类 类 figures stated in the prose ("支出包括：社会保障和就业支出 408.99 万元、卫生健康支出 17.8 万元")
against the 类 rows (3-digit codes) of the document's tables, matched by the class name the document
prints (or its national name). Used by narrative_table_mismatch (fiscal/rules/narrative.py)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import polars as pl

from fiscal.rules.engine import EPS, ROUNDING, Frames, complete_rows, rounding_severity
from fiscal.rules.lookups import PROSE_TABLES, national_codes, norm_name
from fiscal.rules.prose import sentences
from fiscal.rules.prose_figures import NUMBER, stated_tolerance, to_wan
from fiscal.rules.prose_parts import digit_slip

_AFTER = r"(?:\((?:\d{3})?类\))?(?:支出)?(?:合计)?(?:为|:)?" + NUMBER + r"(亿元|万元|元)(?![\d%])"
# a change, or a figure of another year: not the class's figure of this document
_NOT_THIS = re.compile(r"增加|减少|增长|下降|上年|去年|同期|其中")


def not_this_years(text: str, at: int, year: int, parts: bool = True) -> bool:
    """Is the 类 named at `at` said with a change, another year or as a part (其中) — by the words of its own clause
    (“…较上年减少6.03万元；卫生健康支出（类）1,358.08万元”: that change is the class before's), 其中 a few characters
    before it (`parts`: 其中 counts)?"""
    before = text[max(0, at - 8):at]
    clause = text[max(text.rfind(c, 0, at) for c in ",;。:") + 1:at]
    years = {int(y) for y in re.findall(r"((?:19|20)\d{2})年", clause)}
    said = _NOT_THIS.search((before[-len(clause):] if clause else "").replace("其中", ""))
    return bool(said) or (parts and "其中" in before) or bool(years - {year})


def _class_lines(frames: Frames) -> pl.DataFrame:
    """Every 功能分类 类 figure the document's tables give, any column (read with confidence): the 类 rows
    (3-digit codes) as printed, and for a table printing only 项 rows whose 项 add up to its 合计, the
    sum of each 类's 项 (a 类 figure the table implies)."""
    li = complete_rows(frames, "line_items").filter(pl.col("amount").is_not_null())
    printed = li.filter(pl.col("code").str.len_chars() == 3)
    items = li.filter(pl.col("code").str.len_chars() == 7)
    totals = li.filter(pl.col("code").is_null() | (pl.col("code") == ""))
    sums = (items.group_by(["doc_id", "table", "measure"])
            .agg(pl.col("amount").sum().alias("_items"), pl.len().alias("_n"))
            .join(totals.select("doc_id", "table", "measure", pl.col("amount").alias("_total")),
                  on=["doc_id", "table", "measure"])
            .filter((pl.col("_items") - pl.col("_total")).abs() <= ROUNDING * pl.col("_n") + 1e-9))
    implied = (items.join(sums.select("doc_id", "table", "measure"), on=["doc_id", "table", "measure"])
               .join(printed.select("doc_id", "table").unique(), on=["doc_id", "table"], how="anti")
               .with_columns(pl.col("code").str.slice(0, 3))
               .group_by(["doc_id", "table", "measure", "code"], maintain_order=True)
               .agg(pl.col("amount").sum().round(2), pl.col("page").min(), pl.lit("").alias("name")))
    cols = ["doc_id", "table", "measure", "code", "amount", "page", "name"]
    return pl.concat([printed.select(cols), implied.select(cols)], how="vertical_relaxed")


def _pattern(names: dict[str, str]) -> re.Pattern[str] | None:
    """One pattern for the class names of a document, longest first (社会保障和就业支出 before 就业支出)."""
    if not names:
        return None
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # not the tail of a longer name (就业支出 in 社会保障和就业支出), but after 主要用于/包括/其中 a name starts
    return re.compile(rf"(?:(?<![\u4e00-\u9fff])|(?<=用于)|(?<=包括)|(?<=其中))(?P<name>{alts})" + _AFTER)


def class_mismatches(frames: Frames) -> list[dict[str, Any]]:
    """Each 类 figure of a sentence that no table row of that 类 prints (beyond the printed precision)."""
    lines = _class_lines(frames)
    if lines.is_empty():
        return []
    docs = frames.documents.select("doc_id", "region_code", "agency_id", "year", "doc_kind")
    out = []
    for (doc_id,), rows in sentences(frames).group_by(["doc_id"], maintain_order=True):
        me = docs.filter(pl.col("doc_id") == doc_id)
        own = lines.filter(pl.col("doc_id") == doc_id)
        if own.is_empty() and not me.is_empty():  # a narrative PDF published beside its tables PDF
            sib = docs.join(me.drop("doc_id"), on=["region_code", "agency_id", "year", "doc_kind"])
            own = lines.filter(pl.col("doc_id").is_in(sib["doc_id"].to_list()))
        if own.is_empty():
            continue
        names: dict[str, str] = {}
        for code in set(own["code"].to_list()):
            for n in {norm_name(x) for x in own.filter(pl.col("code") == code)["name"] if x} | set(
                    national_codes().get(code, ())):
                if len(n) >= 4 and n.endswith("支出"):
                    names.setdefault(norm_name(n), code)
        pattern = _pattern(names)
        if pattern is None:
            continue
        for r in rows.iter_rows(named=True):
            for m in pattern.finditer(r["_flat"]):
                if not_this_years(r["_flat"], m.start(), r["year"], parts=False):
                    continue
                amount, code = to_wan(m[2], m[3]), names[m["name"]]
                printed = own.filter(pl.col("code") == code)
                if any(abs(amount - a) < EPS for a in printed["amount"]):
                    continue
                if not_this_years(r["_flat"], m.start(), r["year"]) and not any(
                        digit_slip(amount, a) for a in printed["amount"]):
                    continue  # a part (其中) of some total: a misprint only when one slip of the pen from a 类 figure
                totals = printed.filter(pl.col("measure") == "total", pl.col("table").is_in(list(PROSE_TABLES)))
                if totals.is_empty():
                    continue
                t = min(totals.iter_rows(named=True), key=lambda t: abs(amount - t["amount"]))
                diff = round(amount - t["amount"], 2)
                sev = rounding_severity(diff, stated_tolerance(amount, m[3]))
                if sev:
                    out.append({**{k: v for k, v in r.items() if not k.startswith("_")}, "key": "class_amount",
                                "amount": amount, "value": f"{code}|{m['name']}||", "_code": code, "_diff": diff,
                                "_sev": sev, "_table": t["table"], "table_amount": t["amount"],
                                "table_page": t["page"], "table_doc_id": t["doc_id"]})
    return out


_HEADING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")


class Sections:
    """The heading a prose statement stands under ("(二)项目支出情况"), found through the sentence rows."""

    def __init__(self, frames: Frames) -> None:
        self._docs: dict[str, list[tuple[int, str, bool]]] = {}
        for r in sentences(frames).iter_rows(named=True):
            heading = "heading" in (r["_tags"] or "") or (bool(_HEADING.match(r["_flat"])) and len(r["_flat"]) <= 30)
            self._docs.setdefault(r["doc_id"], []).append((r["page"], r["_flat"], heading))

    def heading_of(self, doc_id: str, page: int, text: str) -> str:
        """The nearest heading before the sentence holding `text` on `page` ("" when not found)."""
        probe = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))[-60:]
        rows = self._docs.get(doc_id, [])
        at = next((i for i, (pg, t, _) in enumerate(rows) if pg == page and probe and probe in t), None)
        if at is None:
            return ""
        return next((t for _, t, h in reversed(rows[:at]) if h), "")


# a 项 named without its (款) marker: 人大事务行政运行（项）支出 10528.33 万元 (the 款 name run into the 项's),
# 社会保障和就业(类)行政事业单位社会保险经办机构(项)2023年预算数为50.6万元
_BARE_ITEM = re.compile(r"(?:(?P<cls>[\u4e00-\u9fff]{2,20})\((?:\d{3})?类\))?"
                        r"(?P<pre>[^()\d,;。:、“”\"]{2,30})\((?:\d{2})?项\)[”\"]?"
                        r"(?P<said>[^\d,;。]{0,12}?)(?:(?:19|20)\d{2}年)?(?P<col>[^\d,;。]{0,10}?)(?:为|是|:)?" +
                        NUMBER + r"(万元|元)(?![\d%])")
# the columns a sentence (or its heading) may name before a 项's figure: only then may the figure be that
# column rather than the 项's total
COLUMN_WORDS = {"basic": ("基本支出", "人员经费", "公用经费"), "project": ("项目支出",)}


def bare_item_mismatches(frames: Frames, sections: Sections) -> list[dict[str, Any]]:
    """Each figure of a 项 named without (款) that its table row does not give: the 项 is the document's one
    7-digit line whose name ends the words before （项） (the rest naming its 款, when any, must match);
    the figure must be the 项's total, or a column (基本/项目支出) the sentence or its heading names."""
    li = complete_rows(frames, "line_items").filter(pl.col("code").str.len_chars() == 7, pl.col("amount").is_not_null(),
                                                    pl.col("table").is_in(list(PROSE_TABLES)))
    out = []
    for r in sentences(frames).iter_rows(named=True):
        for m in _BARE_ITEM.finditer(r["_flat"]):
            if r["_flat"][max(0, m.start() - 3):m.start()].endswith("款)") or "(款)" in m[0]:
                continue  # a 项 with its 款 marked: the ingest's item rows cover it
            if re.search(r"上年|去年|增加|减少|比|较", m["said"] + m["col"]):
                continue
            own = li.filter(pl.col("doc_id") == r["doc_id"])
            hits = []
            for code, name in own.select("code", "name").unique().iter_rows():
                item = norm_name(name)
                if len(item) < 2 or not m["pre"].endswith(item):
                    continue
                rest = re.sub(r"^[^\u4e00-\u9fff]+", "", m["pre"][:-len(item)])
                kuan = {norm_name(n) for n in national_codes().get(code[:5], ())}
                cls = any(n.startswith(m["cls"]) for n in national_codes().get(code[:3], ())) if m["cls"] else False
                if not rest or cls or any(rest.endswith(k) for k in kuan):
                    hits.append((code, rest, item))
            if len({c for c, _, _ in hits}) != 1:
                continue  # unknown or ambiguous 项: say nothing
            code, rest, item = hits[0]
            amount = to_wan(m[5], m[6])
            rows = own.filter(pl.col("code") == code)
            said = m["said"] + m["col"] + sections.heading_of(r["doc_id"], r["page"], r["_flat"])
            named = [c for c, words in COLUMN_WORDS.items() if any(w in said for w in words)]
            other = ~pl.col("measure").is_in(list(COLUMN_WORDS))
            allowed = rows.filter(pl.col("measure").is_in(["total", *named]) | other)
            if allowed.is_empty() or any(abs(amount - a) < EPS for a in allowed["amount"]):
                continue
            candidates = list(rows.filter(pl.col("measure") == "total").iter_rows(named=True))
            t = min(candidates or list(allowed.iter_rows(named=True)), key=lambda t: abs(amount - t["amount"]))
            diff = round(amount - t["amount"], 2)
            sev = rounding_severity(diff, stated_tolerance(amount, m[6]))
            if sev:
                out.append({**{k: v for k, v in r.items() if not k.startswith("_")}, "key": "item_amount",
                            "amount": amount, "value": f"{code}|{m['cls'] or ''}|{rest}|{item}", "_code": code,
                            "_diff": diff, "_sev": sev, "_table": t["table"], "table_amount": t["amount"],
                            "table_page": t["page"], "table_doc_id": t["doc_id"]})
    return out
