"""A tenth round of layouts, statements the other sets print in tables and some offices print only in words: a 决算
whose 三公 figures are stated only in its 情况说明 (预算为 X 万元，支出决算为 Y 万元, item by item, no 三公 table) or
only in a 注 under another table; a 自评结果汇总表 printing no score column; and a page of two empty tables under
one note naming one of them. Each drawn whole and `broken` (a stated total no longer its items' sum, a 决算 above
its stated 预算, the other empty table's note left out). `python -m samplegen.variants_tenth DIR` writes them."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from . import sheets
from . import variants_ninth as ninth
from .layout import Block, Cover, Grid, Heading, Para, Span
from .sheets import Sheet, Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .variants_eighth_forms import SL_AGENCY, SL_LINES, SL_TOTAL

STYLE = ninth.STYLE
FINAL = ninth.FINAL

# ---------------------------------------------------------------- 三公 stated only in the 情况说明
SP_AGENCY = "遵义市林业局"
# item → (预算数, 决算数), as the prose states them
SP_SANGONG: dict[str, tuple[float, float]] = dict(ninth.SB_SANGONG)
SP_BROKEN_TOTAL = 21.99  # the 决算 total printed 0.60 above its items' sum


def _rate(actual: float, budget: float) -> str:
    return f"{actual / budget * 100:.2f}%"


def sangong_prose(total_actual: float) -> list[str]:
    """The 三公 section of a 决算's 情况说明, in the words of 郴州's (seed 000): the total, then item by item."""
    f = SP_SANGONG
    budget = f["total"][0]

    def item(label: str, key: str, tail: str) -> str:
        b, a = f[key]
        done = f"完成预算的{_rate(a, b)}" if b else "由于预算数为0，无法计算百分比"
        return f"{label}支出预算为 {b:.2f} 万元，支出决算为 {a:.2f} 万元，{done}{tail}。"

    return [
        f"2024年度“三公”经费财政拨款支出预算为 {budget:.2f} 万元，支出决算为 {total_actual:.2f} 万元，"
        f"完成预算的{_rate(total_actual, budget)}，其中：",
        item("因公出国（境）费", "overseas", "，与上年决算数相同"),
        item("公务接待费", "reception", "，决算数小于预算数的主要原因是坚持厉行节约"),
        item("公务用车购置费及运行维护费", "vehicle_total", ""),
        item("公务用车购置费", "vehicle_purchase", ""),
        item("公务用车运行维护费", "vehicle_operation", "，主要是车辆燃油费、维修费和保险费"),
    ]


def sangong_in_prose(broken: bool = False) -> list[Block]:
    """A 决算 (its 政府性基金 table, no 三公 table) whose 三公 figures its 情况说明 states, 预算 and 决算 of the total and
    of every item. Broken: the 决算 total printed 0.60 above its items' sum (its completion rate follows it)."""
    total = SP_BROKEN_TOTAL if broken else SP_SANGONG["total"][1]
    return [Cover([SP_AGENCY, FINAL]),
            Heading("七、财政拨款“三公”经费支出决算情况说明"),
            Heading("（一）“三公”经费财政拨款支出决算总体情况说明"),
            *(Para(text) for text in sangong_prose(total)),
            ninth._gov_fund_sheet(ninth.sb_gov_fund_lines(), SP_AGENCY)]


# ---------------------------------------------------------------- 三公 stated only in a 注 under another table
SN_AGENCY = "遵义市统计局"
SN_SANGONG: dict[str, tuple[float, float]] = dict(ninth.EM_SANGONG)
SN_BROKEN_BUDGET = 4.5  # the stated 预算 below the 决算 (4.92): the 决算 over its budget, its items still adding up


