"""Findings in English mode (pages/_messages.py): the rules write Chinese messages; the English reading is built
from the rule id and the figures it compared, and the document's own words stay quoted as printed."""

from __future__ import annotations

import json
import re

import polars as pl
import pytest

from pages import _i18n, _messages


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_i18n, "lang", lambda: "en")


def _latin_outside_quotes(text: str) -> str:
    """The text without its quotations (“…”): what must be English."""
    return re.sub(r"“[^”]*”", "", text)


@pytest.mark.usefixtures("english")
def test_a_percentage_finding_reads_in_english_and_keeps_the_quote() -> None:
    message = ("第6页增长率印作 314.82%，按文中数字 (45.41 − 11.67) ÷ 11.67 应为 289.12%：“2022年当年预算执行数为11.67万元，"
               "2023年预算安排45.41万元，比2022年预算执行数增加314.82%。”")
    evidence = json.dumps({"kind": "增长率", "printed": 314.82, "computed": 289.12, "formula": "(45.41 − 11.67) ÷ 11.67"},
                          ensure_ascii=False)
    text = _messages.english("percentage_misstated", message, 6, None, evidence)
    assert text.startswith("p. 6: A percentage printed as 314.82% should be 289.12%")
    assert text.endswith("“2022年当年预算执行数为11.67万元，2023年预算安排45.41万元，比2022年预算执行数增加314.82%。”")
    assert not re.search(r"[\u4e00-\u9fff]", _latin_outside_quotes(text))


@pytest.mark.usefixtures("english")
def test_a_project_finding_names_the_project_as_printed_and_the_figures() -> None:
    evidence = json.dumps({"budget_full_year": 125.53, "executed": 0.0, "exec_rate": 0.0, "exec_weight": 10.0,
                           "exec_score": 10.0})
    text = _messages.english("full_score_low_execution", "第18页项目“农村公路养护资金”全年预算 125.53 万元…", 18,
                             "农村公路养护资金", evidence)
    assert text == ("p. 18: Project “农村公路养护资金”: 0.00 of a 125.53 budget executed (0.0%, 10k yuan), "
                    "yet the execution score is 10 of 10")


@pytest.mark.usefixtures("english")
def test_without_the_figures_the_rule_is_explained_and_the_original_kept() -> None:
    text = _messages.english("unit_mismatch", "第3页……金额单位应为万元", 3, None, "{}")
    assert text == "p. 3: An amount is printed in the wrong unit (off by 10,000) (original: 第3页……金额单位应为万元)"


def test_chinese_mode_shows_the_rules_own_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_i18n, "lang", lambda: "zh")
    monkeypatch.setattr(_messages, "lang", lambda: "zh")
    found = pl.DataFrame({"rule": ["totals_mismatch"], "message": ["第5页合计不等于分项之和"], "page": [5]})
    assert _messages.with_messages(found, None).equals(found)


@pytest.mark.usefixtures("english")
def test_findings_take_their_evidence_from_the_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_messages, "lang", lambda: "en")
    message = "第5页总表本年支出合计与支出表合计：2,702.92 ≠ 2,714.92（第7页）（差 -12.00）"
    flags = pl.DataFrame({"rule": ["cross_table_mismatch"], "message": [message],
                          "evidence": [json.dumps({"first": 2702.92, "second": 2714.92, "difference": -12.0})]})
    found = pl.DataFrame({"rule": ["cross_table_mismatch"], "message": [message], "page": [5], "project": [None]},
                         schema_overrides={"project": pl.String})
    out = _messages.with_messages(found, flags)
    assert out["message"][0] == "p. 5: Two tables print different figures: 2,702.92 ≠ 2,714.92 (difference -12.00)"


@pytest.mark.usefixtures("english")
def test_a_quality_problem_reads_in_english_with_its_quote() -> None:
    problem = "Template text left in (p. 1): 第1页有 1 处模板残留（占位符），如 “上海市XX局2024年度部…”"
    # the rule's name says what was found: no explanation saying it again ("Template text was left in …")
    assert _messages.problem_shown(problem) == "Template text left in (p. 1): “上海市XX局2024年度部…”"
    assert _messages.problem_shown("Table not fully read: 收入表 (p. 3)") == "Table not fully read: 收入表 (p. 3)"
    # no quotation and no flag at hand: the message as written, for its figures
    unquoted = "Agency name inconsistent (p. 4): 第4页的单位名称是“上海市XX中心”"
    assert _messages.problem_shown(unquoted) == unquoted


