"""The figures and print habits the thirteenth round's 三公 layouts share (samplegen/variants_sangong_thirteenth.py holds
the catalogue), and some of its layouts: the 政府性基金 三公 table after the 一般公共预算 one (its fund in the title, or
in brackets after it); one line per 单位 of a 部门 under (or over) its 合计 line, or none, and a 决算 of 单位 lines under
预算数 | 决算数 blocks; a 预算执行情况表; a 三公 section inside the 基本支出 table; year groups over stage words; items as
columns with the 决算数 line alone on the next page."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .layout import Block, Cover, Grid, Span
from .sheets import Sheet

FINAL = "2024年度部门决算"
BUDGET = "2025年部门预算"
ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
Figures = dict[str, tuple[float, float]]  # item → (预算数, 决算数) in 万元; a budget's second figure unused


def wan(x: float) -> str:
    """An amount in 万元 as printed, zero as 0.00."""
    return f"{x:,.2f}"


def yuan(x: float) -> str:
    """An amount in 万元 printed in 元, thousands separated."""
    return f"{x * 10000:,.2f}"


def closed(overseas: tuple[float, float], purchase: tuple[float, float], operation: tuple[float, float],
           reception: tuple[float, float]) -> Figures:
    """Figures whose 小计 and 合计 close (合计 = 出国 + 小计 + 接待: the 公务用车 counted once)."""
    vehicle = (round(purchase[0] + operation[0], 2), round(purchase[1] + operation[1], 2))
    total = (round(overseas[0] + vehicle[0] + reception[0], 2), round(overseas[1] + vehicle[1] + reception[1], 2))
    out = {"total": total, "overseas": overseas, "vehicle_total": vehicle, "vehicle_purchase": purchase,
           "vehicle_operation": operation, "reception": reception}
    return out


def bump(f: Figures, item: str, stage: int, by: float) -> Figures:
    """`f` with one figure printed `by` higher."""
    pair = list(f[item])
    pair[stage] = round(pair[stage] + by, 2)
    return {**f, item: (pair[0], pair[1])}


@dataclass(frozen=True)
class Plant:
    """The defect planted in a broken copy: the rule that must raise it and its evidence (key → value)."""

    rule: str
    evidence: tuple[tuple[str, float | str], ...]


LABELS = {"total": "合计", "overseas": "1.因公出国（境）费", "vehicle_total": "2.公务用车购置及运行费",
          "vehicle_purchase": "其中：（1）公务用车购置费", "vehicle_operation": "（2）公务用车运行费",
          "reception": "3.公务接待费"}


# ---------------------------------------------------------------- the 政府性基金 三公 table after the 一般公共预算 one
GF_AGENCY = "衡阳市珠晖区住房和城乡建设局"
GF = closed((1.5, 1.2), (0.0, 0.0), (5.0, 4.66), (2.5, 2.04))
GF_FUND = closed((0.0, 0.0), (0.0, 0.0), (3.0, 2.7), (1.0, 0.85))  # paid from 政府性基金: not the 三公 table's


GF_TITLES = ("一般公共预算财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款“三公”经费支出决算表")
# the fund named after the title, in brackets
GF_QUALIFIED = ("“三公”经费支出决算表（一般公共预算财政拨款）", "“三公”经费支出决算表（政府性基金预算财政拨款）")


def with_gov_fund(broken: bool = False, titles: tuple[str, str] = GF_TITLES) -> list[Block]:
    """The 一般公共预算财政拨款“三公”经费支出决算表 (items as lines, 预算数 | 决算数), then the 政府性基金预算财政拨款
    “三公”经费支出决算表 of the same form with figures of its own (`titles`: as printed). Broken: the first table's 接待
    决算 0.40 higher."""
    f = bump(GF, "reception", 1, 0.4) if broken else GF

    def grid(g: Figures) -> Grid:
        rows = [["项目", "预算数", "决算数"]] + [[LABELS[i], wan(g[i][0]), wan(g[i][1])] for i in ITEMS]
        return Grid(rows, [3.0, 1.3, 1.3], header_rows=1, align=["l", "r", "r"])

    return [Cover([GF_AGENCY, FINAL]),
            Sheet(titles[0], grid(f), code="公开09表", dept=GF_AGENCY, unit="万元"),
            Sheet(titles[1], grid(GF_FUND), code="公开10表", dept=GF_AGENCY, unit="万元")]


# ---------------------------------------------------------------- one line per 单位 under the 部门's 合计 line
UN_AGENCY = "岳阳市君山区财政局"
UN_UNITS = (("岳阳市君山区财政局（本级）", closed((2.0, 0.0), (0.0, 0.0), (4.2, 0.0), (1.8, 0.0))),
            ("岳阳市君山区财政预算评审中心", closed((0.0, 0.0), (0.0, 0.0), (3.6, 0.0), (0.9, 0.0))),
            ("岳阳市君山区国库集中支付中心", closed((0.0, 0.0), (22.0, 0.0), (6.4, 0.0), (2.6, 0.0))))
UN = {i: (round(sum(f[i][0] for _n, f in UN_UNITS), 2), 0.0) for i in ITEMS}


def units_rows(broken: bool = False, total_last: bool = False) -> list[Block]:
    """A budget: 单位名称 | 合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费, the 部门's
    合计 line first (or last), then one line per 单位. Broken: the 合计 line's 合计 printed 2.37 higher."""
    total = bump(UN, "total", 0, 2.37) if broken else UN
    rows = [["单位名称", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "", "小计", "购置费", "运行费", ""]]
    body = [[name, *(wan(f[i][0]) for i in ITEMS)] for name, f in UN_UNITS]
    line = ["合计", *(wan(total[i][0]) for i in ITEMS)]
    rows += body + [line] if total_last else [line] + body
    spans = [Span(0, j, 2, 1, "header") for j in (0, 1, 2, 6)] + [Span(0, 3, 1, 3, "header")]
    grid = Grid(rows, [3.2, 1.0, 1.2, 1.0, 1.0, 1.0, 1.0], header_rows=2, spans=spans, align=["l"] + ["r"] * 6)
    return [Cover([UN_AGENCY, BUDGET]),
            Sheet("“三公”经费支出预算表", grid, code="公开08表", dept=UN_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- titled as a 预算执行情况表, 预算数 | 执行数 columns
EX_AGENCY = "株洲市芦淞区市场监督管理局"
EX = closed((3.0, 2.2), (0.0, 0.0), (7.5, 7.02), (4.0, 3.31))


def execution_titled(broken: bool = False) -> list[Block]:
    """“三公”经费预算执行情况表: items as lines, 全年预算数 | 执行数 | 执行率. Broken: 出国 执行数 over its budget (3.40
    for 3.00, the 合计 raised with it)."""
    f = bump(bump(EX, "overseas", 1, 1.2), "total", 1, 1.2) if broken else EX
    rows = [["项目", "全年预算数", "执行数", "执行率"]]
    rows += [[LABELS[i], wan(f[i][0]), wan(f[i][1]), f"{f[i][1] / f[i][0] * 100:.2f}%" if f[i][0] else ""]
             for i in ITEMS]
    grid = Grid(rows, [3.0, 1.3, 1.3, 1.0], header_rows=1, align=["l", "r", "r", "r"])
    return [Cover([EX_AGENCY, FINAL]),
            Sheet("“三公”经费预算执行情况表", grid, code="公开09表", dept=EX_AGENCY, unit="万元")]



# ---------------------------------------------------------------- 三公 lines under the 基本支出 table's 经济分类 lines
BS_AGENCY = "郴州市北湖区司法局"
BS_ECON = (("301", "工资福利支出", 412.6, 0.0), ("30101", "基本工资", 248.3, 0.0), ("30102", "津贴补贴", 164.3, 0.0),
           ("302", "商品和服务支出", 0.0, 58.42), ("30201", "办公费", 0.0, 41.2), ("30217", "公务接待费", 0.0, 3.42),
           ("30231", "公务用车运行维护费", 0.0, 13.8))
BS = closed((0.0, 0.0), (0.0, 0.0), (13.8, 0.0), (3.42, 0.0))


def basic_with_sangong(broken: bool = False) -> list[Block]:
    """A budget's 一般公共预算基本支出表 (科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费) whose grid goes on, under the
    经济分类 lines and their 合计, with a “三公”经费 section: its lines named, no code, the figure in the 合计 column."""
    f = bump(BS, "total", 0, 0.6) if broken else BS
    rows = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
            ["", "合计", wan(471.02), wan(412.6), wan(58.42)]]
    rows += [[c, ("" if len(c) == 3 else "　　") + n, wan(p + q), wan(p) if p else "", wan(q) if q else ""]
             for c, n, p, q in BS_ECON]
    rows.append(["", "“三公”经费支出", "", "", ""])
    rows += [["", {"total": "“三公”经费合计"}.get(i, LABELS[i]), wan(f[i][0]), "", ""] for i in ITEMS]
    grid = Grid(rows, [1.0, 3.2, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([BS_AGENCY, BUDGET]),
            Sheet("一般公共预算基本支出表", grid, code="公开06表", dept=BS_AGENCY, unit="万元")]




def units_no_total() -> list[Block]:
    """The 单位 lines of `units_rows` with no 合计 line: which line is the 部门's is not printed."""
    blocks = units_rows()
    sheet = blocks[1]
    assert isinstance(sheet, Sheet)
    grid = replace(sheet.grid, rows=[r for r in sheet.grid.rows if r[0] != "合计"])
    return [blocks[0], replace(sheet, grid=grid)]


def units_off(broken: bool = False) -> list[Block]:
    """`units_rows` whose 合计 line's 公务接待费 (and 合计, so the line closes) is 0.50 above its 单位 lines' sum: the
    units do not add up (no rule judges that; the table reads `partial`). Not breakable."""
    blocks = units_rows()
    sheet = blocks[1]
    assert isinstance(sheet, Sheet)
    rows = [list(r) for r in sheet.grid.rows]
    line = next(r for r in rows if r[0] == "合计")
    line[1], line[6] = wan(UN["total"][0] + 0.5), wan(UN["reception"][0] + 0.5)
    return [blocks[0], replace(sheet, grid=replace(sheet.grid, rows=rows))]


# ---------------------------------------------------------------- items as lines under year groups of stage words
YG_AGENCY = "岳阳市云溪区民政局"
YG = closed((0.0, 0.0), (0.0, 0.0), (9.5, 0.0), (3.1, 0.0))  # 2025年预算数
YG_LAST = closed((1.0, 0.0), (0.0, 0.0), (10.2, 0.0), (3.6, 0.0))  # 2024年预算数


def year_groups(broken: bool = False) -> list[Block]:
    """A budget: items as lines under 2024年 | 2025年 | 增减变化 over 预算数 | 预算数 | 金额 · 比例: the year is a row of
    its own above the stage word. Broken: the 2025 运行费 printed 0.40 higher (小计 no longer its sum)."""
    f = bump(YG, "vehicle_operation", 0, 0.4) if broken else YG
    rows = [["项目", "2024年", "2025年", "增减变化", ""], ["", "预算数", "预算数", "金额", "比例（%）"]]
    for item in ITEMS:
        last, now = YG_LAST[item][0], f[item][0]
        rows.append([LABELS[item], wan(last), wan(now), wan(round(now - last, 2)),
                     f"{(now - last) / last * 100:.2f}" if last else ""])
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 3, 1, 2, "header")]
    grid = Grid(rows, [3.0, 1.2, 1.2, 1.1, 1.0], header_rows=2, spans=spans, align=["l", "r", "r", "r", "r"])
    return [Cover([YG_AGENCY, BUDGET]),
            Sheet("一般公共预算“三公”经费支出预算表", grid, code="公开08表", dept=YG_AGENCY, unit="万元")]


