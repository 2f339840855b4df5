"""A 部门's 三公 table printing one line per 单位 beside its 合计 line (单位名称 | 合计 | 因公出国（境）费 | …).

The 合计 line holds the 部门's figures (the ones kept); each of its columns is checked against the 单位 lines below or
above it. The check is not judged (no rule repeats it: the lake keeps the 合计 line only), so a table whose 单位 lines
do not add up reads `partial`. Several lines of figures and none a 合计 (总计): which is the 部门's is not guessed.
"""

from __future__ import annotations

import re

from ingest.checks import SANGONG_LINES, STAGES, Failure, Failures, rounding_of
from ingest.checks import _check as check_sum
from ingest.model import RawTable
from ingest.numbers import in_wan, is_number, try_number
from ingest.parsers.columns import compact

Line = tuple[list[str], int]  # cells, page
_TOTAL = ("合计", "总计")
# labels of lines that are no 单位: stages, years, comparisons, column numbers, notes (…预算评审中心 is a 单位)
_NOT_UNIT = re.compile(r"^(?:20\d{2}年度?)?(?:上年|本年)?(?:年初|全年|调整后?)?(?:预算|决算|执行|支出)数?$"
                       r"|增减|比上年|同比|栏次|行次|序号|^注|说明|^其中|%|率$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def column_numbers(row: list[str]) -> bool:
    """A 栏次 line (1 2 3 … under the header, cells a reader may have run together: "1\n2"): no figures."""
    numbers = [t for c in row for t in c.split()]
    return len(numbers) >= 3 and all(t.isdigit() and len(t) <= 2 for t in numbers) and \
        [int(t) for t in numbers] == list(range(int(numbers[0]), int(numbers[0]) + len(numbers)))


def label_of(row: list[str], cols: dict[int, tuple[str, str]]) -> str:
    """The text of a line outside its figure columns (its label: a 单位's name, 合计, 预算数 …)."""
    return "".join(compact(c) for j, c in enumerate(row) if j not in cols and not is_number(c))


def is_total(row: list[str]) -> bool:
    """A 合计 / 总计 line."""
    return any(w in compact(c) for c in row for w in _TOTAL)


def unit_lines(lines: list[Line], cols: dict[int, tuple[str, str]]) -> list[Line]:
    """The lines (not 合计) labelled by a name: one per 单位."""
    out = []
    for row, page in lines:
        label = label_of(row, cols)
        if not is_total(row) and _CJK.search(label) and not _NOT_UNIT.search(label):
            out.append((row, page))
    return out


def unit_sums(table: RawTable, total: list[str], units: list[Line], cols: dict[int, tuple[str, str]]) -> list[Failure]:
    """Each 三公 column's 合计 against the sum of its 单位 lines (a blank cell: 0), not judged."""
    failures = Failures(rounding_of(table.unit))
    for j, (stage, item) in sorted(cols.items()):
        printed = try_number(total[j]) if j < len(total) else None
        if printed is None:
            continue
        parts = [try_number(r[j]) if j < len(r) else 0.0 for r, _page in units]
        what = f"{STAGES.get(stage, stage)} {SANGONG_LINES.get(item, '“三公”经费合计')}"
        check_sum(f"{what}列 合计行与各单位之和", in_wan(printed, table.factor),
                  (in_wan(p or 0.0, table.factor) for p in parts), failures, judged=False)
    return list(failures)


def no_total(table: RawTable, lines: list[Line], cols: dict[int, tuple[str, str]]) -> str | None:
    """The trouble of a table printing several 单位 lines of figures and no 合计 line (which is the 部门's?)."""
    units = unit_lines(lines, cols)
    if len(units) < 2 or any(is_total(r) for r, _p in lines):
        return None
    names = "、".join(label_of(r, cols) for r, _p in units[:3])
    return (f"{table.title}（第{units[0][1]}页）：三公列未识别，{len(units)} 行单位数字（{names}…）而无合计行 / "
            "several unit lines, no 合计 line")
