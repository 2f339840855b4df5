"""A self-evaluation form's 年度资金总额 and its 其中 lines (ingest/parsers/selfeval_funds.py): the lines stored per kind
and column, and a total off its lines judged only when every line was read.

On the real 郴州 sample three forms print a 年初预算数 off their 当年财政拨款 line (p64 16 over 16.4, p65 500 over 443,
p67 4069 over 4052.66; read by hand with pdfplumber and pdftotext, accuracy/truth/chenzhou_2022_final_a.toml): their
lines are stored, a second reader reads the same figures, the forms stay `complete` and totals_mismatch names them;
the other forms' totals are their lines' sums and raise nothing. Hand-made forms show each way a line can be misread
(a label wrapped away from its figures, two numbers in one cell, a line that is none between the lines, a line of a
kind not known): the lines are not stored and the mismatch is a reading note, never a finding; a line's breakdown
(其中：一般公共预算 under 财政拨款) is not counted again.
"""

from __future__ import annotations

import polars as pl
import pytest
from lakeview import rows_of

from fiscal.rules import Frames, evaluate
from ingest.model import DocMeta, ParseResult, RawTable
from ingest.parsers import performance
from ingest.parsers.selfeval_cells import Form
from ingest.parsers.selfeval_funds import fund_lines, kind_of, label_lines

CHENZHOU = "chenzhou_2022_final_a.pdf"
COLS = {"budget_initial": 2, "budget_full_year": 3, "executed": 4}
HEAD = ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
GOALS = ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""]
TOTALS = ("年度资金总额", "总额", "合计")


def _funds(total: list[str], *lines: list[str], factor: float = 1.0) -> tuple[dict[str, float], list]:
    """fund_lines of a funds block: the header, the 年度资金总额 line (its three amounts), the lines (label,
    three amounts), then the goals."""
    rows = [HEAD, ["", "年度资金总额", *total, "10", "90%", "9"]]
    rows += [["", label, *figures, "", "", ""] for label, *figures in lines] + [GOALS]
    return fund_lines(Form(rows, [5] * len(rows), "项目支出绩效自评表", False, factor=factor), (0, 1), COLS, TOTALS,
                      "某项目")


@pytest.mark.parametrize(("label", "kind"), [
    ("其中:当年财政拨款", "fiscal"), ("其中:财政资金", "fiscal"), ("上年结转资金", "carried_over"),
    ("上年财政拨款结转", "carried_over"), ("其他资金", "other"), ("单位资金", "other"), ("财政专户管理资金", "other"),
    ("中央补助资金", "source"), ("一般公共预算", "source"), ("地方资金", "source"), ("纳入专户管理的非税收入拨款", "other"),
    ("社会捐赠资金", None)])
def test_the_kind_of_a_fund_line(label, kind):
    assert kind_of(label) == kind


def test_lines_summing_to_their_total_are_stored_by_kind():
    lines, failures = _funds(["150", "150", "142.5"], ["其中：当年财政拨款", "120", "118", "112.1"],
                             ["上年结转资金", "", "", ""], ["其他资金", "30", "32", "30.4"])
    assert failures == []
    assert lines == {"budget_initial_fiscal": 120, "budget_full_year_fiscal": 118, "executed_fiscal": 112.1,
                     "budget_initial_other": 30, "budget_full_year_other": 32, "executed_other": 30.4}


def test_a_total_off_its_lines_is_judged_when_every_line_was_read():
    lines, (failure,) = _funds(["500", "443", "443"], ["其中：当年财政拨款", "443", "443", "443"],
                               ["上年结转资金", "", "", ""], ["其他资金", "", "", ""])
    assert lines["budget_initial_fiscal"] == 443
    assert (failure.total, failure.parts, failure.judged) == (500, 443, True)
    assert failure.name == "某项目（第5页）年初预算数列 年度资金总额与其中各项之和"


def test_a_yuan_form_stores_its_lines_in_wan():
    lines, failures = _funds(["1,500,000", "1,500,000", "1,425,000"], ["其中：财政拨款", "1,500,000", "1,500,000",
                                                                        "1,425,000"], factor=0.0001)
    assert failures == [] and lines["executed_fiscal"] == 142.5


