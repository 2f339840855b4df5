"""fiscal.scores: self-scoring inflation, disclosure quality, peers, rule firing rates.

Hand-made frames for each function (fires / does not fire, the formulas), then the real
samples (`sample_lake`) and the synthetic multi-year corpus (`multi_year_lake`).
"""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import pytest

from fiscal import peers, scores
from fiscal.rules import REQUIRED_TABLES, RULES, Frames, evaluate

CHENZHOU = {"region_code": "431000", "region": "湖南省郴州市", "agency_id": "yibao-e3fe9a", "agency": "郴州市医疗保障局",
            "year": 2022}


def agency(i: int, year: int = 2022, name: str | None = None, region_code: str = "431000") -> dict:
    return {"region_code": region_code, "region": "湖南省郴州市", "agency_id": f"ju-{i}",
            "agency": name or f"郴州市第{i}局", "year": year}


def row(doc_id: str, page: int, base: dict, **fields) -> dict:
    return {**base, "doc_id": doc_id, "page": page, **fields}


def doc(doc_id: str, base: dict, doc_kind: str = "final_account", tables=None, warnings=(), passed: int = 10,
        failed: int = 0, pages: int = 20, scope: str = "department") -> dict:
    return row(doc_id, 1, base, doc_kind=doc_kind, scope=scope, source_name=f"{doc_id}.pdf", province="湖南省",
               tables=list(REQUIRED_TABLES.get(doc_kind, ()) if tables is None else tables), warnings=list(warnings),
               checks_passed=passed, checks_failed=failed, pages=pages,
               ingested_at=datetime(2024, 1, 1, tzinfo=UTC))


def project(doc_id: str, base: dict, name: str, rate: float, total: float, exec_score: float | None = None,
            weight: float = 10.0, page: int = 40) -> dict:
    return row(doc_id, page, base, project=name, budget_full_year=100.0, executed=100 * rate, exec_rate=rate,
               exec_weight=weight, exec_score=weight * min(rate, 1) if exec_score is None else exec_score,
               total_score=total)


def indicator(doc_id: str, base: dict, name: str, score: float, weight: float = 10.0, project_name: str = "p1") -> dict:
    return row(doc_id, 41, base, project=project_name, name=name, weight=weight, score=score)


# ---------------------------------------------------------------- inflation index


def inflation_case() -> Frames:
    """Agency 1 gives itself full marks whatever it executes; agency 2 scores by execution."""
    a1, a2 = agency(1), agency(2)
    projects = [project("d1", a1, "p1", 0.10, 100, exec_score=10), project("d1", a1, "p2", 0.95, 99.5),
                project("d1", a1, "p3", 0.50, 100, exec_score=10)]
    projects += [project("d2", a2, "p1", 0.30, 62), project("d2", a2, "p2", 0.70, 80), project("d2", a2, "p3", 1.0, 96)]
    inds = [indicator("d1", a1, f"i{k}", 10, project_name=p) for p in ("p1", "p2", "p3") for k in range(3)]
    inds += [indicator("d2", a2, f"i{k}", s, project_name=p) for p in ("p1", "p2", "p3")
             for k, s in enumerate((10, 6, 4))]
    return Frames.of(documents=[doc("d1", a1), doc("d2", a2)], projects=projects, indicators=inds)


def test_inflation_index_ranks_the_generous_scorer_first_and_explains_why():
    out = scores.inflation_index(inflation_case())
    assert out["agency"].to_list() == ["郴州市第1局", "郴州市第2局"]
    assert out["rank"].to_list() == [1, 2]
    first, second = out.row(0, named=True), out.row(1, named=True)
    assert (first["projects"], first["indicators"]) == (3, 9)
    assert first["full_weight_share"] == 1.0 and second["full_weight_share"] == pytest.approx(1 / 3)
    assert first["low_exec_full_score"] == 2 and second["low_exec_full_score"] == 0
    assert second["score_exec_corr"] > 0.99  # scores follow execution
    assert first["score_exec_corr"] < 0
    # index = 100 × (0.4·fws + 0.2·(1 − min(sd/10, 1)) + 0.2·(1 − r)/2 + 0.2·low share)
    sd, r = first["score_spread"], first["score_exec_corr"]
    expected = 100 * (0.4 * 1.0 + 0.2 * (1 - min(sd / 10, 1)) + 0.2 * (1 - r) / 2 + 0.2 * 2 / 3)
    assert first["index"] == pytest.approx(expected, abs=0.01)
    assert first["index"] > 80 > 30 > second["index"]


