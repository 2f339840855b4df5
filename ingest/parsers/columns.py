"""Header rows → one label per column, and locating code / name / measure columns."""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.numbers import FIGURE, is_number, normalize_text

_CODE_PART = re.compile(r"^\d{2,7}$")


def compact(text: str) -> str:
    """Cell text without any whitespace (wrapped headers: "本年支出合\\n计")."""
    return re.sub(r"\s+", "", normalize_text(text))


def _free(rows: list[list[str]], width: int, r: int, j: int, k: int) -> bool:
    """Cell (r, k) may take a part of the label in (r, j): empty, empty below, and under the same parent."""
    return (
        0 <= k < width
        and not normalize_text(rows[r][k])
        and all(not normalize_text(rows[q][k]) for q in range(r + 1, len(rows)))
        and (r == 0 or rows[r - 1][k] == rows[r - 1][j])
    )


def _spread_joined_labels(header: list[list[str]], width: int) -> list[list[str]]:
    """Split "基本支出 项目支出" over the empty cells beside it when a ruling line was not detected."""
    rows = [list(r) + [""] * (width - len(r)) for r in header]
    for r, row in enumerate(rows):
        for j, cell in enumerate(row):
            parts = normalize_text(cell).split(" ")
            if len(parts) < 2 or not all(len(p) >= 2 for p in parts):
                continue

            lo, hi = j, j
            while _free(rows, width, r, j, lo - 1):
                lo -= 1
            while _free(rows, width, r, j, hi + 1):
                hi += 1
            if hi - lo + 1 == len(parts):
                for k, part in zip(range(lo, hi + 1), parts, strict=True):
                    rows[r][k] = part
    return rows


def _fill_spanning_labels(rows: list[list[str]]) -> list[list[str]]:
    """Carry a spanning label right over the empty cells under which the next row has labels.

    Layouts without merged cells print "预算数" once, over the first of the six columns
    it spans; the columns to its right are empty in that row but labelled in the next.
    """
    out = [list(r) for r in rows]
    for r in range(len(out) - 1):
        for j in range(1, len(out[r])):
            below = [out[q][j] for q in range(r + 1, len(out)) if j < len(out[q])]
            # Labels, not the 栏次 column-number row.
            labelled_below = any(re.search(r"\D", normalize_text(b)) for b in below)
            # Only within the span of the label above (the first row has none).
            same_parent = r == 0 or out[r - 1][j] == out[r - 1][j - 1]
            if not normalize_text(out[r][j]) and normalize_text(out[r][j - 1]) and labelled_below and same_parent:
                out[r][j] = out[r][j - 1]
    return out


_BANNER = re.compile(r"(?:单位|部门|编制单位|填报单位)\s*[:：]|表(?:[(（]续表?[)）])?$|^[(（]?20\d{2}年度?[)）]?$"
                     r"|^(?:金额)?单位$|^[:：](?:人民币)?万?元$")  # 金额单位 | ：万元 cut by a text-position reader


# (and a title cut into pieces: "财政拨款“" | "三公”经费" | "支出决算表")
_CUT_BANNER = re.compile(r"^(?:部门|编制单位|填报单位)[:：]|单位[:：](?:人民币)?万?元$|表(?:[(（]续表?[)）])?$")


def is_banner(row: list[str]) -> bool:
    """A row of the ruled grid that is no column label: the table's title, its 部门/单位 line, its year line
    (an Excel print range that takes them in)."""
    texts = {compact(c) for c in row if compact(c)}
    if texts and all(_BANNER.search(t) for t in texts):
        return True
    # the 部门 / 金额单位 line or the title cut into pieces by a text-position reader ("部门：雅安市发展" |
    # "和改革委员会")
    joined = "".join(compact(c) for c in row)
    return bool(_CUT_BANNER.search(joined))


def label_rows(header: list[list[str]]) -> list[list[str]]:
    """The header rows that label columns (banner rows left out)."""
    return [r for r in header if not is_banner(r)]


def column_labels(header: list[list[str]], width: int) -> list[list[str]]:
    """For each column, its header texts top to bottom (duplicates from merged cells removed)."""
    labels: list[list[str]] = [[] for _ in range(width)]
    for row in _fill_spanning_labels(_spread_joined_labels(label_rows(header), width)):
        for j in range(min(width, len(row))):
            text = compact(row[j])
            if text and (not labels[j] or labels[j][-1] != text):
                labels[j].append(text)
    return labels


