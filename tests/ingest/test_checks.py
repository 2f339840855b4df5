"""Arithmetic checks at ingest (ingest/checks.py): a 总表's 本年收入合计 against the income lines it prints, a group
line (财政拨款 over its funds, 单位资金 over 事业收入 … 其他收入) counted once, on real and rendered PDFs."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from fiscal.rules import Frames, evaluate
from ingest import checks
from ingest.document import Outcome, ingest_file

JIANGSU = Path(__file__).resolve().parents[2] / "samples" / "real" / "jiangsu"
OTHER_INCOME = "3.73"  # 郴州 2022 总表: 其他收入 printed 3.73 where 本年收入合计 1,467.89 = 1,467.16 + 0.73


def _line(item: str, label: str, amount: float, table: str = "summary") -> dict:
    return {"table": table, "item": item, "label": label, "amount": amount}


def _failures(rows: list[dict]) -> list[str]:
    return [f.message() for f in checks.check_table({"summary": rows})[1]]


def test_a_jiangsu_budget_counts_its_fiscal_group_line_once():
    # 江苏省政协办公厅 2018 部门预算 收支预算总表: 财政拨款 10,070.48 | 一般公共预算 10,070.48 (its one fund) | 其他资金
    # 80.00 | 当年收入小计 10,150.48 — the group line and its fund are one figure, not two
    outcome = ingest_file(JIANGSU / "江苏省政协办公厅2018度部门预算公开表.pdf")
    rows = [r for r in outcome.frames["summary"] if r["table"] == "summary"]
    assert {(r["item"], r["amount"]) for r in rows} >= {
        ("fiscal_total", 10070.48), ("fiscal_appropriation", 10070.48), ("other_income", 80.0),
        ("income_total", 10150.48)}
    assert _failures(rows) == []
    assert {r["family"]: r["status"] for r in outcome.frames["readings"]}["summary"] == "complete"


def test_unit_funds_over_its_own_lines_count_once_and_a_total_they_miss_fails():
    lines = [_line("fiscal_appropriation", "一般公共预算拨款收入", 100.0), _line("other", "财政专户管理资金收入", 5.0),
             _line("other", "单位资金", 50.0), _line("business_income", "事业收入", 30.0),
             _line("other_income", "其他收入", 20.0)]
    assert _failures([*lines, _line("income_total", "本年收入合计", 155.0)]) == []
    assert _failures([*lines, _line("income_total", "本年收入合计", 175.0)]) == [
        "本年收入合计与各项收入之和：合计 175.00 ≠ 分项之和 155.00（差 +20.00），和不闭合"]


def test_the_funds_under_last_years_balance_and_other_breakdowns_are_not_this_years_income():
    rows = [_line("fiscal_appropriation", "一般公共预算拨款收入", 100.0), _line("other", "其中：教育收费", 8.0),
            _line("business_income", "事业收入", 10.0), _line("income_total", "本年收入合计", 110.0),
            _line("opening_balance", "上年结转结余", 12.0), _line("other", "财政专户管理资金", 12.0),
            _line("grand_total", "收入总计", 122.0)]
    assert _failures(rows) == []


def test_funds_printed_by_their_short_names_count_and_a_total_under_last_years_balance_includes_it():
    # 江苏-style lines without 财政拨款 over them: 一般公共预算 | 政府性基金 (no item of its own) | 其他资金
    lines = [_line("fiscal_appropriation", "一般公共预算", 900.0), _line("other", "政府性基金", 100.0),
             _line("other_income", "其他资金", 20.0)]
    assert _failures([*lines, _line("income_total", "当年收入小计", 1020.0)]) == []
    # no 本年收入 line: 收入合计 printed under 上年结转 is the side's 总计
    assert _failures([*lines, _line("opening_balance", "上年结转", 30.0),
                      _line("income_total", "收入合计", 1050.0)]) == []


def test_a_summary_without_an_income_total_adds_its_lines_up_to_the_grand_total():
    # 普陀 部门预算: 财政拨款收入 over 一般公共预算, no 本年收入合计, 收入总计 only
    rows = [_line("fiscal_total", "财政拨款收入", 9628.22), _line("fiscal_appropriation", "一般公共预算", 9628.22),
            _line("business_income", "事业收入", 0.0), _line("grand_total", "收入总计", 9628.22)]
    assert _failures(rows) == []
    assert _failures([*rows[:3], _line("grand_total", "收入总计", 9700.00)]) == [
        "收入方 总计与各项收入、结转结余之和：合计 9,700.00 ≠ 分项之和 9,628.22（差 +71.78），和不闭合"]


@pytest.fixture(scope="module")
def misprinted(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """郴州 2022 决算's nine tables, its 总表's 其他收入 printed 3.73: 本年收入合计 no longer the sum of its lines."""
    from samplegen import chenzhou
    from samplegen.layout import Cover, Part, Renderer
    from samplegen.seeds import seed_lines
    from samplegen.styles import STYLE_A

    lines = seed_lines(chenzhou.SEED)
    tables = copy.deepcopy(chenzhou.final_account_tables(lines))
    summary = next(t for t in tables if t.code == "公开01表")
    next(r for r in summary.grid.rows if r[0] == "八、其他收入")[2] = OTHER_INCOME
    path = tmp_path_factory.mktemp("checks") / "chenzhou_income_2022.pdf"
    r = Renderer(path, STYLE_A, chenzhou.TITLE, chenzhou.AGENCY)
    r.render([Cover(["2022年度", "郴州市医疗保障局部门决算"]), chenzhou._toc(lines), Part("第二部分", "部门决算表"),
              *tables])
    r.save()
    outcome = ingest_file(path)
    assert outcome.rejected is None, outcome.rejected
    return outcome


def test_income_lines_that_miss_the_printed_total_are_the_documents_and_flagged(misprinted: Outcome):
    reading = {r["family"]: r for r in misprinted.frames["readings"]}["summary"]
    # two readers read the same figures: the document prints them, so the table is complete and the rules judge it
    assert reading["status"] == "complete", reading["reason"]
    assert "本年收入合计与各项收入之和：合计 1,467.89 ≠ 分项之和 1,470.89" in reading["reason"]
    frames = Frames.of(**{k: v for k, v in misprinted.frames.items() if k in Frames.__dataclass_fields__})
    flags = evaluate(frames, rules=["totals_mismatch"]).filter(severity="error")
    assert [m for m in flags["message"] if "本年收入" in m] == [
        "第5页收入支出总表 本年收入合计与各项收入之和：合计 1,467.89 ≠ 分项之和 1,470.89（差 -3.00）"]
