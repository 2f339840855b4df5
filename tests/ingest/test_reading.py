"""Reading status per table (ingest/reading.py, ingest/toc.py): complete / partial / unread, the
second reading of a table whose sums fail, and the 目录 parser on real PDFs."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from ingest import toc
from ingest.batch import documents_row
from ingest.document import Outcome, ingest_file
from ingest.extract import words_to_grid
from ingest.model import RawTable
from ingest.reading import _realigned

BROKEN_CELL = "0.70 9.30"  # two numbers in one cell of 支出决算表 line 2080501
MISPRINTED_TOTAL = "6.72"  # the 三公 决算 合计 (4.00 + 2.22 = 6.22) printed wrong


@pytest.fixture(scope="session")
def broken_doc(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    """郴州 2022 决算 (seed 000) with its nine tables and 目录, one cell of 支出决算表 unreadable and the
    三公 决算 合计 misprinted."""
    from samplegen import chenzhou
    from samplegen.layout import Cover, Part, Renderer
    from samplegen.seeds import seed_lines
    from samplegen.styles import STYLE_A

    lines = seed_lines(chenzhou.SEED)
    tables = copy.deepcopy(chenzhou.final_account_tables(lines))
    expenditure = next(t for t in tables if t.code == "公开03表")
    row = next(r for r in expenditure.grid.rows if r[0] == "2080501")
    row[2] = BROKEN_CELL
    sangong = next(t for t in tables if t.code == "公开09表")
    sangong.grid.rows[-1][6] = MISPRINTED_TOTAL
    path = tmp_path_factory.mktemp("reading") / "chenzhou_broken_2022.pdf"
    r = Renderer(path, STYLE_A, chenzhou.TITLE, chenzhou.AGENCY)
    r.render([Cover(["2022年度", "郴州市医疗保障局部门决算"]), chenzhou._toc(lines),
              Part("第二部分", "部门决算表"), *tables])
    r.save()
    outcome = ingest_file(path)
    assert outcome.rejected is None, outcome.rejected
    return outcome


def _readings(o: Outcome) -> dict[str, dict]:
    return {r["family"]: r for r in o.frames["readings"]}


def test_a_table_with_an_unreadable_cell_is_partial_and_says_which(broken_doc: Outcome):
    r = _readings(broken_doc)["expenditure"]
    assert r["status"] == "partial"
    assert "0.70 9.30" in r["reason"] and "第" in r["reason"] and "页" in r["reason"]
    rows = [x for x in broken_doc.frames["line_items"] if x["table"] == "expenditure"]
    assert rows and {x["reading"] for x in rows} == {"partial"}


def test_tables_whose_sums_close_are_complete(broken_doc: Outcome):
    r = _readings(broken_doc)
    for family in ("summary", "income", "gpb_expenditure", "gpb_basic"):
        assert r[family]["status"] == "complete", r[family]["reason"]
        assert "校验通过" in r[family]["reason"]
    assert r["gov_fund"]["status"] == "complete" and r["gov_fund"]["empty"] and "空表" in r["gov_fund"]["reason"]
    assert {x["reading"] for x in broken_doc.frames["line_items"] if x["table"] == "income"} == {"complete"}
    assert {x["reading"] for x in broken_doc.frames["line_items"] if x["table"] == "gpb_expenditure"} == {"complete"}


def test_a_misprinted_total_read_alike_by_two_readers_is_the_documents_own(broken_doc: Outcome):
    r = _readings(broken_doc)["sangong"]
    assert r["status"] == "complete", r["reason"]
    assert "两种读法" in r["reason"] and "6.72" in r["reason"] and "6.22" in r["reason"]
    assert {x["reading"] for x in broken_doc.frames["sangong"] if x.get("source") == "table"} == {"complete"}


def test_every_table_the_toc_lists_has_a_reading(broken_doc: Outcome):
    r = _readings(broken_doc)
    expected = {"summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic", "gov_fund",
                "soe_capital", "sangong"}
    assert expected <= set(r)
    assert all(r[f]["listed"] for f in expected)
    assert all(r[f]["found"] for f in expected)


def test_the_broken_table_yields_a_reading_note_and_no_finding(broken_doc: Outcome):
    from fiscal.rules import Frames, evaluate

    frames = Frames.of(documents=[documents_row(broken_doc, datetime.now(UTC))],
                       **{k: v for k, v in broken_doc.frames.items()})
    flags = evaluate(frames)
    notes = flags.filter(flags["category"] == "reading")
    assert notes.height == 1
    note = notes.row(0, named=True)
    assert note["rule"] == "reading_incomplete" and note["severity"] == "info"
    assert note["message"].startswith(f"第{note['page']}页表格未能完整读取") and "支出决算表" in note["message"]
    findings = flags.filter(flags["category"] == "finding", flags["severity"] != "info")
    about = findings.filter(findings["message"].str.contains("支出表|2080501|20805"))
    assert about.is_empty(), about["message"].to_list()
    # the misprinted 三公 total, read alike twice, is a finding about the document
    misprint = findings.filter(findings["rule"] == "sangong_sum_mismatch")
    assert misprint.height == 1 and "6.72" in misprint["message"][0] and misprint["severity"][0] == "error"


def test_a_narrow_total_row_is_realigned_under_the_amount_columns():
    table = RawTable("expenditure", "支出表", [1], [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
                     [["201", "一般公共服务", "3.00", "1.00", "2.00"], ["合计", "3.00", "1.00", "2.00", ""]], [1, 1])
    fixed = _realigned(table)
    assert fixed is not None
    assert fixed.rows[1] == ["合计", "", "3.00", "1.00", "2.00"]
    assert fixed.rows[0] == table.rows[0]


def test_words_grouped_by_column_positions():
    def w(text: str, x0: float, top: float) -> dict:
        return {"text": text, "x0": x0, "x1": x0 + 6 * len(text), "top": top}

    words = [w("支出表", 100, 10),  # title: dropped
             w("科目编码", 10, 30), w("科目名称", 60, 30), w("合计", 160, 30),
             w("201", 10, 50), w("一般公共服务支出", 60, 50), w("1,234.50", 150, 50),
             w("20101", 10, 70), w("人大事务", 60, 70), w("34.50", 159, 70)]
    assert words_to_grid(words) == [["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "1,234.50"],
                                    ["20101", "人大事务", "34.50"]]


def _front_pages(pdf_path: Path, n: int = 6) -> list[str]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(min(n, len(pdf)))]
    finally:
        pdf.close()


def test_toc_of_a_shanghai_final_account(real_dir: Path):
    entries = toc.parse(_front_pages(real_dir / "putuo_caizhengju_2024_final.pdf"))
    assert [e.family for e in entries] == ["summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure",
                                           "gpb_basic", "sangong", "gov_fund", "soe_capital"]
    assert entries[6].title == "财政拨款“三公”经费支出决算表" and entries[0].page == 2
    # the 情况说明 lines of the 目录 (…决算情况说明) are not tables
    assert not any("说明" in e.title for e in entries)


def test_toc_of_a_jiangsu_budget_joins_a_title_wrapped_over_two_pages(real_dir: Path):
    entries = toc.parse(_front_pages(real_dir / "jiangsu" / "江苏省人大办公厅2017年度预算公开.pdf"))
    titles = {e.title: e.family for e in entries}
    assert titles["收支预算总表"] == "summary"
    assert titles["政府性基金支出预算表"] == "gov_fund"
    assert titles["一般公共预算“三公”经费、会议费、培训费支出预算表"] == "sangong"
    assert len(entries) == 12 and "出预算表" not in titles


def test_toc_titles_in_another_word_order_find_their_family(real_dir: Path):
    entries = toc.parse(_front_pages(real_dir / "jiangsu" / "江苏省人民检察院2018年部门预算公开.pdf"))
    assert {e.title: e.family for e in entries}["政府性基金财政拨款支出预算表"] == "gov_fund"


def test_a_document_without_toc_has_none():
    assert toc.parse(["封面", "收入支出决算总表\n单位：万元\n合计 1.00"]) == []


def test_a_title_without_a_table_body_is_unread_a_drawn_blank_table_is_empty():
    from ingest.reading import TableReading, _judge

    header = [["科目编码", "科目名称", "合计"], ["类", "款", "项"]]
    bare = RawTable("gov_fund", "政府性基金预算支出表", [14], header, [], [])
    r = TableReading("gov_fund", bare.title, [14], "complete")
    _judge(r, bare)
    assert r.status == "unread" and not r.empty and "未读到表体" in r.reason
    blank_lines = [["一、一般公共服务支出", "", ""], ["二、外交支出", "", ""], ["三、国防支出", "", ""]]
    drawn = RawTable("gov_fund", "政府性基金预算支出表", [14], header + blank_lines, [], [])
    r = TableReading("gov_fund", drawn.title, [14], "complete")
    _judge(r, drawn)
    assert r.status == "complete" and r.empty and r.reason.endswith("空表")


def test_a_reading_with_rows_and_one_failed_sum_beats_one_that_read_nothing(monkeypatch: pytest.MonkeyPatch):
    from ingest import reading
    from ingest.model import DocMeta

    header = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    body = [["201", "一般公共服务支出", "3.00", "1.00", "2.00"], ["20101", "人大事务", "3.00", "1.00", "2.00"],
            ["合计", "", "3.50", "1.00", "2.00"]]
    # the first reader lost the header, so no amount column is known: nothing read, nothing failed
    blind = RawTable("expenditure", "支出决算表", [3], [[""] * 5], body, [3, 3, 3])
    seen = RawTable("expenditure", "支出决算表", [3], header, body, [3, 3, 3])
    monkeypatch.setattr(reading, "_rereadings", lambda *a: iter([("Camelot stream", seen)]))
    doc = DocMeta("d", "430000", "湖南省", "湖南省", None, "a", "某局", 2022, "final_account", "department", "x.pdf")
    r = reading.read_table(blind, doc, Path("x.pdf"), {})
    assert r.rows and r.reader == "Camelot stream"
    assert r.status == "partial" and "3.50" in r.reason and "3.00" in r.reason


def test_a_reading_whose_amounts_all_fell_outside_the_measured_columns_is_never_complete(
        monkeypatch: pytest.MonkeyPatch):
    from ingest import reading
    from ingest.model import DocMeta

    body = [["", "合计", "3.00", "1.00", "2.00"], ["201", "一般公共服务支出", "3.00", "1.00", "2.00"],
            ["20101", "人大事务", "3.50", "1.00", "2.00"]]
    first = RawTable("gpb_expenditure", "一般公共预算财政拨款支出表", [3],
                     [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]], body, [3, 3, 3])
    # another reader took the labels for blank columns and the figures for columns of no measure
    shifted = RawTable("gpb_expenditure", first.title, [3],
                       [["科目编码", "科目名称", "合计", "基本支出", "项目支出", "甲", "乙", "丙"]],
                       [[r[0], r[1], "-", "-", "-", *r[2:]] for r in body], [3, 3, 3])
    doc = DocMeta("d", "430000", "湖南省", "湖南省", None, "a", "某局", 2022, "final_account", "department", "x.pdf")
    alone = reading._parse(shifted, doc)
    assert alone.status == "partial" and "读到的金额均为空或零" in alone.reason
    monkeypatch.setattr(reading, "_rereadings", lambda *a: iter([("Camelot stream", shifted)]))
    r = reading.read_table(first, doc, Path("x.pdf"), {})
    assert r.status == "partial" and r.reader == "" and "3.50" in r.reason


def test_amounts_under_no_column_label_are_not_a_whole_reading():
    from ingest import reading
    from ingest.model import DocMeta

    body = [["", "合计", "3.00", "1.00", "2.00"], ["201", "一般公共服务支出", "3.00", "1.00", "2.00"]]
    lost = RawTable("gpb_expenditure", "一般公共预算财政拨款支出表", [3],
                    [["科目编码", "科目名称", "", "基本支出", "项目支出"]], body, [3, 3])
    doc = DocMeta("d", "430000", "湖南省", "湖南省", None, "a", "某局", 2022, "final_account", "department", "x.pdf")
    r = reading._parse(lost, doc)
    assert r.status == "partial" and "第3列印有金额但无列名" in r.reason


def test_a_second_reading_of_a_self_evaluation_list_that_lost_its_scores_is_not_taken(monkeypatch: pytest.MonkeyPatch):
    from ingest import reading
    from ingest.model import DocMeta

    header = [["序号", "项目名称", "年度预算数", "全年执行数", "执行率", "自评得分"]]
    lines = [["1", "水土保持综合治理", "300.00", "90.00", "30.00%", "95"],
             ["2", "水文站网运行", "35.00", "33.60", "96.00%", "97"]]
    # the 合计 line printed 10.00 above its column: the list's own sum fails, read by the lattice reader alone
    first = RawTable("selfeval_list", "项目支出绩效自评结果汇总表", [4], header,
                     [*lines, ["合计", "", "345.00", "123.60", "", ""]], [4, 4, 4])
    # another reader lost the 自评得分 column and the 合计 line: nothing left to fail, and no score read
    blind = RawTable("selfeval_list", first.title, [4], [header[0][:5] + [""]],
                     [[*r[:5], ""] for r in lines], [4, 4])
    doc = DocMeta("d", "520000", "贵州省", "贵州省", None, "a", "某水务局", 2023, "performance_report", "department",
                  "x.pdf")
    assert reading._parse(blind, doc).status == "complete"
    monkeypatch.setattr(reading, "_rereadings", lambda *a: iter([("Camelot stream", blind)]))
    r = reading.read_table(first, doc, Path("x.pdf"), {})
    assert r.reader == "" and r.status == "partial" and "345.00" in r.reason
    assert [p["total_score"] for p in r.frames["projects"]] == [95.0, 97.0]
