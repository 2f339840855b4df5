"""A fourteenth round, of prose (samplegen/variants_prose_fourteenth.py): the 郴州 2022 决算's and the 达州 2023 预算's
tables under a 情况说明 in three more offices' words — drawn whole (nothing may be raised) and with one planted
misstatement each (raised by its rule, on its page, quoting it, as the accuracy harness counts a flag).

Each PDF is drawn once per session and ingested once with the real pipeline (the thirteenth round's helpers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accuracy.flags import label_matches
from accuracy.truth import Label
from ingest.document import Outcome, ingest_file
from samplegen import variants_prose_fourteenth as v
from tests.ingest.layouts import ok
from tests.ingest.test_layouts_prose_thirteenth import _flags, _narrative, _page_of


@pytest.fixture(scope="session")
def written14(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return v.build(tmp_path_factory.mktemp("variants_prose_fourteenth"), broken=True)


@pytest.fixture(scope="session")
def outcomes14(written14: dict[str, Path]) -> dict[str, Outcome]:
    """Every wording whole and every planted copy, ingested once."""
    return {name: ingest_file(path) for name, path in written14.items()}


@pytest.mark.parametrize("key", list(v.WORDINGS))
def test_a_whole_explanation_raises_nothing(outcomes14, key):
    """Every figure, share, rate and word of the wording is its tables' and its own arithmetic's: no flag."""
    got = _flags(ok(outcomes14, v.name(key)))
    assert not got, [(f["rule"], f["message"]) for f in got]


def test_economic_lines_named_like_three_public_items_are_not_the_three_public_figures(outcomes14):
    """公用经费…主要包括…公务接待费0.78万元 (the 基本支出 table's line 30217) before the 三公 paragraph: the 三公
    公务接待费 read is the 三公 paragraph's 2.22 (the old reader took 0.78 and raised narrative_table_mismatch)."""
    out = ok(outcomes14, v.name("j"))
    assert _narrative(out, "sangong_reception_actual") == [pytest.approx(2.22)]


@pytest.mark.parametrize("plant", list(v.PLANTS))
def test_a_planted_misstatement_is_raised_once_where_it_is_printed(outcomes14, written14, plant):
    """The one planted figure or percentage is raised by its rule, on the page printing it, with a quote the
    accuracy harness recognises — and nothing else is raised."""
    p = v.PLANTS[plant]
    name = v.name(p.base, plant)
    got = _flags(ok(outcomes14, name))
    label = Label(p.rule, _page_of(written14[name], p.replace), p.quoted)
    assert [f["rule"] for f in got] == [p.rule], [(f["rule"], f["message"]) for f in got]
    (flag,) = got
    assert label_matches(label, flag), (label, flag["page"], flag["message"])
