"""Completeness and naming: the tables a disclosure must contain, the agency it names, the
national names of the function codes it prints."""

from __future__ import annotations

import re
import unicodedata

import polars as pl

from fiscal.naming import agency_key
from fiscal.rules.engine import OCR_CAVEAT, Frames, emit, frame_of, ocr_pages, on_page, rule
from fiscal.rules.labels import TABLE_LABELS
from fiscal.rules.lookups import NIL_SUBJECTS, national_codes, norm_name
from fiscal.rules.lookups import REQUIRED_TABLES as REQUIRED_TABLES  # its home moved; importers keep this name
from fiscal.rules.reading import listed_absent
from fiscal.schema import SCANNED_NOTE

_EMPTY_NOTE = re.compile(r"^(?P<title>.+?)（第(?P<page>\d+)页）为空表但未说明")


@rule("missing_tables", "warning",
      "决算或预算缺少公开规定要求的表格，或空表未作说明（入库文件中规定表格不超过一半时仅作提示：表格可能另行发布）",
      min_share=0.5, scope="agency_year")
def missing_tables(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """Required table families absent from every PDF of an agency-year-kind; empty tables without 空表说明.

    Absent means: no table of the family found and no page titled with it (the `readings` rows); a
    table titled but not read is a reading note (`reading_incomplete`), not a missing table. A table a
    目录 lists is present unless the listing document holds tables and shows this one on no page
    (`listed_absent`: the 目录 promises it, the pages lack it); the flag then names the 目录's page.
    Lakes without `readings` use the families found.
    A group with an OCR'd document accuses nothing: its tables may be pages OCR could not read. A group
    holding no more than `min_share` of its required tables is a note (info): a file with one or two of the
    tables is part of a disclosure published in several files (one table per file, tables apart from the
    text), the others not in the lake — a disclosure that leaves a table out lacks one or two, not most;
    unless its own 目录 lists a missing table (`listed_absent`)."""
    docs = frames.documents.filter(pl.col("doc_kind").is_in(list(REQUIRED_TABLES)))
    readings = frames.readings
    absent = listed_absent(frames)
    present = readings.filter(pl.col("found").fill_null(True) | pl.col("listed").fill_null(False)
                              | (pl.col("seen_pages").list.len().fill_null(0) > 0)).join(
        absent, on=["doc_id", "family"], how="anti")
    toc_page = {(d, f): page for d, f, page in absent.iter_rows()}
    traced = set(readings["doc_id"].to_list())
    present_of: dict[str, set[str]] = {}
    for doc_id, family in present.select("doc_id", "family").iter_rows():
        present_of.setdefault(doc_id, set()).add(family)
    rows = []
    for _, g in docs.group_by(["region_code", "agency_id", "year", "doc_kind"], maintain_order=True):
        found = {t for ts in g["tables"].to_list() for t in (ts or [])}
        for doc_id in g["doc_id"].to_list():
            if doc_id in traced:
                found |= present_of.get(doc_id, set())
        if any(w.startswith(SCANNED_NOTE) for ws in g["warnings"].to_list() for w in (ws or [])):
            continue
        kind = g["doc_kind"][0]
        missing = [t for t in REQUIRED_TABLES[kind] if t not in found]
        if missing:
            lead = g.with_columns(pl.col("tables").list.len().fill_null(0).alias("_n")).sort(
                ["_n", "doc_id"], descending=[True, False]).row(0, named=True)
            listed = [(toc_page[d, t], t) for d in g["doc_id"].to_list() for t in missing if (d, t) in toc_page]
            required = len(REQUIRED_TABLES[kind])
            rows.append({**lead, "page": min(listed)[0] if listed else None, "_missing": missing,
                         "_listed": sorted({t for _, t in listed}), "_files": g["source_name"].to_list(),
                         "_kind": kind, "_none": len(missing) == required,
                         # a 目录 listing a table no page shows is the document's own promise: never excused
                         "_few": not listed and required - len(missing) <= p["min_share"] * required})
    kinds = {"final_account": "部门决算", "budget": "部门预算"}
    flags = [emit(
        frame_of(rows),
        lambda r: (f"{r['year']} 年{kinds[r['_kind']]}（已入库 {len(r['_files'])} 个文件）中未找到："
                   + "、".join(TABLE_LABELS.get(t, t) for t in r["_missing"])
                   + (_listed_note(r["page"], r["_listed"], r["_missing"]) if r["_listed"] else "")
                   + ("；一张规定表格也未识别到，表格可能另行发布而未入库" if r["_none"]
                      else "；入库文件只含少数规定表格，其余可能另行发布而未入库" if r["_few"] else "")),
        lambda r: {"missing": r["_missing"], "files": r["_files"], "none_found": r["_none"], "few_found": r["_few"],
                   "listed_in_toc": r["_listed"], "toc_page": r["page"]},
        lambda r: "info" if r["_few"] else None,
    )]
    notes = []
    said = _said_empty(frames)
    scanned = ocr_pages(frames.documents)
    for r in docs.iter_rows(named=True):
        if _PLACEHOLDER.search(r["agency"] or ""):
            continue  # a blank template: its empty tables are the template's (template_residue says so)
        for w in r["warnings"] or []:
            m = _EMPTY_NOTE.match(w)
            if m and not _explained(m["title"], said.get((r["agency_id"], r["year"]), [])):
                page = int(m["page"])
                # an OCR'd page: its 空表说明 may be a line OCR did not read (a note, not a finding)
                ocr = r["doc_id"] in scanned and (scanned[r["doc_id"]] is None or page in (scanned[r["doc_id"]] or ()))
                notes.append({**r, "page": page, "_title": m["title"], "_ocr": ocr})
    flags.append(emit(
        frame_of(notes),
        lambda r: (f"{r['_title']}（第{r['page']}页）为空表，但未注明“本表无数据”之类的空表说明"
                   + (OCR_CAVEAT if r["_ocr"] else "")),
        lambda r: {"table": r["_title"], "empty": True},
        lambda r: "info" if r["_ocr"] else None,
    ))
    return pl.concat(flags)






def _listed_note(toc_page: int, listed: list[str], missing: list[str]) -> str:
    """（目录第N页列有[…]，但各页均无该表）: the missing tables the document's own 目录 promises."""
    which = "" if set(listed) == set(missing) else "、".join(TABLE_LABELS.get(t, t) for t in listed)
    return f"（目录第{toc_page}页列有{which}，但各页均无该表）"


_PLACEHOLDER = re.compile(r"X{2,}|×{2,}")
# What an empty table is about, as its title and the prose name it.
_NOTHING = re.compile(r"无|没有|未安排|不涉及|为零|均为0|(?<![\d.])0(?:\.0+)?万元")


def _said_empty(frames: Frames) -> dict[tuple[str, int], list[str]]:
    """(agency_id, year) → the prose sentences of its documents that say something is nil."""
    rows = frames.narrative.filter(pl.col("key") == "sentence")
    out: dict[tuple[str, int], list[str]] = {}
    for agency_id, year, text in rows.select("agency_id", "year", "text").iter_rows():
        flat = re.sub(r"\s+", "", text or "")
        if _NOTHING.search(flat):
            out.setdefault((agency_id, year), []).append(flat)
    return out


def _explained(title: str, sentences: list[str]) -> bool:
    """An empty table is explained when the prose of its agency-year says its subject is nil
    (江苏 budgets: "本部门无政府性基金预算" in the narrative file, the empty table in the tables file)."""
    subject = next((s for s in NIL_SUBJECTS if s in title), None)
    return subject is not None and any(subject in s for s in sentences)


def same_agency(a: str, b: str, region_code: str | None) -> bool:
    """Do two printed names denote one agency (spelling variants, region prefix, a name cut by a line wrap)?"""
    ka, kb = agency_key(a, region_code), agency_key(b, region_code)
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    if len(short) >= 3 and long.startswith(short):
        return True
    # 教委 for 教育委员会 (an abbreviation keeps its characters in order); 医疗保障事务中心 in the report of
    # 医疗保障局 (a unit of the department, one name but for the body's kind)
    rest = iter(long)
    if len(short) >= 2 and short[0] == long[0] and all(c in rest for c in short):
        return True
    core_a, core_b = _BODY.sub("", ka), _BODY.sub("", kb)
    return len(core_a) >= 2 and core_a == core_b


# The kind of body ending an agency's name: what its department and its units differ by.
_BODY = re.compile(r"(?:事务中心|服务中心|管理中心|中心|管理局|局|厅|委员会|委|办公室|办|院|所|站|队|馆|处|室)$")


@rule("agency_name_inconsistent", "warning", "封面、表头与情况说明中的单位名称不一致", scope="agency_year", prose=True)
def agency_name_inconsistent(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A table header or the prose names another agency than the cover (the document's agency without a cover)."""
    names = frames.narrative.filter(pl.col("key").str.starts_with("agency_name_"), pl.col("value").is_not_null())
    cover = names.filter(pl.col("key") == "agency_name_cover").sort("page").unique("doc_id", keep="first").select(
        "doc_id", pl.col("value").alias("_cover"), pl.col("page").alias("_cover_page"))
    others = names.filter(pl.col("key") != "agency_name_cover").join(cover, on="doc_id", how="left").with_columns(
        pl.coalesce("_cover", "agency").alias("_ref"))
    differs = pl.struct("value", "_ref", "region_code").map_elements(
        lambda s: not same_agency(s["value"], s["_ref"], s["region_code"]), return_dtype=pl.Boolean)
    hits = others.filter(differs) if others.height else others
    hits = hits.sort("page").unique(["doc_id", "key", "value"], keep="first", maintain_order=True)
    where = {"agency_name_table": "表头", "agency_name_prose": "情况说明"}
    named = emit(
        hits,
        lambda r: (f"{'封面' if r['_cover'] else '文件'}单位为“{r['_ref']}”，第{r['page']}页{where.get(r['key'], '')}"
                   f"写作“{r['value']}”"),
        lambda r: {"reference": r["_ref"], "reference_source": "cover" if r["_cover"] else "document",
                   "cover_page": r["_cover_page"], "name": r["value"], "where": r["key"], "text": r["text"]},
    )
    return pl.concat([named, _placeholder_names(frames, cover)])


# An agency name left as a template placeholder: 上海市XX局, XXX中心 (in a name line, the cover or a heading).
_PLACEHOLDER_NAME = re.compile(r"[^\s,，。;；:：、“”()（）\d]{0,10}?(?:X{2,}|×{2,})[^\s,，。;；:：、“”()（）\dX]{0,8}?"
                               r"(?:局|厅|委员会|委|办公室|办|中心|院|所|站|队|馆|部门|单位)")


_LEAD = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|纳入|包括|从|由|\d+)+")


def _placeholder_names(frames: Frames, cover: pl.DataFrame) -> pl.DataFrame:
    """Names and headings that name the agency by a template placeholder (one flag per document and name)."""
    nar = frames.narrative.filter(
        pl.col("key").str.starts_with("agency_name_")
        | ((pl.col("key") == "sentence") & pl.col("value").fill_null("").str.contains("heading")))
    rows, seen = [], set()
    nar = nar.join(cover, on="doc_id", how="left").with_columns((pl.col("key") == "sentence").alias("_prose"))
    for r in nar.sort(["doc_id", "page", "_prose", "key", "text"]).iter_rows(named=True):  # a fixed order
        said = r["value"] if r["key"] != "sentence" else r["text"]
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", said or ""))
        m = _PLACEHOLDER_NAME.search(text)
        name = _LEAD.sub("", m[0]) if m else ""
        if name and (r["doc_id"], name) not in seen:
            seen.add((r["doc_id"], name))
            rows.append({**r, "_name": name, "_quote": text[:60]})
    return emit(
        frame_of(rows),
        lambda r: (f"第{r['page']}页的单位名称是模板占位符“{r['_name']}”（“{r['_quote']}”）"
                   + (f"，封面单位为“{r['_cover']}”" if r["_cover"] and r["_cover"] != r["_name"] else "")),
        lambda r: {"name": r["_name"], "cover": r["_cover"], "cover_page": r["_cover_page"], "where": r["key"],
                   "text": r["text"], "placeholder": True},
    )


def _similarity(a: str, b: str) -> float:
    """0–100 similarity of two names, tolerant of a name cut short by a line wrap."""
    a, b = norm_name(a), norm_name(b)
    try:
        from rapidfuzz import fuzz

        return max(fuzz.ratio(a, b), fuzz.partial_ratio(a, b) if min(len(a), len(b)) >= 4 else 0.0)
    except ImportError:  # the dashboard can run without rapidfuzz
        from difflib import SequenceMatcher

        return 100.0 * SequenceMatcher(None, a, b).ratio()


@rule("code_name_mismatch", "warning", "功能分类科目编码与名称不符合国家政府收支分类科目",
      min_similarity=70.0, scope="agency_year", prose=True)  # a name OCR misread is no finding (engine.Rule.prose)
def code_name_mismatch(frames: Frames, p: dict[str, float]) -> pl.DataFrame:
    """A printed (code, name) whose name is unlike every national name of that code (unknown codes pass)."""
    codes = national_codes()
    digits = pl.col("name").str.replace_all(r"[\s\d.]", "") == ""  # the name read is the code (a misreading)
    lines = (frames.line_items.filter(pl.col("code").is_in(list(codes)), pl.col("name").is_not_null(), ~digits)
             .sort("page").unique(["doc_id", "code", "name"], keep="first", maintain_order=True))
    rows = []
    for r in lines.iter_rows(named=True):
        if not re.search(r"[\u4e00-\u9fff]", r["name"]):
            continue  # the name read is empty or the code itself: a reading gap, not a naming error
        best = max(_similarity(r["name"], n) for n in codes[r["code"]])
        if best < p["min_similarity"]:
            rows.append({**r, "_expected": codes[r["code"]][0], "_score": round(best, 1)})
    return emit(
        frame_of(rows),
        lambda r: (on_page(r) + f"{TABLE_LABELS.get(r['table'], r['table'])}科目 {r['code']} 印作“{r['name']}”，"
                   f"国家分类中该编码为“{r['_expected']}”"),
        lambda r: {"code": r["code"], "printed": r["name"], "national": list(codes[r["code"]]),
                   "similarity": r["_score"], "table": r["table"]},
    )
