"""The prose rules on the wording other offices print (湖南, 四川, 广西, 湖北, 甘肃 … 部门决算/部门预算 情况说明):
sentences shaped as those offices print them, figures kept consistent. A correct sentence raises nothing;
the same sentence with one planted defect raises exactly the rule it breaks, and its message says what and where."""

from __future__ import annotations

import json
from typing import Any

import polars as pl
import pytest

from fiscal.rules import Frames, evaluate
from fiscal.rules.prose import flat, heading_year, residues, year_problems
from fiscal.rules.prose_figures import percentage_checks
from fiscal.rules.prose_wording import wording_checks

_DOC = {"doc_id": "d", "region_code": "430000", "agency": "某县某局", "agency_id": "a", "source_name": "d.pdf"}
PROSE_RULES = ["year_inconsistent", "percentage_misstated", "comparison_wording_wrong", "template_residue"]


def _frames(year: int, kind: str, texts: list[str]) -> Frames:
    docs = [{**_DOC, "year": year, "doc_kind": kind}]
    rows = [{**_DOC, "year": year, "page": 7, "key": "sentence", "text": t, "value": f"{i:04d}:x"}
            for i, t in enumerate(texts)]
    return Frames.of(documents=docs, narrative=rows)


def _silent(year: int, kind: str, texts: list[str]) -> None:
    flags = evaluate(_frames(year, kind, texts), rules=PROSE_RULES)
    assert flags.is_empty(), flags["message"].to_list()


# ---------------------------------------------------------------- correct wording raises nothing

