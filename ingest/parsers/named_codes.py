"""Function codes of a table that prints names only: 功能分类科目名称 lines indented by level, no code column.

The national classification (fiscal/data/function_codes.csv) knows each 类, 款 and 项 by name under its parent,
so a line's code follows from its name and the line before: a 项 of the 款 above it, else a 款 of the 类 above,
else a 类. A name the classification does not hold under that parent gets no code (the parser says so: the table is
not read whole), never a guess.
"""

from __future__ import annotations

from functools import cache

from fiscal.rules.lookups import national_codes, norm_name


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
    key = norm_name(name)
    kids = _children()
    kuan = above[:5] if above and len(above) >= 5 else None
    if kuan is not None and ((code := kids.get(kuan, {}).get(key)) or (code := _generic_item(key, kuan))):
        return code
    for parent in ([above[:3]] if above else []) + [""]:
        if (code := kids.get(parent, {}).get(key)) is not None:
            return code
    return None
