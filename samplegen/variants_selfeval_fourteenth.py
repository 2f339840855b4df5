"""A fourteenth round of layouts: 绩效自评 forms as 北京, 河北, 山东, 浙江, 四川 and 云南 offices print them
(samplegen/variants_selfeval_fourteenth_forms.py), and more (samplegen/variants_selfeval_fourteenth_more.py). A funds
block labelled 预算执行情况（千元）, its columns in another order, amounts in 千元, the 执行率 a fraction; 得分 split into
自评得分 | 复核得分; on a landscape page the fund lines first and their 合计 last; every 分值 and 得分 printed with 分
(总分 100分); the execution's 分值 left blank; the 总分 fused with its value in one cell across the line; indicators
over three pages; three projects in one ruled table; 偏差原因分析 | 改进措施 as two columns; the fund kinds as columns;
a fund line of a kind not guessed. Each drawn whole (nothing to flag) and `broken` with one planted defect: nothing
spent and the execution scored in full, a total off its fund lines, a 总分 that is not the sum of the scores, a missed
target scored in full, a 执行率 that is not 执行数 / 预算数 — or one the reading cannot vouch for (`PARTIAL`).
`python -m samplegen.variants_selfeval_fourteenth DIR` writes them."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from . import sheets
from . import variants_selfeval_fourteenth_forms as forms
from . import variants_selfeval_fourteenth_more as more
from .sheets import Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .styles import STYLE_A, STYLE_B
from .variants_selfeval_twelfth_forms import Ind

STYLE = replace(STYLE_A, name="variant-fourteenth", repeat_title=False)
STYLE_OTHER = replace(STYLE_B, name="variant-fourteenth-b")
DOC_TITLE = "2023年度项目支出绩效自评表"
BUILDERS = {**forms.BUILDERS, **more.BUILDERS}
OTHER_STYLE = ("hebei_review_scores.pdf", "yunnan_fused_total.pdf")

VARIANTS: dict[str, Variant] = {
    name: Variant(build, DOC_TITLE, STYLE_OTHER if name in OTHER_STYLE else None) for name, build in BUILDERS.items()}
PLANTED: dict[str, dict[str, tuple[str, ...]]] = {**forms.PLANTED, **more.PLANTED}
PARTIAL = more.PARTIAL  # files read only partly (a reading note): nothing planted there may be raised


def rate_of(text: str | None) -> float | None:
    """A printed 执行率 as a fraction: 85.00% per cent, a bare number (0.85) a fraction."""
    if not text:
        return None
    value = float(text.rstrip("%"))
    return round(value / 100 if text.endswith("%") else value, 6)


def _printed(name: str, broken: bool) -> tuple[forms.Drawn, ...]:
    return more.printed(name, broken) if name in more.PRINTED else forms.printed(name, broken)


def drawn(name: str, broken: bool = False) -> dict[str, tuple[dict[str, object], tuple[Ind, ...]]]:
    """project → (its projects row, its indicators) as file `name` (or its broken copy) prints them."""
    return {d.p.name: ({**d.expected(), "exec_rate_reported": rate_of(d.p.rate)}, d.p.indicators)
            for d in _printed(name, broken)}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_selfeval_fourteenth"),
                      broken=True).values():
        print(path)
