"""An eleventh round of layouts (samplegen/variants_eleventh.py): 基本支出 tables printing 经济分类 names without codes
(or 功能分类 lines), 四川's 支出决算明细表 (功能 × 经济) beside its 基本支出决算明细表, a 三公 budget in 元 whose lines go on
with counts, 河北's …情况表 titles, a table in 千元, 云南's tables of projects after the 支出表.

Each variant PDF, and a copy with its planted defect, is drawn once per session and ingested once with the real
pipeline; every figure drawn is read back, and the planted defect, and nothing else, is flagged.
"""

from __future__ import annotations

from typing import Any

import pytest

from ingest.document import Outcome
from samplegen import variants_eleventh as v
from tests.ingest.layouts import caught, expected, flags, ingested, line_items, ok, reading, readings, sangong_table


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _economic(out: Outcome) -> dict[str | None, float]:
    """Code (None: a total, by name) → amount of the economic lines read, each read once."""
    rows = out.frames.get("economic_items", [])
    got = {r["code"] or r["name"]: r["amount"] for r in rows}
    assert len(got) == len(rows)
    return got


def _names_only_drawn() -> dict[str | None, Any]:
    return {c: pytest.approx(x, abs=1e-9) for c, x in v.bn_figures().items()}


@pytest.mark.parametrize("name", ["basic_names_final.pdf", "basic_names_numbered.pdf", "basic_names_continued.pdf"])
def test_economic_names_without_codes_are_coded_by_the_national_list(outcomes, name):
    """科目名称 | 合计 | 人员经费 | 公用经费 of 经济分类 names only (numbered: 一、工资福利支出 over 1.基本工资; or over
    two pages, the second opening with a 款 of the 类 before): every 类 and 款 coded by its name (维修（护）费 → 30213, a
    款 under the 类 above it) and checked; the old reader read the 合计 alone and called the table complete."""
    out = ok(outcomes, name)
    assert reading(out, "gpb_basic")["status"] == "complete"
    personnel, public = v.bn_group_totals()
    assert _economic(out) == {**_names_only_drawn(), "合计": pytest.approx(personnel + public)}
    broken = caught(outcomes, name, "gpb_basic", "totals_mismatch")
    assert "301与各款之和" in broken["reason"]


def test_economic_names_in_blocks_side_by_side(outcomes):
    """人员经费 | 公用经费 blocks of 科目名称 | 决算数, names only, the blocks' totals on the last line."""
    out = ok(outcomes, "basic_names_blocks.pdf")
    assert reading(out, "gpb_basic")["status"] == "complete"
    personnel, public = v.bn_group_totals()
    assert _economic(out) == {**_names_only_drawn(), "人员经费合计": pytest.approx(personnel),
                              "公用经费合计": pytest.approx(public)}
    broken = caught(outcomes, "basic_names_blocks.pdf", "gpb_basic", "totals_mismatch")
    assert "302与各款之和" in broken["reason"]


def test_an_economic_name_the_list_does_not_hold_leaves_the_table_partial(outcomes):
    """A 款 printed under a local name (临聘人员劳务补助) is not coded by a guess: the table is `partial`, the name said."""
    out = ok(outcomes, "basic_names_unknown.pdf")
    one = reading(out, "gpb_basic")
    assert one["status"] == "partial" and v.BN_UNKNOWN[1] in one["reason"], one["reason"]
    assert v.BN_UNKNOWN[0] not in _economic(out)


def test_a_basic_table_by_function_lines_holds_no_economic_line(outcomes):
    """一般公共预算基本支出表 of 功能分类 lines (201 一般公共服务支出, 20105 …) under 合计 | 人员经费 | 公用经费: its codes
    are no 经济分类 class or 款 (the old reader stored 201 and 20105 as economic lines); the table is not read whole."""
    out = ok(outcomes, "basic_by_function.pdf")
    one = reading(out, "gpb_basic")
    assert one["status"] == "partial" and "2010501" in one["reason"], one["reason"]
    assert _economic(out) == {"合计": pytest.approx(209.2)}


def test_two_empty_tables_of_one_family_each_said_empty(outcomes):
    """四川's 国有资本经营预算财政拨款收入支出决算表 and …支出决算表, both empty under their own notes: two empty readings,
    no table missing, no empty table unexplained."""
    out = ok(outcomes, "sichuan_soe_pair.pdf")
    assert [(r["status"], r["empty"], r["table_pages"]) for r in readings(out, "soe_capital")] == [
        ("complete", True, [2]), ("complete", True, [3])]
    assert not [w for w in out.warnings if "为空表但未说明" in w]
    assert not [m for m in flags(out, "missing_tables") if "国有资本" in m]