@pytest.mark.usefixtures("english")
def test_a_quality_problem_reads_as_its_flag_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_messages, "lang", lambda: "en")
    message = "第5页总表本年支出合计与支出表合计：2,702.92 ≠ 2,714.92（第7页）（差 -12.00）"
    flags = pl.DataFrame({"rule": ["cross_table_mismatch"], "message": [message], "project": [None],
                          "evidence": [json.dumps({"first": 2702.92, "second": 2714.92, "difference": -12.0})]},
                         schema_overrides={"project": pl.String})
    problem = f"Tables disagree (p. 5): {message}"
    assert _messages.problem_shown(problem, flags) == ("Tables disagree (p. 5): Two tables print different figures: "
                                                       "2,702.92 ≠ 2,714.92 (difference -12.00)")
    assert _messages.problem_shown(problem, flags.clear()) == problem


def test_common_reading_verdicts_read_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_i18n, "lang", lambda: "en")
    monkeypatch.setattr(_messages, "lang", lambda: "en")
    assert _messages.reason_shown("第11页 2026年部门收入预算总表：67 项勾稽校验通过") == "67 checks of its sums passed"
    assert _messages.reason_shown("第10页 2026年部门财务收支预算总表：1 项勾稽校验通过") == "1 check of its sums passed"
    assert _messages.reason_shown("第10页 2026年部门财务收支预算总表：已读取") == "Read"  # a table cell, capitalised as the others
    odd = "第11页 收入表：本年收入 27,664.22 ≠ 分项之和 0.00"
    assert _messages.reason_shown(odd) == odd  # numbers of a sum that did not close: as written


def test_several_quotations_keep_their_marks() -> None:
    message = "第4页有 2 处模板残留（占位符），如 “上海市XX局概况”；“由主管部门填写”等"
    assert _messages.quote(message) == "上海市XX局概况”；“由主管部门填写"
    assert _messages.quote("第1页的单位名称是模板占位符“上海市XX局”（“上海市XX局”）") is None  # a name, not a quotation


@pytest.mark.usefixtures("english")
def test_a_rate_finding_in_english_says_what_the_printed_rate_fits() -> None:
    message = ("第9页增长率印作 17.62%，按文中数字 (3,845.69 − 43,269.30) ÷ 43,269.30 应为 -91.11%"
               "（若上年数为 3,269.30 万元则恰为 17.62%：疑为上年数多印一位数字）：“比上年增长17.62%。”")
    evidence = json.dumps({"kind": "增长率", "printed": 17.62, "computed": -91.11,
                           "hint": {"kind": "stray_digit", "which": "上年", "figure": 3269.3, "printed": 17.62},
                           "hint_en": "(it is exactly 17.62% were last year's figure 3,269.30: a stray digit in last "
                                      "year's figure)"}, ensure_ascii=False)
    text = _messages.english("percentage_misstated", message, 9, None, evidence)
    assert "a stray digit in last year's figure" in text
    assert not re.search(r"[\u4e00-\u9fff]", _latin_outside_quotes(text))


def test_a_count_of_one_takes_the_singular_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_i18n, "lang", lambda: "en")
    said = _i18n.t("sg_statement", year=2025, agencies=1, stage="budget", amount="37.91")
    assert said.startswith("2025: 1 agency, budget total 37.91"), said
    assert _i18n.t("sg_statement", year=2023, agencies=11, stage="budget", amount="1").startswith("2023: 11 agencies")
    assert _i18n.t("in_agencies", n=21).startswith("21 agencies")  # 21 is not one
    monkeypatch.setattr(_i18n, "lang", lambda: "zh")
    assert "1 个单位" in _i18n.t("sg_statement", year=2025, agencies=1, stage="预算数", amount="37.91")
