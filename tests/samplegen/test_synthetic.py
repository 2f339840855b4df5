"""The synthetic demo corpus: variety, planted anomalies, 示例数据 marking, speed, and that ingest reads it."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from samplegen import synthetic

ANOMALIES = {"zero_exec_full_score", "sangong_jump", "total_mismatch", "rate_misreported", "sangong_over_budget"}


def test_plan_covers_provinces_agencies_years_and_plants_each_anomaly_once() -> None:
    specs = synthetic.plan(24)
    assert len(specs) == 24
    assert len({s.province for s in specs}) >= 3
    assert len({s.region_code for s in specs}) >= 4
    assert len({s.agency_type.name for s in specs}) >= 3
    assert len({s.year for s in specs}) == 3
    planted = [a for s in specs for a in s.anomalies]
    assert sorted(planted) == sorted(ANOMALIES)
    assert len({s.stem for s in specs}) == 24
    assert synthetic.plan(24) == specs  # deterministic


def test_large_corpus_plan() -> None:
    specs = synthetic.plan(1000)
    assert len(specs) == 1000
    assert len({(s.region_code, s.agency, s.year) for s in specs}) == 1000
    assert len({s.year for s in specs}) == 5


def test_figures_add_up_except_where_planted() -> None:
    for spec in synthetic.plan(24):
        fig = synthetic.figures(spec)
        assert fig.total() == pytest.approx(fig.basic() + fig.project())
        pers = sum(fig.personnel.values())
        pub = sum(fig.public.values())
        assert pers + pub == pytest.approx(fig.basic(), abs=0.02)
        assert fig.public["30217"] == fig.sangong_actual["reception"]
        assert (fig.total_offset != 0) == ("total_mismatch" in spec.anomalies)
        rates = {(f.name, f.funds[0][5]) for f in fig.projects}
        if "zero_exec_full_score" in spec.anomalies:
            form = fig.projects[0]
            assert form.funds[0][3] == "0" and form.funds[0][5] == "0%" and form.funds[0][6] == "10"
            assert form.total[1] == "100"
        assert rates


def test_documents_are_marked_and_small(tmp_path: Path) -> None:
    # Speed is measured by `make bench` (scale build rate), not asserted here: the machines are shared.
    specs = synthetic.plan(3)
    path = synthetic.write(specs[1], tmp_path)
    assert path.stat().st_size < 400_000
    pdf = pdfium.PdfDocument(str(path))
    try:
        cover = pdf[0].get_textpage().get_text_range()
        assert "示例数据" in cover
        assert specs[1].agency in cover.replace("\r", "").replace("\n", "")
        assert pdf.get_metadata_dict()["Title"].startswith("示例数据")
        assert len(pdf) < 40
    finally:
        pdf.close()


def test_ingest_reads_a_synthetic_document(tmp_path: Path) -> None:
    from ingest.document import ingest_file

    spec = next(s for s in synthetic.plan(24) if "zero_exec_full_score" in s.anomalies)
    path = synthetic.write(spec, tmp_path)
    outcome = ingest_file(path, {"synthetic": True})
    assert outcome.rejected is None, outcome.rejected
    meta = outcome.meta
    assert (meta.agency, meta.year, meta.doc_kind, meta.region_code) == (spec.agency, spec.year, "final_account",
                                                                          spec.region_code)
    assert meta.synthetic is True
    assert outcome.tables_found == outcome.tables_expected == 9
    sangong = {(r["stage"], r["item"]): r["amount"] for r in outcome.frames["sangong"] if r["source"] == "table"}
    fig = synthetic.figures(spec)
    assert sangong[("actual", "reception")] == pytest.approx(fig.sangong_actual["reception"])
    projects = outcome.frames.get("projects", [])
    if projects:  # the self-evaluation parser is there
        zero = [p for p in projects if p["project"] == fig.projects[0].name]
        assert zero and zero[0]["executed"] == 0 and zero[0]["exec_score"] == 10
