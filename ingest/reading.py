"""How well the ingest read each table: `complete`, `partial` or `unread`, with a reason.

Each table is parsed on its own and its own arithmetic checked (ingest/checks.py). A
table whose checks fail is read again by other readers (ingest/extract.alternatives)
and the first reading whose sums close is kept; else the best one, as `partial`. When a
second reader reads the same figures and the same sums fail, the figures are what the
document prints: the table is `complete` and the rules may judge it (not when the
difference is itself an amount printed in the table, or a 合计 of 0 beside non-zero parts:
that is how a row read but not counted, or a missed 合计 line, reads).
Then every table the document should contain (its 目录, else the families its kind
requires) that was not found gets an `unread` row saying whether any page shows its title.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fiscal.schema import GOAL_SUMS
from ingest import checks
from ingest.checks import Failure, Missing
from ingest.extract import Readings, alternatives
from ingest.families import BY_KEY, expected, match_title
from ingest.model import UNIT_FACTORS, DocMeta, PageInfo, ParseResult, RawTable
from ingest.numbers import try_number, whole_amount
from ingest.parsers import PARSERS
from ingest.stitch import said_empty, stitch
from ingest.toc import TocEntry

COMPLETE, PARTIAL, UNREAD = "complete", "partial", "unread"
_CELL_TROUBLE = ("two numbers", "not a number", "not one number", "未识别")
_TABLE_DATASETS = ("summary", "line_items", "economic_items", "sangong", "projects", "indicators", "project_goals")
_CODE = re.compile(r"公开\s*(\d{1,2})\s*表")
# the amounts a row holds: line amounts, and a 绩效目标表's totals and parts (project_goals)
_FIGURE_KEYS = ("amount", *GOAL_SUMS, *(p for parts in GOAL_SUMS.values() for p in parts))
# the figures two readings of a table are compared by, per dataset: a self-evaluation's funds, rate and scores (the
# rules judge those), an indicator's weight and score; other datasets their amounts
_COMPARED_KEYS: dict[str, tuple[str, ...]] = {
    "projects": ("budget_initial", "budget_full_year", "executed", "exec_rate_reported", "exec_weight", "exec_score",
                 "total_score"),
    "indicators": ("weight", "score"),
}


@dataclass
class TableReading:
    """One table looked for: what was read of it and how well."""

    family: str | None
    title: str
    pages: list[int]
    status: str
    reason: str = ""
    frames: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    passed: int = 0
    failures: list[Failure] = field(default_factory=list)
    listed: bool = False  # the 目录 lists it
    seen_pages: list[int] = field(default_factory=list)  # pages whose text shows its title or code
    empty: bool = False
    found: bool = True  # a table was found (else: looked for, not found)
    reader: str = ""  # the second reader whose reading was kept ("": the first, lattice)
    # figures corrected by OCR proof-reading: value in cents → the text the page's OCR text layer prints there
    # (the locator finds the figure's box by it: the corrected value is printed nowhere)
    printed_as: dict[int, str] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(len(v) for v in self.frames.values())


def _where(table: RawTable) -> str:
    name = table.title or BY_KEY[table.family].label
    pages = "、".join(str(p) for p in table.pages[:3]) + ("……" if len(table.pages) > 3 else "")
    return f"第{pages}页 {name}"


def _all_zero(table: RawTable, frames: dict[str, list[dict[str, Any]]]) -> bool:
    """Every figure blank or zero: the parsed amounts and the decimal numbers printed in the grid."""
    for rows in frames.values():
        for r in rows:
            amounts = (r.get(k) for k in ("amount", "budget_full_year", "executed"))
            if any(isinstance(a, float) and abs(a) >= 0.005 for a in amounts):
                return False
    for row in table.rows:
        for cell in row:
            text = unicodedata.normalize("NFKC", cell or "").strip()
            if ("." in text or "," in text) and (v := try_number(text)) is not None and abs(v) >= 0.005:
                return False
    return True


_CODE_LINE = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?!\d)(?:\s|[\u4e00-\u9fff]|$)")


def _unread_codes(table: RawTable, frames: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Classification codes printed at the start of a cell line in the first two columns that no
    parsed line carries (a row the parser did not understand)."""
    parsed = {r["code"] for ds in ("line_items", "economic_items") for r in frames.get(ds, []) if r.get("code")}
    if table.family not in ("income", "expenditure", "gpb_expenditure", "fiscal_expenditure", "gov_fund",
                            "soe_capital", "gpb_basic"):
        return []
    printed: list[str] = []
    for row in table.rows:
        for cell in row[:2]:
            for line in unicodedata.normalize("NFKC", cell or "").split("\n"):
                m = _CODE_LINE.match(line.strip())
                if m and m.group(1) not in printed:
                    printed.append(m.group(1))
    return [c for c in printed if not any(p.startswith(c) for p in parsed)]


