"""A fourteenth round of 三公 layouts (samplegen/variants_sangong_fourteenth.py): items as columns over one line per
stage (上年决算数 / 本年预算数 / 本年决算数) with no 小计, 公务用车购置费及运行维护费 over a 其中 line, whole 元 named in
the header cells, bare counts under 实物量, two budgets side by side, 上年数 | 本年数 with the 合计 last, the 三公 in the
prose only, the 湖南 决算 form with blank cells for zero — and 三线表 copies, among them the 18-column 预算数 | 决算数 |
完成率 form.

Each variant PDF, and a copy with its planted defect, is drawn once per session and ingested once with the real
pipeline: every figure drawn is read back; the whole copy raises no 三公 flag; the planted defect raises its rule, with
its figures and its page, and no other 三公 rule.
"""

from __future__ import annotations

from typing import Any

import pytest

from fiscal.rules import evaluate
from fiscal.rules.engine import Frames, evidence_of
from ingest.document import Outcome
from samplegen import variants_sangong_fourteenth as v
from tests.ingest.layouts import DATASETS, ingested, ok, reading, sangong_table
from tests.ingest.test_layouts_sangong_thirteenth import SANGONG_RULES, _flags

PROSE = "prose_only.pdf"  # no 三公 table: the figures the prose states
WHOLE = list(v.VARIANTS)


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _read(out: Outcome, name: str) -> dict[tuple[str, str], float]:
    """(stage, item) → amount as read: of the 三公 table, or of the prose for the prose-only document."""
    if name.replace("_broken", "") != PROSE:
        return sangong_table(out)
    rows = [r for r in out.frames["sangong"] if r["source"] == "prose"]
    return {(r["stage"], r["item"]): r["amount"] for r in rows}


def _drawn(name: str, broken: bool = False) -> dict[tuple[str, str], Any]:
    return {k: pytest.approx(x, abs=1e-9) for k, x in v.drawn(name, broken).items()}


@pytest.mark.parametrize("name", WHOLE)
def test_every_figure_drawn_is_read_and_the_whole_copy_raises_nothing(outcomes, name):
    """The 三公 table reads `complete`, every figure as drawn (a blank cell of the 湖南 form as 0.00; 上年 / 增减 / 增减率
    / 实物量 columns and lines read as no figure of the year); no 三公 rule fires on the whole copy. Also as 三线表
    (`_3l`: read by text position)."""
    out = ok(outcomes, name)
    if name != PROSE:
        one = reading(out, "sangong")
        assert one["status"] == "complete", one["reason"]
    assert _read(out, name) == _drawn(name)
    for rule in SANGONG_RULES:
        assert not _flags(out, rule), rule


@pytest.mark.parametrize("name", sorted(v.PLANTS))
def test_the_planted_defect_is_raised_with_its_figures_and_page(outcomes, name):
    """The broken copy's figures are read as printed, its planted defect raised by its rule on the page of the figures
    compared, with the figures in its evidence, and no other 三公 rule raised."""
    plant = v.PLANTS[name]
    out = ok(outcomes, v.broken_name(name))
    assert _read(out, v.broken_name(name)) == _drawn(name, broken=True)
    if name != PROSE:
        assert reading(out, "sangong")["status"] == "complete", reading(out, "sangong")["reason"]
    (flag,) = _flags(out, plant.rule)
    stage = flag["evidence"].get("stage", "actual")
    assert flag["page"] == min(r["page"] for r in out.frames["sangong"] if r["stage"] == stage)
    for key, value in plant.evidence:
        assert flag["evidence"][key] == (pytest.approx(value, abs=1e-6) if isinstance(value, float) else value), key
    assert not [r for r in SANGONG_RULES if r != plant.rule and _flags(out, r)]


def test_an_18_column_三线表_reads_each_item_under_its_block(outcomes):
    """预算数 | 决算数 | 完成率（%） under each of six items, typeset as 三线表: read by text position, each item's label
    lies once over the middle of its three columns (合计 over 决算数, 购置费 beside the fused "决算数 完成率（%）"), and
    carried right it named the next item's 预算数 — the old reader stored 出国's 预算 as 9.00 (the 小计's) and 合计's as
    missing, `partial`. Read block by block under the stage line: all twelve figures, the planted 出国 over budget raised."""
    out = ok(outcomes, "pairs_rate_3l.pdf")
    assert sangong_table(out) == _drawn("pairs_rate_3l.pdf")
    assert "pdfplumber" in reading(out, "sangong")["reason"]  # the text-position reading is the one kept


