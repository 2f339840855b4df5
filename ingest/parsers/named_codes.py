"""Codes of a table that prints names only: 功能分类科目名称 lines indented by level, no code column; 经济分类 names.

The national classification (fiscal/data/function_codes.csv) knows each 类, 款 and 项 by name under its parent,
so a line's code follows from its name and the line before: a 项 of the 款 above it, else a 款 of the 类 above,
else a 类. A name the classification does not hold under that parent gets no code (the parser says so: the table is
not read whole), never a guess. The 部门预算支出经济分类 (fiscal/data/economic_codes.csv) alike: a 款 under the 类
above it, else a 类, else the one 款 of that name (房屋建筑物购建 is a 款 of two 类: only under its 类).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

from fiscal.rules.lookups import national_codes, norm_name

# the numbering county offices print before a name: 一、工资福利支出, 1.基本工资, （1）办公费, 其中：
_NUMBERING = re.compile(
    r"^(?:其中[:：]?|[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．](?!\d)|[(（][\d一二三四五六七八九十]{1,2}[)）])+")
ECONOMIC_CODES = Path(__file__).resolve().parents[2] / "fiscal" / "data" / "economic_codes.csv"


@cache
def _children() -> dict[str, dict[str, str]]:
    """Parent code ("" for the 类) → folded name → child code (current and retired names alike)."""
    out: dict[str, dict[str, str]] = {}
    for code, names in national_codes().items():
        if len(code) not in (3, 5, 7):
            continue
        parent = "" if len(code) == 3 else code[:-2]
        for name in names:
            out.setdefault(parent, {}).setdefault(norm_name(name), code)
    return out


# 项 every administrative 款 numbers alike (2010101, 2050101, 2130101 行政运行 …), beside its 99 其他…
_GENERIC_ITEMS = {"行政运行": "01", "一般行政管理事务": "02", "机关服务": "03", "事业运行": "50"}


def _generic_item(key: str, kuan: str) -> str | None:
    """The code of a 项 named as every 款 names it (行政运行, 其他<款>支出), under the 款 `kuan`."""
    if key in _GENERIC_ITEMS:
        return kuan + _GENERIC_ITEMS[key]
    for name in national_codes().get(kuan, ()):
        base = norm_name(name)
        if key in (f"其他{base}", f"其他{base}支出", f"其他{base.removesuffix('支出')}支出"):
            return kuan + "99"
    return None


def code_of_name(name: str, above: str | None) -> str | None:
    """The code of a line named `name` printed under the line coded `above` (None: the first line)."""
    key = _bare(name)
    kids = _children()
    kuan = above[:5] if above and len(above) >= 5 else None
    if kuan is not None and ((code := kids.get(kuan, {}).get(key)) or (code := _generic_item(key, kuan))):
        return code
    for parent in ([above[:3]] if above else []) + [""]:
        if (code := kids.get(parent, {}).get(key)) is not None:
            return code
    return None


@cache
def _function_names() -> frozenset[str]:
    """Every folded 类, 款 and 项 name of the functional classification, and the 项 names every 款 uses."""
    return frozenset(k for kids in _children().values() for k in kids) | frozenset(_GENERIC_ITEMS)


def is_function_name(name: str) -> bool:
    """A name the functional classification holds at some level (行政运行, 财政事务 …), wherever it is printed."""
    return _bare(name) in _function_names()


@cache
def _economic() -> tuple[dict[str, str], dict[str, dict[str, str]], dict[str, set[str]]]:
    """The 经济分类 by folded name: 类 name → code; 类 code → 款 name → code; 款 name → its codes (of any 类)."""
    classes: dict[str, str] = {}
    items: dict[str, dict[str, str]] = {}
    anywhere: dict[str, set[str]] = {}
    with ECONOMIC_CODES.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code, key = row["code"], norm_name(row["name"])
            if len(code) == 3:
                classes.setdefault(key, code)
            else:
                items.setdefault(code[:3], {}).setdefault(key, code)
                anywhere.setdefault(key, set()).add(code)
    return classes, items, anywhere


def _bare(name: str) -> str:
    """A printed name folded for lookup, without the numbering before it."""
    return norm_name(_NUMBERING.sub("", unicodedata.normalize("NFKC", name).strip()))


def economic_code_of_name(name: str, above: str | None) -> str | None:
    """The 经济分类 code of a line named `name` printed under the line coded `above` (None: the first line)."""
    key = _bare(name)
    classes, items, anywhere = _economic()
    if above and (code := items.get(above[:3], {}).get(key)):
        return code
    if (code := classes.get(key)) is not None:
        return code
    codes = anywhere.get(key, set())
    return next(iter(codes)) if len(codes) == 1 else None
