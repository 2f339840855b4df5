"""cross_table_mismatch on a self-evaluation that prints its projects twice: a 自评结果汇总表 (one project a line)
and each project's own 项目支出绩效自评表 (fiscal/rules/selfeval_lists.py) — on rendered PDFs of the eighth layout set
(安顺市交通运输局: four projects listed, then their four forms) and on hand-made rows."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from fiscal.rules import Frames, evaluate
from ingest.document import Outcome, ingest_file
from samplegen import variants_eighth_forms as forms
from samplegen.sheets import Variant
from samplegen.variants_eighth import SELFEVAL, STYLE


def _render(tmp: Path, name: str, line: dict[str, str] | None = None) -> Outcome:
    """The list-then-forms document, one list line's cells replaced (`line`: project name → 预算 | 执行 | 执行率 | 得分)."""
    def blocks(broken: bool = False) -> list:
        out = forms.selfeval_list_then_forms()
        for row in out[0].grid.rows:
            if line and row[1] in line:
                row[2:6] = line[row[1]].split("|")
        return out

    path = tmp / name
    Variant(blocks, SELFEVAL).renderer.write(path, STYLE, SELFEVAL, blocks())
    outcome = ingest_file(path)
    assert outcome.rejected is None, outcome.rejected
    return outcome


def _flags(outcome: Outcome) -> pl.DataFrame:
    frames = Frames.of(**{k: v for k, v in outcome.frames.items() if k in Frames.__dataclass_fields__})
    return evaluate(frames, rules=["cross_table_mismatch"]).filter(pl.col("severity") == "error")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    tmp = tmp_path_factory.mktemp("lists")
    return {"agree": _render(tmp, "agree.pdf"),
            # 道路运输行业监管: the list prints 90.50 where its form's 总分 is 96.50, and 85.00% for 95.00%
            "differ": _render(tmp, "differ.pdf", {"道路运输行业监管": "80.00|76.00|85.00%|90.50"})}


def test_a_list_and_forms_that_agree_raise_nothing(rendered: dict[str, Outcome]):
    assert _flags(rendered["agree"]).is_empty()


def test_a_list_line_whose_score_and_rate_differ_from_its_form_is_a_cross_table_mismatch(rendered):
    out = rendered["differ"]
    listed = next(p for p in out.frames["projects"] if p["project"] == "道路运输行业监管" and p["exec_weight"] is None)
    form = next(p for p in out.frames["projects"] if p["project"] == "道路运输行业监管" and p["exec_weight"])
    flags = _flags(out)
    assert flags["message"].to_list() == [
        f"第{listed['page']}页自评结果汇总表与第{form['page']}页项目支出绩效自评表不一致：项目“道路运输行业监管”"
        "自评得分 90.5 ≠ 总分 96.5，执行率 85% ≠ 执行率 95%"]
    assert flags["page"].to_list() == [listed["page"]] and flags["project"].to_list() == ["道路运输行业监管"]
    evidence = json.loads(flags["evidence"][0])
    assert evidence["second_page"] == form["page"] and evidence["total_score"] == {"list": 90.5, "form": 96.5}


def _project(page: int, **fields) -> dict:
    base = {"doc_id": "se", "region_code": "520400", "region": "贵州省安顺市", "agency_id": "a", "agency": "安顺市交通运输局",
            "year": 2023, "page": page, "project": "农村公路养护补助", "budget_initial": None,
            "budget_full_year": 1350.0, "executed": 1282.5, "exec_rate_reported": 0.95, "exec_weight": None,
            "exec_score": None, "total_score": 99.5}
    return {**base, **fields}


def test_a_rounded_score_and_a_list_budget_that_is_the_forms_initial_budget_are_no_disagreement():
    form = _project(5, budget_initial=1200.0, exec_weight=10.0, exec_score=9.5)
    docs = [{"doc_id": "se", "region_code": "520400", "region": "贵州省安顺市", "agency_id": "a",
             "agency": "安顺市交通运输局", "year": 2023, "page": 1, "doc_kind": "performance_report"}]
    # the list prints 100 (rounded) for 99.5, and its 预算数 column is the form's 年初预算数 1,200
    same = [_project(2, budget_full_year=1200.0, total_score=100.0, exec_rate_reported=None), form]
    assert evaluate(Frames.of(documents=docs, projects=same), rules=["cross_table_mismatch"]).is_empty()
    # a list in 元 read as 万元 (its unit line not read): 10,000 times the form's figures is a misreading, not a defect
    yuan = [_project(2, budget_full_year=13_500_000.0, executed=12_825_000.0, total_score=99.5), form]
    assert evaluate(Frames.of(documents=docs, projects=yuan), rules=["cross_table_mismatch"]).is_empty()
    # a budget that is neither, and a score of 0 (a list without a score column reads 0)
    other = [_project(2, budget_full_year=1500.0, total_score=0.0), form]
    flags = evaluate(Frames.of(documents=docs, projects=other), rules=["cross_table_mismatch"])
    assert [m.split("：", 1)[1] for m in flags["message"]] == ["项目“农村公路养护补助”预算数 1,500 ≠ 全年预算数 1,350"]