# ---------------------------------------------------------------- items as columns, its 决算数 line on the next page
SL_AGENCY = "益阳市资阳区司法局"
SL = closed((1.2, 0.86), (0.0, 0.0), (6.0, 5.73), (2.8, 2.42))


def stage_lines_split(broken: bool = False) -> list[Block]:
    """Items as columns (合计 | 出国 | 公务用车 小计 · 购置费 · 运行费 | 接待) over lines 预算数 and 决算数, the 决算数 line
    on the next page with no header. Broken: the 决算 合计 printed 0.30 lower."""
    f = bump(SL, "total", 1, -0.3) if broken else SL
    rows = [["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "", "小计", "购置费", "运行费", ""],
            ["预算数", *(wan(f[i][0]) for i in ITEMS)], ["决算数", *(wan(f[i][1]) for i in ITEMS)]]
    spans = [Span(0, j, 2, 1, "header") for j in (0, 1, 2, 6)] + [Span(0, 3, 1, 3, "header")]
    grid = Grid(rows, [1.2, 1.0, 1.2, 1.0, 1.0, 1.0, 1.0], header_rows=2, spans=spans, align=["l"] + ["r"] * 6)
    return [Cover([SL_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=SL_AGENCY, unit="万元", page_rows=[1, 1],
                  repeat_header=False)]


# ---------------------------------------------------------------- a 决算 of 单位 lines under 预算数 | 决算数 blocks
UF_AGENCY = "衡阳市南岳区文化旅游广电体育局"
UF_UNITS = (("衡阳市南岳区文化旅游广电体育局本级", closed((3.0, 2.7), (0.0, 0.0), (5.0, 4.62), (2.0, 1.83))),
            ("衡阳市南岳区图书馆", closed((0.0, 0.0), (0.0, 0.0), (1.5, 1.21), (0.5, 0.32))),
            ("衡阳市南岳区文物管理所", closed((0.0, 0.0), (0.0, 0.0), (2.0, 1.96), (0.8, 0.77))))
UF: Figures = {i: (round(sum(f[i][0] for _n, f in UF_UNITS), 2), round(sum(f[i][1] for _n, f in UF_UNITS), 2))
               for i in ITEMS}


def units_final_blocks(broken: bool = False) -> list[Block]:
    """单位名称 | 预算数 (six items) | 决算数 (six items), the 部门's 合计 line first, then its 单位. Broken: the 合计 line's
    接待 决算 printed 0.45 lower (neither its line nor its column closes)."""
    total = bump(UF, "reception", 1, -0.45) if broken else UF
    items = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
    subs = ["", "", "小计", "购置费", "运行费", ""]
    rows = [["单位名称", "预算数", "", "", "", "", "", "决算数", "", "", "", "", ""], ["", *items, *items],
            ["", *subs, *subs]]
    for name, f in (("合计", total), *UF_UNITS):
        rows.append([name, *(wan(f[i][0]) for i in ITEMS), *(wan(f[i][1]) for i in ITEMS)])
    spans = [Span(0, 0, 3, 1, "header"), Span(0, 1, 1, 6, "header"), Span(0, 7, 1, 6, "header")]
    for base in (1, 7):
        spans += [Span(1, base, 2, 1, "header"), Span(1, base + 1, 2, 1, "header"), Span(1, base + 2, 1, 3, "header"),
                  Span(1, base + 5, 2, 1, "header")]
    grid = Grid(rows, [2.6] + [0.8] * 12, header_rows=3, spans=spans, align=["l"] + ["r"] * 12)
    return [Cover([UF_AGENCY, FINAL]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=UF_AGENCY, unit="万元", landscape=True,
                  size_scale=0.8)]
