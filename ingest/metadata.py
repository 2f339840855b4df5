"""Who published a disclosure, where, for which year and of what kind, with the evidence for each.

Sources, most trusted first: caller overrides; the title on the cover (first pages);
labelled lines on the cover (预算主管部门：…); "部门：…" lines above tables (a hint only —
headers are sometimes left over from a template); the file name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

from fiscal.gazetteer import Region, by_code, mentions, resolve
from fiscal.naming import agency_id as make_agency_id
from fiscal.naming import canonical_agency
from ingest.numbers import arabic_years

DOC_KINDS = ("final_account", "budget", "performance_report")
SCOPES = ("department", "unit")
COVER_PAGES = 3  # the title is looked for on this many non-empty first pages
COVER_CHARS = 400  # … within this many characters of each (titles come before the prose)

_NAME = r"[\u4e00-\u9fffA-Za-z（）()]"
_YEAR = r"(?P<year>20\d{2})年度?"
_LEVEL = r"(?:省级|市级|区级|县级|本级)?"
# the words after the year that make a line a document title
_TAIL = r"(?P<tail>[\u4e00-\u9fff]{0,12}?(?:决算|预算|绩效自评|绩效评价)[\u4e00-\u9fff]{0,8})"
_TITLE_AGENCY_FIRST = re.compile(rf"(?P<agency>{_NAME}{{3,40}}){_YEAR}{_LEVEL}{_TAIL}")
# the agency after the year never runs past a form's 表 (…绩效自评表 部门名称 X 年度预算申请), 代表 aside
_TITLE_YEAR_FIRST = re.compile(
    rf"{_YEAR}{_LEVEL}(?P<agency>(?:代表|(?!表){_NAME}){{3,40}}?)(?P<tail>(?:部门|单位)?(?:决算|预算))")
_TITLE_NO_AGENCY = re.compile(rf"{_YEAR}{_LEVEL}{_TAIL}")
_LEADING_JUNK = re.compile(r"^(?:目录)?(?:第[一二三四五六七八九十]+部分)?(?:附件\d*)?(?:关于)?")
# an agency name ends like an agency (局, 厅, 中心, 委员会, …), optionally with 本级
_AGENCY_END = re.compile(r"[局厅委办心院会部室所站队馆社处司校园组团台场联府](?:（?本级）?)?$")
_NOT_AGENCY = ("目录", "部分", "概况", "决算", "预算", "说明", "情况", "报表", "公开")
_BENJI = re.compile(r"[（(]?本级[）)]?$")

# labelled lines: 预算主管部门：X, 部门：X, 编制单位：X (the value ends at the next label)
_COVER_LABELS = ("预算主管部门", "主管部门", "部门名称", "单位名称", "编制单位", "填报单位")
_LABEL = re.compile(
    r"(?<![\u4e00-\u9fff])(预算主管部门|主管部门|部门名称|单位名称|编制单位|填报单位|预算单位|部\s*门|(?<![额額])单\s*位)"
    r"\s*[:：]\s*(.+)"
)
# form cells: the label and its value are separate cells, no colon ("主管部门 四川省大数据中心 实施单位 …");
# the department a form names outweighs the unit that carries the project out; a 区域 self-evaluation of a central
# transfer names the 中央主管部门 (a ministry: not the document's) and the 地方主管部门 (the document's)
_CELL_LABEL = re.compile(
    r"(?<![\u4e00-\u9fff])((?:地方)?主管部门|预算部门|部门[（(]单位[)）]名称|部门名称|单位名称|预算单位|项目实施单位|实施单位)"
    r"\s+([\u4e00-\u9fff（）()]{3,40})"
)
_CELL_WEIGHT = {"主管部门": 3, "地方主管部门": 3, "预算部门": 3, "部门名称": 3, "部门（单位）名称": 3,
                "部门(单位)名称": 3, "单位名称": 2, "预算单位": 2}
_HEADING_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年度?")
_NEXT_LABEL = re.compile(r"\s+\S{0,6}[:：].*$")
_SPACE = re.compile(r"\s+")
_FILE_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_FILE_AGENCY = re.compile(rf"(?P<agency>{_NAME}{{3,40}}?)20\d{{2}}")


class MetadataError(Exception):
    """A document whose agency, year or region cannot be told (the caller quarantines it)."""


@dataclass
class Metadata:
    """The document-level fields of the lake contract, and where each came from."""

    agency: str
    agency_id: str
    region_code: str
    region: str
    province: str
    city: str | None
    year: int
    doc_kind: str
    scope: str
    evidence: list[str] = field(default_factory=list)


@dataclass
class _Title:
    page: int
    text: str
    year: int
    tail: str
    agency: str | None


def infer(pages_text: list[str], source_name: str, overrides: Mapping[str, object] | None = None) -> Metadata:
    """Infer agency, region, year, doc_kind and scope of a document from its page texts."""
    overrides = overrides or {}
    pages_text = [arabic_years(t) for t in pages_text]
    source_name = arabic_years(source_name)
    evidence: list[str] = []
    titles = _titles(pages_text)
    main = next((t for t in titles if t.agency), titles[0] if titles else None)
    cover_labels, header_labels, cell_labels = _labels(pages_text)
    file_agency, file_year, file_kind = _from_file_name(source_name)

    agency = _pick_agency(overrides, main, cover_labels, header_labels + cell_labels, file_agency, evidence,
                          hinting=header_labels)
    scope_hint = "unit" if agency and _BENJI.search(agency) else None
    if agency:
        agency = canonical_agency(_BENJI.sub("", agency))
    year = _pick_year(overrides, main, titles, file_year, evidence, _heading_year(pages_text))
    missing = [what for what, value in (("agency 单位名称", agency), ("year 年度", year)) if not value]
    if missing:
        raise MetadataError(
            f"无法确定{'、'.join(m.split()[1] for m in missing)} / cannot determine "
            f"{', '.join(m.split()[0] for m in missing)} of {source_name!r} "
            "(looked at: the title on the first pages, 部门：/单位： lines, 主管部门/实施单位 cells, headings, "
            "the file name)"
        )
    assert agency is not None and year is not None
    region = _pick_region(overrides, agency, main, pages_text, source_name, evidence)
    doc_kind = _pick_doc_kind(overrides, main, titles, file_kind, pages_text, evidence, _english_kind(source_name))
    scope = _pick_scope(overrides, main, scope_hint, evidence)
    return Metadata(
        agency=agency,
        agency_id=make_agency_id(agency, region),
        region_code=region.code,
        region=region.full_name,
        province=region.province,
        city=region.city,
        year=year,
        doc_kind=doc_kind,
        scope=scope,
        evidence=evidence,
    )


def _titles(pages_text: list[str]) -> list[_Title]:
    """Document titles on the cover pages, in reading order (lines joined: titles wrap mid-word)."""
    found: list[_Title] = []
    seen = 0
    for number, text in enumerate(pages_text, start=1):
        flat = _SPACE.sub("", text)
        if len(re.findall(r"[\u4e00-\u9fff]", flat)) < 4:
            continue  # a blank or page-number-only page
        seen += 1
        if seen > COVER_PAGES:
            break
        head = flat[:COVER_CHARS]
        matches = []
        for pattern in (_TITLE_AGENCY_FIRST, _TITLE_YEAR_FIRST, _TITLE_NO_AGENCY):
            for m in pattern.finditer(head):
                agency = _clean_agency(m.groupdict().get("agency"))
                matches.append((m.start("year"), agency is None, m, agency))
        for _, _, m, agency in sorted(matches, key=lambda x: (x[0], x[1])):
            tail = re.sub(r"(报告|公开|表).*$", r"\1", m.group("tail").split("目录")[0])
            text = m.group(0) if agency else m.group(0)[m.start("year") - m.start() :]
            found.append(_Title(number, text.split("目录")[0], int(m.group("year")), tail, agency))
    return found


def _clean_agency(raw: str | None) -> str | None:
    """A title's agency part, or None when it is no agency name (a region, a heading)."""
    if not raw:
        return None
    name = _LEADING_JUNK.sub("", raw)
    if _is_agency(name):
        return name
    # a heading glued on by the line joining ("公开文件郴州市…局"): start at the first place name
    starts = sorted({start for start, _ in mentions(name) if start > 0})
    if starts:
        start = starts[0] - 2 if name[: starts[0]].endswith("中共") else starts[0]
        if _is_agency(name[start:]):
            return name[start:]
    return None


