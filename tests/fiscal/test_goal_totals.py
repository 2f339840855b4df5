"""totals_mismatch on the 项目绩效目标表 (project_goals): 年度资金申请总额 against its 其中 lines.

Hand-made rows for the rule's arithmetic; a lake of the two real PDFs of samplegen/goals.py
(a correct copy and one whose 当年财政拨款 exceeds its 年度资金申请总额) for the whole path:
ingest → Delta lake → the incremental flags the dashboard and `python -m fiscal flags` read.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from rich.console import Console

from fiscal import flags as flag_cli
from fiscal.rules.engine import Frames, evaluate
from samplegen import goals as sample

COMMON = {"doc_id": "d1", "region_code": "431000", "region": "湖南省郴州市", "agency_id": "a", "agency": "某局",
          "year": 2023}


def _goal(**kw: object) -> dict[str, object]:
    return {**COMMON, "page": 9, "project": "某项目", "requested_total": 120.0, "requested_fiscal": 120.0,
            "requested_carried_over": 0.0, "requested_other": 0.0, "reading": "complete", **kw}


def _flags(*rows: dict[str, object]) -> pl.DataFrame:
    return evaluate(Frames.of(project_goals=list(rows)), rules=["totals_mismatch"])


def test_a_requested_total_unlike_its_parts_is_an_error_on_its_page() -> None:
    assert _flags(_goal()).is_empty()
    (flag,) = _flags(_goal(requested_fiscal=150.0)).iter_rows(named=True)
    assert (flag["severity"], flag["page"]) == ("error", 9)
    assert "某项目" in flag["message"] and "年度资金申请总额" in flag["message"]
    evidence = json.loads(flag["evidence"])
    assert (evidence["total"], evidence["sum_of_parts"], evidence["difference"]) == (120.0, 150.0, -30.0)


def test_project_total_is_checked_and_rounding_is_only_a_note() -> None:
    (flag,) = _flags(_goal(project_total=50.0, project_fiscal=40.0, project_other=5.0)).iter_rows(named=True)
    assert flag["severity"] == "error" and "项目资金总额" in flag["message"]
    assert set(_flags(_goal(requested_fiscal=120.01)).get_column("severity")) == {"info"}


def test_a_form_not_read_completely_accuses_nothing() -> None:
    assert _flags(_goal(requested_fiscal=150.0, reading="partial")).is_empty()
    assert _flags(_goal(requested_fiscal=None, requested_carried_over=None, requested_other=None)).is_empty()


@pytest.fixture(scope="module")
def goal_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ingest import batch

    tmp = tmp_path_factory.mktemp("goal_lake")
    pdfs = [sample.write(tmp / "pdf" / f"goals_{name}.pdf", broken=name == "broken") for name in ("ok", "broken")]
    lake = tmp / "lake"
    report = batch.run(pdfs, lake, workers=1, console=Console(quiet=True), compact=False)
    assert len(report.ingested) == 2 and not report.quarantined
    return lake


def test_the_broken_copy_is_flagged_and_the_correct_one_is_not(goal_lake: Path) -> None:
    found = flag_cli.flags(goal_lake)  # the incremental path the dashboard reads
    totals = found.filter(pl.col("rule") == "totals_mismatch", pl.col("severity") == "error")
    assert totals.get_column("source_name").to_list() == ["goals_broken.pdf"]
    assert totals.get_column("page").to_list() == [5]
    assert "医保信息化建设经费" in totals.get_column("message")[0]
    assert found.filter(pl.col("source_name") == "goals_ok.pdf", pl.col("severity") != "info").is_empty()
    frames = Frames.from_lake(goal_lake)
    assert frames.project_goals.height == 4 and set(frames.project_goals.get_column("reading")) == {"complete"}