def test_inflation_under_a_projects_threshold_takes_the_indicator_terms_as_they_were():
    """A threshold of the projects' terms (full_score_low_execution) leaves the indicators' as a default run gave
    them: given those, the index is the same without reading an indicator (agency 3 has none)."""
    from fiscal.thresholds import Thresholds

    case = inflation_case()
    a3 = agency(3)
    frames = Frames.of(documents=[*case.documents.to_dicts(), doc("d3", a3)],
                       projects=[*case.projects.to_dicts(), project("d3", a3, "p1", 0.2, 90, exec_score=10)],
                       indicators=case.indicators)
    terms = scores.inflation_index(frames).select("agency_id", "year", "indicators", "full_weight_share")
    for low_rate in (0.05, 0.3, 0.99):
        thr = Thresholds.of({"full_score_low_execution": {"low_rate": low_rate}})
        without = Frames(**{**vars(frames), "indicators": frames.indicators.clear()})
        assert scores.inflation_index(without, thr, terms).equals(scores.inflation_index(frames, thr))


def test_an_indicator_counts_as_full_marks_within_the_rules_full_tolerance():
    """full_weight_share reads indicator_unmet_full_score's own full_tolerance (one home), not a number of its own
    nor the project rule's: an indicator scored 9.5 of 10 is full marks once that tolerance is 0.5."""
    from fiscal.thresholds import Thresholds

    a1 = agency(1)
    frames = Frames.of(documents=[doc("d1", a1)], projects=[project("d1", a1, "p1", 0.9, 95)],
                       indicators=[indicator("d1", a1, "i1", 10), indicator("d1", a1, "i2", 9.5)])
    assert scores.inflation_index(frames)["full_weight_share"][0] == 0.5  # default tolerance 0.01
    loose = Thresholds.of({"indicator_unmet_full_score": {"full_tolerance": 0.5}})
    assert scores.inflation_index(frames, loose)["full_weight_share"][0] == 1.0
    other = Thresholds.of({"full_score_low_execution": {"full_tolerance": 0.5}})  # the project rule's: no effect
    assert scores.inflation_index(frames, other)["full_weight_share"][0] == 0.5


def test_correlation_needs_three_projects_and_variance_and_the_index_reweights():
    a = agency(1)
    two = Frames.of(documents=[doc("d1", a)], projects=[project("d1", a, "p1", 0.5, 90), project("d1", a, "p2", 0.9, 95)])
    got = scores.inflation_index(two).row(0, named=True)
    assert got["score_exec_corr"] is None and got["indicators"] == 0 and got["full_weight_share"] is None
    # spread 3.54 → 0.646, low-exec share 0 → (0.2·0.646 + 0) / 0.4
    assert got["index"] == pytest.approx(100 * (0.2 * (1 - got["score_spread"] / 10)) / 0.4, abs=0.01)
    flat = Frames.of(documents=[doc("d1", a)], projects=[project("d1", a, f"p{i}", 0.5 + i / 10, 100) for i in range(3)])
    assert scores.inflation_index(flat)["score_exec_corr"].to_list() == [None]


def test_a_project_printed_in_two_pdfs_of_the_agency_year_counts_once():
    a = agency(1)
    p = [project("d1", a, "p1", 0.5, 90), project("d2", a, "p1", 0.5, 90), project("d2", a, "p2", 0.8, 92)]
    out = scores.inflation_index(Frames.of(documents=[doc("d1", a), doc("d2", a, "performance_report")], projects=p))
    assert out["projects"].to_list() == [2]


def test_rank_is_within_the_year_and_no_projects_no_rows():
    a1, a1b = agency(1), agency(1, 2023)
    frames = Frames.of(documents=[doc("d1", a1), doc("d2", a1b)],
                       projects=[project("d1", a1, "p", 0.2, 100, exec_score=10), project("d2", a1b, "p", 1.0, 80)])
    assert scores.inflation_index(frames)["rank"].to_list() == [1, 1]
    assert scores.inflation_index(Frames.of()).is_empty()


# ---------------------------------------------------------------- disclosure quality


