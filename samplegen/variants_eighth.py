"""An eighth round of layouts, above all the 绩效自评 forms the project rules read (samplegen/variants_eighth_forms.py
draws them): the 财政部 template's 年度预算数 | 全年执行数 | 分值 | 执行率 | 得分 funds block with 财政拨款 and 其他资金
lines under a 绩效指标 label column; a funds block with no score, the 预算执行率 scored as the indicator block's first
line; a form breaking over a page right under its indicator header (or inside a 一级 block merged down), 得分
before 分值; four projects' forms in one document, two scoring the budget execution in full at 0 % and 40 % (the
anomaly of full_score_low_execution and high_total_low_execution), and the same four listed one line each before their forms; a 部门整体支出绩效自评表 of
预算数 | 执行数; a form in 元 said only by the 金额单位 line above it, its targets in words (不低于95%, one missed and
scored in full); a 项目支出绩效自评结果汇总表 of many projects one line each (预算数 | 执行数 | 执行率 | 自评得分 |
等级, with a one- or two-row header; or 18 lines in 元 over two pages, 项目类别 first, scores printed "95分"), two
lines at 35 % and 0 % scoring 90+; a Word form printing "项目名称：…" (label and value in one cell), 40 % scored in
full; 分值 | 执行率 | 得分 merged down the fund lines; a 全年预算数 left blank beside the 年初预算数; forms attached to a
部门决算 — and, of the 部门决算, a 2024 财政拨款收入支出决算总表 printing every function class of the 2024 template,
行次 columns and four measure columns, over two pages (the second without its header), and a 国有资本经营预算财政拨款
收入支出决算表 with figures (a 国资委's). Each drawn whole and `broken` (a form's indicator 得分 printed lower, so
that its 总分 is no longer the sum of its scores; a list's 执行数 printed higher, so that its 合计 is no longer
theirs; a class or a 项目支出 figure printed higher, so that a sum no longer closes).
`python -m samplegen.variants_eighth DIR` writes them."""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

from . import sheets
from . import variants_eighth_forms as forms
from .layout import Block, Cover, Grid, Span
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_A, STYLE_B
from .variants_fourth import SB_AGENCY, summary_side_by_side
from .variants_sixth import Line, bumped, fund_final_grid, rollup

STYLE = replace(STYLE_A, name="variant-eighth", repeat_title=False, seed_breaks=True)
STYLE_OTHER = replace(STYLE_B, name="variant-eighth-b", seed_breaks=True)
SELFEVAL = "2023年度项目支出绩效自评表"
FINAL_2024 = "2024年度部门决算"


def wan(x: float) -> str:
    return f"{x:,.2f}" if x else ""


# ---------------------------------------------------------------- 2024 财政拨款收入支出决算总表, every class, two pages
FT_AGENCY = "毕节市生态环境局"
FT_INCOME = (("一、一般公共预算财政拨款", 1980.0), ("二、政府性基金预算财政拨款", 150.0),
             ("三、国有资本经营预算财政拨款", 0.0))
FT_CLASS_NAMES = ("一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
                  "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出",
                  "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出",
                  "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出",
                  "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出", "债务还本支出", "债务付息支出")
# class → (一般公共预算财政拨款, 政府性基金预算财政拨款); the others printed blank
FT_SPENT = {"社会保障和就业支出": (210.5, 0.0), "卫生健康支出": (86.3, 0.0), "节能环保支出": (1560.0, 0.0),
            "城乡社区支出": (0.0, 140.0), "住房保障支出": (95.2, 0.0)}
FT_OPENING = (12.0, 0.0)  # 年初财政拨款结转和结余: 一般公共预算, 政府性基金
FT_BROKEN = "卫生健康支出"
ORDINALS = "一二三四五六七八九十"


