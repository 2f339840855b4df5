"""An eighth round of layouts (samplegen/variants_eighth.py), above all the 绩效自评 forms and lists the project rules
read, and a 2024 决算 总表 over two pages, read back figure by figure.

Each variant PDF, and a copy with a printed figure changed, is drawn once per session and ingested once with the real
pipeline. Every figure is checked; the anomalies printed on purpose (a project spending 0 % or 40 % of its budget and
scoring its execution in full, a list line at 35 % with 92 points, a missed target scored in full) are raised, once
each, and nothing is raised on the clean forms; in a broken copy the failed sum is named — a form's 总分 no longer
its scores' sum (total_score_mismatch), a list's 合计 no longer its lines' (the list `partial`).
"""

from __future__ import annotations

from typing import Any

import pytest

from ingest.document import Outcome
from samplegen import variants_eighth as v
from samplegen import variants_eighth_forms as f
from tests.ingest.layouts import caught, expected, flags, ingested, line_items, ok, reading, readings

PROJECT_RULES = ("full_score_low_execution", "high_total_low_execution", "exec_rate_misreported",
                 "exec_exceeds_budget", "total_score_mismatch", "indicator_unmet_full_score", "budget_adjusted_heavily")


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def test_the_whole_forms_print_consistent_scores():
    f.forms_blocks_check()


def _selfeval(out: Outcome) -> None:
    assert (out.meta.year, out.meta.doc_kind) == (2023, "performance_report")


def _projects(out: Outcome) -> dict[str, dict[str, Any]]:
    """project → its row (one row per project; see _rows for documents listing a project twice)."""
    rows = out.frames["projects"]
    got = {p["project"]: p for p in rows}
    assert len(got) == len(rows), "one row per project"
    return got


def _indicators(out: Outcome, project: str) -> dict[str, tuple[Any, ...]]:
    return {r["name"]: (r["level1"], r["level2"], r["target"], r["actual"], r["weight"], r["score"])
            for r in out.frames["indicators"] if r["project"] == project}


def _raised(out: Outcome) -> dict[str, list[str]]:
    """rule → its messages on the document, for every project rule that raised anything."""
    return {rule: found for rule in PROJECT_RULES if (found := flags(out, rule))}


def _score_broken(outcomes: dict[str, Outcome], name: str, project: str) -> None:
    """The broken copy: one indicator's 得分 printed lower, so its form's 总分 is no longer 执行得分 + Σ 指标得分."""
    (message,) = flags(ok(outcomes, v.broken_name(name)), "total_score_mismatch")
    assert f"项目“{project}”总分" in message


def test_mof_template_annual_budget_with_fiscal_and_other_funds(outcomes):
    """绩效指标 label column; 年度预算数 | 全年执行数 | 分值 | 执行率 | 得分 over 年度资金总额, 其中：财政拨款 and
    其他资金 (no 年初预算数): the 年度资金总额 line is read, the budget is the year's."""
    out = ok(outcomes, "selfeval_annual_funds.pdf")
    _selfeval(out)
    assert out.meta.agency == f.AB_AGENCY
    p = _projects(out)[f.AB_PROJECT]
    budget, executed, weight, _rate, score = f.AB_FUNDS
    assert (p["budget_initial"], p["budget_full_year"], p["executed"]) == (None, float(budget), float(executed))
    assert (p["exec_weight"], p["exec_score"], p["exec_rate_reported"], p["total_score"]) == (
        float(weight), float(score), 0.945, float(f.AB_TOTAL))
    assert _indicators(out, f.AB_PROJECT) == {
        name: (l1, l2, t, a, float(w), float(s)) for l1, l2, name, t, a, w, s, _n in f.AB_INDICATORS}
    assert reading(out, "project_selfeval")["status"] == "complete"
    assert not _raised(out)
    _score_broken(outcomes, "selfeval_annual_funds.pdf", f.AB_PROJECT)


