"""A fifth round of layouts (samplegen/variants_fifth.py), read back figure by figure.

Each variant PDF, and a copy with one printed figure changed so that a sum breaks, is drawn once per
session and ingested once with the real pipeline. Every figure is checked; the table is `complete`
where its sums close; in the broken copy the broken sum is named (the table `partial`, or `complete`
with the failed sum stated and the rule raising it) — never a silent `complete`.
"""

from __future__ import annotations

import pytest

from ingest.document import Outcome
from ingest.numbers import to_number
from samplegen import variants_fifth as v
from tests.ingest.layouts import broken_is_caught, ingested
from tests.ingest.layouts import ok as _ok
from tests.ingest.layouts import reading as _reading


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every variant PDF and its broken copy, written and ingested once."""
    return ingested(tmp_path_factory, v)


def _broken_is_caught(outcomes: dict[str, Outcome], name: str, family: str, rule: str) -> None:
    """A broken copy's reason may also name a cell it could not read (未识别)."""
    broken_is_caught(outcomes, v.broken_name(name), name, family, rule, failed=("不闭合", "未识别"))

def _gpb(out: Outcome) -> dict[tuple[str | None, str], float]:
    rows = [r for r in out.frames["line_items"] if r["table"] == "gpb_expenditure"]
    got = {(r["code"], r["measure"]): r["amount"] for r in rows}
    assert len(got) == len(rows), "one row per (code, measure)"
    return got


def _expected(negative: bool) -> dict[tuple[str | None, str], float]:
    return {(code, m): x for code, _name, *figures in v.lines(negative)
            for m, x in zip(v.MEASURES, figures, strict=True)}


SIGNED = ["gpb_minus_negative.pdf", "gpb_paren_negative.pdf", "gpb_wide_minus.pdf", "gpb_negative_three_line.pdf",
          "gpb_continued.pdf"]
UNSIGNED = ["gpb_dash_zeros.pdf", "gpb_emdash_zeros.pdf", "gpb_dash_zeros_three_line.pdf", "gpb_spaced_codes.pdf",
            "gpb_spaced_codes_three_line.pdf", "gpb_header_words_broken.pdf", "gpb_header_words_three_line.pdf",
            "gpb_code_above_title.pdf", "gpb_number_above_title.pdf", "gpb_title_numbered.pdf", "gpb_segment_codes.pdf",
            "gpb_turned.pdf", "gpb_spaced_codes_b_three_line.pdf", "mixed_units.pdf"]


@pytest.mark.parametrize("name", SIGNED + UNSIGNED)
def test_every_figure_of_the_gpb_table_is_read(outcomes, name):
    out = _ok(outcomes, name)
    assert (out.meta.doc_kind, out.meta.year) == ("final_account", 2023)
    negative = name in SIGNED
    assert _gpb(out) == _expected(negative)
    if negative:  # the 冲减 line is read negative and its 款/类 lines net of it
        assert _gpb(out)[(v.NEGATIVE_ITEM, "project")] == -3.2
    names = {r["code"]: r["name"] for r in out.frames["line_items"] if r["code"]}
    assert names["2080505"] == "机关事业单位基本养老保险缴费支出"
    reading = _reading(out, "gpb_expenditure")
    assert reading["status"] == "complete", reading["reason"]
    if name == "gpb_continued.pdf":
        assert reading["table_pages"] == [2, 3]
    if name != "mixed_units.pdf":  # its broken copy breaks the 三公 table (below)
        _broken_is_caught(outcomes, name, "gpb_expenditure", "totals_mismatch")


def test_a_yuan_table_beside_a_wan_table_reads_in_wan(outcomes):
    out = _ok(outcomes, "mixed_units.pdf")
    rows = [r for r in out.frames["sangong"] if r["source"] == "table"]
    assert {(r["stage"], r["item"]): r["amount"] for r in rows} == {
        ("actual", item): round(x, 6) for item, x in zip(v.SANGONG_ITEMS, v.MU_SANGONG, strict=True)}
    assert _reading(out, "sangong")["status"] == "complete"
    _broken_is_caught(outcomes, "mixed_units.pdf", "sangong", "sangong_sum_mismatch")


@pytest.mark.parametrize("name", ["basic_two_blocks.pdf", "basic_two_blocks_three_line.pdf"])
def test_budget_basic_costs_personnel_and_public_blocks_side_by_side(outcomes, name):
    out = _ok(outcomes, name)
    assert (out.meta.doc_kind, out.meta.year) == ("budget", 2024)
    got = {(r["code"], r["name"]): (r["group"], r["amount"]) for r in out.frames["economic_items"]}
    expected = {(code, name): (group, x) for group, lines in (("personnel", v.BB_PERSONNEL), ("public", v.BB_PUBLIC))
                for code, name, x in lines}
    expected[(None, "人员经费合计")] = ("personnel", v.BB_TOTALS["personnel"])
    expected[(None, "公用经费合计")] = ("public", v.BB_TOTALS["public"])
    assert got == expected
    assert _reading(out, "gpb_basic")["status"] == "complete"
    broken = _reading(_ok(outcomes, v.broken_name(name)), "gpb_basic")
    assert "不闭合" in broken["reason"] and (broken["status"] == "partial" or "文件本身所印" in broken["reason"])


def test_an_amount_fused_with_the_next_blocks_code_is_never_complete(outcomes):
    """In house style B as a 三线表 the 人员经费 amounts and the 公用经费 codes beside them come back from
    every reader in one cell ("268.40 302"): not yet read whole, and never taken for a reading."""
    for name in ("basic_two_blocks_b_three_line.pdf", v.broken_name("basic_two_blocks_b_three_line.pdf")):
        reading = _reading(_ok(outcomes, name), "gpb_basic")
        assert reading["status"] == "partial" and "一格印有两个数" in reading["reason"], reading["reason"]


@pytest.mark.parametrize("name", ["fiscal_summary_funds.pdf", "fiscal_summary_funds_three_line.pdf"])
def test_fiscal_summary_budget_a_column_per_fund(outcomes, name):
    out = _ok(outcomes, name)
    rows = [r for r in out.frames["summary"] if r["table"] == "fiscal_summary"]
    items = {r["item"]: r["amount"] for r in rows}
    assert {k: items[k] for k in v.FS_TOTALS} == v.FS_TOTALS
    # 上年结转's 一般公共预算拨款 line is a part of the balance, not the year's appropriation
    assert (items["opening_balance_fiscal"], items["opening_balance_gov_fund"]) == (20.0, 0.0)
    classes = {r["label"]: r["amount"] for r in rows if r["item"] == "function_class"}
    assert classes == {label[3:]: g + f for label, g, f in v.FS_CLASSES}
    assert _reading(out, "fiscal_summary")["status"] == "complete"
    _broken_is_caught(outcomes, name, "fiscal_summary", "totals_mismatch")


@pytest.mark.parametrize(("text", "value"), [("−3.20", -3.2), ("－3.20", -3.2), ("（1,203.20）", -1203.2),
                                             ("- 3.20", -3.2), ("-", 0.0), ("—", 0.0)])
def test_negative_signs_and_zero_marks_as_offices_type_them(text, value):
    assert to_number(text) == value