def test_公务用车购置费及运行维护费_is_the_subtotal_not_the_purchase(outcomes):
    """二、公务用车购置费及运行维护费 over 其中： 1.公务用车购置费 / 2.公务用车运行维护费 (the seed's own wording): the line is
    the 公务用车 小计 (the old reader took it for the 购置费 — 17.50 for 12.00 — and left the table `partial` with
    no 小计)."""
    got = sangong_table(ok(outcomes, "vehicle_split_rows.pdf"))
    assert got["budget", "vehicle_total"] == pytest.approx(17.5)
    assert got["budget", "vehicle_purchase"] == pytest.approx(12.0)


def test_an_实物量_column_of_bare_counts_is_no_figure_column(outcomes):
    """项目 | 预算数 | 决算数 | 实物量 with bare numbers (1, 2, 0, 31) under 实物量: a count, not a third stage column (the
    old reader found three figure columns of two stages and read nothing: `unread`)."""
    out = ok(outcomes, "counts_text_column.pdf")
    assert reading(out, "sangong")["status"] == "complete"
    assert 31.0 not in {r["amount"] for r in out.frames["sangong"]}


@pytest.mark.parametrize("name", ["hunan_blocks_3l.pdf", "hunan_blocks_3l_b.pdf"])
def test_blank_cells_for_zero_in_a_三线表_and_its_栏次_line(outcomes, name):
    """The 湖南 决算 form (预算数 block | 决算数 block, a 栏次 line 1 … 12, blank cells for zero) as 三线表: the 栏次
    numbers are no figures (the old reader stored 12.00 as the 预算 合计 and 8.00 as the 出国 决算), and an item label
    over a column blank on the figure line is a zero there (出国 and 购置 0.00), each other label's figures the ones
    right of it (`_b`, another house style: labels moved line by line onto the figures beside them put the 决算 合计
    6.22 under 出国 and lost 购置 — that reading names fewer items than each label's own figure or blank does)."""
    got = sangong_table(ok(outcomes, name))
    assert got == _drawn(name)
    assert got["budget", "overseas"] == 0.0 and got["actual", "total"] == pytest.approx(6.22)


def _yoy(outs: list[Outcome]) -> list[dict[str, Any]]:
    """sangong_yoy_increase over several documents' rows (each document a 部门's, of its own kind)."""
    frames = {k: [r for out in outs for r in out.frames.get(k, [])] for k in DATASETS}
    documents = [{"doc_id": out.frames["sangong"][0]["doc_id"], "doc_kind": out.meta.doc_kind, "scope": "department"}
                 for out in outs if out.meta is not None]
    found = evaluate(Frames.of(**frames, documents=documents), rules=["sangong_yoy_increase"])
    return [{**r, "evidence": evidence_of(r["evidence"])} for r in found.iter_rows(named=True)]


def test_growth_over_the_year_before_is_raised_across_two_documents(outcomes):
    """One office's 2023 and 2024 决算: the 2024 合计 决算 11.50 is 15 % over 2023's 10.00 (nothing raised; the 上年决算数
    column the 2024 table prints is no figure of 2024); the broken 2024 copy's 13.00 is 30 % over it, raised on its page
    with both years' figures (its sums close and nothing is over budget: no other 三公 rule fires)."""
    before, whole, broken = (ok(outcomes, n) for n in ("yoy_2023.pdf", "yoy_2024.pdf", v.broken_name("yoy_2024.pdf")))
    assert before.frames["sangong"][0]["agency_id"] == whole.frames["sangong"][0]["agency_id"]
    assert not _yoy([before, whole])
    (flag,) = _yoy([before, broken])
    assert flag["doc_id"] == broken.frames["sangong"][0]["doc_id"]
    assert flag["page"] == min(r["page"] for r in broken.frames["sangong"] if r["stage"] == "actual")
    for key, value in v.YOY.evidence:
        assert flag["evidence"][key] == (pytest.approx(value, abs=1e-6) if isinstance(value, float) else value), key
    assert not [r for r in SANGONG_RULES if _flags(broken, r)]


@pytest.mark.parametrize("name", ["sangong_previous_year_block_3l.pdf", "sangong_pairs_operating_3l.pdf",
                                  "sangong_with_counts_3l.pdf"])
def test_earlier_三公_layouts_typeset_as_三线表(outcomes, name):
    """Earlier rounds' 三公 tables as 三线表, read by text position: 2022年决算数 | 2023年预算数 | 2023年决算数 each
    printed once over the middle of its block (carried right, 2022年决算数 named the 2023 预算's first columns: 决算数合计
    read twice); 一般公共预算财政拨款“三公”经费 printed once over every 预算数 | 决算数 pair, landing over the 小计 pair (a
    小计 under “三公” is the 合计: 合计 twice); 公务用车购 / 置费 wrapped over two header lines (read as 公务用车, the 小计
    twice). The old reader kept each `partial`; each now reads `complete`, every figure as drawn."""
    out = ok(outcomes, name)
    assert reading(out, "sangong")["status"] == "complete", reading(out, "sangong")["reason"]
    assert sangong_table(out) == _drawn(name)