FINAL_2022 = [
    # totals printed as a list: "各是 A,B 万元" is two figures, never 494143.91
    "2022年度收、支总计各是4125.49,4143.91万元。",
    "与2021年相比,收、支总计各减少1267.86,2570.97万元,各下降23.51%、38.28%。",
    "2022年本年收入合计4125.49万元,其中:一般公共预算财政拨款收入3859.16万元,占93.54%;"
    "政府性基金预算财政拨款收入0万元,占0%;其他收入266.33万元,占6.46%。",
    "2022年本年支出合计4143.91万元,其中:基本支出1140.27万元,占27.52%;项目支出3003.64万元,占72.48%;上缴上级支出0万元,占0%。",
    # the change in the sentence after the figure
    "2022年一般公共预算财政拨款支出1264.92万元,占本年支出合计的30.52%。",
    "与2021年相比,一般公共预算财政拨款增加27.44万元,增长2.22%。",
    "2022年度,本单位财政拨款收入总计1516.64万元,与上年相比减少58.49万元,降低3.71%。",
    "财政拨款支出4603.07万元,与上年相比,增加1612.54万元,增长53.92%。",
    "财政拨款结转结余0万元,与上年相比,增加0万元,增长0%。",
    # last year's figure printed after 较/比, with or without its unit
    "2022年度本部门一般公共预算财政拨款安排的“三公”经费支出2.05万元,较上年2.08减少0.03万元,减少了1.44%,原因为严格落实中央八项规定精神。",
    "2022年“三公”经费支出431万元,比上年累计支出433万元减少2万元,下降0.46%。",
    "公务用车运行维护费支出251万元,比上年累计支出285万元下降34万元,下降12%,下降原因是压缩用车;公务用车购置支出56万元比上年增加56万元。",
    "一般公共预算财政拨款收入382.17万元,为市本级财政当年拨付的资金。",
    # the unit statement is not a blank figure
    "注:本表金额单位为万元,本单位2022年度无政府性基金预算财政拨款收入。",
    "本报告计量单位是万元。",
    "较2021年度决算数减少157.86万元,下降29.2%,主要原因是人员自然减员。",
    # a change against the budget, then last year's figure: the first figure after 比 is not this year's
    "其中:因公出国(境)费2022年财政拨款支出决算数为7926.14万元,比2022年度预算数增加1485.38万元,"
    "比2021年度决算数8750.27万元减少824.13万元,下降9.42%。",
    "2022年“三公”经费支出15905.91万元,较2022年预算减少5818.9万元,降低26.78%,主要是因公出国(境)费减少1485.38万元。",
    "2022年“三公”经费决算数为50万元,比预算减少10万元,比上年增加30万元。",
    "比预算减少10万元,比上年增加30万元,增长150%。",
    # one sentence, one clause per 三公 item, each with its own figure and change
    "其中:因公出国(境)费支出决算为0万元,完成预算的0%,与上年持平;公务用车购置及运行维护费支出决算为6.00万元,"
    "完成预算的60%,较上年增加1.00万元,增长20%;公务接待费支出决算为4.00万元,完成预算的40%,较上年减少3.00万元,下降42.86%。",
    # 上年结转 names a fund, not last year's figure
    "上年结转和结余190.89万元,较2021年度决算数减少7.63万元,下降3.8%,主要原因是项目结转减少。",
    # the change of a part (其中) or of a cause (主要是) is not the total's
    "本年支出合计480.71万元,其中:基本支出比上年增加20.5万元,增长9.3%。",
    "机关运行经费支出50.00万元,主要是办公费增加5.00万元,增长30.00%。",
    # a breakdown of a part: its shares are of that part
    "本年支出合计1000.00万元,其中:基本支出600.00万元,占60.00%,其中人员经费450.00万元,占75.00%。",
    "年初预算为1,560.05万元,支出决算为1,511.89万元,完成年初预算的96.91%,决算数小于年初预算数的主要原因是人员减少。",
    "年初预算为156005元,支出决算为151189元,完成年初预算的96.91%。",
    "全年预算数为100.00万元,支出决算数为71.65万元,完成全年预算数的71.65%。",
    # the rate is of the initial budget (100), the figure printed the adjusted one: not comparable
    "调整预算数为120.00万元,支出决算为110.00万元,完成年初预算的110.00%。",
    "年初预算数为100.00万元,决算数为71.65万元,为年初预算的71.65%。",
    "本年支出合计4143.91万元,其中:基本支出1140.27万元(占27.52%),项目支出3003.64万元(占72.48%)。",
    "机关运行经费支出50万元,比上年增加5万元,同比增长11.11%。",
    # the breakdown opens the next sentence
    "2022年本年支出合计4143.91万元。",
    "其中:基本支出1140.27万元,占27.52%;项目支出3003.64万元,占72.48%。",
    # dates and years of a 2022 决算
    "截至2022年12月31日,资产原值合计2110003.55元,其中:土地、房屋及构筑物700221元。",
    "截至2022年12月31日,本部门共有车辆5辆。",
    "与截至2021年12月31日相比,资产总额增加12.5万元。",
    "截至2022年12月31日,资产总额比2022年初增加12.5万元。",
    "参与2022年全国文明城市创建经费增加。",
    "三、2023年重点工作安排",
    "中央一般公共预算支出141055.9亿元,完成预算的97.9%,与2021年基本持平。",
    # notes that look like residue but are not
    "注:*为重点项目。",
    "注:按照部门决算报表口径填写。",
    "金额单位:万元、%。",
    "单价100万元以上设备2台。",
    "政府采购金额(以合同签订为准)为251.25万元。",
    "采购X光机1台。",
]

BUDGET_2025 = [
    "2025年“三公”经费预算总额为1969万元,较2024年的2190万元减少221万元,下降10.1%;其中:因公出国(境)经费40万元,"
    "较上年持平;公务接待费242万元,较上年减少12万元,下降4.7%。",
    "2025年政府采购预算6429768.84元,同比增加2433505.07元,增长60.89%。",
    "基本支出预算1037103.63元,占支出总预算的95.57%,同比减少43506.06元,下降4.03%。",
    "住房保障支出类科目74784.48元,占支出总预算6.90%,同比增加62.16元,增长0.083%。",
    "2025年政府采购预算17000元,同比增加17000元,上年无该预算,增长率无可比性。",
    "一般公共预算支出1085203.63元,同比减少43506.06元,下降3.85%。",
    "基本支出预算2476260.58元,占一般公共预算支出的84.06%,同比减少4966.66元,下降0.2%。",
    "其中:工资福利支出预算2016908.34元,占基本支出预算81.45%,同比增加33279.22元,增长1.68%。",
    "工资福利支出12000元,占项目支出预算2.56%,同比增加12000元,去年项目支出未列该项。",
    "资本性支出31500元,占项目支出预算6.71%,同比增加21500元,增长215%。",
    "2025年收入总预算317.6万元,同比增加8.25万元,同比增长2.67%。",
    "财政拨款总收支较上年下降3.85%,主要原因是人员减少。",
    "截至2024年12月31日,资产原值合计2110003.55元。",
    "项目实施期截至2027年12月31日。",
    "二、2024年度绩效自评结果",
    "2025年预算安排与2024年预算相比增加30万元。",
]


