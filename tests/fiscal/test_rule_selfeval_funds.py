"""totals_mismatch on a self-evaluation form's 年度资金总额 against its 其中 lines (fiscal/rules/selfeval_funds.py):
each column whose nonzero total differs from its lines beyond rounding is one error naming the project, the column,
both figures and the page; lines that add up, lines left blank or zero, a total printed 0 and a form not read
`complete` raise nothing."""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from fiscal.rules import Frames, evaluate

FORM = {"doc_id": "d", "region_code": "431000", "region": "湖南省郴州市", "agency_id": "a", "agency": "郴州市医疗保障局",
        "year": 2022, "page": 65, "project": "公务员医疗补助", "budget_initial": 500.0, "budget_full_year": 443.0,
        "executed": 443.0, "reading": "complete"}


def _errors(**lines: Any) -> list[dict[str, Any]]:
    found = evaluate(Frames.of(projects=[{**FORM, **lines}]), rules=["totals_mismatch"])
    return list(found.filter(pl.col("severity") == "error").iter_rows(named=True))


def test_a_total_off_its_lines_is_one_error_per_column():
    (flag,) = _errors(budget_initial_fiscal=443.0, budget_full_year_fiscal=443.0, executed_fiscal=443.0)
    assert flag["page"] == 65 and flag["project"] == "公务员医疗补助"
    assert flag["message"] == ("第65页绩效自评表“公务员医疗补助”年初预算数列 年度资金总额与其中各项（财政拨款、上年结转、"
                               "其他资金）之和：合计 500.00 ≠ 分项之和 443.00（差 +57.00）")
    evidence = json.loads(flag["evidence"])
    assert (evidence["total"], evidence["sum_of_parts"], evidence["difference"]) == (500.0, 443.0, 57.0)


def test_every_kind_of_line_is_summed():
    assert not _errors(budget_initial_fiscal=400.0, budget_initial_carried_over=60.0, budget_initial_other=40.0)
    (flag,) = _errors(budget_initial_fiscal=400.0, budget_initial_other=40.0)
    assert json.loads(flag["evidence"])["parts"] == 2


def test_within_rounding_is_a_note_not_an_error():
    assert not _errors(budget_initial_fiscal=499.99)
    notes = evaluate(Frames.of(projects=[{**FORM, "budget_initial_fiscal": 499.99}]), rules=["totals_mismatch"])
    assert notes["severity"].to_list() == ["info"]


def test_nothing_without_lines_carrying_money_or_a_printed_total():
    assert not _errors()  # no lines stored (not printed, or not read with confidence)
    assert not _errors(budget_initial_fiscal=0.0, budget_full_year_fiscal=0.0)  # lines left zero
    assert not _errors(budget_initial=0.0, budget_initial_fiscal=443.0)  # a total printed 0: never complete anyway


def test_a_form_not_read_complete_accuses_nothing():
    found = evaluate(Frames.of(projects=[{**FORM, "reading": "partial", "budget_initial_fiscal": 443.0}]),
                     rules=["totals_mismatch"])
    assert found.is_empty()
