"""The cheap text pass: which pages hold which tables, before any Camelot work.

pypdfium2 reads each page's text layer (milliseconds a page). A page is cut into
segments, one per table on it, top to bottom: a segment starts at a table title
(matched fuzzily, whatever its numbering, year, agency or scope prefix; wrapped over
two lines), or at a bare table code (公开05表, 公开表五, 表1-1) whose family the header
words below it tell. The text above the first title continues the previous page's
table when it reads like table rows (Word exports run tables on under prose and
several small tables share a page). A page listing many titles with no rows between
them is a table of contents. Forms (self-evaluations, target tables) hold sentences
in their goal cells: a form page counts as a table when its title heads the page, and
a title-less page after a form continues it when it shows indicator rows (…分值 得分).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from fiscal.rules.lookups import NIL_SUBJECTS
from ingest.families import BY_FINAL_CODE, BY_KEY, FAMILIES, by_header, is_code_line, match_title
from ingest.model import PageInfo, Segment, stated_unit
from ingest.numbers import whole_amount

_CODE = re.compile(r"公开\s*(\d{1,2})\s*表")
_AGENCY = re.compile(r"(?:编制)?(?:部门|单位)(?:名称)?\s*[:：]\s*(?!万元|元)([^\s:：]{2,40}?)(?=\s|金额|单位|$)")
_NUMBERISH = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)|(?<!\d)\d{3}(?:\s?\d{2}){1,2}(?!\d)")
_GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,.])")  # whole 元 with separators: 20,861,900
_ROW_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}(?:\s|$)")
_SENTENCE = re.compile(r"[。，；《》]")
_TOC_MIN_TITLES = 3
_TOC_GAP = 3  # lines between two titles of a table of contents (page numbers, leaders)
_TITLE_MAX = 60  # a title with its agency and year ("十一、2017年江苏省…支出预算表")
_WRAP_MAX = 14  # the second line of a wrapped title ("支出预算表", "表")
_HEAD_LINES = 8  # the lines looked at to tell table rows from prose at the top of a segment
_FORM_TITLE_LINES = 4  # a form's title is among the first lines of its page (after 附件 x-y)
# an indicator row: a line ending with two small numbers (分值/权重 and 得分), or a 总分/合计 line
# (a short reason may follow the scores: "… 20 19 宣传覆盖面仍需扩")
_FORM_ROW = re.compile(
    r"(?:^|\s)\d{1,3}(?:\.\d{1,2})?\s+\d{1,3}(?:\.\d{1,2})?(?:\s+[^\d\s。]{1,20})?$|^(?:总\s*分|合\s*计)(?:\s|$)"
)


def _lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text.replace("\r", "\n"))
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _raw_lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.replace("\r", "\n").split("\n") if ln.strip()]


def _is_prose(text: str) -> bool:
    # Running prose: several full sentences. Table notes (注：…。) are one or two.
    return text.count("。") >= 4


def _row_like(raw: str) -> bool:
    """A line of table cells: an amount or a leading function code, and no sentence punctuation."""
    if _SENTENCE.search(raw) or "万元" in raw:
        return False
    line = unicodedata.normalize("NFKC", raw)
    return bool(re.search(r"(?<![\d.])\d[\d,]*\.\d{1,2}(?![\d.])", line) or _ROW_CODE.match(line)
                or _GROUPED.search(line) or sum(map(whole_amount, line.split())) >= 2)  # whole 元


def _rows_on_top(text: str) -> bool:
    """The segment starts with table rows (not prose): a row-like line before any full stop, in its first lines."""
    for raw in _raw_lines(text)[:_HEAD_LINES]:
        if _row_like(raw):
            return True
        if "。" in raw:
            return False
    return False


def _prose_first(text: str) -> bool:
    """A sentence comes before any table row (a heading over prose, not a title over a table with notes)."""
    for raw in _raw_lines(text):
        if _row_like(raw):
            return False
        if "。" in raw:
            return True
    return True


_LEADERS = re.compile(r"^[\s.．。…·•_\-—－\d]*$")


_PAGE_REF = re.compile(r"(?:[\s.．…·•_\-—－]{2,}|\s)\d{1,3}\s*$")


def _toc_entry(raw: str) -> bool:
    """A 目录 line: a table title, then a dot leader or a page number."""
    line = unicodedata.normalize("NFKC", raw)
    m = _PAGE_REF.search(line)
    if m is None or "表" not in line[max(0, m.start() - 14):m.start()]:  # most lines: cheap no
        return False
    title = line[:m.start()].strip()
    return _title_candidate(title) and match_title(title) is not None


def _toc_filler(raw: str) -> bool:
    """A line a 目录 prints between two titles: a page number, a dot leader, a wrapped title or part heading
    (no table row, no sentence: a title over a sentence is a table said to be empty, not a 目录 entry)."""
    if _LEADERS.match(raw):
        return True
    return not _row_like(raw) and _title_candidate(raw)


def _title_candidate(raw: str) -> bool:
    # 《》 in a short line are how OCR reads the quotes of “三公” in a title, not a book title in prose
    return 3 <= len(raw) <= _TITLE_MAX and not _SENTENCE.search(raw.replace("《", "“").replace("》", "”"))


def _anchors(raw: list[str]) -> list[tuple[int, str | None, str, bool]]:
    """(line index, family or None, title as printed, has a code) of each table start on a page."""
    out: list[tuple[int, str | None, str, bool]] = []
    i = 0
    while i < len(raw):
        line = raw[i]
        hit, span = None, 1
        if beside := _titles_side_by_side(line):
            out.extend((i, family, title, bool(_CODE.search(title))) for family, title in beside)
            i += 1
            continue
        if _title_candidate(line):
            hit = match_title(line)
            wrapped = i + 1 < len(raw) and len(raw[i + 1]) <= _WRAP_MAX and _title_candidate(line + raw[i + 1]) \
                and not _AGENCY.match(unicodedata.normalize("NFKC", line))  # "部门：X" over a title is no wrap
            if hit is None and wrapped:
                if (hit := match_title(line + raw[i + 1])) is not None:
                    span = 2  # a title wrapped over two lines
        if hit is not None:
            coded = bool(_CODE.search(line))
            if out and out[-1][1] is None and out[-1][3] and out[-1][0] >= i - 2:
                out[-1] = (out[-1][0], hit[0], line + (raw[i + 1] if span == 2 else ""), True)  # 公开05表 \n title
            else:
                out.append((i, hit[0], line + (raw[i + 1] if span == 2 else ""), coded))
        elif is_code_line(line):
            if out and out[-1][1] is not None and not out[-1][3] and out[-1][0] >= i - 2:
                out[-1] = (out[-1][0], out[-1][1], out[-1][2], True)  # title \n 公开09表
            else:
                out.append((i, None, "", True))
        i += span
    return _pair_codes_with_late_titles(out)


Anchor = tuple[int, str | None, str, bool]  # (line index, family or None, title as printed, has a code)


# what a 空表说明 names: a note under one of two tables side by side is that table's when it names its subject — the
# family whose label names exactly one of the subjects a nil statement names (政府性基金, 三公, 机关运行 …)
_SUBJECTS = {f.key: named[0] for f in FAMILIES if len(named := [w for w in NIL_SUBJECTS if w in f.label]) == 1}


def _own_notes(text: str, family: str) -> str:
    """The shared text of tables side by side without the sentences (notes) that name only another's subject."""
    own = _SUBJECTS.get(family)

    def other(ln: str) -> bool:
        named = [w for f, w in _SUBJECTS.items() if f != family and w in ln]
        return bool(named) and "。" in ln and (own is None or own not in ln)

    return "\n".join(ln for ln in text.split("\n") if not other(ln))