def test_correct_final_account_wording_raises_nothing() -> None:
    _silent(2022, "final_account", FINAL_2022)


def test_correct_budget_wording_raises_nothing() -> None:
    _silent(2025, "budget", BUDGET_2025)


@pytest.mark.parametrize("text", FINAL_2022, ids=[f"sentence{i}" for i in range(len(FINAL_2022))])
def test_each_correct_final_account_sentence_alone(text: str) -> None:
    t = flat(text)
    assert not percentage_checks(t, None, 2022) and not wording_checks(t, None)
    assert not residues(t, 2022) and not year_problems(t, False, 2022, "final_account")


# ---------------------------------------------------------------- planted defects in the same wording


def _one(year: int, kind: str, texts: list[str], rule_id: str) -> dict[str, Any]:
    flags = evaluate(_frames(year, kind, texts), rules=PROSE_RULES)
    assert flags["rule"].to_list() == [rule_id], flags["message"].to_list()
    flag = flags.row(0, named=True)
    assert flag["page"] == 7 and "第7页" in flag["message"]
    return flag


def test_a_rate_against_last_years_figure_printed_after_bi() -> None:
    flag = _one(2022, "final_account", ["2022年“三公”经费支出431万元,比上年累计支出433万元减少2万元,下降4.6%。"],
                "percentage_misstated")
    ev = json.loads(flag["evidence"])
    assert (ev["printed"], ev["computed"]) == (4.6, 0.46) and "433.00" in flag["message"]


def test_a_word_against_last_years_figure_printed_after_bi() -> None:
    flag = _one(2022, "final_account", ["2022年“三公”经费支出451万元,比上年累计支出433万元减少18万元。"],
                "comparison_wording_wrong")
    assert "减少" in flag["message"] and "实为增加" in flag["message"] and "433.00" in flag["message"]


def test_a_rate_with_the_figure_in_the_sentence_before() -> None:
    flag = _one(2022, "final_account", ["2022年一般公共预算财政拨款支出1264.92万元,占本年支出合计的30.52%。",
                                        "与2021年相比,一般公共预算财政拨款增加27.44万元,增长22.2%。"],
                "percentage_misstated")
    assert json.loads(flag["evidence"])["computed"] == 2.22


def test_a_share_that_does_not_add_up() -> None:
    flag = _one(2022, "final_account", ["2022年本年支出合计4143.91万元,其中:基本支出1140.27万元,占72.52%;"
                                        "项目支出3003.64万元,占72.48%。"], "percentage_misstated")
    assert "72.52%" in flag["message"] and "27.52" in flag["message"]


def test_a_share_of_the_total_in_the_sentence_before() -> None:
    flag = _one(2022, "final_account", ["2022年本年支出合计4143.91万元。", "其中:基本支出1140.27万元,占37.52%。"],
                "percentage_misstated")
    assert "37.52%" in flag["message"] and "27.52" in flag["message"]
    # the sentence before states two figures: whose share it is cannot be told
    assert not percentage_checks(flat("其中:基本支出1140.27万元,占37.52%。"), flat("本年收入3859.16万元,支出4143.91万元。"))