def test_quality_breakdown_of_a_flawed_final_account_names_its_pages():
    a = agency(1)
    missing = [t for t in REQUIRED_TABLES["final_account"] if t != "soe_capital"]
    docs = [doc("d1", a, tables=missing, passed=8, failed=2,
                warnings=["支出决算表（第7页）为空表但未说明 / empty table without explanation",
                          "收入决算表（第6页）合计：not one number: '合计\\n12'"])]
    nar = [row("d1", 3, a, key=k, amount=1.0) for k in ("grand_total", "income_total", "expenditure_total",
                                                         "basic_total")]
    sums = [row("d1", 5, a, table="summary", item="income_total", amount=1.0)] * 9
    flags = pl.DataFrame([
        {"rule": "totals_mismatch", "severity": "error", "doc_id": "d1", "page": 7, "message": "合计 ≠ 分项之和"},
        {"rule": "totals_mismatch", "severity": "info", "doc_id": "d1", "page": 8, "message": "尾数"},
        {"rule": "narrative_table_mismatch", "severity": "error", "doc_id": "d1", "page": 3, "message": "说明≠表"},
    ])
    got = scores.disclosure_quality(Frames.of(documents=docs, narrative=nar, summary=sums), flags).row(0, named=True)
    assert got["tables_present"] == pytest.approx(8 / 9, abs=1e-4)
    assert got["empty_explained"] == pytest.approx(1 - 1 / 8, abs=1e-4)
    assert got["reconciliations"] == pytest.approx(0.8 - 0.1, abs=1e-4)  # the info note costs nothing
    assert got["prose_consistent"] == pytest.approx(0.75)
    assert got["readable"] == pytest.approx(1 - 1 / 10)
    comps = {k: got[k] for k in scores.QUALITY_WEIGHTS}
    assert got["score"] == pytest.approx(100 * sum(scores.QUALITY_WEIGHTS[k] * v for k, v in comps.items()), abs=0.06)
    text = "\n".join(got["problems"])
    assert "缺少表格：国有资本经营预算财政拨款表" in text
    assert "支出决算表（第7页）为空表但未作说明" in text
    # the rule names are the dashboard's (fiscal/rules/labels.py RULE_NAMES)
    assert "合计不等于分项之和（第7页）" in text and "正文与表格不一致（第3页）" in text and "（第6页）" in text
    assert "尾数" not in text


def test_a_clean_document_scores_100_and_null_components_are_left_out():
    a = agency(1)
    clean = Frames.of(documents=[doc("d1", a)], summary=[row("d1", 5, a, table="summary", item="grand_total", amount=1.0)])
    got = scores.disclosure_quality(clean, evaluate(clean)).row(0, named=True)
    assert got["score"] == 100.0 and got["problems"] == [] and got["prose_consistent"] is None
    assert abs(sum(scores.QUALITY_WEIGHTS.values()) - 1) < 1e-9


def test_quality_reads_the_reading_status_the_findings_and_the_prose_topics():
    a = agency(1)
    readings = [row("d1", 5, a, family="summary", title="收入支出决算总表", status="complete", found=True),
                row("d1", 7, a, family="expenditure", title="支出决算表", status="partial", found=True),
                row("d1", 9, a, family="sangong", title="三公经费表", status="unread", found=False, listed=True),
                row("d1", 11, a, family="gov_fund", title="政府性基金表", status="unread", found=False, listed=False)]
    nar = [row("d1", 2, a, key=k, amount=1.0) for k in ("income_total", "basic_total", "sangong_total_actual")]
    flags = pl.DataFrame([  # the same finding in two copies counts once; 三公 growth is about spending
        {"rule": "full_score_low_execution", "severity": "error", "doc_id": "d1", "page": 30, "project": "p",
         "message": "执行率 0%，得分 10/10"},
        {"rule": "full_score_low_execution", "severity": "error", "doc_id": "d1", "page": 30, "project": "p",
         "message": "执行率 0%，得分 10/10"},
        {"rule": "agency_name_inconsistent", "severity": "warning", "doc_id": "d1", "page": 3, "project": None,
         "message": "单位名称不一致"},
        {"rule": "sangong_yoy_increase", "severity": "warning", "doc_id": "d1", "page": 9, "project": None,
         "message": "增长"},
    ])
    got = scores.disclosure_quality(Frames.of(documents=[doc("d1", a)], readings=readings, narrative=nar),
                                    flags).row(0, named=True)
    assert got["readable"] == pytest.approx((1 + 0.5 + 0) / 3)  # the table neither found nor listed: not counted
    assert got["findings"] == pytest.approx(1 - 0.25 - 0.1)
    assert got["explained"] == pytest.approx(3 / 4)  # 人员经费/公用经费 not stated
    assert "表格未能完整读取：支出决算表（第7页）" in got["problems"]
    assert "目录列出但未找到：三公经费表" in got["problems"]
    assert "情况说明未说明人员经费与公用经费" in got["problems"]
    assert "The prose does not explain personnel and public costs" in got["problems_en"]
    assert not any("增长" in p for p in got["problems"])


