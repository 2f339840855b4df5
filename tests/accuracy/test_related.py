"""Cross-document cases (accuracy/related.py): the rules that compare documents are measured on related copies of
the samples — here the 达州 2023 预算 one year on, its 三公 raised from 0.50 to 0.80 万元, read beside the 2023
sample: the 2024 document is flagged at its 三公 table, naming the 2023 figure."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from accuracy import planted, related, truth


def _copy(name: str) -> related.Copy:
    return next(c for c in related.COPIES if c.name == name)


def test_every_rule_across_documents_has_a_labelled_case_and_a_clean_one():
    labelled = {lab.rule for case in related.CASES for lab in case.labels}
    assert labelled == set(related.CROSS_RULES)
    assert set(related.CROSS_RULES) <= set(truth.design_rule_ids())
    clean = [c.id for c in related.CASES if not c.labels]
    assert clean == ["next_year_clean", "initial_budget_agrees", "initial_budget_beside_unit_budget",
                     "final_next_year_clean", "peers_clean"]
    names = {c.name for c in related.COPIES}
    for case in related.CASES:
        assert set(case.copies) <= names, case.id
        for lab in case.labels:  # a label sits on one of the case's copies or on a truth file the case needs
            assert lab.on in case.copies or lab.on in case.needs, case.id


def test_every_copy_edit_finds_its_text_in_the_seed():
    from samplegen import seeds

    for c in related.COPIES:
        text = next(seeds.SEED_DIR.glob(f"{planted.BASES[c.base][0]}_*.txt")).read_text(encoding="utf-8")
        for find, replace, after in c.edits:
            text = planted.apply(text, planted.Edit(c.base, "related", find, replace, after=after))


def test_a_copy_is_renamed_and_its_years_shifted_but_not_its_amounts():
    shift = related.texts_of(_copy("chenzhou_2022_budget.pdf"))
    assert shift("达州市医疗保障事务中心 2023 年收支预算总数 461.49 万元,比 2022 年增加") == (
        "郴州市医疗保障局 2022 年收支预算总数 461.49 万元,比 2021 年增加")
    assert shift("隶属于达州市医疗保障局") == "隶属于郴州市人民政府"
    assert shift("合计 2023.45 万元，12023 元，（2023年度）") == "合计 2023.45 万元，12023 元，（2022年度）"


@pytest.fixture(scope="module")
def next_year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pl.DataFrame]:
    from fiscal.rules import evaluate
    from fiscal.rules.engine import Frames
    from ingest.batch import documents_row
    from ingest.document import ingest_file

    path = tmp_path_factory.mktemp("related") / "dazhou_2024_budget__sangong_up.pdf"
    related.render(_copy(path.name), path)
    rows: list[dict[str, object]] = []
    datasets: dict[str, list[dict[str, object]]] = {}
    for pdf in (truth.SAMPLES / "dazhou_2023_budget_a.pdf", path):
        outcome = ingest_file(pdf)
        assert outcome.rejected is None, outcome.rejected
        rows.append(documents_row(outcome, datetime.now(UTC)))
        for k, v in outcome.frames.items():
            if k in Frames.__dataclass_fields__:
                datasets.setdefault(k, []).extend(v)
    frames = Frames.of(documents=rows, **datasets)
    return path, evaluate(frames, rules=list(related.CROSS_RULES))


def test_next_years_budget_with_its_sangong_up_60_percent_is_flagged_at_its_sangong_table(next_year):
    path, flags = next_year
    docs = {r["doc_id"]: r["year"] for r in flags.iter_rows(named=True)}
    assert flags["rule"].to_list() == ["sangong_yoy_increase"] and list(docs.values()) == [2024]
    page = planted.locate(planted.page_texts(path), ("一般公共预算“三公”经费支出预算表", "0.80"))
    assert flags["page"][0] == page
    assert "由 2023 年 0.50 万元增至 2024 年 0.80 万元，增长 60.00%" in flags["message"][0]
