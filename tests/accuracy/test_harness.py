"""The accuracy harness without parsing a PDF: comparison, precision/recall, truth files, planted edits."""

from __future__ import annotations

import json

import polars as pl
import pytest

from accuracy import compare, flags, planted, truth
from accuracy.truth import Label

TINY = {
    "file": "x.pdf",
    "meta": {"agency": "某某局", "region_code": "431000", "year": 2022, "doc_kind": "final_account",
             "scope": "department"},
    "tables": [{"family": "sangong", "title": "三公表", "page": 3}, {"family": "income", "title": "收入表", "page": 2}],
    "sangong": [
        {"stage": "actual", "item": "total", "amount": 6.22, "page": 3},
        {"stage": "actual", "item": "overseas", "amount": 0.0, "page": 3},  # absent in the lake: still matched
        {"stage": "actual", "item": "reception", "amount": 2.22, "page": 3},  # lake reads 2.52: wrong
        {"stage": "budget", "item": "total", "amount": 9.0, "page": 3},  # lake row partial
    ],
    "summary": [{"table": "summary", "item": "grand_total", "label": "总计", "amount": 100.0, "page": 2},
                {"table": "summary", "item": "income_total", "label": "本年收入合计", "amount": 90.0, "page": 2}],
    "line_items": [{"table": "expenditure", "name": "合计", "measure": "total", "amount": 50.0, "page": 4},
                   {"table": "expenditure", "code": "2101506", "name": "x", "measure": "basic", "amount": 1.5,
                    "page": 4}],
    "projects": [{"project": "打击欺诈骗保投诉举报奖励经费(科室代编)", "page": 9, "executed": 0.0,
                  "exec_rate_reported": 0.0, "total_score": 100}],
    "defects": [{"rule": "narrative_table_mismatch", "page": 21, "quote": "总计0.3万元"}],
}


def _frames() -> dict[str, pl.DataFrame]:
    return {
        "sangong": pl.DataFrame([
            {"stage": "actual", "item": "total", "amount": 6.224, "source": "table", "reading": "complete"},
            {"stage": "actual", "item": "reception", "amount": 2.52, "source": "table", "reading": None},
            {"stage": "actual", "item": "reception", "amount": 2.22, "source": "prose", "reading": None},
            {"stage": "budget", "item": "total", "amount": 9.0, "source": "table", "reading": "partial"},
        ]),
        "summary": pl.DataFrame([{"table": "summary", "item": "grand_total", "label": "总 计", "amount": 100.004}]),
        "line_items": pl.DataFrame([
            {"table": "expenditure", "code": None, "measure": "total", "amount": 50.0},
            {"table": "expenditure", "code": "2101506", "measure": "basic", "amount": 1.5},
            {"table": "gpb_expenditure", "code": None, "measure": "total", "amount": 50.0},
        ], schema_overrides={"code": pl.String}),
        "projects": pl.DataFrame([{"project": "打击欺诈骗保投诉举报奖励经费（科室代编）", "executed": 0.0,
                                   "exec_rate_reported": 0.0, "total_score": 100.0}]),
    }


def _tiny() -> truth.Truth:
    assert truth.validate(TINY) == []
    return truth.parse(TINY, truth.TRUTH_DIR / "x.toml")


def test_judge_rules():
    assert compare.judge(1.0, [(1.004, None)]) == ("matched", "1.004")
    assert compare.judge(1.0, [(1.006, "complete")])[0] == "wrong"
    assert compare.judge(0.0, []) == ("matched", "missing")
    assert compare.judge(2.0, []) == ("missing", "missing")
    assert compare.judge(2.0, [(2.0, "partial")])[0] == "partial"
    assert compare.judge(2.0, [(3.0, "partial")])[0] == "partial"
    assert compare.judge(2.0, [(3.0, "partial"), (2.0, "complete")])[0] == "matched"


def test_compare_figures_on_hand_made_frames():
    results = {(r.section, r.key): r for r in compare.compare_figures(_tiny(), _frames())}
    status = {k: r.status for k, r in results.items()}
    assert status[("sangong", "actual total")] == "matched"
    assert status[("sangong", "actual overseas")] == "matched"
    assert status[("sangong", "actual reception")] == "wrong"  # the prose's 2.22 is not the table's cell
    assert results[("sangong", "actual reception")].lake == "2.52"
    assert status[("sangong", "budget total")] == "partial"
    assert status[("summary", "summary grand_total")] == "matched"
    assert status[("summary", "summary income_total")] == "missing"
    assert status[("line_items", "expenditure total")] == "matched"
    assert status[("line_items", "expenditure 2101506 basic")] == "matched"
    assert all(status[("projects", f"打击欺诈骗保投诉举报奖励经费(科室代编) {f}")] == "matched"
               for f in ("executed", "exec_rate_reported", "total_score"))
    counts = compare.tally(list(results.values()))
    assert counts == {"matched": 8, "partial": 1, "wrong": 1, "missing": 1, "total": 11}


