"""The agency as a document names it: on the cover (agency_name_cover), in each 部门：/单位： line above a table
(agency_name_table) and in the 情况说明 before a year (agency_name_prose) — narrative rows the rule
agency_name_inconsistent compares (ingest/narrative.py adds them)."""

from __future__ import annotations

import re
from typing import Any

from ingest.model import DocMeta
from ingest.narrative_text import HEADER_LINE, PAGE_NUMBER, flatten_page, is_toc, normalise, sentence_around

_AGENCY_SUFFIX = r"(?:局|厅|委员会|委|办公室|办|中心|院|所|站|队|馆|会|部|处|政府|学校|社|宫|台)"
_UNITS = {"万元", "元", "千元", "亿元"}
_COVER_SUFFIX = re.compile(r"(?:区级|市级|省级|县级)?(?:部门|单位)?(?:决算|预算)(?:公开)?(?:报表|文件)?$")


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", "", name).strip(" :：,，")


def cover_name(page_texts: list[str]) -> str | None:
    """The agency on the cover: a 部门：/主管部门： line, else the title without year and 部门决算/预算."""
    if not page_texts:
        return None
    lines = [ln.strip() for ln in normalise(page_texts[0]).split("\n")]
    lines = [ln for ln in lines if ln and not PAGE_NUMBER.match(ln) and not re.fullmatch(r"[-—–\s\d]+", ln)]
    for ln in lines:
        m = HEADER_LINE.match(ln)
        if m and _clean_name(m["name"]) and _clean_name(m["name"]) not in _UNITS:
            return _clean_name(m["name"])
    title = ""
    for ln in lines[:4]:
        if "目录" in ln.replace(" ", ""):
            break
        title += ln
    title = re.sub(r"\s+", "", title)
    m = re.search(r"(\d{4})年度?", title)
    if not m:
        return None
    before, after = title[:m.start()], title[m.end():]
    name = before or _COVER_SUFFIX.sub("", re.sub(r"(?:部门|单位)(?:决算|预算).*$", "", after))
    name = _COVER_SUFFIX.sub("", name)
    return name if len(name) >= 3 and re.search(r"[\u4e00-\u9fff]", name) else None


def table_names(page_texts: list[str], doc: DocMeta) -> list[dict[str, Any]]:
    """Each distinct agency named in a 部门：/单位：/编制部门： line (page 1 is the cover)."""
    rows, seen = [], set()
    for number, text in enumerate(page_texts, start=1):
        for line in normalise(text).split("\n"):
            m = HEADER_LINE.match(line)
            if not m:
                continue
            name = _clean_name(m["name"])
            if number == 1 and re.match(r"^\s*(?:预算主管部门|主管部门)", line):
                continue  # the cover's own line
            if not name or name in _UNITS or name in seen or not re.search(r"[\u4e00-\u9fff]{2}", name):
                continue
            seen.add(name)
            rows.append({**doc.common(number), "key": "agency_name_table", "text": line.strip(), "amount": None,
                         "unit": None, "value": name})
    return rows


def _region_prefixes(doc: DocMeta) -> list[str]:
    names = {doc.region, doc.province, doc.city or ""}
    for parent in (doc.city, doc.province):
        if parent and doc.region.startswith(parent) and len(doc.region) > len(parent):
            names.add(doc.region[len(parent):])
    return sorted((n for n in names if n), key=len, reverse=True)


def _prose_page(text: str) -> str:
    """A page flattened without its 部门：/单位： header lines."""
    lines = [ln for ln in normalise(text).split("\n") if not HEADER_LINE.match(ln)]
    return flatten_page("\n".join(lines))


def prose_name(page_texts: list[str], doc: DocMeta) -> dict[str, Any] | None:
    """The agency as the 情况说明 names it before a year (else the first such mention after the cover)."""
    prefixes = "|".join(re.escape(p) for p in _region_prefixes(doc))
    if not prefixes:
        return None
    pattern = re.compile(
        rf"(?P<name>(?:中共|中国共产党)?(?:{prefixes})[^\s,.;:“”()、\d。]{{0,25}}?{_AGENCY_SUFFIX}(?:\(本级\)|本级)?)"
        r"\s*\d{4}\s*年(?!度?(?:部门|单位)?(?:决算|预算)表)"
    )
    pages = [(n, _prose_page(t)) for n, t in enumerate(page_texts, start=1) if n > 1 and not is_toc(t)]
    headings = [n for n, t in pages if re.search(r"第[一二三四五六七八九十]部分.{0,40}?情况说明", t)]
    section = headings[-1] if headings else next((n for n, t in pages if "情况说明" in t), None)
    for candidates in ([p for p in pages if section and p[0] >= section], pages):
        for number, text in candidates:
            m = pattern.search(text)
            if m:
                return {**doc.common(number), "key": "agency_name_prose",
                        "text": sentence_around(text, m.start(), m.end()), "amount": None, "unit": None,
                        "value": m["name"]}
    return None
