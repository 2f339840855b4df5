"""A fifteenth round of layouts: 绩效自评 forms as 湖南, 山西, 重庆, 江苏 and 福建 offices and the national
中央对地方转移支付区域绩效自评表 print them (samplegen/variants_selfeval_fifteenth_forms.py, with 内蒙古's), and
广东, 甘肃, 湖北, 海南, 宁夏 and 陕西 (samplegen/variants_selfeval_fifteenth_more.py). Fund lines inside label cells
(按收入性质分：… 其中：一般公共预算：…) beside a spending breakdown, or all in the 年度资金总额's cell; a 区域 form
with 中央补助 | 地方资金 lines and no scores; qualitative targets (达标, 按期完成) and ceilings in 工作日; 分值
before 年度指标值; a 自评等级 line under the 总分; amounts in 元 with the 执行率 in ％; 基本支出 | 项目支出 lines
before the fund lines, or a department's projects as lines; the execution scored as an indicator line under a
fractional 执行率; a funds header over two rows; two forms on a page, the second going on overleaf. Each drawn whole
(nothing to flag) and `broken` with one planted defect: nothing spent and scored in full, a line off its subtotal, a
misreported 执行率, a 未完成 or missed target scored in full, a 总分 off its sum, 执行数 over the budget. `python -m
samplegen.variants_selfeval_fifteenth DIR` writes them."""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import replace
from pathlib import Path

from . import sheets
from . import variants_selfeval_fifteenth_forms as forms
from . import variants_selfeval_fifteenth_more as more
from .sheets import Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_A, STYLE_B
from .variants_selfeval_fourteenth_forms import Drawn
from .variants_selfeval_twelfth_forms import Ind

STYLE = replace(STYLE_A, name="variant-fifteenth", repeat_title=False)
STYLE_OTHER = replace(STYLE_B, name="variant-fifteenth-b")
DOC_TITLE = "2023年度绩效自评表"
BUILDERS = {**forms.BUILDERS, **more.BUILDERS}
OTHER_STYLE = ("shanxi_one_cell.pdf", "jiangsu_weight_first.pdf", "hainan_exec_indicator.pdf")

VARIANTS: dict[str, Variant] = {
    name: Variant(build, DOC_TITLE, STYLE_OTHER if name in OTHER_STYLE else None) for name, build in BUILDERS.items()}
PLANTED: dict[str, dict[str, tuple[str, ...]]] = {**forms.PLANTED, **more.PLANTED}


def rate_of(text: str | None) -> float | None:
    """A printed 执行率 as a fraction: 85.00% (or ％) per cent, a bare number (0.85) a fraction."""
    if not text:
        return None
    text = unicodedata.normalize("NFKC", text)
    value = float(text.rstrip("%"))
    return round(value / 100 if text.endswith("%") else value, 6)


def _printed(name: str, broken: bool) -> tuple[Drawn, ...]:
    return more.printed(name, broken) if name in more.PRINTED else forms.printed(name, broken)


def drawn(name: str, broken: bool = False) -> dict[str, tuple[dict[str, object], tuple[Ind, ...]]]:
    """project → (its projects row, its indicators) as file `name` (or its broken copy) prints them."""
    return {d.p.name: ({**d.expected(), "exec_rate_reported": rate_of(d.p.rate)}, d.p.indicators)
            for d in _printed(name, broken)}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_selfeval_fifteenth"),
                      broken=True).values():
        print(path)
