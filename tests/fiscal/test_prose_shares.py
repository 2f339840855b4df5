"""Shares of the 三公 total the prose states (fiscal/rules/prose_shares.py), against the document's 三公 rows."""

from __future__ import annotations

from fiscal.rules.prose import flat
from fiscal.rules.prose_shares import completion_checks, named_total_checks, share_checks

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


def test_shares_in_a_sentence_opening_on_the_three_public_total_with_no_figure():
    """“2022年度“三公”经费财政拨款支出决算中，公务接待费支出决算2.22万元，占35.69%；…”: the shares name no total, the
    sentence's opening names the 三公 — checked against it (the old check read only 占“三公”经费的 and let 53.69 pass)."""
    text = ("2022年度“三公”经费财政拨款支出决算中，公务接待费支出决算2.22万元，占35.69%；公务用车购置及运行维护费支出决算"
            "4.00万元，占64.31%；因公出国（境）费支出决算0万元，占0%。")
    assert share_checks(flat(text), "d", TOTALS) == []
    (got,) = share_checks(flat(text.replace("35.69", "53.69")), "d", TOTALS)
    assert got["computed"] == 35.69
    # an opening with a figure of its own is the share head's (percentage_checks'), not read here as the 三公 total
    assert share_checks(flat("“三公”经费支出中，会议费3.00万元，公务接待费2.22万元，占53.69%。"), "d", TOTALS) == []


def test_a_share_of_a_total_stated_by_name_a_sentence_before():
    """政府采购支出总额35.60万元 … 。授予中小企业合同金额35.60万元，占政府采购支出总额的100%，其中：授予小微企业合同金额
    23.30万元，占政府采购支出总额的56.45%: 23.30 ÷ 35.60 is 65.45 % (the old check knew only the sentence's own head)."""
    before = "2022年度政府采购支出总额35.60万元，其中：政府采购货物支出12.30万元、政府采购服务支出23.30万元。"
    text = ("授予中小企业合同金额35.60万元，占政府采购支出总额的100%，其中：授予小微企业合同金额23.30万元，"
            "占政府采购支出总额的56.45%。")
    (got,) = named_total_checks(flat(text), flat(before))
    assert got["computed"] == 65.45 and got["figures"] == {"部分": 23.3, "合计": 35.6}
    assert named_total_checks(flat(text.replace("56.45", "65.45")), flat(before)) == []
    assert named_total_checks(flat(text), None) == []  # the total not stated: nothing to compare
    # a name that is the tail of a longer one is not the total (财政拨款本年支出合计 ≠ 本年支出合计)
    assert named_total_checks(flat("财政拨款本年支出合计1,467.16万元，基本支出970.13万元，占本年支出合计的66.06%。"),
                              None) == []


def test_a_stage_whose_total_does_not_close_leaves_the_share_alone():
    """The 决算 三公 合计 misprinted (its items 0 / 4.00 / 2.22 do not make it): 公务用车 4.00 is its row in both stages and
    its 64.31 % may be of the 决算's 6.22 — not accused from the 预算's 9.00 alone (the check said 应为 44.44 %)."""
    totals = {("d", "budget"): TOTALS[("d", "budget")],
              ("d", "actual"): {"total": 6.32, "overseas": 0.0, "vehicle_total": 4.0, "reception": 2.22}}
    text = flat("2022年度“三公”经费财政拨款支出决算中，公务接待费支出决算2.22万元，占35.69%，公务用车购置费及运行维护费"
                "支出决算4.00万元，占64.31%。")
    assert share_checks(text, "d", totals) == []
    assert share_checks(flat("公务用车购置及运行维护费支出决算4.00万元，占“三公”经费的64.31%。"), "d", totals) == []


def test_a_three_public_items_completion_rate_against_its_table_budget():
    """“公务接待费支出决算为2.22万元，完成预算的54.4%” (the national template, the item's budget unsaid): 2.22 ÷ the 三公
    table's 预算 5.00 is 44.4 % (the old check wanted the budget in the sentence and let it pass); a budget stated in
    the sentence is percentage_checks' reading, a figure not the item's 决算 row narrative_table_mismatch's."""
    text = "其中：公务用车购置及运行维护费支出决算为4.00万元，完成预算的100%；公务接待费支出决算为2.22万元，完成预算的54.4%。"
    (got,) = completion_checks(flat(text), "d", TOTALS)
    assert got["computed"] == 44.4 and got["figures"] == {"预算": 5.0, "决算": 2.22}
    assert completion_checks(flat(text.replace("54.4", "44.4")), "d", TOTALS) == []
    assert completion_checks(flat("公务接待费支出预算为5.00万元，支出决算为2.22万元，完成预算的54.4%。"), "d", TOTALS) == []
    assert completion_checks(flat("公务接待费支出决算为2.42万元，完成预算的54.4%。"), "d", TOTALS) == []
