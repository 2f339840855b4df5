"""Cell-level reading shared by the self-evaluation parsers (ingest/parsers/selfeval_cells.py): the rows a Word form
repeats at the top of every page are dropped, a second form of a project of the same name is not."""

from __future__ import annotations

from ingest.parsers.selfeval_cells import Form, drop_repeated_head

LABELS = ("项目名称", "主管部门")
NAME = ["项目名称", "甲项目", "甲项目", "甲项目"]
AGENCY = ["主管部门", "某局", "实施单位", "某局"]
FUNDS = ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数"]
IND = ["一级指标", "二级指标", "三级指标", "分值"]


def _form(rows: list[list[str]]) -> Form:
    return Form(rows, list(range(1, len(rows) + 1)), "项目支出绩效自评表", False)


def test_the_rows_repeated_on_every_page_are_dropped():
    rows = [NAME, AGENCY, FUNDS, IND, ["产出指标", "数量指标", "完成数", "10"], NAME, AGENCY,
            ["效益指标", "社会效益指标", "效果", "20"], ["总分", "", "", "100"]]
    got = drop_repeated_head(_form(rows), LABELS)
    assert got.rows == [NAME, AGENCY, FUNDS, IND, rows[4], rows[7], rows[8]]
    assert got.pages == [1, 2, 3, 4, 5, 8, 9]


def test_a_second_form_of_the_same_name_is_kept():
    """项目名称 | 甲项目 again followed by a funds block: the next form (split_forms splits it), not a repeat."""
    rows = [NAME, AGENCY, FUNDS, IND, ["总分", "", "", "100"], NAME, AGENCY, FUNDS, IND]
    assert drop_repeated_head(_form(rows), LABELS).rows == rows


def test_another_projects_name_is_no_repeat():
    other = ["项目名称", "乙项目", "乙项目", "乙项目"]
    rows = [NAME, AGENCY, FUNDS, IND, other, AGENCY, ["效益指标", "社会效益指标", "效果", "20"]]
    assert drop_repeated_head(_form(rows), LABELS).rows == rows
