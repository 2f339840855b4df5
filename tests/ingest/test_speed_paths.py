"""The ingest's shortcuts read the same values: pages no parser reads skip Camelot, text-only pages are not
rendered, page images skip PIL, the prose pass reuses the document's triage."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ingest import document, extract, prose, reading

ROOT = Path(__file__).resolve().parents[2]
DAZHOU = ROOT / "samples" / "dazhou_2023_budget_a.pdf"
CHENZHOU = ROOT / "samples" / "chenzhou_2022_final_a.pdf"
SELFEVAL = ROOT / "samples" / "ab_layout_selfeval.pdf"


def test_camelot_reads_only_pages_of_parsed_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """整体目标表 and 项目支出表 pages (no parser) are not read, yet the document still lists their tables;
    the 项目绩效目标表 pages are (ingest/parsers/goals.py)."""
    asked: list[int] = []
    real = extract.read_tables

    def spy(path: Path, pages: list[int], **kwargs: object) -> dict[int, list[list[list[str]]]]:
        asked.extend(pages)
        return real(path, pages, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(document, "read_tables", spy)
    outcome = document.ingest_file(DAZHOU)
    assert outcome.rejected is None
    assert {"project_targets", "overall_targets", "gpb_project"} <= set(outcome.tables)
    assert not {13, 16, 19, 25, 26, 27} & set(asked)  # the pages of those tables
    assert {9, 10, 11, 21, 22, 23, 24} <= set(asked)
    assert outcome.frames["line_items"]


def test_text_only_pages_are_not_rendered() -> None:
    """A page of text objects alone holds no line a rendering could find; a page with paths does."""
    assert extract.drawn([1], SELFEVAL) == []
    assert extract.drawn([32], CHENZHOU) == []
    assert extract.drawn([6], CHENZHOU) == [6]


def test_page_images_are_camelots_pixels() -> None:
    from camelot.backends.pdfium_backend import PdfiumBackend

    ours = extract._PageImages().to_array(str(CHENZHOU), page=6)
    theirs = PdfiumBackend().to_array(str(CHENZHOU), page=6)
    assert ours.shape == theirs.shape and ours.flags["C_CONTIGUOUS"]
    assert np.array_equal(ours, theirs)


def test_width_counts_ascii_half() -> None:
    assert prose._width(" 2024年度 ") == 4 * 0.5 + 2
    assert prose._width("一、部门概况") == 6


def test_seen_on_reads_each_page_once() -> None:
    reading.clear_caches()
    pages = ["目录\n一、收支预算总表", "2024年部门收支预算总表\n单位：万元\n合计 1.00", "公开07表\n说明"]
    assert reading.seen_on(pages, "summary", skip={1}) == [2]
    assert reading._titles_on.cache_info().currsize == 2
    assert reading.seen_on(pages, "summary", skip=set()) == [1, 2]


def test_outcome_names_pages_read_by_other_readers() -> None:
    """Pages whose table came from stream or pdfplumber are named (the bench does not compare them to lattice)."""
    outcome = document.ingest_file(CHENZHOU)
    assert all(not reading.by_lattice(r) for r in outcome.readers.values())
    assert reading.by_lattice("") and reading.by_lattice(extract.COMBINED) and not reading.by_lattice(extract.STREAM)


def test_tables_sharing_a_page_share_its_second_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, ...]] = []

    def reader(path: Path, pages: list[int], **kwargs: object) -> dict[int, list[list[list[str]]]]:
        calls.append(tuple(pages))
        return {p: [[["合计", "1.00"]]] for p in pages}

    monkeypatch.setattr(extract, "_camelot_grids", reader)
    memo: extract.Readings = {}
    first = next(extract.alternatives(CHENZHOU, [6], "vector", memo))
    again = next(extract.alternatives(CHENZHOU, [6], "vector", memo))
    assert first == again and first[0] == extract.COMBINED
    assert calls == [(6,)]
