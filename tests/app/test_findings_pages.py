"""Findings on the dashboard (AppTest): 总览's top findings, /flags?finding=<id>, the agency page, peer types."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from drive import assert_ok, findings, goto, open_app

from fiscal import read

PROJECT = "打击欺诈骗保投诉举报奖励经费"


def _chenzhou(lake: Path) -> dict:
    found = findings(lake).filter(pl.col("project").str.contains(PROJECT))
    if found.is_empty():
        pytest.skip("the 郴州 samples are not in the lake")
    return found.row(0, named=True)


def _markdown(at) -> str:  # noqa: ANN001
    return "\n".join(m.value for m in at.markdown)


def test_overview_opens_with_the_most_serious_findings(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cz = _chenzhou(sample_lake)
    at = open_app(sample_lake, monkeypatch)
    assert "最需关注的发现" in [s.value for s in at.subheader]
    text = _markdown(at)
    lines = [ln for ln in text.splitlines() if ln.startswith("- ")]
    assert len(lines) == 5
    assert any(PROJECT in ln and f"/flags?finding={cz['finding_id']}" in ln for ln in lines), lines
    assert "执行 0.00 万元" in text and "10/10" in text  # the contradiction in numbers
    assert f"/agency?id={cz['agency_id']}" in text


def test_a_finding_link_selects_it_and_shows_its_evidence(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cz = _chenzhou(sample_lake)
    at = open_app(sample_lake, monkeypatch)
    at.query_params["finding"] = cz["finding_id"]
    goto(at, "pages/flags.py")
    assert "所选发现" in [s.value for s in at.subheader]
    text = _markdown(at)
    assert PROJECT in text and "发现它的规则（2 条）" in text
    assert "低执行率却得满分" in text and "低执行高总分" in text
    assert at.get("imgs") or at.get("image"), "the source page is not shown"
    assert any("已裁剪" in c.value for c in at.caption)
    assert at.query_params["finding"] == [cz["finding_id"]] or at.query_params["finding"] == cz["finding_id"]
    # an unknown id says so instead of failing
    at.query_params["finding"] = "000000000000"
    at.run()
    assert_ok(at)
    assert any("000000000000" in w.value for w in at.warning)


def test_flags_page_search_and_reading_notes_apart(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(sample_lake)
    if found.is_empty():
        pytest.skip("no findings")
    at = open_app(sample_lake, monkeypatch)
    goto(at, "pages/flags.py")
    table = at.dataframe[0].value
    assert len(table) == found.height
    assert any(c.value.startswith("共 ") and f"归并为 {found.height} 项发现" in c.value for c in at.caption)
    at.text_input(key="fl_q").set_value("欺诈").run()
    assert_ok(at)
    narrowed = at.dataframe[0].value
    assert 0 < len(narrowed) < len(table)
    assert all("欺诈" in f"{p}{m}" for p, m in zip(narrowed["project"], narrowed["message"], strict=True))
    # the finding shown below is one of the table's (was: the first finding before the search, no longer listed)
    assert "欺诈" in _markdown(at)
    # the reading notes (tables not read completely) sit apart, in their expander, when the lake has any
    notes = read.flags.all_flags(sample_lake).filter(pl.col("category") == "reading").height
    assert any(e.label.startswith("读取说明") for e in at.expander) == bool(notes), [e.label for e in at.expander]


@pytest.fixture(scope="module")
def partial_lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A lake of one real PDF whose 支出决算表 the ingest reads only in part (samplegen/partial.py): the samples
    are all read `complete`, so without it the reading notes would never be shown."""
    from rich.console import Console

    from ingest import batch
    from samplegen import partial

    pdf = partial.write(tmp_path_factory.mktemp("partial_pdf") / "chenzhou_partial_2022.pdf")
    lake = tmp_path_factory.mktemp("partial_lake")
    report = batch.run([pdf], lake, workers=1, console=Console(quiet=True), compact=False)
    assert len(report.ingested) == 1, [(o.path, o.rejected) for o in report.quarantined]
    return lake


