"""Planted defects (accuracy/planted.py): every rule about one document has a labelled case to be measured
against, and a planted copy reads as a reviewer marks it — here the 郴州 决算 with its 国有资本经营 table left
out: the 目录 still lists it, no page prints it, so the document misses a table it must publish."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from accuracy import planted, truth

CROSS_DOCUMENT = {"sangong_yoy_increase", "budget_final_mismatch", "peer_outlier"}  # need a second document


def _edit(edit_id: str) -> planted.Edit:
    return next(e for e in planted.ALL_EDITS if e.id == edit_id)


def test_every_rule_about_one_document_has_a_labelled_case():
    from fiscal.rules import RULES

    truths, _ = truth.load_all()
    labelled = {e.rule for e in planted.ALL_EDITS} | {lab.rule for t in truths for lab in t.labels}
    about_one_document = set(truth.design_rule_ids()) - CROSS_DOCUMENT
    assert about_one_document - labelled == set()
    # measured: the harness counts error/warning findings only, so none of them may be a mere note
    assert {r for r in about_one_document if RULES[r].severity == "info"} == set()


def test_form_edits_change_one_row_of_the_self_evaluation_files_built_from_code_or_add_one_table():
    from samplegen.blocks import TableBlock
    from samplegen.provincial import DOCUMENTS

    for e in planted.FORM_EDITS:
        blocks = DOCUMENTS[planted.BASES[e.base][2]].blocks()
        edited = planted.apply_blocks(blocks, e)
        if e.adds:  # a table added after the others, which stay as they were
            assert edited[:-1] == blocks and edited[-1].title == e.replace, e.id
            assert edited[-1].grid.rows == [list(r) for r in e.adds]
            continue
        rows = [r for b in blocks if isinstance(b, TableBlock) for r in b.grid.rows]
        new = [r for b in edited if isinstance(b, TableBlock) for r in b.grid.rows]
        changed = [(a, b) for a, b in zip(rows, new, strict=True) if a != b]
        assert len(changed) == 1 and len(changed[0][0]) == len(changed[0][1]), e.id
        assert e.replace in "\t".join(changed[0][1])
    with pytest.raises(ValueError):
        planted.apply_blocks(blocks, planted.Edit("ab", "unit_mismatch", "no such text", "x"))
    with pytest.raises(ValueError):  # a row keeps its cells
        planted.apply_blocks(blocks, planted.Edit("ab", "unit_mismatch", "年度资金总额\t180", "年度资金总额180"))


def test_a_planted_copy_truth_drops_the_removed_table_and_changes_every_edited_figure():
    base = truth.load(truth.TRUTH_DIR / "chenzhou_2022_final_a.toml")
    texts = [""] * 70
    dropped = planted.planted_truth(base, _edit("chenzhou_missing_tables_dropped"), Path("copy.pdf"), 2, [], texts)
    assert "soe_capital" in {t["family"] for t in base.tables}
    assert {t["family"] for t in dropped.tables} == {t["family"] for t in base.tables} - {"soe_capital"}
    assert dropped.labels[-1].rule == "missing_tables" and dropped.labels[-1].quote == "国有资本经营预算财政拨款"
    over = planted.planted_truth(base, _edit("chenzhou_sangong_over_budget"), Path("copy.pdf"), 20, [], texts)
    budget = {f.key: f.amount for f in over.figures if f.section == "sangong" and f.key[0] == "budget"}
    assert budget[("budget", "total")] == 6.0 and budget[("budget", "reception")] == 2.0
    assert len(over.tables) == len(base.tables)


@pytest.fixture(scope="module")
def dropped_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pl.DataFrame]:
    from fiscal.rules import evaluate
    from fiscal.rules.engine import Frames
    from ingest.batch import documents_row
    from ingest.document import ingest_file

    path = tmp_path_factory.mktemp("planted") / "chenzhou_without_soe_table.pdf"
    planted._render(_edit("chenzhou_missing_tables_dropped"), path)
    outcome = ingest_file(path)
    assert outcome.rejected is None, outcome.rejected
    datasets = {k: v for k, v in outcome.frames.items() if k in Frames.__dataclass_fields__ and v}
    frames = Frames.of(documents=[documents_row(outcome, datetime.now(UTC))], **datasets)
    return path, evaluate(frames, rules=["missing_tables", "reading_incomplete"])


def test_a_table_the_toc_lists_but_the_document_leaves_out_is_missing(dropped_copy):
    path, flags = dropped_copy
    texts = planted.page_texts(path)
    toc = planted.locate(texts, ("八、国有资本经营预算财政拨款支出决算表",))
    assert toc is not None and planted.locate(texts, ("公开08表",)) is None  # listed, printed nowhere
    missing = flags.filter(pl.col("rule") == "missing_tables")
    assert missing["severity"].to_list() == ["warning"] and missing["page"].to_list() == [toc]
    assert missing["message"][0].endswith(f"未找到：国有资本经营预算财政拨款表（目录第{toc}页列有，但各页均无该表）")
    # a finding about the document, not a note on our reading of a table that is not there
    notes = flags.filter(pl.col("rule") == "reading_incomplete")
    assert not notes["message"].str.contains("国有资本经营").any()