def settle_labels(header: list[list[str]], rows: list[list[str]]) -> list[list[str]] | None:
    """The header with each label over a column blank on every body line moved onto the unlabelled column
    beside it that holds the body's cells (right first: a text-position reader puts a centred label left of
    right-aligned figures); None when no label moves."""
    width = max([len(r) for r in header] + [len(r) for r in rows] + [0])
    out = [list(r) + [""] * (width - len(r)) for r in header if not is_banner(r)]  # the title, 部门/单位 lines
    rows = [r for r in rows if any(is_number(c) and any(ch.isdigit() for ch in c) for c in r)]  # not a 注 line

    def blank_body(j: int) -> bool:
        return not any(j < len(r) and compact(r[j]) for r in rows)

    def unlabelled(j: int) -> bool:
        return 0 <= j < width and not any(compact(r[j]) for r in out) and not blank_body(j)

    moved = False
    for j in range(width):
        if blank_body(j) and any(compact(r[j]) for r in out):
            k = j + 1 if unlabelled(j + 1) else j - 1 if unlabelled(j - 1) else None
            if k is not None:
                for r in out:
                    r[k], r[j] = r[j], ""
                moved = True
    return out if moved else None


def rejoin_wrapped(header: list[list[str]], rules: list[tuple[str, tuple[str, ...]]]) -> list[list[str]]:
    """Give back the head of a label that a text-position reader left at the end of the cell before it.

    Narrow columns under wide wrapped labels ("本年收入合计" over "财政拨款收入"): a text-position reader
    cuts the header lines at the figures' column bounds, so a cell ends with the first characters of its
    neighbour's label ("本年收入合计\n财" | "政拨款收入"). That last line moves over when only with it does the
    neighbour's first line name a measure.
    """
    def names(text: str) -> bool:
        return any(w in text for _, ws in rules for w in ws)

    out = [list(r) for r in header]
    for row in out:
        for j in range(len(row) - 1):
            lines = str(row[j] or "").strip().split("\n")
            nxt = str(row[j + 1] or "").strip().split("\n")
            head = compact(lines[-1])
            if len(lines) < 2 or not head or len(head) > 3 or not compact(nxt[0]):
                continue
            if names(head + compact(nxt[0])) and not names(compact(nxt[0])):
                row[j] = "\n".join(lines[:-1])
                row[j + 1] = "\n".join([head + nxt[0].strip(), *nxt[1:]])
    return out


def join_cut_text(labels: list[list[str]], rows: list[list[str]]) -> list[list[str]]:
    """The rows with a text column a text-position reader cut in two put back together: two columns side by side
    that print no digit on any line, one of them labelled (科目名称 over the cut-off tails "出" of names whose heads
    stand in an unlabelled column on the left), are one column — the labelled one holds each line's whole text."""
    def texts_only(j: int) -> bool:
        return not any(j < len(r) and any(ch.isdigit() for ch in r[j]) for r in rows)

    out = [list(r) for r in rows]
    for j in range(len(labels) - 1):
        if bool(labels[j]) == bool(labels[j + 1]) or not (texts_only(j) and texts_only(j + 1)):
            continue
        keep, drop = (j + 1, j) if labels[j + 1] else (j, j + 1)
        for r in out:
            if j + 1 < len(r):
                r[keep], r[drop] = compact(r[j]) + compact(r[j + 1]), ""
    return out


# an amount and the label after it in one cell: "2,310.45 一、一般公共服务支出"
_FUSED = re.compile(rf"^(-?{FIGURE}) (\S*[\u4e00-\u9fff].*)$")


def _halves_of(cell: str, header: bool) -> tuple[str, str]:
    text = normalize_text(cell)
    if m := _FUSED.match(text):
        return m.group(1), m.group(2)
    if is_number(text):
        return text, ""
    if header and " " in text:  # "金额 项目" / "1 栏次": the two columns' header words
        first, rest = text.split(" ", 1)
        return first, rest
    return "", cell


