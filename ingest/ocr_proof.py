"""Proof-reading of tables read from OCR'd pages: a figure counts only when its table's sums close.

A table from an OCR'd page is `complete` only when its own sums close (`proofread`). Where they do
not, its figure cells are cropped from the page image and read again as digits (`reread_cells`, ingest.ocr_cells),
and the readings of a cell — Tesseract's second reading, letters read as digits, a lost decimal
point, one confusable digit (`candidates`) — are tried; a cell is changed only by the one reading
that closes more sums than any other (`correct`), and the table counts only when every sum closes.
Two misread cells that hide each other (neither fix alone closes a sum) are fixed together only
when exactly one pair closes every sum (`fix_pair`). Before parsing, row labels are freed of the
junk OCR reads for ordinals and header cells it lost are read again (`mend_header`, ingest.ocr_labels and
ingest.ocr_header); a table whose page states no unit OCR could read stays `partial`. A fix that completes a
figure OCR cut over two cells blanks the rest of it in the next cell (`_blank_spills`); a non-zero figure no sum
covers keeps the table `partial` (`_unproven`); of several values closing the sums within rounding, only the one
closing them exactly is taken.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ingest.model import UNIT_FACTORS
from ingest.ocr_cells import AGREED, _as_figure, as_read, reread_cells
from ingest.ocr_sums import _SUMMARIES, _sangong_open, residual, summary_sums, uncovered, unit_read
from ingest.reading import COMPLETE, PARTIAL

_CJK = re.compile(r"[\u4e00-\u9fff]")

# Digits Tesseract confuses in small print; a figure is changed only when every sum then closes.
_CONFUSED = {"0": "689", "1": "74", "3": "85", "4": "1", "5": "63", "6": "058", "7": "1", "8": "0369", "9": "08"}
_MAX_PARSES = 1500
# A long table's sweep over its cells may cost more than _MAX_PARSES / _SWEEPS: it gets room for _SWEEPS sweeps,
# up to _PARSE_CAP parses (a parse of a long table takes some 20 ms).
_SWEEPS = 4
_PARSE_CAP = 5000
# At most this many pairs of cell fixes are parsed when no single fix closes a sum.
_MAX_PAIRS = 400


# A whole amount (元) whose thousands marks OCR read as points, spaces or doubled marks: 17,.464 243, 627. 600,
# .150,.000 (a budget figure has at most two decimals: three digits after a mark are a thousands group).
_WHOLE = re.compile(r"[.,]*(\d{1,3}(?:[ .,]+\d{3})+)[.,]*")


def candidates(cell: str) -> list[str]:
    """Other readings of an OCR'd amount: letters and marks read as digits (Us → 05, 8:37 → 8.37),
    a whole amount's thousands marks misread (17,.464 243 → 17,464,243), the decimal point it lost, a lost
    leading "1,", one confusable digit."""
    text = " ".join(cell.split())
    out = []
    whole = _WHOLE.fullmatch(text)
    if whole and text != whole.group(1) or whole and re.search(r"[ .]", text):  # 17,.464 243: a whole amount's groups
        text = ",".join(re.split(r"[ .,]+", whole.group(1)))
        out.append(text)
    elif not re.fullmatch(r"[\d., ]*\d[\d., ]*", text) or text.count(".") > 1 or re.fullmatch(r"\d+,\d{2}", text):
        mapped = _as_figure(text)
        if mapped is None or mapped == text:
            return []
        out.append(mapped)
        text = mapped
    if len(text) > 16:
        return []
    if m := re.fullmatch(r"(\d+) (\d{2})", text):  # "367 04": the point between the groups was lost
        out.append(f"{m.group(1)}.{m.group(2)}")
    if m := re.fullmatch(r"(\d{1,3}(?:[ ,]\d{3})+)[ .](\d{2})", text):  # "10 191 56": commas and point lost
        out.append(re.sub(r"[ ,]", "", m.group(1)) + "." + m.group(2))
    if m := re.fullmatch(r"(\d+)\.(\d)", text):  # "3670.4": the point read a place off (×10)
        out.append(f"{text[:-3]}.{text[-3]}{text[-1]}" if len(m.group(1)) > 1 else text)
    if re.fullmatch(r"\d{3}\.\d{2}", text):  # "374.63" for 1,374.63: a leading 1 and its comma (thinnest print) lost
        out.append(f"1,{text}")
    if re.fullmatch(r"\d{3,}", text):  # "36704"
        out.append(f"{text[:-2]}.{text[-2:]}")
    if not re.fullmatch(r"\d{1,3}", text):  # a bare 类/款/项 code: no digit is guessed in it
        for k, ch in enumerate(text):
            out.extend(text[:k] + alt + text[k + 1:] for alt in _CONFUSED.get(ch, ""))
    return [c for c in dict.fromkeys(out) if c != " ".join(cell.split())]


_CLEAN_AMOUNT = re.compile(r"-?[\d,]*\d(?:\.\d+)?")
_CODE_CELL = re.compile(r"\d{3}(?:\d{2}){0,2}|\d{2}")


def code_columns(rows: list[list[str]]) -> set[int]:
    """The columns whose filled cells are mostly function or economic codes (201, 05, 2010101)."""
    out = set()
    for j in range(max((len(r) for r in rows), default=0)):
        filled = [r[j].strip() for r in rows if j < len(r) and r[j].strip()]
        if filled and sum(bool(_CODE_CELL.fullmatch(c)) for c in filled) >= 0.6 * len(filled):
            out.add(j)
    return out


def _with(table: Any, i: int, js: tuple[int, ...], value: str) -> Any:
    rows = [list(r) for r in table.rows]
    for j in js:
        rows[i][j] = value
    return replace(table, rows=rows)


def _spots(row: list[str], j: int) -> list[tuple[int, ...]]:
    """The cell alone, and with its twins: a figure printed twice in a row (合计 = its only part) is
    read from the same print twice, so it is fixed in both places or in neither."""
    twins = tuple(k for k, c in enumerate(row) if c.strip() == row[j].strip())
    return [(j,), twins] if len(twins) > 1 else [(j,)]


def correct(reading: Any, table: Any, doc: Any, reread: dict[str, list[str]] | None = None
            ) -> tuple[Any, list[str]] | None:
    """Cell fixes that make every sum of the table close, each the only fix of its cell; else None.

    A cell's candidates are what Tesseract read when the cell was cropped and read again (`reread`),
    then a lost decimal point and one confusable digit."""
    from ingest.reading import _parse  # the same parse and checks as the first reading

    if reading.empty:
        return None
    reread = reread or {}

    summary = getattr(table, "family", "") in _SUMMARIES

    def key(r: Any) -> tuple[int, int, int]:  # (sums open, cells unread, -sums closed), the 总表's own sums too
        closed, open_sums = summary_sums(r, True) if summary else (0, [])
        return len(r.failures) + len(open_sums), len(r.warnings), -(r.passed + closed)

    def better(trial: Any, than: Any) -> bool:  # more sums close (fewer fail, or as few and more pass) or more
        return (trial.rows >= than.rows and len(trial.warnings) <= len(than.warnings)  # cells read
                and key(trial) < key(than))

    agreed = set(reread.get(AGREED, []))
    pointless = _pointless(table.rows)

    def candidates_of(cell: str) -> list[str]:
        if cell.strip() in agreed:  # read twice alike (the page and the cell alone): its only reading is that
            whole = _WHOLE.fullmatch(" ".join(cell.split()))
            if cell.strip() in pointless:  # …but a point both lost (37192 among x.xx figures) may be put back
                return [f"{cell.strip()[:-2]}.{cell.strip()[-2:]}"]
            first = candidates(cell)[:1]
            if first and not _CLEAN_AMOUNT.fullmatch(cell.strip()) and _number(first[0]) == as_read(cell):
                return first  # a speck's mark beside the figure (.24169.74): the figure both readings agree on
            return candidates(cell)[:1] if whole and " ".join(cell.split()) != whole.group(1) or whole and \
                re.search(r"[ .]", cell) else []
        again = reread.get(cell.strip(), [])
        # a cell that reads as no figure at all (19 977 是): its readings from the image, one digit off too
        near = [c for r in again for c in candidates(r)] if _CJK.search(cell) else []
        return list(dict.fromkeys([*again, *candidates(cell), *near]))
    codes = code_columns(table.rows)  # a 类/款/项 code is no amount: its digits are not guessed into one
    cells = [(i, j) for i, row in enumerate(table.rows) for j, c in enumerate(row)
             if j not in codes and candidates_of(c)]
    # suspects first: cells that are no clean figure, or that read otherwise when read again
    suspect = {(i, j) for i, j in cells if table.rows[i][j].strip() in reread
               or not re.fullmatch(r"-?[\d,]*\d(?:\.\d+)?", table.rows[i][j].strip())}
    factor = UNIT_FACTORS.get(getattr(table, "unit", "万元"), 1.0)
    # the baseline is this table's own parse (`reading` may come from another reader's rows)
    current, best_reading, parses = table, _parse(table, doc), 1

    def unproven(r: Any) -> bool:  # a sum open (the 总表's own too), or a cell unread
        return bool(r.failures or r.warnings or summary and summary_sums(r, True)[1])
    if not unproven(best_reading):
        return None
    fixes: list[str] = []
    # a split whole amount the cell's own second reading confirms (17,.464 243 and 17,464,243) is that amount:
    # two readings agree, no search needed
    joined = [(i, j, candidates_of(table.rows[i][j])[0]) for i, j in cells if table.rows[i][j].strip() in agreed]
    for i, j, value in joined:
        fixes.append(f"“{current.rows[i][j].strip()}”→“{value}”")
        current = _with(current, i, (j,), value)
    if joined:
        best_reading, parses = _parse(current, doc), parses + 1
        cells = [c for c in cells if c not in {(i, j) for i, j, _ in joined}]
    limit = _MAX_PARSES
    while unproven(best_reading) and parses < limit:
        started, step = parses, None
        tiers = [[c for c in cells if c in suspect], [c for c in cells if c not in suspect]]
        for i, j in (c for tier in tiers for c in tier):
            if step is not None and (i, j) not in suspect:
                break  # a suspect cell's fix comes first: the others are read only when none helps
            helping: dict[str, tuple[str, tuple[int, ...], Any]] = {}
            for value in candidates_of(current.rows[i][j]):
                if value not in reread.get(current.rows[i][j].strip(), []) and \
                        not _fills_a_gap(current.rows[i][j], value, best_reading, factor):
                    continue  # a guess (no reading of the image) is tried only where a failing sum lacks its change
                for js in _spots(current.rows[i], j):
                    parses += 1
                    trial = _parse(_with(current, i, js, value), doc)
                    same = value.replace(",", "")  # 1,511.89 and 1511.89 are one reading
                    if better(trial, best_reading) and (same not in helping or better(trial, helping[same][2])):
                        helping[same] = (value, js, trial)
            ranked = sorted(helping.values(), key=lambda h: (key(h[2])[0], key(h[2])[2], key(h[2])[1]))
            top = [h for h in ranked if not better(ranked[0][2], h[2])]
            if len(top) > 1:  # sums close within rounding for several: only one closing them exactly, or none
                top = [h for h in top if not residual(h[2])]
            if len(top) == 1:  # the one best fix: no guess between two
                value, js, trial = top[0]
                if step is None or better(trial, step[3]):
                    step = (i, js, value, trial)
        if step is None:
            break
        limit = max(limit, min(_SWEEPS * (parses - started), _PARSE_CAP))  # a long table's sweeps cost more
        i, js, value, trial = step
        fixes.extend(f"“{current.rows[i][j].strip()}”→“{value}”" for j in js)
        current, best_reading = _with(current, i, js, value), trial
        cells = [c for c in cells if not (c[0] == i and c[1] in js)]
    if best_reading.failures and parses < limit:  # two misread cells in one sum: neither alone helps
        paired = fix_pair(current, best_reading, doc, cells, candidates_of, reread)
        if paired is not None:
            current, best_reading, more = paired
            fixes.extend(more)
    if fixes:
        current, best_reading, spilt = _blank_spills(table, current, best_reading, doc)
        fixes.extend(spilt)
    closed, open_sums = summary_sums(best_reading, True) if getattr(table, "family", "") in _SUMMARIES else (0, [])
    if (best_reading.failures or best_reading.status != COMPLETE or open_sums or not (best_reading.passed or closed)
            or not fixes):
        return None
    best_reading.passed += closed
    return best_reading, fixes


def _pointless(rows: list[list[str]]) -> set[str]:
    """Bare whole numbers (3 digits or more, no mark) in columns whose other figures all print two decimals: the
    point of a figure both readings lost (a speck over it, 371:92), since a table printing x.xx prints 371.00."""
    out: set[str] = set()
    codes = code_columns(rows)
    for j in range(max((len(r) for r in rows), default=0)):
        if j in codes:
            continue
        filled = [r[j].strip() for r in rows if j < len(r) and r[j].strip()]
        bare = [c for c in filled if re.fullmatch(r"\d{3,}", c)]
        decimal = [c for c in filled if re.fullmatch(r"-?[\d,]*\d\.\d{2}", c)]
        if bare and len(decimal) >= 3 and len(decimal) + len(bare) == len(filled):
            out.update(bare)
    return out


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _blank_spills(table: Any, fixed: Any, reading: Any, doc: Any) -> tuple[Any, Any, list[str]]:
    """Blank the spill of each figure a fix completed from a truncated reading: "3,258.06" printed over two
    cells reads "3,25" | "8.06"; once the sums make the first 3,258.06, the "8.06" beside it is the rest of that
    print, not a figure of its own (it would stand in a column no sum may cover). Notes say what was blanked."""
    from ingest.reading import _parse

    notes = []
    for i, row in enumerate(table.rows):
        for j, old in enumerate(row):
            new = fixed.rows[i][j]
            head, whole = _digits(old), _digits(new)
            if new == old or not head or len(head) >= len(whole):
                continue
            flat = "".join(new.split()).replace(",", "")
            for k, rest in ((j + 1, whole[len(head):]) if whole.startswith(head) else (-1, ""),
                            (j - 1, whole[:-len(head)]) if whole.endswith(head) else (-1, "")):
                cell = fixed.rows[i][k].strip() if 0 <= k < len(row) else ""
                piece = "".join(cell.split()).replace(",", "")
                if not rest or not re.fullmatch(r"[\d.,\s]+", cell) or _digits(cell) != rest or \
                        not (flat.endswith(piece) if k > j else flat.startswith(piece)):
                    continue
                trial = _parse(_with(fixed, i, (k,), ""), doc)
                if len(trial.failures) <= len(reading.failures):  # the spill closed no sum: it was no figure
                    notes.append(f"“{cell}”为“{new.strip()}”溢入邻格的部分，已置空")
                    fixed, reading = _with(fixed, i, (k,), ""), trial
    return fixed, reading, notes


def _fills_a_gap(cell: str, value: str, reading: Any, factor: float) -> bool:
    """Whether changing the cell to `value` changes an amount by the gap of one of the reading's failing sums
    (a fix that closes a sum must); True when either side reads as no number."""
    now, new = _number(cell), _number(value)
    if now is None or new is None:
        return True
    delta = abs(new - now) * factor
    return any(abs(delta - abs(f.diff)) <= 0.01 * (f.n + 2) + 1e-9 for f in reading.failures)


_FIX = re.compile(r"“([^”]*)”→“([^”]*)”")


def printed_as(fixes: list[str]) -> dict[int, str]:
    """The corrected figures (in cents) and what the text layer prints for each, from fixes “old”→“new”."""
    out = {}
    for fix in fixes:
        m = _FIX.fullmatch(fix)
        value = _number(m.group(2)) if m else None
        if m and value is not None and m.group(1):
            out[round(value * 100)] = m.group(1)
    return out


def _number(text: str) -> float | None:
    """A cell as a number (blank: 0), None when it is none."""
    t = "".join(text.split()).replace(",", "")
    if not t:
        return 0.0
    try:
        return float(t)
    except ValueError:
        return None


def fix_pair(table: Any, reading: Any, doc: Any, cells: list[tuple[int, int]], candidates_of: Any,
             reread: dict[str, list[str]]) -> tuple[Any, Any, list[str]] | None:
    """Two cell fixes that together close every sum of the table, when exactly one such pair does.

    Only pairs whose two changes add up to the gap of a failing sum (a part read too high and another
    too low, or a total and one of its parts) are parsed; a pair is taken only when it is the one
    pair (up to equal readings) that leaves no sum open — or the one of them that closes every sum exactly."""
    from ingest.reading import _parse

    factor = UNIT_FACTORS.get(getattr(table, "unit", "万元"), 1.0)
    changes: list[tuple[float, int, int, str]] = []  # (delta in 万元, row, column, value)
    for i, j in cells:
        now = _number(table.rows[i][j])
        for value in candidates_of(table.rows[i][j]):
            new = _number(value)
            if new is not None:
                changes.append(((new - (now or 0.0)) * factor, i, j, value))
    changes.sort()
    deltas = [c[0] for c in changes]
    pairs: dict[tuple[tuple[int, int, str], ...], None] = {}
    for failure in reading.failures:
        gap, tol = abs(failure.diff), 0.01 * (failure.n + 2) + 1e-9
        for a in changes:
            for target in (gap - a[0], -gap - a[0], a[0] - gap, a[0] + gap):  # ±a ± b = ±gap
                lo = bisect.bisect_left(deltas, target - tol)
                for b in changes[lo:bisect.bisect_right(deltas, target + tol)]:
                    if (a[1], a[2]) != (b[1], b[2]):
                        pairs[tuple(sorted(((a[1], a[2], a[3]), (b[1], b[2], b[3]))))] = None
    closing: dict[tuple[tuple[int, int, str], ...], Any] = {}
    for k, pair in enumerate(pairs):
        if k >= _MAX_PAIRS:
            break
        trial_table = table
        for i, j, value in pair:
            trial_table = _with(trial_table, i, (j,), value)
        trial = _parse(trial_table, doc)
        if (not trial.failures and trial.rows >= reading.rows and len(trial.warnings) <= len(reading.warnings)
                and trial.passed):
            closing[tuple((i, j, v.replace(",", "")) for i, j, v in pair)] = (pair, trial_table, trial)
    found = list(closing.values())
    if len(found) > 1:  # several pairs close every sum within rounding: only one closing them exactly, or none
        found = [f for f in found if not residual(f[2])]
    if len(found) != 1:
        return None
    pair, fixed_table, trial = found[0]
    return fixed_table, trial, [f"“{table.rows[i][j].strip()}”→“{v}”" for i, j, v in pair]


_PRINTED = re.compile(r"-?\d[\d,. ]*\d")
_CODE = re.compile(r"\d{3}(?:\d{2}){0,2}")


def _zeros_only(reading: Any, table: Any) -> str:
    """A figure the grid prints (not a 类/款/项 code) when the reading holds no non-zero amount; else ""."""
    from ingest.reading import figure_count

    if figure_count(reading):
        return ""
    for row in getattr(table, "rows", []):
        for cell in row:
            text = cell.strip()
            if _PRINTED.fullmatch(text) and not _CODE.fullmatch(text) and text.strip("0., ") and not _CJK.search(text):
                return f"“{text}”"
    return ""


def proofread(reading: Any, table: Any, ocr_pages: list[int], doc: Any = None, path: Path | None = None) -> None:
    """A table read from OCR'd pages stays `complete` only when its own sums close (after digit fixes
    that close every sum, if any: the cells read again from the page image at `path`, else guessed)
    and its pages state its unit (sums close in 元 and in 万元 alike)."""
    _proofread(reading, table, ocr_pages, doc, path)
    if getattr(reading, "reader", "") and reading.status == PARTIAL and doc is not None:
        _own_labels(reading, table, ocr_pages, doc, path)
    if reading.status == COMPLETE and not reading.empty and set(getattr(table, "pages", [])) & set(ocr_pages) \
            and not unit_read(path, list(table.pages)):
        from ingest.ocr_header import reread_unit
        from ingest.reading import _where

        unit = reread_unit(path, table.pages[0]) if path is not None else None
        if unit == table.unit:
            reading.reason += f"（单位“{unit}”经重新识别印证）"
            return
        if unit is not None and doc is not None:  # the page states another unit: the table read again in it
            from ingest.reading import _parse

            in_unit = replace(table, unit=unit)
            fresh = _parse(in_unit, doc)
            _proofread(fresh, in_unit, ocr_pages, doc, path)
            reading.__dict__.update({k: v for k, v in fresh.__dict__.items() if k not in ("listed", "seen_pages")})
            reading.reason += f"（单位“{unit}”经重新识别）"
            return
        reading.status = PARTIAL
        reading.reason = (f"{reading.reason}；{_where(table)}：OCR未识别出金额单位（单位：元/万元），"
                          "按万元读取，未经印证")


def _own_labels(reading: Any, table: Any, ocr_pages: list[int], doc: Any, path: Path | None) -> None:
    """Another reader's partial reading keeps the labels OCR garbled (",财政拨款"), so its figures lie under no
    line: the table's own reading, its labels mended, takes its place when it holds as many rows and stays
    partial too (its figures partial under their lines, not lost) or its sums, read again, all close (its figures
    proven). A complete reading is never replaced."""
    from ingest.reading import _parse

    own = _parse(table, doc)
    _proofread(own, table, ocr_pages, doc, path)
    if own.status in (COMPLETE, PARTIAL) and own.rows >= reading.rows:
        reading.__dict__.update({k: v for k, v in own.__dict__.items() if k not in ("listed", "seen_pages")})


def _proofread(reading: Any, table: Any, ocr_pages: list[int], doc: Any, path: Path | None) -> None:
    """proofread without the unit check."""
    from ingest.parsers import PARSERS

    if not set(getattr(table, "pages", [])) & set(ocr_pages) or getattr(table, "family", "") not in PARSERS:
        return  # not OCR'd, or a table the ingest does not parse (unread)
    if doc is not None and (mended := mend_total(table)) is not None:  # a 合计 line OCR misread
        from ingest.reading import _parse

        fresh = _parse(mended, doc)
        _proofread(fresh, mended, ocr_pages, doc, path)
        if fresh.status == COMPLETE:  # taken only when its sums prove it; else the table as first read
            reading.__dict__.update({k: v for k, v in fresh.__dict__.items() if k not in ("listed", "seen_pages")})
            reading.reason += "（OCR误读的合计行经勾稽认定）"
            return
    # doubtful: a sum open, a cell unread, (another reader's) reading that checked nothing, or sums that
    # close only because every figure was read as 0 while the grid prints figures
    zeros = _zeros_only(reading, table)
    summary_open = getattr(table, "family", "") in _SUMMARIES and bool(summary_sums(reading, True)[1])
    doubtful = not reading.empty and bool(reading.failures or reading.warnings or not reading.passed or zeros
                                          or summary_open)
    reread = reread_cells(path, table) if doubtful and doc is not None and path is not None else {}
    if doubtful and doc is not None and (fixed := correct(reading, table, doc, reread)):
        better, notes = fixed
        fixes = [f for f in notes if _FIX.fullmatch(f)]
        spills = "".join(f"；{n}" for n in notes if not _FIX.fullmatch(n))  # a split print's rest, blanked
        better.reason = (f"{better.reason}（OCR识别，按表内勾稽更正 {len(fixes)} 处识别错误："
                         + "、".join(fixes[:5]) + ("……" if len(fixes) > 5 else "") + f"{spills}，合计校验闭合）")
        better.printed_as = printed_as(fixes)
        reading.__dict__.update({k: v for k, v in better.__dict__.items() if k not in ("listed", "seen_pages")})
        _unproven(reading)
        return
    from ingest.reading import _where

    if reading.failures:  # two readers of one OCR text layer agree on its misreadings: not "as printed"
        shown = "；".join(f.message() for f in reading.failures[:3])
        more = f"……（共 {len(reading.failures)} 处）" if len(reading.failures) > 3 else ""
        if reading.status == COMPLETE:
            reading.reason = f"{_where(table)}：OCR识别，表内合计不闭合（可能为识别错误，未更正）：{shown}{more}"
        else:
            reading.reason += "（OCR识别，不闭合处可能为识别错误，未更正）"
        reading.status = PARTIAL
        return
    if reading.status != COMPLETE:
        return
    if zeros:
        reading.status = PARTIAL
        reading.reason = (f"{_where(table)}：OCR识别，金额全部读作 0，而表中印有数字 {zeros}（合计为 0 = 0，"
                          "不能证明，可能为识别错误）")
        return
    closed, open_sums = summary_sums(reading, True) if getattr(table, "family", "") in _SUMMARIES else (0, [])
    if open_sums:
        reading.status = PARTIAL
        reading.reason = (f"{_where(table)}：OCR识别，总表收支合计与分项不闭合（可能为识别错误，未更正）："
                          + "；".join(open_sums))
        return
    reading.passed += closed
    if getattr(table, "family", "") == "sangong" and (open_sums := _sangong_open(reading)):
        reading.status = PARTIAL
        reading.reason = (f"{_where(table)}：OCR识别，三公合计与分项不闭合（可能为识别错误，未更正）："
                          + "；".join(open_sums))
        return
    if reading.empty:
        why = "OCR识别为空表，无合计可验证"
    elif not reading.passed:
        why = "OCR识别，无可验证的合计"
    else:
        reading.reason = f"{reading.reason}（OCR识别，{reading.passed} 项合计校验闭合）".strip()
        _unproven(reading)
        return
    reading.status = PARTIAL
    reading.reason = f"{reading.reason}；{why}" if reading.reason else why


# Tables of 类/款/项 lines under a 合计 line (ingest.parsers.line_items).
_LINE_FAMILIES = frozenset({"income", "expenditure", "gpb_expenditure", "fiscal_expenditure", "gov_fund",
                            "soe_capital"})
_TOTAL_WORDS = ("合计", "总计")
# A label OCR lost is short: at most this many Chinese characters (合计 read as "2 听 计").
_LOST_LABEL_CJK = 4


def mend_total(table: Any) -> Any | None:
    """The table with its 合计 line restored when OCR misread it, else None: its label ("2 听 计" for 合计), or
    its figure, so that the line was taken for a header line (合计 | 汪和 664 22).

    The line is known by its place and its arithmetic alone: the first line, above every coded line, with no
    code and a short label that is no word of a line, whose every figure is the sum of the 类 lines' figures
    in its column (and one of them not zero). The parse then checks that sum, so the restored line counts
    only as far as it closes."""
    if getattr(table, "family", "") not in _LINE_FAMILIES or not table.rows:
        return None
    codes = code_columns(table.rows)
    if not codes:
        return None
    flat = ["".join("".join(c.split()) for j, c in enumerate(row) if j not in codes) for row in table.rows]
    if any(w in text for text in flat for w in _TOTAL_WORDS):
        return None  # a 合计 line is read
    last = table.header[-1] if len(getattr(table, "header", [])) > 1 else []
    amounts = [j for j in range(len(last)) if j not in codes
               and sum(_number(r[j]) is not None and bool(r[j].strip()) for r in table.rows if j < len(r))
               >= 0.6 * len(table.rows)]  # the figure columns of the body
    if any(w in c for c in last for w in _TOTAL_WORDS) and any(len(re.findall(r"\d", last[j])) >= 3 for j in amounts):
        # the 合计 line taken for a header line: OCR read its figure as no number (汪和 664 22), so nothing marked
        # it as a body line; back in the body it is read again and fixed like any cell, or not at all
        return replace(table, header=table.header[:-1], rows=[list(last), *table.rows],
                       row_pages=[table.pages[0], *table.row_pages])

    def code_of(row: list[str]) -> str:
        return "".join("".join(c.split()) for j, c in enumerate(row) if j in codes and _CODE_CELL.fullmatch(c.strip()))

    first = next((i for i, row in enumerate(table.rows) if code_of(row)), None)
    classes = [row for row in table.rows if len(code_of(row)) == 3]
    if not first or not classes:
        return None
    for i in range(first):
        row = table.rows[i]
        figures = {j: x for j, c in enumerate(row) if j not in codes and c.strip() and (x := _number(c)) is not None}
        labels = [j for j, c in enumerate(row) if j not in codes and c.strip() and j not in figures]
        if any(row[j].strip() for j in codes) or not labels or not any(figures.values()):
            continue
        if len(_CJK.findall("".join(row[j] for j in labels))) > _LOST_LABEL_CJK:
            continue
        sums = {j: [_number(r[j]) if j < len(r) else None for r in classes] for j in figures}
        if all(None not in parts and abs(sum(p or 0.0 for p in parts) - figures[j]) < 0.005
               for j, parts in sums.items()):
            rows = [list(r) for r in table.rows]
            for k, j in enumerate(labels):
                rows[i][j] = "合计" if k == 0 else ""
            return replace(table, rows=rows)
    return None


def _unproven(reading: Any) -> None:
    """A `complete` OCR'd reading with a non-zero figure no sum covers stays `partial`: its sums closing prove
    nothing of that figure (a misread spill, a neighbour's digits), and an OCR'd figure counts only when proven."""
    if reading.status != COMPLETE or reading.empty or not (loose := uncovered(reading)):
        return
    more = f"……（共 {len(loose)} 个）" if len(loose) > 3 else ""
    reading.status = PARTIAL
    reading.reason = f"{reading.reason}；OCR识别的 {'、'.join(loose[:3])}{more} 不在任何合计校验之内，未经印证"
