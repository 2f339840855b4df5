"""An eleventh round of layouts, 部门决算 and 部门预算 tables of offices the other sets do not draw: a 基本支出决算表
printing 经济分类 names without codes (one 科目名称 column, numbered 一、/1., over two pages, or 人员经费 | 公用经费 blocks
side by side, as 云南's and 广东's county offices print them; one 款 under a local name); 四川's thirteen-table 决算 (2024)
whose 一般公共预算财政拨款支出决算明细表 crosses the 功能分类 lines with the 经济分类 classes, beside its 基本支出决算明细表,
and its two empty 国有资本经营 tables; a 三公 budget table in 元 of 上年执行数 | 本年预算数 whose lines go on with
二、相关统计数 (团组, 人数, 车辆, 批次: counts, not money, 湖南's county form); 河北's 部门预算 titles (部门收支总体情况表,
一般公共预算支出情况表), one of its tables in 千元; 云南's tables of projects after its 支出表; a 基本支出表 printed by 功能分类
lines. Each drawn whole and `broken` where it has sums (a printed figure changed so that a sum no longer closes).
`python -m samplegen.variants_eleventh DIR` writes them."""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

from . import sheets
from . import variants_ninth as ninth
from . import variants_seventh as seventh
from .layout import Block, Cover, Grid, Span
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .variants_sixth import Line, bumped, rollup

STYLE = replace(ninth.STYLE, name="variant-eleventh")
FINAL = "2024年度部门决算"
BUDGET = "2025年部门预算"
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


def _line_rows(lines: list[Line]) -> list[list[str]]:
    return [[c or "", n if c else "合计", *(wan(x) if c else wan0(x) for x in f)] for c, n, f in lines]


