"""The dashboard's shared selection (region, agency, years, document kind) and how it filters the lake.

A `Filters` value is immutable and hashable (a cache key), round-trips through the URL
query string (`to_params` / `from_params`), and `apply` turns it into predicates on
the partition columns (region_code, agency_id, year), so Delta scans skip the
partitions outside the selection.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import polars as pl

from fiscal.gazetteer import ancestors, by_code, resolve

DOC_KINDS: tuple[str, ...] = ("final_account", "budget", "performance_report")
# Province-level cities: their districts sit directly under the province.
_MUNICIPALITIES = ("11", "12", "31", "50")


@dataclass(frozen=True)
class Filters:
    """What the reader selected; empty fields select everything."""

    province: str | None = None  # 6-digit code of a province (e.g. 430000)
    city: str | None = None  # 6-digit code of a prefecture-level city, or of a municipality's district
    agencies: tuple[str, ...] = ()  # agency_id values
    years: tuple[int, int] | None = None  # inclusive range
    kinds: tuple[str, ...] = ()  # doc_kind values

    def key(self) -> tuple[Any, ...]:
        """A plain tuple identifying the selection (for caches)."""
        return (self.province, self.city, self.agencies, self.years, self.kinds)

    @classmethod
    def from_key(cls, key: Sequence[Any]) -> Filters:
        """The inverse of `key`."""
        province, city, agencies, years, kinds = key
        return cls(province, city, tuple(agencies), tuple(years) if years else None, tuple(kinds))

    def is_empty(self) -> bool:
        """True when nothing is filtered."""
        return not (self.province or self.city or self.agencies or self.years or self.kinds)

    def with_(self, **changes: Any) -> Filters:
        """A copy with some fields changed."""
        return replace(self, **changes)

    def to_params(self) -> dict[str, str]:
        """The selection as URL query parameters (only what is set)."""
        out: dict[str, str] = {}
        if self.province:
            out["province"] = self.province
        if self.city:
            out["city"] = self.city
        if self.agencies:
            out["agency"] = ",".join(self.agencies)
        if self.years:
            out["years"] = f"{self.years[0]}-{self.years[1]}"
        if self.kinds:
            out["kind"] = ",".join(self.kinds)
        return out

    @classmethod
    def from_params(cls, params: Mapping[str, str | Sequence[str]]) -> Filters:
        """Parse query parameters; malformed values are ignored rather than fatal (see `parse_params`)."""
        return parse_params(params)[0]


@dataclass(frozen=True)
class Ignored:
    """A URL parameter that could not be applied: which, its value, and why (a reason code)."""

    param: str
    value: str
    reason: str  # bad_region | bad_city | city_outside | bad_years | bad_kind | not_in_lake | years_out_of_reach


def parse_params(params: Mapping[str, str | Sequence[str]]) -> tuple[Filters, list[Ignored]]:
    """The selection of a link and what in it could not be applied (reported, never silently widened)."""
    ignored: list[Ignored] = []

    def one(name: str) -> str | None:
        value = params.get(name)
        if isinstance(value, (list, tuple)):
            value = value[-1] if value else None
        return str(value).strip() if value else None

    def many(name: str) -> tuple[str, ...]:
        value = one(name)
        return tuple(v for v in (value or "").split(",") if v)

    raw_province, raw_city = one("province"), one("city")
    province = _region_code(raw_province, level=1)
    if raw_province and not province:
        ignored.append(Ignored("province", raw_province, "bad_region"))
    city = _region_code(raw_city, level=2, hint=province)
    if raw_city and not city:
        ignored.append(Ignored("city", raw_city, "bad_city"))
    if city and not province:
        province = city[:2] + "0000"
    if city and province and city[:2] != province[:2]:
        ignored.append(Ignored("city", raw_city or city, "city_outside"))
        city = None
    years: tuple[int, int] | None = None
    raw = one("years")
    if raw:
        parts = raw.split("-")
        try:
            lo, hi = (int(parts[0]), int(parts[-1]))
            years = (min(lo, hi), max(lo, hi))
        except ValueError:
            ignored.append(Ignored("years", raw, "bad_years"))
    kinds = tuple(k for k in many("kind") if k in DOC_KINDS)
    ignored += [Ignored("kind", k, "bad_kind") for k in many("kind") if k not in DOC_KINDS]
    return Filters(province, city, many("agency"), years, kinds), ignored


def city_of(region_code: str) -> str | None:
    """The city-level code a region belongs to (itself for a prefecture or a municipality's district)."""
    if not region_code or region_code.endswith("0000"):
        return None
    try:
        region = by_code(region_code)
    except KeyError:
        return region_code[:4] + "00"
    if region.level == 2:
        return region.code
    for code in ancestors(region.code):
        try:
            if by_code(code).level == 2:
                return code
        except KeyError:
            continue
    return region.code if region_code[:2] in _MUNICIPALITIES else region_code[:4] + "00"


def region_name(code: str) -> str:
    """The short name of a region code (the code itself if unknown)."""
    try:
        return by_code(code).name
    except KeyError:
        return code


def region_expr(filters: Filters) -> pl.Expr | None:
    """Predicate on region_code for the province/city selection, or None."""
    if filters.city:
        if filters.city.endswith("00") and filters.city[:2] not in _MUNICIPALITIES:
            return pl.col("region_code").str.starts_with(filters.city[:4])
        return pl.col("region_code") == filters.city
    if filters.province:
        return pl.col("region_code").str.starts_with(filters.province[:2])
    return None


def predicate(filters: Filters, columns: Sequence[str] = ("region_code", "agency_id", "year")) -> pl.Expr:
    """The whole selection as one predicate over the given columns (True when nothing applies)."""
    parts: list[pl.Expr] = []
    if "region_code" in columns and (reg := region_expr(filters)) is not None:
        parts.append(reg)
    if "agency_id" in columns and filters.agencies:
        parts.append(pl.col("agency_id").is_in(list(filters.agencies)))
    if "year" in columns and filters.years:
        parts.append(pl.col("year").is_between(filters.years[0], filters.years[1]))
    if "doc_kind" in columns and filters.kinds:
        parts.append(pl.col("doc_kind").is_in(list(filters.kinds)))
    return pl.all_horizontal(parts) if parts else pl.lit(True)


def apply(lf: pl.LazyFrame | pl.DataFrame, filters: Filters) -> pl.LazyFrame:
    """Filter a dataset by the selection: partition columns always, doc_kind where the frame has it."""
    lazy = lf.lazy()
    names = lazy.collect_schema().names()
    return lazy.filter(predicate(filters, names))


def _region_code(value: str | None, level: int, hint: str | None = None) -> str | None:
    """A 6-digit division code from a link: the code itself, or a name (湖南省, 湖南, 株洲市) at that level."""
    if not value:
        return None
    if value.isdigit():
        return value if len(value) == 6 else None
    region = resolve(value, by_code(hint).name if hint else None)
    return region.code if region is not None and region.level == level else None