def test_reading_column_absent_means_complete():
    frames = _frames()
    frames["sangong"] = frames["sangong"].drop("reading")
    got = {r.key: r.status for r in compare.compare_figures(_tiny(), frames) if r.section == "sangong"}
    assert got["budget total"] == "matched"


def test_meta_and_tables():
    t = _tiny()
    doc = {"doc_id": "d1", "agency": "某某 局", "region_code": "431000", "year": 2022, "doc_kind": "budget",
           "scope": None, "tables": ["sangong"]}
    meta = {r.key: r.status for r in compare.compare_meta(t, doc)}
    assert meta == {"agency": "matched", "region_code": "matched", "year": "matched", "doc_kind": "wrong",
                    "scope": "missing"}
    readings = compare.readings_map(pl.DataFrame([
        {"doc_id": "d1", "family": "sangong", "reading": "complete"},
        {"doc_id": "d1", "family": "sangong", "reading": "partial"},
    ]))
    checks = {c.family: (c.found, c.reading) for c in compare.check_tables(t, doc, readings)}
    assert checks == {"sangong": (True, "partial"), "income": (False, None)}


def test_flag_matching_and_precision_recall():
    labels = [Label("narrative_table_mismatch", 21, "总计0.3万元"), Label("template_residue", 5, "。。"),
              Label("unit_mismatch", 8, "2.22 元")]
    raised = [
        {"rule": "narrative_table_mismatch", "page": 21, "message": "称总计 0.3万元", "evidence": "{}"},  # quoted
        {"rule": "narrative_table_mismatch", "page": 21, "message": "m", "evidence": "{}"},  # same page, other figure
        {"rule": "template_residue", "page": 6, "message": "XX", "evidence": ""},  # another page
        {"rule": "totals_mismatch", "page": 4, "message": "合计不等", "evidence": ""},  # no label: false
    ]
    fr, lr = flags.match_document("a.pdf", raised, labels)
    assert [f.true for f in fr] == [True, False, False, False]
    assert [lab.found for lab in lr] == [True, False, False]
    per, total = flags.stats(fr, lr)
    assert (total.raised, total.true, total.false, total.labelled, total.found, total.missed) == (4, 1, 3, 3, 1, 2)
    assert total.precision == 0.25 and total.recall == pytest.approx(1 / 3)
    assert per["narrative_table_mismatch"].precision == 0.5 and per["narrative_table_mismatch"].recall == 1.0
    assert per["totals_mismatch"].precision == 0.0 and per["totals_mismatch"].recall is None
    assert per["unit_mismatch"].precision is None and per["unit_mismatch"].recall == 0.0


def test_a_wrong_flag_beside_a_right_one_is_false():
    """普陀司法局 p9: two misstated growth rates in two sentences of one page; a flag is the label's only when its
    evidence holds what the label names (here the rate printed), not because it shares the label's page."""
    sentence = "2025年当年预算执行数为43269.3万元，2026年预算安排3845.49万元，比2025年预算执行数增加17.62%"
    labels = [Label("percentage_misstated", 9, sentence, evidence=(("printed", 17.62),)),
              Label("percentage_misstated", 9, "增加17.66%", evidence=(("printed", 17.66), ("figures.上年", 77.99)))]
    raised = [{"rule": "percentage_misstated", "page": 9, "message": "增长率印作 17.62%",
               "evidence": '{"printed": 17.62, "figures": {"上年": 43269.3, "本年": 3845.49}}'},
              {"rule": "percentage_misstated", "page": 9, "message": "增长率印作 17.66%",  # item 8's rate, right
               "evidence": '{"printed": 17.66, "figures": {"上年": 156.34, "本年": 183.95}}'}]
    fr, lr = flags.match_document("p.pdf", raised, labels)
    assert [f.matched for f in fr] == [[0], []]
    assert [lab.found for lab in lr] == [True, False]


