"""The 三公 figures a budget's narrative states (ingest/prose.py)."""

from ingest.prose import sangong_from_prose

HEADING_AT_FOOT = "二、收支预算情况\n……\n九、一般公共预算“三公”经费预算情况说明\n"
FIGURES = ("2018年因公出国(境)费预算支出70.00万元，公务用车购置及运行费预算支出411.20万元，"
           "公务接待费预算支出27.00万元。\n")


def test_a_section_headed_at_the_foot_of_a_page_is_read_on_the_next():
    assert sangong_from_prose(["封面\n", HEADING_AT_FOOT, FIGURES]) == {
        "overseas": (70.0, 3), "vehicle_total": (411.2, 3), "reception": (27.0, 3)}


def test_figures_of_a_page_far_from_any_三公_heading_are_not_taken():
    far = HEADING_AT_FOOT + "十、政府采购情况\n" * 6
    assert sangong_from_prose([far, FIGURES]) == {}


# 郴州市医疗保障局 2022 年度部门决算 (seed 000), its 三公 section as printed
FINAL_ACCOUNT_SANGONG = (
    "七、财政拨款三公经费支出决算情况说明\n（一）“三公”经费财政拨款支出决算总体情况说明\n"
    "“三公”经费财政拨款支出预算为 9.00 万元，支出决算为 6.22 万元，完成预算的 69.11%，其中：\n"
    "因公出国（境）费支出预算为 0.00 万元，支出决算为 0.00 万元，由于预算数为 0，无法计算百分比。\n"
    "公务接待费支出预算为 5.00 万元，支出决算为 2.22 万元，完成预算的 44.40%，与上年相比减少 1.06 万元。\n"
    "公务用车购置费及运行维护费支出预算为 4.00 万元，支出决算为 4.00 万元，完成预算的 100.00%。\n"
    "公务用车购置费支出预算为 0.00 万元，支出决算为 0.00 万元。\n"
    "公务用车运行维护费支出预算为 4.00 万元，支出决算为 4.00 万元，完成预算的 100.00%。\n")


def _stated(doc_kind: str, table_rows: list[dict], text: str = FINAL_ACCOUNT_SANGONG
            ) -> list[tuple[str, str, float, int, str]]:
    from ingest import narrative
    from ingest.model import DocMeta, ParseResult
    from ingest.prose import stated_sangong

    doc = DocMeta("d", "431000", "湖南省郴州市", "湖南省", "郴州市", "chenzhou_yibao", "郴州市医疗保障局", 2022,
                  doc_kind, "department", "x.pdf")
    result = ParseResult()
    result.add("sangong", table_rows)
    result.add("summary", [{**doc.common(3), "item": "grand_total", "amount": 1000.0}])  # a table was read
    narrative.parse(["郴州市医疗保障局2022年度部门决算\n", text], doc, result)
    stated_sangong(doc, result)
    return [(r["stage"], r["item"], r["amount"], r["page"], r.get("source", "table")) for r in result.frames["sangong"]]


def test_a_final_account_stating_its_三公_only_in_prose_gets_them_as_三公_rows():
    """Each stated 预算 and 决算 becomes a 三公 row of its stage (source prose, page of the statement): the 三公 rules
    then check 合计 against its items and 决算 against 预算 as they do a table's."""
    got = _stated("final_account", [])
    assert sorted(got) == sorted(
        [("budget", i, b, 2, "prose") for i, b in (("total", 9.0), ("overseas", 0.0), ("reception", 5.0),
                                                  ("vehicle_total", 4.0), ("vehicle_purchase", 0.0),
                                                  ("vehicle_operation", 4.0))]
        + [("actual", i, a, 2, "prose") for i, a in (("total", 6.22), ("overseas", 0.0), ("reception", 2.22),
                                                    ("vehicle_total", 4.0), ("vehicle_purchase", 0.0),
                                                    ("vehicle_operation", 4.0))])


def test_a_三公_table_wins_over_the_prose_and_a_budget_is_read_by_its_own_patterns():
    table = [{"stage": "actual", "item": "total", "amount": 6.22, "page": 9}]
    assert _stated("final_account", table) == [("actual", "total", 6.22, 9, "table")]
    assert _stated("budget", []) == []  # a budget's prose 三公 rows come from parse (its own wording)


def test_figures_a_final_account_states_without_the_word_决算_are_its_决算():
    """“三公”经费支出 12.50 万元，其中：… in a 决算: the bare figures are the year's actual spending, the vehicles'
    own 其中 included."""
    text = ("2022年度“三公”经费支出 12.50 万元，其中：因公出国（境）费 0 万元，公务用车购置及运行维护费 8.30 万元（其中："
            "公务用车购置费 0 万元，公务用车运行维护费 8.30 万元），公务接待费 4.20 万元。")
    assert _stated("final_account", [], text) == [
        ("actual", item, amount, 2, "prose") for item, amount in (
            ("total", 12.5), ("overseas", 0.0), ("vehicle_total", 8.3), ("vehicle_purchase", 0.0),
            ("vehicle_operation", 8.3), ("reception", 4.2))]