@pytest.mark.parametrize("lines", [
    # the 其他资金 label wrapped onto a line of its own: its figures stand on a line with no label
    (["其中：当年财政拨款", "120", "118", "112.1"], ["", "30", "32", "30.4"], ["其他资金", "", "", ""]),
    # two figures in one cell (the line under it read into it)
    (["其中：当年财政拨款", "120 30", "118", "112.1"], ["其他资金", "30", "32", "30.4"]),
    # a line that is no fund line between the lines: the line after it is not among the parts read
    (["其中：当年财政拨款", "120", "118", "112.1"], ["预算执行情况", "", "", ""], ["其他资金", "30", "32", "30.4"]),
    # a line of a kind not known
    (["其中：当年财政拨款", "120", "118", "112.1"], ["社会捐赠资金", "20", "22", "20.4"]),
])
def test_a_line_not_read_stores_no_lines_and_judges_nothing(lines):
    """Every way the lines can be misread: the total looks off its lines, but nothing is stored and the failure is
    not judged (the form reads `partial`: a reading note, never a finding)."""
    stored, failures = _funds(["150", "150", "142.5"], *lines)
    assert stored == {}
    assert failures and not any(f.judged for f in failures)


@pytest.mark.parametrize("lines", [
    # 财政拨款 broken down by budget under it, 其中 or not
    (["其中：当年财政拨款", "120", "118", "112.1"], ["其中：一般公共预算", "100", "100", "95"],
     ["政府性基金", "20", "18", "17.1"], ["上年结转资金", "", "", ""], ["其他资金", "30", "32", "30.4"]),
    (["其中：财政拨款", "120", "118", "112.1"], ["一般公共预算", "120", "118", "112.1"], ["其他资金", "30", "32", "30.4"]),
    # 财政资金 broken down by level of government
    (["其中：财政资金", "120", "118", "112.1"], ["其中：中央财政资金", "80", "78", "74"], ["省级财政资金", "40", "40", "38.1"],
     ["其他资金", "30", "32", "30.4"]),
])
def test_a_breakdown_of_a_line_is_not_counted_again(lines):
    stored, failures = _funds(["150", "150", "142.5"], *lines)
    assert failures == []
    assert (stored["budget_initial_fiscal"], stored["executed_other"]) == (120, 30.4)


def test_lines_by_level_of_government_are_fiscal_money():
    """中央 | 省级 | 市县 lines one after another (no 财政拨款 line above them) are the total's parts."""
    stored, failures = _funds(["150", "150", "142.5"], ["其中：中央资金", "90", "90", "85.5"],
                              ["省级资金", "40", "40", "38"], ["市县资金", "20", "20", "19"])
    assert failures == [] and stored == {"budget_initial_fiscal": 150, "budget_full_year_fiscal": 150,
                                         "executed_fiscal": 142.5}


def test_lines_left_zero_or_a_total_printed_zero():
    """Lines printing only zeros are a template left unfilled (no check); a total printed 0 over lines carrying money
    is never judged (the form reads `partial`, as a missed total line would)."""
    stored, failures = _funds(["150", "150", "142.5"], ["其中：当年财政拨款", "0", "0", "0"])
    assert failures == [] and stored["budget_initial_fiscal"] == 0
    _stored, failures = _funds(["0", "0", "0"], ["其中：当年财政拨款", "150", "150", "142.5"])
    assert len(failures) == 3 and not any(f.judged for f in failures)


def test_a_parsed_form_carries_its_lines():
    rows = [["项目名称", "某项目", "", "", "", "", "", ""], HEAD,
            ["", "年度资金总额", "16", "16.4", "12.8", "10", "78.05%", "7.8"],
            ["", "其中：当年财政拨款", "16.4", "16.4", "12.8", "", "", ""], ["", "上年结转资金", "", "", "", "", "", ""],
            GOALS, ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
            ["产出指标", "数量指标", "补贴人数", "≤27人", "≤27人", "90", "90", ""],
            ["总分", "", "", "", "", "100", "97.8", ""]]
    result = ParseResult()
    doc = DocMeta("d", "431000", "湖南省", "郴州市", None, "a", "郴州市医疗保障局", 2022, "performance_report",
                  "department", "x.pdf")
    performance.parse(RawTable("project_selfeval", "项目支出绩效自评表", [5], [], rows, [5] * len(rows)), doc, result)
    (p,) = result.frames["projects"]
    assert (p["budget_initial"], p["budget_initial_fiscal"], p["executed_fiscal"]) == (16, 16.4, 12.8)
    (failure,) = result.failures
    assert failure.judged and (failure.total, failure.parts) == (16, 16.4)


