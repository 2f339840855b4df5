"""A ninth round of layouts, print habits of office print-outs the other sets do not draw: two tables side by side on
one page (each its own ruled grid; the text written table by table, or line by line across both as an Excel sheet
writes it, both titles on one text line), and a 收入支出决算总表 whose 收入 and 支出 halves are two such grids; empty
tables printed as a single 无 line (in every cell, merged across, in the name cell; with or without a note); a long
table whose header rows (and title) repeat on every page under an Excel page footer (第 1 页，共 3 页) with a 单位负责人
/ 制表人 line under its last row; a budget's 一般公共预算支出表 and 三公 table of 本年预算数 | 上年预算数 | 增减 words (no
years); the 部门决算 software's table codes in the title line (财决05表 …, … 财决07表, 部门公开表05); 陕西's 部门综合预算
titles (明细表 按支出功能 / 经济分类科目, “三公”经费支出情况表, 政府性基金收支表); 功能分类 names printed without codes,
indented by level (and names the classification list does not hold), 经济分类 names without codes; a 序号 column before
the codes with 总计 last; a 部门收支总表 whose 支出 side lists 基本支出 (人员经费, 公用经费) and 项目支出 rather than the
classes; 三公 items in 北京's order (接待 before 车辆), 公务接待费 over its 国内 / 外事 lines, and 年初预算数 / 全年预算数 /
决算数 lines — each drawn whole and `broken` (a printed figure changed so that a sum no longer closes, or the empty
tables' notes left out). `python -m samplegen.variants_ninth DIR` writes them."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from reportlab.lib.pagesizes import landscape

from . import sheets
from . import variants_fourth as fourth
from .layout import Block, Cover, Grid, Span
from .sheets import Sheet, SheetRenderer, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_A, STYLE_B
from .variants_sixth import Line, bumped, rollup

STYLE = replace(STYLE_A, name="variant-ninth", repeat_title=False, seed_breaks=True)
STYLE_OTHER = replace(STYLE_B, name="variant-ninth-b", seed_breaks=True)
FINAL = "2024年度部门决算"
BUDGET = "2025年部门预算"


def wan(x: float) -> str:
    """An amount in 万元 as printed; zero left blank."""
    return f"{x:,.2f}" if x else ""


def wan0(x: float) -> str:
    """An amount in 万元 as printed; zero printed 0.00."""
    return f"{x:,.2f}"


# ---------------------------------------------------------------- two tables side by side on one page
@dataclass
class Pair:
    """Two tables drawn side by side on one page, each its own ruled grid under its own title (a landscape
    Excel sheet holding two small tables)."""

    left: Sheet
    right: Sheet
    landscape: bool = True
    by_rows: bool = False  # the text written line by line across both (an Excel sheet), not table by table
    title: str = ""  # one title over both grids (the halves of one table), theirs left blank


class PairRenderer(SheetRenderer):
    """SheetRenderer, plus `Pair` blocks and an Excel page footer (第 x 页，共 y 页) when the style asks for it."""

    footer_total: int = 0  # pages of the table the footer counts (0: the shared footer)

    def _footer(self) -> None:
        if not self.footer_total or self.page_no < 2:
            super()._footer()
            return
        shown = f"第 {self.page_no - 1} 页，共 {self.footer_total} 页"
        self.text(self.size[0] / 2, self.style.margin_bottom * 0.45, shown, 9, "c")

    def _pair(self, b: Pair) -> None:
        st = self.style
        size = landscape(st.pagesize) if b.landscape and not st.landscape else st.pagesize
        self.new_page(size, f"{b.left.title} {b.right.title}")
        gap = 24.0
        half = (self.width - gap) / 2
        sheets = (b.left, b.right)
        lefts = [st.margin_x + k * (half + gap) for k in range(2)]
        small = st.cell_size + 1.5
        assert self.y is not None
        if b.title:
            self.text(self.size[0] / 2, self.y - st.title_size, b.title, st.title_size, "c", bold=True)
            self.y -= st.title_size * 1.8
        top = self.y

        def heads(sheet: Sheet, x0: float) -> list[tuple[float, str, float, str, bool]]:
            """(x, text, size, align, bold) of the lines above a sheet's grid, one list entry per line (None: none)."""
            out = [(x0 + half / 2, sheet.title, st.title_size - 2, "c", True),
                   (x0 + half, sheet.code or "", small, "r", False),
                   (x0, f"部门：{sheet.dept}" if sheet.dept else "", small, "l", False),
                   (x0 + half, f"{sheet.unit_label}{sheet.unit}" if sheet.unit else "", small, "r", False)]
            return out

        steps = [st.title_size * 1.6, small * 1.6, 0.0, small * 1.8 + 2]
        lines = [heads(sheet, lefts[k]) for k, sheet in enumerate(sheets)]
        grid_top = top - sum(steps)
        drawn: list[tuple[float, float, str, float, str, bool]] = []  # by_rows: texts kept, written line by line
        put = self.text
        if b.by_rows:
            self.text = lambda x, y, s, size, align="l", bold=False: drawn.append(  # type: ignore[method-assign]
                (x, y, s, size, align, bold))
        try:
            for k, sheet in enumerate(sheets):
                for i, (x, text, size, align, bold) in enumerate(lines[k]):
                    if text:
                        self.text(x, top - sum(steps[:i]) - size, text, size, align, bold)
                self.y = grid_top
                self._pair_grid(sheet, lefts[k], half)
        finally:
            if b.by_rows:
                del self.text
        for x, y, text, size, align, bold in sorted(drawn, key=lambda d: (-round(d[1] / 3), d[0])):
            put(x, y, text, size, align, bold)
        self.y = st.margin_bottom - 1

    def _pair_grid(self, sheet: Sheet, x0: float, width: float) -> None:
        """One sheet's grid (and notes) drawn from x0 across `width`, from the cursor down."""
        rows, spans, colw, _xs, fsize = self._columns(sheet.grid, sheet.size_scale)
        colw = [w * width / sum(colw) for w in colw]
        xs = [x0]
        for w in colw:
            xs.append(xs[-1] + w)
        cells = self._layout_cells(sheet.grid, rows, spans, colw, fsize)
        page_rows = list(range(len(rows)))
        self._draw_rows(cells, page_rows, self._heights(cells, page_rows, fsize), xs)
        assert self.y is not None
        for note in sheet.notes:
            self.y -= 6
            self.text(x0, self.y - fsize, note, fsize + 0.5)
            self.y -= (fsize + 0.5) * 1.6


