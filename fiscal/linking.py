"""Links across years, as data: which agency_ids are one body, which projects are one project.

An agency renamed (株洲市卫生局 → 株洲市卫生健康委员会) or spelled differently
(…局机关 / …局（本级）) gets a new agency_id; a project drifts in name
(2022年农村公路养护专项资金 → 农村公路养护资金). Two link tables a reader can inspect and a user can override:

- `agency_links`: one row per (region_code, agency_id) with its group (`group_id`, the id
  of the group's most recent name, and `group_name`) and how it joined (`method`, `score`,
  `note`);
- `project_links`: one row per (doc_id, project) with a `project_key` shared by the same
  project across years, and how it was linked.

Rules, strongest first: a row of the mapping file (`fiscal/data/links.csv`, plus
`<lake>/links.csv` which wins), then equal names after normalisation, then close names by
rapidfuzz under a conservative threshold. Never across regions; never two agencies that
publish the same kind of document for the same year in the same scope (they co-exist, so
they are different bodies); never two projects of one document. `fiscal.read.lake.linked` shows rows
under their group, for the trend and scorecard readers."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from rapidfuzz import fuzz, process

from fiscal.link_overrides import load_overrides, overrides_of
from fiscal.naming import agency_id, canonical_agency, region_of, without_region
from fiscal.naming import agency_key as _agency_key

KeyFn = Callable[[str, str | None], str]  # a name and its region → what spellings of one body share
# Names normalised once per process: after a commit the regions it touched are linked again, every name of
# theirs (and every mapping row, per region) normalised anew otherwise.
NAMES_KEPT = 1 << 17
agency_key: KeyFn = functools.lru_cache(maxsize=NAMES_KEPT)(_agency_key)

# Agency names are short once the region is stripped (教育局, 卫生健康委员会), and one
# character often separates two different bodies (教育局/体育局 score 67, 民政局/民宗局 67,
# 医疗保障事务中心/医疗保障服务中心 88). fuzz.ratio (normalised Indel similarity; token
# scorers do not apply to unspaced Chinese) ≥ 90 lets only a one-character variant of a
# name of ten characters or more through (自然资源和规划局/自然资源与规划局 are equal
# already: connectors are dropped). Real renames (卫生局 → 卫生健康委员会) score far lower
# and belong in the mapping file, where a reader can see them.
AGENCY_THRESHOLD = 90.0
# Project names are longer (8–20 characters after years and 资金/经费 are stripped); 88 lets
# one changed character through from nine characters on (义务教育薄弱环节改善 / …改造 = 90)
# but not an added phrase (重大疾病防控 / 重大疾病预防控制 = 86) nor another project of the
# same agency (学前教育发展 / 义务教育发展 = 67). Names differing in a number (一期/二期,
# 第1批/第2批) never link by similarity, and only across different years.
PROJECT_THRESHOLD = 88.0

AGENCY_SCHEMA = pl.Schema({
    "region_code": pl.String(), "agency_id": pl.String(), "agency": pl.String(), "group_id": pl.String(),
    "group_name": pl.String(), "method": pl.String(), "score": pl.Float64(), "note": pl.String(),
})
# The columns agency_links reads of the documents, and project_links of the projects.
AGENCY_READS: tuple[str, ...] = ("region_code", "agency_id", "agency", "year", "doc_kind", "scope")
PROJECT_READS: tuple[str, ...] = ("doc_id", "region_code", "agency_id", "year", "project", "project_code")
PROJECT_SCHEMA = pl.Schema({
    "doc_id": pl.String(), "region_code": pl.String(), "agency_id": pl.String(), "group_id": pl.String(),
    "year": pl.Int32(), "project": pl.String(), "project_code": pl.String(), "project_key": pl.String(),
    "project_name": pl.String(), "method": pl.String(), "score": pl.Float64(), "note": pl.String(),
})


# ---------------------------------------------------------------- normalising names

_CONNECTORS = re.compile(r"[和与及、·\s]")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:年度|年)?|年度")
_BRACKET_MARKS = re.compile(r"[（）()【】\[\]〔〕“”\"'《》<>]")
_PROJECT_TAIL = re.compile(r"(?:专项资金|专项经费|项目资金|项目经费|工作经费|补助资金|资金|经费|专项|项目)+$")
_NUMBERS = re.compile(r"[0-9一二三四五六七八九十百]+")


@functools.lru_cache(maxsize=NAMES_KEPT)
def project_key_name(name: str) -> str:
    """What two spellings of one project share: years, brackets, 专项/资金/经费 endings and 和/与 stripped."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _YEAR.sub("", text)
    text = _BRACKET_MARKS.sub("", text)
    text = _CONNECTORS.sub("", text)
    stripped = _PROJECT_TAIL.sub("", text)
    return stripped or text


