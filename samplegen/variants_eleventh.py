"""An eleventh round of layouts, 部门决算 and 部门预算 tables of offices the other sets do not draw: a 基本支出决算表
printing 经济分类 names without codes (one 科目名称 column, numbered 一、/1., over two pages, or 人员经费 | 公用经费 blocks
side by side, as 云南's and 广东's county offices print them; one 款 under a local name); 四川's thirteen-table 决算 (2024)
whose 一般公共预算财政拨款支出决算明细表 crosses the 功能分类 lines with the 经济分类 classes, beside its 基本支出决算明细表,
and its two empty 国有资本经营 tables; a 三公 budget table in 元 of 上年执行数 | 本年预算数 whose lines go on with
二、相关统计数 (团组, 人数, 车辆, 批次: counts, not money, 湖南's county form); 河北's 部门预算 titles (部门收支总体情况表,
一般公共预算支出情况表), one of its tables in 千元; 云南's tables of projects after its 支出表; a 基本支出表 printed by 功能分类
lines; 功能分类 names numbered by level, or 项 names with no 类 above them (the budget-side ones are drawn in
samplegen/variants_eleventh_budget.py). Each drawn whole and `broken` where it has sums (a printed figure changed so
that a sum no longer closes). `python -m samplegen.variants_eleventh DIR` writes them."""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

from . import sheets
from . import variants_ninth as ninth
from .layout import Block, Cover, Grid, Span
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .variants_eleventh_budget import (
    BUDGET,
    basic_by_function,
    gpb_item_names_only,
    gpb_names_numbered,
    gpb_thousands,
    hebei_titles,
    line_rows,
    sangong_statistics,
    yunnan_project_tables,
)
from .variants_eleventh_budget import SS_BROKEN_TOTAL as SS_BROKEN_TOTAL
from .variants_eleventh_budget import SS_SANGONG as SS_SANGONG
from .variants_eleventh_budget import hb_lines as hb_lines
from .variants_eleventh_budget import hn_lines as hn_lines
from .variants_sixth import Line, rollup

STYLE = replace(ninth.STYLE, name="variant-eleventh")
FINAL = "2024年度部门决算"
wan, wan0 = ninth.wan, ninth.wan0

# ---------------------------------------------------------------- 经济分类 names without codes (and one unknown)
BN_AGENCY = "玉溪市自然资源和规划局"
# 款 code → (name as printed, amount in 万元); the 类 lines are their sums
BN_ITEMS: dict[str, tuple[str, float]] = {
    "30101": ("基本工资", 312.46), "30102": ("津贴补贴", 268.1), "30103": ("奖金", 25.8),
    "30107": ("绩效工资", 96.35), "30108": ("机关事业单位基本养老保险缴费", 62.18),
    "30110": ("职工基本医疗保险缴费", 30.42), "30113": ("住房公积金", 45.6),
    "30201": ("办公费", 18.25), "30211": ("差旅费", 9.8), "30213": ("维修（护）费", 4.36),
    "30228": ("工会经费", 6.2), "30231": ("公务用车运行维护费", 5.12), "30299": ("其他商品和服务支出", 12.04),
    "30302": ("退休费", 22.9), "30305": ("生活补助", 3.15),
}
BN_CLASSES = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助"}
BN_BROKEN = "30102"  # its figure printed 1.00 higher: its 类 no longer the sum of its 款
BN_BLOCKS_BROKEN = "30201"


def bn_figures(broken: str | None = None) -> dict[str, float]:
    """Code → amount of every 类 and 款 line as printed (the 类 their 款's sum; `broken`: that 款 1.00 higher)."""
    out = {c: x + (1.0 if c == broken else 0.0) for c, (_n, x) in BN_ITEMS.items()}
    for cls in BN_CLASSES:
        out[cls] = round(sum(BN_ITEMS[c][1] for c in BN_ITEMS if c.startswith(cls)), 2)
    return out


