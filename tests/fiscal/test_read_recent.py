"""The read side's per-selection memo (fiscal.read.recent) and the findings kept per flags frame."""

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from fiscal.read import findings, recent


@pytest.fixture
def versions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A lake whose version the test moves (no lake on disk)."""
    now = [1]
    monkeypatch.setattr(recent, "lake_version", lambda lake: ("lake", now[0]))
    recent.clear()
    return now


def test_a_selection_is_computed_once_per_lake_version(versions: list[int]) -> None:
    calls: list[int] = []

    def compute() -> pl.DataFrame:
        calls.append(1)
        return pl.DataFrame({"x": [len(calls)]})

    first = recent.recent(Path("lake"), "page", ("a",), compute)
    assert recent.recent(Path("lake"), "page", ("a",), compute) is first and len(calls) == 1
    recent.recent(Path("lake"), "page", ("b",), compute)  # another selection: its own entry
    assert len(calls) == 2
    versions[0] = 2  # a commit: nothing of the older version is returned
    assert recent.recent(Path("lake"), "page", ("a",), compute)["x"].to_list() == [3]


def test_entries_stay_within_their_count_and_bytes(versions: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recent, "RECENT_MAX", 2)
    for key in "abc":
        recent.recent(Path("lake"), "page", key, lambda: pl.DataFrame({"x": [1]}))
    assert len(recent._entries) == 2 and all(k[1] != "a" for k in recent._entries)
    monkeypatch.setattr(recent, "RECENT_BYTES", 400)
    big = pl.DataFrame({"x": list(range(1000))})  # 8,000 bytes: larger than a quarter of the budget, not kept
    assert recent.recent(Path("lake"), "page", "big", lambda: big) is big
    assert all(k[1] != "big" for k in recent._entries)


def test_a_result_the_whole_lake_cache_holds_costs_nothing_more(versions: list[int],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A national selection's result is often a whole-lake frame itself (or holds one): kept, however large."""
    from fiscal import snapshot

    monkeypatch.setattr(recent, "RECENT_BYTES", 400)
    whole = pl.DataFrame({"x": list(range(1000))})
    monkeypatch.setattr(snapshot.LakeSnapshot, "derived_values", lambda self: [("memo", {"rows": whole})])
    assert recent.recent(Path("lake"), "page", "whole", lambda: (whole, pl.DataFrame({"y": [1]}))) is not None
    assert any(k[1] == "whole" for k in recent._entries)


def flags_frame(n: int) -> pl.DataFrame:
    """n tagged flags, two per finding, some from synthetic documents."""
    return pl.DataFrame({
        "rule": ["r1", "r2"] * (n // 2), "severity": ["warning", "error"] * (n // 2), "category": "finding",
        "region": "湖南省", "agency": [f"局{i // 2}" for i in range(n)], "year": 2023, "project": None,
        "message": "m", "evidence": None, "doc_id": [f"d{i % 7}" for i in range(n)], "page": [i % 5 for i in range(n)],
        "region_code": "430100", "agency_id": [f"a{i // 2}" for i in range(n)],
        "finding_id": [f"f{i // 2}" for i in range(n)], "synthetic": [i % 3 == 0 for i in range(n)],
        "doc_kind": "budget", "gap": [float(i % 11) / 10 for i in range(n)], "difference": None,
    }, schema_overrides={"year": pl.Int32, "page": pl.Int32, "project": pl.String, "evidence": pl.String,
                         "difference": pl.Float64})


def test_the_findings_of_one_flags_frame_are_folded_once_and_equal_a_fresh_fold(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(findings, "_FOUND_MIN_FLAGS", 10)
    findings._FOUND.clear()
    flags = flags_frame(40)
    docs = pl.DataFrame(schema={"doc_id": pl.String, "synthetic": pl.Boolean, "doc_kind": pl.String})
    first = findings.findings(flags, docs)
    assert findings.findings(flags, docs) is first
    again = findings.findings(flags.clone(), docs)  # equal content, another frame: folded again, same result
    assert again is not first
    assert_frame_equal(again, first)
    assert_frame_equal(first, findings._findings(flags, docs))
    assert first.height == 20


def test_stored_pdfs_are_found_alike_by_listing_the_folder_or_one_by_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fiscal import export, store

    store.sources_dir(tmp_path).mkdir(parents=True)
    for doc_id in ("a", "c"):
        store.source_path(tmp_path, doc_id).write_bytes(b"%PDF")
    ids = ["a", "b", "c", "a"]
    one_by_one = export.source_paths(tmp_path, ids)
    monkeypatch.setattr(export, "SOURCES_LISTED_AFTER", 0)
    assert export.source_paths(tmp_path, ids) == one_by_one == {"a": "_sources/a.pdf", "c": "_sources/c.pdf"}


def test_the_lake_s_findings_stay_while_selections_come_and_go(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The findings of a whole-lake flags frame are kept apart: selections' frames do not push them out."""
    monkeypatch.setattr(findings, "_FOUND_MIN_FLAGS", 10)
    findings._FOUND.clear()
    from fiscal.read import lakefindings

    flags = lakefindings.register_whole(flags_frame(40), tmp_path, "")
    docs = pl.DataFrame(schema={"doc_id": pl.String, "synthetic": pl.Boolean, "doc_kind": pl.String})
    first = findings.findings(flags, docs)
    for n in (20, 30, 50, 60):  # more selections than _FOUND keeps
        findings.findings(flags_frame(n), docs)
    assert findings.findings(flags, docs) is first
    assert_frame_equal(first, findings._findings(flags, docs))


def test_a_selection_s_findings_are_the_lake_s_inside_it_unless_a_finding_spans_regions(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A selection of the lake's flags by region, agency or year keeps a finding's flags whole, so its findings are
    the lake's inside the selection; a finding whose flags lie in two regions (an agency id printed in two) is
    folded from the selection's own flags."""
    from fiscal import read
    from fiscal.filters import Filters
    from fiscal.read import lakefindings

    monkeypatch.setattr(findings, "_FOUND_MIN_FLAGS", 10)
    lakefindings.forget()
    docs = pl.DataFrame(schema={"doc_id": pl.String, "synthetic": pl.Boolean, "doc_kind": pl.String})
    flags = flags_frame(80).with_columns(region_code=pl.when(pl.col("agency_id").str.slice(1).cast(pl.Int32) < 20)
                                         .then(pl.lit("430100")).otherwise(pl.lit("320100")))
    for spanning in (False, True):
        frame = flags if not spanning else flags.with_columns(  # finding f0: one flag in each province
            region_code=pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("320100")).otherwise(pl.col("region_code")))
        whole = lakefindings.register_whole(frame, tmp_path, "")
        part = read.flags.select_flags(tmp_path, Filters(province="430000"), whole)
        assert 0 < part.height < whole.height
        assert (lakefindings.kept(part) is None) is spanning
        assert_frame_equal(findings.findings(part, docs), findings._findings(part, docs))
    lakefindings.forget()