def _is_agency(name: str) -> bool:
    """Whether a title fragment reads as an agency name (not a heading, not a bare region)."""
    if not 3 <= len(name) <= 40 or not _AGENCY_END.search(name) or any(w in name for w in _NOT_AGENCY):
        return False
    region = resolve(name)
    return region is None or name not in (region.name, region.full_name)


Labels = list[tuple[int, str]]  # (page, agency name)


def _labels(pages_text: list[str]) -> tuple[Labels, Labels, Labels]:
    """(page, value) of labelled agency lines: cover labels, 部门：/单位： table-header lines, form cells."""
    cover: Labels = []
    header: Labels = []
    cells: Labels = []
    for number, text in enumerate(pages_text, start=1):
        for line in text.splitlines():
            for m in _LABEL.finditer(line):
                label = _SPACE.sub("", m.group(1))
                value = _SPACE.sub("", _NEXT_LABEL.sub("", m.group(2).strip()))
                head = re.match(f"{_NAME}*", value)  # `*`: always matches, up to the first punctuation
                value = head.group(0) if head else ""
                if not 3 <= len(value) <= 40 or not _AGENCY_END.search(value):
                    continue  # 单位：万元, a sentence, a cell that wrapped mid-name
                (cover if label in _COVER_LABELS and number <= COVER_PAGES else header).append((number, value))
            if _LABEL.search(line):
                continue
            for m in _CELL_LABEL.finditer(line):
                value = m.group(2)
                if _AGENCY_END.search(value) and not any(w in value for w in _NOT_AGENCY):
                    cells.extend([(number, value)] * _CELL_WEIGHT.get(m.group(1), 1))
    return cover, header, cells