def test_pages_a_flag_points_at():
    """A flag comparing two tables may be labelled on either page; a sentence stored at the page it starts on
    matches a label on the next page only when its last sentence holds the quote."""
    cross = Label("cross_table_mismatch", 16, "公务用车运行维护费", evidence=(("economic_amount", 6.0),))
    spill = Label("template_residue", 17, "公用经费 XXX 万元")
    raised = [{"rule": "cross_table_mismatch", "page": 20, "message": "…",
               "evidence": '{"economic_amount": 6.0, "economic_page": 16}'},
              {"rule": "template_residue", "page": 16, "message": "…",
               "evidence": '{"sentences": ["主要原因：XXXXXXXX。", "其中：人员经费XXX万元；公用经费XXX万元，主要包括"]}'},
              {"rule": "template_residue", "page": 16, "message": "…",
               "evidence": '{"sentences": ["公用经费XXX万元。", "主要原因：XXXXXXXX。"]}'}]
    fr, _ = flags.match_document("t.pdf", raised, [cross, spill])
    assert [f.matched for f in fr] == [[0], [1], []]


def test_folded_flags_find_their_labels_and_repeats_are_counted():
    """One misprint, one finding: a label of a flag folded into the root cause's flag is found through it."""
    sentence = "上年43269.3万元，本年3845.49万元，增加17.62%"
    labels = [Label("percentage_misstated", 9, sentence), Label("comparison_wording_wrong", 9, sentence)]
    folded = {"rule": "comparison_wording_wrong", "message": "称“增加”，实为减少", "evidence": {"text": sentence}}
    root = {"rule": "percentage_misstated", "page": 9, "message": "增长率印作 17.62%",
            "evidence": json.dumps({"text": sentence, "folded": [folded]}, ensure_ascii=False)}
    again = {**root, "evidence": json.dumps({"text": sentence})}
    fr, lr = flags.match_document("p.pdf", [root, again], labels)
    assert [lab.found for lab in lr] == [True, True]
    assert [(f.true, f.repeat) for f in fr] == [(True, False), (True, True)]
    per, total = flags.stats(fr, lr)
    assert (total.raised, total.true, total.repeats, total.folded) == (2, 2, 1, 1)
    assert per["comparison_wording_wrong"].folded == 1 and per["comparison_wording_wrong"].recall == 1.0


def test_defect_evidence_is_validated():
    ok = {**TINY, "defects": [{"rule": "percentage_misstated", "page": 9, "quote": "q", "evidence": {"printed": 1.5}}]}
    assert truth.validate(ok) == []
    assert truth.parse(ok, truth.TRUTH_DIR / "x.toml").labels[0].evidence == (("printed", 1.5),)
    bad = {**TINY, "defects": [{"rule": "percentage_misstated", "page": 9, "quote": "q", "evidence": {"p": [1]}}]}
    assert "evidence must be a table" in "\n".join(truth.validate(bad))


def test_keep_only_claims_about_the_document():
    df = pl.DataFrame([{"rule": "a", "severity": "error", "category": "finding"},
                       {"rule": "b", "severity": "info", "category": "finding"},
                       {"rule": "c", "severity": "warning", "category": "reading"},
                       {"rule": "d", "severity": "warning", "category": "finding"}])
    assert flags.keep(df)["rule"].to_list() == ["a", "d"]
    assert flags.keep(df.drop("category"))["rule"].to_list() == ["a", "c", "d"]


def test_validation_names_the_problems():
    bad = {**TINY, "sangong": [{"stage": "actual", "item": "hotel", "amount": "1", "page": 0}],
           "defects": [{"rule": "no_such_rule", "page": 1, "quote": "x"}], "extra": 1}
    errors = "\n".join(truth.validate(bad))
    for word in ("hotel", "amount must be a number", "page must be", "no_such_rule", "extra"):
        assert word in errors
    kept, dropped = truth.drop_invalid(bad, truth.family_keys(), truth.design_rule_ids())
    assert kept["sangong"] == [] and kept["defects"] == [] and len(dropped) == 4


def test_design_rule_ids():
    ids = truth.design_rule_ids()
    assert len(ids) == len(set(ids)) >= 23
    assert {"full_score_low_execution", "year_inconsistent", "template_residue", "peer_outlier"} <= set(ids)
    assert {e.rule for e in planted.EDITS} <= set(ids)


@pytest.mark.parametrize("path", truth.truth_files(), ids=lambda p: p.name)
def test_truth_file_valid(path):
    """Every truth file follows TRUTH_FORMAT.md: known keys, families of ingest/families.py, DESIGN rule ids."""
    t = truth.load(path)
    assert t.pdf.exists(), f"{t.file} not under samples/"
    assert t.figures or t.tables or t.labels


