"""Cell-level reading shared by the self-evaluation parsers (ingest/parsers/performance.py for the forms,
ingest/parsers/selfeval_list.py for the lists): cell text, labels (项目名称 and 项目名称： alike, or fused with their
value), header words → columns, coded project names, printed grades."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ingest.model import UNIT_FACTORS, RawTable
from ingest.numbers import AmbiguousCell, to_number, to_rate, try_number
from ingest.parsers.columns import compact

Row = list[str]
Rules = tuple[tuple[str, tuple[str, ...]], ...]

CJK = r"\u3000-\u303f\u4e00-\u9fff"
CODE_NAME = re.compile(r"^(?P<code>\d{6,}[0-9A-Z]*)\s*[-－—–_:：]\s*(?P<name>.+)$")
CODE_LABELS = ("项目编码", "项目代码", "项目编号")  # a project code printed in a cell of its own
LABEL_CHARS = 20  # longer cells are goal or reason texts, not header labels
_SIGNING = re.compile(r"\((?:盖章|签章|公章)\)$")  # 实施单位（盖章）: where the form is stamped, not part of the label
GRADES = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中", "合格": "中", "差": "差",
           "较差": "差", "不合格": "差"}


@dataclass
class Form:
    """The rows of one form with their pages, and what was read from them."""

    rows: list[Row]
    pages: list[int]
    title: str
    overall: bool
    warnings: list[str] = field(default_factory=list)
    factor: float = 1.0  # the funds label's unit in 万元 (项目资金（元）: 0.0001, （千元）: 0.1): kept in 万元
    unit: str = "万元"  # that unit as printed


@lru_cache(maxsize=16384)  # a form's merged cells repeat one text in every column they span: cleaned once
def clean(cell: str | None) -> str:
    """Cell text without wrap breaks: no whitespace next to CJK, single spaces elsewhere."""
    text = unicodedata.normalize("NFKC", cell or "")
    text = re.sub(rf"(?<=[{CJK}(])\s+|\s+(?=[{CJK})%])", "", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=16384)
def label_of(cell: str) -> str:
    """A cell as a label: no whitespace, no trailing colon, no signing note (项目名称：, 实施单位（盖章） and 项目名称,
    实施单位 are one label each)."""
    return _SIGNING.sub("", compact(clean(cell)).rstrip(":"))


def map_columns(row: Row, rules: Rules) -> dict[str, int]:
    """Column key → index for a header row (the first column with a key's words wins)."""
    out: dict[str, int] = {}
    for j, cell in enumerate(row):
        text = compact(unicodedata.normalize("NFKC", cell))
        key = next((k for k, words in rules if any(w in text for w in words)), None)
        if key and key not in out:
            out[key] = j
    return out


def fused(cell: str, labels: tuple[str, ...]) -> str:
    """The value of a cell printing a label and its value together ("项目名称：就业创业补助资金"), else ""."""
    label, colon, value = cell.partition(":")  # clean() made every ： a :
    return value.strip() if colon and compact(label) in labels and compact(value) not in labels else ""


def labelled(rows: list[Row], labels: tuple[str, ...]) -> str:
    """The value right of the first cell whose text is one of `labels` (merged copies skipped), or after the
    label in the cell itself (a Word form's "项目名称：…")."""
    for row in rows:
        cells = [clean(c) for c in row]
        for j, cell in enumerate(cells):
            if label_of(cell) in labels:
                value = next((c for c in cells[j + 1 :] if c and c != cell), "")
                if value and label_of(value) not in labels:
                    return value
            elif value := fused(cell, labels):
                return value
    return ""


def label_pairs(rows: list[Row], rules: Rules) -> dict[str, str]:
    """Column key → the value printed right of its label inside a line of the funds block (预算执行率 | 96% |
    分值 | 10 | 得分 | 9.6), the block ending where the goals or the indicators begin."""
    out: dict[str, str] = {}
    for row in rows:
        cells = [clean(c) for c in row]
        if any(w in label_of(c) for c in cells for w in ("目标", "指标")):
            break
        for j, cell in enumerate(cells):
            if not cell or len(cell) > LABEL_CHARS or try_number(cell.replace(" ", "")) is not None:
                continue
            key = next((k for k, words in rules if any(w in label_of(cell) for w in words)), None)
            value = next((c for c in cells[j + 1:] if c and c != cell), "")
            if key and key not in out and value and try_number(value.rstrip("%").replace(" ", "")) is not None:
                out[key] = value
    return out


def split_code(name: str) -> tuple[str, str | None]:
    """("全省视频会议系统", "51000022T000004913252") from "51000022T000004913252-全省视频会议系统"."""
    m = CODE_NAME.match(name)
    return (m.group("name").strip(), m.group("code")) if m else (name, None)


def find_row(rows: list[Row], test: Callable[[str], bool], start: int = 0) -> int | None:
    """Index of the first row from `start` whose joined text passes `test`."""
    return next((i for i in range(start, len(rows)) if test("".join(compact(c) for c in rows[i]))), None)


def number(form: Form, cell: str, what: str, page: int, points: bool = False) -> float | None:
    """An amount or score cell (a score may be printed 9.5分; with `points`, a 权重 printed as a share, 10%, is that
    many points of 100); None when blank, a warning when unreadable."""
    text = clean(cell).replace(" ", "")
    if points:
        text = text.removesuffix("%")
    if not text:
        return None
    try:
        return to_number(text.removesuffix("分") if text[:-1][-1:].isdigit() else text)
    except AmbiguousCell as exc:
        form.warnings.append(f"{form.title}（第{page}页）{what}：{exc}")
        return None


def rate_of(cell: str, head: str) -> float | None:
    """A printed 执行率 as a fraction (ingest.numbers.to_rate); under a header saying (%) a bare number is per cent:
    0.8 is 0.8 %, not the 80 % to_rate reads a bare number up to 1.5 as."""
    text = clean(cell).replace(" ", "")
    if text and "%" in clean(head) and not text.endswith("%") and try_number(text) is not None:
        text += "%"
    return to_rate(text)


def drop_repeated_head(form: Form, labels: tuple[str, ...]) -> Form:
    """The form without the rows a Word table repeats at the top of every page (重复标题行): a later run of rows equal
    to its first rows (those whose first label is one of `labels`: 项目名称, 主管部门 | 实施单位 …), unless a funds
    block follows the run (then it is the next form of a project of the same name)."""
    def key(row: Row) -> tuple[str, ...]:
        return tuple(label_of(c) for c in row)

    head = 0
    while head < len(form.rows) and first_label(form.rows[head]).partition(":")[0] in labels:
        head += 1
    if not head:
        return form
    keys = [key(row) for row in form.rows]
    drop: set[int] = set()
    i = head
    while i < len(form.rows):
        n = 0
        while n < head and i + n < len(form.rows) and keys[i + n] == keys[n]:
            n += 1
        after = first_label(form.rows[i + n]) if i + n < len(form.rows) else ""
        if n and keys[i] == keys[0] and not any(w in after for w in ("资金", "预算")):
            drop.update(range(i, i + n))
        i += max(n, 1)
    if not drop:
        return form
    keep = [k for k in range(len(form.rows)) if k not in drop]
    return replace(form, rows=[form.rows[k] for k in keep], pages=[form.pages[k] for k in keep])


def has_figure(cell: str) -> bool:
    """A non-blank cell that reads as a number ("10", "35", "94.58%" is not: rates are read apart)."""
    return bool(clean(cell)) and try_number(clean(cell).replace(" ", "")) is not None


def cell_at(row: Row, j: int | None) -> str:
    """Cell j of a row, "" when the column is unknown or the row is short."""
    return row[j] if j is not None and j < len(row) else ""


def first_label(row: Row) -> str:
    """The label of a line's first non-blank cell ("" for a blank line)."""
    return next((label_of(c) for c in row if clean(c)), "")


def grade_in(row: Row) -> str | None:
    """A printed grade (优/良/中/差, 优秀 …) among a line's cells."""
    for cell in row:
        text = compact(clean(cell))
        for word in (text, text.removeprefix("等级").lstrip(":")):
            if word in GRADES:
                return GRADES[word]
    return None


def printed_grade(rows: list[Row]) -> str | None:
    """The grade printed on a 等级 line (自评等级, 评价等级 …), if any."""
    for row in rows:
        if any("等级" in compact(c) for c in row):
            grade = grade_in([c for c in row if "等级" not in compact(c)])
            if grade:
                return grade
    return None


_UNIT_IN = re.compile(r"\((万元|千元|元)\)")  # 项目资金（元）, 年度预算申请（千元）, after clean(): ASCII brackets
_FUNDS_LABELS = ("资金", "预算", "金额", "执行")  # labels of the funds block: 项目资金, 预算执行情况, 年初预算数


def funds_unit(rows: list[Row], fallback: str) -> str:
    """元, 千元 or 万元 as the funds labels state it (项目资金（元）, 年度预算申请（千元）, 预算执行情况（万元）), else
    the table's unit; labels disagreeing say nothing. Only the rows down to the indicators' header: an indicator may
    name a unit of its own (人均补助标准（元）)."""
    units: set[str] = set()
    for row in rows:
        cells = [clean(c) for c in row]
        units.update(m.group(1) for c in cells if len(c) <= LABEL_CHARS and any(w in c for w in _FUNDS_LABELS)
                     for m in _UNIT_IN.finditer(c))
        if any(label_of(c) in ("一级指标", "三级指标", "指标名称") for c in cells):
            break  # (a list's header names its amount column on the indicators' header row)
    return units.pop() if len(units) == 1 else fallback


_AMOUNT_WITH_UNIT = re.compile(r"^(?P<number>\d[\d,]*(?:\.\d+)?)(?P<unit>万元|千元|元)$")


def bare_amounts(form: Form) -> Form:
    """The form with its funds block's amounts printed with their unit (年度资金总额 | 35万元 | 350,000元) as numbers in
    the form's unit, down to the indicators' header (an indicator's 35万元 is its value, read as printed)."""
    rows: list[Row] = []
    for k, row in enumerate(form.rows):
        if any(label_of(c) in ("一级指标", "三级指标", "指标名称") for c in row):
            rows += form.rows[k:]
            break
        cells = []
        for cell in row:
            m = _AMOUNT_WITH_UNIT.match(clean(cell).replace(" ", ""))
            value = try_number(m.group("number")) if m else None
            cells.append(cell if m is None or value is None else
                         f"{value * UNIT_FACTORS[m.group('unit')] / form.factor:.6f}".rstrip("0").rstrip("."))
        rows.append(cells)
    return replace(form, rows=rows)


def form_of(table: RawTable) -> Form:
    """A table's header and body rows as one list, each with its page (the split means nothing in a form)."""
    rows = [list(r) for r in table.header] + [list(r) for r in table.rows]
    pages = [table.pages[0]] * len(table.header) + list(table.row_pages)
    unit = funds_unit(rows, table.unit)
    return Form(rows, pages, table.title, overall=table.family == "overall_selfeval",
                factor=UNIT_FACTORS.get(unit, 1.0), unit=unit)
