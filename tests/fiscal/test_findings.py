"""fiscal.read.findings: flags folded into findings, ordered for action; quotes found on a page."""

from __future__ import annotations

import json
from typing import Any

import polars as pl

from fiscal.pages import find_boxes
from fiscal.peers import agency_type, agency_type_rules
from fiscal.read import findings

CZ = {"region_code": "431000", "region": "湖南省郴州市", "agency_id": "yibao", "agency": "郴州市医疗保障局", "year": 2022}
PROJECT = "打击欺诈骗保投诉举报奖励经费(科室代编)"
EXEC = {"budget_full_year": 10.0, "executed": 0.0, "exec_rate": 0.0, "exec_score": 10.0, "exec_weight": 10.0}


def flag(rule: str, severity: str, doc_id: str = "a", project: str | None = PROJECT, page: int = 56,
         evidence: dict[str, Any] | None = None, category: str = "finding", base: dict[str, Any] | None = None,
         message: str | None = None) -> dict[str, Any]:
    return {"rule": rule, "severity": severity, "category": category, **(base or CZ), "project": project,
            "message": message or f"{rule} on {project}", "evidence": json.dumps(evidence or EXEC, ensure_ascii=False),
            "doc_id": doc_id, "page": page}


def docs(*rows: tuple[str, bool]) -> pl.DataFrame:
    return pl.DataFrame({"doc_id": [d for d, _ in rows], "synthetic": [s for _, s in rows],
                         "doc_kind": ["final_account"] * len(rows), "source_name": [f"{d}.pdf" for d, _ in rows]})


def frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema_overrides={"year": pl.Int32, "page": pl.Int32})


def test_one_project_caught_by_three_rules_is_one_finding_with_the_worst_severity() -> None:
    fl = frame([flag("high_total_low_execution", "warning"), flag("full_score_low_execution", "error"),
                flag("exec_rate_misreported", "warning", evidence={**EXEC, "exec_rate_reported": 1.0})])
    got = findings.findings(fl, docs(("a", False)))
    assert got.height == 1
    row = got.row(0, named=True)
    assert row["severity"] == "error" and row["rule"] == "full_score_low_execution"
    assert sorted(row["rules"]) == ["exec_rate_misreported", "full_score_low_execution", "high_total_low_execution"]
    assert row["project"] == PROJECT and row["gap"] == 1.0 and row["difference"] == 10.0


def test_two_copies_of_one_disclosure_count_once() -> None:
    fl = frame([flag("full_score_low_execution", "error", doc_id="a", page=56),
                flag("full_score_low_execution", "error", doc_id="b", page=57),
                flag("totals_mismatch", "info", doc_id="a", project=None, page=8, message="第8页有 2 处合计不符",
                     evidence={"total": 1347.9, "sum_of_parts": 1347.91}),
                flag("totals_mismatch", "info", doc_id="b", project=None, page=9, message="第9页有 2 处合计不符",
                     evidence={"total": 1347.9, "sum_of_parts": 1347.91})])
    got = findings.findings(fl, docs(("a", False), ("b", False)))
    assert got.height == 2
    assert got.get_column("copies").to_list() == [2, 2]
    assert got.get_column("doc_id").to_list() == ["a", "a"]  # the same speaking copy for every finding


def test_one_sentence_caught_by_two_rules_is_one_finding() -> None:
    text = "比2025年预算执行数增加17.62%。"
    fl = frame([flag("percentage_misstated", "error", project=None, evidence={"printed": 17.62, "computed": -91.11,
                                                                              "text": text}),
                flag("comparison_wording_wrong", "error", project=None, evidence={"text": text, "word": "增加"})])
    got = findings.findings(fl, docs(("a", False)))
    assert got.height == 1 and sorted(got.row(0, named=True)["rules"]) == ["comparison_wording_wrong",
                                                                            "percentage_misstated"]


