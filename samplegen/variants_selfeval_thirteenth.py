"""A thirteenth round of layouts: 绩效自评 forms as 北京, 上海, 江苏, 浙江, 广东, 贵州, 天津 and 湖南 offices print them,
every one with its 年度资金总额's 其中 lines. The 执行率 printed as a fraction (0.95), or as a number under 执行率（%）
(96.5; a 0.8 % execution printed 0.8), or with a full-width ％; long 未完成原因及改进措施 notes; a 部门整体支出绩效自评表
with a 年度主要任务 block (task amounts under the fund columns) before its goals; 分值 | 得分 merged down two
indicators of one 二级; the execution's 分值 only in the header (分值（10）); 满意度 scores rounded (9.84 printed 9.8)
under a 总分 summed before rounding; indicators going on over the page with neither title nor header; two forms on a
page, the second untitled; fund lines off their total; a form in 元 with its lines, lines by level of government
(中央 | 市级 | 区级), 财政拨款 broken down under it (samplegen/variants_selfeval_thirteenth_more.py). Each drawn whole (nothing to flag) and `broken` with one
planted defect: nothing spent and the execution scored in full, a 执行率 that is not 执行数 / 预算数, a 总分 that is
not the sum of the scores, a missed target scored in full, a 年初预算数 total off its 其中 lines.
`python -m samplegen.variants_selfeval_thirteenth DIR` writes them."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from . import sheets
from . import variants_selfeval_thirteenth_forms as forms
from . import variants_selfeval_thirteenth_more as more
from .sheets import Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_A, STYLE_B
from .variants_selfeval_twelfth_forms import OVERALL, Ind

STYLE = replace(STYLE_A, name="variant-thirteenth", repeat_title=False)
STYLE_OTHER = replace(STYLE_B, name="variant-thirteenth-b")
DOC_TITLE = "2023年度项目支出绩效自评表"


VARIANTS: dict[str, Variant] = {
    "beijing_rate_decimal.pdf": Variant(forms.rate_decimal, DOC_TITLE),
    "shanghai_rate_in_header.pdf": Variant(forms.rate_in_header, DOC_TITLE,
                                           STYLE_OTHER),
    "jiangsu_long_notes.pdf": Variant(forms.long_notes, DOC_TITLE),
    "zhejiang_overall_tasks.pdf": Variant(forms.overall_tasks,
                                          "2023年度部门整体支出绩效自评表"),
    "guangdong_merged_scores.pdf": Variant(forms.merged_scores, DOC_TITLE,
                                           STYLE_OTHER),
    "guizhou_weight_in_head.pdf": Variant(forms.weight_in_head, DOC_TITLE),
    "hunan_rounded_scores.pdf": Variant(forms.rounded_scores, DOC_TITLE),
    "tianjin_headless.pdf": Variant(forms.headless_continuation, DOC_TITLE),
    "jiangsu_two_up.pdf": Variant(forms.two_up, DOC_TITLE, STYLE_OTHER),
    "zhejiang_lines_off.pdf": Variant(forms.lines_off, DOC_TITLE),
    **{name: Variant(build, DOC_TITLE) for name, build in more.BUILDERS.items()},
}

FULL_LOW = ("full_score_low_execution", "high_total_low_execution")
# file → rule → the projects its broken copy should be flagged for (the whole copies raise nothing)
PLANTED: dict[str, dict[str, tuple[str, ...]]] = {
    "beijing_rate_decimal.pdf": {rule: (forms.BJ.p.name,) for rule in FULL_LOW},
    "shanghai_rate_in_header.pdf": {rule: (forms.SH[0].p.name,) for rule in FULL_LOW},
    "jiangsu_long_notes.pdf": {"indicator_unmet_full_score": (forms.JS.p.name,)},
    "zhejiang_overall_tasks.pdf": {"exec_rate_misreported": (OVERALL,)},
    "guangdong_merged_scores.pdf": {"total_score_mismatch": (forms.GD.p.name,)},
    "guizhou_weight_in_head.pdf": {rule: (forms.GZ.p.name,) for rule in FULL_LOW},
    "hunan_rounded_scores.pdf": {rule: (forms.HN.p.name,) for rule in FULL_LOW},
    "tianjin_headless.pdf": {"total_score_mismatch": (forms.TJ.p.name,)},
    "jiangsu_two_up.pdf": {rule: (forms.SZ[1].p.name,) for rule in FULL_LOW},
    "zhejiang_lines_off.pdf": {"totals_mismatch": (forms.HZ.p.name,)},
    **more.PLANTED,
}
IN_PERCENT = ("shanghai_rate_in_header.pdf",)  # its 执行率 column says （%）: the rates are printed in percent


def rate_of(text: str | None, in_percent: bool) -> float | None:
    """A printed 执行率 as a fraction: 96.00% and 96.00％ per cent, a bare number per cent only under 执行率（%）."""
    if not text:
        return None
    t = text.replace("％", "%")
    value = float(t.rstrip("%"))
    return round(value / 100 if t.endswith("%") or in_percent else value, 6)


def _indicator(i: Ind, name: str) -> Ind:
    """An indicator as read: one scored with the line above (merged 分值 | 得分) has no weight or score of its own."""
    return i._replace(weight=None, score=None) if name == "guangdong_merged_scores.pdf" and \
        i.name in forms.GD_MERGED else i


def drawn(name: str, broken: bool = False) -> dict[str, tuple[dict[str, object], tuple[Ind, ...]]]:
    """project → (its projects row, its indicators) as file `name` (or its broken copy) prints them."""
    out = {}
    for f in more.printed(name, broken) if name in more.PRINTED else forms.printed(name, broken):
        p = f.p
        lines = f.stored if isinstance(f, more.Lined) else f.lines()
        row = {"budget_initial": p.initial, "budget_full_year": p.budget, "executed": p.executed,
               "exec_rate_reported": rate_of(p.rate, name in IN_PERCENT), "exec_weight": p.weight,
               "exec_score": p.score, "total_score": p.total if p.scored else None, "grade": p.grade,
               **{k: None for k in ("budget_initial", "budget_full_year", "executed") for k in
                  (f"{k}_fiscal", f"{k}_carried_over", f"{k}_other")}, **lines}
        out[p.name] = (row, tuple(_indicator(i, name) for i in p.indicators))
    return out


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_selfeval_thirteenth"),
                      broken=True).values():
        print(path)