def test_execution_scored_as_the_first_indicator_line(outcomes):
    """No 分值 / 得分 in the funds block; 预算执行 | 预算执行率 | 100% | 40.00% | 10 | 10 heads the indicators: that
    line is the execution's weight and score (not one more indicator), so the 40 % execution scored in full is
    raised by full_score_low_execution (an error) and the 总分 is still 执行得分 + Σ 指标得分."""
    name = "selfeval_rate_as_indicator.pdf"
    out = ok(outcomes, name)
    _selfeval(out)
    p = _projects(out)[f.RI_PROJECT]
    initial, full, executed, _rate = f.RI_FUNDS
    assert (p["budget_initial"], p["budget_full_year"], p["executed"], p["exec_rate_reported"]) == (
        float(initial), float(full), float(executed), 0.4)
    assert (p["exec_weight"], p["exec_score"], p["total_score"]) == (10.0, 10.0, float(f.RI_TOTAL))
    assert _indicators(out, f.RI_PROJECT) == {
        name: (l1, l2, t, a, float(w), float(s)) for l1, l2, name, t, a, w, s, _n in f.RI_INDICATORS}
    raised = _raised(out)
    assert set(raised) == {"full_score_low_execution", "high_total_low_execution"}, raised
    (low,) = raised["full_score_low_execution"]
    assert f.RI_PROJECT in low and "执行率 40.00%" in low and "10/10" in low
    _score_broken(outcomes, name, f.RI_PROJECT)


@pytest.mark.parametrize("name", ["selfeval_break_under_header.pdf", "selfeval_merged_level_over_pages.pdf"])
def test_form_breaking_under_its_indicator_header_score_before_weight(outcomes, name):
    """The indicator header printed at the foot of page 1, the indicators on page 2 under no header (or the page
    breaking inside the 产出指标 block merged down, the next page's lines under no 一级 label of their own); 得分
    before 分值 in the funds block: every indicator read under its own column and level."""
    out = ok(outcomes, name)
    _selfeval(out)
    p = _projects(out)[f.PB_PROJECT]
    initial, full, executed, _rate, score, weight = f.PB_FUNDS
    assert (p["budget_initial"], p["budget_full_year"], p["executed"]) == (
        float(initial), float(full), float(executed))
    assert (p["exec_weight"], p["exec_score"], p["exec_rate_reported"], p["total_score"]) == (
        float(weight), float(score), 0.9597, float(f.PB_TOTAL))
    assert _indicators(out, f.PB_PROJECT) == {
        name: (l1, l2, t, a, float(w), float(s)) for l1, l2, name, w, s, t, a, _n in f.PB_INDICATORS}
    assert reading(out, "project_selfeval")["table_pages"] == [1, 2]
    assert not _raised(out)
    _score_broken(outcomes, name, f.PB_PROJECT)


def _many_projects(out: Outcome, listed: bool = False) -> None:
    """The four forms read; the two anomalies raised once each, by both execution rules, the clean two not."""
    forms = [p for p in out.frames["projects"] if p["exec_score"] is not None]
    got = {p["project"]: p for p in forms}
    assert len(got) == len(forms) == len(f.MP_PROJECTS)
    for project in f.MP_PROJECTS:
        initial, full, executed, weight, rate, score = project.funds
        p = got[project.name]
        assert (p["budget_initial"], p["budget_full_year"], p["executed"], p["exec_weight"], p["exec_score"]) == (
            float(initial), float(full), float(executed), float(weight), float(score)), project.name
        assert (p["exec_rate_reported"], p["total_score"]) == (float(rate.rstrip("%")) / 100, float(project.total))
        assert _indicators(out, project.name) == {
            name: (l1, l2, t, a, float(w), float(s)) for l1, l2, name, t, a, w, s, _n in project.indicators}
    raised = _raised(out)
    assert set(raised) == {"full_score_low_execution", "high_total_low_execution"}, raised
    for rule in raised:
        assert sorted(m.split("“")[1].split("”")[0] for m in raised[rule]) == sorted(f.MP_ANOMALIES), rule
        if listed:  # the form's page, not the list's: the finding points at the form
            assert all(not m.startswith("第1页") for m in raised[rule]), raised[rule]


@pytest.mark.parametrize("name", ["selfeval_many_projects.pdf", "selfeval_many_projects_b.pdf"])
def test_several_projects_two_scoring_low_execution_in_full(outcomes, name):
    """Four forms, one a page: 0 % and 40 % spent, each scoring 10/10 and 100 points, is raised (an error of
    full_score_low_execution, and high_total_low_execution); the two clean projects raise nothing."""
    out = ok(outcomes, name)
    _selfeval(out)
    assert out.meta.agency == f.MP_AGENCY
    _many_projects(out)
    errors = [m for m in flags(out, "full_score_low_execution", "error")]
    assert len(errors) == 2
    assert [r["status"] for r in readings(out, "project_selfeval")] == ["complete"] * 4
    _score_broken(outcomes, name, f.MP_BROKEN)