def split_fused(header: list[list[str]], rows: list[list[str]]) -> tuple[list[list[str]], list[list[str]]] | None:
    """The table with each column that holds an amount fused with the next column's label on several lines
    ("2,310.45 一、一般公共服务支出": a right-aligned figure and a left-aligned label with no gap, read by text
    position as one cell) split in two; None when no column does."""
    width = max([len(r) for r in rows] + [0])
    fused = [j for j in range(width) if sum(1 for r in rows if j < len(r) and _FUSED.match(normalize_text(r[j]))) >= 2]
    if not fused:
        return None

    def split(row: list[str], is_header: bool) -> list[str]:
        out = list(row)
        for j in reversed(fused):
            if j < len(out):
                out[j:j + 1] = list(_halves_of(out[j], is_header))
        return out

    return [split(r, True) for r in header], [split(r, False) for r in rows]


# Standard column labels that hold another label's words ("本年支出" | "合计"): cut in two, each part names a
# measure of its own, so only the whole label tells that the two parts are one.
WHOLE_LABELS = frozenset({"本年支出合计", "本年收入合计", "支出合计", "收入合计", "本年支出小计", "财政拨款收入合计"})


def join_split_labels(labels: list[list[str]], rows: list[list[str]],
                      rules: list[tuple[str, tuple[str, ...]]]) -> list[list[str]]:
    """Join a label that a text-position reader cut over two columns ("合" | "计", "基本支" | "出").

    A centred header label is wider than the right-aligned figures under it: read by text position
    (no ruling lines), its left part lands in a column of its own, blank in every body row. The
    two parts are one label when only their join names a measure.
    """
    def words(texts: list[str]) -> list[str]:
        return [x for x in texts if x != "栏次" and not x.isdigit()]

    def names(text: str) -> bool:
        return any(w in text for _, ws in rules for w in ws)

    out = [list(t) for t in labels]
    for j in range(len(out) - 1):
        a, b = words(out[j]), words(out[j + 1])
        if len(a) != 1 or not b or any(compact(r[j]) for r in rows if j < len(r)):
            continue
        joined = a[0] + b[-1]
        if names(joined) and (not names(a[0]) and not names(b[-1]) or joined in WHOLE_LABELS):
            out[j + 1] = [*b[:-1], joined]
            out[j] = []
    return out


def find_columns(labels: list[list[str]], rules: list[tuple[str, tuple[str, ...]]]) -> dict[int, str]:
    """Map column index → key: the first rule whose words appear in the column's deepest label."""
    def key_of(text: str) -> str | None:
        return next((k for k, words in rules if any(w in text for w in words)), None)

    out: dict[int, str] = {}
    for j, texts in enumerate(labels):
        for i in range(len(texts) - 1, -1, -1):  # deepest header row first
            key = key_of(texts[i])
            if key is None and i > 0 and key_of(texts[i - 1]) is None:
                # a label wrapped inside its cell, its lines read as header rows of their own ("基本" / "支出")
                key = key_of(texts[i - 1] + texts[i])
            if key:
                out[j] = key
                break
    return _subtotal_is_its_parent(labels, out, key_of)


_SUBTOTAL = ("小计", "合计")


def _subtotal_is_its_parent(labels: list[list[str]], found: dict[int, str],
                            key_of: Callable[[str], str | None]) -> dict[int, str]:
    """基本支出 over 小计 | 人员经费 | 公用经费 beside a 合计 column of its own: the 小计 is the 基本支出 figure, and
    the columns beside it under the same label (its parts, named by no rule) are no measure of their own."""
    words = [[x for x in t if x != "栏次" and not x.isdigit()] for t in labels]  # not the 栏次 numbers
    out = dict(found)
    for j, texts in enumerate(words):
        if len(texts) < 2 or texts[-1] not in _SUBTOTAL or out.get(j) != "total":
            continue
        parent = key_of(texts[-2])
        if parent in (None, "total") or not any(m == "total" for k, m in out.items() if k != j):
            continue  # the table's only 合计 column, or a 小计 under a total (本年支出 小计)
        out[j] = parent
        for k, other in enumerate(words):
            if k != j and other[:-1] == texts[:-1] and len(other) == len(texts) \
                    and key_of(other[-1]) is None and out.get(k) == parent:
                del out[k]
    return out


