"""A flag's evidence as the flags page shows it (pages/_evidence.py): no raw ids, codes or JSON, years as years,
rates printed in points as percentages, and in English mode the rules' own words in English."""

from __future__ import annotations

import json

import pytest
import streamlit as st

from pages._evidence import evidence_items

NAMES = {"a2bdf08fc57dbadf5d51c99c2f0a3ec961dd6e70cb78dc3fd79ffe39e6417737": "wanli_2022_final.pdf"}


@pytest.fixture(params=["zh", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    st.session_state["lang"] = request.param
    yield request.param
    st.session_state["lang"] = "zh"


def _shown(rule: str, evidence: dict) -> dict[str, str]:
    return dict(evidence_items(json.dumps(evidence, ensure_ascii=False), rule, NAMES) or [])


def test_a_previous_document_is_named_by_its_file_and_a_year_has_no_separator(lang: str) -> None:
    got = _shown("sangong_yoy_increase", {"series": "actual", "previous_year": 2022, "growth": 0.43,
                                          "previous_doc_id": next(iter(NAMES))})
    assert "wanli_2022_final.pdf" in got.values() and "2022" in got.values()
    assert ("决算数" if lang == "zh" else "Actual") in got.values() and "43.0%" in got.values()


def test_a_misstated_percentage_is_shown_in_percent_and_its_kind_in_the_readers_language(lang: str) -> None:
    got = _shown("percentage_misstated", {"kind": "增长率", "printed": 17.62, "computed": -91.11,
                                          "figures": {"上年": 43269.3, "本年": 3845.49}})
    assert "17.62%" in got.values() and "-91.11%" in got.values()
    assert ("增长率" if lang == "zh" else "growth rate") in got.values()
    assert ("上年 43,269.30；本年 3,845.49" if lang == "zh" else "Previous year 43,269.30; This year 3,845.49") \
        in got.values()


def test_lists_of_checks_read_as_sentences_and_line_keys_as_paths(lang: str) -> None:
    got = _shown("narrative_table_mismatch", {
        "key": "item_planned", "item": "2080506|社会保障和就业支出|行政事业单位养老支出|",
        "figures": [{"figure": "年度预算", "narrative": 20.0, "table": 25.0}], "table_name": "expenditure"})
    text = " ".join(got.values())
    assert "{" not in text and "|" not in text and "item_planned" not in text and "expenditure" not in text
    assert "社会保障和就业支出 › 行政事业单位养老支出" in text
    assert ("预算安排数" if lang == "zh" else "Amount planned") in got.values()


def test_a_key_that_means_something_else_in_one_rule_is_named_for_it(lang: str) -> None:
    got = _shown("comparison_wording_wrong", {"word": "增加", "labels": ["上年", "本年"], "actual": "减少"})
    assert got[("实际关系" if lang == "zh" else "Actual relation")] == ("减少" if lang == "zh" else "decrease")
    assert got["用语" if lang == "zh" else "Wording"] == "增加"  # the word the document prints, as printed
    assert "决算数" not in got and "Actual" not in got


def test_english_evidence_of_a_year_contradiction_keeps_only_the_quotation_in_chinese() -> None:
    st.session_state["lang"] = "en"
    try:
        got = _shown("year_inconsistent", {"document_year": 2026, "expected": "2025年（上年）",
                                            "what": "比较“与2026年预算持平”", "direction": "high"})
    finally:
        st.session_state["lang"] = "zh"
    assert got["Expected"] == "2025 (the previous year)" and got["Document year"] == "2026"
    assert got["Where"] == "comparison “与2026年预算持平”" and got["Direction"] == "above the fence"


def test_several_checks_take_a_row_each(lang: str) -> None:
    checks = [{"check": "收入表（合计）合计与各类之和", "total": 2946.25, "sum_of_parts": 2946.26},
              {"check": "支出表（合计）合计与各类之和", "total": 2940.05, "sum_of_parts": 2940.06}]
    got = _shown("totals_mismatch", {"checks": checks})
    assert len(got) == 2 and all("2,94" in v for v in got.values())
    assert list(got)[0].endswith(" 1") and list(got)[1].endswith(" 2")