# ---------------------------------------------------------------- union-find with a veto


@dataclass
class _Groups:
    """Union-find over items; a group carries the set of 'slots' no two members may share."""

    slots: list[set[object]]
    parent: list[int] = field(default_factory=list)
    how: dict[int, tuple[str, float | None, str | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.parent = list(range(len(self.slots)))
        self.slots = [set(s) for s in self.slots]

    def find(self, i: int) -> int:
        """The root of i's group."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def clash(self, i: int, j: int) -> bool:
        """Whether the groups of i and j share a slot (so they must stay apart)."""
        return bool(self.slots[self.find(i)] & self.slots[self.find(j)])

    def union(self, i: int, j: int, method: str, score: float | None = None, note: str | None = None,
              veto: bool = True) -> bool:
        """Join the groups of i and j unless they clash (veto=False joins anyway); record how."""
        a, b = self.find(i), self.find(j)
        if a == b or (veto and self.clash(a, b)):
            return False
        self.parent[b] = a
        self.slots[a] |= self.slots[b]
        for k in (i, j):
            self.how.setdefault(k, (method, score, note))
        return True


def _blocked(name_key: str, region_code: str, rules: list[dict[str, str]], key: KeyFn) -> str | None:
    """The note of a 'never link' row matching this name, else None."""
    for r in rules:
        if not r["to_name"] and r["region_code"] in ("", region_code) and key(r["from_name"], region_code) == name_key:
            return r["note"] or "never linked (mapping file)"
    return None


def _mapping_components(region_code: str, rules: list[dict[str, str]], key: KeyFn) -> dict[str, tuple[str, str, bool]]:
    """Name key → (the chain's final name, its notes, whether a row names this region) for a region's mapping rows."""
    edges = [(key(r["from_name"], region_code), key(r["to_name"], region_code), r["to_name"], r["note"],
              bool(r["region_code"])) for r in rules if r["to_name"] and r["region_code"] in ("", region_code)]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b, *_ in edges:
        parent[find(a)] = find(b)
    sources = {a for a, *_ in edges}
    comp: dict[str, tuple[str | None, list[str], bool]] = {}
    for a, b, to_name, note, explicit in edges:
        final, notes, expl = comp.get(find(a), (None, [], False))
        if b not in sources or final is None:
            final = to_name if b not in sources else final
        comp[find(a)] = (final, notes + ([note] if note else []), expl or explicit)
    out: dict[str, tuple[str, str, bool]] = {}
    for a, b, to_name, *_ in edges:
        final, notes, expl = comp[find(a)]
        for k in (a, b):
            out[k] = (final or to_name, "; ".join(dict.fromkeys(notes)) or "mapping file", expl)
    return out


def _by_region(items: list[dict[str, Any]], groups: _Groups, rules: list[dict[str, str]], key: KeyFn
               ) -> Iterator[tuple[str, list[int], dict[str, tuple[str, str, bool]], dict[str, list[int]]]]:
    """Per region: (region_code, its items no 'never link' row blocks, the region's mapping components, those
    items by the final name of the component their name is in). A blocked item's note goes to `groups.how`."""
    regions: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        regions.setdefault(it["region_code"], []).append(i)
    for region_code, idx in regions.items():
        blocked = {i: note for i in idx if (note := _blocked(items[i]["key"], region_code, rules, key))}
        groups.how.update({i: ("mapping", None, note) for i, note in blocked.items()})
        free = [i for i in idx if i not in blocked]
        comps = _mapping_components(region_code, rules, key)
        by_comp: dict[str, list[int]] = {}
        for i in free:
            if items[i]["key"] in comps:
                by_comp.setdefault(comps[items[i]["key"]][0], []).append(i)
        yield region_code, free, comps, by_comp


# ---------------------------------------------------------------- agencies


def agency_links(documents: pl.DataFrame, overrides: pl.DataFrame | None = None,
                 threshold: float = AGENCY_THRESHOLD) -> pl.DataFrame:
    """One row per (region_code, agency_id) in documents: its group, and how it was linked."""
    if documents.is_empty():
        return pl.DataFrame(schema=AGENCY_SCHEMA)
    docs = documents.with_columns(
        *(pl.col(c).fill_null("") if c in documents.columns else pl.lit("").alias(c) for c in ("doc_kind", "scope")))
    agencies = (docs.sort("year").group_by("region_code", "agency_id", maintain_order=True)
                .agg(pl.col("agency").last(), pl.col("year").max().alias("last_year"),
                     (pl.col("scope") != "unit").any().alias("department"),
                     pl.concat_str(pl.col("year").cast(pl.String), "doc_kind", "scope", separator="|")
                     .unique().alias("slots"))
                .sort("region_code", "agency_id"))
    items = agencies.to_dicts()
    rules = overrides_of(overrides, "agency")
    groups = _Groups([set(it["slots"]) for it in items])
    for it in items:
        it["key"] = agency_key(it["agency"], it["region_code"])
    targets: dict[int, str] = {}  # item → the name its mapping chain ends in
    for region_code, free, comps, by_comp in _by_region(items, groups, rules, agency_key):
        # 1. the mapping file: names in one component are one body (explicit regional rows skip the year veto)
        for final, members in by_comp.items():
            notes = "; ".join(dict.fromkeys(comps[items[i]["key"]][1] for i in members))
            explicit = any(comps[items[i]["key"]][2] for i in members)
            for j in members[1:]:
                groups.union(members[0], j, "mapping", None, notes, veto=not explicit)
            if agency_key(final, region_code) not in {items[i]["key"] for i in members}:
                for i in members:
                    groups.how.setdefault(i, ("mapping", None, notes))
            if explicit:  # a national (region-blank) chain never names a group after a name the region never used
                targets.update({i: final for i in members})
        # 2. equal names after normalisation
        for a, b in _pairs(free):
            if items[a]["key"] == items[b]["key"]:
                groups.union(a, b, "same", 100.0)
        # 3. close names, best pairs first
        for score, a, b in _close_pairs([items[i]["key"] for i in free], free, threshold):
            groups.union(a, b, "fuzzy", round(score, 1))
    rows = []
    group_members: dict[int, list[int]] = {}
    for i in range(len(items)):
        group_members.setdefault(groups.find(i), []).append(i)
    for idx in group_members.values():
        # the most recent name; in a tie a department report's, then the shortest spelling (…局 before …局机关)
        head = max(idx, key=lambda i: (items[i]["last_year"], items[i]["department"], -len(items[i]["agency"]),
                                       items[i]["agency_id"]))
        target = next((targets[i] for i in sorted(idx, key=lambda i: -items[i]["last_year"]) if i in targets), None)
        region_code = items[head]["region_code"]
        head_of_target = next((i for i in idx if target and items[i]["key"] == agency_key(target, region_code)), None)
        if target and head_of_target is None:  # a regional mapping row names the body's current name
            name = _full_name(target, region_code)
            gid = agency_id(name, region_of(region_code))
        else:
            h = head_of_target if head_of_target is not None else head
            name, gid = items[h]["agency"], items[h]["agency_id"]
        for i in idx:
            method, link_score, note = groups.how.get(i, ("alone", None, None))
            rows.append({"region_code": items[i]["region_code"], "agency_id": items[i]["agency_id"],
                         "agency": items[i]["agency"], "group_id": gid, "group_name": name, "method": method,
                         "score": link_score, "note": note})
    return pl.DataFrame(rows, schema=AGENCY_SCHEMA).sort("region_code", "group_id", "agency_id")


def _full_name(name: str, region_code: str) -> str:
    """A mapping target written without its region (卫生健康委员会) gets the region's name in front."""
    canonical = canonical_agency(name)
    region = region_of(region_code)
    if region is None or without_region(canonical, region) != canonical:
        return canonical
    return canonical_agency(f"{region.name}{canonical}")


def _close_pairs(keys: list[str], idx: list[int], threshold: float) -> list[tuple[float, int, int]]:
    """(score, a, b) for every pair of different keys with fuzz.ratio ≥ threshold, best first (a, b from idx)."""
    out = []
    for n, key in enumerate(keys[:-1]):
        for _, score, m in process.extract(key, keys[n + 1:], scorer=fuzz.ratio, score_cutoff=threshold, limit=None):
            if keys[n + 1 + m] != key:
                out.append((score, idx[n], idx[n + 1 + m]))
    return sorted(out, key=lambda t: (-t[0], t[1], t[2]))


def _pairs(idx: list[int]) -> Iterator[tuple[int, int]]:
    """Every unordered pair of the indices."""
    for n, a in enumerate(idx):
        for b in idx[n + 1:]:
            yield a, b


# ---------------------------------------------------------------- projects


def project_links(projects: pl.DataFrame, agency_groups: pl.DataFrame, overrides: pl.DataFrame | None = None,
                  threshold: float = PROJECT_THRESHOLD) -> pl.DataFrame:
    """One row per (doc_id, project): a project_key shared by the same project across years, and how."""
    if projects.is_empty():
        return pl.DataFrame(schema=PROJECT_SCHEMA)
    cols = ["doc_id", "region_code", "agency_id", "year", "project", "project_code"]
    rows_df = (projects.select(*(pl.col(c) if c in projects.columns else pl.lit(None, dtype=pl.String).alias(c)
                                 for c in cols))
               .unique(["doc_id", "project"], keep="first", maintain_order=True))
    groups_map = agency_groups.select("region_code", "agency_id", "group_id").unique(["region_code", "agency_id"])
    rows_df = rows_df.join(groups_map, on=["region_code", "agency_id"], how="left").with_columns(
        pl.col("group_id").fill_null(pl.col("agency_id"))).sort("region_code", "group_id", "year", "doc_id", "project")
    items = rows_df.to_dicts()
    for it in items:
        it["key"] = project_key_name(it["project"])
    rules = overrides_of(overrides, "project")
    uf = _Groups([{it["doc_id"]} for it in items])  # never two projects of one document

    def pkey(name: str, _region: str | None = None) -> str:
        """A mapping row's project name, normalised (regions do not change project names)."""
        return project_key_name(name)

    for _region_code, free, comps, by_comp in _by_region(items, uf, rules, pkey):
        # 1. the mapping file (within the region, any agency)
        for members in by_comp.values():
            notes = "; ".join(dict.fromkeys(comps[items[i]["key"]][1] for i in members))
            for j in members[1:]:
                uf.union(members[0], j, "mapping", None, notes)
        # 2. the same project code (codes are region-wide, so across agency groups too)
        by_code: dict[str, list[int]] = {}
        for i in free:
            if items[i]["project_code"]:
                by_code.setdefault(items[i]["project_code"], []).append(i)
        for members in by_code.values():
            for j in members[1:]:
                uf.union(members[0], j, "code", 100.0)
        # 3. and 4. within an agency group: equal normalised names, then close names across years
        by_group: dict[str, list[int]] = {}
        for i in free:
            by_group.setdefault(items[i]["group_id"], []).append(i)
        for idx_g in by_group.values():
            by_name: dict[str, list[int]] = {}
            for i in idx_g:
                by_name.setdefault(items[i]["key"], []).append(i)
            for same in by_name.values():
                for a, b in _pairs(same):
                    if not _codes_differ(items[a], items[b]):
                        uf.union(a, b, "exact", 100.0)
            for score, a, b in _close_pairs([items[i]["key"] for i in idx_g], idx_g, threshold):
                if (items[a]["year"] != items[b]["year"] and not _codes_differ(items[a], items[b])
                        and _NUMBERS.findall(items[a]["key"]) == _NUMBERS.findall(items[b]["key"])
                        and not _years_overlap(uf, items, a, b, free)):
                    uf.union(a, b, "fuzzy", round(score, 1))
    group_members: dict[int, list[int]] = {}
    for i in range(len(items)):
        group_members.setdefault(uf.find(i), []).append(i)
    out = []
    taken: dict[tuple[str, str], int] = {}
    def earliest(g: list[int]) -> tuple[int, str, str]:
        return min((items[i]["year"] or 0, items[i]["doc_id"], items[i]["project"]) for i in g)

    for idx in sorted(group_members.values(), key=earliest):
        head = max(idx, key=lambda i: (items[i]["year"] or 0, items[i]["doc_id"]))
        code = next((items[i]["project_code"] for i in sorted(idx, key=lambda i: -(items[i]["year"] or 0))
                     if items[i]["project_code"]), None)
        norm = items[head]["key"]
        key = code or f"{items[head]['group_id']}:{hashlib.sha1(norm.encode()).hexdigest()[:10]}"
        # numbered within the region (links never cross one), so linking some regions again gives the same keys
        seen = (items[head]["region_code"], key)
        taken[seen] = taken.get(seen, 0) + 1
        if taken[seen] > 1:  # another project of the same name kept apart (same document, other code, mapping file)
            key = f"{key}~{taken[seen]}"
        for i in idx:
            method, link_score, note = uf.how.get(i, ("alone", None, None))
            it = items[i]
            out.append({**{c: it[c] for c in cols}, "group_id": it["group_id"], "project_key": key,
                        "project_name": items[head]["project"], "method": method, "score": link_score, "note": note})
    return pl.DataFrame(out, schema=PROJECT_SCHEMA).sort("region_code", "group_id", "project_key", "year", "doc_id")


def _codes_differ(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Both rows print a project code and the codes differ (then names do not link them)."""
    return bool(a["project_code"] and b["project_code"] and a["project_code"] != b["project_code"])


def _years_overlap(uf: _Groups, items: list[dict[str, Any]], a: int, b: int, region: list[int]) -> bool:
    """Whether the groups of a and b already hold a row of a common year (fuzzy links only across years);
    `region`: the region's items that may be linked (links never cross regions, so their groups are inside it)."""
    ra, rb = uf.find(a), uf.find(b)
    ya = {items[i]["year"] for i in region if uf.find(i) == ra}
    yb = {items[i]["year"] for i in region if uf.find(i) == rb}
    return bool(ya & yb)


# ---------------------------------------------------------------- applying the links


def apart_across_regions(project: pl.DataFrame) -> pl.DataFrame:
    """Project links with a key printed in two regions told apart (`key~region_code`): a project code is
    region-wide, so the same code in two regions is two projects."""
    shared = project.group_by("project_key").agg(pl.col("region_code").n_unique().alias("_n")).filter(
        pl.col("_n") > 1).get_column("project_key")
    if not shared.len():
        return project
    return project.with_columns(pl.when(pl.col("project_key").is_in(shared.implode()))
                                .then(pl.format("{}~{}", "project_key", "region_code"))
                                .otherwise(pl.col("project_key")).alias("project_key"))


def links(documents: pl.DataFrame, projects: pl.DataFrame,
          lake: Path | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The agency and project link tables of a lake's rows, with the shipped and the lake's mapping file."""
    overrides = load_overrides(lake)
    agency = agency_links(documents, overrides)
    project = apart_across_regions(project_links(projects, agency, overrides))
    return agency, project.sort("region_code", "group_id", "project_key", "year", "doc_id")
