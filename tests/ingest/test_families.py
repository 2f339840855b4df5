"""Title variants of one table family are recognised as that family."""

import pytest

from ingest.families import is_code_line, match_title


@pytest.mark.parametrize(
    "printed, family",
    [
        ("收入支出决算总表", "summary"),
        ("部门收支总表", "summary"),
        ("2026年部门财务收支预算总表", "summary"),
        ("支出决算表", "expenditure"),
        ("部门支出总表", "expenditure"),
        ("一般公共预算财政拨款支出决算表", "gpb_expenditure"),
        ("一般公共预算财政拨款基本支出决算明细表", "gpb_basic"),
        ("财政拨款“三公”经费支出决算表", "sangong"),
        ('一般公共预算"三公"经费支出预算表', "sangong"),
        ("“三公”经费、会议费、培训费支出预算表", "sangong"),
        ("2026年部门“三公”经费和机关运行经费预算表", "sangong"),
        ("政府性基金预算财政拨款收入支出决算表", "gov_fund"),
        ("国有资本经营预算财政拨款收入支出决算表", "soe_capital"),
        ("财政拨款支出预算表", "fiscal_expenditure"),
        ("一、收入支出决算总表", "summary"),
        ("一般公共预算财政拨款“三公”经费支出决算表", "sangong"),
        ("一般公共预算财政拨款“三公”经费及机关运行经费支出决算表", "sangong"),
        ("一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", "sangong"),
        ("收入支出决算总表（公开01表）", "summary"),
        ("机关运行经费支出预算表", "operating_costs"),
        # budget titles as other provinces print them (samplegen/variants_seventh.py)
        ("政府性基金预算财政拨款支出表", "gov_fund"),
        ("国有资本经营预算财政拨款支出表", "soe_capital"),
        ("一般公共预算财政拨款支出表", "gpb_expenditure"),
        ("一般公共预算财政拨款基本支出表", "gpb_basic"),
        ("部门财务收支总表", "summary"),
        ("政府性基金支出预算表", "gov_fund"),
        ("项目支出表", "project_expenditure"),
        ("政府采购支出表", "procurement"),
        ("政府购买服务预算表", "purchased_services"),
        ("部门预算绩效目标表", "overall_targets"),
        ("整体绩效目标表", "overall_targets"),
    ],
)
def test_title_variants(printed, family):
    hit = match_title(printed)
    assert hit is not None and hit[0] == family


@pytest.mark.parametrize("line", ["第二部分 上海市普陀区财政局2024年度部门决算表", "一、收入支出决算总体情况说明", "本表反映部门本年度各项支出情况。"])
def test_prose_and_headings_are_not_titles(line):
    assert match_title(line) is None


@pytest.mark.parametrize(
    "printed, family",
    [
        ("一般公共预算财政拨款项目支出决算表", "gpb_project"),
        ("2023年度一般公共预算财政拨款项目支出决算表", "gpb_project"),
        ("一般公共预算财政拨款基本支出决算表", "gpb_basic"),
    ],
)
def test_project_and_basic_tables_are_not_their_wider_sibling(printed, family):
    """一般公共预算财政拨款项目支出决算表 comes close to 一般公共预算财政拨款支出决算表 letter by letter, but a
    title naming 项目支出 / 基本支出 goes only to a family whose titles name it."""
    hit = match_title(printed)
    assert hit is not None and hit[0] == family


def test_a_title_naming_project_spending_never_falls_back_to_the_whole_table():
    """No known title reads 财政拨款项目支出决算表: it is no 财政拨款支出决算表 either."""
    hit = match_title("财政拨款项目支出决算表")
    assert hit is None or hit[0].endswith("project")


@pytest.mark.parametrize(
    "printed, family",
    [
        ("财决04表 支出决算表", "expenditure"),
        ("部门公开03表 支出决算表", "expenditure"),
        ("部门公开表05　一般公共预算财政拨款支出决算表", "gpb_expenditure"),
        ("一般公共预算财政拨款支出决算表　　财决07表", "gpb_expenditure"),
        ("单位公开表3 收入决算表", "income"),
    ],
)
def test_software_codes_before_or_after_a_title(printed, family):
    """The 部门决算 software's own codes (财决04表) and 部门公开表05 in the title line are codes, not title words."""
    hit = match_title(printed)
    assert hit is not None and hit[0] == family


def test_a_software_code_alone_is_a_code_line():
    assert is_code_line("财决04表") and is_code_line("部门公开表03") and not is_code_line("财政拨款")