def test_order_real_before_sample_data_then_severity_then_size() -> None:
    other = {**CZ, "agency_id": "demo", "agency": "株洲市教育局"}
    fl = frame([
        flag("full_score_low_execution", "error", doc_id="s", base=other),  # synthetic, gap 1.0
        flag("exec_rate_misreported", "warning", project="P1", evidence={"exec_rate_reported": 1.0, "exec_rate": 0.1}),
        flag("full_score_low_execution", "error", project="P2", evidence={**EXEC, "exec_rate": 0.6, "executed": 6.0}),
        flag("full_score_low_execution", "error", project="P3", evidence={**EXEC, "exec_rate": 0.2, "executed": 2.0}),
        flag("totals_mismatch", "info", project=None, evidence={"total": 1.0, "sum_of_parts": 2.0}),
    ])
    got = findings.findings(fl, docs(("a", False), ("s", True)))
    assert got.select("project", "severity", "synthetic").rows() == [
        ("P3", "error", False), ("P2", "error", False), ("P1", "warning", False), (None, "info", False),
        (PROJECT, "error", True)]


def test_findings_refolded_are_put_in_place_among_those_kept_in_order() -> None:
    """After a commit the findings kept from the last version are in order already: the refolded ones are put in
    their places, and the result is what ordering them all gives."""
    severities = ("error", "warning", "info")
    rows = [flag("full_score_low_execution", severities[i % 3], doc_id=f"d{i % 4}", project=f"P{i}",
                 evidence={**EXEC, "exec_rate": (i % 7) / 10, "executed": float(i % 7)},
                 base={**CZ, "agency_id": f"a{i % 5}", "agency": f"机构{i % 5}"}) for i in range(60)]
    tagged = findings.tag_flags(frame(rows), docs(*((f"d{i}", i == 3) for i in range(4))))
    folded = findings._fold(tagged)
    keep = ("_sev", "region_code", "_places")
    kept = findings._order(folded.filter(pl.col("_sev") > 0), keep).select(folded.columns)
    both = pl.concat([kept, folded.filter(pl.col("_sev") == 0)])  # errors refolded: they belong in front
    assert findings._order(both, keep, kept.height).equals(findings._order(both, keep))
    assert not both.equals(findings._order(both, keep).select(folded.columns))  # the refolded were out of place
    # a changed threshold: some kept findings dropped, the refolded spliced in, as ordering what is left gives
    drop = kept["finding_id"].is_in(kept["finding_id"].gather_every(3).implode())
    fresh = folded.filter(pl.col("_sev") == 0)
    want = findings._order(pl.concat([kept.filter(~drop), fresh]), keep)
    got = findings.spliced(kept, drop, fresh)
    assert findings._order(got, keep, got.height).equals(want)


def test_the_order_key_made_by_a_sort_is_the_key_of_the_sorted_rows(monkeypatch) -> None:
    """A sort by the key (large frames) and a splice give the ORDER key of their rows with them: kept beside the
    lake's findings, a changed threshold splices into them without encoding 370,000 rows again."""
    from fiscal import rowsort

    monkeypatch.setattr(rowsort, "MIN_ROWS", 0)  # the key path on a small frame
    rows = [flag("full_score_low_execution", ("error", "warning", "info")[i % 3], doc_id=f"d{i % 4}", project=f"P{i}",
                 evidence={**EXEC, "exec_rate": (i % 7) / 10}, base={**CZ, "agency_id": f"a{i % 5}"}) for i in range(40)]
    folded = findings._fold(findings.tag_flags(frame(rows), docs(*((f"d{i}", i == 3) for i in range(4)))))
    keep = ("_sev", "region_code", "_places")
    ordered, key = findings.order_keyed(folded, keep)
    assert ordered.equals(folded.sort(findings.ORDER, descending=findings._ORDER_DESCENDING, nulls_last=True)
                          .pipe(findings._order, keep))
    assert key is not None and key.equals(findings._order_key(ordered))
    kept = ordered.select(folded.columns)
    findings.remember_key(kept, key)
    assert findings._kept_key(kept) is key
    again, same = findings.order_keyed(kept, keep, kept.height)  # unchanged: the remembered key
    assert same is key and again.equals(ordered)
    fresh = kept.filter(pl.col("_sev") == 0)
    spliced, spliced_key = findings.order_keyed(pl.concat([kept.filter(pl.col("_sev") > 0), fresh]), keep,
                                                kept.filter(pl.col("_sev") > 0).height)
    assert spliced.equals(ordered) and spliced_key is not None and spliced_key.equals(key)
    assert findings.order_keyed(folded, ("region_code",))[1] is None  # without _sev the key is of no frame