def _from_file_name(source_name: str) -> tuple[str | None, int | None, str | None]:
    """(agency, year, doc_kind) as far as the file name tells them."""
    stem = PurePath(source_name).stem
    m = _FILE_AGENCY.search(_SPACE.sub("", stem))
    agency = _clean_agency(m.group("agency")) if m else None
    years = _FILE_YEAR.findall(stem)
    return agency, int(years[0]) if years else None, _kind_of(stem)


def _english_kind(source_name: str) -> str | None:
    """doc_kind an English word of the file name suggests (…_final_…, …_budget_…, …_perf_…): weaker than any
    printed title, as a file is often named after the document it came with."""
    lower = PurePath(source_name).stem.lower()
    return ("final_account" if "final" in lower else "budget" if "budget" in lower else
            "performance_report" if "perf" in lower else None)


def _kind_of(text: str) -> str | None:
    """doc_kind named in a title; 绩效 first, as a 绩效自评报告 may say 部门预算 too."""
    if re.search(r"绩效(?:自评|评价)", text):
        return "performance_report"
    if "决算" in text:
        return "final_account"
    if "预算" in text:
        return "budget"
    return None


def _pick_agency(
    overrides: Mapping[str, object],
    main: _Title | None,
    cover_labels: list[tuple[int, str]],
    header_labels: list[tuple[int, str]],
    file_agency: str | None,
    evidence: list[str],
    hinting: list[tuple[int, str]] | None = None,
) -> str | None:
    """The agency from the most trusted source that names one; notes disagreeing 部门： headers."""
    headers = Counter(canonical_agency(v) for _, v in header_labels)
    header_top = headers.most_common(1)[0][0] if headers else None
    if overrides.get("agency"):
        evidence.append("agency: override")
        chosen = str(overrides["agency"])
    elif main and main.agency:
        evidence.append(f"agency: title on page {main.page} ({main.text})")
        chosen = main.agency
    elif cover_labels:
        page, value = cover_labels[0]
        evidence.append(f"agency: cover label on page {page} ({value})")
        chosen = value
    elif header_top:
        pages = sorted({p for p, v in header_labels if canonical_agency(v) == header_top})
        evidence.append(f"agency: table headers (部门：/主管部门/实施单位) on {len(pages)} page(s), "
                        f"first page {pages[0]}")
        chosen = header_top
    elif file_agency:
        evidence.append("agency: file name")
        chosen = file_agency
    else:
        return None
    canon = canonical_agency(_BENJI.sub("", chosen))
    named = Counter(canonical_agency(v) for _, v in (header_labels if hinting is None else hinting))
    others = sorted(a for a in named if a != canon and not canon.startswith(a))
    if others:
        evidence.append(f"hint: table headers also name {', '.join(others)} (agency_name_inconsistent?)")
    return chosen


def _pick_year(
    overrides: Mapping[str, object],
    main: _Title | None,
    titles: list[_Title],
    file_year: int | None,
    evidence: list[str],
    heading_year: int | None = None,
) -> int | None:
    """The year of the title (not of prose), else the file name's, else the one the headings name."""
    if overrides.get("year"):
        evidence.append("year: override")
        return int(str(overrides["year"]))
    if main:
        evidence.append(f"year: title on page {main.page} ({main.text})")
        if file_year and file_year != main.year:
            evidence.append(f"hint: the file name says {file_year}")
        return main.year
    if file_year:
        evidence.append("year: file name")
        return file_year
    if heading_year:
        evidence.append(f"year: headings and table subtitles ({heading_year}年)")
        return heading_year
    return None


