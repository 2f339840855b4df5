"""Figures the prose states per 功能分类 项 (ingest/prose_items.py), on NFKC text as the narrative reader flattens it."""

from __future__ import annotations

from ingest.prose_items import item_statements


def test_a_heading_glued_before_the_class_name_is_not_part_of_it():
    """“（三）一般公共预算财政拨款支出决算具体情况” then, unnumbered, “卫生健康支出（类）…行政运行（项）。…支出决算为
    752.29万元”: the flat text runs the heading into the 类 name; the 类 is 卫生健康支出 (the old value named
    “预算财政拨款支出决算具体情况卫生健康支出”, and the flag quoted it so)."""
    text = ("(三)一般公共预算财政拨款支出决算具体情况卫生健康支出(类)医疗保障管理事务(款)行政运行(项)。"
            "年初预算为984.20万元,支出决算为752.29万元,完成年初预算的76.44%。")
    ((key, value, *_),) = item_statements(text, "final_account", 2022)
    assert (key, value) == ("item_actual", "|卫生健康支出|医疗保障管理事务|行政运行")


def test_a_class_named_without_its_last_word_keeps_its_printed_name():
    """社会保障和就业（类） (达州's, without 支出) is kept as printed; a name that is no national 类 too."""
    text = "1.社会保障和就业(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)2023年预算数为41.96万元。"
    ((key, value, *_),) = item_statements(text, "budget", 2023)
    assert (key, value) == ("item_planned", "|社会保障和就业|行政事业单位养老支出|机关事业单位基本养老保险缴费支出")