def test_list_then_forms_each_anomaly_once(outcomes):
    """The four projects listed one line each before their forms: eight projects rows, but a project listed and
    printed as a form is one project, each anomaly raised once (on the form's page)."""
    out = ok(outcomes, "selfeval_list_then_forms.pdf")
    assert len(out.frames["projects"]) == 2 * len(f.MP_PROJECTS)
    _many_projects(out, listed=True)
    listed = {p["project"]: p for p in out.frames["projects"] if p["exec_score"] is None}
    assert {k: (p["budget_full_year"], p["executed"], p["total_score"]) for k, p in listed.items()} == {
        p.name: (float(p.funds[1]), float(p.funds[2]), float(p.total)) for p in f.MP_PROJECTS}
    assert reading(out, "selfeval_list")["status"] == "complete"


def test_overall_selfeval_budget_and_executed_columns(outcomes):
    """单位名称; 预算数 | 执行数 | 分值 | 执行率 | 得分 over 年度资金总额, 其中：财政拨款 and 其他资金; eight indicators
    under merged 一级 labels."""
    name = "overall_selfeval_executed.pdf"
    out = ok(outcomes, name)
    _selfeval(out)
    p = _projects(out)["部门整体支出"]
    budget, executed, weight, _rate, score = f.OB_FUNDS
    assert (p["implementing_unit"], p["budget_full_year"], p["executed"]) == (
        f.OB_AGENCY, float(budget), float(executed))
    assert (p["exec_weight"], p["exec_score"], p["exec_rate_reported"], p["total_score"]) == (
        float(weight), float(score), 0.9766, float(f.OB_TOTAL))
    assert _indicators(out, "部门整体支出") == {
        name: (l1, l2, t, a, float(w), float(s)) for l1, l2, name, t, a, w, s in f.OB_INDICATORS}
    assert not _raised(out)
    _score_broken(outcomes, name, "部门整体支出")


def test_funds_in_yuan_said_only_above_and_targets_in_words(outcomes):
    """金额单位：元 over a form whose 项目资金 label names no unit: the budgets in 万元; 不低于95% missed (88%) and
    scored 20/20 is raised by indicator_unmet_full_score, the targets met (不少于10个, 大于等于8%) are not."""
    name = "selfeval_unit_yuan_above.pdf"
    out = ok(outcomes, name)
    _selfeval(out)
    p = _projects(out)[f.UY_PROJECT]
    assert (p["budget_initial"], p["budget_full_year"], p["executed"]) == pytest.approx(f.UY_FUNDS_WAN)
    assert (p["exec_weight"], p["exec_score"], p["total_score"]) == (10.0, 9.85, float(f.UY_TOTAL))
    assert _indicators(out, f.UY_PROJECT) == {
        name: (l1, l2, t, a, float(w), float(s)) for l1, l2, name, t, a, w, s, _n in f.UY_INDICATORS}
    raised = _raised(out)
    assert set(raised) == {"indicator_unmet_full_score"}, raised
    (unmet,) = raised["indicator_unmet_full_score"]
    assert f.UY_UNMET in unmet
    _score_broken(outcomes, name, f.UY_PROJECT)


@pytest.mark.parametrize(("name", "family"), [("selfeval_list.pdf", "selfeval_list"),
                                              ("selfeval_list_two_level.pdf", "selfeval_list"),
                                              ("selfeval_list_titled_as_form.pdf", "project_selfeval")])
