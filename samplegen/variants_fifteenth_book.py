"""The 总表s, books and 预算 layouts of the fifteenth round (samplegen/variants_fifteenth.py holds the catalogue): a
rule-less 收入支出决算总表 whose labels wrap over two lines; a 财政拨款收入支出决算总表 whose title sits in the page
header, notes with figures under it; a 决算 book whose 目录 lists the 政府性基金 table as 无, that page printing only
its title and a note, the 国有资本经营 table printed empty; a 预算 table of 上年预算数 | 本年预算数 | 增减额 | 增减率."""

from __future__ import annotations

from collections.abc import Callable

from . import variants_thirteenth_book as book
from .layout import Block, Cover, Grid, Heading, Para, Span, Toc
from .sheets import Sheet
from .variants_sixth import Line, bumped
from .variants_thirteenth import CQ_BROKEN, cq_lines, wan, wan0

FINAL = "2024年度部门决算"
BUDGET = "2025年部门预算"
_NUMERALS = "一二三四五六七八九十"


def summary_figures(broken: bool = False) -> dict[str, float]:
    """The 总表's classes and totals (万元); broken: the first class printed 1.00 higher."""
    classes = {n: f[0] for c, n, f in cq_lines() if c and len(c) == 3}
    if broken:
        first = next(iter(classes))
        classes[first] = round(classes[first] + 1.0, 6)
    return {"total": cq_lines()[0][2][0], **classes}


def summary_grid(income: list[str], broken: bool, widths: list[float],
                 show: Callable[[float], str] = wan) -> Grid:
    """收入 | 支出 over 项目 | 行次 | 金额 on each side: the income lines (the first holding the year's income), the
    classes, 本年收入合计 | 本年支出合计, 年初结转和结余 | 年末结转和结余, 总计 | 总计 (`show`: an amount as printed,
    a zero blank)."""
    f = summary_figures(broken)
    total = f.pop("total")
    left = [(label, total if k == 0 else 0.0) for k, label in enumerate(income)]
    right = [(f"{_NUMERALS[k]}、{n}", x) for k, (n, x) in enumerate(f.items())]
    n = max(len(left), len(right))
    left += [("", 0.0)] * (n - len(left))
    right += [("", 0.0)] * (n - len(right))
    rows = [["收入", "", "", "支出", "", ""], ["项目", "行次", "金额", "项目", "行次", "金额"]]
    rows += [[a, str(k) if a else "", show(x) if a else "", b, str(k + 30) if b else "", show(y) if b else ""]
             for k, ((a, x), (b, y)) in enumerate(zip(left, right, strict=True), start=1)]
    shown = show(total) if show is not wan else wan0(total)
    rows += [["本年收入合计", str(n + 1), shown, "本年支出合计", str(n + 31), shown],
             ["年初结转和结余", str(n + 2), "", "年末结转和结余", str(n + 32), ""],
             ["总计", str(n + 3), shown, "总计", str(n + 33), shown]]
    return Grid(rows, widths, header_rows=2, spans=[Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 3, "header")],
                align=["l", "c", "r", "l", "c", "r"])


INCOME = ["一、一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入", "三、国有资本经营预算财政拨款收入",
          "四、上级补助收入", "五、事业收入", "六、经营收入", "七、附属单位上缴收入", "八、其他收入"]
FISCAL_INCOME = ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"]


# ---------------------------------------------------------------- a rule-less 总表, labels over two lines
SW_AGENCY = "十堰市张湾区市场监督管理局"


def summary_wrapped_unruled(broken: bool = False) -> list[Block]:
    """收入支出决算总表 typeset with whitespace only, its label columns so narrow that the long labels wrap over two
    lines (一、一般公共预算财政拨款 | 收入; 三、国有资本经营预算财政 | 拨款收入). Broken: a class printed 1.00 higher."""
    grid = summary_grid(INCOME, broken, [0.9, 0.35, 0.8, 0.9, 0.35, 0.8])
    return [Cover([SW_AGENCY, FINAL]),
            Sheet("收入支出决算总表", grid, code="公开01表", dept=SW_AGENCY, unit="万元", ruled=False)]


# ---------------------------------------------------------------- whole 元 without separators, a 三线表
SP_AGENCY = "孝感市孝南区统计局"


def plain(x: float) -> str:
    """An amount of 万元 printed in whole 元 without separators; zero left blank."""
    return str(round(x * 10000)) if x else ""


def summary_plain_three_line(broken: bool = False) -> list[Block]:
    """收入支出决算总表 in whole 元 without separators (20861900), typeset as a 三线表: only its 行次 and figures are
    digits (no code), the figure fused by text position with the next side's numbering (20861900 一、). Broken: a
    class printed 10000 元 higher."""
    grid = summary_grid(INCOME, broken, [2.6, 0.6, 1.3, 2.6, 0.6, 1.3], plain)
    return [Cover([SP_AGENCY, FINAL]),
            Sheet("收入支出决算总表", grid, code="公开01表", dept=SP_AGENCY, unit="元", unit_label="单位：")]