def test_planted_truth_changes_only_the_edited_figure():
    base = _tiny()
    edit = planted.Edit("dazhou", "sangong_sum_mismatch", "a", "b", figure=("sangong", ("actual", "total"), 7.0))
    texts = ["", "", truth.fold("总计0.3万元 …")]  # the base label's quote moved to page 3
    t = planted.planted_truth(base, edit, truth.SAMPLES / "copy.pdf", 5, [("unit_mismatch", "q", 4)], texts)
    changed = {f.key: f.amount for f in t.figures if f.amount != dict((g.key, g.amount) for g in base.figures)[f.key]}
    assert changed == {("actual", "total"): 7.0}
    assert [(lab.rule, lab.page) for lab in t.labels] == [
        ("narrative_table_mismatch", 3), ("sangong_sum_mismatch", 5), ("unit_mismatch", 4)]
    assert t.planted == edit.id and t.name == "copy.pdf"
    project = planted.Edit("chenzhou", "exec_rate_misreported", "a", "b",
                           figure=("projects", ("打击欺诈骗保投诉举报奖励经费", "exec_rate_reported"), 0.9))
    t = planted.planted_truth(base, project, truth.SAMPLES / "copy.pdf", 1, [], texts)
    assert [f.amount for f in t.figures if f.key[1:] == ("exec_rate_reported",)] == [0.9]


def test_planted_edits_apply_to_the_seeds():
    """Every edit finds its text in the seed (a seed change that breaks one fails here, not at run time)."""
    for e in planted.EDITS:
        seed_no = planted.BASES[e.base][0]
        seed = next((truth.ROOT / "samples" / "seeds").glob(f"{seed_no}_*.txt")).read_text(encoding="utf-8")
        edited = planted.apply(seed, e)
        assert edited != seed and edited.count("\n") == seed.count("\n")
    with pytest.raises(ValueError):
        planted.apply("abc", planted.Edit("dazhou", "unit_mismatch", "zzz", "y"))
    assert len({e.id for e in planted.EDITS}) == len(planted.EDITS)


def test_summary_labels_without_ordinals_and_hints():
    t = truth.parse({**TINY, "summary": [
        {"table": "summary", "item": "function_class", "label": "一、一般公共服务支出", "amount": 10.0, "page": 2},
        {"table": "summary", "item": "other", "label": "一、基本支出", "amount": 7.0, "page": 2}]}, truth.TRUTH_DIR / "x.toml")
    frames = {**_frames(), "summary": pl.DataFrame([
        {"table": "summary", "item": "function_class", "label": "一般公共服务 支出", "amount": 10.0},
        {"table": "summary", "item": "function_class", "label": "基本支出", "amount": 7.0}])}
    got = {r.key: r for r in compare.compare_figures(t, frames) if r.section == "summary"}
    assert got["summary function_class 一般公共服务支出"].status == "matched"
    miss = got["summary other 基本支出"]
    assert miss.status == "missing" and "function_class '基本支出'" in miss.lake


def test_agency_spelling_variants_are_one_agency():
    t = truth.parse({**TINY, "meta": {"agency": "江苏省委办公厅"}}, truth.TRUTH_DIR / "x.toml")
    assert [r.status for r in compare.compare_meta(t, {"agency": "中共江苏省委办公厅"})] == ["matched"]
    assert [r.status for r in compare.compare_meta(t, {"agency": "江苏省政协办公厅"})] == ["wrong"]


def test_report_prints_every_miss_and_ends_with_json():
    import json

    from accuracy import report

    t = _tiny()
    figures = compare.compare_meta(t, None) + compare.compare_figures(t, _frames())
    fr, lr = flags.match_document("x.pdf", [{"rule": "totals_mismatch", "page": 4, "message": "合计不等"}], t.labels)
    out = report.Outcome(figures=figures, flags=fr, labels=lr, files=["x.pdf"], notes=["n1"])
    lines: list[str] = []
    result = report.render(out, lines.append)
    assert json.loads(lines[-1]) == result
    assert result["figures_matched"] == 8 and result["figures_total"] == 16
    assert result["precision"] == 0.0 and result["recall"] == 0.0
    text = "\n".join(lines)
    assert "x.pdf p3 [sangong] actual reception: truth 2.22 vs lake 2.52 (wrong)" in text
    assert "x.pdf - [meta] agency: truth 某某局 vs lake missing (missing)" in text
    assert "x.pdf p4 totals_mismatch: 合计不等" in text and "x.pdf p21 narrative_table_mismatch: 总计0.3万元" in text