def test_a_table_read_in_part_gets_a_reading_note_apart(partial_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from samplegen.partial import BROKEN_CELL

    try:
        notes = read.flags.all_flags(partial_lake).filter(pl.col("category") == "reading")
    except read.flags.RulesUnavailable:
        pytest.skip("the rule engine (fiscal.rules) is not installed")
    assert notes.filter(pl.col("rule") == "reading_incomplete").height >= 1
    at = goto(open_app(partial_lake, monkeypatch), "pages/flags.py")
    expanders = [e for e in at.expander if e.label.startswith("读取说明")]
    assert [e.label for e in expanders] == [f"读取说明（{notes.height} 条）"], [e.label for e in at.expander]
    shown = expanders[0].dataframe[0].value
    assert any("支出决算表" in m and BROKEN_CELL in m for m in shown["message"]), shown["message"].to_list()
    assert not any(BROKEN_CELL in str(m) for m in at.dataframe[0].value["message"])  # not among the findings


def test_agency_page(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cz = _chenzhou(sample_lake)
    at = open_app(sample_lake, monkeypatch)
    at.query_params["id"] = cz["agency_id"]
    goto(at, "pages/agency.py")
    assert at.header[0].value == "郴州市医疗保障局"
    assert {"发现", "文件", "“三公”经费趋势", "项目绩效"} <= {s.value for s in at.subheader}
    assert f"/flags?finding={cz['finding_id']}" in _markdown(at)
    assert any("单位类型：医疗保障" in c.value for c in at.caption)
    assert len(at.dataframe[0].value) >= 1  # its documents
    at.switch_page("pages/agency.py").run()  # without an id: a picker, no error
    assert_ok(at)


def test_peers_page_shows_the_type_rule(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(sample_lake, monkeypatch)
    goto(at, "pages/peers.py")
    assert any(e.label == "单位类型规则" for e in at.expander)


def test_findings_pages_in_english(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cz = _chenzhou(sample_lake)
    at = open_app(sample_lake, monkeypatch)
    at.toggle(key="lang_en").set_value(True).run()
    assert "Findings to act on" in [s.value for s in at.subheader]
    at.query_params["finding"] = cz["finding_id"]
    goto(at, "pages/flags.py")
    assert "Selected finding" in [s.value for s in at.subheader]
    at.query_params["id"] = cz["agency_id"]
    goto(at, "pages/agency.py")
    assert "Findings" in [s.value for s in at.subheader]


def test_missing_tables_evidence_names_the_tables_in_chinese():
    from pages._evidence import evidence_items

    got = evidence_items('{"missing": ["income", "fiscal_summary"], "none_found": false}')
    assert got == [("缺少的表格", "收入表、财政拨款收支总表"), ("规定表格一张也未识别到", "否")]


def test_a_folded_flag_lists_the_flags_of_its_figure_and_not_its_hint():
    from pages._evidence import evidence_items

    folded = [{"rule": "comparison_wording_wrong", "message": "第9页“增长”与数字不符", "evidence": {}}]
    got = dict(evidence_items(json.dumps({"printed": 17.62, "hint": {"kind": "stray_digit"}, "hint_en": "(…)",
                                          "folded": folded}, ensure_ascii=False)) or [])
    assert "提示" not in got and "hint" not in got and "hint_en" not in got  # the message says it already
    assert got["同一数字的其他标记"].endswith("第9页“增长”与数字不符")


def test_the_overview_counts_the_flags_the_flags_page_counts(partial_lake: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The 异常标记 tile leaves the reading notes out, as the flags page does (they sit apart there)."""
    from drive import metric_value

    assert read.flags.all_flags(partial_lake).filter(pl.col("category") == "reading").height  # notes to leave out
    at = open_app(partial_lake, monkeypatch)
    tile = metric_value(at, "异常标记")
    goto(at, "pages/flags.py")
    counted = next(c.value for c in at.caption if c.value.startswith("共 ") and "条标记" in c.value)
    assert counted.startswith(f"共 {tile} 条标记"), (tile, counted)


def test_a_finding_leads_to_the_other_page_it_compared_too():
    """Prose ≠ table on p. 7 against the table on p. 16; 三公 up on last year's document's p. 15: both reachable."""
    from pages.flags import other_pages

    prose = {"doc_id": "d23", "page": 7, "evidence": json.dumps({"narrative": 441.25, "table": 220.63,
                                                                 "table_page": 16, "table_doc_id": "d23"})}
    yoy = {"doc_id": "d23", "page": 15, "evidence": json.dumps({"previous_doc_id": "d22", "previous_page": 15,
                                                               "previous_year": 2022})}
    same = {"doc_id": "d23", "page": 9, "evidence": json.dumps({"second_page": 9})}  # its own page: no second
    assert other_pages([prose, yoy, same]) == [("table_page", "d23", 16), ("previous_page", "d22", 15)]


def _peer_finding(lake: Path) -> dict:
    found = findings(lake).filter(pl.col("rules").list.contains("peer_outlier") & pl.col("message").str.contains("人均"))
    if found.is_empty():
        pytest.skip("no per-staff peer outlier in the peer lake")
    return found.row(0, named=True)


def test_a_peer_outlier_shows_its_peer_group_and_the_figures_behind_its_ratio(peer_lake: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A ratio alone cannot be judged: the peers, their median, the agency's own printed figures and their pages."""
    found = _peer_finding(peer_lake)
    at = open_app(peer_lake, monkeypatch)
    at.query_params["finding"] = found["finding_id"]
    goto(at, "pages/flags.py")
    text = _markdown(at)
    assert "同类比较的依据" in text and "个同类单位（含本单位）的人均三公经费" in text
    assert "为中位数的" in text and "超过同类上限" in text
    # the value is 三公 ÷ staff: both printed figures named with their file and page
    assert "本单位的数字：“三公”经费决算数" in text and "实有人数" in text and " 第 2 页）" in text
    peers = next(d.value for d in at.dataframe if "own" in d.value.columns)
    assert len(peers) >= 5 and peers["own"].sum() == 1 and peers[peers["own"]]["outlier"].all()
    assert all(len(v.split(".")[1]) == 3 for v in peers["value"])  # 0.078, not 0.08: peers differ in the third
    evidence = next(d.value for d in at.dataframe if "key" in d.value.columns)
    assert evidence.set_index("key").loc["中位数", "value"].endswith("万元/人")
    assert len(at.get("imgs") or at.get("image")) >= 2  # the 三公 table boxed, and the staff sentence's page
    assert any("已裁剪到所比较的数字" in c.value for c in at.caption)  # was: the whole page (a ratio is not printed)
    at.toggle(key="lang_en").set_value(True).run()
    text = _markdown(at)
    assert "The peer group it was judged in" in text and "peer agencies (this one included)" in text
    assert "beyond the peer fence" in text and "10k yuan/person" in text
