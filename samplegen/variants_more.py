"""More layout variants, as other offices print them: transposed 三公, 行次 总表, split codes, long tables.

Each variant is a small PDF drawn with the shared layout helpers plus a few print habits
the shared renderer has no switch for (no ruling lines, header rows not repeated on the
next page, the title as the first row of the ruled grid or in the page header region,
单位 printed under the table). The figures each prints are kept beside it as plain
data, so a test can check that the ingest reads every one back.
`python -m samplegen.variants_more DIR` writes them into DIR.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from . import sheets
from .forms import selfeval_grid
from .layout import Block, Cover, Grid, Para, Span
from .sheets import Sheet, Variant
from .styles import STYLE_A, STYLE_B

STYLE = replace(STYLE_A, name="variant-more", repeat_title=False, seed_breaks=True)
# the other house style: landscape, another font, every header cell its own box, thick outer border
STYLE_OTHER = replace(STYLE_B, name="variant-more-b", seed_breaks=True)


def _yuan(wan: float) -> str:
    """万元 → 元 as printed, with thousands separators; negatives in parentheses."""
    text = f"{abs(wan) * 10000:,.2f}"
    return f"({text})" if wan < 0 else text


def _wan(x: float) -> str:
    return f"{x:,.2f}"


# ---------------------------------------------------------------- 三公 transposed: items as rows

TR_AGENCY = "九江市生态环境局"
# item → (预算数, 决算数) in 万元
TR_SANGONG = {"total": (18.60, 15.33), "overseas": (0.0, 0.0), "vehicle_total": (12.00, 10.41),
              "vehicle_purchase": (0.0, 0.0), "vehicle_operation": (12.00, 10.41), "reception": (6.60, 4.92)}


def sangong_transposed() -> list[Block]:
    """三公 items as rows (合计, 1. 出国, 2. 公务用车 over 小计/购置/运行, 3. 接待), 预算数 | 决算数 as columns."""
    s = TR_SANGONG

    def fig(item: str) -> list[str]:
        return [_wan(s[item][0]), _wan(s[item][1])]

    rows = [["项目", "", "预算数", "决算数"], ["栏次", "", "1", "2"],
            ["合计", "", *fig("total")],
            ["1.因公出国（境）费", "", *fig("overseas")],
            ["2.公务用车购置及运行费", "小计", *fig("vehicle_total")],
            ["", "（1）公务用车购置费", *fig("vehicle_purchase")],
            ["", "（2）公务用车运行费", *fig("vehicle_operation")],
            ["3.公务接待费", "", *fig("reception")]]
    spans = [Span(0, 0, 1, 2, "header"), Span(1, 0, 1, 2, "header"), Span(2, 0, 1, 2), Span(3, 0, 1, 2),
             Span(4, 0, 3, 1), Span(7, 0, 1, 2)]
    grid = Grid(rows, [2.2, 2.2, 1.2, 1.2], header_rows=2, spans=spans, align=["l", "l", "r", "r"])
    note = "注：本单位2023年度无因公出国（境）费用支出，无公务用车购置支出。"
    return [Cover([TR_AGENCY, "2023年度部门决算"]),
            Sheet("“三公”经费支出决算表", grid, code="公开07表", dept=TR_AGENCY, unit="万元", notes=[note])]


def sangong_transposed_line_numbers() -> list[Block]:
    """Items as rows with a 行次 column and a 决算数比预算数增减 column (a 决算 table as 部门决算软件 prints it)."""
    labels = {"total": "合计", "overseas": "1.因公出国（境）费", "vehicle_total": "2.公务用车购置及运行费",
              "vehicle_purchase": "（1）公务用车购置费", "vehicle_operation": "（2）公务用车运行费",
              "reception": "3.公务接待费"}
    rows = [["项目", "行次", "预算数", "决算数", "决算数比预算数增减"]]
    for k, (item, label) in enumerate(labels.items(), start=1):
        b, a = TR_SANGONG[item]
        rows.append([label, str(k), _wan(b), _wan(a), _wan(round(a - b, 2))])
    grid = Grid(rows, [2.6, 0.6, 1.2, 1.2, 1.6], header_rows=1, align=["l", "c", "r", "r", "r"])
    return [Cover([TR_AGENCY, "2023年度部门决算"]),
            Sheet("“三公”经费支出决算表", grid, code="公开09表", dept=TR_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 三公 上年/本年 with 增减, in 元

YOY_AGENCY = "宜昌市住房和城乡建设局"
# item → (2023年预算数, 2024年预算数) in 万元; 增减 = 本年 − 上年
YOY_SANGONG = {"total": (24.50, 21.30), "overseas": (3.00, 0.0), "vehicle_total": (15.00, 15.00),
               "vehicle_purchase": (0.0, 0.0), "vehicle_operation": (15.00, 15.00), "reception": (6.50, 6.30)}


def sangong_yoy_yuan() -> list[Block]:
    """A 2024 budget 三公 table: items as rows, 2023年预算数 | 2024年预算数 | 增减额 | 增减率, in 元, negatives (…)."""
    labels = {"total": "合计", "overseas": "一、因公出国（境）费", "vehicle_total": "二、公务用车购置及运行费",
              "vehicle_purchase": "其中：1.公务用车购置费", "vehicle_operation": "2.公务用车运行费",
              "reception": "三、公务接待费"}
    rows = [["项目", "2023年预算数", "2024年预算数", "增减额", "增减率"]]
    for item, label in labels.items():
        prev, cur = YOY_SANGONG[item]
        rate = f"{(cur - prev) / prev * 100:.2f}%" if prev else ""
        rows.append([label, _yuan(prev), _yuan(cur), _yuan(round(cur - prev, 2)), rate])
    grid = Grid(rows, [2.6, 1.4, 1.4, 1.3, 1.0], header_rows=1, align=["l", "r", "r", "r", "r"])
    note = "注：2024年“三公”经费预算比上年减少32,000.00元，主要是压减因公出国（境）费。"
    return [Cover([YOY_AGENCY, "2024年部门预算"]),
            Sheet("一般公共预算“三公”经费支出预算表", grid, code="公开08表", dept=YOY_AGENCY, unit="元", notes=[note])]


# ---------------------------------------------------------------- 收支决算总表: 项目 | 行次 | 金额 twice, in 元

RS_AGENCY = "湘潭市交通运输局"
RS_INCOME = (("一、一般公共预算财政拨款收入", "1", 812.3456), ("二、政府性基金预算财政拨款收入", "2", 120.0),
             ("三、国有资本经营预算财政拨款收入", "3", 0.0), ("四、上级补助收入", "4", 0.0),
             ("五、事业收入", "5", 35.5), ("六、经营收入", "6", 0.0), ("七、附属单位上缴收入", "7", 0.0),
             ("八、其他收入", "8", 2.1544))
RS_EXPENDITURE = (("一、一般公共服务支出", "32", 0.0), ("二、社会保障和就业支出", "37", 96.42),
                  ("三、卫生健康支出", "38", 41.18), ("四、交通运输支出", "44", 790.5),
                  ("五、住房保障支出", "51", 38.2))
RS_TOTALS = {"income_total": 970.0, "opening_balance": 55.6, "non_fiscal_balance_used": 0.0, "grand_total": 1025.6,
             "expenditure_total": 966.3, "balance_distribution": 0.0, "closing_balance": 59.3,
             "grand_total_expenditure": 1025.6}


def summary_line_numbers_yuan() -> list[Block]:
    """公开01表 as the 财政部 template prints it: 收入 | 支出 blocks of 项目 | 行次 | 金额, a 栏次 row, in 元."""
    t = RS_TOTALS
    left = [(label, line, _yuan(v)) for label, line, v in RS_INCOME]
    left += [("", "9", ""), ("", "10", "")]
    right = [(label, line, _yuan(v) if v else "") for label, line, v in RS_EXPENDITURE]
    right += [("", "", "")] * (len(left) - len(right))
    rows = [["收入", "", "", "支出", "", ""], ["项目", "行次", "金额", "项目", "行次", "金额"],
            ["栏次", "", "1", "栏次", "", "2"]]
    rows += [[*a, *b] for a, b in zip(left, right, strict=True)]
    rows += [["本年收入合计", "11", _yuan(t["income_total"]), "本年支出合计", "57", _yuan(t["expenditure_total"])],
             ["使用非财政拨款结余", "12", "", "结余分配", "58", ""],
             ["年初结转和结余", "13", _yuan(t["opening_balance"]), "年末结转和结余", "59", _yuan(t["closing_balance"])],
             ["总计", "14", _yuan(t["grand_total"]), "总计", "60", _yuan(t["grand_total_expenditure"])]]
    spans = [Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 3, "header")]
    grid = Grid(rows, [2.6, 0.5, 1.3, 2.6, 0.5, 1.3], header_rows=3, spans=spans,
                align=["l", "c", "r", "l", "c", "r"])
    note = "注：本表反映部门本年度的总收支和年末结转结余情况。本套报表金额单位转换时可能存在尾数误差。"
    return [Cover([RS_AGENCY, "2023年度部门决算"]),
            Sheet("收入支出决算总表", grid, code="公开01表", dept=RS_AGENCY, unit="元", notes=[note])]


# ---------------------------------------------------------------- 类 | 款 | 项 printed once each, at their level

SC_AGENCY = "洛阳市退役军人事务局"
# (code, name, 合计, 基本支出, 项目支出) in 万元
SC_LINES = (
    ("208", "社会保障和就业支出", 693.71, 413.71, 280.0),
    ("20805", "行政事业单位养老支出", 63.71, 63.71, 0.0),
    ("2080505", "机关事业单位基本养老保险缴费支出", 42.47, 42.47, 0.0),
    ("2080506", "机关事业单位职业年金缴费支出", 21.24, 21.24, 0.0),
    ("20828", "退役军人管理事务", 630.0, 350.0, 280.0),
    ("2082801", "行政运行", 350.0, 350.0, 0.0),
    ("2082850", "事业运行", 0.0, 0.0, 0.0),
    ("2082899", "其他退役军人事务管理支出", 280.0, 0.0, 280.0),
    ("210", "卫生健康支出", 24.16, 24.16, 0.0),
    ("21011", "行政事业单位医疗", 24.16, 24.16, 0.0),
    ("2101101", "行政单位医疗", 24.16, 24.16, 0.0),
    ("221", "住房保障支出", 31.85, 31.85, 0.0),
    ("22102", "住房改革支出", 31.85, 31.85, 0.0),
    ("2210201", "住房公积金", 31.85, 31.85, 0.0),
)
SC_TOTAL = (749.72, 469.72, 280.0)


def split_codes_by_level() -> list[Block]:
    """一般公共预算财政拨款支出决算表 with 科目编码 over 类 | 款 | 项 columns, each code part printed at its level only."""
    rows = [["项目", "", "", "", "本年支出", "", ""], ["科目编码", "", "", "科目名称", "小计", "基本支出", "项目支出"],
            ["类", "款", "项", "", "", "", ""], ["栏次", "", "", "", "1", "2", "3"],
            ["合计", "", "", "", *(_wan(x) for x in SC_TOTAL)]]
    for code, name, total, basic, project in SC_LINES:
        parts = [code[:3], "", ""] if len(code) == 3 else ["", code[3:5], ""] if len(code) == 5 else ["", "", code[5:]]
        rows.append([*parts, name, _wan(total), _wan(basic) if basic else "", _wan(project) if project else ""])
    spans = [Span(0, 0, 1, 4, "header"), Span(0, 4, 1, 3, "header"), Span(1, 0, 1, 3, "header"),
             Span(1, 3, 2, 1, "header"), Span(1, 4, 2, 1, "header"), Span(1, 5, 2, 1, "header"),
             Span(1, 6, 2, 1, "header"), Span(3, 0, 1, 4, "header"), Span(4, 0, 1, 4)]
    grid = Grid(rows, [0.5, 0.5, 0.5, 3.0, 1.2, 1.2, 1.2], header_rows=4, spans=spans,
                align=["c", "c", "c", "l", "r", "r", "r"])
    return [Cover([SC_AGENCY, "2023年度部门决算"]),
            Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=SC_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 支出决算表 over three pages, header not repeated

LONG_AGENCY = "绵阳市自然资源和规划局"


def _long_lines() -> list[tuple[str, str, float, float, float]]:
    """A 支出决算表 body of about 60 lines whose 类/款/项 sums close exactly."""
    out: list[tuple[str, str, float, float, float]] = []
    classes = (("201", "一般公共服务支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出"),
               ("212", "城乡社区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"))
    for ci, (cls, cname) in enumerate(classes):
        kuans = []
        for ki in range(2 + ci % 2):
            kuan = f"{cls}{ki + 1:02d}"
            items = []
            for ii in range(3 + (ki + ci) % 3):
                basic = round(11.07 * (ci + 1) + 3.41 * ki + 1.13 * ii, 2)
                project = round(4.5 * ii + 2.25 * ki, 2) if ii % 2 else 0.0
                items.append((f"{kuan}{ii + 1:02d}", f"{cname[:4]}第{ki + 1}款第{ii + 1}项", basic, project))
            kb = round(sum(i[2] for i in items), 2)
            kp = round(sum(i[3] for i in items), 2)
            kuans.append(((kuan, f"{cname[:4]}第{ki + 1}款", kb, kp), items))
        cb = round(sum(k[0][2] for k in kuans), 2)
        cp = round(sum(k[0][3] for k in kuans), 2)
        out.append((cls, cname, round(cb + cp, 2), cb, cp))
        for (kcode, kname, kb, kp), items in kuans:
            out.append((kcode, kname, round(kb + kp, 2), kb, kp))
            out += [(c, n, round(b + p, 2), b, p) for c, n, b, p in items]
    return out


LONG_LINES = _long_lines()
LONG_TOTAL = tuple(round(sum(r[k] for r in LONG_LINES if len(r[0]) == 3), 2) for k in (2, 3, 4))


def _long_grid(fmt: Callable[[float], str] = _wan) -> Grid:
    rows = [["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
             "对附属单位补助支出"],
            ["栏次", "", "1", "2", "3", "4", "5", "6"],
            ["", "合计", *(fmt(x) for x in LONG_TOTAL), "", "", ""]]
    rows += [[c, n, fmt(t), fmt(b), fmt(p) if p else "", "", "", ""] for c, n, t, b, p in LONG_LINES]
    return Grid(rows, [1.0, 3.0, 1.3, 1.2, 1.2, 1.0, 1.0, 1.2], header_rows=2,
                spans=[Span(1, 0, 1, 2, "header")], align=["l", "l", "r", "r", "r", "r", "r", "r"])


def expenditure_header_not_repeated() -> list[Block]:
    """A 支出决算表 over three pages whose header rows and title are printed on the first page only."""
    n = len(LONG_LINES) + 1
    return [Cover([LONG_AGENCY, "2023年度部门决算"]),
            Sheet("支出决算表", _long_grid(), code="公开03表", dept=LONG_AGENCY, unit="万元", repeat_header=False,
                  page_rows=[n // 3, n // 3, n - 2 * (n // 3)])]


# ---------------------------------------------------------------- the same, title in the page header region, header repeated

HEAD_AGENCY = "益阳市水利局"


def expenditure_running_head() -> list[Block]:
    """The long 支出决算表 with its title in the page header region of every page and the title row in the grid."""
    n = len(LONG_LINES) + 1
    return [Cover([HEAD_AGENCY, "2023年度部门决算"]),
            Para(f"{HEAD_AGENCY}2023年度部门决算表如下。"),
            Sheet("支出决算表", _long_grid(), dept=HEAD_AGENCY, unit="万元", title_in_grid=True, unit_below=True,
                  running_head=f"{HEAD_AGENCY}2023年度部门决算公开表  公开03表", page_rows=[n // 2, n - n // 2])]


def expenditure_yuan_unit_below() -> list[Block]:
    """The long 支出决算表 in 元 over two pages, its 单位：元 printed only under the table, on the last page."""
    n = len(LONG_LINES) + 1
    return [Cover([CT_AGENCY, "2023年度部门决算"]),
            Sheet("支出决算表", _long_grid(_yuan), code="公开03表", dept=CT_AGENCY, unit="元", unit_below=True,
                  page_rows=[n // 2, n - n // 2])]


def expenditure_unruled_pages() -> list[Block]:
    """The long 支出决算表 typeset without ruling lines over three pages, header rows on the first only."""
    n = len(LONG_LINES) + 1
    return [Cover([LONG_AGENCY, "2023年度部门决算"]),
            Sheet("支出决算表", _long_grid(), code="公开03表", dept=LONG_AGENCY, unit="万元", repeat_header=False,
                  ruled=False, page_rows=[n // 3, n // 3, n - 2 * (n // 3)])]


# ---------------------------------------------------------------- no ruling lines: a whitespace-only 支出预算表

STREAM_AGENCY = "株洲市人力资源和社会保障局"
STREAM_LINES = (
    ("201", "一般公共服务支出", 12.0, 0.0, 12.0),
    ("20103", "政府办公厅（室）及相关机构事务", 12.0, 0.0, 12.0),
    ("2010302", "一般行政管理事务", 12.0, 0.0, 12.0),
    ("208", "社会保障和就业支出", 1520.46, 1245.46, 275.0),
    ("20801", "人力资源和社会保障管理事务", 1398.56, 1123.56, 275.0),
    ("2080101", "行政运行", 1123.56, 1123.56, 0.0),
    ("2080109", "社会保险经办机构", 275.0, 0.0, 275.0),
    ("20805", "行政事业单位养老支出", 121.9, 121.9, 0.0),
    ("2080505", "机关事业单位基本养老保险缴费支出", 121.9, 121.9, 0.0),
    ("221", "住房保障支出", 88.32, 88.32, 0.0),
    ("22102", "住房改革支出", 88.32, 88.32, 0.0),
    ("2210201", "住房公积金", 88.32, 88.32, 0.0),
)
STREAM_TOTAL = (1620.78, 1333.78, 287.0)


def expenditure_unruled() -> list[Block]:
    """A 支出预算表 typeset with whitespace only (no ruling line), 单位 under the table."""
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", *(_wan(x) for x in STREAM_TOTAL)]]
    rows += [[c, n, _wan(t), _wan(b) if b else "", _wan(p) if p else ""] for c, n, t, b, p in STREAM_LINES]
    grid = Grid(rows, [1.0, 3.2, 1.2, 1.2, 1.2], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([STREAM_AGENCY, "2024年部门预算"]),
            Sheet("支出预算表", grid, code="公开03表", dept=STREAM_AGENCY, unit="万元", ruled=False)]


# ---------------------------------------------------------------- city self-evaluation: merged 一级/二级, 得分 before 分值

PF_AGENCY = "湘潭市文化旅游广电体育局"
PF_PROJECT = "公共文化服务体系建设专项"
PF_FUNDS = ("200", "230", "207.35", "10", "90.15%", "9.02")  # 年初 全年 执行 分值 执行率 得分
PF_INDICATORS = (  # 一级, 二级, 三级, 年度指标值, 实际完成值, 得分, 分值, 偏差原因
    ("产出指标", "数量指标", "送戏下乡场次", "≥120场", "126场", "10", "10", ""),
    ("产出指标", "数量指标", "免费开放场馆数", "8个", "8个", "10", "10", ""),
    ("产出指标", "质量指标", "活动验收合格率", "100%", "100%", "10", "10", ""),
    ("产出指标", "时效指标", "资金拨付及时率", "100%", "92%", "8", "10", "部分资金年底拨付"),
    ("效益指标", "社会效益指标", "群众参与人次", "≥10万人次", "11.2万人次", "20", "20", ""),
    ("效益指标", "可持续影响指标", "基层文化阵地运行", "长期", "长期", "10", "10", ""),
    ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "20", "20", ""),
)
PF_TOTAL = "97.02"


def selfeval_merged_swapped() -> list[Block]:
    """A city 项目支出绩效自评表: 一级/二级 merged down, 得分 printed before 分值, goals over several rows."""
    grid = selfeval_grid(
        PF_PROJECT, PF_AGENCY, ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [("年度资金总额", *PF_FUNDS), ("其中：当年财政拨款", *PF_FUNDS[:3], "—", "", "—")],
        [("1.组织送戏下乡120场以上", "1.完成送戏下乡126场"), ("2.8个公共文化场馆免费开放", "2.8个场馆全年免费开放"),
         ("3.群众参与10万人次以上，满意度90%以上", "3.参与11.2万人次，满意度93%")],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分", "分值", "偏差原因分析及改进措施"],
        [("", *ind) for ind in PF_INDICATORS], ["总分", "", "", "", "", "", PF_TOTAL, "100", "自评等级：优"],
        [1.0, 1.1, 1.2, 1.6, 1.2, 1.3, 0.6, 0.6, 1.6], split=5, total_cols=6, label_column=True)
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）", landscape=True)]


# ---------------------------------------------------------------- 三公 columns: 上年决算 | 本年预算 | 本年决算 blocks

BL_AGENCY = "湘潭市审计局"
BL_ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
BL_PREVIOUS = (14.82, 0.0, 9.60, 0.0, 9.60, 5.22)  # 2022年决算数: a comparison, not this year's figures
BL_BUDGET = (15.00, 0.0, 10.00, 0.0, 10.00, 5.00)
BL_ACTUAL = (13.37, 0.0, 9.15, 0.0, 9.15, 4.22)


def _item_header(blocks: list[str]) -> tuple[list[list[str]], list[Span]]:
    """Blocks of six 三公 columns under a year label each: three header rows."""
    items = ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"]
    subs = ["", "", "小计", "购置费", "运行费", ""]
    top: list[str] = []
    for b in blocks:
        top += [b] + [""] * 5
    rows = [top, items * len(blocks), subs * len(blocks)]
    spans: list[Span] = []
    for k in range(len(blocks)):
        base = 6 * k
        spans += [Span(0, base, 1, 6, "header"), Span(1, base, 2, 1, "header"), Span(1, base + 1, 2, 1, "header"),
                  Span(1, base + 2, 1, 3, "header"), Span(1, base + 5, 2, 1, "header")]
    return rows, spans


def sangong_previous_year_block() -> list[Block]:
    """A 决算 三公 table that prints last year's 决算数 before this year's 预算数 and 决算数."""
    rows, spans = _item_header(["2022年决算数", "2023年预算数", "2023年决算数"])
    rows.append([_wan(x) for x in (*BL_PREVIOUS, *BL_BUDGET, *BL_ACTUAL)])
    grid = Grid(rows, [1.0] * 18, header_rows=3, spans=spans, align=["r"] * 18)
    return [Cover([BL_AGENCY, "2023年度部门决算"]),
            Sheet("财政拨款“三公”经费支出决算表", grid, code="公开09表", dept=BL_AGENCY, unit="万元", landscape=True,
                  size_scale=0.8)]


# ---------------------------------------------------------------- 三公 without ruling lines

UR_AGENCY = "益阳市审计局"
UR_BUDGET = (9.00, 0.0, 6.00, 0.0, 6.00, 3.00)
UR_ACTUAL = (8.12, 0.0, 5.47, 0.0, 5.47, 2.65)


def sangong_unruled() -> list[Block]:
    """预算数 | 决算数 blocks of 三公 items, typeset with whitespace only, 单位 under the table."""
    rows, spans = _item_header(["预算数", "决算数"])
    rows.append([_wan(x) for x in (*UR_BUDGET, *UR_ACTUAL)])
    grid = Grid(rows, [1.0] * 12, header_rows=3, spans=spans, align=["r"] * 12)
    return [Cover([UR_AGENCY, "2023年度部门决算"]),
            Sheet("“三公”经费支出决算表", grid, code="公开09表", dept=UR_AGENCY, unit="万元", landscape=True,
                  ruled=False, unit_below=True)]


TG_AGENCY = "衡阳市审计局"
TG_BUDGET = (10.80, 1.50, 6.00, 0.0, 6.00, 3.30)
TG_ACTUAL = (9.12, 1.22, 5.40, 0.0, 5.40, 2.50)


def sangong_title_and_unit_in_grid() -> list[Block]:
    """A 三公 table whose title, 部门 and 单位 lines are rows of the ruled grid (an Excel print range)."""
    rows, spans = _item_header(["预算数", "决算数"])
    unit_row = [f"部门：{TG_AGENCY}"] + [""] * 8 + ["单位：元", "", ""]
    figures = [_yuan(x) for x in (*TG_BUDGET, *TG_ACTUAL)]
    rows = [unit_row, *rows, figures]
    spans = [Span(0, 0, 1, 9), Span(0, 9, 1, 3)] + [replace(sp, row=sp.row + 1) for sp in spans]
    grid = Grid(rows, [1.0] * 12, header_rows=4, spans=spans, align=["r"] * 12)
    return [Cover([TG_AGENCY, "2023年度部门决算"]),
            Sheet("2023年度财政拨款“三公”经费支出决算表", grid, dept=None, unit=None, landscape=True,
                  title_in_grid=True)]


# ---------------------------------------------------------------- 基本支出决算表: 类 | 款 printed at their level, two blocks

EC_AGENCY = "九江市审计局"
EC_PERSONNEL = (("301", "工资福利支出", 312.40), ("01", "基本工资", 98.20), ("02", "津贴补贴", 120.50),
                ("03", "奖金", 8.10), ("08", "机关事业单位基本养老保险缴费", 32.60), ("10", "职工基本医疗保险缴费", 15.30),
                ("13", "住房公积金", 24.80), ("99", "其他工资福利支出", 12.90),
                ("303", "对个人和家庭的补助", 6.30), ("02", "退休费", 4.10), ("05", "生活补助", 2.20))
EC_PUBLIC = (("302", "商品和服务支出", 45.66), ("01", "办公费", 6.20), ("05", "水费", 1.10), ("06", "电费", 3.40),
             ("07", "邮电费", 2.06), ("11", "差旅费", 5.90), ("17", "公务接待费", 1.30), ("28", "工会经费", 4.50),
             ("29", "福利费", 3.20), ("31", "公务用车运行维护费", 8.00), ("39", "其他交通费用", 10.00),
             ("310", "资本性支出", 2.50), ("02", "办公设备购置", 2.50))
EC_TOTALS = {"personnel": 318.70, "public": 48.16}


def economic_codes_by_level() -> list[Block]:
    """一般公共预算财政拨款基本支出决算表: 人员经费 | 公用经费 blocks of 类 | 款 | 科目名称 | 决算数, parts at their level."""
    def cells(line: tuple[str, str, float] | None) -> list[str]:
        if line is None:
            return ["", "", "", ""]
        code, name, amount = line
        return [code, "", name, _wan(amount)] if len(code) == 3 else ["", code, name, _wan(amount)]

    rows = [["人员经费", "", "", "", "公用经费", "", "", ""],
            ["科目编码", "", "科目名称", "决算数", "科目编码", "", "科目名称", "决算数"],
            ["类", "款", "", "", "类", "款", "", ""]]
    n = max(len(EC_PERSONNEL), len(EC_PUBLIC))
    for k in range(n):
        a = EC_PERSONNEL[k] if k < len(EC_PERSONNEL) else None
        b = EC_PUBLIC[k] if k < len(EC_PUBLIC) else None
        rows.append(cells(a) + cells(b))
    rows.append(["人员经费合计", "", "", _wan(EC_TOTALS["personnel"]), "公用经费合计", "", "", _wan(EC_TOTALS["public"])])
    last = len(rows) - 1
    spans = [Span(0, 0, 1, 4, "header"), Span(0, 4, 1, 4, "header"), Span(1, 0, 1, 2, "header"),
             Span(1, 2, 2, 1, "header"), Span(1, 3, 2, 1, "header"), Span(1, 4, 1, 2, "header"),
             Span(1, 6, 2, 1, "header"), Span(1, 7, 2, 1, "header"), Span(last, 0, 1, 3), Span(last, 4, 1, 3)]
    grid = Grid(rows, [0.5, 0.5, 2.4, 1.1, 0.5, 0.5, 2.4, 1.1], header_rows=3, spans=spans,
                align=["c", "c", "l", "r", "c", "c", "l", "r"])
    return [Cover([EC_AGENCY, "2023年度部门决算"]),
            Sheet("一般公共预算财政拨款基本支出决算表", grid, code="公开06表", dept=EC_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 收入决算表 in 元, a negative 其他收入 in parentheses

IN_AGENCY = "宜昌市林业和园林局"
# (code, name, 合计, 财政拨款收入, 事业收入, 其他收入) in 万元
IN_LINES = (
    ("213", "农林水支出", 1262.34, 1180.0, 83.54, -1.2),
    ("21302", "林业和草原", 1262.34, 1180.0, 83.54, -1.2),
    ("2130201", "行政运行", 420.0, 420.0, 0.0, 0.0),
    ("2130204", "事业机构", 842.34, 760.0, 83.54, -1.2),
    ("221", "住房保障支出", 36.0, 36.0, 0.0, 0.0),
    ("22102", "住房改革支出", 36.0, 36.0, 0.0, 0.0),
    ("2210201", "住房公积金", 36.0, 36.0, 0.0, 0.0),
)
IN_TOTAL = (1298.34, 1216.0, 83.54, -1.2)
IN_MEASURES = ("total", "fiscal", "business", "other")


def income_yuan_negative() -> list[Block]:
    """收入决算表 printed in 元 with thousands separators; a 冲减 of 其他收入 printed as (12,000.00)."""
    rows = [["项目", "", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"],
            ["科目编码", "科目名称", "", "", "", "", "", "", ""],
            ["栏次", "", "1", "2", "3", "4", "5", "6", "7"],
            ["", "合计", _yuan(IN_TOTAL[0]), _yuan(IN_TOTAL[1]), "", _yuan(IN_TOTAL[2]), "", "", _yuan(IN_TOTAL[3])]]
    for code, name, total, fiscal, business, other in IN_LINES:
        rows.append([code, name, _yuan(total), _yuan(fiscal), "", _yuan(business) if business else "", "", "",
                     _yuan(other) if other else ""])
    spans = [Span(0, 0, 1, 2, "header"), Span(2, 0, 1, 2, "header")] + [Span(0, c, 2, 1, "header") for c in range(2, 9)]
    grid = Grid(rows, [1.0, 2.2, 1.4, 1.4, 1.0, 1.3, 1.0, 1.1, 1.2], header_rows=3, spans=spans,
                align=["l", "l", "r", "r", "r", "r", "r", "r", "r"])
    return [Cover([IN_AGENCY, "2023年度部门决算"]),
            Sheet("收入决算表", grid, code="公开02表", dept=IN_AGENCY, unit="元", landscape=True)]


# ---------------------------------------------------------------- 财政拨款收入支出决算总表: several measure columns

FS_AGENCY = "九江市农业农村局"
FS_INCOME = (("一、一般公共预算财政拨款", "1", 500.0), ("二、政府性基金预算财政拨款", "2", 80.0),
             ("三、国有资本经营预算财政拨款", "3", 0.0))
FS_CLASSES = (("一、一般公共服务支出", "33", (0.0, 0.0, 0.0, 0.0)),
              ("二、社会保障和就业支出", "34", (60.0, 60.0, 0.0, 0.0)),
              ("三、卫生健康支出", "35", (20.0, 20.0, 0.0, 0.0)),
              ("四、城乡社区支出", "36", (505.0, 425.0, 80.0, 0.0)),
              ("五、住房保障支出", "37", (10.0, 10.0, 0.0, 0.0)))
FS_TOTALS = {"income_total": 580.0, "opening_balance": 20.0, "grand_total": 600.0, "expenditure_total": 595.0,
             "closing_balance": 5.0, "grand_total_expenditure": 600.0, "fiscal_appropriation": 500.0,
             "gov_fund_appropriation": 80.0}


def fiscal_summary_measures() -> list[Block]:
    """公开04表: 收入 项目 | 行次 | 金额 beside 支出 项目 | 行次 | 合计 | 一般公共预算 | 政府性基金 | 国有资本经营."""
    def amounts(values: tuple[float, ...]) -> list[str]:
        return [_wan(x) if x else "" for x in values]

    rows = [["收入", "", "", "支出", "", "", "", "", ""],
            ["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
             "国有资本经营预算财政拨款"],
            ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"]]
    left = [[label, line, _wan(x) if x else ""] for label, line, x in FS_INCOME]
    left += [["", str(k), ""] for k in range(4, 4 + len(FS_CLASSES) - len(left))]
    for (a, (label, line, values)) in zip(left, FS_CLASSES, strict=True):
        rows.append([*a, label, line, *amounts(values)])
    rows += [["本年收入合计", "6", _wan(580.0), "本年支出合计", "38", *amounts((595.0, 515.0, 80.0, 0.0))],
             ["年初财政拨款结转和结余", "7", _wan(20.0), "年末财政拨款结转和结余", "39", *amounts((5.0, 0.0, 5.0, 0.0))],
             ["一般公共预算财政拨款", "8", _wan(15.0), "", "40", "", "", "", ""],
             ["政府性基金预算财政拨款", "9", _wan(5.0), "", "41", "", "", "", ""],
             ["国有资本经营预算财政拨款", "10", "", "", "42", "", "", "", ""],
             ["总计", "11", _wan(600.0), "总计", "43", *amounts((600.0, 515.0, 85.0, 0.0))]]
    spans = [Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 6, "header")]
    grid = Grid(rows, [2.4, 0.45, 1.0, 2.4, 0.45, 1.0, 1.2, 1.2, 1.2], header_rows=3, spans=spans,
                align=["l", "c", "r", "l", "c", "r", "r", "r", "r"])
    return [Cover([FS_AGENCY, "2023年度部门决算"]),
            Sheet("财政拨款收入支出决算总表", grid, code="公开04表", dept=FS_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- code and name in one cell, 合计 last

CN_AGENCY = "洛阳市应急管理局"
CN_LINES = (
    ("201", "一般公共服务支出", 18.5, 0.0, 18.5),
    ("20103", "政府办公厅（室）及相关机构事务", 18.5, 0.0, 18.5),
    ("2010302", "一般行政管理事务", 18.5, 0.0, 18.5),
    ("224", "灾害防治及应急管理支出", 906.72, 706.72, 200.0),
    ("22401", "应急管理事务", 906.72, 706.72, 200.0),
    ("2240101", "行政运行", 706.72, 706.72, 0.0),
    ("2240106", "安全监管", 200.0, 0.0, 200.0),
)
CN_TOTAL = (925.22, 706.72, 218.5)


def code_and_name_in_one_cell() -> list[Block]:
    """A 支出预算表 whose 功能分类科目 column prints "2010302 一般行政管理事务" in one cell, indented, 合计 last."""
    indent = {3: "", 5: "\u3000", 7: "\u3000\u3000"}
    rows = [["功能分类科目", "合计", "基本支出", "项目支出"]]
    rows += [[f"{indent[len(c)]}{c} {n}", _wan(t), _wan(b) if b else "", _wan(p) if p else ""]
             for c, n, t, b, p in CN_LINES]
    rows.append(["合    计", *(_wan(x) for x in CN_TOTAL)])
    grid = Grid(rows, [3.6, 1.2, 1.2, 1.2], header_rows=1, align=["l", "r", "r", "r"])
    return [Cover([CN_AGENCY, "2024年部门预算"]),
            Sheet("部门支出预算表", grid, code="公开03表", dept=CN_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 基本支出决算表: 人员经费 | 公用经费 over two blocks

E3_AGENCY = "益阳市统计局"
E3_PERSONNEL = (("301", "工资福利支出", 210.35), ("30101", "基本工资", 70.12), ("30102", "津贴补贴", 88.40),
                ("30108", "机关事业单位基本养老保险缴费", 25.03), ("30113", "住房公积金", 26.80),
                ("303", "对个人和家庭的补助", 3.60), ("30302", "退休费", 3.60))
E3_PUBLIC = (("302", "商品和服务支出", 31.42), ("30201", "办公费", 4.20), ("30202", "印刷费", 1.50),
             ("30205", "水费", 0.80), ("30206", "电费", 2.60), ("30207", "邮电费", 1.32), ("30211", "差旅费", 6.00),
             ("30213", "维修（护）费", 2.00), ("30216", "培训费", 1.00), ("30217", "公务接待费", 1.10),
             ("30228", "工会经费", 3.40), ("30229", "福利费", 2.50), ("30231", "公务用车运行维护费", 5.00),
             ("310", "资本性支出", 1.80), ("31002", "办公设备购置", 1.80))
E3_TOTALS = {"personnel": 213.95, "public": 33.22}


def economic_three_blocks() -> list[Block]:
    """公开06表 as the 决算 template prints it: 人员经费 in one block, 公用经费 in two, the 合计 line at the bottom."""
    half = (len(E3_PUBLIC) + 1) // 2
    blocks = [list(E3_PERSONNEL), list(E3_PUBLIC[:half]), list(E3_PUBLIC[half:])]
    n = max(len(b) for b in blocks)
    rows = [["人员经费", "", "", "公用经费", "", "", "", "", ""],
            ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"]]
    for k in range(n):
        row: list[str] = []
        for b in blocks:
            row += [b[k][0], b[k][1], _wan(b[k][2])] if k < len(b) else ["", "", ""]
        rows.append(row)
    rows.append(["人员经费合计", "", _wan(E3_TOTALS["personnel"]), "公用经费合计", "", "", "", "",
                 _wan(E3_TOTALS["public"])])
    last = len(rows) - 1
    spans = [Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 6, "header"), Span(last, 0, 1, 2), Span(last, 3, 1, 5)]
    grid = Grid(rows, [0.7, 2.0, 0.9] * 3, header_rows=2, spans=spans, align=["c", "l", "r"] * 3)
    return [Cover([E3_AGENCY, "2023年度部门决算"]),
            Sheet("一般公共预算财政拨款基本支出决算表", grid, code="公开06表", dept=E3_AGENCY, unit="万元", landscape=True)]


# ---------------------------------------------------------------- 三公 items as columns, stages or years as rows

SR_AGENCY = "九江市统计局"
SR_BUDGET = (7.50, 0.0, 4.50, 0.0, 4.50, 3.00)
SR_ACTUAL = (6.28, 0.0, 4.02, 0.0, 4.02, 2.26)
YR_AGENCY = "洛阳市统计局"
YR_PREVIOUS = (11.40, 2.00, 6.00, 0.0, 6.00, 3.40)  # 2023年预算数
YR_CURRENT = (9.80, 0.0, 6.00, 0.0, 6.00, 3.80)  # 2024年预算数


def _rows_by_line(lines: list[tuple[str, list[str]]]) -> Grid:
    """项目 | 合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费, one line per label."""
    rows = [["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "", "小计", "公务用车购置费", "公务用车运行费", ""]]
    rows += [[label, *cells] for label, cells in lines]
    spans = [Span(0, 0, 2, 1, "header"), Span(0, 1, 2, 1, "header"), Span(0, 2, 2, 1, "header"),
             Span(0, 3, 1, 3, "header"), Span(0, 6, 2, 1, "header")]
    return Grid(rows, [1.6, 1.0, 1.1, 1.0, 1.1, 1.1, 1.0], header_rows=2, spans=spans,
                align=["l", "r", "r", "r", "r", "r", "r"])


def sangong_stage_rows() -> list[Block]:
    """A 决算 三公 table with the items as columns and 预算数 / 决算数 / 增减 as rows."""
    diff = [_wan(round(a - b, 2)) for a, b in zip(SR_ACTUAL, SR_BUDGET, strict=True)]
    grid = _rows_by_line([("预算数", [_wan(x) for x in SR_BUDGET]), ("决算数", [_wan(x) for x in SR_ACTUAL]),
                          ("决算数比预算数增减", diff)])
    return [Cover([SR_AGENCY, "2023年度部门决算"]),
            Sheet("“三公”经费支出决算表", grid, code="公开09表", dept=SR_AGENCY, unit="万元")]


def sangong_year_rows() -> list[Block]:
    """A 2024 budget 三公 table with the items as columns and 2023年预算数 / 2024年预算数 / 增减 as rows."""
    diff = [_wan(round(a - b, 2)) for a, b in zip(YR_CURRENT, YR_PREVIOUS, strict=True)]
    grid = _rows_by_line([("2023年预算数", [_wan(x) for x in YR_PREVIOUS]),
                          ("2024年预算数", [_wan(x) for x in YR_CURRENT]), ("增减额", diff)])
    return [Cover([YR_AGENCY, "2024年部门预算"]),
            Sheet("“三公”经费预算表", grid, code="公开08表", dept=YR_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 年初预算数 | 决算数 | 决算数为预算数的%

BA_AGENCY = "宜昌市统计局"
# (code, name, 年初预算数, 决算数) in 万元
BA_LINES = (
    ("201", "一般公共服务支出", 402.0, 388.64),
    ("20105", "统计信息事务", 402.0, 388.64),
    ("2010501", "行政运行", 330.0, 331.27),
    ("2010505", "专项统计业务", 60.0, 45.37),
    ("2010507", "专项普查活动", 12.0, 12.0),
    ("208", "社会保障和就业支出", 41.2, 41.2),
    ("20805", "行政事业单位养老支出", 41.2, 41.2),
    ("2080505", "机关事业单位基本养老保险缴费支出", 41.2, 41.2),
)
BA_TOTAL = (443.2, 429.84)


def budget_and_actual_columns() -> list[Block]:
    """一般公共预算财政拨款支出决算表 printing 年初预算数, 决算数 and 决算数为年初预算数的% side by side."""
    def pct(budget: float, actual: float) -> str:
        return f"{actual / budget * 100:.2f}%" if budget else ""

    rows = [["科目编码", "科目名称", "年初预算数", "决算数", "决算数为年初预算数的%"],
            ["", "合计", _wan(BA_TOTAL[0]), _wan(BA_TOTAL[1]), pct(*BA_TOTAL)]]
    rows += [[c, n, _wan(b), _wan(a), pct(b, a)] for c, n, b, a in BA_LINES]
    grid = Grid(rows, [1.0, 3.0, 1.3, 1.3, 1.6], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([BA_AGENCY, "2023年度部门决算"]),
            Sheet("一般公共预算财政拨款支出决算表", grid, code="公开05表", dept=BA_AGENCY, unit="万元")]


# ---------------------------------------------------------------- self-evaluation: 预期值 / 实际值 / 权重, over two pages

PV_AGENCY = "九江市市场监督管理局"
PV_PROJECT = "食品安全监督抽检经费"
PV_FUNDS = ("150", "150", "138.6", "92.40%", "10", "9.24")  # 年初预算数 预算数 执行数 执行率 权重 得分
PV_INDICATORS = (  # 一级, 二级, 三级, 预期值, 实际值, 权重, 得分, 扣分原因
    ("产出指标", "数量指标", "抽检批次", "≥3000批次", "3126批次", "15", "15", ""),
    ("产出指标", "数量指标", "覆盖食品类别", "≥30类", "32类", "10", "10", ""),
    ("产出指标", "质量指标", "抽检样品合格判定准确率", "100%", "100%", "10", "10", ""),
    ("产出指标", "时效指标", "不合格产品核查处置及时率", "≥95%", "93%", "10", "8", "个别案件跨年办结"),
    ("产出指标", "成本指标", "单批次抽检成本", "≤500元", "443元", "5", "5", ""),
    ("效益指标", "社会效益指标", "食品安全问题发现率", "≥2%", "2.6%", "15", "15", ""),
    ("效益指标", "可持续影响指标", "抽检信息公开率", "100%", "100%", "10", "10", ""),
    ("满意度指标", "服务对象满意度指标", "公众满意度", "≥85%", "88%", "15", "15", ""),
)
PV_TOTAL = "97.24"


def selfeval_expected_actual_weight() -> list[Block]:
    """A 项目支出绩效自评表 with 预期值 / 实际值 / 权重 / 得分 / 扣分原因 columns, goals over three rows, two pages."""
    grid = selfeval_grid(
        PV_PROJECT, PV_AGENCY, ["年初预算数", "预算数", "执行数", "执行率", "权重", "得分"],
        [("年度资金总额", *PV_FUNDS), ("其中：财政拨款", *PV_FUNDS[:3]), ("其他资金",)],
        [("开展食品安全监督抽检3000批次以上", "完成抽检3126批次"),
         ("覆盖食品类别30类以上，不合格产品及时核查处置", "覆盖32类，不合格产品核查处置及时率93%"),
         ("公众满意度85%以上", "公众满意度88%")],
        ["一级指标", "二级指标", "三级指标", "预期值", "实际值", "权重", "得分", "扣分原因"], PV_INDICATORS,
        ["总分", "", "", "", "", "100", PV_TOTAL, ""], [1.0, 1.2, 1.9, 1.2, 1.4, 0.7, 0.7, 1.5], split=4, total_cols=5)
    start = len(grid.rows) - len(PV_INDICATORS) - 1
    # the form breaks after the fourth indicator; the next page goes on without a header row
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）",
                  page_rows=[start + 4, len(grid.rows)])]


# ---------------------------------------------------------------- the unit in the column headers: 合计（元）

HU_AGENCY = "湘潭市档案馆"
HU_LINES = (
    ("201", "一般公共服务支出", 2865432.10, 2265432.10, 600000.0),
    ("20126", "档案事务", 2865432.10, 2265432.10, 600000.0),
    ("2012601", "行政运行", 2265432.10, 2265432.10, 0.0),
    ("2012604", "档案馆", 600000.0, 0.0, 600000.0),
    ("221", "住房保障支出", 154320.0, 154320.0, 0.0),
    ("22102", "住房改革支出", 154320.0, 154320.0, 0.0),
    ("2210201", "住房公积金", 154320.0, 154320.0, 0.0),
)
HU_TOTAL = (3019752.10, 2419752.10, 600000.0)  # 元


def unit_in_column_headers() -> list[Block]:
    """A 支出预算表 with no 单位 line: the unit is printed in each amount column's header, 合计（元）."""
    def yuan(x: float) -> str:
        return f"{x:,.2f}" if x else ""

    rows = [["科目编码", "科目名称", "合计（元）", "基本支出（元）", "项目支出（元）"],
            ["", "合计", *(yuan(x) for x in HU_TOTAL)]]
    rows += [[c, n, yuan(t), yuan(b), yuan(p)] for c, n, t, b, p in HU_LINES]
    grid = Grid(rows, [1.0, 2.6, 1.4, 1.4, 1.4], header_rows=1, align=["l", "l", "r", "r", "r"])
    return [Cover([HU_AGENCY, "2024年部门预算"]),
            Sheet("支出预算表", grid, code="公开03表", dept=HU_AGENCY, unit=None)]