# ---------------------------------------------------------------- the title in the page header, notes under
SH_AGENCY = "泸州市江阳区统计局"
SH_TITLE = "财政拨款收入支出决算总表"
SH_NOTES = ["注：1.本表反映本单位2024年度财政拨款收支总体情况，年初结转和结余0.00万元，年末结转和结余0.00万元。",
            "2.本单位2024年度无政府性基金预算和国有资本经营预算财政拨款收支，相关行次为空；支出合计2,086.19万元。"]


def summary_header_title(broken: bool = False) -> list[Block]:
    """财政拨款收入支出决算总表 whose title is printed only in the page header (a running head over a rule), not over
    the table; two notes with figures under it. Broken: a class printed 1.00 higher."""
    grid = summary_grid(FISCAL_INCOME, broken, [2.6, 0.6, 1.3, 2.6, 0.6, 1.3])
    return [Cover([SH_AGENCY, FINAL]),
            Sheet("", grid, code="公开04表", dept=SH_AGENCY, unit="万元", running_head=f"{SH_AGENCY}  {SH_TITLE}",
                  notes=SH_NOTES)]


# ---------------------------------------------------------------- a 目录 listing a table as 无
NB_AGENCY = "黄石市下陆区统计局"
NB_FUND_NOTE = "本单位2024年度无政府性基金预算财政拨款收入、支出及结转结余，故本表无数据。"


def nil_fund_book(broken: bool = False) -> list[Block]:
    """广东's nine-table book (samplegen/variants_thirteenth_book.py) whose 目录 marks the 政府性基金 table （无）: its
    page prints the title and a one-line note and no table at all; the 国有资本经营 table printed as an empty grid
    under its note. Broken: a 项目支出 printed 1.00 higher in the 支出决算表."""
    blocks = book.guangdong_book(cq_lines(), CQ_BROKEN, broken)
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Toc):
            b = Toc([(lv, t + ("（无）" if "政府性基金" in t else "")) for lv, t in b.entries])
        if isinstance(b, Sheet) and "政府性基金" in b.title:
            out += [Heading(b.title, level=1), Para(NB_FUND_NOTE)]
            continue
        if isinstance(b, Sheet):
            b.dept = NB_AGENCY
        out.append(b)
    return [Cover([NB_AGENCY, FINAL]) if isinstance(b, Cover) else b for b in out]


# ---------------------------------------------------------------- 上年预算数 | 本年预算数 | 增减
PY_AGENCY = "九江市濂溪区统计局"
PY_LAST = {"2013801": 1240.0, "2013802": 200.0, "2013850": 318.2, "2080505": 150.36, "2210201": 92.0}
PY_MEASURES = (None, "total", "basic", "project", None, None)


def py_lines(broken: bool = False) -> list[Line]:
    """上年预算数 | 本年预算数 合计 | 基本支出 | 项目支出 | 增减额 | 增减率(%) of each line (万元)."""
    lines = bumped(cq_lines(), [CQ_BROKEN], 2, 1.0) if broken else cq_lines()
    out = []
    for c, n, f in lines:
        last = round(sum(x for k, x in PY_LAST.items() if c is None or k.startswith(c)), 6)
        change = round(f[0] - last, 6)
        out.append((c, n, (last, *f, change, round(100 * change / last, 2) if last else 0.0)))
    return out


def budget_prev_year(broken: bool = False) -> list[Block]:
    """一般公共预算支出预算表 of 科目编码 | 科目名称 | 上年预算数 | 本年预算数 (合计 | 基本支出 | 项目支出) | 增减额 |
    增减率（%）, a two-row header. Broken: a 项目支出 printed 1.00 higher."""
    head = [["科目编码", "科目名称", "上年预算数", "本年预算数", "", "", "增减额", "增减率（%）"],
            ["", "", "", "合计", "基本支出", "项目支出", "", ""]]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 2, 1, "header"),
             Span(0, 3, 1, 3, "header"), Span(0, 6, 2, 1, "header"), Span(0, 7, 2, 1, "header")]
    body = [[c or "", n if c else "合计", *(wan(x) if c else wan0(x) for x in f[:5]), f"{f[5]:.2f}"]
            for c, n, f in py_lines(broken)]
    grid = Grid(head + body, [1.0, 3.0, 1.2, 1.2, 1.2, 1.2, 1.1, 1.1], header_rows=2, spans=spans,
                align=["l", "l"] + ["r"] * 6)
    return [Cover([PY_AGENCY, BUDGET]),
            Sheet("一般公共预算支出预算表", grid, code="表5", dept=PY_AGENCY, unit="万元", landscape=True)]
