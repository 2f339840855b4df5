"""ingest/extract.py helpers that need no PDF: a page's words cut into one region per table."""

from __future__ import annotations

from typing import Any

from ingest.extract import _has_figures, words_to_grid
from ingest.regions import regions, unfuse


def _line(top: float, *cells: tuple[float, str]) -> list[dict[str, Any]]:
    return [{"text": t, "x0": x, "x1": x + 12 * len(t), "top": top, "bottom": top + 10} for x, t in cells]


def test_a_page_of_titled_tables_is_cut_at_each_title_preamble_left_out():
    words = (_line(50, (200, "政府性基金预算支出表")) + _line(65, (500, "公开07表"))
             + _line(80, (40, "部门：某局"), (480, "金额单位：万元")) + _line(95, (40, "科目编码"), (200, "合计"))
             + _line(110, (40, "本部门无政府性基金预算支出，故本表为空表。"))
             + _line(200, (180, "一般公共预算“三公”经费支出表")) + _line(215, (40, "部门：某局"))
             + _line(230, (40, "合计"), (120, "因公出国（境）费"), (300, "公务接待费"))
             + _line(245, (40, "12.60"), (120, "0.00"), (300, "4.60")))
    first, second = regions(words)
    assert [w["text"] for w in first] == ["科目编码", "合计", "本部门无政府性基金预算支出，故本表为空表。"]
    assert words_to_grid(second, trim_top=False) == [["合计", "因公出国（境）费", "公务接待费"],
                                                     ["12.60", "0.00", "4.60"]]


def test_a_header_printed_again_after_figures_starts_the_next_region():
    header = ((40, "项目"), (200, "预算数"))
    words = (_line(40, (200, "收入支出预算总表")) + _line(55, (200, "财政拨款收支总表")) + _line(80, *header)
             + _line(95, (40, "合计"), (200, "5.00")) + _line(110, *header) + _line(125, (40, "合计"), (200, "7.00")))
    assert [[w["text"] for w in p] for p in regions(words)] == [["项目", "预算数", "合计", "5.00"],
                                                               ["项目", "预算数", "合计", "7.00"]]


def test_one_amount_column_is_a_table_a_sentence_is_not():
    assert _has_figures([["项目", "行次", "金额"], ["事业收入", "1", "35.50"], ["其他收入", "2", "2.15"],
                         ["本年收入合计", "3", "37.65"]])
    assert not _has_figures([["本年收入37.65万元，比上年增加2.15万元。"], ["其中事业收入35.50万元。"],
                             ["其他收入2.15万元。"]])


def test_a_figure_and_the_next_label_in_one_cell_are_cut_apart():
    grid = [["项目", "决算数\n项目", "", "决算数"],
            ["一、一般公共预算财政拨款收入", "640.25 一、一般公共服务支出", "", "560.30"],
            ["", "五、住房保障支出", "", "26.06"],
            ["合计", "", "", "14.20 公务用车购置及运行费", "", "8.00"]]
    got = unfuse(grid)
    assert got[1] == ["一、一般公共预算财政拨款收入", "640.25", "一、一般公共服务支出", "560.30"]
    assert got[2] == ["", "", "五、住房保障支出", "26.06"]  # a label alone follows its column's labels
    assert got[3] == ["合计", "", "14.20", "公务用车购置及运行费", "", "8.00"]
