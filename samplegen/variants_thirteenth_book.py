"""A whole 部门决算 of the thirteenth round (samplegen/variants_thirteenth.py holds the catalogue): 广东's county book,
its 目录 listing nine tables, each title numbered in front (表1：收入支出决算总表 … 表9：…“三公”经费支出决算表), one set of
figures across all of them (the 总表's classes are the 支出表's, its 本年收入 the 收入表's, the 基本支出 table's total
the 一般公共预算 table's 基本支出, the 三公 vehicle figure the 公务用车运行维护费 line), the 政府性基金 and 国有资本经营
tables empty under their notes. Drawn whole (no rule has anything to say) and `broken` (a 项目支出 printed 1.00 higher
in the 支出决算表)."""

from __future__ import annotations

from .layout import Block, Cover, Grid, Span, Toc
from .sheets import Sheet
from .variants_sixth import Line, bumped, fund_final_grid

AGENCY = "韶关市乳源瑶族自治县市场监督管理局"
FINAL = "2024年度部门决算"
# economic lines of the 基本支出: 类 then its 款, 万元 (the classes' sum is the 支出表's 基本支出 合计)
ECONOMIC = (("301", "工资福利支出", 1560.2), ("30101", "基本工资", 620.4), ("30102", "津贴补贴", 530.1),
            ("30108", "机关事业单位基本养老保险缴费", 205.7), ("30113", "住房公积金", 204.0),
            ("302", "商品和服务支出", 210.49), ("30201", "办公费", 80.0), ("30211", "差旅费", 30.49),
            ("30228", "工会经费", 80.0), ("30231", "公务用车运行维护费", 20.0),
            ("303", "对个人和家庭的补助", 82.4), ("30302", "退休费", 82.4))
PERSONNEL = ("301", "303")
# 三公 (预算数, 决算数), 万元: only the cars' running costs, the 30231 line's figure
SANGONG = {"total": (25.0, 20.0), "overseas": (0.0, 0.0), "vehicle_total": (25.0, 20.0),
           "vehicle_purchase": (0.0, 0.0), "vehicle_operation": (25.0, 20.0), "reception": (0.0, 0.0)}
TITLES = ("收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
          "一般公共预算财政拨款基本支出决算表", "政府性基金预算财政拨款收入支出决算表",
          "国有资本经营预算财政拨款支出决算表", "一般公共预算财政拨款“三公”经费支出决算表")
NOTES = ("注：本单位2024年度无政府性基金预算财政拨款收入、支出及结转结余，故本表为空表。",
         "注：本单位2024年度无国有资本经营预算财政拨款支出，故本表为空表。")


def _w(x: float) -> str:
    return f"{x:,.2f}" if x else ""


def _w0(x: float) -> str:
    return f"{x:,.2f}"


def _rows(lines: list[Line]) -> list[list[str]]:
    return [[c or "", n if c else "合计", *((_w(x) if c else _w0(x)) for x in f)] for c, n, f in lines]


def _classes(lines: list[Line]) -> list[tuple[str, float]]:
    return [(n, f[0]) for c, n, f in lines if c and len(c) == 3]


def _summary(lines: list[Line], fiscal: bool) -> Grid:
    """The 总表 (or the 财政拨款 总表): income lines beside the classes, 本年 totals, balances, 总计 (行次 columns)."""
    total = lines[0][2][0]
    if fiscal:
        income = [("一、一般公共预算财政拨款", total), ("二、政府性基金预算财政拨款", 0.0),
                  ("三、国有资本经营预算财政拨款", 0.0)]
    else:
        income = [("一、一般公共预算财政拨款收入", total), ("二、政府性基金预算财政拨款收入", 0.0),
                  ("三、国有资本经营预算财政拨款收入", 0.0), ("四、上级补助收入", 0.0), ("五、事业收入", 0.0),
                  ("六、经营收入", 0.0), ("七、附属单位上缴收入", 0.0), ("八、其他收入", 0.0)]
    numerals = "一二三四五六七八九"
    right = [(f"{numerals[k]}、{n}", x) for k, (n, x) in enumerate(_classes(lines))]
    n = max(len(income), len(right))
    income += [("", 0.0)] * (n - len(income))
    right += [("", 0.0)] * (n - len(right))
    rows = [["收入", "", "", "支出", "", ""], ["项目", "行次", "金额", "项目", "行次", "金额"]]
    rows += [[a, str(k) if a else "", _w(x) if a else "", b, str(k + 30) if b else "", _w(y) if b else ""]
             for k, ((a, x), (b, y)) in enumerate(zip(income, right, strict=True), start=1)]
    rows += [["本年收入合计", str(n + 1), _w0(total), "本年支出合计", str(n + 31), _w0(total)],
             ["年初结转和结余", str(n + 2), "", "年末结转和结余", str(n + 32), ""],
             ["总计", str(n + 3), _w0(total), "总计", str(n + 33), _w0(total)]]
    return Grid(rows, [3.0, 0.6, 1.3, 3.0, 0.6, 1.3], header_rows=2,
                spans=[Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 3, "header")], align=["l", "c", "r", "l", "c", "r"])


