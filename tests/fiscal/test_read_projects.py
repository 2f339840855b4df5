"""A project's funds by kind for the projects page (fiscal.read.projects.fund_lines): the 年度资金总额's 其中 lines its
form prints (财政拨款 / 上年结转 / 其他资金), per column, with the total they are checked against."""

from __future__ import annotations

import polars as pl

from fiscal import read
from fiscal.filters import Filters


def test_the_lines_a_form_prints_then_its_total():
    project = {"budget_initial": 150.0, "budget_full_year": 150.0, "executed": 142.5,
               "budget_initial_fiscal": 120.0, "budget_full_year_fiscal": 118.0, "executed_fiscal": 112.1,
               "budget_initial_carried_over": None, "budget_full_year_carried_over": None,
               "executed_carried_over": None,
               "budget_initial_other": 30.0, "budget_full_year_other": 32.0, "executed_other": 30.4}
    got = read.projects.fund_lines(project)
    assert got.rows() == [("fiscal", 120.0, 118.0, 112.1), ("other", 30.0, 32.0, 30.4), ("total", 150.0, 150.0, 142.5)]
    assert got.columns == ["kind", "budget_initial", "budget_full_year", "executed"]


def test_no_lines_no_table():
    """A list's line, a form without lines or a lake written before the lines were stored (no such columns)."""
    assert read.projects.fund_lines({"budget_full_year": 10.0, "executed": 9.0}).is_empty()


def test_a_real_form_whose_total_is_off_its_line(sample_lake):
    """郴州 p65: 年初预算数 500 over a 当年财政拨款 line of 443 — the page shows both (totals_mismatch names it)."""
    rows = read.projects.projects(sample_lake, Filters()).filter(
        pl.col("project").str.starts_with("公务员医疗补助"), pl.col("page") == 65)
    got = read.projects.fund_lines(rows.row(0, named=True))
    assert got.select("kind", "budget_initial").rows() == [("fiscal", 443.0), ("total", 500.0)]
