"""One PDF in, rows for the lake (or a quarantine reason) out.

Stages: open (bytes, magic, pdfium) → text (pypdfium2 pass, scanned detection) →
metadata → triage → extract (Camelot on table pages only) → stitch → parse → checks.
Every failure names its stage so the quarantine record says where a file broke.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from fiscal.rules.lookups import NIL_SUBJECTS
from fiscal.schema import SCANNED_NOTE
from ingest import checks, locate, narrative, prose, toc, unlock, watermark
from ingest.extract import Grid, Readings, read_tables
from ingest.families import expected
from ingest.metadata import MetadataError, infer
from ingest.model import DocMeta, PageInfo, ParseResult, RawTable
from ingest.parsers import PARSERS
from ingest.reading import PARTIAL, TableReading, by_lattice, expected_rows, merge, read_table, readings_rows
from ingest.stitch import page_segments, stitch, text_grids
from ingest.textlayer import MIN_PAGE_CHARS, garbled, table_pictures
from ingest.triage import triage

# 0.4.0: project_goals and its boxes, the better-reading rule, copy-protected/watermarked/garbled files read
# 0.5.0: prose stores this year's figure of a sentence that also gives an earlier year's, 目录 lines with template text
#        (toc_line), vehicle counts; 经济分类 names read by the national list, 千元 tables, new self-evaluation layouts
# 0.6.0: fifteenth-round layouts (三公 columns fused with reasons, fund lines in label cells, 区域 self-evaluations),
#        the prose's 财政拨款收入 (fiscal_income_total) and 202X template years
PARSER_VERSION = "0.6.0"
# pdfminer (under Camelot) logs every malformed object it tolerates; those are not ours to report.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
# A page printing this many numbers may hold figures: the text pass keeps it open for the figure
# locator (ingest/locate.py), which then loads no page twice; at most _HELD pages (a few MB) per document.
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_HELD_NUMBERS = 5
_HELD = 200


class Rejected(Exception):
    """The file cannot be ingested; it goes to the quarantine."""

    def __init__(self, stage: str, reason: str, detail: str = "") -> None:
        super().__init__(f"{stage}: {reason}")
        self.stage, self.reason, self.detail = stage, reason, detail

    def __reduce__(self) -> tuple[type[Rejected], tuple[str, str, str]]:  # travels back from worker processes
        return (Rejected, (self.stage, self.reason, self.detail))


@dataclass
class Outcome:
    """What ingesting one file produced."""

    path: Path
    sha256: str
    meta: DocMeta | None = None
    frames: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    pages: int = 0
    tables: list[str] = field(default_factory=list)
    tables_found: int = 0  # of the expected families
    tables_expected: int = 0
    checks_passed: int = 0
    checks_failed: int = 0
    seconds: float = 0.0
    rejected: Rejected | None = None
    unit: str = "万元"
    readers: dict[int, str] = field(default_factory=dict)  # pages whose table was read by other than lattice
    # the stored source when it is not the file itself: a copy-protected PDF's unlocked copy, or the OCR'd
    # copy of a scan made on a worker away from the driver's disk (ingest_bytes); boxes are on its pages
    readable: bytes | None = None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _open(path: Path, data: bytes) -> pdfium.PdfDocument:
    if not data:
        raise Rejected("open", "empty_file", "文件为空 / zero-byte file")
    if b"%PDF-" not in data[:1024]:
        raise Rejected("open", "not_pdf", "不是PDF文件（缺少 %PDF- 文件头）/ no PDF header")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise Rejected("open", "encrypted", f"PDF已加密，需要密码 / encrypted PDF: {msg}") from exc
        raise Rejected("open", "corrupt", f"PDF已损坏或被截断 / corrupt or truncated PDF: {msg}") from exc


def _texts(pdf: pdfium.PdfDocument, held: dict[int, tuple[Any, Any]]) -> list[str]:
    """Every page's text; the pages that print amounts are kept open in `held` (page, textpage) by number."""
    texts = []
    for number, page in enumerate(pdf, start=1):
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range())
        if len(held) < _HELD and len(_NUMBER.findall(texts[-1])) >= _HELD_NUMBERS:
            held[number] = (page, textpage)
        else:
            textpage.close()
            page.close()
    return texts


