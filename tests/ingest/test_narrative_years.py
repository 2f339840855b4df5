"""ingest.narrative stores the figure a sentence gives this year when it states an earlier year's beside it
(“公务接待费上年决算数为3.28万元，本年决算数为2.22万元”): the shapes of the 郴州 2022 决算 seed, with last year's
figure put first, and the rule then compares the stored figure as it is."""

from __future__ import annotations

import pytest

from fiscal.rules import Frames, evaluate
from ingest import narrative
from ingest.model import DocMeta

DOC = DocMeta("fa", "431000", "湖南省郴州市", "湖南省", "郴州市", "yibao-e3fe9a", "郴州市医疗保障局", 2022, "final_account",
              "department", "fa.pdf")


def stored(*pages: str) -> dict[str, float]:
    flat = narrative._document_text(["郴州市医疗保障局2022年度部门决算", *pages])
    rows = narrative.figures(flat, DOC) + narrative.sangong(flat, DOC) + narrative.item_rows(flat, DOC)
    return {r["key"]: r["amount"] for r in rows}


@pytest.mark.parametrize(("page", "key", "want"), [
    ("公务接待费上年决算数为3.28万元，本年决算数为2.22万元。", "sangong_reception_actual", 2.22),
    ("公务接待费2021年决算数为3.28万元，2022年决算数为2.22万元。", "sangong_reception_actual", 2.22),
    # the seed's own shape: this year's figure, then a change over last year — stored as read
    ("公务接待费支出预算为 5.00 万元，支出决算为 2.22 万元，完成预算的 44.40%，与上年相比减少 1.06 万元，下降 32.32%。",
     "sangong_reception_actual", 2.22),
    ("上年基本支出决算数为 1260.51 万元，本年基本支出决算数为 1182.24 万元。", "basic_total", 1182.24),
    ("一般公共服务支出（类）财政事务（款）行政运行（项）。2021年支出决算为 1480.00 万元，2022年支出决算为 1511.89 万元。",
     "item_actual", 1511.89),
])
def test_this_years_figure_is_stored(page, key, want):
    assert stored(page)[key] == want


def test_a_sentence_stating_only_last_years_figure_leaves_it_to_a_later_statement():
    """The first statement gives last year's only; the figure of this year stated later is the one stored."""
    got = stored("公务接待费上年决算数为3.28万元。", "3、公务接待费支出决算为2.22万元。")
    assert got["sangong_reception_actual"] == 2.22
    assert "sangong_reception_actual" not in stored("公务接待费上年决算数为3.28万元。")


def test_the_rule_compares_the_stored_figure():
    flat = narrative._document_text(["封面", "公务接待费上年决算数为3.28万元，本年决算数为2.22万元。"])
    nar = narrative.sangong(flat, DOC)
    docs = [{**DOC.common(1), "doc_kind": "final_account", "scope": "department"}]
    sg = [{**DOC.common(20), "stage": "actual", "item": "reception", "amount": 2.22, "source": "table"}]
    assert evaluate(Frames.of(documents=docs, narrative=nar, sangong=sg), rules=["narrative_table_mismatch"]).is_empty()
    sg[0]["amount"] = 2.52  # this year's figure against a table that differs: an error
    flags = evaluate(Frames.of(documents=docs, narrative=nar, sangong=sg), rules=["narrative_table_mismatch"])
    assert flags["severity"].to_list() == ["error"] and "2.22" in flags["message"][0]


@pytest.mark.parametrize(("page", "want"), [
    ("本年收入合计1,467.89万元，其中：财政拨款收入1,467.16万元，占99.95%。", 1467.16),
    ("上年财政拨款收入1,444.04万元，本年财政拨款收入1,467.16万元。", 1467.16),
    ("2022年度财政拨款收入决算数为14,671,600.00元。", 1467.16),
    # one fund's 财政拨款收入, a total with the balances, a 决算's budget: not the 财政拨款收入 the rule compares
    ("一般公共预算财政拨款收入1,467.16万元，政府性基金预算财政拨款收入0万元。", None),
    ("财政拨款收入支出总计1,467.16万元。", None),
    ("财政拨款收入预算数1,500.00万元。", None),
])
def test_fiscal_income_is_the_three_funds_figure_of_this_year(page, want):
    """财政拨款收入 (fiscal_income_total, compared with the 财政拨款收入支出总表's 本年收入合计)."""
    assert stored(page).get("fiscal_income_total") == want