def code_columns(labels: list[list[str]], body: list[list[str]]) -> tuple[list[int], int | None, int | None]:
    """(code part columns, name column, unit-code column) from header words, else from the body."""
    # the deepest label above the 栏次 row (its "栏次" copied over the code columns is no label)
    deepest = [[x for x in t if x != "栏次" and not x.isdigit()] for t in labels]
    parts = [j for j, t in enumerate(deepest) if t and t[-1] in ("类", "款", "项")]
    if not parts:
        # The 类/款/项 label row is sometimes fused with the 合计 row below it.
        for row in body[:2]:
            cells = [compact(c) for c in row]
            parts = [j for j, c in enumerate(cells) if c in ("类", "款", "项")]
            if parts:
                break
    if not parts:
        # A merged 科目编码 label copied over several columns: those columns are the parts.
        shared = [j for j, t in enumerate(labels) if any(("编码" in x or "代码" in x) and "单位" not in x for x in t)]
        if len(shared) in (2, 3) and shared == list(range(shared[0], shared[0] + len(shared))):
            if any(labels[j] == labels[shared[0]] for j in shared[1:]):
                # only the columns that hold codes: a name copied under the merged label is no part
                parts = [j for j in shared if _mostly_codes(body, j)]
                parts = parts if len(parts) > 1 else []
    unit_col = next((j for j, t in enumerate(labels) if any(("单位代码" in x or "单位编码" in x) for x in t)), None)
    name_col = next(
        (j for j, t in enumerate(labels) if any(("名称" in x) for x in t) and j != unit_col and j not in parts), None
    )
    if not parts:
        code_col = next(
            (
                j
                for j, t in enumerate(labels)
                if any(("编码" in x or "代码" in x) for x in t) and j != unit_col and j != name_col
            ),
            None,
        )
        if code_col is None:
            # No usable header: the first column whose body cells are mostly codes.
            width = max((len(r) for r in body), default=0)
            for j in range(min(width, 4)):
                cells = [compact(r[j]) for r in body if j < len(r) and compact(r[j])]
                if cells and sum(bool(_CODE_PART.match(c)) for c in cells) >= 0.6 * len(cells):
                    code_col = j
                    break
        parts = [code_col] if code_col is not None else []
    if name_col is None:
        after = (max(parts) + 1) if parts else 0
        name_col = after + (1 if unit_col == after else 0)
    return parts, name_col, unit_col


_LINE_LABELS = ("行次", "栏次", "序号", "行号", "编号")


def is_line_numbers(labels: list[str], body: list[list[str]], j: int) -> bool:
    """Column j numbers the lines (行次 1, 2, 3 …): labelled so, or whole numbers counting up."""
    if any(w in t for t in labels for w in _LINE_LABELS):
        return True
    cells = [compact(r[j]) for r in body if j < len(r) and compact(r[j])]
    return len(cells) >= 3 and all(c.isdigit() and len(c) <= 3 for c in cells) and \
        [int(c) for c in cells] == sorted({int(c) for c in cells})


def _mostly_codes(body: list[list[str]], j: int) -> bool:
    """Most non-blank cells of column j are digit groups (a code or a code part)."""
    cells = [compact(r[j]) for r in body if j < len(r) and compact(r[j])]
    return bool(cells) and sum(bool(_CODE_PART.match(c)) for c in cells) >= 0.6 * len(cells)


def join_code(row: list[str], parts: list[int], last: str | None = None) -> str | None:
    """Function code from one or several columns: "210","11","01" → "2101101".

    Some offices print each part once, at its level: a 款 line shows only "11" in the 款
    column, a 项 line only "01" in the 项 column (or both in the one code column). Such a
    line's leading parts are those of the line before it (`last`, the previous line's code).
    """
    cells = [compact(row[j]) if j < len(row) else "" for j in parts]
    pieces = [p for p in cells if p]
    if not pieces or not all(p.isdigit() for p in pieces):
        return None
    lead = next(i for i, c in enumerate(cells) if c)
    if lead > 0 and last and all(len(p) == 2 for p in pieces):
        prefix = last[: 3 + 2 * (lead - 1)]
        if len(prefix) == 3 + 2 * (lead - 1):
            pieces = [prefix, *pieces]
    if len(parts) == 1 and len(pieces[0]) == 2 and last and len(last) in (3, 5, 7):
        # one code column printing each line's own part only (201, 04, 01): a 款 under its 类, a 项 under its
        # 款 or beside the 项 before it (a wrong guess breaks the table's sums, so it cannot read `complete`)
        pieces = [last[:5] if len(last) == 7 else last, *pieces]
    code = "".join(pieces)
    return code if len(code) in (3, 5, 7) else None