def test_a_share_printed_in_brackets() -> None:
    flag = _one(2022, "final_account", ["本年支出合计4143.91万元,其中:基本支出1140.27万元(占37.52%),"
                                        "项目支出3003.64万元(占72.48%)。"], "percentage_misstated")
    assert json.loads(flag["evidence"])["computed"] == 27.52


def test_a_rate_in_its_own_clause() -> None:
    flag = _one(2022, "final_account", [
        "其中:因公出国(境)费支出决算为0万元,与上年持平;公务用车购置及运行维护费支出决算为6.00万元,较上年增加1.00万元,"
        "增长25%;公务接待费支出决算为4.00万元,较上年减少3.00万元,下降42.86%。"], "percentage_misstated")
    assert json.loads(flag["evidence"])["computed"] == 20.0


def test_a_rate_printed_as_zengfu() -> None:
    flag = _one(2022, "final_account", ["机关运行经费支出50万元,比上年增加5万元,增幅为21.11%。"], "percentage_misstated")
    assert json.loads(flag["evidence"])["computed"] == 11.11


def test_a_verdict_against_the_initial_budget() -> None:
    flag = _one(2022, "final_account", ["年初预算为1,560.05万元,支出决算为1,511.89万元,完成年初预算的96.91%,"
                                        "决算数大于年初预算数的主要原因是人员减少。"], "comparison_wording_wrong")
    assert "实为减少" in flag["message"]


def test_a_completion_rate_printed_in_yuan() -> None:
    flag = _one(2022, "final_account", ["年初预算为156005元,支出决算为151189元,完成年初预算的69.91%。"],
                "percentage_misstated")
    assert json.loads(flag["evidence"])["kind"] == "完成率"


@pytest.mark.parametrize(("text", "kind"), [
    ("按功能分类科目,********支出2万元,********支出2.06万元。", "占位符"),
    ("本部门共有车辆【】辆。", "占位符"),
    ("“三公”经费财政拨款支出**万元。", "占位符"),
    ("xx局2022年度收入合计100万元。", "占位符"),
    ("【请据实填写本部门主要职能】", "填写说明"),
    ("收入增加/减少的主要原因是人员变动。", "未选定的选项"),
    ("决算数高于(低于)预算数的主要原因是人员变动。", "未选定的选项"),
    ("其中含单位 个,占单位总数的 %。", "未填的数字"),
    ("“三公”经费财政拨款支出为 万元。", "未填的数字"),
], ids=["stars", "empty-brackets", "double-star", "lower-xx", "bracket-instruction", "slash-choice", "paren-choice",
        "blank-percent", "blank-amount"])
def test_template_residue_as_other_templates_print_it(text: str, kind: str) -> None:
    flag = _one(2022, "final_account", [text], "template_residue")
    assert kind in flag["message"] and kind in {r["kind"] for r in json.loads(flag["evidence"])["residues"]}


def test_years_that_contradict_a_final_account() -> None:
    flag = _one(2022, "final_account", ["截至2021年12月31日,本部门共有车辆5辆。"], "year_inconsistent")
    assert "2021" in flag["message"] and "截至2022年末" in flag["message"]
    _one(2022, "final_account", ["与2022年度相比,收入支出总计减少56.95万元。"], "year_inconsistent")
    assert not year_problems(flat("与2022年初相比,资产总额增加12.5万元。"), False, 2022, "final_account")


def test_headings_of_other_years() -> None:
    assert year_problems(flat("二、2022年度部门决算情况说明"), True, 2023, "final_account")
    assert heading_year("十三、关于2022年度预算绩效情况的说明", 2023, "final_account")
    assert not heading_year("三、2024年重点工作安排", 2023, "final_account")  # next year's plans
    assert not heading_year("二、2022年度绩效自评结果", 2023, "budget")  # last year's results
    assert heading_year("(二)2022年重点工作。", 2023, "budget")