class FooterRenderer(PairRenderer):
    footer_total = 3


# ---------------------------------------------------------------- the 三公 and 政府性基金 tables side by side
SB_AGENCY = "遵义市水务局"
SG_ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
SG_LABELS = {"total": "合计", "overseas": "1.因公出国（境）费", "vehicle_total": "2.公务用车购置及运行费",
             "vehicle_purchase": "（1）公务用车购置费", "vehicle_operation": "（2）公务用车运行费",
             "reception": "3.公务接待费"}
# item → (预算数, 决算数)
SB_SANGONG: dict[str, tuple[float, float]] = {
    "total": (26.0, 21.39), "overseas": (0.0, 0.0), "vehicle_total": (18.0, 15.64), "vehicle_purchase": (0.0, 0.0),
    "vehicle_operation": (18.0, 15.64), "reception": (8.0, 5.75)}
GF_NAMES = {"213": "农林水支出", "21366": "大中型水库库区基金安排的支出", "21369": "国家重大水利工程建设基金安排的支出"}
_GF_PARTS = (("2136601", "基础设施建设和经济发展", (6.2, 80.2)), ("2136602", "解决移民遗留问题", (0.0, 42.15)),
             ("2136901", "南水北调工程建设", (0.0, 120.0)))
GF_MEASURES = ("total", "basic", "project")


def sb_gov_fund_lines() -> list[Line]:
    """合计 | 基本支出 | 项目支出 of every line, the 合计 line first."""
    return rollup(tuple((c, n, (round(b + p, 6), b, p)) for c, n, (b, p) in _GF_PARTS), GF_NAMES)


def sb_sangong(broken: bool) -> dict[str, tuple[float, float]]:
    """The 三公 figures as printed; broken: the 接待费 决算数 0.60 higher, so the 合计 no longer closes."""
    out = dict(SB_SANGONG)
    if broken:
        out["reception"] = (out["reception"][0], round(out["reception"][1] + 0.6, 2))
    return out


def _sangong_rows_sheet(figures: dict[str, tuple[float, float]], agency: str) -> Sheet:
    rows = [["项目", "预算数", "决算数"]]
    rows += [[SG_LABELS[i], wan0(figures[i][0]), wan0(figures[i][1])] for i in SG_ITEMS]
    grid = Grid(rows, [2.6, 1.2, 1.2], header_rows=1, align=["l", "r", "r"])
    return Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=agency, unit="万元")


def _gov_fund_sheet(lines: list[Line], agency: str) -> Sheet:
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", *(wan0(x) for x in lines[0][2])]]
    rows += [[c or "", n, *(wan(x) for x in f)] for c, n, f in lines[1:]]
    grid = Grid(rows, [0.9, 2.6, 1.0, 1.0, 1.0], header_rows=1, align=["l", "l", "r", "r", "r"])
    return Sheet("政府性基金预算财政拨款收入支出决算表", grid, code="公开07表", dept=agency, unit="万元")


def sangong_beside_gov_fund(broken: bool = False, by_rows: bool = False) -> list[Block]:
    """The 三公 table (items as lines, 预算数 | 决算数) on the left of a landscape page, the 政府性基金 table
    (科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出) on the right: two ruled grids, their titles on one text line."""
    return [Cover([SB_AGENCY, FINAL]),
            Pair(_sangong_rows_sheet(sb_sangong(broken), SB_AGENCY), _gov_fund_sheet(sb_gov_fund_lines(), SB_AGENCY),
                 by_rows=by_rows)]


# ---------------------------------------------------------------- empty tables side by side, each over a 无 row
EM_AGENCY = "遵义市档案馆"
EM_NOTE_FUND = "注：本部门2024年度无政府性基金预算财政拨款收支，故本表无数据。"
EM_NOTE_SOE = "注：本部门2024年度无国有资本经营预算财政拨款支出，故本表无数据。"


def _empty_grid(labels: list[str], widths: list[float], wu: str) -> Grid:
    """科目编码 | 科目名称 | `labels`, one body line: a blank 合计 line (`wu` "total"), 无 in every cell ("cells"),
    无 once across the row ("merged") or in the name cell only ("name")."""
    head = [["科目编码", "科目名称", *labels]]
    n = len(head[0])
    if wu == "cells":
        return Grid(head + [["无"] * n], widths, header_rows=1, align=["c"] * n)
    if wu == "merged":
        return Grid(head + [["无"] + [""] * (n - 1)], widths, header_rows=1, spans=[Span(1, 0, 1, n, "block")],
                    align=["c"] * n)
    line = ["", "合计" if wu == "total" else "无"] + [""] * (n - 2)
    return Grid(head + [line], widths, header_rows=1, align=["l", "c"] + ["r"] * (n - 2))