def _release(held: dict[int, tuple[Any, Any]]) -> None:
    for page, textpage in held.values():
        textpage.close()
        page.close()
    held.clear()


def forget() -> None:
    """Drop the caches keyed by page and cell text (a benchmark's untimed warm-up must not read ahead)."""
    from ingest import reading
    from ingest import stitch as stitching

    reading.clear_caches()
    stitching.clear_caches()


def ingest_file(path: Path, overrides: Mapping[str, object] | None = None, engine: str = "vector") -> Outcome:
    """Read one file completely; never raises for bad input (see Outcome.rejected)."""
    started = time.perf_counter()
    data = Path(path).read_bytes()
    return _ingest_data(data, Path(path), overrides, engine, started)


def ingest_bytes(data: bytes, name: str, overrides: Mapping[str, object] | None = None,
                 engine: str = "vector") -> Outcome:
    """Like ingest_file, for a file's bytes and name (a worker that does not share the driver's disk).

    Camelot reads from a path, so the bytes go to a private temporary file first; the
    Outcome's path is `name`, the metadata sees the same file name as ingest_file would.
    """
    import tempfile

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ingest_") as tmp:
        local = Path(tmp) / (Path(name).name or "document.pdf")
        local.write_bytes(data)
        outcome = _ingest_data(data, local, overrides, engine, started)
        if outcome.path != local and outcome.rejected is None:  # OCR'd: the copy lives on this worker only
            outcome.readable = outcome.path.read_bytes()
    outcome.path = Path(name)
    return outcome


def _ingest_data(data: bytes, path: Path, overrides: Mapping[str, object] | None, engine: str,
                 started: float) -> Outcome:
    outcome = Outcome(path=Path(path), sha256=sha256_of(data))
    try:
        clear = unlock.unlocked(data)
        clean = watermark.cleaned(clear or data)
        if clear is None and clean is None:
            _ingest(outcome, data, overrides or {}, engine)
        else:
            outcome.warnings.extend(note for note, copy in ((unlock.NOTE, clear), (watermark.NOTE, clean)) if copy)
            _ingest_copy(outcome, clean or clear or data, clear, overrides or {}, engine)
    except Rejected as exc:
        outcome.rejected = exc
    except Exception as exc:  # a parser bug must not stop the batch: quarantine with the trace
        outcome.rejected = Rejected("parse", "internal_error", f"{type(exc).__name__}: {exc}")
    if outcome.rejected is not None:  # the quarantine keeps the file as it came, not its OCR'd copy
        outcome.path = Path(path)
    outcome.seconds = round(time.perf_counter() - started, 3)
    return outcome


def _ingest_copy(outcome: Outcome, read: bytes, clear: bytes | None, overrides: Mapping[str, object],
                 engine: str) -> None:
    """Read a working copy `read`: a copy-protected PDF's unlocked copy `clear` (ingest/unlock.py), which is then
    the stored source (unless OCR made another copy of it), and/or the copy without watermark text
    (ingest/watermark.py), which is only read: the stored source keeps what the office published, and the
    figures' boxes fit it as the pages' geometry is the same. The Outcome keeps the original's path and hash."""
    import tempfile

    original = outcome.path
    with tempfile.TemporaryDirectory(prefix="working_") as tmp:
        copy = Path(tmp) / (original.name or "document.pdf")
        copy.write_bytes(read)
        outcome.path = copy
        try:
            _ingest(outcome, read, overrides, engine)
        finally:
            if outcome.path == copy:  # not OCR'd into a copy of its own
                outcome.path = original
                outcome.readable = clear


