"""三公 tables → sangong: one row per (stage, item).

Layouts differ: 预算数 block then 决算数 block (湖南), 预算数/决算数 alternating under
each item (上海 决算), budget-only columns in any order, sometimes followed by a 机关运行经费
column. Columns are named from the header (deepest label = item, any 预算/决算 word
above = stage), so column order does not matter.
"""

from __future__ import annotations

from ingest.model import DocMeta, ParseResult, RawTable
from ingest.numbers import AmbiguousCell, is_number, to_number
from ingest.parsers.columns import column_labels, compact

ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")


def item_of(label: str) -> str | None:
    """The 三公 item a header label names (None for 机关运行经费, unit columns, …)."""
    if "机关运行" in label or "单位" in label or "编码" in label or "名称" in label:
        return None
    if "出国" in label:
        return "overseas"
    if "接待" in label:
        return "reception"
    if "小计" in label or "购置及运行" in label or "购置和运行" in label:
        return "vehicle_total"
    if "购置" in label:
        return "vehicle_purchase"
    if "运行" in label:
        return "vehicle_operation"
    if "合计" in label or "总计" in label:
        return "total"
    return None


def stage_of(texts: list[str], default: str) -> str:
    joined = "".join(texts)
    if any(w in joined for w in ("决算", "执行数", "实际", "支出数")):
        return "actual"
    if "预算" in joined:
        return "budget"
    return default


_STAGE_WORDS = ("预算数", "决算数", "预算", "决算", "执行数")


def column_item(texts: list[str], with_other_costs: bool) -> str | None:
    """The item of one column from its header labels, top to bottom."""
    labels = [t for t in texts if t not in _STAGE_WORDS]
    if not labels or any("机关运行" in t or "会议费" in t or "培训费" in t for t in labels):
        return None
    deepest, parents = labels[-1], "".join(labels[:-1])
    if "小计" in deepest:
        if "公务用车" in parents:
            return "vehicle_total"
        return "total" if "三公" in parents else "vehicle_total"
    if ("合计" in deepest or "总计" in deepest) and with_other_costs and "三公" not in parents:
        return None  # 合计 of 三公 + 会议费 + 培训费 (江苏 layout)
    items = [i for i in map(item_of, labels) if i]
    return items[-1] if items else None


def column_map(header: list[list[str]], width: int, default_stage: str) -> dict[int, tuple[str, str]]:
    """Column index → (stage, item)."""
    labels = column_labels(header, width)
    flat = "".join(t for texts in labels for t in texts)
    with_other_costs = "会议费" in flat or "培训费" in flat
    out: dict[int, tuple[str, str]] = {}
    for j, texts in enumerate(labels):
        item = column_item(texts, with_other_costs)
        if item:
            out[j] = (stage_of(texts, default_stage), item)
    return out


def parse(table: RawTable, doc: DocMeta, result: ParseResult) -> None:
    """Append sangong rows from the 合计 line (or the first line with figures)."""
    width = max([len(r) for r in table.rows] + [len(r) for r in table.header] + [0])
    default = "budget" if doc.doc_kind == "budget" else "actual"
    cols = column_map(table.header, width, default)
    if not cols:
        result.warnings.append(f"{table.title}（第{table.pages[0]}页）：未识别三公列 / 三公 columns not recognised")
        return
    body = list(zip(table.rows, table.row_pages, strict=True))
    candidates = [(r, p) for r, p in body if any(is_number(r[j]) for j in cols if j < len(r))]
    total_rows = [(r, p) for r, p in candidates if any("合计" in compact(c) for c in r)]
    chosen = (total_rows or candidates or body or [([""] * width, table.pages[0])])[0]
    row, page = chosen
    rows = []
    for j, (stage, item) in cols.items():
        try:
            amount = to_number(row[j] if j < len(row) else "") * table.factor
        except AmbiguousCell as exc:
            result.warnings.append(f"{table.title}（第{page}页）{stage}/{item}：{exc}")
            continue
        rows.append({**doc.common(page), "stage": stage, "item": item, "amount": round(amount, 2), "source": "table"})
    result.add("sangong", rows)
