"""totals_mismatch on the totals the prose states with their parts (fiscal/rules/prose_sums.py): the 政府采购 amount
and its 货物/工程/服务 parts, the vehicles by use. The sentences are those of the real disclosures (普陀区财政局 2024 决算,
普陀区万里街道 2025 预算, 江苏省高级人民法院 2018 预算, 江苏省政协办公厅 2019 预算), as printed and with one figure changed."""

from __future__ import annotations

import pytest

from fiscal.rules import Frames, evaluate

CAIZHENGJU = ("上海市普陀区财政局2024年度政府采购金额（以合同签订为准）为251.25万元，其中：货物采购金额4.79万元、"
              "工程采购金额0万元、服务采购金额246.47万元。")
WANLI = ("截至2024年8月31日，上海市普陀区人民政府万里街道办事处（部门）共有车辆8辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、"
         "机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车8辆；"
         "单价100万元（含）以上设备（不含车辆）0台（套）。")
GAOYUAN = "2018 年我部门政府采购预算总金额为 4641.62 万元。其中拟购买货物 962.86 万元；拟购买工程 539 万元；拟购买服务 3139.76 万元。"
ZHENGXIE = "共有车辆46辆，其中，一般公务用车46辆、执法执勤用车0辆、特种专业技术用车0辆、其他用车0辆等。"


def flags(*texts: str, scanned: bool = False) -> list[tuple[str, str]]:
    docs = [{"doc_id": "d", "region_code": "310107", "agency": "上海市普陀区财政局", "agency_id": "a", "year": 2024,
             "doc_kind": "final_account", "source_name": "d.pdf",
             "warnings": ["扫描件：第25页经OCR识别"] if scanned else []}]
    rows = [{"doc_id": "d", "region_code": "310107", "agency": "上海市普陀区财政局", "agency_id": "a", "year": 2024,
             "page": 25, "key": "sentence", "text": t, "value": f"{i:04d}:year"} for i, t in enumerate(texts)]
    got = evaluate(Frames.of(documents=docs, narrative=rows), rules=["totals_mismatch"])
    return list(zip(got["severity"], got["message"], strict=True))


@pytest.mark.parametrize("text", [WANLI, GAOYUAN, ZHENGXIE])
def test_whole_lists_that_add_up_raise_nothing(text):
    assert flags(text) == []


def test_a_cent_off_over_three_parts_is_rounding():
    assert [s for s, _ in flags(CAIZHENGJU)] == ["info"]  # 4.79 + 0 + 246.47 = 251.26 vs 251.25


def test_a_procurement_total_its_parts_do_not_make():
    (severity, message), = flags(GAOYUAN.replace("539", "593"))
    assert severity == "error"
    assert message == ("第25页文中政府采购金额与货物、工程、服务之和（“政府采购预算总金额为4641.62万元。其中拟购买货物962.86万元;"
                       "拟购买工程593万元;拟购买服务3139.76万元”）：合计 4,641.62 ≠ 分项之和 4,695.62（差 -54.00）")


def test_a_vehicle_count_its_list_by_use_does_not_make():
    (severity, message), = flags(WANLI.replace("其他用车8辆", "其他用车7辆"))
    assert severity == "error" and "合计 8.00 ≠ 分项之和 7.00" in message and "共有车辆8辆" not in message
    assert "车辆8辆,其中:部级领导干部用车0辆" in message


def test_the_parts_in_the_sentence_after_the_total():
    total, parts = GAOYUAN.replace("539", "593").split("。", 1)
    (severity, message), = flags(total + "。", parts)
    assert severity == "error" and "合计 4,641.62 ≠ 分项之和 4,695.62" in message


def test_a_partial_list_or_a_scanned_page_proves_nothing():
    assert flags("共有车辆10辆，其中执法执勤用车3辆、特种专业技术用车2辆。") == []  # no catch-all 其他用车: a part only
    assert flags("政府采购预算总额1000万元，其中：拟采购货物支出300万元、拟购买服务支出600万元。") == []  # 工程 not stated
    assert flags(GAOYUAN.replace("539", "593"), scanned=True) == []


# 达州市医疗保障事务中心 2023 预算 (seed 001), as printed: the projects under 绩效目标管理 by the three kinds
DAZHOU = ("2023年达州市医疗保障事务中心开展绩效目标管理的项目28个，涉及预算461.49万元。",
          "其中：人员类项目14个，涉及预算380.76万元；运转类项目3个，涉及预算30.13万元；特定目标类项目11个，涉及预算50.6万元。")


def test_projects_under_performance_management_by_their_three_kinds():
    """28 个 / 461.49 万元 against 人员类 + 运转类 + 特定目标类 (14 + 3 + 11, 380.76 + 30.13 + 50.6): as printed nothing;
    a kind's count or funds changed, one flag each (the old rule read no such sentence)."""
    assert flags(*DAZHOU) == []
    (severity, message), = flags(DAZHOU[0], DAZHOU[1].replace("特定目标类项目11个", "特定目标类项目12个"))
    assert severity == "error" and "项目个数" in message and "28.00 ≠ 分项之和 29.00" in message
    (severity, message), = flags(DAZHOU[0], DAZHOU[1].replace("30.13", "31.13"))
    assert "涉及金额" in message and "461.49 ≠ 分项之和 462.49" in message
    # two kinds named only: not the whole, nothing compared
    assert flags(DAZHOU[0], "其中：人员类项目14个，涉及预算380.76万元；运转类项目3个，涉及预算30.13万元。") == []