def _ingest(outcome: Outcome, data: bytes, overrides: Mapping[str, object], engine: str) -> None:
    pdf = _open(outcome.path, data)
    held: dict[int, tuple[Any, Any]] = {}  # pages the text pass keeps open for the figure locator
    try:
        outcome.pages = len(pdf)
        texts = _texts(pdf, held)
        # a garbled text layer is none: such pages are OCR'd like a scan's
        garbage = [n for n, t in enumerate(texts, start=1) if garbled(t, MIN_PAGE_CHARS)]
        texts = ["" if n in garbage else t for n, t in enumerate(texts, start=1)]
        scan = sum(len(t.strip()) for t in texts) < MIN_PAGE_CHARS * max(outcome.pages, 1)
        pictured = [] if scan else table_pictures(pdf, texts, MIN_PAGE_CHARS)
        _read(outcome, data, texts, overrides, engine, held, scan, sorted({*pictured, *garbage}))
    finally:
        _release(held)
        pdf.close()


def _read(outcome: Outcome, data: bytes, texts: list[str], overrides: Mapping[str, object], engine: str,
          held: dict[int, tuple[Any, Any]], scan: bool = False, pictured: list[int] | None = None) -> None:
    """`scan`: the file has no text layer to speak of; `pictured`: pages of a typed file that are pictures
    of tables or whose text is garbled (ingest/textlayer.py). Both are OCR'd (ingest/ocr.py) and read like
    typed pages."""
    ocr_pages: list[int] = []
    if scan or pictured:
        from ingest import ocr  # only scans pay for importing OCRmyPDF

        readable = ocr.make_readable(outcome.path, data, texts)
        if readable is not None:
            outcome.path, data, texts, ocr_pages = readable
            _release(held)  # pages of the scan: the locator reads the OCR'd copy
            outcome.warnings.append(ocr.note(ocr_pages))
        elif scan:
            raise Rejected("text", "no_text_layer", "没有文字层，OCR也未识别出单位和表格（空白或无法识别的扫描件）"
                                                    " / no text layer; OCR found no agency and no table")
        else:
            shown = "、".join(map(str, pictured or []))
            outcome.warnings.append(f"{SCANNED_NOTE}第{shown}页无可用文字层（表格图片或乱码），OCR未能识别"
                                    " / pages without a usable text layer OCR could not read")
    try:
        meta = infer(texts, outcome.path.name, overrides)
        if ocr_pages and not overrides.get("agency"):  # meta has no sums: an OCR'd agency needs a second place
            from ingest.ocr_meta import confirm_agency

            agency, unconfirmed = confirm_agency(texts, meta.agency, outcome.path.name)
            if agency != meta.agency:
                meta = infer(texts, outcome.path.name, {**overrides, "agency": agency})
            outcome.warnings.extend([unconfirmed] if unconfirmed else [])
    except MetadataError as exc:
        raise Rejected("metadata", "metadata_unknown", str(exc)) from exc
    doc = DocMeta(
        doc_id=outcome.sha256, region_code=meta.region_code, region=meta.region, province=meta.province,
        city=meta.city, agency_id=meta.agency_id, agency=meta.agency, year=meta.year, doc_kind=meta.doc_kind,
        scope=meta.scope, source_name=outcome.path.name, synthetic=bool(overrides.get("synthetic", False)),
    )
    outcome.meta = doc
    pages = triage(texts, doc.doc_kind)
    grids = _read_grids(outcome.path, pages, engine, outcome.readers)
    tables = stitch(pages, grids)
    result = ParseResult(warnings=list(outcome.warnings))
    units = {t.unit for t in tables}
    outcome.unit = "元" if units == {"元"} else "万元"
    by_number = {p.number: p for p in pages}
    second: Readings = {}  # the second readings of pages, shared by the tables on them
    found = []
    if ocr_pages:  # OCR splits a header cell's wrapped label over the grid rows beside it
        tables = [ocr.mend_header(t, outcome.path) if set(t.pages) & set(ocr_pages) else t for t in tables]
    for table in tables:
        reading = read_table(table, doc, outcome.path, by_number, engine, second)
        if ocr_pages:
            ocr.proofread(reading, table, ocr_pages, doc, outcome.path)  # OCR'd figures count only when sums close
        merge(reading, result)
        found.append(reading)
        if not by_lattice(reading.reader):
            outcome.readers.update(dict.fromkeys(reading.pages, reading.reader))
    _explain_empty(tables, found, texts, result)
    prose.parse(texts, doc, result)
    notes = prose.table_notes(outcome.path, texts, [p.number for p in pages if p.family])  # 注/说明 under grids
    narrative.parse(texts, doc, result, pages, notes)
    if ocr_pages:  # OCR'd prose has no arithmetic to prove it: its figures accuse nothing
        _unproven_prose(result, set(ocr_pages))
        from ingest.ocr_prose import prove_sangong  # printed shares prove the 三公 figures they divide

        sangong = result.frames.get("sangong", [])
        prove_sangong(sangong, texts, doc)
        if sangong:
            result.frames["sangong"] = sangong
    prose.stated_sangong(doc, result)  # after the OCR'd prose is dropped: a 决算's 三公 stated only in prose
    for dataset in ("sangong", "summary", "projects", "indicators"):  # prose-derived rows: read with confidence
        for row in result.frames.get(dataset, []):
            row.setdefault("reading", "complete")
    outcome.tables = sorted({t.family for t in tables})
    wanted = expected(doc.doc_kind)
    outcome.tables_expected = len(wanted)
    outcome.tables_found = len([f for f in wanted if f in outcome.tables])
    missing = [f for f in wanted if f not in outcome.tables]
    if missing and tables:
        result.warnings.append("缺少表格 / missing tables: " + ", ".join(missing))
    if not tables and not any(result.frames.values()):
        raise Rejected("extract", "no_tables", "未找到可识别的表格或数字 / no recognisable table or figure")
    entries = toc.parse(texts)
    toc_pages = {i + 1 for i, t in enumerate(texts[:8]) if toc.is_toc(t)}
    readings = found + expected_rows(found, entries, doc.doc_kind, texts, toc_pages)
    result.add("readings", readings_rows(readings, doc))
    passed = sum(r.passed for r in found)
    failed = [f"校验失败 {r.reason}" for r in found if r.status == PARTIAL and r.failures]
    more, across = checks.cross_checks(result.frames)
    outcome.checks_passed = passed + more
    outcome.checks_failed = sum(len(r.failures) for r in found if r.status == PARTIAL) + len(across)
    result.warnings.extend(failed + across)
    printed: dict[int, dict[int, str]] = {}  # OCR-corrected figures: what each page prints for them
    for r in found:
        for page in r.pages if r.printed_as else ():
            printed.setdefault(page, {}).update(r.printed_as)
    locate.locate(data, result.frames, held, printed)  # every figure's box on its page: the flag page crops to it
    outcome.frames, outcome.warnings = result.frames, result.warnings


