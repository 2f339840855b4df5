"""Agency names: one canonical spelling per agency, and the ASCII agency_id partition key."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pypinyin import Style, lazy_pinyin

from fiscal.gazetteer import Region, abbreviations, ancestors, by_code, short_names

# Spelling variants of one agency → one form; applied in order. Party committees are
# written 中共X委, CPPCC committees X政协 (the forms the disclosures mostly print).
_CJK = r"[\u4e00-\u9fff]"
_REWRITES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\s+"), ""),
    (re.compile(r"\("), "（"),
    (re.compile(r"\)"), "）"),
    (re.compile(r"中国共产党"), "中共"),
    # 中共江苏省委员会办公厅 → 中共江苏省委办公厅 (only a region's committee, not 纪律检查委员会)
    (re.compile(rf"中共({_CJK}+?[省市区县州盟旗])委员会"), r"中共\1委"),
    # 江苏省委办公厅 → 中共江苏省委办公厅
    (re.compile(rf"^(?!中共)({_CJK}+?[省市区县州盟旗])委(?!员会)"), r"中共\1委"),
    # 中国人民政治协商会议江苏省委员会办公厅 / 政协江苏省委员会办公厅 → 江苏省政协办公厅
    (re.compile(rf"^(?:中国人民政治协商会议|政协)({_CJK}+?)委员会"), r"\1政协"),
]
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
MAX_SLUG = 40


def canonical_agency(name: str) -> str:
    """The canonical spelling of an agency name (whitespace, parentheses, 中共/政协 forms)."""
    for pattern, repl in _REWRITES:
        name = pattern.sub(repl, name)
    return name


def _region_names(region: Region) -> list[str]:
    """Every spelling of the region and its ancestors, longest first (to strip from a name)."""
    names = {region.full_name}
    for code in [region.code, *ancestors(region.code)]:
        name = by_code(code).name
        names.update([name, *abbreviations(name), *short_names(name)])
    return sorted(names, key=len, reverse=True)


def without_region(name: str, region: Region | None) -> str:
    """The name with its leading region names removed (中共江苏省委办公厅 → 中共委办公厅)."""
    if region is None:
        return name
    prefix = "中共" if name.startswith("中共") else ""
    rest = name[len(prefix) :]
    names = _region_names(region)
    stripped = True
    while stripped:
        stripped = False
        for region_name in names:
            if rest.startswith(region_name) and len(rest) > len(region_name):
                rest, stripped = rest[len(region_name) :], True
                break
    return prefix + rest


def slug(text: str) -> str:
    """Lowercase ASCII pinyin of text, non-alphanumerics as '-', at most 40 characters."""
    parts = lazy_pinyin(text, style=Style.NORMAL, errors=lambda s: f"-{s}-")
    out = _NON_ALNUM.sub("-", "".join(parts).lower()).strip("-")
    return out[:MAX_SLUG].rstrip("-")


def agency_id(agency: str, region: Region | None) -> str:
    """Stable ASCII id: pinyin of the name without its region prefix + 6 hex of sha1(canonical name)."""
    canonical = canonical_agency(agency)
    digest = hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:6]
    base = slug(without_region(canonical, region)) or slug(canonical) or "agency"
    return f"{base}-{digest}"


_BRACKETED = re.compile(r"[（(][^（）()]*[)）]|【[^【】]*】|\[[^\[\]]*\]")
_AGENCY_TAIL = re.compile(r"(?:本级|机关|部门)+$")
_CONNECTORS = re.compile(r"[和与及、·\s“”\"'‘’]")


def region_of(region_code: str | None) -> Region | None:
    """The gazetteer region of a code, or None when unknown."""
    try:
        return by_code(region_code) if region_code else None
    except KeyError:
        return None


def agency_key(name: str | None, region_code: str | None = None) -> str:
    """What two spellings of one agency share: canonical name without its region prefix, brackets,
    本级/机关/部门 endings and connectors (和/与/及). Used to link agencies and to compare printed names."""
    canonical = canonical_agency(unicodedata.normalize("NFKC", name or ""))
    text = without_region(canonical, region_of(region_code))
    text = _BRACKETED.sub("", text)
    text = _AGENCY_TAIL.sub("", text)
    text = _CONNECTORS.sub("", text)
    return text or canonical
