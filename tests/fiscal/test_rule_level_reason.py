"""comparison_wording_wrong on a 持平 whose stated reason is a change (fiscal/rules/prose_reasons.py), on the
sentences of 普陀区财政局 2024 决算 p21 and 普陀区万里街道 2023/2025 预算."""

from __future__ import annotations

from fiscal.rules import Frames, evaluate
from fiscal.rules.prose_reasons import level_reason_check

LEVEL = "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计持平。"
REASON = "主要原因：基本支出中人员进出及退休变化，以及项目支出中合同支付进度条款等原因减少支付。"


def flags(*texts: str) -> list[tuple[int, str]]:
    docs = [{"doc_id": "d", "region_code": "310107", "agency": "上海市普陀区财政局", "agency_id": "a", "year": 2024,
             "doc_kind": "final_account", "source_name": "d.pdf"}]
    rows = [{"doc_id": "d", "region_code": "310107", "agency": "上海市普陀区财政局", "agency_id": "a", "year": 2024,
             "page": 21 + i, "key": "sentence", "text": t, "value": f"{i:04d}:compare"} for i, t in enumerate(texts)]
    got = evaluate(Frames.of(documents=docs, narrative=rows), rules=["comparison_wording_wrong"])
    return list(zip(got["page"], got["message"], strict=True))


def test_a_level_explained_by_a_decrease_is_flagged_where_the_level_is_printed():
    (page, message), = flags(LEVEL, REASON)
    assert page == 21
    assert message.startswith("第21页称“持平”，而其所说原因是减少，持平与原因自相矛盾：“与2023年度相比,财政拨款收入支出总计持平")
    assert "减少支付" in message


def test_reason_in_the_same_sentence():
    text = "与上年相比,公务接待费持平,主要原因是接待任务增加。"  # as the rules read it (NFKC, no spaces)
    assert level_reason_check(text, None)["actual"] == "增加"


def test_reasons_that_say_nothing_changed_or_both_ways_are_no_contradiction():
    assert flags("2022年当年预算执行数为15.00万元，2023年预算安排15.00万元，比2022年预算执行数持平。",
                 "主要原因是：公共法律服务经费保持不变。") == []
    assert flags("与上年相比，支出总计持平。", "主要原因是人员经费增加，公用经费减少，增减相抵。") == []
    assert flags("与上年相比，支出总计持平。", "主要原因是人员结构稳定。") == []
    # a change stated beside the 持平 is another comparison (人员经费增加…，公用经费持平)
    assert level_reason_check("与上年相比,人员经费增加5万元,公用经费持平,主要原因是压减开支。", None) is None
    # the reason of another sentence, not the one right after the 持平
    assert flags("与上年相比，支出总计持平。", "其他收入6.2万元。", REASON) == []
