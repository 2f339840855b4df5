"""The prose rules' second pass (issue #14): heading years, 实施周期, growth and 三公 shares, contradictory
comparison words, 类 figures and 项 figures named without their 款 — on hand-made rows."""

from __future__ import annotations

from typing import Any

from fiscal.rules import Frames, evaluate
from fiscal.rules.prose import heading_year, period_year
from fiscal.rules.prose_figures import percentage_checks
from fiscal.rules.prose_wording import wording_checks

_DOC = {"doc_id": "d", "region_code": "320000", "agency": "江苏省某厅", "agency_id": "a", "source_name": "d.pdf"}


def _frames(year: int, kind: str, texts: list[str], **extra: list[dict[str, Any]]) -> Frames:
    docs = [{**_DOC, "year": year, "doc_kind": kind}]
    rows = [{**_DOC, "year": year, "page": 5, "key": "sentence", "text": t, "value": f"{i:04d}:x"}
            for i, t in enumerate(texts)]
    return Frames.of(documents=docs, narrative=rows, **extra)


def _line(code: str, name: str, amount: float, measure: str = "total", table: str = "expenditure") -> dict[str, Any]:
    return {**_DOC, "year": 2023, "page": 11, "table": table, "code": code, "name": name, "level": len(code) // 2,
            "measure": measure, "amount": amount}


# ---------------------------------------------------------------- year_inconsistent


def test_a_numbered_heading_about_another_year():
    assert heading_year("十三、关于2021年度预算绩效情况的说明", 2022, "final_account")
    assert heading_year("(二)2022年重点工作。", 2023, "budget")
    assert not heading_year("十三、关于2022年度预算绩效情况的说明", 2022, "final_account")
    assert not heading_year("(二)2023年重点工作。", 2023, "budget")
    for text in ("一、2022年预算执行情况", "(一)公务接待费较2022年预算下降50%。", "(三)2022年工作完成情况",
                 "四、部门收支预算编制相关依据", "(二)2023年工作计划"):
        assert not heading_year(text, 2023 if "计划" not in text else 2022, "budget"), text
    flags = evaluate(_frames(2023, "budget", ["(二)2022年重点工作。"]), rules=["year_inconsistent"])
    assert flags.height == 1 and "2022" in flags["message"][0]


def test_a_budget_project_period_before_the_budget_year():
    assert period_year("2025年1月1日-2025年12月31日", "五、实施周期", 2026, "budget")
    assert not period_year("2026年1月1日-2026年12月31日", "五、实施周期", 2026, "budget")
    assert not period_year("2025年1月1日-2026年12月31日", "五、实施周期", 2026, "budget")
    assert not period_year("2025年1月1日-2025年12月31日", "五、实施周期", 2025, "final_account")
    assert not period_year("2025年1月1日-2025年12月31日", "四、会议日程", 2026, "budget")  # not a 实施周期
    flags = evaluate(_frames(2026, "budget", ["五、实施周期", "2025年1月1日-2025年12月31日"]), rules=["year_inconsistent"])
    assert flags.height == 1 and "实施周期" in flags["message"][0]


# ---------------------------------------------------------------- percentage_misstated


def test_growth_with_the_figure_in_the_sentence_before():
    got = percentage_checks("与上年相比减少了1237.7万元,减少13.22%。", "项目支出预算数为4335.3万元。")
    assert [(c["printed"], c["computed"]) for c in got] == [(13.22, 22.21)]
    got = percentage_checks("2.法院(款)一般行政管理事务(项)支出6049.97万元,与上年相比减少392.92万元,减少5.95%。", None)
    assert [c["computed"] for c in got] == [6.1]
    # within two units of the last digit: 368.97 ÷ 1073.77 = 34.36 %
    assert not percentage_checks("住房公积金(项)支出1442.74万元,与上年相比增加368.97万元,增加34.38%。", None)


def test_a_whole_number_growth_rate_is_the_rate_rounded():
    before = "3.住房保障(类)支出3894.09万元,主要用于住房公积金。"
    got = percentage_checks("与上年相比增加878.93万元,增长30%。", before)
    assert [(c["printed"], c["computed"]) for c in got] == [(30.0, 29.15)]
    assert not percentage_checks("与上年相比增加878.93万元,增长29%。", before)


def test_shares_of_the_sangong_total_use_its_three_items():
    sg = [{**_DOC, "year": 2017, "page": 20, "stage": "budget", "item": i, "amount": a, "source": "table"}
          for i, a in (("total", 833.6), ("overseas", 222.5), ("vehicle_total", 183.6), ("reception", 427.5))]
    text = ("“三公”经费预算支出中,因公出国(境)费支出222.5万元,占“三公”经费的8.75%;公务用车购置及运行费支出183.6万元,"
            "占“三公”经费的22.03%;公务接待费支出427.5万元,占“三公”经费的51.28%。")
    flags = evaluate(_frames(2017, "budget", [text], sangong=sg), rules=["percentage_misstated"])
    assert flags.height == 1 and "26.69%" in flags["message"][0]
    # a total row that is not 出国 + 车辆 + 接待 (会议费 in it): no share is checked
    sg[0]["amount"] = 2542.6
    assert evaluate(_frames(2017, "budget", [text], sangong=sg), rules=["percentage_misstated"]).is_empty()


# ---------------------------------------------------------------- comparison_wording_wrong


