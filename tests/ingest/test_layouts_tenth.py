"""A tenth round of layouts (samplegen/variants_tenth.py): statements printed in words where other offices print a
table — a 决算's 三公 figures in its 情况说明 or in a 注 under another table, a 自评结果汇总表 without a score column —
and empty tables explained (or not) by their own note or by a printed 无.

Each variant PDF, and a copy with its planted defect, is drawn once per session and ingested once with the real
pipeline; the planted defect, and nothing else, is flagged.
"""

from __future__ import annotations

from typing import Any

import pytest

from ingest.document import Outcome
from samplegen import variants_tenth as v
from tests.ingest.layouts import flags, ingested, ok

EMPTY_UNSAID = "为空表但未说明"


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _sangong(out: Outcome) -> dict[tuple[str, str], tuple[float, int, str]]:
    """(stage, item) → (amount, page, source) of the 三公 rows read, each read once."""
    rows = out.frames.get("sangong", [])
    got = {(r["stage"], r["item"]): (r["amount"], r["page"], r["source"]) for r in rows}
    assert len(got) == len(rows)
    assert all(r["reading"] == "complete" for r in rows)
    return got


def _unexplained(out: Outcome) -> list[str]:
    return [w for w in out.warnings if EMPTY_UNSAID in w]


def test_a_final_account_stating_its_三公_only_in_prose(outcomes):
    """No 三公 table: the 情况说明's “三公”经费财政拨款支出预算为 26.00 万元，支出决算为 21.39 万元 and its item-by-item
    statements become the 三公 rows (source prose, page of the statement), which the 三公 rules check like a
    table's; the broken copy states a 决算 total 0.60 above its items' sum."""
    out = ok(outcomes, "sangong_in_prose.pdf")
    assert out.meta.doc_kind == "final_account"
    assert _sangong(out) == {(stage, item): (pair[k], 2, "prose") for item, pair in v.SP_SANGONG.items()
                             for k, stage in enumerate(("budget", "actual"))}
    assert not flags(out, "sangong_sum_mismatch") and not flags(out, "sangong_over_budget")
    broken = ok(outcomes, v.broken_name("sangong_in_prose.pdf"))
    assert _sangong(broken)["actual", "total"] == (v.SP_BROKEN_TOTAL, 2, "prose")
    (message,) = flags(broken, "sangong_sum_mismatch")
    assert "21.99" in message and "= 21.39" in message and message.startswith("第2页")
    assert "情况说明所述“三公”经费" in message  # not a 三公 table: the document has none
    assert not flags(broken, "sangong_over_budget")


def test_a_final_account_stating_its_三公_in_a_note_under_another_table(outcomes):
    """注：本部门2024年度“三公”经费财政拨款支出预算为 6.50 万元，支出决算为 4.92 万元，其中：… under the 政府性基金
    table: the total's 预算 and 决算 and the items' 决算 are read; stated 4.50 (broken), the 决算 exceeds its budget."""
    out = ok(outcomes, "sangong_in_note.pdf")
    f = v.SN_SANGONG
    want: dict[tuple[str, str], Any] = {("budget", "total"): (f["total"][0], 2, "prose")}
    want |= {("actual", i): (f[i][1], 2, "prose") for i in ("total", "overseas", "vehicle_total", "reception")}
    assert _sangong(out) == want
    assert not flags(out, "sangong_sum_mismatch") and not flags(out, "sangong_over_budget")
    broken = ok(outcomes, v.broken_name("sangong_in_note.pdf"))
    (message,) = flags(broken, "sangong_over_budget")
    assert "决算 4.92 万元超过预算 4.50 万元" in message
    assert not flags(broken, "sangong_sum_mismatch")


@pytest.mark.parametrize("name", ["sangong_table_and_prose.pdf", v.broken_name("sangong_table_and_prose.pdf")])
def test_a_三公_table_wins_over_the_prose_stating_its_figures(outcomes, name):
    """With a 三公 table read, the prose adds no 三公 rows of its own (its statements are the narrative's, compared
    with the table), even where it states another total (the broken copy's 21.99)."""
    out = ok(outcomes, name)
    assert {source for _, _, source in _sangong(out).values()} == {"table"}
    assert _sangong(out)["actual", "total"][0] == v.SP_SANGONG["total"][1]
    assert not flags(out, "sangong_sum_mismatch")


def test_a_self_evaluation_list_without_a_score_column_scores_nothing(outcomes):
    """序号 | 项目名称 | 年度预算数 | 全年执行数 | 执行率 | 自评等级: every project read with its grade and no score — not
    a score of 0 (which would make every project look failed and hide the ones that score themselves high)."""
    out = ok(outcomes, "selfeval_list_no_scores.pdf")
    got = {p["project"]: (p["executed"], p["total_score"], p["grade"]) for p in out.frames["projects"]}
    assert got == {line[0]: (float(line[2]), None, line[5]) for line in v.SL_LINES}


def test_a_note_explains_only_the_empty_table_whose_subject_it_names(outcomes):
    """Two empty tables side by side, each under its own note (本部门2024年度无政府性基金预算财政拨款收支…): both
    explained; without the 国有资本经营 table's note (broken), the 政府性基金 note beside it does not explain it."""
    assert not _unexplained(ok(outcomes, "empty_notes_named.pdf"))
    (unsaid,) = _unexplained(ok(outcomes, v.broken_name("empty_notes_named.pdf")))
    assert unsaid.startswith("国有资本经营预算财政拨款支出决算表（第3页）")


def test_an_empty_table_printed_as_one_无_line_says_itself_there_is_nothing(outcomes):
    """政府性基金 and 国有资本经营 tables whose only line prints 无 in every cell, no note under them: the 无 is the
    table's own statement that it has nothing, as 本表无数据 under it would be — no missing 空表说明."""
    out = ok(outcomes, "empty_wu_only.pdf")
    assert not _unexplained(out)
    assert not [m for m in flags(out, "missing_tables") if "为空表" in m]
