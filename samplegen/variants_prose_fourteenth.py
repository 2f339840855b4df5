"""A fourteenth round: the 情况说明 of a 决算 and a 预算 in three more offices' words (variants_prose_fourteenth_text.py) —
shares of a total said by name a sentence before (政府采购支出总额), 三公 shares in a sentence naming no total, the
公用经费 and 机关运行经费 listed by economic line (公务接待费, 公务用车运行维护费 of the 基本支出, not the 三公 table's),
同比 rates on the wrong base, rates worded 增长率为/下降幅度为/增幅达 or before their change, 百分点, year ranges, 元 and
full-width figures inside a 万元 text.

Drawn and planted as samplegen/variants_prose_thirteenth.py draws them (its renderer, blocks and `Plant`): each wording
whole (nothing may be raised) and in `PLANTS` copies (one misstatement each, raised by its rule with its quote and
page). `python -m samplegen.variants_prose_fourteenth DIR` writes them."""

from __future__ import annotations

import sys
from pathlib import Path

from .variants_prose_fourteenth_text import WORDINGS
from .variants_prose_thirteenth import Plant, write_set

PLANTS: dict[str, Plant] = {
    # a 三公 item's share in a sentence opening "“三公”经费…决算中，" with no total of its own
    "j_sangong_share": Plant("j", "percentage_misstated", "占35.69%", "占53.69%"),
    # the 小微企业 share of the 政府采购支出总额 stated a sentence before
    "j_sme_share": Plant("j", "percentage_misstated", "占政府采购支出总额的65.45%", "占政府采购支出总额的56.45%"),
    # the 中小企业 share of the same total, a decimal slip
    "j_sme_total": Plant("j", "percentage_misstated", "占政府采购支出总额的100%", "占政府采购支出总额的10%"),
    # the 三公 公务接待费 misstated (the 公用经费 line of the same name, 0.78, is not it)
    "j_reception": Plant("j", "narrative_table_mismatch", "公务接待费2.22万元，较上年减少", "公务接待费2.42万元，较上年减少",
                         quote="2.42万元"),
    # a rate of the change taken over this year's figure (23.12 ÷ 1,467.16), not last year's
    "j_base": Plant("j", "percentage_misstated", "同比增长1.60%", "同比增长1.58%"),
    # a 三公 item's growth, with its reason after it
    "j_sangong_rate": Plant("j", "percentage_misstated", "增长36.05%", "增长63.05%"),
    # a full-width figure with a full-width thousands comma
    "j_fullwidth": Plant("j", "narrative_table_mismatch", "本年支出合计１，４６８．５３万元", "本年支出合计１，４８６．５３万元",
                         quote="1,486.53"),
    # a share of the 基本支出 named by it
    "j_personnel_share": Plant("j", "percentage_misstated", "占基本支出的89.90%", "占基本支出的98.90%"),
    # a budget's 同比 rate on the wrong base (189.48 ÷ 461.49)
    "k_base": Plant("k", "percentage_misstated", "同比增长69.66%", "同比增长41.06%"),
    # 机关运行经费 in 元 inside a 万元 text, its rate on the wrong base
    "k_running": Plant("k", "percentage_misstated", "增长80.74%", "增长44.67%"),
    # the 三公 budget's fall against last year's budget
    "k_sangong": Plant("k", "percentage_misstated", "下降50%。其中", "下降25%。其中", quote="下降25%"),
    # a share followed by its 百分点 change
    "k_share": Plant("k", "percentage_misstated", "占89.04%", "占98.04%"),
    # full-width figures of a budget, misstated
    "k_fullwidth": Plant("k", "percentage_misstated", "增长６９．６６％", "增长６６．９６％", quote="66.96"),
    # rates worded 增长率为 / 下降幅度为 / 增幅达 / in brackets / before their change: each misstated
    "l_rate_word": Plant("l", "percentage_misstated", "增长率为0.31%", "增长率为3.10%"),
    "l_rate_first": Plant("l", "percentage_misstated", "比上年增长1.60%，增加23.12万元", "比上年增长6.10%，增加23.12万元",
                          quote="增长6.10%"),
    "l_rise_extent": Plant("l", "percentage_misstated", "上升幅度为1.60%", "上升幅度为1.06%"),
    "l_bracket": Plant("l", "percentage_misstated", "（增长36.05%）", "（增长63.05%）", quote="增长63.05%"),
    "l_fall_extent": Plant("l", "percentage_misstated", "下降幅度为32.32%", "下降幅度为23.32%"),
    "l_reached": Plant("l", "percentage_misstated", "增幅达8.88%", "增幅达9.88%"),
    # 公务接待费 fell; the words say it rose, the rate first
    "l_words": Plant("l", "comparison_wording_wrong", "比上年减少1.06万元，下降幅度为32.32%", "比上年增长32.32%，增加1.06万元",
                     quote="增长32.32%"),
    # a 三公 item's completion rate, its budget only in the 三公 table
    "l_completion": Plant("l", "percentage_misstated", "完成预算的44.4%", "完成预算的54.4%"),
    # a 类 figure after the change of the 类 before it (its own rate follows the table's figure)
    "l_class": Plant("l", "narrative_table_mismatch", "卫生健康支出（类）1,358.08万元",
                     "卫生健康支出（类）1,385.08万元", quote="1,385.08万元"),
}


def name(key: str, planted: str = "") -> str:
    return f"prose14_{key}{'__' + planted if planted else ''}.pdf"


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write every wording whole (and, with `broken`, its planted copies) into out_dir; file name → path."""
    return write_set(out_dir, name, WORDINGS, PLANTS, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_prose_fourteenth"),
                      broken=True).values():
        print(path)
