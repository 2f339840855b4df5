"""A thirteenth round of 三公 layouts (samplegen/variants_sangong_thirteenth.py): counts (团组数, 人次, 保有量, 批次)
as columns or lines beside the amounts, 预算数 | 决算数 | 完成率 under each item in 元, last year's 决算 beside this
year's, 购置费 | 运行费 with no 小计, a table of zeros, one split over two pages with no header on the second, years
and stages as lines, the 政府性基金 三公 table after the 一般公共预算 one, one line per 单位 of a 部门, a 预算执行情况表.

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
from samplegen import variants_sangong_thirteenth as v
from tests.ingest.layouts import DATASETS, ingested, ok, reading, readings, sangong_table

SANGONG_RULES = ("sangong_sum_mismatch", "sangong_over_budget")
WHOLE = [name for name in v.VARIANTS if name.replace("_3l.pdf", ".pdf") in v.PLANTS or name == "all_zero.pdf"]


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _flags(out: Outcome, rule: str) -> list[dict[str, Any]]:
    """`rule`'s flags on one document's rows (message, page, evidence)."""
    frames = {k: rows for k, rows in out.frames.items() if k in DATASETS}
    found = evaluate(Frames.of(**frames), rules=[rule])
    return [{**r, "evidence": evidence_of(r["evidence"])} for r in found.iter_rows(named=True)]


def _table_reading(out: Outcome) -> dict[str, Any]:
    """The reading of the table the 三公 rows come from: the 三公 table's, or the 基本支出 table's (a 三公 section)."""
    found = [r for r in out.frames["readings"] if r["found"] and r["family"] in ("sangong", "gpb_basic")]
    return next((r for r in found if r["family"] == "sangong"), None) or reading(out, "gpb_basic")


def _drawn(name: str, broken: bool = False) -> dict[tuple[str, str], Any]:
    return {k: pytest.approx(x, abs=1e-9) for k, x in v.drawn(name, broken).items()}


@pytest.mark.parametrize("name", WHOLE)
def test_every_figure_drawn_is_read_and_the_whole_copy_raises_nothing(outcomes, name):
    """Counts are no amounts, 完成率 / 增减 / 上年 columns no figures of the year, the 政府性基金 table's figures not the
    三公 table's, the 部门's 合计 line not a 单位's: the 三公 table reads `complete`, every figure as drawn. Also as
    三线表 (`_3l`: read by text position, each label left over a blank column beside its figures — the old reader put
    购置's figure under 小计, 公务接待费's under 合计 …, and kept those readings as `partial`)."""
    out = ok(outcomes, name)
    one = _table_reading(out)
    assert one["status"] == "complete", one["reason"]
    assert sangong_table(out) == _drawn(name)
    for rule in SANGONG_RULES:
        assert not _flags(out, rule), rule


@pytest.mark.parametrize("name", sorted(v.PLANTS))
def test_the_planted_defect_is_raised_with_its_figures_and_page(outcomes, name):
    """The broken copy's figures are read as printed, its planted defect raised by its rule on the page printing the
    figures compared (the 决算数 line on the second page of a split table: that page), and no other 三公 rule raised."""
    plant = v.PLANTS[name]
    out = ok(outcomes, v.broken_name(name))
    one = _table_reading(out)
    assert sangong_table(out) == _drawn(name, broken=True)
    assert one["status"] == "complete", one["reason"]
    (flag,) = _flags(out, plant.rule)
    stage = flag["evidence"].get("stage", "actual")  # (over budget: the 决算 figure's page)
    assert flag["page"] == min(r["page"] for r in out.frames["sangong"] if r["stage"] == stage)
    assert flag["page"] in one["table_pages"]
    for key, value in plant.evidence:
        assert flag["evidence"][key] == (pytest.approx(value, abs=1e-6) if isinstance(value, float) else value), key
    assert not [r for r in SANGONG_RULES if r != plant.rule and _flags(out, r)]


def test_counts_beside_the_amounts_are_not_stored_as_amounts(outcomes):
    """团组数, 人次, 购置数, 保有量, 批次 (as columns beside the item columns, as lines under their item, or as columns
    beside the 预算数 | 决算数 of items as lines, or in brackets after an item's name): no count is a 三公 row, not even
    in 元 (a count of 268 read as 268 元 would be 0.0268 万元). The old reader took the count columns of items as lines
    for two more stage columns and read nothing of the table, and took 公务接待费（35批次，196人次）for a count line (the
    table `partial`, three items missing)."""
    for name, counts in (("counts_columns.pdf", [x for pair in v.CC_COUNTS for x in pair]),
                         ("counts_rows.pdf", [n for lines in v.CR_COUNTS.values() for _label, n in lines]),
                         ("rows_count_columns.pdf", [x for pair in v.RC_COUNTS.values() for x in pair]),
                         ("counts_in_labels.pdf", [1, 3, 2, 35, 196])):
        rows = ok(outcomes, name).frames["sangong"]
        assert len(rows) == len(v.drawn(name)), name
        drawn = set(v.drawn(name).values())
        stray = {float(n) for n in counts} | {n / 10000 for n in counts}
        assert not {r["amount"] for r in rows} & (stray - drawn), name


def test_a_vehicle_header_without_its_subtotal_closes_over_purchase_and_operation(outcomes):
    """公务用车购置及运行费 merged over 公务用车购置费 | 公务用车运行费 and no 小计 column: 购置 and 运行 read in their own
    columns, no 小计 made up, the 合计 checked against 出国 + 购置 + 运行 + 接待 (the old reader asked for a 小计 the
    table does not print: `partial`, and a text-position reading that put 购置's 18.00 under the 小计 was stored)."""
    out = ok(outcomes, "vehicle_no_subtotal.pdf")
    got = sangong_table(out)
    assert ("budget", "vehicle_total") not in got
    assert got["budget", "vehicle_purchase"] == pytest.approx(18.0)
    assert "1 项勾稽校验通过" in reading(out, "sangong")["reason"]


def test_a_table_of_zeros_under_its_note_is_empty_and_complete(outcomes):
    """Every figure 0.00 (or —) under 本部门无“三公”经费支出: `complete`, empty, nothing raised."""
    one = reading(ok(outcomes, "all_zero.pdf"), "sangong")
    assert one["status"] == "complete" and one["empty"], one


@pytest.mark.parametrize("name", ["with_gov_fund.pdf", "with_gov_fund_qualified.pdf"])
def test_the_gov_fund_三公_table_is_not_the_三公_table(outcomes, name):
    """The 政府性基金 三公 table after the 一般公共预算 one — titled 政府性基金预算财政拨款“三公”经费支出决算表, or
    “三公”经费支出决算表（政府性基金预算财政拨款）with the fund in brackets: one 三公 reading (page 2), its figures (the
    old triage knew no title in the bracketed one and joined it to the 三公 table as its second page)."""
    out = ok(outcomes, name)
    assert [r["table_pages"] for r in readings(out, "sangong")] == [[2]]
    assert {r["page"] for r in out.frames["sangong"]} == {2}


def test_unit_lines_are_checked_against_the_departments_total_line(outcomes):
    """单位 lines under (or over) the 部门's 合计 line: the 合计 line is read (first or last), each column checked against
    the 单位 lines (…财政预算评审中心 is a 单位, not a 预算数 line); a 合计 line above its 单位 lines' sum reads
    `partial` with the column named (no rule judges it; the old reader never looked at the 单位 lines)."""
    for name in ("units_rows.pdf", "units_total_last.pdf"):
        assert reading(ok(outcomes, name), "sangong")["status"] == "complete"
    one = reading(ok(outcomes, "units_off.pdf"), "sangong")
    assert one["status"] == "partial" and "公务接待费列 合计行与各单位之和" in one["reason"], one["reason"]


def test_unit_lines_without_a_total_line_are_not_guessed(outcomes):
    """Three 单位 lines of figures and no 合计 line: the 部门's figures are not printed, none is taken for them (the
    old reader stored the first 单位's figures as the 部门's and called the table complete)."""
    out = ok(outcomes, "units_no_total.pdf")
    one = reading(out, "sangong")
    assert one["status"] != "complete" and "无合计行" in one["reason"], one["reason"]
    assert not out.frames.get("sangong")


def test_a_三公_section_under_the_basic_table_is_the_三公_table_not_economic_lines(outcomes):
    """一般公共预算基本支出表 whose grid goes on under its 经济分类 lines with “三公”经费支出 and the 三公 items (no code,
    the figure in the 合计 column): the 经济分类 lines read whole and `complete`, the items read as 三公 figures (the old
    reader coded 3.公务接待费 as a second 30217, read the rest as unknown names and left the table `partial`)."""
    out = ok(outcomes, "basic_with_sangong.pdf")
    one = reading(out, "gpb_basic")
    assert one["status"] == "complete", one["reason"]
    economic = {r["code"] or r["name"]: r["amount"] for r in out.frames["economic_items"]}
    assert economic == {**{c: pytest.approx(p + q) for c, _n, p, q in v.BS_ECON}, "合计": pytest.approx(471.02)}
    assert len(out.frames["economic_items"]) == len(v.BS_ECON) + 1