def _total_last(*lines: list[str]) -> tuple[dict, list]:
    """A form printing its lines first and their 合计 last (资金来源 | 财政拨款 | 上年结转 | 其他资金 | 合计)."""
    head = ["项目资金（万元）", "资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    rows = [["项目名称", "某项目", "", "", "", "", "", ""], head,
            *[["", label, *figures, "", "", ""] for label, *figures in lines],
            GOALS, ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
            ["产出指标", "数量指标", "补贴人数", "≥27人", "27人", "90", "90", ""], ["总分", "", "", "", "", "100", "97", ""]]
    rows[2 + len(lines) - 1][5:8] = ["10", "70.00%", "7"]  # the 合计 line carries the execution's score
    result = ParseResult()
    doc = DocMeta("d", "370000", "山东省", None, None, "a", "某局", 2023, "performance_report", "department", "x.pdf")
    performance.parse(RawTable("project_selfeval", "项目支出绩效自评表", [5], [], rows, [5] * len(rows)), doc, result)
    (p,) = result.frames["projects"]
    return p, result.failures


def test_lines_above_a_total_printed_last():
    """财政拨款 | 上年结转 | 其他资金 then 合计: the lines above the total are its parts (they were not read at all: only
    lines under a total were looked for); off their total, the failure is judged like any other."""
    p, failures = _total_last(["财政拨款", "80", "80", "56"], ["上年结转", "", "", ""], ["其他资金", "20", "20", "14"],
                              ["合计", "100", "100", "70"])
    assert failures == []
    assert (p["budget_initial"], p["budget_initial_fiscal"], p["executed_other"], p["exec_weight"]) == (100, 80, 14, 10)
    p, (failure,) = _total_last(["财政拨款", "80", "80", "56"], ["其他资金", "10", "20", "14"], ["合计", "100", "100", "70"])
    assert failure.judged and (failure.total, failure.parts) == (100, 90)


def test_a_total_printed_last_under_lines_not_all_fund_lines_is_not_judged():
    """A line above the 合计 that is no fund line (按支出性质分): the lines are not taken as its parts."""
    p, failures = _total_last(["财政拨款", "80", "80", "56"], ["基本支出", "10", "10", "7"], ["合计", "100", "100", "70"])
    assert failures == [] and p.get("budget_initial_fiscal") is None


def _kind_columns(kinds: list[str], figures: dict[str, tuple[str, str, str]]) -> tuple[dict, list]:
    """A landscape form whose 年初预算数 | 全年预算数 | 全年执行数 headings are each merged over the `kinds` columns,
    the 年度资金总额 line printing `figures` (kind → its three amounts)."""
    n = len(kinds)
    head = ["项目资金（万元）", "", *[w for w in ("年初预算数", "全年预算数", "全年执行数") for _ in range(n)],
            "执行率", "分值", "得分"]
    line = ["", "年度资金总额", *[figures.get(k, ("", "", ""))[c] for c in range(3) for k in kinds], "90.00%", "10", "9"]
    width = len(head)
    rows = [["项目名称", "某项目", *[""] * (width - 2)], head, ["", "", *kinds * 3, "", "", ""], line,
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", *[""] * (width - 7)],
            ["产出指标", "数量指标", "完成数", "≥1个", "1个", "90", "90", *[""] * (width - 7)],
            ["总分", "", "", "", "", "100", "99", *[""] * (width - 7)]]
    result = ParseResult()
    doc = DocMeta("d", "450000", "广西", None, None, "a", "某局", 2023, "performance_report", "department", "x.pdf")
    performance.parse(RawTable("project_selfeval", "项目支出绩效自评表", [5], [], rows, [5] * len(rows)), doc, result)
    (p,) = result.frames["projects"]
    return p, result.failures


