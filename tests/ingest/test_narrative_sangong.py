"""ingest.narrative.sangong: the 三公 figures the prose states, and the economic lines of other totals that share
their names (公用经费 / 机关运行经费 …主要包括…公务接待费 X万元), which are not them."""

from __future__ import annotations

from ingest import narrative
from ingest.model import DocMeta


def meta() -> DocMeta:
    return DocMeta("d", "431000", "湖南省郴州市", "湖南省", "郴州市", "yibao", "郴州市医疗保障局", 2022, "final_account",
                   "department", "d.pdf")


def sangong(*pages: str) -> dict[str, float]:
    return {r["key"]: r["amount"] for r in narrative.sangong(narrative._document_text(list(pages)), meta())}


# 郴州 2022 决算: the 基本支出 table prints 公务接待费 0.78 (30217) and 公务用车运行维护费 4.00 (30231); the 三公 table
# 公务接待费 2.22 (all funds, the project's too)
PUBLIC = ("2022年度一般公共预算财政拨款基本支出970.13万元，其中：人员经费872.14万元；公用经费97.99万元，主要包括办公费"
          "7.66万元、公务接待费0.78万元、公务用车运行维护费4.00万元。")
SANGONG = ("2022年度“三公”经费财政拨款支出决算为6.22万元。其中：公务用车购置及运行维护费4.00万元，较上年增加1.06万元；"
           "公务接待费2.22万元，较上年减少1.06万元。")


def test_a_public_expenditure_line_named_like_a_three_public_item_is_not_read_as_it():
    """公用经费…公务接待费0.78万元 before the 三公 paragraph: the 三公 公务接待费 is 2.22 (the old reader took the first
    mention, 0.78, and narrative_table_mismatch accused the prose of 0.78 against the table's 2.22)."""
    got = sangong(PUBLIC, SANGONG)
    assert got["sangong_reception_actual"] == 2.22
    assert "sangong_vehicle_operation_actual" not in got  # only the 公用经费 line names it: nothing said of the 三公


def test_running_costs_listed_by_line_are_not_the_three_public_figures():
    """机关运行经费…主要用于…公务用车运行维护费3.50万元 (the 基本支出's line; the 三公 table's 4.00 has the project's
    too): not read as the 三公 公务用车运行维护费."""
    got = sangong("2022年度本部门机关运行经费支出97.99万元，比上年增加7.99万元，主要用于办公费7.66万元、"
                  "公务用车运行维护费3.50万元。")
    assert got == {}


def test_a_three_public_sentence_naming_those_lines_is_still_read():
    """A sentence that turns to the 三公 keeps its items (基本支出 is no other total here), the 三公 total always."""
    got = sangong("“三公”经费财政拨款支出决算中，基本支出安排的公务接待费2.22万元，公务用车运行维护费4.00万元。")
    assert got == {"sangong_reception_actual": 2.22, "sangong_vehicle_operation_actual": 4.0}
    got = sangong("公用经费97.99万元，主要包括办公费7.66万元、公务接待费0.78万元；“三公”经费财政拨款支出决算为6.22万元，"
                  "其中：公务接待费2.22万元。")
    assert got == {"sangong_total_actual": 6.22, "sangong_reception_actual": 2.22}