def _titles_side_by_side(line: str) -> list[tuple[str, str]]:
    """(family, title) of two tables' titles printed on one line (two tables side by side on a sheet, its text
    written line by line across both), left first; [] for any other line."""
    text = line.strip()
    if len(text) < 10 or text.count("表") < 2 or _SENTENCE.search(text):
        return []
    for cut in (k + 1 for k, ch in enumerate(text[:-1]) if ch == "表"):  # the text layer may put no space between
        left, right = text[:cut].strip(), text[cut:].strip()
        if not right.endswith("表"):
            continue
        a = match_title(left)
        if a is not None and (b := match_title(right)) is not None:
            return [(a[0], left), (b[0], right)]
    return []


def _pair_codes_with_late_titles(anchors: list[Anchor]) -> list[Anchor]:
    """A bare code at the top and an uncoded title further down are one table (Excel exports draw titles last)."""
    out = list(anchors)
    codes = [k for k, a in enumerate(out) if a[1] is None and a[3]]
    titles = [k for k, a in enumerate(out) if a[1] is not None and not a[3]]
    drop: set[int] = set()
    for c, t in zip(codes, titles, strict=False):  # in order; codes or titles left over stay apart
        if t > c:
            out[c] = (out[c][0], out[t][1], out[t][2], True)
            drop.add(t)
    return [a for k, a in enumerate(out) if k not in drop]


