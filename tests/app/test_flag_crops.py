"""The 异常标记 page crops the source page to the boxes of the figures a finding compared (fiscal/pages.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import polars as pl
import pytest
from drive import findings, goto, open_app
from PIL import Image

from fiscal import read, store
from fiscal.pages import flag_boxes, page_figures, render_excerpt, render_page

PROJECT = "打击欺诈骗保投诉举报奖励经费"


def test_a_flag_finds_the_boxes_of_the_figures_it_compared() -> None:
    figures = [
        {"dataset": "summary", "amount": 326.71, "project": None, "bbox": (500.0, 410.0, 535.0, 425.0)},
        {"dataset": "line_items", "amount": 10.0, "project": None, "bbox": (1.0, 1.0, 2.0, 2.0)},
        {"dataset": "line_items", "amount": 10.0, "project": None, "bbox": (1.0, 5.0, 2.0, 6.0)},
        {"dataset": "line_items", "amount": 10.0, "project": None, "bbox": (1.0, 9.0, 2.0, 10.0)},
        {"dataset": "projects", "amount": 0.0, "project": "甲项目", "bbox": (100.0, 160.0, 380.0, 170.0)},
    ]
    cross = {"project": None, "evidence": json.dumps({"first": 326.71, "second": 326.72, "difference": -0.01})}
    assert flag_boxes(figures, [cross]) == [(500.0, 410.0, 535.0, 425.0)]
    # printed three times on the page: it does not say which one is meant
    assert flag_boxes(figures, [{"project": None, "evidence": json.dumps({"total": 10.0})}]) == []
    assert flag_boxes(figures, [{"project": "甲项目", "evidence": "{}"}]) == [(100.0, 160.0, 380.0, 170.0)]
    assert flag_boxes(figures, [{"project": None, "evidence": "not json"}]) == []


def test_the_excerpt_is_the_page_cropped_to_a_stored_box(sample_lake: Path) -> None:
    found = findings(sample_lake).filter(pl.col("rule") == "cross_table_mismatch")
    if found.is_empty():
        pytest.skip("no cross-table finding in the sample lake")
    row = found.row(0, named=True)
    flags = read.findings.finding_flags(read.flags.all_flags(sample_lake), store.read(sample_lake, "documents"),
                                        row["finding_id"])
    boxes = flag_boxes(page_figures(sample_lake, row["doc_id"], row["page"]), flags.to_dicts())
    assert boxes, "the figures the finding compared have no stored box"
    excerpt = render_excerpt(sample_lake, row["doc_id"], row["page"], (), figures=tuple(boxes))
    assert excerpt.found and excerpt.boxes == tuple(boxes)
    crop = Image.open(io.BytesIO(excerpt.png))
    whole = Image.open(io.BytesIO(render_page(sample_lake, row["doc_id"], row["page"], scale=2.0)))
    assert crop.width == whole.width and crop.height < whole.height / 2


def test_the_flags_page_says_it_shows_the_compared_figures(sample_lake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = findings(sample_lake).filter(pl.col("project").str.contains(PROJECT))
    if found.is_empty():
        pytest.skip("the 郴州 samples are not in the lake")
    at = open_app(sample_lake, monkeypatch)
    at.query_params["finding"] = found.row(0, named=True)["finding_id"]
    goto(at, "pages/flags.py")
    assert at.get("imgs") or at.get("image"), "the source page is not shown"
    assert any("所比较的数字" in c.value for c in at.caption), [c.value for c in at.caption]


def test_every_rules_findings_show_their_source_page(sample_lake: Path) -> None:
    """The 异常标记 page shows each finding's printed page: for the first finding of every rule in the sample lake,
    a page is named and its excerpt renders, cropped to the compared figures or the quoted text."""
    from pages.flags import excerpt_quotes

    fl = read.flags.all_flags(sample_lake)
    docs = store.read(sample_lake, "documents")
    firsts = findings(sample_lake).unique("rule", keep="first", maintain_order=True)
    assert firsts.height >= 5
    cropped = 0
    for row in firsts.iter_rows(named=True):
        members = read.findings.finding_flags(fl, docs, row["finding_id"])
        first = members.row(0, named=True)
        assert first["doc_id"] and first["page"], (row["rule"], row["message"])
        speaking = members.filter(pl.col("doc_id") == first["doc_id"]).to_dicts()
        boxes = flag_boxes(page_figures(sample_lake, first["doc_id"], first["page"]), speaking)
        excerpt = render_excerpt(sample_lake, first["doc_id"], first["page"],
                                 excerpt_quotes(tuple(read.findings.quotes(speaking)), boxes),
                                 rows=read.findings.PROJECT_ROW_LABELS, figures=tuple(boxes))
        assert Image.open(io.BytesIO(excerpt.png)).width > 0
        cropped += bool(boxes or excerpt.found)
    assert cropped >= firsts.height - 1, f"{cropped} of {firsts.height} findings cropped to what they compared"
