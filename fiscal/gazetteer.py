"""GB/T 2260 gazetteer: find the administrative division an agency name or a cover text names.

Conventions for `Region` (the lake's region / province / city columns):
- province level (江苏省, 上海市): city and county are None, full_name is the name;
- prefecture level (郴州市): city is the name, full_name "湖南省郴州市";
- county level under a prefecture (北湖区): full_name "湖南省郴州市北湖区";
- a district or county of a municipality (上海市普陀区): city is the municipality's name
  ("上海市"), county the district, full_name "上海市普陀区";
- a county-level city directly under a province (湖北省仙桃市, 新疆石河子市): it reports like a
  prefecture, so city is its own name and county is None.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "gbt2260.csv"
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})

# Ethnic names as they appear in 自治区/州/县/旗 names, so "湘西土家族苗族自治州" → "湘西".
_NATIONS = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 "
    "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 "
    "鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
# Multi-character ethnic names may drop 族 (维吾尔自治区, 蒙古自治州); one-character ones never do.
_NATION_RE = "|".join(
    sorted((f"{n}族?" if len(n) > 1 else f"{n}族" for n in _NATIONS), key=len, reverse=True)
)
_AUTONOMOUS = re.compile(f"(?:{_NATION_RE})*自治(?:区|州|县|旗)$")
_SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "行政区", "新区", "林区", "特区", "地区",
    "省", "市", "县", "区", "旗", "盟",
)

# Short (suffix-less) names that are also ordinary words or brands: only their full form matches.
_COMMON_WORDS = frozenset(
    "公安 合作 东方 光明 互助 和平 长安 平安 前进 向阳 东风 红旗 新华 江南 中原 城关 友好 新城 城中 城东 "
    "城西 城南 城北 市中 高新 安宁 长寿 白云 金山 新兴 河东 河西 江北 铁西 铁东 开封 来宾 白银 阿里 大理 "
    "普洱 三明 长治 安顺 山南 红河 文山 北海 太平 永和 新市 清河 宝山 南山 北山 大通 通道 民和 和政 "
    "永安 吉安 万全 和顺 宁安 安定 大安 平原 高原 江山 龙口 西湖 东湖 湖里 海港 港口 青山 石门 保定".split()
)
# A county-level name only counts at a word start: after the text start, a non-Chinese
# character, a division name that ends right there, 中共/政协/年度 — or, for names of 3+
# characters, a division suffix ("主城区" is no 城区, "市和县三级" no 和县).
_COUNTY_LEFT_OK = set("共协年度")
_COUNTY_LEFT_OK_LONG = set("省市州盟县区旗")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Region:
    """One GB/T 2260 division with the names the lake stores."""

    code: str
    name: str
    province: str
    city: str | None
    county: str | None
    full_name: str
    level: int  # 1 province, 2 prefecture, 3 county


@dataclass(frozen=True)
class _Gazetteer:
    regions: dict[str, Region]
    parents: dict[str, str]
    index: dict[str, tuple[tuple[str, bool], ...]]  # name variant → ((code, is_full_name), …)
    lengths: tuple[int, ...]  # variant lengths, longest first


def abbreviations(name: str) -> list[str]:
    """Usual short forms that keep a suffix: 湘西土家族苗族自治州 → 湘西州, 长阳土家族自治县 → 长阳县."""
    stripped = _AUTONOMOUS.sub("", name)
    if stripped != name and len(stripped) >= 2 and name[-1] in "州县旗":
        return [stripped + name[-1]]
    return []


def short_names(name: str) -> list[str]:
    """Suffix-less forms of a division name (湘西土家族苗族自治州 → 湘西), at least 2 characters."""
    out = []
    stripped = _AUTONOMOUS.sub("", name)
    if stripped != name:
        out.append(stripped)
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            out.append(name[: -len(suffix)])
    return [s for s in dict.fromkeys(out) if len(s) >= 2 and s != name and not s.endswith("自治")]


@cache
def _load() -> _Gazetteer:
    rows: dict[str, tuple[str, int, str]] = {}
    with DATA.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows[row["code"]] = (row["name"], int(row["level"]), row["parent_code"])
    regions = {code: _make_region(code, rows) for code in rows}
    parents = {code: parent for code, (_, _, parent) in rows.items() if parent}
    index: dict[str, list[tuple[str, bool]]] = {}
    for code, (name, _, _) in rows.items():
        for full in [name, *abbreviations(name)]:
            index.setdefault(full, []).append((code, True))
        for short in short_names(name):
            if short not in _COMMON_WORDS:
                index.setdefault(short, []).append((code, False))
    lengths = tuple(sorted({len(k) for k in index}, reverse=True))
    return _Gazetteer(regions, parents, {k: tuple(v) for k, v in index.items()}, lengths)


def _make_region(code: str, rows: dict[str, tuple[str, int, str]]) -> Region:
    name, level, parent = rows[code]
    if level == 1:
        return Region(code, name, name, None, None, name, 1)
    pname, plevel, gparent = rows[parent]
    if level == 2:
        return Region(code, name, pname, name, None, pname + name, 2)
    if plevel == 2:
        province = rows[gparent][0]
        return Region(code, name, province, pname, name, province + pname + name, 3)
    if code[:2] in MUNICIPALITIES:
        return Region(code, name, pname, pname, name, pname + name, 3)
    return Region(code, name, pname, name, None, pname + name, 3)


def by_code(code: str) -> Region:
    """The division with this 6-digit code (KeyError if unknown)."""
    return _load().regions[code]


def ancestors(code: str) -> list[str]:
    """Codes of the divisions above `code`, nearest first."""
    parents = _load().parents
    out = []
    while code in parents:
        code = parents[code]
        out.append(code)
    return out


def _scan(text: str) -> list[tuple[int, str, bool]]:
    """(start, code, is_full_name) for every division named in text, longest match first."""
    g = _load()
    text = _SPACE.sub("", text)
    found: list[tuple[int, str, bool]] = []
    ends: dict[int, set[str]] = {}  # end position → codes matched there
    i, n = 0, len(text)
    while i < n:
        step = 1
        for length in g.lengths:
            if i + length > n:
                continue
            entries = g.index.get(text[i : i + length])
            if not entries:
                continue
            kept = [(c, full) for c, full in entries if _county_ok(text, i, c, full, ends.get(i, set()))]
            if kept:
                found.extend((i, c, full) for c, full in kept)
                ends[i + length] = {c for c, _ in kept}
                step = length
                break
        i += step
    return found


def _county_ok(text: str, start: int, code: str, full: bool, before: set[str]) -> bool:
    """Whether a county-level match at `start` stands at a word start (see _COUNTY_LEFT_OK)."""
    if by_code(code).level < 3:
        return True
    if not full:
        # a bare county name (普陀) only right after its own prefecture or province (上海普陀)
        return any(a in before for a in ancestors(code))
    if start == 0 or before:
        return True
    prev = text[start - 1]
    if len(by_code(code).name) >= 3 and prev in _COUNTY_LEFT_OK_LONG:
        return True
    return prev in _COUNTY_LEFT_OK or not _CJK.match(prev)


def mentions(text: str) -> list[tuple[int, Region]]:
    """(position in text without whitespace, division) for every reading of every name in text."""
    return [(start, by_code(code)) for start, code, _ in _scan(text)]


def resolve(text: str, hint: str | None = None) -> Region | None:
    """The most specific division named in text; `hint` (e.g. a province) only breaks ties."""
    found = _scan(text)
    if not found:
        return None
    # where each code is named; a match's other readings (吉林 = 吉林省 or 吉林市) don't support it
    named: dict[str, set[int]] = {}
    for start, code, _ in found:
        named.setdefault(code, set()).add(start)
    hinted = resolve(hint) if hint else None
    if hinted is not None:
        # the hint's own best reading and its ancestors, not every reading of every name in it
        for a in [hinted.code, *ancestors(hinted.code)]:
            named.setdefault(a, set()).add(-1)

    def rank(item: tuple[int, str, bool]) -> tuple[int, int, int, int, str]:
        start, code, full = item
        support = sum(bool(named.get(a, set()) - {start}) for a in ancestors(code))
        # named ancestors first (most specific consistent match), then full names,
        # then the higher level (朝阳 → 朝阳市, not a 朝阳区), then the earliest mention
        return (-support, int(not full), by_code(code).level, start, code)

    return by_code(min(found, key=rank)[1])