def _read_grids(path: Path, pages: list[PageInfo], engine: str, readers: dict[int, str]) -> dict[int, list[Grid]]:
    """Camelot on the pages holding a table some parser reads; the other table pages (政府采购表,
    绩效目标表 …: the lake keeps only their family and pages) stand in with their text."""
    wanted = [p.number for p in pages if any(s.family in PARSERS for s in page_segments(p))]
    grids = read_tables(path, wanted, engine=engine, readers=readers) if wanted else {}
    for p in pages:
        if p.family and p.number not in grids:
            grids[p.number] = text_grids(p)
    return grids


_EMPTY_SAID = re.compile(r"无[^，。；\s]{0,20}(?:支出|收入|收支|数据|经费|资金|项目|安排|业务)"
                         r"|本(?:部门|单位)?(?:无|没有)|没有|此页无数据|不涉及|空表|[此本]表为空")
_NIL_CELL = re.compile(r"[(（]?无[)）]?[。.]?")
_STATEMENT_END = re.compile(r"[。；;！!？?]|(?=[注註]\d?[:：]|说明[:：]|备注[:：])")
_TOTAL_LABELS = ("合计", "总计")
_REACH = 45  # characters either side of a nil statement in which it names its subject


def _nil_statements(text: str) -> list[str]:
    """The stretches of `text` around each statement that something is nil, cut at sentence ends and where a note
    (注：, 说明：) starts, spaces and line breaks removed (a note wraps): the words naming what is nil. The statement
    itself is found in the text as printed (a cell or line break ends it: 无形资产购置 | 其他资本性支出 says
    nothing)."""
    cuts = [0, *(m.start() for m in _STATEMENT_END.finditer(text)), len(text)]
    out = []
    for m in _EMPTY_SAID.finditer(text):
        left = max([c for c in cuts if c <= m.start()], default=0)
        right = min([c for c in cuts if c > m.start()], default=len(text))
        out.append(re.sub(r"\s+", "", text[max(left, m.start() - _REACH):min(right, m.end() + _REACH)]))
    return out


