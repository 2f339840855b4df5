"""Basic-expenditure tables (经济分类: 人员经费 / 公用经费) → economic_items.

Published side by side in blocks of (code, name, amount) — codes whole ("30101") or
split into 类/款 columns ("301" "01") — or as one block with 合计/人员经费/公用经费
columns. Each line keeps its first amount (决算数 or 合计).
"""

from __future__ import annotations

import re

from ingest.model import DocMeta, ParseResult, RawTable
from ingest.numbers import AmbiguousCell, is_number, to_number
from ingest.parsers.columns import compact

_GROUP_BY_PREFIX = {"301": "personnel", "303": "personnel", "302": "public", "307": "public", "309": "public",
                    "310": "public", "312": "public", "313": "public", "399": "public"}
_TOTALS = {"人员经费合计": "personnel", "公用经费合计": "public", "人员经费": "personnel", "公用经费": "public"}
_DIGITS = re.compile(r"^\d{2,5}$")


def group_of(code: str | None, name: str = "") -> str | None:
    """人员经费 (personnel) or 公用经费 (public) for an economic code."""
    if code:
        return _GROUP_BY_PREFIX.get(code[:3], "other")
    return _TOTALS.get(name)


def parse(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
    """Append economic_items rows: walk each row's (code…, name, amount…) blocks."""
    rows = []
    seen: set[tuple[str | None, str]] = set()
    for row, page in zip(table.rows, table.row_pages):
        cells = [compact(c) for c in row]
        j = 0
        while j < len(cells):
            code_parts: list[str] = []
            while j < len(cells) and _DIGITS.match(cells[j]) and (not code_parts or len(cells[j]) == 2):
                code_parts.append(cells[j])
                j += 1
            if j < len(cells) and not cells[j] and code_parts:
                j += 1  # empty 款 cell of a 类-level line
            if j >= len(cells):
                break
            name = cells[j]
            if not name or is_number(row[j]):
                j += 1
                continue
            code = "".join(code_parts) or None
            if code is not None and len(code) not in (3, 5):
                code = None
            j += 1
            amount_cell = row[j] if j < len(row) else ""
            # Skip the other amount columns of the block (人员经费/公用经费 after 合计).
            k = j + 1
            while k < len(cells) and (is_number(row[k]) or not cells[k]) and not _DIGITS.match(cells[k] or "x"):
                if code is None and not cells[k]:
                    break
                k += 1
            if code is None and name not in _TOTALS and "合计" not in name:
                j = max(j, k if k > j else j + 1)
                continue
            try:
                amount = to_number(amount_cell) * table.factor
            except AmbiguousCell as exc:
                result.warnings.append(f"{table.title}（第{page}页）{code or name}：{exc}")
                amount = None
            if amount is not None and (code, name) not in seen:
                seen.add((code, name))
                rows.append({**doc.common(page), "code": code, "name": name, "group": group_of(code, name),
                             "amount": round(amount, 2)})
            j = k
    result.add("economic_items", rows)
