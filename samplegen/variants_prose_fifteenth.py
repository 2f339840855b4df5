"""A fifteenth round: the 情况说明 of a 决算 and a 预算 in three more offices' words (variants_prose_fifteenth_text.py) —
财政拨款收入 with its share, 基本支出/项目支出 in 元 inside a 万元 text (and a 决算 in 元 throughout), 同比 / 较上年 /
与上年相比, 持平, 增长 1.5 倍, shares and rates to one or two decimals rounded right, sentences running over a page
break, 机关运行经费 and 政府采购 with their 其中 lines, a 说明 repeating last year's totals against the year before.

Drawn and planted as samplegen/variants_prose_thirteenth.py draws them (its renderer, blocks and `Plant`): each wording
whole (nothing may be raised) and in `PLANTS` copies (one misstatement each, raised by its rule with its quote and
page). `python -m samplegen.variants_prose_fifteenth DIR` writes them."""

from __future__ import annotations

import sys
from pathlib import Path

from .variants_prose_fifteenth_text import WORDINGS
from .variants_prose_thirteenth import Plant, write_set

PLANTS: dict[str, Plant] = {
    # a comparison with the document's own year
    "m_year": Plant("m", "year_inconsistent", "与2021年相比", "与2022年相比", quote="2022年相比"),
    # 财政拨款收入 not its table's (the share is then of a part larger than its total: not checked)
    "m_fiscal_income": Plant("m", "narrative_table_mismatch", "财政拨款收入1,467.16万元", "财政拨款收入1,476.16万元",
                             quote="1,476.16"),
    # a part in 元 with two digits swapped; its share is the table figure's: the figure is blamed, not the share
    "m_part": Plant("m", "narrative_table_mismatch", "基本支出9,701,300.00元", "基本支出9,710,300.00元",
                    quote="9,710,300.00"),
    # a 类 that fell said to rise, its rate that of the fall
    "m_direction": Plant("m", "comparison_wording_wrong", "较上年减少6.03万元，下降7.33%", "较上年增加6.03万元，增长7.33%",
                         quote="增加6.03万元"),
    # a completion rate to one decimal
    "m_completion": Plant("m", "percentage_misstated", "完成预算的69.1%", "完成预算的61.9%"),
    # a share printed after a page break
    "m_page_share": Plant("m", "percentage_misstated", "占35.7%", "占53.7%"),
    # the 机关运行经费's growth
    "m_running_rate": Plant("m", "percentage_misstated", "增长8.88%，其中", "增长8.08%，其中", quote="增长8.08%"),
    # a 政府采购 share of its total
    "m_procurement_share": Plant("m", "percentage_misstated", "占65.45%", "占56.45%"),
    # template text: the unit never named, the year never filled in
    "m_residue": Plant("m", "template_residue", "本单位共有车辆", "XX单位共有车辆", quote="XX单位"),
    "m_year_blank": Plant("m", "template_residue", "2022年度本单位无政府性基金", "202X年度本单位无政府性基金",
                          quote="202X年度"),
    # a budget's total said to fall, its rate that of the rise
    "n_direction": Plant("n", "comparison_wording_wrong", "比上年增加189.48万元，增长69.66%，主要原因是人员",
                         "比上年减少189.48万元，下降69.66%，主要原因是人员", quote="减少189.48万元"),
    # a heading naming the next year
    "n_heading_year": Plant("n", "year_inconsistent", "二、2023年收入预算情况", "二、2024年收入预算情况",
                            quote="2024年收入预算"),
    # 基本支出 in 元 not its table's (its share follows the table's figure)
    "n_yuan_basic": Plant("n", "narrative_table_mismatch", "基本支出4,108,900.00元", "基本支出4,180,900.00元",
                          quote="4,180,900.00"),
    # a 类's share printed after a page break
    "n_page_share": Plant("n", "percentage_misstated", "占7.52%", "占5.72%"),
    # a 类 figure with two digits swapped, its share the table figure's
    "n_class": Plant("n", "narrative_table_mismatch", "卫生健康支出17.80万元", "卫生健康支出18.70万元", quote="18.7"),
    # the 三公 said to rise, its rate that of the fall
    "n_sangong_word": Plant("n", "comparison_wording_wrong", "较上年减少0.10万元，下降16.67%", "较上年增加0.10万元，增长16.67%",
                            quote="增加0.10万元"),
    # a total in 元 not its table's
    "o_total_yuan": Plant("o", "narrative_table_mismatch", "收入总计14,685,300.00元", "收入总计14,658,300.00元",
                          quote="14,658,300.00"),
    # a rate said without figures, last year's total stated in a 说明 below it
    "o_bare_rate": Plant("o", "percentage_misstated", "均较上年增长0.31%", "均较上年增长3.1%", quote="增长3.1%"),
    # a share to two decimals
    "o_fiscal_share": Plant("o", "percentage_misstated", "占99.95%", "占99.59%"),
    "o_basic_share": Plant("o", "percentage_misstated", "占66.15%", "占61.65%"),
    # a growth to one decimal
    "o_fiscal_rate": Plant("o", "percentage_misstated", "增长1.6%，主要原因", "增长1.9%，主要原因", quote="增长1.9%"),
    # a 类 in 元 not its table's (its rate then wrong too: one finding)
    "o_class_yuan": Plant("o", "narrative_table_mismatch", "13,580,800.00元", "13,850,800.00元", quote="13,850,800.00"),
    # 持平 of two different figures
    "o_flat": Plant("o", "comparison_wording_wrong", "上年决算数62,200.00元，与上年持平", "上年决算数68,200.00元，与上年持平",
                    quote="持平"),
    # a fall from last year's stated figure said to be a rise
    "o_reception_word": Plant("o", "comparison_wording_wrong", "比上年减少10,600.00元，下降32.3%",
                              "比上年增加10,600.00元，增长32.3%", quote="增加"),
}


def name(key: str, planted: str = "") -> str:
    return f"prose15_{key}{'__' + planted if planted else ''}.pdf"


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write every wording whole (and, with `broken`, its planted copies) into out_dir; file name → path."""
    return write_set(out_dir, name, WORDINGS, PLANTS, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_prose_fifteenth"),
                      broken=True).values():
        print(path)