def test_a_decrease_that_grows():
    got = wording_checks("运行经费财政拨款预算为30.13万元,比2022年预算减少13.46万元,增长80.74%。", None)
    assert len(got) == 1 and got[0]["rate_word"] == "增长"
    assert not wording_checks("运行经费财政拨款预算为30.13万元,比2022年预算增加13.46万元,增长80.74%。", None)
    flags = evaluate(_frames(2023, "budget", ["比2022年预算减少13.46万元,增长80.74%。"]),
                     rules=["comparison_wording_wrong"])
    assert flags.height == 1 and "自相矛盾" in flags["message"][0]


# ---------------------------------------------------------------- narrative_table_mismatch


def test_a_class_figure_against_the_sum_of_its_items():
    lines = [_line("", "合计", 64.1), _line("2080109", "社会保险经办机构", 46.3), _line("2101101", "行政单位医疗", 12.46),
             _line("2101103", "公务员医疗补助", 5.34)]
    lines[0]["code"] = None
    text = "支出包括:社会保障和就业支出46.3万元、卫生健康支出{}万元。"
    flags = evaluate(_frames(2023, "budget", [text.format("18.7")], line_items=lines), rules=["narrative_table_mismatch"])
    errors = flags.filter(flags["severity"] == "error")
    assert errors.height == 1 and "17.80" in errors["message"][0]
    assert evaluate(_frames(2023, "budget", [text.format("17.8")], line_items=lines),
                    rules=["narrative_table_mismatch"]).is_empty()
    # a change is not the class's figure
    assert evaluate(_frames(2023, "budget", ["卫生健康支出较上年增加18.7万元。"], line_items=lines),
                    rules=["narrative_table_mismatch"]).is_empty()


def test_an_item_named_with_its_kuan_run_in():
    lines = [_line("2010101", "行政运行", 4545.94), _line("2010102", "一般行政管理事务", 1000.0)]
    text = "1.人大事务行政运行(项)支出{}万元,与上年相比减少17.89万元。"
    flags = evaluate(_frames(2017, "budget", [text.format("10528.33")], line_items=lines),
                     rules=["narrative_table_mismatch"])
    assert flags.height == 1 and "2010101" in flags["message"][0]
    assert evaluate(_frames(2017, "budget", [text.format("4545.94")], line_items=lines),
                    rules=["narrative_table_mismatch"]).is_empty()


def test_an_item_figure_may_be_another_column_only_when_named():
    lines = [_line("2080109", "社会保险经办机构", 367.04), _line("2080109", "社会保险经办机构", 316.44, "basic"),
             _line("2080109", "社会保险经办机构", 50.6, "project")]
    text = "2.社会保障和就业(类)行政事业单位社会保险经办机构(项)2023年{}预算数为50.6万元,主要用于项目支出。"
    flags = evaluate(_frames(2023, "budget", [text.format("")], line_items=lines), rules=["narrative_table_mismatch"])
    assert flags.height == 1 and "367.04" in flags["message"][0]
    assert evaluate(_frames(2023, "budget", [text.format("项目支出")], line_items=lines),
                    rules=["narrative_table_mismatch"]).is_empty()
    # under a heading that names the column
    texts = ["(二)项目支出情况", text.format("")]
    assert evaluate(_frames(2023, "budget", texts, line_items=lines), rules=["narrative_table_mismatch"]).is_empty()


def test_a_self_evaluation_report_against_its_project_form():
    from fiscal.rules.prose_projects import match_project

    forms = [{**_DOC, "year": 2022, "page": 59, "project": p, "budget_initial": a, "budget_full_year": b, "executed": c}
             for p, a, b, c in (("市级统筹工作经费", 30.0, 30.0, 10.0), ("医疗救助配套(科室代编)", 20.0, 20.0, 20.0),
                                ("2022年医疗服务与保障能力提升资金", 88.0, 88.0, 88.0),
                                ("医疗服务与保障能力提升(医疗保障服务能力提升)中央财政补助资金", 0.0, 123.0, 123.0))]
    names = [f["project"] for f in forms]
    assert match_project("市级统筹工作经费", names) == "市级统筹工作经费"
    assert match_project("医疗救助(科室代编)", names) is None  # not close enough: say nothing
    assert match_project("一般公用经费", names) is None
    texts = ["专项名称市级统筹工作经费", "年度预算金额30万元", "项目年初预算批复30万元,全面预算10万元,实际支出10万元。"]
    flags = evaluate(_frames(2022, "final_account", texts, projects=forms), rules=["narrative_table_mismatch"])
    assert flags.height == 1 and "全年预算 30.00" in flags["message"][0]
    # the report table's group label read into the name line (layout b: 部门概况 | 专项名称 | …)
    grouped = ["部门概况专项名称市级统筹工作经费", *texts[1:]]
    assert evaluate(_frames(2022, "final_account", grouped, projects=forms), rules=["narrative_table_mismatch"]).height == 1
    texts[2] = "项目年初预算批复30万元,全年预算30万元,实际支出10万元。"
    assert evaluate(_frames(2022, "final_account", texts, projects=forms), rules=["narrative_table_mismatch"]).is_empty()
    # 年度预算金额 may be the adjusted budget
    texts = ["专项名称医疗服务与保障能力提升中央财政补助资金年度预算金额123万元", "本年度预算资金0万元,全年预算123万元。"]
    assert evaluate(_frames(2022, "final_account", texts, projects=forms), rules=["narrative_table_mismatch"]).is_empty()