def _empty_fund_grid(wu: str) -> Grid:
    return _empty_grid(["年初结转和结余", "本年收入", "本年支出", "年末结转和结余"], [0.9, 2.2, 1.1, 1.0, 1.0, 1.1], wu)


def _empty_soe_grid(wu: str) -> Grid:
    return _empty_grid(["合计", "基本支出", "项目支出"], [0.9, 2.4, 1.0, 1.0, 1.0], wu)


# the 三公 table printed before the empty tables, items as columns, 预算数 / 决算数 lines
EM_SANGONG: dict[str, tuple[float, float]] = {
    "total": (6.5, 4.92), "overseas": (0.0, 0.0), "vehicle_total": (4.0, 3.6), "vehicle_purchase": (0.0, 0.0),
    "vehicle_operation": (4.0, 3.6), "reception": (2.5, 1.32)}


def empty_side_by_side(broken: bool = False, by_rows: bool = False) -> list[Block]:
    """The 三公 table, then a page holding the empty 政府性基金 and 国有资本经营 tables side by side, each a header over
    a blank 合计 line with its note under it. Broken: the notes left out (two empty tables unexplained)."""
    fund = Sheet("政府性基金预算财政拨款收入支出决算表", _empty_fund_grid("total"), code="公开07表", dept=EM_AGENCY,
                 unit="万元", notes=[] if broken else [EM_NOTE_FUND])
    soe = Sheet("国有资本经营预算财政拨款支出决算表", _empty_soe_grid("total"), code="公开08表", dept=EM_AGENCY,
                unit="万元", notes=[] if broken else [EM_NOTE_SOE])
    return [Cover([EM_AGENCY, FINAL]), _sangong_rows_sheet(EM_SANGONG, EM_AGENCY), Pair(fund, soe, by_rows=by_rows)]


def empty_wu_rows(broken: bool = False, wu: str = "cells", notes: bool = True) -> list[Block]:
    """The empty 政府性基金 and 国有资本经营 tables one per page, each a header over a single 无 line, their notes
    under them (or none: the 无 is all they say). Broken: the 三公 table before them with its 接待费 决算数 0.50
    higher."""
    f = dict(EM_SANGONG)
    if broken:
        f["reception"] = (f["reception"][0], round(f["reception"][1] + 0.5, 2))
    return [Cover([EM_AGENCY, FINAL]), _sangong_rows_sheet(f, EM_AGENCY),
            Sheet("政府性基金预算财政拨款收入支出决算表", _empty_fund_grid(wu), code="公开07表", dept=EM_AGENCY,
                  unit="万元", notes=[EM_NOTE_FUND] if notes else []),
            Sheet("国有资本经营预算财政拨款支出决算表", _empty_soe_grid(wu), code="公开08表", dept=EM_AGENCY, unit="万元",
                  notes=[EM_NOTE_SOE] if notes else [])]


# ---------------------------------------------------------------- a long table under an Excel page footer
LF_AGENCY = "遵义市教育局"
LF_NAMES = {"201": "一般公共服务支出", "20103": "政府办公厅（室）及相关机构事务", "205": "教育支出",
            "20501": "教育管理事务", "20502": "普通教育", "20503": "职业教育", "20507": "特殊教育",
            "20508": "进修及培训", "20509": "教育费附加安排的支出", "20599": "其他教育支出",
            "208": "社会保障和就业支出", "20805": "行政事业单位养老支出", "20808": "抚恤",
            "210": "卫生健康支出", "21011": "行政事业单位医疗", "221": "住房保障支出", "22102": "住房改革支出"}
_LF_PARTS = (  # 基本支出, 项目支出
    ("2010350", "事业运行", (48.2, 0.0)),
    ("2050101", "行政运行", (612.35, 0.0)), ("2050102", "一般行政管理事务", (0.0, 86.4)),
    ("2050199", "其他教育管理事务支出", (0.0, 12.5)), ("2050201", "学前教育", (220.6, 145.0)),
    ("2050202", "小学教育", (1830.42, 402.8)), ("2050203", "初中教育", (1204.15, 318.66)),
    ("2050204", "高中教育", (986.3, 250.0)), ("2050299", "其他普通教育支出", (0.0, 64.2)),
    ("2050302", "中等职业教育", (512.8, 133.5)), ("2050701", "特殊学校教育", (154.27, 20.0)),
    ("2050803", "培训支出", (0.0, 38.6)), ("2050901", "农村中小学校舍建设", (0.0, 560.0)),
    ("2050902", "农村中小学教学设施", (0.0, 128.35)), ("2059999", "其他教育支出", (0.0, 46.0)),
    ("2080501", "行政单位离退休", (36.4, 0.0)), ("2080502", "事业单位离退休", (180.25, 0.0)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (402.18, 0.0)),
    ("2080506", "机关事业单位职业年金缴费支出", (160.87, 0.0)), ("2080801", "死亡抚恤", (22.4, 0.0)),
    ("2101101", "行政单位医疗", (28.6, 0.0)), ("2101102", "事业单位医疗", (260.45, 0.0)),
    ("2101103", "公务员医疗补助", (14.2, 0.0)), ("2210201", "住房公积金", (388.9, 0.0)),
    ("2210203", "购房补贴", (12.6, 0.0)),
)
LF_ITEMS = tuple((c, n, (round(f[0] + f[1], 6), *f)) for c, n, f in _LF_PARTS)
LF_MEASURES = ("total", "basic", "project")
LF_BROKEN = "2050203"  # its 项目支出 printed 1.00 higher: the line and its 款 no longer close


def footer_lines() -> list[Line]:
    return rollup(LF_ITEMS, LF_NAMES)