def test_the_detail_table_crossing_functions_with_economic_classes_is_not_the_basic_table(outcomes):
    """四川 2024: the 一般公共预算财政拨款支出决算明细表 (功能 lines × 工资福利支出 | 商品和服务支出 … columns) is its own
    table, not a second 基本支出 table read as partial; the 基本支出决算明细表 on the next page is the one read."""
    out = ok(outcomes, "sichuan_detail_tables.pdf")
    (basic,) = readings(out, "gpb_basic")
    assert basic["status"] == "complete" and basic["table_pages"] == [4], basic
    assert {r["page"] for r in out.frames["economic_items"]} == {4}
    assert _economic(out) == {**{c: pytest.approx(x) for c, _n, x in v.SC_ECON},
                              "人员经费合计": pytest.approx(719.77), "公用经费合计": pytest.approx(90.0)}
    assert line_items(out, "gpb_expenditure") == expected(v.sc_gpb_lines(), ("total", "basic", "project"))
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    caught(outcomes, "sichuan_detail_tables.pdf", "gpb_basic", "totals_mismatch")


def test_a_三公_budget_whose_lines_go_on_with_counts(outcomes):
    """项目 | 2024年执行数 | 2025年预算数 in 元: 3、公务用车费 is the 公务用车 total over its 运行维护费 and 购置费 lines;
    the 二、相关统计数 lines (团组, 人数, 辆, 批次) are counts, no 三公 figure; the 2024 执行数 is another year's."""
    out = ok(outcomes, "sangong_statistics.pdf")
    assert reading(out, "sangong")["status"] == "complete"
    want = {("budget", item): pytest.approx(pair[1] / 10000) for item, pair in v.SS_SANGONG.items()}
    assert sangong_table(out) == want
    assert not flags(out, "sangong_sum_mismatch")
    broken = ok(outcomes, v.broken_name("sangong_statistics.pdf"))
    assert sangong_table(broken)["budget", "total"] == pytest.approx(v.SS_BROKEN_TOTAL / 10000)
    (message,) = flags(broken, "sangong_sum_mismatch")
    assert "34.50" in message
    # the failing sum confirmed by the cheapest second reader, by text position (no page rendered)
    assert "含 Camelot stream" in reading(broken, "sangong")["reason"]


def test_function_names_numbered_by_level(outcomes):
    """一、一般公共服务支出 / （一）财政事务 / 1.行政运行: names only, numbered by level — coded like unnumbered names (the
    old reader knew no name with its numbering: the table was read as its 合计 alone and called complete)."""
    out = ok(outcomes, "gpb_names_numbered.pdf")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(v.hn_lines(), ("total", "basic", "project"))
    caught(outcomes, "gpb_names_numbered.pdf", "gpb_expenditure", "totals_mismatch")


def test_item_names_with_no_class_above_them_are_not_a_reading(outcomes):
    """项 names only (行政运行, 预算改革业务 …), no 类 or 款 line to code them under: the lines are not read, so the table
    is `partial` with the names said — not its 合计 alone called complete, as the old reader did."""
    one = reading(ok(outcomes, "gpb_item_names_only.pdf"), "gpb_expenditure")
    assert one["status"] == "partial" and "预算改革业务" in one["reason"], one["reason"]


def test_tables_titled_as_情况表(outcomes):
    """河北's 部门收支总体情况表 and 一般公共预算支出情况表 are the 收支总表 and the 一般公共预算支出表."""
    out = ok(outcomes, "hebei_titles.pdf")
    assert reading(out, "summary")["status"] == "complete"
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(v.hb_lines(), ("total", "basic", "project"))
    caught(outcomes, "hebei_titles.pdf", "gpb_expenditure", "totals_mismatch")


def test_a_table_in_thousands_of_yuan_is_read_in_ten_thousands(outcomes):
    """金额单位：千元 (one decimal): every figure read in 万元, the table complete (the old reader took 千元 for 万元: every
    figure ten times too large, called complete)."""
    out = ok(outcomes, "gpb_thousands.pdf")
    assert reading(out, "gpb_expenditure")["status"] == "complete"
    assert line_items(out, "gpb_expenditure") == expected(v.hb_lines(), ("total", "basic", "project"))
    assert reading(out, "summary")["status"] == "complete"


def test_tables_of_projects_after_the_expenditure_table_are_not_its_pages(outcomes):
    """云南's 部门基本支出预算表（人员类、运转类公用经费项目）(long 项目代码, one line per project and economic item) and an
    empty 对下转移支付预算表 after the 一般公共预算支出预算表（按功能科目分类）in 元: the 支出表 is read alone and whole."""
    out = ok(outcomes, "yunnan_project_tables.pdf")
    one = reading(out, "gpb_expenditure")
    assert one["status"] == "complete" and one["table_pages"] == [2], one
    assert line_items(out, "gpb_expenditure") == expected(v.hb_lines(), ("total", "basic", "project"))
    caught(outcomes, "yunnan_project_tables.pdf", "gpb_expenditure", "totals_mismatch")
