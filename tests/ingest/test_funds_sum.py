"""A self-evaluation form's 年度资金总额 against its 其中 lines (samplegen/variants_funds.py): a whole form, whose
total is the sum of its 财政拨款 and 其他资金 lines, reads `complete` and raises nothing; the 池州 form, its total
printed 0 | 0 | 0 and the money on its 财政拨款 line only, is no zero budget: the form reads `partial`, the reason
names the project and each column that does not close, and the reading note is raised on its page (no execution
rule judges a budget read as 0)."""

from __future__ import annotations

from typing import Any

import pytest

from fiscal.rules import evaluate
from fiscal.rules.engine import Frames
from ingest.document import Outcome
from samplegen import variants_funds as v
from tests.ingest.layouts import DATASETS, flags, ingested, ok, reading

NAME = "funds_lines.pdf"
PROJECT_RULES = ("full_score_low_execution", "high_total_low_execution", "exec_rate_misreported",
                 "exec_exceeds_budget", "total_score_mismatch", "budget_adjusted_heavily")


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """The whole form and the 池州-shaped copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _notes(out: Outcome) -> list[dict[str, Any]]:
    frames = {k: rows for k, rows in out.frames.items() if k in DATASETS}
    return list(evaluate(Frames.of(**frames), rules=["reading_incomplete"]).iter_rows(named=True))


def test_a_total_that_is_its_lines_sum_reads_complete(outcomes):
    out = ok(outcomes, NAME)
    one = reading(out, "project_selfeval")
    assert one["status"] == "complete", one["reason"]
    (row,) = out.frames["projects"]
    assert (row["budget_initial"], row["budget_full_year"], row["executed"]) == (150.0, 150.0, 142.5)
    assert not _notes(out)
    assert not any(flags(out, rule) for rule in PROJECT_RULES)


def test_a_total_printed_zero_over_its_lines_is_no_zero_budget(outcomes):
    out = ok(outcomes, v.broken_name(NAME))
    one = reading(out, "project_selfeval")
    assert one["status"] == "partial", one["reason"]
    for column in ("年初预算数", "全年预算数", "全年执行数"):
        assert f"{v.PROJECT.name}（第1页）{column}列 年度资金总额与其中各项之和" in one["reason"], one["reason"]
    assert "合计 0.00 ≠ 分项之和 150.00" in one["reason"]
    (note,) = _notes(out)
    assert note["page"] == 1 and v.PROJECT.name in note["message"], note
    assert not any(flags(out, rule) for rule in PROJECT_RULES), "a budget read as 0 accuses nothing"
