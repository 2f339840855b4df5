"""fiscal.rules.prose_years: the figure a sentence gives this year, when it states last year's beside it.

The sentences are the shapes the seeds and the real disclosures print (郴州 2022 决算 seed, 普陀区司法局 2026 预算,
普陀区万里街道 2023 预算), or those shapes with last year's 决算 put first."""

from __future__ import annotations

import pytest

from fiscal.rules import Frames, evaluate
from fiscal.rules.prose_years import figures_by_year, this_year

CHENZHOU = {"region_code": "431000", "region": "湖南省郴州市", "agency_id": "yibao-e3fe9a", "agency": "郴州市医疗保障局",
            "year": 2022}


@pytest.mark.parametrize(("text", "read", "year", "want"), [
    # last year's 决算 first: this year's is the one its words give this year
    ("公务接待费上年决算数为3.28万元，本年决算数为2.22万元。", 3.28, 2022, 2.22),
    ("公务接待费2021年决算数为3.28万元，2022年决算数为2.22万元。", 3.28, 2022, 2.22),
    ("公务接待费上年决算数3.28万元，决算数2.22万元。", 3.28, 2022, 2.22),
    # 郴州 2022 决算 (seed 000): 上年决算数 after this year's figure
    ("本部门 2022 年机关运行经费支出 97.99 万元，上年决算数 113.73 万元，比年初预算减少 15.74 万元，减少 13.84%。",
     113.73, 2022, 97.99),
    # a figure its words give this year, or no year, stays as read (郴州 seed: the change is no year's figure)
    ("公务接待费支出预算为 5.00 万元，支出决算为 2.22 万元，完成预算的 44.40%，与上年相比减少 1.06 万元，下降 32.32%。",
     2.22, 2022, 2.22),
    # 普陀区司法局 2026 预算: “2025年当年” is 2025's, not this year's
    ("2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%。", 43269.3, 2026,
     3845.49),
    ("2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%。", 3845.49, 2026,
     3845.49),
    # only last year's figure: nothing of this year to compare
    ("上年决算数为3.28万元。", 3.28, 2022, None),
])
def test_the_figure_the_sentence_gives_this_year(text, read, year, want):
    assert this_year(text, read, year) == want


def test_a_change_between_years_is_no_years_figure():
    got = figures_by_year("比上年决算数增加1.06万元，本年决算数为2.22万元。", 2022)
    assert got == [(2.22, 2022, "本年决算数为")]


def test_last_years_figure_printed_with_yuan_is_no_unit_slip():
    """A sentence naming a 三公 item again with 元 (郴州 seed: “2、公务接待费支出决算为 2.22 元”) is a unit slip; the same
    figure given to last year (“公务接待费上年决算数2.22元”) is last year's, not this year's restated."""
    base = {**CHENZHOU, "doc_id": "fa"}
    docs = [{**base, "page": 1, "doc_kind": "final_account", "scope": "department"}]
    sg = [{**base, "page": 20, "stage": "actual", "item": "reception", "amount": 2.22, "source": "table"}]
    stated = {**base, "page": 23, "key": "sangong_reception_actual", "text": "公务接待费支出决算为 2.22 万元。",
              "amount": 2.22, "unit": "万元"}

    def flags(sentence: str) -> list[str]:
        nar = [stated, {**base, "page": 24, "key": "sentence", "text": sentence}]
        return evaluate(Frames.of(documents=docs, narrative=nar, sangong=sg), rules=["unit_mismatch"])["message"].to_list()

    assert len(flags("2、公务接待费支出决算为 2.22 元，全年")) == 1
    assert flags("公务接待费上年决算数2.22元，本年持平。") == []