@pytest.mark.parametrize(("text", "rule_id", "said"), [
    ("资本性支出31500元,占项目支出预算6.71%,同比增加21500元,增长115%。", "percentage_misstated", "215.00%"),
    ("2025年收入总预算317.6万元,同比增加8.25万元,同比增长12.67%。", "percentage_misstated", "2.67%"),
    ("2025年“三公”经费预算总额为1969万元,较2024年的2190万元增加221万元,增长10.1%。", "comparison_wording_wrong", "实为减少"),
    ("2025年收入预算9628.22万元,比2025年预算增加793.14万元。", "year_inconsistent", "2024年（上年）"),
], ids=["share-of-part", "tongbi", "inline-prior", "budget-year"])
def test_planted_defects_in_budget_wording(text: str, rule_id: str, said: str) -> None:
    assert said in _one(2025, "budget", [text], rule_id)["message"]


def test_a_sentence_read_by_ocr_is_a_note_not_an_accusation() -> None:
    """No arithmetic proves a sentence OCR read: a misread digit must not accuse the document."""
    from fiscal.rules.engine import OCR_CAVEAT, ocr_pages
    from fiscal.schema import SCANNED_NOTE

    text = "2022年“三公”经费支出431万元,比上年累计支出433万元减少2万元,下降4.6%。"
    for note, severity in ((f"{SCANNED_NOTE}第6、7页经OCR识别（共 2 页）", "info"),
                           (f"{SCANNED_NOTE}第1、2、3……页经OCR识别（共 40 页）", "info"),
                           (f"{SCANNED_NOTE}第6、8页经OCR识别（共 2 页）", "error")):
        frames = _frames(2022, "final_account", [text])
        frames = Frames.of(documents=[{**_DOC, "year": 2022, "doc_kind": "final_account", "warnings": [note]}],
                           narrative=frames.narrative.to_dicts())
        flag = evaluate(frames, rules=["percentage_misstated"]).row(0, named=True)
        assert flag["severity"] == severity and flag["message"].endswith(OCR_CAVEAT) == (severity == "info"), note
    # the pages as the ingest writes them
    from ingest.ocr import note as ocr_note

    docs = pl.DataFrame({"doc_id": ["a", "b"], "warnings": [[ocr_note([1, 2, 5])], [ocr_note(list(range(1, 30)))]]})
    assert ocr_pages(docs) == {"a": frozenset({1, 2, 5}), "b": None}


def test_agency_names_as_other_offices_print_them() -> None:
    from fiscal.rules.disclosure import same_agency

    # an abbreviation, a unit of the department, the region left off
    assert same_agency("北京市海淀区教育委员会", "海淀区教委", "110108")
    assert same_agency("郴州市医疗保障局", "郴州市医疗保障事务中心", "431000")
    assert same_agency("上海市普陀区万里街道办事处", "万里街道", "310107")
    # another agency altogether
    assert not same_agency("郴州市医疗保障局", "郴州市卫生健康委员会", "431000")
    assert not same_agency("郴州市医疗保障局", "郴州市人力资源和社会保障局", "431000")
    assert not same_agency("江苏省人民检察院", "江苏省高级人民法院", "320000")


def test_a_completion_rate_against_the_verdict_on_it() -> None:
    flag = _one(2022, "final_account", ["完成年初预算的95.2%,决算数大于预算数的主要原因是人员减少。"], "comparison_wording_wrong")
    assert "95.2%" in flag["message"] and "决算数小于预算数" in flag["message"]
    # 100% is 99.5–100.5 %: a little over the budget may be printed so; a breakdown's verdict is its own
    for text in ("完成年初预算100%,决算数大于预算数55.93万元,主要原因是工资调标。", "完成年初预算的98%,决算数与预算数基本持平。",
                 "完成年初预算的90%;其中专项业务费决算数大于预算数。", "完成年初预算的90%,其中专项决算数大于预算数。"):
        assert not wording_checks(flat(text), None), text
    # stated once when the figures themselves say it
    flags = evaluate(_frames(2022, "final_account", ["年初预算为100.00万元,支出决算为95.20万元,完成年初预算的95.2%,"
                                                     "决算数大于预算数的主要原因是人员减少。"]), rules=PROSE_RULES)
    assert flags.height == 1, flags["message"].to_list()
