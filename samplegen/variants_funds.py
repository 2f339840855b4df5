"""A self-evaluation form's funds block as 安徽 池州 prints it: 年度资金总额 over its 其中 lines (财政拨款 / 上年结转 /
其他资金) under 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分. Drawn whole (the total is the sum of its
lines) and `broken` as the 池州 form printed it: the total 0 | 0 | 0, the money only on its 财政拨款 line.
`python -m samplegen.variants_funds DIR` writes them."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from . import sheets
from .layout import Block
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_A
from .variants_selfeval_twelfth_forms import Ind, Project, form_grid, g, wan

STYLE = replace(STYLE_A, name="variant-funds", repeat_title=False)
DOC_TITLE = "2023年度项目支出绩效自评表"
HEAD = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
AGENCY = "池州市贵池区农业农村局"
# 财政拨款 and 其他资金 (年初, 全年, 执行) in 万元: the total is their sum
FISCAL, OTHER = (120.0, 118.0, 112.1), (30.0, 32.0, 30.4)
PROJECT = Project("高标准农田建设项目管护经费", 150.0, 150.0, 142.5, "95.00%", 10, 9.5, (
    Ind("产出指标", "数量指标", "管护农田面积", "≥2.5万亩", "2.6万亩", 20, 20),
    Ind("产出指标", "质量指标", "管护设施完好率", "≥90%", "93%", 20, 20),
    Ind("产出指标", "时效指标", "管护任务完成时间", "2023年12月底前", "按时完成", 10, 10),
    Ind("效益指标", "经济效益指标", "亩均粮食增产", "≥50公斤", "56公斤", 15, 15),
    Ind("效益指标", "可持续影响指标", "长效管护机制", "建立", "已建立", 15, 15),
    Ind("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "94%", 10, 10)))


def funds(broken: bool = False) -> list[Block]:
    """年度资金总额 | 其中：财政拨款 | 上年结转 (blank) | 其他资金 — broken: the total printed 0, the money on
    the 财政拨款 line alone (its figures the whole project's)."""
    p = PROJECT
    total = ("0", "0", "0") if broken else tuple(wan(sum(x)) for x in zip(FISCAL, OTHER, strict=True))
    fiscal = (p.initial, p.budget, p.executed) if broken else FISCAL
    other = ("", "", "") if broken else tuple(wan(x) for x in OTHER)
    grid = form_grid(p, AGENCY, HEAD, (*total, g(p.weight), "0.00%" if broken else p.rate or "", g(p.score)), (
        ("其中：财政拨款", *(wan(x) for x in fiscal), "", "", ""),
        ("上年结转", "", "", "", "", "", ""),
        ("其他资金", *other, "", "", "")))
    return [Sheet("项目支出绩效自评表", grid, dept=None, unit="万元", subtitle="（2023年度）")]


VARIANTS: dict[str, Variant] = {"funds_lines.pdf": Variant(funds, DOC_TITLE)}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_funds"), broken=True).values():
        print(path)
