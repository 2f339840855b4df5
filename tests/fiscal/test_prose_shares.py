"""Shares of the 三公 total the prose states (fiscal/rules/prose_shares.py), against the document's 三公 rows."""

from __future__ import annotations

from fiscal.rules.prose import flat
from fiscal.rules.prose_shares import share_checks

# 郴州 2022 决算's 三公 table: 预算 0 / 4.00 / 5.00 (9.00), 决算 0 / 4.00 / 2.22 (6.22)
TOTALS = {("d", "budget"): {"overseas": 0.0, "vehicle_total": 4.0, "reception": 5.0, "_sum": 9.0},
          ("d", "actual"): {"overseas": 0.0, "vehicle_total": 4.0, "reception": 2.22, "_sum": 6.22}}


def test_an_item_spent_to_its_budget_may_be_a_share_of_either_total():
    """公务用车 4.00 is both its 预算 and its 决算: “占“三公”经费的64.31%” is its share of the 决算 6.22 — not misstated
    (the old check took the 预算 stage first and said 应为 44.44 %)."""
    text = flat("公务用车购置及运行维护费支出决算为40,000.00元，占“三公”经费的64.31%。")
    assert share_checks(text, "d", TOTALS) == []
    assert share_checks(text.replace("64.31", "44.44"), "d", TOTALS) == []  # of the 预算: as the words allow


def test_a_share_neither_total_gives_is_misstated():
    (got,) = share_checks(flat("公务用车购置及运行维护费支出决算为4.00万元，占“三公”经费的46.31%。"), "d", TOTALS)
    assert got["computed"] == 64.31 and got["figures"] == {"部分": 4.0, "合计": 6.22}
    (got,) = share_checks(flat("公务接待费支出决算为2.22万元，占“三公”经费的53.69%。"), "d", TOTALS)
    assert got["computed"] == 35.69
