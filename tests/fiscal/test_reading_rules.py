"""Findings rest only on tables read `complete`; a `partial`/`unread` table yields one reading note
(info, category `reading`); `missing_tables` only for a table truly absent."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import polars as pl

from fiscal.flags import COLUMNS, to_csv, to_json
from fiscal.rules import FLAG_SCHEMA, RULES, Frames, evaluate
from fiscal.rules.engine import complete_rows

BASE = {"region_code": "310107", "region": "上海市普陀区", "agency_id": "wanli-123456", "agency": "万里街道办事处",
        "year": 2025}
NINE = ["summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic", "gov_fund",
        "soe_capital", "sangong"]


def row(doc_id: str = "b1", page: int = 1, **fields) -> dict:
    return {**BASE, "doc_id": doc_id, "page": page, **fields}


def doc(doc_id: str = "b1", tables=NINE, kind: str = "budget") -> dict:
    return row(doc_id, 1, doc_kind=kind, scope="department", source_name=f"{doc_id}.pdf", tables=list(tables),
               warnings=[], ingested_at=datetime(2025, 1, 1, tzinfo=UTC))


def reading(family: str, status: str = "complete", doc_id: str = "b1", page: int = 14, reason: str = "", *,
            found: bool = True, listed: bool = True, seen: tuple[int, ...] = ()) -> dict:
    return row(doc_id, page, family=family, title=family, table_pages=[page], status=status, reason=reason, rows=3,
               listed=listed, seen_pages=list(seen), empty=False, found=found)


def line(code: str | None, amount: float, reading_status: str, measure: str = "total", page: int = 18) -> dict:
    return row(page=page, table="expenditure", code=code, name="合计" if code is None else f"科目{code}",
               level=None if code is None else {3: 1, 5: 2, 7: 3}[len(code)], measure=measure, amount=amount,
               reading=reading_status)


# the wanli 2025 case: the 合计 line was not read (0.00) while the 类 lines were
MISREAD = [line(None, 0.0, "partial"), line("201", 10134.17, "partial"), line("212", 8842.58, "partial")]
PRINTED = [line(None, 100.0, "complete"), line("201", 60.0, "complete"), line("212", 30.0, "complete")]


def test_flags_carry_a_category():
    assert "category" in FLAG_SCHEMA and COLUMNS.index("category") == COLUMNS.index("severity") + 1
    assert RULES["reading_incomplete"].category == "reading" and RULES["reading_incomplete"].severity == "info"
    assert all(r.category == "finding" for r in RULES.values() if r.id != "reading_incomplete")


def test_a_partial_table_yields_one_reading_note_and_no_finding():
    reason = "第14、15、16……页 2025年部门支出预算总表：合计列 合计 vs 各类之和：合计 0.00 ≠ 分项之和 18,976.75（差 -18,976.75），和不闭合"
    frames = Frames.of(documents=[doc()], line_items=MISREAD,
                       readings=[reading("expenditure", "partial", reason=reason), reading("summary", page=9)])
    flags = evaluate(frames)
    assert flags.filter(pl.col("rule") == "totals_mismatch").is_empty()
    assert flags.filter(pl.col("category") == "finding", pl.col("severity") != "info").is_empty()
    notes = flags.filter(pl.col("category") == "reading")
    assert notes.height == 1 and notes["severity"].to_list() == ["info"]
    note = notes.row(0, named=True)
    assert note["rule"] == "reading_incomplete" and note["page"] == 14
    assert note["message"] == ("第14页表格未能完整读取：2025年部门支出预算总表：合计列 合计与各类之和：合计 0.00 ≠ "
                               "分项之和 18,976.75（差 -18,976.75），和不闭合")
    assert json.loads(note["evidence"])["status"] == "partial"


def test_the_same_figures_from_a_complete_table_are_a_finding():
    frames = Frames.of(documents=[doc()], line_items=PRINTED, readings=[reading("expenditure")])
    flags = evaluate(frames, rules=["totals_mismatch"])
    assert flags["severity"].to_list() == ["error"] and flags["category"].to_list() == ["finding"]


def test_rows_of_lakes_without_reading_status_still_count():
    old = [{k: v for k, v in r.items() if k != "reading"} for r in PRINTED]
    frames = Frames.of(documents=[doc()], line_items=old)
    assert complete_rows(frames, "line_items").height == 3
    assert evaluate(frames, rules=["totals_mismatch"]).height == 1


def test_each_unread_table_found_or_listed_is_one_note_an_absent_one_is_none():
    readings = [
        reading("expenditure", "unread", page=10, reason="第10页 支出预算总表：找到表格但未能解析（未识别到数据行）"),
        reading("income", "unread", page=2, found=False, reason="目录（第2页）列有“收入预算总表”，但文件中未找到该表"),
        reading("sangong", "unread", page=20, found=False, listed=False, seen=(20,), reason="第20页有“三公”…"),
        reading("soe_capital", "unread", page=1, found=False, listed=False, reason="未找到“国有资本经营预算表”"),
    ]
    notes = evaluate(Frames.of(documents=[doc()], readings=readings), rules=["reading_incomplete"])
    assert sorted(notes["page"].to_list()) == [2, 10, 20]
    assert set(notes["severity"]) == {"info"} and set(notes["category"]) == {"reading"}
    assert all(m.startswith("表格未能读取：") for m in notes["message"])


def test_a_toc_pointing_to_a_separate_table_file_is_no_note():
    # a text file whose 目录 lists the tables, published with a second file that holds them
    readings = [reading("income", "unread", "text", page=2, found=False), reading("income", "complete", "tables")]
    frames = Frames.of(documents=[doc("text", tables=[]), doc("tables")], readings=readings)
    assert evaluate(frames, rules=["reading_incomplete"]).is_empty()


def test_missing_tables_only_for_a_table_truly_absent():
    found = [t for t in NINE if t not in ("income", "sangong", "gov_fund")]
    readings = [reading(t) for t in found] + [
        reading("income", "unread", page=10, reason="找到表格但未能解析"),  # found, not parsed
        reading("sangong", "unread", page=20, found=False, listed=False, seen=(20,)),  # titled on a page
        reading("gov_fund", "unread", page=1, found=False, listed=False),  # absent
    ]
    flags = evaluate(Frames.of(documents=[doc(tables=found)], readings=readings), rules=["missing_tables"])
    assert flags.height == 1
    assert json.loads(flags["evidence"][0])["missing"] == ["gov_fund"]
    titled = [*readings[:-1], reading("gov_fund", "unread", page=1, found=False, listed=True, seen=(18,))]
    assert evaluate(Frames.of(documents=[doc(tables=found)], readings=titled), rules=["missing_tables"]).is_empty()


def test_a_table_the_toc_lists_and_no_page_shows_is_missing():
    # the 目录 (page 2) lists the 政府性基金 table, the document holds its other tables, no page shows this one
    found = [t for t in NINE if t != "gov_fund"]
    readings = [reading(t) for t in found] + [reading("gov_fund", "unread", page=2, found=False, listed=True,
                                                      reason="目录（第2页）列有“政府性基金预算财政拨款表”，但文件中未找到该表")]
    frames = Frames.of(documents=[doc(tables=found)], readings=readings)
    flags = evaluate(frames, rules=["missing_tables", "reading_incomplete"])
    assert flags["rule"].to_list() == ["missing_tables"]  # a finding, not also a note on our reading
    assert flags["page"].to_list() == [2] and flags["severity"][0] == "warning"
    assert flags["message"][0].endswith("中未找到：政府性基金预算财政拨款表（目录第2页列有，但各页均无该表）")
    assert json.loads(flags["evidence"][0])["listed_in_toc"] == ["gov_fund"]
    # however few tables the document holds: its own 目录 promises the table
    few = [reading(t) for t in NINE[:2]] + [reading(t, "unread", page=2, found=False, listed=True) for t in NINE[2:]]
    flags = evaluate(Frames.of(documents=[doc(tables=NINE[:2])], readings=few), rules=["missing_tables"])
    assert flags["severity"].to_list() == ["warning"] and len(json.loads(flags["evidence"][0])["missing"]) == 6


def test_a_listed_table_no_rule_requires_stays_a_note_on_our_reading():
    # the 目录 lists a 项目支出表 the document does not show: not a required table, so not a finding either
    readings = [reading(t) for t in NINE] + [reading("gpb_project", "unread", page=2, found=False, listed=True,
                                                     reason="目录（第2页）列有“项目支出表”，但文件中未找到该表")]
    flags = evaluate(Frames.of(documents=[doc()], readings=readings), rules=["missing_tables", "reading_incomplete"])
    assert flags["rule"].to_list() == ["reading_incomplete"] and "项目支出表" in flags["message"][0]


def test_a_toc_of_a_text_file_without_tables_accuses_nothing():
    # a text file's 目录 lists the tables published in a separate file (not in the lake): a reading note only
    readings = [reading(t, "unread", "text", page=2, found=False, listed=True) for t in NINE]
    frames = Frames.of(documents=[doc("text", tables=[])], readings=readings)
    flags = evaluate(frames, rules=["missing_tables", "reading_incomplete"])
    assert set(flags.filter(pl.col("severity") != "info")["rule"]) == set()
    assert flags.filter(pl.col("rule") == "reading_incomplete").height == len(NINE)


def test_a_scanned_document_is_never_said_to_miss_a_table():
    # a table OCR could not find is a reading gap, not a defect of the document
    from ingest.ocr import note

    scanned = {**doc(tables=NINE[:3]), "warnings": [note([1, 2, 3])]}
    readings = [reading(t) for t in NINE[:3]]
    assert evaluate(Frames.of(documents=[scanned], readings=readings), rules=["missing_tables"]).is_empty()
    assert evaluate(Frames.of(documents=[doc(tables=NINE[:3])], readings=readings), rules=["missing_tables"]).height == 1


def test_an_empty_table_on_a_page_read_by_ocr_is_a_note_not_a_finding():
    # OCR may have missed the 注 line that explains the empty table
    from ingest.ocr import note

    empty = "国有资本经营预算财政拨款支出决算表（第19页）为空表但未说明 / empty table without explanation"
    scanned = {**doc(tables=NINE, kind="final_account"), "warnings": [empty, note([18, 19])]}
    flags = evaluate(Frames.of(documents=[scanned]), rules=["missing_tables"])
    assert flags["severity"].to_list() == ["info"] and flags["message"][0].endswith("（该页经OCR识别，文字未经核对）")
    other_page = {**scanned, "warnings": [empty, note([3])]}
    assert evaluate(Frames.of(documents=[other_page]), rules=["missing_tables"])["severity"].to_list() == ["warning"]


def test_a_code_name_on_a_page_read_by_ocr_is_a_note():
    # a sum proves an OCR'd table's figures, nothing proves its names: 提租补贴 may be a misread 住房公积金
    from ingest.ocr import note

    li = [row(page=5, table="expenditure", code="2210201", name="提租补贴", level=3, measure="total", amount=1.0,
              reading="complete")]
    plain = evaluate(Frames.of(documents=[doc()], line_items=li), rules=["code_name_mismatch"])
    assert plain["severity"].to_list() == ["warning"]
    scanned = {**doc(), "warnings": [note([5])]}
    flags = evaluate(Frames.of(documents=[scanned], line_items=li), rules=["code_name_mismatch"])
    assert flags["severity"].to_list() == ["info"] and flags["message"][0].endswith("（该页经OCR识别，文字未经核对）")


def test_an_unmet_indicator_on_a_page_read_by_ocr_is_a_note():
    # an indicator's 实际完成值 is in no sum: OCR may have read 98% as 92%
    from ingest.ocr import note

    ind = [row(page=52, project="医保基金监督管理工作经费", level1="满意度指标", name="社会公众满意度", target="≥95%",
               actual="92%", target_value=95.0, actual_value=92.0, comparator=">=", weight=10.0, score=10.0,
               reading="complete")]
    assert evaluate(Frames.of(documents=[doc()], indicators=ind),
                    rules=["indicator_unmet_full_score"])["severity"].to_list() == ["warning"]
    scanned = {**doc(), "warnings": [note([52])]}
    flags = evaluate(Frames.of(documents=[scanned], indicators=ind), rules=["indicator_unmet_full_score"])
    assert flags["severity"].to_list() == ["info"]


def test_a_name_read_as_the_code_itself_is_no_code_name_mismatch():
    li = [row(page=5, table="expenditure", code="2010101", name="2010101", level=3, measure="total", amount=1.0,
              reading="complete")]
    assert evaluate(Frames.of(documents=[doc()], line_items=li), rules=["code_name_mismatch"]).is_empty()


def test_cli_output_has_the_category():
    frames = Frames.of(documents=[doc()], readings=[reading("expenditure", "partial", reason="x")])
    flags = evaluate(frames).with_columns(pl.lit("b1.pdf").alias("source_name"), pl.lit("").alias("source_path"))
    out = flags.select(COLUMNS)
    assert json.loads(to_json(out))[0]["category"] == "reading"
    assert to_csv(out).splitlines()[0].lstrip("\ufeff").startswith("rule,severity,category,")