def test_quality_judges_the_pdfs_of_an_agency_year_together_and_skips_performance_reports():
    a = agency(1, name="江苏省政协办公厅")
    docs = [doc("text", a, "budget", tables=[]), doc("tables", a, "budget"), doc("perf", a, "performance_report")]
    out = scores.disclosure_quality(Frames.of(documents=docs), pl.DataFrame())
    assert out.height == 1 and out["doc_id"][0] == "tables" and sorted(out["doc_ids"][0]) == ["tables", "text"]
    assert out["tables_present"][0] == 1.0


# ---------------------------------------------------------------- peers


def peer_frames(amounts: list[float], staff: list[float | None] | None = None) -> Frames:
    docs, sg, nar = [], [], []
    for i, amount in enumerate(amounts):
        a = agency(i)
        docs.append(doc(f"d{i}", a))
        sg.append(row(f"d{i}", 20, a, stage="actual", item="total", amount=amount, source="table"))
        if staff and staff[i] is not None:
            nar.append(row(f"d{i}", 3, a, key="staff_actual", amount=staff[i], unit="人", text="实有人数"))
    return Frames.of(documents=docs, sangong=sg, narrative=nar)


def test_peer_comparison_quartiles_fence_and_outlier():
    out = peers.peer_comparison(peer_frames([5.0, 6.0, 7.0, 6.0, 5.0, 50.0]))
    sg = out.filter(pl.col("metric") == "sangong_actual").sort("agency_id")
    assert sg["peers"].unique().to_list() == [6] and sg["peer_group"].unique().to_list() == ["湖南省·其他（局）"]
    r = sg.row(0, named=True)
    assert (r["q1"], r["median"], r["q3"]) == (5.25, 6.0, 6.75)
    assert r["fence"] == pytest.approx(6.75 + 1.5 * 1.5)
    assert sg["outlier"].to_list() == [False, False, False, False, False, True]
    assert peers.peer_comparison(peer_frames([5.0, 6.0, 7.0, 6.0, 5.0, 50.0]), iqr_factor=30)["outlier"].sum() == 0


def test_peer_firing_rates_per_metric():
    rates = peers.peer_firing_rates(peers.peer_comparison(peer_frames([5.0, 6.0, 7.0, 6.0, 5.0, 50.0])))
    got = {r["metric"]: r for r in rates.iter_rows(named=True)}
    assert list(got) == list(peers.PEER_METRICS)
    assert (got["sangong_actual"]["compared"], got["sangong_actual"]["outliers"]) == (6, 1)
    assert got["sangong_actual"]["rate"] == pytest.approx(1 / 6) and got["sangong_actual"]["noisy"] is False
    assert got["self_score_mean"]["compared"] == 0 and got["self_score_mean"]["rate"] is None


def test_peers_by_region_instead_of_province():
    f = peer_frames([5.0, 6.0, 7.0, 6.0, 5.0, 50.0])
    by_region = peers.peer_comparison(f, level="region")
    assert by_region["peer_group"].unique().to_list() == ["湖南省郴州市·其他（局）"] and by_region["outlier"].sum() == 1
    with pytest.raises(ValueError):
        peers.peer_comparison(f, level="city")


def test_outlier_is_null_below_min_peers():
    out = peers.peer_comparison(peer_frames([5.0, 6.0, 50.0, 6.0]))
    assert out["outlier"].is_null().all() and out["peers"].unique().to_list() == [4]
    assert peers.peer_comparison(peer_frames([5.0, 6.0, 50.0, 6.0]), min_peers=4)["outlier"].sum() == 1


