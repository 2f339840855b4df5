"""The 三公 rules on tables printed otherwise: 购置费 | 运行费 with no 小计; a 合计 that does not close and is over its
budget by as much (one misprint, one finding)."""

from __future__ import annotations

from fiscal.rules.engine import evidence_of
from tests.fiscal.test_rules import SG_ACTUAL, SG_BUDGET, run, sangong

NO_SUBTOTAL = {k: x for k, x in SG_BUDGET.items() if k != "vehicle_total"}


def test_a_table_without_the_vehicle_subtotal_closes_over_purchase_and_operation():
    """合计 | 出国 | 购置费 | 运行费 | 接待 (no 小计 printed): the 合计 is checked against the four (the old rule skipped it:
    a 合计 1.00 off was never raised)."""
    assert run("sangong_sum_mismatch", sangong=sangong("budget", **NO_SUBTOTAL)).is_empty()
    flags = run("sangong_sum_mismatch", sangong=sangong("budget", **{**NO_SUBTOTAL, "total": 10.0}))
    (evidence,) = [evidence_of(e) for e in flags["evidence"]]
    assert evidence["difference"] == 1.0
    assert set(evidence["parts"]) == {"overseas", "vehicle_purchase", "vehicle_operation", "reception"}


def test_a_total_that_does_not_close_is_not_also_over_budget():
    """决算 合计 printed 15.22 over items adding to 6.22 (budget 9.00): sangong_sum_mismatch names the misprint; the
    合计 over its budget is no second finding (the old rule raised both). An item over its budget still is."""
    wrong = sangong("actual", **{**SG_ACTUAL, "total": 15.22}) + sangong("budget", **SG_BUDGET)
    assert run("sangong_over_budget", sangong=wrong).is_empty()
    assert not run("sangong_sum_mismatch", sangong=wrong).is_empty()
    item = sangong("actual", **{**SG_ACTUAL, "reception": 6.0, "total": 16.0}) + sangong("budget", **SG_BUDGET)
    flags = run("sangong_over_budget", sangong=item)
    assert [evidence_of(e)["item"] for e in flags["evidence"]] == ["reception"]