def _explains(statement: str, title: str) -> bool:
    """Does a nil statement explain the empty table `title`? When it names what is nil (政府性基金, 国有资本经营,
    三公 …) only the table of that subject: a note under the 政府性基金 table does not explain the 国有资本经营 table
    beside it."""
    named = {s for s in NIL_SUBJECTS if s in statement}
    return not named or any(s in title for s in named)


def _printed_nil(table: RawTable) -> bool:
    """A table whose body prints nothing but 无 (in every cell, once across the line, in the name cell; beside a
    合计 label): the table itself states there is nothing, as “本表无数据” under it would."""
    cells = [re.sub(r"\s+", "", c) for row in table.rows for c in row if c and c.strip()]
    nil = [c for c in cells if _NIL_CELL.fullmatch(c)]
    return bool(nil) and all(c in _TOTAL_LABELS for c in cells if c not in nil)


def _explain_empty(tables: list[RawTable], readings: list[TableReading], texts: list[str],
                   result: ParseResult) -> None:
    """A document warning for each table whose every figure is blank or zero and that says nothing about it."""
    for t, r in zip(tables, readings, strict=True):
        if t.family not in PARSERS:
            continue  # text tables (绩效目标表 …) are not judged by their amount columns
        if r.empty and not _printed_nil(t):
            # the explanation is a 注 under the table, a line inside it or beside it: （无政府性基金支出）
            pages = " ".join(texts[p - 1] for p in t.pages if 0 < p <= len(texts))
            said = " ".join([t.note, *(c for row in t.rows for c in row if c), pages])
            if not any(_explains(statement, t.title) for statement in _nil_statements(said)):
                result.warnings.append(f"{t.title}（第{t.pages[0]}页）为空表但未说明 / empty table without explanation")


def _unproven_prose(result: ParseResult, ocr_pages: set[int]) -> None:
    """Prose read by OCR: its figures and sentences are not kept for the rules (a misread digit would
    accuse the document), and 三公 figures stated in it are `partial`."""
    kept = [r for r in result.frames.get("narrative", []) if r.get("page") not in ocr_pages]
    dropped = len(result.frames.get("narrative", [])) - len(kept)
    if "narrative" in result.frames:
        result.frames["narrative"] = kept
    for row in result.frames.get("sangong", []):
        if row.get("source") != "table" and row.get("page") in ocr_pages:
            row["reading"] = "partial"
    if dropped:
        result.warnings.append(f"扫描页的正文经OCR识别，其中 {dropped} 处数字和语句未用于核对 / "
                               f"{dropped} OCR'd prose statements not used by the rules")
