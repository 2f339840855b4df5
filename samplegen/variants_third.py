"""A third round of layouts other offices print: pages stored turned (/Rotate 90/270), 三线表 (rules above
and below the header only), 续表 pages, column strips of a too-wide table, table codes (预算01表,
2024年部门预算表3), empty tables printed as a sentence, 年初预算数/决算数 and two-year column blocks,
stacked 总表 halves, whole-元 amounts, 单位：人民币元, self-evaluations with centred merged levels.

Each variant is a small PDF drawn with the shared layout helpers (samplegen/layout.py; the
`Sheet` print habits of samplegen/variants_more.py). Every builder takes `broken`: the same
document with one printed figure changed, so that a test can check the ingest does not call
a table whose sums no longer close `complete` without saying so. The figures each prints
are kept beside it as plain data. The variants live by theme in variants_third_pages, _lines, _empty, _blocks, _summary and
_selfeval (their figures re-exported here for the tests); this module is their catalogue.
`python -m samplegen.variants_third DIR` writes them into DIR.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import sheets
from .sheets import Variant
from .sheets import broken_name as broken_name  # re-exported: the tests name broken copies by it
from .variants_third_base import STYLE, STYLE_OTHER
from .variants_third_blocks import BB_LINES as BB_LINES
from .variants_third_blocks import BB_TOTAL as BB_TOTAL
from .variants_third_blocks import EB_LINES as EB_LINES
from .variants_third_blocks import EB_TOTAL as EB_TOTAL
from .variants_third_blocks import TY_SANGONG as TY_SANGONG
from .variants_third_blocks import YB_LINES as YB_LINES
from .variants_third_blocks import YB_TOTAL as YB_TOTAL
from .variants_third_blocks import basic_single_block, gpb_budget_actual_blocks, gpb_year_blocks, sangong_two_years
from .variants_third_empty import SP_SANGONG as SP_SANGONG
from .variants_third_empty import empty_tables_share_page, gov_fund_sentence_only, sentences_share_page
from .variants_third_lines import CS_AGENCY as CS_AGENCY
from .variants_third_lines import CS_LINES as CS_LINES
from .variants_third_lines import CS_TOTAL as CS_TOTAL
from .variants_third_lines import NF_LINES as NF_LINES
from .variants_third_lines import NF_TOTAL as NF_TOTAL
from .variants_third_lines import RMB_LINES as RMB_LINES
from .variants_third_lines import RMB_MEASURES as RMB_MEASURES
from .variants_third_lines import RMB_TOTAL as RMB_TOTAL
from .variants_third_lines import WS_LINES as WS_LINES
from .variants_third_lines import WS_MEASURES as WS_MEASURES
from .variants_third_lines import WS_TOTAL as WS_TOTAL
from .variants_third_lines import code_styles, income_column_strips, income_rmb_yuan, name_before_code
from .variants_third_pages import RO_AGENCY as RO_AGENCY
from .variants_third_pages import RO_LINES as RO_LINES
from .variants_third_pages import RO_TOTAL as RO_TOTAL
from .variants_third_pages import (
    continued_repeated_header,
    rotated_expenditure,
    rotated_expenditure_270,
    rotated_two_pages,
    three_line_expenditure,
    three_line_sangong,
    three_line_summary,
)
from .variants_third_selfeval import MC_AGENCY as MC_AGENCY
from .variants_third_selfeval import MC_FUNDS as MC_FUNDS
from .variants_third_selfeval import MC_INDICATORS as MC_INDICATORS
from .variants_third_selfeval import MC_PROJECT as MC_PROJECT
from .variants_third_selfeval import MC_TOTAL as MC_TOTAL
from .variants_third_selfeval import selfeval_merged_centred, selfeval_title_repeated
from .variants_third_summary import SS_CLASSES as SS_CLASSES
from .variants_third_summary import SS_TOTALS as SS_TOTALS
from .variants_third_summary import WY_RIGHT as WY_RIGHT
from .variants_third_summary import WY_TOTAL as WY_TOTAL
from .variants_third_summary import summary_stacked_sections, summary_whole_yuan

VARIANTS: dict[str, Variant] = {
    "rotated_expenditure.pdf": Variant(rotated_expenditure, "2023年度部门决算"),
    "rotated_expenditure_270.pdf": Variant(rotated_expenditure_270, "2023年度部门决算"),
    "three_line_expenditure.pdf": Variant(three_line_expenditure, "2023年度部门决算"),
    "three_line_sangong.pdf": Variant(three_line_sangong, "2024年部门预算"),
    "three_line_summary.pdf": Variant(three_line_summary, "2023年度部门决算"),
    "rotated_two_pages.pdf": Variant(rotated_two_pages, "2023年度部门决算"),
    "sentences_share_page.pdf": Variant(sentences_share_page, "2024年部门预算"),
    "continued_repeated_header.pdf": Variant(continued_repeated_header, "2023年度部门决算"),
    "income_rmb_yuan.pdf": Variant(income_rmb_yuan, "2023年度部门决算"),
    "gov_fund_sentence_only.pdf": Variant(gov_fund_sentence_only, "2023年度部门决算"),
    "empty_tables_share_page.pdf": Variant(empty_tables_share_page, "2024年部门预算"),
    "code_styles.pdf": Variant(code_styles, "2024年部门预算"),
    "gpb_budget_actual_blocks.pdf": Variant(gpb_budget_actual_blocks, "2023年度部门决算"),
    "gpb_budget_actual_blocks_b.pdf": Variant(gpb_budget_actual_blocks, "2023年度部门决算", STYLE_OTHER),
    "gpb_year_blocks.pdf": Variant(gpb_year_blocks, "2024年部门预算"),
    "basic_single_block.pdf": Variant(basic_single_block, "2024年部门预算"),
    "summary_stacked_sections.pdf": Variant(summary_stacked_sections, "2023年度部门决算"),
    "summary_whole_yuan.pdf": Variant(summary_whole_yuan, "2024年部门预算"),
    "income_column_strips.pdf": Variant(income_column_strips, "2023年度部门决算"),
    "sangong_two_years.pdf": Variant(sangong_two_years, "2023年度部门决算"),
    "name_before_code.pdf": Variant(name_before_code, "2024年部门预算"),
    "selfeval_merged_centred.pdf": Variant(selfeval_merged_centred, "", breakable=False),
    "selfeval_title_repeated.pdf": Variant(selfeval_title_repeated, "", breakable=False),
}


def build(out_dir: Path, names: list[str] | None = None, broken: bool = False) -> dict[str, Path]:
    """Write the variants (all, or those named) into out_dir — with `broken`, also their broken copies."""
    return sheets.build(VARIANTS, STYLE, out_dir, names, broken)


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "samples/variants_third"), broken=True).values():
        print(path)
