"""Plain data passed between the ingest stages (triage → extract → stitch → parse)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DocMeta:
    """Who published a document, where and when; stamped on every row it yields."""

    doc_id: str
    region_code: str
    region: str
    province: str
    city: str | None
    agency_id: str
    agency: str
    year: int
    doc_kind: str  # final_account | budget | performance_report
    scope: str  # department | unit
    source_name: str
    synthetic: bool = False

    def common(self, page: int) -> dict[str, Any]:
        """The contract's common columns for a row from `page`."""
        return {
            "doc_id": self.doc_id,
            "region_code": self.region_code,
            "region": self.region,
            "agency_id": self.agency_id,
            "agency": self.agency,
            "year": self.year,
            "page": page,
        }


@dataclass
class Segment:
    """A stretch of a page's text that belongs to one table (from a title or code, or carrying on the table before)."""

    family: str | None  # None: a table we do not know (its grids are dropped)
    title: str
    text: str
    new: bool = True  # False: the top of the page, continuing the previous page's table
    unit: str | None = None


@dataclass
class PageInfo:
    """What the cheap text pass learned about one page."""

    number: int  # 1-based
    text: str
    family: str | None = None  # table family key when the page starts or continues a table
    title: str | None = None  # the table title as printed, if the page has one
    code: str | None = None  # 公开0X表 code, if printed
    unit: str | None = None  # 万元 | 元, from 金额单位/单位 lines
    agency_hint: str | None = None  # 部门：... line above the table
    continuation: bool = False  # a table page without its own title
    segments: list[Segment] = field(default_factory=list)  # the tables on the page, top to bottom


# what one printed unit is in 万元 (the lake's unit): 元 tables print cents, 千元 tables one decimal
UNIT_FACTORS = {"万元": 1.0, "千元": 0.1, "元": 0.0001}
# a table's unit as a line above or a note under it states it: 金额单位：万元, 单位：人民币元, letter-spaced
# 单 位 ： 元, 注：本表金额单位为元
_UNIT_STATED = re.compile(r"单\s*位\s*(?:[:：]|为|是)\s*(?:人\s*民\s*币\s*)?(万\s*元|千\s*元|元)")


def stated_unit(text: str) -> str | None:
    """The unit (万元 | 千元 | 元) a 单位 line or note in `text` states, else None."""
    m = _UNIT_STATED.search(unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", "", m.group(1)) if m else None


@dataclass
class RawTable:
    """One logical table after Camelot and stitching: header rows dropped, body rows kept."""

    family: str
    title: str
    pages: list[int]
    header: list[list[str]]  # header rows of the first page, as read
    rows: list[list[str]]  # body rows, all pages, repeated headers removed
    row_pages: list[int]  # page of each body row
    unit: str = "万元"
    note: str = ""  # text under the table (注：...), e.g. an empty-table explanation

    @property
    def factor(self) -> float:
        """Multiplier that converts this table's amounts to 万元."""
        return UNIT_FACTORS.get(self.unit, 1.0)

    @property
    def empty(self) -> bool:
        return not any(any(c.strip() for c in r) for r in self.rows)


@dataclass
class ParseResult:
    """Rows for the lake datasets from one document, plus what went wrong."""

    frames: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # sums a parser checked itself against lines it does not keep (a list's 合计): ingest.checks.Failure
    failures: list[Any] = field(default_factory=list)

    def add(self, dataset: str, rows: list[dict[str, Any]]) -> None:
        self.frames.setdefault(dataset, []).extend(rows)