def _ordinal(k: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (the labels' 一、 … 二十五、)."""
    tens, ones = divmod(k, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else ORDINALS[tens - 1] + "十")) + (ORDINALS[ones - 1] if ones else "")


def ft_totals() -> dict[str, float]:
    """item → amount of the 2024 总表."""
    income = sum(x for _l, x in FT_INCOME)
    opening = sum(FT_OPENING)
    spent = sum(a + b for a, b in FT_SPENT.values())
    grand = income + opening
    return {k: round(v, 6) for k, v in {
        "income_total": income, "opening_balance": opening, "grand_total": grand, "expenditure_total": spent,
        "closing_balance": grand - spent, "grand_total_expenditure": grand, "fiscal_appropriation": FT_INCOME[0][1],
        "gov_fund_appropriation": FT_INCOME[1][1]}.items()}


def ft_classes() -> dict[str, float]:
    """class name → 合计 of the classes that spent anything."""
    return {name: round(a + b, 6) for name, (a, b) in FT_SPENT.items()}


def fiscal_summary_2024(broken: bool = False) -> list[Block]:
    """收入 项目 | 行次 | 金额 beside 支出 项目 | 行次 | 合计 | 一般公共预算 | 政府性基金 | 国有资本经营, the 25 classes
    of the 2024 template (most blank), broken over two pages; the second page prints no header."""
    rows = [["收入", "", "", "支出", "", "", "", "", ""],
            ["项目", "行次", "金额", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
             "国有资本经营预算财政拨款"],
            ["栏次", "", "1", "栏次", "", "2", "3", "4", "5"]]
    n = len(FT_CLASS_NAMES)
    left = [[label, str(k + 1), wan(x)] for k, (label, x) in enumerate(FT_INCOME)]
    left += [["", str(k + 1), ""] for k in range(len(left), n)]
    for k, (a, name) in enumerate(zip(left, FT_CLASS_NAMES, strict=True)):
        gpb, fund = FT_SPENT.get(name, (0.0, 0.0))
        shown = gpb + 1.0 if broken and name == FT_BROKEN else gpb
        rows.append([*a, f"{_ordinal(k + 1)}、{name}", str(n + k + 1), wan(shown + fund), wan(shown), wan(fund), ""])
    t = ft_totals()
    spent_gpb = sum(a for a, _b in FT_SPENT.values())
    spent_fund = sum(b for _a, b in FT_SPENT.values())
    close_gpb, close_fund = FT_INCOME[0][1] + FT_OPENING[0] - spent_gpb, FT_INCOME[1][1] + FT_OPENING[1] - spent_fund
    rows += [["本年收入合计", str(n + 1), wan(t["income_total"]), "本年支出合计", str(2 * n + 1),
              wan(t["expenditure_total"]), wan(spent_gpb), wan(spent_fund), ""],
             ["年初财政拨款结转和结余", str(n + 2), wan(t["opening_balance"]), "年末财政拨款结转和结余", str(2 * n + 2),
              wan(t["closing_balance"]), wan(close_gpb), wan(close_fund), ""],
             ["一般公共预算财政拨款", str(n + 3), wan(FT_OPENING[0]), "", str(2 * n + 3), "", "", "", ""],
             ["政府性基金预算财政拨款", str(n + 4), wan(FT_OPENING[1]), "", str(2 * n + 4), "", "", "", ""],
             ["国有资本经营预算财政拨款", str(n + 5), "", "", str(2 * n + 5), "", "", "", ""],
             ["总计", str(n + 6), wan(t["grand_total"]), "总计", str(2 * n + 6), wan(t["grand_total_expenditure"]),
              wan(FT_INCOME[0][1] + FT_OPENING[0]), wan(FT_INCOME[1][1] + FT_OPENING[1]), ""]]
    spans = [Span(0, 0, 1, 3, "header"), Span(0, 3, 1, 6, "header")]
    grid = Grid(rows, [2.4, 0.45, 1.0, 2.6, 0.45, 1.0, 1.2, 1.2, 1.2], header_rows=3, spans=spans,
                align=["l", "c", "r", "l", "c", "r", "r", "r", "r"])
    note = "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。"
    return [Cover([FT_AGENCY, FINAL_2024]),
            Sheet("财政拨款收入支出决算总表", grid, code="公开04表", dept=FT_AGENCY, unit="万元", notes=[note],
                  repeat_header=False, page_rows=[16, len(rows)])]


# ---------------------------------------------------------------- 国有资本经营预算财政拨款收入支出决算表 with figures
SO_AGENCY = "六盘水市国有资产监督管理委员会"
SO_NAMES = {"223": "国有资本经营预算支出", "22301": "解决历史遗留问题及改革成本支出",
            "22399": "其他国有资本经营预算支出"}
_SO_PARTS = (  # code, name, 年初结转和结余, 本年收入, 基本支出, 项目支出
    ("2230105", "国有企业退休人员社会化管理补助支出", 0.0, 120.0, 0.0, 118.5),
    ("2230199", "其他解决历史遗留问题及改革成本支出", 6.4, 30.0, 0.0, 36.4),
    ("2239999", "其他国有资本经营预算支出", 10.0, 50.0, 0.0, 55.0),
)
SO_MEASURES = ("opening", "income", "total", "basic", "project", "closing")
SO_BROKEN = (None, "223", "22399", "2239999")


def soe_lines() -> list[Line]:
    items = tuple((c, n, (a, i, round(b + p, 6), b, p, round(a + i - b - p, 6))) for c, n, a, i, b, p in _SO_PARTS)
    return rollup(items, SO_NAMES)


def soe_final(broken: bool = False) -> list[Block]:
    """项目 | 年初结转和结余 | 本年收入 | 本年支出 (小计 | 基本支出 | 项目支出) | 年末结转和结余 of a 国资委 that
    spends 国有资本经营 money (the table every other set prints empty). Broken: one 项's 项目支出 printed 1.00
    higher, and its 款, 类 and 合计 with it — only the lines' 小计 = 基本 + 项目 fails."""
    lines = bumped(soe_lines(), SO_BROKEN, 4, 1.0) if broken else soe_lines()
    body = [["", "合计", *(wan(x) or "0.00" for x in lines[0][2])]]
    body += [[c or "", n, *(wan(x) for x in f)] for c, n, f in lines[1:]]
    return [Cover([SO_AGENCY, FINAL_2024]),
            Sheet("国有资本经营预算财政拨款收入支出决算表", fund_final_grid(body), code="公开08表", dept=SO_AGENCY, unit="万元",
                  landscape=True)]


def final_with_selfeval(broken: bool = False) -> list[Block]:
    """A 部门决算 (cover, 收入支出决算总表) with its projects' 绩效自评表 attached after its tables."""
    return [*summary_side_by_side(broken), *forms.selfeval_many_projects(broken, agency=SB_AGENCY)]


VARIANTS: dict[str, Variant] = {
    "selfeval_annual_funds.pdf": Variant(forms.selfeval_annual_budget, SELFEVAL),
    "selfeval_rate_as_indicator.pdf": Variant(forms.selfeval_rate_as_indicator, SELFEVAL),
    "selfeval_break_under_header.pdf": Variant(forms.selfeval_break_under_header, SELFEVAL),
    "selfeval_many_projects.pdf": Variant(forms.selfeval_many_projects, SELFEVAL),
    "selfeval_many_projects_b.pdf": Variant(forms.selfeval_many_projects, SELFEVAL, STYLE_OTHER),
    "overall_selfeval_executed.pdf": Variant(forms.overall_selfeval_budget_executed,
                                             "2023年度部门整体支出绩效自评表"),
    "selfeval_list.pdf": Variant(forms.selfeval_list, SELFEVAL),
    "selfeval_list_two_level.pdf": Variant(forms.selfeval_list_two_level, SELFEVAL, STYLE_OTHER),
    "selfeval_list_then_forms.pdf": Variant(forms.selfeval_list_then_forms, SELFEVAL),
    "selfeval_unit_yuan_above.pdf": Variant(forms.selfeval_unit_yuan_above, SELFEVAL),
    "selfeval_list_long.pdf": Variant(forms.selfeval_list_long, SELFEVAL),
    "final_with_selfeval.pdf": Variant(final_with_selfeval, "2023年度部门决算"),
    "selfeval_fused_labels.pdf": Variant(forms.selfeval_fused_labels, SELFEVAL),
    "selfeval_scores_merged_down.pdf": Variant(forms.selfeval_scores_merged_down, SELFEVAL),
    "selfeval_full_year_blank.pdf": Variant(forms.selfeval_full_year_blank, SELFEVAL),
    "soe_final_with_figures.pdf": Variant(soe_final, FINAL_2024),
    "selfeval_list_titled_as_form.pdf": Variant(partial(forms.selfeval_list, title="2023年度项目支出绩效自评表"),
                                                SELFEVAL),
    "selfeval_form_titled_as_list.pdf": Variant(partial(forms.selfeval_full_year_blank, title="项目支出绩效自评情况表"),
                                                SELFEVAL),
    "selfeval_merged_level_over_pages.pdf": Variant(forms.selfeval_merged_level_over_pages, SELFEVAL),
    "fiscal_summary_2024_two_pages.pdf": Variant(fiscal_summary_2024, FINAL_2024),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_eighth"), broken=True).values():
        print(path)