def _heading_year(pages_text: list[str]) -> int | None:
    """The year most short lines name (（2023年度）under a title, 2023年度 in a table header), not prose."""
    votes: Counter[int] = Counter()
    for text in pages_text[:20]:
        for line in text.splitlines():
            if len(line.strip()) <= 40 and "。" not in line:
                votes.update(int(y) for y in _HEADING_YEAR.findall(line))
    return votes.most_common(1)[0][0] if votes else None


def _pick_region(
    overrides: Mapping[str, object],
    agency: str,
    main: _Title | None,
    pages_text: list[str],
    source_name: str,
    evidence: list[str],
) -> Region:
    """The region from overrides, else the division the agency (or the cover, or the file name) names."""
    if overrides.get("region_code"):
        evidence.append("region: override region_code")
        return by_code(str(overrides["region_code"]))
    if overrides.get("region"):
        region = resolve(str(overrides["region"]))
        if region is None:
            raise MetadataError(f"未知行政区划 / unknown region override {overrides['region']!r}")
        evidence.append("region: override region name")
        return region
    cover = main.text if main else ""
    cover_text = cover + "".join(p[:COVER_CHARS] for p in pages_text[:COVER_PAGES])
    for text, where in ((agency, "agency name"), (cover_text, "cover"), (PurePath(source_name).stem, "file name")):
        region = resolve(text, hint=cover_text)
        if region is not None:
            evidence.append(f"region: {where} names {region.full_name} ({region.code})")
            return region
    raise MetadataError(f"无法确定行政区划 / cannot determine the region of {agency!r} ({source_name!r})")


def _pick_doc_kind(
    overrides: Mapping[str, object],
    main: _Title | None,
    titles: list[_Title],
    file_kind: str | None,
    pages_text: list[str],
    evidence: list[str],
    english_kind: str | None = None,
) -> str:
    """doc_kind of the title (a 决算 with 绩效自评 attachments stays a 决算), else the file name's 决算/预算/绩效, else
    the table titles, else an English word of the file name."""
    if kind := _override(overrides, "doc_kind", DOC_KINDS, "文档类型", evidence):
        return kind
    if main and (title_kind := _kind_of(main.tail)):
        evidence.append(f"doc_kind: title ({main.tail})")
        return title_kind
    if file_kind:
        evidence.append("doc_kind: file name")
        return file_kind
    printed = [m for text in pages_text for m in re.findall(r"绩效(?:自评|评价)\S{0,4}表|[决预]算(?:总|明细)?表", text)]
    counts = Counter(k for k in map(_kind_of, printed) if k)
    if counts:
        evidence.append("doc_kind: table titles (…决算表 / …预算表 / …绩效自评表)")
        return counts.most_common(1)[0][0]
    if english_kind:
        evidence.append("doc_kind: file name (English)")
        return english_kind
    raise MetadataError("无法确定文档类型 / cannot determine doc_kind (决算/预算/绩效)")


def _override(overrides: Mapping[str, object], key: str, allowed: Collection[str], zh: str,
              evidence: list[str]) -> str | None:
    """The caller's value for `key` (one of `allowed`, else an error naming it in Chinese as `zh`), None if unset."""
    if not overrides.get(key):
        return None
    value = str(overrides[key])
    if value not in allowed:
        raise MetadataError(f"未知{zh} / unknown {key} override {value!r}")
    evidence.append(f"{key}: override")
    return value


def _pick_scope(
    overrides: Mapping[str, object], main: _Title | None, scope_hint: str | None, evidence: list[str]
) -> str:
    """unit for 单位决算/预算 or 本级, department for 部门决算/预算 (the default: consolidated)."""
    if scope := _override(overrides, "scope", SCOPES, "口径", evidence):
        return scope
    title = (main.text if main else "") + (main.agency or "" if main else "")
    if scope_hint == "unit" or re.search(r"单位(?:决算|预算)|本级", title):
        evidence.append("scope: unit (单位决算/预算 or 本级)")
        return "unit"
    if re.search(r"部门(?:决算|预算)", title):
        evidence.append("scope: department (部门决算/预算 in the title)")
    else:
        evidence.append("scope: department (default)")
    return "department"