def gpb_page_footer(broken: bool = False, title_again: bool = False) -> list[Block]:
    """一般公共预算财政拨款支出决算表 of 43 lines over three pages, its two header rows repeated on each, the title
    not; every page's foot prints 第 x 页，共 3 页 (Excel's page footer); 单位负责人 / 财务负责人 / 制表人 under
    the last row (with `title_again`, the title printed again over every page's header: Excel's print titles)."""
    lines = footer_lines()
    if broken:
        lines = bumped(lines, [LF_BROKEN], 2, 1.0)
    head = [["科目编码", "科目名称", "本年支出", "", ""], ["", "", "合计", "基本支出", "项目支出"]]
    body = [["", "合计", *(wan0(x) for x in lines[0][2])]]
    body += [[c or "", n, *(wan(x) for x in f)] for c, n, f in lines[1:]]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 1, 3, "header")]
    grid = Grid(head + body, [1.2, 3.6, 1.2, 1.2, 1.2], header_rows=2, spans=spans, align=["l", "l", "r", "r", "r"])
    sign = "单位负责人：              财务负责人：              制表人：              报送日期：2025年3月10日"
    return [Cover([LF_AGENCY, FINAL]),
            Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=LF_AGENCY, unit="万元", notes=[sign],
                  page_rows=[16, 16, len(body) - 32],
                  continued="一般公共预算财政拨款支出决算表" if title_again else None)]


# ---------------------------------------------------------------- budget tables: 本年预算数 | 上年预算数 | 增减
PY_AGENCY = "遵义市市场监督管理局"
PY_NAMES = {"201": "一般公共服务支出", "20138": "市场监督管理事务", "208": "社会保障和就业支出",
            "20805": "行政事业单位养老支出", "221": "住房保障支出", "22102": "住房改革支出"}
_PY_PARTS = (  # 上年预算数 合计; 本年 基本支出, 项目支出
    ("2013801", "行政运行", 1320.5, (1356.82, 0.0)), ("2013804", "市场主体管理", 45.0, (0.0, 38.0)),
    ("2013812", "药品事务", 60.0, (0.0, 72.5)), ("2013816", "食品安全监管", 210.0, (0.0, 186.3)),
    ("2080505", "机关事业单位基本养老保险缴费支出", 148.6, (152.44, 0.0)),
    ("2210201", "住房公积金", 118.2, (121.06, 0.0)),
)
PY_ITEMS = tuple((c, n, (round(b + p, 6), b, p, last)) for c, n, last, (b, p) in _PY_PARTS)
PY_MEASURES = ("total", "basic", "project", None)
PY_BROKEN = "2013816"  # its 本年 项目支出 printed 1.00 higher


def prior_lines() -> list[Line]:
    return rollup(PY_ITEMS, PY_NAMES)


def _change(now: float, last: float) -> tuple[str, str]:
    diff = round(now - last, 2)
    rate = f"{diff / last * 100:.2f}" if last else ""
    return (f"{diff:,.2f}", rate)


def gpb_this_year_first(broken: bool = False) -> list[Block]:
    """科目编码 | 科目名称 | 本年预算数 (合计 | 基本支出 | 项目支出) | 上年预算数 | 增减额 | 增减率（%）: the budget
    year's block first, last year's single column after it, no year printed in the header."""
    lines = prior_lines()
    if broken:
        lines = bumped(lines, [PY_BROKEN], 2, 1.0)
    head = [["科目编码", "科目名称", "本年预算数", "", "", "上年预算数", "本年比上年增减", ""],
            ["", "", "合计", "基本支出", "项目支出", "", "增减额", "增减率（%）"]]
    body = []
    for c, n, f in lines:
        body.append([c or "", n if c else "合计", *(wan0(x) if not c else wan(x) for x in f), *_change(f[0], f[3])])
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 1, 3, "header"),
             Span(0, 5, 2, 1, "header"), Span(0, 6, 1, 2, "header")]
    grid = Grid(head + body, [1.1, 3.2, 1.1, 1.1, 1.1, 1.1, 1.0, 0.9], header_rows=2, spans=spans,
                align=["l", "l"] + ["r"] * 6)
    return [Cover([PY_AGENCY, BUDGET]),
            Sheet("一般公共预算支出预算表", grid, code="预算05表", dept=PY_AGENCY, unit="万元", landscape=True)]


PY_SANGONG_LAST = {"total": 18.6, "overseas": 0.0, "vehicle_total": 12.0, "vehicle_purchase": 0.0,
                   "vehicle_operation": 12.0, "reception": 6.6}
PY_SANGONG = {"total": 16.2, "overseas": 0.0, "vehicle_total": 11.0, "vehicle_purchase": 0.0,
              "vehicle_operation": 11.0, "reception": 5.2}


def sangong_this_and_last_year(broken: bool = False) -> list[Block]:
    """Items as lines: 项目 | 本年预算数 | 上年预算数 | 增减额 | 增减率 (words, no years), 合计 first; the 一般公共预算
    支出表 before it. Broken: the 本年 接待费 printed 0.40 higher."""
    now = dict(PY_SANGONG)
    if broken:
        now["reception"] = round(now["reception"] + 0.4, 2)
    rows = [["项目", "本年预算数", "上年预算数", "增减额", "增减率（%）"]]
    for item in SG_ITEMS:
        diff, rate = _change(now[item], PY_SANGONG_LAST[item])
        rows.append([SG_LABELS[item], wan0(now[item]), wan0(PY_SANGONG_LAST[item]), diff, rate])
    grid = Grid(rows, [2.6, 1.1, 1.1, 1.0, 1.0], header_rows=1, align=["l", "r", "r", "r", "r"])
    return [*gpb_this_year_first(),
            Sheet("一般公共预算“三公”经费支出预算表", grid, code="预算09表", dept=PY_AGENCY, unit="万元")]