def sichuan_detail_tables(broken: bool = False) -> list[Block]:
    """The 一般公共预算财政拨款支出决算表 (合计 | 基本支出 | 项目支出), its 明细表 (合计 | 工资福利支出 | 商品和服务支出 |
    对个人和家庭的补助 | 资本性支出: the 经济分类 classes as columns) and the 基本支出决算明细表 (人员经费 | 公用经费 blocks
    of 科目编码 | 科目名称 | 决算数). Broken: 差旅费 printed 1.00 higher in the 基本支出 table."""
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    gpb = Grid(head + _line_rows(sc_gpb_lines()), [1.1, 3.0, 1.2, 1.2, 1.2], header_rows=1,
               align=["l", "l", "r", "r", "r"])
    cross_head = [["科目编码", "科目名称", "合计", "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出"]]
    cross = Grid(cross_head + _line_rows(sc_cross_lines()), [1.1, 3.0, 1.1, 1.1, 1.1, 1.1, 1.1], header_rows=1,
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


# ---------------------------------------------------------------- 三公 budget with its 相关统计数 lines
SS_AGENCY = "岳阳县农业农村局"
# item → (2024年执行数, 2025年预算数) in 元
SS_SANGONG: dict[str, tuple[int, int]] = {
    "total": (146000, 340000), "overseas": (35000, 40000), "reception": (62400, 70000),
    "vehicle_total": (48600, 230000), "vehicle_operation": (48600, 50000), "vehicle_purchase": (0, 180000)}
SS_COUNTS = (("1.因公出国（境）团组数（个）", 1, 1), ("2.因公出国（境）人数（人）", 3, 4),
             ("3.公务用车购置数（辆）", 0, 1), ("4.公务用车保有量（辆）", 4, 4),
             ("5.公务接待批次（批）", 86, 90), ("6.公务接待人数（人）", 520, 560))
SS_BROKEN_TOTAL = 345000  # the 2025 支出合计 printed 5,000 above its items' sum


def sangong_statistics(broken: bool = False) -> list[Block]:
    """项目 | 2024年执行数 | 2025年预算数 in 元: 一、支出合计, 1、因公出国（境）费用, 2、公务接待费, 3、公务用车费, 其中：
    （1）公务用车运行维护费, （2）公务用车购置费; then 二、相关统计数 (团组数, 人数, 购置数, 保有量, 批次, 人数) — counts,
    not 元. Broken: the 2025 支出合计 printed 5,000 higher."""
    f = dict(SS_SANGONG)
    if broken:
        f["total"] = (f["total"][0], SS_BROKEN_TOTAL)

    def yuan(x: int) -> str:
        return f"{x:,}" if x else ""

    labels = (("一、支出合计", "total"), ("1、因公出国（境）费用", "overseas"), ("2、公务接待费", "reception"),
              ("3、公务用车费", "vehicle_total"), ("其中：（1）公务用车运行维护费", "vehicle_operation"),
              ("（2）公务用车购置费", "vehicle_purchase"))
    rows = [["项目", "2024年执行数", "2025年预算数"]]
    rows += [[label, yuan(f[key][0]), yuan(f[key][1])] for label, key in labels]
    rows.append(["二、相关统计数", "", ""])
    rows += [[label, str(a), str(b)] for label, a, b in SS_COUNTS]
    grid = Grid(rows, [3.6, 1.4, 1.4], header_rows=1, align=["l", "r", "r"])
    return [Cover([SS_AGENCY, BUDGET]),
            Sheet("2025年度部门“三公”经费预算情况表", grid, dept=SS_AGENCY, unit="元")]


# ---------------------------------------------------------------- 河北's titles: 部门收支总体情况表 …
HB_AGENCY = "石家庄市市场监督管理局"
HB_NAMES = {"201": "一般公共服务支出", "20138": "市场监督管理事务", "208": "社会保障和就业支出",
            "20805": "行政事业单位养老支出"}
_HB_PARTS = (("2013801", "行政运行", (1820.4, 0.0)), ("2013804", "市场主体管理", (0.0, 146.3)),
             ("2013812", "药品事务", (0.0, 88.75)), ("2080505", "机关事业单位基本养老保险缴费支出", (212.6, 0.0)))
HB_BROKEN = "2013804"  # its 项目支出 printed 1.00 higher: the line and its 款 no longer close


def hb_lines() -> list[Line]:
    items = [(c, n, (round(sum(f), 6), *f)) for c, n, f in _HB_PARTS]
    return rollup(items, HB_NAMES)


def hebei_titles(broken: bool = False) -> list[Block]:
    """河北's 部门预算 titles: 部门收支总体情况表 (the seventh set's 部门收支总表) and 一般公共预算支出情况表 (科目编码 |
    科目名称 | 合计 | 基本支出 | 项目支出). Broken: a 项目支出 printed 1.00 higher."""
    summary = seventh.summary_budget(agency=HB_AGENCY)
    sheet = summary[-1]
    assert isinstance(sheet, Sheet)
    lines = hb_lines()
    if broken:
        lines = bumped(lines, [HB_BROKEN], 2, 1.0)
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    gpb = Grid(head + _line_rows(lines), [1.1, 3.2, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([HB_AGENCY, BUDGET]), replace(sheet, title="部门收支总体情况表", code="表一"),
            Sheet("一般公共预算支出情况表", gpb, code="表五", dept=HB_AGENCY, unit="万元")]


HN_NAMES = {"201": "一般公共服务支出", "20106": "财政事务", "208": "社会保障和就业支出", "20805": "行政事业单位养老支出"}
_HN_PARTS = (("2010601", "行政运行", (1420.4, 0.0)), ("2010604", "预算改革业务", (0.0, 96.3)),
             ("2010650", "事业运行", (310.2, 22.5)), ("2080505", "机关事业单位基本养老保险缴费支出", (160.6, 0.0)))
HN_NUMBERS = {"201": "一、", "208": "二、", "20106": "（一）", "20805": "（一）"}
HN_BROKEN = "2010604"


def hn_lines() -> list[Line]:
    return rollup([(c, n, (round(sum(f), 6), *f)) for c, n, f in _HN_PARTS], HN_NAMES)


def gpb_names_numbered(broken: bool = False) -> list[Block]:
    """一般公共预算支出情况表 of 功能分类 names only, numbered by level as county offices print them (一、一般公共服务支出,
    （一）财政事务, 1.行政运行): 科目名称 | 合计 | 基本支出 | 项目支出. Broken: a 项目支出 printed 1.00 higher."""
    lines = hn_lines()
    if broken:
        lines = bumped(lines, [HN_BROKEN], 2, 1.0)
    rows = [["科目名称", "合计", "基本支出", "项目支出"]]
    k = 0
    for c, n, f in lines:
        if c and len(c) == 7:
            k = k + 1 if rows[-1][0].startswith(("　　", "1", "2", "3", "4")) else 1
            label = f"　　{k}.{n}"
        else:
            label = f"{HN_NUMBERS[c]}{n}" if c else "合计"
        rows.append([label, *(wan(x) if c else wan0(x) for x in f)])
    grid = Grid(rows, [3.8, 1.2, 1.2, 1.2], header_rows=1, align=["l", "r", "r", "r"])
    agency = "邢台市信都区财政局"
    return [Cover([agency, BUDGET]), Sheet("一般公共预算支出情况表", grid, code="表五", dept=agency, unit="万元")]


# ---------------------------------------------------------------- 云南's budget: tables of projects after the 支出表
YN_AGENCY = "玉溪市红塔区自然资源局"
YN_PROJECTS = (  # 项目代码, 项目名称, 功能科目, 经济科目 (code, name), 元
    ("53040221000000000101", "行政人员工资支出", "2013801", ("30101", "基本工资"), 6_120_000.0),
    ("53040221000000000101", "行政人员工资支出", "2013801", ("30102", "津贴补贴"), 5_384_000.0),
    ("53040221000000000102", "社会保障缴费", "2080505", ("30108", "机关事业单位基本养老保险缴费"), 2_126_000.0),
    ("53040221000000000103", "公用经费", "2013801", ("30201", "办公费"), 1_230_000.0),
    ("53040221000000000104", "公务用车运行维护费", "2013801", ("30231", "公务用车运行维护费"), 470_000.0),
)


def _yuan(x: float) -> str:
    return f"{x:,.2f}" if x else ""


def yunnan_project_tables(broken: bool = False) -> list[Block]:
    """一般公共预算支出预算表（按功能科目分类）in 元, then 云南's 部门基本支出预算表（人员类、运转类公用经费项目）— one line per
    project and economic item, long 项目代码 first — and an empty 对下转移支付预算表: the tables of projects are not pages of
    the 支出表 before them. Broken: a 项目支出 printed 10,000 元 higher."""
    lines = hb_lines()
    if broken:
        lines = bumped(lines, [HB_BROKEN], 2, 1.0)
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    body = [[c or "", n if c else "合计", *(_yuan(x * 10000) if c else f"{x * 10000:,.2f}" for x in f)]
            for c, n, f in lines]
    gpb = Grid(head + body, [1.1, 3.2, 1.5, 1.5, 1.5], header_rows=1, align=["l", "l", "r", "r", "r"])
    rows = [["项目代码", "项目名称", "功能科目编码", "部门经济科目编码", "部门经济科目名称", "总计", "一般公共预算"]]
    rows += [[code, name, fn, ec, en, _yuan(x), _yuan(x)] for code, name, fn, (ec, en), x in YN_PROJECTS]
    total = sum(x for *_r, x in YN_PROJECTS)
    rows.append(["合计", "", "", "", "", _yuan(total), _yuan(total)])
    projects = Grid(rows, [2.2, 1.8, 1.0, 1.0, 2.0, 1.3, 1.3], header_rows=1,
                    spans=[Span(len(rows) - 1, 0, 1, 5)], align=["l", "l", "l", "l", "l", "r", "r"])
    transfer = Grid([["项目名称", "合计", "红塔区", "澄江市", "通海县"], ["合计", "", "", "", ""]],
                    [3.0, 1.2, 1.2, 1.2, 1.2], header_rows=1, align=["l", "r", "r", "r", "r"])
    return [Cover([YN_AGENCY, BUDGET]),
            Sheet("一般公共预算支出预算表（按功能科目分类）", gpb, code="预算05表", dept=YN_AGENCY, unit="元"),
            Sheet("部门基本支出预算表（人员类、运转类公用经费项目）", projects, code="预算09表", dept=YN_AGENCY,
                  unit="元", landscape=True),
            Sheet("对下转移支付预算表", transfer, code="预算13表", dept=YN_AGENCY, unit="元",
                  notes=["注：本部门2025年无对下转移支付预算，故本表为空表。"])]


def gpb_thousands() -> list[Block]:
    """The 一般公共预算支出情况表 of 河北's titles in 千元 (金额单位：千元, one decimal): its figures are ten times its
    万元 figures; the 总表 before it in 万元."""
    blocks = hebei_titles()
    sheet = blocks[-1]
    assert isinstance(sheet, Sheet)
    rows = [sheet.grid.rows[0]] + [[c or "", n if c else "合计", *(f"{x * 10:,.1f}" if x else "" for x in f)]
                                   for c, n, f in hb_lines()]
    return [*blocks[:-1], replace(sheet, grid=replace(sheet.grid, rows=rows), unit="千元")]


# ---------------------------------------------------------------- a 基本支出 table by 功能分类, not 经济分类
BF_AGENCY = "石家庄市藁城区统计局"
BF_PARTS = (("2010501", "行政运行", (156.3, 21.4)), ("2080505", "机关事业单位基本养老保险缴费支出", (18.6, 0.0)),
            ("2210201", "住房公积金", (12.9, 0.0)))
BF_NAMES = {"201": "一般公共服务支出", "20105": "统计信息事务", "208": "社会保障和就业支出",
            "20805": "行政事业单位养老支出", "221": "住房保障支出", "22102": "住房改革支出"}


def basic_by_function() -> list[Block]:
    """一般公共预算基本支出表 of 科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费 whose lines are 功能分类 (201 一般公共服务支出
    …), not 经济分类: its 201 / 20105 are no economic class or 款 and none of its lines is one."""
    lines = rollup([(c, n, (round(sum(f), 6), *f)) for c, n, f in BF_PARTS], BF_NAMES)
    head = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    grid = Grid(head + _line_rows(lines), [1.1, 3.2, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([BF_AGENCY, BUDGET]), Sheet("一般公共预算基本支出表", grid, code="表六", dept=BF_AGENCY, unit="万元")]


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
    "basic_by_function.pdf": Variant(basic_by_function, BUDGET, breakable=False),
    "yunnan_project_tables.pdf": Variant(yunnan_project_tables, BUDGET),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_eleventh"), broken=True).values():
        print(path)
