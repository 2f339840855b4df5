"""The 三公 parser's header reading on headers as text-position readers cut them (no PDF needed)."""

from __future__ import annotations

from ingest.parsers.sangong import column_map, item_of


def test_a_label_naming_two_items_names_no_column():
    """合计 and 因公出国（境）费 run together into one cell (a 三线表 read with the title in the header): the column is
    neither (the old reader took it for 因公出国 and stored the 合计's 28.80 as the 出国 figure)."""
    header = [["合计\n因公出国", "（境）费", "公务用车购置费", "公务用车运行费", "公务接待费"]]
    assert column_map(header, 5, "budget") == {2: ("budget", "vehicle_purchase"), 3: ("budget", "vehicle_operation"),
                                               4: ("budget", "reception")}


def test_counts_in_brackets_leave_the_line_its_items():
    """公务接待费（35批次，196人次）is the 公务接待费 line; 公务接待批次 and 公务用车保有量（辆）are counts."""
    assert item_of("3.公务接待费（35批次，196人次）") == "reception"
    assert item_of("（2）公务用车运行费（保有量2辆）") == "vehicle_operation"
    assert item_of("公务接待批次（批）") is None and item_of("公务用车保有量（辆）") is None
    assert item_of("公务用车购置及运行维护费") == "vehicle_total"
