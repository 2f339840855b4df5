"""The words of a 三公 table's header and lines: which item a label names, which stage, which column is a
comparison (增减 / 上年 / 率) or a count (团组数, 人次, 辆) rather than a figure of the year."""

from __future__ import annotations

import re

ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")


# a count printed beside the amounts (实物量: 团组数, 人次, 公务用车购置数（辆）, 保有量, 接待批次): not an amount
COUNT = re.compile(r"团组|人次|人数|批次|保有量|购置数|车辆数|数量|实物量|[(（](?:个|人|辆|次|批)[)）]")


# the 公务用车 line or column naming both its parts (公务用车购置及运行费, 购置费及运行维护费, 购置和运行): the 小计
_BOTH = re.compile(r"购置费?[及和与、]运行")


# a remark in brackets stating the item's counts (公务接待费（35批次，196人次）, 运行费（保有量2辆）): not a count line
_COUNT_NOTE = re.compile(r"[（(][^（）()]*\d[^（）()]*[)）]")


def item_of(label: str) -> str | None:
    """The 三公 item a header label names (None for 机关运行经费, unit columns, counts, …)."""
    label = _COUNT_NOTE.sub("", label)
    if "机关运行" in label or "单位" in label or "编码" in label or "名称" in label or COUNT.search(label):
        return None
    if "出国" in label or "出境" in label:
        return "overseas"
    if "接待" in label:
        return "reception"
    if "小计" in label or _BOTH.search(label):
        return "vehicle_total"
    if "购置" in label:
        return "vehicle_purchase"
    if "运行" in label:
        return "vehicle_operation"
    if "公务用车" in label:
        return "vehicle_total"  # 公务用车费 (湖南's county form): neither 购置 nor 运行, both
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


STAGE_LABELS = ("预算数", "决算数", "预算", "决算", "执行数")
STAGE_WORDS = {"budget": "预算数", "actual": "决算数"}
ITEM_WORDS = {"total": "合计", "overseas": "因公出国费", "vehicle_total": "公务用车购置及运行费",
              "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行费", "reception": "公务接待费"}


_ITEM_WORDS = (("出国", "出境"), ("接待",), ("购置",), ("运行",), ("合计", "总计"))


def _fused(label: str) -> bool:
    """A label naming two items (合计因公出国: two header cells a reader ran together): which column is it?"""
    text = _BOTH.sub("", label)
    return sum(any(w in text for w in words) for words in _ITEM_WORDS) > 1


def column_item(texts: list[str], with_other_costs: bool) -> str | None:
    """The item of one column from its header labels, top to bottom."""
    labels = [t for t in texts if t not in STAGE_LABELS]
    if not labels or any("机关运行" in t or "会议费" in t or "培训费" in t or COUNT.search(t) or _fused(t)
                         for t in labels):
        return None
    deepest, parents = labels[-1], "".join(labels[:-1])
    if "小计" in deepest:
        if "公务用车" in parents:
            return "vehicle_total"
        return "total" if "三公" in parents else "vehicle_total"
    if ("合计" in deepest or "总计" in deepest) and with_other_costs and "三公" not in parents + deepest:
        return None  # 合计 of 三公 + 会议费 + 培训费 (江苏 layout)
    if len(labels) > 1 and item_of(deepest) is None and (wrapped := item_of(labels[-2] + deepest)):
        return wrapped  # a label wrapped over two header lines (公务用车购 / 置费)
    items = [i for i in map(item_of, labels) if i]
    return items[-1] if items else None


_COMPARISON = ("增减", "增长", "变动", "变化", "比上年", "同比", "上年", "差额", "差异", "减少", "增加")
YEAR = re.compile(r"(20\d{2})年")


def other_year(labels: list[list[str]], year: int | None) -> set[int]:
    """Columns whose header names a year other than the document's, when another column names its year."""
    years = {j: {int(y) for t in texts for y in YEAR.findall(t)} for j, texts in enumerate(labels)}
    if year is None or not any(year in ys for ys in years.values()):
        return set()
    return {j for j, ys in years.items() if ys and year not in ys}


def is_comparison(texts: list[str]) -> bool:
    """A 增减 / 增减率 / 上年 column: a comparison, not a figure of the document's year."""
    return any(w in t for t in texts for w in _COMPARISON) or any("%" in t or "率" in t for t in texts[-1:])


def row_item(label: str, with_other_costs: bool) -> str | None:
    """The item a row label names in a transposed table ("小计" under 公务用车; "“三公”经费合计")."""
    text = re.sub(r"^(?:其中[:：]?)?(?:[一二三四五六七八九十]+、|\d+[.、．]|[（(][\d一二三四五六七八九十]+[)）])*", "",
                  label)
    if "三公" in text:
        return "total"
    if "会议费" in text or "培训费" in text:
        return None
    if ("合计" in text or "总计" in text) and with_other_costs:
        return None  # the 合计 of 三公 + 会议费 + 培训费
    if text in ("小计", "其中小计"):
        return "vehicle_total"
    return item_of(text)