def _economic_grid() -> Grid:
    personnel = round(sum(x for c, _n, x in ECONOMIC if c in PERSONNEL), 6)
    public = round(sum(x for c, _n, x in ECONOMIC if c == "302"), 6)
    rows = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
            ["", "合计", _w0(personnel + public), _w0(personnel), _w0(public)]]
    for c, n, x in ECONOMIC:
        own = c[:3] in PERSONNEL
        rows.append([c, n, _w(x), _w(x) if own else "", "" if own else _w(x)])
    return Grid(rows, [1.1, 3.2, 1.3, 1.3, 1.3], header_rows=1, align=["l", "l", "r", "r", "r"])


def _sangong_grid() -> Grid:
    items = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
    rows = [["项目", "合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费"],
            ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费", ""]]
    rows += [[stage, *(_w0(SANGONG[i][k]) for i in items)] for k, stage in enumerate(("预算数", "决算数"))]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 2, 1, "header"),
             Span(0, 3, 1, 3, "header"), Span(0, 6, 2, 1, "header")]
    return Grid(rows, [1.0, 1.1, 1.3, 1.1, 1.3, 1.4, 1.1], header_rows=2, spans=spans, align=["l"] + ["r"] * 6)


def guangdong_book(lines: list[Line], spoilt: str, broken: bool = False) -> list[Block]:
    """The nine tables under a 目录, titles numbered 表1： … 表9：, figures agreeing across tables (`spoilt`: the line
    whose 项目支出 the broken copy prints 1.00 higher in the 支出决算表)."""
    spent = bumped(lines, [spoilt], 2, 1.0) if broken else lines
    code_head = ["科目编码", "科目名称"]
    income = Grid([code_head + ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                                "附属单位上缴收入", "其他收入"]]
                  + _rows([(c, n, (f[0], f[0], 0.0, 0.0, 0.0, 0.0, 0.0)) for c, n, f in lines]),
                  [1.0, 2.6] + [1.0] * 7, header_rows=1, align=["l", "l"] + ["r"] * 7)
    expenditure = Grid([code_head + ["合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]]
                       + _rows([(c, n, (*f, 0.0, 0.0, 0.0)) for c, n, f in spent]),
                       [1.0, 2.8] + [1.1] * 6, header_rows=1, align=["l", "l"] + ["r"] * 6)
    gpb = Grid([code_head + ["合计", "基本支出", "项目支出"]] + _rows(lines), [1.1, 3.2, 1.3, 1.3, 1.3],
               header_rows=1, align=["l", "l", "r", "r", "r"])
    fund = fund_final_grid([["", "合计", "", "", "", "", "", ""]])
    soe = Grid([code_head + ["合计", "基本支出", "项目支出"], ["", "合计", "", "", ""]], [1.1, 3.2, 1.3, 1.3, 1.3],
               header_rows=1, align=["l", "l", "r", "r", "r"])
    grids = (_summary(lines, False), income, expenditure, _summary(lines, True), gpb, _economic_grid(), fund, soe,
             _sangong_grid())
    sheets = [Sheet(f"表{k}：{title}", grid, dept=AGENCY, unit="万元", landscape=k in (2, 3, 7),
                    notes=[NOTES[0]] if k == 7 else [NOTES[1]] if k == 8 else [])
              for k, (title, grid) in enumerate(zip(TITLES, grids, strict=True), start=1)]
    toc = Toc([(1, "第一部分 部门概况"), (1, "第二部分 2024年度部门决算表")]
              + [(2, f"表{k}：{t}") for k, t in enumerate(TITLES, start=1)])
    return [Cover([AGENCY, FINAL]), toc, *sheets]
