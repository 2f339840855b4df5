"""budget_final_mismatch (决算 年初预算 vs 部门预算; 预算 N+1 “上年” vs 预算 N) and peer_outlier (via
fiscal.scores.peer_comparison): hand-made cases, then the real 江苏 budgets 2017–2019."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import polars as pl
import pytest

from fiscal.rules import Frames, evaluate

JIANGSU = {"region_code": "320000", "region": "江苏省", "agency_id": "zhengxie-bangongting", "agency": "江苏省政协办公厅"}
PUTUO = {"region_code": "310107", "region": "上海市普陀区", "agency_id": "caizhengju", "agency": "上海市普陀区财政局",
         "year": 2024}


def row(doc_id: str, page: int, base: dict, **fields) -> dict:
    return {**base, "doc_id": doc_id, "page": page, **fields}


def doc(doc_id: str, base: dict, kind: str) -> dict:
    return row(doc_id, 1, base, doc_kind=kind, scope="department", source_name=f"{doc_id}.pdf", tables=[], warnings=[],
               ingested_at=datetime(2024, 1, 1, tzinfo=UTC))


def nar(doc_id: str, page: int, base: dict, key: str, amount: float, value: str | None = None, text: str = "") -> dict:
    return row(doc_id, page, base, key=key, amount=amount, unit="万元", value=value, text=text or key)


def run(**frames) -> pl.DataFrame:
    return evaluate(Frames.of(**frames), rules=["budget_final_mismatch"])


def evidence(flags: pl.DataFrame, i: int = 0) -> dict:
    return json.loads(flags["evidence"][i])


# ---------------------------------------------------------------- 预算 N+1 “上年” vs 预算 N


def two_budgets(prior_2018: float, basic_prior: float = 5916.27) -> dict:
    y17, y18 = {**JIANGSU, "year": 2017}, {**JIANGSU, "year": 2018}
    return {
        "documents": [doc("b17", y17, "budget"), doc("t17", y17, "budget"), doc("b18", y18, "budget")],
        "summary": [row("t17", 1, y17, table="summary", item="income_total", amount=9146.79)],
        "narrative": [nar("b17", 7, y17, "grand_total", 9146.79), nar("b17", 8, y17, "basic_total", 5916.27),
                      nar("b18", 7, y18, "grand_total_prior", prior_2018, "+1003.69"),
                      nar("b18", 9, y18, "basic_total_prior", basic_prior, "-238.10")],
    }


def test_next_years_budget_quoting_last_years_totals_right_raises_nothing():
    assert run(**two_budgets(9146.79)).is_empty()


def test_next_years_budget_implying_another_last_year_total_fires_with_both_pages():
    flags = run(**two_budgets(9046.79, basic_prior=5900.00))
    assert flags.height == 2 and set(flags["severity"]) == {"warning"}
    grand = flags.filter(pl.col("message").str.contains("收支预算总计"))
    ev = evidence(grand)
    assert grand["doc_id"][0] == "b18" and grand["page"][0] == 7 and grand["year"][0] == 2018
    # table value of 2017 (the tables PDF, page 1) beats the 2017 prose
    assert (ev["budget_doc_id"], ev["budget_page"], ev["prior_doc_id"], ev["prior_page"]) == ("b18", 7, "t17", 1)
    assert ev["implied_prior"] == 9046.79 and ev["year_before"] == 9146.79 and ev["year_before_source"] == "table"
    assert "2017 年部门预算中为 9,146.79 万元（第1页" in grand["message"][0]
    basic = evidence(flags.filter(pl.col("message").str.contains("基本支出")))
    assert (basic["prior_doc_id"], basic["prior_page"], basic["year_before_source"]) == ("b17", 8, "prose")


def test_no_prior_year_budget_in_the_lake_nothing_to_compare():
    case = two_budgets(1.0)
    case["documents"] = case["documents"][2:]
    assert run(**case).is_empty()


# ---------------------------------------------------------------- 决算 年初预算 vs 部门预算


def putuo_case(initial_admin: float = 1560.05, sangong_initial: float = 0.95, text_item: str | None = None) -> dict:
    fa, bu = "fa", "bu"
    item_text = text_item or "1、一般公共服务支出(类)财政事务(款)行政运行(项)。主要用于:局本部人员经费。年初预算为 1560.05 万元"
    return {
        "documents": [doc(fa, PUTUO, "final_account"), doc(bu, PUTUO, "budget")],
        "line_items": [
            row(bu, 8, PUTUO, table="gpb_expenditure", code="20106", name="财政事务", level=2, measure="total",
                amount=2000.0),
            row(bu, 8, PUTUO, table="gpb_expenditure", code="2010601", name="行政运行", level=3, measure="total",
                amount=1560.05),
            row(bu, 8, PUTUO, table="gpb_expenditure", code="20101", name="人大事务", level=2, measure="total",
                amount=50.0),
            row(bu, 8, PUTUO, table="gpb_expenditure", code="2010101", name="行政运行", level=3, measure="total",
                amount=40.0)],
        "sangong": [row(bu, 12, PUTUO, stage="budget", item="total", amount=0.95, source="table")],
        "narrative": [nar(fa, 22, PUTUO, "initial_budget_item", initial_admin, "行政运行", item_text),
                      nar(fa, 23, PUTUO, "sangong_total_budget", sangong_initial,
                          text="“三公”经费财政拨款支出年初预算为0.95万元")],
    }


def test_initial_budget_per_function_code_told_apart_by_its_kuan():
    assert run(**putuo_case()).is_empty()  # 行政运行 under 财政事务 (2010601), not under 人大事务
    flags = run(**putuo_case(initial_admin=1500.0))
    ev = evidence(flags)
    assert flags.height == 1 and flags["page"][0] == 22 and "（2010601）" in flags["message"][0]
    assert (ev["final_doc_id"], ev["final_page"], ev["budget_doc_id"], ev["budget_page"], ev["code"]) == (
        "fa", 22, "bu", 8, "2010601")


def test_an_item_name_under_two_kuan_without_a_kuan_in_the_text_is_not_guessed():
    assert run(**putuo_case(initial_admin=1500.0, text_item="行政运行年初预算为 1500 万元")).is_empty()


def test_sangong_initial_budget_in_the_final_accounts_prose_against_the_budget():
    flags = run(**putuo_case(sangong_initial=1.95))
    assert flags.height == 1 and flags["severity"][0] == "warning" and flags["page"][0] == 23
    ev = evidence(flags)
    assert ev["check"] == "sangong_prose" and (ev["budget_doc_id"], ev["budget_page"]) == ("bu", 12)
    assert "年初预算为 1.95 万元（第23页）" in flags["message"][0] and "（第12页）" in flags["message"][0]


def with_unit_budget(case: dict, unit_total: float, unit_item: float, unit_sangong: float) -> dict:
    """The case plus a 单位预算 of the same agency-year (its 本级 alone: smaller figures than the 部门预算)."""
    un = "un"
    out = {k: list(v) for k, v in case.items()}
    out["documents"].append({**doc(un, PUTUO, "budget"), "scope": "unit"})
    out["line_items"] += [
        row(un, 5, PUTUO, table="gpb_expenditure", code="", name="合计", level=0, measure="total", amount=unit_total),
        row(un, 5, PUTUO, table="gpb_expenditure", code="20106", name="财政事务", level=2, measure="total",
            amount=unit_item),
        row(un, 5, PUTUO, table="gpb_expenditure", code="2010601", name="行政运行", level=3, measure="total",
            amount=unit_item)]
    out["sangong"].append(row(un, 9, PUTUO, stage="budget", item="total", amount=unit_sangong, source="table"))
    return out


def test_a_departments_final_account_is_held_to_the_departments_budget_not_a_units():
    # a 部门决算 quoting its 部门预算 right, beside the 单位预算 (本级 only) of the same agency-year: nothing
    case = putuo_case()
    case["line_items"].append(row("bu", 7, PUTUO, table="gpb_expenditure", code="", name="合计", level=0,
                                  measure="total", amount=2050.0))
    case["narrative"].append(nar("fa", 21, PUTUO, "fiscal_expenditure_initial", 2050.0,
                                 text="一般公共预算财政拨款支出年初预算为2050万元"))
    assert run(**case).is_empty()
    assert run(**with_unit_budget(case, 1200.0, 900.0, 0.40)).is_empty()
    # the 单位决算 is held to the 单位预算
    unit = with_unit_budget(case, 1200.0, 900.0, 0.40)
    unit["documents"][0] = {**unit["documents"][0], "scope": "unit"}
    flags = run(**unit)
    assert {evidence(flags, i)["budget_doc_id"] for i in range(flags.height)} == {"un"} and flags.height == 3
    # with only the 单位预算 in the lake, a 部门决算 is still compared (a one-unit department titles either)
    alone = with_unit_budget(case, 2050.0, 1560.05, 0.95)
    alone["documents"] = [d for d in alone["documents"] if d["doc_id"] != "bu"]
    alone["line_items"] = [r for r in alone["line_items"] if r["doc_id"] != "bu"]
    alone["sangong"] = [r for r in alone["sangong"] if r["doc_id"] != "bu"]
    assert run(**alone).is_empty()
    alone["narrative"][0] = {**alone["narrative"][0], "amount": 1500.0}
    assert evidence(run(**alone))["budget_doc_id"] == "un"


def test_next_years_department_budget_is_held_to_last_years_department_budget():
    case = two_budgets(9146.79)
    y17 = {**JIANGSU, "year": 2017}
    case["documents"].append({**doc("a17", y17, "budget"), "scope": "unit"})
    case["summary"].append(row("a17", 1, y17, table="summary", item="grand_total", amount=3000.0))
    assert run(**case).is_empty()  # the 本级 unit's 3000 is not the department's 上年


# ---------------------------------------------------------------- real: 江苏 budgets 2017–2019


@pytest.fixture(scope="module")
def real_frames(sample_lake) -> Frames:
    return Frames.from_lake(sample_lake)


def test_jiangsu_budgets_quote_last_years_totals_consistently(real_frames):
    prior = real_frames.narrative.filter(pl.col("key").str.ends_with("_prior"), pl.col("agency") == "中共江苏省委办公厅")
    got = {(r["year"], r["key"]): (r["amount"], r["page"]) for r in prior.iter_rows(named=True)}
    assert got[(2018, "grand_total_prior")] == (20849.45, 5)  # 24458.43 − 3608.98
    assert got[(2019, "grand_total_prior")] == (24458.43, 6)
    assert evaluate(real_frames, rules=["budget_final_mismatch"]).is_empty()


def test_jiangsu_a_changed_prior_figure_would_fire_naming_both_documents(real_frames):
    nar = real_frames.narrative.with_columns(
        pl.when((pl.col("key") == "grand_total_prior") & (pl.col("year") == 2019) & (pl.col("agency") == "江苏省政协办公厅"))
        .then(pl.col("amount") + 100).otherwise(pl.col("amount")).alias("amount"))
    frames = Frames(**{**{k: getattr(real_frames, k) for k in Frames.__dataclass_fields__}, "narrative": nar})
    flags = evaluate(frames, rules=["budget_final_mismatch"])
    assert flags.height == 1 and flags["page"][0] == 9 and flags["year"][0] == 2019
    ev = evidence(flags)
    docs = dict(frames.documents.select("doc_id", "source_name").iter_rows())
    assert docs[ev["budget_doc_id"]] == "江苏省政协办公厅2019年度部门预算.pdf"
    assert docs[ev["prior_doc_id"]] == "江苏省政协办公厅2018度部门预算公开表.pdf" and ev["prior_page"] == 1
    assert ev["year_before"] == 10150.48 and ev["implied_prior"] == pytest.approx(10250.48)


def test_peer_outlier_is_silent_on_the_real_samples(real_frames):
    # no province × type × year group reaches five agencies among the real samples
    assert evaluate(real_frames, rules=["peer_outlier"]).is_empty()


def test_multi_year_corpus_budget_against_final_account(multi_year_lake):
    frames = Frames.from_lake(multi_year_lake)
    flags = evaluate(frames, rules=["budget_final_mismatch"])
    # the synthetic budgets print no 年初预算 the final accounts quote differently; whatever fires names both PDFs
    for r in flags.iter_rows(named=True):
        ev = json.loads(r["evidence"])
        assert ev["budget_doc_id"] and ev["budget_page"] and r["doc_id"] and r["page"]
    assert flags.filter(pl.col("severity") == "error").is_empty()


# ---------------------------------------------------------------- peer_outlier: peers that cluster


def hunan_peers(rates: list[float], scores: list[float] | None = None) -> Frames:
    """Six 湖南 医疗保障局 2022 决算, one project each, executed at these rates (and self-scored)."""
    docs, projects = [], []
    for i, rate in enumerate(rates):
        base = {"region_code": f"4310{i:02d}", "region": "湖南省郴州市", "agency_id": f"yibao-{i}",
                "agency": f"湖南第{i}市医疗保障局", "year": 2022}
        docs.append(doc(f"d{i}", base, "final_account"))
        projects.append(row(f"d{i}", 40, base, project="医保经办经费", budget_full_year=100.0, executed=100 * rate,
                            exec_rate=rate, exec_weight=10.0, exec_score=10 * rate,
                            total_score=(scores or [100.0] * len(rates))[i]))
    return Frames.of(documents=docs, projects=projects)


def test_peers_executing_all_at_100_percent_make_no_outlier_of_one_at_97():
    # Q1 = Q3 = 100 %: Q1 − 1.5×IQR would be 100 % itself, and 97 % (or a 97-point self-score) "below" it
    frames = hunan_peers([1.0, 1.0, 1.0, 1.0, 1.0, 0.97], scores=[100.0, 100.0, 100.0, 100.0, 100.0, 97.0])
    assert evaluate(frames, rules=["peer_outlier"]).is_empty()
    # a nearly flat group is not a flat fence either: 0.99–1.00 against 0.97
    assert evaluate(hunan_peers([1.0, 0.995, 0.99, 1.0, 1.0, 0.97]), rules=["peer_outlier"]).is_empty()


def test_a_peer_executing_half_of_what_the_clustered_others_execute_is_still_the_outlier():
    flags = evaluate(hunan_peers([1.0, 1.0, 1.0, 1.0, 1.0, 0.5]), rules=["peer_outlier"])
    assert flags["agency"].to_list() == ["湖南第5市医疗保障局"]
    assert "低于下限 Q1−1.5×10%×中位数 = 85.00%" in flags["message"][0]
    assert json.loads(flags["evidence"][0])["fence"] == pytest.approx(0.85)


def test_peers_printing_zero_have_no_spread_to_judge_by():
    from fiscal.peers import peer_comparison

    docs, rows = [], []
    for i, amount in enumerate([0.0, 0.0, 0.0, 0.0, 0.0, 0.3]):
        base = {"region_code": f"4310{i:02d}", "region": "湖南省郴州市", "agency_id": f"ju-{i}",
                "agency": f"湖南第{i}市医疗保障局", "year": 2022}
        docs.append(doc(f"d{i}", base, "final_account"))
        rows.append(row(f"d{i}", 20, base, stage="actual", item="total", amount=amount, source="table"))
    frames = Frames.of(documents=docs, sangong=rows)
    assert evaluate(frames, rules=["peer_outlier"]).is_empty()
    assert peer_comparison(frames).filter(pl.col("metric") == "sangong_actual")["outlier"].is_null().all()