def family_by_header(text: str) -> str | None:
    """The one family whose header words all appear near the top of the text (title missing)."""
    top = "".join(_lines(text)[:15]).replace(" ", "")
    hits = sorted(
        ((len(f.header_words), f.key) for f in FAMILIES
         if len(f.header_words) >= 2 and all(w in top for w in f.header_words)),
        reverse=True,
    )
    if not hits or (len(hits) > 1 and hits[0][0] == hits[1][0]):
        return None  # nothing, or a tie: no guess
    return hits[0][1]


def _unit(text: str) -> str | None:
    return stated_unit(text)


def classify_page(number: int, text: str, doc_kind: str | None = None) -> PageInfo:
    """What one page's text says about the tables that start on it (segments; no continuation yet)."""
    info = PageInfo(number=number, text=text)
    raw = _raw_lines(text)
    code = _CODE.search(unicodedata.normalize("NFKC", text))
    info.code = f"公开{int(code.group(1)):02d}表" if code else None
    info.unit = _unit(text)
    agency = _AGENCY.search(unicodedata.normalize("NFKC", text))
    info.agency_hint = agency.group(1) if agency else None
    if "目录" in "".join(_lines(text)[:3]).replace(" ", ""):
        return info  # table of contents
    if sum(_toc_entry(ln) for ln in raw) >= _TOC_MIN_TITLES:
        return info  # titles each followed by a dot leader or page number: a 目录 (its heading on a page before)
    anchors = _anchors(raw)
    if not anchors:
        return info
    bounds = [a[0] for a in anchors] + [len(raw)]
    pieces = ["\n".join(raw[bounds[k]:bounds[k + 1]]) for k in range(len(anchors))]
    for k in range(len(anchors) - 2, -1, -1):
        if bounds[k] == bounds[k + 1]:
            pieces[k] = pieces[k + 1]  # titles side by side on one line: both tables' text is what follows it
    for k, (line, family, _title, _code) in enumerate(anchors):
        if family and any(a[0] == line for j, a in enumerate(anchors) if j != k):
            pieces[k] = _own_notes(pieces[k], family)
    first_family = anchors[0][1]
    form_page = first_family is not None and BY_KEY[first_family].form and anchors[0][0] < _FORM_TITLE_LINES
    gaps = [b - a for a, b in pairwise(bounds[:-1])]
    if len(anchors) >= _TOC_MIN_TITLES and not form_page and sum(g <= _TOC_GAP for g in gaps) >= len(gaps) - 1 \
            and all(_toc_filler(ln) for p in pieces[:-1] for ln in p.split("\n")[1:]):
        return info  # many titles one under another, only page numbers or leaders between them: a 目录
    pre = "\n".join(raw[: bounds[0]])
    if _starts_table(raw[: bounds[0]]):
        # The page opens with a unit/部门 line: its table's title was drawn after the rows (Excel
        # exports); it is the first title below that has no rows of its own.
        late = next((k for k, a in enumerate(anchors) if a[1] and not a[3]
                     and not any(_row_like(ln) for ln in pieces[k].split("\n")[1:])), None)
        if late is not None:
            anchors[late] = (0, anchors[late][1], anchors[late][2], False)
            pieces[late] = pre + "\n" + pieces[late]
            order = [late] + [k for k in range(len(anchors)) if k != late]
            anchors, pieces, pre = [anchors[k] for k in order], [pieces[k] for k in order], ""
    segments: list[Segment] = []
    for (_, family, title, _), piece in zip(anchors, pieces, strict=True):
        body = piece.split("\n", 1)[1] if "\n" in piece else ""
        if family is None:
            printed_code = _code_of(piece) if doc_kind == "final_account" else None
            family = family_by_header(body) or (
                BY_FINAL_CODE[printed_code].key if printed_code in BY_FINAL_CODE else None)
            title = BY_KEY[family].titles[0] if family else ""
        elif not BY_KEY[family].form and _is_prose(body) and _prose_first(body):
            family = None  # a heading in the narrative that names a table
        else:
            family = by_header(family, body)  # a title two kinds of table share: its header says which
        segments.append(Segment(family, title, piece, new=True, unit=_unit(piece)))
    if form_page:
        segments = [Segment(first_family, anchors[0][2], text, new=True, unit=info.unit)]
    if pre.strip():
        segments.insert(0, Segment(None, "", pre, new=False, unit=_unit(pre)))
    info.segments = segments
    first = next((s for s in segments if s.new and s.family), None)
    if first is not None:
        info.family, info.title = first.family, first.title
    return info


