"""A fifteenth round, of prose (samplegen/variants_prose_fifteenth.py): the 郴州 2022 决算's and the 达州 2023 预算's
tables under a 情况说明 in three more offices' words — drawn whole (nothing may be raised) and with one planted
misstatement each (raised by its rule, on its page, quoting it, as the accuracy harness counts a flag).

Each PDF is drawn once per session and ingested once with the real pipeline (the thirteenth round's helpers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accuracy.flags import label_matches
from accuracy.truth import Label
from ingest.document import Outcome, ingest_file
from samplegen import variants_prose_fifteenth as v
from tests.ingest.layouts import ok
from tests.ingest.test_layouts_prose_thirteenth import _flags, _narrative, _page_of


@pytest.fixture(scope="session")
def written15(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return v.build(tmp_path_factory.mktemp("variants_prose_fifteenth"), broken=True)


@pytest.fixture(scope="session")
def outcomes15(written15: dict[str, Path]) -> dict[str, Outcome]:
    """Every wording whole and every planted copy, ingested once."""
    return {name: ingest_file(path) for name, path in written15.items()}


@pytest.mark.parametrize("key", list(v.WORDINGS))
def test_a_whole_explanation_raises_nothing(outcomes15, key):
    """Every figure, share, rate and word of the wording is its tables' and its own arithmetic's — figures in 元,
    shares rounded to one decimal, 同比 rates with no figures, 增长1.5倍, last year's totals in a 说明: no flag."""
    got = _flags(ok(outcomes15, v.name(key)))
    assert not got, [(f["rule"], f["message"]) for f in got]


@pytest.mark.parametrize("key", ["m", "o"])
def test_fiscal_income_is_read_for_the_rules_to_compare(outcomes15, key):
    """其中：财政拨款收入1,467.16万元 / 14,671,600.00元: the 财政拨款收入 the prose states is a narrative figure (the old
    reader kept none, so a misprinted one was compared with nothing)."""
    assert _narrative(ok(outcomes15, v.name(key)), "fiscal_income_total") == [pytest.approx(1467.16)]


@pytest.mark.parametrize("plant", list(v.PLANTS))
def test_a_planted_misstatement_is_raised_once_where_it_is_printed(outcomes15, written15, plant):
    """The one planted figure, percentage, word, year or template text is raised by its rule, on the page printing
    it, with a quote the accuracy harness recognises — and nothing else is raised."""
    p = v.PLANTS[plant]
    name = v.name(p.base, plant)
    got = _flags(ok(outcomes15, name))
    label = Label(p.rule, _page_of(written15[name], p.replace), p.quoted)
    assert [f["rule"] for f in got] == [p.rule], [(f["rule"], f["message"]) for f in got]
    (flag,) = got
    assert label_matches(label, flag), (label, flag["page"], flag["message"])
