"""The consistency rules' third pass: a part printed in 元 that completes its 万元 whole, the funds of "N 个项目"
against the N 自评表, project amounts listed per 项 against their 自评表, and a 基本支出 实际支出数 against the
expenditure tables — on the real sample lake (郴州, 达州, 四川) and on hand-made rows, each with a case that
must stay silent."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from typing import Any

import polars as pl
import pytest

from fiscal.rules import Frames, evaluate
from fiscal.rules.prose_projects import count_of

_HEADING = re.compile(r"^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")
_DOC = {"doc_id": "d", "region_code": "510000", "agency": "四川省某中心", "agency_id": "a", "source_name": "d.pdf"}


def _frames(texts: list[str], kind: str = "performance_report", **extra: list[dict[str, Any]]) -> Frames:
    docs = [{**_DOC, "year": 2023, "doc_kind": kind}]
    rows = [{**_DOC, "year": 2023, "page": 2, "key": "sentence", "text": t,
             "value": f"{i:04d}:" + ("heading" if _HEADING.match(t) else "amount")} for i, t in enumerate(texts)]
    return Frames.of(documents=docs, narrative=rows + extra.pop("narrative", []), **extra)


def _form(name: str, initial: float, full: float, executed: float, page: int = 3) -> dict[str, Any]:
    return {**_DOC, "year": 2023, "page": page, "project": name, "budget_initial": initial,
            "budget_full_year": full, "executed": executed, "reading": "complete"}


def _messages(frames: Frames, rule: str) -> list[str]:
    return evaluate(frames, rules=[rule]).filter(pl.col("severity") != "info")["message"].to_list()


@pytest.fixture(scope="module")
def real(sample_lake) -> Frames:
    return Frames.from_lake(sample_lake)


def _only(frames: Frames, source: str) -> Frames:
    """The frames of one document of the lake."""
    doc_id = frames.documents.filter(pl.col("source_name") == source)["doc_id"][0]
    return Frames(**{f.name: getattr(frames, f.name).filter(pl.col("doc_id") == doc_id) for f in fields(frames)})


# ---------------------------------------------------------------- unit_mismatch: a part in 元 completing its whole


def test_a_part_printed_in_yuan_that_completes_its_whole_is_a_unit_slip(real):
    dazhou = _only(real, "dazhou_2023_budget_a.pdf")
    assert evaluate(dazhou, rules=["unit_mismatch"]).is_empty()  # as published: 公用经费 30.13 万元
    public = pl.col("key") == "public_total"
    assert dazhou.narrative.filter(public)["amount"].to_list() == [30.13]
    slipped = dazhou.narrative.with_columns(  # "公用经费 30.13 元,主要包括…", stored as 0.003013 万元
        pl.when(public).then(pl.col("text").str.replace("30.13 万元", "30.13 元")).otherwise(pl.col("text")).alias("text"),
        pl.when(public).then(pl.lit("元")).otherwise(pl.col("unit")).alias("unit"),
        pl.when(public).then(pl.lit(0.003013)).otherwise(pl.col("amount")).alias("amount"))
    flags = evaluate(Frames(**{**{f.name: getattr(dazhou, f.name) for f in fields(dazhou)}, "narrative": slipped}),
                     rules=["unit_mismatch"])
    assert flags.height == 1 and flags["page"][0] == 6
    assert "30.13 元" in flags["message"][0] and "人员经费 380.76 万元" in flags["message"][0]
    ev = json.loads(flags["evidence"][0])
    assert (ev["total_item"], ev["total"], ev["parts"]) == ("基本支出", 410.89, ["人员经费 380.76"])


def test_a_part_in_yuan_that_does_not_complete_the_whole_stays_silent():
    nar = [{**_DOC, "year": 2023, "page": 6, "key": k, "text": t, "amount": a, "unit": u}
           for k, t, a, u in (("basic_total", "基本支出 410.89 万元", 410.89, "万元"),
                              ("personnel_total", "人员经费 380.76 万元", 380.76, "万元"),
                              ("public_total", "公用经费 3013 元", 0.3013, "元"))]
    assert _messages(_frames([], "budget", narrative=nar), "unit_mismatch") == []
    nar[2] = {**nar[2], "text": "公用经费 30.13 元", "amount": 0.003013}
    assert len(_messages(_frames([], "budget", narrative=nar), "unit_mismatch")) == 1


# ---------------------------------------------------------------- the funds of "N 个项目"


def test_the_funds_of_all_projects_against_their_forms(real):
    flags = evaluate(_only(real, "sichuan_2023_selfeval_provincial.pdf"), rules=["narrative_table_mismatch"])
    assert flags.height == 1 and flags["page"][0] == 2
    ev = json.loads(flags["evidence"][0])
    assert (ev["narrative"], ev["table"]) == (1036.0, 915.5)
    assert (ev["budget_initial"], ev["budget_full_year"], ev["executed"]) == (910.0, 915.5, 787.9)


def test_the_funds_of_n_projects_stay_silent_when_a_total_fits_or_the_count_differs():
    forms = [_form("甲项目", 100, 120, 90), _form("乙项目", 50, 50, 40, page=4)]
    said = "自评范围包括甲项目等2个项目,涉及资金{}万元。"
    assert len(_messages(_frames([said.format(200)], projects=forms), "narrative_table_mismatch")) == 1
    for fits in (150, 170, 130):  # 年初预算, 全年预算 or 执行数 total
        assert _messages(_frames([said.format(fits)], projects=forms), "narrative_table_mismatch") == []
    three = "自评范围包括甲项目等三个项目,涉及资金200万元。"  # the document holds two forms: not all of them
    assert _messages(_frames([three], projects=forms), "narrative_table_mismatch") == []
    assert [count_of(w) for w in ("4", "四", "十二", "二十三", "两", "百")] == [4, 4, 12, 23, 2, None]


# ---------------------------------------------------------------- project amounts listed per 项


def test_project_amounts_listed_per_item_against_their_forms(real):
    for source, pages in (("chenzhou_2022_final_a.pdf", (59, 61)), ("chenzhou_2022_final_b.pdf", (60, 62))):
        flags = evaluate(_only(real, source), rules=["narrative_table_mismatch"])
        listed = flags.filter(pl.col("message").str.contains("按支出科目列出"))
        got = {json.loads(e)["project"]: json.loads(e) for e in listed["evidence"]}
        # 市级统筹工作经费 9.19 (form: 执行数 10); 基金管理重点工作经费 97.3 + 21.65 (form: 118.27); the central
        # subsidies listed with a year in their names (2022年…资金) name no form exactly and stay silent
        assert set(got) == {"市级统筹工作经费", "基金管理重点工作经费"}, source
        assert (got["基金管理重点工作经费"]["narrative"], got["基金管理重点工作经费"]["table"]) == (118.95, 118.27)
        assert sorted(e["table_page"] for e in got.values()) == list(pages)


def test_project_amounts_that_fit_a_form_figure_stay_silent():
    forms = [_form("医疗待遇保障工作经费", 45, 28.75, 28.75), _form("市级统筹工作经费", 30, 30, 10, page=4)]
    texts = ["(二)项目支出情况", "b 行政运行(项) 102.3 万元(医疗待遇保障工作经费 5 万元,基金管理重点工作经费 97.3 万元)",
             "(医疗待遇保障工作经费 23.75 万元,市级统筹工作经费 10 万元)"]
    assert _messages(_frames(texts, "final_account", projects=forms), "narrative_table_mismatch") == []
    texts[2] = "(医疗待遇保障工作经费 23.75 万元,市级统筹工作经费 9.19 万元)"
    assert len(_messages(_frames(texts, "final_account", projects=forms), "narrative_table_mismatch")) == 1
    # the same name in another section (a budget paragraph) is not added in
    texts += ["七、项目预算", "(市级统筹工作经费 30 万元)"]
    assert len(_messages(_frames(texts, "final_account", projects=forms), "narrative_table_mismatch")) == 1


# ---------------------------------------------------------------- 基本支出 实际支出数 against the tables


def test_a_basic_expenditure_actual_against_the_expenditure_tables(real):
    flags = evaluate(_only(real, "chenzhou_2022_final_a.pdf"), rules=["narrative_table_mismatch"])
    column = flags.filter(pl.col("message").str.contains("实际支出数"))
    assert column["page"].to_list() == [29]
    ev = json.loads(column["evidence"][0])
    assert (ev["narrative"], ev["table"], ev["table_page"]) == (970.5, 970.13, 14)  # the nearer of 970.13 and 971.50


def test_a_column_actual_that_a_table_gives_or_a_project_spending_stays_silent():
    lines = [{**_DOC, "year": 2023, "page": 10, "table": "expenditure", "code": None, "name": "合计", "measure": m,
              "amount": a, "reading": "complete"} for m, a in (("basic", 971.5), ("project", 497.02))]
    said = ["2022年度基本支出年初预算数708.7万元,全年预算数970.5万元,实际支出数{}万元。"]
    assert len(_messages(_frames([said[0].format(970.5)], "final_account", line_items=lines),
                         "narrative_table_mismatch")) == 1
    assert _messages(_frames([said[0].format(971.5)], "final_account", line_items=lines),
                     "narrative_table_mismatch") == []
    one_project = "市级统筹工作经费项目支出全年预算数30万元,实际支出数10万元。"  # a project, not the column
    assert _messages(_frames([one_project], "final_account", line_items=lines), "narrative_table_mismatch") == []


# ---------------------------------------------------------------- 上年决算数 used as the 年初预算


def test_a_prior_year_figure_that_the_sentence_uses_as_the_budget(real):
    flags = evaluate(_only(real, "chenzhou_2022_final_a.pdf"), rules=["narrative_table_mismatch"])
    prior = flags.filter(pl.col("message").str.contains("上年决算数"))
    assert prior["page"].to_list() == [24] and prior["severity"].to_list() == ["warning"]
    assert json.loads(prior["evidence"][0])["上年"] == 113.73


def test_a_prior_year_figure_with_a_change_of_its_own_stays_silent():
    said = "本部门2022年机关运行经费支出97.99万元,上年决算数113.73万元,比年初预算减少{}万元。"
    assert len(_messages(_frames([said.format("15.74")], "final_account"), "narrative_table_mismatch")) == 1
    assert _messages(_frames([said.format("8.01")], "final_account"), "narrative_table_mismatch") == []


# ---------------------------------------------------------------- a note printed under a table


def test_a_drafting_note_under_a_table_is_template_residue_once_read_as_a_sentence():
    # the ingest reads prose pages only today; a note under a table (template_final_account.pdf p13) fires as
    # soon as it is stored as a `sentence` row, while the table's own 注 (what it reports) stays silent
    notes = ["无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：",
             "说明：上海市 XX 局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"]
    flags = evaluate(_frames(notes, "final_account"), rules=["template_residue"])
    assert flags.height == 1 and "填写说明" in flags["message"][0] and "占位符" in flags["message"][0]
    plain = ["注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。"]
    assert evaluate(_frames(plain, "final_account"), rules=["template_residue"]).is_empty()