def bn_group_totals() -> tuple[float, float]:
    """人员经费 (301, 303) and 公用经费 (302) totals."""
    f = bn_figures()
    return round(f["301"] + f["303"], 2), f["302"]


BN_UNKNOWN = ("30103", "临聘人员劳务补助")  # a 款 printed under a local name the national list does not hold


_CN = "一二三四五六七八九十"


def basic_names_final(broken: bool = False, renamed: tuple[str, str] | None = None,
                      numbered: bool = False, continued: bool = False) -> list[Block]:
    """一般公共预算财政拨款基本支出决算表: 科目名称 | 合计 | 人员经费 | 公用经费, the 类 names flush, their 款 indented,
    no code anywhere, 合计 first (`renamed`: one 款 under a local name; `numbered`: 一、工资福利支出 over 1.基本工资 …,
    as county offices number them; `continued`: over two pages, the second under a 续表 line and the header again, its
first line a 款 of the 类 on the page before). Broken: 津贴补贴 printed 1.00 higher (工资福利支出 no longer its 款's
sum)."""
    f = bn_figures(BN_BROKEN if broken else None)
    names = {c: n for c, (n, _x) in BN_ITEMS.items()} | dict([renamed] if renamed else [])
    if numbered:
        classes = {c: f"{_CN[k]}、{n}" for k, (c, n) in enumerate(BN_CLASSES.items())}
        for cls in BN_CLASSES:
            kids = [c for c in BN_ITEMS if c.startswith(cls)]
            names |= {c: f"{k}.{names[c]}" for k, c in enumerate(kids, start=1)}
    else:
        classes = dict(BN_CLASSES)
    personnel, public = bn_group_totals()
    rows = [["科目名称", "合计", "人员经费", "公用经费"],
            ["合计", wan0(personnel + public), wan0(personnel), wan0(public)]]
    for cls, cname in classes.items():
        for code in [cls] + [c for c in BN_ITEMS if c.startswith(cls)]:
            name = cname if code == cls else "　　" + names[code]
            pers = cls != "302"
            rows.append([name, wan(f[code]), wan(f[code]) if pers else "", "" if pers else wan(f[code])])
    grid = Grid(rows, [3.6, 1.2, 1.2, 1.2], header_rows=1, align=["l", "r", "r", "r"])
    sheet = Sheet("一般公共预算财政拨款基本支出决算表", grid, code="公开06表", dept=BN_AGENCY, unit="万元")
    if continued:
        sheet = replace(sheet, page_rows=[12], continued="一般公共预算财政拨款基本支出决算表（续表）")
    return [Cover([BN_AGENCY, FINAL]), sheet]