FIGURES = {"合计": ("150", "150", "135"), "财政拨款": ("120", "125", "112.5"), "上年结转": ("", "5", "4.5"),
           "其他资金": ("30", "20", "18")}


@pytest.mark.parametrize("kinds", [["合计", "财政拨款", "上年结转", "其他资金"], ["财政拨款", "上年结转", "其他资金", "合计"]])
def test_fund_kinds_as_columns(kinds):
    """年初预算数 merged over 财政拨款 | 上年结转 | 其他资金 | 合计: the 合计 column is the budget (with the 合计 last, the
    财政拨款 column was read as the whole budget) and each kind's column its line."""
    p, failures = _kind_columns(kinds, FIGURES)
    assert failures == []
    assert (p["budget_initial"], p["budget_full_year"], p["executed"]) == (150, 150, 135)
    assert (p["budget_initial_fiscal"], p.get("budget_initial_carried_over"), p["budget_full_year_carried_over"],
            p["executed_other"]) == (120, None, 5, 18)


def test_fund_kind_columns_off_their_total_and_without_one():
    """A 合计 column off its kinds is judged like a total off its lines; no 合计 column: the kinds sum to the amount."""
    _p, (failure,) = _kind_columns(["财政拨款", "其他资金", "合计"], {**FIGURES, "其他资金": ("20", "25", "22.5")})
    assert failure.judged and (failure.total, failure.parts) == (150, 140)
    p, failures = _kind_columns(["财政拨款", "其他资金"], FIGURES)
    assert failures == [] and (p["budget_initial"], p["budget_full_year"], p["executed"]) == (150, 145, 130.5)


def test_columns_of_no_known_kind_are_not_guessed():
    """A heading over columns the row under it does not name by kind (社会捐赠 | 合计): read as before, no lines."""
    p, failures = _kind_columns(["社会捐赠", "合计"], {"社会捐赠": ("150", "150", "135"), "合计": ("150", "150", "135")})
    assert failures == [] and p.get("budget_initial_other") is None and p["budget_initial"] == 150


def test_fund_lines_after_spending_lines():
    """基本支出 | 项目支出 right under the total, then its 其中 lines: stored when they add up to the total; when they
    do not, they may break the 项目支出 down (其中：财政拨款 40 of 项目支出 40): neither stored nor judged."""
    spending = (["基本支出", "60", "60", "57"], ["项目支出", "40", "40", "38"])
    lines, failures = _funds(["100", "100", "95"], *spending, ["其中：财政拨款", "90", "90", "85.5"],
                             ["其他资金", "10", "10", "9.5"])
    assert failures == [] and (lines["budget_initial_fiscal"], lines["executed_other"]) == (90, 9.5)
    assert _funds(["100", "100", "95"], *spending, ["其中：财政拨款", "40", "40", "38"]) == ({}, [])


def _in_labels(subtotal: str, *lines: str) -> tuple[dict[str, float], list]:
    """label_lines of a 部门整体 funds block (郴州's): 按收入性质分：<subtotal> over `lines` in the label cells, a
    按支出性质分 breakdown beside them."""
    rows = [HEAD, ["", "年度资金总额", "392.33", "628.55", "594.48", "10", "94.58%", "9.5"],
            ["", *["按收入性质分: " + subtotal] * 3, *["按支出性质分: 628.55"] * 4]]
    spending = ["其中: 基本支出: 356.72", "项目支出: 271.83"]
    rows += [["", *[line] * 3, *[spending[k] if k < 2 else ""] * 4] for k, line in enumerate(lines)] + [GOALS]
    return label_lines(Form(rows, [34] * len(rows), "部门整体支出绩效自评表", True), (0, 1), COLS, TOTALS,
                       "部门整体支出")


def test_lines_in_label_cells_break_down_the_budget_their_subtotal_equals():
    """No subtotal printed: the lines' sum is the 全年预算数 (not the 年初); a figure of no fund (执行率) is no line."""
    lines, failures = _in_labels("", "其中: 一般公共预算: 627.19", "政府性基金拨款:", "纳入专户管理的非税收入拨款:",
                                 "其他资金: 1.36", "执行率: 94.58%")
    assert failures == [] and lines == {"budget_full_year_fiscal": 627.19, "budget_full_year_other": 1.36}