def _starts_table(lines: list[str]) -> bool:
    """The first lines are a table's unit or 部门： line (what follows a title)."""
    return any(stated_unit(ln) or _AGENCY.match(unicodedata.normalize("NFKC", ln))
               for ln in lines[:2])


def _code_of(text: str) -> str | None:
    m = _CODE.search(unicodedata.normalize("NFKC", text))
    return f"公开{int(m.group(1)):02d}表" if m else None


def looks_tabular(text: str) -> bool:
    """A title-less page that reads like table rows rather than prose (a sentence before any row: the narrative
    begins, e.g. 第二部分 / …情况说明 / 2024年度收入、支出总计均为…万元，…。 with few full stops)."""
    if _rows_on_top(text):
        return True
    if _is_prose(text) or ("。" in text and _prose_first(text)):
        return False
    return len(_NUMBERISH.findall(unicodedata.normalize("NFKC", text))) >= 1 or len(text.strip()) < 80


def continues_form(text: str) -> bool:
    """A title-less page that shows indicator rows of a form (prose in goal cells allowed)."""
    return any(_FORM_ROW.search(line) for line in _lines(text))


def _header_page(text: str) -> str | None:
    """The family of a title-less table known by its header words (not a glossary that names them)."""
    if _is_prose(text) or any("。" in ln for ln in _lines(text)[:15]):
        return None
    family = family_by_header(text)
    if family is None or BY_KEY[family].form:
        return family  # a form's labels are its signal (few figures on its first page)
    return family if any(_row_like(ln) for ln in _raw_lines(text)) else None


def triage(page_texts: list[str], doc_kind: str | None = None) -> list[PageInfo]:
    """Classify every page; the top of a page continues the table before it when it reads like rows."""
    pages = [classify_page(i + 1, t, doc_kind) for i, t in enumerate(page_texts)]
    previous: str | None = None  # family of the table the last page ended in
    last: Segment | None = None  # … and the segment that ended it (its title and unit carry over)
    for page in pages:
        top = page.segments[0] if page.segments and not page.segments[0].new else None
        top_text = top.text if top is not None else ("" if page.segments else page.text)
        continues = False
        if previous is not None and (top is not None or not page.segments):
            if BY_KEY[previous].form:
                continues = continues_form(top_text) or (not page.segments and looks_tabular(top_text))
            else:
                continues = _rows_on_top(top_text) if page.segments else looks_tabular(top_text)
        if continues:
            assert previous is not None
            carried = last.title if last is not None else ""
            if top is None:
                top = Segment(previous, carried, page.text, new=False, unit=page.unit)
                page.segments = [top]
            top.family, top.title = previous, carried
            top.unit = top.unit or (last.unit if last is not None else None) or _previous_unit(pages, page.number)
            page.continuation = True
            if not page.family or page.segments[0] is top:
                page.family, page.title = previous, carried
            page.unit = page.unit or top.unit
        elif not page.segments and (by_header := _header_page(page.text)):
            # No title in the text layer (drawn as an image?): the header words are the signal.
            page.segments = [Segment(by_header, "", page.text, new=True, unit=page.unit)]
            page.family, page.title = by_header, ""
        elif top is not None:
            top.family = None
        last = page.segments[-1] if page.segments else None
        previous = last.family if last is not None else None
    return pages


def prose_text(page: PageInfo) -> str:
    """The page's text outside its tables (a Word export runs prose and tables on one page)."""
    if not page.family:
        return page.text
    out = []
    for s in page.segments:
        lines = _raw_lines(s.text)
        if not s.family:
            out.extend(lines)
            continue
        rows = [k for k, ln in enumerate(lines) if _row_like(ln)]
        if rows and not BY_KEY[s.family].form:
            out.extend(lines[rows[-1] + 1:])  # the prose that follows the table's last row
    return "\n".join(out)


def _previous_unit(pages: list[PageInfo], number: int) -> str | None:
    return next((p.unit for p in reversed(pages[: number - 1]) if p.unit), None)