def test_scanned_report_judges_each_family_by_the_criterion():
    from accuracy import report

    t = _tiny()
    figures = compare.compare_meta(t, {"agency": "某某局", "region_code": "431000", "year": 2022,
                                       "doc_kind": "final_account", "scope": "department"})
    figures += compare.compare_figures(t, _frames())
    lines: list[str] = []
    result = report.render(report.Outcome(figures=figures, files=["x.pdf"], scanned=True), lines.append)
    fam = result["scanned_families"]
    assert (fam["meta"]["matched"], fam["meta"]["total"]) == (5, 5) and report.meets(fam["meta"])
    # 三公: one wrong (2.52 read complete where 2.22 is printed) and one partial: the criterion fails
    assert (fam["sangong"]["wrong"], fam["sangong"]["partial"]) == (1, 1) and not report.meets(fam["sangong"])
    assert fam["summary"]["missing"] == 1 and not result["scanned_criterion_met"]
    text = "\n".join(lines)
    assert "== Scanned copies per dataset family" in text and "FAILS" in text
    assert "x.pdf: exact" in text
    assert "(1w)" in text  # the per-file table shows the wrong figure


def test_criterion_allows_partial_but_not_below_98_percent_exact():
    from accuracy.report import meets

    assert meets({"matched": 98, "partial": 2, "wrong": 0, "missing": 0, "total": 100})
    assert not meets({"matched": 97, "partial": 3, "wrong": 0, "missing": 0, "total": 100})
    assert not meets({"matched": 99, "partial": 0, "wrong": 1, "missing": 0, "total": 100})
    assert not meets({"matched": 99, "partial": 0, "wrong": 0, "missing": 1, "total": 100})


def test_born_digital_report_has_no_scanned_block():
    from accuracy import report

    t = _tiny()
    lines: list[str] = []
    result = report.render(report.Outcome(figures=compare.compare_figures(t, _frames()), files=["x.pdf"]),
                           lines.append)
    assert "scanned_families" not in result and not any("Scanned copies" in x for x in lines)


def test_scanned_copies_are_kept_and_reused_in_a_given_folder(tmp_path):
    from accuracy.__main__ import _scanned

    small = [t for t in truth.load_all()[0] if t.file == "ab_layout_selfeval.pdf"]
    first = _scanned(small, tmp_path)
    copy = first[0].pdf
    assert copy.parent == tmp_path and copy.name == "ab_layout_selfeval.pdf" and first[0].name == small[0].name
    made = copy.stat().st_mtime_ns
    assert _scanned(small, tmp_path)[0].pdf == copy and copy.stat().st_mtime_ns == made  # reused, not scanned again
    assert not list(tmp_path.glob("*.part"))


def test_only_takes_several_names(monkeypatch, capsys):
    from accuracy import __main__ as harness

    seen: list[list[str]] = []
    monkeypatch.setattr(harness, "measure", lambda truths, *a, **k: seen.append([t.file for t in truths])
                        or harness.report.Outcome())
    harness.main(["--no-planted", "--only", "dazhou,ab_layout", "--lake", "/nonexistent-unused"])
    assert sorted(seen[0]) == ["ab_layout_selfeval.pdf", "dazhou_2023_budget_a.pdf"]


def test_a_line_read_under_a_misread_label_with_another_amount_is_wrong():
    """The scanned 政协 总表 read 一、一般公共服务支出 6,543.55 as "般公共服务驻出" 343.55 (item other) in a complete
    table: its key matches no truth figure, but it is the truth's line read wrong — counted wrong, not missing."""
    t = truth.parse({**TINY, "summary": [
        {"table": "summary", "item": "function_class", "label": "一、一般公共服务支出", "amount": 6543.55, "page": 1},
        {"table": "summary", "item": "other", "label": "一、基本支出", "amount": 5916.27, "page": 1}]},
        truth.TRUTH_DIR / "x.toml")

    def judged(reading: str | None) -> dict[str, compare.Result]:
        frames = {**_frames(), "summary": pl.DataFrame([
            {"table": "summary", "item": "other", "label": "般公共服务驻出", "amount": 343.55, "reading": reading},
            {"table": "summary", "item": "function_class", "label": "匡基本支出", "amount": 5916.27,
             "reading": reading}])}
        return {r.key: r for r in compare.compare_figures(t, frames) if r.section == "summary"}

    got = judged("complete")
    assert got["summary function_class 一般公共服务支出"].status == "wrong"
    assert "343.55 as other '般公共服务驻出'" in got["summary function_class 一般公共服务支出"].lake
    assert got["summary other 基本支出"].status == "missing"  # its amount is right: only its item is
    assert judged("partial")["summary function_class 一般公共服务支出"].status == "missing"  # unsure: not wrong
