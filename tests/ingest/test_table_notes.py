"""Notes printed under a table's grid (ingest/prose.py table_notes): an empty table's 说明 line reaches the
`narrative` sentences with its page, so template_residue sees an XX placeholder left in it; an ordinary note
fires nothing. Two small PDFs drawn with samplegen's layout (郴州 2022 决算: 收入支出决算总表 + the empty
政府性基金 table), ingested through the real path."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fiscal.rules import Frames, evaluate
from ingest.document import Outcome, ingest_file

PLACEHOLDER = "说明：郴州市XX局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"
ORDINARY = "注：本表金额单位为万元，本单位2022年度无政府性基金预算财政拨款收支。"
PROSE_RULES = ["template_residue", "year_inconsistent", "percentage_misstated", "comparison_wording_wrong",
               "narrative_table_mismatch", "unit_mismatch"]


def _ingest(out: Path, name: str, note: str) -> Outcome:
    """The 总表 and the empty 政府性基金 table, the latter with `note` under its grid."""
    from samplegen import chenzhou
    from samplegen.layout import Cover, Part, Renderer
    from samplegen.seeds import seed_lines
    from samplegen.styles import STYLE_A

    tables = copy.deepcopy(chenzhou.final_account_tables(seed_lines(chenzhou.SEED)))
    summary = next(t for t in tables if t.code == "公开01表")
    fund = next(t for t in tables if "政府性基金" in t.title)
    fund.notes = ["注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。", note]
    path = out / f"{name}_2022.pdf"
    r = Renderer(path, STYLE_A, chenzhou.TITLE, chenzhou.AGENCY)
    r.render([Cover(["2022年度", "郴州市医疗保障局部门决算"]), Part("第二部分", "部门决算表"), summary, fund])
    r.save()
    outcome = ingest_file(path, {"synthetic": True})
    assert outcome.rejected is None, outcome.rejected
    return outcome


def _frames(outcome: Outcome) -> Frames:
    from ingest.batch import documents_row

    datasets = {k: v for k, v in outcome.frames.items() if k in Frames.__dataclass_fields__ and v}
    return Frames.of(documents=[documents_row(outcome, datetime.now(UTC))], **datasets)


def _fund_page(outcome: Outcome) -> int:
    return next(r["page"] for r in outcome.frames["readings"] if r["family"] == "gov_fund")


def _sentences(outcome: Outcome) -> list[dict]:
    return [r for r in outcome.frames["narrative"] if r["key"] == "sentence"]


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    out = tmp_path_factory.mktemp("table_notes")
    return {"placeholder": _ingest(out, "notes_placeholder", PLACEHOLDER),
            "ordinary": _ingest(out, "notes_ordinary", ORDINARY)}


def test_the_note_under_an_empty_table_is_a_sentence_on_its_page(docs):
    outcome = docs["placeholder"]
    found = [r for r in _sentences(outcome) if r["text"] == PLACEHOLDER]
    assert len(found) == 1, [r["text"] for r in _sentences(outcome)]
    assert found[0]["page"] == _fund_page(outcome)
    assert "template" in found[0]["value"]


def test_no_table_cell_title_or_unit_becomes_a_sentence_and_none_twice(docs):
    for outcome in docs.values():
        texts = [r["text"] for r in _sentences(outcome)]
        assert not any("单位" in t and "万元" in t and len(t) < 15 for t in texts)  # 金额单位：万元
        assert not any(t.endswith("决算表") or t.startswith(("合计", "总计", "本年收入合计")) for t in texts)
        assert len(texts) == len(set(texts))


def test_template_residue_fires_on_the_note(docs):
    flags = evaluate(_frames(docs["placeholder"]), rules=["template_residue"])
    assert flags.height == 1, flags["message"].to_list()
    flag = flags.row(0, named=True)
    assert flag["page"] == _fund_page(docs["placeholder"]) and "XX" in flag["message"]


def test_an_ordinary_note_fires_nothing(docs):
    outcome = docs["ordinary"]
    note = [r for r in _sentences(outcome) if r["text"] == ORDINARY]
    assert len(note) == 1 and note[0]["page"] == _fund_page(outcome)  # stored (it names the year) …
    flags = evaluate(_frames(outcome), rules=PROSE_RULES)
    assert flags.is_empty(), flags["message"].to_list()  # … and no rule finds fault with it


def test_which_lines_outside_a_grid_count_as_notes():
    from ingest.prose import _note_line

    for line in ("单位：万元", "金额单位：万元", "部门：郴州市医疗保障局", "- 3 -", "2080501 行政运行 12.50 12.50",
                 "政府性基金预算财政拨款收入支出决算表", "公开08表"):
        assert not _note_line(line, "below"), line
    assert _note_line(PLACEHOLDER, "below") and _note_line("2. 表格中单元格空白表示数据为零。", "below")
    assert _note_line("注：本表无数据。", "between") and not _note_line("本表反映部门本年度收支情况。", "between")
    assert not _note_line(PLACEHOLDER, "above")  # above the grid: the title's lines
    assert _note_line("本单位无政府性基金预算财政拨款收支，故本表为空。", "inside")  # a 空表 statement in the grid
    assert not _note_line("合计", "inside") and not _note_line("无", "inside")


def test_notes_join_the_prose_in_page_order_once():
    from ingest.prose import with_notes

    page = "收入支出决算总表\r\n单位：万元\r\n合计 1.00\r\n注：见下。\r\n说明：本表无数据。\r\n- 3 -"
    assert with_notes(page, "注：见下。", [3, 4]) == "注：见下。\n说明：本表无数据。"
    assert with_notes(page, "注：见下。", []) == "注：见下。"
