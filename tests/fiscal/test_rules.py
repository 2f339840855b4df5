"""Every anomaly rule on small hand-made frames: one case that fires, one that does not.

The figures are the real ones where a real case exists (郴州 2022 seed, 普陀区财政局 2024).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from fiscal.peers import agency_type
from fiscal.rules import FLAG_SCHEMA, RULES, Frames, evaluate, same_agency

CHENZHOU = {"region_code": "431000", "region": "湖南省郴州市", "agency_id": "yibao-e3fe9a", "agency": "郴州市医疗保障局",
            "year": 2022}
DESIGN = Path(__file__).resolve().parents[2] / "docs" / "DESIGN.md"


def row(doc_id: str = "fa", page: int = 1, base: dict | None = None, **fields) -> dict:
    """One lake row: the common columns of 郴州 2022 (or `base`) plus `fields`."""
    return {**(base or CHENZHOU), "doc_id": doc_id, "page": page, **fields}


def doc(doc_id: str = "fa", doc_kind: str = "final_account", scope: str = "department", tables=None, warnings=(),
        base: dict | None = None, **fields) -> dict:
    return row(doc_id, 1, base, doc_kind=doc_kind, scope=scope, source_name=f"{doc_id}.pdf",
               tables=list(tables if tables is not None else ()), warnings=list(warnings),
               ingested_at=datetime(2024, 1, 1, tzinfo=UTC), **fields)


def run(rule: str, **frames) -> pl.DataFrame:
    """The flags of one rule on hand-made frames."""
    frames.setdefault("documents", [doc()])
    return evaluate(Frames.of(**frames), rules=[rule])


def project(name: str, full: float, executed: float, weight: float = 10, score: float = 10, total: float = 100,
            initial: float | None = None, reported: float | None = None, page: int = 56) -> dict:
    rate = executed / full if full else None
    return row(page=page, project=name, budget_initial=full if initial is None else initial, budget_full_year=full,
               executed=executed, exec_rate=rate, exec_rate_reported=rate if reported is None else reported,
               exec_weight=weight, exec_score=score, total_score=total)


# ---------------------------------------------------------------- the registry


def test_every_rule_id_of_the_design_is_implemented():
    assert DESIGN.is_file(), "docs/DESIGN.md ships with the repo"
    ids = set(re.findall(r"^\| `([a-z_]+)` \|", DESIGN.read_text(encoding="utf-8"), flags=re.M))
    assert ids and ids <= set(RULES)
    # rules beyond DESIGN.md are reading notes (category "reading"), documented in docs/CONTRACT.md
    contract = (DESIGN.parent / "CONTRACT.md").read_text(encoding="utf-8")
    for extra in set(RULES) - ids:
        assert RULES[extra].category == "reading" and RULES[extra].severity == "info", extra
        assert f"`{extra}`" in contract, extra


def test_rules_carry_a_severity_a_chinese_description_and_their_thresholds():
    for r in RULES.values():
        assert r.severity in ("info", "warning", "error")
        assert re.search(r"[\u4e00-\u9fff]", r.description)
    assert RULES["full_score_low_execution"].params == {"slack": 1.0, "low_rate": 0.6, "full_tolerance": 0.01}


def test_evaluate_returns_the_flag_schema_most_severe_first():
    frames = Frames.of(documents=[doc()], projects=[
        project("打击欺诈骗保投诉举报奖励经费", 10, 0),  # error
        project("部门整体支出", 392.33, 392.33, initial=200, page=34),  # info (budget adjusted)
    ])
    flags = evaluate(frames)
    assert flags.schema == FLAG_SCHEMA
    assert flags["severity"].to_list()[0] == "error" and flags["severity"].to_list()[-1] == "info"
    assert all(json.loads(e) for e in flags["evidence"])


def test_thresholds_can_be_overridden_per_rule():
    p = [project("医保基金监督管理工作经费", 100, 70, score=8.5)]  # 8.5 > 7 + 1
    assert run("full_score_low_execution", projects=p).height == 1
    relaxed = evaluate(Frames.of(documents=[doc()], projects=p), {"full_score_low_execution": {"slack": 2.0}},
                       rules=["full_score_low_execution"])
    assert relaxed.is_empty()


# ---------------------------------------------------------------- projects


def test_full_score_at_zero_execution_is_an_error():
    flags = run("full_score_low_execution", projects=[project("打击欺诈骗保投诉举报奖励经费", 10, 0)])
    assert flags.height == 1
    f = flags.row(0, named=True)
    assert (f["severity"], f["project"], f["page"]) == ("error", "打击欺诈骗保投诉举报奖励经费", 56)
    assert "执行率 0.00%" in f["message"] and "10/10" in f["message"]
    assert json.loads(f["evidence"])["exec_score"] == 10


def test_full_score_at_38_percent_fires_but_proportional_zero_and_full_execution_do_not():
    projects = [
        project("省厅下达基本医疗保险市级统筹奖补资金", 52.4, 20.06, initial=0),  # 38.28%, 10/10 → fires
        project("未执行未得分", 10, 0, score=0),  # 0% scored 0
        project("建国初期参加革命工作退休人员", 16.4, 12.8, score=7.8, total=97.8),  # 78.05% scored 7.80
        project("城乡居民医保配套", 4052.66, 4052.66, total=99.56),  # 100%
    ]
    flags = run("full_score_low_execution", projects=projects)
    assert flags["project"].to_list() == ["省厅下达基本医疗保险市级统筹奖补资金"]


def test_near_full_score_above_the_proportional_score_is_a_warning():
    flags = run("full_score_low_execution", projects=[project("基金管理重点工作经费", 195, 118.27, reported=1.0)])
    assert flags["severity"].to_list() == ["warning"]  # 60.65% scored 10/10


def test_printed_rate_far_from_executed_over_budget_is_misreported():
    projects = [project("市级统筹工作经费", 30, 10, reported=1.0),
                project("建国初期参加革命工作退休人员", 16.4, 12.8, score=7.8, reported=0.7805)]
    flags = run("exec_rate_misreported", projects=projects)
    assert flags["project"].to_list() == ["市级统筹工作经费"]
    assert "100.00%" in flags["message"][0] and "33.33%" in flags["message"][0]


def test_executed_above_the_full_year_budget():
    projects = [project("数字政府网络安全运营服务", 200, 236.8), project("全省视频会议系统", 200, 200)]
    assert run("exec_exceeds_budget", projects=projects)["project"].to_list() == ["数字政府网络安全运营服务"]


def test_high_total_score_with_low_execution():
    projects = [project("市级统筹工作经费", 30, 10), project("老干部医疗费", 800, 800),
                project("执行低分也低", 30, 10, score=3, total=60)]
    assert run("high_total_low_execution", projects=projects)["project"].to_list() == ["市级统筹工作经费"]


def indicator(name: str, score: float | None, weight: float = 20, project_name: str = "2022年医疗服务与保障能力提升资金",
              page: int = 63, **fields) -> dict:
    return row(page=page, project=project_name, name=name, weight=weight, score=score, **fields)


def test_total_score_not_adding_up_fires():
    p = [project("2022年医疗服务与保障能力提升资金", 88, 88, page=63)]
    ind = [indicator("预算成本控制情况", 20), indicator("推行DRG", 20), indicator("提升医保服务形象", None),
           indicator("群众满意度", None)]
    flags = run("total_score_mismatch", projects=p, indicators=ind)
    assert flags.height == 1 and "= 50" in flags["message"][0]


def test_a_total_over_indicators_printing_no_score_is_no_sum():
    p = [project("重点生态保护修复治理资金", 5000, 4650, score=None, total=95, page=3)]
    ind = [indicator("修复面积", None, weight=None, project_name="重点生态保护修复治理资金", page=3)]
    assert run("total_score_mismatch", projects=p, indicators=ind).is_empty()


def test_two_forms_of_one_name_are_told_apart_by_page_and_add_up():
    p = [project("部门整体支出", 628.55, 594.48, score=9.5, total=99.5, page=34),
         project("部门整体支出", 874.05, 874.05, total=100, page=35)]
    ind = [indicator("a", 90, weight=90, project_name="部门整体支出", page=34),
           indicator("b", 45, weight=45, project_name="部门整体支出", page=35),
           indicator("c", 45, weight=45, project_name="部门整体支出", page=36)]  # continues on the next page
    assert run("total_score_mismatch", projects=p, indicators=ind).is_empty()


def test_unmet_numeric_indicator_with_full_score():
    ind = [
        indicator("参保率", 20, target="≥95%", actual="90%", target_value=95, actual_value=90, comparator=">="),
        indicator("社会公众满意度", 10, weight=10, target="≥95%", actual="100%", target_value=95, actual_value=100,
                  comparator=">="),
        # a cost ceiling met (0 spent of 10), printed in other units: not a miss
        indicator("预算成本控制情况", 20, target="10万元", actual="0%", target_value=10, actual_value=0, comparator="=",
                  level2="经济成本指标"),
        indicator("医保信息系统运行维护响应时间", 15, weight=15, target="≤30分钟", actual="45分钟", target_value=30,
                  actual_value=45, comparator="<=", score_note=None),
    ]
    ind[3]["score"] = 10  # missed but not scored full
    flags = run("indicator_unmet_full_score", indicators=ind)
    assert flags.height == 1 and "参保率" in flags["message"][0]


def test_an_indicator_said_not_done_with_full_score():
    """实际完成值 未完成 (or 未按期完成 …) scored in full is a miss whatever the target; 未发生 (no accident, the
    target met) and a target itself saying 未… are not."""
    ind = [
        indicator("系统升级改造", 10, weight=10, target="按期完成", actual="未完成", comparator="qualitative"),
        indicator("档案数字化", 10, weight=10, target="≥95%", actual="未 按期 完成", target_value=95, comparator=">="),
        indicator("安全生产事故", 10, weight=10, target="无", actual="未发生", comparator="qualitative"),
        indicator("未完成整改事项", 10, weight=10, target="未完成整改事项清零", actual="未完成整改事项清零",
                  comparator="qualitative"),
        indicator("设备到位", 10, weight=10, target="按期到位", actual="未到位", comparator="qualitative"),
    ]
    ind[4]["score"] = 4  # missed, not scored full
    flags = run("indicator_unmet_full_score", indicators=ind)
    assert sorted(flags["message"].str.extract("指标“(.+?)”").to_list()) == ["档案数字化", "系统升级改造"]


def test_budget_adjusted_by_more_than_half():
    projects = [project("部门整体支出", 628.55, 594.48, initial=392.33, page=34),
                project("医疗待遇保障工作经费", 28.75, 28.75, initial=45),
                project("医疗服务与保障能力提升", 123, 123, initial=0)]
    flags = run("budget_adjusted_heavily", projects=projects)
    # a finding a reviewer looks at (DESIGN's warning class), so it is measured like the other findings
    assert flags["project"].to_list() == ["部门整体支出"] and flags["severity"][0] == "warning"


# ---------------------------------------------------------------- 三公


def sangong(stage: str, doc_id: str = "fa", page: int = 20, base: dict | None = None, source: str = "table",
            **items: float) -> list[dict]:
    return [row(doc_id, page, base, stage=stage, item=k, amount=v, source=source) for k, v in items.items()]


SG_ACTUAL = dict(total=6.22, overseas=0.0, vehicle_total=4.0, vehicle_purchase=0.0, vehicle_operation=4.0, reception=2.22)
SG_BUDGET = dict(total=9.0, overseas=0.0, vehicle_total=4.0, vehicle_purchase=0.0, vehicle_operation=4.0, reception=5.0)


def test_sangong_parts_adding_up_raise_nothing():
    assert run("sangong_sum_mismatch", sangong=sangong("actual", **SG_ACTUAL) + sangong("budget", **SG_BUDGET)).is_empty()


def test_sangong_total_off_is_an_error_and_a_cent_is_a_note():
    wrong = sangong("actual", **{**SG_ACTUAL, "total": 7.22})
    cent = sangong("budget", **{**SG_BUDGET, "total": 9.01})
    flags = run("sangong_sum_mismatch", sangong=wrong + cent).sort("severity")
    assert flags["severity"].to_list() == ["error", "info"]
    assert "7.22" in flags["message"][0] and "尾数误差" in flags["message"][1]


def test_sangong_actual_over_budget():
    over = sangong("actual", **{**SG_ACTUAL, "reception": 6.0, "total": 10.0}) + sangong("budget", **SG_BUDGET)
    flags = run("sangong_over_budget", sangong=over)
    assert set(flags["message"].str.extract(r"^第20页(\S+?)决算").to_list()) == {"公务接待费", "“三公”经费合计"}
    assert run("sangong_over_budget", sangong=sangong("actual", **SG_ACTUAL) + sangong("budget", **SG_BUDGET)).is_empty()


def test_sangong_growth_over_a_fifth_fires_and_department_scope_wins():
    y2021 = {**CHENZHOU, "year": 2021}
    docs = [doc("fa"), doc("fa21", base=y2021), doc("unit", scope="unit")]
    rows = (sangong("actual", "fa", total=6.22) + sangong("actual", "fa21", base=y2021, total=5.0)
            + sangong("actual", "unit", total=60.0))
    flags = run("sangong_yoy_increase", documents=docs, sangong=rows)
    assert flags.height == 1 and flags["doc_id"][0] == "fa" and "24.40%" in flags["message"][0]
    calm = sangong("actual", "fa", total=6.22) + sangong("actual", "fa21", base=y2021, total=6.0) + sangong(
        "actual", "unit", total=60.0)
    assert run("sangong_yoy_increase", documents=docs, sangong=calm).is_empty()


def test_a_department_year_after_a_unit_year_is_not_growth():
    y2021 = {**CHENZHOU, "year": 2021}
    docs = [doc("fa"), doc("unit21", base=y2021, scope="unit")]
    rows = sangong("actual", "fa", total=60.0) + sangong("actual", "unit21", base=y2021, total=5.0)
    assert run("sangong_yoy_increase", documents=docs, sangong=rows).is_empty()


def test_budget_only_years_compare_the_budget_series():
    jiangsu = {"region_code": "320000", "region": "江苏省", "agency_id": "zhengxie-1", "agency": "江苏省政协办公厅"}
    docs = [doc("b18", "budget", base={**jiangsu, "year": 2018}), doc("b19", "budget", base={**jiangsu, "year": 2019})]
    rows = (sangong("budget", "b18", base={**jiangsu, "year": 2018}, total=500.0)
            + sangong("budget", "b19", base={**jiangsu, "year": 2019}, total=660.1))
    flags = run("sangong_yoy_increase", documents=docs, sangong=rows)
    assert flags.height == 1 and "预算数" in flags["message"][0]


# ---------------------------------------------------------------- reconciliations


def line(table: str, code: str | None, measure: str, amount: float, name: str = "", page: int = 10,
         doc_id: str = "fa") -> dict:
    level = None if code is None else {3: 1, 5: 2, 7: 3}[len(code)]
    return row(doc_id, page, table=table, code=code, name=name or ("合计" if code is None else code), level=level,
               measure=measure, amount=amount)


def expenditure(total: float, basic: float = 60.0, project_: float = 30.0) -> list[dict]:
    return [line("expenditure", None, "total", total), line("expenditure", None, "basic", basic),
            line("expenditure", None, "project", project_),
            line("expenditure", "210", "total", 90.0), line("expenditure", "210", "basic", basic),
            line("expenditure", "210", "project", project_)]


def test_totals_that_add_up_raise_nothing():
    assert run("totals_mismatch", line_items=expenditure(90.0)).is_empty()


def test_total_off_by_ten_is_an_error_and_a_cent_an_info_note():
    flags = run("totals_mismatch", line_items=expenditure(100.0))
    assert set(flags["severity"]) == {"error"} and any("100.00 ≠ 分项之和 90.00" in m for m in flags["message"])
    cent = run("totals_mismatch", line_items=expenditure(90.01))
    assert cent["severity"].to_list() == ["info"] and "尾数误差" in cent["message"][0]


def basic_as_parts(total: float) -> list[dict]:
    """A 支出表 printing 基本支出 only as 人员经费 | 公用经费 (no 小计 column; 河南, 湖南 budgets)."""
    figures = {"total": total, "personnel": 50.0, "public": 10.0, "project": 30.0}
    return [line("expenditure", code, m, x) for code in (None, "210") for m, x in figures.items()]


def test_basic_printed_as_its_two_parts_adds_up_with_the_project_column():
    assert run("totals_mismatch", line_items=basic_as_parts(90.0)).is_empty()
    flags = run("totals_mismatch", line_items=basic_as_parts(91.0))
    assert any("合计与人员经费、公用经费、项目支出之和" in m for m in flags["message"])


def test_an_income_table_with_one_unit_funds_column_adds_it_to_its_sources():
    # 预算管理一体化 部门收入总表: 合计 | 上年结转 | 一般公共预算 | 政府性基金预算 | 财政专户管理资金 | 单位资金
    figures = {"total": 120.0, "carried_over": 10.0, "gpb": 80.0, "gov_fund": 0.0, "special_account": 5.0,
               "unit_funds": 25.0}
    lines = [line("income", None, m, x) for m, x in figures.items()]
    assert run("totals_mismatch", line_items=lines).is_empty()
    lines[-1] = line("income", None, "unit_funds", 26.0)
    flags = run("totals_mismatch", line_items=lines)
    assert flags.height == 1 and "单位资金" in flags["message"][0]


def items_only(total: float) -> list[dict]:
    """A 一般公共预算 table of 项 lines only (no 类 or 款 line printed), its 合计 first."""
    return [line("gpb_expenditure", None, "basic", total), line("gpb_expenditure", "2010101", "basic", 36.2),
            line("gpb_expenditure", "2040601", "basic", 845.31)]


def test_a_table_of_item_lines_only_adds_them_up_to_its_total():
    assert run("totals_mismatch", line_items=items_only(881.51)).is_empty()
    flags = run("totals_mismatch", line_items=items_only(882.51))
    assert flags["message"].to_list() == [
        "第10页一般公共预算财政拨款支出表（基本支出）合计与各项之和：合计 882.51 ≠ 分项之和 881.51（差 +1.00）"]


def gov_fund(closing: float, total: float = 905.5) -> list[dict]:
    """One line of a 政府性基金 决算: 年初 120 + 本年收入 860 − 本年支出 905.50 = 年末 74.50."""
    figures = {"opening": 120.0, "income": 860.0, "total": total, "basic": 0.0, "project": 905.5, "closing": closing}
    return [line("gov_fund", "2120801", m, x, name="征地和拆迁补偿支出") for m, x in figures.items()]


def test_a_gov_fund_line_spends_its_basic_and_project_and_carries_the_rest_over():
    assert run("totals_mismatch", line_items=gov_fund(74.5)).is_empty()
    closing = run("totals_mismatch", line_items=gov_fund(75.5))["message"].to_list()
    assert closing == ["第10页政府性基金预算财政拨款表 2120801 征地和拆迁补偿支出：年末结转和结余与年初结转和结余+本年收入"
                       "-本年支出：合计 75.50 ≠ 分项之和 74.50（差 +1.00）"]
    spent = run("totals_mismatch", line_items=gov_fund(73.5, total=906.5))["message"].to_list()
    assert spent == ["第10页政府性基金预算财政拨款表 2120801 征地和拆迁补偿支出：合计与基本支出、项目支出之和：合计 906.50 ≠ "
                     "分项之和 905.50（差 +1.00）"]


def summary(item: str, amount: float, table: str = "summary", label: str = "", page: int = 7, doc_id: str = "fa") -> dict:
    return row(doc_id, page, table=table, item=item, label=label or item, amount=amount)


def test_summary_total_and_expenditure_table_total_must_agree():
    lines = expenditure(1468.53, 971.5, 497.03)
    assert run("cross_table_mismatch", summary=[summary("expenditure_total", 1468.53)], line_items=lines).is_empty()
    flags = run("cross_table_mismatch", summary=[summary("expenditure_total", 1467.89)], line_items=lines)
    assert flags["severity"].to_list() == ["error"] and "本年支出合计" in flags["message"][0]


def test_reception_in_basic_expenditure_above_the_sangong_reception_is_a_warning():
    econ = [row(page=16, code="30217", name="公务接待费", group="public", amount=3.0)]
    flags = run("cross_table_mismatch", sangong=sangong("actual", **SG_ACTUAL), economic_items=econ)
    assert flags["severity"].to_list() == ["warning"] and "30217" in flags["message"][0]
    econ[0]["amount"] = 0.78  # the seed: 0.78 of 2.22 in 基本支出, the rest in projects
    assert run("cross_table_mismatch", sangong=sangong("actual", **SG_ACTUAL), economic_items=econ).is_empty()


def test_a_budget_plans_no_more_reception_in_basic_expenditure_than_in_its_sangong_table():
    budget = [doc(doc_kind="budget")]
    econ = [row(page=18, code="30217", name="公务接待费", group="public", amount=0.8)]
    sg = sangong("budget", total=0.5, overseas=0.0, vehicle_total=0.0, vehicle_purchase=0.0, vehicle_operation=0.0,
                 reception=0.5)
    flags = run("cross_table_mismatch", documents=budget, sangong=sg, economic_items=econ)
    assert flags["severity"].to_list() == ["warning"] and "公务接待费预算数 0.50" in flags["message"][0]
    econ[0]["amount"] = 0.51  # a cent of rounding between two tables in 万元 is no finding
    assert run("cross_table_mismatch", documents=budget, sangong=sg, economic_items=econ).is_empty()
    # a final account's 三公 预算数 is what it was given, not what the economic table spent
    assert run("cross_table_mismatch", sangong=sg, economic_items=[{**econ[0], "amount": 0.8}]).is_empty()


# ---------------------------------------------------------------- prose vs tables


def narrative(key: str, amount: float | None = None, value: str | None = None, page: int = 23, doc_id: str = "fa",
              unit: str | None = "万元", base: dict | None = None) -> dict:
    return row(doc_id, page, base, key=key, text=f"{key} {amount or value}", amount=amount,
               unit=unit if amount is not None else None, value=value)


def test_prose_figures_matching_their_tables_raise_nothing():
    nar = [narrative("sangong_total_actual", 6.22), narrative("sangong_reception_actual", 2.22)]
    assert run("narrative_table_mismatch", narrative=nar, sangong=sangong("actual", **SG_ACTUAL)).is_empty()


def test_prose_figure_differing_from_its_table_is_an_error():
    putuo = {"region_code": "310107", "region": "上海市普陀区", "agency_id": "caizhengju-dae728",
             "agency": "上海市普陀区财政局", "year": 2024}
    nar = [narrative("fiscal_grand_total", 0.3, page=21, doc_id="pt", base=putuo)]
    s = [summary("grand_total", 2961.68, table="fiscal_summary", page=13, doc_id="pt") | putuo]
    flags = run("narrative_table_mismatch", documents=[doc("pt", base=putuo)], narrative=nar, summary=s)
    f = flags.row(0, named=True)
    assert (f["severity"], f["page"]) == ("error", 21)
    assert "0.30" in f["message"] and "2,961.68" in f["message"] and "第13页" in f["message"]


def test_prose_of_a_narrative_pdf_is_checked_against_the_tables_pdf_of_the_same_agency_year():
    docs = [doc("narr", "budget"), doc("tabl", "budget")]
    nar = [narrative("sangong_reception_budget", 27.0, doc_id="narr", page=11)]
    flags = run("narrative_table_mismatch", documents=docs, narrative=nar,
                sangong=sangong("budget", "tabl", page=9, reception=28.0))
    assert flags.height == 1 and json.loads(flags["evidence"][0])["table_doc_id"] == "tabl"


def test_a_figure_off_by_ten_thousand_is_a_unit_slip():
    nar = [narrative("expenditure_total", 1468.53 / 10_000, unit="元", page=21)]  # "1468.53元"
    s = [summary("expenditure_total", 1468.53)]
    flags = run("unit_mismatch", narrative=nar, summary=s)
    assert flags.height == 1 and "一万倍" in flags["message"][0]
    assert run("narrative_table_mismatch", narrative=nar, summary=s).is_empty()  # reported once, as a unit slip
    assert run("unit_mismatch", narrative=[narrative("expenditure_total", 1468.53)], summary=s).is_empty()


def test_a_later_sentence_printing_the_figure_in_yuan_is_a_unit_slip():
    nar = [narrative("sangong_reception_actual", 2.22, page=20),
           row("fa", 23, key="sentence", text="2、公务接待费支出决算为 2.22 元，全年共接待来访团组 27 个。")]
    flags = run("unit_mismatch", narrative=nar, sangong=sangong("actual", reception=2.22, page=20))
    assert flags["page"].to_list() == [23]
    fine = [nar[0], row("fa", 23, key="sentence", text="2、公务接待费支出决算为 2.22 万元，全年共接待来访团组 27 个。")]
    assert run("unit_mismatch", narrative=fine, sangong=sangong("actual", reception=2.22, page=20)).is_empty()


# ---------------------------------------------------------------- completeness and naming


NINE = ["summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic", "gov_fund", "soe_capital",
        "sangong"]


def test_a_final_account_without_its_sangong_table():
    flags = run("missing_tables", documents=[doc(tables=NINE[:-1])])
    assert flags["severity"].to_list() == ["warning"] and "“三公”经费表" in flags["message"][0]
    assert run("missing_tables", documents=[doc(tables=NINE)]).is_empty()


def test_tables_published_in_a_second_pdf_count_for_the_agency_year():
    docs = [doc("narr", "budget", tables=[]), doc("tabl", "budget", tables=NINE)]
    assert run("missing_tables", documents=docs).is_empty()
    only_prose = run("missing_tables", documents=[doc("narr", "budget", tables=[])])
    assert only_prose["severity"].to_list() == ["info"]  # the tables were probably published apart


def test_a_file_with_a_few_of_the_tables_is_part_of_a_disclosure_published_apart():
    # one table per file (or the 三公 table on its own): the rest is not in the lake, not missing from the disclosure
    few = run("missing_tables", documents=[doc(tables=["sangong", "summary"])])
    assert few["severity"].to_list() == ["info"] and "其余可能另行发布" in few["message"][0]
    assert run("missing_tables", documents=[doc(tables=NINE[:4])])["severity"].to_list() == ["info"]  # 4 of 9
    most = run("missing_tables", documents=[doc(tables=NINE[:5])])  # five of nine: a disclosure lacking four
    assert most["severity"].to_list() == ["warning"]


def test_an_empty_table_without_explanation():
    warned = doc(tables=NINE, warnings=["收入决算表（第6页）为空表但未说明 / empty table without explanation"])
    flags = run("missing_tables", documents=[warned])
    assert flags["page"].to_list() == [6]


def test_an_empty_table_the_prose_explains_is_not_a_defect():
    empty = "财政拨款政府性基金支出预算表（第7页）为空表但未说明 / empty table without explanation"
    warned = doc(tables=NINE, warnings=[empty])
    said = row("fa", 9, key="sentence", text="七、政府性基金支出预算表情况说明 本部门无政府性基金预算。")
    assert run("missing_tables", documents=[warned], narrative=[said]).is_empty()
    other = row("fa", 9, key="sentence", text="本部门无国有资本经营预算。")
    assert run("missing_tables", documents=[warned], narrative=[other])["page"].to_list() == [7]


def test_a_blank_template_is_not_accused_of_empty_tables():
    warned = doc(tables=NINE, warnings=["收入决算表（第6页）为空表但未说明 / empty table without explanation"],
                 base={**CHENZHOU, "agency": "上海市XX局"})
    assert run("missing_tables", documents=[warned]).is_empty()


def test_a_table_header_naming_another_agency():
    nar = [narrative("agency_name_cover", value="郴州市医疗保障局", page=1),
           narrative("agency_name_table", value="郴州市医疗保障局", page=6),
           narrative("agency_name_table", value="郴州市人力资源和社会保障局", page=9)]
    flags = run("agency_name_inconsistent", narrative=nar)
    assert flags["page"].to_list() == [9] and "人力资源和社会保障局" in flags["message"][0]


def test_spelling_variants_and_wrapped_names_are_the_same_agency():
    jiangsu = {"region_code": "320000", "region": "江苏省", "agency_id": "shengweibangongting-1",
               "agency": "中共江苏省委办公厅", "year": 2017}
    nar = [narrative("agency_name_cover", value="江苏省委办公厅", page=1, base=jiangsu),
           narrative("agency_name_table", value="中国共产党江苏省委员会办公厅", page=1, base=jiangsu),
           narrative("agency_name_table", value="中国共产党江苏省委员会办", page=2, base=jiangsu),
           narrative("agency_name_prose", value="江苏省委办公厅", page=5, base=jiangsu)]
    assert run("agency_name_inconsistent", documents=[doc(base=jiangsu)], narrative=nar).is_empty()
    assert same_agency("上海市普陀区财政局（本级）", "上海市普陀区财政局", "310107")


def test_a_function_code_printed_with_another_name():
    lines = [line("expenditure", "2210201", "total", 32.87, name="提租补贴")]
    flags = run("code_name_mismatch", line_items=lines)
    assert flags.height == 1 and "住房公积金" in flags["message"][0]


def test_known_names_old_names_wrapped_names_and_unknown_codes_pass():
    lines = [line("expenditure", "2210201", "total", 32.87, name="住房公积金"),
             line("expenditure", "210", "total", 10.0, name="医疗卫生与计划生育支出"),  # before 2019
             line("expenditure", "2080505", "total", 43.84, name="机关事业单位基本养老保险缴"),  # cut by a wrap
             line("expenditure", "2299999", "total", 1.37, name="其他支出")]  # not in the table: not judged
    assert run("code_name_mismatch", line_items=lines).is_empty()


# ---------------------------------------------------------------- across documents


def budget_lines(doc_id: str = "bu") -> list[dict]:
    return [line("gpb_expenditure", None, "total", 1093.7, doc_id=doc_id, page=8),
            line("gpb_expenditure", "2101501", "total", 984.2, name="行政运行", doc_id=doc_id, page=8)]


def test_the_initial_budget_a_final_account_quotes_must_be_the_budget_documents():
    docs = [doc("fa"), doc("bu", "budget")]
    nar = [narrative("fiscal_expenditure_initial", 1093.7, page=21),
           narrative("initial_budget_item", 984.2, value="行政运行", page=22)]
    assert run("budget_final_mismatch", documents=docs, narrative=nar, line_items=budget_lines()).is_empty()
    nar[1]["amount"] = 900.0
    flags = run("budget_final_mismatch", documents=docs, narrative=nar, line_items=budget_lines())
    assert flags.height == 1 and "行政运行" in flags["message"][0] and flags["page"][0] == 22


def test_sangong_budget_in_the_final_account_differs_from_the_budget_document_as_a_note():
    docs = [doc("fa"), doc("bu", "budget")]
    rows = sangong("budget", "fa", total=9.0) + sangong("budget", "bu", page=18, total=8.0)
    flags = run("budget_final_mismatch", documents=docs, sangong=rows)
    assert flags["severity"].to_list() == ["info"] and "调整后" in flags["message"][0]
    same = sangong("budget", "fa", total=9.0) + sangong("budget", "bu", page=18, total=9.0)
    assert run("budget_final_mismatch", documents=docs, sangong=same).is_empty()


def peers(amounts: list[float]) -> dict:
    """Final accounts of 局 in 湖南 with these 三公 totals."""
    docs, rows = [], []
    for i, amount in enumerate(amounts):
        base = {"region_code": "4310" + f"{i:02d}", "region": "湖南省郴州市", "agency_id": f"ju-{i}",
                "agency": f"郴州市第{i}局", "year": 2022}
        docs.append(doc(f"d{i}", base=base))
        rows += sangong("actual", f"d{i}", base=base, total=amount)
    return {"documents": docs, "sangong": rows}


def test_a_peer_far_above_the_iqr_fence():
    flags = run("peer_outlier", **peers([5.0, 6.0, 7.0, 6.0, 5.0, 50.0]))
    assert flags["agency"].to_list() == ["郴州市第5局"] and "Q3+1.5×IQR" in flags["message"][0]


def test_no_peer_flag_below_five_peers_or_inside_the_fence():
    assert run("peer_outlier", **peers([5.0, 6.0, 50.0, 6.0])).is_empty()
    assert run("peer_outlier", **peers([5.0, 6.0, 7.0, 6.0, 5.0, 7.5])).is_empty()


def test_agency_type_from_the_name_patterns():
    """Functional types (fiscal/data/agency_types.csv): a 局 and a 事务中心 of 医疗保障 are peers; else the suffix."""
    assert [agency_type(n) for n in ("郴州市医疗保障局", "达州市医疗保障事务中心", "江苏省政协办公厅", "某某学会")] == [
        "医疗保障", "医疗保障", "政协", "其他（会）"]


def test_a_peer_executing_far_less_than_the_others():
    docs, projects = [], []
    for i, rate in enumerate([0.95, 0.97, 0.96, 0.98, 0.94, 0.20]):
        base = {"region_code": "4310" + f"{i:02d}", "region": "湖南省郴州市", "agency_id": f"ju-{i}",
                "agency": f"郴州市第{i}局", "year": 2022}
        docs.append(doc(f"d{i}", base=base))
        projects.append(row(f"d{i}", 40, base, project="工作经费", budget_full_year=100.0, executed=100 * rate,
                            exec_rate=rate, exec_weight=10.0, exec_score=10 * rate, total_score=95.0))
    flags = run("peer_outlier", documents=docs, projects=projects)
    assert flags["agency"].to_list() == ["郴州市第5局"] and "低于下限" in flags["message"][0]


def test_an_empty_lake_has_no_flags():
    assert evaluate(Frames.of()).is_empty()


def test_a_finding_on_a_table_or_a_project_form_says_its_page():
    """The reviewer reads where to look in the message itself: 第N页 (the table's or the form's page)."""
    flags = evaluate(Frames.of(documents=[doc()], projects=[project("打击欺诈骗保投诉举报奖励经费", 10, 0, page=57)],
                               sangong=sangong("actual", **{**SG_ACTUAL, "total": 7.22})))
    findings = flags.filter(pl.col("category") == "finding", pl.col("page").is_not_null())
    assert set(findings["rule"]) >= {"full_score_low_execution", "sangong_sum_mismatch"}
    for f in findings.iter_rows(named=True):
        assert f["message"].startswith(f"第{f['page']}页"), f["message"]


def test_a_prose_figure_split_by_the_text_layer_is_not_read_from_its_tail():
    """“461, 49 万元” read as 49 万元 is a misreading, not a figure the document states."""
    s = [summary("expenditure_total", 461.49)]
    split = [{**narrative("expenditure_total", 49.0), "text": "本年支出合计 461, 49 万元。"}]
    assert run("narrative_table_mismatch", narrative=split, summary=s).is_empty()
    assert run("unit_mismatch", narrative=split, summary=s).is_empty()
    wrong = [{**narrative("expenditure_total", 49.0), "text": "本年支出合计 49 万元。"}]
    assert run("narrative_table_mismatch", narrative=wrong, summary=s).height == 1