# ---------------------------------------------------------------- continuation pages titled 续表, header not repeated

CT_AGENCY = "宜昌市自然资源和规划局"


def expenditure_continued_title() -> list[Block]:
    """The long 支出决算表 whose continuation pages print "支出决算表（续表）" but no header rows."""
    n = len(LONG_LINES) + 1
    return [Cover([CT_AGENCY, "2023年度部门决算"]),
            Sheet("支出决算表", _long_grid(), code="公开03表", dept=CT_AGENCY, unit="万元", repeat_header=False,
                  continued="支出决算表（续表）", page_rows=[n // 2, n - n // 2])]


# ---------------------------------------------------------------- 三公, 会议费, 培训费 as rows

MT_AGENCY = "湘潭市财政局"
# row → (预算数, 决算数) in 万元
MT_ROWS = (("合计", (46.0, 39.73)), ("一、“三公”经费合计", (26.0, 22.18)), ("1.因公出国（境）费", (5.0, 3.62)),
           ("2.公务用车购置及运行费", (15.0, 13.56)), ("其中：（1）公务用车购置费", (0.0, 0.0)),
           ("（2）公务用车运行费", (15.0, 13.56)), ("3.公务接待费", (6.0, 5.0)), ("二、会议费", (8.0, 7.35)),
           ("三、培训费", (12.0, 10.2)))
MT_SANGONG = dict(zip(("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception"),
                      (r[1] for r in MT_ROWS[1:7]), strict=True))


def sangong_meeting_training_rows() -> list[Block]:
    """三公 with 会议费 and 培训费 as rows under one 合计 (the 合计 is not the 三公 total)."""
    rows = [["项目", "预算数", "决算数"]] + [[label, _wan(b), _wan(a)] for label, (b, a) in MT_ROWS]
    grid = Grid(rows, [3.0, 1.3, 1.3], header_rows=1, align=["l", "r", "r"])
    return [Cover([MT_AGENCY, "2023年度部门决算"]),
            Sheet("财政拨款“三公”经费、会议费、培训费支出决算表", grid, code="公开09表", dept=MT_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 收支总表 with 收入 above 支出 in one column pair

ST_AGENCY = "益阳市档案馆"
ST_INCOME = (("收入总计", 1234.0), ("一、一般公共预算拨款收入", 1200.0), ("二、上年结转", 34.0))
ST_EXPENDITURE = (("支出总计", 1234.0), ("一、一般公共服务支出", 900.0), ("二、社会保障和就业支出", 200.0),
                  ("三、卫生健康支出", 60.0), ("四、住房保障支出", 74.0))


def summary_stacked() -> list[Block]:
    """A 收支预算总表 printed as one 项目 | 预算数 column pair: the 收入 lines, then the 支出 lines."""
    rows = [["项目", "2024年预算数"]] + [[label, _wan(x)] for label, x in ST_INCOME + ST_EXPENDITURE]
    grid = Grid(rows, [3.0, 1.5], header_rows=1, align=["l", "r"])
    return [Cover([ST_AGENCY, "2024年部门预算"]),
            Sheet("收支预算总表", grid, code="公开01表", dept=ST_AGENCY, unit="万元")]


# ---------------------------------------------------------------- 部门整体支出绩效自评表, funds by source and by use

OV_AGENCY = "湘潭市医疗保障局"
OV_FUNDS = ("1520.6", "1688.2", "1601.35", "10", "94.86%", "9.49")  # 年初 全年 执行 分值 执行率 得分
OV_INDICATORS = (  # 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分
    ("产出指标", "数量指标", "参保人数", "≥270万人", "273.6万人", "20", "20"),
    ("产出指标", "质量指标", "基金监管检查覆盖率", "100%", "100%", "20", "20"),
    ("效益指标", "社会效益指标", "住院费用政策范围内报销比例", "≥70%", "71.2%", "30", "30"),
    ("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "88%", "20", "17"),
)
OV_TOTAL = "96.49"


def overall_selfeval_sources() -> list[Block]:
    """A 部门整体支出绩效自评表 whose funds block splits the total by source and by use."""
    rows = [["部门（单位）名称", OV_AGENCY, "", "", "", "", "", ""],
            ["年度预算申请（万元）", "资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", *OV_FUNDS],
            ["", "按收入性质分：其中：一般公共预算", "1500.6", "1668.2", "1582.35", "", "", ""],
            ["", "其他资金", "20", "20", "19", "", "", ""],
            ["", "按支出性质分：其中：基本支出", "1220.6", "1220.6", "1201.35", "", "", ""],
            ["", "项目支出", "300", "467.6", "400", "", "", ""],
            ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
            ["", "保障参保群众基本医疗待遇，加强医保基金监管", "", "", "待遇保障到位，基金运行平稳", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]]
    rows += [[*ind, "宣传不够到位" if ind[6] != ind[5] else ""] for ind in OV_INDICATORS]
    rows.append(["总分", "", "", "", "", "100", OV_TOTAL, ""])
    spans = [Span(0, 1, 1, 7), Span(1, 0, 6, 1), Span(7, 0, 2, 1), Span(7, 1, 1, 3), Span(7, 4, 1, 4),
             Span(8, 1, 1, 3), Span(8, 4, 1, 4), Span(len(rows) - 1, 0, 1, 5)]
    grid = Grid(rows, [1.3, 2.2, 1.0, 1.0, 1.0, 0.6, 0.8, 1.6], 0, spans)
    return [Sheet("2023年度部门整体支出绩效自评表", grid, dept=None, unit="万元", landscape=True)]


VARIANTS: dict[str, Variant] = {
    "sangong_transposed.pdf": Variant(sangong_transposed, "2023年度部门决算"),
    "sangong_yoy_yuan.pdf": Variant(sangong_yoy_yuan, "2024年部门预算"),
    "summary_line_numbers_yuan.pdf": Variant(summary_line_numbers_yuan, "2023年度部门决算"),
    "split_codes_by_level.pdf": Variant(split_codes_by_level, "2023年度部门决算"),
    "expenditure_header_not_repeated.pdf": Variant(expenditure_header_not_repeated, "2023年度部门决算"),
    "expenditure_running_head.pdf": Variant(expenditure_running_head, "2023年度部门决算"),
    "expenditure_unruled.pdf": Variant(expenditure_unruled, "2024年部门预算"),
    "selfeval_merged_swapped.pdf": Variant(selfeval_merged_swapped, ""),
    "sangong_previous_year_block.pdf": Variant(sangong_previous_year_block, "2023年度部门决算"),
    "sangong_unruled.pdf": Variant(sangong_unruled, "2023年度部门决算"),
    "economic_codes_by_level.pdf": Variant(economic_codes_by_level, "2023年度部门决算"),
    "income_yuan_negative.pdf": Variant(income_yuan_negative, "2023年度部门决算"),
    "fiscal_summary_measures.pdf": Variant(fiscal_summary_measures, "2023年度部门决算"),
    "code_and_name_in_one_cell.pdf": Variant(code_and_name_in_one_cell, "2024年部门预算"),
    "economic_three_blocks.pdf": Variant(economic_three_blocks, "2023年度部门决算"),
    "sangong_stage_rows.pdf": Variant(sangong_stage_rows, "2023年度部门决算"),
    "sangong_year_rows.pdf": Variant(sangong_year_rows, "2024年部门预算"),
    "budget_and_actual_columns.pdf": Variant(budget_and_actual_columns, "2023年度部门决算"),
    "selfeval_expected_actual_weight.pdf": Variant(selfeval_expected_actual_weight, ""),
    "unit_in_column_headers.pdf": Variant(unit_in_column_headers, "2024年部门预算"),
    "expenditure_continued_title.pdf": Variant(expenditure_continued_title, "2023年度部门决算"),
    "sangong_meeting_training_rows.pdf": Variant(sangong_meeting_training_rows, "2023年度部门决算"),
    "summary_stacked.pdf": Variant(summary_stacked, "2024年部门预算"),
    "expenditure_yuan_unit_below.pdf": Variant(expenditure_yuan_unit_below, "2023年度部门决算"),
    "sangong_title_and_unit_in_grid.pdf": Variant(sangong_title_and_unit_in_grid, "2023年度部门决算"),
    "overall_selfeval_sources.pdf": Variant(overall_selfeval_sources, ""),
    "expenditure_unruled_pages.pdf": Variant(expenditure_unruled_pages, "2023年度部门决算"),
    "sangong_transposed_line_numbers.pdf": Variant(sangong_transposed_line_numbers, "2023年度部门决算"),
    # the same tables in the other house style (header cells unmerged, labels repeated per row)
    "sangong_transposed_b.pdf": Variant(sangong_transposed, "2023年度部门决算", STYLE_OTHER),
    "split_codes_by_level_b.pdf": Variant(split_codes_by_level, "2023年度部门决算", STYLE_OTHER),
    "summary_line_numbers_yuan_b.pdf": Variant(summary_line_numbers_yuan, "2023年度部门决算", STYLE_OTHER),
}


def build(out_dir: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir."""
    return sheets.build(VARIANTS, STYLE, out_dir, names)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_more")).values():
        print(path)