def _parse(table: RawTable, doc: DocMeta) -> TableReading:
    sub = ParseResult()
    PARSERS[table.family](table, doc, sub)
    passed, failures = checks.check_table(sub.frames, checks.rounding_of(table.unit))
    failures = [*failures, *sub.failures]
    reading = TableReading(table.family, table.title, list(table.pages), COMPLETE, frames=sub.frames,
                           warnings=sub.warnings, passed=passed, failures=failures)
    _judge(reading, table)
    return reading


_CELL_WORDS = ((re.compile(r"two numbers in one cell: '?([^']*)'?"), r"一格印有两个数“\1”"),
               (re.compile(r"not one number: '?([^']*)'?"), r"非单个数字“\1”"),
               (re.compile(r"not a number: '?([^']*)'?"), r"非数字“\1”"),
               (re.compile(r"\s*/\s*[A-Za-z][^（）]*$"), ""))


def _fused_cells(table: RawTable) -> list[str]:
    """Body cells that hold a decimal amount beside another number ("268.40 302", "12.00\n0.00")."""
    out = []
    for row in table.rows:
        for cell in row:
            tokens = unicodedata.normalize("NFKC", cell or "").split()
            if len(tokens) < 2 or try_number(cell) is not None or not all(try_number(t) is not None for t in tokens):
                continue
            if any("." in t for t in tokens):
                out.append(" ".join(tokens))
    return out


def _chinese(warning: str) -> str:
    """A parser warning for a reader: its English detail said in Chinese."""
    for pattern, repl in _CELL_WORDS:
        warning = pattern.sub(repl, warning)
    return warning


def _judge(r: TableReading, table: RawTable) -> None:
    where = _where(table)
    trouble = [_chinese(w) for w in r.warnings if any(t in w for t in _CELL_TROUBLE)]
    # the lines of a blank table read as header rows (no figure marks them as body): more rows
    # than a header has, mostly blank
    mostly_blank = [r for r in table.header[2:] if 2 * sum(not str(c).strip() for c in r) >= len(r)]
    blank_lines = len(table.header) >= 5 and len(mostly_blank) >= 2
    if not any(any(str(c).strip() for c in row) for row in table.rows) and not blank_lines:
        if said_empty(table.note):
            # no body line at all, and the sentence under the title says the table is empty
            r.status, r.reason, r.empty = COMPLETE, f"{where}：空表（{table.note.splitlines()[0][:40]}）", True
            return
        # not even a 合计 line nor a drawn blank line: the body was not read (on the next page, drawn as
        # an image …), not known to be blank
        r.status, r.reason = UNREAD, f"{where}：找到表格标题，但未读到表体"
        return
    if _all_zero(table, r.frames):
        r.status, r.reason, r.empty = COMPLETE, f"{where}：空表", True
        return
    if not r.rows:
        r.status = UNREAD
        r.reason = f"{where}：找到表格但未能解析（{trouble[0] if trouble else '未识别到数据行'}）"
        return
    problems = []
    if not _any_figure(r) and _printed_amounts(table):
        # amounts printed, none read: the amount columns were taken for others (labels over empty columns)
        problems.append("表中印有金额，但读到的金额均为空或零")
    if fused := _fused_cells(table):
        # an amount and a code or another amount in one cell: two columns read as one, whatever the parser took
        trouble += [f"一格印有两个数“{t}”" for t in fused if not any(t in w for w in trouble)]
    if trouble:
        more = f"……（共 {len(trouble)} 处）" if len(trouble) > 3 else ""
        problems.append("单元格未能读取：" + "；".join(trouble[:3]) + more)
    if missed := _unread_codes(table, r.frames):
        codes = "、".join(missed[:5]) + ("等" if len(missed) > 5 else "")
        problems.append(f"印有科目编码 {codes} 的 {len(missed)} 行未能读出")
    if _unconverted(table):
        problems.append(f"金额单位为{table.unit}，未换算为万元")
    if r.failures:
        problems.append("；".join(f.message() for f in r.failures[:3])
                        + (f"……（共 {len(r.failures)} 处）" if len(r.failures) > 3 else ""))
    if problems:
        r.status, r.reason = PARTIAL, f"{where}：" + "；".join(problems)
    else:
        r.status, r.reason = COMPLETE, f"{where}：{r.passed} 项勾稽校验通过" if r.passed else f"{where}：已读取"


