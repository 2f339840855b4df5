"""fiscal.rules.precedence: one misprinted figure, one finding — the flags resting on it folded into the flag of
the root cause (普陀区司法局 2026 预算 p9, 江苏省人大办公厅 2017 预算 p28, a table cell breaking its row and column)."""

from __future__ import annotations

import json

import polars as pl

from fiscal.rules import FLAG_SCHEMA, Frames, evaluate
from fiscal.rules.precedence import FOLDED, PRECEDENCE, fold

PUTUO = {"region_code": "310107", "region": "上海市普陀区", "agency_id": "sifaju", "agency": "上海市普陀区司法局",
         "year": 2026}


def _flags(*rows: dict) -> pl.DataFrame:
    base = {**PUTUO, "doc_id": "d", "page": 9, "project": None, "category": "finding", "severity": "error"}
    return pl.DataFrame([{**base, **r, "evidence": json.dumps(r["evidence"], ensure_ascii=False)} for r in rows],
                        schema=FLAG_SCHEMA)


def test_a_stray_digit_is_one_finding_with_the_rate_as_its_root():
    """43269.3 (for 3269.3) makes the rate and the word 增加 wrong: one finding, the rate's (its hint names the
    stray digit), the word's flag in its evidence."""
    text = "2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%。"
    docs = [{**PUTUO, "doc_id": "d", "page": 1, "doc_kind": "budget", "scope": "department"}]
    nar = [{**PUTUO, "doc_id": "d", "page": 9, "key": "sentence", "text": text}]
    raised = evaluate(Frames.of(documents=docs, narrative=nar), rules=["percentage_misstated", "comparison_wording_wrong"])
    assert sorted(raised["rule"].to_list()) == ["comparison_wording_wrong", "percentage_misstated"]
    out = fold(raised)
    assert out["rule"].to_list() == ["percentage_misstated"]
    root = out.row(0, named=True)
    # the note goes before the quoted sentence, which stays at the end (the English reading quotes it from there)
    assert "疑为上年数多印一位数字）（同一数字另引出 1 条，已并入本条）：“2025年" in root["message"]
    folded = json.loads(root["evidence"])[FOLDED]
    assert [f["rule"] for f in folded] == ["comparison_wording_wrong"] and "实为减少" in folded[0]["message"]


def test_three_shares_of_one_wrong_total_are_one_finding():
    shares = [{"rule": "percentage_misstated", "message": f"比重印作 {p}%", "page": 28,
               "evidence": {"printed": p, "figures": {"部分": part, "合计": 833.6}}}
              for p, part in ((8.75, 222.5), (7.22, 183.6), (16.81, 427.5))]
    out = fold(_flags(*shares))
    assert out.height == 1 and len(json.loads(out["evidence"][0])[FOLDED]) == 2


def test_a_cell_breaking_its_row_and_its_column_is_one_finding_named_by_the_row():
    row = {"rule": "totals_mismatch", "page": 10, "message": "2101506 合计 155.65 ≠ 165.65",
           "evidence": {"total": 155.65, "sum_of_parts": 165.65, "parts": 5, "difference": -10.0, "tolerance": 0.05}}
    column = {"rule": "totals_mismatch", "page": 10, "message": "21015 合计 856.82 ≠ 866.82",
              "evidence": {"total": 856.82, "sum_of_parts": 866.82, "parts": 6, "difference": -10.0, "tolerance": 0.06}}
    out = fold(_flags(column, row))
    assert out["message"].to_list() == ["2101506 合计 155.65 ≠ 165.65（同一数字另引出 1 条，已并入本条）"]
    # an item over its budget puts the 合计 over by as much: the item is the root
    total = {"rule": "sangong_over_budget", "page": 20, "severity": "warning", "message": "合计超预算",
             "evidence": {"item": "total", "actual": 6.22, "budget": 6.0}}
    item = {**total, "message": "公务接待费超预算", "evidence": {"item": "reception", "actual": 2.22, "budget": 2.0}}
    assert fold(_flags(total, item))["message"][0].startswith("公务接待费超预算")


def test_independent_defects_of_a_page_stay_apart():
    a = {"rule": "percentage_misstated", "message": "a", "evidence": {"printed": 0.06, "figures": {"本年": 3666.0}}}
    b = {"rule": "percentage_misstated", "message": "b", "evidence": {"printed": 0.66, "figures": {"本年": 1895.0}}}
    c = {"rule": "totals_mismatch", "message": "c", "evidence": {"difference": -1.0}}
    d = {"rule": "totals_mismatch", "message": "d", "evidence": {"difference": -51.6}}
    other_page = {**a, "page": 10, "message": "e"}
    notes = {**a, "severity": "info", "message": "f"}  # a note is not a finding: never folded
    untouched = {"rule": "template_residue", "message": "g", "evidence": {"sentences": ["3845.49"]}}
    flags = _flags(a, b, c, d, other_page, notes, untouched)
    assert fold(flags).equals(flags)


def test_every_rule_of_the_precedence_is_a_finding_rule():
    from fiscal.rules import RULES

    assert all(RULES[r].category == "finding" for r in PRECEDENCE) and len(set(PRECEDENCE)) == len(PRECEDENCE)
