"""More layout variants, as other offices print them: transposed 三公, 行次 总表, split codes, long tables.

Each variant is a small PDF drawn with the shared layout helpers plus a few print habits
the shared renderer has no switch for (no ruling lines, header rows not repeated on the
next page, the title as the first row of the ruled grid or in the page header region,
单位 printed under the table). The figures each prints are kept beside it as plain
data, so a test can check that the ingest reads every one back.
The variants live by theme in variants_more_sangong, _summary, _lines, _economic and
_selfeval (their figures re-exported here for the tests); this module is their catalogue.
`python -m samplegen.variants_more DIR` writes them into DIR.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import sheets
from .sheets import Variant
from .variants_more_base import STYLE, STYLE_OTHER
from .variants_more_economic import E3_PERSONNEL as E3_PERSONNEL
from .variants_more_economic import E3_PUBLIC as E3_PUBLIC
from .variants_more_economic import E3_TOTALS as E3_TOTALS
from .variants_more_economic import EC_PERSONNEL as EC_PERSONNEL
from .variants_more_economic import EC_PUBLIC as EC_PUBLIC
from .variants_more_economic import EC_TOTALS as EC_TOTALS
from .variants_more_economic import economic_codes_by_level, economic_three_blocks
from .variants_more_lines import BA_LINES as BA_LINES
from .variants_more_lines import BA_TOTAL as BA_TOTAL
from .variants_more_lines import CN_LINES as CN_LINES
from .variants_more_lines import CN_TOTAL as CN_TOTAL
from .variants_more_lines import HEAD_AGENCY as HEAD_AGENCY
from .variants_more_lines import HU_LINES as HU_LINES
from .variants_more_lines import HU_TOTAL as HU_TOTAL
from .variants_more_lines import IN_LINES as IN_LINES
from .variants_more_lines import IN_MEASURES as IN_MEASURES
from .variants_more_lines import IN_TOTAL as IN_TOTAL
from .variants_more_lines import LONG_LINES as LONG_LINES
from .variants_more_lines import LONG_TOTAL as LONG_TOTAL
from .variants_more_lines import SC_LINES as SC_LINES
from .variants_more_lines import SC_TOTAL as SC_TOTAL
from .variants_more_lines import STREAM_AGENCY as STREAM_AGENCY
from .variants_more_lines import STREAM_LINES as STREAM_LINES
from .variants_more_lines import STREAM_TOTAL as STREAM_TOTAL
from .variants_more_lines import (
    budget_and_actual_columns,
    code_and_name_in_one_cell,
    expenditure_continued_title,
    expenditure_header_not_repeated,
    expenditure_running_head,
    expenditure_unruled,
    expenditure_unruled_pages,
    expenditure_yuan_unit_below,
    income_yuan_negative,
    split_codes_by_level,
    unit_in_column_headers,
)
from .variants_more_sangong import BL_ACTUAL as BL_ACTUAL
from .variants_more_sangong import BL_BUDGET as BL_BUDGET
from .variants_more_sangong import MT_SANGONG as MT_SANGONG
from .variants_more_sangong import SR_ACTUAL as SR_ACTUAL
from .variants_more_sangong import SR_BUDGET as SR_BUDGET
from .variants_more_sangong import TG_ACTUAL as TG_ACTUAL
from .variants_more_sangong import TG_BUDGET as TG_BUDGET
from .variants_more_sangong import TR_AGENCY as TR_AGENCY
from .variants_more_sangong import TR_SANGONG as TR_SANGONG
from .variants_more_sangong import UR_ACTUAL as UR_ACTUAL
from .variants_more_sangong import UR_BUDGET as UR_BUDGET
from .variants_more_sangong import YOY_SANGONG as YOY_SANGONG
from .variants_more_sangong import YR_CURRENT as YR_CURRENT
from .variants_more_sangong import (
    sangong_meeting_training_rows,
    sangong_previous_year_block,
    sangong_stage_rows,
    sangong_title_and_unit_in_grid,
    sangong_transposed,
    sangong_transposed_line_numbers,
    sangong_unruled,
    sangong_year_rows,
    sangong_yoy_yuan,
)
from .variants_more_selfeval import OV_AGENCY as OV_AGENCY
from .variants_more_selfeval import OV_FUNDS as OV_FUNDS
from .variants_more_selfeval import OV_INDICATORS as OV_INDICATORS
from .variants_more_selfeval import OV_TOTAL as OV_TOTAL
from .variants_more_selfeval import PF_AGENCY as PF_AGENCY
from .variants_more_selfeval import PF_FUNDS as PF_FUNDS
from .variants_more_selfeval import PF_INDICATORS as PF_INDICATORS
from .variants_more_selfeval import PF_PROJECT as PF_PROJECT
from .variants_more_selfeval import PF_TOTAL as PF_TOTAL
from .variants_more_selfeval import PV_AGENCY as PV_AGENCY
from .variants_more_selfeval import PV_FUNDS as PV_FUNDS
from .variants_more_selfeval import PV_INDICATORS as PV_INDICATORS
from .variants_more_selfeval import PV_PROJECT as PV_PROJECT
from .variants_more_selfeval import PV_TOTAL as PV_TOTAL
from .variants_more_selfeval import overall_selfeval_sources, selfeval_expected_actual_weight, selfeval_merged_swapped
from .variants_more_summary import FS_CLASSES as FS_CLASSES
from .variants_more_summary import FS_TOTALS as FS_TOTALS
from .variants_more_summary import RS_EXPENDITURE as RS_EXPENDITURE
from .variants_more_summary import RS_INCOME as RS_INCOME
from .variants_more_summary import RS_TOTALS as RS_TOTALS
from .variants_more_summary import ST_EXPENDITURE as ST_EXPENDITURE
from .variants_more_summary import fiscal_summary_measures, summary_line_numbers_yuan, summary_stacked

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
