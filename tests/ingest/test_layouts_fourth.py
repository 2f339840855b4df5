"""A fourth round of layouts (samplegen/variants_fourth.py), read back figure by figure.

Each variant PDF, and a copy with one printed figure changed so that a sum breaks, is drawn once per
session and ingested once with the real pipeline. Every figure is checked; the table is `complete`
where its sums close; in the broken copy the broken sum is named (the table `partial`, or `complete`
with the failed sum stated and the rule raising it) — never a silent `complete`.
"""

from __future__ import annotations

from typing import Any

import pytest

from ingest.document import Outcome
from samplegen import variants_fourth as v
from tests.ingest.layouts import broken_is_caught, ingested
from tests.ingest.layouts import flags as _flags
from tests.ingest.layouts import ok as _ok
from tests.ingest.layouts import readings as _readings


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _broken_is_caught(outcomes: dict[str, Outcome], name: str, family: str, rule: str) -> None:
    broken_is_caught(outcomes, v.broken_name(name), name, family, rule)

def _sangong(out: Outcome) -> dict[tuple[str, str], float]:
    rows = [r for r in out.frames["sangong"] if r["source"] == "table"]
    got = {(r["stage"], r["item"]): r["amount"] for r in rows}
    assert len(got) == len(rows), "one row per (stage, item)"
    return got


@pytest.mark.parametrize(("name", "figures"), [("sangong_rows_change_note.pdf", v.RC_SANGONG),
                                               ("sangong_rows_three_line.pdf", v.RC_SANGONG),
                                               ("sangong_two_pages.pdf", v.TP_SANGONG)])
def test_sangong_items_as_rows_budget_actual_and_change(outcomes, name, figures):
    out = _ok(outcomes, name)
    # the 比上年增减 column is a comparison; the 注 row inside the grid names no item
    assert _sangong(out) == {(stage, item): figures[item][k] for item in v.ITEMS
                             for k, stage in ((0, "budget"), (1, "actual"))}
    (reading,) = _readings(out, "sangong")
    assert reading["status"] == "complete", reading["reason"]
    if name == "sangong_two_pages.pdf":
        assert reading["table_pages"] == [2, 3] and {r["page"] for r in out.frames["sangong"]} == {2, 3}
    _broken_is_caught(outcomes, name, "sangong", "sangong_sum_mismatch")


def test_sangong_items_as_columns_lines_by_year_in_yuan(outcomes):
    out = _ok(outcomes, "sangong_year_lines_yuan.pdf")
    assert out.meta.doc_kind == "budget" and out.meta.year == 2024
    # the 2023年预算数 line and the 增减 line are comparisons; 元 read as 万元
    assert _sangong(out) == {("budget", item): x for item, x in zip(v.ITEMS, v.YC_BUDGET, strict=True)}
    assert _readings(out, "sangong")[0]["status"] == "complete"
    _broken_is_caught(outcomes, "sangong_year_lines_yuan.pdf", "sangong", "sangong_sum_mismatch")


def test_sangong_vehicle_sub_lines_in_the_one_header_row(outcomes):
    out = _ok(outcomes, "sangong_one_header_row.pdf")
    assert _sangong(out) == {("budget", item): x for item, x in zip(v.ITEMS, v.OR_BUDGET, strict=True)}
    assert _readings(out, "sangong")[0]["status"] == "complete"
    _broken_is_caught(outcomes, "sangong_one_header_row.pdf", "sangong", "sangong_sum_mismatch")


@pytest.mark.parametrize("name", ["sangong_two_halves.pdf", "sangong_two_halves_three_line.pdf"])
def test_sangong_items_as_rows_in_two_halves_sub_lines_beside_their_line(outcomes, name):
    out = _ok(outcomes, name)
    assert _sangong(out) == {("budget", item): x for item, x in zip(v.ITEMS, v.TH_BUDGET, strict=True)}
    assert _readings(out, "sangong")[0]["status"] == "complete"
    _broken_is_caught(outcomes, name, "sangong", "sangong_sum_mismatch")


# As a 三线表 the three blocks' 18 columns come back from Camelot stream with the 购置费 column fused into the
# 小计 column ("12.00\n0.00"): that reading is `partial`; the text-position reader keeps the 18 columns, its
# block labels centred over their blocks (决算数比上年增减 over the comparison block's middle).
@pytest.mark.parametrize("name", ["sangong_three_blocks.pdf", "sangong_three_blocks_three_line.pdf"])
def test_sangong_budget_actual_and_change_blocks(outcomes, name):
    out = _ok(outcomes, name)
    # the 决算数比上年增减 block is a comparison
    assert _sangong(out) == {**{("budget", i): x for i, x in zip(v.ITEMS, v.TB_BUDGET, strict=True)},
                             **{("actual", i): x for i, x in zip(v.ITEMS, v.TB_ACTUAL, strict=True)}}
    assert _readings(out, "sangong")[0]["status"] == "complete"
    _broken_is_caught(outcomes, name, "sangong", "sangong_sum_mismatch")


def test_sangong_unit_in_the_column_labels_zero_as_dash(outcomes):
    out = _ok(outcomes, "sangong_unit_in_labels.pdf")
    # 预算数（元）: whole 元 read as 万元 (two decimals); — is a printed zero
    assert _sangong(out) == {(stage, item): round(v.DY_SANGONG[item][k], 6) for item in v.ITEMS
                             for k, stage in ((0, "budget"), (1, "actual"))}
    assert _readings(out, "sangong")[0]["status"] == "complete"
    _broken_is_caught(outcomes, "sangong_unit_in_labels.pdf", "sangong", "sangong_sum_mismatch")


