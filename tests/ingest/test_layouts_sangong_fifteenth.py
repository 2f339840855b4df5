"""A fifteenth round of 三公 layouts (samplegen/variants_sangong_fifteenth.py): the 三公 items as 经济分类 lines of the
基本支出 决算表 (beside the 三公 table, or alone), two budgets' lines under item columns, a 决算数占预算数 line, 其中
lines indented by spaces, 元 with cents and zeros printed “-” or blank, the 三公 table on one page with the 机关运行经费
and 会议费 / 培训费 tables, 会议费 / 培训费 lines under a 合计 of all five, the 公务用车 label merged down in a label
column of its own, a 序号 column and a column of reasons, 公务接待费 over its 国内 / 外事 parts, an 实物量 table of
counts after the 三公 table — and 三线表 copies.

Each variant PDF, and a copy with its planted defect, is drawn once per session and ingested once with the real
pipeline: every figure drawn is read back; the whole copy raises no 三公 flag; the planted defect raises its rule, with
its figures and its page, and no other 三公 rule.
"""

from __future__ import annotations

from typing import Any

import pytest

from ingest.document import Outcome
from samplegen import variants_sangong_fifteenth as v
from tests.ingest.layouts import ingested, ok, reading, readings, sangong_table
from tests.ingest.test_layouts_sangong_fourteenth import _yoy
from tests.ingest.test_layouts_sangong_thirteenth import SANGONG_RULES, _flags

WHOLE = list(v.VARIANTS)


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _drawn(name: str, broken: bool = False) -> dict[tuple[str, str], Any]:
    return {k: pytest.approx(x, abs=1e-9) for k, x in v.drawn(name, broken).items()}


@pytest.mark.parametrize("name", WHOLE)
def test_every_figure_drawn_is_read_and_the_whole_copy_raises_nothing(outcomes, name):
    """The 三公 table reads `complete`, every figure as drawn (a “-” or blank zero as 0.00; 2024年预算数 / 增减 /
    占预算数 lines, 会议费 / 培训费 lines, 国内 / 外事接待费 parts, 序号 and counts read as no 三公 figure); no 三公 rule
    fires on the whole copy. Also as 三线表 (`_3l`: read by text position)."""
    out = ok(outcomes, name)
    if name not in v.NO_SANGONG:
        one = reading(out, "sangong")
        assert one["status"] == "complete", one["reason"]
    assert (sangong_table(out) if "sangong" in out.frames else {}) == _drawn(name)
    for rule in (*SANGONG_RULES, "sangong_yoy_increase"):
        assert not _flags(out, rule), rule


@pytest.mark.parametrize("name", sorted(v.PLANTS))
def test_the_planted_defect_is_raised_with_its_figures_and_page(outcomes, name):
    """The broken copy's figures are read as printed, its planted defect raised by its rule on the page of the figures
    compared, with the figures in its evidence, and no other 三公 rule raised."""
    plant = v.PLANTS[name]
    out = ok(outcomes, v.broken_name(name))
    assert sangong_table(out) == _drawn(name, broken=True)
    assert reading(out, "sangong")["status"] == "complete", reading(out, "sangong")["reason"]
    (flag,) = _flags(out, plant.rule)
    stage = flag["evidence"].get("stage", "actual")
    assert flag["page"] == min(r["page"] for r in out.frames["sangong"] if r["stage"] == stage)
    for key, value in plant.evidence:
        assert flag["evidence"][key] == (pytest.approx(value, abs=1e-6) if isinstance(value, float) else value), key
    assert not [r for r in SANGONG_RULES if r != plant.rule and _flags(out, r)]


def test_the_三公_economic_lines_of_基本支出_are_no_三公_table(outcomes):
    """30212 因公出国（境）费用, 30217 公务接待费, 30231 公务用车运行维护费, 31013 公务用车购置 are 经济分类 lines of the
    基本支出 决算表: read there, each at most its 三公 决算数 (no cross-table warning), and — with no 三公 table
    printed — no 三公 figure is made of them."""
    for name in ("econ_lines.pdf", "econ_only.pdf"):
        out = ok(outcomes, name)
        econ = {r["code"]: r["amount"] for r in out.frames["economic_items"]}
        assert {c: econ.get(c) for c in ("30212", "30217", "30231", "31013")} == \
            {"30212": pytest.approx(1.2), "30217": pytest.approx(2.1), "30231": pytest.approx(5.4),
             "31013": pytest.approx(12.0)}
        assert not [f for f in _flags(out, "cross_table_mismatch") if "三公" in f["message"]]
    alone = ok(outcomes, "econ_only.pdf")
    assert not alone.frames.get("sangong") and not [r for r in readings(alone, "sangong") if r["found"]]