# ---------------------------------------------------------------- table codes of the 部门决算 software in the title line
CJ_AGENCY = "遵义市统计局"
CJ_NAMES = {"201": "一般公共服务支出", "20105": "统计信息事务", "208": "社会保障和就业支出",
            "20805": "行政事业单位养老支出"}
_CJ_PARTS = (("2010501", "行政运行", (402.6, 0.0)), ("2010507", "专项普查活动", (0.0, 215.4)),
             ("2010508", "统计抽样调查", (0.0, 68.25)), ("2080505", "机关事业单位基本养老保险缴费支出", (46.18, 0.0)))
CJ_ITEMS = tuple((c, n, (round(f[0] + f[1], 6), *f)) for c, n, f in _CJ_PARTS)
CJ_BROKEN = "2010507"


def coded_lines() -> list[Line]:
    return rollup(CJ_ITEMS, CJ_NAMES)


def code_in_title_line(broken: bool = False, code: str = "财决05表", after: bool = False) -> list[Block]:
    """一般公共预算财政拨款支出决算表 whose title line starts (with `after`: ends) with the software's table code
    ("财决05表　…"), no code line of its own. Broken: a 项's 项目支出 printed 1.00 higher."""
    lines = coded_lines()
    if broken:
        lines = bumped(lines, [CJ_BROKEN], 2, 1.0)
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    body = [[c or "", n, *(wan0(x) if not c else wan(x) for x in f)] for c, n, f in lines]
    grid = Grid(head + body, [1.2, 3.4, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([CJ_AGENCY, FINAL]),
            Sheet(f"一般公共预算财政拨款支出决算表　　{code}" if after else f"{code}　一般公共预算财政拨款支出决算表", grid,
                  dept=CJ_AGENCY, unit="万元")]


# ---------------------------------------------------------------- function classes named, no codes, indented by level
NC_AGENCY = "遵义市司法局"
NC_NAMES = {"204": "公共安全支出", "20406": "司法", "208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
            "210": "卫生健康支出", "21011": "行政事业单位医疗", "221": "住房保障支出", "22102": "住房改革支出"}
_NC_PARTS = (  # 基本支出, 项目支出
    ("2040601", "行政运行", (905.36, 0.0)), ("2040604", "基层司法业务", (0.0, 132.5)),
    ("2040605", "普法宣传", (0.0, 18.0)), ("2040610", "社区矫正", (0.0, 64.8)), ("2040699", "其他司法支出", (0.0, 9.6)),
    ("2080505", "机关事业单位基本养老保险缴费支出", (101.42, 0.0)), ("2101101", "行政单位医疗", (48.3, 0.0)),
    ("2210201", "住房公积金", (82.77, 0.0)),
)
NC_MEASURES = ("total", "basic", "project")
NC_BROKEN = "2040610"  # its 项目支出 printed 1.00 higher


def named_lines() -> list[Line]:
    return rollup(tuple((c, n, (round(b + p, 6), b, p)) for c, n, (b, p) in _NC_PARTS), NC_NAMES)


def _named_sheet(lines: list[Line], agency: str, indent: str) -> Sheet:
    head = [["功能分类科目名称", "合计", "基本支出", "项目支出"]]
    body = []
    for c, n, f in lines:
        level = 0 if c is None else (len(c) - 1) // 2
        body.append([indent * level + (n if c else "合计"), *(wan0(x) if not c else wan(x) for x in f[:3])])
    grid = Grid(head + body, [3.6, 1.2, 1.2, 1.2], header_rows=1, align=["l", "r", "r", "r"])
    return Sheet("一般公共预算支出预算表", grid, code="预算05表", dept=agency, unit="万元")


def names_without_codes(broken: bool = False, indent: str = "　　") -> list[Block]:
    """一般公共预算支出预算表 whose 功能分类科目名称 column prints names only (no code), each 款 and 项 indented one
    step further (`indent` per level), 合计 first. Broken: a 项's 项目支出 printed 1.00 higher."""
    lines = named_lines()
    if broken:
        lines = bumped(lines, [NC_BROKEN], 2, 1.0)
    return [Cover([NC_AGENCY, BUDGET]), _named_sheet(lines, NC_AGENCY, indent)]


def names_not_known() -> list[Block]:
    """The same layout for a 市场监督管理局 whose 项 (市场主体管理, 药品事务 …) the project's list of the national
    classification does not hold: their codes cannot be told, so the table is not read whole."""
    lines = [(c, n, f[:3]) for c, n, f in prior_lines()]
    return [Cover([PY_AGENCY, BUDGET]), _named_sheet(lines, PY_AGENCY, "　　")]


# ---------------------------------------------------------------- a 序号 column before the codes, 合计 labelled 总计 last
def gpb_serial_numbers(broken: bool = False) -> list[Block]:
    """序号 | 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出: every line numbered 1, 2, 3 … in its own column (an Excel
    list), the 总计 line last and unnumbered. Broken: a 项's 项目支出 printed 1.00 higher."""
    lines = named_lines()
    if broken:
        lines = bumped(lines, [NC_BROKEN], 2, 1.0)
    head = [["序号", "科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    body = [[str(k), c or "", n, *(wan(x) for x in f)] for k, (c, n, f) in enumerate(lines[1:], start=1)]
    body.append(["", "", "总计", *(wan0(x) for x in lines[0][2])])
    grid = Grid(head + body, [0.5, 1.1, 3.4, 1.1, 1.1, 1.1], header_rows=1, align=["c", "l", "l", "r", "r", "r"])
    return [Cover([NC_AGENCY, BUDGET]),
            Sheet("一般公共预算支出预算表", grid, code="预算05表", dept=NC_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 收支总表: 支出 by 基本支出 / 项目支出, not by class
EC_AGENCY = "遵义市文化广电旅游局"
EC_INCOME = (("一、一般公共预算拨款收入", 2140.5), ("二、政府性基金预算拨款收入", 60.0), ("三、事业收入", 35.2),
             ("四、其他收入", 4.8))
EC_USES = (("人员经费", 1320.6), ("公用经费", 168.44), ("项目支出", 751.46))  # 基本支出 = 人员经费 + 公用经费
EC_OPENING = 12.0


def summary_by_use_totals() -> dict[str, float]:
    income = round(sum(x for _l, x in EC_INCOME), 6)
    spent = round(sum(x for _l, x in EC_USES), 6)
    return {"income_total": income, "opening_balance": EC_OPENING, "grand_total": round(income + EC_OPENING, 6),
            "expenditure_total": spent, "closing_balance": round(income + EC_OPENING - spent, 6),
            "grand_total_expenditure": round(income + EC_OPENING, 6), "fiscal_appropriation": EC_INCOME[0][1]}


def summary_by_use(broken: bool = False) -> list[Block]:
    """收入 项目 | 预算数 beside 支出 项目 | 预算数 where the 支出 side lists 一、基本支出 (人员经费, 公用经费) and
    二、项目支出 — the uses of the money — rather than the 功能分类 classes. Broken: 公用经费 printed 1.00 higher (the
    基本支出 line no longer its parts' sum)."""
    t = summary_by_use_totals()
    personnel, public, project = (x for _l, x in EC_USES)
    shown_public = public + (1.0 if broken else 0.0)
    right = [("一、基本支出", personnel + public), ("    人员经费", personnel), ("    公用经费", shown_public),
             ("二、项目支出", project)]
    rows = [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]]
    for k in range(max(len(EC_INCOME), len(right))):
        a, x = EC_INCOME[k] if k < len(EC_INCOME) else ("", 0.0)
        b, y = right[k] if k < len(right) else ("", 0.0)
        rows.append([a, wan(x) if a else "", b, wan(y) if b else ""])
    rows += [["本年收入合计", wan0(t["income_total"]), "本年支出合计", wan0(t["expenditure_total"])],
             ["上年结转", wan0(EC_OPENING), "结转下年", wan0(t["closing_balance"])],
             ["收入总计", wan0(t["grand_total"]), "支出总计", wan0(t["grand_total_expenditure"])]]
    grid = Grid(rows, [3.0, 1.4, 3.0, 1.4], header_rows=2,
                spans=[Span(0, 0, 1, 2, "header"), Span(0, 2, 1, 2, "header")], align=["l", "r", "l", "r"])
    return [Cover([EC_AGENCY, BUDGET]), Sheet("部门收支总表", grid, code="预算01表", dept=EC_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 陕西's 部门综合预算 book: its titles, two 明细表
CB_AGENCY = "宝鸡市司法局"
CB_BOOK = "2025年部门综合预算"
# 经济分类 lines of the 一般公共预算支出明细表（按支出经济分类科目）: code, name, 基本支出, 项目支出 (recognised, not read)
CB_ECONOMIC = (("301", "工资福利支出", 980.2, 0.0), ("30101", "基本工资", 402.6, 0.0), ("30102", "津贴补贴", 577.6, 0.0),
               ("302", "商品和服务支出", 157.65, 224.9), ("30201", "办公费", 157.65, 58.3),
               ("30227", "委托业务费", 0.0, 166.6))
CB_SANGONG = {"total": 14.6, "overseas": 0.0, "vehicle_total": 9.8, "vehicle_purchase": 0.0, "vehicle_operation": 9.8,
              "reception": 4.8}


def comprehensive_budget(broken: bool = False) -> list[Block]:
    """A 部门综合预算 book (陕西): 部门综合预算一般公共预算支出明细表（按支出功能分类科目） and its twin 按支出经济分类科目
    (economic codes 301…, recognised, never read as function lines), 部门综合预算一般公共预算“三公”经费支出情况表 and an
    empty 部门综合预算政府性基金收支表 with its note. Broken: a 项's 项目支出 printed 1.00 higher."""
    lines = named_lines()
    if broken:
        lines = bumped(lines, [NC_BROKEN], 2, 1.0)
    head = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    body = [[c or "", n if c else "合计", *(wan0(x) if not c else wan(x) for x in f)] for c, n, f in lines]
    functional = Grid(head + body, [1.2, 3.4, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
    econ = [["", "合计", wan0(1362.75), wan0(1137.85), wan0(224.9)]]
    econ += [[c, n, wan(b + p), wan(b), wan(p)] for c, n, b, p in CB_ECONOMIC]
    economic = Grid(head + econ, [1.2, 3.4, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
    sg = [["项目", "预算数"]] + [[SG_LABELS[i], wan0(CB_SANGONG[i])] for i in SG_ITEMS]
    fund = _empty_grid(["本年收入", "本年支出合计", "基本支出", "项目支出"], [0.9, 2.6, 1.0, 1.0, 1.0, 1.0], "total")
    return [Cover([CB_AGENCY, CB_BOOK]),
            Sheet("部门综合预算一般公共预算支出明细表（按支出功能分类科目）", functional, code="表5", dept=CB_AGENCY,
                  unit="万元"),
            Sheet("部门综合预算一般公共预算支出明细表（按支出经济分类科目）", economic, code="表6", dept=CB_AGENCY,
                  unit="万元"),
            Sheet("部门综合预算一般公共预算“三公”经费支出情况表", Grid(sg, [3.0, 1.4], header_rows=1, align=["l", "r"]),
                  code="表12", dept=CB_AGENCY, unit="万元"),
            Sheet("部门综合预算政府性基金收支表", fund, code="表9", dept=CB_AGENCY, unit="万元",
                  notes=["注：本部门2025年无政府性基金预算收支，故本表为空表。"])]


# ---------------------------------------------------------------- one 总表 drawn as two grids side by side
def summary_halves_apart(broken: bool = False, by_rows: bool = True) -> list[Block]:
    """收入支出决算总表 whose 收入 and 支出 halves are two ruled grids side by side under one title (an Excel sheet with
    an unruled column between them), the text written line by line across both. Broken: a class printed 1.00 higher."""
    income, expenditure = fourth._tails()
    left = [["收入", ""], ["项目", "决算数"]] + [[a, fourth._wan(x) if x else ""] for a, x in fourth.SB_INCOME]
    left += [list(r) for r in income]
    right = [["支出", ""], ["项目", "决算数"]] + [list(r) for r in fourth._classes(broken) + expenditure]
    spans = [Span(0, 0, 1, 2, "header")]
    halves = [Sheet("", Grid(rows, [2.6, 1.2], header_rows=2, spans=spans, align=["l", "r"]), dept=None, unit=None)
              for rows in (left, right)]
    halves[0] = replace(halves[0], dept=fourth.SB_AGENCY, code="公开01表")
    halves[1] = replace(halves[1], unit="万元")
    return [Cover([fourth.SB_AGENCY, "2023年度部门决算"]),
            Pair(halves[0], halves[1], landscape=False, by_rows=by_rows, title="收入支出决算总表")]


# ---------------------------------------------------------------- 三公: 接待 before 车辆, 接待 broken down
SO_AGENCY = "遵义市外事办公室"
# item → (预算数, 决算数)
SO_SANGONG: dict[str, tuple[float, float]] = {
    "total": (48.0, 41.27), "overseas": (20.0, 18.6), "reception": (12.0, 8.37), "vehicle_total": (16.0, 14.3),
    "vehicle_purchase": (0.0, 0.0), "vehicle_operation": (16.0, 14.3)}
SO_RECEPTION_PARTS = ((7.0, 4.12), (5.0, 4.25))  # 国内公务接待费, 外事接待费 (预算数, 决算数)


def _so_figures(broken: bool) -> dict[str, tuple[float, float]]:
    """Broken: the 公务用车运行费 决算数 printed 0.70 higher (小计 and 合计 no longer close)."""
    out = dict(SO_SANGONG)
    if broken:
        out["vehicle_operation"] = (out["vehicle_operation"][0], round(out["vehicle_operation"][1] + 0.7, 2))
    return out


def sangong_reception_before_vehicles(broken: bool = False) -> list[Block]:
    """Items as columns in 北京's order — 合计 | 因公出国（境）费 | 公务接待费 | 公务用车购置及运行费 (小计 | 购置费 |
    运行费) — and 预算数 / 决算数 as lines."""
    f = _so_figures(broken)
    order = ("total", "overseas", "reception", "vehicle_total", "vehicle_purchase", "vehicle_operation")
    rows = [["项目", "合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行费", "", ""],
            ["", "", "", "", "小计", "公务用车购置费", "公务用车运行费"]]
    rows += [[label, *(wan0(f[i][k]) for i in order)] for k, label in enumerate(("预算数", "决算数"))]
    spans = [Span(0, j, 2, 1, "header") for j in range(4)] + [Span(0, 4, 1, 3, "header")]
    grid = Grid(rows, [1.0, 1.0, 1.2, 1.0, 1.0, 1.2, 1.2], header_rows=2, spans=spans, align=["l"] + ["r"] * 6)
    return [Cover([SO_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=SO_AGENCY, unit="万元", landscape=True)]


def sangong_reception_parts(broken: bool = False) -> list[Block]:
    """Items as lines, 公务接待费 followed by its 其中：国内公务接待费 and 外事接待费 lines (not 三公 items of their own)."""
    f = _so_figures(broken)
    rows = [["项目", "预算数", "决算数"], ["合计", *(wan0(x) for x in f["total"])],
            ["1.因公出国（境）费", *(wan0(x) for x in f["overseas"])],
            ["2.公务用车购置及运行费", *(wan0(x) for x in f["vehicle_total"])],
            ["其中：公务用车购置费", *(wan0(x) for x in f["vehicle_purchase"])],
            ["      公务用车运行费", *(wan0(x) for x in f["vehicle_operation"])],
            ["3.公务接待费", *(wan0(x) for x in f["reception"])],
            ["其中：国内公务接待费", *(wan0(x) for x in SO_RECEPTION_PARTS[0])],
            ["      外事接待费", *(wan0(x) for x in SO_RECEPTION_PARTS[1])]]
    grid = Grid(rows, [3.0, 1.3, 1.3], header_rows=1, align=["l", "r", "r"])
    return [Cover([SO_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=SO_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 经济分类 names only; 三公 with 年初 and 全年 budgets
def basic_names_only() -> list[Block]:
    """一般公共预算基本支出预算表 of 部门预算支出经济分类科目 names only (no code), 款 indented, 合计 | 人员经费 | 公用经费:
    the project holds no list of the 经济分类 款 names, so these lines cannot be coded (a reading limit, said so)."""
    econ = [("301", "工资福利支出", 980.2), ("30101", "基本工资", 402.6), ("30102", "津贴补贴", 577.6),
            ("302", "商品和服务支出", 157.65), ("30201", "办公费", 99.35), ("30211", "差旅费", 58.3)]
    rows = [["部门预算支出经济分类科目", "合计", "人员经费", "公用经费"],
            ["合计", wan0(1137.85), wan0(980.2), wan0(157.65)]]
    for c, n, x in econ:
        pers = c.startswith("301")
        rows.append([("　　" if len(c) == 5 else "") + n, wan(x), wan(x) if pers else "", "" if pers else wan(x)])
    grid = Grid(rows, [3.4, 1.2, 1.2, 1.2], header_rows=1, align=["l", "r", "r", "r"])
    return [Cover([NC_AGENCY, BUDGET]), Sheet("一般公共预算基本支出预算表", grid, code="预算06表", dept=NC_AGENCY,
                                              unit="万元")]


SO_INITIAL_CUT = {"total": 2.0, "overseas": 2.0}  # 年初预算数 below the 全年预算数 (the budget read) by this much


def sangong_stage_rows_three(broken: bool = False) -> list[Block]:
    """Items as columns, lines 年初预算数 / 全年预算数 / 决算数: the 全年预算数 is the budget read (as in the columns
    layout of samplegen.variants_sixth). Broken: the 接待费 决算数 printed 0.50 higher."""
    f = dict(SO_SANGONG)
    if broken:
        f["reception"] = (f["reception"][0], round(f["reception"][1] + 0.5, 2))
    initial = {k: v[0] - SO_INITIAL_CUT.get(k, 0.0) for k, v in f.items()}
    order = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
    rows = [["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "", "小计", "公务用车购置费", "公务用车运行费", ""]]
    rows.append(["年初预算数", *(wan0(initial[i]) for i in order)])
    rows += [[label, *(wan0(f[i][k]) for i in order)] for k, label in enumerate(("全年预算数", "决算数"))]
    spans = [Span(0, j, 2, 1, "header") for j in (0, 1, 2, 6)] + [Span(0, 3, 1, 3, "header")]
    grid = Grid(rows, [1.2, 1.0, 1.2, 1.0, 1.2, 1.2, 1.0], header_rows=2, spans=spans, align=["l"] + ["r"] * 6)
    return [Cover([SO_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=SO_AGENCY, unit="万元", landscape=True)]


VARIANTS: dict[str, Variant] = {
    "sangong_beside_gov_fund.pdf": Variant(sangong_beside_gov_fund, FINAL, renderer=PairRenderer),
    "sangong_beside_gov_fund_by_rows.pdf": Variant(partial(sangong_beside_gov_fund, by_rows=True), FINAL,
                                                   renderer=PairRenderer),
    "empty_side_by_side.pdf": Variant(empty_side_by_side, FINAL, renderer=PairRenderer),
    "empty_side_by_side_by_rows.pdf": Variant(partial(empty_side_by_side, by_rows=True), FINAL, renderer=PairRenderer),
    "empty_wu_cells.pdf": Variant(empty_wu_rows, FINAL),
    "empty_wu_merged.pdf": Variant(partial(empty_wu_rows, wu="merged"), FINAL),
    "empty_wu_name.pdf": Variant(partial(empty_wu_rows, wu="name"), FINAL),
    "empty_wu_no_note.pdf": Variant(partial(empty_wu_rows, notes=False), FINAL),
    "gpb_page_footer.pdf": Variant(gpb_page_footer, FINAL, renderer=FooterRenderer),
    "gpb_page_footer_title_again.pdf": Variant(partial(gpb_page_footer, title_again=True), FINAL, STYLE_OTHER,
                                               renderer=FooterRenderer),
    "gpb_this_year_first.pdf": Variant(gpb_this_year_first, BUDGET),
    "sangong_this_and_last_year.pdf": Variant(sangong_this_and_last_year, BUDGET),
    "code_caijue_in_title.pdf": Variant(code_in_title_line, FINAL),
    "code_dept_public_in_title.pdf": Variant(partial(code_in_title_line, code="部门公开表05"), FINAL),
    "names_without_codes.pdf": Variant(names_without_codes, BUDGET),
    "names_without_codes_spaces.pdf": Variant(partial(names_without_codes, indent="  "), BUDGET, STYLE_OTHER),
    "names_not_known.pdf": Variant(names_not_known, BUDGET, breakable=False),
    "gpb_serial_numbers.pdf": Variant(gpb_serial_numbers, BUDGET),
    "summary_by_use.pdf": Variant(summary_by_use, BUDGET),
    "comprehensive_budget.pdf": Variant(comprehensive_budget, CB_BOOK),
    "summary_halves_apart.pdf": Variant(summary_halves_apart, "2023年度部门决算", renderer=PairRenderer),
    "summary_halves_apart_by_table.pdf": Variant(partial(summary_halves_apart, by_rows=False), "2023年度部门决算",
                                                 STYLE_OTHER, renderer=PairRenderer),
    "sangong_reception_before_vehicles.pdf": Variant(sangong_reception_before_vehicles, FINAL),
    "sangong_reception_parts.pdf": Variant(sangong_reception_parts, FINAL),
    "basic_names_only.pdf": Variant(basic_names_only, BUDGET, breakable=False),
    "sangong_stage_rows_three.pdf": Variant(sangong_stage_rows_three, FINAL),
    "code_caijue_after_title.pdf": Variant(partial(code_in_title_line, code="财决07表", after=True), FINAL),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_ninth"), broken=True).values():
        print(path)
