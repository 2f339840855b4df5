"""Tables recognised by what they are, in layouts other offices print (samplegen/variants.py).

Each variant PDF is drawn once per session into a temporary folder and ingested once;
the tests read the figures back exactly as printed.
"""

from __future__ import annotations

import pytest

from ingest.document import Outcome, ingest_file
from ingest.families import match_title
from ingest.triage import triage
from samplegen import variants as v

ITEMS = ("total", "overseas", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")


@pytest.fixture(scope="session")
def variant_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF, written and ingested once."""
    folder = tmp_path_factory.mktemp("variants")
    return {name: ingest_file(path) for name, path in v.build(folder).items()}


def _ok(outcomes: dict[str, Outcome], name: str) -> Outcome:
    out = outcomes[name]
    assert out.rejected is None, out.rejected and out.rejected.detail
    return out


def _amount(text: str) -> float:
    return float(text.replace(",", "")) if text else 0.0


def _sangong(out: Outcome) -> dict[tuple[str, str], float]:
    return {(r["stage"], r["item"]): r["amount"] for r in out.frames["sangong"]}


def test_sangong_one_row_three_level_wrapped_header(variant_outcomes):
    out = _ok(variant_outcomes, "sangong_three_level.pdf")
    assert out.meta.agency == v.SG_AGENCY and out.meta.year == 2023 and out.meta.doc_kind == "final_account"
    got = _sangong(out)
    assert len(got) == 12
    for item, budget, actual in zip(ITEMS, v.SG_BUDGET, v.SG_ACTUAL, strict=True):
        assert got[("budget", item)] == _amount(budget), item
        assert got[("actual", item)] == _amount(actual), item


def test_sangong_budget_and_actual_alternating_per_item(variant_outcomes):
    got = _sangong(_ok(variant_outcomes, "sangong_alternating.pdf"))
    assert len(got) == 12
    for item, budget, actual in zip(ITEMS, v.ALT_BUDGET, v.ALT_ACTUAL, strict=True):
        assert (got[("budget", item)], got[("actual", item)]) == (_amount(budget), _amount(actual)), item


def test_unit_budget_in_yuan_titled_unit(variant_outcomes):
    out = _ok(variant_outcomes, "unit_budget_yuan.pdf")
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind, out.meta.scope) == (v.UNIT_AGENCY, 2024, "budget", "unit")
    assert {"summary", "income", "expenditure"} <= set(out.tables)
    summary = {r["item"]: r["amount"] for r in out.frames["summary"] if r["table"] == "summary"}
    assert summary["income_total"] == summary["expenditure_total"] == 345.67  # 3,456,700.00 元
    # the 总计 line fell on the next page, above a note of several sentences
    assert summary["grand_total"] == summary["grand_total_expenditure"] == 345.67
    lines = {(r["code"], r["measure"]): r["amount"] for r in out.frames["line_items"] if r["table"] == "expenditure"}
    for code, _name, total, basic, project in v.UNIT_EXPENDITURE:
        key = code or None
        assert (lines[(key, "total")], lines[(key, "basic")], lines[(key, "project")]) == (
            round(_amount(total) / 10000, 6), round(_amount(basic) / 10000, 6), round(_amount(project) / 10000, 6)
        ), code


def test_tables_only_file_without_cover_is_a_document(variant_outcomes):
    out = _ok(variant_outcomes, "tables_only.pdf")
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.BARE_AGENCY, 2023, "final_account")
    assert out.meta.region == "湖南省常德市"
    summary = {r["item"]: r["amount"] for r in out.frames["summary"]}
    assert summary["income_total"] == 1234.56 and summary["expenditure_total"] == 1200.0
    assert summary["opening_balance"] == 10.0 and summary["closing_balance"] == 44.56
    assert summary["grand_total"] == summary["grand_total_expenditure"] == 1244.56


def test_provincial_selfeval_names_its_agency_only_in_cells(variant_outcomes):
    out = _ok(variant_outcomes, "selfeval_agency_in_cells.pdf")
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.SE_AGENCY, 2023, "performance_report")
    assert out.meta.region == "湖北省"
    (project,) = out.frames["projects"]
    assert project["project"] == v.SE_PROJECT
    assert (project["budget_initial"], project["budget_full_year"], project["executed"]) == (120.0, 118.0, 112.1)
    assert (project["exec_weight"], project["exec_score"], project["total_score"]) == (10.0, 9.5, 93.5)
    assert project["exec_rate_reported"] == 0.95
    got = {r["name"]: (r["target"], r["actual"], r["weight"], r["score"]) for r in out.frames["indicators"]}
    assert got == {
        "监测机构数": ("≥500家", "520家", 40.0, 40.0),
        "风险事件预警率": ("≥90%", "85%", 30.0, 24.0),
        "用户满意度": ("≥90%", "95%", 20.0, 20.0),
    }


def test_ab_forms_over_pages_and_stacked_in_one_table(variant_outcomes):
    out = _ok(variant_outcomes, "ab_multi_page.pdf")
    assert out.meta.year == 2023 and out.meta.doc_kind == "performance_report"
    projects = {r["project"]: r for r in out.frames["projects"]}
    assert set(projects) == set(v.AB_TRUTH)
    for name, (budget, executed, exec_score, indicators, total) in v.AB_TRUTH.items():
        p = projects[name]
        assert (p["budget_full_year"], p["executed"], p["exec_score"], p["total_score"]) == (
            budget, executed, exec_score, total), name
        assert sum(r["project"] == name for r in out.frames["indicators"]) == indicators, name
    assert projects["特种设备安全监察经费"]["project_code"] == "37100023Y000000123"


# ---------------------------------------------------------------- text only: titles and page segments


@pytest.mark.parametrize(
    "printed, family",
    [
        ("公开 01 表：收支预算总表", "summary"),
        ("公开表一 收支总表", "summary"),
        ("表1-1 部门收支总表", "summary"),
        ("单位收支总表", "summary"),
        ("单位支出预算表", "expenditure"),
        ("单位财政拨款收支总表", "fiscal_summary"),
        ("六、2017 年度江苏省高级人民法院部门财政拨款基本支出预算表", "fiscal_basic"),
        ("九、2018 年江苏省高级人民法院“三公”经费、会议费、培训费支出预算表", "sangong"),
        ("财政拨款基本支出预算表（经济科目）", "fiscal_basic"),
        ("政府性基金预算财政拨款支出预算表", "gov_fund"),
    ],
)
def test_titles_with_codes_agencies_years_and_scope_words(printed, family):
    hit = match_title(printed)
    assert hit is not None and hit[0] == family


WORD_PAGE = (
    "13\n交流制度，坚持把检察权关进制度的笼子。严格执行违法违纪案件。\n"
    "公开 03 表：支出预算总表\n部门： 江苏省人民检察院 单位：万元\n合计 基本支出 项目支出\n21,955.35 13,994.31 5,573.00\n"
    "公开 04 表：财政拨款收支预算总表\n部门： 江苏省人民检察院 单位：万元\n收入 支出\n一、一般公共预算 21,940.96 一、基本支出 13,979.92\n"
    "公开 09 表：一般公共预算“三公”经费、会议费、培训费\n支出预算表\n单位：万元\n合计 因公出国（境）费\n620.75 170.00"
)


def test_several_tables_on_one_page_under_prose():
    (page,) = triage([WORD_PAGE], "budget")
    assert [s.family for s in page.segments] == [None, "expenditure", "fiscal_summary", "sangong"]


def test_title_drawn_after_its_rows():
    excel = "单位:万元\n科目编码 科目名称 金额\n合计 10,403.11\n301 工资福利支出 7,308.27\n财政拨款基本支出预算表\n部门:中共江苏省委办公厅"
    (page,) = triage([excel], "budget")
    assert [(s.family, s.new) for s in page.segments] == [("fiscal_basic", True)]


def test_table_end_above_prose_continues_the_table():
    table = "支出预算总表\n单位：万元\n科目编码 科目名称 金额\n201 一般公共服务支出 1,000.00"
    spill = "2210201 住房公积金 1,073.77\n二、支出预算情况说明。本年支出增加。主要原因是人员增加。比上年增长。详见下表。"
    pages = triage([table, spill], "budget")
    assert pages[1].continuation and pages[1].family == "expenditure"