def test_selfeval_list_one_project_a_line(outcomes, name, family):
    """序号 | 项目名称 | 年度预算数 | 全年执行数 | 执行率 | 自评得分 | 自评等级 (or 预算执行情况 over the amounts, a
    实施单位 column; or titled 项目支出绩效自评表, as a form): a projects row per line; the lines at 35 % and 0 % with
    90+ points raised by high_total_low_execution, nothing else; the broken copy's 合计 no longer its column's sum:
    `partial`."""
    out = ok(outcomes, name)
    _selfeval(out)
    got = {k: (p["budget_full_year"], p["executed"], p["exec_rate_reported"], p["total_score"], p["grade"])
           for k, p in _projects(out).items()}
    assert got == {n: (float(b), float(e), pytest.approx(float(r.rstrip("%")) / 100), float(s), g)
                   for n, b, e, r, s, g in f.SL_LINES}
    assert all(p["exec_score"] is None for p in out.frames["projects"])
    one = reading(out, family)
    assert one["status"] == "complete", one["reason"]
    raised = _raised(out)
    assert set(raised) == {"high_total_low_execution"}, raised
    assert sorted(m.split("“")[1].split("”")[0] for m in raised["high_total_low_execution"]) == sorted(
        f.SL_ANOMALIES)
    broken = caught(outcomes, name, family, "exec_rate_misreported")
    assert broken["status"] == "partial" and "执行数列 合计与各项目之和" in broken["reason"]


def test_selfeval_list_over_two_pages_in_yuan_category_column_first(outcomes):
    """项目类别 | 项目名称 | 预算数 | 执行数 | 执行率 | 自评分数 in 元, 18 lines over two pages (the second without the
    header): every line in 万元, the 项目名称 column (not 项目类别) the project; the one at 25 % with 95 points raised;
    the broken copy's 执行数 100 元 off its 合计: `partial`."""
    name = "selfeval_list_long.pdf"
    out = ok(outcomes, name)
    _selfeval(out)
    assert out.meta.agency == f.LL_AGENCY
    got = {k: (p["budget_full_year"], p["executed"], p["total_score"]) for k, p in _projects(out).items()}
    assert got == {n: pytest.approx((b / 10000, e / 10000, s), abs=1e-9) for _k, n, b, e, s in f.list_long_lines()}
    one = reading(out, "selfeval_list")
    assert (one["status"], one["table_pages"]) == ("complete", [1, 2]), one["reason"]
    (low,) = flags(out, "high_total_low_execution")
    assert f.LL_ANOMALY in low and "25.00%" in low
    assert set(_raised(out)) == {"high_total_low_execution"}
    broken = caught(outcomes, name, "selfeval_list", "exec_rate_misreported")
    assert broken["status"] == "partial" and "执行数列 合计与各项目之和" in broken["reason"]


def test_final_account_with_selfeval_forms_attached(outcomes):
    """A 部门决算 whose projects' 绩效自评表 follow its tables: it stays a 决算, its 总表 `complete`, every form read
    and the two anomalies raised, as in a 自评 document of its own."""
    name = "final_with_selfeval.pdf"
    out = ok(outcomes, name)
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.SB_AGENCY, 2023, "final_account")
    assert reading(out, "summary")["status"] == "complete"
    _many_projects(out)
    assert {p["implementing_unit"] for p in out.frames["projects"]} == {v.SB_AGENCY}
    _score_broken(outcomes, name, f.MP_BROKEN)


def test_labels_and_values_in_one_cell(outcomes):
    """"项目名称：就业创业补助资金" over the whole row, "主管部门：…" | "实施单位：…": the form is read (it was not
    understood at all, its 40 % execution scored 10/10 never seen) and the anomaly raised."""
    name = "selfeval_fused_labels.pdf"
    out = ok(outcomes, name)
    _selfeval(out)
    p = _projects(out)[f.FL_PROJECT]
    initial, full, executed, weight, _rate, score = f.FL_FUNDS
    assert (p["implementing_unit"], p["budget_initial"], p["budget_full_year"], p["executed"]) == (
        f.FL_AGENCY, float(initial), float(full), float(executed))
    assert (p["exec_weight"], p["exec_score"], p["exec_rate_reported"], p["total_score"]) == (
        float(weight), float(score), 0.4, float(f.FL_TOTAL))
    assert _indicators(out, f.FL_PROJECT) == {
        name: (l1, l2, t, a, float(w), float(s)) for l1, l2, name, t, a, w, s, _n in f.FL_INDICATORS}
    assert set(_raised(out)) == {"full_score_low_execution", "high_total_low_execution"}
    _score_broken(outcomes, name, f.FL_PROJECT)


