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


def test_a_lake_wide_frame_of_projects_is_ordered_once_and_its_order_kept():
    """The national selection's ~200,000 projects are too many for the per-selection cache: their page order (newest
    year first, then agency and project; nulls first; ties keep their rows' order) is kept for the frame while it
    lives, so the next call of the same lake version gathers instead of sorting."""
    from fiscal import rowsort
    from fiscal.read import projects as module

    n = rowsort.MIN_ROWS + 1_000
    rows = pl.DataFrame({
        "year": [2021 + i % 4 if i % 97 else None for i in range(n)],
        "agency": [f"单位{(i * 7) % 50}" for i in range(n)],
        "project": [f"项目{(i * 13) % 300}" for i in range(n)],
        "row": range(n),
    })
    want = rows.sort(["year", "agency", "project"], descending=[True, False, False], nulls_last=False,
                     maintain_order=True)
    assert module._in_page_order(rows).equals(want)
    kept = module._ORDERS[id(rows)][1]
    assert module._in_page_order(rows).equals(want)
    assert module._ORDERS[id(rows)][1] is kept  # the second call reused the order
    small = rows.head(100)
    assert module._in_page_order(small).equals(small.sort(["year", "agency", "project"],
                                                          descending=[True, False, False], nulls_last=False,
                                                          maintain_order=True))
