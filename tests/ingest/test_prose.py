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
