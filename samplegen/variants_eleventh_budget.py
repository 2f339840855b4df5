"""Budget-side layouts of the eleventh round (samplegen/variants_eleventh.py holds the catalogue): a 三公 budget in 元
whose lines go on with 二、相关统计数 counts; 河北's …情况表 titles, one table in 千元; 功能分类 names numbered by level, or
项 names with no 类 above them; 云南's tables of projects after the 支出表; a 基本支出表 printed by 功能分类 lines."""

from __future__ import annotations

from dataclasses import replace

from . import variants_ninth as ninth
from . import variants_seventh as seventh
from .layout import Block, Cover, Grid, Span
from .sheets import Sheet
from .variants_sixth import Line, bumped, rollup

BUDGET = "2025年部门预算"
wan, wan0 = ninth.wan, ninth.wan0


def line_rows(lines: list[Line]) -> list[list[str]]:
    """Coded lines as printed: 科目编码 | 科目名称 | figures, 合计 first (its zeros printed 0.00, the others' blank)."""
    return [[c or "", n if c else "合计", *(wan(x) if c else wan0(x) for x in f)] for c, n, f in lines]


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
    gpb = Grid(head + line_rows(lines), [1.1, 3.2, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
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


def gpb_item_names_only() -> list[Block]:
    """科目名称 | 合计 | 基本支出 | 项目支出 of 项 names only, no 类 or 款 line (行政运行, 预算改革业务 …): names no list codes
    without the 款 above them."""
    lines = [x for x in hn_lines() if x[0] is None or len(x[0]) == 7]
    rows = [["科目名称", "合计", "基本支出", "项目支出"]]
    rows += [[n if c else "合计", *(wan(x) if c else wan0(x) for x in f)] for c, n, f in lines]
    grid = Grid(rows, [3.8, 1.2, 1.2, 1.2], header_rows=1, align=["l", "r", "r", "r"])
    agency = "邢台市信都区审计局"
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
    grid = Grid(head + line_rows(lines), [1.1, 3.2, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([BF_AGENCY, BUDGET]), Sheet("一般公共预算基本支出表", grid, code="表六", dept=BF_AGENCY, unit="万元")]