def test_execution_score_merged_down_the_fund_lines(outcomes):
    """分值 | 执行率 | 得分 each one cell merged down 年度资金总额, 其中：当年财政拨款, 上年结转资金 and 其他资金: the
    年度资金总额 line's figures with the merged weight, rate and score."""
    name = "selfeval_scores_merged_down.pdf"
    out = ok(outcomes, name)
    _selfeval(out)
    p = _projects(out)[f.MS_PROJECT]
    initial, full, executed, weight, _rate, score = (float(x.rstrip("%").replace(",", "")) for x in f.MS_FUNDS)
    assert (p["budget_initial"], p["budget_full_year"], p["executed"]) == (initial, full, executed)
    assert (p["exec_weight"], p["exec_score"], p["exec_rate_reported"], p["total_score"]) == (
        weight, score, 0.85, float(f.MS_TOTAL))
    assert _indicators(out, f.MS_PROJECT) == {
        name: (l1, l2, t, a, float(w), float(s)) for l1, l2, name, t, a, w, s, _n in f.MS_INDICATORS}
    assert not _raised(out)
    _score_broken(outcomes, name, f.MS_PROJECT)


@pytest.mark.parametrize("name", ["selfeval_full_year_blank.pdf", "selfeval_form_titled_as_list.pdf"])
def test_full_year_budget_left_blank_is_no_zero_budget(outcomes, name):
    """全年预算数 blank beside 年初预算数 640.00 and 全年执行数 627.20: the full-year budget is unknown (None), not 0 —
    read as 0 it accused the form of spending beyond a zero budget and of cutting the budget by 100 %. Titled
    项目支出绩效自评情况表 (a list's title as often as a form's), the form is still read as a form."""
    out = ok(outcomes, name)
    p = _projects(out)[f.BF_PROJECT]
    assert (p["budget_initial"], p["budget_full_year"], p["executed"], p["exec_rate"]) == (640.0, None, 627.2, None)
    assert (p["exec_weight"], p["exec_score"], p["exec_rate_reported"], p["total_score"]) == (
        10.0, 9.8, 0.98, float(f.BF_TOTAL))
    assert not _raised(out)
    _score_broken(outcomes, name, f.BF_PROJECT)


def test_final_2024_fiscal_summary_every_class_over_two_pages(outcomes):
    """The 2024 template's 25 function classes (most blank) beside the three fund income lines, 行次 columns and
    four measure columns, the second page without the header: every total and class read, `complete`; the broken
    copy's class printed 1.00 higher named in the 本年支出合计 sum."""
    name = "fiscal_summary_2024_two_pages.pdf"
    out = ok(outcomes, name)
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.FT_AGENCY, 2024, "final_account")
    items = {r["item"]: r["amount"] for r in out.frames["summary"] if r["table"] == "fiscal_summary"}
    assert {k: items[k] for k in v.ft_totals()} == pytest.approx(v.ft_totals())
    classes = {r["label"]: r["amount"] for r in out.frames["summary"] if r["item"] == "function_class" and r["amount"]}
    assert classes == pytest.approx(v.ft_classes())
    one = reading(out, "fiscal_summary")
    assert (one["status"], one["table_pages"]) == ("complete", [2, 3]), one["reason"]
    broken = caught(outcomes, name, "fiscal_summary", "totals_mismatch")
    assert "本年支出合计与各功能分类（类）之和" in broken["reason"]


def test_soe_final_with_figures(outcomes):
    """A 国资委's 国有资本经营预算财政拨款收入支出决算表 that is not empty (年初结转和结余 | 本年收入 | 本年支出 小计 /
    基本 / 项目 | 年末结转和结余 over 223 类, 款 and 项 lines): every figure; the broken copy's 项目支出 printed 1.00
    higher down its 款, 类 and 合计 fails only the lines' 小计 = 基本 + 项目, and the rule says so."""
    name = "soe_final_with_figures.pdf"
    out = ok(outcomes, name)
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.SO_AGENCY, 2024, "final_account")
    assert line_items(out, "soe_capital") == expected(v.soe_lines(), v.SO_MEASURES)
    one = reading(out, "soe_capital")
    assert (one["status"], one["empty"]) == ("complete", False), one["reason"]
    broken = caught(outcomes, name, "soe_capital", "totals_mismatch")
    assert "22399行 合计与基本支出+项目支出" in broken["reason"]