def _unconverted(table: RawTable) -> bool:
    """A unit the amounts are not converted from: every figure off by its factor, however its sums close."""
    return table.unit not in UNIT_FACTORS


def _same_failures(a: list[Failure], b: list[Failure]) -> bool:
    def key(fs: list[Failure]) -> list[tuple[float, float]]:
        return sorted((f.total, f.parts) for f in fs)

    return bool(a) and key(a) == key(b)


def _printed_amounts(table: RawTable) -> list[float]:
    """Every non-zero amount printed in the table's cells (decimal, with separators, or whole 元 no code can be),
    in 万元."""
    out = []
    for row in table.rows:
        for cell in row:
            text = unicodedata.normalize("NFKC", cell or "").strip()
            if ("." in text or "," in text or whole_amount(text)) and (v := try_number(text)) is not None \
                    and abs(v) >= 0.005:
                out.append(abs(v) * table.factor)
    return out


def _printable(failures: list[Failure], table: RawTable) -> bool:
    """Failures a document can really print. Not: a 合计 of 0 beside non-zero parts (a missed 合计
    line), or a difference equal to an amount printed in the table (a row read but not counted,
    or counted twice)."""
    amounts = _printed_amounts(table)
    for f in failures:
        if abs(f.total) < 0.005 < abs(f.parts):
            return False
        if not f.counted_twice and any(abs(abs(f.diff) - a) <= checks.rounding_of(table.unit) * max(f.n, 1)
                                       for a in amounts):
            return False
    return True


def figure_count(reading: TableReading) -> int:
    """Non-zero amounts a reading holds (a reader that misses a column reads its figures as blanks)."""
    return sum(1 for rows in reading.frames.values() for r in rows for k in _FIGURE_KEYS
               if isinstance(r.get(k), float) and abs(r[k]) >= 0.005)


def _figure_counts(reading: TableReading) -> dict[str, int]:
    """How many non-zero figures a reading holds per dataset and column (`_COMPARED_KEYS`): a reader that misses a
    column reads its figures as blanks (None, or 0: a parser reads a blank cell as 0)."""
    counts: dict[str, int] = {}
    for dataset, rows in reading.frames.items():
        keys = _COMPARED_KEYS.get(dataset, _FIGURE_KEYS)
        for r in rows:
            for k in keys:
                v = r.get(k)
                if isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) >= 0.005:
                    counts[f"{dataset}.{k}"] = counts.get(f"{dataset}.{k}", 0) + 1
    return counts


def _holds(a: dict[str, int], b: dict[str, int]) -> bool:
    """Reading counts `a` hold (nearly) every kind of figure `b` does: no column of `b` lost or mostly lost."""
    return all(a.get(k, 0) >= 0.9 * n for k, n in b.items())


def _any_figure(reading: TableReading) -> bool:
    """Any non-zero number read (an amount, a score, a rate): else every figure read blank."""
    return any(isinstance(x, float) and abs(x) >= 0.005 for rows in reading.frames.values() for r in rows
               for x in r.values())


def _realigned(table: RawTable) -> RawTable | None:
    """The table with its narrow rows right-aligned, or None when it has none.

    A row that Camelot read with fewer cells than the table (a 合计 line whose label spans
    the code and name columns, alone on its page) is padded on the right by stitching, so
    its amounts sit under the label columns; its figures belong under the amount columns.
    """
    width = max((len(r) for r in table.rows), default=0)
    out, changed = [], False
    for row in table.rows:
        cells = list(row)
        while cells and not str(cells[-1]).strip():
            cells.pop()
        numbers = [c for c in cells[1:] if try_number(c) is not None and str(c).strip()]
        if 2 <= len(cells) < width and len(numbers) == len(cells) - 1 and try_number(cells[0]) is None:
            out.append([cells[0]] + [""] * (width - len(cells)) + cells[1:])
            changed = True
        else:
            out.append(list(row))
    if not changed:
        return None
    return RawTable(table.family, table.title, list(table.pages), table.header, out, list(table.row_pages),
                    table.unit, table.note)