def test_sangong_per_staff_uses_the_staff_count_from_the_prose():
    # Same 三公 everywhere, but agency 5 has 2 staff instead of ~20: per head it is the outlier.
    f = peer_frames([10.0] * 6, staff=[20, 22, 18, 21, 19, 2])
    per = peers.peer_comparison(f).filter(pl.col("metric") == "sangong_per_staff").sort("agency_id")
    assert per["value"].to_list()[5] == 5.0 and per["outlier"].to_list() == [False] * 5 + [True]
    assert "10.0 万元 / 2 人（实有人数，见第3页）" in per["note"][5]
    flags = evaluate(f, rules=["peer_outlier"])
    assert flags["agency"].to_list() == ["郴州市第5局"] and "人均“三公”经费" in flags["message"][0]
    assert peers.peer_comparison(peer_frames([10.0] * 6)).filter(pl.col("metric") == "sangong_per_staff").is_empty()


def test_staff_counts_prefer_actual_then_authorized_and_final_accounts():
    a = agency(1)
    nar = [row("b", 4, a, key="staff_actual", amount=29.0), row("f", 9, a, key="staff_authorized", amount=31.0),
           row("f", 9, a, key="staff_actual", amount=30.0)]
    got = peers.staff_counts(Frames.of(documents=[doc("b", a, "budget"), doc("f", a)], narrative=nar))
    assert got.select("staff", "staff_key", "staff_doc_id", "staff_page").row(0) == (30.0, "staff_actual", "f", 9)


# ---------------------------------------------------------------- firing rates


def test_rule_firing_rates_count_agency_years_not_flags():
    f = peer_frames([5.0, 6.0, 7.0, 6.0, 5.0, 50.0])
    flags = pl.DataFrame([
        {"rule": "sangong_over_budget", "severity": "warning", "agency_id": "ju-0", "year": 2022, "doc_id": "d0"},
        {"rule": "sangong_over_budget", "severity": "warning", "agency_id": "ju-0", "year": 2022, "doc_id": "d0"},
        {"rule": "sangong_over_budget", "severity": "error", "agency_id": "ju-1", "year": 2022, "doc_id": "d1"},
        {"rule": "sangong_over_budget", "severity": "info", "agency_id": "ju-2", "year": 2022, "doc_id": "d2"},
        *({"rule": "missing_tables", "severity": "warning", "agency_id": f"ju-{i}", "year": 2022, "doc_id": f"d{i}"}
          for i in range(4)),
    ])
    out = {r["rule"]: r for r in scores.rule_firing_rates(flags, f).iter_rows(named=True)}
    assert list(out) == list(RULES)
    assert (out["sangong_over_budget"]["flagged"], out["sangong_over_budget"]["checked"]) == (2, 6)
    assert out["sangong_over_budget"]["flags"] == 3 and out["sangong_over_budget"]["noisy"] is False
    assert out["missing_tables"]["rate"] == pytest.approx(4 / 6) and out["missing_tables"]["noisy"] is True
    assert out["full_score_low_execution"]["checked"] == 0 and out["full_score_low_execution"]["rate"] is None
    assert out["peer_outlier"]["checked"] == 6  # every agency-year had ≥ 5 peers
    with_info = scores.rule_firing_rates(flags, f, min_severity="info").filter(pl.col("rule") == "sangong_over_budget")
    assert with_info["flagged"].to_list() == [3]


# ---------------------------------------------------------------- real and synthetic corpora


@pytest.fixture(scope="module")
def real(sample_lake):
    frames = Frames.from_lake(sample_lake)
    return frames, evaluate(frames)