def _indicators(out: Outcome, project: str) -> dict[str, tuple[Any, ...]]:
    return {r["name"]: (r["level1"], r["level2"], r["target"], r["actual"], r["weight"], r["score"])
            for r in out.frames["indicators"] if r["project"] == project}


@pytest.mark.parametrize("name", ["selfeval_columns_reordered.pdf", "selfeval_rate_in_percent_column.pdf"])
def test_selfeval_fund_and_score_columns_reordered_rate_as_decimal(outcomes, name):
    out = _ok(outcomes, name)
    assert (out.meta.agency, out.meta.year, out.meta.doc_kind) == (v.SR_AGENCY, 2023, "performance_report")
    (p,) = out.frames["projects"]
    full, executed, rate, weight, score, initial = v.SR_FUNDS
    assert (p["project"], p["budget_initial"], p["budget_full_year"], p["executed"]) == (
        v.SR_PROJECT, float(initial), float(full), float(executed))
    assert (p["exec_rate_reported"], p["exec_weight"], p["exec_score"], p["total_score"]) == (
        float(rate), float(weight), float(score), float(v.SR_TOTAL))
    assert _indicators(out, v.SR_PROJECT) == {
        name: (l1, l2, target, actual, float(w), float(s)) for l1, l2, name, w, s, target, actual, _n in v.SR_INDICATORS}
    assert _readings(out, "project_selfeval")[0]["status"] == "complete"
    # one indicator's 得分 printed 5 lower: 总分 is no longer 执行得分 + Σ 指标得分, and the rule says so
    broken = _ok(outcomes, v.broken_name(name))
    assert _flags(broken, "total_score_mismatch") and not _flags(out, "total_score_mismatch")
    assert not _flags(out, "exec_rate_misreported")


@pytest.mark.parametrize("name", ["selfeval_two_on_a_page.pdf", "selfeval_second_untitled.pdf"])
def test_two_selfeval_forms_on_one_page(outcomes, name):
    out = _ok(outcomes, name)
    got = {p["project"]: p for p in out.frames["projects"]}
    assert set(got) == {project for project, *_ in v.TW_PROJECTS}
    for project, funds, indicators, total in v.TW_PROJECTS:
        initial, full, executed, weight, rate, score = funds
        p = got[project]
        assert (p["budget_initial"], p["budget_full_year"], p["executed"], p["exec_weight"], p["exec_score"]) == (
            float(initial), float(full), float(executed), float(weight), float(score)), project
        assert (p["exec_rate_reported"], p["total_score"]) == (round(float(rate.rstrip("%")) / 100, 6), float(total))
        assert _indicators(out, project) == {name: (l1, l2, t, a, float(w), float(s))
                                             for l1, l2, name, t, a, w, s in indicators}, project
    assert [r["status"] for r in _readings(out, "project_selfeval")] == ["complete", "complete"]
    broken = _ok(outcomes, v.broken_name(name))
    assert _flags(broken, "total_score_mismatch") and not _flags(out, "total_score_mismatch")


@pytest.mark.parametrize("name", ["summary_side_by_side.pdf", "summary_stacked.pdf",
                                  "summary_side_by_side_three_line.pdf"])
def test_summary_halves_side_by_side_or_stacked_read_alike(outcomes, name):
    out = _ok(outcomes, name)
    rows = [r for r in out.frames["summary"] if r["table"] == "summary"]
    items = {r["item"]: r["amount"] for r in rows}
    assert {k: items[k] for k in v.SB_TOTALS} == v.SB_TOTALS
    assert (items["fiscal_appropriation"], items["gov_fund_appropriation"], items["business_income"],
            items["other_income"]) == tuple(x for _, x in v.SB_INCOME)
    classes = {r["label"]: r["amount"] for r in rows if r["item"] == "function_class"}
    assert classes == {label.split("、", 1)[1]: x for label, x in v.SB_CLASSES}
    assert _readings(out, "summary")[0]["status"] == "complete"
    _broken_is_caught(outcomes, name, "summary", "totals_mismatch")


@pytest.mark.parametrize("name", ["gpb_codes_in_level_columns.pdf", "gpb_codes_three_line.pdf"])
def test_gpb_expenditure_codes_in_class_section_item_columns(outcomes, name):
    out = _ok(outcomes, name)
    rows = [r for r in out.frames["line_items"] if r["table"] == "gpb_expenditure"]
    got = {(r["code"], r["measure"]): r["amount"] for r in rows}
    assert len(got) == len(rows)
    measures = ("total", "basic", "project")
    assert {c for c, _ in got} == {None} | {line[0] for line in v.GC_LINES}
    for measure, x in zip(measures, v.GC_TOTAL, strict=True):
        assert got[(None, measure)] == x
    for code, _name, *figures in v.GC_LINES:
        for measure, x in zip(measures, figures, strict=True):
            assert got[(code, measure)] == x, (code, measure)
    names = {r["code"]: r["name"] for r in rows if r["code"]}
    assert names["2080505"] == "机关事业单位基本养老保险缴费支出"
    assert _readings(out, "gpb_expenditure")[0]["status"] == "complete"
    _broken_is_caught(outcomes, name, "gpb_expenditure", "totals_mismatch")