def _rereadings(table: RawTable, pages: dict[int, PageInfo], path: Path, engine: str,
                memo: Readings | None, confirm: bool = False) -> Iterator[tuple[str, RawTable]]:
    """Other readings of a table: its narrow rows realigned, then other readers of its pages (`confirm`: cheapest
    first, the first reading only to be confirmed)."""
    fixed = _realigned(table)
    if fixed is not None:
        yield "窄行右对齐", fixed
    for label, grids in alternatives(path, list(table.pages), engine, memo, confirm):
        infos = [pages[p] for p in table.pages if p in pages]
        again = [t for t in stitch(infos, grids) if t.family == table.family and t.pages[0] == table.pages[0]]
        if not again:
            continue
        # several tables of the family may start on the page: the one closest in size is this one
        alt = min(again, key=lambda t: abs(len(t.rows) - len(table.rows)))
        alt.title, alt.unit, alt.note = table.title, table.unit, table.note
        yield label, alt
        fixed = _realigned(alt)
        if fixed is not None:
            yield f"{label}，窄行右对齐", fixed


def _better(other: TableReading, best: TableReading) -> bool:
    """Whether `other` is the better reading: one that read rows beats one that read none, one that read
    amounts one whose amounts all read blank, one that holds every kind of figure the other does (a
    self-evaluation's budget, execution, rate and scores; amounts) one that lost some, else one that read clearly
    more figures (a lack of failed sums proves nothing); then failed sums off by less in all, then fewer, then more
    rows."""
    def rank(r: TableReading) -> tuple[bool, bool]:
        return not r.rows, not _any_figure(r)

    if rank(other) != rank(best):
        return rank(other) < rank(best)
    mine, theirs = _figure_counts(other), _figure_counts(best)
    if _holds(mine, theirs) != _holds(theirs, mine):
        return _holds(mine, theirs)
    n_mine, n_theirs = sum(mine.values()), sum(theirs.values())
    if n_mine < 0.9 * n_theirs or n_theirs < 0.9 * n_mine:
        return n_mine > n_theirs
    return (_off_by(other), len(other.failures), -other.rows) < (_off_by(best), len(best.failures), -best.rows)


def _off_by(reading: TableReading) -> float:
    """How far a reading's failed sums are off, added up: a column read for another (a whole amount off) weighs
    more than a few printed sums off by 1.00; a required line not read weighs most."""
    return round(sum(1e9 if isinstance(f, Missing) else abs(f.diff) for f in reading.failures), 6)


def read_table(table: RawTable, doc: DocMeta, path: Path | None, pages: dict[int, PageInfo],
               engine: str = "vector", memo: Readings | None = None) -> TableReading:
    """Parse one table, check it, and read it again with other readers when its checks fail
    (`memo`: the document's second readings, shared by its tables)."""
    if table.family not in PARSERS:
        return TableReading(table.family, table.title, list(table.pages), UNREAD,
                            f"{_where(table)}：本类表格暂不解析（不入库）")
    first = _parse(table, doc)
    if first.status == COMPLETE or path is None or _unconverted(table):
        return first  # (no other reader converts a unit)
    best, agreeing = first, None
    # (an amount printed beside a code in one cell: the columns were read apart wrongly, whatever two readers agree)
    clean = not any(t in w for w in first.warnings for t in _CELL_TROUBLE) and not _unread_codes(table, first.frames) \
        and not _fused_cells(table)
    # and a rule flags it: `complete` would hide sums the rules do not check; a sum off by more than the rounding
    # of the unit the table prints (a 元 table's 30 元 is a difference: the rules read its exact amounts too)
    confirmable = clean and _printable(first.failures, table) and any(
        f.judged and abs(f.diff) > checks.rounding_of(table.unit) * max(f.n, 1) for f in first.failures)
    closing: TableReading | None = None  # a reading by text positions whose sums close where the lattice's fail
    # the cheap readers by text position first, to confirm a table of figures (a form's free-text cells defeat them)
    cheap_first = confirmable and not BY_KEY[table.family].form
    for label, alt in _rereadings(table, pages, path, engine, memo, cheap_first):
        other = _parse(alt, doc)
        other.reader = label
        held = _holds(_figure_counts(other), _figure_counts(first))
        if other.status == COMPLETE and other.rows >= 0.9 * first.rows and held:
            other.reason += f"（首次读取不闭合，改用 {label} 重读）"
            if not cheap_first or by_lattice(label):
                return other
            # asked first only for being cheap: it weighs against the lattice's reading only when no reader agrees
            # with that one (a column taken for its neighbour by text position can close a sum the document breaks)
            closing = closing or other
            continue
        if _same_failures(first.failures, other.failures) and not label.startswith("窄行"):  # another reader
            agreeing = label
            if confirmable:
                break  # two readers print the same failing sums: the document prints them; no third reading
        if _better(other, best) and other.rows >= 0.9 * first.rows and held:
            best = other
    if agreeing and confirmable:
        first.status = COMPLETE
        first.reason = (f"{_where(table)}：两种读法（含 {agreeing}）读数一致，表内合计与分项不符系文件本身所印："
                        + "；".join(f.message() for f in first.failures[:3]))
        return first
    return closing or best