def test_lines_in_label_cells_off_their_subtotal_are_judged():
    lines, (failure,) = _in_labels("628.55", "其中: 一般公共预算: 617.19", "其他资金: 1.36")
    assert lines == {"budget_full_year_fiscal": 617.19, "budget_full_year_other": 1.36}
    assert failure.judged and (failure.total, failure.parts) == (628.55, 618.55)


def test_lines_in_label_cells_of_no_budget_column_are_not_stored_nor_judged():
    lines, (failure,) = _in_labels("", "其中: 一般公共预算: 600.00", "其他资金: 1.36")
    assert lines == {} and not failure.judged


@pytest.fixture(scope="module")
def chenzhou(sample_lake) -> Frames:
    """The 郴州 sample's frames as the lake holds them."""
    full = Frames.from_lake(sample_lake)
    doc = rows_of(sample_lake, "documents", CHENZHOU)["doc_id"][0]
    return Frames.of(**{name: getattr(full, name).filter(pl.col("doc_id") == doc)
                        for name in ("documents", "projects", "indicators", "readings")})


def test_the_chenzhou_forms_lines_are_stored(chenzhou):
    p = {r["page"]: r for r in chenzhou.projects.iter_rows(named=True) if r["project"] != "部门整体支出"}
    assert len(p) == 16
    # p63: 88 = 当年财政拨款 40 + 上年结转资金 48 in every column
    assert (p[63]["budget_full_year_fiscal"], p[63]["budget_full_year_carried_over"]) == (40, 48)
    assert (p[64]["budget_initial"], p[64]["budget_initial_fiscal"]) == (16, 16.4)
    assert all(r["reading"] == "complete" for r in p.values())


def test_the_chenzhou_overall_forms_lines_in_label_cells_are_stored(chenzhou):
    """p34/p35 部门整体: 按收入性质分 | 其中：一般公共预算：627.19 | … | 其他资金：1.36 in the label cells break down the
    全年预算数 (they were not read)."""
    p = {r["page"]: r for r in chenzhou.projects.iter_rows(named=True) if r["project"] == "部门整体支出"}
    assert (p[34]["budget_full_year_fiscal"], p[34]["budget_full_year_other"]) == (627.19, 1.36)
    assert (p[35]["budget_full_year_fiscal"], p[35]["budget_full_year_other"]) == (874.05, None)


def test_the_chenzhou_totals_off_their_lines_are_raised_and_no_other(chenzhou):
    found = evaluate(chenzhou, rules=["totals_mismatch"]).filter(pl.col("severity") == "error")
    got = {r["page"]: (r["project"], r["message"]) for r in found.iter_rows(named=True) if r["page"] >= 52}
    assert sorted(got) == [64, 65, 67]
    project, message = got[65]
    assert project == "公务员医疗补助(科室代编)"
    assert message == ("第65页绩效自评表“公务员医疗补助(科室代编)”年初预算数列 年度资金总额与其中各项（财政拨款、上年结转、"
                       "其他资金）之和：合计 500.00 ≠ 分项之和 443.00（差 +57.00）")
    readings = {r["page"]: r["reason"] for r in chenzhou.readings.iter_rows(named=True)}
    assert "两种读法" in readings[64] and "文件本身所印" in readings[64]


@pytest.mark.parametrize("source", ["sichuan_2023_selfeval_provincial.pdf", "ab_layout_selfeval.pdf"])
def test_forms_whose_lines_add_up_raise_nothing(sample_lake, source):
    """四川's 财政资金 | 财政专户管理资金 | 单位资金 | 其他资金 and 威海's (A)/(B) form: the lines are stored, they add up."""
    projects = rows_of(sample_lake, "projects", source)
    assert projects["budget_initial_fiscal"].null_count() < projects.height
    frames = Frames.of(projects=projects)
    assert evaluate(frames, rules=["totals_mismatch"]).filter(pl.col("severity") != "info").is_empty()