def test_reading_notes_are_not_findings() -> None:
    fl = frame([flag("table_unread", "info", project=None, category="reading"), flag("full_score_low_execution", "error")])
    got = findings.findings(fl, docs(("a", False)))
    assert got.get_column("rule").to_list() == ["full_score_low_execution"]
    assert findings.findings(fl.clear(), docs()).is_empty()


def test_the_id_is_stable_whichever_rules_caught_it() -> None:
    # a threshold that drops one of a finding's rules must not change its URL
    one = frame([flag("full_score_low_execution", "error"), flag("high_total_low_execution", "warning")])
    a = findings.findings(one, docs(("a", False))).get_column("finding_id")[0]
    b = findings.findings(one.reverse(), docs(("a", False))).get_column("finding_id")[0]
    c = findings.findings(one.head(1), docs(("a", False))).get_column("finding_id")[0]
    assert a == b == c and len(a) == 12 and a.isalnum()
    members = findings.finding_flags(one, docs(("a", False)), a)
    assert members.get_column("rule").to_list() == ["full_score_low_execution", "high_total_low_execution"]


def test_search_and_quotes() -> None:
    fl = frame([flag("full_score_low_execution", "error"),
                flag("percentage_misstated", "error", project=None, evidence={"printed": 5.0, "computed": 4.0,
                                                                              "text": "增长5%。", "clause": "增长5%"})])
    got = findings.findings(fl, docs(("a", False)))
    assert findings.search(got, "欺诈").height == 1 and findings.search(got, "郴州").height == 2
    assert findings.search(got, "  ").height == 2
    assert findings.quotes(fl.to_dicts()) == [PROJECT, *findings.PROJECT_ROW_LABELS, "增长5%", "增长5%。"]


def test_contradiction_size() -> None:
    assert findings.contradiction("narrative_table_mismatch", json.dumps({"narrative": 441.25, "table": 220.63})) == (
        220.62 / 441.25, 220.62)
    gap, diff = findings.contradiction("totals_mismatch", json.dumps(
        {"checks": [{"total": 10.0, "sum_of_parts": 10.01}, {"total": 1.0, "sum_of_parts": 2.0}]}))
    assert gap == 0.5 and diff == 1.0
    assert findings.contradiction("template_residue", json.dumps({"residues": []})) == (None, None)
    assert findings.contradiction("x", "not json") == (None, None)


def test_reading_status_per_document() -> None:
    readings = pl.DataFrame({"doc_id": ["a", "a", "a", "b"], "status": ["complete", "partial", "unread", "complete"]})
    got = findings.reading_status(readings).sort("doc_id")
    assert got.rows() == [("a", 1, 1, 1), ("b", 1, 0, 0)]


def test_find_boxes_across_spaces_and_lines() -> None:
    """Characters as pdfium gives them: full-width brackets, spaces and a line break in the quote's way."""
    line1 = [(c, (10.0 + 10 * i, 100.0, 19.0 + 10 * i, 110.0)) for i, c in enumerate("项目（科室 代编）")]
    line2 = [(c, (10.0 + 10 * i, 80.0, 19.0 + 10 * i, 90.0)) for i, c in enumerate("经费合计")]
    boxes = find_boxes([*line1, ("\n", (0, 0, 0, 0)), *line2], "(科室代编)经费")
    assert len(boxes) == 2  # one box per printed line
    assert boxes[0][0] == 30.0 and boxes[1][1] == 80.0
    assert find_boxes(line1, "没有这句话的原文") == []


def test_agency_types_are_functional_and_kept_as_data() -> None:
    assert agency_type("达州市医疗保障事务中心") == agency_type("郴州市医疗保障局") == "医疗保障"
    assert agency_type("中共江苏省委办公厅") == "党委办公厅" and agency_type("江苏省人大常委会办公厅") == "人大"
    assert agency_type("上海市普陀区人民政府万里街道办事处") == "街道/乡镇"
    assert agency_type("江苏省高级人民法院") == "法院" and agency_type("上海市XX局") == "其他（局）"
    kinds = {k for _, k, _ in agency_type_rules()}
    assert {"医疗保障", "教育", "卫生健康", "财政", "司法", "公安", "法院", "检察院", "人大", "政协"} <= kinds
