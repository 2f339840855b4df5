"""A thirteenth round: the 情况说明 of a 决算 in the words other offices use. The 郴州 2022 决算's tables (seed 000) under
a 情况说明 rewritten in the national 部门决算公开 template's sentences and their variants — 与上年相比增加/减少 …，增长/下降
(或减少) …%, 比上年决算数 …, 较年初预算 …, 完成年初预算的 …, 占本年支出合计的 …, 三公 持平, 机关运行经费, 政府采购 by
货物/工程/服务 and 中小企业, 车辆 by use, 预算绩效 项目个数 — with figures in 万元, 元 or 亿元, 上年 before 本年,
percentages to one or two decimals, full-width digits and punctuation, a figure wrapped across a line break.

Each wording is drawn whole (every figure its tables' and its own arithmetic's: nothing may be raised) and in planted
copies (`PLANTS`: one misstated figure, percentage or word each, which must be raised with its quote and page).
`python -m samplegen.variants_prose_thirteenth DIR` writes them."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import chenzhou, dazhou
from .layout import Block, Cover, Heading, Para, Part, Renderer, TableBlock
from .seeds import seed_lines
from .styles import STYLES
from .variants_prose_thirteenth_text import WORDINGS, Broken, Wording

AGENCY = chenzhou.AGENCY
TITLE = chenzhou.TITLE


@dataclass(frozen=True)
class Plant:
    """One planted defect: `find` (its first occurrence) replaced by `replace` in wording `base`'s 情况说明; the
    rule that must raise it and the text its flag quotes (default: the replacement)."""

    base: str
    rule: str
    find: str
    replace: str
    quote: str = ""

    @property
    def quoted(self) -> str:
        return self.quote or self.replace


PLANTS: dict[str, Plant] = {
    # a share of a total (99.95 % misprinted)
    "a_share": Plant("a", "percentage_misstated", "占本年收入合计的99.95%", "占本年收入合计的99.59%"),
    # a growth rate (1.60 % printed as 1.06 %)
    "a_growth": Plant("a", "percentage_misstated", "各增加23.12万元，增长1.60%", "各增加23.12万元，增长1.06%"),
    # the completion rate of the 年初预算
    "a_completion": Plant("a", "percentage_misstated", "完成年初预算的144.55%", "完成年初预算的145.44%"),
    # the word: 公务接待费 fell and is said to have risen
    "a_word": Plant("a", "comparison_wording_wrong", "比上年决算减少1.06万元，下降32.32%",
                    "比上年决算增加1.06万元，增长32.32%"),
    # a 类 figure not its table's
    "a_class": Plant("a", "narrative_table_mismatch", "卫生健康支出（类）1,358.08万元，占92.57%",
                     "卫生健康支出（类）1,385.08万元，占92.57%"),
    # a 项's 决算 not its table's
    "a_item": Plant("a", "narrative_table_mismatch", "年初预算为21.91万元，支出决算为31.67万元",
                    "年初预算为21.91万元，支出决算为36.17万元"),
    # a date of another year
    "a_year": Plant("a", "year_inconsistent", "截至2022年12月31日", "截至2021年12月31日"),
    # an unresolved alternative
    "a_residue": Plant("a", "template_residue", "基本支出比上年增加", "基本支出比上年增加（减少）",
                       quote="增加（减少）"),
    # 政府采购 total not 货物 + 工程 + 服务
    "a_procurement": Plant("a", "totals_mismatch", "政府采购货物支出12.30万元", "政府采购货物支出13.20万元"),
    # the 三公 total stated 持平 while its 上年 differs
    "b_flat": Plant("b", "comparison_wording_wrong", "上年决算数为6.22万元，本年决算数为6.22万元，与上年持平",
                    "上年决算数为6.82万元，本年决算数为6.22万元，与上年持平"),
    # a figure in 元 not its table's
    "b_yuan": Plant("b", "narrative_table_mismatch", "基本支出9,715,000.00元", "基本支出9,751,000.00元"),
    # a decrease printed with 减少 as its rate word, the rate wrong
    "b_decrease": Plant("b", "percentage_misstated", "减少1.06万元，减少32.3%", "减少1.06万元，减少23.3%"),
    # a 项's completion rate printed after its 决算 and 年初预算 (决算 first)
    "b_completion": Plant("b", "percentage_misstated", "为年初预算的144.5%", "为年初预算的154.5%"),
    # a rate of a figure compared with last year's, stated in the same clause (上年为 …)
    "b_running": Plant("b", "percentage_misstated", "比上年增加79,900.00元，增长8.9%", "比上年增加79,900.00元，增长9.8%"),
    # this year's figure after last year's, the rate misstated
    "d_labelled": Plant("d", "percentage_misstated", "较上年减少1.06万元，降幅为32.32%", "较上年减少1.06万元，降幅为23.32%"),
    # a rate of the change against the 年初预算
    "d_initial": Plant("d", "percentage_misstated", "较年初预算减少231.91万元，降幅23.56%",
                       "较年初预算减少231.91万元，降幅32.56%"),
    # a rate against last year's figure stated before it
    "d_prior_rate": Plant("d", "percentage_misstated", "上年为2.94万元，比上年上升36.05%", "上年为2.94万元，比上年上升63.05%"),
    # a budget's growth over last year
    "e_growth": Plant("e", "percentage_misstated", "各增加189.48万元，增长69.66%", "各增加189.48万元，增长96.66%"),
    # a budget compared with its own year
    "e_year": Plant("e", "year_inconsistent", "比2022年预算数增加189.48万元", "比2023年预算数增加189.48万元"),
    # a 类's share of the year's 拨款
    "e_share": Plant("e", "percentage_misstated", "社会保障和就业支出408.99万元，占88.62%",
                     "社会保障和就业支出408.99万元，占86.22%"),
    # 公务接待费 said to rise, its rate that of a fall
    "e_word": Plant("e", "comparison_wording_wrong", "公务接待费0.50万元，比上年减少0.10万元，下降16.67%",
                    "公务接待费0.50万元，比上年增加0.10万元，增长16.67%"),
    # 基本支出 not its table's (its share follows the table's)
    "e_basic": Plant("e", "narrative_table_mismatch", "基本支出410.89万元，占89.04%", "基本支出401.89万元，占89.04%"),
    # the vehicles counted at a date after the budget year began
    "e_asof": Plant("e", "year_inconsistent", "截至2022年12月31日", "截至2024年12月31日"),
    # a figure broken over a line, misstated
    "f_split": Plant("f", "narrative_table_mismatch", "总计均为1,468.\n53万元", "总计均为1,486.\n53万元",
                     quote="1,486.53"),
    # a percentage broken over a page, misstated
    "f_page": Plant("f", "percentage_misstated", "占本年支出合计的66.\f15%", "占本年支出合计的61.\f15%",
                    quote="61.15%"),
    # a 项's 决算 broken over a line, misstated
    "f_item": Plant("f", "narrative_table_mismatch", "支出决算为752.\n29万元", "支出决算为725.\n29万元", quote="725.29"),
    # 政府采购 said with 为, its parts not its total
    "g_procurement": Plant("g", "totals_mismatch", "政府采购服务支出为23.30万元", "政府采购服务支出为32.30万元"),
    # the vehicles by use not their count
    "g_vehicles": Plant("g", "totals_mismatch", "应急保障用车1辆，执法执勤用车0辆", "应急保障用车1辆，执法执勤用车1辆"),
    # a 三公 item's completion rate (预算 X，决算 Y，完成预算的 Z%)
    "g_item_rate": Plant("g", "percentage_misstated", "决算2.22万元，完成预算的44.4%", "决算2.22万元，完成预算的54.4%"),
    # a zero share printed as another
    "g_share": Plant("g", "percentage_misstated", "其他收入0.73万元，占0.05%", "其他收入0.73万元，占0.5%"),
    # a budget's share named by its total, whole-number
    "h_share": Plant("h", "percentage_misstated", "占部门预算支出的89%", "占部门预算支出的98%"),
    # the projects under 绩效 management not their kinds' sum
    "e_projects": Plant("e", "totals_mismatch", "特定目标类项目11个", "特定目标类项目12个"),
    # their funds not their kinds' sum
    "e_project_funds": Plant("e", "totals_mismatch", "运转类项目3个，涉及预算30.13万元", "运转类项目3个，涉及预算31.13万元"),
    # a 类 stated in 亿元 beyond its printed precision
    "c_class_yi": Plant("c", "narrative_table_mismatch", "卫生健康支出（类）０．１４亿元", "卫生健康支出（类）０．１８亿元",
                        quote="0.18亿元"),
    # a 三公 figure in 元 not its table's
    "i_sangong": Plant("i", "narrative_table_mismatch", "公务接待费支出决算为22,200.00元", "公务接待费支出决算为23,200.00元"),
    # a 三公 item's share of the 三公 total
    "i_share": Plant("i", "percentage_misstated", "占“三公”经费的64.31%", "占“三公”经费的46.31%"),
    # a full-width share misstated
    "c_fullwidth": Plant("c", "percentage_misstated", "占９２．５７％", "占９５．２７％", quote="95.27"),
}


class BreakingRenderer(Renderer):
    """The samplegen renderer, and a `Broken` paragraph broken where its text says (\n a line, \f a page)."""

    def _broken(self, b: Broken) -> None:
        size = self.style.body_size
        for i, line in enumerate(b.text.replace("\f", "\f\n").split("\n")):
            self._ensure(size * 1.75)
            self.text(self.style.margin_x + (2 * size if i == 0 else 0), self.y - size, line.rstrip("\f"), size)
            self.y -= size * 1.75
            if line.endswith("\f"):
                self.new_page()
        self.y -= size * 0.3


def explanation(wording: Wording, plant: Plant | None = None) -> list[Block | Broken]:
    """The 情况说明 in one wording, with a planted defect applied once."""
    blocks = wording.blocks()
    if plant is None:
        return blocks
    for b in blocks:
        if isinstance(b, (Para, Heading, Broken)) and plant.find in b.text:
            b.text = b.text.replace(plant.find, plant.replace, 1)
            return blocks
    raise ValueError(f"{plant.find!r} not in wording {wording.key}")


def blocks(wording: Wording, plant: Plant | None = None) -> list[Block | Broken]:
    """The whole document: a 决算 (cover, the nine tables of seed 000) or a 预算 (the 达州 2023 tables of seed 001),
    then the 情况说明 in `wording`."""
    if wording.budget:
        tables = [b for b in dazhou.blocks() if isinstance(b, TableBlock)]
        return [Cover([dazhou.AGENCY, "2023年部门预算"]), Part("第一部分", "2023年部门预算表"), *tables,
                Part("第二部分", "2023年部门预算情况说明"), *explanation(wording, plant)]
    tables = chenzhou.final_account_tables(seed_lines(chenzhou.SEED))
    return [Cover(["2022年度", f"{AGENCY}部门决算"]),
            Part("第一部分", "部门决算表"), *tables,
            Part("第二部分", "2022年度部门决算情况说明"), *explanation(wording, plant)]


def name(key: str, planted: str = "") -> str:
    return f"prose13_{key}{'__' + planted if planted else ''}.pdf"


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write every wording whole (and, with `broken`, its planted copies) into out_dir; file name → path."""
    return write_set(out_dir, name, WORDINGS, PLANTS, names, broken)


def write_set(out_dir: Path, file_name: Callable[[str, str], str], wordings: Mapping[str, Wording],
              plants: Mapping[str, Plant], names: list[str] | None, broken: bool) -> dict[str, Path]:
    """One round's wordings whole (and, with `broken`, their planted copies) written into out_dir, each a
    决算 (or, a budget wording, a 预算) with its explanation; file name → path. Shared by the prose rounds."""
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = [(file_name(w.key, ""), w, None) for w in wordings.values()]
    if broken:
        todo += [(file_name(p.base, key), wordings[p.base], p) for key, p in plants.items()]
    written = {}
    for file, wording, plant in todo:
        if names and file not in names:
            continue
        title, agency = (dazhou.TITLE, dazhou.AGENCY) if wording.budget else (TITLE, AGENCY)
        BreakingRenderer.write(out_dir / file, STYLES["a"], title, blocks(wording, plant), agency)  # type: ignore[arg-type]
        written[file] = out_dir / file
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_prose_thirteenth"),
                      broken=True).values():
        print(path)