def by_lattice(reader: str) -> bool:
    """A reading by Camelot lattice (the first, the 'combined' engine's, realigned rows), not stream or pdfplumber."""
    return not reader or reader.startswith(("窄行", "Camelot lattice"))


def seen_on(page_texts: list[str], family: str, skip: set[int]) -> list[int]:
    """Pages (not the 目录) whose text shows a title of `family` or, for a 决算 table, its 公开0X表 code."""
    code = BY_KEY[family].final_code
    out = []
    for i, text in enumerate(page_texts, start=1):
        if i in skip:
            continue
        titled, printed = _titles_on(text)
        if family in titled:
            out.append(i)
            continue
        # the code numbers differ between templates and years: it counts only on a page whose titles name
        # no other table (a 三公 table printed as 公开07表 is not the 政府性基金 table)
        if code and printed == code and not titled:
            out.append(i)
    return out


def clear_caches() -> None:
    _titles_on.cache_clear()


@functools.lru_cache(maxsize=512)
def _titles_on(text: str) -> tuple[frozenset[str], str | None]:
    """The families whose titles a page's lines show, and its first 公开0X表 code (a document's
    missing tables each look over every page: each page is read once)."""
    norm = unicodedata.normalize("NFKC", text)
    lines = [ln.strip() for ln in norm.replace("\r", "\n").split("\n") if ln.strip()]
    titled = frozenset(hit[0] for ln in lines if len(ln) <= 45 and (hit := match_title(ln)))
    m = _CODE.search(norm)
    return titled, f"公开{int(m.group(1)):02d}表" if m else None


def expected_rows(found: list[TableReading], toc: list[TocEntry], doc_kind: str, page_texts: list[str],
                  toc_pages: set[int]) -> list[TableReading]:
    """`unread` rows for the tables the 目录 (else the doc kind) calls for and no table found answers."""
    found_families = {r.family for r in found}
    listed = {e.family for e in toc if e.family}
    for r in found:
        r.listed = r.family in listed
    wanted: list[tuple[str | None, str, int | None]] = (
        [(e.family, e.title, e.page) for e in toc] if toc else [(f, BY_KEY[f].label, None) for f in expected(doc_kind)])
    out = []
    for family, title, toc_page in wanted:
        if family in found_families:
            continue
        seen = seen_on(page_texts, family, toc_pages) if family else []
        page = seen[0] if seen else toc_page or 1
        if seen:
            reason = f"第{'、'.join(map(str, seen[:3]))}页有“{title}”，但未能识别或读取其表格"
        elif toc_page:
            reason = f"目录（第{toc_page}页）列有“{title}”，但文件中未找到该表"
        else:
            reason = f"未找到“{title}”（无目录；各页均无此表标题）"
        out.append(TableReading(family, title, [page], UNREAD, reason, listed=toc_page is not None, seen_pages=seen,
                                found=False))
    return out


def readings_rows(readings: list[TableReading], doc: DocMeta) -> list[dict[str, Any]]:
    """The `readings` dataset rows of one document: the tables of the families the ingest parses
    (a 政府采购表 or 绩效目标表 holds nothing the rules read) and 目录 titles of no known family."""
    return [{**doc.common(r.pages[0] if r.pages else 1), "family": r.family, "title": r.title, "table_pages": r.pages,
             "status": r.status, "reason": r.reason, "rows": r.rows, "listed": r.listed, "seen_pages": r.seen_pages,
             "empty": r.empty, "found": r.found} for r in readings
            if r.family in PARSERS or r.family is None]


def merge(reading: TableReading, result: ParseResult) -> None:
    """Add a table's rows to the document's, each marked with the table's reading status."""
    status = reading.status if reading.status != UNREAD else PARTIAL
    for dataset, rows in reading.frames.items():
        if dataset in _TABLE_DATASETS:
            rows = [{**r, "reading": status} for r in rows]
        result.add(dataset, rows)
    result.warnings.extend(reading.warnings)