def test_quality_on_the_real_samples(real):
    frames, flags = real
    q = scores.disclosure_quality(frames, flags)
    by = {(r["agency"], r["year"], r["doc_kind"]): r for r in q.iter_rows(named=True)}
    # 江苏省政协办公厅 2017 published its budget as two PDFs, the narrative and the tables: one agency-year,
    # every required table found in the tables file
    jszx = by[("江苏省政协办公厅", 2017, "budget")]
    assert len(jszx["doc_ids"]) == 2 and jszx["tables_present"] == 1.0
    # the 上海 template's empty tables are not explained (pages 6, 7, 8, 10, 12)
    tpl = by[("上海市XX局", 2024, "final_account")]
    assert tpl["empty_explained"] < 0.5 and "收入决算表（第6页）为空表但未作说明" in tpl["problems"]
    # 普陀 2024: the prose states a 财政拨款收支总计 of 0.30 万元 on page 21 (the table, p.13: 2,961.68)
    putuo = by[("上海市普陀区财政局", 2024, "final_account")]
    assert putuo["prose_consistent"] < 1 and any("第21页" in p for p in putuo["problems"])
    # 郴州 2022 (two PDFs of the same final account): every table but three 自评表 reconciles (their 年度资金总额
    # 年初预算数 is off its 当年财政拨款 line, pp. 64, 65, 67) and the prose explains what it must; its project
    # self-evaluation reports state budgets their forms do not print (pp. 38, 43–46, accuracy/truth) — prose
    # consistency < 1 — and score unexecuted projects in full: no marks for findings
    cz = by[("郴州市医疗保障局", 2022, "final_account")]
    assert 60 <= cz["score"] < 95 and len(cz["doc_ids"]) == 2 and cz["findings"] == 0.0
    assert cz["tables_present"] == cz["explained"] == 1.0 and 0 < cz["reconciliations"] < 1
    assert any("打击欺诈骗保" in p and "10/10" in p for p in cz["problems"]), cz["problems"]
    assert len(cz["problems_en"]) == len(cz["problems"]) and any(p.startswith("Prose") for p in cz["problems_en"])
    assert q["score"].is_between(0, 100).all()
    # the scores spread (issue 18: not 30 of 31 at full marks): few at 100, the template and 郴州 well below
    assert (q["score"] >= 100).sum() <= 3 and q["score"].median() < 99 and q["score"].min() < 75


def test_inflation_on_the_real_samples(real):
    frames, _ = real
    out = scores.inflation_index(frames)
    cz = out.filter(pl.col("agency") == "郴州市医疗保障局").row(0, named=True)
    # 18 forms (部门整体支出 twice: 本级 and 事务中心, with different figures), all but one of 148 indicators at
    # full weight, 4 projects executing under 60% with full execution points
    assert cz["projects"] == 18 and cz["low_exec_full_score"] == 4 and cz["full_weight_share"] > 0.99
    assert cz["rank"] == 1 and cz["index"] > 70
    sc = out.filter(pl.col("agency") == "四川省大数据中心").row(0, named=True)
    assert sc["score_spread"] > 10 and sc["index"] < 40  # scores that vary and follow execution


def test_firing_rates_on_the_real_samples(real):
    frames, flags = real
    rates = {r["rule"]: r for r in scores.rule_firing_rates(flags, frames).iter_rows(named=True)}
    # 江苏 budgets with the budget of the year before: 委办公厅 and 政协 2018, 2019; 检察院 2019; 法院 2018
    assert rates["budget_final_mismatch"]["checked"] == 6
    assert rates["budget_final_mismatch"]["flagged"] == 0
    assert rates["full_score_low_execution"]["flagged"] == 1  # 郴州 2022
    assert not any(r["noisy"] for r in rates.values() if r["noisy"] is not None)


def test_scores_on_the_multi_year_corpus(multi_year_lake):
    frames = Frames.from_lake(multi_year_lake)
    flags = evaluate(frames)
    infl = scores.inflation_index(frames)
    assert infl.height == 9 and sorted(infl["year"].unique().to_list()) == [2022, 2023, 2024]
    assert infl.group_by("year").agg(pl.col("rank").min())["rank"].to_list() == [1, 1, 1]
    q = scores.disclosure_quality(frames, flags).filter(pl.col("doc_kind") == "final_account")
    assert q.height == 9 and (q["tables_present"] == 1.0).all()
    # clean documents whose generated 情况说明 never states 人员经费/公用经费 (one of four topics): 97.5 each
    assert (q["score"] == 97.5).all() and q["problems"].to_list() == [["情况说明未说明人员经费与公用经费"]] * 9
    comparison = peers.peer_comparison(frames)
    # three agencies a year: too few peers to call anyone an outlier
    assert comparison["outlier"].is_null().all() and comparison["peers"].max() <= 3
    assert (comparison.filter(pl.col("metric") == "sangong_growth")["year"] > 2022).all()
    rates = {r["rule"]: r for r in scores.rule_firing_rates(flags, frames).iter_rows(named=True)}
    assert rates["full_score_low_execution"]["checked"] == 9 and rates["sangong_yoy_increase"]["checked"] >= 5
    assert not any(r["noisy"] for r in rates.values() if r["noisy"] is not None)