def basic_names_blocks(broken: bool = False) -> list[Block]:
    """人员经费 | 公用经费 blocks side by side, each 科目名称 | 决算数 of names only (类 then its 款), the blocks' totals on
    the last line. Broken: 办公费 printed 1.00 higher (商品和服务支出 no longer its 款's sum)."""
    f = bn_figures(BN_BLOCKS_BROKEN if broken else None)
    personnel, public = bn_group_totals()

    def names(classes: tuple[str, ...]) -> list[tuple[str, float]]:
        return [(BN_CLASSES[c] if code == c else BN_ITEMS[code][0], f[code])
                for c in classes for code in [c] + [k for k in BN_ITEMS if k.startswith(c)]]

    left, right = names(("301", "303")), names(("302",))
    right += [("", 0.0)] * (len(left) - len(right))
    rows = [["人员经费", "", "公用经费", ""], ["科目名称", "决算数", "科目名称", "决算数"]]
    rows += [[a, wan(x), b, wan(y)] for (a, x), (b, y) in zip(left, right, strict=True)]
    rows.append(["人员经费合计", wan0(personnel), "公用经费合计", wan0(public)])
    grid = Grid(rows, [3.0, 1.2, 3.0, 1.2], header_rows=2,
                spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")], align=["l", "r", "l", "r"])
    agency = "茂名市电白区农业农村局"
    return [Cover([agency, FINAL]),
            Sheet("一般公共预算财政拨款基本支出决算明细表", grid, code="公开06表", dept=agency, unit="万元",
                  landscape=True)]


# ---------------------------------------------------------------- 四川's 支出决算明细表 (功能 × 经济) beside the others
SC_AGENCY = "达州市渠县农业农村局"
SC_NAMES = {"213": "农林水支出", "21301": "农业农村", "208": "社会保障和就业支出", "20805": "行政事业单位养老支出"}
_SC_PARTS = (  # 功能 line → (工资福利支出, 商品和服务支出, 对个人和家庭的补助, 资本性支出), 万元
    ("2130101", "行政运行", (412.3, 58.6, 4.2, 0.0)),
    ("2130104", "事业运行", (236.15, 31.4, 2.8, 0.0)),
    ("2130108", "病虫害控制", (0.0, 36.5, 0.0, 18.0)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (64.32, 0.0, 0.0, 0.0)),
)
# the 一般公共预算 lines: 基本支出 = 工资福利 + 商品和服务 + 对个人 of the 运行 lines; the rest 项目支出
SC_BASIC_LINES = ("2130101", "2130104", "2080505")


def sc_cross_lines() -> list[Line]:
    """The 明细表's lines: 合计, then each 类, 款 and 项 with 合计 and the four 经济分类 classes."""
    items = [(c, n, (round(sum(f), 6), *f)) for c, n, f in _SC_PARTS]
    return rollup(items, SC_NAMES)


def sc_gpb_lines() -> list[Line]:
    """The 一般公共预算财政拨款支出决算表's lines: 合计 | 基本支出 | 项目支出."""
    items = [(c, n, (round(sum(f), 6), round(sum(f), 6) if c in SC_BASIC_LINES else 0.0,
                     0.0 if c in SC_BASIC_LINES else round(sum(f), 6))) for c, n, f in _SC_PARTS]
    return rollup(items, SC_NAMES)


SC_ECON = (("301", "工资福利支出", 712.77), ("30101", "基本工资", 402.6), ("30102", "津贴补贴", 245.85),
           ("30108", "机关事业单位基本养老保险缴费", 64.32),
           ("302", "商品和服务支出", 90.0), ("30201", "办公费", 52.4), ("30211", "差旅费", 37.6),
           ("303", "对个人和家庭的补助", 7.0), ("30302", "退休费", 7.0))
SC_BROKEN = "30211"  # 差旅费 printed 1.00 higher in the 基本支出决算明细表


def sichuan_detail_tables(broken: bool = False) -> list[Block]:
    """The 一般公共预算财政拨款支出决算表 (合计 | 基本支出 | 项目支出), its 明细表 (合计 | 工资福利支出 | 商品和服务支出 |
    对个人和家庭的补助 | 资本性支出: the 经济分类 classes as columns) and the 基本支出决算明细表 (人员经费 | 公用经费 blocks
    of 科目编码 | 科目名称 | 决算数). Broken: 差旅费 printed 1.00 higher in the 基本支出 table."""
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    gpb = Grid(head + line_rows(sc_gpb_lines()), [1.1, 3.0, 1.2, 1.2, 1.2], header_rows=1,
               align=["l", "l", "r", "r", "r"])
    cross_head = [["科目编码", "科目名称", "合计", "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出"]]
    cross = Grid(cross_head + line_rows(sc_cross_lines()), [1.1, 3.0, 1.1, 1.1, 1.1, 1.1, 1.1], header_rows=1,
                 align=["l", "l"] + ["r"] * 5)
    econ = [(c, n, x + (1.0 if broken and c == SC_BROKEN else 0.0)) for c, n, x in SC_ECON]
    pers = [e for e in econ if e[0][:3] in ("301", "303")]
    pub = [e for e in econ if e[0][:3] == "302"]
    pub += [("", "", 0.0)] * (len(pers) - len(pub))
    rows = [["人员经费", "", "", "公用经费", "", ""], ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"]]
    rows += [[a, b, wan(x), c, d, wan(y)] for (a, b, x), (c, d, y) in zip(pers, pub, strict=True)]
    rows.append(["", "人员经费合计", wan0(719.77), "", "公用经费合计", wan0(90.0)])
    basic = Grid(rows, [0.9, 2.8, 1.1, 0.9, 2.4, 1.1], header_rows=2,
                 spans=[Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 3, "header")], align=["l", "l", "r", "l", "l", "r"])
    return [Cover([SC_AGENCY, FINAL]),
            Sheet("一般公共预算财政拨款支出决算表", gpb, code="公开06表", dept=SC_AGENCY, unit="万元"),
            Sheet("一般公共预算财政拨款支出决算明细表", cross, code="公开07表", dept=SC_AGENCY, unit="万元",
                  landscape=True),
            Sheet("一般公共预算财政拨款基本支出决算明细表", basic, code="公开08表", dept=SC_AGENCY, unit="万元",
                  landscape=True)]


SC_SOE_NOTES = ("注：本单位2024年度无国有资本经营预算财政拨款收入支出，故本表为空表。",
                "注：本单位2024年度无国有资本经营预算财政拨款支出，故本表为空表。")


def sichuan_soe_pair() -> list[Block]:
    """四川's 国有资本经营预算财政拨款收入支出决算表 (年初结转和结余 | 本年收入 | 本年支出 小计/基本/项目 | 年末结转和结余)
    and 国有资本经营预算财政拨款支出决算表 (合计 | 基本支出 | 项目支出), both empty over a blank 合计 line, each with
    its note: two tables of one family, both said empty."""
    both = [["科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
            ["", "", "", "", "小计", "基本支出", "项目支出", ""], ["", "合计", "", "", "", "", "", ""]]
    spans = [Span(0, j, 2, 1, "header") for j in (0, 1, 2, 3, 7)] + [Span(0, 4, 1, 3, "header")]
    grid = Grid(both, [1.0, 2.6, 1.1, 1.0, 1.0, 1.0, 1.0, 1.1], header_rows=2, spans=spans,
                align=["l", "l"] + ["r"] * 6)
    spent = Grid([["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "", "", ""]],
                 [1.1, 3.0, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([SC_AGENCY, FINAL]),
            Sheet("国有资本经营预算财政拨款收入支出决算表", grid, code="公开11表", dept=SC_AGENCY, unit="万元",
                  notes=[SC_SOE_NOTES[0]], landscape=True),
            Sheet("国有资本经营预算财政拨款支出决算表", spent, code="公开12表", dept=SC_AGENCY, unit="万元",
                  notes=[SC_SOE_NOTES[1]])]


VARIANTS: dict[str, Variant] = {
    "basic_names_final.pdf": Variant(basic_names_final, FINAL),
    "basic_names_blocks.pdf": Variant(basic_names_blocks, FINAL),
    "basic_names_unknown.pdf": Variant(partial(basic_names_final, renamed=BN_UNKNOWN), FINAL, breakable=False),
    "basic_names_numbered.pdf": Variant(partial(basic_names_final, numbered=True), FINAL),
    "basic_names_continued.pdf": Variant(partial(basic_names_final, continued=True), FINAL),
    "sichuan_detail_tables.pdf": Variant(sichuan_detail_tables, FINAL),
    "sichuan_soe_pair.pdf": Variant(sichuan_soe_pair, FINAL, breakable=False),
    "sangong_statistics.pdf": Variant(sangong_statistics, BUDGET),
    "hebei_titles.pdf": Variant(hebei_titles, BUDGET),
    "gpb_thousands.pdf": Variant(gpb_thousands, BUDGET, breakable=False),
    "gpb_names_numbered.pdf": Variant(gpb_names_numbered, BUDGET),
    "gpb_item_names_only.pdf": Variant(gpb_item_names_only, BUDGET, breakable=False),
    "basic_by_function.pdf": Variant(basic_by_function, BUDGET, breakable=False),
    "yunnan_project_tables.pdf": Variant(yunnan_project_tables, BUDGET),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_eleventh"), broken=True).values():
        print(path)