def sangong_note(budget: float) -> str:
    """A 注 stating the 三公 figures: the total's 预算 and 决算, the items' 决算."""
    f = SN_SANGONG
    return (f"注：本部门2024年度“三公”经费财政拨款支出预算为 {budget:.2f} 万元，支出决算为 {f['total'][1]:.2f} 万元，"
            f"其中：因公出国（境）费支出决算 {f['overseas'][1]:.2f} 万元，公务用车购置及运行维护费支出决算 "
            f"{f['vehicle_total'][1]:.2f} 万元，公务接待费支出决算 {f['reception'][1]:.2f} 万元。")


def sangong_in_note(broken: bool = False) -> list[Block]:
    """A 决算 with no 三公 table whose 政府性基金 table carries a 注 under it stating the 三公 figures. Broken: the
    预算 stated 4.50, below the 决算 4.92."""
    sheet = ninth._gov_fund_sheet(ninth.sb_gov_fund_lines(), SN_AGENCY)
    sheet.notes = [sangong_note(SN_BROKEN_BUDGET if broken else SN_SANGONG["total"][0])]
    return [Cover([SN_AGENCY, FINAL]), sheet]


ST_AGENCY = "遵义市气象局"


def sangong_table_and_prose(broken: bool = False) -> list[Block]:
    """The 三公 table and the prose stating the same figures: the table's rows are the 三公 rows, the prose's
    statements are compared with them (narrative_table_mismatch), not added as rows of their own. Broken: the
    prose's 决算 total 0.60 above the table's."""
    total = SP_BROKEN_TOTAL if broken else SP_SANGONG["total"][1]
    return [Cover([ST_AGENCY, FINAL]),
            Heading("七、财政拨款“三公”经费支出决算情况说明"),
            *(Para(text) for text in sangong_prose(total)),
            ninth._sangong_rows_sheet(SP_SANGONG, ST_AGENCY)]


# ---------------------------------------------------------------- 自评结果汇总表 without a score column
def selfeval_list_no_scores() -> list[Block]:
    """序号 | 项目名称 | 年度预算数 | 全年执行数 | 执行率 | 自评等级: the 黔东南 list (variants_eighth) without its 自评得分
    column — a list that grades its projects and scores none."""
    rows = [["序号", "项目名称", "年度预算数", "全年执行数", "执行率", "自评等级"]]
    rows += [[str(k), *line[:4], line[5]] for k, line in enumerate(SL_LINES, start=1)]
    rows.append(["合计", "", *SL_TOTAL, ""])
    grid = Grid(rows, [0.5, 2.6, 1.1, 1.1, 0.9, 0.9], header_rows=1,
                spans=[Span(len(rows) - 1, 0, 1, 2)], align=["c", "l", "r", "r", "r", "c"])
    return [Sheet("2023年度项目支出绩效自评结果汇总表", grid, dept=SL_AGENCY, unit="万元")]


# ---------------------------------------------------------------- two empty tables, each note naming its own
def empty_notes_named(broken: bool = False) -> list[Block]:
    """The empty 政府性基金 and 国有资本经营 tables side by side (ninth set), each over a blank 合计 line with the note
    that names its subject. Broken: the 国有资本经营 table's note left out — the 政府性基金 note beside it explains
    only its own table."""
    blocks = ninth.empty_side_by_side()
    pair = blocks[-1]
    assert isinstance(pair, ninth.Pair)
    if broken:
        pair.right.notes = []
    return blocks


VARIANTS: dict[str, Variant] = {
    "sangong_in_prose.pdf": Variant(sangong_in_prose, FINAL),
    "sangong_in_note.pdf": Variant(sangong_in_note, FINAL),
    "sangong_table_and_prose.pdf": Variant(sangong_table_and_prose, FINAL),
    "selfeval_list_no_scores.pdf": Variant(selfeval_list_no_scores, "2023年度项目支出绩效自评表", breakable=False),
    "empty_notes_named.pdf": Variant(empty_notes_named, FINAL, renderer=ninth.PairRenderer),
    "empty_wu_only.pdf": Variant(partial(ninth.empty_wu_rows, notes=False), FINAL, breakable=False),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_tenth"), broken=True).values():
        print(path)
