"""A thirteenth round, of prose (samplegen/variants_prose_thirteenth.py): the 郴州 2022 决算's tables under a 情况说明 in
three offices' words — the national template's, one in 元 with 上年 before 本年 and rates to one decimal, one in
full-width digits with a total in 亿元 — drawn whole (nothing may be raised) and with one planted misstatement each
(raised by its rule, on its page, quoting it, as the accuracy harness counts a flag).

Each PDF is drawn once per session and ingested once with the real pipeline; every rule runs on it and its flags are
folded as `python -m fiscal flags` folds them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from accuracy.flags import label_matches
from accuracy.truth import Label, fold
from fiscal.rules import Frames, evaluate
from fiscal.rules.precedence import fold as fold_flags
from ingest.batch import documents_row
from ingest.document import Outcome, ingest_file
from samplegen import variants_prose_thirteenth as v
from tests.ingest.layouts import ok


@pytest.fixture(scope="session")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return v.build(tmp_path_factory.mktemp("variants_prose_thirteenth"), broken=True)


@pytest.fixture(scope="session")
def outcomes(written: dict[str, Path]) -> dict[str, Outcome]:
    """Every wording whole and every planted copy, ingested once."""
    return {name: ingest_file(path) for name, path in written.items()}


def _flags(out: Outcome) -> list[dict[str, Any]]:
    """The document's error and warning flags, every rule run and folded."""
    datasets = {k: rows for k, rows in out.frames.items() if k in Frames.__dataclass_fields__ and rows}
    found = fold_flags(evaluate(Frames.of(documents=[documents_row(out, datetime.now(UTC))], **datasets)))
    return [r for r in found.iter_rows(named=True) if r["severity"] in ("error", "warning")]


def _page_of(path: Path, text: str) -> int:
    """The 1-based page printing the start of `text` (folded; the rest may run onto the next page)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        pages = [fold(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()
    piece = fold(text.split("\f")[0])
    (page,) = [i + 1 for i, t in enumerate(pages) if piece in t] or [i + 1 for i, t in enumerate(pages)
                                                                     if piece[:10] in t]
    return page


def _narrative(out: Outcome, key: str) -> list[float]:
    return [r["amount"] for r in out.frames["narrative"] if r["key"] == key]


@pytest.mark.parametrize("key", list(v.WORDINGS))
def test_a_whole_explanation_raises_nothing(outcomes, key):
    """Every figure, share, rate and word of the wording is its tables' and its own arithmetic's: no flag."""
    got = _flags(ok(outcomes, v.name(key)))
    assert not got, [(f["rule"], f["message"]) for f in got]


@pytest.mark.parametrize("key", ["a", "b"])
def test_grand_totals_stated_for_income_and_expenditure_alike(outcomes, key):
    """收入、支出总计均为 1,468.53 万元 / 上年…均为 14,639,500.00 元，2022年度…均为 14,685,300.00 元: the 收支总计
    (this year's) is read for the rules to compare; the old reader looked for 总计为 and missed it."""
    out = ok(outcomes, v.name(key))
    assert _narrative(out, "grand_total") == [pytest.approx(1468.53)]
    assert _narrative(out, "fiscal_grand_total") == [pytest.approx(1467.16)]


def test_a_total_in_yi_yuan_is_compared_at_its_own_precision(outcomes):
    """收入总计 0.15 亿元 is 1,450–1,550 万元 as printed: the table's 1,468.53 is no mismatch (the old rule allowed
    0.5 万元 and raised narrative_table_mismatch)."""
    out = ok(outcomes, v.name("c"))
    assert _narrative(out, "grand_total") == [pytest.approx(1500.0)]


@pytest.mark.parametrize("plant", list(v.PLANTS))
def test_a_planted_misstatement_is_raised_once_where_it_is_printed(outcomes, written, plant):
    """The one planted figure, percentage or word is raised by its rule, on the page printing it, with a quote the
    accuracy harness recognises — and nothing else is raised."""
    p = v.PLANTS[plant]
    name = v.name(p.base, plant)
    got = _flags(ok(outcomes, name))
    label = Label(p.rule, _page_of(written[name], p.replace), p.quoted)
    assert [f["rule"] for f in got] == [p.rule], [(f["rule"], f["message"]) for f in got]
    (flag,) = got
    assert label_matches(label, flag), (label, flag["page"], flag["message"])