def test_no_growth_is_read_across_the_round(outcomes):
    """Each office's 三公 table stands alone: another year's line (2024年预算数 in a 2025 budget) is no series of its
    own, so no growth is raised."""
    assert not _yoy([ok(outcomes, n) for n in WHOLE if n not in v.NO_SANGONG])


def test_a_figure_fused_with_the_words_after_it_is_split_off(outcomes):
    """序号 | 项目 | 预算数 | 决算数 | 增减变化原因 as 三线表: read by text position, each 决算数 runs into the left-aligned
    reason after it ("10.60 严格执行中央八项规定精神" under "决算数 增减变化原因"). The old reader took the fused label
    for a comparison (增减) and dropped the 决算数 column: a `complete` reading of the 预算数 alone. Split in two, all
    twelve figures are read."""
    got = sangong_table(ok(outcomes, "serial_reason_3l.pdf"))
    assert got == _drawn("serial_reason_3l.pdf")
    assert got["actual", "total"] == pytest.approx(10.6)


@pytest.mark.parametrize("name", ["basic_project.pdf", "basic_project_3l.pdf"])
def test_合计_基本支出_项目支出_columns_of_items_as_lines(outcomes, name):
    """A budget's items as lines under 合计 | 基本支出 | 项目支出: the 合计 column is the 三公 预算, its 基本 and 项目
    parts no stage of their own. The old reader took 合计 for the 合计 item's column of items as columns (one figure
    read, 基本支出's 8.10 unclaimed: `partial`, nothing judged)."""
    out = ok(outcomes, name)
    assert reading(out, "sangong")["status"] == "complete"
    assert sangong_table(out) == _drawn(name)


def test_合计_under_公务用车_is_its_subtotal(outcomes):
    """“三公”经费合计 | 因公出国（境）费 | 公务用车购置及运行费 over 合计 · 购置费 · 运行费 | 公务接待费: the 合计 under
    公务用车 is the 公务用车's own total. The old reader read it as the 三公 合计 (two 合计 columns, the 决算 合计 6.85
    for 10.70; `partial`)."""
    got = sangong_table(ok(outcomes, "vehicle_heji.pdf"))
    assert got["actual", "vehicle_total"] == pytest.approx(6.85)
    assert got["actual", "total"] == pytest.approx(10.7)


def test_a_title_cut_into_pieces_names_no_stage(outcomes):
    """The same table as 三线表: read by text position, the title lands in the header cut into pieces ("财政拨款“" |
    "三公”经费" | "支出决算表"); its piece 支出决算表 was taken for a stage label over the columns, so the 预算数 and
    决算数 lines were not read as stages — the old reader stored the 预算数 line as the 决算 (`complete`, 11.70 as the
    决算 合计). A title cut so is a banner line, no label: each line read as its stage."""
    got = sangong_table(ok(outcomes, "vehicle_heji_3l.pdf"))
    assert got == _drawn("vehicle_heji_3l.pdf")
    assert got["actual", "total"] == pytest.approx(10.7) and got["budget", "total"] == pytest.approx(11.7)


@pytest.mark.parametrize("name", ["vehicle_heji_3l_b.pdf", "kind_rows_3l_b.pdf", "stage_percent_3l_b.pdf"])
def test_an_item_label_cut_in_two_over_another_items_figures(outcomes, name):
    """Items as columns as 三线表 in the other house style: read by text position, 公务用车购置及运行费 is cut into
    "公务用车" | "购置及运行费", its first half over the 出国 figures (出国's own label over a blank column left of
    them). The old reader read the 出国 figures as a second 公务用车 小计 and kept the tables `partial` (each
    (stage, item) read twice). Each half and their join naming the same item, the label is put back together over its
    parts: every figure read, `complete`."""
    out = ok(outcomes, name)
    assert reading(out, "sangong")["status"] == "complete", reading(out, "sangong")["reason"]
    assert sangong_table(out) == _drawn(name)
