"""The 总览 tiles under a changed threshold: only the tile that reads it moves."""

import dataclasses

import polars as pl

from fiscal import read
from fiscal.filters import Filters
from fiscal.thresholds import DEFAULT, Thresholds


def test_a_changed_low_execution_rate_moves_only_its_tile(sample_lake):
    read.forget()
    base = read.spending.overview(sample_lake, Filters())
    changed = read.spending.overview(sample_lake, Filters(), None,
                                     Thresholds.of({"high_total_low_execution": {"max_rate": 1.01}}))
    proj = read.projects.projects(sample_lake, Filters())
    assert changed.projects_low_execution == proj.filter(pl.col("exec_rate") < 1.01).height
    assert base.projects_low_execution == proj.filter(pl.col("exec_rate") < DEFAULT.low_rate_for_high_score).height
    same = {k: v for k, v in vars(changed).items() if k != "projects_low_execution"}
    for name, value in same.items():  # every other tile is the default's (frames: the same frame)
        assert value is getattr(base, name) or value == getattr(base, name), name
    assert dataclasses.replace(base, projects_low_execution=changed.projects_low_execution) == changed
